package api

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/archivegraph/archivegraph/export"
	"github.com/archivegraph/archivegraph/graph"
	"github.com/gin-gonic/gin"
)

// pathsBody is the answer of GET /paths: the entities the request named,
// as resolved, and the paths between them.
type pathsBody struct {
	From graph.EntitySummary `json:"from"`
	To   graph.EntitySummary `json:"to"`
	listBody[graph.Path]
}

// paths serves GET /api/v1/paths?from=&to=&max_hops=&rel=&since=&until=
// &limit=. from and to name the two entities here, so the period, which is
// from and to elsewhere, is since and until.
func (s *Server) paths(c *gin.Context) error {
	p := newParams(c)
	fromRef, toRef := p.required("from"), p.required("to")
	q := graph.PathQuery{
		MaxHops:   p.intIn("max_hops", defaultPathHops, 1, graph.MaxHops),
		Relations: p.relationTypes("rel"),
		Period:    p.period("since", "until"),
		Limit:     p.intIn("limit", defaultPathLimit, 1, graph.MaxPaths),
	}
	if p.err != nil {
		return p.err
	}
	from, err := s.resolve(c, "from", fromRef)
	if err != nil {
		return err
	}
	to, err := s.resolve(c, "to", toRef)
	if err != nil {
		return err
	}
	q.From, q.To = from.ID, to.ID
	found, err := s.graph.Paths(c.Request.Context(), q)
	if err != nil {
		return fmt.Errorf("paths from %q to %q: %w", q.From, q.To, err)
	}
	for i := range found {
		found[i].Nodes = orEmpty(found[i].Nodes)
		found[i].Steps = orEmpty(found[i].Steps)
	}
	c.JSON(http.StatusOK, pathsBody{From: from, To: to, listBody: newList(found, q.Limit, 0)})
	return nil
}

// resolve finds the entity that parameter name refers to by id or name.
func (s *Server) resolve(c *gin.Context, name, ref string) (graph.EntitySummary, error) {
	e, err := s.graph.ResolveEntity(c.Request.Context(), ref)
	if errors.Is(err, graph.ErrNotFound) {
		return e, withMessage(err, "%s: no entity has the id or name %q", name, ref)
	}
	if err != nil {
		return e, fmt.Errorf("resolve %s %q: %w", name, ref, err)
	}
	return e, nil
}

// subgraph serves GET /api/v1/subgraph?seed=&depth=&rel=&type=&from=&to=
// &limit=&min_weight=&format=, streaming the export as it leaves the
// database.
func (s *Server) subgraph(c *gin.Context) error {
	p := newParams(c)
	refs := p.seeds("seed")
	q := graph.SubgraphQuery{
		Depth:     p.intIn("depth", defaultSubgraphDepth, 1, graph.MaxDepth),
		Relations: p.relationTypes("rel"),
		Types:     p.entityTypes("type"),
		Period:    p.period("from", "to"),
		MinWeight: p.nonNegative("min_weight"),
		Limit:     p.intIn("limit", defaultSubgraphLimit, 1, graph.MaxSubgraphNodes),
	}
	format := p.oneOf("format", export.Formats)
	if format == "" {
		format = "json"
	}
	if p.err != nil {
		return p.err
	}
	for _, ref := range refs {
		e, err := s.resolve(c, "seed", ref)
		if err != nil {
			return err
		}
		q.Seeds = append(q.Seeds, e.ID)
	}

	out := &lazyDownload{c: c, filename: downloadName(q.Seeds)}
	sink, contentType, ext, err := export.Writer(format, out)
	if err != nil {
		return fmt.Errorf("subgraph export: %w", err)
	}
	out.contentType, out.filename = contentType, out.filename+ext
	err = s.graph.Subgraph(c.Request.Context(), q, sink)
	if err == nil {
		err = sink.Close()
	}
	if err == nil {
		out.start() // an empty export is still a file
		return nil
	}
	err = fmt.Errorf("subgraph of %v: %w", q.Seeds, err)
	if !out.started {
		return err
	}
	// Part of the file is out with a 200: the client must not take the
	// rest of it for the whole, so the connection is cut.
	s.log.ErrorContext(c.Request.Context(), "subgraph export cut short", "error", err)
	panic(http.ErrAbortHandler)
}

// seeds returns the seed parameters, given by repeating the parameter.
func (p *params) seeds(name string) []string {
	values := p.c.QueryArray(name)
	var refs []string
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			refs = append(refs, v)
		}
	}
	switch {
	case len(refs) == 0:
		p.fail(name, "is required: give an entity id or name, and repeat seed for more")
	case len(refs) > maxSeeds:
		p.fail(name, fmt.Sprintf("may be given at most %d times", maxSeeds))
	}
	for _, r := range refs {
		if len(r) > maxEntityID {
			p.fail(name, fmt.Sprintf("must be at most %d bytes", maxEntityID))
		}
	}
	return refs
}

// downloadName is the name a browser gives the exported file, without its
// extension: the seed, when there is one, in characters any file system
// takes.
func downloadName(seeds []string) string {
	if len(seeds) != 1 {
		return "subgraph"
	}
	name := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '-'
	}, seeds[0])
	return "subgraph-" + name
}

// lazyDownload sends a download's status and headers with its first byte,
// so that a query failing before anything is written still gets an ordinary
// JSON error.
type lazyDownload struct {
	c           *gin.Context
	contentType string
	filename    string
	started     bool
}

func (d *lazyDownload) start() {
	if d.started {
		return
	}
	d.started = true
	h := d.c.Writer.Header()
	h.Set("Content-Type", d.contentType)
	h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", d.filename))
	d.c.Status(http.StatusOK)
	d.c.Writer.WriteHeaderNow()
}

func (d *lazyDownload) Write(b []byte) (int, error) {
	d.start()
	return d.c.Writer.Write(b)
}

// communities serves GET /api/v1/communities?type=&from=&to=&limit=&offset=.
// The graph computes every bloc of the period at once; the API pages them.
func (s *Server) communities(c *gin.Context) error {
	p := newParams(c)
	q := graph.CommunityQuery{
		Types:  p.entityTypes("type"),
		Period: p.period("from", "to"),
	}
	limit := p.limit(defaultCommunities)
	offset := p.nonNegative("offset")
	if p.err != nil {
		return p.err
	}
	found, err := s.graph.Communities(c.Request.Context(), q)
	if err != nil {
		return fmt.Errorf("communities: %w", err)
	}
	page := found[min(offset, len(found)):]
	page = page[:min(limit, len(page))]
	for i := range page {
		page[i].Members = orEmpty(page[i].Members)
		page[i].Evidence = orEmpty(page[i].Evidence)
	}
	c.JSON(http.StatusOK, newList(page, limit, offset))
	return nil
}

// required returns a free-text parameter that must be present.
func (p *params) required(name string) string {
	v := p.text(name)
	if v == "" && p.err == nil {
		p.fail(name, "is required")
	}
	return v
}
