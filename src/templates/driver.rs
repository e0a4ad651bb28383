//! One typed driver for every template in the local runtime: a fresh chain
//! with named accounts, the EDS registry, the template behind it, and the
//! calls every test makes (`call`, `must`, `read`, the registry's own),
//! the snapshot of everything observable, and `assert_refused`.
//!
//! A template plugs in with a [`Template`] impl: its bundle, its
//! constructor argument and error type, its named [`Accounts`], whom the
//! verifier attests, and the reads only it has. `flagship.rs` and
//! `payment.rs` are the two impls; a new template's tests start from a
//! third.
use std::fmt::Debug;

use anyhow::{anyhow, Result};
use drink::AccountId32;
use safeguards::{
    agreement::{Acceptance, Terms},
    arbitration::ArbitrationClause,
    dispute::Dispute,
    eds::{Accreditation, Attestation, AttestationId, Evidence, Requirement},
    kill_switch::SwitchState,
    review::Decision,
    roles::Role,
};
use scale::{Decode, Encode};

use crate::{
    bundle,
    fixtures::{self, START_BALANCE, T0},
    runtime::{ink_account, Chain, Encoded, Instance, Outcome},
};

/// What the registry's state-changing messages return.
pub type RegistryResult<R> = Result<R, eds_registry::Error>;

/// Every role, for access checks and the snapshot.
pub const ROLES: [Role; 7] = [
    Role::Admin,
    Role::Guardian,
    Role::Arbitrator,
    Role::Reviewer,
    Role::Verifier,
    Role::Inspector,
    Role::ComplianceOfficer,
];

/// Disputes and decisions the snapshot reads (ids 0 to 4): more than any
/// test raises.
const ITEMS_SNAPSHOTTED: u32 = 5;

/// A template's named accounts.
pub trait Accounts: Clone {
    /// The accounts, the admin first (the chain's default, funded, actor).
    fn new() -> Self;
    /// Every account with its name, the admin first.
    fn names(&self) -> Vec<(AccountId32, &'static str)>;
    /// The registry's and the template's admin.
    fn admin(&self) -> &AccountId32;
    /// The accredited EDS verifier.
    fn verifier(&self) -> &AccountId32;
    /// The guardian granted at instantiation (may pause).
    fn guardian(&self) -> &AccountId32;
    /// An account that is no party and holds no role.
    fn stranger(&self) -> &AccountId32;
    /// The template's parties: who pays and who is paid.
    fn parties(&self) -> Vec<AccountId32>;
}

/// What a template tells the driver.
pub trait Template: Sized {
    /// Its bundle (`shart::bundle::CONTRACTS`).
    const BUNDLE: &'static str;
    /// Its constructor's argument.
    type Config: Encode;
    /// Its error enum, with the kit's errors in it
    /// (`safeguards::safeguard_errors_into!`).
    type Error: Decode + Debug + PartialEq + Clone + From<safeguards::SafeguardError>;
    /// Its named accounts.
    type Accounts: Accounts;
    /// What the verifier attests before deployment: one evidence per party.
    fn party_evidence(accounts: &Self::Accounts) -> Vec<Evidence>;
    /// The reads only this template has, for [`Driver::snapshot`].
    fn own_state(driver: &mut Driver<Self>) -> String;
}

/// Whom the verifier attests before the template is deployed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attest {
    /// Every party ([`Template::party_evidence`]).
    Parties,
    /// Nobody: for tests of the gate itself.
    Nobody,
}

/// A deployed EDS registry and a template gated on it, with their chain
/// and named accounts.
pub struct Driver<T: Template> {
    /// The chain.
    pub chain: Chain,
    /// The named accounts.
    pub accounts: T::Accounts,
    /// The EDS registry.
    pub registry: Instance,
    /// The template's contract.
    pub contract: Instance,
    /// The outcome of the template's deployment (events, gas).
    pub deployment: Outcome<Instance>,
    /// The SHA-256 of the SCALE-encoded configuration it was deployed with,
    /// computed here, off chain, as a party would: what `accept_agreement`
    /// quotes.
    pub config_digest: [u8; 32],
}

impl<T: Template> Driver<T> {
    /// Builds (if needed) the bundles, then on a fresh chain at [`T0`] with
    /// every named account funded: deploys the EDS registry (admin),
    /// accredits the verifier, attests whom `attest` says, and deploys the
    /// template with `config`.
    ///
    /// # Errors
    ///
    /// If a bundle cannot be built or a step fails.
    pub fn deploy_with(
        attest: Attest,
        config: impl FnOnce(&T::Accounts, ink::primitives::AccountId) -> T::Config,
    ) -> Result<Self> {
        let registry_bundle = bundle::bundle("eds_registry")?;
        let bundle = bundle::bundle(T::BUNDLE)?;
        let accounts = T::Accounts::new();
        let (admin, verifier) = (accounts.admin().clone(), accounts.verifier().clone());
        let mut chain = Chain::new();
        for (account, _) in accounts.names().iter().skip(1) {
            chain.mint(account, START_BALANCE);
        }
        chain.advance_to(T0);
        let registry = chain
            .deploy(&registry_bundle, &admin, "new", (), 0, &[])
            .value
            .map_err(|e| anyhow!("deploying eds_registry failed: {e:?}"))?;
        let out: Outcome<RegistryResult<()>> = chain.call(
            &registry,
            &admin,
            "accredit_verifier",
            ink_account(&verifier),
            0,
        );
        out.value
            .map_err(|e| anyhow!("accredit_verifier failed: {e:?}"))?
            .map_err(|e| anyhow!("accredit_verifier refused: {e:?}"))?;
        if attest == Attest::Parties {
            for evidence in T::party_evidence(&accounts) {
                let out: Outcome<RegistryResult<AttestationId>> =
                    chain.call(&registry, &verifier, "attest", evidence, 0);
                out.value
                    .map_err(|e| anyhow!("attest failed: {e:?}"))?
                    .map_err(|e| anyhow!("attest refused: {e:?}"))?;
            }
        }
        let config = config(&accounts, ink_account(&registry.address));
        let config_digest = fixtures::config_digest(&config);
        let deployment = chain.deploy(&bundle, &admin, "new", config, 0, &[]);
        let contract = deployment
            .value
            .clone()
            .map_err(|e| anyhow!("deploying {} failed: {e:?}", T::BUNDLE))?;
        Ok(Self {
            chain,
            accounts,
            registry,
            contract,
            deployment,
            config_digest,
        })
    }

    /// Calls a state-changing message as `who`.
    pub fn call<A: Encode>(
        &mut self,
        who: &AccountId32,
        message: &str,
        args: A,
        value: u128,
    ) -> Outcome<Result<(), T::Error>> {
        let contract = self.contract.clone();
        self.chain.call(&contract, who, message, args, value)
    }

    /// Calls a state-changing message that must succeed; returns its
    /// outcome (events, gas).
    ///
    /// # Panics
    ///
    /// If the call fails or the contract returns an error; the message says
    /// which call.
    pub fn must<A: Encode>(
        &mut self,
        who: &AccountId32,
        message: &str,
        args: A,
        value: u128,
    ) -> Outcome<Result<(), T::Error>> {
        let out = self.call(who, message, args, value);
        assert_eq!(out.value, Ok(Ok(())), "`{message}` should succeed");
        out
    }

    /// Calls a read message.
    ///
    /// # Panics
    ///
    /// If the read fails: reads never fail on a live contract.
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
    pub fn registry_must<A: Encode, R: Decode + Debug>(
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
        let verifier = self.accounts.verifier().clone();
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

    /// What the read messages show, for looking at a state: the kit's
    /// reads and the template's ([`Template::own_state`]; not `config` and
    /// `config_digest`, which never change, nor `pause_lapses_at`), the
    /// registry ([`Driver::registry_snapshot`]), every role of every named
    /// account, every balance. For "nothing changed", compare
    /// [`Chain::state_root`]s, which cover all of the state.
    pub fn snapshot(&mut self) -> String {
        let state: SwitchState = self.read("state", ());
        let admin: ink::primitives::AccountId = self.read("admin", ());
        let effective: Option<Terms> = self.read("effective_terms", ());
        let pending: Option<Terms> = self.read("pending_terms", ());
        let acceptances: Vec<Acceptance> = self.read("acceptances", ());
        let clause: ArbitrationClause = self.read("clause", ());
        let held: u128 = self.read("held", ());
        let registry: ink::primitives::AccountId = self.read("registry", ());
        let requirements: Vec<Requirement> = self.read("eds_requirements", ());
        let own = T::own_state(self);
        let mut s = format!(
            "{state:?} {admin:?} {effective:?} {pending:?} {acceptances:?} {clause:?} \
             {held} {registry:?} {requirements:?}\n{own}\n"
        );
        s.push_str(&self.registry_snapshot());
        for id in 0..ITEMS_SNAPSHOTTED {
            let d: Option<Dispute> = self.read("dispute", id);
            let evidence: Vec<(ink::primitives::AccountId, [u8; 32])> = self.read("evidence", id);
            let decision: Option<Decision> = self.read("decision", id);
            s.push_str(&format!("{d:?} {evidence:?} {decision:?}\n"));
        }
        for (account, name) in self.accounts.names() {
            let roles: Vec<bool> = ROLES
                .iter()
                .map(|r| self.read("has_role", (*r, ink_account(&account))))
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
                self.registry_read("attestations_of", ink_account(&account));
            s.push_str(&format!("{name} attestations {ids:?}\n"));
        }
        s
    }

    /// Asserts that `who` calling `message` is refused with exactly
    /// `expected`, reverts, emits no event (the sandbox's own event record)
    /// and changes nothing: the root of the whole state
    /// ([`Chain::state_root`]: every account, balance, contract and storage
    /// item, the registry's included) is the same before and after.
    ///
    /// The root says more than [`Driver::snapshot`], which sees only what
    /// its read messages show, and costs one hash instead of some sixty
    /// contract calls (about 1.5 ms against 1.3 s here), which made the
    /// snapshots most of the drink suites' time. On a failure, two
    /// `snapshot()`s may show what changed (not always: a change only to
    /// storage no listed read shows changes the root alone).
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
        expected: T::Error,
    ) {
        self.assert_refused_with(who, message, args, value, expected);
    }

    /// [`Driver::assert_refused`] for a message whose error type is `E`
    /// rather than the template's (a token's `PSP22Error`).
    ///
    /// # Panics
    ///
    /// As [`Driver::assert_refused`].
    pub fn assert_refused_with<A: Encode, E: Decode + Debug + PartialEq>(
        &mut self,
        who: &AccountId32,
        message: &str,
        args: A,
        value: u128,
        expected: E,
    ) {
        self.chain.clear_events();
        let root = self.chain.state_root();
        let contract = self.contract.clone();
        let out: Outcome<Result<(), E>> = self.chain.call(&contract, who, message, args, value);
        let said = format!("`{message}` should be refused with {expected:?}");
        assert_eq!(out.value, Ok(Err(expected)), "{said}");
        assert_unchanged(&mut self.chain, &out, &root, message);
    }

    /// The access matrix of `message`: called as every named account
    /// outside `allowed`, each refused with `refusal(caller)` as
    /// [`Driver::assert_refused`] checks it; then as `allowed[0]`, which
    /// must succeed.
    ///
    /// # Panics
    ///
    /// If a refusal is not exactly as expected, if fewer than three callers
    /// were refused (a matrix that tests almost nobody), or if the allowed
    /// caller fails.
    pub fn access_matrix(
        &mut self,
        message: &str,
        args: Encoded,
        value: u128,
        allowed: &[AccountId32],
        refusal: impl Fn(ink::primitives::AccountId) -> T::Error,
    ) {
        let mut refused = 0_u32;
        for (account, _) in self.accounts.names() {
            if allowed.contains(&account) {
                continue;
            }
            self.assert_refused(
                &account,
                message,
                args.clone(),
                value,
                refusal(ink_account(&account)),
            );
            refused = refused.saturating_add(1);
        }
        assert!(refused >= 3, "{message}: only {refused} refused callers");
        let out = self.call(&allowed[0], message, args, value);
        assert_eq!(out.value, Ok(Ok(())), "{message} by an allowed caller");
    }

    /// Asserts that `who` calling registry `message` is refused with exactly
    /// `expected`, reverts, emits no event and changes nothing, as
    /// [`Driver::assert_refused`] checks it.
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
        self.chain.clear_events();
        let root = self.chain.state_root();
        let out = self.registry_call::<A, ()>(who, message, args);
        let got = out.value.clone().map(|r| r.err());
        assert_eq!(
            got,
            Ok(Some(expected)),
            "registry `{message}` should be refused with {expected:?}"
        );
        assert_unchanged(&mut self.chain, &out, &root, message);
    }
}

/// The rest of a refusal: the call reverted, the sandbox recorded no event,
/// and the state root is `root` still.
pub(crate) fn assert_unchanged<R: Debug>(
    chain: &mut Chain,
    out: &Outcome<R>,
    root: &[u8],
    message: &str,
) {
    assert!(out.reverted, "`{message}` refused but did not revert");
    assert!(
        out.events.is_empty(),
        "`{message}` refused but emitted {:?}",
        out.events()
    );
    assert!(
        chain.state_root() == root,
        "`{message}` refused but changed the state (its root); compare two \
         `Driver::snapshot()`s to see what"
    );
}
