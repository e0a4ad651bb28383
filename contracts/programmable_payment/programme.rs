//! The programme core of `programmable_payment`: plain Rust, no environment.
//!
//! It mounts the safeguards kit ([`Safeguards`]: roles, kill switch,
//! agreement, clause, disputes, reviews) and adds the earmarking logic; a
//! safeguard message reaches the kit through [`Programme::safeguarded`].
//! Every method takes the caller, the block time, any transferred value and, where
//! it records a decision, the contract's own account as arguments, and
//! returns [`Effects`]: the events to emit and the payments to make, in that
//! order, after the state change.
use ink::prelude::vec::Vec;
use safeguards::{
    agreement::{Terms, MAX_PARTIES},
    allowlist::{Allowlist, AllowlistCall, AllowlistEvent, ListEntry},
    arbitration::ArbitrationClause,
    dispute::DisputeConfig,
    eds::Requirement,
    kill_switch::SwitchState,
    kit::{self, EdsGate, Mount},
    review::{AiLabel, DecisionId, DecisionInput, ReviewConfig, Verdict},
    roles::Role,
    store::Store,
    AccountId, Balance, Hash32, Safeguards, SafeguardsConfig, Timestamp,
};

use crate::errors::{Error, ProgrammeError};

mod status;
pub use status::{AllocationStatus, DocumentStatus};

/// At most this many recipients (with the budget holder, the agreement's
/// [`MAX_PARTIES`]).
pub const MAX_RECIPIENTS: usize = MAX_PARTIES - 1;

/// At most this many required documents per allocation.
pub const MAX_DOCUMENTS: usize = 8;

/// Evidence hashes per dispute, the raiser's included, half of them for
/// each side: the dispute core's whole `MAX_EVIDENCE`. Each entry is its
/// own storage value. A hash can name a whole bundle of documents.
pub const MAX_EVIDENCE_PER_DISPUTE: usize = safeguards::dispute::MAX_EVIDENCE;

/// The table of allocations, by id (see `safeguards::store`).
pub const ALLOCATIONS: u32 = 0x5347_0100;
/// Per recipient, the sum of its open, undisputed allocations whose
/// conditions hold: what termination pays it. An entry exists exactly for
/// the programme's recipients.
pub const READY: u32 = 0x5347_0102;

/// The instantiation parameters as given, under the key `()`, with the
/// recipients left out (they are the agreement's parties after the budget
/// holder): [`Programme::config`] puts them back.
pub const CONFIG: u32 = 0x5347_0103;

/// The review core's kind code of the automated rejection of an allocation
/// whose conditions did not hold by its deadline.
pub const REJECTION: u32 = 1;

/// A required document of an allocation.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentSlot {
    /// The programme's kind code of the document (e.g. invoice, act of
    /// acceptance), as the programme rules define them.
    pub kind: u32,
    /// Where it stands.
    pub status: DocumentStatus,
}

/// An earmarked amount: for one recipient, one purpose, on conditions.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocation {
    /// Its id, from 0 (the dispute subject and the decision item).
    pub id: u32,
    /// The only account it can be paid to.
    pub recipient: AccountId,
    /// The programme's purpose code (budget classification).
    pub purpose: u32,
    /// The earmarked amount.
    pub amount: Balance,
    /// Documents can be submitted and decided until then (exclusive);
    /// an allocation not released by then can be closed (rejected).
    pub deadline: Timestamp,
    /// The required documents: the conditions of release.
    pub documents: Vec<DocumentSlot>,
    /// Where it stands.
    pub status: AllocationStatus,
    /// The open dispute over it, if any: while set its amount is frozen.
    /// Kept beside the dispute core's own index so that a message on an
    /// allocation reads one entry, not two.
    pub dispute: Option<u32>,
}

impl Allocation {
    /// Whether every required document is approved (the conditions hold).
    pub fn conditions_hold(&self) -> bool {
        self.documents
            .iter()
            .all(|d| matches!(d.status, DocumentStatus::Approved { .. }))
    }

    /// Whether the amount is still in the contract's custody.
    pub fn is_held(&self) -> bool {
        matches!(
            self.status,
            AllocationStatus::Open | AllocationStatus::RejectionPending { .. }
        )
    }
}

/// Everything fixed at instantiation. Its SCALE encoding's SHA-256 is the
/// configuration digest every acceptance quotes ([`Programme::config`],
/// `accept_agreement`).
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The hash of the cold code (`programmable_payment_cold`, uploaded
    /// once per chain) that runs every safeguard message but the
    /// executions of rulings and decisions, and the constructor's logic:
    /// fixed here, so the acceptances quote it (`safeguards::kit::split`).
    /// First, so the contract's own code reads it without decoding the
    /// rest.
    pub cold_code: Hash32,
    /// Funds the programme and allocates (e.g. a ministry); receives what
    /// is not spent on its purpose.
    pub budget_holder: AccountId,
    /// The only accounts allocations can name (1..=[`MAX_RECIPIENTS`]).
    pub recipients: Vec<AccountId>,
    /// Approves or rejects documents ([`Role::Inspector`]).
    pub inspector: AccountId,
    /// What kind of system the inspector is (AI Law No. 230-VIII, Art. 21):
    /// the automated rejection rests on its approvals and carries this label.
    pub inspector_label: AiLabel,
    /// May pause.
    pub guardian: AccountId,
    /// Rules on disputes under the clause.
    pub arbitrator: AccountId,
    /// Reviews automated rejections on request.
    pub reviewer: AccountId,
    /// SHA-256 of the EDS-signed programme rules.
    pub agreement_hash: Hash32,
    /// Their version (from 1).
    pub agreement_version: u32,
    /// The dispute-resolution clause of the programme rules.
    pub clause: ArbitrationClause,
    /// Ruling period, appeal window, fallback.
    pub disputes: DisputeConfig,
    /// Review window, reviewer deadline, high-risk confirmation.
    pub review: ReviewConfig,
    /// SHA-256 of the document explaining the automated rejection rule (its
    /// main factors).
    pub rejection_explanation: Hash32,
    /// The EDS registry whose attestations gate acceptance (fixed).
    pub registry: AccountId,
    /// What the budget holder's attestation must show.
    pub holder_eds: Requirement,
    /// What each recipient's attestation must show.
    pub recipient_eds: Requirement,
    /// How long a pause lasts unless a guardian or the admin renews it, in
    /// milliseconds (at most `safeguards::kill_switch::MAX_PAUSE`); once it
    /// has lapsed anyone may resume.
    pub max_pause: Timestamp,
    /// Keeps the allowlist of recipients (`Role::ComplianceOfficer`):
    /// an allocation is made, and money released, decided or ruled to a
    /// recipient, only while its entry is in force (the termination
    /// settlement does not ask: docs/threat-model.md, 4.2f, A1). Never a
    /// party.
    pub compliance_officer: AccountId,
}

/// The budget holder added funds to the programme.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeFunded {
    /// The budget holder.
    #[ink(topic)]
    pub by: AccountId,
    /// The amount added.
    pub amount: Balance,
    /// The unallocated balance after funding.
    pub unallocated: Balance,
}

/// The budget holder took back part of the unallocated balance.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnallocatedReclaimed {
    /// The budget holder, who is paid.
    #[ink(topic)]
    pub by: AccountId,
    /// The amount paid back.
    pub amount: Balance,
    /// The unallocated balance left.
    pub unallocated: Balance,
}

/// The budget holder earmarked an amount for a recipient and a purpose.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllocationCreated {
    /// The allocation.
    #[ink(topic)]
    pub id: u32,
    /// The only account it can be paid to.
    #[ink(topic)]
    pub recipient: AccountId,
    /// The purpose code.
    pub purpose: u32,
    /// The earmarked amount.
    pub amount: Balance,
    /// Documents are accepted until then.
    pub deadline: Timestamp,
    /// The kind codes of the required documents, by slot.
    pub documents: Vec<u32>,
}

/// The recipient submitted a required document.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentSubmitted {
    /// The allocation.
    #[ink(topic)]
    pub allocation: u32,
    /// The slot.
    pub slot: u32,
    /// The document's kind code.
    pub kind: u32,
    /// SHA-256 of the document.
    pub hash: Hash32,
}

/// The inspector approved a document.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentApproved {
    /// The allocation.
    #[ink(topic)]
    pub allocation: u32,
    /// The slot.
    pub slot: u32,
    /// The inspector.
    #[ink(topic)]
    pub inspector: AccountId,
    /// SHA-256 of the approved document.
    pub hash: Hash32,
    /// What kind of system decided (AI Law No. 230-VIII, Art. 21).
    pub label: AiLabel,
}

/// The inspector rejected a document.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRejected {
    /// The allocation.
    #[ink(topic)]
    pub allocation: u32,
    /// The slot.
    pub slot: u32,
    /// The inspector.
    #[ink(topic)]
    pub inspector: AccountId,
    /// SHA-256 of the inspector's reasons.
    pub reason: Hash32,
    /// What kind of system decided (AI Law No. 230-VIII, Art. 21).
    pub label: AiLabel,
}

/// An allocation was paid to its recipient.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllocationReleased {
    /// The allocation.
    #[ink(topic)]
    pub id: u32,
    /// The recipient paid.
    #[ink(topic)]
    pub recipient: AccountId,
    /// The purpose code.
    pub purpose: u32,
    /// The amount paid.
    pub amount: Balance,
}

/// An allocation returned to the budget holder: its automated rejection
/// took effect.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllocationReturned {
    /// The allocation.
    #[ink(topic)]
    pub id: u32,
    /// The budget holder.
    #[ink(topic)]
    pub to: AccountId,
    /// The amount returned.
    pub amount: Balance,
    /// The decision carried out.
    pub decision: DecisionId,
}

/// Events of the programme itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgrammeEvent {
    /// See [`ProgrammeFunded`].
    Funded(ProgrammeFunded),
    /// See [`AllocationCreated`].
    AllocationCreated(AllocationCreated),
    /// See [`DocumentSubmitted`].
    DocumentSubmitted(DocumentSubmitted),
    /// See [`DocumentApproved`].
    DocumentApproved(DocumentApproved),
    /// See [`DocumentRejected`].
    DocumentRejected(DocumentRejected),
    /// See [`AllocationReleased`].
    Released(AllocationReleased),
    /// See [`AllocationReturned`].
    Returned(AllocationReturned),
    /// See [`UnallocatedReclaimed`].
    Reclaimed(UnallocatedReclaimed),
}

// `Event` (every event the contract emits: the kit's, the programme's and
// the allowlist's, which only the cold code emits), `HotEvent` (the
// everyday steps': the programme's and the kit's four hot events),
// `Effects` and `HotEffects`.
safeguards::template_events!(Programme(ProgrammeEvent), Allowlist(AllowlistEvent));

fn programme_event(e: ProgrammeEvent) -> Vec<ProgrammeEvent> {
    ink::prelude::vec![e]
}

fn wrong_status(allocation: u32, expected: AllocationStatus, actual: AllocationStatus) -> Error {
    ProgrammeError::WrongAllocationStatus {
        allocation,
        expected,
        actual,
    }
    .into()
}

/// The programme with its safeguards: the fixed state and running totals
/// here; each allocation, each recipient's ready total and the EDS gate as
/// entries of the store `S` ([`ALLOCATIONS`], [`READY`], [`CONFIG`]), so
/// no message reads or writes more than the allocation it names.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Programme<S> {
    safeguards: Safeguards<S>,
    budget_holder: AccountId,
    inspector_label: AiLabel,
    rejection_explanation: Hash32,
    unallocated: Balance,
    allocation_count: u32,
    /// The sum of the allocations still held (open or rejection pending).
    allocated_held: Balance,
    /// The sum of the allocations whose rejection is pending.
    rejection_pending: Balance,
    /// Who may be allocated and paid (its entries under
    /// `safeguards::store::ALLOWLIST`).
    allowlist: Allowlist<S>,
    store: S,
}

impl<S: Store + Default> Programme<S> {
    /// Sets up the programme; `admin` is the instantiator, and
    /// `config_digest` the SHA-256 of `config`'s SCALE encoding, which the
    /// contract computes and every acceptance must quote.
    ///
    /// # Errors
    ///
    /// `InvalidRecipientCount`, `BudgetHolderIsRecipient`,
    /// `PartyMayNotHoldRole` (the admin, guardian, arbitrator, reviewer,
    /// inspector or compliance officer is the budget holder or a recipient), `ZeroHash`, and the
    /// errors of the EDS requirements, the agreement, the clause, the
    /// dispute and review configuration.
    pub fn new(
        admin: AccountId,
        config: Config,
        config_digest: Hash32,
    ) -> Result<(Self, Effects), Error> {
        let count = config.recipients.len();
        if count == 0 || count > MAX_RECIPIENTS {
            return Err(ProgrammeError::InvalidRecipientCount {
                count: u32::try_from(count).unwrap_or(u32::MAX),
            }
            .into());
        }
        if config.recipients.contains(&config.budget_holder) {
            return Err(ProgrammeError::BudgetHolderIsRecipient {
                account: config.budget_holder,
            }
            .into());
        }
        if config.rejection_explanation == [0u8; 32] {
            return Err(ProgrammeError::ZeroHash.into());
        }
        config.holder_eds.validate()?;
        config.recipient_eds.validate()?;
        let mut parties = ink::prelude::vec![config.budget_holder];
        parties.extend(config.recipients.iter().copied());
        // The agreement core refuses duplicate recipients (`DuplicateParty`).
        let (safeguards, events) = Safeguards::new(
            admin,
            SafeguardsConfig {
                parties,
                terms: Terms {
                    hash: config.agreement_hash,
                    version: config.agreement_version,
                },
                config_digest,
                clause: config.clause,
                disputes: config.disputes,
                review: config.review,
                max_pause: config.max_pause,
                grants: ink::prelude::vec![
                    (Role::Guardian, config.guardian),
                    (Role::Arbitrator, config.arbitrator),
                    (Role::Reviewer, config.reviewer),
                    (Role::Inspector, config.inspector),
                    (Role::ComplianceOfficer, config.compliance_officer),
                ],
                gate: EdsGate {
                    registry: config.registry,
                    requirements: core::iter::once(config.holder_eds)
                        .chain(config.recipients.iter().map(|_| config.recipient_eds))
                        .collect(),
                },
            },
        )?;
        let mut programme = Self {
            safeguards,
            budget_holder: config.budget_holder,
            inspector_label: config.inspector_label,
            rejection_explanation: config.rejection_explanation,
            unallocated: 0,
            allocation_count: 0,
            allocated_held: 0,
            rejection_pending: 0,
            allowlist: Allowlist::new(S::default()),
            store: S::default(),
        };
        for recipient in &config.recipients {
            programme.store.set(READY, recipient, &Balance::default());
        }
        let fixed = Config {
            recipients: Vec::new(),
            ..config
        };
        programme.store.set(CONFIG, &(), &fixed);
        Ok((programme, Effects::of(events)))
    }
}

impl<S: Store> Programme<S> {
    /// The store handle: in a unit test, the in-memory entries this core
    /// wrote (each item's own storage value).
    pub fn store(&self) -> &S {
        &self.store
    }

    // ----- reads -------------------------------------------------------

    /// The instantiation parameters, exactly as given: the SHA-256 of
    /// their SCALE encoding is the configuration digest
    /// ([`safeguards::agreement::Agreement::config_digest`]).
    ///
    /// # Panics
    ///
    /// If the configuration's entry is missing (`Store::expect`):
    /// [`Programme::new`] writes it.
    pub fn config(&self) -> Config {
        let mut config: Config = self.store.expect(CONFIG, &());
        config.recipients = self.parties().1;
        config
    }

    /// Whether `account` is one of the programme's recipients.
    pub fn is_recipient(&self, account: AccountId) -> bool {
        self.ready(account).is_some()
    }

    /// What termination would pay `recipient` now, if it is a recipient.
    fn ready(&self, recipient: AccountId) -> Option<Balance> {
        self.store.get(READY, &recipient)
    }

    fn set_ready(&mut self, recipient: AccountId, amount: Balance) {
        self.store.set(READY, &recipient, &amount);
    }

    /// How many allocations were ever made; their ids are `0..count`.
    pub fn allocation_count(&self) -> u32 {
        self.allocation_count
    }

    /// Allocation `id`. After termination an allocation the settlement paid
    /// reads `Settled`: termination pays from the running totals and does
    /// not rewrite each entry, so it costs the same at any count.
    pub fn allocation(&self, id: u32) -> Option<Allocation> {
        if id >= self.allocation_count {
            return None;
        }
        let mut a: Allocation = self.store.get(ALLOCATIONS, &id)?;
        if self.safeguards.kill_switch().state() == SwitchState::Terminated
            && a.status == AllocationStatus::Open
            && a.dispute.is_none()
        {
            a.status = AllocationStatus::Settled;
        }
        Some(a)
    }

    /// The budget holder and the recipients (the agreement's parties, the
    /// budget holder first).
    pub fn parties(&self) -> (AccountId, Vec<AccountId>) {
        let recipients = self
            .safeguards
            .agreement()
            .parties()
            .into_iter()
            .filter(|p| *p != self.budget_holder)
            .collect();
        (self.budget_holder, recipients)
    }

    /// The inspector's AI label.
    pub fn inspector_label(&self) -> AiLabel {
        self.inspector_label
    }

    /// Funded and not yet allocated.
    pub fn unallocated(&self) -> Balance {
        self.unallocated
    }

    /// What the programme holds: the unallocated balance plus every
    /// allocation not yet paid out.
    pub fn held(&self) -> Balance {
        // Every held amount was funded, and the funding total fits a
        // balance (checked in `fund`), so the sum cannot saturate.
        self.unallocated.saturating_add(self.allocated_held)
    }

    // ----- helpers -----------------------------------------------------

    fn get(&self, allocation: u32) -> Result<Allocation, Error> {
        self.allocation(allocation)
            .ok_or(ProgrammeError::UnknownAllocation { allocation }.into())
    }

    fn save(&mut self, a: &Allocation) {
        self.store.set(ALLOCATIONS, &a.id, a);
    }

    /// Takes allocation `a`, as it stands before a change, out of the
    /// running totals of its present state: a pending rejection, or an
    /// open, undisputed allocation ready to be paid to its recipient.
    fn leaves(&mut self, a: &Allocation) {
        // Each total counts the allocations now in that state, this one
        // included, so the subtractions cannot go below zero.
        match a.status {
            AllocationStatus::RejectionPending { .. } => {
                self.rejection_pending = self.rejection_pending.saturating_sub(a.amount);
            }
            AllocationStatus::Open if a.dispute.is_none() && a.conditions_hold() => {
                let ready = self.ready(a.recipient).unwrap_or(0);
                self.set_ready(a.recipient, ready.saturating_sub(a.amount));
            }
            _ => {}
        }
    }

    /// Takes `amount` out of the allocated, held total: it was paid.
    fn paid_out(&mut self, amount: Balance) {
        // Every payment is of a held allocation, counted in by `allocate`.
        self.allocated_held = self.allocated_held.saturating_sub(amount);
    }

    fn ensure_budget_holder(&self, caller: AccountId) -> Result<(), Error> {
        if caller == self.budget_holder {
            Ok(())
        } else {
            Err(ProgrammeError::NotBudgetHolder { caller }.into())
        }
    }

    /// An open, unfrozen allocation.
    fn open(&self, allocation: u32) -> Result<Allocation, Error> {
        let a = self.get(allocation)?;
        if a.status != AllocationStatus::Open {
            return Err(wrong_status(allocation, AllocationStatus::Open, a.status));
        }
        if a.dispute.is_some() {
            return Err(ProgrammeError::AllocationFrozen { allocation }.into());
        }
        Ok(a)
    }

    /// An open, unfrozen allocation whose deadline has not passed, and its
    /// slot `slot` in status `slot_ok`.
    fn decidable_slot(
        &self,
        allocation: u32,
        slot: u32,
        now: Timestamp,
        slot_ok: fn(&DocumentStatus) -> bool,
    ) -> Result<(Allocation, DocumentSlot), Error> {
        let a = self.open(allocation)?;
        if now >= a.deadline {
            return Err(ProgrammeError::DeadlinePassed {
                allocation,
                deadline: a.deadline,
            }
            .into());
        }
        let d = usize::try_from(slot)
            .ok()
            .and_then(|i| a.documents.get(i))
            .copied()
            .ok_or(ProgrammeError::UnknownSlot { allocation, slot })?;
        if !slot_ok(&d.status) {
            return Err(ProgrammeError::WrongDocumentStatus {
                allocation,
                slot,
                actual: d.status,
            }
            .into());
        }
        Ok((a, d))
    }

    /// Sets slot `slot` of open, unfrozen allocation `a` (checked by
    /// [`Programme::decidable_slot`]) to `status`; an approval that makes
    /// every condition hold adds the allocation to its recipient's ready
    /// total.
    fn set_slot(&mut self, mut a: Allocation, slot: u32, status: DocumentStatus) {
        let held_before = a.conditions_hold();
        if let Some(d) = usize::try_from(slot)
            .ok()
            .and_then(|i| a.documents.get_mut(i))
        {
            d.status = status;
        }
        if !held_before && a.conditions_hold() {
            let ready = self.ready(a.recipient).unwrap_or(0);
            // A subset of the held amounts, whose total fits a balance.
            self.set_ready(a.recipient, ready.saturating_add(a.amount));
        }
        self.save(&a);
    }

    /// Refuses unless `account` holds an allowlist entry in force at `now`.
    fn ensure_allowed(&self, account: AccountId, now: Timestamp) -> Result<(), Error> {
        self.allowlist
            .check(account, now)
            .map(|_| ())
            .map_err(|refusal| ProgrammeError::NotAllowlisted { account, refusal }.into())
    }

    /// The compliance officer changes the allowlist of recipients
    /// ([`AllowlistCall`]). Works whatever the kill switch's state: a
    /// suspension must take effect while disputes and decisions still pay.
    ///
    /// # Errors
    ///
    /// `Unauthorized` (not the compliance officer); the allowlist's.
    ///
    /// # Events
    ///
    /// The allowlist's (`AllowlistEntrySet`, ...).
    pub fn allowlist(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        call: AllowlistCall,
    ) -> Result<Effects, Error> {
        let events = self
            .allowlist
            .dispatch(self.safeguards.roles(), caller, now, call)?;
        Ok(Effects::of(events))
    }

    /// `account`'s allowlist entry, in force or not.
    pub fn allowlist_entry(&self, account: AccountId) -> Option<ListEntry> {
        self.allowlist.entry(account)
    }

    /// Pays held allocation `a` to its recipient.
    fn pay_recipient(&mut self, mut a: Allocation) -> Result<HotEffects, Error> {
        let allocation = a.id;
        self.leaves(&a);
        a.status = AllocationStatus::Released;
        self.save(&a);
        let (recipient, amount) = (a.recipient, a.amount);
        self.paid_out(amount);
        Ok(HotEffects::of(programme_event(ProgrammeEvent::Released(
            AllocationReleased {
                id: allocation,
                recipient,
                purpose: a.purpose,
                amount,
            },
        )))
        .pay(recipient, amount))
    }

    // ----- programme ---------------------------------------------------

    /// The budget holder adds `value` to the unallocated balance.
    ///
    /// # Errors
    ///
    /// `NotBudgetHolder`, `Paused`/`Terminated`, `NotEffective`,
    /// `ZeroFunding`, `FundingOverflow`.
    pub fn fund(&mut self, caller: AccountId, value: Balance) -> Result<HotEffects, Error> {
        self.ensure_budget_holder(caller)?;
        self.safeguards.ensure_active()?;
        self.safeguards.ensure_effective()?;
        if value == 0 {
            return Err(ProgrammeError::ZeroFunding.into());
        }
        // `held()` sums the unallocated balance with every held allocation:
        // check that whole sum, so that it never saturates.
        let unallocated = self
            .unallocated
            .checked_add(value)
            .ok_or(ProgrammeError::FundingOverflow)?;
        self.held()
            .checked_add(value)
            .ok_or(ProgrammeError::FundingOverflow)?;
        self.unallocated = unallocated;
        Ok(HotEffects::of(programme_event(ProgrammeEvent::Funded(
            ProgrammeFunded {
                by: caller,
                amount: value,
                unallocated,
            },
        ))))
    }

    /// The budget holder takes back `amount` of the unallocated balance:
    /// money not earmarked is promised to nobody, so its owner needs no
    /// one's consent (and no admin) to get it out. Not while paused or
    /// after termination (termination pays it to the budget holder).
    ///
    /// # Errors
    ///
    /// `NotBudgetHolder`, `Paused`/`Terminated`, `ZeroAmount`,
    /// `InsufficientUnallocated`.
    ///
    /// # Events
    ///
    /// [`UnallocatedReclaimed`].
    pub fn reclaim_unallocated(
        &mut self,
        caller: AccountId,
        amount: Balance,
    ) -> Result<HotEffects, Error> {
        self.ensure_budget_holder(caller)?;
        self.safeguards.ensure_active()?;
        if amount == 0 {
            return Err(ProgrammeError::ZeroAmount.into());
        }
        let unallocated = self.unallocated.checked_sub(amount).ok_or(
            ProgrammeError::InsufficientUnallocated {
                requested: amount,
                available: self.unallocated,
            },
        )?;
        self.unallocated = unallocated;
        Ok(HotEffects::of(programme_event(ProgrammeEvent::Reclaimed(
            UnallocatedReclaimed {
                by: caller,
                amount,
                unallocated,
            },
        )))
        .pay(caller, amount))
    }

    /// The budget holder earmarks `amount` of the unallocated balance for
    /// `recipient` and `purpose`, payable once every document of the kinds
    /// `documents` is approved before `deadline`.
    ///
    /// # Errors
    ///
    /// `NotBudgetHolder`, `Paused`/`Terminated`, `NotEffective`,
    /// `UnknownRecipient`, `NotAllowlisted` (the recipient's allowlist
    /// entry is not in force at `now`), `ZeroAmount`, `InsufficientUnallocated`,
    /// `DeadlineNotInFuture`, `InvalidDocuments`, `TooManyAllocations`
    /// (once `u32::MAX` allocations were made).
    #[allow(clippy::too_many_arguments)]
    pub fn allocate(
        &mut self,
        caller: AccountId,
        recipient: AccountId,
        amount: Balance,
        purpose: u32,
        deadline: Timestamp,
        documents: Vec<u32>,
        now: Timestamp,
    ) -> Result<HotEffects, Error> {
        self.ensure_budget_holder(caller)?;
        self.safeguards.ensure_active()?;
        self.safeguards.ensure_effective()?;
        if !self.is_recipient(recipient) {
            return Err(ProgrammeError::UnknownRecipient { recipient }.into());
        }
        self.ensure_allowed(recipient, now)?;
        if amount == 0 {
            return Err(ProgrammeError::ZeroAmount.into());
        }
        let unallocated = self.unallocated.checked_sub(amount).ok_or(
            ProgrammeError::InsufficientUnallocated {
                requested: amount,
                available: self.unallocated,
            },
        )?;
        if deadline <= now {
            return Err(ProgrammeError::DeadlineNotInFuture { deadline, now }.into());
        }
        if documents.is_empty() || documents.len() > MAX_DOCUMENTS {
            return Err(ProgrammeError::InvalidDocuments {
                count: u32::try_from(documents.len()).unwrap_or(u32::MAX),
            }
            .into());
        }
        let id = self.allocation_count;
        let count = id
            .checked_add(1)
            .ok_or(ProgrammeError::TooManyAllocations)?;
        self.unallocated = unallocated;
        self.allocation_count = count;
        // Moved from the unallocated balance: the held total is unchanged.
        self.allocated_held = self.allocated_held.saturating_add(amount);
        self.save(&Allocation {
            id,
            recipient,
            purpose,
            amount,
            deadline,
            documents: documents
                .iter()
                .map(|kind| DocumentSlot {
                    kind: *kind,
                    status: DocumentStatus::Missing,
                })
                .collect(),
            status: AllocationStatus::Open,
            dispute: None,
        });
        Ok(HotEffects::of(programme_event(
            ProgrammeEvent::AllocationCreated(AllocationCreated {
                id,
                recipient,
                purpose,
                amount,
                deadline,
                documents,
            }),
        )))
    }

    /// The allocation's recipient submits the document for `slot` (missing
    /// or rejected before) before the deadline.
    ///
    /// # Errors
    ///
    /// `UnknownAllocation`, `NotRecipient`, `Paused`/`Terminated`,
    /// `WrongAllocationStatus`, `AllocationFrozen`, `DeadlinePassed`,
    /// `UnknownSlot`, `WrongDocumentStatus`, `ZeroHash`.
    pub fn submit_document(
        &mut self,
        caller: AccountId,
        allocation: u32,
        slot: u32,
        hash: Hash32,
        now: Timestamp,
    ) -> Result<HotEffects, Error> {
        if self.get(allocation)?.recipient != caller {
            return Err(ProgrammeError::NotRecipient { caller, allocation }.into());
        }
        self.safeguards.ensure_active()?;
        let (a, d) = self.decidable_slot(allocation, slot, now, |s| {
            matches!(s, DocumentStatus::Missing | DocumentStatus::Rejected { .. })
        })?;
        if hash == [0u8; 32] {
            return Err(ProgrammeError::ZeroHash.into());
        }
        self.set_slot(a, slot, DocumentStatus::Submitted { hash });
        Ok(HotEffects::of(programme_event(
            ProgrammeEvent::DocumentSubmitted(DocumentSubmitted {
                allocation,
                slot,
                kind: d.kind,
                hash,
            }),
        )))
    }

    /// The inspector approves a submitted document before the deadline.
    ///
    /// # Errors
    ///
    /// `Unauthorized` without [`Role::Inspector`], `Paused`/`Terminated`,
    /// `UnknownAllocation`, `WrongAllocationStatus`, `AllocationFrozen`,
    /// `DeadlinePassed`, `UnknownSlot`, `WrongDocumentStatus`.
    pub fn approve_document(
        &mut self,
        caller: AccountId,
        allocation: u32,
        slot: u32,
        now: Timestamp,
    ) -> Result<HotEffects, Error> {
        self.safeguards.ensure_role(Role::Inspector, caller)?;
        self.safeguards.ensure_active()?;
        let (a, d) = self.decidable_slot(allocation, slot, now, |s| {
            matches!(s, DocumentStatus::Submitted { .. })
        })?;
        let hash = match d.status {
            DocumentStatus::Submitted { hash } => hash,
            _ => [0u8; 32],
        };
        self.set_slot(a, slot, DocumentStatus::Approved { hash });
        Ok(HotEffects::of(programme_event(
            ProgrammeEvent::DocumentApproved(DocumentApproved {
                allocation,
                slot,
                inspector: caller,
                hash,
                label: self.inspector_label,
            }),
        )))
    }

    /// The inspector rejects a submitted document before the deadline, with
    /// the hash of its reasons; the recipient may submit another.
    ///
    /// # Errors
    ///
    /// `Unauthorized` without [`Role::Inspector`], `Paused`/`Terminated`,
    /// `UnknownAllocation`, `WrongAllocationStatus`, `AllocationFrozen`,
    /// `DeadlinePassed`, `UnknownSlot`, `WrongDocumentStatus`, `ZeroHash`.
    pub fn reject_document(
        &mut self,
        caller: AccountId,
        allocation: u32,
        slot: u32,
        reason: Hash32,
        now: Timestamp,
    ) -> Result<HotEffects, Error> {
        self.safeguards.ensure_role(Role::Inspector, caller)?;
        self.safeguards.ensure_active()?;
        let (a, _) = self.decidable_slot(allocation, slot, now, |s| {
            matches!(s, DocumentStatus::Submitted { .. })
        })?;
        if reason == [0u8; 32] {
            return Err(ProgrammeError::ZeroHash.into());
        }
        self.set_slot(a, slot, DocumentStatus::Rejected { reason });
        Ok(HotEffects::of(programme_event(
            ProgrammeEvent::DocumentRejected(DocumentRejected {
                allocation,
                slot,
                inspector: caller,
                reason,
                label: self.inspector_label,
            }),
        )))
    }

    /// Anyone releases an open allocation whose documents are all approved:
    /// it is paid to its recipient. Also after the deadline (approvals after
    /// it are impossible).
    ///
    /// # Errors
    ///
    /// `Paused`/`Terminated`, `UnknownAllocation`, `WrongAllocationStatus`,
    /// `AllocationFrozen`, `ConditionsNotMet`, `NotAllowlisted` (the
    /// recipient's entry is not in force at `now`: the allocation stays
    /// open, and releases once it is).
    pub fn release(&mut self, allocation: u32, now: Timestamp) -> Result<HotEffects, Error> {
        self.safeguards.ensure_active()?;
        let a = self.open(allocation)?;
        if !a.conditions_hold() {
            return Err(ProgrammeError::ConditionsNotMet { allocation }.into());
        }
        self.ensure_allowed(a.recipient, now)?;
        self.pay_recipient(a)
    }

    /// Anyone closes an open allocation at or after its deadline when its
    /// conditions do not hold: the **automated rejection**. It is recorded
    /// as a decision of the review core by `recorder` (the contract's own
    /// account), adverse to the recipient, labelled with the inspector's AI
    /// label and the explanation hash; the recipient is notified. No funds
    /// move until the decision is final ([`Programme::execute_decision`]).
    ///
    /// # Errors
    ///
    /// `Paused`/`Terminated`, `UnknownAllocation`, `WrongAllocationStatus`,
    /// `AllocationFrozen`, `DeadlineNotReached`, `ConditionsMet`; the review
    /// core's `TooManyDecisions` (once `u32::MAX` decisions were recorded),
    /// `TimeOverflow`.
    pub fn close(
        &mut self,
        recorder: AccountId,
        allocation: u32,
        now: Timestamp,
    ) -> Result<HotEffects, Error> {
        self.safeguards.ensure_active()?;
        let mut a = self.open(allocation)?;
        if now < a.deadline {
            return Err(ProgrammeError::DeadlineNotReached {
                allocation,
                deadline: a.deadline,
            }
            .into());
        }
        if a.conditions_hold() {
            return Err(ProgrammeError::ConditionsMet { allocation }.into());
        }
        let input = DecisionInput {
            subject: a.recipient,
            kind: REJECTION,
            verdict: Verdict::Adverse,
            amount: Some(a.amount),
            item: allocation,
            explanation: self.rejection_explanation,
            ai: self.inspector_label,
        };
        let (decision, recorded) = self.safeguards.record_decision(recorder, input, now)?;
        a.status = AllocationStatus::RejectionPending { decision };
        self.save(&a);
        // A subset of the held amounts, whose total fits a balance.
        self.rejection_pending = self.rejection_pending.saturating_add(a.amount);
        Ok(HotEffects::one(kit::HotEvent::from(recorded)))
    }

    // ----- termination (the step itself: `Mount::terminate`) -----------

    /// Who each held amount goes to on termination:
    ///
    /// - the unallocated balance → the budget holder;
    /// - an open allocation whose conditions hold → its recipient, else the
    ///   budget holder.
    ///
    /// An allocation frozen under an open dispute, or whose rejection is
    /// pending, is not settled: its dispute goes on to a ruling (with its
    /// appeal window) or the fallback, and its decision to its verdict.
    ///
    /// Returns one (party, amount) per party, budget holder first; the
    /// amounts add up to [`Programme::held`] less those allocations. Read
    /// from running totals: one entry per recipient, whatever the number of
    /// allocations.
    pub fn settlement(&self) -> Vec<(AccountId, Balance)> {
        let terminated = self.safeguards.kill_switch().state() == SwitchState::Terminated;
        let (holder, recipients) = self.parties();
        let shares: Vec<(AccountId, Balance)> = recipients
            .into_iter()
            .map(|r| {
                let ready = if terminated {
                    0
                } else {
                    self.ready(r).unwrap_or(0)
                };
                (r, ready)
            })
            .collect();
        // The held amounts, less what continues, less what goes to the
        // recipients: running totals of disjoint sets of held amounts.
        let holder_share = if terminated {
            0
        } else {
            shares.iter().fold(
                self.held().saturating_sub(self.continuing()),
                |rest, (_, r)| rest.saturating_sub(*r),
            )
        };
        let mut plan = ink::prelude::vec![(holder, holder_share)];
        plan.extend(shares);
        plan
    }

    /// The amounts `terminate` leaves to disputes and pending rejections.
    fn continuing(&self) -> Balance {
        // A pending rejection cannot be disputed, so the two sets are apart,
        // and both are held amounts, whose total fits a balance.
        self.rejection_pending
            .saturating_add(self.safeguards.disputes().frozen_total())
    }
}

/// The programme as the kit's [`dispatch`](safeguards::kit::dispatch) drives it:
/// its kit, and the five safeguard steps that touch allocations, funds and
/// the configuration (a dispute's payer is the budget holder, its payee the
/// allocation's recipient).
impl<S: Store> Mount for Programme<S> {
    const EVIDENCE_LIMIT: usize = MAX_EVIDENCE_PER_DISPUTE;
    type Store = S;
    type HotEvent = HotEvent;
    type Event = Event;
    type Error = Error;
    type Config = Config;

    fn safeguards(&self) -> &Safeguards<S> {
        &self.safeguards
    }

    fn safeguards_mut(&mut self) -> &mut Safeguards<S> {
        &mut self.safeguards
    }

    /// `config()` with `clause`; reads every recipient.
    fn config_with_clause(&self, clause: ArbitrationClause) -> Config {
        let mut config = self.config();
        config.clause = clause;
        config
    }

    /// Stores the configuration without its recipients (they are the
    /// agreement's parties after the budget holder).
    fn store_config(&mut self, mut config: Config) {
        config.recipients = Vec::new();
        self.store.set(CONFIG, &(), &config);
    }

    /// The budget holder or the allocation's recipient disputes an open
    /// allocation; its amount freezes. Works while paused.
    ///
    /// # Errors
    ///
    /// `Terminated`, `UnknownAllocation`, `NotAParty`, `DecisionPending`,
    /// `NothingToDispute`, and the dispute core's errors.
    fn raise_dispute(
        &mut self,
        caller: AccountId,
        allocation: u32,
        evidence_hash: Hash32,
        now: Timestamp,
    ) -> Result<Effects, Error> {
        self.safeguards.ensure_not_terminated()?;
        let a = self.get(allocation)?;
        if caller != self.budget_holder && caller != a.recipient {
            return Err(safeguards::DisputeError::NotAParty { caller }.into());
        }
        match a.status {
            AllocationStatus::Open => {}
            AllocationStatus::RejectionPending { decision } => {
                return Err(ProgrammeError::DecisionPending {
                    allocation,
                    decision,
                }
                .into())
            }
            _ => return Err(ProgrammeError::NothingToDispute { allocation }.into()),
        }
        let (holder, recipient, amount) = (self.budget_holder, a.recipient, a.amount);
        let (id, raised) = self.safeguards.raise_dispute(
            caller,
            holder,
            recipient,
            allocation,
            amount,
            evidence_hash,
            now,
        )?;
        // A frozen allocation is its dispute's, not the settlement's.
        self.leaves(&a);
        self.save(&Allocation {
            dispute: Some(id),
            ..a
        });
        Ok(Effects::of(raised.0))
    }

    /// Anyone executes a dispute (the ruling after its appeal window, or the
    /// fallback after the ruling deadline): the frozen amount is split
    /// between the budget holder (payer) and the recipient (payee). While
    /// paused only a full refund to the budget holder executes. After
    /// termination every split executes: termination leaves a disputed
    /// allocation to its dispute.
    ///
    /// # Errors
    ///
    /// `Paused` for a split that pays the recipient while paused;
    /// `NotAllowlisted` for a split that pays a recipient whose allowlist
    /// entry is not in force at `now` (the dispute stays executable: its
    /// amount stays frozen until the entry is in force again); the dispute
    /// core's errors.
    fn execute_ruling(&mut self, dispute: u32, now: Timestamp) -> Result<HotEffects, Error> {
        // While paused the kit refuses any split with a share for the
        // recipient (`Paused`) first.
        let disputes = self.safeguards.disputes();
        if self.safeguards.kill_switch().state() != SwitchState::Paused {
            if let (Some(d), Some((_, to_payee))) = (
                disputes.get(dispute),
                disputes.executable_split(dispute, now),
            ) {
                if to_payee > 0 {
                    self.ensure_allowed(d.payee, now)?;
                }
            }
        }
        let (resolution, resolved) = self.safeguards.execute_ruling(dispute, now)?;
        let mut a = self.get(resolution.subject)?;
        a.status = AllocationStatus::Resolved;
        a.dispute = None;
        self.save(&a);
        self.paid_out(a.amount);
        Ok(HotEffects::one(kit::HotEvent::from(resolved))
            .pay(resolution.payer, resolution.payer_amount)
            .pay(resolution.payee, resolution.payee_amount))
    }

    /// Anyone carries out a final rejection decision: adverse (the
    /// rejection stands) returns the amount to the budget holder;
    /// favourable (overridden, or the review core's favourable fallback)
    /// pays the recipient. Not while paused; after termination, yes
    /// (termination leaves a pending rejection to run to its verdict).
    ///
    /// # Errors
    ///
    /// `Paused`; `UnknownDecision`; `WrongAllocationStatus` if
    /// the allocation no longer waits for this decision; `NotAllowlisted`
    /// for a favourable verdict whose recipient's allowlist entry is not in
    /// force at `now` (the decision stays to be carried out); the review
    /// core's `NotYetFinal`, `AlreadyFinal`.
    fn execute_decision(
        &mut self,
        decision: DecisionId,
        now: Timestamp,
    ) -> Result<HotEffects, Error> {
        if self.safeguards.kill_switch().state() == SwitchState::Paused {
            return Err(safeguards::KillSwitchError::Paused.into());
        }
        let d = self
            .safeguards
            .reviews()
            .get(decision)
            .ok_or(safeguards::ReviewError::UnknownDecision { id: decision })?;
        let allocation = d.input.item;
        let expected = AllocationStatus::RejectionPending { decision };
        let mut a = self.get(allocation)?;
        let status = a.status;
        // A decision already carried out has moved its allocation on: let the
        // review core say `AlreadyFinal`.
        let effective = self.safeguards.reviews().effective(decision, now);
        if status != expected && effective.is_some() {
            return Err(wrong_status(allocation, expected, status));
        }
        if status == expected && matches!(effective, Some((Verdict::Favourable, _))) {
            self.ensure_allowed(a.recipient, now)?;
        }
        let (verdict, took) = self.safeguards.take_decision(decision, now)?;
        let effects = match verdict {
            Verdict::Favourable => self.pay_recipient(a)?,
            Verdict::Adverse => {
                self.leaves(&a);
                a.status = AllocationStatus::Returned;
                self.save(&a);
                let amount = a.amount;
                self.paid_out(amount);
                let to = self.budget_holder;
                HotEffects::of(programme_event(ProgrammeEvent::Returned(
                    AllocationReturned {
                        id: allocation,
                        to,
                        amount,
                        decision,
                    },
                )))
                .pay(to, amount)
            }
        };
        Ok(HotEffects::one(kit::HotEvent::from(took)).then(effects))
    }

    /// Admin terminates a paused programme; every held amount no human
    /// process holds is paid by [`Programme::settlement`]. Disputes and
    /// pending rejections go on. The admin receives nothing (no party holds
    /// a role).
    ///
    /// # Errors
    ///
    /// The kill switch's errors.
    fn terminate(
        &mut self,
        caller: AccountId,
        reason_hash: Hash32,
        now: Timestamp,
    ) -> Result<Effects, Error> {
        let plan = self.settlement();
        // The kill switch checks the plan against what is held outside the
        // human processes, counted from the disputes and decisions instead.
        let (held, continuing) = (self.held(), self.continuing());
        let settled = held.checked_sub(continuing).ok_or(
            safeguards::KillSwitchError::SettlementMismatch {
                paid: continuing,
                held,
            },
        )?;
        let events = self
            .safeguards
            .terminate(caller, reason_hash, &plan, settled, now)?
            .0;
        // Every settled allocation now reads `Settled` (see
        // [`Programme::allocation`]); only the totals change.
        let from_allocations = settled.saturating_sub(self.unallocated);
        self.unallocated = 0;
        self.paid_out(from_allocations);
        for (party, _) in plan.iter().skip(1) {
            self.set_ready(*party, 0);
        }
        Ok(plan
            .into_iter()
            .fold(Effects::of(events), |effects, (to, amount)| {
                effects.pay(to, amount)
            }))
    }
}

#[cfg(test)]
mod tests;
