package graph_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/archivegraph/archivegraph/extractor"
	"github.com/archivegraph/archivegraph/graph"
	"github.com/archivegraph/archivegraph/internal/neo4jtest"
)

// randomDoc builds version v of document i from r: a few entities out of a
// small pool, and evidence of every type between them whose dates spread
// over a few years, months and days, some undated, so that one document
// often adds to several yearly aggregates of the same pair.
func randomDoc(r *rand.Rand, i, v int) extractor.Document {
	const pool = 12
	var text strings.Builder
	var entities []extractor.Entity
	seen := map[string]bool{}
	for len(entities) < 2+r.IntN(3) {
		k := r.IntN(pool)
		typ := extractor.EntityTypes[k%len(extractor.EntityTypes)]
		id := fmt.Sprintf("%s/agg-%02d", strings.ToLower(typ), k)
		if seen[id] {
			continue
		}
		seen[id] = true
		name := fmt.Sprintf("Agg %02d", k)
		start := text.Len()
		fmt.Fprintf(&text, "%s spoke. ", name)
		entities = append(entities, extractor.Entity{ID: id, Name: name, Type: typ,
			Mentions: []extractor.Mention{{Start: start, End: start + len(name), Text: name}}})
	}
	dates := []string{"", "1956", "1957", "1957-03", "1957-03-05", "1957-11-30", "1958-01-02", "1959"}
	docDate := dates[1+r.IntN(len(dates)-1)]
	var relations []extractor.Relation
	// Two relation types per document make repeated pairs common.
	types := []string{
		extractor.RelationTypes[r.IntN(len(extractor.RelationTypes))],
		extractor.RelationTypes[r.IntN(len(extractor.RelationTypes))],
	}
	for j := 0; j < 4+r.IntN(10); j++ {
		a, b := entities[r.IntN(len(entities))], entities[r.IntN(len(entities))]
		relations = append(relations, extractor.Relation{
			Type: types[r.IntN(len(types))], Source: a.ID, Target: b.ID,
			Date: dates[r.IntN(len(dates))], Evidence: "They spoke.", Start: j, End: j + 5,
		})
	}
	return extractor.Document{
		ID: fmt.Sprintf("agg-%03d", i), Source: "generated", Title: fmt.Sprintf("Version %d", v),
		Date: docDate, Text: text.String(), Entities: entities, Relations: relations,
	}
}

// TestAggregatesStayExact loads, replaces and deletes random documents,
// first one at a time and then from several goroutines at once, and
// compares every aggregate edge with a recomputation from the evidence.
func TestAggregatesStayExact(t *testing.T) {
	store := openStore(t)
	ctx := context.Background()
	const docs = 30
	step := func(r *rand.Rand) error {
		i := r.IntN(docs)
		switch r.IntN(4) {
		case 0:
			err := store.DeleteDocument(ctx, fmt.Sprintf("agg-%03d", i))
			if errors.Is(err, graph.ErrNotFound) {
				return nil
			}
			return err
		case 1:
			batch := []extractor.Document{randomDoc(r, i, r.IntN(100)), randomDoc(r, (i+1)%docs, r.IntN(100))}
			_, err := store.Load(ctx, batch)
			return err
		default:
			_, err := store.Load(ctx, []extractor.Document{randomDoc(r, i, r.IntN(100))})
			return err
		}
	}
	tests := []struct {
		name             string
		workers, perStep int
	}{
		{"serial", 1, 60},
		{"concurrent", 4, 25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var wg sync.WaitGroup
			errs := make(chan error, tt.workers)
			for w := 0; w < tt.workers; w++ {
				wg.Add(1)
				go func(seed uint64) {
					defer wg.Done()
					r := rand.New(rand.NewPCG(seed, 7))
					for n := 0; n < tt.perStep; n++ {
						if err := step(r); err != nil {
							errs <- err
							return
						}
					}
				}(uint64(w + 1))
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatalf("load/replace/delete: %v", err)
			}
			checkConsistent(t)
		})
	}
}

// answers runs every query that reads the aggregates, for each entity and
// period, and prints the results, so that two runs can be compared.
func answers(tb testing.TB, store *graph.Store, ids []string) string {
	tb.Helper()
	ctx := context.Background()
	periods := []graph.Period{{}, {From: "1957", To: "1957"}, {From: "1957", To: "1959"}, {From: "1958"}, {To: "1957-12-31"}}
	var b strings.Builder
	for _, period := range periods {
		for _, id := range ids {
			for _, f := range []graph.NeighborFilter{
				{Period: period, Limit: graph.MaxLimit, Evidence: 2},
				{Period: period, Relation: extractor.RelMet, MinWeight: 2, Limit: 3, Evidence: 1},
				{Period: period, FromYear: 1957, Limit: graph.MaxLimit},
			} {
				list, err := store.Neighbors(ctx, id, f)
				if err != nil {
					tb.Fatalf("Neighbors(%s, %+v): %v", id, f, err)
				}
				fmt.Fprintf(&b, "neighbors %s %+v: %+v\n", id, f, list)
			}
			rec := &recorder{}
			if err := store.Subgraph(ctx, graph.SubgraphQuery{Seeds: []string{id}, Depth: 2, Period: period, Limit: 8}, rec); err != nil {
				tb.Fatalf("Subgraph(%s): %v", id, err)
			}
			fmt.Fprintf(&b, "subgraph %s %+v: %v %+v\n", id, period, rec.nodeIDs(), rec.edges)
			paths, err := store.Paths(ctx, graph.PathQuery{From: id, To: ids[0], Period: period})
			if err != nil {
				tb.Fatalf("Paths(%s): %v", id, err)
			}
			fmt.Fprintf(&b, "paths %s %+v: %+v\n", id, period, paths)
		}
		blocs, err := store.Communities(ctx, graph.CommunityQuery{Types: extractor.EntityTypes, Period: period})
		if err != nil {
			tb.Fatalf("Communities: %v", err)
		}
		fmt.Fprintf(&b, "communities %+v: %+v\n", period, blocs)
	}
	return b.String()
}

// TestAggregatesAnswerLikeEvidence compares every query that reads the
// aggregate edges with the same query counting the evidence, over random
// documents.
func TestAggregatesAnswerLikeEvidence(t *testing.T) {
	store := openStore(t)
	r := rand.New(rand.NewPCG(3, 4))
	var docs []extractor.Document
	for i := 0; i < 25; i++ {
		docs = append(docs, randomDoc(r, i, 0))
	}
	mustLoad(t, store, docs...)
	var ids []string
	for _, e := range allEntities(t, store) {
		ids = append(ids, e.ID)
	}
	if len(ids) < 2 {
		t.Fatalf("only %d entities loaded", len(ids))
	}
	// The documents must include some whose evidence between a pair spans
	// two years, or document counts would never be recounted.
	rows := neo4jtest.Query(t, "MATCH ()-[x:AGG]->() RETURN count(x) AS edges, sum(x.split) AS split", nil)
	if len(rows) != 1 || rows[0]["split"].(int64) == 0 {
		t.Fatalf("no aggregate counts a document spanning years: %v", rows)
	}
	fromAggregates := answers(t, store, ids)
	*graph.UseAggregates = false
	defer func() { *graph.UseAggregates = true }()
	fromEvidence := answers(t, store, ids)
	if fromAggregates != fromEvidence {
		a, e := strings.Split(fromAggregates, "\n"), strings.Split(fromEvidence, "\n")
		for i := range min(len(a), len(e)) {
			if a[i] != e[i] {
				t.Errorf("from the aggregates:\n  %s\nfrom the evidence:\n  %s", a[i], e[i])
			}
		}
	}
}

// TestRebuildAggregates checks that the script for bulk-imported databases
// builds the very aggregates that loading maintains.
func TestRebuildAggregates(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var docs []extractor.Document
	for i := 0; i < 20; i++ {
		docs = append(docs, randomDoc(r, i, 0))
	}
	store := openStore(t)
	mustLoad(t, store, docs...)
	neo4jtest.Query(t, "MATCH ()-[x:AGG]->() DELETE x", nil)
	// A test query runs in one transaction, which cannot commit batches.
	script := strings.TrimSuffix(strings.TrimSpace(graph.RebuildAggregatesCypher), " IN TRANSACTIONS OF 500 ROWS;")
	if script == strings.TrimSpace(graph.RebuildAggregatesCypher) {
		t.Fatal("the script no longer ends as this test expects")
	}
	neo4jtest.Query(t, script, nil)
	if rows := neo4jtest.Query(t, "MATCH ()-[x:AGG]->() RETURN count(x) AS n", nil); rows[0]["n"].(int64) == 0 {
		t.Fatal("the script built no aggregates")
	}
	checkAggregates(t)
}

// TestEnsureSchemaBackfillsAggregates: a database holding evidence but no
// aggregates (written before they existed, or bulk-imported) gets them at
// the next start, exactly as loading would have made them, and only once.
func TestEnsureSchemaBackfillsAggregates(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	var docs []extractor.Document
	for i := 0; i < 12; i++ {
		docs = append(docs, randomDoc(r, i, 0))
	}
	store := openStore(t)
	mustLoad(t, store, docs...)
	count := func() int64 {
		t.Helper()
		return neo4jtest.Query(t, "MATCH ()-[x:AGG]->() RETURN count(x) AS n", nil)[0]["n"].(int64)
	}
	built := count()
	neo4jtest.Query(t, "MATCH ()-[x:AGG]->() DELETE x", nil)
	for i := 0; i < 2; i++ {
		if err := store.EnsureSchema(context.Background()); err != nil {
			t.Fatalf("EnsureSchema #%d: %v", i+1, err)
		}
		if got := count(); got != built {
			t.Fatalf("after EnsureSchema #%d: %d aggregate edges, want %d", i+1, got, built)
		}
	}
	checkAggregates(t)
}
