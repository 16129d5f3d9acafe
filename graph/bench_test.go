package graph_test

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"testing"

	"github.com/archivegraph/archivegraph/graph"
)

// benchDocs is the size of BenchmarkQueries' generated archive:
// ARCHIVEGRAPH_BENCH_DOCS, default 2000.
func benchDocs(tb testing.TB) int {
	tb.Helper()
	if s := os.Getenv("ARCHIVEGRAPH_BENCH_DOCS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			tb.Fatalf("ARCHIVEGRAPH_BENCH_DOCS=%q: want a positive number", s)
		}
		return n
	}
	return 2000
}

// BenchmarkQueries measures each read query, one at a time, on a generated
// archive of densely connected entities (every entity is in hundreds of
// documents: the worst case for neighbourhoods and paths).
func BenchmarkQueries(b *testing.B) {
	store := openStore(b)
	ctx := context.Background()
	docs := generated("bench", benchDocs(b), 8)
	for i := 0; i < len(docs); i += 1000 {
		mustLoad(b, store, docs[i:min(i+1000, len(docs))]...)
	}
	year := graph.Period{From: "1955", To: "1955"}
	queries := []struct {
		name string
		run  func() error
	}{
		{"search", func() error { _, err := store.SearchEntities(ctx, "Name 042", "", 20, 0); return err }},
		{"search-typo", func() error { _, err := store.SearchEntities(ctx, "Nmae 042", "", 20, 0); return err }},
		{"entity", func() error { _, err := store.Entity(ctx, "person/e-000"); return err }},
		{"neighbors", func() error { _, err := store.Neighbors(ctx, "person/e-000", graph.NeighborFilter{}); return err }},
		{"neighbors-period", func() error {
			_, err := store.Neighbors(ctx, "person/e-000", graph.NeighborFilter{Period: year})
			return err
		}},
		{"meetings-person", func() error { _, err := store.Meetings(ctx, graph.MeetingFilter{Person: "Name 000"}); return err }},
		{"meetings-person-with", func() error {
			_, err := store.Meetings(ctx, graph.MeetingFilter{Person: "person/e-000", With: "Name 065"})
			return err
		}},
		{"meetings-all-period", func() error { _, err := store.Meetings(ctx, graph.MeetingFilter{Period: year}); return err }},
		{"paths", func() error {
			_, err := store.Paths(ctx, graph.PathQuery{From: "person/e-000", To: "place/e-004"})
			return err
		}},
		{"communities-period", func() error { _, err := store.Communities(ctx, graph.CommunityQuery{Period: year}); return err }},
		{"documents-search", func() error {
			_, err := store.Documents(ctx, graph.DocumentFilter{Query: "spoke", Period: year})
			return err
		}},
		{"documents-list", func() error { _, err := store.Documents(ctx, graph.DocumentFilter{Offset: 500}); return err }},
		{"subgraph", func() error {
			return store.Subgraph(ctx, graph.SubgraphQuery{Seeds: []string{"person/e-000"}, Depth: 2}, &countingSink{})
		}},
	}
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				if err := q.run(); err != nil {
					b.Fatalf("%s: %v", q.name, err)
				}
			}
		})
	}
}

// heapSink counts what it is sent and samples the heap every 500 records.
type heapSink struct {
	countingSink
	peak uint64
}

func (h *heapSink) sample() {
	if (h.nodes+h.edges)%500 == 0 {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		h.peak = max(h.peak, m.HeapInuse)
	}
}

func (h *heapSink) Node(n graph.SubgraphNode) error { h.sample(); return h.countingSink.Node(n) }
func (h *heapSink) Edge(e graph.SubgraphEdge) error { h.sample(); return h.countingSink.Edge(e) }

// BenchmarkSubgraphStream streams a 5,051-node, 5,050-edge subgraph to a
// sink that keeps nothing, and reports the peak heap in use while it
// streams beside the allocations: the heap should stay near the node ids
// the store must remember, not grow with the records sent.
func BenchmarkSubgraphStream(b *testing.B) {
	store := openStore(b)
	mustLoad(b, store, star(50, 100)...)
	ctx := context.Background()
	q := graph.SubgraphQuery{Seeds: []string{"state/centre"}, Depth: 2, Limit: graph.MaxSubgraphNodes}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var peak uint64
	b.ReportAllocs()
	for b.Loop() {
		sink := &heapSink{}
		if err := store.Subgraph(ctx, q, sink); err != nil {
			b.Fatalf("Subgraph: %v", err)
		}
		if sink.nodes != 5051 || sink.edges != 5050 {
			b.Fatalf("Subgraph streamed %d nodes, %d edges; want 5051, 5050", sink.nodes, sink.edges)
		}
		peak = max(peak, sink.peak)
	}
	b.ReportMetric(float64(peak-min(peak, before.HeapInuse))/(1<<20), "peak-heap-MB")
	b.ReportMetric(5051+5050, "records/op")
}
