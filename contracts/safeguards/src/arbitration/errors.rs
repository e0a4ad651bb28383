//! Errors of the [`arbitration`](super) core.
//!
//! Variants are append-only: SCALE encodes a variant by its index, so
//! reordering or removing one changes what clients decode.
// The SCALE derive emits `as u8` casts for the variant indices of enums with
// data-carrying variants; contract-build's clippy pass denies those casts.
#![allow(clippy::cast_possible_truncation)]

/// Errors of the [`arbitration`](crate::arbitration) core.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArbitrationError {
    /// The clause names no seat; the seat must be stated expressly
    /// (AIFC Court case AIFC-C/CFI/2025/0053 had to infer one).
    SeatRequired,
    /// AIFC Court and IAC forums require the AIFC seat.
    AifcSeatRequired,
    /// The rules named do not belong to the forum named.
    RulesDoNotMatchForum,
    /// The number of arbitrators must be 1 or 3.
    InvalidArbitratorCount { count: u8 },
    /// The clause-text hash was all zeros.
    ZeroClauseHash,
    /// The rules version (year) is missing.
    RulesVersionRequired,
    /// The clause is fixed: a party has already accepted the agreement.
    ClauseLocked,
}
