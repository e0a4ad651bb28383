#!/usr/bin/env bash
# Deploy eds_registry and service_agreement to a running chain with the dev
# keyring, write deployment records, then check them against this checkout
# and the chain.
#
#   scripts/deploy.sh                        local node from scripts/node.sh
#   scripts/deploy.sh --url ws://HOST:PORT   another dev chain
#   scripts/deploy.sh --records DIR          records elsewhere (default deployments/local-dev)
#
# The same as `cargo run -- node deploy` followed by `cargo run -- node
# verify` on the records it wrote; docs/deploy.md explains both.
set -euo pipefail
cd "$(dirname "$0")/.."

url=ws://127.0.0.1:9944
records=deployments/local-dev
while [ $# -gt 0 ]; do
  case "$1" in
    --url) url="$2"; shift 2 ;;
    --records) records="$2"; shift 2 ;;
    *) echo "usage: scripts/deploy.sh [--url URL] [--records DIR]" >&2; exit 2 ;;
  esac
done

if [ "$url" = ws://127.0.0.1:9944 ] && ! scripts/node.sh running; then
  echo "deploy.sh: no local chain runs; start one with scripts/node.sh" >&2
  exit 1
fi
cargo run --quiet -- node deploy --url "$url" --records "$records"
cargo run --quiet -- node verify --url "$url" "$records/eds_registry.json" "$records/service_agreement.json"
