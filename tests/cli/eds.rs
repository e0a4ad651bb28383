//! `shart eds verify` and `shart eds attest` as a user runs them: files made
//! by the test kit (and NCA's real test signatures), the real binary, its
//! exit codes, text and JSON.
//!
//! Exit codes: 0 verified; 2 input missing or unreadable; 10 malformed
//! container; 12 digest or content mismatch; 15 untrusted chain; 16 not
//! valid at the signing time; 17 not a signing key; 19 revoked; 20 not
//! attestable (docs/eds.md).
use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
    sync::{
        atomic::{AtomicUsize, Ordering},
        OnceLock,
    },
};

use serde_json::Value;
use shart_offchain::eds::{
    certificate::Cert,
    input,
    testkit::{self, days_after, days_before, CertSpec, CmsSpec, KeyKind, Pki, TestKey},
};

const IIN: &str = "871008401427";
const AGREEMENT: &[u8] = b"Master agreement No. 7 between the client and the contractor.\n";

fn shart(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shart"))
        .args(args)
        .output()
        .expect("shart runs")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited, not killed")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8")
}

fn dir() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let d = std::env::temp_dir().join(format!(
        "shart-cli-eds-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A GOST-512 PKI, a signer, a CA folder and a detached signature of
/// AGREEMENT on disk.
struct Files {
    pki: Pki,
    signer: Cert,
    key: TestKey,
    dir: PathBuf,
    ca: PathBuf,
    agreement: PathBuf,
    signature: PathBuf,
}

fn files() -> &'static Files {
    static F: OnceLock<Files> = OnceLock::new();
    F.get_or_init(|| {
        let pki = Pki::new(KeyKind::Gost512, false);
        let key = TestKey::generate(KeyKind::Gost512);
        let signer = pki.holder(
            &CertSpec::individual("TESTOV TEST", IIN, 100, days_before(30), days_after(365)),
            &key,
        );
        let dir = dir();
        let ca = dir.join("ca");
        std::fs::create_dir_all(&ca).unwrap();
        std::fs::write(
            ca.join("root.pem"),
            input::to_pem("CERTIFICATE", &pki.root.der),
        )
        .unwrap();
        std::fs::write(ca.join("issuing.der"), &pki.ca.der).unwrap();
        let agreement = dir.join("agreement.txt");
        std::fs::write(&agreement, AGREEMENT).unwrap();
        let sig = testkit::sign_cms(AGREEMENT, &signer, &key, &spec(true));
        let signature = dir.join("agreement.cms");
        // Base64, as NCALayer returns it.
        std::fs::write(&signature, input::to_base64(&sig)).unwrap();
        Files {
            pki,
            signer,
            key,
            dir,
            ca,
            agreement,
            signature,
        }
    })
}

/// `shart eds verify ARGS`.
fn eds_verify(args: &[&str]) -> Output {
    let mut all = vec!["eds", "verify"];
    all.extend_from_slice(args);
    shart(&all)
}

/// `shart eds verify` of the shared signature, agreement and CA folder,
/// plus `extra`.
fn verify_default(extra: &[&str]) -> Output {
    let f = files();
    let mut args = vec![
        "--signature",
        p(&f.signature),
        "--agreement",
        p(&f.agreement),
        "--ca",
        p(&f.ca),
    ];
    args.extend_from_slice(extra);
    eds_verify(&args)
}

fn spec(detached: bool) -> CmsSpec {
    CmsSpec {
        detached,
        signing_time: Some(days_after(10)),
        ..CmsSpec::default()
    }
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn verify_detached_signature_prints_the_signer_and_exits_0() {
    let o = verify_default(&[]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("signer 1: VERIFIED"), "{out}");
    assert!(out.contains(&format!("IIN: {IIN}")), "{out}");
    assert!(
        out.contains("roles: Individual (1.2.398.3.3.4.1.1)"),
        "{out}"
    );
    assert!(out.contains("revocation: NOT CHECKED"), "{out}");
}

#[test]
fn verify_json_reports_validity_and_every_field() {
    let o = verify_default(&["--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["attached"], false);
    let s = &v["signers"][0];
    assert_eq!(s["verified"], true);
    assert_eq!(s["iin"], IIN);
    assert_eq!(s["key_algorithm"], "Gost512");
    assert_eq!(s["issuing_ca"], "NcaGost2015");
    assert_eq!(s["checked_at_source"], "signing-time");
    assert_eq!(s["revocation_checked"], false);
}

#[test]
fn verify_other_content_exits_12_digest_mismatch() {
    let f = files();
    let other = write("other.txt", b"Master agreement No. 8");
    let o = eds_verify(&[
        "--signature",
        p(&f.signature),
        "--agreement",
        p(&other),
        "--ca",
        p(&f.ca),
    ]);
    assert_eq!(code(&o), 12);
    assert!(stderr(&o).contains("[digest-mismatch]"), "{}", stderr(&o));
    assert!(stdout(&o).contains("signer 1: FAILED [digest-mismatch]"));
}

#[test]
fn verify_without_agreement_for_detached_signature_exits_2() {
    let f = files();
    let o = eds_verify(&["--signature", p(&f.signature), "--ca", p(&f.ca)]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("[content-missing]"));
}

#[test]
fn verify_with_another_ca_or_no_ca_exits_15_untrusted_chain() {
    let f = files();
    let other = Pki::new(KeyKind::Gost512, true);
    let ca = dir();
    std::fs::write(ca.join("other.der"), &other.root.der).unwrap();
    let o = eds_verify(&[
        "--signature",
        p(&f.signature),
        "--agreement",
        p(&f.agreement),
        "--ca",
        p(&ca),
    ]);
    assert_eq!(code(&o), 15, "{}", stderr(&o));
    let o = eds_verify(&[
        "--signature",
        p(&f.signature),
        "--agreement",
        p(&f.agreement),
    ]);
    assert_eq!(code(&o), 15);
    assert!(stderr(&o).contains("no trusted CA certificate given (--ca)"));
}

#[test]
fn verify_after_expiry_exits_16_and_at_inside_validity_exits_0() {
    // A certificate valid in 2025 only, and a signature dated after it
    // expired (both in the past, whatever today's date).
    let f = files();
    let key = TestKey::generate(KeyKind::Gost512);
    let old = f.pki.holder(
        &CertSpec::individual("EXPIRED", IIN, 102, days_before(300), days_before(200)),
        &key,
    );
    let sig = testkit::sign_cms(
        AGREEMENT,
        &old,
        &key,
        &CmsSpec {
            signing_time: Some(days_before(100)),
            ..CmsSpec::default()
        },
    );
    let path = write("late.p7s", &sig);
    let o = shart(&["eds", "verify", "--signature", p(&path), "--ca", p(&f.ca)]);
    assert_eq!(code(&o), 16);
    assert!(stderr(&o).contains("[certificate-not-valid]"));
    let o = eds_verify(&[
        "--signature",
        p(&path),
        "--ca",
        p(&f.ca),
        "--at",
        "2025-05-01",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = eds_verify(&[
        "--signature",
        p(&path),
        "--ca",
        p(&f.ca),
        "--at",
        "1st of February",
    ]);
    assert_eq!(code(&o), 2);
}

#[test]
fn verify_authentication_key_exits_17() {
    let f = files();
    let key = TestKey::generate(KeyKind::Gost512);
    let mut cert_spec = CertSpec::individual("AUTH", IIN, 101, days_before(30), days_after(365));
    cert_spec.eku = vec![shart::eds::algorithms::oid::EKU_CLIENT_AUTH];
    let auth = f.pki.holder(&cert_spec, &key);
    let sig = testkit::sign_cms(AGREEMENT, &auth, &key, &spec(false));
    let path = write("auth.p7s", &sig);
    let o = shart(&["eds", "verify", "--signature", p(&path), "--ca", p(&f.ca)]);
    assert_eq!(code(&o), 17);
    assert!(stderr(&o).contains("not a signing key"), "{}", stderr(&o));
}

#[test]
fn verify_with_crl_exits_19_when_revoked_and_0_when_not() {
    let f = files();
    let revoked = testkit::crl(
        &f.pki.ca,
        &f.pki.ca_key,
        &[(&f.signer, days_after(5))],
        days_after(15),
    );
    let crl = write("revoked.crl", &revoked);
    let o = verify_default(&["--crl", p(&crl)]);
    assert_eq!(code(&o), 19);
    assert!(stderr(&o).contains("[revoked]"));
    let clean = testkit::crl(&f.pki.ca, &f.pki.ca_key, &[], days_after(15));
    let crl = write("clean.crl", input::to_pem("X509 CRL", &clean).as_bytes());
    let o = verify_default(&["--crl", p(&crl)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("revocation: not on the CRL"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn verify_malformed_inputs_exit_10_or_2_never_panic() {
    let f = files();
    let der = testkit::sign_cms(AGREEMENT, &f.signer, &f.key, &spec(false));
    for (name, bytes) in [
        ("empty.p7s", Vec::new()),
        ("truncated.p7s", der[..der.len() / 3].to_vec()),
        (
            "random.p7s",
            (0..200u8)
                .map(|b| b.wrapping_mul(73).wrapping_add(11))
                .collect(),
        ),
        ("text.p7s", b"MIIB this is not base64 at all".to_vec()),
    ] {
        let path = write(name, &bytes);
        let o = eds_verify(&["--signature", p(&path), "--ca", p(&f.ca), "--json"]);
        assert_eq!(code(&o), 10, "{name}: {}", stderr(&o));
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(v["valid"], false);
        assert_eq!(v["error"]["code"], "malformed-container");
        assert!(!stderr(&o).contains("panicked"));
    }
    let o = eds_verify(&[
        "--signature",
        p(&f.dir.join("missing.p7s")),
        "--ca",
        p(&f.ca),
    ]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("[io]"));
}

#[test]
fn verify_real_nca_signature_verifies_the_gost_signer_and_refuses_the_expired_rsa_one() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/shart-eds/fixtures/nca");
    let ca = dir();
    std::fs::copy(
        fixtures.join("nca_gost2022_test_intermediate.der"),
        ca.join("nca.der"),
    )
    .unwrap();
    let o = eds_verify(&[
        "--signature",
        p(&fixtures.join("ncanode_SIGNED_DETACHED_CMS.b64")),
        "--agreement",
        p(&fixtures.join("content_test123.bin")),
        "--ca",
        p(&ca),
        "--json",
    ]);
    assert_eq!(code(&o), 16, "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["signers"][0]["verified"], true);
    assert_eq!(v["signers"][0]["issuing_ca"], "NcaTestGost2015");
    assert_eq!(v["signers"][1]["error"]["code"], "certificate-not-valid");
}

#[test]
fn attest_turns_a_signed_statement_into_registry_evidence() {
    // Given a binding statement written by the CLI and signed by the holder
    let f = files();
    let statement_path = f.dir.join("statement.txt");
    let o = shart(&[
        "agreement",
        "statement",
        "--account",
        "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d",
        "--agreement",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "--chain",
        "drink-local",
        "--registry",
        "0x1111111111111111111111111111111111111111111111111111111111111111",
        "--out",
        p(&statement_path),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let statement = std::fs::read(&statement_path).unwrap();
    let sig = testkit::sign_cms(&statement, &f.signer, &f.key, &spec(true));
    let sig_path = write("statement.cms", input::to_pem("CMS", &sig).as_bytes());
    // When the verifier attests it
    let salt = "5a".repeat(32);
    let o = shart(&[
        "eds",
        "attest",
        "--statement",
        p(&statement_path),
        "--signature",
        p(&sig_path),
        "--ca",
        p(&f.ca),
        "--salt",
        &salt,
    ]);
    // Then the evidence binds the statement's account and hash
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(!out.contains(IIN), "the IIN never appears in the output");
    let v: Value = serde_json::from_str(&out).unwrap();
    let e = &v["evidence"];
    assert_eq!(
        e["account"],
        "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d"
    );
    assert_eq!(
        e["account_ss58"],
        "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
    );
    let statement_hash = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&statement));
    assert_eq!(e["statement_hash"], format!("0x{statement_hash}"));
    assert_eq!(e["role"], "Individual");
    assert_eq!(e["holder_kind"], "Individual");
    assert_eq!(e["algorithm"], "Gost512");
    let commitment = shart::iin::IdNumber::parse(shart::iin::Kind::Iin, IIN)
        .unwrap()
        .commitment(&[0x5a; 32]);
    assert_eq!(
        e["subject_commitment"],
        format!("0x{}", hex::encode(commitment))
    );
    assert_eq!(v["private"]["salt"], salt);
    // Ready for `cargo contract call --message attest --args …`.
    let args = v["attest_args"].as_str().unwrap();
    assert!(args.starts_with("Evidence { account: 5GrwvaEF"), "{args}");
    assert!(
        args.contains(&format!("statement_hash: 0x{statement_hash}")),
        "{args}"
    );
    assert_eq!(v["statement"]["chain"], "drink-local");
}

#[test]
fn attest_of_a_signature_over_other_content_exits_20() {
    let f = files();
    let o = shart(&[
        "eds",
        "attest",
        "--statement",
        p(&f.agreement),
        "--signature",
        p(&f.signature),
        "--ca",
        p(&f.ca),
    ]);
    assert_eq!(code(&o), 20, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("not a binding statement"),
        "{}",
        stderr(&o)
    );
}
