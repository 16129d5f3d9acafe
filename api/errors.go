package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/archivegraph/archivegraph/graph"
	"github.com/gin-gonic/gin"
)

// Errors of the api package itself. Like the graph sentinels, they only
// choose a status through errorKinds; what users read comes from a
// publicError or from the table's default message.
var (
	errBadRequest       = errors.New("api: bad request")
	errUnauthorized     = errors.New("api: unauthorized")
	errNoRoute          = errors.New("api: no such route")
	errMethodNotAllowed = errors.New("api: method not allowed")
	errForbidden        = errors.New("api: forbidden")
	errTooLarge         = errors.New("api: request body too large")
	errUnsupportedMedia = errors.New("api: unsupported media type")
)

// errorKinds is the one place that turns errors into statuses. Entries are
// tried in order with errors.Is; an error matching none is a 500.
var errorKinds = []struct {
	target  error
	status  int
	code    string
	message string // shown when the error carries no public message
}{
	{errBadRequest, http.StatusBadRequest, "bad_request", "bad request"},
	// The api checks parameters before the graph sees them; this catches a
	// rule the graph enforces that the api does not know yet.
	{graph.ErrInvalid, http.StatusBadRequest, "bad_request", "the request's parameters are not valid"},
	{errUnauthorized, http.StatusUnauthorized, "unauthorized", "a valid bearer token is required"},
	{errForbidden, http.StatusForbidden, "forbidden", "forbidden"},
	{errTooLarge, http.StatusRequestEntityTooLarge, "payload_too_large", "the request body is too large"},
	{errUnsupportedMedia, http.StatusUnsupportedMediaType, "unsupported_media_type", "unsupported Content-Type"},
	{graph.ErrNotFound, http.StatusNotFound, "not_found", "not found"},
	{errNoRoute, http.StatusNotFound, "not_found", "no such endpoint"},
	{errMethodNotAllowed, http.StatusMethodNotAllowed, "method_not_allowed", "method not allowed"},
	// A deadline comes before unavailability: a query cut short by the
	// deadline often surfaces as a connection failure too.
	{context.DeadlineExceeded, http.StatusGatewayTimeout, "timeout", "the request took too long"},
	{graph.ErrTimeout, http.StatusGatewayTimeout, "timeout", "the query took longer than the database allows"},
	{graph.ErrUnavailable, http.StatusServiceUnavailable, "unavailable", "the graph database is unavailable"},
	// The client went away: nobody reads the answer, and it is not the
	// server's fault, so it is not logged as a failure.
	{context.Canceled, statusClientClosedRequest, "canceled", "the request was canceled"},
}

// statusClientClosedRequest is the non-standard status (from nginx) for a
// request its client abandoned.
const statusClientClosedRequest = 499

const (
	internalCode    = "internal"
	internalMessage = "internal error"
)

// publicError gives an error a message written for the API's users. The
// wrapped error still decides the status, and is what the logs show.
type publicError struct {
	err     error
	message string
}

func (e *publicError) Error() string { return e.message + ": " + e.err.Error() }
func (e *publicError) Unwrap() error { return e.err }

// withMessage gives err a user-facing message.
func withMessage(err error, format string, args ...any) error {
	return &publicError{err: err, message: fmt.Sprintf(format, args...)}
}

// badParam reports a query or path parameter that cannot be used. The
// message names the parameter and says what would be accepted, e.g.
// badParam("limit", "must be an integer between 1 and 1000").
func badParam(name, reason string) error {
	return withMessage(errBadRequest, "%s %s", name, reason)
}

// errorBody is the JSON body of every error response.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// classify returns the status, code and user-facing message for err.
func classify(err error) (status int, code, message string) {
	status, code, message = http.StatusInternalServerError, internalCode, internalMessage
	for _, k := range errorKinds {
		if errors.Is(err, k.target) {
			status, code, message = k.status, k.code, k.message
			break
		}
	}
	// A 500 says nothing more: its public message could still carry details
	// of the failure that users have no use for.
	var pe *publicError
	if status != http.StatusInternalServerError && errors.As(err, &pe) {
		message = pe.message
	}
	return status, code, message
}

// renderError writes err as a JSON error response and logs it if it is the
// server's fault (5xx): client errors are already visible in the access log.
func (s *Server) renderError(c *gin.Context, err error) {
	// Work cut short by the request's deadline is a timeout, whether or not
	// the layer below wrapped the context's error.
	if ctxErr := c.Request.Context().Err(); errors.Is(ctxErr, context.DeadlineExceeded) && !errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("%w (%w)", err, ctxErr)
	}
	status, code, message := classify(err)
	if status >= http.StatusInternalServerError {
		s.log.ErrorContext(c.Request.Context(), "request failed",
			"method", c.Request.Method,
			"path", c.Request.URL.Path,
			"status", status,
			"error", err)
	}
	if c.Writer.Written() {
		// Too late to change the response (a panic halfway through
		// rendering): cut it short.
		c.Abort()
		return
	}
	if status == http.StatusUnauthorized {
		c.Header("WWW-Authenticate", `Bearer realm="archivegraph"`)
	}
	c.AbortWithStatusJSON(status, errorBody{Error: errorDetail{Code: code, Message: message}})
}
