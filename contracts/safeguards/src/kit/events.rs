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
