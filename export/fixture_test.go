package export

import (
	"fmt"
	"slices"

	"github.com/archivegraph/archivegraph/graph"
)

// sample is a hand-built subgraph with the text that breaks careless
// writers: several scripts, both quotes, ampersands and angle brackets,
// backslashes, a line break, list separators inside aliases, parallel edges
// of different types between the same two entities, and unknown dates.
var sample = struct {
	nodes []graph.SubgraphNode
	edges []graph.SubgraphEdge
}{
	nodes: []graph.SubgraphNode{
		{ID: "person/ho-chi-minh", Name: "Hồ Chí Minh", Type: "Person",
			Aliases: []string{"Ho Chi Minh", "Nguyễn Ái Quốc", "胡志明"}, Mentions: 42, Documents: 7},
		{ID: "person/nikita-khrushchev", Name: "Nikita Khrushchev", Type: "Person",
			Aliases: []string{"N.S. Khrushchev", "Никита Хрущёв", `Cde. "Nikita"`}, Mentions: 30, Documents: 5},
		{ID: "party/o'brien-&-sons", Name: `O'Brien & Sons <"Workers'" Party>`, Type: "Party",
			Aliases: []string{`back\slash`, "semi;colon", "pipe|bar", "tab\there"}, Mentions: 1, Documents: 1},
		{ID: "state/drv", Name: "Democratic Republic of Vietnam", Type: "State",
			Aliases: []string{"DRV", "North Vietnam"}, Mentions: 12, Documents: 4},
		{ID: "organization/comecon", Name: "Council for Mutual Economic Assistance\nCOMECON", Type: "Organization",
			Aliases: nil, Mentions: 0, Documents: 0},
		{ID: "place/genève", Name: "Genève", Type: "Place", Aliases: []string{}, Mentions: 2, Documents: 2},
	},
	edges: []graph.SubgraphEdge{
		{Source: "person/ho-chi-minh", Target: "person/nikita-khrushchev", Type: "MET",
			Weight: 3, Documents: 2, FirstDate: "1957-07-17", LastDate: "1959-10"},
		{Source: "person/ho-chi-minh", Target: "person/nikita-khrushchev", Type: "CO_MENTIONED",
			Weight: 9, Documents: 4, FirstDate: "1955", LastDate: "1960-01-02"},
		{Source: "person/ho-chi-minh", Target: "state/drv", Type: "HOLDS_OFFICE",
			Weight: 5, Documents: 3, FirstDate: "1954-07-15", LastDate: "1965"},
		{Source: "state/drv", Target: "party/o'brien-&-sons", Type: "OPPOSES",
			Weight: 1, Documents: 1},
		{Source: "party/o'brien-&-sons", Target: "state/drv", Type: "SUPPORTS",
			Weight: 2, Documents: 1, FirstDate: "1958", LastDate: "1958"},
		{Source: "state/drv", Target: "organization/comecon", Type: "MEMBER_OF",
			Weight: 1, Documents: 1, FirstDate: "1962-06", LastDate: "1962-06"},
	},
}

// send streams a subgraph into sink as graph.Store.Subgraph does, and
// closes it.
func send(sink Sink, nodes []graph.SubgraphNode, edges []graph.SubgraphEdge) error {
	for _, n := range nodes {
		if err := sink.Node(n); err != nil {
			return err
		}
	}
	for _, e := range edges {
		if err := sink.Edge(e); err != nil {
			return err
		}
	}
	return sink.Close()
}

// generated is a streamed subgraph of n nodes and about 4n edges, built on
// the fly so that benchmarks measure the writers and not the fixture.
type generated struct{ nodes int }

var (
	genTypes = []string{"Person", "Party", "State", "Organization", "Place"}
	genRels  = []string{"CO_MENTIONED", "MET", "MEMBER_OF", "HOLDS_OFFICE", "SUPPORTS", "OPPOSES"}
)

func (g generated) node(i int) graph.SubgraphNode {
	return graph.SubgraphNode{
		ID:        fmt.Sprintf("entity/%06d", i),
		Name:      fmt.Sprintf("Entity Nº %d «%s»", i, genTypes[i%5]),
		Type:      genTypes[i%5],
		Aliases:   []string{fmt.Sprintf("E%d", i), fmt.Sprintf("Ent & %d", i)},
		Mentions:  i % 97,
		Documents: i % 13,
	}
}

// edges calls f for each edge: from every node to the next four (mod n).
func (g generated) edges(f func(graph.SubgraphEdge) error) error {
	for i := 0; i < g.nodes; i++ {
		for k := 1; k <= 4 && k < g.nodes; k++ {
			j := (i + k) % g.nodes
			rel := genRels[(i+k)%len(genRels)]
			src, dst := g.node(i).ID, g.node(j).ID
			if symmetric(rel) && dst < src {
				src, dst = dst, src
			}
			e := graph.SubgraphEdge{Source: src, Target: dst, Type: rel, Weight: 1 + (i*k)%7, Documents: 1 + i%3}
			if i%5 != 0 {
				e.FirstDate = fmt.Sprintf("19%02d", 50+i%20)
				e.LastDate = fmt.Sprintf("19%02d-0%d", 60+i%10, 1+k)
			}
			if err := f(e); err != nil {
				return err
			}
		}
	}
	return nil
}

func (g generated) send(sink Sink) error {
	for i := 0; i < g.nodes; i++ {
		if err := sink.Node(g.node(i)); err != nil {
			return err
		}
	}
	if err := g.edges(sink.Edge); err != nil {
		return err
	}
	return sink.Close()
}

// collectGenerated materialises a generated subgraph, for tests only.
func collectGenerated(n int) ([]graph.SubgraphNode, []graph.SubgraphEdge) {
	g := generated{n}
	nodes := make([]graph.SubgraphNode, n)
	for i := range nodes {
		nodes[i] = g.node(i)
	}
	var edges []graph.SubgraphEdge
	_ = g.edges(func(e graph.SubgraphEdge) error { edges = append(edges, e); return nil })
	return nodes, edges
}

// cleanAliases is what list formats can carry of an alias list: separators
// inside elements become spaces, and nil is empty.
func cleanAliases(aliases []string, sep string) []string {
	out := []string{}
	for _, a := range aliases {
		out = append(out, joinList([]string{a}, sep))
	}
	return slices.Clip(out)
}
