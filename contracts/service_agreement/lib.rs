//! # service_agreement
//!
//! ## Overview
//!
//! The flagship Shart template: a client pays a contractor by milestones
//! through an escrow, under a master agreement both signed with Kazakhstan's
//! Electronic Digital Signature. All four safeguards apply:
//!
//! 1. **EDS-anchored agreement**: nothing can be funded or released before
//!    both parties accepted the SHA-256 hash of the master agreement, and a
//!    party can accept only while it holds a valid attestation in the EDS
//!    registry fixed at instantiation (`docs/eds.md`).
//! 2. **AIFC arbitration clause**: a typed, validated reference, fixed from
//!    the first acceptance.
//! 3. **Kill switch**: a guardian pauses, the admin resumes or terminates;
//!    termination pays every unreleased amount that no open dispute or
//!    pending decision holds to the parties by the settlement rule fixed at
//!    instantiation, never to the admin; disputes and pending decisions go
//!    on to their ruling or verdict.
//! 4. **Human dispute resolution**: a party disputes a milestone, its amount
//!    freezes, the arbitrator rules a split, each side may appeal once, and
//!    the ruling (or the fallback, if nobody rules in time) is executed.
//!
//! Auto-release after the client's review period is an **automated
//! decision** recorded through the review core (Digital Code No. 255-VIII of
//! 9 January 2026: notification, explanation, human review; AI Law
//! No. 230-VIII of 17 November 2025, Art. 21: the AI label). `auto_release`
//! records it and notifies the client (`AutomatedDecisionRecorded`, the
//! client as a topic, with the explanation hash and the label); no funds
//! move until the decision is final. The client may `request_review` within
//! the review window; a `Reviewer` upholds or overrides it
//! (`resolve_review`); `execute_decision` then releases the milestone or
//! withholds it. If the reviewer misses the deadline, the verdict
//! favourable to the client (withhold) applies. See `docs/legal-basis.md`.
//!
//! The logic lives in [`escrow::Escrow`], a plain-Rust core that mounts the
//! safeguards kit (`safeguards::Safeguards`) and implements
//! `safeguards::kit::Mount`. Every message here reads the environment and
//! calls, with `?`, either the escrow's own method or, for `safeguard` (every
//! safeguard message, by its `SafeguardCall` variant: `pause`,
//! `accept_agreement`, `raise_dispute`, `terminate`, ...),
//! `safeguards::kit::split::dispatch_hot`: the two executions here, every
//! other call in the cold code (`service_agreement_cold`), which runs
//! `safeguards::kit::dispatch` (it asks the registry first for an
//! acceptance and a noted invalidation); `safeguard_query` answers every
//! safeguard read, in the cold code. `apply_hot` emits the escrow's
//! events, passes the kit's (`safeguards::HotEvent`, the only ones a
//! message here can produce) to their `emit`, and then makes the
//! payments.
//!
//! ## Invariants
//!
//! - No automated decision moves funds before it is final: a milestone
//!   whose automatic release was decided is `DecisionPending` (held, not
//!   disputable, not approvable) until `execute_decision` carries out the
//!   final verdict.
//! - `held()` equals the sum of unreleased milestone amounts once funded;
//!   every path out of the escrow (release, ruling, settlement) pays exactly
//!   a milestone amount, split between the two parties.
//! - A failed message returns `Err` and reverts: no state change, no event,
//!   no transfer.
//! - No personal data: parties are accounts, documents are hashes.
//!
//! ## Security considerations
//!
//! - The admin, guardian, arbitrator and reviewer are trusted for liveness
//!   (pausing, ruling, reviewing), never for custody. No party holds a
//!   role, admin included: instantiation, `grant_role` and `propose_admin`
//!   refuse the client and the contractor (`PartyMayNotHoldRole`). The
//!   check is by account: an admin can still appoint an account a party
//!   controls (docs/threat-model.md, 4.2, H1).
//! - While paused, raising disputes, evidence, rulings, appeals, acceptance,
//!   review requests and resolutions, the execution of a full refund to the
//!   client and the carrying out of a withheld release keep working; every
//!   other payment waits.
//! - The deciding system of the automatic release is this contract's own
//!   account; the review core refuses a review by the recorder, and no
//!   party can hold `Reviewer` (`PartyMayNotHoldRole`), so neither the
//!   client nor the contractor reviews its own case (`PartyMayNotReview` is
//!   retired: never returned).
//! - Funds sent to the contract outside `fund` are not tracked by the escrow
//!   and are not paid out by the settlement.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod errors;
pub mod escrow;
#[cfg(test)]
mod review_harness;
pub mod shell;

pub use errors::{Error, EscrowError};

#[ink::contract]
pub mod service_agreement {
    use safeguards::{
        kit::split::{self, Forwarded, Linked, SafeguardRoute},
        store::InkStore,
        SafeguardAnswer, SafeguardQuery,
    };

    use crate::{
        errors::Error,
        escrow::{Config, Escrow, Milestone},
        shell::apply_hot,
    };

    /// The contract's result type.
    pub type Result<T> = core::result::Result<T, Error>;

    /// The contract's storage: the escrow core's fixed state and running
    /// totals as the root value; each milestone, dispute, evidence entry
    /// and automated decision as its own entry under the core's tables
    /// (`safeguards::store`, `escrow::MILESTONES`); the cold code's hash
    /// under `safeguards::store::COLD_CODE`.
    #[ink(storage)]
    pub struct ServiceAgreement {
        escrow: Escrow<InkStore>,
    }

    impl ServiceAgreement {
        /// Instantiates the escrow; the caller becomes admin. This code
        /// records `config.cold_code` and hands the call to that code
        /// (`service_agreement_cold`'s `init`, whose selector this
        /// constructor takes: ink! reserves `new`'s for its wildcard
        /// complement, which a message cannot have), which
        /// checks the configuration and writes the escrow
        /// (`safeguards::kit::split`).
        ///
        /// # Errors
        ///
        /// See [`Escrow::new`].
        ///
        /// # Events
        ///
        /// `AgreementAnchored`, `ArbitrationClauseSet`, `RoleGranted` (guardian,
        /// arbitrator, reviewer).
        ///
        /// # Panics
        ///
        /// If no code is uploaded under `config.cold_code` (the chain
        /// refuses to lock it as the contract's dependency).
        #[ink(constructor, selector = 0x44D6_441F)]
        pub fn new(config: Linked<Config>) -> Result<Self> {
            split::link::<Environment>(config.cold_code);
            split::forward::<Environment>(config.cold_code)
        }

        // ----- escrow ----------------------------------------------------

        /// The client funds the escrow with exactly the milestone total.
        ///
        /// # Errors
        ///
        /// `NotClient`, `Paused`, `Terminated`, `NotEffective`,
        /// `AlreadyFunded`, `WrongFundingAmount`.
        ///
        /// # Events
        ///
        /// `EscrowFunded`.
        #[ink(message, payable)]
        pub fn fund(&mut self) -> Result<()> {
            let (caller, value) = (self.env().caller(), self.env().transferred_value());
            let effects = self.escrow.fund(caller, value)?;
            apply_hot(effects)
        }

        /// The contractor marks a milestone delivered.
        ///
        /// # Errors
        ///
        /// `NotContractor`, `Paused`, `Terminated`, `NotFunded`,
        /// `UnknownMilestone`, `WrongMilestoneStatus`, `MilestoneFrozen`.
        ///
        /// # Events
        ///
        /// `MilestoneDelivered`.
        #[ink(message)]
        pub fn mark_delivered(&mut self, milestone: u32) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            let effects = self.escrow.mark_delivered(caller, milestone, now)?;
            apply_hot(effects)
        }

        /// The client approves a delivered milestone; it is paid.
        ///
        /// # Errors
        ///
        /// `NotClient`, `Paused`, `Terminated`, `UnknownMilestone`,
        /// `WrongMilestoneStatus`, `MilestoneFrozen`, `TransferFailed`.
        ///
        /// # Events
        ///
        /// `MilestoneReleased` (automated: false).
        #[ink(message)]
        pub fn approve_milestone(&mut self, milestone: u32) -> Result<()> {
            let effects = self.escrow.approve(self.env().caller(), milestone)?;
            apply_hot(effects)
        }

        /// Anyone triggers the automatic release of a delivered milestone
        /// after the client's review period. It records an automated
        /// decision about the client (this contract is the deciding system)
        /// and pays nothing yet: see `execute_decision`.
        ///
        /// # Errors
        ///
        /// `Paused`, `Terminated`, `UnknownMilestone`,
        /// `WrongMilestoneStatus`, `MilestoneFrozen`, `ReviewPeriodRunning`,
        /// `TooManyDecisions`.
        ///
        /// # Events
        ///
        /// `AutomatedDecisionRecorded` (client as a topic).
        #[ink(message)]
        pub fn auto_release(&mut self, milestone: u32) -> Result<()> {
            let (me, now) = (self.env().account_id(), self.env().block_timestamp());
            let effects = self.escrow.auto_release(me, milestone, now)?;
            apply_hot(effects)
        }

        // ----- the safeguards kit -----------------------------------------

        /// Runs a safeguard call (`SafeguardCall`, an append-only enum of
        /// nineteen: roles, pause, resume, terminate, acceptance, amendments,
        /// the clause, review requests and resolutions, disputes, evidence,
        /// rulings, appeals, and the execution of rulings and automated
        /// decisions) as the caller at the block time, as
        /// `safeguards::kit::dispatch` does. The two executions, which pay,
        /// run here (`Mount::execute_ruling`, `Mount::execute_decision`);
        /// every other call runs in the cold code, in this contract's
        /// storage (`service_agreement_cold::safeguard`). The five that
        /// touch milestones, funds and the configuration are this escrow's
        /// `Mount` steps (`escrow.rs`): a dispute's subject is a milestone,
        /// its payer the client and its payee the contractor (who may
        /// dispute only a delivered milestone); a decision's subject is the
        /// client; `terminate` settles by the rule fixed in `config()`
        /// (`settlement_preview`); `replace_clause` rebinds the digest of
        /// `config()`. The variants link the method each runs, with who may
        /// call it, in which switch states, its errors and its events.
        ///
        /// # Errors
        ///
        /// The method's, as the variant of [`Error`] of the same name
        /// (`Unauthorized`, `Paused`, `UnknownMilestone`, ...).
        #[ink(message)]
        pub fn safeguard(&mut self, call: SafeguardRoute) -> Result<()> {
            let now = self.env().block_timestamp();
            // The two executions through `kit::execute`, as `kit::dispatch`
            // runs them; the rest in the cold code.
            let effects = split::dispatch_hot::<Environment, _>(&mut self.escrow, now, call)?;
            apply_hot(effects)
        }

        /// Answers a kit read ([`SafeguardQuery`]: admin, roles, switch
        /// state, terms, acceptances, configuration digest, clause,
        /// registry, EDS requirements, disputes, evidence) in the
        /// [`SafeguardAnswer`] variant of the query's index, in the cold
        /// code; the escrow's own reads follow.
        #[ink(message)]
        pub fn safeguard_query(&self, query: Forwarded<SafeguardQuery>) -> SafeguardAnswer {
            let _ = query;
            split::forward::<Environment>(split::cold_code())
        }

        // ----- reads -----------------------------------------------------

        /// (client, contractor).
        #[ink(message)]
        pub fn parties(&self) -> (AccountId, AccountId) {
            self.escrow.parties()
        }

        /// The instantiation parameters, exactly as given (the cold code
        /// answers): the SHA-256 of their SCALE encoding is the
        /// `config_digest` query ([`SafeguardQuery::ConfigDigest`]), which
        /// every acceptance quotes.
        #[ink(message)]
        pub fn config(&self) -> Config {
            split::forward::<Environment>(split::cold_code())
        }

        /// How many milestones there are; their indices are `0..count`.
        #[ink(message)]
        pub fn milestone_count(&self) -> u32 {
            self.escrow.milestone_count()
        }

        /// Milestone `index` (a settled one reads `Settled`; see
        /// [`Escrow::milestone`]).
        #[ink(message)]
        pub fn milestone(&self, index: u32) -> Option<Milestone> {
            self.escrow.milestone(index)
        }

        /// Whether the client funded the escrow.
        #[ink(message)]
        pub fn is_funded(&self) -> bool {
            self.escrow.is_funded()
        }

        /// What the escrow holds (unreleased amounts).
        #[ink(message)]
        pub fn held(&self) -> Balance {
            self.escrow.held()
        }

        /// (client share, contractor share) a termination now would pay.
        /// Amounts under an open dispute or a pending decision are not in
        /// it: they go on to their ruling or verdict after termination.
        #[ink(message)]
        pub fn settlement_preview(&self) -> (Balance, Balance) {
            self.escrow.settlement()
        }
    }
}
