// Package neo4jtest gives integration tests a real, dedicated Neo4j database.
//
// Tests reach it through ARCHIVEGRAPH_TEST_NEO4J_URI, which `make test` sets
// after starting a throw-away local Neo4j. Without it the tests skip on a
// developer's laptop, but fail when ARCHIVEGRAPH_REQUIRE_NEO4J=1 (as in
// `make test` and CI), so a missing database is never a silent green.
package neo4jtest

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// URI returns the test database's URI, skipping or failing the test when
// there is none.
func URI(tb testing.TB) string {
	tb.Helper()
	uri := os.Getenv("ARCHIVEGRAPH_TEST_NEO4J_URI")
	if uri != "" {
		// Printed with -v, so a test run shows which tests touched the database.
		tb.Logf("integration: real Neo4j at %s", uri)
		return uri
	}
	if os.Getenv("ARCHIVEGRAPH_REQUIRE_NEO4J") == "1" {
		tb.Fatal("ARCHIVEGRAPH_REQUIRE_NEO4J=1 but ARCHIVEGRAPH_TEST_NEO4J_URI is not set: run the tests with `make test`")
	}
	tb.Skip("no test Neo4j: set ARCHIVEGRAPH_TEST_NEO4J_URI or run `make test`")
	return ""
}

// Wipe deletes every node and relationship of the test database. It refuses
// to run against anything but the dedicated test URI.
func Wipe(tb testing.TB) {
	tb.Helper()
	uri := URI(tb)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	driver, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		tb.Fatalf("neo4jtest: open %s: %v", uri, err)
	}
	defer driver.Close(ctx)
	_, err = neo4j.ExecuteQuery(ctx, driver,
		"MATCH (n) DETACH DELETE n",
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase("neo4j"))
	if err != nil {
		tb.Fatalf("neo4jtest: wipe %s: %v", uri, err)
	}
}
