//! The flagship scenario on both ledgers: drink always; a real
//! substrate-contracts-node only when one runs (`SHART_NODE=1`, see
//! `docs/deploy.md`). The node test is ignored otherwise, with the reason
//! printed by `cargo test`: it never passes without having run.
use shart::scenario::{self, DrinkLedger};

#[test]
fn scenario_on_drink_meets_every_expected_outcome() {
    // given
    let mut ledger = DrinkLedger::new().expect("bundles build");
    // when
    let transcript = scenario::run(&mut ledger).expect("every outcome as expected");
    // then
    let text = transcript.text();
    for line in [
        "event AutomatedDecisionRecorded",
        "event DecisionTookEffect",
        "event DisputeResolved",
        "client -> fund: refused: Agreement(NotEffective)",
        "event SettlementPaid(SettlementPaid { recipient: contractor, amount: 100000 })",
        "read held: 0",
    ] {
        assert!(text.contains(line), "transcript lacks {line:?}:\n{text}");
    }
    assert!(
        !text.contains("1767"),
        "block times leaked into the transcript:\n{text}"
    );
}

#[test]
fn dev_accounts_are_the_well_known_keyring_addresses() {
    // given / when
    let alice = shart::node::dev_account("//Alice").unwrap();
    let bob = shart::node::dev_account("//Bob").unwrap();
    // then
    assert_eq!(
        shart::ss58::encode(42, alice.as_ref()).unwrap(),
        "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
    );
    assert_eq!(
        shart::ss58::encode(42, bob.as_ref()).unwrap(),
        "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"
    );
}

#[test]
fn code_hash_is_blake2b_256_of_the_wasm() {
    assert_eq!(
        hex::encode(shart::node::code_hash(b"")),
        "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"
    );
}

#[test]
fn contract_events_keeps_the_data_of_one_contracts_emitted_events() {
    // given: `cargo contract call -x --output-json` prints DisplayEvents
    let ours = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
    let events = serde_json::json!([
        {"pallet": "Balances", "name": "Withdraw", "fields": []},
        {"pallet": "Contracts", "name": "ContractEmitted", "fields": [
            {"name": "contract", "value": {"Literal": ours}},
            {"name": "data", "value": {"Hex": {"s": "0102"}}}
        ]},
        {"pallet": "Contracts", "name": "ContractEmitted", "fields": [
            {"name": "contract", "value": {"Literal": "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"}},
            {"name": "data", "value": {"Hex": {"s": "ff"}}}
        ]},
        {"pallet": "Contracts", "name": "ContractEmitted", "fields": [
            {"name": "contract", "value": {"Literal": ours}},
            {"name": "data", "value": {"Hex": {"s": "0x03"}}}
        ]}
    ]);
    // when
    let data = shart::node::contract_events(&events, ours).unwrap();
    // then
    assert_eq!(data, vec![vec![1, 2], vec![3]]);
}

/// The scenario on a running node (`scripts/node.sh`), compared line for
/// line with drink's transcript.
#[test]
#[ignore = "needs a running substrate-contracts-node and cargo-contract 5.0.3: run scripts/node.sh, then SHART_NODE=1 cargo test --test node -- --ignored (docs/deploy.md)"]
fn scenario_on_a_node_matches_drink_line_for_line() {
    // given
    assert_eq!(
        std::env::var("SHART_NODE").as_deref(),
        Ok("1"),
        "set SHART_NODE=1 once scripts/node.sh runs"
    );
    let url = std::env::var("SHART_NODE_URL").unwrap_or_else(|_| shart::node::DEFAULT_URL.into());
    let records = tempfile_dir();
    let mut node = shart::node::NodeLedger::new(&url, &records).expect("node and cargo-contract");
    let mut drink = DrinkLedger::new().expect("bundles build");
    // when
    let on_node = scenario::run(&mut node).expect("every outcome as expected on the node");
    let in_drink = scenario::run(&mut drink).expect("every outcome as expected in drink");
    // then
    assert_eq!(on_node.text(), in_drink.text());
    for contract in ["eds_registry", "service_agreement"] {
        let record: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(records.join(format!("{contract}.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(record["contract"], contract);
        assert!(record["block"]["number"].as_u64().is_some());
    }
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("shart-node-records-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
