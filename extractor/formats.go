package extractor

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Raw is one document as its reader found it: the text to analyse, its
// metadata, and how offsets into that text map back to the file. Analyse
// turns it into a Document.
type Raw struct {
	ID     string // document id: the file's base name, or the id a JSON line or TEI volume gives
	Source string // the path as given

	text   string // what is analysed
	page   page   // metadata and body regions of text
	sha256 string
	// origin maps offsets in text back to the file's own bytes when the two
	// differ (HTML); nil when offsets into text are the contract's offsets.
	origin *origin
}

// readFunc splits what r holds into documents and hands them to emit in
// order. Errors it returns name source (and the line, for documents of a
// file that could not be read while the others were).
type readFunc func(source string, r io.Reader, emit func(Raw) error) error

// readers maps file extensions to their reader.
var readers = map[string]readFunc{
	".txt":      readText,
	".text":     readText,
	".md":       readText,
	".markdown": readText,
	".html":     readHTML,
	".htm":      readHTML,
	".jsonl":    readJSONL,
	".ndjson":   readJSONL,
	".xml":      readTEI,
}

// ReadFileFunc reads the file at path and hands each document it holds to
// emit, without analysing it: the cheap, sequential half of ExtractFileFunc,
// for callers that analyse on several goroutines.
func ReadFileFunc(path string, emit func(Raw) error) error {
	if !Supported(path) {
		return fmt.Errorf("extract %s: %w %q", path, ErrUnsupportedFormat, filepath.Ext(path))
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("extract %s: %w", path, err)
	}
	defer f.Close()
	return readContent(path, f, emit)
}

func readContent(source string, r io.Reader, emit func(Raw) error) error {
	read, ok := readers[strings.ToLower(filepath.Ext(source))]
	if !ok {
		return fmt.Errorf("extract %s: %w %q", source, ErrUnsupportedFormat, filepath.Ext(source))
	}
	return read(source, r, emit)
}

// LineError reports one document of a file that could not be read, while
// the rest of the file was. Readers return several joined with errors.Join.
type LineError struct {
	Path string
	Line int // 1-based
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("extract %s:%d: %v", e.Path, e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// maxLineErrors bounds the errors kept for one file, so that a file of
// nothing but bad lines cannot exhaust memory through its error list.
const maxLineErrors = 100

// lineErrors collects the failures of one file.
type lineErrors struct {
	path string
	errs []error
	more int
}

func (l *lineErrors) add(line int, err error) {
	if len(l.errs) < maxLineErrors {
		l.errs = append(l.errs, &LineError{Path: l.path, Line: line, Err: err})
		return
	}
	l.more++
}

// err joins the failures, or is nil when there were none.
func (l *lineErrors) err() error {
	errs := l.errs
	if l.more > 0 {
		errs = append(errs, fmt.Errorf("extract %s: %d more unreadable documents", l.path, l.more))
	}
	return errors.Join(errs...)
}

// readText reads a .txt or .md file as one document; offsets are into the
// file's bytes.
func readText(source string, r io.Reader, emit func(Raw) error) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("extract %s: %w", source, err)
	}
	content := string(b)
	return emit(Raw{
		ID: baseID(source), Source: source,
		text: content, page: readPage(content), sha256: hexSHA256(content),
	})
}

// baseID is the document id of a one-document file: its name without the
// extension.
func baseID(source string) string {
	return strings.TrimSuffix(filepath.Base(source), filepath.Ext(source))
}
