//! Events of the [`arbitration`](super) core: a state change returns them as
//! values, and the contract emits them.

use super::ArbitrationClause;
use crate::types::AccountId;

/// The clause was set or replaced.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArbitrationClauseSet {
    /// The clause now in force.
    pub clause: ArbitrationClause,
    /// Who set it (the instantiator or the admin).
    #[ink(topic)]
    pub by: AccountId,
}

/// Events of the arbitration core.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArbitrationEvent {
    /// See [`ArbitrationClauseSet`].
    ClauseSet(ArbitrationClauseSet),
}
