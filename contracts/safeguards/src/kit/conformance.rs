//! The conformance suite of the safeguards kit.
//!
//! A template mounts it with one line in a test module, over its own core
//! (not over the kit), so a fork that rewires a safeguard fails its own
//! tests:
//!
//! ```ignore
//! safeguards::kit_conformance!(MyHarness);
//! ```
//!
//! It checks what the kit promises whichever template mounts it: no party
//! holds a role, a former or pending admin has no power, every privileged
//! kit message refuses every other caller and changes nothing, a pause
//! stops every payment path while the human process goes on and lapses
//! after its maximum (then anyone resumes), and
//! termination pays only parties, never the admin, and leaves a dispute to
//! its ruling, every unit held being paid out once. Each generated test is
//! named action, condition, outcome.
use ink::prelude::vec::Vec;

use super::{Outcome, SafeguardError, SafeguardEvent, Safeguards};
use crate::{
    store::MemStore,
    types::{AccountId, Balance, Timestamp},
};

/// What a harness call returned: the safeguard events among the contract's
/// events, and the payments it asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Effects {
    /// The kit's events, in order.
    pub events: Vec<SafeguardEvent>,
    /// Payments (recipient, amount).
    pub payouts: Vec<(AccountId, Balance)>,
}

/// The accounts of a harness's contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cast {
    /// The admin (the instantiator).
    pub admin: AccountId,
    /// Holds `Guardian`.
    pub guardian: AccountId,
    /// Holds `Arbitrator`.
    pub arbitrator: AccountId,
    /// Holds `Reviewer`.
    pub reviewer: AccountId,
    /// The parties, payer first.
    pub parties: Vec<AccountId>,
    /// No role, no stake.
    pub stranger: AccountId,
}

/// A dispute the harness raised on one of its contract's items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Raised {
    /// The dispute.
    pub id: u32,
    /// Who gets the amount back on a refund.
    pub payer: AccountId,
    /// Who would be paid.
    pub payee: AccountId,
    /// The frozen amount.
    pub amount: Balance,
}

/// A template core driven by the suite. Every method calls the template's
/// core exactly as its message does.
pub trait KitHarness: Sized + Clone + PartialEq + core::fmt::Debug {
    /// The template's error.
    type Error: core::fmt::Debug + PartialEq + From<SafeguardError>;

    /// A core instantiated by the cast's admin, effective and funded, with
    /// an item a party can dispute and nothing waiting for an automated
    /// decision.
    fn funded() -> Self;

    /// Its accounts.
    fn cast(&self) -> Cast;

    /// A block time after funding.
    fn now(&self) -> Timestamp;

    /// The kit, read.
    fn safeguards(&self) -> &Safeguards<MemStore>;

    /// A kit message, as the template's shell sends it.
    ///
    /// # Errors
    ///
    /// The kit's refusal, as the template's error.
    fn safeguarded(
        &mut self,
        message: impl FnOnce(&mut Safeguards<MemStore>) -> Outcome,
    ) -> Result<Effects, Self::Error>;

    /// What the contract holds.
    fn held(&self) -> Balance;

    /// The payer (`cast().parties[0]`) disputes the template's first
    /// disputable item.
    ///
    /// # Errors
    ///
    /// The template's refusal.
    fn raise_dispute(&mut self, now: Timestamp) -> Result<Raised, Self::Error>;

    /// Anyone executes dispute `id`.
    ///
    /// # Errors
    ///
    /// The template's refusal.
    fn execute_ruling(&mut self, id: u32, now: Timestamp) -> Result<Effects, Self::Error>;

    /// `caller` terminates with the template's settlement.
    ///
    /// # Errors
    ///
    /// The template's refusal.
    fn terminate(&mut self, caller: AccountId, now: Timestamp) -> Result<Effects, Self::Error>;

    /// Each of the template's own payment paths (funding and rulings
    /// excepted), tried once at `now` by the account allowed to use it, on
    /// a clone, with its outcome: on a paused contract every one must be
    /// refused with `Paused`.
    fn payment_paths(&self, now: Timestamp) -> Vec<(&'static str, Result<Effects, Self::Error>)>;
}

/// Mounts the kit's conformance suite on harness `$h` (a [`KitHarness`]).
#[macro_export]
macro_rules! kit_conformance {
    ($h:ty) => {
        #[allow(clippy::arithmetic_side_effects)]
        mod kit_conformance {
            use super::*;
            use $crate::{
                kill_switch::SwitchState,
                kit::conformance::{Effects, KitHarness},
                roles::Role,
                KillSwitchError, RolesError, SafeguardError,
            };

            type E = <$h as KitHarness>::Error;

            const GRANTABLE: [Role; 5] = [
                Role::Guardian,
                Role::Arbitrator,
                Role::Reviewer,
                Role::Verifier,
                Role::Inspector,
            ];

            const HASH: [u8; 32] = [7; 32];

            fn err(e: impl Into<SafeguardError>) -> E {
                E::from(e.into())
            }

            /// `message` is refused with `expected` and changes nothing.
            fn refused(
                h: &mut $h,
                message: impl FnOnce(
                    &mut $crate::Safeguards<$crate::store::MemStore>,
                ) -> $crate::kit::Outcome,
                expected: E,
            ) {
                let before = h.clone();
                assert_eq!(h.safeguarded(message), Err(expected));
                assert_eq!(*h, before, "a refused kit message changed the contract");
            }

            fn unauthorized(caller: ink::primitives::AccountId, required: Role) -> E {
                err(RolesError::Unauthorized { caller, required })
            }

            fn paid(effects: &Effects) -> u128 {
                effects.payouts.iter().map(|(_, a)| a).sum()
            }

            #[test]
            fn granting_any_role_to_a_party_fails_with_party_may_not_hold_role() {
                let mut h = <$h>::funded();
                let c = h.cast();
                for party in c.parties.clone() {
                    for role in GRANTABLE {
                        refused(
                            &mut h,
                            |s| s.grant_role(c.admin, role, party),
                            err(RolesError::PartyMayNotHoldRole {
                                account: party,
                                role,
                            }),
                        );
                    }
                }
            }

            #[test]
            fn handing_admin_to_a_party_fails_with_party_may_not_hold_role() {
                let mut h = <$h>::funded();
                let c = h.cast();
                for party in c.parties.clone() {
                    refused(
                        &mut h,
                        |s| s.propose_admin(c.admin, party),
                        err(RolesError::PartyMayNotHoldRole {
                            account: party,
                            role: Role::Admin,
                        }),
                    );
                }
            }

            #[test]
            fn a_former_admin_keeps_no_role_and_no_power() {
                // given: the admin also guards, then hands over
                let mut h = <$h>::funded();
                let (c, now) = (h.cast(), h.now());
                h.safeguarded(|s| s.grant_role(c.admin, Role::Guardian, c.admin))
                    .unwrap();
                h.safeguarded(|s| s.propose_admin(c.admin, c.stranger))
                    .unwrap();
                // a pending admin has no power yet
                refused(
                    &mut h,
                    |s| s.grant_role(c.stranger, Role::Guardian, c.stranger),
                    unauthorized(c.stranger, Role::Admin),
                );
                // when
                h.safeguarded(|s| s.accept_admin(c.stranger)).unwrap();
                // then
                let roles = h.safeguards().roles();
                assert!(!roles.has(Role::Admin, c.admin));
                assert!(!roles.has(Role::Guardian, c.admin));
                assert!(roles.has(Role::Admin, c.stranger));
                refused(
                    &mut h,
                    |s| s.pause(c.admin, HASH, now),
                    unauthorized(c.admin, Role::Guardian),
                );
                refused(
                    &mut h,
                    |s| s.grant_role(c.admin, Role::Guardian, c.admin),
                    unauthorized(c.admin, Role::Admin),
                );
            }

            #[test]
            fn privileged_kit_messages_refuse_every_other_caller_and_change_nothing() {
                let mut h = <$h>::funded();
                let (c, now) = (h.cast(), h.now());
                let clause = h.safeguards().clause();
                let mut everyone =
                    ink::prelude::vec![c.admin, c.guardian, c.arbitrator, c.reviewer, c.stranger];
                everyone.extend(c.parties.iter().copied());
                let others = |allowed: &[ink::primitives::AccountId]| {
                    everyone
                        .iter()
                        .copied()
                        .filter(|a| !allowed.contains(a))
                        .collect::<ink::prelude::vec::Vec<_>>()
                };
                for caller in others(&[c.guardian, c.admin]) {
                    refused(
                        &mut h,
                        |s| s.pause(caller, HASH, now),
                        unauthorized(caller, Role::Guardian),
                    );
                }
                for caller in others(&[c.admin]) {
                    let admin = unauthorized(caller, Role::Admin);
                    refused(&mut h, |s| s.resume(caller, now), admin.clone());
                    refused(
                        &mut h,
                        |s| s.grant_role(caller, Role::Guardian, c.stranger),
                        admin.clone(),
                    );
                    refused(
                        &mut h,
                        |s| s.revoke_role(caller, Role::Guardian, c.guardian),
                        admin.clone(),
                    );
                    refused(
                        &mut h,
                        |s| s.propose_admin(caller, c.stranger),
                        admin.clone(),
                    );
                    refused(
                        &mut h,
                        |s| s.replace_clause(caller, clause, [1; 32]).map(|step| step.0),
                        admin.clone(),
                    );
                    let before = h.clone();
                    assert_eq!(h.terminate(caller, now), Err(admin));
                    assert_eq!(h, before, "a refused terminate changed the contract");
                }
                for caller in others(&[c.arbitrator]) {
                    refused(
                        &mut h,
                        |s| s.rule(caller, 0, 0, HASH, now),
                        unauthorized(caller, Role::Arbitrator),
                    );
                }
                for caller in others(&[c.reviewer]) {
                    refused(
                        &mut h,
                        |s| s.resolve_review(caller, 1, None, HASH, now),
                        unauthorized(caller, Role::Reviewer),
                    );
                }
            }

            #[test]
            fn a_pause_stops_every_payment_path_while_the_human_process_goes_on() {
                // given: a ruling for the payee, then a pause
                let mut h = <$h>::funded();
                let (c, now) = (h.cast(), h.now());
                let d = h.raise_dispute(now).unwrap();
                h.safeguarded(|s| s.pause(c.guardian, HASH, now)).unwrap();
                // the arbitrator rules while paused
                h.safeguarded(|s| s.rule(c.arbitrator, d.id, 0, HASH, now))
                    .unwrap();
                let later = now + h.safeguards().disputes().config().appeal_window;
                // when / then: nothing pays the payee
                let before = h.clone();
                assert_eq!(
                    h.execute_ruling(d.id, later),
                    Err(err(KillSwitchError::Paused))
                );
                assert_eq!(h, before);
                for (path, outcome) in h.payment_paths(later) {
                    assert_eq!(outcome, Err(err(KillSwitchError::Paused)), "{path}");
                }
            }

            #[test]
            fn a_pause_lapses_after_its_maximum_and_then_anyone_resumes() {
                // given: paused by the guardian
                let mut h = <$h>::funded();
                let (c, now) = (h.cast(), h.now());
                h.safeguarded(|s| s.pause(c.guardian, HASH, now)).unwrap();
                let lapse = now + h.safeguards().kill_switch().max_pause();
                assert_eq!(h.safeguards().kill_switch().paused_until(), Some(lapse));
                // when / then: before the lapse only the admin resumes
                refused(
                    &mut h,
                    |s| s.resume(c.stranger, lapse - 1),
                    unauthorized(c.stranger, Role::Admin),
                );
                // from the lapse anyone does, and payments run again
                h.safeguarded(|s| s.resume(c.stranger, lapse)).unwrap();
                assert_eq!(h.safeguards().kill_switch().state(), SwitchState::Active);
            }

            #[test]
            fn termination_pays_only_parties_and_leaves_a_dispute_to_its_ruling() {
                // given: a dispute ruled for the payee, inside its appeal window
                let mut h = <$h>::funded();
                let (c, now) = (h.cast(), h.now());
                let d = h.raise_dispute(now).unwrap();
                h.safeguarded(|s| s.rule(c.arbitrator, d.id, 0, HASH, now))
                    .unwrap();
                h.safeguarded(|s| s.pause(c.guardian, HASH, now)).unwrap();
                let held = h.held();
                // when
                let settled = h.terminate(c.admin, now).unwrap();
                // then: only parties are paid, never the admin, and the
                // disputed amount stays frozen
                assert_eq!(
                    h.safeguards().kill_switch().state(),
                    SwitchState::Terminated
                );
                for (to, _) in &settled.payouts {
                    assert!(c.parties.contains(to), "settlement paid {to:?}");
                }
                assert_eq!(paid(&settled), held - d.amount);
                assert_eq!(h.held(), d.amount);
                // and the ruling is carried out as recorded once its window passes
                let later = now + h.safeguards().disputes().config().appeal_window;
                let ruled = h.execute_ruling(d.id, later).unwrap();
                assert_eq!(ruled.payouts, ink::prelude::vec![(d.payee, d.amount)]);
                assert_eq!(h.held(), 0);
                assert_eq!(paid(&settled) + paid(&ruled), held);
            }
        }
    };
}
