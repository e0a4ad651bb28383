//! What the contract and its cold code (`programmable_payment_cold`) run
//! after the programme core: emitting its events and making its payments.
//! The contract's messages produce only [`HotEvent`]s and go through
//! [`apply_hot`], so the contract's code carries four of the kit's events,
//! not its twenty-three; the cold code emits any event ([`apply`]).
use ink::env::DefaultEnvironment;
use ink::prelude::vec::Vec;
use safeguards::types::{AccountId, Balance};

use crate::{
    errors::Error,
    programme::{Effects, Event, HotEffects, HotEvent, ProgrammeEvent},
};

type E = DefaultEnvironment;

/// Emits the events, then makes the payments (checks, effects,
/// interactions). A failed transfer reverts the whole message.
///
/// # Errors
///
/// `TransferFailed` if the chain refuses a payment.
pub fn apply(effects: Effects) -> Result<(), Error> {
    for event in effects.events {
        match event {
            Event::Safeguards(e) => e.emit::<E>(),
            Event::Programme(e) => emit_programme(e),
            Event::Allowlist(e) => e.emit::<E>(),
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
            HotEvent::Safeguards(e) => e.emit::<E>(),
            HotEvent::Programme(e) => emit_programme(e),
        }
    }
    pay(effects.payouts)
}

fn emit_programme(e: ProgrammeEvent) {
    use ink::env::emit_event;
    match e {
        ProgrammeEvent::Funded(e) => emit_event::<E, _>(e),
        ProgrammeEvent::AllocationCreated(e) => emit_event::<E, _>(e),
        ProgrammeEvent::DocumentSubmitted(e) => emit_event::<E, _>(e),
        ProgrammeEvent::DocumentApproved(e) => emit_event::<E, _>(e),
        ProgrammeEvent::DocumentRejected(e) => emit_event::<E, _>(e),
        ProgrammeEvent::Released(e) => emit_event::<E, _>(e),
        ProgrammeEvent::Returned(e) => emit_event::<E, _>(e),
        ProgrammeEvent::Reclaimed(e) => emit_event::<E, _>(e),
    }
}

fn pay(payouts: Vec<(AccountId, Balance)>) -> Result<(), Error> {
    for (to, amount) in payouts {
        ink::env::transfer::<E>(to, amount).map_err(|_| Error::TransferFailed { to, amount })?;
    }
    Ok(())
}
