//! [`DecisionStatus`] in a module of its own: the SCALE derive emits `as u8`
//! casts for the variant indices of an enum with data-carrying variants,
//! which contract-build's clippy pass denies; this is the only lint
//! exception here (as in each safeguard's `errors.rs`).
#![allow(clippy::cast_possible_truncation)]

use super::{EffectBasis, Verdict};
use crate::types::{AccountId, Hash32, Timestamp};

/// Where a decision stands.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionStatus {
    /// Review may be requested until `window_ends` (exclusive); no effect.
    Open {
        /// End of the review window.
        window_ends: Timestamp,
    },
    /// High risk: waits for a reviewer until `deadline`; no effect.
    AwaitingConfirmation {
        /// The reviewer's deadline.
        deadline: Timestamp,
    },
    /// The affected account asked for review; no effect until resolved or
    /// `deadline`.
    UnderReview {
        /// SHA-256 of the person's reasons.
        reason: Hash32,
        /// The reviewer's deadline.
        deadline: Timestamp,
    },
    /// A reviewer resolved it: final.
    Resolved {
        /// The verdict that applies.
        verdict: Verdict,
        /// Whether the reviewer kept the decided verdict.
        upheld: bool,
        /// The reviewer.
        reviewer: AccountId,
        /// SHA-256 of the reviewer's reasoning.
        reasoning: Hash32,
    },
    /// Carried out by the contract.
    Executed {
        /// The verdict carried out.
        verdict: Verdict,
        /// Why that verdict.
        basis: EffectBasis,
    },
}
