#!/usr/bin/env bash
# A local Substrate chain for Shart: substrate-contracts-node 0.42.0 (crate
# `contracts-node`) and cargo-contract 5.0.3, installed once and cached.
#
#   scripts/node.sh            install if needed, start a dev chain, wait for it
#   scripts/node.sh install    install only (idempotent: reuses the cached binaries)
#   scripts/node.sh start      start (installs first if needed)
#   scripts/node.sh stop       stop the chain started by this script
#   scripts/node.sh status     say whether it runs and where
#   scripts/node.sh running    exit 0 if the chain this script started answers, 1 if not
#
# The chain is `--dev --tmp` (fresh state every start, dev accounts //Alice
# … funded) with RPC on 127.0.0.1:9944 only. Binaries are cached under
# $SHART_NODE_HOME (default: $HOME/.cache/shart/node), and so is the build
# directory, so an interrupted install resumes where it stopped.
#
# Why the environment variables: contracts-node's runtime is built to Wasm
# by its build script. Without WASM_BUILD_WORKSPACE_HINT pointing at the
# unpacked crate, that build resolves newer crates than the published lock
# file and fails; its runtime's sp-io does not compile with Rust 1.91, so the
# Wasm part uses Rust 1.81.0 (WASM_BUILD_TOOLCHAIN). The native part builds
# with the repository's pinned toolchain (rust-toolchain.toml, found because
# the script runs from the repository root). Install times on 2 cores:
# docs/deploy.md.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_VERSION=0.42.0
CONTRACT_VERSION=5.0.3
WASM_TOOLCHAIN=1.81.0
HOME_DIR="${SHART_NODE_HOME:-$HOME/.cache/shart/node}"
BIN_DIR="$HOME_DIR/bin"
NODE_BIN="$BIN_DIR/substrate-contracts-node"
# cargo-contract has its own install root, so it can build while the node
# builds (two `cargo install`s into one root wait for each other's lock).
CONTRACT_ROOT="$HOME_DIR/cargo-contract"
CONTRACT_BIN="$CONTRACT_ROOT/bin/cargo-contract"
PID_FILE="$HOME_DIR/node.pid"
LOG_FILE="$HOME_DIR/node.log"
RPC_PORT="${SHART_NODE_PORT:-9944}"
RPC_URL="http://127.0.0.1:$RPC_PORT"

log() { echo "node.sh: $*" >&2; }

have_debian_packages() {
  command -v protoc >/dev/null 2>&1 && command -v clang >/dev/null 2>&1 &&
    { [ -e /usr/lib/llvm-14/lib/libclang.so ] || ls /usr/lib/llvm-*/lib/libclang*.so* >/dev/null 2>&1 ||
      ls /usr/lib/x86_64-linux-gnu/libclang*.so* >/dev/null 2>&1; }
}

install_debian_packages() {
  if have_debian_packages; then
    return
  fi
  log "installing Debian packages: protobuf-compiler clang libclang-dev"
  local sudo=""
  if [ "$(id -u)" != 0 ]; then sudo=sudo; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq protobuf-compiler clang libclang-dev
}

node_ok() {
  [ -x "$NODE_BIN" ] && "$NODE_BIN" --version 2>/dev/null | grep -q "$NODE_VERSION"
}

contract_ok() {
  [ -x "$CONTRACT_BIN" ] && "$CONTRACT_BIN" contract --version 2>/dev/null | grep -q "$CONTRACT_VERSION"
}

install_node() {
  if node_ok; then
    log "reusing $NODE_BIN ($("$NODE_BIN" --version))"
    return
  fi
  install_debian_packages
  log "installing Rust $WASM_TOOLCHAIN for the node's Wasm runtime"
  rustup toolchain install "$WASM_TOOLCHAIN" --profile minimal \
    --component rust-src --target wasm32-unknown-unknown
  local src="$HOME_DIR/src/contracts-node-$NODE_VERSION"
  if [ ! -f "$src/Cargo.toml" ]; then
    log "downloading contracts-node $NODE_VERSION from crates.io"
    mkdir -p "$HOME_DIR/src"
    curl -fsSL "https://static.crates.io/crates/contracts-node/contracts-node-$NODE_VERSION.crate" \
      -o "$HOME_DIR/src/contracts-node-$NODE_VERSION.crate"
    tar -xzf "$HOME_DIR/src/contracts-node-$NODE_VERSION.crate" -C "$HOME_DIR/src"
  fi
  log "building contracts-node $NODE_VERSION (72 to 112 minutes on 2 cores, docs/deploy.md; resumable)"
  local start=$SECONDS
  WASM_BUILD_WORKSPACE_HINT="$src" WASM_BUILD_TOOLCHAIN="$WASM_TOOLCHAIN" \
    CARGO_TARGET_DIR="$HOME_DIR/target-node" \
    cargo install --locked --path "$src" --root "$HOME_DIR" --force
  log "contracts-node built in $(((SECONDS - start) / 60)) min"
  node_ok || { log "the installed node does not report version $NODE_VERSION"; exit 1; }
}

install_contract() {
  if contract_ok; then
    log "reusing $CONTRACT_BIN ($("$CONTRACT_BIN" contract --version))"
    return
  fi
  log "building cargo-contract $CONTRACT_VERSION (about 26 minutes on 2 cores; resumable)"
  local start=$SECONDS
  CARGO_TARGET_DIR="$HOME_DIR/target-contract" \
    cargo install --locked cargo-contract --version "$CONTRACT_VERSION" --root "$CONTRACT_ROOT" --force
  log "cargo-contract built in $(((SECONDS - start) / 60)) min"
  contract_ok || { log "the installed cargo-contract does not report $CONTRACT_VERSION"; exit 1; }
}

answers() {
  curl -fs -H 'Content-Type: application/json' \
    -d '{"id":1,"jsonrpc":"2.0","method":"system_health","params":[]}' "$RPC_URL" >/dev/null 2>&1
}

running_pid() {
  if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
    cat "$PID_FILE"
  fi
}

start() {
  if [ -n "$(running_pid)" ]; then
    log "already running (pid $(running_pid)), RPC $RPC_URL"
    return
  fi
  if answers; then
    log "something else already answers on $RPC_URL; stop it first"
    exit 1
  fi
  mkdir -p "$HOME_DIR"
  # 127.0.0.1 only: RPC binds there by default; peer-to-peer would listen
  # on every interface without --listen-addr. No telemetry.
  "$NODE_BIN" --dev --tmp --rpc-port "$RPC_PORT" --rpc-cors all \
    --listen-addr "/ip4/127.0.0.1/tcp/${SHART_NODE_P2P_PORT:-30333}" --no-telemetry \
    >"$LOG_FILE" 2>&1 &
  echo $! >"$PID_FILE"
  for _ in $(seq 1 120); do
    if answers; then
      log "dev chain running: pid $(cat "$PID_FILE"), RPC ws://127.0.0.1:$RPC_PORT, log $LOG_FILE"
      log "stop it with: scripts/node.sh stop"
      return
    fi
    if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
      log "the node exited; last lines of $LOG_FILE:"
      tail -20 "$LOG_FILE" >&2
      exit 1
    fi
    sleep 0.5
  done
  log "the node did not answer within 60 s; see $LOG_FILE"
  exit 1
}

stop() {
  local pid
  pid=$(running_pid)
  if [ -z "$pid" ]; then
    log "not running"
    return
  fi
  kill "$pid"
  # Wait for it to exit, so that a `start` right after finds the port free.
  for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  rm -f "$PID_FILE"
  log "stopped pid $pid"
}

status() {
  if [ -n "$(running_pid)" ] && answers; then
    echo "running: pid $(running_pid), RPC ws://127.0.0.1:$RPC_PORT"
  else
    echo "not running"
  fi
  node_ok && echo "node: $NODE_BIN" || echo "node: not installed"
  contract_ok && echo "cargo-contract: $CONTRACT_BIN" || echo "cargo-contract: not installed"
}

case "${1:-up}" in
  install) install_node; install_contract ;;
  start) install_node; install_contract; start ;;
  up) install_node; install_contract; start ;;
  stop) stop ;;
  status) status ;;
  running) [ -n "$(running_pid)" ] && answers ;;
  *) echo "usage: scripts/node.sh [install|start|stop|status|running]" >&2; exit 2 ;;
esac
