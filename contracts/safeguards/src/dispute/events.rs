//! Events of the [`dispute`](super) core: a state change returns them as
//! values, and the contract emits them.

use crate::types::{AccountId, Balance, Hash32, Timestamp};

/// A party raised a dispute; the amount is frozen.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisputeRaised {
    /// The dispute.
    #[ink(topic)]
    pub id: u32,
    /// What is contested.
    pub subject: u32,
    /// The party who raised it.
    #[ink(topic)]
    pub raised_by: AccountId,
    /// The frozen amount.
    pub amount: Balance,
    /// SHA-256 of the first evidence.
    pub evidence_hash: Hash32,
    /// The arbitrator must rule before this time.
    pub ruling_deadline: Timestamp,
}

/// A party added evidence.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceSubmitted {
    /// The dispute.
    #[ink(topic)]
    pub id: u32,
    /// The party.
    #[ink(topic)]
    pub by: AccountId,
    /// SHA-256 of the evidence.
    pub evidence_hash: Hash32,
}

/// The arbitrator ruled.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulingIssued {
    /// The dispute.
    #[ink(topic)]
    pub id: u32,
    /// The arbitrator.
    #[ink(topic)]
    pub arbitrator: AccountId,
    /// The payer's share in basis points.
    pub payer_bps: u16,
    /// SHA-256 of the award document.
    pub award_hash: Hash32,
    /// End of the appeal window.
    pub appeal_deadline: Timestamp,
}

/// A party appealed; the ruling is set aside.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulingAppealed {
    /// The dispute.
    #[ink(topic)]
    pub id: u32,
    /// The appellant.
    #[ink(topic)]
    pub by: AccountId,
    /// SHA-256 of the grounds of appeal.
    pub grounds_hash: Hash32,
    /// The new ruling deadline.
    pub ruling_deadline: Timestamp,
}

/// The dispute was executed and paid out.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisputeResolved {
    /// The dispute.
    #[ink(topic)]
    pub id: u32,
    /// What was contested.
    pub subject: u32,
    /// Paid to the payer.
    pub payer_amount: Balance,
    /// Paid to the payee.
    pub payee_amount: Balance,
    /// True if no ruling came in time and the fallback applied.
    pub by_fallback: bool,
}

/// Events of the dispute core.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DisputeEvent {
    /// See [`DisputeRaised`].
    Raised(DisputeRaised),
    /// See [`EvidenceSubmitted`].
    EvidenceSubmitted(EvidenceSubmitted),
    /// See [`RulingIssued`].
    RulingIssued(RulingIssued),
    /// See [`RulingAppealed`].
    Appealed(RulingAppealed),
    /// See [`DisputeResolved`].
    Resolved(DisputeResolved),
}
