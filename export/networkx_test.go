package export

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/archivegraph/archivegraph/graph"
)

// python returns a Python interpreter that has NetworkX: the one named by
// ARCHIVEGRAPH_PYTHON (the test script sets up a virtual environment for
// it), else python3. Without one the tests skip on a laptop and fail where
// ARCHIVEGRAPH_REQUIRE_NEO4J=1 says every consumer must be there.
func python(tb testing.TB) string {
	tb.Helper()
	py := os.Getenv("ARCHIVEGRAPH_PYTHON")
	if py == "" {
		py = "python3"
	}
	out, err := exec.Command(py, "-c", "import networkx; print(networkx.__version__)").CombinedOutput()
	if err == nil {
		return py
	}
	msg := "no Python with NetworkX (" + py + ": " + strings.TrimSpace(string(out)) + "); set ARCHIVEGRAPH_PYTHON or run `make test`"
	if os.Getenv("ARCHIVEGRAPH_REQUIRE_NEO4J") == "1" {
		tb.Fatal(msg)
	}
	tb.Skip(msg)
	return ""
}

// networkxView is what tools/export-check/read_graph.py prints.
type networkxView struct {
	NetworkX   string                    `json:"networkx"`
	Directed   bool                      `json:"directed"`
	Multigraph bool                      `json:"multigraph"`
	Nodes      map[string]map[string]any `json:"nodes"`
	Edges      []struct {
		Source string         `json:"source"`
		Target string         `json:"target"`
		Key    string         `json:"key"`
		Attrs  map[string]any `json:"attrs"`
	} `json:"edges"`
}

// readWithNetworkX writes the subgraph in format to a file and reads it back
// with NetworkX.
func readWithNetworkX(tb testing.TB, format string, nodes []graph.SubgraphNode, edges []graph.SubgraphEdge) networkxView {
	tb.Helper()
	py := python(tb)
	path := filepath.Join(tb.TempDir(), "subgraph."+format)
	if err := os.WriteFile(path, write(tb, format, nodes, edges), 0o644); err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command(py, filepath.Join("..", "tools", "export-check", "read_graph.py"), path, format)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("NetworkX could not read the %s export: %v\n%s", format, err, stderr.String())
	}
	var view networkxView
	if err := json.Unmarshal(out, &view); err != nil {
		tb.Fatalf("read_graph.py printed %q: %v", out, err)
	}
	tb.Logf("read back with NetworkX %s", view.NetworkX)
	return view
}

func TestNetworkXReadsExports(t *testing.T) {
	// What NetworkX should find, format by format: the attributes each
	// format declares, typed as the file declares them.
	wantNode := map[string]func(n graph.SubgraphNode) map[string]any{
		"graphml": func(n graph.SubgraphNode) map[string]any {
			m := map[string]any{"label": n.Name, "name": n.Name, "type": n.Type,
				"mention_count": float64(n.Mentions), "document_count": float64(n.Documents)}
			if len(n.Aliases) > 0 {
				m["aliases"] = strings.Join(cleanAliases(n.Aliases, ListSeparator), ListSeparator)
			}
			return m
		},
		"gexf": func(n graph.SubgraphNode) map[string]any {
			m := map[string]any{"label": n.Name, "type": n.Type,
				"mention_count": float64(n.Mentions), "document_count": float64(n.Documents)}
			if len(n.Aliases) > 0 {
				m["aliases"] = strings.Join(cleanAliases(n.Aliases, ListSeparator), ListSeparator)
			}
			return m
		},
	}
	wantEdge := map[string]func(e graph.SubgraphEdge) map[string]any{
		"graphml": func(e graph.SubgraphEdge) map[string]any {
			m := map[string]any{"type": e.Type, "weight": float64(e.Weight),
				"document_count": float64(e.Documents), "symmetric": symmetric(e.Type)}
			dates(m, e)
			return m
		},
		"gexf": func(e graph.SubgraphEdge) map[string]any {
			m := map[string]any{"label": e.Type, "type": e.Type, "weight": float64(e.Weight),
				"document_count": float64(e.Documents), "symmetric": symmetric(e.Type)}
			dates(m, e)
			return m
		},
	}
	genNodes, genEdges := collectGenerated(300)
	cases := []struct {
		name  string
		nodes []graph.SubgraphNode
		edges []graph.SubgraphEdge
	}{
		{"sample", sample.nodes, sample.edges},
		{"generated", genNodes, genEdges},
		{"nodes only", sample.nodes, nil},
	}
	for _, format := range []string{"graphml", "gexf"} {
		for _, tc := range cases {
			t.Run(format+"/"+tc.name, func(t *testing.T) {
				view := readWithNetworkX(t, format, tc.nodes, tc.edges)
				if !view.Directed {
					t.Errorf("NetworkX read an undirected graph, want directed")
				}
				if len(view.Nodes) != len(tc.nodes) {
					t.Errorf("NetworkX found %d nodes, want %d", len(view.Nodes), len(tc.nodes))
				}
				for _, n := range tc.nodes {
					if got, want := view.Nodes[n.ID], wantNode[format](n); !reflect.DeepEqual(got, want) {
						t.Errorf("node %q:\n got %v\nwant %v", n.ID, got, want)
					}
				}
				if len(view.Edges) != len(tc.edges) {
					t.Fatalf("NetworkX found %d edges, want %d", len(view.Edges), len(tc.edges))
				}
				byID := map[string]int{}
				for i, e := range view.Edges {
					// NetworkX keeps an edge's id as its key in a multigraph
					// and as an "id" attribute otherwise (always, for GEXF).
					id, ok := e.Attrs["id"].(string)
					if !ok {
						id = e.Key
					}
					delete(e.Attrs, "id")
					byID[id] = i
				}
				for i, e := range tc.edges {
					id := "e" + itoa(i)
					j, ok := byID[id]
					if !ok {
						t.Errorf("edge %s (%+v) missing", id, e)
						continue
					}
					got := view.Edges[j]
					if want := wantEdge[format](e); got.Source != e.Source || got.Target != e.Target || !reflect.DeepEqual(got.Attrs, want) {
						t.Errorf("edge %s:\n got %s→%s %v\nwant %s→%s %v", id, got.Source, got.Target, got.Attrs, e.Source, e.Target, want)
					}
				}
			})
		}
	}
}

func dates(m map[string]any, e graph.SubgraphEdge) {
	if e.FirstDate != "" {
		m["first_date"] = e.FirstDate
	}
	if e.LastDate != "" {
		m["last_date"] = e.LastDate
	}
}
