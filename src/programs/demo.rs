//! `shart demo`: the flagship lifecycle in the local runtime, as a
//! readable transcript.
//!
//! The demo is the scenario the node test runs ([`crate::scenario::run`]),
//! on drink's [`DrinkLedger`], printed as it goes: each step's calls, their
//! results and events (accounts by name, hashes shortened), balance moves,
//! gas and storage deposits, and the EDS signing and off-chain verification
//! of each party's binding statement. Every outcome is checked; the first
//! that differs stops the demo with an error, and `shart demo` exits
//! non-zero.
use anyhow::Result;

use crate::{
    fixtures::{sha256, MASTER_AGREEMENT, MILESTONES},
    scenario::{self, DrinkLedger, APPEAL_WINDOW, REVIEW_PERIOD, SECOND},
};

/// What the demo printed, and how much it checked.
#[derive(Debug, Default)]
pub struct Report {
    /// What the demo printed.
    pub transcript: String,
    /// Steps run.
    pub steps: usize,
    /// Outcomes checked.
    pub checks: usize,
}

/// Runs the lifecycle; prints the transcript as it goes.
///
/// # Errors
///
/// If a bundle cannot be built, or at the first outcome that differs from
/// the expected one.
pub fn run() -> Result<Report> {
    let header = [
        "Shart demo: service_agreement in the local runtime (drink, pallet-contracts)".to_owned(),
        format!(
            "master agreement SHA-256 {} (examples/master-agreement.txt), milestones {MILESTONES:?}",
            hex::encode(sha256(MASTER_AGREEMENT.as_bytes()))
        ),
        format!(
            "periods in seconds (review {} s, appeal window {} s), so that the same run works on a real node (`shart node scenario`)",
            REVIEW_PERIOD / SECOND,
            APPEAL_WINDOW / SECOND
        ),
    ];
    for line in &header {
        println!("{line}");
    }
    let mut ledger = DrinkLedger::new()?;
    let t = scenario::run_printed(&mut ledger)?;
    let summary = format!(
        "\n{} steps, {} outcomes checked, all as expected",
        t.steps(),
        t.checks()
    );
    println!("{summary}");
    let mut transcript = header.join("\n");
    transcript.push('\n');
    transcript.push_str(t.shown());
    transcript.push_str(&summary);
    Ok(Report {
        transcript,
        steps: t.steps(),
        checks: t.checks(),
    })
}

/// `shart demo`.
///
/// # Errors
///
/// If the demo could not run or an outcome differed.
pub fn main() -> Result<()> {
    run().map(|_| ())
}
