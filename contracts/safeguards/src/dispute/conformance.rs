//! The conformance suite of the human dispute-resolution hook, over a
//! template's [`KitHarness`](crate::kit::conformance::KitHarness):
//!
//! ```ignore
//! safeguards::dispute_conformance!(MyHarness); // or conformance!(MyHarness)
//! ```
//!
//! It checks that only a party disputes, adds evidence (half the slots per
//! side) and appeals (once per side); that only the arbitrator rules, and
//! only within the frozen amount; that a ruling executes after its appeal
//! window, once, by its split, and the fallback when nobody rules; and that
//! termination leaves a dispute to its ruling, every unit held being paid
//! out once. Each generated test is named action, condition, outcome.

/// Mounts the dispute conformance suite on harness `$h` (a
/// [`KitHarness`](crate::kit::conformance::KitHarness)) as the test module
/// `dispute_conformance`.
#[macro_export]
macro_rules! dispute_conformance {
    ($h:ty) => {
        #[cfg(test)]
        #[allow(clippy::arithmetic_side_effects)]
        mod dispute_conformance {
            #[allow(unused_imports)]
            use super::*;
            use $crate::{
                dispute::DisputeStatus,
                kill_switch::SwitchState,
                kit::conformance::{
                    all_but, err, paid, refused, unauthorized, KitHarness, Raised, HASH,
                },
                roles::Role,
                types::split_bps,
                DisputeError, KillSwitchError,
            };

            type H = $h;

            fn raised() -> (H, Raised) {
                let mut h = H::funded();
                let (payer, now) = (h.cast().parties[0], h.now());
                let d = h.raise_dispute(payer, now).unwrap();
                (h, d)
            }

            #[test]
            fn raise_dispute_by_anyone_but_a_party_fails_with_not_a_party() {
                let mut h = H::funded();
                let (c, now) = (h.cast(), h.now());
                for caller in all_but(&c, &c.parties) {
                    let before = h.clone();
                    assert_eq!(
                        h.raise_dispute(caller, now),
                        Err(err::<H>(DisputeError::NotAParty { caller }))
                    );
                    assert_eq!(h, before);
                }
            }

            #[test]
            fn raise_dispute_freezes_the_amount_between_two_parties() {
                let (h, d) = raised();
                let c = h.cast();
                assert!(c.parties.contains(&d.payer) && c.parties.contains(&d.payee));
                assert_ne!(d.payer, d.payee);
                assert!(d.amount > 0);
                let dispute = h.safeguards().disputes().get(d.id).unwrap();
                assert_eq!(dispute.status, DisputeStatus::AwaitingRuling);
                assert_eq!(
                    (dispute.payer, dispute.payee, dispute.amount),
                    (d.payer, d.payee, d.amount),
                    "the dispute froze another amount or names other sides than the item"
                );
                assert!(h.safeguards().is_frozen(dispute.subject));
            }

            #[test]
            fn evidence_slots_are_half_per_side_and_closed_to_non_parties() {
                // given: the payer raised (its first slot)
                let (mut h, d) = raised();
                let c = h.cast();
                let limit = <H as KitHarness>::EVIDENCE_LIMIT;
                let half = limit / 2;
                assert!(half > 0, "the template allows no evidence");
                // `who` submits evidence as the template's shell does
                let evidence = |who| {
                    move |s: &mut $crate::Safeguards<$crate::store::MemStore>| {
                        s.submit_evidence(who, d.id, HASH, limit)
                    }
                };
                for caller in all_but(&c, &c.parties) {
                    refused(
                        &mut h,
                        evidence(caller),
                        err::<H>(DisputeError::NotAParty { caller }),
                    );
                }
                // when: the payer fills its half
                for _ in 1..half {
                    h.safeguarded(evidence(d.payer)).unwrap();
                }
                // then: it is refused more, and the payee still has its half
                refused(
                    &mut h,
                    evidence(d.payer),
                    err::<H>(DisputeError::TooMuchEvidence),
                );
                for _ in 0..half {
                    h.safeguarded(evidence(d.payee)).unwrap();
                }
                refused(
                    &mut h,
                    evidence(d.payee),
                    err::<H>(DisputeError::TooMuchEvidence),
                );
            }

            #[test]
            fn rule_by_anyone_but_the_arbitrator_fails_with_unauthorized() {
                let (mut h, d) = raised();
                let (c, now) = (h.cast(), h.now());
                for caller in all_but(&c, &[c.arbitrator]) {
                    refused(
                        &mut h,
                        |s| s.rule(caller, d.id, 0, HASH, now),
                        unauthorized::<H>(caller, Role::Arbitrator),
                    );
                }
                // nor by an arbitrator whose role was revoked
                h.safeguarded(|s| s.revoke_role(c.admin, Role::Arbitrator, c.arbitrator))
                    .unwrap();
                refused(
                    &mut h,
                    |s| s.rule(c.arbitrator, d.id, 0, HASH, now),
                    unauthorized::<H>(c.arbitrator, Role::Arbitrator),
                );
            }

            #[test]
            fn rule_beyond_the_frozen_amount_fails_with_split_out_of_range() {
                let (mut h, d) = raised();
                let (c, now) = (h.cast(), h.now());
                refused(
                    &mut h,
                    |s| s.rule(c.arbitrator, d.id, 10_001, HASH, now),
                    err::<H>(DisputeError::SplitOutOfRange { payer_bps: 10_001 }),
                );
            }

            #[test]
            fn a_ruling_executes_after_its_appeal_window_by_its_split_once() {
                // given: ruled 30 % to the payer
                let (mut h, d) = raised();
                let (c, now) = (h.cast(), h.now());
                h.safeguarded(|s| s.rule(c.arbitrator, d.id, 3_000, HASH, now))
                    .unwrap();
                let window_ends = now + h.safeguards().disputes().config().appeal_window;
                let held = KitHarness::held(&h);
                // when / then: not inside the window
                let before = h.clone();
                assert_eq!(
                    h.execute_ruling(d.id, window_ends - 1),
                    Err(err::<H>(DisputeError::NotExecutableYet { at: window_ends }))
                );
                assert_eq!(h, before);
                // after it, by the split, to the two parties
                let (to_payer, to_payee) = split_bps(d.amount, 3_000).unwrap();
                let ruled = h.execute_ruling(d.id, window_ends).unwrap();
                let mut expected = ink::prelude::vec![(d.payer, to_payer), (d.payee, to_payee)];
                expected.retain(|(_, a)| *a > 0);
                assert_eq!(ruled.payouts, expected);
                assert_eq!(KitHarness::held(&h), held - d.amount);
                let subject = h.safeguards().disputes().get(d.id).unwrap().subject;
                assert!(
                    !h.safeguards().is_frozen(subject),
                    "a resolved dispute still freezes"
                );
                // and only once
                let before = h.clone();
                assert_eq!(
                    h.execute_ruling(d.id, window_ends),
                    Err(err::<H>(DisputeError::WrongStatus {
                        expected: DisputeStatus::Ruled,
                        actual: DisputeStatus::Resolved,
                    }))
                );
                assert_eq!(h, before);
            }

            #[test]
            fn each_side_appeals_once_and_an_appeal_sets_the_ruling_aside() {
                let (mut h, d) = raised();
                let (c, now) = (h.cast(), h.now());
                let rule = |h: &mut H| {
                    h.safeguarded(|s| s.rule(c.arbitrator, d.id, 0, HASH, now))
                        .unwrap();
                };
                rule(&mut h);
                for caller in all_but(&c, &c.parties) {
                    refused(
                        &mut h,
                        |s| s.appeal(caller, d.id, HASH, now),
                        err::<H>(DisputeError::NotAParty { caller }),
                    );
                }
                // the payer appeals: the ruling is set aside
                h.safeguarded(|s| s.appeal(d.payer, d.id, HASH, now))
                    .unwrap();
                let dispute = h.safeguards().disputes().get(d.id).unwrap();
                assert_eq!(dispute.status, DisputeStatus::AwaitingRuling);
                assert_eq!(dispute.ruling, None);
                // a new ruling: the payer's appeal is used up, the payee's is not
                rule(&mut h);
                refused(
                    &mut h,
                    |s| s.appeal(d.payer, d.id, HASH, now),
                    err::<H>(DisputeError::AppealAlreadyUsed),
                );
                h.safeguarded(|s| s.appeal(d.payee, d.id, HASH, now))
                    .unwrap();
            }

            #[test]
            fn without_a_ruling_by_the_deadline_the_fallback_executes() {
                let (mut h, d) = raised();
                let deadline = h.safeguards().disputes().get(d.id).unwrap().ruling_deadline;
                let fallback = h.safeguards().disputes().config().fallback;
                let before = h.clone();
                assert_eq!(
                    h.execute_ruling(d.id, deadline - 1),
                    Err(err::<H>(DisputeError::NotExecutableYet { at: deadline }))
                );
                assert_eq!(h, before);
                let (to_payer, to_payee) = split_bps(d.amount, fallback.payer_bps()).unwrap();
                let executed = h.execute_ruling(d.id, deadline).unwrap();
                let mut expected = ink::prelude::vec![(d.payer, to_payer), (d.payee, to_payee)];
                expected.retain(|(_, a)| *a > 0);
                assert_eq!(executed.payouts, expected);
            }

            #[test]
            fn termination_leaves_a_dispute_to_its_ruling_and_pays_every_unit_once() {
                // given: a dispute ruled for the payee, inside its appeal window
                let (mut h, d) = raised();
                let (c, now) = (h.cast(), h.now());
                h.safeguarded(|s| s.rule(c.arbitrator, d.id, 0, HASH, now))
                    .unwrap();
                h.safeguarded(|s| s.pause(c.guardian, HASH, now)).unwrap();
                let held = KitHarness::held(&h);
                // when
                let settled = h.terminate(c.admin, now).unwrap();
                // then: only parties are paid, and the disputed amount stays frozen
                assert_eq!(
                    h.safeguards().kill_switch().state(),
                    SwitchState::Terminated
                );
                for (to, _) in &settled.payouts {
                    assert!(c.parties.contains(to), "settlement paid {to:?}");
                }
                assert_eq!(paid(&settled), held - d.amount);
                assert_eq!(KitHarness::held(&h), d.amount);
                // no new dispute after termination, whoever asks: the
                // termination is checked first
                let before = h.clone();
                for caller in [d.payer, c.admin] {
                    assert_eq!(
                        h.raise_dispute(caller, now),
                        Err(err::<H>(KillSwitchError::Terminated))
                    );
                }
                assert_eq!(h, before);
                // and the ruling is carried out as recorded once its window passes
                let later = now + h.safeguards().disputes().config().appeal_window;
                let ruled = h.execute_ruling(d.id, later).unwrap();
                assert_eq!(ruled.payouts, ink::prelude::vec![(d.payee, d.amount)]);
                assert_eq!(KitHarness::held(&h), 0);
                assert_eq!(paid(&settled) + paid(&ruled), held);
            }
        }
    };
}
