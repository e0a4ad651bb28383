//! # Kill switch
//!
//! Courts can stop or modify a contract; a ledger cannot delete. So every
//! reference contract can be paused (fast, by a guardian or the admin),
//! resumed (only by the admin) and terminated (only by the admin, only when
//! paused) with a settlement, by a rule fixed at instantiation, of every held
//! fund that no open dispute or pending automated decision keeps; those go on
//! after termination to their ruling or verdict.
//!
//! ```text
//! Active --pause--> Paused --resume (admin; anyone once lapsed)--> Active
//!                   Paused --pause (renewal)--> Paused
//!                   Paused --terminate--> Terminated (terminal)
//! ```
//!
//! A pause lapses after the maximum fixed at instantiation unless a
//! guardian or the admin renews it: once it has lapsed anyone may resume,
//! so a contract whose admin is gone never stays frozen (a court that
//! wants a longer stop renews the pause).
//!
//! Paths that protect people (raising a dispute, refunds due, reading
//! state) keep working while paused: contracts call
//! [`KillSwitch::ensure_active`] on ordinary paths and
//! [`KillSwitch::ensure_not_terminated`] on those that work while paused but
//! start nothing after termination (acceptance, amendment, raising a
//! dispute). The human processes already under way (evidence, rulings,
//! appeals, reviews) call neither and go on after termination; their
//! execution checks only for a pause.
//!
//! ## Security considerations
//!
//! IMPORTANT: the switch never lets its holder take the funds.
//! [`KillSwitch::terminate`] accepts a settlement only if every recipient is
//! a party and the settlement pays out exactly the amount the contract gives
//! as settled (`held`: what it holds less what open disputes and pending
//! decisions keep). The contract computes the settlement from its rule fixed
//! at instantiation; the admin chooses neither recipients nor amounts.
pub mod conformance;
mod errors;
mod events;

pub use errors::KillSwitchError;
pub use events::{
    ContractPaused, ContractResumed, ContractTerminated, KillSwitchEvent, SettlementPaid,
};

use ink::prelude::vec::Vec;

use crate::{
    roles::{Guarded, Role, Roles},
    store::Store,
    types::{AccountId, Balance, Hash32, Timestamp, ZERO_HASH},
};

/// The state of the switch.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SwitchState {
    /// Everything works.
    Active,
    /// Ordinary paths stop: nothing is funded, delivered, decided by a
    /// machine or released. The human processes (disputes, evidence,
    /// rulings, appeals, reviews), acceptance, amendments, role
    /// administration, full refunds to a payer and reads keep working.
    Paused,
    /// Settled, for ever: nothing new starts (funding, releases, acceptance,
    /// amendments and new disputes are refused); the disputes and automated
    /// decisions that termination left open go on to their ruling or verdict
    /// and pay out. Role administration and noting an invalidated
    /// attestation are not guarded by the switch and still work.
    Terminated,
}

/// The switch.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KillSwitch {
    state: SwitchState,
    /// How long a pause lasts unless renewed (fixed at instantiation).
    max_pause: Timestamp,
    /// When the current pause lapses; meaningful only while paused.
    paused_until: Timestamp,
}

/// The longest pause a contract may fix: ten years, in milliseconds. A
/// longer one would in effect never lapse.
pub const MAX_PAUSE: Timestamp = 10 * 366 * 24 * 60 * 60 * 1_000;

impl KillSwitch {
    /// An active switch whose pauses lapse after `max_pause` milliseconds
    /// unless renewed.
    ///
    /// # Errors
    ///
    /// `InvalidMaxPause` unless `0 < max_pause <= MAX_PAUSE`.
    pub fn new(max_pause: Timestamp) -> Result<Self, KillSwitchError> {
        if max_pause == 0 || max_pause > MAX_PAUSE {
            return Err(KillSwitchError::InvalidMaxPause { max_pause });
        }
        Ok(Self {
            state: SwitchState::Active,
            max_pause,
            paused_until: 0,
        })
    }

    /// How long a pause lasts unless renewed.
    pub fn max_pause(&self) -> Timestamp {
        self.max_pause
    }

    /// When the current pause lapses, while paused.
    pub fn paused_until(&self) -> Option<Timestamp> {
        (self.state == SwitchState::Paused).then_some(self.paused_until)
    }

    /// The current state.
    pub fn state(&self) -> SwitchState {
        self.state
    }

    /// For ordinary paths (funding, delivery, documents, releases, recording
    /// automated decisions).
    ///
    /// # Errors
    ///
    /// `Paused` or `Terminated`.
    pub fn ensure_active(&self) -> Result<(), KillSwitchError> {
        match self.state {
            SwitchState::Active => Ok(()),
            SwitchState::Paused => Err(KillSwitchError::Paused),
            SwitchState::Terminated => Err(KillSwitchError::Terminated),
        }
    }

    /// For paths that work while paused but not after termination
    /// (acceptance, amendment, clause replacement, raising a dispute).
    ///
    /// # Errors
    ///
    /// `Terminated`.
    pub fn ensure_not_terminated(&self) -> Result<(), KillSwitchError> {
        match self.state {
            SwitchState::Terminated => Err(KillSwitchError::Terminated),
            _ => Ok(()),
        }
    }

    fn ensure_state(&self, expected: SwitchState) -> Result<(), KillSwitchError> {
        if self.state == expected {
            Ok(())
        } else {
            Err(KillSwitchError::WrongState {
                expected,
                actual: self.state,
            })
        }
    }

    /// Pauses, or renews a pause, until `now` plus the maximum pause.
    /// Guardian or admin.
    ///
    /// # Errors
    ///
    /// `Unauthorized`; `ZeroReasonHash`; `WrongState` once terminated.
    ///
    /// # Events
    ///
    /// [`ContractPaused`] (a renewal emits it again).
    pub fn pause(
        &mut self,
        roles: &Roles<impl Store>,
        caller: AccountId,
        reason_hash: Hash32,
        now: Timestamp,
    ) -> Result<Vec<KillSwitchEvent>, Guarded<KillSwitchError>> {
        roles.ensure_any(&[Role::Guardian, Role::Admin], caller)?;
        if reason_hash == ZERO_HASH {
            return Err(KillSwitchError::ZeroReasonHash.into());
        }
        if self.state == SwitchState::Terminated {
            return Err(KillSwitchError::WrongState {
                expected: SwitchState::Active,
                actual: self.state,
            }
            .into());
        }
        self.state = SwitchState::Paused;
        // `max_pause` is at most ten years (checked at instantiation) and
        // `now` a block time in milliseconds: the sum cannot saturate.
        self.paused_until = now.saturating_add(self.max_pause);
        Ok(ink::prelude::vec![KillSwitchEvent::Paused(
            ContractPaused {
                by: caller,
                reason_hash,
                at: now,
            }
        )])
    }

    /// Resumes. The admin, at any time: a guardian can stop quickly, but
    /// restarting needs the slower, more accountable key. Anyone, once the
    /// pause has lapsed (`now` at or after [`KillSwitch::paused_until`]):
    /// nobody's absence keeps the funds frozen.
    ///
    /// # Errors
    ///
    /// `Unauthorized` (not the admin, and no lapsed pause); `WrongState`
    /// unless paused.
    ///
    /// # Events
    ///
    /// [`ContractResumed`].
    pub fn resume(
        &mut self,
        roles: &Roles<impl Store>,
        caller: AccountId,
        now: Timestamp,
    ) -> Result<Vec<KillSwitchEvent>, Guarded<KillSwitchError>> {
        let lapsed = self.state == SwitchState::Paused && now >= self.paused_until;
        if !lapsed {
            roles.ensure(Role::Admin, caller)?;
        }
        self.ensure_state(SwitchState::Paused)?;
        self.state = SwitchState::Active;
        Ok(ink::prelude::vec![KillSwitchEvent::Resumed(
            ContractResumed {
                by: caller,
                at: now,
            }
        )])
    }

    /// Terminates with `settlement`: (recipient, amount) pairs computed by the
    /// contract's rule fixed at instantiation. Admin only, only when paused.
    ///
    /// Zero amounts are dropped from the events.
    ///
    /// # Errors
    ///
    /// `Unauthorized`; `ZeroReasonHash`; `WrongState` unless paused;
    /// `SettlementToNonParty` if a recipient is not in `parties`;
    /// `SettlementMismatch` unless the amounts add up to `held`.
    ///
    /// # Events
    ///
    /// [`ContractTerminated`], then one [`SettlementPaid`] per non-zero payment.
    #[allow(clippy::too_many_arguments)]
    pub fn terminate(
        &mut self,
        roles: &Roles<impl Store>,
        caller: AccountId,
        reason_hash: Hash32,
        parties: &[AccountId],
        settlement: &[(AccountId, Balance)],
        held: Balance,
        now: Timestamp,
    ) -> Result<Vec<KillSwitchEvent>, Guarded<KillSwitchError>> {
        roles.ensure(Role::Admin, caller)?;
        if reason_hash == ZERO_HASH {
            return Err(KillSwitchError::ZeroReasonHash.into());
        }
        self.ensure_state(SwitchState::Paused)?;
        let mut paid: Balance = 0;
        for (recipient, amount) in settlement {
            if !parties.contains(recipient) {
                return Err(KillSwitchError::SettlementToNonParty {
                    recipient: *recipient,
                }
                .into());
            }
            paid = paid
                .checked_add(*amount)
                .ok_or(KillSwitchError::SettlementMismatch { paid, held })?;
        }
        if paid != held {
            return Err(KillSwitchError::SettlementMismatch { paid, held }.into());
        }
        self.state = SwitchState::Terminated;
        let mut events = ink::prelude::vec![KillSwitchEvent::Terminated(ContractTerminated {
            by: caller,
            reason_hash,
            settled: paid,
            at: now,
        })];
        events.extend(settlement.iter().filter(|(_, amount)| *amount > 0).map(
            |(recipient, amount)| {
                KillSwitchEvent::SettlementPaid(SettlementPaid {
                    recipient: *recipient,
                    amount: *amount,
                })
            },
        ));
        Ok(events)
    }
}

#[cfg(test)]
mod tests;
