//! The EDS binding statement: the exact bytes an EDS holder signs to bind a
//! chain account to an agreement hash.
//!
//! A party's account counts as that party only after an accredited verifier
//! attested that it belongs to the holder of a valid EDS certificate (Law
//! No. 370-II of 7 January 2003, Art. 7(1): a document signed with an EDS
//! equals a signed paper document; see `docs/legal-basis.md`). The holder
//! signs this statement with NCALayer (CMS/CAdES); the off-chain verifier
//! checks the signature, the certificate chain and its revocation, parses
//! the statement with [`Statement::parse`], and records on chain, in the
//! EDS registry contract, the SHA-256 of the statement bytes as
//! `statement_hash` ([`Statement::sha256`]).
//!
//! ## Format, versions 1 and 2
//!
//! UTF-8 (in fact ASCII), LF line ends, exactly these lines (seven in
//! version 1, eight in version 2), each ending in LF, nothing before,
//! between or after:
//!
//! ```text
//! Shart EDS binding statement
//! format: 2
//! account: 0x<64 lowercase hex>
//! agreement: <64 lowercase hex>
//! config: <64 lowercase hex>
//! chain: <chain id>
//! registry: 0x<64 lowercase hex>
//! nonce: <64 lowercase hex>
//! ```
//!
//! Version 1 has no `config` line (and `format: 1`); it is still read, so
//! statements signed before version 2 keep verifying, and written when no
//! configuration digest is given.
//!
//! - `account`: the 32-byte account id being bound.
//! - `agreement`: the SHA-256 of the master agreement (`shart agreement
//!   hash`); never all zeros.
//! - `config` (version 2): the contract's configuration digest, the
//!   SHA-256 of its SCALE-encoded instantiation parameters
//!   (`config_digest()` on chain, which `accept_agreement` quotes), so the
//!   EDS signature also covers the parameters that run; never all zeros.
//! - `chain`: the chain's genesis hash as `0x` + 64 lowercase hex, or a
//!   lowercase name `[a-z0-9-]{1,64}` (e.g. `drink-local`). A name may not
//!   start with `0x`, so the two forms never overlap.
//! - `registry`: the address (account id) of the EDS registry contract
//!   where the attestation is recorded.
//! - `nonce`: 32 random bytes, so two statements for the same binding
//!   differ and a signed statement cannot be replayed as a fresh one.
//!
//! Each line is `key: value` with exactly one space after the colon.
//! [`Statement::parse`] accepts exactly this form and refuses anything
//! else: other line ends, extra spaces, upper-case hex, another format
//! version, missing, extra or reordered lines. So a statement has exactly
//! one byte representation, and its hash identifies it.
//!
//! ## Security considerations
//!
//! - The statement binds; it does not prove. Only a verifier that checks
//!   the EDS signature over these exact bytes makes it evidence.
//! - `chain` and `registry` scope the statement: a verifier must refuse a
//!   statement naming another chain or registry, or the same signature
//!   could be recorded elsewhere.
//! - The statement holds no personal data: the holder's IIN stays in the
//!   certificate, off chain (see [`crate::iin`] for salted commitments).
#![deny(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]

use std::fmt;

use sha2::{Digest, Sha256};

use crate::ss58::{self, Ss58Error};

/// The first line of every statement.
pub const HEADER: &str = "Shart EDS binding statement";
/// The newest format version this module writes and reads (it reads 1
/// too, and writes it for a statement without a configuration digest).
pub const FORMAT_VERSION: u32 = 2;
/// Longest chain name.
pub const MAX_CHAIN_NAME: usize = 64;
/// The keys of lines 3 to 7 of a version 1 statement, in order.
const KEYS_V1: [&str; 5] = ["account", "agreement", "chain", "registry", "nonce"];
/// The keys of lines 3 to 8 of a version 2 statement, in order.
const KEYS_V2: [&str; 6] = [
    "account",
    "agreement",
    "config",
    "chain",
    "registry",
    "nonce",
];

/// Which field a value was given for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The account being bound.
    Account,
    /// The agreement's SHA-256.
    Agreement,
    /// The configuration digest (version 2).
    Config,
    /// The chain id.
    Chain,
    /// The EDS registry contract.
    Registry,
    /// The nonce.
    Nonce,
}

impl Field {
    fn name(self) -> &'static str {
        match self {
            Self::Account => "account",
            Self::Agreement => "agreement",
            Self::Config => "config",
            Self::Chain => "chain",
            Self::Registry => "registry",
            Self::Nonce => "nonce",
        }
    }

    /// Whether the statement writes this field with a `0x` prefix.
    fn prefixed(self) -> bool {
        matches!(self, Self::Account | Self::Chain | Self::Registry)
    }
}

/// What is wrong with a hex value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HexProblem {
    /// It lacks the `0x` prefix this field needs.
    MissingPrefix,
    /// It has a `0x` prefix this field does not take.
    UnexpectedPrefix,
    /// Wrong number of hex digits (64 needed).
    Length {
        /// Digits given (after any prefix).
        found: usize,
    },
    /// An upper-case hex digit at this index (after any prefix).
    Uppercase {
        /// Index of the digit.
        index: usize,
    },
    /// Not a hex digit at this index (after any prefix).
    NotHex {
        /// Index of the character.
        index: usize,
    },
}

impl fmt::Display for HexProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingPrefix => write!(f, "missing the 0x prefix"),
            Self::UnexpectedPrefix => write!(f, "has a 0x prefix it must not have"),
            Self::Length { found } => write!(f, "{found} hex digits, 64 needed"),
            Self::Uppercase { index } => {
                write!(f, "upper-case hex digit at index {index} (lower case only)")
            }
            Self::NotHex { index } => write!(f, "not a hex digit at index {index}"),
        }
    }
}

/// Why a statement or one of its values was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatementError {
    /// A hex value is malformed.
    Hex {
        /// The field.
        field: Field,
        /// What is wrong.
        problem: HexProblem,
    },
    /// The account is neither `0x` + 64 hex nor a valid SS58 address.
    Account {
        /// Why SS58 decoding failed.
        ss58: Ss58Error,
    },
    /// The agreement hash is all zeros: no agreement.
    ZeroAgreement,
    /// The configuration digest is all zeros: no configuration.
    ZeroConfig,
    /// The account or the registry is all zeros: no real account has that
    /// id, so such a statement could bind nothing.
    ZeroAccount {
        /// Which field.
        field: Field,
    },
    /// The chain name is empty or longer than [`MAX_CHAIN_NAME`].
    ChainNameLength {
        /// Characters given.
        found: usize,
    },
    /// The chain name has a character outside `[a-z0-9-]`.
    ChainNameCharacter {
        /// Index of the character.
        index: usize,
    },
    /// The statement has a byte outside ASCII.
    NonAscii {
        /// Byte offset.
        offset: usize,
    },
    /// The statement has a CR: line ends are LF only.
    CarriageReturn {
        /// Line number (1-based).
        line: usize,
    },
    /// The statement does not end with LF.
    MissingFinalNewline,
    /// Not exactly seven lines (version 1) or eight (version 2).
    LineCount {
        /// Lines found.
        found: usize,
    },
    /// Line 1 is not [`HEADER`].
    Header,
    /// Line 2 is not `format: 1`.
    Format,
    /// Another format version than [`FORMAT_VERSION`].
    UnknownFormat {
        /// The version given (digits only).
        found: String,
    },
    /// The bytes differ from the canonical form of the values they hold.
    NotCanonical,
    /// A line does not start with the key expected at that position
    /// followed by `": "`: a missing, reordered or misspelled line.
    UnexpectedLine {
        /// Line number (1-based).
        line: usize,
        /// The key expected there.
        expected: &'static str,
    },
}

impl fmt::Display for StatementError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Hex { field, problem } => {
                let shape = if field.prefixed() {
                    "0x followed by 64 lowercase hex digits"
                } else {
                    "64 lowercase hex digits without 0x"
                };
                write!(f, "{}: {problem} (expected {shape})", field.name())
            }
            Self::Account { ss58 } => write!(
                f,
                "account: neither 0x followed by 64 lowercase hex digits nor an SS58 address ({ss58})"
            ),
            Self::ZeroAgreement => write!(f, "agreement: the hash is all zeros"),
            Self::ZeroConfig => write!(f, "config: the digest is all zeros"),
            Self::ZeroAccount { field } => write!(f, "{}: the account id is all zeros", field.name()),
            Self::ChainNameLength { found } => write!(
                f,
                "chain: a name has 1 to {MAX_CHAIN_NAME} characters, got {found}"
            ),
            Self::ChainNameCharacter { index } => write!(
                f,
                "chain: character {index} is not a-z, 0-9 or '-' \
                 (a chain is a lowercase name or 0x followed by the 64-hex genesis hash)"
            ),
            Self::NonAscii { offset } => {
                write!(f, "statement: non-ASCII byte at offset {offset}")
            }
            Self::CarriageReturn { line } => {
                write!(f, "statement: line {line} has a CR (line ends are LF only)")
            }
            Self::MissingFinalNewline => write!(f, "statement: does not end with LF"),
            Self::LineCount { found } => write!(
                f,
                "statement: {found} lines, exactly 7 (format 1) or 8 (format 2) expected"
            ),
            Self::Header => write!(f, "statement: line 1 is not {HEADER:?}"),
            Self::Format => write!(f, "statement: line 2 is not \"format: <version>\""),
            Self::UnknownFormat { found } => write!(
                f,
                "statement: unknown format version {found} (this tool reads 1 and {FORMAT_VERSION})"
            ),
            Self::NotCanonical => write!(f, "statement: not in canonical form"),
            Self::UnexpectedLine { line, expected } => write!(
                f,
                "statement: line {line} must start with \"{expected}: \" (missing, reordered or extra line?)"
            ),
        }
    }
}

impl std::error::Error for StatementError {}

/// The chain a statement is scoped to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainId {
    /// The chain's genesis block hash.
    Genesis([u8; 32]),
    /// A lowercase name, `[a-z0-9-]{1,64}`, not starting with `0x`.
    Name(String),
}

impl ChainId {
    /// Parses `0x` + 64 lowercase hex as a genesis hash, anything else as a
    /// name.
    ///
    /// # Errors
    ///
    /// [`StatementError::Hex`] for a malformed genesis hash (anything
    /// starting with `0x`), [`StatementError::ChainNameLength`] or
    /// [`StatementError::ChainNameCharacter`] for a malformed name.
    pub fn parse(s: &str) -> Result<Self, StatementError> {
        if s.starts_with("0x") {
            return parse_hex32(Field::Chain, s).map(Self::Genesis);
        }
        let found = s.chars().count();
        if found == 0 || found > MAX_CHAIN_NAME {
            return Err(StatementError::ChainNameLength { found });
        }
        if let Some(index) = s
            .chars()
            .position(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
        {
            return Err(StatementError::ChainNameCharacter { index });
        }
        Ok(Self::Name(s.to_owned()))
    }
}

impl fmt::Display for ChainId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Genesis(h) => write!(f, "0x{}", hex::encode(h)),
            Self::Name(n) => f.write_str(n),
        }
    }
}

/// Parses a 32-byte value written as 64 lowercase hex digits, with the
/// `0x` prefix if `field` takes one (account, chain, registry) and without
/// it otherwise (agreement, nonce).
///
/// # Errors
///
/// [`StatementError::Hex`] naming the field and the problem.
pub fn parse_hex32(field: Field, s: &str) -> Result<[u8; 32], StatementError> {
    parse_hex_bytes32(s, field.prefixed()).map_err(|problem| StatementError::Hex { field, problem })
}

/// Parses 64 lowercase hex digits, after a `0x` prefix if `prefixed` (and
/// refusing one otherwise). The building block of [`parse_hex32`], for
/// values outside a statement (e.g. a commitment salt).
///
/// # Errors
///
/// The [`HexProblem`] found.
pub fn parse_hex_bytes32(s: &str, prefixed: bool) -> Result<[u8; 32], HexProblem> {
    let digits = match (prefixed, s.strip_prefix("0x")) {
        (true, Some(d)) => d,
        (true, None) => return Err(HexProblem::MissingPrefix),
        (false, Some(_)) => return Err(HexProblem::UnexpectedPrefix),
        (false, None) => s,
    };
    if let Some((index, c)) = digits
        .chars()
        .enumerate()
        .find(|(_, c)| !matches!(c, '0'..='9' | 'a'..='f'))
    {
        return Err(if c.is_ascii_hexdigit() {
            HexProblem::Uppercase { index }
        } else {
            HexProblem::NotHex { index }
        });
    }
    // Every character is ASCII here, so bytes are characters.
    if digits.len() != 64 {
        return Err(HexProblem::Length {
            found: digits.len(),
        });
    }
    let mut out = [0u8; 32];
    hex::decode_to_slice(digits, &mut out).map_err(|_| HexProblem::Length { found: 64 })?;
    Ok(out)
}

/// Parses an account given as `0x` + 64 lowercase hex or as an SS58
/// address (any non-reserved prefix, e.g. 42).
///
/// # Errors
///
/// [`StatementError::Hex`] for a malformed `0x` value,
/// [`StatementError::Account`] if SS58 decoding fails.
pub fn parse_account(s: &str) -> Result<[u8; 32], StatementError> {
    if s.starts_with("0x") {
        return parse_hex32(Field::Account, s);
    }
    ss58::decode(s)
        .map(|(_, account)| account)
        .map_err(|ss58| StatementError::Account { ss58 })
}

/// 32 random bytes from the operating system's RNG.
///
/// # Errors
///
/// The RNG's error if the OS cannot provide randomness.
pub fn random_nonce() -> Result<[u8; 32], getrandom::Error> {
    let mut nonce = [0u8; 32];
    getrandom::getrandom(&mut nonce)?;
    Ok(nonce)
}

/// An EDS binding statement: version 2 with a configuration digest,
/// version 1 without.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    account: [u8; 32],
    agreement: [u8; 32],
    config: Option<[u8; 32]>,
    chain: ChainId,
    registry: [u8; 32],
    nonce: [u8; 32],
}

impl Statement {
    /// A statement binding `account` to the agreement hash `agreement`.
    ///
    /// # Errors
    ///
    /// [`StatementError::ZeroAgreement`] if `agreement` is all zeros.
    pub fn new(
        account: [u8; 32],
        agreement: [u8; 32],
        chain: ChainId,
        registry: [u8; 32],
        nonce: [u8; 32],
    ) -> Result<Self, StatementError> {
        if agreement == [0u8; 32] {
            return Err(StatementError::ZeroAgreement);
        }
        if account == [0u8; 32] {
            return Err(StatementError::ZeroAccount {
                field: Field::Account,
            });
        }
        if registry == [0u8; 32] {
            return Err(StatementError::ZeroAccount {
                field: Field::Registry,
            });
        }
        Ok(Self {
            account,
            agreement,
            config: None,
            chain,
            registry,
            nonce,
        })
    }

    /// The statement with the contract's configuration digest (the SHA-256
    /// of its SCALE-encoded instantiation parameters): a version 2
    /// statement, whose signature covers the parameters too.
    ///
    /// # Errors
    ///
    /// [`StatementError::ZeroConfig`] if `digest` is all zeros.
    pub fn with_config(self, digest: [u8; 32]) -> Result<Self, StatementError> {
        if digest == [0u8; 32] {
            return Err(StatementError::ZeroConfig);
        }
        Ok(Self {
            config: Some(digest),
            ..self
        })
    }

    /// The configuration digest, in a version 2 statement.
    pub fn config(&self) -> Option<&[u8; 32]> {
        self.config.as_ref()
    }

    /// The format version of this statement: 2 with a configuration
    /// digest, 1 without.
    pub fn format(&self) -> u32 {
        if self.config.is_some() {
            FORMAT_VERSION
        } else {
            1
        }
    }

    /// The account being bound.
    pub fn account(&self) -> &[u8; 32] {
        &self.account
    }

    /// The agreement's SHA-256.
    pub fn agreement(&self) -> &[u8; 32] {
        &self.agreement
    }

    /// The chain.
    pub fn chain(&self) -> &ChainId {
        &self.chain
    }

    /// The EDS registry contract.
    pub fn registry(&self) -> &[u8; 32] {
        &self.registry
    }

    /// The nonce.
    pub fn nonce(&self) -> &[u8; 32] {
        &self.nonce
    }

    /// The statement as text: the exact bytes to sign, as a `String`.
    pub fn to_text(&self) -> String {
        let config = self
            .config
            .map(|c| format!("config: {}\n", hex::encode(c)))
            .unwrap_or_default();
        format!(
            "{HEADER}\nformat: {}\naccount: 0x{}\nagreement: {}\n{config}chain: {}\nregistry: 0x{}\nnonce: {}\n",
            self.format(),
            hex::encode(self.account),
            hex::encode(self.agreement),
            self.chain,
            hex::encode(self.registry),
            hex::encode(self.nonce),
        )
    }

    /// The exact bytes to sign.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.to_text().into_bytes()
    }

    /// SHA-256 of [`Self::to_bytes`]: the `statement_hash` the verifier
    /// records on chain.
    pub fn sha256(&self) -> [u8; 32] {
        Sha256::digest(self.to_bytes()).into()
    }

    /// Parses a statement, accepting exactly the canonical form (module
    /// docs), so `Statement::parse(&s.to_bytes()) == Ok(s)` and every
    /// accepted input equals the `to_bytes` of its result.
    ///
    /// # Errors
    ///
    /// A [`StatementError`] naming the first problem found.
    pub fn parse(bytes: &[u8]) -> Result<Self, StatementError> {
        if let Some(offset) = bytes.iter().position(|b| !b.is_ascii()) {
            return Err(StatementError::NonAscii { offset });
        }
        // ASCII is UTF-8; the fallback is unreachable.
        let text =
            std::str::from_utf8(bytes).map_err(|_| StatementError::NonAscii { offset: 0 })?;
        if let Some(index) = text.split('\n').position(|l| l.contains('\r')) {
            return Err(StatementError::CarriageReturn {
                line: index.saturating_add(1),
            });
        }
        let Some(body) = text.strip_suffix('\n') else {
            return Err(StatementError::MissingFinalNewline);
        };
        let lines: Vec<&str> = body.split('\n').collect();
        let [header, format, fields @ ..] = lines.as_slice() else {
            return Err(StatementError::LineCount { found: lines.len() });
        };
        if *header != HEADER {
            return Err(StatementError::Header);
        }
        let version = format
            .strip_prefix("format: ")
            .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
            .ok_or(StatementError::Format)?;
        let keys: &[&'static str] = match version {
            "1" => &KEYS_V1,
            "2" => &KEYS_V2,
            // Digits only, so safe to echo; cut to keep the message short.
            _ => {
                return Err(StatementError::UnknownFormat {
                    found: version.chars().take(20).collect(),
                })
            }
        };
        if fields.len() != keys.len() {
            return Err(StatementError::LineCount { found: lines.len() });
        }
        let mut values = [""; 6];
        for (i, ((line, key), slot)) in fields.iter().zip(keys).zip(&mut values).enumerate() {
            *slot = line
                .strip_prefix(*key)
                .and_then(|rest| rest.strip_prefix(": "))
                .ok_or(StatementError::UnexpectedLine {
                    // Lines 3..=8; `i < 6`.
                    line: i.saturating_add(3),
                    expected: key,
                })?;
        }
        let (account, agreement, config, chain, registry, nonce) = match values {
            [a, g, c, r, n, ""] if keys.len() == KEYS_V1.len() => (a, g, None, c, r, n),
            [a, g, d, c, r, n] => (a, g, Some(d), c, r, n),
        };
        let mut statement = Self::new(
            parse_hex32(Field::Account, account)?,
            parse_hex32(Field::Agreement, agreement)?,
            ChainId::parse(chain)?,
            parse_hex32(Field::Registry, registry)?,
            parse_hex32(Field::Nonce, nonce)?,
        )?;
        if let Some(digest) = config {
            statement = statement.with_config(parse_hex32(Field::Config, digest)?)?;
        }
        // Every check above pins one byte sequence per field; this makes the
        // "exactly the canonical form" promise hold by construction.
        if statement.to_bytes() != bytes {
            return Err(StatementError::NotCanonical);
        }
        Ok(statement)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACCOUNT: &str = "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
    const AGREEMENT: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    const REGISTRY: &str = "0x1111111111111111111111111111111111111111111111111111111111111111";
    const NONCE: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    fn sample(chain: &str) -> Statement {
        Statement::new(
            parse_hex32(Field::Account, ACCOUNT).expect("account"),
            parse_hex32(Field::Agreement, AGREEMENT).expect("agreement"),
            ChainId::parse(chain).expect("chain"),
            parse_hex32(Field::Registry, REGISTRY).expect("registry"),
            parse_hex32(Field::Nonce, NONCE).expect("nonce"),
        )
        .expect("statement")
    }

    fn sample_text() -> String {
        format!(
            "Shart EDS binding statement\nformat: 1\naccount: {ACCOUNT}\nagreement: {AGREEMENT}\n\
             chain: drink-local\nregistry: {REGISTRY}\nnonce: {NONCE}\n"
        )
    }

    #[test]
    fn to_bytes_writes_exactly_the_documented_seven_lines() {
        assert_eq!(sample("drink-local").to_text(), sample_text());
    }

    #[test]
    fn sha256_is_the_hash_of_the_statement_bytes() {
        let s = sample("drink-local");
        assert_eq!(
            s.sha256(),
            <[u8; 32]>::from(Sha256::digest(sample_text().as_bytes()))
        );
    }

    #[test]
    fn parse_round_trips_names_and_genesis_hashes() {
        for chain in [
            "drink-local",
            "a",
            "0-9",
            &"z".repeat(MAX_CHAIN_NAME),
            "0x91b171bb158e2d3848fa23a9f1c25182fb8e20313b2c1eb49219da7a70ce90c3",
        ] {
            let s = sample(chain);
            assert_eq!(Statement::parse(&s.to_bytes()), Ok(s.clone()), "{chain}");
        }
    }

    #[test]
    fn parse_accepts_the_sample_text() {
        let s = Statement::parse(sample_text().as_bytes()).expect("parses");
        assert_eq!(s.chain(), &ChainId::Name("drink-local".into()));
        assert_eq!(hex::encode(s.agreement()), AGREEMENT);
        assert_eq!(hex::encode(s.nonce()), NONCE);
    }

    fn refused(text: &str) -> StatementError {
        Statement::parse(text.as_bytes()).expect_err("must be refused")
    }

    #[test]
    fn parse_refuses_crlf_line_ends() {
        let crlf = sample_text().replace('\n', "\r\n");
        assert_eq!(refused(&crlf), StatementError::CarriageReturn { line: 1 });
    }

    #[test]
    fn parse_refuses_extra_spaces() {
        let t = sample_text();
        assert!(matches!(
            refused(&t.replace("account: ", "account:  ")),
            StatementError::Hex {
                field: Field::Account,
                problem: HexProblem::MissingPrefix
            }
        ));
        assert!(matches!(
            refused(&t.replace("account: ", "account : ")),
            StatementError::UnexpectedLine { line: 3, .. }
        ));
        assert!(matches!(
            refused(&t.replace("drink-local\n", "drink-local \n")),
            StatementError::ChainNameCharacter { index: 11 }
        ));
        assert!(matches!(refused(&format!(" {t}")), StatementError::Header));
        assert!(matches!(
            refused(&t.replace("format: 1", "format:  1")),
            StatementError::Format
        ));
    }

    const CONFIG: &str = "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd";

    fn sample_v2_text() -> String {
        format!(
            "Shart EDS binding statement\nformat: 2\naccount: {ACCOUNT}\nagreement: {AGREEMENT}\n\
             config: {CONFIG}\nchain: drink-local\nregistry: {REGISTRY}\nnonce: {NONCE}\n"
        )
    }

    #[test]
    fn a_statement_with_a_configuration_digest_is_format_2_and_round_trips() {
        // given
        let s = sample("drink-local")
            .with_config(parse_hex32(Field::Config, CONFIG).expect("config"))
            .expect("statement");
        // then: eight lines, the digest after the agreement
        assert_eq!(s.format(), 2);
        assert_eq!(s.to_text(), sample_v2_text());
        assert_eq!(Statement::parse(&s.to_bytes()), Ok(s.clone()));
        assert_eq!(s.config().map(hex::encode), Some(CONFIG.to_owned()));
        // and a version 1 statement still reads as before, without one
        let v1 = Statement::parse(sample_text().as_bytes()).expect("v1");
        assert_eq!((v1.format(), v1.config()), (1, None));
    }

    #[test]
    fn a_format_2_statement_without_its_config_line_or_with_a_zero_digest_is_refused() {
        let t = sample_v2_text();
        // the config line missing: seven lines for format 2
        let without = t.replace(&format!("config: {CONFIG}\n"), "");
        assert_eq!(refused(&without), StatementError::LineCount { found: 7 });
        // format 1 carrying a config line: eight lines for format 1
        assert_eq!(
            refused(&t.replace("format: 2", "format: 1")),
            StatementError::LineCount { found: 8 }
        );
        // the config line moved after the chain
        let moved = t.replace(
            &format!("config: {CONFIG}\nchain: drink-local\n"),
            &format!("chain: drink-local\nconfig: {CONFIG}\n"),
        );
        assert!(matches!(
            refused(&moved),
            StatementError::UnexpectedLine {
                line: 5,
                expected: "config"
            }
        ));
        assert_eq!(
            refused(&t.replace(CONFIG, &"0".repeat(64))),
            StatementError::ZeroConfig
        );
        assert_eq!(
            sample("drink-local").with_config([0; 32]),
            Err(StatementError::ZeroConfig)
        );
    }

    #[test]
    fn parse_refuses_unknown_format_versions() {
        let t = sample_text();
        assert_eq!(
            refused(&t.replace("format: 1", "format: 3")),
            StatementError::UnknownFormat { found: "3".into() }
        );
        assert_eq!(
            refused(&t.replace("format: 1", "format: 01")),
            StatementError::UnknownFormat { found: "01".into() }
        );
        assert_eq!(
            refused(&t.replace("format: 1", "format: one")),
            StatementError::Format
        );
    }

    #[test]
    fn parse_refuses_missing_extra_and_reordered_lines() {
        let t = sample_text();
        let lines: Vec<&str> = t.lines().collect();
        let join = |ls: &[&str]| ls.iter().map(|l| format!("{l}\n")).collect::<String>();

        let mut missing = lines.clone();
        missing.remove(4);
        assert_eq!(
            refused(&join(&missing)),
            StatementError::LineCount { found: 6 }
        );

        let mut extra = lines.clone();
        extra.push("comment: hello");
        assert_eq!(
            refused(&join(&extra)),
            StatementError::LineCount { found: 8 }
        );

        assert_eq!(
            refused(&format!("{t}\n")),
            StatementError::LineCount { found: 8 }
        );

        let mut swapped = lines.clone();
        swapped.swap(2, 3);
        assert_eq!(
            refused(&join(&swapped)),
            StatementError::UnexpectedLine {
                line: 3,
                expected: "account"
            }
        );

        let mut duplicated = lines.clone();
        duplicated[6] = duplicated[5];
        assert_eq!(
            refused(&join(&duplicated)),
            StatementError::UnexpectedLine {
                line: 7,
                expected: "nonce"
            }
        );
    }

    #[test]
    fn parse_refuses_missing_final_newline_and_non_ascii() {
        let t = sample_text();
        assert_eq!(
            refused(t.trim_end_matches('\n')),
            StatementError::MissingFinalNewline
        );
        assert_eq!(
            refused(&t.replace("Shart", "Şhart")),
            StatementError::NonAscii { offset: 0 }
        );
        assert_eq!(
            refused(&format!("\u{feff}{t}")),
            StatementError::NonAscii { offset: 0 }
        );
    }

    #[test]
    fn parse_refuses_uppercase_short_and_misprefixed_hex() {
        let t = sample_text();
        assert!(matches!(
            refused(&t.replace(AGREEMENT, &AGREEMENT.to_uppercase())),
            StatementError::Hex {
                field: Field::Agreement,
                problem: HexProblem::Uppercase { index: 0 }
            }
        ));
        assert!(matches!(
            refused(&t.replace(NONCE, &NONCE[1..])),
            StatementError::Hex {
                field: Field::Nonce,
                problem: HexProblem::Length { found: 63 }
            }
        ));
        assert!(matches!(
            refused(&t.replace(
                &format!("agreement: {AGREEMENT}"),
                &format!("agreement: 0x{AGREEMENT}")
            )),
            StatementError::Hex {
                field: Field::Agreement,
                problem: HexProblem::UnexpectedPrefix
            }
        ));
        assert!(matches!(
            refused(&t.replace(REGISTRY, &REGISTRY[2..])),
            StatementError::Hex {
                field: Field::Registry,
                problem: HexProblem::MissingPrefix
            }
        ));
    }

    #[test]
    fn parse_refuses_zero_agreement() {
        let t = sample_text().replace(AGREEMENT, &"0".repeat(64));
        assert_eq!(refused(&t), StatementError::ZeroAgreement);
    }

    #[test]
    fn parse_hex32_names_the_problem() {
        let cases: [(&str, HexProblem); 5] = [
            ("abc", HexProblem::Length { found: 3 }),
            (&AGREEMENT[..63], HexProblem::Length { found: 63 }),
            ("", HexProblem::Length { found: 0 }),
            ("g", HexProblem::NotHex { index: 0 }),
            ("aB", HexProblem::Uppercase { index: 1 }),
        ];
        for (input, problem) in cases {
            assert_eq!(
                parse_hex32(Field::Agreement, input),
                Err(StatementError::Hex {
                    field: Field::Agreement,
                    problem
                }),
                "{input}"
            );
        }
        let long = format!("{AGREEMENT}00");
        assert_eq!(
            parse_hex32(Field::Nonce, &long),
            Err(StatementError::Hex {
                field: Field::Nonce,
                problem: HexProblem::Length { found: 66 }
            })
        );
    }

    #[test]
    fn chain_names_are_checked() {
        assert_eq!(
            ChainId::parse(""),
            Err(StatementError::ChainNameLength { found: 0 })
        );
        assert_eq!(
            ChainId::parse(&"a".repeat(MAX_CHAIN_NAME + 1)),
            Err(StatementError::ChainNameLength { found: 65 })
        );
        assert_eq!(
            ChainId::parse("Drink"),
            Err(StatementError::ChainNameCharacter { index: 0 })
        );
        assert_eq!(
            ChainId::parse("drink_local"),
            Err(StatementError::ChainNameCharacter { index: 5 })
        );
        // A "0x" start always means a genesis hash.
        assert!(matches!(
            ChainId::parse("0xabc"),
            Err(StatementError::Hex {
                field: Field::Chain,
                problem: HexProblem::Length { found: 3 }
            })
        ));
    }

    #[test]
    fn parse_account_accepts_hex_and_ss58() {
        let hex_form = parse_account(ACCOUNT).expect("hex");
        let ss58_form =
            parse_account("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY").expect("ss58");
        assert_eq!(hex_form, ss58_form);
        assert!(matches!(
            parse_account("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ"),
            Err(StatementError::Account { .. })
        ));
        assert!(matches!(
            parse_account("0xD43593"),
            Err(StatementError::Hex {
                field: Field::Account,
                ..
            })
        ));
    }

    #[test]
    fn new_refuses_zero_agreement() {
        assert_eq!(
            Statement::new(
                [1; 32],
                [0; 32],
                ChainId::Name("x".into()),
                [2; 32],
                [3; 32]
            ),
            Err(StatementError::ZeroAgreement)
        );
    }

    #[test]
    fn new_refuses_zero_account_and_zero_registry() {
        let chain = || ChainId::Name("x".into());
        assert_eq!(
            Statement::new([0; 32], [1; 32], chain(), [2; 32], [3; 32]),
            Err(StatementError::ZeroAccount {
                field: Field::Account
            })
        );
        assert_eq!(
            Statement::new([1; 32], [1; 32], chain(), [0; 32], [3; 32]),
            Err(StatementError::ZeroAccount {
                field: Field::Registry
            })
        );
    }

    #[test]
    fn random_nonces_differ() {
        let a = random_nonce().expect("rng");
        let b = random_nonce().expect("rng");
        assert_ne!(a, b);
    }

    #[test]
    fn error_messages_name_the_field_and_shape() {
        let e = parse_hex32(Field::Registry, "0x12").expect_err("short");
        assert_eq!(
            e.to_string(),
            "registry: 2 hex digits, 64 needed (expected 0x followed by 64 lowercase hex digits)"
        );
    }
}
