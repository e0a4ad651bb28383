//! The kit's one entry: [`dispatch`] runs each [`SafeguardCall`] exactly
//! as the method of its name (the kit's, or the template core's [`Mount`]
//! step), and each call, query and answer keeps its wire identity (index,
//! then fields).
use scale::Encode;

use super::*;
use crate::{
    dispute::Fallback,
    eds::{AttestationId, EdsError, RevocationReason},
    effects::Effects,
    gate::{GateError, Registry},
    kit::mount::dispatch_asking,
    review::{AiLabel, RiskClass},
    store::MemStore,
    test_utils::*,
    DisputeError,
};

const REVIEWER: u8 = 4;
/// What each party's attestation must show: different, so that a gate
/// asking with the other party's requirement is seen.
fn client_eds() -> Requirement {
    Requirement::individual(true)
}
fn contractor_eds() -> Requirement {
    Requirement::individual(false)
}
const T: Timestamp = 1_000;
/// The id of the fixture's one automated decision (ids start at 1).
const DECISION: DecisionId = 1;

fn clause(hash: Hash32) -> ArbitrationClause {
    iac_clause(hash)
}

/// The clause the script puts in place, and the digest of the (test
/// core's) configuration it makes: what every acceptance then quotes.
fn replaced() -> (ArbitrationClause, Hash32) {
    let clause = clause(h(41));
    (clause, crate::gate::config_digest(&clause))
}

/// The first version of the agreement.
const V1: Terms = Terms {
    hash: [1; 32],
    version: 1,
};

/// The fixture: no acceptance yet, one dispute (0, the contractor's, over
/// item 0) and one automated decision about the client.
fn kit() -> Safeguards<MemStore> {
    let config = SafeguardsConfig {
        parties: vec![acc(CLIENT), acc(CONTRACTOR)],
        terms: Terms {
            hash: h(1),
            version: 1,
        },
        config_digest: h(2),
        clause: clause(h(3)),
        disputes: DisputeConfig {
            ruling_period: 100,
            appeal_window: 50,
            fallback: Fallback::SplitEvenly,
        },
        review: ReviewConfig {
            review_window: 100,
            reviewer_deadline: 100,
            confirm_high_risk: false,
        },
        max_pause: 1_000,
        grants: vec![
            (Role::Guardian, acc(GUARDIAN)),
            (Role::Arbitrator, acc(ARBITRATOR)),
            (Role::Reviewer, acc(REVIEWER)),
        ],
        gate: EdsGate {
            registry: acc(50),
            requirements: vec![client_eds(), contractor_eds()],
        },
    };
    let (mut kit, _) = Safeguards::new(acc(ADMIN), config).unwrap();
    assert_eq!(V1.hash, h(1));
    let _ = kit
        .raise_dispute(
            acc(CONTRACTOR),
            acc(CLIENT),
            acc(CONTRACTOR),
            0,
            500,
            h(20),
            T,
        )
        .unwrap();
    let input = DecisionInput {
        subject: acc(CLIENT),
        kind: 1,
        verdict: Verdict::Adverse,
        amount: Some(300),
        item: 1,
        explanation: h(21),
        ai: AiLabel {
            ai_involved: false,
            risk: RiskClass::Minimal,
        },
    };
    let (id, _) = kit.record_decision(acc(60), input, T).unwrap();
    assert_eq!(id, DECISION);
    kit
}

/// The fixture, both parties having accepted the first version.
fn accepted() -> Safeguards<MemStore> {
    let mut kit = kit();
    for (party, attestation) in [(CLIENT, 1), (CONTRACTOR, 2)] {
        kit.accept_agreement(acc(party), V1, h(2), T, attestation)
            .unwrap();
    }
    kit
}

/// A template core for the kit's tests: the fixture's kit, each dispute on
/// an item of 500 from the client to the contractor, an empty settlement.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Core(Safeguards<MemStore>);

/// A template's flat error, as far as the kit's tests need one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refused {
    Kit(SafeguardError),
    Gate(GateError),
}

impl From<SafeguardError> for Refused {
    fn from(e: SafeguardError) -> Self {
        Self::Kit(e)
    }
}

impl From<GateError> for Refused {
    fn from(e: GateError) -> Self {
        Self::Gate(e)
    }
}

type Done = Result<Effects<SafeguardEvent>, Refused>;
type HotDone = Result<Effects<HotEvent>, Refused>;

/// The registry's answers, asked at `now`: the client holds attestation 3
/// (later revoked), the contractor 4 (still valid), the stranger none. It
/// fails the test if asked at another time, about another registry, or
/// with another requirement than the account's.
struct Answers {
    now: Timestamp,
}

impl Registry for Answers {
    fn check(
        &self,
        registry: AccountId,
        account: AccountId,
        at: Timestamp,
        requirement: Requirement,
    ) -> Result<AttestationId, GateError> {
        assert_eq!(registry, acc(50), "the gate asks the configured registry");
        assert_eq!(at, self.now, "the gate asks at the block time");
        if account == acc(STRANGER) {
            return Err(GateError::Refused(EdsError::NoAttestation { account }));
        }
        let (expected, id) = if account == acc(CLIENT) {
            (client_eds(), 3)
        } else {
            assert_eq!(account, acc(CONTRACTOR), "the gate asks about the caller");
            (contractor_eds(), 4)
        };
        assert_eq!(
            requirement, expected,
            "the gate asks the caller's requirement"
        );
        Ok(id)
    }

    fn invalidation(
        &self,
        registry: AccountId,
        id: AttestationId,
    ) -> Result<Option<RevocationReason>, GateError> {
        assert_eq!(registry, acc(50), "the gate asks the configured registry");
        Ok((id == 3).then_some(RevocationReason::KeyCompromise))
    }
}

impl Mount for Core {
    /// Below the kit's 16, so that a `dispatch` passing another limit is
    /// seen: two hashes a side.
    const EVIDENCE_LIMIT: usize = 4;
    type Store = MemStore;
    type HotEvent = HotEvent;
    type Event = SafeguardEvent;
    type Error = Refused;
    /// The test core's whole configuration is its clause.
    type Config = ArbitrationClause;

    fn safeguards(&self) -> &Safeguards<MemStore> {
        &self.0
    }

    fn safeguards_mut(&mut self) -> &mut Safeguards<MemStore> {
        &mut self.0
    }

    fn config_with_clause(&self, clause: ArbitrationClause) -> ArbitrationClause {
        clause
    }

    /// The kit keeps the clause; the test core stores nothing else.
    fn store_config(&mut self, _: ArbitrationClause) {}

    fn raise_dispute(
        &mut self,
        caller: AccountId,
        subject: u32,
        hash: Hash32,
        now: Timestamp,
    ) -> Done {
        let (client, contractor) = (acc(CLIENT), acc(CONTRACTOR));
        let (_, step) = self
            .0
            .raise_dispute(caller, client, contractor, subject, 500, hash, now)?;
        Ok(Effects::of(step.0))
    }

    fn execute_ruling(&mut self, dispute: u32, now: Timestamp) -> HotDone {
        let (r, resolved) = self.0.execute_ruling(dispute, now)?;
        Ok(Effects::one(resolved)
            .pay(r.payer, r.payer_amount)
            .pay(r.payee, r.payee_amount))
    }

    fn execute_decision(&mut self, decision: DecisionId, now: Timestamp) -> HotDone {
        let (_, took) = self.0.take_decision(decision, now)?;
        Ok(Effects::one(took))
    }

    fn terminate(&mut self, caller: AccountId, reason: Hash32, now: Timestamp) -> Done {
        let step = self.0.terminate(caller, reason, &[], 0, now)?;
        Ok(Effects::of(step.0))
    }
}

/// After the appeal window of a ruling made at `T`.
const LATER: Timestamp = T + 60;

type Method = fn(&mut Core, AccountId, Timestamp) -> Done;

fn kit_only(outcome: Outcome) -> Done {
    Ok(Effects::of(outcome?))
}

/// Every call, as `dispatch` takes it and as the method of its name (the
/// kit's, or the core's [`Mount`] step) takes it, with its caller and
/// time, in an order in which each succeeds.
fn script() -> Vec<(AccountId, Timestamp, SafeguardCall, Method)> {
    let (new_clause, digest) = replaced();
    vec![
        (
            acc(ADMIN),
            T,
            SafeguardCall::ReplaceClause { clause: new_clause },
            |c, who, _| c.replace_clause(who, replaced().0, crate::gate::config_digest),
        ),
        (
            acc(CLIENT),
            T,
            SafeguardCall::AcceptAgreement {
                hash: V1.hash,
                version: 1,
                config_digest: digest,
            },
            |c, who, now| accept(c, who, V1, now),
        ),
        (
            acc(CONTRACTOR),
            T,
            SafeguardCall::AcceptAgreement {
                hash: V1.hash,
                version: 1,
                config_digest: digest,
            },
            |c, who, now| accept(c, who, V1, now),
        ),
        (
            acc(GUARDIAN),
            T,
            SafeguardCall::Pause { reason_hash: h(30) },
            |c, who, now| kit_only(c.0.pause(who, h(30), now)),
        ),
        (acc(ADMIN), T, SafeguardCall::Resume, |c, who, now| {
            kit_only(c.0.resume(who, now))
        }),
        (
            acc(ADMIN),
            T,
            SafeguardCall::GrantRole {
                role: Role::Guardian,
                account: acc(70),
            },
            |c, who, _| kit_only(c.0.grant_role(who, Role::Guardian, acc(70))),
        ),
        (
            acc(ADMIN),
            T,
            SafeguardCall::RevokeRole {
                role: Role::Guardian,
                account: acc(GUARDIAN),
            },
            |c, who, _| kit_only(c.0.revoke_role(who, Role::Guardian, acc(GUARDIAN))),
        ),
        (
            acc(CLIENT),
            T,
            SafeguardCall::ProposeAmendment {
                hash: h(31),
                version: 2,
            },
            |c, who, now| {
                let terms = Terms {
                    hash: h(31),
                    version: 2,
                };
                kit_only(c.0.propose_amendment(who, terms, now))
            },
        ),
        (
            acc(CLIENT),
            T,
            SafeguardCall::AcceptAgreement {
                hash: h(31),
                version: 2,
                config_digest: digest,
            },
            |c, who, now| {
                let terms = Terms {
                    hash: h(31),
                    version: 2,
                };
                accept(c, who, terms, now)
            },
        ),
        (
            acc(STRANGER),
            T,
            SafeguardCall::NoteInvalidatedAttestation {
                party: acc(CLIENT),
                attestation: 3,
            },
            |c, _, now| {
                let reason = RevocationReason::KeyCompromise;
                kit_only(c.0.note_invalidated(acc(CLIENT), 3, reason, now))
            },
        ),
        (
            acc(CLIENT),
            T,
            SafeguardCall::RaiseDispute {
                subject: 1,
                evidence_hash: h(37),
            },
            |c, who, now| c.raise_dispute(who, 1, h(37), now),
        ),
        (
            acc(CLIENT),
            T,
            SafeguardCall::RequestReview {
                decision: DECISION,
                reason_hash: h(32),
            },
            |c, who, now| kit_only(c.0.request_review(who, DECISION, h(32), now)),
        ),
        (
            acc(REVIEWER),
            T,
            SafeguardCall::ResolveReview {
                decision: DECISION,
                override_to: Some(Verdict::Favourable),
                reasoning_hash: h(33),
            },
            |c, who, now| {
                let verdict = Some(Verdict::Favourable);
                kit_only(c.0.resolve_review(who, DECISION, verdict, h(33), now))
            },
        ),
        (
            acc(CLIENT),
            T,
            SafeguardCall::SubmitEvidence {
                dispute: 0,
                evidence_hash: h(34),
            },
            |c, who, _| kit_only(c.0.submit_evidence(who, 0, h(34), Core::EVIDENCE_LIMIT)),
        ),
        (
            acc(ARBITRATOR),
            T,
            SafeguardCall::Rule {
                dispute: 0,
                payer_bps: 2_500,
                award_hash: h(35),
            },
            |c, who, now| kit_only(c.0.rule(who, 0, 2_500, h(35), now)),
        ),
        (
            acc(CLIENT),
            T,
            SafeguardCall::Appeal {
                dispute: 0,
                grounds_hash: h(36),
            },
            |c, who, now| kit_only(c.0.appeal(who, 0, h(36), now)),
        ),
        (
            acc(ARBITRATOR),
            T,
            SafeguardCall::Rule {
                dispute: 1,
                payer_bps: 4_000,
                award_hash: h(38),
            },
            |c, who, now| kit_only(c.0.rule(who, 1, 4_000, h(38), now)),
        ),
        (
            acc(STRANGER),
            LATER,
            SafeguardCall::ExecuteRuling { dispute: 1 },
            |c, _, now| c.execute_ruling(1, now).map(Effects::convert),
        ),
        (
            acc(STRANGER),
            LATER,
            SafeguardCall::ExecuteDecision { decision: DECISION },
            |c, _, now| c.execute_decision(DECISION, now).map(Effects::convert),
        ),
        (
            acc(70),
            LATER,
            SafeguardCall::Pause { reason_hash: h(39) },
            |c, who, now| kit_only(c.0.pause(who, h(39), now)),
        ),
        (
            acc(ADMIN),
            LATER,
            SafeguardCall::Terminate { reason_hash: h(40) },
            |c, who, now| c.terminate(who, h(40), now),
        ),
        (
            acc(ADMIN),
            LATER,
            SafeguardCall::ProposeAdmin { new_admin: acc(80) },
            |c, who, _| kit_only(c.0.propose_admin(who, acc(80))),
        ),
        (acc(80), LATER, SafeguardCall::AcceptAdmin, |c, who, _| {
            kit_only(c.0.accept_admin(who))
        }),
    ]
}

/// An acceptance as the gate makes it: the registry's attestation, then
/// the kit's method, quoting the digest of the replaced configuration.
fn accept(c: &mut Core, who: AccountId, terms: Terms, now: Timestamp) -> Done {
    let (registry, requirement) = c.0.eds_requirement(who)?;
    let attestation = Answers { now }.check(registry, who, now, requirement)?;
    kit_only(c.0.accept_agreement(who, terms, replaced().1, now, attestation))
}

fn name(call: &SafeguardCall) -> &'static str {
    SafeguardCall::NAMES[usize::from(call.encode()[0])]
}

#[test]
fn dispatch_runs_every_call_as_the_method_of_its_name() {
    let script = script();
    let mut named: Vec<&str> = script.iter().map(|(_, _, call, _)| name(call)).collect();
    named.sort_unstable();
    named.dedup();
    assert_eq!(named.len(), SafeguardCall::NAMES.len(), "a call is missing");
    let (mut by_call, mut by_method) = (Core(kit()), Core(kit()));
    for (caller, now, call, method) in script {
        let name = name(&call);
        let got = dispatch_asking(&mut by_call, &Answers { now }, caller, now, call);
        let want = method(&mut by_method, caller, now);
        assert!(got.is_ok(), "{name}: {got:?}");
        assert_eq!(got, want, "{name}: outcome");
        assert_eq!(by_call, by_method, "{name}: state");
    }
    assert_eq!(by_call.0.kill_switch().state(), SwitchState::Terminated);
    assert_eq!(by_call.0.clause(), replaced().0);
    assert_eq!(by_call.0.config_digest(), replaced().1);
    assert_ne!(replaced().1, h(2));
    let acceptances = by_call.0.agreement().history();
    let attestations: Vec<_> = acceptances
        .iter()
        .map(|a| (a.party, a.attestation))
        .collect();
    assert_eq!(
        attestations[..2],
        [(acc(CLIENT), 3), (acc(CONTRACTOR), 4)],
        "each acceptance records its own party's attestation"
    );
}

/// The fixture after both parties accepted through `dispatch`.
fn accepted_through_dispatch() -> Core {
    let mut core = Core(kit());
    for party in [CLIENT, CONTRACTOR] {
        let call = SafeguardCall::AcceptAgreement {
            hash: V1.hash,
            version: 1,
            config_digest: h(2),
        };
        dispatch_asking(&mut core, &Answers { now: T }, acc(party), T, call).unwrap();
    }
    core
}

#[test]
fn dispatch_caps_each_sides_evidence_at_the_cores_limit() {
    // given: dispute 0, raised by the contractor with one hash; the core
    // takes 4 hashes a dispute, 2 a side
    let mut core = accepted_through_dispatch();
    let evidence = |n| SafeguardCall::SubmitEvidence {
        dispute: 0,
        evidence_hash: h(n),
    };
    // when / then: the client's two pass, its third is refused
    for n in [60, 61] {
        dispatch_asking(&mut core, &Answers { now: T }, acc(CLIENT), T, evidence(n)).unwrap();
    }
    let before = core.clone();
    let third = dispatch_asking(&mut core, &Answers { now: T }, acc(CLIENT), T, evidence(62));
    assert_eq!(
        third,
        Err(Refused::Kit(DisputeError::TooMuchEvidence.into()))
    );
    assert_eq!(core, before);
    // and the contractor's second still passes: the quota is per side
    dispatch_asking(
        &mut core,
        &Answers { now: T },
        acc(CONTRACTOR),
        T,
        evidence(63),
    )
    .unwrap();
    assert_eq!(core.0.disputes().evidence(0).len(), 4);
}

#[test]
fn noting_an_attestation_the_registry_still_counts_is_refused_and_changes_nothing() {
    // given: both parties accepted, the contractor on attestation 4, which
    // the registry still counts
    let mut core = accepted_through_dispatch();
    let before = core.clone();
    // when
    let call = SafeguardCall::NoteInvalidatedAttestation {
        party: acc(CONTRACTOR),
        attestation: 4,
    };
    let got = dispatch_asking(&mut core, &Answers { now: T }, acc(STRANGER), T, call);
    // then
    assert_eq!(
        got,
        Err(Refused::Gate(GateError::StillValid { attestation: 4 }))
    );
    assert_eq!(core, before);
}

#[test]
fn each_call_keeps_its_published_index_and_name() {
    // Written out, not taken from `NAMES`: the wire format is fixed, and a
    // renumbered or renamed call must fail here.
    let published = [
        ("pause", 0),
        ("resume", 1),
        ("grant_role", 2),
        ("revoke_role", 3),
        ("propose_admin", 4),
        ("accept_admin", 5),
        ("propose_amendment", 6),
        ("request_review", 7),
        ("resolve_review", 8),
        ("submit_evidence", 9),
        ("rule", 10),
        ("appeal", 11),
        ("raise_dispute", 12),
        ("execute_ruling", 13),
        ("execute_decision", 14),
        ("terminate", 15),
        ("accept_agreement", 16),
        ("note_invalidated_attestation", 17),
        ("replace_clause", 18),
    ];
    assert_eq!(SafeguardCall::NAMES.len(), published.len());
    for (name, index) in published {
        assert_eq!(SafeguardCall::index_of(name), Some(index), "{name}");
    }
}

#[test]
fn each_query_keeps_its_published_index_and_name() {
    let published = [
        ("admin", 0),
        ("pending_admin", 1),
        ("has_role", 2),
        ("holders", 3),
        ("state", 4),
        ("pause_lapses_at", 5),
        ("effective_terms", 6),
        ("pending_terms", 7),
        ("acceptances", 8),
        ("config_digest", 9),
        ("clause", 10),
        ("registry", 11),
        ("eds_requirements", 12),
        ("dispute", 13),
        ("evidence", 14),
        ("decision", 15),
    ];
    assert_eq!(SafeguardQuery::NAMES.len(), published.len());
    for (name, index) in published {
        assert_eq!(SafeguardQuery::index_of(name), Some(index), "{name}");
    }
}

#[test]
fn dispatch_answers_a_stranger_at_the_start_as_the_method_does() {
    for (_, now, call, method) in script() {
        let name = name(&call);
        let (mut by_call, mut by_method) = (Core(kit()), Core(kit()));
        let got = dispatch_asking(&mut by_call, &Answers { now }, acc(STRANGER), now, call);
        let want = method(&mut by_method, acc(STRANGER), now);
        assert!(got.is_err(), "{name} by a stranger: {got:?}");
        assert_eq!(got, want, "{name}: refusal");
        assert_eq!(by_call, Core(kit()), "{name}: a refusal changed the state");
    }
}

#[test]
fn each_call_encodes_as_its_index_then_its_fields() {
    let a = acc(7);
    let cases: Vec<(SafeguardCall, &str, Vec<u8>)> = vec![
        (
            SafeguardCall::Pause { reason_hash: h(1) },
            "pause",
            h(1).encode(),
        ),
        (SafeguardCall::Resume, "resume", vec![]),
        (
            SafeguardCall::GrantRole {
                role: Role::Reviewer,
                account: a,
            },
            "grant_role",
            (Role::Reviewer, a).encode(),
        ),
        (
            SafeguardCall::RevokeRole {
                role: Role::Guardian,
                account: a,
            },
            "revoke_role",
            (Role::Guardian, a).encode(),
        ),
        (
            SafeguardCall::ProposeAdmin { new_admin: a },
            "propose_admin",
            a.encode(),
        ),
        (SafeguardCall::AcceptAdmin, "accept_admin", vec![]),
        (
            SafeguardCall::RaiseDispute {
                subject: 10,
                evidence_hash: h(8),
            },
            "raise_dispute",
            (10u32, h(8)).encode(),
        ),
        (
            SafeguardCall::ExecuteRuling { dispute: 11 },
            "execute_ruling",
            11u32.encode(),
        ),
        (
            SafeguardCall::ExecuteDecision { decision: 12 },
            "execute_decision",
            12u32.encode(),
        ),
        (
            SafeguardCall::Terminate { reason_hash: h(9) },
            "terminate",
            h(9).encode(),
        ),
        (
            SafeguardCall::AcceptAgreement {
                hash: h(10),
                version: 2,
                config_digest: h(11),
            },
            "accept_agreement",
            (h(10), 2u32, h(11)).encode(),
        ),
        (
            SafeguardCall::NoteInvalidatedAttestation {
                party: a,
                attestation: 13,
            },
            "note_invalidated_attestation",
            (a, 13u64).encode(),
        ),
        (
            SafeguardCall::ReplaceClause {
                clause: clause(h(12)),
            },
            "replace_clause",
            clause(h(12)).encode(),
        ),
        (
            SafeguardCall::ProposeAmendment {
                hash: h(2),
                version: 3,
            },
            "propose_amendment",
            (h(2), 3u32).encode(),
        ),
        (
            SafeguardCall::RequestReview {
                decision: 4,
                reason_hash: h(3),
            },
            "request_review",
            (4u32, h(3)).encode(),
        ),
        (
            SafeguardCall::ResolveReview {
                decision: 5,
                override_to: Some(Verdict::Adverse),
                reasoning_hash: h(4),
            },
            "resolve_review",
            (5u32, Some(Verdict::Adverse), h(4)).encode(),
        ),
        (
            SafeguardCall::SubmitEvidence {
                dispute: 6,
                evidence_hash: h(5),
            },
            "submit_evidence",
            (6u32, h(5)).encode(),
        ),
        (
            SafeguardCall::Rule {
                dispute: 7,
                payer_bps: 8,
                award_hash: h(6),
            },
            "rule",
            (7u32, 8u16, h(6)).encode(),
        ),
        (
            SafeguardCall::Appeal {
                dispute: 9,
                grounds_hash: h(7),
            },
            "appeal",
            (9u32, h(7)).encode(),
        ),
    ];
    assert_eq!(cases.len(), SafeguardCall::NAMES.len());
    for (call, name, fields) in cases {
        // the index as published (`each_call_keeps_its_published_index_and_name`)
        let index = SafeguardCall::index_of(name).unwrap();
        let mut expected = vec![index];
        expected.extend(fields);
        assert_eq!(call.encode(), expected, "{name}");
    }
}

#[test]
fn each_query_is_answered_in_the_variant_of_its_index() {
    let kit = kit();
    let queries = [
        SafeguardQuery::Admin,
        SafeguardQuery::PendingAdmin,
        SafeguardQuery::HasRole {
            role: Role::Arbitrator,
            account: acc(ARBITRATOR),
        },
        SafeguardQuery::Holders {
            role: Role::Guardian,
        },
        SafeguardQuery::State,
        SafeguardQuery::PauseLapsesAt,
        SafeguardQuery::EffectiveTerms,
        SafeguardQuery::PendingTerms,
        SafeguardQuery::Acceptances,
        SafeguardQuery::ConfigDigest,
        SafeguardQuery::Clause,
        SafeguardQuery::Registry,
        SafeguardQuery::EdsRequirements,
        SafeguardQuery::Dispute { id: 0 },
        SafeguardQuery::Evidence { id: 0 },
        SafeguardQuery::Decision { id: DECISION },
    ];
    assert_eq!(queries.len(), SafeguardQuery::NAMES.len());
    let names = [
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
    for (i, query) in queries.into_iter().enumerate() {
        assert_eq!(
            SafeguardQuery::index_of(names[i]),
            u8::try_from(i).ok(),
            "{query:?}"
        );
        assert_eq!(usize::from(query.encode()[0]), i, "{query:?}");
        let answer = kit.query(query).encode();
        assert_eq!(usize::from(answer[0]), i, "{query:?} answered {answer:?}");
    }
}

#[test]
fn queries_answer_what_the_cores_hold() {
    let kit = accepted();
    let ask = |q| kit.query(q);
    assert_eq!(
        ask(SafeguardQuery::Admin),
        SafeguardAnswer::Admin(acc(ADMIN))
    );
    assert_eq!(
        ask(SafeguardQuery::PendingAdmin),
        SafeguardAnswer::PendingAdmin(None)
    );
    assert_eq!(
        ask(SafeguardQuery::HasRole {
            role: Role::Arbitrator,
            account: acc(ARBITRATOR)
        }),
        SafeguardAnswer::HasRole(true)
    );
    assert_eq!(
        ask(SafeguardQuery::HasRole {
            role: Role::Arbitrator,
            account: acc(GUARDIAN)
        }),
        SafeguardAnswer::HasRole(false)
    );
    assert_eq!(
        ask(SafeguardQuery::Holders {
            role: Role::Reviewer
        }),
        SafeguardAnswer::Holders(vec![acc(REVIEWER)])
    );
    assert_eq!(
        ask(SafeguardQuery::State),
        SafeguardAnswer::State(SwitchState::Active)
    );
    assert_eq!(
        ask(SafeguardQuery::PauseLapsesAt),
        SafeguardAnswer::PauseLapsesAt(None)
    );
    let v1 = Terms {
        hash: h(1),
        version: 1,
    };
    assert_eq!(
        ask(SafeguardQuery::EffectiveTerms),
        SafeguardAnswer::EffectiveTerms(Some(v1))
    );
    assert_eq!(
        ask(SafeguardQuery::PendingTerms),
        SafeguardAnswer::PendingTerms(None)
    );
    assert_eq!(
        ask(SafeguardQuery::Acceptances),
        SafeguardAnswer::Acceptances(kit.agreement().history())
    );
    assert_eq!(kit.agreement().history().len(), 2);
    assert_eq!(
        ask(SafeguardQuery::ConfigDigest),
        SafeguardAnswer::ConfigDigest(h(2))
    );
    assert_eq!(
        ask(SafeguardQuery::Clause),
        SafeguardAnswer::Clause(kit.clause())
    );
    assert_eq!(
        ask(SafeguardQuery::Registry),
        SafeguardAnswer::Registry(acc(50))
    );
    assert_eq!(
        ask(SafeguardQuery::EdsRequirements),
        SafeguardAnswer::EdsRequirements(vec![client_eds(), contractor_eds()])
    );
    let dispute = kit.disputes().get(0);
    assert!(dispute.is_some());
    assert_eq!(
        ask(SafeguardQuery::Dispute { id: 0 }),
        SafeguardAnswer::Dispute(dispute)
    );
    assert_eq!(
        ask(SafeguardQuery::Dispute { id: 1 }),
        SafeguardAnswer::Dispute(None)
    );
    assert_eq!(
        ask(SafeguardQuery::Evidence { id: 0 }),
        SafeguardAnswer::Evidence(vec![(acc(CONTRACTOR), h(20))])
    );
    let decision = kit.reviews().get(DECISION);
    assert!(decision.is_some());
    assert_eq!(
        ask(SafeguardQuery::Decision { id: DECISION }),
        SafeguardAnswer::Decision(decision)
    );
    assert_eq!(
        ask(SafeguardQuery::Decision { id: DECISION + 1 }),
        SafeguardAnswer::Decision(None)
    );
}

/// A registry that must not be asked.
struct Unasked;

impl Registry for Unasked {
    fn check(
        &self,
        _: AccountId,
        _: AccountId,
        _: Timestamp,
        _: Requirement,
    ) -> Result<AttestationId, GateError> {
        panic!("a call without the EDS gate asked the registry")
    }

    fn invalidation(
        &self,
        _: AccountId,
        _: AttestationId,
    ) -> Result<Option<RevocationReason>, GateError> {
        panic!("a call without the EDS gate asked the registry")
    }
}

#[test]
fn the_public_dispatch_runs_every_call_without_the_gate_as_dispatch_asking_does() {
    // `dispatch` asks the chain's registry only for an acceptance or a
    // noted invalidation; every other call runs here as it does on chain
    let gated = ["accept_agreement", "note_invalidated_attestation"];
    let (mut public, mut asking) = (Core(kit()), Core(kit()));
    for (caller, now, call, _) in script() {
        let name = name(&call);
        if gated.contains(&name) {
            continue;
        }
        let got = dispatch(&mut public, caller, now, call.clone());
        let want = dispatch_asking(&mut asking, &Unasked, caller, now, call);
        assert_eq!(got, want, "{name}");
        assert_eq!(public, asking, "{name}: state");
    }
    assert_eq!(public.0.kill_switch().state(), SwitchState::Terminated);
}

#[test]
fn safeguarded_runs_one_kit_method_and_returns_its_events() {
    let mut core = Core(kit());
    let got = core.safeguarded(|s| s.pause(acc(GUARDIAN), h(30), T));
    let mut expected = kit();
    let events = expected.pause(acc(GUARDIAN), h(30), T).unwrap();
    assert!(!events.is_empty());
    assert_eq!(got, Ok(Effects::of(events)));
    assert_eq!(core.0, expected);
}

/// Every hot event, emitted through [`HotEvent::emit`], is recorded with
/// exactly the topics and data its [`SafeguardEvent`] records through the
/// kit's exhaustive `emit`: the narrower type changes which code the hot
/// contract carries, never what an indexer or a party sees.
#[test]
fn each_hot_event_emits_exactly_what_its_safeguard_event_emits() {
    use crate::{
        dispute::DisputeResolved,
        kill_switch::SettlementPaid,
        review::{AutomatedDecisionRecorded, DecisionTookEffect, EffectBasis, Verdict},
    };
    use ink::env::{test, DefaultEnvironment};

    let hot = [
        HotEvent::DisputeResolved(DisputeResolved {
            id: 3,
            subject: 1,
            payer_amount: 250,
            payee_amount: 750,
            by_fallback: true,
        }),
        HotEvent::AutomatedDecisionRecorded(AutomatedDecisionRecorded {
            subject: acc(CLIENT),
            id: 2,
            kind: 1,
            item: 7,
            verdict: Verdict::Adverse,
            amount: Some(500),
            explanation: h(9),
            ai: AiLabel {
                ai_involved: false,
                risk: RiskClass::Minimal,
            },
            review_until: T,
            needs_confirmation: false,
        }),
        HotEvent::DecisionTookEffect(DecisionTookEffect {
            subject: acc(CLIENT),
            id: 2,
            verdict: Verdict::Favourable,
            basis: EffectBasis::DeadlineFallback,
        }),
        HotEvent::SettlementPaid(SettlementPaid {
            recipient: acc(CONTRACTOR),
            amount: 42,
        }),
    ];
    test::run_test::<DefaultEnvironment, _>(|_| {
        for event in hot {
            let kit = SafeguardEvent::from(event.clone());
            event.emit::<DefaultEnvironment>();
            kit.emit::<DefaultEnvironment>();
        }
        Ok(())
    })
    .expect("the off-chain environment runs");
    let recorded: Vec<_> = test::recorded_events()
        .map(|e| (e.topics, e.data))
        .collect();
    assert_eq!(recorded.len(), 8, "each event is recorded once per emit");
    for pair in recorded.chunks(2) {
        assert_eq!(pair[0], pair[1]);
        assert!(!pair[0].0.is_empty(), "a signature topic at least");
    }
    // Four different events, not one event four times.
    let signatures: std::collections::BTreeSet<_> = recorded
        .iter()
        .map(|(topics, _)| topics[0].clone())
        .collect();
    assert_eq!(signatures.len(), 4);
}
