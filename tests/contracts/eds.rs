//! drink integration tests of the EDS gate: `eds_registry` and the
//! acceptance gate of `service_agreement`.
//!
//! Every refused acceptance carries its own registry error, reverts, emits
//! nothing and changes nothing (see `Flagship::assert_refused`). The access
//! matrix calls every registry message as every named account that must be
//! refused.
use drink::AccountId32;
use safeguards::{
    agreement::{Acceptance, AcceptanceAttestationInvalidated},
    eds::{
        AttestationId, DeaccreditationReason, EdsRole, Evidence, HolderKind, IssuingCa,
        KeyAlgorithm, RevocationReason,
    },
    AgreementError, EdsError, RolesError,
};
use service_agreement::Error;
use shart::{
    eds::{
        attest::attestation,
        testkit::{self, days_after, days_before, CertSpec, CmsSpec, KeyKind, Pki, TestKey},
        verify::{self, Content, Options},
    },
    events::ShartEvent,
    fixtures::{
        self, client_evidence, contractor_evidence, doc, sha256, DAY, MASTER_AGREEMENT, T0,
    },
    flagship::{deploy, deploy_with, Attest, Flagship},
    runtime::{ink_account, Encoded},
    statement::{ChainId, Statement},
};

fn terms() -> ([u8; 32], u32) {
    (sha256(MASTER_AGREEMENT.as_bytes()), 1)
}

/// [`terms`] with the configuration digest `f` was deployed with: the
/// arguments of an acceptance of version 1.
fn acceptance(f: &Flagship) -> ([u8; 32], u32, [u8; 32]) {
    let (hash, version) = terms();
    (hash, version, f.config_digest)
}

fn unattested() -> Flagship {
    deploy_with(Attest::Nobody, fixtures::config).unwrap()
}

/// `who` accepting version 1 is refused with `expected`, reverting with no
/// event and no visible change.
fn refuse_accept(f: &mut Flagship, who: &AccountId32, expected: Error) {
    let args = acceptance(f);
    f.assert_refused(who, "accept_agreement", args, 0, expected);
}

fn eds(e: EdsError) -> Error {
    Error::Eds(e)
}

fn registry_error(e: EdsError) -> eds_registry::Error {
    eds_registry::Error::Eds(e)
}

// ----- the gate ---------------------------------------------------------

#[test]
fn attested_parties_accept_and_each_acceptance_records_its_attestation() {
    // given: both parties attested (ids 1 and 2)
    let mut f = deploy().unwrap();
    // when
    f.make_effective();
    // then
    let acceptances: Vec<Acceptance> = f.read("acceptances", ());
    let ids: Vec<_> = acceptances.iter().map(|a| a.attestation).collect();
    assert_eq!(ids, vec![1, 2]);
    assert!(acceptances.iter().all(|a| a.invalidated.is_none()));
}

#[test]
fn evidence_from_a_verified_eds_signature_opens_the_gate() {
    // given: an unattested agreement, and the contractor's binding statement
    // signed with an EDS (a GOST 512-bit key of a test-kit PKI) and checked
    // by the off-chain verifier
    let mut f = unattested();
    let a = f.accounts.clone();
    let pki = Pki::new(KeyKind::Gost512, false);
    let key = TestKey::generate(KeyKind::Gost512);
    let cert = pki.holder(
        &CertSpec::individual(
            "CONTRACTOR",
            "871008401427",
            1,
            days_before(30),
            days_after(365),
        ),
        &key,
    );
    let account: [u8; 32] = *a.contractor.as_ref();
    let registry: [u8; 32] = *f.registry.address.as_ref();
    let statement = Statement::new(
        account,
        terms().0,
        ChainId::parse("drink-local").unwrap(),
        registry,
        [7; 32],
    )
    .unwrap();
    let bytes = statement.to_bytes();
    let spec = CmsSpec {
        detached: true,
        signing_time: Some(days_before(1)),
        ..CmsSpec::default()
    };
    let signature = testkit::sign_cms(&bytes, &cert, &key, &spec);
    let anchors = [pki.ca.clone()];
    let opts = Options {
        anchors: &anchors,
        crls: &[],
        at: None,
        now: testkit::T0,
    };
    let report = verify::verify(&signature, Content::Bytes(&bytes), &opts).unwrap();
    let evidence = attestation(&report, &bytes, [3; 32]).unwrap().evidence;
    // when: the verifier submits the evidence exactly as `shart eds attest` made it
    let id = f.attest(evidence);
    // then: the contractor's acceptance passes the gate on that attestation
    let args = acceptance(&f);
    f.must(&a.contractor, "accept_agreement", args, 0);
    let acceptances: Vec<Acceptance> = f.read("acceptances", ());
    assert_eq!(acceptances.len(), 1);
    assert_eq!(acceptances[0].attestation, id);
    assert_eq!(evidence.account, ink_account(&a.contractor));
    assert_eq!(evidence.statement_hash, statement.sha256());
}

#[test]
fn accept_without_attestation_fails_with_no_attestation() {
    let mut f = unattested();
    let a = f.accounts.clone();
    refuse_accept(
        &mut f,
        &a.client,
        eds(EdsError::NoAttestation {
            account: ink_account(&a.client),
        }),
    );
}

#[test]
fn accept_by_a_stranger_fails_with_not_a_party_before_asking_the_registry() {
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    refuse_accept(
        &mut f,
        &a.stranger,
        Error::Agreement(AgreementError::NotAParty {
            caller: ink_account(&a.stranger),
        }),
    );
}

#[test]
fn accept_after_the_certificate_expired_fails_with_expired() {
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    let until = client_evidence(&a).valid_until;
    f.chain.advance_to(until + 1);
    refuse_accept(
        &mut f,
        &a.client,
        eds(EdsError::Expired {
            id: 1,
            valid_until: until,
        }),
    );
}

#[test]
fn accept_on_a_revoked_attestation_fails_with_revoked() {
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    f.registry_must::<_, ()>(
        &a.verifier,
        "revoke",
        (1u64, RevocationReason::CertificateRevoked),
    );
    refuse_accept(
        &mut f,
        &a.client,
        eds(EdsError::Revoked {
            id: 1,
            reason: RevocationReason::CertificateRevoked,
        }),
    );
}

#[test]
fn accept_with_the_wrong_holder_kind_fails_with_wrong_holder_kind() {
    // given: the client (who must be a legal entity's signatory) is attested
    // as an individual
    let mut f = unattested();
    let a = f.accounts.clone();
    let id = f.attest(fixtures::evidence(&a.client, "client", EdsRole::Individual));
    refuse_accept(
        &mut f,
        &a.client,
        eds(EdsError::WrongHolderKind {
            id,
            required: HolderKind::LegalEntity,
            actual: HolderKind::Individual,
        }),
    );
}

#[test]
fn accept_with_a_role_that_cannot_sign_fails_with_wrong_role() {
    let mut f = unattested();
    let a = f.accounts.clone();
    let id = f.attest(fixtures::evidence(&a.client, "client", EdsRole::Employee));
    refuse_accept(
        &mut f,
        &a.client,
        eds(EdsError::WrongRole {
            id,
            actual: EdsRole::Employee,
        }),
    );
}

#[test]
fn accept_on_a_test_ca_certificate_fails_when_the_agreement_refuses_test_cas() {
    let mut f = unattested();
    let a = f.accounts.clone();
    let id = f.attest(Evidence {
        ca: IssuingCa::NcaTestGost2015,
        ..contractor_evidence(&a)
    });
    refuse_accept(
        &mut f,
        &a.contractor,
        eds(EdsError::TestCaNotAccepted { id }),
    );
}

#[test]
fn verifier_de_accredited_before_attesting_cannot_attest_so_acceptance_fails() {
    // given: the verifier retires before it attests anybody
    let mut f = unattested();
    let a = f.accounts.clone();
    f.registry_must::<_, ()>(
        &a.admin,
        "deaccredit_verifier",
        (ink_account(&a.verifier), DeaccreditationReason::Retired),
    );
    // when / then: its attestation is refused, and so is the acceptance
    f.assert_registry_refused(
        &a.verifier,
        "attest",
        client_evidence(&a),
        registry_error(EdsError::NotAccredited {
            account: ink_account(&a.verifier),
        }),
    );
    refuse_accept(
        &mut f,
        &a.client,
        eds(EdsError::NoAttestation {
            account: ink_account(&a.client),
        }),
    );
}

#[test]
fn attestation_by_a_non_verifier_is_refused_so_acceptance_fails() {
    let mut f = unattested();
    let a = f.accounts.clone();
    for who in [&a.admin, &a.stranger, &a.arbitrator] {
        f.assert_registry_refused(
            who,
            "attest",
            client_evidence(&a),
            registry_error(EdsError::NotAccredited {
                account: ink_account(who),
            }),
        );
    }
    refuse_accept(
        &mut f,
        &a.client,
        eds(EdsError::NoAttestation {
            account: ink_account(&a.client),
        }),
    );
}

#[test]
fn attestations_of_a_retired_verifier_survive_de_accreditation() {
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    f.registry_must::<_, ()>(
        &a.admin,
        "deaccredit_verifier",
        (ink_account(&a.verifier), DeaccreditationReason::Retired),
    );
    f.make_effective();
}

#[test]
fn a_retired_verifier_found_compromised_later_voids_its_attestations() {
    // given: the verifier that attested the parties retired
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    f.registry_must::<_, ()>(
        &a.admin,
        "deaccredit_verifier",
        (ink_account(&a.verifier), DeaccreditationReason::Retired),
    );
    // when: its key turns out to have been compromised
    f.registry_must::<_, ()>(
        &a.admin,
        "deaccredit_verifier",
        (ink_account(&a.verifier), DeaccreditationReason::Compromised),
    );
    // then: what it attested before retiring no longer counts
    refuse_accept(
        &mut f,
        &a.client,
        eds(EdsError::AttestedByCompromisedVerifier {
            id: 1,
            verifier: ink_account(&a.verifier),
        }),
    );
}

#[test]
fn attestations_of_a_compromised_verifier_stop_counting() {
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    f.registry_must::<_, ()>(
        &a.admin,
        "deaccredit_verifier",
        (ink_account(&a.verifier), DeaccreditationReason::Compromised),
    );
    refuse_accept(
        &mut f,
        &a.client,
        eds(EdsError::AttestedByCompromisedVerifier {
            id: 1,
            verifier: ink_account(&a.verifier),
        }),
    );
}

#[test]
fn accept_against_an_address_that_is_no_registry_fails_with_registry_unavailable() {
    let mut f = deploy_with(Attest::Parties, |a, _| {
        fixtures::config(a, ink_account(&a.stranger))
    })
    .unwrap();
    let a = f.accounts.clone();
    refuse_accept(&mut f, &a.client, Error::RegistryUnavailable);
}

// ----- revocation after acceptance ----------------------------------------

#[test]
fn revocation_after_acceptance_keeps_it_and_anyone_can_tell_the_parties() {
    // given: effective, then NCA revokes the contractor's certificate
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    f.make_effective();
    f.chain.advance_to(T0 + 10 * DAY);
    f.registry_must::<_, ()>(
        &a.verifier,
        "revoke",
        (2u64, RevocationReason::CertificateRevoked),
    );
    // when: a stranger reports it
    let out = f.call(
        &a.stranger,
        "note_invalidated_attestation",
        (ink_account(&a.contractor), 2u64),
        0,
    );
    // then: the event names the party, and the acceptance stays, marked
    assert_eq!(out.value, Ok(Ok(())));
    assert_eq!(
        out.events(),
        vec![ShartEvent::AcceptanceAttestationInvalidated(
            AcceptanceAttestationInvalidated {
                party: ink_account(&a.contractor),
                attestation: 2,
                reason: RevocationReason::CertificateRevoked,
                versions: vec![1],
                at: T0 + 10 * DAY,
            }
        )]
    );
    let acceptances: Vec<Acceptance> = f.read("acceptances", ());
    assert_eq!(acceptances.len(), 2);
    assert_eq!(
        acceptances[1].invalidated,
        Some(RevocationReason::CertificateRevoked)
    );
    assert!(f
        .read::<_, Option<safeguards::agreement::Terms>>("effective_terms", ())
        .is_some());
    // and the escrow still works for the agreement in force
    let total: u128 = fixtures::MILESTONES.iter().sum();
    f.must(&a.client, "fund", (), total);
    // a second report is refused
    f.assert_refused(
        &a.stranger,
        "note_invalidated_attestation",
        (ink_account(&a.contractor), 2u64),
        0,
        Error::Agreement(AgreementError::InvalidationAlreadyNoted {
            party: ink_account(&a.contractor),
        }),
    );
}

#[test]
fn note_invalidated_for_a_valid_attestation_fails_with_still_valid() {
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    f.make_effective();
    f.assert_refused(
        &a.stranger,
        "note_invalidated_attestation",
        (ink_account(&a.client), 1u64),
        0,
        Error::AttestationStillValid { attestation: 1 },
    );
}

#[test]
fn note_invalidated_for_an_attestation_the_party_did_not_use_fails() {
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    f.make_effective();
    f.registry_must::<_, ()>(&a.admin, "revoke", (2u64, RevocationReason::Error));
    f.assert_refused(
        &a.stranger,
        "note_invalidated_attestation",
        (ink_account(&a.client), 2u64),
        0,
        Error::Agreement(AgreementError::UnknownAcceptanceAttestation {
            party: ink_account(&a.client),
            attestation: 2,
        }),
    );
}

#[test]
fn amendment_acceptance_needs_a_valid_attestation_again() {
    // given: effective; the client's attestation is revoked; v2 proposed
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    f.make_effective();
    f.registry_must::<_, ()>(&a.verifier, "revoke", (1u64, RevocationReason::Superseded));
    let v2 = (doc("amended agreement"), 2u32);
    f.must(&a.contractor, "propose_amendment", v2, 0);
    let v2 = (v2.0, v2.1, f.config_digest);
    // when / then: refused until re-attested, then accepted on the new record
    f.assert_refused(
        &a.client,
        "accept_agreement",
        v2,
        0,
        eds(EdsError::Revoked {
            id: 1,
            reason: RevocationReason::Superseded,
        }),
    );
    let new_id = f.attest(Evidence {
        statement_hash: doc("second binding statement of the client"),
        ..client_evidence(&a)
    });
    assert_eq!(new_id, 3);
    f.must(&a.client, "accept_agreement", v2, 0);
    let acceptances: Vec<Acceptance> = f.read("acceptances", ());
    assert_eq!(acceptances.last().map(|x| x.attestation), Some(3));
}

// ----- registry records -------------------------------------------------

#[test]
fn registry_keeps_every_record_and_refuses_a_reused_statement() {
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    let attestation: Option<safeguards::eds::Attestation> =
        f.registry_read("EdsRegistry::attestation", 1u64);
    let attestation = attestation.expect("attestation 1");
    assert_eq!(attestation.evidence, client_evidence(&a));
    assert_eq!(attestation.verifier, ink_account(&a.verifier));
    assert_eq!(attestation.attested_at, T0);
    // the client's statement cannot back the stranger
    f.assert_registry_refused(
        &a.verifier,
        "attest",
        Evidence {
            account: ink_account(&a.stranger),
            ..client_evidence(&a)
        },
        registry_error(EdsError::StatementAlreadyUsed { id: 1 }),
    );
    // a verifier cannot attest itself
    f.assert_registry_refused(
        &a.verifier,
        "attest",
        Evidence {
            account: ink_account(&a.verifier),
            statement_hash: doc("self"),
            ..client_evidence(&a)
        },
        registry_error(EdsError::SelfAttestation),
    );
    // an RSA key under the GOST CA is inconsistent
    f.assert_registry_refused(
        &a.verifier,
        "attest",
        Evidence {
            algorithm: KeyAlgorithm::Rsa,
            statement_hash: doc("rsa"),
            ..contractor_evidence(&a)
        },
        registry_error(EdsError::AlgorithmDoesNotMatchCa),
    );
    let found: Option<AttestationId> =
        f.registry_read("statement_use", client_evidence(&a).statement_hash);
    assert_eq!(found, Some(1));
}

// ----- registry access matrix ---------------------------------------------

/// Calls registry `message` as every named account outside `allowed` and
/// expects `refusal(caller)`; then as `allowed[0]` and expects success.
fn registry_matrix(
    f: &mut Flagship,
    message: &str,
    args: Encoded,
    allowed: &[AccountId32],
    refusal: impl Fn(ink::primitives::AccountId) -> eds_registry::Error,
) {
    let mut refused = 0;
    for (account, _) in f.accounts.names() {
        if allowed.contains(&account) {
            continue;
        }
        f.assert_registry_refused(
            &account,
            message,
            args.clone(),
            refusal(ink_account(&account)),
        );
        refused += 1;
    }
    assert!(refused >= 3, "{message}: only {refused} refused callers");
    // `()` also decodes the prefix of an `Ok(id)`: only success matters here.
    let out = f.registry_call::<_, ()>(&allowed[0], message, args);
    assert!(
        matches!(out.value, Ok(Ok(()))) && !out.reverted,
        "{message} by an allowed caller: {:?}",
        out.value
    );
}

fn not_admin(caller: ink::primitives::AccountId) -> eds_registry::Error {
    eds_registry::Error::Roles(RolesError::Unauthorized {
        caller,
        required: safeguards::roles::Role::Admin,
    })
}

#[test]
fn accredit_and_deaccredit_are_refused_to_everyone_but_admin() {
    let mut f = unattested();
    let a = f.accounts.clone();
    registry_matrix(
        &mut f,
        "accredit_verifier",
        Encoded::of(ink_account(&a.arbitrator)),
        std::slice::from_ref(&a.admin),
        not_admin,
    );
    registry_matrix(
        &mut f,
        "deaccredit_verifier",
        Encoded::of((ink_account(&a.verifier), DeaccreditationReason::Retired)),
        std::slice::from_ref(&a.admin),
        not_admin,
    );
}

#[test]
fn propose_admin_is_refused_to_everyone_but_admin_and_handover_takes_two_steps() {
    let mut f = unattested();
    let a = f.accounts.clone();
    f.assert_registry_refused(
        &a.stranger,
        "accept_admin",
        (),
        eds_registry::Error::Roles(RolesError::NoPendingAdmin),
    );
    registry_matrix(
        &mut f,
        "propose_admin",
        Encoded::of(ink_account(&a.guardian)),
        std::slice::from_ref(&a.admin),
        not_admin,
    );
    f.assert_registry_refused(
        &a.stranger,
        "accept_admin",
        (),
        eds_registry::Error::Roles(RolesError::NotPendingAdmin {
            caller: ink_account(&a.stranger),
        }),
    );
    f.registry_must::<_, ()>(&a.guardian, "accept_admin", ());
    let admin: ink::primitives::AccountId = f.registry_read("admin", ());
    assert_eq!(admin, ink_account(&a.guardian));
}

#[test]
fn attest_is_refused_to_everyone_but_an_accredited_verifier() {
    let mut f = unattested();
    let a = f.accounts.clone();
    registry_matrix(
        &mut f,
        "attest",
        Encoded::of(contractor_evidence(&a)),
        std::slice::from_ref(&a.verifier),
        |caller| registry_error(EdsError::NotAccredited { account: caller }),
    );
}

#[test]
fn revoke_is_refused_to_everyone_but_the_attesting_verifier_and_admin() {
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    registry_matrix(
        &mut f,
        "revoke",
        Encoded::of((1u64, RevocationReason::KeyCompromise)),
        &[a.verifier.clone(), a.admin.clone()],
        |caller| registry_error(EdsError::NotRevoker { caller }),
    );
    // the admin revokes another one
    f.registry_must::<_, ()>(&a.admin, "revoke", (2u64, RevocationReason::Error));
    f.assert_registry_refused(
        &a.admin,
        "revoke",
        (2u64, RevocationReason::Error),
        registry_error(EdsError::AlreadyRevoked { id: 2 }),
    );
}
