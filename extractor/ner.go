package extractor

import (
	"strings"
	"sync"

	"github.com/jdkato/prose/v2"
)

// prose's model takes about half a second to load, and NewDocument reloads
// it on every call unless it is handed one: the package loads it once.
var (
	proseOnce        sync.Once
	loadedProseModel *prose.Model
	// proseMu serialises calls into prose, whose model is not documented
	// as safe for concurrent use, and guards proseVerdicts.
	proseMu sync.Mutex
	// proseVerdicts remembers prose's answer for a name and the words
	// around it: a corpus names the same people in the same phrases again
	// and again.
	proseVerdicts = map[string]bool{}
)

// maxProseVerdicts bounds the memory of proseVerdicts on long runs.
const maxProseVerdicts = 100000

func proseModel() *prose.Model {
	proseOnce.Do(func() {
		if doc, err := prose.NewDocument(""); err == nil {
			loadedProseModel = doc.Model
		}
	})
	return loadedProseModel
}

// proseWindow is how many tokens either side of an unknown name prose sees:
// enough context for its tagger, little enough to stay cheap.
const proseWindow = 6

// proseTokensPerCall bounds the share of a document sent to prose (one call
// per this many tokens, at least one): prose is about a hundred times slower
// than the rest of the extractor.
const proseTokensPerCall = 2000

// statisticalNames asks prose's entity recogniser about the capitalised
// words in running text that neither the knowledge base nor a rule
// explained. Each distinct word is asked about once per document, in a
// short window of its sentence.
func (r *recogniser) statisticalNames() {
	budget := 1 + len(r.toks)/proseTokensPerCall
	asked := map[string]bool{}
	var people map[string]bool
	for i := 0; i < len(r.toks); i++ {
		if r.covered[i] || !r.isCueCandidate(i) || i == 0 || r.toks[i-1].sent != r.toks[i].sent {
			continue
		}
		n, words, initials := r.nameRun(i)
		if words == 0 || words > 3 || initials > 0 {
			continue
		}
		key := r.content[r.toks[i].start:r.toks[i+n-1].end]
		if !asked[key] {
			if budget == 0 {
				continue
			}
			budget--
			asked[key] = true
			if r.proseSaysPerson(i, i+n, key) {
				if people == nil {
					people = map[string]bool{}
				}
				people[key] = true
			}
		}
		if people[key] {
			r.add(candidate{first: i, last: i + n, typ: TypePerson, kb: -1, name: r.personName(i, i+n), rule: "prose"})
			i += n - 1
		}
	}
	if people != nil {
		sortCandidates(r.out)
	}
}

// proseSaysPerson runs prose on the window around tokens [first, last) and
// reports whether it labels exactly those words a person.
func (r *recogniser) proseSaysPerson(first, last int, name string) bool {
	model := proseModel()
	if model == nil {
		return false
	}
	sent := r.toks[first].sent
	lo, hi := first, last
	for lo > 0 && first-lo < proseWindow && r.toks[lo-1].sent == sent {
		lo--
	}
	for hi < len(r.toks) && hi-last < proseWindow && r.toks[hi].sent == sent {
		hi++
	}
	window := r.content[r.toks[lo].start:r.toks[hi-1].end]
	proseMu.Lock()
	defer proseMu.Unlock()
	cacheKey := name + "\x00" + window
	if v, ok := proseVerdicts[cacheKey]; ok {
		return v
	}
	entities, ok := proseEntities(window, model)
	if !ok {
		return false
	}
	verdict := false
	for _, e := range entities {
		if e.Label == "PERSON" && strings.Join(strings.Fields(e.Text), " ") == strings.Join(strings.Fields(name), " ") {
			verdict = true
			break
		}
	}
	if len(proseVerdicts) >= maxProseVerdicts {
		clear(proseVerdicts)
	}
	proseVerdicts[cacheKey] = verdict
	return verdict
}

// proseEntities runs prose's tagger and NER on text. prose is unmaintained and
// its tokenizer panics on some malformed input (found by fuzzing), so the
// text is made valid UTF-8 first and a panic counts as "no answer" rather
// than ending a run over thousands of documents.
func proseEntities(text string, model *prose.Model) (entities []prose.Entity, ok bool) {
	defer func() {
		if recover() != nil {
			entities, ok = nil, false
		}
	}()
	doc, err := prose.NewDocument(strings.ToValidUTF8(text, " "), prose.UsingModel(model), prose.WithSegmentation(false))
	if err != nil {
		return nil, false
	}
	return doc.Entities(), true
}
