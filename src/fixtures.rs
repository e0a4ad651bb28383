//! The parties, documents, times and configuration shared by the demo, the
//! benchmark and the tests.
use drink::AccountId32;
use safeguards::{
    arbitration::{ArbitrationClause, Forum, GoverningLaw, Language, Rules, Seat},
    dispute::{DisputeConfig, Fallback},
    Hash32,
};
use service_agreement::escrow::{Config, SettlementRule};
use sha2::{Digest, Sha256};

use crate::runtime::{default_account, ink_account};

/// The sample master agreement (no personal data).
pub const MASTER_AGREEMENT: &str = include_str!("../examples/master-agreement.txt");
/// Its dispute-resolution clause, verbatim.
pub const ARBITRATION_CLAUSE: &str = include_str!("../examples/arbitration-clause.txt");

/// 1 January 2026, 00:00 UTC, in milliseconds.
pub const T0: u64 = 1_767_225_600_000;
/// A day in milliseconds.
pub const DAY: u64 = 86_400_000;
/// Milestone prices (Schedule 1).
pub const MILESTONES: [u128; 5] = [300_000, 500_000, 200_000, 100_000, 150_000];
/// Balance minted to every named account.
pub const START_BALANCE: u128 = 1_000_000_000_000;

/// SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> Hash32 {
    Sha256::digest(bytes).into()
}

/// A hash that stands for a document not shipped here (evidence, awards).
pub fn doc(label: &str) -> Hash32 {
    sha256(label.as_bytes())
}

/// The named accounts of the scenario.
#[derive(Debug, Clone)]
pub struct Accounts {
    /// Instantiates and administers (drink's funded default account).
    pub admin: AccountId32,
    /// May pause.
    pub guardian: AccountId32,
    /// Rules on disputes.
    pub arbitrator: AccountId32,
    /// Pays.
    pub client: AccountId32,
    /// Delivers.
    pub contractor: AccountId32,
    /// Holds no role and is no party.
    pub stranger: AccountId32,
}

impl Default for Accounts {
    fn default() -> Self {
        Self::new()
    }
}

impl Accounts {
    /// The fixed accounts.
    pub fn new() -> Self {
        Self {
            admin: default_account(),
            guardian: AccountId32::new([2; 32]),
            arbitrator: AccountId32::new([3; 32]),
            client: AccountId32::new([4; 32]),
            contractor: AccountId32::new([5; 32]),
            stranger: AccountId32::new([6; 32]),
        }
    }

    /// (account, name) pairs, for transcripts.
    pub fn names(&self) -> Vec<(AccountId32, &'static str)> {
        vec![
            (self.admin.clone(), "admin"),
            (self.guardian.clone(), "guardian"),
            (self.arbitrator.clone(), "arbitrator"),
            (self.client.clone(), "client"),
            (self.contractor.clone(), "contractor"),
            (self.stranger.clone(), "stranger"),
        ]
    }
}

/// The clause of [`ARBITRATION_CLAUSE`], typed.
pub fn clause() -> ArbitrationClause {
    ArbitrationClause {
        forum: Forum::IacArbitration,
        rules: Rules::IacArbitrationAndMediationRules,
        rules_version: 2022,
        seat: Some(Seat::AifcAstana),
        language: Language::English,
        arbitrators: 1,
        governing_law: GoverningLaw::AifcLaw,
        clause_hash: sha256(ARBITRATION_CLAUSE.as_bytes()),
    }
}

/// The dispute settings of Schedule 2.
pub fn dispute_config() -> DisputeConfig {
    DisputeConfig {
        ruling_period: 14 * DAY,
        appeal_window: 7 * DAY,
        fallback: Fallback::RefundPayer,
    }
}

/// The constructor configuration of the scenario.
pub fn config(a: &Accounts) -> Config {
    Config {
        client: ink_account(&a.client),
        contractor: ink_account(&a.contractor),
        guardian: ink_account(&a.guardian),
        arbitrator: ink_account(&a.arbitrator),
        agreement_hash: sha256(MASTER_AGREEMENT.as_bytes()),
        agreement_version: 1,
        clause: clause(),
        milestones: MILESTONES.to_vec(),
        review_period: 3 * DAY,
        disputes: dispute_config(),
        settlement: SettlementRule::PayDeliveredRefundRest,
    }
}
