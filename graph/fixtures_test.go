package graph_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/archivegraph/archivegraph/extractor"
	"github.com/archivegraph/archivegraph/graph"
	"github.com/archivegraph/archivegraph/internal/neo4jtest"
)

// openStore gives a test an empty database with the schema in place.
func openStore(tb testing.TB) *graph.Store {
	tb.Helper()
	uri := neo4jtest.URI(tb)
	neo4jtest.Wipe(tb)
	ctx := context.Background()
	store, err := graph.Open(ctx, graph.Config{URI: uri, QueryTimeout: 30 * time.Second})
	if err != nil {
		tb.Fatalf("Open(%s): %v", uri, err)
	}
	tb.Cleanup(func() {
		if err := store.Close(context.Background()); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	if err := store.EnsureSchema(ctx); err != nil {
		tb.Fatalf("EnsureSchema: %v", err)
	}
	return store
}

func mustLoad(tb testing.TB, store *graph.Store, docs ...extractor.Document) graph.LoadResult {
	tb.Helper()
	r, err := store.Load(context.Background(), docs)
	if err != nil {
		tb.Fatalf("Load(%d documents): %v", len(docs), err)
	}
	return r
}

func mustStats(tb testing.TB, store *graph.Store) graph.Stats {
	tb.Helper()
	st, err := store.Stats(context.Background())
	if err != nil {
		tb.Fatalf("Stats: %v", err)
	}
	return st
}

// docBuilder writes a fixture document: entities and relations are given by
// the text they occupy, and their offsets are found in the document's text.
type docBuilder struct {
	tb  testing.TB
	doc extractor.Document
}

func newDoc(tb testing.TB, id, date, title, text string) *docBuilder {
	sum := sha256.Sum256([]byte(text))
	return &docBuilder{tb: tb, doc: extractor.Document{
		ID: id, Source: id + ".txt", Title: title, Date: date,
		SHA256: hex.EncodeToString(sum[:]), Text: text,
		Entities: []extractor.Entity{}, Relations: []extractor.Relation{},
	}}
}

// entity adds an entity mentioned wherever one of surfaces occurs.
func (b *docBuilder) entity(id, typ, name string, aliases []string, surfaces ...string) *docBuilder {
	b.tb.Helper()
	e := extractor.Entity{ID: id, Name: name, Type: typ, Aliases: aliases}
	for _, s := range surfaces {
		found := false
		for from := 0; ; {
			i := strings.Index(b.doc.Text[from:], s)
			if i < 0 {
				break
			}
			start := from + i
			e.Mentions = append(e.Mentions, extractor.Mention{Start: start, End: start + len(s), Text: s})
			from = start + len(s)
			found = true
		}
		if !found {
			b.tb.Fatalf("fixture %s: %q not in text", b.doc.ID, s)
		}
	}
	b.doc.Entities = append(b.doc.Entities, e)
	return b
}

// rel adds a piece of evidence; sentence must occur in the text.
func (b *docBuilder) rel(typ, source, target, sentence string) *docBuilder {
	return b.relRole(typ, source, target, "", sentence)
}

func (b *docBuilder) relRole(typ, source, target, role, sentence string) *docBuilder {
	b.tb.Helper()
	start := strings.Index(b.doc.Text, sentence)
	if start < 0 {
		b.tb.Fatalf("fixture %s: sentence %q not in text", b.doc.ID, sentence)
	}
	b.doc.Relations = append(b.doc.Relations, extractor.Relation{
		Type: typ, Source: source, Target: target, Date: b.doc.Date,
		Evidence: sentence, Start: start, End: start + len(sentence), Role: role,
	})
	return b
}

func (b *docBuilder) build() extractor.Document { return b.doc }

// Entity ids of the fixtures.
const (
	khrushchev = "person/nikita-khrushchev"
	ho         = "person/ho-chi-minh"
	mao        = "person/mao-zedong"
	mikoyan    = "person/anastas-mikoyan"
	ussr       = "state/ussr"
	drv        = "state/drv"
	prc        = "state/prc"
	usa        = "state/usa"
	cpsu       = "party/cpsu"
	moscow     = "place/moscow"
	beijing    = "place/beijing"
	hanoi      = "place/hanoi"
)

const (
	conversationText = "Record of a conversation between N.S. Khrushchev and President Ho Chi Minh, 17 July 1957. " +
		"Comrade Khrushchev received Ho Chi Minh in Moscow. " +
		"Khrushchev said that the Soviet Union would go on helping the Democratic Republic of Vietnam. " +
		"Ho Chi Minh, President of the DRV, thanked the CPSU for its help."
	s1 = "Record of a conversation between N.S. Khrushchev and President Ho Chi Minh, 17 July 1957."
	s2 = "Comrade Khrushchev received Ho Chi Minh in Moscow."
	s3 = "Khrushchev said that the Soviet Union would go on helping the Democratic Republic of Vietnam."
	s4 = "Ho Chi Minh, President of the DRV, thanked the CPSU for its help."
)

// conversation is a 1957 record of a conversation: 6 entities, 12 pieces of
// evidence (MET 1, CO_MENTIONED 9, SUPPORTS 1, HOLDS_OFFICE 1).
func conversation(tb testing.TB) extractor.Document {
	tb.Helper()
	return newDoc(tb, "conv-1957-07-17", "1957-07-17", "Record of a conversation between Khrushchev and Ho Chi Minh", conversationText).
		entity(khrushchev, extractor.TypePerson, "Nikita Khrushchev", []string{"N.S. Khrushchev", "Khrushchev"}, "Khrushchev").
		entity(ho, extractor.TypePerson, "Ho Chi Minh", []string{"President Ho Chi Minh"}, "Ho Chi Minh").
		entity(ussr, extractor.TypeState, "Soviet Union", []string{"USSR"}, "Soviet Union").
		entity(drv, extractor.TypeState, "Democratic Republic of Vietnam", []string{"DRV"}, "Democratic Republic of Vietnam", "DRV").
		entity(cpsu, extractor.TypeParty, "Communist Party of the Soviet Union", []string{"CPSU"}, "CPSU").
		entity(moscow, extractor.TypePlace, "Moscow", nil, "Moscow").
		rel(extractor.RelMet, khrushchev, ho, s2).
		rel(extractor.RelCoMentioned, khrushchev, ho, s1).
		rel(extractor.RelCoMentioned, ho, khrushchev, s2).
		rel(extractor.RelCoMentioned, ho, moscow, s2).
		rel(extractor.RelCoMentioned, khrushchev, ussr, s3).
		rel(extractor.RelCoMentioned, khrushchev, drv, s3).
		rel(extractor.RelCoMentioned, ussr, drv, s3).
		rel(extractor.RelCoMentioned, ho, drv, s4).
		rel(extractor.RelCoMentioned, ho, cpsu, s4).
		rel(extractor.RelCoMentioned, drv, cpsu, s4).
		rel(extractor.RelSupports, ussr, drv, s3).
		relRole(extractor.RelHoldsOffice, ho, drv, "President", s4).
		build()
}

// conversationRevised is the same record after a correction: the last
// sentence is gone, and with it the CPSU. 5 entities, 8 pieces of evidence
// (MET 1, CO_MENTIONED 6, SUPPORTS 1).
func conversationRevised(tb testing.TB) extractor.Document {
	tb.Helper()
	text := strings.TrimSuffix(conversationText, " "+s4)
	return newDoc(tb, "conv-1957-07-17", "1957-07-17", "Record of a conversation between Khrushchev and Ho Chi Minh", text).
		entity(khrushchev, extractor.TypePerson, "Nikita Khrushchev", []string{"N.S. Khrushchev", "Khrushchev"}, "Khrushchev").
		entity(ho, extractor.TypePerson, "Ho Chi Minh", []string{"President Ho Chi Minh"}, "Ho Chi Minh").
		entity(ussr, extractor.TypeState, "Soviet Union", []string{"USSR"}, "Soviet Union").
		entity(drv, extractor.TypeState, "Democratic Republic of Vietnam", nil, "Democratic Republic of Vietnam").
		entity(moscow, extractor.TypePlace, "Moscow", nil, "Moscow").
		rel(extractor.RelMet, khrushchev, ho, s2).
		rel(extractor.RelCoMentioned, khrushchev, ho, s1).
		rel(extractor.RelCoMentioned, khrushchev, ho, s2).
		rel(extractor.RelCoMentioned, ho, moscow, s2).
		rel(extractor.RelCoMentioned, khrushchev, ussr, s3).
		rel(extractor.RelCoMentioned, khrushchev, drv, s3).
		rel(extractor.RelCoMentioned, ussr, drv, s3).
		rel(extractor.RelSupports, ussr, drv, s3).
		build()
}

// telegram is a 1960 telegram: 7 entities, 7 pieces of evidence (MET 1,
// CO_MENTIONED 5, SUPPORTS 1).
func telegram(tb testing.TB) extractor.Document {
	tb.Helper()
	const (
		t2 = "Ho Chi Minh had talks with Mao Zedong in Beijing."
		t3 = "Chairman Mao promised that the People's Republic of China would stand by the Democratic Republic of Vietnam."
	)
	text := "Telegram from Hanoi, 2 May 1960. " + t2 + " " + t3 + " Khrushchev was told of the talks afterwards."
	return newDoc(tb, "tel-1960-05-02", "1960-05-02", "Telegram on talks in Beijing", text).
		entity(ho, extractor.TypePerson, "Ho Chi Minh", []string{"Uncle Ho"}, "Ho Chi Minh").
		entity(mao, extractor.TypePerson, "Mao Zedong", []string{"Chairman Mao", "Mao Tse-tung"}, "Mao Zedong", "Chairman Mao").
		entity(prc, extractor.TypeState, "People's Republic of China", []string{"PRC"}, "People's Republic of China").
		entity(drv, extractor.TypeState, "Democratic Republic of Vietnam", []string{"North Vietnam"}, "Democratic Republic of Vietnam").
		entity(beijing, extractor.TypePlace, "Beijing", []string{"Peking"}, "Beijing").
		entity(hanoi, extractor.TypePlace, "Hanoi", nil, "Hanoi").
		entity(khrushchev, extractor.TypePerson, "Khrushchev", nil, "Khrushchev").
		rel(extractor.RelMet, ho, mao, t2).
		rel(extractor.RelCoMentioned, ho, mao, t2).
		rel(extractor.RelCoMentioned, ho, beijing, t2).
		rel(extractor.RelCoMentioned, mao, prc, t3).
		rel(extractor.RelCoMentioned, mao, drv, t3).
		rel(extractor.RelCoMentioned, prc, drv, t3).
		rel(extractor.RelSupports, prc, drv, t3).
		build()
}

// memo is an undated-by-day 1958 memorandum: 5 entities, 7 pieces of
// evidence (MET 2, CO_MENTIONED 4, OPPOSES 1).
func memo(tb testing.TB) extractor.Document {
	tb.Helper()
	const (
		m2 = "Anastas Mikoyan and Khrushchev met Ho Chi Minh again to discuss economic aid."
		m3 = "The Soviet Union condemned the United States for its aggression."
	)
	text := "Memorandum, April 1958. " + m2 + " " + m3
	return newDoc(tb, "memo-1958-04", "1958-04", "Memorandum on Soviet aid", text).
		entity(mikoyan, extractor.TypePerson, "Anastas Mikoyan", []string{"Mikoyan"}, "Anastas Mikoyan").
		entity(khrushchev, extractor.TypePerson, "Nikita Khrushchev", []string{"Khrushchev"}, "Khrushchev").
		entity(ho, extractor.TypePerson, "Ho Chi Minh", nil, "Ho Chi Minh").
		entity(ussr, extractor.TypeState, "Soviet Union", []string{"USSR"}, "Soviet Union").
		entity(usa, extractor.TypeState, "United States", []string{"USA"}, "United States").
		rel(extractor.RelMet, mikoyan, ho, m2).
		rel(extractor.RelMet, khrushchev, ho, m2).
		rel(extractor.RelCoMentioned, mikoyan, khrushchev, m2).
		rel(extractor.RelCoMentioned, mikoyan, ho, m2).
		rel(extractor.RelCoMentioned, khrushchev, ho, m2).
		rel(extractor.RelCoMentioned, ussr, usa, m3).
		rel(extractor.RelOpposes, ussr, usa, m3).
		build()
}

// corpus is the three fixture documents.
func corpus(tb testing.TB) []extractor.Document {
	tb.Helper()
	return []extractor.Document{conversation(tb), telegram(tb), memo(tb)}
}

// mentionsIn counts the mentions of an entity across documents.
func mentionsIn(id string, docs ...extractor.Document) int {
	n := 0
	for _, d := range docs {
		for _, e := range d.Entities {
			if e.ID == id {
				n += len(e.Mentions)
			}
		}
	}
	return n
}

// generated builds n synthetic documents whose entities overlap heavily, for
// concurrency tests and benchmarks. Documents differ by prefix.
func generated(prefix string, n, entitiesPerDoc int) []extractor.Document {
	const pool = 200
	types := extractor.EntityTypes
	docs := make([]extractor.Document, n)
	for i := range docs {
		var text strings.Builder
		var entities []extractor.Entity
		for j := 0; j < entitiesPerDoc; j++ {
			k := (i*7 + j*13) % pool
			typ := types[k%len(types)]
			name := fmt.Sprintf("Name %03d", k)
			start := text.Len()
			fmt.Fprintf(&text, "%s spoke. ", name)
			entities = append(entities, extractor.Entity{
				ID: fmt.Sprintf("%s/e-%03d", strings.ToLower(typ), k), Name: name, Type: typ,
				// Alias sets differ by document, so that their union is tested.
				Aliases:  []string{fmt.Sprintf("Alias %03d-%d", k, i%3)},
				Mentions: []extractor.Mention{{Start: start, End: start + len(name), Text: name}},
			})
		}
		var relations []extractor.Relation
		for j := 1; j < len(entities); j++ {
			a, b := entities[j-1], entities[j]
			if a.ID == b.ID {
				continue
			}
			rel := extractor.RelCoMentioned
			if a.Type == extractor.TypePerson && b.Type == extractor.TypePerson {
				rel = extractor.RelMet
			}
			relations = append(relations, extractor.Relation{
				Type: rel, Source: a.ID, Target: b.ID, Date: fmt.Sprintf("%d-01-01", 1950+i%20),
				Evidence: "They spoke.", Start: j * 10, End: j*10 + 9,
			})
		}
		sum := sha256.Sum256([]byte(text.String()))
		docs[i] = extractor.Document{
			ID: fmt.Sprintf("%s-%05d", prefix, i), Source: "generated", Title: fmt.Sprintf("Generated %d", i),
			Date: fmt.Sprintf("%d-01-01", 1950+i%20), SHA256: hex.EncodeToString(sum[:]), Text: text.String(),
			Entities: entities, Relations: relations,
		}
	}
	return docs
}
