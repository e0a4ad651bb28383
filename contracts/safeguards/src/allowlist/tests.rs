use super::*;
use crate::test_utils::*;
use crate::RolesError;

type Roles = crate::roles::Roles<crate::store::MemStore>;
type List = Allowlist<crate::store::MemStore>;

const OFFICER: u8 = 5;
const HOLDER: u8 = 20;
const OTHER: u8 = 21;
const NOW: Timestamp = 1_000;
const YEAR: Timestamp = 366 * 86_400_000;

fn roles() -> Roles {
    let mut r = Roles::new(acc(ADMIN));
    r.grant(acc(ADMIN), Role::ComplianceOfficer, acc(OFFICER))
        .unwrap();
    r
}

fn entry() -> ListEntry {
    ListEntry {
        status: ListStatus::Allowed,
        reason: 0,
        source: ListSource::Attestation(7),
        identity: h(40),
        evidence: h(41),
        risk: AmlRisk::Standard,
        valid_from: NOW,
        expires_at: NOW + YEAR,
        review_due: NOW + YEAR / 2,
    }
}

fn listed() -> (Roles, List) {
    let roles = roles();
    let mut list = List::new(Default::default());
    list.set(&roles, acc(OFFICER), acc(HOLDER), entry(), NOW)
        .unwrap();
    (roles, list)
}

fn unauthorized(caller: u8) -> Guarded<AllowlistError> {
    Guarded::Roles(RolesError::Unauthorized {
        caller: acc(caller),
        required: Role::ComplianceOfficer,
    })
}

fn ren(expires_at: Timestamp, review_due: Timestamp, evidence: Hash32) -> Renewal {
    Renewal {
        expires_at,
        review_due,
        evidence,
    }
}

fn core(e: AllowlistError) -> Guarded<AllowlistError> {
    Guarded::Core(e)
}

#[test]
fn a_set_entry_allows_its_account_from_valid_from_until_expiry_with_no_transaction() {
    // given / when
    let roles = roles();
    let mut list = List::new(Default::default());
    let events = list
        .set(&roles, acc(OFFICER), acc(HOLDER), entry(), NOW)
        .unwrap();
    // then: the event carries the whole entry
    let e = entry();
    assert_eq!(
        events,
        vec![AllowlistEvent::Set(AllowlistEntrySet {
            account: acc(HOLDER),
            entry: e,
            by: acc(OFFICER),
        })]
    );
    assert_eq!(list.entry(acc(HOLDER)), Some(e));
    // and the block time alone decides: before, during, at and after expiry
    assert_eq!(
        list.check(acc(HOLDER), NOW - 1),
        Err(ListRefusal::NotYetValid { valid_from: NOW })
    );
    assert_eq!(list.check(acc(HOLDER), NOW), Ok(e));
    assert_eq!(list.check(acc(HOLDER), NOW + YEAR - 1), Ok(e));
    assert_eq!(
        list.check(acc(HOLDER), NOW + YEAR),
        Err(ListRefusal::Expired {
            expires_at: NOW + YEAR
        })
    );
    // an unlisted account is refused
    assert_eq!(list.check(acc(OTHER), NOW), Err(ListRefusal::NotListed));
}

#[test]
fn suspended_and_blocked_entries_refuse_with_their_reason_whatever_the_time() {
    let (roles, mut list) = listed();
    let blocked = ListEntry {
        status: ListStatus::Blocked,
        reason: 12,
        ..entry()
    };
    list.set(&roles, acc(OFFICER), acc(OTHER), blocked, NOW)
        .unwrap();
    let events = list
        .suspend(&roles, acc(OFFICER), acc(HOLDER), 3, NOW + 5)
        .unwrap();
    assert_eq!(
        events,
        vec![AllowlistEvent::Suspended(AllowlistEntrySuspended {
            account: acc(HOLDER),
            reason: 3,
            by: acc(OFFICER),
            at: NOW + 5,
        })]
    );
    for at in [NOW - 1, NOW, NOW + YEAR + 1] {
        assert_eq!(
            list.check(acc(HOLDER), at),
            Err(ListRefusal::Suspended { reason: 3 })
        );
        assert_eq!(
            list.check(acc(OTHER), at),
            Err(ListRefusal::Blocked { reason: 12 })
        );
    }
    // a blocked or suspended entry cannot be suspended again
    for (who, status) in [
        (OTHER, ListStatus::Blocked),
        (HOLDER, ListStatus::Suspended),
    ] {
        let before = list.clone();
        assert_eq!(
            list.suspend(&roles, acc(OFFICER), acc(who), 4, NOW),
            Err(core(AllowlistError::NotAllowed {
                account: acc(who),
                status
            }))
        );
        assert_eq!(list, before);
    }
    // and a new entry reinstates
    list.set(&roles, acc(OFFICER), acc(HOLDER), entry(), NOW + 6)
        .unwrap();
    assert!(list.check(acc(HOLDER), NOW + 6).is_ok());
}

#[test]
fn only_the_compliance_officer_changes_entries() {
    let (roles, mut list) = listed();
    let before = list.clone();
    // the admin grants the role but does not hold it; nor does anyone else
    for who in [ADMIN, GUARDIAN, HOLDER, STRANGER] {
        assert_eq!(
            list.set(&roles, acc(who), acc(OTHER), entry(), NOW),
            Err(unauthorized(who))
        );
        assert_eq!(
            list.set_batch(&roles, acc(who), &[(acc(OTHER), entry())], NOW),
            Err(unauthorized(who))
        );
        assert_eq!(
            list.renew(
                &roles,
                acc(who),
                acc(HOLDER),
                ren(NOW + 2 * YEAR, NOW + YEAR, h(42)),
                NOW
            ),
            Err(unauthorized(who))
        );
        assert_eq!(
            list.suspend(&roles, acc(who), acc(HOLDER), 1, NOW),
            Err(unauthorized(who))
        );
        assert_eq!(
            list.remove(&roles, acc(who), acc(HOLDER), 1, NOW),
            Err(unauthorized(who))
        );
    }
    assert_eq!(list, before);
}

#[test]
fn each_invalid_entry_is_refused_with_its_own_error_and_changes_nothing() {
    let (roles, mut list) = listed();
    let cases = [
        (
            ListEntry {
                identity: ZERO_HASH,
                ..entry()
            },
            AllowlistError::ZeroHash,
        ),
        (
            ListEntry {
                evidence: ZERO_HASH,
                ..entry()
            },
            AllowlistError::ZeroHash,
        ),
        (
            ListEntry {
                expires_at: NOW,
                ..entry()
            },
            AllowlistError::InvalidPeriod {
                valid_from: NOW,
                expires_at: NOW,
            },
        ),
        (
            ListEntry {
                valid_from: 10,
                expires_at: NOW,
                review_due: 10,
                ..entry()
            },
            AllowlistError::AlreadyExpired {
                expires_at: NOW,
                now: NOW,
            },
        ),
        (
            ListEntry {
                review_due: NOW - 1,
                ..entry()
            },
            AllowlistError::InvalidReviewDue {
                review_due: NOW - 1,
            },
        ),
        (
            ListEntry {
                review_due: NOW + YEAR + 1,
                ..entry()
            },
            AllowlistError::InvalidReviewDue {
                review_due: NOW + YEAR + 1,
            },
        ),
    ];
    for (bad, expected) in cases {
        let before = list.clone();
        assert_eq!(
            list.set(&roles, acc(OFFICER), acc(OTHER), bad, NOW),
            Err(core(expected)),
            "{bad:?}"
        );
        assert_eq!(
            list.set_batch(
                &roles,
                acc(OFFICER),
                &[(acc(OTHER), entry()), (acc(STRANGER), bad)],
                NOW
            ),
            Err(core(expected)),
            "a batch with {bad:?}"
        );
        assert_eq!(list, before, "{bad:?}");
    }
}

#[test]
fn a_batch_sets_every_entry_in_order_or_none() {
    let roles = roles();
    let mut list = List::new(Default::default());
    let batch: Vec<(AccountId, ListEntry)> = (0..u8::try_from(MAX_BATCH).unwrap())
        .map(|i| (acc(100 + i), entry()))
        .collect();
    let events = list.set_batch(&roles, acc(OFFICER), &batch, NOW).unwrap();
    assert_eq!(events.len(), MAX_BATCH);
    for (i, (account, e)) in batch.iter().enumerate() {
        assert!(
            matches!(&events[i], AllowlistEvent::Set(s) if s.account == *account),
            "{i}"
        );
        assert_eq!(list.entry(*account), Some(*e));
    }
    // refused whole: empty, too large, a duplicate
    let before = list.clone();
    assert_eq!(
        list.set_batch(&roles, acc(OFFICER), &[], NOW),
        Err(core(AllowlistError::EmptyBatch))
    );
    let mut too_many = batch.clone();
    too_many.push((acc(HOLDER), entry()));
    assert_eq!(
        list.set_batch(&roles, acc(OFFICER), &too_many, NOW),
        Err(core(AllowlistError::BatchTooLarge {
            len: u32::try_from(MAX_BATCH + 1).unwrap()
        }))
    );
    assert_eq!(
        list.set_batch(
            &roles,
            acc(OFFICER),
            &[
                (acc(HOLDER), entry()),
                (acc(OTHER), entry()),
                (acc(HOLDER), entry())
            ],
            NOW
        ),
        Err(core(AllowlistError::DuplicateInBatch {
            account: acc(HOLDER)
        }))
    );
    assert_eq!(list, before);
    assert_eq!(list.entry(acc(HOLDER)), None);
}

#[test]
fn renewal_moves_the_expiry_later_keeps_the_status_and_records_the_new_screening() {
    let (roles, mut list) = listed();
    list.suspend(&roles, acc(OFFICER), acc(HOLDER), 3, NOW)
        .unwrap();
    let events = list
        .renew(
            &roles,
            acc(OFFICER),
            acc(HOLDER),
            ren(NOW + 2 * YEAR, NOW + YEAR, h(42)),
            NOW + YEAR - 1,
        )
        .unwrap();
    assert_eq!(
        events,
        vec![AllowlistEvent::Renewed(AllowlistEntryRenewed {
            account: acc(HOLDER),
            expires_at: NOW + 2 * YEAR,
            review_due: NOW + YEAR,
            evidence: h(42),
            by: acc(OFFICER),
        })]
    );
    let renewed = list.entry(acc(HOLDER)).unwrap();
    assert_eq!(
        (renewed.status, renewed.evidence, renewed.expires_at),
        (ListStatus::Suspended, h(42), NOW + 2 * YEAR)
    );
    // refusals: not later, unknown account, zero evidence, review date out
    // of the period
    let before = list.clone();
    assert_eq!(
        list.renew(
            &roles,
            acc(OFFICER),
            acc(HOLDER),
            ren(NOW + 2 * YEAR, NOW + YEAR, h(43)),
            NOW
        ),
        Err(core(AllowlistError::NotLater {
            expires_at: NOW + 2 * YEAR,
            current: NOW + 2 * YEAR
        }))
    );
    assert_eq!(
        list.renew(
            &roles,
            acc(OFFICER),
            acc(OTHER),
            ren(NOW + 3 * YEAR, NOW + YEAR, h(43)),
            NOW
        ),
        Err(core(AllowlistError::NotListed {
            account: acc(OTHER)
        }))
    );
    assert_eq!(
        list.renew(
            &roles,
            acc(OFFICER),
            acc(HOLDER),
            ren(NOW + 3 * YEAR, NOW + YEAR, ZERO_HASH),
            NOW
        ),
        Err(core(AllowlistError::ZeroHash))
    );
    assert_eq!(
        list.renew(
            &roles,
            acc(OFFICER),
            acc(HOLDER),
            ren(NOW + 3 * YEAR, NOW + 4 * YEAR, h(43)),
            NOW
        ),
        Err(core(AllowlistError::InvalidReviewDue {
            review_due: NOW + 4 * YEAR
        }))
    );
    assert_eq!(list, before);
}

#[test]
fn an_expired_entry_can_be_renewed_and_is_in_force_again() {
    let (roles, mut list) = listed();
    let later = NOW + YEAR + 10;
    assert!(list.check(acc(HOLDER), later).is_err());
    list.renew(
        &roles,
        acc(OFFICER),
        acc(HOLDER),
        ren(later + YEAR, later + 1, h(42)),
        later,
    )
    .unwrap();
    assert!(list.check(acc(HOLDER), later).is_ok());
}

#[test]
fn removal_unlists_the_account() {
    let (roles, mut list) = listed();
    let events = list
        .remove(&roles, acc(OFFICER), acc(HOLDER), 9, NOW + 1)
        .unwrap();
    assert_eq!(
        events,
        vec![AllowlistEvent::Removed(AllowlistEntryRemoved {
            account: acc(HOLDER),
            reason: 9,
            by: acc(OFFICER),
            at: NOW + 1,
        })]
    );
    assert_eq!(list.entry(acc(HOLDER)), None);
    assert_eq!(
        list.check(acc(HOLDER), NOW + 1),
        Err(ListRefusal::NotListed)
    );
    assert_eq!(
        list.remove(&roles, acc(OFFICER), acc(HOLDER), 9, NOW + 1),
        Err(core(AllowlistError::NotListed {
            account: acc(HOLDER)
        }))
    );
}

#[test]
fn a_late_screening_is_reported_but_binds_nothing_before_expiry() {
    let (_, list) = listed();
    let due = entry().review_due;
    assert!(!list.overdue(acc(HOLDER), due));
    assert!(list.overdue(acc(HOLDER), due + 1));
    assert!(list.check(acc(HOLDER), due + 1).is_ok());
    assert!(!list.overdue(acc(OTHER), due + 1));
}

#[test]
fn an_entry_fits_a_storage_value() {
    use scale::Encode;
    let worst = ListEntry {
        source: ListSource::Verifier(acc(9)),
        ..entry()
    };
    assert!(worst.encode().len() <= crate::store::MAX_VALUE);
}

#[test]
fn dispatch_runs_each_call_as_the_method_of_its_name() {
    let roles = roles();
    let mut by_call = List::new(Default::default());
    let mut by_method = List::new(Default::default());
    let later = entry().valid_from + 1;
    let calls = [
        (
            AllowlistCall::Set {
                account: acc(HOLDER),
                entry: entry(),
            },
            "allowlist_set",
        ),
        (
            AllowlistCall::SetBatch {
                entries: vec![(acc(OTHER), entry())],
            },
            "allowlist_set_batch",
        ),
        (
            AllowlistCall::Renew {
                account: acc(HOLDER),
                renewal: ren(NOW + 2 * YEAR, NOW + YEAR, h(42)),
            },
            "allowlist_renew",
        ),
        (
            AllowlistCall::Suspend {
                account: acc(HOLDER),
                reason: 3,
            },
            "allowlist_suspend",
        ),
        (
            AllowlistCall::Remove {
                account: acc(OTHER),
                reason: 4,
            },
            "allowlist_remove",
        ),
    ];
    for (index, (call, name)) in calls.into_iter().enumerate() {
        // the wire identity: index, then fields; the published name
        assert_eq!(
            scale::Encode::encode(&call)[0],
            u8::try_from(index).unwrap()
        );
        assert_eq!(AllowlistCall::NAMES[index], name);
        let direct = match call.clone() {
            AllowlistCall::Set { account, entry } => {
                by_method.set(&roles, acc(OFFICER), account, entry, later)
            }
            AllowlistCall::SetBatch { entries } => {
                by_method.set_batch(&roles, acc(OFFICER), &entries, later)
            }
            AllowlistCall::Renew { account, renewal } => {
                by_method.renew(&roles, acc(OFFICER), account, renewal, later)
            }
            AllowlistCall::Suspend { account, reason } => {
                by_method.suspend(&roles, acc(OFFICER), account, reason, later)
            }
            AllowlistCall::Remove { account, reason } => {
                by_method.remove(&roles, acc(OFFICER), account, reason, later)
            }
        };
        let dispatched = by_call.dispatch(&roles, acc(OFFICER), later, call.clone());
        assert!(dispatched.is_ok(), "{name}: {dispatched:?}");
        assert_eq!(dispatched, direct, "{name}");
        assert_eq!(by_call, by_method, "{name}");
        // and the role check comes with it
        assert_eq!(
            by_call.dispatch(&roles, acc(STRANGER), later, call),
            Err(unauthorized(STRANGER)),
            "{name}"
        );
    }
}
