//! The kit's event: every safeguard's events under one type, and the one
//! exhaustive `emit`.

use crate::{
    agreement::AgreementEvent, arbitration::ArbitrationEvent, dispute::DisputeEvent,
    kill_switch::KillSwitchEvent, review::ReviewEvent, roles::RolesEvent,
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
