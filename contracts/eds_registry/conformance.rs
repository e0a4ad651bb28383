//! The roles conformance suite, mounted on the registry core: the only
//! safeguard the registry embeds is its role table (an admin, a two-step
//! handover, admin-only accreditation). It holds no funds and has no
//! parties, so the other suites do not apply.
use ink::primitives::AccountId;
use safeguards::{
    eds::{DeaccreditationReason, EdsEvent, MemRecords, Registry},
    roles::{conformance::RolesHarness, Roles, RolesEvent},
    store::MemStore,
};

use crate::Error;

const ADMIN: u8 = 1;
const VERIFIER: u8 = 20;
const STRANGER: u8 = 99;
const T: u64 = 1_000_000;

fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

/// The registry core and its records, as the contract's messages drive
/// them: an admin and one accredited verifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryHarness {
    core: Registry<MemStore>,
    records: MemRecords,
}

fn roles_events(events: Vec<EdsEvent>) -> Vec<RolesEvent> {
    events
        .into_iter()
        .filter_map(|e| match e {
            EdsEvent::Roles(e) => Some(e),
            _ => None,
        })
        .collect()
}

impl RolesHarness for RegistryHarness {
    type Error = Error;

    fn instantiated() -> Self {
        let mut h = Self {
            core: Registry::new(acc(ADMIN)),
            records: MemRecords::default(),
        };
        h.core
            .accredit(&mut h.records, acc(ADMIN), acc(VERIFIER), T)
            .unwrap();
        h
    }

    fn admin(&self) -> AccountId {
        acc(ADMIN)
    }

    fn others(&self) -> Vec<AccountId> {
        vec![acc(VERIFIER), acc(STRANGER)]
    }

    fn roles(&self) -> &Roles<MemStore> {
        self.core.roles()
    }

    fn propose_admin(
        &mut self,
        caller: AccountId,
        new: AccountId,
    ) -> Result<Vec<RolesEvent>, Error> {
        Ok(roles_events(self.core.propose_admin(caller, new)?))
    }

    fn accept_admin(&mut self, caller: AccountId) -> Result<Vec<RolesEvent>, Error> {
        Ok(roles_events(self.core.accept_admin(caller)?))
    }

    fn admin_messages(&self, caller: AccountId) -> Vec<(&'static str, Result<(), Error>)> {
        let mut accredit = self.clone();
        let mut deaccredit = self.clone();
        let mut propose = self.clone();
        vec![
            (
                "accredit_verifier",
                accredit
                    .core
                    .accredit(&mut accredit.records, caller, acc(STRANGER), T)
                    .map(|_| ())
                    .map_err(Error::from),
            ),
            (
                "deaccredit_verifier",
                deaccredit
                    .core
                    .deaccredit(
                        &mut deaccredit.records,
                        caller,
                        acc(VERIFIER),
                        DeaccreditationReason::Retired,
                        T,
                    )
                    .map(|_| ())
                    .map_err(Error::from),
            ),
            (
                "propose_admin",
                propose
                    .core
                    .propose_admin(caller, acc(STRANGER))
                    .map(|_| ())
                    .map_err(Error::from),
            ),
        ]
    }
}

safeguards::roles_conformance!(RegistryHarness);
