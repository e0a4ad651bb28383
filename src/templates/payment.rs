//! A typed driver for `programmable_payment` in the local runtime, for the
//! integration tests: the named accounts, the programme's configuration,
//! deployment behind an EDS registry, and the common steps.
use anyhow::{anyhow, Result};
use drink::AccountId32;
use programmable_payment::{
    programme::{Allocation, Config},
    Error,
};
use safeguards::{
    agreement::{Acceptance, Terms},
    arbitration::ArbitrationClause,
    dispute::Dispute,
    eds::{AttestationId, EdsRole, Evidence, Requirement},
    kill_switch::SwitchState,
    review::{AiLabel, Decision, ReviewConfig, RiskClass},
    roles::Role,
    Hash32,
};
use scale::{Decode, Encode};

use crate::{
    bundle,
    fixtures::{self, doc, DAY, START_BALANCE, T0},
    runtime::{default_account, ink_account, Chain, Instance, Outcome},
};

/// What every state-changing message returns.
pub type MessageResult = Result<(), Error>;

/// The named accounts of the programme scenario.
#[derive(Debug, Clone)]
pub struct Accounts {
    /// Instantiates and administers (drink's funded default account).
    pub admin: AccountId32,
    /// May pause.
    pub guardian: AccountId32,
    /// Rules on disputes.
    pub arbitrator: AccountId32,
    /// The budget holder (a ministry): funds and allocates.
    pub holder: AccountId32,
    /// The first recipient.
    pub recipient: AccountId32,
    /// The second recipient.
    pub recipient2: AccountId32,
    /// Approves or rejects documents.
    pub inspector: AccountId32,
    /// Reviews automated rejections.
    pub reviewer: AccountId32,
    /// Holds no role and is no party.
    pub stranger: AccountId32,
    /// The accredited EDS verifier.
    pub verifier: AccountId32,
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
            holder: AccountId32::new([4; 32]),
            recipient: AccountId32::new([5; 32]),
            stranger: AccountId32::new([6; 32]),
            verifier: AccountId32::new([7; 32]),
            inspector: AccountId32::new([8; 32]),
            reviewer: AccountId32::new([9; 32]),
            recipient2: AccountId32::new([10; 32]),
        }
    }

    /// (account, name) pairs.
    pub fn names(&self) -> Vec<(AccountId32, &'static str)> {
        vec![
            (self.admin.clone(), "admin"),
            (self.guardian.clone(), "guardian"),
            (self.arbitrator.clone(), "arbitrator"),
            (self.holder.clone(), "holder"),
            (self.recipient.clone(), "recipient"),
            (self.recipient2.clone(), "recipient2"),
            (self.inspector.clone(), "inspector"),
            (self.reviewer.clone(), "reviewer"),
            (self.stranger.clone(), "stranger"),
            (self.verifier.clone(), "verifier"),
        ]
    }
}

/// SHA-256 of the (notional) EDS-signed programme rules.
pub fn rules_hash() -> Hash32 {
    doc("programme rules v1")
}

/// SHA-256 of the explanation of the automated rejection rule.
pub fn explanation_hash() -> Hash32 {
    doc("rejection rule: documents not approved by the deadline")
}

/// The review settings of the scenario: 3 days to ask, 5 for the reviewer,
/// high-risk decisions wait for a reviewer.
pub fn review_config() -> ReviewConfig {
    ReviewConfig {
        review_window: 3 * DAY,
        reviewer_deadline: 5 * DAY,
        confirm_high_risk: true,
    }
}

/// A human inspection office.
pub fn human_inspector() -> AiLabel {
    AiLabel {
        ai_involved: false,
        risk: RiskClass::Minimal,
    }
}

/// The programme's configuration with the inspector labelled `label`,
/// gated on `registry`.
pub fn config(a: &Accounts, registry: ink::primitives::AccountId, label: AiLabel) -> Config {
    Config {
        budget_holder: ink_account(&a.holder),
        recipients: vec![ink_account(&a.recipient), ink_account(&a.recipient2)],
        inspector: ink_account(&a.inspector),
        inspector_label: label,
        guardian: ink_account(&a.guardian),
        arbitrator: ink_account(&a.arbitrator),
        reviewer: ink_account(&a.reviewer),
        agreement_hash: rules_hash(),
        agreement_version: 1,
        clause: fixtures::clause(),
        disputes: fixtures::dispute_config(),
        review: review_config(),
        rejection_explanation: explanation_hash(),
        registry,
        holder_eds: Requirement::signatory(false),
        recipient_eds: Requirement::individual(false),
        max_pause: fixtures::MAX_PAUSE,
    }
}

/// The attestations of the budget holder (a legal entity's chief
/// executive) and of the recipients (individuals).
pub fn party_evidence(a: &Accounts) -> Vec<Evidence> {
    vec![
        fixtures::evidence(&a.holder, "budget holder", EdsRole::ChiefExecutive),
        fixtures::evidence(&a.recipient, "recipient", EdsRole::Individual),
        fixtures::evidence(&a.recipient2, "second recipient", EdsRole::Individual),
    ]
}

/// A deployed EDS registry and `programmable_payment` gated on it.
pub struct Payment {
    /// The chain.
    pub chain: Chain,
    /// The named accounts.
    pub accounts: Accounts,
    /// The EDS registry.
    pub registry: Instance,
    /// The programme contract.
    pub contract: Instance,
    /// The outcome of the programme's deployment (events).
    pub deployment: Outcome<Instance>,
    /// The SHA-256 of the SCALE-encoded `Config` it was deployed with,
    /// computed here, off chain, as a party would: what
    /// `accept_agreement` quotes.
    pub config_digest: [u8; 32],
}

/// Builds (if needed) the bundles, then on a fresh chain at [`T0`] with every
/// named account funded: deploys the EDS registry, accredits the verifier,
/// attests every party, and deploys `programmable_payment` with `config`.
///
/// # Errors
///
/// If a bundle cannot be built or a step fails.
pub fn deploy_with(
    config: impl FnOnce(&Accounts, ink::primitives::AccountId) -> Config,
) -> Result<Payment> {
    let registry_bundle = bundle::bundle("eds_registry")?;
    let bundle = bundle::bundle("programmable_payment")?;
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
    let verifier = ink_account(&accounts.verifier);
    let out: Outcome<Result<(), eds_registry::Error>> =
        chain.call(&registry, &accounts.admin, "accredit_verifier", verifier, 0);
    out.value
        .map_err(|e| anyhow!("accredit_verifier failed: {e:?}"))?
        .map_err(|e| anyhow!("accredit_verifier refused: {e:?}"))?;
    for evidence in party_evidence(&accounts) {
        let out: Outcome<Result<AttestationId, eds_registry::Error>> =
            chain.call(&registry, &accounts.verifier, "attest", evidence, 0);
        out.value
            .map_err(|e| anyhow!("attest failed: {e:?}"))?
            .map_err(|e| anyhow!("attest refused: {e:?}"))?;
    }
    let registry_id = ink_account(&registry.address);
    let config = config(&accounts, registry_id);
    let config_digest = fixtures::config_digest(&config);
    let deployment = chain.deploy(&bundle, &accounts.admin, "new", config, 0, &[]);
    let contract = deployment
        .value
        .clone()
        .map_err(|e| anyhow!("deploying programmable_payment failed: {e:?}"))?;
    Ok(Payment {
        chain,
        accounts,
        registry,
        contract,
        deployment,
        config_digest,
    })
}

/// [`deploy_with`] a human inspector.
///
/// # Errors
///
/// See [`deploy_with`].
pub fn deploy() -> Result<Payment> {
    deploy_labelled(human_inspector())
}

/// [`deploy_with`] an inspector labelled `label`.
///
/// # Errors
///
/// See [`deploy_with`].
pub fn deploy_labelled(label: AiLabel) -> Result<Payment> {
    deploy_with(|a, registry| config(a, registry, label))
}

/// Every role, for snapshots.
pub const ROLES: [Role; 6] = [
    Role::Admin,
    Role::Guardian,
    Role::Arbitrator,
    Role::Reviewer,
    Role::Verifier,
    Role::Inspector,
];

impl Payment {
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

    /// Calls a state-changing message that must succeed; returns its outcome.
    ///
    /// # Panics
    ///
    /// If the call fails or the contract returns an error.
    pub fn must<A: Encode>(
        &mut self,
        who: &AccountId32,
        message: &str,
        args: A,
        value: u128,
    ) -> Outcome<MessageResult> {
        let out = self.call(who, message, args, value);
        assert_eq!(out.value, Ok(Ok(())), "`{message}` should succeed");
        out
    }

    /// Calls a read message.
    ///
    /// # Panics
    ///
    /// If the read fails.
    /// Every allocation, read one entry at a time (`allocation_count`,
    /// then `allocation(id)`).
    pub fn allocations(&mut self) -> Vec<Allocation> {
        let count: u32 = self.read("allocation_count", ());
        (0..count)
            .map(|id| {
                self.read::<_, Option<Allocation>>("allocation", id)
                    .expect("every id below the count has an allocation")
            })
            .collect()
    }

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

    /// Allocation `id`.
    ///
    /// # Panics
    ///
    /// If there is none.
    pub fn allocation(&mut self, id: u32) -> Allocation {
        self.read::<_, Option<Allocation>>("allocation", id)
            .unwrap_or_else(|| panic!("no allocation {id}"))
    }

    /// Every party accepts the programme rules.
    ///
    /// # Panics
    ///
    /// If an acceptance fails.
    pub fn make_effective(&mut self) {
        let a = self.accounts.clone();
        for who in [a.holder, a.recipient, a.recipient2] {
            let digest = self.config_digest;
            self.must(&who, "accept_agreement", (rules_hash(), 1u32, digest), 0);
        }
    }

    /// Effective, then funded by the budget holder with `amount`.
    ///
    /// # Panics
    ///
    /// If a step fails.
    pub fn make_funded(&mut self, amount: u128) {
        self.make_effective();
        let holder = self.accounts.holder.clone();
        self.must(&holder, "fund", (), amount);
    }

    /// The budget holder allocates `amount` to `recipient` for purpose 7,
    /// with `documents` kinds and a deadline of `deadline`.
    ///
    /// # Panics
    ///
    /// If the step fails.
    pub fn allocate(
        &mut self,
        recipient: &AccountId32,
        amount: u128,
        deadline: u64,
        documents: Vec<u32>,
    ) {
        let holder = self.accounts.holder.clone();
        self.must(
            &holder,
            "allocate",
            (ink_account(recipient), amount, 7u32, deadline, documents),
            0,
        );
    }

    /// The allocation's recipient submits `slot`, and the inspector approves it.
    ///
    /// # Panics
    ///
    /// If a step fails.
    pub fn submit_and_approve(&mut self, allocation: u32, slot: u32) {
        let recipient = self.allocation(allocation).recipient;
        let who = self
            .accounts
            .names()
            .into_iter()
            .map(|(a, _)| a)
            .find(|a| ink_account(a) == recipient)
            .expect("a named recipient");
        let inspector = self.accounts.inspector.clone();
        self.must(
            &who,
            "submit_document",
            (
                allocation,
                slot,
                doc(&format!("document {allocation}/{slot}")),
            ),
            0,
        );
        self.must(&inspector, "approve_document", (allocation, slot), 0);
    }

    /// Everything observable: every read message, the roles of every named
    /// account, every balance. Two equal snapshots mean no visible change.
    pub fn snapshot(&mut self) -> String {
        let state: SwitchState = self.read("state", ());
        let admin: ink::primitives::AccountId = self.read("admin", ());
        let parties: (ink::primitives::AccountId, Vec<ink::primitives::AccountId>) =
            self.read("parties", ());
        let effective: Option<Terms> = self.read("effective_terms", ());
        let pending: Option<Terms> = self.read("pending_terms", ());
        let acceptances: Vec<Acceptance> = self.read("acceptances", ());
        let clause: ArbitrationClause = self.read("clause", ());
        let allocations = self.allocations();
        let unallocated: u128 = self.read("unallocated", ());
        let held: u128 = self.read("held", ());
        let preview: Vec<(ink::primitives::AccountId, u128)> = self.read("settlement_preview", ());
        let mut s = format!(
            "{state:?} {admin:?} {parties:?} {effective:?} {pending:?} {acceptances:?} \
             {clause:?} {allocations:?} {unallocated} {held} {preview:?}\n"
        );
        for id in 0..4u32 {
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
