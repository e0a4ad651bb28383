//! SS58 account addresses, the base58 form Substrate chains show accounts in.
//!
//! An address is `base58(prefix ‖ account ‖ checksum)`:
//!
//! - `prefix`: the network identifier, 0..=16383 (42 is the generic
//!   Substrate prefix). 0..=63 take one byte; 64..=16383 take two, in the
//!   bit layout of `sp-core`'s `Ss58Codec` (see [`encode`]).
//! - `account`: the 32-byte account id.
//! - `checksum`: the first 2 bytes of BLAKE2b-512(`"SS58PRE"` ‖ prefix ‖
//!   account).
//!
//! [`decode`] accepts exactly what `sp-core` 32 accepts for a 32-byte
//! account, except a two-byte prefix whose value would fit in one byte
//! (a non-canonical form `sp-core` never produces), and refuses the prefixes
//! the SS58 registry reserves (46 and 47), as `sp-core` does. The unit tests
//! check both directions against `sp-core` through drink.
#![deny(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]

use std::fmt;

use blake2::{Blake2b512, Digest};

/// Prefixes the SS58 registry reserves (`reserved46`, `reserved47`).
pub const RESERVED_PREFIXES: [u16; 2] = [46, 47];
/// The largest prefix SS58 can encode (14 bits).
pub const MAX_PREFIX: u16 = 16_383;

const CHECKSUM_PREAMBLE: &[u8] = b"SS58PRE";
const ACCOUNT_LEN: usize = 32;
const CHECKSUM_LEN: usize = 2;
/// A 32-byte account with a two-byte prefix is 36 bytes, at most 50 base58
/// characters; anything much longer is refused before decoding.
const MAX_ADDRESS_CHARS: usize = 64;

/// Why an SS58 address was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ss58Error {
    /// Longer than any SS58 address of a 32-byte account.
    TooLong {
        /// Characters given.
        chars: usize,
    },
    /// Not base58 (the Bitcoin alphabet: no `0`, `O`, `I`, `l`).
    NotBase58 {
        /// Index of the first character outside the alphabet, if known.
        index: Option<usize>,
    },
    /// The first byte is not a valid prefix start (128..=255).
    InvalidPrefix,
    /// A two-byte prefix encodes a value below 64 (non-canonical).
    NonCanonicalPrefix,
    /// A prefix the SS58 registry reserves.
    ReservedPrefix {
        /// The prefix.
        prefix: u16,
    },
    /// The prefix cannot be encoded (above [`MAX_PREFIX`]).
    PrefixOutOfRange {
        /// The prefix.
        prefix: u16,
    },
    /// Decodes to the wrong number of bytes for a 32-byte account.
    BadLength {
        /// Bytes decoded.
        bytes: usize,
    },
    /// The checksum does not match: a typo, or not an SS58 address.
    BadChecksum,
}

impl fmt::Display for Ss58Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLong { chars } => write!(
                f,
                "{chars} characters is too long for an SS58 address of a 32-byte account"
            ),
            Self::NotBase58 { index: Some(i) } => {
                write!(f, "character {i} is not base58")
            }
            Self::NotBase58 { index: None } => write!(f, "not base58"),
            Self::InvalidPrefix => write!(f, "invalid SS58 prefix byte"),
            Self::NonCanonicalPrefix => {
                write!(
                    f,
                    "non-canonical SS58 prefix (two bytes for a value below 64)"
                )
            }
            Self::ReservedPrefix { prefix } => write!(f, "SS58 prefix {prefix} is reserved"),
            Self::PrefixOutOfRange { prefix } => {
                write!(f, "SS58 prefix {prefix} is above {MAX_PREFIX}")
            }
            Self::BadLength { bytes } => write!(
                f,
                "decodes to {bytes} bytes, not a 32-byte account with its prefix and checksum"
            ),
            Self::BadChecksum => write!(f, "SS58 checksum mismatch (a typo?)"),
        }
    }
}

impl std::error::Error for Ss58Error {}

fn checksum(payload: &[u8]) -> [u8; CHECKSUM_LEN] {
    let mut h = Blake2b512::new();
    h.update(CHECKSUM_PREAMBLE);
    h.update(payload);
    let digest = h.finalize();
    let mut out = [0u8; CHECKSUM_LEN];
    out.copy_from_slice(digest.get(..CHECKSUM_LEN).unwrap_or(&[0, 0]));
    out
}

/// Decodes an SS58 address into its prefix and 32-byte account id.
///
/// # Errors
///
/// An [`Ss58Error`] naming the check that failed.
pub fn decode(address: &str) -> Result<(u16, [u8; 32]), Ss58Error> {
    let chars = address.chars().count();
    if chars > MAX_ADDRESS_CHARS {
        return Err(Ss58Error::TooLong { chars });
    }
    let data = bs58::decode(address).into_vec().map_err(|e| match e {
        bs58::decode::Error::InvalidCharacter { index, .. } => {
            Ss58Error::NotBase58 { index: Some(index) }
        }
        _ => Ss58Error::NotBase58 { index: None },
    })?;
    // One- or two-byte prefix, 32-byte account, 2-byte checksum.
    if !(35..=36).contains(&data.len()) {
        return Err(Ss58Error::BadLength { bytes: data.len() });
    }
    let (prefix_len, prefix) = match data.as_slice() {
        [first @ 0..=63, ..] => (1usize, u16::from(*first)),
        [first @ 64..=127, second, ..] => {
            // Bytes 01aaaaaa bbcccccc hold the little-endian value
            // aaaaaabb 00cccccc (sp-core's layout); the shifts drop the
            // marker bits on purpose.
            let lower = first.wrapping_shl(2) | second.wrapping_shr(6);
            let upper = second & 0b0011_1111;
            let prefix = u16::from_le_bytes([lower, upper]);
            if prefix < 64 {
                return Err(Ss58Error::NonCanonicalPrefix);
            }
            (2usize, prefix)
        }
        [64..=127] | [] => return Err(Ss58Error::BadLength { bytes: data.len() }),
        _ => return Err(Ss58Error::InvalidPrefix),
    };
    // Constants: 1 or 2 + 32 + 2, no overflow.
    let body_end = prefix_len.saturating_add(ACCOUNT_LEN);
    if data.len() != body_end.saturating_add(CHECKSUM_LEN) {
        return Err(Ss58Error::BadLength { bytes: data.len() });
    }
    if RESERVED_PREFIXES.contains(&prefix) {
        return Err(Ss58Error::ReservedPrefix { prefix });
    }
    let (payload, check) = data.split_at(body_end);
    if checksum(payload) != check {
        return Err(Ss58Error::BadChecksum);
    }
    let mut account = [0u8; ACCOUNT_LEN];
    account.copy_from_slice(payload.get(prefix_len..).unwrap_or(&[0; ACCOUNT_LEN]));
    Ok((prefix, account))
}

/// Encodes a 32-byte account id as an SS58 address with `prefix`.
///
/// # Errors
///
/// [`Ss58Error::PrefixOutOfRange`] above [`MAX_PREFIX`],
/// [`Ss58Error::ReservedPrefix`] for 46 and 47.
pub fn encode(prefix: u16, account: &[u8; 32]) -> Result<String, Ss58Error> {
    if prefix > MAX_PREFIX {
        return Err(Ss58Error::PrefixOutOfRange { prefix });
    }
    if RESERVED_PREFIXES.contains(&prefix) {
        return Err(Ss58Error::ReservedPrefix { prefix });
    }
    let [lower, upper] = prefix.to_le_bytes();
    let mut data = if prefix < 64 {
        vec![lower]
    } else {
        // The inverse of the layout in `decode`.
        vec![
            lower.wrapping_shr(2) | 0b0100_0000,
            upper | lower.wrapping_shl(6),
        ]
    };
    data.extend_from_slice(account);
    let check = checksum(&data);
    data.extend_from_slice(&check);
    Ok(bs58::encode(data).into_string())
}

#[cfg(test)]
mod tests {
    use sp_core::crypto::{AccountId32, Ss58Codec};

    use super::*;

    /// Alice's public key (`subkey inspect //Alice`).
    const ALICE: [u8; 32] = [
        0xd4, 0x35, 0x93, 0xc7, 0x15, 0xfd, 0xd3, 0x1c, 0x61, 0x14, 0x1a, 0xbd, 0x04, 0xa9, 0x9f,
        0xd6, 0x82, 0x2c, 0x85, 0x58, 0x85, 0x4c, 0xcd, 0xe3, 0x9a, 0x56, 0x84, 0xe7, 0xa5, 0x6d,
        0xa2, 0x7d,
    ];
    /// Alice's generic-Substrate (prefix 42) address, as Substrate's docs print it.
    const ALICE_42: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";

    fn account(seed: u8) -> [u8; 32] {
        let mut a = [0u8; 32];
        for (i, b) in a.iter_mut().enumerate() {
            *b = seed
                .wrapping_mul(31)
                .wrapping_add(u8::try_from(i).unwrap_or(0));
        }
        a
    }

    #[test]
    fn decode_alice_generic_address_gives_her_key_and_prefix_42() {
        assert_eq!(decode(ALICE_42), Ok((42, ALICE)));
        assert_eq!(encode(42, &ALICE).as_deref(), Ok(ALICE_42));
    }

    #[test]
    fn encode_matches_sp_core_for_one_and_two_byte_prefixes() {
        for prefix in [
            0u16, 1, 2, 42, 63, 64, 65, 255, 256, 1000, 4096, 12_345, 16_383,
        ] {
            for seed in [0u8, 1, 7, 200] {
                let acc = account(seed);
                let theirs = AccountId32::new(acc).to_ss58check_with_version(prefix.into());
                assert_eq!(
                    encode(prefix, &acc).as_deref(),
                    Ok(theirs.as_str()),
                    "prefix {prefix}"
                );
                assert_eq!(decode(&theirs), Ok((prefix, acc)), "prefix {prefix}");
                let (back, version) =
                    AccountId32::from_ss58check_with_version(&theirs).expect("sp-core decodes");
                assert_eq!(<[u8; 32]>::from(back), acc);
                assert_eq!(u16::from(version), prefix);
            }
        }
    }

    #[test]
    fn decode_with_one_changed_character_fails_checksum_or_base58() {
        let mut chars: Vec<char> = ALICE_42.chars().collect();
        chars[10] = if chars[10] == 'a' { 'b' } else { 'a' };
        let typo: String = chars.into_iter().collect();
        assert!(matches!(
            decode(&typo),
            Err(Ss58Error::BadChecksum | Ss58Error::BadLength { .. })
        ));
    }

    #[test]
    fn decode_refuses_non_base58_characters() {
        // '0', 'O', 'I' and 'l' are not in the alphabet.
        let bad = ALICE_42.replacen('G', "0", 1);
        assert_eq!(decode(&bad), Err(Ss58Error::NotBase58 { index: Some(1) }));
        assert!(matches!(decode("0x1234"), Err(Ss58Error::NotBase58 { .. })));
    }

    #[test]
    fn decode_refuses_wrong_lengths() {
        assert!(matches!(decode(""), Err(Ss58Error::BadLength { bytes: 0 })));
        assert!(matches!(decode("1"), Err(Ss58Error::BadLength { .. })));
        // A 33-byte account's worth (ECDSA public key length) is refused.
        let mut data = vec![42u8];
        data.extend_from_slice(&[1u8; 33]);
        let c = checksum(&data);
        data.extend_from_slice(&c);
        let long = bs58::encode(data).into_string();
        assert!(matches!(
            decode(&long),
            Err(Ss58Error::BadLength { bytes: 36 })
        ));
        assert!(matches!(
            decode(&"1".repeat(65)),
            Err(Ss58Error::TooLong { chars: 65 })
        ));
    }

    #[test]
    fn decode_refuses_reserved_and_invalid_prefixes() {
        for reserved in RESERVED_PREFIXES {
            let mut data = vec![u8::try_from(reserved).unwrap_or(0)];
            data.extend_from_slice(&ALICE);
            let c = checksum(&data);
            data.extend_from_slice(&c);
            let addr = bs58::encode(data).into_string();
            assert_eq!(
                decode(&addr),
                Err(Ss58Error::ReservedPrefix { prefix: reserved })
            );
            assert_eq!(
                encode(reserved, &ALICE),
                Err(Ss58Error::ReservedPrefix { prefix: reserved })
            );
        }
        let mut data = vec![200u8];
        data.extend_from_slice(&ALICE);
        data.extend_from_slice(&[0, 0]);
        assert_eq!(
            decode(&bs58::encode(data).into_string()),
            Err(Ss58Error::InvalidPrefix)
        );
        assert_eq!(
            encode(16_384, &ALICE),
            Err(Ss58Error::PrefixOutOfRange { prefix: 16_384 })
        );
    }

    #[test]
    fn decode_refuses_two_byte_encoding_of_small_prefix() {
        // 42 in the two-byte layout: lower = 42, upper = 0.
        let mut data = vec![(42u8 >> 2) | 0b0100_0000, 42u8.wrapping_shl(6)];
        data.extend_from_slice(&ALICE);
        let c = checksum(&data);
        data.extend_from_slice(&c);
        assert_eq!(
            decode(&bs58::encode(data).into_string()),
            Err(Ss58Error::NonCanonicalPrefix)
        );
    }
}
