//! Unit and property tests of the token core.
use proptest::prelude::*;
use safeguards::{
    allowlist::{AmlRisk, ListSource, ListStatus},
    arbitration::{ArbitrationClause, Forum, GoverningLaw, Language, Rules, Seat},
    dispute::Fallback,
    review::RiskClass,
    store::{MemStore, Store, MAX_VALUE},
    RolesError,
};

use super::*;

type Core = Token<MemStore>;

// The roles' accounts stay clear of ink!'s test accounts (0x01..=0x06),
// which Cardinal's suite uses as holders.

const ADMIN: u8 = 0xA1;
const GUARDIAN: u8 = 0xA2;
const ARBITRATOR: u8 = 0xA3;
const REVIEWER: u8 = 0xA4;
const OFFICER: u8 = 0xA6;
const ISSUER: u8 = 10;
const REPRESENTATIVE: u8 = 20;
const A: u8 = 11;
const B: u8 = 12;
const C: u8 = 13;
const CUSTODY: u8 = 40;
const CONTRACT: u8 = 50;
const STRANGER: u8 = 99;

const T0: Timestamp = 1_000;
const CONFIG_DIGEST: Hash32 = [0xCD; 32];
const WINDOW: Timestamp = 10_000;
const REVIEWER_DEADLINE: Timestamp = 50_000;
const THRESHOLD: Balance = 500;

fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

fn h(n: u8) -> Hash32 {
    [n; 32]
}

fn clause() -> ArbitrationClause {
    ArbitrationClause {
        forum: Forum::IacArbitration,
        rules: Rules::IacArbitrationAndMediationRules,
        rules_version: 2022,
        seat: Some(Seat::AifcAstana),
        language: Language::English,
        arbitrators: 1,
        governing_law: GoverningLaw::AifcLaw,
        clause_hash: h(4),
    }
}

fn config_for(issuer: AccountId, officer: AccountId) -> Config {
    Config {
        cold_code: [0xc0; 32],
        issuer,
        representative: acc(REPRESENTATIVE),
        representative_eds: Requirement::signatory(false),
        metadata: Metadata {
            name: Some("Tenge Deposit".into()),
            symbol: Some("TDEP".into()),
            decimals: 2,
        },
        guardian: acc(GUARDIAN),
        arbitrator: acc(ARBITRATOR),
        reviewer: acc(REVIEWER),
        compliance_officer: officer,
        agreement_hash: h(1),
        agreement_version: 1,
        clause: clause(),
        disputes: DisputeConfig {
            ruling_period: 20_000,
            appeal_window: 5_000,
            fallback: Fallback::RefundPayer,
        },
        review: ReviewConfig {
            review_window: WINDOW,
            reviewer_deadline: REVIEWER_DEADLINE,
            confirm_high_risk: true,
        },
        registry: acc(77),
        issuer_eds: Requirement::signatory(false),
        max_pause: 10_000_000_000,
        rules: ComplianceRules {
            supply_cap: Some(1_000_000),
            lockup_until: 0,
            hold_threshold: Some(THRESHOLD),
        },
        custody: Some(acc(CUSTODY)),
        hold_explanation: h(9),
        hold_label: AiLabel {
            ai_involved: true,
            risk: RiskClass::Medium,
        },
    }
}

fn config() -> Config {
    config_for(acc(ISSUER), acc(OFFICER))
}

/// An allowlist entry in force from 0 for a long time, for identity `id`.
fn listing(id: u8) -> ListEntry {
    ListEntry {
        status: ListStatus::Allowed,
        reason: 0,
        source: ListSource::Attestation(1),
        identity: h(id),
        evidence: h(61),
        risk: AmlRisk::Standard,
        valid_from: 0,
        expires_at: 1 << 40,
        review_due: 1 << 39,
    }
}

fn list_in<S: Store>(t: &mut Token<S>, officer: AccountId, who: AccountId, entry: ListEntry) {
    t.allowlist(
        officer,
        T0,
        AllowlistCall::Set {
            account: who,
            entry,
        },
    )
    .unwrap();
}

/// The token over the contract's storage that Cardinal's suite runs on
/// (`CompliantToken::new_for_tests`): `issuer` holds `supply`, and the ink!
/// test accounts are allowlisted. Events are dropped: the suite counts
/// only the mint's, which the contract's test constructor emits.
pub(crate) fn psp22_suite_token(
    issuer: AccountId,
    supply: Balance,
) -> Token<safeguards::store::InkStore> {
    use ink::env::{test::default_accounts, DefaultEnvironment};
    let officer = acc(OFFICER);
    let mut config = config_for(issuer, officer);
    config.rules.hold_threshold = None;
    config.rules.supply_cap = None;
    let (mut t, _) = Token::new(acc(ADMIN), config, CONFIG_DIGEST).unwrap();
    let a = default_accounts::<DefaultEnvironment>();
    for who in [a.alice, a.bob, a.charlie, a.django, a.eve, a.frank] {
        list_in(
            &mut t,
            officer,
            who,
            listing(AsRef::<[u8]>::as_ref(&who)[0]),
        );
    }
    accept(&mut t, issuer);
    let minted = t.mint(issuer, issuer, supply, T0).unwrap();
    crate::shell::apply_hot(minted);
    t
}

/// The issuer and the representative accept the terms.
fn accept<S: Store>(t: &mut Token<S>, issuer: AccountId) {
    for (who, attestation) in [(issuer, 1), (acc(REPRESENTATIVE), 2)] {
        t.safeguarded(|s| s.accept_agreement(who, terms(), s.config_digest(), T0, attestation))
            .unwrap();
    }
}

fn terms() -> Terms {
    Terms {
        hash: h(1),
        version: 1,
    }
}

/// The token, effective, with A, B and C listed (each its own identity)
/// and 1,000 minted to A.
fn token() -> Core {
    token_in()
}

fn token_in<S: Store + Default>() -> Token<S> {
    let (mut t, _) = Token::<S>::new(acc(ADMIN), config(), CONFIG_DIGEST).unwrap();
    for who in [ISSUER, A, B, C] {
        list_in(&mut t, acc(OFFICER), acc(who), listing(who));
    }
    accept(&mut t, acc(ISSUER));
    t.mint(acc(ISSUER), acc(A), 1_000, T0).unwrap();
    t
}

fn order(basis: LegalBasis) -> Order {
    Order {
        basis,
        issuer: h(70),
        document: h(71),
        issued_at: T0,
        expires_at: T0 + 100_000,
    }
}

fn court() -> Order {
    order(LegalBasis::CourtRuling)
}

fn enforce(t: &mut Core, call: EnforcementCall) -> Result<Effects, Error> {
    t.enforce(acc(OFFICER), T0, call)
}

fn pause(t: &mut Core) {
    t.safeguarded(|s| s.pause(acc(GUARDIAN), h(5), T0)).unwrap();
}

fn restricted(r: Restriction) -> Error {
    Error::Token(TokenError::Restricted(r))
}

fn transfers(effects: &HotEffects) -> Vec<Moved> {
    effects
        .events
        .iter()
        .filter_map(|e| match e {
            HotEvent::Token(TokenEvent::Transfer(m)) => Some(*m),
            _ => None,
        })
        .collect()
}

/// Asserts `step` fails with `expected` and changes nothing.
fn refused<T: core::fmt::Debug, E: core::fmt::Debug + PartialEq>(
    t: &mut Core,
    expected: E,
    step: impl FnOnce(&mut Core) -> Result<T, E>,
) {
    let before = t.clone();
    assert_eq!(step(t).unwrap_err(), expected);
    assert_eq!(*t, before, "a refusal changed the state");
}

// ----- PSP22 under restrictions ------------------------------------------

#[test]
fn a_listed_holder_transfers_to_a_listed_recipient() {
    let mut t = token();
    let effects = t.transfer(acc(A), acc(B), 300, acc(CONTRACT), T0).unwrap();
    assert_eq!(
        transfers(&effects),
        vec![Moved {
            from: Some(acc(A)),
            to: Some(acc(B)),
            value: 300
        }]
    );
    assert_eq!((t.balance_of(acc(A)), t.balance_of(acc(B))), (700, 300));
    assert_eq!(t.total_supply(), 1_000);
}

#[test]
fn every_allowlist_refusal_of_the_recipient_and_the_sender_has_its_code() {
    type Change = fn(&mut ListEntry);
    let cases: [(Change, Restriction, Restriction); 3] = [
        (
            |e| e.status = ListStatus::Suspended,
            Restriction::SenderSuspended,
            Restriction::RecipientSuspended,
        ),
        (
            |e| e.status = ListStatus::Blocked,
            Restriction::SenderBlocked,
            Restriction::RecipientBlocked,
        ),
        (
            |e| e.valid_from = T0 + 1,
            Restriction::SenderNotYetValid,
            Restriction::RecipientNotYetValid,
        ),
    ];
    for (change, as_sender, as_recipient) in cases {
        let mut t = token();
        let mut e = listing(B);
        change(&mut e);
        list_in(&mut t, acc(OFFICER), acc(B), e);
        let mut u = t.clone();
        refused(&mut t, as_recipient, |t| {
            t.transfer(acc(A), acc(B), 1, acc(CONTRACT), T0)
        });
        // B holds units first (minted before its entry changed).
        list_in(&mut u, acc(OFFICER), acc(B), listing(B));
        u.mint(acc(ISSUER), acc(B), 10, T0).unwrap();
        list_in(&mut u, acc(OFFICER), acc(B), e);
        refused(&mut u, as_sender, |t| {
            t.transfer(acc(B), acc(A), 1, acc(CONTRACT), T0)
        });
    }
    // Not listed, and expired by the clock alone, with no transaction.
    let mut t = token();
    refused(&mut t, Restriction::RecipientNotListed, |t| {
        t.transfer(acc(A), acc(STRANGER), 1, acc(CONTRACT), T0)
    });
    let expiry = listing(A).expires_at;
    refused(&mut t, Restriction::SenderExpired, |t| {
        t.transfer(acc(A), acc(B), 1, acc(CONTRACT), expiry)
    });
    assert_eq!(
        t.detect(None, acc(C), acc(A), 1, T0),
        Restriction::InsufficientBalance
    );
    let mut u = token();
    u.transfer(acc(A), acc(C), 5, acc(CONTRACT), T0).unwrap();
    u.allowlist(
        acc(OFFICER),
        T0,
        AllowlistCall::Remove {
            account: acc(C),
            reason: 3,
        },
    )
    .unwrap();
    refused(&mut u, Restriction::SenderNotListed, |t| {
        t.transfer(acc(C), acc(A), 1, acc(CONTRACT), T0)
    });
}

#[test]
fn transfer_from_screens_the_spender_not_only_the_holder() {
    let mut t = token();
    t.approve(acc(A), acc(STRANGER), 100);
    refused(&mut t, Restriction::SpenderNotAllowed, |t| {
        t.transfer_from(acc(STRANGER), acc(A), acc(B), 50, acc(CONTRACT), T0)
    });
    // A listed spender passes, and the allowance is spent.
    t.approve(acc(A), acc(C), 100);
    t.transfer_from(acc(C), acc(A), acc(B), 60, acc(CONTRACT), T0)
        .unwrap();
    assert_eq!(t.allowance(acc(A), acc(C)), 40);
    refused(&mut t, Restriction::InsufficientAllowance, |t| {
        t.transfer_from(acc(C), acc(A), acc(B), 41, acc(CONTRACT), T0)
    });
}

#[test]
fn pause_termination_and_lock_up_stop_transfers_with_their_codes() {
    let mut t = token();
    pause(&mut t);
    refused(&mut t, Restriction::Paused, |t| {
        t.transfer(acc(A), acc(B), 1, acc(CONTRACT), T0)
    });
    refused(&mut t, Restriction::Paused, |t| {
        t.mint(acc(ISSUER), acc(B), 1, T0)
    });
    let effects = Mount::terminate(&mut t, acc(ADMIN), h(6), T0).unwrap();
    // The settlement moves no token and pays nobody.
    assert!(effects.payouts.is_empty());
    assert!(effects.events.iter().all(|e| !matches!(e, Event::Token(_))));
    assert_eq!(t.balance_of(acc(A)), 1_000);
    refused(&mut t, Restriction::Terminated, |t| {
        t.transfer(acc(A), acc(B), 1, acc(CONTRACT), T0)
    });

    let mut c = config();
    c.rules.lockup_until = T0 + 10;
    let (mut t, _) = Core::new(acc(ADMIN), c, CONFIG_DIGEST).unwrap();
    for who in [A, B] {
        list_in(&mut t, acc(OFFICER), acc(who), listing(who));
    }
    accept(&mut t, acc(ISSUER));
    // Minting is not a transfer: the lock-up does not stop it.
    t.mint(acc(ISSUER), acc(A), 10, T0).unwrap();
    refused(&mut t, Restriction::LockedUp, |t| {
        t.transfer(acc(A), acc(B), 1, acc(CONTRACT), T0 + 9)
    });
    t.transfer(acc(A), acc(B), 1, acc(CONTRACT), T0 + 10)
        .unwrap();
}

#[test]
fn mint_is_the_issuer_s_after_the_terms_within_the_cap_to_listed_accounts() {
    let (mut t, _) = Core::new(acc(ADMIN), config(), CONFIG_DIGEST).unwrap();
    list_in(&mut t, acc(OFFICER), acc(A), listing(A));
    refused(&mut t, Restriction::NotEffective, |t| {
        t.mint(acc(ISSUER), acc(A), 1, T0)
    });
    accept(&mut t, acc(ISSUER));
    refused(&mut t, Restriction::NotIssuer, |t| {
        t.mint(acc(A), acc(A), 1, T0)
    });
    refused(&mut t, Restriction::RecipientNotListed, |t| {
        t.mint(acc(ISSUER), acc(B), 1, T0)
    });
    refused(&mut t, Restriction::SupplyCapExceeded, |t| {
        t.mint(acc(ISSUER), acc(A), 1_000_001, T0)
    });
    t.mint(acc(ISSUER), acc(A), 1_000_000, T0).unwrap();
    refused(&mut t, Restriction::SupplyCapExceeded, |t| {
        t.mint(acc(ISSUER), acc(A), 1, T0)
    });
    // Burn: the issuer's own free units only.
    refused(&mut t, Restriction::NotIssuer, |t| t.burn(acc(A), 1));
    refused(&mut t, Restriction::InsufficientBalance, |t| {
        t.burn(acc(ISSUER), 1)
    });
    list_in(&mut t, acc(OFFICER), acc(ISSUER), listing(ISSUER));
    t.transfer(acc(A), acc(ISSUER), 100, acc(CONTRACT), T0)
        .unwrap();
    enforce(
        &mut t,
        EnforcementCall::Freeze {
            account: acc(ISSUER),
            amount: 60,
            order: court(),
        },
    )
    .unwrap();
    refused(&mut t, Restriction::FrozenBalance, |t| {
        t.burn(acc(ISSUER), 41)
    });
    let burnt = t.burn(acc(ISSUER), 40).unwrap();
    assert_eq!(
        transfers(&burnt),
        vec![Moved {
            from: Some(acc(ISSUER)),
            to: None,
            value: 40
        }]
    );
    assert_eq!(t.total_supply(), 1_000_000 - 40);
}

#[test]
fn every_restriction_is_reported_at_once_and_the_first_is_what_transfer_returns() {
    let mut t = token();
    pause(&mut t);
    let found = t.restrictions(Some(acc(STRANGER)), acc(A), acc(STRANGER), 5_000, T0);
    assert_eq!(
        found,
        vec![
            Restriction::Paused,
            Restriction::RecipientNotListed,
            Restriction::SpenderNotAllowed,
            Restriction::InsufficientBalance,
            Restriction::InsufficientAllowance,
        ]
    );
    assert_eq!(
        t.detect(Some(acc(STRANGER)), acc(A), acc(STRANGER), 5_000, T0),
        Restriction::Paused
    );
    // A no-op succeeds whatever else holds, as the standard has it.
    assert!(t.restrictions(None, acc(A), acc(A), 5, T0).is_empty());
    assert!(t
        .restrictions(None, acc(A), acc(STRANGER), 0, T0)
        .is_empty());
}

// ----- enforcement ---------------------------------------------------------

#[test]
fn a_partial_freeze_limits_what_moves_and_lifts_by_the_officer_or_on_expiry() {
    let mut t = token();
    enforce(
        &mut t,
        EnforcementCall::Freeze {
            account: acc(A),
            amount: 600,
            order: order(LegalBasis::AfmSuspension),
        },
    )
    .unwrap();
    refused(&mut t, Restriction::FrozenBalance, |t| {
        t.transfer(acc(A), acc(B), 401, acc(CONTRACT), T0)
    });
    t.transfer(acc(A), acc(B), 400, acc(CONTRACT), T0).unwrap();
    // A freeze beyond the free balance is refused.
    refused(
        &mut t,
        Error::Token(TokenError::InsufficientFree {
            account: acc(A),
            free: 0,
        }),
        |t| {
            enforce(
                t,
                EnforcementCall::Freeze {
                    account: acc(A),
                    amount: 1,
                    order: court(),
                },
            )
        },
    );
    // Before the order's expiry only the officer lifts; after it, anyone.
    let lift = EnforcementCall::Lift {
        action: 0,
        reason: h(8),
    };
    refused(
        &mut t,
        Error::Roles(RolesError::Unauthorized {
            caller: acc(STRANGER),
            required: Role::ComplianceOfficer,
        }),
        |t| t.enforce(acc(STRANGER), T0, lift.clone()),
    );
    let expiry = court().expires_at;
    t.enforce(acc(STRANGER), expiry, lift.clone()).unwrap();
    assert_eq!(t.holding(acc(A)).frozen, 0);
    assert_eq!(t.action(0).unwrap().status, ActionStatus::Lifted);
    refused(
        &mut t,
        Error::Token(TokenError::WrongActionStatus {
            action: 0,
            actual: ActionStatus::Lifted,
        }),
        |t| enforce(t, lift),
    );
}

#[test]
fn an_account_freeze_stops_sending_and_receiving_until_lifted() {
    let mut t = token();
    enforce(
        &mut t,
        EnforcementCall::FreezeAccount {
            account: acc(B),
            order: order(LegalBasis::AfmListInclusion),
        },
    )
    .unwrap();
    refused(&mut t, Restriction::RecipientFrozen, |t| {
        t.transfer(acc(A), acc(B), 1, acc(CONTRACT), T0)
    });
    refused(&mut t, Restriction::RecipientFrozen, |t| {
        t.mint(acc(ISSUER), acc(B), 1, T0)
    });
    refused(
        &mut t,
        Error::Token(TokenError::AlreadyFrozen {
            account: acc(B),
            action: 0,
        }),
        |t| {
            enforce(
                t,
                EnforcementCall::FreezeAccount {
                    account: acc(B),
                    order: court(),
                },
            )
        },
    );
    enforce(
        &mut t,
        EnforcementCall::Lift {
            action: 0,
            reason: h(8),
        },
    )
    .unwrap();
    t.transfer(acc(A), acc(B), 1, acc(CONTRACT), T0).unwrap();
    t.enforce(
        acc(OFFICER),
        T0,
        EnforcementCall::FreezeAccount {
            account: acc(B),
            order: court(),
        },
    )
    .unwrap();
    refused(&mut t, Restriction::SenderFrozen, |t| {
        t.transfer(acc(B), acc(A), 1, acc(CONTRACT), T0)
    });
}

#[test]
fn orders_are_refused_when_not_in_force_or_by_a_non_officer() {
    let mut t = token();
    let freeze = |order| EnforcementCall::Freeze {
        account: acc(A),
        amount: 1,
        order,
    };
    let mut late = court();
    late.issued_at = T0 + 1;
    let mut lapsed = court();
    lapsed.expires_at = T0;
    for o in [late, lapsed] {
        refused(
            &mut t,
            Error::Token(TokenError::OrderNotInForce {
                issued_at: o.issued_at,
                expires_at: o.expires_at,
                now: T0,
            }),
            |t| enforce(t, freeze(o)),
        );
    }
    let mut blank = court();
    blank.document = [0; 32];
    refused(&mut t, Error::Token(TokenError::ZeroHash), |t| {
        enforce(t, freeze(blank))
    });
    for who in [ADMIN, ISSUER, A, GUARDIAN] {
        refused(
            &mut t,
            Error::Roles(RolesError::Unauthorized {
                caller: acc(who),
                required: Role::ComplianceOfficer,
            }),
            |t| t.enforce(acc(who), T0, freeze(court())),
        );
    }
}

#[test]
fn a_forced_transfer_needs_a_court_or_afsa_basis_and_an_eligible_destination() {
    let mut t = token();
    let forced = |from: u8, to: u8, amount, order| EnforcementCall::ForcedTransfer {
        from: acc(from),
        to: acc(to),
        amount,
        order,
    };
    for basis in [
        LegalBasis::AfmListInclusion,
        LegalBasis::AfmSuspension,
        LegalBasis::InternalSuspicion,
    ] {
        refused(
            &mut t,
            Error::Token(TokenError::BasisDoesNotPermit { basis }),
            |t| enforce(t, forced(A, B, 1, order(basis))),
        );
    }
    // To itself: refused (other implementations silently unfreeze).
    refused(
        &mut t,
        Error::Token(TokenError::SameAccount { account: acc(A) }),
        |t| enforce(t, forced(A, A, 1, court())),
    );
    // To an account that fails the allowlist: refused, unless custody.
    refused(
        &mut t,
        Error::Token(TokenError::DestinationNotAllowed {
            account: acc(STRANGER),
        }),
        |t| enforce(t, forced(A, STRANGER, 1, court())),
    );
    // To the admin or any role holder, even listed: refused.
    for who in [ADMIN, OFFICER, ARBITRATOR] {
        list_in(&mut t, acc(OFFICER), acc(who), listing(who));
        refused(
            &mut t,
            Error::Token(TokenError::RoleMayNotReceive { account: acc(who) }),
            |t| enforce(t, forced(A, who, 1, court())),
        );
    }
    // Free units first, then frozen ones; the freeze shrinks by what was
    // taken of it.
    enforce(
        &mut t,
        EnforcementCall::Freeze {
            account: acc(A),
            amount: 900,
            order: court(),
        },
    )
    .unwrap();
    let effects = enforce(
        &mut t,
        forced(A, CUSTODY, 300, order(LegalBasis::AfsaDirection)),
    )
    .unwrap();
    assert!(effects
        .events
        .contains(&Event::Token(TokenEvent::Transfer(Moved {
            from: Some(acc(A)),
            to: Some(acc(CUSTODY)),
            value: 300
        }))));
    let a = t.holding(acc(A));
    assert_eq!((a.balance, a.frozen), (700, 700));
    assert_eq!(t.balance_of(acc(CUSTODY)), 300);
    assert_eq!(t.total_supply(), 1_000);
}

#[test]
fn enforcement_works_while_paused_and_after_termination() {
    let mut t = token();
    pause(&mut t);
    enforce(
        &mut t,
        EnforcementCall::Freeze {
            account: acc(A),
            amount: 10,
            order: court(),
        },
    )
    .unwrap();
    Mount::terminate(&mut t, acc(ADMIN), h(6), T0).unwrap();
    enforce(
        &mut t,
        EnforcementCall::ForcedTransfer {
            from: acc(A),
            to: acc(CUSTODY),
            amount: 100,
            order: court(),
        },
    )
    .unwrap();
    assert_eq!(t.balance_of(acc(CUSTODY)), 100);
}

#[test]
fn recovery_moves_balance_freezes_and_entry_only_to_the_same_holder() {
    let mut t = token();
    enforce(
        &mut t,
        EnforcementCall::Freeze {
            account: acc(A),
            amount: 250,
            order: court(),
        },
    )
    .unwrap();
    let recover = |new: u8| EnforcementCall::Recover {
        lost: acc(A),
        new: acc(new),
        order: court(),
    };
    // B is another holder (another identity commitment): refused.
    refused(
        &mut t,
        Error::Token(TokenError::NotSameHolder {
            lost: acc(A),
            new: acc(B),
        }),
        |t| enforce(t, recover(B)),
    );
    // An unlisted account: refused.
    refused(
        &mut t,
        Error::Token(TokenError::NotSameHolder {
            lost: acc(A),
            new: acc(STRANGER),
        }),
        |t| enforce(t, recover(STRANGER)),
    );
    const A2: u8 = 14;
    list_in(&mut t, acc(OFFICER), acc(A2), listing(A));
    let effects = enforce(&mut t, recover(A2)).unwrap();
    assert!(effects
        .events
        .iter()
        .any(|e| matches!(e, Event::Allowlist(AllowlistEvent::Removed(_)))));
    let n = t.holding(acc(A2));
    assert_eq!((n.balance, n.frozen), (1_000, 250));
    assert_eq!(t.holding(acc(A)), Holding::default());
    assert_eq!(t.allowlist_entry(acc(A)), None);
    assert_eq!(t.current(acc(A)), acc(A2));
    // The freeze followed the holder: lifting it frees A2's units.
    enforce(
        &mut t,
        EnforcementCall::Lift {
            action: 0,
            reason: h(8),
        },
    )
    .unwrap();
    assert_eq!(t.holding(acc(A2)).frozen, 0);
    // A recovery is not disputable.
    refused(
        &mut t,
        Error::Token(TokenError::NotDisputable { action: 1 }),
        |t| Mount::raise_dispute(t, acc(A2), 1, h(30), T0),
    );
}

// ----- disputes over enforcement -------------------------------------------

fn rule_and_execute(t: &mut Core, dispute: u32, payer_bps: u16) -> HotEffects {
    t.safeguarded(|s| s.rule(acc(ARBITRATOR), dispute, payer_bps, h(31), T0 + 1))
        .unwrap();
    Mount::execute_ruling(t, dispute, T0 + 10_000).unwrap()
}

#[test]
fn a_disputed_freeze_unfreezes_the_holder_s_share_of_the_ruling() {
    let mut t = token();
    enforce(
        &mut t,
        EnforcementCall::Freeze {
            account: acc(A),
            amount: 400,
            order: order(LegalBasis::InternalSuspicion),
        },
    )
    .unwrap();
    refused(
        &mut t,
        Error::Dispute(safeguards::DisputeError::NotAParty { caller: acc(B) }),
        |t| Mount::raise_dispute(t, acc(B), 0, h(30), T0),
    );
    Mount::raise_dispute(&mut t, acc(A), 0, h(30), T0).unwrap();
    // Lifting waits for the ruling.
    assert!(matches!(
        enforce(
            &mut t,
            EnforcementCall::Lift {
                action: 0,
                reason: h(8)
            }
        ),
        Err(Error::Token(TokenError::WrongActionStatus { .. }))
    ));
    let effects = rule_and_execute(&mut t, 0, 7_500);
    assert!(effects
        .events
        .contains(&HotEvent::Token(TokenEvent::Ruled(ActionRuled {
            action: 0,
            holder: acc(A),
            to_holder: 300,
            kept: 100,
        }))));
    assert_eq!(t.holding(acc(A)).frozen, 100);
    let a = t.action(0).unwrap();
    assert_eq!(a.status, ActionStatus::Ruled);
    assert_eq!(
        a.kind,
        ActionKind::Freeze {
            account: acc(A),
            amount: 100
        }
    );
    // Not disputable again.
    assert!(Mount::raise_dispute(&mut t, acc(A), 0, h(30), T0 + 20_000).is_err());
}

#[test]
fn a_disputed_forced_transfer_secures_the_destination_and_returns_the_holder_s_share() {
    let mut t = token();
    enforce(
        &mut t,
        EnforcementCall::ForcedTransfer {
            from: acc(A),
            to: acc(B),
            amount: 600,
            order: court(),
        },
    )
    .unwrap();
    // B spent 200 of it meanwhile; the dispute secures the 400 left.
    t.transfer(acc(B), acc(C), 200, acc(CONTRACT), T0).unwrap();
    Mount::raise_dispute(&mut t, acc(A), 0, h(30), T0).unwrap();
    assert_eq!(t.holding(acc(B)).frozen, 400);
    refused(&mut t, Restriction::FrozenBalance, |t| {
        t.transfer(acc(B), acc(C), 1, acc(CONTRACT), T0)
    });
    let effects = rule_and_execute(&mut t, 0, 5_000);
    assert_eq!(
        transfers(&effects),
        vec![Moved {
            from: Some(acc(B)),
            to: Some(acc(A)),
            value: 200
        }]
    );
    assert_eq!(
        t.holding(acc(B)),
        Holding {
            balance: 200,
            ..Holding::default()
        }
    );
    assert_eq!(t.balance_of(acc(A)), 600);
    assert_eq!(t.total_supply(), 1_000);
}

#[test]
fn an_account_freeze_lifts_only_on_a_ruling_wholly_for_the_holder() {
    for (bps, lifted) in [(9_999u16, false), (10_000, true)] {
        let mut t = token();
        enforce(
            &mut t,
            EnforcementCall::FreezeAccount {
                account: acc(A),
                order: court(),
            },
        )
        .unwrap();
        Mount::raise_dispute(&mut t, acc(A), 0, h(30), T0).unwrap();
        rule_and_execute(&mut t, 0, bps);
        assert_eq!(t.holding(acc(A)).blocked.is_none(), lifted, "{bps}");
    }
}

// ----- the threshold hold --------------------------------------------------

fn held_transfer(t: &mut Core) -> (u32, DecisionId) {
    let effects = t
        .transfer(acc(A), acc(B), THRESHOLD + 1, acc(CONTRACT), T0)
        .unwrap();
    assert!(transfers(&effects).is_empty());
    let recorded = effects
        .events
        .iter()
        .find_map(|e| match e {
            HotEvent::Safeguards(kit::HotEvent::AutomatedDecisionRecorded(r)) => Some(r.clone()),
            _ => None,
        })
        .expect("the hold is an automated decision");
    assert_eq!(recorded.subject, acc(A));
    let hold = t.hold(0).unwrap();
    assert_eq!(hold.status, HoldStatus::Pending);
    (0, hold.decision)
}

#[test]
fn a_transfer_above_the_threshold_is_held_and_released_when_nobody_asks_for_review() {
    let mut t = token();
    let (id, decision) = held_transfer(&mut t);
    let a = t.holding(acc(A));
    assert_eq!((a.balance, a.held), (1_000, THRESHOLD + 1));
    // Held units do not move.
    refused(&mut t, Restriction::FrozenBalance, |t| {
        t.transfer(acc(A), acc(C), 500, acc(CONTRACT), T0)
    });
    assert!(Mount::execute_decision(&mut t, decision, T0 + 1).is_err());
    let effects = Mount::execute_decision(&mut t, decision, T0 + WINDOW).unwrap();
    assert!(transfers(&effects).is_empty());
    assert_eq!(t.hold(id).unwrap().status, HoldStatus::Released);
    assert_eq!(t.holding(acc(A)).held, 0);
    assert_eq!(t.balance_of(acc(B)), 0);
}

#[test]
fn a_held_transfer_is_made_when_the_reviewer_overrides_or_misses_the_deadline() {
    for overrides in [true, false] {
        let mut t = token();
        let (id, decision) = held_transfer(&mut t);
        t.safeguarded(|s| s.request_review(acc(A), decision, h(32), T0 + 1))
            .unwrap();
        let at = if overrides {
            t.safeguarded(|s| {
                s.resolve_review(
                    acc(REVIEWER),
                    decision,
                    Some(Verdict::Favourable),
                    h(33),
                    T0 + 2,
                )
            })
            .unwrap();
            T0 + 2
        } else {
            T0 + 1 + REVIEWER_DEADLINE
        };
        let effects = Mount::execute_decision(&mut t, decision, at).unwrap();
        assert_eq!(
            transfers(&effects),
            vec![Moved {
                from: Some(acc(A)),
                to: Some(acc(B)),
                value: THRESHOLD + 1
            }]
        );
        assert_eq!(t.hold(id).unwrap().status, HoldStatus::Executed);
        assert_eq!(t.balance_of(acc(B)), THRESHOLD + 1);
        assert_eq!(t.holding(acc(A)).held, 0);
    }
}

#[test]
fn a_favourable_hold_waits_while_the_recipient_fails_the_allowlist() {
    let mut t = token();
    let (_, decision) = held_transfer(&mut t);
    t.safeguarded(|s| s.request_review(acc(A), decision, h(32), T0 + 1))
        .unwrap();
    t.safeguarded(|s| {
        s.resolve_review(
            acc(REVIEWER),
            decision,
            Some(Verdict::Favourable),
            h(33),
            T0 + 2,
        )
    })
    .unwrap();
    t.allowlist(
        acc(OFFICER),
        T0,
        AllowlistCall::Suspend {
            account: acc(B),
            reason: 4,
        },
    )
    .unwrap();
    refused(&mut t, restricted(Restriction::RecipientSuspended), |t| {
        Mount::execute_decision(t, decision, T0 + 3)
    });
}

#[test]
fn a_released_hold_gives_the_spender_its_allowance_back() {
    let mut t = token();
    t.approve(acc(A), acc(C), 800);
    t.transfer_from(acc(C), acc(A), acc(B), 600, acc(CONTRACT), T0)
        .unwrap();
    assert_eq!(t.allowance(acc(A), acc(C)), 200);
    let decision = t.hold(0).unwrap().decision;
    Mount::execute_decision(&mut t, decision, T0 + WINDOW).unwrap();
    assert_eq!(t.allowance(acc(A), acc(C)), 800);
    assert_eq!(t.hold(0).unwrap().spender, Some(acc(C)));
}

#[test]
fn after_termination_a_hold_is_released_whatever_its_verdict() {
    let mut t = token();
    let (_, decision) = held_transfer(&mut t);
    pause(&mut t);
    Mount::terminate(&mut t, acc(ADMIN), h(6), T0).unwrap();
    Mount::execute_decision(&mut t, decision, T0 + WINDOW).unwrap();
    assert_eq!(t.hold(0).unwrap().status, HoldStatus::Released);
    assert_eq!(t.balance_of(acc(A)), 1_000);
}

// ----- the configuration and the store -------------------------------------

#[test]
fn instantiation_refuses_long_metadata_a_blank_explanation_and_a_party_in_a_role() {
    let mut c = config();
    c.metadata.symbol = Some("X".repeat(MAX_SYMBOL + 1));
    assert_eq!(
        Core::new(acc(ADMIN), c, CONFIG_DIGEST).unwrap_err(),
        Error::Token(TokenError::MetadataTooLong)
    );
    let mut c = config();
    c.hold_explanation = [0; 32];
    assert_eq!(
        Core::new(acc(ADMIN), c, CONFIG_DIGEST).unwrap_err(),
        Error::Token(TokenError::ZeroHash)
    );
    let c = config_for(acc(ISSUER), acc(ISSUER));
    assert!(matches!(
        Core::new(acc(ADMIN), c, CONFIG_DIGEST).unwrap_err(),
        Error::Roles(RolesError::PartyMayNotHoldRole { .. })
    ));
    let t = token();
    assert_eq!(t.config(), config());
}

#[test]
fn every_stored_value_fits_the_per_value_limit() {
    let mut t = token();
    held_transfer(&mut t);
    enforce(
        &mut t,
        EnforcementCall::Freeze {
            account: acc(A),
            amount: 10,
            order: court(),
        },
    )
    .unwrap();
    let mut c = config();
    c.metadata.name = Some("N".repeat(MAX_NAME));
    c.metadata.symbol = Some("S".repeat(MAX_SYMBOL));
    let (big, _) = Core::new(acc(ADMIN), c, CONFIG_DIGEST).unwrap();
    for core in [&t, &big] {
        let stores = [core.store(), core.allowlist_core().store()]
            .into_iter()
            .chain(core.safeguards().stores());
        for store in stores {
            for (cell, size) in store.value_sizes() {
                assert!(size <= MAX_VALUE, "cell {cell:#x}: {size} bytes");
            }
        }
    }
}

#[ink::test]
fn the_root_fits_the_per_value_limit() {
    // The contract's own layout, whose store handles encode to nothing,
    // with every optional part of the root set.
    let mut t = token_in::<safeguards::store::InkStore>();
    t.safeguarded(|s| {
        s.propose_amendment(
            acc(ISSUER),
            Terms {
                hash: h(2),
                version: 2,
            },
            T0,
        )
    })
    .unwrap();
    pause_in(&mut t);
    let size = scale::Encode::encoded_size(&t);
    assert!(size <= MAX_VALUE, "root: {size} bytes");
}

fn pause_in<S: Store>(t: &mut Token<S>) {
    t.safeguarded(|s| s.pause(acc(GUARDIAN), h(5), T0)).unwrap();
}

// ----- property: supply is conserved, frozen units move only by order ------

#[derive(Debug, Clone)]
enum Op {
    Transfer(u8, u8, Balance),
    Freeze(u8, Balance),
    FreezeAccount(u8),
    Lift(u32),
    Forced(u8, u8, Balance),
    Recover(u8),
    Execute(DecisionId, Timestamp),
}

fn op() -> impl Strategy<Value = Op> {
    let who = 0u8..4;
    prop_oneof![
        (who.clone(), who.clone(), 0u128..800).prop_map(|(a, b, v)| Op::Transfer(a, b, v)),
        (who.clone(), 0u128..400).prop_map(|(a, v)| Op::Freeze(a, v)),
        who.clone().prop_map(Op::FreezeAccount),
        (0u32..6).prop_map(Op::Lift),
        (who.clone(), who.clone(), 0u128..600).prop_map(|(a, b, v)| Op::Forced(a, b, v)),
        who.prop_map(Op::Recover),
        (0u32..4, 0u64..2).prop_map(|(d, w)| Op::Execute(d, w)),
    ]
}

proptest! {
    #[test]
    fn supply_is_conserved_and_frozen_units_move_only_by_an_order(ops in prop::collection::vec(op(), 1..30)) {
        let holders = [A, B, C, CUSTODY];
        let mut t = token();
        // Each of A, B, C has a second account of the same holder.
        for who in [A, B, C] {
            list_in(&mut t, acc(OFFICER), acc(who + 100), listing(who));
        }
        let mut now = T0;
        for op in ops {
            let before = t.clone();
            let sum = |t: &Core| {
                holders
                    .iter()
                    .chain([A + 100, B + 100, C + 100].iter())
                    .map(|w| t.balance_of(acc(*w)))
                    .sum::<Balance>()
            };
            let by_order = matches!(op, Op::Forced(..) | Op::Recover(..) | Op::Lift(..));
            let ok = match op {
                Op::Transfer(a, b, v) => t
                    .transfer(acc(holders[usize::from(a)]), acc(holders[usize::from(b)]), v, acc(CONTRACT), now)
                    .is_ok(),
                Op::Freeze(a, v) => enforce(&mut t, EnforcementCall::Freeze {
                    account: acc(holders[usize::from(a)]), amount: v, order: court(),
                }).is_ok(),
                Op::FreezeAccount(a) => enforce(&mut t, EnforcementCall::FreezeAccount {
                    account: acc(holders[usize::from(a)]), order: court(),
                }).is_ok(),
                Op::Lift(id) => enforce(&mut t, EnforcementCall::Lift { action: id, reason: h(8) }).is_ok(),
                Op::Forced(a, b, v) => enforce(&mut t, EnforcementCall::ForcedTransfer {
                    from: acc(holders[usize::from(a)]), to: acc(holders[usize::from(b)]), amount: v, order: court(),
                }).is_ok(),
                Op::Recover(a) => {
                    let lost = holders[usize::from(a)];
                    enforce(&mut t, EnforcementCall::Recover {
                        lost: acc(lost), new: acc(lost.wrapping_add(100)), order: court(),
                    }).is_ok()
                }
                Op::Execute(d, w) => {
                    now += w * WINDOW;
                    Mount::execute_decision(&mut t, d, now).is_ok()
                }
            };
            if !ok {
                prop_assert_eq!(&t, &before, "a refusal changed the state");
            }
            prop_assert_eq!(sum(&t), t.total_supply());
            for w in holders.iter().chain([A + 100, B + 100, C + 100].iter()) {
                let (was, is) = (before.holding(acc(*w)), t.holding(acc(*w)));
                prop_assert!(is.frozen.saturating_add(is.held) <= is.balance, "{:?}", is);
                // What an account lost beyond its free units came from its
                // frozen or held part: only an order or a decision does that.
                if is.balance < was.balance.saturating_sub(was.free()) {
                    prop_assert!(by_order || matches!(op, Op::Execute(..)), "{:?}", op);
                }
                if was.blocked.is_some() && is.balance != was.balance {
                    prop_assert!(by_order || matches!(op, Op::Execute(..)), "{:?}", op);
                }
            }
        }
    }
}
