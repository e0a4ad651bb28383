//! What the contract and its cold code (`compliant_token_cold`) run after
//! the token core: emitting its events. PSP22 `Transfer` and `Approval`
//! are emitted as Cardinal's `psp22` 2.0.0 types, so wallets and explorers
//! that decode PSP22 events read them unchanged. The token holds no native
//! funds and no step pays: effects carry no payouts.
use ink::env::{emit_event, DefaultEnvironment};

use crate::token::{
    Approved, Effects, EnforcementEvent, Event, HotEffects, HotEvent, Moved, TokenEvent,
};

type E = DefaultEnvironment;

/// Emits every event of a state change, in order.
pub fn apply(effects: Effects) {
    debug_assert!(effects.payouts.is_empty(), "the token pays nothing");
    for event in effects.events {
        match event {
            Event::Safeguards(e) => e.emit::<E>(),
            Event::Token(e) => emit_token(e),
            Event::Enforcement(e) => match e {
                EnforcementEvent::Enforced(e) => emit_event::<E, _>(e),
                EnforcementEvent::Lifted(e) => emit_event::<E, _>(e),
            },
            Event::Allowlist(e) => e.emit::<E>(),
        }
    }
}

/// [`apply`] for an everyday step's effects.
pub fn apply_hot(effects: HotEffects) {
    debug_assert!(effects.payouts.is_empty(), "the token pays nothing");
    for event in effects.events {
        match event {
            HotEvent::Safeguards(e) => e.emit::<E>(),
            HotEvent::Token(e) => emit_token(e),
        }
    }
}

fn emit_token(e: TokenEvent) {
    match e {
        TokenEvent::Transfer(Moved { from, to, value }) => {
            emit_event::<E, _>(psp22::Transfer { from, to, value })
        }
        TokenEvent::Approval(Approved {
            owner,
            spender,
            amount,
        }) => emit_event::<E, _>(psp22::Approval {
            owner,
            spender,
            amount,
        }),
        TokenEvent::Held(e) => emit_event::<E, _>(e),
        TokenEvent::HoldClosed(e) => emit_event::<E, _>(e),
        TokenEvent::Ruled(e) => emit_event::<E, _>(e),
    }
}
