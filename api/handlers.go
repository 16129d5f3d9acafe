package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/archivegraph/archivegraph/graph"
	"github.com/gin-gonic/gin"
)

// Default page sizes. Searches are read by people, a screen at a time;
// neighbourhoods and meetings feed the graph canvas and timelines, which
// want more at once.
const (
	defaultSearchLimit   = 20
	defaultNeighborLimit = 100
	defaultMeetingLimit  = 100
	defaultPathLimit     = 10
	defaultPathHops      = 4
	defaultDocumentLimit = 20
	defaultCommunities   = 100
	defaultSubgraphDepth = 1
	defaultSubgraphLimit = 500
	maxSeeds             = 100
)

// readyTimeout bounds /readyz's ping: a probe must answer quickly even when
// the database hangs.
const readyTimeout = 5 * time.Second

// statusBody is the body of the probes' successful answers.
type statusBody struct {
	Status string `json:"status"`
}

// listBody wraps every list the API returns.
type listBody[T any] struct {
	Items  []T `json:"items"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

func newList[T any](items []T, limit, offset int) listBody[T] {
	return listBody[T]{Items: orEmpty(items), Limit: limit, Offset: offset}
}

// orEmpty makes a nil slice encode as [] rather than null.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// healthz says the process is alive; it does not look at the database, so
// that a database outage does not get the API restarted.
func (s *Server) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, statusBody{Status: "ok"})
}

// readyz says whether the API can answer queries, i.e. reaches Neo4j.
func (s *Server) readyz(c *gin.Context) error {
	ctx, cancel := context.WithTimeout(c.Request.Context(), readyTimeout)
	defer cancel()
	if err := s.graph.Ping(ctx); err != nil {
		// Whatever the cause (refused, timed out, bad credentials), the
		// answer is "not ready": flatten err so that only ErrUnavailable
		// decides the status.
		return withMessage(fmt.Errorf("ping: %v: %w", err, graph.ErrUnavailable),
			"the graph database is not reachable")
	}
	c.JSON(http.StatusOK, statusBody{Status: "ok"})
	return nil
}

// searchEntities serves GET /api/v1/entities?q=&type=&limit=&offset=.
func (s *Server) searchEntities(c *gin.Context) error {
	p := newParams(c)
	q := p.text("q")
	typ := p.entityType("type")
	limit := p.limit(defaultSearchLimit)
	offset := p.nonNegative("offset")
	if p.err != nil {
		return p.err
	}
	items, err := s.graph.SearchEntities(c.Request.Context(), q, typ, limit, offset)
	if err != nil {
		return fmt.Errorf("search entities %q: %w", q, err)
	}
	c.JSON(http.StatusOK, newList(items, limit, offset))
	return nil
}

// entityOrNeighbors serves GET /api/v1/entities/{id} and
// GET /api/v1/entities/{id}/neighbors, which share a route because ids
// contain slashes.
func (s *Server) entityOrNeighbors(c *gin.Context) error {
	id, neighbors, err := entityPath(c.Request.URL)
	if err != nil {
		return err
	}
	if neighbors {
		return s.neighbors(c, id)
	}
	return s.entity(c, id)
}

// entity serves GET /api/v1/entities/{id}.
func (s *Server) entity(c *gin.Context, id string) error {
	e, err := s.graph.Entity(c.Request.Context(), id)
	if err != nil {
		return entityError(err, id)
	}
	e.Aliases = orEmpty(e.Aliases)
	e.Neighbors = orEmpty(e.Neighbors)
	e.Docs = orEmpty(e.Docs)
	c.JSON(http.StatusOK, e)
	return nil
}

// neighbors serves
// GET /api/v1/entities/{id}/neighbors?rel=&type=&from=&to=&min_weight=&limit=.
func (s *Server) neighbors(c *gin.Context, id string) error {
	p := newParams(c)
	f := graph.NeighborFilter{
		Relation:  p.relationType("rel"),
		Type:      p.entityType("type"),
		MinWeight: p.nonNegative("min_weight"),
		Limit:     p.limit(defaultNeighborLimit),
		Period:    p.period("from", "to"),
	}
	if p.err != nil {
		return p.err
	}
	items, err := s.graph.Neighbors(c.Request.Context(), id, f)
	if err != nil {
		return entityError(err, id)
	}
	c.JSON(http.StatusOK, newList(items, f.Limit, 0))
	return nil
}

// entityError words a failed lookup of entity id for its user.
func entityError(err error, id string) error {
	if errors.Is(err, graph.ErrNotFound) {
		return withMessage(err, "no entity with id %q", id)
	}
	return fmt.Errorf("entity %q: %w", id, err)
}

// meetings serves GET /api/v1/meetings?person=&with=&from=&to=&limit=&offset=.
func (s *Server) meetings(c *gin.Context) error {
	p := newParams(c)
	f := graph.MeetingFilter{
		Person: p.text("person"),
		With:   p.text("with"),
		Limit:  p.limit(defaultMeetingLimit),
		Offset: p.nonNegative("offset"),
		Period: p.period("from", "to"),
	}
	if p.err != nil {
		return p.err
	}
	items, err := s.graph.Meetings(c.Request.Context(), f)
	if err != nil {
		return fmt.Errorf("meetings: %w", err)
	}
	c.JSON(http.StatusOK, newList(items, f.Limit, f.Offset))
	return nil
}

// stats serves GET /api/v1/stats.
func (s *Server) stats(c *gin.Context) error {
	st, err := s.graph.Stats(c.Request.Context())
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	if st.EntitiesByType == nil {
		st.EntitiesByType = map[string]int{}
	}
	if st.RelationsByType == nil {
		st.RelationsByType = map[string]int{}
	}
	c.JSON(http.StatusOK, st)
	return nil
}
