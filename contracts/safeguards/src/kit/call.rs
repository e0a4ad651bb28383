//! The kit's messages as values: every template exposes the kit through
//! two ink! messages, `safeguard(SafeguardCall)` for the state-changing
//! ones and `safeguard_query(SafeguardQuery) -> SafeguardAnswer` for the
//! reads, each one line that hands the value to
//! [`dispatch`](super::dispatch) (with the template's core as its
//! [`Mount`](super::Mount)) or
//! [`Safeguards::query`](super::Safeguards::query). The kit's messages are
//! then written once, here, instead of once per template (the CosmWasm
//! `ExecuteMsg` / `QueryMsg` shape; ink! 5 has no message inheritance:
//! docs/architecture.md).
//!
//! ## The wire format is the ABI
//!
//! The three enums are append-only: a variant's `codec(index)` is its
//! identity on the wire, fixed forever, and a new safeguard message is a
//! new index at the end. [`SafeguardAnswer`]'s variant for a query has the
//! query's index. A call's SCALE encoding is its index byte followed by its
//! fields in order, so `safeguard(Pause { reason_hash })` is, byte for
//! byte, the selector of `safeguard`, `0x00` and the 32-byte hash: a client
//! that knows the kit's message names ([`SafeguardCall::NAMES`]) and their
//! arguments can address each one without the enum's type.
// The SCALE derive on these data-carrying enums expands to a discriminant
// cast that clippy's `cast_possible_truncation` flags; the indices are
// explicit and below 256.
#![allow(clippy::cast_possible_truncation)]

use ink::prelude::vec::Vec;

use crate::{
    agreement::{Acceptance, Terms},
    arbitration::ArbitrationClause,
    dispute::Dispute,
    eds::{AttestationId, Requirement},
    kill_switch::SwitchState,
    review::{Decision, DecisionId, Verdict},
    roles::Role,
    types::{AccountId, Hash32, Timestamp},
};

/// A state-changing safeguard message: what `safeguard(call)` runs, as the
/// caller at the block time. Each variant's fields are the message's
/// arguments in order; see the kit method (or the template's
/// [`Mount`](super::Mount) step it links) of the same name for who may
/// call it, in which switch states, its errors and its events.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SafeguardCall {
    /// [`Safeguards::pause`](super::Safeguards::pause): a guardian or the
    /// admin pauses, with the hash of the reason.
    #[codec(index = 0)]
    Pause { reason_hash: Hash32 },
    /// [`Safeguards::resume`](super::Safeguards::resume): the admin
    /// resumes; anyone, once the pause has lapsed.
    #[codec(index = 1)]
    Resume,
    /// [`Safeguards::grant_role`](super::Safeguards::grant_role): the admin
    /// grants a role; never to a party.
    #[codec(index = 2)]
    GrantRole { role: Role, account: AccountId },
    /// [`Safeguards::revoke_role`](super::Safeguards::revoke_role): the
    /// admin revokes a role.
    #[codec(index = 3)]
    RevokeRole { role: Role, account: AccountId },
    /// [`Safeguards::propose_admin`](super::Safeguards::propose_admin): the
    /// admin proposes a successor, never a party (step one of two).
    #[codec(index = 4)]
    ProposeAdmin { new_admin: AccountId },
    /// [`Safeguards::accept_admin`](super::Safeguards::accept_admin): the
    /// proposed successor accepts; the former admin keeps no role.
    #[codec(index = 5)]
    AcceptAdmin,
    /// [`Safeguards::propose_amendment`](super::Safeguards::propose_amendment):
    /// a party proposes an amended agreement; the current one governs until
    /// every party accepts it.
    #[codec(index = 6)]
    ProposeAmendment { hash: Hash32, version: u32 },
    /// [`Safeguards::request_review`](super::Safeguards::request_review):
    /// the subject of an automated decision asks for human review inside
    /// the window, with the SHA-256 of its reasons.
    #[codec(index = 7)]
    RequestReview {
        decision: DecisionId,
        reason_hash: Hash32,
    },
    /// [`Safeguards::resolve_review`](super::Safeguards::resolve_review): a
    /// reviewer upholds (`override_to: None`) or overrides the decision.
    #[codec(index = 8)]
    ResolveReview {
        decision: DecisionId,
        override_to: Option<Verdict>,
        reasoning_hash: Hash32,
    },
    /// [`Safeguards::submit_evidence`](super::Safeguards::submit_evidence):
    /// a party adds evidence to an open dispute, up to
    /// [`MAX_EVIDENCE`](crate::dispute::MAX_EVIDENCE) hashes, half per side.
    #[codec(index = 9)]
    SubmitEvidence { dispute: u32, evidence_hash: Hash32 },
    /// [`Safeguards::rule`](super::Safeguards::rule): the arbitrator rules
    /// `payer_bps` of the frozen amount to the payer, the rest to the payee.
    #[codec(index = 10)]
    Rule {
        dispute: u32,
        payer_bps: u16,
        award_hash: Hash32,
    },
    /// [`Safeguards::appeal`](super::Safeguards::appeal): a party appeals a
    /// ruling inside the window, once per side.
    #[codec(index = 11)]
    Appeal { dispute: u32, grounds_hash: Hash32 },
    /// [`Mount::raise_dispute`](super::Mount::raise_dispute): the payer or
    /// the payee of the template's item `subject` (a milestone, an
    /// allocation) disputes it; its amount freezes.
    #[codec(index = 12)]
    RaiseDispute { subject: u32, evidence_hash: Hash32 },
    /// [`Mount::execute_ruling`](super::Mount::execute_ruling): anyone
    /// executes a dispute once its ruling is final or its deadline passed.
    #[codec(index = 13)]
    ExecuteRuling { dispute: u32 },
    /// [`Mount::execute_decision`](super::Mount::execute_decision): anyone
    /// carries out a final automated decision, once.
    #[codec(index = 14)]
    ExecuteDecision { decision: DecisionId },
    /// [`Mount::terminate`](super::Mount::terminate): the admin terminates
    /// a paused contract; what no human process holds is settled to the
    /// parties by the template's fixed rule.
    #[codec(index = 15)]
    Terminate { reason_hash: Hash32 },
    /// [`Safeguards::accept_agreement`](super::Safeguards::accept_agreement),
    /// after the registry gate: a party accepts the agreement version
    /// awaiting acceptance and the instantiation parameters whose SHA-256
    /// is `config_digest` (what it accepts is what runs), on the
    /// attestation the EDS registry returns as valid now and meeting the
    /// party's requirement.
    #[codec(index = 16)]
    AcceptAgreement {
        hash: Hash32,
        version: u32,
        config_digest: Hash32,
    },
    /// [`Safeguards::note_invalidated`](super::Safeguards::note_invalidated),
    /// after the registry confirms it: anyone notes that the attestation
    /// on which `party` accepted was revoked (or its verifier found
    /// compromised). The acceptance stays on record, marked. Every state.
    #[codec(index = 17)]
    NoteInvalidatedAttestation {
        party: AccountId,
        attestation: AttestationId,
    },
    /// [`Mount::replace_clause`](super::Mount::replace_clause): the admin
    /// replaces the arbitration clause, only before any acceptance; the
    /// configuration digest follows the new configuration.
    #[codec(index = 18)]
    ReplaceClause { clause: ArbitrationClause },
}

impl SafeguardCall {
    /// Each call's message name (snake case), by index: what docs, the
    /// demo's transcript and clients call it.
    pub const NAMES: [&'static str; 19] = [
        "pause",
        "resume",
        "grant_role",
        "revoke_role",
        "propose_admin",
        "accept_admin",
        "propose_amendment",
        "request_review",
        "resolve_review",
        "submit_evidence",
        "rule",
        "appeal",
        "raise_dispute",
        "execute_ruling",
        "execute_decision",
        "terminate",
        "accept_agreement",
        "note_invalidated_attestation",
        "replace_clause",
    ];

    /// The index of the call named `name`, if the kit has one.
    pub fn index_of(name: &str) -> Option<u8> {
        index_in(&Self::NAMES, name)
    }
}

/// A safeguard read: what `safeguard_query(query)` answers, with the
/// [`SafeguardAnswer`] variant of the same index.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SafeguardQuery {
    /// The admin.
    #[codec(index = 0)]
    Admin,
    /// The successor the admin proposed, until it accepts.
    #[codec(index = 1)]
    PendingAdmin,
    /// Whether `account` holds `role`.
    #[codec(index = 2)]
    HasRole { role: Role, account: AccountId },
    /// Who holds `role`, in grant order.
    #[codec(index = 3)]
    Holders { role: Role },
    /// The kill-switch state.
    #[codec(index = 4)]
    State,
    /// When the current pause lapses (anyone may then resume); `None`
    /// unless paused.
    #[codec(index = 5)]
    PauseLapsesAt,
    /// The governing agreement version, once every party accepted one.
    #[codec(index = 6)]
    EffectiveTerms,
    /// The agreement version awaiting acceptance, if any.
    #[codec(index = 7)]
    PendingTerms,
    /// Every acceptance ever recorded, oldest first.
    #[codec(index = 8)]
    Acceptances,
    /// The SHA-256 of the SCALE-encoded instantiation parameters (the
    /// template's `config()`): what `accept_agreement` must be given.
    #[codec(index = 9)]
    ConfigDigest,
    /// The arbitration clause.
    #[codec(index = 10)]
    Clause,
    /// The EDS registry that gates acceptance.
    #[codec(index = 11)]
    Registry,
    /// What each party's attestation must show, in the parties' order.
    #[codec(index = 12)]
    EdsRequirements,
    /// Dispute `id`.
    #[codec(index = 13)]
    Dispute { id: u32 },
    /// Dispute `id`'s evidence, `(submitter, hash)`, oldest first.
    #[codec(index = 14)]
    Evidence { id: u32 },
    /// Automated decision `id`, with its status.
    #[codec(index = 15)]
    Decision { id: DecisionId },
}

impl SafeguardQuery {
    /// Each query's read name (snake case), by index.
    pub const NAMES: [&'static str; 16] = [
        "admin",
        "pending_admin",
        "has_role",
        "holders",
        "state",
        "pause_lapses_at",
        "effective_terms",
        "pending_terms",
        "acceptances",
        "config_digest",
        "clause",
        "registry",
        "eds_requirements",
        "dispute",
        "evidence",
        "decision",
    ];

    /// The index of the query named `name`, if the kit has one.
    pub fn index_of(name: &str) -> Option<u8> {
        index_in(&Self::NAMES, name)
    }
}

/// The answer to a [`SafeguardQuery`], in the variant of the query's index.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SafeguardAnswer {
    /// The answer to [`SafeguardQuery::Admin`].
    #[codec(index = 0)]
    Admin(AccountId),
    /// The answer to [`SafeguardQuery::PendingAdmin`].
    #[codec(index = 1)]
    PendingAdmin(Option<AccountId>),
    /// The answer to [`SafeguardQuery::HasRole`].
    #[codec(index = 2)]
    HasRole(bool),
    /// The answer to [`SafeguardQuery::Holders`].
    #[codec(index = 3)]
    Holders(Vec<AccountId>),
    /// The answer to [`SafeguardQuery::State`].
    #[codec(index = 4)]
    State(SwitchState),
    /// The answer to [`SafeguardQuery::PauseLapsesAt`].
    #[codec(index = 5)]
    PauseLapsesAt(Option<Timestamp>),
    /// The answer to [`SafeguardQuery::EffectiveTerms`].
    #[codec(index = 6)]
    EffectiveTerms(Option<Terms>),
    /// The answer to [`SafeguardQuery::PendingTerms`].
    #[codec(index = 7)]
    PendingTerms(Option<Terms>),
    /// The answer to [`SafeguardQuery::Acceptances`].
    #[codec(index = 8)]
    Acceptances(Vec<Acceptance>),
    /// The answer to [`SafeguardQuery::ConfigDigest`].
    #[codec(index = 9)]
    ConfigDigest(Hash32),
    /// The answer to [`SafeguardQuery::Clause`].
    #[codec(index = 10)]
    Clause(ArbitrationClause),
    /// The answer to [`SafeguardQuery::Registry`].
    #[codec(index = 11)]
    Registry(AccountId),
    /// The answer to [`SafeguardQuery::EdsRequirements`].
    #[codec(index = 12)]
    EdsRequirements(Vec<Requirement>),
    /// The answer to [`SafeguardQuery::Dispute`].
    #[codec(index = 13)]
    Dispute(Option<Dispute>),
    /// The answer to [`SafeguardQuery::Evidence`].
    #[codec(index = 14)]
    Evidence(Vec<(AccountId, Hash32)>),
    /// The answer to [`SafeguardQuery::Decision`].
    #[codec(index = 15)]
    Decision(Option<Decision>),
}

fn index_in(names: &[&str], name: &str) -> Option<u8> {
    names
        .iter()
        .position(|n| *n == name)
        .and_then(|i| u8::try_from(i).ok())
}
