package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/archivegraph/archivegraph/graph"
	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds what /metrics exposes in the Prometheus text format:
// requests by method, route and status, their latencies, and the latencies
// of graph queries by operation. Each Metrics has its own registry, so that
// servers (and tests) do not share counters.
type Metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	queries  *prometheus.HistogramVec
}

// NewMetrics returns an empty set of metrics, with the Go runtime's and the
// process's own collectors.
func NewMetrics() *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "archivegraph_http_requests_total",
			Help: "HTTP requests answered, by method, route pattern and status.",
		}, []string{"method", "route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "archivegraph_http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by method, route pattern and status.",
			Buckets: prometheus.DefBuckets,
		}, []string{"method", "route", "status"}),
		queries: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "archivegraph_neo4j_query_duration_seconds",
			Help:    "Time taken by graph database transactions, by operation and outcome (ok or error).",
			Buckets: prometheus.DefBuckets,
		}, []string{"op", "outcome"}),
	}
	m.registry.MustRegister(m.requests, m.latency, m.queries,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// ObserveQuery records the duration of one graph transaction. Its
// signature fits graph.Config.ObserveQuery, where it belongs.
func (m *Metrics) ObserveQuery(op string, d time.Duration, err error) {
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	m.queries.WithLabelValues(op, outcome).Observe(d.Seconds())
}

func (m *Metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// unmatchedRoute labels requests that matched no route: their raw paths
// would give the metrics one series per scanner's guess.
const unmatchedRoute = "unmatched"

// countRequests records every request under its route pattern
// (c.FullPath), never its raw path, which would carry ids and grow the
// number of series without bound.
func (s *Server) countRequests(c *gin.Context) {
	start := time.Now()
	// Deferred, so that a request whose handler aborts the connection is
	// counted too.
	defer func() {
		route := c.FullPath()
		if route == "" {
			route = unmatchedRoute
		}
		status := strconv.Itoa(c.Writer.Status())
		s.metrics.requests.WithLabelValues(c.Request.Method, route, status).Inc()
		s.metrics.latency.WithLabelValues(c.Request.Method, route, status).Observe(time.Since(start).Seconds())
	}()
	c.Next()
}

// WatchReadIndex exposes the state of the store's read index (see
// graph.Config.ReadIndex): whether it is current, its size, and how many
// questions it answered.
func (m *Metrics) WatchReadIndex(status func() graph.ReadIndexStatus) {
	gauge := func(name, help string, value func(graph.ReadIndexStatus) float64) prometheus.Collector {
		return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, func() float64 { return value(status()) })
	}
	counter := func(name, help string, value func(graph.ReadIndexStatus) float64) prometheus.Collector {
		return prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help}, func() float64 { return value(status()) })
	}
	m.registry.MustRegister(
		gauge("archivegraph_read_index_current", "1 when the read index matches the graph's last known version, else 0.",
			func(st graph.ReadIndexStatus) float64 { return boolFloat(st.Current) }),
		gauge("archivegraph_read_index_pieces", "Pieces of evidence held by the read index.",
			func(st graph.ReadIndexStatus) float64 { return float64(st.Pieces) }),
		gauge("archivegraph_read_index_build_seconds", "Time the current read index took to build.",
			func(st graph.ReadIndexStatus) float64 { return st.Built.Seconds() }),
		counter("archivegraph_read_index_answered_total", "Questions answered from the read index.",
			func(st graph.ReadIndexStatus) float64 { return float64(st.Answered) }),
	)
}

func boolFloat(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
