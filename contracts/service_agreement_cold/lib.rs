//! # service_agreement_cold
//!
//! ## Overview
//!
//! The cold code of [`service_agreement`]: uploaded once per chain, never
//! instantiated, run only by `delegate_call` from a `service_agreement`
//! instance, in that instance's storage, as its caller
//! (`safeguards::kit::split`). It holds what an everyday call need not
//! load: the constructor's logic (`init`, whose selector the contract's
//! constructor `new` takes), every
//! safeguard message but the executions of rulings and decisions
//! (`safeguard`, through `safeguards::kit::dispatch`), the kit's reads
//! (`safeguard_query`) and `config()`. Each message here has the name,
//! selector and argument of the contract message that forwards to it.
//!
//! ## Invariants
//!
//! - The storage layout is the contract's: the root value is
//!   `service_agreement`'s storage struct (the escrow), which this code
//!   reads as a `split::ColdRoot` (the escrow, or nothing before `init`);
//!   ink! writes it back after a state change that succeeds, as in the
//!   contract itself.
//! - `init` runs only on the empty root the contract's constructor wrote
//!   (`split::link`): never twice.
//! - Instantiating this code as a contract of its own is refused
//!   (`ColdCodeNotInstantiable`).
//!
//! ## Security considerations
//!
//! This code can do anything to the contract that runs it: its hash is in
//! the contract's `Config` (`cold_code`), so every acceptance quotes it
//! through the configuration digest, and a party checks it against this
//! bundle before accepting (`shart node verify`).
#![cfg_attr(not(feature = "std"), no_std, no_main)]
// ink!'s generated message decoder holds `init`'s whole `Config`, beside
// one-byte queries: it is decoded once per call and never stored.
#![allow(clippy::large_enum_variant)]

#[ink::contract]
pub mod service_agreement_cold {
    use safeguards::{
        kit::{dispatch, split, Mount},
        store::InkStore,
        SafeguardAnswer, SafeguardCall, SafeguardQuery,
    };
    use service_agreement::{
        escrow::{Config, Escrow},
        shell::apply,
        Error,
    };

    /// The code's result type.
    pub type Result<T> = core::result::Result<T, Error>;

    /// The contract's storage, as `service_agreement` lays it out.
    #[ink(storage)]
    pub struct ServiceAgreementCold {
        escrow: split::ColdRoot<Escrow<InkStore>>,
    }

    impl ServiceAgreementCold {
        /// Refuses: this code runs only by `delegate_call` from a
        /// `service_agreement` instance.
        ///
        /// # Errors
        ///
        /// Always `ColdCodeNotInstantiable`.
        #[ink(constructor)]
        pub fn refuse() -> Result<Self> {
            Err(Error::ColdCodeNotInstantiable)
        }

        /// `service_agreement::new`'s logic: checks the configuration and
        /// writes the escrow; the caller becomes admin.
        ///
        /// # Errors
        ///
        /// See `Escrow::new`.
        ///
        /// # Panics
        ///
        /// If the root is not the empty one the contract's constructor
        /// wrote (never, through the contract: only its constructor
        /// forwards this selector).
        #[ink(message)]
        pub fn init(&mut self, config: Config) -> Result<()> {
            assert!(!self.escrow.is_set(), "instantiated already");
            let digest = safeguards::gate::config_digest(&config);
            let (escrow, effects) = Escrow::<InkStore>::new(self.env().caller(), config, digest)?;
            self.escrow.set(escrow);
            apply(effects)
        }

        /// `service_agreement::safeguard`: runs the call through
        /// `safeguards::kit::dispatch`.
        ///
        /// # Errors
        ///
        /// The kit method's or the escrow's `Mount` step's.
        #[ink(message)]
        pub fn safeguard(&mut self, call: SafeguardCall) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            let effects = dispatch(self.escrow.get_mut(), caller, now, call)?;
            apply(effects)
        }

        /// `service_agreement::safeguard_query`.
        #[ink(message)]
        pub fn safeguard_query(&self, query: SafeguardQuery) -> SafeguardAnswer {
            self.escrow.get().safeguards().query(query)
        }

        /// `service_agreement::config`.
        #[ink(message)]
        pub fn config(&self) -> Config {
            self.escrow.get().config()
        }
    }
}
