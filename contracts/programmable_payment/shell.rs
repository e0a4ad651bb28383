//! What the contract and its cold code (`programmable_payment_cold`) both
//! run after the programme core: emitting its events and making its
//! payments.
use ink::env::DefaultEnvironment;

use crate::{
    errors::Error,
    programme::{Effects, Event, ProgrammeEvent},
};

/// Emits the events, then makes the payments (checks, effects,
/// interactions). A failed transfer reverts the whole message.
///
/// # Errors
///
/// `TransferFailed` if the chain refuses a payment.
pub fn apply(effects: Effects) -> Result<(), Error> {
    use ink::env::emit_event;
    type E = DefaultEnvironment;
    for event in effects.events {
        match event {
            Event::Safeguards(e) => e.emit::<E>(),
            Event::Programme(e) => match e {
                ProgrammeEvent::Funded(e) => emit_event::<E, _>(e),
                ProgrammeEvent::AllocationCreated(e) => emit_event::<E, _>(e),
                ProgrammeEvent::DocumentSubmitted(e) => emit_event::<E, _>(e),
                ProgrammeEvent::DocumentApproved(e) => emit_event::<E, _>(e),
                ProgrammeEvent::DocumentRejected(e) => emit_event::<E, _>(e),
                ProgrammeEvent::Released(e) => emit_event::<E, _>(e),
                ProgrammeEvent::Returned(e) => emit_event::<E, _>(e),
                ProgrammeEvent::Reclaimed(e) => emit_event::<E, _>(e),
            },
        }
    }
    for (to, amount) in effects.payouts {
        ink::env::transfer::<E>(to, amount).map_err(|_| Error::TransferFailed { to, amount })?;
    }
    Ok(())
}
