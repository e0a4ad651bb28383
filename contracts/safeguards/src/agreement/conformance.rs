//! The conformance suite of the agreement anchor, over a template's
//! [`KitHarness`](crate::kit::conformance::KitHarness):
//!
//! ```ignore
//! safeguards::agreement_conformance!(MyHarness); // or conformance!(MyHarness)
//! ```
//!
//! It checks that only a party accepts, only the exact terms and the exact
//! configuration that runs (its digest), once per version; that the
//! agreement is effective only when every party has accepted; that an
//! amendment governs only after every party accepts it again; and that
//! termination closes acceptances and amendments. The registry gate runs in
//! the template's shell (drink tests cover it); here the attestation is
//! given. Each generated test is named action, condition, outcome.

/// Mounts the agreement conformance suite on harness `$h` (a
/// [`KitHarness`](crate::kit::conformance::KitHarness)) as the test module
/// `agreement_conformance`.
#[macro_export]
macro_rules! agreement_conformance {
    ($h:ty) => {
        #[cfg(test)]
        #[allow(clippy::arithmetic_side_effects)]
        mod agreement_conformance {
            #[allow(unused_imports)]
            use super::*;
            use $crate::{
                agreement::{AgreementAccepted, AgreementEffective, AgreementEvent, Terms},
                kit::conformance::{all_but, err, refused, KitHarness, HASH},
                AgreementError, KillSwitchError, SafeguardEvent,
            };

            type H = $h;

            /// The attestation a test acceptance quotes.
            const ATTESTATION: u64 = 1;

            /// An unaccepted core, its cast and time, the terms waiting for
            /// acceptance and the configuration digest.
            fn unaccepted() -> (
                H,
                $crate::kit::conformance::Cast,
                $crate::types::Timestamp,
                Terms,
                $crate::types::Hash32,
            ) {
                let h = H::unaccepted();
                let (c, now, terms) = (h.cast(), h.now(), pending(&h));
                let digest = h.safeguards().config_digest();
                (h, c, now, terms, digest)
            }

            fn pending(h: &H) -> Terms {
                h.safeguards()
                    .agreement()
                    .pending()
                    .expect("terms wait for acceptance")
            }

            #[test]
            fn accept_by_anyone_but_a_party_fails_with_not_a_party_and_changes_nothing() {
                let (mut h, c, now, terms, digest) = unaccepted();
                for caller in all_but(&c, &c.parties) {
                    refused(
                        &mut h,
                        |s| s.accept_agreement(caller, terms, digest, now, ATTESTATION),
                        err::<H>(AgreementError::NotAParty { caller }),
                    );
                }
            }

            #[test]
            fn accept_quoting_another_configuration_fails_with_config_mismatch() {
                let (mut h, c, now, terms, expected) = unaccepted();
                let given = [0xc0; 32];
                assert_ne!(expected, given);
                refused(
                    &mut h,
                    |s| s.accept_agreement(c.parties[0], terms, given, now, ATTESTATION),
                    err::<H>(AgreementError::ConfigMismatch { expected, given }),
                );
            }

            #[test]
            fn accept_of_other_terms_fails_with_terms_mismatch() {
                let (mut h, c, now, terms, digest) = unaccepted();
                let other_hash = Terms {
                    hash: [0xee; 32],
                    ..terms
                };
                let other_version = Terms {
                    version: terms.version + 1,
                    ..terms
                };
                for other in [other_hash, other_version] {
                    refused(
                        &mut h,
                        |s| s.accept_agreement(c.parties[0], other, digest, now, ATTESTATION),
                        err::<H>(AgreementError::TermsMismatch {
                            expected_version: terms.version,
                            given_version: other.version,
                        }),
                    );
                }
            }

            #[test]
            fn the_agreement_is_effective_only_when_every_party_has_accepted() {
                let (mut h, c, now, terms, digest) = unaccepted();
                let (last, first) = c.parties.split_last().unwrap();
                for party in first {
                    let events = h
                        .safeguarded(|s| {
                            s.accept_agreement(*party, terms, digest, now, ATTESTATION)
                        })
                        .unwrap()
                        .events;
                    assert_eq!(events.len(), 1, "{events:?}");
                    assert_eq!(
                        h.safeguards().ensure_effective(),
                        Err($crate::SafeguardError::from(AgreementError::NotEffective))
                    );
                }
                let events = h
                    .safeguarded(|s| s.accept_agreement(*last, terms, digest, now, ATTESTATION))
                    .unwrap()
                    .events;
                assert_eq!(
                    events,
                    ink::prelude::vec![
                        SafeguardEvent::Agreement(AgreementEvent::Accepted(AgreementAccepted {
                            party: *last,
                            hash: terms.hash,
                            version: terms.version,
                            at: now,
                            attestation: ATTESTATION,
                        })),
                        SafeguardEvent::Agreement(AgreementEvent::Effective(AgreementEffective {
                            hash: terms.hash,
                            version: terms.version,
                            at: now,
                        })),
                    ]
                );
                assert_eq!(h.safeguards().ensure_effective(), Ok(terms));
            }

            #[test]
            fn accept_twice_fails_with_already_accepted() {
                let (mut h, c, now, terms, digest) = unaccepted();
                let party = c.parties[0];
                h.safeguarded(|s| s.accept_agreement(party, terms, digest, now, ATTESTATION))
                    .unwrap();
                refused(
                    &mut h,
                    |s| s.accept_agreement(party, terms, digest, now, ATTESTATION),
                    err::<H>(AgreementError::AlreadyAccepted { party }),
                );
            }

            #[test]
            fn an_amendment_governs_only_after_every_party_accepts_it() {
                // given: effective, then a party proposes version + 1
                let mut h = H::funded();
                let (c, now) = (h.cast(), h.now());
                let digest = h.safeguards().config_digest();
                let current = h.safeguards().ensure_effective().unwrap();
                let amended = Terms {
                    hash: HASH,
                    version: current.version + 1,
                };
                for caller in all_but(&c, &c.parties) {
                    refused(
                        &mut h,
                        |s| s.propose_amendment(caller, amended, now),
                        err::<H>(AgreementError::NotAParty { caller }),
                    );
                }
                h.safeguarded(|s| s.propose_amendment(c.parties[0], amended, now))
                    .unwrap();
                // then: the current version governs until the last acceptance
                for party in &c.parties {
                    assert_eq!(h.safeguards().ensure_effective(), Ok(current));
                    h.safeguarded(|s| {
                        s.accept_agreement(*party, amended, digest, now, ATTESTATION)
                    })
                    .unwrap();
                }
                assert_eq!(h.safeguards().ensure_effective(), Ok(amended));
            }

            #[test]
            fn after_termination_acceptances_and_amendments_fail_with_terminated() {
                let mut h = H::funded();
                let (c, now) = (h.cast(), h.now());
                let digest = h.safeguards().config_digest();
                let current = h.safeguards().ensure_effective().unwrap();
                let amended = Terms {
                    hash: HASH,
                    version: current.version + 1,
                };
                h.safeguarded(|s| s.propose_amendment(c.parties[0], amended, now))
                    .unwrap();
                h.safeguarded(|s| s.pause(c.guardian, HASH, now)).unwrap();
                h.terminate(c.admin, now).unwrap();
                let terminated = err::<H>(KillSwitchError::Terminated);
                refused(
                    &mut h,
                    |s| s.accept_agreement(c.parties[0], amended, digest, now, ATTESTATION),
                    terminated.clone(),
                );
                refused(
                    &mut h,
                    |s| {
                        s.propose_amendment(
                            c.parties[0],
                            Terms {
                                hash: HASH,
                                version: amended.version + 1,
                            },
                            now,
                        )
                    },
                    terminated,
                );
            }
        }
    };
}
