package graph_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/archivegraph/archivegraph/extractor"
	"github.com/archivegraph/archivegraph/graph"
	"github.com/archivegraph/archivegraph/internal/neo4jtest"
)

// openReader opens a second store on the test database that answers from
// the read index, and waits until the index is built.
func openReader(tb testing.TB, check time.Duration) *graph.Store {
	tb.Helper()
	store := reopen(tb, graph.Config{QueryTimeout: 30 * time.Second, ReadIndex: true, ReadIndexCheck: check})
	waitIndex(tb, store)
	return store
}

// reopen opens another store on the test database, as it is, with cfg.
func reopen(tb testing.TB, cfg graph.Config) *graph.Store {
	tb.Helper()
	cfg.URI = neo4jtest.URI(tb)
	store, err := graph.Open(context.Background(), cfg)
	if err != nil {
		tb.Fatalf("Open(%+v): %v", cfg, err)
	}
	tb.Cleanup(func() {
		if err := store.Close(context.Background()); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return store
}

func waitIndex(tb testing.TB, store *graph.Store) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := store.WaitReadIndex(ctx); err != nil {
		tb.Fatalf("WaitReadIndex: %v", err)
	}
	if st := store.ReadIndexStatus(); !st.Enabled || !st.Current {
		tb.Fatalf("read index after WaitReadIndex: %+v, want enabled and current", st)
	}
}

// forEachReader runs test against store, which answers from Neo4j, and
// against a store on the same database that answers from the read index;
// the latter must have answered every question itself.
func forEachReader(t *testing.T, store *graph.Store, test func(t *testing.T, store *graph.Store)) {
	t.Run("neo4j", func(t *testing.T) { test(t, store) })
	t.Run("read index", func(t *testing.T) {
		reader := openReader(t, time.Hour)
		test(t, reader)
		if st := reader.ReadIndexStatus(); st.Answered == 0 {
			t.Errorf("read index status after the test: %+v, want questions answered from it", st)
		}
	})
}

// readerAnswers asks every neighbourhood and meetings question the read
// index answers, for each entity, name and period, and prints the results
// so that two stores can be compared.
func readerAnswers(tb testing.TB, store *graph.Store, entities []graph.EntitySummary) string {
	tb.Helper()
	ctx := context.Background()
	periods := []graph.Period{{}, {From: "1957", To: "1957"}, {From: "1957-03", To: "1959"}, {From: "1958"},
		{To: "1957-12-31"}, {From: "1957-03-05", To: "1957-11"}}
	var b strings.Builder
	for _, period := range periods {
		for _, e := range entities {
			for _, f := range []graph.NeighborFilter{
				{Period: period, Limit: graph.MaxLimit, Evidence: 2},
				{Period: period, Relation: extractor.RelMet, MinWeight: 2, Limit: 3, Evidence: 1},
				{Period: period, FromYear: 1957, ToYear: 1958, Limit: graph.MaxLimit, Evidence: graph.MaxEvidence},
				{Period: period, Type: extractor.TypePerson, Limit: 2},
			} {
				list, err := store.Neighbors(ctx, e.ID, f)
				if err != nil {
					tb.Fatalf("Neighbors(%s, %+v): %v", e.ID, f, err)
				}
				fmt.Fprintf(&b, "neighbors %s %+v: %+v\n", e.ID, f, list)
			}
			for _, q := range []graph.SubgraphQuery{
				{Seeds: []string{e.ID}, Depth: 2, Period: period, Limit: 8},
				{Seeds: []string{e.ID, entities[0].ID}, Depth: 3, Period: period, Limit: graph.MaxSubgraphNodes},
				{Seeds: []string{e.ID}, Depth: 2, Period: period, MinWeight: 2, Relations: []string{extractor.RelMet, extractor.RelCoMentioned}},
				{Seeds: []string{e.ID}, Depth: 1, Period: period, Types: []string{extractor.TypePerson, extractor.TypeState}},
			} {
				rec := &recorder{}
				if err := store.Subgraph(ctx, q, rec); err != nil && !errors.Is(err, graph.ErrInvalid) {
					tb.Fatalf("Subgraph(%+v): %v", q, err)
				}
				fmt.Fprintf(&b, "subgraph %+v: %+v %+v\n", q, rec.nodes, rec.edges)
			}
			detail, err := store.Entity(ctx, e.ID)
			if err != nil {
				tb.Fatalf("Entity(%s): %v", e.ID, err)
			}
			fmt.Fprintf(&b, "entity %s: %+v\n", e.ID, detail)
			words := strings.Fields(e.Name)
			for _, f := range []graph.MeetingFilter{
				{Person: e.ID, Period: period},
				{Person: words[len(words)-1], Period: period, Limit: 3, Offset: 1},
				{With: e.Name, FromYear: 1957},
				{Person: e.ID, With: entities[0].Name, Period: period},
			} {
				list, err := store.Meetings(ctx, f)
				if err != nil {
					tb.Fatalf("Meetings(%+v): %v", f, err)
				}
				fmt.Fprintf(&b, "meetings %+v: %+v\n", f, list)
			}
		}
		for _, f := range []graph.MeetingFilter{{Period: period}, {Period: period, Limit: 5, Offset: 3}} {
			list, err := store.Meetings(ctx, f)
			if err != nil {
				tb.Fatalf("Meetings(%+v): %v", f, err)
			}
			fmt.Fprintf(&b, "meetings %+v: %+v\n", f, list)
		}
	}
	return b.String()
}

// compareAnswers reports the first lines where two answer listings differ.
func compareAnswers(tb testing.TB, fromNeo4j, fromIndex string) {
	tb.Helper()
	if fromNeo4j == fromIndex {
		return
	}
	a, b := strings.Split(fromNeo4j, "\n"), strings.Split(fromIndex, "\n")
	shown := 0
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] && shown < 5 {
			tb.Errorf("from Neo4j:\n  %s\nfrom the read index:\n  %s", a[i], b[i])
			shown++
		}
	}
	if len(a) != len(b) {
		tb.Errorf("%d answer lines from Neo4j, %d from the read index", len(a), len(b))
	}
}

// TestReadIndexAnswersLikeNeo4j compares the read index with Neo4j on the
// fixture corpus and on random documents with undated, partly dated and
// repeated evidence of every type.
func TestReadIndexAnswersLikeNeo4j(t *testing.T) {
	store := openStore(t)
	mustLoad(t, store, corpus(t)...)
	r := rand.New(rand.NewPCG(5, 6))
	var docs []extractor.Document
	for i := 0; i < 25; i++ {
		docs = append(docs, randomDoc(r, i, 0))
	}
	mustLoad(t, store, docs...)
	entities := allEntities(t, store)
	reader := openReader(t, time.Hour)

	compareAnswers(t, readerAnswers(t, store, entities), readerAnswers(t, reader, entities))
	if st := reader.ReadIndexStatus(); st.Answered == 0 || st.Entities != len(entities) {
		t.Errorf("read index status: %+v, want every question answered from %d entities", st, len(entities))
	}
}

// TestReadIndexFollowsWrites checks that the read index follows the
// database: writes through the same store are seen at once, writes by
// another store once the watcher has read the version token, and a rebuilt
// index answers like Neo4j again.
func TestReadIndexFollowsWrites(t *testing.T) {
	store := openStore(t)
	mustLoad(t, store, conversation(t), telegram(t))
	ctx := context.Background()
	meetings := func(s *graph.Store) string {
		t.Helper()
		list, err := s.Meetings(ctx, graph.MeetingFilter{Person: ho})
		if err != nil {
			t.Fatalf("Meetings(Ho): %v", err)
		}
		var out []string
		for _, m := range list {
			out = append(out, m.Date+" "+m.With.ID)
		}
		return strings.Join(out, ", ")
	}
	const check = 20 * time.Millisecond
	reader := openReader(t, check)
	before := meetings(store)
	if got := meetings(reader); got != before {
		t.Fatalf("read index before any write: %q, Neo4j: %q", got, before)
	}

	t.Run("write by another store", func(t *testing.T) {
		mustLoad(t, store, memo(t))
		want := meetings(store)
		if want == before {
			t.Fatalf("loading the memo did not change Ho's meetings: %q", want)
		}
		// Another process's write shows once the watcher has read the
		// token, a check interval later; never does a third answer appear.
		deadline := time.Now().Add(30 * time.Second)
		for got := meetings(reader); got != want; got = meetings(reader) {
			if got != before {
				t.Fatalf("read index after another store's write: %q, want %q or, for a moment, %q", got, want, before)
			}
			if time.Now().After(deadline) {
				t.Fatalf("read index still answers %q 30 s after another store's write", got)
			}
			time.Sleep(check / 4)
		}
		waitIndex(t, reader)
		answered := reader.ReadIndexStatus().Answered
		if got := meetings(reader); got != want {
			t.Errorf("rebuilt read index: %q, want %q", got, want)
		}
		if reader.ReadIndexStatus().Answered != answered+1 {
			t.Errorf("the rebuilt read index did not answer: %+v", reader.ReadIndexStatus())
		}
	})

	t.Run("write through the same store", func(t *testing.T) {
		if err := reader.DeleteDocument(ctx, "memo-1958-04"); err != nil {
			t.Fatalf("DeleteDocument: %v", err)
		}
		if got := meetings(reader); got != before {
			t.Errorf("read index right after its own delete: %q, want %q", got, before)
		}
		waitIndex(t, reader)
		if got := meetings(reader); got != before {
			t.Errorf("rebuilt read index: %q, want %q", got, before)
		}
	})

	t.Run("unchanged documents", func(t *testing.T) {
		token := func() any {
			rows := neo4jtest.Query(t, "MATCH (v:GraphVersion) RETURN v.token AS token", nil)
			if len(rows) != 1 {
				t.Fatalf("version marker: %v", rows)
			}
			return rows[0]["token"]
		}
		was := token()
		if r := mustLoad(t, store, conversation(t), telegram(t)); r.Unchanged != 2 {
			t.Fatalf("loading the same documents again: %+v, want 2 unchanged", r)
		}
		if now := token(); now != was {
			t.Errorf("loading unchanged documents renewed the version token (%v → %v): every server would rebuild its index", was, now)
		}
	})

	t.Run("database wiped", func(t *testing.T) {
		neo4jtest.Wipe(t)
		deadline := time.Now().Add(30 * time.Second)
		for {
			_, err := reader.Neighbors(ctx, ho, graph.NeighborFilter{})
			if errors.Is(err, graph.ErrNotFound) {
				break
			}
			if err != nil || time.Now().After(deadline) {
				t.Fatalf("Neighbors(Ho) after the wipe: %v, want ErrNotFound within 30 s", err)
			}
			time.Sleep(check / 4)
		}
	})
}

// TestReadIndexStatusWithoutIndex checks that a store without the read
// index says so and does not wait for one.
func TestReadIndexStatusWithoutIndex(t *testing.T) {
	store := openStore(t)
	if st := store.ReadIndexStatus(); st.Enabled || st.Current {
		t.Errorf("status of a store without the read index: %+v", st)
	}
	if err := store.WaitReadIndex(context.Background()); err != nil {
		t.Errorf("WaitReadIndex without the read index: %v", err)
	}
}

// TestReadIndexUnderConcurrentWrites asks questions from several goroutines
// while documents are loaded and deleted, then checks that the index, once
// rebuilt, answers like Neo4j. Run with -race, it also checks that the
// index is shared safely.
func TestReadIndexUnderConcurrentWrites(t *testing.T) {
	store := openStore(t)
	mustLoad(t, store, corpus(t)...)
	reader := openReader(t, 20*time.Millisecond)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	errs := make(chan error, 4)
	for w := 0; w < 4; w++ {
		go func() {
			var err error
			for ctx.Err() == nil && err == nil {
				_, err = reader.Neighbors(ctx, ho, graph.NeighborFilter{})
				if err == nil {
					_, err = reader.Meetings(ctx, graph.MeetingFilter{Person: "Khrushchev"})
				}
				if err == nil {
					_, err = reader.SearchEntities(ctx, "Krushchev", "", 5, 0)
				}
			}
			if ctx.Err() != nil {
				err = nil
			}
			errs <- err
		}()
	}
	r := rand.New(rand.NewPCG(9, 9))
	for i := 0; i < 20; i++ {
		doc := randomDoc(r, i%6, i)
		if i%3 == 2 {
			if err := reader.DeleteDocument(context.Background(), doc.ID); err != nil && !errors.Is(err, graph.ErrNotFound) {
				t.Fatalf("DeleteDocument: %v", err)
			}
			continue
		}
		mustLoad(t, store, doc)
	}
	cancel()
	for w := 0; w < 4; w++ {
		if err := <-errs; err != nil {
			t.Errorf("question during writes: %v", err)
		}
	}
	waitIndex(t, reader)
	entities := allEntities(t, store)
	compareAnswers(t, readerAnswers(t, store, entities[:min(len(entities), 6)]), readerAnswers(t, reader, entities[:min(len(entities), 6)]))
}
