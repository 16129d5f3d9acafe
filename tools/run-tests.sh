#!/usr/bin/env bash
# Runs every test of archivegraph: static checks, unit tests, and integration
# tests against a real Neo4j that this script starts on a spare port and stops
# afterwards. Integration tests fail (never skip) when the database is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

TEST_PORT=${TEST_PORT:-7688}
export NEO4J_LOCAL_PORT=$TEST_PORT
export NEO4J_LOCAL_HOME=${NEO4J_LOCAL_HOME:-$PWD/.neo4j/test-$TEST_PORT}
log_dir=${TEST_LOG_DIR:-$PWD/tmp/test}
mkdir -p "$log_dir"

step() { printf '\n== %s\n' "$*"; }

command -v go >/dev/null || { echo "make test: go is not installed (Go 1.26 needed)" >&2; exit 1; }

step "static checks: gofmt, go vet, staticcheck"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './web/*'))
if [ -n "$unformatted" ]; then echo "gofmt would change: $unformatted" >&2; exit 1; fi
go vet ./...
go run honnef.co/go/tools/cmd/staticcheck@v0.6.1 ./...
bash tools/check-compose.sh

step "NetworkX for the export tests, in a virtual environment under tmp/"
# The GraphML and GEXF exports are checked by reading them back with NetworkX.
if [ ! -x tmp/venv/bin/python ] || ! tmp/venv/bin/python -c 'import networkx' 2>/dev/null; then
  python3 -m venv tmp/venv
  tmp/venv/bin/pip install -q networkx==3.6.1
fi
export ARCHIVEGRAPH_PYTHON=$PWD/tmp/venv/bin/python
echo "networkx $($ARCHIVEGRAPH_PYTHON -c 'import networkx; print(networkx.__version__)')"

step "starting a throw-away Neo4j on 127.0.0.1:$TEST_PORT"
tools/neo4j-local/neo4j-local down >/dev/null 2>&1 || true
rm -rf "$NEO4J_LOCAL_HOME"
stop_neo4j() { tools/neo4j-local/neo4j-local down >/dev/null 2>&1 || true; }
trap stop_neo4j EXIT
tools/neo4j-local/neo4j-local up

export ARCHIVEGRAPH_TEST_NEO4J_URI="neo4j://127.0.0.1:$TEST_PORT"
export ARCHIVEGRAPH_REQUIRE_NEO4J=1

step "go test (unit and integration; packages one at a time, as they share the database)"
set +e
go test -count=1 -p 1 -v ./... >"$log_dir/go-test.log" 2>&1
status=$?
set -e
grep -E '^(ok|FAIL|---|panic:|\?)|^\s+--- (FAIL|SKIP)|_test\.go:[0-9]+:' "$log_dir/go-test.log" | grep -v -e '--- PASS' -e 'integration: real Neo4j' || true
passed=$(grep -cE '^\s*--- PASS' "$log_dir/go-test.log" || true)
failed=$(grep -cE '^\s*--- FAIL' "$log_dir/go-test.log" || true)
skipped=$(grep -cE '^\s*--- SKIP' "$log_dir/go-test.log" || true)
integration=$(grep -cE 'integration: real Neo4j at' "$log_dir/go-test.log" || true)
echo
echo "integration: $integration test(s) ran against the real Neo4j at $ARCHIVEGRAPH_TEST_NEO4J_URI"
if [ "$integration" -eq 0 ]; then echo "no integration test reached the database" >&2; exit 1; fi
echo "full log: $log_dir/go-test.log"
if [ "$status" -ne 0 ]; then
  echo "go test failed (exit $status)" >&2
  echo "tests: $passed passed, $failed failed, $skipped skipped"
  exit "$status"
fi

step "fuzzing the readers and the recogniser briefly (no panics, offsets inside the text)"
for target in FuzzRead FuzzReadHTML FuzzReadJSONL FuzzReadTEI FuzzRecognise; do
  go test ./extractor -run '^$' -fuzz "^${target}\$" -fuzztime="${FUZZ_TIME:-5s}" >"$log_dir/fuzz-$target.log" 2>&1 \
    || { cat "$log_dir/fuzz-$target.log" >&2; echo "fuzz: $target failed" >&2; exit 1; }
  echo "fuzz: $target ok ($(grep -oE 'execs: [0-9]+' "$log_dir/fuzz-$target.log" | tail -1))"
done

# --- the web explorer in a real browser (web/e2e/run.sh): after go test,
# whose integration tests wipe the database this step fills.
step "web explorer: page unit tests and end-to-end tests in headless Chromium"
web/e2e/run.sh

echo
echo "tests: $passed passed, $failed failed, $skipped skipped"
