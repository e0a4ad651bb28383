//! The escrow core of `service_agreement`: plain Rust, no environment.
//!
//! It mounts the safeguards kit ([`Safeguards`]: roles, kill switch,
//! agreement, clause, disputes, reviews) and adds the milestone logic; a
//! safeguard message reaches the kit through [`Escrow::safeguarded`]. Every
//! method takes the caller, the block time and any transferred value as
//! arguments and returns [`Effects`]: the events to emit and the payments to
//! make, in that order, after the state change.
use ink::prelude::vec::Vec;
use safeguards::{
    agreement::Terms,
    arbitration::ArbitrationClause,
    dispute::DisputeConfig,
    eds::Requirement,
    kill_switch::{SettlementPaid, SwitchState},
    kit::{self, EdsGate, Mount},
    review::{
        AiLabel, DecisionId, DecisionInput, DecisionStatus, ReviewConfig, RiskClass, Verdict,
    },
    roles::Role,
    store::Store,
    AccountId, Balance, Hash32, Safeguards, SafeguardsConfig, Timestamp,
};
use scale::Compact;

use crate::errors::{wrong_status, Error, EscrowError};

/// At most this many milestones. Each is its own storage entry, so a
/// message costs the same at any count; the bound is the constructor's
/// input, which must fit ink!'s 16 KiB buffer (1,000 compact prices of up
/// to 2^56 - 1 each do).
pub const MAX_MILESTONES: usize = 1_000;

/// Evidence hashes per dispute (the raising one included), half of them for
/// each side: the dispute core's whole `MAX_EVIDENCE`. Each entry is its
/// own storage value. A hash can name a whole bundle of documents.
pub const MAX_EVIDENCE_PER_DISPUTE: usize = safeguards::dispute::MAX_EVIDENCE;

/// The table of milestones, by index (see `safeguards::store`).
pub const MILESTONES: u32 = 0x5347_0100;
/// The instantiation parameters as given, under the key `()`, with the
/// milestone prices left out (each is in its [`MILESTONES`] entry):
/// [`Escrow::config`] puts them back.
pub const CONFIG: u32 = 0x5347_0103;

/// The review core's `kind` of an automatic release: a delivered milestone
/// is released because the client's review period passed without approval
/// or dispute.
pub const AUTO_RELEASE: u32 = 1;

/// The AI label of an automatic release: a fixed timer in this contract's
/// code, no AI system, minimal risk (AI Law No. 230-VIII, Art. 21).
pub const AUTO_RELEASE_LABEL: AiLabel = AiLabel {
    ai_involved: false,
    risk: RiskClass::Minimal,
};

/// How termination settles every unreleased amount. Fixed at instantiation.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettlementRule {
    /// Every unreleased amount returns to the client.
    RefundClient,
    /// Delivered, undisputed milestones go to the contractor; the rest
    /// returns to the client.
    PayDeliveredRefundRest,
}

/// Where a milestone stands.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MilestoneStatus {
    /// Funded (or awaiting funding), not delivered.
    Pending,
    /// The contractor marked it delivered; the client's review runs.
    Delivered,
    /// Paid to the contractor (approval or auto-release).
    Released,
    /// Paid out by an executed dispute.
    Resolved,
    /// Paid out by the termination settlement, or returned to the client by
    /// a favourable automatic-release decision carried out after termination.
    Settled,
    /// The review period passed: an automatic release was decided
    /// ([`Milestone::decision`]); nothing moves until the decision is final
    /// and carried out (`execute_decision`).
    DecisionPending,
    /// A human review overrode the automatic release, or the reviewer missed
    /// the deadline: the amount stays in escrow until the client approves,
    /// a dispute is executed, or the contract is terminated.
    ReleaseWithheld,
}

impl MilestoneStatus {
    /// Whether the escrow still holds the milestone's amount.
    pub fn is_unreleased(self) -> bool {
        matches!(
            self,
            Self::Pending | Self::Delivered | Self::DecisionPending | Self::ReleaseWithheld
        )
    }
}

/// A milestone.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Milestone {
    /// Its price.
    pub amount: Balance,
    /// Where it stands.
    pub status: MilestoneStatus,
    /// When the contractor marked it delivered.
    pub delivered_at: Option<Timestamp>,
    /// The automatic-release decision about it, once one was recorded.
    pub decision: Option<DecisionId>,
    /// The open dispute over it, if any: while set its amount is frozen.
    /// Kept beside the dispute core's own index so that a message on a
    /// milestone reads one entry, not two.
    pub dispute: Option<u32>,
}

/// Everything fixed at instantiation. Its SCALE encoding's SHA-256 is the
/// configuration digest every acceptance quotes ([`Escrow::config`],
/// `accept_agreement`).
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The hash of the cold code (`service_agreement_cold`, uploaded once
    /// per chain) that runs every safeguard message but the executions of
    /// rulings and decisions, and the constructor's logic: fixed here, so
    /// the acceptances quote it (`safeguards::kit::split`). First, so the
    /// contract's own code reads it without decoding the rest.
    pub cold_code: Hash32,
    /// Funds the escrow; approves milestones.
    pub client: AccountId,
    /// Delivers milestones; is paid.
    pub contractor: AccountId,
    /// May pause.
    pub guardian: AccountId,
    /// Rules on disputes under the clause.
    pub arbitrator: AccountId,
    /// SHA-256 of the EDS-signed master agreement.
    pub agreement_hash: Hash32,
    /// Its version (from 1).
    pub agreement_version: u32,
    /// The dispute-resolution clause of the agreement.
    pub clause: ArbitrationClause,
    /// Milestone prices, in order, compact-encoded so that
    /// [`MAX_MILESTONES`] of them fit the constructor's input.
    pub milestones: Vec<Compact<Balance>>,
    /// Milliseconds the client has to review a delivery before auto-release.
    pub review_period: Timestamp,
    /// Review of automated decisions: how long the client may ask for a
    /// human review of an automatic release, how long the reviewer has.
    pub review: ReviewConfig,
    /// Reviews automated decisions (granted `Role::Reviewer`).
    pub reviewer: AccountId,
    /// SHA-256 of the document explaining the automatic release's main
    /// factors (the rule, the review period, what the client can do).
    pub auto_release_explanation: Hash32,
    /// Ruling period, appeal window, fallback.
    pub disputes: DisputeConfig,
    /// How termination settles.
    pub settlement: SettlementRule,
    /// The EDS registry whose attestations gate acceptance (fixed).
    pub registry: AccountId,
    /// What the client's attestation must show (e.g. a legal entity's
    /// signatory).
    pub client_eds: Requirement,
    /// What the contractor's attestation must show.
    pub contractor_eds: Requirement,
    /// How long a pause lasts unless a guardian or the admin renews it, in
    /// milliseconds (at most `safeguards::kill_switch::MAX_PAUSE`); once it
    /// has lapsed anyone may resume.
    pub max_pause: Timestamp,
}

/// The client funded the escrow.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscrowFunded {
    /// The client.
    #[ink(topic)]
    pub by: AccountId,
    /// The milestone total.
    pub amount: Balance,
}

/// The contractor marked a milestone delivered.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneDelivered {
    /// The milestone index.
    #[ink(topic)]
    pub milestone: u32,
    /// Block time of the delivery.
    pub at: Timestamp,
    /// The client's review ends then; auto-release is possible from then.
    pub review_until: Timestamp,
}

/// A milestone was paid to the contractor.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneReleased {
    /// The milestone index.
    #[ink(topic)]
    pub milestone: u32,
    /// The contractor.
    #[ink(topic)]
    pub to: AccountId,
    /// The amount paid.
    pub amount: Balance,
    /// True for an auto-release (an automated decision), false for the
    /// client's approval.
    pub automated: bool,
}

/// Events of the escrow itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EscrowEvent {
    /// See [`EscrowFunded`].
    Funded(EscrowFunded),
    /// See [`MilestoneDelivered`].
    Delivered(MilestoneDelivered),
    /// See [`MilestoneReleased`].
    Released(MilestoneReleased),
}

// `Event` (every event the contract emits: the kit's and the escrow's),
// `HotEvent` (the everyday steps': the escrow's and the kit's four hot
// events), `Effects` and `HotEffects`.
safeguards::template_events!(Escrow(EscrowEvent));

/// The escrow with its safeguards: the fixed state and running totals
/// here, each milestone an entry of the store `S` ([`MILESTONES`]), so no
/// message reads or writes more than the milestone it names.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escrow<S> {
    safeguards: Safeguards<S>,
    auto_release_explanation: Hash32,
    client: AccountId,
    contractor: AccountId,
    milestone_count: u32,
    total: Balance,
    /// The sum of the unreleased amounts (funded or not).
    unreleased: Balance,
    /// The sum of the amounts waiting for an automated decision.
    decision_pending: Balance,
    /// The sum of the delivered amounts no dispute froze: what
    /// `PayDeliveredRefundRest` pays the contractor on termination.
    delivered_free: Balance,
    review_period: Timestamp,
    settlement: SettlementRule,
    funded: bool,
    store: S,
}

impl<S: Store + Default> Escrow<S> {
    /// Sets up the escrow; `admin` is the instantiator, and
    /// `config_digest` the SHA-256 of `config`'s SCALE encoding, which the
    /// contract computes and every acceptance must quote.
    ///
    /// # Errors
    ///
    /// `SameParty`, `PartyMayNotHoldRole` (the admin, guardian, arbitrator
    /// or reviewer is a party),
    /// `InvalidMilestones`, `InvalidReviewPeriod`, `ZeroHash`
    /// (explanation), and the errors of the agreement, clause, dispute and
    /// review configuration.
    pub fn new(
        admin: AccountId,
        config: Config,
        config_digest: Hash32,
    ) -> Result<(Self, Effects), Error> {
        if config.client == config.contractor {
            return Err(EscrowError::SameParty.into());
        }
        let total = if config.milestones.len() > MAX_MILESTONES {
            None
        } else {
            total(&config.milestones)
        };
        let (Some(total), Ok(milestone_count)) = (total, u32::try_from(config.milestones.len()))
        else {
            return Err(EscrowError::InvalidMilestones.into());
        };
        if config.review_period == 0 {
            return Err(EscrowError::InvalidReviewPeriod.into());
        }
        if config.auto_release_explanation == safeguards::types::ZERO_HASH {
            return Err(safeguards::ReviewError::ZeroHash.into());
        }
        config.client_eds.validate()?;
        config.contractor_eds.validate()?;
        let (safeguards, events) = Safeguards::new(
            admin,
            SafeguardsConfig {
                parties: ink::prelude::vec![config.client, config.contractor],
                terms: Terms {
                    hash: config.agreement_hash,
                    version: config.agreement_version,
                },
                config_digest,
                clause: config.clause,
                disputes: config.disputes,
                review: config.review,
                max_pause: config.max_pause,
                grants: ink::prelude::vec![
                    (Role::Guardian, config.guardian),
                    (Role::Arbitrator, config.arbitrator),
                    (Role::Reviewer, config.reviewer),
                ],
                gate: EdsGate {
                    registry: config.registry,
                    requirements: ink::prelude::vec![config.client_eds, config.contractor_eds],
                },
            },
        )?;
        let mut escrow = Self {
            safeguards,
            auto_release_explanation: config.auto_release_explanation,
            client: config.client,
            contractor: config.contractor,
            milestone_count,
            total,
            unreleased: total,
            decision_pending: 0,
            delivered_free: 0,
            review_period: config.review_period,
            settlement: config.settlement,
            funded: false,
            store: S::default(),
        };
        for (index, amount) in (0u32..).zip(config.milestones.iter()) {
            escrow.set_milestone(
                index,
                Milestone {
                    amount: amount.0,
                    status: MilestoneStatus::Pending,
                    delivered_at: None,
                    decision: None,
                    dispute: None,
                },
            );
        }
        let fixed = Config {
            milestones: Vec::new(),
            ..config
        };
        escrow.store.set(CONFIG, &(), &fixed);
        Ok((escrow, Effects::of(events)))
    }
}

impl<S: Store> Escrow<S> {
    /// The store handle: in a unit test, the in-memory entries this core
    /// wrote (each item's own storage value).
    pub fn store(&self) -> &S {
        &self.store
    }

    // ----- reads -------------------------------------------------------

    /// The instantiation parameters, exactly as given: the SHA-256 of
    /// their SCALE encoding is the configuration digest
    /// ([`safeguards::agreement::Agreement::config_digest`]). Reads every
    /// milestone's entry for its price.
    ///
    /// # Panics
    ///
    /// If the configuration's entry is missing (`Store::expect`):
    /// [`Escrow::new`] writes it.
    pub fn config(&self) -> Config {
        let mut config: Config = self.store.expect(CONFIG, &());
        config.milestones = (0..self.milestone_count)
            .filter_map(|i| self.store.get::<_, Milestone>(MILESTONES, &i))
            .map(|m| Compact(m.amount))
            .collect();
        config
    }

    /// How many milestones there are; their indices are `0..count`.
    pub fn milestone_count(&self) -> u32 {
        self.milestone_count
    }

    /// Milestone `index`. After termination a milestone the settlement paid
    /// reads `Settled`: termination pays from the running totals and does
    /// not rewrite each entry, so it costs the same at any count.
    pub fn milestone(&self, index: u32) -> Option<Milestone> {
        if index >= self.milestone_count {
            return None;
        }
        let mut m: Milestone = self.store.get(MILESTONES, &index)?;
        if self.safeguards.kill_switch().state() == SwitchState::Terminated
            && matches!(
                m.status,
                MilestoneStatus::Pending
                    | MilestoneStatus::Delivered
                    | MilestoneStatus::ReleaseWithheld
            )
            && m.dispute.is_none()
        {
            m.status = MilestoneStatus::Settled;
        }
        Some(m)
    }

    /// The client and the contractor.
    pub fn parties(&self) -> (AccountId, AccountId) {
        (self.client, self.contractor)
    }

    /// Whether the client funded the escrow.
    pub fn is_funded(&self) -> bool {
        self.funded
    }

    /// The milestone total.
    pub fn total(&self) -> Balance {
        self.total
    }

    /// What the escrow holds: every unreleased amount once funded.
    pub fn held(&self) -> Balance {
        if self.funded {
            self.unreleased
        } else {
            0
        }
    }

    // ----- helpers -----------------------------------------------------

    fn load(&self, milestone: u32) -> Result<Milestone, Error> {
        self.milestone(milestone)
            .ok_or(EscrowError::UnknownMilestone { milestone }.into())
    }

    fn set_milestone(&mut self, milestone: u32, m: Milestone) {
        self.store.set(MILESTONES, &milestone, &m);
    }

    /// Takes a milestone of `amount` out of the running total of its
    /// `status` as it leaves that status.
    fn leaves(&mut self, status: MilestoneStatus, amount: Balance) {
        // Each total counts the milestones now in that status, this one
        // included, so the subtraction cannot go below zero.
        match status {
            MilestoneStatus::Delivered => {
                self.delivered_free = self.delivered_free.saturating_sub(amount);
            }
            MilestoneStatus::DecisionPending => {
                self.decision_pending = self.decision_pending.saturating_sub(amount);
            }
            _ => {}
        }
    }

    /// Takes `amount` out of the unreleased total: it was paid.
    fn paid_out(&mut self, amount: Balance) {
        // Every payment is of an unreleased amount, counted in when the
        // escrow was set up.
        self.unreleased = self.unreleased.saturating_sub(amount);
    }

    fn ensure_client(&self, caller: AccountId) -> Result<(), Error> {
        if caller == self.client {
            Ok(())
        } else {
            Err(EscrowError::NotClient { caller }.into())
        }
    }

    /// The amounts `terminate` leaves to disputes and pending decisions.
    fn continuing(&self) -> Balance {
        // A pending decision cannot be disputed, so the two sets are apart,
        // and both are held amounts, whose total fits a balance.
        self.decision_pending
            .saturating_add(self.safeguards.disputes().frozen_total())
    }

    fn ensure_not_frozen(milestone: u32, m: &Milestone) -> Result<(), Error> {
        if m.dispute.is_some() {
            Err(EscrowError::MilestoneFrozen { milestone }.into())
        } else {
            Ok(())
        }
    }

    /// Pays milestone `milestone` to the contractor; `from` are the
    /// statuses it may be in (the first is named in the error).
    fn release(
        &mut self,
        milestone: u32,
        automated: bool,
        from: &[MilestoneStatus],
    ) -> Result<HotEffects, Error> {
        let mut m = self.load(milestone)?;
        if !from.contains(&m.status) {
            let expected = from.first().copied().unwrap_or(MilestoneStatus::Delivered);
            return Err(wrong_status(milestone, expected, m.status));
        }
        Self::ensure_not_frozen(milestone, &m)?;
        self.leaves(m.status, m.amount);
        m.status = MilestoneStatus::Released;
        self.set_milestone(milestone, m);
        self.paid_out(m.amount);
        Ok(HotEffects::of(ink::prelude::vec![EscrowEvent::Released(
            MilestoneReleased {
                milestone,
                to: self.contractor,
                amount: m.amount,
                automated,
            }
        )])
        .pay(self.contractor, m.amount))
    }

    // ----- escrow ------------------------------------------------------

    /// The client funds the escrow with exactly the milestone total.
    ///
    /// # Errors
    ///
    /// `NotClient`, `Paused`/`Terminated`, `NotEffective`, `AlreadyFunded`,
    /// `WrongFundingAmount`.
    pub fn fund(&mut self, caller: AccountId, value: Balance) -> Result<HotEffects, Error> {
        self.ensure_client(caller)?;
        self.safeguards.ensure_active()?;
        self.safeguards.ensure_effective()?;
        if self.funded {
            return Err(EscrowError::AlreadyFunded.into());
        }
        let expected = self.total();
        if value != expected {
            return Err(EscrowError::WrongFundingAmount {
                expected,
                given: value,
            }
            .into());
        }
        self.funded = true;
        Ok(HotEffects::of(ink::prelude::vec![EscrowEvent::Funded(
            EscrowFunded {
                by: caller,
                amount: value,
            }
        )]))
    }

    /// The contractor marks a pending milestone delivered; the client's
    /// review period starts.
    ///
    /// # Errors
    ///
    /// `NotContractor`, `Paused`/`Terminated`, `NotFunded`,
    /// `UnknownMilestone`, `WrongMilestoneStatus`, `MilestoneFrozen`.
    pub fn mark_delivered(
        &mut self,
        caller: AccountId,
        milestone: u32,
        now: Timestamp,
    ) -> Result<HotEffects, Error> {
        if caller != self.contractor {
            return Err(EscrowError::NotContractor { caller }.into());
        }
        self.safeguards.ensure_active()?;
        if !self.funded {
            return Err(EscrowError::NotFunded.into());
        }
        let mut m = self.load(milestone)?;
        if m.status != MilestoneStatus::Pending {
            return Err(wrong_status(milestone, MilestoneStatus::Pending, m.status));
        }
        Self::ensure_not_frozen(milestone, &m)?;
        let review_until = now
            .checked_add(self.review_period)
            .ok_or(safeguards::DisputeError::TimeOverflow)?;
        m.status = MilestoneStatus::Delivered;
        m.delivered_at = Some(now);
        self.set_milestone(milestone, m);
        // A subset of the total, which fits a balance.
        self.delivered_free = self.delivered_free.saturating_add(m.amount);
        Ok(HotEffects::of(ink::prelude::vec![EscrowEvent::Delivered(
            MilestoneDelivered {
                milestone,
                at: now,
                review_until,
            }
        )]))
    }

    /// The client approves a delivered milestone (or one whose automatic
    /// release was withheld): it is paid to the contractor. While an
    /// automatic-release decision is pending the client waits for it (or
    /// lets its review window pass): one process per amount.
    ///
    /// # Errors
    ///
    /// `NotClient`, `Paused`/`Terminated`, `UnknownMilestone`,
    /// `WrongMilestoneStatus`, `MilestoneFrozen`.
    pub fn approve(&mut self, caller: AccountId, milestone: u32) -> Result<HotEffects, Error> {
        self.ensure_client(caller)?;
        self.safeguards.ensure_active()?;
        self.release(
            milestone,
            false,
            &[MilestoneStatus::Delivered, MilestoneStatus::ReleaseWithheld],
        )
    }

    /// Anyone triggers the automatic release of a delivered milestone once
    /// the client's review period has passed without approval or dispute.
    /// This records an **automated decision** about the client (verdict
    /// adverse to the client: release its money to the contractor) through
    /// the review core; `recorder` is the contract's own account, the
    /// deciding system. Nothing is paid yet: the client may ask for human
    /// review within the review window, and the release happens only when
    /// the decision is final and carried out ([`Escrow::execute_decision`]).
    ///
    /// # Errors
    ///
    /// `Paused`/`Terminated`, `UnknownMilestone`, `WrongMilestoneStatus`,
    /// `MilestoneFrozen`, `ReviewPeriodRunning`; the review core's
    /// `TooManyDecisions`, `TimeOverflow`.
    ///
    /// # Events
    ///
    /// `AutomatedDecisionRecorded` (the notification: the client is a topic;
    /// the explanation hash, the AI label, the review deadline).
    pub fn auto_release(
        &mut self,
        recorder: AccountId,
        milestone: u32,
        now: Timestamp,
    ) -> Result<HotEffects, Error> {
        self.safeguards.ensure_active()?;
        let mut m = self.load(milestone)?;
        if m.status != MilestoneStatus::Delivered {
            return Err(wrong_status(
                milestone,
                MilestoneStatus::Delivered,
                m.status,
            ));
        }
        Self::ensure_not_frozen(milestone, &m)?;
        let until = m
            .delivered_at
            .unwrap_or(0)
            .checked_add(self.review_period)
            .ok_or(safeguards::DisputeError::TimeOverflow)?;
        if now < until {
            return Err(EscrowError::ReviewPeriodRunning { until }.into());
        }
        let (id, recorded) = self.safeguards.record_decision(
            recorder,
            DecisionInput {
                subject: self.client,
                kind: AUTO_RELEASE,
                verdict: Verdict::Adverse,
                amount: Some(m.amount),
                item: milestone,
                explanation: self.auto_release_explanation,
                ai: AUTO_RELEASE_LABEL,
            },
            now,
        )?;
        self.leaves(m.status, m.amount);
        m.status = MilestoneStatus::DecisionPending;
        m.decision = Some(id);
        self.set_milestone(milestone, m);
        // A subset of the total, which fits a balance.
        self.decision_pending = self.decision_pending.saturating_add(m.amount);
        Ok(HotEffects::one(kit::HotEvent::from(recorded)))
    }

    // ----- termination (the step itself: `Mount::terminate`) -----------

    /// The settlement the rule fixed at instantiation gives on termination:
    /// (client share, contractor share) of every unreleased amount that no
    /// human process holds. A delivered milestone goes to the contractor
    /// under `PayDeliveredRefundRest`; everything else returns to the client
    /// (a withheld release included: a human or the fallback kept it in
    /// escrow, and the contractor's remedy was a dispute).
    ///
    /// A milestone frozen under an open dispute, or waiting for an
    /// automated decision, is not settled: its dispute goes on to a ruling
    /// (with its appeal window) or the fallback, and its decision to its
    /// verdict (review included), after termination as before.
    pub fn settlement(&self) -> (Balance, Balance) {
        if !self.funded || self.safeguards.kill_switch().state() == SwitchState::Terminated {
            return (0, 0);
        }
        let contractor = match self.settlement {
            SettlementRule::PayDeliveredRefundRest => self.delivered_free,
            SettlementRule::RefundClient => 0,
        };
        // What is held, less what continues, less the contractor's share:
        // three running totals of disjoint sets of held amounts.
        let client = self
            .held()
            .saturating_sub(self.continuing())
            .saturating_sub(contractor);
        (client, contractor)
    }
}

/// The escrow as the kit's [`dispatch`](safeguards::kit::dispatch) drives it: its
/// kit, and the five safeguard steps that touch milestones, funds and the
/// configuration (a dispute's payer is the client, its payee the
/// contractor; the settlement follows `SettlementRule`).
impl<S: Store> Mount for Escrow<S> {
    const EVIDENCE_LIMIT: usize = MAX_EVIDENCE_PER_DISPUTE;
    type Store = S;
    type HotEvent = HotEvent;
    type Event = Event;
    type Error = Error;
    type Config = Config;

    fn safeguards(&self) -> &Safeguards<S> {
        &self.safeguards
    }

    fn safeguards_mut(&mut self) -> &mut Safeguards<S> {
        &mut self.safeguards
    }

    /// `config()` with `clause`; reads every milestone, to hash the whole
    /// configuration.
    fn config_with_clause(&self, clause: ArbitrationClause) -> Config {
        let mut config = self.config();
        config.clause = clause;
        config
    }

    /// Stores the configuration without its prices (each is in its
    /// `MILESTONES` entry).
    fn store_config(&mut self, mut config: Config) {
        config.milestones = Vec::new();
        self.store.set(CONFIG, &(), &config);
    }

    /// The client disputes an unreleased milestone, the contractor one it
    /// delivered; its amount freezes. Works while paused.
    ///
    /// # Errors
    ///
    /// `Terminated`, `NotAParty`, `NotFunded`, `UnknownMilestone`,
    /// `DecisionPending`, `NothingToDispute`, `NotDelivered`, and the
    /// dispute core's errors.
    fn raise_dispute(
        &mut self,
        caller: AccountId,
        milestone: u32,
        evidence_hash: Hash32,
        now: Timestamp,
    ) -> Result<Effects, Error> {
        self.safeguards.ensure_not_terminated()?;
        if caller != self.client && caller != self.contractor {
            return Err(safeguards::DisputeError::NotAParty { caller }.into());
        }
        if !self.funded {
            return Err(EscrowError::NotFunded.into());
        }
        let m = self.load(milestone)?;
        if let (MilestoneStatus::DecisionPending, Some(decision)) = (m.status, m.decision) {
            return Err(EscrowError::DecisionPending {
                milestone,
                decision,
            }
            .into());
        }
        if !m.status.is_unreleased() {
            return Err(EscrowError::NothingToDispute { milestone }.into());
        }
        // A payee's dispute over undelivered work could only harvest the
        // fallback (security review L4).
        if caller == self.contractor && m.status == MilestoneStatus::Pending {
            return Err(EscrowError::NotDelivered { milestone }.into());
        }
        let (client, contractor) = (self.client, self.contractor);
        let (id, raised) = self.safeguards.raise_dispute(
            caller,
            client,
            contractor,
            milestone,
            m.amount,
            evidence_hash,
            now,
        )?;
        // A frozen delivery is its dispute's, not the settlement's.
        self.leaves(m.status, m.amount);
        self.set_milestone(
            milestone,
            Milestone {
                dispute: Some(id),
                ..m
            },
        );
        Ok(Effects::of(raised.0))
    }

    /// Anyone executes a dispute (the ruling after its appeal window, or the
    /// fallback after the ruling deadline): the frozen amount is paid out by
    /// the split. While paused only a full refund to the payer executes
    /// (receiving a refund is a protective path); any split that pays the
    /// payee waits for resumption or termination. After termination every
    /// split executes: termination leaves a disputed amount to its dispute.
    ///
    /// # Errors
    ///
    /// `Paused` for a split that pays the payee while paused; the dispute
    /// core's errors.
    fn execute_ruling(&mut self, dispute: u32, now: Timestamp) -> Result<HotEffects, Error> {
        let (resolution, resolved) = self.safeguards.execute_ruling(dispute, now)?;
        let mut m = self.load(resolution.subject)?;
        m.status = MilestoneStatus::Resolved;
        m.dispute = None;
        self.set_milestone(resolution.subject, m);
        self.paid_out(m.amount);
        Ok(HotEffects::one(kit::HotEvent::from(resolved))
            .pay(resolution.payer, resolution.payer_amount)
            .pay(resolution.payee, resolution.payee_amount))
    }

    /// Anyone carries out a final automatic-release decision, once. Adverse
    /// to the client (decided and not contested, or upheld): the milestone
    /// is paid to the contractor. Favourable (overridden, or the reviewer
    /// missed the deadline): the amount stays in escrow as
    /// `ReleaseWithheld`, or, after termination, returns to the client as
    /// the settlement would have returned a withheld release. While paused
    /// only the favourable verdict (which moves nothing) is carried out;
    /// after termination both are (termination leaves a pending decision to
    /// run to its verdict).
    ///
    /// # Errors
    ///
    /// `Paused` for a release while paused; the review core's
    /// `UnknownDecision`, `NotYetFinal`, `AlreadyFinal`;
    /// `WrongMilestoneStatus` if the milestone is not waiting for this
    /// decision.
    ///
    /// # Events
    ///
    /// `DecisionTookEffect`, then `MilestoneReleased` (automated: true) for
    /// a release, or `SettlementPaid` to the client for a favourable verdict
    /// after termination.
    fn execute_decision(
        &mut self,
        decision: DecisionId,
        now: Timestamp,
    ) -> Result<HotEffects, Error> {
        let d = self
            .safeguards
            .reviews()
            .get(decision)
            .ok_or(safeguards::ReviewError::UnknownDecision { id: decision })?;
        if matches!(d.status, DecisionStatus::Executed { .. }) {
            return Err(safeguards::ReviewError::AlreadyFinal { id: decision }.into());
        }
        let (verdict, _) = self
            .safeguards
            .reviews()
            .effective(decision, now)
            .ok_or(safeguards::ReviewError::NotYetFinal { id: decision })?;
        if verdict == Verdict::Adverse
            && self.safeguards.kill_switch().state() == SwitchState::Paused
        {
            return Err(safeguards::KillSwitchError::Paused.into());
        }
        let milestone = d.input.item;
        let mut m = self.load(milestone)?;
        if m.status != MilestoneStatus::DecisionPending || m.decision != Some(decision) {
            return Err(wrong_status(
                milestone,
                MilestoneStatus::DecisionPending,
                m.status,
            ));
        }
        let (verdict, took) = self.safeguards.take_decision(decision, now)?;
        let effects = HotEffects::one(kit::HotEvent::from(took));
        match verdict {
            // Cannot fail: the milestone is DecisionPending (checked above)
            // and a pending decision cannot be disputed, so it is not frozen.
            Verdict::Adverse => Ok(effects.then(self.release(
                milestone,
                true,
                &[MilestoneStatus::DecisionPending],
            )?)),
            Verdict::Favourable
                if self.safeguards.kill_switch().state() == SwitchState::Terminated =>
            {
                self.leaves(m.status, m.amount);
                m.status = MilestoneStatus::Settled;
                self.set_milestone(milestone, m);
                self.paid_out(m.amount);
                let refund = SettlementPaid {
                    recipient: self.client,
                    amount: m.amount,
                };
                Ok(effects
                    .and(ink::prelude::vec![kit::HotEvent::from(refund)])
                    .pay(self.client, m.amount))
            }
            Verdict::Favourable => {
                self.leaves(m.status, m.amount);
                m.status = MilestoneStatus::ReleaseWithheld;
                self.set_milestone(milestone, m);
                Ok(effects)
            }
        }
    }

    /// Admin terminates a paused contract; every unreleased amount no human
    /// process holds is paid by [`Escrow::settlement`]. Disputes and pending
    /// decisions go on. The admin receives nothing (no party holds a role).
    ///
    /// # Errors
    ///
    /// The kill switch's errors.
    fn terminate(
        &mut self,
        caller: AccountId,
        reason_hash: Hash32,
        now: Timestamp,
    ) -> Result<Effects, Error> {
        let (to_client, to_contractor) = self.settlement();
        let plan = [(self.client, to_client), (self.contractor, to_contractor)];
        // The kill switch checks the plan against what is held outside the
        // human processes, counted from the disputes and decisions instead.
        let (held, continuing) = (self.held(), self.continuing());
        let settled = held.checked_sub(continuing).ok_or(
            safeguards::KillSwitchError::SettlementMismatch {
                paid: continuing,
                held,
            },
        )?;
        let events = self
            .safeguards
            .terminate(caller, reason_hash, &plan, settled, now)?
            .0;
        // Every settled milestone now reads `Settled` (see
        // [`Escrow::milestone`]); only the totals change.
        self.paid_out(settled);
        self.delivered_free = 0;
        Ok(Effects::of(events)
            .pay(self.client, to_client)
            .pay(self.contractor, to_contractor))
    }
}

/// The sum of `amounts`, if none is zero, there is at least one, and the
/// sum fits a balance.
fn total(amounts: &[Compact<Balance>]) -> Option<Balance> {
    if amounts.is_empty() {
        return None;
    }
    amounts.iter().try_fold(
        0,
        |acc: Balance, a| {
            if a.0 == 0 {
                None
            } else {
                acc.checked_add(a.0)
            }
        },
    )
}

/// Milestone prices as a [`Config`] takes them.
pub fn prices(amounts: &[Balance]) -> Vec<Compact<Balance>> {
    amounts.iter().copied().map(Compact).collect()
}
