package extractor

import "strings"

// The context of a capitalised word says "person" where neither the
// knowledge base nor a title does: the verbs that follow it ("Chau said"),
// the company it keeps in a list ("Robertson, Parsons and Kocher"), a
// pronoun beside it ("Barrows and myself") or a possessive of kinship
// ("Nhu's wife"). These cues are what lets the extractor find people it
// has never heard of in the telegraphic prose of the sources.

// Verbs that, right after a name, show that the name is a person's.
var personVerbs = setOf(`said says stated states told tells added adds asked asks replied
replies explained explains believes believed thinks thought remarked remarks agreed agrees
feels felt complained complains commented comments urged urges insisted insists mentioned
mentions emphasized emphasised emphasizes stressed stresses declared declares assured assures
observed observes admitted admits confided confides recalled recalls wrote writes smiled
laughed promised promises denied denies argued argues answered answers inquired enquired
suggested suggests proposed proposes warned warns expressed expresses reiterated reiterates
acknowledged acknowledges interjected concurred concurs objected objects pointed
spoke speaks hopes hoped wants wanted intends intended fears feared doubts doubted
resigned sent visited arrived departed returned met saw received gave handed showed
discussed described`)

// Verbs that need a second word to say "person": "called on", "is thinking".
var personVerbPairs = map[string]map[string]bool{
	"called": setOf(`on me us him her`),
	"came":   setOf(`to in`),
	"is":     setOf(`thinking considering convinced planning reported said`),
	"was":    setOf(`thinking considering convinced reported said`),
	"has":    setOf(`told said stated asked`),
	"had":    setOf(`told said stated asked talked`),
}

// Pronouns standing for the writer or a person, which make the other side
// of an "and" a person too: "me and Barrows", "Barrows and myself".
var personPronouns = setOf(`me myself i him himself her herself he she we us you`)

// Words for a person's kin or staff after a possessive: "Chau's assistant".
var kinWords = setOf(`wife husband son sons daughter daughters brother brothers sister sisters
father mother uncle nephew cousin widow family assistant assistants deputy adviser advisor
advisers advisors secretary successor predecessor friend friends aide aides`)

// contextual adds the people shown by context. It runs to a fixed point
// because one cue feeds another: "Chau said" makes Chau a person, and then
// "Chau and Barrows" makes Barrows one.
func (r *recogniser) contextual() {
	for round := 0; round < 3; round++ {
		added := false
		for i := 0; i < len(r.toks); i++ {
			if r.covered[i] || !r.isCueCandidate(i) {
				continue
			}
			n, words, _ := r.nameRun(i)
			if words == 0 || words > 3 {
				continue
			}
			if words == 1 && r.commonWordAt(i) {
				continue
			}
			if r.personByContext(i, i+n) {
				r.add(candidate{first: i, last: i + n, typ: TypePerson, kb: -1, name: r.personName(i, i+n), rule: "context"})
				added = true
				i += n - 1
			}
		}
		if !added {
			return
		}
		sortCandidates(r.out)
	}
}

// isCueCandidate: a capitalised word in running text that could begin a
// name. Headings in capitals are left to the other rules.
func (r *recogniser) isCueCandidate(i int) bool {
	t := r.toks[i]
	if !r.isNameWord(i) || t.allCaps || len(t.key) < 3 {
		return false
	}
	if i > 0 && r.toks[i-1].sent == t.sent && r.toks[i-1].key == "-" && r.toks[i-1].end == t.start {
		return false // second half of a hyphenated word
	}
	_, _, known := r.kb.match(r.content, r.toks, i)
	return !known
}

// personByContext reports whether the tokens [first, last) read as a person
// by what surrounds them.
func (r *recogniser) personByContext(first, last int) bool {
	sent := r.toks[first].sent
	next := func(k int) string {
		if k < len(r.toks) && r.toks[k].sent == sent {
			return r.toks[k].key
		}
		return ""
	}
	prev := func(k int) string {
		if k >= 0 && r.toks[k].sent == sent {
			return r.toks[k].key
		}
		return ""
	}
	// "Chau said", "Chau then told", "Dung is thinking"
	verb := last
	if next(verb) == "then" || next(verb) == "also" || next(verb) == "later" || next(verb) == "again" {
		verb++
	}
	// a capitalised "States" after a word is part of a name, not a verb
	lowerAt := func(k int) bool { return k < len(r.toks) && !r.toks[k].capital }
	if personVerbs[next(verb)] && lowerAt(verb) {
		return true
	}
	if pair, ok := personVerbPairs[next(verb)]; ok && pair[next(verb+1)] && lowerAt(verb) {
		return true
	}
	sentStart := first == 0 || r.toks[first-1].sent != sent
	if sentStart {
		return false // the cues below need a word before the name
	}
	// "me and Barrows", "Barrows and myself"
	if (prev(first-1) == "and" && personPronouns[prev(first-2)]) ||
		(next(last) == "and" && personPronouns[next(last+1)]) {
		return true
	}
	// "Chau's assistant"
	if next(last) == "'s" && kinWords[next(last+1)] {
		return true
	}
	if determiners[prev(first-1)] {
		return false // "the Presidency, Chau said": a thing, not a list item
	}
	return r.listedWithPerson(first, last)
}

var determiners = setOf(`the a an this that these those its his her their our my your`)

// listedWithPerson: the name is an item of a list ("A, B and C", "A and B")
// whose neighbouring item is a person already found. A comma alone also
// separates a name from its office ("Mendenhall, Officer in Charge"), so
// without an "and" the name must have list separators on both sides.
func (r *recogniser) listedWithPerson(first, last int) bool {
	sent := r.toks[first].sent
	isSep := func(k int) bool {
		return k >= 0 && k < len(r.toks) && r.toks[k].sent == sent && (r.toks[k].key == "," || r.toks[k].key == "and")
	}
	// the item after: ", X", " and X", ", and X"
	k := last
	seps := 0
	for isSep(k) {
		k++
		seps++
	}
	if seps == 1 && r.toks[last].key == "," && !isSep(first-1) {
		seps = 0
	}
	// a title may open the next item: "A and Mr. B"
	for seps > 0 && k < len(r.toks) && r.toks[k].sent == sent && (titleWords[r.toks[k].key] || r.toks[k].key == ".") {
		k++
	}
	if seps > 0 && seps <= 2 && r.personStartsAt(k) {
		return true
	}
	// the item before
	k = first - 1
	seps = 0
	for isSep(k) {
		k--
		seps++
	}
	if seps == 1 && r.toks[first-1].key == "," && !isSep(last) {
		return false
	}
	return seps > 0 && seps <= 2 && r.personEndsAt(k)
}

func (r *recogniser) personStartsAt(i int) bool {
	for _, c := range r.out {
		if c.first == i {
			return c.typ == TypePerson
		}
	}
	return false
}

func (r *recogniser) personEndsAt(i int) bool {
	for _, c := range r.out {
		if c.last-1 == i {
			return c.typ == TypePerson
		}
	}
	return false
}

// Words that open sentences and are never a name by themselves, beyond the
// ones notNameWords lists: conjunctions, adverbs, determiners.
var sentenceOpeners = setOf(`although whereas whether unless until upon within without
about above across against along among around behind below beneath beside between beyond
despite except inside outside over past toward towards under unlike via
such what which who whom whose why how whatever whoever whichever
not now just much more less few little own same other
thereafter thereupon hence henceforth nonetheless notwithstanding likewise similarly
first second third next last then thus hereafter subsequently consequently
mr mrs`)

// adverbEndings are the endings of English adverbs in -ly ("Briefly",
// "Unfortunately", "Frankly"); names in -ly end otherwise ("Kelly",
// "Connolly", "Bradley", "Daly").
var adverbEndings = []string{"ally", "ully", "ously", "ively", "ably", "ibly", "edly", "ingly",
	"ently", "antly", "ately", "fly", "ctly", "tly", "dly", "rly", "nly", "mly", "ely", "ily", "ply", "wly", "kly", "gly", "hly", "xly"}

// commonWordAt reports whether the capitalised word at token i opens its
// sentence and is an ordinary English word there, not a name: an adverb
// in -ly ("Briefly stated"), a function word, or a word the same document
// also writes in lower case. Only a single word is judged: "Briefly"
// alone is not a person, but a run of name words still may be.
func (r *recogniser) commonWordAt(i int) bool {
	t := r.toks[i]
	if i > 0 && r.toks[i-1].sent == t.sent && r.toks[i-1].word {
		return false
	}
	if sentenceOpeners[t.key] || isAdverb(t.key) {
		return true
	}
	return r.writtenLower(t.key)
}

func isAdverb(key string) bool {
	if len(key) < 5 || givenNames[key] {
		return false // "Emily", "Beverly"
	}
	for _, e := range adverbEndings {
		if strings.HasSuffix(key, e) {
			return true
		}
	}
	return false
}

// writtenLower reports whether the document writes key in lower case
// somewhere, as ordinary words are and names are not.
func (r *recogniser) writtenLower(key string) bool {
	if r.lower == nil {
		r.lower = map[string]bool{}
		for _, t := range r.toks {
			if t.word && !t.capital && len(t.key) > 2 {
				r.lower[t.key] = true
			}
		}
	}
	return r.lower[key]
}
