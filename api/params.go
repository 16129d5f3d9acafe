package api

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/archivegraph/archivegraph/extractor"
	"github.com/archivegraph/archivegraph/graph"
	"github.com/gin-gonic/gin"
)

// Bounds of the query parameters.
const (
	maxLimit      = 1000
	maxTextLen    = 200 // q, person, with
	maxEntityID   = 512
	maxDocumentID = 512
	entitiesPath  = "/api/v1/entities/"
	documentsPath = "/api/v1/documents/"
)

// params reads a request's query parameters, keeping the first problem it
// meets so that a handler can read them all and check once, like
// bufio.Scanner. An empty parameter ("?type=") counts as absent, as HTML
// forms send them.
type params struct {
	c   *gin.Context
	err error
}

func newParams(c *gin.Context) *params { return &params{c: c} }

// fail records the first bad parameter.
func (p *params) fail(name, reason string) {
	if p.err == nil {
		p.err = badParam(name, reason)
	}
}

// get returns the parameter, trimmed of surrounding spaces.
func (p *params) get(name string) string {
	return strings.TrimSpace(p.c.Query(name))
}

// text returns a free-text parameter such as a search query or a name.
func (p *params) text(name string) string {
	v := p.get(name)
	switch {
	case !utf8.ValidString(v):
		p.fail(name, "must be valid UTF-8")
		return ""
	case utf8.RuneCountInString(v) > maxTextLen:
		p.fail(name, fmt.Sprintf("must be at most %d characters", maxTextLen))
		return ""
	}
	return v
}

// limit returns the page size, def when absent.
func (p *params) limit(def int) int {
	v := p.get("limit")
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxLimit {
		p.fail("limit", fmt.Sprintf("must be an integer between 1 and %d", maxLimit))
		return def
	}
	return n
}

// intIn returns an integer parameter between lo and hi, def when absent.
func (p *params) intIn(name string, def, lo, hi int) int {
	v := p.get(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		p.fail(name, fmt.Sprintf("must be an integer between %d and %d", lo, hi))
		return def
	}
	return n
}

// nonNegative returns an integer parameter that must be 0 or more, 0 when
// absent.
func (p *params) nonNegative(name string) int {
	v := p.get(name)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		p.fail(name, "must be a non-negative integer")
		return 0
	}
	return n
}

// entityType returns the canonical spelling of an entity type given in any
// case ("person" → "Person"), "" when absent.
func (p *params) entityType(name string) string {
	return p.oneOf(name, extractor.EntityTypes)
}

// relationType returns the canonical spelling of a relation type given in
// any case ("met" → "MET"), "" when absent.
func (p *params) relationType(name string) string {
	return p.oneOf(name, extractor.RelationTypes)
}

// entityTypes returns the canonical spellings of a list of entity types,
// given comma-separated or by repeating the parameter; nil when absent.
func (p *params) entityTypes(name string) []string {
	return p.someOf(name, extractor.EntityTypes)
}

// relationTypes is entityTypes for relation types.
func (p *params) relationTypes(name string) []string {
	return p.someOf(name, extractor.RelationTypes)
}

func (p *params) someOf(name string, allowed []string) []string {
	var out []string
	for _, v := range p.c.QueryArray(name) {
		for _, item := range strings.Split(v, ",") {
			item = strings.TrimSpace(item)
			if item == "" {
				continue
			}
			canonical := canonicalIn(item, allowed)
			if canonical == "" {
				p.fail(name, "must be a comma-separated list of "+strings.Join(allowed, ", "))
				return nil
			}
			if !slices.Contains(out, canonical) {
				out = append(out, canonical)
			}
		}
	}
	return out
}

// canonicalIn returns the member of allowed that v spells in any case, or "".
func canonicalIn(v string, allowed []string) string {
	for _, a := range allowed {
		if strings.EqualFold(v, a) {
			return a
		}
	}
	return ""
}

func (p *params) oneOf(name string, allowed []string) string {
	v := p.get(name)
	if v == "" {
		return ""
	}
	if a := canonicalIn(v, allowed); a != "" {
		return a
	}
	p.fail(name, "must be one of "+strings.Join(allowed, ", "))
	return ""
}

// period returns the span of the from and to parameters: a year, a month
// or a day each, both inclusive, either absent.
func (p *params) period(fromName, toName string) graph.Period {
	per := graph.Period{From: p.date(fromName), To: p.date(toName)}
	if per.From != "" && per.To != "" && firstDay(per.From) > lastDay(per.To) {
		p.fail(fromName, fmt.Sprintf("(%s) must not be after %s (%s)", per.From, toName, per.To))
	}
	return per
}

// firstDay and lastDay spell out the first and last day a partial ISO date
// covers, so that ISO strings compare as dates do. "-31" ends every month:
// only the order matters.
func firstDay(d string) string { return d + "-01-01"[len(d)-4:] }
func lastDay(d string) string  { return d + "-12-31"[len(d)-4:] }

var yearOrDate = regexp.MustCompile(`^([0-9]{4})(-[0-9]{2}(-[0-9]{2})?)?$`)

// date reads "1957", "1957-07" or "1957-07-17", "" when absent.
func (p *params) date(name string) string {
	v := p.get(name)
	if v == "" {
		return ""
	}
	m := yearOrDate.FindStringSubmatch(v)
	if m == nil || !validDate(v) {
		p.fail(name, "must be a year (1957) or an ISO date (1957-07 or 1957-07-17)")
		return ""
	}
	if m[1] == "0000" {
		p.fail(name, "must be a year after 0")
		return ""
	}
	return v
}

// validDate rejects impossible months and days ("1957-13", "1957-02-30").
func validDate(v string) bool {
	var layout string
	switch len(v) {
	case len("2006"):
		return true
	case len("2006-01"):
		layout = "2006-01"
	default:
		layout = "2006-01-02"
	}
	_, err := time.Parse(layout, v)
	return err == nil
}

// entityPath splits the path of GET /api/v1/entities/*path into the entity
// id and whether the neighbourhood was asked for.
//
// It works on the escaped path, where an escaped slash (%2F) is still told
// apart from a real one: "person%2Fneighbors" is an id, while
// "person/ho-chi-minh/neighbors" is the neighbourhood of
// "person/ho-chi-minh". The id is unescaped afterwards.
func entityPath(u *url.URL) (id string, neighbors bool, err error) {
	rest, ok := strings.CutPrefix(u.EscapedPath(), entitiesPath)
	if ok {
		rest, neighbors = strings.CutSuffix(rest, "/neighbors")
		id, err = url.PathUnescape(rest)
		if err != nil {
			return "", false, badParam("id", "is not a validly escaped entity id")
		}
	} else {
		// Part of the prefix itself was escaped, so the escaped path cannot
		// be split. The decoded one still can, only without telling escaped
		// slashes from real ones.
		rest = strings.TrimPrefix(u.Path, entitiesPath)
		id, neighbors = strings.CutSuffix(rest, "/neighbors")
	}
	switch {
	case id == "":
		return "", false, withMessage(errNoRoute, "no entity id in the path: use /api/v1/entities/{id}")
	case len(id) > maxEntityID:
		return "", false, badParam("id", fmt.Sprintf("must be at most %d bytes", maxEntityID))
	case !utf8.ValidString(id):
		return "", false, badParam("id", "must be valid UTF-8")
	}
	return id, neighbors, nil
}

// documentPath returns the document id of GET or DELETE
// /api/v1/documents/*id, unescaped like an entity id.
func documentPath(u *url.URL) (string, error) {
	rest, ok := strings.CutPrefix(u.EscapedPath(), documentsPath)
	id := strings.TrimPrefix(u.Path, documentsPath)
	if ok {
		var err error
		if id, err = url.PathUnescape(rest); err != nil {
			return "", badParam("id", "is not a validly escaped document id")
		}
	}
	switch {
	case id == "":
		return "", withMessage(errNoRoute, "no document id in the path: use /api/v1/documents/{id}")
	case len(id) > maxDocumentID:
		return "", badParam("id", fmt.Sprintf("must be at most %d bytes", maxDocumentID))
	case !utf8.ValidString(id):
		return "", badParam("id", "must be valid UTF-8")
	}
	return id, nil
}
