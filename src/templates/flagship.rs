//! A typed driver for `service_agreement` in the local runtime, shared by
//! the demo, the benchmark and the integration tests.
use anyhow::{anyhow, Result};
use drink::AccountId32;
use safeguards::eds::{AttestationId, Evidence};
use scale::{Decode, Encode};
use service_agreement::{escrow::Config, Error};

use crate::{
    bundle,
    fixtures::{self, Accounts, START_BALANCE, T0},
    runtime::{Chain, Instance, Outcome},
};

/// What every state-changing message returns.
pub type MessageResult = Result<(), Error>;

/// What the registry's state-changing messages return.
pub type RegistryResult<R> = Result<R, eds_registry::Error>;

/// A deployed EDS registry and `service_agreement` gated on it, with their
/// chain and named accounts.
pub struct Flagship {
    /// The chain.
    pub chain: Chain,
    /// The named accounts.
    pub accounts: Accounts,
    /// The EDS registry.
    pub registry: Instance,
    /// The agreement contract.
    pub contract: Instance,
    /// The outcome of the agreement's deployment (events, gas).
    pub deployment: Outcome<Instance>,
    /// The SHA-256 of the SCALE-encoded `Config` it was deployed with,
    /// computed here, off chain, as a party would: what
    /// `accept_agreement` quotes.
    pub config_digest: [u8; 32],
}

/// Whom the verifier attests before the agreement is deployed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attest {
    /// Client and contractor ([`fixtures::client_evidence`],
    /// [`fixtures::contractor_evidence`]).
    Parties,
    /// Nobody: for tests of the gate itself.
    Nobody,
}

/// Builds (if needed) the bundles, then on a fresh chain at [`T0`] with every
/// named account funded: deploys the EDS registry (admin), accredits the
/// verifier, attests whom `attest` says, and deploys `service_agreement`
/// with `config`.
///
/// # Errors
///
/// If a bundle cannot be built or a step fails.
pub fn deploy_with(
    attest: Attest,
    config: impl FnOnce(&Accounts, ink::primitives::AccountId) -> Config,
) -> Result<Flagship> {
    let registry_bundle = bundle::bundle("eds_registry")?;
    let bundle = bundle::bundle("service_agreement")?;
    let accounts = Accounts::new();
    let mut chain = Chain::new();
    for (account, _) in accounts.names().iter().skip(1) {
        chain.mint(account, START_BALANCE);
    }
    chain.advance_to(T0);
    let registry = chain
        .deploy(&registry_bundle, &accounts.admin, "new", (), 0, &[])
        .value
        .map_err(|e| anyhow!("deploying eds_registry failed: {e:?}"))?;
    let verifier = crate::runtime::ink_account(&accounts.verifier);
    let out: Outcome<RegistryResult<()>> =
        chain.call(&registry, &accounts.admin, "accredit_verifier", verifier, 0);
    out.value
        .map_err(|e| anyhow!("accredit_verifier failed: {e:?}"))?
        .map_err(|e| anyhow!("accredit_verifier refused: {e:?}"))?;
    if attest == Attest::Parties {
        for evidence in [
            fixtures::client_evidence(&accounts),
            fixtures::contractor_evidence(&accounts),
        ] {
            let out: Outcome<RegistryResult<AttestationId>> =
                chain.call(&registry, &accounts.verifier, "attest", evidence, 0);
            out.value
                .map_err(|e| anyhow!("attest failed: {e:?}"))?
                .map_err(|e| anyhow!("attest refused: {e:?}"))?;
        }
    }
    let registry_id = crate::runtime::ink_account(&registry.address);
    let config = config(&accounts, registry_id);
    let config_digest = fixtures::config_digest(&config);
    let deployment = chain.deploy(&bundle, &accounts.admin, "new", config, 0, &[]);
    let contract = deployment
        .value
        .clone()
        .map_err(|e| anyhow!("deploying service_agreement failed: {e:?}"))?;
    Ok(Flagship {
        chain,
        accounts,
        registry,
        contract,
        deployment,
        config_digest,
    })
}

/// [`deploy_with`] the parties attested and the scenario's configuration.
///
/// # Errors
///
/// See [`deploy_with`].
pub fn deploy() -> Result<Flagship> {
    deploy_with(Attest::Parties, fixtures::config)
}

impl Flagship {
    /// Calls a state-changing message as `who`.
    pub fn call<A: Encode>(
        &mut self,
        who: &AccountId32,
        message: &str,
        args: A,
        value: u128,
    ) -> Outcome<MessageResult> {
        let contract = self.contract.clone();
        self.chain.call(&contract, who, message, args, value)
    }

    /// Calls a state-changing message that must succeed.
    ///
    /// # Panics
    ///
    /// If the call fails or the contract returns an error; the message says
    /// which call.
    pub fn must<A: Encode>(&mut self, who: &AccountId32, message: &str, args: A, value: u128) {
        let out = self.call(who, message, args, value);
        assert_eq!(out.value, Ok(Ok(())), "`{message}` should succeed");
    }

    /// Calls a read message.
    ///
    /// # Panics
    ///
    /// If the read fails: reads never fail on a live contract.
    /// Every milestone, read one entry at a time (`milestone_count`, then
    /// `milestone(i)`).
    pub fn milestones(&mut self) -> Vec<service_agreement::escrow::Milestone> {
        let count: u32 = self.read("milestone_count", ());
        (0..count)
            .map(|i| {
                self.read::<_, Option<service_agreement::escrow::Milestone>>("milestone", i)
                    .expect("every index below the count has a milestone")
            })
            .collect()
    }

    pub fn read<A: Encode, R: Decode>(&mut self, message: &str, args: A) -> R {
        let contract = self.contract.clone();
        self.chain
            .read(&contract, message, args)
            .unwrap_or_else(|e| panic!("read `{message}` failed: {e:?}"))
    }

    /// Calls a state-changing message of the EDS registry as `who`.
    pub fn registry_call<A: Encode, R: Decode>(
        &mut self,
        who: &AccountId32,
        message: &str,
        args: A,
    ) -> Outcome<RegistryResult<R>> {
        let registry = self.registry.clone();
        self.chain.call(&registry, who, message, args, 0)
    }

    /// Calls a registry message that must succeed; returns its value.
    ///
    /// # Panics
    ///
    /// If the call fails or the registry returns an error.
    pub fn registry_must<A: Encode, R: Decode + std::fmt::Debug>(
        &mut self,
        who: &AccountId32,
        message: &str,
        args: A,
    ) -> R {
        match self.registry_call::<A, R>(who, message, args).value {
            Ok(Ok(v)) => v,
            other => panic!("`{message}` should succeed, got {other:?}"),
        }
    }

    /// Calls a read message of the registry.
    ///
    /// # Panics
    ///
    /// If the read fails.
    pub fn registry_read<A: Encode, R: Decode>(&mut self, message: &str, args: A) -> R {
        let registry = self.registry.clone();
        self.chain
            .read(&registry, message, args)
            .unwrap_or_else(|e| panic!("registry read `{message}` failed: {e:?}"))
    }

    /// The verifier attests `evidence`; returns the attestation id.
    ///
    /// # Panics
    ///
    /// If the registry refuses.
    pub fn attest(&mut self, evidence: Evidence) -> AttestationId {
        let verifier = self.accounts.verifier.clone();
        self.registry_must(&verifier, "attest", evidence)
    }

    /// Free balance of `who`.
    pub fn balance(&mut self, who: &AccountId32) -> u128 {
        self.chain.balance(who)
    }

    /// Free balance of the contract.
    pub fn contract_balance(&mut self) -> u128 {
        let address = self.contract.address.clone();
        self.chain.balance(&address)
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

/// Every role, for access checks.
pub const ROLES: [safeguards::roles::Role; 6] = [
    safeguards::roles::Role::Admin,
    safeguards::roles::Role::Guardian,
    safeguards::roles::Role::Arbitrator,
    safeguards::roles::Role::Reviewer,
    safeguards::roles::Role::Verifier,
    safeguards::roles::Role::Inspector,
];

impl Flagship {
    /// Everything observable: every read message, every role of every named
    /// account, every balance. Two equal snapshots mean no visible change.
    pub fn snapshot(&mut self) -> String {
        use safeguards::{
            agreement::{Acceptance, Terms},
            arbitration::ArbitrationClause,
            dispute::Dispute,
            eds::Requirement,
            kill_switch::SwitchState,
        };
        let mut s = String::new();
        let state: SwitchState = self.read("state", ());
        let admin: ink::primitives::AccountId = self.read("admin", ());
        let effective: Option<Terms> = self.read("effective_terms", ());
        let pending: Option<Terms> = self.read("pending_terms", ());
        let acceptances: Vec<Acceptance> = self.read("acceptances", ());
        let clause: ArbitrationClause = self.read("clause", ());
        let milestones = self.milestones();
        let funded: bool = self.read("is_funded", ());
        let held: u128 = self.read("held", ());
        let preview: (u128, u128) = self.read("settlement_preview", ());
        let registry: ink::primitives::AccountId = self.read("registry", ());
        let requirements: Vec<Requirement> = self.read("eds_requirements", ());
        s.push_str(&format!(
            "{state:?} {admin:?} {effective:?} {pending:?} {acceptances:?} {clause:?} \
             {milestones:?} {funded} {held} {preview:?} {registry:?} {requirements:?}\n"
        ));
        s.push_str(&self.registry_snapshot());
        for id in 0..4u32 {
            let d: Option<Dispute> = self.read("dispute", id);
            let evidence: Vec<(ink::primitives::AccountId, [u8; 32])> = self.read("evidence", id);
            s.push_str(&format!("{d:?} {evidence:?}\n"));
        }
        for id in 1..4u32 {
            let d: Option<safeguards::review::Decision> = self.read("decision", id);
            s.push_str(&format!("{d:?}\n"));
        }
        for (account, name) in self.accounts.names() {
            let roles: Vec<bool> = ROLES
                .iter()
                .map(|r| self.read("has_role", (*r, crate::runtime::ink_account(&account))))
                .collect();
            let balance = self.balance(&account);
            s.push_str(&format!("{name} {roles:?} {balance}\n"));
        }
        let contract = self.contract_balance();
        s.push_str(&format!("contract {contract}\n"));
        s
    }

    /// Everything observable in the registry: admin, verifiers, every
    /// attestation, and each named account's attestation list.
    pub fn registry_snapshot(&mut self) -> String {
        use safeguards::eds::{Accreditation, Attestation};
        let admin: ink::primitives::AccountId = self.registry_read("admin", ());
        let pending: Option<ink::primitives::AccountId> = self.registry_read("pending_admin", ());
        let verifiers: Vec<(ink::primitives::AccountId, Accreditation)> =
            self.registry_read("verifiers", ());
        let count: u64 = self.registry_read("attestation_count", ());
        let mut s = format!("registry {admin:?} {pending:?} {verifiers:?} {count}\n");
        for id in 1..=count {
            let a: Option<Attestation> = self.registry_read("EdsRegistry::attestation", id);
            s.push_str(&format!("{a:?}\n"));
        }
        for (account, name) in self.accounts.names() {
            let ids: Vec<AttestationId> =
                self.registry_read("attestations_of", crate::runtime::ink_account(&account));
            s.push_str(&format!("{name} attestations {ids:?}\n"));
        }
        s
    }

    /// Asserts that `who` calling `message` is refused with exactly
    /// `expected`, reverts, emits no event and changes nothing observable.
    ///
    /// # Panics
    ///
    /// If any of that does not hold.
    pub fn assert_refused<A: Encode>(
        &mut self,
        who: &AccountId32,
        message: &str,
        args: A,
        value: u128,
        expected: Error,
    ) {
        let before = self.snapshot();
        let out = self.call(who, message, args, value);
        assert_eq!(
            out.value,
            Ok(Err(expected)),
            "`{message}` should be refused with {expected:?}"
        );
        assert!(out.reverted, "`{message}` refused but did not revert");
        assert!(
            out.events.is_empty(),
            "`{message}` refused but emitted {:?}",
            out.events()
        );
        assert_eq!(
            self.snapshot(),
            before,
            "`{message}` refused but changed state"
        );
    }
}

impl Flagship {
    /// Asserts that `who` calling registry `message` is refused with exactly
    /// `expected`, reverts, emits no event and changes nothing observable in
    /// the registry.
    ///
    /// # Panics
    ///
    /// If any of that does not hold.
    pub fn assert_registry_refused<A: Encode>(
        &mut self,
        who: &AccountId32,
        message: &str,
        args: A,
        expected: eds_registry::Error,
    ) {
        let before = self.registry_snapshot();
        let out = self.registry_call::<A, ()>(who, message, args);
        let got = out.value.clone().map(|r| r.err());
        assert_eq!(
            got,
            Ok(Some(expected)),
            "registry `{message}` should be refused with {expected:?}"
        );
        assert!(
            out.reverted,
            "registry `{message}` refused but did not revert"
        );
        assert!(
            out.events.is_empty(),
            "registry `{message}` refused but emitted {:?}",
            out.events()
        );
        assert_eq!(
            self.registry_snapshot(),
            before,
            "registry `{message}` refused but changed state"
        );
    }
}
