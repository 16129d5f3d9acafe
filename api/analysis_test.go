package api_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/archivegraph/archivegraph/api"
	"github.com/archivegraph/archivegraph/extractor"
	"github.com/archivegraph/archivegraph/graph"
)

const writeToken = "write-token"

var (
	extractorOnce sync.Once
	extractorVal  *extractor.Extractor
	extractorErr  error
)

// sharedExtractor makes the extractor once for all tests: loading the
// knowledge base is the slow part.
func sharedExtractor(tb testing.TB) *extractor.Extractor {
	tb.Helper()
	extractorOnce.Do(func() { extractorVal, extractorErr = extractor.New(extractor.Options{}) })
	if extractorErr != nil {
		tb.Fatalf("extractor.New: %v", extractorErr)
	}
	return extractorVal
}

var (
	doc1957 = graph.DocumentSummary{
		DocumentRef: graph.DocumentRef{ID: "doc-1957", Title: "Record of a conversation", Date: "1957-07-17", Source: "doc-1957.txt"},
		Entities:    2,
	}
	evidence1957 = graph.Evidence{DocumentID: "doc-1957", Title: "Record of a conversation", Date: "1957-07-17",
		Sentence: "Khrushchev received Ho Chi Minh.", Start: 0, End: 32}
)

// byName resolves the two fixture people by id or by a part of a name, like
// the graph's ResolveEntity.
func byName(_ context.Context, ref string) (graph.EntitySummary, error) {
	for _, e := range []graph.EntitySummary{khrushchev, hoChiMinh} {
		if ref == e.ID || strings.Contains(e.Name, ref) {
			return e, nil
		}
	}
	return graph.EntitySummary{}, fmt.Errorf("resolve %q: %w", ref, graph.ErrNotFound)
}

// streamPair sends the two fixture people and their meeting to sink.
func streamPair(_ context.Context, _ graph.SubgraphQuery, sink graph.SubgraphSink) error {
	for _, e := range []graph.EntitySummary{khrushchev, hoChiMinh} {
		if err := sink.Node(graph.SubgraphNode{ID: e.ID, Name: e.Name, Type: e.Type, Aliases: e.Aliases,
			Mentions: e.Mentions, Documents: e.Documents}); err != nil {
			return err
		}
	}
	return sink.Edge(graph.SubgraphEdge{Source: hoChiMinh.ID, Target: khrushchev.ID, Type: "MET",
		Weight: 1, Documents: 1, FirstDate: "1957-07-17", LastDate: "1957-07-17"})
}

// fullFake answers every method with the fixtures, and "nothing" or
// "person/nobody" with ErrNotFound.
func fullFake() *fakeGraph {
	return &fakeGraph{
		ping: func(context.Context) error { return nil },
		stats: func(context.Context) (graph.Stats, error) {
			return graph.Stats{Documents: 1, Entities: 2, EntitiesByType: map[string]int{"Person": 2},
				Relations: 1, RelationsByType: map[string]int{"MET": 1}, MentionedIn: 2}, nil
		},
		searchEntities: func(context.Context, string, string, int, int) ([]graph.EntitySummary, error) {
			return []graph.EntitySummary{hoChiMinh}, nil
		},
		entity: func(_ context.Context, id string) (graph.EntityDetail, error) {
			if id != hoChiMinh.ID {
				return graph.EntityDetail{}, graph.ErrNotFound
			}
			return graph.EntityDetail{EntitySummary: hoChiMinh,
				Neighbors: []graph.Neighbor{{Entity: khrushchev, Relation: "MET", Direction: "both", Weight: 1, Documents: 1,
					Evidence: []graph.Evidence{evidence1957}}},
				Docs: []graph.DocumentMention{{DocumentRef: doc1957.DocumentRef, Count: 1}}}, nil
		},
		neighbors: func(context.Context, string, graph.NeighborFilter) ([]graph.Neighbor, error) {
			return []graph.Neighbor{{Entity: khrushchev, Relation: "MET", Direction: "both", Weight: 1, Documents: 1,
				Evidence: []graph.Evidence{evidence1957}}}, nil
		},
		meetings: func(context.Context, graph.MeetingFilter) ([]graph.Meeting, error) {
			return []graph.Meeting{{Person: khrushchev, With: hoChiMinh, Date: "1957-07-17", Document: doc1957.DocumentRef,
				Evidence: evidence1957.Sentence, End: 32}}, nil
		},
		resolveEntity: byName,
		paths: func(_ context.Context, q graph.PathQuery) ([]graph.Path, error) {
			return []graph.Path{{Nodes: []graph.EntitySummary{khrushchev, hoChiMinh},
				Steps: []graph.PathStep{{Source: q.From, Target: q.To, Relation: "MET", Weight: 1,
					Evidence: []graph.Evidence{evidence1957}}}}}, nil
		},
		subgraph: streamPair,
		communities: func(context.Context, graph.CommunityQuery) ([]graph.Community, error) {
			return []graph.Community{{ID: 0, Members: []graph.EntitySummary{khrushchev, hoChiMinh}, Cohesion: 1,
				Evidence: []graph.Evidence{evidence1957}}}, nil
		},
		documents: func(context.Context, graph.DocumentFilter) ([]graph.DocumentSummary, error) {
			return []graph.DocumentSummary{doc1957}, nil
		},
		document: func(_ context.Context, id string) (graph.DocumentDetail, error) {
			if id != doc1957.ID {
				return graph.DocumentDetail{}, graph.ErrNotFound
			}
			return graph.DocumentDetail{DocumentSummary: doc1957, Text: evidence1957.Sentence,
				Annotations: []graph.Annotation{{Start: 0, End: 10, EntityID: khrushchev.ID, Name: khrushchev.Name, Type: "Person"}}}, nil
		},
		load: func(_ context.Context, docs []extractor.Document) (graph.LoadResult, error) {
			return graph.LoadResult{Loaded: len(docs)}, nil
		},
		deleteDocument: func(_ context.Context, id string) error {
			if id != doc1957.ID {
				return graph.ErrNotFound
			}
			return nil
		},
	}
}

func TestPaths(t *testing.T) {
	tests := []struct {
		name   string
		target string
		want   graph.PathQuery
	}{
		{"names are resolved", "/api/v1/paths?from=Khrushchev&to=Ho+Chi+Minh",
			graph.PathQuery{From: khrushchev.ID, To: hoChiMinh.ID, MaxHops: 4, Limit: 10}},
		{"ids and every parameter", "/api/v1/paths?from=person/nikita-khrushchev&to=person/ho-chi-minh&max_hops=6&rel=met,Co_Mentioned&limit=50",
			graph.PathQuery{From: khrushchev.ID, To: hoChiMinh.ID, MaxHops: 6, Relations: []string{"MET", "CO_MENTIONED"}, Limit: 50}},
		{"repeated rel", "/api/v1/paths?from=Khrushchev&to=Ho&rel=MET&rel=SUPPORTS&max_hops=1",
			graph.PathQuery{From: khrushchev.ID, To: hoChiMinh.ID, MaxHops: 1, Relations: []string{"MET", "SUPPORTS"}, Limit: 10}},
		{"period by since and until", "/api/v1/paths?from=Khrushchev&to=Ho+Chi+Minh&since=1957-07&until=1965",
			graph.PathQuery{From: khrushchev.ID, To: hoChiMinh.ID, MaxHops: 4, Limit: 10, Period: graph.Period{From: "1957-07", To: "1965"}}},
		{"open-ended period", "/api/v1/paths?from=Khrushchev&to=Ho+Chi+Minh&until=1958-02-28",
			graph.PathQuery{From: khrushchev.ID, To: hoChiMinh.ID, MaxHops: 4, Limit: 10, Period: graph.Period{To: "1958-02-28"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := fullFake()
			inner := g.paths
			g.paths = func(ctx context.Context, q graph.PathQuery) ([]graph.Path, error) {
				if !reflect.DeepEqual(q, tt.want) {
					t.Errorf("Paths(%+v), want Paths(%+v)", q, tt.want)
				}
				return inner(ctx, q)
			}
			rec := get(t, g, api.Config{}, tt.target)
			wantStatus(t, rec, http.StatusOK)
			got := decode[struct {
				From  graph.EntitySummary `json:"from"`
				To    graph.EntitySummary `json:"to"`
				Items []graph.Path        `json:"items"`
				Limit int                 `json:"limit"`
			}](t, rec)
			if got.From.ID != khrushchev.ID || got.To.ID != hoChiMinh.ID || len(got.Items) != 1 || got.Limit != tt.want.Limit {
				t.Errorf("body = %s", rec.Body)
			}
		})
	}

	t.Run("bad period names the parameter", func(t *testing.T) {
		for target, param := range map[string]string{
			"/api/v1/paths?from=Khrushchev&to=Ho&since=57":                 "since",
			"/api/v1/paths?from=Khrushchev&to=Ho&until=1958-02-30":         "until",
			"/api/v1/paths?from=Khrushchev&to=Ho&since=1966&until=1965-12": "since",
		} {
			rec := get(t, fullFake(), api.Config{}, target)
			if msg := wantError(t, rec, http.StatusBadRequest, "bad_request"); !strings.HasPrefix(msg, param+" ") {
				t.Errorf("GET %s: message = %q, want it to name %s", target, msg, param)
			}
		}
	})

	t.Run("unknown entity names the parameter", func(t *testing.T) {
		rec := get(t, fullFake(), api.Config{}, "/api/v1/paths?from=Khrushchev&to=Nobody")
		if msg := wantError(t, rec, http.StatusNotFound, "not_found"); msg != `to: no entity has the id or name "Nobody"` {
			t.Errorf("message = %q", msg)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		g := fullFake()
		g.paths = func(context.Context, graph.PathQuery) ([]graph.Path, error) {
			return nil, fmt.Errorf("graph: paths: %w", context.DeadlineExceeded)
		}
		wantError(t, get(t, g, api.Config{}, "/api/v1/paths?from=Khrushchev&to=Ho"), http.StatusGatewayTimeout, "timeout")
	})
}

func TestSubgraph(t *testing.T) {
	t.Run("every filter reaches the graph", func(t *testing.T) {
		g := fullFake()
		want := graph.SubgraphQuery{
			Seeds: []string{khrushchev.ID, hoChiMinh.ID}, Depth: 3,
			Relations: []string{"MET", "SUPPORTS"}, Types: []string{"Person", "State"},
			Period: graph.Period{From: "1957-07", To: "1965"}, MinWeight: 2, Limit: 20000,
		}
		g.subgraph = func(ctx context.Context, q graph.SubgraphQuery, sink graph.SubgraphSink) error {
			if !reflect.DeepEqual(q, want) {
				t.Errorf("Subgraph(%+v), want Subgraph(%+v)", q, want)
			}
			return streamPair(ctx, q, sink)
		}
		rec := get(t, g, api.Config{}, "/api/v1/subgraph?seed=Khrushchev&seed=person/ho-chi-minh&depth=3&rel=met,SUPPORTS&type=person,state&from=1957-07&to=1965&min_weight=2&limit=20000")
		wantStatus(t, rec, http.StatusOK)
		if cd := rec.Header().Get("Content-Disposition"); cd != `attachment; filename="subgraph.json"` {
			t.Errorf("Content-Disposition = %q", cd)
		}
	})

	formats := []struct {
		format, contentType, filename string
		check                         func(tb testing.TB, body []byte)
	}{
		{"json", "application/json", "subgraph-person-nikita-khrushchev.json", func(tb testing.TB, body []byte) {
			if !bytes.Contains(body, []byte(`"person/ho-chi-minh"`)) {
				tb.Errorf("json export without the second node: %s", body)
			}
		}},
		{"graphml", "application/graphml+xml", "subgraph-person-nikita-khrushchev.graphml", wellFormedXML},
		{"gexf", "application/gexf+xml", "subgraph-person-nikita-khrushchev.gexf", wellFormedXML},
		{"csv", "application/zip", "subgraph-person-nikita-khrushchev.zip", func(tb testing.TB, body []byte) {
			zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
			if err != nil {
				tb.Fatalf("csv export is not a zip: %v", err)
			}
			if len(zr.File) < 2 {
				tb.Errorf("csv export holds %d files, want nodes and relationships", len(zr.File))
			}
		}},
		{"cypher", "text/plain; charset=utf-8", "subgraph-person-nikita-khrushchev.cypher", func(tb testing.TB, body []byte) {
			if !bytes.Contains(body, []byte("MET")) {
				tb.Errorf("cypher export without the MET edge: %s", body)
			}
		}},
	}
	for _, f := range formats {
		t.Run("format "+f.format, func(t *testing.T) {
			rec := get(t, fullFake(), api.Config{}, "/api/v1/subgraph?seed=Khrushchev&format="+strings.ToUpper(f.format))
			wantStatus(t, rec, http.StatusOK)
			if ct := rec.Header().Get("Content-Type"); ct != f.contentType {
				t.Errorf("Content-Type = %q, want %q", ct, f.contentType)
			}
			if cd, want := rec.Header().Get("Content-Disposition"), fmt.Sprintf("attachment; filename=%q", f.filename); cd != want {
				t.Errorf("Content-Disposition = %q, want %q", cd, want)
			}
			f.check(t, rec.Body.Bytes())
		})
	}

	t.Run("unknown seed", func(t *testing.T) {
		rec := get(t, fullFake(), api.Config{}, "/api/v1/subgraph?seed=Khrushchev&seed=Nobody")
		if msg := wantError(t, rec, http.StatusNotFound, "not_found"); !strings.Contains(msg, "seed") {
			t.Errorf("message %q does not name seed", msg)
		}
	})

	t.Run("failure before the first byte is a JSON error", func(t *testing.T) {
		g := fullFake()
		g.subgraph = func(context.Context, graph.SubgraphQuery, graph.SubgraphSink) error {
			return fmt.Errorf("graph: subgraph: %w", graph.ErrUnavailable)
		}
		rec := get(t, g, api.Config{}, "/api/v1/subgraph?seed=Khrushchev&format=graphml")
		wantError(t, rec, http.StatusServiceUnavailable, "unavailable")
		if cd := rec.Header().Get("Content-Disposition"); cd != "" {
			t.Errorf("error answer with Content-Disposition %q", cd)
		}
	})

	t.Run("failure mid-stream cuts the connection", func(t *testing.T) {
		g := fullFake()
		g.subgraph = func(_ context.Context, _ graph.SubgraphQuery, sink graph.SubgraphSink) error {
			// Enough nodes to push the writer's buffer out to the client.
			for i := range 5000 {
				if err := sink.Node(graph.SubgraphNode{ID: fmt.Sprintf("person/p%d", i), Name: strings.Repeat("n", 50), Type: "Person"}); err != nil {
					return err
				}
			}
			return errors.New("connection to the database lost")
		}
		srv := httptest.NewServer(api.New(g, api.Config{Logger: quietLogger()}).Handler())
		defer srv.Close()
		resp, err := http.Get(srv.URL + "/api/v1/subgraph?seed=Khrushchev")
		if err != nil {
			return // cut before the headers arrived: also not a complete file
		}
		defer resp.Body.Close()
		if _, err := io.ReadAll(resp.Body); err == nil {
			t.Errorf("status %d and a body read to its end, want a cut connection", resp.StatusCode)
		}
	})
}

func wellFormedXML(tb testing.TB, body []byte) {
	tb.Helper()
	dec := xml.NewDecoder(bytes.NewReader(body))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			tb.Fatalf("export is not well-formed XML: %v\n%s", err, body)
		}
	}
	if !bytes.Contains(body, []byte("person/ho-chi-minh")) {
		tb.Errorf("export without the second node:\n%s", body)
	}
}

func TestCommunities(t *testing.T) {
	blocs := make([]graph.Community, 5)
	for i := range blocs {
		blocs[i] = graph.Community{ID: i, Members: []graph.EntitySummary{khrushchev}, Evidence: []graph.Evidence{}}
	}
	tests := []struct {
		name                string
		target              string
		want                graph.CommunityQuery
		wantIDs             []int
		wantLimit, wantSkip int
	}{
		{"defaults", "/api/v1/communities", graph.CommunityQuery{}, []int{0, 1, 2, 3, 4}, 100, 0},
		{"types and period", "/api/v1/communities?type=party,STATE&from=1957&to=1957-12-31",
			graph.CommunityQuery{Types: []string{"Party", "State"}, Period: graph.Period{From: "1957", To: "1957-12-31"}}, []int{0, 1, 2, 3, 4}, 100, 0},
		{"a page", "/api/v1/communities?limit=2&offset=1", graph.CommunityQuery{}, []int{1, 2}, 2, 1},
		{"past the end", "/api/v1/communities?offset=10", graph.CommunityQuery{}, []int{}, 100, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &fakeGraph{communities: func(_ context.Context, q graph.CommunityQuery) ([]graph.Community, error) {
				if !reflect.DeepEqual(q, tt.want) {
					t.Errorf("Communities(%+v), want Communities(%+v)", q, tt.want)
				}
				return append([]graph.Community(nil), blocs...), nil
			}}
			rec := get(t, g, api.Config{}, tt.target)
			wantStatus(t, rec, http.StatusOK)
			got := decode[list[graph.Community]](t, rec)
			gotIDs := []int{}
			for _, c := range got.Items {
				gotIDs = append(gotIDs, c.ID)
			}
			if !reflect.DeepEqual(gotIDs, tt.wantIDs) || got.Limit != tt.wantLimit || got.Offset != tt.wantSkip {
				t.Errorf("communities %v, limit %d, offset %d; want %v, %d, %d", gotIDs, got.Limit, got.Offset, tt.wantIDs, tt.wantLimit, tt.wantSkip)
			}
		})
	}
}

func TestDocuments(t *testing.T) {
	t.Run("list", func(t *testing.T) {
		want := graph.DocumentFilter{Query: "Kremlin", Period: graph.Period{From: "1957", To: "1958-06"}, Limit: 5, Offset: 10}
		g := &fakeGraph{documents: func(_ context.Context, f graph.DocumentFilter) ([]graph.DocumentSummary, error) {
			if f != want {
				t.Errorf("Documents(%+v), want Documents(%+v)", f, want)
			}
			return []graph.DocumentSummary{doc1957}, nil
		}}
		rec := get(t, g, api.Config{}, "/api/v1/documents?q=Kremlin&from=1957&to=1958-06&limit=5&offset=10")
		wantStatus(t, rec, http.StatusOK)
		got := decode[list[graph.DocumentSummary]](t, rec)
		if len(got.Items) != 1 || got.Items[0] != doc1957 || got.Limit != 5 || got.Offset != 10 {
			t.Errorf("body = %s", rec.Body)
		}
	})

	for _, tt := range []struct{ name, target, wantID string }{
		{"plain id", "/api/v1/documents/doc-1957", "doc-1957"},
		{"id with an escaped slash", "/api/v1/documents/frus%2Fd3", "frus/d3"},
		{"id with a raw slash", "/api/v1/documents/frus/d3", "frus/d3"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g := &fakeGraph{document: func(_ context.Context, id string) (graph.DocumentDetail, error) {
				if id != tt.wantID {
					t.Errorf("Document(%q), want Document(%q)", id, tt.wantID)
				}
				return graph.DocumentDetail{DocumentSummary: doc1957, Text: "text"}, nil
			}}
			rec := get(t, g, api.Config{}, tt.target)
			wantStatus(t, rec, http.StatusOK)
			if !strings.Contains(rec.Body.String(), `"annotations":[]`) {
				t.Errorf("body = %s, want \"annotations\":[]", rec.Body)
			}
		})
	}

	t.Run("unknown id", func(t *testing.T) {
		rec := get(t, fullFake(), api.Config{}, "/api/v1/documents/nothing")
		if msg := wantError(t, rec, http.StatusNotFound, "not_found"); msg != `no document with id "nothing"` {
			t.Errorf("message = %q", msg)
		}
	})
}

// post sends a request with a body.
func post(tb testing.TB, g api.Graph, cfg api.Config, method, target, contentType string, body []byte, header ...string) *httptest.ResponseRecorder {
	tb.Helper()
	if cfg.Logger == nil {
		cfg.Logger = quietLogger()
	}
	req := httptest.NewRequest(method, target, bytes.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	api.New(g, cfg).Handler().ServeHTTP(rec, req)
	return rec
}

// multipartFile builds a multipart body holding one file and extra fields.
func multipartFile(tb testing.TB, filename, content string, fields ...string) (contentType string, body []byte) {
	tb.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for i := 0; i+1 < len(fields); i += 2 {
		if err := mw.WriteField(fields[i], fields[i+1]); err != nil {
			tb.Fatal(err)
		}
	}
	fw, err := mw.CreateFormFile("file", filename)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := io.WriteString(fw, content); err != nil {
		tb.Fatal(err)
	}
	if err := mw.Close(); err != nil {
		tb.Fatal(err)
	}
	return mw.FormDataContentType(), buf.Bytes()
}

const postedText = "Record of a conversation with Ho Chi Minh, 17 July 1957.\n\nOn 17 July 1957 Comrade N. S. Khrushchev received Comrade Ho Chi Minh, President of the DRV, in the Kremlin."

func TestPostDocuments(t *testing.T) {
	auth := []string{"Authorization", "Bearer " + writeToken}
	jsonBody := fmt.Sprintf(`{"id": "record-1957", "title": "Record", "date": "1957-07-17", "source": "notes", "text": %q}`, postedText)
	ctMultipart, multipartBody := multipartFile(t, "record-1957.txt", postedText)
	ctMultipartID, multipartIDBody := multipartFile(t, "record.txt", postedText, "id", "my-id")
	tests := []struct {
		name, target, contentType string
		body                      []byte
		result                    graph.LoadResult
		status                    int
		wantID, wantTitle         string
		wantDate, wantSource      string
	}{
		{"json, new", "/api/v1/documents", "application/json; charset=utf-8", []byte(jsonBody),
			graph.LoadResult{Loaded: 1}, http.StatusCreated, "record-1957", "Record", "1957-07-17", "notes"},
		{"json, replaced", "/api/v1/documents", "application/json", []byte(jsonBody),
			graph.LoadResult{Replaced: 1}, http.StatusOK, "record-1957", "Record", "1957-07-17", "notes"},
		{"json, unchanged", "/api/v1/documents", "application/json", []byte(jsonBody),
			graph.LoadResult{Unchanged: 1}, http.StatusOK, "record-1957", "Record", "1957-07-17", "notes"},
		{"plain text with metadata in the query", "/api/v1/documents?id=t-1&title=Talks&date=1957-07-17", "text/plain", []byte(postedText),
			graph.LoadResult{Loaded: 1}, http.StatusCreated, "t-1", "Talks", "1957-07-17", "api"},
		{"plain text without id", "/api/v1/documents", "text/plain; charset=utf-8", []byte(postedText),
			graph.LoadResult{Loaded: 1}, http.StatusCreated, "", "", "1957-07-17", "api"},
		{"multipart file", "/api/v1/documents", ctMultipart, multipartBody,
			graph.LoadResult{Loaded: 1}, http.StatusCreated, "record-1957", "", "1957-07-17", "record-1957.txt"},
		{"multipart file with id", "/api/v1/documents", ctMultipartID, multipartIDBody,
			graph.LoadResult{Loaded: 1}, http.StatusCreated, "my-id", "", "1957-07-17", "record.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var loaded []extractor.Document
			g := &fakeGraph{load: func(_ context.Context, docs []extractor.Document) (graph.LoadResult, error) {
				loaded = docs
				return tt.result, nil
			}}
			cfg := api.Config{Token: writeToken, Extractor: sharedExtractor(t)}
			rec := post(t, g, cfg, http.MethodPost, tt.target, tt.contentType, tt.body, auth...)
			wantStatus(t, rec, tt.status)
			if len(loaded) != 1 {
				t.Fatalf("loaded %d documents, want 1", len(loaded))
			}
			d := loaded[0]
			if tt.wantID != "" && d.ID != tt.wantID {
				t.Errorf("id = %q, want %q", d.ID, tt.wantID)
			}
			if tt.wantID == "" && !strings.HasPrefix(d.ID, "upload-") {
				t.Errorf("id = %q, want upload-<hash>", d.ID)
			}
			if tt.wantTitle != "" && d.Title != tt.wantTitle {
				t.Errorf("title = %q, want %q", d.Title, tt.wantTitle)
			}
			if d.Date != tt.wantDate || d.Source != tt.wantSource {
				t.Errorf("date, source = %q, %q, want %q, %q", d.Date, d.Source, tt.wantDate, tt.wantSource)
			}
			if !hasEntity(d, "person/ho-chi-minh") {
				t.Errorf("the extractor did not run: entities %+v", d.Entities)
			}
			got := decode[struct {
				ID     string           `json:"id"`
				IDs    []string         `json:"ids"`
				Result graph.LoadResult `json:"result"`
			}](t, rec)
			if got.ID != d.ID || !reflect.DeepEqual(got.IDs, []string{d.ID}) || got.Result != tt.result {
				t.Errorf("body = %s, want id %s and result %+v", rec.Body, d.ID, tt.result)
			}
		})
	}

	t.Run("the same text gets the same id", func(t *testing.T) {
		var ids []string
		g := &fakeGraph{load: func(_ context.Context, docs []extractor.Document) (graph.LoadResult, error) {
			ids = append(ids, docs[0].ID)
			return graph.LoadResult{Unchanged: 1}, nil
		}}
		cfg := api.Config{Token: writeToken, Extractor: sharedExtractor(t)}
		for range 2 {
			wantStatus(t, post(t, g, cfg, http.MethodPost, "/api/v1/documents", "text/plain", []byte(postedText), auth...), http.StatusOK)
		}
		if len(ids) != 2 || ids[0] != ids[1] {
			t.Errorf("ids = %v, want twice the same", ids)
		}
	})
}

func hasEntity(d extractor.Document, id string) bool {
	for _, e := range d.Entities {
		if e.ID == id {
			return true
		}
	}
	return false
}

// TestWriteErrors checks the refusals of the write endpoints, none of which
// may reach the graph (the fake has no methods).
func TestWriteErrors(t *testing.T) {
	auth := []string{"Authorization", "Bearer " + writeToken}
	withToken := api.Config{Token: writeToken}
	ctNoFile, noFileBody := multipartFile(t, "", "", "id", "x")
	ctPDF, pdfBody := multipartFile(t, "report.pdf", "%PDF")
	tests := []struct {
		name, method, target, contentType, body string
		cfg                                     api.Config
		header                                  []string
		status                                  int
		code, message                           string
	}{
		{"post without token", "POST", "/api/v1/documents", "text/plain", "x", withToken, nil,
			401, "unauthorized", "missing bearer token: send the header Authorization: Bearer <token>"},
		{"post with a wrong token", "POST", "/api/v1/documents", "text/plain", "x", withToken, []string{"Authorization", "Bearer nope"},
			401, "unauthorized", "invalid bearer token"},
		{"post when writes are disabled", "POST", "/api/v1/documents", "text/plain", "x", api.Config{}, auth,
			403, "forbidden", "writes are disabled: this server has no token configured (set ARCHIVEGRAPH_TOKEN)"},
		{"delete without token", "DELETE", "/api/v1/documents/doc-1957", "", "", withToken, nil,
			401, "unauthorized", "missing bearer token: send the header Authorization: Bearer <token>"},
		{"delete when writes are disabled", "DELETE", "/api/v1/documents/doc-1957", "", "", api.Config{}, auth,
			403, "forbidden", "writes are disabled: this server has no token configured (set ARCHIVEGRAPH_TOKEN)"},
		{"body past the limit", "POST", "/api/v1/documents", "text/plain", strings.Repeat("x", 101),
			api.Config{Token: writeToken, MaxBodyBytes: 100}, auth,
			413, "payload_too_large", "the request body is larger than the limit of 100 bytes"},
		{"unknown media type", "POST", "/api/v1/documents", "application/pdf", "%PDF", withToken, auth,
			415, "unsupported_media_type", `Content-Type must be application/json, text/plain or multipart/form-data, not "application/pdf"`},
		{"json without text", "POST", "/api/v1/documents", "application/json", `{"id": "x"}`, withToken, auth,
			400, "bad_request", "text is required"},
		{"json with an unknown field", "POST", "/api/v1/documents", "application/json", `{"text": "x", "body": "y"}`, withToken, auth,
			400, "bad_request", `body must be one JSON object {"text", and optionally "id", "title", "date", "source"}`},
		{"json that is not an object", "POST", "/api/v1/documents", "application/json", `["x"]`, withToken, auth,
			400, "bad_request", `body must be one JSON object {"text", and optionally "id", "title", "date", "source"}`},
		{"empty text", "POST", "/api/v1/documents", "text/plain", "  \n ", withToken, auth,
			400, "bad_request", "text must not be empty"},
		{"text not UTF-8", "POST", "/api/v1/documents", "text/plain", "\xff\xfe", withToken, auth,
			400, "bad_request", "text must be valid UTF-8"},
		{"id with a control character", "POST", "/api/v1/documents?id=a%00b", "text/plain", "Some text.", withToken, auth,
			400, "bad_request", "id must not contain control characters"},
		{"id too long", "POST", "/api/v1/documents?id=" + strings.Repeat("a", 513), "text/plain", "Some text.", withToken, auth,
			400, "bad_request", "id must be at most 512 bytes"},
		{"title too long", "POST", "/api/v1/documents?title=" + strings.Repeat("a", 1001), "text/plain", "Some text.", withToken, auth,
			400, "bad_request", "title must be at most 1000 characters"},
		{"multipart without a file", "POST", "/api/v1/documents", ctNoFile, string(noFileBody), withToken, auth,
			400, "bad_request", `file is required: send the document as the multipart field "file"`},
		{"multipart with an unknown format", "POST", "/api/v1/documents", ctPDF, string(pdfBody), withToken, auth,
			400, "bad_request", "file must be named with one of the extensions .txt, .md, .html, .jsonl or .xml"},
		{"multipart without boundary", "POST", "/api/v1/documents", "multipart/form-data", "x", withToken, auth,
			400, "bad_request", "body is not a valid multipart form"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.Extractor = sharedExtractor(t)
			rec := post(t, &fakeGraph{}, tt.cfg, tt.method, tt.target, tt.contentType, []byte(tt.body), tt.header...)
			if msg := wantError(t, rec, tt.status, tt.code); msg != tt.message {
				t.Errorf("message = %q, want %q", msg, tt.message)
			}
		})
	}
}

func TestDeleteDocument(t *testing.T) {
	auth := []string{"Authorization", "Bearer " + writeToken}
	cfg := api.Config{Token: writeToken}
	t.Run("deleted", func(t *testing.T) {
		var deleted string
		g := &fakeGraph{deleteDocument: func(_ context.Context, id string) error { deleted = id; return nil }}
		rec := post(t, g, cfg, http.MethodDelete, "/api/v1/documents/frus%2Fd3", "", nil, auth...)
		wantStatus(t, rec, http.StatusNoContent)
		if deleted != "frus/d3" || rec.Body.Len() != 0 {
			t.Errorf("deleted %q with body %q, want frus/d3 and no body", deleted, rec.Body)
		}
	})
	t.Run("unknown", func(t *testing.T) {
		rec := post(t, fullFake(), cfg, http.MethodDelete, "/api/v1/documents/nothing", "", nil, auth...)
		if msg := wantError(t, rec, http.StatusNotFound, "not_found"); msg != `no document with id "nothing"` {
			t.Errorf("message = %q", msg)
		}
	})
}

func TestCORS(t *testing.T) {
	const allowed, other = "https://archive.example.org", "https://evil.example.com"
	cfg := api.Config{CORSOrigins: []string{allowed}}
	tests := []struct {
		name, method, origin, requestMethod string
		status                              int
		allowOrigin                         string
	}{
		{"allowed origin", "GET", allowed, "", http.StatusOK, allowed},
		{"other origin", "GET", other, "", http.StatusOK, ""},
		{"no origin", "GET", "", "", http.StatusOK, ""},
		{"preflight from the allowed origin", "OPTIONS", allowed, "DELETE", http.StatusNoContent, allowed},
		{"preflight from another origin", "OPTIONS", other, "GET", http.StatusForbidden, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			header := []string{}
			if tt.origin != "" {
				header = append(header, "Origin", tt.origin)
			}
			if tt.requestMethod != "" {
				header = append(header, "Access-Control-Request-Method", tt.requestMethod)
			}
			rec := do(t, fullFake(), cfg, tt.method, "/api/v1/stats", header...)
			wantStatus(t, rec, tt.status)
			if got := rec.Header().Get("Access-Control-Allow-Origin"); got != tt.allowOrigin {
				t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, tt.allowOrigin)
			}
			if tt.status == http.StatusNoContent {
				if m := rec.Header().Get("Access-Control-Allow-Methods"); !strings.Contains(m, "DELETE") {
					t.Errorf("Access-Control-Allow-Methods = %q, want DELETE among them", m)
				}
				if h := rec.Header().Get("Access-Control-Allow-Headers"); !strings.Contains(h, "Authorization") {
					t.Errorf("Access-Control-Allow-Headers = %q, want Authorization among them", h)
				}
			}
		})
	}

	t.Run("any origin", func(t *testing.T) {
		rec := do(t, fullFake(), api.Config{CORSOrigins: []string{"*"}}, "GET", "/api/v1/stats", "Origin", other)
		if got := rec.Header().Get("Access-Control-Allow-Origin"); got != other {
			t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, other)
		}
	})
}

func TestMetrics(t *testing.T) {
	metrics := api.NewMetrics()
	handler := api.New(fullFake(), api.Config{Logger: quietLogger(), Metrics: metrics}).Handler()
	for _, target := range []string{"/api/v1/entities/person/ho-chi-minh", "/api/v1/entities/person/nobody", "/api/v1/no-such-thing"} {
		handler.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, target, nil))
	}
	metrics.ObserveQuery("neighbors", 1500*time.Microsecond, nil)
	metrics.ObserveQuery("neighbors", time.Second, errors.New("timed out"))

	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	wantStatus(t, rec, http.StatusOK)
	body := rec.Body.String()
	for _, want := range []string{
		`archivegraph_http_requests_total{method="GET",route="/api/v1/entities/*path",status="200"} 1`,
		`archivegraph_http_requests_total{method="GET",route="/api/v1/entities/*path",status="404"} 1`,
		`archivegraph_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		`archivegraph_http_request_duration_seconds_count{method="GET",route="/api/v1/entities/*path",status="200"} 1`,
		`archivegraph_neo4j_query_duration_seconds_count{op="neighbors",outcome="ok"} 1`,
		`archivegraph_neo4j_query_duration_seconds_count{op="neighbors",outcome="error"} 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(body, "ho-chi-minh") || strings.Contains(body, "no-such-thing") {
		t.Errorf("metrics carry raw paths:\n%s", body)
	}
}
