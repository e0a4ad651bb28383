use proptest::prelude::*;

use super::*;
use crate::{roles::RolesError, test_utils::*};

type Registry = super::Registry<crate::store::MemStore>;

const VERIFIER: u8 = 20;
const VERIFIER_2: u8 = 21;
const DAY: Timestamp = 86_400_000;
const T0: Timestamp = 1_000 * DAY;

/// The records, in memory.
type MemStore = super::MemRecords;

fn evidence(account: u8, statement: u8) -> Evidence {
    Evidence {
        account: acc(account),
        cert_serial_hash: h(1),
        ca: IssuingCa::NcaGost2015,
        algorithm: KeyAlgorithm::Gost512,
        holder_kind: HolderKind::Individual,
        role: EdsRole::Individual,
        valid_from: T0 - DAY,
        valid_until: T0 + 365 * DAY,
        subject_commitment: h(2),
        statement_hash: h(statement),
    }
}

fn signatory_evidence(account: u8, statement: u8) -> Evidence {
    Evidence {
        holder_kind: HolderKind::LegalEntity,
        role: EdsRole::ChiefExecutive,
        ..evidence(account, statement)
    }
}

/// A registry with one accredited verifier.
fn setup() -> (Registry, MemStore) {
    let mut r = Registry::new(acc(ADMIN));
    let mut s = MemStore::default();
    r.accredit(&mut s, acc(ADMIN), acc(VERIFIER), T0).unwrap();
    (r, s)
}

fn individual() -> Requirement {
    Requirement::individual(false)
}

#[test]
fn attest_by_verifier_records_and_check_returns_it() {
    // given
    let (mut r, mut s) = setup();
    // when
    let (id, events) = r
        .attest(&mut s, acc(VERIFIER), evidence(CLIENT, 9), T0)
        .unwrap();
    // then
    assert_eq!(id, 1);
    assert_eq!(
        events,
        vec![EdsEvent::Recorded(AttestationRecorded {
            id: 1,
            account: acc(CLIENT),
            verifier: acc(VERIFIER),
            holder_kind: HolderKind::Individual,
            role: EdsRole::Individual,
            ca: IssuingCa::NcaGost2015,
            valid_until: T0 + 365 * DAY,
            statement_hash: h(9),
        })]
    );
    assert_eq!(r.check(&s, acc(CLIENT), T0, &individual()), Ok(1));
    assert_eq!(r.attestation_count(), 1);
    assert_eq!(s.attestation(1).unwrap().verifier, acc(VERIFIER));
}

#[test]
fn check_without_attestation_fails_with_no_attestation() {
    let (r, s) = setup();
    assert_eq!(
        r.check(&s, acc(CLIENT), T0, &individual()),
        Err(EdsError::NoAttestation {
            account: acc(CLIENT)
        })
    );
}

#[test]
fn attest_by_non_verifier_fails_with_not_accredited() {
    let (mut r, mut s) = setup();
    for caller in [ADMIN, CLIENT, STRANGER] {
        assert_eq!(
            r.attest(&mut s, acc(caller), evidence(CONTRACTOR, 9), T0),
            Err(EdsError::NotAccredited {
                account: acc(caller)
            })
        );
    }
    assert_eq!(r.attestation_count(), 0);
}

#[test]
fn attest_rejects_bad_evidence_with_specific_errors() {
    let (mut r, mut s) = setup();
    let v = acc(VERIFIER);
    let cases = [
        (evidence(VERIFIER, 9), EdsError::SelfAttestation),
        (
            Evidence {
                statement_hash: ZERO_HASH,
                ..evidence(CLIENT, 9)
            },
            EdsError::ZeroHash,
        ),
        (
            Evidence {
                cert_serial_hash: ZERO_HASH,
                ..evidence(CLIENT, 9)
            },
            EdsError::ZeroHash,
        ),
        (
            Evidence {
                subject_commitment: ZERO_HASH,
                ..evidence(CLIENT, 9)
            },
            EdsError::ZeroHash,
        ),
        (
            Evidence {
                valid_from: T0,
                valid_until: T0,
                ..evidence(CLIENT, 9)
            },
            EdsError::InvalidValidity {
                valid_from: T0,
                valid_until: T0,
            },
        ),
        (
            Evidence {
                valid_from: T0 - 10 * DAY,
                valid_until: T0 - 1,
                ..evidence(CLIENT, 9)
            },
            EdsError::CertificateExpired {
                valid_until: T0 - 1,
            },
        ),
        (
            Evidence {
                role: EdsRole::SigningAuthority,
                ..evidence(CLIENT, 9)
            },
            EdsError::RoleDoesNotMatchHolderKind,
        ),
        (
            Evidence {
                algorithm: KeyAlgorithm::Rsa,
                ..evidence(CLIENT, 9)
            },
            EdsError::AlgorithmDoesNotMatchCa,
        ),
        (
            Evidence {
                ca: IssuingCa::NcaTestRsa,
                ..evidence(CLIENT, 9)
            },
            EdsError::AlgorithmDoesNotMatchCa,
        ),
    ];
    for (e, expected) in cases {
        assert_eq!(r.attest(&mut s, v, e, T0), Err(expected), "{e:?}");
    }
    assert_eq!(r.attestation_count(), 0);
    assert!(s.attestations.is_empty() && s.statements.is_empty());
}

#[test]
fn attest_with_a_used_statement_fails_with_statement_already_used() {
    let (mut r, mut s) = setup();
    r.attest(&mut s, acc(VERIFIER), evidence(CLIENT, 9), T0)
        .unwrap();
    assert_eq!(
        r.attest(&mut s, acc(VERIFIER), evidence(CONTRACTOR, 9), T0),
        Err(EdsError::StatementAlreadyUsed { id: 1 })
    );
}

#[test]
fn attest_beyond_the_per_account_limit_fails() {
    let (mut r, mut s) = setup();
    for i in 0..MAX_ATTESTATIONS_PER_ACCOUNT {
        r.attest(
            &mut s,
            acc(VERIFIER),
            evidence(CLIENT, 100 + u8::try_from(i).unwrap()),
            T0,
        )
        .unwrap();
    }
    assert_eq!(
        r.attest(&mut s, acc(VERIFIER), evidence(CLIENT, 99), T0),
        Err(EdsError::TooManyAttestations)
    );
}

#[test]
fn check_refuses_expired_not_yet_valid_wrong_kind_wrong_role_and_test_ca() {
    let (mut r, mut s) = setup();
    let v = acc(VERIFIER);
    let (id, _) = r.attest(&mut s, v, evidence(CLIENT, 9), T0).unwrap();
    let until = T0 + 365 * DAY;
    assert_eq!(r.check(&s, acc(CLIENT), until, &individual()), Ok(id));
    assert_eq!(
        r.check(&s, acc(CLIENT), until + 1, &individual()),
        Err(EdsError::Expired {
            id,
            valid_until: until
        })
    );
    assert_eq!(
        r.check(&s, acc(CLIENT), T0 - 1, &individual()),
        Err(EdsError::NotYetValid { id, from: T0 })
    );
    assert_eq!(
        r.check(&s, acc(CLIENT), T0, &Requirement::signatory(false)),
        Err(EdsError::WrongHolderKind {
            id,
            required: HolderKind::LegalEntity,
            actual: HolderKind::Individual
        })
    );
    // a legal entity's employee is not a signatory
    let employee = Evidence {
        role: EdsRole::Employee,
        ..signatory_evidence(CONTRACTOR, 10)
    };
    let (eid, _) = r.attest(&mut s, v, employee, T0).unwrap();
    assert_eq!(
        r.check(&s, acc(CONTRACTOR), T0, &Requirement::signatory(false)),
        Err(EdsError::WrongRole {
            id: eid,
            actual: EdsRole::Employee
        })
    );
    // a test-CA certificate counts only where the requirement allows it
    let test = Evidence {
        ca: IssuingCa::NcaTestGost2015,
        ..evidence(STRANGER, 11)
    };
    let (tid, _) = r.attest(&mut s, v, test, T0).unwrap();
    assert_eq!(
        r.check(&s, acc(STRANGER), T0, &individual()),
        Err(EdsError::TestCaNotAccepted { id: tid })
    );
    assert_eq!(
        r.check(&s, acc(STRANGER), T0, &Requirement::individual(true)),
        Ok(tid)
    );
}

#[test]
fn signatory_requirement_accepts_chief_executive_and_signing_authority() {
    let (mut r, mut s) = setup();
    let v = acc(VERIFIER);
    r.attest(&mut s, v, signatory_evidence(CLIENT, 9), T0)
        .unwrap();
    let sa = Evidence {
        role: EdsRole::SigningAuthority,
        ..signatory_evidence(CONTRACTOR, 10)
    };
    r.attest(&mut s, v, sa, T0).unwrap();
    let req = Requirement::signatory(false);
    assert_eq!(r.check(&s, acc(CLIENT), T0, &req), Ok(1));
    assert_eq!(r.check(&s, acc(CONTRACTOR), T0, &req), Ok(2));
}

#[test]
fn invalid_requirement_is_refused() {
    let (r, s) = setup();
    let empty = Requirement {
        roles: RoleSet::default(),
        ..individual()
    };
    let mixed = Requirement {
        roles: RoleSet::of(&[EdsRole::Individual, EdsRole::ChiefExecutive]),
        ..individual()
    };
    for req in [empty, mixed] {
        assert_eq!(
            r.check(&s, acc(CLIENT), T0, &req),
            Err(EdsError::InvalidRequirement)
        );
    }
}

#[test]
fn revoke_by_attesting_verifier_is_final_and_history_stays() {
    // given
    let (mut r, mut s) = setup();
    let (id, _) = r
        .attest(&mut s, acc(VERIFIER), evidence(CLIENT, 9), T0)
        .unwrap();
    // when
    let events = r
        .revoke(
            &mut s,
            acc(VERIFIER),
            id,
            RevocationReason::CertificateRevoked,
            T0 + DAY,
        )
        .unwrap();
    // then
    assert_eq!(
        events,
        vec![EdsEvent::Revoked(AttestationRevoked {
            id,
            account: acc(CLIENT),
            by: acc(VERIFIER),
            reason: RevocationReason::CertificateRevoked,
            at: T0 + DAY,
        })]
    );
    let revoked = Err(EdsError::Revoked {
        id,
        reason: RevocationReason::CertificateRevoked,
    });
    assert_eq!(r.check(&s, acc(CLIENT), T0 + DAY, &individual()), revoked);
    // valid before the revocation, for an auditor asking about the past
    assert_eq!(
        r.check(&s, acc(CLIENT), T0 + DAY - 1, &individual()),
        Ok(id)
    );
    assert_eq!(
        r.revoke(
            &mut s,
            acc(ADMIN),
            id,
            RevocationReason::Error,
            T0 + 2 * DAY
        ),
        Err(EdsError::AlreadyRevoked { id })
    );
    assert_eq!(
        r.invalidation(&s, id),
        Some(RevocationReason::CertificateRevoked)
    );
    assert_eq!(s.attestation(id).unwrap().evidence, evidence(CLIENT, 9));
}

#[test]
fn re_attestation_makes_a_new_record_that_check_prefers() {
    let (mut r, mut s) = setup();
    let v = acc(VERIFIER);
    r.attest(&mut s, v, evidence(CLIENT, 9), T0).unwrap();
    r.revoke(&mut s, v, 1, RevocationReason::Superseded, T0 + 1)
        .unwrap();
    let (id, _) = r.attest(&mut s, v, evidence(CLIENT, 10), T0 + 2).unwrap();
    assert_eq!(id, 2);
    assert_eq!(r.check(&s, acc(CLIENT), T0 + 2, &individual()), Ok(2));
    assert_eq!(s.attestations_of(acc(CLIENT)), vec![1, 2]);
    assert!(s.attestation(1).unwrap().revocation.is_some());
}

#[test]
fn revoke_by_admin_works_and_by_others_fails_with_not_revoker() {
    let (mut r, mut s) = setup();
    r.accredit(&mut s, acc(ADMIN), acc(VERIFIER_2), T0).unwrap();
    r.attest(&mut s, acc(VERIFIER), evidence(CLIENT, 9), T0)
        .unwrap();
    for caller in [VERIFIER_2, CLIENT, STRANGER] {
        assert_eq!(
            r.revoke(&mut s, acc(caller), 1, RevocationReason::Error, T0),
            Err(EdsError::NotRevoker {
                caller: acc(caller)
            })
        );
    }
    assert_eq!(
        r.revoke(
            &mut s,
            acc(ADMIN),
            1,
            RevocationReason::VerifierCompromised,
            T0
        ),
        Err(EdsError::ReasonReserved)
    );
    assert_eq!(
        r.revoke(&mut s, acc(ADMIN), 2, RevocationReason::Error, T0),
        Err(EdsError::UnknownAttestation { id: 2 })
    );
    assert!(r
        .revoke(&mut s, acc(ADMIN), 1, RevocationReason::KeyCompromise, T0)
        .is_ok());
}

#[test]
fn retired_verifier_cannot_attest_but_its_attestations_survive() {
    let (mut r, mut s) = setup();
    r.attest(&mut s, acc(VERIFIER), evidence(CLIENT, 9), T0)
        .unwrap();
    r.deaccredit(
        &mut s,
        acc(ADMIN),
        acc(VERIFIER),
        DeaccreditationReason::Retired,
        T0 + 1,
    )
    .unwrap();
    assert_eq!(
        r.attest(&mut s, acc(VERIFIER), evidence(CONTRACTOR, 10), T0 + 2),
        Err(EdsError::NotAccredited {
            account: acc(VERIFIER)
        })
    );
    assert_eq!(r.check(&s, acc(CLIENT), T0 + 2, &individual()), Ok(1));
    assert_eq!(r.invalidation(&s, 1), None);
    // a retired verifier may still revoke what it attested
    assert!(r
        .revoke(&mut s, acc(VERIFIER), 1, RevocationReason::Error, T0 + 3)
        .is_ok());
    // and may be accredited again
    assert!(r
        .accredit(&mut s, acc(ADMIN), acc(VERIFIER), T0 + 4)
        .is_ok());
    assert_eq!(r.verifiers(&s).len(), 1);
}

#[test]
fn compromised_verifier_voids_all_its_attestations_for_good() {
    let (mut r, mut s) = setup();
    r.attest(&mut s, acc(VERIFIER), evidence(CLIENT, 9), T0)
        .unwrap();
    r.deaccredit(
        &mut s,
        acc(ADMIN),
        acc(VERIFIER),
        DeaccreditationReason::Compromised,
        T0 + 1,
    )
    .unwrap();
    assert_eq!(
        r.check(&s, acc(CLIENT), T0 + 2, &individual()),
        Err(EdsError::AttestedByCompromisedVerifier {
            id: 1,
            verifier: acc(VERIFIER)
        })
    );
    assert_eq!(
        r.invalidation(&s, 1),
        Some(RevocationReason::VerifierCompromised)
    );
    assert_eq!(
        r.accredit(&mut s, acc(ADMIN), acc(VERIFIER), T0 + 3),
        Err(Guarded::Core(EdsError::VerifierCompromised {
            verifier: acc(VERIFIER)
        }))
    );
}

#[test]
fn a_retired_verifier_found_compromised_later_has_every_attestation_voided() {
    // given: a verifier attested, then retired
    let (mut r, mut s) = setup();
    r.attest(&mut s, acc(VERIFIER), evidence(CLIENT, 9), T0)
        .unwrap();
    let retire = |r: &mut Registry, s: &mut MemStore, reason, at| {
        r.deaccredit(s, acc(ADMIN), acc(VERIFIER), reason, at)
    };
    retire(&mut r, &mut s, DeaccreditationReason::Retired, T0 + 1).unwrap();
    // when: retired again, refused; found compromised, accepted once
    assert_eq!(
        retire(&mut r, &mut s, DeaccreditationReason::Retired, T0 + 2),
        Err(Guarded::Core(EdsError::NotAccredited {
            account: acc(VERIFIER)
        }))
    );
    assert_eq!(
        retire(&mut r, &mut s, DeaccreditationReason::Compromised, T0 + 3),
        Ok(vec![EdsEvent::Deaccredited(VerifierDeaccredited {
            verifier: acc(VERIFIER),
            by: acc(ADMIN),
            reason: DeaccreditationReason::Compromised,
            at: T0 + 3,
        })])
    );
    assert_eq!(
        retire(&mut r, &mut s, DeaccreditationReason::Compromised, T0 + 4),
        Err(Guarded::Core(EdsError::NotAccredited {
            account: acc(VERIFIER)
        }))
    );
    // then: what it attested before retiring no longer counts
    assert_eq!(
        r.check(&s, acc(CLIENT), T0 + 5, &individual()),
        Err(EdsError::AttestedByCompromisedVerifier {
            id: 1,
            verifier: acc(VERIFIER)
        })
    );
    assert_eq!(
        r.invalidation(&s, 1),
        Some(RevocationReason::VerifierCompromised)
    );
    assert_eq!(
        s.accreditation(acc(VERIFIER)).unwrap().ended,
        Some((T0 + 3, DeaccreditationReason::Compromised))
    );
    // and it can never be accredited again
    assert_eq!(
        r.accredit(&mut s, acc(ADMIN), acc(VERIFIER), T0 + 6),
        Err(Guarded::Core(EdsError::VerifierCompromised {
            verifier: acc(VERIFIER)
        }))
    );
}

#[test]
fn a_verifier_never_accredited_cannot_be_deaccredited() {
    let (mut r, mut s) = setup();
    for reason in [
        DeaccreditationReason::Retired,
        DeaccreditationReason::Compromised,
    ] {
        assert_eq!(
            r.deaccredit(&mut s, acc(ADMIN), acc(VERIFIER_2), reason, T0 + 1),
            Err(Guarded::Core(EdsError::NotAccredited {
                account: acc(VERIFIER_2)
            }))
        );
    }
}

#[test]
fn a_certificate_valid_until_now_is_attested_and_checks_valid_at_that_instant() {
    // given: evidence whose certificate ends exactly now
    let (mut r, mut s) = setup();
    let e = Evidence {
        valid_until: T0,
        ..evidence(CLIENT, 9)
    };
    // when
    let (id, _) = r.attest(&mut s, acc(VERIFIER), e, T0).unwrap();
    // then: valid at its last instant, expired one millisecond later
    assert_eq!(r.check(&s, acc(CLIENT), T0, &individual()), Ok(id));
    assert_eq!(
        r.attest(
            &mut s,
            acc(VERIFIER),
            Evidence {
                valid_until: T0,
                ..evidence(CONTRACTOR, 10)
            },
            T0 + 1
        ),
        Err(EdsError::CertificateExpired { valid_until: T0 })
    );
}

#[test]
fn a_role_set_ignores_repeats_and_knows_when_it_is_empty() {
    assert!(RoleSet::default().is_empty());
    assert!(RoleSet::of(&[]).is_empty());
    let one = RoleSet::of(&[EdsRole::Individual]);
    assert!(!one.is_empty());
    // a role named twice is still in the set once
    assert_eq!(
        RoleSet::of(&[EdsRole::Individual, EdsRole::Individual]),
        one
    );
    assert_eq!(
        RoleSet::of(&[EdsRole::ChiefExecutive, EdsRole::ChiefExecutive]).roles(),
        vec![EdsRole::ChiefExecutive]
    );
}

#[test]
fn accreditation_is_admin_only_and_checked() {
    let (mut r, mut s) = setup();
    for caller in [VERIFIER, CLIENT, STRANGER] {
        assert_eq!(
            r.accredit(&mut s, acc(caller), acc(VERIFIER_2), T0),
            Err(Guarded::Roles(RolesError::Unauthorized {
                caller: acc(caller),
                required: Role::Admin
            }))
        );
        assert_eq!(
            r.deaccredit(
                &mut s,
                acc(caller),
                acc(VERIFIER),
                DeaccreditationReason::Retired,
                T0
            ),
            Err(Guarded::Roles(RolesError::Unauthorized {
                caller: acc(caller),
                required: Role::Admin
            }))
        );
    }
    assert_eq!(
        r.accredit(&mut s, acc(ADMIN), acc(VERIFIER), T0),
        Err(Guarded::Core(EdsError::AlreadyAccredited {
            verifier: acc(VERIFIER)
        }))
    );
    assert_eq!(
        r.deaccredit(
            &mut s,
            acc(ADMIN),
            acc(VERIFIER_2),
            DeaccreditationReason::Retired,
            T0
        ),
        Err(Guarded::Core(EdsError::NotAccredited {
            account: acc(VERIFIER_2)
        }))
    );
    assert_eq!(
        r.verifiers(&s),
        vec![(
            acc(VERIFIER),
            Accreditation {
                since: T0,
                ended: None
            }
        )]
    );
}

#[test]
fn verifier_table_is_bounded() {
    let mut r = Registry::new(acc(ADMIN));
    let mut s = MemStore::default();
    for i in 0..MAX_VERIFIERS {
        r.accredit(&mut s, acc(ADMIN), acc(100 + u8::try_from(i).unwrap()), T0)
            .unwrap();
    }
    assert_eq!(
        r.accredit(&mut s, acc(ADMIN), acc(99), T0),
        Err(Guarded::Core(EdsError::TooManyVerifiers))
    );
}

#[test]
fn admin_handover_is_two_step() {
    let (mut r, _) = setup();
    r.propose_admin(acc(ADMIN), acc(VERIFIER)).unwrap();
    assert_eq!(r.roles().admin(), acc(ADMIN));
    assert_eq!(
        r.accept_admin(acc(STRANGER)),
        Err(Guarded::Roles(RolesError::NotPendingAdmin {
            caller: acc(STRANGER)
        }))
    );
    r.accept_admin(acc(VERIFIER)).unwrap();
    assert_eq!(r.roles().admin(), acc(VERIFIER));
}

#[test]
fn role_oids_are_under_the_nca_arc_and_match_holder_kinds() {
    for role in EdsRole::ALL {
        let arc = match role.holder_kind() {
            HolderKind::Individual => "1.2.398.3.3.4.1.1",
            HolderKind::LegalEntity => "1.2.398.3.3.4.1.2.",
        };
        assert!(role.oid().starts_with(arc), "{role:?}");
    }
    assert_eq!(RoleSet::of(&EdsRole::ALL).roles(), EdsRole::ALL.to_vec());
}

proptest! {
    /// Whatever sequence of operations runs, a revoked attestation never
    /// counts again, and check only ever returns an attestation of the
    /// account asked about that evaluates as valid.
    #[test]
    fn revoked_never_counts_and_check_is_sound(ops in proptest::collection::vec((0u8..5, 0u8..4, 0u64..40), 1..60)) {
        let (mut r, mut s) = setup();
        r.accredit(&mut s, acc(ADMIN), acc(VERIFIER_2), T0).unwrap();
        let mut revoked: Vec<AttestationId> = Vec::new();
        let mut statement = 0u8;
        let mut now = T0;
        for (op, who, t) in ops {
            // Block time never goes back.
            now += (t % 3) * DAY;
            let account = acc(CLIENT + who % 2);
            match op {
                0 | 1 => {
                    statement = statement.wrapping_add(1).max(1);
                    let verifier = if op == 0 { VERIFIER } else { VERIFIER_2 };
                    let e = Evidence { valid_until: now + 10 * DAY, ..evidence(CLIENT + who % 2, statement) };
                    let _ = r.attest(&mut s, acc(verifier), e, now);
                }
                2 => {
                    let id = u64::from(who) + 1;
                    if r.revoke(&mut s, acc(ADMIN), id, RevocationReason::Error, now).is_ok() {
                        revoked.push(id);
                    }
                }
                3 => {
                    let _ = r.deaccredit(&mut s, acc(ADMIN), acc(VERIFIER_2), DeaccreditationReason::Compromised, now);
                }
                _ => {
                    let _ = r.accredit(&mut s, acc(ADMIN), acc(VERIFIER_2), now);
                }
            }
            for at in [now, now + 5 * DAY, now + 20 * DAY] {
                if let Ok(id) = r.check(&s, account, at, &individual()) {
                    prop_assert!(!revoked.contains(&id));
                    let a = s.attestation(id).unwrap();
                    prop_assert_eq!(a.evidence.account, account);
                    prop_assert!(a.evidence.valid_until >= at);
                    prop_assert!(r.invalidation(&s, id).is_none());
                }
            }
        }
    }
}
