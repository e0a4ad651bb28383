//! `shart bench --sizes`: what each contract's Wasm is made of.
//!
//! Every call pays to load the whole code blob (pallet-contracts'
//! `CodeLoadToken`: [`CODE_LOAD_PS_PER_BYTE`] of ref_time and one byte of
//! proof_size per byte), so the size of each function is gas on every
//! message. This builds each contract once more with its symbols kept
//! (contract-build's `keep_debug_symbols`, into `target/ink-symbols/`, so
//! the release bundles are not touched), reads the Wasm's code section and
//! name section, and sums the function bodies by the crate and module
//! their demangled names belong to. wasm-opt runs the same passes with and
//! without the names, so the bodies are those of the release build; the
//! totals differ only by the name section itself.
use std::{collections::BTreeMap, fmt::Write as _, fs, path::PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use wasmparser::{KnownCustom, Name, Parser, Payload};

use crate::bundle::{self, CONTRACTS};

/// The per-byte ref_time of loading a contract's code, in picoseconds
/// (pallet-contracts 31 as drink 0.18 runs it; measured by `shart bench`
/// as the difference between two contracts' identical calls, see
/// `docs/gas-report.md`).
pub const CODE_LOAD_PS_PER_BYTE: u64 = 33_471;

/// One function body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Function {
    /// The demangled name, hash suffix removed.
    pub name: String,
    /// Its body's size in bytes.
    pub bytes: usize,
}

/// What one Wasm blob is made of.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Composition {
    /// The whole module, name section included.
    pub total: usize,
    /// The name section (absent from the release bundle).
    pub names: usize,
    /// Every function body, largest first.
    pub functions: Vec<Function>,
    /// The data segments (constants, strings).
    pub data: usize,
    /// The host functions the code imports (`seal0::call`, ...).
    pub imports: Vec<String>,
}

impl Composition {
    /// The bytes of all function bodies.
    pub fn code(&self) -> usize {
        self.functions.iter().map(|f| f.bytes).sum()
    }

    /// What the release bundle holds: everything but the name section.
    pub fn release_size(&self) -> usize {
        self.total.saturating_sub(self.names)
    }

    /// Function bytes grouped by [`group`], largest first.
    pub fn by_group(&self) -> Vec<(String, usize, usize)> {
        let mut groups: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for f in &self.functions {
            let g = groups.entry(group(&f.name)).or_default();
            g.0 = g.0.saturating_add(f.bytes);
            g.1 = g.1.saturating_add(1);
        }
        let mut out: Vec<_> = groups.into_iter().map(|(k, (b, n))| (k, b, n)).collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }
}

/// The group a function is counted under: its crate, and for this
/// project's crates its module too (`safeguards::dispute`). A method of a
/// generic impl (`<safeguards::kit::Safeguards<S>>::pause`) is counted
/// under the type's module; a trait impl for one of our types
/// (`<T as parity_scale_codec::Decode>::decode`) under the codec, since
/// the codec generated it.
pub fn group(name: &str) -> String {
    let trimmed = name.trim_start_matches('<');
    let path: &str = if let Some((ty, tr)) = trimmed.split_once(" as ") {
        // A trait impl: the trait's crate for the codec and core traits,
        // else the type's.
        let tr = tr.trim_start_matches('<');
        if ["parity_scale_codec", "core::", "alloc::", "scale_info"]
            .iter()
            .any(|p| tr.starts_with(p))
        {
            tr
        } else {
            ty
        }
    } else {
        trimmed
    };
    let mut segments = path.split("::").map(|s| s.split('<').next().unwrap_or(s));
    let krate = segments.next().unwrap_or("");
    let ours = [
        "safeguards",
        "service_agreement",
        "programmable_payment",
        "eds_registry",
        "baseline_escrow",
        "compliant_token",
    ];
    if ours.contains(&krate) {
        match segments.next() {
            Some(module)
                if !module.is_empty()
                    && module.chars().all(|c| c == '_' || c.is_ascii_lowercase()) =>
            {
                format!("{krate}::{module}")
            }
            _ => krate.to_owned(),
        }
    } else if krate.is_empty() {
        "(unnamed)".to_owned()
    } else {
        krate.to_owned()
    }
}

/// Reads a Wasm module.
///
/// # Errors
///
/// If the bytes are not a valid Wasm module.
pub fn compose(wasm: &[u8]) -> Result<Composition> {
    let mut out = Composition {
        total: wasm.len(),
        ..Composition::default()
    };
    let mut imported_functions = 0u32;
    let mut bodies: Vec<usize> = Vec::new();
    let mut names: BTreeMap<u32, String> = BTreeMap::new();
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.context("parsing the Wasm")? {
            Payload::ImportSection(reader) => {
                for import in reader {
                    let import = import.context("reading an import")?;
                    if matches!(import.ty, wasmparser::TypeRef::Func(_)) {
                        imported_functions = imported_functions.saturating_add(1);
                        out.imports
                            .push(format!("{}::{}", import.module, import.name));
                    }
                }
            }
            Payload::CodeSectionEntry(body) => bodies.push(body.range().len()),
            Payload::DataSection(reader) => {
                for data in reader {
                    out.data = out
                        .data
                        .saturating_add(data.context("reading data")?.data.len());
                }
            }
            Payload::CustomSection(section) => {
                if let KnownCustom::Name(reader) = section.as_known() {
                    out.names = section.range().len();
                    for sub in reader {
                        if let Name::Function(map) = sub.context("reading the name section")? {
                            for naming in map {
                                let naming = naming.context("reading a function name")?;
                                names.insert(naming.index, demangle(naming.name));
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out.functions = bodies
        .into_iter()
        .enumerate()
        .map(|(i, bytes)| {
            let index = u32::try_from(i)
                .unwrap_or(u32::MAX)
                .saturating_add(imported_functions);
            Function {
                name: names
                    .get(&index)
                    .cloned()
                    .unwrap_or_else(|| format!("(function {index})")),
                bytes,
            }
        })
        .collect();
    out.functions
        .sort_by(|a, b| b.bytes.cmp(&a.bytes).then_with(|| a.name.cmp(&b.name)));
    out.imports.sort();
    Ok(out)
}

fn demangle(name: &str) -> String {
    format!("{:#}", rustc_demangle::demangle(name))
}

/// Builds `name` with its symbols into `target/ink-symbols/` and reads it.
///
/// # Errors
///
/// If the build fails or its Wasm cannot be read.
pub fn profile(name: &str) -> Result<Composition> {
    let spec = bundle::spec(name)?;
    let target: PathBuf = bundle::workspace_root().join("target").join("ink-symbols");
    let manifest = bundle::workspace_root().join(spec.dir).join("Cargo.toml");
    eprintln!(
        "shart: building `{name}` with its symbols (into {})",
        target.display()
    );
    // contract-build takes its target folder from `cargo metadata`, which
    // reads CARGO_TARGET_DIR; it runs in this process, one build at a time.
    bundle::pin_toolchain()?;
    let previous = std::env::var_os("CARGO_TARGET_DIR");
    std::env::set_var("CARGO_TARGET_DIR", &target);
    let args = contract_build::ExecuteArgs {
        manifest_path: contract_build::ManifestPath::new(&manifest)?,
        build_mode: contract_build::BuildMode::Release,
        verbosity: contract_build::Verbosity::Quiet,
        output_type: contract_build::OutputType::HumanReadable,
        keep_debug_symbols: true,
        ..Default::default()
    };
    let result = contract_build::execute(args);
    match previous {
        Some(v) => std::env::set_var("CARGO_TARGET_DIR", v),
        None => std::env::remove_var("CARGO_TARGET_DIR"),
    }
    let result = result.with_context(|| format!("building `{name}` with its symbols"))?;
    let wasm = result
        .dest_wasm
        .ok_or_else(|| anyhow!("contract-build wrote no Wasm for `{name}`"))?;
    let bytes = fs::read(&wasm).with_context(|| format!("reading {}", wasm.display()))?;
    let c = compose(&bytes)?;
    if c.names == 0 {
        bail!("`{name}`: the Wasm kept no name section");
    }
    Ok(c)
}

/// The report of every contract's composition: the groups, and the
/// largest functions.
pub fn render(profiles: &[(String, Composition)], top: usize) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# What the Wasm is made of\n");
    let _ = writeln!(
        s,
        "Written by `shart bench --sizes` (`src/programs/sizes.rs`); do not edit by hand. \
         Each contract built with its symbols kept; function bodies summed by crate and \
         module. Code-load cost per call: {CODE_LOAD_PS_PER_BYTE} ps of ref_time and one \
         byte of proof_size per byte of the release Wasm.\n"
    );
    for (name, c) in profiles {
        let _ = writeln!(s, "## {name}\n");
        let load = u64::try_from(c.release_size())
            .unwrap_or(u64::MAX)
            .saturating_mul(CODE_LOAD_PS_PER_BYTE);
        let _ = writeln!(
            s,
            "{} bytes without names ({} of function bodies in {} functions, {} of data); \
             loading it costs each call that loads it {:.2} G ref_time and {} bytes of proof_size.\n",
            c.release_size(),
            c.code(),
            c.functions.len(),
            c.data,
            load as f64 / 1e9,
            c.release_size()
        );
        let _ = writeln!(
            s,
            "| group | bytes | share | functions |\n|---|---:|---:|---:|"
        );
        let code = c.code().max(1);
        for (g, bytes, n) in c.by_group() {
            let _ = writeln!(
                s,
                "| `{g}` | {bytes} | {:.1} % | {n} |",
                bytes as f64 * 100.0 / code as f64
            );
        }
        let _ = writeln!(
            s,
            "\nLargest functions:\n\n| function | bytes |\n|---|---:|"
        );
        for f in c.functions.iter().take(top) {
            let _ = writeln!(s, "| `{}` | {} |", f.name.replace('|', "\\|"), f.bytes);
        }
        let _ = writeln!(s, "\nHost functions imported: {}.\n", c.imports.join(", "));
    }
    s
}

/// `shart bench --sizes [CONTRACT...]`: profiles every contract (or the
/// ones named) and, for all of them, writes `docs/code-size.md`.
///
/// # Errors
///
/// If a name is unknown, a build fails or the report cannot be written.
pub fn main(only: &[String]) -> Result<()> {
    if let Some(unknown) = only
        .iter()
        .find(|n| !CONTRACTS.iter().any(|c| c.name == n.as_str()))
    {
        bail!("unknown contract `{unknown}`");
    }
    let mut profiles = Vec::new();
    for spec in CONTRACTS {
        if only.is_empty() || only.iter().any(|n| n == spec.name) {
            profiles.push((spec.name.to_owned(), profile(spec.name)?));
        }
    }
    let report = render(&profiles, 40);
    print!("{report}");
    if only.is_empty() {
        let path = bundle::workspace_root().join("docs").join("code-size.md");
        fs::write(&path, &report)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_functions_are_grouped_by_module_and_codec_impls_by_the_codec() {
        assert_eq!(
            group("safeguards::dispute::Disputes<S>::raise"),
            "safeguards::dispute"
        );
        assert_eq!(
            group("<safeguards::kit::Safeguards<S>>::pause"),
            "safeguards::kit"
        );
        assert_eq!(
            group("<safeguards::kit::call::SafeguardCall as parity_scale_codec::codec::Decode>::decode"),
            "parity_scale_codec"
        );
        assert_eq!(group("ink_env::engine::on_chain::impls::f"), "ink_env");
        assert_eq!(group("service_agreement::Escrow"), "service_agreement");
        assert_eq!(group(""), "(unnamed)");
    }

    #[test]
    fn a_module_that_is_not_wasm_is_refused() {
        assert!(compose(b"not wasm").is_err());
    }

    #[test]
    fn an_empty_module_has_no_functions() {
        // The 8-byte header: magic and version 1.
        let c = compose(b"\0asm\x01\0\0\0").expect("a valid empty module");
        assert_eq!((c.total, c.code(), c.names), (8, 0, 0));
    }
}
