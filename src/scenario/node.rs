//! A real chain: `substrate-contracts-node` driven through `cargo contract`
//! 5.0.3 (`scripts/node.sh` installs both). [`NodeLedger`] is the
//! scenario's [`Ledger`] on such a node: it uploads and instantiates with
//! the dev keyring accounts, writes a deployment record per contract under
//! `deployments/`, sends messages with `-x` and checks refusals and reads
//! with dry runs, comparing the decoded values with what drink returns.
//!
//! Accounts: `//Alice` admin, `//Bob` client, `//Charlie` contractor,
//! `//Dave` arbitrator, `//Eve` verifier, `//Ferdie` guardian,
//! `//Alice//stash` reviewer, `//Bob//stash` stranger (all funded by the
//! dev chain's genesis).
use std::{
    path::{Path, PathBuf},
    process::Command,
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use anyhow::{anyhow, bail, Context, Result};
use contract_transcode::ContractMessageTranscoder;
use drink::AccountId32;
use serde_json::{json, Value as Json};
use sp_core::{crypto::Pair as _, sr25519};

use crate::{
    bundle::{self, Bundle},
    cli_args::{self, Kind},
    runtime::Encoded,
    scenario::{Called, Deployed, Ledger, Target, Who},
    ss58,
    statement::ChainId,
};

/// The default RPC endpoint of `scripts/node.sh`.
pub const DEFAULT_URL: &str = "ws://127.0.0.1:9944";

/// The dev keyring secret URI of each participant.
pub fn suri(who: Who) -> &'static str {
    match who {
        Who::Admin => "//Alice",
        Who::Client => "//Bob",
        Who::Contractor => "//Charlie",
        Who::Arbitrator => "//Dave",
        Who::Verifier => "//Eve",
        Who::Guardian => "//Ferdie",
        Who::Reviewer => "//Alice//stash",
        Who::Stranger => "//Bob//stash",
    }
}

/// The account of a dev keyring secret URI (sr25519).
///
/// # Errors
///
/// If the URI is not a valid secret URI.
pub fn dev_account(suri: &str) -> Result<AccountId32> {
    let pair = sr25519::Pair::from_string(suri, None)
        .map_err(|e| anyhow!("invalid secret URI {suri}: {e:?}"))?;
    Ok(AccountId32::new(pair.public().0))
}

/// [`bundle::code_hash`] as `cargo contract` prints it: `0x` and
/// lowercase hex.
fn code_hash_hex(wasm: &[u8]) -> String {
    format!("0x{}", hex::encode(bundle::code_hash(wasm)))
}

/// Where `cargo-contract` is: `SHART_CARGO_CONTRACT`, else where
/// `scripts/node.sh` installs it, else `cargo-contract` on the `PATH`.
pub fn cargo_contract() -> PathBuf {
    if let Some(p) = std::env::var_os("SHART_CARGO_CONTRACT") {
        return PathBuf::from(p);
    }
    let home = std::env::var_os("SHART_NODE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cache/shart/node")));
    if let Some(home) = home {
        let installed = home.join("cargo-contract/bin/cargo-contract");
        if installed.exists() {
            return installed;
        }
    }
    PathBuf::from("cargo-contract")
}

/// Runs `cargo contract <args>` with `bin` and parses its JSON output.
fn run_json(bin: &Path, args: &[String]) -> Result<Json> {
    let out = Command::new(bin)
        .arg("contract")
        .args(args)
        // Its errors carry a stack trace when RUST_BACKTRACE is set.
        .env("RUST_BACKTRACE", "0")
        .output()
        .with_context(|| format!("running {}", bin.display()))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        bail!(
            "cargo contract {}: {}{}",
            args.first().map(String::as_str).unwrap_or_default(),
            String::from_utf8_lossy(&out.stderr).trim(),
            stdout.trim()
        );
    }
    // Progress lines may precede the JSON document.
    let start = stdout
        .find(['{', '['])
        .ok_or_else(|| anyhow!("no JSON in: {stdout}"))?;
    serde_json::from_str(&stdout[start..]).with_context(|| format!("parsing: {stdout}"))
}

/// The code hash a chain stores for the contract at `address` (SS58), as
/// `cargo contract info` reports it.
///
/// # Errors
///
/// If the chain has no contract there or does not answer.
pub fn chain_code_hash(url: &str, address: &str) -> Result<String> {
    let args: Vec<String> = ["info", "--contract", address, "--url", url, "--output-json"]
        .map(String::from)
        .to_vec();
    let info = run_json(&cargo_contract(), &args)?;
    info.get("code_hash")
        .and_then(Json::as_str)
        .map(str::to_owned)
        .ok_or_else(|| anyhow!("cargo contract info named no code hash: {info}"))
}

/// What [`verify_record`] checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The package name.
    pub contract: String,
    /// Where it runs (SS58).
    pub address: String,
    /// The code hash the record, the local bundle and the chain agree on.
    pub code_hash: String,
    /// The chain asked.
    pub url: String,
}

/// Checks a deployment record two ways: its `code_hash` must be the
/// BLAKE2b-256 of the Wasm of the local bundle of its `contract` (built if
/// needed, from this checkout), and the chain at `url` (default: the
/// record's `url`) must run exactly that code at its `address`.
///
/// # Errors
///
/// If the record is malformed, either hash differs, or the chain cannot be
/// asked.
pub fn verify_record(record: &Path, url: Option<&str>) -> Result<Verified> {
    let text =
        std::fs::read_to_string(record).with_context(|| format!("reading {}", record.display()))?;
    let r: Json =
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", record.display()))?;
    let field = |name: &str| {
        r.get(name)
            .and_then(Json::as_str)
            .map(str::to_owned)
            .ok_or_else(|| anyhow!("{}: no {name}", record.display()))
    };
    let (contract, address, recorded) =
        (field("contract")?, field("address")?, field("code_hash")?);
    if !matches!(contract.as_str(), "eds_registry" | "service_agreement") {
        bail!("{}: unknown contract {contract}", record.display());
    }
    let local_bundle = bundle::bundle(&contract)?;
    let local = code_hash_hex(&local_bundle.wasm);
    if !recorded.eq_ignore_ascii_case(&local) {
        bail!(
            "{contract}: the record says code hash {recorded}, this checkout builds {local} \
             (same commit and toolchain? docs/deploy.md, section 5)"
        );
    }
    // A split contract: the cold code its configuration names must be the
    // one this checkout builds.
    if let Some(cold) = &local_bundle.cold {
        let local_cold = code_hash_hex(&cold.wasm);
        let recorded_cold = r.get("cold_code").and_then(Json::as_str).unwrap_or("none");
        if !recorded_cold.eq_ignore_ascii_case(&local_cold) {
            bail!(
                "{contract}: the record says cold code {recorded_cold}, this checkout builds \
                 {local_cold} ({})",
                cold.name
            );
        }
    }
    let url = match url {
        Some(u) => u.to_owned(),
        None => field("url")?,
    };
    let on_chain = chain_code_hash(&url, &address)?;
    if !on_chain.eq_ignore_ascii_case(&local) {
        bail!("{contract}: {url} runs code {on_chain} at {address}, not {local}");
    }
    Ok(Verified {
        contract,
        address,
        code_hash: local,
        url,
    })
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

/// A deployed contract and what its record says.
struct Live {
    bundle: Bundle,
    transcoder: ContractMessageTranscoder,
    address: AccountId32,
}

/// The scenario's ledger on a running node.
pub struct NodeLedger {
    url: String,
    bin: PathBuf,
    records: PathBuf,
    start: u64,
    accounts: Vec<(Who, AccountId32)>,
    live: [Option<Live>; 2],
    salt: String,
    waited: bool,
}

/// The weight limit of a call that comes right after a wait: ten times the
/// largest message in `docs/gas-report.md` (about 4·10⁹ ref time, 10⁵ bytes
/// of proof). `cargo contract` estimates weight with a dry run on the latest
/// block, whose timestamp is still before the deadline the scenario waited
/// for; the estimate then covers the refusal, not the work the call does in
/// the next block (seen on the first node run: `auto_release` ran out of
/// gas). Only the weight used is charged.
const AFTER_WAIT_GAS: &str = "50000000000";
/// See [`AFTER_WAIT_GAS`].
const AFTER_WAIT_PROOF_SIZE: &str = "1000000";

impl NodeLedger {
    /// A ledger on the node at `url` (`ws://…`); deployment records go to
    /// `records`.
    ///
    /// # Errors
    ///
    /// If `cargo-contract` does not run or the node does not answer.
    pub fn new(url: &str, records: &Path) -> Result<Self> {
        let bin = cargo_contract();
        let version = Command::new(&bin)
            .args(["contract", "--version"])
            .output()
            .with_context(|| format!("running {}", bin.display()))?;
        let version = String::from_utf8_lossy(&version.stdout).to_string();
        if !version.contains("5.0.3") {
            bail!("{} is not cargo-contract 5.0.3: {version}", bin.display());
        }
        let mut accounts = Vec::new();
        for who in crate::scenario::EVERYONE {
            accounts.push((who, dev_account(suri(who))?));
        }
        let ledger = Self {
            url: url.to_owned(),
            bin,
            records: records.to_owned(),
            start: now_ms(),
            accounts,
            live: [None, None],
            // A fresh salt per run: the same code and arguments on a chain
            // that keeps state would otherwise collide with the last run.
            salt: format!("0x{:016x}", now_ms()),
            waited: false,
        };
        ledger.rpc("system_health", json!([]))?;
        Ok(ledger)
    }

    fn index(target: Target) -> usize {
        match target {
            Target::Registry => 0,
            Target::Agreement => 1,
        }
    }

    fn live(&self, target: Target) -> Result<&Live> {
        self.live[Self::index(target)]
            .as_ref()
            .ok_or_else(|| anyhow!("{} is not deployed", target.name()))
    }

    /// A JSON-RPC call over HTTP (the node serves both on one port).
    fn rpc(&self, method: &str, params: Json) -> Result<Json> {
        let http = self
            .url
            .replacen("ws://", "http://", 1)
            .replacen("wss://", "https://", 1);
        let body = json!({"id": 1, "jsonrpc": "2.0", "method": method, "params": params});
        let out = Command::new("curl")
            .args(["-fsS", "-H", "Content-Type: application/json", "-d"])
            .arg(body.to_string())
            .arg(&http)
            .output()
            .context("running curl")?;
        if !out.status.success() {
            bail!(
                "{method} on {http}: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        let reply: Json = serde_json::from_slice(&out.stdout)?;
        reply
            .get("result")
            .cloned()
            .ok_or_else(|| anyhow!("{method}: {reply}"))
    }

    /// Runs `cargo contract <args>` and parses its JSON output.
    fn cargo_contract(&self, args: &[String]) -> Result<Json> {
        run_json(&self.bin, args)
    }

    fn common(&self, who: Who) -> Vec<String> {
        vec![
            "--url".into(),
            self.url.clone(),
            "--suri".into(),
            suri(who).into(),
            "--output-json".into(),
        ]
    }

    /// Message arguments as SCON text, from their SCALE encoding.
    fn args(live: &Live, message: &str, args: &Encoded) -> Result<Vec<String>> {
        let route = Self::route(live, message)?;
        cli_args::args(&live.transcoder, Kind::Message, &route.input(&args.0))
    }

    /// Where `message` goes: a kit message through its template's kit
    /// entry ([`Bundle::route`](crate::bundle::Bundle::route)).
    fn route<'a>(live: &'a Live, message: &str) -> Result<crate::bundle::Route<'a>> {
        Ok(live.bundle.route(message)?)
    }

    fn call_args(
        &self,
        target: Target,
        who: Who,
        message: &str,
        args: &Encoded,
    ) -> Result<Vec<String>> {
        let live = self.live(target)?;
        // The bundle goes first: `--args` takes every value after it.
        let mut a = vec![
            "call".into(),
            live.bundle.path.display().to_string(),
            "--contract".into(),
            ss58::encode(42, live.address.as_ref())?,
            "--message".into(),
            Self::route(live, message)?.message.into(),
        ];
        let scon = Self::args(live, message, args)?;
        if !scon.is_empty() {
            a.push("--args".into());
            a.extend(scon);
        }
        a.extend(self.common(who));
        Ok(a)
    }

    /// The dry-run value of a call, compared with `expected` (the SCALE
    /// encoding of the message's value) decoded by the same metadata.
    fn dry_run(
        &self,
        target: Target,
        who: Who,
        message: &str,
        args: &Encoded,
        expected: &Encoded,
        reverted: bool,
    ) -> Result<()> {
        let out = self.cargo_contract(&self.call_args(target, who, message, args)?)?;
        let live = self.live(target)?;
        let route = Self::route(live, message)?;
        let mut bytes = vec![0u8]; // Ok of the `Result<_, LangError>` ink! wraps every value in
                                   // A kit read answers in the variant of the query's index.
        bytes.extend(route.answer_tag());
        bytes.extend_from_slice(&expected.0);
        let want = live
            .transcoder
            .decode_message_return(route.message, &mut &bytes[..])?;
        let want = serde_json::to_value(&want)?;
        if out.get("data") != Some(&want) || out.get("reverted") != Some(&Json::Bool(reverted)) {
            bail!("dry run returned {out}, expected data {want} (reverted: {reverted})");
        }
        Ok(())
    }

    /// Writes the deployment record of `target`.
    fn record(
        &self,
        target: Target,
        who: Who,
        args: &[String],
        code_hash_reported: &str,
        address: &str,
    ) -> Result<()> {
        let live = self.live(target)?;
        let local = code_hash_hex(&live.bundle.wasm);
        if !code_hash_reported.eq_ignore_ascii_case(&local) {
            bail!(
                "{}: the chain reports code hash {code_hash_reported}, the local bundle has {local}",
                target.name()
            );
        }
        let header = self.rpc("chain_getHeader", json!([]))?;
        let block_hash = self.rpc("chain_getBlockHash", json!([]))?;
        let number = header
            .get("number")
            .and_then(Json::as_str)
            .and_then(|n| u64::from_str_radix(n.trim_start_matches("0x"), 16).ok());
        let metadata: Json = serde_json::from_slice(&std::fs::read(&live.bundle.path)?)?;
        // The bundle's `source` without the Wasm itself: `code_hash` names
        // the bytes, and section 5 of docs/deploy.md rebuilds them.
        let mut source = metadata.get("source").cloned().unwrap_or(Json::Null);
        if let Some(s) = source.as_object_mut() {
            s.remove("wasm");
        }
        let cold_code = live.bundle.cold.as_ref().map(|c| code_hash_hex(&c.wasm));
        let record = json!({
            "contract": target.name(),
            "code_hash": local,
            // A split contract's cold code (`safeguards::kit::split`): the
            // hash its configuration names and its constructor locked.
            "cold_code": cold_code,
            "address": address,
            "deployer": suri(who),
            "constructor": "new",
            "constructor_args": args,
            "salt": self.salt,
            "url": self.url,
            "block": { "number": number, "hash": block_hash },
            "wasm_bytes": live.bundle.wasm.len(),
            "source": source,
        });
        std::fs::create_dir_all(&self.records)?;
        let path = self.records.join(format!("{}.json", target.name()));
        std::fs::write(&path, serde_json::to_string_pretty(&record)? + "\n")?;
        Ok(())
    }
}

/// The storage key of `System.Account(account)`: `twox128("System") ++
/// twox128("Account") ++ blake2_128(account) ++ account` (a
/// `Blake2_128Concat` map).
pub fn account_key(account: &[u8; 32]) -> Vec<u8> {
    let mut key = Vec::with_capacity(80);
    key.extend_from_slice(&sp_crypto_hashing::twox_128(b"System"));
    key.extend_from_slice(&sp_crypto_hashing::twox_128(b"Account"));
    key.extend_from_slice(&sp_crypto_hashing::blake2_128(account));
    key.extend_from_slice(account);
    key
}

/// The free balance in a SCALE-encoded `AccountInfo<u32, AccountData<u128>>`:
/// after nonce, consumers, providers and sufficients (four `u32`s).
///
/// # Errors
///
/// If the value is too short.
pub fn free_balance(info: &[u8]) -> Result<u128> {
    let free: [u8; 16] = info
        .get(16..32)
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| anyhow!("AccountInfo of {} bytes", info.len()))?;
    Ok(u128::from_le_bytes(free))
}

/// The raw data of the `ContractEmitted` events of `address` in `cargo
/// contract`'s JSON event list (it prints each event's `data` field as the
/// hex of its SCALE encoding, length prefix included).
pub fn contract_events(events: &Json, address: &str) -> Result<Vec<Vec<u8>>> {
    let list = events
        .as_array()
        .ok_or_else(|| anyhow!("events are not a list: {events}"))?;
    let mut out = Vec::new();
    for e in list {
        if e.get("pallet").and_then(Json::as_str) != Some("Contracts")
            || e.get("name").and_then(Json::as_str) != Some("ContractEmitted")
        {
            continue;
        }
        let field = |name: &str| {
            e.get("fields")
                .and_then(Json::as_array)
                .and_then(|fs| {
                    fs.iter()
                        .find(|f| f.get("name").and_then(Json::as_str) == Some(name))
                })
                .and_then(|f| f.get("value"))
        };
        let contract = field("contract").map(Json::to_string).unwrap_or_default();
        if !contract.contains(address) {
            continue;
        }
        let hex_data = field("data")
            .and_then(|v| v.pointer("/Hex/s"))
            .and_then(Json::as_str)
            .ok_or_else(|| anyhow!("event data is not hex: {e}"))?;
        // The field is the event's `data: Vec<u8>` as SCALE encodes it: a
        // compact length, then the bytes.
        let raw = hex::decode(hex_data.trim_start_matches("0x"))?;
        let data = <Vec<u8> as scale::Decode>::decode(&mut &raw[..])
            .map_err(|e| anyhow!("event data 0x{hex_data}: {e}"))?;
        if scale::Encode::encoded_size(&data) != raw.len() {
            bail!("event data 0x{hex_data} has bytes after its length");
        }
        out.push(data);
    }
    Ok(out)
}

impl Ledger for NodeLedger {
    fn name(&self) -> &'static str {
        "node"
    }

    fn account(&self, who: Who) -> AccountId32 {
        self.accounts
            .iter()
            .find(|(w, _)| *w == who)
            .map(|(_, a)| a.clone())
            .expect("every participant has a dev account")
    }

    fn chain_id(&mut self) -> Result<ChainId> {
        let hash = self.rpc("chain_getBlockHash", json!([0]))?;
        let hex = hash
            .as_str()
            .ok_or_else(|| anyhow!("no genesis hash: {hash}"))?;
        let bytes: [u8; 32] = hex::decode(hex.trim_start_matches("0x"))?
            .try_into()
            .map_err(|_| anyhow!("a genesis hash of the wrong length: {hex}"))?;
        Ok(ChainId::Genesis(bytes))
    }

    fn start(&self) -> u64 {
        self.start
    }

    fn elapsed(&mut self) -> u64 {
        // The latest block's time is at most now; the next block's at least.
        now_ms().saturating_sub(self.start)
    }

    fn wait_until(&mut self, offset: u64) -> Result<()> {
        let at = self.start.saturating_add(offset);
        let now = now_ms();
        if at > now {
            std::thread::sleep(Duration::from_millis(at - now));
        }
        self.waited = true;
        Ok(())
    }

    fn deploy(&mut self, target: Target, who: Who, args: Encoded) -> Result<Deployed> {
        let bundle = bundle::bundle(target.name())?;
        let transcoder = ContractMessageTranscoder::load(&bundle.path)?;
        let path = bundle.path.display().to_string();
        // A split contract's cold code first: the configuration names its
        // hash, and the constructor locks it as a dependency.
        let cold = bundle.cold.as_ref().map(|c| c.path.display().to_string());
        for code in cold.iter().chain([&path]) {
            let mut upload = vec!["upload".into(), code.clone()];
            upload.extend(self.common(who));
            upload.extend(["-x".into(), "--skip-confirm".into()]);
            // A second run on a chain that keeps state finds the code there:
            // that is fine, the record's check below asks the chain anyway.
            match self.cargo_contract(&upload) {
                Ok(_) => {}
                Err(e) if format!("{e:#}").contains("already been uploaded") => {}
                Err(e) => return Err(e.context(format!("uploading {code}"))),
            }
        }
        let selector = bundle
            .constructors
            .get("new")
            .ok_or_else(|| anyhow!("no constructor new"))?;
        let mut encoded = selector.to_vec();
        encoded.extend_from_slice(&args.0);
        let scon = cli_args::args(&transcoder, Kind::Constructor, &encoded)?;
        // The bundle goes first: `--args` takes every value after it.
        let mut inst = vec![
            "instantiate".into(),
            path,
            "--constructor".into(),
            "new".into(),
        ];
        if !scon.is_empty() {
            inst.push("--args".into());
            inst.extend(scon.iter().cloned());
        }
        inst.extend(["--salt".into(), self.salt.clone()]);
        inst.extend(self.common(who));
        inst.extend(["-x".into(), "--skip-confirm".into()]);
        let out = self.cargo_contract(&inst)?;
        let address = out
            .get("contract")
            .and_then(Json::as_str)
            .ok_or_else(|| anyhow!("instantiate printed no address: {out}"))?
            .to_owned();
        let (_, bytes) = ss58::decode(&address)?;
        // The code hash the chain stores for the new address, not the one
        // the upload computed.
        let reported = chain_code_hash(&self.url, &address)?;
        self.live[Self::index(target)] = Some(Live {
            bundle,
            transcoder,
            address: AccountId32::new(bytes),
        });
        self.record(target, who, &scon, &reported, &address)?;
        Ok(Deployed {
            address: AccountId32::new(bytes),
            events: None,
            cost: None,
        })
    }

    fn call(
        &mut self,
        target: Target,
        who: Who,
        message: &str,
        args: Encoded,
        value: u128,
    ) -> Result<Called> {
        let mut a = self.call_args(target, who, message, &args)?;
        if value > 0 {
            a.extend(["--value".into(), value.to_string()]);
        }
        if std::mem::take(&mut self.waited) {
            a.extend([
                "--gas".into(),
                AFTER_WAIT_GAS.into(),
                "--proof-size".into(),
                AFTER_WAIT_PROOF_SIZE.into(),
            ]);
        }
        a.extend(["-x".into(), "--skip-confirm".into()]);
        let events = self.cargo_contract(&a)?;
        let address = ss58::encode(42, self.live(target)?.address.as_ref())?;
        Ok(Called {
            events: contract_events(&events, &address)?,
            cost: None,
            at: None,
        })
    }

    fn refused(
        &mut self,
        target: Target,
        who: Who,
        message: &str,
        args: Encoded,
        expected: Encoded,
    ) -> Result<()> {
        self.dry_run(target, who, message, &args, &expected, true)
    }

    fn balance(&mut self, account: &AccountId32) -> Result<u128> {
        let key = format!("0x{}", hex::encode(account_key(account.as_ref())));
        let value = self.rpc("state_getStorage", json!([key]))?;
        match value.as_str() {
            None => Ok(0),
            Some(h) => free_balance(&hex::decode(h.trim_start_matches("0x"))?),
        }
    }

    fn read(
        &mut self,
        target: Target,
        message: &str,
        args: Encoded,
        expected: Encoded,
    ) -> Result<()> {
        self.dry_run(target, Who::Admin, message, &args, &expected, false)
    }
}
