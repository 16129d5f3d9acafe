package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// DefaultSubgraphNodes is the node limit of a SubgraphQuery without one.
const DefaultSubgraphNodes = 500

// errStreamBroken reports a transaction that failed after part of a
// subgraph had gone to the sink: the driver would retry it from the start
// and send the same nodes again, so it is not retried.
var errStreamBroken = errors.New("graph: the database failed after the export had begun; nothing was retried")

// Subgraph streams the part of the graph around the seeds to sink: first
// the seeds, in the order given, then the entities one hop further, then
// two, up to q.Depth, each level's strongest first (most evidence from the
// level before), until q.Limit nodes have been sent; then the aggregated
// edges among the nodes sent, one per source, target and relation type,
// weighed by the evidence inside the period. Entities of other types than
// q.Types are neither sent nor passed through; an entity reached only
// through edges lighter than q.MinWeight is not sent either.
//
// Records are handed to the sink as they arrive from the database, so the
// memory used grows with the number of nodes (their ids are kept to find
// the edges), not with the size of the export. An unknown seed gives
// ErrNotFound before anything is sent; an error of the sink stops the
// stream and is returned wrapped.
func (s *Store) Subgraph(ctx context.Context, q SubgraphQuery, sink SubgraphSink) error {
	const op = "subgraph"
	plan, err := planSubgraph(q)
	if err != nil {
		return fmt.Errorf("graph: %s: %w", op, err)
	}
	if snap := s.fromIndex(); snap != nil {
		return wrap(op, snap.subgraph(ctx, plan, sink))
	}
	started := false
	_, err = s.read(ctx, op, func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		if started {
			return nil, errStreamBroken
		}
		out := &countingSink{sink: sink, started: &started}
		return nil, plan.stream(ctx, tx, out)
	})
	return wrap(op, err)
}

// subgraphPlan is a validated SubgraphQuery.
type subgraphPlan struct {
	seeds     []string
	depth     int
	limit     int
	rels      string
	types     []string
	period    periodBounds
	window    yearWindow
	minWeight int
}

func planSubgraph(q SubgraphQuery) (subgraphPlan, error) {
	var p subgraphPlan
	var err error
	if len(q.Seeds) == 0 {
		return p, fmt.Errorf("%w: no seed entity", ErrInvalid)
	}
	seen := map[string]bool{}
	for _, id := range q.Seeds {
		if !seen[id] {
			seen[id] = true
			p.seeds = append(p.seeds, id)
		}
	}
	if p.depth, err = within(q.Depth, 1, MaxDepth, "depth"); err != nil {
		return p, err
	}
	if p.limit, err = within(q.Limit, DefaultSubgraphNodes, MaxSubgraphNodes, "nodes"); err != nil {
		return p, err
	}
	if len(p.seeds) > p.limit {
		return p, fmt.Errorf("%w: %d seeds but a limit of %d nodes", ErrInvalid, len(p.seeds), p.limit)
	}
	if p.rels, err = relationPattern(q.Relations); err != nil {
		return p, err
	}
	if p.types, err = entityTypes(q.Types); err != nil {
		return p, err
	}
	if p.period, err = q.Period.bounds(); err != nil {
		return p, err
	}
	p.window = p.period.window()
	if q.MinWeight < 0 {
		return p, fmt.Errorf("%w: negative minimum weight %d", ErrInvalid, q.MinWeight)
	}
	p.minWeight = max(q.MinWeight, 1)
	return p, nil
}

// countingSink marks the stream as started at the first record.
type countingSink struct {
	sink    SubgraphSink
	started *bool
}

func (c *countingSink) Node(n SubgraphNode) error {
	*c.started = true
	return c.sink.Node(n)
}

func (c *countingSink) Edge(e SubgraphEdge) error {
	*c.started = true
	return c.sink.Edge(e)
}

// sinkError marks an error of the sink, so that it is not mistaken for the
// database's.
type sinkError struct{ err error }

func (e sinkError) Error() string { return "subgraph sink: " + e.err.Error() }
func (e sinkError) Unwrap() error { return e.err }

func (p subgraphPlan) stream(ctx context.Context, tx neo4j.ManagedTransaction, sink SubgraphSink) error {
	rows, err := collect(ctx, tx, `
		UNWIND $ids AS id
		OPTIONAL MATCH (e:Entity {id: id})
		WITH id, e WHERE e IS NULL
		RETURN id`, map[string]any{"ids": p.seeds})
	if err != nil {
		return err
	}
	if len(rows) > 0 {
		return fmt.Errorf("%w: seed entity %q", ErrNotFound, str(rows[0], "id"))
	}

	sent := make([]string, 0, len(p.seeds))
	sendNodes := func(query string, params map[string]any) ([]string, error) {
		res, err := tx.Run(ctx, query, params)
		if err != nil {
			return nil, err
		}
		var level []string
		for res.Next(ctx) {
			m, _ := res.Record().Values[0].(map[string]any)
			n := SubgraphNode{
				ID: str(m, "id"), Name: str(m, "name"), Type: str(m, "type"), Aliases: strs(m, "aliases"),
				Mentions: integer(m, "mentions"), Documents: integer(m, "documents"),
			}
			if err := sink.Node(n); err != nil {
				return nil, sinkError{err}
			}
			level = append(level, n.ID)
		}
		if err := res.Err(); err != nil {
			return nil, err
		}
		sent = append(sent, level...)
		return level, nil
	}

	frontier, err := sendNodes(`
		UNWIND range(0, size($ids) - 1) AS i
		MATCH (e:Entity {id: $ids[i]})
		RETURN e`+entityProjection+` AS entity
		ORDER BY i`, map[string]any{"ids": p.seeds})
	if err != nil {
		return err
	}
	// Whole-year periods expand over the yearly aggregates and weigh the
	// edges by them (see aggregate.go); others read the evidence.
	expand := `
		UNWIND $frontier AS id
		MATCH (a:Entity {id: id})-[r:` + p.rels + `]-(b:Entity)
		WHERE b.type IN $types AND NOT b.id IN $sent AND ` + periodPredicate("r") + `
		WITH a, b, type(r) AS rel, startNode(r) = a AS out, count(r) AS weight`
	edges := `
		UNWIND $ids AS id
		MATCH (a:Entity {id: id})
		CALL (a) {
			MATCH (a)-[r:` + p.rels + `]->(b:Entity)
			WHERE b.id IN $ids AND ` + periodPredicate("r") + `
			WITH b, type(r) AS rel, count(r) AS weight, count(DISTINCT r.doc) AS documents,
			     min(r.date) AS first, max(r.date) AS last
			WHERE weight >= $minWeight
			RETURN b.id AS target, rel, weight, documents, first, last
			ORDER BY target, rel
		}
		RETURN a.id AS source, target, rel, weight, documents, first, last`
	if p.window.ok {
		expand = `
		UNWIND $frontier AS id
		MATCH (a:Entity {id: id})-[g:AGG]-(b:Entity)
		WHERE g.type IN $relList AND b.type IN $types AND NOT b.id IN $sent AND ` + windowPredicate("g") + `
		WITH a, b, g.type AS rel, startNode(g) = a AS out, sum(g.weight) AS weight`
		edges = `
		UNWIND $ids AS id
		MATCH (a:Entity {id: id})
		CALL (a) {
			MATCH (a)-[g:AGG]->(b:Entity)
			WHERE g.type IN $relList AND b.id IN $ids AND ` + windowPredicate("g") + `
			WITH b, g.type AS rel, sum(g.weight) AS weight, sum(g.documents) AS summed, sum(g.split) AS split,
			     min(g.first) AS first, max(g.last) AS last
			WHERE weight >= $minWeight
			CALL (a, b, rel, split) {
				WITH a, b, rel WHERE split > 0
				MATCH (a)-[r:` + p.rels + `]->(b)
				WHERE type(r) = rel AND ` + periodPredicate("r") + `
				RETURN count(DISTINCT r.doc) AS recounted
			}
			RETURN b.id AS target, rel, weight, CASE WHEN split > 0 THEN recounted ELSE summed END AS documents, first, last
			ORDER BY target, rel
		}
		RETURN a.id AS source, target, rel, weight, documents, first, last`
	}
	relList := strings.Split(p.rels, "|")
	for level := 1; level <= p.depth && len(frontier) > 0 && len(sent) < p.limit; level++ {
		frontier, err = sendNodes(expand+`
			WHERE weight >= $minWeight
			WITH b, sum(weight) AS weight
			ORDER BY weight DESC, b.id
			LIMIT $remaining
			RETURN b`+entityProjection+` AS entity`,
			p.window.params(p.period.params(map[string]any{
				"frontier": frontier, "types": p.types, "sent": sent, "relList": relList,
				"minWeight": p.minWeight, "remaining": p.limit - len(sent),
			})))
		if err != nil {
			return err
		}
	}

	// Each edge is read from its source, the aggregation done per source,
	// so that the database streams rows instead of grouping the whole
	// export before the first one.
	res, err := tx.Run(ctx, edges,
		p.window.params(p.period.params(map[string]any{"ids": sent, "minWeight": p.minWeight, "relList": relList})))
	if err != nil {
		return err
	}
	for res.Next(ctx) {
		v := res.Record().Values
		e := SubgraphEdge{Source: asString(v[0]), Target: asString(v[1]), Type: asString(v[2]),
			Weight: asInt(v[3]), Documents: asInt(v[4]), FirstDate: asString(v[5]), LastDate: asString(v[6])}
		if err := sink.Edge(e); err != nil {
			return sinkError{err}
		}
	}
	return res.Err()
}

func asString(v any) string {
	s, _ := v.(string)
	return s
}

func asInt(v any) int {
	n, _ := v.(int64)
	return int(n)
}
