use super::*;
use crate::{store::MemStore, test_utils::*};

type Agreement = super::Agreement<MemStore>;

const CONFIG: Hash32 = [9; 32];

const V1: Terms = Terms {
    hash: [5; 32],
    version: 1,
};
const V2: Terms = Terms {
    hash: [6; 32],
    version: 2,
};

fn anchored() -> Agreement {
    Agreement::new(vec![acc(CLIENT), acc(CONTRACTOR)], V1, CONFIG)
        .unwrap()
        .0
}

fn effective() -> Agreement {
    let mut a = anchored();
    a.accept(acc(CLIENT), V1, CONFIG, 10, 7).unwrap();
    a.accept(acc(CONTRACTOR), V1, CONFIG, 20, 7).unwrap();
    a
}

#[test]
fn new_anchors_terms_and_emits_anchored() {
    let (a, events) = Agreement::new(vec![acc(CLIENT), acc(CONTRACTOR)], V1, CONFIG).unwrap();
    assert_eq!(a.pending(), Some(V1));
    assert_eq!(a.effective(), None);
    assert_eq!(
        events,
        vec![AgreementEvent::Anchored(AgreementAnchored {
            hash: V1.hash,
            version: 1,
            parties: vec![acc(CLIENT), acc(CONTRACTOR)]
        })]
    );
}

#[test]
fn new_with_zero_hash_fails_with_zero_hash() {
    let terms = Terms {
        hash: [0; 32],
        version: 1,
    };
    assert_eq!(
        Agreement::new(vec![acc(CLIENT), acc(CONTRACTOR)], terms, CONFIG).unwrap_err(),
        AgreementError::ZeroHash
    );
}

#[test]
fn new_with_version_zero_fails_with_invalid_version() {
    let terms = Terms {
        hash: [5; 32],
        version: 0,
    };
    assert_eq!(
        Agreement::new(vec![acc(CLIENT), acc(CONTRACTOR)], terms, CONFIG).unwrap_err(),
        AgreementError::InvalidVersion { version: 0 }
    );
}

#[test]
fn new_with_one_party_fails_with_invalid_party_count() {
    assert_eq!(
        Agreement::new(vec![acc(CLIENT)], V1, CONFIG).unwrap_err(),
        AgreementError::InvalidPartyCount { count: 1 }
    );
    let many: Vec<_> = (0..9u8).map(acc).collect();
    assert_eq!(
        Agreement::new(many, V1, CONFIG).unwrap_err(),
        AgreementError::InvalidPartyCount { count: 9 }
    );
}

#[test]
fn new_with_duplicate_party_fails_with_duplicate_party() {
    assert_eq!(
        Agreement::new(vec![acc(CLIENT), acc(CLIENT)], V1, CONFIG).unwrap_err(),
        AgreementError::DuplicateParty {
            account: acc(CLIENT)
        }
    );
}

#[test]
fn first_acceptance_records_it_but_is_not_effective() {
    let mut a = anchored();
    let events = a.accept(acc(CLIENT), V1, CONFIG, 10, 7).unwrap();
    assert_eq!(a.effective(), None);
    assert_eq!(a.ensure_effective(), Err(AgreementError::NotEffective));
    assert_eq!(
        a.acceptances(),
        &[Acceptance {
            party: acc(CLIENT),
            version: 1,
            at: 10,
            attestation: 7,
            invalidated: None,
        }]
    );
    assert_eq!(
        events,
        vec![AgreementEvent::Accepted(AgreementAccepted {
            party: acc(CLIENT),
            hash: V1.hash,
            version: 1,
            at: 10,
            attestation: 7,
        })]
    );
}

#[test]
fn last_acceptance_makes_agreement_effective() {
    let mut a = anchored();
    a.accept(acc(CLIENT), V1, CONFIG, 10, 7).unwrap();
    let events = a.accept(acc(CONTRACTOR), V1, CONFIG, 20, 7).unwrap();
    assert_eq!(a.effective(), Some(V1));
    assert_eq!(a.pending(), None);
    assert_eq!(
        events[1],
        AgreementEvent::Effective(AgreementEffective {
            hash: V1.hash,
            version: 1,
            at: 20
        })
    );
    assert_eq!(a.history().len(), 2);
}

#[test]
fn accept_by_non_party_fails_with_not_a_party() {
    let mut a = anchored();
    let before = a.clone();
    assert_eq!(
        a.accept(acc(STRANGER), V1, CONFIG, 10, 7),
        Err(AgreementError::NotAParty {
            caller: acc(STRANGER)
        })
    );
    assert_eq!(a, before);
}

#[test]
fn accept_quoting_another_configuration_fails_with_config_mismatch_and_changes_nothing() {
    // given
    let mut a = anchored();
    let before = a.clone();
    // when
    let err = a.accept(acc(CLIENT), V1, [8; 32], 10, 7).unwrap_err();
    // then
    assert_eq!(
        err,
        AgreementError::ConfigMismatch {
            expected: CONFIG,
            given: [8; 32]
        }
    );
    assert_eq!(a, before);
    assert_eq!(a.config_digest(), CONFIG);
}

#[test]
fn the_configuration_digest_can_be_rebound_only_before_any_acceptance() {
    // given
    let mut a = anchored();
    // when / then
    a.rebind_config([4; 32]).unwrap();
    assert_eq!(a.config_digest(), [4; 32]);
    assert_eq!(a.rebind_config(ZERO_HASH), Err(AgreementError::ZeroHash));
    a.accept(acc(CLIENT), V1, [4; 32], 10, 7).unwrap();
    assert_eq!(
        a.rebind_config([5; 32]),
        Err(AgreementError::AlreadyAccepted { party: acc(CLIENT) })
    );
    assert_eq!(a.config_digest(), [4; 32]);
}

#[test]
fn the_record_reads_back_its_parties_and_acceptances() {
    // given
    let mut a = anchored();
    // then: before any acceptance
    assert_eq!(a.parties(), vec![acc(CLIENT), acc(CONTRACTOR)]);
    assert_eq!(a.party_index(acc(CONTRACTOR)), Some(1));
    assert_eq!(a.party_index(acc(STRANGER)), None);
    assert!(!a.any_acceptance());
    assert_eq!(a.history_len(), 0);
    // when: one party accepts, then the other
    a.accept(acc(CLIENT), V1, CONFIG, 10, 7).unwrap();
    assert!(a.any_acceptance());
    assert_eq!(a.history_len(), 1);
    a.accept(acc(CONTRACTOR), V1, CONFIG, 20, 8).unwrap();
    // then: two entries, in order
    assert_eq!(a.history_len(), 2);
    let by: Vec<AccountId> = a.history().iter().map(|x| x.party).collect();
    assert_eq!(by, vec![acc(CLIENT), acc(CONTRACTOR)]);
}

#[test]
fn new_without_a_configuration_digest_fails_with_zero_hash() {
    assert_eq!(
        Agreement::new(vec![acc(CLIENT), acc(CONTRACTOR)], V1, ZERO_HASH).unwrap_err(),
        AgreementError::ZeroHash
    );
}

#[test]
fn accept_of_other_hash_fails_with_terms_mismatch() {
    let mut a = anchored();
    let other = Terms {
        hash: [9; 32],
        version: 1,
    };
    assert_eq!(
        a.accept(acc(CLIENT), other, CONFIG, 10, 7),
        Err(AgreementError::TermsMismatch {
            expected_version: 1,
            given_version: 1
        })
    );
    assert!(a.acceptances().is_empty());
}

#[test]
fn accept_twice_fails_with_already_accepted() {
    let mut a = anchored();
    a.accept(acc(CLIENT), V1, CONFIG, 10, 7).unwrap();
    assert_eq!(
        a.accept(acc(CLIENT), V1, CONFIG, 11, 7),
        Err(AgreementError::AlreadyAccepted { party: acc(CLIENT) })
    );
}

#[test]
fn accept_when_everything_accepted_fails_with_nothing_to_accept() {
    let mut a = effective();
    assert_eq!(
        a.accept(acc(CLIENT), V1, CONFIG, 30, 7),
        Err(AgreementError::NothingToAccept)
    );
}

#[test]
fn amendment_governs_only_after_every_party_accepts_it() {
    // given
    let mut a = effective();
    // when
    let events = a.propose_amendment(acc(CLIENT), V2, 30).unwrap();
    assert_eq!(
        events,
        vec![AgreementEvent::AmendmentProposed(AmendmentProposed {
            by: acc(CLIENT),
            hash: V2.hash,
            version: 2,
            at: 30
        })]
    );
    a.accept(acc(CLIENT), V2, CONFIG, 31, 7).unwrap();
    // then: the old version still governs
    assert_eq!(a.effective(), Some(V1));
    // when
    a.accept(acc(CONTRACTOR), V2, CONFIG, 32, 7).unwrap();
    // then
    assert_eq!(a.effective(), Some(V2));
    assert_eq!(a.history().len(), 4);
}

#[test]
fn amendment_with_same_version_fails_with_version_not_increasing() {
    let mut a = effective();
    assert_eq!(
        a.propose_amendment(acc(CLIENT), V1, 30),
        Err(AgreementError::VersionNotIncreasing {
            current: 1,
            given: 1
        })
    );
    assert_eq!(a.pending(), None);
}

#[test]
fn amendment_without_room_in_the_record_fails_with_history_full() {
    // given: versions 2.. accepted by both parties until the record is full
    let mut a = effective();
    let mut version = 1;
    while a.history().len() + 2 <= MAX_HISTORY {
        version += 1;
        let t = Terms {
            hash: [u8::try_from(version).unwrap(); 32],
            version,
        };
        a.propose_amendment(acc(CLIENT), t, 30).unwrap();
        a.accept(acc(CLIENT), t, CONFIG, 31, 7).unwrap();
        a.accept(acc(CONTRACTOR), t, CONFIG, 32, 7).unwrap();
    }
    let next = Terms {
        hash: [0xee; 32],
        version: version + 1,
    };
    // when
    let refused = a.propose_amendment(acc(CLIENT), next, 40);
    // then: the last accepted version keeps governing
    assert_eq!(refused, Err(AgreementError::HistoryFull));
    assert_eq!(a.history().len(), MAX_HISTORY);
    assert_eq!(a.effective().map(|t| t.version), Some(version));
    assert_eq!(a.pending(), None);
}

#[test]
fn amendment_by_non_party_fails_with_not_a_party() {
    let mut a = effective();
    assert_eq!(
        a.propose_amendment(acc(STRANGER), V2, 30),
        Err(AgreementError::NotAParty {
            caller: acc(STRANGER)
        })
    );
}

#[test]
fn newer_amendment_replaces_pending_one_and_its_acceptances_lapse() {
    let mut a = effective();
    a.propose_amendment(acc(CLIENT), V2, 30).unwrap();
    a.accept(acc(CLIENT), V2, CONFIG, 31, 7).unwrap();
    let v3 = Terms {
        hash: [7; 32],
        version: 3,
    };
    a.propose_amendment(acc(CONTRACTOR), v3, 32).unwrap();
    assert_eq!(a.pending(), Some(v3));
    assert!(a.acceptances().is_empty());
    assert_eq!(
        a.accept(acc(CLIENT), V2, CONFIG, 33, 7),
        Err(AgreementError::TermsMismatch {
            expected_version: 3,
            given_version: 2
        })
    );
}

#[test]
fn note_invalidated_marks_every_acceptance_with_that_attestation_and_keeps_them() {
    // given: the client accepted v1 and v2 with attestation 7
    let mut a = effective();
    a.propose_amendment(acc(CLIENT), V2, 30).unwrap();
    a.accept(acc(CLIENT), V2, CONFIG, 31, 7).unwrap();
    // when
    let events = a
        .note_invalidated(acc(CLIENT), 7, RevocationReason::KeyCompromise, 40)
        .unwrap();
    // then: both acceptances stay, marked; the contractor's are untouched
    assert_eq!(
        events,
        vec![AgreementEvent::AttestationInvalidated(
            AcceptanceAttestationInvalidated {
                party: acc(CLIENT),
                attestation: 7,
                reason: RevocationReason::KeyCompromise,
                versions: vec![1, 2],
                at: 40,
            }
        )]
    );
    let marked: Vec<_> = a
        .history()
        .iter()
        .map(|h| h.invalidated.is_some())
        .collect();
    assert_eq!(marked, vec![true, false, true]);
    assert_eq!(
        a.acceptances()[0].invalidated,
        Some(RevocationReason::KeyCompromise)
    );
    assert_eq!(a.effective(), Some(V1));
}

#[test]
fn note_invalidated_twice_fails_with_already_noted() {
    let mut a = effective();
    a.note_invalidated(acc(CLIENT), 7, RevocationReason::Error, 40)
        .unwrap();
    assert_eq!(
        a.note_invalidated(acc(CLIENT), 7, RevocationReason::Error, 41),
        Err(AgreementError::InvalidationAlreadyNoted { party: acc(CLIENT) })
    );
}

#[test]
fn note_invalidated_for_unused_attestation_fails_and_changes_nothing() {
    let mut a = effective();
    let before = a.clone();
    assert_eq!(
        a.note_invalidated(acc(CLIENT), 8, RevocationReason::Error, 40),
        Err(AgreementError::UnknownAcceptanceAttestation {
            party: acc(CLIENT),
            attestation: 8
        })
    );
    assert_eq!(
        a.note_invalidated(acc(STRANGER), 7, RevocationReason::Error, 40),
        Err(AgreementError::UnknownAcceptanceAttestation {
            party: acc(STRANGER),
            attestation: 7
        })
    );
    assert_eq!(a, before);
}
