//! CMS / CAdES-BES signature verification (docs/eds.md, "Verifying a
//! signature", lists these steps one by one).
//!
//! 1. Decode the container: PEM, base64 or binary; BER rewritten as DER
//!    ([`super::ber`]); a ContentInfo of type signedData.
//! 2. The content: embedded (attached) or the given file (detached); an
//!    attached signature checked against a file must embed exactly that
//!    file.
//! 3. For every SignerInfo: find the signer certificate in the container;
//!    require signed attributes with exactly one contentType equal to the
//!    encapsulated type and exactly one messageDigest equal to the
//!    content's digest; check signingCertificateV2 if present; verify the
//!    signature over the DER of the signed attributes exactly as encoded.
//! 4. The signer certificate must be a signing key (extended key usage
//!    1.3.6.1.5.5.7.3.4) and chain to a certificate of `--ca`, each link's
//!    signature checked and every certificate valid at the signing time
//!    (signingTime, else `--at`, else now).
//! 5. With CRLs: the issuer's CRL, signed by the issuer, must not list the
//!    signer certificate. Without: the report says revocation was not
//!    checked.
#![deny(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]

use std::path::Path;
use std::time::{Duration, SystemTime};

use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use const_oid::ObjectIdentifier;
use der::{Decode, Encode};
use safeguards::eds::{EdsRole, HolderKind, IssuingCa, KeyAlgorithm};
use serde::Serialize;
use sha2::{Digest as _, Sha256};
use x509_cert::attr::Attribute;

use super::algorithms::{oid, DigestAlg, SignatureAlg};
use super::ber;
use super::certificate::{rfc3339, Cert, Crl};
use super::error::{malformed, VerifyError};

/// Longest certificate chain followed (NCA: root, intermediate, holder).
pub const MAX_CHAIN: usize = 8;

/// How far a signingTime may lie after the verifier's clock.
pub const MAX_CLOCK_SKEW: Duration = Duration::from_secs(300);

/// Most SignerInfos checked in one container (NCALayer co-signing adds one
/// per signer; more is refused as malformed rather than worked through).
pub const MAX_SIGNERS: usize = 16;

/// The signed content, when it is not embedded in the signature.
#[derive(Debug, Clone, Copy)]
pub enum Content<'a> {
    /// No content given: the signature must be attached.
    None,
    /// In memory.
    Bytes(&'a [u8]),
    /// A file, hashed as a stream.
    File(&'a Path),
}

/// Where the time that validity is checked at came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimeSource {
    /// The signer's signingTime attribute (claimed by the signer).
    SigningTime,
    /// `--at`.
    Given,
    /// The verifier's clock: the container has no signingTime.
    Now,
}

/// What to verify against.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// Trust anchors: the CA certificates of `--ca`.
    pub anchors: &'a [Cert],
    /// CRLs of `--crl`; empty means revocation is not checked.
    pub crls: &'a [Crl],
    /// `--at`: check validity at this time instead of signingTime.
    pub at: Option<Duration>,
    /// The verifier's clock, for containers without signingTime.
    pub now: Duration,
}

/// What a verified signature says.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// `true` if the content is embedded in the signature.
    pub attached: bool,
    /// SHA-256 of the signed content (the agreement hash of `shart agreement
    /// hash`), hex.
    pub content_sha256: String,
    /// The embedded content, for attached signatures.
    #[serde(skip)]
    pub content: Option<Vec<u8>>,
    /// One entry per SignerInfo, in container order: verified, or why not.
    /// The signature is valid only if every signer verified
    /// ([`Report::first_error`]).
    #[serde(skip)]
    pub signers: Vec<Result<SignerReport, VerifyError>>,
}

impl Report {
    /// The first signer that failed, if any.
    pub fn first_error(&self) -> Option<&VerifyError> {
        self.signers.iter().find_map(|s| s.as_ref().err())
    }

    /// The signers that verified.
    pub fn verified(&self) -> impl Iterator<Item = &SignerReport> {
        self.signers.iter().filter_map(|s| s.as_ref().ok())
    }
}

/// One verified signer.
#[derive(Debug, Clone, Serialize)]
pub struct SignerReport {
    /// IIN from `SERIALNUMBER=IIN…`.
    pub iin: Option<String>,
    /// BIN from `OU=BIN…`.
    pub bin: Option<String>,
    /// Organisation name (`O=`).
    pub organisation: Option<String>,
    /// Holder name (`CN=`).
    pub common_name: Option<String>,
    /// Individual or legal entity.
    #[serde(serialize_with = "ser_debug")]
    pub holder_kind: HolderKind,
    /// NCA roles found in the certificate.
    #[serde(serialize_with = "ser_debug_vec")]
    pub roles: Vec<EdsRole>,
    /// Certificate serial number (hex of its contents octets).
    pub serial: String,
    /// SHA-256 of the serial's contents octets: the registry's
    /// `cert_serial_hash`.
    pub serial_sha256: String,
    /// Certificate subject (RFC 4514).
    pub subject: String,
    /// Certificate issuer (RFC 4514).
    pub issuer: String,
    /// notBefore, RFC 3339.
    pub not_before: String,
    /// notAfter, RFC 3339.
    pub not_after: String,
    /// notBefore, Unix milliseconds.
    pub not_before_ms: u64,
    /// notAfter, Unix milliseconds.
    pub not_after_ms: u64,
    /// Key algorithm.
    #[serde(serialize_with = "ser_debug")]
    pub key_algorithm: KeyAlgorithm,
    /// Signature algorithm.
    pub signature_algorithm: &'static str,
    /// The signingTime attribute, RFC 3339, if signed.
    pub signing_time: Option<String>,
    /// The time validity was checked at, RFC 3339.
    pub checked_at: String,
    /// Where [`SignerReport::checked_at`] came from.
    pub checked_at_source: TimeSource,
    /// The chain, signer first, trust anchor last (subjects).
    pub chain: Vec<String>,
    /// Which CA, by the safeguards' classification (test CAs by "TEST" in
    /// the chain's names; docs/eds.md).
    #[serde(serialize_with = "ser_debug")]
    pub issuing_ca: IssuingCa,
    /// What was checked about revocation, in words.
    pub revocation: String,
    /// `true` only if a CRL of the issuer was checked.
    pub revocation_checked: bool,
}

fn ser_debug<T: std::fmt::Debug, S: serde::Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format!("{v:?}"))
}

fn ser_debug_vec<T: std::fmt::Debug, S: serde::Serializer>(
    v: &[T],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(v.iter().map(|x| format!("{x:?}")))
}

/// The current time since the Unix epoch.
pub fn now() -> Duration {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default()
}

/// Verifies a CMS SignedData (`signature`: the file's bytes, any encoding).
///
/// # Errors
///
/// A [`VerifyError`] for the container and content (steps 1 and 2); what
/// goes wrong with a signer (steps 3 to 5) is that signer's entry in
/// [`Report::signers`].
pub fn verify(
    signature: &[u8],
    content: Content<'_>,
    opts: &Options<'_>,
) -> Result<Report, VerifyError> {
    let der = super::input::signature_der(signature)?;
    let info = ContentInfo::from_der(&der).map_err(|e| malformed("ContentInfo", e))?;
    if info.content_type != oid::SIGNED_DATA {
        return Err(malformed(
            "ContentInfo",
            format!("content type {} is not signedData", info.content_type),
        ));
    }
    let sd_der = info
        .content
        .to_der()
        .map_err(|e| malformed("SignedData", e))?;
    let sd = SignedData::from_der(&sd_der).map_err(|e| malformed("SignedData", e))?;
    let raw = RawSignedData::parse(&sd_der)?;

    // The content.
    let embedded = match &sd.encap_content_info.econtent {
        None => None,
        Some(any) => Some(
            der::asn1::OctetString::from_der(&any.to_der().map_err(|e| malformed("eContent", e))?)
                .map_err(|e| malformed("eContent", e))?
                .into_bytes(),
        ),
    };
    if raw.signer_infos.is_empty() {
        return Err(malformed("SignedData", "no signer"));
    }
    if raw.signer_infos.len() > MAX_SIGNERS {
        return Err(malformed(
            "SignedData",
            format!(
                "{} signers; at most {MAX_SIGNERS} are checked",
                raw.signer_infos.len()
            ),
        ));
    }
    let infos: Vec<Result<SignerInfo, VerifyError>> = raw
        .signer_infos
        .iter()
        .map(|r| SignerInfo::from_der(r).map_err(|e| malformed("SignerInfo", e)))
        .collect();

    // Every digest the content needs, in one pass over it: a file is read
    // exactly once, so every signer and the reported hash see the same bytes.
    let mut algs = vec![DigestAlg::Sha256];
    for alg in infos
        .iter()
        .flatten()
        .filter_map(|si| DigestAlg::from_oid(&si.digest_alg.oid).ok())
    {
        if !algs.contains(&alg) {
            algs.push(alg);
        }
    }
    let digests = match (&embedded, content) {
        (None, Content::None) => return Err(VerifyError::ContentMissing),
        (Some(e), Content::None) => digest_all(&algs, Content::Bytes(e))?,
        (Some(e), given) => {
            let embedded_sha256 = hex::encode(Sha256::digest(e));
            let file_sha256 = hex::encode(digest_all(&[DigestAlg::Sha256], given)?.sha256());
            if embedded_sha256 != file_sha256 {
                return Err(VerifyError::ContentMismatch {
                    embedded_sha256,
                    file_sha256,
                });
            }
            digest_all(&algs, Content::Bytes(e))?
        }
        (None, given) => digest_all(&algs, given)?,
    };
    let content_sha256 = hex::encode(digests.sha256());

    let certs = raw.certificates()?;
    let signers = infos
        .into_iter()
        .zip(&raw.signer_infos)
        .map(|(si, raw_si)| {
            si.and_then(|si| {
                verify_signer(
                    &si,
                    raw_si,
                    &sd.encap_content_info.econtent_type,
                    &digests,
                    &certs,
                    opts,
                )
            })
        })
        .collect();
    Ok(Report {
        attached: embedded.is_some(),
        content_sha256,
        content: embedded,
        signers,
    })
}

/// Raw slices of a SignedData that the verifier must hash as encoded.
struct RawSignedData {
    certificates: Vec<Vec<u8>>,
    signer_infos: Vec<Vec<u8>>,
}

impl RawSignedData {
    fn parse(sd_der: &[u8]) -> Result<Self, VerifyError> {
        let (seq, _) = ber::read(sd_der).map_err(|e| malformed("SignedData", e))?;
        let fields = ber::children(seq.content).map_err(|e| malformed("SignedData", e))?;
        let mut certificates = Vec::new();
        let mut signer_infos = Vec::new();
        for f in &fields {
            match f.tag_byte() {
                0xa0 => {
                    for c in ber::children(f.content).map_err(|e| malformed("certificates", e))? {
                        // Only plain certificates (SEQUENCE); other choices
                        // (attribute certificates…) are not signer keys.
                        if c.tag_byte() == 0x30 {
                            certificates.push(c.raw.to_vec());
                        }
                    }
                }
                0x31 => {
                    signer_infos = ber::children(f.content)
                        .map_err(|e| malformed("signerInfos", e))?
                        .iter()
                        .map(|t| t.raw.to_vec())
                        .collect();
                }
                _ => {}
            }
        }
        Ok(Self {
            certificates,
            signer_infos,
        })
    }

    fn certificates(&self) -> Result<Vec<Cert>, VerifyError> {
        self.certificates
            .iter()
            .enumerate()
            .map(|(i, der)| {
                Cert::from_der(
                    der,
                    &format!("certificate {} in the container", i.saturating_add(1)),
                )
            })
            .collect()
    }
}

/// The content's digests, one per algorithm.
struct Digests(Vec<(DigestAlg, Vec<u8>)>);

impl Digests {
    fn get(&self, alg: DigestAlg) -> Option<&[u8]> {
        self.0
            .iter()
            .find(|(a, _)| *a == alg)
            .map(|(_, d)| d.as_slice())
    }

    fn sha256(&self) -> &[u8] {
        self.get(DigestAlg::Sha256).unwrap_or_default()
    }
}

/// Hashes `content` with every algorithm of `algs` in one pass.
fn digest_all(algs: &[DigestAlg], content: Content<'_>) -> Result<Digests, VerifyError> {
    match content {
        Content::None => Err(VerifyError::ContentMissing),
        Content::Bytes(b) => Ok(Digests(algs.iter().map(|a| (*a, a.digest(b))).collect())),
        Content::File(path) => {
            let io = |e: std::io::Error| VerifyError::Io {
                path: path.display().to_string(),
                message: e.to_string(),
            };
            let file = std::fs::File::open(path).map_err(io)?;
            DigestAlg::digest_reader_all(algs, file)
                .map(|v| Digests(algs.iter().copied().zip(v).collect()))
                .map_err(io)
        }
    }
}

/// The single value of attribute `id` among `attrs`.
fn single_attr<'a>(
    attrs: &'a [Attribute],
    id: ObjectIdentifier,
    name: &'static str,
) -> Result<Option<&'a der::Any>, VerifyError> {
    let found: Vec<&Attribute> = attrs.iter().filter(|a| a.oid == id).collect();
    match found.as_slice() {
        [] => Ok(None),
        [a] => {
            let values: Vec<&der::Any> = a.values.iter().collect();
            match values.as_slice() {
                [v] => Ok(Some(*v)),
                _ => Err(VerifyError::AttributeInvalid {
                    attribute: name,
                    detail: format!("{} values, expected one", values.len()),
                }),
            }
        }
        _ => Err(VerifyError::AttributeInvalid {
            attribute: name,
            detail: "appears more than once".into(),
        }),
    }
}

fn verify_signer(
    si: &SignerInfo,
    raw_si: &[u8],
    econtent_type: &ObjectIdentifier,
    digests: &Digests,
    certs: &[Cert],
    opts: &Options<'_>,
) -> Result<SignerReport, VerifyError> {
    // The signer certificate: exactly one certificate may match the signer
    // identifier (the identifier and the certificate set are not signed, so
    // a second match would let a container choose which holder is reported).
    let matches: Vec<&Cert> = certs
        .iter()
        .filter(|c| match &si.sid {
            SignerIdentifier::IssuerAndSerialNumber(ias) => {
                c.cert.tbs_certificate.issuer == ias.issuer
                    && c.cert.tbs_certificate.serial_number == ias.serial_number
            }
            SignerIdentifier::SubjectKeyIdentifier(ski) => c
                .cert
                .tbs_certificate
                .extensions
                .as_ref()
                .and_then(|exts| {
                    exts.iter()
                        .find(|e| e.extn_id == const_oid::db::rfc5280::ID_CE_SUBJECT_KEY_IDENTIFIER)
                })
                .and_then(|e| {
                    x509_cert::ext::pkix::SubjectKeyIdentifier::from_der(e.extn_value.as_bytes())
                        .ok()
                })
                .is_some_and(|k| &k == ski),
        })
        .collect();
    let signer = match matches.as_slice() {
        [] => return Err(VerifyError::SignerCertificateNotFound),
        [one] => *one,
        [first, rest @ ..] if rest.iter().all(|c| c.der == first.der) => *first,
        many => {
            return Err(malformed(
                "certificates",
                format!(
                    "{} different certificates match the signer identifier",
                    many.len()
                ),
            ))
        }
    };

    let digest_alg = DigestAlg::from_oid(&si.digest_alg.oid)?;
    let sig_alg = SignatureAlg::from_oid(&si.signature_algorithm.oid, Some(digest_alg))?;
    let key = signer.public_key()?;

    // Signed attributes.
    let attrs: Vec<Attribute> = si
        .signed_attrs
        .as_ref()
        .ok_or(VerifyError::SignedAttributesMissing)?
        .iter()
        .cloned()
        .collect();
    let ct = single_attr(&attrs, oid::CONTENT_TYPE, "contentType")?.ok_or(
        VerifyError::AttributeInvalid {
            attribute: "contentType",
            detail: "missing".into(),
        },
    )?;
    let ct: ObjectIdentifier = ct.decode_as().map_err(|e| VerifyError::AttributeInvalid {
        attribute: "contentType",
        detail: e.to_string(),
    })?;
    if &ct != econtent_type {
        return Err(VerifyError::AttributeInvalid {
            attribute: "contentType",
            detail: format!("signed {ct}, the content is {econtent_type}"),
        });
    }
    let md = single_attr(&attrs, oid::MESSAGE_DIGEST, "messageDigest")?.ok_or(
        VerifyError::AttributeInvalid {
            attribute: "messageDigest",
            detail: "missing".into(),
        },
    )?;
    let signed_digest = md
        .decode_as::<der::asn1::OctetString>()
        .map_err(|e| VerifyError::AttributeInvalid {
            attribute: "messageDigest",
            detail: e.to_string(),
        })?
        .into_bytes();
    let computed = digests.get(digest_alg).unwrap_or_default();
    if signed_digest != computed {
        return Err(VerifyError::DigestMismatch {
            algorithm: digest_alg.name(),
            signed: hex::encode(signed_digest),
            computed: hex::encode(computed),
        });
    }
    let signing_time = match single_attr(&attrs, oid::SIGNING_TIME, "signingTime")? {
        None => None,
        Some(v) => Some(
            x509_cert::time::Time::from_der(&v.to_der().unwrap_or_default())
                .map_err(|e| VerifyError::AttributeInvalid {
                    attribute: "signingTime",
                    detail: e.to_string(),
                })?
                .to_unix_duration(),
        ),
    };
    if let Some(v) = single_attr(&attrs, oid::SIGNING_CERTIFICATE_V2, "signingCertificateV2")? {
        check_signing_certificate_v2(v, signer)?;
    }

    // The signature over the signed attributes, as encoded, re-tagged SET OF.
    let (si_seq, _) = ber::read(raw_si).map_err(|e| malformed("SignerInfo", e))?;
    let signed_attrs_raw = ber::children(si_seq.content)
        .map_err(|e| malformed("SignerInfo", e))?
        .into_iter()
        .find(|t| t.tag_byte() == 0xa0)
        .map(|t| t.raw.to_vec())
        .ok_or(VerifyError::SignedAttributesMissing)?;
    let mut to_verify = signed_attrs_raw;
    if let Some(first) = to_verify.first_mut() {
        *first = 0x31;
    }
    sig_alg.verify(&key, &to_verify, si.signature.as_bytes())?;

    // Signing key, chain, validity, revocation.
    let eku = signer.extended_key_usage()?;
    if !eku.contains(&oid::EKU_SIGNING) {
        return Err(VerifyError::NotSigningKey {
            found: eku.iter().map(|o| o.to_string()).collect(),
        });
    }
    // A signingTime after the verifier's clock (beyond a few minutes of
    // clock skew) is a claim no honest signer makes.
    if let Some(t) = signing_time {
        if t > opts.now.saturating_add(MAX_CLOCK_SKEW) {
            return Err(VerifyError::AttributeInvalid {
                attribute: "signingTime",
                detail: format!(
                    "{} is in the future (now {})",
                    rfc3339(t),
                    rfc3339(opts.now)
                ),
            });
        }
    }
    let (at, source) = match (opts.at, signing_time) {
        (Some(at), _) => (at, TimeSource::Given),
        (None, Some(t)) => (t, TimeSource::SigningTime),
        (None, None) => (opts.now, TimeSource::Now),
    };
    let chain = build_chain(signer, certs, opts.anchors, at)?;
    let (revocation, revocation_checked) = check_revocation(signer, &chain, opts.crls, opts.now)?;

    let holder = signer.holder()?;
    // NCA's test CAs say TEST in their names ("… (GOST) TEST 2022"); only
    // CA names count (each chain link's issuer), not the holder's.
    let test_ca = chain.iter().any(|c| {
        let name = c.issuer().to_uppercase();
        name.contains("TEST") || name.contains("ТЕСТ")
    });
    let key_algorithm = key.key_algorithm();
    let issuing_ca = match (key_algorithm, test_ca) {
        (KeyAlgorithm::Rsa, false) => IssuingCa::NcaRsa,
        (KeyAlgorithm::Rsa, true) => IssuingCa::NcaTestRsa,
        (_, false) => IssuingCa::NcaGost2015,
        (_, true) => IssuingCa::NcaTestGost2015,
    };
    let (nb, na) = signer.validity();
    let serial = signer.cert.tbs_certificate.serial_number.as_bytes();
    Ok(SignerReport {
        iin: holder.iin,
        bin: holder.bin,
        organisation: holder.organisation,
        common_name: holder.common_name,
        holder_kind: holder.holder_kind,
        roles: holder.roles,
        serial: hex::encode(serial),
        serial_sha256: hex::encode(Sha256::digest(serial)),
        subject: signer.subject(),
        issuer: signer.issuer(),
        not_before: rfc3339(nb),
        not_after: rfc3339(na),
        not_before_ms: u64::try_from(nb.as_millis()).unwrap_or(u64::MAX),
        not_after_ms: u64::try_from(na.as_millis()).unwrap_or(u64::MAX),
        key_algorithm,
        signature_algorithm: sig_alg.name(),
        signing_time: signing_time.map(rfc3339),
        checked_at: rfc3339(at),
        checked_at_source: source,
        chain: chain.iter().map(|c| c.subject()).collect(),
        issuing_ca,
        revocation,
        revocation_checked,
    })
}

/// signingCertificateV2 (RFC 5035): the first ESSCertIDv2 must hash the
/// signer certificate (hashAlgorithm defaults to SHA-256).
fn check_signing_certificate_v2(v: &der::Any, signer: &Cert) -> Result<(), VerifyError> {
    let bad = |detail: &str| VerifyError::AttributeInvalid {
        attribute: "signingCertificateV2",
        detail: detail.to_string(),
    };
    let certs = ber::children(v.value()).map_err(|_| bad("not a SEQUENCE"))?;
    let first_list = certs.first().ok_or_else(|| bad("empty"))?;
    let ids = ber::children(first_list.content).map_err(|_| bad("certs is not a SEQUENCE"))?;
    let id = ids.first().ok_or_else(|| bad("no ESSCertIDv2"))?;
    let parts = ber::children(id.content).map_err(|_| bad("ESSCertIDv2 is not a SEQUENCE"))?;
    let (alg, hash) = match parts.as_slice() {
        [h, ..] if h.tag_byte() == 0x04 => (DigestAlg::Sha256, h.content),
        [a, h, ..] if a.tag_byte() == 0x30 && h.tag_byte() == 0x04 => {
            let alg = spki::AlgorithmIdentifierOwned::from_der(a.raw)
                .map_err(|_| bad("bad hashAlgorithm"))?;
            (DigestAlg::from_oid(&alg.oid)?, h.content)
        }
        _ => return Err(bad("ESSCertIDv2 has no certHash")),
    };
    if alg.digest(&signer.der) != hash {
        return Err(VerifyError::SigningCertificateMismatch);
    }
    Ok(())
}

/// Builds the chain from `signer` to an anchor: each link's signature and
/// validity at `at` checked; every issuer (anchor or intermediate from the
/// container) must be a CA (basicConstraints cA). Among several candidates
/// with the issuer's name, the first that signed the certificate and is
/// valid at `at` is taken.
fn build_chain<'a>(
    signer: &'a Cert,
    pool: &'a [Cert],
    anchors: &'a [Cert],
    at: Duration,
) -> Result<Vec<&'a Cert>, VerifyError> {
    signer.check_valid_at(at)?;
    let mut chain: Vec<&Cert> = vec![signer];
    loop {
        let current = *chain.last().unwrap_or(&signer);
        // The current certificate is itself a trust anchor.
        if anchors.iter().any(|a| a.der == current.der) {
            return Ok(chain);
        }
        if chain.len() >= MAX_CHAIN {
            return Err(VerifyError::UntrustedChain {
                detail: format!("no trust anchor within {MAX_CHAIN} certificates"),
            });
        }
        let issuer_name = &current.cert.tbs_certificate.issuer;
        let mut first_error: Option<VerifyError> = None;
        let mut pick = |candidates: &mut dyn Iterator<Item = &'a Cert>| -> Option<&'a Cert> {
            for c in candidates {
                if &c.cert.tbs_certificate.subject != issuer_name
                    || chain.iter().any(|x| x.der == c.der)
                {
                    continue;
                }
                let outcome = if c.is_ca() {
                    current
                        .check_signed_by(c)
                        .and_then(|()| c.check_valid_at(at))
                } else {
                    Err(VerifyError::UntrustedChain {
                        detail: format!(
                            "{} is not a CA certificate (basicConstraints)",
                            c.subject()
                        ),
                    })
                };
                match outcome {
                    Ok(()) => return Some(c),
                    Err(e) => {
                        first_error.get_or_insert(e);
                    }
                }
            }
            None
        };
        // Anchors first: a trusted issuer ends the chain.
        if let Some(a) = pick(&mut anchors.iter()) {
            chain.push(a);
            return Ok(chain);
        }
        match pick(&mut pool.iter()) {
            Some(c) => chain.push(c),
            None => {
                if let Some(e) = first_error {
                    return Err(e);
                }
                if anchors.is_empty() {
                    return Err(VerifyError::UntrustedChain {
                        detail: "no trusted CA certificate given (--ca)".into(),
                    });
                }
                return Err(VerifyError::UntrustedChain {
                    detail: format!(
                        "no certificate of --ca or the container issued {} (issuer {})",
                        current.subject(),
                        current.issuer()
                    ),
                });
            }
        }
    }
}

/// Checks the signer certificate against the CRLs of its issuer. A CRL
/// counts only if it is a full CRL (no delta, no issuingDistributionPoint
/// scope, no unknown critical extension), is signed by the issuer's key,
/// and is current at `now` (thisUpdate not in the future, nextUpdate not
/// past). CRLs of a same-named issuer under another key are skipped; if no
/// CRL counts, the first reason is the error.
fn check_revocation(
    signer: &Cert,
    chain: &[&Cert],
    crls: &[Crl],
    now: Duration,
) -> Result<(String, bool), VerifyError> {
    if crls.is_empty() {
        return Ok((
            "NOT CHECKED: no CRL given (--crl); the certificate may have been revoked".into(),
            false,
        ));
    }
    let issuer_name = &signer.cert.tbs_certificate.issuer;
    let issuer = chain.get(1).copied();
    let applicable: Vec<&Crl> = crls
        .iter()
        .filter(|c| &c.crl.tbs_cert_list.issuer == issuer_name)
        .collect();
    let (Some(issuer), false) = (issuer, applicable.is_empty()) else {
        return Err(VerifyError::CrlNotApplicable {
            issuer: signer.issuer(),
        });
    };
    let serial = signer.cert.tbs_certificate.serial_number.as_bytes();
    let mut words = Vec::new();
    let mut first_error = None;
    for crl in applicable {
        if let Err(e) = crl
            .check_usable(now)
            .and_then(|()| crl.check_signed_by(issuer))
        {
            first_error.get_or_insert(e);
            continue;
        }
        if let Some(when) = crl.revocation_of(serial) {
            return Err(VerifyError::Revoked {
                serial: hex::encode(serial),
                revoked_at: rfc3339(when),
            });
        }
        let this = rfc3339(crl.crl.tbs_cert_list.this_update.to_unix_duration());
        words.push(format!(
            "not on the CRL of {} issued {this} ({})",
            signer.issuer(),
            crl.source
        ));
    }
    if words.is_empty() {
        return Err(first_error.unwrap_or(VerifyError::CrlNotApplicable {
            issuer: signer.issuer(),
        }));
    }
    Ok((words.join("; "), true))
}

impl SignerReport {
    /// The report as text, one `name: value` per line.
    pub fn to_text(&self) -> String {
        let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
        let mut lines = vec![
            format!("subject: {}", self.subject),
            format!("IIN: {}", opt(&self.iin)),
            format!("BIN: {}", opt(&self.bin)),
            format!("organisation: {}", opt(&self.organisation)),
            format!("holder kind: {:?}", self.holder_kind),
            format!(
                "roles: {}",
                if self.roles.is_empty() {
                    "-".to_string()
                } else {
                    self.roles
                        .iter()
                        .map(|r| format!("{r:?} ({})", r.oid()))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            ),
            format!("certificate serial: {}", self.serial),
            format!("issuer: {}", self.issuer),
            format!("valid: {} to {}", self.not_before, self.not_after),
            format!(
                "key: {:?}; signature: {}",
                self.key_algorithm, self.signature_algorithm
            ),
            format!("signing time: {}", opt(&self.signing_time)),
            format!(
                "checked at: {} ({:?})",
                self.checked_at, self.checked_at_source
            ),
            format!("issuing CA: {:?}", self.issuing_ca),
            format!("chain: {}", self.chain.join(" <- ")),
            format!("revocation: {}", self.revocation),
        ];
        lines.retain(|l| !l.is_empty());
        lines.join("\n")
    }
}
