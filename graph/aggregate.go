package graph

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/archivegraph/archivegraph/extractor"
)

// How aggregate edges stay exact.
//
// Besides the evidence, loading keeps one aggregate relationship per
// relation type, pair of entities and year of the evidence:
//
//	(a)-[:AGG {type, ykey, year, weight, documents, split, first, last}]->(b)
//
// in the direction of the evidence it sums (symmetric types, like their
// evidence, from the smaller id to the larger). weight counts the pieces of
// evidence, documents the distinct documents they come from, first and
// last are their earliest and latest dates. ykey is the year, or -1 for
// undated evidence, because MERGE cannot match on a missing property; year
// itself stays absent then, so that a filter on it treats undated
// aggregates as it treats undated evidence.
//
// A document's contribution to an aggregate is a function of that
// document's evidence alone: so many pieces, one document, one split (see
// below), dates that widen first..last. Loading adds it; replacing or
// deleting computes it again from the evidence about to be deleted and
// subtracts it. first and last cannot be subtracted, so after the evidence
// is gone they are recomputed from what remains of that relation type
// between that pair in that year, and an aggregate whose weight reaches 0
// is deleted. All of this happens in the transaction that writes or deletes
// the evidence, while both ends are locked: every end of a piece of
// evidence is an entity its document mentions, and loading and deleting
// lock those entities first, in id order. Concurrent loaders touching the
// same aggregate therefore take turns, and each sees the other's sum.
//
// Summing the aggregates of the years of a period gives the weight of the
// evidence in the period exactly, and the earliest and latest date. The
// distinct documents need one more fact: a document whose evidence between
// the pair falls in two years is counted by both years' aggregates. split
// counts such documents, so a period whose aggregates all have split = 0
// gets its document count by summing; otherwise the count is taken from
// the evidence of that pair only. Periods that start or end inside a year
// cannot use the yearly sums and read the evidence, as before.
//
// earliest lists the first MaxEvidence pieces of the aggregate, each as
// date, document and start joined by NUL and ordered like evidence is
// shown (by date, then document, then offset), so that a neighbourhood
// fetches the evidence it shows through the r.doc index instead of reading
// every piece between two hubs. Loading merges the document's pieces in;
// deleting recomputes the list with first and last.
//
// The aggregate type is AGG, outside extractor.RelationTypes, so nothing
// that reads evidence by type ever sees it; its type property only ever
// holds a name from that allow-list.

// aggKey identifies one aggregate edge.
type aggKey struct {
	typ, source, target string
	ykey                int
}

// aggPart is what one or more documents contribute to an aggregate.
type aggPart struct {
	year                      any // int, or nil when undated
	weight, documents, splits int
	first, last               string   // "" when undated
	earliest                  []string // evidenceEntry of its pieces, unsorted
}

func (p *aggPart) add(q aggPart) {
	p.weight += q.weight
	p.documents += q.documents
	p.splits += q.splits
	if q.first != "" && (p.first == "" || q.first < p.first) {
		p.first = q.first
	}
	if q.last > p.last {
		p.last = q.last
	}
	p.earliest = append(p.earliest, q.earliest...)
}

// entrySep separates the parts of an entry of AGG.earliest; it sorts
// before every character of a date or document id, so entries sort like
// the tuples they join.
const entrySep = "\x00"

// evidenceEntry is a piece of evidence as listed in AGG.earliest. The same
// text is built in Cypher (entryExpr); both pad start to ten digits.
func evidenceEntry(date, doc string, start int) string {
	return fmt.Sprintf("%s%s%s%s%010d", date, entrySep, doc, entrySep, start)
}

// entryExpr builds evidenceEntry of evidence r in Cypher.
const entryExpr = "coalesce(r.date, '') + $sep + r.doc + $sep + right('0000000000' + toString(r.start), 10)"

// docEvidence is one piece of evidence as aggregation sees it.
type docEvidence struct {
	typ, source, target string
	year                any
	date                string
	n                   int      // pieces it stands for
	entries             []string // their evidenceEntry, when known
}

// aggregateDocument folds one document's evidence into its contributions.
func aggregateDocument(evidence []docEvidence) map[aggKey]*aggPart {
	type pair struct{ typ, source, target string }
	years := map[pair]map[int]bool{}
	out := map[aggKey]*aggPart{}
	for _, e := range evidence {
		k := aggKey{e.typ, e.source, e.target, yearKey(e.year)}
		p := out[k]
		if p == nil {
			p = &aggPart{year: e.year, documents: 1}
			out[k] = p
		}
		p.weight += e.n
		p.add(aggPart{first: e.date, last: e.date, earliest: e.entries})
		pk := pair{e.typ, e.source, e.target}
		if years[pk] == nil {
			years[pk] = map[int]bool{}
		}
		years[pk][k.ykey] = true
	}
	for k, p := range out {
		if len(years[pair{k.typ, k.source, k.target}]) > 1 {
			p.splits = 1
		}
	}
	return out
}

func yearKey(year any) int {
	if y, ok := year.(int); ok {
		return y
	}
	if y, ok := year.(int64); ok {
		return int(y)
	}
	return -1
}

// aggRows turns aggregates into query parameters, in a stable order.
func aggRows(parts map[aggKey]*aggPart) []map[string]any {
	keys := make([]aggKey, 0, len(parts))
	for k := range parts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b aggKey) int {
		return cmp.Or(cmp.Compare(a.source, b.source), cmp.Compare(a.target, b.target),
			cmp.Compare(a.typ, b.typ), cmp.Compare(a.ykey, b.ykey))
	})
	rows := make([]map[string]any, len(keys))
	for i, k := range keys {
		p := parts[k]
		rows[i] = map[string]any{
			"type": k.typ, "source": k.source, "target": k.target, "ykey": k.ykey, "year": p.year,
			"weight": p.weight, "documents": p.documents, "split": p.splits,
			"first": orNull(p.first), "last": orNull(p.last), "earliest": orEmpty(p.earliest),
		}
	}
	return rows
}

func orEmpty(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

// addAggregatesQuery adds contributions, creating the aggregates they are
// the first to reach.
const addAggregatesQuery = `
	UNWIND $rows AS g
	MATCH (a:Entity {id: g.source})
	MATCH (b:Entity {id: g.target})
	MERGE (a)-[x:AGG {type: g.type, ykey: g.ykey}]->(b)
	ON CREATE SET x.year = g.year, x.weight = 0, x.documents = 0, x.split = 0
	SET x.weight = x.weight + g.weight, x.documents = x.documents + g.documents, x.split = x.split + g.split,
	    x.first = CASE WHEN x.first IS NULL OR g.first < x.first THEN g.first ELSE x.first END,
	    x.last = CASE WHEN x.last IS NULL OR g.last > x.last THEN g.last ELSE x.last END,
	    x.earliest = COLLECT { UNWIND coalesce(x.earliest, []) + g.earliest AS entry RETURN entry ORDER BY entry LIMIT $keep }`

// subtractAggregatesQuery takes contributions away; first and last are
// settled once the evidence is gone (settleAggregatesQuery).
const subtractAggregatesQuery = `
	UNWIND $rows AS g
	MATCH (a:Entity {id: g.source})
	MATCH (b:Entity {id: g.target})
	MATCH (a)-[x:AGG {type: g.type, ykey: g.ykey}]->(b)
	SET x.weight = x.weight - g.weight, x.documents = x.documents - g.documents, x.split = x.split - g.split`

// settleAggregatesQuery deletes the emptied aggregates of one relation type
// (from the allow-list) and recomputes the dates of the others from the
// evidence left between the pair in that year.
func settleAggregatesQuery(rel string) string {
	return `
		UNWIND $rows AS g
		MATCH (a:Entity {id: g.source})
		MATCH (b:Entity {id: g.target})
		MATCH (a)-[x:AGG {type: g.type, ykey: g.ykey}]->(b)
		CALL (a, b, x) {
			WITH a, b, x WHERE x.weight > 0
			MATCH (a)-[r:` + rel + `]->(b)
			WHERE coalesce(r.year, -1) = x.ykey
			RETURN min(r.date) AS first, max(r.date) AS last
		}
		CALL (a, b, x) {
			WITH a, b, x WHERE x.weight > 0
			MATCH (a)-[r:` + rel + `]->(b)
			WHERE coalesce(r.year, -1) = x.ykey
			WITH ` + entryExpr + ` AS entry ORDER BY entry LIMIT $keep
			RETURN collect(entry) AS earliest
		}
		SET x.first = first, x.last = last, x.earliest = earliest
		WITH x WHERE x.weight <= 0
		DELETE x`
}

// storedContributionsQuery reads the evidence of documents $ids grouped as
// aggregation needs it, one subquery per relation type so that each uses
// its r.doc index.
var storedContributionsQuery = func() string {
	var parts []string
	for _, rel := range extractor.RelationTypes {
		parts = append(parts, `
			MATCH (a:Entity)-[r:`+rel+`]->(b:Entity) WHERE r.doc IN $ids
			RETURN '`+rel+`' AS type, a.id AS source, b.id AS target, r.doc AS doc, r.year AS year,
			       min(r.date) AS first, max(r.date) AS last, count(r) AS n`)
	}
	return "CALL {" + strings.Join(parts, "\n UNION ALL") + "\n}\nRETURN type, source, target, doc, year, first, last, n"
}()

// storedContributions computes what documents $ids contribute to the
// aggregates, from their stored evidence.
func storedContributions(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (map[aggKey]*aggPart, error) {
	rows, err := collect(ctx, tx, storedContributionsQuery, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("read contributions to aggregates: %w", err)
	}
	byDoc := map[string][]docEvidence{}
	for _, row := range rows {
		var year any
		if y, ok := row["year"].(int64); ok {
			year = int(y)
		}
		e := docEvidence{typ: str(row, "type"), source: str(row, "source"), target: str(row, "target"),
			year: year, n: integer(row, "n")}
		doc := str(row, "doc")
		// min and max stand for the group's dates: only they matter.
		first, last := e, e
		first.date, last.date = str(row, "first"), str(row, "last")
		last.n = 0
		byDoc[doc] = append(byDoc[doc], first, last)
	}
	total := map[aggKey]*aggPart{}
	for _, evidence := range byDoc {
		for k, p := range aggregateDocument(evidence) {
			if total[k] == nil {
				total[k] = &aggPart{year: p.year}
			}
			total[k].add(*p)
		}
	}
	return total, nil
}

// subtractAggregates removes stored contributions; settleAggregates must
// follow once the evidence is deleted.
func subtractAggregates(ctx context.Context, tx neo4j.ManagedTransaction, parts map[aggKey]*aggPart) error {
	if len(parts) == 0 {
		return nil
	}
	if err := exec(ctx, tx, subtractAggregatesQuery, map[string]any{"rows": aggRows(parts)}); err != nil {
		return fmt.Errorf("subtract from aggregates: %w", err)
	}
	return nil
}

func settleAggregates(ctx context.Context, tx neo4j.ManagedTransaction, parts map[aggKey]*aggPart) error {
	byType := map[string]map[aggKey]*aggPart{}
	for k, p := range parts {
		if byType[k.typ] == nil {
			byType[k.typ] = map[aggKey]*aggPart{}
		}
		byType[k.typ][k] = p
	}
	for _, rel := range extractor.RelationTypes {
		if len(byType[rel]) == 0 {
			continue
		}
		params := map[string]any{"rows": aggRows(byType[rel]), "sep": entrySep, "keep": MaxEvidence}
		if err := exec(ctx, tx, settleAggregatesQuery(rel), params); err != nil {
			return fmt.Errorf("settle %s aggregates: %w", rel, err)
		}
	}
	return nil
}

// yearWindow is a period the yearly aggregates can answer: whole years,
// 0 for an open end.
type yearWindow struct {
	from, to int
	ok       bool
}

// window says whether the period covers whole years, and which.
func (b periodBounds) window() yearWindow {
	if !useAggregates {
		return yearWindow{}
	}
	w := yearWindow{ok: true}
	if b.from != "" {
		if !strings.HasSuffix(b.from, "-01-01") {
			return yearWindow{}
		}
		w.from = yearKey(yearOf(b.from))
	}
	if b.to != "" {
		if !strings.HasSuffix(b.to, "-12-31") {
			return yearWindow{}
		}
		w.to = yearKey(yearOf(b.to))
	}
	return w
}

// params adds the window's parameters, read by windowPredicate.
func (w yearWindow) params(m map[string]any) map[string]any {
	m["aggFrom"] = w.from
	m["aggTo"] = w.to
	return m
}

// windowPredicate is the Cypher condition that aggregate v (a variable of
// this package) lies in the window. An undated aggregate has no year, so
// it passes only when both ends are open, as undated evidence does.
func windowPredicate(v string) string {
	return "(($aggFrom = 0 OR " + v + ".year >= $aggFrom) AND ($aggTo = 0 OR " + v + ".year <= $aggTo))"
}

// useAggregates lets tests compare the answers from the aggregates with
// those from the evidence; it is never changed otherwise.
var useAggregates = true

// RebuildAggregatesCypher computes every aggregate edge from the evidence,
// for a database written without Load (a bulk import); it assumes none
// exists yet. It is a script statement for cypher-shell, committing in
// batches of source entities.
const RebuildAggregatesCypher = `MATCH (a:Entity)
CALL (a) {
  MATCH (a)-[r:CO_MENTIONED|MET|MEMBER_OF|HOLDS_OFFICE|SUPPORTS|OPPOSES]->(b:Entity)
  WITH b, type(r) AS type, r.doc AS doc, collect(r) AS pieces
  WITH b, type, doc, pieces, size(COLLECT { UNWIND pieces AS r RETURN DISTINCT coalesce(r.year, -1) AS y }) > 1 AS split
  UNWIND pieces AS r
  WITH b, type, coalesce(r.year, -1) AS ykey, r.year AS year, doc, split, r,
       coalesce(r.date, '') + '\u0000' + r.doc + '\u0000' + right('0000000000' + toString(r.start), 10) AS entry
  ORDER BY entry
  WITH b, type, ykey, year, count(r) AS weight, count(DISTINCT doc) AS documents,
       count(DISTINCT CASE WHEN split THEN doc END) AS split, min(r.date) AS first, max(r.date) AS last,
       collect(entry)[0..100] AS earliest
  CREATE (a)-[:AGG {type: type, ykey: ykey, year: year, weight: weight, documents: documents, split: split,
                    first: first, last: last, earliest: earliest}]->(b)
} IN TRANSACTIONS OF 500 ROWS;
`
