//! The conformance suite of the roles safeguard: the admin handover and
//! the admin-only messages.
//!
//! A contract whose privileged messages sit on a [`Roles`] table implements
//! [`RolesHarness`] over its core (in a test module) and mounts the suite
//! with one line:
//!
//! ```ignore
//! safeguards::roles_conformance!(MyHarness);
//! ```
//!
//! A template that mounts the kit gets a [`RolesHarness`] from its
//! [`KitHarness`](crate::kit::conformance::KitHarness) and mounts this suite
//! through [`conformance!`](crate::conformance). The suite checks that the
//! handover takes two steps, that a pending admin and a former admin have no
//! power, and that every admin-only message refuses every other account with
//! `Unauthorized` and changes nothing. Each generated test is named action,
//! condition, outcome.
use ink::prelude::vec::Vec;

use super::{Roles, RolesError, RolesEvent};
use crate::{store::MemStore, types::AccountId};

/// A contract core driven by the roles suite. Every method calls the
/// contract's core exactly as its message does.
pub trait RolesHarness: Sized + Clone + PartialEq + core::fmt::Debug {
    /// The contract's error.
    type Error: core::fmt::Debug + PartialEq + From<RolesError>;

    /// A core just instantiated: the admin is the instantiator, no handover
    /// is pending.
    fn instantiated() -> Self;

    /// The admin.
    fn admin(&self) -> AccountId;

    /// Every account of the cast that is not the admin: the other role
    /// holders, the parties (if the contract has any) and a stranger.
    fn others(&self) -> Vec<AccountId>;

    /// The role table, read.
    fn roles(&self) -> &Roles<MemStore>;

    /// The contract's `propose_admin`.
    ///
    /// # Errors
    ///
    /// The contract's refusal.
    fn propose_admin(
        &mut self,
        caller: AccountId,
        new: AccountId,
    ) -> Result<Vec<RolesEvent>, Self::Error>;

    /// The contract's `accept_admin`.
    ///
    /// # Errors
    ///
    /// The contract's refusal.
    fn accept_admin(&mut self, caller: AccountId) -> Result<Vec<RolesEvent>, Self::Error>;

    /// Each of the contract's admin-only messages, sent by `caller` to a
    /// clone of the core, with its outcome. For an account that is not the
    /// admin, every one must fail with `Unauthorized { required: Admin }`.
    fn admin_messages(&self, caller: AccountId) -> Vec<(&'static str, Result<(), Self::Error>)>;
}

/// Mounts the roles conformance suite on harness `$h` (a [`RolesHarness`])
/// as the test module `roles_conformance`.
#[macro_export]
macro_rules! roles_conformance {
    ($h:ty) => {
        #[cfg(test)]
        mod roles_conformance {
            #[allow(unused_imports)]
            use super::*;
            use $crate::roles::{
                conformance::RolesHarness, AdminTransferProposed, AdminTransferred, Role,
                RolesError, RolesEvent,
            };

            type H = $h;
            type E = <H as RolesHarness>::Error;

            fn unauthorized(caller: ink::primitives::AccountId) -> E {
                E::from(RolesError::Unauthorized {
                    caller,
                    required: Role::Admin,
                })
            }

            /// Every admin-only message sent by `caller` fails with
            /// `Unauthorized`.
            fn powerless(h: &H, caller: ink::primitives::AccountId) {
                let messages = h.admin_messages(caller);
                assert!(!messages.is_empty(), "the harness lists no admin message");
                for (message, outcome) in messages {
                    assert_eq!(outcome, Err(unauthorized(caller)), "{message}");
                }
            }

            #[test]
            fn admin_messages_refuse_every_account_but_the_admin() {
                let h = H::instantiated();
                for caller in h.others() {
                    powerless(&h, caller);
                }
                // and the admin passes the role check of each
                for (message, outcome) in h.admin_messages(h.admin()) {
                    assert_ne!(outcome, Err(unauthorized(h.admin())), "{message}");
                }
            }

            #[test]
            fn propose_admin_by_anyone_but_the_admin_fails_with_unauthorized_and_changes_nothing() {
                let mut h = H::instantiated();
                let others = h.others();
                for caller in others.clone() {
                    let before = h.clone();
                    assert_eq!(
                        h.propose_admin(caller, others[0]),
                        Err(unauthorized(caller))
                    );
                    assert_eq!(h, before);
                }
            }

            #[test]
            fn accept_admin_without_a_proposal_fails_with_no_pending_admin() {
                let mut h = H::instantiated();
                let caller = h.others()[0];
                let before = h.clone();
                assert_eq!(
                    h.accept_admin(caller),
                    Err(E::from(RolesError::NoPendingAdmin))
                );
                assert_eq!(h, before);
            }

            #[test]
            fn accept_admin_by_another_account_than_the_proposed_one_fails_with_not_pending_admin()
            {
                let mut h = H::instantiated();
                let (admin, others) = (h.admin(), h.others());
                let (new, intruder) = (others[0], others[others.len() - 1]);
                assert_ne!(
                    new, intruder,
                    "the harness needs two accounts besides the admin"
                );
                h.propose_admin(admin, new).unwrap();
                for caller in [intruder, admin] {
                    let before = h.clone();
                    assert_eq!(
                        h.accept_admin(caller),
                        Err(E::from(RolesError::NotPendingAdmin { caller }))
                    );
                    assert_eq!(h, before);
                }
            }

            #[test]
            fn handover_takes_two_steps_and_a_pending_admin_has_no_power() {
                // given
                let mut h = H::instantiated();
                let (admin, new) = (h.admin(), h.others()[0]);
                // when: proposed
                let proposed = h.propose_admin(admin, new).unwrap();
                // then: nothing moved yet, and the proposed account is powerless
                assert_eq!(
                    proposed,
                    ink::prelude::vec![RolesEvent::AdminProposed(AdminTransferProposed {
                        admin,
                        proposed: new,
                    })]
                );
                assert_eq!(h.roles().admin(), admin);
                assert_eq!(h.roles().pending_admin(), Some(new));
                powerless(&h, new);
                // when: accepted
                let accepted = h.accept_admin(new).unwrap();
                // then
                assert_eq!(
                    accepted,
                    ink::prelude::vec![RolesEvent::AdminTransferred(AdminTransferred {
                        previous: admin,
                        admin: new,
                    })]
                );
                assert_eq!(h.roles().admin(), new);
                assert_eq!(h.roles().pending_admin(), None);
            }

            #[test]
            fn a_former_admin_keeps_no_power_over_any_admin_message() {
                // given: handed over
                let mut h = H::instantiated();
                let (admin, new) = (h.admin(), h.others()[0]);
                h.propose_admin(admin, new).unwrap();
                h.accept_admin(new).unwrap();
                // then: the former admin is refused everywhere, the new one is not
                assert!(!h.roles().has(Role::Admin, admin));
                powerless(&h, admin);
                let before = h.clone();
                assert_eq!(h.propose_admin(admin, admin), Err(unauthorized(admin)));
                assert_eq!(h, before);
                for (message, outcome) in h.admin_messages(new) {
                    assert_ne!(outcome, Err(unauthorized(new)), "{message}");
                }
            }
        }
    };
}
