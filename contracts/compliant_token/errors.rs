//! The contract's error types. Variants are append-only: SCALE encodes a
//! variant by its index.
// The SCALE derive emits `as u8` casts for the variant indices of enums with
// data-carrying variants; contract-build's clippy pass denies those casts.
#![allow(clippy::cast_possible_truncation)]

use psp22::PSP22Error;
use safeguards::{
    eds::AttestationId, AccountId, AgreementError, AllowlistError, ArbitrationError, Balance,
    DisputeError, EdsError, KillSwitchError, ReviewError, RolesError, Timestamp,
};

use crate::{
    restriction::Restriction,
    token::{ActionStatus, LegalBasis},
};

/// Errors of the token itself, outside the PSP22 messages (which return
/// `PSP22Error` with a [`Restriction`] code).
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    /// A PSP22 step was refused: see the published code.
    Restricted(Restriction),
    /// The token's name is longer than `MAX_NAME` bytes, or its symbol
    /// than `MAX_SYMBOL`.
    MetadataTooLong,
    /// The order's document or issuer hash, the explanation of the
    /// threshold hold or a reason hash was all zeros.
    ZeroHash,
    /// The order was issued after the block time (`issued_at`), or its
    /// validity ends at or before it (`expires_at`), or it ends before it
    /// was issued.
    OrderNotInForce {
        issued_at: Timestamp,
        expires_at: Timestamp,
        now: Timestamp,
    },
    /// An order of `basis` does not permit this action: a forced transfer
    /// and a recovery need a court ruling or an AFSA direction.
    BasisDoesNotPermit { basis: LegalBasis },
    /// An amount must be above zero.
    ZeroAmount,
    /// `account` has only `free` units neither frozen nor held.
    InsufficientFree { account: AccountId, free: Balance },
    /// `account` is frozen already by action `action`.
    AlreadyFrozen { account: AccountId, action: u32 },
    /// No enforcement action has this id.
    UnknownAction { action: u32 },
    /// The action is in `actual`, which this step does not accept.
    WrongActionStatus { action: u32, actual: ActionStatus },
    /// A forced transfer from an account to itself (which would silently
    /// unfreeze it in other implementations).
    SameAccount { account: AccountId },
    /// `account`, the destination of a forced transfer or a recovery, is
    /// the admin or holds a role: no role ever receives tokens through an
    /// order.
    RoleMayNotReceive { account: AccountId },
    /// The destination of a forced transfer holds no allowlist entry in
    /// force and is not the court's designated custody account.
    DestinationNotAllowed { account: AccountId },
    /// Recovery: `new` is not attested as the same holder as `lost` (its
    /// entry is missing, not in force, or carries another identity
    /// commitment), or `lost` has no entry to compare.
    NotSameHolder { lost: AccountId, new: AccountId },
    /// Recovery: `account` has units held for review; the hold's decision
    /// comes first.
    HoldPending { account: AccountId },
    /// This action cannot be disputed (a recovery, at the holder's own
    /// request), or holds nothing to dispute now.
    NotDisputable { action: u32 },
    /// No hold has this id.
    UnknownHold { hold: u32 },
    /// The ids of actions or holds are exhausted.
    TooManyRecords,
}

/// Errors of `compliant_token`: one variant per safeguard, plus the
/// token's.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// See [`RolesError`].
    Roles(RolesError),
    /// See [`KillSwitchError`].
    KillSwitch(KillSwitchError),
    /// See [`AgreementError`].
    Agreement(AgreementError),
    /// See [`ArbitrationError`].
    Arbitration(ArbitrationError),
    /// See [`DisputeError`].
    Dispute(DisputeError),
    /// See [`ReviewError`].
    Review(ReviewError),
    /// See [`TokenError`].
    Token(TokenError),
    /// The EDS registry refused the caller's attestation; see [`EdsError`].
    Eds(EdsError),
    /// The EDS registry could not be called (no contract at its address,
    /// or it trapped): nothing changed.
    RegistryUnavailable,
    /// The registry says attestation `attestation` still counts: there is
    /// no invalidation to note.
    AttestationStillValid { attestation: AttestationId },
    /// The cold code (`compliant_token_cold`) was instantiated as a
    /// contract of its own: it runs only by `delegate_call` from a
    /// `compliant_token` instance.
    ColdCodeNotInstantiable,
    /// See [`AllowlistError`]: the compliance officer's change was refused.
    Allowlist(AllowlistError),
}

// `?` on the kit's errors and on each safeguard's own.
safeguards::safeguard_errors_into!(Error);
// `?` on the allowlist's refusals.
safeguards::allowlist_errors_into!(Error);

impl From<EdsError> for Error {
    fn from(e: EdsError) -> Self {
        Error::Eds(e)
    }
}

impl From<TokenError> for Error {
    fn from(e: TokenError) -> Self {
        Error::Token(e)
    }
}

impl From<Restriction> for Error {
    fn from(r: Restriction) -> Self {
        Error::Token(TokenError::Restricted(r))
    }
}

/// A PSP22 step's refusal as the standard returns it: its own error for a
/// short balance or allowance, `Custom("SHART-<code> <NAME>")` for every
/// other restriction.
pub fn psp22_error(r: Restriction) -> PSP22Error {
    match r {
        Restriction::InsufficientBalance => PSP22Error::InsufficientBalance,
        Restriction::InsufficientAllowance => PSP22Error::InsufficientAllowance,
        other => PSP22Error::Custom(other.code_string()),
    }
}
