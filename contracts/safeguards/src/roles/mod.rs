//! # Roles
//!
//! Who may do what. One admin, handed over in two steps (propose, accept), so
//! a typo cannot give the contract away. The admin grants and revokes the
//! other roles; an account may hold several.
//!
//! Roles are kept apart from parties: a table built with
//! [`Roles::with_parties`] refuses any role, admin included, to a party, at
//! instantiation, on every grant and on admin handover
//! ([`RolesError::PartyMayNotHoldRole`]). A former admin keeps no power: the
//! handover also revokes every role it was granted.
//!
//! | role | may |
//! |---|---|
//! | `Admin` | resume, terminate, grant, revoke, hand over admin |
//! | `Guardian` | pause (fast response to a court order or an incident) |
//! | `Arbitrator` | rule on disputes under the arbitration clause |
//! | `Reviewer` | review automated decisions |
//! | `Verifier` | reserved: no contract checks it (the EDS registry accredits verifiers itself) |
//! | `Inspector` | approve or reject the documents a payment condition requires |
//! | `ComplianceOfficer` | keep the AML/CFT allowlist ([`crate::allowlist`]) |
//!
//! ## Security considerations
//!
//! Holding a role never entitles its holder to funds: the kill switch pays a
//! settlement only to parties, a ruling only splits a frozen amount between
//! the payer and the payee, and no party holds a role. Together these mean
//! no account is paid by a path it can trigger through a role.
//!
//! The parties are fixed when the table is built; a contract whose parties
//! could change would have to re-check every holder.
pub mod conformance;
mod errors;
mod events;

pub use errors::RolesError;
pub use events::{AdminTransferProposed, AdminTransferred, RoleGranted, RoleRevoked, RolesEvent};

use ink::prelude::vec::Vec;

use crate::{
    store::{Store, GRANTS, HOLDERS, NO_ROLE_ACCOUNTS, PENDING_ADMIN},
    types::AccountId,
};

/// A role an account can hold.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The single administrator; see the module docs.
    Admin,
    /// May pause.
    Guardian,
    /// May rule on disputes.
    Arbitrator,
    /// May review automated decisions.
    Reviewer,
    /// Reserved: no contract checks it; the EDS registry accredits its
    /// verifiers with its own records.
    Verifier,
    /// May approve or reject the documents a payment condition requires.
    Inspector,
    /// May set, renew, suspend and remove allowlist entries
    /// ([`crate::allowlist`]).
    ComplianceOfficer,
}

impl Role {
    /// Every role but `Admin`: the ones [`Roles::grant`] hands out.
    pub const GRANTABLE: [Role; 6] = [
        Role::Guardian,
        Role::Arbitrator,
        Role::Reviewer,
        Role::Verifier,
        Role::Inspector,
        Role::ComplianceOfficer,
    ];

    /// The slot of a grantable role in [`Roles`]' holder counts; `Admin`
    /// has none (its one holder is [`Roles::admin`]).
    fn slot(self) -> Option<usize> {
        match self {
            Role::Admin => None,
            Role::Guardian => Some(0),
            Role::Arbitrator => Some(1),
            Role::Reviewer => Some(2),
            Role::Verifier => Some(3),
            Role::Inspector => Some(4),
            Role::ComplianceOfficer => Some(5),
        }
    }
}

/// The error of a core method that checks a role before anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guarded<E> {
    /// The caller lacks the role.
    Roles(RolesError),
    /// The core refused the operation.
    Core(E),
}

impl<E> From<RolesError> for Guarded<E> {
    fn from(e: RolesError) -> Self {
        Self::Roles(e)
    }
}

/// `?` on a core error inside a guarded method.
macro_rules! guarded_from {
    ($($e:ty),*) => {$(
        impl From<$e> for Guarded<$e> {
            fn from(e: $e) -> Self {
                Self::Core(e)
            }
        }
    )*};
}
guarded_from!(
    crate::AllowlistError,
    crate::KillSwitchError,
    crate::ArbitrationError,
    crate::DisputeError,
    crate::EdsError,
    crate::ReviewError
);

/// The role table: the admin and a holder count per role here; a pending
/// handover, each grant and the parties' accounts as entries of a
/// [`Store`] (see [`crate::store`]), so checking a role reads one entry
/// however many holders there are.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roles<S> {
    admin: AccountId,
    /// How many accounts hold each grantable role ([`Role::slot`]).
    counts: [u32; 6],
    store: S,
}

impl<S: Store + Default> Roles<S> {
    /// A table whose only entry is `admin`, for a contract without parties
    /// (the EDS registry).
    pub fn new(admin: AccountId) -> Self {
        Self {
            admin,
            counts: [0; 6],
            store: S::default(),
        }
    }

    /// A table whose only entry is `admin`, for a contract whose `parties`
    /// may hold no role.
    ///
    /// # Errors
    ///
    /// [`RolesError::PartyMayNotHoldRole`] if `admin` is a party (the
    /// instantiator becomes admin, so a party may not instantiate).
    pub fn with_parties(admin: AccountId, parties: Vec<AccountId>) -> Result<Self, RolesError> {
        if parties.contains(&admin) {
            return Err(RolesError::PartyMayNotHoldRole {
                account: admin,
                role: Role::Admin,
            });
        }
        let mut roles = Self::new(admin);
        for party in parties {
            roles.store.set(NO_ROLE_ACCOUNTS, &party, &());
        }
        Ok(roles)
    }
}

impl<S: Store> Roles<S> {
    /// The store handle: in a unit test, the in-memory entries this core
    /// wrote (each item's own storage value).
    pub fn store(&self) -> &S {
        &self.store
    }

    /// Whether `account` is a party, and so may hold no role.
    pub fn is_party(&self, account: AccountId) -> bool {
        self.store
            .get::<_, ()>(NO_ROLE_ACCOUNTS, &account)
            .is_some()
    }

    /// # Errors
    ///
    /// [`RolesError::PartyMayNotHoldRole`] if `account` is a party.
    fn ensure_not_party(&self, account: AccountId, role: Role) -> Result<(), RolesError> {
        if self.is_party(account) {
            return Err(RolesError::PartyMayNotHoldRole { account, role });
        }
        Ok(())
    }

    /// The current admin.
    pub fn admin(&self) -> AccountId {
        self.admin
    }

    /// The account a handover was proposed to, if any.
    pub fn pending_admin(&self) -> Option<AccountId> {
        self.store.get(PENDING_ADMIN, &())
    }

    /// Where `account` sits in `role`'s holder list, if it holds `role`.
    fn position(&self, role: Role, account: AccountId) -> Option<u32> {
        self.store.get(GRANTS, &(role, account))
    }

    /// Whether `account` holds `role`.
    pub fn has(&self, role: Role, account: AccountId) -> bool {
        match role {
            Role::Admin => self.admin == account,
            _ => self.position(role, account).is_some(),
        }
    }

    /// How many accounts hold `role`.
    fn count(&self, role: Role) -> u32 {
        match role {
            Role::Admin => 1,
            _ => role
                .slot()
                .and_then(|i| self.counts.get(i))
                .copied()
                .unwrap_or(0),
        }
    }

    fn set_count(&mut self, role: Role, count: u32) {
        if let Some(slot) = role.slot().and_then(|i| self.counts.get_mut(i)) {
            *slot = count;
        }
    }

    /// The accounts holding `role`, in no promised order.
    pub fn holders(&self, role: Role) -> Vec<AccountId> {
        match role {
            Role::Admin => ink::prelude::vec![self.admin],
            _ => (0..self.count(role))
                .filter_map(|i| self.store.get(HOLDERS, &(role, i)))
                .collect(),
        }
    }

    /// # Errors
    ///
    /// [`RolesError::Unauthorized`] unless `caller` holds `role`.
    pub fn ensure(&self, role: Role, caller: AccountId) -> Result<(), RolesError> {
        if self.has(role, caller) {
            Ok(())
        } else {
            Err(RolesError::Unauthorized {
                caller,
                required: role,
            })
        }
    }

    /// Ensures `caller` holds at least one of `roles`; the error names the first.
    ///
    /// # Errors
    ///
    /// [`RolesError::Unauthorized`] if `caller` holds none of them.
    pub fn ensure_any(&self, roles: &[Role], caller: AccountId) -> Result<(), RolesError> {
        if roles.iter().any(|r| self.has(*r, caller)) {
            return Ok(());
        }
        Err(RolesError::Unauthorized {
            caller,
            required: roles.first().copied().unwrap_or(Role::Admin),
        })
    }

    /// Grants `role` to `account`. Admin only.
    ///
    /// # Errors
    ///
    /// `Unauthorized`, `AdminNotGrantable`, `PartyMayNotHoldRole`,
    /// `AlreadyGranted`, `TooManyGrants` (once `u32::MAX` accounts hold
    /// `role`).
    ///
    /// # Events
    ///
    /// [`RoleGranted`].
    pub fn grant(
        &mut self,
        caller: AccountId,
        role: Role,
        account: AccountId,
    ) -> Result<Vec<RolesEvent>, RolesError> {
        self.ensure(Role::Admin, caller)?;
        if role == Role::Admin {
            return Err(RolesError::AdminNotGrantable);
        }
        self.ensure_not_party(account, role)?;
        if self.has(role, account) {
            return Err(RolesError::AlreadyGranted { account, role });
        }
        let position = self.count(role);
        let count = position.checked_add(1).ok_or(RolesError::TooManyGrants)?;
        self.store.set(GRANTS, &(role, account), &position);
        self.store.set(HOLDERS, &(role, position), &account);
        self.set_count(role, count);
        Ok(ink::prelude::vec![RolesEvent::Granted(RoleGranted {
            account,
            role,
            by: caller,
        })])
    }

    /// Takes `role` from `account`, which holds it at `position`: the last
    /// holder moves into its place.
    fn remove(&mut self, role: Role, account: AccountId, position: u32) {
        let last = self.count(role).saturating_sub(1);
        if position != last {
            if let Some(moved) = self.store.get::<_, AccountId>(HOLDERS, &(role, last)) {
                self.store.set(HOLDERS, &(role, position), &moved);
                self.store.set(GRANTS, &(role, moved), &position);
            }
        }
        self.store.remove(HOLDERS, &(role, last));
        self.store.remove(GRANTS, &(role, account));
        self.set_count(role, last);
    }

    /// Revokes `role` from `account`. Admin only.
    ///
    /// # Errors
    ///
    /// `Unauthorized`, `AdminNotGrantable`, `NotGranted`.
    ///
    /// # Events
    ///
    /// [`RoleRevoked`].
    pub fn revoke(
        &mut self,
        caller: AccountId,
        role: Role,
        account: AccountId,
    ) -> Result<Vec<RolesEvent>, RolesError> {
        self.ensure(Role::Admin, caller)?;
        if role == Role::Admin {
            return Err(RolesError::AdminNotGrantable);
        }
        let Some(position) = self.position(role, account) else {
            return Err(RolesError::NotGranted { account, role });
        };
        self.remove(role, account, position);
        Ok(ink::prelude::vec![RolesEvent::Revoked(RoleRevoked {
            account,
            role,
            by: caller,
        })])
    }

    /// First step of the handover: the admin names its successor, who may
    /// not be a party. A new proposal replaces an earlier one.
    ///
    /// # Errors
    ///
    /// `Unauthorized`, `PartyMayNotHoldRole`.
    ///
    /// # Events
    ///
    /// [`AdminTransferProposed`].
    pub fn propose_admin(
        &mut self,
        caller: AccountId,
        proposed: AccountId,
    ) -> Result<Vec<RolesEvent>, RolesError> {
        self.ensure(Role::Admin, caller)?;
        self.ensure_not_party(proposed, Role::Admin)?;
        self.store.set(PENDING_ADMIN, &(), &proposed);
        Ok(ink::prelude::vec![RolesEvent::AdminProposed(
            AdminTransferProposed {
                admin: caller,
                proposed,
            }
        )])
    }

    /// Second step: the proposed account accepts and becomes admin. The
    /// former admin keeps no power: every role it was granted is revoked.
    ///
    /// # Errors
    ///
    /// `NoPendingAdmin`, `NotPendingAdmin`.
    ///
    /// # Events
    ///
    /// [`AdminTransferred`], then one [`RoleRevoked`] per role the former
    /// admin held, in [`Role::GRANTABLE`] order (`by` is the former admin).
    pub fn accept_admin(&mut self, caller: AccountId) -> Result<Vec<RolesEvent>, RolesError> {
        let pending = self.pending_admin().ok_or(RolesError::NoPendingAdmin)?;
        if pending != caller {
            return Err(RolesError::NotPendingAdmin { caller });
        }
        let previous = self.admin;
        self.admin = caller;
        self.store.remove(PENDING_ADMIN, &());
        let mut events = ink::prelude::vec![RolesEvent::AdminTransferred(AdminTransferred {
            previous,
            admin: caller,
        })];
        // A handover to oneself revokes nothing: the admin stays the admin.
        if previous != caller {
            for role in Role::GRANTABLE {
                if let Some(position) = self.position(role, previous) {
                    self.remove(role, previous, position);
                    events.push(RolesEvent::Revoked(RoleRevoked {
                        account: previous,
                        role,
                        by: previous,
                    }));
                }
            }
        }
        Ok(events)
    }
}

#[cfg(test)]
mod tests;
