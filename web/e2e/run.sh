#!/usr/bin/env bash
# Browser tests of the explorer against the real server and database.
#
# Installs Debian's Chromium if it is missing, builds archivegraph, loads
# the sample corpora into the Neo4j at ARCHIVEGRAPH_TEST_NEO4J_URI, serves
# it on a spare local port, then runs the page's unit tests and the
# end-to-end tests with node's test runner. Screenshots and downloads go to
# tmp/e2e-screenshots/, the server's log to tmp/e2e/serve.log.
#
# The Go integration tests wipe that database: run this after them.
set -euo pipefail
cd "$(dirname "$0")/../.."

: "${ARCHIVEGRAPH_TEST_NEO4J_URI:?set ARCHIVEGRAPH_TEST_NEO4J_URI to a Neo4j these tests may fill}"
work=$PWD/tmp/e2e
export ARCHIVEGRAPH_E2E_SCREENSHOTS=${ARCHIVEGRAPH_E2E_SCREENSHOTS:-$PWD/tmp/e2e-screenshots}
mkdir -p "$work"
rm -rf "$ARCHIVEGRAPH_E2E_SCREENSHOTS"

corpora=(examples/corpus ../shared/corpus/seeds)
for c in "${corpora[@]}"; do
  [ -d "$c" ] || { echo "web e2e: corpus $c is missing (the tests look for Khrushchev meeting Ho Chi Minh in it)" >&2; exit 1; }
done

if [ ! -x /usr/bin/chromium ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  # A machine that never ran apt-get update knows no candidate yet.
  if ! apt-cache policy chromium 2>/dev/null | grep -q 'Candidate: [0-9]'; then $sudo apt-get update -qq; fi
  echo "web e2e: installing Debian's chromium"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >"$work/apt.log" 2>&1 \
    || { cat "$work/apt.log" >&2; echo "web e2e: could not install chromium" >&2; exit 1; }
fi
echo "web e2e: $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"

# npm ci only when the installed packages are not the locked ones.
if ! cmp -s web/package-lock.json web/node_modules/.archivegraph-lock 2>/dev/null; then
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
  cp web/package-lock.json web/node_modules/.archivegraph-lock
fi

go build -o "$work/archivegraph" ./cmd/archivegraph
NEO4J_URI=$ARCHIVEGRAPH_TEST_NEO4J_URI "$work/archivegraph" ingest "${corpora[@]}"

port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
NEO4J_URI=$ARCHIVEGRAPH_TEST_NEO4J_URI "$work/archivegraph" serve --addr "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
export ARCHIVEGRAPH_E2E_URL="http://127.0.0.1:$port"
for _ in $(seq 60); do
  if node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$ARCHIVEGRAPH_E2E_URL/readyz"; then break; fi
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; echo "web e2e: the server stopped" >&2; exit 1; }
  sleep 0.5
done

cd web
node --test test/ e2e/
echo "web e2e: screenshots in ${ARCHIVEGRAPH_E2E_SCREENSHOTS#"$OLDPWD/"}/"
