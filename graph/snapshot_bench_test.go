package graph

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/archivegraph/archivegraph/extractor"
)

// syntheticSnapshot builds a read index without a database: people entities
// and docs documents, each document relating a few people, and one hub
// (entity 0) named in every document, as a state is in an archive.
func syntheticSnapshot(people, docs int) *snapshot {
	r := rand.New(rand.NewPCG(1, 2))
	snap := &snapshot{entityIdx: map[string]int32{}, docIdx: map[string]int32{}, roles: []string{""}}
	in := newInterner(snap)
	for i := 0; i < people; i++ {
		e := EntitySummary{ID: fmt.Sprintf("person/p-%05d", i), Name: fmt.Sprintf("Person %05d", i), Type: extractor.TypePerson, Aliases: []string{}}
		if i == 0 {
			e = EntitySummary{ID: "state/hub", Name: "Hub", Type: extractor.TypeState, Aliases: []string{}}
		}
		snap.entityIdx[e.ID] = int32(i)
		snap.entities = append(snap.entities, e)
	}
	for d := 0; d < docs; d++ {
		year := 1950 + r.IntN(20)
		date := fmt.Sprintf("%d-%02d-%02d", year, 1+r.IntN(12), 1+r.IntN(28))
		snap.docIdx[fmt.Sprint(d)] = int32(d)
		snap.docs = append(snap.docs, DocumentRef{ID: fmt.Sprintf("doc-%06d", d), Title: "A document", Date: date})
		named := []int32{0}
		for len(named) < 5 {
			named = append(named, 1+int32(r.IntN(people-1)))
		}
		for s := 0; s < 8; s++ {
			a, b := named[r.IntN(len(named))], named[r.IntN(len(named))]
			if a == b {
				continue
			}
			typ := uint8(r.IntN(len(extractor.RelationTypes)))
			if symmetricType[typ] && snap.entities[a].ID > snap.entities[b].ID {
				a, b = b, a
			}
			start := int32(s * 100)
			snap.pieces = append(snap.pieces, piece{source: a, target: b, doc: int32(d), start: start, end: start + 90,
				text: in.text(textKey{int32(d), start, start + 90}, "A sentence of evidence."), year: int16(year), typ: typ, date: in.date(date)})
		}
	}
	snap.index()
	return snap
}

// BenchmarkReadIndex measures the questions the read index answers on a
// graph of 20,000 documents, 8,000 people and ~150,000 pieces of evidence,
// a quarter of them the hub's:
//
//	go test ./graph -run '^$' -bench ReadIndex
func BenchmarkReadIndex(b *testing.B) {
	snap := syntheticSnapshot(8000, 20000)
	neighbors := func(id string, f NeighborFilter) func(b *testing.B) {
		return func(b *testing.B) {
			if err := f.check(); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := snap.neighbors(id, f); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	meetings := func(person string, f MeetingFilter) func(b *testing.B) {
		return func(b *testing.B) {
			for b.Loop() {
				snap.meetingsNamed(person, "", f, DefaultMeetingLimit)
			}
		}
	}
	b.Logf("%d pieces, %d of the hub", len(snap.pieces), len(snap.adjacent[0]))
	b.Run("neighbors/hub", neighbors("state/hub", NeighborFilter{}))
	b.Run("neighbors/hub/1955-1958", neighbors("state/hub", NeighborFilter{Period: Period{From: "1955", To: "1958"}}))
	b.Run("neighbors/person", neighbors("person/p-00042", NeighborFilter{}))
	b.Run("meetings/person", meetings("person/p-00042", MeetingFilter{}))
	b.Run("meetings/name", meetings("Person 00042", MeetingFilter{}))
	b.Run("meetings/everyone/1957", meetings("", MeetingFilter{FromYear: 1957, ToYear: 1957}))
	b.Run("search/typo", func(b *testing.B) {
		for b.Loop() {
			snap.names.search("Prsn 00042", "", DefaultSearchLimit, 0)
		}
	})
}
