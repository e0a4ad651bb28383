//! drink integration tests: the whole lifecycle and the behaviours that span
//! several messages. Bundles are built on first use (`shart::bundle`).
use safeguards::{
    agreement::{AgreementAccepted, AgreementEffective, AmendmentProposed, Terms},
    dispute::DisputeResolved,
    kill_switch::SwitchState,
    roles::{AdminTransferred, Role},
};
use scale::Decode;
use service_agreement::{escrow::MilestoneStatus, Error};
use shart::{
    events::ShartEvent,
    fixtures::{doc, sha256, DAY, MASTER_AGREEMENT, MILESTONES, T0},
    flagship::{self, deploy, Attest, Flagship},
    runtime::{ink_account, CallError, Encoded},
};

fn total() -> u128 {
    MILESTONES.iter().sum()
}

fn statuses(f: &mut Flagship) -> Vec<MilestoneStatus> {
    f.milestones().iter().map(|m| m.status).collect()
}

#[test]
fn demo_lifecycle_passes_every_check() {
    // given / when: the demo stops at the first outcome that differs
    let report = shart::demo::run().expect("every outcome as expected");
    // then
    assert!(report.steps >= 20, "only {} steps", report.steps);
    assert!(report.checks >= 80, "only {} checks", report.checks);
    // The attestations rest on EDS signatures the off-chain verifier checked.
    for party in ["client", "contractor"] {
        let line = format!("verified {party}'s CMS");
        assert!(
            report.transcript.contains(&line),
            "transcript lacks {line:?}"
        );
    }
    // The reader sees the binding statement and each call's gas.
    for line in [
        "| Shart EDS binding statement",
        "| chain: drink-local",
        "gas: ref_time ",
    ] {
        assert!(
            report.transcript.contains(line),
            "transcript lacks {line:?}"
        );
    }
    for name in [
        "AgreementEffective",
        "EscrowFunded",
        "AutomatedDecisionRecorded",
        "ReviewRequested",
        "ReviewResolved",
        "DecisionTookEffect",
        "RulingAppealed",
        "DisputeResolved",
        "ContractPaused",
        "ContractTerminated",
        "SettlementPaid",
        "AttestationRevoked",
        "AcceptanceAttestationInvalidated",
    ] {
        assert!(report.transcript.contains(name), "transcript lacks {name}");
    }
}

#[test]
fn every_unit_funded_is_paid_out_exactly_once() {
    // given: a funded escrow
    let mut f = deploy().unwrap();
    f.make_funded();
    let a = f.accounts.clone();
    let contract_before = f.contract_balance();
    let c0 = f.balance(&a.client);
    // when: one release, one auto-release, one executed ruling, termination
    // (storage deposits the parties pay for their own calls are tallied)
    let mut client_deposits: i128 = 0;
    f.deliver(0, T0 + DAY);
    let out = f.call(&a.client, "approve_milestone", 0u32, 0);
    client_deposits += out.storage_deposit;
    out.unwrap().unwrap();
    f.deliver(1, T0 + DAY);
    f.chain.advance_to(T0 + 4 * DAY);
    f.must(&a.stranger, "auto_release", 1u32, 0);
    let k1 = f.balance(&a.contractor);
    let out = f.call(&a.client, "raise_dispute", (2u32, doc("e")), 0);
    client_deposits += out.storage_deposit;
    out.unwrap().unwrap();
    f.chain.advance_to(T0 + 5 * DAY);
    f.must(&a.arbitrator, "rule", (0u32, 2_500u16, doc("award")), 0);
    f.chain.advance_to(T0 + 12 * DAY);
    f.must(&a.stranger, "execute_decision", 1u32, 0);
    f.must(&a.stranger, "execute_ruling", 0u32, 0);
    f.must(&a.guardian, "pause", doc("order"), 0);
    f.must(&a.admin, "terminate", doc("decision"), 0);
    // then: the client got back 25 % of m2 and m3 + m4; the contractor the rest
    let to_client = MILESTONES[2] / 4 + MILESTONES[3] + MILESTONES[4];
    let to_contractor = MILESTONES[0] + MILESTONES[1] + MILESTONES[2] * 3 / 4;
    assert_eq!(to_client + to_contractor, total());
    let client_gain = i128::try_from(f.balance(&a.client)).unwrap() - i128::try_from(c0).unwrap();
    assert_eq!(
        client_gain,
        i128::try_from(to_client).unwrap() - client_deposits
    );
    // the contractor's own calls (two deliveries, which pay storage
    // deposits) happened before k1; from then on it only receives (m1 once
    // the automatic-release decision is carried out)
    assert_eq!(f.balance(&a.contractor) - k1, to_contractor - MILESTONES[0]);
    assert_eq!(contract_before - f.contract_balance(), total());
    assert_eq!(f.read::<_, u128>("held", ()), 0);
    assert_eq!(
        statuses(&mut f),
        vec![
            MilestoneStatus::Released,
            MilestoneStatus::Released,
            MilestoneStatus::Resolved,
            MilestoneStatus::Settled,
            MilestoneStatus::Settled
        ]
    );
}

#[test]
fn acceptance_by_both_parties_makes_agreement_effective_with_events() {
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    let hash = sha256(MASTER_AGREEMENT.as_bytes());
    f.chain.advance_to(T0 + 10);
    let out = f.call(
        &a.client,
        "accept_agreement",
        (hash, 1u32, f.config_digest),
        0,
    );
    assert_eq!(out.value, Ok(Ok(())));
    assert_eq!(
        out.events(),
        vec![ShartEvent::AgreementAccepted(AgreementAccepted {
            party: ink_account(&a.client),
            hash,
            version: 1,
            at: T0 + 10,
            attestation: 1,
        })]
    );
    assert_eq!(f.read::<_, Option<Terms>>("effective_terms", ()), None);
    let out = f.call(
        &a.contractor,
        "accept_agreement",
        (hash, 1u32, f.config_digest),
        0,
    );
    assert_eq!(
        out.events()[1],
        ShartEvent::AgreementEffective(AgreementEffective {
            hash,
            version: 1,
            at: T0 + 10
        })
    );
    assert_eq!(
        f.read::<_, Option<Terms>>("effective_terms", ()),
        Some(Terms { hash, version: 1 })
    );
}

#[test]
fn amendment_governs_only_after_both_parties_accept_it() {
    // given
    let mut f = deploy().unwrap();
    f.make_effective();
    let a = f.accounts.clone();
    let v1 = Terms {
        hash: sha256(MASTER_AGREEMENT.as_bytes()),
        version: 1,
    };
    let v2 = Terms {
        hash: doc("amended agreement"),
        version: 2,
    };
    // when
    let out = f.call(&a.contractor, "propose_amendment", (v2.hash, 2u32), 0);
    assert_eq!(
        out.events(),
        vec![ShartEvent::AmendmentProposed(AmendmentProposed {
            by: ink_account(&a.contractor),
            hash: v2.hash,
            version: 2,
            at: T0
        })]
    );
    f.must(
        &a.client,
        "accept_agreement",
        (v2.hash, 2u32, f.config_digest),
        0,
    );
    // then: still v1
    assert_eq!(f.read::<_, Option<Terms>>("effective_terms", ()), Some(v1));
    f.must(
        &a.contractor,
        "accept_agreement",
        (v2.hash, 2u32, f.config_digest),
        0,
    );
    assert_eq!(f.read::<_, Option<Terms>>("effective_terms", ()), Some(v2));
    assert_eq!(
        f.read::<_, Vec<safeguards::agreement::Acceptance>>("acceptances", ())
            .len(),
        4
    );
}

#[test]
fn no_ruling_before_deadline_refunds_client_by_fallback() {
    let mut f = deploy().unwrap();
    f.make_funded();
    let a = f.accounts.clone();
    f.deliver(0, T0 + DAY);
    f.must(&a.contractor, "raise_dispute", (0u32, doc("e")), 0);
    let client_before = f.balance(&a.client);
    f.chain.advance_to(T0 + 15 * DAY);
    let out = f.call(&a.stranger, "execute_ruling", 0u32, 0);
    assert_eq!(out.value, Ok(Ok(())));
    assert_eq!(
        out.events(),
        vec![ShartEvent::DisputeResolved(DisputeResolved {
            id: 0,
            subject: 0,
            payer_amount: MILESTONES[0],
            payee_amount: 0,
            by_fallback: true
        })]
    );
    assert_eq!(f.balance(&a.client) - client_before, MILESTONES[0]);
}

#[test]
fn protective_paths_keep_working_while_paused() {
    // given: funded, m0 delivered, paused
    let mut f = deploy().unwrap();
    f.make_funded();
    let a = f.accounts.clone();
    f.deliver(0, T0 + DAY);
    f.must(&a.guardian, "pause", doc("order"), 0);
    // when / then: dispute, evidence, ruling and appeal work
    for (who, message, args) in [
        (&a.client, "raise_dispute", Encoded::of((0u32, doc("e")))),
        (
            &a.contractor,
            "submit_evidence",
            Encoded::of((0u32, doc("e2"))),
        ),
        (
            &a.arbitrator,
            "rule",
            Encoded::of((0u32, 5_000u16, doc("aw"))),
        ),
        (&a.client, "appeal", Encoded::of((0u32, doc("g")))),
    ] {
        let out = f.call(who, message, args, 0);
        assert_eq!(out.value, Ok(Ok(())), "{message} while paused");
    }
    assert_eq!(f.read::<_, SwitchState>("state", ()), SwitchState::Paused);
}

#[test]
fn fallback_refund_executes_while_paused() {
    // given: a disputed milestone, no ruling, the contract paused
    let mut f = deploy().unwrap();
    f.make_funded();
    let a = f.accounts.clone();
    f.must(&a.client, "raise_dispute", (0u32, doc("e")), 0);
    f.must(&a.guardian, "pause", doc("order"), 0);
    let client_before = f.balance(&a.client);
    // when: the ruling deadline passes and anyone executes
    f.chain.advance_to(T0 + 15 * DAY);
    let out = f.call(&a.stranger, "execute_ruling", 0u32, 0);
    // then: the refund is paid although the contract is paused
    assert_eq!(out.value, Ok(Ok(())));
    assert_eq!(f.balance(&a.client) - client_before, MILESTONES[0]);
    assert_eq!(f.read::<_, SwitchState>("state", ()), SwitchState::Paused);
}

#[test]
fn resume_by_admin_restores_releases() {
    let mut f = deploy().unwrap();
    f.make_funded();
    let a = f.accounts.clone();
    f.deliver(0, T0 + DAY);
    f.must(&a.guardian, "pause", doc("order"), 0);
    f.must(&a.admin, "resume", (), 0);
    assert_eq!(
        f.call(&a.client, "approve_milestone", 0u32, 0).value,
        Ok(Ok(()))
    );
}

#[test]
fn terminate_with_refund_client_rule_returns_delivered_milestones_to_client() {
    let mut f = flagship::deploy_with(Attest::Parties, |a, registry| {
        service_agreement::escrow::Config {
            settlement: service_agreement::escrow::SettlementRule::RefundClient,
            ..shart::fixtures::config(a, registry)
        }
    })
    .unwrap();
    f.make_funded();
    let a = f.accounts.clone();
    f.deliver(0, T0 + DAY);
    f.must(&a.guardian, "pause", doc("order"), 0);
    let client_before = f.balance(&a.client);
    let contractor_before = f.balance(&a.contractor);
    f.must(&a.admin, "terminate", doc("decision"), 0);
    assert_eq!(f.balance(&a.client) - client_before, total());
    assert_eq!(f.balance(&a.contractor), contractor_before);
}

#[test]
fn terminate_leaves_an_executable_ruling_to_be_executed_by_its_split() {
    // given: a ruling past its appeal window, not yet executed
    let mut f = deploy().unwrap();
    f.make_funded();
    let a = f.accounts.clone();
    f.must(&a.client, "raise_dispute", (0u32, doc("e")), 0);
    f.must(&a.arbitrator, "rule", (0u32, 1_000u16, doc("aw")), 0);
    f.chain.advance_to(T0 + 8 * DAY);
    f.must(&a.guardian, "pause", doc("order"), 0);
    let (client_before, contractor_before) = (f.balance(&a.client), f.balance(&a.contractor));
    // when
    f.must(&a.admin, "terminate", doc("decision"), 0);
    // then: the disputed milestone is not settled; the ruling pays it
    assert_eq!(
        f.balance(&a.client) - client_before,
        total() - MILESTONES[0]
    );
    assert_eq!(f.balance(&a.contractor), contractor_before);
    f.must(&a.stranger, "execute_ruling", 0u32, 0);
    assert_eq!(
        f.balance(&a.contractor) - contractor_before,
        MILESTONES[0] * 9 / 10
    );
    assert_eq!(
        f.balance(&a.client) - client_before,
        total() - MILESTONES[0] + MILESTONES[0] / 10
    );
}

#[test]
fn admin_handover_takes_two_steps() {
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    f.must(&a.admin, "propose_admin", ink_account(&a.stranger), 0);
    assert_eq!(
        f.read::<_, ink::primitives::AccountId>("admin", ()),
        ink_account(&a.admin)
    );
    let out = f.call(&a.stranger, "accept_admin", (), 0);
    assert_eq!(
        out.events(),
        vec![ShartEvent::AdminTransferred(AdminTransferred {
            previous: ink_account(&a.admin),
            admin: ink_account(&a.stranger)
        })]
    );
    assert_eq!(
        f.read::<_, ink::primitives::AccountId>("admin", ()),
        ink_account(&a.stranger)
    );
    assert!(!f.read::<_, bool>("has_role", (Role::Admin, ink_account(&a.admin))));
}

#[test]
fn revoked_guardian_can_no_longer_pause() {
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    f.must(
        &a.admin,
        "revoke_role",
        (Role::Guardian, ink_account(&a.guardian)),
        0,
    );
    f.assert_refused(
        &a.guardian,
        "pause",
        doc("order"),
        0,
        Error::Roles(safeguards::RolesError::Unauthorized {
            caller: ink_account(&a.guardian),
            required: Role::Guardian,
        }),
    );
}

/// The constructor never calls the registry, so any address will do.
fn unused_registry() -> ink::primitives::AccountId {
    ink::primitives::AccountId::from([9; 32])
}

fn constructor_error(
    config: impl FnOnce(&shart::fixtures::Accounts) -> service_agreement::escrow::Config,
) -> Error {
    let bundle = shart::bundle::bundle("service_agreement").unwrap();
    let accounts = shart::fixtures::Accounts::new();
    let mut chain = shart::runtime::Chain::new();
    let out = chain.deploy(&bundle, &accounts.admin, "new", config(&accounts), 0, &[]);
    assert!(out.reverted, "constructor should revert");
    assert!(out.events.is_empty());
    match out.value {
        Err(CallError::Reverted(data)) => {
            let decoded = <Result<Result<(), Error>, ink::LangError>>::decode(&mut &data[..])
                .expect("constructor error decodes");
            decoded.expect("no LangError").expect_err("an error")
        }
        other => panic!("expected a revert, got {other:?}"),
    }
}

#[test]
fn constructor_with_invalid_config_fails_with_its_error() {
    use service_agreement::escrow::Config;
    use shart::fixtures::config;
    type MakeConfig = Box<dyn Fn(&shart::fixtures::Accounts) -> Config>;
    let cases: Vec<(MakeConfig, Error)> = vec![
        (
            Box::new(|a| Config {
                contractor: ink_account(&a.client),
                ..config(a, unused_registry())
            }),
            Error::Escrow(service_agreement::EscrowError::SameParty),
        ),
        (
            Box::new(|a| Config {
                milestones: vec![],
                ..config(a, unused_registry())
            }),
            Error::Escrow(service_agreement::EscrowError::InvalidMilestones),
        ),
        (
            Box::new(|a| Config {
                milestones: service_agreement::escrow::prices(&[5, 0]),
                ..config(a, unused_registry())
            }),
            Error::Escrow(service_agreement::EscrowError::InvalidMilestones),
        ),
        (
            Box::new(|a| Config {
                milestones: service_agreement::escrow::prices(&[u128::MAX, 1]),
                ..config(a, unused_registry())
            }),
            Error::Escrow(service_agreement::EscrowError::InvalidMilestones),
        ),
        (
            Box::new(|a| Config {
                review_period: 0,
                ..config(a, unused_registry())
            }),
            Error::Escrow(service_agreement::EscrowError::InvalidReviewPeriod),
        ),
        (
            Box::new(|a| Config {
                agreement_hash: [0; 32],
                ..config(a, unused_registry())
            }),
            Error::Agreement(safeguards::AgreementError::ZeroHash),
        ),
        (
            Box::new(|a| Config {
                clause: safeguards::arbitration::ArbitrationClause {
                    seat: None,
                    ..shart::fixtures::clause()
                },
                ..config(a, unused_registry())
            }),
            Error::Arbitration(safeguards::ArbitrationError::SeatRequired),
        ),
        (
            Box::new(|a| Config {
                disputes: safeguards::dispute::DisputeConfig {
                    appeal_window: 0,
                    ..shart::fixtures::dispute_config()
                },
                ..config(a, unused_registry())
            }),
            Error::Dispute(safeguards::DisputeError::InvalidConfig),
        ),
        (
            Box::new(|a| Config {
                client_eds: safeguards::eds::Requirement {
                    roles: safeguards::eds::RoleSet::of(&[safeguards::eds::EdsRole::Individual]),
                    ..shart::fixtures::client_requirement()
                },
                ..config(a, unused_registry())
            }),
            Error::Eds(safeguards::EdsError::InvalidRequirement),
        ),
    ];
    for (make, expected) in cases {
        assert_eq!(constructor_error(make), expected);
    }
}

#[test]
fn a_thousand_milestones_run_the_lifecycle_on_the_last_one() {
    // given: an escrow of 1,000 milestones, effective and funded
    let prices: Vec<u128> = (1..=1_000u128).map(|i| i * 1_000).collect();
    let sum: u128 = prices.iter().sum();
    let mut f = flagship::deploy_with(Attest::Parties, |a, r| service_agreement::escrow::Config {
        milestones: service_agreement::escrow::prices(&prices),
        ..shart::fixtures::config(a, r)
    })
    .unwrap();
    let a = f.accounts.clone();
    f.make_effective();
    f.must(&a.client, "fund", (), sum);
    assert_eq!(f.read::<_, u32>("milestone_count", ()), 1_000);
    // when: the last milestone is delivered and approved, the one before
    // it disputed, ruled on and executed
    f.deliver(999, T0 + DAY);
    f.deliver(998, T0 + DAY);
    let k0 = f.balance(&a.contractor);
    f.must(&a.client, "approve_milestone", 999u32, 0);
    f.must(&a.client, "raise_dispute", (998u32, doc("e")), 0);
    f.must(&a.arbitrator, "rule", (0u32, 5_000u16, doc("award")), 0);
    f.chain.advance_to(T0 + 10 * DAY);
    f.must(&a.stranger, "execute_ruling", 0u32, 0);
    // then: exactly those amounts left the escrow, to the right parties
    let (last, before_last) = (prices[999], prices[998]);
    let m = |f: &mut Flagship, i: u32| {
        f.read::<_, Option<service_agreement::escrow::Milestone>>("milestone", i)
            .unwrap()
    };
    let m_none = |f: &mut Flagship, i: u32| {
        f.read::<_, Option<service_agreement::escrow::Milestone>>("milestone", i)
            .is_none()
    };
    assert_eq!(m(&mut f, 999).status, MilestoneStatus::Released);
    assert_eq!(m(&mut f, 998).status, MilestoneStatus::Resolved);
    assert_eq!(m(&mut f, 997).status, MilestoneStatus::Pending);
    assert_eq!(f.read::<_, u128>("held", ()), sum - last - before_last);
    // from its deliveries on, the contractor only receives: the release
    // and half the disputed milestone
    assert_eq!(f.balance(&a.contractor) - k0, last + before_last / 2);
    assert!(m_none(&mut f, 1_000));
}

#[test]
fn config_reads_back_the_deployed_configuration_and_its_digest() {
    // given
    let mut f = deploy().unwrap();
    let registry = ink_account(&f.registry.address);
    let deployed = shart::fixtures::config(&f.accounts, registry);
    // when
    let config: service_agreement::escrow::Config = f.read("config", ());
    let digest: [u8; 32] = f.read("config_digest", ());
    // then: a party can check what runs, and the digest it quotes is the
    // SHA-256 of exactly that
    assert_eq!(config, deployed);
    assert_eq!(digest, shart::fixtures::config_digest(&deployed));
    assert_eq!(digest, f.config_digest);
}
