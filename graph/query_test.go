package graph_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/archivegraph/archivegraph/extractor"
	"github.com/archivegraph/archivegraph/graph"
)

// loadedCorpus is a store holding the three fixture documents.
func loadedCorpus(tb testing.TB) *graph.Store {
	tb.Helper()
	store := openStore(tb)
	mustLoad(tb, store, corpus(tb)...)
	return store
}

func ids(list []graph.EntitySummary) []string {
	out := make([]string, len(list))
	for i, e := range list {
		out[i] = e.ID
	}
	return out
}

func TestSearchEntities(t *testing.T) {
	forEachReader(t, loadedCorpus(t), func(t *testing.T, store *graph.Store) {
		ctx := context.Background()

		tests := []struct {
			q, typ        string
			limit, offset int
			wantFirst     []string // the first results, in order
			wantNone      bool
		}{
			{q: "Khrushchev", wantFirst: []string{khrushchev}},
			{q: "Krushchev", wantFirst: []string{khrushchev}}, // typo
			{q: "khrush", wantFirst: []string{khrushchev}},    // prefix
			{q: "N.S. Khrushchev", wantFirst: []string{khrushchev}},
			{q: "Mao Tse-tung", wantFirst: []string{mao}}, // alias
			{q: "Peking", wantFirst: []string{beijing}},
			{q: "soviet", typ: extractor.TypeState, wantFirst: []string{ussr}},
			{q: "soviet", typ: extractor.TypeParty, wantFirst: []string{cpsu}},
			{q: `Khrushchev)(*" OR ~`, wantFirst: []string{khrushchev}}, // query syntax is not syntax
			{q: "!!! ???", wantNone: true},
			{q: "Zhukov", wantNone: true},
			// No query: by mentions; Ho Chi Minh and Khrushchev tie at 5, then by id.
			{q: "", limit: 2, wantFirst: []string{ho, khrushchev}},
			{q: "", limit: 1, offset: 1, wantFirst: []string{khrushchev}},
			{q: "", typ: extractor.TypePlace, wantFirst: []string{beijing, hanoi, moscow}},
		}
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%q/%s/%d+%d", tt.q, tt.typ, tt.offset, tt.limit), func(t *testing.T) {
				got, err := store.SearchEntities(ctx, tt.q, tt.typ, tt.limit, tt.offset)
				if err != nil {
					t.Fatalf("SearchEntities(%q, %q): %v", tt.q, tt.typ, err)
				}
				if tt.wantNone {
					if len(got) != 0 {
						t.Errorf("SearchEntities(%q, %q) = %v, want none", tt.q, tt.typ, ids(got))
					}
					return
				}
				if len(got) < len(tt.wantFirst) || !reflect.DeepEqual(ids(got)[:len(tt.wantFirst)], tt.wantFirst) {
					t.Errorf("SearchEntities(%q, %q, %d, %d) = %v, want it to start with %v",
						tt.q, tt.typ, tt.limit, tt.offset, ids(got), tt.wantFirst)
				}
				if tt.limit > 0 && len(got) > tt.limit {
					t.Errorf("SearchEntities(limit %d) returned %d", tt.limit, len(got))
				}
				for _, e := range got {
					if tt.typ != "" && e.Type != tt.typ {
						t.Errorf("SearchEntities(type %s) returned %s of type %s", tt.typ, e.ID, e.Type)
					}
				}
			})
		}

		t.Run("summary fields", func(t *testing.T) {
			got, err := store.SearchEntities(ctx, "Khrushchev", "", 1, 0)
			if err != nil || len(got) != 1 {
				t.Fatalf("SearchEntities(Khrushchev) = %v, %v", got, err)
			}
			want := graph.EntitySummary{
				ID: khrushchev, Name: "Nikita Khrushchev", Type: extractor.TypePerson,
				Aliases: []string{"Khrushchev", "N.S. Khrushchev"}, Mentions: 5, Documents: 3,
			}
			got[0].Score = 0
			if !reflect.DeepEqual(got[0], want) {
				t.Errorf("SearchEntities(Khrushchev)[0] = %+v, want %+v", got[0], want)
			}
		})

		t.Run("invalid arguments", func(t *testing.T) {
			for _, c := range []struct {
				typ           string
				limit, offset int
			}{{"Thing", 0, 0}, {"", -1, 0}, {"", 0, -1}} {
				if _, err := store.SearchEntities(ctx, "x", c.typ, c.limit, c.offset); !errors.Is(err, graph.ErrInvalid) {
					t.Errorf("SearchEntities(type %q, limit %d, offset %d) error = %v, want ErrInvalid", c.typ, c.limit, c.offset, err)
				}
			}
		})
	})
}

func TestEntity(t *testing.T) {
	forEachReader(t, loadedCorpus(t), func(t *testing.T, store *graph.Store) {
		ctx := context.Background()

		t.Run("detail", func(t *testing.T) {
			kh := entity(t, store, khrushchev)
			if kh.Name != "Nikita Khrushchev" || kh.Mentions != 5 || kh.Documents != 3 {
				t.Errorf("Entity(%q) = %q, %d mentions, %d documents; want Nikita Khrushchev, 5, 3", khrushchev, kh.Name, kh.Mentions, kh.Documents)
			}
			var docs []string
			for _, d := range kh.Docs {
				docs = append(docs, fmt.Sprintf("%s:%d", d.ID, d.Count))
			}
			if want := []string{"conv-1957-07-17:3", "memo-1958-04:1", "tel-1960-05-02:1"}; !reflect.DeepEqual(docs, want) {
				t.Errorf("Entity(%q).Docs = %v, want %v", khrushchev, docs, want)
			}
			if kh.Docs[0].Title == "" || kh.Docs[0].Date != "1957-07-17" || kh.Docs[0].Source != "conv-1957-07-17.txt" {
				t.Errorf("Entity(%q).Docs[0] = %+v, want title, date and source", khrushchev, kh.Docs[0])
			}
			if len(kh.Neighbors) == 0 {
				t.Fatalf("Entity(%q) has no neighbours", khrushchev)
			}
			top := kh.Neighbors[0]
			if top.Entity.ID != ho || top.Relation != extractor.RelCoMentioned || top.Weight != 3 || len(top.Evidence) != 1 {
				t.Errorf("Entity(%q).Neighbors[0] = %s %s weight %d with %d evidence; want %s CO_MENTIONED 3 with 1",
					khrushchev, top.Entity.ID, top.Relation, top.Weight, len(top.Evidence), ho)
			}
		})

		t.Run("not found", func(t *testing.T) {
			if _, err := store.Entity(ctx, "person/nobody"); !errors.Is(err, graph.ErrNotFound) {
				t.Errorf("Entity(unknown) error = %v, want ErrNotFound", err)
			}
		})
	})
}

func TestNeighbors(t *testing.T) {
	forEachReader(t, loadedCorpus(t), func(t *testing.T, store *graph.Store) {
		ctx := context.Background()

		// Each neighbour as "relation direction id weight".
		type row = string
		describe := func(list []graph.Neighbor) []row {
			out := make([]row, len(list))
			for i, n := range list {
				out[i] = fmt.Sprintf("%s %s %s %d", n.Relation, n.Direction, n.Entity.ID, n.Weight)
			}
			return out
		}
		tests := []struct {
			name string
			id   string
			f    graph.NeighborFilter
			want []row
		}{
			{"all", khrushchev, graph.NeighborFilter{}, []row{
				"CO_MENTIONED both " + ho + " 3",
				"MET both " + ho + " 2",
				"CO_MENTIONED both " + mikoyan + " 1",
				"CO_MENTIONED both " + drv + " 1",
				"CO_MENTIONED both " + ussr + " 1",
			}},
			{"relation", khrushchev, graph.NeighborFilter{Relation: extractor.RelMet}, []row{"MET both " + ho + " 2"}},
			{"type", khrushchev, graph.NeighborFilter{Type: extractor.TypeState}, []row{
				"CO_MENTIONED both " + drv + " 1",
				"CO_MENTIONED both " + ussr + " 1",
			}},
			{"from year", khrushchev, graph.NeighborFilter{FromYear: 1958}, []row{
				"CO_MENTIONED both " + mikoyan + " 1",
				"CO_MENTIONED both " + ho + " 1",
				"MET both " + ho + " 1",
			}},
			{"to year", khrushchev, graph.NeighborFilter{ToYear: 1957, Relation: extractor.RelCoMentioned}, []row{
				"CO_MENTIONED both " + ho + " 2",
				"CO_MENTIONED both " + drv + " 1",
				"CO_MENTIONED both " + ussr + " 1",
			}},
			{"min weight", khrushchev, graph.NeighborFilter{MinWeight: 2}, []row{
				"CO_MENTIONED both " + ho + " 3",
				"MET both " + ho + " 2",
			}},
			{"limit", khrushchev, graph.NeighborFilter{Limit: 1}, []row{"CO_MENTIONED both " + ho + " 3"}},
			{"directed out", ho, graph.NeighborFilter{Relation: extractor.RelHoldsOffice}, []row{"HOLDS_OFFICE out " + drv + " 1"}},
			{"directed in", drv, graph.NeighborFilter{Type: extractor.TypeState}, []row{
				"CO_MENTIONED both " + prc + " 1",
				"SUPPORTS in " + prc + " 1",
				"CO_MENTIONED both " + ussr + " 1",
				"SUPPORTS in " + ussr + " 1",
			}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := store.Neighbors(ctx, tt.id, tt.f)
				if err != nil {
					t.Fatalf("Neighbors(%q, %+v): %v", tt.id, tt.f, err)
				}
				if !reflect.DeepEqual(describe(got), tt.want) {
					t.Errorf("Neighbors(%q, %+v) =\n  %q\nwant\n  %q", tt.id, tt.f, describe(got), tt.want)
				}
			})
		}

		t.Run("evidence", func(t *testing.T) {
			got, err := store.Neighbors(ctx, khrushchev, graph.NeighborFilter{Relation: extractor.RelMet, Evidence: 5})
			if err != nil || len(got) != 1 {
				t.Fatalf("Neighbors(MET) = %v, %v", got, err)
			}
			if got[0].Documents != 2 || len(got[0].Evidence) != 2 {
				t.Fatalf("Khrushchev MET Ho: %d documents, %d evidence; want 2, 2", got[0].Documents, len(got[0].Evidence))
			}
			first := got[0].Evidence[0]
			want := graph.Evidence{
				DocumentID: "conv-1957-07-17", Title: "Record of a conversation between Khrushchev and Ho Chi Minh",
				Date: "1957-07-17", Sentence: s2, Start: len(s1) + 1, End: len(s1) + 1 + len(s2),
			}
			if first != want {
				t.Errorf("first evidence = %+v, want %+v", first, want)
			}
			if conversationText[first.Start:first.End] != first.Sentence {
				t.Errorf("evidence offsets %d:%d do not point at its sentence", first.Start, first.End)
			}
			if got[0].Evidence[1].DocumentID != "memo-1958-04" {
				t.Errorf("second evidence from %s, want memo-1958-04", got[0].Evidence[1].DocumentID)
			}

			office, err := store.Neighbors(ctx, ho, graph.NeighborFilter{Relation: extractor.RelHoldsOffice})
			if err != nil || len(office) != 1 || len(office[0].Evidence) != 1 {
				t.Fatalf("Neighbors(HOLDS_OFFICE) = %v, %v", office, err)
			}
			if role := office[0].Evidence[0].Role; role != "President" {
				t.Errorf("HOLDS_OFFICE role = %q, want President", role)
			}
		})

		t.Run("errors", func(t *testing.T) {
			if _, err := store.Neighbors(ctx, "person/nobody", graph.NeighborFilter{}); !errors.Is(err, graph.ErrNotFound) {
				t.Errorf("Neighbors(unknown) error = %v, want ErrNotFound", err)
			}
			for _, f := range []graph.NeighborFilter{
				{Relation: "LIKES"}, {Type: "Thing"}, {FromYear: 1960, ToYear: 1950}, {MinWeight: -1}, {Limit: -1},
			} {
				if _, err := store.Neighbors(ctx, khrushchev, f); !errors.Is(err, graph.ErrInvalid) {
					t.Errorf("Neighbors(%+v) error = %v, want ErrInvalid", f, err)
				}
			}
		})
	})
}

func TestMeetings(t *testing.T) {
	forEachReader(t, loadedCorpus(t), func(t *testing.T, store *graph.Store) {
		ctx := context.Background()

		// Each meeting as "date person with document".
		describe := func(list []graph.Meeting) []string {
			out := make([]string, len(list))
			for i, m := range list {
				out[i] = fmt.Sprintf("%s %s %s %s", m.Date, m.Person.ID, m.With.ID, m.Document.ID)
			}
			return out
		}
		const (
			kh57  = "1957-07-17 " + khrushchev + " " + ho + " conv-1957-07-17"
			kh58  = "1958-04 " + khrushchev + " " + ho + " memo-1958-04"
			ho57  = "1957-07-17 " + ho + " " + khrushchev + " conv-1957-07-17"
			ho58m = "1958-04 " + ho + " " + mikoyan + " memo-1958-04"
			ho58k = "1958-04 " + ho + " " + khrushchev + " memo-1958-04"
			ho60  = "1960-05-02 " + ho + " " + mao + " tel-1960-05-02"
		)
		tests := []struct {
			name string
			f    graph.MeetingFilter
			want []string
		}{
			{"person by surname", graph.MeetingFilter{Person: "Khrushchev"}, []string{kh57, kh58}},
			{"person in lower case", graph.MeetingFilter{Person: "khrushchev"}, []string{kh57, kh58}},
			{"person by id", graph.MeetingFilter{Person: khrushchev}, []string{kh57, kh58}},
			{"person by alias", graph.MeetingFilter{Person: "N.S. Khrushchev"}, []string{kh57, kh58}},
			{"person, all partners", graph.MeetingFilter{Person: "Ho Chi Minh"}, []string{ho57, ho58m, ho58k, ho60}},
			{"with", graph.MeetingFilter{With: "Mao"}, []string{"1960-05-02 " + ho + " " + mao + " tel-1960-05-02"}},
			{"person and with", graph.MeetingFilter{Person: "Mikoyan", With: "Ho"}, []string{"1958-04 " + mikoyan + " " + ho + " memo-1958-04"}},
			{"years", graph.MeetingFilter{Person: ho, FromYear: 1958, ToYear: 1959}, []string{ho58m, ho58k}},
			{"page", graph.MeetingFilter{Person: ho, Limit: 2, Offset: 1}, []string{ho58m, ho58k}},
			{"nobody", graph.MeetingFilter{Person: "Zhukov"}, []string{}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := store.Meetings(ctx, tt.f)
				if err != nil {
					t.Fatalf("Meetings(%+v): %v", tt.f, err)
				}
				if !reflect.DeepEqual(describe(got), tt.want) {
					t.Errorf("Meetings(%+v) =\n  %q\nwant\n  %q", tt.f, describe(got), tt.want)
				}
			})
		}

		t.Run("everyone, each meeting once", func(t *testing.T) {
			got, err := store.Meetings(ctx, graph.MeetingFilter{})
			if err != nil {
				t.Fatalf("Meetings(): %v", err)
			}
			if len(got) != 4 {
				t.Errorf("Meetings() = %q, want the 4 pieces of MET evidence", describe(got))
			}
		})

		t.Run("evidence and document", func(t *testing.T) {
			got, err := store.Meetings(ctx, graph.MeetingFilter{Person: "Khrushchev", Limit: 1})
			if err != nil || len(got) != 1 {
				t.Fatalf("Meetings(Khrushchev, limit 1) = %v, %v", got, err)
			}
			m := got[0]
			if m.Evidence != s2 || conversationText[m.Start:m.End] != s2 {
				t.Errorf("meeting evidence = %q at %d:%d, want %q", m.Evidence, m.Start, m.End, s2)
			}
			if m.Document.Title == "" || m.Document.Date != "1957-07-17" || m.Person.Name != "Nikita Khrushchev" || m.With.Name != "Ho Chi Minh" {
				t.Errorf("meeting = %+v, want document title and date and both names", m)
			}
		})

		t.Run("invalid arguments", func(t *testing.T) {
			for _, f := range []graph.MeetingFilter{{Limit: -1}, {Offset: -1}, {FromYear: 1960, ToYear: 1950}} {
				if _, err := store.Meetings(ctx, f); !errors.Is(err, graph.ErrInvalid) {
					t.Errorf("Meetings(%+v) error = %v, want ErrInvalid", f, err)
				}
			}
		})
	})
}
