//! Errors of the [`review`](super) core.
//!
//! Variants are append-only: SCALE encodes a variant by its index, so
//! reordering or removing one changes what clients decode.
// The SCALE derive emits `as u8` casts for the variant indices of enums with
// data-carrying variants; contract-build's clippy pass denies those casts.
#![allow(clippy::cast_possible_truncation)]

use super::DecisionId;
use super::Verdict;
use crate::types::{AccountId, Timestamp};

/// Errors of the [`review`](crate::review) core.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewError {
    /// A review window or reviewer deadline of `period` ms is 0 or longer
    /// than [`MAX_PERIOD`](crate::review::MAX_PERIOD).
    InvalidPeriod { period: Timestamp },
    /// No decision `id`.
    UnknownDecision { id: DecisionId },
    /// `caller` is not the account the decision is about.
    NotTheSubject { caller: AccountId },
    /// An explanation, reason or reasoning hash is all zeros.
    ZeroHash,
    /// The window to ask for review closed at `closed_at`.
    ReviewWindowClosed { closed_at: Timestamp },
    /// Decision `id` is under review already.
    AlreadyUnderReview { id: DecisionId },
    /// Decision `id` was resolved or carried out: final.
    AlreadyFinal { id: DecisionId },
    /// Decision `id` is neither under review nor awaiting confirmation.
    NotUnderReview { id: DecisionId },
    /// The reviewer's deadline passed at `deadline`; the favourable
    /// verdict applies.
    ReviewerDeadlinePassed { deadline: Timestamp },
    /// `reviewer` recorded this decision and may not review it.
    SelfReview { reviewer: AccountId },
    /// An override must change the verdict; to keep it, uphold.
    OverrideToSameVerdict { verdict: Verdict },
    /// Decision `id` has no effect yet (window open, review or
    /// confirmation pending).
    NotYetFinal { id: DecisionId },
    /// `u32::MAX` decisions were recorded: decision ids are exhausted.
    TooManyDecisions,
    /// A deadline does not fit in a timestamp.
    TimeOverflow,
}
