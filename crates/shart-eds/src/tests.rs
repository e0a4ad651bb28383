//! Verifier tests: signatures made by the test kit for every algorithm and
//! failure, and real signatures made by NCA's Kalkan
//! (fixtures/nca/README.md).

use std::sync::OnceLock;
use std::time::Duration;

use proptest::prelude::*;
use safeguards::eds::{EdsRole, HolderKind, IssuingCa, KeyAlgorithm};

use super::algorithms::oid;
use super::certificate::{self, Cert, Crl};
use super::error::VerifyError;
use super::input;
use super::testkit::{
    self, days_after, days_before, CertSpec, CmsSpec, Holder, KeyKind, Pki, TestKey,
};
use super::verify::{self, Content, Options, Report, TimeSource};

/// One individual signer per key kind, built once per run.
fn world(kind: KeyKind) -> &'static Holder {
    static RSA: OnceLock<Holder> = OnceLock::new();
    static G512: OnceLock<Holder> = OnceLock::new();
    static G256: OnceLock<Holder> = OnceLock::new();
    let cell = match kind {
        KeyKind::Rsa2048 => &RSA,
        KeyKind::Gost512 => &G512,
        KeyKind::Gost256 => &G256,
    };
    cell.get_or_init(|| Holder::individual(kind, IIN))
}

const IIN: &str = "871008401427";

const KINDS: [KeyKind; 3] = [KeyKind::Gost512, KeyKind::Gost256, KeyKind::Rsa2048];
const CONTENT: &[u8] = b"Master agreement No. 1: the parties agree.\n";

fn signing_spec() -> CmsSpec {
    CmsSpec {
        signing_time: Some(days_after(10)),
        ..CmsSpec::default()
    }
}

fn run(
    sig: &[u8],
    content: Content<'_>,
    anchors: &[Cert],
    crls: &[Crl],
) -> Result<Report, VerifyError> {
    verify::verify(
        sig,
        content,
        &Options {
            anchors,
            crls,
            at: None,
            now: days_after(20),
        },
    )
}

/// The one signer's outcome.
fn single(r: Result<Report, VerifyError>) -> Result<verify::SignerReport, VerifyError> {
    let report = r?;
    assert_eq!(report.signers.len(), 1);
    report.signers.into_iter().next().expect("one signer")
}

fn anchors(w: &Holder) -> Vec<Cert> {
    w.anchors()
}

#[test]
fn attached_signature_verifies_for_every_algorithm() {
    for kind in KINDS {
        // Given a CAdES-BES signature made with this algorithm
        let w = world(kind);
        let sig = testkit::sign_cms(CONTENT, &w.cert, &w.key, &signing_spec());
        // When it is verified with the CA folder
        let report = run(&sig, Content::None, &anchors(w), &[]).expect("container");
        // Then the signer verifies and the report describes the certificate
        assert!(report.attached);
        assert_eq!(report.content.as_deref(), Some(CONTENT));
        let s = report.signers[0].as_ref().expect("verified");
        assert_eq!(s.iin.as_deref(), Some(IIN));
        assert_eq!(s.bin, None);
        assert_eq!(s.holder_kind, HolderKind::Individual);
        assert_eq!(s.roles, vec![EdsRole::Individual]);
        assert_eq!(s.serial, "64");
        assert_eq!(s.checked_at_source, TimeSource::SigningTime);
        assert_eq!(s.signing_time.as_deref(), Some("2026-01-11T00:00:00Z"));
        // The issuing CA is in --ca, so it is a trust anchor: the chain
        // stops there.
        assert_eq!(s.chain.len(), 2, "signer, issuing CA");
        assert!(!s.revocation_checked);
        assert!(s.revocation.starts_with("NOT CHECKED"));
        let expected_key = match kind {
            KeyKind::Gost512 => KeyAlgorithm::Gost512,
            KeyKind::Gost256 => KeyAlgorithm::Gost256,
            KeyKind::Rsa2048 => KeyAlgorithm::Rsa,
        };
        assert_eq!(s.key_algorithm, expected_key);
        let expected_ca = if kind == KeyKind::Rsa2048 {
            IssuingCa::NcaRsa
        } else {
            IssuingCa::NcaGost2015
        };
        assert_eq!(s.issuing_ca, expected_ca);
    }
}

#[test]
fn detached_signature_verifies_against_the_file_and_streams_it() {
    let w = world(KeyKind::Gost512);
    let sig = testkit::sign_cms(
        CONTENT,
        &w.cert,
        &w.key,
        &CmsSpec {
            detached: true,
            ..signing_spec()
        },
    );
    let dir = tempdir();
    let path = dir.join("agreement.txt");
    std::fs::write(&path, CONTENT).unwrap();
    let report = run(&sig, Content::File(&path), &anchors(w), &[]).unwrap();
    assert!(!report.attached);
    assert!(report.signers[0].is_ok());
    assert_eq!(
        report.content_sha256,
        hex::encode(<sha2::Sha256 as sha2::Digest>::digest(CONTENT))
    );
}

#[test]
fn detached_signature_without_content_fails_with_content_missing() {
    let w = world(KeyKind::Gost512);
    let sig = testkit::sign_cms(
        CONTENT,
        &w.cert,
        &w.key,
        &CmsSpec {
            detached: true,
            ..signing_spec()
        },
    );
    assert_eq!(
        run(&sig, Content::None, &anchors(w), &[]).unwrap_err(),
        VerifyError::ContentMissing
    );
}

#[test]
fn attached_signature_checked_against_another_file_fails_with_content_mismatch() {
    let w = world(KeyKind::Gost512);
    let sig = testkit::sign_cms(CONTENT, &w.cert, &w.key, &signing_spec());
    let err = run(&sig, Content::Bytes(b"another agreement"), &anchors(w), &[]).unwrap_err();
    assert_eq!(err.code(), "content-mismatch");
}

#[test]
fn ber_pem_and_base64_encodings_verify_like_der() {
    for kind in KINDS {
        let w = world(kind);
        let der = testkit::sign_cms(CONTENT, &w.cert, &w.key, &signing_spec());
        let ber = testkit::to_indefinite_ber(&der);
        assert_ne!(ber, der, "the BER differs from the DER");
        for encoded in [
            ber.clone(),
            input::to_pem("CMS", &der).into_bytes(),
            input::to_base64(&ber).into_bytes(),
        ] {
            let s = single(run(&encoded, Content::None, &anchors(w), &[])).expect("verified");
            assert_eq!(s.iin.as_deref(), Some(IIN));
        }
    }
}

#[test]
fn tampered_content_fails_with_digest_mismatch() {
    for kind in KINDS {
        let w = world(kind);
        let sig = testkit::sign_cms(
            CONTENT,
            &w.cert,
            &w.key,
            &CmsSpec {
                detached: true,
                ..signing_spec()
            },
        );
        let err = single(run(
            &sig,
            Content::Bytes(b"Master agreement No. 2"),
            &anchors(w),
            &[],
        ))
        .unwrap_err();
        assert!(
            matches!(err, VerifyError::DigestMismatch { .. }),
            "{kind:?}: {err}"
        );
        assert_eq!(err.exit_code(), 12);
    }
}

#[test]
fn tampered_signed_attributes_fail_with_bad_signature() {
    for kind in KINDS {
        let w = world(kind);
        let mut sig = testkit::sign_cms(CONTENT, &w.cert, &w.key, &signing_spec());
        // The signingTime 2026-01-11 00:00:00 is UTCTime "260111000000Z";
        // make it one second later.
        let at = find(&sig, b"260111000000Z").expect("signingTime in the container");
        sig[at + 11] = b'1';
        let err = single(run(&sig, Content::None, &anchors(w), &[])).unwrap_err();
        assert!(
            matches!(err, VerifyError::BadSignature { .. }),
            "{kind:?}: {err}"
        );
        assert_eq!(err.exit_code(), 14);
    }
}

#[test]
fn signature_by_another_key_fails_with_bad_signature() {
    for kind in KINDS {
        // Given the signer's certificate but attributes signed by another key
        let w = world(kind);
        let other = TestKey::generate(kind);
        let forged = testkit::sign_cms(CONTENT, &w.cert, &other, &signing_spec());
        // Then the signature does not verify under the certificate's key
        let err = single(run(&forged, Content::None, &anchors(w), &[])).unwrap_err();
        assert!(
            matches!(err, VerifyError::BadSignature { .. }),
            "{kind:?}: {err}"
        );
    }
}

#[test]
fn message_digest_of_other_content_fails_with_digest_mismatch() {
    let w = world(KeyKind::Gost512);
    let spec = CmsSpec {
        message_digest: Some(vec![7u8; 64]),
        ..signing_spec()
    };
    let sig = testkit::sign_cms(CONTENT, &w.cert, &w.key, &spec);
    let err = single(run(&sig, Content::None, &anchors(w), &[])).unwrap_err();
    assert_eq!(err.code(), "digest-mismatch");
}

#[test]
fn signature_without_signed_attributes_is_refused() {
    let w = world(KeyKind::Rsa2048);
    let spec = CmsSpec {
        no_signed_attributes: true,
        ..signing_spec()
    };
    let sig = testkit::sign_cms(CONTENT, &w.cert, &w.key, &spec);
    let err = single(run(&sig, Content::None, &anchors(w), &[])).unwrap_err();
    assert_eq!(err, VerifyError::SignedAttributesMissing);
}

#[test]
fn unknown_ca_fails_with_untrusted_chain() {
    // Given CAs of another PKI (other names, other keys)
    let w = world(KeyKind::Gost512);
    let other = Pki::new(KeyKind::Gost256, true);
    let sig = testkit::sign_cms(CONTENT, &w.cert, &w.key, &signing_spec());
    let err = single(run(&sig, Content::None, &[other.root, other.ca], &[])).unwrap_err();
    assert!(matches!(err, VerifyError::UntrustedChain { .. }), "{err}");
    assert_eq!(err.exit_code(), 15);
    // No --ca at all: the same, with the reason spelled out.
    let err = single(run(&sig, Content::None, &[], &[])).unwrap_err();
    assert_eq!(
        err,
        VerifyError::UntrustedChain {
            detail: "no trusted CA certificate given (--ca)".into()
        }
    );
}

#[test]
fn ca_certificate_with_the_right_name_but_another_key_fails_the_chain() {
    // Given a look-alike issuing CA: same name, another key
    let w = world(KeyKind::Gost512);
    let fake_key = TestKey::generate(KeyKind::Gost512);
    let fake = testkit::issue(
        &CertSpec::ca("Shart Issuing CA", 2, days_before(1000), days_after(1000)),
        &fake_key,
        Some((&w.pki.root, &w.pki.root_key)),
    );
    let sig = testkit::sign_cms(CONTENT, &w.cert, &w.key, &signing_spec());
    // When only the look-alike is trusted
    let err = single(run(&sig, Content::None, &[fake], &[])).unwrap_err();
    // Then the signer's certificate signature does not verify under it
    assert!(
        matches!(err, VerifyError::CertificateSignatureInvalid { .. }),
        "{err}"
    );
}

#[test]
fn intermediate_from_the_container_chains_to_a_trusted_root() {
    let w = world(KeyKind::Gost512);
    let spec = CmsSpec {
        extra_certs: vec![w.pki.ca.clone()],
        ..signing_spec()
    };
    let sig = testkit::sign_cms(CONTENT, &w.cert, &w.key, &spec);
    let s = single(run(
        &sig,
        Content::None,
        std::slice::from_ref(&w.pki.root),
        &[],
    ))
    .expect("verified");
    assert_eq!(s.chain.len(), 3);
    // Without the intermediate, the root alone is not enough.
    let sig = testkit::sign_cms(CONTENT, &w.cert, &w.key, &signing_spec());
    let err = single(run(
        &sig,
        Content::None,
        std::slice::from_ref(&w.pki.root),
        &[],
    ))
    .unwrap_err();
    assert_eq!(err.code(), "untrusted-chain");
}

#[test]
fn expired_certificate_fails_with_certificate_not_valid() {
    let w = world(KeyKind::Gost512);
    let sig = testkit::sign_cms(
        CONTENT,
        &w.cert,
        &w.key,
        &CmsSpec {
            signing_time: Some(days_after(400)),
            ..CmsSpec::default()
        },
    );
    // Checked later than the signing time (the certificate expired at
    // days_after(365)).
    let later = Options {
        anchors: &anchors(w),
        crls: &[],
        at: None,
        now: days_after(500),
    };
    let err = single(verify::verify(&sig, Content::None, &later)).unwrap_err();
    assert!(
        matches!(err, VerifyError::CertificateNotValidAt { .. }),
        "{err}"
    );
    assert_eq!(err.exit_code(), 16);
    // --at inside the validity overrides the signingTime claim.
    let report = verify::verify(
        &sig,
        Content::None,
        &Options {
            anchors: &anchors(w),
            crls: &[],
            at: Some(days_after(5)),
            now: days_after(500),
        },
    )
    .unwrap();
    let s = report.signers[0].as_ref().unwrap();
    assert_eq!(s.checked_at_source, TimeSource::Given);
}

#[test]
fn signature_without_signing_time_is_checked_at_the_verifiers_clock() {
    let w = world(KeyKind::Gost512);
    let sig = testkit::sign_cms(CONTENT, &w.cert, &w.key, &CmsSpec::default());
    let s = single(run(&sig, Content::None, &anchors(w), &[])).unwrap();
    assert_eq!(s.checked_at_source, TimeSource::Now);
    assert_eq!(s.signing_time, None);
}

#[test]
fn authentication_key_fails_with_not_signing_key() {
    let w = world(KeyKind::Gost512);
    let key = TestKey::generate(KeyKind::Gost512);
    let mut spec = CertSpec::individual("TESTOV TEST", IIN, 101, days_before(30), days_after(365));
    spec.eku = vec![
        oid::EKU_CLIENT_AUTH,
        const_oid::ObjectIdentifier::new_unwrap("1.2.398.3.3.4.1.1"),
    ];
    let auth = w.pki.holder(&spec, &key);
    let sig = testkit::sign_cms(CONTENT, &auth, &key, &signing_spec());
    let err = single(run(&sig, Content::None, &anchors(w), &[])).unwrap_err();
    assert_eq!(
        err,
        VerifyError::NotSigningKey {
            found: vec!["1.3.6.1.5.5.7.3.2".into(), "1.2.398.3.3.4.1.1".into()]
        }
    );
    assert_eq!(err.exit_code(), 17);
}

#[test]
fn missing_signer_certificate_is_reported() {
    let w = world(KeyKind::Gost512);
    let spec = CmsSpec {
        omit_signer_certificate: true,
        extra_certs: vec![w.pki.ca.clone()],
        ..signing_spec()
    };
    let sig = testkit::sign_cms(CONTENT, &w.cert, &w.key, &spec);
    let err = single(run(&sig, Content::None, &anchors(w), &[])).unwrap_err();
    assert_eq!(err, VerifyError::SignerCertificateNotFound);
}

#[test]
fn signing_certificate_v2_must_name_the_signer_certificate() {
    let w = world(KeyKind::Gost512);
    let good = CmsSpec {
        signing_certificate_v2: Some(w.cert.clone()),
        ..signing_spec()
    };
    let sig = testkit::sign_cms(CONTENT, &w.cert, &w.key, &good);
    assert!(single(run(&sig, Content::None, &anchors(w), &[])).is_ok());
    let bad = CmsSpec {
        signing_certificate_v2: Some(w.pki.ca.clone()),
        ..signing_spec()
    };
    let sig = testkit::sign_cms(CONTENT, &w.cert, &w.key, &bad);
    let err = single(run(&sig, Content::None, &anchors(w), &[])).unwrap_err();
    assert_eq!(err, VerifyError::SigningCertificateMismatch);
}

#[test]
fn unsupported_digest_algorithm_is_named() {
    let w = world(KeyKind::Rsa2048);
    let mut sig = testkit::sign_cms(CONTENT, &w.cert, &w.key, &signing_spec());
    // SHA-256's OID ends 04 02 01; make every occurrence SHA-512 (04 02 03).
    let sha256 = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
    let mut n = 0;
    while let Some(at) = find(&sig, &sha256) {
        sig[at + 8] = 0x03;
        n += 1;
    }
    assert!(n >= 2, "digestAlgorithms and the SignerInfo");
    let err = single(run(&sig, Content::None, &anchors(w), &[])).unwrap_err();
    assert_eq!(
        err,
        VerifyError::UnsupportedAlgorithm {
            role: "digest",
            oid: "2.16.840.1.101.3.4.2.3".into()
        }
    );
}

#[test]
fn crl_listing_the_signer_fails_with_revoked() {
    for kind in [KeyKind::Gost512, KeyKind::Rsa2048] {
        let w = world(kind);
        let sig = testkit::sign_cms(CONTENT, &w.cert, &w.key, &signing_spec());
        let revoked = testkit::crl(
            &w.pki.ca,
            &w.pki.ca_key,
            &[(&w.cert, days_after(12))],
            days_after(15),
        );
        let crl = Crl::from_der(&revoked, "test.crl").unwrap();
        let err = single(run(&sig, Content::None, &anchors(w), &[crl])).unwrap_err();
        assert_eq!(
            err,
            VerifyError::Revoked {
                serial: "64".into(),
                revoked_at: "2026-01-13T00:00:00Z".into()
            }
        );
        assert_eq!(err.exit_code(), 19);
    }
}

#[test]
fn crl_without_the_signer_reports_revocation_checked() {
    let w = world(KeyKind::Gost512);
    let other_key = TestKey::generate(KeyKind::Gost512);
    let other = w.pki.holder(
        &CertSpec::individual("OTHER", IIN, 555, days_before(30), days_after(365)),
        &other_key,
    );
    let sig = testkit::sign_cms(CONTENT, &w.cert, &w.key, &signing_spec());
    let list = testkit::crl(
        &w.pki.ca,
        &w.pki.ca_key,
        &[(&other, days_after(1))],
        days_after(15),
    );
    let crl = Crl::from_der(&list, "ca.crl").unwrap();
    let s = single(run(&sig, Content::None, &anchors(w), &[crl])).unwrap();
    assert!(s.revocation_checked);
    assert!(s.revocation.contains("not on the CRL"), "{}", s.revocation);
}

#[test]
fn crl_of_another_issuer_or_forged_crl_is_refused() {
    let w = world(KeyKind::Gost512);
    let sig = testkit::sign_cms(CONTENT, &w.cert, &w.key, &signing_spec());
    // The root's CRL does not cover a certificate the issuing CA issued.
    let root_crl = testkit::crl(&w.pki.root, &w.pki.root_key, &[], days_after(15));
    let crl = Crl::from_der(&root_crl, "root.crl").unwrap();
    let err = single(run(&sig, Content::None, &anchors(w), &[crl])).unwrap_err();
    assert_eq!(err.code(), "crl-not-applicable");
    // A CRL in the issuing CA's name, signed by another key.
    let forger = TestKey::generate(KeyKind::Gost512);
    let forged = testkit::crl(&w.pki.ca, &forger, &[], days_after(15));
    let crl = Crl::from_der(&forged, "forged.crl").unwrap();
    let err = single(run(&sig, Content::None, &anchors(w), &[crl])).unwrap_err();
    assert_eq!(err.code(), "crl-invalid");
}

#[test]
fn test_ca_names_classify_the_certificate_as_test() {
    let pki = Pki::new(KeyKind::Gost256, true);
    let key = TestKey::generate(KeyKind::Gost256);
    let signer = pki.holder(
        &CertSpec::individual("T", IIN, 7, days_before(30), days_after(365)),
        &key,
    );
    let sig = testkit::sign_cms(CONTENT, &signer, &key, &signing_spec());
    let s = single(run(
        &sig,
        Content::None,
        &[pki.root.clone(), pki.ca.clone()],
        &[],
    ))
    .unwrap();
    assert_eq!(s.issuing_ca, IssuingCa::NcaTestGost2015);
}

#[test]
fn truncated_and_random_inputs_are_malformed_not_panics() {
    let w = world(KeyKind::Gost512);
    let sig = testkit::sign_cms(CONTENT, &w.cert, &w.key, &signing_spec());
    for len in [0, 1, 2, 10, sig.len() / 2, sig.len() - 1] {
        let err = run(&sig[..len], Content::None, &anchors(w), &[]).unwrap_err();
        assert_eq!(err.code(), "malformed-container", "length {len}");
        assert_eq!(err.exit_code(), 10);
    }
    // A valid DER value that is not a ContentInfo.
    let err = run(&[0x04, 0x01, 0x00], Content::None, &anchors(w), &[]).unwrap_err();
    assert_eq!(err.code(), "malformed-container");
}

#[test]
fn stale_or_delta_crl_does_not_count_as_a_revocation_check() {
    let w = world(KeyKind::Gost512);
    let sig = testkit::sign_cms(CONTENT, &w.cert, &w.key, &signing_spec());
    // nextUpdate before the verifier's clock (days_after(20))
    let stale = testkit::crl_with(
        &w.pki.ca,
        &w.pki.ca_key,
        &[],
        days_after(1),
        Some(days_after(8)),
        false,
    );
    let crl = Crl::from_der(&stale, "stale.crl").unwrap();
    let err = single(run(&sig, Content::None, &anchors(w), &[crl])).unwrap_err();
    assert!(err.to_string().contains("stale"), "{err}");
    assert_eq!(err.code(), "crl-invalid");
    // A delta CRL alone is not a full revocation check.
    let delta = testkit::crl_with(&w.pki.ca, &w.pki.ca_key, &[], days_after(15), None, true);
    let crl = Crl::from_der(&delta, "delta.crl").unwrap();
    let err = single(run(&sig, Content::None, &anchors(w), &[crl])).unwrap_err();
    assert!(err.to_string().contains("delta"), "{err}");
    // A current full CRL next to a forged one: the genuine one counts.
    let forger = TestKey::generate(KeyKind::Gost512);
    let forged = Crl::from_der(
        &testkit::crl(&w.pki.ca, &forger, &[], days_after(15)),
        "forged.crl",
    )
    .unwrap();
    let fresh = testkit::crl_with(
        &w.pki.ca,
        &w.pki.ca_key,
        &[],
        days_after(15),
        Some(days_after(45)),
        false,
    );
    let fresh = Crl::from_der(&fresh, "fresh.crl").unwrap();
    let s = single(run(&sig, Content::None, &anchors(w), &[forged, fresh])).unwrap();
    assert!(s.revocation_checked);
    assert!(
        s.revocation.contains("fresh.crl") && !s.revocation.contains("forged.crl"),
        "{}",
        s.revocation
    );
}

#[test]
fn holder_certificate_in_the_ca_folder_cannot_issue_certificates() {
    // Given a holder certificate (not a CA) that was put into --ca, and a
    // certificate "issued" with that holder's key
    let w = world(KeyKind::Gost512);
    let minted_key = TestKey::generate(KeyKind::Gost512);
    let minted = testkit::issue(
        &CertSpec::individual(
            "MINTED",
            "760212350620",
            7,
            days_before(30),
            days_after(365),
        ),
        &minted_key,
        Some((&w.cert, &w.key)),
    );
    let sig = testkit::sign_cms(CONTENT, &minted, &minted_key, &signing_spec());
    // Then the chain is refused: the issuer is not a CA
    let err = single(run(&sig, Content::None, std::slice::from_ref(&w.cert), &[])).unwrap_err();
    assert_eq!(err.code(), "untrusted-chain");
    assert!(err.to_string().contains("not a CA"), "{err}");
}

#[test]
fn two_different_certificates_matching_the_signer_identifier_are_refused() {
    // Given a container that carries, besides the signer's certificate, a
    // look-alike with the same issuer and serial but another key
    let w = world(KeyKind::Gost512);
    let other_key = TestKey::generate(KeyKind::Gost512);
    let look_alike = testkit::issue(
        &CertSpec::individual(
            "LOOK ALIKE",
            "760212350620",
            100,
            days_before(30),
            days_after(365),
        ),
        &other_key,
        Some((&w.pki.ca, &w.pki.ca_key)),
    );
    let spec = CmsSpec {
        extra_certs: vec![look_alike],
        ..signing_spec()
    };
    let sig = testkit::sign_cms(CONTENT, &w.cert, &w.key, &spec);
    // Then the container is refused rather than one of them chosen
    let err = single(run(&sig, Content::None, &anchors(w), &[])).unwrap_err();
    assert_eq!(err.code(), "malformed-container");
    assert!(
        err.to_string().contains("match the signer identifier"),
        "{err}"
    );
}

#[test]
fn an_expired_ca_certificate_is_passed_over_for_a_valid_reissue_with_the_same_key() {
    // Given the issuing CA's key certified twice: once expired, once valid
    let w = world(KeyKind::Gost512);
    let expired = testkit::issue(
        &CertSpec::ca("Shart Issuing CA", 20, days_before(900), days_before(400)),
        &w.pki.ca_key,
        Some((&w.pki.root, &w.pki.root_key)),
    );
    let sig = testkit::sign_cms(CONTENT, &w.cert, &w.key, &signing_spec());
    // When both are trusted, the expired one first
    let anchors = [expired, w.pki.ca.clone()];
    // Then the valid one completes the chain
    let s = single(run(&sig, Content::None, &anchors, &[])).unwrap();
    assert_eq!(s.chain.len(), 2);
}

#[test]
fn signing_time_in_the_future_is_refused() {
    let w = world(KeyKind::Gost256);
    // The verifier's clock in `run` is days_after(20).
    let sig = testkit::sign_cms(
        CONTENT,
        &w.cert,
        &w.key,
        &CmsSpec {
            signing_time: Some(days_after(21)),
            ..CmsSpec::default()
        },
    );
    let err = single(run(&sig, Content::None, &anchors(w), &[])).unwrap_err();
    assert_eq!(err.code(), "attribute-invalid");
    assert!(err.to_string().contains("in the future"), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Mutated containers never panic, and a mutation that verifies must
    /// have left the signed bytes, the signature and the signer
    /// certificate's key intact (for instance it changed an unsigned
    /// certificate in the set, or the BER layout).
    #[test]
    fn mutated_containers_never_panic(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
        cut in any::<Option<prop::sample::Index>>(),
    ) {
        let w = world(KeyKind::Gost256);
        let mut sig = testkit::sign_cms(CONTENT, &w.cert, &w.key, &signing_spec());
        for (i, b) in &flips {
            let at = i.index(sig.len());
            sig[at] ^= b | 1;
        }
        if let Some(c) = cut {
            sig.truncate(c.index(sig.len()));
        }
        if let Ok(report) = run(&sig, Content::None, &anchors(w), &[]) {
            if let Some(Ok(s)) = report.signers.first() {
                // Whatever verified still names the genuine holder and content.
                prop_assert_eq!(s.iin.as_deref(), Some(IIN));
                prop_assert_eq!(report.content.as_deref(), Some(CONTENT));
            }
        }
    }

    #[test]
    fn random_bytes_never_verify(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let w = world(KeyKind::Gost256);
        prop_assert!(run(&bytes, Content::None, &anchors(w), &[]).is_err());
    }
}

// Real NCA test signatures (fixtures/nca/README.md).

const NCA_ATTACHED: &[u8] = include_bytes!("../fixtures/nca/ncanode_SIGNED_CMS.b64");
const NCA_DETACHED: &[u8] = include_bytes!("../fixtures/nca/ncanode_SIGNED_DETACHED_CMS.b64");
const NCA_CONTENT: &[u8] = include_bytes!("../fixtures/nca/content_test123.bin");
const NCA_CA: &[u8] = include_bytes!("../fixtures/nca/nca_gost2022_test_intermediate.der");
const NCA_GOKALKAN_CERT: &[u8] = include_bytes!("../fixtures/nca/gokalkan_gost2_cert.pem");

fn nca_ca() -> Vec<Cert> {
    vec![Cert::from_der(NCA_CA, "nca_gost2022_test_intermediate.der").unwrap()]
}

fn check_nca_report(report: &Report) {
    assert_eq!(report.signers.len(), 2);
    let gost = report.signers[0]
        .as_ref()
        .or(report.signers[1].as_ref())
        .expect("the GOST signer verifies");
    assert_eq!(gost.key_algorithm, KeyAlgorithm::Gost512);
    assert_eq!(gost.iin.as_deref(), Some("123456789012"));
    assert_eq!(gost.roles, vec![EdsRole::Individual]);
    assert_eq!(gost.holder_kind, HolderKind::Individual);
    assert_eq!(gost.issuing_ca, IssuingCa::NcaTestGost2015);
    assert!(gost
        .signing_time
        .as_deref()
        .unwrap()
        .starts_with("2022-09-27"));
    let failures: Vec<&VerifyError> = report
        .signers
        .iter()
        .filter_map(|s| s.as_ref().err())
        .collect();
    // The RSA signer's test certificate had expired eight months before
    // Kalkan made this signature: a correct verifier refuses it on time
    // (before it would look for the RSA CA, which is not in the fixtures).
    assert_eq!(failures.len(), 1);
    match failures[0] {
        VerifyError::CertificateNotValidAt { at, not_after, .. } => {
            assert!(at.starts_with("2022-09-27"), "{at}");
            assert_eq!(not_after, "2022-01-18T13:09:14Z");
        }
        other => panic!("expected the RSA certificate to be expired, got {other}"),
    }
}

#[test]
fn real_nca_attached_signature_verifies_the_gost_signer() {
    let report =
        run(NCA_ATTACHED, Content::None, &nca_ca(), &[]).expect("Kalkan's container parses");
    assert!(report.attached);
    assert_eq!(report.content.as_deref(), Some(NCA_CONTENT));
    check_nca_report(&report);
}

#[test]
fn real_nca_detached_signature_verifies_against_the_content() {
    let report = run(NCA_DETACHED, Content::Bytes(NCA_CONTENT), &nca_ca(), &[]).unwrap();
    assert!(!report.attached);
    check_nca_report(&report);
    // Other content: the GOST signer's digest no longer matches.
    let report = run(NCA_DETACHED, Content::Bytes(b"test124"), &nca_ca(), &[]).unwrap();
    assert!(report
        .signers
        .iter()
        .all(|s| matches!(s, Err(VerifyError::DigestMismatch { .. }))));
}

#[test]
fn real_nca_certificate_is_signed_by_the_test_ca() {
    let der = input::decode_certificates(NCA_GOKALKAN_CERT)
        .unwrap()
        .remove(0);
    let cert = Cert::from_der(&der, "gokalkan").unwrap();
    let ca = &nca_ca()[0];
    cert.check_signed_by(ca)
        .expect("NCA's signature on the certificate verifies");
    assert_eq!(cert.holder().unwrap().iin.as_deref(), Some("123456789011"));
    assert_eq!(cert.extended_key_usage().unwrap()[0], oid::EKU_SIGNING);
    // The same certificate does not verify under the holder's own key.
    assert!(cert.check_signed_by(&cert).is_err());
}

#[test]
fn time_parsing_accepts_dates_and_utc_times_only() {
    assert_eq!(certificate::parse_time("2026-01-01").unwrap(), testkit::T0);
    assert_eq!(
        certificate::parse_time("2026-01-01T00:00:10Z").unwrap(),
        testkit::T0 + Duration::from_secs(10)
    );
    for bad in [
        "2026-1-01",
        "2026-01-01T00:00:10",
        "2026-13-01",
        "yesterday",
        "",
        "2026-01-01T00:00:10+05:00",
    ] {
        assert!(certificate::parse_time(bad).is_err(), "{bad}");
    }
    assert_eq!(certificate::rfc3339(testkit::T0), "2026-01-01T00:00:00Z");
}

#[test]
fn ca_folder_loads_pem_and_der_and_refuses_junk() {
    let w = world(KeyKind::Gost512);
    let dir = tempdir();
    std::fs::write(dir.join("root.der"), &w.pki.root.der).unwrap();
    std::fs::write(
        dir.join("ca.pem"),
        input::to_pem("CERTIFICATE", &w.pki.ca.der),
    )
    .unwrap();
    let loaded = certificate::load_ca_dir(&dir).unwrap();
    assert_eq!(loaded.len(), 2);
    std::fs::write(dir.join("notes.txt"), "not a certificate").unwrap();
    assert_eq!(
        certificate::load_ca_dir(&dir).unwrap_err().code(),
        "malformed-certificate"
    );
    let empty = tempdir();
    assert!(certificate::load_ca_dir(&empty).is_err());
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn tempdir() -> std::path::PathBuf {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("shart-eds-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
