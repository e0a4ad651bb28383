//! Errors of the [`roles`](super) core.
//!
//! Variants are append-only: SCALE encodes a variant by its index, so
//! reordering or removing one changes what clients decode.
// The SCALE derive emits `as u8` casts for the variant indices of enums with
// data-carrying variants; contract-build's clippy pass denies those casts.
#![allow(clippy::cast_possible_truncation)]

use super::Role;
use crate::types::AccountId;

/// Errors of the [`roles`](crate::roles) core.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RolesError {
    /// `caller` does not hold `required`.
    Unauthorized { caller: AccountId, required: Role },
    /// `account` already holds `role`.
    AlreadyGranted { account: AccountId, role: Role },
    /// `account` does not hold `role`.
    NotGranted { account: AccountId, role: Role },
    /// The admin role is handed over with `propose_admin` / `accept_admin`,
    /// never granted or revoked.
    AdminNotGrantable,
    /// `accept_admin` was called with no handover proposed.
    NoPendingAdmin,
    /// `caller` is not the account the handover was proposed to.
    NotPendingAdmin { caller: AccountId },
    /// `u32::MAX` accounts hold the role already: its holder list is full.
    TooManyGrants,
    /// `account` is a party of the contract and may not hold `role`: a party
    /// holding a role could pay itself through it (pause, dispute and
    /// terminate as admin; rule as arbitrator; approve as inspector).
    /// Refused at instantiation, on every grant and on admin handover.
    PartyMayNotHoldRole { account: AccountId, role: Role },
}
