//! The storage cells each `service_agreement` message touches, counted on
//! the escrow core itself.
//!
//! pallet-contracts does not report which storage keys a call read, so
//! `shart bench` runs the core (`Escrow`) over [`ThreadStore`]: a store with
//! the contract's own semantics (every core of one contract reaches the
//! same storage, as `safeguards::store::InkStore` does) that records each
//! distinct key read and written. The shell adds one cell, the root value:
//! ink! 5 decodes it on every message and writes it back after every
//! state-changing message that succeeds. The messages run in the same
//! order, with the same arguments, as the drink flow of `shart bench`.
use std::{cell::RefCell, collections::BTreeSet};

use anyhow::{anyhow, Result};
use scale::{Decode, Encode};

use safeguards::{
    agreement::Terms,
    kit::Mount,
    review::Verdict,
    roles::Role,
    store::{MemStore, Store},
    AccountId,
};
use service_agreement::escrow::{Config, Escrow, MAX_EVIDENCE_PER_DISPUTE};

use crate::fixtures::{self, doc, sha256, Accounts, DAY, MASTER_AGREEMENT, MILESTONES, T0};

#[derive(Default)]
struct Record {
    entries: MemStore,
    read: BTreeSet<Vec<u8>>,
    written: BTreeSet<Vec<u8>>,
}

thread_local! {
    static STORAGE: RefCell<Record> = RefCell::new(Record::default());
}

/// One contract's storage, in memory, shared by every handle on the thread
/// (like `InkStore`, zero-sized), recording the keys it reads and writes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Encode, Decode)]
pub struct ThreadStore;

impl Store for ThreadStore {
    fn get<K: Encode, V: Encode + Decode>(&self, cell: u32, key: &K) -> Option<V> {
        STORAGE.with(|s| {
            let mut s = s.borrow_mut();
            s.read.insert((cell, key).encode());
            s.entries.get(cell, key)
        })
    }

    fn set<K: Encode, V: Encode + Decode>(&mut self, cell: u32, key: &K, value: &V) {
        STORAGE.with(|s| {
            let mut s = s.borrow_mut();
            s.written.insert((cell, key).encode());
            s.entries.set(cell, key, value);
        });
    }

    fn remove<K: Encode>(&mut self, cell: u32, key: &K) {
        STORAGE.with(|s| {
            let mut s = s.borrow_mut();
            s.written.insert((cell, key).encode());
            s.entries.remove(cell, key);
        });
    }
}

/// The cells one message touched, the root value included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cells {
    /// Distinct storage values read.
    pub read: usize,
    /// Distinct storage values written (set or removed).
    pub written: usize,
}

/// Everything the model measures.
#[derive(Debug, Clone)]
pub struct StorageFigures {
    /// Per message, labelled as in the gas table.
    pub messages: Vec<(String, Cells)>,
    /// The largest value of each table after the flow, as (table, bytes),
    /// the root first (table `None`).
    pub largest: Vec<(Option<u32>, usize)>,
}

struct Model {
    escrow: Escrow<ThreadStore>,
    messages: Vec<(String, Cells)>,
}

fn reset() {
    STORAGE.with(|s| {
        let mut s = s.borrow_mut();
        s.read.clear();
        s.written.clear();
    });
}

fn taken() -> Cells {
    STORAGE.with(|s| {
        let s = s.borrow();
        // The root: read by every message, written by a successful
        // state-changing one (every message measured here is one).
        Cells {
            read: s.read.len().saturating_add(1),
            written: s.written.len().saturating_add(1),
        }
    })
}

impl Model {
    fn step<E>(
        &mut self,
        label: &str,
        message: impl FnOnce(
            &mut Escrow<ThreadStore>,
        )
            -> Result<safeguards::effects::Effects<E>, service_agreement::Error>,
    ) -> Result<()> {
        reset();
        message(&mut self.escrow).map_err(|e| anyhow!("model step `{label}` failed: {e:?}"))?;
        self.messages.push((label.to_owned(), taken()));
        Ok(())
    }
}

fn ink(account: &drink::AccountId32) -> AccountId {
    crate::runtime::ink_account(account)
}

/// Runs the bench flow on the core and counts the cells of each message.
///
/// # Errors
///
/// If a step the drink flow takes is refused by the core.
pub fn measure(config: Config, accounts: &Accounts) -> Result<StorageFigures> {
    STORAGE.with(|s| *s.borrow_mut() = Record::default());
    let a = accounts;
    reset();
    let digest = fixtures::config_digest(&config);
    let (escrow, _) = Escrow::<ThreadStore>::new(ink(&a.admin), config, digest)
        .map_err(|e| anyhow!("model instantiation failed: {e:?}"))?;
    let mut m = Model {
        escrow,
        messages: vec![("new (instantiate)".to_owned(), taken())],
    };
    let terms = Terms {
        hash: sha256(MASTER_AGREEMENT.as_bytes()),
        version: 1,
    };
    let (client, contractor) = (ink(&a.client), ink(&a.contractor));
    let contract = ink(&a.stranger);
    // Acceptance reads the gate entry, as the shell does, before the kit.
    for (label, who, attestation) in [
        ("accept_agreement (first party)", client, 1),
        ("accept_agreement (last party: effective)", contractor, 2),
    ] {
        m.step(label, |e| {
            e.safeguards()
                .eds_requirement(who)
                .map_err(service_agreement::Error::from)?;
            e.safeguarded(|s| s.accept_agreement(who, terms, s.config_digest(), T0, attestation))
        })?;
    }
    let total: u128 = MILESTONES.iter().sum();
    m.step("fund", |e| e.fund(client, total))?;
    m.step("mark_delivered", |e| {
        e.mark_delivered(contractor, 0, T0 + DAY)
    })?;
    m.step("approve_milestone (release)", |e| e.approve(client, 0))?;
    m.escrow
        .mark_delivered(contractor, 1, T0 + 2 * DAY)
        .map_err(|e| anyhow!("{e:?}"))?;
    let t = T0 + 5 * DAY;
    m.step("auto_release (records the automated decision)", |e| {
        e.auto_release(contract, 1, t)
    })?;
    m.step("request_review", |e| {
        e.safeguarded(|s| s.request_review(client, 1, doc("reasons"), t))
    })?;
    let reviewer = ink(&a.reviewer);
    m.step("resolve_review (uphold)", |e| {
        e.safeguarded(|s| s.resolve_review(reviewer, 1, None::<Verdict>, doc("reasoning"), t))
    })?;
    m.step(
        "execute_decision (automated release; baseline: auto_release)",
        |e| e.execute_decision(1, t),
    )?;
    let t = T0 + 6 * DAY;
    m.escrow
        .mark_delivered(contractor, 2, t)
        .map_err(|e| anyhow!("{e:?}"))?;
    m.step("raise_dispute", |e| {
        e.raise_dispute(client, 2, doc("e1"), t)
    })?;
    m.step("submit_evidence", |e| {
        e.safeguarded(|s| s.submit_evidence(contractor, 0, doc("e2"), MAX_EVIDENCE_PER_DISPUTE))
    })?;
    let arbitrator = ink(&a.arbitrator);
    m.step("rule", |e| {
        e.safeguarded(|s| s.rule(arbitrator, 0, 3_000, doc("a1"), t))
    })?;
    m.step("appeal", |e| {
        e.safeguarded(|s| s.appeal(contractor, 0, doc("g"), t))
    })?;
    m.escrow
        .safeguarded(|s| s.rule(arbitrator, 0, 4_000, doc("a2"), t))
        .map_err(|e| anyhow!("{e:?}"))?;
    let t = T0 + 20 * DAY;
    m.step("execute_ruling", |e| e.execute_ruling(0, t))?;
    let admin = ink(&a.admin);
    m.step("grant_role", |e| {
        e.safeguarded(|s| s.grant_role(admin, Role::Reviewer, contract))
    })?;
    let guardian = ink(&a.guardian);
    m.step("pause", |e| {
        e.safeguarded(|s| s.pause(guardian, doc("order"), t))
    })?;
    m.step("resume", |e| e.safeguarded(|s| s.resume(admin, t)))?;
    m.escrow
        .safeguarded(|s| s.pause(guardian, doc("order"), t))
        .map_err(|e| anyhow!("{e:?}"))?;
    m.step("terminate (settle 2 milestones)", |e| {
        e.terminate(admin, doc("decision"), t)
    })?;
    let mut largest = vec![(None, m.escrow.encoded_size())];
    STORAGE.with(|s| {
        let s = s.borrow();
        let mut by_table: Vec<(u32, usize)> = Vec::new();
        for (cell, size) in s.entries.value_sizes() {
            match by_table.iter_mut().find(|(c, _)| *c == cell) {
                Some(entry) => entry.1 = entry.1.max(size),
                None => by_table.push((cell, size)),
            }
        }
        by_table.sort();
        largest.extend(by_table.into_iter().map(|(c, s)| (Some(c), s)));
    });
    Ok(StorageFigures {
        messages: m.messages,
        largest,
    })
}

/// [`measure`] with the scenario's configuration.
///
/// # Errors
///
/// See [`measure`].
pub fn measure_scenario() -> Result<StorageFigures> {
    let a = Accounts::new();
    let registry = ink(&a.verifier);
    measure(fixtures::config(&a, registry), &a)
}

/// The name of table `cell` of `service_agreement`, for the report.
pub fn table_name(cell: Option<u32>) -> &'static str {
    use safeguards::store as s;
    use service_agreement::escrow as e;
    match cell {
        None => "root (the escrow's fixed state and totals)",
        Some(s::CLAUSE) => "CLAUSE (the arbitration clause)",
        Some(s::DISPUTES) => "DISPUTES (a dispute)",
        Some(s::EVIDENCE) => "EVIDENCE (one evidence entry)",
        Some(s::OPEN_DISPUTES) => "OPEN_DISPUTES (a subject's open dispute)",
        Some(s::DECISIONS) => "DECISIONS (an automated decision)",
        Some(s::GRANTS) => "GRANTS (a holder's place)",
        Some(s::HOLDERS) => "HOLDERS (a role holder)",
        Some(s::NO_ROLE_ACCOUNTS) => "NO_ROLE_ACCOUNTS (a party)",
        Some(s::PARTY_INDEX) => "PARTY_INDEX (a party's index)",
        Some(s::PARTIES) => "PARTIES (a party)",
        Some(s::ACCEPTANCES) => "ACCEPTANCES (one acceptance)",
        Some(s::CONFIG_DIGEST) => "CONFIG_DIGEST (the configuration digest)",
        Some(s::EDS_GATE) => "EDS_GATE (registry and each party's requirement)",
        Some(e::CONFIG) => "CONFIG (the configuration, prices aside)",
        Some(e::MILESTONES) => "MILESTONES (a milestone)",

        Some(_) => "unknown table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_counts_the_root_and_the_entries_a_message_touches() {
        // given / when
        let figures = measure_scenario().unwrap();
        let cells = |label: &str| {
            figures
                .messages
                .iter()
                .find(|(l, _)| l == label)
                .map(|(_, c)| *c)
                .unwrap()
        };
        // then: funding touches only the root; an approval the root and
        // its milestone
        assert_eq!(
            cells("fund"),
            Cells {
                read: 1,
                written: 1
            }
        );
        assert_eq!(
            cells("approve_milestone (release)"),
            Cells {
                read: 2,
                written: 2
            }
        );
        assert_eq!(figures.largest[0].0, None);
    }
}
