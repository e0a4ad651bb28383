//! Errors of the [`dispute`](super) core.
//!
//! Variants are append-only: SCALE encodes a variant by its index, so
//! reordering or removing one changes what clients decode.
// The SCALE derive emits `as u8` casts for the variant indices of enums with
// data-carrying variants; contract-build's clippy pass denies those casts.
#![allow(clippy::cast_possible_truncation)]

use super::DisputeStatus;
use crate::types::{AccountId, Timestamp};

/// Errors of the [`dispute`](crate::dispute) core.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisputeError {
    /// `caller` is neither payer nor payee of the contested amount.
    NotAParty { caller: AccountId },
    /// No dispute has this id.
    UnknownDispute { id: u32 },
    /// The subject (e.g. a milestone) already has an open dispute.
    AlreadyDisputed { subject: u32 },
    /// A dispute over nothing: the contested amount is zero.
    NothingToDispute,
    /// An evidence, award or grounds hash was all zeros.
    ZeroHash,
    /// The operation needs a dispute in `expected`; it is in `actual`.
    WrongStatus {
        expected: DisputeStatus,
        actual: DisputeStatus,
    },
    /// The split exceeds the frozen amount (more than 10 000 basis points).
    SplitOutOfRange { payer_bps: u16 },
    /// The ruling deadline passed at `deadline`: the fallback applies.
    RulingDeadlinePassed { deadline: Timestamp },
    /// The appeal window closed at `deadline`.
    AppealWindowClosed { deadline: Timestamp },
    /// The caller's side used its one appeal of this dispute.
    AppealAlreadyUsed,
    /// Nothing can execute before `at`: the appeal window or the ruling
    /// deadline is still running.
    NotExecutableYet { at: Timestamp },
    /// The caller's side has used its half of the evidence slots
    /// ([`MAX_EVIDENCE`](crate::dispute::MAX_EVIDENCE), or the contract's
    /// lower limit).
    TooMuchEvidence,
    /// The configuration is invalid: both periods must be above zero and
    /// at most [`MAX_PERIOD`](crate::review::MAX_PERIOD).
    InvalidConfig,
    /// Adding a time span overflowed the timestamp.
    TimeOverflow,
    /// `u32::MAX` disputes were raised: dispute ids are exhausted.
    TooManyDisputes,
}
