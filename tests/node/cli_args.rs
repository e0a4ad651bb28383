//! The SCON text the node scenario gives `cargo contract` (issue 5) encodes
//! back to exactly the bytes drink sends: the same constructor config, the
//! same attestation evidence, the same calls, on both paths.
use contract_transcode::ContractMessageTranscoder;
use scale::Encode;
use shart::{
    bundle,
    cli_args::{args, render, Kind},
    fixtures::{self, client_evidence, sha256, Accounts, MASTER_AGREEMENT},
    runtime::ink_account,
};

fn transcoder(contract: &str) -> (ContractMessageTranscoder, bundle::Bundle) {
    let b = bundle::bundle(contract).expect("bundle builds");
    let t = ContractMessageTranscoder::load(&b.path).expect("metadata loads");
    (t, b)
}

/// Encodes `selector ‖ payload`, renders it, and checks the rendering
/// encodes back to the same bytes through the parser cargo-contract uses.
fn round_trip(
    t: &ContractMessageTranscoder,
    kind: Kind,
    name: &str,
    selector: [u8; 4],
    payload: impl Encode,
) -> Vec<String> {
    let mut encoded = selector.to_vec();
    payload.encode_to(&mut encoded);
    round_trip_encoded(t, kind, name, encoded)
}

/// A message of `b` by name, kit messages through their kit entry
/// (`Bundle::route`), round-tripped as [`round_trip`] does.
fn round_trip_message(
    t: &ContractMessageTranscoder,
    b: &bundle::Bundle,
    name: &str,
    payload: impl Encode,
) -> Vec<String> {
    let route = b.route(name).expect("the bundle has the message");
    round_trip_encoded(
        t,
        Kind::Message,
        route.message,
        route.input(&payload.encode()),
    )
}

fn round_trip_encoded(
    t: &ContractMessageTranscoder,
    kind: Kind,
    name: &str,
    encoded: Vec<u8>,
) -> Vec<String> {
    let text = args(t, kind, &encoded).expect("decodes");
    let back = t.encode(name, &text).expect("the text parses");
    assert_eq!(back, encoded, "{name}: {text:?}");
    text
}

#[test]
fn service_agreement_constructor_config_round_trips() {
    let (t, b) = transcoder("service_agreement");
    let a = Accounts::new();
    let registry = ink_account(&a.verifier);
    let config = fixtures::config(&a, registry);
    let text = round_trip(&t, Kind::Constructor, "new", b.constructors["new"], config);
    assert_eq!(text.len(), 1);
    assert!(text[0].starts_with("Config {"), "{}", text[0]);
}

#[test]
fn calls_of_the_lifecycle_round_trip() {
    let (t, b) = transcoder("service_agreement");
    let hash = sha256(MASTER_AGREEMENT.as_bytes());
    // Every safeguard message is one `safeguard` argument: the call as a
    // SCON enum variant with named fields.
    let text = round_trip_message(&t, &b, "accept_agreement", (hash, 1u32, [7u8; 32]));
    assert_eq!(text.len(), 1);
    assert!(text[0].starts_with("AcceptAgreement {"), "{}", text[0]);
    assert!(text[0].contains("version: 1,"), "{}", text[0]);
    // A 32-byte hash is a list of 32 numbers in SCON: two of them.
    assert_eq!(text[0].matches(",").count(), 2 * 31 + 2, "{}", text[0]);
    round_trip_message(&t, &b, "raise_dispute", (0u32, hash));
    let rule = round_trip_message(&t, &b, "rule", (1u32, 2_500u16, hash));
    assert_eq!(rule.len(), 1);
    assert!(rule[0].starts_with("Rule {"), "{}", rule[0]);
    let pause = round_trip_message(&t, &b, "pause", hash);
    assert!(pause[0].starts_with("Pause {"), "{}", pause[0]);
    round_trip_message(&t, &b, "resume", ());
    round_trip_message(
        &t,
        &b,
        "resolve_review",
        (1u32, Some(safeguards::review::Verdict::Favourable), hash),
    );
    // The template's own messages keep their entries.
    round_trip(
        &t,
        Kind::Message,
        "mark_delivered",
        b.messages["mark_delivered"],
        0u32,
    );
}

#[test]
fn registry_attestation_evidence_round_trips() {
    let (t, b) = transcoder("eds_registry");
    let a = Accounts::new();
    let text = round_trip(
        &t,
        Kind::Message,
        "attest",
        b.messages["attest"],
        client_evidence(&a),
    );
    assert!(text[0].contains("ChiefExecutive"), "{}", text[0]);
}

#[test]
fn strings_are_quoted_and_escaped() {
    use contract_transcode::Value;
    assert_eq!(render(&Value::String("a \"b\"".into())), r#""a \"b\"""#);
    assert_eq!(render(&Value::Unit), "()");
}

#[test]
fn evidence_text_of_eds_attest_encodes_like_the_value() {
    // `shart eds attest` prints `attest_args` for `cargo contract call`;
    // it must encode to exactly what drink sends for the same evidence.
    let (t, b) = transcoder("eds_registry");
    let a = Accounts::new();
    let evidence = client_evidence(&a);
    let mut expected = b.messages["attest"].to_vec();
    evidence.encode_to(&mut expected);
    let text = shart::eds::attest::evidence_scon(&evidence);
    assert_eq!(
        t.encode("attest", [&text]).expect("parses"),
        expected,
        "{text}"
    );
}
