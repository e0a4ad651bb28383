//! # Human review of automated decisions
//!
//! Kazakhstan's Digital Code (No. 255-VIII of 9 January 2026) gives a person affected by an automated
//! decision the right to be notified, to an explanation of its main factors,
//! and to ask an authorised human to review it; the AI Law (No. 230-VIII of
//! 17 November 2025, Art. 21) requires labelling what AI produced (see `docs/legal-basis.md`).
//! This core makes those rights a property of the contract:
//!
//! - [`Reviews::record`] files a decision about an account, with the
//!   SHA-256 of its explanation, whether AI took part and the system's risk
//!   class, and returns [`AutomatedDecisionRecorded`] with the affected
//!   account as a topic (the notification);
//! - a decision has **no effect** until it is final: the affected account
//!   may [`Reviews::request_review`] within the review window, and a
//!   high-risk decision can be configured to wait for a reviewer's
//!   confirmation before it can take effect at all;
//! - a reviewer ([`Role::Reviewer`], never the account that recorded the
//!   decision) upholds or overrides it with the hash of the reasoning
//!   ([`Reviews::resolve`]); that is final;
//! - if the reviewer misses the deadline, the verdict **favourable to the
//!   person** applies (documented choice: a missed deadline must not cost the
//!   person the right they asked to use, and nothing stays stuck);
//! - the contract carries a final decision out exactly once
//!   ([`Reviews::take_effect`]) and only then moves funds.
//!
//! ```text
//! record --> Open --(window passes)--------------------------> final: as decided
//!            Open --request_review--> UnderReview --resolve--> final: upheld / overridden
//!                                     UnderReview --(deadline passes)--> final: favourable
//! record (high risk, confirmation on) --> AwaitingConfirmation --resolve--> final
//!                                         AwaitingConfirmation --(deadline passes)--> final: favourable
//! final --take_effect--> Executed (once)
//! ```
//!
//! Verdicts are relative to the affected account: [`Verdict::Favourable`]
//! or [`Verdict::Adverse`]. The contract says what each means for its funds
//! (for an automatic release of the client's escrow, adverse to the client
//! is "release", favourable is "keep in escrow").
//!
//! ## Security considerations
//!
//! - The core trusts `caller` and `now`; the contract passes
//!   `self.env().caller()` and the block time.
//! - The account that records decisions (the contract itself, or an
//!   oracle account) must not hold [`Role::Reviewer`]; the core refuses a
//!   review by the recorder of that decision ([`ReviewError::SelfReview`]).
//! - Explanations and reasons are hashes: no personal data on chain.
mod errors;
mod events;

pub use errors::ReviewError;
pub use events::{
    AutomatedDecisionRecorded, DecisionTookEffect, ReviewEvent, ReviewRequested, ReviewResolved,
};

use ink::prelude::vec::Vec;

use crate::{
    roles::{Guarded, Role, Roles},
    store::{Store, DECISIONS},
    types::{AccountId, Balance, Hash32, Timestamp, ZERO_HASH},
};

pub mod conformance;
mod status;
pub use status::DecisionStatus;

/// Identifier of a decision, from 1.
pub type DecisionId = u32;

/// Longest review window or reviewer deadline accepted: one year.
pub const MAX_PERIOD: Timestamp = 366 * 24 * 60 * 60 * 1000;

/// The risk class of the automated system (AI Law No. 230-VIII).
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiskClass {
    /// Minimal risk.
    Minimal,
    /// Medium risk.
    Medium,
    /// High risk: can be configured to need a human's confirmation.
    High,
}

/// What a decision means for the affected account.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// In the person's favour.
    Favourable,
    /// Against the person.
    Adverse,
}

/// The AI label of a decision (AI Law Art. 21).
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AiLabel {
    /// Whether an AI system took part in the decision.
    pub ai_involved: bool,
    /// The system's risk class.
    pub risk: RiskClass,
}

/// Review settings fixed at instantiation.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewConfig {
    /// How long after a decision the affected account may ask for review,
    /// in milliseconds.
    pub review_window: Timestamp,
    /// How long a reviewer has to resolve, in milliseconds.
    pub reviewer_deadline: Timestamp,
    /// Whether high-risk decisions wait for a reviewer's confirmation
    /// before they can take effect.
    pub confirm_high_risk: bool,
}

impl ReviewConfig {
    /// Checks both periods are in `1..=MAX_PERIOD`.
    ///
    /// # Errors
    ///
    /// [`ReviewError::InvalidPeriod`].
    pub fn validate(&self) -> Result<(), ReviewError> {
        for period in [self.review_window, self.reviewer_deadline] {
            if period == 0 || period > MAX_PERIOD {
                return Err(ReviewError::InvalidPeriod { period });
            }
        }
        Ok(())
    }
}

/// What the contract's automated system decided.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionInput {
    /// The affected account.
    pub subject: AccountId,
    /// A contract-defined code for the kind of decision (e.g. "automatic
    /// milestone release").
    pub kind: u32,
    /// The decided verdict, relative to `subject`.
    pub verdict: Verdict,
    /// The amount the decision would move, if any.
    pub amount: Option<Balance>,
    /// The contract-defined item the decision is about (a milestone, an
    /// allocation).
    pub item: u32,
    /// SHA-256 of the explanation of the main factors.
    pub explanation: Hash32,
    /// The AI label.
    pub ai: AiLabel,
}

/// Why a verdict took effect.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EffectBasis {
    /// Nobody asked for review within the window.
    WindowPassed,
    /// A reviewer upheld the decision.
    Upheld,
    /// A reviewer overrode the decision.
    Overridden,
    /// The reviewer missed the deadline: the favourable verdict applies.
    DeadlineFallback,
}

/// A recorded decision.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    /// Its id.
    pub id: DecisionId,
    /// What was decided.
    pub input: DecisionInput,
    /// The account that recorded it (the deciding system).
    pub recorded_by: AccountId,
    /// Block time of the decision.
    pub decided_at: Timestamp,
    /// Where it stands.
    pub status: DecisionStatus,
}

/// The review core: its settings and counter here, each decision and the
/// pending-decision index as entries of a [`Store`] (see
/// [`crate::store`]).
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reviews<S> {
    config: ReviewConfig,
    count: u32,
    store: S,
}

fn after(now: Timestamp, period: Timestamp) -> Result<Timestamp, ReviewError> {
    now.checked_add(period).ok_or(ReviewError::TimeOverflow)
}

impl<S: Store + Default> Reviews<S> {
    /// A core with `config`.
    ///
    /// # Errors
    ///
    /// [`ReviewError::InvalidPeriod`].
    pub fn new(config: ReviewConfig) -> Result<Self, ReviewError> {
        config.validate()?;
        Ok(Self {
            config,
            count: 0,
            store: S::default(),
        })
    }
}

impl<S: Store> Reviews<S> {
    /// The store handle: in a unit test, the in-memory entries this core
    /// wrote (each item's own storage value).
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The settings.
    pub fn config(&self) -> ReviewConfig {
        self.config
    }

    /// How many decisions were ever recorded; their ids are `1..=count`.
    pub fn count(&self) -> u32 {
        self.count
    }

    /// Decision `id`.
    pub fn get(&self, id: DecisionId) -> Option<Decision> {
        if id == 0 || id > self.count {
            return None;
        }
        self.store.get(DECISIONS, &id)
    }

    fn load(&self, id: DecisionId) -> Result<Decision, ReviewError> {
        self.get(id).ok_or(ReviewError::UnknownDecision { id })
    }

    fn save(&mut self, d: &Decision) {
        self.store.set(DECISIONS, &d.id, d);
    }

    /// The verdict that applies to decision `id` at `now`, and why, or
    /// `None` while it has no effect yet (window open, awaiting
    /// confirmation, under review before the deadline) or was carried out.
    pub fn effective(&self, id: DecisionId, now: Timestamp) -> Option<(Verdict, EffectBasis)> {
        let d = self.get(id)?;
        match d.status {
            DecisionStatus::Open { window_ends } if now >= window_ends => {
                Some((d.input.verdict, EffectBasis::WindowPassed))
            }
            DecisionStatus::AwaitingConfirmation { deadline }
            | DecisionStatus::UnderReview { deadline, .. }
                if now >= deadline =>
            {
                Some((Verdict::Favourable, EffectBasis::DeadlineFallback))
            }
            DecisionStatus::Resolved {
                verdict, upheld, ..
            } => Some((
                verdict,
                if upheld {
                    EffectBasis::Upheld
                } else {
                    EffectBasis::Overridden
                },
            )),
            _ => None,
        }
    }

    /// Records an automated decision by `recorder` (the deciding system) at
    /// `now`. High-risk decisions wait for a reviewer if configured.
    ///
    /// # Errors
    ///
    /// `ZeroHash` for an empty explanation; `TooManyDecisions` (once
    /// `u32::MAX` decisions were recorded); `TimeOverflow`.
    ///
    /// # Events
    ///
    /// [`AutomatedDecisionRecorded`], with `subject` as a topic.
    pub fn record(
        &mut self,
        recorder: AccountId,
        input: DecisionInput,
        now: Timestamp,
    ) -> Result<(DecisionId, AutomatedDecisionRecorded), ReviewError> {
        if input.explanation == ZERO_HASH {
            return Err(ReviewError::ZeroHash);
        }
        let id = self
            .count
            .checked_add(1)
            .ok_or(ReviewError::TooManyDecisions)?;
        let needs_confirmation = self.config.confirm_high_risk && input.ai.risk == RiskClass::High;
        let (status, review_until) = if needs_confirmation {
            let deadline = after(now, self.config.reviewer_deadline)?;
            (DecisionStatus::AwaitingConfirmation { deadline }, deadline)
        } else {
            let window_ends = after(now, self.config.review_window)?;
            (DecisionStatus::Open { window_ends }, window_ends)
        };
        self.count = id;
        self.save(&Decision {
            id,
            input,
            recorded_by: recorder,
            decided_at: now,
            status,
        });

        Ok((
            id,
            AutomatedDecisionRecorded {
                subject: input.subject,
                id,
                kind: input.kind,
                item: input.item,
                verdict: input.verdict,
                amount: input.amount,
                explanation: input.explanation,
                ai: input.ai,
                review_until,
                needs_confirmation,
            },
        ))
    }

    /// The affected account asks for human review of decision `id` inside
    /// the window, giving the hash of its reasons. A decision awaiting
    /// confirmation is under a human's review already: asking again only
    /// records the reasons.
    ///
    /// # Errors
    ///
    /// `UnknownDecision`; `NotTheSubject`; `ZeroHash`; `ReviewWindowClosed`
    /// after the window; `AlreadyUnderReview`; `AlreadyFinal` once resolved
    /// or carried out; `TimeOverflow`.
    ///
    /// # Events
    ///
    /// [`ReviewRequested`].
    pub fn request_review(
        &mut self,
        caller: AccountId,
        id: DecisionId,
        reason: Hash32,
        now: Timestamp,
    ) -> Result<Vec<ReviewEvent>, ReviewError> {
        let reviewer_deadline = self.config.reviewer_deadline;
        let mut d = self.load(id)?;
        if caller != d.input.subject {
            return Err(ReviewError::NotTheSubject { caller });
        }
        if reason == ZERO_HASH {
            return Err(ReviewError::ZeroHash);
        }
        let deadline = match d.status {
            DecisionStatus::Open { window_ends } => {
                if now >= window_ends {
                    return Err(ReviewError::ReviewWindowClosed {
                        closed_at: window_ends,
                    });
                }
                after(now, reviewer_deadline)?
            }
            DecisionStatus::AwaitingConfirmation { deadline } => {
                if now >= deadline {
                    return Err(ReviewError::ReviewWindowClosed {
                        closed_at: deadline,
                    });
                }
                deadline
            }
            DecisionStatus::UnderReview { .. } => {
                return Err(ReviewError::AlreadyUnderReview { id })
            }
            DecisionStatus::Resolved { .. } | DecisionStatus::Executed { .. } => {
                return Err(ReviewError::AlreadyFinal { id })
            }
        };
        d.status = DecisionStatus::UnderReview { reason, deadline };
        self.save(&d);
        Ok(ink::prelude::vec![ReviewEvent::ReviewRequested(
            ReviewRequested {
                subject: d.input.subject,
                id,
                reason,
                deadline,
            }
        )])
    }

    /// A reviewer upholds (`override_to == None`) or overrides decision
    /// `id` before the deadline, with the hash of the reasoning. Final.
    ///
    /// # Errors
    ///
    /// `Roles(Unauthorized)` without [`Role::Reviewer`]; `UnknownDecision`;
    /// `SelfReview` if the reviewer recorded the decision; `ZeroHash`;
    /// `NotUnderReview` unless under review or awaiting confirmation;
    /// `ReviewerDeadlinePassed`; `OverrideToSameVerdict`.
    ///
    /// # Events
    ///
    /// [`ReviewResolved`].
    pub fn resolve(
        &mut self,
        roles: &Roles<impl Store>,
        caller: AccountId,
        id: DecisionId,
        override_to: Option<Verdict>,
        reasoning: Hash32,
        now: Timestamp,
    ) -> Result<Vec<ReviewEvent>, Guarded<ReviewError>> {
        roles.ensure(Role::Reviewer, caller)?;
        let mut d = self.load(id)?;
        if caller == d.recorded_by {
            return Err(ReviewError::SelfReview { reviewer: caller }.into());
        }
        if reasoning == ZERO_HASH {
            return Err(ReviewError::ZeroHash.into());
        }
        let deadline = match d.status {
            DecisionStatus::UnderReview { deadline, .. }
            | DecisionStatus::AwaitingConfirmation { deadline } => deadline,
            _ => return Err(ReviewError::NotUnderReview { id }.into()),
        };
        if now >= deadline {
            return Err(ReviewError::ReviewerDeadlinePassed { deadline }.into());
        }
        let (verdict, upheld) = match override_to {
            None => (d.input.verdict, true),
            Some(v) if v == d.input.verdict => {
                return Err(ReviewError::OverrideToSameVerdict { verdict: v }.into())
            }
            Some(v) => (v, false),
        };
        d.status = DecisionStatus::Resolved {
            verdict,
            upheld,
            reviewer: caller,
            reasoning,
        };
        self.save(&d);
        Ok(ink::prelude::vec![ReviewEvent::ReviewResolved(
            ReviewResolved {
                subject: d.input.subject,
                id,
                reviewer: caller,
                upheld,
                verdict,
                reasoning,
            }
        )])
    }

    /// Marks decision `id` carried out and returns the verdict the contract
    /// must apply now. Anyone may trigger it once the decision is final
    /// ([`Reviews::effective`]); it succeeds once.
    ///
    /// # Errors
    ///
    /// `UnknownDecision`; `AlreadyFinal` if carried out; `NotYetFinal` while
    /// the window is open, or a review or confirmation is pending.
    ///
    /// # Events
    ///
    /// [`DecisionTookEffect`].
    pub fn take_effect(
        &mut self,
        id: DecisionId,
        now: Timestamp,
    ) -> Result<(Verdict, DecisionTookEffect), ReviewError> {
        let effective = self.effective(id, now);
        let mut d = self.load(id)?;
        if matches!(d.status, DecisionStatus::Executed { .. }) {
            return Err(ReviewError::AlreadyFinal { id });
        }
        let (verdict, basis) = effective.ok_or(ReviewError::NotYetFinal { id })?;
        d.status = DecisionStatus::Executed { verdict, basis };
        self.save(&d);
        Ok((
            verdict,
            DecisionTookEffect {
                subject: d.input.subject,
                id,
                verdict,
                basis,
            },
        ))
    }
}

#[cfg(test)]
mod tests;
