//! The commands over the local runtime and a real node: `shart build`
//! and `shart node ...` (`shart demo` and `shart bench` are
//! [`shart::demo::main`] and [`shart::bench::main`]). Built with the
//! `runtime` feature only.
use std::{fs, path::PathBuf};

use anyhow::{anyhow, Context, Result};
use clap::{Args, Subcommand};
use shart::bundle::{self, BuildOutcome, CONTRACTS};

#[derive(Debug, Subcommand)]
pub(crate) enum NodeCommand {
    /// Upload and instantiate eds_registry and service_agreement with the
    /// dev accounts; print code hashes and addresses; write a deployment
    /// record per contract.
    Deploy(NodeArgs),
    /// Run the flagship scenario on the node and in drink; print the
    /// node's transcript; fail unless both meet every expected outcome and
    /// their transcripts are identical.
    Scenario(ScenarioArgs),
    /// Check deployment records: each record's code hash must be the hash
    /// of the Wasm this checkout builds, and the chain must run that code
    /// at the record's address.
    Verify(RecordArgs),
}

#[derive(Debug, Args)]
pub(crate) struct RecordArgs {
    /// Deployment records (JSON), e.g. deployments/local-dev/*.json.
    #[arg(required = true, value_name = "RECORD")]
    records: Vec<PathBuf>,
    /// The chain to ask, instead of each record's own `url`.
    #[arg(long)]
    url: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct NodeArgs {
    /// The node's RPC endpoint.
    #[arg(long, default_value = shart::node::DEFAULT_URL)]
    url: String,
    /// Folder for the deployment records (JSON, one per contract).
    #[arg(long, value_name = "DIR", default_value = "deployments/local-dev")]
    records: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct ScenarioArgs {
    /// The node's RPC endpoint.
    #[arg(long, default_value = shart::node::DEFAULT_URL)]
    url: String,
    /// Folder for the records of the scenario's own deployments, which are
    /// throwaway: kept apart from the committed `deployments/`.
    #[arg(long, value_name = "DIR", default_value = "target/node-scenario")]
    records: PathBuf,
}

pub(crate) fn build() -> Result<()> {
    let total = CONTRACTS.len();
    for (i, spec) in CONTRACTS.iter().enumerate() {
        // `i < total`, a handful of contracts.
        let n = i.saturating_add(1);
        // A build says what it builds, and how long it took, itself.
        if bundle::ensure_built(spec.name)? == BuildOutcome::Fresh {
            eprintln!("[{n}/{total}] {}: up to date", spec.name);
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

/// Deploys both contracts on the node and prints what their records say.
pub(crate) fn node_deploy(args: &NodeArgs) -> Result<()> {
    use shart::scenario::Ledger as _;
    let mut node = shart::node::NodeLedger::new(&args.url, &args.records)?;
    let (registry, agreement) = shart::scenario::deploy(&mut node)?;
    for (name, d) in [("eds_registry", registry), ("service_agreement", agreement)] {
        let record = args.records.join(format!("{name}.json"));
        let text =
            fs::read_to_string(&record).with_context(|| format!("reading {}", record.display()))?;
        let r: serde_json::Value = serde_json::from_str(&text)?;
        println!(
            "{name}: code hash {}, address {} (record {})",
            r["code_hash"].as_str().unwrap_or_default(),
            shart::ss58::encode(42, d.address.as_ref())?,
            record.display()
        );
    }
    println!("admin {}", node.account(shart::scenario::Who::Admin));
    Ok(())
}

pub(crate) fn node_verify(args: &RecordArgs) -> Result<()> {
    for record in &args.records {
        let v = shart::node::verify_record(record, args.url.as_deref())?;
        println!(
            "{}: {} runs {} on {}, the code this checkout builds ({})",
            v.contract,
            v.address,
            v.code_hash,
            v.url,
            record.display()
        );
    }
    Ok(())
}

pub(crate) fn node_scenario(args: &ScenarioArgs) -> Result<()> {
    let mut node = shart::node::NodeLedger::new(&args.url, &args.records)?;
    let on_node = shart::scenario::run(&mut node).context("the scenario on the node")?;
    print!("{}", on_node.text());
    let mut drink = shart::scenario::DrinkLedger::new()?;
    let in_drink = shart::scenario::run(&mut drink).context("the scenario in drink")?;
    let differ = shart::scenario::differences(on_node.text(), in_drink.text(), "node", "drink");
    if !differ.is_empty() {
        return Err(anyhow!(
            "the node's transcript differs from drink's:\n{}",
            differ.join("\n")
        ));
    }
    println!("the node's transcript matches drink's, line for line");
    Ok(())
}
