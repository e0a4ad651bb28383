#!/usr/bin/env bash
# Installs what Shart needs on a fresh machine: the Rust toolchain pinned in
# rust-toolchain.toml, with rust-src, clippy, rustfmt and the wasm32 target.
# Idempotent: a second run only checks. Needs rustup (https://rustup.rs).
#
# The pin is installed explicitly because automatic installation may be off
# (RUSTUP_AUTO_INSTALL=0), and because contract builds run cargo in a
# temporary directory where rust-toolchain.toml is not seen.
set -euo pipefail
cd "$(dirname "$0")/.."

channel=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
if [ -z "$channel" ]; then
  echo "setup: no channel in rust-toolchain.toml" >&2
  exit 1
fi
if ! command -v rustup >/dev/null 2>&1; then
  echo "setup: rustup not found; install it from https://rustup.rs" >&2
  exit 1
fi
echo "setup: Rust $channel with rust-src, clippy, rustfmt, wasm32-unknown-unknown"
rustup toolchain install "$channel" --profile minimal \
  --component rust-src,clippy,rustfmt \
  --target wasm32-unknown-unknown
rustup run "$channel" rustc --version
