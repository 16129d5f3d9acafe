package graph

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/archivegraph/archivegraph/extractor"
)

// subgraph streams Store.Subgraph from the read index, as plan.stream does
// from Neo4j: the same nodes in the same order, the same edges.
func (snap *snapshot) subgraph(ctx context.Context, p subgraphPlan, sink SubgraphSink) error {
	for _, id := range p.seeds {
		if _, ok := snap.entityIdx[id]; !ok {
			return fmt.Errorf("%w: seed entity %q", ErrNotFound, id)
		}
	}
	filter := pieceFilter{types: onlyTypes(strings.Split(p.rels, "|")...), period: p.period}

	inSent := make([]bool, len(snap.entities))
	sent := make([]int32, 0, p.limit)
	send := func(e int32) error {
		x := &snap.entities[e]
		inSent[e] = true
		sent = append(sent, e)
		err := sink.Node(SubgraphNode{ID: x.ID, Name: x.Name, Type: x.Type, Aliases: x.Aliases, Mentions: x.Mentions, Documents: x.Documents})
		if err != nil {
			return sinkError{err}
		}
		return nil
	}
	frontier := make([]int32, len(p.seeds))
	for i, id := range p.seeds {
		frontier[i] = snap.entityIdx[id]
		if err := send(frontier[i]); err != nil {
			return err
		}
	}

	// Each level weighs the candidates by the evidence that links them to
	// the level before, counted per neighbour, relation and direction,
	// where the minimum weight applies, then summed per candidate.
	type link struct {
		from, to int32
		typ      uint8
		out      bool
	}
	for level := 1; level <= p.depth && len(frontier) > 0 && len(sent) < p.limit; level++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		links := map[link]int{}
		for _, a := range frontier {
			for _, pi := range snap.adjacent[a] {
				x := &snap.pieces[pi]
				if !filter.keeps(x) {
					continue
				}
				b, out := x.target, true
				if b == a {
					b, out = x.source, false
				}
				if inSent[b] || !slices.Contains(p.types, snap.entities[b].Type) {
					continue
				}
				links[link{a, b, x.typ, out}]++
			}
		}
		weight := map[int32]int{}
		for l, n := range links {
			if n >= p.minWeight {
				weight[l.to] += n
			}
		}
		next := make([]int32, 0, len(weight))
		for b := range weight {
			next = append(next, b)
		}
		slices.SortFunc(next, func(a, b int32) int {
			return cmp.Or(cmp.Compare(weight[b], weight[a]), cmp.Compare(snap.idRank[a], snap.idRank[b]))
		})
		next = next[:min(len(next), p.limit-len(sent))]
		for _, b := range next {
			if err := send(b); err != nil {
				return err
			}
		}
		frontier = next
	}

	// The edges among the nodes sent, from each source in the order sent,
	// by target id and relation type.
	type edge struct {
		target            int32
		typ               uint8
		weight, documents int
		lastDoc           int32
		first, last       string
	}
	for _, a := range sent {
		if err := ctx.Err(); err != nil {
			return err
		}
		var edges []edge
		index := map[uint64]int{}
		for _, pi := range snap.adjacent[a] {
			x := &snap.pieces[pi]
			if x.source != a || !inSent[x.target] || !filter.keeps(x) {
				continue
			}
			k := uint64(x.target)<<8 | uint64(x.typ)
			i, ok := index[k]
			if !ok {
				i = len(edges)
				index[k] = i
				edges = append(edges, edge{target: x.target, typ: x.typ, lastDoc: -1})
			}
			e := &edges[i]
			e.weight++
			if x.doc != e.lastDoc {
				e.documents++
				e.lastDoc = x.doc
			}
			if x.date != "" {
				if e.first == "" || x.date < e.first {
					e.first = x.date
				}
				if x.date > e.last {
					e.last = x.date
				}
			}
		}
		slices.SortFunc(edges, func(x, y edge) int {
			return cmp.Or(cmp.Compare(snap.idRank[x.target], snap.idRank[y.target]), cmp.Compare(typeRank[x.typ], typeRank[y.typ]))
		})
		for _, e := range edges {
			if e.weight < p.minWeight {
				continue
			}
			err := sink.Edge(SubgraphEdge{Source: snap.entities[a].ID, Target: snap.entities[e.target].ID,
				Type: extractor.RelationTypes[e.typ], Weight: e.weight, Documents: e.documents, FirstDate: e.first, LastDate: e.last})
			if err != nil {
				return sinkError{err}
			}
		}
	}
	return nil
}
