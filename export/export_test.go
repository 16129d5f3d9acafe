package export

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/archivegraph/archivegraph/graph"
)

// write exports nodes and edges in format and returns the bytes.
func write(tb testing.TB, format string, nodes []graph.SubgraphNode, edges []graph.SubgraphEdge) []byte {
	tb.Helper()
	var buf bytes.Buffer
	sink, _, _, err := Writer(format, &buf)
	if err != nil {
		tb.Fatalf("Writer(%q): %v", format, err)
	}
	if err := send(sink, nodes, edges); err != nil {
		tb.Fatalf("export %s: %v", format, err)
	}
	return buf.Bytes()
}

func TestWriter(t *testing.T) {
	cases := []struct {
		format, contentType, ext string
	}{
		{"json", "application/json", ".json"},
		{"graphml", "application/graphml+xml", ".graphml"},
		{"gexf", "application/gexf+xml", ".gexf"},
		{"csv", "application/zip", ".zip"},
		{"cypher", "text/plain; charset=utf-8", ".cypher"},
	}
	for _, tc := range cases {
		t.Run(tc.format, func(t *testing.T) {
			sink, ct, ext, err := Writer(tc.format, io.Discard)
			if err != nil || sink == nil || ct != tc.contentType || ext != tc.ext {
				t.Errorf("Writer(%q) = %v, %q, %q, %v; want a sink, %q, %q", tc.format, sink, ct, ext, err, tc.contentType, tc.ext)
			}
		})
	}
	t.Run("unknown", func(t *testing.T) {
		_, _, _, err := Writer("xlsx", io.Discard)
		if !errors.Is(err, ErrUnknownFormat) || !strings.Contains(err.Error(), "json, graphml, gexf, csv, cypher") {
			t.Errorf("Writer(xlsx) error = %v, want ErrUnknownFormat listing the formats", err)
		}
	})
}

func TestStreamContract(t *testing.T) {
	node := sample.nodes[0]
	edge := sample.edges[0]
	for _, format := range Formats {
		t.Run(format+"/node after edge", func(t *testing.T) {
			sink, _, _, _ := Writer(format, io.Discard)
			if err := sink.Node(node); err != nil {
				t.Fatal(err)
			}
			if err := sink.Edge(edge); err != nil {
				t.Fatal(err)
			}
			if err := sink.Node(sample.nodes[1]); !errors.Is(err, ErrOrder) {
				t.Errorf("Node after Edge = %v, want ErrOrder", err)
			}
		})
		t.Run(format+"/unknown types", func(t *testing.T) {
			sink, _, _, _ := Writer(format, io.Discard)
			bad := node
			bad.Type = "Person) DETACH DELETE (n"
			if err := sink.Node(bad); !errors.Is(err, ErrOrder) {
				t.Errorf("Node(type %q) = %v, want ErrOrder", bad.Type, err)
			}
			badEdge := edge
			badEdge.Type = "MET]->() DELETE r //"
			if err := sink.Edge(badEdge); !errors.Is(err, ErrOrder) {
				t.Errorf("Edge(type %q) = %v, want ErrOrder", badEdge.Type, err)
			}
		})
		t.Run(format+"/write error stops the stream", func(t *testing.T) {
			sink, _, _, _ := Writer(format, failingWriter{})
			err := generated{5000}.send(sink)
			if err == nil {
				t.Errorf("export %s to a failing writer succeeded", format)
			}
		})
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("connection reset") }

// graphologyExport is the serialisation graphology's Graph.import reads.
type graphologyExport struct {
	Attributes map[string]any `json:"attributes"`
	Options    struct {
		Type           string `json:"type"`
		Multi          bool   `json:"multi"`
		AllowSelfLoops bool   `json:"allowSelfLoops"`
	} `json:"options"`
	Nodes []struct {
		Key        string         `json:"key"`
		Attributes map[string]any `json:"attributes"`
	} `json:"nodes"`
	Edges []struct {
		Key        string         `json:"key"`
		Source     string         `json:"source"`
		Target     string         `json:"target"`
		Undirected bool           `json:"undirected"`
		Attributes map[string]any `json:"attributes"`
	} `json:"edges"`
}

func TestJSON(t *testing.T) {
	cases := []struct {
		name  string
		nodes []graph.SubgraphNode
		edges []graph.SubgraphEdge
	}{
		{"sample", sample.nodes, sample.edges},
		{"nodes only", sample.nodes[:2], nil},
		{"empty", nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := write(t, "json", tc.nodes, tc.edges)
			dec := json.NewDecoder(bytes.NewReader(out))
			dec.DisallowUnknownFields()
			var got graphologyExport
			if err := dec.Decode(&got); err != nil {
				t.Fatalf("decode: %v\n%s", err, out)
			}
			// graphology accepts these options for a graph whose parallel
			// edges differ in type and whose MET edges are undirected.
			if got.Options.Type != "mixed" || !got.Options.Multi || got.Attributes == nil {
				t.Errorf("options = %+v, attributes = %v", got.Options, got.Attributes)
			}
			if len(got.Nodes) != len(tc.nodes) || len(got.Edges) != len(tc.edges) {
				t.Fatalf("got %d nodes, %d edges; want %d, %d", len(got.Nodes), len(got.Edges), len(tc.nodes), len(tc.edges))
			}
			for i, n := range tc.nodes {
				g := got.Nodes[i]
				want := map[string]any{"label": n.Name, "name": n.Name, "type": n.Type,
					"aliases": jsonList(n.Aliases), "mention_count": float64(n.Mentions), "document_count": float64(n.Documents)}
				if g.Key != n.ID || !reflect.DeepEqual(g.Attributes, want) {
					t.Errorf("node %d = %q %v, want %q %v", i, g.Key, g.Attributes, n.ID, want)
				}
			}
			keys := map[string]bool{}
			for i, e := range tc.edges {
				g := got.Edges[i]
				want := map[string]any{"type": e.Type, "weight": float64(e.Weight), "document_count": float64(e.Documents)}
				if e.FirstDate != "" {
					want["first_date"] = e.FirstDate
				}
				if e.LastDate != "" {
					want["last_date"] = e.LastDate
				}
				if g.Source != e.Source || g.Target != e.Target || g.Undirected != symmetric(e.Type) || !reflect.DeepEqual(g.Attributes, want) {
					t.Errorf("edge %d = %+v, want %+v", i, g, e)
				}
				if g.Key == "" || keys[g.Key] {
					t.Errorf("edge %d key %q is empty or repeated", i, g.Key)
				}
				keys[g.Key] = true
			}
		})
	}
}

func jsonList(items []string) []any {
	out := []any{}
	for _, s := range items {
		out = append(out, s)
	}
	return out
}

// TestCSV reads the ZIP back with archive/zip and encoding/csv. neo4j-admin
// itself is not available to the tests (it ships with the Neo4j server
// distribution, not with the embedded database the local launcher runs), so
// the headers are checked against the syntax its manual documents.
func TestCSV(t *testing.T) {
	cases := []struct {
		name  string
		nodes []graph.SubgraphNode
		edges []graph.SubgraphEdge
	}{
		{"sample", sample.nodes, sample.edges},
		{"nodes only", sample.nodes, nil},
		{"empty", nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := write(t, "csv", tc.nodes, tc.edges)
			zr, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
			if err != nil {
				t.Fatal(err)
			}
			if len(zr.File) != 2 || zr.File[0].Name != NodesFile || zr.File[1].Name != RelationshipsFile {
				t.Fatalf("zip entries = %v, want nodes.csv then relationships.csv", zr.File)
			}
			nodes := readCSV(t, zr.File[0])
			rels := readCSV(t, zr.File[1])
			wantNodesHeader := "id:ID,name,type,aliases:string[],mention_count:int,document_count:int,:LABEL"
			wantRelsHeader := ":START_ID,:END_ID,:TYPE,weight:int,document_count:int,first_date,last_date"
			if h := strings.Join(nodes[0], ","); h != wantNodesHeader {
				t.Errorf("nodes.csv header = %s, want %s", h, wantNodesHeader)
			}
			if h := strings.Join(rels[0], ","); h != wantRelsHeader {
				t.Errorf("relationships.csv header = %s, want %s", h, wantRelsHeader)
			}
			if len(nodes)-1 != len(tc.nodes) || len(rels)-1 != len(tc.edges) {
				t.Fatalf("rows: %d nodes, %d relationships; want %d, %d", len(nodes)-1, len(rels)-1, len(tc.nodes), len(tc.edges))
			}
			for i, n := range tc.nodes {
				row := nodes[i+1]
				var aliases []string
				if row[3] != "" {
					aliases = strings.Split(row[3], ArrayDelimiter)
				}
				got := graph.SubgraphNode{ID: row[0], Name: row[1], Type: row[2], Aliases: aliases,
					Mentions: atoi(t, row[4]), Documents: atoi(t, row[5])}
				want := n
				want.Aliases = cleanAliases(n.Aliases, ArrayDelimiter)
				if len(want.Aliases) == 0 {
					want.Aliases = nil
				}
				if !reflect.DeepEqual(got, want) || row[6] != "Entity;"+n.Type {
					t.Errorf("node row %d = %q, want %+v", i, row, want)
				}
			}
			for i, e := range tc.edges {
				row := rels[i+1]
				got := graph.SubgraphEdge{Source: row[0], Target: row[1], Type: row[2],
					Weight: atoi(t, row[3]), Documents: atoi(t, row[4]), FirstDate: row[5], LastDate: row[6]}
				if got != e {
					t.Errorf("relationship row %d = %q, want %+v", i, row, e)
				}
			}
		})
	}
}

func readCSV(tb testing.TB, f *zip.File) [][]string {
	tb.Helper()
	r, err := f.Open()
	if err != nil {
		tb.Fatal(err)
	}
	defer r.Close()
	rows, err := csv.NewReader(r).ReadAll()
	if err != nil {
		tb.Fatalf("%s: %v", f.Name, err)
	}
	if len(rows) == 0 {
		tb.Fatalf("%s: no header", f.Name)
	}
	return rows
}

func atoi(tb testing.TB, s string) int {
	tb.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		tb.Fatalf("not an integer: %q", s)
	}
	return n
}

func TestCypherString(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain", "Ho Chi Minh", `'Ho Chi Minh'`},
		{"quotes", `O'Brien "Jr"`, `'O\'Brien \"Jr\"'`},
		{"backslash before quote", `a\' x`, `'a\\\' x'`},
		{"line breaks and tabs", "a\nb\r\tc", `'a\nb\r\tc'`},
		{"control and format characters", "a\x00b\u200dc\u2028", `'a\u0000b\u200Dc\u2028'`},
		{"other scripts stay", "Hồ Chí Minh 胡志明 Хрущёв", `'Hồ Chí Minh 胡志明 Хрущёв'`},
		{"invalid utf-8", "a\xffb", `'a\uFFFDb'`},
		{"empty", "", `''`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			writeCypherString(&b, tc.in)
			if b.String() != tc.want {
				t.Errorf("writeCypherString(%q) = %s, want %s", tc.in, b.String(), tc.want)
			}
		})
	}
}
