package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// Defaults of Config.
const (
	DefaultDatabase     = "neo4j"
	DefaultQueryTimeout = 10 * time.Second
	DefaultWriteTimeout = 2 * time.Minute
)

// Config says how to reach the database.
type Config struct {
	URI      string // e.g. neo4j://127.0.0.1:7687; neo4j:// routes, so clusters and Aura work unchanged
	User     string // empty: no authentication
	Password string
	Database string // default "neo4j"
	// QueryTimeout bounds every read transaction (default 10 s).
	QueryTimeout time.Duration
	// WriteTimeout bounds each load or delete transaction (default 2 min):
	// a batch of a hundred long documents legitimately takes longer than an
	// interactive query should.
	WriteTimeout time.Duration
	// ObserveQuery, if set, is told the duration and outcome of every
	// transaction the store runs, named by a short operation ("search",
	// "neighbors", "meetings", "paths", "subgraph", "communities",
	// "documents", "load", …), so that the caller can export database
	// latencies without this package knowing about metrics. It is called
	// from the goroutine that ran the query and must be safe for concurrent
	// use.
	ObserveQuery func(op string, d time.Duration, err error)
	// CacheTTL, when positive, keeps the answers of entity search, entity
	// detail, neighbours and meetings for that long (see readCache). Writes
	// through the Store empty the cache; writes by other processes show
	// after at most CacheTTL. Zero disables the cache.
	CacheTTL time.Duration
	// CacheEntries bounds the cached answers (default DefaultCacheEntries),
	// least recently used out first.
	CacheEntries int
	// ReadIndex keeps an exact in-memory copy of the entities, mentions and
	// evidence to answer entity search and details, neighbourhoods,
	// meetings and subgraphs in the process; see snapshot.go. It costs about 50 bytes
	// per piece of evidence plus each evidence sentence once, and a full
	// read of the graph whenever the graph changed. For servers.
	ReadIndex bool
	// ReadIndexCheck is how often the read index asks the database whether
	// the graph changed (default DefaultReadIndexCheck): writes by other
	// processes are answered from Neo4j, not from an outdated copy, at most
	// this long after they commit.
	ReadIndexCheck time.Duration
}

// Store is the Neo4j-backed graph. It is safe for concurrent use, also by
// several processes loading into the same database at once.
type Store struct {
	driver       neo4j.DriverWithContext
	database     string
	queryTimeout time.Duration
	writeTimeout time.Duration
	observe      func(op string, d time.Duration, err error)
	cache        *readCache // nil: no cache
	index        *readIndex // nil: no read index
}

// Open connects to Neo4j and checks that it answers. Its error wraps
// ErrUnavailable when the server cannot be reached.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.URI == "" {
		return nil, fmt.Errorf("graph: open: %w: empty URI", ErrInvalid)
	}
	if cfg.Database == "" {
		cfg.Database = DefaultDatabase
	}
	if cfg.QueryTimeout <= 0 {
		cfg.QueryTimeout = DefaultQueryTimeout
	}
	if cfg.WriteTimeout <= 0 {
		cfg.WriteTimeout = DefaultWriteTimeout
	}
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		// Overlapping batches from concurrent loaders deadlock now and then;
		// Neo4j aborts one side and the driver retries it, which needs more
		// patience than the default 30 s under heavy contention.
		c.MaxTransactionRetryTime = time.Minute
	})
	if err != nil {
		return nil, fmt.Errorf("graph: open %s: %w", cfg.URI, err)
	}
	if err := driver.VerifyConnectivity(ctx); err != nil {
		_ = driver.Close(ctx)
		return nil, fmt.Errorf("graph: open %s: %w: %w", cfg.URI, ErrUnavailable, err)
	}
	s := &Store{
		driver:       driver,
		database:     cfg.Database,
		queryTimeout: cfg.QueryTimeout,
		writeTimeout: cfg.WriteTimeout,
		observe:      cfg.ObserveQuery,
		cache:        newReadCache(cfg.CacheTTL, cfg.CacheEntries),
		index:        newReadIndex(cfg.ReadIndex, cfg.ReadIndexCheck),
	}
	if s.index != nil {
		go s.watch()
		s.index.poke() // build at once
	}
	return s, nil
}

// Close releases the driver's connections.
func (s *Store) Close(ctx context.Context) error {
	s.index.close()
	if err := s.driver.Close(ctx); err != nil {
		return fmt.Errorf("graph: close: %w", err)
	}
	return nil
}

// Ping checks that the configured database answers a query, which is more
// than connectivity: a stopped or missing database fails here.
func (s *Store) Ping(ctx context.Context) error {
	_, err := s.read(ctx, "ping", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		_, err := collect(ctx, tx, "RETURN 1 AS ok", nil)
		return nil, err
	})
	if err != nil {
		return fmt.Errorf("graph: ping: %w: %w", ErrUnavailable, err)
	}
	return nil
}

// txWork is a transaction function that also gets the caller's context.
type txWork func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error)

// read runs work in a read transaction bounded by the query timeout; op
// names it for Config.ObserveQuery.
func (s *Store) read(ctx context.Context, op string, work txWork) (any, error) {
	start := time.Now()
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{
		DatabaseName: s.database,
		AccessMode:   neo4j.AccessModeRead,
	})
	defer session.Close(ctx)
	out, err := session.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return work(ctx, tx)
	}, neo4j.WithTxTimeout(s.queryTimeout))
	s.observed(op, start, err)
	return out, err
}

// cachedRead is read through the read cache: key must name op and every
// argument that shapes the answer. What work returns is shared by every
// caller that gets it from the cache, so callers must not modify it.
func (s *Store) cachedRead(ctx context.Context, op, key string, work txWork) (any, error) {
	return s.cache.get(ctx, op+"\x00"+key, func(ctx context.Context) (any, error) {
		return s.read(ctx, op, work)
	})
}

// observed reports one transaction to Config.ObserveQuery, if set.
func (s *Store) observed(op string, start time.Time, err error) {
	if s.observe != nil {
		s.observe(op, time.Since(start), err)
	}
}

// write runs work in a write transaction bounded by the write timeout. The
// driver may run work several times (transient errors, leader changes), so
// work must be idempotent and keep its state in local variables.
func (s *Store) write(ctx context.Context, op string, work txWork) (any, error) {
	start := time.Now()
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{
		DatabaseName: s.database,
		AccessMode:   neo4j.AccessModeWrite,
	})
	defer session.Close(ctx)
	out, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return work(ctx, tx)
	}, neo4j.WithTxTimeout(s.writeTimeout))
	// Even a failed write may have committed before its answer was lost.
	s.cache.invalidate()
	s.index.changed()
	s.observed(op, start, err)
	return out, err
}

// wrap adds the operation to err, ErrTimeout when the query ran out of time
// and ErrUnavailable when the cause is the database being out of reach, so
// that callers can answer 504 or 503.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	// A timeout first: a deadline that expires mid-query often surfaces as
	// a broken connection too.
	if timedOut(err) {
		var conn *neo4j.ConnectivityError
		if !errors.Is(err, context.DeadlineExceeded) && errors.As(err, &conn) && errors.Is(conn.Inner, context.DeadlineExceeded) {
			// Let callers see the deadline the driver's error hides.
			return fmt.Errorf("graph: %s: %w: %w (%w)", op, ErrTimeout, err, context.DeadlineExceeded)
		}
		return fmt.Errorf("graph: %s: %w: %w", op, ErrTimeout, err)
	}
	if unreachable(err) {
		return fmt.Errorf("graph: %s: %w: %w", op, ErrUnavailable, err)
	}
	return fmt.Errorf("graph: %s: %w", op, err)
}

func unreachable(err error) bool {
	var conn *neo4j.ConnectivityError
	if errors.As(err, &conn) {
		return true
	}
	// Retries that ran out hide their last error inside.
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) && len(limit.Errors) > 0 {
		return unreachable(limit.Errors[len(limit.Errors)-1])
	}
	return false
}

// Neo4j's codes for a transaction stopped by its timeout: the one the
// driver asked for (neo4j.WithTxTimeout), and the server's own limit.
var timeoutCodes = []string{
	"Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
	"Neo.ClientError.Transaction.TransactionTimedOut",
}

func timedOut(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	// The driver reports a deadline that struck while it waited for a
	// connection as a connectivity error, which does not unwrap.
	var conn *neo4j.ConnectivityError
	if errors.As(err, &conn) && conn.Inner != nil && timedOut(conn.Inner) {
		return true
	}
	var dbErr *neo4j.Neo4jError
	if errors.As(err, &dbErr) && slices.Contains(timeoutCodes, dbErr.Code) {
		return true
	}
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) && len(limit.Errors) > 0 {
		return timedOut(limit.Errors[len(limit.Errors)-1])
	}
	return false
}

// exec runs a statement and consumes its result inside the transaction, as
// the driver requires for retries to be safe.
func exec(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any) error {
	res, err := tx.Run(ctx, query, params)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// collect runs a query and returns its records as maps keyed by column.
func collect(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any) ([]map[string]any, error) {
	res, err := tx.Run(ctx, query, params)
	if err != nil {
		return nil, err
	}
	records, err := res.Collect(ctx)
	if err != nil {
		return nil, err
	}
	rows := make([]map[string]any, len(records))
	for i, rec := range records {
		rows[i] = rec.AsMap()
	}
	return rows, nil
}

// Typed access to values decoded by the driver. Missing and null values read
// as zero values: optional properties are simply absent on nodes.

func str(m map[string]any, key string) string {
	v, _ := m[key].(string)
	return v
}

func integer(m map[string]any, key string) int {
	switch v := m[key].(type) {
	case int64:
		return int(v)
	case float64:
		return int(v)
	}
	return 0
}

func float(m map[string]any, key string) float64 {
	switch v := m[key].(type) {
	case float64:
		return v
	case int64:
		return float64(v)
	}
	return 0
}

func strs(m map[string]any, key string) []string { return asStrings(m[key]) }

// asStrings decodes a list of strings; a missing value reads as empty.
func asStrings(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func object(m map[string]any, key string) map[string]any {
	v, _ := m[key].(map[string]any)
	return v
}

func objects(m map[string]any, key string) []map[string]any {
	list, _ := m[key].([]any)
	out := make([]map[string]any, 0, len(list))
	for _, v := range list {
		if o, ok := v.(map[string]any); ok {
			out = append(out, o)
		}
	}
	return out
}
