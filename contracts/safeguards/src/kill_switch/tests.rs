use super::*;
use crate::test_utils::*;
use crate::RolesError;

type Roles = crate::roles::Roles<crate::store::MemStore>;

const NOW: Timestamp = 1_000;
const MAX_PAUSE_FOR_TESTS: Timestamp = 30 * 86_400_000;

#[test]
fn a_zero_or_too_long_maximum_pause_fails_with_invalid_max_pause() {
    for max_pause in [0, MAX_PAUSE + 1] {
        assert_eq!(
            KillSwitch::new(max_pause),
            Err(KillSwitchError::InvalidMaxPause { max_pause })
        );
    }
    assert!(KillSwitch::new(MAX_PAUSE).is_ok());
    // ten years of 366 days, in milliseconds
    assert_eq!(MAX_PAUSE, 316_224_000_000);
    assert_eq!(
        KillSwitch::new(MAX_PAUSE_FOR_TESTS).unwrap().max_pause(),
        MAX_PAUSE_FOR_TESTS
    );
}

#[test]
fn a_lapsed_pause_can_be_resumed_by_anyone() {
    // given: paused at NOW
    let (roles, mut k) = paused();
    let lapse = NOW + MAX_PAUSE_FOR_TESTS;
    assert_eq!(k.paused_until(), Some(lapse));
    // when / then: before the lapse only the admin resumes
    let before = k.clone();
    assert_eq!(
        k.resume(&roles, acc(STRANGER), lapse - 1),
        Err(Guarded::Roles(RolesError::Unauthorized {
            caller: acc(STRANGER),
            required: Role::Admin
        }))
    );
    assert_eq!(k, before);
    // at the lapse anyone does
    let events = k.resume(&roles, acc(STRANGER), lapse).unwrap();
    assert_eq!(k.state(), SwitchState::Active);
    assert_eq!(k.paused_until(), None);
    assert_eq!(
        events,
        vec![KillSwitchEvent::Resumed(ContractResumed {
            by: acc(STRANGER),
            at: lapse
        })]
    );
}

#[test]
fn renewing_a_pause_moves_its_lapse() {
    // given: paused at NOW, renewed a day later
    let (roles, mut k) = paused();
    let day = 86_400_000;
    let events = k.pause(&roles, acc(GUARDIAN), h(6), NOW + day).unwrap();
    // then
    assert_eq!(k.paused_until(), Some(NOW + day + MAX_PAUSE_FOR_TESTS));
    assert_eq!(events.len(), 1);
    assert_eq!(
        k.resume(&roles, acc(STRANGER), NOW + MAX_PAUSE_FOR_TESTS),
        Err(Guarded::Roles(RolesError::Unauthorized {
            caller: acc(STRANGER),
            required: Role::Admin
        }))
    );
}

fn setup() -> (Roles, KillSwitch) {
    let mut roles = Roles::new(acc(ADMIN));
    roles
        .grant(acc(ADMIN), Role::Guardian, acc(GUARDIAN))
        .unwrap();
    roles
        .grant(acc(ADMIN), Role::Arbitrator, acc(ARBITRATOR))
        .unwrap();
    (roles, KillSwitch::new(MAX_PAUSE_FOR_TESTS).unwrap())
}

fn parties() -> Vec<AccountId> {
    vec![acc(CLIENT), acc(CONTRACTOR)]
}

fn paused() -> (Roles, KillSwitch) {
    let (roles, mut ks) = setup();
    ks.pause(&roles, acc(GUARDIAN), h(7), NOW).unwrap();
    (roles, ks)
}

#[test]
fn pause_by_guardian_pauses_and_emits_paused() {
    let (roles, mut ks) = setup();
    let events = ks.pause(&roles, acc(GUARDIAN), h(7), NOW).unwrap();
    assert_eq!(ks.state(), SwitchState::Paused);
    assert_eq!(
        events,
        vec![KillSwitchEvent::Paused(ContractPaused {
            by: acc(GUARDIAN),
            reason_hash: h(7),
            at: NOW
        })]
    );
}

#[test]
fn pause_by_admin_pauses() {
    let (roles, mut ks) = setup();
    ks.pause(&roles, acc(ADMIN), h(7), NOW).unwrap();
    assert_eq!(ks.state(), SwitchState::Paused);
}

#[test]
fn pause_by_other_roles_fails_with_unauthorized() {
    let (roles, mut ks) = setup();
    for who in [ARBITRATOR, CLIENT, STRANGER] {
        assert_eq!(
            ks.pause(&roles, acc(who), h(7), NOW),
            Err(Guarded::Roles(RolesError::Unauthorized {
                caller: acc(who),
                required: Role::Guardian
            }))
        );
    }
    assert_eq!(ks.state(), SwitchState::Active);
}

#[test]
fn pause_with_zero_reason_fails_with_zero_reason_hash() {
    let (roles, mut ks) = setup();
    assert_eq!(
        ks.pause(&roles, acc(GUARDIAN), [0; 32], NOW),
        Err(Guarded::Core(KillSwitchError::ZeroReasonHash))
    );
}

#[test]
fn resume_by_admin_reactivates_and_emits_resumed() {
    let (roles, mut ks) = paused();
    let events = ks.resume(&roles, acc(ADMIN), NOW + 1).unwrap();
    assert_eq!(ks.state(), SwitchState::Active);
    assert_eq!(
        events,
        vec![KillSwitchEvent::Resumed(ContractResumed {
            by: acc(ADMIN),
            at: NOW + 1
        })]
    );
}

#[test]
fn resume_by_guardian_fails_with_unauthorized() {
    let (roles, mut ks) = paused();
    for who in [GUARDIAN, ARBITRATOR, CLIENT, STRANGER] {
        assert_eq!(
            ks.resume(&roles, acc(who), NOW),
            Err(Guarded::Roles(RolesError::Unauthorized {
                caller: acc(who),
                required: Role::Admin
            }))
        );
    }
    assert_eq!(ks.state(), SwitchState::Paused);
}

#[test]
fn resume_when_active_fails_with_wrong_state() {
    let (roles, mut ks) = setup();
    assert_eq!(
        ks.resume(&roles, acc(ADMIN), NOW),
        Err(Guarded::Core(KillSwitchError::WrongState {
            expected: SwitchState::Paused,
            actual: SwitchState::Active
        }))
    );
}

#[test]
fn terminate_when_paused_settles_and_is_terminal() {
    let (roles, mut ks) = paused();
    let settlement = [(acc(CLIENT), 70), (acc(CONTRACTOR), 30)];
    let events = ks
        .terminate(&roles, acc(ADMIN), h(8), &parties(), &settlement, 100, NOW)
        .unwrap();
    assert_eq!(ks.state(), SwitchState::Terminated);
    assert_eq!(
        events,
        vec![
            KillSwitchEvent::Terminated(ContractTerminated {
                by: acc(ADMIN),
                reason_hash: h(8),
                settled: 100,
                at: NOW
            }),
            KillSwitchEvent::SettlementPaid(SettlementPaid {
                recipient: acc(CLIENT),
                amount: 70
            }),
            KillSwitchEvent::SettlementPaid(SettlementPaid {
                recipient: acc(CONTRACTOR),
                amount: 30
            }),
        ]
    );
    assert_eq!(ks.ensure_active(), Err(KillSwitchError::Terminated));
    assert_eq!(ks.ensure_not_terminated(), Err(KillSwitchError::Terminated));
    assert!(ks.resume(&roles, acc(ADMIN), NOW).is_err());
    assert!(ks.pause(&roles, acc(ADMIN), h(7), NOW).is_err());
}

#[test]
fn a_settlement_payment_of_zero_emits_no_settlement_paid() {
    let (roles, mut ks) = paused();
    let settlement = [(acc(CLIENT), 100), (acc(CONTRACTOR), 0)];
    let events = ks
        .terminate(&roles, acc(ADMIN), h(8), &parties(), &settlement, 100, NOW)
        .unwrap();
    assert_eq!(events.len(), 2);
    assert!(!events.iter().any(|e| matches!(
        e,
        KillSwitchEvent::SettlementPaid(SettlementPaid { amount: 0, .. })
    )));
}

#[test]
fn terminate_when_active_fails_with_wrong_state() {
    let (roles, mut ks) = setup();
    assert_eq!(
        ks.terminate(&roles, acc(ADMIN), h(8), &parties(), &[], 0, NOW),
        Err(Guarded::Core(KillSwitchError::WrongState {
            expected: SwitchState::Paused,
            actual: SwitchState::Active
        }))
    );
}

#[test]
fn terminate_by_non_admin_fails_with_unauthorized() {
    let (roles, mut ks) = paused();
    for who in [GUARDIAN, ARBITRATOR, CLIENT, STRANGER] {
        assert_eq!(
            ks.terminate(&roles, acc(who), h(8), &parties(), &[], 0, NOW),
            Err(Guarded::Roles(RolesError::Unauthorized {
                caller: acc(who),
                required: Role::Admin
            }))
        );
    }
    assert_eq!(ks.state(), SwitchState::Paused);
}

#[test]
fn terminate_paying_the_admin_fails_with_settlement_to_non_party() {
    let (roles, mut ks) = paused();
    let settlement = [(acc(ADMIN), 100)];
    assert_eq!(
        ks.terminate(&roles, acc(ADMIN), h(8), &parties(), &settlement, 100, NOW),
        Err(Guarded::Core(KillSwitchError::SettlementToNonParty {
            recipient: acc(ADMIN)
        }))
    );
    assert_eq!(ks.state(), SwitchState::Paused);
}

#[test]
fn terminate_leaving_funds_behind_fails_with_settlement_mismatch() {
    let (roles, mut ks) = paused();
    let settlement = [(acc(CLIENT), 60)];
    assert_eq!(
        ks.terminate(&roles, acc(ADMIN), h(8), &parties(), &settlement, 100, NOW),
        Err(Guarded::Core(KillSwitchError::SettlementMismatch {
            paid: 60,
            held: 100
        }))
    );
}

#[test]
fn protective_paths_work_while_paused() {
    let (_, ks) = paused();
    assert_eq!(ks.ensure_not_terminated(), Ok(()));
    assert_eq!(ks.ensure_active(), Err(KillSwitchError::Paused));
}
