//! Errors of the [`agreement`](super) core.
//!
//! Variants are append-only: SCALE encodes a variant by its index, so
//! reordering or removing one changes what clients decode.
// The SCALE derive emits `as u8` casts for the variant indices of enums with
// data-carrying variants; contract-build's clippy pass denies those casts.
#![allow(clippy::cast_possible_truncation)]

use crate::eds::AttestationId;
use crate::types::{AccountId, Hash32};

/// Errors of the [`agreement`](crate::agreement) core.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgreementError {
    /// The agreement hash was all zeros.
    ZeroHash,
    /// Versions start at 1 and only grow.
    InvalidVersion { version: u32 },
    /// An agreement needs at least two parties and at most
    /// [`MAX_PARTIES`](crate::agreement::MAX_PARTIES).
    InvalidPartyCount { count: u32 },
    /// `account` is listed twice among the parties.
    DuplicateParty { account: AccountId },
    /// `caller` is not a party to the agreement.
    NotAParty { caller: AccountId },
    /// The accepted hash or version is not the one awaiting acceptance.
    TermsMismatch {
        expected_version: u32,
        given_version: u32,
    },
    /// `party` already accepted this version.
    AlreadyAccepted { party: AccountId },
    /// Every party has accepted: there is nothing left to accept.
    NothingToAccept,
    /// The agreement is not effective yet (not every party has accepted).
    NotEffective,
    /// An amendment must carry a version above `current`.
    VersionNotIncreasing { current: u32, given: u32 },
    /// `party` has no acceptance made with attestation `attestation`.
    UnknownAcceptanceAttestation {
        party: AccountId,
        attestation: AttestationId,
    },
    /// The invalidation of this acceptance's attestation was already noted.
    InvalidationAlreadyNoted { party: AccountId },
    /// The permanent record of acceptances could not take every party's
    /// acceptance of another version
    /// ([`MAX_HISTORY`](crate::agreement::MAX_HISTORY)): no more amendments.
    HistoryFull,
    /// The configuration digest given with an acceptance is not the
    /// SHA-256 of the contract's instantiation parameters: the party would
    /// be accepting parameters other than those that run. `expected` is
    /// what the contract holds (readable as `config_digest()`).
    ConfigMismatch { expected: Hash32, given: Hash32 },
}
