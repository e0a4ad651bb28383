//! # Agreement anchor
//!
//! The on-chain contract points at the natural-language master agreement the
//! parties signed with Kazakhstan's Electronic Digital Signature: a document
//! signed with the EDS of an authorised person equals a signed paper
//! document (Law No. 370-II of 7 January 2003 "On Electronic Document and
//! Electronic Digital Signature", Art. 7(1)), and an exchange of electronic
//! documents is written form (Civil Code of the Republic of Kazakhstan,
//! Art. 152). See `docs/legal-basis.md`.
//!
//! The core stores the SHA-256 hash of the agreement and its version, the
//! parties, and each party's acceptance (account and block time). The
//! agreement becomes effective when every party accepted the same hash and
//! version. An amendment is a new hash and a higher version that every party
//! must accept again; until then the effective version keeps governing.
//!
//! ```text
//! Pending --last acceptance--> Effective(v1) --propose(v2)--> Effective(v1) + Pending(v2)
//!                                               --last acceptance of v2--> Effective(v2)
//! ```
//!
//! ## Security considerations
//!
//! IMPORTANT: never put the document, its text or a link to it on chain: it
//! holds personal data, and a ledger cannot delete. Only its hash.
//!
//! The core does not check who the account belongs to; the EDS registry
//! gate (see `docs/eds.md`) does, before the contract calls [`Agreement::accept`].
pub mod conformance;
mod errors;
mod events;

pub use errors::AgreementError;
pub use events::{
    AcceptanceAttestationInvalidated, AgreementAccepted, AgreementAnchored, AgreementEffective,
    AgreementEvent, AmendmentProposed,
};

use ink::prelude::vec::Vec;

use crate::{
    eds::{AttestationId, RevocationReason},
    store::{Store, ACCEPTANCES, CONFIG_DIGEST, PARTIES, PARTY_INDEX},
    types::{AccountId, Hash32, Timestamp, ZERO_HASH},
};

/// At most this many parties.
pub const MAX_PARTIES: usize = 8;

/// Most acceptances the permanent record keeps (every version's, for every
/// party). Each is its own storage entry, but noting an invalidated
/// attestation reads the whole record, so it stays bounded. An amendment
/// that would not leave room for every party's acceptance is refused up
/// front ([`AgreementError::HistoryFull`]).
pub const MAX_HISTORY: usize = 32;

/// A version of the master agreement.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terms {
    /// SHA-256 of the exact bytes of the signed document.
    pub hash: Hash32,
    /// Starts at 1; every amendment increases it.
    pub version: u32,
}

/// A party's acceptance of a version.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Acceptance {
    /// The party.
    pub party: AccountId,
    /// The version accepted.
    pub version: u32,
    /// Block time of the acceptance.
    pub at: Timestamp,
    /// The EDS registry attestation that was valid for the party when it
    /// accepted (see [`crate::eds`]).
    pub attestation: AttestationId,
    /// Set if that attestation was later revoked, or its verifier found
    /// compromised. The acceptance stays on record: it was valid when made.
    pub invalidated: Option<RevocationReason>,
}

/// The anchor: the versions and counters here; the parties and every
/// acceptance as entries of a [`Store`] (see [`crate::store`]).
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agreement<S> {
    party_count: u32,
    /// The version that governs, once every party accepted one.
    effective: Option<Terms>,
    /// The version awaiting acceptance, if any.
    pending: Option<Terms>,
    /// Where the acceptances of `pending` start in the record.
    pending_from: u32,
    /// How many acceptances the record holds.
    history_len: u32,
    store: S,
}

fn check_terms(terms: Terms) -> Result<(), AgreementError> {
    if terms.hash == ZERO_HASH {
        return Err(AgreementError::ZeroHash);
    }
    if terms.version == 0 {
        return Err(AgreementError::InvalidVersion {
            version: terms.version,
        });
    }
    Ok(())
}

impl<S: Store + Default> Agreement<S> {
    /// Anchors `terms` for `parties`, under the contract's `config_digest`
    /// (the SHA-256 of its SCALE-encoded instantiation parameters, which
    /// the contract computes); nothing is effective until every party
    /// accepts, quoting the same digest.
    ///
    /// # Errors
    ///
    /// `ZeroHash` (terms or digest), `InvalidVersion`, `InvalidPartyCount`,
    /// `DuplicateParty`.
    ///
    /// # Events
    ///
    /// [`AgreementAnchored`].
    pub fn new(
        parties: Vec<AccountId>,
        terms: Terms,
        config_digest: Hash32,
    ) -> Result<(Self, Vec<AgreementEvent>), AgreementError> {
        check_terms(terms)?;
        if config_digest == ZERO_HASH {
            return Err(AgreementError::ZeroHash);
        }
        let count = u32::try_from(parties.len()).unwrap_or(u32::MAX);
        if parties.len() < 2 || parties.len() > MAX_PARTIES {
            return Err(AgreementError::InvalidPartyCount { count });
        }
        for (i, p) in parties.iter().enumerate() {
            if parties.iter().skip(i.saturating_add(1)).any(|q| q == p) {
                return Err(AgreementError::DuplicateParty { account: *p });
            }
        }
        let mut agreement = Self {
            party_count: count,
            effective: None,
            pending: Some(terms),
            pending_from: 0,
            history_len: 0,
            store: S::default(),
        };
        for (index, party) in (0u32..).zip(parties.iter()) {
            agreement.store.set(PARTIES, &index, party);
            agreement.store.set(PARTY_INDEX, party, &index);
        }
        agreement.store.set(CONFIG_DIGEST, &(), &config_digest);
        let event = AgreementEvent::Anchored(AgreementAnchored {
            hash: terms.hash,
            version: terms.version,
            parties,
        });
        Ok((agreement, ink::prelude::vec![event]))
    }
}

impl<S: Store> Agreement<S> {
    /// The store handle: in a unit test, the in-memory entries this core
    /// wrote (each item's own storage value).
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The parties, in the order they were named.
    pub fn parties(&self) -> Vec<AccountId> {
        (0..self.party_count)
            .filter_map(|i| self.store.get(PARTIES, &i))
            .collect()
    }

    /// Whether `account` is a party.
    pub fn is_party(&self, account: AccountId) -> bool {
        self.party_index(account).is_some()
    }

    /// The SHA-256 of the contract's SCALE-encoded instantiation
    /// parameters, which every acceptance must quote.
    ///
    /// # Panics
    ///
    /// If the digest's entry is missing ([`Store::expect`]):
    /// [`Agreement::new`] writes it.
    pub fn config_digest(&self) -> Hash32 {
        self.store.expect(CONFIG_DIGEST, &())
    }

    /// Where `account` stands in the party list, if it is a party.
    pub fn party_index(&self, account: AccountId) -> Option<u32> {
        self.store.get(PARTY_INDEX, &account)
    }

    /// Replaces the configuration digest: the contract changed a parameter
    /// the digest covers (the clause, by `replace_clause`) before anyone
    /// accepted.
    ///
    /// # Errors
    ///
    /// `ZeroHash`; [`AgreementError::AlreadyAccepted`] (naming the first
    /// party who accepted) once any acceptance was recorded: from then on
    /// the parameters are fixed.
    pub fn rebind_config(&mut self, config_digest: Hash32) -> Result<(), AgreementError> {
        if config_digest == ZERO_HASH {
            return Err(AgreementError::ZeroHash);
        }
        if let Some(first) = self.store.get::<_, Acceptance>(ACCEPTANCES, &0u32) {
            return Err(AgreementError::AlreadyAccepted { party: first.party });
        }
        self.store.set(CONFIG_DIGEST, &(), &config_digest);
        Ok(())
    }

    /// The governing version, if every party accepted one.
    pub fn effective(&self) -> Option<Terms> {
        self.effective
    }

    /// The version awaiting acceptance, if any.
    pub fn pending(&self) -> Option<Terms> {
        self.pending
    }

    fn record(&self, from: u32) -> Vec<Acceptance> {
        (from..self.history_len)
            .filter_map(|i| self.store.get(ACCEPTANCES, &i))
            .collect()
    }

    /// Acceptances of the pending version so far.
    pub fn acceptances(&self) -> Vec<Acceptance> {
        if self.pending.is_none() {
            return Vec::new();
        }
        self.record(self.pending_from)
    }

    /// Every acceptance ever recorded, oldest first.
    pub fn history(&self) -> Vec<Acceptance> {
        self.record(0)
    }

    /// How many acceptances the record holds.
    pub fn history_len(&self) -> usize {
        usize::try_from(self.history_len).unwrap_or(usize::MAX)
    }

    /// Whether any acceptance was ever recorded (the clause locks then).
    pub fn any_acceptance(&self) -> bool {
        self.history_len > 0
    }

    /// # Errors
    ///
    /// `NotEffective` until every party accepted a version.
    pub fn ensure_effective(&self) -> Result<Terms, AgreementError> {
        self.effective.ok_or(AgreementError::NotEffective)
    }

    /// # Errors
    ///
    /// `NotAParty`.
    pub fn ensure_party(&self, caller: AccountId) -> Result<(), AgreementError> {
        if self.is_party(caller) {
            Ok(())
        } else {
            Err(AgreementError::NotAParty { caller })
        }
    }

    /// `caller` accepts `terms`, which must be the pending version, and the
    /// instantiation parameters whose SHA-256 is `config_digest`, which must
    /// be the contract's: what a party accepts is what runs. When the last
    /// party accepts, the version becomes effective.
    ///
    /// IMPORTANT: the contract must first ask the EDS registry for a valid
    /// `attestation` of `caller` (see [`crate::eds::EdsRegistry::check`]);
    /// this core records it and trusts it.
    ///
    /// # Errors
    ///
    /// `NotAParty`, `NothingToAccept`, `TermsMismatch`, `ConfigMismatch`,
    /// `AlreadyAccepted`.
    ///
    /// # Events
    ///
    /// [`AgreementAccepted`], and [`AgreementEffective`] with the last acceptance.
    pub fn accept(
        &mut self,
        caller: AccountId,
        terms: Terms,
        config_digest: Hash32,
        now: Timestamp,
        attestation: AttestationId,
    ) -> Result<Vec<AgreementEvent>, AgreementError> {
        self.ensure_party(caller)?;
        let pending = self.pending.ok_or(AgreementError::NothingToAccept)?;
        if pending != terms {
            return Err(AgreementError::TermsMismatch {
                expected_version: pending.version,
                given_version: terms.version,
            });
        }
        let expected = self.config_digest();
        if config_digest != expected {
            return Err(AgreementError::ConfigMismatch {
                expected,
                given: config_digest,
            });
        }
        if self.acceptances().iter().any(|a| a.party == caller) {
            return Err(AgreementError::AlreadyAccepted { party: caller });
        }
        let acceptance = Acceptance {
            party: caller,
            version: pending.version,
            at: now,
            attestation,
            invalidated: None,
        };
        // An amendment is proposed only with room for every party's
        // acceptance ([`MAX_HISTORY`]), so the record stays far below u32.
        let index = self.history_len;
        self.store.set(ACCEPTANCES, &index, &acceptance);
        self.history_len = index.saturating_add(1);
        let mut events = ink::prelude::vec![AgreementEvent::Accepted(AgreementAccepted {
            party: caller,
            hash: pending.hash,
            version: pending.version,
            at: now,
            attestation,
        })];
        if self.history_len.saturating_sub(self.pending_from) == self.party_count {
            self.effective = Some(pending);
            self.pending = None;
            self.pending_from = self.history_len;
            events.push(AgreementEvent::Effective(AgreementEffective {
                hash: pending.hash,
                version: pending.version,
                at: now,
            }));
        }
        Ok(events)
    }

    /// A party proposes an amendment. It replaces any earlier pending
    /// proposal (whose acceptances lapse); the effective version keeps
    /// governing until every party accepts the new one, the proposer
    /// included.
    ///
    /// # Errors
    ///
    /// `NotAParty`, `ZeroHash`, `InvalidVersion`, `VersionNotIncreasing`;
    /// `HistoryFull` if the record could not take every party's acceptance
    /// of it ([`MAX_HISTORY`]): the effective version then keeps governing.
    ///
    /// # Events
    ///
    /// [`AmendmentProposed`].
    pub fn propose_amendment(
        &mut self,
        caller: AccountId,
        terms: Terms,
        now: Timestamp,
    ) -> Result<Vec<AgreementEvent>, AgreementError> {
        self.ensure_party(caller)?;
        check_terms(terms)?;
        let current = self
            .pending
            .iter()
            .chain(self.effective.iter())
            .map(|t| t.version)
            .max()
            .unwrap_or(0);
        if terms.version <= current {
            return Err(AgreementError::VersionNotIncreasing {
                current,
                given: terms.version,
            });
        }
        let needed = self.history_len.saturating_add(self.party_count);
        if usize::try_from(needed).map_or(true, |n| n > MAX_HISTORY) {
            return Err(AgreementError::HistoryFull);
        }
        self.pending = Some(terms);
        self.pending_from = self.history_len;
        Ok(ink::prelude::vec![AgreementEvent::AmendmentProposed(
            AmendmentProposed {
                by: caller,
                hash: terms.hash,
                version: terms.version,
                at: now,
            }
        )])
    }

    /// Notes that `attestation`, on which `party` accepted, was revoked or
    /// its verifier found compromised. The contract must first confirm
    /// `reason` with the EDS registry
    /// ([`crate::eds::EdsRegistry::invalidation`]). The acceptances stay on
    /// record, marked.
    ///
    /// # Errors
    ///
    /// `UnknownAcceptanceAttestation` if `party` never accepted with it;
    /// `InvalidationAlreadyNoted`.
    ///
    /// # Events
    ///
    /// [`AcceptanceAttestationInvalidated`].
    pub fn note_invalidated(
        &mut self,
        party: AccountId,
        attestation: AttestationId,
        reason: RevocationReason,
        now: Timestamp,
    ) -> Result<Vec<AgreementEvent>, AgreementError> {
        let matching: Vec<(u32, Acceptance)> = (0..self.history_len)
            .filter_map(|i| Some((i, self.store.get::<_, Acceptance>(ACCEPTANCES, &i)?)))
            .filter(|(_, a)| a.party == party && a.attestation == attestation)
            .collect();
        if matching.is_empty() {
            return Err(AgreementError::UnknownAcceptanceAttestation { party, attestation });
        }
        if matching.iter().any(|(_, a)| a.invalidated.is_some()) {
            return Err(AgreementError::InvalidationAlreadyNoted { party });
        }
        let mut versions = Vec::new();
        for (index, mut a) in matching {
            a.invalidated = Some(reason);
            self.store.set(ACCEPTANCES, &index, &a);
            versions.push(a.version);
        }
        Ok(ink::prelude::vec![AgreementEvent::AttestationInvalidated(
            AcceptanceAttestationInvalidated {
                party,
                attestation,
                reason,
                versions,
                at: now,
            }
        )])
    }
}

#[cfg(test)]
mod tests;
