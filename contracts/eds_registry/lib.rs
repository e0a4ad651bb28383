//! # eds_registry
//!
//! ## Overview
//!
//! The on-chain half of Shart's EDS gate. An accredited verifier checks, off
//! chain, that a person signed a binding statement with a valid EDS issued
//! by NCA RK (Law No. 370-II of 7 January 2003, Art. 7(1)) and records an
//! **attestation** here: hashes and codes only, never the person's IIN/BIN
//! or name. Agreement contracts ask [`EdsRegistry::check`] before they
//! record a party's acceptance. See `docs/eds.md` and the core,
//! [`safeguards::eds`].
//!
//! | message | who |
//! |---|---|
//! | `accredit_verifier`, `deaccredit_verifier` | admin |
//! | `attest` | an accredited verifier, for another account |
//! | `revoke` | the attesting verifier or the admin |
//! | `propose_admin` / `accept_admin` | admin / the proposed account |
//! | every read, `EdsRegistry::*` | anyone |
//!
//! ## Invariants
//!
//! - Attestation ids run from 1 without gaps; a record is never deleted and,
//!   once revoked, never valid again.
//! - A signed statement backs at most one attestation.
//! - A verifier de-accredited as compromised voids all its attestations and
//!   is never accredited again.
//!
//! ## Security considerations
//!
//! The registry holds no funds. Its admin and verifiers are trusted for the
//! truth of the records: the admin chooses who may attest, a verifier
//! vouches for each account it attests. What an attacker holding either key
//! can and cannot do is in `docs/eds.md` (trust model).
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[cfg(test)]
mod conformance;
pub mod errors;

pub use errors::Error;

#[ink::contract]
pub mod eds_registry {
    use ink::{prelude::vec::Vec, storage::Mapping};
    use safeguards::{
        eds::{
            Accreditation, Attestation, AttestationId, DeaccreditationReason, EdsEvent,
            EdsRegistry, EdsStore, Evidence, Registry as Core, Requirement, RevocationReason,
        },
        roles::RolesEvent,
        store::InkStore,
        EdsError, Hash32,
    };

    use crate::errors::Error;

    /// The contract's result type.
    pub type Result<T> = core::result::Result<T, Error>;

    /// The registry's records, one `Mapping` each (see [`EdsStore`]).
    #[ink::storage_item]
    #[derive(Default, Debug)]
    pub struct Store {
        attestations: Mapping<AttestationId, Attestation>,
        by_account: Mapping<AccountId, Vec<AttestationId>>,
        accreditations: Mapping<AccountId, Accreditation>,
        verifiers: Mapping<u32, AccountId>,
        statements: Mapping<Hash32, AttestationId>,
    }

    impl EdsStore for Store {
        fn attestation(&self, id: AttestationId) -> Option<Attestation> {
            self.attestations.get(id)
        }
        fn set_attestation(&mut self, attestation: &Attestation) {
            self.attestations.insert(attestation.id, attestation);
        }
        fn attestations_of(&self, account: AccountId) -> Vec<AttestationId> {
            self.by_account.get(account).unwrap_or_default()
        }
        fn set_attestations_of(&mut self, account: AccountId, ids: Vec<AttestationId>) {
            self.by_account.insert(account, &ids);
        }
        fn accreditation(&self, verifier: AccountId) -> Option<Accreditation> {
            self.accreditations.get(verifier)
        }
        fn set_accreditation(&mut self, verifier: AccountId, accreditation: &Accreditation) {
            self.accreditations.insert(verifier, accreditation);
        }
        fn verifier(&self, index: u32) -> Option<AccountId> {
            self.verifiers.get(index)
        }
        fn set_verifier(&mut self, index: u32, verifier: AccountId) {
            self.verifiers.insert(index, &verifier);
        }
        fn statement_use(&self, hash: Hash32) -> Option<AttestationId> {
            self.statements.get(hash)
        }
        fn set_statement_use(&mut self, hash: Hash32, id: AttestationId) {
            self.statements.insert(hash, &id);
        }
    }

    /// The contract's storage: the core (roles, counters) and its records.
    #[ink(storage)]
    pub struct EdsRegistryContract {
        core: Core<InkStore>,
        store: Store,
    }

    impl EdsRegistryContract {
        /// An empty registry; the caller becomes admin and accredits
        /// verifiers.
        #[ink(constructor)]
        pub fn new() -> Self {
            Self {
                core: Core::new(Self::env().caller()),
                store: Store::default(),
            }
        }

        // ----- admin ---------------------------------------------------

        /// The admin accredits `verifier` (again, if it retired).
        ///
        /// # Errors
        ///
        /// `Unauthorized`, `AlreadyAccredited`, `VerifierCompromised`,
        /// `TooManyVerifiers`.
        ///
        /// # Events
        ///
        /// `VerifierAccredited`.
        #[ink(message)]
        pub fn accredit_verifier(&mut self, verifier: AccountId) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            let events = self.core.accredit(&mut self.store, caller, verifier, now)?;
            self.emit(events);
            Ok(())
        }

        /// The admin ends `verifier`'s accreditation. `Retired` keeps its
        /// attestations valid; `Compromised` voids all of them for good, and
        /// may follow a `Retired` when the compromise is found later.
        ///
        /// # Errors
        ///
        /// `Unauthorized`, `NotAccredited` (not accredited now, unless it
        /// retired and the reason is `Compromised`).
        ///
        /// # Events
        ///
        /// `VerifierDeaccredited`.
        #[ink(message)]
        pub fn deaccredit_verifier(
            &mut self,
            verifier: AccountId,
            reason: DeaccreditationReason,
        ) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            let events = self
                .core
                .deaccredit(&mut self.store, caller, verifier, reason, now)?;
            self.emit(events);
            Ok(())
        }

        /// The admin proposes `proposed` as the next admin.
        ///
        /// # Errors
        ///
        /// `Unauthorized`.
        ///
        /// # Events
        ///
        /// `AdminTransferProposed`.
        #[ink(message)]
        pub fn propose_admin(&mut self, proposed: AccountId) -> Result<()> {
            let events = self.core.propose_admin(self.env().caller(), proposed)?;
            self.emit(events);
            Ok(())
        }

        /// The proposed account accepts the admin role.
        ///
        /// # Errors
        ///
        /// `NoPendingAdmin`, `NotPendingAdmin`.
        ///
        /// # Events
        ///
        /// `AdminTransferred`.
        #[ink(message)]
        pub fn accept_admin(&mut self) -> Result<()> {
            let events = self.core.accept_admin(self.env().caller())?;
            self.emit(events);
            Ok(())
        }

        // ----- verifiers -----------------------------------------------

        /// An accredited verifier records `evidence` about another account;
        /// returns the new attestation's id.
        ///
        /// # Errors
        ///
        /// `NotAccredited`, `SelfAttestation`, `ZeroHash`, `InvalidValidity`,
        /// `CertificateExpired`, `RoleDoesNotMatchHolderKind`,
        /// `AlgorithmDoesNotMatchCa`, `StatementAlreadyUsed`,
        /// `TooManyAttestations`.
        ///
        /// # Events
        ///
        /// `AttestationRecorded`.
        #[ink(message)]
        pub fn attest(&mut self, evidence: Evidence) -> Result<AttestationId> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            let (id, events) = self.core.attest(&mut self.store, caller, evidence, now)?;
            self.emit(events);
            Ok(id)
        }

        /// The verifier that recorded attestation `id`, or the admin,
        /// revokes it for good.
        ///
        /// # Errors
        ///
        /// `UnknownAttestation`, `NotRevoker`, `ReasonReserved`,
        /// `AlreadyRevoked`.
        ///
        /// # Events
        ///
        /// `AttestationRevoked`.
        #[ink(message)]
        pub fn revoke(&mut self, id: AttestationId, reason: RevocationReason) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            let events = self.core.revoke(&mut self.store, caller, id, reason, now)?;
            self.emit(events);
            Ok(())
        }

        // ----- reads -------------------------------------------------------

        /// The admin.
        #[ink(message)]
        pub fn admin(&self) -> AccountId {
            self.core.roles().admin()
        }

        /// The account a handover was proposed to, if any.
        #[ink(message)]
        pub fn pending_admin(&self) -> Option<AccountId> {
            self.core.roles().pending_admin()
        }

        /// `verifier`'s accreditation record, if it was ever accredited.
        #[ink(message)]
        pub fn accreditation(&self, verifier: AccountId) -> Option<Accreditation> {
            self.store.accreditation(verifier)
        }

        /// Every account ever accredited, with its record, in order.
        #[ink(message)]
        pub fn verifiers(&self) -> Vec<(AccountId, Accreditation)> {
            self.core.verifiers(&self.store)
        }

        /// The ids of `account`'s attestations, oldest first (revoked and
        /// expired ones included).
        #[ink(message)]
        pub fn attestations_of(&self, account: AccountId) -> Vec<AttestationId> {
            self.store.attestations_of(account)
        }

        /// How many attestations were ever recorded.
        #[ink(message)]
        pub fn attestation_count(&self) -> u64 {
            self.core.attestation_count()
        }

        /// The attestation that recorded statement `hash`, if any.
        #[ink(message)]
        pub fn statement_use(&self, hash: Hash32) -> Option<AttestationId> {
            self.store.statement_use(hash)
        }

        /// Whether attestation `id` was valid at `at` (milliseconds) and met
        /// `requirement`: for auditors re-checking a past acceptance.
        ///
        /// # Errors
        ///
        /// The reason it was not, as in [`EdsRegistry::check`].
        #[ink(message)]
        pub fn evaluate(
            &self,
            id: AttestationId,
            at: Timestamp,
            requirement: Requirement,
        ) -> core::result::Result<(), EdsError> {
            self.core.evaluate(&self.store, id, at, &requirement)
        }

        /// Emits every event, matched exhaustively.
        fn emit(&self, events: Vec<EdsEvent>) {
            for event in events {
                match event {
                    EdsEvent::Accredited(e) => self.env().emit_event(e),
                    EdsEvent::Deaccredited(e) => self.env().emit_event(e),
                    EdsEvent::Recorded(e) => self.env().emit_event(e),
                    EdsEvent::Revoked(e) => self.env().emit_event(e),
                    EdsEvent::Roles(RolesEvent::Granted(e)) => self.env().emit_event(e),
                    EdsEvent::Roles(RolesEvent::Revoked(e)) => self.env().emit_event(e),
                    EdsEvent::Roles(RolesEvent::AdminProposed(e)) => self.env().emit_event(e),
                    EdsEvent::Roles(RolesEvent::AdminTransferred(e)) => self.env().emit_event(e),
                }
            }
        }
    }

    impl Default for EdsRegistryContract {
        fn default() -> Self {
            Self::new()
        }
    }

    impl EdsRegistry for EdsRegistryContract {
        /// See [`EdsRegistry::check`].
        #[ink(message)]
        fn check(
            &self,
            account: AccountId,
            at: Timestamp,
            requirement: Requirement,
        ) -> core::result::Result<AttestationId, EdsError> {
            self.core.check(&self.store, account, at, &requirement)
        }

        /// See [`EdsRegistry::invalidation`].
        #[ink(message)]
        fn invalidation(&self, id: AttestationId) -> Option<RevocationReason> {
            self.core.invalidation(&self.store, id)
        }

        /// See [`EdsRegistry::attestation`].
        #[ink(message)]
        fn attestation(&self, id: AttestationId) -> Option<Attestation> {
            self.store.attestation(id)
        }
    }
}
