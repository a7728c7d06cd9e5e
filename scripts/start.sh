#!/usr/bin/env bash
# Starts the product on localhost: builds the app and serves it.
# PORT (default 8080) sets the port.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

ensure_build_tools
build_app

port="${PORT:-8080}"
say "serving the app on http://localhost:$port/ (Ctrl-C stops it)"
exec node "$ROOT/e2e/serve.mjs" "$ROOT/dist" "$port"
