package graph

// Types of the analyst's queries: periods, paths, subgraphs, communities and
// documents. They are shared by the API and the exporters.

// Period restricts a query to the evidence of a span of time. From and To are
// ISO dates, as precise as the caller gave them ("1957", "1957-07",
// "1957-07-17"); empty means unbounded. Evidence whose date is unknown is
// left out of any bounded period.
type Period struct {
	From string
	To   string
}

// SubgraphQuery selects the part of the graph around seed entities.
type SubgraphQuery struct {
	Seeds     []string // entity ids; at least one
	Depth     int      // hops from the seeds: 1 to MaxDepth
	Relations []string // allowed relation types; empty means all
	Types     []string // allowed entity types; empty means all
	Period    Period
	MinWeight int // drop aggregated edges lighter than this
	Limit     int // at most this many nodes; the seeds come first
}

// SubgraphNode is one entity of an exported subgraph.
type SubgraphNode struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Type      string   `json:"type"`
	Aliases   []string `json:"aliases"`
	Mentions  int      `json:"mention_count"`
	Documents int      `json:"document_count"`
}

// SubgraphEdge is the aggregate of one relation type between two entities
// within the query's period.
type SubgraphEdge struct {
	Source    string `json:"source"`
	Target    string `json:"target"`
	Type      string `json:"type"`
	Weight    int    `json:"weight"`         // pieces of evidence
	Documents int    `json:"document_count"` // distinct documents
	FirstDate string `json:"first_date"`     // earliest dated evidence, or ""
	LastDate  string `json:"last_date"`
}

// SubgraphSink receives a subgraph as it streams out of the database: every
// node before any edge, and edges only between nodes already sent. Returning
// an error stops the stream.
type SubgraphSink interface {
	Node(SubgraphNode) error
	Edge(SubgraphEdge) error
}

// PathQuery asks for the shortest paths between two entities.
type PathQuery struct {
	From      string   // entity id
	To        string   // entity id
	MaxHops   int      // 1 to MaxHops
	Relations []string // allowed relation types; empty means all
	Period    Period
	Limit     int // number of paths
}

// Path is one shortest path: Nodes[i] and Nodes[i+1] are joined by Steps[i].
type Path struct {
	Nodes []EntitySummary `json:"nodes"`
	Steps []PathStep      `json:"steps"`
}

// PathStep is one edge of a path with the evidence for it.
type PathStep struct {
	Source   string     `json:"source"`
	Target   string     `json:"target"`
	Relation string     `json:"relation"`
	Weight   int        `json:"weight"`
	Evidence []Evidence `json:"evidence"`
}

// CommunityQuery asks for blocs among states and parties in a period.
type CommunityQuery struct {
	Types  []string // entity types taking part; default State and Party
	Period Period
}

// Community is one bloc: its members and the evidence that binds it.
type Community struct {
	ID       int             `json:"id"`
	Members  []EntitySummary `json:"members"`
	Cohesion float64         `json:"cohesion"` // net positive weight inside the bloc
	Evidence []Evidence      `json:"evidence"` // the strongest, at most a few
}

// DocumentFilter narrows the list of documents.
type DocumentFilter struct {
	Query  string // full-text over title and text; empty lists all
	Period Period
	Limit  int
	Offset int
}

// DocumentSummary is a document in a list.
type DocumentSummary struct {
	DocumentRef
	Classification string  `json:"classification,omitempty"`
	Entities       int     `json:"entity_count"`
	Score          float64 `json:"score,omitempty"`
}

// DocumentDetail is one document with its text and the entity mentions in it.
type DocumentDetail struct {
	DocumentSummary
	Citation    string       `json:"citation,omitempty"`
	Translator  string       `json:"translator,omitempty"`
	RecordID    string       `json:"record_id,omitempty"`
	Text        string       `json:"text"`
	Annotations []Annotation `json:"annotations"` // sorted by Start
}

// Annotation marks one entity mention in a document's text by byte offsets.
type Annotation struct {
	Start    int    `json:"start"`
	End      int    `json:"end"`
	EntityID string `json:"entity_id"`
	Name     string `json:"name"`
	Type     string `json:"type"`
}

// Hard limits on the size of graph queries; the API turns a request past them
// into a 400.
const (
	MaxDepth         = 3
	MaxHops          = 6
	MaxSubgraphNodes = 20000
	MaxPaths         = 50
)
