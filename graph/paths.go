package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/archivegraph/archivegraph/extractor"
)

// Defaults of PathQuery.
const (
	DefaultHops     = 4
	DefaultPaths    = 10
	pathEvidence    = 3 // pieces of evidence per step
	pathsOp         = "paths"
	maxPathFrontier = 50000
)

// Paths returns the shortest paths between two entities, through evidence
// of the allowed relation types inside the period, treating every relation
// as undirected. Each path differs from the others by at least one entity;
// each step names the heaviest relation between its two entities with up to
// three pieces of its evidence, earliest first (on a tie, a relation that
// says more than a co-mention). No path within MaxHops
// gives an empty list; an unknown endpoint gives ErrNotFound.
//
// The search is a breadth-first search from both ends at once, one Cypher
// expansion per level, rather than Cypher's allShortestPaths: every piece
// of evidence is its own relationship, so the paths Cypher enumerates
// multiply with the evidence on each step, while the entities on them do
// not.
func (s *Store) Paths(ctx context.Context, q PathQuery) ([]Path, error) {
	op := fmt.Sprintf("paths from %q to %q", q.From, q.To)
	rels, err := relationPattern(q.Relations)
	if err != nil {
		return nil, fmt.Errorf("graph: %s: %w", op, err)
	}
	period, err := q.Period.bounds()
	if err != nil {
		return nil, fmt.Errorf("graph: %s: %w", op, err)
	}
	hops, err := within(q.MaxHops, DefaultHops, MaxHops, "hops")
	if err != nil {
		return nil, fmt.Errorf("graph: %s: %w", op, err)
	}
	limit, err := within(q.Limit, DefaultPaths, MaxPaths, "paths")
	if err != nil {
		return nil, fmt.Errorf("graph: %s: %w", op, err)
	}
	out, err := s.read(ctx, pathsOp, func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		ends, err := entitiesByID(ctx, tx, []string{q.From, q.To})
		if err != nil {
			return nil, err
		}
		for _, id := range []string{q.From, q.To} {
			if _, ok := ends[id]; !ok {
				return nil, fmt.Errorf("%w: entity %q", ErrNotFound, id)
			}
		}
		if q.From == q.To {
			return []Path{{Nodes: []EntitySummary{ends[q.From]}, Steps: []PathStep{}}}, nil
		}
		expand := func(frontier []string) ([][2]string, error) {
			return expandLevel(ctx, tx, rels, period, frontier)
		}
		sequences, err := shortestSequences(q.From, q.To, hops, limit, expand)
		if err != nil || len(sequences) == 0 {
			return []Path{}, err
		}
		return describePaths(ctx, tx, sequences, rels, period)
	})
	if err != nil {
		return nil, wrap(op, err)
	}
	return out.([]Path), nil
}

// within applies a default to n and refuses values past most.
func within(n, def, most int, what string) (int, error) {
	switch {
	case n < 0:
		return 0, fmt.Errorf("%w: negative %s %d", ErrInvalid, what, n)
	case n == 0:
		return def, nil
	case n > most:
		return 0, fmt.Errorf("%w: %d %s is past the limit of %d", ErrInvalid, n, what, most)
	}
	return n, nil
}

// relationPattern checks relation types against the allow-list and joins
// them for a relationship pattern; none means every type.
func relationPattern(types []string) (string, error) {
	if len(types) == 0 {
		return relationTypesPattern, nil
	}
	seen := make([]string, 0, len(types))
	for _, t := range types {
		if !slices.Contains(extractor.RelationTypes, t) {
			return "", fmt.Errorf("%w: unknown relation type %q", ErrInvalid, t)
		}
		if !slices.Contains(seen, t) {
			seen = append(seen, t)
		}
	}
	return strings.Join(seen, "|"), nil
}

// entityTypes checks entity types against the allow-list; none means every
// type.
func entityTypes(types []string) ([]string, error) {
	if len(types) == 0 {
		return slices.Clone(extractor.EntityTypes), nil
	}
	out := make([]string, 0, len(types))
	for _, t := range types {
		if !slices.Contains(extractor.EntityTypes, t) {
			return nil, fmt.Errorf("%w: unknown entity type %q", ErrInvalid, t)
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out, nil
}

// entitiesByID reads the summaries of the entities that exist among ids.
func entitiesByID(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (map[string]EntitySummary, error) {
	rows, err := collect(ctx, tx, `
		UNWIND $ids AS id
		MATCH (e:Entity {id: id})
		RETURN DISTINCT e`+entityProjection+` AS entity`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make(map[string]EntitySummary, len(rows))
	for _, row := range rows {
		e := summaryOf(object(row, "entity"))
		out[e.ID] = e
	}
	return out, nil
}

// expandLevel returns the distinct pairs (frontier entity, neighbour)
// joined by evidence that passes the filters.
func expandLevel(ctx context.Context, tx neo4j.ManagedTransaction, rels string, period periodBounds, frontier []string) ([][2]string, error) {
	query := `
		UNWIND $ids AS id
		MATCH (a:Entity {id: id})-[r:` + rels + `]-(b:Entity)
		WHERE ` + periodPredicate("r") + `
		RETURN DISTINCT a.id AS a, b.id AS b`
	window := period.window()
	if window.ok {
		// An aggregate exists exactly where evidence of its type and year
		// does (see aggregate.go).
		query = `
		UNWIND $ids AS id
		MATCH (a:Entity {id: id})-[g:AGG]-(b:Entity)
		WHERE g.type IN $rels AND ` + windowPredicate("g") + `
		RETURN DISTINCT a.id AS a, b.id AS b`
	}
	res, err := tx.Run(ctx, query, window.params(period.params(map[string]any{"ids": frontier, "rels": strings.Split(rels, "|")})))
	if err != nil {
		return nil, err
	}
	var pairs [][2]string
	for res.Next(ctx) {
		a, _ := res.Record().Values[0].(string)
		b, _ := res.Record().Values[1].(string)
		pairs = append(pairs, [2]string{a, b})
	}
	return pairs, res.Err()
}

// bfsSide is one end of a bidirectional breadth-first search: each entity
// reached, at what distance, and through which entities one step closer to
// this end.
type bfsSide struct {
	dist     map[string]int
	parents  map[string][]string
	frontier []string
	depth    int
}

func newSide(start string) *bfsSide {
	return &bfsSide{dist: map[string]int{start: 0}, parents: map[string][]string{}, frontier: []string{start}}
}

// grow adds the next level reached through pairs from the frontier.
func (s *bfsSide) grow(pairs [][2]string) {
	s.depth++
	var next []string
	for _, p := range pairs {
		from, to := p[0], p[1]
		d, seen := s.dist[to]
		if !seen {
			s.dist[to] = s.depth
			next = append(next, to)
		} else if d != s.depth {
			continue
		}
		s.parents[to] = append(s.parents[to], from)
	}
	slices.Sort(next)
	s.frontier = next
}

// shortestSequences finds up to limit shortest entity sequences from one
// entity to another of at most hops steps, in an order that depends only on
// the graph (ids are sorted at every choice). expand returns the pairs one step from a frontier.
func shortestSequences(from, to string, hops, limit int, expand func([]string) ([][2]string, error)) ([][]string, error) {
	fwd, bwd := newSide(from), newSide(to)
	for fwd.depth+bwd.depth < hops {
		// Growing the smaller side keeps hubs (a state mentioned with
		// everyone) from being expanded before they need to be.
		side := fwd
		if len(bwd.frontier) < len(fwd.frontier) {
			side = bwd
		}
		if len(side.frontier) == 0 {
			return nil, nil
		}
		if len(side.frontier) > maxPathFrontier {
			return nil, fmt.Errorf("%w: the search reached more than %d entities; allow fewer hops or relation types", ErrInvalid, maxPathFrontier)
		}
		pairs, err := expand(side.frontier)
		if err != nil {
			return nil, err
		}
		side.grow(pairs)
		// Every shortest path crosses the newest level at an entity the
		// other side has reached; the first level that meets the other
		// side gives the length of them all.
		var meeting []string
		for _, id := range side.frontier {
			if _, ok := otherSide(side, fwd, bwd).dist[id]; ok {
				meeting = append(meeting, id)
			}
		}
		if len(meeting) > 0 {
			return joinHalves(fwd, bwd, meeting, limit), nil
		}
	}
	return nil, nil
}

func otherSide(side, fwd, bwd *bfsSide) *bfsSide {
	if side == fwd {
		return bwd
	}
	return fwd
}

// joinHalves enumerates the paths through the meeting entities, in order.
func joinHalves(fwd, bwd *bfsSide, meeting []string, limit int) [][]string {
	for _, side := range []*bfsSide{fwd, bwd} {
		for id := range side.parents {
			slices.Sort(side.parents[id])
			side.parents[id] = slices.Compact(side.parents[id])
		}
	}
	// halves lists the ways back from id to the side's start, start last.
	var halves func(side *bfsSide, id string, budget int) [][]string
	halves = func(side *bfsSide, id string, budget int) [][]string {
		if side.dist[id] == 0 {
			return [][]string{{id}}
		}
		var out [][]string
		for _, p := range side.parents[id] {
			for _, h := range halves(side, p, budget-len(out)) {
				out = append(out, append([]string{id}, h...))
				if len(out) >= budget {
					return out
				}
			}
		}
		return out
	}
	var paths [][]string
	for _, m := range meeting {
		for _, head := range halves(fwd, m, limit) {
			slices.Reverse(head) // from … m
			for _, tail := range halves(bwd, m, limit) {
				path := append(slices.Clone(head), tail[1:]...) // m … to
				paths = append(paths, path)
			}
		}
	}
	slices.SortFunc(paths, func(a, b []string) int { return slices.Compare(a, b) })
	if len(paths) > limit {
		paths = paths[:limit]
	}
	return paths
}

// describePaths turns entity sequences into paths with their entities and,
// for each step, the heaviest relation and its earliest evidence.
func describePaths(ctx context.Context, tx neo4j.ManagedTransaction, sequences [][]string, rels string, period periodBounds) ([]Path, error) {
	var ids []string
	type pair struct{ a, b string }
	stepSet := map[pair]bool{}
	var pairs []any
	for _, seq := range sequences {
		ids = append(ids, seq...)
		for i := 1; i < len(seq); i++ {
			p := pair{seq[i-1], seq[i]}
			if !stepSet[p] {
				stepSet[p] = true
				pairs = append(pairs, []any{p.a, p.b})
			}
		}
	}
	entities, err := entitiesByID(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	rows, err := collect(ctx, tx, `
		UNWIND $pairs AS pair
		MATCH (a:Entity {id: pair[0]})-[r:`+rels+`]-(b:Entity {id: pair[1]})
		WHERE `+periodPredicate("r")+`
		WITH pair, type(r) AS rel, startNode(r).id AS source, endNode(r).id AS target, r
		ORDER BY r.date IS NULL, r.date, r.doc, r.start
		WITH pair, rel, source, target, count(r) AS weight, collect(r)[..$evidence] AS pieces
		ORDER BY weight DESC, rel = $coMentioned, rel, source
		WITH pair, collect({rel: rel, source: source, target: target, weight: weight, pieces: pieces})[0] AS best
		CALL (best) {
			UNWIND best.pieces AS r
			OPTIONAL MATCH (d:Document {id: r.doc})
			RETURN collect({document_id: r.doc, title: d.title, date: r.date, sentence: r.evidence,
			                start: r.start, end: r.end, role: r.role}) AS evidence
		}
		RETURN pair[0] AS a, pair[1] AS b, best.rel AS rel, best.source AS source, best.target AS target,
		       best.weight AS weight, evidence`,
		period.params(map[string]any{"pairs": pairs, "evidence": pathEvidence, "coMentioned": extractor.RelCoMentioned}))
	if err != nil {
		return nil, err
	}
	steps := make(map[pair]PathStep, len(rows))
	for _, row := range rows {
		p := pair{str(row, "a"), str(row, "b")}
		step := PathStep{
			Source:   str(row, "source"),
			Target:   str(row, "target"),
			Relation: str(row, "rel"),
			Weight:   integer(row, "weight"),
			Evidence: evidenceOf(objects(row, "evidence")),
		}
		if extractor.Symmetric(step.Relation) {
			// Stored in id order; told in the path's order.
			step.Source, step.Target = p.a, p.b
		}
		steps[p] = step
	}
	paths := make([]Path, len(sequences))
	for i, seq := range sequences {
		path := Path{Nodes: make([]EntitySummary, len(seq)), Steps: make([]PathStep, len(seq)-1)}
		for j, id := range seq {
			path.Nodes[j] = entities[id]
			if j > 0 {
				path.Steps[j-1] = steps[pair{seq[j-1], id}]
			}
		}
		paths[i] = path
	}
	return paths, nil
}
