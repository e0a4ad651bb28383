//! Events of the [`kill_switch`](super) core: a state change returns them as
//! values, and the contract emits them.

use crate::types::{AccountId, Balance, Hash32, Timestamp};

/// The contract was paused.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractPaused {
    /// The guardian or admin who paused.
    #[ink(topic)]
    pub by: AccountId,
    /// SHA-256 of the reason (e.g. a court order), never the text.
    pub reason_hash: Hash32,
    /// Block time of the pause.
    pub at: Timestamp,
}

/// The contract was resumed.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractResumed {
    /// The admin who resumed.
    #[ink(topic)]
    pub by: AccountId,
    /// Block time of the resumption.
    pub at: Timestamp,
}

/// The contract was terminated; [`SettlementPaid`] events follow.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractTerminated {
    /// The admin who terminated.
    #[ink(topic)]
    pub by: AccountId,
    /// SHA-256 of the reason (e.g. a court decision).
    pub reason_hash: Hash32,
    /// The total paid out by the settlement.
    pub settled: Balance,
    /// Block time of the termination.
    pub at: Timestamp,
}

/// One payment of a termination settlement.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettlementPaid {
    /// The party paid.
    #[ink(topic)]
    pub recipient: AccountId,
    /// The amount paid.
    pub amount: Balance,
}

/// Events of the kill-switch core.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KillSwitchEvent {
    /// See [`ContractPaused`].
    Paused(ContractPaused),
    /// See [`ContractResumed`].
    Resumed(ContractResumed),
    /// See [`ContractTerminated`].
    Terminated(ContractTerminated),
    /// See [`SettlementPaid`].
    SettlementPaid(SettlementPaid),
}
