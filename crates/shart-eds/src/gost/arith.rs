//! Field and point arithmetic behind [`super::verify`].
//!
//! - [`Mont`]: arithmetic mod an odd p in `N` 64-bit limbs (N = 4 for
//!   256-bit curves, 8 for 512-bit ones) in Montgomery form, with
//!   elements always fully reduced (`< p`), so equal values have equal
//!   limbs.
//! - [`Crandall`]: the same for p = 2^(64N) − c with a small c, as all
//!   the named curves have: plain integers, schoolbook products (squares
//!   with the cross products once) reduced by folding the high half times
//!   c, about half the work of a Montgomery reduction. The curves use it;
//!   [`Mont`] takes any other p up to 512 bits.
//! - [`BigField`]: the same operations on `BigUint` with `%` reductions,
//!   for curves whose p is wider than 512 bits, and as the reference the
//!   tests compare [`Mont`] and [`Crandall`] against.
//! - [`Ops`]: Jacobian point arithmetic over any of them, with the a = −3
//!   doubling formula when a ≡ −3 (mod p), and `k1·P1 + k2·P2` by
//!   interleaved NAF (one doubling per bit; width 5, about one addition
//!   per six bits per scalar, or width 7 with mixed additions for the base
//!   point, whose affine table [`Ops::set_base`] computes once per curve).
//! - [`mod_inverse`]: binary extended Euclid on limbs.
//!
//! None of it is constant time: it only ever handles public data.
//!
//! Limb arithmetic uses `wrapping_*`/`overflowing_*` where a carry is
//! intended or where the comment at the call shows that the value fits;
//! array indices are loop counters below `N` or limb positions below
//! 2N ≤ 16.

use std::fmt;

use num_bigint::BigUint;
use num_traits::{CheckedAdd, One, Zero};

use super::Point;

/// Operations of a prime field that the point formulas need.
pub(super) trait FieldOps {
    /// A field element.
    type El: Clone + PartialEq + Eq + fmt::Debug;
    /// The modulus p.
    fn modulus(&self) -> &BigUint;
    /// `v mod p` as an element.
    fn element(&self, v: &BigUint) -> Self::El;
    /// The element as an integer in `0..p`.
    fn integer(&self, a: &Self::El) -> BigUint;
    fn zero(&self) -> Self::El;
    fn one(&self) -> Self::El;
    fn is_zero(&self, a: &Self::El) -> bool;
    fn add(&self, a: &Self::El, b: &Self::El) -> Self::El;
    fn sub(&self, a: &Self::El, b: &Self::El) -> Self::El;
    fn mul(&self, a: &Self::El, b: &Self::El) -> Self::El;
    fn sqr(&self, a: &Self::El) -> Self::El {
        self.mul(a, a)
    }
    fn dbl(&self, a: &Self::El) -> Self::El {
        self.add(a, a)
    }
    fn neg(&self, a: &Self::El) -> Self::El {
        self.sub(&self.zero(), a)
    }
}

/// `BigUint` arithmetic mod p (p > 3, checked by `Curve::new`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct BigField {
    p: BigUint,
}

impl BigField {
    pub(super) fn new(p: &BigUint) -> Self {
        Self { p: p.clone() }
    }
}

impl FieldOps for BigField {
    type El = BigUint;

    fn modulus(&self) -> &BigUint {
        &self.p
    }

    fn element(&self, v: &BigUint) -> BigUint {
        super::Field(&self.p).reduce(v)
    }

    fn integer(&self, a: &BigUint) -> BigUint {
        a.clone()
    }

    fn zero(&self) -> BigUint {
        BigUint::zero()
    }

    fn one(&self) -> BigUint {
        BigUint::one()
    }

    fn is_zero(&self, a: &BigUint) -> bool {
        a.is_zero()
    }

    fn add(&self, a: &BigUint, b: &BigUint) -> BigUint {
        super::Field(&self.p).add(a, b)
    }

    fn sub(&self, a: &BigUint, b: &BigUint) -> BigUint {
        super::Field(&self.p).sub(a, b)
    }

    fn mul(&self, a: &BigUint, b: &BigUint) -> BigUint {
        super::Field(&self.p).mul(a, b)
    }
}

/// The low 64 bits of `x` (the truncation is the point).
#[allow(clippy::cast_possible_truncation)]
fn lo(x: u128) -> u64 {
    x as u64
}

/// `a + b·c + carry` as (low, high) limbs. The sum is at most
/// (2⁶⁴−1)² + 2·(2⁶⁴−1) = 2¹²⁸ − 1, so the u128 operations never wrap.
fn mac(a: u64, b: u64, c: u64, carry: u64) -> (u64, u64) {
    let t = u128::from(b)
        .wrapping_mul(u128::from(c))
        .wrapping_add(u128::from(a))
        .wrapping_add(u128::from(carry));
    (lo(t), lo(t.wrapping_shr(64)))
}

/// `a + b + carry` (carry 0 or 1) as (sum mod 2⁶⁴, carry out 0 or 1).
fn adc(a: u64, b: u64, carry: u64) -> (u64, u64) {
    let (s1, c1) = a.overflowing_add(b);
    let (s2, c2) = s1.overflowing_add(carry);
    (s2, u64::from(c1 | c2))
}

/// `a − b − borrow` (borrow 0 or 1) as (difference mod 2⁶⁴, borrow out).
fn sbb(a: u64, b: u64, borrow: u64) -> (u64, u64) {
    let (d1, b1) = a.overflowing_sub(b);
    let (d2, b2) = d1.overflowing_sub(borrow);
    (d2, u64::from(b1 | b2))
}

/// `a − b` over N limbs, wrapping mod 2^(64N), and the final borrow.
fn sub_limbs<const N: usize>(a: &[u64; N], b: &[u64; N]) -> ([u64; N], u64) {
    let mut out = [0u64; N];
    let mut borrow = 0;
    for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
        (*o, borrow) = sbb(x, y, borrow);
    }
    (out, borrow)
}

/// `a + b` over N limbs, wrapping mod 2^(64N), and the final carry.
fn add_limbs<const N: usize>(a: &[u64; N], b: &[u64; N]) -> ([u64; N], u64) {
    let mut out = [0u64; N];
    let mut carry = 0;
    for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
        (*o, carry) = adc(x, y, carry);
    }
    (out, carry)
}

/// `v` as N little-endian limbs, or `None` if it does not fit.
fn to_limbs<const N: usize>(v: &BigUint) -> Option<[u64; N]> {
    let digits = v.to_u64_digits();
    if digits.len() > N {
        return None;
    }
    let mut out = [0u64; N];
    for (o, d) in out.iter_mut().zip(digits) {
        *o = d;
    }
    Some(out)
}

fn from_limbs(limbs: &[u64]) -> BigUint {
    let bytes: Vec<u8> = limbs.iter().flat_map(|l| l.to_le_bytes()).collect();
    BigUint::from_bytes_le(&bytes)
}

/// Montgomery arithmetic mod an odd p < 2^(64N): an element a is stored as
/// `a·R mod p` with R = 2^(64N), always fully reduced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Mont<const N: usize> {
    p: [u64; N],
    p_big: BigUint,
    /// −p⁻¹ mod 2⁶⁴.
    neg_p_inv: u64,
    /// R² mod p: multiplying by it converts into Montgomery form.
    r2: [u64; N],
    /// R mod p: the Montgomery form of 1.
    one: [u64; N],
}

impl<const N: usize> Mont<N> {
    /// `None` unless p is odd, above 1 and below 2^(64N).
    pub(super) fn new(p: &BigUint) -> Option<Self> {
        if !p.bit(0) || p.is_one() || N == 0 {
            return None;
        }
        let limbs = to_limbs::<N>(p)?;
        let p0 = *limbs.first()?;
        // Newton's iteration for p0⁻¹ mod 2⁶⁴: each step doubles the
        // number of correct low bits (p0 is its own inverse mod 8, so 3 to
        // start; 3·2⁵ ≥ 64). Wrapping is arithmetic mod 2⁶⁴, as intended.
        let mut inv = p0;
        for _ in 0..5 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(p0.wrapping_mul(inv)));
        }
        let bits = u64::try_from(N).ok()?.checked_mul(64)?;
        let mut r = BigUint::zero();
        r.set_bit(bits, true);
        let r_mod = super::Field(p).reduce(&r);
        let r2 = super::Field(p).mul(&r_mod, &r_mod);
        Some(Self {
            p: limbs,
            p_big: p.clone(),
            neg_p_inv: inv.wrapping_neg(),
            r2: to_limbs(&r2)?,
            one: to_limbs(&r_mod)?,
        })
    }

    /// `t + hi·2^(64N) − p` if that is ≥ 0, else t; for `t + hi·2^(64N) < 2p`.
    fn reduce_once(&self, t: [u64; N], hi: u64) -> [u64; N] {
        let (d, borrow) = sub_limbs(&t, &self.p);
        // With hi = 1 the subtraction borrows out of the limbs exactly
        // once, which the hi limb pays for.
        if hi != 0 || borrow == 0 {
            d
        } else {
            t
        }
    }

    /// Montgomery product `a·b·R⁻¹ mod p` (CIOS), for `a, b < p`.
    fn mont_mul(&self, a: &[u64; N], b: &[u64; N]) -> [u64; N] {
        // Invariant at the top of each round: t + t_hi·2^(64N) < 2p.
        let mut t = [0u64; N];
        let mut t_hi = 0u64;
        for &ai in a {
            // t += ai·b
            let mut carry = 0;
            for (tj, &bj) in t.iter_mut().zip(b) {
                (*tj, carry) = mac(*tj, ai, bj, carry);
            }
            let (top, top_carry) = adc(t_hi, carry, 0);
            // t += m·p with m chosen so that the low limb becomes 0, then
            // shift right by one limb.
            let m = t[0].wrapping_mul(self.neg_p_inv);
            let (_, mut carry) = mac(t[0], m, self.p[0], 0);
            for j in 1..N {
                // j ≥ 1, so j − 1 does not wrap.
                (t[j.wrapping_sub(1)], carry) = mac(t[j], m, self.p[j], carry);
            }
            let (top, top_carry2) = adc(top, carry, 0);
            // N ≥ 1 (checked in `new`), so N − 1 does not wrap.
            t[N.wrapping_sub(1)] = top;
            // The sum stays below 2p < 2·2^(64N), so at most one carry.
            t_hi = top_carry | top_carry2;
        }
        self.reduce_once(t, t_hi)
    }
}

/// `v mod p` as N limbs (`None` only if p itself does not fit N limbs).
fn reduced_limbs<const N: usize>(p: &BigUint, v: &BigUint) -> Option<[u64; N]> {
    if v < p {
        to_limbs(v)
    } else {
        to_limbs(&super::Field(p).reduce(v))
    }
}

impl<const N: usize> FieldOps for Mont<N> {
    type El = [u64; N];

    fn modulus(&self) -> &BigUint {
        &self.p_big
    }

    fn element(&self, v: &BigUint) -> [u64; N] {
        // v < p < 2^(64N) always fits; the fallback is unreachable.
        reduced_limbs(&self.p_big, v).map_or([0; N], |v| self.mont_mul(&v, &self.r2))
    }

    fn integer(&self, a: &[u64; N]) -> BigUint {
        let mut one = [0u64; N];
        if let Some(first) = one.first_mut() {
            *first = 1;
        }
        from_limbs(&self.mont_mul(a, &one))
    }

    fn zero(&self) -> [u64; N] {
        [0; N]
    }

    fn one(&self) -> [u64; N] {
        self.one
    }

    fn is_zero(&self, a: &[u64; N]) -> bool {
        a.iter().all(|&l| l == 0)
    }

    fn add(&self, a: &[u64; N], b: &[u64; N]) -> [u64; N] {
        let (s, carry) = add_limbs(a, b);
        self.reduce_once(s, carry)
    }

    fn sub(&self, a: &[u64; N], b: &[u64; N]) -> [u64; N] {
        sub_mod(a, b, &self.p)
    }

    fn mul(&self, a: &[u64; N], b: &[u64; N]) -> [u64; N] {
        self.mont_mul(a, b)
    }
}

/// Arithmetic mod a pseudo-Mersenne prime p = 2^(64N) − c with
/// 0 < c < 2³² (all the named curves: c = 569 for the 512-bit one, 617 for
/// the 256-bit ones), N ≤ 8. Elements are plain integers below p in N
/// limbs; a product of 2N limbs `lo + hi·2^(64N)` reduces as `lo + hi·c`,
/// since 2^(64N) ≡ c (mod p), about half the work of a Montgomery
/// reduction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Crandall<const N: usize> {
    p: [u64; N],
    p_big: BigUint,
    c: u64,
}

impl<const N: usize> Crandall<N> {
    /// `None` unless p = 2^(64N) − c with c odd, 0 < c < 2³² and
    /// 2 ≤ N ≤ 8.
    pub(super) fn new(p: &BigUint) -> Option<Self> {
        if !(2..=8).contains(&N) || !p.bit(0) {
            return None;
        }
        let limbs = to_limbs::<N>(p)?;
        // c = 2^(64N) − p = (!p) + 1 over N limbs; p odd, so no carry.
        let (neg, _) = add_limbs(&limbs.map(|l| !l), &{
            let mut one = [0u64; N];
            if let Some(first) = one.first_mut() {
                *first = 1;
            }
            one
        });
        let (&c, rest) = neg.split_first()?;
        if c == 0 || c >= 1 << 32 || rest.iter().any(|&l| l != 0) {
            return None;
        }
        Some(Self {
            p: limbs,
            p_big: p.clone(),
            c,
        })
    }

    /// `t + c` if that reaches 2^(64N) (then it is t − p), else t: the
    /// final subtraction of p for `t < 2p`.
    fn reduce_once(&self, t: [u64; N]) -> [u64; N] {
        let mut u = t;
        let mut carry = self.c;
        for l in &mut u {
            (*l, carry) = adc(*l, carry, 0);
        }
        if carry != 0 {
            u
        } else {
            t
        }
    }

    /// `(lo + hi·2^(64N)) mod p` for a product `< p²`.
    fn reduce_wide(&self, wide: &[u64; 16]) -> [u64; N] {
        // t = lo + hi·c: at most (2^(64N) − 1)·(c + 1), so the limb that
        // carries out is at most c.
        let mut t = [0u64; N];
        let mut carry = 0;
        // N ≤ 8, so both halves are within the 16 limbs.
        let (lo, hi) = wide.split_at(N);
        for ((tj, &l), &h) in t.iter_mut().zip(lo).zip(hi) {
            (*tj, carry) = mac(l, h, self.c, carry);
        }
        // Fold the carry limb: carry·c < 2⁶⁴ since both are below 2³².
        let mut fold = carry.wrapping_mul(self.c);
        let mut overflow = 0;
        for l in &mut t {
            (*l, overflow) = adc(*l, fold, 0);
            fold = overflow;
        }
        if overflow != 0 {
            // Wrapped past 2^(64N) ≡ c: t is now below carry·c < 2⁶⁴, so
            // adding c < 2³² once more cannot overflow N ≥ 2 limbs.
            let mut add = self.c;
            for l in &mut t {
                (*l, add) = adc(*l, add, 0);
            }
        }
        self.reduce_once(t)
    }
}

impl<const N: usize> FieldOps for Crandall<N> {
    type El = [u64; N];

    fn modulus(&self) -> &BigUint {
        &self.p_big
    }

    fn element(&self, v: &BigUint) -> [u64; N] {
        // v < p < 2^(64N) always fits; the fallback is unreachable.
        reduced_limbs(&self.p_big, v).unwrap_or([0; N])
    }

    fn integer(&self, a: &[u64; N]) -> BigUint {
        from_limbs(a)
    }

    fn zero(&self) -> [u64; N] {
        [0; N]
    }

    fn one(&self) -> [u64; N] {
        let mut one = [0u64; N];
        if let Some(first) = one.first_mut() {
            *first = 1;
        }
        one
    }

    fn is_zero(&self, a: &[u64; N]) -> bool {
        a.iter().all(|&l| l == 0)
    }

    fn add(&self, a: &[u64; N], b: &[u64; N]) -> [u64; N] {
        let (s, carry) = add_limbs(a, b);
        if carry != 0 {
            // a + b = s + 2^(64N) ≥ p; a + b − p = s + c < p, no overflow.
            let mut add = self.c;
            let mut out = s;
            for l in &mut out {
                (*l, add) = adc(*l, add, 0);
            }
            out
        } else {
            self.reduce_once(s)
        }
    }

    fn sub(&self, a: &[u64; N], b: &[u64; N]) -> [u64; N] {
        sub_mod(a, b, &self.p)
    }

    fn mul(&self, a: &[u64; N], b: &[u64; N]) -> [u64; N] {
        // Schoolbook product into 2N ≤ 16 limbs, row i at limbs i .. i + N
        // (N ≤ 8 is checked in `new`, so every row is within the 16).
        let mut wide = [0u64; 16];
        for (i, &ai) in a.iter().enumerate() {
            let mut carry = 0;
            let Some(row) = wide.get_mut(i..i.wrapping_add(N)) else {
                continue;
            };
            for (w, &bj) in row.iter_mut().zip(b) {
                (*w, carry) = mac(*w, ai, bj, carry);
            }
            if let Some(w) = wide.get_mut(i.wrapping_add(N)) {
                *w = carry;
            }
        }
        self.reduce_wide(&wide)
    }

    fn sqr(&self, a: &[u64; N]) -> [u64; N] {
        // The cross products a_i·a_j (i < j) once, doubled, plus the
        // squares a_i².
        let mut wide = [0u64; 16];
        for (i, &ai) in a.iter().enumerate() {
            let mut carry = 0;
            // Row i adds a_i·a_j for j > i at limbs 2i + 1 .. i + N.
            let Some(row) = wide.get_mut(i.wrapping_mul(2).wrapping_add(1)..i.wrapping_add(N))
            else {
                continue;
            };
            for (w, &aj) in row.iter_mut().zip(a.iter().skip(i.wrapping_add(1))) {
                (*w, carry) = mac(*w, ai, aj, carry);
            }
            if let Some(w) = wide.get_mut(i.wrapping_add(N)) {
                *w = carry;
            }
        }
        // Double: shift the 2N limbs left by one bit (the cross sum is
        // below 2^(128N − 1), so nothing shifts out).
        let mut top = 0;
        for w in &mut wide {
            let next = *w >> 63;
            *w = (*w << 1) | top;
            top = next;
        }
        // Add the squares a_i² at limbs 2i, 2i + 1 with carry propagation.
        let mut carry = 0;
        for (i, &ai) in a.iter().enumerate() {
            let k = i.wrapping_mul(2);
            let (sq_lo, sq_hi) = mac(0, ai, ai, 0);
            let (v0, c0) = adc(wide[k], sq_lo, carry);
            let (v1, c1) = adc(wide[k.wrapping_add(1)], sq_hi, c0);
            wide[k] = v0;
            wide[k.wrapping_add(1)] = v1;
            carry = c1;
        }
        self.reduce_wide(&wide)
    }
}

/// `a⁻¹ mod m`, `None` if it does not exist: binary extended Euclid on
/// fixed limbs for an odd m of up to 512 bits (several times faster than
/// `BigUint::modinv`), `BigUint::modinv` otherwise.
pub(super) fn mod_inverse(a: &BigUint, m: &BigUint) -> Option<BigUint> {
    if m.bit(0) && m.bits() <= 256 {
        inverse_limbs::<4>(a, m)
    } else if m.bit(0) && m.bits() <= 512 {
        inverse_limbs::<8>(a, m)
    } else {
        a.modinv(m)
    }
}

fn is_one<const N: usize>(a: &[u64; N]) -> bool {
    a.split_first()
        .is_some_and(|(&first, rest)| first == 1 && rest.iter().all(|&l| l == 0))
}

/// Halves `x` mod the odd m: x/2 if x is even, else (x + m)/2 (x < m, so
/// the sum has at most one bit more, which the shift brings back).
fn half_mod<const N: usize>(x: &mut [u64; N], m: &[u64; N]) {
    let top = if x.first().is_some_and(|&l| l & 1 == 1) {
        let (sum, carry) = add_limbs(x, m);
        *x = sum;
        carry
    } else {
        0
    };
    shr1(x);
    if let Some(last) = x.last_mut() {
        *last |= top << 63;
    }
}

/// `x − y mod m` for x, y < m (field subtraction and the inverse's
/// bookkeeping alike); the carry out of `+ m` cancels the borrow.
fn sub_mod<const N: usize>(x: &[u64; N], y: &[u64; N], m: &[u64; N]) -> [u64; N] {
    let (d, borrow) = sub_limbs(x, y);
    if borrow == 0 {
        d
    } else {
        add_limbs(&d, m).0
    }
}

fn shr1<const N: usize>(x: &mut [u64; N]) {
    let mut incoming = 0;
    for l in x.iter_mut().rev() {
        let out = *l & 1;
        *l = (*l >> 1) | (incoming << 63);
        incoming = out;
    }
}

/// Binary extended Euclid for an odd m > 1 that fits N limbs. Invariants:
/// x1·a ≡ u and x2·a ≡ v (mod m); each round halves u or v or subtracts
/// the smaller from the larger, so it ends within about 2·64N rounds.
fn inverse_limbs<const N: usize>(a: &BigUint, m: &BigUint) -> Option<BigUint> {
    let m_limbs = to_limbs::<N>(m)?;
    if m.is_one() {
        return None;
    }
    let mut u = to_limbs::<N>(&super::Field(m).reduce(a))?;
    let mut v = m_limbs;
    let mut x1 = [0u64; N];
    *x1.first_mut()? = 1;
    let mut x2 = [0u64; N];
    let zero = |t: &[u64; N]| t.iter().all(|&l| l == 0);
    loop {
        // gcd(a, m) = gcd(u, v) ≠ 1 shows up as u or v reaching 0.
        if zero(&u) || zero(&v) {
            return None;
        }
        if is_one(&u) {
            return Some(from_limbs(&x1));
        }
        if is_one(&v) {
            return Some(from_limbs(&x2));
        }
        while u.first().is_some_and(|&l| l & 1 == 0) {
            shr1(&mut u);
            half_mod(&mut x1, &m_limbs);
        }
        while v.first().is_some_and(|&l| l & 1 == 0) {
            shr1(&mut v);
            half_mod(&mut x2, &m_limbs);
        }
        // Both odd now (v starts odd, u is nonzero).
        let (d, borrow) = sub_limbs(&u, &v);
        if borrow == 0 {
            u = d;
            x1 = sub_mod(&x1, &x2, &m_limbs);
        } else {
            v = sub_limbs(&v, &u).0;
            x2 = sub_mod(&x2, &x1, &m_limbs);
        }
    }
}

/// Jacobian coordinates: (X, Y, Z) stands for (X/Z², Y/Z³); Z = 0 is the
/// point at infinity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Jacobian<E> {
    pub(super) x: E,
    pub(super) y: E,
    pub(super) z: E,
}

/// A scalar's NAF digits with the table of odd multiples of its point;
/// `affine` when every entry has Z = 1, so that mixed addition applies.
struct Term<'a, E> {
    naf: Vec<i8>,
    table: &'a [Jacobian<E>],
    affine: bool,
}

/// Width of the NAF recoding of scalars times arbitrary points: digits
/// are odd and below 2⁴ in absolute value, so each point needs a table of
/// 8 odd multiples.
const WINDOW: u32 = 5;

/// Width for the base point, whose table of 32 odd multiples (in affine
/// coordinates) is computed once per curve.
const BASE_WINDOW: u32 = 7;

/// Point arithmetic on `y² = x³ + a·x + b` over the field `F`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Ops<F: FieldOps> {
    pub(super) f: F,
    a: F::El,
    /// a ≡ −3 (mod p): doubling takes the cheaper formula.
    a_is_minus_3: bool,
    /// The odd multiples P, 3P, …, (2^(BASE_WINDOW−1) − 1)·P of the base
    /// point with Z = 1; empty until [`Ops::set_base`] (or if one of them
    /// is O, on a curve whose base point has tiny order).
    base_table: Vec<Jacobian<F::El>>,
}

impl<F: FieldOps> Ops<F> {
    pub(super) fn new(f: F, a: &BigUint) -> Self {
        let a_el = f.element(a);
        let three = f.element(&BigUint::from(3u8));
        let a_is_minus_3 = f.is_zero(&f.add(&a_el, &three));
        Self {
            f,
            a: a_el,
            a_is_minus_3,
            base_table: Vec::new(),
        }
    }

    /// Precomputes the base point's table of odd multiples in affine
    /// coordinates (one inversion each, once per curve).
    pub(super) fn set_base(&mut self, base: &Point) {
        let table = self.odd_multiples(&self.lift(base), BASE_WINDOW);
        let affine: Option<Vec<_>> = table
            .iter()
            .map(|pt| {
                self.to_affine(pt).map(|a| Jacobian {
                    x: self.f.element(&a.x),
                    y: self.f.element(&a.y),
                    z: self.f.one(),
                })
            })
            .collect();
        self.base_table = affine.unwrap_or_default();
    }

    pub(super) fn infinity(&self) -> Jacobian<F::El> {
        Jacobian {
            x: self.f.one(),
            y: self.f.one(),
            z: self.f.zero(),
        }
    }

    pub(super) fn is_infinity(&self, pt: &Jacobian<F::El>) -> bool {
        self.f.is_zero(&pt.z)
    }

    pub(super) fn lift(&self, pt: &Point) -> Jacobian<F::El> {
        Jacobian {
            x: self.f.element(&pt.x),
            y: self.f.element(&pt.y),
            z: self.f.one(),
        }
    }

    /// Affine coordinates, or `None` for the point at infinity.
    pub(super) fn to_affine(&self, pt: &Jacobian<F::El>) -> Option<Point> {
        if self.is_infinity(pt) {
            return None;
        }
        let f = &self.f;
        let zinv = f.element(&mod_inverse(&f.integer(&pt.z), f.modulus())?);
        let zinv2 = f.sqr(&zinv);
        Some(Point {
            x: f.integer(&f.mul(&pt.x, &zinv2)),
            y: f.integer(&f.mul(&pt.y, &f.mul(&zinv2, &zinv))),
        })
    }

    /// Whether the affine x of `pt` is ≡ r (mod q), without inverting Z:
    /// x = X/Z² is in `0..p`, so x mod q = r iff x = r + j·q < p for some
    /// j ≥ 0, i.e. iff X = (r + j·q)·Z² for one of those candidates. Falls
    /// back to the affine x when there are more than a few candidates
    /// (q much smaller than p: no named curve). False for O.
    pub(super) fn x_mod_q_is(&self, pt: &Jacobian<F::El>, r: &BigUint, q: &BigUint) -> bool {
        /// The named curves need at most 5 (TC26 256-bit: q ≈ p/4).
        const MAX_CANDIDATES: usize = 8;
        if self.is_infinity(pt) {
            return false;
        }
        let p = self.f.modulus();
        let mut candidates = Vec::new();
        let mut x = r.clone();
        while &x < p && candidates.len() <= MAX_CANDIDATES {
            let next = x.checked_add(q);
            candidates.push(x);
            let Some(next) = next else { break };
            x = next;
        }
        if candidates.len() > MAX_CANDIDATES {
            return self
                .to_affine(pt)
                .is_some_and(|a| super::Field(q).reduce(&a.x) == *r);
        }
        let zz = self.f.sqr(&pt.z);
        candidates
            .iter()
            .any(|x| self.f.mul(&self.f.element(x), &zz) == pt.x)
    }

    pub(super) fn neg(&self, pt: &Jacobian<F::El>) -> Jacobian<F::El> {
        Jacobian {
            x: pt.x.clone(),
            y: self.f.neg(&pt.y),
            z: pt.z.clone(),
        }
    }

    pub(super) fn double(&self, pt: &Jacobian<F::El>) -> Jacobian<F::El> {
        let f = &self.f;
        if self.is_infinity(pt) || f.is_zero(&pt.y) {
            return self.infinity();
        }
        if self.a_is_minus_3 {
            // dbl-2001-b (a = −3): 3M + 5S.
            let delta = f.sqr(&pt.z);
            let gamma = f.sqr(&pt.y);
            let beta = f.mul(&pt.x, &gamma);
            let t = f.mul(&f.sub(&pt.x, &delta), &f.add(&pt.x, &delta));
            let alpha = f.add(&f.dbl(&t), &t);
            let beta4 = f.dbl(&f.dbl(&beta));
            let x3 = f.sub(&f.sqr(&alpha), &f.dbl(&beta4));
            let yz = f.add(&pt.y, &pt.z);
            let z3 = f.sub(&f.sub(&f.sqr(&yz), &gamma), &delta);
            let gamma2_8 = f.dbl(&f.dbl(&f.dbl(&f.sqr(&gamma))));
            let y3 = f.sub(&f.mul(&alpha, &f.sub(&beta4, &x3)), &gamma2_8);
            return Jacobian {
                x: x3,
                y: y3,
                z: z3,
            };
        }
        // General a: S = 4·X·Y², M = 3·X² + a·Z⁴.
        let xx = f.sqr(&pt.x);
        let yy = f.sqr(&pt.y);
        let yyyy = f.sqr(&yy);
        let zz = f.sqr(&pt.z);
        let s = f.dbl(&f.dbl(&f.mul(&pt.x, &yy)));
        let m = f.add(&f.add(&f.dbl(&xx), &xx), &f.mul(&self.a, &f.sqr(&zz)));
        let x3 = f.sub(&f.sqr(&m), &f.dbl(&s));
        let yyyy8 = f.dbl(&f.dbl(&f.dbl(&yyyy)));
        let y3 = f.sub(&f.mul(&m, &f.sub(&s, &x3)), &yyyy8);
        let z3 = f.dbl(&f.mul(&pt.y, &pt.z));
        Jacobian {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// p1 + p2 for any two points (also p1 = p2, p1 = −p2 and O).
    pub(super) fn add(&self, p1: &Jacobian<F::El>, p2: &Jacobian<F::El>) -> Jacobian<F::El> {
        if self.is_infinity(p1) {
            return p2.clone();
        }
        if self.is_infinity(p2) {
            return p1.clone();
        }
        let f = &self.f;
        let z1z1 = f.sqr(&p1.z);
        let z2z2 = f.sqr(&p2.z);
        let u1 = f.mul(&p1.x, &z2z2);
        let u2 = f.mul(&p2.x, &z1z1);
        let s1 = f.mul(&p1.y, &f.mul(&p2.z, &z2z2));
        let s2 = f.mul(&p2.y, &f.mul(&p1.z, &z1z1));
        if u1 == u2 {
            return if s1 == s2 {
                self.double(p1)
            } else {
                self.infinity()
            };
        }
        let h = f.sub(&u2, &u1);
        let r = f.sub(&s2, &s1);
        let hh = f.sqr(&h);
        let hhh = f.mul(&h, &hh);
        let v = f.mul(&u1, &hh);
        let x3 = f.sub(&f.sub(&f.sqr(&r), &hhh), &f.dbl(&v));
        let y3 = f.sub(&f.mul(&r, &f.sub(&v, &x3)), &f.mul(&s1, &hhh));
        let z3 = f.mul(&f.mul(&p1.z, &p2.z), &h);
        Jacobian {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// p1 + p2 for p2 with Z = 1 (mixed addition, 8M + 3S), any points.
    fn add_affine(&self, p1: &Jacobian<F::El>, p2: &Jacobian<F::El>) -> Jacobian<F::El> {
        if self.is_infinity(p1) {
            return p2.clone();
        }
        let f = &self.f;
        let z1z1 = f.sqr(&p1.z);
        let u2 = f.mul(&p2.x, &z1z1);
        let s2 = f.mul(&p2.y, &f.mul(&p1.z, &z1z1));
        if p1.x == u2 {
            return if p1.y == s2 {
                self.double(p1)
            } else {
                self.infinity()
            };
        }
        let h = f.sub(&u2, &p1.x);
        let r = f.sub(&s2, &p1.y);
        let hh = f.sqr(&h);
        let hhh = f.mul(&h, &hh);
        let v = f.mul(&p1.x, &hh);
        let x3 = f.sub(&f.sub(&f.sqr(&r), &hhh), &f.dbl(&v));
        let y3 = f.sub(&f.mul(&r, &f.sub(&v, &x3)), &f.mul(&p1.y, &hhh));
        let z3 = f.mul(&p1.z, &h);
        Jacobian {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// P, 3P, 5P, …, (2^(window−1) − 1)·P.
    fn odd_multiples(&self, pt: &Jacobian<F::El>, window: u32) -> Vec<Jacobian<F::El>> {
        let twice = self.double(pt);
        let mut table = vec![pt.clone()];
        let mut last = pt.clone();
        for _ in 1..(1u32 << window.saturating_sub(2)) {
            last = self.add(&last, &twice);
            table.push(last.clone());
        }
        table
    }

    /// k1·p1 + k2·p2 (either scalar may be 0 or exceed the group order),
    /// by interleaved width-[`WINDOW`] NAF: one doubling per bit of the
    /// longer scalar and an addition per nonzero digit.
    pub(super) fn mul_add(
        &self,
        p1: &Point,
        k1: &BigUint,
        p2: &Point,
        k2: &BigUint,
    ) -> Jacobian<F::El> {
        let t1 = self.odd_multiples(&self.lift(p1), WINDOW);
        let t2 = self.odd_multiples(&self.lift(p2), WINDOW);
        self.multi_mul(&[
            Term {
                naf: wnaf(k1, WINDOW),
                table: &t1,
                affine: false,
            },
            Term {
                naf: wnaf(k2, WINDOW),
                table: &t2,
                affine: false,
            },
        ])
    }

    /// k1·P + k2·p2 for the base point P given to [`Ops::set_base`], with
    /// its precomputed affine table (plain [`Ops::mul_add`] without one).
    pub(super) fn mul_add_base(
        &self,
        base: &Point,
        k1: &BigUint,
        p2: &Point,
        k2: &BigUint,
    ) -> Jacobian<F::El> {
        if self.base_table.is_empty() {
            return self.mul_add(base, k1, p2, k2);
        }
        let t2 = self.odd_multiples(&self.lift(p2), WINDOW);
        self.multi_mul(&[
            Term {
                naf: wnaf(k1, BASE_WINDOW),
                table: &self.base_table,
                affine: true,
            },
            Term {
                naf: wnaf(k2, WINDOW),
                table: &t2,
                affine: false,
            },
        ])
    }

    /// k·pt.
    pub(super) fn mul(&self, pt: &Point, k: &BigUint) -> Jacobian<F::El> {
        let table = self.odd_multiples(&self.lift(pt), WINDOW);
        self.multi_mul(&[Term {
            naf: wnaf(k, WINDOW),
            table: &table,
            affine: false,
        }])
    }

    fn multi_mul(&self, terms: &[Term<'_, F::El>]) -> Jacobian<F::El> {
        let len = terms.iter().map(|t| t.naf.len()).max().unwrap_or(0);
        let mut acc = self.infinity();
        for i in (0..len).rev() {
            acc = self.double(&acc);
            for term in terms {
                let Some(&digit) = term.naf.get(i) else {
                    continue;
                };
                if digit == 0 {
                    continue;
                }
                // digit is odd, so |digit| >> 1 = (|digit| − 1) / 2 is the
                // index of |digit|·P in the table of odd multiples.
                let Some(entry) = term.table.get(usize::from(digit.unsigned_abs() >> 1)) else {
                    continue;
                };
                let negated;
                let entry = if digit > 0 {
                    entry
                } else {
                    negated = self.neg(entry);
                    &negated
                };
                acc = if term.affine {
                    self.add_affine(&acc, entry)
                } else {
                    self.add(&acc, entry)
                };
            }
        }
        acc
    }
}

/// Width-`window` non-adjacent form of k (window clamped to 2..=8), least
/// significant digit first: `k = Σ naf[i]·2^i`, every digit 0 or odd with
/// `|digit| < 2^(window−1)`, and at most one nonzero digit in any window
/// consecutive ones.
pub(super) fn wnaf(k: &BigUint, window: u32) -> Vec<i8> {
    let w = window.clamp(2, 8);
    let width = 1u32 << w;
    let half = width >> 1;
    let len = k.bits();
    let mut naf = Vec::new();
    // Invariant: k = Σ naf[i]·2^i + 2^pos·(carry + ⌊k / 2^pos⌋), and
    // naf.len() = pos.
    let mut pos = 0u64;
    let mut carry = 0u32;
    while pos < len || carry != 0 {
        let mut bits = 0u32;
        for i in 0..w {
            if k.bit(pos.saturating_add(u64::from(i))) {
                bits |= 1 << i;
            }
        }
        // bits < 2^w and carry ≤ 1: value ≤ 2^w, no overflow.
        let value = bits.saturating_add(carry);
        if value & 1 == 0 {
            // Even: this digit is 0; the carry, if any, moves on (then the
            // bit at pos is 1, and 1 + 1 carries again).
            naf.push(0);
            pos = pos.saturating_add(1);
            continue;
        }
        let digit = if value < half {
            carry = 0;
            i8::try_from(value).unwrap_or(0)
        } else {
            carry = 1;
            // value is odd and above half (≥ 2), so width − value is in
            // 1..half, at most 127: it fits an i8.
            i8::try_from(width.saturating_sub(value))
                .unwrap_or(0)
                .wrapping_neg()
        };
        naf.push(digit);
        naf.extend((1..w).map(|_| 0));
        pos = pos.saturating_add(u64::from(w));
    }
    naf
}

#[cfg(test)]
mod tests;
