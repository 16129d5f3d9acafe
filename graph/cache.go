package graph

import (
	"container/list"
	"context"
	"sync"
	"time"
)

// DefaultCacheEntries bounds the read cache when Config.CacheEntries is 0.
const DefaultCacheEntries = 20000

// readCache keeps the answers of the interactive reads (search, entity,
// neighbours, meetings) for a short time. An archive changes only when
// documents are loaded or deleted, while analysts ask for the same hubs
// over and over: a hub such as the Soviet Union has a hundred thousand
// pieces of evidence to aggregate, which takes the database far longer
// than an interactive answer may. Loads and deletions through this Store
// empty the cache at once; the TTL bounds how long the writes of other
// processes stay unseen.
//
// Concurrent misses on one key wait for a single query rather than each
// running their own, so that a burst on a cold hub costs the database one
// aggregation.
type readCache struct {
	ttl time.Duration
	max int
	now func() time.Time

	mu       sync.Mutex
	gen      uint64 // bumped by invalidate; answers of older generations are dropped
	entries  map[string]*list.Element
	order    *list.List // front: most recently used
	inFlight map[string]*call
}

type cacheEntry struct {
	key     string
	value   any
	expires time.Time
}

// call is one query that several callers wait for.
type call struct {
	done  chan struct{}
	value any
	err   error
}

func newReadCache(ttl time.Duration, entries int) *readCache {
	if ttl <= 0 {
		return nil
	}
	if entries <= 0 {
		entries = DefaultCacheEntries
	}
	return &readCache{ttl: ttl, max: entries, now: time.Now,
		entries: map[string]*list.Element{}, order: list.New(), inFlight: map[string]*call{}}
}

// get returns the cached answer for key, or runs load once for all the
// callers that miss at the same time. Errors are not cached. A nil cache
// just runs load.
func (c *readCache) get(ctx context.Context, key string, load func(ctx context.Context) (any, error)) (any, error) {
	if c == nil {
		return load(ctx)
	}
	c.mu.Lock()
	if el, ok := c.entries[key]; ok {
		e := el.Value.(*cacheEntry)
		if c.now().Before(e.expires) {
			c.order.MoveToFront(el)
			c.mu.Unlock()
			return e.value, nil
		}
		c.order.Remove(el)
		delete(c.entries, key)
	}
	if cl, ok := c.inFlight[key]; ok {
		c.mu.Unlock()
		select {
		case <-cl.done:
			return cl.value, cl.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	cl := &call{done: make(chan struct{})}
	c.inFlight[key] = cl
	gen := c.gen
	c.mu.Unlock()

	// The shared query must not die with the first caller's request, but
	// it keeps that request's deadline, and the store's query timeout
	// bounds it in any case.
	qctx := context.WithoutCancel(ctx)
	if deadline, ok := ctx.Deadline(); ok {
		var cancel context.CancelFunc
		qctx, cancel = context.WithDeadline(qctx, deadline)
		defer cancel()
	}
	cl.value, cl.err = load(qctx)

	c.mu.Lock()
	delete(c.inFlight, key)
	if cl.err == nil && gen == c.gen {
		c.entries[key] = c.order.PushFront(&cacheEntry{key: key, value: cl.value, expires: c.now().Add(c.ttl)})
		for c.order.Len() > c.max {
			oldest := c.order.Back()
			c.order.Remove(oldest)
			delete(c.entries, oldest.Value.(*cacheEntry).key)
		}
	}
	c.mu.Unlock()
	close(cl.done)
	return cl.value, cl.err
}

// invalidate forgets every answer, including those of queries still
// running, which may have read the data before the change.
func (c *readCache) invalidate() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.gen++
	clear(c.entries)
	c.order.Init()
	c.mu.Unlock()
}
