//! Accounts, hashes and a valid clause for unit tests.
use crate::{
    arbitration::{ArbitrationClause, Forum, GoverningLaw, Language, Rules, Seat},
    types::{AccountId, Hash32},
};

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

/// A valid AIFC IAC clause whose text hashes to `clause_hash`.
pub fn iac_clause(clause_hash: Hash32) -> ArbitrationClause {
    ArbitrationClause {
        forum: Forum::IacArbitration,
        rules: Rules::IacArbitrationAndMediationRules,
        rules_version: 2022,
        seat: Some(Seat::AifcAstana),
        language: Language::English,
        arbitrators: 1,
        governing_law: GoverningLaw::AifcLaw,
        clause_hash,
    }
}
