package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/archivegraph/archivegraph/extractor"
)

// How loading keeps the graph exact.
//
// Every piece of relation evidence is its own relationship carrying the
// document it comes from: (a)-[:MET {doc, date, year, evidence, start, end}]->(b).
// A document's contribution is exactly the relationships with its id, so
// replacing or deleting it cannot leave anything behind, and a period
// filter applies to the evidence itself. The yearly aggregate edges that
// queries read instead of every piece (see aggregate.go) are updated in the
// same transaction, from the same evidence.
//
// An entity's mention and document counters,
// which search results sort by. They are updated under the entity's write
// lock, taken before the counter is read, and the same transaction that adds
// or removes the MENTIONED_IN links they sum.
//
// Entity names and aliases are a function of the set of documents loaded,
// not of the order they came in: the name is the longest name any document
// gives (ties: the smallest string), the aliases the sorted union of every
// other name and alias. Each MENTIONED_IN link keeps its document's names, so
// removing a document recomputes both from what remains.

// maxBatch bounds the documents written in one transaction: large enough for
// UNWIND to pay off, small enough that a transaction's memory and the work
// redone after a deadlock stay modest.
const maxBatch = 100

// loadAttempts bounds the retries of a batch that lost a node to a
// concurrent delete (see errRaced); the driver does not retry that on its
// own because it is not a transient error of the server's. A deleter working
// through the same documents can win several times in a row, hence the
// number and the growing pause between attempts.
const loadAttempts = 10

// errRaced reports that a node this transaction matched was deleted by
// another transaction before this one could lock it. MERGE matches without
// locking, and Neo4j lets the late lock and writes land on the deleted node
// silently, so every lock is followed by a fresh lookup that compares
// element ids; on a mismatch the whole transaction is rolled back and tried
// again, when MERGE will create the node anew.
var errRaced = errors.New("graph: a node was deleted concurrently; retry")

// preparedDoc is a document checked against the contract and turned into
// the parameters of the load statements.
type preparedDoc struct {
	id          string
	fingerprint string
	props       map[string]any
	entities    []*preparedEntity           // distinct ids, sorted
	relations   map[string][]map[string]any // evidence rows by relation type
	aggregates  map[aggKey]*aggPart         // the document's contribution to the aggregate edges
}

type preparedEntity struct {
	id, typ, name string
	aliases       []string
	starts, ends  []int
}

// Load writes documents, their entities and relations. A document already
// stored with the same content and extraction is skipped; one whose content
// or extraction changed replaces its earlier contribution entirely. When the
// same id appears twice in docs, the later one wins. Documents are written
// in transactions of up to maxBatch; an error leaves the batches before it
// written, and loading the same documents again resumes the work.
func (s *Store) Load(ctx context.Context, docs []extractor.Document) (LoadResult, error) {
	byID := make(map[string]preparedDoc, len(docs))
	for _, doc := range docs {
		p, err := prepare(doc)
		if err != nil {
			return LoadResult{}, fmt.Errorf("graph: load document %q: %w", doc.ID, err)
		}
		byID[p.id] = p
	}
	// A stable order of ids makes concurrent loaders lock documents in the
	// same order, which keeps deadlocks rare.
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)

	var total LoadResult
	for len(ids) > 0 {
		n := min(len(ids), maxBatch)
		batch := make([]preparedDoc, n)
		for i, id := range ids[:n] {
			batch[i] = byID[id]
		}
		ids = ids[n:]
		r, err := s.loadBatch(ctx, batch)
		if err != nil {
			return total, wrap(fmt.Sprintf("load batch of %d documents", len(batch)), err)
		}
		total.Add(r)
	}
	return total, nil
}

func (s *Store) loadBatch(ctx context.Context, batch []preparedDoc) (LoadResult, error) {
	var err error
	for attempt := 0; attempt < loadAttempts; attempt++ {
		var out any
		out, err = s.write(ctx, "load", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
			return loadTx(ctx, tx, batch)
		})
		if err == nil {
			return out.(LoadResult), nil
		}
		if !errors.Is(err, errRaced) && !isEntityNotFound(err) {
			return LoadResult{}, err
		}
		pause := time.Duration(10<<attempt) * time.Millisecond
		pause = pause/2 + rand.N(pause/2) // jitter, so racing loaders drift apart
		select {
		case <-ctx.Done():
			return LoadResult{}, ctx.Err()
		case <-time.After(pause):
		}
	}
	return LoadResult{}, fmt.Errorf("gave up after %d attempts: %w", loadAttempts, err)
}

// checkLocked confirms that the nodes locked (id → element id) are still the
// ones an index lookup finds now that the locks are held, and returns what
// the lookup's extra column says about each. label and extra are constants
// of this package, never input.
func checkLocked(ctx context.Context, tx neo4j.ManagedTransaction, label string, locked map[string]string, extra string) (map[string]string, error) {
	ids := make([]string, 0, len(locked))
	for id := range locked {
		ids = append(ids, id)
	}
	rows, err := collect(ctx, tx, `
		UNWIND $ids AS id
		OPTIONAL MATCH (n:`+label+` {id: id})
		RETURN id, elementId(n) AS element, `+extra+` AS extra`, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("check locked %s nodes: %w", label, err)
	}
	out := make(map[string]string, len(rows))
	for _, row := range rows {
		id := str(row, "id")
		if str(row, "element") != locked[id] {
			return nil, fmt.Errorf("%w (%s %q)", errRaced, label, id)
		}
		out[id] = str(row, "extra")
	}
	return out, nil
}

func loadTx(ctx context.Context, tx neo4j.ManagedTransaction, batch []preparedDoc) (LoadResult, error) {
	ids := make([]string, len(batch))
	for i, p := range batch {
		ids[i] = p.id
	}
	// Lock every document of the batch before reading what is stored: a
	// second loader of the same document waits here and then sees the first
	// one's fingerprint, instead of both replacing the same old version.
	rows, err := collect(ctx, tx, `
		UNWIND $ids AS id
		MERGE (d:Document {id: id})
		SET d._lock = true
		REMOVE d._lock
		RETURN id, elementId(d) AS element`, map[string]any{"ids": ids})
	if err != nil {
		return LoadResult{}, fmt.Errorf("lock documents: %w", err)
	}
	stored, err := checkLocked(ctx, tx, "Document", elements(rows), "n.fingerprint")
	if err != nil {
		return LoadResult{}, err
	}

	var r LoadResult
	var changed []preparedDoc
	var replaced []string
	for _, p := range batch {
		switch old := stored[p.id]; {
		case old == "":
			r.Loaded++
		case old == p.fingerprint:
			r.Unchanged++
			continue
		default:
			r.Replaced++
			replaced = append(replaced, p.id)
		}
		changed = append(changed, p)
	}

	var touched []string
	if len(replaced) > 0 {
		if touched, err = removeContributions(ctx, tx, replaced); err != nil {
			return LoadResult{}, err
		}
	}
	if len(changed) > 0 {
		if r.Entities, r.Relations, err = writeDocuments(ctx, tx, changed); err != nil {
			return LoadResult{}, err
		}
	}
	if len(touched) > 0 {
		if err := settleEntities(ctx, tx, touched); err != nil {
			return LoadResult{}, err
		}
	}
	if len(changed) > 0 {
		if err := markChanged(ctx, tx); err != nil {
			return LoadResult{}, err
		}
	}
	return r, nil
}

// DeleteDocument removes a document and its whole contribution: mentions,
// relation evidence, and the entities no other document mentions. It
// returns ErrNotFound when there is no such document.
func (s *Store) DeleteDocument(ctx context.Context, id string) error {
	_, err := s.write(ctx, "delete", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		rows, err := collect(ctx, tx, `
			MATCH (d:Document {id: $id})
			SET d._lock = true
			REMOVE d._lock
			RETURN d.id AS id, elementId(d) AS element`, map[string]any{"id": id})
		if err != nil {
			return nil, fmt.Errorf("lock document: %w", err)
		}
		if len(rows) == 0 {
			return nil, ErrNotFound
		}
		// A concurrent delete that won the lock leaves nothing to delete.
		if _, err := checkLocked(ctx, tx, "Document", elements(rows), "null"); errors.Is(err, errRaced) {
			return nil, ErrNotFound
		} else if err != nil {
			return nil, err
		}
		touched, err := removeContributions(ctx, tx, []string{id})
		if err != nil {
			return nil, err
		}
		if err := exec(ctx, tx, "MATCH (d:Document {id: $id}) DETACH DELETE d", map[string]any{"id": id}); err != nil {
			return nil, fmt.Errorf("delete document node: %w", err)
		}
		if err := settleEntities(ctx, tx, touched); err != nil {
			return nil, err
		}
		return nil, markChanged(ctx, tx)
	})
	return wrap(fmt.Sprintf("delete document %q", id), err)
}

// removeContributions deletes the mentions and relation evidence of the
// given documents, keeps the entities' counters exact, and returns the ids
// of the entities they mentioned (to be settled once the batch is written).
func removeContributions(ctx context.Context, tx neo4j.ManagedTransaction, docIDs []string) ([]string, error) {
	params := map[string]any{"ids": docIDs}
	// Lock first, then read the counters: reading before locking would let a
	// concurrent loader's increment slip in between and be lost.
	rows, err := collect(ctx, tx, `
		MATCH (d:Document) WHERE d.id IN $ids
		MATCH (d)<-[:MENTIONED_IN]-(e:Entity)
		WITH DISTINCT e ORDER BY e.id
		SET e._lock = true
		REMOVE e._lock
		RETURN collect(e.id) AS touched`, params)
	if err != nil {
		return nil, fmt.Errorf("lock mentioned entities: %w", err)
	}
	var touched []string
	if len(rows) > 0 {
		touched = strs(rows[0], "touched")
	}
	err = exec(ctx, tx, `
		MATCH (d:Document) WHERE d.id IN $ids
		MATCH (d)<-[m:MENTIONED_IN]-(e:Entity)
		WITH e, sum(m.count) AS mentions, count(m) AS documents, collect(m) AS links
		SET e.mentions = e.mentions - mentions, e.documents = e.documents - documents
		FOREACH (m IN links | DELETE m)`, params)
	if err != nil {
		return nil, fmt.Errorf("remove mentions: %w", err)
	}
	// What the documents added to the aggregates is read from their
	// evidence while it is still there.
	parts, err := storedContributions(ctx, tx, docIDs)
	if err != nil {
		return nil, err
	}
	if err := subtractAggregates(ctx, tx, parts); err != nil {
		return nil, err
	}
	if err := exec(ctx, tx, deleteEvidenceQuery, params); err != nil {
		return nil, fmt.Errorf("remove relation evidence: %w", err)
	}
	if err := settleAggregates(ctx, tx, parts); err != nil {
		return nil, err
	}
	return touched, nil
}

// deleteEvidenceQuery removes the evidence of documents $ids, one subquery
// per relation type so that each uses its r.doc index.
var deleteEvidenceQuery = func() string {
	var b strings.Builder
	for _, rel := range extractor.RelationTypes {
		fmt.Fprintf(&b, "CALL { MATCH ()-[r:%s]->() WHERE r.doc IN $ids DELETE r }\n", rel)
	}
	return b.String()
}()

// settleEntities deletes the given entities if no document mentions them any
// more, and recomputes the names and aliases of the others from the
// documents that remain.
func settleEntities(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) error {
	params := map[string]any{"ids": ids}
	err := exec(ctx, tx, `
		UNWIND $ids AS id
		MATCH (e:Entity {id: id})
		WHERE NOT EXISTS { (e)-[:MENTIONED_IN]->() }
		DETACH DELETE e`, params)
	if err != nil {
		return fmt.Errorf("delete unmentioned entities: %w", err)
	}
	err = exec(ctx, tx, `
		UNWIND $ids AS id
		MATCH (e:Entity {id: id})
		CALL (e) {
			MATCH (e)-[m:MENTIONED_IN]->()
			RETURN collect(m.name) AS names, reduce(acc = [], a IN collect(m.aliases) | acc + a) AS aliases
		}
		WITH e, names, aliases, reduce(best = null, n IN names | `+betterName+`) AS name
		CALL (names, aliases, name) {
			UNWIND names + aliases AS alias
			WITH DISTINCT alias WHERE alias <> name
			WITH alias ORDER BY alias
			RETURN collect(alias) AS merged
		}
		SET e.name = name, e.aliases = merged`, params)
	if err != nil {
		return fmt.Errorf("recompute names: %w", err)
	}
	return nil
}

// betterName is the reduce step that picks an entity's name: the longest,
// ties broken by the smaller string, so that the result does not depend on
// the order documents were loaded in. It lives in Cypher, not Go, so that
// loading and recomputing compare strings the same way.
const betterName = "CASE WHEN best IS NULL OR size(n) > size(best) OR (size(n) = size(best) AND n < best) THEN n ELSE best END"

// upsertEntitiesQuery merges the entities of one type (the label comes from
// the allow-list extractor.EntityTypes, never from input). The type of an
// entity is fixed by the document that creates it.
func upsertEntitiesQuery(label string) string {
	return `
		UNWIND $rows AS row
		MERGE (e:Entity {id: row.id})
		ON CREATE SET e:` + label + `, e.type = row.type, e.mentions = 0, e.documents = 0
		SET e._lock = true
		REMOVE e._lock
		WITH e, row, reduce(best = e.name, n IN row.names | ` + betterName + `) AS name
		CALL (e, row, name) {
			UNWIND coalesce(e.aliases, []) + CASE WHEN e.name IS NULL THEN [] ELSE [e.name] END + row.names + row.aliases AS alias
			WITH DISTINCT alias WHERE alias <> name
			WITH alias ORDER BY alias
			RETURN collect(alias) AS aliases
		}
		SET e.name = name, e.aliases = aliases,
		    e.mentions = e.mentions + row.mentions, e.documents = e.documents + row.documents
		RETURN row.id AS id, elementId(e) AS element`
}

// createEvidenceQuery writes one relation type's evidence (the type comes
// from the allow-list extractor.RelationTypes).
func createEvidenceQuery(rel string) string {
	return `
		UNWIND $rows AS r
		MATCH (a:Entity {id: r.source})
		MATCH (b:Entity {id: r.target})
		CREATE (a)-[:` + rel + ` {doc: r.doc, date: r.date, year: r.year, evidence: r.evidence,
		    start: r.start, end: r.end, role: r.role}]->(b)`
}

// writeDocuments writes documents whose earlier contribution, if any, is
// gone, and returns the numbers of entities and relations written.
func writeDocuments(ctx context.Context, tx neo4j.ManagedTransaction, docs []preparedDoc) (entities, relations int, err error) {
	docRows := make([]map[string]any, len(docs))
	var mentionRows []map[string]any
	type entityRow struct {
		typ                   string
		names, aliases        []string
		mentions, occurrences int
	}
	batchEntities := map[string]*entityRow{}
	evidence := map[string][]map[string]any{}
	aggregates := map[aggKey]*aggPart{}
	for i, p := range docs {
		docRows[i] = map[string]any{"id": p.id, "props": p.props}
		for _, e := range p.entities {
			mentionRows = append(mentionRows, map[string]any{
				"doc": p.id, "entity": e.id, "count": len(e.starts),
				"starts": e.starts, "ends": e.ends, "name": e.name, "aliases": e.aliases,
			})
			row := batchEntities[e.id]
			if row == nil {
				row = &entityRow{typ: e.typ}
				batchEntities[e.id] = row
			}
			row.names = append(row.names, e.name)
			row.aliases = append(row.aliases, e.aliases...)
			row.mentions += len(e.starts)
			row.occurrences++
			entities++
		}
		for rel, rows := range p.relations {
			evidence[rel] = append(evidence[rel], rows...)
			relations += len(rows)
		}
		for k, part := range p.aggregates {
			if aggregates[k] == nil {
				aggregates[k] = &aggPart{year: part.year}
			}
			aggregates[k].add(*part)
		}
	}

	if err := exec(ctx, tx, `
		UNWIND $docs AS doc
		MATCH (d:Document {id: doc.id})
		SET d = doc.props`, map[string]any{"docs": docRows}); err != nil {
		return 0, 0, fmt.Errorf("write documents: %w", err)
	}

	entityIDs := make([]string, 0, len(batchEntities))
	for id := range batchEntities {
		entityIDs = append(entityIDs, id)
	}
	slices.Sort(entityIDs) // lock order, as for documents
	byType := map[string][]map[string]any{}
	for _, id := range entityIDs {
		row := batchEntities[id]
		byType[row.typ] = append(byType[row.typ], map[string]any{
			"id": id, "type": row.typ, "names": row.names, "aliases": row.aliases,
			"mentions": row.mentions, "documents": row.occurrences,
		})
	}
	locked := make(map[string]string, len(entityIDs))
	for _, typ := range extractor.EntityTypes {
		if rows := byType[typ]; len(rows) > 0 {
			written, err := collect(ctx, tx, upsertEntitiesQuery(typ), map[string]any{"rows": rows})
			if err != nil {
				return 0, 0, fmt.Errorf("write %s entities: %w", typ, err)
			}
			maps.Copy(locked, elements(written))
		}
	}
	// Before linking to the entities, make sure none was deleted by a
	// concurrent delete between MERGE matching it and the lock.
	if _, err := checkLocked(ctx, tx, "Entity", locked, "null"); err != nil {
		return 0, 0, err
	}

	if err := exec(ctx, tx, `
		UNWIND $rows AS m
		MATCH (d:Document {id: m.doc})
		MATCH (e:Entity {id: m.entity})
		CREATE (e)-[:MENTIONED_IN {count: m.count, starts: m.starts, ends: m.ends,
		    name: m.name, aliases: m.aliases}]->(d)`, map[string]any{"rows": mentionRows}); err != nil {
		return 0, 0, fmt.Errorf("write mentions: %w", err)
	}

	for _, rel := range extractor.RelationTypes {
		if rows := evidence[rel]; len(rows) > 0 {
			if err := exec(ctx, tx, createEvidenceQuery(rel), map[string]any{"rows": rows}); err != nil {
				return 0, 0, fmt.Errorf("write %s evidence: %w", rel, err)
			}
		}
	}
	if len(aggregates) > 0 {
		if err := exec(ctx, tx, addAggregatesQuery, map[string]any{"rows": aggRows(aggregates), "keep": MaxEvidence}); err != nil {
			return 0, 0, fmt.Errorf("write aggregates: %w", err)
		}
	}
	return entities, relations, nil
}

// prepare checks a document against the extract contract and builds its
// parameters. Duplicate entities within the document are merged, duplicate
// evidence dropped, and self-relations ignored: they say nothing.
func prepare(doc extractor.Document) (preparedDoc, error) {
	if doc.ID == "" {
		return preparedDoc{}, fmt.Errorf("%w: document without id", ErrInvalid)
	}
	p := preparedDoc{
		id:          doc.ID,
		fingerprint: fingerprint(doc),
		relations:   map[string][]map[string]any{},
	}
	p.props = map[string]any{
		"id":             doc.ID,
		"title":          orNull(doc.Title),
		"date":           orNull(doc.Date),
		"year":           yearOf(doc.Date),
		"source":         orNull(doc.Source),
		"sha256":         orNull(doc.SHA256),
		"fingerprint":    p.fingerprint,
		"classification": orNull(doc.Classification),
		"citation":       orNull(doc.Citation),
		"translator":     orNull(doc.Translator),
		"record_id":      orNull(doc.RecordID),
		"text":           orNull(doc.Text),
	}

	byID := map[string]*preparedEntity{}
	for _, e := range doc.Entities {
		if e.ID == "" {
			return preparedDoc{}, fmt.Errorf("%w: entity %q without id", ErrInvalid, e.Name)
		}
		if !slices.Contains(extractor.EntityTypes, e.Type) {
			return preparedDoc{}, fmt.Errorf("%w: entity %q has unknown type %q", ErrInvalid, e.ID, e.Type)
		}
		pe := byID[e.ID]
		if pe == nil {
			pe = &preparedEntity{id: e.ID, typ: e.Type, starts: []int{}, ends: []int{}}
			byID[e.ID] = pe
			p.entities = append(p.entities, pe)
		}
		if pe.name == "" {
			pe.name = e.Name
		} else if e.Name != "" && e.Name != pe.name {
			pe.aliases = append(pe.aliases, e.Name)
		}
		pe.aliases = append(pe.aliases, e.Aliases...)
		for _, m := range e.Mentions {
			pe.starts = append(pe.starts, m.Start)
			pe.ends = append(pe.ends, m.End)
		}
	}
	for _, pe := range p.entities {
		if pe.name == "" {
			pe.name = pe.id
		}
		aliases := pe.aliases[:0]
		for _, a := range pe.aliases {
			if a = strings.TrimSpace(a); a != "" && a != pe.name {
				aliases = append(aliases, a)
			}
		}
		slices.Sort(aliases)
		pe.aliases = slices.Compact(aliases)
		if pe.aliases == nil {
			pe.aliases = []string{}
		}
	}
	slices.SortFunc(p.entities, func(a, b *preparedEntity) int { return strings.Compare(a.id, b.id) })

	for _, r := range doc.Relations {
		if !slices.Contains(extractor.RelationTypes, r.Type) {
			return preparedDoc{}, fmt.Errorf("%w: relation %s→%s has unknown type %q", ErrInvalid, r.Source, r.Target, r.Type)
		}
		for _, end := range []string{r.Source, r.Target} {
			if byID[end] == nil {
				return preparedDoc{}, fmt.Errorf("%w: %s relation names %q, which is not among the document's entities", ErrInvalid, r.Type, end)
			}
		}
	}
	var folded []docEvidence
	for _, r := range doc.CanonicalRelations() {
		// Periods compare dates as ISO strings and aggregates sum by year,
		// so a date of another shape would be counted differently by the
		// two; the extract contract has no such dates.
		if r.Date != "" {
			if _, _, _, err := parseDate(r.Date); err != nil {
				return preparedDoc{}, fmt.Errorf("%w: %s relation %s→%s has date %q: %v", ErrInvalid, r.Type, r.Source, r.Target, r.Date, err)
			}
		}
		folded = append(folded, docEvidence{typ: r.Type, source: r.Source, target: r.Target, year: yearOf(r.Date), date: r.Date, n: 1,
			entries: []string{evidenceEntry(r.Date, doc.ID, r.Start)}})
		p.relations[r.Type] = append(p.relations[r.Type], map[string]any{
			"doc": doc.ID, "source": r.Source, "target": r.Target,
			"date": orNull(r.Date), "year": yearOf(r.Date), "evidence": orNull(r.Evidence),
			"start": r.Start, "end": r.End, "role": orNull(r.Role),
		})
	}
	p.aggregates = aggregateDocument(folded)
	return p, nil
}

// fingerprint identifies a document's content together with what was
// extracted from it. Comparing it instead of the content's sha256 alone
// means that re-running a better extractor over unchanged files updates the
// graph, while loading the very same output twice is still a no-op.
func fingerprint(doc extractor.Document) string {
	h := sha256.New()
	record, err := json.Marshal(doc)
	if err != nil {
		// Document holds only strings, ints and slices of them.
		panic(fmt.Sprintf("graph: marshal document %q: %v", doc.ID, err))
	}
	h.Write(record)
	h.Write([]byte{0})
	h.Write([]byte(doc.Text))
	return hex.EncodeToString(h.Sum(nil))
}

// yearOf reads the year of an ISO 8601 date ("1957-07-17", "1965-02",
// "1958"), or nil when there is none.
func yearOf(date string) any {
	if len(date) < 4 {
		return nil
	}
	year := 0
	for _, c := range date[:4] {
		if c < '0' || c > '9' {
			return nil
		}
		year = year*10 + int(c-'0')
	}
	if len(date) > 4 && date[4] != '-' {
		return nil
	}
	return year
}

// orNull stores empty strings as absent properties, keeping nodes lean.
func orNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// elements maps the id column of rows to their element id column.
func elements(rows []map[string]any) map[string]string {
	out := make(map[string]string, len(rows))
	for _, row := range rows {
		out[str(row, "id")] = str(row, "element")
	}
	return out
}

func isEntityNotFound(err error) bool {
	var neoErr *neo4j.Neo4jError
	return errors.As(err, &neoErr) && neoErr.Code == "Neo.ClientError.Statement.EntityNotFound"
}
