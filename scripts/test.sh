#!/usr/bin/env bash
# Runs every test: formatting, lints, native tests, wasm tests in headless Chromium, the
# release build, and the end-to-end tests against it. Installs what is missing first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
started=$SECONDS
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
exec > >(tee "$log") 2>&1

ensure_build_tools
ensure_chromium
ensure_e2e_deps

say "cargo fmt --check"
cargo fmt --all -- --check

say "the app's modules import each other in no cycle, and its state imports no service"
cargo test -p asi-app --test module_cycles --locked

say "cargo clippy (native, all targets)"
cargo clippy --workspace --all-targets --locked -- -D warnings

say "cargo clippy (wasm32: the app, the reader, the instrument, envelope and export crates)"
cargo clippy -p asi-app --all-targets --target wasm32-unknown-unknown --locked -- -D warnings
cargo clippy -p asi-reader-app --target wasm32-unknown-unknown --locked -- -D warnings
cargo clippy -p asi-instrument -p asi-envelope -p asi-export --lib --target wasm32-unknown-unknown --locked -- -D warnings

say "native tests"
# The build's renderer of the first screens on its own: it turns on Leptos's HTML renderer
# (`tachys/ssr`), which Cargo would otherwise unify into every crate built with it.
cargo test --workspace --exclude asi-prerender --locked
cargo test -p asi-prerender --locked

say "the instrument and envelope crates build for wasm32"
cargo build -p asi-instrument -p asi-envelope --target wasm32-unknown-unknown --locked

say "wasm tests in headless Chromium"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  CHROMEDRIVER=/usr/bin/chromedriver \
  WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test -p asi-app --target wasm32-unknown-unknown --locked

build_app

say "the inbox and the asi command line for the end-to-end tests"
cargo build -p asi-inbox -p asi-cli --locked

say "the operations files: systemd units, proxy configurations, the commands of docs/operations.md"
scripts/check-ops.sh target/debug

say "end-to-end tests (Playwright, Chromium; sending against a real inbox)"
(cd e2e && ASI_BIN_DIR="$ROOT/target/debug" npx playwright test)

elapsed=$((SECONDS - started))
say "all tests passed in $((elapsed / 60)) min $((elapsed % 60)) s"
# One closing line over every runner: cargo's "test result" lines and Playwright's summary.
awk '/^test result: /   { p += $4; f += $6 }
     /^ *[0-9]+ passed \(/ { p += $1 }
     /^ *[0-9]+ failed$/   { f += $1 }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
