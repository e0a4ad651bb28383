//! Every reason `shart eds verify` refuses a signature, each with a stable
//! code and exit status (docs/eds.md, "Verifying a signature").

use std::fmt;

/// Why a signature was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyError {
    /// A file could not be read.
    Io {
        /// The path.
        path: String,
        /// The operating system's message.
        message: String,
    },
    /// The signature file is not a CMS SignedData the verifier can read.
    MalformedContainer {
        /// What is wrong, and where.
        detail: String,
    },
    /// A certificate or CRL could not be parsed.
    MalformedCertificate {
        /// Which file or which certificate.
        source: String,
        /// What is wrong.
        detail: String,
    },
    /// An algorithm the verifier does not implement.
    UnsupportedAlgorithm {
        /// Where it was met: digest, signature, public key, curve.
        role: &'static str,
        /// The object identifier.
        oid: String,
    },
    /// Detached signature, but no content given (`--agreement`).
    ContentMissing,
    /// The content embedded in an attached signature differs from the
    /// agreement file given.
    ContentMismatch {
        /// SHA-256 of the embedded content.
        embedded_sha256: String,
        /// SHA-256 of the file.
        file_sha256: String,
    },
    /// The signer signed no attributes (CAdES-BES requires them).
    SignedAttributesMissing,
    /// A required signed attribute is absent or appears more than once.
    AttributeInvalid {
        /// Which attribute.
        attribute: &'static str,
        /// What is wrong.
        detail: String,
    },
    /// The signed `messageDigest` is not the digest of the content.
    DigestMismatch {
        /// The digest algorithm.
        algorithm: &'static str,
        /// What the signer signed (hex).
        signed: String,
        /// What the content hashes to (hex).
        computed: String,
    },
    /// The signature over the signed attributes does not verify under the
    /// signer certificate's key.
    BadSignature {
        /// The algorithm.
        algorithm: &'static str,
        /// What the algorithm reported.
        detail: String,
    },
    /// The SignedData carries no certificate matching the signer identifier.
    SignerCertificateNotFound,
    /// The signingCertificateV2 attribute names another certificate.
    SigningCertificateMismatch,
    /// The certificate is not a signing key (no extended key usage
    /// 1.3.6.1.5.5.7.3.4; e.g. an authentication key).
    NotSigningKey {
        /// The extended key usages found.
        found: Vec<String>,
    },
    /// A certificate was not valid at the time checked.
    CertificateNotValidAt {
        /// The certificate's subject.
        subject: String,
        /// The time checked (RFC 3339).
        at: String,
        /// notBefore (RFC 3339).
        not_before: String,
        /// notAfter (RFC 3339).
        not_after: String,
    },
    /// No chain from the signer certificate to a CA certificate in `--ca`.
    UntrustedChain {
        /// The last certificate reached, and why the chain stops there.
        detail: String,
    },
    /// A certificate in the chain is not signed by its issuer.
    CertificateSignatureInvalid {
        /// The certificate's subject.
        subject: String,
        /// What the algorithm reported.
        detail: String,
    },
    /// A CRL given with `--crl` is not signed by its issuer or is otherwise
    /// unusable.
    CrlInvalid {
        /// The CRL file.
        source: String,
        /// What is wrong.
        detail: String,
    },
    /// CRLs were given but none is from the signer certificate's issuer.
    CrlNotApplicable {
        /// The signer certificate's issuer.
        issuer: String,
    },
    /// The signer certificate is on its issuer's CRL.
    Revoked {
        /// The certificate serial (hex).
        serial: String,
        /// The revocation date (RFC 3339).
        revoked_at: String,
    },
    /// `shart eds attest`: the verified signature does not fit an
    /// attestation.
    NotAttestable {
        /// Why.
        detail: String,
    },
}

impl VerifyError {
    /// A stable, machine-readable code (`--json` prints it).
    pub fn code(&self) -> &'static str {
        match self {
            Self::Io { .. } => "io",
            Self::MalformedContainer { .. } => "malformed-container",
            Self::MalformedCertificate { .. } => "malformed-certificate",
            Self::UnsupportedAlgorithm { .. } => "unsupported-algorithm",
            Self::ContentMissing => "content-missing",
            Self::ContentMismatch { .. } => "content-mismatch",
            Self::SignedAttributesMissing => "signed-attributes-missing",
            Self::AttributeInvalid { .. } => "attribute-invalid",
            Self::DigestMismatch { .. } => "digest-mismatch",
            Self::BadSignature { .. } => "bad-signature",
            Self::SignerCertificateNotFound => "signer-certificate-not-found",
            Self::SigningCertificateMismatch => "signing-certificate-mismatch",
            Self::NotSigningKey { .. } => "not-signing-key",
            Self::CertificateNotValidAt { .. } => "certificate-not-valid",
            Self::UntrustedChain { .. } => "untrusted-chain",
            Self::CertificateSignatureInvalid { .. } => "certificate-signature-invalid",
            Self::CrlInvalid { .. } => "crl-invalid",
            Self::CrlNotApplicable { .. } => "crl-not-applicable",
            Self::Revoked { .. } => "revoked",
            Self::NotAttestable { .. } => "not-attestable",
        }
    }

    /// The process exit status for this error: 2 for input problems, 10 and
    /// up for each kind of verification failure (docs/eds.md lists them).
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Io { .. } | Self::ContentMissing => 2,
            Self::MalformedContainer { .. } | Self::MalformedCertificate { .. } => 10,
            Self::UnsupportedAlgorithm { .. } => 11,
            Self::ContentMismatch { .. } | Self::DigestMismatch { .. } => 12,
            Self::SignedAttributesMissing
            | Self::AttributeInvalid { .. }
            | Self::SigningCertificateMismatch => 13,
            Self::BadSignature { .. } => 14,
            Self::SignerCertificateNotFound
            | Self::UntrustedChain { .. }
            | Self::CertificateSignatureInvalid { .. } => 15,
            Self::CertificateNotValidAt { .. } => 16,
            Self::NotSigningKey { .. } => 17,
            Self::CrlInvalid { .. } | Self::CrlNotApplicable { .. } => 18,
            Self::Revoked { .. } => 19,
            Self::NotAttestable { .. } => 20,
        }
    }
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, message } => write!(f, "cannot read {path}: {message}"),
            Self::MalformedContainer { detail } => {
                write!(f, "malformed signature container: {detail}")
            }
            Self::MalformedCertificate { source, detail } => {
                write!(f, "malformed certificate or CRL ({source}): {detail}")
            }
            Self::UnsupportedAlgorithm { role, oid } => {
                write!(f, "unsupported {role} algorithm {oid}")
            }
            Self::ContentMissing => write!(
                f,
                "detached signature: give the signed file with --agreement (or --statement)"
            ),
            Self::ContentMismatch {
                embedded_sha256,
                file_sha256,
            } => write!(
                f,
                "the signature embeds other content than the file given \
                 (embedded SHA-256 {embedded_sha256}, file SHA-256 {file_sha256})"
            ),
            Self::SignedAttributesMissing => write!(
                f,
                "the signer signed no attributes (CAdES-BES requires contentType and messageDigest)"
            ),
            Self::AttributeInvalid { attribute, detail } => {
                write!(f, "signed attribute {attribute}: {detail}")
            }
            Self::DigestMismatch {
                algorithm,
                signed,
                computed,
            } => write!(
                f,
                "digest mismatch: the signer signed {algorithm} {signed}, the content hashes to {computed}"
            ),
            Self::BadSignature { algorithm, detail } => {
                write!(f, "bad signature ({algorithm}): {detail}")
            }
            Self::SignerCertificateNotFound => write!(
                f,
                "the container has no certificate matching the signer identifier"
            ),
            Self::SigningCertificateMismatch => write!(
                f,
                "the signingCertificateV2 attribute names a different certificate than the one that verifies"
            ),
            Self::NotSigningKey { found } => write!(
                f,
                "not a signing key: extended key usage 1.3.6.1.5.5.7.3.4 missing (found: {})",
                if found.is_empty() {
                    "none".to_string()
                } else {
                    found.join(", ")
                }
            ),
            Self::CertificateNotValidAt {
                subject,
                at,
                not_before,
                not_after,
            } => write!(
                f,
                "certificate {subject} is not valid at {at} (valid {not_before} to {not_after})"
            ),
            Self::UntrustedChain { detail } => write!(f, "untrusted chain: {detail}"),
            Self::CertificateSignatureInvalid { subject, detail } => {
                write!(f, "certificate {subject} is not signed by its issuer: {detail}")
            }
            Self::CrlInvalid { source, detail } => write!(f, "CRL {source}: {detail}"),
            Self::CrlNotApplicable { issuer } => write!(
                f,
                "none of the CRLs given is from the signer certificate's issuer {issuer}"
            ),
            Self::Revoked { serial, revoked_at } => {
                write!(f, "certificate {serial} was revoked at {revoked_at}")
            }
            Self::NotAttestable { detail } => write!(f, "cannot attest: {detail}"),
        }
    }
}

impl std::error::Error for VerifyError {}

/// A malformed-container error from anything displayable.
pub(crate) fn malformed(what: &str, e: impl fmt::Display) -> VerifyError {
    VerifyError::MalformedContainer {
        detail: format!("{what}: {e}"),
    }
}
