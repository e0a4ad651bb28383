//! # Storage per item
//!
//! What grows with a deal (disputes, their evidence, automated decisions, a
//! template's milestones or allocations) is not part of a core's own value:
//! each item is one entry of a keyed table in a [`Store`], read and written
//! on its own. A core holds only its small fixed state and a store handle,
//! so a message costs the same whether a contract has one item or a
//! thousand, and every stored value stays small (at most
//! [`MAX_VALUE`] bytes: pallet-revive refuses larger ones).
//!
//! Two stores implement the trait:
//!
//! - [`InkStore`], a zero-sized handle on the contract's own storage, for
//!   the contract shell. An entry of table `cell` under `key` lives at the
//!   storage key `(cell, key)`, SCALE-encoded: exactly where an
//!   `ink::storage::Mapping<K, V, ManualKey<cell>>` keeps it, so a fork can
//!   read the tables with ink!'s own types and a migration can find them.
//! - [`MemStore`], an in-memory map for unit tests, so the cores stay plain
//!   Rust and two states compare with `==`.
//!
//! The cores never name a store type: they are generic over `S: Store`.
//!
//! ## Tables
//!
//! Every table's cell is a constant below, fixed for the life of a
//! deployment (changing one strands the data stored under it). The kit's
//! tables are `0x5347_00xx`; a template's own start at `0x5347_0100`.
use ink::prelude::{collections::BTreeMap, vec::Vec};
use scale::{Decode, Encode};

/// The largest value this project stores under one key: pallet-revive's
/// limit, so the same layout can move to PolkaVM. A test encodes the
/// largest value of each kind against it.
pub const MAX_VALUE: usize = 416;

/// The arbitration clause in force, under the key `()`.
pub const CLAUSE: u32 = 0x5347_0001;
/// A role holder's place in its role's holder list, by `(role, account)`.
pub const GRANTS: u32 = 0x5347_0007;
/// A role's holders, by `(role, place)`.
pub const HOLDERS: u32 = 0x5347_0008;
/// `()` for every account that may hold no role (a contract's parties).
pub const NO_ROLE_ACCOUNTS: u32 = 0x5347_0009;
/// A party's place in the agreement's party list, by account.
pub const PARTY_INDEX: u32 = 0x5347_000a;
/// The agreement's parties, by place.
pub const PARTIES: u32 = 0x5347_000b;
/// Every acceptance ever recorded, by its place in the record.
pub const ACCEPTANCES: u32 = 0x5347_000c;
/// The SHA-256 of the contract's SCALE-encoded instantiation parameters,
/// under the key `()`: what every acceptance must quote.
pub const CONFIG_DIGEST: u32 = 0x5347_000d;
/// The account an admin handover was proposed to, under the key `()`
/// (removed when it is accepted): out of the root, which must stay small.
pub const PENDING_ADMIN: u32 = 0x5347_000f;
/// The [`crate::kit::EdsGate`] (the registry and each party's
/// requirement), under the key `()`: read only by acceptance and
/// `note_invalidated_attestation`.
pub const EDS_GATE: u32 = 0x5347_000e;
/// The hash of a split template's cold code, under the key `()`
/// ([`crate::kit::split`]): written once, by the constructor.
pub const COLD_CODE: u32 = 0x5347_0010;
/// [`crate::allowlist::ListEntry`]s, by account.
pub const ALLOWLIST: u32 = 0x5347_0011;
/// [`crate::dispute::Dispute`]s, by id.
pub const DISPUTES: u32 = 0x5347_0002;
/// Evidence entries `(submitter, hash)`, by `(dispute id, index)`.
pub const EVIDENCE: u32 = 0x5347_0003;
/// The open dispute's id, by subject (removed when it is resolved).
pub const OPEN_DISPUTES: u32 = 0x5347_0004;
/// [`crate::review::Decision`]s, by id.
pub const DECISIONS: u32 = 0x5347_0005;

/// A keyed table of SCALE values: a contract's own storage, or a map in a
/// unit test. Entry `key` of table `cell` sits at storage key
/// `(cell, key)`.
pub trait Store {
    /// The entry of `cell` under `key`, if any.
    fn get<K: Encode, V: Encode + Decode>(&self, cell: u32, key: &K) -> Option<V>;
    /// Stores `value` as the entry of `cell` under `key`.
    fn set<K: Encode, V: Encode + Decode>(&mut self, cell: u32, key: &K, value: &V);
    /// Removes the entry of `cell` under `key`.
    fn remove<K: Encode>(&mut self, cell: u32, key: &K);

    /// The entry of `cell` under `key` that the contract wrote when it was
    /// set up and never removes (a configuration, a clause, a digest).
    ///
    /// # Panics
    ///
    /// If it is missing: only a storage layout changed without a migration
    /// could remove it, and no message can run on such a contract.
    fn expect<K: Encode, V: Encode + Decode>(&self, cell: u32, key: &K) -> V {
        match self.get(cell, key) {
            Some(value) => value,
            None => panic!("a storage entry written at instantiation is missing"),
        }
    }
}

/// The contract's own storage. Zero-sized: every core of a contract holds
/// one, and all of them reach the same storage.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InkStore;

impl Store for InkStore {
    fn get<K: Encode, V: Encode + Decode>(&self, cell: u32, key: &K) -> Option<V> {
        // A value that no longer decodes would be a layout change without a
        // migration: stop, as `Mapping::get` does, rather than read it as
        // absent.
        match ink::env::get_contract_storage::<_, V>(&(cell, key)) {
            Ok(value) => value,
            Err(_) => panic!("undecodable storage value"),
        }
    }

    fn set<K: Encode, V: Encode + Decode>(&mut self, cell: u32, key: &K, value: &V) {
        ink::env::set_contract_storage(&(cell, key), value);
    }

    fn remove<K: Encode>(&mut self, cell: u32, key: &K) {
        ink::env::clear_contract_storage(&(cell, key));
    }
}

/// An in-memory store for unit tests: the encoded `(cell, key)` to the
/// encoded value, as a contract would hold them.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemStore {
    entries: BTreeMap<Vec<u8>, Vec<u8>>,
}

impl MemStore {
    /// Every stored value's encoded length, largest first: what the
    /// per-value limit ([`MAX_VALUE`]) is checked against.
    pub fn value_sizes(&self) -> Vec<(u32, usize)> {
        let mut sizes: Vec<(u32, usize)> = self
            .entries
            .iter()
            .map(|(key, value)| {
                let cell = key
                    .get(..4)
                    .and_then(|b| u32::decode(&mut &b[..]).ok())
                    .unwrap_or(0);
                (cell, value.len())
            })
            .collect();
        sizes.sort_by(|a, b| b.1.cmp(&a.1));
        sizes
    }

    /// How many entries table `cell` holds.
    pub fn count(&self, cell: u32) -> usize {
        let prefix = cell.encode();
        self.entries
            .keys()
            .filter(|k| k.starts_with(&prefix))
            .count()
    }
}

impl Store for MemStore {
    fn get<K: Encode, V: Encode + Decode>(&self, cell: u32, key: &K) -> Option<V> {
        let bytes = self.entries.get(&(cell, key).encode())?;
        V::decode(&mut &bytes[..]).ok()
    }

    fn set<K: Encode, V: Encode + Decode>(&mut self, cell: u32, key: &K, value: &V) {
        self.entries.insert((cell, key).encode(), value.encode());
    }

    fn remove<K: Encode>(&mut self, cell: u32, key: &K) {
        self.entries.remove(&(cell, key).encode());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mem_store_keeps_each_entry_under_its_cell_and_key() {
        // given
        let mut s = MemStore::default();
        // when
        s.set(DISPUTES, &1u32, &7u64);
        s.set(DECISIONS, &1u32, &8u64);
        // then
        assert_eq!(s.get::<_, u64>(DISPUTES, &1u32), Some(7));
        assert_eq!(s.get::<_, u64>(DECISIONS, &1u32), Some(8));
        assert_eq!(s.get::<_, u64>(DISPUTES, &2u32), None);
        assert_eq!(s.count(DISPUTES), 1);
        s.remove(DISPUTES, &1u32);
        assert_eq!(s.get::<_, u64>(DISPUTES, &1u32), None);
        assert_eq!(s.value_sizes(), ink::prelude::vec![(DECISIONS, 8)]);
    }

    #[test]
    fn an_entry_sits_where_an_ink_mapping_under_the_same_cell_keeps_it() {
        // given: ink!'s Mapping stores key k of ManualKey<C> at (C, k)
        let key = (DISPUTES, &5u32).encode();
        // then
        assert_eq!(
            key,
            [&DISPUTES.to_le_bytes()[..], &5u32.to_le_bytes()[..]].concat()
        );
    }

    #[test]
    fn every_cell_of_the_crate_is_its_own_and_below_the_templates_range() {
        // written out, not collected from the code it checks
        let cells = [
            CLAUSE,
            DISPUTES,
            EVIDENCE,
            OPEN_DISPUTES,
            DECISIONS,
            GRANTS,
            HOLDERS,
            NO_ROLE_ACCOUNTS,
            PARTY_INDEX,
            PARTIES,
            ACCEPTANCES,
            CONFIG_DIGEST,
            EDS_GATE,
            PENDING_ADMIN,
            COLD_CODE,
            ALLOWLIST,
        ];
        for (i, a) in cells.iter().enumerate() {
            assert!((0x5347_0000..0x5347_0100).contains(a), "{a:#x}");
            assert!(cells[i + 1..].iter().all(|b| b != a), "{a:#x} twice");
        }
    }
}
