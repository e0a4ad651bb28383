//! `shart`: the Shart command line. This file parses and dispatches; the
//! handlers are in `cli/` (`offchain.rs`, and `runtime.rs` with the
//! `runtime` feature).
//!
//! - `shart build`: build every contract bundle into `target/ink/`.
//! - `shart demo`: run the flagship lifecycle in the local runtime;
//!   `shart demo token`: the compliant token's.
//! - `shart bench`: measure gas and Wasm size; write `docs/gas-report.md`.
//! - `shart bench --sizes`: what each contract's Wasm is made of; write
//!   `docs/code-size.md`.
//! - `shart agreement hash FILE [--canonical] [--json]`: SHA-256 of a
//!   master agreement, exact or canonical ([`shart::agreement`]).
//! - `shart agreement statement ...`: the EDS binding statement a holder
//!   signs ([`shart::statement`]).
//! - `shart eds commit (--iin N | --bin N) [--salt HEX] [--json]`: a salted
//!   commitment to an IIN or BIN ([`shart::iin`]).
//!
//! - `shart eds verify --signature SIG [--agreement FILE] [--ca DIR]
//!   [--crl FILE]... [--at TIME] [--json]`: verify an NCA RK signature
//!   ([`shart::eds::verify`]).
//! - `shart eds attest --signature SIG [--statement FILE] [--ca DIR] ...`:
//!   the registry's attestation record ([`shart::eds::attest`]).
//!
//! Exit codes: 0 on success, 1 on an error (a message on stderr), 2 on a
//! usage error; `eds verify` and `eds attest` use 10 and up, one per kind
//! of verification failure (`VerifyError::exit_code`, docs/eds.md).
#![deny(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]

mod cli;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use cli::offchain::{self, AgreementCommand, EdsCommand};
#[cfg(feature = "runtime")]
use cli::runtime::{self, NodeCommand};

/// Shart: Kazakhstan's digital-law safeguards as ink! contracts.
#[derive(Debug, Parser)]
#[command(name = "shart", version, arg_required_else_help = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build every contract bundle into target/ink/ (skips unchanged ones).
    #[cfg(feature = "runtime")]
    Build,
    /// Deploy the EDS registry and service_agreement in the local runtime; walk the lifecycle
    /// (`shart demo token`: compliant_token instead).
    #[cfg(feature = "runtime")]
    Demo {
        /// Which template: the flagship agreement (default) or the token.
        #[arg(value_enum, default_value = "agreement")]
        template: DemoTemplate,
    },
    /// Measure gas per message and Wasm sizes; write docs/gas-report.md.
    #[cfg(feature = "runtime")]
    Bench {
        /// Instead: build each contract with its symbols and write what its
        /// Wasm is made of to docs/code-size.md.
        #[arg(long)]
        sizes: bool,
        /// With --sizes: only these contracts (and no report file).
        #[arg(requires = "sizes")]
        contracts: Vec<String>,
    },
    /// The master agreement: hash it, write the EDS binding statement.
    #[command(subcommand)]
    Agreement(AgreementCommand),
    /// EDS holder data that stays off chain.
    #[command(subcommand)]
    Eds(EdsCommand),
    /// A real chain (substrate-contracts-node via cargo-contract 5.0.3;
    /// scripts/node.sh installs and starts both): deploy, run the scenario.
    #[cfg(feature = "runtime")]
    #[command(subcommand)]
    Node(NodeCommand),
}

/// The templates `shart demo` walks through.
#[cfg(feature = "runtime")]
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum DemoTemplate {
    /// service_agreement's lifecycle (the scenario the node test runs).
    Agreement,
    /// compliant_token: transfers, a refusal in three languages, a hold
    /// reviewed by a human, a court's freeze and forced transfer, recovery.
    Token,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let args: Vec<String> = std::env::args_os()
                .map(|a| a.to_string_lossy().into_owned())
                .collect();
            let text = cli::redact::redact_usage_error(&e.render().to_string(), &args);
            if e.use_stderr() {
                eprint!("{text}");
            } else {
                print!("{text}");
            }
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let result = match &cli.command {
        Command::Agreement(AgreementCommand::Hash(args)) => offchain::agreement_hash(args),
        Command::Agreement(AgreementCommand::Statement(args)) => {
            offchain::agreement_statement(args)
        }
        Command::Eds(EdsCommand::Commit(args)) => offchain::eds_commit(args),
        Command::Eds(EdsCommand::Verify(args)) => return offchain::eds_verify(args),
        Command::Eds(EdsCommand::Attest(args)) => return offchain::eds_attest(args),
        #[cfg(feature = "runtime")]
        Command::Build => runtime::build(),
        #[cfg(feature = "runtime")]
        Command::Demo {
            template: DemoTemplate::Agreement,
        } => shart::demo::main(),
        #[cfg(feature = "runtime")]
        Command::Demo {
            template: DemoTemplate::Token,
        } => shart::token_demo::main(),
        #[cfg(feature = "runtime")]
        Command::Bench { sizes: false, .. } => shart::bench::main(),
        #[cfg(feature = "runtime")]
        Command::Bench {
            sizes: true,
            contracts,
        } => shart::sizes::main(contracts),
        #[cfg(feature = "runtime")]
        Command::Node(NodeCommand::Deploy(args)) => runtime::node_deploy(args),
        #[cfg(feature = "runtime")]
        Command::Node(NodeCommand::Scenario(args)) => runtime::node_scenario(args),
        #[cfg(feature = "runtime")]
        Command::Node(NodeCommand::Verify(args)) => runtime::node_verify(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
