//! Errors of the [`eds`](super) core.
//!
//! Variants are append-only: SCALE encodes a variant by its index, so
//! reordering or removing one changes what clients decode.
// The SCALE derive emits `as u8` casts for the variant indices of enums with
// data-carrying variants; contract-build's clippy pass denies those casts.
#![allow(clippy::cast_possible_truncation)]

use super::AttestationId;
use super::EdsRole;
use super::HolderKind;
use super::RevocationReason;
use crate::types::{AccountId, Timestamp};

/// Errors of the [`eds`](crate::eds) registry core.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdsError {
    /// `account` is not an accredited verifier now.
    NotAccredited { account: AccountId },
    /// `verifier` is already accredited.
    AlreadyAccredited { verifier: AccountId },
    /// `verifier` was de-accredited as compromised and can never be
    /// accredited again.
    VerifierCompromised { verifier: AccountId },
    /// Every slot for verifiers ([`MAX_VERIFIERS`](crate::eds::MAX_VERIFIERS)) is used.
    TooManyVerifiers,
    /// A verifier may not attest its own account.
    SelfAttestation,
    /// A serial, commitment or statement hash was all zeros.
    ZeroHash,
    /// The certificate's validity is empty: `valid_from` is not before
    /// `valid_until`.
    InvalidValidity {
        valid_from: Timestamp,
        valid_until: Timestamp,
    },
    /// The certificate expired at `valid_until`, before the attestation.
    CertificateExpired { valid_until: Timestamp },
    /// The NCA role belongs to the other holder kind.
    RoleDoesNotMatchHolderKind,
    /// The issuing CA does not issue keys of that algorithm.
    AlgorithmDoesNotMatchCa,
    /// The binding statement was already recorded by attestation `id`: a
    /// signed statement binds one account, once.
    StatementAlreadyUsed { id: AttestationId },
    /// The account has [`MAX_ATTESTATIONS_PER_ACCOUNT`](crate::eds::MAX_ATTESTATIONS_PER_ACCOUNT)
    /// attestations; use a fresh account.
    TooManyAttestations,
    /// No attestation has this id.
    UnknownAttestation { id: AttestationId },
    /// `caller` is neither the verifier that recorded the attestation nor
    /// the admin.
    NotRevoker { caller: AccountId },
    /// `VerifierCompromised` is set by de-accreditation, not by a revoker.
    ReasonReserved,
    /// Attestation `id` is already revoked; a revocation is final.
    AlreadyRevoked { id: AttestationId },
    /// A requirement accepts no role, or a role of the other holder kind.
    InvalidRequirement,
    /// `account` has no attestation at all.
    NoAttestation { account: AccountId },
    /// Attestation `id` was revoked.
    Revoked {
        id: AttestationId,
        reason: RevocationReason,
    },
    /// Attestation `id` was made by a verifier de-accredited as compromised.
    AttestedByCompromisedVerifier {
        id: AttestationId,
        verifier: AccountId,
    },
    /// Attestation `id` counts only from `from` (the certificate's notBefore
    /// or the attestation time, whichever is later).
    NotYetValid { id: AttestationId, from: Timestamp },
    /// The certificate of attestation `id` expired at `valid_until`.
    Expired {
        id: AttestationId,
        valid_until: Timestamp,
    },
    /// Attestation `id` rests on an NCA test CA, which the requirement refuses.
    TestCaNotAccepted { id: AttestationId },
    /// Attestation `id` is for the other holder kind.
    WrongHolderKind {
        id: AttestationId,
        required: HolderKind,
        actual: HolderKind,
    },
    /// Attestation `id` has role `actual`, which the requirement does not accept.
    WrongRole { id: AttestationId, actual: EdsRole },
}
