//! Events of the [`review`](super) core: a state change returns them as
//! values, and the contract emits them.

use super::AiLabel;
use super::DecisionId;
use super::EffectBasis;
use super::Verdict;
use crate::types::{AccountId, Balance, Hash32, Timestamp};

/// An automated decision was made about `subject`: the notification.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AutomatedDecisionRecorded {
    /// The affected account.
    #[ink(topic)]
    pub subject: AccountId,
    /// The decision.
    pub id: DecisionId,
    /// Contract-defined kind.
    pub kind: u32,
    /// Contract-defined item.
    pub item: u32,
    /// The decided verdict.
    pub verdict: Verdict,
    /// The amount it would move.
    pub amount: Option<Balance>,
    /// SHA-256 of the explanation.
    pub explanation: Hash32,
    /// The AI label.
    pub ai: AiLabel,
    /// Review may be requested until this time (exclusive).
    pub review_until: Timestamp,
    /// Whether it waits for a reviewer's confirmation.
    pub needs_confirmation: bool,
}

/// The affected account asked for human review.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRequested {
    /// The affected account.
    #[ink(topic)]
    pub subject: AccountId,
    /// The decision.
    pub id: DecisionId,
    /// SHA-256 of the reasons.
    pub reason: Hash32,
    /// The reviewer's deadline.
    pub deadline: Timestamp,
}

/// A reviewer resolved a decision.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewResolved {
    /// The affected account.
    #[ink(topic)]
    pub subject: AccountId,
    /// The decision.
    pub id: DecisionId,
    /// The reviewer.
    #[ink(topic)]
    pub reviewer: AccountId,
    /// Whether the decided verdict was kept.
    pub upheld: bool,
    /// The verdict that now applies.
    pub verdict: Verdict,
    /// SHA-256 of the reasoning.
    pub reasoning: Hash32,
}

/// A final decision was carried out.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionTookEffect {
    /// The affected account.
    #[ink(topic)]
    pub subject: AccountId,
    /// The decision.
    pub id: DecisionId,
    /// The verdict carried out.
    pub verdict: Verdict,
    /// Why that verdict.
    pub basis: EffectBasis,
}

/// Every event of this core.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewEvent {
    /// See [`AutomatedDecisionRecorded`].
    AutomatedDecisionRecorded(AutomatedDecisionRecorded),
    /// See [`ReviewRequested`].
    ReviewRequested(ReviewRequested),
    /// See [`ReviewResolved`].
    ReviewResolved(ReviewResolved),
    /// See [`DecisionTookEffect`].
    DecisionTookEffect(DecisionTookEffect),
}
