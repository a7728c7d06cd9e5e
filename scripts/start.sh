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
host_port="${HOST_PORT:-8081}"
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
# Sites allowed to show the form in a frame: the example clinic page this script serves.
embed_origins = ["http://localhost:$host_port"]
# Every form at every timepoint it can be used at (no offers key), including Inddragelse,
# and Trivsel & forbrug with the two alcohol questions.
optional_sections = { trivsel = ["alcohol_use"] }
TOML

# An example clinic web page on a second origin that embeds the intake form (docs/embed.md).
mkdir -p "$demo/host"
cat > "$demo/host/index.html" <<HTML
<!DOCTYPE html>
<html lang="da">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo Rusmiddelcenter – indskrivning</title></head>
<body>
<h1>Demo Rusmiddelcenter</h1>
<p>Et eksempel på klinikkens egen side, der viser indskrivningsskemaet med embed.js.</p>
<script src="http://localhost:$port/embed.js" data-clinic="demo" data-form="asi_kort" data-mode="identified"></script>
</body>
</html>
HTML
node "$ROOT/scripts/host-page.mjs" "$demo/host/index.html" "$host_port" "http://localhost:$port" &
host_pid=$!
trap 'kill $host_pid 2>/dev/null' EXIT

say "the app and the inbox on http://localhost:$port   (Ctrl-C stops them)"
echo "    anonymous self-test:  http://localhost:$port/selvtest?klinik=demo"
echo "    identified intake:    http://localhost:$port/?klinik=demo&mode=identified"
echo "    embedded on a site:   http://localhost:$host_port/"
echo "    follow-up links:      target/release/asi links --inbox http://localhost:$port --token-file .demo/reader-token --clinic demo --form trivsel --timepoint midway refs.csv"
echo "    demo clinic:   demo — public key $public_key"
echo "    private key:   .demo/clinic.key      reader token: .demo/reader-token"
"$ROOT/target/release/asi-inbox" --config "$demo/inbox.toml"
