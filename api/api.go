// Package api serves the archive graph over HTTP: a JSON REST API under
// /api/v1, built with Gin on top of the read queries of the graph package.
//
// # Responses
//
// Single objects (an entity, the statistics) are returned as they are. Lists
// are always wrapped, so that paging information travels with them and the
// shape can grow without breaking clients:
//
//	{"items": [...], "limit": 20, "offset": 0}
//
// limit and offset echo the values used, defaults included. items is never
// null. A page with fewer than limit items is the last one. Endpoints without
// an offset parameter (neighbours) report offset 0.
//
// Errors, whatever the status, look like
//
//	{"error": {"code": "bad_request", "message": "limit must be an integer between 1 and 1000"}}
//
// with the codes bad_request (400), unauthorized (401), not_found (404),
// method_not_allowed (405), internal (500), unavailable (503) and timeout
// (504); canceled (499) answers a client that gave up waiting. A bad
// parameter's message names the parameter and says what is accepted.
//
// # Entity ids
//
// Entity ids contain a slash ("person/ho-chi-minh"). Both spellings reach the
// same entity:
//
//	GET /api/v1/entities/person%2Fho-chi-minh
//	GET /api/v1/entities/person/ho-chi-minh
//
// and likewise with /neighbors appended. A final, unescaped "/neighbors"
// segment always selects the neighbourhood; an entity whose own id ends in
// "/neighbors" is reached by escaping that slash.
//
// # Filters
//
// from and to accept a year ("1957") or an ISO date ("1957-07" or
// "1957-07-17"); the graph dates relations by year, so only the year is used
// and both bounds are inclusive. type and rel are matched case-insensitively
// against extractor.EntityTypes and extractor.RelationTypes.
//
// # Authentication
//
// When Config.Token is set and Config.RequireTokenForReads is true, every
// /api/v1 request needs "Authorization: Bearer <token>". /healthz and /readyz
// never do, so that probes work without secrets.
package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/archivegraph/archivegraph/graph"
	"github.com/gin-gonic/gin"
)

// Graph is what the API reads from the graph database; *graph.Store
// implements it.
type Graph interface {
	Ping(ctx context.Context) error
	SearchEntities(ctx context.Context, q, typ string, limit, offset int) ([]graph.EntitySummary, error)
	Entity(ctx context.Context, id string) (graph.EntityDetail, error)
	Neighbors(ctx context.Context, id string, f graph.NeighborFilter) ([]graph.Neighbor, error)
	Meetings(ctx context.Context, f graph.MeetingFilter) ([]graph.Meeting, error)
	Stats(ctx context.Context) (graph.Stats, error)
}

// DefaultRequestTimeout bounds a request's work when Config.RequestTimeout is
// zero.
const DefaultRequestTimeout = 30 * time.Second

// Config configures a Server. The zero value serves reads without a token
// and logs through slog.Default.
type Config struct {
	// Token is the bearer token that protects the API. Empty means no token:
	// reads are open and, once they exist, write endpoints are refused.
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
	return nil
}

// Server is the HTTP API over a Graph.
type Server struct {
	graph   Graph
	cfg     Config
	log     *slog.Logger
	handler *gin.Engine
}

// New returns a Server reading from g. It panics on a nil Graph or a Config
// that Validate rejects: both are programming errors, found at start-up.
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
	s := &Server{graph: g, cfg: cfg, log: cfg.Logger}
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
	r.Use(s.logRequests, s.recoverPanics)
	r.NoRoute(s.handle(s.noRoute))
	r.NoMethod(s.handle(s.noMethod))

	// Probes: never behind the token, and outside the API's request
	// timeout (readyz has its own, shorter one).
	r.GET("/", s.home)
	r.GET("/healthz", s.healthz)
	r.GET("/readyz", s.handle(s.readyz))

	v1 := r.Group("/api/v1", s.limitDuration)
	reads := v1.Group("")
	if s.cfg.RequireTokenForReads {
		reads.Use(s.requireToken)
	}
	reads.GET("/entities", s.handle(s.searchEntities))
	// One catch-all serves /entities/{id} and /entities/{id}/neighbors,
	// because ids contain slashes; see entityPath.
	reads.GET("/entities/*path", s.handle(s.entityOrNeighbors))
	reads.GET("/meetings", s.handle(s.meetings))
	reads.GET("/stats", s.handle(s.stats))

	// Write endpoints (POST /documents, DELETE /documents/{id}) will go in a
	// group guarded by s.requireToken.
	return r
}
