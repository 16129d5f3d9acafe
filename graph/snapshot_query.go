package graph

import (
	"cmp"
	"slices"

	"github.com/archivegraph/archivegraph/extractor"
)

// The questions the read index answers (see snapshot.go). Each mirrors its
// Cypher twin in query.go exactly, orders and ties included; the tests
// compare the two on the same graphs.

// pieceFilter is what a neighbourhood, meetings or subgraph query asks of
// a piece.
type pieceFilter struct {
	types            []bool // by index in extractor.RelationTypes; nil: any
	fromYear, toYear int
	period           periodBounds
}

// onlyTypes returns the types argument of a pieceFilter that keeps the
// named relation types only.
func onlyTypes(names ...string) []bool {
	out := make([]bool, len(extractor.RelationTypes))
	for _, name := range names {
		out[slices.Index(extractor.RelationTypes, name)] = true
	}
	return out
}

func (f pieceFilter) keeps(p *piece) bool {
	if f.types != nil && !f.types[p.typ] {
		return false
	}
	if (f.fromYear != 0 && (p.year == 0 || int(p.year) < f.fromYear)) || (f.toYear != 0 && (p.year == 0 || int(p.year) > f.toYear)) {
		return false
	}
	if b := f.period; b.from != "" || b.to != "" {
		if p.date == "" || (b.to != "" && p.date > b.to) {
			return false
		}
		if b.from != "" && p.date < b.from && !slices.Contains(b.fromPrefix, p.date) {
			return false
		}
	}
	return true
}

// neighborGroup is one neighbour, relation and direction being counted.
type neighborGroup struct {
	other     int32
	typ       uint8
	direction uint8 // index in directions
	weight    int
	documents int
	lastDoc   int32
	pieces    []int32 // of the groups kept: their earliest evidence, in order
}

// directions are the values of Neighbor.Direction.
var directions = [...]string{"out", "in", "both"}

// typeRank and directionRank order relation types and directions by name,
// as Neo4j orders the strings, without comparing strings.
var (
	typeRank      = ranks(extractor.RelationTypes)
	directionRank = ranks(directions[:])
)

// ranks returns the position of each name in the sorted names.
func ranks(names []string) []int {
	sorted := slices.Sorted(slices.Values(names))
	out := make([]int, len(names))
	for i, name := range names {
		out[i] = slices.Index(sorted, name)
	}
	return out
}

// symmetricType tells, by index in extractor.RelationTypes, the relation
// types stored once per pair whatever the direction of the sentence.
var symmetricType = func() []bool {
	out := make([]bool, len(extractor.RelationTypes))
	for i, rel := range extractor.RelationTypes {
		out[i] = extractor.Symmetric(rel)
	}
	return out
}()

// groupOf returns the neighbour of e that piece p relates, and the key of
// its group: the neighbour, the relation type and the direction seen from e.
func groupOf(p *piece, e int32) (other int32, direction uint8, key uint64) {
	other, direction = p.target, 0
	if p.target == e {
		other, direction = p.source, 1
	}
	if symmetricType[p.typ] {
		direction = 2
	}
	return other, direction, uint64(other)<<16 | uint64(p.typ)<<8 | uint64(direction)
}

// neighbors answers Store.Neighbors for an entity of the snapshot, or
// ErrNotFound. f has been checked.
func (snap *snapshot) neighbors(id string, f NeighborFilter) ([]Neighbor, error) {
	e, ok := snap.entityIdx[id]
	if !ok {
		return nil, ErrNotFound
	}
	period, _ := f.Period.bounds() // checked by the caller
	filter := pieceFilter{fromYear: f.FromYear, toYear: f.ToYear, period: period}
	if f.Relation != "" {
		filter.types = onlyTypes(f.Relation)
	}
	index := map[uint64]int32{} // group key → index in groups
	var groups []neighborGroup
	type accepted struct{ piece, group int32 }
	pieces := make([]accepted, 0, len(snap.adjacent[e])) // that pass the filter, for the second pass
	for _, pi := range snap.adjacent[e] {
		p := &snap.pieces[pi]
		if !filter.keeps(p) {
			continue
		}
		other, direction, k := groupOf(p, e)
		if f.Type != "" && snap.entities[other].Type != f.Type {
			continue
		}
		gi, ok := index[k]
		if !ok {
			gi = int32(len(groups))
			index[k] = gi
			groups = append(groups, neighborGroup{other: other, typ: p.typ, direction: direction, lastDoc: -1})
		}
		pieces = append(pieces, accepted{pi, gi})
		g := &groups[gi]
		g.weight++
		// Pieces come in document order, so a new document shows as a change.
		if p.doc != g.lastDoc {
			g.documents++
			g.lastDoc = p.doc
		}
	}
	kept := make([]int32, 0, len(groups))
	for gi := range groups {
		if groups[gi].weight >= f.MinWeight {
			kept = append(kept, int32(gi))
		}
	}
	slices.SortFunc(kept, func(i, j int32) int {
		a, b := &groups[i], &groups[j]
		return cmp.Or(cmp.Compare(b.weight, a.weight), cmp.Compare(b.documents, a.documents),
			cmp.Compare(snap.idRank[a.other], snap.idRank[b.other]),
			cmp.Compare(typeRank[a.typ], typeRank[b.typ]),
			cmp.Compare(directionRank[a.direction], directionRank[b.direction]))
	})
	if len(kept) > f.Limit {
		kept = kept[:f.Limit]
	}
	// A second pass gathers the earliest evidence of the neighbours kept.
	chosen := make([]bool, len(groups))
	for _, gi := range kept {
		chosen[gi] = true
	}
	for _, a := range pieces {
		if chosen[a.group] {
			g := &groups[a.group]
			g.pieces = snap.keepEarliest(g.pieces, a.piece, f.Evidence)
		}
	}
	out := make([]Neighbor, len(kept))
	for i, gi := range kept {
		g := &groups[gi]
		evidence := make([]Evidence, len(g.pieces))
		for j, pi := range g.pieces {
			p := &snap.pieces[pi]
			doc := snap.docs[p.doc]
			evidence[j] = Evidence{DocumentID: doc.ID, Title: doc.Title, Date: p.date, Sentence: snap.texts[p.text],
				Start: int(p.start), End: int(p.end), Role: snap.roles[p.role]}
		}
		out[i] = Neighbor{Entity: snap.entities[g.other], Relation: extractor.RelationTypes[g.typ], Direction: directions[g.direction],
			Weight: g.weight, Documents: g.documents, Evidence: evidence}
	}
	return out, nil
}

// keepEarliest adds piece pi to list, the earliest pieces so far in
// evidence order, if it is among the first n.
func (snap *snapshot) keepEarliest(list []int32, pi int32, n int) []int32 {
	if len(list) == n && snap.compareEvidence(pi, list[n-1]) >= 0 {
		return list
	}
	at, _ := slices.BinarySearchFunc(list, pi, snap.compareEvidence)
	if len(list) == n {
		list = list[:n-1]
	}
	return slices.Insert(list, at, pi)
}

// entity returns the entity with that id.
func (snap *snapshot) entity(id string) (EntitySummary, bool) {
	i, ok := snap.entityIdx[id]
	if !ok {
		return EntitySummary{}, false
	}
	return snap.entities[i], true
}

// entityDetail answers Store.Entity.
func (snap *snapshot) entityDetail(id string) (EntityDetail, error) {
	e, ok := snap.entityIdx[id]
	if !ok {
		return EntityDetail{}, ErrNotFound
	}
	f := NeighborFilter{Limit: detailNeighbors, Evidence: 1}
	if err := f.check(); err != nil {
		return EntityDetail{}, err
	}
	neighbors, err := snap.neighbors(id, f)
	if err != nil {
		return EntityDetail{}, err
	}
	list := snap.mentions[e][:min(len(snap.mentions[e]), detailDocuments)]
	docs := make([]DocumentMention, len(list))
	for i, m := range list {
		docs[i] = DocumentMention{DocumentRef: snap.docs[m.doc], Count: int(m.count)}
	}
	return EntityDetail{EntitySummary: snap.entities[e], Neighbors: neighbors, Docs: docs}, nil
}

// meetingsNamed answers Store.Meetings for the people and partners a
// filter names (both trimmed; "" for anyone), found as peopleMatching finds
// them in Neo4j.
func (snap *snapshot) meetingsNamed(person, with string, f MeetingFilter, limit int) []Meeting {
	named := func(ref string) []string {
		if _, ok := snap.entityIdx[ref]; ok {
			return []string{ref}
		}
		return snap.names.matching(ref)
	}
	switch {
	case person != "":
		people := named(person)
		var partners []string
		if with != "" {
			if partners = named(with); len(partners) == 0 {
				return []Meeting{}
			}
		}
		if len(people) == 0 {
			return []Meeting{}
		}
		return snap.meetings(people, partners, false, f, limit)
	case with != "":
		people := named(with)
		if len(people) == 0 {
			return []Meeting{}
		}
		return snap.meetings(people, nil, true, f, limit)
	}
	return snap.meetings(nil, nil, false, f, limit)
}

// meetings answers Store.Meetings. people are the entities the meetings
// are expanded from and partners those the other end must be among (nil:
// anyone, for both); swap lists the other end as the person, for a filter
// that names only the partner. limit is bounded.
func (snap *snapshot) meetings(people, partners []string, swap bool, f MeetingFilter, limit int) []Meeting {
	period, _ := f.Period.bounds() // checked by the caller
	filter := pieceFilter{types: onlyTypes(extractor.RelMet), fromYear: f.FromYear, toYear: f.ToYear, period: period}
	type row struct{ piece, person, with int32 }
	var rows []row
	if people == nil {
		// Everyone: each meeting once, from its source to its target, in the
		// order kept for this.
		for _, pi := range snap.metOrder {
			if p := &snap.pieces[pi]; filter.keeps(p) {
				if len(rows) == f.Offset+limit {
					break
				}
				rows = append(rows, row{pi, p.source, p.target})
			}
		}
	} else {
		partner := map[int32]bool{}
		for _, id := range partners {
			if i, ok := snap.entityIdx[id]; ok {
				partner[i] = true
			}
		}
		// Seen from both ends when both are among the people, a meeting
		// is kept once, from the end listed first.
		seen := map[int32]bool{}
		for _, id := range people {
			a, ok := snap.entityIdx[id]
			if !ok {
				continue
			}
			for _, pi := range snap.adjacent[a] {
				p := &snap.pieces[pi]
				if seen[pi] || !filter.keeps(p) {
					continue
				}
				b := p.target
				if b == a {
					b = p.source
				}
				if partners != nil && !partner[b] {
					continue
				}
				seen[pi] = true
				if swap {
					rows = append(rows, row{pi, b, a})
				} else {
					rows = append(rows, row{pi, a, b})
				}
			}
		}
		slices.SortFunc(rows, func(x, y row) int { return snap.compareMeetings(x.piece, y.piece, x.person, x.with, y.person, y.with) })
	}
	if f.Offset >= len(rows) {
		return []Meeting{}
	}
	rows = rows[f.Offset:min(len(rows), f.Offset+limit)]
	out := make([]Meeting, len(rows))
	for i, r := range rows {
		p := &snap.pieces[r.piece]
		doc := snap.docs[p.doc]
		out[i] = Meeting{Person: snap.entities[r.person], With: snap.entities[r.with], Date: p.date, Document: doc,
			Evidence: snap.texts[p.text], Start: int(p.start), End: int(p.end)}
	}
	return out
}
