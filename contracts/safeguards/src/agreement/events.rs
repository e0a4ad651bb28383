//! Events of the [`agreement`](super) core: a state change returns them as
//! values, and the contract emits them.

use crate::eds::AttestationId;
use crate::eds::RevocationReason;
use crate::types::{AccountId, Hash32, Timestamp};
use ink::prelude::vec::Vec;

/// The agreement was anchored.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementAnchored {
    /// SHA-256 of the master agreement.
    pub hash: Hash32,
    /// Its version.
    pub version: u32,
    /// The parties who must accept it.
    pub parties: Vec<AccountId>,
}

/// A party accepted a version.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementAccepted {
    /// The party.
    #[ink(topic)]
    pub party: AccountId,
    /// The hash accepted.
    pub hash: Hash32,
    /// The version accepted.
    pub version: u32,
    /// Block time of the acceptance.
    pub at: Timestamp,
    /// The EDS registry attestation the acceptance rests on.
    pub attestation: AttestationId,
}

/// The attestation a party's acceptance rested on was revoked (or its
/// verifier found compromised) after the acceptance. The acceptance stays:
/// it was valid when made; a new acceptance needs a valid attestation.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptanceAttestationInvalidated {
    /// The party.
    #[ink(topic)]
    pub party: AccountId,
    /// The attestation.
    pub attestation: AttestationId,
    /// Why it no longer counts.
    pub reason: RevocationReason,
    /// The versions the party accepted with it.
    pub versions: Vec<u32>,
    /// Block time the invalidation was noted.
    pub at: Timestamp,
}

/// Every party accepted: this version now governs.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementEffective {
    /// The governing hash.
    pub hash: Hash32,
    /// The governing version.
    pub version: u32,
    /// Block time of the last acceptance.
    pub at: Timestamp,
}

/// A party proposed an amendment.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmendmentProposed {
    /// The proposing party.
    #[ink(topic)]
    pub by: AccountId,
    /// SHA-256 of the amended agreement.
    pub hash: Hash32,
    /// Its version.
    pub version: u32,
    /// Block time of the proposal.
    pub at: Timestamp,
}

/// Events of the agreement core.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgreementEvent {
    /// See [`AgreementAnchored`].
    Anchored(AgreementAnchored),
    /// See [`AgreementAccepted`].
    Accepted(AgreementAccepted),
    /// See [`AgreementEffective`].
    Effective(AgreementEffective),
    /// See [`AmendmentProposed`].
    AmendmentProposed(AmendmentProposed),
    /// See [`AcceptanceAttestationInvalidated`].
    AttestationInvalidated(AcceptanceAttestationInvalidated),
}
