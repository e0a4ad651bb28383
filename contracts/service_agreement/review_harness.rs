//! Every safeguard conformance suite, mounted on the escrow core with
//! `safeguards::conformance!(EscrowHarness)`, and the escrow's own rules
//! around them. The automatic release is this contract's automated
//! decision; it is never high-risk (a fixed timer, no AI), so the high-risk
//! review suite is not mounted.
#![allow(clippy::arithmetic_side_effects)]

use safeguards::{
    arbitration::{ArbitrationClause, Forum, GoverningLaw, Language, Rules, Seat},
    dispute::{DisputeConfig, Fallback},
    eds::Requirement,
    kit::conformance::{
        kit_effects, review_outcome, DecisionHarness, Effects as KitEffects, KitEvent,
    },
    review::{conformance::Fixture, DecisionId, ReviewConfig, RiskClass, Verdict},
    AccountId, Balance, Hash32, RolesError, SafeguardEvent, Timestamp,
};

use safeguards::{kit::Mount, store::MemStore};

use crate::{
    escrow::{prices, Config, Event, HotEvent, SettlementRule},
    Error,
};

/// The escrow core over an in-memory store, as every unit test drives it.
pub type Escrow = crate::escrow::Escrow<MemStore>;

const ADMIN: u8 = 1;
const CLIENT: u8 = 10;
const CONTRACTOR: u8 = 11;
const REVIEWER: u8 = 12;
const CONTRACT: u8 = 50;
const STRANGER: u8 = 99;
const AMOUNT: Balance = 700;
const REVIEW_PERIOD: Timestamp = 1_000;
const T: Timestamp = 1_000_000;
/// The configuration digest the unit tests instantiate with (the contract
/// computes it from its `Config`; the core only stores and compares it).
const CONFIG_DIGEST: Hash32 = [0xCD; 32];

fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

fn h(n: u8) -> Hash32 {
    [n; 32]
}

/// A config with one milestone of [`AMOUNT`].
pub fn config(review: ReviewConfig) -> Config {
    Config {
        // The core never reads it; the contract delegates to it.
        cold_code: h(0xc0),
        client: acc(CLIENT),
        contractor: acc(CONTRACTOR),
        guardian: acc(2),
        arbitrator: acc(3),
        agreement_hash: h(7),
        agreement_version: 1,
        clause: ArbitrationClause {
            forum: Forum::IacArbitration,
            rules: Rules::IacArbitrationAndMediationRules,
            rules_version: 2022,
            seat: Some(Seat::AifcAstana),
            language: Language::English,
            arbitrators: 1,
            governing_law: GoverningLaw::AifcLaw,
            clause_hash: h(8),
        },
        milestones: prices(&[AMOUNT]),
        review_period: REVIEW_PERIOD,
        review,
        reviewer: acc(REVIEWER),
        auto_release_explanation: h(9),
        disputes: DisputeConfig {
            ruling_period: 10_000,
            appeal_window: 5_000,
            fallback: Fallback::RefundPayer,
        },
        settlement: SettlementRule::PayDeliveredRefundRest,
        registry: acc(40),
        client_eds: Requirement::signatory(false),
        contractor_eds: Requirement::individual(false),
        max_pause: 10_000_000_000,
    }
}

/// The escrow core, as its messages drive it: the harness of every
/// safeguard conformance suite (see `mod kit` for the kit's side).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscrowHarness(pub Escrow);

impl KitEvent for Event {
    fn kit_event(self) -> Option<SafeguardEvent> {
        match self {
            Event::Safeguards(e) => Some(e),
            Event::Escrow(_) => None,
        }
    }
}

impl KitEvent for HotEvent {
    fn kit_event(self) -> Option<SafeguardEvent> {
        Event::from(self).kit_event()
    }
}

/// The automatic release of a delivered milestone is the decision.
impl DecisionHarness for EscrowHarness {
    fn with_decision(review: ReviewConfig, risk: RiskClass) -> Option<(Self, Fixture)> {
        if risk != RiskClass::Minimal {
            return None;
        }
        let (mut e, _) = Escrow::new(acc(ADMIN), config(review), CONFIG_DIGEST).unwrap();
        let terms = e.safeguards().agreement().pending().unwrap();
        e.safeguarded(|s| s.accept_agreement(acc(CLIENT), terms, s.config_digest(), T, 1))
            .unwrap();
        e.safeguarded(|s| s.accept_agreement(acc(CONTRACTOR), terms, s.config_digest(), T, 2))
            .unwrap();
        e.fund(acc(CLIENT), AMOUNT).unwrap();
        e.mark_delivered(acc(CONTRACTOR), 0, T).unwrap();
        let decided_at = T + REVIEW_PERIOD;
        let recorded = e.auto_release(acc(CONTRACT), 0, decided_at).unwrap();
        let id = e.milestone(0).unwrap().decision.unwrap();
        Some((
            Self(e),
            Fixture {
                id,
                recorded: review_outcome(kit_effects(recorded)),
                decided_at,
                subject: acc(CLIENT),
                reviewer: acc(REVIEWER),
                stranger: acc(STRANGER),
                adverse_payouts: ink::prelude::vec![(acc(CONTRACTOR), AMOUNT)],
                favourable_payouts: ink::prelude::vec![],
            },
        ))
    }
}

safeguards::conformance!(EscrowHarness);

/// The retrofit's own rules, beyond the suite.
mod auto_release_review {
    use safeguards::{kill_switch::SwitchState, review::conformance::CONFIG, KillSwitchError};

    use super::*;
    use crate::{escrow::MilestoneStatus, EscrowError};

    fn decided() -> (Escrow, DecisionId, Timestamp) {
        let (h, f) = EscrowHarness::with_decision(CONFIG, RiskClass::Minimal).unwrap();
        (h.0, f.id, f.decided_at)
    }

    fn status(e: &Escrow) -> MilestoneStatus {
        e.milestone(0).unwrap().status
    }

    #[test]
    fn auto_release_records_a_decision_and_pays_nothing() {
        // given / when
        let (e, id, _) = decided();
        // then
        assert_eq!(status(&e), MilestoneStatus::DecisionPending);
        assert_eq!(e.milestone(0).unwrap().decision, Some(id));
        assert_eq!(e.held(), AMOUNT);
        let d = e.safeguards().reviews().get(id).unwrap();
        assert_eq!(d.recorded_by, acc(CONTRACT));
        assert_eq!(d.input.subject, acc(CLIENT));
        assert_eq!(d.input.ai, crate::escrow::AUTO_RELEASE_LABEL);
    }

    #[test]
    fn auto_release_twice_fails_with_wrong_milestone_status() {
        // given
        let (mut e, _, at) = decided();
        // when
        let err = e.auto_release(acc(CONTRACT), 0, at + 1).unwrap_err();
        // then
        assert_eq!(
            err,
            Error::Escrow(EscrowError::WrongMilestoneStatus {
                milestone: 0,
                expected: MilestoneStatus::Delivered,
                actual: MilestoneStatus::DecisionPending,
            })
        );
    }

    #[test]
    fn dispute_while_a_decision_is_pending_fails_with_decision_pending() {
        // given
        let (mut e, id, at) = decided();
        for party in [CLIENT, CONTRACTOR] {
            // when
            let err = e.raise_dispute(acc(party), 0, h(5), at + 1).unwrap_err();
            // then
            assert_eq!(
                err,
                Error::Escrow(EscrowError::DecisionPending {
                    milestone: 0,
                    decision: id
                })
            );
        }
    }

    #[test]
    fn approval_while_a_decision_is_pending_fails_with_wrong_milestone_status() {
        // given
        let (mut e, _, _) = decided();
        // when
        let err = e.approve(acc(CLIENT), 0).unwrap_err();
        // then
        assert!(matches!(
            err,
            Error::Escrow(EscrowError::WrongMilestoneStatus { .. })
        ));
    }

    #[test]
    fn withheld_release_keeps_the_amount_until_the_client_approves_or_a_dispute() {
        // given: the reviewer overrode the release
        let (mut e, id, at) = decided();
        e.safeguarded(|s| s.request_review(acc(CLIENT), id, h(4), at + 1))
            .unwrap();
        e.safeguarded(|s| {
            s.resolve_review(acc(REVIEWER), id, Some(Verdict::Favourable), h(6), at + 2)
        })
        .unwrap();
        let out = e.execute_decision(id, at + 3).unwrap();
        assert!(out.payouts.is_empty());
        assert_eq!(status(&e), MilestoneStatus::ReleaseWithheld);
        assert_eq!(e.held(), AMOUNT);
        // when: auto-release cannot come back
        let again = e.auto_release(acc(CONTRACT), 0, at + 4).unwrap_err();
        assert!(matches!(
            again,
            Error::Escrow(EscrowError::WrongMilestoneStatus { .. })
        ));
        // then: the contractor may dispute, the client may still approve
        let mut disputed = e.clone();
        disputed
            .raise_dispute(acc(CONTRACTOR), 0, h(5), at + 4)
            .unwrap();
        let paid = e.approve(acc(CLIENT), 0).unwrap();
        assert_eq!(paid.payouts, ink::prelude::vec![(acc(CONTRACTOR), AMOUNT)]);
        assert_eq!(e.held(), 0);
    }

    fn terminated_payouts(
        e: &mut Escrow,
        at: Timestamp,
    ) -> ink::prelude::vec::Vec<(AccountId, Balance)> {
        e.safeguarded(|s| s.pause(acc(ADMIN), h(3), at)).unwrap();
        e.terminate(acc(ADMIN), h(3), at).unwrap().payouts
    }

    #[test]
    fn termination_inside_the_window_leaves_the_decision_to_run_to_its_verdict() {
        // given: inside the window
        let (mut e, id, at) = decided();
        // when
        let paid = terminated_payouts(&mut e, at + 1);
        // then: nothing settles; the client may still ask for review
        assert!(paid.is_empty());
        assert_eq!(status(&e), MilestoneStatus::DecisionPending);
        assert_eq!(e.held(), AMOUNT);
        e.safeguarded(|s| s.request_review(acc(CLIENT), id, h(4), at + 2))
            .unwrap();
        e.safeguarded(|s| {
            s.resolve_review(acc(REVIEWER), id, Some(Verdict::Favourable), h(6), at + 3)
        })
        .unwrap();
        // and the favourable verdict returns the amount to the client,
        // recorded as a settlement payment
        let out = e.execute_decision(id, at + 4).unwrap();
        assert_eq!(out.payouts, ink::prelude::vec![(acc(CLIENT), AMOUNT)]);
        let refund =
            safeguards::HotEvent::SettlementPaid(safeguards::kill_switch::SettlementPaid {
                recipient: acc(CLIENT),
                amount: AMOUNT,
            });
        assert!(
            out.events.contains(&HotEvent::from(refund)),
            "{:?}",
            out.events
        );
        assert_eq!(status(&e), MilestoneStatus::Settled);
        assert_eq!(e.held(), 0);
    }

    #[test]
    fn termination_before_a_final_release_leaves_it_to_be_paid_to_the_contractor() {
        // given
        let (mut e, id, at) = decided();
        // when: terminated; the window then passes uncontested
        let paid = terminated_payouts(&mut e, at + 1);
        let out = e.execute_decision(id, at + CONFIG.review_window).unwrap();
        // then
        assert!(paid.is_empty());
        assert_eq!(out.payouts, ink::prelude::vec![(acc(CONTRACTOR), AMOUNT)]);
        assert_eq!(e.held(), 0);
    }

    #[test]
    fn termination_with_a_withheld_release_refunds_the_client() {
        // given
        let (mut e, id, at) = decided();
        e.safeguarded(|s| s.request_review(acc(CLIENT), id, h(4), at + 1))
            .unwrap();
        let deadline = at + 1 + CONFIG.reviewer_deadline;
        e.execute_decision(id, deadline).unwrap();
        // when
        let paid = terminated_payouts(&mut e, deadline + 1);
        // then
        assert_eq!(paid, ink::prelude::vec![(acc(CLIENT), AMOUNT)]);
    }

    #[test]
    fn paused_execution_withholds_but_does_not_release() {
        // given: two contracts, one overridden, one final adverse; both paused
        let (mut withheld, id, at) = decided();
        withheld
            .safeguarded(|s| s.request_review(acc(CLIENT), id, h(4), at + 1))
            .unwrap();
        withheld
            .safeguarded(|s| {
                s.resolve_review(acc(REVIEWER), id, Some(Verdict::Favourable), h(6), at + 2)
            })
            .unwrap();
        withheld
            .safeguarded(|s| s.pause(acc(ADMIN), h(3), at + 3))
            .unwrap();
        let (mut released, id2, _) = decided();
        released
            .safeguarded(|s| s.pause(acc(ADMIN), h(3), at + 3))
            .unwrap();
        // when
        let ok = withheld.execute_decision(id, at + 4);
        let err = released
            .execute_decision(id2, at + CONFIG.review_window)
            .unwrap_err();
        // then
        assert!(ok.is_ok());
        assert_eq!(err, Error::KillSwitch(KillSwitchError::Paused));
        assert_eq!(released.held(), AMOUNT);
        assert_eq!(
            released.safeguards().kill_switch().state(),
            SwitchState::Paused
        );
    }

    #[test]
    fn granting_the_reviewer_role_to_a_party_fails_with_party_may_not_hold_role() {
        // given
        let (mut e, _, _) = decided();
        let before = e.clone();
        for party in [CLIENT, CONTRACTOR] {
            // when
            let err = e
                .safeguarded(|s| {
                    s.grant_role(acc(ADMIN), safeguards::roles::Role::Reviewer, acc(party))
                })
                .unwrap_err();
            // then
            assert_eq!(
                err,
                Error::Roles(RolesError::PartyMayNotHoldRole {
                    account: acc(party),
                    role: safeguards::roles::Role::Reviewer
                })
            );
        }
        assert_eq!(e, before);
    }

    #[test]
    fn config_reads_back_exactly_as_given_and_acceptance_must_quote_its_digest() {
        // given: three milestones
        let mut c = config(CONFIG);
        c.milestones = prices(&[5, 6, 7]);
        let (mut e, _) = Escrow::new(acc(ADMIN), c.clone(), CONFIG_DIGEST).unwrap();
        // then: what runs is readable, and bound to the digest
        assert_eq!(e.config(), c);
        assert_eq!(e.safeguards().config_digest(), CONFIG_DIGEST);
        // when: a party quotes another digest
        let terms = e.safeguards().agreement().pending().unwrap();
        let before = e.clone();
        let err = e
            .safeguarded(|s| s.accept_agreement(acc(CLIENT), terms, [1; 32], T, 1))
            .unwrap_err();
        // then
        assert_eq!(
            err,
            Error::Agreement(safeguards::AgreementError::ConfigMismatch {
                expected: CONFIG_DIGEST,
                given: [1; 32]
            })
        );
        assert_eq!(e, before);
    }

    #[test]
    fn replacing_the_clause_rebinds_the_configuration_digest() {
        // given: nobody accepted yet
        let (mut e, _) = Escrow::new(acc(ADMIN), config(CONFIG), CONFIG_DIGEST).unwrap();
        let three = ArbitrationClause {
            arbitrators: 3,
            ..config(CONFIG).clause
        };
        // when
        e.replace_clause(acc(ADMIN), three, |c| {
            assert_eq!(c.clause, three);
            [0xEE; 32]
        })
        .unwrap();
        // then: the stored configuration and its digest follow the clause
        assert_eq!(e.config().clause, three);
        assert_eq!(e.safeguards().clause(), three);
        assert_eq!(e.safeguards().config_digest(), [0xEE; 32]);
        let terms = e.safeguards().agreement().pending().unwrap();
        let err = e
            .safeguarded(|s| s.accept_agreement(acc(CLIENT), terms, CONFIG_DIGEST, T, 1))
            .unwrap_err();
        assert_eq!(
            err,
            Error::Agreement(safeguards::AgreementError::ConfigMismatch {
                expected: [0xEE; 32],
                given: CONFIG_DIGEST
            })
        );
        // and once a party accepted, neither changes again
        e.safeguarded(|s| s.accept_agreement(acc(CLIENT), terms, [0xEE; 32], T, 1))
            .unwrap();
        let before = e.clone();
        let err = e
            .replace_clause(acc(ADMIN), config(CONFIG).clause, |_| [0xEF; 32])
            .unwrap_err();
        assert_eq!(
            err,
            Error::Arbitration(safeguards::ArbitrationError::ClauseLocked)
        );
        assert_eq!(e, before);
    }

    #[test]
    fn config_naming_a_party_as_reviewer_is_refused() {
        // given
        let mut c = config(CONFIG);
        c.reviewer = acc(CLIENT);
        // when
        let err = Escrow::new(acc(ADMIN), c, CONFIG_DIGEST).unwrap_err();
        // then
        assert_eq!(
            err,
            Error::Roles(RolesError::PartyMayNotHoldRole {
                account: acc(CLIENT),
                role: safeguards::roles::Role::Reviewer
            })
        );
    }

    #[test]
    fn a_review_goes_on_after_termination_and_moves_funds_only_by_its_verdict() {
        // given: the client asked for review; then the contract was terminated
        let (mut e, id, at) = decided();
        e.safeguarded(|s| s.request_review(acc(CLIENT), id, h(4), at + 1))
            .unwrap();
        assert!(terminated_payouts(&mut e, at + 2).is_empty());
        // when: the reviewer upholds the release
        e.safeguarded(|s| s.resolve_review(acc(REVIEWER), id, None, h(6), at + 3))
            .unwrap();
        let out = e.execute_decision(id, at + 4).unwrap();
        // then
        assert_eq!(out.payouts, ink::prelude::vec![(acc(CONTRACTOR), AMOUNT)]);
        assert_eq!(e.held(), 0);
        // and nothing else runs after termination
        assert_eq!(
            e.approve(acc(CLIENT), 0).unwrap_err(),
            Error::KillSwitch(KillSwitchError::Terminated)
        );
    }
}

/// Property: whatever the client, the reviewer, anyone and the kill switch
/// do, the escrow pays nothing for a milestone whose automatic release is
/// under review before the reviewer's deadline, an override is never
/// followed by a release to the contractor, and every unit is paid at most
/// once.
mod properties {
    use proptest::prelude::*;
    use safeguards::review::{conformance::CONFIG, DecisionStatus};

    use super::*;

    #[derive(Debug, Clone)]
    enum Step {
        Request(Timestamp),
        Resolve(Timestamp, Option<Verdict>),
        Execute(Timestamp),
        Approve(Timestamp),
        Dispute(Timestamp),
        Pause(Timestamp),
        Resume(Timestamp),
    }

    fn step() -> impl Strategy<Value = Step> {
        let dt = 0..(CONFIG.reviewer_deadline / 4);
        let verdict = prop_oneof![
            Just(None),
            Just(Some(Verdict::Favourable)),
            Just(Some(Verdict::Adverse))
        ];
        prop_oneof![
            dt.clone().prop_map(Step::Request),
            (dt.clone(), verdict).prop_map(|(t, v)| Step::Resolve(t, v)),
            dt.clone().prop_map(Step::Execute),
            dt.clone().prop_map(Step::Approve),
            dt.clone().prop_map(Step::Dispute),
            dt.clone().prop_map(Step::Pause),
            dt.prop_map(Step::Resume),
        ]
    }

    proptest! {
        #[test]
        fn a_release_under_review_never_moves_funds(
            steps in proptest::collection::vec(step(), 0..16),
        ) {
            let (harness, f) = EscrowHarness::with_decision(CONFIG, RiskClass::Minimal).unwrap();
            let mut e = harness.0;
            let mut now = f.decided_at;
            let mut paid: Balance = 0;
            let mut overridden = false;
            for s in steps {
                let before = e.safeguards().reviews().get(f.id).unwrap().status;
                let result = match s {
                    Step::Request(dt) => { now += dt; e.safeguarded(|s| s.request_review(acc(CLIENT), f.id, h(4), now)) }
                    Step::Resolve(dt, v) => {
                        now += dt;
                        let r = e.safeguarded(|s| s.resolve_review(acc(REVIEWER), f.id, v, h(6), now));
                        if r.is_ok() && v == Some(Verdict::Favourable) {
                            overridden = true;
                        }
                        r
                    }
                    Step::Execute(dt) => { now += dt; e.execute_decision(f.id, now).map(safeguards::effects::Effects::convert) }
                    Step::Approve(dt) => { now += dt; e.approve(acc(CLIENT), 0).map(safeguards::effects::Effects::convert) }
                    Step::Dispute(dt) => { now += dt; e.raise_dispute(acc(CONTRACTOR), 0, h(5), now) }
                    Step::Pause(dt) => { now += dt; e.safeguarded(|s| s.pause(acc(ADMIN), h(3), now)) }
                    Step::Resume(dt) => { now += dt; e.safeguarded(|s| s.resume(acc(ADMIN), now)) }
                };
                let payouts = result.map(|fx| fx.payouts).unwrap_or_default();
                if let DecisionStatus::UnderReview { deadline, .. } = before {
                    if now < deadline {
                        prop_assert!(payouts.is_empty(), "paid under review: {payouts:?}");
                    }
                }
                for (to, amount) in &payouts {
                    if overridden && !matches!(s, Step::Approve(_)) {
                        prop_assert!(*to != acc(CONTRACTOR), "released after an override");
                    }
                    paid += amount;
                }
                prop_assert_eq!(paid + e.held(), AMOUNT, "every unit exactly once");
            }
        }
    }
}

/// Storage per item: the root holds the fixed state and running totals,
/// every milestone, dispute, evidence entry and decision is its own entry,
/// and no value, the root included, exceeds `safeguards::store::MAX_VALUE`
/// (pallet-revive's limit) even with every collection at its bound.
mod storage_layout {
    use safeguards::{
        agreement::{Terms, MAX_HISTORY},
        review::conformance::CONFIG,
        roles::Role,
        store::{InkStore, Store, MAX_VALUE},
        DisputeError,
    };
    use scale::Encode;

    use super::*;
    use crate::escrow::{MAX_EVIDENCE_PER_DISPUTE, MAX_MILESTONES};

    /// Every collection at its bound: all milestones, each with a
    /// withheld automatic release and a ruled dispute full of evidence, a
    /// full role table and a full acceptance record, paused with a reason.
    fn fullest<S: Store + Default>() -> crate::escrow::Escrow<S> {
        let mut c = config(CONFIG);
        c.milestones = prices(&[1; MAX_MILESTONES]);
        let (mut e, _) = crate::escrow::Escrow::<S>::new(acc(ADMIN), c, CONFIG_DIGEST).unwrap();
        let v1 = e.safeguards().agreement().pending().unwrap();
        e.safeguarded(|s| s.accept_agreement(acc(CLIENT), v1, s.config_digest(), T, 1))
            .unwrap();
        e.safeguarded(|s| s.accept_agreement(acc(CONTRACTOR), v1, s.config_digest(), T, 2))
            .unwrap();
        let mut version = 1;
        // Every amendment accepted but room for one more, left pending.
        while e.safeguards().agreement().history_len() + 4 <= MAX_HISTORY {
            version += 1;
            let t = Terms {
                hash: [u8::try_from(version).unwrap(); 32],
                version,
            };
            e.safeguarded(|s| s.propose_amendment(acc(CLIENT), t, T))
                .unwrap();
            e.safeguarded(|s| s.accept_agreement(acc(CLIENT), t, s.config_digest(), T, 1))
                .unwrap();
            e.safeguarded(|s| s.accept_agreement(acc(CONTRACTOR), t, s.config_digest(), T, 2))
                .unwrap();
        }
        e.fund(acc(CLIENT), u128::try_from(MAX_MILESTONES).unwrap())
            .unwrap();
        let mut now = T;
        for m in 0..u32::try_from(MAX_MILESTONES).unwrap() {
            e.mark_delivered(acc(CONTRACTOR), m, now).unwrap();
            now += REVIEW_PERIOD;
            e.auto_release(acc(CONTRACT), m, now).unwrap();
            let id = e.milestone(m).unwrap().decision.unwrap();
            e.safeguarded(|s| s.request_review(acc(CLIENT), id, h(4), now))
                .unwrap();
            e.safeguarded(|s| {
                s.resolve_review(acc(REVIEWER), id, Some(Verdict::Favourable), h(6), now)
            })
            .unwrap();
            e.execute_decision(id, now).unwrap();
            e.raise_dispute(acc(CONTRACTOR), m, h(5), now).unwrap();
            for _ in 1..MAX_EVIDENCE_PER_DISPUTE / 2 {
                e.safeguarded(|s| {
                    s.submit_evidence(acc(CONTRACTOR), m, h(7), MAX_EVIDENCE_PER_DISPUTE)
                })
                .unwrap();
            }
            for _ in 0..MAX_EVIDENCE_PER_DISPUTE / 2 {
                e.safeguarded(|s| {
                    s.submit_evidence(acc(CLIENT), m, h(7), MAX_EVIDENCE_PER_DISPUTE)
                })
                .unwrap();
            }
            // both sides appeal once; the third ruling stands
            e.safeguarded(|s| s.rule(acc(3), m, 5_000, h(8), now))
                .unwrap();
            for side in [CLIENT, CONTRACTOR] {
                e.safeguarded(|s| s.appeal(acc(side), m, h(9), now))
                    .unwrap();
                e.safeguarded(|s| s.rule(acc(3), m, 5_000, h(8), now))
                    .unwrap();
            }
        }
        // A hundred more guardians: each grant is its own entry.
        for n in 100..200u8 {
            e.safeguarded(|s| s.grant_role(acc(ADMIN), Role::Guardian, acc(n)))
                .unwrap();
        }
        // A handover proposed and an amendment pending at once: both
        // optional parts of the root are set.
        e.safeguarded(|s| s.propose_admin(acc(ADMIN), acc(STRANGER)))
            .unwrap();
        let next = Terms {
            hash: [0xAA; 32],
            version: version + 1,
        };
        e.safeguarded(|s| s.propose_amendment(acc(CLIENT), next, T))
            .unwrap();
        e.safeguarded(|s| s.pause(acc(ADMIN), h(3), now)).unwrap();
        e
    }

    #[test]
    fn every_stored_value_of_the_fullest_escrow_fits_the_value_limit() {
        // given / when
        let e = fullest::<MemStore>();
        // then: every item entry, of every table
        let kit = e.safeguards().stores();
        for store in core::iter::once(e.store()).chain(kit) {
            for (cell, size) in store.value_sizes() {
                assert!(size <= MAX_VALUE, "table {cell:#x}: {size} bytes");
            }
        }
        assert_eq!(e.milestone_count(), 1_000);
    }

    #[ink::test]
    fn the_root_of_the_fullest_escrow_fits_the_value_limit() {
        // given / when: the contract's own layout, whose store handles
        // encode to nothing
        let e = fullest::<InkStore>();
        // then
        assert!(
            e.encoded_size() <= MAX_VALUE,
            "root: {} bytes",
            e.encoded_size()
        );
    }

    #[test]
    fn evidence_beyond_the_per_dispute_limit_fails_with_too_much_evidence() {
        // given
        let mut e = fullest::<MemStore>();
        // when / then: each side has used its half
        for side in [CLIENT, CONTRACTOR] {
            let err = e
                .safeguarded(|s| s.submit_evidence(acc(side), 0, h(9), MAX_EVIDENCE_PER_DISPUTE))
                .unwrap_err();
            assert_eq!(err, Error::Dispute(DisputeError::TooMuchEvidence));
        }
    }
}

/// The kit's conformance suite, mounted on the escrow core.
mod kit {
    use safeguards::{
        kit::conformance::{Cast, KitHarness, Raised},
        review::conformance::CONFIG,
    };

    use super::*;

    const SECOND: Balance = 300;

    /// The escrow with two milestones; funded, the second is delivered.
    impl KitHarness for EscrowHarness {
        type Error = Error;
        type Event = Event;
        type Core = Escrow;

        fn core(&self) -> &Escrow {
            &self.0
        }

        fn core_mut(&mut self) -> &mut Escrow {
            &mut self.0
        }

        fn unaccepted() -> Self {
            let mut c = config(CONFIG);
            c.milestones = prices(&[AMOUNT, SECOND]);
            Self(Escrow::new(acc(ADMIN), c, CONFIG_DIGEST).unwrap().0)
        }

        fn funded() -> Self {
            let mut c = config(CONFIG);
            c.milestones = prices(&[AMOUNT, SECOND]);
            let (mut e, _) = Escrow::new(acc(ADMIN), c, CONFIG_DIGEST).unwrap();
            let terms = e.safeguards().agreement().pending().unwrap();
            e.safeguarded(|s| s.accept_agreement(acc(CLIENT), terms, s.config_digest(), T, 1))
                .unwrap();
            e.safeguarded(|s| s.accept_agreement(acc(CONTRACTOR), terms, s.config_digest(), T, 2))
                .unwrap();
            e.fund(acc(CLIENT), AMOUNT + SECOND).unwrap();
            e.mark_delivered(acc(CONTRACTOR), 1, T).unwrap();
            Self(e)
        }

        fn cast(&self) -> Cast {
            Cast {
                admin: acc(ADMIN),
                guardian: acc(2),
                arbitrator: acc(3),
                reviewer: acc(REVIEWER),
                parties: ink::prelude::vec![acc(CLIENT), acc(CONTRACTOR)],
                stranger: acc(STRANGER),
            }
        }

        fn now(&self) -> Timestamp {
            T + 1
        }

        fn running_config_digest(&self) -> Hash32 {
            safeguards::gate::config_digest(&self.0.config())
        }

        fn held(&self) -> Balance {
            self.0.held()
        }

        fn raise_dispute(&mut self, caller: AccountId, now: Timestamp) -> Result<Raised, Error> {
            self.0.raise_dispute(caller, 0, h(5), now)?;
            let id = self.0.safeguards().disputes().open_for(0).unwrap().id;
            // the sides and the amount as the template's own state has them
            let config = self.0.config();
            let m = self.0.milestone(0).unwrap();
            Ok(Raised {
                id,
                payer: config.client,
                payee: config.contractor,
                amount: m.amount,
            })
        }

        fn payment_paths(
            &self,
            now: Timestamp,
        ) -> ink::prelude::vec::Vec<(&'static str, Result<KitEffects, Error>)> {
            let later = now + REVIEW_PERIOD;
            ink::prelude::vec![
                (
                    "approve_milestone",
                    self.0.clone().approve(acc(CLIENT), 1).map(kit_effects)
                ),
                (
                    "auto_release",
                    self.0
                        .clone()
                        .auto_release(acc(CONTRACT), 1, later)
                        .map(kit_effects)
                ),
            ]
        }
    }
}
