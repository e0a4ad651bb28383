//! The local runtime: drink's in-process pallet-contracts, driven with
//! typed, SCALE-encoded calls.
//!
//! drink's `Session` encodes arguments from strings through the metadata
//! transcoder. Shart's tests and demo want Rust values in and out, so this
//! driver encodes `selector ‖ args.encode()` itself, decodes return values
//! into the contracts' own types, and decodes events by their signature
//! topic (see [`crate::events`]).

pub mod bundle;
pub mod events;
use drink::{
    minimal::{MinimalSandbox, RuntimeEvent},
    pallet_contracts::{self, Determinism},
    sandbox_api::prelude::*,
    AccountId32, Sandbox, Weight,
};
use scale::{Decode, Encode};

use self::{bundle::Bundle, events::ShartEvent};

/// Gas a call consumed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Gas {
    /// Computation, in picoseconds of reference hardware.
    pub ref_time: u64,
    /// Proof of validity size, in bytes.
    pub proof_size: u64,
}

impl From<Weight> for Gas {
    fn from(w: Weight) -> Self {
        Self {
            ref_time: w.ref_time(),
            proof_size: w.proof_size(),
        }
    }
}

/// An event a contract emitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Emitted {
    /// The emitting contract.
    pub contract: AccountId32,
    /// Decoded, when Shart knows the event.
    pub event: ShartEvent,
    /// Its SCALE-encoded data.
    pub data: Vec<u8>,
    /// Its topics: the event's signature first, then each `#[ink(topic)]`
    /// field (a value of up to 32 bytes as itself, zero-padded; longer ones
    /// hashed).
    pub topics: Vec<[u8; 32]>,
}

/// Why a call did not return a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallError {
    /// The runtime refused the call before or during execution (e.g. a trap).
    Dispatch(String),
    /// ink! refused the call (unknown selector, value to a non-payable message).
    Lang(ink::LangError),
    /// The returned bytes did not decode as the expected type.
    Decode(String),
    /// The message or constructor is not in the bundle.
    UnknownEntry(String),
    /// A constructor reverted; the bytes are its encoded `Result`.
    Reverted(Vec<u8>),
}

/// What a call did.
#[derive(Debug, Clone)]
pub struct Outcome<R> {
    /// The decoded return value, or why there is none.
    pub value: Result<R, CallError>,
    /// Whether the contract reverted (an `Err` result reverts in ink!).
    pub reverted: bool,
    /// Events in the runtime's record after the call (the runtime keeps
    /// none of a reverted call's).
    pub events: Vec<Emitted>,
    /// Gas consumed.
    pub gas: Gas,
    /// Storage deposit charged to the caller (negative: refunded).
    pub storage_deposit: i128,
}

impl<R: std::fmt::Debug> Outcome<R> {
    /// The return value.
    ///
    /// # Panics
    ///
    /// If the call produced none; the message names the error.
    pub fn unwrap(self) -> R {
        match self.value {
            Ok(v) => v,
            Err(e) => panic!("call failed: {e:?}"),
        }
    }

    /// The decoded events, without the emitting contract.
    pub fn events(&self) -> Vec<ShartEvent> {
        self.events.iter().map(|e| e.event.clone()).collect()
    }
}

/// A contract instance.
#[derive(Debug, Clone)]
pub struct Instance {
    /// Its address.
    pub address: AccountId32,
    /// Its bundle (selectors).
    pub bundle: Bundle,
}

/// The gas limit of every call: what a normal extrinsic may use in a block of
/// `contracts-node` (2 s of ref_time, 75 % of it for normal dispatch), with
/// drink's default proof_size limit (3 MiB). drink's own default ref_time
/// limit (100 G) is below what instantiating 1,000 milestones costs, which
/// the chain allows.
pub const GAS_LIMIT: Weight = Weight::from_parts(1_500_000_000_000, 3 * 1024 * 1024);

/// A local chain.
pub struct Chain {
    sandbox: MinimalSandbox,
    gas_limit: Weight,
}

impl Default for Chain {
    fn default() -> Self {
        Self::new()
    }
}

/// The account that drink funds at genesis.
pub fn default_account() -> AccountId32 {
    MinimalSandbox::default_actor()
}

/// An account id as ink! contracts see it.
pub fn ink_account(account: &AccountId32) -> ink::primitives::AccountId {
    let bytes: [u8; 32] = *account.as_ref();
    ink::primitives::AccountId::from(bytes)
}

impl Chain {
    /// A fresh chain at block 1.
    pub fn new() -> Self {
        Self {
            sandbox: MinimalSandbox::default(),
            gas_limit: GAS_LIMIT,
        }
    }

    /// Mints `amount` to `account`.
    pub fn mint(&mut self, account: &AccountId32, amount: u128) {
        self.sandbox
            .mint_into(account, amount)
            .expect("minting in the sandbox cannot fail for a valid amount");
    }

    /// Free balance of `account`.
    pub fn balance(&mut self, account: &AccountId32) -> u128 {
        self.sandbox.free_balance(account)
    }

    /// Block time in milliseconds.
    pub fn now(&mut self) -> u64 {
        self.sandbox.get_timestamp()
    }

    /// Builds a block and sets its time to `ms` (drink resets the time to
    /// the wall clock with every block, so the time is set after).
    pub fn advance_to(&mut self, ms: u64) {
        self.sandbox.build_block();
        self.sandbox.set_timestamp(ms);
    }

    fn contract_events(&mut self) -> Vec<Emitted> {
        self.sandbox
            .events()
            .into_iter()
            .filter_map(|record| match record.event {
                RuntimeEvent::Contracts(pallet_contracts::Event::ContractEmitted {
                    contract,
                    data,
                }) => {
                    let topics: Vec<[u8; 32]> = record.topics.iter().map(|t| t.0).collect();
                    Some(Emitted {
                        contract,
                        event: events::decode(&topics, &data),
                        data,
                        topics,
                    })
                }
                _ => None,
            })
            .collect()
    }

    /// Instantiates `bundle` with constructor `ctor` and `args`.
    pub fn deploy<A: Encode>(
        &mut self,
        bundle: &Bundle,
        origin: &AccountId32,
        ctor: &str,
        args: A,
        value: u128,
        salt: &[u8],
    ) -> Outcome<Instance> {
        let Some(selector) = bundle.constructors.get(ctor) else {
            return failed(CallError::UnknownEntry(ctor.to_owned()));
        };
        let mut data = selector.to_vec();
        args.encode_to(&mut data);
        // A split contract's cold code first (a second upload of the same
        // code changes nothing): its `Config` names the code's hash.
        if let Some(cold) = &bundle.cold {
            if let Err(e) = self.upload(cold, origin) {
                return failed(e);
            }
        }
        self.sandbox.reset_events();
        let result = self.sandbox.deploy_contract(
            bundle.wasm.clone(),
            value,
            data,
            salt.to_vec(),
            origin.clone(),
            self.gas_limit,
            None,
        );
        let gas = Gas::from(result.gas_consumed);
        let storage_deposit = deposit(&result.storage_deposit);
        let ret = result.result.map(|ret| {
            let reverted = ret.result.did_revert();
            let value = if reverted {
                Err(decode_revert(&ret.result.data))
            } else {
                Ok(Instance {
                    address: ret.account_id,
                    bundle: bundle.clone(),
                })
            };
            (reverted, value)
        });
        self.outcome(ret, gas, storage_deposit)
    }

    /// Uploads `bundle`'s code as `origin` without instantiating it (a
    /// split contract's cold code); returns its code hash. Uploading code
    /// the chain already has changes nothing.
    ///
    /// # Errors
    ///
    /// If the runtime refuses the code.
    pub fn upload(&mut self, bundle: &Bundle, origin: &AccountId32) -> Result<[u8; 32], CallError> {
        let result = self
            .sandbox
            .upload_contract(
                bundle.wasm.clone(),
                origin.clone(),
                None,
                Determinism::Enforced,
            )
            .map_err(|e| CallError::Dispatch(format!("uploading {}: {e:?}", bundle.name)))?;
        Ok(result.code_hash.0)
    }

    /// Asks the chain, as `origin`, to remove the code `code_hash`
    /// (pallet-contracts' `remove_code`: only its uploader may, and only
    /// while no contract depends on it).
    ///
    /// # Errors
    ///
    /// The pallet's refusal, as text.
    pub fn remove_code(&mut self, origin: &AccountId32, code_hash: [u8; 32]) -> Result<(), String> {
        use drink::minimal::{MinimalSandboxRuntime, RuntimeOrigin};
        self.sandbox
            .execute_with(|| {
                pallet_contracts::Pallet::<MinimalSandboxRuntime>::remove_code(
                    RuntimeOrigin::signed(origin.clone()),
                    code_hash.into(),
                )
            })
            .map(|_| ())
            .map_err(|e| format!("{:?}", e.error))
    }

    /// Calls `message` on `instance` as `origin`, transferring `value`.
    /// `R` is the message's return type (e.g. `Result<(), Error>`).
    pub fn call<A: Encode, R: Decode>(
        &mut self,
        instance: &Instance,
        origin: &AccountId32,
        message: &str,
        args: A,
        value: u128,
    ) -> Outcome<R> {
        // A kit message goes through its template's kit entry
        // (`Bundle::route`).
        let route = match instance.bundle.route(message) {
            Ok(route) => route,
            Err(e) => return failed(CallError::UnknownEntry(e.to_string())),
        };
        let data = route.input(&args.encode());
        let tag = route.answer_tag();
        self.sandbox.reset_events();
        let result = self.sandbox.call_contract(
            instance.address.clone(),
            value,
            data,
            origin.clone(),
            self.gas_limit,
            None,
            Determinism::Enforced,
        );
        let gas = Gas::from(result.gas_consumed);
        let storage_deposit = deposit(&result.storage_deposit);
        let ret = result.result.map(|ret| {
            let value = match tag {
                None => decode_return::<R>(&ret.data),
                // A kit read answers in the variant of the query's index.
                Some(tag) => decode_return::<(u8, R)>(&ret.data).and_then(|(got, v)| {
                    if got == tag {
                        Ok(v)
                    } else {
                        Err(CallError::Decode(format!(
                            "`{message}` (query {tag}) was answered in variant {got}"
                        )))
                    }
                }),
            };
            (ret.did_revert(), value)
        });
        self.outcome(ret, gas, storage_deposit)
    }

    /// The outcome of a dispatched deploy or call: `ret` is whether it
    /// reverted and its decoded value, or why the runtime refused it.
    /// Events are read from the sandbox's own record even when the call
    /// reverted: the runtime discards a reverted call's events, so an empty
    /// record there is the runtime's word, not an assumption of this helper,
    /// and a "refused and emitted nothing" check can fail.
    fn outcome<R, E: std::fmt::Debug>(
        &mut self,
        ret: Result<(bool, Result<R, CallError>), E>,
        gas: Gas,
        storage_deposit: i128,
    ) -> Outcome<R> {
        match ret {
            Err(e) => Outcome {
                events: self.contract_events(),
                ..failed_with_gas(CallError::Dispatch(format!("{e:?}")), gas, storage_deposit)
            },
            Ok((reverted, value)) => Outcome {
                value,
                reverted,
                events: self.contract_events(),
                gas,
                storage_deposit,
            },
        }
    }

    /// A read-only call: runs `message` inside a storage transaction and
    /// rolls it back, so nothing it did remains (events included).
    ///
    /// A transaction of the runtime's overlay, not `take_snapshot` and
    /// `restore_snapshot`, which copy and rebuild the whole state, code
    /// blobs included, on every read: the snapshots the refusal tests take
    /// are dozens of reads each.
    pub fn read<A: Encode, R: Decode>(
        &mut self,
        instance: &Instance,
        message: &str,
        args: A,
    ) -> Result<R, CallError> {
        let origin = default_account();
        self.sandbox.execute_with(sp_io::storage::start_transaction);
        let out = self.call::<A, R>(instance, &origin, message, args, 0);
        self.sandbox
            .execute_with(sp_io::storage::rollback_transaction);
        out.value
    }

    /// Clears the sandbox's event record, as every call does before it
    /// runs ([`Chain::call`]): a state root taken after this and one taken
    /// after a reverted call differ only if the call changed something.
    pub fn clear_events(&mut self) {
        self.sandbox.reset_events();
    }

    /// The root of the whole state: every account, balance, contract,
    /// storage item and event recorded. Equal roots mean no change
    /// anywhere.
    pub fn state_root(&mut self) -> Vec<u8> {
        self.sandbox
            .execute_with(|| sp_io::storage::root(sp_core::storage::StateVersion::V1))
    }
}

/// A message's return value as ink! wraps it (`Result<R, LangError>`).
fn decode_return<R: Decode>(data: &[u8]) -> Result<R, CallError> {
    match <Result<R, ink::LangError>>::decode(&mut &data[..]) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(lang)) => Err(CallError::Lang(lang)),
        Err(e) => Err(CallError::Decode(e.to_string())),
    }
}

fn decode_revert(data: &[u8]) -> CallError {
    CallError::Reverted(data.to_vec())
}

fn deposit(d: &pallet_contracts::StorageDeposit<u128>) -> i128 {
    match d {
        pallet_contracts::StorageDeposit::Charge(c) => i128::try_from(*c).unwrap_or(i128::MAX),
        pallet_contracts::StorageDeposit::Refund(r) => {
            i128::try_from(*r).map(|r| -r).unwrap_or(i128::MIN)
        }
    }
}

fn failed<R>(e: CallError) -> Outcome<R> {
    failed_with_gas(e, Gas::default(), 0)
}

fn failed_with_gas<R>(e: CallError, gas: Gas, storage_deposit: i128) -> Outcome<R> {
    Outcome {
        value: Err(e),
        reverted: true,
        events: Vec::new(),
        gas,
        storage_deposit,
    }
}

/// Arguments already SCALE-encoded, for tables of calls with different
/// argument types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded(pub Vec<u8>);

impl Encoded {
    /// Encodes `args`.
    pub fn of(args: impl Encode) -> Self {
        Self(args.encode())
    }
}

impl Encode for Encoded {
    fn encode_to<T: scale::Output + ?Sized>(&self, dest: &mut T) {
        dest.write(&self.0);
    }
}
