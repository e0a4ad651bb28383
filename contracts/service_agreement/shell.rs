//! What the contract and its cold code (`service_agreement_cold`) run
//! after the escrow core: emitting its events and making its payments.
//! The contract's everyday messages produce only [`HotEvent`]s and go
//! through [`apply_hot`], so the contract's code carries four of the kit's
//! events, not its twenty-three; the cold code emits any event
//! ([`apply`]).
use ink::env::DefaultEnvironment;
use ink::prelude::vec::Vec;
use safeguards::types::{AccountId, Balance};

use crate::{
    errors::Error,
    escrow::{Effects, EscrowEvent, Event, HotEffects, HotEvent},
};

/// Emits the events, then makes the payments (checks, effects,
/// interactions). A failed transfer reverts the whole message.
///
/// # Errors
///
/// `TransferFailed` if the chain refuses a payment.
pub fn apply(effects: Effects) -> Result<(), Error> {
    for event in effects.events {
        match event {
            Event::Safeguards(e) => e.emit::<DefaultEnvironment>(),
            Event::Escrow(e) => emit_escrow(e),
        }
    }
    pay(effects.payouts)
}

/// [`apply`] for an everyday step's effects: the same events, emitted the
/// same way, from the narrower type.
///
/// # Errors
///
/// `TransferFailed` if the chain refuses a payment.
pub fn apply_hot(effects: HotEffects) -> Result<(), Error> {
    for event in effects.events {
        match event {
            HotEvent::Safeguards(e) => e.emit::<DefaultEnvironment>(),
            HotEvent::Escrow(e) => emit_escrow(e),
        }
    }
    pay(effects.payouts)
}

fn emit_escrow(e: EscrowEvent) {
    use ink::env::emit_event;
    match e {
        EscrowEvent::Funded(e) => emit_event::<DefaultEnvironment, _>(e),
        EscrowEvent::Delivered(e) => emit_event::<DefaultEnvironment, _>(e),
        EscrowEvent::Released(e) => emit_event::<DefaultEnvironment, _>(e),
    }
}

fn pay(payouts: Vec<(AccountId, Balance)>) -> Result<(), Error> {
    for (to, amount) in payouts {
        ink::env::transfer::<DefaultEnvironment>(to, amount)
            .map_err(|_| Error::TransferFailed { to, amount })?;
    }
    Ok(())
}
