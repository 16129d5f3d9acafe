package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/archivegraph/archivegraph/extractor"
)

// entityNameIndex is the full-text index over entity names and aliases.
const entityNameIndex = "entity_names"

// documentTextIndex is the full-text index over document titles and texts.
const documentTextIndex = "document_text"

// schemaStatements builds the schema. Every statement is IF NOT EXISTS, so
// running them again, or from several processes at once, is harmless.
func schemaStatements() []string {
	stmts := []string{
		// MERGE on a constrained property is what keeps concurrent loaders
		// from creating the same entity or document twice.
		"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE",
		"CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
		"CREATE FULLTEXT INDEX " + entityNameIndex + " IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.aliases]",
		"CREATE INDEX document_date IF NOT EXISTS FOR (d:Document) ON (d.date)",
		"CREATE INDEX document_year IF NOT EXISTS FOR (d:Document) ON (d.year)",
		// Listing entities by importance (search without a query) sorts on it.
		"CREATE INDEX entity_mentions IF NOT EXISTS FOR (e:Entity) ON (e.mentions)",
	}
	for _, typ := range extractor.EntityTypes {
		// Per-type listings ("all parties by mentions") start from the label.
		stmts = append(stmts, fmt.Sprintf("CREATE INDEX %s_mentions IF NOT EXISTS FOR (e:%s) ON (e.mentions)", strings.ToLower(typ), typ))
	}
	for _, rel := range extractor.RelationTypes {
		// Replacing or deleting a document finds its evidence by r.doc; without
		// these indexes that would scan every relationship of the type.
		stmts = append(stmts, fmt.Sprintf("CREATE INDEX %s_doc IF NOT EXISTS FOR ()-[r:%s]-() ON (r.doc)", strings.ToLower(rel), rel))
		// Queries over the whole graph in a period (all meetings of 1957,
		// the blocs of 1965) seek the evidence by date instead of reading
		// every relationship of the type.
		stmts = append(stmts, fmt.Sprintf("CREATE INDEX %s_date IF NOT EXISTS FOR ()-[r:%s]-() ON (r.date)", strings.ToLower(rel), rel))
	}
	// Meetings are listed by year across the whole graph.
	stmts = append(stmts, "CREATE INDEX met_year IF NOT EXISTS FOR ()-[r:MET]-() ON (r.year)")
	stmts = append(stmts, "CREATE FULLTEXT INDEX "+documentTextIndex+" IF NOT EXISTS FOR (d:Document) ON EACH [d.title, d.text]")
	return stmts
}

// EnsureSchema creates the constraints and indexes the store relies on and
// waits until they are online. It is idempotent.
func (s *Store) EnsureSchema(ctx context.Context) error {
	// Schema changes cannot share a transaction with each other's data, so
	// each statement gets its own.
	for _, stmt := range schemaStatements() {
		_, err := s.write(ctx, "schema", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
			return nil, exec(ctx, tx, stmt, nil)
		})
		if err != nil {
			return wrap("ensure schema: "+stmt, err)
		}
	}
	// A freshly created index is populated in the background; a search right
	// after start-up must not miss entities because of it.
	_, err := s.write(ctx, "schema", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		return nil, exec(ctx, tx, "CALL db.awaitIndexes($seconds)", map[string]any{"seconds": 300})
	})
	if err != nil {
		return wrap("ensure schema: await indexes", err)
	}
	return s.backfillAggregates(ctx)
}

// backfillAggregates builds the aggregate edges of a database that holds
// evidence but none of them: one written before aggregates existed, or by a
// bulk import. Load keeps them exact from then on. Only the process that
// claims the marker node builds, so two servers starting together do not
// build twice.
func (s *Store) backfillAggregates(ctx context.Context) error {
	out, err := s.write(ctx, "schema", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		// Counts by relationship type come from the count store: no scan.
		rows, err := collect(ctx, tx, `
			CALL () { MATCH ()-[r:AGG]->() RETURN count(r) AS aggregates }
			CALL () { MATCH ()-[r:CO_MENTIONED]->() RETURN count(r) AS comentions }
			CALL () { MATCH ()-[r:MET]->() RETURN count(r) AS meetings }
			WITH aggregates, comentions + meetings AS evidence
			WHERE aggregates = 0 AND evidence > 0
			MERGE (m:Meta {key: 'aggregates'})
			ON CREATE SET m.claimed = true
			WITH m, m.claimed AS mine
			REMOVE m.claimed
			RETURN mine`, nil)
		if err != nil {
			return false, err
		}
		return len(rows) == 1 && rows[0]["mine"] == true, nil
	})
	if err != nil {
		return wrap("ensure schema: check aggregates", err)
	}
	if out != true {
		return nil
	}
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	// CALL … IN TRANSACTIONS commits in batches and so needs an implicit
	// transaction rather than a managed one.
	result, err := session.Run(ctx, strings.TrimSuffix(strings.TrimSpace(RebuildAggregatesCypher), ";"), nil)
	if err == nil {
		_, err = result.Consume(ctx)
	}
	s.cache.invalidate()
	if err != nil {
		// Leave no marker behind, so that the next start tries again.
		_, _ = s.write(ctx, "schema", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
			return nil, exec(ctx, tx, "MATCH ()-[r:AGG]->() DELETE r", nil)
		})
		_, _ = s.write(ctx, "schema", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
			return nil, exec(ctx, tx, "MATCH (m:Meta {key: 'aggregates'}) DELETE m", nil)
		})
		return wrap("ensure schema: build aggregates", err)
	}
	return nil
}
