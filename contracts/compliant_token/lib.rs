//! # compliant_token
//!
//! ## Overview
//!
//! A permissioned PSP22 token under the four safeguards: the template a
//! Kazakh issuer forks for a tokenised deposit, bond or voucher
//! (docs/compliant-token.md). Wallets, explorers and DEX code that speak
//! PSP22 work unchanged: the `PSP22` and `PSP22Metadata` traits of
//! Cardinal's `psp22` 2.0.0 crate (so the standard's selectors,
//! `PSP22::transfer` = `0xdb20f9f5`), its `Transfer` and `Approval`
//! events and its error type; its unit-test suite runs on this contract
//! (`psp22::tests!`, below).
//!
//! 1. **Restrictions inside the standard's messages.** `transfer`,
//!    `transfer_from` (the spender is screened too), `mint` and `burn`
//!    refuse by a published code (`restriction::Restriction`, ERC-1404
//!    style): `PSP22Error::Custom("SHART-<code> <NAME>")`, or the
//!    standard's own `InsufficientBalance` / `InsufficientAllowance`. A
//!    refusal emits nothing and changes nothing (the message reverts).
//!    `detect_transfer_restriction` and its `_from` variant return the
//!    first code a transfer would meet, `transfer_restrictions` every
//!    one, `message_for_transfer_restriction_in` its text in English,
//!    Russian or Kazakh.
//! 2. **AML/CFT allowlist** (`safeguards::allowlist`): sender, recipient
//!    and spender each need an entry in force at the block time; expiry
//!    takes effect with no transaction. The compliance officer keeps it.
//! 3. **Enforcement of orders** (`enforce`): typed orders (legal basis,
//!    issuing body, the SHA-256 of the EDS-signed order, validity); freeze
//!    an account, freeze part of a balance, lift; forced transfer and
//!    recovery (a court ruling or an AFSA direction only). They keep
//!    working while paused and after termination; no order ever pays the
//!    admin or a role holder.
//! 4. **Compliance rules**, fixed at instantiation (`config().rules`):
//!    supply cap, lock-up, and the **threshold hold**: a transfer above the
//!    threshold is held and recorded as an automated decision through the
//!    review core (notified, explained, AI-labelled, open to human review;
//!    favourable to the sender at a missed reviewer deadline), then made or
//!    released by `safeguard(ExecuteDecision)`.
//! 5. **The four safeguards** from the kit: the issuance terms'
//!    EDS-anchored hash, accepted by the issuer on its registry
//!    attestation (nothing is minted before); the arbitration clause; the
//!    kill switch (termination stops every transfer and moves no token);
//!    disputes: a holder disputes an enforcement action by its id, the
//!    arbitrator rules, the token executes the ruling.
//!
//! The logic lives in [`token::Token`], a plain-Rust core. This contract
//! is the hot code: the PSP22 messages, the detection views, mint, burn
//! and the two executions of `safeguard`; every other message runs in the
//! cold code (`compliant_token_cold`), by `delegate_call`, in this
//! contract's storage (`safeguards::kit::split`).
//!
//! ## Invariants
//!
//! - `total_supply()` is the sum of every balance; only `mint` and `burn`
//!   change it.
//! - For every account, `frozen + held <= balance`; frozen units move only
//!   by an order or a ruling, held units only by their hold's decision.
//! - A failed message returns `Err` and reverts: no state change, no
//!   event.
//! - No personal data: accounts, hashes and codes only.
//!
//! ## Security considerations
//!
//! - The admin, guardian, arbitrator, reviewer and compliance officer are
//!   trusted for liveness, not custody: none can take a holder's tokens.
//!   The issuer (the agreement's party) holds no role. The compliance
//!   officer moves tokens only on an order, never to a role holder.
//! - The compliance officer can freeze, and with a court ruling or an
//!   AFSA direction move, any holder's tokens: the holder's remedy is the
//!   dispute before the arbitrator, and the order's document hash is on
//!   the record (docs/threat-model.md, 4.2g).
#![cfg_attr(not(feature = "std"), no_std, no_main)]
// Production code is held to checked arithmetic (contract-build's lints);
// unit tests use plain arithmetic on small known values.
#![cfg_attr(test, allow(clippy::arithmetic_side_effects))]

pub mod errors;
pub mod restriction;
pub mod shell;
pub mod token;

pub use errors::{Error, TokenError};

#[ink::contract]
pub mod compliant_token {
    use ink::prelude::{string::String, vec::Vec};
    use psp22::{PSP22Burnable, PSP22Error, PSP22Metadata, PSP22};
    use safeguards::{
        allowlist::{AllowlistCall, ListEntry},
        kit::split::{self, Forwarded, Linked, SafeguardRoute},
        store::InkStore,
        SafeguardAnswer, SafeguardQuery,
    };

    use crate::{
        errors::{psp22_error, Error},
        restriction::Language,
        shell::apply_hot,
        token::{Action, Config, EnforcementCall, Hold, Holding, Metadata, Token, METADATA},
    };

    /// The contract's result type.
    pub type Result<T> = core::result::Result<T, Error>;

    /// The contract's storage: the token core's fixed state and totals as
    /// the root value; each balance, allowance, action, hold and allowlist
    /// entry as its own entry (`safeguards::store`).
    #[ink(storage)]
    pub struct CompliantToken {
        token: Token<InkStore>,
    }

    impl CompliantToken {
        /// Instantiates the token with no supply; the caller becomes admin.
        /// This code records `config.cold_code` and hands the call to that
        /// code (`compliant_token_cold`'s `init`), which checks the
        /// configuration and writes the token.
        ///
        /// # Errors
        ///
        /// See [`Token::new`].
        ///
        /// # Events
        ///
        /// `ColdCodeLinked`, `AgreementAnchored`, `ArbitrationClauseSet`,
        /// `RoleGranted` (guardian, arbitrator, reviewer, compliance
        /// officer).
        ///
        /// # Panics
        ///
        /// If no code is uploaded under `config.cold_code`.
        #[ink(constructor, selector = 0x44D6_441F)]
        pub fn new(config: Linked<Config>) -> Result<Self> {
            split::link::<Environment>(config.cold_code);
            split::forward::<Environment>(config.cold_code)
        }

        /// The token Cardinal's suite runs on (`psp22::tests!`): `supply`
        /// minted to the caller, the issuer, and the ink! test accounts
        /// allowlisted, with no event but the mint's. Compiled in unit
        /// tests only: nothing test-only ships in the contract.
        #[cfg(test)]
        pub fn new_for_tests(supply: Balance) -> Self {
            Self {
                token: crate::token::tests::psp22_suite_token(Self::env().caller(), supply),
            }
        }

        fn now(&self) -> Timestamp {
            self.env().block_timestamp()
        }

        /// The issuer mints `value` to `to`, an allowlisted account not
        /// frozen, within the supply cap, once it accepted the issuance
        /// terms. A zero amount is a no-op.
        ///
        /// # Errors
        ///
        /// `Custom` with the codes `NOT_ISSUER`, `PAUSED`, `TERMINATED`,
        /// `NOT_EFFECTIVE`, the recipient's allowlist codes,
        /// `RECIPIENT_FROZEN`, `SUPPLY_CAP_EXCEEDED`.
        ///
        /// # Events
        ///
        /// `Transfer` (from `None`).
        #[ink(message)]
        pub fn mint(
            &mut self,
            to: AccountId,
            value: Balance,
        ) -> core::result::Result<(), PSP22Error> {
            let (caller, now) = (self.env().caller(), self.now());
            let effects = self
                .token
                .mint(caller, to, value, now)
                .map_err(psp22_error)?;
            apply_hot(effects);
            Ok(())
        }

        /// The first restriction (its code) a `transfer` of `value` from
        /// `from` to `to` would meet now; 0 if it would succeed (a held
        /// transfer succeeds).
        #[ink(message)]
        pub fn detect_transfer_restriction(
            &self,
            from: AccountId,
            to: AccountId,
            value: Balance,
        ) -> u8 {
            self.token.detect(None, from, to, value, self.now()).code()
        }

        /// [`Self::detect_transfer_restriction`] for a `transfer_from` by
        /// `spender`.
        #[ink(message)]
        pub fn detect_transfer_from_restriction(
            &self,
            spender: AccountId,
            from: AccountId,
            to: AccountId,
            value: Balance,
        ) -> u8 {
            self.token
                .detect(Some(spender), from, to, value, self.now())
                .code()
        }

        // ----- the safeguards kit -----------------------------------------

        /// A safeguard call (`SafeguardCall`), as `safeguards::kit::dispatch`
        /// runs it: the two executions here (a ruling on an enforcement
        /// action, a hold's decision), every other call in the cold code.
        /// A dispute's subject is an enforcement action's id, its payer
        /// the holder and its payee the issuer; an automated decision is a
        /// threshold hold; `terminate` pays nothing.
        ///
        /// # Errors
        ///
        /// The method's, as the variants of [`Error`] it names.
        #[ink(message)]
        pub fn safeguard(&mut self, call: SafeguardRoute) -> Result<()> {
            let now = self.now();
            let effects = split::dispatch_hot::<Environment, _>(&mut self.token, now, call)?;
            apply_hot(effects);
            Ok(())
        }

        /// A kit read, answered by the cold code.
        #[ink(message)]
        pub fn safeguard_query(&self, query: Forwarded<SafeguardQuery>) -> SafeguardAnswer {
            let _ = query;
            split::forward::<Environment>(split::cold_code())
        }

        /// The compliance officer changes the allowlist (cold code).
        ///
        /// # Errors
        ///
        /// `Unauthorized`; `Allowlist`.
        #[ink(message)]
        pub fn allowlist(&mut self, call: Forwarded<AllowlistCall>) -> Result<()> {
            let _ = call;
            split::forward::<Environment>(split::cold_code())
        }

        /// `account`'s allowlist entry, in force or not (cold code).
        #[ink(message)]
        pub fn allowlist_entry(&self, account: Forwarded<AccountId>) -> Option<ListEntry> {
            let _ = account;
            split::forward::<Environment>(split::cold_code())
        }

        /// The compliance officer carries out an order (`EnforcementCall`:
        /// freeze an account, freeze part of a balance, lift a freeze,
        /// forced transfer, recovery); anyone lifts a freeze whose order
        /// has expired. Cold code; works while paused and after
        /// termination.
        ///
        /// # Errors
        ///
        /// `Unauthorized`; `Token` with the step's refusal.
        ///
        /// # Events
        ///
        /// `OrderEnforced`, `FreezeLifted`, `Transfer` (a forced transfer,
        /// a recovery), `AllowlistEntryRemoved` (a recovery's lost account).
        #[ink(message)]
        pub fn enforce(&mut self, call: Forwarded<EnforcementCall>) -> Result<()> {
            let _ = call;
            split::forward::<Environment>(split::cold_code())
        }

        /// Every restriction (its code) the transfer would meet now, in the
        /// table's order; empty if it would succeed (cold code). `spender`
        /// for a `transfer_from`.
        #[ink(message)]
        pub fn transfer_restrictions(
            &self,
            spender: Forwarded<Option<AccountId>>,
            from: Forwarded<AccountId>,
            to: Forwarded<AccountId>,
            value: Forwarded<Balance>,
        ) -> Vec<u8> {
            let _ = (spender, from, to, value);
            split::forward::<Environment>(split::cold_code())
        }

        /// The English message for restriction `code`; `None` for a code
        /// the table does not have (cold code).
        #[ink(message)]
        pub fn message_for_transfer_restriction(&self, code: Forwarded<u8>) -> Option<String> {
            let _ = code;
            split::forward::<Environment>(split::cold_code())
        }

        /// The message for restriction `code` in `language` (cold code).
        #[ink(message)]
        pub fn message_for_transfer_restriction_in(
            &self,
            code: Forwarded<u8>,
            language: Forwarded<Language>,
        ) -> Option<String> {
            let _ = (code, language);
            split::forward::<Environment>(split::cold_code())
        }

        /// `account`'s balance, frozen and held parts and account freeze
        /// (cold code).
        #[ink(message)]
        pub fn holding(&self, account: Forwarded<AccountId>) -> Holding {
            let _ = account;
            split::forward::<Environment>(split::cold_code())
        }

        /// Enforcement action `id` (cold code).
        #[ink(message)]
        pub fn action(&self, id: Forwarded<u32>) -> Option<Action> {
            let _ = id;
            split::forward::<Environment>(split::cold_code())
        }

        /// Threshold hold `id` (cold code).
        #[ink(message)]
        pub fn hold(&self, id: Forwarded<u32>) -> Option<Hold> {
            let _ = id;
            split::forward::<Environment>(split::cold_code())
        }

        /// The instantiation parameters, exactly as given (cold code): the
        /// SHA-256 of their SCALE encoding is the `config_digest` every
        /// acceptance quotes.
        #[ink(message)]
        pub fn config(&self) -> Config {
            split::forward::<Environment>(split::cold_code())
        }
    }

    impl PSP22 for CompliantToken {
        #[ink(message)]
        fn total_supply(&self) -> u128 {
            self.token.total_supply()
        }

        #[ink(message)]
        fn balance_of(&self, owner: AccountId) -> u128 {
            self.token.balance_of(owner)
        }

        #[ink(message)]
        fn allowance(&self, owner: AccountId, spender: AccountId) -> u128 {
            self.token.allowance(owner, spender)
        }

        /// Under the restrictions; above the hold threshold, held for its
        /// decision (`TransferHeld`, `AutomatedDecisionRecorded`) instead
        /// of made.
        #[ink(message)]
        fn transfer(
            &mut self,
            to: AccountId,
            value: u128,
            _data: Vec<u8>,
        ) -> core::result::Result<(), PSP22Error> {
            let (caller, me, now) = (self.env().caller(), self.env().account_id(), self.now());
            let effects = self
                .token
                .transfer(caller, to, value, me, now)
                .map_err(psp22_error)?;
            apply_hot(effects);
            Ok(())
        }

        /// As `transfer`, the spender screened too.
        #[ink(message)]
        fn transfer_from(
            &mut self,
            from: AccountId,
            to: AccountId,
            value: u128,
            _data: Vec<u8>,
        ) -> core::result::Result<(), PSP22Error> {
            let (caller, me, now) = (self.env().caller(), self.env().account_id(), self.now());
            let effects = self
                .token
                .transfer_from(caller, from, to, value, me, now)
                .map_err(psp22_error)?;
            apply_hot(effects);
            Ok(())
        }

        #[ink(message)]
        fn approve(
            &mut self,
            spender: AccountId,
            value: u128,
        ) -> core::result::Result<(), PSP22Error> {
            apply_hot(self.token.approve(self.env().caller(), spender, value));
            Ok(())
        }

        #[ink(message)]
        fn increase_allowance(
            &mut self,
            spender: AccountId,
            delta_value: u128,
        ) -> core::result::Result<(), PSP22Error> {
            apply_hot(
                self.token
                    .increase_allowance(self.env().caller(), spender, delta_value),
            );
            Ok(())
        }

        #[ink(message)]
        fn decrease_allowance(
            &mut self,
            spender: AccountId,
            delta_value: u128,
        ) -> core::result::Result<(), PSP22Error> {
            let effects = self
                .token
                .decrease_allowance(self.env().caller(), spender, delta_value)
                .map_err(psp22_error)?;
            apply_hot(effects);
            Ok(())
        }
    }

    impl PSP22Metadata for CompliantToken {
        #[ink(message)]
        fn token_name(&self) -> Option<String> {
            self.metadata().name
        }

        #[ink(message)]
        fn token_symbol(&self) -> Option<String> {
            self.metadata().symbol
        }

        #[ink(message)]
        fn token_decimals(&self) -> u8 {
            self.metadata().decimals
        }
    }

    impl PSP22Burnable for CompliantToken {
        /// The issuer burns `value` of its free balance.
        #[ink(message)]
        fn burn(&mut self, value: u128) -> core::result::Result<(), PSP22Error> {
            let effects = self
                .token
                .burn(self.env().caller(), value)
                .map_err(psp22_error)?;
            apply_hot(effects);
            Ok(())
        }
    }

    impl CompliantToken {
        fn metadata(&self) -> Metadata {
            use safeguards::store::Store;
            InkStore.expect(METADATA, &())
        }
    }

    // Cardinal's PSP22 unit-test suite, unchanged, on this contract.
    #[cfg(test)]
    psp22::tests!(CompliantToken, CompliantToken::new_for_tests);
}
