//! The flagship scenario on both ledgers: drink always; a real
//! substrate-contracts-node only when one runs (`SHART_NODE=1`, see
//! `docs/deploy.md`). The node test is ignored otherwise, with the reason
//! printed by `cargo test`: it never passes without having run.

mod cli_args;
use shart::scenario::{self, DrinkLedger};

#[test]
fn scenario_on_drink_meets_every_expected_outcome() {
    // given
    let mut ledger = DrinkLedger::new().expect("bundles build");
    // when
    let transcript = scenario::run(&mut ledger).expect("every outcome as expected");
    // then
    let text = transcript.text();
    for line in [
        "event AutomatedDecisionRecorded",
        "event DecisionTookEffect",
        "event DisputeResolved",
        "client -> fund: refused: Agreement(NotEffective)",
        "event SettlementPaid(SettlementPaid { recipient: contractor, amount: 100000 })",
        "read held: 0",
        "balances: escrow +1250000",
        "balances: contractor +500000, escrow -500000",
        "balances: client +80000, contractor +120000, escrow -200000",
        "balances: contractor +100000, escrow -100000",
        "read held: 150000",
        "balances: client +150000, escrow -150000",
        "verified client's CMS",
        "client -> accept_agreement: refused: Eds(NoAttestation { account: client })",
        "contractor -> appeal: refused: Dispute(AppealAlreadyUsed)",
        "event AttestationRecorded(AttestationRecorded { id: 2, account: contractor, verifier: verifier, holder_kind: Individual, role: Individual, ca: NcaGost2015, valid_until: _, statement_hash: contractor-statement })",
        "event AcceptanceAttestationInvalidated",
    ] {
        assert!(text.contains(line), "transcript lacks {line:?}:\n{text}");
    }
    assert!(
        !text.contains("1767"),
        "block times leaked into the transcript:\n{text}"
    );
}

#[test]
fn ledgers_at_other_addresses_print_the_same_compared_text() {
    // given: two ledgers whose contracts land at other addresses on chains
    // of other names, as drink and a node do; the configuration digest and
    // the binding statements name the registry's address and the chain
    let mut first = DrinkLedger::new().expect("bundles build");
    let mut second = DrinkLedger::elsewhere().expect("bundles build");
    // when
    let a = scenario::run(&mut first).expect("every outcome as expected");
    let b = scenario::run(&mut second).expect("every outcome as expected");
    // then: the compared texts are equal, the reader's texts are not
    let differ = scenario::differences(a.text(), b.text(), "first", "second");
    assert!(differ.is_empty(), "{}", differ.join("\n"));
    assert!(
        !a.text().contains("gas:") && !a.text().contains("| chain:"),
        "costs and details leaked into the compared text"
    );
    assert!(a.shown().contains("| chain: drink-local"), "{}", a.shown());
    assert!(b.shown().contains("| chain: 0x6e6e"), "{}", b.shown());
    let registry = |t: &str| {
        t.lines()
            .find(|l| l.contains("| registry:"))
            .map(str::to_owned)
    };
    assert!(registry(a.shown()).is_some());
    assert_ne!(
        registry(a.shown()),
        registry(b.shown()),
        "the registries' addresses differ"
    );
}

#[test]
fn differences_show_changed_and_missing_lines_and_nothing_for_equal_texts() {
    // given
    let a = "== step\n   x -> f: Ok\n";
    let b = "== step\n   x -> f: refused\n   read held: 0\n";
    // when / then
    assert!(scenario::differences(a, a, "node", "drink").is_empty());
    assert_eq!(
        scenario::differences(a, b, "node", "drink"),
        vec![
            "  line 2:\n    node:     x -> f: Ok\n    drink:    x -> f: refused",
            "  line 3:\n    node:  (none)\n    drink:    read held: 0",
        ]
    );
}

#[test]
fn dev_accounts_are_the_well_known_keyring_addresses() {
    // given / when
    let alice = shart::node::dev_account("//Alice").unwrap();
    let bob = shart::node::dev_account("//Bob").unwrap();
    // then
    assert_eq!(
        shart::ss58::encode(42, alice.as_ref()).unwrap(),
        "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
    );
    assert_eq!(
        shart::ss58::encode(42, bob.as_ref()).unwrap(),
        "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"
    );
}

#[test]
fn code_hash_is_blake2b_256_of_the_wasm() {
    assert_eq!(
        hex::encode(shart::bundle::code_hash(b"")),
        "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"
    );
}

#[test]
fn account_key_is_system_accounts_well_known_key_for_alice() {
    // given
    let alice = shart::node::dev_account("//Alice").unwrap();
    // when
    let key = shart::node::account_key(alice.as_ref());
    // then: the key every Substrate explorer shows for Alice's account
    assert_eq!(
        hex::encode(key),
        "26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9\
         de1e86a9a8c739864cf3cc5ec2bea59f\
         d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d"
    );
}

#[test]
fn free_balance_reads_account_data_after_the_four_counters() {
    // given: nonce 7, consumers 1, providers 1, sufficients 0, free, reserved
    let mut info = Vec::new();
    for n in [7u32, 1, 1, 0] {
        info.extend_from_slice(&n.to_le_bytes());
    }
    info.extend_from_slice(&123_456_789u128.to_le_bytes());
    info.extend_from_slice(&5u128.to_le_bytes());
    // when / then
    assert_eq!(shart::node::free_balance(&info).unwrap(), 123_456_789);
    assert!(shart::node::free_balance(&info[..20]).is_err());
}

#[test]
fn contract_events_keeps_the_data_of_one_contracts_emitted_events() {
    // given: `cargo contract call -x --output-json` prints DisplayEvents,
    // each event's data as its SCALE encoding (compact length, then bytes)
    let ours = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
    let events = serde_json::json!([
        {"pallet": "Balances", "name": "Withdraw", "fields": []},
        {"pallet": "Contracts", "name": "ContractEmitted", "fields": [
            {"name": "contract", "value": {"Literal": ours}},
            {"name": "data", "value": {"Hex": {"s": "080102"}}}
        ]},
        {"pallet": "Contracts", "name": "ContractEmitted", "fields": [
            {"name": "contract", "value": {"Literal": "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"}},
            {"name": "data", "value": {"Hex": {"s": "04ff"}}}
        ]},
        {"pallet": "Contracts", "name": "ContractEmitted", "fields": [
            {"name": "contract", "value": {"Literal": ours}},
            {"name": "data", "value": {"Hex": {"s": "0x0403"}}}
        ]}
    ]);
    // when
    let data = shart::node::contract_events(&events, ours).unwrap();
    // then
    assert_eq!(data, vec![vec![1, 2], vec![3]]);
}

/// The scenario on a running node (`scripts/node.sh`), compared line for
/// line with drink's transcript.
#[test]
#[ignore = "needs a running substrate-contracts-node and cargo-contract 5.0.3: run scripts/node.sh, then SHART_NODE=1 cargo test --test node -- --ignored (docs/deploy.md)"]
fn scenario_on_a_node_matches_drink_line_for_line() {
    // given
    assert_eq!(
        std::env::var("SHART_NODE").as_deref(),
        Ok("1"),
        "set SHART_NODE=1 once scripts/node.sh runs"
    );
    let url = std::env::var("SHART_NODE_URL").unwrap_or_else(|_| shart::node::DEFAULT_URL.into());
    let records = tempfile_dir();
    let mut node = shart::node::NodeLedger::new(&url, &records).expect("node and cargo-contract");
    let mut drink = DrinkLedger::new().expect("bundles build");
    // when
    let on_node = scenario::run(&mut node).expect("every outcome as expected on the node");
    let in_drink = scenario::run(&mut drink).expect("every outcome as expected in drink");
    // then
    let differ = scenario::differences(on_node.text(), in_drink.text(), "node", "drink");
    assert!(
        differ.is_empty(),
        "the transcripts differ:\n{}",
        differ.join("\n")
    );
    for contract in ["eds_registry", "service_agreement"] {
        let record = read_json(&records.join(format!("{contract}.json")));
        assert_eq!(record["contract"], contract);
        assert!(record["block"]["number"].as_u64().is_some());
    }
    // and: each record checks out against this checkout and the chain; a
    // record naming the registry's address as the agreement's does not
    for contract in ["eds_registry", "service_agreement"] {
        let v = shart::node::verify_record(&records.join(format!("{contract}.json")), Some(&url))
            .expect("the record checks out");
        assert_eq!(v.contract, contract);
    }
    let registry = read_json(&records.join("eds_registry.json"));
    let mut swapped = read_json(&records.join("service_agreement.json"));
    swapped["address"] = registry["address"].clone();
    let path = write_record("swapped.json", &swapped.to_string());
    let err = shart::node::verify_record(&path, Some(&url)).unwrap_err();
    assert!(format!("{err:#}").contains("runs code"), "{err:#}");
}

#[test]
fn verify_record_refuses_a_code_hash_this_checkout_does_not_build() {
    // given: a record whose code hash is not the local bundle's
    let path = write_record(
        "tampered.json",
        &serde_json::json!({
            "contract": "eds_registry",
            "address": "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY",
            "code_hash": format!("0x{}", "00".repeat(32)),
            "url": "ws://127.0.0.1:1",
        })
        .to_string(),
    );
    // when: checked (the chain is never asked: the local check comes first)
    let err = shart::node::verify_record(&path, None).unwrap_err();
    // then
    assert!(
        format!("{err:#}").contains("this checkout builds 0x"),
        "{err:#}"
    );
}

#[test]
fn verify_record_refuses_an_unknown_contract() {
    // given
    let path = write_record(
        "unknown.json",
        r#"{"contract": "../../etc", "address": "x", "code_hash": "0x00"}"#,
    );
    // when
    let err = shart::node::verify_record(&path, None).unwrap_err();
    // then
    assert!(format!("{err:#}").contains("unknown contract"), "{err:#}");
}

fn read_json(path: &std::path::Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Writes a deployment record named `name` into this run's temporary folder.
fn write_record(name: &str, text: &str) -> std::path::PathBuf {
    let path = tempfile_dir().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("shart-node-records-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The SCON text `NodeLedger` passes to `cargo contract` encodes, through
/// the real CLI, to exactly the bytes drink sends. Needs only the
/// cargo-contract binary, no node.
#[test]
#[ignore = "needs cargo-contract 5.0.3: run scripts/node.sh install, then SHART_NODE=1 cargo test --test node -- --ignored (docs/deploy.md)"]
fn cargo_contract_encodes_the_scenarios_arguments_to_drinks_bytes() {
    use contract_transcode::ContractMessageTranscoder;
    use safeguards::review::Verdict;
    use scale::Encode;
    use shart::{
        bundle,
        cli_args::{args, Kind},
        fixtures::{self, doc, sha256, Accounts, MASTER_AGREEMENT},
    };
    let a = Accounts::new();
    let registry = bundle::bundle("eds_registry").unwrap();
    let agreement = bundle::bundle("service_agreement").unwrap();
    let cases: Vec<(&bundle::Bundle, &str, Vec<u8>)> = vec![
        (&registry, "attest", fixtures::client_evidence(&a).encode()),
        (
            &agreement,
            "accept_agreement",
            (sha256(MASTER_AGREEMENT.as_bytes()), 1u32, [9u8; 32]).encode(),
        ),
        (
            &agreement,
            "resolve_review",
            (1u32, None::<Verdict>, doc("reasoning")).encode(),
        ),
        (
            &agreement,
            "resolve_review",
            (1u32, Some(Verdict::Favourable), doc("reasoning")).encode(),
        ),
        (
            &agreement,
            "raise_dispute",
            (2u32, doc("evidence")).encode(),
        ),
        (&agreement, "fund", ().encode()),
    ];
    for (b, message, payload) in cases {
        // given: what drink sends
        let route = b.route(message).unwrap();
        let encoded = route.input(&payload);
        let t = ContractMessageTranscoder::load(&b.path).unwrap();
        let scon = args(&t, Kind::Message, &encoded).unwrap();
        // when: the CLI encodes the text
        // (the bundle goes first: `--args` takes every value after it)
        let mut cmd = std::process::Command::new(shart::node::cargo_contract());
        cmd.args(["contract", "encode"])
            .arg(&b.path)
            .args(["--message", route.message]);
        if !scon.is_empty() {
            cmd.arg("--args").args(&scon);
        }
        let out = cmd.output().expect("cargo-contract runs");
        // then
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{message}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let hex_out = stdout
            .trim()
            .strip_prefix("Encoded data: ")
            .unwrap_or_else(|| panic!("{message}: unexpected output {stdout}"));
        assert_eq!(
            hex_out.to_lowercase(),
            hex::encode(&encoded),
            "{message}: {scon:?}"
        );
    }
}
