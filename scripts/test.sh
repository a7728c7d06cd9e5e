#!/usr/bin/env bash
# Runs every test: formatting, lints, native tests, wasm tests in headless Chromium, the
# release build, and the end-to-end tests against it. Installs what is missing first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
started=$SECONDS

ensure_build_tools
ensure_chromium
ensure_e2e_deps

say "cargo fmt --check"
cargo fmt --all -- --check

say "cargo clippy (native, all targets)"
cargo clippy --workspace --all-targets --locked -- -D warnings

say "cargo clippy (wasm32: the app and the instrument crate)"
cargo clippy -p asi-app -p asi-instrument --all-targets --target wasm32-unknown-unknown --locked -- -D warnings

say "native tests"
cargo test --workspace --locked

say "the instrument crate builds for wasm32"
cargo build -p asi-instrument --target wasm32-unknown-unknown --locked

say "wasm tests in headless Chromium"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  CHROMEDRIVER=/usr/bin/chromedriver \
  WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test -p asi-app --target wasm32-unknown-unknown --locked

build_app

say "end-to-end tests (Playwright, Chromium)"
(cd e2e && npx playwright test)

elapsed=$((SECONDS - started))
say "all tests passed in $((elapsed / 60)) min $((elapsed % 60)) s"
