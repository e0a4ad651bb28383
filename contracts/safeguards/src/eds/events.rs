//! Events of the [`eds`](super) core: a state change returns them as
//! values, and the contract emits them.

use super::AttestationId;
use super::DeaccreditationReason;
use super::EdsRole;
use super::HolderKind;
use super::IssuingCa;
use super::RevocationReason;
use crate::roles::RolesEvent;
use crate::types::{AccountId, Hash32, Timestamp};

/// `verifier` was accredited by the admin.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifierAccredited {
    /// The verifier.
    #[ink(topic)]
    pub verifier: AccountId,
    /// The admin.
    pub by: AccountId,
    /// When, in milliseconds.
    pub at: Timestamp,
}

/// `verifier` was de-accredited by the admin.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifierDeaccredited {
    /// The verifier.
    #[ink(topic)]
    pub verifier: AccountId,
    /// The admin.
    pub by: AccountId,
    /// Retired or compromised.
    pub reason: DeaccreditationReason,
    /// When, in milliseconds.
    pub at: Timestamp,
}

/// A verifier recorded attestation `id` for `account`.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttestationRecorded {
    /// The attestation.
    #[ink(topic)]
    pub id: AttestationId,
    /// The attested account.
    #[ink(topic)]
    pub account: AccountId,
    /// The verifier.
    #[ink(topic)]
    pub verifier: AccountId,
    /// Individual or legal entity.
    pub holder_kind: HolderKind,
    /// The NCA role.
    pub role: EdsRole,
    /// The issuing CA.
    pub ca: IssuingCa,
    /// The certificate's notAfter, in milliseconds.
    pub valid_until: Timestamp,
    /// SHA-256 of the signed binding statement.
    pub statement_hash: Hash32,
}

/// Attestation `id` of `account` was revoked.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttestationRevoked {
    /// The attestation.
    #[ink(topic)]
    pub id: AttestationId,
    /// The attested account.
    #[ink(topic)]
    pub account: AccountId,
    /// The verifier or admin who revoked.
    pub by: AccountId,
    /// Why.
    pub reason: RevocationReason,
    /// When, in milliseconds.
    pub at: Timestamp,
}

/// Events of the EDS registry core.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EdsEvent {
    /// See [`VerifierAccredited`].
    Accredited(VerifierAccredited),
    /// See [`VerifierDeaccredited`].
    Deaccredited(VerifierDeaccredited),
    /// See [`AttestationRecorded`].
    Recorded(AttestationRecorded),
    /// See [`AttestationRevoked`].
    Revoked(AttestationRevoked),
    /// Admin handover, from the roles core.
    Roles(RolesEvent),
}
