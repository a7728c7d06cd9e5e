#!/usr/bin/env bash
# Checks the operations files as far as this machine allows (docs/operations.md):
#   - the systemd units parse and name only known keys (systemd-analyze verify, where present),
#     and keep their sandboxing;
#   - the nginx and Caddy examples parse (nginx -t, caddy validate, where present) and keep
#     the inbox's timeouts and body limit;
#   - every asi-inbox and asi command written in docs/operations.md exists with the options
#     it is written with (`<command> --help` runs and names each option).
# Usage: scripts/check-ops.sh [BIN_DIR]   (default target/debug, with asi-inbox and asi built)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN_DIR="$(cd "${1:-$ROOT/target/debug}" && pwd)"
OPS="$ROOT/docs/ops"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failed=0
fail() { echo "check-ops: FAILED: $*" >&2; failed=1; }
ok() { echo "check-ops: ok: $*"; }

# Lines that must stay in a file (the sandboxing, the inbox's limits).
must_have() {
  local file="$1"; shift
  for line in "$@"; do
    grep -qxF -- "$line" <(sed 's/^[[:space:]]*//' "$file") || fail "$(basename "$file") lacks: $line"
  done
}

must_have "$OPS/asi-inbox.service" \
  "User=asi-inbox" "NoNewPrivileges=yes" "ProtectSystem=strict" \
  "ReadWritePaths=/var/lib/asi-inbox" "PrivateTmp=yes" "ProtectHome=yes" \
  "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX" "UMask=0077" "LimitNOFILE=8192" \
  "RestartPreventExitStatus=2" \
  "ExecStart=/usr/local/bin/asi-inbox --config /etc/asi-inbox/inbox.toml"
must_have "$OPS/asi-inbox-backup.service" \
  "NoNewPrivileges=yes" "ProtectSystem=strict" "UMask=0077" \
  "ReadWritePaths=/var/lib/asi-inbox /var/backups/asi-inbox"
must_have "$OPS/nginx.conf" \
  "client_header_timeout 10s;" "client_body_timeout 30s;" "client_max_body_size 256k;" \
  "keepalive_timeout 60s;" "send_timeout 30s;" "gzip off;" "access_log off;"
must_have "$OPS/Caddyfile" "read_header 10s" "read_body 30s" "idle 60s" "max_size 256KB"
if grep -qE '^[[:space:]]*(encode|log)([[:space:]]|$)' "$OPS/Caddyfile"; then
  fail "Caddyfile: no encode (the inbox sends precompressed files) and no log (addresses)"
fi
if grep -q 'remote_addr\|\$request[^_]' "$OPS/nginx.conf"; then
  fail "nginx.conf logs an address or a path"
fi

if command -v systemd-analyze > /dev/null; then
  # The units as installed, but running the binary built here.
  for unit in asi-inbox.service asi-inbox-backup.service asi-inbox-backup.timer; do
    sed "s#/usr/local/bin/asi-inbox#$BIN_DIR/asi-inbox#g" "$OPS/$unit" > "$work/$unit"
  done
  if out="$(cd "$work" && systemd-analyze verify --man=no ./asi-inbox.service \
      ./asi-inbox-backup.service ./asi-inbox-backup.timer 2>&1)" && [ -z "$out" ]; then
    ok "systemd units (systemd-analyze verify)"
  else
    fail "systemd-analyze verify: $out"
  fi
else
  echo "check-ops: skipped: systemd-analyze verify (not installed); the key checks above ran"
fi

if command -v nginx > /dev/null && command -v openssl > /dev/null; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=svar.example.dk \
    -keyout "$work/key.pem" -out "$work/cert.pem" 2> /dev/null
  sed -e "s#/etc/letsencrypt/live/svar.example.dk/fullchain.pem#$work/cert.pem#" \
    -e "s#/etc/letsencrypt/live/svar.example.dk/privkey.pem#$work/key.pem#" \
    -e "s#/var/log/nginx/#$work/#" "$OPS/nginx.conf" > "$work/site.conf"
  printf 'pid %s/nginx.pid;\nerror_log %s/error.log;\nevents {}\nhttp {\n  access_log %s/access.log;\n  include %s/site.conf;\n}\n' \
    "$work" "$work" "$work" "$work" > "$work/nginx-main.conf"
  if out="$(nginx -t -q -c "$work/nginx-main.conf" 2>&1)"; then
    ok "nginx.conf (nginx -t)"
  else
    fail "nginx -t: $out"
  fi
else
  echo "check-ops: skipped: nginx -t (nginx not installed: apt-get install nginx-light)"
fi

if command -v caddy > /dev/null; then
  if out="$(cd "$work" && caddy validate --config "$OPS/Caddyfile" --adapter caddyfile 2>&1)"; then
    ok "Caddyfile (caddy validate)"
  else
    fail "caddy validate: $out"
  fi
else
  echo "check-ops: skipped: caddy validate (caddy not installed: apt-get install caddy)"
fi

commands="$(python3 - "$ROOT/docs/operations.md" << 'PY'
import re, shlex, sys
text = open(sys.argv[1], encoding="utf-8").read()
found = []
# Lines of ```sh blocks, and inline code spans (which may wrap) outside fenced blocks.
for block in re.findall(r"^\s*```sh\n(.*?)^\s*```", text, re.S | re.M):
    found += [line.strip() for line in block.splitlines()]
prose = re.sub(r"^\s*```.*?^\s*```", "", text, flags=re.S | re.M)
found += [" ".join(span.split()) for span in re.findall(r"`([^`]+)`", prose)]
for line in found:
    try:
        words = shlex.split(line.split("#")[0])
    except ValueError:
        continue
    # Leading environment assignments and `sudo [-u USER]`.
    while words and (re.match(r"^[A-Z_]+=", words[0]) or words[0] == "sudo"):
        words = words[3:] if words[0] == "sudo" and words[1:2] == ["-u"] else words[1:]
    if words and words[0].rsplit("/", 1)[-1] in ("asi", "asi-inbox") and len(words[0]) > 0:
        binary = words[0].rsplit("/", 1)[-1]
        sub = []
        for w in words[1:]:
            if w.startswith("-") or not re.match(r"^[a-z]+$", w):
                break
            sub.append(w)
        flags = sorted({w.split("=")[0] for w in words[1:] if w.startswith("--")})
        print(binary, " ".join(sub), " ".join(flags), sep=";")
PY
)"
checked=0
while IFS=';' read -r binary sub flags; do
  [ -n "$binary" ] || continue
  name="$binary${sub:+ $sub}"
  # shellcheck disable=SC2086
  if ! help="$("$BIN_DIR/$binary" $sub --help 2>&1)"; then
    fail "docs/operations.md: '$name' does not run: $help"
    continue
  fi
  for flag in $flags; do
    grep -qE -- "(^|[^-a-z])$flag([^-a-z]|$)" <<< "$help" || fail "docs/operations.md: '$name' has no option $flag"
  done
  checked=$((checked + 1))
done < <(sort -u <<< "$commands")
[ "$checked" -gt 0 ] || fail "no command found in docs/operations.md"
ok "$checked commands of docs/operations.md exist with their options"

# The example configuration is one the inbox takes: with a real key and hash in place of the
# placeholders, `asi-inbox backup` gets past the configuration (exit 2 if not) to the missing
# database (exit 1).
public_key="$("$BIN_DIR/asi" keygen --out "$work/clinic.key" | sed -E 's/.*"public_key":"([^"]+)".*/\1/')"
python3 - "$ROOT/docs/operations.md" "$work" "$public_key" > "$work/inbox.toml" << 'PY'
import re, sys
text, work, key = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2], sys.argv[3]
block = next(b for b in re.findall(r"^```toml\n(.*?)^```", text, re.S | re.M) if "listen =" in b)
block = re.sub(r'public_key = "<[^>]*>"', f'public_key = "{key}"', block)
block = re.sub(r'reader_token_sha256 = "<[^>]*>"', 'reader_token_sha256 = "' + "ab" * 32 + '"', block)
block = re.sub(r'database = "[^"]*"', f'database = "{work}/none.sqlite"', block)
print(re.sub(r'app_dir = "[^"]*"', f'app_dir = "{work}"', block))
PY
set +e
out="$("$BIN_DIR/asi-inbox" backup --config "$work/inbox.toml" --to "$work/copy.sqlite" 2>&1)"
status=$?
set -e
if [ "$status" -eq 1 ] && grep -q "there is no database" <<< "$out"; then
  ok "the example configuration of docs/operations.md loads"
else
  fail "the example configuration of docs/operations.md: $out"
fi

exit "$failed"
