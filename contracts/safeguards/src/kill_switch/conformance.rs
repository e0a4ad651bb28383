//! The conformance suite of the kill switch, over a template's
//! [`KitHarness`](crate::kit::conformance::KitHarness):
//!
//! ```ignore
//! safeguards::kill_switch_conformance!(MyHarness); // or conformance!(MyHarness)
//! ```
//!
//! It checks who may pause, resume and terminate (every other account of
//! the cast refused, a revoked guardian too), that a pause stops every
//! payment path while the human processes go on, that a pause lapses after
//! its maximum, and that termination pays only parties, exactly what no
//! dispute holds, every unit held being paid out once. Each generated test
//! is named action, condition, outcome.

/// Mounts the kill-switch conformance suite on harness `$h` (a
/// [`KitHarness`](crate::kit::conformance::KitHarness)) as the test module
/// `kill_switch_conformance`.
#[macro_export]
macro_rules! kill_switch_conformance {
    ($h:ty) => {
        #[cfg(test)]
        #[allow(clippy::arithmetic_side_effects)]
        mod kill_switch_conformance {
            #[allow(unused_imports)]
            use super::*;
            use $crate::{
                kill_switch::SwitchState,
                kit::conformance::{all_but, err, paid, refused, unauthorized, KitHarness, HASH},
                roles::Role,
                KillSwitchError,
            };

            type H = $h;

            #[test]
            fn pause_by_anyone_but_a_guardian_or_the_admin_fails_with_unauthorized() {
                let mut h = H::funded();
                let (c, now) = (h.cast(), h.now());
                for caller in all_but(&c, &[c.guardian, c.admin]) {
                    refused(
                        &mut h,
                        |s| s.pause(caller, HASH, now),
                        unauthorized::<H>(caller, Role::Guardian),
                    );
                }
                // and both may
                h.clone()
                    .safeguarded(|s| s.pause(c.admin, HASH, now))
                    .unwrap();
                h.safeguarded(|s| s.pause(c.guardian, HASH, now)).unwrap();
            }

            #[test]
            fn pause_by_a_revoked_guardian_fails_with_unauthorized() {
                let mut h = H::funded();
                let (c, now) = (h.cast(), h.now());
                h.safeguarded(|s| s.revoke_role(c.admin, Role::Guardian, c.guardian))
                    .unwrap();
                refused(
                    &mut h,
                    |s| s.pause(c.guardian, HASH, now),
                    unauthorized::<H>(c.guardian, Role::Guardian),
                );
            }

            #[test]
            fn pause_without_a_reason_fails_with_zero_reason_hash() {
                let mut h = H::funded();
                let (c, now) = (h.cast(), h.now());
                refused(
                    &mut h,
                    |s| s.pause(c.guardian, [0; 32], now),
                    err::<H>(KillSwitchError::ZeroReasonHash),
                );
            }

            #[test]
            fn resume_and_terminate_by_anyone_but_the_admin_fail_with_unauthorized() {
                // given: paused
                let mut h = H::funded();
                let (c, now) = (h.cast(), h.now());
                h.safeguarded(|s| s.pause(c.guardian, HASH, now)).unwrap();
                for caller in all_but(&c, &[c.admin]) {
                    let admin = unauthorized::<H>(caller, Role::Admin);
                    refused(&mut h, |s| s.resume(caller, now), admin.clone());
                    let before = h.clone();
                    assert_eq!(h.terminate(caller, now), Err(admin));
                    assert_eq!(h, before, "a refused terminate changed the contract");
                }
            }

            #[test]
            fn terminate_while_active_fails_with_wrong_state_and_changes_nothing() {
                let mut h = H::funded();
                let (c, now) = (h.cast(), h.now());
                let before = h.clone();
                assert_eq!(
                    h.terminate(c.admin, now),
                    Err(err::<H>(KillSwitchError::WrongState {
                        expected: SwitchState::Paused,
                        actual: SwitchState::Active,
                    }))
                );
                assert_eq!(h, before);
            }

            #[test]
            fn a_pause_stops_every_payment_path_while_the_human_process_goes_on() {
                // given: a ruling for the payee, then a pause
                let mut h = H::funded();
                let (c, now) = (h.cast(), h.now());
                let d = h.raise_dispute(c.parties[0], now).unwrap();
                h.safeguarded(|s| s.pause(c.guardian, HASH, now)).unwrap();
                // the arbitrator rules while paused
                h.safeguarded(|s| s.rule(c.arbitrator, d.id, 0, HASH, now))
                    .unwrap();
                let later = now + h.safeguards().disputes().config().appeal_window;
                // when / then: nothing pays the payee
                let before = h.clone();
                assert_eq!(
                    h.execute_ruling(d.id, later),
                    Err(err::<H>(KillSwitchError::Paused))
                );
                assert_eq!(h, before);
                let paths = h.payment_paths(later);
                assert!(!paths.is_empty(), "the harness lists no payment path");
                for (path, outcome) in paths {
                    assert_eq!(outcome, Err(err::<H>(KillSwitchError::Paused)), "{path}");
                }
                // and once resumed the ruling pays as recorded
                h.safeguarded(|s| s.resume(c.admin, later)).unwrap();
                let ruled = h.execute_ruling(d.id, later).unwrap();
                assert_eq!(ruled.payouts, ink::prelude::vec![(d.payee, d.amount)]);
            }

            #[test]
            fn a_pause_lapses_after_its_maximum_and_then_anyone_resumes() {
                // given: paused by the guardian
                let mut h = H::funded();
                let (c, now) = (h.cast(), h.now());
                h.safeguarded(|s| s.pause(c.guardian, HASH, now)).unwrap();
                let lapse = now + h.safeguards().kill_switch().max_pause();
                assert_eq!(h.safeguards().kill_switch().paused_until(), Some(lapse));
                // when / then: before the lapse only the admin resumes
                refused(
                    &mut h,
                    |s| s.resume(c.stranger, lapse - 1),
                    unauthorized::<H>(c.stranger, Role::Admin),
                );
                // from the lapse anyone does, and payments run again
                h.safeguarded(|s| s.resume(c.stranger, lapse)).unwrap();
                assert_eq!(h.safeguards().kill_switch().state(), SwitchState::Active);
                for (path, outcome) in h.payment_paths(lapse) {
                    assert_ne!(outcome, Err(err::<H>(KillSwitchError::Paused)), "{path}");
                }
            }

            #[test]
            fn termination_pays_only_parties_exactly_what_no_dispute_holds_and_is_final() {
                // given: paused, nothing disputed
                let mut h = H::funded();
                let (c, now) = (h.cast(), h.now());
                h.safeguarded(|s| s.pause(c.guardian, HASH, now)).unwrap();
                let held = KitHarness::held(&h);
                assert!(held > 0, "the harness's contract holds nothing");
                // when
                let settled = h.terminate(c.admin, now).unwrap();
                // then: every unit held goes to a party, none to the admin
                for (to, _) in &settled.payouts {
                    assert!(c.parties.contains(to), "settlement paid {to:?}");
                }
                assert_eq!(paid(&settled), held);
                assert_eq!(KitHarness::held(&h), 0);
                assert_eq!(
                    h.safeguards().kill_switch().state(),
                    SwitchState::Terminated
                );
                // and it is final: nothing resumes, pauses or terminates it
                let terminated = err::<H>(KillSwitchError::WrongState {
                    expected: SwitchState::Paused,
                    actual: SwitchState::Terminated,
                });
                refused(&mut h, |s| s.resume(c.admin, now), terminated.clone());
                let before = h.clone();
                assert_eq!(h.terminate(c.admin, now), Err(terminated));
                assert_eq!(h, before);
                assert!(h.safeguarded(|s| s.pause(c.guardian, HASH, now)).is_err());
                assert_eq!(h, before);
            }
        }
    };
}
