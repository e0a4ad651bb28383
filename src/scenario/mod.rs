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

use std::time::Duration;

use anyhow::{anyhow, bail, Result};
use drink::AccountId32;
use regex::Regex;
use safeguards::{
    agreement::{
        Acceptance, AcceptanceAttestationInvalidated, AgreementAccepted, AgreementEffective, Terms,
    },
    dispute::{
        DisputeConfig, DisputeRaised, DisputeResolved, EvidenceSubmitted, Fallback, RulingAppealed,
        RulingIssued,
    },
    eds::{AttestationRecorded, AttestationRevoked, EdsRole, RevocationReason, VerifierAccredited},
    kill_switch::{ContractPaused, ContractTerminated, SettlementPaid, SwitchState},
    review::{
        AutomatedDecisionRecorded, DecisionTookEffect, EffectBasis, ReviewConfig, ReviewRequested,
        ReviewResolved, Verdict,
    },
    roles::Role,
    DisputeError, EdsError, Hash32, KillSwitchError, ReviewError, RolesError,
};
use scale::{Decode, Encode, Input};
use service_agreement::{
    escrow::{
        Config, EscrowFunded, MilestoneDelivered, MilestoneReleased, SettlementRule, AUTO_RELEASE,
        AUTO_RELEASE_LABEL,
    },
    Error, EscrowError,
};

use crate::{
    bundle::{self, Bundle},
    eds::{
        self,
        testkit::{self, CertSpec, CmsSpec, KeyKind, Pki, TestKey},
    },
    events::{self, ShartEvent},
    fixtures::{
        self, doc, sha256, AUTO_RELEASE_EXPLANATION, MASTER_AGREEMENT, MILESTONES, START_BALANCE,
        T0,
    },
    runtime::{ink_account, Chain, Encoded, Instance},
    statement::{ChainId, Statement},
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
    /// The constructor's events, decoded, where the ledger reports them
    /// (drink does; the node ledger does not).
    pub events: Option<Vec<ShartEvent>>,
    /// What the deployment cost, where the ledger measures it.
    pub cost: Option<Cost>,
}

/// What a ledger reports of a call that succeeded.
#[derive(Debug, Clone)]
pub struct Called {
    /// The raw data of the events the called contract emitted, in order.
    pub events: Vec<Vec<u8>>,
    /// What the call cost, where the ledger measures it (drink does; the
    /// node ledger does not).
    pub cost: Option<Cost>,
    /// The block time the call ran at, where the ledger knows it (drink
    /// does): the scenario then checks every time and deadline in the
    /// events exactly.
    pub at: Option<u64>,
}

/// Gas and storage deposit of one call, as drink measures them.
#[derive(Debug, Clone, Copy)]
pub struct Cost {
    /// Gas: ref_time, in picoseconds.
    pub ref_time: u64,
    /// Gas: proof_size, in bytes.
    pub proof_size: u64,
    /// Storage deposit charged to the caller (negative: refunded).
    pub storage_deposit: i128,
}

/// A chain the scenario can run on.
pub trait Ledger {
    /// "drink" or "node".
    fn name(&self) -> &'static str;
    /// The account standing for `who`.
    fn account(&self, who: Who) -> AccountId32;
    /// The chain a binding statement names: drink's local name, or the
    /// node's genesis hash.
    ///
    /// # Errors
    ///
    /// If the ledger cannot tell.
    fn chain_id(&mut self) -> Result<ChainId>;
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
    /// `target` emitted, in order, and the cost where the ledger measures it.
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
    ) -> Result<Called>;
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
/// How long the client may ask for review of an automated decision. A
/// real node takes a few seconds a transaction, so a window holds more
/// than one call.
pub const REVIEW_WINDOW: u64 = 10 * SECOND;
/// How long the reviewer has.
pub const REVIEWER_DEADLINE: u64 = 120 * SECOND;
/// How long the arbitrator has to rule.
pub const RULING_PERIOD: u64 = 120 * SECOND;
/// How long a party may appeal: the contractor's appeal comes one call
/// after the ruling.
pub const APPEAL_WINDOW: u64 = 10 * SECOND;

/// The flagship configuration with the scenario's short periods.
pub fn config(l: &dyn Ledger, registry: &AccountId32) -> Config {
    let id = |w| ink_account(&l.account(w));
    Config {
        cold_code: fixtures::cold_code(),
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

/// The run's transcript, kept twice.
///
/// - [`Transcript::text`] is what two ledgers that behave alike print the
///   same: accounts, contracts and run-specific hashes by name, block times
///   masked, no costs. The node test compares it line for line.
/// - [`Transcript::shown`] is what a reader sees (`shart demo` prints it as
///   it goes): the same lines with times, 32-byte hashes shortened, step
///   numbers, and the details a ledger adds (gas, storage deposits,
///   constructor events, the binding statement).
pub struct Transcript {
    text: String,
    shown: String,
    echo: bool,
    steps: usize,
    checks: usize,
    names: Vec<(String, String)>,
    times: Regex,
    hashes: Regex,
}

impl Transcript {
    fn new(l: &dyn Ledger, echo: bool) -> Self {
        let names = EVERYONE
            .iter()
            .map(|w| {
                (
                    format!("{:?}", ink_account(&l.account(*w))),
                    name(*w).to_owned(),
                )
            })
            .collect();
        Self {
            text: String::new(),
            shown: String::new(),
            echo,
            steps: 0,
            checks: 0,
            names,
            times: Regex::new(
                r"\b(at|until|review_until|deadline|ruling_deadline|appeal_deadline|window_ends|valid_from|valid_until|decided_at): \d+",
            )
            .expect("a valid pattern"),
            hashes: Regex::new(r"\[((?:[0-9]{1,3}, ){31}[0-9]{1,3})\]").expect("a valid pattern"),
        }
    }

    /// The text two ledgers that behave alike print the same.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text for a reader: times, short hashes, costs and details.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// Steps run.
    pub fn steps(&self) -> usize {
        self.steps
    }

    /// Outcomes checked: each call's result and events, each balance move,
    /// each refusal, each read.
    pub fn checks(&self) -> usize {
        self.checks
    }

    /// Names a contract's address, which differs between ledgers.
    fn name_contract(&mut self, address: &AccountId32, name: &str) {
        self.name_value(&ink_account(address), name);
    }

    /// Names a value that differs between runs or ledgers (a hash of what
    /// names a contract's address, a key made afresh): its Debug text is
    /// replaced by `name` wherever it appears.
    fn name_value(&mut self, value: &impl std::fmt::Debug, name: &str) {
        self.names.push((format!("{value:?}"), name.to_owned()));
    }

    fn step(&mut self, title: &str) {
        self.steps = self.steps.saturating_add(1);
        let shown = format!("\n== {}. {title}", self.steps);
        self.both(&format!("== {title}"), &shown);
    }

    /// A line of both texts: times masked in one, hashes shortened in the
    /// other.
    fn line(&mut self, s: &str) {
        let compared = self.times.replace_all(s, "$1: _").into_owned();
        self.both(&compared, s);
    }

    fn both(&mut self, compared: &str, shown: &str) {
        self.text.push_str(compared);
        self.text.push('\n');
        self.detail(shown);
    }

    /// A line only the reader's text has, hashes shortened.
    fn detail(&mut self, s: &str) {
        let s = self
            .hashes
            .replace_all(s, |c: &regex::Captures| short_hex(&c[1]))
            .into_owned();
        if self.echo {
            println!("{s}");
        }
        self.shown.push_str(&s);
        self.shown.push('\n');
    }

    fn checked(&mut self) {
        self.checks = self.checks.saturating_add(1);
    }

    /// Debug text with accounts and named values by name.
    fn named(&self, debug: String) -> String {
        let mut s = debug;
        for (id, name) in &self.names {
            s = s.replace(id, name);
        }
        s
    }

    /// [`Self::named`], block times masked: for comparing values.
    fn normalize(&self, debug: String) -> String {
        let s = self.named(debug);
        self.times.replace_all(&s, "$1: _").into_owned()
    }
}

/// `0x` and the first four and last two bytes of a comma-separated byte
/// list (Debug text of a `[u8; 32]`).
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
    registry: Option<AccountId32>,
    escrow: Option<AccountId32>,
}

impl Run<'_> {
    fn step(&mut self, title: &str) {
        self.t.step(title);
    }

    /// Checks the raw `got` events against `expected` (block times masked),
    /// writes them, and returns them decoded, times and all.
    fn expect_events(
        &mut self,
        what: &str,
        got: &[Vec<u8>],
        expected: &[ShartEvent],
    ) -> Result<Vec<ShartEvent>> {
        if got.len() != expected.len() {
            bail!(
                "{what}: {} events, expected {}: {:?}",
                got.len(),
                expected.len(),
                expected.iter().map(ShartEvent::name).collect::<Vec<_>>()
            );
        }
        let mut decoded = Vec::with_capacity(got.len());
        for (data, e) in got.iter().zip(expected) {
            let actual = events::decode_as(e, data).filter(|a| {
                self.t.normalize(format!("{a:?}")) == self.t.normalize(format!("{e:?}"))
            });
            let Some(actual) = actual else {
                bail!(
                    "{what}: event 0x{} is not {}",
                    hex::encode(data),
                    self.t.normalize(format!("{e:?}"))
                );
            };
            let shown = self.t.named(format!("{actual:?}"));
            self.t.line(&format!("   event {shown}"));
            self.t.checked();
            decoded.push(actual);
        }
        Ok(decoded)
    }

    fn show_cost(&mut self, cost: Option<Cost>) {
        if let Some(c) = cost {
            self.t.detail(&format!(
                "      gas: ref_time {} proof_size {}; storage deposit {}",
                c.ref_time, c.proof_size, c.storage_deposit
            ));
        }
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
    ///
    /// `caller_pays`, where the ledger knows it, is what the caller pays
    /// (value sent and storage deposit); its balance is then checked too,
    /// and not written (it differs between ledgers).
    fn expect_moved(
        &mut self,
        what: &str,
        caller: Who,
        before: &[u128],
        moved: &[(Holder, i128)],
        caller_pays: Option<i128>,
    ) -> Result<()> {
        let after = self.balances()?;
        let mut shown = Vec::new();
        for ((h, b), a) in FOLLOWED.iter().zip(before).zip(&after) {
            let expected = moved.iter().find(|(m, _)| m == h).map_or(0, |(_, d)| *d);
            if *h == Holder::Of(caller) {
                if expected != 0 {
                    bail!("{what}: the scenario cannot check the caller's balance exactly");
                }
                if let Some(pays) = caller_pays {
                    let actual = i128::try_from(*a)?.checked_sub(i128::try_from(*b)?);
                    if actual != pays.checked_neg() {
                        bail!(
                            "{what}: the caller {} moved by {actual:?}, expected {} (value and storage deposit)",
                            holder_name(*h),
                            -pays
                        );
                    }
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
        self.t.checked();
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
    ) -> Result<Vec<ShartEvent>> {
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
    ) -> Result<Vec<ShartEvent>> {
        let before = self.balances()?;
        let shown = if value > 0 {
            format!("   {} -> {message} with {value}: Ok", name(who))
        } else {
            format!("   {} -> {message}: Ok", name(who))
        };
        self.t.line(&shown);
        let called = self
            .l
            .call(target, who, message, Encoded::of(args), value)
            .map_err(|e| anyhow!("{} -> {message}: {e:#}", name(who)))?;
        let decoded = self.expect_events(message, &called.events, expected)?;
        if let Some(at) = called.at {
            check_times(message, &decoded, at)?;
            self.t.checked();
        }
        self.show_cost(called.cost);
        // Where the ledger measures the cost (drink, which charges no
        // fees), the caller's balance is checked too: it pays exactly what
        // it sent and the storage deposit.
        let caller_pays = match called.cost {
            Some(c) => Some(
                signed(value)?
                    .checked_add(c.storage_deposit)
                    .ok_or_else(|| anyhow!("{message}: the caller's payment overflows"))?,
            ),
            None => None,
        };
        self.expect_moved(message, who, &before, moved, caller_pays)?;
        Ok(decoded)
    }

    fn refused(&mut self, who: Who, message: &str, args: impl Encode, error: Error) -> Result<()> {
        let before = self.balances()?;
        let shown = self.t.named(format!("{error:?}"));
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
        self.t.checked();
        Ok(())
    }

    fn read<A: Encode, R: Encode + std::fmt::Debug>(
        &mut self,
        message: &str,
        args: A,
        expected: R,
    ) -> Result<()> {
        let shown = self.t.named(format!("{expected:?}"));
        self.t.line(&format!("   read {message}: {shown}"));
        self.l
            .read(
                Target::Agreement,
                message,
                Encoded::of(args),
                Encoded::of(expected),
            )
            .map_err(|e| anyhow!("read {message}: {e:#}"))?;
        self.t.checked();
        Ok(())
    }

    fn id(&self, who: Who) -> ink::primitives::AccountId {
        ink_account(&self.l.account(who))
    }
}

/// Checks every time in `events` against the block time `at` of the call
/// that emitted them: an event's `at` is `at`, and each deadline is `at`
/// plus its period in [`config`].
fn check_times(what: &str, events: &[ShartEvent], at: u64) -> Result<()> {
    let after = |period: u64| at.checked_add(period);
    for e in events {
        let (name, got, expected) = match e {
            ShartEvent::MilestoneDelivered(d) => {
                if d.at != at {
                    bail!(
                        "{what}: MilestoneDelivered at {}, the block is at {at}",
                        d.at
                    );
                }
                ("review_until", d.review_until, after(REVIEW_PERIOD))
            }
            ShartEvent::AutomatedDecisionRecorded(d) => {
                ("review_until", d.review_until, after(REVIEW_WINDOW))
            }
            ShartEvent::ReviewRequested(r) => ("deadline", r.deadline, after(REVIEWER_DEADLINE)),
            ShartEvent::DisputeRaised(d) => {
                ("ruling_deadline", d.ruling_deadline, after(RULING_PERIOD))
            }
            ShartEvent::RulingIssued(r) => {
                ("appeal_deadline", r.appeal_deadline, after(APPEAL_WINDOW))
            }
            ShartEvent::RulingAppealed(r) => {
                ("ruling_deadline", r.ruling_deadline, after(RULING_PERIOD))
            }
            ShartEvent::VerifierAccredited(v) => ("at", v.at, Some(at)),
            ShartEvent::AgreementAccepted(v) => ("at", v.at, Some(at)),
            ShartEvent::AgreementEffective(v) => ("at", v.at, Some(at)),
            ShartEvent::ContractPaused(v) => ("at", v.at, Some(at)),
            ShartEvent::ContractTerminated(v) => ("at", v.at, Some(at)),
            ShartEvent::AttestationRevoked(v) => ("at", v.at, Some(at)),
            ShartEvent::AcceptanceAttestationInvalidated(v) => ("at", v.at, Some(at)),
            _ => continue,
        };
        if Some(got) != expected {
            bail!(
                "{what}: {} {name} is {got}, expected {expected:?} (the block is at {at})",
                e.name()
            );
        }
    }
    Ok(())
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

/// Runs the lifecycle on `ledger` and returns the transcript: deploy;
/// the refusals before anyone is attested; EDS signing, off-chain
/// verification and attestation; acceptance, funding, a release; an
/// automatic release sent to human review; a dispute with a ruling, an
/// appeal, a second ruling and its execution; pause, termination, a
/// dispute that goes on after it; a revoked certificate.
///
/// # Errors
///
/// At the first outcome that differs from the expected one.
pub fn run(ledger: &mut dyn Ledger) -> Result<Transcript> {
    run_with(ledger, false)
}

/// [`run`], printing the reader's transcript ([`Transcript::shown`]) as it
/// goes: what `shart demo` does.
///
/// # Errors
///
/// As [`run`].
pub fn run_printed(ledger: &mut dyn Ledger) -> Result<Transcript> {
    run_with(ledger, true)
}

fn run_with(ledger: &mut dyn Ledger, echo: bool) -> Result<Transcript> {
    let t = Transcript::new(ledger, echo);
    let mut r = Run {
        l: ledger,
        t,
        registry: None,
        escrow: None,
    };
    let total: u128 = MILESTONES.iter().sum();
    let (admin, client, contractor) = (r.id(Who::Admin), r.id(Who::Client), r.id(Who::Contractor));

    let digest = deploy_both(&mut r)?;

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

    r.step("the client accepts before any EDS attestation: refused");
    let hash = sha256(MASTER_AGREEMENT.as_bytes());
    r.refused(
        Who::Client,
        "accept_agreement",
        (hash, 1u32, digest),
        Error::Eds(EdsError::NoAttestation { account: client }),
    )?;

    sign_verify_attest(&mut r, digest)?;

    r.step("funding before the agreement is effective is refused");
    r.refused(
        Who::Client,
        "fund",
        (),
        Error::Agreement(safeguards::AgreementError::NotEffective),
    )?;

    r.step("both parties accept the EDS-signed agreement (hash, version 1, configuration digest), each on its attestation");
    let mut accepted = r.call(
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
    accepted.extend(r.call(
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
    )?);
    // The acceptance log as the contract keeps it, at the times the
    // events report.
    let acceptances: Vec<Acceptance> = accepted
        .iter()
        .filter_map(|e| match e {
            ShartEvent::AgreementAccepted(a) => Some(Acceptance {
                party: a.party,
                version: a.version,
                at: a.at,
                attestation: a.attestation,
                invalidated: None,
            }),
            _ => None,
        })
        .collect();
    r.read("acceptances", (), acceptances.clone())?;

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

    r.step("milestone 0: delivered, approved by the client, paid");
    deliver(&mut r, 0)?;
    r.call_moving(
        Target::Agreement,
        Who::Client,
        "approve_milestone",
        0u32,
        0,
        &[released(contractor, 0, false)],
        &paid(&[(Who::Contractor, MILESTONES[0])])?,
    )?;

    automated_release_reviewed(&mut r)?;
    dispute_appealed(&mut r)?;
    pause_and_terminate(&mut r)?;
    revocation(&mut r, acceptances)?;
    Ok(r.t)
}

fn released(to: ink::primitives::AccountId, m: u32, automated: bool) -> ShartEvent {
    ShartEvent::MilestoneReleased(MilestoneReleased {
        milestone: m,
        to,
        amount: MILESTONES[m as usize],
        automated,
    })
}

/// The contractor marks milestone `m` delivered; returns the end of the
/// client's review period.
fn deliver(r: &mut Run<'_>, m: u32) -> Result<u64> {
    let got = r.call(
        Target::Agreement,
        Who::Contractor,
        "mark_delivered",
        m,
        0,
        &[ShartEvent::MilestoneDelivered(MilestoneDelivered {
            milestone: m,
            at: 0,
            review_until: 0,
        })],
    )?;
    got.iter()
        .find_map(|e| match e {
            ShartEvent::MilestoneDelivered(d) => Some(d.review_until),
            _ => None,
        })
        .ok_or_else(|| anyhow!("no MilestoneDelivered"))
}

/// Deploys both contracts, checks what the agreement was instantiated
/// with, and returns the configuration digest the parties quote.
fn deploy_both(r: &mut Run<'_>) -> Result<Hash32> {
    r.step("the admin deploys the EDS registry and service_agreement gated on it: agreement anchored, IAC clause set, roles granted");
    let (registry, agreement) = deploy(r.l)?;
    r.t.name_contract(&registry.address, "registry");
    r.t.name_contract(&agreement.address, "escrow");
    r.escrow = Some(agreement.address.clone());
    r.registry = Some(registry.address.clone());
    r.t.line("   admin -> new (registry), new (agreement): Ok");
    // Drink reports the constructor's events and cost; the node ledger
    // does not, so they are details of the reader's text.
    if let Some(events) = &agreement.events {
        let names: Vec<&str> = events.iter().map(ShartEvent::name).collect();
        let expected = [
            "ColdCodeLinked",
            "AgreementAnchored",
            "ArbitrationClauseSet",
            "RoleGranted",
            "RoleGranted",
            "RoleGranted",
        ];
        if names != expected {
            bail!("the constructor emitted {names:?}, expected {expected:?}");
        }
        r.t.checked();
        for e in events {
            let shown = r.t.named(format!("{e:?}"));
            r.t.detail(&format!("   event {shown}"));
        }
    }
    r.show_cost(agreement.cost);
    r.read(
        "pending_terms",
        (),
        Some(Terms {
            hash: sha256(MASTER_AGREEMENT.as_bytes()),
            version: 1,
        }),
    )?;
    r.read("parties", (), (r.id(Who::Client), r.id(Who::Contractor)))?;
    r.read("clause", (), fixtures::clause())?;
    r.read("config", (), config(&*r.l, &registry.address))?;
    // What the parties accept is what runs: the digest they quote is
    // computed here, off chain, from the configuration deployed. It names
    // the registry's address, so it differs between ledgers.
    let digest = fixtures::config_digest(&config(&*r.l, &registry.address));
    r.t.name_value(&digest, "config-digest");
    r.t.detail(&format!(
        "   configuration digest 0x{} (SHA-256 of the SCALE-encoded Config, computed off chain; each party quotes it when it accepts)",
        hex::encode(digest)
    ));
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
    Ok(digest)
}

/// Each party signs a binding statement with its EDS (`shart agreement
/// statement`) naming its account, the agreement, the chain, the registry
/// and the configuration digest; the verifier checks the CMS signature off
/// chain (`shart eds verify`) and records the evidence (`shart eds
/// attest`). The EDS keys and the CA standing in for NCA are made by the
/// verifier's test kit (GOST R 34.10-2015, 512-bit), valid around the
/// ledger's start: no real key is needed.
fn sign_verify_attest(r: &mut Run<'_>, digest: Hash32) -> Result<()> {
    r.step("each party signs a binding statement with its EDS; the verifier checks the signature off chain (shart eds verify) and attests the evidence (shart eds attest)");
    let start = Duration::from_millis(r.l.start());
    let day = Duration::from_secs(86_400);
    let (from, until) = (
        start.saturating_sub(day * 30),
        start.saturating_add(day * 365),
    );
    let chain = r.l.chain_id()?;
    let registry: [u8; 32] = *registry_address(r)?.as_ref();
    let pki = Pki::around(KeyKind::Gost512, false, start);
    let anchors = [pki.ca.clone()];
    r.t.line(&format!(
        "   trusted CA (stands in for NCA RK): {}",
        pki.ca.subject()
    ));
    let parties = [
        (
            Who::Client,
            CertSpec::chief_executive(
                "CLIENT CEO",
                "871008401427",
                "940140000385",
                "Client LLP",
                1,
                from,
                until,
            ),
            EdsRole::ChiefExecutive,
            1u64,
        ),
        (
            Who::Contractor,
            CertSpec::individual("CONTRACTOR", "760212350620", 2, from, until),
            EdsRole::Individual,
            2u64,
        ),
    ];
    for (who, spec, role, id) in parties {
        let key = TestKey::generate(KeyKind::Gost512);
        let certificate = pki.holder(&spec, &key);
        let account = r.l.account(who);
        let statement = Statement::new(
            *account.as_ref(),
            sha256(MASTER_AGREEMENT.as_bytes()),
            chain.clone(),
            registry,
            sha256(format!("scenario nonce for the {}", name(who)).as_bytes()),
        )?
        .with_config(digest)?;
        let bytes = statement.to_bytes();
        if who == Who::Client {
            r.t.detail("   the client's binding statement:");
            for line in statement.to_text().lines() {
                r.t.detail(&format!("      | {line}"));
            }
        }
        let signature = testkit::sign_cms(
            &bytes,
            &certificate,
            &key,
            &CmsSpec {
                detached: true,
                signing_time: Some(start.saturating_sub(day)),
                ..CmsSpec::default()
            },
        );
        let opts = eds::verify::Options {
            anchors: &anchors,
            crls: &[],
            at: None,
            now: start,
        };
        let report = eds::verify::verify(&signature, eds::verify::Content::Bytes(&bytes), &opts)
            .map_err(|e| anyhow!("{}'s signature does not verify: {e}", name(who)))?;
        let attested = eds::attest::attestation(&report, &bytes, [0x5a; 32])
            .map_err(|e| anyhow!("{}'s signature is not attestable: {e}", name(who)))?;
        let s = &attested.signer;
        r.t.line(&format!(
            "   verified {}'s CMS: {}; roles {:?}; certificate serial {}; chain of {} certificates; revocation {}",
            name(who),
            s.signature_algorithm,
            s.roles,
            s.serial,
            s.chain.len(),
            if s.revocation_checked { "checked" } else { "not checked (no CRL here)" }
        ));
        r.t.checked();
        let e = attested.evidence;
        if e.role != role {
            bail!("{}: role {:?}, expected {role:?}", name(who), e.role);
        }
        // The statement names the registry's address and the key is made
        // afresh, so these hashes differ between runs and ledgers.
        r.t.name_value(&e.statement_hash, &format!("{}-statement", name(who)));
        r.t.name_value(&e.cert_serial_hash, &format!("{}-certificate", name(who)));
        r.t.name_value(&e.subject_commitment, &format!("{}-commitment", name(who)));
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
    Ok(())
}

/// The registry's address, once deployed.
fn registry_address(r: &Run<'_>) -> Result<AccountId32> {
    r.registry
        .clone()
        .ok_or_else(|| anyhow!("the registry is not deployed"))
}

/// Milestone 1: after the review period the contract decides to release
/// it (an automated decision, notified and explained); the client asks for
/// human review; the reviewer upholds; anyone carries it out.
fn automated_release_reviewed(r: &mut Run<'_>) -> Result<()> {
    let (client, contractor) = (r.id(Who::Client), r.id(Who::Contractor));
    r.step("milestone 1: delivered; the client stays silent; after the review period the contract decides to release it and notifies the client; nothing is paid yet");
    let until = deliver(r, 1)?;
    r.refused(
        Who::Stranger,
        "auto_release",
        1u32,
        Error::Escrow(EscrowError::ReviewPeriodRunning { until }),
    )?;
    r.l.wait_until(until.saturating_sub(r.l.start()) + SECOND)?;
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

    r.step("the client asks for a human review within its window; the funds stay put");
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

    r.step("the reviewer upholds the release (the acceptance log shows the tests passed); anyone carries it out");
    r.refused(
        Who::Arbitrator,
        "resolve_review",
        (1u32, None::<Verdict>, doc("not the reviewer")),
        Error::Roles(RolesError::Unauthorized {
            caller: r.id(Who::Arbitrator),
            required: Role::Reviewer,
        }),
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
            released(contractor, 1, true),
        ],
        &paid(&[(Who::Contractor, MILESTONES[1])])?,
    )?;
    r.refused(
        Who::Stranger,
        "execute_decision",
        1u32,
        Error::Review(ReviewError::AlreadyFinal { id: 1 }),
    )?;
    Ok(())
}

/// The arbitrator rules dispute `id`: `payer_bps` to the client, with the
/// SHA-256 of `award`. Returns the ruling's appeal deadline, as the
/// contract reports it.
fn rule(r: &mut Run<'_>, id: u32, payer_bps: u16, award: &str) -> Result<u64> {
    let expected = ShartEvent::RulingIssued(RulingIssued {
        id,
        arbitrator: r.id(Who::Arbitrator),
        payer_bps,
        award_hash: doc(award),
        appeal_deadline: 0,
    });
    let got = r.call(
        Target::Agreement,
        Who::Arbitrator,
        "rule",
        (id, payer_bps, doc(award)),
        0,
        &[expected],
    )?;
    got.iter()
        .find_map(|e| match e {
            ShartEvent::RulingIssued(r) => Some(r.appeal_deadline),
            _ => None,
        })
        .ok_or_else(|| anyhow!("no RulingIssued"))
}

/// Milestone 2: disputed, ruled, appealed by the contractor, ruled again;
/// the second appeal is refused, the ruling cannot execute inside its
/// window, and anyone executes it after.
fn dispute_appealed(r: &mut Run<'_>) -> Result<()> {
    let (client, contractor) = (r.id(Who::Client), r.id(Who::Contractor));
    r.step("milestone 2: delivered; the client disputes it; the amount freezes");
    deliver(r, 2)?;
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
        Who::Contractor,
        "submit_evidence",
        (0u32, doc("evidence: acceptance log")),
        0,
        &[ShartEvent::EvidenceSubmitted(EvidenceSubmitted {
            id: 0,
            by: contractor,
            evidence_hash: doc("evidence: acceptance log"),
        })],
    )?;
    let frozen = Error::Escrow(EscrowError::MilestoneFrozen { milestone: 2 });
    r.refused(Who::Client, "approve_milestone", 2u32, frozen)?;
    r.refused(Who::Stranger, "auto_release", 2u32, frozen)?;

    r.step("the arbitrator rules 30 % to the client; the contractor appeals once");
    rule(r, 0, 3_000, "award v1")?;
    r.call(
        Target::Agreement,
        Who::Contractor,
        "appeal",
        (0u32, doc("grounds of appeal")),
        0,
        &[ShartEvent::RulingAppealed(RulingAppealed {
            id: 0,
            by: contractor,
            grounds_hash: doc("grounds of appeal"),
            ruling_deadline: 0,
        })],
    )?;

    r.step("the arbitrator rules again, 40 % to the client; the contractor's second appeal is refused (each side has one)");
    let deadline = rule(r, 0, 4_000, "award v2")?;
    r.refused(
        Who::Contractor,
        "appeal",
        (0u32, doc("second appeal")),
        Error::Dispute(DisputeError::AppealAlreadyUsed),
    )?;

    r.step("inside the appeal window the ruling cannot execute; after it, anyone executes");
    r.refused(
        Who::Stranger,
        "execute_ruling",
        0u32,
        Error::Dispute(DisputeError::NotExecutableYet { at: deadline }),
    )?;
    let offset = deadline.saturating_sub(r.l.start());
    r.l.wait_until(offset + SECOND)?;
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
    Ok(())
}

/// Milestone 3 delivered; the guardian pauses; the client disputes
/// milestone 4 while paused; the admin terminates: delivered work is paid,
/// nothing goes to the admin, and the dispute goes on to its ruling.
fn pause_and_terminate(r: &mut Run<'_>) -> Result<()> {
    let (admin, client, contractor) = (r.id(Who::Admin), r.id(Who::Client), r.id(Who::Contractor));
    r.step("milestone 3 delivered; a guardian pauses on a court order; releases stop");
    deliver(r, 3)?;
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
    r.read("state", (), SwitchState::Paused)?;

    r.step("while paused, protective paths work: the client disputes milestone 4");
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
    let offset = rule(r, 1, 10_000, "award m4")?.saturating_sub(r.l.start());
    r.l.wait_until(offset + SECOND)?;
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
    Ok(())
}

/// Later, NCA revokes the contractor's certificate: the verifier revokes
/// the attestation; anyone tells the parties; the acceptance stays on
/// record, marked.
fn revocation(r: &mut Run<'_>, mut acceptances: Vec<Acceptance>) -> Result<()> {
    let contractor = r.id(Who::Contractor);
    r.step("later, NCA revokes the contractor's certificate: the verifier revokes attestation 2; anyone tells the parties; the acceptance stays on record");
    r.call(
        Target::Registry,
        Who::Verifier,
        "revoke",
        (2u64, RevocationReason::CertificateRevoked),
        0,
        &[ShartEvent::AttestationRevoked(AttestationRevoked {
            id: 2,
            account: contractor,
            by: r.id(Who::Verifier),
            reason: RevocationReason::CertificateRevoked,
            at: 0,
        })],
    )?;
    r.call(
        Target::Agreement,
        Who::Stranger,
        "note_invalidated_attestation",
        (contractor, 2u64),
        0,
        &[ShartEvent::AcceptanceAttestationInvalidated(
            AcceptanceAttestationInvalidated {
                party: contractor,
                attestation: 2,
                reason: RevocationReason::CertificateRevoked,
                versions: vec![1],
                at: 0,
            },
        )],
    )?;
    for a in acceptances.iter_mut().filter(|a| a.party == contractor) {
        a.invalidated = Some(RevocationReason::CertificateRevoked);
    }
    r.read("acceptances", (), acceptances)?;
    Ok(())
}

// ----- the drink ledger ----------------------------------------------------

/// The scenario in drink's in-process runtime, from [`T0`], every account
/// funded; time jumps.
pub struct DrinkLedger {
    chain: Chain,
    chain_id: ChainId,
    start: u64,
    salt: &'static [u8],
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
        Self::named(ChainId::Name("drink-local".into()), T0, &[])
    }

    /// A fresh chain that differs from [`DrinkLedger::new`]'s as a node
    /// does: named by a genesis hash, starting at another time (not on a
    /// whole second), its contracts at other addresses. For testing that
    /// the compared transcript does not depend on any of it.
    ///
    /// # Errors
    ///
    /// If a bundle cannot be built.
    pub fn elsewhere() -> Result<Self> {
        Self::named(ChainId::Genesis([0x6e; 32]), T0 + 987_654, b"elsewhere")
    }

    fn named(chain_id: ChainId, start: u64, salt: &'static [u8]) -> Result<Self> {
        let bundles = [
            bundle::bundle("eds_registry")?,
            bundle::bundle("service_agreement")?,
        ];
        let accounts = fixtures::Accounts::new();
        let mut chain = Chain::new();
        for (account, _) in accounts.names().iter().skip(1) {
            chain.mint(account, START_BALANCE);
        }
        chain.advance_to(start);
        Ok(Self {
            chain,
            chain_id,
            start,
            salt,
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

    fn chain_id(&mut self) -> Result<ChainId> {
        Ok(self.chain_id.clone())
    }

    fn start(&self) -> u64 {
        self.start
    }

    fn elapsed(&mut self) -> u64 {
        self.chain.now().saturating_sub(self.start)
    }

    fn wait_until(&mut self, offset: u64) -> Result<()> {
        let at = self.start.saturating_add(offset);
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
        let out = self
            .chain
            .deploy(&bundle, &origin, "new", args, 0, self.salt);
        let instance = out
            .value
            .clone()
            .map_err(|e| anyhow!("deploying {} failed: {e:?}", target.name()))?;
        let address = instance.address.clone();
        match target {
            Target::Registry => self.registry = Some(instance),
            Target::Agreement => self.agreement = Some(instance),
        }
        let events = out
            .events
            .iter()
            .filter(|e| e.contract == address)
            .map(|e| e.event.clone())
            .collect();
        Ok(Deployed {
            address,
            events: Some(events),
            cost: Some(Cost {
                ref_time: out.gas.ref_time,
                proof_size: out.gas.proof_size,
                storage_deposit: out.storage_deposit,
            }),
        })
    }

    fn call(
        &mut self,
        target: Target,
        who: Who,
        message: &str,
        args: Encoded,
        value: u128,
    ) -> Result<Called> {
        let instance = self.instance(target)?;
        let origin = self.account(who);
        let at = Some(self.chain.now());
        let out = self
            .chain
            .call::<_, Rest>(&instance, &origin, message, args, value);
        if out.reverted {
            let data = out.value.map(|r| hex::encode(r.0));
            bail!("reverted: {data:?}");
        }
        let cost = Some(Cost {
            ref_time: out.gas.ref_time,
            proof_size: out.gas.proof_size,
            storage_deposit: out.storage_deposit,
        });
        out.value.map_err(|e| anyhow!("{e:?}"))?;
        Ok(Called {
            events: Self::emitted(&instance.address, &out.events),
            cost,
            at,
        })
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
