use super::*;
use crate::{store::MemStore, test_utils::*, RolesError};

type Disputes = super::Disputes<MemStore>;
type Roles = crate::roles::Roles<MemStore>;

const DAY: Timestamp = 86_400_000;
const T0: Timestamp = 1_000;

fn config() -> DisputeConfig {
    DisputeConfig {
        ruling_period: 10 * DAY,
        appeal_window: 3 * DAY,
        fallback: Fallback::RefundPayer,
    }
}

fn roles() -> Roles {
    let mut r = Roles::new(acc(ADMIN));
    r.grant(acc(ADMIN), Role::Arbitrator, acc(ARBITRATOR))
        .unwrap();
    r
}

fn raised() -> Disputes {
    let mut d = Disputes::new(config()).unwrap();
    d.raise(
        acc(CLIENT),
        acc(CLIENT),
        acc(CONTRACTOR),
        0,
        1_000,
        h(1),
        T0,
    )
    .unwrap();
    d
}

fn ruled(bps: u16) -> Disputes {
    let mut d = raised();
    d.rule(&roles(), acc(ARBITRATOR), 0, bps, h(2), T0 + DAY)
        .unwrap();
    d
}

#[test]
fn zero_periods_fail_with_invalid_config() {
    let c = DisputeConfig {
        appeal_window: 0,
        ..config()
    };
    assert_eq!(Disputes::new(c).unwrap_err(), DisputeError::InvalidConfig);
}

#[test]
fn periods_beyond_the_maximum_fail_with_invalid_config() {
    // a dispute goes on after termination: its deadlines must be near
    for c in [
        DisputeConfig {
            appeal_window: MAX_PERIOD + 1,
            ..config()
        },
        DisputeConfig {
            ruling_period: MAX_PERIOD + 1,
            ..config()
        },
    ] {
        assert_eq!(Disputes::new(c).unwrap_err(), DisputeError::InvalidConfig);
    }
    let longest = DisputeConfig {
        ruling_period: MAX_PERIOD,
        appeal_window: MAX_PERIOD,
        ..config()
    };
    assert!(Disputes::new(longest).is_ok());
}

#[test]
fn raise_by_party_freezes_subject_and_emits_raised() {
    let mut d = Disputes::new(config()).unwrap();
    let (id, events) = d
        .raise(
            acc(CONTRACTOR),
            acc(CLIENT),
            acc(CONTRACTOR),
            4,
            500,
            h(1),
            T0,
        )
        .unwrap();
    assert_eq!(id, 0);
    assert!(d.is_frozen(4));
    assert!(!d.is_frozen(5));
    assert_eq!(
        events,
        vec![DisputeEvent::Raised(DisputeRaised {
            id: 0,
            subject: 4,
            raised_by: acc(CONTRACTOR),
            amount: 500,
            evidence_hash: h(1),
            ruling_deadline: T0 + 10 * DAY
        })]
    );
}

#[test]
fn raise_by_non_party_fails_with_not_a_party() {
    let mut d = Disputes::new(config()).unwrap();
    for who in [STRANGER, ARBITRATOR, ADMIN] {
        assert_eq!(
            d.raise(acc(who), acc(CLIENT), acc(CONTRACTOR), 0, 500, h(1), T0),
            Err(DisputeError::NotAParty { caller: acc(who) })
        );
    }
    assert_eq!(d.count(), 0);
}

#[test]
fn raise_with_zero_evidence_fails_with_zero_hash() {
    let mut d = Disputes::new(config()).unwrap();
    assert_eq!(
        d.raise(
            acc(CLIENT),
            acc(CLIENT),
            acc(CONTRACTOR),
            0,
            500,
            [0; 32],
            T0
        ),
        Err(DisputeError::ZeroHash)
    );
}

#[test]
fn raise_over_zero_amount_fails_with_nothing_to_dispute() {
    let mut d = Disputes::new(config()).unwrap();
    assert_eq!(
        d.raise(acc(CLIENT), acc(CLIENT), acc(CONTRACTOR), 0, 0, h(1), T0),
        Err(DisputeError::NothingToDispute)
    );
}

#[test]
fn raise_twice_on_same_subject_fails_with_already_disputed() {
    let mut d = raised();
    assert_eq!(
        d.raise(
            acc(CONTRACTOR),
            acc(CLIENT),
            acc(CONTRACTOR),
            0,
            1_000,
            h(1),
            T0
        ),
        Err(DisputeError::AlreadyDisputed { subject: 0 })
    );
}

#[test]
fn a_thousand_disputes_each_keep_their_own_entries_and_freeze_their_own_amounts() {
    // given
    let mut d = Disputes::new(config()).unwrap();
    for subject in 0..1_000u32 {
        d.raise(
            acc(CLIENT),
            acc(CLIENT),
            acc(CONTRACTOR),
            subject,
            2,
            h(1),
            T0,
        )
        .unwrap();
    }
    // then
    assert_eq!(d.count(), 1_000);
    assert_eq!(d.frozen_total(), 2_000);
    assert_eq!(d.open_for(999).unwrap().id, 999);
    assert_eq!(d.store.count(DISPUTES), 1_000);
    // when: the last one runs to its fallback
    d.execute(999, T0 + 10 * DAY).unwrap();
    // then: only its subject thaws, and it may be disputed again
    assert!(!d.is_frozen(999));
    assert!(d.is_frozen(998));
    assert_eq!(d.frozen_total(), 1_998);
    let (id, _) = d
        .raise(acc(CLIENT), acc(CLIENT), acc(CONTRACTOR), 999, 2, h(1), T0)
        .unwrap();
    assert_eq!(id, 1_000);
}

#[test]
fn evidence_by_party_is_recorded() {
    let mut d = raised();
    let events = d.add_evidence(acc(CONTRACTOR), 0, h(3)).unwrap();
    assert_eq!(d.evidence(0).len(), 2);
    assert_eq!(
        events,
        vec![DisputeEvent::EvidenceSubmitted(EvidenceSubmitted {
            id: 0,
            by: acc(CONTRACTOR),
            evidence_hash: h(3)
        })]
    );
}

#[test]
fn evidence_by_non_party_fails_with_not_a_party() {
    let mut d = raised();
    assert_eq!(
        d.add_evidence(acc(STRANGER), 0, h(3)),
        Err(DisputeError::NotAParty {
            caller: acc(STRANGER)
        })
    );
}

#[test]
fn evidence_on_unknown_dispute_fails_with_unknown_dispute() {
    let mut d = raised();
    assert_eq!(
        d.add_evidence(acc(CLIENT), 7, h(3)),
        Err(DisputeError::UnknownDispute { id: 7 })
    );
}

#[test]
fn evidence_beyond_capacity_fails_with_too_much_evidence() {
    let mut d = raised();
    // the client raised with one entry; each side has half the slots
    for _ in 1..MAX_EVIDENCE / 2 {
        d.add_evidence(acc(CLIENT), 0, h(3)).unwrap();
    }
    for _ in 0..MAX_EVIDENCE / 2 {
        d.add_evidence(acc(CONTRACTOR), 0, h(4)).unwrap();
    }
    for party in [CLIENT, CONTRACTOR] {
        assert_eq!(
            d.add_evidence(acc(party), 0, h(3)),
            Err(DisputeError::TooMuchEvidence)
        );
    }
    assert_eq!(d.evidence(0).len(), MAX_EVIDENCE);
}

#[test]
fn a_side_that_fills_its_evidence_slots_leaves_the_other_sides_free() {
    // given: the raiser fills its own half of a 4-slot limit
    let mut d = raised();
    d.add_evidence_up_to(acc(CLIENT), 0, h(3), 4).unwrap();
    assert_eq!(
        d.add_evidence_up_to(acc(CLIENT), 0, h(3), 4),
        Err(DisputeError::TooMuchEvidence)
    );
    // then: the other side still has both of its slots
    d.add_evidence_up_to(acc(CONTRACTOR), 0, h(4), 4).unwrap();
    d.add_evidence_up_to(acc(CONTRACTOR), 0, h(4), 4).unwrap();
    assert_eq!(
        d.add_evidence_up_to(acc(CONTRACTOR), 0, h(4), 4),
        Err(DisputeError::TooMuchEvidence)
    );
}

#[test]
fn rule_by_arbitrator_records_ruling_and_opens_appeal_window() {
    let mut d = raised();
    let events = d
        .rule(&roles(), acc(ARBITRATOR), 0, 2_500, h(2), T0 + DAY)
        .unwrap();
    let dispute = d.get(0).unwrap();
    assert_eq!(dispute.status, DisputeStatus::Ruled);
    assert_eq!(
        events,
        vec![DisputeEvent::RulingIssued(RulingIssued {
            id: 0,
            arbitrator: acc(ARBITRATOR),
            payer_bps: 2_500,
            award_hash: h(2),
            appeal_deadline: T0 + 4 * DAY
        })]
    );
}

#[test]
fn rule_by_non_arbitrator_fails_with_unauthorized() {
    let mut d = raised();
    for who in [ADMIN, CLIENT, CONTRACTOR, STRANGER] {
        assert_eq!(
            d.rule(&roles(), acc(who), 0, 2_500, h(2), T0),
            Err(Guarded::Roles(RolesError::Unauthorized {
                caller: acc(who),
                required: Role::Arbitrator
            }))
        );
    }
    assert_eq!(d.get(0).unwrap().status, DisputeStatus::AwaitingRuling);
}

#[test]
fn rule_beyond_frozen_amount_fails_with_split_out_of_range() {
    let mut d = raised();
    assert_eq!(
        d.rule(&roles(), acc(ARBITRATOR), 0, 10_001, h(2), T0),
        Err(Guarded::Core(DisputeError::SplitOutOfRange {
            payer_bps: 10_001
        }))
    );
}

#[test]
fn a_ruling_of_the_whole_amount_to_the_payer_is_in_range() {
    // given / when: the boundary, 10 000 basis points
    let mut d = raised();
    d.rule(&roles(), acc(ARBITRATOR), 0, BPS_DENOMINATOR, h(2), T0)
        .unwrap();
    // then
    assert_eq!(
        d.get(0).unwrap().ruling.map(|r| r.payer_bps),
        Some(BPS_DENOMINATOR)
    );
}

#[test]
fn rule_without_award_hash_fails_with_zero_hash() {
    let mut d = raised();
    assert_eq!(
        d.rule(&roles(), acc(ARBITRATOR), 0, 5_000, [0; 32], T0),
        Err(Guarded::Core(DisputeError::ZeroHash))
    );
}

#[test]
fn rule_after_deadline_fails_with_ruling_deadline_passed() {
    let mut d = raised();
    assert_eq!(
        d.rule(&roles(), acc(ARBITRATOR), 0, 5_000, h(2), T0 + 10 * DAY),
        Err(Guarded::Core(DisputeError::RulingDeadlinePassed {
            deadline: T0 + 10 * DAY
        }))
    );
}

#[test]
fn rule_twice_fails_with_wrong_status() {
    let mut d = ruled(5_000);
    assert_eq!(
        d.rule(&roles(), acc(ARBITRATOR), 0, 5_000, h(2), T0 + DAY),
        Err(Guarded::Core(DisputeError::WrongStatus {
            expected: DisputeStatus::AwaitingRuling,
            actual: DisputeStatus::Ruled
        }))
    );
}

#[test]
fn execute_inside_appeal_window_fails_with_not_executable_yet() {
    let mut d = ruled(5_000);
    assert_eq!(
        d.execute(0, T0 + 4 * DAY - 1),
        Err(DisputeError::NotExecutableYet { at: T0 + 4 * DAY })
    );
}

#[test]
fn execute_after_appeal_window_pays_the_ruling_split() {
    let mut d = ruled(2_500);
    let (res, resolved) = d.execute(0, T0 + 4 * DAY).unwrap();
    assert_eq!(res.payer_amount, 250);
    assert_eq!(res.payee_amount, 750);
    assert_eq!(d.get(0).unwrap().status, DisputeStatus::Resolved);
    assert!(!d.is_frozen(0));
    assert_eq!(
        resolved,
        DisputeResolved {
            id: 0,
            subject: 0,
            payer_amount: 250,
            payee_amount: 750,
            by_fallback: false
        }
    );
}

#[test]
fn execute_twice_fails_with_wrong_status() {
    let mut d = ruled(2_500);
    d.execute(0, T0 + 4 * DAY).unwrap();
    assert_eq!(
        d.execute(0, T0 + 4 * DAY),
        Err(DisputeError::WrongStatus {
            expected: DisputeStatus::Ruled,
            actual: DisputeStatus::Resolved
        })
    );
}

#[test]
fn execute_without_ruling_before_deadline_fails_with_not_executable_yet() {
    let mut d = raised();
    assert_eq!(
        d.execute(0, T0 + DAY),
        Err(DisputeError::NotExecutableYet { at: T0 + 10 * DAY })
    );
}

#[test]
fn execute_without_ruling_after_deadline_applies_fallback() {
    let mut d = raised();
    let (res, resolved) = d.execute(0, T0 + 10 * DAY).unwrap();
    assert_eq!((res.payer_amount, res.payee_amount), (1_000, 0));
    assert_eq!(
        resolved,
        DisputeResolved {
            id: 0,
            subject: 0,
            payer_amount: 1_000,
            payee_amount: 0,
            by_fallback: true
        }
    );
}

#[test]
fn every_fallback_splits_the_whole_amount() {
    for (fallback, expected) in [
        (Fallback::RefundPayer, (1_001, 0)),
        (Fallback::PayPayee, (0, 1_001)),
        (Fallback::SplitEvenly, (500, 501)),
    ] {
        let mut d = Disputes::new(DisputeConfig {
            fallback,
            ..config()
        })
        .unwrap();
        d.raise(
            acc(CLIENT),
            acc(CLIENT),
            acc(CONTRACTOR),
            0,
            1_001,
            h(1),
            T0,
        )
        .unwrap();
        let (res, _) = d.execute(0, T0 + 10 * DAY).unwrap();
        assert_eq!((res.payer_amount, res.payee_amount), expected);
    }
}

#[test]
fn appeal_inside_window_sets_ruling_aside_and_restarts_ruling_period() {
    let mut d = ruled(0);
    let events = d.appeal(acc(CLIENT), 0, h(9), T0 + 2 * DAY).unwrap();
    let dispute = d.get(0).unwrap();
    assert_eq!(dispute.status, DisputeStatus::AwaitingRuling);
    assert_eq!(dispute.ruling, None);
    assert_eq!(dispute.ruling_deadline, T0 + 12 * DAY);
    assert_eq!(
        events,
        vec![DisputeEvent::Appealed(RulingAppealed {
            id: 0,
            by: acc(CLIENT),
            grounds_hash: h(9),
            ruling_deadline: T0 + 12 * DAY
        })]
    );
}

#[test]
fn second_appeal_by_the_same_side_fails_with_appeal_already_used() {
    let mut d = ruled(0);
    d.appeal(acc(CLIENT), 0, h(9), T0 + 2 * DAY).unwrap();
    d.rule(&roles(), acc(ARBITRATOR), 0, 6_000, h(2), T0 + 3 * DAY)
        .unwrap();
    assert_eq!(
        d.appeal(acc(CLIENT), 0, h(9), T0 + 3 * DAY),
        Err(DisputeError::AppealAlreadyUsed)
    );
}

#[test]
fn each_side_has_its_own_appeal() {
    // given: the client appealed the first ruling, the arbitrator ruled again
    let mut d = ruled(0);
    d.appeal(acc(CLIENT), 0, h(9), T0 + 2 * DAY).unwrap();
    d.rule(&roles(), acc(ARBITRATOR), 0, 6_000, h(2), T0 + 3 * DAY)
        .unwrap();
    // when: the contractor appeals the second ruling
    d.appeal(acc(CONTRACTOR), 0, h(8), T0 + 4 * DAY).unwrap();
    // then: the dispute awaits a third ruling; both appeals are used
    assert_eq!(d.get(0).unwrap().status, DisputeStatus::AwaitingRuling);
    d.rule(&roles(), acc(ARBITRATOR), 0, 5_000, h(2), T0 + 5 * DAY)
        .unwrap();
    for side in [CLIENT, CONTRACTOR] {
        assert_eq!(
            d.appeal(acc(side), 0, h(9), T0 + 6 * DAY),
            Err(DisputeError::AppealAlreadyUsed)
        );
    }
}

#[test]
fn appeal_after_window_fails_with_appeal_window_closed() {
    let mut d = ruled(0);
    assert_eq!(
        d.appeal(acc(CLIENT), 0, h(9), T0 + 4 * DAY),
        Err(DisputeError::AppealWindowClosed {
            deadline: T0 + 4 * DAY
        })
    );
}

#[test]
fn appeal_by_non_party_fails_with_not_a_party() {
    let mut d = ruled(0);
    assert_eq!(
        d.appeal(acc(ARBITRATOR), 0, h(9), T0 + 2 * DAY),
        Err(DisputeError::NotAParty {
            caller: acc(ARBITRATOR)
        })
    );
}

#[test]
fn appeal_before_ruling_fails_with_wrong_status() {
    let mut d = raised();
    assert_eq!(
        d.appeal(acc(CLIENT), 0, h(9), T0),
        Err(DisputeError::WrongStatus {
            expected: DisputeStatus::Ruled,
            actual: DisputeStatus::AwaitingRuling
        })
    );
}

#[test]
fn executable_split_previews_without_changing_state() {
    let d = ruled(2_500);
    assert_eq!(d.executable_split(0, T0), None);
    assert_eq!(d.executable_split(0, T0 + 4 * DAY), Some((250, 750)));
    assert_eq!(d.get(0).unwrap().status, DisputeStatus::Ruled);
}
