package graph

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/archivegraph/archivegraph/extractor"
)

// The read index.
//
// Neighbourhoods, meetings, entity search and details and subgraph exports
// are the questions an analyst asks many times a minute. Answering them in Neo4j means aggregating the
// evidence around an entity on every request: a hub such as the Soviet
// Union has tens of thousands of pieces, and even an ordinary person of a
// large archive costs the database several milliseconds of work, which two
// cores cannot do two hundred times a second.
//
// A Store with Config.ReadIndex therefore keeps a compact copy of what
// those questions need: every entity, every document's title and date,
// each entity's mention counts per document, and for every piece of
// evidence its type, ends, document, date, year,
// offsets and sentence (each sentence once, however many pieces it gives).
// The questions are answered from that copy in the process, without a
// round trip to the database.
//
// The copy is only ever used while it is exact. It is built from the
// database between two reads of the graph's version token (version.go),
// and installed only if the token did not change in between; it is used
// only while the token the store last read is still its own. A watcher
// reads the token every Config.ReadIndexCheck and right after each write
// through the store (which until then stops the copy from being used);
// whenever the copy is missing or behind, the questions go to Neo4j as
// before while the watcher builds a new copy.

// Defaults of the read index.
const (
	DefaultReadIndexCheck = time.Second
	// readIndexRetry spaces the builds while writes keep changing the
	// graph, so that a long ingest is not slowed by rebuilds that would be
	// out of date before they finish.
	readIndexRetry = 10 * time.Second
	// readIndexTimeout bounds each query of a build.
	readIndexTimeout = 10 * time.Minute
)

// snapshot is one exact copy of the graph, as of version.
type snapshot struct {
	version   string
	built     time.Duration
	entities  []EntitySummary
	entityIdx map[string]int32
	idRank    []int32 // per entity, the place of its id in id order
	docRank   []int32 // per document, likewise
	names     *directory
	docs      []DocumentRef // Title and Date as stored; Source likewise
	docIdx    map[string]int32
	pieces    []piece   // sorted by document, then start
	adjacent  [][]int32 // per entity, the pieces it is an end of, in piece order
	metOrder  []int32   // the MET pieces in the order meetings are listed
	// texts holds each evidence sentence once: the pieces a sentence gives
	// (every pair of the people it names co-mentioned, a meeting, an
	// office) share it.
	texts []string
	roles []string
	// mentions lists, per entity, the documents that mention it with the
	// number of mentions, most first (ties as Entity orders them).
	mentions [][]mention
}

// mention is a document's MENTIONED_IN link from an entity.
type mention struct {
	doc   int32
	count int32
}

// piece is one relationship of evidence.
type piece struct {
	source, target int32
	doc            int32 // index in docs
	start, end     int32
	text           int32 // index in texts: the sentence
	role           int32 // index in roles; 0 is ""
	year           int16 // 0: undated
	typ            uint8 // index in extractor.RelationTypes
	date           string
}

// readIndex holds the store's current snapshot. A watcher goroutine reads
// the version token every check interval, or at once after a write through
// the store, and builds a new snapshot when the token is not the
// snapshot's; questions only look at what it found, so none ever waits for
// the database on the index's account.
type readIndex struct {
	check time.Duration
	wake  chan struct{} // asks the watcher to read the token now

	mu         sync.Mutex
	current    *snapshot
	known      string // the version token last read
	polls      uint64 // token readings so far
	writes     uint64 // writes through the store so far
	readAfter  uint64 // the value of writes when the token was last read
	failures   uint64 // builds that failed so far
	lastFailed time.Time
	lastErr    error
	stop       context.CancelFunc
	stopped    context.Context

	answered atomic.Int64 // questions answered from a snapshot
}

func newReadIndex(enabled bool, check time.Duration) *readIndex {
	if !enabled {
		return nil
	}
	if check <= 0 {
		check = DefaultReadIndexCheck
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &readIndex{check: check, wake: make(chan struct{}, 1), stop: cancel, stopped: ctx}
}

// close stops the watcher and a build under way.
func (ri *readIndex) close() {
	if ri != nil {
		ri.stop()
	}
}

// poke asks the watcher to read the token now.
func (ri *readIndex) poke() {
	select {
	case ri.wake <- struct{}{}:
	default: // a reading is already asked for
	}
}

// changed is called after every write through the store: until the token
// has been read again, the snapshot is not trusted.
func (ri *readIndex) changed() {
	if ri == nil {
		return
	}
	ri.mu.Lock()
	ri.writes++
	ri.mu.Unlock()
	ri.poke()
}

// usable returns the snapshot if it is of the last token read and that
// reading came after this store's last write. Called with mu held.
func (ri *readIndex) usable() *snapshot {
	if snap := ri.current; snap != nil && snap.version == ri.known && ri.readAfter == ri.writes {
		return snap
	}
	return nil
}

// ReadIndexStatus says whether the read index is in use.
type ReadIndexStatus struct {
	Enabled  bool          `json:"enabled"`
	Current  bool          `json:"current"` // a snapshot matches the last version read
	Pieces   int           `json:"pieces"`  // pieces of evidence in the snapshot
	Entities int           `json:"entities"`
	Built    time.Duration `json:"built_in"` // how long the snapshot took to build
	Error    string        `json:"error,omitempty"`
	// Answered counts the questions answered from a snapshot.
	Answered int64 `json:"answered"`
}

// ReadIndexStatus reports the read index's state, for operations.
func (s *Store) ReadIndexStatus() ReadIndexStatus {
	ri := s.index
	if ri == nil {
		return ReadIndexStatus{}
	}
	ri.mu.Lock()
	defer ri.mu.Unlock()
	st := ReadIndexStatus{Enabled: true, Answered: ri.answered.Load()}
	if ri.lastErr != nil {
		st.Error = ri.lastErr.Error()
	}
	if snap := ri.current; snap != nil {
		st.Current = ri.usable() != nil
		st.Pieces, st.Entities, st.Built = len(snap.pieces), len(snap.entities), snap.built
	}
	return st
}

// fromIndex returns the snapshot a question is to be answered from, and
// counts the question, or nil when the snapshot is not known to match the
// graph: the question then goes to Neo4j.
func (s *Store) fromIndex() *snapshot {
	ri := s.index
	if ri == nil {
		return nil
	}
	ri.mu.Lock()
	defer ri.mu.Unlock()
	snap := ri.usable()
	if snap != nil {
		ri.answered.Add(1)
	}
	return snap
}

// watch is the read index's watcher; it runs until the store is closed.
func (s *Store) watch() {
	ri := s.index
	ticker := time.NewTicker(ri.check)
	defer ticker.Stop()
	for {
		select {
		case <-ri.stopped.Done():
			return
		case <-ticker.C:
		case <-ri.wake:
		}
		s.refresh(ri.stopped)
	}
}

// refresh reads the version token and, when the snapshot is not of it,
// builds a new one, unless the last build raced a write moments ago.
func (s *Store) refresh(ctx context.Context) {
	ri := s.index
	ri.mu.Lock()
	writes := ri.writes
	ri.mu.Unlock()
	out, err := s.read(ctx, "version", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		return graphVersion(ctx, tx)
	})
	if err != nil {
		return // questions go to Neo4j, which reports the trouble
	}
	ri.mu.Lock()
	ri.known = out.(string)
	ri.polls++
	// A reading taken while this store was writing may predate the write.
	if ri.writes == writes {
		ri.readAfter = writes
	}
	wanted := (ri.current == nil || ri.current.version != ri.known) &&
		(ri.lastFailed.IsZero() || time.Since(ri.lastFailed) >= readIndexRetry)
	ri.mu.Unlock()
	if !wanted {
		return
	}
	start := time.Now()
	snap, err := s.readSnapshot(ctx)
	ri.mu.Lock()
	defer ri.mu.Unlock()
	if err != nil {
		ri.lastFailed, ri.lastErr = time.Now(), err
		ri.failures++
		return
	}
	snap.built = time.Since(start)
	ri.current, ri.lastFailed, ri.lastErr = snap, time.Time{}, nil
	// What was read is the graph as of its token: the newest known, unless
	// this store wrote since the reading above.
	ri.known = snap.version
	if ri.writes != writes {
		ri.poke()
	}
}

// WaitReadIndex has the version read now and returns once the read index
// matches it, or with the reason it could not be built. Servers call it at
// start so that the first questions are already fast.
func (s *Store) WaitReadIndex(ctx context.Context) error {
	ri := s.index
	if ri == nil {
		return nil
	}
	ri.mu.Lock()
	polls, failures := ri.polls, ri.failures
	ri.lastFailed = time.Time{} // no waiting for a retry
	ri.mu.Unlock()
	ri.poke()
	for {
		ri.mu.Lock()
		ready := ri.polls > polls && ri.usable() != nil
		failed := ri.failures > failures
		lastErr := ri.lastErr
		if failed && errors.Is(lastErr, errRacedWrite) {
			// A write came in between: try again at once.
			failures, failed, ri.lastFailed = ri.failures, false, time.Time{}
			ri.poke()
		}
		ri.mu.Unlock()
		if ready {
			return nil
		}
		if failed {
			return fmt.Errorf("graph: read index: %w", lastErr)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// errRacedWrite reports a build that a write overlapped.
var errRacedWrite = errors.New("the graph changed while the read index was read")

func (s *Store) readSnapshot(ctx context.Context) (*snapshot, error) {
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeRead})
	defer session.Close(ctx)
	read := func(work func(tx neo4j.ManagedTransaction) error) error {
		start := time.Now()
		_, err := session.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			return nil, work(tx)
		}, neo4j.WithTxTimeout(readIndexTimeout))
		s.observed("read index", start, err)
		return err
	}
	var before, after string
	if err := read(func(tx neo4j.ManagedTransaction) (err error) {
		before, err = graphVersion(ctx, tx)
		return err
	}); err != nil {
		return nil, err
	}
	snap := &snapshot{version: before, entityIdx: map[string]int32{}, docIdx: map[string]int32{}, roles: []string{""}}
	intern := newInterner(snap)
	if err := read(func(tx neo4j.ManagedTransaction) error { return snap.readEntities(ctx, tx) }); err != nil {
		return nil, fmt.Errorf("read entities: %w", err)
	}
	if err := read(func(tx neo4j.ManagedTransaction) error { return snap.readDocuments(ctx, tx) }); err != nil {
		return nil, fmt.Errorf("read documents: %w", err)
	}
	if err := read(func(tx neo4j.ManagedTransaction) error { return snap.readMentions(ctx, tx) }); err != nil {
		return nil, fmt.Errorf("read mentions: %w", err)
	}
	for typ := range extractor.RelationTypes {
		if err := read(func(tx neo4j.ManagedTransaction) error { return snap.readPieces(ctx, tx, uint8(typ), intern) }); err != nil {
			return nil, fmt.Errorf("read %s evidence: %w", extractor.RelationTypes[typ], err)
		}
	}
	if err := read(func(tx neo4j.ManagedTransaction) (err error) {
		after, err = graphVersion(ctx, tx)
		return err
	}); err != nil {
		return nil, err
	}
	if before != after {
		return nil, errRacedWrite
	}
	snap.index()
	return snap, nil
}

func (snap *snapshot) readEntities(ctx context.Context, tx neo4j.ManagedTransaction) error {
	res, err := tx.Run(ctx, "MATCH (e:Entity) RETURN e.id, e.name, e.type, e.aliases, e.mentions, e.documents", nil)
	if err != nil {
		return err
	}
	for res.Next(ctx) {
		v := res.Record().Values
		e := EntitySummary{ID: asString(v[0]), Name: asString(v[1]), Type: asString(v[2]),
			Aliases: asStrings(v[3]), Mentions: asInt(v[4]), Documents: asInt(v[5])}
		snap.entityIdx[e.ID] = int32(len(snap.entities))
		snap.entities = append(snap.entities, e)
	}
	return res.Err()
}

func (snap *snapshot) readDocuments(ctx context.Context, tx neo4j.ManagedTransaction) error {
	res, err := tx.Run(ctx, "MATCH (d:Document) RETURN d.id, d.title, d.date, d.source", nil)
	if err != nil {
		return err
	}
	for res.Next(ctx) {
		v := res.Record().Values
		d := DocumentRef{ID: asString(v[0]), Title: asString(v[1]), Date: asString(v[2]), Source: asString(v[3])}
		snap.docIdx[d.ID] = int32(len(snap.docs))
		snap.docs = append(snap.docs, d)
	}
	return res.Err()
}

func (snap *snapshot) readMentions(ctx context.Context, tx neo4j.ManagedTransaction) error {
	res, err := tx.Run(ctx, "MATCH (e:Entity)-[m:MENTIONED_IN]->(d:Document) RETURN e.id, d.id, m.count", nil)
	if err != nil {
		return err
	}
	snap.mentions = make([][]mention, len(snap.entities))
	for res.Next(ctx) {
		v := res.Record().Values
		e, ok1 := snap.entityIdx[asString(v[0])]
		d, ok2 := snap.docIdx[asString(v[1])]
		if !ok1 || !ok2 {
			return errRacedWrite // written after the entities or documents were read
		}
		snap.mentions[e] = append(snap.mentions[e], mention{doc: d, count: int32(asInt(v[2]))})
	}
	return res.Err()
}

// interner keeps one copy of each sentence and role while a snapshot is
// read: the driver decodes every occurrence into a string of its own.
type interner struct {
	snap  *snapshot
	texts map[textKey]int32
	roles map[string]int32
	dates map[string]string
}

// textKey identifies a sentence: its document and offsets.
type textKey struct {
	doc        int32
	start, end int32
}

func newInterner(snap *snapshot) *interner {
	return &interner{snap: snap, texts: map[textKey]int32{}, roles: map[string]int32{"": 0}, dates: map[string]string{}}
}

func (in *interner) text(k textKey, sentence string) int32 {
	if i, ok := in.texts[k]; ok && in.snap.texts[i] == sentence {
		return i
	}
	i := int32(len(in.snap.texts))
	in.snap.texts = append(in.snap.texts, sentence)
	in.texts[k] = i
	return i
}

func (in *interner) role(role string) int32 {
	i, ok := in.roles[role]
	if !ok {
		i = int32(len(in.snap.roles))
		in.snap.roles = append(in.snap.roles, role)
		in.roles[role] = i
	}
	return i
}

func (in *interner) date(date string) string {
	if d, ok := in.dates[date]; ok {
		return d
	}
	in.dates[date] = date
	return date
}

// readPieces reads the evidence of one type. typ indexes the allow-list.
func (snap *snapshot) readPieces(ctx context.Context, tx neo4j.ManagedTransaction, typ uint8, in *interner) error {
	res, err := tx.Run(ctx, `
		MATCH (a:Entity)-[r:`+extractor.RelationTypes[typ]+`]->(b:Entity)
		RETURN a.id, b.id, r.doc, r.date, r.year, r.start, r.end, r.evidence, r.role`, nil)
	if err != nil {
		return err
	}
	for res.Next(ctx) {
		v := res.Record().Values
		source, ok1 := snap.entityIdx[asString(v[0])]
		target, ok2 := snap.entityIdx[asString(v[1])]
		if !ok1 || !ok2 {
			return errRacedWrite // an entity written after the entities were read
		}
		docID := asString(v[2])
		doc, ok := snap.docIdx[docID]
		if !ok {
			// Evidence whose document node is missing is still shown by
			// Neo4j, with the document's id only.
			doc = int32(len(snap.docs))
			snap.docIdx[docID] = doc
			snap.docs = append(snap.docs, DocumentRef{ID: docID})
		}
		start, end := int32(asInt(v[5])), int32(asInt(v[6]))
		snap.pieces = append(snap.pieces, piece{source: source, target: target, doc: doc, start: start, end: end,
			text: in.text(textKey{doc, start, end}, asString(v[7])), role: in.role(asString(v[8])),
			year: int16(asInt(v[4])), typ: typ, date: in.date(asString(v[3]))})
	}
	return res.Err()
}

// index sorts the pieces and builds the adjacency lists, the meetings
// order and the name directory.
func (snap *snapshot) index() {
	slices.SortFunc(snap.pieces, func(a, b piece) int {
		return cmp.Or(cmp.Compare(snap.docs[a.doc].ID, snap.docs[b.doc].ID), cmp.Compare(a.start, b.start),
			cmp.Compare(a.typ, b.typ), cmp.Compare(a.source, b.source), cmp.Compare(a.target, b.target))
	})
	byID := make([]int32, len(snap.entities))
	for i := range byID {
		byID[i] = int32(i)
	}
	slices.SortFunc(byID, func(a, b int32) int { return cmp.Compare(snap.entities[a].ID, snap.entities[b].ID) })
	snap.idRank = make([]int32, len(snap.entities))
	for rank, i := range byID {
		snap.idRank[i] = int32(rank)
	}
	snap.docRank = make([]int32, len(snap.docs))
	docOrder := make([]int32, len(snap.docs))
	for i := range docOrder {
		docOrder[i] = int32(i)
	}
	slices.SortFunc(docOrder, func(a, b int32) int { return cmp.Compare(snap.docs[a].ID, snap.docs[b].ID) })
	for rank, i := range docOrder {
		snap.docRank[i] = int32(rank)
	}
	degree := make([]int, len(snap.entities))
	for _, p := range snap.pieces {
		degree[p.source]++
		degree[p.target]++
	}
	snap.adjacent = make([][]int32, len(snap.entities))
	for i, n := range degree {
		snap.adjacent[i] = make([]int32, 0, n)
	}
	met := uint8(slices.Index(extractor.RelationTypes, extractor.RelMet))
	for i, p := range snap.pieces {
		snap.adjacent[p.source] = append(snap.adjacent[p.source], int32(i))
		snap.adjacent[p.target] = append(snap.adjacent[p.target], int32(i))
		if p.typ == met {
			snap.metOrder = append(snap.metOrder, int32(i))
		}
	}
	slices.SortFunc(snap.metOrder, func(a, b int32) int {
		return snap.compareMeetings(a, b, snap.pieces[a].source, snap.pieces[a].target, snap.pieces[b].source, snap.pieces[b].target)
	})
	for _, list := range snap.mentions {
		slices.SortFunc(list, func(a, b mention) int {
			da, db := snap.docs[a.doc].Date, snap.docs[b.doc].Date
			return cmp.Or(cmp.Compare(b.count, a.count), undatedLast(da, db), cmp.Compare(da, db),
				cmp.Compare(snap.docRank[a.doc], snap.docRank[b.doc]))
		})
	}
	snap.names = newDirectory(snap.entities)
}

// compareEvidence orders pieces as evidence is shown: dated before
// undated, then by date, document and offset.
func (snap *snapshot) compareEvidence(i, j int32) int {
	a, b := &snap.pieces[i], &snap.pieces[j]
	return cmp.Or(undatedLast(a.date, b.date), cmp.Compare(a.date, b.date),
		cmp.Compare(snap.docRank[a.doc], snap.docRank[b.doc]), cmp.Compare(a.start, b.start))
}

// undatedLast compares two dates by whether they are missing only, as
// Neo4j sorts nulls after every value.
func undatedLast(a, b string) int {
	switch {
	case (a == "") == (b == ""):
		return 0
	case a == "":
		return 1
	}
	return -1
}

// compareMeetings orders meetings as Meetings lists them: like evidence,
// then by the ids of the person and the partner.
func (snap *snapshot) compareMeetings(i, j int32, personI, withI, personJ, withJ int32) int {
	return cmp.Or(snap.compareEvidence(i, j),
		cmp.Compare(snap.idRank[personI], snap.idRank[personJ]),
		cmp.Compare(snap.idRank[withI], snap.idRank[withJ]))
}
