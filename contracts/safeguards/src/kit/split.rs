//! The hot/cold split: what a template's two code blobs share.
//!
//! pallet-contracts charges every call for loading the contract's whole
//! code (about 33,471 ps of ref_time and one byte of proof_size per byte
//! of Wasm, `CodeLoadToken`), so a template that carries every safeguard
//! in one blob makes its everyday calls pay for the rare ones. A split
//! template is two blobs over one storage layout:
//!
//! - the **hot** contract, the one instantiated: the everyday messages
//!   (funding, delivery, release, and the execution of rulings and
//!   decisions), decoded and run in its own code;
//! - the **cold** code, uploaded once per chain and never instantiated:
//!   the constructor's logic, every other safeguard message and the reads
//!   that need the large types. The hot contract reaches it by
//!   `delegate_call` under the code hash fixed at instantiation (the
//!   first field of the template's `Config`, so every party's acceptance
//!   quotes it through the configuration digest).
//!
//! A forwarded message is not decoded by the hot code: its argument is a
//! [`Forwarded`] (or [`SafeguardRoute`]'s cold arm), which reads no bytes
//! and describes itself in the metadata as the real type, so wallets see
//! `safeguard(SafeguardCall)` as before. [`forward`] then hands the
//! caller's input, unchanged, to the cold code (`FORWARD_INPUT`), which
//! decodes it under the same selector, runs it in the contract's own
//! storage, as the same caller, and its output and revert flag become the
//! contract's (`TAIL_CALL`). A refusal in the cold code reverts the whole
//! call, exactly as a refusal in the hot code does.
//!
//! ## Security considerations
//!
//! - The cold code has full power over the contract's storage and
//!   balance, as the contract's own code has, and it answers every read
//!   of the configuration. Its hash is fixed at instantiation and no
//!   message of the published cold code writes it; the contract's own
//!   code emits it first ([`ColdCodeLinked`]). A party, and an auditor,
//!   checks that event of the instantiation against the published cold
//!   bundle's hash, as the contract's code hash against its bundle's,
//!   before trusting `config()` or accepting.
//! - The hot code writes its storage only through its own messages; a
//!   forwarded message never returns to it (`TAIL_CALL`), so the hot
//!   shell never writes back a stale copy of the state the cold code just
//!   changed.
//! - The cold code cannot be removed from the chain while the contract
//!   lives: the constructor locks it as a delegate dependency ([`link`]).
//! - The cold code's own constructor refuses: the blob is not meant to be
//!   a contract of its own, and an instance of it would hold nothing.
#![allow(clippy::cast_possible_truncation)]

use scale::{Decode, Encode, Input, Output};
#[cfg(feature = "std")]
use scale_info::{Type, TypeInfo};

use super::{execute, Execution, Mount, SafeguardCall};
use crate::{
    effects::Effects,
    review::DecisionId,
    store::{InkStore, Store, COLD_CODE},
    types::{Hash32, Timestamp},
};

/// ink!'s key of a contract's root value.
const ROOT: u32 = 0;

/// The hot constructor's one step before it forwards: locks the cold
/// code as a dependency of the contract, records its hash
/// ([`COLD_CODE`]) and writes an empty root value, on which the cold
/// code's constructor logic starts ([`ColdRoot`]).
///
/// The lock (`lock_delegate_dependency`) keeps the code's uploader from
/// removing it while the contract lives: pallet-contracts counts a
/// delegate call as no use of the code, and would let its owner remove
/// it, stranding every forwarded message. The pallet charges the
/// instantiator `CodeHashLockupDepositPercent` of the code's deposit for
/// it, held on the contract (a chain setting: 0 % in drink's runtime), and
/// no message unlocks it. Then [`ColdCodeLinked`] is emitted.
///
/// # Panics
///
/// If no code is uploaded under `cold` (the chain refuses the lock): the
/// instantiation fails.
pub fn link<E>(cold: Hash32)
where
    E: ink::env::Environment<Hash = ink::primitives::Hash>,
{
    ink::env::lock_delegate_dependency::<E>(&ink::primitives::Hash::from(cold));
    InkStore.set(COLD_CODE, &(), &cold);
    ink::env::set_contract_storage(&ROOT, &());
    ink::env::emit_event::<E, _>(ColdCodeLinked { cold_code: cold });
}

/// The contract was instantiated to run the cold code `cold_code`:
/// emitted by the contract's own code, before any cold code runs, so it
/// is the evidence of which code the contract delegates to. Every read a
/// party could ask afterwards (`config()`, the configuration digest, the
/// stored hash) is answered by, or writable by, the cold code itself; a
/// party checks this event of the instantiation against the published
/// cold bundle's hash, as it checks the contract's own code hash
/// (docs/threat-model.md, 4.2e, S1).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColdCodeLinked {
    /// The cold code's hash (`Config::cold_code`).
    #[ink(topic)]
    pub cold_code: Hash32,
}

/// The cold code's hash, as the constructor recorded it.
///
/// # Panics
///
/// If the contract was not instantiated through [`link`].
pub fn cold_code() -> Hash32 {
    InkStore.expect(COLD_CODE, &())
}

/// The cold code's root value: the contract's state (the hot contract's
/// `#[ink(storage)]` struct, whose encoding it shares), or nothing on the
/// empty root [`link`] writes, on which the constructor logic starts.
/// ink! decodes a root value whole, so the cold code cannot read the
/// contract's state as any other type; and before the constructor logic
/// ran there is no state to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColdRoot<T>(Option<T>);

impl<T> ColdRoot<T> {
    /// Whether the constructor logic ran: it runs only on an empty root,
    /// so never twice.
    pub fn is_set(&self) -> bool {
        self.0.is_some()
    }

    /// Sets the state (the constructor logic).
    pub fn set(&mut self, state: T) {
        self.0 = Some(state);
    }

    /// The state.
    ///
    /// # Panics
    ///
    /// Before the constructor logic ran (never, through the contract).
    pub fn get(&self) -> &T {
        match &self.0 {
            Some(state) => state,
            None => panic!("the contract has no state yet"),
        }
    }

    /// The state, to change.
    ///
    /// # Panics
    ///
    /// Before the constructor logic ran (never, through the contract).
    pub fn get_mut(&mut self) -> &mut T {
        match &mut self.0 {
            Some(state) => state,
            None => panic!("the contract has no state yet"),
        }
    }
}

impl<T: Decode> Decode for ColdRoot<T> {
    fn decode<I: Input>(input: &mut I) -> Result<Self, scale::Error> {
        if input.remaining_len()? == Some(0) {
            return Ok(Self(None));
        }
        Ok(Self(Some(T::decode(input)?)))
    }
}

impl<T: Encode> Encode for ColdRoot<T> {
    fn encode_to<O: Output + ?Sized>(&self, dest: &mut O) {
        if let Some(state) = &self.0 {
            state.encode_to(dest);
        }
    }
}

#[cfg(feature = "std")]
impl<T: TypeInfo + 'static> TypeInfo for ColdRoot<T> {
    type Identity = T::Identity;

    fn type_info() -> Type {
        T::type_info()
    }
}

#[cfg(feature = "std")]
impl<T: ink::storage::traits::StorageLayout> ink::storage::traits::StorageLayout for ColdRoot<T> {
    fn layout(key: &ink::primitives::Key) -> ink::metadata::layout::Layout {
        T::layout(key)
    }
}

/// Hands the caller's whole input to the code `cold` by `delegate_call`
/// and ends the call with the cold code's output and flags. Never returns.
///
/// # Panics
///
/// If the delegate call cannot be made (no code under `cold`, the cold
/// code trapped, or the input was already forwarded): the call traps and
/// reverts as a whole.
pub fn forward<E>(cold: Hash32) -> !
where
    E: ink::env::Environment<Hash = ink::primitives::Hash>,
{
    use ink::env::{call::build_call, CallFlags};
    let _ = build_call::<E>()
        .delegate(ink::primitives::Hash::from(cold))
        .call_flags(CallFlags::FORWARD_INPUT | CallFlags::TAIL_CALL)
        .try_invoke();
    // A tail call returns only when it could not be made.
    panic!("delegate call to the cold code failed")
}

/// A message argument the hot code leaves to the cold code: decoding it
/// reads nothing (the input goes to the cold code whole); its metadata is
/// `T`'s. Encoding it (as a contract reference does) writes the `T` it was
/// made from.
pub struct Forwarded<T>(Option<T>);

impl<T> Forwarded<T> {
    /// The argument `value`, for a caller that encodes it.
    pub fn new(value: T) -> Self {
        Self(Some(value))
    }
}

impl<T> Decode for Forwarded<T> {
    fn decode<I: Input>(_input: &mut I) -> Result<Self, scale::Error> {
        Ok(Self(None))
    }
}

impl<T: Encode> Encode for Forwarded<T> {
    fn size_hint(&self) -> usize {
        self.0.as_ref().map_or(0, Encode::size_hint)
    }

    fn encode_to<O: Output + ?Sized>(&self, dest: &mut O) {
        if let Some(v) = &self.0 {
            v.encode_to(dest);
        }
    }
}

#[cfg(feature = "std")]
impl<T: TypeInfo + 'static> TypeInfo for Forwarded<T> {
    type Identity = T::Identity;

    fn type_info() -> Type {
        T::type_info()
    }
}

/// The `SafeguardCall` indices the hot code runs itself: the two
/// executions, which pay (`ExecuteRuling`, `ExecuteDecision`). Every other
/// call goes to the cold code.
pub const HOT_CALLS: [u8; 2] = [EXECUTE_RULING, EXECUTE_DECISION];

/// The index byte of `SafeguardCall::ExecuteRuling`.
const EXECUTE_RULING: u8 = 13;
/// The index byte of `SafeguardCall::ExecuteDecision`.
const EXECUTE_DECISION: u8 = 14;

/// The hot code's view of a [`SafeguardCall`]: the two executions the hot
/// path runs itself ([`HOT_CALLS`]), decoded from their index byte and
/// fields; every other variant goes to the cold code undecoded. Its
/// metadata is [`SafeguardCall`]'s.
pub enum SafeguardRoute {
    /// `SafeguardCall::ExecuteRuling` (index 13) or `ExecuteDecision`
    /// (index 14): run here ([`dispatch_hot`]).
    Hot(Execution),
    /// Any other call: the cold code decodes it (and refuses a bad one).
    Cold(Forwarded<SafeguardCall>),
}

impl Decode for SafeguardRoute {
    fn decode<I: Input>(input: &mut I) -> Result<Self, scale::Error> {
        Ok(match input.read_byte()? {
            EXECUTE_RULING => Self::Hot(Execution::Ruling {
                dispute: u32::decode(input)?,
            }),
            EXECUTE_DECISION => Self::Hot(Execution::Decision {
                decision: DecisionId::decode(input)?,
            }),
            _ => Self::Cold(Forwarded(None)),
        })
    }
}

impl Encode for SafeguardRoute {
    fn encode_to<O: Output + ?Sized>(&self, dest: &mut O) {
        match *self {
            Self::Hot(Execution::Ruling { dispute }) => {
                SafeguardCall::ExecuteRuling { dispute }.encode_to(dest)
            }
            Self::Hot(Execution::Decision { decision }) => {
                SafeguardCall::ExecuteDecision { decision }.encode_to(dest)
            }
            Self::Cold(ref call) => call.encode_to(dest),
        }
    }
}

impl From<SafeguardCall> for SafeguardRoute {
    fn from(call: SafeguardCall) -> Self {
        match call {
            SafeguardCall::ExecuteRuling { dispute } => Self::Hot(Execution::Ruling { dispute }),
            SafeguardCall::ExecuteDecision { decision } => {
                Self::Hot(Execution::Decision { decision })
            }
            other => Self::Cold(Forwarded::new(other)),
        }
    }
}

/// What a split template's hot `safeguard` message does, in one line: an
/// execution runs on `core` at `now` through [`execute`], the very arm
/// [`dispatch`](super::dispatch) runs for it; every other call is
/// forwarded to the cold code, which runs it through `dispatch` and ends
/// the call ([`forward`] does not return).
///
/// # Errors
///
/// The execution's.
pub fn dispatch_hot<E, M>(
    core: &mut M,
    now: Timestamp,
    route: SafeguardRoute,
) -> Result<Effects<M::HotEvent>, M::Error>
where
    E: ink::env::Environment<Hash = ink::primitives::Hash>,
    M: Mount,
{
    match route {
        SafeguardRoute::Hot(execution) => execute(core, execution, now),
        SafeguardRoute::Cold(_) => forward::<E>(cold_code()),
    }
}

#[cfg(feature = "std")]
impl TypeInfo for SafeguardRoute {
    type Identity = SafeguardCall;

    fn type_info() -> Type {
        SafeguardCall::type_info()
    }
}

/// A template's `Config` as the hot constructor sees it: only the cold
/// code's hash, its first field, is decoded; the rest goes to the cold
/// code's constructor logic undecoded. Its metadata is `C`'s.
pub struct Linked<C> {
    /// The cold code's hash.
    pub cold_code: Hash32,
    config: Forwarded<C>,
}

impl<C: Encode> Linked<C> {
    /// The configuration `config`, for a caller that encodes it.
    ///
    /// # Panics
    ///
    /// If `C` encodes to fewer than 32 bytes: it has no code hash first.
    pub fn new(config: C) -> Self {
        let bytes = config.encode();
        let cold_code = Hash32::decode(&mut &bytes[..])
            .expect("a configuration starts with the cold code's hash");
        Self {
            cold_code,
            config: Forwarded::new(config),
        }
    }
}

impl<C> Decode for Linked<C> {
    fn decode<I: Input>(input: &mut I) -> Result<Self, scale::Error> {
        Ok(Self {
            cold_code: Hash32::decode(input)?,
            config: Forwarded(None),
        })
    }
}

impl<C: Encode> Encode for Linked<C> {
    fn encode_to<O: Output + ?Sized>(&self, dest: &mut O) {
        // `C` encodes its first field, the hash, itself.
        self.config.encode_to(dest);
    }
}

#[cfg(feature = "std")]
impl<C: TypeInfo + 'static> TypeInfo for Linked<C> {
    type Identity = C::Identity;

    fn type_info() -> Type {
        C::type_info()
    }
}

#[cfg(test)]
mod tests {
    use scale_info::TypeInfo;

    use super::*;

    #[test]
    fn a_forwarded_argument_reads_no_byte_and_describes_itself_as_its_type() {
        let bytes = SafeguardCall::Pause {
            reason_hash: [7; 32],
        }
        .encode();
        let mut input = &bytes[..];
        let _ = Forwarded::<SafeguardCall>::decode(&mut input).expect("reads nothing");
        assert_eq!(input.len(), bytes.len());
        assert_eq!(
            Forwarded::<SafeguardCall>::type_info(),
            SafeguardCall::type_info()
        );
        assert_eq!(
            Forwarded::new(SafeguardCall::Resume).encode(),
            SafeguardCall::Resume.encode()
        );
    }

    #[test]
    fn the_hot_route_decodes_the_two_executions_and_leaves_the_rest() {
        let ruling = SafeguardCall::ExecuteRuling { dispute: 3 }.encode();
        assert!(matches!(
            SafeguardRoute::decode(&mut &ruling[..]),
            Ok(SafeguardRoute::Hot(Execution::Ruling { dispute: 3 }))
        ));
        let decision = SafeguardCall::ExecuteDecision { decision: 9 }.encode();
        assert!(matches!(
            SafeguardRoute::decode(&mut &decision[..]),
            Ok(SafeguardRoute::Hot(Execution::Decision { decision: 9 }))
        ));
        for call in [
            SafeguardCall::Pause {
                reason_hash: [1; 32],
            },
            SafeguardCall::Terminate {
                reason_hash: [2; 32],
            },
            SafeguardCall::RaiseDispute {
                subject: 0,
                evidence_hash: [3; 32],
            },
        ] {
            let bytes = call.encode();
            assert!(matches!(
                SafeguardRoute::decode(&mut &bytes[..]),
                Ok(SafeguardRoute::Cold(_))
            ));
            assert_eq!(SafeguardRoute::from(call).encode(), bytes);
        }
        // A truncated execution is refused by the hot decoder itself.
        assert!(SafeguardRoute::decode(&mut &[EXECUTE_RULING, 1][..]).is_err());
        assert_eq!(SafeguardRoute::type_info(), SafeguardCall::type_info());
        assert_eq!(
            SafeguardRoute::from(SafeguardCall::ExecuteRuling { dispute: 3 }).encode(),
            ruling
        );
    }

    #[test]
    fn the_cold_root_is_empty_before_the_constructor_logic_and_the_state_after() {
        let empty = ColdRoot::<(u32, u8)>::decode(&mut &[][..]).expect("decodes");
        assert!(!empty.is_set());
        assert!(empty.encode().is_empty());
        let state = (7u32, 1u8).encode();
        let root = ColdRoot::<(u32, u8)>::decode(&mut &state[..]).expect("decodes");
        assert_eq!(
            (root.is_set(), root.get(), root.encode()),
            (true, &(7, 1), state)
        );
    }

    #[test]
    fn the_hot_constructor_reads_only_the_cold_code_hash() {
        let config = ([5u8; 32], 77u32, [9u8; 32]);
        let bytes = config.encode();
        let mut input = &bytes[..];
        let linked = Linked::<([u8; 32], u32, [u8; 32])>::decode(&mut input).expect("decodes");
        assert_eq!(linked.cold_code, [5; 32]);
        assert_eq!(input.len(), bytes.len() - 32);
        let linked = Linked::new(config);
        assert_eq!((linked.cold_code, linked.encode()), ([5; 32], bytes));
    }
}
