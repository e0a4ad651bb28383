//! `shart demo`: the whole agreement lifecycle of `service_agreement` in
//! the local runtime, as a readable transcript.
//!
//! Each step prints who called what, the result, the events (accounts by
//! name, hashes shortened), balance changes and gas. Every expected outcome
//! is checked; [`run`] returns the failed checks and `shart demo` exits
//! non-zero if there is any.
use std::{collections::BTreeMap, fmt::Write as _};

use anyhow::{bail, Result};
use drink::AccountId32;
use regex::Regex;
use safeguards::{
    agreement::{
        Acceptance, AcceptanceAttestationInvalidated, AgreementAccepted, AgreementEffective,
    },
    dispute::{DisputeResolved, RulingIssued},
    eds::{Accreditation, AttestationId, EdsRole, Evidence, RevocationReason},
    kill_switch::{ContractTerminated, SettlementPaid, SwitchState},
    review::{
        AutomatedDecisionRecorded, DecisionTookEffect, EffectBasis, ReviewRequested,
        ReviewResolved, Verdict,
    },
    roles::Role,
    DisputeError, EdsError, KillSwitchError, ReviewError, RolesError,
};
use scale::Encode;
use service_agreement::{
    escrow::{MilestoneReleased, AUTO_RELEASE, AUTO_RELEASE_LABEL},
    Error, EscrowError,
};

use crate::{
    eds::{
        self,
        testkit::{self, days_after, days_before, CertSpec, CmsSpec, KeyKind, Pki, TestKey},
    },
    events::ShartEvent,
    fixtures::{
        self, doc, sha256, AUTO_RELEASE_EXPLANATION, DAY, MASTER_AGREEMENT, MILESTONES, T0,
    },
    flagship::{self, Attest, Flagship, MessageResult, RegistryResult},
    runtime::{ink_account, Outcome},
    statement::{ChainId, Statement},
};

/// The transcript and the checks that failed.
#[derive(Debug, Default)]
pub struct Report {
    /// What the demo printed.
    pub transcript: String,
    /// Steps run.
    pub steps: usize,
    /// Checks run.
    pub checks: usize,
    /// Checks that failed, with what was expected.
    pub failures: Vec<String>,
}

/// Renders Debug output for people: account ids by name, 32-byte hashes
/// shortened to their first and last bytes.
pub struct Pretty {
    accounts: Regex,
    hashes: Regex,
    names: BTreeMap<String, &'static str>,
}

fn byte_list(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| b.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

impl Pretty {
    /// A renderer knowing `names`.
    pub fn new(names: &[(AccountId32, &'static str)]) -> Self {
        Self {
            accounts: Regex::new(r"AccountId\(\[([0-9, ]+)\]\)").expect("valid regex"),
            hashes: Regex::new(r"\[((?:[0-9]{1,3}, ){31}[0-9]{1,3})\]").expect("valid regex"),
            names: names
                .iter()
                .map(|(a, n)| (byte_list(a.as_ref()), *n))
                .collect(),
        }
    }

    /// Renders `value`.
    pub fn show(&self, value: &impl std::fmt::Debug) -> String {
        let text = format!("{value:?}");
        let text =
            self.accounts
                .replace_all(&text, |c: &regex::Captures| match self.names.get(&c[1]) {
                    Some(name) => (*name).to_owned(),
                    None => format!("AccountId({})", short_hex(&c[1])),
                });
        self.hashes
            .replace_all(&text, |c: &regex::Captures| short_hex(&c[1]))
            .into_owned()
    }
}

fn short_hex(list: &str) -> String {
    let bytes: Vec<u8> = list
        .split(", ")
        .filter_map(|b| b.trim().parse().ok())
        .collect();
    let hex = hex::encode(&bytes);
    if hex.len() > 12 {
        format!("0x{}…{}", &hex[..8], &hex[hex.len() - 4..])
    } else {
        format!("0x{hex}")
    }
}

struct Demo {
    f: Flagship,
    pretty: Pretty,
    report: Report,
}

impl Demo {
    fn line(&mut self, text: &str) {
        println!("{text}");
        self.report.transcript.push_str(text);
        self.report.transcript.push('\n');
    }

    fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        self.report.checks += 1;
        if !ok {
            let what = what();
            self.line(&format!("      CHECK FAILED: {what}"));
            self.report.failures.push(what);
        }
    }

    fn step(&mut self, title: &str) {
        self.report.steps += 1;
        let n = self.report.steps;
        self.line(&format!("\n== {n}. {title}"));
    }

    fn name(&self, who: &AccountId32) -> String {
        self.pretty.show(&ink_account(who))
    }

    /// Calls a message, prints the outcome, checks it against `expected`.
    fn send<A: Encode>(
        &mut self,
        who: &AccountId32,
        message: &str,
        args: A,
        value: u128,
        expected: MessageResult,
    ) -> Outcome<MessageResult> {
        let out = self.f.call(who, message, args, value);
        let caller = self.name(who);
        let shown = match &out.value {
            Ok(Ok(())) => "Ok".to_owned(),
            Ok(Err(e)) => format!("refused: {}", self.pretty.show(e)),
            Err(e) => format!("call error: {e:?}"),
        };
        let paid = if value > 0 {
            format!(" with {value}")
        } else {
            String::new()
        };
        self.line(&format!("   {caller} -> {message}{paid}: {shown}"));
        self.show_effects(&out);
        let got = out.value.clone();
        self.check(got == Ok(expected), || {
            format!("{message} by {caller}: expected {expected:?}, got {got:?}")
        });
        if expected.is_err() {
            let (reverted, n) = (out.reverted, out.events.len());
            self.check(reverted && n == 0, || {
                format!("{message}: a refusal must revert and emit nothing")
            });
        }
        out
    }

    /// Prints `events`, accounts by name.
    fn show_events(&mut self, events: Vec<ShartEvent>) {
        for e in events {
            let text = self.pretty.show(&e);
            self.line(&format!("      event {text}"));
        }
    }

    /// Prints the events of `out`, then its gas and storage deposit.
    fn show_effects<R: std::fmt::Debug>(&mut self, out: &Outcome<R>) {
        self.show_events(out.events());
        self.line(&format!(
            "      gas: ref_time {} proof_size {}; storage deposit {}",
            out.gas.ref_time, out.gas.proof_size, out.storage_deposit
        ));
    }

    /// The verifier attests `evidence`; prints the outcome; returns the id.
    fn attest(&mut self, evidence: Evidence) -> Option<AttestationId> {
        let verifier = self.f.accounts.verifier.clone();
        let out = self
            .f
            .registry_call::<_, AttestationId>(&verifier, "attest", evidence);
        let who = self.name(&ink_account_of(&evidence));
        let shown = match &out.value {
            Ok(Ok(id)) => format!("attestation {id}"),
            other => format!("{other:?}"),
        };
        self.line(&format!("   verifier -> attest {who}: {shown}"));
        self.show_effects(&out);
        let got: Result<RegistryResult<AttestationId>, _> = out.value;
        self.check(matches!(got, Ok(Ok(_))), || {
            format!("attest {who}: expected an id, got {got:?}")
        });
        match got {
            Ok(Ok(id)) => Some(id),
            _ => None,
        }
    }

    /// The contractor marks `milestone` delivered at `at`.
    fn deliver(&mut self, milestone: u32, at: u64) {
        self.f.chain.advance_to(at);
        let contractor = self.f.accounts.contractor.clone();
        self.send(&contractor, "mark_delivered", milestone, 0, Ok(()));
    }

    fn expect_event(&mut self, out: &Outcome<MessageResult>, expected: ShartEvent) {
        let events = out.events();
        let found = events.contains(&expected);
        let shown = self.pretty.show(&expected);
        self.check(found, || format!("missing event {shown}"));
    }

    fn balances(&mut self) -> [u128; 4] {
        let a = self.f.accounts.clone();
        [
            self.f.balance(&a.client),
            self.f.balance(&a.contractor),
            self.f.balance(&a.admin),
            self.f.contract_balance(),
        ]
    }

    fn show_balances(&mut self) {
        let [client, contractor, admin, contract] = self.balances();
        let held: u128 = self.f.read("held", ());
        self.line(&format!(
            "   balances: client {client}, contractor {contractor}, admin {admin}, contract {contract} (escrow holds {held})"
        ));
    }

    /// Checks that `who` gained exactly `delta` since `before`, net of the
    /// storage deposit it paid if it was the caller.
    fn expect_gain(&mut self, who: &AccountId32, before: u128, delta: i128, label: &str) {
        let after = self.f.balance(who);
        let got = i128::try_from(after).unwrap_or(i128::MAX)
            - i128::try_from(before).unwrap_or(i128::MAX);
        self.check(got == delta, || {
            format!("{label}: expected balance change {delta}, got {got}")
        });
    }
}

fn ink_account_of(evidence: &Evidence) -> AccountId32 {
    let bytes: [u8; 32] = *evidence.account.as_ref();
    AccountId32::new(bytes)
}

/// Runs the lifecycle; prints the transcript as it goes.
///
/// # Errors
///
/// If the contract cannot be built or deployed. Failed checks are in the
/// report, not errors.
pub fn run() -> Result<Report> {
    let f = flagship::deploy_with(Attest::Nobody, fixtures::config)?;
    let mut names = f.accounts.names();
    names.push((f.registry.address.clone(), "eds_registry"));
    let pretty = Pretty::new(&names);
    let mut d = Demo {
        f,
        pretty,
        report: Report::default(),
    };
    let a = d.f.accounts.clone();
    let agreement = sha256(MASTER_AGREEMENT.as_bytes());
    let digest = d.f.config_digest;
    let total: u128 = MILESTONES.iter().sum();

    d.line("Shart demo: service_agreement in the local runtime (drink, pallet-contracts)");
    d.line(&format!(
        "master agreement SHA-256 {} (examples/master-agreement.txt), milestones {MILESTONES:?}",
        hex::encode(agreement)
    ));

    d.step("admin deploys the EDS registry and accredits a verifier");
    d.line(&format!(
        "      registry at {}, verifier {}",
        d.pretty.show(&ink_account(&d.f.registry.address)),
        d.name(&a.verifier)
    ));
    let verifiers: Vec<(ink::primitives::AccountId, Accreditation)> =
        d.f.registry_read("verifiers", ());
    d.check(
        verifiers.iter().map(|v| v.0).collect::<Vec<_>>() == vec![ink_account(&a.verifier)],
        || format!("accredited verifiers: {verifiers:?}"),
    );

    d.step("admin instantiates the escrow, gated on the registry: agreement anchored, IAC clause set, roles granted");
    let deployment = d.f.deployment.clone();
    d.show_events(deployment.events());
    d.line(&format!(
        "      gas: ref_time {} proof_size {}",
        deployment.gas.ref_time, deployment.gas.proof_size
    ));
    let names: Vec<_> = deployment.events().iter().map(|e| e.name()).collect();
    d.check(
        names
            == [
                "AgreementAnchored",
                "ArbitrationClauseSet",
                "RoleGranted",
                "RoleGranted",
                "RoleGranted",
            ],
        || format!("deployment events: {names:?}"),
    );
    let on_chain: [u8; 32] = d.f.read("config_digest", ());
    let config: service_agreement::escrow::Config = d.f.read("config", ());
    d.line(&format!(
        "   configuration digest {} (SHA-256 of the SCALE-encoded Config, computed off chain; each party quotes it when it accepts)",
        hex::encode(digest)
    ));
    d.check(
        on_chain == digest && fixtures::config_digest(&config) == digest,
        || "config_digest() and config() should match the deployed configuration".to_owned(),
    );

    d.step("the client accepts before any EDS attestation: refused");
    d.f.chain.advance_to(T0 + 500);
    d.send(
        &a.client,
        "accept_agreement",
        (agreement, 1u32, digest),
        0,
        Err(Error::Eds(EdsError::NoAttestation {
            account: ink_account(&a.client),
        })),
    );

    d.step("each party signs a binding statement with its EDS; the verifier checks the signature off chain (shart eds verify) and attests the evidence (shart eds attest)");
    // Each party signs a binding statement (`shart agreement statement`)
    // naming its account, the agreement, this chain and this registry. The
    // EDS keys and the CA standing in for NCA are made by the verifier's
    // test kit (GOST R 34.10-2015, 512-bit): no real key is needed.
    let registry_bytes: [u8; 32] = *d.f.registry.address.as_ref();
    let pki = Pki::new(KeyKind::Gost512, false);
    let anchors = [pki.ca.clone()];
    d.line(&format!(
        "   trusted CA (stands in for NCA RK): {}",
        pki.ca.subject()
    ));
    let certificates = [
        (
            &a.client,
            CertSpec::chief_executive(
                "CLIENT CEO",
                "871008401427",
                "940140000385",
                "Client LLP",
                1,
                days_before(30),
                days_after(365),
            ),
            EdsRole::ChiefExecutive,
        ),
        (
            &a.contractor,
            CertSpec::individual(
                "CONTRACTOR",
                "760212350620",
                2,
                days_before(30),
                days_after(365),
            ),
            EdsRole::Individual,
        ),
    ];
    let mut ids = Vec::new();
    for (party, spec, role) in certificates {
        let key = TestKey::generate(KeyKind::Gost512);
        let certificate = pki.holder(&spec, &key);
        let statement = Statement::new(
            *party.as_ref(),
            agreement,
            ChainId::Name("drink-local".into()),
            registry_bytes,
            sha256(format!("demo nonce for {}", d.name(party)).as_bytes()),
        )?
        .with_config(digest)?;
        let bytes = statement.to_bytes();
        if party == &a.client {
            d.line("   the client's binding statement (format 1):");
            for line in statement.to_text().lines() {
                d.line(&format!("      | {line}"));
            }
        }
        let signature = testkit::sign_cms(
            &bytes,
            &certificate,
            &key,
            &CmsSpec {
                detached: true,
                signing_time: Some(days_before(1)),
                ..CmsSpec::default()
            },
        );
        let opts = eds::verify::Options {
            anchors: &anchors,
            crls: &[],
            at: None,
            now: testkit::T0,
        };
        let who = d.name(party);
        let report = eds::verify::verify(&signature, eds::verify::Content::Bytes(&bytes), &opts)?;
        let attested = eds::attest::attestation(&report, &bytes, [0x5a; 32]);
        let evidence = match attested {
            Ok(a) => {
                let s = &a.signer;
                d.line(&format!(
                    "   verified {who}'s CMS ({} bytes): {}; roles {:?}; certificate {}; chain {} links; revocation {}",
                    signature.len(),
                    s.signature_algorithm,
                    s.roles,
                    s.serial,
                    s.chain.len(),
                    if s.revocation_checked { "checked" } else { "not checked (no CRL in the demo)" }
                ));
                a.evidence
            }
            Err(e) => {
                d.check(false, || format!("{who}'s signature did not verify: {e}"));
                continue;
            }
        };
        d.check(evidence.role == role, || {
            format!("{who}: role {:?}, expected {role:?}", evidence.role)
        });
        ids.push(d.attest(evidence));
    }
    d.check(ids == [Some(1), Some(2)], || {
        format!("attestation ids: {ids:?}")
    });

    d.step("funding before the agreement is effective is refused");
    d.send(
        &a.client,
        "fund",
        (),
        total,
        Err(Error::Agreement(safeguards::AgreementError::NotEffective)),
    );

    d.step(
        "both parties accept the EDS-signed agreement (hash, version 1), each on its attestation",
    );
    d.f.chain.advance_to(T0 + 1_000);
    let out = d.send(
        &a.client,
        "accept_agreement",
        (agreement, 1u32, digest),
        0,
        Ok(()),
    );
    d.expect_event(
        &out,
        ShartEvent::AgreementAccepted(AgreementAccepted {
            party: ink_account(&a.client),
            hash: agreement,
            version: 1,
            at: T0 + 1_000,
            attestation: 1,
        }),
    );
    let out = d.send(
        &a.contractor,
        "accept_agreement",
        (agreement, 1u32, digest),
        0,
        Ok(()),
    );
    d.expect_event(
        &out,
        ShartEvent::AgreementEffective(AgreementEffective {
            hash: agreement,
            version: 1,
            at: T0 + 1_000,
        }),
    );

    d.step("the client funds the escrow with the milestone total");
    let before = d.balances();
    let out = d.send(&a.client, "fund", (), total, Ok(()));
    let deposit = out.storage_deposit;
    d.expect_gain(
        &a.client,
        before[0],
        -(total as i128) - deposit,
        "client pays the total",
    );
    d.show_balances();

    d.step("milestone 0: delivered, approved by the client, paid");
    d.deliver(0, T0 + DAY);
    let before = d.balances();
    let out = d.send(&a.client, "approve_milestone", 0u32, 0, Ok(()));
    d.expect_event(
        &out,
        ShartEvent::MilestoneReleased(MilestoneReleased {
            milestone: 0,
            to: ink_account(&a.contractor),
            amount: MILESTONES[0],
            automated: false,
        }),
    );
    d.expect_gain(
        &a.contractor,
        before[1],
        MILESTONES[0] as i128,
        "contractor paid m0",
    );
    d.show_balances();

    d.step("milestone 1: delivered; the client stays silent; after 3 days the contract decides to release it and notifies the client; nothing is paid yet");
    d.deliver(1, T0 + 2 * DAY);
    d.f.chain.advance_to(T0 + 4 * DAY);
    d.send(
        &a.stranger,
        "auto_release",
        1u32,
        0,
        Err(Error::Escrow(EscrowError::ReviewPeriodRunning {
            until: T0 + 5 * DAY,
        })),
    );
    d.f.chain.advance_to(T0 + 5 * DAY);
    let before = d.balances();
    let out = d.send(&a.stranger, "auto_release", 1u32, 0, Ok(()));
    d.expect_event(
        &out,
        ShartEvent::AutomatedDecisionRecorded(AutomatedDecisionRecorded {
            subject: ink_account(&a.client),
            id: 1,
            kind: AUTO_RELEASE,
            item: 1,
            verdict: Verdict::Adverse,
            amount: Some(MILESTONES[1]),
            explanation: sha256(AUTO_RELEASE_EXPLANATION.as_bytes()),
            ai: AUTO_RELEASE_LABEL,
            review_until: T0 + 7 * DAY,
            needs_confirmation: false,
        }),
    );
    d.expect_gain(&a.contractor, before[1], 0, "nothing paid on the decision");

    d.step("the client asks for a human review within 2 days; the funds stay put");
    d.f.chain.advance_to(T0 + 5 * DAY + DAY / 2);
    let reason = doc("client: acceptance tests were not run");
    let out = d.send(&a.client, "request_review", (1u32, reason), 0, Ok(()));
    d.expect_event(
        &out,
        ShartEvent::ReviewRequested(ReviewRequested {
            subject: ink_account(&a.client),
            id: 1,
            reason,
            deadline: T0 + 10 * DAY + DAY / 2,
        }),
    );
    d.send(
        &a.stranger,
        "execute_decision",
        1u32,
        0,
        Err(Error::Review(ReviewError::NotYetFinal { id: 1 })),
    );
    d.send(
        &a.arbitrator,
        "resolve_review",
        (1u32, None::<Verdict>, doc("not a reviewer")),
        0,
        Err(Error::Roles(RolesError::Unauthorized {
            caller: ink_account(&a.arbitrator),
            required: Role::Reviewer,
        })),
    );

    d.step("the reviewer upholds the release (the acceptance log shows the tests passed); anyone carries it out");
    d.f.chain.advance_to(T0 + 5 * DAY + 3 * DAY / 4);
    let reasoning = doc("review: acceptance log shows the tests passed");
    let out = d.send(
        &a.reviewer,
        "resolve_review",
        (1u32, None::<Verdict>, reasoning),
        0,
        Ok(()),
    );
    d.expect_event(
        &out,
        ShartEvent::ReviewResolved(ReviewResolved {
            subject: ink_account(&a.client),
            id: 1,
            reviewer: ink_account(&a.reviewer),
            upheld: true,
            verdict: Verdict::Adverse,
            reasoning,
        }),
    );
    let before = d.balances();
    let out = d.send(&a.stranger, "execute_decision", 1u32, 0, Ok(()));
    d.expect_event(
        &out,
        ShartEvent::DecisionTookEffect(DecisionTookEffect {
            subject: ink_account(&a.client),
            id: 1,
            verdict: Verdict::Adverse,
            basis: EffectBasis::Upheld,
        }),
    );
    d.expect_event(
        &out,
        ShartEvent::MilestoneReleased(MilestoneReleased {
            milestone: 1,
            to: ink_account(&a.contractor),
            amount: MILESTONES[1],
            automated: true,
        }),
    );
    d.expect_gain(
        &a.contractor,
        before[1],
        MILESTONES[1] as i128,
        "contractor paid m1",
    );
    d.send(
        &a.stranger,
        "execute_decision",
        1u32,
        0,
        Err(Error::Review(ReviewError::AlreadyFinal { id: 1 })),
    );
    d.show_balances();

    d.step("milestone 2: delivered; the client disputes it; the amount freezes");
    d.deliver(2, T0 + 6 * DAY);
    d.send(
        &a.client,
        "raise_dispute",
        (2u32, doc("evidence: defects report")),
        0,
        Ok(()),
    );
    d.send(
        &a.contractor,
        "submit_evidence",
        (0u32, doc("evidence: acceptance log")),
        0,
        Ok(()),
    );
    d.f.chain.advance_to(T0 + 10 * DAY);
    d.send(
        &a.stranger,
        "auto_release",
        2u32,
        0,
        Err(Error::Escrow(EscrowError::MilestoneFrozen { milestone: 2 })),
    );
    d.send(
        &a.client,
        "approve_milestone",
        2u32,
        0,
        Err(Error::Escrow(EscrowError::MilestoneFrozen { milestone: 2 })),
    );

    d.step("the arbitrator rules 30 % to the client; the contractor appeals once");
    d.f.chain.advance_to(T0 + 11 * DAY);
    d.send(
        &a.arbitrator,
        "rule",
        (0u32, 3_000u16, doc("award v1")),
        0,
        Ok(()),
    );
    d.f.chain.advance_to(T0 + 12 * DAY);
    d.send(
        &a.contractor,
        "appeal",
        (0u32, doc("grounds of appeal")),
        0,
        Ok(()),
    );

    d.step("the arbitrator rules again, 40 % to the client; the contractor's second appeal is refused (each side has one)");
    d.f.chain.advance_to(T0 + 13 * DAY);
    let out = d.send(
        &a.arbitrator,
        "rule",
        (0u32, 4_000u16, doc("award v2")),
        0,
        Ok(()),
    );
    d.expect_event(
        &out,
        ShartEvent::RulingIssued(RulingIssued {
            id: 0,
            arbitrator: ink_account(&a.arbitrator),
            payer_bps: 4_000,
            award_hash: doc("award v2"),
            appeal_deadline: T0 + 20 * DAY,
        }),
    );
    d.send(
        &a.contractor,
        "appeal",
        (0u32, doc("second appeal")),
        0,
        Err(Error::Dispute(DisputeError::AppealAlreadyUsed)),
    );

    d.step("inside the appeal window the ruling cannot execute; after it, anyone executes");
    d.send(
        &a.stranger,
        "execute_ruling",
        0u32,
        0,
        Err(Error::Dispute(DisputeError::NotExecutableYet {
            at: T0 + 20 * DAY,
        })),
    );
    d.f.chain.advance_to(T0 + 20 * DAY);
    let before = d.balances();
    let out = d.send(&a.stranger, "execute_ruling", 0u32, 0, Ok(()));
    let (to_client, to_contractor) = (MILESTONES[2] * 4 / 10, MILESTONES[2] * 6 / 10);
    d.expect_event(
        &out,
        ShartEvent::DisputeResolved(DisputeResolved {
            id: 0,
            subject: 2,
            payer_amount: to_client,
            payee_amount: to_contractor,
            by_fallback: false,
        }),
    );
    d.expect_gain(&a.client, before[0], to_client as i128, "client's 40 %");
    d.expect_gain(
        &a.contractor,
        before[1],
        to_contractor as i128,
        "contractor's 60 %",
    );
    d.show_balances();

    d.step("milestone 3 delivered; a guardian pauses on a court order; releases stop");
    d.deliver(3, T0 + 21 * DAY);
    d.f.chain.advance_to(T0 + 22 * DAY);
    d.send(&a.guardian, "pause", doc("court order"), 0, Ok(()));
    d.send(
        &a.client,
        "approve_milestone",
        3u32,
        0,
        Err(Error::KillSwitch(KillSwitchError::Paused)),
    );
    d.step("while paused, protective paths work: the client disputes milestone 4");
    d.send(
        &a.client,
        "raise_dispute",
        (4u32, doc("evidence: not started")),
        0,
        Ok(()),
    );
    let state: SwitchState = d.f.read("state", ());
    d.check(state == SwitchState::Paused, || format!("state {state:?}"));

    d.step(
        "the admin terminates: the fixed rule settles every undisputed amount, admin gets nothing; disputed m4 stays frozen",
    );
    let preview: (u128, u128) = d.f.read("settlement_preview", ());
    d.line(&format!(
        "   settlement preview: client {}, contractor {}",
        preview.0, preview.1
    ));
    let before = d.balances();
    let out = d.send(&a.admin, "terminate", doc("court decision"), 0, Ok(()));
    let admin_deposit = out.storage_deposit;
    d.expect_event(
        &out,
        ShartEvent::ContractTerminated(ContractTerminated {
            by: ink_account(&a.admin),
            reason_hash: doc("court decision"),
            settled: MILESTONES[3],
            at: T0 + 22 * DAY,
        }),
    );
    d.expect_event(
        &out,
        ShartEvent::SettlementPaid(SettlementPaid {
            recipient: ink_account(&a.contractor),
            amount: MILESTONES[3],
        }),
    );
    d.expect_gain(
        &a.client,
        before[0],
        0,
        "client: m4 stays under its dispute",
    );
    d.expect_gain(
        &a.contractor,
        before[1],
        MILESTONES[3] as i128,
        "contractor paid m3 (delivered)",
    );
    d.expect_gain(
        &a.admin,
        before[2],
        -admin_deposit,
        "admin receives nothing",
    );
    let held: u128 = d.f.read("held", ());
    d.check(held == MILESTONES[4], || {
        format!("escrow holds {held}, not the disputed m4")
    });

    d.step("the dispute over m4 goes on after termination: the arbitrator rules it all to the client; after the appeal window anyone executes");
    let out = d.send(
        &a.arbitrator,
        "rule",
        (1u32, 10_000u16, doc("award m4")),
        0,
        Ok(()),
    );
    d.expect_event(
        &out,
        ShartEvent::RulingIssued(RulingIssued {
            id: 1,
            arbitrator: ink_account(&a.arbitrator),
            payer_bps: 10_000,
            award_hash: doc("award m4"),
            appeal_deadline: T0 + 29 * DAY,
        }),
    );
    d.f.chain.advance_to(T0 + 29 * DAY);
    let before = d.balances();
    let out = d.send(&a.stranger, "execute_ruling", 1u32, 0, Ok(()));
    d.expect_event(
        &out,
        ShartEvent::DisputeResolved(DisputeResolved {
            id: 1,
            subject: 4,
            payer_amount: MILESTONES[4],
            payee_amount: 0,
            by_fallback: false,
        }),
    );
    d.expect_gain(
        &a.client,
        before[0],
        MILESTONES[4] as i128,
        "client refunded m4 by the ruling",
    );
    let held: u128 = d.f.read("held", ());
    d.check(held == 0, || format!("escrow still holds {held}"));
    d.send(
        &a.admin,
        "resume",
        (),
        0,
        Err(Error::KillSwitch(KillSwitchError::WrongState {
            expected: SwitchState::Paused,
            actual: SwitchState::Terminated,
        })),
    );
    d.show_balances();

    d.step("later, NCA revokes the contractor's certificate: the verifier revokes attestation 2; anyone tells the parties; the acceptance stays on record");
    d.f.chain.advance_to(T0 + 30 * DAY);
    let verifier = a.verifier.clone();
    let revoked = d.f.registry_call::<_, ()>(
        &verifier,
        "revoke",
        (2u64, RevocationReason::CertificateRevoked),
    );
    d.line(&format!(
        "   verifier -> revoke 2 (certificate revoked): {:?}",
        revoked.value
    ));
    d.show_events(revoked.events());
    d.check(matches!(revoked.value, Ok(Ok(()))), || {
        format!("revoke: {:?}", revoked.value)
    });
    let out = d.send(
        &a.stranger,
        "note_invalidated_attestation",
        (ink_account(&a.contractor), 2u64),
        0,
        Ok(()),
    );
    d.expect_event(
        &out,
        ShartEvent::AcceptanceAttestationInvalidated(AcceptanceAttestationInvalidated {
            party: ink_account(&a.contractor),
            attestation: 2,
            reason: RevocationReason::CertificateRevoked,
            versions: vec![1],
            at: T0 + 30 * DAY,
        }),
    );
    let history: Vec<Acceptance> = d.f.read("acceptances", ());
    d.check(
        history.len() == 2
            && history[1].invalidated == Some(RevocationReason::CertificateRevoked)
            && history[0].invalidated.is_none(),
        || format!("acceptance history: {history:?}"),
    );

    let r = &d.report;
    let summary = format!(
        "\n{} steps, {} checks, {} failed",
        r.steps,
        r.checks,
        r.failures.len()
    );
    d.line(&summary);
    Ok(d.report)
}

/// `shart demo`.
///
/// # Errors
///
/// If the demo could not run or any check failed.
pub fn main() -> Result<()> {
    let report = run()?;
    if !report.failures.is_empty() {
        let mut text = String::new();
        for f in &report.failures {
            let _ = writeln!(text, "  {f}");
        }
        bail!("{} check(s) failed:\n{text}", report.failures.len());
    }
    Ok(())
}
