//! A typed driver for `compliant_token` in the local runtime, for the
//! integration tests, the demo and the bench: the named accounts, the
//! token's configuration, deployment behind an EDS registry with two
//! attested, allowlisted holders, and the PSP22 calls.
use anyhow::{anyhow, Result};
use compliant_token::{
    restriction::Restriction,
    token::{ComplianceRules, Config, EnforcementCall, Holding, LegalBasis, Metadata, Order},
    Error,
};
use drink::AccountId32;
use psp22::PSP22Error;
use safeguards::{
    allowlist::{AllowlistCall, AmlRisk, ListEntry, ListSource, ListStatus},
    eds::{AttestationId, EdsRole, Evidence, Requirement},
    review::{AiLabel, RiskClass},
    Hash32,
};
use scale::Encode;

use super::driver::{Attest, Driver, Template};
use crate::{
    fixtures::{self, doc, DAY, T0},
    runtime::{default_account, ink_account, Outcome},
};

/// What a PSP22 message returns.
pub type Psp22Result = Result<(), PSP22Error>;

/// The amount above which a transfer is held for review.
pub const THRESHOLD: u128 = 10_000;

/// What the issuer mints to Alice at deployment.
pub const MINTED: u128 = 100_000;

/// The named accounts of the token scenario.
#[derive(Debug, Clone)]
pub struct Accounts {
    /// Instantiates and administers (drink's funded default account).
    pub admin: AccountId32,
    /// May pause.
    pub guardian: AccountId32,
    /// Rules on disputes over enforcement actions.
    pub arbitrator: AccountId32,
    /// Mints and burns (a bank).
    pub issuer: AccountId32,
    /// Accepts the issuance terms for the holders.
    pub representative: AccountId32,
    /// Holds no role and no entry.
    pub stranger: AccountId32,
    /// The accredited EDS verifier.
    pub verifier: AccountId32,
    /// Reviews held transfers.
    pub reviewer: AccountId32,
    /// Keeps the allowlist and carries out orders.
    pub compliance: AccountId32,
    /// A holder.
    pub alice: AccountId32,
    /// Another holder.
    pub bob: AccountId32,
    /// Alice's new account (the same holder: her recovery target).
    pub alice2: AccountId32,
    /// The court's custody account.
    pub custody: AccountId32,
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
            issuer: AccountId32::new([4; 32]),
            representative: AccountId32::new([5; 32]),
            stranger: AccountId32::new([6; 32]),
            verifier: AccountId32::new([7; 32]),
            reviewer: AccountId32::new([9; 32]),
            compliance: AccountId32::new([11; 32]),
            alice: AccountId32::new([12; 32]),
            bob: AccountId32::new([13; 32]),
            alice2: AccountId32::new([14; 32]),
            custody: AccountId32::new([15; 32]),
        }
    }

    /// (account, name) pairs.
    pub fn names(&self) -> Vec<(AccountId32, &'static str)> {
        vec![
            (self.admin.clone(), "admin"),
            (self.guardian.clone(), "guardian"),
            (self.arbitrator.clone(), "arbitrator"),
            (self.issuer.clone(), "issuer"),
            (self.representative.clone(), "representative"),
            (self.stranger.clone(), "stranger"),
            (self.verifier.clone(), "verifier"),
            (self.reviewer.clone(), "reviewer"),
            (self.compliance.clone(), "compliance"),
            (self.alice.clone(), "alice"),
            (self.bob.clone(), "bob"),
            (self.alice2.clone(), "alice2"),
            (self.custody.clone(), "custody"),
        ]
    }
}

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
        vec![self.issuer.clone(), self.representative.clone()]
    }
}

/// SHA-256 of the (notional) EDS-signed issuance terms.
pub fn terms_hash() -> Hash32 {
    doc("issuance terms of the tokenised deposit, v1")
}

/// The token's configuration, gated on `registry`.
pub fn config(a: &Accounts, registry: ink::primitives::AccountId) -> Config {
    Config {
        cold_code: fixtures::cold_code_of("compliant_token"),
        issuer: ink_account(&a.issuer),
        representative: ink_account(&a.representative),
        representative_eds: Requirement::signatory(false),
        metadata: Metadata {
            name: Some("Tokenised Tenge Deposit".into()),
            symbol: Some("KZTD".into()),
            decimals: 2,
        },
        guardian: ink_account(&a.guardian),
        arbitrator: ink_account(&a.arbitrator),
        reviewer: ink_account(&a.reviewer),
        compliance_officer: ink_account(&a.compliance),
        agreement_hash: terms_hash(),
        agreement_version: 1,
        clause: fixtures::clause(),
        disputes: fixtures::dispute_config(),
        // The programme's: 3 days to ask, 5 for the reviewer.
        review: super::payment::review_config(),
        registry,
        issuer_eds: Requirement::signatory(false),
        max_pause: fixtures::MAX_PAUSE,
        rules: ComplianceRules {
            supply_cap: Some(10_000_000),
            lockup_until: 0,
            hold_threshold: Some(THRESHOLD),
        },
        custody: Some(ink_account(&a.custody)),
        hold_explanation: doc("threshold hold: transfers above 10,000 wait for review"),
        hold_label: AiLabel {
            ai_involved: false,
            risk: RiskClass::Medium,
        },
    }
}

/// The issuer's and the representative's attestations (chief executives).
pub fn party_evidence(a: &Accounts) -> Vec<Evidence> {
    vec![
        fixtures::evidence(&a.issuer, "issuer", EdsRole::ChiefExecutive),
        fixtures::evidence(&a.representative, "representative", EdsRole::ChiefExecutive),
    ]
}

/// A holder's attestation: an individual. Alice's two accounts carry the
/// same identity commitment under two certificates.
pub fn holder_evidence(account: &AccountId32, holder: &str, certificate: &str) -> Evidence {
    let mut e = fixtures::evidence(account, holder, EdsRole::Individual);
    e.cert_serial_hash = doc(&format!("certificate serial of {certificate}"));
    e.statement_hash = doc(&format!("binding statement of {certificate}"));
    e
}

/// The entry the compliance officer gives a screened holder at `T0`.
pub fn listing(evidence: &Evidence, attestation: AttestationId) -> ListEntry {
    ListEntry {
        status: ListStatus::Allowed,
        reason: 0,
        source: ListSource::Attestation(attestation),
        identity: evidence.subject_commitment,
        evidence: doc("AML/CFT screening of the holder"),
        risk: AmlRisk::Standard,
        valid_from: T0,
        expires_at: T0 + 366 * DAY,
        review_due: T0 + 183 * DAY,
    }
}

/// A court ruling issued at `T0`, in force for 30 days.
pub fn court_order(label: &str) -> Order {
    order(LegalBasis::CourtRuling, label)
}

/// An order of `basis` issued at `T0`, in force for 30 days.
pub fn order(basis: LegalBasis, label: &str) -> Order {
    Order {
        basis,
        issuer: doc("Specialised Inter-District Economic Court of Astana"),
        document: doc(label),
        issued_at: T0,
        expires_at: T0 + 30 * DAY,
    }
}

/// `compliant_token`, for the [`Driver`].
pub struct CompliantToken;

/// A deployed EDS registry and `compliant_token` gated on it.
pub type Token = Driver<CompliantToken>;

impl Template for CompliantToken {
    const BUNDLE: &'static str = "compliant_token";
    type Config = Config;
    type Error = Error;
    type Accounts = Accounts;

    fn party_evidence(a: &Accounts) -> Vec<Evidence> {
        party_evidence(a)
    }

    fn own_state(t: &mut Token) -> String {
        let supply: u128 = t.read("PSP22::total_supply", ());
        let mut s = format!("supply {supply}\n");
        for (who, name) in t.accounts.names() {
            let holding: Holding = t.read("holding", ink_account(&who));
            let entry: Option<ListEntry> = t.read("allowlist_entry", ink_account(&who));
            s.push_str(&format!("{name} {holding:?} {entry:?}\n"));
        }
        s
    }
}

/// Deploys with `config`; the issuer and the representative accept the
/// terms; Alice (two accounts, one holder) and Bob are attested and
/// listed; the issuer mints [`MINTED`] to Alice.
///
/// # Errors
///
/// If a step fails.
pub fn deploy_with(
    config: impl FnOnce(&Accounts, ink::primitives::AccountId) -> Config,
) -> Result<Token> {
    let mut t: Token = Driver::deploy_with(Attest::Parties, config)?;
    let a = t.accounts.clone();
    let digest = t.config_digest;
    for who in [&a.issuer, &a.representative] {
        t.call(who, "accept_agreement", (terms_hash(), 1u32, digest), 0)
            .value
            .map_err(|e| anyhow!("accept_agreement failed: {e:?}"))?
            .map_err(|e| anyhow!("accept_agreement refused: {e:?}"))?;
    }
    for (who, holder, certificate) in [
        (&a.alice, "alice", "alice's first account"),
        (&a.bob, "bob", "bob's account"),
        (&a.alice2, "alice", "alice's second account"),
    ] {
        let evidence = holder_evidence(who, holder, certificate);
        let id = t.attest(evidence);
        let call = AllowlistCall::Set {
            account: ink_account(who),
            entry: listing(&evidence, id),
        };
        t.call(&a.compliance, "allowlist", call, 0)
            .value
            .map_err(|e| anyhow!("allowlist failed: {e:?}"))?
            .map_err(|e| anyhow!("allowlist refused: {e:?}"))?;
    }
    let minted = t.psp22(&a.issuer, "mint", (ink_account(&a.alice), MINTED));
    minted
        .value
        .map_err(|e| anyhow!("mint failed: {e:?}"))?
        .map_err(|e| anyhow!("mint refused: {e:?}"))?;
    Ok(t)
}

/// [`deploy_with`] the scenario's [`config`].
///
/// # Errors
///
/// See [`deploy_with`].
pub fn deploy() -> Result<Token> {
    deploy_with(config)
}

impl Driver<CompliantToken> {
    /// Calls a message that returns `Result<(), PSP22Error>` (the PSP22
    /// messages, `mint`) as `who`.
    pub fn psp22<A: Encode>(
        &mut self,
        who: &AccountId32,
        message: &str,
        args: A,
    ) -> Outcome<Psp22Result> {
        let contract = self.contract.clone();
        self.chain.call(&contract, who, message, args, 0)
    }

    /// `who` transfers `value` to `to` (`PSP22::transfer`).
    pub fn transfer(
        &mut self,
        who: &AccountId32,
        to: &AccountId32,
        value: u128,
    ) -> Outcome<Psp22Result> {
        self.psp22(
            who,
            "PSP22::transfer",
            (ink_account(to), value, Vec::<u8>::new()),
        )
    }

    /// `who` transfers `value` of `from`'s to `to` (`PSP22::transfer_from`).
    pub fn transfer_from(
        &mut self,
        who: &AccountId32,
        from: &AccountId32,
        to: &AccountId32,
        value: u128,
    ) -> Outcome<Psp22Result> {
        self.psp22(
            who,
            "PSP22::transfer_from",
            (ink_account(from), ink_account(to), value, Vec::<u8>::new()),
        )
    }

    /// `who`'s PSP22 balance.
    pub fn balance_of(&mut self, who: &AccountId32) -> u128 {
        self.read("PSP22::balance_of", ink_account(who))
    }

    /// `who`'s holding (balance, frozen and held parts, account freeze).
    pub fn holding(&mut self, who: &AccountId32) -> Holding {
        self.read("holding", ink_account(who))
    }

    /// The compliance officer carries out `call`.
    pub fn enforce(&mut self, call: EnforcementCall) -> Outcome<Result<(), Error>> {
        let officer = self.accounts.compliance.clone();
        self.call(&officer, "enforce", call, 0)
    }

    /// The compliance officer changes the allowlist.
    pub fn allowlist(&mut self, call: AllowlistCall) -> Outcome<Result<(), Error>> {
        let officer = self.accounts.compliance.clone();
        self.call(&officer, "allowlist", call, 0)
    }

    /// Asserts that `who` calling the PSP22-style `message` is refused with
    /// exactly `expected`, reverts, emits no event and changes nothing (the
    /// state root), as [`Driver::assert_refused`] checks it.
    ///
    /// # Panics
    ///
    /// If any of that does not hold.
    pub fn assert_psp22_refused<A: Encode>(
        &mut self,
        who: &AccountId32,
        message: &str,
        args: A,
        expected: PSP22Error,
    ) {
        self.assert_refused_with(who, message, args, 0, expected);
    }

    /// [`Driver::assert_psp22_refused`] for a `PSP22::transfer` refused by
    /// restriction `r`.
    ///
    /// # Panics
    ///
    /// As [`Driver::assert_psp22_refused`].
    pub fn assert_transfer_restricted(
        &mut self,
        who: &AccountId32,
        to: &AccountId32,
        value: u128,
        r: Restriction,
    ) {
        self.assert_psp22_refused(
            who,
            "PSP22::transfer",
            (ink_account(to), value, Vec::<u8>::new()),
            compliant_token::errors::psp22_error(r),
        );
    }
}
