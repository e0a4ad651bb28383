//! `shart eds attest`: the registry's attestation record from a verified
//! signature over the binding statement (docs/eds.md, "From signature to
//! attestation").
//!
//! The holder signs the statement of `shart agreement statement` with their
//! EDS; the verifier checks that signature ([`super::verify`]) and turns the
//! signer's certificate into the [`Evidence`] the registry's `attest`
//! message takes. The IIN (individual) or BIN (legal entity) enters only as
//! a salted commitment; the salt goes back to the holder, never on chain.
#![deny(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]

use safeguards::eds::{EdsRole, Evidence, HolderKind};
use sha2::{Digest as _, Sha256};

use super::error::VerifyError;
use super::verify::{Report, SignerReport};
use crate::iin::{IdNumber, Kind};
use crate::statement::Statement;

/// An attestation ready to submit, and what the holder keeps.
#[derive(Debug, Clone)]
pub struct Attestation {
    /// The record for the registry's `attest` message.
    pub evidence: Evidence,
    /// The statement the holder signed.
    pub statement: Statement,
    /// Whether the commitment is to an IIN or a BIN.
    pub number_kind: Kind,
    /// `false` only for a test CA's certificate whose number fails the
    /// IIN/BIN checks (NCA's test certificates carry made-up numbers).
    pub number_validated: bool,
    /// The salt of the commitment: the holder's to keep, never to publish
    /// (with it, the number can be found by search).
    pub salt: [u8; 32],
    /// The verified signer.
    pub signer: SignerReport,
}

/// Builds the attestation from a verified `report` whose content is the
/// binding statement `statement_bytes`.
///
/// # Errors
///
/// [`VerifyError::NotAttestable`] if the report has a failed or more than
/// one signer, the content is not a statement, the certificate names no
/// single NCA role fitting its holder kind, or the IIN/BIN is missing or
/// invalid (certificates of production CAs).
pub fn attestation(
    report: &Report,
    statement_bytes: &[u8],
    salt: [u8; 32],
) -> Result<Attestation, VerifyError> {
    let not = |detail: String| VerifyError::NotAttestable { detail };
    if let Some(e) = report.first_error() {
        return Err(e.clone());
    }
    let signer = match report.signers.as_slice() {
        [Ok(s)] => s.clone(),
        other => {
            return Err(not(format!(
                "{} signers; an attestation needs exactly one",
                other.len()
            )))
        }
    };
    let statement = Statement::parse(statement_bytes).map_err(|e| {
        not(format!(
            "the signed content is not a binding statement: {e}"
        ))
    })?;
    if hex::encode(statement.sha256()) != report.content_sha256 {
        return Err(not(
            "the statement given is not the content the signature was verified against".into(),
        ));
    }

    let fitting: Vec<EdsRole> = signer
        .roles
        .iter()
        .copied()
        .filter(|r| r.holder_kind() == signer.holder_kind)
        .collect();
    let role = match fitting.as_slice() {
        [r] => *r,
        [] => {
            return Err(not(format!(
                "the certificate names no NCA role for a {:?} holder (roles found: {:?})",
                signer.holder_kind, signer.roles
            )))
        }
        many => {
            return Err(not(format!(
                "the certificate names several roles: {many:?}"
            )))
        }
    };

    let (kind, number) = match signer.holder_kind {
        HolderKind::Individual => (Kind::Iin, signer.iin.clone()),
        HolderKind::LegalEntity => (Kind::Bin, signer.bin.clone()),
    };
    let number = number.ok_or_else(|| {
        not(format!(
            "the certificate has no {} (subject {})",
            kind.as_str().to_uppercase(),
            signer.subject
        ))
    })?;
    let (subject_commitment, number_validated) = match IdNumber::parse(kind, &number) {
        Ok(id) => (id.commitment(&salt), true),
        Err(e) if signer.issuing_ca.is_test() => {
            let mut h = Sha256::new();
            h.update(salt);
            h.update(number.as_bytes());
            let _ = e;
            (h.finalize().into(), false)
        }
        Err(e) => {
            return Err(not(format!(
                "the certificate's {}: {e}",
                kind.as_str().to_uppercase()
            )))
        }
    };
    let mut serial_hash = [0u8; 32];
    hex::decode_to_slice(&signer.serial_sha256, &mut serial_hash)
        .map_err(|e| not(format!("serial hash: {e}")))?;

    let evidence = Evidence {
        account: safeguards::AccountId::from(*statement.account()),
        cert_serial_hash: serial_hash,
        ca: signer.issuing_ca,
        algorithm: signer.key_algorithm,
        holder_kind: signer.holder_kind,
        role,
        valid_from: signer.not_before_ms,
        valid_until: signer.not_after_ms,
        subject_commitment,
        statement_hash: statement.sha256(),
    };
    Ok(Attestation {
        evidence,
        statement,
        number_kind: kind,
        number_validated,
        salt,
        signer,
    })
}

/// `evidence` as the argument of the registry's `attest` message on
/// `cargo contract call --message attest --args '…'` (SCON; the account in
/// SS58 with prefix 42, hashes in hex). `tests/node/cli_args.rs` checks that the
/// text encodes to the same bytes as the value.
pub fn evidence_scon(e: &Evidence) -> String {
    let account: &[u8; 32] = e.account.as_ref();
    format!(
        "Evidence {{ account: {}, cert_serial_hash: 0x{}, ca: {:?}, algorithm: {:?}, \
         holder_kind: {:?}, role: {:?}, valid_from: {}, valid_until: {}, \
         subject_commitment: 0x{}, statement_hash: 0x{} }}",
        crate::ss58::encode(42, account).unwrap_or_default(),
        hex::encode(e.cert_serial_hash),
        e.ca,
        e.algorithm,
        e.holder_kind,
        e.role,
        e.valid_from,
        e.valid_until,
        hex::encode(e.subject_commitment),
        hex::encode(e.statement_hash),
    )
}

impl Attestation {
    /// The JSON printed by `shart eds attest --json`: `evidence` is what the
    /// registry takes; `private` is the holder's and must not be published.
    pub fn to_json(&self) -> serde_json::Value {
        let e = &self.evidence;
        let account: &[u8; 32] = e.account.as_ref();
        serde_json::json!({
            "evidence": {
                "account": format!("0x{}", hex::encode(account)),
                "account_ss58": crate::ss58::encode(42, account).unwrap_or_default(),
                "cert_serial_hash": format!("0x{}", hex::encode(e.cert_serial_hash)),
                "ca": format!("{:?}", e.ca),
                "algorithm": format!("{:?}", e.algorithm),
                "holder_kind": format!("{:?}", e.holder_kind),
                "role": format!("{:?}", e.role),
                "valid_from": e.valid_from,
                "valid_until": e.valid_until,
                "subject_commitment": format!("0x{}", hex::encode(e.subject_commitment)),
                "statement_hash": format!("0x{}", hex::encode(e.statement_hash)),
            },
            "attest_args": evidence_scon(e),
            "statement": {
                "agreement": format!("0x{}", hex::encode(self.statement.agreement())),
                "chain": self.statement.chain().to_string(),
                "registry": format!("0x{}", hex::encode(self.statement.registry())),
                "nonce": format!("0x{}", hex::encode(self.statement.nonce())),
            },
            "signer": {
                "serial": self.signer.serial,
                "issuer": self.signer.issuer,
                "signing_time": self.signer.signing_time,
                "checked_at": self.signer.checked_at,
                "revocation": self.signer.revocation,
                "revocation_checked": self.signer.revocation_checked,
            },
            "private": {
                "number_kind": self.number_kind.as_str(),
                "number_validated": self.number_validated,
                "salt": hex::encode(self.salt),
                "note": "Give the salt to the holder only. Never publish it: with the salt, the number behind the commitment can be found by search.",
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use safeguards::eds::{EdsRole, HolderKind, IssuingCa, KeyAlgorithm};

    use crate::eds::certificate::Cert;
    use crate::eds::testkit::{
        self, days_after, days_before, CertSpec, CmsSpec, Holder, KeyKind, TestKey,
    };
    use crate::eds::verify::{self, Content, Options, Report};
    use crate::eds::{algorithms::oid, attest, error::VerifyError};

    const IIN: &str = "871008401427";
    const BIN: &str = "940140000385";
    const CONTENT: &[u8] = b"Master agreement No. 1: the parties agree.\n";

    fn world(kind: KeyKind) -> Holder {
        Holder::individual(kind, IIN)
    }

    fn anchors(w: &Holder) -> Vec<Cert> {
        w.anchors()
    }

    fn signing_spec() -> CmsSpec {
        CmsSpec {
            signing_time: Some(days_after(10)),
            ..CmsSpec::default()
        }
    }

    fn run(sig: &[u8], content: Content<'_>, anchors: &[Cert]) -> Result<Report, VerifyError> {
        verify::verify(
            sig,
            content,
            &Options {
                anchors,
                crls: &[],
                at: None,
                now: days_after(20),
            },
        )
    }

    fn statement() -> crate::statement::Statement {
        crate::statement::Statement::new(
            [0x11; 32],
            [0x22; 32],
            crate::statement::ChainId::parse("shart-local").unwrap(),
            [0x33; 32],
            [0x44; 32],
        )
        .unwrap()
    }

    #[test]
    fn attestation_from_a_signed_statement_has_every_registry_field() {
        let w = world(KeyKind::Gost256);
        let st = statement();
        let sig = testkit::sign_cms(
            &st.to_bytes(),
            &w.cert,
            &w.key,
            &CmsSpec {
                detached: true,
                ..signing_spec()
            },
        );
        let bytes = st.to_bytes();
        let report = run(&sig, Content::Bytes(&bytes), &anchors(&w)).unwrap();
        let salt = [9u8; 32];
        let a = attest::attestation(&report, &bytes, salt).unwrap();
        let e = &a.evidence;
        assert_eq!(AsRef::<[u8; 32]>::as_ref(&e.account), &[0x11; 32]);
        assert_eq!(e.statement_hash, st.sha256());
        assert_eq!(e.role, EdsRole::Individual);
        assert_eq!(e.holder_kind, HolderKind::Individual);
        assert_eq!(e.algorithm, KeyAlgorithm::Gost256);
        assert_eq!(e.ca, IssuingCa::NcaGost2015);
        let id = crate::iin::IdNumber::parse(crate::iin::Kind::Iin, IIN).unwrap();
        assert_eq!(e.subject_commitment, id.commitment(&salt));
        assert_eq!(
            e.cert_serial_hash.to_vec(),
            <sha2::Sha256 as sha2::Digest>::digest(
                w.cert.cert.tbs_certificate.serial_number.as_bytes()
            )
            .to_vec()
        );
        let (nb, na) = w.cert.validity();
        assert_eq!(u128::from(e.valid_from), nb.as_millis());
        assert_eq!(u128::from(e.valid_until), na.as_millis());
        assert!(a.number_validated);
        // The JSON never holds the number itself.
        let json = a.to_json().to_string();
        assert!(!json.contains(IIN));
    }

    #[test]
    fn attestation_for_a_chief_executive_commits_to_the_bin() {
        let w = world(KeyKind::Rsa2048);
        let key = TestKey::generate(KeyKind::Rsa2048);
        let ceo = w.pki.holder(
            &CertSpec::chief_executive(
                "CEO",
                IIN,
                BIN,
                "Shart LLP",
                300,
                days_before(30),
                days_after(365),
            ),
            &key,
        );
        let st = statement();
        let sig = testkit::sign_cms(&st.to_bytes(), &ceo, &key, &signing_spec());
        let report = run(&sig, Content::None, &anchors(&w)).unwrap();
        let a =
            attest::attestation(&report, report.content.as_deref().unwrap(), [1u8; 32]).unwrap();
        assert_eq!(a.evidence.role, EdsRole::ChiefExecutive);
        assert_eq!(a.evidence.holder_kind, HolderKind::LegalEntity);
        let bin = crate::iin::IdNumber::parse(crate::iin::Kind::Bin, BIN).unwrap();
        assert_eq!(a.evidence.subject_commitment, bin.commitment(&[1u8; 32]));
        assert_eq!(a.signer.organisation.as_deref(), Some("Shart LLP"));
    }

    #[test]
    fn attestation_refuses_content_that_is_not_a_statement() {
        let w = world(KeyKind::Gost256);
        let sig = testkit::sign_cms(CONTENT, &w.cert, &w.key, &signing_spec());
        let report = run(&sig, Content::None, &anchors(&w)).unwrap();
        let err = attest::attestation(&report, CONTENT, [0u8; 32]).unwrap_err();
        assert_eq!(err.code(), "not-attestable");
    }

    #[test]
    fn attestation_refuses_a_failed_signer() {
        let w = world(KeyKind::Gost256);
        let st = statement();
        let sig = testkit::sign_cms(&st.to_bytes(), &w.cert, &w.key, &signing_spec());
        let report = run(&sig, Content::None, &[]).unwrap();
        let err = attest::attestation(&report, &st.to_bytes(), [0u8; 32]).unwrap_err();
        assert_eq!(err.code(), "untrusted-chain");
    }

    #[test]
    fn certificate_without_a_role_is_not_attestable() {
        let w = world(KeyKind::Gost256);
        let key = TestKey::generate(KeyKind::Gost512);
        let mut spec = CertSpec::individual("NOROLE", IIN, 400, days_before(30), days_after(365));
        spec.eku = vec![oid::EKU_SIGNING];
        let cert = w.pki.holder(&spec, &key);
        let st = statement();
        let sig = testkit::sign_cms(&st.to_bytes(), &cert, &key, &signing_spec());
        let report = run(&sig, Content::None, &anchors(&w)).unwrap();
        let err = attest::attestation(&report, &st.to_bytes(), [0u8; 32]).unwrap_err();
        assert!(err.to_string().contains("no NCA role"), "{err}");
    }

    #[test]
    fn attestation_refuses_a_statement_other_than_the_one_verified() {
        // Given a verified signature over one statement
        let w = world(KeyKind::Gost256);
        let st = statement();
        let sig = testkit::sign_cms(&st.to_bytes(), &w.cert, &w.key, &signing_spec());
        let report = run(&sig, Content::None, &anchors(&w)).unwrap();
        // When another well-formed statement is offered for attestation
        let other = crate::statement::Statement::new(
            [0x12; 32],
            [0x22; 32],
            crate::statement::ChainId::parse("shart-local").unwrap(),
            [0x33; 32],
            [0x44; 32],
        )
        .unwrap();
        // Then it is refused
        let err = attest::attestation(&report, &other.to_bytes(), [0u8; 32]).unwrap_err();
        assert!(err.to_string().contains("not the content"), "{err}");
    }
}
