package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/archivegraph/archivegraph/extractor"
	"github.com/archivegraph/archivegraph/graph"
)

// ingestBatchSize is how many documents go to Neo4j in one transaction: large
// enough to amortise round trips, small enough that a retried batch is cheap.
const ingestBatchSize = 100

func runIngest(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var kbFiles stringList
	fs.Var(&kbFiles, "kb", "extra knowledge-base `FILE` merged over the built-in one (repeatable)")
	fs.StringVar(&cfg.Neo4j.URI, "neo4j-uri", cfg.Neo4j.URI, "Neo4j URI (env NEO4J_URI)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: archivegraph ingest [--kb FILE] [--neo4j-uri URI] PATH...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError{"ingest: no PATH given"}
	}
	x, files, failed, err := openInputs(kbFiles, fs.Args())
	if err != nil {
		return err
	}

	store, err := openStore(ctx, "ingest", cfg.Neo4j)
	if err != nil {
		return err
	}
	defer store.Close(context.WithoutCancel(ctx))

	bar := newProgress(stderr, len(files))
	var total graph.LoadResult
	batch := make([]extractor.Document, 0, ingestBatchSize)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		res, err := store.Load(ctx, batch)
		if err != nil {
			return fmt.Errorf("ingest: %w", err)
		}
		total.Add(res)
		batch = batch[:0]
		return nil
	}
	for res := range extractDocs(ctx, x, files) {
		switch {
		case res.FileDone:
			bar.Add(1)
		case res.Err != nil:
			failed = append(failed, skipped{Path: res.Path, Reason: res.Err})
		default:
			batch = append(batch, res.Doc)
			if len(batch) == ingestBatchSize {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	bar.Finish()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("ingest: interrupted; run it again to resume: %w", err)
	}
	fmt.Fprintf(stdout, "ingested %d documents from %d files (%d new, %d replaced, %d unchanged): %d entities and %d relations written; %d skipped\n",
		total.Documents()+total.Unchanged, len(files), total.Loaded, total.Replaced, total.Unchanged,
		total.Entities, total.Relations, len(failed))
	return reportSkipped(stderr, failed)
}

// progress is the part of a progress bar that ingest uses; off a terminal it
// does nothing, so logs and pipes stay clean.
type progress interface {
	Add(int) error
	Finish() error
}

type noProgress struct{}

func (noProgress) Add(int) error { return nil }
func (noProgress) Finish() error { return nil }

func newProgress(stderr io.Writer, n int) progress {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return noProgress{}
	}
	return progressbar.NewOptions(n,
		progressbar.OptionSetWriter(f),
		progressbar.OptionSetDescription("ingesting"),
		progressbar.OptionShowCount(),
		progressbar.OptionClearOnFinish(),
	)
}
