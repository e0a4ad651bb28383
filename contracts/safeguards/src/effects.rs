//! What a contract core's state change asks the contract to do, in order:
//! emit the events, then make the payments (checks, effects, interactions).
//! Generic over the contract's own event enum `E`, into which every core's
//! events convert (`From`), so the contract's `apply` (or, for an everyday
//! step's narrower events, `apply_hot`) matches each variant.
use ink::prelude::vec::Vec;

use crate::types::{AccountId, Balance};

/// Events to emit, then payments to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Effects<E> {
    /// Events to emit, in order.
    pub events: Vec<E>,
    /// Payments to make (recipient, amount); zero amounts are never listed.
    pub payouts: Vec<(AccountId, Balance)>,
}

impl<E> Default for Effects<E> {
    fn default() -> Self {
        Self {
            events: Vec::new(),
            payouts: Vec::new(),
        }
    }
}

impl<E> Effects<E> {
    /// The events of one core call, converted; no payment.
    pub fn of<T: Into<E>>(events: Vec<T>) -> Self {
        Self {
            events: events.into_iter().map(Into::into).collect(),
            payouts: Vec::new(),
        }
    }

    /// One event; no payment.
    pub fn one<T: Into<E>>(event: T) -> Self {
        Self {
            events: ink::prelude::vec![event.into()],
            payouts: Vec::new(),
        }
    }

    /// Appends the events of another core call.
    #[must_use]
    pub fn and<T: Into<E>>(mut self, events: Vec<T>) -> Self {
        self.events.extend(events.into_iter().map(Into::into));
        self
    }

    /// Appends another state change's events and payments.
    #[must_use]
    pub fn then(mut self, next: Effects<E>) -> Self {
        self.events.extend(next.events);
        self.payouts.extend(next.payouts);
        self
    }

    /// The same events, each converted into `F`, and the same payments:
    /// an everyday step's effects (over the template's `HotEvent`) as
    /// effects over the contract's `Event`.
    pub fn convert<F: From<E>>(self) -> Effects<F> {
        Effects {
            events: self.events.into_iter().map(Into::into).collect(),
            payouts: self.payouts,
        }
    }

    /// Adds a payment of `amount` to `to`, unless it is zero.
    #[must_use]
    pub fn pay(mut self, to: AccountId, amount: Balance) -> Self {
        if amount > 0 {
            self.payouts.push((to, amount));
        }
        self
    }
}
