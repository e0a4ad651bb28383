//! The driver of `service_agreement` in the local runtime ([`Driver`] over
//! [`ServiceAgreement`]), shared by the demo, the benchmark and the
//! integration tests: its accounts, evidence and reads, and the steps its
//! tests repeat.
use anyhow::Result;
use service_agreement::{
    escrow::{Config, Milestone},
    Error,
};

pub use super::driver::{Attest, RegistryResult, ROLES};
use super::driver::{Driver, Template};
use crate::fixtures::{self, Accounts};

/// What every state-changing message returns.
pub type MessageResult = Result<(), Error>;

/// `service_agreement`, for the [`Driver`].
pub struct ServiceAgreement;

/// A deployed EDS registry and `service_agreement` gated on it, with their
/// chain and named accounts.
pub type Flagship = Driver<ServiceAgreement>;

impl super::driver::Accounts for Accounts {
    fn new() -> Self {
        Accounts::new()
    }
    fn names(&self) -> Vec<(drink::AccountId32, &'static str)> {
        Accounts::names(self)
    }
    fn admin(&self) -> &drink::AccountId32 {
        &self.admin
    }
    fn verifier(&self) -> &drink::AccountId32 {
        &self.verifier
    }
    fn guardian(&self) -> &drink::AccountId32 {
        &self.guardian
    }
    fn stranger(&self) -> &drink::AccountId32 {
        &self.stranger
    }
    fn parties(&self) -> Vec<drink::AccountId32> {
        vec![self.client.clone(), self.contractor.clone()]
    }
}

impl Template for ServiceAgreement {
    const BUNDLE: &'static str = "service_agreement";
    type Config = Config;
    type Error = Error;
    type Accounts = Accounts;

    /// Client and contractor ([`fixtures::client_evidence`],
    /// [`fixtures::contractor_evidence`]).
    fn party_evidence(a: &Accounts) -> Vec<safeguards::eds::Evidence> {
        vec![
            fixtures::client_evidence(a),
            fixtures::contractor_evidence(a),
        ]
    }

    fn own_state(f: &mut Flagship) -> String {
        let parties: (ink::primitives::AccountId, ink::primitives::AccountId) =
            f.read("parties", ());
        let milestones = f.milestones();
        let funded: bool = f.read("is_funded", ());
        let preview: (u128, u128) = f.read("settlement_preview", ());
        format!("{parties:?} {milestones:?} {funded} {preview:?}")
    }
}

/// [`Driver::deploy_with`] for `service_agreement`.
///
/// # Errors
///
/// See [`Driver::deploy_with`].
pub fn deploy_with(
    attest: Attest,
    config: impl FnOnce(&Accounts, ink::primitives::AccountId) -> Config,
) -> Result<Flagship> {
    Driver::deploy_with(attest, config)
}

/// [`deploy_with`] the parties attested and the scenario's configuration.
///
/// # Errors
///
/// See [`deploy_with`].
pub fn deploy() -> Result<Flagship> {
    deploy_with(Attest::Parties, fixtures::config)
}

impl Driver<ServiceAgreement> {
    /// Every milestone, read one entry at a time (`milestone_count`, then
    /// `milestone(i)`).
    pub fn milestones(&mut self) -> Vec<Milestone> {
        let count: u32 = self.read("milestone_count", ());
        (0..count)
            .map(|i| {
                self.read::<_, Option<Milestone>>("milestone", i)
                    .expect("every index below the count has a milestone")
            })
            .collect()
    }

    /// Both parties accept the agreement.
    ///
    /// # Panics
    ///
    /// If an acceptance fails.
    pub fn make_effective(&mut self) {
        let terms = (
            fixtures::sha256(fixtures::MASTER_AGREEMENT.as_bytes()),
            1u32,
            self.config_digest,
        );
        for who in [
            self.accounts.client.clone(),
            self.accounts.contractor.clone(),
        ] {
            self.must(&who, "accept_agreement", terms, 0);
        }
    }

    /// Effective, then funded by the client with the milestone total.
    ///
    /// # Panics
    ///
    /// If a step fails.
    pub fn make_funded(&mut self) {
        self.make_effective();
        let client = self.accounts.client.clone();
        let total: u128 = fixtures::MILESTONES.iter().sum();
        self.must(&client, "fund", (), total);
    }

    /// The contractor marks `milestone` delivered at `at`.
    ///
    /// # Panics
    ///
    /// If the step fails.
    pub fn deliver(&mut self, milestone: u32, at: u64) {
        self.chain.advance_to(at);
        let contractor = self.accounts.contractor.clone();
        self.must(&contractor, "mark_delivered", milestone, 0);
    }
}
