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
    arbitration::ArbitrationClause,
    dispute::DisputeConfig,
    eds::Requirement,
    kill_switch::SwitchState,
    review::{AiLabel, DecisionId, DecisionInput, ReviewConfig, Verdict},
    roles::Role,
    AccountId, Balance, Hash32, SafeguardEvent, Safeguards, SafeguardsConfig, Timestamp,
};

use crate::errors::{Error, ProgrammeError};

mod status;
pub use status::{AllocationStatus, DocumentStatus};

/// At most this many recipients (with the budget holder, the agreement's
/// [`MAX_PARTIES`]).
pub const MAX_RECIPIENTS: usize = MAX_PARTIES - 1;

/// At most this many required documents per allocation.
pub const MAX_DOCUMENTS: usize = 8;

/// At most this many evidence hashes per dispute, the raiser's included,
/// half of them for each side (fewer than the dispute core's
/// `MAX_EVIDENCE`): a hash can name a whole
/// bundle of documents, and a small dispute keeps the programme inside
/// [`STORAGE_BUDGET`].
pub const MAX_EVIDENCE_PER_DISPUTE: usize = 4;

/// The largest encoded programme the contract may hold, in bytes.
///
/// IMPORTANT: pallet-contracts stores at most 16 KiB in one storage value
/// (`Schedule::limits.payload_len`), and ink! stores the whole programme as
/// one value, encoded with its 4-byte root key into one 16 KiB buffer (so
/// 4 bytes less are left for the value). A programme that outgrew it could not be written back: every
/// message would trap, termination included, and the funds would be stuck.
/// So the programme reserves, when an allocation is created, the largest
/// encoding that allocation can ever reach, with the one decision or the one
/// dispute it can have, and refuses the allocation ([`ProgrammeError::StorageFull`])
/// unless everything reserved fits. Later growth (documents, reviews,
/// evidence, rulings) then always fits, so protective paths never fail for
/// lack of space.
pub const STORAGE_BUDGET: usize = 16 * 1024 - 4;

/// Upper bound, in bytes, of the encoding of everything but the allocations
/// and their decisions and disputes: a full role table with its eight
/// parties, eight parties in the agreement, every acceptance marked
/// invalidated (`fixed_footprint_bounds_the_largest_fixed_part`).
pub const FIXED_FOOTPRINT: usize = 2_600;

/// Upper bound of an allocation's encoding without its slots: id, recipient,
/// purpose, amount, deadline, slot-list length, the largest status.
pub const ALLOCATION_FOOTPRINT: usize = 70;

/// Upper bound of a document slot's encoding: kind and the largest status.
pub const SLOT_FOOTPRINT: usize = 37;

/// Upper bound of a decision's encoding (resolved by a reviewer).
pub const DECISION_FOOTPRINT: usize = 203;

/// Upper bound of a dispute's encoding: ruled, with
/// [`MAX_EVIDENCE_PER_DISPUTE`] evidence hashes and both sides' appeals.
pub const DISPUTE_FOOTPRINT: usize = 463;

/// The bytes reserved for an allocation with `documents` slots and the one
/// decision or dispute it can have (an allocation waiting for a decision
/// cannot be disputed; a disputed one cannot be closed, and is resolved).
pub fn allocation_footprint(documents: usize) -> usize {
    let other = if DECISION_FOOTPRINT > DISPUTE_FOOTPRINT {
        DECISION_FOOTPRINT
    } else {
        DISPUTE_FOOTPRINT
    };
    // At most `MAX_DOCUMENTS` slots of a few dozen bytes: far from
    // `usize::MAX`, so these cannot saturate.
    documents
        .saturating_mul(SLOT_FOOTPRINT)
        .saturating_add(ALLOCATION_FOOTPRINT)
        .saturating_add(other)
}

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

/// Everything fixed at instantiation.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
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
}

/// Every event the contract can emit: the safeguards' and the programme's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// From the safeguards kit; emitted by [`SafeguardEvent::emit`].
    Safeguards(SafeguardEvent),
    /// From the programme.
    Programme(ProgrammeEvent),
}

impl From<SafeguardEvent> for Event {
    fn from(e: SafeguardEvent) -> Self {
        Event::Safeguards(e)
    }
}

impl From<ProgrammeEvent> for Event {
    fn from(e: ProgrammeEvent) -> Self {
        Event::Programme(e)
    }
}

/// What a state change asks the contract to do, in order: emit the events,
/// then make the payments.
pub type Effects = safeguards::effects::Effects<Event>;

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

/// The programme with its safeguards.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Programme {
    safeguards: Safeguards,
    budget_holder: AccountId,
    recipients: Vec<AccountId>,
    inspector_label: AiLabel,
    rejection_explanation: Hash32,
    unallocated: Balance,
    allocations: Vec<Allocation>,
    registry: AccountId,
    holder_eds: Requirement,
    recipient_eds: Requirement,
}

impl Programme {
    /// Sets up the programme; `admin` is the instantiator.
    ///
    /// # Errors
    ///
    /// `InvalidRecipientCount`, `BudgetHolderIsRecipient`,
    /// `PartyMayNotHoldRole` (the admin, guardian, arbitrator, reviewer or
    /// inspector is the budget holder or a recipient), `ZeroHash`, and the
    /// errors of the EDS requirements, the agreement, the clause, the
    /// dispute and review configuration.
    pub fn new(admin: AccountId, config: Config) -> Result<(Self, Effects), Error> {
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
                clause: config.clause,
                disputes: config.disputes,
                review: config.review,
                max_pause: config.max_pause,
                grants: ink::prelude::vec![
                    (Role::Guardian, config.guardian),
                    (Role::Arbitrator, config.arbitrator),
                    (Role::Reviewer, config.reviewer),
                    (Role::Inspector, config.inspector),
                ],
            },
        )?;
        let programme = Self {
            safeguards,
            budget_holder: config.budget_holder,
            recipients: config.recipients,
            inspector_label: config.inspector_label,
            rejection_explanation: config.rejection_explanation,
            unallocated: 0,
            allocations: Vec::new(),
            registry: config.registry,
            holder_eds: config.holder_eds,
            recipient_eds: config.recipient_eds,
        };
        Ok((programme, Effects::of(events)))
    }

    // ----- reads -------------------------------------------------------

    /// The EDS registry that gates acceptance.
    pub fn registry(&self) -> AccountId {
        self.registry
    }

    /// The EDS requirements of the budget holder and of the recipients.
    pub fn eds_requirements(&self) -> (Requirement, Requirement) {
        (self.holder_eds, self.recipient_eds)
    }

    /// What `caller`'s attestation must show before it may accept.
    ///
    /// # Errors
    ///
    /// `NotAParty`.
    pub fn eds_requirement(&self, caller: AccountId) -> Result<Requirement, Error> {
        if caller == self.budget_holder {
            Ok(self.holder_eds)
        } else if self.recipients.contains(&caller) {
            Ok(self.recipient_eds)
        } else {
            Err(safeguards::AgreementError::NotAParty { caller }.into())
        }
    }

    /// The composed safeguards: roles, kill switch, agreement, clause,
    /// disputes, reviews.
    pub fn safeguards(&self) -> &Safeguards {
        &self.safeguards
    }

    /// Runs a safeguard message on the kit and returns its events as the
    /// programme's effects: the one path from a safeguard message (pause,
    /// rule, grant_role, ...) to the contract. See [`Safeguards`].
    ///
    /// # Errors
    ///
    /// The kit's refusal, as [`Error`].
    pub fn safeguarded(
        &mut self,
        message: impl FnOnce(&mut Safeguards) -> safeguards::kit::Outcome,
    ) -> Result<Effects, Error> {
        Ok(Effects::of(message(&mut self.safeguards)?))
    }

    /// The allocations, by id.
    pub fn allocations(&self) -> &[Allocation] {
        &self.allocations
    }

    /// Allocation `id`.
    pub fn allocation(&self, id: u32) -> Option<&Allocation> {
        self.allocations.get(usize::try_from(id).ok()?)
    }

    /// The budget holder and the recipients.
    pub fn parties(&self) -> (AccountId, Vec<AccountId>) {
        (self.budget_holder, self.recipients.clone())
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
        self.allocations
            .iter()
            .filter(|a| a.is_held())
            // Every held amount was funded, and the funding total fits a
            // balance (checked in `fund`), so the sum cannot saturate.
            .fold(self.unallocated, |acc: Balance, a| {
                acc.saturating_add(a.amount)
            })
    }

    /// The bytes reserved in storage: [`FIXED_FOOTPRINT`] and each
    /// allocation's [`allocation_footprint`]. The encoded programme never
    /// exceeds it, and it never exceeds [`STORAGE_BUDGET`].
    pub fn footprint(&self) -> usize {
        self.allocations
            .iter()
            // Bounded by `STORAGE_BUDGET` (checked in `allocate`).
            .fold(FIXED_FOOTPRINT, |acc, a| {
                acc.saturating_add(allocation_footprint(a.documents.len()))
            })
    }

    // ----- helpers -----------------------------------------------------

    fn get(&self, allocation: u32) -> Result<&Allocation, Error> {
        self.allocation(allocation)
            .ok_or(ProgrammeError::UnknownAllocation { allocation }.into())
    }

    fn get_mut(&mut self, allocation: u32) -> Result<&mut Allocation, Error> {
        usize::try_from(allocation)
            .ok()
            .and_then(|i| self.allocations.get_mut(i))
            .ok_or(ProgrammeError::UnknownAllocation { allocation }.into())
    }

    fn ensure_budget_holder(&self, caller: AccountId) -> Result<(), Error> {
        if caller == self.budget_holder {
            Ok(())
        } else {
            Err(ProgrammeError::NotBudgetHolder { caller }.into())
        }
    }

    fn ensure_not_frozen(&self, allocation: u32) -> Result<(), Error> {
        if self.safeguards.is_frozen(allocation) {
            Err(ProgrammeError::AllocationFrozen { allocation }.into())
        } else {
            Ok(())
        }
    }

    /// An open, unfrozen allocation.
    fn open(&self, allocation: u32) -> Result<&Allocation, Error> {
        let a = self.get(allocation)?;
        if a.status != AllocationStatus::Open {
            return Err(wrong_status(allocation, AllocationStatus::Open, a.status));
        }
        self.ensure_not_frozen(allocation)?;
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
    ) -> Result<DocumentSlot, Error> {
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
        Ok(d)
    }

    fn set_slot(&mut self, allocation: u32, slot: u32, status: DocumentStatus) {
        if let Some(d) = usize::try_from(slot).ok().and_then(|i| {
            usize::try_from(allocation)
                .ok()
                .and_then(|a| self.allocations.get_mut(a))
                .and_then(|a| a.documents.get_mut(i))
        }) {
            d.status = status;
        }
    }

    /// Pays a held allocation to its recipient.
    fn pay_recipient(&mut self, allocation: u32) -> Result<Effects, Error> {
        let a = self.get_mut(allocation)?;
        a.status = AllocationStatus::Released;
        let (recipient, amount) = (a.recipient, a.amount);
        Ok(Effects::of(programme_event(ProgrammeEvent::Released(
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
    pub fn fund(&mut self, caller: AccountId, value: Balance) -> Result<Effects, Error> {
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
        Ok(Effects::of(programme_event(ProgrammeEvent::Funded(
            ProgrammeFunded {
                by: caller,
                amount: value,
                unallocated,
            },
        ))))
    }

    /// The budget holder earmarks `amount` of the unallocated balance for
    /// `recipient` and `purpose`, payable once every document of the kinds
    /// `documents` is approved before `deadline`.
    ///
    /// # Errors
    ///
    /// `NotBudgetHolder`, `Paused`/`Terminated`, `NotEffective`,
    /// `UnknownRecipient`, `ZeroAmount`, `InsufficientUnallocated`,
    /// `DeadlineNotInFuture`, `InvalidDocuments`, `StorageFull`.
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
    ) -> Result<Effects, Error> {
        self.ensure_budget_holder(caller)?;
        self.safeguards.ensure_active()?;
        self.safeguards.ensure_effective()?;
        if !self.recipients.contains(&recipient) {
            return Err(ProgrammeError::UnknownRecipient { recipient }.into());
        }
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
        let footprint = self
            .footprint()
            .saturating_add(allocation_footprint(documents.len()));
        if footprint > STORAGE_BUDGET {
            return Err(ProgrammeError::StorageFull {
                needed: u32::try_from(footprint).unwrap_or(u32::MAX),
            }
            .into());
        }
        // The storage budget holds a few dozen allocations at most.
        let id =
            u32::try_from(self.allocations.len()).map_err(|_| ProgrammeError::StorageFull {
                needed: u32::try_from(footprint).unwrap_or(u32::MAX),
            })?;
        self.unallocated = unallocated;
        self.allocations.push(Allocation {
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
        });
        Ok(Effects::of(programme_event(
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
    ) -> Result<Effects, Error> {
        if self.get(allocation)?.recipient != caller {
            return Err(ProgrammeError::NotRecipient { caller, allocation }.into());
        }
        self.safeguards.ensure_active()?;
        let d = self.decidable_slot(allocation, slot, now, |s| {
            matches!(s, DocumentStatus::Missing | DocumentStatus::Rejected { .. })
        })?;
        if hash == [0u8; 32] {
            return Err(ProgrammeError::ZeroHash.into());
        }
        self.set_slot(allocation, slot, DocumentStatus::Submitted { hash });
        Ok(Effects::of(programme_event(
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
    ) -> Result<Effects, Error> {
        self.safeguards.ensure_role(Role::Inspector, caller)?;
        self.safeguards.ensure_active()?;
        let d = self.decidable_slot(allocation, slot, now, |s| {
            matches!(s, DocumentStatus::Submitted { .. })
        })?;
        let hash = match d.status {
            DocumentStatus::Submitted { hash } => hash,
            _ => [0u8; 32],
        };
        self.set_slot(allocation, slot, DocumentStatus::Approved { hash });
        Ok(Effects::of(programme_event(
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
    ) -> Result<Effects, Error> {
        self.safeguards.ensure_role(Role::Inspector, caller)?;
        self.safeguards.ensure_active()?;
        self.decidable_slot(allocation, slot, now, |s| {
            matches!(s, DocumentStatus::Submitted { .. })
        })?;
        if reason == [0u8; 32] {
            return Err(ProgrammeError::ZeroHash.into());
        }
        self.set_slot(allocation, slot, DocumentStatus::Rejected { reason });
        Ok(Effects::of(programme_event(
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
    /// `AllocationFrozen`, `ConditionsNotMet`.
    pub fn release(&mut self, allocation: u32) -> Result<Effects, Error> {
        self.safeguards.ensure_active()?;
        if !self.open(allocation)?.conditions_hold() {
            return Err(ProgrammeError::ConditionsNotMet { allocation }.into());
        }
        self.pay_recipient(allocation)
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
    /// core's `TooManyDecisions`, `TimeOverflow`.
    pub fn close(
        &mut self,
        recorder: AccountId,
        allocation: u32,
        now: Timestamp,
    ) -> Result<Effects, Error> {
        self.safeguards.ensure_active()?;
        let a = self.open(allocation)?;
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
        let (decision, events) = self.safeguards.record_decision(recorder, input, now)?;
        self.get_mut(allocation)?.status = AllocationStatus::RejectionPending { decision };
        Ok(Effects::of(events))
    }

    // ----- automated decisions -----------------------------------------

    /// Anyone carries out a final rejection decision: adverse (the
    /// rejection stands) returns the amount to the budget holder;
    /// favourable (overridden, or the review core's favourable fallback)
    /// pays the recipient. Not while paused; after termination, yes
    /// (termination leaves a pending rejection to run to its verdict).
    ///
    /// # Errors
    ///
    /// `Paused`; `UnknownDecision`; `WrongAllocationStatus` if
    /// the allocation no longer waits for this decision; the review core's
    /// `NotYetFinal`, `AlreadyFinal`.
    pub fn execute_decision(
        &mut self,
        decision: DecisionId,
        now: Timestamp,
    ) -> Result<Effects, Error> {
        if self.safeguards.kill_switch().state() == SwitchState::Paused {
            return Err(safeguards::KillSwitchError::Paused.into());
        }
        let d = *self
            .safeguards
            .reviews()
            .get(decision)
            .ok_or(safeguards::ReviewError::UnknownDecision { id: decision })?;
        let allocation = d.input.item;
        let expected = AllocationStatus::RejectionPending { decision };
        let status = self.get(allocation)?.status;
        // A decision already carried out has moved its allocation on: let the
        // review core say `AlreadyFinal`.
        if status != expected && self.safeguards.reviews().effective(decision, now).is_some() {
            return Err(wrong_status(allocation, expected, status));
        }
        let (verdict, events) = self.safeguards.take_decision(decision, now)?;
        let effects = match verdict {
            Verdict::Favourable => self.pay_recipient(allocation)?,
            Verdict::Adverse => {
                let a = self.get_mut(allocation)?;
                a.status = AllocationStatus::Returned;
                let amount = a.amount;
                let to = self.budget_holder;
                Effects::of(programme_event(ProgrammeEvent::Returned(
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
        Ok(Effects::of(events).then(effects))
    }

    // ----- disputes ----------------------------------------------------

    /// The budget holder or the allocation's recipient disputes an open
    /// allocation; its amount freezes. Works while paused.
    ///
    /// # Errors
    ///
    /// `Terminated`, `UnknownAllocation`, `NotAParty`, `DecisionPending`,
    /// `NothingToDispute`, and the dispute core's errors.
    pub fn raise_dispute(
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
        let raised = self.safeguards.raise_dispute(
            caller,
            holder,
            recipient,
            allocation,
            amount,
            evidence_hash,
            now,
        )?;
        Ok(Effects::of(raised.0))
    }

    /// A party adds evidence, up to [`MAX_EVIDENCE_PER_DISPUTE`] hashes per
    /// dispute, half of them for each side. Works while paused and after
    /// termination (a dispute goes on to its ruling).
    ///
    /// # Errors
    ///
    /// The dispute core's errors (`TooMuchEvidence` once the caller's side
    /// has half of the programme's own limit).
    pub fn submit_evidence(
        &mut self,
        caller: AccountId,
        dispute: u32,
        evidence_hash: Hash32,
    ) -> Result<Effects, Error> {
        self.safeguarded(|s| {
            s.submit_evidence(caller, dispute, evidence_hash, MAX_EVIDENCE_PER_DISPUTE)
        })
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
    /// `Paused` for a split that pays the recipient while paused; the
    /// dispute core's errors.
    pub fn execute_ruling(&mut self, dispute: u32, now: Timestamp) -> Result<Effects, Error> {
        let (resolution, events) = self.safeguards.execute_ruling(dispute, now)?;
        self.get_mut(resolution.subject)?.status = AllocationStatus::Resolved;
        Ok(Effects::of(events)
            .pay(resolution.payer, resolution.payer_amount)
            .pay(resolution.payee, resolution.payee_amount))
    }

    // ----- termination -------------------------------------------------

    /// Whether `terminate` leaves `a` to a human process that goes on after
    /// it: frozen under an open dispute, or waiting for its rejection
    /// decision (which runs to its verdict, review included).
    fn continues_after_termination(&self, a: &Allocation) -> bool {
        matches!(a.status, AllocationStatus::RejectionPending { .. })
            || self.safeguards.is_frozen(a.id)
    }

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
    /// amounts add up to [`Programme::held`] less those allocations.
    pub fn settlement(&self) -> Vec<(AccountId, Balance)> {
        let mut plan: Vec<(AccountId, Balance)> = self
            .safeguards
            .agreement()
            .parties()
            .iter()
            .map(|p| (*p, 0))
            .collect();
        let mut credit = |to: AccountId, amount: Balance| {
            if let Some(entry) = plan.iter_mut().find(|(p, _)| *p == to) {
                // Shares of held amounts, whose total fits a balance
                // (checked in `fund`), so the sums cannot saturate.
                entry.1 = entry.1.saturating_add(amount);
            }
        };
        credit(self.budget_holder, self.unallocated);
        for a in self
            .allocations
            .iter()
            .filter(|a| a.is_held() && !self.continues_after_termination(a))
        {
            if a.conditions_hold() {
                credit(a.recipient, a.amount);
            } else {
                credit(self.budget_holder, a.amount);
            }
        }
        plan
    }

    /// The amounts `terminate` leaves to disputes and pending rejections.
    fn continuing(&self) -> Balance {
        let pending = self
            .allocations
            .iter()
            .filter(|a| matches!(a.status, AllocationStatus::RejectionPending { .. }))
            // A subset of held amounts, whose total fits a balance.
            .fold(0, |acc: Balance, a| acc.saturating_add(a.amount));
        // A pending rejection cannot be disputed, so the two sets are apart.
        pending.saturating_add(self.safeguards.disputes().frozen_total())
    }

    /// Admin terminates a paused programme; every held amount no human
    /// process holds is paid by [`Programme::settlement`]. Disputes and
    /// pending rejections go on. The admin receives nothing (no party holds
    /// a role).
    ///
    /// # Errors
    ///
    /// The kill switch's errors.
    pub fn terminate(
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
        self.unallocated = 0;
        let settle: Vec<u32> = self
            .allocations
            .iter()
            .filter(|a| a.is_held() && !self.continues_after_termination(a))
            .map(|a| a.id)
            .collect();
        for id in settle {
            self.get_mut(id)?.status = AllocationStatus::Settled;
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
