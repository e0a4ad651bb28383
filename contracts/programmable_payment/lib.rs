//! # programmable_payment
//!
//! ## Overview
//!
//! A template for the programmable, earmarked ("coloured") budget payments
//! of the Digital Tenge: the National Bank's programmable payments let
//! budget money go only to its earmarked purpose and recipients, released
//! only when conditions are met (see `docs/legal-basis.md`).
//!
//! A budget holder (e.g. a ministry) funds the programme and allocates:
//! each allocation names one recipient among those fixed at instantiation,
//! a purpose code, a deadline and the documents it requires (by kind code:
//! invoice, act of acceptance, ...). The recipient submits each document's
//! SHA-256; the inspector (a human office or an AI document-checking
//! system, as its [`AiLabel`](safeguards::review::AiLabel) declares)
//! approves or rejects it. When every document is approved, anyone
//! releases the allocation to its recipient. An allocation whose conditions
//! do not hold by its deadline is closed: an **automated rejection**,
//! recorded through the review core, that returns the money to the budget
//! holder only once it is final. The safeguards:
//!
//! 1. **EDS-anchored programme rules**: nothing can be funded or allocated
//!    before the budget holder and every recipient accepted the SHA-256 of
//!    the EDS-signed rules, each on a valid attestation in the EDS registry
//!    fixed at instantiation (Law No. 370-II of 7 January 2003, Art. 7(1)).
//! 2. **Arbitration clause**: a typed, validated reference, fixed.
//! 3. **Kill switch**: a guardian pauses, the admin resumes or terminates;
//!    termination pays every held amount that no open dispute or pending
//!    rejection holds to the parties by the settlement rule
//!    (`Programme::settlement`), never to the admin; disputes and pending
//!    rejections go on to their ruling or verdict.
//! 4. **Human dispute resolution**: the budget holder or the recipient
//!    disputes an open allocation, its amount freezes, the arbitrator rules
//!    a split, each side may appeal once, then execution (Digital Code
//!    No. 255-VIII of 9 January 2026).
//! 5. **Human review of automated decisions**: the recipient is notified of
//!    the rejection (`AutomatedDecisionRecorded`, recipient as topic) with
//!    the hash of the explanation of its main factors and the inspector's
//!    AI label (AI Law No. 230-VIII of 17 November 2025, Art. 21); it may
//!    ask a reviewer to review it within the window; the reviewer's
//!    override, a missed reviewer deadline or an unconfirmed high-risk
//!    decision pays the recipient (Digital Code No. 255-VIII of
//!    9 January 2026).
//! 6. **AML/CFT allowlist**: an allocation is made, and money paid to a
//!    recipient (a release, a favourable decision, a ruling's share), only
//!    while the recipient's allowlist entry is in force at the block time
//!    (Law No. 191-IV; `safeguards::allowlist`); the compliance officer,
//!    never a party, keeps the entries (`allowlist`). The termination
//!    settlement does not ask the allowlist (docs/threat-model.md, 4.2f,
//!    A1).
//!
//! The logic lives in [`programme::Programme`], a plain-Rust core that
//! mounts the safeguards kit (`safeguards::Safeguards`) and implements
//! `safeguards::kit::Mount`. Every message here reads the environment and
//! calls, with `?`, either the programme's own method or, for `safeguard`
//! (every safeguard message, by its `SafeguardCall` variant),
//! `safeguards::kit::split::dispatch_hot`: the two executions here, every
//! other call in the cold code (`programmable_payment_cold`), which runs
//! `safeguards::kit::dispatch` (it asks the registry first for an
//! acceptance and a noted invalidation); `safeguard_query` answers every
//! safeguard read, in the cold code. `apply_hot` emits the programme's
//! events, passes the kit's (`safeguards::HotEvent`, the only ones a
//! message here can produce) to their `emit`, and then makes the
//! payments.
//!
//! ## Invariants
//!
//! - `held()` = `unallocated()` + the sum of the amounts of allocations not
//!   yet paid out (open or waiting for their rejection decision), and that
//!   is what the contract received through `fund` and has not paid out.
//! - Every unit funded is paid out exactly once: an allocation leaves
//!   custody once (released, returned, resolved by a ruling, or settled),
//!   and termination pays out exactly `held()` less the allocations under
//!   an open dispute or a pending rejection, which leave later by
//!   `execute_ruling` or `execute_decision`.
//! - An allocation is paid only to its earmarked recipient or back to the
//!   budget holder; no message pays anyone else.
//! - A rejection under review, or not yet final, moves no funds.
//! - A failed message returns `Err` and reverts: no state change, no event,
//!   no transfer.
//! - No personal data: parties are accounts, documents are hashes.
//!
//! ## Security considerations
//!
//! - The admin, guardian, arbitrator, inspector and reviewer are trusted
//!   for liveness (pausing, deciding documents, ruling, reviewing), never
//!   for custody. No party (the budget holder or a recipient) holds a
//!   role, admin included: instantiation, `grant_role` and `propose_admin`
//!   refuse it (`PartyMayNotHoldRole`); the check is by account
//!   (docs/threat-model.md, 4.2, H1 and M3). An inspector can
//!   wrongly reject or approve documents: the recipient's remedies are the
//!   review of the resulting rejection and the dispute; the budget
//!   holder's is the dispute.
//! - The contract records its rejections with its own account: that
//!   account must never hold the reviewer role (the review core refuses
//!   self-review anyway).
//! - While paused, acceptance, disputes, evidence, rulings, appeals, review
//!   requests and review resolutions keep working, and a dispute ruling
//!   that fully refunds the budget holder executes; every other payment
//!   waits.
//! - Funds sent to the contract outside `fund` are not tracked and are not
//!   paid out by the settlement.
//! - Storage is per item: the root value holds the programme's fixed state
//!   and running totals, and each allocation, dispute, evidence entry,
//!   decision and recipient total is its own storage value of at most 416
//!   bytes (`safeguards::store`), so a programme holds as many allocations
//!   as its ids allow and every message costs the same at any count;
//!   termination pays from the totals.
#![cfg_attr(not(feature = "std"), no_std, no_main)]
// Production code is held to checked arithmetic (contract-build's lints);
// unit tests use plain arithmetic on small known values.
#![cfg_attr(test, allow(clippy::arithmetic_side_effects))]

pub mod errors;
pub mod programme;
pub mod shell;

pub use errors::{Error, ProgrammeError};

#[ink::contract]
pub mod programmable_payment {
    use ink::prelude::vec::Vec;
    use safeguards::{
        allowlist::{AllowlistCall, ListEntry},
        kit::split::{self, Forwarded, Linked, SafeguardRoute},
        store::InkStore,
        Hash32, SafeguardAnswer, SafeguardQuery,
    };

    use crate::{
        errors::Error,
        programme::{Allocation, Config, Programme},
        shell::apply_hot,
    };

    /// The contract's result type.
    pub type Result<T> = core::result::Result<T, Error>;

    /// The contract's storage: the programme core's fixed state and running
    /// totals as the root value; each allocation, dispute, evidence entry,
    /// decision and recipient total as its own entry under the core's
    /// tables (`safeguards::store`, `programme::ALLOCATIONS`, ...).
    #[ink(storage)]
    pub struct ProgrammablePayment {
        programme: Programme<InkStore>,
    }

    impl ProgrammablePayment {
        /// Instantiates the programme; the caller becomes admin. This code
        /// records `config.cold_code` and hands the call to that code
        /// (`programmable_payment_cold`'s `init`, whose selector this
        /// constructor takes: ink! reserves `new`'s for its wildcard
        /// complement, which a message cannot have), which checks the
        /// configuration and writes the programme
        /// (`safeguards::kit::split`).
        ///
        /// # Errors
        ///
        /// See [`Programme::new`].
        ///
        /// # Events
        ///
        /// `AgreementAnchored`, `ArbitrationClauseSet`, `RoleGranted`
        /// (guardian, arbitrator, reviewer, inspector, compliance officer).
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

        // ----- agreement (acceptance and amendments: `safeguard`) --------

        // ----- programme -------------------------------------------------

        /// The budget holder adds the transferred value to the unallocated
        /// balance. May be called many times.
        ///
        /// # Errors
        ///
        /// `NotBudgetHolder`, `Paused`, `Terminated`, `NotEffective`,
        /// `ZeroFunding`, `FundingOverflow`.
        ///
        /// # Events
        ///
        /// `ProgrammeFunded`.
        #[ink(message, payable)]
        pub fn fund(&mut self) -> Result<()> {
            let (caller, value) = (self.env().caller(), self.env().transferred_value());
            let effects = self.programme.fund(caller, value)?;
            apply_hot(effects)
        }

        /// The budget holder takes back `amount` of the unallocated balance.
        /// See [`Programme::reclaim_unallocated`].
        ///
        /// # Errors
        ///
        /// `NotBudgetHolder`, `Paused`, `Terminated`, `ZeroAmount`,
        /// `InsufficientUnallocated`, `TransferFailed`.
        ///
        /// # Events
        ///
        /// `UnallocatedReclaimed`.
        #[ink(message)]
        pub fn reclaim_unallocated(&mut self, amount: Balance) -> Result<()> {
            let effects = self
                .programme
                .reclaim_unallocated(self.env().caller(), amount)?;
            apply_hot(effects)
        }

        /// The budget holder earmarks `amount` of the unallocated balance for
        /// `recipient` and `purpose`; it is paid once every document of the
        /// kinds `documents` (one slot each) is approved before `deadline`.
        ///
        /// # Errors
        ///
        /// `NotBudgetHolder`, `Paused`, `Terminated`, `NotEffective`,
        /// `UnknownRecipient`, `NotAllowlisted`, `ZeroAmount`,
        /// `InsufficientUnallocated`, `DeadlineNotInFuture`,
        /// `InvalidDocuments`, `TooManyAllocations`.
        ///
        /// # Events
        ///
        /// `AllocationCreated`.
        #[ink(message)]
        pub fn allocate(
            &mut self,
            recipient: AccountId,
            amount: Balance,
            purpose: u32,
            deadline: Timestamp,
            documents: Vec<u32>,
        ) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            let effects = self
                .programme
                .allocate(caller, recipient, amount, purpose, deadline, documents, now)?;
            apply_hot(effects)
        }

        /// The allocation's recipient submits the SHA-256 of the document
        /// for `slot` (missing, or rejected before) before the deadline.
        ///
        /// # Errors
        ///
        /// `UnknownAllocation`, `NotRecipient`, `Paused`, `Terminated`,
        /// `WrongAllocationStatus`, `AllocationFrozen`, `DeadlinePassed`,
        /// `UnknownSlot`, `WrongDocumentStatus`, `ZeroHash`.
        ///
        /// # Events
        ///
        /// `DocumentSubmitted`.
        #[ink(message)]
        pub fn submit_document(&mut self, allocation: u32, slot: u32, hash: Hash32) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            let effects = self
                .programme
                .submit_document(caller, allocation, slot, hash, now)?;
            apply_hot(effects)
        }

        /// The inspector approves a submitted document before the deadline.
        ///
        /// # Errors
        ///
        /// `Unauthorized` (inspector role), `Paused`, `Terminated`,
        /// `UnknownAllocation`, `WrongAllocationStatus`, `AllocationFrozen`,
        /// `DeadlinePassed`, `UnknownSlot`, `WrongDocumentStatus`.
        ///
        /// # Events
        ///
        /// `DocumentApproved`, with the inspector's AI label.
        #[ink(message)]
        pub fn approve_document(&mut self, allocation: u32, slot: u32) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            let effects = self
                .programme
                .approve_document(caller, allocation, slot, now)?;
            apply_hot(effects)
        }

        /// The inspector rejects a submitted document before the deadline,
        /// with the SHA-256 of its reasons; the recipient may submit again.
        ///
        /// # Errors
        ///
        /// `Unauthorized` (inspector role), `Paused`, `Terminated`,
        /// `UnknownAllocation`, `WrongAllocationStatus`, `AllocationFrozen`,
        /// `DeadlinePassed`, `UnknownSlot`, `WrongDocumentStatus`, `ZeroHash`.
        ///
        /// # Events
        ///
        /// `DocumentRejected`, with the inspector's AI label.
        #[ink(message)]
        pub fn reject_document(
            &mut self,
            allocation: u32,
            slot: u32,
            reason_hash: Hash32,
        ) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            let effects =
                self.programme
                    .reject_document(caller, allocation, slot, reason_hash, now)?;
            apply_hot(effects)
        }

        /// Anyone releases an open allocation whose documents are all
        /// approved: it is paid to its recipient. Also after the deadline.
        ///
        /// # Errors
        ///
        /// `Paused`, `Terminated`, `UnknownAllocation`,
        /// `WrongAllocationStatus`, `AllocationFrozen`, `ConditionsNotMet`,
        /// `NotAllowlisted` (the recipient's allowlist entry is not in
        /// force), `TransferFailed`.
        ///
        /// # Events
        ///
        /// `AllocationReleased`.
        #[ink(message)]
        pub fn release(&mut self, allocation: u32) -> Result<()> {
            let now = self.env().block_timestamp();
            let effects = self.programme.release(allocation, now)?;
            apply_hot(effects)
        }

        /// Anyone closes an open allocation at or after its deadline when
        /// not every document is approved: the automated rejection, recorded
        /// as a decision by this contract's account. No funds move until the
        /// decision is final (`execute_decision`).
        ///
        /// # Errors
        ///
        /// `Paused`, `Terminated`, `UnknownAllocation`,
        /// `WrongAllocationStatus`, `AllocationFrozen`, `DeadlineNotReached`,
        /// `ConditionsMet`, `TooManyDecisions`.
        ///
        /// # Events
        ///
        /// `AutomatedDecisionRecorded` (the recipient as topic: the
        /// notification), with the explanation hash and the AI label.
        #[ink(message)]
        pub fn close(&mut self, allocation: u32) -> Result<()> {
            let (me, now) = (self.env().account_id(), self.env().block_timestamp());
            let effects = self.programme.close(me, allocation, now)?;
            apply_hot(effects)
        }

        // ----- the safeguards kit -----------------------------------------

        /// A safeguard call (`SafeguardCall`) as the caller at the block
        /// time, as `safeguards::kit::dispatch` runs it. The two
        /// executions, which pay, run here (`Mount::execute_ruling`,
        /// `Mount::execute_decision`); every other call runs in the cold
        /// code, in this contract's storage
        /// (`programmable_payment_cold::safeguard`). Of the nineteen, five
        /// are this programme's `Mount` steps (`programme.rs`): a dispute's
        /// subject is an allocation, its payer the budget holder and its
        /// payee the allocation's recipient; an automated decision (a
        /// rejection at the deadline) is about the recipient, adverse
        /// returning the amount to the budget holder and favourable paying
        /// the recipient; `terminate` settles what no human process holds
        /// by the rule in `config()` (`settlement_preview`); `replace_clause`
        /// rebinds the digest of `config()`. The inspector
        /// role is granted and revoked like the others, never to a party.
        ///
        /// # Errors
        ///
        /// The method's, as the variants of [`Error`] it names.
        ///
        /// # Events
        ///
        /// The method's.
        #[ink(message)]
        pub fn safeguard(&mut self, call: SafeguardRoute) -> Result<()> {
            let now = self.env().block_timestamp();
            // The two executions through `kit::execute`, as `kit::dispatch`
            // runs them; the rest in the cold code.
            let effects = split::dispatch_hot::<Environment, _>(&mut self.programme, now, call)?;
            apply_hot(effects)
        }

        /// A kit read ([`SafeguardQuery`], answered in the
        /// [`SafeguardAnswer`] variant of its index, by the cold code). The programme's own
        /// reads (allocations, recipients, unallocated money) follow.
        #[ink(message)]
        pub fn safeguard_query(&self, query: Forwarded<SafeguardQuery>) -> SafeguardAnswer {
            let _ = query;
            split::forward::<Environment>(split::cold_code())
        }

        // ----- the allowlist ----------------------------------------------

        /// The compliance officer changes the allowlist of recipients
        /// (`AllowlistCall`: set, batch set, renew, suspend, remove an
        /// entry), in the cold code (`programmable_payment_cold::allowlist`,
        /// `Programme::allowlist`). An allocation is made, and money paid
        /// to a recipient (a release, a favourable decision, a ruling's
        /// share), only while the recipient's entry is in force. Works
        /// whatever the kill switch's state.
        ///
        /// # Errors
        ///
        /// `Unauthorized` (not the compliance officer); `Allowlist`, with
        /// the allowlist's refusal.
        ///
        /// # Events
        ///
        /// `AllowlistEntrySet`, `AllowlistEntryRenewed`,
        /// `AllowlistEntrySuspended`, `AllowlistEntryRemoved`.
        #[ink(message)]
        pub fn allowlist(&mut self, call: Forwarded<AllowlistCall>) -> Result<()> {
            let _ = call;
            split::forward::<Environment>(split::cold_code())
        }

        /// `account`'s allowlist entry, in force or not (the cold code
        /// answers).
        #[ink(message)]
        pub fn allowlist_entry(&self, account: Forwarded<AccountId>) -> Option<ListEntry> {
            let _ = account;
            split::forward::<Environment>(split::cold_code())
        }

        // ----- reads -----------------------------------------------------

        /// (budget holder, recipients).
        #[ink(message)]
        pub fn parties(&self) -> (AccountId, Vec<AccountId>) {
            self.programme.parties()
        }

        /// The instantiation parameters, exactly as given (the cold code
        /// answers): the SHA-256 of
        /// their SCALE encoding is the `config_digest` query
        /// ([`SafeguardQuery::ConfigDigest`]),
        /// which every acceptance quotes.
        #[ink(message)]
        pub fn config(&self) -> Config {
            split::forward::<Environment>(split::cold_code())
        }

        /// How many allocations were made; their ids are `0..count`.
        #[ink(message)]
        pub fn allocation_count(&self) -> u32 {
            self.programme.allocation_count()
        }

        /// Allocation `id` (a settled one reads `Settled`; see
        /// [`Programme::allocation`]).
        #[ink(message)]
        pub fn allocation(&self, id: u32) -> Option<Allocation> {
            self.programme.allocation(id)
        }

        /// Funded and not yet allocated.
        #[ink(message)]
        pub fn unallocated(&self) -> Balance {
            self.programme.unallocated()
        }

        /// What the programme holds: unallocated plus every allocation not
        /// yet paid out.
        #[ink(message)]
        pub fn held(&self) -> Balance {
            self.programme.held()
        }

        /// (party, amount) a termination now would pay, budget holder first.
        /// Allocations under an open dispute or a pending rejection are not
        /// in it: they go on to their ruling or verdict after termination.
        #[ink(message)]
        pub fn settlement_preview(&self) -> Vec<(AccountId, Balance)> {
            self.programme.settlement()
        }
    }
}
