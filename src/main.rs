//! `shart`: the Shart command line.
//!
//! - `shart build`: build every contract bundle into `target/ink/`.
//! - `shart demo`: run the flagship lifecycle in the local runtime.
//! - `shart bench`: measure gas and Wasm size; write `docs/gas-report.md`.
use std::process::ExitCode;

use anyhow::Result;
use shart::bundle::{self, BuildOutcome, CONTRACTS};

const USAGE: &str = "usage: shart <build|demo|bench> [--help]

  build   build every contract bundle into target/ink/ (skips unchanged ones)
  demo    deploy service_agreement in the local runtime and walk its lifecycle
  bench   measure gas per message and Wasm sizes; write docs/gas-report.md";

fn build() -> Result<()> {
    let total = CONTRACTS.len();
    for (i, spec) in CONTRACTS.iter().enumerate() {
        let n = i + 1;
        if !bundle::is_fresh(spec)? {
            eprintln!(
                "[{n}/{total}] {}: building (a cold build takes minutes)",
                spec.name
            );
        }
        match bundle::ensure_built(spec.name)? {
            BuildOutcome::Fresh => eprintln!("[{n}/{total}] {}: up to date", spec.name),
            BuildOutcome::Built(secs) => {
                eprintln!("[{n}/{total}] {}: built in {secs:.0} s", spec.name)
            }
        }
        let b = bundle::load(spec.name)?;
        eprintln!(
            "[{n}/{total}] {}: {} ({} bytes of Wasm)",
            spec.name,
            b.path.display(),
            b.wasm.len()
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => build(),
        Some("demo") => shart::demo::main(),
        Some("bench") => shart::bench::main(),
        Some("--help" | "-h" | "help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
