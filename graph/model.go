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
	// ErrTimeout reports a query that ran past Config.QueryTimeout (or
	// WriteTimeout), or past the caller's deadline. The cause stays in the
	// chain.
	ErrTimeout = errors.New("graph: query timed out")
	// ErrInvalid reports an argument or a document that breaks the contract:
	// an unknown entity or relation type, a negative offset, a relation
	// whose end is not among the document's entities.
	ErrInvalid = errors.New("graph: invalid argument")
)

// LoadResult counts what one call to Store.Load did.
type LoadResult struct {
	Loaded    int `json:"loaded"`    // documents new to the database
	Replaced  int `json:"replaced"`  // documents whose earlier version was replaced
	Unchanged int `json:"unchanged"` // documents skipped: same content and extraction as stored
	Entities  int `json:"entities"`  // entity nodes written (counted once per document)
	Relations int `json:"relations"` // pieces of relation evidence written
}

// Documents is the number of documents written, new or replaced.
func (r LoadResult) Documents() int { return r.Loaded + r.Replaced }

// Add accumulates o into r, for callers that load in several batches.
func (r *LoadResult) Add(o LoadResult) {
	r.Loaded += o.Loaded
	r.Replaced += o.Replaced
	r.Unchanged += o.Unchanged
	r.Entities += o.Entities
	r.Relations += o.Relations
}

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
	Role       string `json:"role,omitempty"` // of HOLDS_OFFICE: "President", "Ambassador"
}

// Neighbor is an entity related to another one, with the aggregated relation.
type Neighbor struct {
	Entity   EntitySummary `json:"entity"`
	Relation string        `json:"relation"`
	// Direction is "out" when the queried entity is the relation's source
	// (Ho Chi Minh HOLDS_OFFICE in the DRV), "in" when it is the target, and
	// "both" for the symmetric relations MET and CO_MENTIONED.
	Direction string     `json:"direction"`
	Weight    int        `json:"weight"`         // number of pieces of evidence
	Documents int        `json:"document_count"` // distinct documents among them
	Evidence  []Evidence `json:"evidence"`       // the earliest pieces, at most NeighborFilter.Evidence
}

// NeighborFilter narrows a neighbourhood query. Zero values mean "any".
type NeighborFilter struct {
	Relation string // one of extractor.RelationTypes
	Type     string // one of extractor.EntityTypes
	// FromYear and ToYear bound the year of the evidence; Period bounds
	// its date (see Period for partial dates). Both apply.
	FromYear  int
	ToYear    int
	Period    Period
	MinWeight int
	Limit     int // default 50, at most 1000
	Evidence  int // pieces of evidence returned per neighbour: default 3, at most 100
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

// MeetingFilter narrows a meetings query. Person and With match an entity id
// exactly, or else the people whose name or an alias contains the text,
// case-insensitively, among those the name index finds for it (whole words,
// word prefixes and near misspellings; a fragment from inside a word such
// as "hrush" finds nobody). Empty means "anyone". Limit defaults to 100, at
// most 1000.
type MeetingFilter struct {
	Person   string
	With     string
	FromYear int
	ToYear   int
	Period   Period // applies together with FromYear and ToYear
	Limit    int
	Offset   int
}

// Stats counts what the database holds.
type Stats struct {
	Documents      int            `json:"documents"`
	Entities       int            `json:"entities"`
	EntitiesByType map[string]int `json:"entities_by_type"`
	// Relations counts pieces of entity-to-entity evidence (one per
	// sentence and document), by type in RelationsByType.
	Relations       int            `json:"relations"`
	RelationsByType map[string]int `json:"relations_by_type"`
	MentionedIn     int            `json:"mentioned_in"` // entity-document links
}
