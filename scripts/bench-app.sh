#!/usr/bin/env bash
# Builds the release app and measures a first visit (compressed bytes and the time until the
# first question is interactive on a slow-4G, 4x-CPU profile) and the time to seal one
# response in the browser. Results: docs/benchmarks.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_build_tools
ensure_chromium
ensure_e2e_deps
build_app
say "the inbox (it serves the app to the benchmarks) and the asi command line"
cargo build -p asi-inbox -p asi-cli --locked
say "measuring a first visit"
ASI_BIN_DIR="$ROOT/target/debug" node e2e/bench/first-visit.mjs "${RUNS:-5}"
say "measuring the time to seal one response in the browser"
(cd e2e && ASI_BIN_DIR="$ROOT/target/debug" npx playwright test -c bench/bench.config.ts)
