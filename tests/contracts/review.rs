//! drink integration tests: human review of the automatic release
//! (Digital Code No. 255-VIII of 9 January 2026; AI Law No. 230-VIII,
//! Art. 21). The review core's rules are proven on the escrow core by the
//! conformance suite (`contracts/service_agreement/review_harness.rs`);
//! these tests prove the deployed contract wires them to real balances and
//! events.
use safeguards::{
    kill_switch::SwitchState,
    review::{
        AutomatedDecisionRecorded, Decision, DecisionStatus, DecisionTookEffect, EffectBasis,
        ReviewResolved, Verdict,
    },
    KillSwitchError, ReviewError,
};
use service_agreement::{
    escrow::{Milestone, MilestoneStatus, AUTO_RELEASE, AUTO_RELEASE_LABEL},
    Error, EscrowError,
};
use shart::{
    events::ShartEvent,
    fixtures::{doc, sha256, AUTO_RELEASE_EXPLANATION, DAY, MILESTONES, T0},
    flagship::{deploy, Flagship},
    runtime::ink_account,
};

/// Delivered at T0 + 1 day, review period 3 days: decided at T0 + 4 days.
const DECIDED: u64 = T0 + 4 * DAY;
/// Review window: 2 days.
const WINDOW_END: u64 = DECIDED + 2 * DAY;

/// A funded escrow in which milestone 0's automatic release was decided
/// (decision 1).
fn decided() -> (Flagship, Vec<ShartEvent>) {
    let mut f = deploy().unwrap();
    f.make_funded();
    let a = f.accounts.clone();
    f.deliver(0, T0 + DAY);
    f.chain.advance_to(DECIDED);
    let out = f.call(&a.stranger, "auto_release", 0u32, 0);
    assert_eq!(out.value, Ok(Ok(())));
    let events = out.events();
    // the notice carries the client as a topic
    let notice = out
        .events
        .iter()
        .find(|e| matches!(e.event, ShartEvent::AutomatedDecisionRecorded(_)))
        .expect("a notice");
    assert!(notice.topics.contains(ink_account(&a.client).as_ref()));
    (f, events)
}

fn milestone0(f: &mut Flagship) -> Milestone {
    f.read::<_, Option<Milestone>>("milestone", 0u32)
        .expect("milestone 0")
}

#[test]
fn auto_release_notifies_the_client_with_explanation_and_ai_label_and_pays_nothing() {
    // given / when
    let (mut f, events) = decided();
    let a = f.accounts.clone();
    // then
    assert_eq!(
        events,
        vec![ShartEvent::AutomatedDecisionRecorded(
            AutomatedDecisionRecorded {
                subject: ink_account(&a.client),
                id: 1,
                kind: AUTO_RELEASE,
                item: 0,
                verdict: Verdict::Adverse,
                amount: Some(MILESTONES[0]),
                explanation: sha256(AUTO_RELEASE_EXPLANATION.as_bytes()),
                ai: AUTO_RELEASE_LABEL,
                review_until: WINDOW_END,
                needs_confirmation: false,
            }
        )]
    );
    let m = milestone0(&mut f);
    assert_eq!(
        (m.status, m.decision),
        (MilestoneStatus::DecisionPending, Some(1))
    );
    assert_eq!(f.read::<_, u128>("held", ()), MILESTONES.iter().sum());
    let d: Option<Decision> = f.read("decision", 1u32);
    assert_eq!(
        d.map(|d| d.status),
        Some(DecisionStatus::Open {
            window_ends: WINDOW_END
        })
    );
}

#[test]
fn uncontested_release_takes_effect_after_the_window_and_late_review_is_refused() {
    // given
    let (mut f, _) = decided();
    let a = f.accounts.clone();
    f.assert_refused(
        &a.stranger,
        "execute_decision",
        1u32,
        0,
        Error::Review(ReviewError::NotYetFinal { id: 1 }),
    );
    f.chain.advance_to(WINDOW_END);
    f.assert_refused(
        &a.client,
        "request_review",
        (1u32, doc("too late")),
        0,
        Error::Review(ReviewError::ReviewWindowClosed {
            closed_at: WINDOW_END,
        }),
    );
    let k0 = f.balance(&a.contractor);
    // when
    let out = f.call(&a.stranger, "execute_decision", 1u32, 0);
    // then
    assert_eq!(out.value, Ok(Ok(())));
    assert!(out
        .events()
        .contains(&ShartEvent::DecisionTookEffect(DecisionTookEffect {
            subject: ink_account(&a.client),
            id: 1,
            verdict: Verdict::Adverse,
            basis: EffectBasis::WindowPassed,
        })));
    assert_eq!(f.balance(&a.contractor) - k0, MILESTONES[0]);
    assert_eq!(milestone0(&mut f).status, MilestoneStatus::Released);
}

#[test]
fn override_keeps_the_money_in_escrow_until_the_client_approves() {
    // given: the client asks for review inside the window
    let (mut f, _) = decided();
    let a = f.accounts.clone();
    f.chain.advance_to(DECIDED + DAY);
    f.must(&a.client, "request_review", (1u32, doc("reasons")), 0);
    f.chain.advance_to(WINDOW_END + DAY);
    f.assert_refused(
        &a.stranger,
        "execute_decision",
        1u32,
        0,
        Error::Review(ReviewError::NotYetFinal { id: 1 }),
    );
    // when: the reviewer overrides
    let out = f.call(
        &a.reviewer,
        "resolve_review",
        (1u32, Some(Verdict::Favourable), doc("reasoning")),
        0,
    );
    assert_eq!(out.value, Ok(Ok(())));
    assert_eq!(
        out.events(),
        vec![ShartEvent::ReviewResolved(ReviewResolved {
            subject: ink_account(&a.client),
            id: 1,
            reviewer: ink_account(&a.reviewer),
            upheld: false,
            verdict: Verdict::Favourable,
            reasoning: doc("reasoning"),
        })]
    );
    let (c0, k0) = (f.balance(&a.client), f.balance(&a.contractor));
    f.must(&a.stranger, "execute_decision", 1u32, 0);
    // then: nothing moved, the release is withheld and final
    assert_eq!((f.balance(&a.client), f.balance(&a.contractor)), (c0, k0));
    assert_eq!(milestone0(&mut f).status, MilestoneStatus::ReleaseWithheld);
    f.assert_refused(
        &a.reviewer,
        "resolve_review",
        (1u32, None::<Verdict>, doc("second thoughts")),
        0,
        Error::Review(ReviewError::NotUnderReview { id: 1 }),
    );
    f.assert_refused(
        &a.stranger,
        "auto_release",
        0u32,
        0,
        Error::Escrow(EscrowError::WrongMilestoneStatus {
            milestone: 0,
            expected: MilestoneStatus::Delivered,
            actual: MilestoneStatus::ReleaseWithheld,
        }),
    );
    // and the client may still approve
    f.must(&a.client, "approve_milestone", 0u32, 0);
    assert_eq!(f.balance(&a.contractor) - k0, MILESTONES[0]);
}

#[test]
fn missed_reviewer_deadline_withholds_the_release() {
    // given
    let (mut f, _) = decided();
    let a = f.accounts.clone();
    f.must(&a.client, "request_review", (1u32, doc("reasons")), 0);
    let deadline = DECIDED + 5 * DAY;
    f.chain.advance_to(deadline);
    f.assert_refused(
        &a.reviewer,
        "resolve_review",
        (1u32, None::<Verdict>, doc("late")),
        0,
        Error::Review(ReviewError::ReviewerDeadlinePassed { deadline }),
    );
    let k0 = f.balance(&a.contractor);
    // when
    let out = f.call(&a.stranger, "execute_decision", 1u32, 0);
    // then
    assert_eq!(out.value, Ok(Ok(())));
    assert!(out
        .events()
        .contains(&ShartEvent::DecisionTookEffect(DecisionTookEffect {
            subject: ink_account(&a.client),
            id: 1,
            verdict: Verdict::Favourable,
            basis: EffectBasis::DeadlineFallback,
        })));
    assert_eq!(f.balance(&a.contractor), k0);
    assert_eq!(milestone0(&mut f).status, MilestoneStatus::ReleaseWithheld);
}

#[test]
fn pending_decision_blocks_disputes_and_paused_release() {
    // given
    let (mut f, _) = decided();
    let a = f.accounts.clone();
    // when / then: one process per amount
    f.assert_refused(
        &a.contractor,
        "raise_dispute",
        (0u32, doc("e")),
        0,
        Error::Escrow(EscrowError::DecisionPending {
            milestone: 0,
            decision: 1,
        }),
    );
    // a final release waits while paused
    f.chain.advance_to(WINDOW_END);
    f.must(&a.guardian, "pause", doc("order"), 0);
    f.assert_refused(
        &a.stranger,
        "execute_decision",
        1u32,
        0,
        Error::KillSwitch(KillSwitchError::Paused),
    );
    assert_eq!(f.read::<_, SwitchState>("state", ()), SwitchState::Paused);
}

#[test]
fn termination_leaves_a_release_under_review_to_its_verdict() {
    // given: under review, then paused
    let (mut f, _) = decided();
    let a = f.accounts.clone();
    f.must(&a.client, "request_review", (1u32, doc("reasons")), 0);
    f.must(&a.guardian, "pause", doc("order"), 0);
    let preview: (u128, u128) = f.read("settlement_preview", ());
    // when
    let (c0, k0) = (f.balance(&a.client), f.balance(&a.contractor));
    f.must(&a.admin, "terminate", doc("decision"), 0);
    // then: the undelivered rest returns to the client; m0 stays under review
    let total: u128 = MILESTONES.iter().sum();
    assert_eq!(preview, (total - MILESTONES[0], 0));
    assert_eq!(f.balance(&a.client) - c0, total - MILESTONES[0]);
    assert_eq!(f.read::<_, u128>("held", ()), MILESTONES[0]);
    // and the reviewer still decides: upheld, the release pays the contractor
    f.must(
        &a.reviewer,
        "resolve_review",
        (1u32, None::<Verdict>, doc("r")),
        0,
    );
    f.must(&a.stranger, "execute_decision", 1u32, 0);
    assert_eq!(f.balance(&a.contractor) - k0, MILESTONES[0]);
    assert_eq!(f.read::<_, u128>("held", ()), 0);
}
