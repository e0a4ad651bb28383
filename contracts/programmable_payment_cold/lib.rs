//! # programmable_payment_cold
//!
//! ## Overview
//!
//! The cold code of [`programmable_payment`], as `service_agreement_cold`
//! is the escrow's (read that crate's documentation for the shape): run
//! only by `delegate_call` from a `programmable_payment` instance, in its
//! storage, as its caller (`safeguards::kit::split`). It holds the
//! constructor's logic (`init`, whose selector the contract's constructor
//! `new` takes), every safeguard message but the executions of rulings and
//! decisions (`safeguard`, through `safeguards::kit::dispatch`), the kit's
//! reads (`safeguard_query`) and `config()`.
//!
//! ## Invariants
//!
//! - The root value is `programmable_payment`'s storage struct (the
//!   programme), read as a `split::ColdRoot`; ink! writes it back after a
//!   state change that succeeds.
//! - `init` runs only on the empty root the contract's constructor wrote:
//!   never twice. Instantiated alone, this code refuses
//!   (`ColdCodeNotInstantiable`).
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
pub mod programmable_payment_cold {
    use programmable_payment::{
        programme::{Config, Programme},
        shell::apply,
        Error,
    };
    use safeguards::{
        allowlist::{AllowlistCall, ListEntry},
        kit::{dispatch, split, Mount},
        store::InkStore,
        SafeguardAnswer, SafeguardCall, SafeguardQuery,
    };

    /// The code's result type.
    pub type Result<T> = core::result::Result<T, Error>;

    /// The contract's storage, as `programmable_payment` lays it out.
    #[ink(storage)]
    pub struct ProgrammablePaymentCold {
        programme: split::ColdRoot<Programme<InkStore>>,
    }

    impl ProgrammablePaymentCold {
        /// Refuses: this code runs only by `delegate_call`.
        ///
        /// # Errors
        ///
        /// Always `ColdCodeNotInstantiable`.
        #[ink(constructor)]
        pub fn refuse() -> Result<Self> {
            Err(Error::ColdCodeNotInstantiable)
        }

        /// `programmable_payment::new`'s logic; the caller becomes admin.
        ///
        /// # Errors
        ///
        /// See `Programme::new`.
        ///
        /// # Panics
        ///
        /// If the root is not the empty one the contract's constructor
        /// wrote (never, through the contract).
        #[ink(message)]
        pub fn init(&mut self, config: Config) -> Result<()> {
            assert!(!self.programme.is_set(), "instantiated already");
            let digest = safeguards::gate::config_digest(&config);
            let (programme, effects) =
                Programme::<InkStore>::new(self.env().caller(), config, digest)?;
            self.programme.set(programme);
            apply(effects)
        }

        /// `programmable_payment::safeguard`, through `dispatch`.
        ///
        /// # Errors
        ///
        /// The kit method's or the programme's `Mount` step's.
        #[ink(message)]
        pub fn safeguard(&mut self, call: SafeguardCall) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            apply(dispatch(self.programme.get_mut(), caller, now, call)?)
        }

        /// `programmable_payment::allowlist`.
        ///
        /// # Errors
        ///
        /// `Unauthorized`; the allowlist's.
        #[ink(message)]
        pub fn allowlist(&mut self, call: AllowlistCall) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            apply(self.programme.get_mut().allowlist(caller, now, call)?)
        }

        /// `programmable_payment::allowlist_entry`.
        #[ink(message)]
        pub fn allowlist_entry(&self, account: AccountId) -> Option<ListEntry> {
            self.programme.get().allowlist_entry(account)
        }

        /// `programmable_payment::safeguard_query`.
        #[ink(message)]
        pub fn safeguard_query(&self, query: SafeguardQuery) -> SafeguardAnswer {
            self.programme.get().safeguards().query(query)
        }

        /// `programmable_payment::config`.
        #[ink(message)]
        pub fn config(&self) -> Config {
            self.programme.get().config()
        }
    }
}
