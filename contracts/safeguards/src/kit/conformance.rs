//! The harness every template implements for the safeguard conformance
//! suites, and the suite of the composition itself.
//!
//! A template implements [`KitHarness`] and, as its core records automated
//! decisions, [`DecisionHarness`] over its own core, not over the kit, in a
//! test module, and mounts every suite with one line:
//!
//! ```ignore
//! safeguards::conformance!(MyHarness);
//! ```
//!
//! which is the same as mounting, one by one,
//! [`roles_conformance!`](crate::roles_conformance) (through the
//! [`RolesHarness`] every [`KitHarness`] is),
//! [`kill_switch_conformance!`](crate::kill_switch_conformance),
//! [`agreement_conformance!`](crate::agreement_conformance),
//! [`arbitration_conformance!`](crate::arbitration_conformance),
//! [`dispute_conformance!`](crate::dispute_conformance),
//! [`review_conformance!`](crate::review_conformance) (through the
//! [`ReviewHarness`] every [`DecisionHarness`] is) and
//! [`kit_conformance!`](crate::kit_conformance). A fork that rewires a
//! safeguard fails its own tests.
//!
//! [`kit_conformance!`](crate::kit_conformance) checks what only the
//! composition promises: no party holds a role or becomes admin, so no
//! account is paid by a path it can trigger through a role. Each generated
//! test is named action, condition, outcome.
use ink::prelude::vec::Vec;

use super::{Mount, Outcome, SafeguardError, SafeguardEvent, Safeguards};
use crate::{
    arbitration::ArbitrationClause,
    effects,
    review::{
        conformance::{Fixture, Outcome as ReviewOutcome, ReviewHarness},
        DecisionId, ReviewConfig, ReviewError, RiskClass, Verdict,
    },
    roles::{conformance::RolesHarness, Role, Roles, RolesError, RolesEvent},
    store::MemStore,
    types::{AccountId, Balance, Hash32, Timestamp},
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
    type Error: core::fmt::Debug
        + PartialEq
        + From<SafeguardError>
        + From<RolesError>
        + From<ReviewError>;

    /// The template's event.
    type Event: KitEvent;

    /// The template's core, which the harness drives as the template's
    /// `safeguard` message does: through its [`Mount`] impl.
    type Core: Mount<Store = MemStore, Event = Self::Event, Error = Self::Error>;

    /// The core.
    fn core(&self) -> &Self::Core;

    /// The core, to change.
    fn core_mut(&mut self) -> &mut Self::Core;

    /// How many evidence hashes the template allows per dispute (half of
    /// them per side): its core's [`Mount::EVIDENCE_LIMIT`], which
    /// `dispatch` passes to the kit.
    const EVIDENCE_LIMIT: usize = <Self::Core as Mount>::EVIDENCE_LIMIT;

    /// A core instantiated by the cast's admin, with nothing accepted,
    /// funded or delivered.
    fn unaccepted() -> Self;

    /// A core instantiated by the cast's admin, effective and funded, with
    /// an item a party can dispute and nothing waiting for an automated
    /// decision.
    fn funded() -> Self;

    /// Its accounts.
    fn cast(&self) -> Cast;

    /// A block time after funding.
    fn now(&self) -> Timestamp;

    /// The kit, read.
    fn safeguards(&self) -> &Safeguards<MemStore> {
        self.core().safeguards()
    }

    /// The SHA-256 of the SCALE encoding of the template's `config()` as it
    /// reads now: what a party computes off chain before it accepts.
    fn running_config_digest(&self) -> Hash32;

    /// A kit message, as the template's shell sends it.
    ///
    /// # Errors
    ///
    /// The kit's refusal, as the template's error.
    fn safeguarded(
        &mut self,
        message: impl FnOnce(&mut Safeguards<MemStore>) -> Outcome,
    ) -> Result<Effects, Self::Error> {
        self.core_mut().safeguarded(message).map(kit_effects)
    }

    /// What the contract holds.
    fn held(&self) -> Balance;

    /// `caller` disputes the template's first disputable item, which the
    /// payer (`cast().parties[0]`) may dispute. The [`Raised`] names the
    /// payer, payee and amount the template's own state gives that item
    /// (not the dispute core's record), with the new dispute's id.
    ///
    /// # Errors
    ///
    /// The template's refusal.
    fn raise_dispute(&mut self, caller: AccountId, now: Timestamp) -> Result<Raised, Self::Error>;

    /// `caller` replaces the arbitration clause through the template's
    /// [`Mount::replace_clause`] (which rebinds the configuration digest),
    /// with the contract's digest, [`gate::config_digest`](crate::gate::config_digest).
    ///
    /// # Errors
    ///
    /// The template's refusal.
    fn replace_clause(
        &mut self,
        caller: AccountId,
        clause: ArbitrationClause,
    ) -> Result<Effects, Self::Error> {
        self.core_mut()
            .replace_clause(caller, clause, crate::gate::config_digest)
            .map(kit_effects)
    }

    /// Anyone executes dispute `id` ([`Mount::execute_ruling`]).
    ///
    /// # Errors
    ///
    /// The template's refusal.
    fn execute_ruling(&mut self, id: u32, now: Timestamp) -> Result<Effects, Self::Error> {
        self.core_mut()
            .execute_ruling(id, now)
            .map(|e| kit_effects(as_event::<Self::Core>(e)))
    }

    /// `caller` terminates with the template's settlement
    /// ([`Mount::terminate`]), for the reason [`TERMINATION_REASON`].
    ///
    /// # Errors
    ///
    /// The template's refusal.
    fn terminate(&mut self, caller: AccountId, now: Timestamp) -> Result<Effects, Self::Error> {
        self.core_mut()
            .terminate(caller, TERMINATION_REASON, now)
            .map(kit_effects)
    }

    /// Each of the template's own payment paths (funding and rulings
    /// excepted), tried once at `now` by the account allowed to use it, on
    /// a clone, with its outcome: on a paused contract every one must be
    /// refused with `Paused`.
    fn payment_paths(&self, now: Timestamp) -> Vec<(&'static str, Result<Effects, Self::Error>)>;
}

/// The reason hash [`KitHarness::terminate`] terminates with.
pub const TERMINATION_REASON: Hash32 = [0x7e; 32];

/// A template's event enum: the kit's events, or the template's own.
pub trait KitEvent {
    /// The kit's event, if this is one.
    fn kit_event(self) -> Option<SafeguardEvent>;
}

/// A hot step's effects as the template's events.
fn as_event<M: Mount>(effects: effects::Effects<M::HotEvent>) -> effects::Effects<M::Event> {
    effects.convert()
}

/// The kit's events among a template's `effects`, and all its payments.
pub fn kit_effects<E: KitEvent>(effects: effects::Effects<E>) -> Effects {
    Effects {
        events: effects
            .events
            .into_iter()
            .filter_map(KitEvent::kit_event)
            .collect(),
        payouts: effects.payouts,
    }
}

/// The review core's events among `effects`, and all its payments.
pub fn review_outcome(effects: Effects) -> ReviewOutcome {
    ReviewOutcome {
        events: effects
            .events
            .into_iter()
            .filter_map(|e| match e {
                SafeguardEvent::Review(e) => Some(e),
                _ => None,
            })
            .collect(),
        payouts: effects.payouts,
    }
}

/// A template whose core records automated decisions: with its
/// [`KitHarness`], the review suite's
/// [`ReviewHarness`], whose
/// review messages run through the kit as the shell sends them.
pub trait DecisionHarness: KitHarness {
    /// A fresh core with `config` in which the automated system has just
    /// recorded a decision adverse to its subject, of risk class `risk`,
    /// that would move funds. `None` if the template's decisions cannot
    /// have that risk class.
    fn with_decision(config: ReviewConfig, risk: RiskClass) -> Option<(Self, Fixture)>;

    /// The template's `execute_decision` ([`Mount::execute_decision`]).
    ///
    /// # Errors
    ///
    /// The template's refusal.
    fn run_decision(&mut self, id: DecisionId, now: Timestamp) -> Result<Effects, Self::Error> {
        self.core_mut()
            .execute_decision(id, now)
            .map(|e| kit_effects(as_event::<Self::Core>(e)))
    }
}

impl<H: DecisionHarness> ReviewHarness for H {
    type Error = <H as KitHarness>::Error;

    fn decided(config: ReviewConfig, risk: RiskClass) -> Option<(Self, Fixture)> {
        <H as DecisionHarness>::with_decision(config, risk)
    }

    fn request_review(
        &mut self,
        caller: AccountId,
        id: DecisionId,
        reason: Hash32,
        now: Timestamp,
    ) -> Result<ReviewOutcome, Self::Error> {
        self.safeguarded(|s| s.request_review(caller, id, reason, now))
            .map(review_outcome)
    }

    fn resolve_review(
        &mut self,
        caller: AccountId,
        id: DecisionId,
        override_to: Option<Verdict>,
        reasoning: Hash32,
        now: Timestamp,
    ) -> Result<ReviewOutcome, Self::Error> {
        self.safeguarded(|s| s.resolve_review(caller, id, override_to, reasoning, now))
            .map(review_outcome)
    }

    fn execute_decision(
        &mut self,
        id: DecisionId,
        now: Timestamp,
    ) -> Result<ReviewOutcome, Self::Error> {
        <H as DecisionHarness>::run_decision(self, id, now).map(review_outcome)
    }

    fn held(&self) -> Balance {
        <H as KitHarness>::held(self)
    }
}

/// A non-zero hash for reasons, evidence and awards.
pub const HASH: Hash32 = [7; 32];

/// The roles the admin may grant.
pub const GRANTABLE: [Role; 6] = [
    Role::Guardian,
    Role::Arbitrator,
    Role::Reviewer,
    Role::Verifier,
    Role::Inspector,
    Role::ComplianceOfficer,
];

/// `e` as the template's error.
pub fn err<H: KitHarness>(e: impl Into<SafeguardError>) -> H::Error {
    H::Error::from(e.into())
}

/// `caller` lacks `required`, as the template's error.
pub fn unauthorized<H: KitHarness>(caller: AccountId, required: Role) -> H::Error {
    err::<H>(RolesError::Unauthorized { caller, required })
}

/// Kit message `message` is refused with `expected` and changes nothing.
///
/// # Panics
///
/// If it is not.
pub fn refused<H: KitHarness>(
    h: &mut H,
    message: impl FnOnce(&mut Safeguards<MemStore>) -> Outcome,
    expected: H::Error,
) {
    let before = h.clone();
    assert_eq!(h.safeguarded(message), Err(expected));
    assert_eq!(*h, before, "a refused kit message changed the contract");
}

/// Every account of the cast, parties last.
pub fn everyone(c: &Cast) -> Vec<AccountId> {
    let mut all = ink::prelude::vec![c.admin, c.guardian, c.arbitrator, c.reviewer, c.stranger];
    all.extend(c.parties.iter().copied());
    all
}

/// Every account of the cast but `allowed`.
pub fn all_but(c: &Cast, allowed: &[AccountId]) -> Vec<AccountId> {
    everyone(c)
        .into_iter()
        .filter(|a| !allowed.contains(a))
        .collect()
}

/// What `effects` paid, in total.
pub fn paid(effects: &Effects) -> Balance {
    effects
        .payouts
        .iter()
        .map(|(_, a)| a)
        .fold(0, |s, a| s.saturating_add(*a))
}

fn roles_events(effects: Effects) -> Vec<RolesEvent> {
    effects
        .events
        .into_iter()
        .filter_map(|e| match e {
            SafeguardEvent::Roles(e) => Some(e),
            _ => None,
        })
        .collect()
}

/// Every template is a [`RolesHarness`] through its kit: the handover runs
/// through `safeguarded`, the admin-only messages are the kit's.
impl<H: KitHarness> RolesHarness for H {
    type Error = H::Error;

    fn instantiated() -> Self {
        H::unaccepted()
    }

    fn admin(&self) -> AccountId {
        self.cast().admin
    }

    fn others(&self) -> Vec<AccountId> {
        let c = self.cast();
        all_but(&c, &[c.admin])
    }

    fn roles(&self) -> &Roles<MemStore> {
        self.safeguards().roles()
    }

    fn propose_admin(
        &mut self,
        caller: AccountId,
        new: AccountId,
    ) -> Result<Vec<RolesEvent>, H::Error> {
        self.safeguarded(|s| s.propose_admin(caller, new))
            .map(roles_events)
    }

    fn accept_admin(&mut self, caller: AccountId) -> Result<Vec<RolesEvent>, H::Error> {
        self.safeguarded(|s| s.accept_admin(caller))
            .map(roles_events)
    }

    fn admin_messages(&self, caller: AccountId) -> Vec<(&'static str, Result<(), H::Error>)> {
        let c = self.cast();
        let now = self.now();
        let clause = self.safeguards().clause();
        let ok = |r: Result<Effects, H::Error>| r.map(|_| ());
        let kit = |message: &dyn Fn(&mut Safeguards<MemStore>) -> Outcome| {
            ok(self.clone().safeguarded(|s| message(s)))
        };
        ink::prelude::vec![
            (
                "grant_role",
                kit(&|s| s.grant_role(caller, Role::Guardian, c.stranger))
            ),
            (
                "revoke_role",
                kit(&|s| s.revoke_role(caller, Role::Guardian, c.guardian))
            ),
            (
                "propose_admin",
                kit(&|s| s.propose_admin(caller, c.stranger))
            ),
            ("resume", kit(&|s| s.resume(caller, now))),
            ("terminate", ok(self.clone().terminate(caller, now))),
            (
                "replace_clause",
                ok(self.clone().replace_clause(caller, clause))
            ),
        ]
    }
}

/// Mounts the composition's own suite on harness `$h` (a [`KitHarness`]):
/// no party holds a role or becomes admin.
#[macro_export]
macro_rules! kit_conformance {
    ($h:ty) => {
        #[cfg(test)]
        mod kit_conformance {
            #[allow(unused_imports)]
            use super::*;
            use $crate::{
                kit::conformance::{err, refused, KitHarness, GRANTABLE},
                roles::Role,
                RolesError,
            };

            type H = $h;

            #[test]
            fn granting_any_role_to_a_party_fails_with_party_may_not_hold_role() {
                for mut h in [H::unaccepted(), H::funded()] {
                    let c = h.cast();
                    for party in c.parties.clone() {
                        for role in GRANTABLE {
                            refused(
                                &mut h,
                                |s| s.grant_role(c.admin, role, party),
                                err::<H>(RolesError::PartyMayNotHoldRole {
                                    account: party,
                                    role,
                                }),
                            );
                        }
                    }
                }
            }

            #[test]
            fn handing_admin_to_a_party_fails_with_party_may_not_hold_role() {
                for mut h in [H::unaccepted(), H::funded()] {
                    let c = h.cast();
                    for party in c.parties.clone() {
                        refused(
                            &mut h,
                            |s| s.propose_admin(c.admin, party),
                            err::<H>(RolesError::PartyMayNotHoldRole {
                                account: party,
                                role: Role::Admin,
                            }),
                        );
                    }
                }
            }

            #[test]
            fn the_cast_keeps_parties_and_role_holders_apart() {
                let h = H::funded();
                let (c, roles) = (h.cast(), h.safeguards().roles());
                assert!(
                    c.parties.len() >= 2,
                    "an agreement has two parties at least"
                );
                for party in &c.parties {
                    assert!(roles.is_party(*party));
                    assert_ne!(roles.admin(), *party);
                    for role in GRANTABLE {
                        assert!(!roles.has(role, *party), "{party:?} holds {role:?}");
                    }
                }
                assert!(roles.has(Role::Guardian, c.guardian));
                assert!(roles.has(Role::Arbitrator, c.arbitrator));
                assert!(roles.has(Role::Reviewer, c.reviewer));
            }

            #[test]
            fn a_former_admin_keeps_no_role_it_held() {
                // given: the admin also guards, then hands over
                let mut h = H::funded();
                let c = h.cast();
                h.safeguarded(|s| s.grant_role(c.admin, Role::Guardian, c.admin))
                    .unwrap();
                h.safeguarded(|s| s.propose_admin(c.admin, c.stranger))
                    .unwrap();
                // when
                h.safeguarded(|s| s.accept_admin(c.stranger)).unwrap();
                // then
                let roles = h.safeguards().roles();
                assert!(!roles.has(Role::Admin, c.admin));
                assert!(!roles.has(Role::Guardian, c.admin));
                assert!(roles.has(Role::Admin, c.stranger));
            }
        }
    };
}

/// Mounts every safeguard conformance suite on harness `$h`, a
/// [`DecisionHarness`] (or any type that is both a [`KitHarness`] and a
/// [`ReviewHarness`]): roles, kill switch, agreement, arbitration,
/// dispute, review and the composition's own. The high-risk review suite
/// (`review_conformance_high_risk!`) is mounted apart, by a template whose
/// decisions can be high-risk.
#[macro_export]
macro_rules! conformance {
    ($h:ty) => {
        $crate::roles_conformance!($h);
        $crate::kill_switch_conformance!($h);
        $crate::agreement_conformance!($h);
        $crate::arbitration_conformance!($h);
        $crate::dispute_conformance!($h);
        $crate::review_conformance!($h);
        $crate::kit_conformance!($h);
    };
}
