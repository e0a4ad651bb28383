//! The token core of `compliant_token`: plain Rust, no environment.
//!
//! It mounts the safeguards kit ([`Safeguards`]) and the allowlist
//! ([`Allowlist`]) and adds a PSP22 ledger under restrictions, the
//! enforcement of orders (freezes, forced transfers, recovery) and the
//! threshold hold. The ledger follows the semantics of Cardinal's
//! `psp22` 2.0.0 `PSP22Data` step for step (a transfer to oneself or of
//! zero is a no-op, `transfer_from` by the holder is a `transfer`, an
//! allowance spent to zero is removed), over the kit's [`Store`] instead
//! of ink! `Mapping`s, so that the core runs in unit tests without a
//! contract environment and each balance is its own storage value.
//!
//! Every method takes the caller, the block time and, where it records a
//! decision, the contract's own account as arguments, and returns
//! [`Effects`]: the events to emit. The token holds no native funds and
//! no step pays any.
// The SCALE derive emits `as u8` casts for the variant indices of enums with
// data-carrying variants; contract-build's clippy pass denies those casts.
#![allow(clippy::cast_possible_truncation)]

use ink::prelude::{string::String, vec::Vec};
use safeguards::{
    agreement::Terms,
    allowlist::{Allowlist, AllowlistCall, AllowlistEvent, ListEntry},
    arbitration::ArbitrationClause,
    dispute::DisputeConfig,
    eds::Requirement,
    kill_switch::SwitchState,
    kit::{self, EdsGate, Mount},
    review::{AiLabel, DecisionId, DecisionInput, ReviewConfig, Verdict},
    roles::Role,
    store::Store,
    AccountId, Balance, Hash32, Safeguards, SafeguardsConfig, Timestamp,
};

use crate::{
    errors::{Error, TokenError},
    restriction::Restriction,
};

/// The longest token name, in bytes.
pub const MAX_NAME: usize = 64;
/// The longest token symbol, in bytes.
pub const MAX_SYMBOL: usize = 16;

/// Per account, its [`Holding`] (see `safeguards::store`).
pub const HOLDINGS: u32 = 0x5347_0200;
/// Per (owner, spender), the allowance.
pub const ALLOWANCES: u32 = 0x5347_0201;
/// Per id, an enforcement [`Action`].
pub const ACTIONS: u32 = 0x5347_0202;
/// Per id, a threshold [`Hold`].
pub const HOLDS: u32 = 0x5347_0203;
/// The instantiation parameters without the metadata, as SCALE bytes in
/// parts under `0u8`, `1u8`, ... (see `Mount::store_config`).
pub const CONFIG: u32 = 0x5347_0204;
/// The size of one part of the stored configuration.
pub const CONFIG_PART: usize = 400;
/// The token's [`Metadata`], under `()`.
pub const METADATA: u32 = 0x5347_0205;
/// Per account whose holding a recovery moved, the account it moved to.
pub const SUCCESSORS: u32 = 0x5347_0206;

/// The review core's kind code of the threshold hold.
pub const HOLD: u32 = 1;

/// The allowlist reason code a recovery records when it removes the lost
/// account's entry: reserved by the token, outside a deployment's table.
pub const REASON_RECOVERED: u16 = u16::MAX;

/// One account's position.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Holding {
    /// Its PSP22 balance.
    pub balance: Balance,
    /// Of it, frozen by orders (partial freezes, and what a disputed
    /// forced transfer secured here): moves only by an order or a ruling.
    pub frozen: Balance,
    /// Of it, held by pending threshold holds: moves only when the hold's
    /// decision is executed.
    pub held: Balance,
    /// The account freeze in force, if any (its action id): nothing moves
    /// in or out but by an order or a ruling.
    pub blocked: Option<u32>,
}

impl Holding {
    /// What the holder may move: the balance less what is frozen and held.
    pub fn free(&self) -> Balance {
        // `frozen + held <= balance` holds; saturating keeps it total.
        self.balance
            .saturating_sub(self.frozen)
            .saturating_sub(self.held)
    }

    /// Why the holder cannot move `value`: more than the balance, or more
    /// than its free part.
    pub fn short_of(&self, value: Balance) -> Option<Restriction> {
        if value > self.balance {
            Some(Restriction::InsufficientBalance)
        } else if value > self.free() {
            Some(Restriction::FrozenBalance)
        } else {
            None
        }
    }

    fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// The legal basis of an order.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegalBasis {
    /// A court's ruling or writ (enforcement proceedings).
    CourtRuling,
    /// The holder's inclusion in the AFM's list of persons and
    /// organisations linked to terrorism or extremism (Law No. 191-IV,
    /// Art. 12).
    AfmListInclusion,
    /// The AFM's suspension of an operation (Law No. 191-IV, Art. 13).
    AfmSuspension,
    /// A direction of the AFSA, the AIFC's regulator.
    AfsaDirection,
    /// The issuer's own suspicion under its internal control rules, pending
    /// a report to the AFM.
    InternalSuspicion,
}

impl LegalBasis {
    /// Whether the basis permits moving a holder's tokens (a forced
    /// transfer or a recovery): only a court ruling or an AFSA direction;
    /// every basis permits a freeze.
    pub fn permits_moving(self) -> bool {
        matches!(self, Self::CourtRuling | Self::AfsaDirection)
    }
}

/// An order, as the token records it: hashes and times, no personal data.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Order {
    /// Its legal basis.
    pub basis: LegalBasis,
    /// SHA-256 of the issuing body's published identifier (a court's or
    /// an agency's, never a person's).
    pub issuer: Hash32,
    /// SHA-256 of the EDS-signed order document.
    pub document: Hash32,
    /// When it was issued.
    pub issued_at: Timestamp,
    /// Until when it may be carried out (exclusive). A freeze stays after
    /// it until lifted; anyone may lift a freeze whose order has expired.
    pub expires_at: Timestamp,
}

impl Order {
    fn ensure_in_force(&self, now: Timestamp) -> Result<(), TokenError> {
        if self.issuer == [0; 32] || self.document == [0; 32] {
            return Err(TokenError::ZeroHash);
        }
        if self.issued_at > now || self.expires_at <= now {
            return Err(TokenError::OrderNotInForce {
                issued_at: self.issued_at,
                expires_at: self.expires_at,
                now,
            });
        }
        Ok(())
    }
}

/// What an enforcement action did.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionKind {
    /// Froze `account` whole: nothing in or out.
    FreezeAccount {
        /// The account as the order named it.
        account: AccountId,
    },
    /// Froze `amount` of `account`'s balance.
    Freeze {
        /// The account as the order named it.
        account: AccountId,
        /// What is still frozen under this action.
        amount: Balance,
    },
    /// Moved `amount` from `from` to `to`.
    ForcedTransfer {
        /// The holder.
        from: AccountId,
        /// The destination (an allowlisted account or the custody account).
        to: AccountId,
        /// The amount.
        amount: Balance,
    },
    /// Moved `lost`'s whole holding, its freezes included, to `new`.
    Recovery {
        /// The lost account.
        lost: AccountId,
        /// The holder's new account.
        new: AccountId,
        /// The balance moved.
        amount: Balance,
    },
}

/// Where an action stands.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionStatus {
    /// Done (a transfer, a recovery) or in force (a freeze); disputable
    /// unless a recovery.
    InForce,
    /// Under dispute `dispute`; for a forced transfer, `secured` of the
    /// destination's balance is frozen meanwhile.
    Disputed {
        /// The dispute.
        dispute: u32,
        /// What the dispute froze at the destination of a forced transfer.
        secured: Balance,
    },
    /// The arbitrator's ruling was executed; what it left in force stays
    /// until lifted. Not disputable again.
    Ruled,
    /// Lifted: nothing of it is in force.
    Lifted,
}

/// An enforcement action: what was done, on which order, and where it
/// stands. A holder disputes it by its id.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Action {
    /// Its id, from 0 (the dispute subject).
    pub id: u32,
    /// What it did.
    pub kind: ActionKind,
    /// The order.
    pub order: Order,
    /// Block time it was taken.
    pub at: Timestamp,
    /// Where it stands.
    pub status: ActionStatus,
}

/// Where a hold stands.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoldStatus {
    /// Waiting for its decision.
    Pending,
    /// The transfer was made.
    Executed,
    /// The transfer was not made; the units (and a spender's allowance)
    /// went back.
    Released,
}

/// A transfer above the threshold, held for its automated decision.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hold {
    /// Its id, from 0 (the decision's item).
    pub id: u32,
    /// The sender (the decision's subject).
    pub from: AccountId,
    /// The recipient.
    pub to: AccountId,
    /// The spender of a `transfer_from`, whose allowance is restored on
    /// release.
    pub spender: Option<AccountId>,
    /// The amount.
    pub value: Balance,
    /// The automated decision.
    pub decision: DecisionId,
    /// Where it stands.
    pub status: HoldStatus,
}

/// The compliance rules, fixed at instantiation and readable in
/// `config()`.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ComplianceRules {
    /// The most the total supply may reach, if capped.
    pub supply_cap: Option<Balance>,
    /// No transfer before this block time (minting and orders are not
    /// transfers); 0 for none.
    pub lockup_until: Timestamp,
    /// A transfer of more than this is held and recorded as an automated
    /// decision, if set.
    pub hold_threshold: Option<Balance>,
}

/// PSP22Metadata.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    /// At most [`MAX_NAME`] bytes.
    pub name: Option<String>,
    /// At most [`MAX_SYMBOL`] bytes.
    pub symbol: Option<String>,
    /// Decimals.
    pub decimals: u8,
}

/// Everything fixed at instantiation. Its SCALE encoding's SHA-256 is the
/// configuration digest every acceptance quotes.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The hash of the cold code (`compliant_token_cold`), first, as in
    /// every split template (`safeguards::kit::split`).
    pub cold_code: Hash32,
    /// Mints, burns and accepts the issuance terms (the agreement's first
    /// party).
    pub issuer: AccountId,
    /// Accepts the issuance terms on the holders' behalf (a bondholders'
    /// representative, a deposit's custodian): the agreement's second
    /// party, after the issuer, since an agreement has two at least.
    /// Holds no role and no special power over tokens.
    pub representative: AccountId,
    /// What the representative's attestation must show.
    pub representative_eds: Requirement,
    /// Name, symbol, decimals.
    pub metadata: Metadata,
    /// May pause.
    pub guardian: AccountId,
    /// Rules on disputes over enforcement actions.
    pub arbitrator: AccountId,
    /// Reviews held transfers on request.
    pub reviewer: AccountId,
    /// Keeps the allowlist and carries out orders
    /// (`Role::ComplianceOfficer`). Never the issuer.
    pub compliance_officer: AccountId,
    /// SHA-256 of the EDS-signed issuance terms.
    pub agreement_hash: Hash32,
    /// Their version (from 1).
    pub agreement_version: u32,
    /// The dispute-resolution clause of the terms.
    pub clause: ArbitrationClause,
    /// Ruling period, appeal window, fallback.
    pub disputes: DisputeConfig,
    /// Review window, reviewer deadline, high-risk confirmation.
    pub review: ReviewConfig,
    /// The EDS registry whose attestations gate acceptance.
    pub registry: AccountId,
    /// What the issuer's attestation must show.
    pub issuer_eds: Requirement,
    /// How long a pause lasts unless renewed, in milliseconds.
    pub max_pause: Timestamp,
    /// The compliance rules.
    pub rules: ComplianceRules,
    /// The court's designated custody account, which may receive a forced
    /// transfer without an allowlist entry, if any.
    pub custody: Option<AccountId>,
    /// SHA-256 of the document explaining the threshold hold (its main
    /// factors).
    pub hold_explanation: Hash32,
    /// What kind of system decides the hold (AI Law No. 230-VIII,
    /// Art. 21).
    pub hold_label: AiLabel,
}

/// A hold's transfer was held for its automated decision.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferHeld {
    /// The hold.
    pub hold: u32,
    /// The sender.
    #[ink(topic)]
    pub from: AccountId,
    /// The recipient.
    pub to: AccountId,
    /// The amount held.
    pub value: Balance,
    /// The decision.
    pub decision: DecisionId,
}

/// A hold's decision was executed: the transfer made or the units back.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoldClosed {
    /// The hold.
    pub hold: u32,
    /// The sender.
    #[ink(topic)]
    pub from: AccountId,
    /// Whether the transfer was made.
    pub executed: bool,
}

/// A ruling on an enforcement action was executed.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRuled {
    /// The action.
    pub action: u32,
    /// The holder.
    #[ink(topic)]
    pub holder: AccountId,
    /// What the ruling unfroze for the holder, or returned to it from a
    /// forced transfer's destination.
    pub to_holder: Balance,
    /// What stays under the order.
    pub kept: Balance,
}

/// A PSP22 `Transfer`, as the core returns it; emitted as `psp22::Transfer`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moved {
    /// `None` for a mint.
    pub from: Option<AccountId>,
    /// `None` for a burn.
    pub to: Option<AccountId>,
    /// The amount.
    pub value: Balance,
}

/// A PSP22 `Approval`, as the core returns it; emitted as `psp22::Approval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Approved {
    /// The owner.
    pub owner: AccountId,
    /// The spender.
    pub spender: AccountId,
    /// The allowance now.
    pub amount: Balance,
}

/// The token's everyday events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenEvent {
    /// `psp22::Transfer`.
    Transfer(Moved),
    /// `psp22::Approval`.
    Approval(Approved),
    /// See [`TransferHeld`].
    Held(TransferHeld),
    /// See [`HoldClosed`].
    HoldClosed(HoldClosed),
    /// See [`ActionRuled`].
    Ruled(ActionRuled),
}

/// An order was carried out (a freeze, a forced transfer, a recovery).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderEnforced {
    /// The action's id.
    pub action: u32,
    /// What it did.
    pub kind: ActionKind,
    /// The holder affected.
    #[ink(topic)]
    pub holder: AccountId,
    /// The order's basis.
    pub basis: LegalBasis,
    /// SHA-256 of the order document.
    pub document: Hash32,
}

/// A freeze was lifted.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreezeLifted {
    /// The action.
    pub action: u32,
    /// The holder.
    #[ink(topic)]
    pub holder: AccountId,
    /// What was unfrozen (0 for an account freeze).
    pub amount: Balance,
    /// SHA-256 of the reason (the lifting order, the lapse).
    pub reason: Hash32,
    /// Who lifted it.
    pub by: AccountId,
}

/// The events of the enforcement messages, in the cold code only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnforcementEvent {
    /// See [`OrderEnforced`].
    Enforced(OrderEnforced),
    /// See [`FreezeLifted`].
    Lifted(FreezeLifted),
}

// `Event` (every event), `HotEvent` (the everyday steps'), `Effects`,
// `HotEffects`. A forced transfer's and a recovery's `Transfer` are
// `Token` events the cold code emits.
safeguards::template_events!(
    Token(TokenEvent),
    Enforcement(EnforcementEvent),
    Allowlist(AllowlistEvent)
);

/// The compliance officer's enforcement calls (`enforce`).
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnforcementCall {
    /// 0: freeze `account` whole on `order`.
    FreezeAccount {
        /// The account.
        account: AccountId,
        /// The order.
        order: Order,
    },
    /// 1: freeze `amount` of `account`'s free balance on `order`.
    Freeze {
        /// The account.
        account: AccountId,
        /// The amount.
        amount: Balance,
        /// The order.
        order: Order,
    },
    /// 2: lift freeze `action` (the officer any time; anyone once its
    /// order has expired), with the SHA-256 of the reason.
    Lift {
        /// The action.
        action: u32,
        /// SHA-256 of the reason.
        reason: Hash32,
    },
    /// 3: move `amount` from `from` to `to` on `order` (a court ruling or
    /// an AFSA direction): free units first, then frozen ones.
    ForcedTransfer {
        /// The holder.
        from: AccountId,
        /// The destination.
        to: AccountId,
        /// The amount.
        amount: Balance,
        /// The order.
        order: Order,
    },
    /// 4: move `lost`'s whole holding, its freezes included, to `new`,
    /// attested as the same holder, on `order`.
    Recover {
        /// The lost account.
        lost: AccountId,
        /// The holder's new account.
        new: AccountId,
        /// The order.
        order: Order,
    },
}

/// What one screening of a transfer found: every restriction, in the
/// order of the table, and the sender's holding it read.
struct Screen {
    found: Vec<Restriction>,
    from: Holding,
}

/// The token core: the kit, the allowlist, the ledger's totals and the
/// rules in the root value; balances, allowances, actions and holds as
/// their own entries.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<S> {
    safeguards: Safeguards<S>,
    allowlist: Allowlist<S>,
    issuer: AccountId,
    rules: ComplianceRules,
    custody: Option<AccountId>,
    hold_explanation: Hash32,
    hold_label: AiLabel,
    total_supply: Balance,
    action_count: u32,
    hold_count: u32,
    store: S,
}

impl<S: Store + Default> Token<S> {
    /// Instantiates the token with no supply; `admin` becomes admin.
    ///
    /// # Errors
    ///
    /// `MetadataTooLong`, `ZeroHash`; the kit's (`PartyMayNotHoldRole` for
    /// an issuer given a role, the clause's, the settings').
    pub fn new(
        admin: AccountId,
        config: Config,
        config_digest: Hash32,
    ) -> Result<(Self, Effects), Error> {
        let too_long = |s: &Option<String>, max: usize| s.as_ref().is_some_and(|s| s.len() > max);
        if too_long(&config.metadata.name, MAX_NAME)
            || too_long(&config.metadata.symbol, MAX_SYMBOL)
        {
            return Err(TokenError::MetadataTooLong.into());
        }
        if config.hold_explanation == [0; 32] {
            return Err(TokenError::ZeroHash.into());
        }
        config.issuer_eds.validate()?;
        config.representative_eds.validate()?;
        let (safeguards, events) = Safeguards::new(
            admin,
            SafeguardsConfig {
                parties: ink::prelude::vec![config.issuer, config.representative],
                terms: Terms {
                    hash: config.agreement_hash,
                    version: config.agreement_version,
                },
                config_digest,
                clause: config.clause,
                disputes: config.disputes,
                review: config.review,
                max_pause: config.max_pause,
                grants: ink::prelude::vec![
                    (Role::Guardian, config.guardian),
                    (Role::Arbitrator, config.arbitrator),
                    (Role::Reviewer, config.reviewer),
                    (Role::ComplianceOfficer, config.compliance_officer),
                ],
                gate: EdsGate {
                    registry: config.registry,
                    requirements: ink::prelude::vec![config.issuer_eds, config.representative_eds],
                },
            },
        )?;
        let mut token = Self {
            safeguards,
            allowlist: Allowlist::new(S::default()),
            issuer: config.issuer,
            rules: config.rules,
            custody: config.custody,
            hold_explanation: config.hold_explanation,
            hold_label: config.hold_label,
            total_supply: 0,
            action_count: 0,
            hold_count: 0,
            store: S::default(),
        };
        token.store.set(METADATA, &(), &config.metadata);
        token.store_config(config);
        Ok((token, Effects::of(events)))
    }
}

impl<S: Store> Token<S> {
    /// The store handle of the token's own entries.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The allowlist.
    pub fn allowlist_core(&self) -> &Allowlist<S> {
        &self.allowlist
    }

    // ----- reads -------------------------------------------------------

    /// The instantiation parameters, as given (the clause as replaced).
    pub fn config(&self) -> Config {
        let mut bytes = Vec::new();
        let mut part = 0u8;
        while let Some(chunk) = self.store.get::<_, Vec<u8>>(CONFIG, &part) {
            bytes.extend(chunk);
            part = part.saturating_add(1);
        }
        let mut config = <Config as scale::Decode>::decode(&mut &bytes[..])
            .expect("the configuration was stored at instantiation");
        config.metadata = self.metadata();
        config
    }

    /// Name, symbol, decimals.
    pub fn metadata(&self) -> Metadata {
        self.store.expect(METADATA, &())
    }

    /// The issuer.
    pub fn issuer(&self) -> AccountId {
        self.issuer
    }

    /// The total supply.
    pub fn total_supply(&self) -> Balance {
        self.total_supply
    }

    /// `account`'s position (all zero if it holds nothing).
    pub fn holding(&self, account: AccountId) -> Holding {
        self.store.get(HOLDINGS, &account).unwrap_or_default()
    }

    /// `account`'s PSP22 balance.
    pub fn balance_of(&self, account: AccountId) -> Balance {
        self.holding(account).balance
    }

    /// What `spender` may move of `owner`'s balance.
    pub fn allowance(&self, owner: AccountId, spender: AccountId) -> Balance {
        self.store.get(ALLOWANCES, &(owner, spender)).unwrap_or(0)
    }

    /// Enforcement action `id`.
    pub fn action(&self, id: u32) -> Option<Action> {
        self.store.get(ACTIONS, &id)
    }

    /// How many actions were taken; their ids are `0..count`.
    pub fn action_count(&self) -> u32 {
        self.action_count
    }

    /// Hold `id`.
    pub fn hold(&self, id: u32) -> Option<Hold> {
        self.store.get(HOLDS, &id)
    }

    /// How many transfers were held; their ids are `0..count`.
    pub fn hold_count(&self) -> u32 {
        self.hold_count
    }

    /// `account`'s allowlist entry, in force or not.
    pub fn allowlist_entry(&self, account: AccountId) -> Option<ListEntry> {
        self.allowlist.entry(account)
    }

    /// The account a recovery chain starting at `account` ends at:
    /// `account` itself if no recovery moved it. Recoveries never point at
    /// an account that was recovered from, so the chain has no cycle.
    pub fn current(&self, account: AccountId) -> AccountId {
        let mut at = account;
        while let Some(next) = self.store.get::<_, AccountId>(SUCCESSORS, &at) {
            at = next;
        }
        at
    }

    // ----- restrictions ------------------------------------------------

    /// The restriction `transfer` (`spender` `None`) or `transfer_from`
    /// would meet, first in the table's order: `Success` if it would
    /// succeed (a no-op included; a held transfer succeeds).
    pub fn detect(
        &self,
        spender: Option<AccountId>,
        from: AccountId,
        to: AccountId,
        value: Balance,
        now: Timestamp,
    ) -> Restriction {
        self.restrictions(spender, from, to, value, now)
            .first()
            .copied()
            .unwrap_or(Restriction::Success)
    }

    /// Every restriction the transfer would meet, in the table's order;
    /// empty if it would succeed.
    pub fn restrictions(
        &self,
        spender: Option<AccountId>,
        from: AccountId,
        to: AccountId,
        value: Balance,
        now: Timestamp,
    ) -> Vec<Restriction> {
        if from == to || value == 0 {
            return Vec::new();
        }
        self.screen(spender, from, to, value, now).found
    }

    fn screen(
        &self,
        spender: Option<AccountId>,
        from: AccountId,
        to: AccountId,
        value: Balance,
        now: Timestamp,
    ) -> Screen {
        let mut found = Vec::new();
        if let Err(r) = self.ensure_active() {
            found.push(r);
        }
        if now < self.rules.lockup_until {
            found.push(Restriction::LockedUp);
        }
        if let Err(refusal) = self.allowlist.check(from, now) {
            found.push(Restriction::sender(refusal));
        }
        if let Err(refusal) = self.allowlist.check(to, now) {
            found.push(Restriction::recipient(refusal));
        }
        let spender = spender.filter(|s| *s != from);
        if let Some(spender) = spender {
            if self.allowlist.check(spender, now).is_err() {
                found.push(Restriction::SpenderNotAllowed);
            }
        }
        let (f, t) = (self.holding(from), self.holding(to));
        if f.blocked.is_some() {
            found.push(Restriction::SenderFrozen);
        }
        if t.blocked.is_some() {
            found.push(Restriction::RecipientFrozen);
        }
        if let Some(r) = f.short_of(value) {
            found.push(r);
        }
        if let Some(spender) = spender {
            if value > self.allowance(from, spender) {
                found.push(Restriction::InsufficientAllowance);
            }
        }
        Screen { found, from: f }
    }

    // ----- the ledger ----------------------------------------------------

    fn save_holding(&mut self, account: AccountId, h: &Holding) {
        if h.is_empty() {
            self.store.remove(HOLDINGS, &account);
        } else {
            self.store.set(HOLDINGS, &account, h);
        }
    }

    /// Lifts `holder`'s account freeze if it is `action`'s (a recovery may
    /// have brought another freeze along).
    fn unblock(&mut self, holder: AccountId, action: u32) {
        let mut h = self.holding(holder);
        if h.blocked == Some(action) {
            h.blocked = None;
            self.save_holding(holder, &h);
        }
    }

    /// Unfreezes `amount` of `holder`'s frozen part; less if a forced
    /// transfer took frozen units since.
    fn unfreeze(&mut self, holder: AccountId, amount: Balance) {
        let mut h = self.holding(holder);
        h.frozen = h.frozen.saturating_sub(amount);
        self.save_holding(holder, &h);
    }

    fn set_allowance(&mut self, owner: AccountId, spender: AccountId, amount: Balance) {
        if amount == 0 {
            self.store.remove(ALLOWANCES, &(owner, spender));
        } else {
            self.store.set(ALLOWANCES, &(owner, spender), &amount);
        }
    }

    /// Moves `value` of `from`'s balance to `to`. The caller checked that
    /// `from` holds it; the supply bounds every balance, so the credit
    /// cannot overflow.
    fn move_units(&mut self, from: AccountId, to: AccountId, value: Balance) -> Moved {
        let mut f = self.holding(from);
        f.balance = f.balance.saturating_sub(value);
        self.save_holding(from, &f);
        let mut t = self.holding(to);
        t.balance = t.balance.saturating_add(value);
        self.save_holding(to, &t);
        Moved {
            from: Some(from),
            to: Some(to),
            value,
        }
    }

    fn approved(owner: AccountId, spender: AccountId, amount: Balance) -> TokenEvent {
        TokenEvent::Approval(Approved {
            owner,
            spender,
            amount,
        })
    }

    /// PSP22 `transfer` by `caller`.
    ///
    /// # Errors
    ///
    /// The first restriction of the table that applies.
    pub fn transfer(
        &mut self,
        caller: AccountId,
        to: AccountId,
        value: Balance,
        me: AccountId,
        now: Timestamp,
    ) -> Result<HotEffects, Restriction> {
        self.transfer_as(None, caller, to, value, me, now)
    }

    /// PSP22 `transfer_from` by `caller`, the spender (checked against
    /// the allowlist as well as the holder and the recipient).
    ///
    /// # Errors
    ///
    /// The first restriction of the table that applies.
    pub fn transfer_from(
        &mut self,
        caller: AccountId,
        from: AccountId,
        to: AccountId,
        value: Balance,
        me: AccountId,
        now: Timestamp,
    ) -> Result<HotEffects, Restriction> {
        self.transfer_as(Some(caller), from, to, value, me, now)
    }

    fn transfer_as(
        &mut self,
        spender: Option<AccountId>,
        from: AccountId,
        to: AccountId,
        value: Balance,
        me: AccountId,
        now: Timestamp,
    ) -> Result<HotEffects, Restriction> {
        // Cardinal's no-ops: nothing moves, nothing is emitted.
        if from == to || value == 0 {
            return Ok(HotEffects::default());
        }
        let spender = spender.filter(|s| *s != from);
        let screen = self.screen(spender, from, to, value, now);
        // The standard's order: a short allowance before a short balance.
        let first = if screen.found.contains(&Restriction::InsufficientAllowance)
            && screen.found.iter().all(|r| {
                matches!(
                    r,
                    Restriction::InsufficientBalance
                        | Restriction::FrozenBalance
                        | Restriction::InsufficientAllowance
                )
            }) {
            Some(Restriction::InsufficientAllowance)
        } else {
            screen.found.first().copied()
        };
        if let Some(r) = first {
            return Err(r);
        }
        // The only step that can fail comes first: recording the hold's
        // decision. Nothing has changed if it does.
        let held = if self.rules.hold_threshold.is_some_and(|t| value > t) {
            Some(self.hold_transfer(spender, from, screen.from, to, value, me, now)?)
        } else {
            None
        };
        let mut events = Vec::new();
        if let Some(spender) = spender {
            let left = self.allowance(from, spender).saturating_sub(value);
            self.set_allowance(from, spender, left);
            events.push(Self::approved(from, spender, left));
        }
        let Some((hold, recorded)) = held else {
            events.push(TokenEvent::Transfer(self.move_units(from, to, value)));
            return Ok(HotEffects::of(events));
        };
        events.push(hold);
        Ok(HotEffects::of(events).and(ink::prelude::vec![kit::HotEvent::from(recorded)]))
    }

    #[allow(clippy::too_many_arguments)]
    fn hold_transfer(
        &mut self,
        spender: Option<AccountId>,
        from: AccountId,
        mut f: Holding,
        to: AccountId,
        value: Balance,
        me: AccountId,
        now: Timestamp,
    ) -> Result<(TokenEvent, safeguards::review::AutomatedDecisionRecorded), Restriction> {
        let id = self.hold_count;
        let count = id.checked_add(1).ok_or(Restriction::HoldNotRecorded)?;
        let input = DecisionInput {
            subject: from,
            kind: HOLD,
            verdict: Verdict::Adverse,
            amount: Some(value),
            item: id,
            explanation: self.hold_explanation,
            ai: self.hold_label,
        };
        let (decision, recorded) = self
            .safeguards
            .record_decision(me, input, now)
            .map_err(|_| Restriction::HoldNotRecorded)?;
        self.hold_count = count;
        // Checked by the screening: `value <= free`.
        f.held = f.held.saturating_add(value);
        self.save_holding(from, &f);
        self.store.set(
            HOLDS,
            &id,
            &Hold {
                id,
                from,
                to,
                spender,
                value,
                decision,
                status: HoldStatus::Pending,
            },
        );
        Ok((
            TokenEvent::Held(TransferHeld {
                hold: id,
                from,
                to,
                value,
                decision,
            }),
            recorded,
        ))
    }

    /// PSP22 `approve`: sets the allowance (Cardinal's semantics; no
    /// restriction: an allowance moves nothing).
    pub fn approve(&mut self, owner: AccountId, spender: AccountId, value: Balance) -> HotEffects {
        if owner == spender {
            return HotEffects::default();
        }
        self.set_allowance(owner, spender, value);
        HotEffects::of(ink::prelude::vec![Self::approved(owner, spender, value)])
    }

    /// PSP22 `increase_allowance`.
    pub fn increase_allowance(
        &mut self,
        owner: AccountId,
        spender: AccountId,
        delta: Balance,
    ) -> HotEffects {
        if owner == spender || delta == 0 {
            return HotEffects::default();
        }
        let amount = self.allowance(owner, spender).saturating_add(delta);
        self.set_allowance(owner, spender, amount);
        HotEffects::of(ink::prelude::vec![Self::approved(owner, spender, amount)])
    }

    /// PSP22 `decrease_allowance`.
    ///
    /// # Errors
    ///
    /// `InsufficientAllowance` below zero.
    pub fn decrease_allowance(
        &mut self,
        owner: AccountId,
        spender: AccountId,
        delta: Balance,
    ) -> Result<HotEffects, Restriction> {
        if owner == spender || delta == 0 {
            return Ok(HotEffects::default());
        }
        let amount = self
            .allowance(owner, spender)
            .checked_sub(delta)
            .ok_or(Restriction::InsufficientAllowance)?;
        self.set_allowance(owner, spender, amount);
        Ok(HotEffects::of(ink::prelude::vec![Self::approved(
            owner, spender, amount
        )]))
    }

    /// The issuer mints `value` to `to`, an allowlisted account not frozen,
    /// within the supply cap, once the issuer accepted the terms.
    ///
    /// # Errors
    ///
    /// `NotIssuer`, `Paused`, `Terminated`, `NotEffective`, the
    /// recipient's allowlist codes, `RecipientFrozen`,
    /// `SupplyCapExceeded`.
    pub fn mint(
        &mut self,
        caller: AccountId,
        to: AccountId,
        value: Balance,
        now: Timestamp,
    ) -> Result<HotEffects, Restriction> {
        if caller != self.issuer {
            return Err(Restriction::NotIssuer);
        }
        if value == 0 {
            return Ok(HotEffects::default());
        }
        self.ensure_active()?;
        if self.safeguards.ensure_effective().is_err() {
            return Err(Restriction::NotEffective);
        }
        self.allowlist
            .check(to, now)
            .map_err(Restriction::recipient)?;
        let mut t = self.holding(to);
        if t.blocked.is_some() {
            return Err(Restriction::RecipientFrozen);
        }
        let supply = self
            .total_supply
            .checked_add(value)
            .filter(|s| self.rules.supply_cap.is_none_or(|cap| *s <= cap))
            .ok_or(Restriction::SupplyCapExceeded)?;
        self.total_supply = supply;
        // Below the supply, which fits.
        t.balance = t.balance.saturating_add(value);
        self.save_holding(to, &t);
        Ok(HotEffects::of(ink::prelude::vec![TokenEvent::Transfer(
            Moved {
                from: None,
                to: Some(to),
                value,
            }
        )]))
    }

    /// The issuer burns `value` of its own free balance (a redemption:
    /// the holder transfers to the issuer, which burns).
    ///
    /// # Errors
    ///
    /// `NotIssuer`, `Paused`, `Terminated`, `SenderFrozen`,
    /// `InsufficientBalance`, `FrozenBalance`.
    pub fn burn(&mut self, caller: AccountId, value: Balance) -> Result<HotEffects, Restriction> {
        if caller != self.issuer {
            return Err(Restriction::NotIssuer);
        }
        if value == 0 {
            return Ok(HotEffects::default());
        }
        self.ensure_active()?;
        let mut f = self.holding(caller);
        if f.blocked.is_some() {
            return Err(Restriction::SenderFrozen);
        }
        if let Some(r) = f.short_of(value) {
            return Err(r);
        }
        f.balance = f.balance.saturating_sub(value);
        self.save_holding(caller, &f);
        self.total_supply = self.total_supply.saturating_sub(value);
        Ok(HotEffects::of(ink::prelude::vec![TokenEvent::Transfer(
            Moved {
                from: Some(caller),
                to: None,
                value,
            }
        )]))
    }

    fn ensure_active(&self) -> Result<(), Restriction> {
        match self.safeguards.kill_switch().state() {
            SwitchState::Active => Ok(()),
            SwitchState::Paused => Err(Restriction::Paused),
            SwitchState::Terminated => Err(Restriction::Terminated),
        }
    }

    // ----- the allowlist -------------------------------------------------

    /// The compliance officer changes the allowlist. Works whatever the
    /// kill switch's state.
    ///
    /// # Errors
    ///
    /// `Unauthorized`; the allowlist's.
    pub fn allowlist(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        call: AllowlistCall,
    ) -> Result<Effects, Error> {
        let events = self
            .allowlist
            .dispatch(self.safeguards.roles(), caller, now, call)?;
        Ok(Effects::of(events))
    }

    // ----- enforcement ---------------------------------------------------

    /// The compliance officer carries out an order; anyone lifts a freeze
    /// whose order has expired. Works while paused and after termination.
    ///
    /// # Errors
    ///
    /// `Unauthorized`; the step's (see [`EnforcementCall`]).
    pub fn enforce(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        call: EnforcementCall,
    ) -> Result<Effects, Error> {
        let officer = |token: &Self| {
            token
                .safeguards
                .ensure_role(Role::ComplianceOfficer, caller)
        };
        match call {
            EnforcementCall::Lift { action, reason } => self.lift(caller, action, reason, now),
            EnforcementCall::FreezeAccount { account, order } => {
                officer(self)?;
                order.ensure_in_force(now)?;
                let mut h = self.holding(account);
                if let Some(action) = h.blocked {
                    return Err(TokenError::AlreadyFrozen { account, action }.into());
                }
                let id = self.next_action()?;
                h.blocked = Some(id);
                self.save_holding(account, &h);
                self.record(
                    id,
                    ActionKind::FreezeAccount { account },
                    account,
                    order,
                    now,
                )
            }
            EnforcementCall::Freeze {
                account,
                amount,
                order,
            } => {
                officer(self)?;
                order.ensure_in_force(now)?;
                if amount == 0 {
                    return Err(TokenError::ZeroAmount.into());
                }
                let mut h = self.holding(account);
                if amount > h.free() {
                    return Err(TokenError::InsufficientFree {
                        account,
                        free: h.free(),
                    }
                    .into());
                }
                let id = self.next_action()?;
                // Within the free balance.
                h.frozen = h.frozen.saturating_add(amount);
                self.save_holding(account, &h);
                self.record(
                    id,
                    ActionKind::Freeze { account, amount },
                    account,
                    order,
                    now,
                )
            }
            EnforcementCall::ForcedTransfer {
                from,
                to,
                amount,
                order,
            } => {
                officer(self)?;
                self.forced_transfer(from, to, amount, order, now)
            }
            EnforcementCall::Recover { lost, new, order } => {
                officer(self)?;
                self.recover(caller, lost, new, order, now)
            }
        }
    }

    fn next_action(&mut self) -> Result<u32, Error> {
        let id = self.action_count;
        self.action_count = id.checked_add(1).ok_or(TokenError::TooManyRecords)?;
        Ok(id)
    }

    fn record(
        &mut self,
        id: u32,
        kind: ActionKind,
        holder: AccountId,
        order: Order,
        now: Timestamp,
    ) -> Result<Effects, Error> {
        self.store.set(
            ACTIONS,
            &id,
            &Action {
                id,
                kind,
                order,
                at: now,
                status: ActionStatus::InForce,
            },
        );
        Ok(Effects::of(ink::prelude::vec![EnforcementEvent::Enforced(
            OrderEnforced {
                action: id,
                kind,
                holder,
                basis: order.basis,
                document: order.document,
            }
        )]))
    }

    fn get_action(&self, action: u32) -> Result<Action, Error> {
        self.action(action)
            .ok_or(TokenError::UnknownAction { action }.into())
    }

    /// What every order that moves tokens (a forced transfer, a recovery)
    /// needs first: the order in force, a basis that permits moving, and
    /// two accounts.
    fn ensure_move(
        &self,
        from: AccountId,
        to: AccountId,
        order: Order,
        now: Timestamp,
    ) -> Result<(), Error> {
        order.ensure_in_force(now)?;
        if !order.basis.permits_moving() {
            return Err(TokenError::BasisDoesNotPermit { basis: order.basis }.into());
        }
        if from == to {
            return Err(TokenError::SameAccount { account: from }.into());
        }
        Ok(())
    }

    /// An order's destination must be no role holder (the admin
    /// included).
    fn ensure_no_role(&self, account: AccountId) -> Result<(), Error> {
        let roles = self.safeguards.roles();
        if roles.admin() == account || Role::GRANTABLE.iter().any(|r| roles.has(*r, account)) {
            return Err(TokenError::RoleMayNotReceive { account }.into());
        }
        Ok(())
    }

    fn forced_transfer(
        &mut self,
        from: AccountId,
        to: AccountId,
        amount: Balance,
        order: Order,
        now: Timestamp,
    ) -> Result<Effects, Error> {
        self.ensure_move(from, to, order, now)?;
        if amount == 0 {
            return Err(TokenError::ZeroAmount.into());
        }
        self.ensure_no_role(to)?;
        if self.custody != Some(to) && self.allowlist.check(to, now).is_err() {
            return Err(TokenError::DestinationNotAllowed { account: to }.into());
        }
        let mut f = self.holding(from);
        // Held units wait for their decision; everything else may go.
        let movable = f.balance.saturating_sub(f.held);
        if amount > movable {
            return Err(TokenError::InsufficientFree {
                account: from,
                free: movable,
            }
            .into());
        }
        let id = self.next_action()?;
        // Free units first, then frozen ones: the freeze shrinks by what
        // the order took of it, so `frozen <= balance` still holds.
        let from_frozen = amount.saturating_sub(f.free());
        f.frozen = f.frozen.saturating_sub(from_frozen);
        self.save_holding(from, &f);
        let moved = self.move_units(from, to, amount);
        let effects = self.record(
            id,
            ActionKind::ForcedTransfer { from, to, amount },
            from,
            order,
            now,
        )?;
        Ok(effects.and(ink::prelude::vec![TokenEvent::Transfer(moved)]))
    }

    fn recover(
        &mut self,
        caller: AccountId,
        lost: AccountId,
        new: AccountId,
        order: Order,
        now: Timestamp,
    ) -> Result<Effects, Error> {
        self.ensure_move(lost, new, order, now)?;
        self.ensure_no_role(new)?;
        let not_same = || Error::from(TokenError::NotSameHolder { lost, new });
        let old_entry = self.allowlist.entry(lost).ok_or_else(not_same)?;
        let new_entry = self.allowlist.check(new, now).map_err(|_| not_same())?;
        if old_entry.identity != new_entry.identity {
            return Err(not_same());
        }
        // A chain never points at an account recovered from: no cycle.
        if self.store.get::<_, AccountId>(SUCCESSORS, &new).is_some() {
            return Err(not_same());
        }
        let l = self.holding(lost);
        if l.held > 0 {
            return Err(TokenError::HoldPending { account: lost }.into());
        }
        let mut n = self.holding(new);
        if let (Some(_), Some(action)) = (l.blocked, n.blocked) {
            return Err(TokenError::AlreadyFrozen {
                account: new,
                action,
            }
            .into());
        }
        let id = self.next_action()?;
        // Both below the supply.
        n.balance = n.balance.saturating_add(l.balance);
        n.frozen = n.frozen.saturating_add(l.frozen);
        n.blocked = n.blocked.or(l.blocked);
        self.save_holding(new, &n);
        self.save_holding(lost, &Holding::default());
        self.store.set(SUCCESSORS, &lost, &new);
        let removed =
            self.allowlist
                .remove(self.safeguards.roles(), caller, lost, REASON_RECOVERED, now)?;
        let amount = l.balance;
        let mut effects = self.record(
            id,
            ActionKind::Recovery { lost, new, amount },
            lost,
            order,
            now,
        )?;
        if amount > 0 {
            effects = effects.and(ink::prelude::vec![TokenEvent::Transfer(Moved {
                from: Some(lost),
                to: Some(new),
                value: amount,
            })]);
        }
        Ok(effects.and(removed))
    }

    fn lift(
        &mut self,
        caller: AccountId,
        action: u32,
        reason: Hash32,
        now: Timestamp,
    ) -> Result<Effects, Error> {
        let mut a = self.get_action(action)?;
        if now < a.order.expires_at {
            self.safeguards
                .ensure_role(Role::ComplianceOfficer, caller)?;
        }
        if reason == [0; 32] {
            return Err(TokenError::ZeroHash.into());
        }
        if !matches!(a.status, ActionStatus::InForce | ActionStatus::Ruled) {
            return Err(TokenError::WrongActionStatus {
                action,
                actual: a.status,
            }
            .into());
        }
        let (holder, amount) = match a.kind {
            ActionKind::FreezeAccount { account } => {
                let holder = self.current(account);
                self.unblock(holder, action);
                (holder, 0)
            }
            ActionKind::Freeze { account, amount } => {
                let holder = self.current(account);
                self.unfreeze(holder, amount);
                (holder, amount)
            }
            ActionKind::ForcedTransfer { .. } | ActionKind::Recovery { .. } => {
                return Err(TokenError::WrongActionStatus {
                    action,
                    actual: a.status,
                }
                .into())
            }
        };
        a.status = ActionStatus::Lifted;
        self.store.set(ACTIONS, &action, &a);
        Ok(Effects::of(ink::prelude::vec![EnforcementEvent::Lifted(
            FreezeLifted {
                action,
                holder,
                amount,
                reason,
                by: caller,
            }
        )]))
    }
}

impl<S: Store> Mount for Token<S> {
    type Store = S;
    type HotEvent = HotEvent;
    type Event = Event;
    type Error = Error;
    type Config = Config;

    fn safeguards(&self) -> &Safeguards<S> {
        &self.safeguards
    }

    fn safeguards_mut(&mut self) -> &mut Safeguards<S> {
        &mut self.safeguards
    }

    fn config_with_clause(&self, clause: ArbitrationClause) -> Config {
        let mut config = self.config();
        config.clause = clause;
        config
    }

    /// Stores the configuration without the metadata (its own entry) as
    /// its SCALE bytes in parts of [`CONFIG_PART`] bytes, under
    /// `(CONFIG, 0)`, `(CONFIG, 1)`: the whole is larger than one value
    /// may be. [`Token::config`] reads them back.
    fn store_config(&mut self, mut config: Config) {
        config.metadata = Metadata {
            name: None,
            symbol: None,
            decimals: 0,
        };
        let bytes = scale::Encode::encode(&config);
        let mut part = 0u8;
        for chunk in bytes.chunks(CONFIG_PART) {
            self.store.set(CONFIG, &part, &chunk.to_vec());
            part = part.saturating_add(1);
        }
        // A replaced clause encodes to within a byte of the old one (its
        // only variable field is the seat's `Option`), so at most one part
        // of the old configuration, the next, can be left over.
        self.store.remove(CONFIG, &part);
    }

    /// The holder (or the issuer) disputes enforcement action `action`: a
    /// freeze (its amount, or for an account freeze the holder's balance)
    /// or a forced transfer (what the destination still holds of it, which
    /// freezes there meanwhile). The holder is the dispute's payer, the
    /// issuer its payee: the ruling's payer share goes back to the holder.
    fn raise_dispute(
        &mut self,
        caller: AccountId,
        action: u32,
        evidence_hash: Hash32,
        now: Timestamp,
    ) -> Result<Effects, Error> {
        self.safeguards.ensure_not_terminated()?;
        let mut a = self.get_action(action)?;
        if a.status != ActionStatus::InForce {
            return Err(TokenError::WrongActionStatus {
                action,
                actual: a.status,
            }
            .into());
        }
        let (holder, amount, secured_at) = match a.kind {
            ActionKind::FreezeAccount { account } => {
                let holder = self.current(account);
                (holder, self.holding(holder).balance, None)
            }
            ActionKind::Freeze { account, amount } => (self.current(account), amount, None),
            ActionKind::ForcedTransfer { from, to, amount } => {
                let to = self.current(to);
                (
                    self.current(from),
                    amount.min(self.holding(to).free()),
                    Some(to),
                )
            }
            ActionKind::Recovery { .. } => return Err(TokenError::NotDisputable { action }.into()),
        };
        if amount == 0 {
            return Err(TokenError::NotDisputable { action }.into());
        }
        let issuer = self.issuer;
        let (dispute, raised) = self.safeguards.raise_dispute(
            caller,
            holder,
            issuer,
            action,
            amount,
            evidence_hash,
            now,
        )?;
        let mut secured = 0;
        if let Some(to) = secured_at {
            let mut t = self.holding(to);
            // Within its free balance.
            t.frozen = t.frozen.saturating_add(amount);
            self.save_holding(to, &t);
            secured = amount;
        }
        a.status = ActionStatus::Disputed { dispute, secured };
        self.store.set(ACTIONS, &action, &a);
        Ok(Effects::of(raised.0))
    }

    /// Executes the ruling on an action: a freeze's payer share unfreezes
    /// (an account freeze lifts only on a ruling wholly for the holder); a
    /// forced transfer's payer share goes back from the destination to the
    /// holder, and the rest of what the dispute secured unfreezes there.
    fn execute_ruling(&mut self, dispute: u32, now: Timestamp) -> Result<HotEffects, Error> {
        let (resolution, resolved) = self.safeguards.execute_ruling(dispute, now)?;
        let action = resolution.subject;
        let mut a = self.get_action(action)?;
        let secured = match a.status {
            ActionStatus::Disputed { secured, .. } => secured,
            actual => return Err(TokenError::WrongActionStatus { action, actual }.into()),
        };
        let to_holder = resolution.payer_amount;
        let kept = resolution.payee_amount;
        let holder;
        let mut events = Vec::new();
        a.status = ActionStatus::Ruled;
        match a.kind {
            ActionKind::FreezeAccount { account } => {
                holder = self.current(account);
                if kept == 0 {
                    self.unblock(holder, action);
                    a.status = ActionStatus::Lifted;
                }
            }
            ActionKind::Freeze { account, amount } => {
                holder = self.current(account);
                self.unfreeze(holder, to_holder);
                let left = amount.saturating_sub(to_holder);
                a.kind = ActionKind::Freeze {
                    account,
                    amount: left,
                };
                if left == 0 {
                    a.status = ActionStatus::Lifted;
                }
            }
            ActionKind::ForcedTransfer { from, to, .. } => {
                holder = self.current(from);
                let to = self.current(to);
                self.unfreeze(to, secured);
                // The dispute's amount is what was secured: the share fits.
                if to_holder > 0 {
                    events.push(TokenEvent::Transfer(self.move_units(to, holder, to_holder)));
                }
            }
            ActionKind::Recovery { .. } => return Err(TokenError::NotDisputable { action }.into()),
        }
        self.store.set(ACTIONS, &action, &a);
        events.push(TokenEvent::Ruled(ActionRuled {
            action,
            holder,
            to_holder,
            kept,
        }));
        Ok(HotEffects::one(kit::HotEvent::from(resolved)).and(events))
    }

    /// Executes a hold's final decision: favourable makes the transfer if
    /// the sender and recipient still pass the allowlist and no account
    /// freeze; adverse, or any verdict after termination, releases the
    /// units (and a spender's allowance).
    fn execute_decision(
        &mut self,
        decision: DecisionId,
        now: Timestamp,
    ) -> Result<HotEffects, Error> {
        let state = self.safeguards.kill_switch().state();
        if state == SwitchState::Paused {
            return Err(safeguards::KillSwitchError::Paused.into());
        }
        let d = self
            .safeguards
            .reviews()
            .get(decision)
            .ok_or(safeguards::ReviewError::UnknownDecision { id: decision })?;
        let id = d.input.item;
        let mut hold = self.hold(id).ok_or(TokenError::UnknownHold { hold: id })?;
        let favourable = matches!(
            self.safeguards.reviews().effective(decision, now),
            Some((Verdict::Favourable, _))
        );
        let execute = favourable && state == SwitchState::Active;
        if execute && hold.status == HoldStatus::Pending {
            let (from, to) = (hold.from, hold.to);
            self.allowlist
                .check(from, now)
                .map_err(Restriction::sender)?;
            self.allowlist
                .check(to, now)
                .map_err(Restriction::recipient)?;
            if self.holding(from).blocked.is_some() {
                return Err(Restriction::SenderFrozen.into());
            }
            if self.holding(to).blocked.is_some() {
                return Err(Restriction::RecipientFrozen.into());
            }
        }
        let (_, took) = self.safeguards.take_decision(decision, now)?;
        let from = hold.from;
        let mut f = self.holding(from);
        // Counted in when the hold was made.
        f.held = f.held.saturating_sub(hold.value);
        self.save_holding(from, &f);
        let mut events = Vec::new();
        if execute {
            hold.status = HoldStatus::Executed;
            events.push(TokenEvent::Transfer(
                self.move_units(from, hold.to, hold.value),
            ));
        } else {
            hold.status = HoldStatus::Released;
            if let Some(spender) = hold.spender {
                let amount = self.allowance(from, spender).saturating_add(hold.value);
                self.set_allowance(from, spender, amount);
                events.push(Self::approved(from, spender, amount));
            }
        }
        self.store.set(HOLDS, &id, &hold);
        events.push(TokenEvent::HoldClosed(HoldClosed {
            hold: id,
            from,
            executed: execute,
        }));
        Ok(HotEffects::one(kit::HotEvent::from(took)).and(events))
    }

    /// Termination freezes every transfer; no token moves, none to the
    /// admin: the settlement plan is empty.
    fn terminate(
        &mut self,
        caller: AccountId,
        reason_hash: Hash32,
        now: Timestamp,
    ) -> Result<Effects, Error> {
        let events = self
            .safeguards
            .terminate(caller, reason_hash, &[], 0, now)?
            .0;
        Ok(Effects::of(events))
    }
}

#[cfg(test)]
pub(crate) mod tests;
