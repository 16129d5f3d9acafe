package graph

import (
	"cmp"
	"slices"

	"github.com/archivegraph/archivegraph/extractor"
)

// The questions the read index answers (see snapshot.go). Each mirrors its
// Cypher twin in query.go exactly, orders and ties included; the tests
// compare the two on the same graphs.

// pieceFilter is what a neighbourhood or meetings filter asks of a piece.
type pieceFilter struct {
	typ              int // index in extractor.RelationTypes, or -1 for any
	fromYear, toYear int
	period           periodBounds
}

func (f pieceFilter) keeps(p *piece) bool {
	if f.typ >= 0 && int(p.typ) != f.typ {
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
	direction string
	weight    int
	documents int
	lastDoc   int32
	pieces    []int32 // of the groups kept: their evidence in evidence order
}

// neighbors answers Store.Neighbors for an entity of the snapshot, or
// ErrNotFound. f has been checked.
func (snap *snapshot) neighbors(id string, f NeighborFilter) ([]Neighbor, error) {
	e, ok := snap.entityIdx[id]
	if !ok {
		return nil, ErrNotFound
	}
	period, _ := f.Period.bounds() // checked by the caller
	filter := pieceFilter{typ: -1, fromYear: f.FromYear, toYear: f.ToYear, period: period}
	if f.Relation != "" {
		filter.typ = slices.Index(extractor.RelationTypes, f.Relation)
	}
	type key struct {
		other     int32
		typ       uint8
		direction string
	}
	groups := map[key]*neighborGroup{}
	for _, pi := range snap.adjacent[e] {
		p := &snap.pieces[pi]
		if !filter.keeps(p) {
			continue
		}
		other, direction := p.target, "out"
		if p.target == e {
			other, direction = p.source, "in"
		}
		if f.Type != "" && snap.entities[other].Type != f.Type {
			continue
		}
		if extractor.Symmetric(extractor.RelationTypes[p.typ]) {
			direction = "both"
		}
		k := key{other, p.typ, direction}
		g := groups[k]
		if g == nil {
			g = &neighborGroup{other: other, typ: p.typ, direction: direction, lastDoc: -1}
			groups[k] = g
		}
		g.weight++
		// Pieces come in document order, so a new document shows as a change.
		if p.doc != g.lastDoc {
			g.documents++
			g.lastDoc = p.doc
		}
	}
	kept := make([]*neighborGroup, 0, len(groups))
	for _, g := range groups {
		if g.weight >= f.MinWeight {
			kept = append(kept, g)
		}
	}
	slices.SortFunc(kept, func(a, b *neighborGroup) int {
		return cmp.Or(cmp.Compare(b.weight, a.weight), cmp.Compare(b.documents, a.documents),
			cmp.Compare(snap.entities[a.other].ID, snap.entities[b.other].ID),
			cmp.Compare(extractor.RelationTypes[a.typ], extractor.RelationTypes[b.typ]),
			cmp.Compare(a.direction, b.direction))
	})
	if len(kept) > f.Limit {
		kept = kept[:f.Limit]
	}
	// A second pass gathers the evidence of the neighbours kept only.
	chosen := make(map[key]*neighborGroup, len(kept))
	for _, g := range kept {
		chosen[key{g.other, g.typ, g.direction}] = g
	}
	for _, pi := range snap.adjacent[e] {
		p := &snap.pieces[pi]
		if !filter.keeps(p) {
			continue
		}
		other, direction := p.target, "out"
		if p.target == e {
			other, direction = p.source, "in"
		}
		if extractor.Symmetric(extractor.RelationTypes[p.typ]) {
			direction = "both"
		}
		if g := chosen[key{other, p.typ, direction}]; g != nil {
			g.pieces = append(g.pieces, pi)
		}
	}
	out := make([]Neighbor, len(kept))
	for i, g := range kept {
		slices.SortFunc(g.pieces, snap.compareEvidence)
		if len(g.pieces) > f.Evidence {
			g.pieces = g.pieces[:f.Evidence]
		}
		evidence := make([]Evidence, len(g.pieces))
		for j, pi := range g.pieces {
			p := &snap.pieces[pi]
			doc := snap.docs[p.doc]
			evidence[j] = Evidence{DocumentID: doc.ID, Title: doc.Title, Date: p.date, Sentence: snap.texts[p.text],
				Start: int(p.start), End: int(p.end), Role: snap.roles[p.role]}
		}
		out[i] = Neighbor{Entity: snap.entities[g.other], Relation: extractor.RelationTypes[g.typ], Direction: g.direction,
			Weight: g.weight, Documents: g.documents, Evidence: evidence}
	}
	return out, nil
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
	met := slices.Index(extractor.RelationTypes, extractor.RelMet)
	filter := pieceFilter{typ: met, fromYear: f.FromYear, toYear: f.ToYear, period: period}
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
