//! # The registry gate
//!
//! The only code in this crate that reaches the environment (with the
//! storage handle `store::InkStore`): the two calls a template makes to its
//! EDS registry, written once for every template, and the configuration
//! digest its constructor computes. Before an acceptance the template asks
//! [`check`] for the caller's valid attestation and passes the id to
//! [`Safeguards::accept_agreement`](crate::Safeguards::accept_agreement);
//! before it notes an invalidation it asks [`invalidation`] for the
//! registry's reason. At instantiation it hashes its `Config` with
//! [`config_digest`].
//!
//! ## Security considerations
//!
//! The template trusts whatever contract runs at its registry address
//! (`docs/threat-model.md`, M1); the address is part of the configuration
//! every party accepts. The calls forbid re-entry (ink!'s default call
//! flags), and [`capped`] bounds what the registry may spend: at most
//! [`REGISTRY_REF_TIME_LIMIT`] and [`REGISTRY_PROOF_SIZE_LIMIT`] of the
//! caller's gas and [`REGISTRY_STORAGE_DEPOSIT_LIMIT`], one plank, of
//! storage deposit (both messages only read), so a hostile contract at that
//! address can neither make a party pay for its storage (a write fails the
//! whole transaction with `StorageDepositLimitExhausted`) nor burn the
//! transaction's whole gas limit.
use ink::{
    codegen::TraitCallBuilder,
    env::call::{utils::Set, Call, CallBuilder},
};

use crate::{
    eds::EdsError,
    eds::{AttestationId, EdsRegistry, Requirement, RevocationReason},
    types::{AccountId, Hash32, Timestamp},
};

/// The SHA-256 of `config`'s SCALE encoding: the configuration digest a
/// template's constructor passes to the kit and every acceptance quotes.
/// Off chain it is `sha256(config.encode())`.
pub fn config_digest<T: scale::Encode>(config: &T) -> Hash32 {
    let mut digest = [0u8; 32];
    ink::env::hash_encoded::<ink::env::hash::Sha2x256, T>(config, &mut digest);
    digest
}

/// The environment of every Shart contract (pallet-contracts' default).
type Env = ink::env::DefaultEnvironment;

/// The most ref_time a registry call may use: about twenty times what the
/// genuine registry's `check` costs (1.15 G in `docs/gas-report.md`).
pub const REGISTRY_REF_TIME_LIMIT: u64 = 25_000_000_000;

/// The most proof size a registry call may use: about eight times the
/// genuine registry's `check` (30 KB); an account holds at most
/// `MAX_ATTESTATIONS_PER_ACCOUNT` (16) attestations, about 34 reads.
pub const REGISTRY_PROOF_SIZE_LIMIT: u64 = 256 * 1024;

/// The most storage deposit a registry call may charge: one plank, so any
/// storage it writes fails the call. Not zero: pallet-contracts reads a
/// limit of zero as "whatever the caller has left", no limit at all
/// (`storage::meter::RawMeter::nested`).
pub const REGISTRY_STORAGE_DEPOSIT_LIMIT: crate::types::Balance = 1;

/// `call` with the registry gate's limits: [`REGISTRY_REF_TIME_LIMIT`],
/// [`REGISTRY_PROOF_SIZE_LIMIT`] and [`REGISTRY_STORAGE_DEPOSIT_LIMIT`].
pub fn capped<Args, R>(
    call: CallBuilder<Env, Set<Call<Env>>, Args, R>,
) -> CallBuilder<Env, Set<Call<Env>>, Args, R> {
    call.ref_time_limit(REGISTRY_REF_TIME_LIMIT)
        .proof_size_limit(REGISTRY_PROOF_SIZE_LIMIT)
        .storage_deposit_limit(REGISTRY_STORAGE_DEPOSIT_LIMIT)
}

/// Why the registry gate did not return an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateError {
    /// The registry refused the attestation.
    Refused(EdsError),
    /// The registry could not be called: no contract at its address, or it
    /// trapped, ran out of the gas [`capped`] allows, or does not speak
    /// [`EdsRegistry`]. (A registry that writes storage does not get here:
    /// pallet-contracts fails the whole transaction with
    /// `StorageDepositLimitExhausted`.)
    Unavailable,
    /// The registry says attestation `attestation` still counts: there is
    /// no invalidation to note.
    StillValid { attestation: AttestationId },
}

/// The two questions the kit asks a template's EDS registry, so that
/// [`dispatch`](crate::kit::dispatch) stays plain Rust: a contract passes
/// [`OnChain`], a unit test its own answers.
pub trait Registry {
    /// `account`'s attestation valid at `at` that meets `requirement`.
    ///
    /// # Errors
    ///
    /// [`GateError::Refused`] with the registry's reason;
    /// [`GateError::Unavailable`] if the registry could not answer.
    fn check(
        &self,
        registry: AccountId,
        account: AccountId,
        at: Timestamp,
        requirement: Requirement,
    ) -> Result<AttestationId, GateError>;

    /// Whether attestation `id` was invalidated, and why.
    ///
    /// # Errors
    ///
    /// [`GateError::Unavailable`] if the registry could not answer.
    fn invalidation(
        &self,
        registry: AccountId,
        id: AttestationId,
    ) -> Result<Option<RevocationReason>, GateError>;
}

/// The registry at its address on chain, asked with [`check`] and
/// [`invalidation`] (capped, no re-entry).
#[derive(Debug, Clone, Copy, Default)]
pub struct OnChain;

impl Registry for OnChain {
    fn check(
        &self,
        registry: AccountId,
        account: AccountId,
        at: Timestamp,
        requirement: Requirement,
    ) -> Result<AttestationId, GateError> {
        check(registry, account, at, requirement)
    }

    fn invalidation(
        &self,
        registry: AccountId,
        id: AttestationId,
    ) -> Result<Option<RevocationReason>, GateError> {
        invalidation(registry, id)
    }
}

/// Asks the registry at `registry` for `account`'s attestation that is
/// valid at `at` and meets `requirement`.
///
/// # Errors
///
/// [`GateError::Refused`] with the registry's reason;
/// [`GateError::Unavailable`] if the call failed.
pub fn check(
    registry: AccountId,
    account: AccountId,
    at: Timestamp,
    requirement: Requirement,
) -> Result<AttestationId, GateError> {
    let registry: ink::contract_ref!(EdsRegistry, Env) = registry.into();
    match capped(registry.call().check(account, at, requirement)).try_invoke() {
        Ok(Ok(Ok(id))) => Ok(id),
        Ok(Ok(Err(e))) => Err(GateError::Refused(e)),
        Ok(Err(_)) | Err(_) => Err(GateError::Unavailable),
    }
}

/// Asks the registry at `registry` whether attestation `id` was
/// invalidated, and why.
///
/// # Errors
///
/// [`GateError::Unavailable`] if the call failed.
pub fn invalidation(
    registry: AccountId,
    id: AttestationId,
) -> Result<Option<RevocationReason>, GateError> {
    let registry: ink::contract_ref!(EdsRegistry, Env) = registry.into();
    match capped(registry.call().invalidation(id)).try_invoke() {
        Ok(Ok(reason)) => Ok(reason),
        Ok(Err(_)) | Err(_) => Err(GateError::Unavailable),
    }
}

#[cfg(test)]
mod tests {
    use ink::env::call::{build_call, ExecutionInput, Selector};

    use super::*;

    #[test]
    fn a_capped_call_may_charge_one_plank_of_deposit_and_bounded_gas() {
        let call = build_call::<Env>()
            .call(AccountId::from([1; 32]))
            .exec_input(ExecutionInput::new(Selector::new([0; 4])))
            .returns::<()>();
        let params = capped(call).params();
        assert_eq!(params.storage_deposit_limit(), Some(&1));
        assert_eq!(params.ref_time_limit(), REGISTRY_REF_TIME_LIMIT);
        assert_eq!(params.proof_size_limit(), REGISTRY_PROOF_SIZE_LIMIT);
    }
}
