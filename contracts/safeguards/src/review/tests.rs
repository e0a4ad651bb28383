use proptest::prelude::*;

use super::*;
use crate::{
    store::{MemStore, DECISIONS},
    test_utils::{acc, h, ADMIN, CLIENT, STRANGER},
};

type Reviews = super::Reviews<MemStore>;
type Roles = crate::roles::Roles<MemStore>;

const SYSTEM: u8 = 50;
const REVIEWER: u8 = 51;
const WINDOW: Timestamp = 1_000;
const DEADLINE: Timestamp = 5_000;
const T: Timestamp = 100_000;

fn config(confirm_high_risk: bool) -> ReviewConfig {
    ReviewConfig {
        review_window: WINDOW,
        reviewer_deadline: DEADLINE,
        confirm_high_risk,
    }
}

fn roles() -> Roles {
    let mut r = Roles::new(acc(ADMIN));
    r.grant(acc(ADMIN), Role::Reviewer, acc(REVIEWER)).unwrap();
    r
}

fn input(risk: RiskClass) -> DecisionInput {
    DecisionInput {
        subject: acc(CLIENT),
        kind: 1,
        verdict: Verdict::Adverse,
        amount: Some(500),
        item: 7,
        explanation: h(9),
        ai: AiLabel {
            ai_involved: true,
            risk,
        },
    }
}

fn recorded(confirm: bool, risk: RiskClass) -> (Reviews, DecisionId) {
    let mut r = Reviews::new(config(confirm)).unwrap();
    let (id, _) = r.record(acc(SYSTEM), input(risk), T).unwrap();
    (r, id)
}

fn core(e: ReviewError) -> Guarded<ReviewError> {
    Guarded::Core(e)
}

#[test]
fn record_notifies_the_subject_with_explanation_and_ai_label() {
    // given
    let mut r = Reviews::new(config(false)).unwrap();
    // when
    let (id, recorded) = r.record(acc(SYSTEM), input(RiskClass::Medium), T).unwrap();
    // then
    assert_eq!(id, 1);
    assert_eq!(
        recorded,
        AutomatedDecisionRecorded {
            subject: acc(CLIENT),
            id: 1,
            kind: 1,
            item: 7,
            verdict: Verdict::Adverse,
            amount: Some(500),
            explanation: h(9),
            ai: AiLabel {
                ai_involved: true,
                risk: RiskClass::Medium
            },
            review_until: T + WINDOW,
            needs_confirmation: false,
        }
    );
    assert_eq!(
        r.get(1).unwrap().status,
        DecisionStatus::Open {
            window_ends: T + WINDOW
        }
    );
}

#[test]
fn record_with_zero_explanation_fails_with_zero_hash() {
    let mut r = Reviews::new(config(false)).unwrap();
    let mut i = input(RiskClass::Minimal);
    i.explanation = [0; 32];
    assert_eq!(r.record(acc(SYSTEM), i, T), Err(ReviewError::ZeroHash));
    assert_eq!(r.count(), 0);
}

#[test]
fn config_with_zero_or_too_long_period_is_refused() {
    for (w, d) in [(0, DEADLINE), (WINDOW, 0), (MAX_PERIOD + 1, DEADLINE)] {
        let c = ReviewConfig {
            review_window: w,
            reviewer_deadline: d,
            confirm_high_risk: false,
        };
        assert!(matches!(
            Reviews::new(c),
            Err(ReviewError::InvalidPeriod { .. })
        ));
    }
}

#[test]
fn decision_has_no_effect_inside_the_window_and_takes_effect_after() {
    let (mut r, id) = recorded(false, RiskClass::Minimal);
    assert_eq!(r.effective(id, T + WINDOW - 1), None);
    assert_eq!(
        r.take_effect(id, T + WINDOW - 1),
        Err(ReviewError::NotYetFinal { id })
    );
    let (verdict, took) = r.take_effect(id, T + WINDOW).unwrap();
    assert_eq!(verdict, Verdict::Adverse);
    assert_eq!(
        took,
        DecisionTookEffect {
            subject: acc(CLIENT),
            id,
            verdict: Verdict::Adverse,
            basis: EffectBasis::WindowPassed,
        }
    );
    // Once only.
    assert_eq!(
        r.take_effect(id, T + WINDOW),
        Err(ReviewError::AlreadyFinal { id })
    );
}

#[test]
fn subject_requests_review_within_the_window() {
    let (mut r, id) = recorded(false, RiskClass::Minimal);
    let events = r.request_review(acc(CLIENT), id, h(4), T + 10).unwrap();
    assert_eq!(
        events,
        vec![ReviewEvent::ReviewRequested(ReviewRequested {
            subject: acc(CLIENT),
            id,
            reason: h(4),
            deadline: T + 10 + DEADLINE,
        })]
    );
    // Under review: no effect even after the window.
    assert_eq!(r.effective(id, T + WINDOW + 1), None);
}

#[test]
fn review_request_after_the_window_fails_with_window_closed() {
    let (mut r, id) = recorded(false, RiskClass::Minimal);
    assert_eq!(
        r.request_review(acc(CLIENT), id, h(4), T + WINDOW),
        Err(ReviewError::ReviewWindowClosed {
            closed_at: T + WINDOW
        })
    );
}

#[test]
fn review_request_by_another_account_fails_with_not_the_subject() {
    let (mut r, id) = recorded(false, RiskClass::Minimal);
    for who in [STRANGER, SYSTEM, REVIEWER, ADMIN] {
        assert_eq!(
            r.request_review(acc(who), id, h(4), T + 1),
            Err(ReviewError::NotTheSubject { caller: acc(who) })
        );
    }
}

#[test]
fn second_review_request_fails_and_unknown_decision_is_named() {
    let (mut r, id) = recorded(false, RiskClass::Minimal);
    r.request_review(acc(CLIENT), id, h(4), T + 1).unwrap();
    assert_eq!(
        r.request_review(acc(CLIENT), id, h(4), T + 2),
        Err(ReviewError::AlreadyUnderReview { id })
    );
    assert_eq!(
        r.request_review(acc(CLIENT), 9, h(4), T + 2),
        Err(ReviewError::UnknownDecision { id: 9 })
    );
    assert_eq!(
        r.take_effect(0, T),
        Err(ReviewError::UnknownDecision { id: 0 })
    );
}

#[test]
fn reviewer_override_takes_effect_and_is_final() {
    let (mut r, id) = recorded(false, RiskClass::Minimal);
    r.request_review(acc(CLIENT), id, h(4), T + 1).unwrap();
    let events = r
        .resolve(
            &roles(),
            acc(REVIEWER),
            id,
            Some(Verdict::Favourable),
            h(6),
            T + 2,
        )
        .unwrap();
    assert_eq!(
        events,
        vec![ReviewEvent::ReviewResolved(ReviewResolved {
            subject: acc(CLIENT),
            id,
            reviewer: acc(REVIEWER),
            upheld: false,
            verdict: Verdict::Favourable,
            reasoning: h(6),
        })]
    );
    assert_eq!(
        r.effective(id, T + 2),
        Some((Verdict::Favourable, EffectBasis::Overridden))
    );
    // Final: no second resolution, no new request.
    assert_eq!(
        r.resolve(&roles(), acc(REVIEWER), id, None, h(6), T + 3),
        Err(core(ReviewError::NotUnderReview { id }))
    );
    assert_eq!(
        r.request_review(acc(CLIENT), id, h(4), T + 3),
        Err(ReviewError::AlreadyFinal { id })
    );
    assert_eq!(r.take_effect(id, T + 3).unwrap().0, Verdict::Favourable);
}

#[test]
fn reviewer_upholds_the_decision() {
    let (mut r, id) = recorded(false, RiskClass::Minimal);
    r.request_review(acc(CLIENT), id, h(4), T + 1).unwrap();
    r.resolve(&roles(), acc(REVIEWER), id, None, h(6), T + 2)
        .unwrap();
    assert_eq!(
        r.effective(id, T + 2),
        Some((Verdict::Adverse, EffectBasis::Upheld))
    );
}

#[test]
fn override_to_the_same_verdict_is_refused() {
    let (mut r, id) = recorded(false, RiskClass::Minimal);
    r.request_review(acc(CLIENT), id, h(4), T + 1).unwrap();
    assert_eq!(
        r.resolve(
            &roles(),
            acc(REVIEWER),
            id,
            Some(Verdict::Adverse),
            h(6),
            T + 2
        ),
        Err(core(ReviewError::OverrideToSameVerdict {
            verdict: Verdict::Adverse
        }))
    );
}

#[test]
fn resolve_by_non_reviewer_fails_with_unauthorized() {
    let (mut r, id) = recorded(false, RiskClass::Minimal);
    r.request_review(acc(CLIENT), id, h(4), T + 1).unwrap();
    for who in [ADMIN, CLIENT, SYSTEM, STRANGER] {
        assert_eq!(
            r.resolve(&roles(), acc(who), id, None, h(6), T + 2),
            Err(Guarded::Roles(crate::RolesError::Unauthorized {
                caller: acc(who),
                required: Role::Reviewer
            }))
        );
    }
}

#[test]
fn the_recording_system_may_not_review_its_own_decision() {
    let mut roles = roles();
    roles
        .grant(acc(ADMIN), Role::Reviewer, acc(SYSTEM))
        .unwrap();
    let (mut r, id) = recorded(false, RiskClass::Minimal);
    r.request_review(acc(CLIENT), id, h(4), T + 1).unwrap();
    assert_eq!(
        r.resolve(&roles, acc(SYSTEM), id, None, h(6), T + 2),
        Err(core(ReviewError::SelfReview {
            reviewer: acc(SYSTEM)
        }))
    );
}

#[test]
fn missed_reviewer_deadline_applies_the_favourable_verdict() {
    let (mut r, id) = recorded(false, RiskClass::Minimal);
    r.request_review(acc(CLIENT), id, h(4), T + 1).unwrap();
    let deadline = T + 1 + DEADLINE;
    assert_eq!(r.effective(id, deadline - 1), None);
    assert_eq!(
        r.resolve(&roles(), acc(REVIEWER), id, None, h(6), deadline),
        Err(core(ReviewError::ReviewerDeadlinePassed { deadline }))
    );
    let (verdict, took) = r.take_effect(id, deadline).unwrap();
    assert_eq!(verdict, Verdict::Favourable);
    assert_eq!(took.basis, EffectBasis::DeadlineFallback);
}

#[test]
fn high_risk_decision_waits_for_confirmation_when_configured() {
    // given: confirmation required for high risk
    let (mut r, id) = recorded(true, RiskClass::High);
    let d = r.get(id).unwrap();
    assert_eq!(
        d.status,
        DecisionStatus::AwaitingConfirmation {
            deadline: T + DEADLINE
        }
    );
    // then: no effect even long after the review window
    assert_eq!(r.effective(id, T + WINDOW * 3), None);
    // when: a reviewer confirms
    r.resolve(&roles(), acc(REVIEWER), id, None, h(6), T + 10)
        .unwrap();
    assert_eq!(
        r.effective(id, T + 10),
        Some((Verdict::Adverse, EffectBasis::Upheld))
    );
}

#[test]
fn high_risk_decision_without_confirmation_setting_is_open_as_usual() {
    let (r, id) = recorded(false, RiskClass::High);
    assert_eq!(
        r.get(id).unwrap().status,
        DecisionStatus::Open {
            window_ends: T + WINDOW
        }
    );
    let (r2, id2) = recorded(true, RiskClass::Medium);
    assert!(matches!(
        r2.get(id2).unwrap().status,
        DecisionStatus::Open { .. }
    ));
}

#[test]
fn unconfirmed_high_risk_decision_falls_back_to_favourable_at_the_deadline() {
    let (r, id) = recorded(true, RiskClass::High);
    assert_eq!(
        r.effective(id, T + DEADLINE),
        Some((Verdict::Favourable, EffectBasis::DeadlineFallback))
    );
}

#[test]
fn subject_may_add_reasons_to_a_decision_awaiting_confirmation() {
    let (mut r, id) = recorded(true, RiskClass::High);
    r.request_review(acc(CLIENT), id, h(4), T + 1).unwrap();
    assert_eq!(
        r.get(id).unwrap().status,
        DecisionStatus::UnderReview {
            reason: h(4),
            deadline: T + DEADLINE
        }
    );
}

#[test]
fn periods_of_exactly_the_maximum_are_accepted() {
    // given / when / then: the bound is inclusive
    let longest = ReviewConfig {
        review_window: MAX_PERIOD,
        reviewer_deadline: MAX_PERIOD,
        confirm_high_risk: false,
    };
    assert!(Reviews::new(longest).is_ok());
    let beyond = ReviewConfig {
        review_window: MAX_PERIOD + 1,
        ..longest
    };
    assert_eq!(
        Reviews::new(beyond).unwrap_err(),
        ReviewError::InvalidPeriod {
            period: MAX_PERIOD + 1
        }
    );
}

#[test]
fn a_thousand_decisions_are_each_their_own_entry() {
    // given
    let mut r = Reviews::new(config(false)).unwrap();
    // when
    for item in 0..1_000u32 {
        let mut i = input(RiskClass::Minimal);
        i.item = item;
        r.record(acc(SYSTEM), i, T).unwrap();
    }
    // then
    assert_eq!(r.count(), 1_000);
    assert_eq!(r.store.count(DECISIONS), 1_000);
    assert_eq!(r.get(1_000).unwrap().input.item, 999);
    assert!(r.get(1_001).is_none());
    assert!(r.get(0).is_none());
}

/// One step of a random history.
#[derive(Debug, Clone)]
enum Step {
    Request { at: Timestamp },
    Resolve { at: Timestamp, to: Option<Verdict> },
    Effect { at: Timestamp },
}

fn step() -> impl Strategy<Value = Step> {
    let at = 0..(WINDOW + DEADLINE * 2);
    let verdict = prop_oneof![
        Just(None),
        Just(Some(Verdict::Favourable)),
        Just(Some(Verdict::Adverse))
    ];
    prop_oneof![
        at.clone().prop_map(|at| Step::Request { at }),
        (at.clone(), verdict).prop_map(|(at, to)| Step::Resolve { at, to }),
        at.prop_map(|at| Step::Effect { at }),
    ]
}

proptest! {
    /// A decision under review never takes effect before it is resolved or
    /// the reviewer's deadline passes; an override is final; a decision
    /// takes effect at most once.
    #[test]
    fn review_invariants_hold_for_any_history(
        confirm in any::<bool>(),
        high in any::<bool>(),
        steps in proptest::collection::vec(step(), 0..12),
    ) {
        let risk = if high { RiskClass::High } else { RiskClass::Minimal };
        let (mut r, id) = recorded(confirm, risk);
        let roles = roles();
        let mut executed = 0;
        let mut overridden: Option<Verdict> = None;
        let mut now = T;
        for s in steps {
            let before = r.get(id).unwrap();
            match s {
                Step::Request { at } => {
                    now += at % 50;
                    let _ = r.request_review(acc(CLIENT), id, h(4), now);
                }
                Step::Resolve { at, to } => {
                    now += at % 50;
                    if r.resolve(&roles, acc(REVIEWER), id, to, h(6), now).is_ok() && to.is_some() {
                        overridden = to;
                    }
                }
                Step::Effect { at } => {
                    now += at;
                    if let Ok((verdict, _)) = r.take_effect(id, now) {
                        executed += 1;
                        // Under review before the deadline: never.
                        if let DecisionStatus::UnderReview { deadline, .. }
                        | DecisionStatus::AwaitingConfirmation { deadline } = before.status {
                            prop_assert!(now >= deadline);
                            prop_assert_eq!(verdict, Verdict::Favourable);
                        }
                        if let Some(o) = overridden {
                            prop_assert_eq!(verdict, o, "an override is final");
                        }
                    }
                }
            }
            // Once overridden, the resolution never changes.
            if let Some(o) = overridden {
                match r.get(id).unwrap().status {
                    DecisionStatus::Resolved { verdict, upheld, .. } => {
                        prop_assert_eq!(verdict, o);
                        prop_assert!(!upheld);
                    }
                    DecisionStatus::Executed { verdict, basis } => {
                        prop_assert_eq!(verdict, o);
                        prop_assert_eq!(basis, EffectBasis::Overridden);
                    }
                    other => prop_assert!(false, "override lost: {:?}", other),
                }
            }
        }
        prop_assert!(executed <= 1);
    }
}
