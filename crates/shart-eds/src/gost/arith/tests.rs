//! Tests of the limb arithmetic against `BigUint`, of the NAF recoding, and
//! of the point arithmetic against a textbook affine reference.
// Test arithmetic on BigUint cannot overflow.
#![allow(clippy::arithmetic_side_effects)]

use super::*;
use crate::gost::{CurveParams, CRYPTOPRO_A, TC26_256_A, TC26_512_A};
use proptest::prelude::*;

fn int(hex: &str) -> BigUint {
    BigUint::parse_bytes(hex.as_bytes(), 16).expect("hex")
}

// A curve with general a (7), from RFC 7091 §7.1.
use crate::gost::tests::TEST_256;

/// Checks every field operation of `f` against `BigUint` on `a`, `b`
/// (any size: they are reduced first).
fn check_field<F: FieldOps>(f: &F, a: &BigUint, b: &BigUint) {
    let p = f.modulus().clone();
    let (ar, br) = (a % &p, b % &p);
    let (fa, fb) = (f.element(a), f.element(b));
    assert_eq!(f.integer(&fa), ar, "round trip");
    assert_eq!(f.integer(&f.add(&fa, &fb)), (&ar + &br) % &p, "add");
    assert_eq!(f.integer(&f.sub(&fa, &fb)), (&ar + &p - &br) % &p, "sub");
    assert_eq!(f.integer(&f.mul(&fa, &fb)), (&ar * &br) % &p, "mul");
    assert_eq!(f.integer(&f.sqr(&fa)), (&ar * &ar) % &p, "sqr");
    assert_eq!(f.integer(&f.dbl(&fa)), (&ar * 2u8) % &p, "dbl");
    assert_eq!(f.integer(&f.neg(&fa)), (&p - &ar) % &p, "neg");
    assert_eq!(f.is_zero(&fa), ar.is_zero(), "is_zero");
    assert_eq!(fa == fb, ar == br, "equality is equality of residues");
}

fn named_primes() -> Vec<BigUint> {
    [TC26_512_A, TC26_256_A, CRYPTOPRO_A, TEST_256]
        .iter()
        .map(|c| int(c.p))
        .collect()
}

fn check_all_widths(p: &BigUint, a: &BigUint, b: &BigUint) {
    check_field(&BigField::new(p), a, b);
    if let Some(m) = Mont::<4>::new(p) {
        check_field(&m, a, b);
    }
    if let Some(m) = Mont::<8>::new(p) {
        check_field(&m, a, b);
    }
    if let Some(m) = Crandall::<4>::new(p) {
        check_field(&m, a, b);
    }
    if let Some(m) = Crandall::<8>::new(p) {
        check_field(&m, a, b);
    }
}

#[test]
fn crandall_new_accepts_only_two_to_the_limbs_minus_small_odd_c() {
    let pow = |bits: u32| BigUint::one() << bits;
    assert!(Crandall::<8>::new(&int(TC26_512_A.p)).is_some());
    assert!(Crandall::<4>::new(&int(TC26_256_A.p)).is_some());
    assert!(Crandall::<4>::new(&int(TC26_512_A.p)).is_none());
    assert!(Crandall::<8>::new(&int(TC26_256_A.p)).is_none());
    assert!(Crandall::<4>::new(&int(TEST_256.p)).is_none());
    assert!(Crandall::<4>::new(&(pow(256) - 1u8)).is_some());
    assert!(Crandall::<4>::new(&(pow(256) - 2u8)).is_none());
    assert!(Crandall::<4>::new(&(pow(256) - (pow(32) - 1u8))).is_some());
    assert!(Crandall::<4>::new(&(pow(256) - (pow(32) + 1u8))).is_none());
    assert!(Crandall::<4>::new(&(pow(255) - 1u8)).is_none());
    assert!(Crandall::<4>::new(&(pow(256) + 1u8)).is_none());
}

#[test]
fn mont_new_accepts_only_odd_moduli_that_fit() {
    assert!(Mont::<4>::new(&BigUint::from(4u8)).is_none());
    assert!(Mont::<4>::new(&BigUint::one()).is_none());
    assert!(Mont::<4>::new(&BigUint::from(3u8)).is_some());
    assert!(Mont::<4>::new(&int(TC26_512_A.p)).is_none());
    assert!(Mont::<8>::new(&int(TC26_512_A.p)).is_some());
    assert!(Mont::<4>::new(&int(TC26_256_A.p)).is_some());
    assert!(Mont::<8>::new(&((BigUint::one() << 512u32) + 1u8)).is_none());
}

#[test]
fn field_edge_values_match_biguint() {
    for p in named_primes() {
        let edges = [
            BigUint::zero(),
            BigUint::one(),
            BigUint::from(2u8),
            &p - 1u8,
            &p - 2u8,
            p.clone(),
            &p + 1u8,
            (BigUint::one() << p.bits()) - 1u8,
        ];
        for a in &edges {
            for b in &edges {
                check_all_widths(&p, a, b);
            }
        }
    }
}

/// The largest odd modulus of each width: every limb all ones, where the
/// carries of Montgomery multiplication are largest.
#[test]
fn field_with_all_ones_modulus_matches_biguint() {
    for bits in [256u32, 512] {
        let p = (BigUint::one() << bits) - 1u8;
        let big = &p - 1u8;
        check_all_widths(&p, &big, &big);
        check_all_widths(&p, &big, &(&p - 2u8));
    }
}

proptest! {
    #[test]
    fn field_ops_match_biguint_on_named_primes(
        a in prop::collection::vec(any::<u8>(), 0..80),
        b in prop::collection::vec(any::<u8>(), 0..80),
    ) {
        let (a, b) = (BigUint::from_bytes_be(&a), BigUint::from_bytes_be(&b));
        for p in named_primes() {
            check_all_widths(&p, &a, &b);
        }
    }

    #[test]
    fn field_ops_match_biguint_on_random_odd_moduli(
        p in prop::collection::vec(any::<u8>(), 1..64),
        a in prop::collection::vec(any::<u8>(), 0..70),
        b in prop::collection::vec(any::<u8>(), 0..70),
    ) {
        let p = BigUint::from_bytes_be(&p) | BigUint::one();
        prop_assume!(p > BigUint::from(3u8));
        check_all_widths(&p, &BigUint::from_bytes_be(&a), &BigUint::from_bytes_be(&b));
    }

    #[test]
    fn field_ops_match_biguint_on_random_pseudo_mersenne_primes(
        c in 1u64..(1 << 32),
        wide in any::<bool>(),
        a in prop::collection::vec(any::<u8>(), 0..70),
        b in prop::collection::vec(any::<u8>(), 0..70),
    ) {
        let bits = if wide { 512u32 } else { 256 };
        let p = (BigUint::one() << bits) - (c | 1);
        check_all_widths(&p, &BigUint::from_bytes_be(&a), &BigUint::from_bytes_be(&b));
        // Near p, where the folds and final subtractions happen.
        let near = |v: &[u8]| &p - BigUint::from_bytes_be(v) % &p - 1u8;
        check_all_widths(&p, &near(&a), &near(&b));
    }

    #[test]
    fn mod_inverse_matches_biguint(
        a in prop::collection::vec(any::<u8>(), 0..70),
        m in prop::collection::vec(any::<u8>(), 0..70),
    ) {
        let a = BigUint::from_bytes_be(&a);
        let m = BigUint::from_bytes_be(&m);
        prop_assume!(m > BigUint::one());
        prop_assert_eq!(mod_inverse(&a, &m), a.modinv(&m));
        for c in [TC26_512_A, TC26_256_A, CRYPTOPRO_A, TEST_256] {
            for modulus in [int(c.q), int(c.p)] {
                prop_assert_eq!(mod_inverse(&a, &modulus), a.modinv(&modulus));
            }
        }
    }

    #[test]
    fn wnaf_represents_the_scalar(k in prop::collection::vec(any::<u8>(), 0..66)) {
        let k = BigUint::from_bytes_be(&k);
        check_wnaf(&k);
    }
}

fn check_wnaf(k: &BigUint) {
    for w in [2, WINDOW, BASE_WINDOW, 8] {
        check_wnaf_width(k, w);
    }
}

fn check_wnaf_width(k: &BigUint, w: u32) {
    let naf = wnaf(k, w);
    let mut pos = BigUint::zero();
    let mut neg = BigUint::zero();
    let mut last_nonzero: Option<usize> = None;
    for (i, &d) in naf.iter().enumerate() {
        if d == 0 {
            continue;
        }
        assert!(
            d % 2 != 0 && u32::from(d.unsigned_abs()) < 1 << (w - 1),
            "digit {d} at {i}"
        );
        if let Some(j) = last_nonzero {
            assert!(i - j >= w as usize, "digits at {j} and {i} too close");
        }
        last_nonzero = Some(i);
        let term = BigUint::from(d.unsigned_abs()) << i;
        if d > 0 {
            pos += term;
        } else {
            neg += term;
        }
    }
    assert_eq!(pos - neg, *k);
    assert!(naf.len() as u64 <= k.bits() + u64::from(w));
}

#[test]
fn wnaf_of_edge_scalars() {
    assert!(wnaf(&BigUint::zero(), WINDOW).is_empty());
    for k in [1u32, 2, 15, 16, 17, 31, 32, 0xffff_ffff] {
        check_wnaf(&BigUint::from(k));
    }
    let all_ones = (BigUint::one() << 512u32) - 1u8;
    check_wnaf(&all_ones);
    check_wnaf(&int(TC26_512_A.q));
}

/// Textbook affine addition with `BigUint`, `None` for the point at
/// infinity: the reference the Jacobian formulas are checked against.
fn ref_add(p: &BigUint, a: &BigUint, p1: Option<&Point>, p2: Option<&Point>) -> Option<Point> {
    let (p1, p2) = match (p1, p2) {
        (None, x) | (x, None) => return x.cloned(),
        (Some(p1), Some(p2)) => (p1, p2),
    };
    let lambda = if p1.x == p2.x {
        if (&p1.y + &p2.y) % p == BigUint::zero() {
            return None;
        }
        let num = (BigUint::from(3u8) * &p1.x * &p1.x + a) % p;
        let den = (BigUint::from(2u8) * &p1.y) % p;
        num * den.modinv(p).expect("p prime") % p
    } else {
        let num = (&p2.y + p - &p1.y) % p;
        let den = (&p2.x + p - &p1.x) % p;
        num * den.modinv(p).expect("p prime") % p
    };
    let x3 = (&lambda * &lambda + p + p - &p1.x - &p2.x) % p;
    let y3 = (&lambda * ((&p1.x + p - &x3) % p) + p - &p1.y) % p;
    Some(Point { x: x3, y: y3 })
}

fn ref_mul(p: &BigUint, a: &BigUint, pt: &Point, k: &BigUint) -> Option<Point> {
    let mut acc = None;
    for i in (0..k.bits()).rev() {
        acc = ref_add(p, a, acc.as_ref(), acc.as_ref());
        if k.bit(i) {
            acc = ref_add(p, a, acc.as_ref(), Some(pt));
        }
    }
    acc
}

/// Checks Jacobian point arithmetic over `f` against the affine reference
/// on the curve's base point.
/// `cases` holds each scalar k with its reference k·P and (k + 1)·P.
fn check_points<F: FieldOps + Clone>(params: &CurveParams, f: F, cases: &[RefCase]) {
    let (p, a) = (int(params.p), int(params.a));
    let base = Point {
        x: int(params.x),
        y: int(params.y),
    };
    let mut ops = Ops::new(f, &a);
    let plain = ops.clone();
    ops.set_base(&base);
    assert_eq!(ops.base_table.len(), 32);
    for (i, entry) in ops.base_table.iter().enumerate() {
        let k = BigUint::from(2 * i + 1);
        assert_eq!(ops.to_affine(entry), ref_mul(&p, &a, &base, &k), "{k}·P");
    }
    let j = ops.lift(&base);
    let inf = ops.infinity();
    assert!(ops.is_infinity(&ops.double(&inf)));
    assert_eq!(ops.to_affine(&ops.add(&inf, &j)), Some(base.clone()));
    assert_eq!(ops.to_affine(&ops.add(&j, &inf)), Some(base.clone()));
    assert!(ops.is_infinity(&ops.add(&j, &ops.neg(&j))));
    let twice = ref_add(&p, &a, Some(&base), Some(&base));
    assert_eq!(ops.to_affine(&ops.double(&j)), twice);
    // P + P takes the doubling branch of add, also when Z ≠ 1.
    assert_eq!(ops.to_affine(&ops.add(&j, &j)), twice);
    let dj = ops.double(&j);
    let four = ref_add(&p, &a, twice.as_ref(), twice.as_ref());
    assert_eq!(ops.to_affine(&ops.add(&dj, &dj)), four);
    assert_eq!(
        ops.to_affine(&ops.add(&dj, &j)),
        ref_add(&p, &a, twice.as_ref(), Some(&base))
    );
    // Mixed addition (the second point has Z = 1), also with Z₁ ≠ 1.
    assert_eq!(ops.to_affine(&ops.add_affine(&inf, &j)), Some(base.clone()));
    assert_eq!(ops.to_affine(&ops.add_affine(&j, &j)), twice);
    assert!(ops.is_infinity(&ops.add_affine(&j, &ops.neg(&j))));
    let three = ref_add(&p, &a, twice.as_ref(), Some(&base));
    assert_eq!(ops.to_affine(&ops.add_affine(&dj, &j)), three);
    let minus_p_jac = ops.add(&dj, &ops.neg(&ops.double(&dj))); // 2P − 4P = −2P
    assert!(ops.is_infinity(&ops.add(&minus_p_jac, &dj)));
    let p_jac = ops.add(&dj, &ops.neg(&j)); // P with Z ≠ 1
    assert_eq!(ops.to_affine(&ops.add_affine(&p_jac, &j)), twice);
    assert!(ops.is_infinity(&ops.add_affine(&p_jac, &ops.neg(&j))));
    let q = int(params.q);
    assert!(ops.is_infinity(&ops.mul(&base, &q)));
    for (k, expect, expect_next) in cases {
        assert_eq!(&ops.to_affine(&ops.mul(&base, k)), expect, "k = {k:x}");
        // k·P + (q − k)·P = O, and k·P + 1·P = (k + 1)·P.
        let rest = (&q - (k % &q)) % &q;
        assert!(ops.is_infinity(&ops.mul_add(&base, k, &base, &rest)));
        assert!(ops.is_infinity(&ops.mul_add_base(&base, k, &base, &rest)));
        assert!(ops.is_infinity(&ops.mul_add_base(&base, &rest, &base, k)));
        assert!(plain.is_infinity(&plain.mul_add_base(&base, k, &base, &rest)));
        assert_eq!(
            &ops.to_affine(&ops.mul_add_base(&base, k, &base, &BigUint::one())),
            expect_next,
        );
        assert_eq!(
            &ops.to_affine(&ops.mul_add_base(&base, &BigUint::one(), &base, k)),
            expect_next,
        );
        assert_eq!(
            &ops.to_affine(&ops.mul_add_base(&base, k, &base, &BigUint::zero())),
            expect,
        );
        assert_eq!(
            &ops.to_affine(&ops.mul_add(&base, k, &base, &BigUint::one())),
            expect_next,
        );
    }
}

type RefCase = (BigUint, Option<Point>, Option<Point>);

fn ref_cases(params: &CurveParams) -> Vec<RefCase> {
    let (p, a, q) = (int(params.p), int(params.a), int(params.q));
    let base = Point {
        x: int(params.x),
        y: int(params.y),
    };
    [
        BigUint::zero(),
        BigUint::one(),
        BigUint::from(2u8),
        BigUint::from(31u8),
        &q - 1u8,
        q.clone(),
        &q + 1u8,
        int("DEADBEEF0123456789ABCDEF00112233445566778899AABBCCDDEEFF"),
    ]
    .into_iter()
    .map(|k| {
        let once = ref_mul(&p, &a, &base, &k);
        let next = ref_add(&p, &a, once.as_ref(), Some(&base));
        (k, once, next)
    })
    .collect()
}

#[test]
fn points_match_affine_reference_on_every_curve_and_width() {
    for params in [TC26_512_A, TC26_256_A, CRYPTOPRO_A, TEST_256] {
        let p = int(params.p);
        let cases = ref_cases(&params);
        check_points(&params, BigField::new(&p), &cases);
        if let Some(m) = Mont::<4>::new(&p) {
            check_points(&params, m, &cases);
        }
        if let Some(m) = Mont::<8>::new(&p) {
            check_points(&params, m, &cases);
        }
        if let Some(m) = Crandall::<4>::new(&p) {
            check_points(&params, m, &cases);
        }
        if let Some(m) = Crandall::<8>::new(&p) {
            check_points(&params, m, &cases);
        }
    }
}

#[test]
fn a_minus_3_is_detected_per_curve() {
    let detect = |c: &CurveParams| {
        let p = int(c.p);
        Ops::new(Mont::<8>::new(&p).expect("fits"), &int(c.a)).a_is_minus_3
    };
    assert!(detect(&TC26_512_A));
    assert!(detect(&CRYPTOPRO_A));
    assert!(!detect(&TC26_256_A));
    assert!(!detect(&TEST_256));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn mul_add_matches_affine_reference(
        k1 in prop::collection::vec(any::<u8>(), 0..66),
        k2 in prop::collection::vec(any::<u8>(), 0..66),
    ) {
        let (k1, k2) = (BigUint::from_bytes_be(&k1), BigUint::from_bytes_be(&k2));
        for params in [TC26_512_A, TC26_256_A] {
            let (p, a) = (int(params.p), int(params.a));
            let base = Point { x: int(params.x), y: int(params.y) };
            // A second point: 7·P.
            let other = ref_mul(&p, &a, &base, &BigUint::from(7u8)).expect("finite");
            let expect = ref_add(
                &p,
                &a,
                ref_mul(&p, &a, &base, &k1).as_ref(),
                ref_mul(&p, &a, &other, &k2).as_ref(),
            );
            let mut m8 = Ops::new(Mont::<8>::new(&p).expect("fits"), &a);
            prop_assert_eq!(&m8.to_affine(&m8.mul_add(&base, &k1, &other, &k2)), &expect);
            m8.set_base(&base);
            prop_assert_eq!(&m8.to_affine(&m8.mul_add_base(&base, &k1, &other, &k2)), &expect);
            if let Some(m) = Mont::<4>::new(&p) {
                let m4 = Ops::new(m, &a);
                prop_assert_eq!(&m4.to_affine(&m4.mul_add(&base, &k1, &other, &k2)), &expect);
            }
            if let Some(m) = Crandall::<4>::new(&p) {
                let c4 = Ops::new(m, &a);
                prop_assert_eq!(&c4.to_affine(&c4.mul_add(&base, &k1, &other, &k2)), &expect);
            }
            if let Some(m) = Crandall::<8>::new(&p) {
                let mut c8 = Ops::new(m, &a);
                prop_assert_eq!(&c8.to_affine(&c8.mul_add(&base, &k1, &other, &k2)), &expect);
                c8.set_base(&base);
                prop_assert_eq!(&c8.to_affine(&c8.mul_add_base(&base, &k1, &other, &k2)), &expect);
            }
            if let Some(m) = Crandall::<4>::new(&p) {
                let mut c4 = Ops::new(m, &a);
                c4.set_base(&base);
                prop_assert_eq!(&c4.to_affine(&c4.mul_add_base(&base, &k1, &other, &k2)), &expect);
            }
        }
    }
}

#[test]
fn x_mod_q_matches_the_affine_x_on_every_named_curve() {
    for params in [TC26_512_A, TC26_256_A, CRYPTOPRO_A, TEST_256] {
        let (p, a, q) = (int(params.p), int(params.a), int(params.q));
        let ops = Ops::new(BigField::new(&p), &a);
        let base = Point {
            x: int(params.x),
            y: int(params.y),
        };
        for k in [1u32, 2, 3, 1000, 123_456_789] {
            // A point with Z ≠ 1 (k·P by the Jacobian formulas).
            let pt = ops.mul(&base, &BigUint::from(k));
            let x = ops.to_affine(&pt).expect("finite").x;
            let r = &x % &q;
            assert!(ops.x_mod_q_is(&pt, &r, &q), "{} k = {k}", params.name);
            assert!(!ops.x_mod_q_is(&pt, &((&r + 1u8) % &q), &q));
            // A small modulus forces the affine fallback.
            let small = BigUint::from(1009u16);
            assert!(ops.x_mod_q_is(&pt, &(&x % &small), &small));
            assert!(!ops.x_mod_q_is(&pt, &((&x + 1u8) % &small), &small));
        }
        assert!(!ops.x_mod_q_is(&ops.infinity(), &BigUint::one(), &q));
    }
}

/// On TC26 256-bit paramSetA q ≈ p/4, so x can be r + j·q for j up to 3
/// or 4: find points whose x is at least q and check those too.
#[test]
fn x_mod_q_finds_large_candidates_on_the_cofactor_4_curve() {
    let params = TC26_256_A;
    let (p, a, q) = (int(params.p), int(params.a), int(params.q));
    let ops = Ops::new(Crandall::<4>::new(&p).expect("pseudo-Mersenne"), &a);
    let base = Point {
        x: int(params.x),
        y: int(params.y),
    };
    let mut seen_j = std::collections::BTreeSet::new();
    for k in 1u32..60 {
        let pt = ops.mul(&base, &BigUint::from(k));
        let x = ops.to_affine(&pt).expect("finite").x;
        seen_j.insert(&x / &q);
        assert!(ops.x_mod_q_is(&pt, &(&x % &q), &q));
        assert!(!ops.x_mod_q_is(&pt, &((&x + 1u8) % &q), &q));
    }
    assert!(seen_j.len() >= 3, "x / q took the values {seen_j:?}");
}

#[test]
fn mod_inverse_edge_cases() {
    let q = int(TC26_512_A.q);
    for a in [
        BigUint::zero(),
        BigUint::one(),
        &q - 1u8,
        q.clone(),
        &q + 1u8,
        &q * 3u8,
    ] {
        assert_eq!(mod_inverse(&a, &q), a.modinv(&q), "a = {a:x}");
    }
    // Not coprime, even and tiny moduli.
    for (a, m) in [
        (6u32, 9u32),
        (3, 9),
        (5, 8),
        (3, 10),
        (1, 3),
        (2, 3),
        (0, 3),
    ] {
        let (a, m) = (BigUint::from(a), BigUint::from(m));
        assert_eq!(mod_inverse(&a, &m), a.modinv(&m), "{a}⁻¹ mod {m}");
    }
    let all_ones = (BigUint::one() << 512u32) - 1u8;
    assert_eq!(
        mod_inverse(&BigUint::from(2u8), &all_ones),
        BigUint::from(2u8).modinv(&all_ones)
    );
}
