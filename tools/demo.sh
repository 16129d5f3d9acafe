#!/usr/bin/env bash
# make demo: builds the binary and runs its one-command start, `archivegraph
# demo` (a local Neo4j unless NEO4J_URI points elsewhere, the sample corpus
# loaded, the API and explorer served).
set -euo pipefail
cd "$(dirname "$0")/.."

bin=bin/archivegraph
go build -o "$bin" ./cmd/archivegraph
export ARCHIVEGRAPH_ADDR=${ARCHIVEGRAPH_ADDR:-127.0.0.1:8080}
exec "$bin" demo
