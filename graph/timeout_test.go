package graph_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/archivegraph/archivegraph/graph"
	"github.com/archivegraph/archivegraph/internal/neo4jtest"
)

// TestQueryTimeout runs real queries with a query timeout far too short for
// them and checks that the database's refusal comes back as ErrTimeout,
// with Neo4j's own error still in the chain.
func TestQueryTimeout(t *testing.T) {
	store := openStore(t)
	mustLoad(t, store, generated("timeout", 50, 5)...)

	hasty, err := graph.Open(context.Background(), graph.Config{URI: neo4jtest.URI(t), QueryTimeout: time.Millisecond})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = hasty.Close(context.Background()) })

	cases := []struct {
		name string
		run  func(ctx context.Context) error
	}{
		{"subgraph", func(ctx context.Context) error {
			q := graph.SubgraphQuery{Seeds: []string{"person/e-000"}, Depth: graph.MaxDepth, Limit: graph.MaxSubgraphNodes}
			return hasty.Subgraph(ctx, q, &slowSink{pause: slowSinkPause})
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run(context.Background())
			if !errors.Is(err, graph.ErrTimeout) {
				t.Fatalf("err = %v, want ErrTimeout", err)
			}
			var dbErr *neo4j.Neo4jError
			if !errors.As(err, &dbErr) {
				t.Errorf("err = %v: Neo4j's error is not kept as the cause", err)
			}
		})
	}

	t.Run("caller deadline", func(t *testing.T) {
		ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
		defer cancel()
		_, err := store.SearchEntities(ctx, "Name", "", 10, 0)
		if !errors.Is(err, graph.ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("SearchEntities past the deadline: err = %v, want ErrTimeout and context.DeadlineExceeded", err)
		}
	})
}

// slowSinkPause keeps the transaction open past its timeout whatever the
// speed of the machine: Neo4j checks timeouts periodically, not at every
// row, so a fast query can finish before a check notices it.
const slowSinkPause = 2500 * time.Millisecond

// slowSink drops what it gets, after lingering over the first node.
type slowSink struct {
	pause  time.Duration
	paused bool
}

func (s *slowSink) Node(graph.SubgraphNode) error {
	if !s.paused {
		s.paused = true
		time.Sleep(s.pause)
	}
	return nil
}

func (s *slowSink) Edge(graph.SubgraphEdge) error { return nil }
