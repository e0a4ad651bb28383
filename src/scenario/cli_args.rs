//! Contract arguments as `cargo contract instantiate --args` and
//! `cargo contract call --args` take them: SCON, the text syntax of
//! contract-transcode 5.0.3, the library cargo-contract 5.0.3 parses them
//! with. The node scenario (issue 5) deploys and calls with the very values
//! the drink demo uses: each is SCALE-encoded here as in drink, decoded with
//! the contract's metadata, and rendered as text ([`args`]). `tests/node/cli_args.rs`
//! checks that the text encodes back to the same bytes.
//!
//! contract-transcode's own `Display` prints strings without quotes, which
//! its parser then misreads, so [`render`] is written out here.
use anyhow::{anyhow, Result};
use contract_transcode::{ContractMessageTranscoder, Value};

/// One SCON value as text the parser reads back to the same value.
pub fn render(value: &Value) -> String {
    match value {
        Value::Bool(b) => b.to_string(),
        Value::Char(c) => format!("{c:?}"),
        Value::UInt(u) => u.to_string(),
        Value::Int(i) => i.to_string(),
        Value::String(s) => format!("{s:?}"),
        Value::Literal(l) => l.clone(),
        Value::Hex(h) => format!("0x{}", h.as_str().trim_start_matches("0x")),
        Value::Unit => "()".into(),
        Value::Seq(seq) => format!(
            "[{}]",
            seq.elems()
                .iter()
                .map(render)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Tuple(t) => format!(
            "{}({})",
            t.ident().unwrap_or_default(),
            t.values().map(render).collect::<Vec<_>>().join(", ")
        ),
        Value::Map(m) => {
            let fields = m
                .iter()
                .map(|(k, v)| format!("{}: {}", field_name(k), render(v)))
                .collect::<Vec<_>>()
                .join(", ");
            format!("{} {{ {fields} }}", m.ident().unwrap_or_default())
        }
    }
}

fn field_name(key: &Value) -> String {
    match key {
        Value::String(s) | Value::Literal(s) => s.clone(),
        other => render(other),
    }
}

/// Whether a selector names a constructor or a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A constructor (`cargo contract instantiate`).
    Constructor,
    /// A message (`cargo contract call`).
    Message,
}

/// The arguments of a SCALE-encoded call (`selector ‖ args`, as drink sends
/// it) as one SCON text per argument, in order.
///
/// # Errors
///
/// If the selector is not in the metadata or the bytes do not decode.
pub fn args(
    transcoder: &ContractMessageTranscoder,
    kind: Kind,
    encoded: &[u8],
) -> Result<Vec<String>> {
    let mut data = encoded;
    let decoded = match kind {
        Kind::Constructor => transcoder.decode_contract_constructor(&mut data)?,
        Kind::Message => transcoder.decode_contract_message(&mut data)?,
    };
    match decoded {
        Value::Map(m) => Ok(m.values().map(render).collect()),
        other => Err(anyhow!("expected a map of arguments, got {other}")),
    }
}
