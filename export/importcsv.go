package export

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/archivegraph/archivegraph/extractor"
)

// ImportCSV writes the whole graph of extracted documents as the files
// `neo4j-admin database import full` reads, in the model graph.Store.Load
// builds: (:Document), (:Entity:<Type>), MENTIONED_IN links with their
// counts and offsets, and one relationship per piece of relation evidence.
// It is the bulk path for corpora too large to load transaction by
// transaction.
//
// Documents are written as they are added; the only state kept is the set
// of ids seen, so that an entity named by many documents becomes one node
// and a document id met twice is written once (the first wins, where Load
// would keep the last). An entity's row therefore carries the name and
// aliases of the first document that names it, and no counters: the
// AfterImportFile script, run once on the imported database, computes the
// counters and settles names and aliases from every document, as Load does.
// The documents' fingerprints are not written either, so ingesting one of
// them again later replaces it rather than skipping it.
type ImportCSV struct {
	dir      string
	files    []*os.File
	buffers  []*bufio.Writer
	docs     *csv.Writer
	entities *csv.Writer
	mentions *csv.Writer
	rels     *csv.Writer
	seenDocs map[string]struct{}
	seen     map[string]struct{}
	counts   ImportCounts
}

// ImportCounts counts the rows of each file.
type ImportCounts struct {
	Documents, Entities, Mentions, Relations, Duplicates int
}

// Files of an ImportCSV directory.
const (
	DocumentsFile   = "documents.csv"
	EntitiesFile    = "entities.csv"
	MentionsFile    = "mentions.csv"
	RelationsFile   = "relations.csv"
	AfterImportFile = "after-import.cypher"
)

// Headers of the full-graph import files. Documents and entities have ID
// spaces of their own, so an entity id can never collide with a document id.
var (
	DocumentsHeader = []string{"id:ID(Document)", "title", "date", "year:int", "source", "sha256",
		"classification", "citation", "translator", "record_id", "text", ":LABEL"}
	EntitiesHeader  = []string{"id:ID(Entity)", "name", "type", "aliases:string[]", ":LABEL"}
	MentionsHeader  = []string{":START_ID(Entity)", ":END_ID(Document)", ":TYPE", "count:int", "starts:int[]", "ends:int[]", "name", "aliases:string[]"}
	RelationsHeader = []string{":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "doc", "date", "year:int", "evidence", "start:int", "end:int", "role"}
)

// afterImport computes what Load maintains as it goes: entity counters, and
// names and aliases chosen from every document (the longest name, ties to
// the smaller string; the sorted other names and aliases).
const afterImport = `// Run once on the database neo4j-admin imported, e.g. with cypher-shell -f.
MATCH (e:Entity)
CALL (e) {
  MATCH (e)-[m:MENTIONED_IN]->()
  WITH e, sum(m.count) AS mentions, count(m) AS documents, collect(m.name) AS names,
       reduce(acc = [], a IN collect(m.aliases) | acc + coalesce(a, [])) AS aliases
  WITH e, mentions, documents, names, aliases,
       reduce(best = null, n IN names | CASE WHEN best IS NULL OR size(n) > size(best) OR (size(n) = size(best) AND n < best) THEN n ELSE best END) AS name
  CALL (names, aliases, name) {
    UNWIND names + aliases AS alias
    WITH DISTINCT alias WHERE alias <> name
    WITH alias ORDER BY alias
    RETURN collect(alias) AS merged
  }
  SET e.name = name, e.aliases = merged, e.mentions = mentions, e.documents = documents
} IN TRANSACTIONS OF 5000 ROWS;
`

// NewImportCSV creates dir if needed and the import files in it.
func NewImportCSV(dir string) (*ImportCSV, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("export: import csv: %w", err)
	}
	x := &ImportCSV{dir: dir, seenDocs: map[string]struct{}{}, seen: map[string]struct{}{}}
	open := func(name string, header []string) *csv.Writer {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return nil
		}
		b := bufio.NewWriterSize(f, 1<<16)
		x.files = append(x.files, f)
		x.buffers = append(x.buffers, b)
		w := csv.NewWriter(b)
		_ = w.Write(header)
		return w
	}
	x.docs = open(DocumentsFile, DocumentsHeader)
	x.entities = open(EntitiesFile, EntitiesHeader)
	x.mentions = open(MentionsFile, MentionsHeader)
	x.rels = open(RelationsFile, RelationsHeader)
	if x.docs == nil || x.entities == nil || x.mentions == nil || x.rels == nil {
		x.abort()
		return nil, fmt.Errorf("export: import csv: cannot create the files in %s", dir)
	}
	if err := os.WriteFile(filepath.Join(dir, AfterImportFile), []byte(afterImport), 0o644); err != nil {
		x.abort()
		return nil, fmt.Errorf("export: import csv: %w", err)
	}
	return x, nil
}

func (x *ImportCSV) abort() {
	for _, f := range x.files {
		f.Close()
	}
}

// Add writes one document with its entities, mentions and relation
// evidence. A document that breaks the extract contract (an unknown type,
// a relation to an entity it does not list) is not written, and the error
// says why; the files stay consistent and later documents can be added.
func (x *ImportCSV) Add(doc extractor.Document) error {
	if doc.ID == "" {
		return fmt.Errorf("export: import csv: document from %q without id", doc.Source)
	}
	if _, dup := x.seenDocs[doc.ID]; dup {
		x.counts.Duplicates++
		return nil
	}
	entities, err := mergeEntities(doc)
	if err != nil {
		return fmt.Errorf("export: import csv: document %q: %w", doc.ID, err)
	}
	known := make(map[string]bool, len(entities))
	for _, e := range entities {
		known[e.ID] = true
	}
	for _, r := range doc.Relations {
		if !knownRelation(r.Type) {
			return fmt.Errorf("export: import csv: document %q: relation %s→%s has unknown type %q", doc.ID, r.Source, r.Target, r.Type)
		}
		if !known[r.Source] || !known[r.Target] {
			return fmt.Errorf("export: import csv: document %q: %s relation names an entity the document does not list", doc.ID, r.Type)
		}
	}
	x.seenDocs[doc.ID] = struct{}{}

	x.docs.Write([]string{doc.ID, doc.Title, doc.Date, yearOf(doc.Date), doc.Source, doc.SHA256,
		doc.Classification, doc.Citation, doc.Translator, doc.RecordID, doc.Text, "Document"})
	x.counts.Documents++
	for _, e := range entities {
		if _, ok := x.seen[e.ID]; !ok {
			x.seen[e.ID] = struct{}{}
			x.entities.Write([]string{e.ID, e.Name, e.Type, joinList(e.Aliases, ArrayDelimiter), labels(e.Type)})
			x.counts.Entities++
		}
		starts := make([]string, len(e.Mentions))
		ends := make([]string, len(e.Mentions))
		for i, m := range e.Mentions {
			starts[i], ends[i] = strconv.Itoa(m.Start), strconv.Itoa(m.End)
		}
		x.mentions.Write([]string{e.ID, doc.ID, "MENTIONED_IN", strconv.Itoa(len(e.Mentions)),
			strings.Join(starts, ArrayDelimiter), strings.Join(ends, ArrayDelimiter), e.Name, joinList(e.Aliases, ArrayDelimiter)})
		x.counts.Mentions++
	}

	// As Load: symmetric relations with source < target, self-relations and
	// repeated evidence dropped, the document's date standing in.
	for _, r := range doc.CanonicalRelations() {
		x.rels.Write([]string{r.Source, r.Target, r.Type, doc.ID, r.Date, yearOf(r.Date), r.Evidence,
			strconv.Itoa(r.Start), strconv.Itoa(r.End), r.Role})
		x.counts.Relations++
	}
	return x.err()
}

func (x *ImportCSV) err() error {
	for _, w := range []*csv.Writer{x.docs, x.entities, x.mentions, x.rels} {
		if err := w.Error(); err != nil {
			return fmt.Errorf("export: import csv: %w", err)
		}
	}
	return nil
}

// mergeEntities merges the entries of one entity within a document as Load
// does: the first name given, the others and all aliases as sorted aliases.
func mergeEntities(doc extractor.Document) ([]extractor.Entity, error) {
	byID := map[string]int{}
	var out []extractor.Entity
	for _, e := range doc.Entities {
		if e.ID == "" {
			return nil, fmt.Errorf("entity %q without id", e.Name)
		}
		if !knownType(e.Type) {
			return nil, fmt.Errorf("entity %q has unknown type %q", e.ID, e.Type)
		}
		i, ok := byID[e.ID]
		if !ok {
			i = len(out)
			byID[e.ID] = i
			out = append(out, extractor.Entity{ID: e.ID, Type: e.Type})
		}
		m := &out[i]
		if m.Name == "" {
			m.Name = e.Name
		} else if e.Name != "" && e.Name != m.Name {
			m.Aliases = append(m.Aliases, e.Name)
		}
		m.Aliases = append(m.Aliases, e.Aliases...)
		m.Mentions = append(m.Mentions, e.Mentions...)
	}
	for i := range out {
		m := &out[i]
		if m.Name == "" {
			m.Name = m.ID
		}
		var aliases []string
		for _, a := range m.Aliases {
			if a = strings.TrimSpace(a); a != "" && a != m.Name {
				aliases = append(aliases, a)
			}
		}
		slices.Sort(aliases)
		m.Aliases = slices.Compact(aliases)
	}
	slices.SortFunc(out, func(a, b extractor.Entity) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// yearOf is the year of an ISO date as an import field, or empty.
func yearOf(date string) string {
	if len(date) < 4 || (len(date) > 4 && date[4] != '-') {
		return ""
	}
	if _, err := strconv.Atoi(date[:4]); err != nil {
		return ""
	}
	return date[:4]
}

// Counts reports the rows written so far.
func (x *ImportCSV) Counts() ImportCounts { return x.counts }

// Close flushes and closes the files.
func (x *ImportCSV) Close() error {
	var errs []error
	for _, w := range []*csv.Writer{x.docs, x.entities, x.mentions, x.rels} {
		w.Flush()
		errs = append(errs, w.Error())
	}
	for i, f := range x.files {
		errs = append(errs, x.buffers[i].Flush(), f.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("export: import csv: %w", err)
	}
	return nil
}

// Command is the neo4j-admin command line that imports the files into
// database (which must be stopped, and is replaced). Document texts span
// lines, hence --multiline-fields; ';' is the default array delimiter but is
// spelt out so that the command does not depend on it.
func (x *ImportCSV) Command(database string) string {
	path := func(name string) string { return shellQuote(filepath.Join(x.dir, name)) }
	return "neo4j-admin database import full --overwrite-destination=true --multiline-fields=true --array-delimiter=';'" +
		" --nodes=" + path(DocumentsFile) + " --nodes=" + path(EntitiesFile) +
		" --relationships=" + path(MentionsFile) + " --relationships=" + path(RelationsFile) +
		" " + shellQuote(database)
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '/' || r == '.' || r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
