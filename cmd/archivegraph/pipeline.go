package main

import (
	"context"
	"runtime"

	"github.com/archivegraph/archivegraph/extractor"
)

// extracted is one step of a run, in input order: a document, a document or
// file that could not be read (Err), or the end of a file (FileDone), which
// drives progress.
type extracted struct {
	Path     string
	Doc      extractor.Document
	Err      error
	FileDone bool
}

// extractDocs reads files one after the other and analyses their documents
// on all cores, delivering results in input order so that output is
// reproducible. Documents, not files, are the unit of work, so a single
// large JSON-lines file or TEI volume uses every core too. At most a window
// of 2×GOMAXPROCS documents is in flight, whatever the size of the input:
// reading waits while the window is full.
func extractDocs(ctx context.Context, x *extractor.Extractor, files []string) <-chan extracted {
	workers := runtime.GOMAXPROCS(0)
	out := make(chan extracted)
	slots := make(chan chan extracted, 2*workers)
	go func() {
		defer close(slots)
		sem := make(chan struct{}, workers)
		// queue reserves the next place in the output order.
		queue := func() (chan extracted, error) {
			slot := make(chan extracted, 1)
			select {
			case slots <- slot:
				return slot, nil
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		deliver := func(e extracted) error {
			slot, err := queue()
			if err == nil {
				slot <- e
			}
			return err
		}
		for _, path := range files {
			err := extractor.ReadFileFunc(path, func(raw extractor.Raw) error {
				slot, err := queue()
				if err != nil {
					return err
				}
				sem <- struct{}{}
				go func() {
					defer func() { <-sem }()
					slot <- extracted{Path: path, Doc: x.Analyse(raw)}
				}()
				return nil
			})
			if ctx.Err() != nil {
				return
			}
			for _, e := range splitErrors(err) {
				if deliver(extracted{Path: path, Err: e}) != nil {
					return
				}
			}
			if deliver(extracted{Path: path, FileDone: true}) != nil {
				return
			}
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

// splitErrors lists the failures err joins (one per unreadable line of a
// JSON-lines file), so that each is reported on its own.
func splitErrors(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, splitErrors(e)...)
		}
		return out
	}
	return []error{err}
}

// skipped is an input that could not be used, with the reason.
type skipped struct {
	Path   string
	Reason error
}
