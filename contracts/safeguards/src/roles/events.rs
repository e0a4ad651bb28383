//! Events of the [`roles`](super) core: a state change returns them as
//! values, and the contract emits them.

use super::Role;
use crate::types::AccountId;

/// `role` was granted to `account` by `by`.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleGranted {
    /// The account that now holds the role.
    #[ink(topic)]
    pub account: AccountId,
    /// The role granted.
    pub role: Role,
    /// The admin who granted it.
    #[ink(topic)]
    pub by: AccountId,
}

/// `role` was revoked from `account` by `by`.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleRevoked {
    /// The account that no longer holds the role.
    #[ink(topic)]
    pub account: AccountId,
    /// The role revoked.
    pub role: Role,
    /// The admin who revoked it.
    #[ink(topic)]
    pub by: AccountId,
}

/// The admin proposed to hand the admin role to `proposed`.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminTransferProposed {
    /// The current admin.
    #[ink(topic)]
    pub admin: AccountId,
    /// The account that must accept.
    #[ink(topic)]
    pub proposed: AccountId,
}

/// The admin role passed from `previous` to `admin`.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminTransferred {
    /// The former admin.
    #[ink(topic)]
    pub previous: AccountId,
    /// The new admin.
    #[ink(topic)]
    pub admin: AccountId,
}

/// Events of the roles core.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RolesEvent {
    /// See [`RoleGranted`].
    Granted(RoleGranted),
    /// See [`RoleRevoked`].
    Revoked(RoleRevoked),
    /// See [`AdminTransferProposed`].
    AdminProposed(AdminTransferProposed),
    /// See [`AdminTransferred`].
    AdminTransferred(AdminTransferred),
}
