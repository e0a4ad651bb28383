//! Kazakh IIN and BIN: validation and salted commitments.
//!
//! No personal data goes on chain: the ledger cannot delete, while a person
//! may have their data deleted and withdraw consent (personal-data
//! safeguard, see `docs/legal-basis.md`). Where a contract must refer to a
//! party's IIN (individual identification number) or BIN (business
//! identification number), it stores a *commitment*:
//!
//! ```text
//! commitment = SHA-256(salt ‖ number)
//! ```
//!
//! where `salt` is 32 random bytes (raw, not hex) and `number` the 12 ASCII
//! digits. Whoever holds the salt can later open the commitment (show that
//! it is this number); once the salt is destroyed, the commitment is
//! meaningless. Without the salt, the 12-digit space is small enough to
//! brute-force, so **the salt is as sensitive as the number**: keep it off
//! chain, with the party.
//!
//! ## Validation
//!
//! Before committing, the number is checked, and an error names the check
//! that failed, never the number ([`IdError`]; [`IdNumber`]'s `Debug` does
//! not print it either).
//!
//! - **Check digit** (IIN and BIN). The 12th digit is
//!   `(d1·1 + d2·2 + … + d11·11) mod 11`; if that is 10, it is
//!   `(d1·3 + d2·4 + … + d9·11 + d10·1 + d11·2) mod 11`; if that is 10 too,
//!   no valid number has these first 11 digits. The algorithm is set by
//!   Government Resolution No. 565 of 11 June 2003 (transition programme to
//!   IIN/BIN, <https://adilet.zan.kz/rus/docs/P030000565_>) and, today, by
//!   Order of the Minister of Internal Affairs No. 521 of 29 June 2023
//!   (<https://adilet.zan.kz/rus/docs/V2300032942>). We take it as quoted by
//!   independent validators (valery1707/kaz-person-id, identique/idnumbers,
//!   ZhymabekRoman/kz-iin-validator, tlgtaa/py-kz-validators) and check it
//!   against the numbers they publish (the tests name each source).
//! - **IIN structure** (Resolution No. 565, as quoted by the same
//!   validators): digits 1–6 are the birth date YYMMDD; digit 7 gives
//!   century and sex: 1/2 born in the 19th century, 3/4 in the 20th, 5/6 in
//!   the 21st (odd male, even female). We check that digits 1–6 are a real
//!   calendar date in that century. Digit 7 may also be 0: Resolution 565
//!   lists only 1–6, but numbers of foreigners and historical
//!   registrations are reported to deviate from the citizen scheme, and
//!   refusing a real IIN is worse than accepting a mistyped one (the
//!   verifier compares the committed number with the EDS certificate's
//!   `SERIALNUMBER=IIN…` anyway). With 0 the century is unknown, so
//!   29 February is accepted whenever YY is divisible by 4. Digits 7–9 are
//!   refused.
//! - **BIN structure** (valery1707/kaz-person-id, citing egov.kz's page on
//!   the business identification number; identique/idnumbers, citing
//!   korgan-zan.kz): digits 1–4 are the registration year and month YYMM,
//!   digit 5 the entity type: 4 resident legal entity, 5 non-resident legal
//!   entity, 6 individual entrepreneur in joint entrepreneurship. We check
//!   the month (01–12) and digit 5. Digit 6 (0 head office, 1 branch,
//!   2 representative office, 3 peasant farm) is not checked: the sources
//!   describe it but none says the list is closed.
//!
//! Future dates are not refused: that would make validity depend on the
//! clock.
//!
//! ## Security considerations
//!
//! - A command-line argument is visible to other local users (`ps`) and
//!   may land in the shell history; `shart eds commit --iin -` reads the
//!   number from standard input instead.
//! - The number stays in process memory until exit; it is not zeroised.
#![deny(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]

use std::fmt;

use sha2::{Digest, Sha256};

/// Digits in an IIN or BIN.
pub const LEN: usize = 12;

const WEIGHTS_1: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const WEIGHTS_2: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/// IIN or BIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Individual identification number (a person).
    Iin,
    /// Business identification number (a legal entity or joint
    /// entrepreneurship).
    Bin,
}

impl Kind {
    /// `"iin"` or `"bin"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Iin => "iin",
            Self::Bin => "bin",
        }
    }
}

/// Why a number was refused. No variant carries the number or its digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdError {
    /// Not 12 characters.
    Length {
        /// Which kind was expected.
        kind: Kind,
        /// Characters given.
        found: usize,
    },
    /// A character that is not an ASCII digit.
    NotDigit {
        /// Which kind was expected.
        kind: Kind,
        /// 1-based position of the character.
        position: usize,
    },
    /// Both weightings give 10: no valid number starts with these 11 digits.
    CheckDigitUnusable {
        /// Which kind was expected.
        kind: Kind,
    },
    /// The 12th digit is not the check digit of the first 11.
    CheckDigitMismatch {
        /// Which kind was expected.
        kind: Kind,
    },
    /// IIN digit 7 is not 0–6.
    CenturyDigit,
    /// IIN digits 1–6 are not a calendar date (YYMMDD) in the century
    /// digit 7 gives.
    BirthDate,
    /// BIN digits 3–4 are not a month 01–12.
    RegistrationMonth,
    /// BIN digit 5 is not 4, 5 or 6.
    EntityType,
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Length { kind, found } => write!(
                f,
                "{}: must be {LEN} digits, got {found} characters",
                name(*kind)
            ),
            Self::NotDigit { kind, position } => write!(
                f,
                "{}: character {position} is not a digit 0-9",
                name(*kind)
            ),
            Self::CheckDigitUnusable { kind } => write!(
                f,
                "{}: check digit failed (no valid number starts with these 11 digits; a typo?)",
                name(*kind)
            ),
            Self::CheckDigitMismatch { kind } => write!(
                f,
                "{}: check digit failed (the 12th digit does not match; a typo?)",
                name(*kind)
            ),
            Self::CenturyDigit => write!(
                f,
                "IIN: digit 7 (century and sex) must be 0-6 (is it a BIN? use --bin)"
            ),
            Self::BirthDate => write!(
                f,
                "IIN: digits 1-6 are not a valid birth date YYMMDD (is it a BIN? use --bin)"
            ),
            Self::RegistrationMonth => write!(
                f,
                "BIN: digits 3-4 are not a registration month 01-12 (is it an IIN? use --iin)"
            ),
            Self::EntityType => write!(
                f,
                "BIN: digit 5 (entity type) must be 4, 5 or 6 (is it an IIN? use --iin)"
            ),
        }
    }
}

impl std::error::Error for IdError {}

fn name(kind: Kind) -> &'static str {
    match kind {
        Kind::Iin => "IIN",
        Kind::Bin => "BIN",
    }
}

/// The check digit of the first 11 digits (values 0–9), or `None` if both
/// weightings give 10.
pub fn check_digit(first: &[u8; 11]) -> Option<u8> {
    let weighted = |weights: &[u32; 11]| -> u32 {
        // At most 11 × 9 × 11 = 1089: no overflow, saturation never happens.
        first
            .iter()
            .zip(weights)
            .fold(0u32, |acc, (d, w)| {
                acc.saturating_add(u32::from(*d).saturating_mul(*w))
            })
            .checked_rem(11)
            .unwrap_or(10)
    };
    [weighted(&WEIGHTS_1), weighted(&WEIGHTS_2)]
        .into_iter()
        .find(|r| *r != 10)
        .and_then(|r| u8::try_from(r).ok())
}

/// A validated IIN or BIN. `Debug` does not show the number.
#[derive(Clone, PartialEq, Eq)]
pub struct IdNumber {
    kind: Kind,
    /// The 12 ASCII digits.
    ascii: [u8; LEN],
}

impl fmt::Debug for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IdNumber")
            .field("kind", &self.kind)
            .field("number", &"<redacted>")
            .finish()
    }
}

impl IdNumber {
    /// Validates `s` as a `kind` number (see the module docs).
    ///
    /// # Errors
    ///
    /// The first [`IdError`] found, in this order: length, digits, check
    /// digit, structure.
    pub fn parse(kind: Kind, s: &str) -> Result<Self, IdError> {
        let found = s.chars().count();
        if found != LEN {
            return Err(IdError::Length { kind, found });
        }
        let mut ascii = [0u8; LEN];
        let mut digits = [0u8; LEN];
        for (i, c) in s.chars().enumerate() {
            let (Some(slot), Some(value)) = (ascii.get_mut(i), digits.get_mut(i)) else {
                return Err(IdError::Length { kind, found });
            };
            let Some(d) = c.to_digit(10).filter(|_| c.is_ascii_digit()) else {
                return Err(IdError::NotDigit {
                    kind,
                    position: i.saturating_add(1),
                });
            };
            // A decimal digit is below 10.
            *value = u8::try_from(d).unwrap_or(0);
            // An ASCII digit's code point fits a byte.
            *slot = u8::try_from(u32::from(c)).unwrap_or(b'0');
        }
        let [first @ .., last] = digits;
        match check_digit(&first) {
            None => return Err(IdError::CheckDigitUnusable { kind }),
            Some(expected) if expected != last => return Err(IdError::CheckDigitMismatch { kind }),
            Some(_) => {}
        }
        match kind {
            Kind::Iin => check_iin_structure(&digits)?,
            Kind::Bin => check_bin_structure(&digits)?,
        }
        Ok(Self { kind, ascii })
    }

    /// IIN or BIN.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// `SHA-256(salt ‖ the 12 ASCII digits)`.
    pub fn commitment(&self, salt: &[u8; 32]) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(salt);
        h.update(self.ascii);
        h.finalize().into()
    }
}

/// Two digits as a number 0–99.
fn pair(tens: u8, ones: u8) -> u32 {
    // Digits are below 10: at most 99.
    u32::from(tens)
        .saturating_mul(10)
        .saturating_add(u32::from(ones))
}

fn is_leap(year: u32) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn check_iin_structure(d: &[u8; LEN]) -> Result<(), IdError> {
    let [y1, y2, m1, m2, d1, d2, century, ..] = *d;
    let (yy, month, day) = (pair(y1, y2), pair(m1, m2), pair(d1, d2));
    let leap = match century {
        1 | 2 => is_leap(yy.saturating_add(1800)),
        3 | 4 => is_leap(yy.saturating_add(1900)),
        5 | 6 => is_leap(yy.saturating_add(2000)),
        // Century unknown: allow 29 February if some century makes it a
        // leap year, which for 1800–2099 means YY divisible by 4.
        0 => yy.is_multiple_of(4),
        _ => return Err(IdError::CenturyDigit),
    };
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(IdError::BirthDate),
    };
    if day == 0 || day > days {
        return Err(IdError::BirthDate);
    }
    Ok(())
}

fn check_bin_structure(d: &[u8; LEN]) -> Result<(), IdError> {
    let [_, _, m1, m2, entity, ..] = *d;
    if !(1..=12).contains(&pair(m1, m2)) {
        return Err(IdError::RegistrationMonth);
    }
    if !matches!(entity, 4..=6) {
        return Err(IdError::EntityType);
    }
    Ok(())
}

/// 32 random bytes from the operating system's RNG, for a commitment salt.
///
/// # Errors
///
/// The RNG's error if the OS cannot provide randomness.
pub fn random_salt() -> Result<[u8; 32], getrandom::Error> {
    let mut salt = [0u8; 32];
    getrandom::getrandom(&mut salt)?;
    Ok(salt)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Appends the check digit to 11 digits (for structural tests only: the
    /// check digit itself is tested against published numbers).
    fn with_check_digit(first: &str) -> String {
        let mut digits = [0u8; 11];
        for (slot, c) in digits.iter_mut().zip(first.bytes()) {
            *slot = c.wrapping_sub(b'0');
        }
        let cd = check_digit(&digits).expect("usable prefix");
        format!("{first}{cd}")
    }

    // Published valid IINs.
    const VALID_IINS: [&str; 9] = [
        // valery1707/kaz-person-id, src/test/java/name/valery1707/kazPersonId/
        // PrivatePersonIdTest.java, testPublicIds (numbers the test cites
        // from a public web page): born 1987-10-08 F, 1976-02-12 M,
        // 1980-04-16 M, 1968-05-03 F.
        "871008401427",
        "760212350620",
        "800416300257",
        "680503450037",
        // Same file, testCenturyBit: 19th-century digit 7 (1 and 2).
        "800416100254",
        "680503250034",
        // identique/idnumbers, tests/nationalid/test_KAZ.py, test_normal_case.
        "901123300258",
        // tlgtaa/py-kz-validators, tests/test_iin_validator.py,
        // test_validate_iin_success.
        "791028302728",
        // ZhymabekRoman/kz-iin-validator, README.md usage example; its
        // first weighting gives 10, so it tests the second weighting.
        "061211600012",
    ];

    // Published valid BINs.
    const VALID_BINS: [&str; 5] = [
        // valery1707/kaz-person-id, src/test/java/name/valery1707/kazPersonId/
        // JuridicalPersonIdTest.java, testPublicIds (Halyk Bank and branches,
        // from the bank's public requisites page). 961141000023's first
        // weighting gives 10.
        "940140000385",
        "950341000052",
        "961141000023",
        "070941024691",
        // identique/idnumbers, tests/nationalid/test_KAZ.py, test_normal_case.
        "990940003030",
    ];

    #[test]
    fn published_valid_iins_are_accepted() {
        for iin in VALID_IINS {
            let id = IdNumber::parse(Kind::Iin, iin).unwrap_or_else(|e| panic!("{iin}: {e}"));
            assert_eq!(id.kind(), Kind::Iin);
        }
    }

    #[test]
    fn published_valid_bins_are_accepted() {
        for bin in VALID_BINS {
            let id = IdNumber::parse(Kind::Bin, bin).unwrap_or_else(|e| panic!("{bin}: {e}"));
            assert_eq!(id.kind(), Kind::Bin);
        }
    }

    #[test]
    fn published_iins_with_wrong_check_digit_are_refused() {
        // identique/idnumbers, tests/nationalid/test_KAZ.py, test_error_case.
        assert_eq!(
            IdNumber::parse(Kind::Iin, "901123300255"),
            Err(IdError::CheckDigitMismatch { kind: Kind::Iin })
        );
        // tlgtaa/py-kz-validators, tests/test_iin_validator.py
        // ("invalid control digit").
        assert_eq!(
            IdNumber::parse(Kind::Iin, "010101600586"),
            Err(IdError::CheckDigitMismatch { kind: Kind::Iin })
        );
    }

    #[test]
    fn published_iin_whose_both_weightings_give_ten_is_refused() {
        // ZhymabekRoman/kz-iin-validator, tests/test_basic.py,
        // test_non_valid_iin's fixed list.
        assert_eq!(
            IdNumber::parse(Kind::Iin, "821214240092"),
            Err(IdError::CheckDigitUnusable { kind: Kind::Iin })
        );
    }

    #[test]
    fn published_bin_with_wrong_check_digit_is_refused() {
        // identique/idnumbers, tests/nationalid/test_KAZ.py, test_error_case.
        assert_eq!(
            IdNumber::parse(Kind::Bin, "990940003031"),
            Err(IdError::CheckDigitMismatch { kind: Kind::Bin })
        );
    }

    #[test]
    fn any_other_twelfth_digit_on_a_valid_number_is_refused() {
        // Only the 12th digit is fully protected: weight 11 ≡ 0 (mod 11) on
        // digit 11, and the fallback weighting, let some other single-digit
        // changes through, so this is the property the scheme guarantees.
        for (kind, numbers) in [(Kind::Iin, &VALID_IINS[..]), (Kind::Bin, &VALID_BINS[..])] {
            for number in numbers {
                let (first, last) = number.split_at(LEN - 1);
                for replacement in '0'..='9' {
                    if last.starts_with(replacement) {
                        continue;
                    }
                    let changed = format!("{first}{replacement}");
                    assert_eq!(
                        IdNumber::parse(kind, &changed),
                        Err(IdError::CheckDigitMismatch { kind }),
                        "{kind:?} with another 12th digit accepted"
                    );
                }
            }
        }
    }

    #[test]
    fn wrong_length_and_non_digits_are_refused() {
        assert_eq!(
            IdNumber::parse(Kind::Iin, "87100840142"),
            Err(IdError::Length {
                kind: Kind::Iin,
                found: 11
            })
        );
        assert_eq!(
            IdNumber::parse(Kind::Bin, "9401400003850"),
            Err(IdError::Length {
                kind: Kind::Bin,
                found: 13
            })
        );
        assert_eq!(
            IdNumber::parse(Kind::Iin, ""),
            Err(IdError::Length {
                kind: Kind::Iin,
                found: 0
            })
        );
        assert_eq!(
            IdNumber::parse(Kind::Iin, "87100840142a"),
            Err(IdError::NotDigit {
                kind: Kind::Iin,
                position: 12
            })
        );
        assert_eq!(
            IdNumber::parse(Kind::Iin, " 71008401427"),
            Err(IdError::NotDigit {
                kind: Kind::Iin,
                position: 1
            })
        );
        // Non-ASCII digits (Arabic-Indic, full-width) are not digits here.
        assert_eq!(
            IdNumber::parse(Kind::Iin, "٨71008401427"),
            Err(IdError::NotDigit {
                kind: Kind::Iin,
                position: 1
            })
        );
        assert_eq!(
            IdNumber::parse(Kind::Iin, "８71008401427"),
            Err(IdError::NotDigit {
                kind: Kind::Iin,
                position: 1
            })
        );
    }

    #[test]
    fn iin_with_impossible_birth_date_is_refused() {
        // Constructed (not published): valid check digit, impossible dates.
        for first in [
            "8713084014", // month 13
            "8700084014", // month 00
            "8710004014", // day 00
            "8704314014", // 31 April
            "9002294014", // 29 Feb 1990
        ] {
            let iin = with_check_digit(&format!("{first}2"));
            assert_eq!(
                IdNumber::parse(Kind::Iin, &iin),
                Err(IdError::BirthDate),
                "{first}"
            );
        }
    }

    #[test]
    fn iin_leap_days_follow_the_century_digit() {
        // Constructed: 29 Feb of 2000 (digit 7 = 5) is valid, of 1900
        // (digit 7 = 3) is not; with digit 7 = 0 YY=00 is allowed.
        let y2000 = with_check_digit("00022950012");
        assert!(IdNumber::parse(Kind::Iin, &y2000).is_ok());
        let y1900 = with_check_digit("00022930012");
        assert_eq!(IdNumber::parse(Kind::Iin, &y1900), Err(IdError::BirthDate));
        let unknown = with_check_digit("00022900012");
        assert!(IdNumber::parse(Kind::Iin, &unknown).is_ok());
        let y1988 = with_check_digit("88022940012");
        assert!(IdNumber::parse(Kind::Iin, &y1988).is_ok());
    }

    #[test]
    fn iin_with_century_digit_above_six_is_refused() {
        for digit in ['7', '8', '9'] {
            let iin = with_check_digit(&format!("871008{digit}0142"));
            assert_eq!(IdNumber::parse(Kind::Iin, &iin), Err(IdError::CenturyDigit));
        }
    }

    #[test]
    fn published_bin_given_as_iin_fails_the_date_check() {
        // 940140000385 (see VALID_BINS) has "day" 40.
        assert_eq!(
            IdNumber::parse(Kind::Iin, "940140000385"),
            Err(IdError::BirthDate)
        );
    }

    #[test]
    fn published_iin_given_as_bin_fails_a_structure_check() {
        // 871008401427: month 10 is fine, digit 5 is 0.
        assert_eq!(
            IdNumber::parse(Kind::Bin, "871008401427"),
            Err(IdError::EntityType)
        );
        // 800416300257: "month" 04, digit 5 is 1.
        assert_eq!(
            IdNumber::parse(Kind::Bin, "800416300257"),
            Err(IdError::EntityType)
        );
    }

    #[test]
    fn bin_with_bad_month_or_entity_type_is_refused() {
        // Constructed: valid check digit, bad structure.
        let month13 = with_check_digit("94134000038");
        assert_eq!(
            IdNumber::parse(Kind::Bin, &month13),
            Err(IdError::RegistrationMonth)
        );
        let month00 = with_check_digit("94004000038");
        assert_eq!(
            IdNumber::parse(Kind::Bin, &month00),
            Err(IdError::RegistrationMonth)
        );
        for entity in ['0', '1', '2', '3', '7', '8', '9'] {
            let bin = with_check_digit(&format!("9401{entity}000038"));
            assert_eq!(IdNumber::parse(Kind::Bin, &bin), Err(IdError::EntityType));
        }
    }

    #[test]
    fn commitment_is_sha256_of_raw_salt_then_ascii_digits() {
        let salt = [0x5au8; 32];
        let id = IdNumber::parse(Kind::Iin, "871008401427").expect("valid");
        let mut preimage = salt.to_vec();
        preimage.extend_from_slice(b"871008401427");
        assert_eq!(
            id.commitment(&salt),
            <[u8; 32]>::from(Sha256::digest(&preimage))
        );
        // A different salt gives an unrelated commitment.
        assert_ne!(id.commitment(&salt), id.commitment(&[0u8; 32]));
    }

    #[test]
    fn debug_and_errors_never_show_the_number() {
        let id = IdNumber::parse(Kind::Iin, "871008401427").expect("valid");
        let debug = format!("{id:?}");
        assert!(!debug.contains("871008401427"), "{debug}");
        assert!(!debug.contains("8710"), "{debug}");
        for bad in [
            "871008401428",
            "87100840142",
            "87100840142x",
            "871308401427",
        ] {
            let e = IdNumber::parse(Kind::Iin, bad).expect_err("invalid");
            let msg = e.to_string();
            assert!(!msg.contains(&bad[..6]), "{msg}");
        }
    }

    #[test]
    fn check_digit_second_weighting_is_used_when_first_gives_ten() {
        // 061211600012 (ZhymabekRoman/kz-iin-validator README): first sum
        // mod 11 is 10, second is 2.
        assert_eq!(check_digit(&[0, 6, 1, 2, 1, 1, 6, 0, 0, 0, 1]), Some(2));
        // 821214240092 (same project's tests): both are 10.
        assert_eq!(check_digit(&[8, 2, 1, 2, 1, 4, 2, 4, 0, 0, 9]), None);
    }

    #[test]
    fn random_salts_differ() {
        assert_ne!(random_salt().expect("rng"), random_salt().expect("rng"));
    }
}
