//! drink integration tests: every error path of `service_agreement` returns
//! its own error variant, reverts, emits no event and changes no state
//! (`Flagship::assert_refused` compares a snapshot of every read, role and
//! balance before and after).
use safeguards::{AgreementError, ArbitrationError, DisputeError, KillSwitchError};
use service_agreement::{escrow::MilestoneStatus, Error, EscrowError};
use shart::{
    fixtures::{doc, sha256, DAY, MASTER_AGREEMENT, MILESTONES, T0},
    flagship::{deploy, Flagship},
    runtime::ink_account,
};

fn agreement() -> [u8; 32] {
    sha256(MASTER_AGREEMENT.as_bytes())
}

fn total() -> u128 {
    MILESTONES.iter().sum()
}

fn funded() -> Flagship {
    let mut f = deploy().unwrap();
    f.make_funded();
    f
}

#[test]
fn agreement_errors_refuse_without_side_effects() {
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    f.assert_refused(
        &a.client,
        "fund",
        (),
        total(),
        Error::Agreement(AgreementError::NotEffective),
    );
    f.assert_refused(
        &a.stranger,
        "accept_agreement",
        (agreement(), 1u32, f.config_digest),
        0,
        Error::Agreement(AgreementError::NotAParty {
            caller: ink_account(&a.stranger),
        }),
    );
    let (digest, other) = (f.config_digest, doc("another configuration"));
    f.assert_refused(
        &a.client,
        "accept_agreement",
        (agreement(), 1u32, other),
        0,
        Error::Agreement(AgreementError::ConfigMismatch {
            expected: digest,
            given: other,
        }),
    );
    f.assert_refused(
        &a.client,
        "accept_agreement",
        (doc("other document"), 1u32, f.config_digest),
        0,
        Error::Agreement(AgreementError::TermsMismatch {
            expected_version: 1,
            given_version: 1,
        }),
    );
    f.assert_refused(
        &a.client,
        "propose_amendment",
        (agreement(), 1u32),
        0,
        Error::Agreement(AgreementError::VersionNotIncreasing {
            current: 1,
            given: 1,
        }),
    );
    f.assert_refused(
        &a.client,
        "propose_amendment",
        ([0u8; 32], 2u32),
        0,
        Error::Agreement(AgreementError::ZeroHash),
    );
    f.must(
        &a.client,
        "accept_agreement",
        (agreement(), 1u32, f.config_digest),
        0,
    );
    f.assert_refused(
        &a.client,
        "accept_agreement",
        (agreement(), 1u32, f.config_digest),
        0,
        Error::Agreement(AgreementError::AlreadyAccepted {
            party: ink_account(&a.client),
        }),
    );
    f.must(
        &a.contractor,
        "accept_agreement",
        (agreement(), 1u32, f.config_digest),
        0,
    );
    f.assert_refused(
        &a.client,
        "accept_agreement",
        (agreement(), 1u32, f.config_digest),
        0,
        Error::Agreement(AgreementError::NothingToAccept),
    );
}

#[test]
fn clause_errors_refuse_without_side_effects() {
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    let no_seat = safeguards::arbitration::ArbitrationClause {
        seat: None,
        ..shart::fixtures::clause()
    };
    f.assert_refused(
        &a.admin,
        "replace_clause",
        no_seat,
        0,
        Error::Arbitration(ArbitrationError::SeatRequired),
    );
    let almaty = safeguards::arbitration::ArbitrationClause {
        seat: Some(safeguards::arbitration::Seat::Almaty),
        ..shart::fixtures::clause()
    };
    f.assert_refused(
        &a.admin,
        "replace_clause",
        almaty,
        0,
        Error::Arbitration(ArbitrationError::AifcSeatRequired),
    );
    // before any acceptance the admin may replace it
    let three = safeguards::arbitration::ArbitrationClause {
        arbitrators: 3,
        ..shart::fixtures::clause()
    };
    f.must(&a.admin, "replace_clause", three, 0);
    // and the configuration digest follows the clause in force: an
    // acceptance quoting the digest of the old configuration is refused
    let old = f.config_digest;
    let config: service_agreement::escrow::Config = f.read("config", ());
    assert_eq!(config.clause, three);
    let new = shart::fixtures::config_digest(&config);
    assert_eq!(f.read::<_, [u8; 32]>("config_digest", ()), new);
    f.assert_refused(
        &a.client,
        "accept_agreement",
        (agreement(), 1u32, old),
        0,
        Error::Agreement(AgreementError::ConfigMismatch {
            expected: new,
            given: old,
        }),
    );
    f.config_digest = new;
    f.must(&a.client, "accept_agreement", (agreement(), 1u32, new), 0);
    f.assert_refused(
        &a.admin,
        "replace_clause",
        shart::fixtures::clause(),
        0,
        Error::Arbitration(ArbitrationError::ClauseLocked),
    );
}

#[test]
fn funding_errors_refuse_without_side_effects() {
    let mut f = deploy().unwrap();
    f.make_effective();
    let a = f.accounts.clone();
    f.assert_refused(
        &a.contractor,
        "mark_delivered",
        0u32,
        0,
        Error::Escrow(EscrowError::NotFunded),
    );
    f.assert_refused(
        &a.client,
        "raise_dispute",
        (0u32, doc("e")),
        0,
        Error::Escrow(EscrowError::NotFunded),
    );
    f.assert_refused(
        &a.client,
        "fund",
        (),
        total() - 1,
        Error::Escrow(EscrowError::WrongFundingAmount {
            expected: total(),
            given: total() - 1,
        }),
    );
    f.must(&a.client, "fund", (), total());
    f.assert_refused(
        &a.client,
        "fund",
        (),
        total(),
        Error::Escrow(EscrowError::AlreadyFunded),
    );
}

#[test]
fn milestone_errors_refuse_without_side_effects() {
    let mut f = funded();
    let a = f.accounts.clone();
    f.assert_refused(
        &a.contractor,
        "mark_delivered",
        9u32,
        0,
        Error::Escrow(EscrowError::UnknownMilestone { milestone: 9 }),
    );
    f.assert_refused(
        &a.client,
        "approve_milestone",
        0u32,
        0,
        Error::Escrow(EscrowError::WrongMilestoneStatus {
            milestone: 0,
            expected: MilestoneStatus::Delivered,
            actual: MilestoneStatus::Pending,
        }),
    );
    f.deliver(0, T0 + DAY);
    f.assert_refused(
        &a.contractor,
        "mark_delivered",
        0u32,
        0,
        Error::Escrow(EscrowError::WrongMilestoneStatus {
            milestone: 0,
            expected: MilestoneStatus::Pending,
            actual: MilestoneStatus::Delivered,
        }),
    );
    f.assert_refused(
        &a.stranger,
        "auto_release",
        0u32,
        0,
        Error::Escrow(EscrowError::ReviewPeriodRunning {
            until: T0 + 4 * DAY,
        }),
    );
    f.must(&a.client, "approve_milestone", 0u32, 0);
    f.assert_refused(
        &a.client,
        "raise_dispute",
        (0u32, doc("e")),
        0,
        Error::Escrow(EscrowError::NothingToDispute { milestone: 0 }),
    );
}

#[test]
fn dispute_errors_refuse_without_side_effects() {
    let mut f = funded();
    let a = f.accounts.clone();
    f.deliver(1, T0 + DAY);
    f.assert_refused(
        &a.client,
        "raise_dispute",
        (1u32, [0u8; 32]),
        0,
        Error::Dispute(DisputeError::ZeroHash),
    );
    f.must(&a.client, "raise_dispute", (1u32, doc("e")), 0);
    f.assert_refused(
        &a.contractor,
        "raise_dispute",
        (1u32, doc("e")),
        0,
        Error::Dispute(DisputeError::AlreadyDisputed { subject: 1 }),
    );
    f.chain.advance_to(T0 + 5 * DAY);
    for (who, message) in [
        (&a.client, "approve_milestone"),
        (&a.stranger, "auto_release"),
    ] {
        f.assert_refused(
            who,
            message,
            1u32,
            0,
            Error::Escrow(EscrowError::MilestoneFrozen { milestone: 1 }),
        );
    }
    f.assert_refused(
        &a.client,
        "submit_evidence",
        (7u32, doc("e")),
        0,
        Error::Dispute(DisputeError::UnknownDispute { id: 7 }),
    );
    f.assert_refused(
        &a.client,
        "appeal",
        (0u32, doc("g")),
        0,
        Error::Dispute(DisputeError::WrongStatus {
            expected: safeguards::dispute::DisputeStatus::Ruled,
            actual: safeguards::dispute::DisputeStatus::AwaitingRuling,
        }),
    );
    f.assert_refused(
        &a.stranger,
        "execute_ruling",
        0u32,
        0,
        Error::Dispute(DisputeError::NotExecutableYet { at: T0 + 15 * DAY }),
    );
    f.assert_refused(
        &a.arbitrator,
        "rule",
        (0u32, 10_001u16, doc("aw")),
        0,
        Error::Dispute(DisputeError::SplitOutOfRange { payer_bps: 10_001 }),
    );
    f.must(&a.arbitrator, "rule", (0u32, 5_000u16, doc("aw")), 0);
    f.chain.advance_to(T0 + 12 * DAY);
    f.assert_refused(
        &a.client,
        "appeal",
        (0u32, doc("g")),
        0,
        Error::Dispute(DisputeError::AppealWindowClosed {
            deadline: T0 + 12 * DAY,
        }),
    );
}

#[test]
fn ruling_after_deadline_is_refused() {
    let mut f = funded();
    let a = f.accounts.clone();
    f.must(&a.client, "raise_dispute", (0u32, doc("e")), 0);
    f.chain.advance_to(T0 + 14 * DAY);
    f.assert_refused(
        &a.arbitrator,
        "rule",
        (0u32, 5_000u16, doc("aw")),
        0,
        Error::Dispute(DisputeError::RulingDeadlinePassed {
            deadline: T0 + 14 * DAY,
        }),
    );
}

#[test]
fn kill_switch_errors_refuse_without_side_effects() {
    let mut f = funded();
    let a = f.accounts.clone();
    f.deliver(0, T0 + DAY);
    f.must(&a.client, "raise_dispute", (1u32, doc("e")), 0);
    f.must(&a.arbitrator, "rule", (0u32, 0u16, doc("award")), 0);
    // The switch's own errors are in `kit.rs`, for every template; here,
    // what a pause and a termination refuse of this template's messages.
    f.must(&a.guardian, "pause", doc("order"), 0);
    // a second pause renews the first: it lapses a full maximum later
    f.must(&a.guardian, "pause", doc("renewal"), 0);
    let now = f.chain.now();
    let lapse: Option<u64> = f.read("pause_lapses_at", ());
    assert_eq!(lapse, Some(now + shart::fixtures::MAX_PAUSE));
    let paused = Error::KillSwitch(KillSwitchError::Paused);
    f.assert_refused(&a.client, "approve_milestone", 0u32, 0, paused);
    f.assert_refused(&a.contractor, "mark_delivered", 2u32, 0, paused);
    f.chain.advance_to(T0 + 20 * DAY);
    f.assert_refused(&a.stranger, "auto_release", 0u32, 0, paused);
    // a final ruling that pays the contractor waits while paused
    f.assert_refused(&a.stranger, "execute_ruling", 0u32, 0, paused);
    f.must(&a.admin, "terminate", doc("decision"), 0);
    let terminated = Error::KillSwitch(KillSwitchError::Terminated);
    f.assert_refused(&a.client, "raise_dispute", (2u32, doc("e")), 0, terminated);
    f.assert_refused(&a.contractor, "mark_delivered", 2u32, 0, terminated);
    f.assert_refused(
        &a.client,
        "propose_amendment",
        (doc("v2"), 2u32),
        0,
        terminated,
    );
    f.assert_refused(&a.client, "fund", (), 0, terminated);
}

#[test]
fn value_sent_to_a_non_payable_message_is_refused_by_ink() {
    let mut f = funded();
    let a = f.accounts.clone();
    f.chain.clear_events();
    let (root, before) = (f.chain.state_root(), f.snapshot());
    let out = f.call(&a.client, "approve_milestone", 0u32, 5);
    assert!(out.reverted);
    // ink! traps on value sent to a non-payable message: a dispatch error,
    // not an unknown message name (`UnknownEntry`) nor a decode error
    assert!(
        matches!(out.value, Err(shart::runtime::CallError::Dispatch(_))),
        "{:?}",
        out.value
    );
    assert_eq!(f.snapshot(), before);
    assert!(f.chain.state_root() == root, "the value or a balance moved");
}
