package api_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/archivegraph/archivegraph/api"
	"github.com/archivegraph/archivegraph/extractor"
	"github.com/archivegraph/archivegraph/graph"
	"github.com/archivegraph/archivegraph/internal/neo4jtest"
)

// Fixture entities, shared by both documents where they recur.
var (
	fxKhrushchev = fixtureEntity{"person/nikita-khrushchev", extractor.TypePerson, "Nikita Khrushchev", []string{"N. S. Khrushchev", "Khrushchev"}}
	fxHo         = fixtureEntity{"person/ho-chi-minh", extractor.TypePerson, "Ho Chi Minh", []string{"Ho Chi Minh"}}
	fxKosygin    = fixtureEntity{"person/alexei-kosygin", extractor.TypePerson, "Alexei Kosygin", []string{"A. N. Kosygin", "Kosygin"}}
	fxDRV        = fixtureEntity{"state/democratic-republic-of-vietnam", extractor.TypeState, "Democratic Republic of Vietnam", []string{"DRV", "North Vietnam"}}
	fxUSSR       = fixtureEntity{"state/soviet-union", extractor.TypeState, "Soviet Union", []string{"USSR", "Soviet Union"}}
	fxHanoi      = fixtureEntity{"place/hanoi", extractor.TypePlace, "Hanoi", []string{"Hanoi"}}
)

// Sentences of the fixture documents. metIn1957, the evidence of the 1957
// meeting, is checked verbatim over HTTP.
const (
	metIn1957  = "On 17 July 1957 Comrade N. S. Khrushchev received Comrade Ho Chi Minh, President of the DRV, at the Kremlin."
	talked1957 = "Khrushchev and Ho Chi Minh talked about the harvest and about credits for North Vietnam."
	thanks1957 = "Ho Chi Minh thanked the USSR for its help."
	talks1965  = "On 10 February 1965 A. N. Kosygin held talks with Ho Chi Minh in Hanoi."
	aid1965    = "Kosygin promised that the USSR would send more aid to the DRV."
)

// fixtureDocuments builds, by hand, what the extractor would produce for two
// invented records: a 1957 conversation between Khrushchev and Ho Chi Minh
// and a 1965 report of talks between Kosygin and Ho Chi Minh.
func fixtureDocuments(tb testing.TB) []extractor.Document {
	tb.Helper()
	d1957 := newFixture(tb, "record-1957-07-17", "1957-07-17",
		"Record of a conversation between N. S. Khrushchev and Ho Chi Minh",
		metIn1957+" "+talked1957+" "+thanks1957)
	d1957.mentions(fxKhrushchev, "N. S. Khrushchev", "Khrushchev")
	d1957.mentions(fxHo, "Ho Chi Minh")
	d1957.mentions(fxDRV, "DRV", "North Vietnam")
	d1957.mentions(fxUSSR, "USSR")
	d1957.relation(extractor.RelMet, fxKhrushchev, fxHo, metIn1957, "")
	d1957.relation(extractor.RelCoMentioned, fxKhrushchev, fxHo, metIn1957, "")
	d1957.relation(extractor.RelCoMentioned, fxKhrushchev, fxHo, talked1957, "")
	d1957.relation(extractor.RelCoMentioned, fxHo, fxDRV, metIn1957, "")
	d1957.relation(extractor.RelHoldsOffice, fxHo, fxDRV, metIn1957, "President")
	d1957.relation(extractor.RelSupports, fxUSSR, fxDRV, thanks1957, "")

	d1965 := newFixture(tb, "report-1965-02-10", "1965-02-10",
		"Report on talks between A. N. Kosygin and Ho Chi Minh in Hanoi",
		talks1965+" "+aid1965)
	d1965.mentions(fxKosygin, "A. N. Kosygin", "Kosygin")
	d1965.mentions(fxHo, "Ho Chi Minh")
	d1965.mentions(fxHanoi, "Hanoi")
	d1965.mentions(fxUSSR, "USSR")
	d1965.mentions(fxDRV, "DRV")
	d1965.relation(extractor.RelMet, fxKosygin, fxHo, talks1965, "")
	d1965.relation(extractor.RelCoMentioned, fxKosygin, fxHo, talks1965, "")
	d1965.relation(extractor.RelCoMentioned, fxHo, fxHanoi, talks1965, "")
	d1965.relation(extractor.RelSupports, fxUSSR, fxDRV, aid1965, "")

	return []extractor.Document{d1957.doc, d1965.doc}
}

type fixtureEntity struct {
	id, typ, name string
	aliases       []string
}

// fixture assembles one extractor.Document, finding every offset in its text
// so that the fixture cannot drift from the text it describes.
type fixture struct {
	tb  testing.TB
	doc extractor.Document
}

func newFixture(tb testing.TB, id, date, title, text string) *fixture {
	sum := sha256.Sum256([]byte(text))
	return &fixture{tb: tb, doc: extractor.Document{
		ID: id, Source: id + ".txt", Title: title, Date: date,
		SHA256: hex.EncodeToString(sum[:]), Text: text,
		Entities: []extractor.Entity{}, Relations: []extractor.Relation{},
	}}
}

// mentions adds e, mentioned at every occurrence of each surface form.
func (f *fixture) mentions(e fixtureEntity, surfaces ...string) {
	f.tb.Helper()
	ent := extractor.Entity{ID: e.id, Name: e.name, Type: e.typ, Aliases: e.aliases}
	for _, s := range surfaces {
		for from := 0; ; {
			i := strings.Index(f.doc.Text[from:], s)
			if i < 0 {
				break
			}
			start := from + i
			ent.Mentions = append(ent.Mentions, extractor.Mention{Start: start, End: start + len(s), Text: s})
			from = start + len(s)
		}
	}
	if len(ent.Mentions) == 0 {
		f.tb.Fatalf("fixture %s: no mention of %s", f.doc.ID, e.id)
	}
	f.doc.Entities = append(f.doc.Entities, ent)
}

// relation adds a relation whose evidence is sentence, a sentence of the
// document's text.
func (f *fixture) relation(typ string, source, target fixtureEntity, sentence, role string) {
	f.tb.Helper()
	start := strings.Index(f.doc.Text, sentence)
	if start < 0 {
		f.tb.Fatalf("fixture %s: no sentence %q", f.doc.ID, sentence)
	}
	f.doc.Relations = append(f.doc.Relations, extractor.Relation{
		Type: typ, Source: source.id, Target: target.id, Date: f.doc.Date,
		Evidence: sentence, Start: start, End: start + len(sentence), Role: role,
	})
}

// startAPI loads the fixture into the test database and serves the API over
// it on a real HTTP server.
func startAPI(tb testing.TB, cfg api.Config) (baseURL string, docs []extractor.Document) {
	tb.Helper()
	uri := neo4jtest.URI(tb)
	neo4jtest.Wipe(tb)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	store, err := graph.Open(ctx, graph.Config{URI: uri})
	if err != nil {
		tb.Fatalf("graph.Open(%s): %v", uri, err)
	}
	tb.Cleanup(func() { _ = store.Close(context.Background()) })
	if err := store.EnsureSchema(ctx); err != nil {
		tb.Fatalf("EnsureSchema: %v", err)
	}
	docs = fixtureDocuments(tb)
	if _, err := store.Load(ctx, docs); err != nil {
		tb.Fatalf("Load: %v", err)
	}
	if cfg.Logger == nil {
		cfg.Logger = quietLogger()
	}
	srv := httptest.NewServer(api.New(store, cfg).Handler())
	tb.Cleanup(srv.Close)
	return srv.URL, docs
}

// fetch GETs url and decodes its JSON body into a T, failing unless the
// status is the one wanted. Every answer is also validated against the
// OpenAPI document.
func fetch[T any](tb testing.TB, url string, status int, header ...string) T {
	tb.Helper()
	resp, body := send(tb, http.MethodGet, url, "", nil, header...)
	if resp.StatusCode != status {
		tb.Fatalf("GET %s: status %d, want %d; body: %s", url, resp.StatusCode, status, body)
	}
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		tb.Fatalf("GET %s: decode: %v", url, err)
	}
	return v
}

// send makes one request over HTTP, reads the whole answer and validates it
// against the OpenAPI document.
func send(tb testing.TB, method, url, contentType string, body []byte, header ...string) (*http.Response, []byte) {
	tb.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("%s %s: read: %v", method, url, err)
	}
	checkAgainstSpec(tb, req, resp.StatusCode, resp.Header, got)
	return resp, got
}

func ids[T any](items []T, id func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = id(it)
	}
	return out
}

func neighborIDs(ns []graph.Neighbor) []string {
	return ids(ns, func(n graph.Neighbor) string { return n.Relation + " " + n.Entity.ID })
}

func contains(list []string, want string) bool {
	for _, s := range list {
		if s == want {
			return true
		}
	}
	return false
}

func TestIntegration(t *testing.T) {
	base, docs := startAPI(t, api.Config{})

	t.Run("probes", func(t *testing.T) {
		for _, path := range []string{"/healthz", "/readyz"} {
			if got := fetch[map[string]string](t, base+path, http.StatusOK); got["status"] != "ok" {
				t.Errorf("%s = %v, want status ok", path, got)
			}
		}
	})

	t.Run("search", func(t *testing.T) {
		tests := []struct {
			name   string
			query  string
			wantID string
		}{
			{"surname", "q=Khrushchev", fxKhrushchev.id},
			{"alias with initials", "q=N.+S.+Khrushchev", fxKhrushchev.id},
			{"misspelt", "q=Krushchev", fxKhrushchev.id},
			{"type filter in any case", "q=Ho+Chi+Minh&type=person", fxHo.id},
			{"browse a type", "type=State", fxDRV.id},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got := fetch[list[graph.EntitySummary]](t, base+"/api/v1/entities?"+tt.query, http.StatusOK)
				found := ids(got.Items, func(e graph.EntitySummary) string { return e.ID })
				if !contains(found, tt.wantID) {
					t.Errorf("search %s found %v, want %s among them", tt.query, found, tt.wantID)
				}
				if got.Limit != 20 || got.Offset != 0 {
					t.Errorf("limit, offset = %d, %d, want 20, 0", got.Limit, got.Offset)
				}
			})
		}

		t.Run("type filter excludes other types", func(t *testing.T) {
			got := fetch[list[graph.EntitySummary]](t, base+"/api/v1/entities?type=Place", http.StatusOK)
			found := ids(got.Items, func(e graph.EntitySummary) string { return e.ID })
			if len(found) != 1 || found[0] != fxHanoi.id {
				t.Errorf("places = %v, want [%s]", found, fxHanoi.id)
			}
		})
	})

	t.Run("entity detail", func(t *testing.T) {
		for _, path := range []string{"person%2Fnikita-khrushchev", "person/nikita-khrushchev"} {
			t.Run(path, func(t *testing.T) {
				got := fetch[graph.EntityDetail](t, base+"/api/v1/entities/"+path, http.StatusOK)
				if got.ID != fxKhrushchev.id || got.Name != fxKhrushchev.name || got.Type != extractor.TypePerson {
					t.Errorf("entity = %s %q %s, want %s %q Person", got.ID, got.Name, got.Type, fxKhrushchev.id, fxKhrushchev.name)
				}
				if !contains(got.Aliases, "N. S. Khrushchev") {
					t.Errorf("aliases = %v, want N. S. Khrushchev among them", got.Aliases)
				}
				docIDs := ids(got.Docs, func(d graph.DocumentMention) string { return d.ID })
				if len(docIDs) != 1 || docIDs[0] != docs[0].ID {
					t.Errorf("documents = %v, want [%s]", docIDs, docs[0].ID)
				}
				if !contains(neighborIDs(got.Neighbors), "MET "+fxHo.id) {
					t.Errorf("neighbours = %v, want MET %s among them", neighborIDs(got.Neighbors), fxHo.id)
				}
			})
		}
	})

	t.Run("neighbors", func(t *testing.T) {
		hoNeighbors := base + "/api/v1/entities/person/ho-chi-minh/neighbors"
		tests := []struct {
			name    string
			query   string
			want    []string // all present
			notWant []string // all absent
		}{
			{"everything", "", []string{"MET " + fxKhrushchev.id, "MET " + fxKosygin.id, "CO_MENTIONED " + fxHanoi.id}, nil},
			{"meetings only", "?rel=met", []string{"MET " + fxKhrushchev.id, "MET " + fxKosygin.id}, []string{"CO_MENTIONED " + fxKhrushchev.id}},
			{"from 1960", "?rel=MET&from=1960", []string{"MET " + fxKosygin.id}, []string{"MET " + fxKhrushchev.id}},
			{"up to the end of 1957", "?rel=MET&to=1957-12-31", []string{"MET " + fxKhrushchev.id}, []string{"MET " + fxKosygin.id}},
			{"states only", "?type=state", []string{"HOLDS_OFFICE " + fxDRV.id}, []string{"MET " + fxKhrushchev.id}},
			{"min weight", "?rel=CO_MENTIONED&min_weight=2", []string{"CO_MENTIONED " + fxKhrushchev.id}, []string{"CO_MENTIONED " + fxKosygin.id}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got := fetch[list[graph.Neighbor]](t, hoNeighbors+tt.query, http.StatusOK)
				found := neighborIDs(got.Items)
				for _, w := range tt.want {
					if !contains(found, w) {
						t.Errorf("neighbours%s = %v, want %s among them", tt.query, found, w)
					}
				}
				for _, w := range tt.notWant {
					if contains(found, w) {
						t.Errorf("neighbours%s = %v, want no %s", tt.query, found, w)
					}
				}
			})
		}

		t.Run("evidence", func(t *testing.T) {
			got := fetch[list[graph.Neighbor]](t, base+"/api/v1/entities/person%2Fho-chi-minh/neighbors?rel=MET&to=1957", http.StatusOK)
			if len(got.Items) != 1 || len(got.Items[0].Evidence) == 0 {
				t.Fatalf("neighbours = %+v, want one with evidence", got.Items)
			}
			ev := got.Items[0].Evidence[0]
			if ev.DocumentID != docs[0].ID || ev.Sentence != metIn1957 {
				t.Errorf("evidence = %+v, want document %s, sentence %q", ev, docs[0].ID, metIn1957)
			}
		})
	})

	t.Run("meetings", func(t *testing.T) {
		got := fetch[list[graph.Meeting]](t, base+"/api/v1/meetings?person=Khrushchev", http.StatusOK)
		if len(got.Items) != 1 {
			t.Fatalf("meetings of Khrushchev = %+v, want one", got.Items)
		}
		m := got.Items[0]
		if m.Person.ID != fxKhrushchev.id || m.With.ID != fxHo.id {
			t.Errorf("meeting between %s and %s, want %s and %s", m.Person.ID, m.With.ID, fxKhrushchev.id, fxHo.id)
		}
		if m.Date != "1957-07-17" || m.Document.ID != docs[0].ID || m.Evidence != metIn1957 {
			t.Errorf("meeting on %q in %q with evidence %q, want 1957-07-17 in %q with %q",
				m.Date, m.Document.ID, m.Evidence, docs[0].ID, metIn1957)
		}
		if got.Limit != 100 || got.Offset != 0 {
			t.Errorf("limit, offset = %d, %d, want 100, 0", got.Limit, got.Offset)
		}

		t.Run("by year", func(t *testing.T) {
			got := fetch[list[graph.Meeting]](t, base+"/api/v1/meetings?person=Ho+Chi+Minh&from=1965-01-01", http.StatusOK)
			if len(got.Items) != 1 || got.Items[0].With.ID != fxKosygin.id {
				t.Errorf("meetings of Ho Chi Minh from 1965 = %+v, want one with %s", got.Items, fxKosygin.id)
			}
		})
		t.Run("paging past the end", func(t *testing.T) {
			got := fetch[list[graph.Meeting]](t, base+"/api/v1/meetings?offset=2", http.StatusOK)
			if len(got.Items) != 0 || got.Items == nil {
				t.Errorf("items = %#v, want an empty list", got.Items)
			}
		})
	})

	t.Run("stats", func(t *testing.T) {
		entities := map[string]string{}
		relations := map[string]int{}
		for _, d := range docs {
			for _, e := range d.Entities {
				entities[e.ID] = e.Type
			}
			for _, r := range d.Relations {
				relations[r.Type]++
			}
		}
		got := fetch[graph.Stats](t, base+"/api/v1/stats", http.StatusOK)
		if got.Documents != len(docs) || got.Entities != len(entities) {
			t.Errorf("documents, entities = %d, %d, want %d, %d", got.Documents, got.Entities, len(docs), len(entities))
		}
		byType := map[string]int{}
		for _, typ := range entities {
			byType[typ]++
		}
		for typ, n := range byType {
			if got.EntitiesByType[typ] != n {
				t.Errorf("entities_by_type[%s] = %d, want %d", typ, got.EntitiesByType[typ], n)
			}
		}
		for rel, n := range relations {
			if got.RelationsByType[rel] != n {
				t.Errorf("relations_by_type[%s] = %d, want %d", rel, got.RelationsByType[rel], n)
			}
		}
	})

	t.Run("not found", func(t *testing.T) {
		for _, path := range []string{"/api/v1/entities/person/nobody", "/api/v1/entities/person%2Fnobody/neighbors"} {
			got := fetch[errorBody](t, base+path, http.StatusNotFound)
			if got.Error.Code != "not_found" || !strings.Contains(got.Error.Message, "person/nobody") {
				t.Errorf("GET %s: error %+v, want not_found naming person/nobody", path, got.Error)
			}
		}
	})

	t.Run("bad parameter", func(t *testing.T) {
		got := fetch[errorBody](t, base+"/api/v1/meetings?from=1965&to=1957", http.StatusBadRequest)
		if got.Error.Message != "from (1965) must not be after to (1957)" {
			t.Errorf("error = %+v", got.Error)
		}
	})
}

// TestIntegrationToken checks the bearer token over a real connection.
func TestIntegrationToken(t *testing.T) {
	const token = "integration-token"
	base, _ := startAPI(t, api.Config{Token: token, RequireTokenForReads: true})

	fetch[errorBody](t, base+"/api/v1/stats", http.StatusUnauthorized)
	fetch[errorBody](t, base+"/api/v1/stats", http.StatusUnauthorized, "Authorization", "Bearer wrong")
	fetch[graph.Stats](t, base+"/api/v1/stats", http.StatusOK, "Authorization", "Bearer "+token)
	fetch[map[string]string](t, base+"/readyz", http.StatusOK)
}
