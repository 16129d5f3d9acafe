package api

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// handlerFunc is an endpoint: it parses the request, calls the graph and
// renders the result, or returns an error for handle to render.
type handlerFunc func(c *gin.Context) error

// handle adapts a handlerFunc to Gin, so that every failure goes through
// renderError and its status table.
func (s *Server) handle(h handlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			s.renderError(c, err)
		}
	}
}

// logRequests writes one line per request once it is answered.
func (s *Server) logRequests(c *gin.Context) {
	start := time.Now()
	c.Next()
	s.log.LogAttrs(c.Request.Context(), slog.LevelInfo, "request",
		slog.String("method", c.Request.Method),
		slog.String("path", c.Request.URL.Path),
		slog.Int("status", c.Writer.Status()),
		slog.Duration("duration", time.Since(start)))
}

// recoverPanics turns a panicking handler into a logged 500 with the usual
// JSON error, instead of a dropped connection.
func (s *Server) recoverPanics(c *gin.Context) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		// net/http's way of aborting a response on purpose: let it through.
		if v == http.ErrAbortHandler {
			panic(v)
		}
		s.renderError(c, fmt.Errorf("panic: %v\n%s", v, debug.Stack()))
	}()
	c.Next()
}

// limitDuration gives each API request a deadline, which every database call
// made for it inherits.
func (s *Server) limitDuration(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), s.cfg.RequestTimeout)
	defer cancel()
	c.Request = c.Request.WithContext(ctx)
	c.Next()
}

// limitBody caps what a handler can read of a request body; reading past
// the cap fails with *http.MaxBytesError, which bodyError turns into a 413.
// A body announced as too large is refused before it is read.
func (s *Server) limitBody(c *gin.Context) {
	if c.Request.ContentLength > s.cfg.MaxBodyBytes {
		s.renderError(c, tooLarge(s.cfg.MaxBodyBytes))
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, s.cfg.MaxBodyBytes)
	c.Next()
}

func tooLarge(limit int64) error {
	return withMessage(errTooLarge, "the request body is larger than the limit of %d bytes", limit)
}

// requireWriteToken guards the write endpoints. Without a configured token
// writes are disabled altogether (403), rather than open to anyone.
func (s *Server) requireWriteToken(c *gin.Context) {
	if s.cfg.Token == "" {
		s.renderError(c, withMessage(errForbidden, "writes are disabled: this server has no token configured (set ARCHIVEGRAPH_TOKEN)"))
		return
	}
	s.requireToken(c)
}

// requireToken lets a request through only with the configured bearer
// token. Config.Validate makes sure a token exists whenever reads use it.
func (s *Server) requireToken(c *gin.Context) {
	token, ok := bearerToken(c.GetHeader("Authorization"))
	if !ok {
		s.renderError(c, withMessage(errUnauthorized, "missing bearer token: send the header Authorization: Bearer <token>"))
		return
	}
	if !sameToken(token, s.cfg.Token) {
		s.renderError(c, withMessage(errUnauthorized, "invalid bearer token"))
		return
	}
	c.Next()
}

// cors lets the pages of the configured origins call the API from a
// browser, and answers their preflight requests. Requests from other origins
// are served as usual but without the headers that would let a browser
// script read the answer.
func (s *Server) cors(c *gin.Context) {
	origin := c.GetHeader("Origin")
	if origin == "" {
		c.Next()
		return
	}
	c.Writer.Header().Add("Vary", "Origin")
	allowed := s.originAllowed(origin)
	preflight := c.Request.Method == http.MethodOptions && c.GetHeader("Access-Control-Request-Method") != ""
	if preflight {
		if !allowed {
			s.renderError(c, withMessage(errForbidden, "origin %s is not allowed to call this API", origin))
			return
		}
		h := c.Writer.Header()
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS")
		h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
		h.Set("Access-Control-Max-Age", "600")
		c.AbortWithStatus(http.StatusNoContent)
		return
	}
	if allowed {
		c.Header("Access-Control-Allow-Origin", origin)
		c.Header("Access-Control-Expose-Headers", "Content-Disposition")
	}
	c.Next()
}

func (s *Server) originAllowed(origin string) bool {
	for _, o := range s.cfg.CORSOrigins {
		if o == "*" || strings.EqualFold(o, origin) {
			return true
		}
	}
	return false
}

// bearerToken extracts the token of an "Authorization: Bearer <token>"
// header. The scheme is case-insensitive (RFC 9110).
func bearerToken(header string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// sameToken compares tokens in constant time. Hashing first makes the
// comparison independent of the tokens' lengths too, which
// subtle.ConstantTimeCompare alone would reveal.
func sameToken(got, want string) bool {
	g, w := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(want))
	return subtle.ConstantTimeCompare(g[:], w[:]) == 1
}

// noRoute answers paths that match no endpoint.
func (s *Server) noRoute(c *gin.Context) error {
	return withMessage(errNoRoute, "no endpoint %s %s", c.Request.Method, c.Request.URL.Path)
}

// noMethod answers known paths asked with a method they do not serve.
func (s *Server) noMethod(c *gin.Context) error {
	return withMessage(errMethodNotAllowed, "%s is not allowed on %s", c.Request.Method, c.Request.URL.Path)
}
