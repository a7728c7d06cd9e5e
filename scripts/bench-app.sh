#!/usr/bin/env bash
# Builds the release app and measures a first visit on a slow-4G, 4x-CPU profile beside the
# plain-HTML floor (the same form without script): the time until the first question is
# interactive, bytes and requests before it and in all, layout shift, and the time from a
# typed answer to "saved on this device"; then the time to seal one response in the browser.
# RUNS (default 5) loads of each. Results: e2e/bench/results/first-visit.json, docs/benchmarks.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_build_tools
ensure_chromium
ensure_e2e_deps
build_app
say "the inbox (it serves the app to the benchmarks) and the asi command line"
cargo build -p asi-inbox -p asi-cli --locked
say "measuring a first visit (the app and the plain-HTML floor, ${RUNS:-5} runs each)"
ASI_BIN_DIR="$ROOT/target/debug" node e2e/bench/first-visit.mjs "${RUNS:-5}"
say "measuring the time to seal one response in the browser"
(cd e2e && ASI_BIN_DIR="$ROOT/target/debug" npx playwright test -c bench/bench.config.ts)
