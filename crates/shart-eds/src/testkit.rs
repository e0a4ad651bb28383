//! Test fixtures for the verifier: keys, certificates, CRLs and CMS
//! signatures made at test time, so the tests need no real key.
//!
//! IMPORTANT: for tests only. GOST signing here is not constant time and
//! derives its nonce from the key and message in a way no standard
//! describes; RSA keys come from the operating system's random numbers.
//! Nothing here may sign anything real.
#![deny(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]
#![allow(clippy::missing_panics_doc)] // a fixture that cannot be built is a test failure

use std::time::{Duration, UNIX_EPOCH};

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use const_oid::ObjectIdentifier;
use der::asn1::{BitString, OctetString, SetOfVec, Utf8StringRef};
use der::{Any, Decode, Encode};
use num_bigint::BigUint;
use rsa::{pkcs1::EncodeRsaPublicKey, Pkcs1v15Sign, RsaPrivateKey};
use sha2::{Digest as _, Sha256, Sha512};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::attr::{Attribute, AttributeTypeAndValue};
use x509_cert::crl::{CertificateList, RevokedCert, TbsCertList};
use x509_cert::ext::pkix::{BasicConstraints, ExtendedKeyUsage};
use x509_cert::ext::Extension;
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::{Time, Validity};
use x509_cert::{Certificate, TbsCertificate};

use super::algorithms::{oid, DigestAlg, SignatureAlg};
use super::certificate::Cert;
use super::gost::{self, Curve, CurveParams, Point};

/// The kind of a test key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// RSA-2048 with SHA-256.
    Rsa2048,
    /// GOST R 34.10-2015 512-bit (TC26 512 paramSetA) with Streebog-512.
    Gost512,
    /// GOST R 34.10-2015 256-bit (TC26 256 paramSetA) with Streebog-256.
    Gost256,
}

/// A key pair for fixtures.
#[derive(Debug, Clone)]
pub struct TestKey {
    kind: KeyKind,
    rsa: Option<RsaPrivateKey>,
    gost: Option<(&'static CurveParams, BigUint, Point)>,
}

impl TestKey {
    /// A fresh random key.
    pub fn generate(kind: KeyKind) -> Self {
        match kind {
            KeyKind::Rsa2048 => {
                let key =
                    RsaPrivateKey::new(&mut rand_core::OsRng, 2048).expect("RSA key generation");
                Self {
                    kind,
                    rsa: Some(key),
                    gost: None,
                }
            }
            KeyKind::Gost512 | KeyKind::Gost256 => {
                let params = if kind == KeyKind::Gost512 {
                    &gost::TC26_512_A
                } else {
                    &gost::TC26_256_A
                };
                let curve = Curve::new(params).expect("named curve");
                let mut seed = [0u8; 64];
                getrandom::getrandom(&mut seed).expect("OS randomness");
                // x^1 mod q: a reduction that cannot panic (q is a curve order, > 0).
                let d = BigUint::from_bytes_be(&seed).modpow(&BigUint::from(1u8), curve.order());
                let d = if d == BigUint::from(0u8) {
                    BigUint::from(1u8)
                } else {
                    d
                };
                let q = gost::public_key_for_tests(&curve, &d).expect("d is in range");
                Self {
                    kind,
                    rsa: None,
                    gost: Some((params, d, q)),
                }
            }
        }
    }

    /// The kind.
    pub fn kind(&self) -> KeyKind {
        self.kind
    }

    /// The signature algorithm this key makes.
    pub fn signature_alg(&self) -> SignatureAlg {
        match self.kind {
            KeyKind::Rsa2048 => SignatureAlg::RsaSha256,
            KeyKind::Gost512 => SignatureAlg::Gost512,
            KeyKind::Gost256 => SignatureAlg::Gost256,
        }
    }

    /// The digest algorithm OID NCA writes for this key's signatures.
    pub fn digest_oid(&self) -> ObjectIdentifier {
        match self.kind {
            KeyKind::Rsa2048 => oid::SHA256,
            KeyKind::Gost512 => oid::STREEBOG512_KZ,
            KeyKind::Gost256 => oid::STREEBOG256_KZ,
        }
    }

    /// The SubjectPublicKeyInfo as NCA writes it.
    pub fn spki(&self) -> SubjectPublicKeyInfoOwned {
        match (&self.rsa, &self.gost) {
            (Some(k), _) => SubjectPublicKeyInfoOwned {
                algorithm: AlgorithmIdentifierOwned {
                    oid: oid::RSA,
                    parameters: Some(Any::null()),
                },
                subject_public_key: BitString::from_bytes(
                    k.to_public_key()
                        .to_pkcs1_der()
                        .expect("RSA key")
                        .as_bytes(),
                )
                .expect("bit string"),
            },
            (None, Some((params, _, q))) => {
                let (key_oid, curve_oid, digest_oid, size) = if self.kind == KeyKind::Gost512 {
                    (
                        oid::GOST2015_512_KEY,
                        oid::CURVE_512_A_KZ,
                        oid::STREEBOG512_KZ,
                        64,
                    )
                } else {
                    (
                        oid::GOST2015_256_KEY,
                        oid::CURVE_256_A_KZ,
                        oid::STREEBOG256_KZ,
                        32,
                    )
                };
                let _ = params;
                let mut xy = Vec::with_capacity(128);
                for c in [&q.x, &q.y] {
                    let mut le = c.to_bytes_le();
                    le.resize(size, 0);
                    xy.extend(le);
                }
                let mut seq = Vec::new();
                seq.extend(curve_oid.to_der().expect("oid"));
                seq.extend(digest_oid.to_der().expect("oid"));
                let params = Any::new(der::Tag::Sequence, seq).expect("params");
                SubjectPublicKeyInfoOwned {
                    algorithm: AlgorithmIdentifierOwned {
                        oid: key_oid,
                        parameters: Some(params),
                    },
                    subject_public_key: BitString::from_bytes(
                        &OctetString::new(xy).expect("octets").to_der().expect("der"),
                    )
                    .expect("bit string"),
                }
            }
            _ => unreachable!("a key is RSA or GOST"),
        }
    }

    /// Signs `message`: PKCS#1 v1.5 for RSA, NCA's `r ‖ s` little-endian
    /// layout for GOST.
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        let digest = self.signature_alg().digest().digest(message);
        match (&self.rsa, &self.gost) {
            (Some(k), _) => k
                .sign(Pkcs1v15Sign::new::<Sha256>(), &digest)
                .expect("RSA signing"),
            (None, Some((params, d, _))) => {
                let curve = Curve::new(params).expect("named curve");
                let mut counter = 0u32;
                loop {
                    let mut h = Sha512::new();
                    h.update(d.to_bytes_be());
                    h.update(&digest);
                    h.update(counter.to_be_bytes());
                    let k = BigUint::from_bytes_be(&h.finalize())
                        .modpow(&BigUint::from(1u8), curve.order());
                    if let Some((r, s)) = gost::sign_for_tests(&curve, d, &digest, &k) {
                        return gost::nca_signature_join(&r, &s, curve.size());
                    }
                    counter = counter.saturating_add(1);
                }
            }
            _ => unreachable!("a key is RSA or GOST"),
        }
    }
}

/// A name from `(attribute, value)` pairs, one RDN each, UTF8String values.
pub fn name(attrs: &[(ObjectIdentifier, &str)]) -> Name {
    RdnSequence(
        attrs
            .iter()
            .map(|(o, v)| {
                let value = Any::from(Utf8StringRef::new(v).expect("utf8"));
                RelativeDistinguishedName(
                    SetOfVec::try_from(vec![AttributeTypeAndValue { oid: *o, value }])
                        .expect("rdn"),
                )
            })
            .collect(),
    )
}

/// A time `secs` seconds after the Unix epoch, as X.509 time.
pub fn x509_time(at: Duration) -> Time {
    Time::try_from(UNIX_EPOCH.checked_add(at).expect("time in range")).expect("time in range")
}

/// What a test certificate says.
#[derive(Debug, Clone)]
pub struct CertSpec {
    /// Subject attributes.
    pub subject: Vec<(ObjectIdentifier, String)>,
    /// Serial number (positive).
    pub serial: u64,
    /// notBefore.
    pub not_before: Duration,
    /// notAfter.
    pub not_after: Duration,
    /// basicConstraints cA.
    pub ca: bool,
    /// Extended key usages (none: no extension).
    pub eku: Vec<ObjectIdentifier>,
}

impl CertSpec {
    /// A CA certificate named `cn`.
    pub fn ca(cn: &str, serial: u64, not_before: Duration, not_after: Duration) -> Self {
        Self {
            subject: vec![
                (oid::COMMON_NAME, cn.to_string()),
                (const_oid::db::rfc4519::C, "KZ".into()),
            ],
            serial,
            not_before,
            not_after,
            ca: true,
            eku: Vec::new(),
        }
    }

    /// An individual's signing certificate with NCA's subject layout.
    pub fn individual(
        cn: &str,
        iin: &str,
        serial: u64,
        not_before: Duration,
        not_after: Duration,
    ) -> Self {
        Self {
            subject: vec![
                (oid::COMMON_NAME, cn.to_string()),
                (oid::SERIAL_NUMBER, format!("IIN{iin}")),
                (const_oid::db::rfc4519::C, "KZ".into()),
            ],
            serial,
            not_before,
            not_after,
            ca: false,
            eku: vec![
                oid::EKU_SIGNING,
                ObjectIdentifier::new_unwrap("1.2.398.3.3.4.1.1"),
            ],
        }
    }

    /// A chief executive's signing certificate for a legal entity.
    pub fn chief_executive(
        cn: &str,
        iin: &str,
        bin: &str,
        org: &str,
        serial: u64,
        not_before: Duration,
        not_after: Duration,
    ) -> Self {
        Self {
            subject: vec![
                (oid::COMMON_NAME, cn.to_string()),
                (oid::SERIAL_NUMBER, format!("IIN{iin}")),
                (oid::ORG, org.to_string()),
                (oid::ORG_UNIT, format!("BIN{bin}")),
                (const_oid::db::rfc4519::C, "KZ".into()),
            ],
            serial,
            not_before,
            not_after,
            ca: false,
            eku: vec![
                oid::EKU_SIGNING,
                ObjectIdentifier::new_unwrap("1.2.398.3.3.4.1.2"),
                ObjectIdentifier::new_unwrap("1.2.398.3.3.4.1.2.1"),
            ],
        }
    }
}

/// Issues a certificate for `subject_key`, signed by `issuer` (or
/// self-signed).
pub fn issue(spec: &CertSpec, subject_key: &TestKey, issuer: Option<(&Cert, &TestKey)>) -> Cert {
    let subject_attrs: Vec<(ObjectIdentifier, &str)> =
        spec.subject.iter().map(|(o, v)| (*o, v.as_str())).collect();
    let subject = name(&subject_attrs);
    let (issuer_name, signing_key) = match issuer {
        Some((c, k)) => (c.cert.tbs_certificate.subject.clone(), k),
        None => (subject.clone(), subject_key),
    };
    let mut extensions = Vec::new();
    if spec.ca {
        extensions.push(Extension {
            extn_id: const_oid::db::rfc5280::ID_CE_BASIC_CONSTRAINTS,
            critical: true,
            extn_value: OctetString::new(
                BasicConstraints {
                    ca: true,
                    path_len_constraint: None,
                }
                .to_der()
                .expect("der"),
            )
            .expect("octets"),
        });
    }
    if !spec.eku.is_empty() {
        extensions.push(Extension {
            extn_id: const_oid::db::rfc5280::ID_CE_EXT_KEY_USAGE,
            critical: false,
            extn_value: OctetString::new(ExtendedKeyUsage(spec.eku.clone()).to_der().expect("der"))
                .expect("octets"),
        });
    }
    let sig_alg = AlgorithmIdentifierOwned {
        oid: signing_key.signature_alg().oid(),
        parameters: None,
    };
    let tbs = TbsCertificate {
        version: x509_cert::certificate::Version::V3,
        serial_number: SerialNumber::new(&spec.serial.to_be_bytes()).expect("serial"),
        signature: sig_alg.clone(),
        issuer: issuer_name,
        validity: Validity {
            not_before: x509_time(spec.not_before),
            not_after: x509_time(spec.not_after),
        },
        subject,
        subject_public_key_info: subject_key.spki(),
        issuer_unique_id: None,
        subject_unique_id: None,
        extensions: (!extensions.is_empty()).then_some(extensions),
    };
    let tbs_der = tbs.to_der().expect("tbs");
    let signature = signing_key.sign(&tbs_der);
    let cert = Certificate {
        tbs_certificate: tbs,
        signature_algorithm: sig_alg,
        signature: BitString::from_bytes(&signature).expect("bit string"),
    };
    Cert::from_der(&cert.to_der().expect("der"), "test").expect("own certificate parses")
}

/// A CRL by `issuer` listing `revoked` (certificate, revocation time).
pub fn crl(
    issuer: &Cert,
    key: &TestKey,
    revoked: &[(&Cert, Duration)],
    this_update: Duration,
) -> Vec<u8> {
    crl_with(issuer, key, revoked, this_update, None, false)
}

/// A CRL with a nextUpdate and, if `delta`, the delta-CRL indicator.
pub fn crl_with(
    issuer: &Cert,
    key: &TestKey,
    revoked: &[(&Cert, Duration)],
    this_update: Duration,
    next_update: Option<Duration>,
    delta: bool,
) -> Vec<u8> {
    let sig_alg = AlgorithmIdentifierOwned {
        oid: key.signature_alg().oid(),
        parameters: None,
    };
    let crl_extensions = delta.then(|| {
        vec![Extension {
            extn_id: ObjectIdentifier::new_unwrap("2.5.29.27"),
            critical: true,
            // BaseCRLNumber ::= CRLNumber (INTEGER 1)
            extn_value: OctetString::new(vec![0x02, 0x01, 0x01]).expect("octets"),
        }]
    });
    let tbs = TbsCertList {
        version: x509_cert::certificate::Version::V2,
        signature: sig_alg.clone(),
        issuer: issuer.cert.tbs_certificate.subject.clone(),
        this_update: x509_time(this_update),
        next_update: next_update.map(x509_time),
        revoked_certificates: (!revoked.is_empty()).then(|| {
            revoked
                .iter()
                .map(|(c, at)| RevokedCert {
                    serial_number: c.cert.tbs_certificate.serial_number.clone(),
                    revocation_date: x509_time(*at),
                    crl_entry_extensions: None,
                })
                .collect()
        }),
        crl_extensions,
    };
    let signature = key.sign(&tbs.to_der().expect("tbs"));
    CertificateList {
        tbs_cert_list: tbs,
        signature_algorithm: sig_alg,
        signature: BitString::from_bytes(&signature).expect("bit string"),
    }
    .to_der()
    .expect("crl")
}

/// How to make a test CMS signature.
#[derive(Debug, Clone, Default)]
pub struct CmsSpec {
    /// Leave the content out (a detached signature).
    pub detached: bool,
    /// A signingTime attribute.
    pub signing_time: Option<Duration>,
    /// More certificates to carry (intermediates).
    pub extra_certs: Vec<Cert>,
    /// Add signingCertificateV2 with the SHA-256 of this certificate.
    pub signing_certificate_v2: Option<Cert>,
    /// Sign this messageDigest instead of the content's digest.
    pub message_digest: Option<Vec<u8>>,
    /// Sign no attributes at all (not CAdES).
    pub no_signed_attributes: bool,
    /// Leave the signer certificate out of the container.
    pub omit_signer_certificate: bool,
}

fn attribute(o: ObjectIdentifier, value: Any) -> Attribute {
    Attribute {
        oid: o,
        values: SetOfVec::try_from(vec![value]).expect("one value"),
    }
}

/// A CMS SignedData (DER) over `content` by `cert` / `key`.
pub fn sign_cms(content: &[u8], cert: &Cert, key: &TestKey, spec: &CmsSpec) -> Vec<u8> {
    let digest_alg = DigestAlg::from_oid(&key.digest_oid()).expect("known digest");
    let (signed_attrs, signature) = if spec.no_signed_attributes {
        (None, key.sign(content))
    } else {
        let md = spec
            .message_digest
            .clone()
            .unwrap_or_else(|| digest_alg.digest(content));
        let mut attrs = vec![
            attribute(
                oid::CONTENT_TYPE,
                Any::encode_from(&oid::DATA).expect("oid"),
            ),
            attribute(
                oid::MESSAGE_DIGEST,
                Any::encode_from(&OctetString::new(md).expect("octets")).expect("any"),
            ),
        ];
        if let Some(t) = spec.signing_time {
            attrs.push(attribute(
                oid::SIGNING_TIME,
                Any::encode_from(&x509_time(t)).expect("time"),
            ));
        }
        if let Some(c) = &spec.signing_certificate_v2 {
            // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF
            //   ESSCertIDv2 ::= SEQUENCE { certHash OCTET STRING } }
            let hash = OctetString::new(Sha256::digest(&c.der).to_vec()).expect("octets");
            let ess = Any::new(der::Tag::Sequence, hash.to_der().expect("der")).expect("any");
            let certs = Any::new(der::Tag::Sequence, ess.to_der().expect("der")).expect("any");
            let outer = Any::new(der::Tag::Sequence, certs.to_der().expect("der")).expect("any");
            attrs.push(attribute(oid::SIGNING_CERTIFICATE_V2, outer));
        }
        let set = SetOfVec::try_from(attrs).expect("attributes");
        let signature = key.sign(&set.to_der().expect("der"));
        (Some(set), signature)
    };
    let digest_ai = AlgorithmIdentifierOwned {
        oid: key.digest_oid(),
        parameters: None,
    };
    let si = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: cert.cert.tbs_certificate.issuer.clone(),
            serial_number: cert.cert.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: digest_ai.clone(),
        signed_attrs,
        signature_algorithm: AlgorithmIdentifierOwned {
            oid: key.signature_alg().oid(),
            parameters: None,
        },
        signature: OctetString::new(signature).expect("octets"),
        unsigned_attrs: None,
    };
    let mut certs: Vec<CertificateChoices> = Vec::new();
    if !spec.omit_signer_certificate {
        certs.push(CertificateChoices::Certificate(cert.cert.clone()));
    }
    for c in &spec.extra_certs {
        certs.push(CertificateChoices::Certificate(c.cert.clone()));
    }
    let sd = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![digest_ai]).expect("set"),
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: oid::DATA,
            econtent: (!spec.detached).then(|| {
                Any::encode_from(&OctetString::new(content.to_vec()).expect("octets")).expect("any")
            }),
        },
        certificates: (!certs.is_empty())
            .then(|| CertificateSet(SetOfVec::try_from(certs).expect("certificate set"))),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(vec![si]).expect("signer infos")),
    };
    ContentInfo {
        content_type: oid::SIGNED_DATA,
        content: Any::encode_from(&sd).expect("signed data"),
    }
    .to_der()
    .expect("content info")
}

/// Re-encodes DER as BER the way Kalkan writes it: every constructed value
/// with an indefinite length, and OCTET STRINGs longer than 4 bytes split
/// into segments of 4.
pub fn to_indefinite_ber(der: &[u8]) -> Vec<u8> {
    fn walk(input: &[u8], out: &mut Vec<u8>) {
        let Ok(kids) = super::ber::children(input) else {
            out.extend_from_slice(input);
            return;
        };
        for t in kids {
            if t.constructed() {
                out.extend_from_slice(t.tag);
                out.push(0x80);
                walk(t.content, out);
                out.extend([0, 0]);
            } else if t.tag == [0x04] && t.content.len() > 4 {
                out.extend([0x24, 0x80]);
                for seg in t.content.chunks(4) {
                    out.push(0x04);
                    out.extend(u8::try_from(seg.len()));
                    out.extend_from_slice(seg);
                }
                out.extend([0, 0]);
            } else {
                out.extend_from_slice(t.raw);
            }
        }
    }
    let mut out = Vec::with_capacity(der.len().saturating_mul(2));
    walk(der, &mut out);
    out
}

/// A three-level test PKI: root CA, issuing CA, holders.
#[derive(Debug, Clone)]
pub struct Pki {
    /// Root CA certificate (self-signed).
    pub root: Cert,
    /// Root CA key.
    pub root_key: TestKey,
    /// Issuing CA certificate (signed by the root).
    pub ca: Cert,
    /// Issuing CA key.
    pub ca_key: TestKey,
}

/// 2026-01-01T00:00:00Z: fixtures are valid 2025 to 2028 around it.
pub const T0: Duration = Duration::from_secs(1_767_225_600);

/// One day.
pub const DAY: Duration = Duration::from_secs(86_400);

/// `n` days after [`T0`] (saturating).
pub fn days_after(n: u32) -> Duration {
    T0.saturating_add(DAY.saturating_mul(n))
}

/// `n` days before [`T0`] (saturating).
pub fn days_before(n: u32) -> Duration {
    T0.saturating_sub(DAY.saturating_mul(n))
}

impl Pki {
    /// A PKI whose CAs use keys of `kind`, valid around [`T0`]; `test`
    /// puts "TEST" in the CA names as NCA's test CAs have.
    pub fn new(kind: KeyKind, test: bool) -> Self {
        Self::around(kind, test, T0)
    }

    /// [`Pki::new`], valid around `at` instead of [`T0`] (the root for ten
    /// years either side, the issuing CA for 1,000 days): for a run whose
    /// clock is the wall clock, such as a real node's.
    pub fn around(kind: KeyKind, test: bool, at: Duration) -> Self {
        let suffix = if test { " TEST" } else { "" };
        let days = |n: u32| DAY.saturating_mul(n);
        let root_key = TestKey::generate(kind);
        let root = issue(
            &CertSpec::ca(
                &format!("Shart Root{suffix}"),
                1,
                at.saturating_sub(days(3650)),
                at.saturating_add(days(3650)),
            ),
            &root_key,
            None,
        );
        let ca_key = TestKey::generate(kind);
        let ca = issue(
            &CertSpec::ca(
                &format!("Shart Issuing CA{suffix}"),
                2,
                at.saturating_sub(days(1000)),
                at.saturating_add(days(1000)),
            ),
            &ca_key,
            Some((&root, &root_key)),
        );
        Self {
            root,
            root_key,
            ca,
            ca_key,
        }
    }

    /// A holder certificate from `spec`, issued by the issuing CA.
    pub fn holder(&self, spec: &CertSpec, key: &TestKey) -> Cert {
        issue(spec, key, Some((&self.ca, &self.ca_key)))
    }
}

/// Parses a certificate's DER (for tests that tamper with bytes).
pub fn reparse(der: &[u8]) -> Option<Cert> {
    Certificate::from_der(der).ok()?;
    Cert::from_der(der, "test").ok()
}

/// A holder with a signing certificate from a fresh [`Pki`]: what most
/// tests need.
#[derive(Debug, Clone)]
pub struct Holder {
    /// The PKI that issued the certificate.
    pub pki: Pki,
    /// The holder's certificate.
    pub cert: Cert,
    /// The holder's key.
    pub key: TestKey,
}

impl Holder {
    /// An individual with IIN `iin` (serial 100, valid 30 days before
    /// [`T0`] to 365 days after), keys of `kind`.
    pub fn individual(kind: KeyKind, iin: &str) -> Self {
        let pki = Pki::new(kind, false);
        let key = TestKey::generate(kind);
        let cert = pki.holder(
            &CertSpec::individual("TESTOV TEST", iin, 100, days_before(30), days_after(365)),
            &key,
        );
        Self { pki, cert, key }
    }

    /// The CA folder that trusts this holder's PKI: root and issuing CA.
    pub fn anchors(&self) -> Vec<Cert> {
        vec![self.pki.root.clone(), self.pki.ca.clone()]
    }
}
