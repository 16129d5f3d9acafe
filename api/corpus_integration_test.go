package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/archivegraph/archivegraph/api"
	"github.com/archivegraph/archivegraph/extractor"
	"github.com/archivegraph/archivegraph/graph"
	"github.com/archivegraph/archivegraph/internal/neo4jtest"
)

// Where the real documents are, relative to this package: the shared seed
// documents beside the repository, and the project's sample corpus.
var corpusGlobs = []string{"../../shared/corpus/seeds/*.txt", "../examples/corpus/*"}

// startCorpusAPI extracts the seeds and the sample corpus, loads them into
// the test database and serves the API over them with writes enabled.
func startCorpusAPI(tb testing.TB) (base string, docs []extractor.Document) {
	tb.Helper()
	uri := neo4jtest.URI(tb)
	neo4jtest.Wipe(tb)
	x := sharedExtractor(tb)
	for _, glob := range corpusGlobs {
		files, err := filepath.Glob(glob)
		if err != nil || len(files) == 0 {
			tb.Fatalf("no documents at %s", glob)
		}
		for _, f := range files {
			if !extractor.Supported(f) {
				continue
			}
			got, err := x.ExtractFile(f)
			if err != nil {
				tb.Fatalf("extract %s: %v", f, err)
			}
			docs = append(docs, got...)
		}
	}
	metrics := api.NewMetrics()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	// As `serve` runs: with the read index, so that the corpus is asked
	// through it (the fixture tests of integration_test.go ask Neo4j).
	store, err := graph.Open(ctx, graph.Config{URI: uri, QueryTimeout: 30 * time.Second, ObserveQuery: metrics.ObserveQuery, ReadIndex: true})
	if err != nil {
		tb.Fatalf("graph.Open(%s): %v", uri, err)
	}
	tb.Cleanup(func() { _ = store.Close(context.Background()) })
	if err := store.EnsureSchema(ctx); err != nil {
		tb.Fatalf("EnsureSchema: %v", err)
	}
	if _, err := store.Load(ctx, docs); err != nil {
		tb.Fatalf("Load: %v", err)
	}
	if err := store.WaitReadIndex(ctx); err != nil {
		tb.Fatalf("WaitReadIndex: %v", err)
	}
	metrics.WatchReadIndex(store.ReadIndexStatus)
	srv := httptest.NewServer(api.New(store, api.Config{
		Token: writeToken, Logger: quietLogger(), Extractor: x, Metrics: metrics,
	}).Handler())
	tb.Cleanup(srv.Close)
	return srv.URL, docs
}

// TestIntegrationCorpus calls every endpoint over HTTP against the real
// database holding real documents, and validates every answer against the
// OpenAPI document (send and fetch do).
func TestIntegrationCorpus(t *testing.T) {
	base, docs := startCorpusAPI(t)
	auth := []string{"Authorization", "Bearer " + writeToken}
	v1 := base + "/api/v1"

	t.Run("operations", func(t *testing.T) {
		fetch[map[string]string](t, base+"/healthz", http.StatusOK)
		fetch[map[string]string](t, base+"/readyz", http.StatusOK)
		fetch[map[string]any](t, base+"/openapi.json", http.StatusOK)
		fetch[map[string]any](t, v1+"/openapi.json", http.StatusOK)
	})

	var khrushchev graph.EntitySummary
	t.Run("search and entity", func(t *testing.T) {
		found := fetch[list[graph.EntitySummary]](t, v1+"/entities?q=Khrushchev&type=person", http.StatusOK)
		if len(found.Items) == 0 {
			t.Fatal("no Khrushchev in the corpus")
		}
		khrushchev = found.Items[0]
		e := fetch[graph.EntityDetail](t, v1+"/entities/"+url.PathEscape(khrushchev.ID), http.StatusOK)
		if e.ID != khrushchev.ID || len(e.Docs) == 0 {
			t.Errorf("entity %s: %+v, want its documents", khrushchev.ID, e.EntitySummary)
		}
		fetch[list[graph.Neighbor]](t, v1+"/entities/"+khrushchev.ID+"/neighbors?rel=MET&from=1957-07&to=1965-12-31", http.StatusOK)
		fetch[errorBody](t, v1+"/entities/person%2Fnobody-at-all", http.StatusNotFound)
		fetch[errorBody](t, v1+"/entities?limit=1001", http.StatusBadRequest)
	})
	if khrushchev.ID == "" {
		t.Fatal("cannot go on without Khrushchev")
	}

	t.Run("meetings", func(t *testing.T) {
		got := fetch[list[graph.Meeting]](t, v1+"/meetings?person="+url.QueryEscape(khrushchev.ID), http.StatusOK)
		if len(got.Items) == 0 {
			t.Errorf("no meetings of %s", khrushchev.ID)
		}
		fetch[list[graph.Meeting]](t, v1+"/meetings?from=1958&to=1959", http.StatusOK)
	})

	t.Run("paths", func(t *testing.T) {
		got := fetch[struct {
			From  graph.EntitySummary `json:"from"`
			To    graph.EntitySummary `json:"to"`
			Items []graph.Path        `json:"items"`
		}](t, v1+"/paths?from=Khrushchev&to=Mao+Zedong&max_hops=3", http.StatusOK)
		if got.From.ID != khrushchev.ID || len(got.Items) == 0 {
			t.Errorf("paths from %s to %s: %d, want some from %s", got.From.ID, got.To.ID, len(got.Items), khrushchev.ID)
		}
		for _, p := range got.Items {
			if len(p.Nodes) != len(p.Steps)+1 {
				t.Errorf("path with %d nodes and %d steps", len(p.Nodes), len(p.Steps))
			}
		}
		fetch[errorBody](t, v1+"/paths?from=Khrushchev&to=Mao&max_hops=7", http.StatusBadRequest)
		fetch[errorBody](t, v1+"/paths?from=Khrushchev&to=Nobody+Whatsoever", http.StatusNotFound)
	})

	t.Run("subgraph", func(t *testing.T) {
		for _, tt := range []struct{ format, contentType string }{
			{"json", "application/json"},
			{"graphml", "application/graphml+xml"},
			{"gexf", "application/gexf+xml"},
			{"csv", "application/zip"},
			{"cypher", "text/plain; charset=utf-8"},
		} {
			t.Run(tt.format, func(t *testing.T) {
				resp, body := send(t, http.MethodGet, v1+"/subgraph?seed=Khrushchev&seed=Ho+Chi+Minh&depth=2&limit=200&format="+tt.format, "", nil)
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("status %d: %s", resp.StatusCode, body)
				}
				if ct := resp.Header.Get("Content-Type"); ct != tt.contentType {
					t.Errorf("Content-Type = %q, want %q", ct, tt.contentType)
				}
				if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment; filename=") {
					t.Errorf("Content-Disposition = %q", cd)
				}
				if len(body) == 0 {
					t.Error("empty export")
				}
			})
		}
		t.Run("filters", func(t *testing.T) {
			resp, body := send(t, http.MethodGet, v1+"/subgraph?seed="+url.QueryEscape(khrushchev.ID)+"&type=Person&rel=MET&from=1959&to=1959&min_weight=1", "", nil)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			if strings.Contains(string(body), `"State"`) {
				t.Errorf("type=Person export holds a State:\n%.500s", body)
			}
		})
		resp, body := send(t, http.MethodGet, v1+"/subgraph?seed=Khrushchev&depth=4", "", nil)
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("depth=4: status %d, want 400: %s", resp.StatusCode, body)
		}
	})

	t.Run("communities change over time", func(t *testing.T) {
		members := func(year string) []string {
			got := fetch[list[graph.Community]](t, v1+"/communities?from="+year+"&to="+year, http.StatusOK)
			var out []string
			for _, c := range got.Items {
				ids := ids(c.Members, func(e graph.EntitySummary) string { return e.ID })
				out = append(out, strings.Join(ids, ","))
			}
			return out
		}
		in1957, in1965 := members("1957"), members("1965")
		if len(in1965) == 0 {
			t.Errorf("no blocs in 1965")
		}
		if reflect.DeepEqual(in1957, in1965) {
			t.Errorf("the blocs of 1957 and 1965 are the same: %v", in1957)
		}
		fetch[list[graph.Community]](t, v1+"/communities?type=State,Party&limit=2", http.StatusOK)
	})

	t.Run("documents", func(t *testing.T) {
		all := fetch[list[graph.DocumentSummary]](t, v1+"/documents?limit=1000", http.StatusOK)
		if len(all.Items) != len(docs) {
			t.Errorf("%d documents listed, want %d", len(all.Items), len(docs))
		}
		fetch[list[graph.DocumentSummary]](t, v1+"/documents?q=Khrushchev&from=1957&to=1961-06", http.StatusOK)
		d := fetch[graph.DocumentDetail](t, v1+"/documents/"+url.PathEscape(docs[0].ID), http.StatusOK)
		if d.Text == "" || len(d.Annotations) == 0 {
			t.Errorf("document %s without text or annotations", docs[0].ID)
		}
		for _, a := range d.Annotations {
			if a.Start < 0 || a.End > len(d.Text) || a.Start >= a.End {
				t.Errorf("annotation %+v outside the text", a)
			}
		}
		fetch[errorBody](t, v1+"/documents/no-such-document", http.StatusNotFound)
	})

	t.Run("post, read, delete", func(t *testing.T) {
		before := fetch[graph.Stats](t, v1+"/stats", http.StatusOK)
		text := "Record of a conversation between A. N. Kosygin and Pham Van Dong, 8 February 1965.\n\n" +
			"On 8 February 1965 Comrade A. N. Kosygin received Comrade Pham Van Dong in Hanoi. " +
			"Kosygin said that the Soviet Union would help the DRV."
		body, _ := json.Marshal(map[string]string{"id": "posted-1965-02-08", "title": "Posted record", "date": "1965-02-08", "text": text})

		resp, got := send(t, http.MethodPost, v1+"/documents", "application/json", body, auth...)
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("first post: status %d, want 201: %s", resp.StatusCode, got)
		}
		after := fetch[graph.Stats](t, v1+"/stats", http.StatusOK)
		if after.Documents != before.Documents+1 {
			t.Errorf("documents after the post = %d, want %d", after.Documents, before.Documents+1)
		}
		d := fetch[graph.DocumentDetail](t, v1+"/documents/posted-1965-02-08", http.StatusOK)
		if d.Title != "Posted record" || d.Text != text || len(d.Annotations) == 0 {
			t.Errorf("posted document read back as %q with %d annotations", d.Title, len(d.Annotations))
		}

		resp, got = send(t, http.MethodPost, v1+"/documents", "application/json", body, auth...)
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(got), `"unchanged":1`) {
			t.Errorf("second post: status %d, want 200 and unchanged: %s", resp.StatusCode, got)
		}

		resp, got = send(t, http.MethodPost, v1+"/documents", "application/json", body)
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("post without token: status %d, want 401: %s", resp.StatusCode, got)
		}

		resp, got = send(t, http.MethodDelete, v1+"/documents/posted-1965-02-08", "", nil, auth...)
		if resp.StatusCode != http.StatusNoContent {
			t.Fatalf("delete: status %d, want 204: %s", resp.StatusCode, got)
		}
		fetch[errorBody](t, v1+"/documents/posted-1965-02-08", http.StatusNotFound)
		if final := fetch[graph.Stats](t, v1+"/stats", http.StatusOK); !reflect.DeepEqual(final, before) {
			t.Errorf("stats after post and delete = %+v, want as before %+v", final, before)
		}
		resp, got = send(t, http.MethodDelete, v1+"/documents/posted-1965-02-08", "", nil, auth...)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("second delete: status %d, want 404: %s", resp.StatusCode, got)
		}
	})

	t.Run("metrics", func(t *testing.T) {
		resp, body := send(t, http.MethodGet, base+"/metrics", "", nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d", resp.StatusCode)
		}
		for _, want := range []string{
			`route="/api/v1/entities/*path"`,
			`route="/api/v1/subgraph"`,
			fmt.Sprintf(`archivegraph_neo4j_query_duration_seconds_count{op=%q,outcome="ok"}`, "load"),
		} {
			if !strings.Contains(string(body), want) {
				t.Errorf("metrics lack %s", want)
			}
		}
		// The corpus was asked through the read index, as `serve` asks it.
		if !regexp.MustCompile(`(?m)^archivegraph_read_index_answered_total [1-9]`).Match(body) {
			t.Errorf("metrics show no question answered from the read index:\n%s", body)
		}
	})
}
