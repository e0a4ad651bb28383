//! # EDS registry
//!
//! A party's on-chain acceptance of the master agreement is worth something
//! in court only if its account is tied to the person who signed that
//! agreement with an Electronic Digital Signature issued by the National
//! Certification Authority (NCA RK): an EDS-signed document equals a signed
//! paper one (Law No. 370-II of 7 January 2003, Art. 7(1)), and an exchange
//! of electronic documents is written form (Civil Code, Art. 152). A
//! contract cannot check a GOST or RSA signature itself, so Shart follows
//! the attester pattern (eIDAS bridge, KILT): an **accredited verifier**
//! checks the EDS off chain and records an **attestation** on chain. See
//! `docs/eds.md` and `docs/legal-basis.md`.
//!
//! | who | may |
//! |---|---|
//! | admin | accredit and de-accredit verifiers; revoke any attestation; hand over admin (two steps) |
//! | accredited verifier | attest an account (never its own); revoke its own attestations |
//! | anyone | ask [`Registry::check`], read every record |
//!
//! An attestation records only hashes and codes: the SHA-256 of the
//! certificate serial number, the issuing CA, key algorithm, holder kind,
//! NCA role, the certificate's validity, a **salted commitment** of the
//! IIN/BIN (SHA-256 of salt ‖ number, never the number) and the SHA-256 of
//! the statement the holder signed to bind the account (see `shart
//! agreement statement`).
//!
//! ## Lifecycle
//!
//! ```text
//! attest --> Recorded --revoke(reason)--> Revoked (final; history stays)
//!               |--valid_until passes--> Expired (re-attest: a new record)
//!               `--its verifier de-accredited as Compromised--> invalid
//! ```
//!
//! De-accreditation takes a reason. `Retired`: the verifier can no longer
//! attest, and its earlier attestations stay valid (they were made while it
//! was trusted; the admin can revoke any of them one by one). `Compromised`:
//! every attestation it ever made stops being valid at once, because nobody
//! can tell which of them an attacker with its key made; a compromised
//! account can never be accredited again.
//!
//! ## Storage
//!
//! The records live behind [`EdsStore`], so the core stays plain Rust: the
//! contract implements it over `Mapping`s, unit tests over `BTreeMap`s. The
//! core itself holds only the role table and two counters.
//!
//! ## Security considerations
//!
//! - A verifier is trusted for the truth of what it attests. An attacker
//!   with a verifier key can attest accounts it controls as anyone; it
//!   cannot revoke or alter other verifiers' records, take over the admin,
//!   or move funds (the registry holds none). De-accrediting the key as
//!   `Compromised` voids everything it signed.
//! - The registry cannot know that a certificate was revoked by NCA; the
//!   verifier (or the admin) must revoke the attestation. Acceptances made
//!   before the revocation stay on record, flagged by the agreement
//!   contract (see [`crate::agreement`]).
//! - NCA test CAs issue certificates to anyone: a production requirement
//!   sets `accept_test_cas: false`.
mod errors;
mod events;

pub use errors::EdsError;
pub use events::{
    AttestationRecorded, AttestationRevoked, EdsEvent, VerifierAccredited, VerifierDeaccredited,
};

use ink::prelude::{collections::BTreeMap, vec::Vec};

use crate::{
    roles::{Guarded, Role, Roles},
    store::Store,
    types::{AccountId, Hash32, Timestamp, ZERO_HASH},
};

/// Attestations are numbered from 1 in the order they were recorded.
pub type AttestationId = u64;

/// At most this many attestations per account, revoked and expired ones
/// included: keeps [`Registry::check`] bounded. An account that reaches it
/// is replaced by a fresh account.
pub const MAX_ATTESTATIONS_PER_ACCOUNT: usize = 16;

/// At most this many accounts are ever accredited (current and former).
pub const MAX_VERIFIERS: u32 = 64;

/// The certification authority that issued the holder's certificate.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssuingCa {
    /// NCA RK, GOST R 34.10-2015 (the only kind NCA issues since April 2024).
    NcaGost2015,
    /// NCA RK, RSA (older key sets).
    NcaRsa,
    /// NCA's test CA for GOST keys: certificates for anyone, never for
    /// production.
    NcaTestGost2015,
    /// NCA's test CA for RSA keys: certificates for anyone, never for
    /// production.
    NcaTestRsa,
}

impl IssuingCa {
    /// Whether this is one of NCA's test CAs.
    pub fn is_test(self) -> bool {
        matches!(self, Self::NcaTestGost2015 | Self::NcaTestRsa)
    }

    /// Whether this CA issues keys of `algorithm`.
    pub fn issues(self, algorithm: KeyAlgorithm) -> bool {
        match self {
            Self::NcaGost2015 | Self::NcaTestGost2015 => {
                matches!(algorithm, KeyAlgorithm::Gost512 | KeyAlgorithm::Gost256)
            }
            Self::NcaRsa | Self::NcaTestRsa => algorithm == KeyAlgorithm::Rsa,
        }
    }
}

/// The holder's key algorithm.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAlgorithm {
    /// GOST R 34.10-2015, 512 bits (key OID 1.2.398.3.10.1.1.2.2).
    Gost512,
    /// GOST R 34.10-2015, 256 bits (key OID 1.2.398.3.10.1.1.2.1).
    Gost256,
    /// RSA (PKCS #1 v1.5 signatures with SHA-256).
    Rsa,
}

/// Whom the certificate was issued to.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolderKind {
    /// A natural person (subject `SERIALNUMBER=IIN…`).
    Individual,
    /// A person acting for a legal entity (subject adds `OU=BIN…`).
    LegalEntity,
}

/// The holder's role, from the NCA role OIDs under 1.2.398.3.3.4.1.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdsRole {
    /// A natural person (1.2.398.3.3.4.1.1).
    Individual,
    /// The legal entity's chief executive (1.2.398.3.3.4.1.2.1).
    ChiefExecutive,
    /// A person with the right to sign for the entity (1.2.398.3.3.4.1.2.2).
    SigningAuthority,
    /// A person with the right to sign financial documents
    /// (1.2.398.3.3.4.1.2.3).
    FinancialSigningAuthority,
    /// A human-resources officer (1.2.398.3.3.4.1.2.4).
    HumanResources,
    /// An employee without signing rights (1.2.398.3.3.4.1.2.5).
    Employee,
}

impl EdsRole {
    /// Every role, in declaration order.
    pub const ALL: [EdsRole; 6] = [
        Self::Individual,
        Self::ChiefExecutive,
        Self::SigningAuthority,
        Self::FinancialSigningAuthority,
        Self::HumanResources,
        Self::Employee,
    ];

    /// The holder kind the role belongs to.
    pub fn holder_kind(self) -> HolderKind {
        match self {
            Self::Individual => HolderKind::Individual,
            _ => HolderKind::LegalEntity,
        }
    }

    /// The NCA certificate-policy OID that marks the role.
    pub fn oid(self) -> &'static str {
        match self {
            Self::Individual => "1.2.398.3.3.4.1.1",
            Self::ChiefExecutive => "1.2.398.3.3.4.1.2.1",
            Self::SigningAuthority => "1.2.398.3.3.4.1.2.2",
            Self::FinancialSigningAuthority => "1.2.398.3.3.4.1.2.3",
            Self::HumanResources => "1.2.398.3.3.4.1.2.4",
            Self::Employee => "1.2.398.3.3.4.1.2.5",
        }
    }

    fn bit(self) -> u8 {
        match self {
            Self::Individual => 1,
            Self::ChiefExecutive => 2,
            Self::SigningAuthority => 4,
            Self::FinancialSigningAuthority => 8,
            Self::HumanResources => 16,
            Self::Employee => 32,
        }
    }
}

/// A set of [`EdsRole`]s. NCA roles are not ranked (a financial signing
/// authority is not "more" or "less" than a signing authority), so a
/// requirement names the roles it accepts instead of a minimum.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RoleSet {
    bits: u8,
}

impl RoleSet {
    /// The set of `roles`.
    pub fn of(roles: &[EdsRole]) -> Self {
        Self {
            bits: roles.iter().fold(0, |bits, r| bits | r.bit()),
        }
    }

    /// Whether `role` is in the set.
    pub fn contains(self, role: EdsRole) -> bool {
        self.bits & role.bit() != 0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.bits == 0
    }

    /// The roles in the set, in declaration order.
    pub fn roles(self) -> Vec<EdsRole> {
        EdsRole::ALL
            .into_iter()
            .filter(|r| self.contains(*r))
            .collect()
    }
}

/// What an agreement requires of a party's attestation.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Requirement {
    /// The holder kind the certificate must have.
    pub holder_kind: HolderKind,
    /// The roles accepted; each must belong to `holder_kind`.
    pub roles: RoleSet,
    /// Whether certificates from NCA's test CAs count (test chains only).
    pub accept_test_cas: bool,
}

impl Requirement {
    /// A natural person signing for themself.
    pub fn individual(accept_test_cas: bool) -> Self {
        Self {
            holder_kind: HolderKind::Individual,
            roles: RoleSet::of(&[EdsRole::Individual]),
            accept_test_cas,
        }
    }

    /// A person who may sign contracts for a legal entity: its chief
    /// executive or a signing authority.
    pub fn signatory(accept_test_cas: bool) -> Self {
        Self {
            holder_kind: HolderKind::LegalEntity,
            roles: RoleSet::of(&[EdsRole::ChiefExecutive, EdsRole::SigningAuthority]),
            accept_test_cas,
        }
    }

    /// # Errors
    ///
    /// [`EdsError::InvalidRequirement`] if no role is accepted, or a role
    /// belongs to the other holder kind (it could never match).
    pub fn validate(&self) -> Result<(), EdsError> {
        let roles = self.roles.roles();
        if roles.is_empty() || roles.iter().any(|r| r.holder_kind() != self.holder_kind) {
            return Err(EdsError::InvalidRequirement);
        }
        Ok(())
    }
}

/// What a verifier attests about an account. Hashes only: see the module
/// docs.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    /// The account the holder bound to their certificate.
    pub account: AccountId,
    /// SHA-256 of the certificate serial number (its DER integer bytes).
    pub cert_serial_hash: Hash32,
    /// The issuing CA.
    pub ca: IssuingCa,
    /// The key algorithm.
    pub algorithm: KeyAlgorithm,
    /// Individual or legal entity.
    pub holder_kind: HolderKind,
    /// The NCA role.
    pub role: EdsRole,
    /// The certificate's notBefore, in milliseconds.
    pub valid_from: Timestamp,
    /// The certificate's notAfter, in milliseconds (inclusive, as in X.509).
    pub valid_until: Timestamp,
    /// SHA-256(salt ‖ IIN or BIN), never the number (`shart eds commit`).
    pub subject_commitment: Hash32,
    /// SHA-256 of the binding statement the holder signed
    /// (`shart agreement statement`).
    pub statement_hash: Hash32,
}

/// Why an attestation was revoked.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevocationReason {
    /// NCA revoked the certificate.
    CertificateRevoked,
    /// The holder's key was compromised.
    KeyCompromise,
    /// A newer attestation replaces this one.
    Superseded,
    /// The attestation was recorded in error.
    Error,
    /// Not a caller's choice: reported for every attestation of a verifier
    /// de-accredited as [`DeaccreditationReason::Compromised`].
    VerifierCompromised,
}

/// A revocation: final.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revocation {
    /// The verifier or admin who revoked.
    pub by: AccountId,
    /// When, in milliseconds.
    pub at: Timestamp,
    /// Why.
    pub reason: RevocationReason,
}

/// A recorded attestation.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attestation {
    /// Its number.
    pub id: AttestationId,
    /// The verifier who recorded it.
    pub verifier: AccountId,
    /// When, in milliseconds.
    pub attested_at: Timestamp,
    /// What was attested.
    pub evidence: Evidence,
    /// Set once, never cleared.
    pub revocation: Option<Revocation>,
}

/// Why a verifier was de-accredited.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeaccreditationReason {
    /// It stops attesting; its attestations stay valid.
    Retired,
    /// Its key is or may be in an attacker's hands: every attestation it
    /// made stops being valid, and it can never be accredited again.
    Compromised,
}

/// A verifier's accreditation record.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accreditation {
    /// When it was (last) accredited.
    pub since: Timestamp,
    /// When and why it was de-accredited, if it was. A retired verifier
    /// later found compromised keeps only the second: the time of its
    /// retirement stays in its first `VerifierDeaccredited` event.
    pub ended: Option<(Timestamp, DeaccreditationReason)>,
}

impl Accreditation {
    /// Whether the verifier may attest now.
    pub fn is_active(&self) -> bool {
        self.ended.is_none()
    }

    /// Whether it was de-accredited as compromised.
    pub fn is_compromised(&self) -> bool {
        matches!(self.ended, Some((_, DeaccreditationReason::Compromised)))
    }
}

/// Where the registry keeps its records: `Mapping`s in the contract,
/// `BTreeMap`s in tests. Implementations store and return values as given;
/// all rules live in [`Registry`].
pub trait EdsStore {
    /// Attestation `id`, if recorded.
    fn attestation(&self, id: AttestationId) -> Option<Attestation>;
    /// Stores `attestation` under its id.
    fn set_attestation(&mut self, attestation: &Attestation);
    /// The ids of `account`'s attestations, oldest first.
    fn attestations_of(&self, account: AccountId) -> Vec<AttestationId>;
    /// Replaces `account`'s id list.
    fn set_attestations_of(&mut self, account: AccountId, ids: Vec<AttestationId>);
    /// `verifier`'s accreditation record, if it was ever accredited.
    fn accreditation(&self, verifier: AccountId) -> Option<Accreditation>;
    /// Stores `verifier`'s accreditation record.
    fn set_accreditation(&mut self, verifier: AccountId, accreditation: &Accreditation);
    /// The `index`-th account ever accredited.
    fn verifier(&self, index: u32) -> Option<AccountId>;
    /// Stores the `index`-th account ever accredited.
    fn set_verifier(&mut self, index: u32, verifier: AccountId);
    /// The attestation that recorded statement `hash`, if any.
    fn statement_use(&self, hash: Hash32) -> Option<AttestationId>;
    /// Records that attestation `id` used statement `hash`.
    fn set_statement_use(&mut self, hash: Hash32, id: AttestationId);
}

/// The registry's records in memory: for unit tests and conformance
/// harnesses (the contract keeps them in `Mapping`s).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemRecords {
    attestations: BTreeMap<AttestationId, Attestation>,
    by_account: BTreeMap<AccountId, Vec<AttestationId>>,
    accreditations: BTreeMap<AccountId, Accreditation>,
    verifiers: BTreeMap<u32, AccountId>,
    statements: BTreeMap<Hash32, AttestationId>,
}

impl EdsStore for MemRecords {
    fn attestation(&self, id: AttestationId) -> Option<Attestation> {
        self.attestations.get(&id).copied()
    }
    fn set_attestation(&mut self, a: &Attestation) {
        self.attestations.insert(a.id, *a);
    }
    fn attestations_of(&self, account: AccountId) -> Vec<AttestationId> {
        self.by_account.get(&account).cloned().unwrap_or_default()
    }
    fn set_attestations_of(&mut self, account: AccountId, ids: Vec<AttestationId>) {
        self.by_account.insert(account, ids);
    }
    fn accreditation(&self, v: AccountId) -> Option<Accreditation> {
        self.accreditations.get(&v).copied()
    }
    fn set_accreditation(&mut self, v: AccountId, a: &Accreditation) {
        self.accreditations.insert(v, *a);
    }
    fn verifier(&self, i: u32) -> Option<AccountId> {
        self.verifiers.get(&i).copied()
    }
    fn set_verifier(&mut self, i: u32, v: AccountId) {
        self.verifiers.insert(i, v);
    }
    fn statement_use(&self, h: Hash32) -> Option<AttestationId> {
        self.statements.get(&h).copied()
    }
    fn set_statement_use(&mut self, h: Hash32, id: AttestationId) {
        self.statements.insert(h, id);
    }
}

/// The registry core: the role table and two counters; the records are in
/// an [`EdsStore`].
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registry<S> {
    roles: Roles<S>,
    attestation_count: u64,
    verifier_count: u32,
}

impl<S: Store + Default> Registry<S> {
    /// An empty registry administered by `admin`.
    pub fn new(admin: AccountId) -> Self {
        Self {
            roles: Roles::new(admin),
            attestation_count: 0,
            verifier_count: 0,
        }
    }
}

impl<S: Store> Registry<S> {
    /// The role table (admin and pending admin).
    pub fn roles(&self) -> &Roles<S> {
        &self.roles
    }

    /// How many attestations were ever recorded; ids run from 1 to this.
    pub fn attestation_count(&self) -> u64 {
        self.attestation_count
    }

    /// Every account ever accredited, with its record, in order.
    pub fn verifiers(&self, store: &impl EdsStore) -> Vec<(AccountId, Accreditation)> {
        (0..self.verifier_count)
            .filter_map(|i| store.verifier(i))
            .filter_map(|v| store.accreditation(v).map(|a| (v, a)))
            .collect()
    }

    /// Accredits `verifier` (again, if it retired). Admin only.
    ///
    /// # Errors
    ///
    /// `Unauthorized`; `AlreadyAccredited`; `VerifierCompromised` (never
    /// again); `TooManyVerifiers`.
    ///
    /// # Events
    ///
    /// [`VerifierAccredited`].
    pub fn accredit(
        &mut self,
        store: &mut impl EdsStore,
        caller: AccountId,
        verifier: AccountId,
        now: Timestamp,
    ) -> Result<Vec<EdsEvent>, Guarded<EdsError>> {
        self.roles.ensure(Role::Admin, caller)?;
        let previous = store.accreditation(verifier);
        match previous {
            Some(a) if a.is_active() => {
                return Err(Guarded::Core(EdsError::AlreadyAccredited { verifier }))
            }
            Some(a) if a.is_compromised() => {
                return Err(Guarded::Core(EdsError::VerifierCompromised { verifier }))
            }
            Some(_) => {}
            None => {
                if self.verifier_count >= MAX_VERIFIERS {
                    return Err(Guarded::Core(EdsError::TooManyVerifiers));
                }
                store.set_verifier(self.verifier_count, verifier);
                // Below MAX_VERIFIERS, so the increment cannot overflow.
                self.verifier_count = self.verifier_count.saturating_add(1);
            }
        }
        store.set_accreditation(
            verifier,
            &Accreditation {
                since: now,
                ended: None,
            },
        );
        Ok(ink::prelude::vec![EdsEvent::Accredited(
            VerifierAccredited {
                verifier,
                by: caller,
                at: now,
            }
        )])
    }

    /// Ends `verifier`'s accreditation. Admin only. See the module docs for
    /// what each reason does to its attestations.
    ///
    /// A verifier that retired and is found compromised afterwards can be
    /// de-accredited again as `Compromised`, which voids every attestation
    /// it ever made; its key may have been used before it retired.
    ///
    /// # Errors
    ///
    /// `Unauthorized`; `NotAccredited` if it is not accredited now, unless
    /// it retired and `reason` is `Compromised`.
    ///
    /// # Events
    ///
    /// [`VerifierDeaccredited`].
    pub fn deaccredit(
        &mut self,
        store: &mut impl EdsStore,
        caller: AccountId,
        verifier: AccountId,
        reason: DeaccreditationReason,
        now: Timestamp,
    ) -> Result<Vec<EdsEvent>, Guarded<EdsError>> {
        self.roles.ensure(Role::Admin, caller)?;
        let record = match store.accreditation(verifier) {
            Some(a) if a.is_active() => a,
            Some(a)
                if reason == DeaccreditationReason::Compromised
                    && matches!(a.ended, Some((_, DeaccreditationReason::Retired))) =>
            {
                a
            }
            _ => return Err(Guarded::Core(EdsError::NotAccredited { account: verifier })),
        };
        store.set_accreditation(
            verifier,
            &Accreditation {
                since: record.since,
                ended: Some((now, reason)),
            },
        );
        Ok(ink::prelude::vec![EdsEvent::Deaccredited(
            VerifierDeaccredited {
                verifier,
                by: caller,
                reason,
                at: now,
            }
        )])
    }

    /// An accredited verifier records an attestation.
    ///
    /// # Errors
    ///
    /// `NotAccredited` (the caller); `SelfAttestation`; `ZeroHash`;
    /// `InvalidValidity`; `CertificateExpired`; `RoleDoesNotMatchHolderKind`;
    /// `AlgorithmDoesNotMatchCa`; `StatementAlreadyUsed`;
    /// `TooManyAttestations`.
    ///
    /// # Events
    ///
    /// [`AttestationRecorded`].
    pub fn attest(
        &mut self,
        store: &mut impl EdsStore,
        caller: AccountId,
        evidence: Evidence,
        now: Timestamp,
    ) -> Result<(AttestationId, Vec<EdsEvent>), EdsError> {
        match store.accreditation(caller) {
            Some(a) if a.is_active() => {}
            _ => return Err(EdsError::NotAccredited { account: caller }),
        }
        if evidence.account == caller {
            return Err(EdsError::SelfAttestation);
        }
        if [
            evidence.cert_serial_hash,
            evidence.subject_commitment,
            evidence.statement_hash,
        ]
        .contains(&ZERO_HASH)
        {
            return Err(EdsError::ZeroHash);
        }
        if evidence.valid_from >= evidence.valid_until {
            return Err(EdsError::InvalidValidity {
                valid_from: evidence.valid_from,
                valid_until: evidence.valid_until,
            });
        }
        if evidence.valid_until < now {
            return Err(EdsError::CertificateExpired {
                valid_until: evidence.valid_until,
            });
        }
        if evidence.role.holder_kind() != evidence.holder_kind {
            return Err(EdsError::RoleDoesNotMatchHolderKind);
        }
        if !evidence.ca.issues(evidence.algorithm) {
            return Err(EdsError::AlgorithmDoesNotMatchCa);
        }
        if let Some(id) = store.statement_use(evidence.statement_hash) {
            return Err(EdsError::StatementAlreadyUsed { id });
        }
        let mut ids = store.attestations_of(evidence.account);
        if ids.len() >= MAX_ATTESTATIONS_PER_ACCOUNT {
            return Err(EdsError::TooManyAttestations);
        }
        let id = self
            .attestation_count
            .checked_add(1)
            .ok_or(EdsError::TooManyAttestations)?;
        self.attestation_count = id;
        ids.push(id);
        store.set_attestations_of(evidence.account, ids);
        store.set_statement_use(evidence.statement_hash, id);
        store.set_attestation(&Attestation {
            id,
            verifier: caller,
            attested_at: now,
            evidence,
            revocation: None,
        });
        Ok((
            id,
            ink::prelude::vec![EdsEvent::Recorded(AttestationRecorded {
                id,
                account: evidence.account,
                verifier: caller,
                holder_kind: evidence.holder_kind,
                role: evidence.role,
                ca: evidence.ca,
                valid_until: evidence.valid_until,
                statement_hash: evidence.statement_hash,
            })],
        ))
    }

    /// Revokes attestation `id`, for good. The verifier that recorded it
    /// (accredited or not: revoking only removes trust) or the admin.
    ///
    /// # Errors
    ///
    /// `UnknownAttestation`; `NotRevoker`; `ReasonReserved` for
    /// `VerifierCompromised`; `AlreadyRevoked`.
    ///
    /// # Events
    ///
    /// [`AttestationRevoked`].
    pub fn revoke(
        &mut self,
        store: &mut impl EdsStore,
        caller: AccountId,
        id: AttestationId,
        reason: RevocationReason,
        now: Timestamp,
    ) -> Result<Vec<EdsEvent>, EdsError> {
        let mut attestation = store
            .attestation(id)
            .ok_or(EdsError::UnknownAttestation { id })?;
        if caller != attestation.verifier && !self.roles.has(Role::Admin, caller) {
            return Err(EdsError::NotRevoker { caller });
        }
        if reason == RevocationReason::VerifierCompromised {
            return Err(EdsError::ReasonReserved);
        }
        if attestation.revocation.is_some() {
            return Err(EdsError::AlreadyRevoked { id });
        }
        attestation.revocation = Some(Revocation {
            by: caller,
            at: now,
            reason,
        });
        store.set_attestation(&attestation);
        Ok(ink::prelude::vec![EdsEvent::Revoked(AttestationRevoked {
            id,
            account: attestation.evidence.account,
            by: caller,
            reason,
            at: now,
        })])
    }

    /// Why attestation `id` no longer counts, if it was revoked or its
    /// verifier was de-accredited as compromised. Expiry is not an
    /// invalidation: what was accepted while a certificate was valid stays
    /// valid.
    pub fn invalidation(
        &self,
        store: &impl EdsStore,
        id: AttestationId,
    ) -> Option<RevocationReason> {
        let attestation = store.attestation(id)?;
        if let Some(r) = attestation.revocation {
            return Some(r.reason);
        }
        store
            .accreditation(attestation.verifier)
            .filter(Accreditation::is_compromised)
            .map(|_| RevocationReason::VerifierCompromised)
    }

    /// Whether attestation `id` is valid at `at` and meets `requirement`.
    ///
    /// # Errors
    ///
    /// `UnknownAttestation`, `Revoked`, `AttestedByCompromisedVerifier`,
    /// `NotYetValid`, `Expired`, `TestCaNotAccepted`, `WrongHolderKind`,
    /// `WrongRole`, in that order of precedence.
    pub fn evaluate(
        &self,
        store: &impl EdsStore,
        id: AttestationId,
        at: Timestamp,
        requirement: &Requirement,
    ) -> Result<(), EdsError> {
        let a = store
            .attestation(id)
            .ok_or(EdsError::UnknownAttestation { id })?;
        if let Some(r) = a.revocation {
            if r.at <= at {
                return Err(EdsError::Revoked {
                    id,
                    reason: r.reason,
                });
            }
        }
        if store
            .accreditation(a.verifier)
            .is_some_and(|acc| acc.is_compromised())
        {
            return Err(EdsError::AttestedByCompromisedVerifier {
                id,
                verifier: a.verifier,
            });
        }
        let from = a.evidence.valid_from.max(a.attested_at);
        if at < from {
            return Err(EdsError::NotYetValid { id, from });
        }
        if at > a.evidence.valid_until {
            return Err(EdsError::Expired {
                id,
                valid_until: a.evidence.valid_until,
            });
        }
        if a.evidence.ca.is_test() && !requirement.accept_test_cas {
            return Err(EdsError::TestCaNotAccepted { id });
        }
        if a.evidence.holder_kind != requirement.holder_kind {
            return Err(EdsError::WrongHolderKind {
                id,
                required: requirement.holder_kind,
                actual: a.evidence.holder_kind,
            });
        }
        if !requirement.roles.contains(a.evidence.role) {
            return Err(EdsError::WrongRole {
                id,
                actual: a.evidence.role,
            });
        }
        Ok(())
    }

    /// The newest attestation of `account` that is valid at `at` and meets
    /// `requirement`.
    ///
    /// # Errors
    ///
    /// `InvalidRequirement`; `NoAttestation` if the account has none;
    /// otherwise, if none qualifies, the reason the newest one fails
    /// (see [`Registry::evaluate`]).
    pub fn check(
        &self,
        store: &impl EdsStore,
        account: AccountId,
        at: Timestamp,
        requirement: &Requirement,
    ) -> Result<AttestationId, EdsError> {
        requirement.validate()?;
        let ids = store.attestations_of(account);
        let mut newest_error = None;
        for id in ids.iter().rev() {
            match self.evaluate(store, *id, at, requirement) {
                Ok(()) => return Ok(*id),
                Err(e) => {
                    newest_error.get_or_insert(e);
                }
            }
        }
        Err(newest_error.unwrap_or(EdsError::NoAttestation { account }))
    }

    /// First step of the admin handover.
    ///
    /// # Errors
    ///
    /// `Unauthorized`.
    ///
    /// # Events
    ///
    /// `AdminTransferProposed`.
    pub fn propose_admin(
        &mut self,
        caller: AccountId,
        proposed: AccountId,
    ) -> Result<Vec<EdsEvent>, Guarded<EdsError>> {
        Ok(self
            .roles
            .propose_admin(caller, proposed)?
            .into_iter()
            .map(EdsEvent::Roles)
            .collect())
    }

    /// Second step of the admin handover.
    ///
    /// # Errors
    ///
    /// `NoPendingAdmin`, `NotPendingAdmin`.
    ///
    /// # Events
    ///
    /// `AdminTransferred`.
    pub fn accept_admin(&mut self, caller: AccountId) -> Result<Vec<EdsEvent>, Guarded<EdsError>> {
        Ok(self
            .roles
            .accept_admin(caller)?
            .into_iter()
            .map(EdsEvent::Roles)
            .collect())
    }
}

/// The registry as other contracts call it. A template takes the registry's
/// address at instantiation and asks [`EdsRegistry::check`] before it
/// records an acceptance.
#[ink::trait_definition]
pub trait EdsRegistry {
    /// The newest attestation of `account` valid at `at` (milliseconds) that
    /// meets `requirement`.
    ///
    /// # Errors
    ///
    /// See [`Registry::check`].
    #[ink(message)]
    fn check(
        &self,
        account: AccountId,
        at: Timestamp,
        requirement: Requirement,
    ) -> Result<AttestationId, EdsError>;

    /// Why attestation `id` no longer counts (revoked, or its verifier was
    /// compromised); `None` if it still counts or does not exist.
    #[ink(message)]
    fn invalidation(&self, id: AttestationId) -> Option<RevocationReason>;

    /// Attestation `id`, for auditors.
    #[ink(message)]
    fn attestation(&self, id: AttestationId) -> Option<Attestation>;
}

#[cfg(test)]
mod tests;
