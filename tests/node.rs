//! The flagship scenario on both ledgers: drink always; a real
//! substrate-contracts-node only when one runs (`SHART_NODE=1`, see
//! `docs/deploy.md`). The node test is ignored otherwise, with the reason
//! printed by `cargo test`: it never passes without having run.
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
    ] {
        assert!(text.contains(line), "transcript lacks {line:?}:\n{text}");
    }
    assert!(
        !text.contains("1767"),
        "block times leaked into the transcript:\n{text}"
    );
}
