package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/archivegraph/archivegraph/extractor"
)

// Bounds of list queries: every answer is paginated and capped.
const (
	DefaultSearchLimit   = 20
	DefaultNeighborLimit = 50
	DefaultMeetingLimit  = 100
	MaxLimit             = 1000
	DefaultEvidence      = 3
	MaxEvidence          = 100

	detailNeighbors = 10 // strongest neighbours shown with an entity
	detailDocuments = 50 // documents shown with an entity
)

// entityProjection returns an entity as the map summaryOf reads.
const entityProjection = "{.id, .name, .type, .aliases, .mentions, .documents}"

// relationTypesPattern is every entity-to-entity relation type, as used in
// a relationship pattern; spelling them out keeps MENTIONED_IN links to
// documents out of neighbourhood expansions.
var relationTypesPattern = strings.Join(extractor.RelationTypes, "|")

// SearchEntities finds entities whose name or an alias matches q, best match
// first, tolerating small misspellings of longer words. An empty q lists
// entities by number of mentions. typ, if not empty, restricts the type.
func (s *Store) SearchEntities(ctx context.Context, q, typ string, limit, offset int) ([]EntitySummary, error) {
	const op = "search entities"
	if typ != "" && !slices.Contains(extractor.EntityTypes, typ) {
		return nil, fmt.Errorf("graph: %s: %w: unknown entity type %q", op, ErrInvalid, typ)
	}
	limit, err := bound(limit, DefaultSearchLimit, MaxLimit)
	if err != nil {
		return nil, fmt.Errorf("graph: %s: %w", op, err)
	}
	if offset < 0 {
		return nil, fmt.Errorf("graph: %s: %w: negative offset %d", op, ErrInvalid, offset)
	}
	if snap := s.fromIndex(); snap != nil {
		return snap.names.search(q, typ, limit, offset), nil
	}
	params := map[string]any{"type": typ, "limit": limit, "offset": offset}

	var query string
	if strings.TrimSpace(q) == "" {
		label := "Entity"
		if typ != "" {
			label = typ
		}
		query = `
			MATCH (e:` + label + `)
			RETURN e` + entityProjection + ` AS entity, null AS score
			ORDER BY e.mentions DESC, e.id
			SKIP $offset LIMIT $limit`
	} else {
		lucene := luceneQuery(q)
		if lucene == "" {
			return []EntitySummary{}, nil
		}
		params["index"] = entityNameIndex
		params["query"] = lucene
		query = `
			CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score
			WHERE $type = '' OR node.type = $type
			RETURN node` + entityProjection + ` AS entity, score
			ORDER BY score DESC, node.mentions DESC, node.id
			SKIP $offset LIMIT $limit`
	}
	key := fmt.Sprintf("%q %q %d %d", q, typ, limit, offset)
	out, err := s.cachedRead(ctx, "search", key, func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		return collect(ctx, tx, query, params)
	})
	if err != nil {
		return nil, wrap(op, err)
	}
	rows := out.([]map[string]any)
	results := make([]EntitySummary, len(rows))
	for i, row := range rows {
		results[i] = summaryOf(object(row, "entity"))
		results[i].Score = float(row, "score")
	}
	return results, nil
}

// luceneQuery turns what a person typed into a Lucene query over the name
// index. A word matches as itself (best), as a prefix (names typed halfway)
// or, from five letters on, within one or two edits (Krushchev, Kruschev
// for Khrushchev). Words of three letters or more are required; shorter ones
// (initials, "Ho") only add to the score, because the index's analyzer keeps
// "N.S." as one token and a required "s" would then match nothing. Words are
// cut roughly as the analyzer cuts them (dots and apostrophes inside a word
// stay) and escaped even so: nothing typed reaches the parser as syntax.
func luceneQuery(q string) string {
	words := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' && r != '\''
	})
	var required, optional []string
	for _, w := range words {
		w = strings.Trim(w, ".'")
		n := 0 // letters and digits: "n.s" is as short as "ns"
		for _, r := range w {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				n++
			}
		}
		if n == 0 {
			continue
		}
		t := escapeLucene(w)
		clause := t + "^4 OR " + t + "*^2"
		switch {
		case n >= 8:
			clause += " OR " + t + "~2"
		case n >= 5:
			clause += " OR " + t + "~1"
		}
		if n >= 3 {
			required = append(required, "+("+clause+")")
		} else {
			optional = append(optional, "("+clause+")")
		}
	}
	return strings.Join(append(required, optional...), " ")
}

// escapeLucene backslash-escapes the characters that Lucene's classic query
// parser treats as syntax.
func escapeLucene(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`+-&|!(){}[]^"~*?:\/`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Entity returns one entity with its strongest neighbours and the documents
// that mention it most, or ErrNotFound.
func (s *Store) Entity(ctx context.Context, id string) (EntityDetail, error) {
	op := fmt.Sprintf("entity %q", id)
	if snap := s.fromIndex(); snap != nil {
		out, err := snap.entityDetail(id)
		return out, wrap(op, err)
	}
	out, err := s.cachedRead(ctx, "entity", id, func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		rows, err := collect(ctx, tx, "MATCH (e:Entity {id: $id}) RETURN e"+entityProjection+" AS entity", map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		if len(rows) == 0 {
			return nil, ErrNotFound
		}
		detail := EntityDetail{EntitySummary: summaryOf(object(rows[0], "entity"))}
		if detail.Neighbors, err = neighborsOf(ctx, tx, id, NeighborFilter{Limit: detailNeighbors, Evidence: 1}); err != nil {
			return nil, err
		}
		rows, err = collect(ctx, tx, `
			MATCH (:Entity {id: $id})-[m:MENTIONED_IN]->(d:Document)
			RETURN d{.id, .title, .date, .source} AS document, m.count AS count
			ORDER BY m.count DESC, d.date, d.id
			LIMIT $limit`, map[string]any{"id": id, "limit": detailDocuments})
		if err != nil {
			return nil, err
		}
		detail.Docs = make([]DocumentMention, len(rows))
		for i, row := range rows {
			detail.Docs[i] = DocumentMention{DocumentRef: documentRefOf(object(row, "document")), Count: integer(row, "count")}
		}
		return detail, nil
	})
	if err != nil {
		return EntityDetail{}, wrap(op, err)
	}
	return out.(EntityDetail), nil
}

// Neighbors returns the entities related to id, strongest relation first,
// each with its weight (pieces of evidence that pass the filter) and the
// earliest evidence. An entity related in several ways appears once per
// relation type and direction. Unknown id: ErrNotFound.
func (s *Store) Neighbors(ctx context.Context, id string, f NeighborFilter) ([]Neighbor, error) {
	op := fmt.Sprintf("neighbors of %q", id)
	if err := f.check(); err != nil {
		return nil, fmt.Errorf("graph: %s: %w", op, err)
	}
	if snap := s.fromIndex(); snap != nil {
		out, err := snap.neighbors(id, f)
		return out, wrap(op, err)
	}
	out, err := s.cachedRead(ctx, "neighbors", fmt.Sprintf("%q %+v", id, f), func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		rows, err := collect(ctx, tx, "MATCH (e:Entity {id: $id}) RETURN e.id AS id", map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		if len(rows) == 0 {
			return nil, ErrNotFound
		}
		return neighborsOf(ctx, tx, id, f)
	})
	if err != nil {
		return nil, wrap(op, err)
	}
	return slices.Clone(out.([]Neighbor)), nil
}

func (f *NeighborFilter) check() error {
	if f.Relation != "" && !slices.Contains(extractor.RelationTypes, f.Relation) {
		return fmt.Errorf("%w: unknown relation type %q", ErrInvalid, f.Relation)
	}
	if f.Type != "" && !slices.Contains(extractor.EntityTypes, f.Type) {
		return fmt.Errorf("%w: unknown entity type %q", ErrInvalid, f.Type)
	}
	if f.FromYear != 0 && f.ToYear != 0 && f.FromYear > f.ToYear {
		return fmt.Errorf("%w: year range %d–%d is empty", ErrInvalid, f.FromYear, f.ToYear)
	}
	if f.MinWeight < 0 {
		return fmt.Errorf("%w: negative minimum weight %d", ErrInvalid, f.MinWeight)
	}
	if _, err := f.Period.bounds(); err != nil {
		return err
	}
	var err error
	if f.Limit, err = bound(f.Limit, DefaultNeighborLimit, MaxLimit); err != nil {
		return err
	}
	if f.Evidence, err = bound(f.Evidence, DefaultEvidence, MaxEvidence); err != nil {
		return err
	}
	return nil
}

// neighborsOf aggregates the evidence around an existing entity. The
// filter's labels and types come from the allow-lists (see check).
func neighborsOf(ctx context.Context, tx neo4j.ManagedTransaction, id string, f NeighborFilter) ([]Neighbor, error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	period, _ := f.Period.bounds() // checked above
	query, params := neighborsQuery(id, f, period)
	rows, err := collect(ctx, tx, query, params)
	if err != nil {
		return nil, err
	}
	neighbors := make([]Neighbor, len(rows))
	for i, row := range rows {
		neighbors[i] = Neighbor{
			Entity:    summaryOf(object(row, "entity")),
			Relation:  str(row, "rel"),
			Direction: str(row, "direction"),
			Weight:    integer(row, "weight"),
			Documents: integer(row, "documents"),
			Evidence:  evidenceOf(objects(row, "evidence")),
		}
	}
	return neighbors, nil
}

// neighborsQuery builds the query of neighborsOf for a checked filter.
func neighborsQuery(id string, f NeighborFilter, period periodBounds) (string, map[string]any) {
	rels := relationTypesPattern
	if f.Relation != "" {
		rels = f.Relation
	}
	label := "Entity"
	if f.Type != "" {
		label = f.Type
	}
	// Counting first and fetching evidence only for the neighbours kept
	// means a hub with a hundred thousand pieces of evidence is aggregated
	// without every piece being collected into lists. The evidence is then
	// read between two known nodes, which Neo4j expands from the end with
	// fewer relationships; undated evidence comes last.
	//
	// A period of whole years is counted from the yearly aggregate edges,
	// a few per pair instead of every piece of evidence; the distinct
	// documents are recounted from the evidence only for the pairs where a
	// document spans two of the years summed. Other periods count evidence.
	counting := `
		MATCH (e:Entity {id: $id})-[r:` + rels + `]-(n:` + label + `)
		WHERE ` + yearPredicate("r") + ` AND ` + periodPredicate("r") + `
		WITH e, n, type(r) AS rel,
		     CASE WHEN type(r) IN $symmetric THEN 'both' WHEN startNode(r) = e THEN 'out' ELSE 'in' END AS direction,
		     count(r) AS weight, count(DISTINCT r.doc) AS documents
		WHERE weight >= $minWeight`
	window := period.window()
	if window.ok {
		counting = `
		MATCH (e:Entity {id: $id})-[g:AGG]-(n:` + label + `)
		WHERE g.type IN $rels AND ` + yearPredicate("g") + ` AND ` + windowPredicate("g") + `
		WITH e, n, g.type AS rel,
		     CASE WHEN g.type IN $symmetric THEN 'both' WHEN startNode(g) = e THEN 'out' ELSE 'in' END AS direction,
		     sum(g.weight) AS weight, sum(g.documents) AS summed, sum(g.split) AS split, collect(g) AS aggs
		WHERE weight >= $minWeight
		CALL (e, n, rel, direction, split) {
			WITH e, n, rel, direction WHERE split > 0
			MATCH (e)-[r:` + rels + `]-(n)
			WHERE type(r) = rel AND (direction = 'both' OR (direction = 'out') = (startNode(r) = e))
			  AND ` + yearPredicate("r") + ` AND ` + periodPredicate("r") + `
			RETURN count(DISTINCT r.doc) AS recounted
		}
		WITH e, n, rel, direction, weight, CASE WHEN split > 0 THEN recounted ELSE summed END AS documents, aggs`
	}
	// The evidence of a neighbour kept is read between the two nodes; with
	// the aggregates, only the pieces listed first on the earliest of them
	// in the period are read, each through the r.doc index of its type
	// (see aggregate.go), instead of every piece between two hubs.
	pieces := `
			MATCH (e)-[r:` + rels + `]-(n)
			WHERE type(r) = rel AND (direction = 'both' OR (direction = 'out') = (startNode(r) = e))
			  AND ` + yearPredicate("r") + ` AND ` + periodPredicate("r")
	kept := "" // what the counting passes on to the evidence
	if window.ok {
		kept = ", aggs"
		var arms []string
		for _, t := range strings.Split(rels, "|") {
			arms = append(arms, `
				MATCH ()-[r:`+t+`]->() WHERE r.doc = entry[1] AND r.start = toInteger(entry[2]) AND rel = '`+t+`'
				RETURN r`)
		}
		pieces = `
			UNWIND aggs AS g
			WITH e, n, rel, direction, g ORDER BY g.ykey < 0, g.ykey
			WITH e, n, rel, direction, reduce(acc = [], list IN collect(g.earliest) | acc + list)[0..$evidence] AS texts
			UNWIND texts AS text
			WITH DISTINCT e, n, rel, direction, split(text, $sep) AS entry
			CALL (entry, rel) {` + strings.Join(arms, "\n\t\t\t\tUNION ALL") + `
			}
			WITH e, n, direction, r
			WHERE ((startNode(r) = e AND endNode(r) = n) OR (startNode(r) = n AND endNode(r) = e))
			  AND (direction = 'both' OR (direction = 'out') = (startNode(r) = e))`
	}
	query := counting + `
		ORDER BY weight DESC, documents DESC, n.id, rel, direction
		LIMIT $limit
		CALL (e, n, rel, direction` + kept + `) {` + pieces + `
			WITH r ORDER BY r.date IS NULL, r.date, r.doc, r.start
			LIMIT $evidence
			OPTIONAL MATCH (d:Document {id: r.doc})
			RETURN collect({document_id: r.doc, title: d.title, date: r.date, sentence: r.evidence,
			                start: r.start, end: r.end, role: r.role}) AS evidence
		}
		RETURN n` + entityProjection + ` AS entity, rel, direction, weight, documents, evidence`
	params := period.params(map[string]any{
		"id": id, "fromYear": f.FromYear, "toYear": f.ToYear, "minWeight": f.MinWeight,
		"limit": f.Limit, "evidence": f.Evidence, "symmetric": symmetricTypes(),
		"rels": strings.Split(rels, "|"), "sep": entrySep,
	})
	return query, window.params(params)
}

// symmetricTypes lists the relation types stored with source < target.
func symmetricTypes() []string {
	var out []string
	for _, rel := range extractor.RelationTypes {
		if extractor.Symmetric(rel) {
			out = append(out, rel)
		}
	}
	return out
}

// Meetings lists recorded meetings, earliest first: one entry per piece of
// MET evidence, so a meeting told by two documents appears twice, each with
// its own document and sentence.
func (s *Store) Meetings(ctx context.Context, f MeetingFilter) ([]Meeting, error) {
	const op = "meetings"
	limit, err := bound(f.Limit, DefaultMeetingLimit, MaxLimit)
	if err != nil {
		return nil, fmt.Errorf("graph: %s: %w", op, err)
	}
	if f.Offset < 0 {
		return nil, fmt.Errorf("graph: %s: %w: negative offset %d", op, ErrInvalid, f.Offset)
	}
	if f.FromYear != 0 && f.ToYear != 0 && f.FromYear > f.ToYear {
		return nil, fmt.Errorf("graph: %s: %w: year range %d–%d is empty", op, ErrInvalid, f.FromYear, f.ToYear)
	}
	period, err := f.Period.bounds()
	if err != nil {
		return nil, fmt.Errorf("graph: %s: %w", op, err)
	}
	person, with := strings.TrimSpace(f.Person), strings.TrimSpace(f.With)
	key := fmt.Sprintf("%+v %d", f, limit)
	if snap := s.fromIndex(); snap != nil {
		return snap.meetingsNamed(person, with, f, limit), nil
	}
	out, err := s.cachedRead(ctx, "meetings", key, func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		// The people are found first, through the indexes, and the
		// meetings expanded from them: filtering every MET relationship
		// of the graph by name would grow with the archive.
		params := period.params(map[string]any{
			"fromYear": f.FromYear, "toYear": f.ToYear, "offset": f.Offset, "limit": limit,
		})
		var match string
		partner := with // what is left to filter the other end by
		switch {
		case person != "":
			people, err := peopleMatching(ctx, tx, person)
			if err != nil || len(people) == 0 {
				return []map[string]any{}, err
			}
			params["people"] = people
			match = "UNWIND $people AS id MATCH (a:Entity {id: id})-[r:MET]-(b:Entity)"
		case with != "":
			// Only the partner is named: expand from the partner, who is
			// still listed second.
			people, err := peopleMatching(ctx, tx, with)
			if err != nil || len(people) == 0 {
				return []map[string]any{}, err
			}
			params["people"] = people
			match = "UNWIND $people AS id MATCH (b:Entity {id: id})-[r:MET]-(a:Entity)"
			partner = ""
		default:
			// Everyone: MET is stored once, source < target, so a directed
			// pattern lists each meeting once.
			match = "MATCH (a:Entity)-[r:MET]->(b:Entity)"
		}
		params["anyWith"] = partner == ""
		params["with"] = []string{}
		if partner != "" {
			partners, err := peopleMatching(ctx, tx, partner)
			if err != nil || len(partners) == 0 {
				return []map[string]any{}, err
			}
			params["with"] = partners
		}
		// Seen from both ends when both are among the people, a meeting is
		// kept once, in the first orientation found.
		query := match + `
			WHERE ` + yearPredicate("r") + ` AND ` + periodPredicate("r") + `
			  AND ($anyWith OR b.id IN $with)
			WITH r, collect([a, b])[0] AS pair
			WITH r, pair[0] AS a, pair[1] AS b
			ORDER BY r.date IS NULL, r.date, r.doc, r.start, a.id, b.id
			SKIP $offset LIMIT $limit
			OPTIONAL MATCH (d:Document {id: r.doc})
			RETURN a` + entityProjection + ` AS person, b` + entityProjection + ` AS other,
			       r.date AS date, r.evidence AS evidence, r.start AS start, r.end AS end,
			       CASE WHEN d IS NULL THEN {id: r.doc} ELSE d{.id, .title, .date, .source} END AS document`
		return collect(ctx, tx, query, params)
	})
	if err != nil {
		return nil, wrap(op, err)
	}
	rows := out.([]map[string]any)
	meetings := make([]Meeting, len(rows))
	for i, row := range rows {
		meetings[i] = Meeting{
			Person:   summaryOf(object(row, "person")),
			With:     summaryOf(object(row, "other")),
			Date:     str(row, "date"),
			Document: documentRefOf(object(row, "document")),
			Evidence: str(row, "evidence"),
			Start:    integer(row, "start"),
			End:      integer(row, "end"),
		}
	}
	return meetings, nil
}

// maxNameCandidates bounds the entities the name index (Neo4j's or the
// read index's) proposes for a name before they are checked against it: a
// reference as loose as "h" would otherwise name thousands of people.
const maxNameCandidates = 200

// peopleMatching returns the ids of the entities a meeting filter names:
// the entity with that id, or those whose name or an alias contains ref,
// case-insensitively, among the name index's candidates for it.
func peopleMatching(ctx context.Context, tx neo4j.ManagedTransaction, ref string) ([]string, error) {
	rows, err := collect(ctx, tx, "MATCH (e:Entity {id: $id}) RETURN e.id AS id", map[string]any{"id": ref})
	if err != nil {
		return nil, err
	}
	if len(rows) > 0 {
		return []string{ref}, nil
	}
	lucene := luceneQuery(ref)
	if lucene == "" {
		return nil, nil
	}
	rows, err = collect(ctx, tx, `
		CALL db.index.fulltext.queryNodes($index, $query, {limit: $candidates}) YIELD node
		WITH node, toLower($ref) AS ref
		WHERE toLower(node.name) CONTAINS ref OR any(alias IN node.aliases WHERE toLower(alias) CONTAINS ref)
		RETURN node.id AS id ORDER BY id`,
		map[string]any{"index": entityNameIndex, "query": lucene, "candidates": maxNameCandidates, "ref": ref})
	if err != nil {
		return nil, err
	}
	out := make([]string, len(rows))
	for i, row := range rows {
		out[i] = str(row, "id")
	}
	return out, nil
}

// ResolveEntity finds the entity a reference names: an entity id; else the
// entity whose name or an alias equals ref, ignoring case (the one with
// most mentions if several do); else the best hit of the name index, which
// tolerates prefixes and misspellings. Both of the latter look among the
// index's candidates for ref. Nothing found: ErrNotFound.
func (s *Store) ResolveEntity(ctx context.Context, ref string) (EntitySummary, error) {
	op := fmt.Sprintf("resolve entity %q", ref)
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return EntitySummary{}, fmt.Errorf("graph: %s: %w: empty reference", op, ErrInvalid)
	}
	if snap := s.fromIndex(); snap != nil {
		if e, ok := snap.entity(ref); ok {
			return e, nil
		}
		if e, ok := snap.names.resolve(ref); ok {
			return e, nil
		}
		return EntitySummary{}, fmt.Errorf("graph: %s: %w", op, ErrNotFound)
	}
	out, err := s.read(ctx, "resolve", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		rows, err := collect(ctx, tx, "MATCH (e:Entity {id: $id}) RETURN e"+entityProjection+" AS entity", map[string]any{"id": ref})
		if err != nil {
			return nil, err
		}
		if len(rows) > 0 {
			return summaryOf(object(rows[0], "entity")), nil
		}
		lucene := luceneQuery(ref)
		if lucene == "" {
			return nil, ErrNotFound
		}
		rows, err = collect(ctx, tx, `
			CALL db.index.fulltext.queryNodes($index, $query, {limit: $candidates}) YIELD node, score
			WITH node, score, toLower($ref) AS ref
			WITH node, score, toLower(node.name) = ref OR any(alias IN node.aliases WHERE toLower(alias) = ref) AS exact
			RETURN node`+entityProjection+` AS entity, score
			ORDER BY exact DESC, CASE WHEN exact THEN node.mentions END DESC, score DESC, node.mentions DESC, node.id
			LIMIT 1`,
			map[string]any{"index": entityNameIndex, "query": lucene, "candidates": maxNameCandidates, "ref": ref})
		if err != nil {
			return nil, err
		}
		if len(rows) == 0 {
			return nil, ErrNotFound
		}
		e := summaryOf(object(rows[0], "entity"))
		e.Score = float(rows[0], "score")
		return e, nil
	})
	if err != nil {
		return EntitySummary{}, wrap(op, err)
	}
	return out.(EntitySummary), nil
}

// Stats counts documents, entities and relations. Every count comes from
// Neo4j's count store, so it costs the same on any size of graph.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	out, err := s.read(ctx, "stats", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		count := func(query string) (int, error) {
			rows, err := collect(ctx, tx, query, nil)
			if err != nil || len(rows) == 0 {
				return 0, err
			}
			return integer(rows[0], "n"), nil
		}
		st := Stats{EntitiesByType: map[string]int{}, RelationsByType: map[string]int{}}
		var err error
		if st.Documents, err = count("MATCH (d:Document) RETURN count(d) AS n"); err != nil {
			return nil, err
		}
		if st.Entities, err = count("MATCH (e:Entity) RETURN count(e) AS n"); err != nil {
			return nil, err
		}
		for _, typ := range extractor.EntityTypes {
			if st.EntitiesByType[typ], err = count("MATCH (e:" + typ + ") RETURN count(e) AS n"); err != nil {
				return nil, err
			}
		}
		for _, rel := range extractor.RelationTypes {
			if st.RelationsByType[rel], err = count("MATCH ()-[r:" + rel + "]->() RETURN count(r) AS n"); err != nil {
				return nil, err
			}
			st.Relations += st.RelationsByType[rel]
		}
		if st.MentionedIn, err = count("MATCH ()-[r:MENTIONED_IN]->() RETURN count(r) AS n"); err != nil {
			return nil, err
		}
		return st, nil
	})
	if err != nil {
		return Stats{}, wrap("stats", err)
	}
	return out.(Stats), nil
}

// bound applies a list's default and maximum to a requested size.
func bound(n, def, most int) (int, error) {
	switch {
	case n < 0:
		return 0, fmt.Errorf("%w: negative limit %d", ErrInvalid, n)
	case n == 0:
		return def, nil
	case n > most:
		return most, nil
	}
	return n, nil
}

func summaryOf(m map[string]any) EntitySummary {
	return EntitySummary{
		ID:        str(m, "id"),
		Name:      str(m, "name"),
		Type:      str(m, "type"),
		Aliases:   strs(m, "aliases"),
		Mentions:  integer(m, "mentions"),
		Documents: integer(m, "documents"),
	}
}

func documentRefOf(m map[string]any) DocumentRef {
	return DocumentRef{ID: str(m, "id"), Title: str(m, "title"), Date: str(m, "date"), Source: str(m, "source")}
}

func evidenceOf(rows []map[string]any) []Evidence {
	out := make([]Evidence, len(rows))
	for i, m := range rows {
		out[i] = Evidence{
			DocumentID: str(m, "document_id"),
			Title:      str(m, "title"),
			Date:       str(m, "date"),
			Sentence:   str(m, "sentence"),
			Start:      integer(m, "start"),
			End:        integer(m, "end"),
			Role:       str(m, "role"),
		}
	}
	return out
}
