package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
)

// localNeo4j is the launcher of a local Neo4j, relative to the repository.
var localNeo4j = filepath.Join("tools", "neo4j-local", "neo4j-local")

// runDemo is the one-command start: a local Neo4j unless NEO4J_URI names a
// database, the sample corpus loaded, the API and explorer served.
// Loading is idempotent, so running it again starts in seconds.
func runDemo(ctx context.Context, cfg config, uriGiven bool, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	corpus := fs.String("corpus", filepath.Join("examples", "corpus"), "folder of documents to load first")
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "listen address (env ARCHIVEGRAPH_ADDR)")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() != 0 {
		return usageError{fmt.Sprintf("demo: unexpected argument %q", fs.Arg(0))}
	}
	if _, err := os.Stat(*corpus); err != nil {
		return fmt.Errorf("demo: sample corpus %s: %w (run demo from the repository, or give --corpus)", *corpus, err)
	}
	if !uriGiven {
		if _, err := os.Stat(localNeo4j); err != nil {
			return fmt.Errorf("demo: %s not found: run demo from the repository, or set NEO4J_URI to a running Neo4j", localNeo4j)
		}
		up := exec.CommandContext(ctx, localNeo4j, "up")
		up.Stdout, up.Stderr = stdout, stderr
		if err := up.Run(); err != nil {
			return fmt.Errorf("demo: starting the local Neo4j: %w", err)
		}
	}
	if err := runIngest(ctx, cfg, []string{*corpus}, stdout, stderr); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "Ctrl-C stops the server; 'make neo4j-down' stops the local database.")
	return runServe(ctx, cfg, []string{"--addr", cfg.Addr}, stdout, stderr)
}
