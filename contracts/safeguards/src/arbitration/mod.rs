//! # Arbitration clause reference
//!
//! A typed reference to the dispute-resolution clause of the master
//! agreement: forum, rules and their version, seat, language, number of
//! arbitrators, governing law, and the SHA-256 of the clause text. Disputes
//! under AIFC law go to the AIFC Court (AIFC Court Regulations 2017, Court
//! Rules 2018) or the International Arbitration Centre under the IAC
//! Arbitration and Mediation Rules 2022; disputes under national law to the
//! courts of the Republic of Kazakhstan. See `docs/legal-basis.md`.
//!
//! The seat must be stated expressly: in case AIFC-C/CFI/2025/0053 the AIFC
//! Court had to interpret an unclear clause to fix it.
//!
//! The clause may be replaced by the admin only until the first acceptance of
//! the agreement is recorded; from then on it is fixed, because parties
//! accepted a document that contains it.
pub mod conformance;
mod errors;
mod events;

pub use errors::ArbitrationError;
pub use events::{ArbitrationClauseSet, ArbitrationEvent};

use crate::{
    roles::{Guarded, Role, Roles},
    store::{Store, CLAUSE},
    types::{AccountId, Hash32, ZERO_HASH},
};

/// Where disputes go.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forum {
    /// The AIFC Court.
    AifcCourt,
    /// Arbitration at the AIFC International Arbitration Centre.
    IacArbitration,
    /// Mediation at the AIFC International Arbitration Centre.
    IacMediation,
    /// The courts of the Republic of Kazakhstan.
    KazakhstanCourt,
}

/// Procedural rules; their version (year) is [`ArbitrationClause::rules_version`].
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rules {
    /// AIFC Court Rules (2018).
    AifcCourtRules,
    /// IAC Arbitration and Mediation Rules (2022).
    IacArbitrationAndMediationRules,
    /// Civil Procedure Code of the Republic of Kazakhstan.
    KazakhstanCivilProcedureCode,
}

/// The legal seat.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seat {
    /// The AIFC, Astana.
    AifcAstana,
    /// Astana, outside the AIFC.
    Astana,
    /// Almaty.
    Almaty,
    /// Shymkent.
    Shymkent,
}

/// Language of the proceedings.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// English (the AIFC's language).
    English,
    /// Kazakh.
    Kazakh,
    /// Russian.
    Russian,
}

/// The law that governs the agreement.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoverningLaw {
    /// AIFC law (English common law principles; AIFC Contract Regulations No. 3 of 2017).
    AifcLaw,
    /// The law of the Republic of Kazakhstan (Civil Code).
    KazakhstanLaw,
}

/// The clause. `seat` is an `Option` so that a missing seat is a clear error
/// rather than a silent default.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArbitrationClause {
    /// Where disputes go.
    pub forum: Forum,
    /// The procedural rules.
    pub rules: Rules,
    /// The version of the rules, as a year (e.g. 2022).
    pub rules_version: u16,
    /// The seat; required.
    pub seat: Option<Seat>,
    /// Language of the proceedings.
    pub language: Language,
    /// 1 or 3.
    pub arbitrators: u8,
    /// The governing law.
    pub governing_law: GoverningLaw,
    /// SHA-256 of the clause text as it stands in the master agreement.
    pub clause_hash: Hash32,
}

impl ArbitrationClause {
    /// Checks the clause.
    ///
    /// # Errors
    ///
    /// `SeatRequired`; `AifcSeatRequired` for AIFC Court and IAC forums
    /// seated elsewhere; `RulesDoNotMatchForum`; `RulesVersionRequired`;
    /// `InvalidArbitratorCount` unless 1 or 3; `ZeroClauseHash`.
    pub fn validate(&self) -> Result<(), ArbitrationError> {
        let seat = self.seat.ok_or(ArbitrationError::SeatRequired)?;
        let aifc_forum = matches!(
            self.forum,
            Forum::AifcCourt | Forum::IacArbitration | Forum::IacMediation
        );
        if aifc_forum && seat != Seat::AifcAstana {
            return Err(ArbitrationError::AifcSeatRequired);
        }
        let rules_match = matches!(
            (self.forum, self.rules),
            (Forum::AifcCourt, Rules::AifcCourtRules)
                | (
                    Forum::IacArbitration | Forum::IacMediation,
                    Rules::IacArbitrationAndMediationRules
                )
                | (Forum::KazakhstanCourt, Rules::KazakhstanCivilProcedureCode)
        );
        if !rules_match {
            return Err(ArbitrationError::RulesDoNotMatchForum);
        }
        if self.rules_version == 0 {
            return Err(ArbitrationError::RulesVersionRequired);
        }
        if self.arbitrators != 1 && self.arbitrators != 3 {
            return Err(ArbitrationError::InvalidArbitratorCount {
                count: self.arbitrators,
            });
        }
        if self.clause_hash == ZERO_HASH {
            return Err(ArbitrationError::ZeroClauseHash);
        }
        Ok(())
    }
}

/// The clause holder. The clause is one entry of a [`Store`] (see
/// [`crate::store`]): only the messages that read or replace it load it.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arbitration<S> {
    store: S,
}

impl<S: Store + Default> Arbitration<S> {
    /// Sets the clause at instantiation.
    ///
    /// # Errors
    ///
    /// See [`ArbitrationClause::validate`].
    ///
    /// # Events
    ///
    /// [`ArbitrationClauseSet`].
    pub fn new(
        clause: ArbitrationClause,
        by: AccountId,
    ) -> Result<(Self, ink::prelude::vec::Vec<ArbitrationEvent>), ArbitrationError> {
        clause.validate()?;
        let mut arbitration = Self {
            store: S::default(),
        };
        arbitration.store.set(CLAUSE, &(), &clause);
        Ok((
            arbitration,
            ink::prelude::vec![ArbitrationEvent::ClauseSet(ArbitrationClauseSet {
                clause,
                by
            })],
        ))
    }
}

impl<S: Store> Arbitration<S> {
    /// The store handle: in a unit test, the in-memory entries this core
    /// wrote.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The clause in force.
    ///
    /// # Panics
    ///
    /// If the clause's entry is missing ([`Store::expect`]):
    /// [`Arbitration::new`] writes it and only [`Arbitration::replace`]
    /// rewrites it.
    pub fn clause(&self) -> ArbitrationClause {
        self.store.expect(CLAUSE, &())
    }

    /// Replaces the clause. Admin only, and only while no party has accepted
    /// the agreement (`any_acceptance` is false).
    ///
    /// # Errors
    ///
    /// `Unauthorized`; `ClauseLocked`; see [`ArbitrationClause::validate`].
    ///
    /// # Events
    ///
    /// [`ArbitrationClauseSet`].
    pub fn replace(
        &mut self,
        roles: &Roles<impl Store>,
        caller: AccountId,
        clause: ArbitrationClause,
        any_acceptance: bool,
    ) -> Result<ink::prelude::vec::Vec<ArbitrationEvent>, Guarded<ArbitrationError>> {
        roles.ensure(Role::Admin, caller)?;
        if any_acceptance {
            return Err(ArbitrationError::ClauseLocked.into());
        }
        clause.validate()?;
        self.store.set(CLAUSE, &(), &clause);
        Ok(ink::prelude::vec![ArbitrationEvent::ClauseSet(
            ArbitrationClauseSet { clause, by: caller }
        )])
    }
}

#[cfg(test)]
mod tests;
