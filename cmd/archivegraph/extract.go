package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/archivegraph/archivegraph/extractor"
)

func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var kbFiles stringList
	format := fs.String("format", "jsonl", "output format (only jsonl)")
	fs.Var(&kbFiles, "kb", "extra knowledge-base `FILE` merged over the built-in one (repeatable)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: archivegraph extract [--format jsonl] [--kb FILE] PATH...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if *format != "jsonl" {
		return usageError{fmt.Sprintf("--format %q: only jsonl is supported", *format)}
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError{"extract: no PATH given"}
	}
	x, files, failed, err := openInputs(kbFiles, fs.Args())
	if err != nil {
		return err
	}

	w := bufio.NewWriterSize(stdout, 1<<16)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for res := range extractDocs(ctx, x, files) {
		switch {
		case res.Err != nil:
			failed = append(failed, skipped{Path: res.Path, Reason: res.Err})
		case !res.FileDone:
			if err := enc.Encode(res.Doc); err != nil {
				return fmt.Errorf("extract: write output: %w", err)
			}
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("extract: write output: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return reportSkipped(stderr, failed)
}

// openInputs builds the extractor with the user's knowledge-base files and
// expands the paths into input files; paths that cannot be read are returned
// as skipped, so the run goes on without them.
func openInputs(kbFiles, paths []string) (*extractor.Extractor, []string, []skipped, error) {
	x, err := extractor.New(extractor.Options{KBFiles: kbFiles})
	if err != nil {
		return nil, nil, nil, err
	}
	files, pathErrs := extractor.ExpandPaths(paths)
	var failed []skipped
	for _, err := range pathErrs {
		failed = append(failed, skipped{Reason: err})
	}
	return x, files, failed, nil
}

// reportSkipped prints every input that could not be used and turns them into
// a non-zero exit, after the rest of the run has completed.
func reportSkipped(stderr io.Writer, failed []skipped) error {
	if len(failed) == 0 {
		return nil
	}
	fmt.Fprintf(stderr, "%d input(s) skipped:\n", len(failed))
	for _, f := range failed {
		fmt.Fprintf(stderr, "  %v\n", f.Reason)
	}
	return errReported
}
