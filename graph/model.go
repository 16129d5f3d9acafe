// Package graph stores extracted documents in Neo4j and answers the graph
// questions of the API: search, neighbourhoods, meetings and statistics.
//
// It knows the Neo4j schema and Cypher; it knows nothing of HTTP.
package graph

import "errors"

// Sentinel errors of the package; callers test them with errors.Is.
var (
	ErrNotFound    = errors.New("graph: not found")
	ErrUnavailable = errors.New("graph: database unavailable")
)

// EntitySummary is an entity as listed by search results and neighbourhoods.
type EntitySummary struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Type      string   `json:"type"`
	Aliases   []string `json:"aliases"`
	Mentions  int      `json:"mention_count"`  // mentions across all documents
	Documents int      `json:"document_count"` // documents that mention it
	Score     float64  `json:"score,omitempty"`
}

// DocumentRef points to a document, with its title and date.
type DocumentRef struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Date   string `json:"date"`
	Source string `json:"source"`
}

// EntityDetail is one entity with its strongest neighbours and documents.
type EntityDetail struct {
	EntitySummary
	Neighbors []Neighbor        `json:"neighbors"`
	Docs      []DocumentMention `json:"documents"`
}

// DocumentMention is a document that mentions an entity, with the count.
type DocumentMention struct {
	DocumentRef
	Count int `json:"count"`
}

// Evidence is one sentence of one document that supports a relation.
type Evidence struct {
	DocumentID string `json:"document_id"`
	Title      string `json:"title"`
	Date       string `json:"date"`
	Sentence   string `json:"sentence"`
	Start      int    `json:"start"`
	End        int    `json:"end"`
}

// Neighbor is an entity related to another one, with the aggregated relation.
type Neighbor struct {
	Entity   EntitySummary `json:"entity"`
	Relation string        `json:"relation"`
	Weight   int           `json:"weight"` // number of pieces of evidence
	Evidence []Evidence    `json:"evidence"`
}

// NeighborFilter narrows a neighbourhood query. Zero values mean "any".
type NeighborFilter struct {
	Relation  string // one of extractor.RelationTypes
	Type      string // one of extractor.EntityTypes
	FromYear  int
	ToYear    int
	MinWeight int
	Limit     int
}

// Meeting is one recorded meeting between two people.
type Meeting struct {
	Person   EntitySummary `json:"person"`
	With     EntitySummary `json:"with"`
	Date     string        `json:"date"`
	Document DocumentRef   `json:"document"`
	Evidence string        `json:"evidence"`
	Start    int           `json:"start"`
	End      int           `json:"end"`
}

// MeetingFilter narrows a meetings query. Person and With match entity ids,
// names or aliases (case-insensitive); empty means "anyone".
type MeetingFilter struct {
	Person   string
	With     string
	FromYear int
	ToYear   int
	Limit    int
	Offset   int
}

// Stats counts what the database holds.
type Stats struct {
	Documents       int            `json:"documents"`
	Entities        int            `json:"entities"`
	EntitiesByType  map[string]int `json:"entities_by_type"`
	Relations       int            `json:"relations"`
	RelationsByType map[string]int `json:"relations_by_type"`
}
