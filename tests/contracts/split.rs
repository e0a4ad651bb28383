//! drink tests of the templates' hot/cold split
//! (`safeguards::kit::split`): each contract forwards to exactly the code
//! its configuration names, under the same selectors; that code cannot
//! be a contract of its own, cannot be removed while the contract lives,
//! and must be on chain before the contract can be instantiated. The
//! bundle-level checks run on both templates; the chain-level ones on
//! `service_agreement`, and the announcement, the lock and `config()` on
//! `programmable_payment` too (the mechanism is `split`'s, the same in
//! both).
use safeguards::AgreementError;
use scale::Decode;
use service_agreement::Error;
use shart::{
    fixtures,
    flagship::deploy,
    runtime::{CallError, Chain},
};

/// The split templates.
const SPLIT: [&str; 2] = ["service_agreement", "programmable_payment"];

#[test]
fn the_cold_code_serves_every_forwarded_entry_under_the_same_selector() {
    for name in SPLIT {
        cold_code_serves_every_forwarded_entry(name);
    }
}

fn cold_code_serves_every_forwarded_entry(name: &str) {
    // given: both bundles
    let hot = shart::bundle::bundle(name).unwrap();
    let cold = hot.cold.as_deref().expect("the template is split");
    // then: every message of the cold code but `init` is a message of the
    // contract under the same selector (the contract forwards it), and
    // the contract's constructor takes `init`'s selector
    for (message, selector) in cold.messages.iter().filter(|(m, _)| *m != "init") {
        assert_eq!(
            hot.messages.get(message),
            Some(selector),
            "{name}: `{message}`"
        );
    }
    assert_eq!(
        hot.constructors.get("new"),
        cold.messages.get("init"),
        "{name}"
    );
    // and the kit's two entries are among them
    for message in ["safeguard", "safeguard_query", "config"] {
        assert!(cold.messages.contains_key(message), "{name}: `{message}`");
    }
}

#[test]
fn the_cold_code_alone_cannot_be_instantiated() {
    let service = refused_instantiation("service_agreement");
    let decoded = <Result<Result<(), Error>, ink::LangError>>::decode(&mut &service[..]).unwrap();
    assert_eq!(decoded, Ok(Err(Error::ColdCodeNotInstantiable)));
    let payment = refused_instantiation("programmable_payment");
    let decoded = <Result<Result<(), programmable_payment::Error>, ink::LangError>>::decode(
        &mut &payment[..],
    )
    .unwrap();
    assert_eq!(
        decoded,
        Ok(Err(programmable_payment::Error::ColdCodeNotInstantiable))
    );
}

/// Instantiates `name`'s cold code as a contract of its own; returns the
/// bytes of the refusal.
fn refused_instantiation(name: &str) -> Vec<u8> {
    // given: the cold code's bundle
    let hot = shart::bundle::bundle(name).unwrap();
    let cold = hot.cold.as_deref().unwrap().clone();
    let a = fixtures::Accounts::new();
    let mut chain = Chain::new();
    // when: someone instantiates it as a contract of its own
    let out = chain.deploy(&cold, &a.admin, "refuse", (), 0, &[]);
    // then
    assert!(out.reverted, "{name}: {:?}", out.value);
    assert!(out.events.is_empty(), "{name}: {:?}", out.events());
    let Err(CallError::Reverted(data)) = out.value else {
        panic!("{name}: expected a revert, got {:?}", out.value);
    };
    data
}

#[test]
fn instantiation_naming_code_the_chain_lacks_fails_and_emits_nothing() {
    // given: a configuration naming code nobody uploaded, and a bundle
    // without its cold code, so the runtime uploads nothing first
    let mut hot = shart::bundle::bundle("service_agreement").unwrap();
    hot.cold = None;
    let a = fixtures::Accounts::new();
    let mut chain = Chain::new();
    let config = service_agreement::escrow::Config {
        cold_code: [0x7e; 32],
        ..fixtures::config(&a, ink::primitives::AccountId::from([9; 32]))
    };
    // when
    let out = chain.deploy(&hot, &a.admin, "new", config, 0, &[]);
    // then: the instantiation fails (the lock, or else the delegate call,
    // finds no code); nothing exists
    assert!(out.reverted, "{:?}", out.value);
    assert!(
        matches!(out.value, Err(CallError::Dispatch(_))),
        "{:?}",
        out.value
    );
    assert!(out.events.is_empty(), "{:?}", out.events());
}

#[test]
fn the_contract_s_own_code_announces_its_cold_code_before_any_cold_code_runs() {
    // given / when: a deployed agreement
    let f = deploy().unwrap();
    // then: the instantiation's first event is the contract's own
    // `ColdCodeLinked`, naming the code its configuration names: the
    // evidence a party checks against the published cold bundle, since
    // every later read is answered by the cold code itself
    let first = f
        .deployment
        .events
        .first()
        .expect("the instantiation emits events");
    assert_eq!(first.contract, f.contract.address);
    assert_eq!(
        first.event,
        shart::events::ShartEvent::ColdCodeLinked(safeguards::kit::split::ColdCodeLinked {
            cold_code: fixtures::cold_code(),
        })
    );
    assert_eq!(first.topics.get(1), Some(&fixtures::cold_code()));
}

#[test]
fn the_cold_code_cannot_be_removed_while_the_contract_lives() {
    // given: a deployed agreement; the admin uploaded its cold code
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    let cold = fixtures::cold_code();
    // when: the uploader asks the chain to remove it
    let removed = f.chain.remove_code(&a.admin, cold);
    // then: the constructor's dependency lock keeps it
    let err = removed.expect_err("the cold code should stay");
    assert!(err.contains("CodeInUse"), "{err}");
    // and a forwarded message still runs
    f.must(&a.guardian, "pause", fixtures::doc("still here"), 0);
    // and code nothing depends on can be removed (the check is real)
    let double = shart::bundle::bundle("hostile_registry").unwrap();
    let hash = f.chain.upload(&double, &a.admin).unwrap();
    f.chain.remove_code(&a.admin, hash).unwrap();
}

#[test]
fn the_configuration_names_the_cold_code_and_every_acceptance_quotes_it() {
    // given: a deployed agreement
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    // then: `config()` (answered by the cold code) names the code it runs
    let config: service_agreement::escrow::Config = f.read("config", ());
    assert_eq!(config.cold_code, fixtures::cold_code());
    assert_eq!(fixtures::config_digest(&config), f.config_digest);
    // when: a party accepts the same terms with another cold code
    let other = service_agreement::escrow::Config {
        cold_code: [1; 32],
        ..config
    };
    let terms = (
        fixtures::sha256(fixtures::MASTER_AGREEMENT.as_bytes()),
        1u32,
        fixtures::config_digest(&other),
    );
    // then: refused, since it would accept code other than what runs
    f.assert_refused(
        &a.client,
        "accept_agreement",
        terms,
        0,
        Error::Agreement(AgreementError::ConfigMismatch {
            expected: f.config_digest,
            given: fixtures::config_digest(&other),
        }),
    );
}

#[test]
fn a_malformed_safeguard_call_is_refused_and_changes_nothing() {
    // given: a deployed agreement
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    let contract = f.contract.clone();
    // when: `safeguard` is sent bytes no `SafeguardCall` decodes from,
    // refused by the hot decoder (no byte, a truncated execution) or by
    // the cold code's (an unknown index, a truncated forwarded call)
    for (what, bytes) in [
        ("no argument", vec![]),
        ("a truncated execution", vec![13u8, 1]),
        ("an unknown index", vec![19u8]),
        ("a truncated forwarded call", vec![0u8, 1, 2]),
    ] {
        f.chain.clear_events();
        let root = f.chain.state_root();
        let out = f.chain.call::<_, Result<(), Error>>(
            &contract,
            &a.admin,
            "safeguard",
            shart::runtime::Encoded(bytes),
            0,
        );
        // then: ink!'s refusal of the input, as before the split; nothing
        // emitted, nothing changed
        assert_eq!(
            out.value,
            Err(CallError::Lang(ink::LangError::CouldNotReadInput)),
            "{what}"
        );
        assert!(out.events.is_empty(), "{what}: {:?}", out.events());
        assert_eq!(f.chain.state_root(), root, "{what}");
    }
}

#[test]
fn value_sent_with_a_forwarded_call_is_refused_and_stays_with_the_sender() {
    // given: a deployed agreement
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    let guardian = f.chain.balance(&a.guardian);
    f.chain.clear_events();
    let root = f.chain.state_root();
    // when: the guardian pauses and sends value with the call
    let out = f.call(&a.guardian, "pause", fixtures::doc("paid"), 1_000);
    // then: the contract's code refuses the value before it forwards
    assert!(out.reverted, "{:?}", out.value);
    assert!(out.events.is_empty(), "{:?}", out.events());
    assert_eq!(f.chain.state_root(), root);
    assert!(
        f.chain.balance(&a.guardian) >= guardian.saturating_sub(1_000)
            && f.chain.balance(&a.guardian) <= guardian
    );
}

#[test]
fn a_refused_configuration_fails_whole_and_leaves_the_cold_code_unlocked() {
    // given: the cold code on chain, uploaded by the admin, and a
    // configuration the cold code's `init` refuses (no milestones)
    let hot = shart::bundle::bundle("service_agreement").unwrap();
    let a = fixtures::Accounts::new();
    let mut chain = Chain::new();
    let config = service_agreement::escrow::Config {
        milestones: vec![],
        ..fixtures::config(&a, ink::primitives::AccountId::from([9; 32]))
    };
    // when: the admin instantiates (the runtime uploads the cold code
    // first, then instantiates the contract's code)
    let out = chain.deploy(&hot, &a.admin, "new", config, 0, &[]);
    // then: `init`'s refusal ends the instantiation, with nothing emitted,
    // `ColdCodeLinked` included (it was emitted before the refusal)
    assert!(out.reverted, "{:?}", out.value);
    let Err(CallError::Reverted(data)) = &out.value else {
        panic!("expected a revert, got {:?}", out.value);
    };
    assert_eq!(
        <Result<Result<(), Error>, ink::LangError>>::decode(&mut &data[..]).unwrap(),
        Ok(Err(Error::Escrow(
            service_agreement::EscrowError::InvalidMilestones
        )))
    );
    assert!(out.events.is_empty(), "{:?}", out.events());
    // and the lock went with the instantiation: the uploader can remove
    // the cold code, as code nothing depends on
    chain
        .remove_code(&a.admin, fixtures::cold_code())
        .expect("no contract depends on the cold code");
}

#[test]
fn the_cold_code_s_constructor_logic_is_no_message_of_the_contract() {
    // given: a deployed agreement
    let mut f = deploy().unwrap();
    let a = f.accounts.clone();
    // and a view of the contract that sends the cold code's `init`
    // selector as a message
    let hot = f.contract.bundle.clone();
    let cold = hot.cold.as_deref().unwrap();
    let mut reinit = f.contract.clone();
    reinit
        .bundle
        .messages
        .insert("init".into(), cold.messages["init"]);
    let config: service_agreement::escrow::Config = f.read("config", ());
    f.chain.clear_events();
    let root = f.chain.state_root();
    // when: the admin (or anyone) sends it, with a whole configuration
    let out = f
        .chain
        .call::<_, Result<(), Error>>(&reinit, &a.admin, "init", config, 0);
    // then: the contract has no such message (its constructor took the
    // selector, and constructors are not messages): ink! refuses the
    // input; nothing is forwarded, emitted or changed
    assert_eq!(
        out.value,
        Err(CallError::Lang(ink::LangError::CouldNotReadInput))
    );
    assert!(out.events.is_empty(), "{:?}", out.events());
    assert_eq!(f.chain.state_root(), root);
}

#[test]
fn programmable_payment_announces_locks_and_names_its_cold_code() {
    // given: a deployed programme and its cold code's hash
    let mut p = shart::payment::deploy().unwrap();
    let a = p.accounts.clone();
    let cold = fixtures::cold_code_of("programmable_payment");
    // then: its own code announces the cold code first
    let first = p.deployment.events.first().expect("events");
    assert_eq!(first.contract, p.contract.address);
    assert_eq!(
        first.event,
        shart::events::ShartEvent::ColdCodeLinked(safeguards::kit::split::ColdCodeLinked {
            cold_code: cold,
        })
    );
    assert_eq!(first.topics.get(1), Some(&cold));
    // and `config()` names it, and the digest every acceptance quotes
    // covers it
    let config: programmable_payment::programme::Config = p.read("config", ());
    assert_eq!(config.cold_code, cold);
    assert_eq!(fixtures::config_digest(&config), p.config_digest);
    // and the chain keeps it while the contract lives
    let err = p
        .chain
        .remove_code(&a.admin, cold)
        .expect_err("the cold code should stay");
    assert!(err.contains("CodeInUse"), "{err}");
}
