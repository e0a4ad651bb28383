//! drink integration tests of `programmable_payment`: the scenarios, then
//! the access matrix. Bundles are built on first use (`shart::bundle`).
use drink::AccountId32;
use programmable_payment::{
    programme::{AllocationReleased, AllocationReturned, AllocationStatus, DocumentApproved},
    Error, ProgrammeError,
};
use safeguards::{
    agreement::Acceptance,
    dispute::DisputeResolved,
    eds::RevocationReason,
    kill_switch::SwitchState,
    review::{
        AiLabel, AutomatedDecisionRecorded, Decision, DecisionStatus, EffectBasis, RiskClass,
        Verdict,
    },
    roles::Role,
    AgreementError, ArbitrationError, DisputeError, KillSwitchError, ReviewError, RolesError,
};
use shart::{
    events::ShartEvent,
    fixtures::{doc, DAY, T0},
    payment::{deploy, deploy_labelled, explanation_hash, review_config, Payment},
    runtime::{ink_account, Encoded},
};

const FUNDS: u128 = 1_000_000;
const AMOUNT: u128 = 400_000;
const DEADLINE: u64 = T0 + 10 * DAY;

/// Deployed, effective, funded with `FUNDS`, allocation 0 of `AMOUNT` to the
/// recipient with two required documents.
fn allocated(label: AiLabel) -> Payment {
    let mut f = deploy_labelled(label).unwrap();
    f.make_funded(FUNDS);
    let recipient = f.accounts.recipient.clone();
    f.allocate(&recipient, AMOUNT, DEADLINE, vec![1, 2]);
    f
}

/// `allocated`, with slot 0 approved and slot 1 missing, closed after the
/// deadline: decision 1, adverse to the recipient.
fn rejected(label: AiLabel) -> Payment {
    let mut f = allocated(label);
    f.submit_and_approve(0, 0);
    f.chain.advance_to(DEADLINE + 1);
    let stranger = f.accounts.stranger.clone();
    f.must(&stranger, "close", 0u32, 0);
    f
}

fn human() -> AiLabel {
    AiLabel {
        ai_involved: false,
        risk: RiskClass::Minimal,
    }
}

fn decision(f: &mut Payment, id: u32) -> Decision {
    f.read::<_, Option<Decision>>("decision", id)
        .expect("a decision")
}

fn took_effect(events: &[ShartEvent]) -> Option<(Verdict, EffectBasis)> {
    events.iter().find_map(|e| match e {
        ShartEvent::DecisionTookEffect(d) => Some((d.verdict, d.basis)),
        _ => None,
    })
}

// ----- scenarios -------------------------------------------------------

#[test]
fn happy_path_pays_the_earmarked_recipient_once_every_document_is_approved() {
    // given
    let mut f = allocated(human());
    let a = f.accounts.clone();
    let contract_before = f.contract_balance();
    // when: both documents submitted and approved, a stranger releases
    f.submit_and_approve(0, 0);
    let recipient = ink_account(&a.recipient);
    let out = f.call(&a.recipient, "submit_document", (0u32, 1u32, doc("act")), 0);
    assert_eq!(out.value, Ok(Ok(())));
    let out = f.must(&a.inspector, "approve_document", (0u32, 1u32), 0);
    assert_eq!(
        out.events(),
        vec![ShartEvent::DocumentApproved(DocumentApproved {
            allocation: 0,
            slot: 1,
            inspector: ink_account(&a.inspector),
            hash: doc("act"),
            label: human(),
        })]
    );
    let r0 = f.balance(&a.recipient);
    let out = f.must(&a.stranger, "release", 0u32, 0);
    // then
    assert_eq!(
        out.events(),
        vec![ShartEvent::AllocationReleased(AllocationReleased {
            id: 0,
            recipient,
            purpose: 7,
            amount: AMOUNT,
        })]
    );
    assert_eq!(f.balance(&a.recipient) - r0, AMOUNT);
    assert_eq!(contract_before - f.contract_balance(), AMOUNT);
    assert_eq!(f.allocation(0).status, AllocationStatus::Released);
    assert_eq!(f.read::<_, u128>("held", ()), FUNDS - AMOUNT);
    assert_eq!(f.read::<_, u128>("unallocated", ()), FUNDS - AMOUNT);
    // and a second release is refused
    f.assert_refused(
        &a.stranger,
        "release",
        0u32,
        0,
        Error::Programme(ProgrammeError::WrongAllocationStatus {
            allocation: 0,
            expected: AllocationStatus::Open,
            actual: AllocationStatus::Released,
        }),
    );
}

#[test]
fn config_reads_back_the_deployed_configuration_and_a_party_must_quote_its_digest() {
    // given
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    let deployed = shart::payment::config(&a, ink_account(&f.registry.address), human());
    // when
    let config: programmable_payment::programme::Config = f.read("config", ());
    let digest: [u8; 32] = f.read("config_digest", ());
    // then
    assert_eq!(config, deployed);
    assert_eq!(digest, shart::fixtures::config_digest(&deployed));
    let other = doc("another configuration");
    f.assert_refused(
        &a.holder,
        "accept_agreement",
        (shart::payment::rules_hash(), 1u32, other),
        0,
        Error::Agreement(AgreementError::ConfigMismatch {
            expected: digest,
            given: other,
        }),
    );
}

#[test]
fn fund_before_every_party_accepted_is_refused_with_not_effective() {
    // given: the holder and one of two recipients accepted
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    let terms = (shart::payment::rules_hash(), 1u32, f.config_digest);
    f.must(&a.holder, "accept_agreement", terms, 0);
    f.must(&a.recipient, "accept_agreement", terms, 0);
    // when / then
    f.assert_refused(
        &a.holder,
        "fund",
        (),
        FUNDS,
        Error::Agreement(AgreementError::NotEffective),
    );
}

#[test]
fn close_after_the_deadline_notifies_the_recipient_with_the_ai_label() {
    // given: an AI document checker of medium risk
    let label = AiLabel {
        ai_involved: true,
        risk: RiskClass::Medium,
    };
    let mut f = allocated(label);
    let a = f.accounts.clone();
    f.submit_and_approve(0, 0);
    f.chain.advance_to(DEADLINE + 1);
    let contract_before = f.contract_balance();
    // when
    let out = f.must(&a.stranger, "close", 0u32, 0);
    // then
    assert_eq!(
        out.events(),
        vec![ShartEvent::AutomatedDecisionRecorded(
            AutomatedDecisionRecorded {
                subject: ink_account(&a.recipient),
                id: 1,
                kind: programmable_payment::programme::REJECTION,
                item: 0,
                verdict: Verdict::Adverse,
                amount: Some(AMOUNT),
                explanation: explanation_hash(),
                ai: label,
                review_until: DEADLINE + 1 + review_config().review_window,
                needs_confirmation: false,
            }
        )]
    );
    assert_eq!(f.contract_balance(), contract_before);
    assert_eq!(
        f.allocation(0).status,
        AllocationStatus::RejectionPending { decision: 1 }
    );
    let d = decision(&mut f, 1);
    assert_eq!(d.recorded_by, ink_account(&f.contract.address));
    assert_eq!(d.input.ai, label);
}

#[test]
fn review_within_the_window_and_override_pays_the_recipient() {
    // given
    let mut f = rejected(human());
    let a = f.accounts.clone();
    // when
    f.chain.advance_to(DEADLINE + DAY);
    f.must(&a.recipient, "request_review", (1u32, doc("my reasons")), 0);
    f.must(
        &a.reviewer,
        "resolve_review",
        (1u32, Some(Verdict::Favourable), doc("reasoning")),
        0,
    );
    let r0 = f.balance(&a.recipient);
    let out = f.must(&a.stranger, "execute_decision", 1u32, 0);
    // then
    assert_eq!(f.balance(&a.recipient) - r0, AMOUNT);
    assert_eq!(
        took_effect(&out.events()),
        Some((Verdict::Favourable, EffectBasis::Overridden))
    );
    assert!(out
        .events()
        .contains(&ShartEvent::AllocationReleased(AllocationReleased {
            id: 0,
            recipient: ink_account(&a.recipient),
            purpose: 7,
            amount: AMOUNT,
        })));
    assert_eq!(f.allocation(0).status, AllocationStatus::Released);
}

#[test]
fn review_after_the_window_is_refused_and_the_rejection_returns_funds_to_the_holder() {
    // given
    let mut f = rejected(human());
    let a = f.accounts.clone();
    let closed_at = DEADLINE + 1 + review_config().review_window;
    f.chain.advance_to(closed_at);
    // when
    f.assert_refused(
        &a.recipient,
        "request_review",
        (1u32, doc("too late")),
        0,
        Error::Review(ReviewError::ReviewWindowClosed { closed_at }),
    );
    let h0 = f.balance(&a.holder);
    let out = f.must(&a.stranger, "execute_decision", 1u32, 0);
    // then
    assert_eq!(f.balance(&a.holder) - h0, AMOUNT);
    assert!(out
        .events()
        .contains(&ShartEvent::AllocationReturned(AllocationReturned {
            id: 0,
            to: ink_account(&a.holder),
            amount: AMOUNT,
            decision: 1,
        })));
    assert_eq!(
        took_effect(&out.events()),
        Some((Verdict::Adverse, EffectBasis::WindowPassed))
    );
    assert_eq!(f.allocation(0).status, AllocationStatus::Returned);
    assert_eq!(f.read::<_, u128>("held", ()), FUNDS - AMOUNT);
}

#[test]
fn missed_reviewer_deadline_pays_the_recipient() {
    // given: review requested, the reviewer never resolves
    let mut f = rejected(human());
    let a = f.accounts.clone();
    let asked = DEADLINE + DAY;
    f.chain.advance_to(asked);
    f.must(&a.recipient, "request_review", (1u32, doc("my reasons")), 0);
    // when: before the deadline nothing executes, after it the fallback does
    f.chain
        .advance_to(asked + review_config().reviewer_deadline - 1);
    f.assert_refused(
        &a.stranger,
        "execute_decision",
        1u32,
        0,
        Error::Review(ReviewError::NotYetFinal { id: 1 }),
    );
    f.chain
        .advance_to(asked + review_config().reviewer_deadline);
    let r0 = f.balance(&a.recipient);
    let out = f.must(&a.stranger, "execute_decision", 1u32, 0);
    // then
    assert_eq!(f.balance(&a.recipient) - r0, AMOUNT);
    assert_eq!(
        took_effect(&out.events()),
        Some((Verdict::Favourable, EffectBasis::DeadlineFallback))
    );
}

#[test]
fn high_risk_rejection_waits_for_a_reviewers_confirmation() {
    // given: a high-risk AI inspector, confirmation required
    let label = AiLabel {
        ai_involved: true,
        risk: RiskClass::High,
    };
    let mut f = rejected(label);
    let a = f.accounts.clone();
    assert!(matches!(
        decision(&mut f, 1).status,
        DecisionStatus::AwaitingConfirmation { .. }
    ));
    // when: long after the review window, nobody confirmed
    f.chain
        .advance_to(DEADLINE + 1 + review_config().review_window + DAY);
    f.assert_refused(
        &a.stranger,
        "execute_decision",
        1u32,
        0,
        Error::Review(ReviewError::NotYetFinal { id: 1 }),
    );
    // then: a reviewer confirms and the rejection takes effect
    f.must(
        &a.reviewer,
        "resolve_review",
        (1u32, None::<Verdict>, doc("ok")),
        0,
    );
    let h0 = f.balance(&a.holder);
    let out = f.must(&a.stranger, "execute_decision", 1u32, 0);
    assert_eq!(f.balance(&a.holder) - h0, AMOUNT);
    assert_eq!(
        took_effect(&out.events()),
        Some((Verdict::Adverse, EffectBasis::Upheld))
    );
}

#[test]
fn dispute_freezes_the_allocation_and_the_executed_ruling_splits_it() {
    // given
    let mut f = allocated(human());
    let a = f.accounts.clone();
    f.submit_and_approve(0, 0);
    f.must(&a.holder, "raise_dispute", (0u32, doc("wrong purpose")), 0);
    // when frozen
    let frozen = Error::Programme(ProgrammeError::AllocationFrozen { allocation: 0 });
    f.assert_refused(
        &a.recipient,
        "submit_document",
        (0u32, 1u32, doc("act")),
        0,
        frozen,
    );
    f.assert_refused(&a.stranger, "release", 0u32, 0, frozen);
    f.chain.advance_to(DEADLINE + 1);
    f.assert_refused(&a.stranger, "close", 0u32, 0, frozen);
    // then the ruling: 30 % back to the holder, 70 % to the recipient
    f.must(&a.arbitrator, "rule", (0u32, 3_000u16, doc("award")), 0);
    f.chain.advance_to(DEADLINE + 1 + 8 * DAY);
    let (h0, r0) = (f.balance(&a.holder), f.balance(&a.recipient));
    let out = f.must(&a.stranger, "execute_ruling", 0u32, 0);
    assert_eq!(f.balance(&a.holder) - h0, AMOUNT * 3 / 10);
    assert_eq!(f.balance(&a.recipient) - r0, AMOUNT * 7 / 10);
    assert_eq!(
        out.events(),
        vec![ShartEvent::DisputeResolved(DisputeResolved {
            id: 0,
            subject: 0,
            payer_amount: AMOUNT * 3 / 10,
            payee_amount: AMOUNT * 7 / 10,
            by_fallback: false,
        })]
    );
    assert_eq!(f.allocation(0).status, AllocationStatus::Resolved);
    assert_eq!(f.read::<_, u128>("held", ()), FUNDS - AMOUNT);
}

#[test]
fn dispute_of_an_allocation_with_a_pending_rejection_is_refused() {
    let mut f = rejected(human());
    let a = f.accounts.clone();
    f.assert_refused(
        &a.recipient,
        "raise_dispute",
        (0u32, doc("e")),
        0,
        Error::Programme(ProgrammeError::DecisionPending {
            allocation: 0,
            decision: 1,
        }),
    );
}

#[test]
fn terminate_settles_every_held_amount_to_the_parties_and_nothing_to_the_admin() {
    // given: unallocated funds, an approved allocation, an unapproved one,
    // a rejection under review
    let mut f = allocated(human());
    let a = f.accounts.clone();
    f.allocate(&a.recipient2.clone(), 100_000, DEADLINE, vec![1]);
    f.allocate(&a.recipient2.clone(), 50_000, T0 + DAY, vec![1]);
    f.submit_and_approve(0, 0);
    f.submit_and_approve(0, 1);
    f.chain.advance_to(T0 + 2 * DAY);
    f.must(&a.stranger, "close", 2u32, 0);
    f.must(&a.recipient2, "request_review", (1u32, doc("reasons")), 0);
    f.must(&a.guardian, "pause", doc("court order"), 0);
    // the rule: approved → recipient; unapproved → holder; unallocated →
    // holder; the rejection under review is left to run to its verdict
    let unallocated = FUNDS - AMOUNT - 100_000 - 50_000;
    let expected = vec![
        (ink_account(&a.holder), unallocated + 100_000),
        (ink_account(&a.recipient), AMOUNT),
        (ink_account(&a.recipient2), 0),
    ];
    assert_eq!(
        f.read::<_, Vec<(ink::primitives::AccountId, u128)>>("settlement_preview", ()),
        expected
    );
    let (h0, r0, q0, admin0) = (
        f.balance(&a.holder),
        f.balance(&a.recipient),
        f.balance(&a.recipient2),
        f.balance(&a.admin),
    );
    let contract0 = f.contract_balance();
    // when
    let out = f.must(&a.admin, "terminate", doc("decision"), 0);
    // then
    assert_eq!(f.balance(&a.holder) - h0, unallocated + 100_000);
    assert_eq!(f.balance(&a.recipient) - r0, AMOUNT);
    assert_eq!(f.balance(&a.recipient2), q0);
    // the admin's balance moves by its own storage deposit only
    let admin_gain = i128::try_from(f.balance(&a.admin)).unwrap() - i128::try_from(admin0).unwrap();
    assert_eq!(admin_gain, -out.storage_deposit);
    assert!(!out.events().iter().any(|e| matches!(
        e,
        ShartEvent::SettlementPaid(p) if p.recipient == ink_account(&a.admin)
    )));
    assert_eq!(contract0 - f.contract_balance(), FUNDS - 50_000);
    assert_eq!(f.read::<_, u128>("held", ()), 50_000);
    assert_eq!(
        f.read::<_, SwitchState>("state", ()),
        SwitchState::Terminated
    );
    // and the review goes on after termination: the reviewer overturns the
    // rejection, which then pays recipient 2
    f.must(
        &a.reviewer,
        "resolve_review",
        (1u32, Some(Verdict::Favourable), doc("reasoning")),
        0,
    );
    f.must(&a.stranger, "execute_decision", 1u32, 0);
    assert_eq!(f.balance(&a.recipient2) - q0, 50_000);
    assert_eq!(f.read::<_, u128>("held", ()), 0);
    assert_eq!(contract0 - f.contract_balance(), FUNDS);
}

#[test]
fn a_party_cannot_be_granted_a_role_so_a_recipient_never_inspects_its_own_documents() {
    // given: an allocation to the recipient (review M3: a recipient granted
    // `Inspector` approved its own documents and released in one block)
    let mut f = allocated(human());
    let a = f.accounts.clone();
    // when / then: no party is granted a role or proposed as admin
    crate::kit::no_party_is_granted_a_role_or_handed_admin(&mut f);
    // and the recipient's junk document waits for a real inspector
    f.must(
        &a.recipient,
        "submit_document",
        (0u32, 0u32, doc("junk")),
        0,
    );
    f.assert_refused(
        &a.recipient,
        "approve_document",
        (0u32, 0u32),
        0,
        Error::Roles(RolesError::Unauthorized {
            caller: ink_account(&a.recipient),
            required: Role::Inspector,
        }),
    );
}

#[test]
fn paused_contract_keeps_review_working_but_holds_every_payment() {
    // given
    let mut f = rejected(human());
    let a = f.accounts.clone();
    f.must(&a.guardian, "pause", doc("inquiry"), 0);
    // when
    f.must(&a.recipient, "request_review", (1u32, doc("reasons")), 0);
    f.must(
        &a.reviewer,
        "resolve_review",
        (1u32, Some(Verdict::Favourable), doc("reasoning")),
        0,
    );
    // then
    f.assert_refused(
        &a.stranger,
        "execute_decision",
        1u32,
        0,
        Error::KillSwitch(KillSwitchError::Paused),
    );
    f.assert_refused(
        &a.holder,
        "fund",
        (),
        10,
        Error::KillSwitch(KillSwitchError::Paused),
    );
}

// ----- access matrix ---------------------------------------------------

fn unauthorized(required: Role) -> impl Fn(ink::primitives::AccountId) -> Error {
    move |caller| Error::Roles(RolesError::Unauthorized { caller, required })
}

fn not_holder(caller: ink::primitives::AccountId) -> Error {
    Error::Programme(ProgrammeError::NotBudgetHolder { caller })
}

#[test]
fn fund_and_allocate_are_refused_to_everyone_but_the_budget_holder() {
    let mut f = deploy().unwrap();
    f.make_effective();
    let a = f.accounts.clone();
    f.access_matrix(
        "fund",
        Encoded::of(()),
        FUNDS,
        std::slice::from_ref(&a.holder),
        not_holder,
    );
    f.access_matrix(
        "allocate",
        Encoded::of((
            ink_account(&a.recipient),
            AMOUNT,
            7u32,
            DEADLINE,
            vec![1u32],
        )),
        0,
        std::slice::from_ref(&a.holder),
        not_holder,
    );
    f.access_matrix(
        "reclaim_unallocated",
        Encoded::of(1u128),
        0,
        std::slice::from_ref(&a.holder),
        not_holder,
    );
}

#[test]
fn the_budget_holder_reclaims_unallocated_money_and_only_that() {
    // given: funded, one allocation made
    let mut f = allocated(human());
    let a = f.accounts.clone();
    let unallocated: u128 = f.read("unallocated", ());
    let (holder0, contract0) = (f.balance(&a.holder), f.contract_balance());
    // when: the holder takes back all of it
    f.must(&a.holder, "reclaim_unallocated", unallocated, 0);
    // then: the unallocated money left, the allocation stays
    assert_eq!(f.read::<_, u128>("unallocated", ()), 0);
    assert_eq!(contract0 - f.contract_balance(), unallocated);
    assert_eq!(f.balance(&a.holder) - holder0, unallocated);
    assert_eq!(f.read::<_, u128>("held", ()), AMOUNT);
    f.assert_refused(
        &a.holder,
        "reclaim_unallocated",
        1u128,
        0,
        Error::Programme(ProgrammeError::InsufficientUnallocated {
            requested: 1,
            available: 0,
        }),
    );
}

#[test]
fn document_messages_are_refused_to_everyone_but_recipient_and_inspector() {
    let mut f = allocated(human());
    let a = f.accounts.clone();
    f.access_matrix(
        "submit_document",
        Encoded::of((0u32, 0u32, doc("invoice"))),
        0,
        std::slice::from_ref(&a.recipient),
        |caller| {
            Error::Programme(ProgrammeError::NotRecipient {
                caller,
                allocation: 0,
            })
        },
    );
    f.access_matrix(
        "approve_document",
        Encoded::of((0u32, 0u32)),
        0,
        std::slice::from_ref(&a.inspector),
        unauthorized(Role::Inspector),
    );
    f.must(&a.recipient, "submit_document", (0u32, 1u32, doc("act")), 0);
    f.access_matrix(
        "reject_document",
        Encoded::of((0u32, 1u32, doc("unsigned"))),
        0,
        std::slice::from_ref(&a.inspector),
        unauthorized(Role::Inspector),
    );
}

#[test]
fn review_messages_are_refused_to_everyone_but_subject_and_reviewer() {
    let mut f = rejected(human());
    let a = f.accounts.clone();
    f.access_matrix(
        "request_review",
        Encoded::of((1u32, doc("reasons"))),
        0,
        std::slice::from_ref(&a.recipient),
        |caller| Error::Review(ReviewError::NotTheSubject { caller }),
    );
    f.access_matrix(
        "resolve_review",
        Encoded::of((1u32, None::<Verdict>, doc("reasoning"))),
        0,
        std::slice::from_ref(&a.reviewer),
        unauthorized(Role::Reviewer),
    );
}

#[test]
fn kill_switch_messages_are_refused_to_everyone_but_guardian_and_admin() {
    let mut f = allocated(human());
    let a = f.accounts.clone();
    f.access_matrix(
        "pause",
        Encoded::of(doc("order")),
        0,
        &[a.guardian.clone(), a.admin.clone()],
        unauthorized(Role::Guardian),
    );
    f.access_matrix(
        "resume",
        Encoded::of(()),
        0,
        std::slice::from_ref(&a.admin),
        unauthorized(Role::Admin),
    );
    f.must(&a.admin, "pause", doc("order"), 0);
    f.access_matrix(
        "terminate",
        Encoded::of(doc("decision")),
        0,
        std::slice::from_ref(&a.admin),
        unauthorized(Role::Admin),
    );
}

#[test]
fn grant_role_and_rule_are_refused_to_everyone_but_admin_and_arbitrator() {
    let mut f = allocated(human());
    let a = f.accounts.clone();
    f.access_matrix(
        "grant_role",
        Encoded::of((Role::Inspector, ink_account(&a.stranger))),
        0,
        std::slice::from_ref(&a.admin),
        unauthorized(Role::Admin),
    );
    f.must(&a.recipient, "raise_dispute", (0u32, doc("e")), 0);
    f.access_matrix(
        "rule",
        Encoded::of((0u32, 5_000u16, doc("award"))),
        0,
        std::slice::from_ref(&a.arbitrator),
        unauthorized(Role::Arbitrator),
    );
}

#[test]
fn note_invalidated_attestation_marks_a_revoked_acceptance_and_refuses_a_valid_one() {
    // given: every party accepted on its attestation
    let mut f = deploy_labelled(human()).unwrap();
    f.make_effective();
    let a = f.accounts.clone();
    let acceptances: Vec<Acceptance> = f.read("acceptances", ());
    let (party, id) = (acceptances[1].party, acceptances[1].attestation);
    // when / then: nothing to note while the registry says it counts
    f.assert_refused(
        &a.stranger,
        "note_invalidated_attestation",
        (party, id),
        0,
        Error::AttestationStillValid { attestation: id },
    );
    // once the verifier revokes it, anyone notes it; the acceptance stays
    let registry = f.registry.clone();
    let out: shart::runtime::Outcome<Result<(), eds_registry::Error>> = f.chain.call(
        &registry,
        &a.verifier,
        "revoke",
        (id, RevocationReason::CertificateRevoked),
        0,
    );
    assert_eq!(out.value, Ok(Ok(())));
    let out = f.must(&a.stranger, "note_invalidated_attestation", (party, id), 0);
    assert!(out
        .events()
        .iter()
        .any(|e| matches!(e, ShartEvent::AcceptanceAttestationInvalidated(_))));
    let acceptances: Vec<Acceptance> = f.read("acceptances", ());
    assert_eq!(
        acceptances[1].invalidated,
        Some(RevocationReason::CertificateRevoked)
    );
    assert_eq!(acceptances.len(), 3);
}

#[test]
fn replace_clause_by_the_admin_before_any_acceptance_rebinds_what_parties_accept() {
    // given: deployed, nobody accepted yet
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    let old = f.config_digest;
    let mut config: programmable_payment::programme::Config = f.read("config", ());
    config.clause.clause_hash = doc("another clause text");
    // when: only the admin replaces the clause
    f.access_matrix(
        "replace_clause",
        Encoded::of(config.clause),
        0,
        std::slice::from_ref(&a.admin),
        unauthorized(Role::Admin),
    );
    // then: the digest commits to the new clause, and the old one is refused
    let digest: [u8; 32] = f.read("config_digest", ());
    assert_eq!(digest, shart::fixtures::config_digest(&config));
    let read: programmable_payment::programme::Config = f.read("config", ());
    assert_eq!(read, config);
    f.assert_refused(
        &a.holder,
        "accept_agreement",
        (shart::payment::rules_hash(), 1u32, old),
        0,
        Error::Agreement(AgreementError::ConfigMismatch {
            expected: digest,
            given: old,
        }),
    );
    f.config_digest = digest;
    f.make_effective();
    // and from the first acceptance on, the clause is locked
    f.assert_refused(
        &a.admin,
        "replace_clause",
        config.clause,
        0,
        Error::Arbitration(safeguards::ArbitrationError::ClauseLocked),
    );
}

#[test]
fn an_amendment_proposed_by_a_party_governs_once_every_party_accepts_it() {
    // given: effective
    let mut f = deploy().unwrap();
    f.make_effective();
    let a = f.accounts.clone();
    let amended = (doc("amended programme rules"), 2u32);
    // when: only a party proposes
    f.access_matrix(
        "propose_amendment",
        Encoded::of(amended),
        0,
        &[a.holder.clone(), a.recipient.clone(), a.recipient2.clone()],
        |caller| Error::Agreement(AgreementError::NotAParty { caller }),
    );
    // then: version 1 governs until the last party accepts version 2
    let terms =
        |f: &mut Payment| -> Option<safeguards::agreement::Terms> { f.read("effective_terms", ()) };
    for who in [&a.holder, &a.recipient, &a.recipient2] {
        assert_eq!(terms(&mut f).map(|t| t.version), Some(1));
        f.must(
            who,
            "accept_agreement",
            (amended.0, amended.1, f.config_digest),
            0,
        );
    }
    assert_eq!(
        terms(&mut f),
        Some(safeguards::agreement::Terms {
            hash: amended.0,
            version: 2
        })
    );
}

// ----- refusals: each reachable error with its exact variant -----------
//
// Every refusal below goes through `Payment::assert_refused`: the exact
// error, a reverted call, no event in the sandbox's record and an
// unchanged snapshot of the contract's reads, the named accounts' roles
// and every balance.

fn not_a_party(who: &AccountId32) -> Error {
    Error::Agreement(AgreementError::NotAParty {
        caller: ink_account(who),
    })
}

fn dispute_not_a_party(who: &AccountId32) -> Error {
    Error::Dispute(DisputeError::NotAParty {
        caller: ink_account(who),
    })
}

#[test]
fn party_messages_are_refused_to_every_non_party() {
    // given: deployed, nobody accepted
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    let outsiders = [
        &a.admin,
        &a.guardian,
        &a.arbitrator,
        &a.reviewer,
        &a.inspector,
        &a.stranger,
        &a.verifier,
    ];
    let terms = (shart::payment::rules_hash(), 1u32, f.config_digest);
    for who in outsiders {
        f.assert_refused(who, "accept_agreement", terms, 0, not_a_party(who));
    }
    // when: allocation 0 belongs to the holder and the recipient
    f.make_funded(FUNDS);
    f.allocate(&a.recipient.clone(), AMOUNT, DEADLINE, vec![1]);
    for who in outsiders {
        f.assert_refused(
            who,
            "propose_amendment",
            (doc("v2"), 2u32),
            0,
            not_a_party(who),
        );
    }
    // the other recipient is a party of the programme, not of allocation 0
    let allocation_outsiders = outsiders.iter().copied().chain([&a.recipient2]);
    for who in allocation_outsiders.clone() {
        f.assert_refused(
            who,
            "raise_dispute",
            (0u32, doc("e")),
            0,
            dispute_not_a_party(who),
        );
    }
    // then: a dispute's evidence and appeals are its two sides' only
    f.must(&a.holder, "raise_dispute", (0u32, doc("e")), 0);
    f.must(&a.arbitrator, "rule", (0u32, 5_000u16, doc("award")), 0);
    for who in allocation_outsiders {
        f.assert_refused(
            who,
            "submit_evidence",
            (0u32, doc("more")),
            0,
            dispute_not_a_party(who),
        );
        f.assert_refused(
            who,
            "appeal",
            (0u32, doc("grounds")),
            0,
            dispute_not_a_party(who),
        );
    }
}

#[test]
fn role_administration_refuses_everyone_but_the_admin_and_the_edge_callers() {
    let mut f = allocated(human());
    let a = f.accounts.clone();
    let admin = std::slice::from_ref(&a.admin);
    f.access_matrix(
        "revoke_role",
        Encoded::of((Role::Reviewer, ink_account(&a.reviewer))),
        0,
        admin,
        unauthorized(Role::Admin),
    );
    f.must(
        &a.admin,
        "grant_role",
        (Role::Reviewer, ink_account(&a.reviewer)),
        0,
    );
    // accept_admin with nothing proposed
    f.assert_refused(
        &a.stranger,
        "accept_admin",
        (),
        0,
        Error::Roles(RolesError::NoPendingAdmin),
    );
    f.access_matrix(
        "propose_admin",
        Encoded::of(ink_account(&a.stranger)),
        0,
        admin,
        unauthorized(Role::Admin),
    );
    // the proposed account is not admin yet; nobody else may accept
    for who in [&a.admin, &a.guardian, &a.verifier, &a.holder] {
        f.assert_refused(
            who,
            "accept_admin",
            (),
            0,
            Error::Roles(RolesError::NotPendingAdmin {
                caller: ink_account(who),
            }),
        );
    }
    let pending = unauthorized(Role::Admin)(ink_account(&a.stranger));
    f.assert_refused(
        &a.stranger,
        "grant_role",
        (Role::Guardian, ink_account(&a.verifier)),
        0,
        pending,
    );
    f.assert_refused(&a.stranger, "terminate", doc("r"), 0, pending);
    // after the handover the former admin has no power
    f.must(&a.stranger, "accept_admin", (), 0);
    let former = unauthorized(Role::Admin)(ink_account(&a.admin));
    f.assert_refused(
        &a.admin,
        "grant_role",
        (Role::Guardian, ink_account(&a.verifier)),
        0,
        former,
    );
    f.assert_refused(
        &a.admin,
        "revoke_role",
        (Role::Guardian, ink_account(&a.guardian)),
        0,
        former,
    );
    f.assert_refused(
        &a.admin,
        "pause",
        doc("r"),
        0,
        unauthorized(Role::Guardian)(ink_account(&a.admin)),
    );
}

#[test]
fn a_revoked_role_holder_is_refused_what_the_role_allowed() {
    // given: a submitted document and a dispute on another allocation;
    // then the inspector, the arbitrator and the guardian are revoked
    let mut f = allocated(human());
    let a = f.accounts.clone();
    f.must(
        &a.recipient,
        "submit_document",
        (0u32, 0u32, doc("invoice")),
        0,
    );
    f.allocate(&a.recipient2.clone(), 1_000, DEADLINE, vec![1]);
    f.must(&a.holder, "raise_dispute", (1u32, doc("e")), 0);
    for (role, who) in [
        (Role::Inspector, &a.inspector),
        (Role::Arbitrator, &a.arbitrator),
        (Role::Guardian, &a.guardian),
    ] {
        f.must(&a.admin, "revoke_role", (role, ink_account(who)), 0);
    }
    // then
    for (message, args) in [
        ("approve_document", Encoded::of((0u32, 0u32))),
        ("reject_document", Encoded::of((0u32, 0u32, doc("why")))),
    ] {
        f.assert_refused(
            &a.inspector,
            message,
            args,
            0,
            unauthorized(Role::Inspector)(ink_account(&a.inspector)),
        );
    }
    f.assert_refused(
        &a.arbitrator,
        "rule",
        (0u32, 0u16, doc("award")),
        0,
        unauthorized(Role::Arbitrator)(ink_account(&a.arbitrator)),
    );
    f.assert_refused(
        &a.guardian,
        "pause",
        doc("r"),
        0,
        unauthorized(Role::Guardian)(ink_account(&a.guardian)),
    );
}

#[test]
fn role_and_kill_switch_errors_refuse_without_side_effects() {
    // The kit's own role and switch errors are in `kit.rs`, for every
    // template; here, what is this template's: its inspector, and what a
    // termination refuses of its messages.
    let mut f = allocated(human());
    let a = f.accounts.clone();
    let inspector = ink_account(&a.inspector);
    f.assert_refused(
        &a.admin,
        "grant_role",
        (Role::Inspector, inspector),
        0,
        Error::Roles(RolesError::AlreadyGranted {
            account: inspector,
            role: Role::Inspector,
        }),
    );
    f.must(&a.guardian, "pause", doc("court order"), 0);
    f.must(&a.admin, "terminate", doc("court order"), 0);
    let terminated = Error::KillSwitch(KillSwitchError::Terminated);
    f.assert_refused(&a.holder, "fund", (), 1_000, terminated);
    f.assert_refused(&a.holder, "raise_dispute", (0u32, doc("e")), 0, terminated);
}

#[test]
fn agreement_and_clause_errors_refuse_without_side_effects() {
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    let rules = shart::payment::rules_hash();
    let digest = f.config_digest;
    // the clause, before any acceptance: each validation error
    let valid = f.read::<_, safeguards::arbitration::ArbitrationClause>("clause", ());
    for (clause, e) in safeguards::arbitration::conformance::invalid_clauses(valid) {
        f.assert_refused(&a.admin, "replace_clause", clause, 0, Error::Arbitration(e));
    }
    // acceptances
    f.assert_refused(
        &a.holder,
        "accept_agreement",
        (rules, 2u32, digest),
        0,
        Error::Agreement(AgreementError::TermsMismatch {
            expected_version: 1,
            given_version: 2,
        }),
    );
    f.must(&a.holder, "accept_agreement", (rules, 1u32, digest), 0);
    f.assert_refused(
        &a.holder,
        "accept_agreement",
        (rules, 1u32, digest),
        0,
        Error::Agreement(AgreementError::AlreadyAccepted {
            party: ink_account(&a.holder),
        }),
    );
    for who in [&a.recipient, &a.recipient2] {
        f.must(who, "accept_agreement", (rules, 1u32, digest), 0);
    }
    f.assert_refused(
        &a.holder,
        "accept_agreement",
        (rules, 1u32, digest),
        0,
        Error::Agreement(AgreementError::NothingToAccept),
    );
    // amendments
    for (terms, e) in [
        (
            (doc("v2"), 1u32),
            AgreementError::VersionNotIncreasing {
                current: 1,
                given: 1,
            },
        ),
        (([0u8; 32], 2u32), AgreementError::ZeroHash),
        (
            (doc("v0"), 0u32),
            AgreementError::InvalidVersion { version: 0 },
        ),
    ] {
        f.assert_refused(
            &a.recipient,
            "propose_amendment",
            terms,
            0,
            Error::Agreement(e),
        );
    }
}

#[test]
fn dispute_errors_refuse_without_side_effects() {
    let mut f = allocated(human());
    let a = f.accounts.clone();
    f.assert_refused(
        &a.holder,
        "raise_dispute",
        (0u32, [0u8; 32]),
        0,
        Error::Dispute(DisputeError::ZeroHash),
    );
    f.assert_refused(
        &a.holder,
        "raise_dispute",
        (9u32, doc("e")),
        0,
        Error::Programme(ProgrammeError::UnknownAllocation { allocation: 9 }),
    );
    f.must(&a.holder, "raise_dispute", (0u32, doc("e")), 0);
    f.assert_refused(
        &a.recipient,
        "raise_dispute",
        (0u32, doc("e")),
        0,
        Error::Dispute(DisputeError::AlreadyDisputed { subject: 0 }),
    );
    f.assert_refused(
        &a.holder,
        "submit_evidence",
        (7u32, doc("e")),
        0,
        Error::Dispute(DisputeError::UnknownDispute { id: 7 }),
    );
    f.assert_refused(
        &a.recipient,
        "appeal",
        (0u32, doc("g")),
        0,
        Error::Dispute(DisputeError::WrongStatus {
            expected: safeguards::dispute::DisputeStatus::Ruled,
            actual: safeguards::dispute::DisputeStatus::AwaitingRuling,
        }),
    );
    let ruling_deadline = T0 + 14 * DAY;
    f.assert_refused(
        &a.stranger,
        "execute_ruling",
        0u32,
        0,
        Error::Dispute(DisputeError::NotExecutableYet {
            at: ruling_deadline,
        }),
    );
    f.assert_refused(
        &a.arbitrator,
        "rule",
        (0u32, 10_001u16, doc("aw")),
        0,
        Error::Dispute(DisputeError::SplitOutOfRange { payer_bps: 10_001 }),
    );
    // each side's evidence slots: the holder raised (one of its 8)
    for _ in 1..8 {
        f.must(&a.holder, "submit_evidence", (0u32, doc("more")), 0);
    }
    f.assert_refused(
        &a.holder,
        "submit_evidence",
        (0u32, doc("more")),
        0,
        Error::Dispute(DisputeError::TooMuchEvidence),
    );
    f.must(&a.recipient, "submit_evidence", (0u32, doc("mine")), 0);
    // appeals: one per side, inside the window
    f.must(&a.arbitrator, "rule", (0u32, 5_000u16, doc("aw")), 0);
    f.must(&a.holder, "appeal", (0u32, doc("g")), 0);
    f.must(&a.arbitrator, "rule", (0u32, 5_000u16, doc("aw2")), 0);
    f.assert_refused(
        &a.holder,
        "appeal",
        (0u32, doc("g")),
        0,
        Error::Dispute(DisputeError::AppealAlreadyUsed),
    );
    f.chain.advance_to(T0 + 7 * DAY);
    f.assert_refused(
        &a.recipient,
        "appeal",
        (0u32, doc("g")),
        0,
        Error::Dispute(DisputeError::AppealWindowClosed {
            deadline: T0 + 7 * DAY,
        }),
    );
    // a second dispute whose arbitrator stays silent past the deadline
    f.allocate(&a.recipient2.clone(), 1_000, DEADLINE, vec![1]);
    f.must(&a.recipient2, "raise_dispute", (1u32, doc("e")), 0);
    f.chain.advance_to(T0 + 21 * DAY);
    f.assert_refused(
        &a.arbitrator,
        "rule",
        (1u32, 0u16, doc("late")),
        0,
        Error::Dispute(DisputeError::RulingDeadlinePassed {
            deadline: T0 + 21 * DAY,
        }),
    );
    // a resolved dispute's allocation has nothing left to dispute
    f.must(&a.stranger, "execute_ruling", 0u32, 0);
    f.assert_refused(
        &a.holder,
        "raise_dispute",
        (0u32, doc("again")),
        0,
        Error::Programme(ProgrammeError::NothingToDispute { allocation: 0 }),
    );
}

#[test]
fn review_errors_refuse_without_side_effects() {
    // given: decision 1, the rejection of allocation 0, adverse
    let mut f = rejected(human());
    let a = f.accounts.clone();
    let review = |e| Error::Review(e);
    f.assert_refused(
        &a.recipient,
        "request_review",
        (9u32, doc("r")),
        0,
        review(ReviewError::UnknownDecision { id: 9 }),
    );
    f.assert_refused(
        &a.recipient,
        "request_review",
        (1u32, [0u8; 32]),
        0,
        review(ReviewError::ZeroHash),
    );
    f.assert_refused(
        &a.reviewer,
        "resolve_review",
        (1u32, None::<Verdict>, doc("reasoning")),
        0,
        review(ReviewError::NotUnderReview { id: 1 }),
    );
    f.must(&a.recipient, "request_review", (1u32, doc("my reasons")), 0);
    f.assert_refused(
        &a.recipient,
        "request_review",
        (1u32, doc("again")),
        0,
        review(ReviewError::AlreadyUnderReview { id: 1 }),
    );
    f.assert_refused(
        &a.reviewer,
        "resolve_review",
        (1u32, Some(Verdict::Adverse), doc("reasoning")),
        0,
        review(ReviewError::OverrideToSameVerdict {
            verdict: Verdict::Adverse,
        }),
    );
    f.must(
        &a.reviewer,
        "resolve_review",
        (1u32, Some(Verdict::Favourable), doc("reasoning")),
        0,
    );
    f.assert_refused(
        &a.recipient,
        "request_review",
        (1u32, doc("once more")),
        0,
        review(ReviewError::AlreadyFinal { id: 1 }),
    );
}

#[test]
fn programme_errors_refuse_without_side_effects() {
    // given: effective, funded, allocation 0 to the recipient (two documents)
    let mut f = allocated(human());
    let a = f.accounts.clone();
    let now = T0;
    let programme = |e| Error::Programme(e);
    f.assert_refused(
        &a.holder,
        "fund",
        (),
        0,
        programme(ProgrammeError::ZeroFunding),
    );
    let allocate = |recipient: &AccountId32, amount: u128, deadline: u64, documents: Vec<u32>| {
        Encoded::of((ink_account(recipient), amount, 7u32, deadline, documents))
    };
    for (args, e) in [
        (
            allocate(&a.stranger, 1, DEADLINE, vec![1]),
            ProgrammeError::UnknownRecipient {
                recipient: ink_account(&a.stranger),
            },
        ),
        (
            allocate(&a.recipient, 0, DEADLINE, vec![1]),
            ProgrammeError::ZeroAmount,
        ),
        (
            allocate(&a.recipient, FUNDS, DEADLINE, vec![1]),
            ProgrammeError::InsufficientUnallocated {
                requested: FUNDS,
                available: FUNDS - AMOUNT,
            },
        ),
        (
            allocate(&a.recipient, 1, now, vec![1]),
            ProgrammeError::DeadlineNotInFuture { deadline: now, now },
        ),
        (
            allocate(&a.recipient, 1, DEADLINE, vec![]),
            ProgrammeError::InvalidDocuments { count: 0 },
        ),
        (
            allocate(&a.recipient, 1, DEADLINE, vec![1; 9]),
            ProgrammeError::InvalidDocuments { count: 9 },
        ),
    ] {
        f.assert_refused(&a.holder, "allocate", args, 0, programme(e));
    }
    // documents
    f.assert_refused(
        &a.recipient,
        "submit_document",
        (9u32, 0u32, doc("invoice")),
        0,
        programme(ProgrammeError::UnknownAllocation { allocation: 9 }),
    );
    f.assert_refused(
        &a.recipient,
        "submit_document",
        (0u32, 5u32, doc("invoice")),
        0,
        programme(ProgrammeError::UnknownSlot {
            allocation: 0,
            slot: 5,
        }),
    );
    f.assert_refused(
        &a.inspector,
        "approve_document",
        (0u32, 0u32),
        0,
        programme(ProgrammeError::WrongDocumentStatus {
            allocation: 0,
            slot: 0,
            actual: programmable_payment::programme::DocumentStatus::Missing,
        }),
    );
    f.assert_refused(
        &a.stranger,
        "release",
        0u32,
        0,
        programme(ProgrammeError::ConditionsNotMet { allocation: 0 }),
    );
    f.assert_refused(
        &a.stranger,
        "close",
        0u32,
        0,
        programme(ProgrammeError::DeadlineNotReached {
            allocation: 0,
            deadline: DEADLINE,
        }),
    );
    // after the deadline, with every document approved, it cannot be
    // closed as a rejection
    f.submit_and_approve(0, 0);
    f.submit_and_approve(0, 1);
    f.chain.advance_to(DEADLINE);
    f.assert_refused(
        &a.recipient,
        "submit_document",
        (0u32, 1u32, doc("late")),
        0,
        programme(ProgrammeError::DeadlinePassed {
            allocation: 0,
            deadline: DEADLINE,
        }),
    );
    f.assert_refused(
        &a.stranger,
        "close",
        0u32,
        0,
        programme(ProgrammeError::ConditionsMet { allocation: 0 }),
    );
}

#[test]
fn accept_against_an_address_that_is_no_registry_fails_with_registry_unavailable() {
    // given: the programme's registry is an account with no contract
    let mut f = shart::payment::deploy_with(|a, _| {
        shart::payment::config(a, ink_account(&a.stranger), human())
    })
    .unwrap();
    let a = f.accounts.clone();
    let terms = (shart::payment::rules_hash(), 1u32, f.config_digest);
    // when / then
    f.assert_refused(
        &a.holder,
        "accept_agreement",
        terms,
        0,
        Error::RegistryUnavailable,
    );
}

#[test]
fn accept_on_a_revoked_attestation_fails_with_revoked() {
    // given: the verifier revoked the budget holder's attestation (id 1)
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    let registry = f.registry.clone();
    let out: shart::runtime::Outcome<Result<(), eds_registry::Error>> = f.chain.call(
        &registry,
        &a.verifier,
        "revoke",
        (1u64, RevocationReason::CertificateRevoked),
        0,
    );
    assert_eq!(out.value, Ok(Ok(())));
    // when / then
    let terms = (shart::payment::rules_hash(), 1u32, f.config_digest);
    f.assert_refused(
        &a.holder,
        "accept_agreement",
        terms,
        0,
        Error::Eds(safeguards::EdsError::Revoked {
            id: 1,
            reason: RevocationReason::CertificateRevoked,
        }),
    );
}

/// The error `programmable_payment::new` reverts with for the config `make`
/// builds; the deployment reverted and emitted nothing.
fn constructor_error(
    make: impl FnOnce(&shart::payment::Accounts) -> programmable_payment::programme::Config,
) -> Error {
    use scale::Decode;
    let bundle = shart::bundle::bundle("programmable_payment").unwrap();
    let accounts = shart::payment::Accounts::new();
    let mut chain = shart::runtime::Chain::new();
    let out = chain.deploy(&bundle, &accounts.admin, "new", make(&accounts), 0, &[]);
    assert!(out.reverted, "the constructor should revert");
    assert!(out.events.is_empty());
    match out.value {
        Err(shart::runtime::CallError::Reverted(data)) => {
            <Result<Result<(), Error>, ink::LangError>>::decode(&mut &data[..])
                .expect("the constructor's error decodes")
                .expect("no LangError")
                .expect_err("an error")
        }
        other => panic!("expected a revert, got {other:?}"),
    }
}

#[test]
fn constructor_with_invalid_config_fails_with_its_error() {
    use programmable_payment::programme::Config;
    type MakeConfig = Box<dyn Fn(&shart::payment::Accounts) -> Config>;
    let base =
        |a: &shart::payment::Accounts| shart::payment::config(a, ink_account(&a.verifier), human());
    let cases: Vec<(MakeConfig, Error)> = vec![
        (
            Box::new(move |a| Config {
                recipients: vec![],
                ..base(a)
            }),
            Error::Programme(ProgrammeError::InvalidRecipientCount { count: 0 }),
        ),
        (
            Box::new(move |a| Config {
                recipients: vec![ink_account(&a.holder)],
                ..base(a)
            }),
            Error::Programme(ProgrammeError::BudgetHolderIsRecipient {
                account: ink_account(&a_holder()),
            }),
        ),
        (
            Box::new(move |a| Config {
                rejection_explanation: [0; 32],
                ..base(a)
            }),
            Error::Programme(ProgrammeError::ZeroHash),
        ),
        (
            Box::new(move |a| Config {
                recipients: vec![ink_account(&a.recipient), ink_account(&a.recipient)],
                ..base(a)
            }),
            Error::Agreement(AgreementError::DuplicateParty {
                account: ink_account(&a_recipient()),
            }),
        ),
        (
            Box::new(move |a| Config {
                inspector: ink_account(&a.recipient),
                ..base(a)
            }),
            Error::Roles(RolesError::PartyMayNotHoldRole {
                account: ink_account(&a_recipient()),
                role: Role::Inspector,
            }),
        ),
        (
            Box::new(move |a| Config {
                agreement_version: 0,
                ..base(a)
            }),
            Error::Agreement(AgreementError::InvalidVersion { version: 0 }),
        ),
        (
            Box::new(move |a| Config {
                clause: safeguards::arbitration::ArbitrationClause {
                    seat: None,
                    ..shart::fixtures::clause()
                },
                ..base(a)
            }),
            Error::Arbitration(ArbitrationError::SeatRequired),
        ),
        (
            Box::new(move |a| Config {
                disputes: safeguards::dispute::DisputeConfig {
                    ruling_period: 0,
                    ..shart::fixtures::dispute_config()
                },
                ..base(a)
            }),
            Error::Dispute(DisputeError::InvalidConfig),
        ),
        (
            Box::new(move |a| Config {
                review: safeguards::review::ReviewConfig {
                    review_window: 0,
                    ..review_config()
                },
                ..base(a)
            }),
            Error::Review(ReviewError::InvalidPeriod { period: 0 }),
        ),
        (
            Box::new(move |a| Config {
                max_pause: 0,
                ..base(a)
            }),
            Error::KillSwitch(KillSwitchError::InvalidMaxPause { max_pause: 0 }),
        ),
        (
            Box::new(move |a| Config {
                holder_eds: safeguards::eds::Requirement {
                    roles: safeguards::eds::RoleSet::of(&[safeguards::eds::EdsRole::Individual]),
                    ..safeguards::eds::Requirement::signatory(false)
                },
                ..base(a)
            }),
            Error::Eds(safeguards::EdsError::InvalidRequirement),
        ),
    ];
    for (make, expected) in cases {
        assert_eq!(constructor_error(make), expected);
    }
}

/// The named accounts are derived from fixed seeds, so every
/// `Accounts::new()` names the same ones.
fn a_holder() -> AccountId32 {
    shart::payment::Accounts::new().holder
}

fn a_recipient() -> AccountId32 {
    shart::payment::Accounts::new().recipient
}

#[test]
fn a_registry_that_writes_storage_fails_the_acceptance_and_charges_the_party_nothing() {
    // given: a second programme whose registry address runs a contract that
    // writes to its storage on every `check` (tests/doubles/hostile_registry)
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    let double = shart::bundle::bundle("hostile_registry").unwrap();
    let hostile = f
        .chain
        .deploy(&double, &a.admin, "new", (), 0, &[])
        .value
        .unwrap();
    let config = shart::payment::config(&a, ink_account(&hostile.address), human());
    let bundle = shart::bundle::bundle("programmable_payment").unwrap();
    f.contract = f
        .chain
        .deploy(&bundle, &a.admin, "new", config.clone(), 0, &[1])
        .value
        .unwrap();
    f.config_digest = shart::fixtures::config_digest(&config);
    // the double does write, and charge a deposit, when called on its own
    let direct: shart::runtime::Outcome<Result<u64, safeguards::EdsError>> = f.chain.call(
        &hostile,
        &a.stranger,
        "EdsRegistry::check",
        (
            ink_account(&a.holder),
            T0,
            safeguards::eds::Requirement::signatory(false),
        ),
        0,
    );
    assert_eq!(direct.value, Ok(Ok(1)));
    assert!(direct.storage_deposit > 0, "{}", direct.storage_deposit);
    // when: through the gate the write finds no deposit allowance
    f.chain.clear_events();
    let (root, before) = (f.chain.state_root(), f.snapshot());
    let out = f.call(
        &a.holder,
        "accept_agreement",
        (shart::payment::rules_hash(), 1u32, f.config_digest),
        0,
    );
    // then: pallet-contracts fails the registry's frame
    // (`StorageDepositLimitExhausted`), which fails the cold code's frame
    // the acceptance runs in, and the template traps on the failed
    // delegate call (`safeguards::kit::split::forward`): the whole
    // transaction fails, so nothing is accepted, emitted or charged
    assert!(
        matches!(&out.value, Err(shart::runtime::CallError::Dispatch(e)) if e.contains("ContractTrapped")),
        "{:?}",
        out.value
    );
    assert!(out.events.is_empty());
    assert_eq!(f.snapshot(), before);
    // nor anything else: the hostile registry's own storage included
    assert!(
        f.chain.state_root() == root,
        "the failed transaction left state behind"
    );
    assert_eq!(f.read::<_, Vec<Acceptance>>("acceptances", ()), vec![]);
    let calls: shart::runtime::Outcome<u64> = f.chain.call(&hostile, &a.stranger, "calls", (), 0);
    assert_eq!(calls.value, Ok(1), "only the direct call wrote");
}

// ----- the allowlist of recipients -------------------------------------

mod allowlist {
    use safeguards::allowlist::{
        AllowlistCall, AllowlistEntryRenewed, AllowlistEntrySet, ListEntry, ListRefusal, Renewal,
    };
    use shart::payment::{listing, party_evidence};

    use super::*;

    fn not_allowlisted(account: &AccountId32, refusal: ListRefusal) -> Error {
        Error::Programme(ProgrammeError::NotAllowlisted {
            account: ink_account(account),
            refusal,
        })
    }

    #[test]
    fn the_compliance_officer_lists_each_recipient_and_the_event_names_it() {
        // given / when: a deployed programme (the fixture lists both
        // recipients as the compliance officer, as a deployer would)
        let mut f = deploy().unwrap();
        let a = f.accounts.clone();
        let evidence = party_evidence(&a);
        // then: each entry reads back as set
        let entry: Option<ListEntry> = f.read("allowlist_entry", ink_account(&a.recipient));
        assert_eq!(entry, Some(listing(&evidence[1], 2)));
        // and setting one emits the whole entry, the account as its topic
        let again = listing(&evidence[2], 3);
        let out = f.must(
            &a.compliance,
            "allowlist",
            AllowlistCall::Set {
                account: ink_account(&a.recipient2),
                entry: again,
            },
            0,
        );
        assert_eq!(
            out.events(),
            vec![ShartEvent::AllowlistEntrySet(AllowlistEntrySet {
                account: ink_account(&a.recipient2),
                entry: again,
                by: ink_account(&a.compliance),
            })]
        );
        let topic: [u8; 32] = *ink_account(&a.recipient2).as_ref();
        assert_eq!(out.events[0].topics.get(1), Some(&topic));
    }

    #[test]
    fn allocation_to_a_recipient_the_officer_removed_is_refused_and_changes_nothing() {
        // given: a funded programme; the officer removes the second recipient
        let mut f = deploy().unwrap();
        let a = f.accounts.clone();
        f.make_funded(FUNDS);
        f.must(
            &a.compliance,
            "allowlist",
            AllowlistCall::Remove {
                account: ink_account(&a.recipient2),
                reason: 7,
            },
            0,
        );
        // when / then: refused, reverted, nothing emitted or changed
        f.assert_refused(
            &a.holder,
            "allocate",
            (
                ink_account(&a.recipient2),
                AMOUNT,
                7u32,
                DEADLINE,
                vec![1u32],
            ),
            0,
            not_allowlisted(&a.recipient2, ListRefusal::NotListed),
        );
        // and the listed recipient is allocated as before
        let recipient = a.recipient.clone();
        f.allocate(&recipient, AMOUNT, DEADLINE, vec![1]);
    }

    #[test]
    fn an_entry_expires_with_no_transaction_and_the_release_waits_for_its_renewal() {
        // given: allocation 0, both documents approved
        let mut f = allocated(human());
        let a = f.accounts.clone();
        f.submit_and_approve(0, 0);
        f.submit_and_approve(0, 1);
        let expiry = listing(&party_evidence(&a)[1], 2).expires_at;
        // when: the block time passes the recipient's expiry
        f.chain.advance_to(expiry);
        // then: the release is refused for it
        f.assert_refused(
            &a.stranger,
            "release",
            0u32,
            0,
            not_allowlisted(&a.recipient, ListRefusal::Expired { expires_at: expiry }),
        );
        // and after the officer renews it, the recipient is paid
        let renewal = Renewal {
            expires_at: expiry + 366 * DAY,
            review_due: expiry + 183 * DAY,
            evidence: doc("second screening"),
        };
        let out = f.must(
            &a.compliance,
            "allowlist",
            AllowlistCall::Renew {
                account: ink_account(&a.recipient),
                renewal,
            },
            0,
        );
        assert_eq!(
            out.events(),
            vec![ShartEvent::AllowlistEntryRenewed(AllowlistEntryRenewed {
                account: ink_account(&a.recipient),
                expires_at: renewal.expires_at,
                review_due: renewal.review_due,
                evidence: renewal.evidence,
                by: ink_account(&a.compliance),
            })]
        );
        let r0 = f.balance(&a.recipient);
        f.must(&a.stranger, "release", 0u32, 0);
        assert_eq!(f.balance(&a.recipient) - r0, AMOUNT);
    }

    #[test]
    fn only_the_compliance_officer_changes_the_allowlist_even_while_paused() {
        // given: a deployed programme, paused
        let mut f = deploy().unwrap();
        let a = f.accounts.clone();
        f.must(&a.guardian, "pause", doc("incident"), 0);
        let call = AllowlistCall::Suspend {
            account: ink_account(&a.recipient),
            reason: 2,
        };
        // when / then: every other named account is refused
        for (who, _) in a.names() {
            if who == a.compliance {
                continue;
            }
            f.assert_refused(
                &who,
                "allowlist",
                call.clone(),
                0,
                Error::Roles(RolesError::Unauthorized {
                    caller: ink_account(&who),
                    required: Role::ComplianceOfficer,
                }),
            );
        }
        // and the officer suspends, paused or not
        f.must(&a.compliance, "allowlist", call, 0);
        let entry: Option<ListEntry> = f.read("allowlist_entry", ink_account(&a.recipient));
        assert_eq!(
            entry.map(|e| e.status),
            Some(safeguards::allowlist::ListStatus::Suspended)
        );
    }

    #[test]
    fn a_favourable_decision_for_a_suspended_recipient_waits_in_the_contract_s_own_code() {
        // given: a rejection overridden in the recipient's favour, then the
        // recipient suspended; `execute_decision` runs in the hot code
        let mut f = rejected(human());
        let a = f.accounts.clone();
        f.chain.advance_to(DEADLINE + DAY);
        f.must(&a.recipient, "request_review", (1u32, doc("my reasons")), 0);
        f.must(
            &a.reviewer,
            "resolve_review",
            (1u32, Some(Verdict::Favourable), doc("reasoning")),
            0,
        );
        let suspend = AllowlistCall::Suspend {
            account: ink_account(&a.recipient),
            reason: 9,
        };
        f.must(&a.compliance, "allowlist", suspend, 0);
        // when / then: refused for the suspension, nothing changed
        f.assert_refused(
            &a.stranger,
            "execute_decision",
            1u32,
            0,
            not_allowlisted(&a.recipient, ListRefusal::Suspended { reason: 9 }),
        );
        // and once listed again, the decision pays
        let entry = listing(&party_evidence(&a)[1], 2);
        let relist = AllowlistCall::Set {
            account: ink_account(&a.recipient),
            entry: ListEntry {
                valid_from: DEADLINE,
                ..entry
            },
        };
        f.must(&a.compliance, "allowlist", relist, 0);
        let r0 = f.balance(&a.recipient);
        f.must(&a.stranger, "execute_decision", 1u32, 0);
        assert_eq!(f.balance(&a.recipient) - r0, AMOUNT);
    }
}
