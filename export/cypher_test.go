package export

import (
	"bytes"
	"context"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/archivegraph/archivegraph/extractor"
	"github.com/archivegraph/archivegraph/graph"
	"github.com/archivegraph/archivegraph/internal/neo4jtest"
)

// runScript executes a cypher export against the test database statement
// by statement, as cypher-shell does, and returns how many it ran.
func runScript(tb testing.TB, db *database, script string) int {
	tb.Helper()
	n := 0
	for _, stmt := range strings.Split(script, ";\n") {
		if strings.TrimSpace(withoutComments(stmt)) == "" {
			continue
		}
		db.query(tb, stmt)
		n++
	}
	return n
}

// database runs statements on the test database through one driver.
type database struct {
	driver neo4j.DriverWithContext
}

func openDatabase(tb testing.TB) *database {
	tb.Helper()
	uri := neo4jtest.URI(tb)
	driver, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		tb.Fatalf("open %s: %v", uri, err)
	}
	tb.Cleanup(func() { driver.Close(context.Background()) })
	return &database{driver}
}

func (db *database) query(tb testing.TB, stmt string) []map[string]any {
	tb.Helper()
	res, err := neo4j.ExecuteQuery(context.Background(), db.driver, stmt, nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(neo4jtest.Database))
	if err != nil {
		tb.Fatalf("%s: %v", stmt, err)
	}
	rows := make([]map[string]any, len(res.Records))
	for i, rec := range res.Records {
		rows[i] = rec.AsMap()
	}
	return rows
}

func withoutComments(stmt string) string {
	var b strings.Builder
	for _, line := range strings.Split(stmt, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "//") {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

// readBack lists every entity and relationship in the test database with
// plain Cypher, in the shapes of the export.
func readBack(tb testing.TB, db *database) (map[string]graph.SubgraphNode, map[string]graph.SubgraphEdge, map[string][]string) {
	tb.Helper()
	nodes := map[string]graph.SubgraphNode{}
	labels := map[string][]string{}
	for _, row := range db.query(tb, `
		MATCH (n) RETURN n.id AS id, n.name AS name, n.type AS type, n.aliases AS aliases,
		    n.mention_count AS mentions, n.document_count AS documents, labels(n) AS labels`) {
		n := graph.SubgraphNode{ID: text(row["id"]), Name: text(row["name"]), Type: text(row["type"]),
			Aliases: texts(row["aliases"]), Mentions: number(row["mentions"]), Documents: number(row["documents"])}
		nodes[n.ID] = n
		l := texts(row["labels"])
		sort.Strings(l)
		labels[n.ID] = l
	}
	edges := map[string]graph.SubgraphEdge{}
	for _, row := range db.query(tb, `
		MATCH (a)-[r]->(b) RETURN a.id AS source, b.id AS target, type(r) AS type, r.weight AS weight,
		    r.document_count AS documents, r.first_date AS first, r.last_date AS last`) {
		e := graph.SubgraphEdge{Source: text(row["source"]), Target: text(row["target"]), Type: text(row["type"]),
			Weight: number(row["weight"]), Documents: number(row["documents"]),
			FirstDate: text(row["first"]), LastDate: text(row["last"])}
		edges[edgeKey(e)] = e
	}
	return nodes, edges, labels
}

func edgeKey(e graph.SubgraphEdge) string { return e.Source + " -" + e.Type + "-> " + e.Target }

func text(v any) string {
	s, _ := v.(string)
	return s
}

func number(v any) int {
	n, _ := v.(int64)
	return int(n)
}

func texts(v any) []string {
	list, _ := v.([]any)
	out := []string{}
	for _, x := range list {
		out = append(out, text(x))
	}
	return out
}

// TestCypherScriptRecreatesSubgraph runs the cypher export in a wiped real
// Neo4j and compares what the database then holds, node for node and edge
// for edge, with the subgraph that was exported.
func TestCypherScriptRecreatesSubgraph(t *testing.T) {
	db := openDatabase(t)
	genNodes, genEdges := collectGenerated(150)
	cases := []struct {
		name  string
		batch int
		nodes []graph.SubgraphNode
		edges []graph.SubgraphEdge
	}{
		{"sample", CypherBatch, sample.nodes, sample.edges},
		{"sample in batches of one", 1, sample.nodes, sample.edges},
		// Small batches so that every type spans several statements.
		{"generated in batches of 17", 17, genNodes, genEdges},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			neo4jtest.Wipe(t)
			var buf bytes.Buffer
			if err := send(newCypherBatch(&buf, tc.batch), tc.nodes, tc.edges); err != nil {
				t.Fatal(err)
			}
			script := buf.String()
			statements := runScript(t, db, script)
			// Running it again must change nothing: every write is a MERGE.
			runScript(t, db, script)
			checkRecreated(t, db, tc.nodes, tc.edges)
			t.Logf("%d statements recreated %d nodes and %d relationships", statements, len(tc.nodes), len(tc.edges))
		})
	}
}

func checkRecreated(tb testing.TB, db *database, nodes []graph.SubgraphNode, edges []graph.SubgraphEdge) {
	tb.Helper()
	gotNodes, gotEdges, labels := readBack(tb, db)
	if len(gotNodes) != len(nodes) || len(gotEdges) != len(edges) {
		tb.Errorf("database holds %d nodes and %d relationships, want %d and %d", len(gotNodes), len(gotEdges), len(nodes), len(edges))
	}
	for _, n := range nodes {
		want := n
		if want.Aliases == nil {
			want.Aliases = []string{}
		}
		if got := gotNodes[n.ID]; !reflect.DeepEqual(got, want) {
			tb.Errorf("node %q:\n got %+v\nwant %+v", n.ID, got, want)
		}
		if got, want := labels[n.ID], []string{"Entity", n.Type}; !reflect.DeepEqual(got, want) {
			tb.Errorf("labels of %q = %v, want %v", n.ID, got, want)
		}
	}
	for _, e := range edges {
		if got := gotEdges[edgeKey(e)]; got != e {
			tb.Errorf("relationship %s:\n got %+v\nwant %+v", edgeKey(e), got, e)
		}
	}
}

// tee records what a Subgraph sends on its way to a writer.
type tee struct {
	Sink
	nodes []graph.SubgraphNode
	edges []graph.SubgraphEdge
}

func (t *tee) Node(n graph.SubgraphNode) error { t.nodes = append(t.nodes, n); return t.Sink.Node(n) }
func (t *tee) Edge(e graph.SubgraphEdge) error { t.edges = append(t.edges, e); return t.Sink.Edge(e) }

// TestCypherExportOfStoredGraph loads hand-built documents with
// graph.Store.Load, exports their subgraph through graph.Store.Subgraph,
// wipes the database, runs the script and compares.
func TestCypherExportOfStoredGraph(t *testing.T) {
	db := openDatabase(t)
	neo4jtest.Wipe(t)
	ctx := context.Background()
	store, err := graph.Open(ctx, graph.Config{URI: neo4jtest.URI(t), Database: neo4jtest.Database})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close(ctx)
	if err := store.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	ho := extractor.Entity{ID: "person/ho-chi-minh", Name: "Hồ Chí Minh", Type: "Person", Aliases: []string{"Ho Chi Minh", `Cde. "Ho"`},
		Mentions: []extractor.Mention{{Start: 0, End: 11, Text: "Hồ Chí Minh"}}}
	nk := extractor.Entity{ID: "person/nikita-khrushchev", Name: "N.S. Khrushchev", Type: "Person",
		Mentions: []extractor.Mention{{Start: 20, End: 35, Text: "N.S. Khrushchev"}}}
	drv := extractor.Entity{ID: "state/drv", Name: "D.R.V. & Co's \\ state", Type: "State",
		Mentions: []extractor.Mention{{Start: 40, End: 43, Text: "DRV"}}}
	docs := []extractor.Document{
		{ID: "doc/1", Title: "Record of a Conversation", Date: "1957-07-17", SHA256: "a", Text: strings.Repeat("x", 60),
			Entities: []extractor.Entity{ho, nk, drv},
			Relations: []extractor.Relation{
				{Type: "MET", Source: nk.ID, Target: ho.ID, Evidence: "They met.", Start: 0, End: 30},
				{Type: "HOLDS_OFFICE", Source: ho.ID, Target: drv.ID, Evidence: "President of the DRV", Start: 0, End: 43, Role: "President"},
			}},
		{ID: "doc/2", Title: "Telegram", Date: "1959-10", SHA256: "b", Text: strings.Repeat("y", 60),
			Entities: []extractor.Entity{ho, nk},
			Relations: []extractor.Relation{
				{Type: "MET", Source: ho.ID, Target: nk.ID, Evidence: "Talks again.", Start: 1, End: 20},
				{Type: "CO_MENTIONED", Source: ho.ID, Target: nk.ID, Evidence: "Both named.", Start: 1, End: 20},
			}},
	}
	if _, err := store.Load(ctx, docs); err != nil {
		t.Fatal(err)
	}
	var script bytes.Buffer
	sink, _, _, _ := Writer("cypher", &script)
	got := &tee{Sink: sink}
	q := graph.SubgraphQuery{Seeds: []string{ho.ID}, Depth: 2, Limit: 100}
	if err := store.Subgraph(ctx, q, got); err != nil {
		t.Fatal(err)
	}
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
	if len(got.nodes) != 3 || len(got.edges) != 3 {
		t.Fatalf("Subgraph sent %d nodes and %d edges, want 3 and 3: %+v %+v", len(got.nodes), len(got.edges), got.nodes, got.edges)
	}
	neo4jtest.Wipe(t)
	runScript(t, db, script.String())
	checkRecreated(t, db, got.nodes, got.edges)
}
