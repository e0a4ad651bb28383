//! [`DocumentStatus`] and [`AllocationStatus`] in a module of their own: the
//! SCALE derive emits `as u8` casts for the variant indices of enums with
//! data-carrying variants, which contract-build's clippy pass denies; this
//! is the only lint exception here (as in `errors.rs`).
#![allow(clippy::cast_possible_truncation)]

use safeguards::{review::DecisionId, Hash32};

/// Where a required document stands.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentStatus {
    /// Nothing submitted yet.
    Missing,
    /// The recipient submitted the document; the inspector decides.
    Submitted {
        /// SHA-256 of the document.
        hash: Hash32,
    },
    /// The inspector approved the document: this condition holds.
    Approved {
        /// SHA-256 of the approved document.
        hash: Hash32,
    },
    /// The inspector rejected the document; the recipient may submit
    /// another one before the deadline.
    Rejected {
        /// SHA-256 of the inspector's reasons.
        reason: Hash32,
    },
}

/// Where an allocation stands.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AllocationStatus {
    /// Earmarked and held: documents are being submitted and inspected.
    Open,
    /// The automated rejection was recorded as decision `decision`; the
    /// amount stays held until that decision is final and carried out.
    RejectionPending {
        /// The decision in the review core.
        decision: DecisionId,
    },
    /// Paid to the recipient (conditions held, or the rejection was
    /// overturned).
    Released,
    /// Returned to the budget holder (the rejection took effect).
    Returned,
    /// Paid out by an executed dispute ruling.
    Resolved,
    /// Paid out by the termination settlement.
    Settled,
}
