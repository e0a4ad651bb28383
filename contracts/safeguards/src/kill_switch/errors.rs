//! Errors of the [`kill_switch`](super) core.
//!
//! Variants are append-only: SCALE encodes a variant by its index, so
//! reordering or removing one changes what clients decode.
// The SCALE derive emits `as u8` casts for the variant indices of enums with
// data-carrying variants; contract-build's clippy pass denies those casts.
#![allow(clippy::cast_possible_truncation)]

use super::SwitchState;
use crate::types::{AccountId, Balance, Timestamp};

/// Errors of the [`kill_switch`](crate::kill_switch) core.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KillSwitchError {
    /// The operation needs state `expected`; the contract is in `actual`.
    WrongState {
        expected: SwitchState,
        actual: SwitchState,
    },
    /// The contract is paused: only protective paths work.
    Paused,
    /// The contract is terminated: nothing moves funds or changes the
    /// agreement, a dispute or a decision any more.
    Terminated,
    /// A settlement pays `recipient`, who is not a party.
    SettlementToNonParty { recipient: AccountId },
    /// A settlement pays out `paid` while the contract holds `held`.
    SettlementMismatch { paid: Balance, held: Balance },
    /// A reason hash was all zeros.
    ZeroReasonHash,
    /// The maximum pause must be above 0 and at most
    /// [`MAX_PAUSE`](crate::kill_switch::MAX_PAUSE); `max_pause` was given.
    InvalidMaxPause { max_pause: Timestamp },
}
