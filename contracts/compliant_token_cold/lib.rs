//! # compliant_token_cold
//!
//! ## Overview
//!
//! The cold code of [`compliant_token`], as `service_agreement_cold` is
//! the escrow's (read that crate's documentation for the shape): run only
//! by `delegate_call` from a `compliant_token` instance, in its storage,
//! as its caller (`safeguards::kit::split`). It holds the constructor's
//! logic (`init`), every safeguard message but the two executions
//! (`safeguard`, through `safeguards::kit::dispatch`), the kit's reads,
//! the allowlist, the enforcement of orders (`enforce`), the restriction
//! messages in three languages, the all-reasons view and the token's
//! record reads.
//!
//! ## Invariants
//!
//! - The root value is `compliant_token`'s storage struct (the token),
//!   read as a `split::ColdRoot`; ink! writes it back after a state change
//!   that succeeds.
//! - `init` runs only on the empty root the contract's constructor wrote.
//!   Instantiated alone, this code refuses (`ColdCodeNotInstantiable`).
//!
//! ## Security considerations
//!
//! This code can do anything to the contract that runs it: its hash is the
//! contract's `Config::cold_code`, which every acceptance quotes through
//! the configuration digest.
#![cfg_attr(not(feature = "std"), no_std, no_main)]
// ink!'s generated message decoder holds `init`'s whole `Config`, beside
// one-byte queries: it is decoded once per call and never stored.
#![allow(clippy::large_enum_variant)]

#[ink::contract]
pub mod compliant_token_cold {
    use compliant_token::{
        restriction::{Language, Restriction},
        shell::apply,
        token::{Action, Config, EnforcementCall, Hold, Holding, Token},
        Error,
    };
    use ink::prelude::{string::String, vec::Vec};
    use safeguards::{
        allowlist::{AllowlistCall, ListEntry},
        kit::{dispatch, split, Mount},
        store::InkStore,
        SafeguardAnswer, SafeguardCall, SafeguardQuery,
    };

    /// The code's result type.
    pub type Result<T> = core::result::Result<T, Error>;

    /// The contract's storage, as `compliant_token` lays it out.
    #[ink(storage)]
    pub struct CompliantTokenCold {
        token: split::ColdRoot<Token<InkStore>>,
    }

    impl CompliantTokenCold {
        /// Refuses: this code runs only by `delegate_call`.
        ///
        /// # Errors
        ///
        /// Always `ColdCodeNotInstantiable`.
        #[ink(constructor)]
        pub fn refuse() -> Result<Self> {
            Err(Error::ColdCodeNotInstantiable)
        }

        /// `compliant_token::new`'s logic; the caller becomes admin.
        ///
        /// # Errors
        ///
        /// See `Token::new`.
        ///
        /// # Panics
        ///
        /// If the root is not the empty one the contract's constructor
        /// wrote (never, through the contract).
        #[ink(message)]
        pub fn init(&mut self, config: Config) -> Result<()> {
            assert!(!self.token.is_set(), "instantiated already");
            let digest = safeguards::gate::config_digest(&config);
            let (token, effects) = Token::<InkStore>::new(self.env().caller(), config, digest)?;
            self.token.set(token);
            apply(effects);
            Ok(())
        }

        /// `compliant_token::safeguard`, through `dispatch`.
        ///
        /// # Errors
        ///
        /// The kit method's or the token's `Mount` step's.
        #[ink(message)]
        pub fn safeguard(&mut self, call: SafeguardCall) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            apply(dispatch(self.token.get_mut(), caller, now, call)?);
            Ok(())
        }

        /// `compliant_token::safeguard_query`.
        #[ink(message)]
        pub fn safeguard_query(&self, query: SafeguardQuery) -> SafeguardAnswer {
            self.token.get().safeguards().query(query)
        }

        /// `compliant_token::allowlist`.
        ///
        /// # Errors
        ///
        /// `Unauthorized`; the allowlist's.
        #[ink(message)]
        pub fn allowlist(&mut self, call: AllowlistCall) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            apply(self.token.get_mut().allowlist(caller, now, call)?);
            Ok(())
        }

        /// `compliant_token::allowlist_entry`.
        #[ink(message)]
        pub fn allowlist_entry(&self, account: AccountId) -> Option<ListEntry> {
            self.token.get().allowlist_entry(account)
        }

        /// `compliant_token::enforce`.
        ///
        /// # Errors
        ///
        /// `Unauthorized`; the step's.
        #[ink(message)]
        pub fn enforce(&mut self, call: EnforcementCall) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            apply(self.token.get_mut().enforce(caller, now, call)?);
            Ok(())
        }

        /// `compliant_token::transfer_restrictions`.
        #[ink(message)]
        pub fn transfer_restrictions(
            &self,
            spender: Option<AccountId>,
            from: AccountId,
            to: AccountId,
            value: Balance,
        ) -> Vec<u8> {
            let now = self.env().block_timestamp();
            self.token
                .get()
                .restrictions(spender, from, to, value, now)
                .into_iter()
                .map(Restriction::code)
                .collect()
        }

        /// `compliant_token::message_for_transfer_restriction`.
        #[ink(message)]
        pub fn message_for_transfer_restriction(&self, code: u8) -> Option<String> {
            self.message_for_transfer_restriction_in(code, Language::En)
        }

        /// `compliant_token::message_for_transfer_restriction_in`.
        #[ink(message)]
        pub fn message_for_transfer_restriction_in(
            &self,
            code: u8,
            language: Language,
        ) -> Option<String> {
            Restriction::from_code(code).map(|r| String::from(r.message(language)))
        }

        /// `compliant_token::holding`.
        #[ink(message)]
        pub fn holding(&self, account: AccountId) -> Holding {
            self.token.get().holding(account)
        }

        /// `compliant_token::action`.
        #[ink(message)]
        pub fn action(&self, id: u32) -> Option<Action> {
            self.token.get().action(id)
        }

        /// `compliant_token::hold`.
        #[ink(message)]
        pub fn hold(&self, id: u32) -> Option<Hold> {
            self.token.get().hold(id)
        }

        /// `compliant_token::config`.
        #[ink(message)]
        pub fn config(&self) -> Config {
            self.token.get().config()
        }
    }
}
