package graph

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestReadCache(t *testing.T) {
	now := time.Unix(0, 0)
	newCache := func(entries int) *readCache {
		c := newReadCache(time.Minute, entries)
		c.now = func() time.Time { return now }
		return c
	}
	counter := func(n *int) func(context.Context) (any, error) {
		return func(context.Context) (any, error) { *n++; return *n, nil }
	}
	ctx := context.Background()

	tests := []struct {
		name  string
		steps func(c *readCache, load func(context.Context) (any, error))
		want  int // loads run
	}{
		{"hit", func(c *readCache, load func(context.Context) (any, error)) {
			c.get(ctx, "k", load)
			c.get(ctx, "k", load)
		}, 1},
		{"other key", func(c *readCache, load func(context.Context) (any, error)) {
			c.get(ctx, "k", load)
			c.get(ctx, "j", load)
		}, 2},
		{"expired", func(c *readCache, load func(context.Context) (any, error)) {
			c.get(ctx, "k", load)
			now = now.Add(time.Minute)
			c.get(ctx, "k", load)
		}, 2},
		{"invalidated by a write", func(c *readCache, load func(context.Context) (any, error)) {
			c.get(ctx, "k", load)
			c.invalidate()
			c.get(ctx, "k", load)
		}, 2},
		{"least recently used goes first", func(c *readCache, load func(context.Context) (any, error)) {
			c.get(ctx, "a", load)
			c.get(ctx, "b", load)
			c.get(ctx, "a", load) // a is now the most recent
			c.get(ctx, "c", load) // evicts b
			c.get(ctx, "a", load)
			c.get(ctx, "b", load)
		}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loads := 0
			tt.steps(newCache(2), counter(&loads))
			if loads != tt.want {
				t.Errorf("queries run = %d, want %d", loads, tt.want)
			}
		})
	}

	t.Run("errors are not kept", func(t *testing.T) {
		c := newCache(2)
		loads := 0
		fail := func(context.Context) (any, error) { loads++; return nil, errors.New("boom") }
		c.get(ctx, "k", fail)
		if _, err := c.get(ctx, "k", fail); err == nil || loads != 2 {
			t.Errorf("after a failure: err = %v, queries run = %d, want an error and 2", err, loads)
		}
	})

	t.Run("concurrent misses share one query", func(t *testing.T) {
		c := newCache(2)
		var loads atomic.Int32
		release := make(chan struct{})
		load := func(context.Context) (any, error) { loads.Add(1); <-release; return "v", nil }
		var wg sync.WaitGroup
		started := make(chan struct{})
		wg.Add(1)
		go func() { defer wg.Done(); close(started); c.get(ctx, "k", load) }()
		<-started
		// The first caller is registered as in flight before it runs load;
		// wait for that, then ask again from several goroutines.
		for {
			c.mu.Lock()
			_, ok := c.inFlight["k"]
			c.mu.Unlock()
			if ok {
				break
			}
			time.Sleep(time.Millisecond)
		}
		for range 5 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if v, err := c.get(ctx, "k", load); v != "v" || err != nil {
					t.Errorf("get = %v, %v; want v", v, err)
				}
			}()
		}
		close(release)
		wg.Wait()
		if n := loads.Load(); n != 1 {
			t.Errorf("queries run = %d, want 1", n)
		}
	})

	t.Run("disabled", func(t *testing.T) {
		c := newReadCache(0, 0)
		loads := 0
		c.get(ctx, "k", counter(&loads))
		c.get(ctx, "k", counter(&loads))
		c.invalidate()
		if loads != 2 {
			t.Errorf("queries run = %d, want 2", loads)
		}
	})
}
