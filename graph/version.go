package graph

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The graph's version.
//
// Every transaction that changes documents or evidence through a Store
// (loadTx when it writes anything, DeleteDocument) ends by giving the marker
// node (:GraphVersion) a new random token, in the same transaction; loading
// documents that are all unchanged leaves it alone. The marker has a label
// of its own: kept on a (:Meta {key: 'version'}) node (with Meta.key under
// a unique constraint), it made Neo4j 5.26 answer the subgraph queries of a
// 5,000-node export in minutes instead of a second. A reader that remembers the token it saw can then
// tell, with one indexed lookup, whether anything changed since: in this
// process or in any other one writing to the same database. A random token
// rather than a counter, so that a database wiped and written again never
// shows an old value by chance.
//
// Taking the marker's lock last, after every entity and document lock of
// the transaction, cannot deadlock: a transaction that holds it waits for
// nothing else before it commits. It does serialise the last moment of
// concurrent writes, which costs them little.

// markChanged gives the graph a new version token inside write transaction tx.
func markChanged(ctx context.Context, tx neo4j.ManagedTransaction) error {
	// Without a constraint, two first writers may each create a marker;
	// every later write renews both, and readers take the smallest token,
	// which changes all the same.
	return exec(ctx, tx, "MERGE (v:GraphVersion) SET v.token = randomUUID()", nil)
}

// graphVersion reads the current version token; "" when nothing has been
// written since the database was created or wiped.
func graphVersion(ctx context.Context, tx neo4j.ManagedTransaction) (string, error) {
	rows, err := collect(ctx, tx, "MATCH (v:GraphVersion) RETURN min(v.token) AS token", nil)
	if err != nil || len(rows) == 0 {
		return "", err
	}
	return str(rows[0], "token"), nil
}
