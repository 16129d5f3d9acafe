package main

import (
	"context"
	"fmt"

	"github.com/archivegraph/archivegraph/graph"
)

// openStore connects to Neo4j and makes sure the schema (and, for a database
// written without them, the aggregate edges) is in place, so that every
// command that reads or writes the graph starts from the same footing. cmd
// names the command in errors.
func openStore(ctx context.Context, cmd string, cfg graph.Config) (*graph.Store, error) {
	store, err := graph.Open(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (is Neo4j running? try `make neo4j-up`, or set NEO4J_URI)", cmd, err)
	}
	if err := store.EnsureSchema(ctx); err != nil {
		store.Close(context.WithoutCancel(ctx))
		return nil, fmt.Errorf("%s: %w", cmd, err)
	}
	return store, nil
}
