//! Errors of every safeguard core, one enum per safeguard.
//!
//! Variants are append-only: SCALE encodes a variant by its index, so
//! reordering or removing one changes what clients decode.
// The SCALE derive emits `as u8` casts for the variant indices of enums with
// data-carrying variants; contract-build's clippy pass denies those casts.
// `review/status.rs` needs the same exception for the same reason.
#![allow(clippy::cast_possible_truncation)]

use crate::{
    dispute::DisputeStatus,
    eds::{AttestationId, EdsRole, HolderKind, RevocationReason},
    kill_switch::SwitchState,
    review::{DecisionId, Verdict},
    roles::Role,
    types::{AccountId, Balance, Hash32, Timestamp},
};

/// Errors of the [`roles`](crate::roles) core.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RolesError {
    /// `caller` does not hold `required`.
    Unauthorized { caller: AccountId, required: Role },
    /// `account` already holds `role`.
    AlreadyGranted { account: AccountId, role: Role },
    /// `account` does not hold `role`.
    NotGranted { account: AccountId, role: Role },
    /// The admin role is handed over with `propose_admin` / `accept_admin`,
    /// never granted or revoked.
    AdminNotGrantable,
    /// `accept_admin` was called with no handover proposed.
    NoPendingAdmin,
    /// `caller` is not the account the handover was proposed to.
    NotPendingAdmin { caller: AccountId },
    /// `u32::MAX` accounts hold the role already: its holder list is full.
    TooManyGrants,
    /// `account` is a party of the contract and may not hold `role`: a party
    /// holding a role could pay itself through it (pause, dispute and
    /// terminate as admin; rule as arbitrator; approve as inspector).
    /// Refused at instantiation, on every grant and on admin handover.
    PartyMayNotHoldRole { account: AccountId, role: Role },
}

/// Errors of the [`kill_switch`](crate::kill_switch) core.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KillSwitchError {
    /// The operation needs state `expected`; the contract is in `actual`.
    WrongState {
        expected: SwitchState,
        actual: SwitchState,
    },
    /// The contract is paused: only protective paths work.
    Paused,
    /// The contract is terminated: nothing moves funds or changes the
    /// agreement, a dispute or a decision any more.
    Terminated,
    /// A settlement pays `recipient`, who is not a party.
    SettlementToNonParty { recipient: AccountId },
    /// A settlement pays out `paid` while the contract holds `held`.
    SettlementMismatch { paid: Balance, held: Balance },
    /// A reason hash was all zeros.
    ZeroReasonHash,
    /// The maximum pause must be above 0 and at most
    /// [`MAX_PAUSE`](crate::kill_switch::MAX_PAUSE); `max_pause` was given.
    InvalidMaxPause { max_pause: Timestamp },
}

/// Errors of the [`agreement`](crate::agreement) core.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgreementError {
    /// The agreement hash was all zeros.
    ZeroHash,
    /// Versions start at 1 and only grow.
    InvalidVersion { version: u32 },
    /// An agreement needs at least two parties and at most
    /// [`MAX_PARTIES`](crate::agreement::MAX_PARTIES).
    InvalidPartyCount { count: u32 },
    /// `account` is listed twice among the parties.
    DuplicateParty { account: AccountId },
    /// `caller` is not a party to the agreement.
    NotAParty { caller: AccountId },
    /// The accepted hash or version is not the one awaiting acceptance.
    TermsMismatch {
        expected_version: u32,
        given_version: u32,
    },
    /// `party` already accepted this version.
    AlreadyAccepted { party: AccountId },
    /// Every party has accepted: there is nothing left to accept.
    NothingToAccept,
    /// The agreement is not effective yet (not every party has accepted).
    NotEffective,
    /// An amendment must carry a version above `current`.
    VersionNotIncreasing { current: u32, given: u32 },
    /// `party` has no acceptance made with attestation `attestation`.
    UnknownAcceptanceAttestation {
        party: AccountId,
        attestation: AttestationId,
    },
    /// The invalidation of this acceptance's attestation was already noted.
    InvalidationAlreadyNoted { party: AccountId },
    /// The permanent record of acceptances could not take every party's
    /// acceptance of another version
    /// ([`MAX_HISTORY`](crate::agreement::MAX_HISTORY)): no more amendments.
    HistoryFull,
    /// The configuration digest given with an acceptance is not the
    /// SHA-256 of the contract's instantiation parameters: the party would
    /// be accepting parameters other than those that run. `expected` is
    /// what the contract holds (readable as `config_digest()`).
    ConfigMismatch { expected: Hash32, given: Hash32 },
}

/// Errors of the [`arbitration`](crate::arbitration) core.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArbitrationError {
    /// The clause names no seat; the seat must be stated expressly
    /// (AIFC Court case AIFC-C/CFI/2025/0053 had to infer one).
    SeatRequired,
    /// AIFC Court and IAC forums require the AIFC seat.
    AifcSeatRequired,
    /// The rules named do not belong to the forum named.
    RulesDoNotMatchForum,
    /// The number of arbitrators must be 1 or 3.
    InvalidArbitratorCount { count: u8 },
    /// The clause-text hash was all zeros.
    ZeroClauseHash,
    /// The rules version (year) is missing.
    RulesVersionRequired,
    /// The clause is fixed: a party has already accepted the agreement.
    ClauseLocked,
}

/// Errors of the [`dispute`](crate::dispute) core.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisputeError {
    /// `caller` is neither payer nor payee of the contested amount.
    NotAParty { caller: AccountId },
    /// No dispute has this id.
    UnknownDispute { id: u32 },
    /// The subject (e.g. a milestone) already has an open dispute.
    AlreadyDisputed { subject: u32 },
    /// A dispute over nothing: the contested amount is zero.
    NothingToDispute,
    /// An evidence, award or grounds hash was all zeros.
    ZeroHash,
    /// The operation needs a dispute in `expected`; it is in `actual`.
    WrongStatus {
        expected: DisputeStatus,
        actual: DisputeStatus,
    },
    /// The split exceeds the frozen amount (more than 10 000 basis points).
    SplitOutOfRange { payer_bps: u16 },
    /// The ruling deadline passed at `deadline`: the fallback applies.
    RulingDeadlinePassed { deadline: Timestamp },
    /// The appeal window closed at `deadline`.
    AppealWindowClosed { deadline: Timestamp },
    /// The caller's side used its one appeal of this dispute.
    AppealAlreadyUsed,
    /// Nothing can execute before `at`: the appeal window or the ruling
    /// deadline is still running.
    NotExecutableYet { at: Timestamp },
    /// The caller's side has used its half of the evidence slots
    /// ([`MAX_EVIDENCE`](crate::dispute::MAX_EVIDENCE), or the contract's
    /// lower limit).
    TooMuchEvidence,
    /// The configuration is invalid: both periods must be above zero and
    /// at most [`MAX_PERIOD`](crate::review::MAX_PERIOD).
    InvalidConfig,
    /// Adding a time span overflowed the timestamp.
    TimeOverflow,
    /// `u32::MAX` disputes were raised: dispute ids are exhausted.
    TooManyDisputes,
}

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

/// Errors of the [`review`](crate::review) core.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewError {
    /// A review window or reviewer deadline of `period` ms is 0 or longer
    /// than [`MAX_PERIOD`](crate::review::MAX_PERIOD).
    InvalidPeriod { period: Timestamp },
    /// No decision `id`.
    UnknownDecision { id: DecisionId },
    /// `caller` is not the account the decision is about.
    NotTheSubject { caller: AccountId },
    /// An explanation, reason or reasoning hash is all zeros.
    ZeroHash,
    /// The window to ask for review closed at `closed_at`.
    ReviewWindowClosed { closed_at: Timestamp },
    /// Decision `id` is under review already.
    AlreadyUnderReview { id: DecisionId },
    /// Decision `id` was resolved or carried out: final.
    AlreadyFinal { id: DecisionId },
    /// Decision `id` is neither under review nor awaiting confirmation.
    NotUnderReview { id: DecisionId },
    /// The reviewer's deadline passed at `deadline`; the favourable
    /// verdict applies.
    ReviewerDeadlinePassed { deadline: Timestamp },
    /// `reviewer` recorded this decision and may not review it.
    SelfReview { reviewer: AccountId },
    /// An override must change the verdict; to keep it, uphold.
    OverrideToSameVerdict { verdict: Verdict },
    /// Decision `id` has no effect yet (window open, review or
    /// confirmation pending).
    NotYetFinal { id: DecisionId },
    /// `u32::MAX` decisions were recorded: decision ids are exhausted.
    TooManyDecisions,
    /// A deadline does not fit in a timestamp.
    TimeOverflow,
}
