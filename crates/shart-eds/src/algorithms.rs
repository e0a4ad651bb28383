//! The algorithms the verifier implements, by object identifier
//! (LEGAL.md, "Kazakhstan EDS: technical facts"), and signature
//! verification over a certificate's public key.
#![deny(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]

use std::borrow::Cow;
use std::io::Read;
use std::sync::OnceLock;

use const_oid::ObjectIdentifier;
use der::{Decode, Encode, Tagged};
use rsa::{pkcs1::DecodeRsaPublicKey, traits::PublicKeyParts, Pkcs1v15Sign, RsaPublicKey};
use safeguards::eds::KeyAlgorithm;
use sha2::{Digest as _, Sha256};
use spki::SubjectPublicKeyInfoOwned;
use streebog::{Streebog256, Streebog512};

use super::error::VerifyError;
use super::gost::{self, Curve, CurveParams, Point};

/// Object identifiers the verifier knows.
pub mod oid {
    use const_oid::ObjectIdentifier as Oid;

    /// SHA-256.
    pub const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
    /// Streebog-256 (GOST R 34.11-2015), Kazakh arc.
    pub const STREEBOG256_KZ: Oid = Oid::new_unwrap("1.2.398.3.10.1.3.2");
    /// Streebog-512 (GOST R 34.11-2015), Kazakh arc.
    pub const STREEBOG512_KZ: Oid = Oid::new_unwrap("1.2.398.3.10.1.3.3");
    /// Streebog-256, TC26 arc (RFC 7836).
    pub const STREEBOG256_TC26: Oid = Oid::new_unwrap("1.2.643.7.1.1.2.2");
    /// Streebog-512, TC26 arc (RFC 7836).
    pub const STREEBOG512_TC26: Oid = Oid::new_unwrap("1.2.643.7.1.1.2.3");

    /// rsaEncryption (a public key, or a CMS signature algorithm meaning
    /// "PKCS#1 v1.5 with the SignerInfo's digest").
    pub const RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
    /// sha256WithRSAEncryption.
    pub const SHA256_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");

    /// GOST R 34.10-2015 256-bit public key (Kazakh arc).
    pub const GOST2015_256_KEY: Oid = Oid::new_unwrap("1.2.398.3.10.1.1.2.1");
    /// GOST R 34.10-2015 512-bit public key (Kazakh arc).
    pub const GOST2015_512_KEY: Oid = Oid::new_unwrap("1.2.398.3.10.1.1.2.2");
    /// GOST R 34.10-2015 256-bit signature with Streebog-256.
    pub const GOST2015_256_SIG: Oid = Oid::new_unwrap("1.2.398.3.10.1.1.2.3.1");
    /// GOST R 34.10-2015 512-bit signature with Streebog-512.
    pub const GOST2015_512_SIG: Oid = Oid::new_unwrap("1.2.398.3.10.1.1.2.3.2");
    /// Legacy GOST 34.310-2004 key (not supported: GOST 34.311-95 hash).
    pub const GOST2004_KEY: Oid = Oid::new_unwrap("1.2.398.3.10.1.1.1.1");
    /// Legacy GOST 34.310-2004 signature (not supported).
    pub const GOST2004_SIG: Oid = Oid::new_unwrap("1.2.398.3.10.1.1.1.2");

    /// Curve of 512-bit GOST 2015 keys: TC26 512 paramSetA (Kazakh arc).
    pub const CURVE_512_A_KZ: Oid = Oid::new_unwrap("1.2.398.3.10.1.1.2.2.1");
    /// Curve of 256-bit GOST 2015 keys: TC26 256 paramSetA (Kazakh arc).
    pub const CURVE_256_A_KZ: Oid = Oid::new_unwrap("1.2.398.3.10.1.1.2.1.1");
    /// id-tc26-gost-3410-12-512-paramSetA (RFC 7836).
    pub const CURVE_512_A_TC26: Oid = Oid::new_unwrap("1.2.643.7.1.2.1.2.1");
    /// id-tc26-gost-3410-2012-256-paramSetA (RFC 7836).
    pub const CURVE_256_A_TC26: Oid = Oid::new_unwrap("1.2.643.7.1.2.1.1.1");

    /// CMS id-data.
    pub const DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
    /// CMS id-signedData.
    pub const SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
    /// contentType attribute.
    pub const CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
    /// messageDigest attribute.
    pub const MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
    /// signingTime attribute.
    pub const SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");
    /// signingCertificateV2 attribute (RFC 5035).
    pub const SIGNING_CERTIFICATE_V2: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.47");

    /// Extended key usage: e-mail protection, NCA's mark of a signing key.
    pub const EKU_SIGNING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.4");
    /// Extended key usage: client authentication (NCA's authentication key).
    pub const EKU_CLIENT_AUTH: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.2");

    /// Subject serialNumber (NCA: `IIN` + 12 digits).
    pub const SERIAL_NUMBER: Oid = Oid::new_unwrap("2.5.4.5");
    /// Subject organizational unit (NCA: `BIN` + 12 digits).
    pub const ORG_UNIT: Oid = Oid::new_unwrap("2.5.4.11");
    /// Subject organization name.
    pub const ORG: Oid = Oid::new_unwrap("2.5.4.10");
    /// Subject common name.
    pub const COMMON_NAME: Oid = Oid::new_unwrap("2.5.4.3");
}

/// A digest algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigestAlg {
    /// SHA-256.
    Sha256,
    /// Streebog-256.
    Streebog256,
    /// Streebog-512.
    Streebog512,
}

impl DigestAlg {
    /// The algorithm for an object identifier.
    ///
    /// # Errors
    ///
    /// [`VerifyError::UnsupportedAlgorithm`] for any other.
    pub fn from_oid(o: &ObjectIdentifier) -> Result<Self, VerifyError> {
        match *o {
            oid::SHA256 => Ok(Self::Sha256),
            oid::STREEBOG256_KZ | oid::STREEBOG256_TC26 => Ok(Self::Streebog256),
            oid::STREEBOG512_KZ | oid::STREEBOG512_TC26 => Ok(Self::Streebog512),
            _ => Err(VerifyError::UnsupportedAlgorithm {
                role: "digest",
                oid: o.to_string(),
            }),
        }
    }

    /// A readable name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sha256 => "SHA-256",
            Self::Streebog256 => "Streebog-256",
            Self::Streebog512 => "Streebog-512",
        }
    }

    /// The digest of `data`.
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Self::Sha256 => Sha256::digest(data).to_vec(),
            Self::Streebog256 => Streebog256::digest(data).to_vec(),
            Self::Streebog512 => Streebog512::digest(data).to_vec(),
        }
    }

    /// The digest of everything `reader` yields, in 64 KiB blocks (an
    /// agreement may be larger than memory).
    ///
    /// # Errors
    ///
    /// The reader's error.
    pub fn digest_reader(self, reader: impl Read) -> std::io::Result<Vec<u8>> {
        let mut one = Self::digest_reader_all(&[self], reader)?;
        Ok(one.pop().unwrap_or_default())
    }
}

impl DigestAlg {
    /// The digests of everything `reader` yields, one per algorithm of
    /// `algs`, in a single pass (64 KiB blocks).
    ///
    /// # Errors
    ///
    /// The reader's error.
    pub fn digest_reader_all(
        algs: &[DigestAlg],
        mut reader: impl Read,
    ) -> std::io::Result<Vec<Vec<u8>>> {
        enum Hasher {
            Sha256(Sha256),
            S256(Streebog256),
            S512(Streebog512),
        }
        let mut hashers: Vec<Hasher> = algs
            .iter()
            .map(|a| match a {
                Self::Sha256 => Hasher::Sha256(Sha256::new()),
                Self::Streebog256 => Hasher::S256(Streebog256::new()),
                Self::Streebog512 => Hasher::S512(Streebog512::new()),
            })
            .collect();
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            let block = buf.get(..n).unwrap_or_default();
            for h in &mut hashers {
                match h {
                    Hasher::Sha256(d) => d.update(block),
                    Hasher::S256(d) => d.update(block),
                    Hasher::S512(d) => d.update(block),
                }
            }
        }
        Ok(hashers
            .into_iter()
            .map(|h| match h {
                Hasher::Sha256(d) => d.finalize().to_vec(),
                Hasher::S256(d) => d.finalize().to_vec(),
                Hasher::S512(d) => d.finalize().to_vec(),
            })
            .collect())
    }
}

/// A public key the verifier can check signatures with.
#[derive(Debug, Clone)]
pub enum PublicKey {
    /// RSA.
    Rsa(RsaPublicKey),
    /// GOST R 34.10-2015 on a named curve.
    Gost {
        /// The curve parameters.
        params: &'static CurveParams,
        /// 256 or 512.
        bits: u16,
        /// The point.
        point: Point,
    },
}

/// Smallest RSA modulus accepted (NCA's RSA keys are 2048-bit).
pub const MIN_RSA_BITS: usize = 2048;

impl PublicKey {
    /// Decodes a certificate's SubjectPublicKeyInfo.
    ///
    /// GOST keys: algorithm parameters are the curve OID, alone or first in
    /// a SEQUENCE (RFC 4491 style); absent parameters mean the TC26 paramSetA
    /// of the key's size. The key is an OCTET STRING holding `X ‖ Y`, each
    /// little-endian (RFC 4491 §2.3.2); a bare `X ‖ Y` is accepted too.
    ///
    /// # Errors
    ///
    /// [`VerifyError::UnsupportedAlgorithm`] for other key types or curves,
    /// [`VerifyError::MalformedCertificate`] for a key that does not decode.
    pub fn from_spki(spki: &SubjectPublicKeyInfoOwned) -> Result<Self, VerifyError> {
        let bad = |detail: String| VerifyError::MalformedCertificate {
            source: "public key".into(),
            detail,
        };
        let bits = spki.subject_public_key.raw_bytes();
        match spki.algorithm.oid {
            oid::RSA => {
                let key = RsaPublicKey::from_pkcs1_der(bits).map_err(|e| bad(e.to_string()))?;
                if key.n().bits() < MIN_RSA_BITS {
                    return Err(VerifyError::UnsupportedAlgorithm {
                        role: "public key (RSA below 2048 bits)",
                        oid: oid::RSA.to_string(),
                    });
                }
                Ok(Self::Rsa(key))
            }
            oid::GOST2015_512_KEY | oid::GOST2015_256_KEY => {
                let size: u16 = if spki.algorithm.oid == oid::GOST2015_512_KEY {
                    512
                } else {
                    256
                };
                let curve_oid = match &spki.algorithm.parameters {
                    None => None,
                    Some(any) if any.tag() == der::Tag::Null => None,
                    Some(any) if any.tag() == der::Tag::ObjectIdentifier => Some(
                        any.decode_as::<ObjectIdentifier>()
                            .map_err(|e| bad(e.to_string()))?,
                    ),
                    Some(any) if any.tag() == der::Tag::Sequence => {
                        let first = super::ber::children(any.value())
                            .map_err(|e| bad(e.to_string()))?
                            .into_iter()
                            .next()
                            .ok_or_else(|| bad("empty GOST key parameters".into()))?;
                        Some(
                            ObjectIdentifier::from_der(first.raw)
                                .map_err(|e| bad(e.to_string()))?,
                        )
                    }
                    Some(any) => {
                        return Err(bad(format!("GOST key parameters tagged {}", any.tag())))
                    }
                };
                let params = match (size, curve_oid) {
                    (512, None) => &gost::TC26_512_A,
                    (256, None) => &gost::TC26_256_A,
                    (512, Some(oid::CURVE_512_A_KZ | oid::CURVE_512_A_TC26)) => &gost::TC26_512_A,
                    (256, Some(oid::CURVE_256_A_KZ | oid::CURVE_256_A_TC26)) => &gost::TC26_256_A,
                    (_, Some(other)) => {
                        return Err(VerifyError::UnsupportedAlgorithm {
                            role: "GOST curve",
                            oid: other.to_string(),
                        })
                    }
                    _ => unreachable!("size is 256 or 512"),
                };
                let n = usize::from(size / 8);
                let xy = decode_gost_point_bytes(bits, n).ok_or_else(|| {
                    bad(format!("GOST public key is not X ‖ Y of {n} bytes each"))
                })?;
                let (x, y) = xy.split_at(n);
                let le = |b: &[u8]| b.iter().rev().copied().collect::<Vec<u8>>();
                Ok(Self::Gost {
                    params,
                    bits: size,
                    point: Point::from_be_bytes(&le(x), &le(y)),
                })
            }
            oid::GOST2004_KEY => Err(VerifyError::UnsupportedAlgorithm {
                role: "public key (legacy GOST 34.310-2004)",
                oid: oid::GOST2004_KEY.to_string(),
            }),
            other => Err(VerifyError::UnsupportedAlgorithm {
                role: "public key",
                oid: other.to_string(),
            }),
        }
    }

    /// The safeguards' name for this key algorithm.
    pub fn key_algorithm(&self) -> KeyAlgorithm {
        match self {
            Self::Rsa(_) => KeyAlgorithm::Rsa,
            Self::Gost { bits: 512, .. } => KeyAlgorithm::Gost512,
            Self::Gost { .. } => KeyAlgorithm::Gost256,
        }
    }

    /// A readable name: `RSA-2048`, `GOST R 34.10-2015 512-bit`.
    pub fn describe(&self) -> String {
        match self {
            Self::Rsa(k) => format!("RSA-{}", k.n().bits()),
            Self::Gost { bits, .. } => format!("GOST R 34.10-2015 {bits}-bit"),
        }
    }
}

fn decode_gost_point_bytes(bits: &[u8], n: usize) -> Option<Vec<u8>> {
    let want = n.checked_mul(2)?;
    if let Ok(os) = der::asn1::OctetString::from_der(bits) {
        if os.as_bytes().len() == want {
            return Some(os.as_bytes().to_vec());
        }
    }
    (bits.len() == want).then(|| bits.to_vec())
}

/// A signature algorithm, resolved against the key and digest it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureAlg {
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RsaSha256,
    /// GOST R 34.10-2015 256-bit with Streebog-256.
    Gost256,
    /// GOST R 34.10-2015 512-bit with Streebog-512.
    Gost512,
}

impl SignatureAlg {
    /// The algorithm for a signature OID. `rsaEncryption` (as CMS allows)
    /// means PKCS#1 v1.5 with `digest`, which must then be SHA-256.
    ///
    /// # Errors
    ///
    /// [`VerifyError::UnsupportedAlgorithm`] for any other.
    pub fn from_oid(o: &ObjectIdentifier, digest: Option<DigestAlg>) -> Result<Self, VerifyError> {
        let alg = match *o {
            oid::SHA256_WITH_RSA => Self::RsaSha256,
            oid::RSA if digest == Some(DigestAlg::Sha256) => Self::RsaSha256,
            oid::RSA => {
                return Err(VerifyError::UnsupportedAlgorithm {
                    role: "signature (rsaEncryption needs SHA-256 as the digest)",
                    oid: o.to_string(),
                })
            }
            oid::GOST2015_256_SIG => Self::Gost256,
            oid::GOST2015_512_SIG => Self::Gost512,
            _ => {
                return Err(VerifyError::UnsupportedAlgorithm {
                    role: "signature",
                    oid: o.to_string(),
                })
            }
        };
        if let Some(d) = digest {
            if d != alg.digest() {
                return Err(VerifyError::UnsupportedAlgorithm {
                    role: "signature (digest does not match the signature algorithm)",
                    oid: o.to_string(),
                });
            }
        }
        Ok(alg)
    }

    /// The digest this signature algorithm signs with.
    pub fn digest(self) -> DigestAlg {
        match self {
            Self::RsaSha256 => DigestAlg::Sha256,
            Self::Gost256 => DigestAlg::Streebog256,
            Self::Gost512 => DigestAlg::Streebog512,
        }
    }

    /// A readable name.
    pub fn name(self) -> &'static str {
        match self {
            Self::RsaSha256 => "RSA PKCS#1 v1.5 with SHA-256",
            Self::Gost256 => "GOST R 34.10-2015 256-bit with Streebog-256",
            Self::Gost512 => "GOST R 34.10-2015 512-bit with Streebog-512",
        }
    }

    /// The signature OID (the one NCA writes).
    pub fn oid(self) -> ObjectIdentifier {
        match self {
            Self::RsaSha256 => oid::SHA256_WITH_RSA,
            Self::Gost256 => oid::GOST2015_256_SIG,
            Self::Gost512 => oid::GOST2015_512_SIG,
        }
    }

    /// Verifies `signature` over `message` under `key`.
    ///
    /// GOST signatures are in NCA's layout, `r ‖ s` each little-endian
    /// ([`gost::nca_signature_split`]).
    ///
    /// # Errors
    ///
    /// [`VerifyError::BadSignature`] if the signature does not verify, or if
    /// the key does not fit the algorithm.
    pub fn verify(
        self,
        key: &PublicKey,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), VerifyError> {
        let bad = |detail: String| VerifyError::BadSignature {
            algorithm: self.name(),
            detail,
        };
        let hashed = self.digest().digest(message);
        match (self, key) {
            (Self::RsaSha256, PublicKey::Rsa(k)) => k
                .verify(Pkcs1v15Sign::new::<Sha256>(), &hashed, signature)
                .map_err(|e| bad(e.to_string())),
            (
                Self::Gost256,
                PublicKey::Gost {
                    bits: 256,
                    params,
                    point,
                },
            )
            | (
                Self::Gost512,
                PublicKey::Gost {
                    bits: 512,
                    params,
                    point,
                },
            ) => {
                let curve = named_curve(params).map_err(|e| bad(e.to_string()))?;
                let (r, s) =
                    gost::nca_signature_split(signature).map_err(|e| bad(e.to_string()))?;
                gost::verify(&curve, point, &hashed, &r, &s).map_err(|e| bad(e.to_string()))
            }
            (_, key) => Err(bad(format!(
                "a {} key cannot make this signature",
                key.describe()
            ))),
        }
    }
}

/// The checked [`Curve`] of a parameter set; the named TC26 sets are built
/// once, since `Curve::new` verifies q·P = O (a scalar multiplication) and
/// precomputes a table of 32 multiples of P (one inversion each), together
/// costlier than a signature verification.
///
/// # Errors
///
/// What [`Curve::new`] reports (never for the named sets; their tests
/// check them).
pub fn named_curve(params: &'static CurveParams) -> Result<Cow<'static, Curve>, gost::GostError> {
    static C512: OnceLock<Result<Curve, gost::GostError>> = OnceLock::new();
    static C256: OnceLock<Result<Curve, gost::GostError>> = OnceLock::new();
    let cell = if *params == gost::TC26_512_A {
        &C512
    } else if *params == gost::TC26_256_A {
        &C256
    } else {
        return Curve::new(params).map(Cow::Owned);
    };
    cell.get_or_init(|| Curve::new(params))
        .as_ref()
        .map(Cow::Borrowed)
        .map_err(Clone::clone)
}

/// The DER of an OID, for building structures.
pub fn oid_der(o: &ObjectIdentifier) -> Vec<u8> {
    o.to_der().unwrap_or_default()
}
