//! The off-chain commands: `shart agreement ...` and `shart eds ...`.
//! They need no chain and no runtime, and build without the `runtime`
//! feature.
use std::{
    fs::{self, File},
    io::{self, BufRead, IsTerminal, Read, Write},
    path::PathBuf,
    process::ExitCode,
};

use anyhow::{anyhow, Context, Result};
use clap::{ArgGroup, Args, Subcommand};
use serde_json::json;
use shart::{
    agreement::{self, BUFFER_SIZE},
    eds::{attest, certificate, error::VerifyError, input as eds_input, verify},
    iin::{self, IdNumber, Kind},
    statement::{self, ChainId, Field, Statement},
};

#[derive(Debug, Subcommand)]
pub(crate) enum AgreementCommand {
    /// SHA-256 of FILE (lowercase hex), streamed.
    Hash(HashArgs),
    /// Print the exact statement an EDS holder signs (with NCALayer) to bind
    /// an account to an agreement hash.
    Statement(StatementArgs),
}

#[derive(Debug, Args)]
pub(crate) struct HashArgs {
    /// The agreement file.
    file: PathBuf,
    /// Hash the canonical form of a UTF-8 text instead of the exact bytes:
    /// one leading BOM removed, CRLF and CR as LF, trailing spaces and tabs
    /// removed, Unicode NFC, trailing blank lines removed, one final LF.
    #[arg(long)]
    canonical: bool,
    /// Print {"file", "bytes", "sha256", "canonical"} as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct StatementArgs {
    /// The account to bind: 0x + 64 lowercase hex, or an SS58 address.
    #[arg(long, value_name = "ACCOUNT")]
    account: String,
    /// SHA-256 of the agreement: 64 lowercase hex, no 0x.
    #[arg(long, value_name = "SHA256")]
    agreement: String,
    /// The chain: its genesis hash (0x + 64 lowercase hex) or a lowercase
    /// name [a-z0-9-]{1,64}, e.g. drink-local.
    #[arg(long, value_name = "CHAIN")]
    chain: String,
    /// The EDS registry contract's address: 0x + 64 lowercase hex.
    #[arg(long, value_name = "ADDRESS")]
    registry: String,
    /// The contract's configuration digest (its `config_digest()`, the
    /// SHA-256 of the SCALE-encoded instantiation parameters; 64
    /// lowercase hex): the statement becomes format 2 and the EDS
    /// signature covers the parameters too. Without it, format 1.
    #[arg(long, value_name = "SHA256")]
    config_digest: Option<String>,
    /// 64 lowercase hex; 32 random bytes from the OS if absent.
    #[arg(long, value_name = "HEX")]
    nonce: Option<String>,
    /// Write the statement bytes to FILE instead of stdout.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Print {"statement", "sha256", "nonce", "format", "config"} as JSON
    /// (the bytes still go to --out if given).
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum EdsCommand {
    /// Validate an IIN or BIN and print a salted commitment,
    /// SHA-256(salt ‖ the 12 digits). The number itself is never printed.
    Commit(CommitArgs),
    /// Verify a CMS / CAdES-BES signature (NCALayer, Kalkan): content
    /// digest, signature, signing key, chain to --ca, validity, CRL.
    Verify(VerifyArgs),
    /// Verify a signature over a binding statement and print the
    /// registry's attestation record as JSON.
    Attest(AttestArgs),
}

/// Trust and time options shared by `eds verify` and `eds attest`.
#[derive(Debug, Args)]
pub(crate) struct TrustArgs {
    /// The signature: CMS SignedData as DER, BER, PEM or base64.
    #[arg(long, value_name = "SIG")]
    signature: PathBuf,
    /// Folder of trusted CA certificates (DER or PEM): NCA roots and
    /// intermediates. Without it no chain can be trusted.
    #[arg(long, value_name = "DIR")]
    ca: Option<PathBuf>,
    /// A CRL (DER or PEM) to check the signer certificate against;
    /// repeatable. Without it revocation is not checked, and the report says so.
    #[arg(long, value_name = "FILE")]
    crl: Vec<PathBuf>,
    /// Check validity at this UTC time (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)
    /// instead of the signingTime attribute.
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct VerifyArgs {
    /// The signed file (the master agreement). Required for a detached
    /// signature; for an attached one it must equal the embedded content.
    #[arg(long, value_name = "FILE")]
    agreement: Option<PathBuf>,
    #[command(flatten)]
    trust: TrustArgs,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct AttestArgs {
    /// The binding statement the holder signed (`shart agreement
    /// statement`). Optional if the signature embeds it.
    #[arg(long, value_name = "FILE")]
    statement: Option<PathBuf>,
    #[command(flatten)]
    trust: TrustArgs,
    /// The commitment's salt: 64 lowercase hex; 32 random bytes if absent.
    #[arg(long, value_name = "HEX")]
    salt: Option<String>,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("number").required(true).args(["iin", "bin"])))]
pub(crate) struct CommitArgs {
    /// A 12-digit IIN, or "-" to read it from stdin (keeps it out of the
    /// shell history and the process list).
    #[arg(long, value_name = "N")]
    iin: Option<String>,
    /// A 12-digit BIN, or "-" to read it from stdin.
    #[arg(long, value_name = "N")]
    bin: Option<String>,
    /// The salt: 64 lowercase hex, no 0x; 32 random bytes from the OS if
    /// absent. Keep it secret: with it, anyone can test guesses.
    #[arg(long, value_name = "HEX")]
    salt: Option<String>,
    /// Print {"kind", "salt", "commitment"} as JSON.
    #[arg(long)]
    json: bool,
}

/// Files from this size on get a progress bar (when stderr is a terminal).
const PROGRESS_THRESHOLD: u64 = 64 * 1024 * 1024;
/// Width of the progress bar in characters.
const BAR_WIDTH: u64 = 30;

/// A one-line progress bar on stderr, redrawn when the percentage changes.
struct ProgressBar {
    label: String,
    total: u64,
    last: Option<u64>,
}

impl ProgressBar {
    fn update(&mut self, done: u64) {
        // `done * 100` saturates only past 184 PB; the result is capped at 100.
        let percent = done
            .saturating_mul(100)
            .checked_div(self.total)
            .unwrap_or(100)
            .min(100);
        if self.last == Some(percent) {
            return;
        }
        self.last = Some(percent);
        // `percent <= 100`, so `filled <= BAR_WIDTH`.
        let filled = percent.saturating_mul(BAR_WIDTH) / 100;
        let bar: String = (0..BAR_WIDTH)
            .map(|i| if i < filled { '#' } else { '.' })
            .collect();
        let mib = |b: u64| b / (1024 * 1024);
        eprint!(
            "\r{}: [{bar}] {percent:>3}% ({}/{} MiB)",
            self.label,
            mib(done),
            mib(self.total)
        );
    }

    fn finish(&self) {
        if self.last.is_some() {
            eprintln!();
        }
    }
}

pub(crate) fn agreement_hash(args: &HashArgs) -> Result<()> {
    let shown = args.file.display().to_string();
    let file = File::open(&args.file).with_context(|| format!("opening {shown}"))?;
    let size = file
        .metadata()
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.len());
    let mut bar = size
        .filter(|s| *s >= PROGRESS_THRESHOLD && io::stderr().is_terminal())
        .map(|total| ProgressBar {
            label: shown.clone(),
            total,
            last: None,
        });
    let mut on_progress = |done: u64| {
        if let Some(bar) = bar.as_mut() {
            bar.update(done);
        }
    };
    let result = if args.canonical {
        agreement::hash_canonical_reader_with(file, BUFFER_SIZE, &mut on_progress)
    } else {
        agreement::hash_reader_with(file, BUFFER_SIZE, &mut on_progress)
    };
    if let Some(bar) = &bar {
        bar.finish();
    }
    let hashed = result.with_context(|| format!("hashing {shown}"))?;
    if args.json {
        println!(
            "{}",
            json!({
                "file": shown,
                "bytes": hashed.bytes,
                "sha256": hashed.hex(),
                "canonical": args.canonical,
            })
        );
    } else {
        // The layout of sha256sum.
        println!("{}  {shown}", hashed.hex());
    }
    Ok(())
}

pub(crate) fn agreement_statement(args: &StatementArgs) -> Result<()> {
    let account = statement::parse_account(&args.account)?;
    let agreement = statement::parse_hex32(Field::Agreement, &args.agreement)?;
    let chain = ChainId::parse(&args.chain)?;
    let registry = statement::parse_hex32(Field::Registry, &args.registry)?;
    let nonce = match &args.nonce {
        Some(n) => statement::parse_hex32(Field::Nonce, n)?,
        None => statement::random_nonce()
            .map_err(|e| anyhow!("reading the OS random number generator: {e}"))?,
    };
    let mut statement = Statement::new(account, agreement, chain, registry, nonce)?;
    if let Some(digest) = &args.config_digest {
        statement = statement.with_config(statement::parse_hex32(Field::Config, digest)?)?;
    }
    let bytes = statement.to_bytes();
    if let Some(out) = &args.out {
        fs::write(out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    }
    if args.json {
        println!(
            "{}",
            json!({
                "statement": statement.to_text(),
                "sha256": hex::encode(statement.sha256()),
                "nonce": hex::encode(statement.nonce()),
                "format": statement.format(),
                "config": statement.config().map(hex::encode),
            })
        );
    } else if let Some(out) = &args.out {
        eprintln!(
            "wrote {} ({} bytes); statement_hash (SHA-256) {}",
            out.display(),
            bytes.len(),
            hex::encode(statement.sha256())
        );
    } else {
        let mut stdout = io::stdout().lock();
        stdout
            .write_all(&bytes)
            .and_then(|()| stdout.flush())
            .context("writing the statement to stdout")?;
    }
    Ok(())
}

/// Reads one line (the number) from stdin, at most 1 KiB.
fn read_number_from_stdin() -> Result<String> {
    let mut line = String::new();
    io::stdin()
        .lock()
        .take(1024)
        .read_line(&mut line)
        .context("reading the number from stdin")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

pub(crate) fn eds_commit(args: &CommitArgs) -> Result<()> {
    let (kind, given) = match (&args.iin, &args.bin) {
        (Some(n), None) => (Kind::Iin, n),
        (None, Some(n)) => (Kind::Bin, n),
        // clap's group makes exactly one present.
        _ => return Err(anyhow!("give exactly one of --iin and --bin")),
    };
    let id = if given == "-" {
        IdNumber::parse(kind, &read_number_from_stdin()?)?
    } else {
        IdNumber::parse(kind, given)?
    };
    let salt = match &args.salt {
        Some(s) => statement::parse_hex_bytes32(s, false)
            .map_err(|p| anyhow!("--salt: {p} (expected 64 lowercase hex digits without 0x)"))?,
        None => iin::random_salt()
            .map_err(|e| anyhow!("reading the OS random number generator: {e}"))?,
    };
    let commitment = id.commitment(&salt);
    if args.json {
        println!(
            "{}",
            json!({
                "kind": kind.as_str(),
                "salt": hex::encode(salt),
                "commitment": hex::encode(commitment),
            })
        );
    } else {
        println!(
            "kind: {}\nsalt: {}\ncommitment: {}",
            kind.as_str(),
            hex::encode(salt),
            hex::encode(commitment)
        );
    }
    if io::stderr().is_terminal() {
        eprintln!(
            "keep the salt secret and off chain: with it, anyone can test guesses of the number"
        );
    }
    Ok(())
}

/// Loads `--ca`, `--crl` and `--at`, then verifies the signature.
fn run_verify(
    trust: &TrustArgs,
    content: verify::Content<'_>,
) -> Result<shart::eds::verify::Report, VerifyError> {
    let anchors = match &trust.ca {
        Some(dir) => certificate::load_ca_dir(dir)?,
        None => Vec::new(),
    };
    let crls = trust
        .crl
        .iter()
        .map(|p| certificate::Crl::load(p))
        .collect::<Result<Vec<_>, _>>()?;
    let at = match &trust.at {
        Some(t) => Some(
            certificate::parse_time(t).map_err(|message| VerifyError::Io {
                path: "--at".into(),
                message,
            })?,
        ),
        None => None,
    };
    let signature = eds_input::read_file(&trust.signature)?;
    let opts = verify::Options {
        anchors: &anchors,
        crls: &crls,
        at,
        now: verify::now(),
    };
    verify::verify(&signature, content, &opts)
}

fn error_json(e: &VerifyError) -> serde_json::Value {
    json!({"code": e.code(), "exit_code": e.exit_code(), "message": e.to_string()})
}

pub(crate) fn eds_verify(args: &VerifyArgs) -> ExitCode {
    let content = match &args.agreement {
        Some(p) => verify::Content::File(p),
        None => verify::Content::None,
    };
    let report = match run_verify(&args.trust, content) {
        Ok(r) => r,
        Err(e) => {
            if args.json {
                println!("{}", json!({"valid": false, "error": error_json(&e)}));
            }
            eprintln!("error [{}]: {e}", e.code());
            return ExitCode::from(e.exit_code());
        }
    };
    let failed = report.first_error().cloned();
    if args.json {
        let signers: Vec<serde_json::Value> = report
            .signers
            .iter()
            .enumerate()
            .map(|(i, s)| match s {
                Ok(r) => {
                    let mut v = serde_json::to_value(r).unwrap_or_default();
                    if let Some(o) = v.as_object_mut() {
                        o.insert("index".into(), json!(i.saturating_add(1)));
                        o.insert("verified".into(), json!(true));
                    }
                    v
                }
                Err(e) => {
                    json!({"index": i.saturating_add(1), "verified": false, "error": error_json(e)})
                }
            })
            .collect();
        println!(
            "{}",
            json!({
                "valid": failed.is_none(),
                "attached": report.attached,
                "content_sha256": report.content_sha256,
                "signers": signers,
            })
        );
    } else {
        println!(
            "content: {} ({}), SHA-256 {}",
            if report.attached {
                "attached"
            } else {
                "detached"
            },
            args.agreement
                .as_ref()
                .map_or_else(|| "embedded".to_string(), |p| p.display().to_string()),
            report.content_sha256
        );
        for (i, s) in report.signers.iter().enumerate() {
            let n = i.saturating_add(1);
            match s {
                Ok(r) => println!("\nsigner {n}: VERIFIED\n{}", r.to_text()),
                Err(e) => println!("\nsigner {n}: FAILED [{}]: {e}", e.code()),
            }
        }
    }
    match failed {
        None => ExitCode::SUCCESS,
        Some(e) => {
            eprintln!("error [{}]: {e}", e.code());
            ExitCode::from(e.exit_code())
        }
    }
}

pub(crate) fn eds_attest(args: &AttestArgs) -> ExitCode {
    let fail = |e: VerifyError| {
        eprintln!("error [{}]: {e}", e.code());
        ExitCode::from(e.exit_code())
    };
    let salt = match &args.salt {
        Some(s) => match statement::parse_hex_bytes32(s, false) {
            Ok(v) => v,
            Err(p) => {
                eprintln!("error: --salt: {p} (expected 64 lowercase hex digits without 0x)");
                return ExitCode::from(2);
            }
        },
        None => match iin::random_salt() {
            Ok(v) => v,
            Err(e) => {
                eprintln!("error: reading the OS random number generator: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    // The statement is read once: the bytes verified are the bytes attested.
    let given = match &args.statement {
        Some(path) => match eds_input::read_file(path) {
            Ok(b) => Some(b),
            Err(e) => return fail(e),
        },
        None => None,
    };
    let content = match &given {
        Some(b) => verify::Content::Bytes(b),
        None => verify::Content::None,
    };
    let report = match run_verify(&args.trust, content) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let bytes = match (&report.content, given) {
        (Some(embedded), _) => embedded.clone(),
        (None, Some(b)) => b,
        (None, None) => return fail(VerifyError::ContentMissing),
    };
    match attest::attestation(&report, &bytes, salt) {
        Ok(a) => {
            println!(
                "{}",
                serde_json::to_string_pretty(&a.to_json()).unwrap_or_default()
            );
            if io::stderr().is_terminal() {
                eprintln!(
                    "submit \"evidence\" to the registry; give \"private\" to the holder only"
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}
