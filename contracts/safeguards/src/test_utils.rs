//! Accounts and hashes for unit tests.
use crate::types::{AccountId, Hash32};

pub fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

pub fn h(n: u8) -> Hash32 {
    [n; 32]
}

pub const ADMIN: u8 = 1;
pub const GUARDIAN: u8 = 2;
pub const ARBITRATOR: u8 = 3;
pub const CLIENT: u8 = 10;
pub const CONTRACTOR: u8 = 11;
pub const STRANGER: u8 = 99;
