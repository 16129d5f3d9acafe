package extractor

// analysis is everything known about one document once its entities are
// resolved; relations are read from it.
type analysis struct {
	content string
	date    string
	toks    []token
	sents   []span
	cands   []candidate
	res     resolution
	// startAt maps a token to the candidate starting there, or -1.
	startAt []int
	// bySent lists the candidates of each sentence, in order.
	bySent [][]int

	rels []Relation
	seen map[string]bool
	byID map[string]*cluster
}

func newAnalysis(content, date string, toks []token, sents []span, cands []candidate, res resolution) *analysis {
	a := &analysis{content: content, date: date, toks: toks, sents: sents, cands: cands, res: res,
		seen: map[string]bool{}}
	a.startAt = make([]int, len(toks))
	for i := range a.startAt {
		a.startAt[i] = -1
	}
	a.bySent = make([][]int, len(sents))
	for ci, c := range cands {
		a.startAt[c.first] = ci
		s := toks[c.first].sent
		a.bySent[s] = append(a.bySent[s], ci)
	}
	return a
}

func (a *analysis) entity(ci int) *cluster { return a.res.clusters[a.res.of[ci]] }

func (a *analysis) isPerson(ci int) bool { return a.entity(ci).typ == TypePerson }

func (a *analysis) isActor(ci int) bool {
	t := a.entity(ci).typ
	return t == TypeState || t == TypeParty
}

// add records one relation with the sentence s as evidence. Symmetric
// relations (CO_MENTIONED, MET) are stored with source < target so that a
// pair has one form; SUPPORTS and OPPOSES are directed, from actor to the
// one acted on, and a mutual stance is added once each way (see stances.go).
// The same relation on the same day with the same role is kept once, except
// CO_MENTIONED, which counts sentences.
func (a *analysis) add(typ string, src, tgt *cluster, s span, date, role string) {
	if src == tgt || src.id == tgt.id {
		return
	}
	if (typ == RelCoMentioned || typ == RelMet) && tgt.id < src.id {
		src, tgt = tgt, src
	}
	if typ != RelCoMentioned {
		key := typ + "|" + src.id + "|" + tgt.id + "|" + date + "|" + role
		if a.seen[key] {
			return
		}
		a.seen[key] = true
	}
	a.rels = append(a.rels, Relation{Type: typ, Source: src.id, Target: tgt.id, Date: date,
		Evidence: a.content[s.start:s.end], Start: s.start, End: s.end, Role: role})
}

func (a *analysis) relations() []Relation {
	a.coMentions()
	a.meetings()
	a.offices()
	a.stances()
	return a.rels
}

// coMentions relates every pair of distinct entities of a sentence.
func (a *analysis) coMentions() {
	for s, cs := range a.bySent {
		var ents []*cluster
		seen := map[*cluster]bool{}
		for _, ci := range cs {
			if e := a.entity(ci); !seen[e] {
				seen[e] = true
				ents = append(ents, e)
			}
		}
		for i := range ents {
			for j := i + 1; j < len(ents); j++ {
				a.add(RelCoMentioned, ents[i], ents[j], a.sents[s], a.date, "")
			}
		}
	}
}

// sentenceTokens returns the token range [first, end) of sentence s, or an
// empty range when the sentence has no tokens.
func (a *analysis) sentenceTokens(s int) (first, end int) {
	first = firstTokenOf(a.toks, s)
	if first < 0 {
		return 0, 0
	}
	end = first
	for end < len(a.toks) && a.toks[end].sent == s {
		end++
	}
	return first, end
}

// key returns the lower-cased form of token i, or "" outside [0, end).
func (a *analysis) key(i, end int) string {
	if i < 0 || i >= end {
		return ""
	}
	return a.toks[i].key
}

// possessive reports whether candidate ci is followed by "'s".
func (a *analysis) possessive(ci int) bool {
	end := a.cands[ci].last
	return end < len(a.toks) && a.toks[end].key == "'s"
}

// clusterByID returns the document's entity with that id, or nil: relations
// may only point at entities the document names.
func (a *analysis) clusterByID(id string) *cluster {
	if a.byID == nil {
		a.byID = make(map[string]*cluster, len(a.res.clusters))
		for _, c := range a.res.clusters {
			a.byID[c.id] = c
		}
	}
	return a.byID[id]
}

// clauseStart returns the first token of the clause holding token i: after
// the last ";" or ":" before it, or the sentence's first token.
func (a *analysis) clauseStart(i, first int) int {
	for i > first && a.toks[i-1].key != ";" && a.toks[i-1].key != ":" {
		i--
	}
	return i
}

func appendUnique(list []*cluster, c *cluster) []*cluster {
	for _, x := range list {
		if x == c {
			return list
		}
	}
	return append(list, c)
}

func hasWords(toks []token, i, end int, words []string) bool {
	if i+len(words) > end {
		return false
	}
	for k, w := range words {
		if toks[i+k].key != w {
			return false
		}
	}
	return true
}
