package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/archivegraph/archivegraph/export"
	"github.com/archivegraph/archivegraph/extractor"
	"github.com/archivegraph/archivegraph/graph"
)

func runExport(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var seeds, rels, types stringList
	var q graph.SubgraphQuery
	fs.Var(&seeds, "seed", "entity `ID or name` to start from (repeatable)")
	fs.IntVar(&q.Depth, "depth", 1, fmt.Sprintf("hops from the seeds, 1 to %d", graph.MaxDepth))
	fs.Var(&rels, "rel", "relation types to follow, comma-separated (default all)")
	fs.Var(&types, "type", "entity types to keep, comma-separated (default all)")
	fs.StringVar(&q.Period.From, "from", "", "earliest evidence, a year or ISO date")
	fs.StringVar(&q.Period.To, "to", "", "latest evidence, a year or ISO date")
	fs.IntVar(&q.MinWeight, "min-weight", 0, "drop edges with less evidence than this")
	fs.IntVar(&q.Limit, "limit", 0, fmt.Sprintf("at most this many nodes (default %d, at most %d)", graph.DefaultSubgraphNodes, graph.MaxSubgraphNodes))
	format := fs.String("format", "graphml", "output format: "+strings.Join(export.Formats, ", "))
	out := fs.String("out", "", "write to `FILE` instead of standard output")
	fs.StringVar(&cfg.Neo4j.URI, "neo4j-uri", cfg.Neo4j.URI, "Neo4j URI (env NEO4J_URI)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: archivegraph export --seed NAME [--seed NAME] [--depth N] [--rel MET,SUPPORTS] [--type Person] [--from YEAR] [--to YEAR] [--min-weight N] [--limit N] [--format FORMAT] [--out FILE]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() != 0 {
		return usageError{fmt.Sprintf("export: unexpected argument %q", fs.Arg(0))}
	}
	if len(seeds) == 0 {
		fs.Usage()
		return usageError{"export: no --seed given"}
	}
	if _, _, _, err := export.Writer(*format, io.Discard); err != nil {
		return usageError{"export: --format: " + err.Error()}
	}
	q.Relations = splitList(rels)
	q.Types = splitList(types)

	store, err := openStore(ctx, "export", cfg.Neo4j)
	if err != nil {
		return err
	}
	defer store.Close(context.WithoutCancel(ctx))
	for _, ref := range seeds {
		e, err := store.ResolveEntity(ctx, ref)
		if errors.Is(err, graph.ErrNotFound) {
			return fmt.Errorf("export: --seed %q: no entity of that id, name or alias", ref)
		}
		if err != nil {
			return fmt.Errorf("export: --seed %q: %w", ref, err)
		}
		fmt.Fprintf(stderr, "seed %q: %s (%s)\n", ref, e.Name, e.ID)
		q.Seeds = append(q.Seeds, e.ID)
	}

	w := stdout
	var file *os.File
	if *out != "" {
		if file, err = os.Create(*out); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		w = file
	}
	// The writers buffer and flush on Close; the format was checked above.
	sink, _, _, _ := export.Writer(*format, w)
	err = store.Subgraph(ctx, q, sink)
	if err == nil {
		err = sink.Close()
	}
	if file != nil {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			// A half-written export must not pass for a whole one.
			os.Remove(*out)
		}
	}
	if errors.Is(err, graph.ErrInvalid) {
		return usageError{"export: " + err.Error()}
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// splitList turns repeated, comma-separated flag values into one list.
func splitList(values []string) []string {
	var out []string
	for _, v := range values {
		for _, item := range strings.Split(v, ",") {
			if item = strings.TrimSpace(item); item != "" {
				out = append(out, item)
			}
		}
	}
	return out
}

func runExportImportCSV(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export-import-csv", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var kbFiles stringList
	dir := fs.String("out", "", "`DIR` to write the CSV files to (created if missing)")
	database := fs.String("database", "neo4j", "database name for the printed neo4j-admin command")
	fs.Var(&kbFiles, "kb", "extra knowledge-base `FILE` merged over the built-in one (repeatable)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: archivegraph export-import-csv --out DIR [--kb FILE] PATH...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if *dir == "" {
		fs.Usage()
		return usageError{"export-import-csv: no --out DIR given"}
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError{"export-import-csv: no PATH given"}
	}
	x, err := extractor.New(extractor.Options{KBFiles: kbFiles})
	if err != nil {
		return err
	}
	files, pathErrs := extractor.ExpandPaths(fs.Args())
	var failed []skipped
	for _, err := range pathErrs {
		failed = append(failed, skipped{Reason: err})
	}
	csvs, err := export.NewImportCSV(*dir)
	if err != nil {
		return err
	}
	for res := range extractDocs(ctx, x, files) {
		switch {
		case res.Err != nil:
			failed = append(failed, skipped{Path: res.Path, Reason: res.Err})
		case !res.FileDone:
			if err := csvs.Add(res.Doc); err != nil {
				failed = append(failed, skipped{Path: res.Path, Reason: err})
			}
		}
	}
	if err := csvs.Close(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	n := csvs.Counts()
	fmt.Fprintf(stdout, "wrote %d documents, %d entities, %d mentions and %d relations to %s\n",
		n.Documents, n.Entities, n.Mentions, n.Relations, *dir)
	fmt.Fprintf(stdout, "import them with Neo4j stopped (this replaces the database):\n  %s\n", csvs.Command(*database))
	fmt.Fprintf(stdout, "then start Neo4j and run once:\n  cypher-shell -d %s -f %s\n",
		*database, shellPath(*dir, export.AfterImportFile))
	fmt.Fprintln(stdout, "the first `archivegraph serve` or `ingest` on that database then builds its aggregate edges")
	return reportSkipped(stderr, failed)
}

func shellPath(dir, name string) string {
	p := strings.TrimSuffix(dir, "/") + "/" + name
	if strings.ContainsAny(p, " '\"$`\\") {
		return "'" + strings.ReplaceAll(p, "'", `'\''`) + "'"
	}
	return p
}
