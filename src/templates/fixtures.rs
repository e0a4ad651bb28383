//! The parties, documents, times and configuration shared by the demo, the
//! benchmark and the tests.
use drink::AccountId32;
use safeguards::{
    arbitration::{ArbitrationClause, Forum, GoverningLaw, Language, Rules, Seat},
    dispute::{DisputeConfig, Fallback},
    eds::{EdsRole, Evidence, IssuingCa, KeyAlgorithm, Requirement},
    review::ReviewConfig,
    Hash32,
};
use service_agreement::escrow::{Config, SettlementRule};
use sha2::{Digest, Sha256};

use crate::runtime::{default_account, ink_account};

/// The sample master agreement (no personal data).
pub const MASTER_AGREEMENT: &str = include_str!("../../examples/master-agreement.txt");
/// Its dispute-resolution clause, verbatim.
pub const ARBITRATION_CLAUSE: &str = include_str!("../../examples/arbitration-clause.txt");
/// The explanation of the automatic release (Schedule 3): its hash is in
/// every decision notice.
pub const AUTO_RELEASE_EXPLANATION: &str =
    include_str!("../../examples/auto-release-explanation.txt");

/// 1 January 2026, 00:00 UTC, in milliseconds.
pub const T0: u64 = 1_767_225_600_000;
/// A day in milliseconds.
pub const DAY: u64 = 86_400_000;

/// How long a pause lasts unless renewed (the configs' `max_pause`).
pub const MAX_PAUSE: u64 = 90 * DAY;
/// Milestone prices (Schedule 1).
pub const MILESTONES: [u128; 5] = [300_000, 500_000, 200_000, 100_000, 150_000];
/// Balance minted to every named account.
pub const START_BALANCE: u128 = 1_000_000_000_000;

/// SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> Hash32 {
    Sha256::digest(bytes).into()
}

/// The configuration digest a party quotes when it accepts: the SHA-256 of
/// the SCALE-encoded instantiation parameters (`config_digest()` on chain).
pub fn config_digest<T: scale::Encode>(config: &T) -> Hash32 {
    sha256(&config.encode())
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
    /// The accredited EDS verifier.
    pub verifier: AccountId32,
    /// Reviews automated decisions.
    pub reviewer: AccountId32,
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
            verifier: AccountId32::new([7; 32]),
            reviewer: AccountId32::new([8; 32]),
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
            (self.verifier.clone(), "verifier"),
            (self.reviewer.clone(), "reviewer"),
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

/// The review settings of Schedule 3: two days to ask for a review, five
/// for the reviewer; the automatic release is minimal-risk, so no
/// confirmation is needed either way.
pub fn review_config() -> ReviewConfig {
    ReviewConfig {
        review_window: 2 * DAY,
        reviewer_deadline: 5 * DAY,
        confirm_high_risk: true,
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

/// The client is a company: its attestation must show a signatory (chief
/// executive or signing authority) of a legal entity.
pub fn client_requirement() -> Requirement {
    Requirement::signatory(false)
}

/// The contractor is a natural person.
pub fn contractor_requirement() -> Requirement {
    Requirement::individual(false)
}

/// An attestation of `account` by the verifier: hashes stand for the
/// certificate serial, the salted IIN/BIN commitment and the signed binding
/// statement (no personal data anywhere). The certificate runs from 30 days
/// before [`T0`] to a year after.
pub fn evidence(account: &AccountId32, label: &str, role: EdsRole) -> Evidence {
    evidence_around(account, label, role, T0)
}

/// [`evidence`] for a certificate valid from 30 days before `start` (ms)
/// to a year after: a real chain's clock is not [`T0`].
pub fn evidence_around(account: &AccountId32, label: &str, role: EdsRole, start: u64) -> Evidence {
    Evidence {
        account: ink_account(account),
        cert_serial_hash: doc(&format!("certificate serial of the {label}")),
        ca: IssuingCa::NcaGost2015,
        algorithm: KeyAlgorithm::Gost512,
        holder_kind: role.holder_kind(),
        role,
        valid_from: start.saturating_sub(30 * DAY),
        valid_until: start.saturating_add(365 * DAY),
        subject_commitment: doc(&format!("IIN/BIN commitment of the {label}")),
        statement_hash: doc(&format!("binding statement of the {label}")),
    }
}

/// The client's attestation: the chief executive of a legal entity.
pub fn client_evidence(a: &Accounts) -> Evidence {
    evidence(&a.client, "client", EdsRole::ChiefExecutive)
}

/// The contractor's attestation: an individual.
pub fn contractor_evidence(a: &Accounts) -> Evidence {
    evidence(&a.contractor, "contractor", EdsRole::Individual)
}

/// The hash of `service_agreement`'s cold code ([`cold_code_of`]).
///
/// # Panics
///
/// If the bundles cannot be built.
pub fn cold_code() -> Hash32 {
    cold_code_of("service_agreement")
}

/// The hash of `contract`'s cold code as the local bundle has it: the
/// hash a chain gives the code once it is uploaded.
///
/// # Panics
///
/// If the bundles cannot be built or `contract` is not split.
pub fn cold_code_of(contract: &str) -> Hash32 {
    crate::bundle::bundle(contract)
        .unwrap_or_else(|e| panic!("the {contract} bundles should build: {e:#}"))
        .cold_code()
        .unwrap_or_else(|| panic!("{contract} has no cold code"))
}

/// The constructor configuration of the scenario, gated on `registry`.
pub fn config(a: &Accounts, registry: ink::primitives::AccountId) -> Config {
    Config {
        cold_code: cold_code(),
        client: ink_account(&a.client),
        contractor: ink_account(&a.contractor),
        guardian: ink_account(&a.guardian),
        arbitrator: ink_account(&a.arbitrator),
        agreement_hash: sha256(MASTER_AGREEMENT.as_bytes()),
        agreement_version: 1,
        clause: clause(),
        milestones: service_agreement::escrow::prices(&MILESTONES),
        review_period: 3 * DAY,
        review: review_config(),
        reviewer: ink_account(&a.reviewer),
        auto_release_explanation: sha256(AUTO_RELEASE_EXPLANATION.as_bytes()),
        disputes: dispute_config(),
        settlement: SettlementRule::PayDeliveredRefundRest,
        registry,
        client_eds: client_requirement(),
        contractor_eds: contractor_requirement(),
        max_pause: MAX_PAUSE,
    }
}
