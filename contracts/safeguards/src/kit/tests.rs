//! The kit's one entry: [`Safeguards::dispatch`] runs each
//! [`SafeguardCall`] exactly as the kit method of its name, and each call,
//! query and answer keeps its wire identity (index, then fields).
use scale::Encode;

use super::*;
use crate::{
    arbitration::{Forum, GoverningLaw, Language, Rules, Seat},
    dispute::Fallback,
    review::{AiLabel, RiskClass},
    store::MemStore,
    test_utils::*,
};

const REVIEWER: u8 = 4;
const T: Timestamp = 1_000;
/// The id of the fixture's one automated decision (ids start at 1).
const DECISION: DecisionId = 1;

fn kit() -> Safeguards<MemStore> {
    let config = SafeguardsConfig {
        parties: vec![acc(CLIENT), acc(CONTRACTOR)],
        terms: Terms {
            hash: h(1),
            version: 1,
        },
        config_digest: h(2),
        clause: ArbitrationClause {
            forum: Forum::IacArbitration,
            rules: Rules::IacArbitrationAndMediationRules,
            rules_version: 2022,
            seat: Some(Seat::AifcAstana),
            language: Language::English,
            arbitrators: 1,
            governing_law: GoverningLaw::AifcLaw,
            clause_hash: h(3),
        },
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
            requirements: vec![Requirement::individual(true), Requirement::individual(true)],
        },
    };
    let (mut kit, _) = Safeguards::new(acc(ADMIN), config).unwrap();
    for (party, attestation) in [(CLIENT, 1), (CONTRACTOR, 2)] {
        let terms = Terms {
            hash: h(1),
            version: 1,
        };
        kit.accept_agreement(acc(party), terms, h(2), T, attestation)
            .unwrap();
    }
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

/// Every call, as `dispatch` takes it and as the kit method of its name
/// takes it, in an order in which each succeeds.
#[allow(clippy::type_complexity)]
fn script() -> Vec<(
    AccountId,
    SafeguardCall,
    fn(&mut Safeguards<MemStore>, AccountId) -> Outcome,
)> {
    vec![
        (
            acc(GUARDIAN),
            SafeguardCall::Pause { reason_hash: h(30) },
            |s, c| s.pause(c, h(30), T),
        ),
        (acc(ADMIN), SafeguardCall::Resume, |s, c| s.resume(c, T)),
        (
            acc(ADMIN),
            SafeguardCall::GrantRole {
                role: Role::Guardian,
                account: acc(70),
            },
            |s, c| s.grant_role(c, Role::Guardian, acc(70)),
        ),
        (
            acc(ADMIN),
            SafeguardCall::RevokeRole {
                role: Role::Guardian,
                account: acc(GUARDIAN),
            },
            |s, c| s.revoke_role(c, Role::Guardian, acc(GUARDIAN)),
        ),
        (
            acc(CLIENT),
            SafeguardCall::ProposeAmendment {
                hash: h(31),
                version: 2,
            },
            |s, c| {
                let terms = Terms {
                    hash: h(31),
                    version: 2,
                };
                s.propose_amendment(c, terms, T)
            },
        ),
        (
            acc(CLIENT),
            SafeguardCall::RequestReview {
                decision: DECISION,
                reason_hash: h(32),
            },
            |s, c| s.request_review(c, DECISION, h(32), T),
        ),
        (
            acc(REVIEWER),
            SafeguardCall::ResolveReview {
                decision: DECISION,
                override_to: Some(Verdict::Favourable),
                reasoning_hash: h(33),
            },
            |s, c| s.resolve_review(c, DECISION, Some(Verdict::Favourable), h(33), T),
        ),
        (
            acc(CLIENT),
            SafeguardCall::SubmitEvidence {
                dispute: 0,
                evidence_hash: h(34),
            },
            |s, c| s.submit_evidence(c, 0, h(34), crate::dispute::MAX_EVIDENCE),
        ),
        (
            acc(ARBITRATOR),
            SafeguardCall::Rule {
                dispute: 0,
                payer_bps: 2_500,
                award_hash: h(35),
            },
            |s, c| s.rule(c, 0, 2_500, h(35), T),
        ),
        (
            acc(CLIENT),
            SafeguardCall::Appeal {
                dispute: 0,
                grounds_hash: h(36),
            },
            |s, c| s.appeal(c, 0, h(36), T),
        ),
        (
            acc(ADMIN),
            SafeguardCall::ProposeAdmin { new_admin: acc(80) },
            |s, c| s.propose_admin(c, acc(80)),
        ),
        (acc(80), SafeguardCall::AcceptAdmin, |s, c| {
            s.accept_admin(c)
        }),
    ]
}

#[test]
fn dispatch_runs_every_call_as_the_kit_method_of_its_name() {
    let script = script();
    assert_eq!(
        script.len(),
        SafeguardCall::NAMES.len(),
        "a call is missing"
    );
    let (mut by_call, mut by_method) = (kit(), kit());
    for (caller, call, method) in script {
        let name = SafeguardCall::NAMES[usize::from(call.encode()[0])];
        let got = by_call.dispatch(caller, T, call);
        let want = method(&mut by_method, caller);
        assert!(got.is_ok(), "{name}: {got:?}");
        assert_eq!(got, want, "{name}: outcome");
        assert_eq!(by_call, by_method, "{name}: state");
    }
}

#[test]
fn dispatch_refuses_every_call_from_a_stranger_as_the_kit_method_does() {
    for (_, call, method) in script() {
        let name = SafeguardCall::NAMES[usize::from(call.encode()[0])];
        let (mut by_call, mut by_method) = (kit(), kit());
        let got = by_call.dispatch(acc(STRANGER), T, call);
        let want = method(&mut by_method, acc(STRANGER));
        assert!(got.is_err(), "{name} by a stranger: {got:?}");
        assert_eq!(got, want, "{name}: refusal");
        assert_eq!(by_call, kit(), "{name}: a refusal changed the state");
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
    ];
    assert_eq!(queries.len(), SafeguardQuery::NAMES.len());
    for (i, query) in queries.into_iter().enumerate() {
        assert_eq!(usize::from(query.encode()[0]), i, "{query:?}");
        let answer = kit.query(query).encode();
        assert_eq!(usize::from(answer[0]), i, "{query:?} answered {answer:?}");
    }
}

#[test]
fn queries_answer_what_the_cores_hold() {
    let kit = kit();
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
        SafeguardAnswer::EdsRequirements(vec![Requirement::individual(true); 2])
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
}
