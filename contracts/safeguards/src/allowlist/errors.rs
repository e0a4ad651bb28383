//! Errors of the [`allowlist`](super) core.
//!
//! Variants are append-only: SCALE encodes a variant by its index, so
//! reordering or removing one changes what clients decode.
// The SCALE derive emits `as u8` casts for the variant indices of enums with
// data-carrying variants; contract-build's clippy pass denies those casts.
#![allow(clippy::cast_possible_truncation)]

use super::ListStatus;
use crate::types::{AccountId, Timestamp};

/// Why the allowlist refused a change to an entry.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AllowlistError {
    /// `account` has no entry.
    NotListed { account: AccountId },
    /// An entry must expire after it takes effect: `expires_at` was not
    /// after `valid_from`.
    InvalidPeriod {
        valid_from: Timestamp,
        expires_at: Timestamp,
    },
    /// An entry must expire in the future: `expires_at` was not after the
    /// block time `now`.
    AlreadyExpired {
        expires_at: Timestamp,
        now: Timestamp,
    },
    /// The next screening must fall inside the entry's period
    /// (`valid_from ..= expires_at`); `review_due` was given.
    InvalidReviewDue { review_due: Timestamp },
    /// An evidence hash or identity commitment was all zeros: what an
    /// unset field looks like, never a real commitment.
    ZeroHash,
    /// A batch holds `len` entries; at most [`MAX_BATCH`](super::MAX_BATCH).
    BatchTooLarge { len: u32 },
    /// A batch holds no entry.
    EmptyBatch,
    /// A batch names `account` twice: which entry would stand is not the
    /// officer's to leave to the order of the list.
    DuplicateInBatch { account: AccountId },
    /// Only an allowed entry can be suspended; `account`'s is `status`.
    NotAllowed {
        account: AccountId,
        status: ListStatus,
    },
    /// A renewal must move the expiry later: `expires_at` is not after the
    /// entry's `current`.
    NotLater {
        expires_at: Timestamp,
        current: Timestamp,
    },
}

/// Why an account may not hold or move the asset now: the allowlist's
/// answer for one account at one block time. Not an error of a change;
/// a template turns it into its own refusal (the token, into its
/// restriction codes).
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListRefusal {
    /// No entry.
    NotListed,
    /// Suspended by the compliance officer, for `reason`.
    Suspended { reason: u16 },
    /// Blocked (a listing: the terrorism, extremism or proliferation
    /// lists, a court), for `reason`.
    Blocked { reason: u16 },
    /// Allowed from `valid_from` only.
    NotYetValid { valid_from: Timestamp },
    /// Expired at `expires_at`, with no transaction: the block time passed
    /// it.
    Expired { expires_at: Timestamp },
}
