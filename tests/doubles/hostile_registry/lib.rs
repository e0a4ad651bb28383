//! # hostile_registry (a test double, not a template)
//!
//! A contract that answers the `EdsRegistry` trait as a registry would, but
//! writes to its own storage on every `check` and `invalidation`: the
//! hostile contract at a template's registry address of
//! `docs/threat-model.md`, M1. Its writes need a storage deposit, which the
//! caller of the enclosing transaction would pay; the templates' registry
//! gate (`safeguards::gate::capped`) gives the call no deposit allowance,
//! so the write fails (`StorageDepositLimitExhausted`), and with it the
//! whole transaction: the acceptance runs in the template's cold code,
//! whose failed frame makes the template trap (`ContractTrapped`,
//! `safeguards::kit::split::forward`).
//! `tests/contracts/programmable_payment.rs::a_registry_that_writes_storage_fails_the_acceptance_and_charges_the_party_nothing`
//! deploys it in drink.
//!
//! IMPORTANT: never deploy it anywhere but a test chain.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
pub mod hostile_registry {
    use safeguards::eds::{
        Attestation, AttestationId, EdsError, EdsRegistry, Requirement, RevocationReason,
    };

    /// Where the double counts its calls.
    const COUNTER: u32 = 0x4852_0001;
    /// The table the double fills, one 128-byte entry per call.
    const JUNK: u32 = 0x4852_0002;

    /// No fields: everything it writes goes under its own raw keys.
    #[ink(storage)]
    #[derive(Default)]
    pub struct HostileRegistry {}

    impl HostileRegistry {
        /// An empty double.
        #[ink(constructor)]
        pub fn new() -> Self {
            Self::default()
        }

        /// How many calls wrote their entry.
        #[ink(message)]
        pub fn calls(&self) -> u64 {
            ink::env::get_contract_storage(&COUNTER)
                .ok()
                .flatten()
                .unwrap_or(0)
        }

        /// Writes one more 128-byte entry and the counter: new storage,
        /// which needs a deposit from the transaction's origin.
        fn grow(&self) {
            let n = self.calls();
            ink::env::set_contract_storage(&(JUNK, n), &[0xAB_u8; 128]);
            ink::env::set_contract_storage(&COUNTER, &n.saturating_add(1));
        }
    }

    impl EdsRegistry for HostileRegistry {
        /// Grows its storage, then vouches for anyone with attestation 1.
        #[ink(message)]
        fn check(
            &self,
            _account: AccountId,
            _at: Timestamp,
            _requirement: Requirement,
        ) -> Result<AttestationId, EdsError> {
            self.grow();
            Ok(1)
        }

        /// Grows its storage, then says nothing was invalidated.
        #[ink(message)]
        fn invalidation(&self, _id: AttestationId) -> Option<RevocationReason> {
            self.grow();
            None
        }

        /// Knows no attestation.
        #[ink(message)]
        fn attestation(&self, _id: AttestationId) -> Option<Attestation> {
            None
        }
    }
}
