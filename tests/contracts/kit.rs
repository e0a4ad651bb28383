//! Drink suites of the kit's own messages, written once over the generic
//! [`Driver`] and run against every template: what a template's shell
//! hands to `Safeguards` must refuse the same way in each. A new template
//! adds its two lines per suite here.
use safeguards::{
    kill_switch::SwitchState,
    roles::{Role, RolesError},
    KillSwitchError, SafeguardError,
};
use shart::{
    fixtures::doc,
    flagship, payment,
    runtime::ink_account,
    templates::driver::{Accounts, Driver, Template},
};

fn roles<T: Template>(e: RolesError) -> T::Error {
    SafeguardError::Roles(e).into()
}

fn switch<T: Template>(e: KillSwitchError) -> T::Error {
    SafeguardError::KillSwitch(e).into()
}

/// Every `RolesError` the role messages can return, on a fresh deployment.
fn role_errors_refuse_without_side_effects<T: Template>(mut f: Driver<T>) {
    let a = f.accounts.clone();
    let (admin, guardian, stranger) = (a.admin(), a.guardian(), a.stranger());
    f.assert_refused(
        admin,
        "grant_role",
        (Role::Guardian, ink_account(guardian)),
        0,
        roles::<T>(RolesError::AlreadyGranted {
            account: ink_account(guardian),
            role: Role::Guardian,
        }),
    );
    // an account that holds another role
    f.assert_refused(
        admin,
        "revoke_role",
        (Role::Reviewer, ink_account(guardian)),
        0,
        roles::<T>(RolesError::NotGranted {
            account: ink_account(guardian),
            role: Role::Reviewer,
        }),
    );
    f.assert_refused(
        admin,
        "grant_role",
        (Role::Admin, ink_account(stranger)),
        0,
        roles::<T>(RolesError::AdminNotGrantable),
    );
    f.assert_refused(
        admin,
        "revoke_role",
        (Role::Admin, ink_account(admin)),
        0,
        roles::<T>(RolesError::AdminNotGrantable),
    );
    f.assert_refused(
        stranger,
        "accept_admin",
        (),
        0,
        roles::<T>(RolesError::NoPendingAdmin),
    );
    f.must(admin, "propose_admin", ink_account(guardian), 0);
    f.assert_refused(
        stranger,
        "accept_admin",
        (),
        0,
        roles::<T>(RolesError::NotPendingAdmin {
            caller: ink_account(stranger),
        }),
    );
}

/// No party is granted any role or proposed as admin, each refusal with
/// `PartyMayNotHoldRole`: the check a template's own tests run in the
/// state they care about (the security review found grants and handovers
/// after funding).
pub(crate) fn no_party_is_granted_a_role_or_handed_admin<T: Template>(f: &mut Driver<T>) {
    let a = f.accounts.clone();
    let may_not = |party, role| {
        roles::<T>(RolesError::PartyMayNotHoldRole {
            account: party,
            role,
        })
    };
    for party in a.parties() {
        let party = ink_account(&party);
        for role in [
            Role::Guardian,
            Role::Arbitrator,
            Role::Reviewer,
            Role::Verifier,
            Role::Inspector,
            Role::ComplianceOfficer,
        ] {
            f.assert_refused(
                a.admin(),
                "grant_role",
                (role, party),
                0,
                may_not(party, role),
            );
        }
        f.assert_refused(
            a.admin(),
            "propose_admin",
            party,
            0,
            may_not(party, Role::Admin),
        );
    }
}

/// Every `KillSwitchError` of `pause`, `resume` and `terminate`, through
/// the switch's life: active, paused, terminated.
fn kill_switch_errors_refuse_without_side_effects<T: Template>(mut f: Driver<T>) {
    let a = f.accounts.clone();
    let (admin, guardian) = (a.admin(), a.guardian());
    let wrong = |expected, actual| switch::<T>(KillSwitchError::WrongState { expected, actual });
    // active
    f.assert_refused(
        guardian,
        "pause",
        [0u8; 32],
        0,
        switch::<T>(KillSwitchError::ZeroReasonHash),
    );
    f.assert_refused(
        admin,
        "resume",
        (),
        0,
        wrong(SwitchState::Paused, SwitchState::Active),
    );
    f.assert_refused(
        admin,
        "terminate",
        doc("decision"),
        0,
        wrong(SwitchState::Paused, SwitchState::Active),
    );
    // paused
    f.must(guardian, "pause", doc("court order"), 0);
    f.assert_refused(
        admin,
        "terminate",
        [0u8; 32],
        0,
        switch::<T>(KillSwitchError::ZeroReasonHash),
    );
    // terminated
    f.must(admin, "terminate", doc("decision"), 0);
    f.assert_refused(
        admin,
        "pause",
        doc("again"),
        0,
        wrong(SwitchState::Active, SwitchState::Terminated),
    );
    f.assert_refused(
        admin,
        "resume",
        (),
        0,
        wrong(SwitchState::Paused, SwitchState::Terminated),
    );
}

#[test]
fn role_errors_refuse_without_side_effects_in_service_agreement() {
    role_errors_refuse_without_side_effects(flagship::deploy().unwrap());
}

#[test]
fn role_errors_refuse_without_side_effects_in_programmable_payment() {
    role_errors_refuse_without_side_effects(payment::deploy().unwrap());
}

#[test]
fn kill_switch_errors_refuse_without_side_effects_in_service_agreement() {
    kill_switch_errors_refuse_without_side_effects(flagship::deploy().unwrap());
}

#[test]
fn kill_switch_errors_refuse_without_side_effects_in_programmable_payment() {
    kill_switch_errors_refuse_without_side_effects(payment::deploy().unwrap());
}
