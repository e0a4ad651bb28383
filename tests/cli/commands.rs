//! The off-chain commands of the real `shart` binary: exit codes, output
//! formats, and that an IIN never leaks into the output.
//!
//! Exit codes: 0 success, 1 an error with a message, 2 a usage error.
use std::{
    io::Write,
    path::PathBuf,
    process::{Command, Output, Stdio},
    sync::atomic::{AtomicUsize, Ordering},
};

use serde_json::Value;
use sha2::{Digest, Sha256};
use shart::statement::Statement;

const SHA256_ABC: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const REGISTRY: &str = "0x1111111111111111111111111111111111111111111111111111111111111111";
const NONCE: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
const SALT: &str = "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a";
/// Alice (`subkey inspect //Alice`), hex and SS58 (prefix 42).
const ALICE_HEX: &str = "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
const ALICE_SS58: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
/// A published valid IIN (valery1707/kaz-person-id, PrivatePersonIdTest).
const IIN: &str = "871008401427";
/// A published valid BIN (valery1707/kaz-person-id, JuridicalPersonIdTest).
const BIN: &str = "940140000385";

fn shart(args: &[&str]) -> Output {
    shart_with_stdin(args, None)
}

fn shart_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shart"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("shart starts");
    let mut pipe = child.stdin.take().expect("stdin piped");
    if let Some(input) = stdin {
        pipe.write_all(input).expect("writes stdin");
    }
    drop(pipe);
    child.wait_with_output().expect("shart runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited, not killed")
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).expect("stdout is JSON")
}

/// A fresh file under cargo's per-test temporary directory.
fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("cli-{}-{n}-{name}", std::process::id()));
    std::fs::write(&path, bytes).expect("writes temp file");
    path
}

fn path_str(p: &std::path::Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

// ---- usage ----

#[test]
fn no_arguments_prints_usage_and_exits_2() {
    let o = shart(&[]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("Usage: shart <COMMAND>"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn unknown_subcommand_exits_2() {
    let o = shart(&["frobnicate"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("unrecognized subcommand"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn help_lists_every_command_and_exits_0() {
    let o = shart(&["--help"]);
    assert_eq!(code(&o), 0);
    // Built without the `runtime` feature, the CLI has the off-chain
    // commands only.
    let runtime: &[&str] = if cfg!(feature = "runtime") {
        &["build", "demo", "bench", "node"]
    } else {
        &[]
    };
    for command in ["agreement", "eds"].iter().chain(runtime) {
        assert!(stdout(&o).contains(command), "{command} missing");
    }
}

#[cfg(not(feature = "runtime"))]
#[test]
fn without_the_runtime_the_runtime_commands_are_unknown() {
    for command in ["build", "demo", "bench", "node"] {
        let o = shart(&[command]);
        assert_eq!(code(&o), 2, "{command}");
        assert!(
            stderr(&o).contains("unrecognized subcommand"),
            "{command}: {}",
            stderr(&o)
        );
    }
}

// ---- agreement hash ----

#[test]
fn agreement_hash_of_abc_prints_the_known_sha256() {
    let file = temp_file("abc.txt", b"abc");
    let o = shart(&["agreement", "hash", path_str(&file)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), format!("{SHA256_ABC}  {}\n", file.display()));
}

#[test]
fn agreement_hash_json_has_file_bytes_sha256_and_mode() {
    let file = temp_file("abc.txt", b"abc");
    let o = shart(&["agreement", "hash", path_str(&file), "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["file"], path_str(&file));
    assert_eq!(v["bytes"], 3);
    assert_eq!(v["sha256"], SHA256_ABC);
    assert_eq!(v["canonical"], false);
    assert_eq!(v.as_object().map(|m| m.len()), Some(4));
}

#[test]
fn agreement_hash_canonical_of_crlf_bom_file_equals_lf_file() {
    let lf = temp_file("lf.txt", "Шарт\nи\u{306} clause  \nend".as_bytes());
    let crlf = temp_file(
        "crlf.txt",
        "\u{feff}Шарт\r\n\u{439} clause\r\nend\r\n\r\n".as_bytes(),
    );
    let hash = |p: &PathBuf, canonical: bool| {
        let mut args = vec!["agreement", "hash", path_str(p), "--json"];
        if canonical {
            args.push("--canonical");
        }
        let o = shart(&args);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let v = json(&o);
        assert_eq!(v["canonical"], canonical);
        v["sha256"].as_str().expect("hex").to_owned()
    };
    assert_eq!(hash(&crlf, true), hash(&lf, true));
    assert_eq!(
        hash(&lf, true),
        sha256_hex("Шарт\n\u{439} clause\nend\n".as_bytes())
    );
    // The exact mode sees the difference.
    assert_ne!(hash(&crlf, false), hash(&lf, false));
}

#[test]
fn agreement_hash_canonical_of_invalid_utf8_exits_1_with_offset() {
    let file = temp_file("latin1.txt", b"caf\xe9 au lait\n");
    let o = shart(&["agreement", "hash", "--canonical", path_str(&file)]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("not valid UTF-8"), "{}", stderr(&o));
    assert!(stderr(&o).contains("byte offset 3"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    // The exact mode hashes any bytes.
    let o = shart(&["agreement", "hash", path_str(&file)]);
    assert_eq!(code(&o), 0);
}

#[test]
fn agreement_hash_of_missing_file_exits_1() {
    let o = shart(&["agreement", "hash", "/nonexistent/agreement.txt"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("opening /nonexistent/agreement.txt"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn agreement_hash_without_file_is_a_usage_error() {
    let o = shart(&["agreement", "hash"]);
    assert_eq!(code(&o), 2);
}

// ---- agreement statement ----

fn statement_args<'a>(account: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "agreement",
        "statement",
        "--account",
        account,
        "--agreement",
        SHA256_ABC,
        "--chain",
        "drink-local",
        "--registry",
        REGISTRY,
    ];
    args.extend_from_slice(extra);
    args
}

fn expected_statement() -> String {
    format!(
        "Shart EDS binding statement\nformat: 1\naccount: {ALICE_HEX}\nagreement: {SHA256_ABC}\n\
         chain: drink-local\nregistry: {REGISTRY}\nnonce: {NONCE}\n"
    )
}

#[test]
fn statement_prints_exactly_the_statement_bytes() {
    let o = shart(&statement_args(ALICE_HEX, &["--nonce", NONCE]));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), expected_statement());
    assert!(Statement::parse(&o.stdout).is_ok());
}

#[test]
fn statement_json_carries_text_hash_and_nonce() {
    let o = shart(&statement_args(ALICE_HEX, &["--nonce", NONCE, "--json"]));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    let text = v["statement"].as_str().expect("statement");
    assert_eq!(text, expected_statement());
    assert_eq!(v["sha256"], sha256_hex(text.as_bytes()));
    assert_eq!(v["nonce"], NONCE);
}

#[test]
fn statement_with_a_configuration_digest_is_format_2_and_binds_the_digest() {
    // given: the contract's config_digest()
    let digest = "cd".repeat(32);
    // when
    let o = shart(&statement_args(
        ALICE_HEX,
        &["--nonce", NONCE, "--config-digest", &digest, "--json"],
    ));
    // then: eight lines, the digest right after the agreement
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    let expected = format!(
        "Shart EDS binding statement\nformat: 2\naccount: {ALICE_HEX}\nagreement: {SHA256_ABC}\n\
         config: {digest}\nchain: drink-local\nregistry: {REGISTRY}\nnonce: {NONCE}\n"
    );
    assert_eq!(v["statement"], expected);
    assert_eq!(
        (v["format"].clone(), v["config"].clone()),
        (2.into(), digest.clone().into())
    );
    assert_eq!(v["sha256"], sha256_hex(expected.as_bytes()));
    // and an all-zero digest is refused
    let o = shart(&statement_args(
        ALICE_HEX,
        &["--config-digest", &"0".repeat(64)],
    ));
    assert_ne!(code(&o), 0);
    assert!(stderr(&o).contains("config"), "{}", stderr(&o));
}

#[test]
fn statement_accepts_ss58_account_as_the_same_account() {
    let o = shart(&statement_args(ALICE_SS58, &["--nonce", NONCE]));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), expected_statement());
}

#[test]
fn statement_without_nonce_draws_a_fresh_one_each_time() {
    let nonce = || {
        let o = shart(&statement_args(ALICE_HEX, &["--json"]));
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let v = json(&o);
        let n = v["nonce"].as_str().expect("nonce").to_owned();
        assert_eq!(n.len(), 64);
        let s =
            Statement::parse(v["statement"].as_str().expect("text").as_bytes()).expect("parses");
        assert_eq!(hex::encode(s.nonce()), n);
        n
    };
    assert_ne!(nonce(), nonce());
}

#[test]
fn statement_out_writes_the_exact_bytes_to_the_file() {
    let out = temp_file("statement.txt", b"");
    let o = shart(&statement_args(
        ALICE_HEX,
        &["--nonce", NONCE, "--out", path_str(&out)],
    ));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let bytes = std::fs::read(&out).expect("reads");
    assert_eq!(bytes, expected_statement().as_bytes());
    assert!(stderr(&o).contains(&sha256_hex(&bytes)), "{}", stderr(&o));
}

#[test]
fn statement_refuses_bad_values_with_clear_messages() {
    let upper = ALICE_HEX.to_uppercase().replacen("0X", "0x", 1);
    let zero = "0".repeat(64);
    let short = &SHA256_ABC[..63];
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (statement_args(&upper, &[]), "account: upper-case hex digit"),
        (
            statement_args("0xd435", &[]),
            "account: 4 hex digits, 64 needed",
        ),
        (
            statement_args(&ALICE_SS58[..47], &[]),
            "account: neither 0x followed by 64 lowercase hex digits nor an SS58 address",
        ),
        (
            statement_args(ALICE_HEX, &["--nonce", "00"]),
            "nonce: 2 hex digits, 64 needed",
        ),
        (
            statement_args(ALICE_HEX, &["--nonce", &NONCE[..63]]),
            "nonce: 63 hex digits",
        ),
    ];
    for (args, message) in cases {
        let o = shart(&args);
        assert_eq!(code(&o), 1, "{args:?}");
        assert!(stderr(&o).contains(message), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty());
    }
    let with = |agreement: &str, chain: &str, registry: &str| {
        shart(&[
            "agreement",
            "statement",
            "--account",
            ALICE_HEX,
            "--agreement",
            agreement,
            "--chain",
            chain,
            "--registry",
            registry,
        ])
    };
    for (o, message) in [
        (
            with(&zero, "x", REGISTRY),
            "agreement: the hash is all zeros",
        ),
        (
            with(short, "x", REGISTRY),
            "agreement: 63 hex digits, 64 needed",
        ),
        (
            with(&format!("0x{SHA256_ABC}"), "x", REGISTRY),
            "agreement: has a 0x prefix",
        ),
        (with(SHA256_ABC, "Drink", REGISTRY), "chain: character 0"),
        (with(SHA256_ABC, "0x12", REGISTRY), "chain: 2 hex digits"),
        (
            with(SHA256_ABC, "x", &REGISTRY[2..]),
            "registry: missing the 0x prefix",
        ),
    ] {
        assert_eq!(code(&o), 1);
        assert!(stderr(&o).contains(message), "{message}: {}", stderr(&o));
    }
}

#[test]
fn statement_without_required_flag_is_a_usage_error() {
    let o = shart(&["agreement", "statement", "--account", ALICE_HEX]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--agreement"), "{}", stderr(&o));
}

// ---- eds commit ----

fn commitment_of(salt_hex: &str, digits: &str) -> String {
    let mut preimage = hex::decode(salt_hex).expect("hex");
    preimage.extend_from_slice(digits.as_bytes());
    sha256_hex(&preimage)
}

#[test]
fn eds_commit_with_salt_is_reproducible_and_matches_the_definition() {
    let run = || {
        let o = shart(&["eds", "commit", "--iin", IIN, "--salt", SALT, "--json"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        json(&o)
    };
    let (a, b) = (run(), run());
    assert_eq!(a, b);
    assert_eq!(a["kind"], "iin");
    assert_eq!(a["salt"], SALT);
    assert_eq!(a["commitment"], commitment_of(SALT, IIN));
    assert_eq!(a.as_object().map(|m| m.len()), Some(3));
}

#[test]
fn eds_commit_bin_plain_output_has_kind_salt_commitment() {
    let o = shart(&["eds", "commit", "--bin", BIN, "--salt", SALT]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!(
            "kind: bin\nsalt: {SALT}\ncommitment: {}\n",
            commitment_of(SALT, BIN)
        )
    );
}

#[test]
fn eds_commit_without_salt_draws_a_fresh_salt() {
    let run = || {
        let o = shart(&["eds", "commit", "--iin", IIN, "--json"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        json(&o)
    };
    let (a, b) = (run(), run());
    assert_ne!(a["salt"], b["salt"]);
    let salt = a["salt"].as_str().expect("salt");
    assert_eq!(a["commitment"], commitment_of(salt, IIN));
}

#[test]
fn eds_commit_reads_the_number_from_stdin_with_dash() {
    let o = shart_with_stdin(
        &["eds", "commit", "--iin", "-", "--salt", SALT, "--json"],
        Some(format!("{IIN}\n").as_bytes()),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)["commitment"], commitment_of(SALT, IIN));
}

#[test]
fn eds_commit_refuses_invalid_numbers_naming_the_check() {
    for (args, message) in [
        (vec!["--iin", "871008401428"], "IIN: check digit failed"),
        (
            vec!["--iin", "87100840142"],
            "IIN: must be 12 digits, got 11 characters",
        ),
        (
            vec!["--iin", "8710084014a7"],
            "IIN: character 11 is not a digit",
        ),
        (
            vec!["--iin", BIN],
            "IIN: digits 1-6 are not a valid birth date",
        ),
        (
            vec!["--bin", IIN],
            "BIN: digit 5 (entity type) must be 4, 5 or 6",
        ),
        (vec!["--bin", "990940003031"], "BIN: check digit failed"),
        (
            vec!["--iin", IIN, "--salt", "XYZ"],
            "--salt: not a hex digit",
        ),
        (
            vec!["--iin", IIN, "--salt", &SALT[..62]],
            "--salt: 62 hex digits",
        ),
    ] {
        let mut full = vec!["eds", "commit"];
        full.extend_from_slice(&args);
        let o = shart(&full);
        assert_eq!(code(&o), 1, "{message}");
        assert!(stderr(&o).contains(message), "{message}: {}", stderr(&o));
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn eds_commit_needs_exactly_one_of_iin_and_bin() {
    assert_eq!(code(&shart(&["eds", "commit"])), 2);
    assert_eq!(
        code(&shart(&["eds", "commit", "--iin", IIN, "--bin", BIN])),
        2
    );
}

#[test]
fn the_iin_never_appears_in_stdout_or_stderr() {
    let runs: Vec<Output> = vec![
        shart(&["eds", "commit", "--iin", IIN]),
        shart(&["eds", "commit", "--iin", IIN, "--json"]),
        shart(&["eds", "commit", "--iin", IIN, "--salt", SALT]),
        shart_with_stdin(&["eds", "commit", "--iin", "-"], Some(IIN.as_bytes())),
        // Errors: wrong kind, bad salt, usage mistakes that put the number
        // where clap echoes arguments.
        shart(&["eds", "commit", "--bin", IIN]),
        shart(&["eds", "commit", "--iin", IIN, "--salt", "zz"]),
        shart(&["eds", "commit", IIN]),
        shart(&["eds", "commit", "--iin", IIN, IIN]),
        shart(&["eds", "commit", &format!("--inn={IIN}")]),
        shart(&["eds", "commit", "--iin", IIN, "--bin", IIN]),
        shart(&["eds", IIN]),
        shart(&[IIN]),
        shart(&["eds", "commit", "8710-0840-1427"]),
        shart(&["eds", "commit", "--iin", "8710 0840 1427"]),
    ];
    // Also a near miss: 11 digits of it (a typo) must not be echoed either.
    let near = &IIN[..11];
    let hex64 = regex::Regex::new("[0-9a-f]{64}").expect("valid regex");
    let more = [
        shart(&["eds", "commit", "--iin", near]),
        shart(&["eds", "commit", near]),
    ];
    for (i, o) in runs.iter().chain(&more).enumerate() {
        for text in [stdout(o), stderr(o)] {
            assert!(!text.contains(near), "run {i} leaked the number: {text}");
            assert!(
                !text.contains(&IIN[1..]),
                "run {i} leaked the number: {text}"
            );
            // Salts and commitments are random hex and may contain any four
            // digits by chance (about 1 % of test runs did): look for the
            // fragment only outside them.
            let outside_hex = hex64.replace_all(&text, "<hex>");
            assert!(
                !outside_hex.contains("0840"),
                "run {i} leaked part of the number: {text}"
            );
        }
    }
    // The successful runs did succeed.
    for o in &runs[..4] {
        assert_eq!(code(o), 0, "{}", stderr(o));
    }
}
