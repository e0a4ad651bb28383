//! drink integration tests: the access matrix. Every privileged message is
//! called by every named account that must be refused; each refusal carries
//! its own error, reverts, emits nothing and changes nothing. Then one
//! allowed account succeeds, which proves the refusals were about the
//! caller, not the state.
use drink::AccountId32;
use safeguards::{
    review::Verdict, roles::Role, AgreementError, DisputeError, ReviewError, RolesError,
};
use service_agreement::{Error, EscrowError};
use shart::{
    fixtures::{clause, doc, sha256, DAY, MASTER_AGREEMENT, MILESTONES, T0},
    flagship::{deploy, Flagship},
    runtime::{ink_account, Encoded},
};

/// Calls `message` as every named account outside `allowed` and expects
/// `refusal(caller)`; then as `allowed[0]` and expects success.
fn matrix(
    f: &mut Flagship,
    message: &str,
    args: Encoded,
    value: u128,
    allowed: &[AccountId32],
    refusal: impl Fn(ink::primitives::AccountId) -> Error,
) {
    let mut refused = 0;
    for (account, _) in f.accounts.names() {
        if allowed.contains(&account) {
            continue;
        }
        f.assert_refused(
            &account,
            message,
            args.clone(),
            value,
            refusal(ink_account(&account)),
        );
        refused += 1;
    }
    assert!(refused >= 3, "{message}: only {refused} refused callers");
    let out = f.call(&allowed[0], message, args, value);
    assert_eq!(out.value, Ok(Ok(())), "{message} by an allowed caller");
}

fn unauthorized(required: Role) -> impl Fn(ink::primitives::AccountId) -> Error {
    move |caller| Error::Roles(RolesError::Unauthorized { caller, required })
}

#[test]
fn pause_is_refused_to_everyone_but_guardian_and_admin() {
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    matrix(
        &mut f,
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
        matrix(
            &mut f,
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
    matrix(
        &mut f,
        "grant_role",
        Encoded::of((Role::Reviewer, ink_account(&a.stranger))),
        0,
        &admin,
        unauthorized(Role::Admin),
    );
    matrix(
        &mut f,
        "revoke_role",
        Encoded::of((Role::Reviewer, ink_account(&a.stranger))),
        0,
        &admin,
        unauthorized(Role::Admin),
    );
    matrix(
        &mut f,
        "replace_clause",
        Encoded::of(clause()),
        0,
        &admin,
        unauthorized(Role::Admin),
    );
    matrix(
        &mut f,
        "propose_admin",
        Encoded::of(ink_account(&a.stranger)),
        0,
        &admin,
        unauthorized(Role::Admin),
    );
    matrix(
        &mut f,
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
    matrix(
        &mut f,
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
    matrix(
        &mut f,
        "accept_agreement",
        Encoded::of((sha256(MASTER_AGREEMENT.as_bytes()), 1u32, digest)),
        0,
        &parties,
        not_a_party,
    );
    matrix(
        &mut f,
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
    matrix(
        &mut f,
        "fund",
        Encoded::of(()),
        total,
        std::slice::from_ref(&a.client),
        |caller| Error::Escrow(EscrowError::NotClient { caller }),
    );
    f.chain.advance_to(T0 + DAY);
    matrix(
        &mut f,
        "mark_delivered",
        Encoded::of(0u32),
        0,
        std::slice::from_ref(&a.contractor),
        |caller| Error::Escrow(EscrowError::NotContractor { caller }),
    );
    matrix(
        &mut f,
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
    matrix(
        &mut f,
        "raise_dispute",
        Encoded::of((0u32, doc("e"))),
        0,
        &parties,
        not_a_party,
    );
    matrix(
        &mut f,
        "submit_evidence",
        Encoded::of((0u32, doc("e2"))),
        0,
        &parties,
        not_a_party,
    );
    f.must(&a.arbitrator, "rule", (0u32, 5_000u16, doc("aw")), 0);
    matrix(
        &mut f,
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
    matrix(
        &mut f,
        "request_review",
        Encoded::of((1u32, doc("reasons"))),
        0,
        std::slice::from_ref(&a.client),
        |caller| Error::Review(ReviewError::NotTheSubject { caller }),
    );
    matrix(
        &mut f,
        "resolve_review",
        Encoded::of((1u32, None::<Verdict>, doc("reasoning"))),
        0,
        std::slice::from_ref(&a.reviewer),
        unauthorized(Role::Reviewer),
    );
}
