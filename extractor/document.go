// Package extractor finds people, parties, states, organisations and places,
// and the relations between them, in diplomatic documents.
//
// It knows nothing of databases: its output is the extract contract of the
// specification (one Document per source document), which the graph package
// loads and the `extract` command prints as JSON lines.
//
// Formats and what offsets point into: plain text and Markdown (.txt, .md)
// are one document each, offsets into the file's bytes. HTML pages (.html,
// .htm) are one document each, read with tags, scripts, styles and page
// furniture (nav, header, footer) dropped and entity references decoded;
// offsets are mapped back into the file, so a mention's text is the file's
// own bytes ("L&ecirc; Du&#7849;n", markup inside a sentence included) while
// entity names are decoded. JSON lines (.jsonl, .ndjson) hold one document per
// line, {"id", "title", "date", "text", ...}; offsets are into the decoded
// value of "text". FRUS TEI volumes (.xml) hold one document per
// div[@type="document"], with id "<volume>-<xml:id>"; offsets are into the
// document's plain-text rendering (see readTEI), notes left out. Document.Text
// is always the text the offsets point into.
package extractor

// Entity types recognised by the extractor. They double as Neo4j labels, so
// the graph package accepts only these (see EntityTypes).
const (
	TypePerson       = "Person"
	TypeParty        = "Party"
	TypeState        = "State"
	TypeOrganization = "Organization"
	TypePlace        = "Place"
)

// EntityTypes lists every entity type in a stable order.
var EntityTypes = []string{TypePerson, TypeParty, TypeState, TypeOrganization, TypePlace}

// Relation types between entities. MENTIONED_IN (entity → document) is not
// listed here: it is implied by an entity's mentions.
const (
	RelCoMentioned = "CO_MENTIONED"
	RelMet         = "MET"
	RelMemberOf    = "MEMBER_OF"
	RelHoldsOffice = "HOLDS_OFFICE"
	RelSupports    = "SUPPORTS"
	RelOpposes     = "OPPOSES"
)

// RelationTypes lists every entity-to-entity relation type in a stable order.
var RelationTypes = []string{RelCoMentioned, RelMet, RelMemberOf, RelHoldsOffice, RelSupports, RelOpposes}

// Document is the extraction result for one source document: the JSON-lines
// record of `archivegraph extract`.
type Document struct {
	ID             string     `json:"doc_id"`
	Source         string     `json:"source"`
	Title          string     `json:"title"`
	Date           string     `json:"date"` // ISO 8601, as precise as the source allows, or ""
	Classification string     `json:"classification,omitempty"`
	Citation       string     `json:"citation,omitempty"`
	Translator     string     `json:"translator,omitempty"`
	RecordID       string     `json:"record_id,omitempty"`
	SHA256         string     `json:"sha256"` // of the document's content, to detect changes
	Entities       []Entity   `json:"entities"`
	Relations      []Relation `json:"relations"`

	// Text is the document's content, the text that mention and evidence
	// offsets point into. It is not part of the JSON contract.
	Text string `json:"-"`
}

// Entity is one real-world entity as it appears in one document.
type Entity struct {
	ID       string    `json:"id"` // stable across documents, e.g. "person/ho-chi-minh"
	Name     string    `json:"name"`
	Type     string    `json:"type"`
	Aliases  []string  `json:"aliases"`
	Mentions []Mention `json:"mentions"`
}

// Mention is one occurrence of an entity: byte offsets into the document's
// content and the text found there.
type Mention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Relation is one piece of evidence for a relation between two entities in
// one document. Start and End are the byte offsets of the evidence sentence.
type Relation struct {
	Type     string `json:"type"`
	Source   string `json:"source"`
	Target   string `json:"target"`
	Date     string `json:"date"`
	Evidence string `json:"evidence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	// Role qualifies HOLDS_OFFICE ("President", "Ambassador").
	Role string `json:"role,omitempty"`
}

// Symmetric reports whether relations of type t have no direction of their
// own: "A met B" is "B met A". Such relations are stored once per piece of
// evidence, with the smaller entity id as the source.
func Symmetric(t string) bool {
	return t == RelMet || t == RelCoMentioned
}

// CanonicalRelations returns the document's relations in the form stored and
// exported: self-relations dropped, symmetric ones ordered source < target,
// repeated evidence (same type, ends, role and offsets) kept once, and the
// document's date standing in for a relation without its own. Loading the
// graph and writing bulk-import files both rely on this one definition, so
// they count evidence the same way.
func (d Document) CanonicalRelations() []Relation {
	type evidenceKey struct {
		typ, source, target, role string
		start, end                int
	}
	seen := make(map[evidenceKey]bool, len(d.Relations))
	out := make([]Relation, 0, len(d.Relations))
	for _, r := range d.Relations {
		if r.Source == r.Target {
			continue
		}
		if Symmetric(r.Type) && r.Target < r.Source {
			r.Source, r.Target = r.Target, r.Source
		}
		key := evidenceKey{r.Type, r.Source, r.Target, r.Role, r.Start, r.End}
		if seen[key] {
			continue
		}
		seen[key] = true
		if r.Date == "" {
			r.Date = d.Date
		}
		out = append(out, r)
	}
	return out
}
