// Command archivegraph extracts people, parties, states and their relations
// from diplomatic documents, loads them into Neo4j and serves graph queries.
//
// Usage:
//
//	archivegraph extract [--kb FILE] PATH...   JSON lines on stdout, no database
//	archivegraph ingest  [--kb FILE] PATH...   extract and load into Neo4j
//	archivegraph serve   [--addr ADDR]         REST API and web explorer
//	archivegraph export  --seed NAME --format F  a subgraph as GraphML, GEXF, JSON, CSV or Cypher
//	archivegraph export-import-csv --out DIR PATH...  CSV files for neo4j-admin import
//	archivegraph demo    [--addr ADDR]         local Neo4j, sample corpus, serve
//
// main only wires: it reads the configuration and hands it to the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, errReported) {
			fmt.Fprintln(os.Stderr, "archivegraph:", err)
		}
		var usage usageError
		if errors.As(err, &usage) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// errReported marks a failure whose details were already printed, so main
// only sets the exit status.
var errReported = errors.New("failed (see above)")

// usageError is a mistake in the command line; it exits with status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

const usageText = `archivegraph: who met whom in diplomatic archives

Usage:
  archivegraph extract [--kb FILE] PATH...   print the extraction as JSON lines (no database)
  archivegraph ingest  [--kb FILE] PATH...   extract and load into Neo4j
  archivegraph serve   [--addr ADDR]         serve the REST API and the web explorer
  archivegraph export  --seed NAME [--depth N] [--format graphml|gexf|json|csv|cypher] [--out FILE]
                                             export the subgraph around entities
  archivegraph export-import-csv --out DIR PATH...
                                             write neo4j-admin import files for the whole graph (no database)
  archivegraph demo    [--addr ADDR] [--corpus DIR]
                                             from the repository: start a local Neo4j (unless NEO4J_URI
                                             is set), load the sample corpus, serve

PATH is a file or a folder, searched recursively for .txt, .md, .html, .jsonl
and .xml (FRUS TEI) files.

Environment:
  NEO4J_URI          default neo4j://127.0.0.1:7687
  NEO4J_USER         default none (no authentication)
  NEO4J_PASSWORD
  NEO4J_DATABASE     default neo4j
  ARCHIVEGRAPH_ADDR  default 127.0.0.1:8080
  ARCHIVEGRAPH_TOKEN bearer token for write endpoints (without it, writes are off)
  ARCHIVEGRAPH_TOKEN_ON_READS   true to require the token on reads too
  ARCHIVEGRAPH_QUERY_TIMEOUT    default 10s
  ARCHIVEGRAPH_CORS_ORIGINS     comma-separated origins allowed from browsers
  ARCHIVEGRAPH_MAX_BODY_BYTES   default 10485760
  ARCHIVEGRAPH_CACHE_TTL        default 30s; 0 turns the read cache off
  ARCHIVEGRAPH_READ_INDEX       default on; off answers every question from Neo4j

Run 'archivegraph COMMAND -h' for a command's flags.
`

// run is the whole program behind main, with its inputs passed in so that
// tests can call it.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usageText)
		return usageError{"no command given"}
	}
	cfg, err := configFromEnv(getenv)
	if err != nil {
		return err
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "extract":
		return runExtract(ctx, rest, stdout, stderr)
	case "ingest":
		return runIngest(ctx, cfg, rest, stdout, stderr)
	case "serve":
		return runServe(ctx, cfg, rest, stdout, stderr)
	case "export":
		return runExport(ctx, cfg, rest, stdout, stderr)
	case "export-import-csv":
		return runExportImportCSV(ctx, rest, stdout, stderr)
	case "demo":
		return runDemo(ctx, cfg, getenv("NEO4J_URI") != "", rest, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usageText)
		return nil
	default:
		fmt.Fprint(stderr, usageText)
		return usageError{fmt.Sprintf("unknown command %q", cmd)}
	}
}
