//! The flagship lifecycle as one scenario that runs on any [`Ledger`]: the
//! drink runtime ([`DrinkLedger`]) or a real node through `cargo contract`
//! (`crate::node::NodeLedger`). Both runs print the same normalized
//! transcript (block times masked, accounts by role), so comparing the two
//! texts shows that the node behaves as the local runtime does: the same
//! results, the same refusals, the same events and the same amounts.
//!
//! A real chain cannot travel in time, so the scenario's periods are
//! seconds ([`config`]) and the node run sleeps through them; drink jumps.

pub mod cli_args;
pub mod node;

use anyhow::{anyhow, bail, Result};
use drink::AccountId32;
use regex::Regex;
use safeguards::{
    agreement::{AgreementAccepted, AgreementEffective, Terms},
    dispute::{DisputeConfig, DisputeRaised, DisputeResolved, Fallback, RulingIssued},
    eds::{AttestationRecorded, EdsRole, VerifierAccredited},
    kill_switch::{ContractPaused, ContractTerminated, SettlementPaid, SwitchState},
    review::{
        AutomatedDecisionRecorded, DecisionTookEffect, EffectBasis, ReviewConfig, ReviewRequested,
        ReviewResolved, Verdict,
    },
    roles::Role,
    KillSwitchError, ReviewError,
};
use scale::{Decode, Encode, Input};
use service_agreement::{
    escrow::{
        Config, EscrowFunded, MilestoneDelivered, MilestoneReleased, SettlementRule, AUTO_RELEASE,
        AUTO_RELEASE_LABEL,
    },
    Error,
};

use crate::{
    bundle::{self, Bundle},
    events::{self, ShartEvent},
    fixtures::{
        self, doc, sha256, AUTO_RELEASE_EXPLANATION, MASTER_AGREEMENT, MILESTONES, START_BALANCE,
        T0,
    },
    runtime::{ink_account, Chain, Encoded, Instance},
};

/// A named participant; each ledger maps it to an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// Deploys both contracts; administers them.
    Admin,
    /// Pays (the agreement's client).
    Client,
    /// Delivers.
    Contractor,
    /// Rules on disputes.
    Arbitrator,
    /// The accredited EDS verifier.
    Verifier,
    /// May pause.
    Guardian,
    /// Reviews automated decisions.
    Reviewer,
    /// Holds no role.
    Stranger,
}

/// Every participant, in transcript order.
pub const EVERYONE: [Who; 8] = [
    Who::Admin,
    Who::Client,
    Who::Contractor,
    Who::Arbitrator,
    Who::Verifier,
    Who::Guardian,
    Who::Reviewer,
    Who::Stranger,
];

/// One of the two contracts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// `eds_registry`.
    Registry,
    /// `service_agreement`.
    Agreement,
}

impl Target {
    /// The package name.
    pub fn name(self) -> &'static str {
        match self {
            Target::Registry => "eds_registry",
            Target::Agreement => "service_agreement",
        }
    }
}

/// What a ledger reports of a deployment.
#[derive(Debug, Clone)]
pub struct Deployed {
    /// The contract's address.
    pub address: AccountId32,
}

/// A chain the scenario can run on.
pub trait Ledger {
    /// "drink" or "node".
    fn name(&self) -> &'static str;
    /// The account standing for `who`.
    fn account(&self, who: Who) -> AccountId32;
    /// The scenario's time origin, in milliseconds since the epoch.
    fn start(&self) -> u64;
    /// Milliseconds from `start()` to the latest block's time (at least).
    fn elapsed(&mut self) -> u64;
    /// Makes the next block's time at least `start() + offset` ms.
    ///
    /// # Errors
    ///
    /// If the ledger cannot.
    fn wait_until(&mut self, offset: u64) -> Result<()>;
    /// Instantiates `target` with constructor `new` and SCALE-encoded `args`.
    ///
    /// # Errors
    ///
    /// If the deployment fails.
    fn deploy(&mut self, target: Target, who: Who, args: Encoded) -> Result<Deployed>;
    /// Calls a message that must succeed; returns the raw data of the events
    /// `target` emitted, in order.
    ///
    /// # Errors
    ///
    /// If the call fails or the contract returns an error.
    fn call(
        &mut self,
        target: Target,
        who: Who,
        message: &str,
        args: Encoded,
        value: u128,
    ) -> Result<Vec<Vec<u8>>>;
    /// Checks that a message is refused (reverted) with exactly `expected`,
    /// the SCALE encoding of the message's `Result` value (`Err(e)`).
    ///
    /// # Errors
    ///
    /// If it is not refused so.
    fn refused(
        &mut self,
        target: Target,
        who: Who,
        message: &str,
        args: Encoded,
        expected: Encoded,
    ) -> Result<()>;
    /// The free balance of `account` at the latest block.
    ///
    /// # Errors
    ///
    /// If the ledger cannot read it.
    fn balance(&mut self, account: &AccountId32) -> Result<u128>;
    /// Checks that a read returns exactly `expected` (SCALE-encoded).
    ///
    /// # Errors
    ///
    /// If it does not.
    fn read(
        &mut self,
        target: Target,
        message: &str,
        args: Encoded,
        expected: Encoded,
    ) -> Result<()>;
}

/// The remaining input, undecoded: a call's raw return value.
pub struct Rest(pub Vec<u8>);

impl Decode for Rest {
    fn decode<I: Input>(input: &mut I) -> Result<Self, scale::Error> {
        let mut bytes = Vec::new();
        while let Ok(b) = input.read_byte() {
            bytes.push(b);
        }
        Ok(Rest(bytes))
    }
}

// ----- the scenario's configuration ---------------------------------------

/// Seconds, in milliseconds: the scenario's clock.
pub const SECOND: u64 = 1_000;
/// The client's review period.
pub const REVIEW_PERIOD: u64 = 4 * SECOND;
/// How long the client may ask for review of an automated decision.
pub const REVIEW_WINDOW: u64 = 4 * SECOND;
/// How long the reviewer has.
pub const REVIEWER_DEADLINE: u64 = 120 * SECOND;
/// How long the arbitrator has to rule.
pub const RULING_PERIOD: u64 = 120 * SECOND;
/// How long a party may appeal.
pub const APPEAL_WINDOW: u64 = 4 * SECOND;

/// The flagship configuration with the scenario's short periods.
pub fn config(l: &dyn Ledger, registry: &AccountId32) -> Config {
    let id = |w| ink_account(&l.account(w));
    Config {
        client: id(Who::Client),
        contractor: id(Who::Contractor),
        guardian: id(Who::Guardian),
        arbitrator: id(Who::Arbitrator),
        agreement_hash: sha256(MASTER_AGREEMENT.as_bytes()),
        agreement_version: 1,
        clause: fixtures::clause(),
        milestones: service_agreement::escrow::prices(&MILESTONES),
        review_period: REVIEW_PERIOD,
        review: ReviewConfig {
            review_window: REVIEW_WINDOW,
            reviewer_deadline: REVIEWER_DEADLINE,
            confirm_high_risk: true,
        },
        reviewer: id(Who::Reviewer),
        auto_release_explanation: sha256(AUTO_RELEASE_EXPLANATION.as_bytes()),
        disputes: DisputeConfig {
            ruling_period: RULING_PERIOD,
            appeal_window: APPEAL_WINDOW,
            fallback: Fallback::RefundPayer,
        },
        settlement: SettlementRule::PayDeliveredRefundRest,
        registry: ink_account(registry),
        client_eds: fixtures::client_requirement(),
        contractor_eds: fixtures::contractor_requirement(),
        max_pause: fixtures::MAX_PAUSE,
    }
}

// ----- the transcript ------------------------------------------------------

/// The run's transcript: the same text on every ledger that behaves alike.
pub struct Transcript {
    text: String,
    names: Vec<(String, &'static str)>,
    times: Regex,
}

impl Transcript {
    fn new(l: &dyn Ledger) -> Self {
        let names = EVERYONE
            .iter()
            .map(|w| (format!("{:?}", ink_account(&l.account(*w))), name(*w)))
            .collect();
        Self {
            text: String::new(),
            names,
            times: Regex::new(
                r"\b(at|review_until|deadline|ruling_deadline|appeal_deadline|window_ends|valid_from|valid_until|decided_at): \d+",
            )
            .expect("a valid pattern"),
        }
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Names a contract's address, which differs between ledgers.
    fn name_contract(&mut self, address: &AccountId32, name: &'static str) {
        self.names
            .push((format!("{:?}", ink_account(address)), name));
    }

    fn line(&mut self, s: &str) {
        self.text.push_str(s);
        self.text.push('\n');
    }

    /// Debug text with accounts by role and block times masked.
    fn normalize(&self, debug: String) -> String {
        let mut s = debug;
        for (id, name) in &self.names {
            s = s.replace(id, name);
        }
        self.times.replace_all(&s, "$1: _").into_owned()
    }
}

/// The lines where two transcripts differ, each shown as both texts have
/// it (`(none)` past the end of the shorter one), labelled `a` and `b`.
pub fn differences(a: &str, b: &str, label_a: &str, label_b: &str) -> Vec<String> {
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let width = label_a.len().max(label_b.len()) + 1;
    (0..la.len().max(lb.len()))
        .filter_map(|i| {
            let (x, y) = (la.get(i).copied(), lb.get(i).copied());
            (x != y).then(|| {
                format!(
                    "  line {}:\n    {:width$} {}\n    {:width$} {}",
                    i + 1,
                    format!("{label_a}:"),
                    x.unwrap_or("(none)"),
                    format!("{label_b}:"),
                    y.unwrap_or("(none)"),
                )
            })
        })
        .collect()
}

fn name(w: Who) -> &'static str {
    match w {
        Who::Admin => "admin",
        Who::Client => "client",
        Who::Contractor => "contractor",
        Who::Arbitrator => "arbitrator",
        Who::Verifier => "verifier",
        Who::Guardian => "guardian",
        Who::Reviewer => "reviewer",
        Who::Stranger => "stranger",
    }
}

/// Whether raw event `data` is `expected` once block times are masked:
/// decodes the data as `expected`'s type (the whole input must be used).
fn same_event(t: &Transcript, expected: &ShartEvent, data: &[u8]) -> bool {
    match events::decode_as(expected, data) {
        Some(actual) => t.normalize(format!("{actual:?}")) == t.normalize(format!("{expected:?}")),
        None => false,
    }
}

/// Whose free balance the scenario follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holder {
    /// A participant's account.
    Of(Who),
    /// The `service_agreement` contract's own account.
    Escrow,
}

/// The followed balances: every payee the agreement can pay, the admin (who
/// must never receive the funds) and the escrow itself.
const FOLLOWED: [Holder; 4] = [
    Holder::Of(Who::Client),
    Holder::Of(Who::Contractor),
    Holder::Of(Who::Admin),
    Holder::Escrow,
];

fn holder_name(h: Holder) -> &'static str {
    match h {
        Holder::Of(w) => name(w),
        Holder::Escrow => "escrow",
    }
}

struct Run<'a> {
    l: &'a mut dyn Ledger,
    t: Transcript,
    escrow: Option<AccountId32>,
}

impl Run<'_> {
    fn step(&mut self, title: &str) {
        self.t.line(&format!("== {title}"));
    }

    fn expect_events(
        &mut self,
        what: &str,
        got: &[Vec<u8>],
        expected: &[ShartEvent],
    ) -> Result<()> {
        if got.len() != expected.len() {
            bail!(
                "{what}: {} events, expected {}: {:?}",
                got.len(),
                expected.len(),
                expected.iter().map(ShartEvent::name).collect::<Vec<_>>()
            );
        }
        for (data, e) in got.iter().zip(expected) {
            if !same_event(&self.t, e, data) {
                bail!(
                    "{what}: event 0x{} is not {}",
                    hex::encode(data),
                    self.t.normalize(format!("{e:?}"))
                );
            }
            let shown = self.t.normalize(format!("{e:?}"));
            self.t.line(&format!("   event {shown}"));
        }
        Ok(())
    }

    /// The followed balances, in [`FOLLOWED`] order (the escrow's once it
    /// is deployed).
    fn balances(&mut self) -> Result<Vec<u128>> {
        let mut out = Vec::with_capacity(FOLLOWED.len());
        for h in FOLLOWED {
            let account = match h {
                Holder::Of(w) => Some(self.l.account(w)),
                Holder::Escrow => self.escrow.clone(),
            };
            out.push(match account {
                Some(a) => self.l.balance(&a)?,
                None => 0,
            });
        }
        Ok(out)
    }

    /// Checks that every followed balance except the caller's (who pays
    /// fees on a real chain) moved by exactly `moved` (unnamed: by
    /// nothing), and writes the moves to the transcript.
    fn expect_moved(
        &mut self,
        what: &str,
        caller: Who,
        before: &[u128],
        moved: &[(Holder, i128)],
    ) -> Result<()> {
        let after = self.balances()?;
        let mut shown = Vec::new();
        for ((h, b), a) in FOLLOWED.iter().zip(before).zip(&after) {
            let expected = moved.iter().find(|(m, _)| m == h).map_or(0, |(_, d)| *d);
            if *h == Holder::Of(caller) {
                if expected != 0 {
                    bail!("{what}: the scenario cannot check the caller's balance exactly");
                }
                continue;
            }
            let actual = i128::try_from(*a)?.checked_sub(i128::try_from(*b)?);
            if actual != Some(expected) {
                bail!(
                    "{what}: {} moved by {actual:?}, expected {expected} (before {b}, after {a})",
                    holder_name(*h)
                );
            }
            if expected != 0 {
                shown.push(format!("{} {expected:+}", holder_name(*h)));
            }
        }
        if !shown.is_empty() {
            self.t.line(&format!("   balances: {}", shown.join(", ")));
        }
        Ok(())
    }

    fn call(
        &mut self,
        target: Target,
        who: Who,
        message: &str,
        args: impl Encode,
        value: u128,
        expected: &[ShartEvent],
    ) -> Result<()> {
        self.call_moving(target, who, message, args, value, expected, &[])
    }

    /// [`Self::call`], and the followed balances move by `moved`.
    #[allow(clippy::too_many_arguments)]
    fn call_moving(
        &mut self,
        target: Target,
        who: Who,
        message: &str,
        args: impl Encode,
        value: u128,
        expected: &[ShartEvent],
        moved: &[(Holder, i128)],
    ) -> Result<()> {
        let before = self.balances()?;
        let shown = if value > 0 {
            format!("   {} -> {message} with {value}: Ok", name(who))
        } else {
            format!("   {} -> {message}: Ok", name(who))
        };
        self.t.line(&shown);
        let got = self
            .l
            .call(target, who, message, Encoded::of(args), value)
            .map_err(|e| anyhow!("{} -> {message}: {e:#}", name(who)))?;
        self.expect_events(message, &got, expected)?;
        self.expect_moved(message, who, &before, moved)
    }

    fn refused(&mut self, who: Who, message: &str, args: impl Encode, error: Error) -> Result<()> {
        let before = self.balances()?;
        let shown = self.t.normalize(format!("{error:?}"));
        self.t
            .line(&format!("   {} -> {message}: refused: {shown}", name(who)));
        let expected: Result<(), Error> = Err(error);
        self.l
            .refused(
                Target::Agreement,
                who,
                message,
                Encoded::of(args),
                Encoded::of(expected),
            )
            .map_err(|e| anyhow!("{} -> {message} should be refused: {e:#}", name(who)))?;
        // A refusal moves nothing, not even the caller's money on drink; on
        // a node it is a dry run, which costs nothing either.
        let after = self.balances()?;
        if before != after {
            bail!("{message} was refused but balances moved: {before:?} -> {after:?}");
        }
        Ok(())
    }

    fn read<A: Encode, R: Encode + std::fmt::Debug>(
        &mut self,
        message: &str,
        args: A,
        expected: R,
    ) -> Result<()> {
        let shown = self.t.normalize(format!("{expected:?}"));
        self.t.line(&format!("   read {message}: {shown}"));
        self.l
            .read(
                Target::Agreement,
                message,
                Encoded::of(args),
                Encoded::of(expected),
            )
            .map_err(|e| anyhow!("read {message}: {e:#}"))
    }

    fn id(&self, who: Who) -> ink::primitives::AccountId {
        ink_account(&self.l.account(who))
    }
}

fn signed(amount: u128) -> Result<i128> {
    Ok(i128::try_from(amount)?)
}

/// The escrow pays each `(payee, amount)`: their balances rise by it, the
/// escrow's falls by the sum.
fn paid(payees: &[(Who, u128)]) -> Result<Vec<(Holder, i128)>> {
    let mut moved = Vec::new();
    let mut total: i128 = 0;
    for (who, amount) in payees {
        let amount = signed(*amount)?;
        moved.push((Holder::Of(*who), amount));
        total = total
            .checked_add(amount)
            .ok_or_else(|| anyhow!("payments overflow"))?;
    }
    moved.push((Holder::Escrow, -total));
    Ok(moved)
}

/// Deploys the EDS registry, then `service_agreement` gated on it with
/// [`config`], both by the admin.
///
/// # Errors
///
/// If a deployment fails.
pub fn deploy(l: &mut dyn Ledger) -> Result<(Deployed, Deployed)> {
    let registry = l.deploy(Target::Registry, Who::Admin, Encoded::of(()))?;
    let cfg = config(&*l, &registry.address);
    let agreement = l.deploy(Target::Agreement, Who::Admin, Encoded::of(cfg))?;
    Ok((registry, agreement))
}

/// Runs the lifecycle on `ledger`: attest, accept, fund, deliver, approve,
/// an automatic release sent to human review, dispute, ruling, appeal
/// window, execution, pause, termination. Returns the transcript.
///
/// # Errors
///
/// At the first outcome that differs from the expected one.
pub fn run(ledger: &mut dyn Ledger) -> Result<Transcript> {
    let t = Transcript::new(ledger);
    let mut r = Run {
        l: ledger,
        t,
        escrow: None,
    };
    let start = r.l.start();
    let total: u128 = MILESTONES.iter().sum();
    let (admin, client, contractor) = (r.id(Who::Admin), r.id(Who::Client), r.id(Who::Contractor));

    r.step("the admin deploys the EDS registry and service_agreement gated on it");
    let (registry, agreement) = deploy(r.l)?;
    r.t.name_contract(&registry.address, "registry");
    r.t.name_contract(&agreement.address, "escrow");
    r.escrow = Some(agreement.address);
    r.t.line("   admin -> new (registry), new (agreement): Ok");
    r.read(
        "pending_terms",
        (),
        Some(Terms {
            hash: sha256(MASTER_AGREEMENT.as_bytes()),
            version: 1,
        }),
    )?;
    r.read("parties", (), (client, contractor))?;
    r.read("clause", (), fixtures::clause())?;
    // What the parties accept is what runs: the digest they quote is
    // computed here, off chain, from the configuration deployed.
    let digest = fixtures::config_digest(&config(&*r.l, &registry.address));
    r.read("config_digest", (), digest)?;
    r.read("registry", (), ink_account(&registry.address))?;
    for (role, who) in [
        (Role::Guardian, Who::Guardian),
        (Role::Arbitrator, Who::Arbitrator),
        (Role::Reviewer, Who::Reviewer),
    ] {
        let id = r.id(who);
        r.read("has_role", (role, id), true)?;
    }

    r.step("the admin accredits the verifier");
    r.call(
        Target::Registry,
        Who::Admin,
        "accredit_verifier",
        r.id(Who::Verifier),
        0,
        &[ShartEvent::VerifierAccredited(VerifierAccredited {
            verifier: r.id(Who::Verifier),
            by: admin,
            at: 0,
        })],
    )?;

    r.step("the verifier attests the client (a company's chief executive) and the contractor (an individual)");
    for (who, label, role, id) in [
        (Who::Client, "client", EdsRole::ChiefExecutive, 1u64),
        (Who::Contractor, "contractor", EdsRole::Individual, 2u64),
    ] {
        let e = fixtures::evidence_around(&r.l.account(who), label, role, start);
        let recorded = ShartEvent::AttestationRecorded(AttestationRecorded {
            id,
            account: e.account,
            verifier: r.id(Who::Verifier),
            holder_kind: e.holder_kind,
            role,
            ca: e.ca,
            valid_until: e.valid_until,
            statement_hash: e.statement_hash,
        });
        r.call(Target::Registry, Who::Verifier, "attest", e, 0, &[recorded])?;
    }

    r.step("funding before the agreement is effective is refused");
    r.refused(
        Who::Client,
        "fund",
        (),
        Error::Agreement(safeguards::AgreementError::NotEffective),
    )?;

    r.step("both parties accept the agreement on their attestations");
    let hash = sha256(MASTER_AGREEMENT.as_bytes());
    r.call(
        Target::Agreement,
        Who::Client,
        "accept_agreement",
        (hash, 1u32, digest),
        0,
        &[ShartEvent::AgreementAccepted(AgreementAccepted {
            party: client,
            hash,
            version: 1,
            at: 0,
            attestation: 1,
        })],
    )?;
    r.call(
        Target::Agreement,
        Who::Contractor,
        "accept_agreement",
        (hash, 1u32, digest),
        0,
        &[
            ShartEvent::AgreementAccepted(AgreementAccepted {
                party: contractor,
                hash,
                version: 1,
                at: 0,
                attestation: 2,
            }),
            ShartEvent::AgreementEffective(AgreementEffective {
                hash,
                version: 1,
                at: 0,
            }),
        ],
    )?;

    r.step("the client funds the escrow with the milestone total");
    r.call_moving(
        Target::Agreement,
        Who::Client,
        "fund",
        (),
        total,
        &[ShartEvent::EscrowFunded(EscrowFunded {
            by: client,
            amount: total,
        })],
        &[(Holder::Escrow, signed(total)?)],
    )?;
    r.read("held", (), total)?;

    r.step("milestone 0: delivered, approved, paid");
    let delivered = |m: u32| {
        ShartEvent::MilestoneDelivered(MilestoneDelivered {
            milestone: m,
            at: 0,
            review_until: 0,
        })
    };
    let released = |m: u32, automated: bool| {
        ShartEvent::MilestoneReleased(MilestoneReleased {
            milestone: m,
            to: contractor,
            amount: MILESTONES[m as usize],
            automated,
        })
    };
    r.call(
        Target::Agreement,
        Who::Contractor,
        "mark_delivered",
        0u32,
        0,
        &[delivered(0)],
    )?;
    r.call_moving(
        Target::Agreement,
        Who::Client,
        "approve_milestone",
        0u32,
        0,
        &[released(0, false)],
        &paid(&[(Who::Contractor, MILESTONES[0])])?,
    )?;

    r.step("milestone 1: delivered; after the review period the contract decides to release it; the client asks for review; the reviewer upholds; anyone carries it out");
    r.call(
        Target::Agreement,
        Who::Contractor,
        "mark_delivered",
        1u32,
        0,
        &[delivered(1)],
    )?;
    let delivered_at = r.l.elapsed();
    r.l.wait_until(delivered_at + REVIEW_PERIOD + SECOND)?;
    r.call(
        Target::Agreement,
        Who::Stranger,
        "auto_release",
        1u32,
        0,
        &[ShartEvent::AutomatedDecisionRecorded(
            AutomatedDecisionRecorded {
                subject: client,
                id: 1,
                kind: AUTO_RELEASE,
                item: 1,
                verdict: Verdict::Adverse,
                amount: Some(MILESTONES[1]),
                explanation: sha256(AUTO_RELEASE_EXPLANATION.as_bytes()),
                ai: AUTO_RELEASE_LABEL,
                review_until: 0,
                needs_confirmation: false,
            },
        )],
    )?;
    let reason = doc("client: acceptance tests were not run");
    r.call(
        Target::Agreement,
        Who::Client,
        "request_review",
        (1u32, reason),
        0,
        &[ShartEvent::ReviewRequested(ReviewRequested {
            subject: client,
            id: 1,
            reason,
            deadline: 0,
        })],
    )?;
    r.refused(
        Who::Stranger,
        "execute_decision",
        1u32,
        Error::Review(ReviewError::NotYetFinal { id: 1 }),
    )?;
    let reasoning = doc("review: acceptance log shows the tests passed");
    r.call(
        Target::Agreement,
        Who::Reviewer,
        "resolve_review",
        (1u32, None::<Verdict>, reasoning),
        0,
        &[ShartEvent::ReviewResolved(ReviewResolved {
            subject: client,
            id: 1,
            reviewer: r.id(Who::Reviewer),
            upheld: true,
            verdict: Verdict::Adverse,
            reasoning,
        })],
    )?;
    r.call_moving(
        Target::Agreement,
        Who::Stranger,
        "execute_decision",
        1u32,
        0,
        &[
            ShartEvent::DecisionTookEffect(DecisionTookEffect {
                subject: client,
                id: 1,
                verdict: Verdict::Adverse,
                basis: EffectBasis::Upheld,
            }),
            released(1, true),
        ],
        &paid(&[(Who::Contractor, MILESTONES[1])])?,
    )?;

    r.step("milestone 2: delivered; the client disputes it; the arbitrator rules 40 % to the client; after the appeal window anyone executes");
    r.call(
        Target::Agreement,
        Who::Contractor,
        "mark_delivered",
        2u32,
        0,
        &[delivered(2)],
    )?;
    r.call(
        Target::Agreement,
        Who::Client,
        "raise_dispute",
        (2u32, doc("evidence: defects report")),
        0,
        &[ShartEvent::DisputeRaised(DisputeRaised {
            id: 0,
            subject: 2,
            raised_by: client,
            amount: MILESTONES[2],
            evidence_hash: doc("evidence: defects report"),
            ruling_deadline: 0,
        })],
    )?;
    r.call(
        Target::Agreement,
        Who::Arbitrator,
        "rule",
        (0u32, 4_000u16, doc("award")),
        0,
        &[ShartEvent::RulingIssued(RulingIssued {
            id: 0,
            arbitrator: r.id(Who::Arbitrator),
            payer_bps: 4_000,
            award_hash: doc("award"),
            appeal_deadline: 0,
        })],
    )?;
    let ruled_at = r.l.elapsed();
    r.l.wait_until(ruled_at + APPEAL_WINDOW + SECOND)?;
    let (to_client, to_contractor) = (MILESTONES[2] * 4 / 10, MILESTONES[2] * 6 / 10);
    r.call_moving(
        Target::Agreement,
        Who::Stranger,
        "execute_ruling",
        0u32,
        0,
        &[ShartEvent::DisputeResolved(DisputeResolved {
            id: 0,
            subject: 2,
            payer_amount: to_client,
            payee_amount: to_contractor,
            by_fallback: false,
        })],
        &paid(&[(Who::Client, to_client), (Who::Contractor, to_contractor)])?,
    )?;

    r.step("milestone 3 delivered; the guardian pauses; releases stop; the client disputes milestone 4");
    r.call(
        Target::Agreement,
        Who::Contractor,
        "mark_delivered",
        3u32,
        0,
        &[delivered(3)],
    )?;
    r.call(
        Target::Agreement,
        Who::Guardian,
        "pause",
        doc("court order"),
        0,
        &[ShartEvent::ContractPaused(ContractPaused {
            by: r.id(Who::Guardian),
            reason_hash: doc("court order"),
            at: 0,
        })],
    )?;
    r.refused(
        Who::Client,
        "approve_milestone",
        3u32,
        Error::KillSwitch(KillSwitchError::Paused),
    )?;
    r.call(
        Target::Agreement,
        Who::Client,
        "raise_dispute",
        (4u32, doc("evidence: not started")),
        0,
        &[ShartEvent::DisputeRaised(DisputeRaised {
            id: 1,
            subject: 4,
            raised_by: client,
            amount: MILESTONES[4],
            evidence_hash: doc("evidence: not started"),
            ruling_deadline: 0,
        })],
    )?;
    r.read("state", (), SwitchState::Paused)?;

    r.step("the admin terminates: delivered m3 to the contractor, nothing to the admin; disputed m4 stays frozen under its dispute");
    // The admin calls, so its own balance moves by its fees on a node; that
    // the escrow loses exactly what the contractor gains shows that nothing
    // went to the admin.
    r.call_moving(
        Target::Agreement,
        Who::Admin,
        "terminate",
        doc("court decision"),
        0,
        &[
            ShartEvent::ContractTerminated(ContractTerminated {
                by: admin,
                reason_hash: doc("court decision"),
                settled: MILESTONES[3],
                at: 0,
            }),
            ShartEvent::SettlementPaid(SettlementPaid {
                recipient: contractor,
                amount: MILESTONES[3],
            }),
        ],
        &paid(&[(Who::Contractor, MILESTONES[3])])?,
    )?;
    r.read("held", (), MILESTONES[4])?;

    r.step("the dispute over m4 goes on after termination: the arbitrator rules it all to the client; after the appeal window anyone executes");
    r.call(
        Target::Agreement,
        Who::Arbitrator,
        "rule",
        (1u32, 10_000u16, doc("award m4")),
        0,
        &[ShartEvent::RulingIssued(RulingIssued {
            id: 1,
            arbitrator: r.id(Who::Arbitrator),
            payer_bps: 10_000,
            award_hash: doc("award m4"),
            appeal_deadline: 0,
        })],
    )?;
    let ruled_at = r.l.elapsed();
    r.l.wait_until(ruled_at + APPEAL_WINDOW + SECOND)?;
    r.call_moving(
        Target::Agreement,
        Who::Stranger,
        "execute_ruling",
        1u32,
        0,
        &[ShartEvent::DisputeResolved(DisputeResolved {
            id: 1,
            subject: 4,
            payer_amount: MILESTONES[4],
            payee_amount: 0,
            by_fallback: false,
        })],
        &paid(&[(Who::Client, MILESTONES[4])])?,
    )?;
    r.read("held", (), 0u128)?;
    r.refused(
        Who::Admin,
        "resume",
        (),
        Error::KillSwitch(KillSwitchError::WrongState {
            expected: SwitchState::Paused,
            actual: SwitchState::Terminated,
        }),
    )?;
    Ok(r.t)
}

// ----- the drink ledger ----------------------------------------------------

/// The scenario in drink's in-process runtime, from [`T0`], every account
/// funded; time jumps.
pub struct DrinkLedger {
    chain: Chain,
    accounts: fixtures::Accounts,
    registry: Option<Instance>,
    agreement: Option<Instance>,
    bundles: [Bundle; 2],
}

impl DrinkLedger {
    /// A fresh chain at [`T0`]; builds the bundles if needed.
    ///
    /// # Errors
    ///
    /// If a bundle cannot be built.
    pub fn new() -> Result<Self> {
        let bundles = [
            bundle::bundle("eds_registry")?,
            bundle::bundle("service_agreement")?,
        ];
        let accounts = fixtures::Accounts::new();
        let mut chain = Chain::new();
        for (account, _) in accounts.names().iter().skip(1) {
            chain.mint(account, START_BALANCE);
        }
        chain.advance_to(T0);
        Ok(Self {
            chain,
            accounts,
            registry: None,
            agreement: None,
            bundles,
        })
    }

    fn instance(&self, target: Target) -> Result<Instance> {
        match target {
            Target::Registry => self.registry.clone(),
            Target::Agreement => self.agreement.clone(),
        }
        .ok_or_else(|| anyhow!("{} is not deployed", target.name()))
    }

    fn emitted(address: &AccountId32, events: &[crate::runtime::Emitted]) -> Vec<Vec<u8>> {
        events
            .iter()
            .filter(|e| &e.contract == address)
            .map(|e| e.data.clone())
            .collect()
    }
}

impl Ledger for DrinkLedger {
    fn name(&self) -> &'static str {
        "drink"
    }

    fn account(&self, who: Who) -> AccountId32 {
        let a = &self.accounts;
        match who {
            Who::Admin => a.admin.clone(),
            Who::Client => a.client.clone(),
            Who::Contractor => a.contractor.clone(),
            Who::Arbitrator => a.arbitrator.clone(),
            Who::Verifier => a.verifier.clone(),
            Who::Guardian => a.guardian.clone(),
            Who::Reviewer => a.reviewer.clone(),
            Who::Stranger => a.stranger.clone(),
        }
    }

    fn start(&self) -> u64 {
        T0
    }

    fn elapsed(&mut self) -> u64 {
        self.chain.now().saturating_sub(T0)
    }

    fn wait_until(&mut self, offset: u64) -> Result<()> {
        let at = T0.saturating_add(offset);
        if at > self.chain.now() {
            self.chain.advance_to(at);
        }
        Ok(())
    }

    fn deploy(&mut self, target: Target, who: Who, args: Encoded) -> Result<Deployed> {
        let index = match target {
            Target::Registry => 0,
            Target::Agreement => 1,
        };
        let bundle = self.bundles[index].clone();
        let origin = self.account(who);
        let out = self.chain.deploy(&bundle, &origin, "new", args, 0, &[]);
        let instance = out
            .value
            .clone()
            .map_err(|e| anyhow!("deploying {} failed: {e:?}", target.name()))?;
        let address = instance.address.clone();
        match target {
            Target::Registry => self.registry = Some(instance),
            Target::Agreement => self.agreement = Some(instance),
        }
        Ok(Deployed { address })
    }

    fn call(
        &mut self,
        target: Target,
        who: Who,
        message: &str,
        args: Encoded,
        value: u128,
    ) -> Result<Vec<Vec<u8>>> {
        let instance = self.instance(target)?;
        let origin = self.account(who);
        let out = self
            .chain
            .call::<_, Rest>(&instance, &origin, message, args, value);
        if out.reverted {
            let data = out.value.map(|r| hex::encode(r.0));
            bail!("reverted: {data:?}");
        }
        out.value.map_err(|e| anyhow!("{e:?}"))?;
        Ok(Self::emitted(&instance.address, &out.events))
    }

    fn refused(
        &mut self,
        target: Target,
        who: Who,
        message: &str,
        args: Encoded,
        expected: Encoded,
    ) -> Result<()> {
        let instance = self.instance(target)?;
        let origin = self.account(who);
        let out = self
            .chain
            .call::<_, Rest>(&instance, &origin, message, args, 0);
        let got = out.value.map_err(|e| anyhow!("{e:?}"))?;
        if !out.reverted || got.0 != expected.0 {
            bail!(
                "got 0x{} (reverted: {}), expected 0x{}",
                hex::encode(got.0),
                out.reverted,
                hex::encode(expected.0)
            );
        }
        Ok(())
    }

    fn balance(&mut self, account: &AccountId32) -> Result<u128> {
        Ok(self.chain.balance(account))
    }

    fn read(
        &mut self,
        target: Target,
        message: &str,
        args: Encoded,
        expected: Encoded,
    ) -> Result<()> {
        let instance = self.instance(target)?;
        let got: Rest = self
            .chain
            .read(&instance, message, args)
            .map_err(|e| anyhow!("{e:?}"))?;
        if got.0 != expected.0 {
            bail!(
                "got 0x{}, expected 0x{}",
                hex::encode(got.0),
                hex::encode(expected.0)
            );
        }
        Ok(())
    }
}
