package extractor

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ErrUnsupportedFormat is returned for files whose extension names no
// format the extractor reads.
var ErrUnsupportedFormat = errors.New("extractor: unsupported file format")

// Options configure an Extractor.
type Options struct {
	// KBFiles are the user's knowledge-base files, merged over the embedded
	// one in order: an entry with a known id adds aliases (and may rename
	// it), a new id adds an entity. Files ending in .json hold an array of
	// {"id", "name", "type", "aliases"}; any other file uses the line format
	// of the embedded knowledge base (kb/core.kb).
	KBFiles []string
}

// Extractor turns documents into entities and relations. It holds only
// read-only state after New, so one Extractor serves many goroutines.
type Extractor struct {
	kb *knowledgeBase
}

// New loads the embedded knowledge base and the user's files.
func New(opts Options) (*Extractor, error) {
	core, err := parseKB("kb/core.kb", coreKB)
	if err != nil {
		return nil, fmt.Errorf("extractor: embedded knowledge base: %w", err)
	}
	lists := [][]kbEntry{core}
	for _, path := range opts.KBFiles {
		entries, err := loadKBFile(path)
		if err != nil {
			return nil, fmt.Errorf("extractor: %w", err)
		}
		lists = append(lists, entries)
	}
	return &Extractor{kb: buildKB(lists...)}, nil
}

// Supported reports whether the extractor reads files with path's extension.
func Supported(path string) bool {
	_, ok := readers[strings.ToLower(filepath.Ext(path))]
	return ok
}

// ExtractFile reads the file at path and extracts its documents. It holds
// them all: for large files use ExtractFileFunc. When some documents of the
// file cannot be read (a malformed JSON line), it returns the others together
// with an error naming each failure.
func (x *Extractor) ExtractFile(path string) ([]Document, error) {
	var docs []Document
	err := x.ExtractFileFunc(path, func(d Document) error {
		docs = append(docs, d)
		return nil
	})
	return docs, err
}

// ExtractFileFunc reads the file at path and hands each of its documents to
// emit, in file order, as soon as it is extracted: formats that hold many
// documents (JSON lines, TEI volumes) are streamed, so memory stays bounded
// by the largest document rather than the file. An error from emit stops the
// read and is returned. Documents that cannot be read are skipped and
// reported together in the returned error (see LineError); the others are
// still emitted.
func (x *Extractor) ExtractFileFunc(path string, emit func(Document) error) error {
	return ReadFileFunc(path, func(r Raw) error { return emit(x.Analyse(r)) })
}

// Extract extracts the documents of content, read from source; the
// extension of source selects the format. Like ExtractFile, it may return
// documents together with an error for the ones it could not read.
func (x *Extractor) Extract(source string, content []byte) ([]Document, error) {
	var docs []Document
	err := readContent(source, bytes.NewReader(content), func(r Raw) error {
		docs = append(docs, x.Analyse(r))
		return nil
	})
	return docs, err
}

// Analyse extracts entities and relations from one document a reader found.
// It is the expensive step; callers may run it on many goroutines and keep
// the order themselves.
func (x *Extractor) Analyse(r Raw) Document {
	doc := x.analyse(r.text, r.page)
	if r.origin != nil {
		r.origin.remap(&doc)
	}
	doc.ID = r.ID
	doc.Source = r.Source
	doc.SHA256 = r.sha256
	return doc
}

// hexSHA256 is the content hash of a document, to detect changes.
func hexSHA256(parts ...string) string {
	h := sha256.New()
	for i, p := range parts {
		if i > 0 {
			h.Write([]byte{0})
		}
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// analyse runs the pipeline on one document's text: sentences and tokens,
// recognition, resolution, relations.
func (x *Extractor) analyse(content string, p page) Document {
	sents := splitSentences(content, p.regions)
	toks := make([]token, 0, len(content)/5)
	titleFirst, titleLast := -1, -1
	for s, sp := range sents {
		if p.titleRegion >= 0 && sp.start >= p.regions[p.titleRegion].start && sp.end <= p.regions[p.titleRegion].end {
			if titleFirst < 0 {
				titleFirst = s
			}
			titleLast = s + 1
		}
		toks = tokenize(toks, content, sp.start, sp.end, s)
	}
	r := &recogniser{kb: x.kb, content: content, toks: toks, sents: sents, titleFirst: titleFirst, titleLast: titleLast}
	cands := r.run()
	res := resolve(x.kb, cands)
	a := newAnalysis(content, p.date, toks, sents, cands, res)

	doc := Document{
		Title:          p.title,
		Date:           p.date,
		Classification: p.classification,
		Citation:       p.citation,
		Translator:     p.translator,
		RecordID:       p.recordID,
		Text:           content,
		Entities:       make([]Entity, 0, len(res.clusters)),
	}
	order := make([]int, len(res.clusters))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		return cands[res.clusters[order[i]].mentions[0]].first < cands[res.clusters[order[j]].mentions[0]].first
	})
	for _, k := range order {
		cl := res.clusters[k]
		e := Entity{ID: cl.id, Name: cl.name, Type: cl.typ, Aliases: []string{}}
		// aliases differ by more than case: "PHAM VAN DONG" is "Pham Van Dong"
		seen := map[string]bool{strings.ToLower(cl.name): true}
		for _, ci := range cl.mentions {
			c := cands[ci]
			m := Mention{Start: toks[c.first].start, End: toks[c.last-1].end}
			m.Text = content[m.Start:m.End]
			e.Mentions = append(e.Mentions, m)
			alias := displayAlias(x.kb, cl.typ, cl.kb, m.Text)
			if !seen[strings.ToLower(alias)] {
				seen[strings.ToLower(alias)] = true
				e.Aliases = append(e.Aliases, alias)
			}
		}
		sort.Strings(e.Aliases)
		doc.Entities = append(doc.Entities, e)
	}
	doc.Relations = a.relations()
	if doc.Relations == nil {
		doc.Relations = []Relation{}
	}
	return doc
}

// ExpandPaths turns the paths of a command line into the files to read:
// a folder stands for the supported files below it, sorted; a file stands
// for itself whatever its extension, so that an unsupported one is
// reported rather than skipped. Paths that cannot be read give errors
// naming them.
func ExpandPaths(paths []string) (files []string, errs []error) {
	seen := map[string]bool{}
	addFile := func(f string) {
		if !seen[f] {
			seen[f] = true
			files = append(files, f)
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("extractor: %w", err))
			continue
		}
		if !info.IsDir() {
			addFile(p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, fmt.Errorf("extractor: %w", err))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir // .git and the like
				}
				return nil
			}
			if d.Type().IsRegular() && Supported(path) && !isFolderNote(d.Name()) {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("extractor: walk %s: %w", p, err))
		}
		sort.Strings(found)
		for _, f := range found {
			addFile(f)
		}
	}
	return files, errs
}

// isFolderNote reports whether a file found while walking a folder describes
// the folder (README.md, LICENSE.txt) rather than being one of its documents.
// Named explicitly on the command line, such a file is still read.
func isFolderNote(name string) bool {
	base := strings.ToUpper(strings.TrimSuffix(name, filepath.Ext(name)))
	switch base {
	case "README", "LICENSE", "LICENCE", "CHANGELOG", "NOTICE":
		return true
	}
	return false
}
