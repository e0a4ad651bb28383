use super::*;
use crate::{store::MemStore, test_utils::*};

type Roles = super::Roles<MemStore>;

fn roles() -> Roles {
    Roles::new(acc(ADMIN))
}

#[test]
fn grant_by_admin_adds_role_and_emits_granted() {
    // given
    let mut r = roles();
    // when
    let events = r.grant(acc(ADMIN), Role::Guardian, acc(GUARDIAN)).unwrap();
    // then
    assert!(r.has(Role::Guardian, acc(GUARDIAN)));
    assert_eq!(
        events,
        vec![RolesEvent::Granted(RoleGranted {
            account: acc(GUARDIAN),
            role: Role::Guardian,
            by: acc(ADMIN)
        })]
    );
}

#[test]
fn grant_by_non_admin_fails_with_unauthorized_and_changes_nothing() {
    let mut r = roles();
    r.grant(acc(ADMIN), Role::Guardian, acc(GUARDIAN)).unwrap();
    let before = r.clone();
    for caller in [GUARDIAN, STRANGER] {
        assert_eq!(
            r.grant(acc(caller), Role::Arbitrator, acc(caller)),
            Err(RolesError::Unauthorized {
                caller: acc(caller),
                required: Role::Admin
            })
        );
    }
    assert_eq!(r, before);
}

#[test]
fn an_account_may_hold_several_roles() {
    let mut r = roles();
    r.grant(acc(ADMIN), Role::Guardian, acc(GUARDIAN)).unwrap();
    r.grant(acc(ADMIN), Role::Arbitrator, acc(GUARDIAN))
        .unwrap();
    assert!(r.has(Role::Guardian, acc(GUARDIAN)));
    assert!(r.has(Role::Arbitrator, acc(GUARDIAN)));
    assert_eq!(r.holders(Role::Arbitrator), vec![acc(GUARDIAN)]);
}

#[test]
fn holders_lists_the_admin_and_exactly_the_grantees_of_a_role() {
    let mut r = roles();
    r.grant(acc(ADMIN), Role::Guardian, acc(GUARDIAN)).unwrap();
    r.grant(acc(ADMIN), Role::Guardian, acc(STRANGER)).unwrap();
    r.grant(acc(ADMIN), Role::Arbitrator, acc(ARBITRATOR))
        .unwrap();
    assert_eq!(r.holders(Role::Admin), vec![acc(ADMIN)]);
    assert_eq!(
        r.holders(Role::Guardian),
        vec![acc(GUARDIAN), acc(STRANGER)]
    );
    assert_eq!(r.holders(Role::Arbitrator), vec![acc(ARBITRATOR)]);
    assert!(r.holders(Role::Reviewer).is_empty());
}

#[test]
fn granting_twice_fails_with_already_granted() {
    let mut r = roles();
    r.grant(acc(ADMIN), Role::Guardian, acc(GUARDIAN)).unwrap();
    assert_eq!(
        r.grant(acc(ADMIN), Role::Guardian, acc(GUARDIAN)),
        Err(RolesError::AlreadyGranted {
            account: acc(GUARDIAN),
            role: Role::Guardian
        })
    );
}

#[test]
fn granting_or_revoking_admin_fails_with_admin_not_grantable() {
    let mut r = roles();
    assert_eq!(
        r.grant(acc(ADMIN), Role::Admin, acc(GUARDIAN)),
        Err(RolesError::AdminNotGrantable)
    );
    assert_eq!(
        r.revoke(acc(ADMIN), Role::Admin, acc(ADMIN)),
        Err(RolesError::AdminNotGrantable)
    );
}

#[test]
fn each_role_keeps_its_own_holder_list_across_revocations() {
    // given: a guardian, then an arbitrator
    let mut r = roles();
    r.grant(acc(ADMIN), Role::Guardian, acc(20)).unwrap();
    r.grant(acc(ADMIN), Role::Arbitrator, acc(21)).unwrap();
    // when: the guardian is replaced
    r.revoke(acc(ADMIN), Role::Guardian, acc(20)).unwrap();
    r.grant(acc(ADMIN), Role::Guardian, acc(22)).unwrap();
    // then: each list holds exactly its role's holders
    assert_eq!(r.holders(Role::Guardian), vec![acc(22)]);
    assert_eq!(r.holders(Role::Arbitrator), vec![acc(21)]);
    assert!(r.holders(Role::Reviewer).is_empty());
}

#[test]
fn revoking_from_the_middle_of_many_holders_keeps_the_holder_list_exact() {
    // given: 100 reviewers
    let mut r = roles();
    let reviewer = |i: u8| acc(100 + i);
    for i in 0..100 {
        r.grant(acc(ADMIN), Role::Reviewer, reviewer(i)).unwrap();
    }
    // when: every third is revoked, and the second-to-last
    for i in (0..100).step_by(3).chain([98]) {
        r.revoke(acc(ADMIN), Role::Reviewer, reviewer(i)).unwrap();
    }
    // then
    let kept: Vec<AccountId> = (0..98).filter(|i| i % 3 != 0).map(reviewer).collect();
    let mut holders = r.holders(Role::Reviewer);
    holders.sort();
    assert_eq!(holders, kept);
    for i in 0..100 {
        assert_eq!(
            r.has(Role::Reviewer, reviewer(i)),
            kept.contains(&reviewer(i))
        );
    }
    assert!(r.holders(Role::Guardian).is_empty());
}

#[test]
fn revoke_by_admin_removes_role_and_emits_revoked() {
    let mut r = roles();
    r.grant(acc(ADMIN), Role::Guardian, acc(GUARDIAN)).unwrap();
    let events = r.revoke(acc(ADMIN), Role::Guardian, acc(GUARDIAN)).unwrap();
    assert!(!r.has(Role::Guardian, acc(GUARDIAN)));
    assert_eq!(
        events,
        vec![RolesEvent::Revoked(RoleRevoked {
            account: acc(GUARDIAN),
            role: Role::Guardian,
            by: acc(ADMIN)
        })]
    );
}

#[test]
fn revoke_of_role_not_held_fails_with_not_granted() {
    let mut r = roles();
    assert_eq!(
        r.revoke(acc(ADMIN), Role::Guardian, acc(GUARDIAN)),
        Err(RolesError::NotGranted {
            account: acc(GUARDIAN),
            role: Role::Guardian
        })
    );
}

#[test]
fn revoke_by_non_admin_fails_with_unauthorized() {
    let mut r = roles();
    r.grant(acc(ADMIN), Role::Guardian, acc(GUARDIAN)).unwrap();
    assert_eq!(
        r.revoke(acc(GUARDIAN), Role::Guardian, acc(GUARDIAN)),
        Err(RolesError::Unauthorized {
            caller: acc(GUARDIAN),
            required: Role::Admin
        })
    );
    assert!(r.has(Role::Guardian, acc(GUARDIAN)));
}

#[test]
fn admin_handover_takes_effect_only_when_accepted() {
    // given
    let mut r = roles();
    // when: proposed
    let events = r.propose_admin(acc(ADMIN), acc(GUARDIAN)).unwrap();
    assert_eq!(
        events,
        vec![RolesEvent::AdminProposed(AdminTransferProposed {
            admin: acc(ADMIN),
            proposed: acc(GUARDIAN)
        })]
    );
    // then: the old admin still rules
    assert_eq!(r.admin(), acc(ADMIN));
    assert_eq!(r.pending_admin(), Some(acc(GUARDIAN)));
    // when: accepted
    let events = r.accept_admin(acc(GUARDIAN)).unwrap();
    // then
    assert_eq!(r.admin(), acc(GUARDIAN));
    assert_eq!(r.pending_admin(), None);
    assert!(!r.has(Role::Admin, acc(ADMIN)));
    assert_eq!(
        events,
        vec![RolesEvent::AdminTransferred(AdminTransferred {
            previous: acc(ADMIN),
            admin: acc(GUARDIAN)
        })]
    );
}

#[test]
fn propose_admin_by_non_admin_fails_with_unauthorized() {
    let mut r = roles();
    assert_eq!(
        r.propose_admin(acc(STRANGER), acc(STRANGER)),
        Err(RolesError::Unauthorized {
            caller: acc(STRANGER),
            required: Role::Admin
        })
    );
    assert_eq!(r.pending_admin(), None);
}

#[test]
fn accept_admin_without_proposal_fails_with_no_pending_admin() {
    let mut r = roles();
    assert_eq!(
        r.accept_admin(acc(GUARDIAN)),
        Err(RolesError::NoPendingAdmin)
    );
}

#[test]
fn accept_admin_by_other_account_fails_with_not_pending_admin() {
    let mut r = roles();
    r.propose_admin(acc(ADMIN), acc(GUARDIAN)).unwrap();
    assert_eq!(
        r.accept_admin(acc(STRANGER)),
        Err(RolesError::NotPendingAdmin {
            caller: acc(STRANGER)
        })
    );
    assert_eq!(r.admin(), acc(ADMIN));
}

fn with_parties() -> Roles {
    Roles::with_parties(acc(ADMIN), vec![acc(CLIENT), acc(CONTRACTOR)]).unwrap()
}

#[test]
fn a_table_whose_admin_is_a_party_is_refused_with_party_may_not_hold_role() {
    assert_eq!(
        Roles::with_parties(acc(CLIENT), vec![acc(CLIENT), acc(CONTRACTOR)]),
        Err(RolesError::PartyMayNotHoldRole {
            account: acc(CLIENT),
            role: Role::Admin
        })
    );
}

#[test]
fn granting_any_role_to_a_party_fails_with_party_may_not_hold_role_and_changes_nothing() {
    let mut r = with_parties();
    let before = r.clone();
    for role in [
        Role::Guardian,
        Role::Arbitrator,
        Role::Reviewer,
        Role::Verifier,
        Role::Inspector,
        Role::ComplianceOfficer,
    ] {
        for party in [CLIENT, CONTRACTOR] {
            assert_eq!(
                r.grant(acc(ADMIN), role, acc(party)),
                Err(RolesError::PartyMayNotHoldRole {
                    account: acc(party),
                    role
                })
            );
        }
    }
    assert_eq!(r, before);
    // a non-party is still granted
    assert!(r.grant(acc(ADMIN), Role::Arbitrator, acc(GUARDIAN)).is_ok());
}

#[test]
fn proposing_a_party_as_admin_fails_with_party_may_not_hold_role() {
    let mut r = with_parties();
    assert_eq!(
        r.propose_admin(acc(ADMIN), acc(CONTRACTOR)),
        Err(RolesError::PartyMayNotHoldRole {
            account: acc(CONTRACTOR),
            role: Role::Admin
        })
    );
    assert_eq!(r.pending_admin(), None);
}

#[test]
fn a_grant_to_a_non_party_is_unaffected_by_the_party_list() {
    let mut r = with_parties();
    assert!(!r.is_party(acc(GUARDIAN)));
    assert!(r.is_party(acc(CLIENT)));
    r.grant(acc(ADMIN), Role::Guardian, acc(GUARDIAN)).unwrap();
    assert!(r.has(Role::Guardian, acc(GUARDIAN)));
}

#[test]
fn handover_revokes_every_role_the_former_admin_held() {
    // given: the admin also holds guardian and arbitrator
    let mut r = roles();
    r.grant(acc(ADMIN), Role::Guardian, acc(ADMIN)).unwrap();
    r.grant(acc(ADMIN), Role::Arbitrator, acc(ADMIN)).unwrap();
    r.grant(acc(ADMIN), Role::Guardian, acc(GUARDIAN)).unwrap();
    r.propose_admin(acc(ADMIN), acc(STRANGER)).unwrap();
    // when
    let events = r.accept_admin(acc(STRANGER)).unwrap();
    // then: no role of the former admin is left; others are untouched
    for role in [Role::Admin, Role::Guardian, Role::Arbitrator] {
        assert!(!r.has(role, acc(ADMIN)), "{role:?}");
    }
    assert!(r.has(Role::Guardian, acc(GUARDIAN)));
    assert_eq!(events.len(), 3);
    assert!(events.contains(&RolesEvent::Revoked(RoleRevoked {
        account: acc(ADMIN),
        role: Role::Arbitrator,
        by: acc(ADMIN)
    })));
}

#[test]
fn handover_to_oneself_keeps_the_admins_roles() {
    let mut r = roles();
    r.grant(acc(ADMIN), Role::Guardian, acc(ADMIN)).unwrap();
    r.propose_admin(acc(ADMIN), acc(ADMIN)).unwrap();
    let events = r.accept_admin(acc(ADMIN)).unwrap();
    assert_eq!(events.len(), 1);
    assert!(r.has(Role::Guardian, acc(ADMIN)));
    assert_eq!(r.admin(), acc(ADMIN));
}

#[test]
fn ensure_any_accepts_any_listed_role() {
    let mut r = roles();
    r.grant(acc(ADMIN), Role::Guardian, acc(GUARDIAN)).unwrap();
    let pausers = [Role::Guardian, Role::Admin];
    assert_eq!(r.ensure_any(&pausers, acc(GUARDIAN)), Ok(()));
    assert_eq!(r.ensure_any(&pausers, acc(ADMIN)), Ok(()));
    assert_eq!(
        r.ensure_any(&pausers, acc(STRANGER)),
        Err(RolesError::Unauthorized {
            caller: acc(STRANGER),
            required: Role::Guardian
        })
    );
}
