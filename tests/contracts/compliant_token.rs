//! drink integration tests of `compliant_token`: the PSP22 surface and its
//! selectors, every restriction code through `transfer` and
//! `transfer_from`, the access matrix of the privileged messages, each bad
//! order with its own error (no event, no state change), the threshold
//! hold through human review, a dispute over an order, recovery, and a
//! property test of supply and frozen units. Bundles are built on first
//! use (`shart::bundle`).
use compliant_token::{
    errors::psp22_error,
    restriction::{Language, Restriction, TABLE},
    token::{ActionRuled, EnforcementCall, HoldClosed, LegalBasis, TransferHeld},
    Error, TokenError,
};
use drink::AccountId32;
use proptest::prelude::*;
use psp22::PSP22Error;
use safeguards::{
    allowlist::{AllowlistCall, ListEntry, ListStatus},
    review::Verdict,
    roles::Role,
    RolesError,
};
use shart::{
    events::{psp22_events::Transfer, ShartEvent},
    fixtures::{doc, DAY, T0},
    runtime::{ink_account, Encoded},
    token::{self, court_order, deploy, deploy_with, order, Token, MINTED, THRESHOLD},
};

fn transferred(from: Option<&AccountId32>, to: Option<&AccountId32>, value: u128) -> ShartEvent {
    ShartEvent::Transfer(Transfer {
        from: from.map(ink_account),
        to: to.map(ink_account),
        value,
    })
}

/// The first four bytes of BLAKE2b-256 of `label`: how the PSP22
/// standard (and ink! for a trait message) derives a selector.
fn selector(label: &str) -> [u8; 4] {
    use blake2::{digest::consts::U32, Blake2b, Digest};
    let hash = Blake2b::<U32>::digest(label.as_bytes());
    [hash[0], hash[1], hash[2], hash[3]]
}

#[test]
fn the_standard_messages_carry_the_psp22_selectors() {
    let bundle = shart::bundle::bundle("compliant_token").unwrap();
    // The standard publishes this one; the rest follow its rule.
    assert_eq!(selector("PSP22::transfer"), 0xdb20_f9f5_u32.to_be_bytes());
    for message in [
        "PSP22::total_supply",
        "PSP22::balance_of",
        "PSP22::allowance",
        "PSP22::transfer",
        "PSP22::transfer_from",
        "PSP22::approve",
        "PSP22::increase_allowance",
        "PSP22::decrease_allowance",
        "PSP22Metadata::token_name",
        "PSP22Metadata::token_symbol",
        "PSP22Metadata::token_decimals",
        "PSP22Burnable::burn",
    ] {
        assert_eq!(
            bundle.messages.get(message),
            Some(&selector(message)),
            "{message}"
        );
    }
}

#[test]
fn a_listed_holder_transfers_and_the_event_is_cardinal_s_transfer() {
    let mut t = deploy().unwrap();
    let a = t.accounts.clone();
    let out = t.transfer(&a.alice, &a.bob, 2_500);
    assert_eq!(out.value, Ok(Ok(())));
    assert_eq!(
        out.events(),
        vec![transferred(Some(&a.alice), Some(&a.bob), 2_500)]
    );
    assert_eq!(t.balance_of(&a.bob), 2_500);
    assert_eq!(t.balance_of(&a.alice), MINTED - 2_500);
    let supply: u128 = t.read("PSP22::total_supply", ());
    assert_eq!(supply, MINTED);
    let name: Option<String> = t.read("PSP22Metadata::token_name", ());
    let symbol: Option<String> = t.read("PSP22Metadata::token_symbol", ());
    let decimals: u8 = t.read("PSP22Metadata::token_decimals", ());
    assert_eq!(
        (name.as_deref(), symbol.as_deref(), decimals),
        (Some("Tokenised Tenge Deposit"), Some("KZTD"), 2)
    );
}

/// Sets `who`'s entry to `change(listing)`.
fn relist(t: &mut Token, who: &AccountId32, change: impl FnOnce(&mut ListEntry)) {
    let mut entry: ListEntry = t
        .read::<_, Option<ListEntry>>("allowlist_entry", ink_account(who))
        .expect("listed");
    change(&mut entry);
    let out = t.allowlist(AllowlistCall::Set {
        account: ink_account(who),
        entry,
    });
    assert_eq!(out.value, Ok(Ok(())));
}

#[test]
fn every_restriction_code_is_triggered_through_transfer_and_transfer_from() {
    let mut t = deploy().unwrap();
    let a = t.accounts.clone();
    assert_eq!(t.transfer(&a.alice, &a.bob, 1_000).value, Ok(Ok(())));
    // Bob approves Alice's second account as spender, for transfer_from.
    let approved = t.psp22(&a.bob, "PSP22::approve", (ink_account(&a.alice2), 500u128));
    assert_eq!(approved.value, Ok(Ok(())));
    let from_checks = |t: &mut Token, to: &AccountId32, value: u128, r: Restriction| {
        let (bob, spender) = (t.accounts.bob.clone(), t.accounts.alice2.clone());
        t.assert_psp22_refused(
            &spender,
            "PSP22::transfer_from",
            (ink_account(&bob), ink_account(to), value, Vec::<u8>::new()),
            psp22_error(r),
        );
    };
    // Recipient codes.
    t.assert_transfer_restricted(&a.alice, &a.stranger, 1, Restriction::RecipientNotListed);
    from_checks(&mut t, &a.stranger, 1, Restriction::RecipientNotListed);
    type Change = fn(&mut ListEntry);
    let entry_cases: [(Change, Restriction, Restriction); 3] = [
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
            |e| e.valid_from = T0 + DAY,
            Restriction::SenderNotYetValid,
            Restriction::RecipientNotYetValid,
        ),
    ];
    let original: ListEntry = t
        .read::<_, Option<ListEntry>>("allowlist_entry", ink_account(&a.bob))
        .expect("bob is listed");
    for (change, as_sender, as_recipient) in entry_cases {
        relist(&mut t, &a.bob, change);
        t.assert_transfer_restricted(&a.alice, &a.bob, 1, as_recipient);
        t.assert_transfer_restricted(&a.bob, &a.alice, 1, as_sender);
        from_checks(&mut t, &a.alice, 1, as_sender);
        relist(&mut t, &a.bob, |e| *e = original);
    }
    // The spender: suspended, so not allowed.
    relist(&mut t, &a.alice2, |e| e.status = ListStatus::Suspended);
    from_checks(&mut t, &a.alice, 1, Restriction::SpenderNotAllowed);
    relist(&mut t, &a.alice2, |e| e.status = ListStatus::Allowed);
    // Balances and allowances.
    t.assert_transfer_restricted(&a.bob, &a.alice, 1_001, Restriction::InsufficientBalance);
    from_checks(&mut t, &a.alice, 501, Restriction::InsufficientAllowance);
    // Orders: a partial freeze, an account freeze on either side.
    let freeze = t.enforce(EnforcementCall::Freeze {
        account: ink_account(&a.bob),
        amount: 800,
        order: order(
            LegalBasis::AfmSuspension,
            "AFM suspension of bob's operations",
        ),
    });
    assert_eq!(freeze.value, Ok(Ok(())));
    t.assert_transfer_restricted(&a.bob, &a.alice, 201, Restriction::FrozenBalance);
    from_checks(&mut t, &a.alice, 201, Restriction::FrozenBalance);
    let block = t.enforce(EnforcementCall::FreezeAccount {
        account: ink_account(&a.alice2),
        order: court_order("freeze of alice's second account"),
    });
    assert_eq!(block.value, Ok(Ok(())));
    t.assert_transfer_restricted(&a.alice, &a.alice2, 1, Restriction::RecipientFrozen);
    from_checks(&mut t, &a.alice2, 1, Restriction::RecipientFrozen);
    t.assert_transfer_restricted(&a.alice2, &a.alice, 1, Restriction::SenderFrozen);
    // Expiry takes effect at block time, with no transaction.
    t.chain.advance_to(T0 + 366 * DAY);
    t.assert_transfer_restricted(&a.alice, &a.bob, 1, Restriction::SenderExpired);
    relist(&mut t, &a.alice, |e| {
        e.valid_from = T0 + 366 * DAY;
        e.expires_at = T0 + 800 * DAY;
        e.review_due = T0 + 700 * DAY;
    });
    t.assert_transfer_restricted(&a.alice, &a.bob, 1, Restriction::RecipientExpired);
    from_checks(&mut t, &a.alice, 1, Restriction::SenderExpired);
    // The kill switch.
    let (guardian, admin) = (a.guardian.clone(), a.admin.clone());
    t.must(&guardian, "pause", doc("incident"), 0);
    t.assert_transfer_restricted(&a.alice, &a.bob, 1, Restriction::Paused);
    from_checks(&mut t, &a.alice, 1, Restriction::Paused);
    t.must(&admin, "terminate", doc("wind-down"), 0);
    t.assert_transfer_restricted(&a.alice, &a.bob, 1, Restriction::Terminated);
    from_checks(&mut t, &a.alice, 1, Restriction::Terminated);
}

#[test]
fn the_lock_up_and_the_mint_codes() {
    let mut t = deploy_with(|a, registry| {
        let mut c = token::config(a, registry);
        c.rules.lockup_until = T0 + DAY;
        c.rules.supply_cap = Some(MINTED + 5);
        c
    })
    .unwrap();
    let a = t.accounts.clone();
    t.assert_transfer_restricted(&a.alice, &a.bob, 1, Restriction::LockedUp);
    t.chain.advance_to(T0 + DAY);
    assert_eq!(t.transfer(&a.alice, &a.bob, 1).value, Ok(Ok(())));
    let mint = |to: &AccountId32, v: u128| (ink_account(to), v);
    t.assert_psp22_refused(
        &a.alice,
        "mint",
        mint(&a.bob, 1),
        psp22_error(Restriction::NotIssuer),
    );
    t.assert_psp22_refused(
        &a.issuer,
        "mint",
        mint(&a.bob, 6),
        psp22_error(Restriction::SupplyCapExceeded),
    );
    t.assert_psp22_refused(
        &a.issuer,
        "mint",
        mint(&a.stranger, 1),
        psp22_error(Restriction::RecipientNotListed),
    );
    // Before the issuer accepts the terms, nothing is minted.
    let mut fresh: Token = shart::templates::driver::Driver::deploy_with(
        shart::templates::driver::Attest::Parties,
        token::config,
    )
    .unwrap();
    let issuer = fresh.accounts.issuer.clone();
    let bob = fresh.accounts.bob.clone();
    fresh.assert_psp22_refused(
        &issuer,
        "mint",
        (ink_account(&bob), 1u128),
        psp22_error(Restriction::NotEffective),
    );
}

#[test]
fn restriction_views_and_messages_in_three_languages() {
    let mut t = deploy().unwrap();
    let a = t.accounts.clone();
    let first: u8 = t.read(
        "detect_transfer_restriction",
        (ink_account(&a.alice), ink_account(&a.stranger), 1u128),
    );
    assert_eq!(first, Restriction::RecipientNotListed.code());
    let ok: u8 = t.read(
        "detect_transfer_restriction",
        (ink_account(&a.alice), ink_account(&a.bob), 1u128),
    );
    assert_eq!(ok, 0);
    let spender: u8 = t.read(
        "detect_transfer_from_restriction",
        (
            ink_account(&a.stranger),
            ink_account(&a.alice),
            ink_account(&a.bob),
            1u128,
        ),
    );
    assert_eq!(spender, Restriction::SpenderNotAllowed.code());
    let all: Vec<u8> = t.read(
        "transfer_restrictions",
        (
            Some(ink_account(&a.stranger)),
            ink_account(&a.alice),
            ink_account(&a.stranger),
            MINTED + 1,
        ),
    );
    assert_eq!(
        all,
        [
            Restriction::RecipientNotListed,
            Restriction::SpenderNotAllowed,
            Restriction::InsufficientBalance,
            Restriction::InsufficientAllowance
        ]
        .map(Restriction::code)
        .to_vec()
    );
    for r in TABLE {
        let en: Option<String> = t.read("message_for_transfer_restriction", r.code());
        assert_eq!(en.as_deref(), Some(r.message(Language::En)));
        for language in [Language::Ru, Language::Kk] {
            let text: Option<String> =
                t.read("message_for_transfer_restriction_in", (r.code(), language));
            assert_eq!(text.as_deref(), Some(r.message(language)));
        }
    }
    let unknown: Option<String> = t.read("message_for_transfer_restriction", 200u8);
    assert_eq!(unknown, None);
}

#[test]
fn the_privileged_messages_refuse_everyone_but_their_holder() {
    let mut t = deploy().unwrap();
    let a = t.accounts.clone();
    let officer = |caller| {
        Error::Roles(RolesError::Unauthorized {
            caller,
            required: Role::ComplianceOfficer,
        })
    };
    let freeze = EnforcementCall::Freeze {
        account: ink_account(&a.alice),
        amount: 1,
        order: court_order("order"),
    };
    t.access_matrix(
        "enforce",
        Encoded::of(&freeze),
        0,
        std::slice::from_ref(&a.compliance),
        officer,
    );
    let relisting = AllowlistCall::Suspend {
        account: ink_account(&a.bob),
        reason: 7,
    };
    t.access_matrix(
        "allowlist",
        Encoded::of(&relisting),
        0,
        std::slice::from_ref(&a.compliance),
        officer,
    );
    // Mint and burn: the issuer's alone.
    for (who, _) in a.names() {
        if who == a.issuer {
            continue;
        }
        t.assert_psp22_refused(
            &who,
            "mint",
            (ink_account(&a.alice), 1u128),
            psp22_error(Restriction::NotIssuer),
        );
        t.assert_psp22_refused(
            &who,
            "PSP22Burnable::burn",
            1u128,
            psp22_error(Restriction::NotIssuer),
        );
    }
}

#[test]
fn each_bad_order_is_refused_with_its_own_error_and_changes_nothing() {
    let mut t = deploy().unwrap();
    let a = t.accounts.clone();
    let officer = a.compliance.clone();
    let forced = |from: &AccountId32, to: &AccountId32, order| EnforcementCall::ForcedTransfer {
        from: ink_account(from),
        to: ink_account(to),
        amount: 100,
        order,
    };
    let court = court_order("ruling");
    let cases: Vec<(EnforcementCall, TokenError)> = vec![
        (
            forced(&a.alice, &a.alice, court),
            TokenError::SameAccount {
                account: ink_account(&a.alice),
            },
        ),
        (
            forced(&a.alice, &a.stranger, court),
            TokenError::DestinationNotAllowed {
                account: ink_account(&a.stranger),
            },
        ),
        (
            forced(&a.alice, &a.admin, court),
            TokenError::RoleMayNotReceive {
                account: ink_account(&a.admin),
            },
        ),
        (
            forced(&a.alice, &a.compliance, court),
            TokenError::RoleMayNotReceive {
                account: ink_account(&a.compliance),
            },
        ),
        (
            forced(
                &a.alice,
                &a.bob,
                order(LegalBasis::InternalSuspicion, "suspicion"),
            ),
            TokenError::BasisDoesNotPermit {
                basis: LegalBasis::InternalSuspicion,
            },
        ),
        (
            EnforcementCall::Freeze {
                account: ink_account(&a.alice),
                amount: 0,
                order: court,
            },
            TokenError::ZeroAmount,
        ),
        (
            EnforcementCall::Freeze {
                account: ink_account(&a.alice),
                amount: MINTED + 1,
                order: court,
            },
            TokenError::InsufficientFree {
                account: ink_account(&a.alice),
                free: MINTED,
            },
        ),
        (
            EnforcementCall::Recover {
                lost: ink_account(&a.alice),
                new: ink_account(&a.bob),
                order: court,
            },
            TokenError::NotSameHolder {
                lost: ink_account(&a.alice),
                new: ink_account(&a.bob),
            },
        ),
        (
            EnforcementCall::Lift {
                action: 9,
                reason: doc("lift"),
            },
            TokenError::UnknownAction { action: 9 },
        ),
    ];
    for (call, error) in cases {
        t.assert_refused(&officer, "enforce", call, 0, Error::Token(error));
    }
    let mut lapsed = court;
    lapsed.expires_at = T0;
    t.assert_refused(
        &officer,
        "enforce",
        forced(&a.alice, &a.bob, lapsed),
        0,
        Error::Token(TokenError::OrderNotInForce {
            issued_at: T0,
            expires_at: T0,
            now: T0,
        }),
    );
}

#[test]
fn a_forced_transfer_to_custody_moves_frozen_units_and_a_dispute_returns_the_holder_s_share() {
    let mut t = deploy().unwrap();
    let a = t.accounts.clone();
    let freeze = t.enforce(EnforcementCall::Freeze {
        account: ink_account(&a.alice),
        amount: 60_000,
        order: court_order("interim measure"),
    });
    assert_eq!(freeze.value, Ok(Ok(())));
    // While paused, orders still run.
    let guardian = a.guardian.clone();
    t.must(&guardian, "pause", doc("incident"), 0);
    let out = t.enforce(EnforcementCall::ForcedTransfer {
        from: ink_account(&a.alice),
        to: ink_account(&a.custody),
        amount: 50_000,
        order: court_order("writ of execution"),
    });
    assert_eq!(out.value, Ok(Ok(())));
    assert!(out
        .events()
        .contains(&transferred(Some(&a.alice), Some(&a.custody), 50_000)));
    let alice = t.holding(&a.alice);
    // 40,000 free went first, then 10,000 of the frozen 60,000.
    assert_eq!((alice.balance, alice.frozen), (50_000, 50_000));
    let admin = a.admin.clone();
    t.must(&admin, "resume", (), 0);
    // Alice disputes the forced transfer (action 1); the custody's units
    // freeze meanwhile.
    t.must(
        &a.alice,
        "raise_dispute",
        (1u32, doc("the writ was annulled")),
        0,
    );
    assert_eq!(t.holding(&a.custody).frozen, 50_000);
    t.must(&a.arbitrator, "rule", (0u32, 6_000u16, doc("award")), 0);
    t.chain.advance_to(T0 + 30 * DAY);
    let out = t.must(&a.stranger, "execute_ruling", 0u32, 0);
    let events = out.events();
    assert!(events.contains(&transferred(Some(&a.custody), Some(&a.alice), 30_000)));
    assert!(events.contains(&ShartEvent::ActionRuled(ActionRuled {
        action: 1,
        holder: ink_account(&a.alice),
        to_holder: 30_000,
        kept: 20_000,
    })));
    assert_eq!(t.holding(&a.custody).frozen, 0);
    assert_eq!(t.balance_of(&a.custody), 20_000);
    assert_eq!(t.balance_of(&a.alice), 80_000);
}

#[test]
fn recovery_moves_everything_to_the_same_holder_s_new_account() {
    let mut t = deploy().unwrap();
    let a = t.accounts.clone();
    let freeze = t.enforce(EnforcementCall::Freeze {
        account: ink_account(&a.alice),
        amount: 5_000,
        order: court_order("interim measure"),
    });
    assert_eq!(freeze.value, Ok(Ok(())));
    let out = t.enforce(EnforcementCall::Recover {
        lost: ink_account(&a.alice),
        new: ink_account(&a.alice2),
        order: court_order("recovery of alice's lost key"),
    });
    assert_eq!(out.value, Ok(Ok(())));
    assert!(out
        .events()
        .contains(&transferred(Some(&a.alice), Some(&a.alice2), MINTED)));
    let new = t.holding(&a.alice2);
    assert_eq!((new.balance, new.frozen), (MINTED, 5_000));
    let old: Option<ListEntry> = t.read("allowlist_entry", ink_account(&a.alice));
    assert_eq!(old, None);
    t.assert_transfer_restricted(&a.alice, &a.bob, 1, Restriction::SenderNotListed);
    assert_eq!(t.transfer(&a.alice2, &a.bob, 1).value, Ok(Ok(())));
}

#[test]
fn a_held_transfer_is_made_once_a_human_reviewer_overrides_the_hold() {
    let mut t = deploy().unwrap();
    let a = t.accounts.clone();
    let out = t.transfer(&a.alice, &a.bob, THRESHOLD + 1);
    assert_eq!(out.value, Ok(Ok(())));
    let events = out.events();
    assert!(events.contains(&ShartEvent::TransferHeld(TransferHeld {
        hold: 0,
        from: ink_account(&a.alice),
        to: ink_account(&a.bob),
        value: THRESHOLD + 1,
        decision: 1,
    })));
    let recorded = events.iter().find_map(|e| match e {
        ShartEvent::AutomatedDecisionRecorded(r) => Some(r.clone()),
        _ => None,
    });
    let recorded = recorded.expect("the hold is notified as an automated decision");
    assert_eq!(recorded.subject, ink_account(&a.alice));
    assert!(!events.iter().any(|e| matches!(e, ShartEvent::Transfer(_))));
    assert_eq!(t.holding(&a.alice).held, THRESHOLD + 1);
    t.must(
        &a.alice,
        "request_review",
        (1u32, doc("salary transfer")),
        0,
    );
    t.must(
        &a.reviewer,
        "resolve_review",
        (1u32, Some(Verdict::Favourable), doc("documents checked")),
        0,
    );
    let out = t.must(&a.stranger, "execute_decision", 1u32, 0);
    let events = out.events();
    assert!(events.contains(&transferred(Some(&a.alice), Some(&a.bob), THRESHOLD + 1)));
    assert!(events.contains(&ShartEvent::HoldClosed(HoldClosed {
        hold: 0,
        from: ink_account(&a.alice),
        executed: true,
    })));
    assert_eq!(t.balance_of(&a.bob), THRESHOLD + 1);
    assert_eq!(t.holding(&a.alice).held, 0);
}

#[test]
fn a_refusal_s_custom_error_is_the_published_code_string() {
    let mut t = deploy().unwrap();
    let a = t.accounts.clone();
    t.chain.clear_events();
    let out = t.transfer(&a.alice, &a.stranger, 1);
    assert!(out.reverted);
    assert_eq!(
        out.value,
        Ok(Err(PSP22Error::Custom(
            "SHART-09 RECIPIENT_NOT_LISTED".into()
        )))
    );
    assert!(out.events().is_empty());
}

// ----- property: supply is conserved; frozen units move only by order -----

#[derive(Debug, Clone)]
enum Op {
    Transfer(usize, usize, u128),
    Freeze(usize, u128),
    Forced(usize, usize, u128),
    Lift(u32),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0usize..3, 0usize..3, 0u128..60_000).prop_map(|(a, b, v)| Op::Transfer(a, b, v)),
        (0usize..3, 0u128..50_000).prop_map(|(a, v)| Op::Freeze(a, v)),
        (0usize..3, 0usize..3, 0u128..50_000).prop_map(|(a, b, v)| Op::Forced(a, b, v)),
        (0u32..4).prop_map(Op::Lift),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]
    #[test]
    fn supply_is_conserved_and_frozen_units_move_only_by_an_order(ops in prop::collection::vec(op(), 1..8)) {
        let mut t = deploy().unwrap();
        let a = t.accounts.clone();
        let holders = [a.alice.clone(), a.bob.clone(), a.custody.clone()];
        for op in ops {
            let before: Vec<_> = holders.iter().map(|h| t.holding(h)).collect();
            let by_order = !matches!(op, Op::Transfer(..));
            match op {
                Op::Transfer(x, y, v) => { t.transfer(&holders[x], &holders[y], v); }
                Op::Freeze(x, v) => { t.enforce(EnforcementCall::Freeze {
                    account: ink_account(&holders[x]), amount: v, order: court_order("f"),
                }); }
                Op::Forced(x, y, v) => { t.enforce(EnforcementCall::ForcedTransfer {
                    from: ink_account(&holders[x]), to: ink_account(&holders[y]), amount: v,
                    order: court_order("t"),
                }); }
                Op::Lift(id) => { t.enforce(EnforcementCall::Lift { action: id, reason: doc("l") }); }
            }
            let after: Vec<_> = holders.iter().map(|h| t.holding(h)).collect();
            let supply: u128 = t.read("PSP22::total_supply", ());
            prop_assert_eq!(after.iter().map(|h| h.balance).sum::<u128>(), supply);
            for (was, is) in before.iter().zip(&after) {
                prop_assert!(is.frozen + is.held <= is.balance);
                if is.balance < was.balance - was.frozen - was.held {
                    prop_assert!(by_order, "frozen units moved by {:?}", op);
                }
            }
        }
    }
}

#[test]
fn the_token_demo_runs_every_step_and_prints_the_three_languages() {
    let report = shart::token_demo::run().expect("every outcome as expected");
    assert!(report.checks >= 15, "{} checks", report.checks);
    for r in [Language::En, Language::Ru, Language::Kk] {
        assert!(report
            .transcript
            .contains(Restriction::RecipientNotListed.message(r)));
    }
    assert!(report.transcript.contains("SHART-09 RECIPIENT_NOT_LISTED"));
}
