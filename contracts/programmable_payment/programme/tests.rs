//! Unit and property tests of the programme core, and the mounted review
//! conformance suite.
use proptest::prelude::*;
use safeguards::{
    agreement::AgreementEvent,
    arbitration::{ArbitrationClause, Forum, GoverningLaw, Language, Rules, Seat},
    dispute::{DisputeStatus, Fallback},
    kill_switch::SwitchState,
    kit::conformance::{
        kit_effects, review_outcome, DecisionHarness, Effects as KitEffects, KitEvent,
    },
    review::{
        conformance::Fixture, AutomatedDecisionRecorded, DecisionStatus, EffectBasis, ReviewEvent,
        RiskClass,
    },
    AgreementError, DisputeError, KillSwitchError, ReviewError, RolesError, SafeguardEvent,
};

use safeguards::store::{InkStore, MemStore, Store, MAX_VALUE};

use super::*;
use safeguards::allowlist::{AmlRisk, ListRefusal, ListSource, ListStatus};

/// The programme core over an in-memory store, as every unit test drives
/// it.
type Programme = super::Programme<MemStore>;

const ADMIN: u8 = 1;
const GUARDIAN: u8 = 2;
const ARBITRATOR: u8 = 3;
const REVIEWER: u8 = 4;
const INSPECTOR: u8 = 5;
const OFFICER: u8 = 6;
const HOLDER: u8 = 10;
const R1: u8 = 11;
const R2: u8 = 12;
const CONTRACT: u8 = 50;
const STRANGER: u8 = 99;

const T0: Timestamp = 1_000;
/// The configuration digest the unit tests instantiate with (the contract
/// computes it from its `Config`; the core only stores and compares it).
const CONFIG_DIGEST: Hash32 = [0xCD; 32];
const DEADLINE: Timestamp = 100_000;
const AMOUNT: Balance = 1_000;
const FUNDS: Balance = 5_000;
const WINDOW: Timestamp = 10_000;
const REVIEWER_DEADLINE: Timestamp = 50_000;

fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

fn h(n: u8) -> Hash32 {
    [n; 32]
}

fn clause() -> ArbitrationClause {
    ArbitrationClause {
        forum: Forum::IacArbitration,
        rules: Rules::IacArbitrationAndMediationRules,
        rules_version: 2022,
        seat: Some(Seat::AifcAstana),
        language: Language::English,
        arbitrators: 1,
        governing_law: GoverningLaw::AifcLaw,
        clause_hash: h(4),
    }
}

fn config() -> Config {
    Config {
        // The core never reads it; the contract delegates to it.
        cold_code: [0xc0; 32],
        budget_holder: acc(HOLDER),
        recipients: vec![acc(R1), acc(R2)],
        inspector: acc(INSPECTOR),
        inspector_label: AiLabel {
            ai_involved: false,
            risk: RiskClass::Minimal,
        },
        guardian: acc(GUARDIAN),
        arbitrator: acc(ARBITRATOR),
        reviewer: acc(REVIEWER),
        agreement_hash: h(1),
        agreement_version: 1,
        clause: clause(),
        disputes: DisputeConfig {
            ruling_period: 20_000,
            appeal_window: 5_000,
            fallback: Fallback::RefundPayer,
        },
        review: ReviewConfig {
            review_window: WINDOW,
            reviewer_deadline: REVIEWER_DEADLINE,
            confirm_high_risk: true,
        },
        rejection_explanation: h(9),
        registry: acc(77),
        holder_eds: Requirement::signatory(false),
        recipient_eds: Requirement::individual(false),
        max_pause: 10_000_000_000,
        compliance_officer: acc(OFFICER),
    }
}

/// An allowlist entry in force from 0 for a long time.
fn listing() -> ListEntry {
    ListEntry {
        status: ListStatus::Allowed,
        reason: 0,
        source: ListSource::Attestation(1),
        identity: h(60),
        evidence: h(61),
        risk: AmlRisk::Standard,
        valid_from: 0,
        expires_at: 1 << 40,
        review_due: 1 << 39,
    }
}

/// The compliance officer lists `who` with `entry` at `now`.
fn list(p: &mut Programme, who: u8, entry: ListEntry, now: Timestamp) {
    p.allowlist(
        acc(OFFICER),
        now,
        AllowlistCall::Set {
            account: acc(who),
            entry,
        },
    )
    .unwrap();
}

fn terms() -> Terms {
    Terms {
        hash: h(1),
        version: 1,
    }
}

fn new_with(config: Config) -> Programme {
    Programme::new(acc(ADMIN), config, CONFIG_DIGEST).unwrap().0
}

fn effective_with(config: Config) -> Programme {
    let mut p = new_with(config);
    for (i, who) in [HOLDER, R1, R2].into_iter().enumerate() {
        let attestation = u64::try_from(i).unwrap() + 1;
        p.safeguarded(|s| {
            s.accept_agreement(acc(who), terms(), s.config_digest(), T0, attestation)
        })
        .unwrap();
    }
    // Both recipients screened and listed.
    for who in [R1, R2] {
        list(&mut p, who, listing(), T0);
    }
    p
}

fn funded_with(config: Config) -> Programme {
    let mut p = effective_with(config);
    p.fund(acc(HOLDER), FUNDS).unwrap();
    p
}

/// Allocation 0: `AMOUNT` to R1, two documents, deadline `DEADLINE`.
fn allocated_with(config: Config) -> Programme {
    let mut p = funded_with(config);
    p.allocate(acc(HOLDER), acc(R1), AMOUNT, 7, DEADLINE, vec![1, 2], T0)
        .unwrap();
    p
}

fn allocated() -> Programme {
    allocated_with(config())
}

/// Allocation 0 with both documents approved.
fn approved() -> Programme {
    let mut p = allocated();
    for slot in 0..2 {
        p.submit_document(acc(R1), 0, slot, h(20), T0).unwrap();
        p.approve_document(acc(INSPECTOR), 0, slot, T0).unwrap();
    }
    p
}

/// Allocation 0 closed at the deadline with slot 1 missing: decision 1.
fn rejected_with(config: Config) -> Programme {
    let mut p = allocated_with(config);
    p.submit_document(acc(R1), 0, 0, h(20), T0).unwrap();
    p.approve_document(acc(INSPECTOR), 0, 0, T0).unwrap();
    p.close(acc(CONTRACT), 0, DEADLINE).unwrap();
    p
}

fn rejected() -> Programme {
    rejected_with(config())
}

fn status(p: &Programme, id: u32) -> AllocationStatus {
    p.allocation(id).unwrap().status
}

fn programme_err(e: ProgrammeError) -> Error {
    Error::Programme(e)
}

/// `call` fails with `expected` and leaves the programme unchanged.
fn assert_refused<E: core::fmt::Debug + PartialEq>(
    p: &mut Programme,
    call: impl FnOnce(&mut Programme) -> Result<safeguards::effects::Effects<E>, Error>,
    expected: Error,
) {
    let before = p.clone();
    assert_eq!(call(p), Err(expected));
    assert_eq!(*p, before, "a failed call changed the programme");
}

// ----- instantiation ---------------------------------------------------

#[test]
fn new_grants_roles_and_anchors_every_party() {
    // given / when
    let (p, effects) = Programme::new(acc(ADMIN), config(), CONFIG_DIGEST).unwrap();
    // then
    for (role, who) in [
        (Role::Guardian, GUARDIAN),
        (Role::Arbitrator, ARBITRATOR),
        (Role::Reviewer, REVIEWER),
        (Role::Inspector, INSPECTOR),
        (Role::ComplianceOfficer, OFFICER),
    ] {
        assert!(p.safeguards().roles().has(role, acc(who)), "{role:?}");
    }
    assert_eq!(
        p.safeguards().agreement().parties(),
        &[acc(HOLDER), acc(R1), acc(R2)]
    );
    assert!(matches!(
        effects.events[0],
        Event::Safeguards(SafeguardEvent::Agreement(AgreementEvent::Anchored(_)))
    ));
    assert!(effects.payouts.is_empty());
    assert_eq!(p.held(), 0);
}

#[test]
fn new_with_invalid_recipients_fails_with_its_error() {
    // given
    let cases: Vec<(Vec<AccountId>, Error)> = vec![
        (
            vec![],
            programme_err(ProgrammeError::InvalidRecipientCount { count: 0 }),
        ),
        (
            (20..28).map(acc).collect(),
            programme_err(ProgrammeError::InvalidRecipientCount { count: 8 }),
        ),
        (
            vec![acc(R1), acc(HOLDER)],
            programme_err(ProgrammeError::BudgetHolderIsRecipient {
                account: acc(HOLDER),
            }),
        ),
        (
            vec![acc(R1), acc(R1)],
            Error::Agreement(AgreementError::DuplicateParty { account: acc(R1) }),
        ),
        (
            vec![acc(R1), acc(INSPECTOR)],
            Error::Roles(RolesError::PartyMayNotHoldRole {
                account: acc(INSPECTOR),
                role: Role::Inspector,
            }),
        ),
        (
            vec![acc(REVIEWER)],
            Error::Roles(RolesError::PartyMayNotHoldRole {
                account: acc(REVIEWER),
                role: Role::Reviewer,
            }),
        ),
        (
            vec![acc(OFFICER)],
            Error::Roles(RolesError::PartyMayNotHoldRole {
                account: acc(OFFICER),
                role: Role::ComplianceOfficer,
            }),
        ),
        (
            vec![acc(ARBITRATOR)],
            Error::Roles(RolesError::PartyMayNotHoldRole {
                account: acc(ARBITRATOR),
                role: Role::Arbitrator,
            }),
        ),
        (
            vec![acc(GUARDIAN)],
            Error::Roles(RolesError::PartyMayNotHoldRole {
                account: acc(GUARDIAN),
                role: Role::Guardian,
            }),
        ),
        (
            vec![acc(ADMIN)],
            Error::Roles(RolesError::PartyMayNotHoldRole {
                account: acc(ADMIN),
                role: Role::Admin,
            }),
        ),
    ];
    for (recipients, expected) in cases {
        let mut c = config();
        c.recipients = recipients;
        // when / then
        assert_eq!(
            Programme::new(acc(ADMIN), c, CONFIG_DIGEST).map(|_| ()),
            Err(expected)
        );
    }
}

#[test]
fn config_reads_back_exactly_as_given_and_acceptance_must_quote_its_digest() {
    // given
    let mut p = new_with(config());
    // then: what runs is readable, and bound to the digest
    assert_eq!(p.config(), config());
    assert_eq!(p.safeguards().config_digest(), CONFIG_DIGEST);
    // when / then: a party quoting another digest is refused
    assert_refused(
        &mut p,
        |p| p.safeguarded(|s| s.accept_agreement(acc(HOLDER), terms(), [1; 32], T0, 1)),
        Error::Agreement(AgreementError::ConfigMismatch {
            expected: CONFIG_DIGEST,
            given: [1; 32],
        }),
    );
}

#[test]
fn new_with_seven_recipients_succeeds() {
    // given
    let mut c = config();
    c.recipients = (20..27).map(acc).collect();
    // when / then
    assert!(Programme::new(acc(ADMIN), c, CONFIG_DIGEST).is_ok());
}

#[test]
fn new_with_zero_explanation_fails_with_zero_hash() {
    // given
    let mut c = config();
    c.rejection_explanation = [0; 32];
    // when / then
    assert_eq!(
        Programme::new(acc(ADMIN), c, CONFIG_DIGEST).map(|_| ()),
        Err(programme_err(ProgrammeError::ZeroHash))
    );
}

#[test]
fn new_with_invalid_review_period_fails_with_invalid_period() {
    // given
    let mut c = config();
    c.review.review_window = 0;
    // when / then
    assert_eq!(
        Programme::new(acc(ADMIN), c, CONFIG_DIGEST).map(|_| ()),
        Err(Error::Review(ReviewError::InvalidPeriod { period: 0 }))
    );
}

#[test]
fn eds_requirement_of_each_party_is_its_own_and_a_stranger_is_refused() {
    // given
    let p = new_with(config());
    // when / then
    assert_eq!(
        p.safeguards().eds_requirement(acc(HOLDER)),
        Ok((acc(77), Requirement::signatory(false)))
    );
    assert_eq!(
        p.safeguards().eds_requirement(acc(R2)),
        Ok((acc(77), Requirement::individual(false)))
    );
    assert_eq!(
        p.safeguards().eds_requirement(acc(STRANGER)),
        Err(safeguards::SafeguardError::Agreement(
            AgreementError::NotAParty {
                caller: acc(STRANGER)
            }
        ))
    );
}

// ----- funding ---------------------------------------------------------

#[test]
fn fund_before_every_party_accepted_fails_with_not_effective() {
    // given: two of three parties accepted
    let mut p = new_with(config());
    p.safeguarded(|s| s.accept_agreement(acc(HOLDER), terms(), s.config_digest(), T0, 1))
        .unwrap();
    p.safeguarded(|s| s.accept_agreement(acc(R1), terms(), s.config_digest(), T0, 2))
        .unwrap();
    // when / then
    assert_refused(
        &mut p,
        |p| p.fund(acc(HOLDER), 10),
        Error::Agreement(AgreementError::NotEffective),
    );
}

#[test]
fn fund_by_anyone_but_the_budget_holder_fails_with_not_budget_holder() {
    // given
    let mut p = effective_with(config());
    for who in [ADMIN, R1, INSPECTOR, STRANGER] {
        // when / then
        assert_refused(
            &mut p,
            |p| p.fund(acc(who), 10),
            programme_err(ProgrammeError::NotBudgetHolder { caller: acc(who) }),
        );
    }
}

#[test]
fn fund_of_zero_fails_with_zero_funding() {
    let mut p = effective_with(config());
    assert_refused(
        &mut p,
        |p| p.fund(acc(HOLDER), 0),
        programme_err(ProgrammeError::ZeroFunding),
    );
}

#[test]
fn fund_twice_adds_up_and_emits_funded() {
    // given
    let mut p = effective_with(config());
    p.fund(acc(HOLDER), 300).unwrap();
    // when
    let effects = p.fund(acc(HOLDER), 200).unwrap();
    // then
    assert_eq!(p.unallocated(), 500);
    assert_eq!(p.held(), 500);
    assert_eq!(
        effects.events,
        vec![Event::Programme(ProgrammeEvent::Funded(ProgrammeFunded {
            by: acc(HOLDER),
            amount: 200,
            unallocated: 500
        }))]
    );
    assert!(effects.payouts.is_empty());
}

#[test]
fn fund_beyond_the_balance_range_fails_with_funding_overflow() {
    let mut p = effective_with(config());
    p.fund(acc(HOLDER), Balance::MAX).unwrap();
    assert_refused(
        &mut p,
        |p| p.fund(acc(HOLDER), 1),
        programme_err(ProgrammeError::FundingOverflow),
    );
}

#[test]
fn fund_while_paused_fails_with_paused() {
    let mut p = effective_with(config());
    p.safeguarded(|s| s.pause(acc(GUARDIAN), h(3), T0)).unwrap();
    assert_refused(
        &mut p,
        |p| p.fund(acc(HOLDER), 10),
        Error::KillSwitch(KillSwitchError::Paused),
    );
}

// ----- allocation ------------------------------------------------------

#[test]
fn allocate_moves_amount_from_unallocated_and_emits_allocation_created() {
    // given
    let mut p = funded_with(config());
    // when
    let effects = p
        .allocate(acc(HOLDER), acc(R2), 700, 42, DEADLINE, vec![3, 4, 5], T0)
        .unwrap();
    // then
    assert_eq!(p.unallocated(), FUNDS - 700);
    assert_eq!(p.held(), FUNDS);
    let a = p.allocation(0).unwrap();
    assert_eq!(
        (a.recipient, a.purpose, a.amount, a.deadline, a.status),
        (acc(R2), 42, 700, DEADLINE, AllocationStatus::Open)
    );
    assert!(a
        .documents
        .iter()
        .all(|d| d.status == DocumentStatus::Missing));
    assert_eq!(
        effects.events,
        vec![Event::Programme(ProgrammeEvent::AllocationCreated(
            AllocationCreated {
                id: 0,
                recipient: acc(R2),
                purpose: 42,
                amount: 700,
                deadline: DEADLINE,
                documents: vec![3, 4, 5],
            }
        ))]
    );
}

#[test]
fn allocate_with_invalid_terms_fails_with_its_error() {
    // given
    let mut p = funded_with(config());
    type Case = (AccountId, AccountId, Balance, Timestamp, Vec<u32>, Error);
    let cases: Vec<Case> = vec![
        (
            acc(R1),
            acc(R1),
            10,
            DEADLINE,
            vec![1],
            programme_err(ProgrammeError::NotBudgetHolder { caller: acc(R1) }),
        ),
        (
            acc(HOLDER),
            acc(STRANGER),
            10,
            DEADLINE,
            vec![1],
            programme_err(ProgrammeError::UnknownRecipient {
                recipient: acc(STRANGER),
            }),
        ),
        (
            acc(HOLDER),
            acc(HOLDER),
            10,
            DEADLINE,
            vec![1],
            programme_err(ProgrammeError::UnknownRecipient {
                recipient: acc(HOLDER),
            }),
        ),
        (
            acc(HOLDER),
            acc(R1),
            0,
            DEADLINE,
            vec![1],
            programme_err(ProgrammeError::ZeroAmount),
        ),
        (
            acc(HOLDER),
            acc(R1),
            FUNDS + 1,
            DEADLINE,
            vec![1],
            programme_err(ProgrammeError::InsufficientUnallocated {
                requested: FUNDS + 1,
                available: FUNDS,
            }),
        ),
        (
            acc(HOLDER),
            acc(R1),
            10,
            T0,
            vec![1],
            programme_err(ProgrammeError::DeadlineNotInFuture {
                deadline: T0,
                now: T0,
            }),
        ),
        (
            acc(HOLDER),
            acc(R1),
            10,
            DEADLINE,
            vec![],
            programme_err(ProgrammeError::InvalidDocuments { count: 0 }),
        ),
        (
            acc(HOLDER),
            acc(R1),
            10,
            DEADLINE,
            vec![1; 9],
            programme_err(ProgrammeError::InvalidDocuments { count: 9 }),
        ),
    ];
    for (caller, recipient, amount, deadline, documents, expected) in cases {
        // when / then
        assert_refused(
            &mut p,
            |p| p.allocate(caller, recipient, amount, 7, deadline, documents, T0),
            expected,
        );
    }
}

#[test]
fn allocate_before_effective_fails_with_not_effective() {
    let mut p = new_with(config());
    assert_refused(
        &mut p,
        |p| p.allocate(acc(HOLDER), acc(R1), 1, 7, DEADLINE, vec![1], T0),
        Error::Agreement(AgreementError::NotEffective),
    );
}

#[test]
fn allocate_of_exactly_the_unallocated_balance_succeeds() {
    let mut p = funded_with(config());
    p.allocate(acc(HOLDER), acc(R1), FUNDS, 7, DEADLINE, vec![1], T0)
        .unwrap();
    assert_eq!(p.unallocated(), 0);
    assert_eq!(p.held(), FUNDS);
}

// ----- documents -------------------------------------------------------

#[test]
fn submit_by_anyone_but_the_allocation_recipient_fails_with_not_recipient() {
    let mut p = allocated();
    for who in [R2, HOLDER, INSPECTOR, STRANGER] {
        assert_refused(
            &mut p,
            |p| p.submit_document(acc(who), 0, 0, h(20), T0),
            programme_err(ProgrammeError::NotRecipient {
                caller: acc(who),
                allocation: 0,
            }),
        );
    }
}

#[test]
fn submit_records_the_hash_and_emits_document_submitted() {
    // given
    let mut p = allocated();
    // when
    let effects = p.submit_document(acc(R1), 0, 1, h(20), T0).unwrap();
    // then
    assert_eq!(
        p.allocation(0).unwrap().documents[1].status,
        DocumentStatus::Submitted { hash: h(20) }
    );
    assert_eq!(
        effects.events,
        vec![Event::Programme(ProgrammeEvent::DocumentSubmitted(
            DocumentSubmitted {
                allocation: 0,
                slot: 1,
                kind: 2,
                hash: h(20)
            }
        ))]
    );
}

#[test]
fn submit_with_bad_arguments_fails_with_its_error() {
    // given
    let mut p = allocated();
    p.submit_document(acc(R1), 0, 0, h(20), T0).unwrap();
    // when / then
    assert_refused(
        &mut p,
        |p| p.submit_document(acc(R1), 5, 0, h(20), T0),
        programme_err(ProgrammeError::UnknownAllocation { allocation: 5 }),
    );
    assert_refused(
        &mut p,
        |p| p.submit_document(acc(R1), 0, 2, h(20), T0),
        programme_err(ProgrammeError::UnknownSlot {
            allocation: 0,
            slot: 2,
        }),
    );
    assert_refused(
        &mut p,
        |p| p.submit_document(acc(R1), 0, 0, h(21), T0),
        programme_err(ProgrammeError::WrongDocumentStatus {
            allocation: 0,
            slot: 0,
            actual: DocumentStatus::Submitted { hash: h(20) },
        }),
    );
    assert_refused(
        &mut p,
        |p| p.submit_document(acc(R1), 0, 1, [0; 32], T0),
        programme_err(ProgrammeError::ZeroHash),
    );
    assert_refused(
        &mut p,
        |p| p.submit_document(acc(R1), 0, 1, h(20), DEADLINE),
        programme_err(ProgrammeError::DeadlinePassed {
            allocation: 0,
            deadline: DEADLINE,
        }),
    );
}

#[test]
fn approve_without_the_inspector_role_fails_with_unauthorized() {
    let mut p = allocated();
    p.submit_document(acc(R1), 0, 0, h(20), T0).unwrap();
    for who in [ADMIN, HOLDER, R1, REVIEWER, STRANGER] {
        assert_refused(
            &mut p,
            |p| p.approve_document(acc(who), 0, 0, T0),
            Error::Roles(RolesError::Unauthorized {
                caller: acc(who),
                required: Role::Inspector,
            }),
        );
        assert_refused(
            &mut p,
            |p| p.reject_document(acc(who), 0, 0, h(30), T0),
            Error::Roles(RolesError::Unauthorized {
                caller: acc(who),
                required: Role::Inspector,
            }),
        );
    }
}

#[test]
fn approve_of_a_submitted_document_emits_approved_with_the_label() {
    // given
    let mut c = config();
    c.inspector_label = AiLabel {
        ai_involved: true,
        risk: RiskClass::Medium,
    };
    let mut p = allocated_with(c);
    p.submit_document(acc(R1), 0, 0, h(20), T0).unwrap();
    // when
    let effects = p.approve_document(acc(INSPECTOR), 0, 0, T0 + 1).unwrap();
    // then
    assert_eq!(
        effects.events,
        vec![Event::Programme(ProgrammeEvent::DocumentApproved(
            DocumentApproved {
                allocation: 0,
                slot: 0,
                inspector: acc(INSPECTOR),
                hash: h(20),
                label: AiLabel {
                    ai_involved: true,
                    risk: RiskClass::Medium
                },
            }
        ))]
    );
    assert_eq!(
        p.allocation(0).unwrap().documents[0].status,
        DocumentStatus::Approved { hash: h(20) }
    );
}

#[test]
fn approve_or_reject_of_a_document_not_submitted_fails_with_wrong_document_status() {
    let mut p = allocated();
    for call in [0, 1] {
        let expected = programme_err(ProgrammeError::WrongDocumentStatus {
            allocation: 0,
            slot: 0,
            actual: DocumentStatus::Missing,
        });
        if call == 0 {
            assert_refused(
                &mut p,
                |p| p.approve_document(acc(INSPECTOR), 0, 0, T0),
                expected,
            );
        } else {
            assert_refused(
                &mut p,
                |p| p.reject_document(acc(INSPECTOR), 0, 0, h(30), T0),
                expected,
            );
        }
    }
}

#[test]
fn approve_at_the_deadline_fails_with_deadline_passed() {
    let mut p = allocated();
    p.submit_document(acc(R1), 0, 0, h(20), T0).unwrap();
    assert_refused(
        &mut p,
        |p| p.approve_document(acc(INSPECTOR), 0, 0, DEADLINE),
        programme_err(ProgrammeError::DeadlinePassed {
            allocation: 0,
            deadline: DEADLINE,
        }),
    );
}

#[test]
fn rejected_document_can_be_submitted_again() {
    // given
    let mut p = allocated();
    p.submit_document(acc(R1), 0, 0, h(20), T0).unwrap();
    // when
    let effects = p.reject_document(acc(INSPECTOR), 0, 0, h(30), T0).unwrap();
    // then
    assert!(matches!(
        effects.events[..],
        [HotEvent::Programme(ProgrammeEvent::DocumentRejected(
            DocumentRejected {
                reason,
                ..
            }
        ))] if reason == h(30)
    ));
    assert_eq!(
        p.allocation(0).unwrap().documents[0].status,
        DocumentStatus::Rejected { reason: h(30) }
    );
    p.submit_document(acc(R1), 0, 0, h(21), T0).unwrap();
    assert_eq!(
        p.allocation(0).unwrap().documents[0].status,
        DocumentStatus::Submitted { hash: h(21) }
    );
}

#[test]
fn reject_with_zero_reason_fails_with_zero_hash() {
    let mut p = allocated();
    p.submit_document(acc(R1), 0, 0, h(20), T0).unwrap();
    assert_refused(
        &mut p,
        |p| p.reject_document(acc(INSPECTOR), 0, 0, [0; 32], T0),
        programme_err(ProgrammeError::ZeroHash),
    );
}

// ----- release ---------------------------------------------------------

#[test]
fn release_with_every_document_approved_pays_the_recipient() {
    // given
    let mut p = approved();
    // when: after the deadline too
    let effects = p.release(0, T0).unwrap();
    // then
    assert_eq!(effects.payouts, vec![(acc(R1), AMOUNT)]);
    assert_eq!(
        effects.events,
        vec![Event::Programme(ProgrammeEvent::Released(
            AllocationReleased {
                id: 0,
                recipient: acc(R1),
                purpose: 7,
                amount: AMOUNT
            }
        ))]
    );
    assert_eq!(status(&p, 0), AllocationStatus::Released);
    assert_eq!(p.held(), FUNDS - AMOUNT);
}

#[test]
fn release_with_a_document_not_approved_fails_with_conditions_not_met() {
    let mut p = allocated();
    p.submit_document(acc(R1), 0, 0, h(20), T0).unwrap();
    p.approve_document(acc(INSPECTOR), 0, 0, T0).unwrap();
    p.submit_document(acc(R1), 0, 1, h(20), T0).unwrap();
    assert_refused(
        &mut p,
        |p| p.release(0, T0),
        programme_err(ProgrammeError::ConditionsNotMet { allocation: 0 }),
    );
}

#[test]
fn release_twice_fails_with_wrong_allocation_status() {
    let mut p = approved();
    p.release(0, T0).unwrap();
    assert_refused(
        &mut p,
        |p| p.release(0, T0),
        programme_err(ProgrammeError::WrongAllocationStatus {
            allocation: 0,
            expected: AllocationStatus::Open,
            actual: AllocationStatus::Released,
        }),
    );
}

#[test]
fn release_while_paused_fails_with_paused() {
    let mut p = approved();
    p.safeguarded(|s| s.pause(acc(GUARDIAN), h(3), T0)).unwrap();
    assert_refused(
        &mut p,
        |p| p.release(0, T0),
        Error::KillSwitch(KillSwitchError::Paused),
    );
}

// ----- automated rejection ---------------------------------------------

#[test]
fn close_after_the_deadline_records_an_adverse_decision_and_moves_no_funds() {
    // given
    let mut c = config();
    c.inspector_label = AiLabel {
        ai_involved: true,
        risk: RiskClass::Medium,
    };
    let mut p = allocated_with(c);
    // when
    let effects = p.close(acc(CONTRACT), 0, DEADLINE + 5).unwrap();
    // then
    assert!(effects.payouts.is_empty());
    assert_eq!(
        effects.events,
        vec![Event::Safeguards(SafeguardEvent::Review(
            ReviewEvent::AutomatedDecisionRecorded(AutomatedDecisionRecorded {
                subject: acc(R1),
                id: 1,
                kind: REJECTION,
                item: 0,
                verdict: Verdict::Adverse,
                amount: Some(AMOUNT),
                explanation: h(9),
                ai: AiLabel {
                    ai_involved: true,
                    risk: RiskClass::Medium
                },
                review_until: DEADLINE + 5 + WINDOW,
                needs_confirmation: false,
            })
        ))]
    );
    assert_eq!(
        status(&p, 0),
        AllocationStatus::RejectionPending { decision: 1 }
    );
    assert_eq!(
        p.safeguards().reviews().get(1).unwrap().recorded_by,
        acc(CONTRACT)
    );
    assert_eq!(p.held(), FUNDS);
}

#[test]
fn close_before_the_deadline_fails_with_deadline_not_reached() {
    let mut p = allocated();
    assert_refused(
        &mut p,
        |p| p.close(acc(CONTRACT), 0, DEADLINE - 1),
        programme_err(ProgrammeError::DeadlineNotReached {
            allocation: 0,
            deadline: DEADLINE,
        }),
    );
}

#[test]
fn close_with_every_document_approved_fails_with_conditions_met() {
    let mut p = approved();
    assert_refused(
        &mut p,
        |p| p.close(acc(CONTRACT), 0, DEADLINE),
        programme_err(ProgrammeError::ConditionsMet { allocation: 0 }),
    );
}

#[test]
fn close_twice_fails_with_wrong_allocation_status() {
    let mut p = rejected();
    assert_refused(
        &mut p,
        |p| p.close(acc(CONTRACT), 0, DEADLINE + 1),
        programme_err(ProgrammeError::WrongAllocationStatus {
            allocation: 0,
            expected: AllocationStatus::Open,
            actual: AllocationStatus::RejectionPending { decision: 1 },
        }),
    );
}

#[test]
fn rejection_not_contested_returns_the_amount_to_the_budget_holder() {
    // given
    let mut p = rejected();
    // when
    let effects = p.execute_decision(1, DEADLINE + WINDOW).unwrap();
    // then
    assert_eq!(effects.payouts, vec![(acc(HOLDER), AMOUNT)]);
    assert!(effects
        .events
        .contains(&HotEvent::Programme(ProgrammeEvent::Returned(
            AllocationReturned {
                id: 0,
                to: acc(HOLDER),
                amount: AMOUNT,
                decision: 1
            }
        ))));
    assert_eq!(status(&p, 0), AllocationStatus::Returned);
    assert_eq!(p.held(), FUNDS - AMOUNT);
}

#[test]
fn overridden_rejection_pays_the_recipient() {
    // given
    let mut p = rejected();
    p.safeguarded(|s| s.request_review(acc(R1), 1, h(40), DEADLINE + 1))
        .unwrap();
    p.safeguarded(|s| {
        s.resolve_review(
            acc(REVIEWER),
            1,
            Some(Verdict::Favourable),
            h(41),
            DEADLINE + 2,
        )
    })
    .unwrap();
    // when
    let effects = p.execute_decision(1, DEADLINE + 3).unwrap();
    // then
    assert_eq!(effects.payouts, vec![(acc(R1), AMOUNT)]);
    assert_eq!(status(&p, 0), AllocationStatus::Released);
}

#[test]
fn review_and_resolution_work_while_paused_but_execution_waits() {
    // given
    let mut p = rejected();
    p.safeguarded(|s| s.pause(acc(GUARDIAN), h(3), DEADLINE))
        .unwrap();
    // when
    p.safeguarded(|s| s.request_review(acc(R1), 1, h(40), DEADLINE + 1))
        .unwrap();
    p.safeguarded(|s| s.resolve_review(acc(REVIEWER), 1, None, h(41), DEADLINE + 2))
        .unwrap();
    // then
    assert_refused(
        &mut p,
        |p| p.execute_decision(1, DEADLINE + 3),
        Error::KillSwitch(KillSwitchError::Paused),
    );
    p.safeguarded(|s| s.resume(acc(ADMIN), DEADLINE + 4))
        .unwrap();
    let effects = p.execute_decision(1, DEADLINE + 5).unwrap();
    assert_eq!(effects.payouts, vec![(acc(HOLDER), AMOUNT)]);
}

#[test]
fn resolve_by_the_contract_account_fails_with_self_review() {
    // given: the admin wrongly made the contract a reviewer
    let mut p = rejected();
    p.safeguarded(|s| s.grant_role(acc(ADMIN), Role::Reviewer, acc(CONTRACT)))
        .unwrap();
    p.safeguarded(|s| s.request_review(acc(R1), 1, h(40), DEADLINE + 1))
        .unwrap();
    // when / then
    assert_refused(
        &mut p,
        |p| p.safeguarded(|s| s.resolve_review(acc(CONTRACT), 1, None, h(41), DEADLINE + 2)),
        Error::Review(ReviewError::SelfReview {
            reviewer: acc(CONTRACT),
        }),
    );
}

#[test]
fn execute_of_an_unknown_decision_fails_with_unknown_decision() {
    let mut p = rejected();
    assert_refused(
        &mut p,
        |p| p.execute_decision(2, DEADLINE + WINDOW),
        Error::Review(ReviewError::UnknownDecision { id: 2 }),
    );
}

#[test]
fn dispute_of_an_allocation_with_a_pending_rejection_fails_with_decision_pending() {
    let mut p = rejected();
    for who in [HOLDER, R1] {
        assert_refused(
            &mut p,
            |p| p.raise_dispute(acc(who), 0, h(50), DEADLINE + 1),
            programme_err(ProgrammeError::DecisionPending {
                allocation: 0,
                decision: 1,
            }),
        );
    }
}

// ----- disputes --------------------------------------------------------

#[test]
fn dispute_freezes_the_allocation() {
    // given
    let mut p = approved();
    p.allocate(acc(HOLDER), acc(R1), 10, 7, DEADLINE, vec![1], T0)
        .unwrap();
    p.submit_document(acc(R1), 1, 0, h(20), T0).unwrap();
    // when
    p.raise_dispute(acc(HOLDER), 0, h(50), T0).unwrap();
    p.raise_dispute(acc(R1), 1, h(50), T0).unwrap();
    // then
    let frozen0 = programme_err(ProgrammeError::AllocationFrozen { allocation: 0 });
    let frozen1 = programme_err(ProgrammeError::AllocationFrozen { allocation: 1 });
    assert_refused(&mut p, |p| p.release(0, T0), frozen0);
    assert_refused(&mut p, |p| p.close(acc(CONTRACT), 0, DEADLINE), frozen0);
    assert_refused(
        &mut p,
        |p| p.approve_document(acc(INSPECTOR), 1, 0, T0),
        frozen1,
    );
    assert_refused(
        &mut p,
        |p| p.reject_document(acc(INSPECTOR), 1, 0, h(30), T0),
        frozen1,
    );
    p.allocate(acc(HOLDER), acc(R2), 10, 7, DEADLINE, vec![1], T0)
        .unwrap();
    p.raise_dispute(acc(R2), 2, h(50), T0).unwrap();
    assert_refused(
        &mut p,
        |p| p.submit_document(acc(R2), 2, 0, h(20), T0),
        programme_err(ProgrammeError::AllocationFrozen { allocation: 2 }),
    );
}

#[test]
fn dispute_by_another_account_fails_with_not_a_party() {
    let mut p = allocated();
    for who in [R2, INSPECTOR, ADMIN, STRANGER] {
        assert_refused(
            &mut p,
            |p| p.raise_dispute(acc(who), 0, h(50), T0),
            Error::Dispute(DisputeError::NotAParty { caller: acc(who) }),
        );
    }
}

#[test]
fn dispute_of_a_released_allocation_fails_with_nothing_to_dispute() {
    let mut p = approved();
    p.release(0, T0).unwrap();
    assert_refused(
        &mut p,
        |p| p.raise_dispute(acc(HOLDER), 0, h(50), T0),
        programme_err(ProgrammeError::NothingToDispute { allocation: 0 }),
    );
}

#[test]
fn executed_ruling_splits_the_amount_between_holder_and_recipient() {
    // given
    let mut p = allocated();
    p.raise_dispute(acc(R1), 0, h(50), T0).unwrap();
    p.safeguarded(|s| s.rule(acc(ARBITRATOR), 0, 2_500, h(51), T0 + 1))
        .unwrap();
    // when
    let effects = p.execute_ruling(0, T0 + 1 + 5_000).unwrap();
    // then
    assert_eq!(
        effects.payouts,
        vec![(acc(HOLDER), AMOUNT / 4), (acc(R1), AMOUNT * 3 / 4)]
    );
    assert_eq!(status(&p, 0), AllocationStatus::Resolved);
    assert_eq!(p.held(), FUNDS - AMOUNT);
    assert_eq!(
        p.safeguards().disputes().get(0).unwrap().status,
        DisputeStatus::Resolved
    );
}

#[test]
fn execute_ruling_while_paused_runs_only_a_full_refund() {
    // given: two disputes, one ruled a split, one a full refund
    let mut p = allocated();
    p.allocate(acc(HOLDER), acc(R2), 10, 7, DEADLINE, vec![1], T0)
        .unwrap();
    p.raise_dispute(acc(R1), 0, h(50), T0).unwrap();
    p.raise_dispute(acc(R2), 1, h(50), T0).unwrap();
    p.safeguarded(|s| s.rule(acc(ARBITRATOR), 0, 5_000, h(51), T0))
        .unwrap();
    p.safeguarded(|s| s.rule(acc(ARBITRATOR), 1, 10_000, h(51), T0))
        .unwrap();
    p.safeguarded(|s| s.pause(acc(GUARDIAN), h(3), T0)).unwrap();
    // when / then
    assert_refused(
        &mut p,
        |p| p.execute_ruling(0, T0 + 5_000),
        Error::KillSwitch(KillSwitchError::Paused),
    );
    let effects = p.execute_ruling(1, T0 + 5_000).unwrap();
    assert_eq!(effects.payouts, vec![(acc(HOLDER), 10)]);
}

// ----- kill switch and settlement --------------------------------------

#[test]
fn terminate_settles_every_held_amount_by_the_rule_and_never_pays_the_admin() {
    // given: unallocated 5000-4*AMOUNT... four allocations in four states
    let mut p = funded_with(config());
    for recipient in [R1, R1, R2, R2] {
        p.allocate(
            acc(HOLDER),
            acc(recipient),
            AMOUNT,
            7,
            DEADLINE,
            vec![1],
            T0,
        )
        .unwrap();
    }
    // 0: approved → recipient R1
    p.submit_document(acc(R1), 0, 0, h(20), T0).unwrap();
    p.approve_document(acc(INSPECTOR), 0, 0, T0).unwrap();
    // 1: not approved → holder
    // 2: disputed, ruled 40 % to the holder, appeal window passed → split
    p.raise_dispute(acc(R2), 2, h(50), T0).unwrap();
    p.safeguarded(|s| s.rule(acc(ARBITRATOR), 0, 4_000, h(51), T0))
        .unwrap();
    // 3: rejection pending, under review when terminated → recipient R2
    p.close(acc(CONTRACT), 3, DEADLINE).unwrap();
    p.safeguarded(|s| s.request_review(acc(R2), 1, h(40), DEADLINE))
        .unwrap();
    p.safeguarded(|s| s.pause(acc(GUARDIAN), h(3), DEADLINE))
        .unwrap();
    let now = DEADLINE + 1;
    // when
    let effects = p.terminate(acc(ADMIN), h(4), now).unwrap();
    // then: what no human process holds settles by the rule
    let to_holder = (FUNDS - 4 * AMOUNT) + AMOUNT;
    assert_eq!(
        effects.payouts,
        vec![(acc(HOLDER), to_holder), (acc(R1), AMOUNT)]
    );
    assert!(effects.payouts.iter().all(|(to, _)| *to != acc(ADMIN)));
    assert_eq!(
        p.safeguards().kill_switch().state(),
        SwitchState::Terminated
    );
    assert_eq!(status(&p, 0), AllocationStatus::Settled);
    assert_eq!(status(&p, 1), AllocationStatus::Settled);
    // and the dispute and the rejection under review go on
    assert_eq!(status(&p, 2), AllocationStatus::Open);
    assert_eq!(
        status(&p, 3),
        AllocationStatus::RejectionPending { decision: 1 }
    );
    assert_eq!(p.held(), 2 * AMOUNT);
    let ruled = p.execute_ruling(0, now).unwrap();
    assert_eq!(
        ruled.payouts,
        vec![(acc(HOLDER), AMOUNT * 4 / 10), (acc(R2), AMOUNT * 6 / 10)]
    );
    p.safeguarded(|s| s.resolve_review(acc(REVIEWER), 1, Some(Verdict::Favourable), h(41), now))
        .unwrap();
    let decided = p.execute_decision(1, now).unwrap();
    assert_eq!(decided.payouts, vec![(acc(R2), AMOUNT)]);
    assert_eq!(p.held(), 0);
    assert_eq!(
        to_holder + AMOUNT + AMOUNT * 4 / 10 + AMOUNT * 6 / 10 + AMOUNT,
        FUNDS
    );
}

#[test]
fn a_pending_rejection_is_left_out_of_the_settlement_and_runs_to_its_verdict() {
    // given: a rejection pending, the programme paused
    let mut p = rejected();
    p.safeguarded(|s| s.pause(acc(GUARDIAN), h(3), DEADLINE))
        .unwrap();
    // when: terminated inside the review window
    assert_eq!(
        p.settlement(),
        vec![(acc(HOLDER), FUNDS - AMOUNT), (acc(R1), 0), (acc(R2), 0)]
    );
    p.terminate(acc(ADMIN), h(4), DEADLINE + 1).unwrap();
    // then: the decision runs on; not yet final inside the window
    assert_refused(
        &mut p,
        |p| p.execute_decision(1, DEADLINE + 1),
        Error::Review(ReviewError::NotYetFinal { id: 1 }),
    );
    // once final (no review asked), the rejection returns the amount
    let effects = p.execute_decision(1, DEADLINE + WINDOW).unwrap();
    assert_eq!(effects.payouts, vec![(acc(HOLDER), AMOUNT)]);
    assert_eq!(p.held(), 0);
}

#[test]
fn terminate_while_active_fails_with_wrong_state() {
    let mut p = allocated();
    assert_refused(
        &mut p,
        |p| p.terminate(acc(ADMIN), h(4), T0),
        Error::KillSwitch(KillSwitchError::WrongState {
            expected: SwitchState::Paused,
            actual: SwitchState::Active,
        }),
    );
}

#[test]
fn pause_by_a_party_fails_with_unauthorized() {
    let mut p = allocated();
    for who in [HOLDER, R1, INSPECTOR, REVIEWER, ARBITRATOR] {
        assert_refused(
            &mut p,
            |p| p.safeguarded(|s| s.pause(acc(who), h(3), T0)),
            Error::Roles(RolesError::Unauthorized {
                caller: acc(who),
                required: Role::Guardian,
            }),
        );
    }
}

#[test]
fn the_budget_holder_reclaims_unallocated_money_without_anyone_else() {
    // given: funded, AMOUNT of it allocated
    let mut p = allocated();
    let held = p.held();
    // when
    let effects = p.reclaim_unallocated(acc(HOLDER), 300).unwrap();
    // then: paid to the holder, out of the unallocated balance only
    assert_eq!(effects.payouts, vec![(acc(HOLDER), 300)]);
    assert_eq!(
        effects.events,
        vec![Event::Programme(ProgrammeEvent::Reclaimed(
            UnallocatedReclaimed {
                by: acc(HOLDER),
                amount: 300,
                unallocated: FUNDS - AMOUNT - 300,
            }
        ))]
    );
    assert_eq!(p.unallocated(), FUNDS - AMOUNT - 300);
    assert_eq!(p.held(), held - 300);
    assert_eq!(status(&p, 0), AllocationStatus::Open);
}

#[test]
fn reclaiming_fails_for_others_for_too_much_for_nothing_and_while_paused() {
    // given
    let mut p = allocated();
    let available = p.unallocated();
    // when / then
    assert_refused(
        &mut p,
        |p| p.reclaim_unallocated(acc(R1), 1),
        programme_err(ProgrammeError::NotBudgetHolder { caller: acc(R1) }),
    );
    assert_refused(
        &mut p,
        |p| p.reclaim_unallocated(acc(HOLDER), available + 1),
        programme_err(ProgrammeError::InsufficientUnallocated {
            requested: available + 1,
            available,
        }),
    );
    assert_refused(
        &mut p,
        |p| p.reclaim_unallocated(acc(HOLDER), 0),
        programme_err(ProgrammeError::ZeroAmount),
    );
    p.safeguarded(|s| s.pause(acc(GUARDIAN), h(3), T0)).unwrap();
    assert_refused(
        &mut p,
        |p| p.reclaim_unallocated(acc(HOLDER), 1),
        Error::KillSwitch(KillSwitchError::Paused),
    );
}

#[test]
fn every_message_after_termination_fails_with_terminated() {
    // given
    let mut p = rejected();
    p.safeguarded(|s| s.pause(acc(GUARDIAN), h(3), DEADLINE))
        .unwrap();
    p.terminate(acc(ADMIN), h(4), DEADLINE).unwrap();
    let terminated = Error::KillSwitch(KillSwitchError::Terminated);
    // when / then
    assert_refused(&mut p, |p| p.fund(acc(HOLDER), 1), terminated);
    assert_refused(&mut p, |p| p.release(0, T0), terminated);
    assert_refused(
        &mut p,
        |p| p.raise_dispute(acc(R1), 0, h(50), DEADLINE + 1),
        terminated,
    );
    // but the rejection left to its human review goes on
    p.safeguarded(|s| s.request_review(acc(R1), 1, h(40), DEADLINE + 1))
        .unwrap();
    p.safeguarded(|s| s.resolve_review(acc(REVIEWER), 1, None, h(41), DEADLINE + 1))
        .unwrap();
    let effects = p.execute_decision(1, DEADLINE + 1).unwrap();
    assert_eq!(effects.payouts, vec![(acc(HOLDER), AMOUNT)]);
}

// ----- property tests --------------------------------------------------

/// One step of a random run.
#[derive(Debug, Clone)]
enum Op {
    Fund(Balance),
    Allocate(u8, Balance, Timestamp, u8),
    Submit(u32, u32),
    Approve(u32, u32),
    Reject(u32, u32),
    Release(u32),
    Close(u32),
    RequestReview(u32),
    Resolve(u32, Option<Verdict>),
    Execute(u32),
    Dispute(bool, u32),
    Rule(u32, u16),
    ExecuteRuling(u32),
    Pause,
    Resume,
    Advance(Timestamp),
    /// The recipient submits, and the inspector approves, every slot.
    Fulfil(u32),
    /// The compliance officer suspends recipient `r` (0 or 1).
    Suspend(u8),
    /// The compliance officer lists recipient `r` again.
    Relist(u8),
}

fn op() -> impl Strategy<Value = Op> {
    let verdict = prop_oneof![
        Just(None),
        Just(Some(Verdict::Favourable)),
        Just(Some(Verdict::Adverse))
    ];
    // Indices are taken modulo what exists when the step runs (see `run`),
    // so that most steps reach the rule they exercise.
    prop_oneof![
        2 => (1u128..2_000).prop_map(Op::Fund),
        3 => (0u8..2, 1u128..1_500, 1u64..60_000, 1u8..4)
            .prop_map(|(r, a, d, n)| Op::Allocate(r, a, d, n)),
        6 => (0u32..8, 0u32..8).prop_map(|(a, s)| Op::Submit(a, s)),
        6 => (0u32..8, 0u32..8).prop_map(|(a, s)| Op::Approve(a, s)),
        1 => (0u32..8, 0u32..8).prop_map(|(a, s)| Op::Reject(a, s)),
        3 => (0u32..8).prop_map(Op::Release),
        3 => (0u32..8).prop_map(Op::Close),
        2 => (0u32..8).prop_map(Op::RequestReview),
        2 => (0u32..8, verdict).prop_map(|(d, v)| Op::Resolve(d, v)),
        3 => (0u32..8).prop_map(Op::Execute),
        1 => (any::<bool>(), 0u32..8).prop_map(|(b, a)| Op::Dispute(b, a)),
        1 => (0u32..8, 0u16..=10_000).prop_map(|(d, b)| Op::Rule(d, b)),
        1 => (0u32..8).prop_map(Op::ExecuteRuling),
        4 => (0u32..8).prop_map(Op::Fulfil),
        1 => Just(Op::Pause),
        6 => Just(Op::Resume),
        3 => (1u64..40_000).prop_map(Op::Advance),
        1 => (0u8..2).prop_map(Op::Suspend),
        2 => (0u8..2).prop_map(Op::Relist),
    ]
}

/// `i` modulo `n` (0 if nothing exists yet).
fn pick(i: u32, n: usize) -> u32 {
    u32::try_from(n)
        .ok()
        .filter(|n| *n > 0)
        .map_or(0, |n| i % n)
}

/// Runs `op` at `*now`; returns its effects if it succeeded (a failed op
/// must leave the programme unchanged, which is asserted).
fn run(p: &mut Programme, op: &Op, now: &mut Timestamp) -> Option<Effects> {
    let before = p.clone();
    let recipients = [acc(R1), acc(R2)];
    let recipient_of = |p: &Programme, a: u32| p.allocation(a).map_or(acc(R1), |a| a.recipient);
    let subject_of = |p: &Programme, d: u32| {
        p.safeguards()
            .reviews()
            .get(d)
            .map_or(acc(R1), |d| d.input.subject)
    };
    let t = *now;
    let allocations = usize::try_from(p.allocation_count()).unwrap();
    let slots = |p: &Programme, a: u32| p.allocation(a).map_or(1, |a| a.documents.len());
    let decisions = usize::try_from(p.safeguards().reviews().count()).unwrap();
    let disputes = usize::try_from(p.safeguards().disputes().count()).unwrap();
    let op = match op.clone() {
        Op::Submit(a, s) => {
            let a = pick(a, allocations);
            Op::Submit(a, pick(s, slots(p, a)))
        }
        Op::Approve(a, s) => {
            let a = pick(a, allocations);
            Op::Approve(a, pick(s, slots(p, a)))
        }
        Op::Reject(a, s) => {
            let a = pick(a, allocations);
            Op::Reject(a, pick(s, slots(p, a)))
        }
        Op::Release(a) => Op::Release(pick(a, allocations)),
        Op::Fulfil(a) => Op::Fulfil(pick(a, allocations)),
        Op::Close(a) => Op::Close(pick(a, allocations)),
        Op::Dispute(b, a) => Op::Dispute(b, pick(a, allocations)),
        Op::RequestReview(d) => Op::RequestReview(pick(d, decisions) + 1),
        Op::Resolve(d, v) => Op::Resolve(pick(d, decisions) + 1, v),
        Op::Execute(d) => Op::Execute(pick(d, decisions) + 1),
        Op::Rule(d, b) => Op::Rule(pick(d, disputes), b),
        Op::ExecuteRuling(d) => Op::ExecuteRuling(pick(d, disputes)),
        other => other,
    };
    let op = &op;
    let result = match op {
        Op::Fund(v) => p.fund(acc(HOLDER), *v).map(HotEffects::convert),
        Op::Allocate(r, amount, d, n) => p
            .allocate(
                acc(HOLDER),
                recipients[usize::from(*r)],
                *amount,
                7,
                t + d,
                (1..=u32::from(*n)).collect(),
                t,
            )
            .map(HotEffects::convert),
        Op::Submit(a, s) => {
            let who = recipient_of(p, *a);
            p.submit_document(who, *a, *s, h(20), t)
                .map(HotEffects::convert)
        }
        Op::Approve(a, s) => p
            .approve_document(acc(INSPECTOR), *a, *s, t)
            .map(HotEffects::convert),
        Op::Reject(a, s) => p
            .reject_document(acc(INSPECTOR), *a, *s, h(30), t)
            .map(HotEffects::convert),
        Op::Release(a) => p.release(*a, t).map(HotEffects::convert),
        Op::Close(a) => p.close(acc(CONTRACT), *a, t).map(HotEffects::convert),
        Op::RequestReview(d) => {
            let who = subject_of(p, *d);
            p.safeguarded(|s| s.request_review(who, *d, h(40), t))
        }
        Op::Resolve(d, v) => p.safeguarded(|s| s.resolve_review(acc(REVIEWER), *d, *v, h(41), t)),
        Op::Execute(d) => p.execute_decision(*d, t).map(HotEffects::convert),
        Op::Suspend(r) => p.allowlist(
            acc(OFFICER),
            t,
            AllowlistCall::Suspend {
                account: recipients[usize::from(*r)],
                reason: 1,
            },
        ),
        Op::Relist(r) => p.allowlist(
            acc(OFFICER),
            t,
            AllowlistCall::Set {
                account: recipients[usize::from(*r)],
                entry: listing(),
            },
        ),
        Op::Dispute(by_holder, a) => {
            let who = if *by_holder {
                acc(HOLDER)
            } else {
                recipient_of(p, *a)
            };
            p.raise_dispute(who, *a, h(50), t)
        }
        Op::Rule(d, bps) => p.safeguarded(|s| s.rule(acc(ARBITRATOR), *d, *bps, h(51), t)),
        Op::ExecuteRuling(d) => p.execute_ruling(*d, t).map(HotEffects::convert),
        Op::Pause => p.safeguarded(|s| s.pause(acc(GUARDIAN), h(3), t)),
        Op::Resume => p.safeguarded(|s| s.resume(acc(ADMIN), t)),
        Op::Advance(dt) => {
            *now += dt;
            Ok(Effects::default())
        }
        Op::Fulfil(a) => {
            let who = recipient_of(p, *a);
            for slot in 0..u32::try_from(slots(p, *a)).unwrap() {
                for step in 0..2 {
                    let before = p.clone();
                    let r = if step == 0 {
                        p.submit_document(who, *a, slot, h(20), t)
                    } else {
                        p.approve_document(acc(INSPECTOR), *a, slot, t)
                    };
                    if r.is_err() {
                        assert_eq!(*p, before, "a failed step of {op:?} changed the programme");
                    }
                }
            }
            Ok(Effects::default())
        }
    };
    match result {
        Ok(effects) => Some(effects),
        Err(_) => {
            assert_eq!(*p, before, "failed {op:?} changed the programme");
            None
        }
    }
}

proptest! {
    // Random runs reach a release, a return or a ruling in a minority of
    // cases: run more of them.
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// Conservation: at every step, funded = paid out + held; payments go
    /// only to the budget holder or a recipient; after termination nothing
    /// is held and every unit funded was paid out exactly once.
    #[test]
    fn every_unit_funded_is_paid_out_exactly_once(ops in prop::collection::vec(op(), 1..60)) {
        let mut p = effective_with(config());
        let mut now = T0;
        let mut funded: Balance = 0;
        let mut paid: Balance = 0;
        for op in &ops {
            if let Some(effects) = run(&mut p, op, &mut now) {
                if let Op::Fund(v) = op {
                    funded += v;
                }
                for (to, amount) in &effects.payouts {
                    prop_assert!([acc(HOLDER), acc(R1), acc(R2)].contains(to), "paid {to:?}");
                    paid += amount;
                }
            }
            prop_assert_eq!(funded, paid + p.held());
        }
        if p.safeguards().kill_switch().state() == SwitchState::Active {
            p.safeguarded(|s| s.pause(acc(GUARDIAN), h(3), now)).unwrap();
        }
        let effects = p.terminate(acc(ADMIN), h(4), now).unwrap();
        paid += effects.payouts.iter().map(|(_, a)| a).sum::<Balance>();
        prop_assert!(effects.payouts.iter().all(|(to, _)| *to != acc(ADMIN)));
        // Disputes and pending rejections go on after termination; once
        // every deadline has passed and the officer has listed every
        // recipient again (a suspension freezes, it does not forfeit),
        // anyone carries each of them out.
        let later = now + 10 * (REVIEWER_DEADLINE + WINDOW + 25_000);
        for who in [R1, R2] {
            list(&mut p, who, listing(), later);
        }
        let open: Vec<u32> = (0..p.safeguards().disputes().count())
            .filter_map(|id| p.safeguards().disputes().get(id))
            .filter(|d| d.status != DisputeStatus::Resolved)
            .map(|d| d.id)
            .collect();
        let pending: Vec<DecisionId> = (0..p.allocation_count())
            .filter_map(|id| p.allocation(id))
            .filter_map(|a| match a.status {
                AllocationStatus::RejectionPending { decision } => Some(decision),
                _ => None,
            })
            .collect();
        let mut after = Vec::new();
        for id in open {
            after.push(p.execute_ruling(id, later).unwrap());
        }
        for id in pending {
            after.push(p.execute_decision(id, later).unwrap());
        }
        for effects in after {
            for (to, amount) in &effects.payouts {
                prop_assert!([acc(HOLDER), acc(R1), acc(R2)].contains(to), "paid {to:?}");
                paid += amount;
            }
        }
        prop_assert_eq!(p.held(), 0);
        prop_assert_eq!(paid, funded);
    }

    /// A rejection under review moves no funds, whatever anyone calls,
    /// until a reviewer resolves it or the reviewer's deadline passes.
    #[test]
    fn decision_under_review_never_moves_funds(
        asked_after in 0u64..WINDOW,
        ops in prop::collection::vec(op(), 1..30),
    ) {
        let mut p = rejected();
        let asked = DEADLINE + asked_after;
        p.safeguarded(|s| s.request_review(acc(R1), 1, h(40), asked)).unwrap();
        let mut now = asked;
        for op in &ops {
            if matches!(op, Op::Resolve(..)) {
                continue;
            }
            if now >= asked + REVIEWER_DEADLINE {
                break;
            }
            if let Some(effects) = run(&mut p, op, &mut now) {
                // other allocations may move; allocation 0 may not
                prop_assert_eq!(
                    status(&p, 0),
                    AllocationStatus::RejectionPending { decision: 1 },
                    "{:?} moved the allocation under review", op
                );
                prop_assert!(!effects.events.iter().any(|e| matches!(
                    e,
                    Event::Safeguards(SafeguardEvent::Review(ReviewEvent::DecisionTookEffect(d))) if d.id == 1
                )));
            }
        }
    }
}

// ----- review conformance ----------------------------------------------

/// The programme core driven by every safeguard conformance suite (see
/// `mod kit` for the kit's side).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Harness(Programme);

impl KitEvent for Event {
    fn kit_event(self) -> Option<SafeguardEvent> {
        match self {
            Event::Safeguards(e) => Some(e),
            Event::Programme(_) | Event::Allowlist(_) => None,
        }
    }
}

impl KitEvent for HotEvent {
    fn kit_event(self) -> Option<SafeguardEvent> {
        Event::from(self).kit_event()
    }
}

/// A hot step's event reads as the contract's event it becomes.
impl PartialEq<Event> for HotEvent {
    fn eq(&self, other: &Event) -> bool {
        match (self, other) {
            (HotEvent::Programme(a), Event::Programme(b)) => a == b,
            (HotEvent::Safeguards(a), Event::Safeguards(b)) => {
                SafeguardEvent::from(a.clone()) == *b
            }
            _ => false,
        }
    }
}

/// The inspector's rejection of a document, closed at the deadline, is the
/// decision; its AI label carries the risk class asked for.
impl DecisionHarness for Harness {
    fn with_decision(config: ReviewConfig, risk: RiskClass) -> Option<(Self, Fixture)> {
        let mut c = self::config();
        c.review = config;
        c.inspector_label = AiLabel {
            ai_involved: true,
            risk,
        };
        let mut p = allocated_with(c);
        p.submit_document(acc(R1), 0, 0, h(20), T0).unwrap();
        p.approve_document(acc(INSPECTOR), 0, 0, T0).unwrap();
        let recorded = p.close(acc(CONTRACT), 0, DEADLINE).unwrap();
        Some((
            Harness(p),
            Fixture {
                id: 1,
                recorded: review_outcome(kit_effects(recorded)),
                decided_at: DEADLINE,
                subject: acc(R1),
                reviewer: acc(REVIEWER),
                stranger: acc(STRANGER),
                adverse_payouts: vec![(acc(HOLDER), AMOUNT)],
                favourable_payouts: vec![(acc(R1), AMOUNT)],
            },
        ))
    }
}

safeguards::conformance!(Harness);
safeguards::review_conformance_high_risk!(Harness);

#[test]
fn decision_read_shows_the_review_status() {
    // given
    let mut p = rejected();
    // when
    p.safeguarded(|s| s.request_review(acc(R1), 1, h(40), DEADLINE + 1))
        .unwrap();
    // then
    assert!(matches!(
        p.safeguards().reviews().get(1).unwrap().status,
        DecisionStatus::UnderReview { reason, .. } if reason == h(40)
    ));
    let effects = p
        .execute_decision(1, DEADLINE + 1 + REVIEWER_DEADLINE)
        .unwrap();
    assert_eq!(effects.payouts, vec![(acc(R1), AMOUNT)]);
    assert!(effects.events.iter().any(|e| matches!(
        e,
        HotEvent::Safeguards(safeguards::HotEvent::DecisionTookEffect(d)) if d.basis == EffectBasis::DeadlineFallback
    )));
}

// ----- storage layout --------------------------------------------------

/// `count` allocations of `documents` slots, every one at its largest:
/// slots decided, the even ones rejected and resolved by a reviewer, the
/// odd ones disputed with full evidence, appealed by both sides and ruled;
/// seven recipients, a hundred more verifiers granted, a pending admin,
/// every acceptance marked invalidated.
fn filled<S: Store + Default>(documents: u32, count: u32) -> super::Programme<S> {
    let mut c = config();
    c.recipients = (20..27).map(acc).collect();
    let (mut p, _) = super::Programme::<S>::new(acc(ADMIN), c, CONFIG_DIGEST).unwrap();
    let parties: Vec<AccountId> = p.safeguards().agreement().parties();
    for (i, who) in parties.iter().enumerate() {
        let attestation = u64::try_from(i).unwrap() + 1;
        p.safeguarded(|s| s.accept_agreement(*who, terms(), s.config_digest(), T0, attestation))
            .unwrap();
        p.safeguarded(|s| {
            s.note_invalidated(
                *who,
                attestation,
                safeguards::eds::RevocationReason::KeyCompromise,
                T0,
            )
        })
        .unwrap();
    }
    for n in 100..200u8 {
        p.safeguarded(|s| s.grant_role(acc(ADMIN), Role::Verifier, acc(n)))
            .unwrap();
    }
    p.safeguarded(|s| s.propose_admin(acc(ADMIN), acc(STRANGER)))
        .unwrap();
    // and an amendment pending: both optional parts of the root are set
    let v2 = Terms {
        hash: [0xAA; 32],
        version: 2,
    };
    p.safeguarded(|s| s.propose_amendment(parties[0], v2, T0))
        .unwrap();
    let (holder, recipient) = (parties[0], parties[1]);
    // the fullest allowlist entry (a verifier as its source)
    p.allowlist(
        acc(OFFICER),
        T0,
        AllowlistCall::Set {
            account: recipient,
            entry: ListEntry {
                source: ListSource::Verifier(acc(STRANGER)),
                ..listing()
            },
        },
    )
    .unwrap();
    p.fund(holder, Balance::MAX).unwrap();
    let kinds: Vec<u32> = (1..=documents).collect();
    for _ in 0..count {
        p.allocate(holder, recipient, 1_000_000, 7, DEADLINE, kinds.clone(), T0)
            .unwrap();
    }
    for a in 0..count {
        for slot in 0..documents {
            p.submit_document(recipient, a, slot, h(20), T0).unwrap();
            if slot > 0 {
                p.reject_document(acc(INSPECTOR), a, slot, h(30), T0)
                    .unwrap();
            }
        }
        if a % 2 == 1 {
            let d = p.safeguards().disputes().count();
            p.raise_dispute(recipient, a, h(50), T0).unwrap();
            for side in [holder, recipient] {
                while p
                    .safeguarded(|s| s.submit_evidence(side, d, h(52), MAX_EVIDENCE_PER_DISPUTE))
                    .is_ok()
                {}
            }
            // both sides appeal once; the third ruling stands
            p.safeguarded(|s| s.rule(acc(ARBITRATOR), d, 1_234, h(51), T0))
                .unwrap();
            for side in [holder, recipient] {
                p.safeguarded(|s| s.appeal(side, d, h(53), T0)).unwrap();
                p.safeguarded(|s| s.rule(acc(ARBITRATOR), d, 1_234, h(51), T0))
                    .unwrap();
            }
        }
    }
    for a in (0..count).step_by(2) {
        p.close(acc(CONTRACT), a, DEADLINE).unwrap();
        let decision = match p.allocation(a).unwrap().status {
            AllocationStatus::RejectionPending { decision } => decision,
            other => panic!("{other:?}"),
        };
        p.safeguarded(|s| s.request_review(recipient, decision, h(40), DEADLINE))
            .unwrap();
        p.safeguarded(|s| s.resolve_review(acc(REVIEWER), decision, None, h(41), DEADLINE))
            .unwrap();
    }
    p
}

#[test]
fn every_stored_value_of_the_fullest_programme_fits_the_value_limit() {
    // given / when: eight documents per allocation, the largest entries
    let p = filled::<MemStore>(8, 8);
    // then
    let kit = p.safeguards().stores();
    let own = [p.store(), p.allowlist.store()];
    for store in own.into_iter().chain(kit) {
        for (cell, size) in store.value_sizes() {
            assert!(size <= MAX_VALUE, "table {cell:#x}: {size} bytes");
        }
    }
    assert_eq!(
        p.safeguards().disputes().evidence(0).len(),
        MAX_EVIDENCE_PER_DISPUTE
    );
}

#[ink::test]
fn the_root_of_the_fullest_programme_fits_the_value_limit() {
    // given / when: the contract's own layout, whose store handles encode
    // to nothing
    let p = filled::<InkStore>(8, 8);
    // then
    let size = scale::Encode::encoded_size(&p);
    assert!(size <= MAX_VALUE, "root: {size} bytes");
}

#[test]
fn a_thousand_allocations_each_keep_their_own_entry_and_settle_by_the_totals() {
    // given: a thousand allocations, half of them ready to be paid
    let mut p = funded_with(config());
    for a in 0..1_000u32 {
        let recipient = if a % 2 == 0 { R1 } else { R2 };
        p.allocate(acc(HOLDER), acc(recipient), 1, 7, DEADLINE, vec![1], T0)
            .unwrap();
        if a % 2 == 0 {
            p.submit_document(acc(R1), a, 0, h(20), T0).unwrap();
            p.approve_document(acc(INSPECTOR), a, 0, T0).unwrap();
        }
    }
    // when: the last is disputed, and the programme terminated
    p.raise_dispute(acc(R2), 999, h(50), T0).unwrap();
    p.safeguarded(|s| s.pause(acc(GUARDIAN), h(3), T0)).unwrap();
    let effects = p.terminate(acc(ADMIN), h(4), T0).unwrap();
    // then: R1's ready allocations go to R1, the rest (unallocated
    // included) to the holder, the disputed one stays
    assert_eq!(p.allocation_count(), 1_000);
    assert_eq!(
        effects.payouts,
        vec![(acc(HOLDER), FUNDS - 1_000 + 499), (acc(R1), 500)]
    );
    assert_eq!(p.held(), 1);
    assert_eq!(status(&p, 998), AllocationStatus::Settled);
    assert_eq!(status(&p, 999), AllocationStatus::Open);
}

#[test]
fn evidence_beyond_the_programme_limit_fails_with_too_much_evidence() {
    // given
    let mut p = allocated();
    p.raise_dispute(acc(R1), 0, h(50), T0).unwrap();
    // each side has half the slots, the raiser's evidence counted
    for _ in 0..MAX_EVIDENCE_PER_DISPUTE / 2 {
        p.safeguarded(|s| s.submit_evidence(acc(HOLDER), 0, h(52), MAX_EVIDENCE_PER_DISPUTE))
            .unwrap();
    }
    for _ in 1..MAX_EVIDENCE_PER_DISPUTE / 2 {
        p.safeguarded(|s| s.submit_evidence(acc(R1), 0, h(52), MAX_EVIDENCE_PER_DISPUTE))
            .unwrap();
    }
    // when / then
    for side in [R1, HOLDER] {
        assert_refused(
            &mut p,
            |p| p.safeguarded(|s| s.submit_evidence(acc(side), 0, h(53), MAX_EVIDENCE_PER_DISPUTE)),
            Error::Dispute(DisputeError::TooMuchEvidence),
        );
    }
    // and a stranger still gets its own error
    assert_refused(
        &mut p,
        |p| p.safeguarded(|s| s.submit_evidence(acc(STRANGER), 0, h(53), MAX_EVIDENCE_PER_DISPUTE)),
        Error::Dispute(DisputeError::NotAParty {
            caller: acc(STRANGER),
        }),
    );
}

// ----- kit conformance -------------------------------------------------

/// The kit's side of the conformance harness.
mod kit {
    use safeguards::kit::conformance::{Cast, KitHarness, Raised};

    use super::*;

    /// Funded, allocation 0 to R1 (open), allocation 1 to R2 (its
    /// document approved, releasable).
    impl KitHarness for Harness {
        type Error = Error;
        type Event = Event;
        type Core = Programme;

        fn core(&self) -> &Programme {
            &self.0
        }

        fn core_mut(&mut self) -> &mut Programme {
            &mut self.0
        }

        fn unaccepted() -> Self {
            Self(
                Programme::new(acc(ADMIN), config(), CONFIG_DIGEST)
                    .unwrap()
                    .0,
            )
        }

        fn funded() -> Self {
            let mut p = funded_with(config());
            for recipient in [R1, R2] {
                p.allocate(
                    acc(HOLDER),
                    acc(recipient),
                    AMOUNT,
                    7,
                    DEADLINE,
                    vec![1],
                    T0,
                )
                .unwrap();
            }
            p.submit_document(acc(R2), 1, 0, h(20), T0).unwrap();
            p.approve_document(acc(INSPECTOR), 1, 0, T0).unwrap();
            Self(p)
        }

        fn cast(&self) -> Cast {
            Cast {
                admin: acc(ADMIN),
                guardian: acc(GUARDIAN),
                arbitrator: acc(ARBITRATOR),
                reviewer: acc(REVIEWER),
                parties: vec![acc(HOLDER), acc(R1), acc(R2)],
                stranger: acc(STRANGER),
            }
        }

        fn now(&self) -> Timestamp {
            T0 + 1
        }

        fn running_config_digest(&self) -> Hash32 {
            safeguards::gate::config_digest(&self.0.config())
        }

        fn held(&self) -> Balance {
            self.0.held()
        }

        fn raise_dispute(&mut self, caller: AccountId, now: Timestamp) -> Result<Raised, Error> {
            self.0.raise_dispute(caller, 0, h(50), now)?;
            let id = self.0.safeguards().disputes().open_for(0).unwrap().id;
            // the sides and the amount as the template's own state has them
            let config = self.0.config();
            let a = self.0.allocation(0).unwrap();
            Ok(Raised {
                id,
                payer: config.budget_holder,
                payee: a.recipient,
                amount: a.amount,
            })
        }

        fn payment_paths(&self, now: Timestamp) -> Vec<(&'static str, Result<KitEffects, Error>)> {
            vec![
                ("release", self.0.clone().release(1, T0).map(kit_effects)),
                (
                    "reclaim_unallocated",
                    self.0
                        .clone()
                        .reclaim_unallocated(acc(HOLDER), 1)
                        .map(kit_effects),
                ),
                (
                    "allocate",
                    self.0
                        .clone()
                        .allocate(acc(HOLDER), acc(R1), 1, 7, DEADLINE, vec![1], now)
                        .map(kit_effects),
                ),
            ]
        }
    }
}

// ----- the allowlist of recipients ---------------------------------------

fn not_allowlisted(who: u8, refusal: ListRefusal) -> Error {
    programme_err(ProgrammeError::NotAllowlisted {
        account: acc(who),
        refusal,
    })
}

#[test]
fn allocation_to_a_recipient_without_an_entry_in_force_is_refused_for_its_reason() {
    // given: a funded programme; R2's entry replaced case by case
    let cases = [
        (None, ListRefusal::NotListed),
        (
            Some(ListEntry {
                status: ListStatus::Suspended,
                reason: 3,
                ..listing()
            }),
            ListRefusal::Suspended { reason: 3 },
        ),
        (
            Some(ListEntry {
                status: ListStatus::Blocked,
                reason: 12,
                ..listing()
            }),
            ListRefusal::Blocked { reason: 12 },
        ),
        (
            Some(ListEntry {
                valid_from: T0 + 1,
                ..listing()
            }),
            ListRefusal::NotYetValid { valid_from: T0 + 1 },
        ),
    ];
    for (entry, refusal) in cases {
        let mut p = funded_with(config());
        match entry {
            None => {
                p.allowlist(
                    acc(OFFICER),
                    T0,
                    AllowlistCall::Remove {
                        account: acc(R2),
                        reason: 1,
                    },
                )
                .unwrap();
            }
            Some(e) => list(&mut p, R2, e, T0),
        }
        // when / then
        assert_refused(
            &mut p,
            |p| p.allocate(acc(HOLDER), acc(R2), AMOUNT, 7, DEADLINE, vec![1], T0),
            not_allowlisted(R2, refusal),
        );
        // and R1, listed, is allocated as before
        p.allocate(acc(HOLDER), acc(R1), AMOUNT, 7, DEADLINE, vec![1], T0)
            .unwrap();
    }
}

#[test]
fn an_entry_that_expired_stops_the_release_with_no_transaction_and_a_renewal_lets_it_through() {
    // given: allocation 0 approved; R1's entry expires at T0 + 10
    let mut p = approved();
    list(
        &mut p,
        R1,
        ListEntry {
            expires_at: T0 + 10,
            review_due: T0 + 5,
            ..listing()
        },
        T0,
    );
    // when: the block time passes the expiry
    assert_refused(
        &mut p,
        |p| p.release(0, T0 + 10),
        not_allowlisted(
            R1,
            ListRefusal::Expired {
                expires_at: T0 + 10,
            },
        ),
    );
    // then: the officer renews after a new screening, and it releases
    p.allowlist(
        acc(OFFICER),
        T0 + 11,
        AllowlistCall::Renew {
            account: acc(R1),
            renewal: safeguards::allowlist::Renewal {
                expires_at: T0 + 1_000,
                review_due: T0 + 500,
                evidence: h(62),
            },
        },
    )
    .unwrap();
    let effects = p.release(0, T0 + 11).unwrap();
    assert_eq!(effects.payouts, vec![(acc(R1), AMOUNT)]);
}

#[test]
fn a_favourable_decision_waits_for_the_recipient_s_entry() {
    // given: a rejection overridden in R1's favour; R1 then suspended
    let mut p = rejected();
    p.safeguarded(|s| s.request_review(acc(R1), 1, h(40), DEADLINE + 1))
        .unwrap();
    p.safeguarded(|s| {
        s.resolve_review(
            acc(REVIEWER),
            1,
            Some(Verdict::Favourable),
            h(41),
            DEADLINE + 2,
        )
    })
    .unwrap();
    p.allowlist(
        acc(OFFICER),
        DEADLINE + 2,
        AllowlistCall::Suspend {
            account: acc(R1),
            reason: 5,
        },
    )
    .unwrap();
    // when / then: refused, nothing changes (the decision stays to run)
    assert_refused(
        &mut p,
        |p| p.execute_decision(1, DEADLINE + 3),
        not_allowlisted(R1, ListRefusal::Suspended { reason: 5 }),
    );
    // and once reinstated it pays
    list(&mut p, R1, listing(), DEADLINE + 4);
    let effects = p.execute_decision(1, DEADLINE + 4).unwrap();
    assert_eq!(effects.payouts, vec![(acc(R1), AMOUNT)]);
}

#[test]
fn a_ruling_pays_no_share_to_a_recipient_without_an_entry_but_refunds_the_holder() {
    // given: two disputes, one ruled a split, one a full refund; R1 blocked
    let mut p = allocated();
    p.allocate(acc(HOLDER), acc(R1), 10, 7, DEADLINE, vec![1], T0)
        .unwrap();
    p.raise_dispute(acc(R1), 0, h(50), T0).unwrap();
    p.raise_dispute(acc(R1), 1, h(50), T0).unwrap();
    p.safeguarded(|s| s.rule(acc(ARBITRATOR), 0, 5_000, h(51), T0))
        .unwrap();
    p.safeguarded(|s| s.rule(acc(ARBITRATOR), 1, 10_000, h(51), T0))
        .unwrap();
    list(
        &mut p,
        R1,
        ListEntry {
            status: ListStatus::Blocked,
            reason: 12,
            ..listing()
        },
        T0,
    );
    // when / then: the split would pay R1: refused, the amount stays frozen
    assert_refused(
        &mut p,
        |p| p.execute_ruling(0, T0 + 5_000),
        not_allowlisted(R1, ListRefusal::Blocked { reason: 12 }),
    );
    // the full refund pays only the holder: it runs
    let effects = p.execute_ruling(1, T0 + 5_000).unwrap();
    assert_eq!(effects.payouts, vec![(acc(HOLDER), 10)]);
}

#[test]
fn only_the_compliance_officer_keeps_the_allowlist_whatever_the_switch_state() {
    let mut p = funded_with(config());
    let call = AllowlistCall::Suspend {
        account: acc(R1),
        reason: 2,
    };
    for who in [
        ADMIN, GUARDIAN, ARBITRATOR, REVIEWER, INSPECTOR, HOLDER, R1, STRANGER,
    ] {
        assert_refused(
            &mut p,
            |p| p.allowlist(acc(who), T0, call.clone()),
            Error::Roles(RolesError::Unauthorized {
                caller: acc(who),
                required: Role::ComplianceOfficer,
            }),
        );
    }
    // paused: the officer still suspends, and the event says so
    p.safeguarded(|s| s.pause(acc(GUARDIAN), h(3), T0)).unwrap();
    let effects = p.allowlist(acc(OFFICER), T0, call).unwrap();
    assert!(matches!(
        effects.events[..],
        [Event::Allowlist(AllowlistEvent::Suspended(_))]
    ));
    // terminated: the officer still reinstates
    p.terminate(acc(ADMIN), h(4), T0).unwrap();
    list(&mut p, R1, listing(), T0 + 1);
    assert_eq!(p.allowlist_entry(acc(R1)), Some(listing()));
    // and a refused change names the allowlist's rule
    assert_refused(
        &mut p,
        |p| {
            p.allowlist(
                acc(OFFICER),
                T0,
                AllowlistCall::Remove {
                    account: acc(STRANGER),
                    reason: 1,
                },
            )
        },
        Error::Allowlist(safeguards::AllowlistError::NotListed {
            account: acc(STRANGER),
        }),
    );
}

#[test]
fn while_paused_a_ruling_that_pays_an_unlisted_recipient_is_refused_as_paused_first() {
    // given: a split ruled; R1 then blocked; the programme paused
    let mut p = allocated();
    p.raise_dispute(acc(R1), 0, h(50), T0).unwrap();
    p.safeguarded(|s| s.rule(acc(ARBITRATOR), 0, 5_000, h(51), T0))
        .unwrap();
    list(
        &mut p,
        R1,
        ListEntry {
            status: ListStatus::Blocked,
            reason: 12,
            ..listing()
        },
        T0,
    );
    p.safeguarded(|s| s.pause(acc(GUARDIAN), h(3), T0)).unwrap();
    // when / then: the pause answers, as before the allowlist
    assert_refused(
        &mut p,
        |p| p.execute_ruling(0, T0 + 5_000),
        Error::KillSwitch(KillSwitchError::Paused),
    );
}

/// Pins docs/threat-model.md, 4.2f, A1 (open): the termination settlement
/// does not ask the allowlist, so a suspended recipient is still paid its
/// ready allocation.
#[test]
fn the_termination_settlement_pays_a_suspended_recipient_its_ready_allocation() {
    // given: allocation 0 approved (ready for R1); R1 then suspended
    let mut p = approved();
    p.allowlist(
        acc(OFFICER),
        T0,
        AllowlistCall::Suspend {
            account: acc(R1),
            reason: 5,
        },
    )
    .unwrap();
    assert!(p.release(0, T0).is_err());
    p.safeguarded(|s| s.pause(acc(GUARDIAN), h(3), T0)).unwrap();
    // when
    let effects = p.terminate(acc(ADMIN), h(4), T0).unwrap();
    // then: R1 is paid all the same
    assert!(
        effects.payouts.contains(&(acc(R1), AMOUNT)),
        "{:?}",
        effects.payouts
    );
}
