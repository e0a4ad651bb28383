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
use ink::prelude::vec::Vec;

use crate::{
    errors::KillSwitchError,
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

/// The contract was paused.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractPaused {
    /// The guardian or admin who paused.
    #[ink(topic)]
    pub by: AccountId,
    /// SHA-256 of the reason (e.g. a court order), never the text.
    pub reason_hash: Hash32,
    /// Block time of the pause.
    pub at: Timestamp,
}

/// The contract was resumed.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractResumed {
    /// The admin who resumed.
    #[ink(topic)]
    pub by: AccountId,
    /// Block time of the resumption.
    pub at: Timestamp,
}

/// The contract was terminated; [`SettlementPaid`] events follow.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractTerminated {
    /// The admin who terminated.
    #[ink(topic)]
    pub by: AccountId,
    /// SHA-256 of the reason (e.g. a court decision).
    pub reason_hash: Hash32,
    /// The total paid out by the settlement.
    pub settled: Balance,
    /// Block time of the termination.
    pub at: Timestamp,
}

/// One payment of a termination settlement.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettlementPaid {
    /// The party paid.
    #[ink(topic)]
    pub recipient: AccountId,
    /// The amount paid.
    pub amount: Balance,
}

/// Events of the kill-switch core.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KillSwitchEvent {
    /// See [`ContractPaused`].
    Paused(ContractPaused),
    /// See [`ContractResumed`].
    Resumed(ContractResumed),
    /// See [`ContractTerminated`].
    Terminated(ContractTerminated),
    /// See [`SettlementPaid`].
    SettlementPaid(SettlementPaid),
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
mod tests {
    use super::*;
    use crate::test_utils::*;
    use crate::RolesError;

    type Roles = crate::roles::Roles<crate::store::MemStore>;

    const NOW: Timestamp = 1_000;
    const MAX_PAUSE_FOR_TESTS: Timestamp = 30 * 86_400_000;

    #[test]
    fn a_zero_or_too_long_maximum_pause_fails_with_invalid_max_pause() {
        for max_pause in [0, MAX_PAUSE + 1] {
            assert_eq!(
                KillSwitch::new(max_pause),
                Err(KillSwitchError::InvalidMaxPause { max_pause })
            );
        }
        assert!(KillSwitch::new(MAX_PAUSE).is_ok());
        // ten years of 366 days, in milliseconds
        assert_eq!(MAX_PAUSE, 316_224_000_000);
        assert_eq!(
            KillSwitch::new(MAX_PAUSE_FOR_TESTS).unwrap().max_pause(),
            MAX_PAUSE_FOR_TESTS
        );
    }

    #[test]
    fn a_lapsed_pause_can_be_resumed_by_anyone() {
        // given: paused at NOW
        let (roles, mut k) = paused();
        let lapse = NOW + MAX_PAUSE_FOR_TESTS;
        assert_eq!(k.paused_until(), Some(lapse));
        // when / then: before the lapse only the admin resumes
        let before = k.clone();
        assert_eq!(
            k.resume(&roles, acc(STRANGER), lapse - 1),
            Err(Guarded::Roles(RolesError::Unauthorized {
                caller: acc(STRANGER),
                required: Role::Admin
            }))
        );
        assert_eq!(k, before);
        // at the lapse anyone does
        let events = k.resume(&roles, acc(STRANGER), lapse).unwrap();
        assert_eq!(k.state(), SwitchState::Active);
        assert_eq!(k.paused_until(), None);
        assert_eq!(
            events,
            vec![KillSwitchEvent::Resumed(ContractResumed {
                by: acc(STRANGER),
                at: lapse
            })]
        );
    }

    #[test]
    fn renewing_a_pause_moves_its_lapse() {
        // given: paused at NOW, renewed a day later
        let (roles, mut k) = paused();
        let day = 86_400_000;
        let events = k.pause(&roles, acc(GUARDIAN), h(6), NOW + day).unwrap();
        // then
        assert_eq!(k.paused_until(), Some(NOW + day + MAX_PAUSE_FOR_TESTS));
        assert_eq!(events.len(), 1);
        assert_eq!(
            k.resume(&roles, acc(STRANGER), NOW + MAX_PAUSE_FOR_TESTS),
            Err(Guarded::Roles(RolesError::Unauthorized {
                caller: acc(STRANGER),
                required: Role::Admin
            }))
        );
    }

    fn setup() -> (Roles, KillSwitch) {
        let mut roles = Roles::new(acc(ADMIN));
        roles
            .grant(acc(ADMIN), Role::Guardian, acc(GUARDIAN))
            .unwrap();
        roles
            .grant(acc(ADMIN), Role::Arbitrator, acc(ARBITRATOR))
            .unwrap();
        (roles, KillSwitch::new(MAX_PAUSE_FOR_TESTS).unwrap())
    }

    fn parties() -> Vec<AccountId> {
        vec![acc(CLIENT), acc(CONTRACTOR)]
    }

    fn paused() -> (Roles, KillSwitch) {
        let (roles, mut ks) = setup();
        ks.pause(&roles, acc(GUARDIAN), h(7), NOW).unwrap();
        (roles, ks)
    }

    #[test]
    fn pause_by_guardian_pauses_and_emits_paused() {
        let (roles, mut ks) = setup();
        let events = ks.pause(&roles, acc(GUARDIAN), h(7), NOW).unwrap();
        assert_eq!(ks.state(), SwitchState::Paused);
        assert_eq!(
            events,
            vec![KillSwitchEvent::Paused(ContractPaused {
                by: acc(GUARDIAN),
                reason_hash: h(7),
                at: NOW
            })]
        );
    }

    #[test]
    fn pause_by_admin_pauses() {
        let (roles, mut ks) = setup();
        ks.pause(&roles, acc(ADMIN), h(7), NOW).unwrap();
        assert_eq!(ks.state(), SwitchState::Paused);
    }

    #[test]
    fn pause_by_other_roles_fails_with_unauthorized() {
        let (roles, mut ks) = setup();
        for who in [ARBITRATOR, CLIENT, STRANGER] {
            assert_eq!(
                ks.pause(&roles, acc(who), h(7), NOW),
                Err(Guarded::Roles(RolesError::Unauthorized {
                    caller: acc(who),
                    required: Role::Guardian
                }))
            );
        }
        assert_eq!(ks.state(), SwitchState::Active);
    }

    #[test]
    fn pause_with_zero_reason_fails_with_zero_reason_hash() {
        let (roles, mut ks) = setup();
        assert_eq!(
            ks.pause(&roles, acc(GUARDIAN), [0; 32], NOW),
            Err(Guarded::Core(KillSwitchError::ZeroReasonHash))
        );
    }

    #[test]
    fn resume_by_admin_reactivates_and_emits_resumed() {
        let (roles, mut ks) = paused();
        let events = ks.resume(&roles, acc(ADMIN), NOW + 1).unwrap();
        assert_eq!(ks.state(), SwitchState::Active);
        assert_eq!(
            events,
            vec![KillSwitchEvent::Resumed(ContractResumed {
                by: acc(ADMIN),
                at: NOW + 1
            })]
        );
    }

    #[test]
    fn resume_by_guardian_fails_with_unauthorized() {
        let (roles, mut ks) = paused();
        for who in [GUARDIAN, ARBITRATOR, CLIENT, STRANGER] {
            assert_eq!(
                ks.resume(&roles, acc(who), NOW),
                Err(Guarded::Roles(RolesError::Unauthorized {
                    caller: acc(who),
                    required: Role::Admin
                }))
            );
        }
        assert_eq!(ks.state(), SwitchState::Paused);
    }

    #[test]
    fn resume_when_active_fails_with_wrong_state() {
        let (roles, mut ks) = setup();
        assert_eq!(
            ks.resume(&roles, acc(ADMIN), NOW),
            Err(Guarded::Core(KillSwitchError::WrongState {
                expected: SwitchState::Paused,
                actual: SwitchState::Active
            }))
        );
    }

    #[test]
    fn terminate_when_paused_settles_and_is_terminal() {
        let (roles, mut ks) = paused();
        let settlement = [(acc(CLIENT), 70), (acc(CONTRACTOR), 30)];
        let events = ks
            .terminate(&roles, acc(ADMIN), h(8), &parties(), &settlement, 100, NOW)
            .unwrap();
        assert_eq!(ks.state(), SwitchState::Terminated);
        assert_eq!(
            events,
            vec![
                KillSwitchEvent::Terminated(ContractTerminated {
                    by: acc(ADMIN),
                    reason_hash: h(8),
                    settled: 100,
                    at: NOW
                }),
                KillSwitchEvent::SettlementPaid(SettlementPaid {
                    recipient: acc(CLIENT),
                    amount: 70
                }),
                KillSwitchEvent::SettlementPaid(SettlementPaid {
                    recipient: acc(CONTRACTOR),
                    amount: 30
                }),
            ]
        );
        assert_eq!(ks.ensure_active(), Err(KillSwitchError::Terminated));
        assert_eq!(ks.ensure_not_terminated(), Err(KillSwitchError::Terminated));
        assert!(ks.resume(&roles, acc(ADMIN), NOW).is_err());
        assert!(ks.pause(&roles, acc(ADMIN), h(7), NOW).is_err());
    }

    #[test]
    fn a_settlement_payment_of_zero_emits_no_settlement_paid() {
        let (roles, mut ks) = paused();
        let settlement = [(acc(CLIENT), 100), (acc(CONTRACTOR), 0)];
        let events = ks
            .terminate(&roles, acc(ADMIN), h(8), &parties(), &settlement, 100, NOW)
            .unwrap();
        assert_eq!(events.len(), 2);
        assert!(!events.iter().any(|e| matches!(
            e,
            KillSwitchEvent::SettlementPaid(SettlementPaid { amount: 0, .. })
        )));
    }

    #[test]
    fn terminate_when_active_fails_with_wrong_state() {
        let (roles, mut ks) = setup();
        assert_eq!(
            ks.terminate(&roles, acc(ADMIN), h(8), &parties(), &[], 0, NOW),
            Err(Guarded::Core(KillSwitchError::WrongState {
                expected: SwitchState::Paused,
                actual: SwitchState::Active
            }))
        );
    }

    #[test]
    fn terminate_by_non_admin_fails_with_unauthorized() {
        let (roles, mut ks) = paused();
        for who in [GUARDIAN, ARBITRATOR, CLIENT, STRANGER] {
            assert_eq!(
                ks.terminate(&roles, acc(who), h(8), &parties(), &[], 0, NOW),
                Err(Guarded::Roles(RolesError::Unauthorized {
                    caller: acc(who),
                    required: Role::Admin
                }))
            );
        }
        assert_eq!(ks.state(), SwitchState::Paused);
    }

    #[test]
    fn terminate_paying_the_admin_fails_with_settlement_to_non_party() {
        let (roles, mut ks) = paused();
        let settlement = [(acc(ADMIN), 100)];
        assert_eq!(
            ks.terminate(&roles, acc(ADMIN), h(8), &parties(), &settlement, 100, NOW),
            Err(Guarded::Core(KillSwitchError::SettlementToNonParty {
                recipient: acc(ADMIN)
            }))
        );
        assert_eq!(ks.state(), SwitchState::Paused);
    }

    #[test]
    fn terminate_leaving_funds_behind_fails_with_settlement_mismatch() {
        let (roles, mut ks) = paused();
        let settlement = [(acc(CLIENT), 60)];
        assert_eq!(
            ks.terminate(&roles, acc(ADMIN), h(8), &parties(), &settlement, 100, NOW),
            Err(Guarded::Core(KillSwitchError::SettlementMismatch {
                paid: 60,
                held: 100
            }))
        );
    }

    #[test]
    fn protective_paths_work_while_paused() {
        let (_, ks) = paused();
        assert_eq!(ks.ensure_not_terminated(), Ok(()));
        assert_eq!(ks.ensure_active(), Err(KillSwitchError::Paused));
    }
}
