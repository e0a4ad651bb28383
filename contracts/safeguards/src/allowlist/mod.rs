//! # Allowlist (AML/CFT)
//!
//! Who may hold, move or receive a template's asset: one entry per
//! account, kept by a compliance officer (`Role::ComplianceOfficer`), and
//! checked at block time. Kazakhstan's Law No. 191-IV on countering the
//! legalisation of proceeds of crime and the financing of terrorism, and
//! the Law on Digital Assets, make an automated transfer that bypasses the
//! screening a ground to void the deal (docs/legal-basis.md); the
//! permissioned-token standards (ERC-3643's identity registry, CMTAT's
//! rule engine, ERC-1404's restriction codes) keep such a list beside the
//! ledger. This core is that list, for any template: the compliant token
//! checks it on every transfer, `programmable_payment` when money is
//! allocated and released.
//!
//! An entry ([`ListEntry`]) holds its status (allowed, suspended,
//! blocked), a reason code from the deployment's published table, its
//! source (an attestation in the EDS registry, or an accredited
//! verifier), the holder's identity commitment, a salted hash of the
//! screening evidence, an AML/CFT risk class, and three times: in force
//! from, expiry, next screening due. [`Allowlist::check`] answers for one
//! account at one block time, so an entry expires with no transaction.
//!
//! ```text
//! (none) --set--> Allowed | Suspended | Blocked   (set replaces an entry whole)
//! Allowed --suspend--> Suspended
//! any --renew--> same status, later expiry
//! any --remove--> (none)
//! ```
//!
//! ## Security considerations
//!
//! - No personal data: the holder is named by the EDS registry's salted
//!   commitment of their IIN or BIN (`identity`), the screening by a
//!   salted hash (`evidence`). Neither means anything once the salt is
//!   destroyed.
//! - Only the compliance officer changes entries; every change is an
//!   event with the account as topic.
//! - The review date (`review_due`) binds nothing on chain: the entry
//!   stays in force until its expiry, and [`Allowlist::overdue`] tells a
//!   wallet, an auditor or the officer that a screening is late. The
//!   expiry binds.
// The SCALE derive emits `as u8` casts for the variant indices of enums with
// data-carrying variants (`ListSource`); contract-build's clippy pass denies
// those casts.
#![allow(clippy::cast_possible_truncation)]

mod errors;
mod events;

pub use errors::{AllowlistError, ListRefusal};
pub use events::{
    AllowlistEntryRemoved, AllowlistEntryRenewed, AllowlistEntrySet, AllowlistEntrySuspended,
    AllowlistEvent,
};

use ink::prelude::vec::Vec;

use crate::{
    eds::AttestationId,
    roles::{Guarded, Role, Roles},
    store::{Store, ALLOWLIST},
    types::{AccountId, Hash32, Timestamp, ZERO_HASH},
};

/// The most entries one batch sets: what one call can write within a
/// block's weight with room to spare (each is one storage write and one
/// event).
pub const MAX_BATCH: usize = 16;

/// An entry's status.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListStatus {
    /// May hold, send and receive while the entry is in force.
    Allowed,
    /// Temporarily not (a screening under way, a lapsed document).
    Suspended,
    /// Not at all (a listing, a court).
    Blocked,
}

/// Who vouched for the holder behind an entry.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListSource {
    /// An attestation in the template's EDS registry: the holder proved
    /// control of the account with a Kazakh EDS.
    Attestation(AttestationId),
    /// An accredited verifier's screening, outside the registry (its
    /// account).
    Verifier(AccountId),
}

/// The AML/CFT risk class of the holder, from the screening (a
/// risk-based approach: limits may differ by class).
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AmlRisk {
    /// Low risk.
    Low,
    /// Standard risk.
    Standard,
    /// High risk (enhanced due diligence).
    High,
}

/// One account's entry.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListEntry {
    /// Its status.
    pub status: ListStatus,
    /// The reason code, from the deployment's published table.
    pub reason: u16,
    /// Who vouched for the holder.
    pub source: ListSource,
    /// The holder's identity commitment, SHA-256(salt ‖ IIN or BIN), as
    /// the EDS registry holds it: two accounts of one holder carry the
    /// same commitment.
    pub identity: Hash32,
    /// SHA-256 of the screening evidence, salted.
    pub evidence: Hash32,
    /// The AML/CFT risk class.
    pub risk: AmlRisk,
    /// In force from (inclusive).
    pub valid_from: Timestamp,
    /// Expires at (exclusive).
    pub expires_at: Timestamp,
    /// The next screening is due by (`valid_from ..= expires_at`).
    pub review_due: Timestamp,
}

impl ListEntry {
    /// The entry's own consistency at block time `now`.
    fn validate(&self, now: Timestamp) -> Result<(), AllowlistError> {
        if self.identity == ZERO_HASH || self.evidence == ZERO_HASH {
            return Err(AllowlistError::ZeroHash);
        }
        if self.expires_at <= self.valid_from {
            return Err(AllowlistError::InvalidPeriod {
                valid_from: self.valid_from,
                expires_at: self.expires_at,
            });
        }
        if self.expires_at <= now {
            return Err(AllowlistError::AlreadyExpired {
                expires_at: self.expires_at,
                now,
            });
        }
        if self.review_due < self.valid_from || self.review_due > self.expires_at {
            return Err(AllowlistError::InvalidReviewDue {
                review_due: self.review_due,
            });
        }
        Ok(())
    }

    /// Whether the entry lets its account hold and move the asset at
    /// block time `now`.
    ///
    /// # Errors
    ///
    /// Why not.
    pub fn allows(&self, now: Timestamp) -> Result<(), ListRefusal> {
        match self.status {
            ListStatus::Suspended => Err(ListRefusal::Suspended {
                reason: self.reason,
            }),
            ListStatus::Blocked => Err(ListRefusal::Blocked {
                reason: self.reason,
            }),
            ListStatus::Allowed if now < self.valid_from => Err(ListRefusal::NotYetValid {
                valid_from: self.valid_from,
            }),
            ListStatus::Allowed if now >= self.expires_at => Err(ListRefusal::Expired {
                expires_at: self.expires_at,
            }),
            ListStatus::Allowed => Ok(()),
        }
    }
}

/// A renewal after a new screening: what [`Allowlist::renew`] changes.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Renewal {
    /// The new expiry (exclusive): later than the current one.
    pub expires_at: Timestamp,
    /// The next screening is due by (`valid_from ..= expires_at`).
    pub review_due: Timestamp,
    /// SHA-256 of the new screening evidence, salted.
    pub evidence: Hash32,
}

/// The allowlist: each entry under [`ALLOWLIST`] in the store `S`, keyed
/// by account, so a check reads one entry however long the list.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allowlist<S> {
    store: S,
}

impl<S: Store> Allowlist<S> {
    /// An empty list over `store`.
    pub fn new(store: S) -> Self {
        Self { store }
    }

    /// The store the entries are in (the storage tests read its value
    /// sizes).
    pub fn store(&self) -> &S {
        &self.store
    }

    /// `account`'s entry, in force or not.
    pub fn entry(&self, account: AccountId) -> Option<ListEntry> {
        self.store.get(ALLOWLIST, &account)
    }

    /// Whether `account` may hold and move the asset at block time `now`;
    /// its entry if so.
    ///
    /// # Errors
    ///
    /// Why not ([`ListRefusal`]).
    pub fn check(&self, account: AccountId, now: Timestamp) -> Result<ListEntry, ListRefusal> {
        let entry = self.entry(account).ok_or(ListRefusal::NotListed)?;
        entry.allows(now)?;
        Ok(entry)
    }

    /// Whether `account`'s next screening is late at `now` (its entry
    /// stays in force until it expires).
    pub fn overdue(&self, account: AccountId, now: Timestamp) -> bool {
        self.entry(account).is_some_and(|e| now > e.review_due)
    }

    /// The compliance officer sets `account`'s entry, replacing any.
    ///
    /// # Errors
    ///
    /// `Unauthorized`; `ZeroHash`, `InvalidPeriod`, `AlreadyExpired`,
    /// `InvalidReviewDue`.
    ///
    /// # Events
    ///
    /// [`AllowlistEntrySet`].
    pub fn set(
        &mut self,
        roles: &Roles<impl Store>,
        caller: AccountId,
        account: AccountId,
        entry: ListEntry,
        now: Timestamp,
    ) -> Result<Vec<AllowlistEvent>, Guarded<AllowlistError>> {
        roles.ensure(Role::ComplianceOfficer, caller)?;
        entry.validate(now)?;
        Ok(ink::prelude::vec![self.write(caller, account, entry)])
    }

    /// The compliance officer sets up to [`MAX_BATCH`] entries at once:
    /// each as [`Allowlist::set`] would, all or none.
    ///
    /// # Errors
    ///
    /// `Unauthorized`; `EmptyBatch`, `BatchTooLarge`, `DuplicateInBatch`;
    /// the first invalid entry's error.
    ///
    /// # Events
    ///
    /// One [`AllowlistEntrySet`] per entry, in order.
    pub fn set_batch(
        &mut self,
        roles: &Roles<impl Store>,
        caller: AccountId,
        entries: &[(AccountId, ListEntry)],
        now: Timestamp,
    ) -> Result<Vec<AllowlistEvent>, Guarded<AllowlistError>> {
        roles.ensure(Role::ComplianceOfficer, caller)?;
        if entries.is_empty() {
            return Err(AllowlistError::EmptyBatch.into());
        }
        if entries.len() > MAX_BATCH {
            let len = u32::try_from(entries.len()).unwrap_or(u32::MAX);
            return Err(AllowlistError::BatchTooLarge { len }.into());
        }
        for (i, (account, entry)) in entries.iter().enumerate() {
            entry.validate(now)?;
            if entries.iter().take(i).any(|(other, _)| other == account) {
                return Err(AllowlistError::DuplicateInBatch { account: *account }.into());
            }
        }
        Ok(entries
            .iter()
            .map(|(account, entry)| self.write(caller, *account, *entry))
            .collect())
    }

    /// The compliance officer extends `account`'s entry after a new
    /// screening ([`Renewal`]): a later expiry, the next screening date and
    /// the new evidence. The status stays.
    ///
    /// # Errors
    ///
    /// `Unauthorized`; `NotListed`; `NotLater`; `ZeroHash`,
    /// `AlreadyExpired`, `InvalidReviewDue`.
    ///
    /// # Events
    ///
    /// [`AllowlistEntryRenewed`].
    pub fn renew(
        &mut self,
        roles: &Roles<impl Store>,
        caller: AccountId,
        account: AccountId,
        renewal: Renewal,
        now: Timestamp,
    ) -> Result<Vec<AllowlistEvent>, Guarded<AllowlistError>> {
        roles.ensure(Role::ComplianceOfficer, caller)?;
        let Renewal {
            expires_at,
            review_due,
            evidence,
        } = renewal;
        let mut entry = self.load(account)?;
        if expires_at <= entry.expires_at {
            return Err(AllowlistError::NotLater {
                expires_at,
                current: entry.expires_at,
            }
            .into());
        }
        entry.expires_at = expires_at;
        entry.review_due = review_due;
        entry.evidence = evidence;
        entry.validate(now)?;
        self.store.set(ALLOWLIST, &account, &entry);
        Ok(ink::prelude::vec![AllowlistEvent::Renewed(
            AllowlistEntryRenewed {
                account,
                expires_at,
                review_due,
                evidence,
                by: caller,
            }
        )])
    }

    /// The compliance officer suspends `account`'s allowed entry for
    /// `reason` (a new entry, by [`Allowlist::set`], reinstates or blocks).
    ///
    /// # Errors
    ///
    /// `Unauthorized`; `NotListed`; `NotAllowed`.
    ///
    /// # Events
    ///
    /// [`AllowlistEntrySuspended`].
    pub fn suspend(
        &mut self,
        roles: &Roles<impl Store>,
        caller: AccountId,
        account: AccountId,
        reason: u16,
        now: Timestamp,
    ) -> Result<Vec<AllowlistEvent>, Guarded<AllowlistError>> {
        roles.ensure(Role::ComplianceOfficer, caller)?;
        let mut entry = self.load(account)?;
        if entry.status != ListStatus::Allowed {
            return Err(AllowlistError::NotAllowed {
                account,
                status: entry.status,
            }
            .into());
        }
        entry.status = ListStatus::Suspended;
        entry.reason = reason;
        self.store.set(ALLOWLIST, &account, &entry);
        Ok(ink::prelude::vec![AllowlistEvent::Suspended(
            AllowlistEntrySuspended {
                account,
                reason,
                by: caller,
                at: now,
            }
        )])
    }

    /// The compliance officer removes `account`'s entry for `reason`: the
    /// account is no longer listed.
    ///
    /// # Errors
    ///
    /// `Unauthorized`; `NotListed`.
    ///
    /// # Events
    ///
    /// [`AllowlistEntryRemoved`].
    pub fn remove(
        &mut self,
        roles: &Roles<impl Store>,
        caller: AccountId,
        account: AccountId,
        reason: u16,
        now: Timestamp,
    ) -> Result<Vec<AllowlistEvent>, Guarded<AllowlistError>> {
        roles.ensure(Role::ComplianceOfficer, caller)?;
        self.load(account)?;
        self.store.remove(ALLOWLIST, &account);
        Ok(ink::prelude::vec![AllowlistEvent::Removed(
            AllowlistEntryRemoved {
                account,
                reason,
                by: caller,
                at: now,
            }
        )])
    }

    fn load(&self, account: AccountId) -> Result<ListEntry, AllowlistError> {
        self.entry(account)
            .ok_or(AllowlistError::NotListed { account })
    }

    fn write(&mut self, by: AccountId, account: AccountId, entry: ListEntry) -> AllowlistEvent {
        self.store.set(ALLOWLIST, &account, &entry);
        AllowlistEvent::Set(AllowlistEntrySet { account, entry, by })
    }
}

/// The allowlist's changes as values: what a template's one `allowlist`
/// message takes, as `SafeguardCall` is what its `safeguard` message
/// takes. Append-only, with explicit indices: a variant encodes as its
/// index followed by its fields.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllowlistCall {
    /// [`Allowlist::set`].
    #[codec(index = 0)]
    Set {
        /// The account.
        account: AccountId,
        /// Its new entry.
        entry: ListEntry,
    },
    /// [`Allowlist::set_batch`].
    #[codec(index = 1)]
    SetBatch {
        /// At most [`MAX_BATCH`] accounts and their entries.
        entries: Vec<(AccountId, ListEntry)>,
    },
    /// [`Allowlist::renew`].
    #[codec(index = 2)]
    Renew {
        /// The account.
        account: AccountId,
        /// The new expiry, screening date and evidence.
        renewal: Renewal,
    },
    /// [`Allowlist::suspend`].
    #[codec(index = 3)]
    Suspend {
        /// The account.
        account: AccountId,
        /// The reason code.
        reason: u16,
    },
    /// [`Allowlist::remove`].
    #[codec(index = 4)]
    Remove {
        /// The account.
        account: AccountId,
        /// The reason code.
        reason: u16,
    },
}

impl AllowlistCall {
    /// The variants' names, by index: how tests, transcripts and docs
    /// name a call (`allowlist_set` is `allowlist(Set { .. })`).
    pub const NAMES: [&'static str; 5] = [
        "allowlist_set",
        "allowlist_set_batch",
        "allowlist_renew",
        "allowlist_suspend",
        "allowlist_remove",
    ];
}

impl<S: Store> Allowlist<S> {
    /// Runs `call` as `caller` at `now`: the method of the variant's name.
    /// Every change works whatever the kill switch's state: a listing or
    /// a suspension must take effect while a contract is paused or after
    /// it ended, while human processes still pay.
    ///
    /// # Errors
    ///
    /// The method's.
    pub fn dispatch(
        &mut self,
        roles: &Roles<impl Store>,
        caller: AccountId,
        now: Timestamp,
        call: AllowlistCall,
    ) -> Result<Vec<AllowlistEvent>, Guarded<AllowlistError>> {
        match call {
            AllowlistCall::Set { account, entry } => self.set(roles, caller, account, entry, now),
            AllowlistCall::SetBatch { entries } => self.set_batch(roles, caller, &entries, now),
            AllowlistCall::Renew { account, renewal } => {
                self.renew(roles, caller, account, renewal, now)
            }
            AllowlistCall::Suspend { account, reason } => {
                self.suspend(roles, caller, account, reason, now)
            }
            AllowlistCall::Remove { account, reason } => {
                self.remove(roles, caller, account, reason, now)
            }
        }
    }
}

impl AllowlistEvent {
    /// Emits the event in a contract of environment `E`.
    pub fn emit<E: ink::env::Environment>(self) {
        use ink::env::emit_event;
        match self {
            Self::Set(e) => emit_event::<E, _>(e),
            Self::Renewed(e) => emit_event::<E, _>(e),
            Self::Suspended(e) => emit_event::<E, _>(e),
            Self::Removed(e) => emit_event::<E, _>(e),
        }
    }
}

/// Gives a template's flat error enum `$error` its `From` impls for the
/// allowlist's refusals: `Allowlist(AllowlistError)`, and the role check
/// (`Roles(RolesError)`), the two variants it must have.
#[macro_export]
macro_rules! allowlist_errors_into {
    ($error:ty) => {
        impl From<$crate::AllowlistError> for $error {
            fn from(e: $crate::AllowlistError) -> Self {
                Self::Allowlist(e)
            }
        }
        impl From<$crate::roles::Guarded<$crate::AllowlistError>> for $error {
            fn from(e: $crate::roles::Guarded<$crate::AllowlistError>) -> Self {
                match e {
                    $crate::roles::Guarded::Roles(e) => Self::Roles(e),
                    $crate::roles::Guarded::Core(e) => Self::Allowlist(e),
                }
            }
        }
    };
}

#[cfg(test)]
mod tests;
