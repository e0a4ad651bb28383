//! The conformance suite of the review safeguard.
//!
//! A contract whose core records automated decisions implements
//! [`ReviewHarness`] for its core (in a test module) and mounts the suite:
//!
//! ```ignore
//! safeguards::review_conformance!(MyHarness);
//! // and, if its decisions can be high-risk:
//! safeguards::review_conformance_high_risk!(MyHarness);
//! ```
//!
//! The suite drives the contract's own core, not the review core, so a fork
//! that bypasses the review (moves funds before a decision is final, lets
//! the deciding system review itself, ignores an override) fails its own
//! tests. Each generated test is named action, condition, outcome.
use ink::prelude::vec::Vec;

use super::{DecisionId, ReviewConfig, ReviewEvent, RiskClass, Verdict};
use crate::{
    types::{AccountId, Balance, Hash32, Timestamp},
    ReviewError, RolesError,
};

/// What a harness call returned: the review events among the contract's
/// events, and the payments it asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The review core's events, in order.
    pub events: Vec<ReviewEvent>,
    /// Payments (recipient, amount).
    pub payouts: Vec<(AccountId, Balance)>,
}

/// A decision the harness has just made its contract record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixture {
    /// The decision.
    pub id: DecisionId,
    /// The events of the message that recorded it.
    pub recorded: Outcome,
    /// Block time of the decision.
    pub decided_at: Timestamp,
    /// The affected account.
    pub subject: AccountId,
    /// An account holding the reviewer role.
    pub reviewer: AccountId,
    /// An account with no role and no stake.
    pub stranger: AccountId,
    /// The payments carrying out the decided (adverse) verdict makes.
    pub adverse_payouts: Vec<(AccountId, Balance)>,
    /// The payments carrying out the favourable verdict makes.
    pub favourable_payouts: Vec<(AccountId, Balance)>,
}

/// A contract core driven by the suite. Every method calls the contract's
/// core exactly as its message does.
pub trait ReviewHarness: Sized {
    /// The contract's error.
    type Error: core::fmt::Debug + PartialEq + From<ReviewError> + From<RolesError>;

    /// A fresh core with `config` in which the automated system has just
    /// recorded a decision adverse to its subject, of risk class `risk`,
    /// that would move funds. `None` if the contract's decisions cannot
    /// have that risk class.
    fn decided(config: ReviewConfig, risk: RiskClass) -> Option<(Self, Fixture)>;

    /// The contract's `request_review` message.
    fn request_review(
        &mut self,
        caller: AccountId,
        id: DecisionId,
        reason: Hash32,
        now: Timestamp,
    ) -> Result<Outcome, Self::Error>;

    /// The contract's `resolve_review` message.
    fn resolve_review(
        &mut self,
        caller: AccountId,
        id: DecisionId,
        override_to: Option<Verdict>,
        reasoning: Hash32,
        now: Timestamp,
    ) -> Result<Outcome, Self::Error>;

    /// The contract's `execute_decision` message.
    fn execute_decision(&mut self, id: DecisionId, now: Timestamp) -> Result<Outcome, Self::Error>;

    /// What the contract holds in custody.
    fn held(&self) -> Balance;
}

/// The review periods the suite runs with.
pub const CONFIG: ReviewConfig = ReviewConfig {
    review_window: 10_000,
    reviewer_deadline: 50_000,
    confirm_high_risk: true,
};

/// A non-zero reason or reasoning hash.
pub const REASON: Hash32 = [0x5a; 32];

/// Mounts the review conformance suite for harness `$h` (a type
/// implementing [`ReviewHarness`]) as a test module `review_conformance`.
#[macro_export]
macro_rules! review_conformance {
    ($h:ty) => {
        #[cfg(test)]
        #[allow(clippy::arithmetic_side_effects)]
        mod review_conformance {
            #[allow(unused_imports)]
            use super::*;
            use $crate::review::{
                conformance::{Outcome, ReviewHarness, CONFIG, REASON},
                DecisionTookEffect, EffectBasis, ReviewEvent, RiskClass, Verdict,
            };
            use $crate::{ReviewError, RolesError};

            type H = $h;

            fn decided() -> (H, $crate::review::conformance::Fixture) {
                <H as ReviewHarness>::decided(CONFIG, RiskClass::Minimal)
                    .expect("every contract with automated decisions can record a minimal-risk one")
            }

            /// `e` as the contract's error.
            fn review_err(e: ReviewError) -> <H as ReviewHarness>::Error {
                <H as ReviewHarness>::Error::from(e)
            }

            fn took_effect(o: &Outcome) -> Option<DecisionTookEffect> {
                o.events.iter().find_map(|e| match e {
                    ReviewEvent::DecisionTookEffect(e) => Some(e.clone()),
                    _ => None,
                })
            }

            #[test]
            fn recording_a_decision_notifies_the_subject_and_moves_no_funds() {
                // given / when
                let (_, f) = decided();
                // then
                let notice = f.recorded.events.iter().find_map(|e| match e {
                    ReviewEvent::AutomatedDecisionRecorded(e) => Some(e.clone()),
                    _ => None,
                });
                let notice = notice.expect("recording emits AutomatedDecisionRecorded");
                assert_eq!(notice.subject, f.subject);
                assert_eq!(notice.id, f.id);
                assert_eq!(notice.verdict, Verdict::Adverse);
                assert_eq!(notice.ai.risk, RiskClass::Minimal);
                assert_ne!(notice.explanation, [0u8; 32]);
                assert_eq!(notice.review_until, f.decided_at + CONFIG.review_window);
                assert!(f.recorded.payouts.is_empty());
            }

            #[test]
            fn review_request_by_another_account_fails_with_not_the_subject() {
                // given
                let (mut h, f) = decided();
                for caller in [f.stranger, f.reviewer] {
                    // when
                    let e = h
                        .request_review(caller, f.id, REASON, f.decided_at + 1)
                        .unwrap_err();
                    // then
                    assert_eq!(e, review_err(ReviewError::NotTheSubject { caller }));
                }
            }

            #[test]
            fn execution_inside_the_window_fails_and_moves_no_funds() {
                // given
                let (mut h, f) = decided();
                let held = ReviewHarness::held(&h);
                // when
                let e = h
                    .execute_decision(f.id, f.decided_at + CONFIG.review_window - 1)
                    .unwrap_err();
                // then
                assert_eq!(e, review_err(ReviewError::NotYetFinal { id: f.id }));
                assert_eq!(ReviewHarness::held(&h), held);
            }

            #[test]
            fn decision_not_contested_in_the_window_takes_effect_as_decided_once() {
                // given
                let (mut h, f) = decided();
                let end = f.decided_at + CONFIG.review_window;
                // when
                let late = h.request_review(f.subject, f.id, REASON, end).unwrap_err();
                let o = h.execute_decision(f.id, end).unwrap();
                // then
                assert_eq!(
                    late,
                    review_err(ReviewError::ReviewWindowClosed { closed_at: end })
                );
                assert_eq!(o.payouts, f.adverse_payouts);
                let effect = took_effect(&o).expect("DecisionTookEffect");
                assert_eq!(
                    (effect.subject, effect.verdict, effect.basis),
                    (f.subject, Verdict::Adverse, EffectBasis::WindowPassed)
                );
                let again = h.execute_decision(f.id, end + 1).unwrap_err();
                assert_eq!(again, review_err(ReviewError::AlreadyFinal { id: f.id }));
            }

            #[test]
            fn decision_under_review_moves_no_funds_until_resolved() {
                // given
                let (mut h, f) = decided();
                h.request_review(f.subject, f.id, REASON, f.decided_at + 1)
                    .unwrap();
                let held = ReviewHarness::held(&h);
                // when: long after the window, before the reviewer's deadline
                let at = f.decided_at + CONFIG.review_window + 1;
                let e = h.execute_decision(f.id, at).unwrap_err();
                // then
                assert_eq!(e, review_err(ReviewError::NotYetFinal { id: f.id }));
                assert_eq!(ReviewHarness::held(&h), held);
            }

            #[test]
            fn resolve_without_the_reviewer_role_fails_with_unauthorized() {
                // given
                let (mut h, f) = decided();
                h.request_review(f.subject, f.id, REASON, f.decided_at + 1)
                    .unwrap();
                for caller in [f.stranger, f.subject] {
                    // when
                    let e = h
                        .resolve_review(caller, f.id, None, REASON, f.decided_at + 2)
                        .unwrap_err();
                    // then
                    assert_eq!(
                        e,
                        <H as ReviewHarness>::Error::from(RolesError::Unauthorized {
                            caller,
                            required: $crate::roles::Role::Reviewer,
                        })
                    );
                }
            }

            #[test]
            fn upheld_decision_takes_effect_as_decided() {
                // given
                let (mut h, f) = decided();
                h.request_review(f.subject, f.id, REASON, f.decided_at + 1)
                    .unwrap();
                // when
                h.resolve_review(f.reviewer, f.id, None, REASON, f.decided_at + 2)
                    .unwrap();
                let o = h.execute_decision(f.id, f.decided_at + 3).unwrap();
                // then
                assert_eq!(o.payouts, f.adverse_payouts);
                assert_eq!(took_effect(&o).map(|e| e.basis), Some(EffectBasis::Upheld));
            }

            #[test]
            fn override_is_final_and_takes_effect() {
                // given
                let (mut h, f) = decided();
                h.request_review(f.subject, f.id, REASON, f.decided_at + 1)
                    .unwrap();
                // when
                h.resolve_review(
                    f.reviewer,
                    f.id,
                    Some(Verdict::Favourable),
                    REASON,
                    f.decided_at + 2,
                )
                .unwrap();
                // then: nobody reopens it
                let again = h
                    .resolve_review(f.reviewer, f.id, None, REASON, f.decided_at + 3)
                    .unwrap_err();
                assert_eq!(again, review_err(ReviewError::NotUnderReview { id: f.id }));
                let ask = h
                    .request_review(f.subject, f.id, REASON, f.decided_at + 3)
                    .unwrap_err();
                assert_eq!(ask, review_err(ReviewError::AlreadyFinal { id: f.id }));
                let o = h.execute_decision(f.id, f.decided_at + 4).unwrap();
                assert_eq!(o.payouts, f.favourable_payouts);
                let effect = took_effect(&o).expect("DecisionTookEffect");
                assert_eq!(
                    (effect.verdict, effect.basis),
                    (Verdict::Favourable, EffectBasis::Overridden)
                );
            }

            #[test]
            fn missed_reviewer_deadline_applies_the_favourable_verdict() {
                // given
                let (mut h, f) = decided();
                let asked = f.decided_at + 1;
                h.request_review(f.subject, f.id, REASON, asked).unwrap();
                let deadline = asked + CONFIG.reviewer_deadline;
                // when
                let late = h
                    .resolve_review(f.reviewer, f.id, None, REASON, deadline)
                    .unwrap_err();
                let o = h.execute_decision(f.id, deadline).unwrap();
                // then
                assert_eq!(
                    late,
                    review_err(ReviewError::ReviewerDeadlinePassed { deadline })
                );
                assert_eq!(o.payouts, f.favourable_payouts);
                assert_eq!(
                    took_effect(&o).map(|e| e.basis),
                    Some(EffectBasis::DeadlineFallback)
                );
            }
        }
    };
}

/// Mounts the high-risk part of the suite for a harness whose decisions can
/// be high-risk, as a test module `review_conformance_high_risk`.
#[macro_export]
macro_rules! review_conformance_high_risk {
    ($h:ty) => {
        #[cfg(test)]
        #[allow(clippy::arithmetic_side_effects)]
        mod review_conformance_high_risk {
            #[allow(unused_imports)]
            use super::*;
            use $crate::review::{
                conformance::{ReviewHarness, CONFIG, REASON},
                EffectBasis, ReviewEvent, RiskClass, Verdict,
            };
            use $crate::ReviewError;

            type H = $h;

            fn decided() -> (H, $crate::review::conformance::Fixture) {
                <H as ReviewHarness>::decided(CONFIG, RiskClass::High)
                    .expect("this harness claims high-risk decisions")
            }

            #[test]
            fn high_risk_decision_waits_for_a_human_confirmation() {
                // given
                let (mut h, f) = decided();
                let notice = f.recorded.events.iter().find_map(|e| match e {
                    ReviewEvent::AutomatedDecisionRecorded(e) => Some(e.clone()),
                    _ => None,
                });
                let notice = notice.expect("AutomatedDecisionRecorded");
                assert!(notice.needs_confirmation);
                assert_eq!(notice.ai.risk, RiskClass::High);
                // when: the review window has long passed, nobody confirmed
                let e = h
                    .execute_decision(f.id, f.decided_at + CONFIG.review_window + 1)
                    .unwrap_err();
                // then
                assert_eq!(
                    e,
                    <H as ReviewHarness>::Error::from(ReviewError::NotYetFinal { id: f.id })
                );
                // and a reviewer's confirmation lets it take effect
                h.resolve_review(f.reviewer, f.id, None, REASON, f.decided_at + 2)
                    .unwrap();
                let o = h.execute_decision(f.id, f.decided_at + 3).unwrap();
                assert_eq!(o.payouts, f.adverse_payouts);
            }

            #[test]
            fn unconfirmed_high_risk_decision_falls_back_to_the_favourable_verdict() {
                // given
                let (mut h, f) = decided();
                // when
                let o = h
                    .execute_decision(f.id, f.decided_at + CONFIG.reviewer_deadline)
                    .unwrap();
                // then
                assert_eq!(o.payouts, f.favourable_payouts);
                let basis = o.events.iter().find_map(|e| match e {
                    ReviewEvent::DecisionTookEffect(e) => Some((e.verdict, e.basis)),
                    _ => None,
                });
                assert_eq!(
                    basis,
                    Some((Verdict::Favourable, EffectBasis::DeadlineFallback))
                );
            }
        }
    };
}
