#!/usr/bin/env bash
# Starts the product on localhost: the inbox server with a demo clinic, serving the app.
# The demo clinic's key pair and reader token are made on the first start and kept in
# .demo/ (git-ignored). PORT (default 8080) sets the port.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

ensure_build_tools
build_app
say "building the inbox and the asi command line"
cargo build --release --locked -p asi-inbox -p asi-cli

port="${PORT:-8080}"
demo="$ROOT/.demo"
mkdir -p "$demo"
chmod 700 "$demo"
if [ ! -f "$demo/clinic.key" ]; then
  say "making the demo clinic's key pair (.demo/clinic.key)"
  "$ROOT/target/release/asi" keygen --out "$demo/clinic.key" > "$demo/clinic.pub.json"
fi
if [ ! -f "$demo/reader-token" ]; then
  head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' > "$demo/reader-token"
  chmod 600 "$demo/reader-token"
fi
public_key="$(sed -E 's/.*"public_key":"([^"]+)".*/\1/' "$demo/clinic.pub.json")"
token_hash="$(tr -d '\n' < "$demo/reader-token" | sha256sum | cut -d' ' -f1)"
cat > "$demo/inbox.toml" <<TOML
# Written by scripts/start.sh for the demo clinic; edit a copy for a real deployment.
listen = "127.0.0.1:$port"
database = "$demo/inbox.sqlite"
app_dir = "$ROOT/dist"
allowed_origins = []

[[clinics]]
id = "demo"
name = "Demo Rusmiddelcenter"
contact = "Tlf. 70 00 00 00 · hverdage 9–15"
public_key = "$public_key"
reader_token_sha256 = "$token_hash"
opening_hours = "Man–fre 9–15"
consent_text = "Jeg giver samtykke til, at Demo Rusmiddelcenter må se og bruge mine svar i min behandling. Jeg kan til enhver tid trække samtykket tilbage."
# Sites allowed to show the form in a frame: an example host page served on port 8081,
# e.g. python3 -m http.server 8081 in a folder with a page that frames this app.
embed_origins = ["http://localhost:8081"]
TOML

say "the app and the inbox: http://localhost:$port/?klinik=demo   (Ctrl-C stops them)"
echo "    demo clinic:   demo — public key $public_key"
echo "    private key:   .demo/clinic.key      reader token: .demo/reader-token"
exec "$ROOT/target/release/asi-inbox" --config "$demo/inbox.toml"
