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

// Database is the database that tests use.
const Database = "neo4j"

// Wipe deletes every node and relationship of the test database; the schema
// stays. It refuses to run against anything but the dedicated test URI.
func Wipe(tb testing.TB) {
	tb.Helper()
	uri := URI(tb)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	driver := open(tb, uri)
	defer driver.Close(ctx)
	session := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: Database})
	defer session.Close(ctx)
	// In slices, so that wiping after a benchmark's large load does not need
	// one transaction big enough to hold it all; relationships first, since
	// one slice of nodes may carry hundreds of thousands of them. CALL … IN
	// TRANSACTIONS only runs in an auto-commit transaction, hence session.Run.
	for _, query := range []string{
		"MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
		"MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
	} {
		res, err := session.Run(ctx, query, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			tb.Fatalf("neo4jtest: wipe %s: %v", uri, err)
		}
	}
}

// Query runs one Cypher statement against the test database, for tests that
// check what a package under test wrote, and returns its records as maps.
func Query(tb testing.TB, query string, params map[string]any) []map[string]any {
	tb.Helper()
	uri := URI(tb)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	driver := open(tb, uri)
	defer driver.Close(ctx)
	result, err := neo4j.ExecuteQuery(ctx, driver, query, params,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(Database))
	if err != nil {
		tb.Fatalf("neo4jtest: %s: %v", query, err)
	}
	rows := make([]map[string]any, len(result.Records))
	for i, rec := range result.Records {
		rows[i] = rec.AsMap()
	}
	return rows
}

func open(tb testing.TB, uri string) neo4j.DriverWithContext {
	tb.Helper()
	driver, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		tb.Fatalf("neo4jtest: open %s: %v", uri, err)
	}
	return driver
}
