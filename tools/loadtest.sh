#!/usr/bin/env bash
# Load benchmark of the API, from nothing: starts a throw-away Neo4j, writes
# a corpus of DOCS documents varied from the sample corpus, ingests it (and
# reports the throughput), serves the API on 127.0.0.1, waits for its read
# index (graph/snapshot.go), runs tools/loadtest
# at RATE requests per second for DURATION per endpoint plus a mixed phase,
# times subgraph exports in every format with the server's memory, and stops
# everything it started.
#
#   make load                       # 10,000 documents, 200 requests/s, 30 s per phase
#   DOCS=20000 RATE=100 make load
set -euo pipefail
cd "$(dirname "$0")/.."

DOCS=${DOCS:-10000}
RATE=${RATE:-200}
DURATION=${DURATION:-30s}
PORT=${LOAD_NEO4J_PORT:-7695}
API_PORT=${LOAD_API_PORT:-8095}
dir=tmp/load-$DOCS
log_dir=tmp/load-logs
mkdir -p "$log_dir"

export NEO4J_LOCAL_PORT=$PORT
export NEO4J_LOCAL_HOME=$PWD/.neo4j/load-$PORT
export NEO4J_URI=neo4j://127.0.0.1:$PORT
# The 10,000-document store is about 0.9 GB: a database serving it is given
# a page cache that holds it, as any deployment would be. With the launcher's
# development default (128m) every query reads through the OS instead.
export NEO4J_LOCAL_PAGECACHE=${NEO4J_LOCAL_PAGECACHE:-2g}
export NEO4J_LOCAL_HEAP=${NEO4J_LOCAL_HEAP:-2g}

server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  tools/neo4j-local/neo4j-local down >/dev/null 2>&1 || true
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }

step "building"
go build -o bin/archivegraph ./cmd/archivegraph
go build -o bin/loadtest ./tools/loadtest

step "corpus: $DOCS documents in $dir"
if [ ! -f "$dir/.done" ]; then
  rm -rf "$dir"
  go run ./tools/gencorpus -docs "$DOCS" -out "$dir"
  touch "$dir/.done"
fi
du -sh --exclude=.done "$dir" | cut -f1

step "throw-away Neo4j on 127.0.0.1:$PORT"
tools/neo4j-local/neo4j-local down >/dev/null 2>&1 || true
rm -rf "$NEO4J_LOCAL_HOME"
tools/neo4j-local/neo4j-local up

step "ingest"
start=$(date +%s.%N)
bin/archivegraph ingest "$dir" 2>"$log_dir/ingest.err" | tee "$log_dir/ingest.log"
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="$DOCS" 'BEGIN { printf "ingest: %d documents in %.1f s = %.0f documents/s\n", n, e - s, n / (e - s) }'

step "API on 127.0.0.1:$API_PORT"
bin/archivegraph serve --addr "127.0.0.1:$API_PORT" >"$log_dir/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$API_PORT/readyz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -sf "http://127.0.0.1:$API_PORT/readyz" >/dev/null || { echo "the server did not start; see $log_dir/serve.log" >&2; exit 1; }

# The server answers from Neo4j until its read index is built; the
# benchmark measures the server as it runs from then on.
step "read index"
start=$(date +%s.%N)
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$API_PORT/metrics" | grep -q '^archivegraph_read_index_current 1' && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$API_PORT/metrics" | grep -q '^archivegraph_read_index_current 1' \
  || { echo "the read index was not built in 5 minutes; see $log_dir/serve.log" >&2; exit 1; }
curl -sf "http://127.0.0.1:$API_PORT/metrics" | grep '^archivegraph_read_index_\(pieces\|build_seconds\) '
awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "ready %.1f s after the server started answering\n", e - s }'

step "load: $RATE requests/s, $DURATION per phase"
set +e
bin/loadtest -base "http://127.0.0.1:$API_PORT" -rate "$RATE" -duration "$DURATION" -export -pid "$server_pid" | tee "$log_dir/loadtest.txt"
status=${PIPESTATUS[0]}
set -e
echo "results: $log_dir/loadtest.txt"
exit "$status"
