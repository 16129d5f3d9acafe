package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/archivegraph/archivegraph/api"
	"github.com/archivegraph/archivegraph/extractor"
	"github.com/archivegraph/archivegraph/graph"
)

// fakeGraph is an api.Graph whose methods are set per test. A method left
// nil fails loudly (a 500), so a test also proves which calls are made.
type fakeGraph struct {
	ping           func(ctx context.Context) error
	searchEntities func(ctx context.Context, q, typ string, limit, offset int) ([]graph.EntitySummary, error)
	entity         func(ctx context.Context, id string) (graph.EntityDetail, error)
	neighbors      func(ctx context.Context, id string, f graph.NeighborFilter) ([]graph.Neighbor, error)
	meetings       func(ctx context.Context, f graph.MeetingFilter) ([]graph.Meeting, error)
	stats          func(ctx context.Context) (graph.Stats, error)
	resolveEntity  func(ctx context.Context, ref string) (graph.EntitySummary, error)
	paths          func(ctx context.Context, q graph.PathQuery) ([]graph.Path, error)
	subgraph       func(ctx context.Context, q graph.SubgraphQuery, sink graph.SubgraphSink) error
	communities    func(ctx context.Context, q graph.CommunityQuery) ([]graph.Community, error)
	documents      func(ctx context.Context, f graph.DocumentFilter) ([]graph.DocumentSummary, error)
	document       func(ctx context.Context, id string) (graph.DocumentDetail, error)
	load           func(ctx context.Context, docs []extractor.Document) (graph.LoadResult, error)
	deleteDocument func(ctx context.Context, id string) error
}

var errUnexpectedCall = errors.New("fakeGraph: unexpected call")

func (g *fakeGraph) Ping(ctx context.Context) error {
	if g.ping == nil {
		return errUnexpectedCall
	}
	return g.ping(ctx)
}

func (g *fakeGraph) SearchEntities(ctx context.Context, q, typ string, limit, offset int) ([]graph.EntitySummary, error) {
	if g.searchEntities == nil {
		return nil, errUnexpectedCall
	}
	return g.searchEntities(ctx, q, typ, limit, offset)
}

func (g *fakeGraph) Entity(ctx context.Context, id string) (graph.EntityDetail, error) {
	if g.entity == nil {
		return graph.EntityDetail{}, errUnexpectedCall
	}
	return g.entity(ctx, id)
}

func (g *fakeGraph) Neighbors(ctx context.Context, id string, f graph.NeighborFilter) ([]graph.Neighbor, error) {
	if g.neighbors == nil {
		return nil, errUnexpectedCall
	}
	return g.neighbors(ctx, id, f)
}

func (g *fakeGraph) Meetings(ctx context.Context, f graph.MeetingFilter) ([]graph.Meeting, error) {
	if g.meetings == nil {
		return nil, errUnexpectedCall
	}
	return g.meetings(ctx, f)
}

func (g *fakeGraph) Stats(ctx context.Context) (graph.Stats, error) {
	if g.stats == nil {
		return graph.Stats{}, errUnexpectedCall
	}
	return g.stats(ctx)
}

func (g *fakeGraph) ResolveEntity(ctx context.Context, ref string) (graph.EntitySummary, error) {
	if g.resolveEntity == nil {
		return graph.EntitySummary{}, errUnexpectedCall
	}
	return g.resolveEntity(ctx, ref)
}

func (g *fakeGraph) Paths(ctx context.Context, q graph.PathQuery) ([]graph.Path, error) {
	if g.paths == nil {
		return nil, errUnexpectedCall
	}
	return g.paths(ctx, q)
}

func (g *fakeGraph) Subgraph(ctx context.Context, q graph.SubgraphQuery, sink graph.SubgraphSink) error {
	if g.subgraph == nil {
		return errUnexpectedCall
	}
	return g.subgraph(ctx, q, sink)
}

func (g *fakeGraph) Communities(ctx context.Context, q graph.CommunityQuery) ([]graph.Community, error) {
	if g.communities == nil {
		return nil, errUnexpectedCall
	}
	return g.communities(ctx, q)
}

func (g *fakeGraph) Documents(ctx context.Context, f graph.DocumentFilter) ([]graph.DocumentSummary, error) {
	if g.documents == nil {
		return nil, errUnexpectedCall
	}
	return g.documents(ctx, f)
}

func (g *fakeGraph) Document(ctx context.Context, id string) (graph.DocumentDetail, error) {
	if g.document == nil {
		return graph.DocumentDetail{}, errUnexpectedCall
	}
	return g.document(ctx, id)
}

func (g *fakeGraph) Load(ctx context.Context, docs []extractor.Document) (graph.LoadResult, error) {
	if g.load == nil {
		return graph.LoadResult{}, errUnexpectedCall
	}
	return g.load(ctx, docs)
}

func (g *fakeGraph) DeleteDocument(ctx context.Context, id string) error {
	if g.deleteDocument == nil {
		return errUnexpectedCall
	}
	return g.deleteDocument(ctx, id)
}

var (
	khrushchev = graph.EntitySummary{ID: "person/nikita-khrushchev", Name: "Nikita Khrushchev", Type: "Person",
		Aliases: []string{"N.S. Khrushchev"}, Mentions: 7, Documents: 2}
	hoChiMinh = graph.EntitySummary{ID: "person/ho-chi-minh", Name: "Ho Chi Minh", Type: "Person",
		Aliases: []string{"Ho"}, Mentions: 5, Documents: 2}
)

// quietLogger discards everything; tests that look at logs use logTo.
func quietLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

// get sends one GET request to a server over g and returns the response.
func get(tb testing.TB, g api.Graph, cfg api.Config, target string, header ...string) *httptest.ResponseRecorder {
	tb.Helper()
	return do(tb, g, cfg, http.MethodGet, target, header...)
}

// do sends one request; header lists name, value pairs.
func do(tb testing.TB, g api.Graph, cfg api.Config, method, target string, header ...string) *httptest.ResponseRecorder {
	tb.Helper()
	if cfg.Logger == nil {
		cfg.Logger = quietLogger()
	}
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	api.New(g, cfg).Handler().ServeHTTP(rec, req)
	return rec
}

// decode parses a JSON response body into a value of type T.
func decode[T any](tb testing.TB, rec *httptest.ResponseRecorder) T {
	tb.Helper()
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		tb.Fatalf("Content-Type = %q, want application/json; body: %s", ct, rec.Body)
	}
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		tb.Fatalf("decode %s: %v", rec.Body, err)
	}
	return v
}

type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

type list[T any] struct {
	Items  []T `json:"items"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

// wantError checks that rec is a JSON error with the given status and code,
// and returns its message.
func wantError(tb testing.TB, rec *httptest.ResponseRecorder, status int, code string) string {
	tb.Helper()
	if rec.Code != status {
		tb.Fatalf("status = %d, want %d; body: %s", rec.Code, status, rec.Body)
	}
	body := decode[errorBody](tb, rec)
	if body.Error.Code != code {
		tb.Errorf("error code = %q, want %q; body: %s", body.Error.Code, code, rec.Body)
	}
	if body.Error.Message == "" {
		tb.Errorf("error message is empty; body: %s", rec.Body)
	}
	return body.Error.Message
}

func wantStatus(tb testing.TB, rec *httptest.ResponseRecorder, status int) {
	tb.Helper()
	if rec.Code != status {
		tb.Fatalf("status = %d, want %d; body: %s", rec.Code, status, rec.Body)
	}
}

func TestHealthz(t *testing.T) {
	// No fake method is set: liveness must not touch the database.
	rec := get(t, &fakeGraph{}, api.Config{}, "/healthz")
	wantStatus(t, rec, http.StatusOK)
	if got := decode[map[string]string](t, rec); got["status"] != "ok" {
		t.Errorf("body = %v, want status ok", got)
	}
}

func TestReadyz(t *testing.T) {
	tests := []struct {
		name    string
		pingErr error
		status  int
	}{
		{"reachable", nil, http.StatusOK},
		{"unavailable", fmt.Errorf("ping: %w", graph.ErrUnavailable), http.StatusServiceUnavailable},
		{"any other failure", errors.New("neo4j: authentication failure"), http.StatusServiceUnavailable},
		{"timed out", context.DeadlineExceeded, http.StatusServiceUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &fakeGraph{ping: func(context.Context) error { return tt.pingErr }}
			rec := get(t, g, api.Config{}, "/readyz")
			if tt.status == http.StatusOK {
				wantStatus(t, rec, http.StatusOK)
				if got := decode[map[string]string](t, rec); got["status"] != "ok" {
					t.Errorf("body = %v, want status ok", got)
				}
				return
			}
			msg := wantError(t, rec, tt.status, "unavailable")
			if strings.Contains(msg, "authentication") {
				t.Errorf("message %q leaks the underlying error", msg)
			}
		})
	}
}

func TestSearchEntities(t *testing.T) {
	tests := []struct {
		name                  string
		target                string
		wantQ, wantType       string
		wantLimit, wantOffset int
	}{
		{"defaults", "/api/v1/entities?q=Khrushchev", "Khrushchev", "", 20, 0},
		{"empty parameters count as absent", "/api/v1/entities?q=Khrushchev&type=&limit=&offset=", "Khrushchev", "", 20, 0},
		{"type is canonicalised", "/api/v1/entities?q=khru&type=pErSoN", "khru", "Person", 20, 0},
		{"paging", "/api/v1/entities?q=Ho&limit=5&offset=10", "Ho", "", 5, 10},
		{"largest page", "/api/v1/entities?q=Ho&limit=1000", "Ho", "", 1000, 0},
		{"browse without a query", "/api/v1/entities?type=State", "", "State", 20, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &fakeGraph{searchEntities: func(_ context.Context, q, typ string, limit, offset int) ([]graph.EntitySummary, error) {
				if q != tt.wantQ || typ != tt.wantType || limit != tt.wantLimit || offset != tt.wantOffset {
					t.Errorf("SearchEntities(%q, %q, %d, %d), want (%q, %q, %d, %d)",
						q, typ, limit, offset, tt.wantQ, tt.wantType, tt.wantLimit, tt.wantOffset)
				}
				return []graph.EntitySummary{khrushchev}, nil
			}}
			rec := get(t, g, api.Config{}, tt.target)
			wantStatus(t, rec, http.StatusOK)
			got := decode[list[graph.EntitySummary]](t, rec)
			want := list[graph.EntitySummary]{Items: []graph.EntitySummary{khrushchev}, Limit: tt.wantLimit, Offset: tt.wantOffset}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("body = %+v, want %+v", got, want)
			}
		})
	}

	t.Run("no results is an empty list, not null", func(t *testing.T) {
		g := &fakeGraph{searchEntities: func(context.Context, string, string, int, int) ([]graph.EntitySummary, error) {
			return nil, nil
		}}
		rec := get(t, g, api.Config{}, "/api/v1/entities?q=nobody")
		wantStatus(t, rec, http.StatusOK)
		if !strings.Contains(rec.Body.String(), `"items":[]`) {
			t.Errorf("body = %s, want \"items\":[]", rec.Body)
		}
	})
}

func TestEntity(t *testing.T) {
	detail := graph.EntityDetail{
		EntitySummary: hoChiMinh,
		Neighbors:     []graph.Neighbor{{Entity: khrushchev, Relation: "MET", Weight: 1}},
		Docs: []graph.DocumentMention{{
			DocumentRef: graph.DocumentRef{ID: "doc-1957", Title: "Record of a conversation", Date: "1957-07-17"},
			Count:       3,
		}},
	}
	tests := []struct {
		name   string
		target string
		wantID string
	}{
		{"escaped slash", "/api/v1/entities/person%2Fho-chi-minh", "person/ho-chi-minh"},
		{"lower-case escape", "/api/v1/entities/person%2fho-chi-minh", "person/ho-chi-minh"},
		{"raw slash", "/api/v1/entities/person/ho-chi-minh", "person/ho-chi-minh"},
		{"escaped characters in the name", "/api/v1/entities/person/l%C3%AA-du%E1%BA%A9n", "person/lê-duẩn"},
		{"escaped slash keeps a final neighbors in the id", "/api/v1/entities/person%2Fneighbors", "person/neighbors"},
		{"id without a slash", "/api/v1/entities/khrushchev", "khrushchev"},
		{"escaped letter in the route itself", "/api/v1/%65ntities/person/ho-chi-minh", "person/ho-chi-minh"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &fakeGraph{entity: func(_ context.Context, id string) (graph.EntityDetail, error) {
				if id != tt.wantID {
					t.Errorf("Entity(%q), want Entity(%q)", id, tt.wantID)
				}
				return detail, nil
			}}
			rec := get(t, g, api.Config{}, tt.target)
			wantStatus(t, rec, http.StatusOK)
			if got := decode[graph.EntityDetail](t, rec); !reflect.DeepEqual(got, detail) {
				t.Errorf("body = %+v, want %+v", got, detail)
			}
		})
	}

	t.Run("lists are never null", func(t *testing.T) {
		g := &fakeGraph{entity: func(context.Context, string) (graph.EntityDetail, error) {
			return graph.EntityDetail{EntitySummary: graph.EntitySummary{ID: "place/hanoi", Name: "Hanoi", Type: "Place"}}, nil
		}}
		rec := get(t, g, api.Config{}, "/api/v1/entities/place/hanoi")
		wantStatus(t, rec, http.StatusOK)
		for _, field := range []string{`"aliases":[]`, `"neighbors":[]`, `"documents":[]`} {
			if !strings.Contains(rec.Body.String(), field) {
				t.Errorf("body = %s, want %s", rec.Body, field)
			}
		}
	})

	t.Run("unknown id", func(t *testing.T) {
		g := &fakeGraph{entity: func(_ context.Context, id string) (graph.EntityDetail, error) {
			return graph.EntityDetail{}, fmt.Errorf("entity %s: %w", id, graph.ErrNotFound)
		}}
		rec := get(t, g, api.Config{}, "/api/v1/entities/person/nobody")
		msg := wantError(t, rec, http.StatusNotFound, "not_found")
		if want := `no entity with id "person/nobody"`; msg != want {
			t.Errorf("message = %q, want %q", msg, want)
		}
	})

	t.Run("no id", func(t *testing.T) {
		wantError(t, get(t, &fakeGraph{}, api.Config{}, "/api/v1/entities/"), http.StatusNotFound, "not_found")
	})
}

func TestNeighbors(t *testing.T) {
	neighbor := graph.Neighbor{
		Entity:   khrushchev,
		Relation: "MET",
		Weight:   2,
		Evidence: []graph.Evidence{{DocumentID: "doc-1957", Date: "1957-07-17", Sentence: "They met.", Start: 10, End: 19}},
	}
	tests := []struct {
		name   string
		target string
		want   graph.NeighborFilter
	}{
		{"defaults", "/api/v1/entities/person/ho-chi-minh/neighbors",
			graph.NeighborFilter{Limit: 100}},
		{"escaped id", "/api/v1/entities/person%2Fho-chi-minh/neighbors",
			graph.NeighborFilter{Limit: 100}},
		{"every filter", "/api/v1/entities/person/ho-chi-minh/neighbors?rel=met&type=PERSON&from=1957&to=1965&min_weight=2&limit=7",
			graph.NeighborFilter{Relation: "MET", Type: "Person", Period: graph.Period{From: "1957", To: "1965"}, MinWeight: 2, Limit: 7}},
		{"dates are kept exact", "/api/v1/entities/person/ho-chi-minh/neighbors?from=1957-07-17&to=1957-12",
			graph.NeighborFilter{Period: graph.Period{From: "1957-07-17", To: "1957-12"}, Limit: 100}},
		{"a month and its own year", "/api/v1/entities/person/ho-chi-minh/neighbors?from=1957-07&to=1957",
			graph.NeighborFilter{Period: graph.Period{From: "1957-07", To: "1957"}, Limit: 100}},
		{"co-mentioned in any case", "/api/v1/entities/person/ho-chi-minh/neighbors?rel=co_mentioned&min_weight=0",
			graph.NeighborFilter{Relation: "CO_MENTIONED", Limit: 100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &fakeGraph{neighbors: func(_ context.Context, id string, f graph.NeighborFilter) ([]graph.Neighbor, error) {
				if id != "person/ho-chi-minh" || f != tt.want {
					t.Errorf("Neighbors(%q, %+v), want (%q, %+v)", id, f, "person/ho-chi-minh", tt.want)
				}
				return []graph.Neighbor{neighbor}, nil
			}}
			rec := get(t, g, api.Config{}, tt.target)
			wantStatus(t, rec, http.StatusOK)
			got := decode[list[graph.Neighbor]](t, rec)
			want := list[graph.Neighbor]{Items: []graph.Neighbor{neighbor}, Limit: tt.want.Limit, Offset: 0}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("body = %+v, want %+v", got, want)
			}
		})
	}

	t.Run("unknown id", func(t *testing.T) {
		g := &fakeGraph{neighbors: func(context.Context, string, graph.NeighborFilter) ([]graph.Neighbor, error) {
			return nil, graph.ErrNotFound
		}}
		rec := get(t, g, api.Config{}, "/api/v1/entities/person/nobody/neighbors")
		msg := wantError(t, rec, http.StatusNotFound, "not_found")
		if want := `no entity with id "person/nobody"`; msg != want {
			t.Errorf("message = %q, want %q", msg, want)
		}
	})
}

func TestMeetings(t *testing.T) {
	meeting := graph.Meeting{
		Person:   khrushchev,
		With:     hoChiMinh,
		Date:     "1957-07-17",
		Document: graph.DocumentRef{ID: "doc-1957", Title: "Record of a conversation", Date: "1957-07-17"},
		Evidence: "Khrushchev received Ho Chi Minh.",
		Start:    120,
		End:      152,
	}
	tests := []struct {
		name   string
		target string
		want   graph.MeetingFilter
	}{
		{"defaults", "/api/v1/meetings", graph.MeetingFilter{Limit: 100}},
		{"every filter", "/api/v1/meetings?person=Khrushchev&with=Ho+Chi+Minh&from=1950&to=1957-07-17&limit=10&offset=30",
			graph.MeetingFilter{Person: "Khrushchev", With: "Ho Chi Minh", Period: graph.Period{From: "1950", To: "1957-07-17"}, Limit: 10, Offset: 30}},
		{"names are trimmed", "/api/v1/meetings?person=+Khrushchev+", graph.MeetingFilter{Person: "Khrushchev", Limit: 100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &fakeGraph{meetings: func(_ context.Context, f graph.MeetingFilter) ([]graph.Meeting, error) {
				if f != tt.want {
					t.Errorf("Meetings(%+v), want Meetings(%+v)", f, tt.want)
				}
				return []graph.Meeting{meeting}, nil
			}}
			rec := get(t, g, api.Config{}, tt.target)
			wantStatus(t, rec, http.StatusOK)
			got := decode[list[graph.Meeting]](t, rec)
			want := list[graph.Meeting]{Items: []graph.Meeting{meeting}, Limit: tt.want.Limit, Offset: tt.want.Offset}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("body = %+v, want %+v", got, want)
			}
		})
	}
}

func TestStats(t *testing.T) {
	stats := graph.Stats{
		Documents:       2,
		Entities:        4,
		EntitiesByType:  map[string]int{"Person": 3, "State": 1},
		Relations:       5,
		RelationsByType: map[string]int{"MET": 2, "CO_MENTIONED": 3},
	}
	g := &fakeGraph{stats: func(context.Context) (graph.Stats, error) { return stats, nil }}
	rec := get(t, g, api.Config{}, "/api/v1/stats")
	wantStatus(t, rec, http.StatusOK)
	if got := decode[graph.Stats](t, rec); !reflect.DeepEqual(got, stats) {
		t.Errorf("body = %+v, want %+v", got, stats)
	}

	t.Run("empty database", func(t *testing.T) {
		g := &fakeGraph{stats: func(context.Context) (graph.Stats, error) { return graph.Stats{}, nil }}
		rec := get(t, g, api.Config{}, "/api/v1/stats")
		wantStatus(t, rec, http.StatusOK)
		for _, field := range []string{`"entities_by_type":{}`, `"relations_by_type":{}`} {
			if !strings.Contains(rec.Body.String(), field) {
				t.Errorf("body = %s, want %s", rec.Body, field)
			}
		}
	})
}

// TestBadParameters checks that every unusable parameter is refused before
// the database is asked (the fake has no methods), with a message that
// names it.
func TestBadParameters(t *testing.T) {
	long := strings.Repeat("x", 201)
	const neighbors = "/api/v1/entities/person/ho-chi-minh/neighbors"
	tests := []struct {
		name    string
		target  string
		message string // exact when it has no "…", else a prefix
	}{
		{"search limit zero", "/api/v1/entities?q=Ho&limit=0", "limit must be an integer between 1 and 1000"},
		{"search limit too large", "/api/v1/entities?q=Ho&limit=1001", "limit must be an integer between 1 and 1000"},
		{"search limit not a number", "/api/v1/entities?q=Ho&limit=ten", "limit must be an integer between 1 and 1000"},
		{"search limit negative", "/api/v1/entities?q=Ho&limit=-5", "limit must be an integer between 1 and 1000"},
		{"search offset negative", "/api/v1/entities?q=Ho&offset=-1", "offset must be a non-negative integer"},
		{"search offset not a number", "/api/v1/entities?q=Ho&offset=1e3", "offset must be a non-negative integer"},
		{"search unknown type", "/api/v1/entities?q=Ho&type=Dragon", "type must be one of Person, Party, State, Organization, Place"},
		{"search query too long", "/api/v1/entities?q=" + long, "q must be at most 200 characters"},
		{"search query not UTF-8", "/api/v1/entities?q=%ff", "q must be valid UTF-8"},
		{"neighbors unknown relation", neighbors + "?rel=FRIENDS", "rel must be one of CO_MENTIONED, MET, MEMBER_OF, HOLDS_OFFICE, SUPPORTS, OPPOSES"},
		{"neighbors unknown type", neighbors + "?type=people", "type must be one of Person, Party, State, Organization, Place"},
		{"neighbors two-digit year", neighbors + "?from=57", "from must be a year (1957) or an ISO date (1957-07 or 1957-07-17)"},
		{"neighbors impossible month", neighbors + "?from=1957-13", "from must be a year (1957) or an ISO date (1957-07 or 1957-07-17)"},
		{"neighbors impossible day", neighbors + "?to=1957-02-30", "to must be a year (1957) or an ISO date (1957-07 or 1957-07-17)"},
		{"neighbors US date", neighbors + "?to=07/17/1957", "to must be a year (1957) or an ISO date (1957-07 or 1957-07-17)"},
		{"neighbors from after to", neighbors + "?from=1965&to=1957-07-17", "from (1965) must not be after to (1957-07-17)"},
		{"neighbors negative weight", neighbors + "?min_weight=-1", "min_weight must be a non-negative integer"},
		{"neighbors fractional weight", neighbors + "?min_weight=1.5", "min_weight must be a non-negative integer"},
		{"neighbors limit too large", neighbors + "?limit=5000", "limit must be an integer between 1 and 1000"},
		{"meetings bad from", "/api/v1/meetings?person=Ho&from=last+year", "from must be a year (1957) or an ISO date (1957-07 or 1957-07-17)"},
		{"meetings year zero", "/api/v1/meetings?to=0000", "to must be a year after 0"},
		{"meetings from after to", "/api/v1/meetings?from=1970&to=1960", "from (1970) must not be after to (1960)"},
		{"meetings offset negative", "/api/v1/meetings?offset=-20", "offset must be a non-negative integer"},
		{"meetings limit zero", "/api/v1/meetings?limit=0", "limit must be an integer between 1 and 1000"},
		{"meetings person too long", "/api/v1/meetings?person=" + long, "person must be at most 200 characters"},
		{"meetings with too long", "/api/v1/meetings?with=" + long, "with must be at most 200 characters"},
		{"entity id too long", "/api/v1/entities/person/" + strings.Repeat("a", 600), "id must be at most 512 bytes"},
		{"paths without from", "/api/v1/paths?to=Ho", "from is required"},
		{"paths without to", "/api/v1/paths?from=Ho", "to is required"},
		{"paths too many hops", "/api/v1/paths?from=Ho&to=Le&max_hops=7", "max_hops must be an integer between 1 and 6"},
		{"paths no hops", "/api/v1/paths?from=Ho&to=Le&max_hops=0", "max_hops must be an integer between 1 and 6"},
		{"paths unknown relation", "/api/v1/paths?from=Ho&to=Le&rel=MET,LOVES", "rel must be a comma-separated list of CO_MENTIONED, MET, MEMBER_OF, HOLDS_OFFICE, SUPPORTS, OPPOSES"},
		{"paths too many", "/api/v1/paths?from=Ho&to=Le&limit=51", "limit must be an integer between 1 and 50"},
		{"subgraph without seed", "/api/v1/subgraph?depth=2", "seed is required: give an entity id or name, and repeat seed for more"},
		{"subgraph too deep", "/api/v1/subgraph?seed=Ho&depth=4", "depth must be an integer between 1 and 3"},
		{"subgraph depth zero", "/api/v1/subgraph?seed=Ho&depth=0", "depth must be an integer between 1 and 3"},
		{"subgraph too large", "/api/v1/subgraph?seed=Ho&limit=20001", "limit must be an integer between 1 and 20000"},
		{"subgraph unknown format", "/api/v1/subgraph?seed=Ho&format=pdf", "format must be one of json, graphml, gexf, csv, cypher"},
		{"subgraph unknown type", "/api/v1/subgraph?seed=Ho&type=Person,Dragon", "type must be a comma-separated list of Person, Party, State, Organization, Place"},
		{"subgraph negative weight", "/api/v1/subgraph?seed=Ho&min_weight=-1", "min_weight must be a non-negative integer"},
		{"subgraph bad period", "/api/v1/subgraph?seed=Ho&from=1965-02&to=1965-01-31", "from (1965-02) must not be after to (1965-01-31)"},
		{"subgraph too many seeds", "/api/v1/subgraph?" + strings.Repeat("seed=Ho&", 101), "seed may be given at most 100 times"},
		{"communities unknown type", "/api/v1/communities?type=Nation", "type must be a comma-separated list of Person, Party, State, Organization, Place"},
		{"communities bad to", "/api/v1/communities?to=1957-00", "to must be a year (1957) or an ISO date (1957-07 or 1957-07-17)"},
		{"communities limit too large", "/api/v1/communities?limit=1001", "limit must be an integer between 1 and 1000"},
		{"documents limit too large", "/api/v1/documents?limit=1001", "limit must be an integer between 1 and 1000"},
		{"documents offset negative", "/api/v1/documents?offset=-1", "offset must be a non-negative integer"},
		{"documents query too long", "/api/v1/documents?q=" + long, "q must be at most 200 characters"},
		{"documents from after to", "/api/v1/documents?from=1958&to=1957", "from (1958) must not be after to (1957)"},
		{"document id too long", "/api/v1/documents/" + strings.Repeat("a", 600), "id must be at most 512 bytes"},
		{"first problem wins", "/api/v1/entities?type=x&limit=0", "type must be one of Person, Party, State, Organization, Place"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, &fakeGraph{}, api.Config{}, tt.target)
			if msg := wantError(t, rec, http.StatusBadRequest, "bad_request"); msg != tt.message {
				t.Errorf("message = %q, want %q", msg, tt.message)
			}
		})
	}
}

// TestGraphErrors checks the mapping from the graph's errors to statuses,
// and that users never read a Go error string.
func TestGraphErrors(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		status int
		code   string
	}{
		{"unavailable", fmt.Errorf("stats: %w", graph.ErrUnavailable), http.StatusServiceUnavailable, "unavailable"},
		{"deadline", fmt.Errorf("stats: %w", context.DeadlineExceeded), http.StatusGatewayTimeout, "timeout"},
		{"deadline beats unavailable", fmt.Errorf("%w: %w", graph.ErrUnavailable, context.DeadlineExceeded), http.StatusGatewayTimeout, "timeout"},
		{"query timeout", fmt.Errorf("stats: %w: %w", graph.ErrTimeout, errors.New("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration")), http.StatusGatewayTimeout, "timeout"},
		{"query timeout beats unavailable", fmt.Errorf("%w: %w", graph.ErrTimeout, graph.ErrUnavailable), http.StatusGatewayTimeout, "timeout"},
		{"not found", fmt.Errorf("stats: %w", graph.ErrNotFound), http.StatusNotFound, "not_found"},
		{"anything else", errors.New("neo4j: Neo.ClientError.Statement.SyntaxError secret detail"), http.StatusInternalServerError, "internal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &fakeGraph{stats: func(context.Context) (graph.Stats, error) { return graph.Stats{}, tt.err }}
			rec := get(t, g, api.Config{}, "/api/v1/stats")
			msg := wantError(t, rec, tt.status, tt.code)
			if strings.Contains(msg, "stats") || strings.Contains(msg, "graph:") || strings.Contains(msg, "neo4j") {
				t.Errorf("message %q shows an internal error", msg)
			}
		})
	}
}

func TestRequestTimeout(t *testing.T) {
	// The graph gives up with an error that does not say why; the API still
	// knows the request's deadline passed.
	g := &fakeGraph{stats: func(ctx context.Context) (graph.Stats, error) {
		<-ctx.Done()
		return graph.Stats{}, errors.New("query interrupted")
	}}
	rec := get(t, g, api.Config{RequestTimeout: 10 * time.Millisecond}, "/api/v1/stats")
	wantError(t, rec, http.StatusGatewayTimeout, "timeout")
}

func TestPanicRecovery(t *testing.T) {
	var logs bytes.Buffer
	g := &fakeGraph{stats: func(context.Context) (graph.Stats, error) { panic("boom") }}
	rec := get(t, g, api.Config{Logger: logTo(&logs)}, "/api/v1/stats")
	if msg := wantError(t, rec, http.StatusInternalServerError, "internal"); msg != "internal error" {
		t.Errorf("message = %q, want %q", msg, "internal error")
	}
	if !strings.Contains(logs.String(), "boom") {
		t.Errorf("logs do not show the panic:\n%s", logs.String())
	}
}

func TestUnknownRoutes(t *testing.T) {
	tests := []struct {
		name   string
		method string
		target string
		status int
		code   string
	}{
		{"unknown path", http.MethodGet, "/api/v1/nothing-here", http.StatusNotFound, "not_found"},
		{"outside the API", http.MethodGet, "/wp-login.php", http.StatusNotFound, "not_found"},
		{"unknown version", http.MethodGet, "/api/v2/stats", http.StatusNotFound, "not_found"},
		{"wrong method", http.MethodPost, "/api/v1/stats", http.StatusMethodNotAllowed, "method_not_allowed"},
		{"wrong method on entities", http.MethodDelete, "/api/v1/entities/person/ho-chi-minh", http.StatusMethodNotAllowed, "method_not_allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, &fakeGraph{}, api.Config{}, tt.method, tt.target)
			wantError(t, rec, tt.status, tt.code)
			if tt.status == http.StatusMethodNotAllowed && rec.Header().Get("Allow") == "" {
				t.Errorf("405 without an Allow header")
			}
		})
	}
}

func TestAuthorization(t *testing.T) {
	const token = "s3cret-token"
	ok := &fakeGraph{
		ping:  func(context.Context) error { return nil },
		stats: func(context.Context) (graph.Stats, error) { return graph.Stats{}, nil },
	}
	locked := api.Config{Token: token, RequireTokenForReads: true}
	tests := []struct {
		name   string
		cfg    api.Config
		target string
		auth   string // Authorization header, none when empty
		status int
	}{
		{"reads open without RequireTokenForReads", api.Config{Token: token}, "/api/v1/stats", "", http.StatusOK},
		{"reads open with no token at all", api.Config{}, "/api/v1/stats", "", http.StatusOK},
		{"right token", locked, "/api/v1/stats", "Bearer " + token, http.StatusOK},
		{"scheme in any case", locked, "/api/v1/stats", "bearer " + token, http.StatusOK},
		{"missing header", locked, "/api/v1/stats", "", http.StatusUnauthorized},
		{"wrong token", locked, "/api/v1/stats", "Bearer nope", http.StatusUnauthorized},
		{"token prefix", locked, "/api/v1/stats", "Bearer " + token[:4], http.StatusUnauthorized},
		{"token with extra", locked, "/api/v1/stats", "Bearer " + token + "x", http.StatusUnauthorized},
		{"other scheme", locked, "/api/v1/stats", "Basic " + token, http.StatusUnauthorized},
		{"scheme without token", locked, "/api/v1/stats", "Bearer ", http.StatusUnauthorized},
		{"bare token", locked, "/api/v1/stats", token, http.StatusUnauthorized},
		{"entities need it too", locked, "/api/v1/entities/person/ho-chi-minh", "", http.StatusUnauthorized},
		{"healthz never needs it", locked, "/healthz", "", http.StatusOK},
		{"readyz never needs it", locked, "/readyz", "", http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var header []string
			if tt.auth != "" {
				header = []string{"Authorization", tt.auth}
			}
			rec := get(t, ok, tt.cfg, tt.target, header...)
			if tt.status == http.StatusOK {
				wantStatus(t, rec, http.StatusOK)
				return
			}
			msg := wantError(t, rec, tt.status, "unauthorized")
			if strings.Contains(msg, token) {
				t.Errorf("message %q reveals the token", msg)
			}
			if rec.Header().Get("WWW-Authenticate") == "" {
				t.Errorf("401 without a WWW-Authenticate header")
			}
		})
	}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name    string
		cfg     api.Config
		wantErr bool
	}{
		{"zero value", api.Config{}, false},
		{"token for writes only", api.Config{Token: "t"}, false},
		{"token for reads", api.Config{Token: "t", RequireTokenForReads: true}, false},
		{"reads locked without a token", api.Config{RequireTokenForReads: true}, true},
		{"negative timeout", api.Config{RequestTimeout: -time.Second}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.cfg.Validate(); (err != nil) != tt.wantErr {
				t.Errorf("Validate() = %v, want error: %v", err, tt.wantErr)
			}
		})
	}

	t.Run("New refuses what Validate rejects", func(t *testing.T) {
		defer func() {
			if recover() == nil {
				t.Error("New did not panic on RequireTokenForReads without a Token")
			}
		}()
		api.New(&fakeGraph{}, api.Config{RequireTokenForReads: true})
	})
}

// TestLogging checks the access log's fields and that only server failures
// are logged as errors.
func TestLogging(t *testing.T) {
	tests := []struct {
		name      string
		target    string
		g         *fakeGraph
		status    int
		wantError bool
	}{
		{"success", "/api/v1/stats", &fakeGraph{stats: func(context.Context) (graph.Stats, error) { return graph.Stats{}, nil }}, 200, false},
		{"bad parameter", "/api/v1/entities?limit=0", &fakeGraph{}, 400, false},
		{"not found", "/api/v1/nothing", &fakeGraph{}, 404, false},
		{"server failure", "/api/v1/stats", &fakeGraph{}, 500, true},
		{"database down", "/api/v1/stats", &fakeGraph{stats: func(context.Context) (graph.Stats, error) {
			return graph.Stats{}, graph.ErrUnavailable
		}}, 503, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			rec := get(t, tt.g, api.Config{Logger: logTo(&logs)}, tt.target)
			wantStatus(t, rec, tt.status)

			var access, failures int
			for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
				var entry map[string]any
				if err := json.Unmarshal([]byte(line), &entry); err != nil {
					t.Fatalf("log line %q: %v", line, err)
				}
				switch entry["msg"] {
				case "request":
					access++
					path, _, _ := strings.Cut(tt.target, "?")
					if entry["method"] != "GET" || entry["path"] != path || entry["status"] != float64(tt.status) || entry["duration"] == nil {
						t.Errorf("access log %v, want method GET, path %s, status %d and a duration", entry, path, tt.status)
					}
				case "request failed":
					failures++
				}
			}
			if access != 1 {
				t.Errorf("%d access log lines, want 1:\n%s", access, logs.String())
			}
			if got := failures > 0; got != tt.wantError {
				t.Errorf("failure logged: %v, want %v:\n%s", got, tt.wantError, logs.String())
			}
		})
	}
}

// logTo returns a logger writing JSON lines to w.
func logTo(w io.Writer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}
