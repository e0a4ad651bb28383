//! The contract's error type.
// The SCALE derive emits `as u8` casts for the variant indices of enums with
// data-carrying variants; contract-build's clippy pass denies those casts.
#![allow(clippy::cast_possible_truncation)]

use safeguards::{
    eds::AttestationId, review::DecisionId, AccountId, AgreementError, ArbitrationError, Balance,
    DisputeError, EdsError, KillSwitchError, ReviewError, RolesError, Timestamp,
};

use crate::escrow::MilestoneStatus;

/// Errors of the escrow itself.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EscrowError {
    /// Only the client may do this.
    NotClient { caller: AccountId },
    /// Only the contractor may do this.
    NotContractor { caller: AccountId },
    /// Client and contractor must be different accounts.
    SameParty,
    /// Between 1 and `MAX_MILESTONES` milestones, each above zero, whose
    /// total fits a balance.
    InvalidMilestones,
    /// The review period must be above zero.
    InvalidReviewPeriod,
    /// The escrow was funded already.
    AlreadyFunded,
    /// The escrow is not funded yet.
    NotFunded,
    /// Funding must transfer exactly the milestone total.
    WrongFundingAmount { expected: Balance, given: Balance },
    /// No milestone has this index.
    UnknownMilestone { milestone: u32 },
    /// The milestone is in `actual`; the operation needs `expected`.
    WrongMilestoneStatus {
        milestone: u32,
        expected: MilestoneStatus,
        actual: MilestoneStatus,
    },
    /// An open dispute freezes the milestone.
    MilestoneFrozen { milestone: u32 },
    /// The client's review period runs until `until`.
    ReviewPeriodRunning { until: Timestamp },
    /// The milestone is released or settled already: nothing to dispute.
    NothingToDispute { milestone: u32 },
    /// An automatic-release decision about the milestone is pending: the
    /// client asks for its human review (`request_review`) instead; a
    /// dispute is possible once the decision is carried out.
    DecisionPending {
        milestone: u32,
        decision: DecisionId,
    },
    /// Retired: no longer returned. A party never reviews an automated
    /// decision about its own agreement because no party may hold
    /// `Reviewer` (`RolesError::PartyMayNotHoldRole`). Kept so the SCALE
    /// index of every variant stays as published.
    PartyMayNotReview { caller: AccountId },
    /// The contractor disputes only a milestone it marked delivered: a
    /// dispute over work not delivered would let it collect the dispute
    /// fallback for nothing.
    NotDelivered { milestone: u32 },
}

/// Errors of `service_agreement`: one variant per safeguard, plus the escrow's.
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
    /// See [`EscrowError`].
    Escrow(EscrowError),
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
    /// See [`ReviewError`].
    Review(ReviewError),
    /// The cold code (`service_agreement_cold`) was instantiated as a
    /// contract of its own: it runs only by `delegate_call` from a
    /// `service_agreement` instance.
    ColdCodeNotInstantiable,
}

// `?` on the kit's errors and on each safeguard's own.
safeguards::safeguard_errors_into!(Error);

impl From<EdsError> for Error {
    fn from(e: EdsError) -> Self {
        Error::Eds(e)
    }
}

impl From<EscrowError> for Error {
    fn from(e: EscrowError) -> Self {
        Error::Escrow(e)
    }
}

/// Shorthand used by the state machine's checks.
pub(crate) fn wrong_status(
    milestone: u32,
    expected: MilestoneStatus,
    actual: MilestoneStatus,
) -> Error {
    Error::Escrow(EscrowError::WrongMilestoneStatus {
        milestone,
        expected,
        actual,
    })
}
