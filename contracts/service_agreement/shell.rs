//! What the contract and its cold code (`service_agreement_cold`) both
//! run after the escrow core: emitting its events and making its payments.
use ink::env::DefaultEnvironment;
use safeguards::types::AccountId;

use crate::{
    errors::Error,
    escrow::{Effects, EscrowEvent, Event},
};

/// Emits the events, then makes the payments (checks, effects,
/// interactions). A failed transfer reverts the whole message.
///
/// # Errors
///
/// `TransferFailed` if the chain refuses a payment.
pub fn apply(effects: Effects) -> Result<(), Error> {
    use ink::env::emit_event;
    for event in effects.events {
        match event {
            Event::Safeguards(e) => e.emit::<DefaultEnvironment>(),
            Event::Escrow(e) => match e {
                EscrowEvent::Funded(e) => emit_event::<DefaultEnvironment, _>(e),
                EscrowEvent::Delivered(e) => emit_event::<DefaultEnvironment, _>(e),
                EscrowEvent::Released(e) => emit_event::<DefaultEnvironment, _>(e),
            },
        }
    }
    for (to, amount) in effects.payouts {
        let to: AccountId = to;
        ink::env::transfer::<DefaultEnvironment>(to, amount)
            .map_err(|_| Error::TransferFailed { to, amount })?;
    }
    Ok(())
}
