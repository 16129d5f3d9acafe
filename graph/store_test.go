package graph_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/archivegraph/archivegraph/extractor"
	"github.com/archivegraph/archivegraph/graph"
	"github.com/archivegraph/archivegraph/internal/neo4jtest"
)

func stats(docs, persons, states, parties, places, mentionedIn, co, met, supports, holds, opposes int) graph.Stats {
	return graph.Stats{
		Documents: docs,
		Entities:  persons + states + parties + places,
		EntitiesByType: map[string]int{
			extractor.TypePerson: persons, extractor.TypeState: states, extractor.TypeParty: parties,
			extractor.TypePlace: places, extractor.TypeOrganization: 0,
		},
		Relations: co + met + supports + holds + opposes,
		RelationsByType: map[string]int{
			extractor.RelCoMentioned: co, extractor.RelMet: met, extractor.RelSupports: supports,
			extractor.RelHoldsOffice: holds, extractor.RelOpposes: opposes, extractor.RelMemberOf: 0,
		},
		MentionedIn: mentionedIn,
	}
}

func checkStats(tb testing.TB, store *graph.Store, want graph.Stats) {
	tb.Helper()
	if got := mustStats(tb, store); !reflect.DeepEqual(got, want) {
		tb.Errorf("Stats() =\n  %+v\nwant\n  %+v", got, want)
	}
}

func entity(tb testing.TB, store *graph.Store, id string) graph.EntityDetail {
	tb.Helper()
	e, err := store.Entity(context.Background(), id)
	if err != nil {
		tb.Fatalf("Entity(%q): %v", id, err)
	}
	return e
}

func TestOpenUnreachable(t *testing.T) {
	// A port nobody listens on: Open must fail fast with ErrUnavailable.
	_, err := graph.Open(context.Background(), graph.Config{URI: "neo4j://127.0.0.1:1"})
	if !errors.Is(err, graph.ErrUnavailable) {
		t.Fatalf("Open(unreachable) error = %v, want ErrUnavailable", err)
	}
}

func TestEnsureSchemaIsIdempotent(t *testing.T) {
	store := openStore(t) // runs EnsureSchema once
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		if err := store.EnsureSchema(ctx); err != nil {
			t.Fatalf("EnsureSchema, run %d: %v", i+2, err)
		}
	}
	rows := neo4jtest.Query(t, "SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name", nil)
	var names []string
	for _, r := range rows {
		names = append(names, r["name"].(string))
	}
	if want := []string{"document_id", "entity_id"}; !reflect.DeepEqual(names, want) {
		t.Errorf("constraints = %v, want %v", names, want)
	}
	rows = neo4jtest.Query(t, "SHOW FULLTEXT INDEXES YIELD name, state RETURN name + ' ' + state AS index ORDER BY index", nil)
	var indexes []string
	for _, r := range rows {
		indexes = append(indexes, r["index"].(string))
	}
	if want := []string{"document_text ONLINE", "entity_names ONLINE"}; !reflect.DeepEqual(indexes, want) {
		t.Errorf("full-text indexes = %v, want %v", indexes, want)
	}
	if err := store.Ping(ctx); err != nil {
		t.Errorf("Ping: %v", err)
	}
}

func TestLoad(t *testing.T) {
	store := openStore(t)
	ctx := context.Background()
	full := stats(3, 4, 4, 1, 3, 18, 18, 4, 2, 1, 1)

	t.Run("first load", func(t *testing.T) {
		got := mustLoad(t, store, corpus(t)...)
		want := graph.LoadResult{Loaded: 3, Entities: 6 + 7 + 5, Relations: 12 + 7 + 7}
		if got != want {
			t.Errorf("Load() = %+v, want %+v", got, want)
		}
		checkStats(t, store, full)
	})

	t.Run("same documents again change nothing", func(t *testing.T) {
		before := entity(t, store, khrushchev)
		got := mustLoad(t, store, corpus(t)...)
		if want := (graph.LoadResult{Unchanged: 3}); got != want {
			t.Errorf("Load() again = %+v, want %+v", got, want)
		}
		checkStats(t, store, full)
		if after := entity(t, store, khrushchev); !reflect.DeepEqual(after, before) {
			t.Errorf("Entity(%q) changed on reload:\n  %+v\nwant\n  %+v", khrushchev, after, before)
		}
	})

	t.Run("aggregates across documents", func(t *testing.T) {
		kh := entity(t, store, khrushchev)
		if want := mentionsIn(khrushchev, corpus(t)...); kh.Mentions != want || kh.Documents != 3 {
			t.Errorf("Khrushchev mentions, documents = %d, %d; want %d, 3", kh.Mentions, kh.Documents, want)
		}
		if kh.Name != "Nikita Khrushchev" {
			t.Errorf("Khrushchev name = %q, want the longest given, %q", kh.Name, "Nikita Khrushchev")
		}
		if want := []string{"Khrushchev", "N.S. Khrushchev"}; !reflect.DeepEqual(kh.Aliases, want) {
			t.Errorf("Khrushchev aliases = %q, want %q", kh.Aliases, want)
		}
		drvEntity := entity(t, store, drv)
		if want := []string{"DRV", "North Vietnam"}; !reflect.DeepEqual(drvEntity.Aliases, want) {
			t.Errorf("DRV aliases = %q, want the union %q", drvEntity.Aliases, want)
		}
	})

	t.Run("changed document replaces its contribution", func(t *testing.T) {
		got := mustLoad(t, store, conversationRevised(t))
		if want := (graph.LoadResult{Replaced: 1, Entities: 5, Relations: 8}); got != want {
			t.Errorf("Load(revised) = %+v, want %+v", got, want)
		}
		checkStats(t, store, stats(3, 4, 4, 0, 3, 17, 15, 4, 2, 0, 1))
		kh := entity(t, store, khrushchev)
		if want := mentionsIn(khrushchev, conversationRevised(t), telegram(t), memo(t)); kh.Mentions != want {
			t.Errorf("Khrushchev mentions after replace = %d, want %d", kh.Mentions, want)
		}
		// "DRV" came only from the replaced version.
		if want := []string{"North Vietnam"}; !reflect.DeepEqual(entity(t, store, drv).Aliases, want) {
			t.Errorf("DRV aliases after replace = %q, want %q", entity(t, store, drv).Aliases, want)
		}
		if _, err := store.Entity(ctx, cpsu); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("Entity(%q) after its only document lost it: error = %v, want ErrNotFound", cpsu, err)
		}
	})

	t.Run("delete document", func(t *testing.T) {
		if err := store.DeleteDocument(ctx, "memo-1958-04"); err != nil {
			t.Fatalf("DeleteDocument: %v", err)
		}
		checkStats(t, store, stats(2, 3, 3, 0, 3, 12, 11, 2, 2, 0, 0))
		for _, id := range []string{mikoyan, usa} {
			if _, err := store.Entity(ctx, id); !errors.Is(err, graph.ErrNotFound) {
				t.Errorf("Entity(%q) after deleting its document: error = %v, want ErrNotFound", id, err)
			}
		}
		checkConsistent(t)
		if kh := entity(t, store, khrushchev); kh.Documents != 2 {
			t.Errorf("Khrushchev documents after delete = %d, want 2", kh.Documents)
		}
	})

	t.Run("delete unknown document", func(t *testing.T) {
		if err := store.DeleteDocument(ctx, "memo-1958-04"); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("DeleteDocument(deleted) error = %v, want ErrNotFound", err)
		}
	})

	t.Run("load after delete restores the counts", func(t *testing.T) {
		mustLoad(t, store, memo(t))
		mustLoad(t, store, conversation(t))
		checkStats(t, store, full)
	})

	t.Run("invalid documents are rejected before writing", func(t *testing.T) {
		bad := []extractor.Document{
			{ID: ""},
			{ID: "x", Entities: []extractor.Entity{{ID: "thing/x", Type: "Thing", Name: "X"}}},
			{ID: "x", Relations: []extractor.Relation{{Type: extractor.RelMet, Source: ho, Target: mao}}},
			{ID: "x", Entities: []extractor.Entity{{ID: ho, Type: extractor.TypePerson, Name: "Ho"}, {ID: mao, Type: extractor.TypePerson, Name: "Mao"}},
				Relations: []extractor.Relation{{Type: "LIKES", Source: ho, Target: mao}}},
		}
		for i, doc := range bad {
			if _, err := store.Load(ctx, []extractor.Document{doc}); !errors.Is(err, graph.ErrInvalid) {
				t.Errorf("Load(bad document %d) error = %v, want ErrInvalid", i, err)
			}
		}
		checkStats(t, store, full)
	})
}

func TestEntityNamesDoNotDependOnLoadOrder(t *testing.T) {
	store := openStore(t)
	short := newDoc(t, "a", "1960", "A", "Khrushchev spoke.").
		entity(khrushchev, extractor.TypePerson, "Khrushchev", []string{"Comrade Khrushchev"}, "Khrushchev").build()
	long := newDoc(t, "b", "1961", "B", "N. S. Khrushchev spoke.").
		entity(khrushchev, extractor.TypePerson, "Nikita Sergeyevich Khrushchev", []string{"N. S. Khrushchev"}, "N. S. Khrushchev").build()
	want := []string{"Comrade Khrushchev", "Khrushchev", "N. S. Khrushchev"}

	for _, order := range [][]extractor.Document{{short, long}, {long, short}} {
		neo4jtest.Wipe(t)
		for _, d := range order {
			mustLoad(t, store, d)
		}
		kh := entity(t, store, khrushchev)
		if kh.Name != "Nikita Sergeyevich Khrushchev" || !reflect.DeepEqual(kh.Aliases, want) {
			t.Errorf("loading %s then %s: name, aliases = %q, %q; want %q, %q",
				order[0].ID, order[1].ID, kh.Name, kh.Aliases, "Nikita Sergeyevich Khrushchev", want)
		}
	}

	// Deleting the document that gave the long name gives the name back.
	if err := store.DeleteDocument(context.Background(), "b"); err != nil {
		t.Fatalf("DeleteDocument: %v", err)
	}
	kh := entity(t, store, khrushchev)
	if want := []string{"Comrade Khrushchev"}; kh.Name != "Khrushchev" || !reflect.DeepEqual(kh.Aliases, want) {
		t.Errorf("after deleting b: name, aliases = %q, %q; want %q, %q", kh.Name, kh.Aliases, "Khrushchev", want)
	}
}

// TestConcurrentLoad loads overlapping batches from several goroutines and
// expects exactly what one serial load gives.
func TestConcurrentLoad(t *testing.T) {
	store := openStore(t)
	ctx := context.Background()
	docs := generated("c", 120, 12)

	mustLoad(t, store, docs...)
	wantStats := mustStats(t, store)
	wantEntities := allEntities(t, store)

	neo4jtest.Wipe(t)
	const workers = 4
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each worker loads 60 documents in batches of 20, starting
			// at a different place, so every document is loaded by two
			// workers, often at the same moment.
			for i := 0; i < 60; i += 20 {
				var batch []extractor.Document
				for j := i; j < i+20; j++ {
					batch = append(batch, docs[(w*30+j)%len(docs)])
				}
				if _, err := store.Load(ctx, batch); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent Load: %v", err)
	}
	checkStats(t, store, wantStats)
	if got := allEntities(t, store); !reflect.DeepEqual(got, wantEntities) {
		t.Errorf("entities after concurrent load differ from a serial load:\n  %+v\nwant\n  %+v", got, wantEntities)
	}
	checkConsistent(t)
	if got := mustLoad(t, store, docs...); got.Unchanged != len(docs) {
		t.Errorf("reloading after concurrent load: %+v, want all %d unchanged", got, len(docs))
	}
}

// allEntities lists every entity, sorted by id, for comparisons.
func allEntities(tb testing.TB, store *graph.Store) []graph.EntitySummary {
	tb.Helper()
	list, err := store.SearchEntities(context.Background(), "", "", graph.MaxLimit, 0)
	if err != nil {
		tb.Fatalf("SearchEntities: %v", err)
	}
	slices.SortFunc(list, func(a, b graph.EntitySummary) int {
		if a.ID < b.ID {
			return -1
		}
		if a.ID > b.ID {
			return 1
		}
		return 0
	})
	return list
}

func BenchmarkLoad(b *testing.B) {
	store := openStore(b)
	ctx := context.Background()
	const perOp = 100
	docs := generated("bench", perOp*b.N, 20)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := store.Load(ctx, docs[i*perOp:(i+1)*perOp]); err != nil {
			b.Fatalf("Load: %v", err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(perOp*b.N)/b.Elapsed().Seconds(), "docs/s")
}

// checkConsistent verifies what the store's counters and cleanup promise,
// against the relationships themselves: every entity's counters equal its
// MENTIONED_IN links, no entity is left unmentioned, and every piece of
// evidence belongs to a stored document that mentions both its ends.
func checkConsistent(tb testing.TB) {
	tb.Helper()
	rows := neo4jtest.Query(tb, `
		MATCH (e:Entity)
		OPTIONAL MATCH (e)-[m:MENTIONED_IN]->()
		WITH e, coalesce(sum(m.count), 0) AS mentions, count(m) AS documents
		WHERE e.mentions <> mentions OR e.documents <> documents OR documents = 0
		RETURN e.id AS id, e.mentions AS stored, mentions, e.documents AS storedDocs, documents`, nil)
	for _, r := range rows {
		tb.Errorf("entity %v: counters %v mentions in %v documents, links say %v in %v",
			r["id"], r["stored"], r["storedDocs"], r["mentions"], r["documents"])
	}
	rows = neo4jtest.Query(tb, `
		MATCH (a:Entity)-[r:CO_MENTIONED|MET|MEMBER_OF|HOLDS_OFFICE|SUPPORTS|OPPOSES]->(b:Entity)
		WHERE NOT EXISTS { MATCH (a)-[:MENTIONED_IN]->(d:Document {id: r.doc})<-[:MENTIONED_IN]-(b) }
		RETURN type(r) AS type, a.id AS a, b.id AS b, r.doc AS doc LIMIT 10`, nil)
	for _, r := range rows {
		tb.Errorf("orphan evidence %v %v→%v from document %v", r["type"], r["a"], r["b"], r["doc"])
	}
	checkAggregates(tb)
}

// checkAggregates compares every aggregate edge with a recomputation from
// the evidence: none missing, none left over, every property equal.
func checkAggregates(tb testing.TB) {
	tb.Helper()
	key := func(r map[string]any) string {
		return fmt.Sprintf("%v %v→%v year %v", r["type"], r["a"], r["b"], r["ykey"])
	}
	value := func(r map[string]any) string {
		return fmt.Sprintf("year=%v weight=%v documents=%v split=%v first=%v last=%v",
			r["year"], r["weight"], r["documents"], r["split"], r["first"], r["last"])
	}
	want := map[string]string{}
	for _, r := range neo4jtest.Query(tb, `
		MATCH (a:Entity)-[r:CO_MENTIONED|MET|MEMBER_OF|HOLDS_OFFICE|SUPPORTS|OPPOSES]->(b:Entity)
		WITH a.id AS a, b.id AS b, type(r) AS type, r.doc AS doc, collect(r) AS rs
		WITH a, b, type, doc, rs, size(COLLECT { UNWIND rs AS r RETURN DISTINCT coalesce(r.year, -1) }) > 1 AS split
		UNWIND rs AS r
		WITH a, b, type, coalesce(r.year, -1) AS ykey, r.year AS year, doc, split,
		     count(r) AS n, min(r.date) AS first, max(r.date) AS last
		RETURN a, b, type, ykey, year, sum(n) AS weight, count(doc) AS documents,
		       sum(CASE WHEN split THEN 1 ELSE 0 END) AS split, min(first) AS first, max(last) AS last`, nil) {
		want[key(r)] = value(r)
	}
	got := map[string]string{}
	for _, r := range neo4jtest.Query(tb, `
		MATCH (a:Entity)-[x:AGG]->(b:Entity)
		RETURN a.id AS a, b.id AS b, x.type AS type, x.ykey AS ykey, x.year AS year, x.weight AS weight,
		       x.documents AS documents, x.split AS split, x.first AS first, x.last AS last`, nil) {
		k := key(r)
		if _, dup := got[k]; dup {
			tb.Errorf("aggregate %s stored twice", k)
		}
		got[k] = value(r)
	}
	for _, r := range neo4jtest.Query(tb, `
		MATCH (a:Entity)-[r:CO_MENTIONED|MET|MEMBER_OF|HOLDS_OFFICE|SUPPORTS|OPPOSES]->(b:Entity)
		WITH a.id AS a, b.id AS b, type(r) AS type, coalesce(r.year, -1) AS ykey,
		     coalesce(r.date, '') + $sep + r.doc + $sep + right('0000000000' + toString(r.start), 10) AS entry
		ORDER BY entry
		RETURN a, b, type, ykey, collect(entry)[0..$keep] AS earliest`,
		map[string]any{"sep": "\x00", "keep": graph.MaxEvidence}) {
		want[key(r)+" earliest"] = fmt.Sprint(r["earliest"])
	}
	for _, r := range neo4jtest.Query(tb, `
		MATCH (a:Entity)-[x:AGG]->(b:Entity)
		RETURN a.id AS a, b.id AS b, x.type AS type, x.ykey AS ykey, x.earliest AS earliest`, nil) {
		got[key(r)+" earliest"] = fmt.Sprint(r["earliest"])
	}
	for k, w := range want {
		if g, ok := got[k]; !ok {
			tb.Errorf("aggregate %s missing; the evidence says %s", k, w)
		} else if g != w {
			tb.Errorf("aggregate %s: stored %s, the evidence says %s", k, g, w)
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			tb.Errorf("aggregate %s (%s) has no evidence", k, g)
		}
	}
}

// TestConcurrentReplaceAndDelete races two versions of the same documents
// against deletes. The outcome depends on timing, but each document must
// end up as exactly one version (or absent) and every counter exact.
func TestConcurrentReplaceAndDelete(t *testing.T) {
	store := openStore(t)
	ctx := context.Background()
	v1, v2 := generated("r", 40, 12), generated("r", 40, 6)
	relationsOf := map[string][2]int{} // document → relations in v1, v2
	for i := range v1 {
		relationsOf[v1[i].ID] = [2]int{len(v1[i].Relations), len(v2[i].Relations)}
	}
	mustLoad(t, store, v1...)

	var wg sync.WaitGroup
	errs := make(chan error, 8)
	run := func(f func() error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(); err != nil {
				errs <- err
			}
		}()
	}
	loadInBatches := func(docs []extractor.Document) func() error {
		return func() error {
			for i := 0; i < len(docs); i += 10 {
				if _, err := store.Load(ctx, docs[i:i+10]); err != nil {
					return err
				}
			}
			return nil
		}
	}
	run(loadInBatches(v2))
	run(loadInBatches(v1))
	run(loadInBatches(slices.Concat(v2[20:], v2[:20])))
	run(func() error {
		for _, d := range v1[:20] {
			if err := store.DeleteDocument(ctx, d.ID); err != nil && !errors.Is(err, graph.ErrNotFound) {
				return err
			}
		}
		return nil
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent Load/DeleteDocument: %v", err)
	}

	checkConsistent(t)
	rows := neo4jtest.Query(t, `
		MATCH (d:Document)
		OPTIONAL MATCH (d)<-[m:MENTIONED_IN]-()
		WITH d, count(m) AS entities
		RETURN d.id AS id, entities,
		       COUNT { MATCH (:Entity)-[r]->(:Entity) WHERE r.doc = d.id } AS relations`, nil)
	for _, r := range rows {
		id, entities, relations := r["id"].(string), r["entities"].(int64), int(r["relations"].(int64))
		want := relationsOf[id]
		if !(entities == 12 && relations == want[0]) && !(entities == 6 && relations == want[1]) {
			t.Errorf("document %s: %d entities and %d relations, a mix of versions (v1 has 12 and %d, v2 6 and %d)",
				id, entities, relations, want[0], want[1])
		}
	}
}
