//! How a template mounts the kit: its core implements [`Mount`], and its
//! one `safeguard` message hands every [`SafeguardCall`] to [`dispatch`]
//! (in a split template, the cold code's does; the hot code's runs
//! [`split::dispatch_hot`](super::split::dispatch_hot)).
//!
//! Fourteen calls are the kit's alone (roles, pause and resume, acceptance
//! and amendments, noted invalidations, evidence, rulings, appeals, review
//! requests and resolutions): `dispatch` runs them on
//! [`Mount::safeguards_mut`], asking the EDS registry first where the call
//! needs it ([`Registry`]). Five touch the template's items, funds or
//! configuration, so the kit cannot run them alone: raising a dispute
//! (which item, what amount, who pays and who is paid), executing a ruling
//! and an automated decision (what the split or verdict does to the item),
//! terminating (the settlement rule) and replacing the arbitration clause
//! (the configuration whose digest parties accept). The template writes
//! the first four once, in its `Mount` impl, each calling the kit's own
//! step ([`Safeguards::raise_dispute`], [`Safeguards::execute_ruling`],
//! [`Safeguards::take_decision`], [`Safeguards::terminate`]) for the
//! safeguard's part; [`Mount::replace_clause`] is written here, over the
//! template's two hooks for its configuration
//! ([`Mount::config_with_clause`], [`Mount::store_config`]). Every template
//! therefore exposes the same nineteen safeguard calls under the same
//! indices: an auditor, a wallet or `shart check` reads one enum.
use super::{HotEvent, SafeguardCall, SafeguardError, SafeguardEvent, Safeguards};
use crate::{
    agreement::Terms,
    arbitration::ArbitrationClause,
    dispute::MAX_EVIDENCE,
    effects::Effects,
    gate::{GateError, OnChain, Registry},
    review::DecisionId,
    store::Store,
    types::{AccountId, Hash32, Timestamp},
};

/// A template's core as the kit drives it: the kit it mounts and the five
/// safeguard steps that touch the template's items and funds.
pub trait Mount {
    /// The store of the kit it mounts.
    type Store: Store;
    /// The events of the template's hot steps (its everyday messages and
    /// the two executions): its own events and the kit's [`HotEvent`]s,
    /// and no other (see [`HotEvent`]).
    type HotEvent: From<HotEvent>;

    /// The template's event, into which every kit event and every hot
    /// event converts.
    type Event: From<SafeguardEvent> + From<Self::HotEvent>;
    /// The template's flat error, into which every kit error and every
    /// registry gate error converts.
    type Error: From<SafeguardError> + From<GateError>;

    /// The template's instantiation parameters: exactly the type its
    /// constructor hashes with [`gate::config_digest`](crate::gate::config_digest)
    /// and its `config()` returns, whose SHA-256 every acceptance quotes.
    /// Another type would make [`Mount::replace_clause`] rebind the digest
    /// to a hash no party can reproduce, and every acceptance would fail
    /// with `ConfigMismatch` (no funds move: nothing is funded before the
    /// agreement takes effect).
    type Config: scale::Encode;

    /// How many evidence hashes a dispute takes, half of them per side:
    /// what [`dispatch`] passes to [`Safeguards::submit_evidence`] and the
    /// conformance suites check. At most [`MAX_EVIDENCE`], which the
    /// dispute core enforces whatever is given.
    const EVIDENCE_LIMIT: usize = MAX_EVIDENCE;

    /// The mounted kit.
    fn safeguards(&self) -> &Safeguards<Self::Store>;

    /// The mounted kit, to change.
    fn safeguards_mut(&mut self) -> &mut Safeguards<Self::Store>;

    /// Runs one kit method on the mounted kit and returns its events as the
    /// template's effects: how a template's own code and its conformance
    /// harness reach the kit (a contract goes through [`dispatch`]).
    ///
    /// # Errors
    ///
    /// The kit's refusal, as the template's error.
    fn safeguarded(
        &mut self,
        message: impl FnOnce(&mut Safeguards<Self::Store>) -> super::Outcome,
    ) -> Result<Effects<Self::Event>, Self::Error> {
        Ok(Effects::of(message(self.safeguards_mut())?))
    }

    /// The template's configuration as it reads with `clause` in force:
    /// what [`Mount::replace_clause`] hashes and then stores.
    fn config_with_clause(&self, clause: ArbitrationClause) -> Self::Config;

    /// Stores the configuration [`Mount::replace_clause`] put in force.
    fn store_config(&mut self, config: Self::Config);

    /// The admin replaces the arbitration clause before any acceptance:
    /// [`Safeguards::replace_clause`] checks the caller, the switch and that
    /// nobody accepted yet, and rebinds the configuration digest to
    /// `digest_of` the configuration with the new clause
    /// ([`Mount::config_with_clause`]); only then is that configuration
    /// stored ([`Mount::store_config`]), so what a party accepts is still
    /// what runs. `dispatch` passes [`gate::config_digest`](crate::gate::config_digest).
    ///
    /// # Errors
    ///
    /// The kit's (`Unauthorized`, `Terminated`, `ClauseLocked`, the
    /// clause's validation errors).
    ///
    /// # Events
    ///
    /// `ArbitrationClauseSet`.
    fn replace_clause(
        &mut self,
        caller: AccountId,
        clause: ArbitrationClause,
        digest_of: impl FnOnce(&Self::Config) -> Hash32,
    ) -> Result<Effects<Self::Event>, Self::Error> {
        let config = self.config_with_clause(clause);
        let step = self
            .safeguards_mut()
            .replace_clause(caller, clause, digest_of(&config))?;
        self.store_config(config);
        Ok(Effects::of(step.0))
    }

    /// `caller` disputes the template's item `subject` with the SHA-256
    /// of its evidence: the template checks the caller is the item's payer
    /// or payee and the item disputable, then freezes its amount through
    /// [`Safeguards::raise_dispute`]. Works while paused; not after
    /// termination.
    ///
    /// # Errors
    ///
    /// The template's refusals and the dispute core's errors.
    fn raise_dispute(
        &mut self,
        caller: AccountId,
        subject: u32,
        evidence_hash: Hash32,
        now: Timestamp,
    ) -> Result<Effects<Self::Event>, Self::Error>;

    /// Anyone executes dispute `dispute` once its ruling is final or its
    /// ruling deadline passed ([`Safeguards::execute_ruling`]); the template
    /// pays the split and settles its item.
    ///
    /// # Errors
    ///
    /// `Paused` for a split that pays the payee while paused; the dispute
    /// core's errors.
    fn execute_ruling(
        &mut self,
        dispute: u32,
        now: Timestamp,
    ) -> Result<Effects<Self::HotEvent>, Self::Error>;

    /// Anyone carries out a final automated decision once
    /// ([`Safeguards::take_decision`]); the template applies its verdict to
    /// the item, checking the kill switch first (what a verdict pays
    /// differs by template).
    ///
    /// # Errors
    ///
    /// The template's kill-switch refusal and the review core's errors.
    fn execute_decision(
        &mut self,
        decision: DecisionId,
        now: Timestamp,
    ) -> Result<Effects<Self::HotEvent>, Self::Error>;

    /// The admin terminates a paused contract: the template computes its
    /// settlement of what no human process holds and pays it through
    /// [`Safeguards::terminate`], which refuses any plan that pays a
    /// non-party or does not add up.
    ///
    /// # Errors
    ///
    /// The kill switch's errors.
    fn terminate(
        &mut self,
        caller: AccountId,
        reason_hash: Hash32,
        now: Timestamp,
    ) -> Result<Effects<Self::Event>, Self::Error>;
}

/// Runs a safeguard call on a template's core as `caller` at `now`: what
/// every template's `safeguard` message does, in one line. The kit's own
/// calls go to the [`Safeguards`] method of the same name, which checks the
/// role first, then the kill switch, then runs the core (evidence capped at
/// [`Mount::EVIDENCE_LIMIT`] per dispute); an acceptance first asks the registry for
/// the caller's valid attestation, a noted invalidation for the registry's
/// reason, on chain ([`OnChain`]); the five template steps go to the
/// template's [`Mount`] impl.
///
/// # Errors
///
/// The called method's.
pub fn dispatch<M: Mount>(
    core: &mut M,
    caller: AccountId,
    now: Timestamp,
    call: SafeguardCall,
) -> Result<Effects<M::Event>, M::Error> {
    dispatch_asking(core, &OnChain, caller, now, call)
}

/// The two safeguard calls that pay: executing a dispute's ruling and an
/// automated decision. A split template's hot code decodes and runs these
/// itself ([`split::SafeguardRoute`](super::split::SafeguardRoute)), so
/// they are a type of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Execution {
    /// `SafeguardCall::ExecuteRuling`.
    Ruling {
        /// The dispute.
        dispute: u32,
    },
    /// `SafeguardCall::ExecuteDecision`.
    Decision {
        /// The decision.
        decision: DecisionId,
    },
}

/// Runs an execution on a template's core at `now`: the template's
/// [`Mount::execute_ruling`] or [`Mount::execute_decision`], with nothing
/// before it. The one body both [`dispatch`] and a split template's hot
/// code ([`split::dispatch_hot`](super::split::dispatch_hot)) run, so a
/// check added here reaches both. `dispatch` runs nothing before it for
/// these two calls; a check added at the top of `dispatch` would not
/// reach the hot code.
///
/// # Errors
///
/// The step's.
pub fn execute<M: Mount>(
    core: &mut M,
    execution: Execution,
    now: Timestamp,
) -> Result<Effects<M::HotEvent>, M::Error> {
    match execution {
        Execution::Ruling { dispute } => core.execute_ruling(dispute, now),
        Execution::Decision { decision } => core.execute_decision(decision, now),
    }
}

/// [`dispatch`], asking `registry` for the EDS gate's answers: the kit's
/// unit tests give their own. Not public, so that no contract can pass a
/// registry double in place of the chain's answers.
pub(crate) fn dispatch_asking<M: Mount>(
    core: &mut M,
    registry: &impl Registry,
    caller: AccountId,
    now: Timestamp,
    call: SafeguardCall,
) -> Result<Effects<M::Event>, M::Error> {
    // Nothing may run here before the match: a split template's hot code
    // runs the two executions through `execute` without this function.
    let kit = match call {
        // The kit's, after the registry gate.
        SafeguardCall::AcceptAgreement {
            hash,
            version,
            config_digest,
        } => {
            let kit = core.safeguards_mut();
            let (registry_at, requirement) = kit.eds_requirement(caller)?;
            let attestation = registry.check(registry_at, caller, now, requirement)?;
            let terms = Terms { hash, version };
            kit.accept_agreement(caller, terms, config_digest, now, attestation)
        }
        SafeguardCall::NoteInvalidatedAttestation { party, attestation } => {
            let kit = core.safeguards_mut();
            let reason = registry
                .invalidation(kit.eds_gate().registry, attestation)?
                .ok_or(GateError::StillValid { attestation })?;
            kit.note_invalidated(party, attestation, reason, now)
        }
        // The template's steps.
        SafeguardCall::ReplaceClause { clause } => {
            return core.replace_clause(caller, clause, crate::gate::config_digest)
        }
        SafeguardCall::RaiseDispute {
            subject,
            evidence_hash,
        } => return core.raise_dispute(caller, subject, evidence_hash, now),
        // A split template's hot code runs these two through the same
        // `execute`, without the rest of `dispatch` (`split::dispatch_hot`).
        SafeguardCall::ExecuteRuling { dispute } => {
            return execute(core, Execution::Ruling { dispute }, now).map(Effects::convert)
        }
        SafeguardCall::ExecuteDecision { decision } => {
            return execute(core, Execution::Decision { decision }, now).map(Effects::convert)
        }
        SafeguardCall::Terminate { reason_hash } => {
            return core.terminate(caller, reason_hash, now)
        }
        // The kit's own.
        SafeguardCall::Pause { reason_hash } => {
            core.safeguards_mut().pause(caller, reason_hash, now)
        }
        SafeguardCall::Resume => core.safeguards_mut().resume(caller, now),
        SafeguardCall::GrantRole { role, account } => {
            core.safeguards_mut().grant_role(caller, role, account)
        }
        SafeguardCall::RevokeRole { role, account } => {
            core.safeguards_mut().revoke_role(caller, role, account)
        }
        SafeguardCall::ProposeAdmin { new_admin } => {
            core.safeguards_mut().propose_admin(caller, new_admin)
        }
        SafeguardCall::AcceptAdmin => core.safeguards_mut().accept_admin(caller),
        SafeguardCall::ProposeAmendment { hash, version } => core
            .safeguards_mut()
            .propose_amendment(caller, Terms { hash, version }, now),
        SafeguardCall::RequestReview {
            decision,
            reason_hash,
        } => core
            .safeguards_mut()
            .request_review(caller, decision, reason_hash, now),
        SafeguardCall::ResolveReview {
            decision,
            override_to,
            reasoning_hash,
        } => {
            core.safeguards_mut()
                .resolve_review(caller, decision, override_to, reasoning_hash, now)
        }
        SafeguardCall::SubmitEvidence {
            dispute,
            evidence_hash,
        } => {
            core.safeguards_mut()
                .submit_evidence(caller, dispute, evidence_hash, M::EVIDENCE_LIMIT)
        }
        SafeguardCall::Rule {
            dispute,
            payer_bps,
            award_hash,
        } => core
            .safeguards_mut()
            .rule(caller, dispute, payer_bps, award_hash, now),
        SafeguardCall::Appeal {
            dispute,
            grounds_hash,
        } => core
            .safeguards_mut()
            .appeal(caller, dispute, grounds_hash, now),
    };
    Ok(Effects::of(kit?))
}
