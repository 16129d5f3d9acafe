package api_test

import (
	"bytes"
	"context"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/archivegraph/archivegraph/api"
)

var (
	specOnce   sync.Once
	spec       *openapi3.T
	specRouter routers.Router
	specErr    error
)

// openAPISpec loads and checks the OpenAPI document once per test binary.
func openAPISpec(tb testing.TB) (*openapi3.T, routers.Router) {
	tb.Helper()
	specOnce.Do(func() {
		loader := openapi3.NewLoader()
		spec, specErr = loader.LoadFromFile("openapi.json")
		if specErr != nil {
			return
		}
		if specErr = spec.Validate(loader.Context); specErr != nil {
			return
		}
		specRouter, specErr = gorillamux.NewRouter(spec)
	})
	if specErr != nil {
		tb.Fatalf("openapi.json: %v", specErr)
	}
	return spec, specRouter
}

// checkAgainstSpec validates one real response against the OpenAPI
// document: the route and status must be documented, and the body must
// match the schema of its content type. Downloads that are not JSON are
// checked for a documented content type only, as the document gives them no
// schema to check.
func checkAgainstSpec(tb testing.TB, req *http.Request, status int, header http.Header, body []byte) {
	tb.Helper()
	_, router := openAPISpec(tb)
	route, pathParams, err := router.FindRoute(withEscapedID(req))
	if err != nil {
		tb.Errorf("%s %s: not in openapi.json: %v", req.Method, req.URL, err)
		return
	}
	opts := &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}
	mediaType, _, _ := mime.ParseMediaType(header.Get("Content-Type"))
	if status == http.StatusNoContent || (mediaType != "application/json" && mediaType != "text/plain" && status == http.StatusOK) {
		opts.ExcludeResponseBody = true
		if status != http.StatusNoContent {
			resp := route.Operation.Responses.Status(status)
			if resp == nil || resp.Value.Content.Get(mediaType) == nil {
				tb.Errorf("%s %s: content type %q of status %d is not in openapi.json", req.Method, req.URL, mediaType, status)
			}
		}
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{
			Request: req, PathParams: pathParams, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
		},
		Status:  status,
		Header:  header,
		Body:    io.NopCloser(bytes.NewReader(body)),
		Options: opts,
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		tb.Errorf("%s %s: response %d does not match openapi.json: %v\nbody: %.600s", req.Method, req.URL, status, err, body)
	}
}

// withEscapedID returns req with the slashes inside an entity or document
// id escaped: the API takes them raw too, which an OpenAPI path parameter
// cannot express.
func withEscapedID(req *http.Request) *http.Request {
	path := req.URL.EscapedPath()
	for _, prefix := range []string{"/api/v1/entities/", "/api/v1/documents/"} {
		rest, ok := strings.CutPrefix(path, prefix)
		if !ok {
			continue
		}
		id, neighbors := rest, ""
		if prefix == "/api/v1/entities/" {
			if trimmed, ok := strings.CutSuffix(rest, "/neighbors"); ok {
				id, neighbors = trimmed, "/neighbors"
			}
		}
		r := req.Clone(req.Context())
		r.URL.RawPath = prefix + strings.ReplaceAll(id, "/", "%2F") + neighbors
		r.URL.Path, _ = url.PathUnescape(r.URL.RawPath)
		return r
	}
	return req
}

// checkRecorded validates a response recorded by httptest.
func checkRecorded(tb testing.TB, req *http.Request, rec *httptest.ResponseRecorder) {
	tb.Helper()
	checkAgainstSpec(tb, req, rec.Code, rec.Header(), rec.Body.Bytes())
}

func TestOpenAPIDocument(t *testing.T) {
	openAPISpec(t)
	want, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/openapi.json", "/api/v1/openapi.json"} {
		t.Run(path, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			rec := httptest.NewRecorder()
			api.New(&fakeGraph{}, api.Config{Logger: quietLogger()}).Handler().ServeHTTP(rec, req)
			wantStatus(t, rec, http.StatusOK)
			if !bytes.Equal(rec.Body.Bytes(), want) {
				t.Errorf("GET %s does not serve openapi.json", path)
			}
			checkRecorded(t, req, rec)
		})
	}

	t.Run("every route is documented", func(t *testing.T) {
		spec, _ := openAPISpec(t)
		for _, path := range []string{
			"/healthz", "/readyz", "/metrics", "/api/v1/entities", "/api/v1/entities/{id}",
			"/api/v1/entities/{id}/neighbors", "/api/v1/meetings", "/api/v1/paths", "/api/v1/subgraph",
			"/api/v1/communities", "/api/v1/documents", "/api/v1/documents/{id}", "/api/v1/stats",
		} {
			if spec.Paths.Value(path) == nil {
				t.Errorf("openapi.json has no path %s", path)
			}
		}
		for path, methods := range map[string][]string{"/api/v1/documents": {"GET", "POST"}, "/api/v1/documents/{id}": {"GET", "DELETE"}} {
			for _, m := range methods {
				if spec.Paths.Value(path).GetOperation(m) == nil {
					t.Errorf("openapi.json has no %s %s", m, path)
				}
			}
		}
	})

	t.Run("bounds match the code", func(t *testing.T) {
		spec, _ := openAPISpec(t)
		for _, tt := range []struct {
			path, param string
			max         float64
		}{
			{"/api/v1/paths", "max_hops", 6},
			{"/api/v1/subgraph", "depth", 3},
			{"/api/v1/subgraph", "limit", 20000},
			{"/api/v1/entities", "limit", 1000},
			{"/api/v1/documents", "limit", 1000},
		} {
			p := spec.Paths.Value(tt.path).Get.Parameters.GetByInAndName("query", tt.param)
			if p == nil || p.Schema.Value.Max == nil || *p.Schema.Value.Max != tt.max {
				t.Errorf("%s %s: maximum in openapi.json is not %v", tt.path, tt.param, tt.max)
			}
		}
	})
}

// TestResponsesMatchOpenAPI sends one request of every kind to a server
// over the fake graph and validates each answer, successes and errors alike.
func TestResponsesMatchOpenAPI(t *testing.T) {
	g := fullFake()
	cfg := api.Config{Token: writeToken, Extractor: sharedExtractor(t)}
	for _, tt := range []struct {
		method, target, contentType, body string
	}{
		{"GET", "/healthz", "", ""},
		{"GET", "/readyz", "", ""},
		{"GET", "/metrics", "", ""},
		{"GET", "/api/v1/entities?q=Ho", "", ""},
		{"GET", "/api/v1/entities?limit=0", "", ""},
		{"GET", "/api/v1/entities/person%2Fho-chi-minh", "", ""},
		{"GET", "/api/v1/entities/person%2Fnobody", "", ""},
		{"GET", "/api/v1/entities/person%2Fho-chi-minh/neighbors?rel=MET&from=1957-07", "", ""},
		{"GET", "/api/v1/meetings?person=Khrushchev", "", ""},
		{"GET", "/api/v1/paths?from=Khrushchev&to=Ho+Chi+Minh", "", ""},
		{"GET", "/api/v1/paths?from=Khrushchev&to=Ho&max_hops=7", "", ""},
		{"GET", "/api/v1/paths?from=Nobody&to=Ho", "", ""},
		{"GET", "/api/v1/subgraph?seed=Khrushchev&format=json", "", ""},
		{"GET", "/api/v1/subgraph?seed=Khrushchev&format=graphml", "", ""},
		{"GET", "/api/v1/subgraph?seed=Khrushchev&format=gexf", "", ""},
		{"GET", "/api/v1/subgraph?seed=Khrushchev&format=csv", "", ""},
		{"GET", "/api/v1/subgraph?seed=Khrushchev&format=cypher", "", ""},
		{"GET", "/api/v1/subgraph?seed=Khrushchev&depth=4", "", ""},
		{"GET", "/api/v1/communities?from=1957&to=1957", "", ""},
		{"GET", "/api/v1/documents?q=Kremlin", "", ""},
		{"GET", "/api/v1/documents/doc-1957", "", ""},
		{"GET", "/api/v1/documents/nothing", "", ""},
		{"POST", "/api/v1/documents", "application/json", `{"id":"doc-new","text":"Khrushchev received Ho Chi Minh."}`},
		{"POST", "/api/v1/documents", "application/xml", `<doc/>`},
		{"DELETE", "/api/v1/documents/doc-1957", "", ""},
		{"DELETE", "/api/v1/documents/nothing", "", ""},
		{"GET", "/api/v1/stats", "", ""},
	} {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.target, strings.NewReader(tt.body))
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			if tt.method != http.MethodGet {
				req.Header.Set("Authorization", "Bearer "+writeToken)
			}
			cfg.Logger = quietLogger()
			rec := httptest.NewRecorder()
			api.New(g, cfg).Handler().ServeHTTP(rec, req)
			checkRecorded(t, req, rec)
		})
	}
}
