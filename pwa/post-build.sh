#!/usr/bin/env bash
# Trunk's post-build hook (Trunk.toml): first the first screens into index.html
# (crates/prerender, docs/first-screens.md), then the service worker's file list and the
# compressed copies (precache.mjs) — in this order, so both see the final index.html.
set -euo pipefail
: "${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
cargo run --quiet --locked -p asi-prerender
node pwa/precache.mjs
