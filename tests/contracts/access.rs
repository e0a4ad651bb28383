//! drink integration tests: the access matrix. Every privileged message is
//! called by every named account that must be refused; each refusal carries
//! its own error, reverts, emits nothing and changes nothing. Then one
//! allowed account succeeds, which proves the refusals were about the
//! caller, not the state.
use safeguards::{
    review::Verdict, roles::Role, AgreementError, DisputeError, ReviewError, RolesError,
};
use service_agreement::{Error, EscrowError};
use shart::{
    fixtures::{clause, doc, sha256, DAY, MASTER_AGREEMENT, MILESTONES, T0},
    flagship::deploy,
    runtime::{ink_account, Encoded},
};

fn unauthorized(required: Role) -> impl Fn(ink::primitives::AccountId) -> Error {
    move |caller| Error::Roles(RolesError::Unauthorized { caller, required })
}

#[test]
fn pause_is_refused_to_everyone_but_guardian_and_admin() {
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    f.access_matrix(
        "pause",
        Encoded::of(doc("order")),
        0,
        &[a.guardian.clone(), a.admin.clone()],
        unauthorized(Role::Guardian),
    );
}

#[test]
fn pause_by_admin_is_allowed() {
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    assert_eq!(f.call(&a.admin, "pause", doc("o"), 0).value, Ok(Ok(())));
}

#[test]
fn resume_and_terminate_are_refused_to_everyone_but_admin() {
    for message in ["resume", "terminate"] {
        let mut f = deploy().unwrap();
        let a = f.accounts.clone();
        f.must(&a.guardian, "pause", doc("order"), 0);
        let args = if message == "resume" {
            Encoded::of(())
        } else {
            Encoded::of(doc("decision"))
        };
        f.access_matrix(
            message,
            args,
            0,
            std::slice::from_ref(&a.admin),
            unauthorized(Role::Admin),
        );
    }
}

#[test]
fn role_administration_is_refused_to_everyone_but_admin() {
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    let admin = [a.admin.clone()];
    f.access_matrix(
        "grant_role",
        Encoded::of((Role::Reviewer, ink_account(&a.stranger))),
        0,
        &admin,
        unauthorized(Role::Admin),
    );
    f.access_matrix(
        "revoke_role",
        Encoded::of((Role::Reviewer, ink_account(&a.stranger))),
        0,
        &admin,
        unauthorized(Role::Admin),
    );
    f.access_matrix(
        "replace_clause",
        Encoded::of(clause()),
        0,
        &admin,
        unauthorized(Role::Admin),
    );
    f.access_matrix(
        "propose_admin",
        Encoded::of(ink_account(&a.stranger)),
        0,
        &admin,
        unauthorized(Role::Admin),
    );
    f.access_matrix(
        "accept_admin",
        Encoded::of(()),
        0,
        std::slice::from_ref(&a.stranger),
        |caller| Error::Roles(RolesError::NotPendingAdmin { caller }),
    );
}

#[test]
fn rule_is_refused_to_everyone_but_arbitrator() {
    let mut f = deploy().unwrap();
    f.make_funded();
    let a = f.accounts.clone();
    f.must(&a.client, "raise_dispute", (0u32, doc("e")), 0);
    f.access_matrix(
        "rule",
        Encoded::of((0u32, 5_000u16, doc("award"))),
        0,
        std::slice::from_ref(&a.arbitrator),
        unauthorized(Role::Arbitrator),
    );
}

#[test]
fn agreement_messages_are_refused_to_non_parties() {
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    let parties = [a.client.clone(), a.contractor.clone()];
    let not_a_party = |caller| Error::Agreement(AgreementError::NotAParty { caller });
    let digest = f.config_digest;
    f.access_matrix(
        "accept_agreement",
        Encoded::of((sha256(MASTER_AGREEMENT.as_bytes()), 1u32, digest)),
        0,
        &parties,
        not_a_party,
    );
    f.access_matrix(
        "propose_amendment",
        Encoded::of((doc("v2"), 2u32)),
        0,
        &parties,
        not_a_party,
    );
}

#[test]
fn escrow_messages_are_refused_to_the_wrong_party() {
    let mut f = deploy().unwrap();
    f.make_effective();
    let a = f.accounts.clone();
    let total: u128 = MILESTONES.iter().sum();
    f.access_matrix(
        "fund",
        Encoded::of(()),
        total,
        std::slice::from_ref(&a.client),
        |caller| Error::Escrow(EscrowError::NotClient { caller }),
    );
    f.chain.advance_to(T0 + DAY);
    f.access_matrix(
        "mark_delivered",
        Encoded::of(0u32),
        0,
        std::slice::from_ref(&a.contractor),
        |caller| Error::Escrow(EscrowError::NotContractor { caller }),
    );
    f.access_matrix(
        "approve_milestone",
        Encoded::of(0u32),
        0,
        std::slice::from_ref(&a.client),
        |caller| Error::Escrow(EscrowError::NotClient { caller }),
    );
}

#[test]
fn dispute_messages_are_refused_to_non_parties() {
    let mut f = deploy().unwrap();
    f.make_funded();
    let a = f.accounts.clone();
    let parties = [a.client.clone(), a.contractor.clone()];
    let not_a_party = |caller| Error::Dispute(DisputeError::NotAParty { caller });
    f.access_matrix(
        "raise_dispute",
        Encoded::of((0u32, doc("e"))),
        0,
        &parties,
        not_a_party,
    );
    f.access_matrix(
        "submit_evidence",
        Encoded::of((0u32, doc("e2"))),
        0,
        &parties,
        not_a_party,
    );
    f.must(&a.arbitrator, "rule", (0u32, 5_000u16, doc("aw")), 0);
    f.access_matrix(
        "appeal",
        Encoded::of((0u32, doc("g"))),
        0,
        &parties,
        not_a_party,
    );
}

#[test]
fn review_messages_are_refused_to_everyone_but_the_client_and_the_reviewer() {
    // given: an automatic-release decision about the client
    let mut f = deploy().unwrap();
    f.make_funded();
    let a = f.accounts.clone();
    f.deliver(0, T0 + DAY);
    f.chain.advance_to(T0 + 4 * DAY);
    f.must(&a.stranger, "auto_release", 0u32, 0);
    // when / then
    f.access_matrix(
        "request_review",
        Encoded::of((1u32, doc("reasons"))),
        0,
        std::slice::from_ref(&a.client),
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
