//! The conformance suite of the arbitration clause, over a template's
//! [`KitHarness`](crate::kit::conformance::KitHarness):
//!
//! ```ignore
//! safeguards::arbitration_conformance!(MyHarness); // or conformance!(MyHarness)
//! ```
//!
//! It checks that only the admin replaces the clause, only a valid one, and
//! only before the first acceptance; and that a replacement rebinds the
//! configuration digest, so a party always accepts the clause in force.
//! Each generated test is named action, condition, outcome.

use ink::prelude::{vec, vec::Vec};

use super::{ArbitrationClause, ArbitrationError, Forum, Rules, Seat};

/// Clauses made invalid from `valid` one field at a time, each with the
/// error [`ArbitrationClause::validate`] must give it: the suite's cases,
/// and a drink test's.
pub fn invalid_clauses(valid: ArbitrationClause) -> Vec<(ArbitrationClause, ArbitrationError)> {
    let other_rules = match valid.forum {
        Forum::KazakhstanCourt => Rules::AifcCourtRules,
        _ => Rules::KazakhstanCivilProcedureCode,
    };
    let mut cases = vec![
        (
            ArbitrationClause {
                seat: None,
                ..valid
            },
            ArbitrationError::SeatRequired,
        ),
        (
            ArbitrationClause {
                rules: other_rules,
                ..valid
            },
            ArbitrationError::RulesDoNotMatchForum,
        ),
        (
            ArbitrationClause {
                rules_version: 0,
                ..valid
            },
            ArbitrationError::RulesVersionRequired,
        ),
        (
            ArbitrationClause {
                arbitrators: 2,
                ..valid
            },
            ArbitrationError::InvalidArbitratorCount { count: 2 },
        ),
        (
            ArbitrationClause {
                clause_hash: [0; 32],
                ..valid
            },
            ArbitrationError::ZeroClauseHash,
        ),
    ];
    if valid.forum != Forum::KazakhstanCourt {
        cases.push((
            ArbitrationClause {
                seat: Some(Seat::Almaty),
                ..valid
            },
            ArbitrationError::AifcSeatRequired,
        ));
    }
    cases
}

/// Mounts the arbitration conformance suite on harness `$h` (a
/// [`KitHarness`](crate::kit::conformance::KitHarness)) as the test module
/// `arbitration_conformance`.
#[macro_export]
macro_rules! arbitration_conformance {
    ($h:ty) => {
        #[cfg(test)]
        mod arbitration_conformance {
            #[allow(unused_imports)]
            use super::*;
            use $crate::{
                arbitration::{ArbitrationClause, ArbitrationClauseSet, ArbitrationEvent},
                kit::conformance::{all_but, err, unauthorized, KitHarness},
                roles::Role,
                AgreementError, ArbitrationError, SafeguardEvent,
            };

            type H = $h;

            /// The clause in force with another clause-text hash.
            fn other(h: &H) -> ArbitrationClause {
                ArbitrationClause {
                    clause_hash: [0xa1; 32],
                    ..h.safeguards().clause()
                }
            }

            /// `caller`'s replacement by `clause` is refused with `expected`
            /// and changes nothing.
            fn refused(
                h: &mut H,
                caller: ink::primitives::AccountId,
                clause: ArbitrationClause,
                expected: <H as KitHarness>::Error,
            ) {
                let before = h.clone();
                assert_eq!(h.replace_clause(caller, clause), Err(expected));
                assert_eq!(*h, before, "a refused replace_clause changed the contract");
            }

            #[test]
            fn replace_clause_by_anyone_but_the_admin_fails_with_unauthorized() {
                let mut h = H::unaccepted();
                let (c, clause) = (h.cast(), other(&h));
                for caller in all_but(&c, &[c.admin]) {
                    refused(
                        &mut h,
                        caller,
                        clause,
                        unauthorized::<H>(caller, Role::Admin),
                    );
                }
            }

            #[test]
            fn replace_clause_with_an_invalid_clause_fails_with_its_error() {
                let mut h = H::unaccepted();
                let (c, valid) = (h.cast(), other(&h));
                for (clause, expected) in $crate::arbitration::conformance::invalid_clauses(valid) {
                    refused(&mut h, c.admin, clause, err::<H>(expected));
                }
            }

            #[test]
            fn replace_clause_before_any_acceptance_sets_it_and_rebinds_the_configuration() {
                // given
                let mut h = H::unaccepted();
                let (c, now, clause) = (h.cast(), h.now(), other(&h));
                let old = h.safeguards().config_digest();
                let terms = h.safeguards().agreement().pending().unwrap();
                // when
                let effects = h.replace_clause(c.admin, clause).unwrap();
                // then
                assert_eq!(
                    effects.events,
                    ink::prelude::vec![SafeguardEvent::Arbitration(ArbitrationEvent::ClauseSet(
                        ArbitrationClauseSet {
                            clause,
                            by: c.admin
                        }
                    ))]
                );
                assert_eq!(h.safeguards().clause(), clause);
                let new = h.safeguards().config_digest();
                assert_ne!(new, old, "the digest still commits to the old clause");
                assert_eq!(
                    new,
                    h.running_config_digest(),
                    "the digest is not that of the configuration that runs"
                );
                // an acceptance quoting the old configuration is refused
                let before = h.clone();
                assert_eq!(
                    h.safeguarded(|s| s.accept_agreement(c.parties[0], terms, old, now, 1)),
                    Err(err::<H>(AgreementError::ConfigMismatch {
                        expected: new,
                        given: old
                    }))
                );
                assert_eq!(h, before);
                h.safeguarded(|s| s.accept_agreement(c.parties[0], terms, new, now, 1))
                    .unwrap();
            }

            #[test]
            fn replace_clause_after_an_acceptance_fails_with_clause_locked() {
                let mut h = H::unaccepted();
                let (c, now, clause) = (h.cast(), h.now(), other(&h));
                let terms = h.safeguards().agreement().pending().unwrap();
                let digest = h.safeguards().config_digest();
                h.safeguarded(|s| s.accept_agreement(c.parties[0], terms, digest, now, 1))
                    .unwrap();
                refused(
                    &mut h,
                    c.admin,
                    clause,
                    err::<H>(ArbitrationError::ClauseLocked),
                );
            }
        }
    };
}
