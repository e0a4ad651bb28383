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
pub mod conformance;
mod errors;
mod events;

pub use errors::DisputeError;
pub use events::{
    DisputeEvent, DisputeRaised, DisputeResolved, EvidenceSubmitted, RulingAppealed, RulingIssued,
};

use ink::prelude::vec::Vec;

use crate::{
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
    ) -> Result<(Resolution, DisputeResolved), DisputeError> {
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
            DisputeResolved {
                id,
                subject: d.subject,
                payer_amount,
                payee_amount,
                by_fallback,
            },
        ))
    }
}

#[cfg(test)]
mod tests;
