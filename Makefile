# archivegraph — build, test and run.
#
#   make demo   start the product on the sample corpus (local Neo4j included)
#   make test   run every test against a throw-away local Neo4j
#   make load   load benchmark of the API on a generated 10,000-document graph

GO        ?= go
BIN       := bin/archivegraph
NEO4J     := tools/neo4j-local/neo4j-local
TEST_PORT ?= 7688

.PHONY: build test unit-test neo4j-up neo4j-down demo eval bench lint fmt clean

build:
	$(GO) build -o $(BIN) ./cmd/archivegraph

# The local development database on 127.0.0.1:7687 (data in .neo4j/7687).
neo4j-up:
	@$(NEO4J) up

neo4j-down:
	@$(NEO4J) down

# Every test: unit tests, then integration tests against a dedicated Neo4j on
# $(TEST_PORT) that is started here and stopped afterwards.
test:
	@tools/run-tests.sh

demo: build
	@tools/demo.sh

# Score person recognition and meetings on the FRUS dev volume.
eval:
	@tools/eval.sh

# Extraction speed on one core, against prose's own pipeline.
bench:
	$(GO) test -run '^$$' -bench ExtractCorpus -benchtime=1x -cpu 1 ./extractor/

lint:
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.6.1 ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); echo "gofmt: files above need formatting"; exit 1)

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin

# Peak memory of `archivegraph extract` on a generated 100 MB corpus
# (MB=200 make mem for another size).
.PHONY: mem
mem:
	@tools/mem.sh

# p50/p95/p99 of search, neighbours and meetings at 200 requests/s on a
# generated 10,000-document graph, and subgraph export timings.
.PHONY: load
load:
	@tools/loadtest.sh

# The web explorer: rebuild the bundle that the binary embeds (web/dist,
# committed) from web/src, after changing the page or its packages.
.PHONY: web web-perf
web:
	cd web && npm ci --no-audit --no-fund --loglevel=error && node build.mjs

# Frames per second and layout time of the explorer on a generated graph
# in headless Chromium (PERF_NODES="1000 10000" for several sizes).
PERF_NODES ?= 10000
web-perf:
	cd web && npm ci --no-audit --no-fund --loglevel=error && node perf/perf.mjs $(PERF_NODES)
