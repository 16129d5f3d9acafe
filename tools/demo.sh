#!/usr/bin/env bash
# The one-command start: a local Neo4j (unless NEO4J_URI points elsewhere),
# the sample corpus loaded, and the API and explorer served.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=bin/archivegraph
[ -x "$bin" ] || go build -o "$bin" ./cmd/archivegraph

if [ -z "${NEO4J_URI:-}" ]; then
  tools/neo4j-local/neo4j-local up
fi
"$bin" ingest examples/corpus
export ARCHIVEGRAPH_ADDR=${ARCHIVEGRAPH_ADDR:-127.0.0.1:8080}
echo "open http://$ARCHIVEGRAPH_ADDR/ (Ctrl-C stops the server; 'make neo4j-down' stops the database)"
exec "$bin" serve
