//! GOST R 34.10-2012 (Kazakh GOST R 34.10-2015) signature verification.
//!
//! No maintained Rust crate verifies GOST R 34.10-2012 signatures, so this
//! module implements the verification process of GOST R 34.10-2012
//! (RFC 7091 §6.2) over short Weierstrass curves `y² = x³ + a·x + b (mod p)`:
//!
//! ```text
//! e  = digest as integer mod q   (e = 1 if that is 0)
//! check 0 < r < q and 0 < s < q
//! v  = e⁻¹ mod q
//! z1 = s·v mod q,   z2 = −r·v mod q
//! C  = z1·P + z2·Q  (P the base point, Q the public key)
//! accept iff x_C mod q = r
//! ```
//!
//! ## Arithmetic
//!
//! Field elements are fixed-width integers, always fully reduced: 4 64-bit
//! limbs for the 256-bit curves, 8 for the 512-bit one. All the named
//! curves have a pseudo-Mersenne p = 2^(64N) − c with a small c (569 for
//! 512 bits, 617 for 256), so a product is reduced by folding its high
//! half times c (`arith::Crandall`); any other odd p up to 512 bits uses
//! Montgomery form with word-by-word (CIOS) reduction (`arith::Mont`).
//! Points are in Jacobian coordinates; doubling uses the a = −3 formula
//! (3M + 5S) on the curves where a ≡ −3 (mod p), TC26 512-bit paramSetA and
//! CryptoPro-A, and the general one (with a·Z⁴) on TC26 256-bit paramSetA.
//! `z1·P + z2·Q` is one interleaved pass over NAF recodings of both
//! scalars: width 7 for z1, with a table of 32 odd multiples of P computed
//! once per curve ([`Curve::new`]) in affine coordinates so that mixed
//! addition applies, and width 5 for z2 with 8 odd multiples of Q. The
//! subgroup check `q·Q`, where it is needed (see "Security
//! considerations"), is a width-5 pass of its own. A p wider than 512 bits
//! (no named curve) falls back to the same formulas on `BigUint` with `%`
//! reductions. Inverses (e⁻¹ mod q, and Z⁻¹ where affine coordinates are
//! needed) use a binary extended Euclid on the same limbs
//! (`arith::mod_inverse`; `BigUint::modinv` for an even or wider modulus);
//! [`verify`] needs no Z⁻¹: it compares X with (r + j·q)·Z² for each
//! r + j·q < p instead of computing x_C. The tests check the limb
//! arithmetic and the inversion against `BigUint`, and the point formulas
//! against textbook affine addition.
//!
//! ## Curves
//!
//! Kazakhstan's NCA RK uses the TC26 curves under its own OIDs (LEGAL.md,
//! "Kazakhstan EDS: technical facts"). The mapping of the parameter-set OIDs
//! below is not in any NCA document we could source; it comes from two
//! independent open-source NCALayer re-implementations (one says it read the
//! curves out of Kalkan's `ECGOST3410NamedCurves` and found p, q, a, b, x, y
//! identical to the TC26 sets):
//!
//! | Kazakh parameter-set OID   | Curve                                  | Constant              |
//! |----------------------------|----------------------------------------|-----------------------|
//! | `1.2.398.3.10.1.1.2.2.1`   | `id-tc26-gost-3410-12-512-paramSetA`   | [`TC26_512_A`]        |
//! | `1.2.398.3.10.1.1.2.1.1`   | `id-tc26-gost-3410-2012-256-paramSetA` | [`TC26_256_A`]        |
//! | `1.2.398.3.10.1.1.1.1.1`   | `id-GostR3410-2001-CryptoPro-A-ParamSet` (legacy GOST 34.310-2004 keys; those sign with GOST 34.311-95, which this module does not hash) | [`CRYPTOPRO_A`] |
//!
//! So 256-bit GOST 2015 keys (key OID `1.2.398.3.10.1.1.2.1`) are on TC26
//! 256-bit paramSetA, *not* CryptoPro-A/B. The hex values were copied from
//! pygost and cross-checked with Bouncy Castle (CryptoPro-A also with
//! gost-engine and the Linux kernel's EC-RDSA), not from the RFC text
//! itself; the unit tests check every set (base point on the curve and of
//! order q), so a mistyped digit cannot pass unnoticed.
//!
//! ## Byte orders (read this before calling [`verify`])
//!
//! - `digest` is the hash output **exactly as the `streebog` crate returns
//!   it**, which is what CMS carries in `messageDigest`. It is read as a
//!   **little-endian** integer. This is the convention of the standard's own
//!   examples: GOST R 34.11-2012 prints hash values most significant byte
//!   first, which is the byte-reversal of the hash output, and the signing
//!   process (RFC 7091 §6.1, step 2) takes α as the number whose binary
//!   representation is that printed vector.
//! - `r` and `s` are **big-endian** unsigned integers (the notation RFC 7091
//!   prints), at most the curve's byte length, leading zeros allowed.
//! - NCA writes a signature as `r ‖ s`, each half **little-endian**
//!   (LEGAL.md) — which is exactly the byte-reversal of the RFC 4491
//!   `s ‖ r` big-endian layout. [`nca_signature_split`] turns it into the
//!   big-endian `r`, `s` that [`verify`] takes.
//! - A certificate's public key is `X ‖ Y`, each little-endian, in an
//!   OCTET STRING (RFC 4491 §2.3.2); `crate::algorithms` decodes it.
//!
//! All four were confirmed against real signatures made by NCA's Kalkan
//! (fixtures/nca/README.md): of the eight combinations of digest order and
//! signature layout, only this one verifies them, and the public key is on
//! the curve only when read little-endian.
//!
//! ## Security considerations
//!
//! - Verification handles public data only, so the arithmetic is **not
//!   constant time** (it branches on carries, scalar digits, special
//!   points and the steps of the inversion). Never use this code to sign.
//! - [`verify`] rejects public keys that are not on the curve, are the
//!   point at infinity, or are not in the order-q subgroup (the TC26 256-bit
//!   curve has cofactor 4). On curves whose q is a known prime and, by
//!   Hasse's bound, the whole group order (TC26 512-bit paramSetA,
//!   CryptoPro-A), every point on the curve is in that subgroup, so the
//!   q·Q check is skipped there: it could never fail.
//! - [`Curve::new`] checks the base point and the ranges of the parameters
//!   but not that p and q are prime: use the named curves.
//! - No input makes these functions panic; every rejection is a
//!   [`GostError`] naming what is wrong.
#![deny(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]

use std::fmt;

use num_bigint::BigUint;
use num_traits::{One, Zero};

mod arith;

/// Parameters of a curve as hexadecimal strings (most significant digit
/// first), copied from their source; turn them into a [`Curve`] with
/// [`Curve::new`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CurveParams {
    /// Name of the parameter set in its source.
    pub name: &'static str,
    /// Field prime p.
    pub p: &'static str,
    /// Coefficient a.
    pub a: &'static str,
    /// Coefficient b.
    pub b: &'static str,
    /// Order q of the base point (the subgroup order; `m = h·q`).
    pub q: &'static str,
    /// Base point x.
    pub x: &'static str,
    /// Base point y.
    pub y: &'static str,
}

/// `id-tc26-gost-3410-12-512-paramSetA` (OID 1.2.643.7.1.2.1.2.1; Kazakh
/// 1.2.398.3.10.1.1.2.2.1): the curve of every NCA key issued since April
/// 2024. p = 2^512 − 569, a = p − 3, cofactor 1.
///
/// Source: the TC26 parameter set (registered for TLS as `GC512A` in RFC
/// 9189), copied from pygost `gost3410.py` (`GostR3410_2012_TC26_ParamSetA`)
/// and identical in Bouncy Castle's `ECGOST3410NamedCurves`. Checked by
/// `named_curves_have_base_point_of_order_q`.
pub const TC26_512_A: CurveParams = CurveParams {
    name: "id-tc26-gost-3410-12-512-paramSetA",
    p: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF\
        FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC7",
    a: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF\
        FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC4",
    b: "E8C2505DEDFC86DDC1BD0B2B6667F1DA34B82574761CB0E879BD081CFD0B6265\
        EE3CB090F30D27614CB4574010DA90DD862EF9D4EBEE4761503190785A71C760",
    q: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF\
        27E69532F48D89116FF22B8D4E0560609B4B38ABFAD2B85DCACDB1411F10B275",
    x: "3",
    y: "7503CFE87A836AE3A61B8816E25450E6CE5E1C93ACF1ABC1778064FDCBEFA921\
        DF1626BE4FD036E93D75E6A50E3A41E98028FE5FC235F5B889A589CB5215F2A4",
};

/// `id-tc26-gost-3410-2012-256-paramSetA` (OID 1.2.643.7.1.2.1.1.1; Kazakh
/// 1.2.398.3.10.1.1.2.1.1) in its short Weierstrass form. p = 2^256 − 617,
/// cofactor 4 (the curve is a twisted Edwards curve in disguise).
///
/// Source: RFC 7836 (the Weierstrass form it gives for this twisted Edwards
/// curve), copied from pygost `gost3410.py`
/// (`GostR3410_2012_TC26_256_ParamSetA`). Checked by
/// `named_curves_have_base_point_of_order_q`.
pub const TC26_256_A: CurveParams = CurveParams {
    name: "id-tc26-gost-3410-2012-256-paramSetA",
    p: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD97",
    a: "C2173F1513981673AF4892C23035A27CE25E2013BF95AA33B22C656F277E7335",
    b: "295F9BAE7428ED9CCC20E7C359A9D41A22FCCD9108E17BF7BA9337A6F8AE9513",
    q: "400000000000000000000000000000000FD8CDDFC87B6635C115AF556C360C67",
    x: "91E38443A5E82C0D880923425712B2BB658B9196932E02C78B2582FE742DAA28",
    y: "32879423AB1A0375895786C4BB46E9565FDE0B5344766740AF268ADB32322E5C",
};

/// `id-GostR3410-2001-CryptoPro-A-ParamSet` (OID 1.2.643.2.2.35.1; Kazakh
/// 1.2.398.3.10.1.1.1.1.1, legacy GOST 34.310-2004 keys). p = 2^256 − 617,
/// a = p − 3, b = 166, cofactor 1.
///
/// Source: RFC 4357 (`id-GostR3410-2001-CryptoPro-A-ParamSet`), copied from
/// pygost `gost3410.py` and identical in gost-engine `gost_params.c` and the Linux
/// kernel `crypto/ecrdsa_defs.h` (`cp256a`). Checked by
/// `named_curves_have_base_point_of_order_q`.
pub const CRYPTOPRO_A: CurveParams = CurveParams {
    name: "id-GostR3410-2001-CryptoPro-A-ParamSet",
    p: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD97",
    a: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD94",
    b: "A6",
    q: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF6C611070995AD10045841B09B761B893",
    x: "1",
    y: "8D91E471E0989CDA27DF505A453F2B7635294F2DDF23E3B122ACC99C9E9F1E14",
};

/// A point in affine coordinates (big-endian integers, not bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    /// x coordinate, `0 ≤ x < p`.
    pub x: BigUint,
    /// y coordinate, `0 ≤ y < p`.
    pub y: BigUint,
}

impl Point {
    /// A point from big-endian coordinate bytes.
    pub fn from_be_bytes(x: &[u8], y: &[u8]) -> Self {
        Self {
            x: BigUint::from_bytes_be(x),
            y: BigUint::from_bytes_be(y),
        }
    }
}

/// Which signature component an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Component {
    /// The r half.
    R,
    /// The s half.
    S,
}

/// Why a curve, key or signature was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GostError {
    /// A curve parameter is not a hexadecimal number.
    CurveParamNotHex {
        /// Parameter set name.
        curve: &'static str,
        /// Which parameter (`"p"`, `"a"`, …).
        param: &'static str,
    },
    /// The curve parameters are inconsistent (the reason says which check).
    InvalidCurve {
        /// Parameter set name.
        curve: &'static str,
        /// The check that failed.
        reason: &'static str,
    },
    /// The digest does not have the curve's byte length.
    DigestLength {
        /// Bytes the curve expects (32 or 64).
        expected: usize,
        /// Bytes given.
        found: usize,
    },
    /// A signature component is longer than the curve's byte length.
    ComponentLength {
        /// r or s.
        component: Component,
        /// Maximum bytes.
        max: usize,
        /// Bytes given.
        found: usize,
    },
    /// A signature component is 0 or not below q.
    ComponentOutOfRange {
        /// r or s.
        component: Component,
    },
    /// An NCA signature is not 64 (256-bit) or 128 (512-bit) bytes.
    SignatureLength {
        /// Bytes given.
        found: usize,
    },
    /// A public-key coordinate is not below p.
    PublicKeyCoordinateOutOfRange,
    /// The public key does not satisfy the curve equation.
    PublicKeyNotOnCurve,
    /// The public key is the point at infinity, which affine coordinates
    /// encode as (0, 0) (as some encodings do).
    PublicKeyAtInfinity,
    /// The public key is on the curve but not in the order-q subgroup.
    PublicKeyNotInSubgroup,
    /// The signature does not match digest and key (x_C mod q ≠ r, or C is
    /// the point at infinity).
    SignatureMismatch,
}

impl fmt::Display for GostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let which = |c: &Component| match c {
            Component::R => "r",
            Component::S => "s",
        };
        match self {
            Self::CurveParamNotHex { curve, param } => {
                write!(
                    f,
                    "GOST curve {curve}: parameter {param} is not hexadecimal"
                )
            }
            Self::InvalidCurve { curve, reason } => write!(f, "GOST curve {curve}: {reason}"),
            Self::DigestLength { expected, found } => write!(
                f,
                "GOST digest must be {expected} bytes for this curve, got {found}"
            ),
            Self::ComponentLength {
                component,
                max,
                found,
            } => write!(
                f,
                "GOST signature {} must be at most {max} bytes, got {found}",
                which(component)
            ),
            Self::ComponentOutOfRange { component } => {
                write!(f, "GOST signature {} must be in 1..q", which(component))
            }
            Self::SignatureLength { found } => write!(
                f,
                "NCA GOST signature must be 64 or 128 bytes (r‖s), got {found}"
            ),
            Self::PublicKeyCoordinateOutOfRange => {
                write!(f, "GOST public key: a coordinate is not below p")
            }
            Self::PublicKeyNotOnCurve => write!(f, "GOST public key is not on the curve"),
            Self::PublicKeyAtInfinity => write!(f, "GOST public key is the point at infinity"),
            Self::PublicKeyNotInSubgroup => {
                write!(f, "GOST public key is not in the order-q subgroup")
            }
            Self::SignatureMismatch => {
                write!(f, "GOST signature does not match the digest and public key")
            }
        }
    }
}

impl std::error::Error for GostError {}

/// A validated curve: `y² = x³ + a·x + b (mod p)` with base point `P` of
/// order `q`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Curve {
    name: &'static str,
    p: BigUint,
    a: BigUint,
    b: BigUint,
    q: BigUint,
    base: Point,
    /// Byte length of p: digests must have this length, r and s at most it.
    size: usize,
    /// The point arithmetic for this p.
    arith: Arith,
    /// Every point on the curve has order dividing q (see
    /// [`order_q_is_the_whole_group`]), so the subgroup check of public keys
    /// cannot fail and is skipped.
    prime_order: bool,
}

/// Subgroup orders q known to be prime: those of the named curves of
/// cofactor 1 (their standards give q as prime, and every other parameter
/// set that reuses one of them gets the same shortcut soundly).
const KNOWN_PRIME_ORDERS: [&str; 2] = [TC26_512_A.q, CRYPTOPRO_A.q];

/// Whether the group of points of a curve over F_p with a point of order q
/// (q·P = O, P ≠ O) is exactly the order-q subgroup, so that q·Q = O for
/// every point Q on the curve.
///
/// Only claimed for a q in [`KNOWN_PRIME_ORDERS`]: with q prime, the point
/// has order q, so q divides #E. By Hasse's bound #E ≤ p + 1 + 2√p; if that
/// is below 2q, i.e. 2q > p + 1 and (2q − p − 1)² > 4p, then #E = q.
///
/// The arithmetic-side-effects lint is allowed: `BigUint` cannot overflow,
/// and the one subtraction is guarded by the comparison before it.
#[allow(clippy::arithmetic_side_effects)]
fn order_q_is_the_whole_group(p: &BigUint, q: &BigUint) -> bool {
    let known_prime = KNOWN_PRIME_ORDERS
        .iter()
        .any(|hex| BigUint::parse_bytes(hex.as_bytes(), 16).as_ref() == Some(q));
    let two_q = q << 1u8;
    let p_plus_1 = p + 1u8;
    if !known_prime || two_q <= p_plus_1 {
        return false;
    }
    let gap = two_q - p_plus_1;
    &gap * &gap > p << 2u8
}

/// Point arithmetic in the narrowest field representation that fits p.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Arith {
    /// p = 2²⁵⁶ − c, c < 2³² (the 256-bit named curves).
    Crandall4(arith::Ops<arith::Crandall<4>>),
    /// p = 2⁵¹² − c, c < 2³² (the 512-bit named curve).
    Crandall8(arith::Ops<arith::Crandall<8>>),
    /// Other p below 2²⁵⁶: Montgomery form in 4 limbs.
    Limbs4(arith::Ops<arith::Mont<4>>),
    /// Other p below 2⁵¹²: Montgomery form in 8 limbs.
    Limbs8(arith::Ops<arith::Mont<8>>),
    /// Wider p (no named curve): `BigUint` with `%` reductions.
    Big(arith::Ops<arith::BigField>),
}

impl Arith {
    fn new(p: &BigUint, a: &BigUint) -> Self {
        if let Some(m) = arith::Crandall::<4>::new(p) {
            Self::Crandall4(arith::Ops::new(m, a))
        } else if let Some(m) = arith::Crandall::<8>::new(p) {
            Self::Crandall8(arith::Ops::new(m, a))
        } else if let Some(m) = arith::Mont::<4>::new(p) {
            Self::Limbs4(arith::Ops::new(m, a))
        } else if let Some(m) = arith::Mont::<8>::new(p) {
            Self::Limbs8(arith::Ops::new(m, a))
        } else {
            Self::Big(arith::Ops::new(arith::BigField::new(p), a))
        }
    }

    /// Precomputes the base point's table (see `arith::Ops::set_base`).
    fn set_base(&mut self, base: &Point) {
        match self {
            Self::Crandall4(ops) => ops.set_base(base),
            Self::Crandall8(ops) => ops.set_base(base),
            Self::Limbs4(ops) => ops.set_base(base),
            Self::Limbs8(ops) => ops.set_base(base),
            Self::Big(ops) => ops.set_base(base),
        }
    }

    /// Whether k1·base + k2·p2 is a finite point whose x is ≡ r (mod q);
    /// `base` is the point given to [`Arith::set_base`].
    fn mul_add_base_x_mod_q_is(
        &self,
        (base, k1): (&Point, &BigUint),
        (p2, k2): (&Point, &BigUint),
        r: &BigUint,
        q: &BigUint,
    ) -> bool {
        match self {
            Self::Crandall4(ops) => ops.x_mod_q_is(&ops.mul_add_base(base, k1, p2, k2), r, q),
            Self::Crandall8(ops) => ops.x_mod_q_is(&ops.mul_add_base(base, k1, p2, k2), r, q),
            Self::Limbs4(ops) => ops.x_mod_q_is(&ops.mul_add_base(base, k1, p2, k2), r, q),
            Self::Limbs8(ops) => ops.x_mod_q_is(&ops.mul_add_base(base, k1, p2, k2), r, q),
            Self::Big(ops) => ops.x_mod_q_is(&ops.mul_add_base(base, k1, p2, k2), r, q),
        }
    }

    /// k·pt in affine coordinates, `None` for the point at infinity.
    fn mul(&self, pt: &Point, k: &BigUint) -> Option<Point> {
        match self {
            Self::Crandall4(ops) => ops.to_affine(&ops.mul(pt, k)),
            Self::Crandall8(ops) => ops.to_affine(&ops.mul(pt, k)),
            Self::Limbs4(ops) => ops.to_affine(&ops.mul(pt, k)),
            Self::Limbs8(ops) => ops.to_affine(&ops.mul(pt, k)),
            Self::Big(ops) => ops.to_affine(&ops.mul(pt, k)),
        }
    }

    /// Whether k·pt is the point at infinity (no inversion needed).
    fn mul_is_infinity(&self, pt: &Point, k: &BigUint) -> bool {
        match self {
            Self::Crandall4(ops) => ops.is_infinity(&ops.mul(pt, k)),
            Self::Crandall8(ops) => ops.is_infinity(&ops.mul(pt, k)),
            Self::Limbs4(ops) => ops.is_infinity(&ops.mul(pt, k)),
            Self::Limbs8(ops) => ops.is_infinity(&ops.mul(pt, k)),
            Self::Big(ops) => ops.is_infinity(&ops.mul(pt, k)),
        }
    }
}

impl Curve {
    /// Parses and checks curve parameters.
    ///
    /// # Errors
    ///
    /// [`GostError::CurveParamNotHex`] if a parameter does not parse;
    /// [`GostError::InvalidCurve`] if p is not odd and above 3; a, b or the
    /// base point are not below p; q is below 2 or more than one bit longer
    /// than p; the base point is not on the curve; or q·P ≠ O. Primality of
    /// p and q is *not* checked.
    pub fn new(params: &CurveParams) -> Result<Self, GostError> {
        let parse = |param: &'static str, hex: &str| {
            BigUint::parse_bytes(hex.as_bytes(), 16).ok_or(GostError::CurveParamNotHex {
                curve: params.name,
                param,
            })
        };
        let invalid = |reason| GostError::InvalidCurve {
            curve: params.name,
            reason,
        };
        let p = parse("p", params.p)?;
        let a = parse("a", params.a)?;
        let b = parse("b", params.b)?;
        let q = parse("q", params.q)?;
        let base = Point {
            x: parse("x", params.x)?,
            y: parse("y", params.y)?,
        };
        if p <= BigUint::from(3u8) || !p.bit(0) {
            return Err(invalid("p must be odd and greater than 3"));
        }
        if a >= p || b >= p || base.x >= p || base.y >= p {
            return Err(invalid("a, b and the base point must be below p"));
        }
        if q <= BigUint::one() || q.bits() > p.bits().saturating_add(1) {
            return Err(invalid("q must be above 1 and at most about p"));
        }
        let size = usize::try_from(p.bits().div_ceil(8))
            .map_err(|_| invalid("p is too large for this platform"))?;
        let arith = Arith::new(&p, &a);
        // Sound only once q·P = O is checked below; until then nothing
        // reads it.
        let prime_order = order_q_is_the_whole_group(&p, &q);
        let mut curve = Self {
            name: params.name,
            p,
            a,
            b,
            q,
            base,
            size,
            arith,
            prime_order,
        };
        if !curve.is_on_curve(&curve.base) {
            return Err(invalid("the base point is not on the curve"));
        }
        let base = curve.base.clone();
        curve.arith.set_base(&base);
        if !curve.arith.mul_is_infinity(&curve.base, &curve.q) {
            return Err(invalid("the base point does not have order q"));
        }
        Ok(curve)
    }

    /// Name of the parameter set.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Order q of the base point.
    pub fn order(&self) -> &BigUint {
        &self.q
    }

    /// Byte length of digests (and the maximum of r and s) on this curve:
    /// 32 for 256-bit curves, 64 for 512-bit ones.
    pub fn size(&self) -> usize {
        self.size
    }

    /// The base point P.
    pub fn base_point(&self) -> &Point {
        &self.base
    }

    fn is_on_curve(&self, pt: &Point) -> bool {
        let f = Field(&self.p);
        let lhs = f.mul(&pt.y, &pt.y);
        let x3 = f.mul(&f.mul(&pt.x, &pt.x), &pt.x);
        let rhs = f.add(&f.add(&x3, &f.mul(&self.a, &pt.x)), &self.b);
        lhs == rhs
    }

    /// k·pt in affine coordinates, `None` for the point at infinity (not
    /// constant time).
    fn mul(&self, pt: &Point, k: &BigUint) -> Option<Point> {
        self.arith.mul(pt, k)
    }

    fn check_public_key(&self, key: &Point) -> Result<(), GostError> {
        if key.x.is_zero() && key.y.is_zero() {
            return Err(GostError::PublicKeyAtInfinity);
        }
        if key.x >= self.p || key.y >= self.p {
            return Err(GostError::PublicKeyCoordinateOutOfRange);
        }
        if !self.is_on_curve(key) {
            return Err(GostError::PublicKeyNotOnCurve);
        }
        // On a curve of prime order q every point passes, so the scalar
        // multiplication (about half the cost of a verification) is skipped.
        if !self.prime_order && !self.arith.mul_is_infinity(key, &self.q) {
            return Err(GostError::PublicKeyNotInSubgroup);
        }
        Ok(())
    }
}

/// Arithmetic mod a nonzero modulus on reduced operands.
///
/// The arithmetic-side-effects lint is allowed here and only here: `BigUint`
/// is arbitrary precision, so `+` and `*` cannot overflow; `%` is always by
/// the modulus, which is nonzero ([`Curve::new`] checks p above 3 and q
/// above 1 before any arithmetic, and `arith::Mont::new` refuses an even p
/// or p = 1 before reducing mod p); and `-` only
/// subtracts a reduced operand (< m) from a value increased by m, so it
/// cannot underflow.
struct Field<'a>(&'a BigUint);

#[allow(clippy::arithmetic_side_effects)]
impl Field<'_> {
    fn add(&self, a: &BigUint, b: &BigUint) -> BigUint {
        (a + b) % self.0
    }

    fn sub(&self, a: &BigUint, b: &BigUint) -> BigUint {
        (a + self.0 - (b % self.0)) % self.0
    }

    fn mul(&self, a: &BigUint, b: &BigUint) -> BigUint {
        (a * b) % self.0
    }

    fn reduce(&self, a: &BigUint) -> BigUint {
        a % self.0
    }

    fn neg(&self, a: &BigUint) -> BigUint {
        self.sub(&BigUint::zero(), a)
    }
}

/// The digest as the integer e of RFC 7091 §6.1 step 2 / §6.2 step 2:
/// little-endian, reduced mod q, and 1 if that is 0.
fn digest_to_e(curve: &Curve, digest: &[u8]) -> Result<BigUint, GostError> {
    if digest.len() != curve.size {
        return Err(GostError::DigestLength {
            expected: curve.size,
            found: digest.len(),
        });
    }
    let e = Field(&curve.q).reduce(&BigUint::from_bytes_le(digest));
    Ok(if e.is_zero() { BigUint::one() } else { e })
}

fn component(curve: &Curve, bytes: &[u8], which: Component) -> Result<BigUint, GostError> {
    if bytes.len() > curve.size {
        return Err(GostError::ComponentLength {
            component: which,
            max: curve.size,
            found: bytes.len(),
        });
    }
    let v = BigUint::from_bytes_be(bytes);
    if v.is_zero() || v >= curve.q {
        return Err(GostError::ComponentOutOfRange { component: which });
    }
    Ok(v)
}

/// Verifies a GOST R 34.10-2012 signature (r, s) on `digest` under
/// `public_key` (GOST R 34.10-2012, RFC 7091 §6.2).
///
/// - `digest`: the Streebog output bytes as the `streebog` crate returns
///   them (read little-endian, see the module docs); its length must be
///   [`Curve::size`] (64 for 512-bit curves, 32 for 256-bit ones).
/// - `r`, `s`: big-endian integers of at most [`Curve::size`] bytes; for an
///   NCA signature use [`nca_signature_split`] first.
///
/// # Errors
///
/// Every rejection names its reason: [`GostError::DigestLength`],
/// [`GostError::ComponentLength`], [`GostError::ComponentOutOfRange`]
/// (r or s is 0 or ≥ q), [`GostError::PublicKeyAtInfinity`],
/// [`GostError::PublicKeyCoordinateOutOfRange`],
/// [`GostError::PublicKeyNotOnCurve`], [`GostError::PublicKeyNotInSubgroup`],
/// and [`GostError::SignatureMismatch`] when everything is well formed but
/// the signature is not valid.
pub fn verify(
    curve: &Curve,
    public_key: &Point,
    digest: &[u8],
    r: &[u8],
    s: &[u8],
) -> Result<(), GostError> {
    let e = digest_to_e(curve, digest)?;
    let r = component(curve, r, Component::R)?;
    let s = component(curve, s, Component::S)?;
    curve.check_public_key(public_key)?;
    let fq = Field(&curve.q);
    // q is prime and 0 < e < q, so the inverse exists; a composite q from a
    // bad custom curve makes this a rejection, not a panic.
    let v = arith::mod_inverse(&e, &curve.q).ok_or(GostError::SignatureMismatch)?;
    let z1 = fq.mul(&s, &v);
    let z2 = fq.neg(&fq.mul(&r, &v));
    // C = z1·P + z2·Q; accept iff C ≠ O and x_C mod q = r (compared in
    // Jacobian coordinates, see `arith::Ops::x_mod_q_is`).
    if curve
        .arith
        .mul_add_base_x_mod_q_is((&curve.base, &z1), (public_key, &z2), &r, &curve.q)
    {
        Ok(())
    } else {
        Err(GostError::SignatureMismatch)
    }
}

/// The public key `d·P` of private key `d`, for test fixtures.
///
/// NOTE: not constant time; never call it with a real key.
pub fn public_key_for_tests(curve: &Curve, d: &BigUint) -> Option<Point> {
    curve.mul(&curve.base, d)
}

/// Signs `digest` with private key `d` and nonce `k` (RFC 7091 §6.1),
/// returning big-endian `(r, s)`; `None` if `k` or `d` give r = 0 or s = 0
/// (take another `k`). For test fixtures: the verifier's tests sign with it
/// so that no real key is needed.
///
/// NOTE: not constant time and `k` is the caller's; never use it to sign
/// anything real.
pub fn sign_for_tests(
    curve: &Curve,
    d: &BigUint,
    digest: &[u8],
    k: &BigUint,
) -> Option<(BigUint, BigUint)> {
    let e = digest_to_e(curve, digest).ok()?;
    let fq = Field(&curve.q);
    let c = curve.mul(&curve.base, k)?;
    let r = fq.reduce(&c.x);
    if r.is_zero() {
        return None;
    }
    let s = fq.add(&fq.mul(&r, d), &fq.mul(k, &e));
    (!s.is_zero()).then_some((r, s))
}

/// Writes big-endian `(r, s)` in NCA's layout: `r ‖ s`, each little-endian
/// and `size` bytes long (the inverse of [`nca_signature_split`]).
pub fn nca_signature_join(r: &BigUint, s: &BigUint, size: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(size.saturating_mul(2));
    for v in [r, s] {
        let mut le = v.to_bytes_le();
        le.resize(size, 0);
        out.extend(le);
    }
    out
}

/// Splits an NCA RK GOST signature `r ‖ s` (each half little-endian,
/// LEGAL.md) into the big-endian `(r, s)` that [`verify`] takes.
///
/// The NCA layout is the byte-reversal of the RFC 4491 `s ‖ r` big-endian
/// layout; both halves have the curve's byte length, so the length tells
/// the curve size: 64 bytes for 256-bit keys, 128 for 512-bit keys.
///
/// # Errors
///
/// [`GostError::SignatureLength`] if `sig` is not 64 or 128 bytes.
pub fn nca_signature_split(sig: &[u8]) -> Result<(Vec<u8>, Vec<u8>), GostError> {
    if sig.len() != 64 && sig.len() != 128 {
        return Err(GostError::SignatureLength { found: sig.len() });
    }
    let (r_le, s_le) = sig.split_at(sig.len() / 2);
    let r = r_le.iter().rev().copied().collect();
    let s = s_le.iter().rev().copied().collect();
    Ok((r, s))
}

#[cfg(test)]
mod tests;
