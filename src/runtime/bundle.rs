//! Building contract bundles with the `contract-build` library.
//!
//! drink's compile-time macros build contracts from inside the compiler and
//! deadlock on cargo's target-directory lock (contract-build runs `cargo
//! clippy` on the same target directory). Shart builds bundles at run time
//! instead: from `shart build`, or lazily from the first test or command
//! that needs one, when cargo has released its lock.
//!
//! A bundle is rebuilt only when its fingerprint changes: the SHA-256 of
//! every source file of the contract and of its path dependencies, plus the
//! workspace manifest, lock file and toolchain pin. The fingerprint is kept
//! beside the bundle in `target/ink/<name>/.shart-fingerprint`.
use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    io::{self, Write as _},
    path::{Path, PathBuf},
    sync::{mpsc, Mutex},
    thread,
    time::{Duration, Instant},
};

use anyhow::{anyhow, bail, Context, Result};
use sha2::{Digest, Sha256};

/// A contract Shart builds.
#[derive(Debug, Clone, Copy)]
pub struct ContractSpec {
    /// Package name, also the bundle's file name.
    pub name: &'static str,
    /// Folder of its `Cargo.toml`, relative to the workspace root.
    pub dir: &'static str,
    /// Built only for benchmarks.
    pub bench_only: bool,
    /// The contract's cold code (`safeguards::kit::split`): a bundle
    /// uploaded before the contract is instantiated, whose hash the
    /// contract's `Config` names.
    pub cold: Option<&'static str>,
}

/// Every contract in the workspace.
pub const CONTRACTS: &[ContractSpec] = &[
    ContractSpec {
        name: "eds_registry",
        dir: "contracts/eds_registry",
        bench_only: false,
        cold: None,
    },
    // Before the contract that names it: loading that bundle loads this.
    ContractSpec {
        name: "service_agreement_cold",
        dir: "contracts/service_agreement_cold",
        bench_only: false,
        cold: None,
    },
    ContractSpec {
        name: "service_agreement",
        dir: "contracts/service_agreement",
        bench_only: false,
        cold: Some("service_agreement_cold"),
    },
    ContractSpec {
        name: "programmable_payment_cold",
        dir: "contracts/programmable_payment_cold",
        bench_only: false,
        cold: None,
    },
    ContractSpec {
        name: "programmable_payment",
        dir: "contracts/programmable_payment",
        bench_only: false,
        cold: Some("programmable_payment_cold"),
    },
    ContractSpec {
        name: "compliant_token_cold",
        dir: "contracts/compliant_token_cold",
        bench_only: false,
        cold: None,
    },
    ContractSpec {
        name: "compliant_token",
        dir: "contracts/compliant_token",
        bench_only: false,
        cold: Some("compliant_token_cold"),
    },
    ContractSpec {
        name: "baseline_escrow",
        dir: "bench/baseline_escrow",
        bench_only: true,
        cold: None,
    },
    ContractSpec {
        name: "psp22_reference",
        dir: "bench/psp22_reference",
        bench_only: true,
        cold: None,
    },
];

/// A built contract: code, selectors, and where it lies.
#[derive(Debug, Clone)]
pub struct Bundle {
    /// Package name.
    pub name: String,
    /// The optimized Wasm code.
    pub wasm: Vec<u8>,
    /// Constructor label → selector.
    pub constructors: BTreeMap<String, [u8; 4]>,
    /// Message label → selector.
    pub messages: BTreeMap<String, [u8; 4]>,
    /// The `.contract` file.
    pub path: PathBuf,
    /// The cold code's bundle, for a split contract ([`ContractSpec::cold`]).
    pub cold: Option<Box<Bundle>>,
}

/// The message through which a template exposes the kit's state-changing
/// messages (`safeguard(SafeguardCall)`).
pub const KIT_CALL: &str = "safeguard";
/// The message through which a template exposes the kit's reads
/// (`safeguard_query(SafeguardQuery) -> SafeguardAnswer`).
pub const KIT_QUERY: &str = "safeguard_query";

/// Where a message name goes in a bundle: to its own entry, or, for a kit
/// message, to [`KIT_CALL`] or [`KIT_QUERY`] with the variant's index.
///
/// A kit message keeps its name (`pause`, `rule`, `state`, ...) in tests,
/// the demo's transcript and the bench: a variant's SCALE encoding is its
/// index byte followed by its fields, so `pause(hash)` is sent as exactly
/// the bytes of `safeguard(SafeguardCall::Pause { reason_hash: hash })`,
/// and a query's answer is its value behind the same index
/// (`safeguards::kit::call`, whose tests check the identity).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route<'a> {
    /// The entry's label in the metadata.
    pub message: &'a str,
    /// Its selector.
    pub selector: [u8; 4],
    /// The variant's index, for a kit message.
    pub variant: Option<u8>,
    /// Whether the answer carries the variant's index before the value
    /// (a kit read).
    pub tagged_answer: bool,
}

impl Route<'_> {
    /// The call's input: the selector, the variant's index if any, then
    /// the SCALE-encoded arguments.
    pub fn input(&self, args: &[u8]) -> Vec<u8> {
        let mut data = self.selector.to_vec();
        data.extend(self.variant);
        data.extend_from_slice(args);
        data
    }

    /// The index the answer carries before its value: the variant's, for
    /// a kit read; none otherwise.
    pub fn answer_tag(&self) -> Option<u8> {
        self.variant.filter(|_| self.tagged_answer)
    }
}

/// Why a message name has no route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouteError {
    /// Neither an entry of the bundle nor a kit message it exposes.
    Unknown(String),
    /// Both an entry of the bundle and a kit message it exposes: a call
    /// by that name would test the contract's own message while the kit's
    /// stays reachable through `safeguard`.
    Ambiguous(String),
}

impl std::fmt::Display for RouteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Unknown(name) => write!(f, "no message {name}"),
            Self::Ambiguous(name) => write!(
                f,
                "`{name}` is both a message of the contract and a kit message it exposes"
            ),
        }
    }
}

impl std::error::Error for RouteError {}

impl Bundle {
    /// The code hash pallet-contracts gives the bundle's Wasm: BLAKE2b-256.
    pub fn code_hash(&self) -> [u8; 32] {
        code_hash(&self.wasm)
    }

    /// The cold code's hash, for a split contract.
    pub fn cold_code(&self) -> Option<[u8; 32]> {
        self.cold.as_deref().map(Bundle::code_hash)
    }

    /// The route of message `name` ([`Route`]): its own entry if the
    /// bundle has one, else the kit entry whose enum has a variant of that
    /// name, if the bundle exposes it.
    ///
    /// # Errors
    ///
    /// [`RouteError::Unknown`] if neither; [`RouteError::Ambiguous`] if
    /// both (a template's own message named like a kit message).
    pub fn route(&self, name: &str) -> Result<Route<'_>, RouteError> {
        let kit = |entry: &str, index: Option<u8>, tagged_answer| {
            let (label, selector) = self.messages.get_key_value(entry)?;
            Some(Route {
                message: label,
                selector: *selector,
                variant: Some(index?),
                tagged_answer,
            })
        };
        let kit = kit(KIT_CALL, safeguards::SafeguardCall::index_of(name), false)
            .or_else(|| kit(KIT_QUERY, safeguards::SafeguardQuery::index_of(name), true));
        match (self.messages.get_key_value(name), kit) {
            (Some(_), Some(_)) => Err(RouteError::Ambiguous(name.to_owned())),
            (Some((label, selector)), None) => Ok(Route {
                message: label,
                selector: *selector,
                variant: None,
                tagged_answer: false,
            }),
            (None, Some(route)) => Ok(route),
            (None, None) => Err(RouteError::Unknown(name.to_owned())),
        }
    }
}

/// The workspace root (`SHART_ROOT`, else where this crate was compiled).
pub fn workspace_root() -> PathBuf {
    std::env::var_os("SHART_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

/// Contracts only tests deploy, never built by `shart build` nor measured
/// by `shart bench`.
pub const TEST_DOUBLES: &[ContractSpec] = &[ContractSpec {
    name: "hostile_registry",
    dir: "tests/doubles/hostile_registry",
    bench_only: false,
    cold: None,
}];

/// The spec of a contract or test double by name.
///
/// # Errors
///
/// If no contract has that name.
pub fn spec(name: &str) -> Result<ContractSpec> {
    CONTRACTS
        .iter()
        .chain(TEST_DOUBLES)
        .find(|c| c.name == name)
        .copied()
        .ok_or_else(|| anyhow!("unknown contract `{name}`"))
}

/// Folder of a contract's artifacts.
pub fn out_dir(name: &str) -> PathBuf {
    workspace_root().join("target").join("ink").join(name)
}

fn bundle_path(name: &str) -> PathBuf {
    out_dir(name).join(format!("{name}.contract"))
}

fn fingerprint_path(name: &str) -> PathBuf {
    out_dir(name).join(".shart-fingerprint")
}

/// Path dependencies of the package whose manifest is `manifest`.
fn path_dependencies(manifest: &Path) -> Result<Vec<PathBuf>> {
    let text =
        fs::read_to_string(manifest).with_context(|| format!("reading {}", manifest.display()))?;
    let doc: toml::Value = toml::from_str(&text)?;
    let dir = manifest.parent().unwrap_or(Path::new("."));
    let mut deps = Vec::new();
    for table in ["dependencies", "build-dependencies"] {
        if let Some(t) = doc.get(table).and_then(|t| t.as_table()) {
            for value in t.values() {
                if let Some(p) = value.get("path").and_then(|p| p.as_str()) {
                    deps.push(dir.join(p));
                }
            }
        }
    }
    Ok(deps)
}

fn collect_files(dir: &Path, out: &mut BTreeSet<PathBuf>) -> Result<()> {
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name == "target" || name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect_files(&path, out)?;
        } else {
            out.insert(path);
        }
    }
    Ok(())
}

/// The fingerprint of a contract's sources.
///
/// # Errors
///
/// If a source file cannot be read.
pub fn fingerprint(spec: &ContractSpec) -> Result<String> {
    let root = workspace_root();
    let mut dirs = vec![root.join(spec.dir)];
    let mut seen = BTreeSet::new();
    let mut files = BTreeSet::new();
    while let Some(dir) = dirs.pop() {
        let dir = dir
            .canonicalize()
            .with_context(|| format!("{}", dir.display()))?;
        if !seen.insert(dir.clone()) {
            continue;
        }
        collect_files(&dir, &mut files)?;
        dirs.extend(path_dependencies(&dir.join("Cargo.toml"))?);
    }
    for f in ["Cargo.toml", "Cargo.lock", "rust-toolchain.toml"] {
        files.insert(root.join(f));
    }
    let mut hasher = Sha256::new();
    for file in files {
        let rel = file.strip_prefix(&root).unwrap_or(&file);
        hasher.update(rel.to_string_lossy().as_bytes());
        hasher.update([0]);
        hasher.update(fs::read(&file).with_context(|| format!("reading {}", file.display()))?);
        hasher.update([0]);
    }
    Ok(hex::encode(hasher.finalize()))
}

/// Whether the bundle on disk matches the sources.
pub fn is_fresh(spec: &ContractSpec) -> Result<bool> {
    Ok(built_from(spec, &fingerprint(spec)?))
}

/// Whether the bundle on disk was built from sources of fingerprint `fp`.
fn built_from(spec: &ContractSpec, fp: &str) -> bool {
    bundle_path(spec.name).exists()
        && fs::read_to_string(fingerprint_path(spec.name))
            .ok()
            .as_deref()
            == Some(fp)
}

/// What [`ensure_built`] did.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BuildOutcome {
    /// The bundle was up to date.
    Fresh,
    /// The bundle was (re)built, taking this many seconds.
    Built(f64),
}

static BUILD_LOCK: Mutex<()> = Mutex::new(());

/// The toolchain channel pinned in `rust-toolchain.toml`.
///
/// # Errors
///
/// If the file is missing or has no `toolchain.channel`.
pub fn pinned_toolchain() -> Result<String> {
    let path = workspace_root().join("rust-toolchain.toml");
    let text = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let doc: toml::Value = toml::from_str(&text)?;
    doc.get("toolchain")
        .and_then(|t| t.get("channel"))
        .and_then(|c| c.as_str())
        .map(str::to_owned)
        .ok_or_else(|| anyhow!("{} has no toolchain.channel", path.display()))
}

/// contract-build compiles the Wasm in a temporary copy of the workspace,
/// outside this repository, where `rust-toolchain.toml` is not seen: rustup
/// would pick its default toolchain. Pin it for every cargo it starts.
///
/// # Errors
///
/// If `rust-toolchain.toml` gives no channel.
pub fn pin_toolchain() -> Result<()> {
    if std::env::var_os("RUSTUP_TOOLCHAIN").is_none() {
        // Called under BUILD_LOCK, before any build thread is started.
        std::env::set_var("RUSTUP_TOOLCHAIN", pinned_toolchain()?);
    }
    Ok(())
}

/// Writes a progress line straight to the process's stderr: the test
/// harness captures `eprintln!` in a test thread, and a bundle built from
/// inside a test must still say what the wait is.
fn progress(line: &str) {
    let _ = writeln!(io::stderr(), "shart: {line}");
}

/// How long to wait between "still building" lines.
const HEARTBEAT: Duration = Duration::from_secs(30);

/// Prints "still building" every [`HEARTBEAT`] until dropped.
struct Heartbeat {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Heartbeat {
    fn start(name: &str, started: Instant) -> Self {
        let (stop, stopped) = mpsc::channel::<()>();
        let name = name.to_owned();
        let thread = thread::spawn(move || {
            while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(HEARTBEAT) {
                progress(&format!(
                    "still building `{name}`: {} s",
                    started.elapsed().as_secs()
                ));
            }
        });
        Self {
            stop: Some(stop),
            thread: Some(thread),
        }
    }
}

impl Drop for Heartbeat {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The folder every contract's build shares its compiled dependencies in.
fn shared_dir() -> PathBuf {
    workspace_root().join("target").join("ink").join(".shared")
}

/// Held around every build, across processes: the contracts share
/// `release/metadata-gen`, the program contract-build compiles from the
/// contract being built and then runs to write its metadata, so two
/// processes building two contracts at once could swap each other's ABI.
/// Cargo's own lock is released before contract-build runs the program.
struct SharedBuildLock(fs::File);

impl SharedBuildLock {
    fn acquire() -> Result<Self> {
        fs::create_dir_all(shared_dir())?;
        let path = shared_dir().join(".shart-build-lock");
        let file =
            fs::File::create(&path).with_context(|| format!("opening {}", path.display()))?;
        file.lock()
            .with_context(|| format!("locking {}", path.display()))?;
        Ok(Self(file))
    }
}

impl Drop for SharedBuildLock {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

/// contract-build compiles each contract in its own target folder
/// (`target/ink/<name>/`), so ink!, the codec and the core library were
/// compiled once per contract, about two minutes each. Their artifacts are
/// the same for every contract (same crate hashes: same features, profile
/// and flags), so each contract's `wasm32-unknown-unknown/` and `release/`
/// are links to one shared folder: the first build compiles them, the
/// others reuse them. Cargo's own lock files sit in the shared folders, so
/// two processes building at once wait for each other.
///
/// A contract's own folder may have been deleted (to force a rebuild) while
/// its raw Wasm stays in the shared one; contract-build would then look
/// for the folder's `.target` marker beside that Wasm and fail. The stale
/// raw Wasm is removed instead, so the build starts clean.
#[cfg(unix)]
fn share_dependencies(name: &str) -> Result<()> {
    let own = out_dir(name);
    fs::create_dir_all(&own)?;
    if !own.join(".target").exists() {
        let raw = shared_dir()
            .join("wasm32-unknown-unknown")
            .join("release")
            .join(format!("{name}.wasm"));
        if raw.exists() {
            fs::remove_file(&raw).with_context(|| format!("removing {}", raw.display()))?;
        }
    }
    for sub in ["wasm32-unknown-unknown", "release"] {
        fs::create_dir_all(shared_dir().join(sub))?;
        // Relative, so a moved or copied tree links to its own folder.
        let target = Path::new("..").join(".shared").join(sub);
        let link = own.join(sub);
        match fs::symlink_metadata(&link) {
            Ok(m) if m.file_type().is_symlink() => {
                if fs::read_link(&link)? == target {
                    continue;
                }
                fs::remove_file(&link)?;
            }
            // A folder from a build before this scheme: replaced by the link.
            Ok(_) => {
                fs::remove_dir_all(&link).with_context(|| format!("removing {}", link.display()))?
            }
            Err(_) => {}
        }
        std::os::unix::fs::symlink(&target, &link)
            .with_context(|| format!("linking {} to {}", link.display(), target.display()))?;
    }
    Ok(())
}

/// Elsewhere each contract keeps its own target folder.
#[cfg(not(unix))]
fn share_dependencies(_name: &str) -> Result<()> {
    Ok(())
}

/// Builds `name` unless its bundle is fresh, saying on stderr what it
/// builds, every 30 s that it still is, and how long it took.
///
/// # Errors
///
/// If contract-build fails; its output has been printed to stderr.
pub fn ensure_built(name: &str) -> Result<BuildOutcome> {
    let spec = spec(name)?;
    // One build at a time in this process: parallel tests share the bundle.
    let _guard = BUILD_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    if is_fresh(&spec)? {
        return Ok(BuildOutcome::Fresh);
    }
    pin_toolchain()?;
    let _shared = SharedBuildLock::acquire()?;
    // The sources' fingerprint once: another process may have built them
    // while this one waited, and it is what the new bundle records.
    let fp = fingerprint(&spec)?;
    if built_from(&spec, &fp) {
        return Ok(BuildOutcome::Fresh);
    }
    share_dependencies(name)?;
    let stale = CONTRACTS
        .iter()
        .chain(TEST_DOUBLES)
        .filter(|c| !is_fresh(c).unwrap_or(true))
        .count();
    let first = !shared_dir()
        .join("wasm32-unknown-unknown")
        .join("release")
        .exists();
    progress(&format!(
        "building contract bundle `{name}` ({stale} out of date, this one included; {}); \
         cargo's errors, if any, follow",
        if first {
            "the first compiles ink! and the core library, about 3 minutes on 2 cores"
        } else {
            "about a minute, reusing the compiled dependencies"
        }
    ));
    let started = Instant::now();
    let heartbeat = Heartbeat::start(name, started);
    let manifest = workspace_root().join(spec.dir).join("Cargo.toml");
    let args = contract_build::ExecuteArgs {
        manifest_path: contract_build::ManifestPath::new(&manifest)?,
        build_mode: contract_build::BuildMode::Release,
        verbosity: contract_build::Verbosity::Quiet,
        output_type: contract_build::OutputType::HumanReadable,
        ..Default::default()
    };
    let result =
        contract_build::execute(args).with_context(|| format!("building contract `{name}`"));
    drop(heartbeat);
    let result = result?;
    if result.metadata_result.is_none() {
        bail!("contract-build produced no bundle for `{name}`");
    }
    fs::write(fingerprint_path(name), fp)?;
    progress(&format!(
        "built `{name}` in {} s ({})",
        started.elapsed().as_secs(),
        bundle_path(name).display()
    ));
    Ok(BuildOutcome::Built(started.elapsed().as_secs_f64()))
}

fn parse_selector(hex_str: &str) -> Result<[u8; 4]> {
    let bytes = hex::decode(hex_str.trim_start_matches("0x"))?;
    bytes
        .try_into()
        .map_err(|_| anyhow!("selector `{hex_str}` is not 4 bytes"))
}

fn selectors(spec: &serde_json::Value, key: &str) -> Result<BTreeMap<String, [u8; 4]>> {
    let mut map = BTreeMap::new();
    for item in spec[key]
        .as_array()
        .ok_or_else(|| anyhow!("metadata has no `{key}`"))?
    {
        let label = item["label"]
            .as_str()
            .ok_or_else(|| anyhow!("a {key} entry has no label"))?;
        let selector = item["selector"]
            .as_str()
            .ok_or_else(|| anyhow!("`{label}` has no selector"))?;
        map.insert(label.to_owned(), parse_selector(selector)?);
    }
    Ok(map)
}

/// Loads a built bundle.
///
/// # Errors
///
/// If the file is missing or malformed.
pub fn load(name: &str) -> Result<Bundle> {
    let path = bundle_path(name);
    let text = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let json: serde_json::Value = serde_json::from_str(&text)?;
    let wasm_hex = json["source"]["wasm"]
        .as_str()
        .ok_or_else(|| anyhow!("{} has no source.wasm", path.display()))?;
    let wasm = hex::decode(wasm_hex.trim_start_matches("0x"))?;
    let spec = &json["spec"];
    let cold = match self::spec(name).ok().and_then(|s| s.cold) {
        Some(cold) => Some(Box::new(load(cold)?)),
        None => None,
    };
    Ok(Bundle {
        name: name.to_owned(),
        wasm,
        constructors: selectors(spec, "constructors")?,
        messages: selectors(spec, "messages")?,
        path,
        cold,
    })
}

/// The code hash pallet-contracts gives a Wasm blob: BLAKE2b-256 of it.
pub fn code_hash(wasm: &[u8]) -> [u8; 32] {
    use blake2::{digest::consts::U32, Blake2b};
    Blake2b::<U32>::digest(wasm).into()
}

/// Builds if needed, then loads.
///
/// # Errors
///
/// See [`ensure_built`] and [`load`].
pub fn bundle(name: &str) -> Result<Bundle> {
    ensure_built(name)?;
    if let Some(cold) = spec(name)?.cold {
        ensure_built(cold)?;
    }
    load(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle(messages: &[(&str, [u8; 4])]) -> Bundle {
        Bundle {
            name: "t".into(),
            wasm: Vec::new(),
            constructors: BTreeMap::new(),
            messages: messages
                .iter()
                .map(|(l, s)| ((*l).to_owned(), *s))
                .collect(),
            path: PathBuf::new(),
            cold: None,
        }
    }

    const KIT: [u8; 4] = [1, 1, 1, 1];
    const QUERY: [u8; 4] = [2, 2, 2, 2];
    const OWN: [u8; 4] = [3, 3, 3, 3];

    #[test]
    fn a_kit_message_goes_through_its_entry_with_its_index() {
        let b = bundle(&[(KIT_CALL, KIT), (KIT_QUERY, QUERY), ("fund", OWN)]);
        let pause = b.route("pause").unwrap();
        assert_eq!(
            (pause.message, pause.variant, pause.tagged_answer),
            (KIT_CALL, Some(0), false)
        );
        assert_eq!(pause.input(&[9]), vec![1, 1, 1, 1, 0, 9]);
        let state = b.route("state").unwrap();
        assert_eq!(
            (state.message, state.variant, state.tagged_answer),
            (KIT_QUERY, Some(4), true)
        );
        assert_eq!((pause.answer_tag(), state.answer_tag()), (None, Some(4)));
        let fund = b.route("fund").unwrap();
        assert_eq!((fund.message, fund.variant), ("fund", None));
        assert_eq!(fund.input(&[9]), vec![3, 3, 3, 3, 9]);
    }

    #[test]
    fn a_contract_without_the_kit_entries_routes_only_its_own_messages() {
        // the registry has its own `admin`, and no `safeguard`
        let b = bundle(&[("admin", OWN)]);
        assert_eq!(b.route("admin").unwrap().variant, None);
        assert_eq!(b.route("pause"), Err(RouteError::Unknown("pause".into())));
    }

    #[test]
    fn a_message_named_like_a_kit_message_is_refused_as_ambiguous() {
        let b = bundle(&[
            (KIT_CALL, KIT),
            (KIT_QUERY, QUERY),
            ("pause", OWN),
            ("state", OWN),
        ]);
        assert_eq!(b.route("pause"), Err(RouteError::Ambiguous("pause".into())));
        assert_eq!(b.route("state"), Err(RouteError::Ambiguous("state".into())));
    }
}
