// Package api serves the archive graph over HTTP: a JSON REST API under
// /api/v1, built with Gin on top of the queries of the graph package.
//
// The contract, endpoint by endpoint, is the OpenAPI 3 document served at
// /openapi.json (the file openapi.json of this package); tests validate real
// responses against it.
//
// # Responses
//
// Single objects (an entity, a document, the statistics) are returned as
// they are. Lists are always wrapped, so that paging information travels with
// them and the shape can grow without breaking clients:
//
//	{"items": [...], "limit": 20, "offset": 0}
//
// limit and offset echo the values used, defaults included. items is never
// null. A page with fewer than limit items is the last one. Endpoints without
// an offset parameter (neighbours, paths) report offset 0.
//
// Subgraph exports are the only answers that are not JSON documents of this
// shape: they stream in the format asked for, as a download.
//
// Errors, whatever the status, look like
//
//	{"error": {"code": "bad_request", "message": "limit must be an integer between 1 and 1000"}}
//
// with the codes bad_request (400), unauthorized (401), forbidden (403),
// not_found (404), method_not_allowed (405), payload_too_large (413),
// unsupported_media_type (415), internal (500), unavailable (503) and
// timeout (504); canceled (499) answers a client that gave up waiting. A bad
// parameter's message names the parameter and says what is accepted.
//
// # Ids in paths
//
// Entity ids contain a slash ("person/ho-chi-minh"). Both spellings reach the
// same entity:
//
//	GET /api/v1/entities/person%2Fho-chi-minh
//	GET /api/v1/entities/person/ho-chi-minh
//
// and likewise with /neighbors appended. A final, unescaped "/neighbors"
// segment always selects the neighbourhood; an entity whose own id ends in
// "/neighbors" is reached by escaping that slash. Document ids are read the
// same way, so an id with a slash works escaped or not.
//
// # Filters
//
// from and to accept a year ("1957"), a month ("1957-07") or a day
// ("1957-07-17"), and both bounds are inclusive: from=1957-07 starts on the
// first of July, to=1957 ends on the last day of 1957. type and rel are
// matched case-insensitively against extractor.EntityTypes and
// extractor.RelationTypes; where several are allowed they are given as a
// comma-separated list.
//
// # Authentication
//
// Writes (POST and DELETE /api/v1/documents) always need "Authorization:
// Bearer <token>"; a server without Config.Token refuses them with 403, as
// writes are then disabled. When Config.RequireTokenForReads is set, every
// /api/v1 read needs the token too. /healthz, /readyz and /metrics never do,
// so that probes and scrapers work without secrets.
package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/archivegraph/archivegraph/extractor"
	"github.com/archivegraph/archivegraph/graph"
	"github.com/gin-gonic/gin"
)

// Graph is what the API asks of the graph database; *graph.Store
// implements it.
type Graph interface {
	Ping(ctx context.Context) error
	Stats(ctx context.Context) (graph.Stats, error)

	SearchEntities(ctx context.Context, q, typ string, limit, offset int) ([]graph.EntitySummary, error)
	Entity(ctx context.Context, id string) (graph.EntityDetail, error)
	// ResolveEntity finds the entity an id or a name refers to.
	ResolveEntity(ctx context.Context, ref string) (graph.EntitySummary, error)
	Neighbors(ctx context.Context, id string, f graph.NeighborFilter) ([]graph.Neighbor, error)
	Meetings(ctx context.Context, f graph.MeetingFilter) ([]graph.Meeting, error)
	Paths(ctx context.Context, q graph.PathQuery) ([]graph.Path, error)
	Subgraph(ctx context.Context, q graph.SubgraphQuery, sink graph.SubgraphSink) error
	Communities(ctx context.Context, q graph.CommunityQuery) ([]graph.Community, error)

	Documents(ctx context.Context, f graph.DocumentFilter) ([]graph.DocumentSummary, error)
	Document(ctx context.Context, id string) (graph.DocumentDetail, error)
	Load(ctx context.Context, docs []extractor.Document) (graph.LoadResult, error)
	DeleteDocument(ctx context.Context, id string) error
}

// Defaults of Config.
const (
	// DefaultRequestTimeout bounds a request's work when
	// Config.RequestTimeout is zero.
	DefaultRequestTimeout = 30 * time.Second
	// DefaultMaxBodyBytes bounds a request body when Config.MaxBodyBytes is
	// zero: a long report is a few hundred kilobytes.
	DefaultMaxBodyBytes = 10 << 20
)

// Config configures a Server. The zero value serves reads without a token,
// refuses writes, allows no cross-origin browser access and logs through
// slog.Default.
type Config struct {
	// Token is the bearer token that protects the API. Empty means no token:
	// reads are open and writes are refused (403).
	Token string

	// RequireTokenForReads makes every /api/v1 read need the token too. It
	// needs a Token: reads must not silently stay open.
	RequireTokenForReads bool

	// Logger receives one line per request and the details of every 5xx.
	// Nil means slog.Default().
	Logger *slog.Logger

	// RequestTimeout bounds the work of each request, database queries
	// included; a request that runs out gets 504. Zero means
	// DefaultRequestTimeout.
	RequestTimeout time.Duration

	// CORSOrigins lists the origins ("https://archive.example.org") whose
	// pages may call the API from a browser; "*" allows any. Others get no
	// Access-Control-Allow-Origin header, so browsers keep the answer from
	// them.
	CORSOrigins []string

	// MaxBodyBytes bounds request bodies; a larger one gets 413. Zero means
	// DefaultMaxBodyBytes.
	MaxBodyBytes int64

	// Extractor analyses documents posted to /api/v1/documents. Nil means
	// one with the embedded knowledge base, made on the first post.
	Extractor *extractor.Extractor

	// Metrics collects what /metrics exposes. Nil means a fresh set; pass
	// one to also record the graph's query latencies (see
	// Metrics.ObserveQuery).
	Metrics *Metrics
}

// Validate reports a configuration that New would refuse, so that a program
// can stop with an error instead of a panic.
func (c Config) Validate() error {
	if c.RequireTokenForReads && c.Token == "" {
		return errors.New("api: RequireTokenForReads is set but Token is empty")
	}
	if c.RequestTimeout < 0 {
		return errors.New("api: RequestTimeout is negative")
	}
	if c.MaxBodyBytes < 0 {
		return errors.New("api: MaxBodyBytes is negative")
	}
	for _, o := range c.CORSOrigins {
		if o != "*" && !strings.Contains(o, "://") {
			return errors.New("api: CORS origin " + o + " is not an origin such as https://example.org")
		}
	}
	return nil
}

// Server is the HTTP API over a Graph.
type Server struct {
	graph   Graph
	cfg     Config
	log     *slog.Logger
	metrics *Metrics
	handler *gin.Engine

	extractorOnce sync.Once
	extractor     *extractor.Extractor
	extractorErr  error
}

// New returns a Server over g. It panics on a nil Graph or a Config that
// Validate rejects: both are programming errors, found at start-up.
func New(g Graph, cfg Config) *Server {
	if g == nil {
		panic("api: New with a nil Graph")
	}
	if err := cfg.Validate(); err != nil {
		panic(err.Error())
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.RequestTimeout == 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.MaxBodyBytes == 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.Metrics == nil {
		cfg.Metrics = NewMetrics()
	}
	s := &Server{graph: g, cfg: cfg, log: cfg.Logger, metrics: cfg.Metrics, extractor: cfg.Extractor}
	s.handler = s.routes()
	return s
}

// Handler returns the http.Handler that serves the API.
func (s *Server) Handler() http.Handler { return s.handler }

// routes builds the router. Every endpoint is registered here.
func (s *Server) routes() *gin.Engine {
	// Release mode silences Gin's start-up banner and route dump; requests
	// are logged by logRequests instead.
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.HandleMethodNotAllowed = true
	// Gin would otherwise answer /api/v1/entities/ with a redirect to
	// /api/v1/entities, which hides the missing id.
	r.RedirectTrailingSlash = false
	// Global middleware also runs for unknown routes and methods, so a CORS
	// preflight is answered whatever the path.
	r.Use(s.logRequests, s.countRequests, s.recoverPanics, s.cors)
	r.NoRoute(s.handle(s.noRoute))
	r.NoMethod(s.handle(s.noMethod))

	// Operations: never behind the token, and outside the API's request
	// timeout (readyz has its own, shorter one).
	// The graph explorer: a page and its bundle, both public like the
	// operations, since the page only ever shows what the API answers it.
	r.GET("/", s.handle(s.explorer))
	r.GET("/assets/*file", s.handle(s.explorerAsset))
	r.GET("/healthz", s.healthz)
	r.GET("/readyz", s.handle(s.readyz))
	r.GET("/metrics", gin.WrapH(s.metrics.handler()))
	r.GET("/openapi.json", s.openAPI)

	v1 := r.Group("/api/v1", s.limitDuration, s.limitBody)
	v1.GET("/openapi.json", s.openAPI)

	reads := v1.Group("")
	if s.cfg.RequireTokenForReads {
		reads.Use(s.requireToken)
	}
	reads.GET("/entities", s.handle(s.searchEntities))
	// One catch-all serves /entities/{id} and /entities/{id}/neighbors,
	// because ids contain slashes; see entityPath.
	reads.GET("/entities/*path", s.handle(s.entityOrNeighbors))
	reads.GET("/meetings", s.handle(s.meetings))
	reads.GET("/paths", s.handle(s.paths))
	reads.GET("/subgraph", s.handle(s.subgraph))
	reads.GET("/communities", s.handle(s.communities))
	reads.GET("/documents", s.handle(s.documents))
	reads.GET("/documents/*id", s.handle(s.document))
	reads.GET("/stats", s.handle(s.stats))

	writes := v1.Group("", s.requireWriteToken)
	writes.POST("/documents", s.handle(s.postDocuments))
	writes.DELETE("/documents/*id", s.handle(s.deleteDocument))
	return r
}
