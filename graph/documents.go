package graph

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// DefaultDocumentLimit is the page size of Documents without a limit.
const DefaultDocumentLimit = 50

// documentSummaryProjection returns a document as documentSummaryOf reads it.
const documentSummaryProjection = "d{.id, .title, .date, .source, .classification, entities: COUNT { (d)<-[:MENTIONED_IN]-() }}"

// Documents lists documents: with a query, those whose title or text match
// it, best first (words, prefixes and near misspellings, as entity search);
// without one, all of them by date (undated last) and id. The period keeps
// documents whose date overlaps it (see Period); undated documents are
// outside any bounded period.
func (s *Store) Documents(ctx context.Context, f DocumentFilter) ([]DocumentSummary, error) {
	const op = "documents"
	limit, err := bound(f.Limit, DefaultDocumentLimit, MaxLimit)
	if err != nil {
		return nil, fmt.Errorf("graph: %s: %w", op, err)
	}
	if f.Offset < 0 {
		return nil, fmt.Errorf("graph: %s: %w: negative offset %d", op, ErrInvalid, f.Offset)
	}
	period, err := f.Period.bounds()
	if err != nil {
		return nil, fmt.Errorf("graph: %s: %w", op, err)
	}
	params := period.params(map[string]any{"limit": limit, "offset": f.Offset})
	var query string
	if strings.TrimSpace(f.Query) == "" {
		query = `
			MATCH (d:Document)
			WHERE ` + periodPredicate("d") + `
			RETURN ` + documentSummaryProjection + ` AS document, null AS score
			ORDER BY d.date IS NULL, d.date, d.id
			SKIP $offset LIMIT $limit`
	} else {
		lucene := luceneQuery(f.Query)
		if lucene == "" {
			return []DocumentSummary{}, nil
		}
		params["index"] = documentTextIndex
		params["query"] = lucene
		query = `
			CALL db.index.fulltext.queryNodes($index, $query) YIELD node AS d, score
			WHERE ` + periodPredicate("d") + `
			RETURN ` + documentSummaryProjection + ` AS document, score
			ORDER BY score DESC, d.date, d.id
			SKIP $offset LIMIT $limit`
	}
	out, err := s.read(ctx, op, func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		return collect(ctx, tx, query, params)
	})
	if err != nil {
		return nil, wrap(op, err)
	}
	rows := out.([]map[string]any)
	docs := make([]DocumentSummary, len(rows))
	for i, row := range rows {
		docs[i] = documentSummaryOf(object(row, "document"))
		docs[i].Score = float(row, "score")
	}
	return docs, nil
}

// Document returns one document with its text and every entity mention in
// it, or ErrNotFound.
func (s *Store) Document(ctx context.Context, id string) (DocumentDetail, error) {
	op := fmt.Sprintf("document %q", id)
	out, err := s.read(ctx, "document", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		rows, err := collect(ctx, tx, `
			MATCH (d:Document {id: $id})
			RETURN `+documentSummaryProjection+` AS document,
			       d{.citation, .translator, .record_id, .text} AS more`, map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		if len(rows) == 0 {
			return nil, ErrNotFound
		}
		more := object(rows[0], "more")
		detail := DocumentDetail{
			DocumentSummary: documentSummaryOf(object(rows[0], "document")),
			Citation:        str(more, "citation"),
			Translator:      str(more, "translator"),
			RecordID:        str(more, "record_id"),
			Text:            str(more, "text"),
			Annotations:     []Annotation{},
		}
		rows, err = collect(ctx, tx, `
			MATCH (:Document {id: $id})<-[m:MENTIONED_IN]-(e:Entity)
			RETURN e.id AS id, e.name AS name, e.type AS type, m.starts AS starts, m.ends AS ends`,
			map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		for _, row := range rows {
			starts, ends := ints(row, "starts"), ints(row, "ends")
			for i := range min(len(starts), len(ends)) {
				detail.Annotations = append(detail.Annotations, Annotation{
					Start: starts[i], End: ends[i],
					EntityID: str(row, "id"), Name: str(row, "name"), Type: str(row, "type"),
				})
			}
		}
		slices.SortFunc(detail.Annotations, func(a, b Annotation) int {
			return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.EntityID, b.EntityID))
		})
		return detail, nil
	})
	if err != nil {
		return DocumentDetail{}, wrap(op, err)
	}
	return out.(DocumentDetail), nil
}

func documentSummaryOf(m map[string]any) DocumentSummary {
	return DocumentSummary{
		DocumentRef:    documentRefOf(m),
		Classification: str(m, "classification"),
		Entities:       integer(m, "entities"),
	}
}

func ints(m map[string]any, key string) []int {
	list, _ := m[key].([]any)
	out := make([]int, 0, len(list))
	for _, v := range list {
		if n, ok := v.(int64); ok {
			out = append(out, int(n))
		}
	}
	return out
}
