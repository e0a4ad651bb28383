//! A typed driver for `programmable_payment` in the local runtime, for the
//! integration tests: the named accounts, the programme's configuration,
//! deployment behind an EDS registry, and the common steps.
use anyhow::Result;
use drink::AccountId32;
use programmable_payment::{
    programme::{Allocation, Config},
    Error,
};
use safeguards::{
    allowlist::{AllowlistCall, AmlRisk, ListEntry, ListSource, ListStatus},
    eds::{AttestationId, EdsRole, Evidence, Requirement},
    review::{AiLabel, ReviewConfig, RiskClass},
    Hash32,
};

pub use super::driver::ROLES;
use super::driver::{Attest, Driver, Template};
use crate::{
    fixtures::{self, doc, DAY},
    runtime::{default_account, ink_account},
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
    /// Keeps the allowlist of recipients.
    pub compliance: AccountId32,
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
            compliance: AccountId32::new([11; 32]),
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
            (self.compliance.clone(), "compliance"),
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
        cold_code: crate::fixtures::cold_code_of("programmable_payment"),
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
        compliance_officer: ink_account(&a.compliance),
    }
}

/// The allowlist entry the compliance officer gives a screened recipient
/// at `T0`: allowed for a year, screened again within six months, by the
/// attestation `attestation` of the registry, under the identity
/// commitment `evidence` attests.
pub fn listing(evidence: &Evidence, attestation: AttestationId) -> ListEntry {
    ListEntry {
        status: ListStatus::Allowed,
        reason: 0,
        source: ListSource::Attestation(attestation),
        identity: evidence.subject_commitment,
        evidence: doc("AML/CFT screening of the recipient"),
        risk: AmlRisk::Standard,
        valid_from: fixtures::T0,
        expires_at: fixtures::T0 + 366 * DAY,
        review_due: fixtures::T0 + 183 * DAY,
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

/// `programmable_payment`, for the [`Driver`].
pub struct ProgrammablePayment;

/// A deployed EDS registry and `programmable_payment` gated on it.
pub type Payment = Driver<ProgrammablePayment>;

impl super::driver::Accounts for Accounts {
    fn new() -> Self {
        Accounts::new()
    }
    fn names(&self) -> Vec<(AccountId32, &'static str)> {
        Accounts::names(self)
    }
    fn admin(&self) -> &AccountId32 {
        &self.admin
    }
    fn verifier(&self) -> &AccountId32 {
        &self.verifier
    }
    fn guardian(&self) -> &AccountId32 {
        &self.guardian
    }
    fn stranger(&self) -> &AccountId32 {
        &self.stranger
    }
    fn parties(&self) -> Vec<AccountId32> {
        vec![
            self.holder.clone(),
            self.recipient.clone(),
            self.recipient2.clone(),
        ]
    }
}

impl Template for ProgrammablePayment {
    const BUNDLE: &'static str = "programmable_payment";
    type Config = Config;
    type Error = Error;
    type Accounts = Accounts;

    fn party_evidence(a: &Accounts) -> Vec<Evidence> {
        party_evidence(a)
    }

    fn own_state(p: &mut Payment) -> String {
        let parties: (ink::primitives::AccountId, Vec<ink::primitives::AccountId>) =
            p.read("parties", ());
        let allocations = p.allocations();
        let unallocated: u128 = p.read("unallocated", ());
        let preview: Vec<(ink::primitives::AccountId, u128)> = p.read("settlement_preview", ());
        let listed: Vec<Option<ListEntry>> = parties
            .1
            .iter()
            .map(|r| p.read("allowlist_entry", *r))
            .collect();
        format!("{parties:?} {allocations:?} {unallocated} {preview:?} {listed:?}")
    }
}

/// [`Driver::deploy_with`] for `programmable_payment`, every party attested.
///
/// # Errors
///
/// See [`Driver::deploy_with`].
pub fn deploy_with(
    config: impl FnOnce(&Accounts, ink::primitives::AccountId) -> Config,
) -> Result<Payment> {
    let mut p: Payment = Driver::deploy_with(Attest::Parties, config)?;
    // The compliance officer lists both recipients (attestations 2 and 3:
    // the registry numbers them in `party_evidence`'s order from 1).
    let a = p.accounts.clone();
    let evidence = party_evidence(&a);
    for (recipient, (e, id)) in [&a.recipient, &a.recipient2]
        .into_iter()
        .zip(evidence.iter().skip(1).zip(2..))
    {
        let call = AllowlistCall::Set {
            account: ink_account(recipient),
            entry: listing(e, id),
        };
        p.call(&a.compliance, "allowlist", call, 0)
            .value
            .map_err(|e| anyhow::anyhow!("allowlist failed: {e:?}"))?
            .map_err(|e| anyhow::anyhow!("allowlist refused: {e:?}"))?;
    }
    Ok(p)
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

impl Driver<ProgrammablePayment> {
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
}
