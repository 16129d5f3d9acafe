package main

import (
	"context"
	"runtime"

	"github.com/archivegraph/archivegraph/extractor"
)

// fileResult is the extraction of one input file: its documents, or the
// reason it was skipped.
type fileResult struct {
	Path string
	Docs []extractor.Document
	Err  error
}

// extractFiles extracts files on all cores and delivers the results in the
// order of files, so that output is reproducible. At most a small window of
// results is held at once, whatever the number of files.
func extractFiles(ctx context.Context, x *extractor.Extractor, files []string) <-chan fileResult {
	workers := runtime.GOMAXPROCS(0)
	out := make(chan fileResult)
	slots := make(chan chan fileResult, 2*workers)
	go func() {
		defer close(slots)
		sem := make(chan struct{}, workers)
		for _, path := range files {
			slot := make(chan fileResult, 1)
			select {
			case slots <- slot:
			case <-ctx.Done():
				return
			}
			sem <- struct{}{}
			go func() {
				defer func() { <-sem }()
				docs, err := x.ExtractFile(path)
				slot <- fileResult{Path: path, Docs: docs, Err: err}
			}()
		}
	}()
	go func() {
		defer close(out)
		for slot := range slots {
			select {
			case out <- <-slot:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// skipped is an input that could not be used, with the reason.
type skipped struct {
	Path   string
	Reason error
}
