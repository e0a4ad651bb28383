//! # The safeguards kit
//!
//! One composed value every template mounts: the role table, the kill
//! switch, the agreement anchor, the arbitration clause, the disputes and
//! the reviews of automated decisions. Each safeguard message is written
//! here once, in the same order every time: the role check first, then the
//! kill switch, then the core. A template keeps its own business core and
//! calls these methods from its own; it never wires the cores together by
//! hand, so two templates cannot drift apart.
//!
//! What the kit guarantees whichever template mounts it:
//!
//! - no party holds a role ([`Roles::with_parties`]), so no account is paid
//!   by a path it can trigger through a role;
//! - a paused contract still runs every human process (disputes, evidence,
//!   rulings, appeals, reviews) and pays nothing but full refunds to a
//!   payer;
//! - termination settles only what no human process holds: a dispute goes
//!   on to its ruling or the fallback, a decision to its verdict;
//! - every event it returns converts into a [`SafeguardEvent`] and is
//!   emitted by [`SafeguardEvent::emit`], the one exhaustive match, so a
//!   template cannot forget one; the four an everyday step produces
//!   (returned as their own types by `execute_ruling`, `record_decision`
//!   and `take_decision`) may instead go through [`HotEvent::emit`], which
//!   records the same bytes.
//!
//! ## Security considerations
//!
//! The kit trusts its arguments as the cores do: a template passes the real
//! caller and block time. The kit moves no funds: [`Safeguards::execute_ruling`]
//! returns the [`Resolution`] the template pays, and the template's
//! settlement plan goes through [`Safeguards::terminate`], which pays only
//! parties and checks the plan against what it settles.
mod call;
pub mod conformance;
mod errors;
mod events;
mod mount;
pub mod split;

pub use call::{SafeguardAnswer, SafeguardCall, SafeguardQuery};
pub use errors::SafeguardError;
pub use events::{HotEvent, SafeguardEvent};
pub use mount::{dispatch, execute, Execution, Mount};

use ink::prelude::vec::Vec;

use crate::{
    agreement::{Agreement, Terms},
    arbitration::{Arbitration, ArbitrationClause},
    dispute::{DisputeConfig, DisputeResolved, Disputes, Resolution},
    eds::{AttestationId, Requirement, RevocationReason},
    kill_switch::{KillSwitch, SwitchState},
    review::{
        AutomatedDecisionRecorded, DecisionId, DecisionInput, DecisionTookEffect, ReviewConfig,
        Reviews, Verdict,
    },
    roles::{Role, Roles},
    store::{Store, EDS_GATE},
    types::{AccountId, Balance, Hash32, Timestamp},
    AgreementError, KillSwitchError,
};

/// What a kit message returns: the events to emit, or the refusal.
pub type Outcome = Result<Vec<SafeguardEvent>, SafeguardError>;

/// The events of a kit step that only a template's own method may take,
/// after its own checks (the item disputed is the template's and
/// disputable; the termination plan is its rule's). Not an [`Outcome`], so
/// a shell cannot run the step through a template's `safeguarded`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct Step(pub Vec<SafeguardEvent>);

fn events<T: Into<SafeguardEvent>>(events: Vec<T>) -> Vec<SafeguardEvent> {
    events.into_iter().map(Into::into).collect()
}

/// What a template fixes for its safeguards at instantiation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafeguardsConfig {
    /// The parties of the agreement, in the template's order. None may
    /// hold a role.
    pub parties: Vec<AccountId>,
    /// The agreement's first version.
    pub terms: Terms,
    /// The SHA-256 of the template's SCALE-encoded instantiation
    /// parameters (its `Config`), computed by the contract: every
    /// acceptance must quote it ([`Safeguards::accept_agreement`]).
    pub config_digest: Hash32,
    /// The dispute-resolution clause.
    pub clause: ArbitrationClause,
    /// Ruling period, appeal window, fallback.
    pub disputes: DisputeConfig,
    /// Review window and reviewer deadline of automated decisions.
    pub review: ReviewConfig,
    /// How long a pause lasts unless renewed; then anyone may resume.
    pub max_pause: Timestamp,
    /// The roles granted at instantiation, in order (guardian, arbitrator,
    /// reviewer, and any the template adds).
    pub grants: Vec<(Role, AccountId)>,
    /// The EDS registry and what each party's attestation must show, in
    /// the parties' order.
    pub gate: EdsGate,
}

/// Who vouches for the parties: the EDS registry whose attestations gate
/// acceptance, and what each party's attestation must show, in the
/// parties' order. Fixed at instantiation; one storage entry
/// ([`crate::store::EDS_GATE`]).
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdsGate {
    /// The EDS registry.
    pub registry: AccountId,
    /// One requirement per party, in the parties' order.
    pub requirements: Vec<Requirement>,
}

/// The composed safeguards of one contract.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Safeguards<S> {
    roles: Roles<S>,
    kill_switch: KillSwitch,
    agreement: Agreement<S>,
    arbitration: Arbitration<S>,
    disputes: Disputes<S>,
    reviews: Reviews<S>,
    /// The kit's own entries (the EDS gate).
    store: S,
}

impl<S: Store + Default> Safeguards<S> {
    /// Sets up every safeguard; `admin` is the instantiator and may not be
    /// a party.
    ///
    /// # Errors
    ///
    /// The agreement's (`InvalidPartyCount`, `DuplicateParty`, terms), the
    /// clause's, the dispute and review configuration's errors;
    /// `PartyMayNotHoldRole` if the admin or a grantee is a party;
    /// `AlreadyGranted` if one account is named twice for one role.
    ///
    /// # Events
    ///
    /// `AgreementAnchored`, `ArbitrationClauseSet`, one `RoleGranted` per
    /// grant.
    pub fn new(
        admin: AccountId,
        config: SafeguardsConfig,
    ) -> Result<(Self, Vec<SafeguardEvent>), SafeguardError> {
        if config.gate.requirements.len() != config.parties.len() {
            return Err(AgreementError::InvalidPartyCount {
                count: u32::try_from(config.gate.requirements.len()).unwrap_or(u32::MAX),
            }
            .into());
        }
        let (agreement, anchored) =
            Agreement::new(config.parties.clone(), config.terms, config.config_digest)?;
        let (arbitration, clause_set) = Arbitration::new(config.clause, admin)?;
        let disputes = Disputes::new(config.disputes)?;
        let reviews = Reviews::new(config.review)?;
        let kill_switch = KillSwitch::new(config.max_pause)?;
        let mut roles = Roles::with_parties(admin, config.parties)?;
        let mut out = events(anchored);
        out.extend(events(clause_set));
        for (role, account) in config.grants {
            out.extend(events(roles.grant(admin, role, account)?));
        }
        let mut store = S::default();
        store.set(EDS_GATE, &(), &config.gate);
        Ok((
            Self {
                roles,
                kill_switch,
                agreement,
                arbitration,
                disputes,
                reviews,
                store,
            },
            out,
        ))
    }
}

impl<S: Store> Safeguards<S> {
    // ----- reads -------------------------------------------------------

    /// The store handle of the kit's own entries: in a unit test, the
    /// in-memory entries it wrote.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// Every store handle of the kit: its own and each core's. In a unit
    /// test, together the in-memory entries of every kit table, for checks
    /// that cover them all (the per-value limit).
    pub fn stores(&self) -> [&S; 6] {
        [
            &self.store,
            self.roles.store(),
            self.agreement.store(),
            self.arbitration.store(),
            self.disputes.store(),
            self.reviews.store(),
        ]
    }

    /// The EDS registry and each party's requirement.
    ///
    /// # Panics
    ///
    /// If the gate's entry is missing ([`Store::expect`]): [`Safeguards::new`]
    /// writes it.
    pub fn eds_gate(&self) -> EdsGate {
        self.store.expect(EDS_GATE, &())
    }

    /// The registry to ask, and what `caller`'s attestation must show,
    /// before it may accept (one read of the gate's entry).
    ///
    /// # Errors
    ///
    /// `NotAParty`.
    pub fn eds_requirement(
        &self,
        caller: AccountId,
    ) -> Result<(AccountId, Requirement), SafeguardError> {
        let not_a_party = AgreementError::NotAParty { caller };
        let index = self.agreement.party_index(caller).ok_or(not_a_party)?;
        let gate = self.eds_gate();
        let requirement = usize::try_from(index)
            .ok()
            .and_then(|i| gate.requirements.get(i))
            .copied()
            .ok_or(not_a_party)?;
        Ok((gate.registry, requirement))
    }

    /// The role table.
    pub fn roles(&self) -> &Roles<S> {
        &self.roles
    }

    /// The kill switch.
    pub fn kill_switch(&self) -> &KillSwitch {
        &self.kill_switch
    }

    /// The agreement anchor.
    pub fn agreement(&self) -> &Agreement<S> {
        &self.agreement
    }

    /// The configuration digest every acceptance must quote (see
    /// [`Agreement::config_digest`]).
    pub fn config_digest(&self) -> Hash32 {
        self.agreement.config_digest()
    }

    /// The arbitration clause.
    pub fn clause(&self) -> ArbitrationClause {
        self.arbitration.clause()
    }

    /// The disputes.
    pub fn disputes(&self) -> &Disputes<S> {
        &self.disputes
    }

    /// The automated decisions.
    pub fn reviews(&self) -> &Reviews<S> {
        &self.reviews
    }

    /// Answers a safeguard read: what a template's `safeguard_query`
    /// message returns, in the answer variant of the query's index.
    pub fn query(&self, query: SafeguardQuery) -> SafeguardAnswer {
        match query {
            SafeguardQuery::Admin => SafeguardAnswer::Admin(self.roles.admin()),
            SafeguardQuery::PendingAdmin => {
                SafeguardAnswer::PendingAdmin(self.roles.pending_admin())
            }
            SafeguardQuery::HasRole { role, account } => {
                SafeguardAnswer::HasRole(self.roles.has(role, account))
            }
            SafeguardQuery::Holders { role } => SafeguardAnswer::Holders(self.roles.holders(role)),
            SafeguardQuery::State => SafeguardAnswer::State(self.kill_switch.state()),
            SafeguardQuery::PauseLapsesAt => {
                SafeguardAnswer::PauseLapsesAt(self.kill_switch.paused_until())
            }
            SafeguardQuery::EffectiveTerms => {
                SafeguardAnswer::EffectiveTerms(self.agreement.effective())
            }
            SafeguardQuery::PendingTerms => SafeguardAnswer::PendingTerms(self.agreement.pending()),
            SafeguardQuery::Acceptances => SafeguardAnswer::Acceptances(self.agreement.history()),
            SafeguardQuery::ConfigDigest => {
                SafeguardAnswer::ConfigDigest(self.agreement.config_digest())
            }
            SafeguardQuery::Clause => SafeguardAnswer::Clause(self.arbitration.clause()),
            SafeguardQuery::Registry => SafeguardAnswer::Registry(self.eds_gate().registry),
            SafeguardQuery::EdsRequirements => {
                SafeguardAnswer::EdsRequirements(self.eds_gate().requirements)
            }
            SafeguardQuery::Dispute { id } => SafeguardAnswer::Dispute(self.disputes.get(id)),
            SafeguardQuery::Evidence { id } => {
                SafeguardAnswer::Evidence(self.disputes.evidence(id))
            }
            SafeguardQuery::Decision { id } => SafeguardAnswer::Decision(self.reviews.get(id)),
        }
    }

    // ----- guards a template's own paths call --------------------------

    /// # Errors
    ///
    /// `Paused` or `Terminated` unless active.
    pub fn ensure_active(&self) -> Result<(), SafeguardError> {
        Ok(self.kill_switch.ensure_active()?)
    }

    /// # Errors
    ///
    /// `Terminated`.
    pub fn ensure_not_terminated(&self) -> Result<(), SafeguardError> {
        Ok(self.kill_switch.ensure_not_terminated()?)
    }

    /// The terms in force.
    ///
    /// # Errors
    ///
    /// `NotEffective` before every party accepted.
    pub fn ensure_effective(&self) -> Result<Terms, SafeguardError> {
        Ok(self.agreement.ensure_effective()?)
    }

    /// # Errors
    ///
    /// `Unauthorized` unless `caller` holds `role`.
    pub fn ensure_role(&self, role: Role, caller: AccountId) -> Result<(), SafeguardError> {
        Ok(self.roles.ensure(role, caller)?)
    }

    /// Whether an open dispute freezes the amount of `subject`.
    pub fn is_frozen(&self, subject: u32) -> bool {
        self.disputes.is_frozen(subject)
    }

    // ----- agreement ---------------------------------------------------

    /// A party accepts the pending terms and the instantiation parameters
    /// whose SHA-256 is `config_digest` (they must be the contract's, see
    /// [`Agreement::config_digest`]), on the EDS `attestation` the registry
    /// returned for it. Works while paused; not after termination.
    ///
    /// # Errors
    ///
    /// `Terminated`; the agreement core's errors (`ConfigMismatch` among
    /// them).
    pub fn accept_agreement(
        &mut self,
        caller: AccountId,
        terms: Terms,
        config_digest: Hash32,
        now: Timestamp,
        attestation: AttestationId,
    ) -> Outcome {
        self.kill_switch.ensure_not_terminated()?;
        Ok(events(self.agreement.accept(
            caller,
            terms,
            config_digest,
            now,
            attestation,
        )?))
    }

    /// Notes that the attestation on which `party` accepted no longer
    /// counts, for `reason` (confirmed with the registry by the template).
    /// Works in every state: it moves nothing and only informs.
    ///
    /// # Errors
    ///
    /// `UnknownAcceptanceAttestation`, `InvalidationAlreadyNoted`.
    pub fn note_invalidated(
        &mut self,
        party: AccountId,
        attestation: AttestationId,
        reason: RevocationReason,
        now: Timestamp,
    ) -> Outcome {
        Ok(events(self.agreement.note_invalidated(
            party,
            attestation,
            reason,
            now,
        )?))
    }

    /// A party proposes an amendment. Not after termination.
    ///
    /// # Errors
    ///
    /// `Terminated`; the agreement core's errors.
    pub fn propose_amendment(
        &mut self,
        caller: AccountId,
        terms: Terms,
        now: Timestamp,
    ) -> Outcome {
        self.kill_switch.ensure_not_terminated()?;
        Ok(events(
            self.agreement.propose_amendment(caller, terms, now)?,
        ))
    }

    /// The admin replaces the clause before any acceptance, with
    /// `config_digest` the digest of the template's configuration carrying
    /// the new clause: the digest every acceptance quotes follows the
    /// clause in force. A [`Step`], not an [`Outcome`], so that a shell
    /// cannot run it through `safeguarded` by mistake: the template's own
    /// method calls it with the digest it computed. (`Step`'s field is
    /// public; a shell written to unwrap it could still pass a digest of
    /// its choosing. Review a fork's shell for that.)
    ///
    /// # Errors
    ///
    /// `Unauthorized`, `Terminated`, `ZeroHash` (digest), `ClauseLocked`,
    /// the clause's validation errors.
    pub fn replace_clause(
        &mut self,
        caller: AccountId,
        clause: ArbitrationClause,
        config_digest: Hash32,
    ) -> Result<Step, SafeguardError> {
        self.roles.ensure(Role::Admin, caller)?;
        self.kill_switch.ensure_not_terminated()?;
        if config_digest == crate::types::ZERO_HASH {
            return Err(AgreementError::ZeroHash.into());
        }
        let any = self.agreement.any_acceptance();
        let replaced = self.arbitration.replace(&self.roles, caller, clause, any)?;
        // No acceptance yet (`replace` refused otherwise) and a non-zero
        // digest: the rebinding cannot fail.
        self.agreement.rebind_config(config_digest)?;
        Ok(Step(events(replaced)))
    }

    // ----- disputes ----------------------------------------------------

    /// `caller`, the payer or the payee, disputes `amount` of `subject`;
    /// it freezes. Works while paused; not after termination. The template
    /// checks first that `subject` is disputable. Returns the dispute's id.
    ///
    /// # Errors
    ///
    /// `Terminated`; the dispute core's errors.
    #[allow(clippy::too_many_arguments)]
    pub fn raise_dispute(
        &mut self,
        caller: AccountId,
        payer: AccountId,
        payee: AccountId,
        subject: u32,
        amount: Balance,
        evidence_hash: Hash32,
        now: Timestamp,
    ) -> Result<(u32, Step), SafeguardError> {
        self.kill_switch.ensure_not_terminated()?;
        let (id, raised) =
            self.disputes
                .raise(caller, payer, payee, subject, amount, evidence_hash, now)?;
        Ok((id, Step(events(raised))))
    }

    /// A party adds evidence, up to `limit` hashes per dispute, half of
    /// them for each side. Works while paused and after termination.
    ///
    /// # Errors
    ///
    /// The dispute core's errors.
    pub fn submit_evidence(
        &mut self,
        caller: AccountId,
        dispute: u32,
        evidence_hash: Hash32,
        limit: usize,
    ) -> Outcome {
        Ok(events(self.disputes.add_evidence_up_to(
            caller,
            dispute,
            evidence_hash,
            limit,
        )?))
    }

    /// The arbitrator rules. Works while paused and after termination.
    ///
    /// # Errors
    ///
    /// `Unauthorized`; the dispute core's errors.
    pub fn rule(
        &mut self,
        caller: AccountId,
        dispute: u32,
        payer_bps: u16,
        award_hash: Hash32,
        now: Timestamp,
    ) -> Outcome {
        self.roles.ensure(Role::Arbitrator, caller)?;
        Ok(events(self.disputes.rule(
            &self.roles,
            caller,
            dispute,
            payer_bps,
            award_hash,
            now,
        )?))
    }

    /// A party appeals a ruling inside the window, once per side. Works
    /// while paused and after termination.
    ///
    /// # Errors
    ///
    /// The dispute core's errors.
    pub fn appeal(
        &mut self,
        caller: AccountId,
        dispute: u32,
        grounds_hash: Hash32,
        now: Timestamp,
    ) -> Outcome {
        Ok(events(self.disputes.appeal(
            caller,
            dispute,
            grounds_hash,
            now,
        )?))
    }

    /// Executes a dispute (the ruling after its appeal window, or the
    /// fallback after the ruling deadline) and returns the split the
    /// template pays. While paused only a full refund to the payer
    /// executes; after termination every split does.
    ///
    /// # Errors
    ///
    /// `Paused` for a split that pays the payee while paused; the dispute
    /// core's errors.
    pub fn execute_ruling(
        &mut self,
        dispute: u32,
        now: Timestamp,
    ) -> Result<(Resolution, DisputeResolved), SafeguardError> {
        if self.kill_switch.state() == SwitchState::Paused {
            let refund_only = matches!(self.disputes.executable_split(dispute, now), Some((_, 0)));
            if !refund_only {
                return Err(KillSwitchError::Paused.into());
            }
        }
        Ok(self.disputes.execute(dispute, now)?)
    }

    // ----- reviews of automated decisions -------------------------------

    /// Records an automated decision by `recorder` (the deciding system,
    /// the contract itself) and notifies its subject.
    ///
    /// # Errors
    ///
    /// The review core's errors.
    pub fn record_decision(
        &mut self,
        recorder: AccountId,
        input: DecisionInput,
        now: Timestamp,
    ) -> Result<(DecisionId, AutomatedDecisionRecorded), SafeguardError> {
        Ok(self.reviews.record(recorder, input, now)?)
    }

    /// The subject asks for human review inside the window. Works while
    /// paused and after termination (the decision runs to its verdict).
    ///
    /// # Errors
    ///
    /// The review core's errors.
    pub fn request_review(
        &mut self,
        caller: AccountId,
        decision: DecisionId,
        reason: Hash32,
        now: Timestamp,
    ) -> Outcome {
        Ok(events(
            self.reviews.request_review(caller, decision, reason, now)?,
        ))
    }

    /// A reviewer upholds (`override_to == None`) or overrides a decision
    /// under review. Works while paused and after termination. No party
    /// holds `Reviewer`, so nobody reviews their own case.
    ///
    /// # Errors
    ///
    /// `Unauthorized`; the review core's errors.
    pub fn resolve_review(
        &mut self,
        caller: AccountId,
        decision: DecisionId,
        override_to: Option<Verdict>,
        reasoning: Hash32,
        now: Timestamp,
    ) -> Outcome {
        self.roles.ensure(Role::Reviewer, caller)?;
        Ok(events(self.reviews.resolve(
            &self.roles,
            caller,
            decision,
            override_to,
            reasoning,
            now,
        )?))
    }

    /// Carries out a final decision once and returns its verdict, which the
    /// template then applies. The template checks the kill switch first:
    /// what a verdict pays differs by template.
    ///
    /// # Errors
    ///
    /// The review core's `UnknownDecision`, `NotYetFinal`, `AlreadyFinal`.
    pub fn take_decision(
        &mut self,
        decision: DecisionId,
        now: Timestamp,
    ) -> Result<(Verdict, DecisionTookEffect), SafeguardError> {
        Ok(self.reviews.take_effect(decision, now)?)
    }

    // ----- kill switch -------------------------------------------------

    /// A guardian or the admin pauses.
    ///
    /// # Errors
    ///
    /// The kill switch's errors.
    pub fn pause(&mut self, caller: AccountId, reason_hash: Hash32, now: Timestamp) -> Outcome {
        Ok(events(self.kill_switch.pause(
            &self.roles,
            caller,
            reason_hash,
            now,
        )?))
    }

    /// The admin resumes.
    ///
    /// # Errors
    ///
    /// The kill switch's errors.
    pub fn resume(&mut self, caller: AccountId, now: Timestamp) -> Outcome {
        Ok(events(self.kill_switch.resume(&self.roles, caller, now)?))
    }

    /// The admin terminates a paused contract. `plan` pays what no human
    /// process holds; `settled` is that amount as the template counts it
    /// apart from the plan (held, less what disputes and pending decisions
    /// keep). Disputes and decisions go on afterwards.
    ///
    /// # Errors
    ///
    /// The kill switch's errors (`SettlementToNonParty`,
    /// `SettlementMismatch` among them).
    pub fn terminate(
        &mut self,
        caller: AccountId,
        reason_hash: Hash32,
        plan: &[(AccountId, Balance)],
        settled: Balance,
        now: Timestamp,
    ) -> Result<Step, SafeguardError> {
        Ok(Step(events(self.kill_switch.terminate(
            &self.roles,
            caller,
            reason_hash,
            &self.agreement.parties(),
            plan,
            settled,
            now,
        )?)))
    }

    // ----- roles -------------------------------------------------------

    /// The admin grants a role; never to a party.
    ///
    /// # Errors
    ///
    /// The roles core's errors.
    pub fn grant_role(&mut self, caller: AccountId, role: Role, account: AccountId) -> Outcome {
        Ok(events(self.roles.grant(caller, role, account)?))
    }

    /// The admin revokes a role.
    ///
    /// # Errors
    ///
    /// The roles core's errors.
    pub fn revoke_role(&mut self, caller: AccountId, role: Role, account: AccountId) -> Outcome {
        Ok(events(self.roles.revoke(caller, role, account)?))
    }

    /// The admin proposes a successor; never a party.
    ///
    /// # Errors
    ///
    /// The roles core's errors.
    pub fn propose_admin(&mut self, caller: AccountId, new: AccountId) -> Outcome {
        Ok(events(self.roles.propose_admin(caller, new)?))
    }

    /// The proposed successor accepts; the former admin keeps no role.
    ///
    /// # Errors
    ///
    /// The roles core's errors.
    pub fn accept_admin(&mut self, caller: AccountId) -> Outcome {
        Ok(events(self.roles.accept_admin(caller)?))
    }
}

/// Implements `From` for a template's flat error enum `$error` from
/// [`SafeguardError`] and from each safeguard's own error, so that `?` works
/// on both. `$error` has the variants `Roles`, `KillSwitch`, `Agreement`,
/// `Arbitration`, `Dispute` and `Review`, each holding that safeguard's
/// error, plus `Eds(EdsError)`, `RegistryUnavailable` and
/// `AttestationStillValid { attestation }` for the registry gate's
/// [`GateError`](crate::gate::GateError). It generates conversions
/// only: no message, no storage access.
#[macro_export]
macro_rules! safeguard_errors_into {
    ($error:ty) => {
        impl From<$crate::SafeguardError> for $error {
            fn from(e: $crate::SafeguardError) -> Self {
                match e {
                    $crate::SafeguardError::Roles(e) => Self::Roles(e),
                    $crate::SafeguardError::KillSwitch(e) => Self::KillSwitch(e),
                    $crate::SafeguardError::Agreement(e) => Self::Agreement(e),
                    $crate::SafeguardError::Arbitration(e) => Self::Arbitration(e),
                    $crate::SafeguardError::Dispute(e) => Self::Dispute(e),
                    $crate::SafeguardError::Review(e) => Self::Review(e),
                }
            }
        }
        impl From<$crate::gate::GateError> for $error {
            fn from(e: $crate::gate::GateError) -> Self {
                match e {
                    $crate::gate::GateError::Refused(e) => Self::Eds(e),
                    $crate::gate::GateError::Unavailable => Self::RegistryUnavailable,
                    $crate::gate::GateError::StillValid { attestation } => {
                        Self::AttestationStillValid { attestation }
                    }
                }
            }
        }
        $crate::safeguard_errors_into!(@each $error,
            Roles($crate::RolesError),
            KillSwitch($crate::KillSwitchError),
            Agreement($crate::AgreementError),
            Arbitration($crate::ArbitrationError),
            Dispute($crate::DisputeError),
            Review($crate::ReviewError)
        );
    };
    (@each $error:ty, $($variant:ident($e:ty)),*) => {$(
        impl From<$e> for $error {
            fn from(e: $e) -> Self {
                Self::$variant(e)
            }
        }
    )*};
}

#[cfg(test)]
mod tests;
