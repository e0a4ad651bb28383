//! Events of the [`allowlist`](super) core: a change returns them as
//! values, and the contract emits them. Each names the account as its
//! one topic, so a holder, a wallet or the AFM finds every change to an
//! entry by the account.

use super::ListEntry;
use crate::types::{AccountId, Hash32, Timestamp};

/// An entry was set (created or replaced whole): the new entry.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowlistEntrySet {
    /// The account.
    #[ink(topic)]
    pub account: AccountId,
    /// Its entry, whole: status, reason, source, identity commitment,
    /// evidence hash, risk class and the three times.
    pub entry: ListEntry,
    /// The compliance officer.
    pub by: AccountId,
}

/// An entry's period was extended after a new screening.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowlistEntryRenewed {
    /// The account.
    #[ink(topic)]
    pub account: AccountId,
    /// The new expiry (exclusive).
    pub expires_at: Timestamp,
    /// The next screening is due by.
    pub review_due: Timestamp,
    /// SHA-256 of the new screening evidence, salted.
    pub evidence: Hash32,
    /// The compliance officer.
    pub by: AccountId,
}

/// An allowed entry was suspended.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowlistEntrySuspended {
    /// The account.
    #[ink(topic)]
    pub account: AccountId,
    /// The reason code.
    pub reason: u16,
    /// The compliance officer.
    pub by: AccountId,
    /// Block time.
    pub at: Timestamp,
}

/// An entry was removed: the account is no longer listed.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowlistEntryRemoved {
    /// The account.
    #[ink(topic)]
    pub account: AccountId,
    /// The reason code.
    pub reason: u16,
    /// The compliance officer.
    pub by: AccountId,
    /// Block time.
    pub at: Timestamp,
}

/// Events of the allowlist core.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllowlistEvent {
    /// See [`AllowlistEntrySet`].
    Set(AllowlistEntrySet),
    /// See [`AllowlistEntryRenewed`].
    Renewed(AllowlistEntryRenewed),
    /// See [`AllowlistEntrySuspended`].
    Suspended(AllowlistEntrySuspended),
    /// See [`AllowlistEntryRemoved`].
    Removed(AllowlistEntryRemoved),
}
