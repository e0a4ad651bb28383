//! # Human dispute resolution
//!
//! The Digital Code of the Republic of Kazakhstan (Code No. 255-VIII of
//! 9 January 2026, in force 11 July 2026) recognises smart contracts that
//! include human dispute-resolution safeguards. This core is that hook:
//!
//! ```text
//! raise --> AwaitingRuling --rule (arbitrator, before deadline)--> Ruled
//!   Ruled --appeal (each side once, inside the window)--> AwaitingRuling
//!   Ruled --execute (anyone, window over)--> Resolved (ruling's split)
//!   AwaitingRuling --execute (anyone, deadline passed)--> Resolved (fallback)
//! ```
//!
//! A party (payer or payee of the contested amount) raises a dispute with an
//! evidence hash; the contested amount freezes (the contract asks
//! [`Disputes::is_frozen`]); each side may add evidence hashes, up to half of
//! the limit (the raising one counted for its side); an account with the
//! `Arbitrator` role rules a split of the frozen amount in basis points with
//! the award document's hash; during the appeal window each side may appeal
//! once (one side's appeal does not use up the other's), which sets the
//! ruling aside and restarts the ruling period; after the window anyone
//! executes the ruling. If no ruling arrives before the deadline, the
//! fallback fixed at instantiation applies: the contract never gets stuck.
//! A termination does not end a dispute.
//!
//! ## Security considerations
//!
//! A ruling can only split the frozen amount between payer and payee: it
//! cannot exceed the amount or pay anyone else. The arbitrator named under
//! the clause is a human; the contract cannot check the quality of the
//! award, only that it is recorded (by hash) before it is executed.
use ink::prelude::vec::Vec;

use crate::{
    errors::DisputeError,
    review::MAX_PERIOD,
    roles::{Guarded, Role, Roles},
    store::{Store, DISPUTES, EVIDENCE, OPEN_DISPUTES},
    types::{split_bps, AccountId, Balance, Hash32, Timestamp, BPS_DENOMINATOR, ZERO_HASH},
};

/// At most this many evidence hashes per dispute, half of them for each
/// side (the raising evidence counts for its side), so neither side can
/// fill the record and lock the other out.
pub const MAX_EVIDENCE: usize = 16;

/// What applies when no ruling arrives before the deadline.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// The whole amount returns to the payer.
    RefundPayer,
    /// The whole amount goes to the payee.
    PayPayee,
    /// Half each; an odd unit goes to the payee.
    SplitEvenly,
}

impl Fallback {
    /// The fallback as a payer share in basis points.
    pub fn payer_bps(self) -> u16 {
        match self {
            Fallback::RefundPayer => BPS_DENOMINATOR,
            Fallback::PayPayee => 0,
            Fallback::SplitEvenly => BPS_DENOMINATOR / 2,
        }
    }
}

/// Fixed at instantiation.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DisputeConfig {
    /// Milliseconds the arbitrator has to rule, from raising (or appeal).
    pub ruling_period: Timestamp,
    /// Milliseconds after a ruling during which a party may appeal.
    pub appeal_window: Timestamp,
    /// What applies if no ruling arrives in time.
    pub fallback: Fallback,
}

impl DisputeConfig {
    /// # Errors
    ///
    /// `InvalidConfig` unless both periods are in `1..=MAX_PERIOD` (366
    /// days, as the review core's).
    pub fn validate(&self) -> Result<(), DisputeError> {
        // Bounded like the review core's periods: termination leaves a
        // dispute to run, so its deadlines must come within reach.
        let in_range = |p: Timestamp| p > 0 && p <= MAX_PERIOD;
        if !in_range(self.ruling_period) || !in_range(self.appeal_window) {
            return Err(DisputeError::InvalidConfig);
        }
        Ok(())
    }
}

/// Where a dispute stands.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisputeStatus {
    /// Waiting for the arbitrator.
    AwaitingRuling,
    /// Ruled; the appeal window runs.
    Ruled,
    /// Paid out; final.
    Resolved,
}

/// An arbitrator's ruling.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ruling {
    /// The arbitrator.
    pub arbitrator: AccountId,
    /// The payer's share of the frozen amount, in basis points.
    pub payer_bps: u16,
    /// SHA-256 of the signed award document.
    pub award_hash: Hash32,
    /// End of the appeal window.
    pub appeal_deadline: Timestamp,
}

/// A dispute.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dispute {
    /// Its id, from 0.
    pub id: u32,
    /// What is contested (the contract's own id, e.g. a milestone index).
    pub subject: u32,
    /// Who would get the amount back on a refund.
    pub payer: AccountId,
    /// Who would be paid.
    pub payee: AccountId,
    /// The frozen amount.
    pub amount: Balance,
    /// The party who raised it.
    pub raised_by: AccountId,
    /// The arbitrator must rule before this time.
    pub ruling_deadline: Timestamp,
    /// Where it stands.
    pub status: DisputeStatus,
    /// The ruling in force, if any.
    pub ruling: Option<Ruling>,
    /// Whether the payer used its one appeal.
    pub payer_appealed: bool,
    /// Whether the payee used its one appeal.
    pub payee_appealed: bool,
    /// How many evidence entries the payer submitted (the raising one
    /// included when the payer raised); the entries themselves are in the
    /// store ([`Disputes::evidence`]).
    pub payer_evidence: u8,
    /// How many evidence entries the payee submitted.
    pub payee_evidence: u8,
}

impl Dispute {
    /// How many evidence entries both sides submitted.
    pub fn evidence_count(&self) -> u32 {
        u32::from(self.payer_evidence).saturating_add(u32::from(self.payee_evidence))
    }
}

/// How an executed dispute pays out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolution {
    /// The dispute.
    pub id: u32,
    /// What was contested.
    pub subject: u32,
    /// The payer.
    pub payer: AccountId,
    /// The payer's share.
    pub payer_amount: Balance,
    /// The payee.
    pub payee: AccountId,
    /// The payee's share.
    pub payee_amount: Balance,
}

/// A party raised a dispute; the amount is frozen.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisputeRaised {
    /// The dispute.
    #[ink(topic)]
    pub id: u32,
    /// What is contested.
    pub subject: u32,
    /// The party who raised it.
    #[ink(topic)]
    pub raised_by: AccountId,
    /// The frozen amount.
    pub amount: Balance,
    /// SHA-256 of the first evidence.
    pub evidence_hash: Hash32,
    /// The arbitrator must rule before this time.
    pub ruling_deadline: Timestamp,
}

/// A party added evidence.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceSubmitted {
    /// The dispute.
    #[ink(topic)]
    pub id: u32,
    /// The party.
    #[ink(topic)]
    pub by: AccountId,
    /// SHA-256 of the evidence.
    pub evidence_hash: Hash32,
}

/// The arbitrator ruled.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulingIssued {
    /// The dispute.
    #[ink(topic)]
    pub id: u32,
    /// The arbitrator.
    #[ink(topic)]
    pub arbitrator: AccountId,
    /// The payer's share in basis points.
    pub payer_bps: u16,
    /// SHA-256 of the award document.
    pub award_hash: Hash32,
    /// End of the appeal window.
    pub appeal_deadline: Timestamp,
}

/// A party appealed; the ruling is set aside.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulingAppealed {
    /// The dispute.
    #[ink(topic)]
    pub id: u32,
    /// The appellant.
    #[ink(topic)]
    pub by: AccountId,
    /// SHA-256 of the grounds of appeal.
    pub grounds_hash: Hash32,
    /// The new ruling deadline.
    pub ruling_deadline: Timestamp,
}

/// The dispute was executed and paid out.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisputeResolved {
    /// The dispute.
    #[ink(topic)]
    pub id: u32,
    /// What was contested.
    pub subject: u32,
    /// Paid to the payer.
    pub payer_amount: Balance,
    /// Paid to the payee.
    pub payee_amount: Balance,
    /// True if no ruling came in time and the fallback applied.
    pub by_fallback: bool,
}

/// Events of the dispute core.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DisputeEvent {
    /// See [`DisputeRaised`].
    Raised(DisputeRaised),
    /// See [`EvidenceSubmitted`].
    EvidenceSubmitted(EvidenceSubmitted),
    /// See [`RulingIssued`].
    RulingIssued(RulingIssued),
    /// See [`RulingAppealed`].
    Appealed(RulingAppealed),
    /// See [`DisputeResolved`].
    Resolved(DisputeResolved),
}

/// The dispute table: its configuration and counters here, each dispute,
/// each evidence entry and the open-dispute index as entries of a
/// [`Store`] (see [`crate::store`]), so a dispute costs the same to raise
/// or rule whether the contract has one or a thousand.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disputes<S> {
    config: DisputeConfig,
    count: u32,
    frozen: Balance,
    store: S,
}

fn ensure_hash(hash: Hash32) -> Result<(), DisputeError> {
    if hash == ZERO_HASH {
        Err(DisputeError::ZeroHash)
    } else {
        Ok(())
    }
}

fn ensure_status(d: &Dispute, expected: DisputeStatus) -> Result<(), DisputeError> {
    if d.status == expected {
        Ok(())
    } else {
        Err(DisputeError::WrongStatus {
            expected,
            actual: d.status,
        })
    }
}

fn ensure_party(d: &Dispute, caller: AccountId) -> Result<(), DisputeError> {
    if caller == d.payer || caller == d.payee {
        Ok(())
    } else {
        Err(DisputeError::NotAParty { caller })
    }
}

fn after(now: Timestamp, span: Timestamp) -> Result<Timestamp, DisputeError> {
    now.checked_add(span).ok_or(DisputeError::TimeOverflow)
}

impl<S: Store + Default> Disputes<S> {
    /// An empty table.
    ///
    /// # Errors
    ///
    /// `InvalidConfig`.
    pub fn new(config: DisputeConfig) -> Result<Self, DisputeError> {
        config.validate()?;
        Ok(Self {
            config,
            count: 0,
            frozen: 0,
            store: S::default(),
        })
    }
}

impl<S: Store> Disputes<S> {
    /// The store handle: in a unit test, the in-memory entries this core
    /// wrote (each item's own storage value).
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The configuration.
    pub fn config(&self) -> DisputeConfig {
        self.config
    }

    /// A dispute by id.
    pub fn get(&self, id: u32) -> Option<Dispute> {
        if id >= self.count {
            return None;
        }
        self.store.get(DISPUTES, &id)
    }

    fn load(&self, id: u32) -> Result<Dispute, DisputeError> {
        self.get(id).ok_or(DisputeError::UnknownDispute { id })
    }

    fn save(&mut self, d: &Dispute) {
        self.store.set(DISPUTES, &d.id, d);
    }

    /// How many disputes were ever raised; their ids are `0..count`.
    pub fn count(&self) -> u32 {
        self.count
    }

    /// Dispute `id`'s evidence, `(submitter, hash)`, oldest first (the
    /// raising evidence first); empty for an unknown dispute.
    pub fn evidence(&self, id: u32) -> Vec<(AccountId, Hash32)> {
        let Some(d) = self.get(id) else {
            return Vec::new();
        };
        (0..d.evidence_count())
            .filter_map(|i| self.store.get(EVIDENCE, &(id, i)))
            .collect()
    }

    /// The open (not resolved) dispute about `subject`, if any.
    pub fn open_for(&self, subject: u32) -> Option<Dispute> {
        let id: u32 = self.store.get(OPEN_DISPUTES, &subject)?;
        self.get(id)
    }

    /// The sum of the amounts frozen by open disputes: what a termination
    /// leaves to the disputes, which go on after it.
    pub fn frozen_total(&self) -> Balance {
        self.frozen
    }

    /// Whether the amount of `subject` is frozen by an open dispute.
    pub fn is_frozen(&self, subject: u32) -> bool {
        self.store.get::<_, u32>(OPEN_DISPUTES, &subject).is_some()
    }

    /// The split that [`Disputes::execute`] would apply at `now`, without
    /// applying it: the kit uses it to let only a full refund to the payer
    /// execute while paused.
    pub fn executable_split(&self, id: u32, now: Timestamp) -> Option<(Balance, Balance)> {
        let d = self.get(id)?;
        let (bps, _) = self.due_split(&d, now).ok()?;
        split_bps(d.amount, bps)
    }

    /// The payer share that applies at `now`, and whether it is the fallback.
    fn due_split(&self, d: &Dispute, now: Timestamp) -> Result<(u16, bool), DisputeError> {
        match (d.status, d.ruling) {
            (DisputeStatus::Ruled, Some(ruling)) => {
                if now < ruling.appeal_deadline {
                    return Err(DisputeError::NotExecutableYet {
                        at: ruling.appeal_deadline,
                    });
                }
                Ok((ruling.payer_bps, false))
            }
            (DisputeStatus::AwaitingRuling, _) => {
                if now < d.ruling_deadline {
                    return Err(DisputeError::NotExecutableYet {
                        at: d.ruling_deadline,
                    });
                }
                Ok((self.config.fallback.payer_bps(), true))
            }
            _ => Err(DisputeError::WrongStatus {
                expected: DisputeStatus::Ruled,
                actual: d.status,
            }),
        }
    }

    /// `caller`, who must be `payer` or `payee`, disputes `amount` of
    /// `subject`; the amount freezes.
    ///
    /// # Errors
    ///
    /// `NotAParty`, `ZeroHash`, `NothingToDispute`, `AlreadyDisputed`,
    /// `TooManyDisputes` (once `u32::MAX` disputes were raised),
    /// `TimeOverflow`.
    ///
    /// # Events
    ///
    /// [`DisputeRaised`].
    #[allow(clippy::too_many_arguments)]
    pub fn raise(
        &mut self,
        caller: AccountId,
        payer: AccountId,
        payee: AccountId,
        subject: u32,
        amount: Balance,
        evidence_hash: Hash32,
        now: Timestamp,
    ) -> Result<(u32, Vec<DisputeEvent>), DisputeError> {
        if caller != payer && caller != payee {
            return Err(DisputeError::NotAParty { caller });
        }
        ensure_hash(evidence_hash)?;
        if amount == 0 {
            return Err(DisputeError::NothingToDispute);
        }
        if self.is_frozen(subject) {
            return Err(DisputeError::AlreadyDisputed { subject });
        }
        let id = self.count;
        let count = id.checked_add(1).ok_or(DisputeError::TooManyDisputes)?;
        let ruling_deadline = after(now, self.config.ruling_period)?;
        let (payer_evidence, payee_evidence) = if caller == payer { (1, 0) } else { (0, 1) };
        let d = Dispute {
            id,
            subject,
            payer,
            payee,
            amount,
            raised_by: caller,
            ruling_deadline,
            status: DisputeStatus::AwaitingRuling,
            ruling: None,
            payer_appealed: false,
            payee_appealed: false,
            payer_evidence,
            payee_evidence,
        };
        self.count = count;
        // Frozen amounts are amounts the contract holds, whose total fits a
        // balance.
        self.frozen = self.frozen.saturating_add(amount);
        self.save(&d);
        self.store
            .set(EVIDENCE, &(id, 0u32), &(caller, evidence_hash));
        self.store.set(OPEN_DISPUTES, &subject, &id);
        Ok((
            id,
            ink::prelude::vec![DisputeEvent::Raised(DisputeRaised {
                id,
                subject,
                raised_by: caller,
                amount,
                evidence_hash,
                ruling_deadline,
            })],
        ))
    }

    /// A party adds evidence to an open dispute, up to half of
    /// [`MAX_EVIDENCE`] per side.
    ///
    /// # Errors
    ///
    /// `UnknownDispute`, `NotAParty`, `ZeroHash`, `WrongStatus` if resolved,
    /// `TooMuchEvidence` once the caller's side has its half.
    ///
    /// # Events
    ///
    /// [`EvidenceSubmitted`].
    pub fn add_evidence(
        &mut self,
        caller: AccountId,
        id: u32,
        evidence_hash: Hash32,
    ) -> Result<Vec<DisputeEvent>, DisputeError> {
        self.add_evidence_up_to(caller, id, evidence_hash, MAX_EVIDENCE)
    }

    /// [`Disputes::add_evidence`] with a lower limit of `limit` entries per
    /// dispute (the raising evidence included; at most [`MAX_EVIDENCE`]),
    /// for a template that wants a shorter record. Each side gets half of
    /// `limit`.
    ///
    /// # Errors
    ///
    /// As [`Disputes::add_evidence`]; `TooMuchEvidence` once the caller has
    /// `limit / 2` entries.
    ///
    /// # Events
    ///
    /// [`EvidenceSubmitted`].
    pub fn add_evidence_up_to(
        &mut self,
        caller: AccountId,
        id: u32,
        evidence_hash: Hash32,
        limit: usize,
    ) -> Result<Vec<DisputeEvent>, DisputeError> {
        let mut d = self.load(id)?;
        ensure_party(&d, caller)?;
        ensure_hash(evidence_hash)?;
        if d.status == DisputeStatus::Resolved {
            return Err(DisputeError::WrongStatus {
                expected: DisputeStatus::AwaitingRuling,
                actual: d.status,
            });
        }
        // Each side's own quota: the payer and the payee are the only
        // submitters (`ensure_party`), so the whole record stays within
        // `limit`.
        let quota = limit.min(MAX_EVIDENCE).checked_div(2).unwrap_or(0);
        let index = d.evidence_count();
        let own = if caller == d.payer {
            &mut d.payer_evidence
        } else {
            &mut d.payee_evidence
        };
        if usize::from(*own) >= quota {
            return Err(DisputeError::TooMuchEvidence);
        }
        // Below the quota, itself below `MAX_EVIDENCE`, so it fits a u8.
        *own = own.saturating_add(1);
        self.save(&d);
        self.store
            .set(EVIDENCE, &(id, index), &(caller, evidence_hash));
        Ok(ink::prelude::vec![DisputeEvent::EvidenceSubmitted(
            EvidenceSubmitted {
                id,
                by: caller,
                evidence_hash,
            }
        )])
    }

    /// The arbitrator rules: the payer gets `payer_bps` of the frozen amount,
    /// the payee the rest. Only before the ruling deadline.
    ///
    /// # Errors
    ///
    /// `Unauthorized` unless `caller` holds `Arbitrator`; `UnknownDispute`;
    /// `WrongStatus` unless awaiting a ruling; `RulingDeadlinePassed`;
    /// `SplitOutOfRange`; `ZeroHash`; `TimeOverflow`.
    ///
    /// # Events
    ///
    /// [`RulingIssued`].
    pub fn rule(
        &mut self,
        roles: &Roles<impl Store>,
        caller: AccountId,
        id: u32,
        payer_bps: u16,
        award_hash: Hash32,
        now: Timestamp,
    ) -> Result<Vec<DisputeEvent>, Guarded<DisputeError>> {
        roles.ensure(Role::Arbitrator, caller)?;
        let appeal_window = self.config.appeal_window;
        let mut d = self.load(id)?;
        ensure_status(&d, DisputeStatus::AwaitingRuling)?;
        if now >= d.ruling_deadline {
            return Err(DisputeError::RulingDeadlinePassed {
                deadline: d.ruling_deadline,
            }
            .into());
        }
        if payer_bps > BPS_DENOMINATOR {
            return Err(DisputeError::SplitOutOfRange { payer_bps }.into());
        }
        ensure_hash(award_hash)?;
        let appeal_deadline = after(now, appeal_window)?;
        d.status = DisputeStatus::Ruled;
        d.ruling = Some(Ruling {
            arbitrator: caller,
            payer_bps,
            award_hash,
            appeal_deadline,
        });
        self.save(&d);
        Ok(ink::prelude::vec![DisputeEvent::RulingIssued(
            RulingIssued {
                id,
                arbitrator: caller,
                payer_bps,
                award_hash,
                appeal_deadline,
            }
        )])
    }

    /// A party appeals a ruling inside the window; the ruling is set aside
    /// and the arbitrator has a new ruling period. One appeal per side, so
    /// the first appellant does not use up the other side's appeal.
    ///
    /// # Errors
    ///
    /// `UnknownDispute`, `NotAParty`, `ZeroHash`, `WrongStatus` unless ruled,
    /// `AppealAlreadyUsed`, `AppealWindowClosed`, `TimeOverflow`.
    ///
    /// # Events
    ///
    /// [`RulingAppealed`].
    pub fn appeal(
        &mut self,
        caller: AccountId,
        id: u32,
        grounds_hash: Hash32,
        now: Timestamp,
    ) -> Result<Vec<DisputeEvent>, DisputeError> {
        let ruling_period = self.config.ruling_period;
        let mut d = self.load(id)?;
        ensure_party(&d, caller)?;
        ensure_hash(grounds_hash)?;
        ensure_status(&d, DisputeStatus::Ruled)?;
        // `ensure_party` let only the payer or the payee through.
        let used = if caller == d.payer {
            d.payer_appealed
        } else {
            d.payee_appealed
        };
        if used {
            return Err(DisputeError::AppealAlreadyUsed);
        }
        let deadline = d.ruling.map(|r| r.appeal_deadline).unwrap_or(0);
        if now >= deadline {
            return Err(DisputeError::AppealWindowClosed { deadline });
        }
        let ruling_deadline = after(now, ruling_period)?;
        if caller == d.payer {
            d.payer_appealed = true;
        } else {
            d.payee_appealed = true;
        }
        d.ruling = None;
        d.status = DisputeStatus::AwaitingRuling;
        d.ruling_deadline = ruling_deadline;
        self.save(&d);
        Ok(ink::prelude::vec![DisputeEvent::Appealed(RulingAppealed {
            id,
            by: caller,
            grounds_hash,
            ruling_deadline,
        })])
    }

    /// Executes a dispute: the ruling once its appeal window has passed, or
    /// the fallback once the ruling deadline has passed without a ruling.
    /// Anyone may call. The contract pays out the returned [`Resolution`].
    ///
    /// # Errors
    ///
    /// `UnknownDispute`; `NotExecutableYet`; `WrongStatus` if resolved.
    ///
    /// # Events
    ///
    /// [`DisputeResolved`].
    pub fn execute(
        &mut self,
        id: u32,
        now: Timestamp,
    ) -> Result<(Resolution, Vec<DisputeEvent>), DisputeError> {
        let mut d = self.load(id)?;
        let (bps, by_fallback) = self.due_split(&d, now)?;
        let (payer_amount, payee_amount) =
            split_bps(d.amount, bps).ok_or(DisputeError::SplitOutOfRange { payer_bps: bps })?;
        d.status = DisputeStatus::Resolved;
        self.save(&d);
        self.store.remove(OPEN_DISPUTES, &d.subject);
        // The amount was counted in when the dispute was raised.
        self.frozen = self.frozen.saturating_sub(d.amount);
        let resolution = Resolution {
            id,
            subject: d.subject,
            payer: d.payer,
            payer_amount,
            payee: d.payee,
            payee_amount,
        };
        Ok((
            resolution,
            ink::prelude::vec![DisputeEvent::Resolved(DisputeResolved {
                id,
                subject: d.subject,
                payer_amount,
                payee_amount,
                by_fallback,
            })],
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{store::MemStore, test_utils::*, RolesError};

    type Disputes = super::Disputes<MemStore>;
    type Roles = crate::roles::Roles<MemStore>;

    const DAY: Timestamp = 86_400_000;
    const T0: Timestamp = 1_000;

    fn config() -> DisputeConfig {
        DisputeConfig {
            ruling_period: 10 * DAY,
            appeal_window: 3 * DAY,
            fallback: Fallback::RefundPayer,
        }
    }

    fn roles() -> Roles {
        let mut r = Roles::new(acc(ADMIN));
        r.grant(acc(ADMIN), Role::Arbitrator, acc(ARBITRATOR))
            .unwrap();
        r
    }

    fn raised() -> Disputes {
        let mut d = Disputes::new(config()).unwrap();
        d.raise(
            acc(CLIENT),
            acc(CLIENT),
            acc(CONTRACTOR),
            0,
            1_000,
            h(1),
            T0,
        )
        .unwrap();
        d
    }

    fn ruled(bps: u16) -> Disputes {
        let mut d = raised();
        d.rule(&roles(), acc(ARBITRATOR), 0, bps, h(2), T0 + DAY)
            .unwrap();
        d
    }

    #[test]
    fn zero_periods_fail_with_invalid_config() {
        let c = DisputeConfig {
            appeal_window: 0,
            ..config()
        };
        assert_eq!(Disputes::new(c).unwrap_err(), DisputeError::InvalidConfig);
    }

    #[test]
    fn periods_beyond_the_maximum_fail_with_invalid_config() {
        // a dispute goes on after termination: its deadlines must be near
        for c in [
            DisputeConfig {
                appeal_window: MAX_PERIOD + 1,
                ..config()
            },
            DisputeConfig {
                ruling_period: MAX_PERIOD + 1,
                ..config()
            },
        ] {
            assert_eq!(Disputes::new(c).unwrap_err(), DisputeError::InvalidConfig);
        }
        let longest = DisputeConfig {
            ruling_period: MAX_PERIOD,
            appeal_window: MAX_PERIOD,
            ..config()
        };
        assert!(Disputes::new(longest).is_ok());
    }

    #[test]
    fn raise_by_party_freezes_subject_and_emits_raised() {
        let mut d = Disputes::new(config()).unwrap();
        let (id, events) = d
            .raise(
                acc(CONTRACTOR),
                acc(CLIENT),
                acc(CONTRACTOR),
                4,
                500,
                h(1),
                T0,
            )
            .unwrap();
        assert_eq!(id, 0);
        assert!(d.is_frozen(4));
        assert!(!d.is_frozen(5));
        assert_eq!(
            events,
            vec![DisputeEvent::Raised(DisputeRaised {
                id: 0,
                subject: 4,
                raised_by: acc(CONTRACTOR),
                amount: 500,
                evidence_hash: h(1),
                ruling_deadline: T0 + 10 * DAY
            })]
        );
    }

    #[test]
    fn raise_by_non_party_fails_with_not_a_party() {
        let mut d = Disputes::new(config()).unwrap();
        for who in [STRANGER, ARBITRATOR, ADMIN] {
            assert_eq!(
                d.raise(acc(who), acc(CLIENT), acc(CONTRACTOR), 0, 500, h(1), T0),
                Err(DisputeError::NotAParty { caller: acc(who) })
            );
        }
        assert_eq!(d.count(), 0);
    }

    #[test]
    fn raise_with_zero_evidence_fails_with_zero_hash() {
        let mut d = Disputes::new(config()).unwrap();
        assert_eq!(
            d.raise(
                acc(CLIENT),
                acc(CLIENT),
                acc(CONTRACTOR),
                0,
                500,
                [0; 32],
                T0
            ),
            Err(DisputeError::ZeroHash)
        );
    }

    #[test]
    fn raise_over_zero_amount_fails_with_nothing_to_dispute() {
        let mut d = Disputes::new(config()).unwrap();
        assert_eq!(
            d.raise(acc(CLIENT), acc(CLIENT), acc(CONTRACTOR), 0, 0, h(1), T0),
            Err(DisputeError::NothingToDispute)
        );
    }

    #[test]
    fn raise_twice_on_same_subject_fails_with_already_disputed() {
        let mut d = raised();
        assert_eq!(
            d.raise(
                acc(CONTRACTOR),
                acc(CLIENT),
                acc(CONTRACTOR),
                0,
                1_000,
                h(1),
                T0
            ),
            Err(DisputeError::AlreadyDisputed { subject: 0 })
        );
    }

    #[test]
    fn a_thousand_disputes_each_keep_their_own_entries_and_freeze_their_own_amounts() {
        // given
        let mut d = Disputes::new(config()).unwrap();
        for subject in 0..1_000u32 {
            d.raise(
                acc(CLIENT),
                acc(CLIENT),
                acc(CONTRACTOR),
                subject,
                2,
                h(1),
                T0,
            )
            .unwrap();
        }
        // then
        assert_eq!(d.count(), 1_000);
        assert_eq!(d.frozen_total(), 2_000);
        assert_eq!(d.open_for(999).unwrap().id, 999);
        assert_eq!(d.store.count(DISPUTES), 1_000);
        // when: the last one runs to its fallback
        d.execute(999, T0 + 10 * DAY).unwrap();
        // then: only its subject thaws, and it may be disputed again
        assert!(!d.is_frozen(999));
        assert!(d.is_frozen(998));
        assert_eq!(d.frozen_total(), 1_998);
        let (id, _) = d
            .raise(acc(CLIENT), acc(CLIENT), acc(CONTRACTOR), 999, 2, h(1), T0)
            .unwrap();
        assert_eq!(id, 1_000);
    }

    #[test]
    fn evidence_by_party_is_recorded() {
        let mut d = raised();
        let events = d.add_evidence(acc(CONTRACTOR), 0, h(3)).unwrap();
        assert_eq!(d.evidence(0).len(), 2);
        assert_eq!(
            events,
            vec![DisputeEvent::EvidenceSubmitted(EvidenceSubmitted {
                id: 0,
                by: acc(CONTRACTOR),
                evidence_hash: h(3)
            })]
        );
    }

    #[test]
    fn evidence_by_non_party_fails_with_not_a_party() {
        let mut d = raised();
        assert_eq!(
            d.add_evidence(acc(STRANGER), 0, h(3)),
            Err(DisputeError::NotAParty {
                caller: acc(STRANGER)
            })
        );
    }

    #[test]
    fn evidence_on_unknown_dispute_fails_with_unknown_dispute() {
        let mut d = raised();
        assert_eq!(
            d.add_evidence(acc(CLIENT), 7, h(3)),
            Err(DisputeError::UnknownDispute { id: 7 })
        );
    }

    #[test]
    fn evidence_beyond_capacity_fails_with_too_much_evidence() {
        let mut d = raised();
        // the client raised with one entry; each side has half the slots
        for _ in 1..MAX_EVIDENCE / 2 {
            d.add_evidence(acc(CLIENT), 0, h(3)).unwrap();
        }
        for _ in 0..MAX_EVIDENCE / 2 {
            d.add_evidence(acc(CONTRACTOR), 0, h(4)).unwrap();
        }
        for party in [CLIENT, CONTRACTOR] {
            assert_eq!(
                d.add_evidence(acc(party), 0, h(3)),
                Err(DisputeError::TooMuchEvidence)
            );
        }
        assert_eq!(d.evidence(0).len(), MAX_EVIDENCE);
    }

    #[test]
    fn a_side_that_fills_its_evidence_slots_leaves_the_other_sides_free() {
        // given: the raiser fills its own half of a 4-slot limit
        let mut d = raised();
        d.add_evidence_up_to(acc(CLIENT), 0, h(3), 4).unwrap();
        assert_eq!(
            d.add_evidence_up_to(acc(CLIENT), 0, h(3), 4),
            Err(DisputeError::TooMuchEvidence)
        );
        // then: the other side still has both of its slots
        d.add_evidence_up_to(acc(CONTRACTOR), 0, h(4), 4).unwrap();
        d.add_evidence_up_to(acc(CONTRACTOR), 0, h(4), 4).unwrap();
        assert_eq!(
            d.add_evidence_up_to(acc(CONTRACTOR), 0, h(4), 4),
            Err(DisputeError::TooMuchEvidence)
        );
    }

    #[test]
    fn rule_by_arbitrator_records_ruling_and_opens_appeal_window() {
        let mut d = raised();
        let events = d
            .rule(&roles(), acc(ARBITRATOR), 0, 2_500, h(2), T0 + DAY)
            .unwrap();
        let dispute = d.get(0).unwrap();
        assert_eq!(dispute.status, DisputeStatus::Ruled);
        assert_eq!(
            events,
            vec![DisputeEvent::RulingIssued(RulingIssued {
                id: 0,
                arbitrator: acc(ARBITRATOR),
                payer_bps: 2_500,
                award_hash: h(2),
                appeal_deadline: T0 + 4 * DAY
            })]
        );
    }

    #[test]
    fn rule_by_non_arbitrator_fails_with_unauthorized() {
        let mut d = raised();
        for who in [ADMIN, CLIENT, CONTRACTOR, STRANGER] {
            assert_eq!(
                d.rule(&roles(), acc(who), 0, 2_500, h(2), T0),
                Err(Guarded::Roles(RolesError::Unauthorized {
                    caller: acc(who),
                    required: Role::Arbitrator
                }))
            );
        }
        assert_eq!(d.get(0).unwrap().status, DisputeStatus::AwaitingRuling);
    }

    #[test]
    fn rule_beyond_frozen_amount_fails_with_split_out_of_range() {
        let mut d = raised();
        assert_eq!(
            d.rule(&roles(), acc(ARBITRATOR), 0, 10_001, h(2), T0),
            Err(Guarded::Core(DisputeError::SplitOutOfRange {
                payer_bps: 10_001
            }))
        );
    }

    #[test]
    fn a_ruling_of_the_whole_amount_to_the_payer_is_in_range() {
        // given / when: the boundary, 10 000 basis points
        let mut d = raised();
        d.rule(&roles(), acc(ARBITRATOR), 0, BPS_DENOMINATOR, h(2), T0)
            .unwrap();
        // then
        assert_eq!(
            d.get(0).unwrap().ruling.map(|r| r.payer_bps),
            Some(BPS_DENOMINATOR)
        );
    }

    #[test]
    fn rule_without_award_hash_fails_with_zero_hash() {
        let mut d = raised();
        assert_eq!(
            d.rule(&roles(), acc(ARBITRATOR), 0, 5_000, [0; 32], T0),
            Err(Guarded::Core(DisputeError::ZeroHash))
        );
    }

    #[test]
    fn rule_after_deadline_fails_with_ruling_deadline_passed() {
        let mut d = raised();
        assert_eq!(
            d.rule(&roles(), acc(ARBITRATOR), 0, 5_000, h(2), T0 + 10 * DAY),
            Err(Guarded::Core(DisputeError::RulingDeadlinePassed {
                deadline: T0 + 10 * DAY
            }))
        );
    }

    #[test]
    fn rule_twice_fails_with_wrong_status() {
        let mut d = ruled(5_000);
        assert_eq!(
            d.rule(&roles(), acc(ARBITRATOR), 0, 5_000, h(2), T0 + DAY),
            Err(Guarded::Core(DisputeError::WrongStatus {
                expected: DisputeStatus::AwaitingRuling,
                actual: DisputeStatus::Ruled
            }))
        );
    }

    #[test]
    fn execute_inside_appeal_window_fails_with_not_executable_yet() {
        let mut d = ruled(5_000);
        assert_eq!(
            d.execute(0, T0 + 4 * DAY - 1),
            Err(DisputeError::NotExecutableYet { at: T0 + 4 * DAY })
        );
    }

    #[test]
    fn execute_after_appeal_window_pays_the_ruling_split() {
        let mut d = ruled(2_500);
        let (res, events) = d.execute(0, T0 + 4 * DAY).unwrap();
        assert_eq!(res.payer_amount, 250);
        assert_eq!(res.payee_amount, 750);
        assert_eq!(d.get(0).unwrap().status, DisputeStatus::Resolved);
        assert!(!d.is_frozen(0));
        assert_eq!(
            events,
            vec![DisputeEvent::Resolved(DisputeResolved {
                id: 0,
                subject: 0,
                payer_amount: 250,
                payee_amount: 750,
                by_fallback: false
            })]
        );
    }

    #[test]
    fn execute_twice_fails_with_wrong_status() {
        let mut d = ruled(2_500);
        d.execute(0, T0 + 4 * DAY).unwrap();
        assert_eq!(
            d.execute(0, T0 + 4 * DAY),
            Err(DisputeError::WrongStatus {
                expected: DisputeStatus::Ruled,
                actual: DisputeStatus::Resolved
            })
        );
    }

    #[test]
    fn execute_without_ruling_before_deadline_fails_with_not_executable_yet() {
        let mut d = raised();
        assert_eq!(
            d.execute(0, T0 + DAY),
            Err(DisputeError::NotExecutableYet { at: T0 + 10 * DAY })
        );
    }

    #[test]
    fn execute_without_ruling_after_deadline_applies_fallback() {
        let mut d = raised();
        let (res, events) = d.execute(0, T0 + 10 * DAY).unwrap();
        assert_eq!((res.payer_amount, res.payee_amount), (1_000, 0));
        assert_eq!(
            events,
            vec![DisputeEvent::Resolved(DisputeResolved {
                id: 0,
                subject: 0,
                payer_amount: 1_000,
                payee_amount: 0,
                by_fallback: true
            })]
        );
    }

    #[test]
    fn every_fallback_splits_the_whole_amount() {
        for (fallback, expected) in [
            (Fallback::RefundPayer, (1_001, 0)),
            (Fallback::PayPayee, (0, 1_001)),
            (Fallback::SplitEvenly, (500, 501)),
        ] {
            let mut d = Disputes::new(DisputeConfig {
                fallback,
                ..config()
            })
            .unwrap();
            d.raise(
                acc(CLIENT),
                acc(CLIENT),
                acc(CONTRACTOR),
                0,
                1_001,
                h(1),
                T0,
            )
            .unwrap();
            let (res, _) = d.execute(0, T0 + 10 * DAY).unwrap();
            assert_eq!((res.payer_amount, res.payee_amount), expected);
        }
    }

    #[test]
    fn appeal_inside_window_sets_ruling_aside_and_restarts_ruling_period() {
        let mut d = ruled(0);
        let events = d.appeal(acc(CLIENT), 0, h(9), T0 + 2 * DAY).unwrap();
        let dispute = d.get(0).unwrap();
        assert_eq!(dispute.status, DisputeStatus::AwaitingRuling);
        assert_eq!(dispute.ruling, None);
        assert_eq!(dispute.ruling_deadline, T0 + 12 * DAY);
        assert_eq!(
            events,
            vec![DisputeEvent::Appealed(RulingAppealed {
                id: 0,
                by: acc(CLIENT),
                grounds_hash: h(9),
                ruling_deadline: T0 + 12 * DAY
            })]
        );
    }

    #[test]
    fn second_appeal_by_the_same_side_fails_with_appeal_already_used() {
        let mut d = ruled(0);
        d.appeal(acc(CLIENT), 0, h(9), T0 + 2 * DAY).unwrap();
        d.rule(&roles(), acc(ARBITRATOR), 0, 6_000, h(2), T0 + 3 * DAY)
            .unwrap();
        assert_eq!(
            d.appeal(acc(CLIENT), 0, h(9), T0 + 3 * DAY),
            Err(DisputeError::AppealAlreadyUsed)
        );
    }

    #[test]
    fn each_side_has_its_own_appeal() {
        // given: the client appealed the first ruling, the arbitrator ruled again
        let mut d = ruled(0);
        d.appeal(acc(CLIENT), 0, h(9), T0 + 2 * DAY).unwrap();
        d.rule(&roles(), acc(ARBITRATOR), 0, 6_000, h(2), T0 + 3 * DAY)
            .unwrap();
        // when: the contractor appeals the second ruling
        d.appeal(acc(CONTRACTOR), 0, h(8), T0 + 4 * DAY).unwrap();
        // then: the dispute awaits a third ruling; both appeals are used
        assert_eq!(d.get(0).unwrap().status, DisputeStatus::AwaitingRuling);
        d.rule(&roles(), acc(ARBITRATOR), 0, 5_000, h(2), T0 + 5 * DAY)
            .unwrap();
        for side in [CLIENT, CONTRACTOR] {
            assert_eq!(
                d.appeal(acc(side), 0, h(9), T0 + 6 * DAY),
                Err(DisputeError::AppealAlreadyUsed)
            );
        }
    }

    #[test]
    fn appeal_after_window_fails_with_appeal_window_closed() {
        let mut d = ruled(0);
        assert_eq!(
            d.appeal(acc(CLIENT), 0, h(9), T0 + 4 * DAY),
            Err(DisputeError::AppealWindowClosed {
                deadline: T0 + 4 * DAY
            })
        );
    }

    #[test]
    fn appeal_by_non_party_fails_with_not_a_party() {
        let mut d = ruled(0);
        assert_eq!(
            d.appeal(acc(ARBITRATOR), 0, h(9), T0 + 2 * DAY),
            Err(DisputeError::NotAParty {
                caller: acc(ARBITRATOR)
            })
        );
    }

    #[test]
    fn appeal_before_ruling_fails_with_wrong_status() {
        let mut d = raised();
        assert_eq!(
            d.appeal(acc(CLIENT), 0, h(9), T0),
            Err(DisputeError::WrongStatus {
                expected: DisputeStatus::Ruled,
                actual: DisputeStatus::AwaitingRuling
            })
        );
    }

    #[test]
    fn executable_split_previews_without_changing_state() {
        let d = ruled(2_500);
        assert_eq!(d.executable_split(0, T0), None);
        assert_eq!(d.executable_split(0, T0 + 4 * DAY), Some((250, 750)));
        assert_eq!(d.get(0).unwrap().status, DisputeStatus::Ruled);
    }
}
