//! Primitive types shared by every core.

/// An account, as the contracts pallet gives it.
pub type AccountId = ink::primitives::AccountId;
/// A balance in the chain's smallest unit.
pub type Balance = u128;
/// Block time in milliseconds since the Unix epoch (`self.env().block_timestamp()`).
pub type Timestamp = u64;
/// A SHA-256 digest. Every document Shart refers to is referred to by one.
pub type Hash32 = [u8; 32];

/// Basis points in a whole: a split of `payer_bps` gives the payer
/// `amount * payer_bps / 10_000`.
pub const BPS_DENOMINATOR: u16 = 10_000;

/// The all-zero hash is refused wherever a hash is required: it is what an
/// unset field looks like, never the digest of a real document.
pub const ZERO_HASH: Hash32 = [0u8; 32];

/// Splits `amount` in basis points: returns `(payer_share, payee_share)`.
///
/// The payer share is rounded down and the remainder goes to the payee, so
/// the two shares always add up to `amount` exactly.
///
/// # Errors
///
/// Returns `None` if `payer_bps` exceeds [`BPS_DENOMINATOR`].
pub fn split_bps(amount: Balance, payer_bps: u16) -> Option<(Balance, Balance)> {
    if payer_bps > BPS_DENOMINATOR {
        return None;
    }
    let denom = Balance::from(BPS_DENOMINATOR);
    let bps = Balance::from(payer_bps);
    // amount = q * denom + r, so amount * bps / denom = q * bps + r * bps / denom,
    // and neither product can overflow (q * bps <= amount, r * bps < denom^2).
    let q = amount.checked_div(denom)?;
    let r = amount.checked_rem(denom)?;
    let payer = q
        .checked_mul(bps)?
        .checked_add(r.checked_mul(bps)?.checked_div(denom)?)?;
    let payee = amount.checked_sub(payer)?;
    Some((payer, payee))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn split_of_full_bps_gives_everything_to_payer() {
        assert_eq!(split_bps(1_000, 10_000), Some((1_000, 0)));
    }

    #[test]
    fn split_rounds_payer_down_and_gives_remainder_to_payee() {
        assert_eq!(split_bps(3, 5_000), Some((1, 2)));
    }

    #[test]
    fn split_above_denominator_is_refused() {
        assert_eq!(split_bps(1_000, 10_001), None);
    }

    #[test]
    fn split_of_max_balance_does_not_overflow() {
        let (payer, payee) = split_bps(Balance::MAX, 7_777).expect("split");
        assert_eq!(payer.checked_add(payee), Some(Balance::MAX));
    }

    proptest! {
        #[test]
        fn split_never_creates_or_loses_a_unit(amount in any::<u128>(), bps in 0u16..=10_000) {
            let (payer, payee) = split_bps(amount, bps).expect("valid bps");
            prop_assert_eq!(payer.checked_add(payee), Some(amount));
        }
    }
}
