//! The contract's error type.
// The SCALE derive emits `as u8` casts for the variant indices of enums with
// data-carrying variants; contract-build's clippy pass denies those casts.
#![allow(clippy::cast_possible_truncation)]

use safeguards::{
    allowlist::ListRefusal, eds::AttestationId, review::DecisionId, AccountId, AgreementError,
    AllowlistError, ArbitrationError, Balance, DisputeError, EdsError, KillSwitchError,
    ReviewError, RolesError, Timestamp,
};

use crate::programme::{AllocationStatus, DocumentStatus};

/// Errors of the programme itself.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgrammeError {
    /// Only the budget holder may do this.
    NotBudgetHolder { caller: AccountId },
    /// Only the recipient of allocation `allocation` may do this.
    NotRecipient { caller: AccountId, allocation: u32 },
    /// A programme has between 1 and `MAX_RECIPIENTS` recipients; `count`
    /// were given.
    InvalidRecipientCount { count: u32 },
    /// `account` is both the budget holder and a recipient.
    BudgetHolderIsRecipient { account: AccountId },
    /// Retired: no longer returned. Nobody inspects or reviews their own
    /// allocation because no party (budget holder or recipient) may hold a
    /// role (`RolesError::PartyMayNotHoldRole`). Kept so the SCALE index of
    /// every later variant stays as published.
    ConflictOfInterest { account: AccountId },
    /// The explanation of the automated rejection, a document hash or a
    /// reason hash was all zeros.
    ZeroHash,
    /// Funding must transfer more than zero.
    ZeroFunding,
    /// Funding would overflow the unallocated balance.
    FundingOverflow,
    /// `recipient` is not one of the programme's recipients.
    UnknownRecipient { recipient: AccountId },
    /// An allocation must be above zero.
    ZeroAmount,
    /// Only `available` is unallocated; `requested` was asked for.
    InsufficientUnallocated {
        requested: Balance,
        available: Balance,
    },
    /// The deadline `deadline` is not after the block time `now`.
    DeadlineNotInFuture { deadline: Timestamp, now: Timestamp },
    /// An allocation requires between 1 and `MAX_DOCUMENTS` documents;
    /// `count` were given.
    InvalidDocuments { count: u32 },
    /// No allocation has this id.
    UnknownAllocation { allocation: u32 },
    /// Allocation `allocation` has no document slot `slot`.
    UnknownSlot { allocation: u32, slot: u32 },
    /// The allocation is in `actual`; the operation needs `expected`.
    WrongAllocationStatus {
        allocation: u32,
        expected: AllocationStatus,
        actual: AllocationStatus,
    },
    /// The document slot is in `actual`, which the operation does not
    /// accept (submit needs Missing or Rejected; approve and reject need
    /// Submitted).
    WrongDocumentStatus {
        allocation: u32,
        slot: u32,
        actual: DocumentStatus,
    },
    /// The allocation's deadline passed at `deadline`: documents can no
    /// longer be submitted or decided.
    DeadlinePassed {
        allocation: u32,
        deadline: Timestamp,
    },
    /// The allocation's deadline `deadline` has not come yet.
    DeadlineNotReached {
        allocation: u32,
        deadline: Timestamp,
    },
    /// Not every required document of the allocation is approved: the
    /// conditions do not hold.
    ConditionsNotMet { allocation: u32 },
    /// Every required document is approved: the allocation is released,
    /// not rejected.
    ConditionsMet { allocation: u32 },
    /// An open dispute freezes the allocation.
    AllocationFrozen { allocation: u32 },
    /// The allocation waits for automated decision `decision` (its review
    /// or execution): it cannot be disputed meanwhile.
    DecisionPending {
        allocation: u32,
        decision: DecisionId,
    },
    /// The allocation is paid out already: nothing to dispute.
    NothingToDispute { allocation: u32 },
    /// Retired: never returned. It refused an allocation that would have
    /// outgrown the one storage value the whole programme once was; each
    /// allocation is now its own entry. Kept for its SCALE index.
    StorageFull { needed: u32 },
    /// `u32::MAX` allocations were made: ids are exhausted.
    TooManyAllocations,
    /// `account`, the recipient of an allocation, a release or a ruling's
    /// share, holds no allowlist entry in force at the block time, for
    /// `refusal` (not listed, suspended, blocked, not yet valid, expired):
    /// money is neither earmarked for nor paid to an unscreened account.
    NotAllowlisted {
        account: AccountId,
        refusal: ListRefusal,
    },
}

/// Errors of `programmable_payment`: one variant per safeguard, plus the
/// programme's.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// See [`RolesError`].
    Roles(RolesError),
    /// See [`KillSwitchError`].
    KillSwitch(KillSwitchError),
    /// See [`AgreementError`].
    Agreement(AgreementError),
    /// See [`ArbitrationError`].
    Arbitration(ArbitrationError),
    /// See [`DisputeError`].
    Dispute(DisputeError),
    /// See [`ReviewError`].
    Review(ReviewError),
    /// See [`ProgrammeError`].
    Programme(ProgrammeError),
    /// The chain refused a transfer of `amount` to `to`; nothing changed.
    TransferFailed { to: AccountId, amount: Balance },
    /// The EDS registry refused the caller's attestation; see [`EdsError`].
    Eds(EdsError),
    /// The EDS registry could not be called (no contract at its address,
    /// or it trapped): nothing changed.
    RegistryUnavailable,
    /// The registry says attestation `attestation` still counts: there is
    /// no invalidation to note.
    AttestationStillValid { attestation: AttestationId },
    /// The cold code (`programmable_payment_cold`) was instantiated as a
    /// contract of its own: it runs only by `delegate_call` from a
    /// `programmable_payment` instance.
    ColdCodeNotInstantiable,
    /// See [`AllowlistError`]: the compliance officer's change was refused.
    Allowlist(AllowlistError),
}

// `?` on the kit's errors and on each safeguard's own.
safeguards::safeguard_errors_into!(Error);
// `?` on the allowlist's refusals.
safeguards::allowlist_errors_into!(Error);

impl From<EdsError> for Error {
    fn from(e: EdsError) -> Self {
        Error::Eds(e)
    }
}

impl From<ProgrammeError> for Error {
    fn from(e: ProgrammeError) -> Self {
        Error::Programme(e)
    }
}
