use super::*;
use crate::test_utils::*;
use crate::RolesError;

type Roles = crate::roles::Roles<crate::store::MemStore>;
type Arbitration = super::Arbitration<crate::store::MemStore>;

pub fn iac() -> ArbitrationClause {
    iac_clause(h(4))
}

#[test]
fn valid_iac_clause_is_accepted_and_emits_clause_set() {
    let (a, events) = Arbitration::new(iac(), acc(ADMIN)).unwrap();
    assert_eq!(a.clause(), iac());
    assert_eq!(
        events,
        vec![ArbitrationEvent::ClauseSet(ArbitrationClauseSet {
            clause: iac(),
            by: acc(ADMIN)
        })]
    );
}

#[test]
fn clause_without_seat_fails_with_seat_required() {
    let c = ArbitrationClause {
        seat: None,
        ..iac()
    };
    assert_eq!(c.validate(), Err(ArbitrationError::SeatRequired));
}

#[test]
fn aifc_forums_seated_outside_aifc_fail_with_aifc_seat_required() {
    for (forum, rules) in [
        (Forum::AifcCourt, Rules::AifcCourtRules),
        (
            Forum::IacArbitration,
            Rules::IacArbitrationAndMediationRules,
        ),
        (Forum::IacMediation, Rules::IacArbitrationAndMediationRules),
    ] {
        let c = ArbitrationClause {
            forum,
            rules,
            seat: Some(Seat::Almaty),
            ..iac()
        };
        assert_eq!(c.validate(), Err(ArbitrationError::AifcSeatRequired));
    }
}

#[test]
fn national_court_may_sit_outside_aifc() {
    let c = ArbitrationClause {
        forum: Forum::KazakhstanCourt,
        rules: Rules::KazakhstanCivilProcedureCode,
        seat: Some(Seat::Almaty),
        language: Language::Kazakh,
        governing_law: GoverningLaw::KazakhstanLaw,
        ..iac()
    };
    assert_eq!(c.validate(), Ok(()));
}

#[test]
fn rules_of_another_forum_fail_with_rules_do_not_match_forum() {
    let c = ArbitrationClause {
        forum: Forum::AifcCourt,
        ..iac()
    };
    assert_eq!(c.validate(), Err(ArbitrationError::RulesDoNotMatchForum));
}

#[test]
fn missing_rules_version_fails_with_rules_version_required() {
    let c = ArbitrationClause {
        rules_version: 0,
        ..iac()
    };
    assert_eq!(c.validate(), Err(ArbitrationError::RulesVersionRequired));
}

#[test]
fn two_arbitrators_fail_with_invalid_arbitrator_count() {
    for count in [0, 2, 4] {
        let c = ArbitrationClause {
            arbitrators: count,
            ..iac()
        };
        assert_eq!(
            c.validate(),
            Err(ArbitrationError::InvalidArbitratorCount { count })
        );
    }
    let three = ArbitrationClause {
        arbitrators: 3,
        ..iac()
    };
    assert_eq!(three.validate(), Ok(()));
}

#[test]
fn zero_clause_hash_fails_with_zero_clause_hash() {
    let c = ArbitrationClause {
        clause_hash: [0; 32],
        ..iac()
    };
    assert_eq!(c.validate(), Err(ArbitrationError::ZeroClauseHash));
}

#[test]
fn replace_before_any_acceptance_by_admin_replaces_clause() {
    let roles = Roles::new(acc(ADMIN));
    let (mut a, _) = Arbitration::new(iac(), acc(ADMIN)).unwrap();
    let three = ArbitrationClause {
        arbitrators: 3,
        ..iac()
    };
    a.replace(&roles, acc(ADMIN), three, false).unwrap();
    assert_eq!(a.clause(), three);
}

#[test]
fn replace_after_an_acceptance_fails_with_clause_locked() {
    let roles = Roles::new(acc(ADMIN));
    let (mut a, _) = Arbitration::new(iac(), acc(ADMIN)).unwrap();
    let three = ArbitrationClause {
        arbitrators: 3,
        ..iac()
    };
    assert_eq!(
        a.replace(&roles, acc(ADMIN), three, true),
        Err(Guarded::Core(ArbitrationError::ClauseLocked))
    );
    assert_eq!(a.clause(), iac());
}

#[test]
fn replace_by_non_admin_fails_with_unauthorized() {
    let roles = Roles::new(acc(ADMIN));
    let (mut a, _) = Arbitration::new(iac(), acc(ADMIN)).unwrap();
    assert_eq!(
        a.replace(&roles, acc(STRANGER), iac(), false),
        Err(Guarded::Roles(RolesError::Unauthorized {
            caller: acc(STRANGER),
            required: Role::Admin
        }))
    );
}
