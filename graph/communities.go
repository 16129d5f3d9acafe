package graph

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/iterator"

	"github.com/archivegraph/archivegraph/extractor"
)

// How blocs are found.
//
// Between every two states or parties the evidence inside the period is
// folded into one signed tie:
//
//	tie = supportWeight·SUPPORTS + coMentionWeight·CO_MENTIONED − opposeWeight·OPPOSES
//
// counting evidence in both directions. Louvain modularity (gonum's
// community.Modularize) then partitions the graph of the positive ties.
// Louvain cannot take negative weights, and folding is the choice that lets
// opposition matter: two states that are named together in every telegram
// but condemn each other twice end up with no tie at all, so a split shows
// even where the co-mentions go on (they do: the Sino-Soviet polemic
// mentions both sides constantly). Co-mentions weigh little because being
// named in the same sentence says nothing about which side one is on; they
// still join states that nothing else connects. Dropping negative ties
// rather than pushing the two apart means a state that quarrels with one
// member of a bloc and supports three others still sits with them, which
// is what a historian calls an ally with a grievance.
//
// Determinism: entities are numbered in id order, the graph iterates its
// nodes and neighbours in that order, and Louvain's random source has a
// fixed seed; the same evidence gives the same blocs every time.
//
// A bloc needs two members: entities left alone (no positive tie in the
// period) are not reported.
const (
	supportWeight   = 1.0
	coMentionWeight = 0.1
	opposeWeight    = 2.0

	communityEvidence = 5 // SUPPORTS sentences returned per bloc
)

// Communities finds blocs among states and parties (or q.Types) from the
// evidence inside q.Period: largest bloc first, members by their tie to the
// rest of the bloc (EntitySummary.Score), with the supporting sentences of
// the bloc's strongest pairs.
func (s *Store) Communities(ctx context.Context, q CommunityQuery) ([]Community, error) {
	const op = "communities"
	types := q.Types
	if len(types) == 0 {
		types = []string{extractor.TypeState, extractor.TypeParty}
	}
	types, err := entityTypes(types)
	if err != nil {
		return nil, fmt.Errorf("graph: %s: %w", op, err)
	}
	period, err := q.Period.bounds()
	if err != nil {
		return nil, fmt.Errorf("graph: %s: %w", op, err)
	}
	out, err := s.read(ctx, op, func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		ties, err := signedTies(ctx, tx, types, period)
		if err != nil {
			return nil, err
		}
		blocs := findBlocs(ties)
		if len(blocs) == 0 {
			return []Community{}, nil
		}
		return describeBlocs(ctx, tx, blocs, period)
	})
	if err != nil {
		return nil, wrap(op, err)
	}
	return out.([]Community), nil
}

// tie is the folded evidence between two entities, a < b.
type tie struct {
	a, b   string
	weight float64
}

// signedTies reads the evidence between entities of the given types. It
// starts from each label (types come from the allow-list), so it reads the
// relationships of the few hundred states and parties, not the graph's.
func signedTies(ctx context.Context, tx neo4j.ManagedTransaction, types []string, period periodBounds) ([]tie, error) {
	sums := map[[2]string]float64{}
	window := period.window()
	for _, label := range types {
		// Whole-year periods sum the yearly aggregates (see aggregate.go).
		query := `
			MATCH (a:` + label + `)-[r:SUPPORTS|OPPOSES|CO_MENTIONED]->(b:Entity)
			WHERE b.type IN $types AND a <> b AND ` + periodPredicate("r") + `
			RETURN a.id AS a, b.id AS b, type(r) AS rel, count(r) AS n`
		if window.ok {
			query = `
			MATCH (a:` + label + `)-[g:AGG]->(b:Entity)
			WHERE g.type IN ['SUPPORTS', 'OPPOSES', 'CO_MENTIONED'] AND b.type IN $types AND a <> b AND ` + windowPredicate("g") + `
			RETURN a.id AS a, b.id AS b, g.type AS rel, sum(g.weight) AS n`
		}
		rows, err := collect(ctx, tx, query, window.params(period.params(map[string]any{"types": types})))
		if err != nil {
			return nil, err
		}
		for _, row := range rows {
			a, b := str(row, "a"), str(row, "b")
			if b < a {
				a, b = b, a
			}
			n := float64(integer(row, "n"))
			switch str(row, "rel") {
			case extractor.RelSupports:
				sums[[2]string{a, b}] += supportWeight * n
			case extractor.RelOpposes:
				sums[[2]string{a, b}] -= opposeWeight * n
			default:
				sums[[2]string{a, b}] += coMentionWeight * n
			}
		}
	}
	ties := make([]tie, 0, len(sums))
	for k, w := range sums {
		ties = append(ties, tie{a: k[0], b: k[1], weight: w})
	}
	slices.SortFunc(ties, func(x, y tie) int {
		return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b))
	})
	return ties, nil
}

// bloc is a group of entities with each member's positive tie to the
// others and the bloc's net signed weight.
type bloc struct {
	members  []string
	strength map[string]float64
	cohesion float64
}

// findBlocs partitions the positive ties with Louvain and scores each part
// with all ties, positive and negative.
func findBlocs(ties []tie) []bloc {
	var names []string
	for _, t := range ties {
		names = append(names, t.a, t.b)
	}
	slices.Sort(names)
	names = slices.Compact(names)
	index := make(map[string]int64, len(names))
	for i, n := range names {
		index[n] = int64(i)
	}
	g := newOrderedGraph(len(names))
	for _, t := range ties {
		if t.weight > 0 {
			g.set(index[t.a], index[t.b], t.weight)
		}
	}
	if g.edges == 0 {
		return nil
	}
	reduced := community.Modularize(g, 1, rand.NewPCG(1957, 1965))
	member := make([]int, len(names))
	var blocs []bloc
	for c, nodes := range reduced.Communities() {
		b := bloc{strength: map[string]float64{}}
		for _, n := range nodes {
			member[n.ID()] = c
			b.members = append(b.members, names[n.ID()])
		}
		blocs = append(blocs, b)
	}
	for _, t := range ties {
		ca, cb := member[index[t.a]], member[index[t.b]]
		if ca != cb {
			continue
		}
		blocs[ca].cohesion += t.weight
		if t.weight > 0 {
			blocs[ca].strength[t.a] += t.weight
			blocs[ca].strength[t.b] += t.weight
		}
	}
	kept := blocs[:0]
	for _, b := range blocs {
		if len(b.members) < 2 {
			continue
		}
		slices.SortFunc(b.members, func(x, y string) int {
			return cmp.Or(cmp.Compare(b.strength[y], b.strength[x]), cmp.Compare(x, y))
		})
		kept = append(kept, b)
	}
	slices.SortFunc(kept, func(x, y bloc) int {
		return cmp.Or(cmp.Compare(len(y.members), len(x.members)), cmp.Compare(y.cohesion, x.cohesion),
			cmp.Compare(x.members[0], y.members[0]))
	})
	return kept
}

// describeBlocs adds the entities and the supporting evidence to blocs.
func describeBlocs(ctx context.Context, tx neo4j.ManagedTransaction, blocs []bloc, period periodBounds) ([]Community, error) {
	var ids []string
	for _, b := range blocs {
		ids = append(ids, b.members...)
	}
	entities, err := entitiesByID(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Community, len(blocs))
	for i, b := range blocs {
		c := Community{ID: i, Cohesion: b.cohesion, Members: make([]EntitySummary, len(b.members))}
		for j, id := range b.members {
			c.Members[j] = entities[id]
			c.Members[j].Score = b.strength[id]
		}
		// The earliest sentence of each of the pairs with most support.
		rows, err := collect(ctx, tx, `
			MATCH (a:Entity)-[r:SUPPORTS]->(b:Entity)
			WHERE a.id IN $ids AND b.id IN $ids AND `+periodPredicate("r")+`
			WITH a, b, r ORDER BY r.date IS NULL, r.date, r.doc, r.start
			WITH a, b, count(r) AS n, head(collect(r)) AS r
			ORDER BY n DESC, a.id, b.id
			LIMIT $evidence
			OPTIONAL MATCH (d:Document {id: r.doc})
			RETURN {document_id: r.doc, title: d.title, date: r.date, sentence: r.evidence,
			        start: r.start, end: r.end, role: r.role} AS evidence`,
			period.params(map[string]any{"ids": b.members, "evidence": communityEvidence}))
		if err != nil {
			return nil, err
		}
		var evidence []map[string]any
		for _, row := range rows {
			evidence = append(evidence, object(row, "evidence"))
		}
		c.Evidence = evidenceOf(evidence)
		out[i] = c
	}
	return out, nil
}

// orderedGraph is a weighted undirected graph on the nodes 0..n-1 whose
// iterators run in id order. gonum's own graphs iterate maps, and Louvain
// visits nodes and sums weights in iteration order, which would make the
// blocs of a tie-breaking case differ from run to run.
type orderedGraph struct {
	nodes []gonum.Node
	adj   []map[int64]float64
	edges int
}

type orderedNode int64

func (n orderedNode) ID() int64 { return int64(n) }

type orderedEdge struct {
	from, to gonum.Node
	w        float64
}

func (e orderedEdge) From() gonum.Node         { return e.from }
func (e orderedEdge) To() gonum.Node           { return e.to }
func (e orderedEdge) ReversedEdge() gonum.Edge { return orderedEdge{e.to, e.from, e.w} }
func (e orderedEdge) Weight() float64          { return e.w }

func newOrderedGraph(n int) *orderedGraph {
	g := &orderedGraph{nodes: make([]gonum.Node, n), adj: make([]map[int64]float64, n)}
	for i := range n {
		g.nodes[i] = orderedNode(i)
		g.adj[i] = map[int64]float64{}
	}
	return g
}

func (g *orderedGraph) set(a, b int64, w float64) {
	if _, ok := g.adj[a][b]; !ok {
		g.edges++
	}
	g.adj[a][b] = w
	g.adj[b][a] = w
}

func (g *orderedGraph) Node(id int64) gonum.Node {
	if id < 0 || id >= int64(len(g.nodes)) {
		return nil
	}
	return g.nodes[id]
}

func (g *orderedGraph) Nodes() gonum.Nodes { return iterator.NewOrderedNodes(g.nodes) }

func (g *orderedGraph) From(id int64) gonum.Nodes {
	if g.Node(id) == nil {
		return gonum.Empty
	}
	to := make([]gonum.Node, 0, len(g.adj[id]))
	for n := range g.adj[id] {
		to = append(to, g.nodes[n])
	}
	slices.SortFunc(to, func(x, y gonum.Node) int { return cmp.Compare(x.ID(), y.ID()) })
	return iterator.NewOrderedNodes(to)
}

func (g *orderedGraph) HasEdgeBetween(x, y int64) bool {
	if g.Node(x) == nil {
		return false
	}
	_, ok := g.adj[x][y]
	return ok
}

func (g *orderedGraph) Edge(u, v int64) gonum.Edge { return g.WeightedEdge(u, v) }

func (g *orderedGraph) EdgeBetween(x, y int64) gonum.Edge { return g.WeightedEdge(x, y) }

func (g *orderedGraph) WeightedEdgeBetween(x, y int64) gonum.WeightedEdge {
	return g.WeightedEdge(x, y)
}

func (g *orderedGraph) WeightedEdge(u, v int64) gonum.WeightedEdge {
	if !g.HasEdgeBetween(u, v) {
		return nil
	}
	return orderedEdge{g.nodes[u], g.nodes[v], g.adj[u][v]}
}

// Weight is 0 for a node with itself (no self-ties) and for absent edges.
func (g *orderedGraph) Weight(x, y int64) (float64, bool) {
	if x == y {
		return 0, true
	}
	if w, ok := g.adj[x][y]; ok {
		return w, true
	}
	return 0, false
}
