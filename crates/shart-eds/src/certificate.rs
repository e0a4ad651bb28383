//! X.509 certificates and CRLs as the verifier reads them: the parsed
//! structure (`x509-cert`) together with the exact bytes that were signed,
//! and what an NCA RK certificate says about its holder.
#![deny(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]

use std::path::Path;
use std::time::Duration;

use const_oid::ObjectIdentifier;
use der::{Decode, Encode, Tagged};
use safeguards::eds::{EdsRole, HolderKind};
use x509_cert::crl::CertificateList;
use x509_cert::ext::pkix::{BasicConstraints, ExtendedKeyUsage};
use x509_cert::name::Name;
use x509_cert::Certificate;

use super::algorithms::{oid, PublicKey, SignatureAlg};
use super::ber;
use super::error::VerifyError;
use super::input;

/// A certificate with the bytes it was parsed from.
#[derive(Debug, Clone)]
pub struct Cert {
    /// The DER of the whole certificate.
    pub der: Vec<u8>,
    /// The parsed certificate.
    pub cert: Certificate,
    /// The DER of `tbsCertificate` exactly as it appears in [`Cert::der`]:
    /// the bytes the issuer signed.
    pub tbs: Vec<u8>,
}

impl Cert {
    /// Parses one DER certificate; `source` names it in errors.
    ///
    /// # Errors
    ///
    /// [`VerifyError::MalformedCertificate`].
    pub fn from_der(der: &[u8], source: &str) -> Result<Self, VerifyError> {
        let bad = |detail: String| VerifyError::MalformedCertificate {
            source: source.to_string(),
            detail,
        };
        let cert = Certificate::from_der(der).map_err(|e| bad(e.to_string()))?;
        let tbs = signed_body(der).map_err(bad)?;
        Ok(Self {
            der: der.to_vec(),
            cert,
            tbs,
        })
    }

    /// The subject as text (RFC 4514).
    pub fn subject(&self) -> String {
        self.cert.tbs_certificate.subject.to_string()
    }

    /// The issuer as text (RFC 4514).
    pub fn issuer(&self) -> String {
        self.cert.tbs_certificate.issuer.to_string()
    }

    /// The serial number's contents octets, as hex.
    pub fn serial_hex(&self) -> String {
        hex::encode(self.cert.tbs_certificate.serial_number.as_bytes())
    }

    /// The public key.
    ///
    /// # Errors
    ///
    /// See [`PublicKey::from_spki`].
    pub fn public_key(&self) -> Result<PublicKey, VerifyError> {
        PublicKey::from_spki(&self.cert.tbs_certificate.subject_public_key_info)
    }

    /// notBefore and notAfter as time since the Unix epoch.
    pub fn validity(&self) -> (Duration, Duration) {
        let v = &self.cert.tbs_certificate.validity;
        (
            v.not_before.to_unix_duration(),
            v.not_after.to_unix_duration(),
        )
    }

    /// Whether the certificate is valid at `at` (both bounds inclusive, as
    /// in RFC 5280).
    ///
    /// # Errors
    ///
    /// [`VerifyError::CertificateNotValidAt`].
    pub fn check_valid_at(&self, at: Duration) -> Result<(), VerifyError> {
        let (from, until) = self.validity();
        if at < from || at > until {
            return Err(VerifyError::CertificateNotValidAt {
                subject: self.subject(),
                at: rfc3339(at),
                not_before: rfc3339(from),
                not_after: rfc3339(until),
            });
        }
        Ok(())
    }

    /// Checks that `issuer` signed this certificate.
    ///
    /// # Errors
    ///
    /// [`VerifyError::CertificateSignatureInvalid`] or
    /// [`VerifyError::UnsupportedAlgorithm`].
    pub fn check_signed_by(&self, issuer: &Cert) -> Result<(), VerifyError> {
        if self.cert.signature_algorithm.oid != self.cert.tbs_certificate.signature.oid {
            return Err(VerifyError::CertificateSignatureInvalid {
                subject: self.subject(),
                detail: "the signature algorithm differs from the one in the signed body".into(),
            });
        }
        let alg = SignatureAlg::from_oid(&self.cert.signature_algorithm.oid, None)?;
        let key = issuer.public_key().map_err(|e| match e {
            VerifyError::MalformedCertificate { detail, .. } => VerifyError::MalformedCertificate {
                source: issuer.subject(),
                detail,
            },
            other => other,
        })?;
        let sig = self.cert.signature.raw_bytes();
        alg.verify(&key, &self.tbs, sig)
            .map_err(|e| VerifyError::CertificateSignatureInvalid {
                subject: self.subject(),
                detail: e.to_string(),
            })
    }

    /// The raw value of the extension `id`, if present.
    fn extension(&self, id: ObjectIdentifier) -> Option<&[u8]> {
        self.cert
            .tbs_certificate
            .extensions
            .as_ref()?
            .iter()
            .find(|e| e.extn_id == id)
            .map(|e| e.extn_value.as_bytes())
    }

    /// The extended key usage OIDs (empty if the extension is absent).
    ///
    /// # Errors
    ///
    /// [`VerifyError::MalformedCertificate`] if the extension is present but
    /// does not decode.
    pub fn extended_key_usage(&self) -> Result<Vec<ObjectIdentifier>, VerifyError> {
        match self.extension(const_oid::db::rfc5280::ID_CE_EXT_KEY_USAGE) {
            None => Ok(Vec::new()),
            Some(v) => ExtendedKeyUsage::from_der(v).map(|e| e.0).map_err(|e| {
                VerifyError::MalformedCertificate {
                    source: self.subject(),
                    detail: format!("extended key usage: {e}"),
                }
            }),
        }
    }

    /// Whether the certificate may issue certificates: basicConstraints
    /// with cA set.
    pub fn is_ca(&self) -> bool {
        self.extension(const_oid::db::rfc5280::ID_CE_BASIC_CONSTRAINTS)
            .and_then(|v| BasicConstraints::from_der(v).ok())
            .is_some_and(|b| b.ca)
    }

    /// The certificate-policy OIDs (empty if absent or undecodable).
    fn policies(&self) -> Vec<ObjectIdentifier> {
        self.extension(const_oid::db::rfc5280::ID_CE_CERTIFICATE_POLICIES)
            .and_then(|v| x509_cert::ext::pkix::CertificatePolicies::from_der(v).ok())
            .map(|p| p.0.into_iter().map(|i| i.policy_identifier).collect())
            .unwrap_or_default()
    }

    /// The first value of subject attribute `id` as text.
    pub fn subject_attr(&self, id: ObjectIdentifier) -> Option<String> {
        name_attr(&self.cert.tbs_certificate.subject, id)
    }

    /// What an NCA RK certificate says about its holder.
    ///
    /// # Errors
    ///
    /// [`VerifyError::MalformedCertificate`] for an undecodable extension.
    pub fn holder(&self) -> Result<Holder, VerifyError> {
        let iin = self
            .subject_attr(oid::SERIAL_NUMBER)
            .and_then(|s| s.strip_prefix("IIN").map(str::to_string))
            .filter(|n| n.len() == 12 && n.bytes().all(|b| b.is_ascii_digit()));
        let bin = self
            .subject_attr(oid::ORG_UNIT)
            .and_then(|s| s.strip_prefix("BIN").map(str::to_string))
            .filter(|n| n.len() == 12 && n.bytes().all(|b| b.is_ascii_digit()));
        let mut marks = self.extended_key_usage()?;
        marks.extend(self.policies());
        let mut roles: Vec<EdsRole> = Vec::new();
        for role in ALL_ROLES {
            if marks.iter().any(|m| m.to_string() == role.oid()) && !roles.contains(&role) {
                roles.push(role);
            }
        }
        let legal_entity_mark = marks.iter().any(|m| m.to_string() == LEGAL_ENTITY_OID);
        let holder_kind = if bin.is_some() || legal_entity_mark {
            HolderKind::LegalEntity
        } else {
            HolderKind::Individual
        };
        Ok(Holder {
            iin,
            bin,
            organisation: self.subject_attr(oid::ORG),
            common_name: self.subject_attr(oid::COMMON_NAME),
            holder_kind,
            roles,
        })
    }
}

/// NCA's role OID for "legal entity" (the parent of the legal-entity roles).
pub const LEGAL_ENTITY_OID: &str = "1.2.398.3.3.4.1.2";

/// Every role the safeguards know, in declaration order.
pub const ALL_ROLES: [EdsRole; 6] = [
    EdsRole::Individual,
    EdsRole::ChiefExecutive,
    EdsRole::SigningAuthority,
    EdsRole::FinancialSigningAuthority,
    EdsRole::HumanResources,
    EdsRole::Employee,
];

/// The first element of a signed SEQUENCE (tbsCertificate, tbsCertList)
/// exactly as encoded: the bytes the issuer signed.
fn signed_body(der: &[u8]) -> Result<Vec<u8>, String> {
    let (outer, _) = ber::read(der).map_err(|e| e.to_string())?;
    ber::children(outer.content)
        .map_err(|e| e.to_string())?
        .first()
        .map(|t| t.raw.to_vec())
        .ok_or_else(|| "no signed body".to_string())
}

/// The holder as the certificate names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    /// `SERIALNUMBER=IIN…`: the holder's individual identification number.
    pub iin: Option<String>,
    /// `OU=BIN…`: the legal entity's business identification number.
    pub bin: Option<String>,
    /// `O=`: the organisation's name.
    pub organisation: Option<String>,
    /// `CN=`: the holder's name.
    pub common_name: Option<String>,
    /// Legal entity if a BIN or the legal-entity role OID is present.
    pub holder_kind: HolderKind,
    /// Roles found among the extended key usages and certificate policies
    /// (NCA role OIDs under 1.2.398.3.3.4.1).
    pub roles: Vec<EdsRole>,
}

/// The first value of attribute `id` in `name`, as text.
pub fn name_attr(name: &Name, id: ObjectIdentifier) -> Option<String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|atv| atv.oid == id)
        .and_then(|atv| any_text(&atv.value))
}

/// A directory-string value as text (UTF8String, PrintableString,
/// IA5String, BMPString, TeletexString read as Latin-1).
pub fn any_text(any: &der::Any) -> Option<String> {
    let v = any.value();
    match any.tag() {
        der::Tag::Utf8String | der::Tag::PrintableString | der::Tag::Ia5String => {
            std::str::from_utf8(v).ok().map(str::to_string)
        }
        der::Tag::TeletexString => Some(v.iter().map(|b| char::from(*b)).collect()),
        der::Tag::BmpString => {
            let units: Vec<u16> = v
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).ok()
        }
        _ => None,
    }
}

/// A certificate revocation list with the bytes its issuer signed.
#[derive(Debug, Clone)]
pub struct Crl {
    /// Where it came from (for messages).
    pub source: String,
    /// The parsed list.
    pub crl: CertificateList,
    /// The DER of `tbsCertList` as it appears in the file.
    pub tbs: Vec<u8>,
}

impl Crl {
    /// Parses a CRL file (DER, PEM or base64).
    ///
    /// # Errors
    ///
    /// [`VerifyError::Io`] or [`VerifyError::MalformedCertificate`].
    pub fn load(path: &Path) -> Result<Self, VerifyError> {
        let source = path.display().to_string();
        let bytes = input::read_file(path)?;
        let der =
            input::decode_binary(&bytes).map_err(|detail| VerifyError::MalformedCertificate {
                source: source.clone(),
                detail,
            })?;
        Self::from_der(&der, &source)
    }

    /// Parses a DER CRL.
    ///
    /// # Errors
    ///
    /// [`VerifyError::MalformedCertificate`].
    pub fn from_der(der: &[u8], source: &str) -> Result<Self, VerifyError> {
        let bad = |detail: String| VerifyError::MalformedCertificate {
            source: source.to_string(),
            detail,
        };
        let crl = CertificateList::from_der(der).map_err(|e| bad(e.to_string()))?;
        let tbs = signed_body(der).map_err(bad)?;
        Ok(Self {
            source: source.to_string(),
            crl,
            tbs,
        })
    }

    /// Checks that this is a full CRL current at `now`: no delta-CRL
    /// indicator (2.5.29.27), no issuingDistributionPoint (2.5.29.28, a
    /// partial scope), no critical extension other than those two kinds,
    /// thisUpdate not after `now`, nextUpdate (if any) not before `now`.
    ///
    /// # Errors
    ///
    /// [`VerifyError::CrlInvalid`] naming the reason.
    pub fn check_usable(&self, now: Duration) -> Result<(), VerifyError> {
        let bad = |detail: String| VerifyError::CrlInvalid {
            source: self.source.clone(),
            detail,
        };
        let tbs = &self.crl.tbs_cert_list;
        for ext in tbs.crl_extensions.iter().flatten() {
            let id = ext.extn_id.to_string();
            if id == "2.5.29.27" {
                return Err(bad("a delta CRL: give the full CRL".into()));
            }
            if id == "2.5.29.28" {
                return Err(bad(
                    "a partitioned CRL (issuingDistributionPoint): give the full CRL".into(),
                ));
            }
            if ext.critical && id != "2.5.29.20" && id != "2.5.29.35" {
                return Err(bad(format!("unknown critical extension {id}")));
            }
        }
        let this = tbs.this_update.to_unix_duration();
        if this > now {
            return Err(bad(format!("issued in the future ({})", rfc3339(this))));
        }
        if let Some(next) = tbs.next_update {
            let next = next.to_unix_duration();
            if next < now {
                return Err(bad(format!(
                    "stale: its nextUpdate {} is before now ({})",
                    rfc3339(next),
                    rfc3339(now)
                )));
            }
        }
        Ok(())
    }

    /// Checks that `issuer` signed this CRL.
    ///
    /// # Errors
    ///
    /// [`VerifyError::CrlInvalid`] or [`VerifyError::UnsupportedAlgorithm`].
    pub fn check_signed_by(&self, issuer: &Cert) -> Result<(), VerifyError> {
        let alg = SignatureAlg::from_oid(&self.crl.signature_algorithm.oid, None)?;
        let key = issuer.public_key()?;
        let sig = self.crl.signature.raw_bytes();
        alg.verify(&key, &self.tbs, sig)
            .map_err(|e| VerifyError::CrlInvalid {
                source: self.source.clone(),
                detail: format!("not signed by {}: {e}", issuer.subject()),
            })
    }

    /// The revocation date of `serial` (contents octets), if listed.
    pub fn revocation_of(&self, serial: &[u8]) -> Option<Duration> {
        self.crl
            .tbs_cert_list
            .revoked_certificates
            .as_ref()?
            .iter()
            .find(|r| r.serial_number.as_bytes() == serial)
            .map(|r| r.revocation_date.to_unix_duration())
    }
}

/// Loads every certificate in a folder (DER, PEM with one or more
/// certificates, or base64), sorted by file name. Files that hold no
/// certificate are an error, so a typo in `--ca` cannot silently shrink
/// the trust store.
///
/// # Errors
///
/// [`VerifyError::Io`] or [`VerifyError::MalformedCertificate`].
pub fn load_ca_dir(dir: &Path) -> Result<Vec<Cert>, VerifyError> {
    let io = |e: std::io::Error| VerifyError::Io {
        path: dir.display().to_string(),
        message: e.to_string(),
    };
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(io)?;
    paths.retain(|p| p.is_file());
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let source = path.display().to_string();
        let bytes = input::read_file(&path)?;
        let ders = input::decode_certificates(&bytes).map_err(|detail| {
            VerifyError::MalformedCertificate {
                source: source.clone(),
                detail,
            }
        })?;
        for der in ders {
            out.push(Cert::from_der(&der, &source)?);
        }
    }
    if out.is_empty() {
        return Err(VerifyError::MalformedCertificate {
            source: dir.display().to_string(),
            detail: "the folder holds no CA certificate".into(),
        });
    }
    Ok(out)
}

/// A time since the Unix epoch as RFC 3339 UTC (`2026-11-21T10:00:00Z`).
pub fn rfc3339(t: Duration) -> String {
    match der::DateTime::from_unix_duration(t) {
        Ok(dt) => format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            dt.year(),
            dt.month(),
            dt.day(),
            dt.hour(),
            dt.minutes(),
            dt.seconds()
        ),
        Err(_) => format!("{}s after 1970", t.as_secs()),
    }
}

/// Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ` (UTC) into time since the
/// Unix epoch.
///
/// # Errors
///
/// A message saying what was expected.
pub fn parse_time(s: &str) -> Result<Duration, String> {
    let err = || format!("{s:?} is not YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)");
    let num = |r: std::ops::Range<usize>| -> Result<u16, String> {
        let part = s.get(r).ok_or_else(err)?;
        if !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        part.parse().map_err(|_| err())
    };
    let (date_ok, time) = match s.len() {
        10 => (true, None),
        20 if s.as_bytes().get(10) == Some(&b'T') && s.ends_with('Z') => (true, Some(())),
        _ => (false, None),
    };
    if !date_ok || s.as_bytes().get(4) != Some(&b'-') || s.as_bytes().get(7) != Some(&b'-') {
        return Err(err());
    }
    let (h, mi, se) = match time {
        Some(()) => {
            if s.as_bytes().get(13) != Some(&b':') || s.as_bytes().get(16) != Some(&b':') {
                return Err(err());
            }
            (num(11..13)?, num(14..16)?, num(17..19)?)
        }
        None => (0, 0, 0),
    };
    let to_u8 = |v: u16| u8::try_from(v).map_err(|_| err());
    der::DateTime::new(
        num(0..4)?,
        to_u8(num(5..7)?)?,
        to_u8(num(8..10)?)?,
        to_u8(h)?,
        to_u8(mi)?,
        to_u8(se)?,
    )
    .map(|dt| dt.unix_duration())
    .map_err(|_| err())
}

/// Re-encodes a parsed value (used for names in messages and tests).
pub fn der_of<T: Encode>(v: &T) -> Vec<u8> {
    v.to_der().unwrap_or_default()
}
