//! The kit's event: every safeguard's events under one type, and the one
//! exhaustive `emit`.

use crate::{
    agreement::AgreementEvent,
    arbitration::ArbitrationEvent,
    dispute::{DisputeEvent, DisputeResolved},
    kill_switch::{KillSwitchEvent, SettlementPaid},
    review::{AutomatedDecisionRecorded, DecisionTookEffect, ReviewEvent},
    roles::RolesEvent,
};

/// Every event a safeguard can emit, by safeguard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SafeguardEvent {
    /// From the roles core.
    Roles(RolesEvent),
    /// From the kill switch.
    KillSwitch(KillSwitchEvent),
    /// From the agreement anchor.
    Agreement(AgreementEvent),
    /// From the arbitration clause.
    Arbitration(ArbitrationEvent),
    /// From the dispute core.
    Dispute(DisputeEvent),
    /// From the review core (automated decisions).
    Review(ReviewEvent),
}

impl SafeguardEvent {
    /// Emits the event in a contract of environment `E`. The one exhaustive
    /// match over every safeguard event: a template emits its own events
    /// and calls this for the rest.
    pub fn emit<E: ink::env::Environment>(self) {
        use ink::env::emit_event;
        match self {
            Self::Roles(e) => match e {
                RolesEvent::Granted(e) => emit_event::<E, _>(e),
                RolesEvent::Revoked(e) => emit_event::<E, _>(e),
                RolesEvent::AdminProposed(e) => emit_event::<E, _>(e),
                RolesEvent::AdminTransferred(e) => emit_event::<E, _>(e),
            },
            Self::KillSwitch(e) => match e {
                KillSwitchEvent::Paused(e) => emit_event::<E, _>(e),
                KillSwitchEvent::Resumed(e) => emit_event::<E, _>(e),
                KillSwitchEvent::Terminated(e) => emit_event::<E, _>(e),
                KillSwitchEvent::SettlementPaid(e) => emit_event::<E, _>(e),
            },
            Self::Agreement(e) => match e {
                AgreementEvent::Anchored(e) => emit_event::<E, _>(e),
                AgreementEvent::Accepted(e) => emit_event::<E, _>(e),
                AgreementEvent::Effective(e) => emit_event::<E, _>(e),
                AgreementEvent::AmendmentProposed(e) => emit_event::<E, _>(e),
                AgreementEvent::AttestationInvalidated(e) => emit_event::<E, _>(e),
            },
            Self::Arbitration(e) => match e {
                ArbitrationEvent::ClauseSet(e) => emit_event::<E, _>(e),
            },
            Self::Dispute(e) => match e {
                DisputeEvent::Raised(e) => emit_event::<E, _>(e),
                DisputeEvent::EvidenceSubmitted(e) => emit_event::<E, _>(e),
                DisputeEvent::RulingIssued(e) => emit_event::<E, _>(e),
                DisputeEvent::Appealed(e) => emit_event::<E, _>(e),
                DisputeEvent::Resolved(e) => emit_event::<E, _>(e),
            },
            Self::Review(e) => match e {
                ReviewEvent::AutomatedDecisionRecorded(e) => emit_event::<E, _>(e),
                ReviewEvent::ReviewRequested(e) => emit_event::<E, _>(e),
                ReviewEvent::ReviewResolved(e) => emit_event::<E, _>(e),
                ReviewEvent::DecisionTookEffect(e) => emit_event::<E, _>(e),
            },
        }
    }
}

macro_rules! event_from {
    ($($variant:ident($e:ty)),*) => {$(
        impl From<$e> for SafeguardEvent {
            fn from(e: $e) -> Self {
                Self::$variant(e)
            }
        }
    )*};
}
event_from!(
    Roles(RolesEvent),
    KillSwitch(KillSwitchEvent),
    Agreement(AgreementEvent),
    Arbitration(ArbitrationEvent),
    Dispute(DisputeEvent),
    Review(ReviewEvent)
);

/// The safeguard events a template's everyday (hot) steps can produce:
/// executing a ruling ([`DisputeResolved`]), recording and carrying out
/// an automated decision ([`AutomatedDecisionRecorded`],
/// [`DecisionTookEffect`]), and a settlement payment a favourable verdict
/// makes after termination ([`SettlementPaid`]).
///
/// A type of its own so that a split template's hot code links four
/// `emit_event` instances, not the kit's twenty-three (each is a few
/// hundred bytes of Wasm that every call pays to load), and so that the
/// compiler, not a test, rules out a hot step producing any other event:
/// the kit's [`execute_ruling`](super::Safeguards::execute_ruling),
/// [`record_decision`](super::Safeguards::record_decision) and
/// [`take_decision`](super::Safeguards::take_decision) return these
/// events' types, and a template's hot steps return its effects over this
/// type ([`Mount::HotEvent`](super::Mount::HotEvent)). Each is the same
/// event, under the same name, as its [`SafeguardEvent`] variant
/// (`From<HotEvent> for SafeguardEvent`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HotEvent {
    /// `SafeguardEvent::Dispute(DisputeEvent::Resolved)`.
    DisputeResolved(DisputeResolved),
    /// `SafeguardEvent::Review(ReviewEvent::AutomatedDecisionRecorded)`.
    AutomatedDecisionRecorded(AutomatedDecisionRecorded),
    /// `SafeguardEvent::Review(ReviewEvent::DecisionTookEffect)`.
    DecisionTookEffect(DecisionTookEffect),
    /// `SafeguardEvent::KillSwitch(KillSwitchEvent::SettlementPaid)`.
    SettlementPaid(SettlementPaid),
}

impl HotEvent {
    /// Emits the event in a contract of environment `E`, exactly as
    /// [`SafeguardEvent::emit`] emits its variant.
    pub fn emit<E: ink::env::Environment>(self) {
        use ink::env::emit_event;
        match self {
            Self::DisputeResolved(e) => emit_event::<E, _>(e),
            Self::AutomatedDecisionRecorded(e) => emit_event::<E, _>(e),
            Self::DecisionTookEffect(e) => emit_event::<E, _>(e),
            Self::SettlementPaid(e) => emit_event::<E, _>(e),
        }
    }
}

impl From<HotEvent> for SafeguardEvent {
    fn from(e: HotEvent) -> Self {
        match e {
            HotEvent::DisputeResolved(e) => Self::Dispute(DisputeEvent::Resolved(e)),
            HotEvent::AutomatedDecisionRecorded(e) => {
                Self::Review(ReviewEvent::AutomatedDecisionRecorded(e))
            }
            HotEvent::DecisionTookEffect(e) => Self::Review(ReviewEvent::DecisionTookEffect(e)),
            HotEvent::SettlementPaid(e) => Self::KillSwitch(KillSwitchEvent::SettlementPaid(e)),
        }
    }
}

macro_rules! hot_event_from {
    ($($variant:ident),*) => {$(
        impl From<$variant> for HotEvent {
            fn from(e: $variant) -> Self {
                Self::$variant(e)
            }
        }
    )*};
}
hot_event_from!(
    DisputeResolved,
    AutomatedDecisionRecorded,
    DecisionTookEffect,
    SettlementPaid
);

/// Defines a template's two event enums and their effects, from its own
/// event enum: what every template core writes the same way.
///
/// `template_events!(Escrow(EscrowEvent));` defines
///
/// - `Event`, `{ Safeguards(SafeguardEvent), Escrow(EscrowEvent) }`,
///   every event the contract emits, with `From` each part;
/// - `HotEvent`, `{ Safeguards(HotEvent), Escrow(EscrowEvent) }`, the
///   events of the everyday steps ([`HotEvent`], `Mount::HotEvent`), with
///   `From` each part and `From<HotEvent> for Event` (each event converts
///   into the same event);
/// - `Effects` and `HotEffects`, `safeguards::effects::Effects` over each.
///
/// Further variants after the template's own, as in
/// `template_events!(Programme(ProgrammeEvent), Allowlist(AllowlistEvent));`,
/// are events only `Event` holds: no everyday step emits them.
#[macro_export]
macro_rules! template_events {
    ($own:ident($own_event:ty) $(, $cold:ident($cold_event:ty))* $(,)?) => {
        /// Every event the contract can emit: the safeguards' and the
        /// template's own (`safeguards::template_events!`).
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Event {
            /// From the safeguards kit; emitted by `SafeguardEvent::emit`.
            Safeguards($crate::SafeguardEvent),
            /// The template's own.
            $own($own_event),
            $(
                /// Emitted by the cold code only.
                $cold($cold_event),
            )*
        }

        impl From<$crate::SafeguardEvent> for Event {
            fn from(e: $crate::SafeguardEvent) -> Self {
                Event::Safeguards(e)
            }
        }

        impl From<$own_event> for Event {
            fn from(e: $own_event) -> Self {
                Event::$own(e)
            }
        }

        $(
            impl From<$cold_event> for Event {
                fn from(e: $cold_event) -> Self {
                    Event::$cold(e)
                }
            }
        )*

        /// The events of the everyday (hot) steps: the template's own and
        /// the kit's four `safeguards::HotEvent`s, so the contract's code
        /// emits four kit events, not twenty-three (`shell::apply_hot`);
        /// each converts into the same [`Event`].
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum HotEvent {
            /// From the safeguards kit; emitted by `safeguards::HotEvent::emit`.
            Safeguards($crate::HotEvent),
            /// The template's own.
            $own($own_event),
        }

        impl From<$crate::HotEvent> for HotEvent {
            fn from(e: $crate::HotEvent) -> Self {
                HotEvent::Safeguards(e)
            }
        }

        impl From<$own_event> for HotEvent {
            fn from(e: $own_event) -> Self {
                HotEvent::$own(e)
            }
        }

        impl From<HotEvent> for Event {
            fn from(e: HotEvent) -> Self {
                match e {
                    HotEvent::Safeguards(e) => Event::Safeguards(e.into()),
                    HotEvent::$own(e) => Event::$own(e),
                }
            }
        }

        /// What a state change asks the contract to do, in order: emit the
        /// events, then make the payments.
        pub type Effects = $crate::effects::Effects<Event>;

        /// What an everyday (hot) step asks the contract to do.
        pub type HotEffects = $crate::effects::Effects<HotEvent>;
    };
}
