//! Decoding contract events into Shart's Rust event types.
//!
//! ink! 5 puts an event's signature topic (BLAKE2 of its name and field
//! types) first among its topics; the data is the SCALE encoding of the
//! event struct. Matching the topic picks the type, so tests compare events
//! by value.
use scale::Decode;

macro_rules! shart_events {
    ($($variant:ident => $ty:ty),* $(,)?) => {
        /// Every event a Shart contract emits, decoded.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum ShartEvent {
            $(
                #[allow(missing_docs)]
                $variant($ty),
            )*
            /// An event Shart does not know (e.g. from a benchmark contract).
            Unknown {
                /// Its topics.
                topics: Vec<[u8; 32]>,
                /// Its data.
                data: Vec<u8>,
            },
        }

        impl ShartEvent {
            /// The event's name.
            pub fn name(&self) -> &'static str {
                match self {
                    $(ShartEvent::$variant(_) => stringify!($variant),)*
                    ShartEvent::Unknown { .. } => "Unknown",
                }
            }
        }

        /// Decodes `data` as an event of `expected`'s type; `None` unless
        /// it decodes and uses every byte. For events whose topics are not
        /// at hand (`cargo contract call` prints only the data).
        pub fn decode_as(expected: &ShartEvent, data: &[u8]) -> Option<ShartEvent> {
            match expected {
                $(ShartEvent::$variant(_) => {
                    let mut input = data;
                    let event = <$ty>::decode(&mut input).ok()?;
                    input.is_empty().then_some(ShartEvent::$variant(event))
                })*
                ShartEvent::Unknown { .. } => None,
            }
        }

        /// Decodes an event from its topics and data.
        pub fn decode(topics: &[[u8; 32]], data: &[u8]) -> ShartEvent {
            let signature = topics.first();
            $(
                if signature.is_some()
                    && signature == <$ty as ink::env::Event>::SIGNATURE_TOPIC.as_ref()
                {
                    if let Ok(event) = <$ty>::decode(&mut &data[..]) {
                        return ShartEvent::$variant(event);
                    }
                }
            )*
            ShartEvent::Unknown {
                topics: topics.to_vec(),
                data: data.to_vec(),
            }
        }
    };
}

shart_events! {
    RoleGranted => safeguards::roles::RoleGranted,
    RoleRevoked => safeguards::roles::RoleRevoked,
    AdminTransferProposed => safeguards::roles::AdminTransferProposed,
    AdminTransferred => safeguards::roles::AdminTransferred,
    ContractPaused => safeguards::kill_switch::ContractPaused,
    ContractResumed => safeguards::kill_switch::ContractResumed,
    ContractTerminated => safeguards::kill_switch::ContractTerminated,
    SettlementPaid => safeguards::kill_switch::SettlementPaid,
    AgreementAnchored => safeguards::agreement::AgreementAnchored,
    AgreementAccepted => safeguards::agreement::AgreementAccepted,
    AgreementEffective => safeguards::agreement::AgreementEffective,
    AmendmentProposed => safeguards::agreement::AmendmentProposed,
    AcceptanceAttestationInvalidated => safeguards::agreement::AcceptanceAttestationInvalidated,
    VerifierAccredited => safeguards::eds::VerifierAccredited,
    VerifierDeaccredited => safeguards::eds::VerifierDeaccredited,
    AttestationRecorded => safeguards::eds::AttestationRecorded,
    AttestationRevoked => safeguards::eds::AttestationRevoked,
    ArbitrationClauseSet => safeguards::arbitration::ArbitrationClauseSet,
    DisputeRaised => safeguards::dispute::DisputeRaised,
    EvidenceSubmitted => safeguards::dispute::EvidenceSubmitted,
    RulingIssued => safeguards::dispute::RulingIssued,
    RulingAppealed => safeguards::dispute::RulingAppealed,
    DisputeResolved => safeguards::dispute::DisputeResolved,
    EscrowFunded => service_agreement::escrow::EscrowFunded,
    MilestoneDelivered => service_agreement::escrow::MilestoneDelivered,
    MilestoneReleased => service_agreement::escrow::MilestoneReleased,
    AutomatedDecisionRecorded => safeguards::review::AutomatedDecisionRecorded,
    ReviewRequested => safeguards::review::ReviewRequested,
    ReviewResolved => safeguards::review::ReviewResolved,
    DecisionTookEffect => safeguards::review::DecisionTookEffect,
    ProgrammeFunded => programmable_payment::programme::ProgrammeFunded,
    AllocationCreated => programmable_payment::programme::AllocationCreated,
    DocumentSubmitted => programmable_payment::programme::DocumentSubmitted,
    DocumentApproved => programmable_payment::programme::DocumentApproved,
    DocumentRejected => programmable_payment::programme::DocumentRejected,
    AllocationReleased => programmable_payment::programme::AllocationReleased,
    AllocationReturned => programmable_payment::programme::AllocationReturned,
    UnallocatedReclaimed => programmable_payment::programme::UnallocatedReclaimed,
    ColdCodeLinked => safeguards::kit::split::ColdCodeLinked,
    AllowlistEntrySet => safeguards::allowlist::AllowlistEntrySet,
    AllowlistEntryRenewed => safeguards::allowlist::AllowlistEntryRenewed,
    AllowlistEntrySuspended => safeguards::allowlist::AllowlistEntrySuspended,
    AllowlistEntryRemoved => safeguards::allowlist::AllowlistEntryRemoved,
}
