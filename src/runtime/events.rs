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
    Transfer => crate::events::psp22_events::Transfer,
    Approval => crate::events::psp22_events::Approval,
    TransferHeld => compliant_token::token::TransferHeld,
    HoldClosed => compliant_token::token::HoldClosed,
    ActionRuled => compliant_token::token::ActionRuled,
    OrderEnforced => compliant_token::token::OrderEnforced,
    FreezeLifted => compliant_token::token::FreezeLifted,
}

/// PSP22's events, mirrored.
pub mod psp22_events {
    // ink!'s event macro emits `cfg(feature = "std")`, a feature this crate
    // does not have: the derive is the same either way.
    #![allow(unexpected_cfgs)]

    // The signature topic hashes the field types as written: `AccountId`,
    // as Cardinal writes it, not its path.
    use ink::primitives::AccountId;

    /// PSP22's `Transfer` as Cardinal's `psp22` 2.0.0 defines it (which
    /// derives no `Debug`, `Clone` or `PartialEq`): the same name, fields and
    /// topics, so the same signature topic and encoding (a unit test below
    /// compares both with the crate's own).
    #[ink::event]
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Transfer {
        /// `None` for a mint.
        #[ink(topic)]
        pub from: Option<AccountId>,
        /// `None` for a burn.
        #[ink(topic)]
        pub to: Option<AccountId>,
        /// The amount.
        pub value: u128,
    }

    /// PSP22's `Approval`, as [`Transfer`] mirrors `psp22::Transfer`.
    #[ink::event]
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Approval {
        /// The owner.
        #[ink(topic)]
        pub owner: AccountId,
        /// The spender.
        #[ink(topic)]
        pub spender: AccountId,
        /// The allowance now.
        pub amount: u128,
    }
}

#[cfg(test)]
mod tests {
    use ink::env::Event;
    use scale::Encode;

    #[test]
    fn the_psp22_mirrors_have_cardinal_s_signature_topics_and_encodings() {
        assert_eq!(
            super::psp22_events::Transfer::SIGNATURE_TOPIC,
            psp22::Transfer::SIGNATURE_TOPIC
        );
        assert_eq!(
            super::psp22_events::Approval::SIGNATURE_TOPIC,
            psp22::Approval::SIGNATURE_TOPIC
        );
        let a = ink::primitives::AccountId::from([1; 32]);
        let ours = super::psp22_events::Transfer {
            from: Some(a),
            to: None,
            value: 7,
        };
        let theirs = psp22::Transfer {
            from: Some(a),
            to: None,
            value: 7,
        };
        assert_eq!(ours.encode(), theirs.encode());
        let ours = super::psp22_events::Approval {
            owner: a,
            spender: a,
            amount: 3,
        };
        let theirs = psp22::Approval {
            owner: a,
            spender: a,
            amount: 3,
        };
        assert_eq!(ours.encode(), theirs.encode());
    }
}
