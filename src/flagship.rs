//! A typed driver for `service_agreement` in the local runtime, shared by
//! the demo, the benchmark and the integration tests.
use anyhow::{anyhow, Result};
use drink::AccountId32;
use scale::{Decode, Encode};
use service_agreement::{escrow::Config, Error};

use crate::{
    bundle,
    fixtures::{self, Accounts, START_BALANCE, T0},
    runtime::{Chain, Instance, Outcome},
};

/// What every state-changing message returns.
pub type MessageResult = Result<(), Error>;

/// A deployed `service_agreement` with its chain and named accounts.
pub struct Flagship {
    /// The chain.
    pub chain: Chain,
    /// The named accounts.
    pub accounts: Accounts,
    /// The contract.
    pub contract: Instance,
    /// The outcome of the deployment (events, gas).
    pub deployment: Outcome<Instance>,
}

/// Builds (if needed) and deploys `service_agreement` with `config` on a
/// fresh chain at [`T0`], every named account funded.
///
/// # Errors
///
/// If the bundle cannot be built or the constructor fails.
pub fn deploy_with(config: impl FnOnce(&Accounts) -> Config) -> Result<Flagship> {
    let bundle = bundle::bundle("service_agreement")?;
    let accounts = Accounts::new();
    let mut chain = Chain::new();
    for (account, _) in accounts.names().iter().skip(1) {
        chain.mint(account, START_BALANCE);
    }
    chain.advance_to(T0);
    let deployment = chain.deploy(&bundle, &accounts.admin, "new", config(&accounts), 0, &[]);
    let contract = deployment
        .value
        .clone()
        .map_err(|e| anyhow!("deploying service_agreement failed: {e:?}"))?;
    Ok(Flagship {
        chain,
        accounts,
        contract,
        deployment,
    })
}

/// [`deploy_with`] the scenario's configuration.
///
/// # Errors
///
/// See [`deploy_with`].
pub fn deploy() -> Result<Flagship> {
    deploy_with(fixtures::config)
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
    pub fn read<A: Encode, R: Decode>(&mut self, message: &str, args: A) -> R {
        let contract = self.contract.clone();
        self.chain
            .read(&contract, message, args)
            .unwrap_or_else(|e| panic!("read `{message}` failed: {e:?}"))
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
        );
        for who in [
            self.accounts.client.clone(),
            self.accounts.contractor.clone(),
        ] {
            self.call(&who, "accept_agreement", terms, 0)
                .unwrap()
                .unwrap();
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
pub const ROLES: [safeguards::roles::Role; 5] = [
    safeguards::roles::Role::Admin,
    safeguards::roles::Role::Guardian,
    safeguards::roles::Role::Arbitrator,
    safeguards::roles::Role::Reviewer,
    safeguards::roles::Role::Verifier,
];

impl Flagship {
    /// Everything observable: every read message, every role of every named
    /// account, every balance. Two equal snapshots mean no visible change.
    pub fn snapshot(&mut self) -> String {
        use safeguards::{
            agreement::{Acceptance, Terms},
            arbitration::ArbitrationClause,
            dispute::Dispute,
            kill_switch::SwitchState,
        };
        use service_agreement::escrow::Milestone;
        let mut s = String::new();
        let state: SwitchState = self.read("state", ());
        let admin: ink::primitives::AccountId = self.read("admin", ());
        let effective: Option<Terms> = self.read("effective_terms", ());
        let pending: Option<Terms> = self.read("pending_terms", ());
        let acceptances: Vec<Acceptance> = self.read("acceptances", ());
        let clause: ArbitrationClause = self.read("clause", ());
        let milestones: Vec<Milestone> = self.read("milestones", ());
        let funded: bool = self.read("is_funded", ());
        let held: u128 = self.read("held", ());
        let preview: (u128, u128) = self.read("settlement_preview", ());
        s.push_str(&format!(
            "{state:?} {admin:?} {effective:?} {pending:?} {acceptances:?} {clause:?} \
             {milestones:?} {funded} {held} {preview:?}\n"
        ));
        for id in 0..4u32 {
            let d: Option<Dispute> = self.read("dispute", id);
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
