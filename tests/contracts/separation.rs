//! drink tests of the attack sequences in the security review of
//! 2026-12-01 (`H1`, `M2`, `M3`, `L1`, `L3`, `L4`, `L6`), run on `service_agreement`:
//! each one now fails to move funds, or moves them only as a human ruled.
use drink::AccountId32;
use safeguards::{roles::Role, DisputeError, RolesError};
use scale::Decode;
use service_agreement::{Error, EscrowError};
use shart::{
    fixtures::{self, doc, DAY, MAX_PAUSE, MILESTONES, START_BALANCE, T0},
    flagship::deploy,
    runtime::{ink_account, CallError, Chain},
};

fn party_may_not_hold(account: &AccountId32, role: Role) -> Error {
    Error::Roles(RolesError::PartyMayNotHoldRole {
        account: ink_account(account),
        role,
    })
}

/// The amounts of every milestone after the first.
fn rest() -> u128 {
    MILESTONES[1..].iter().sum()
}

#[test]
fn a_party_may_not_instantiate_so_it_never_becomes_admin() {
    // given: the client, funded, instantiates its own agreement
    let bundle = shart::bundle::bundle("service_agreement").unwrap();
    let a = fixtures::Accounts::new();
    let mut chain = Chain::new();
    chain.mint(&a.client, START_BALANCE);
    let config = fixtures::config(&a, ink::primitives::AccountId::from([9; 32]));
    // when
    let out = chain.deploy(&bundle, &a.client, "new", config, 0, &[]);
    // then
    assert!(out.reverted, "a party's instantiation should revert");
    assert!(out.events.is_empty(), "{:?}", out.events());
    let Err(CallError::Reverted(data)) = out.value else {
        panic!("expected a revert, got {:?}", out.value);
    };
    let decoded = <Result<Result<(), Error>, ink::LangError>>::decode(&mut &data[..])
        .expect("constructor error decodes");
    assert_eq!(decoded, Ok(Err(party_may_not_hold(&a.client, Role::Admin))));
}

#[test]
fn no_role_is_granted_to_a_party_and_admin_is_never_handed_to_one() {
    // given: funded (the review found grants and handover after funding)
    let mut f = deploy().unwrap();
    f.make_funded();
    let a = f.accounts.clone();
    // when / then: no party is granted a role or proposed as admin
    crate::kit::no_party_is_granted_a_role_or_handed_admin(&mut f);
    // and the client, who wanted to be arbitrator, cannot rule its dispute
    f.must(&a.client, "raise_dispute", (0u32, doc("pretext")), 0);
    f.assert_refused(
        &a.client,
        "rule",
        (0u32, 10_000u16, doc("self-award")),
        0,
        Error::Roles(RolesError::Unauthorized {
            caller: ink_account(&a.client),
            required: Role::Arbitrator,
        }),
    );
}

#[test]
fn a_former_admin_keeps_no_role_after_the_handover() {
    // given: the admin also holds guardian
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    f.must(
        &a.admin,
        "grant_role",
        (Role::Guardian, ink_account(&a.admin)),
        0,
    );
    f.must(&a.admin, "propose_admin", ink_account(&a.stranger), 0);
    // when
    f.must(&a.stranger, "accept_admin", (), 0);
    // then
    for role in [Role::Admin, Role::Guardian] {
        let held: bool = f.read("has_role", (role, ink_account(&a.admin)));
        assert!(!held, "the former admin still holds {role:?}");
    }
    f.assert_refused(
        &a.admin,
        "pause",
        doc("order"),
        0,
        Error::Roles(RolesError::Unauthorized {
            caller: ink_account(&a.admin),
            required: Role::Guardian,
        }),
    );
}

#[test]
fn pause_dispute_terminate_no_longer_refunds_a_delivered_milestone() {
    // given: milestone 0 delivered; the admin pauses and the client
    // disputes (H1, attack A, with the admin and the client colluding)
    let mut f = deploy().unwrap();
    f.make_funded();
    let a = f.accounts.clone();
    f.deliver(0, T0 + DAY);
    f.must(&a.admin, "pause", doc("pretext"), 0);
    f.must(&a.client, "raise_dispute", (0u32, doc("pretext")), 0);
    let (c0, k0) = (f.balance(&a.client), f.balance(&a.contractor));
    // when
    f.must(&a.admin, "terminate", doc("decision"), 0);
    // then: only the undelivered milestones return to the client; the
    // disputed one stays frozen
    assert_eq!(f.balance(&a.client) - c0, rest());
    assert_eq!(f.balance(&a.contractor), k0);
    assert_eq!(f.read::<_, u128>("held", ()), MILESTONES[0]);
    // and the arbitrator, not the admin, decides it
    f.must(
        &a.arbitrator,
        "rule",
        (0u32, 0u16, doc("award: delivered")),
        0,
    );
    f.chain.advance_to(T0 + 9 * DAY);
    f.must(&a.stranger, "execute_ruling", 0u32, 0);
    assert_eq!(f.balance(&a.contractor) - k0, MILESTONES[0]);
    assert_eq!(f.balance(&a.client) - c0, rest());
    assert_eq!(f.read::<_, u128>("held", ()), 0);
}

#[test]
fn termination_inside_the_appeal_window_keeps_the_ruling() {
    // given: the contractor disputed its delivered milestone and won (M2)
    let mut f = deploy().unwrap();
    f.make_funded();
    let a = f.accounts.clone();
    f.deliver(0, T0 + DAY);
    f.must(
        &a.contractor,
        "raise_dispute",
        (0u32, doc("client silent")),
        0,
    );
    f.must(
        &a.arbitrator,
        "rule",
        (0u32, 0u16, doc("award: contractor")),
        0,
    );
    let preview: (u128, u128) = f.read("settlement_preview", ());
    assert_eq!(preview, (rest(), 0), "the ruled milestone is not settled");
    f.must(&a.guardian, "pause", doc("order"), 0);
    let k0 = f.balance(&a.contractor);
    // when: terminated inside the 7-day appeal window
    f.must(&a.admin, "terminate", doc("decision"), 0);
    // then: the ruling is carried out as recorded once the window passes
    assert_eq!(f.balance(&a.contractor), k0);
    f.assert_refused(
        &a.stranger,
        "execute_ruling",
        0u32,
        0,
        Error::Dispute(DisputeError::NotExecutableYet { at: T0 + 8 * DAY }),
    );
    f.chain.advance_to(T0 + 8 * DAY);
    f.must(&a.stranger, "execute_ruling", 0u32, 0);
    assert_eq!(f.balance(&a.contractor) - k0, MILESTONES[0]);
    assert_eq!(f.read::<_, u128>("held", ()), 0);
}

#[test]
fn one_side_cannot_fill_the_other_sides_evidence_slots() {
    // given: the client raised a dispute and used every other slot of its
    // half (L1)
    let half = u8::try_from(service_agreement::escrow::MAX_EVIDENCE_PER_DISPUTE / 2).unwrap();
    let mut f = deploy().unwrap();
    f.make_funded();
    let a = f.accounts.clone();
    f.must(&a.client, "raise_dispute", (0u32, doc("e1")), 0);
    for n in 1..half {
        f.must(&a.client, "submit_evidence", (0u32, [n; 32]), 0);
    }
    // when / then: the client's half is full
    f.assert_refused(
        &a.client,
        "submit_evidence",
        (0u32, doc("e3")),
        0,
        Error::Dispute(DisputeError::TooMuchEvidence),
    );
    // and the contractor still has all of its slots
    for n in 0..half {
        f.must(&a.contractor, "submit_evidence", (0u32, [100 + n; 32]), 0);
    }
    f.assert_refused(
        &a.contractor,
        "submit_evidence",
        (0u32, doc("defence 3")),
        0,
        Error::Dispute(DisputeError::TooMuchEvidence),
    );
    let evidence: Vec<(ink::primitives::AccountId, [u8; 32])> = f.read("evidence", 0u32);
    assert_eq!(evidence.len(), usize::from(2 * half));
}

#[test]
fn the_first_appellant_does_not_use_up_the_other_sides_appeal() {
    // given: a ruling for the contractor, appealed by the client, then a
    // ruling for the client (L3)
    let mut f = deploy().unwrap();
    f.make_funded();
    let a = f.accounts.clone();
    f.must(&a.client, "raise_dispute", (0u32, doc("e")), 0);
    f.must(&a.arbitrator, "rule", (0u32, 0u16, doc("award 1")), 0);
    f.must(&a.client, "appeal", (0u32, doc("grounds 1")), 0);
    f.must(&a.arbitrator, "rule", (0u32, 10_000u16, doc("award 2")), 0);
    // when / then: the contractor has its own appeal; the client has none
    f.assert_refused(
        &a.client,
        "appeal",
        (0u32, doc("grounds again")),
        0,
        Error::Dispute(DisputeError::AppealAlreadyUsed),
    );
    f.must(&a.contractor, "appeal", (0u32, doc("grounds 2")), 0);
}

#[test]
fn a_pause_whose_admin_is_gone_lapses_and_anyone_resumes() {
    // given: milestone 0 delivered, then paused; the admin never acts
    // again (L6)
    let mut f = deploy().unwrap();
    f.make_funded();
    let a = f.accounts.clone();
    f.deliver(0, T0 + DAY);
    f.must(&a.guardian, "pause", doc("order"), 0);
    let lapse: Option<u64> = f.read("pause_lapses_at", ());
    assert_eq!(lapse, Some(T0 + DAY + MAX_PAUSE));
    // when / then: before the lapse only the admin resumes
    f.assert_refused(
        &a.stranger,
        "resume",
        (),
        0,
        Error::Roles(RolesError::Unauthorized {
            caller: ink_account(&a.stranger),
            required: Role::Admin,
        }),
    );
    // at the lapse anyone does, and the client's approval pays again
    f.chain.advance_to(T0 + DAY + MAX_PAUSE);
    f.must(&a.stranger, "resume", (), 0);
    let k0 = f.balance(&a.contractor);
    f.must(&a.client, "approve_milestone", 0u32, 0);
    assert_eq!(f.balance(&a.contractor) - k0, MILESTONES[0]);
}

#[test]
fn a_contractor_cannot_dispute_an_undelivered_milestone() {
    // given: funded; milestone 0 not delivered (L4: a payee's dispute over
    // undelivered work could only harvest the fallback)
    let mut f = deploy().unwrap();
    f.make_funded();
    let a = f.accounts.clone();
    // when / then
    f.assert_refused(
        &a.contractor,
        "raise_dispute",
        (0u32, doc("pretext")),
        0,
        Error::Escrow(EscrowError::NotDelivered { milestone: 0 }),
    );
    // once delivered it may, and the client may dispute either
    f.deliver(0, T0 + DAY);
    f.must(
        &a.contractor,
        "raise_dispute",
        (0u32, doc("client silent")),
        0,
    );
    f.must(&a.client, "raise_dispute", (1u32, doc("not started")), 0);
}
