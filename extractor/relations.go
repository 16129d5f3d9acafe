package extractor

import (
	"strings"
)

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
// relations are stored with source < target so that a pair has one form;
// the same relation on the same day with the same role is kept once, except
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

// --- meetings ---------------------------------------------------------------

// Words that make a meeting planned, wished for or hypothetical rather than
// reported: "we plan to meet", "will be glad to receive", "can be received".
var irrealis = setOf(`will would shall should could can may might must plan plans planned
planning intend intends intended hope hopes hoped wish wishes wished want wants wanted glad
ready willing propose proposed proposes suggest suggested suggests if unless whether expect
expects expected going 'll not never n't no`)

// meetingCues are phrases that report a meeting between the people around
// them.
var meetingCues = [][]string{
	{"had", "a", "conversation", "with"}, {"had", "conversations", "with"},
	{"had", "a", "talk", "with"}, {"had", "talks", "with"}, {"held", "talks", "with"},
	{"had", "a", "meeting", "with"}, {"met", "with"}, {"met"}, {"received"},
	{"talked", "with"}, {"conferred", "with"}, {"called", "on"}, {"came", "to", "see"},
	{"conversation", "with"}, {"talks", "with"}, {"meeting", "with"},
}

func (a *analysis) meetings() {
	principals, evidence := a.principals()
	group := func(people []*cluster, s span) {
		for i := range people {
			for j := i + 1; j < len(people); j++ {
				a.add(RelMet, people[i], people[j], s, a.date, "")
			}
		}
	}
	group(principals, evidence)

	// "Cdes. A and B were present at the conversation …"
	for s, cs := range a.bySent {
		if !a.mentionsPresence(s) {
			continue
		}
		people := append([]*cluster(nil), principals...)
		for _, ci := range cs {
			if a.isPerson(ci) {
				people = appendUnique(people, a.entity(ci))
			}
		}
		group(people, a.sents[s])
	}

	// PARTICIPANTS lists
	for _, b := range participantBlocks(a.content, a.sents) {
		people := append([]*cluster(nil), principals...)
		for s := b.first; s < b.last; s++ {
			for _, ci := range a.bySent[s] {
				if a.isPerson(ci) {
					people = appendUnique(people, a.entity(ci))
					break // one person a line; the rest is their office
				}
			}
		}
		if b.last > b.first {
			group(people, span{a.sents[b.first-1].start, a.sents[b.last-1].end})
		}
	}

	for s := range a.sents {
		a.narrativeMeetings(s)
	}
}

// principals finds the people a record of conversation is between, from
// its title or heading: "Record of a Conversation between N.S. Khrushchev
// and Ho Chi Minh". Someone named in the possessive ("President Diem's
// Adviser") is not a principal.
func (a *analysis) principals() ([]*cluster, span) {
	var out []*cluster
	var ev span
	limit := len(a.sents)
	if limit > 12 {
		limit = 12
	}
	for s := 0; s < limit; s++ {
		lower := strings.ToLower(a.content[a.sents[s].start:a.sents[s].end])
		if !strings.Contains(lower, "conversation between") && !strings.Contains(lower, "conversation with") &&
			!strings.Contains(lower, "meeting between") && !strings.Contains(lower, "talks between") &&
			!strings.Contains(lower, "conversation of") {
			continue
		}
		found := false
		after := false
		for i := firstTokenOf(a.toks, s); i >= 0 && i < len(a.toks) && a.toks[i].sent == s; i++ {
			k := a.toks[i].key
			if k == "between" || k == "with" || k == "of" {
				after = true
			}
			ci := a.startAt[i]
			if ci < 0 || !after || !a.isPerson(ci) {
				continue
			}
			if end := a.cands[ci].last; end < len(a.toks) && a.toks[end].key == "'s" {
				continue
			}
			out = appendUnique(out, a.entity(ci))
			found = true
		}
		if found && ev.end == 0 {
			ev = a.sents[s]
		}
	}
	if len(out) < 2 {
		return nil, ev
	}
	return out, ev
}

// mentionsPresence: "were present", "was present", "also present",
// "present at", "[Present]", "present were" — not "at present" or "the
// present time".
func (a *analysis) mentionsPresence(s int) bool {
	for i := firstTokenOf(a.toks, s); i >= 0 && i < len(a.toks) && a.toks[i].sent == s; i++ {
		if a.toks[i].key != "present" {
			continue
		}
		prev, next := "", ""
		if i > 0 && a.toks[i-1].sent == s {
			prev = a.toks[i-1].key
		}
		if i+1 < len(a.toks) && a.toks[i+1].sent == s {
			next = a.toks[i+1].key
		}
		if prev == "were" || prev == "was" || prev == "also" || prev == "[" || next == "at" || next == "were" || next == ":" {
			return true
		}
	}
	return false
}

// narrativeMeetings reads sentences such as "Yesterday, he added, he had a
// conversation with Cdes. Kuusinen, Pospelov, and Andropov", and the
// "Mao-Kosygin meeting" of footnotes.
func (a *analysis) narrativeMeetings(s int) {
	first := firstTokenOf(a.toks, s)
	if first < 0 {
		return
	}
	end := first
	for end < len(a.toks) && a.toks[end].sent == s {
		end++
	}
	date := a.date
	for i := first; i < end; i++ {
		switch a.toks[i].key {
		case "yesterday":
			date = addDays(a.date, -1)
		}
	}
	for i := first; i < end; i++ {
		// "the Mao-Kosygin meeting"
		if ci := a.startAt[i]; ci >= 0 && a.isPerson(ci) {
			j := a.cands[ci].last
			if j+2 < end && a.toks[j].key == "-" && a.startAt[j+1] >= 0 && a.isPerson(a.startAt[j+1]) {
				k := a.cands[a.startAt[j+1]].last
				if k < end && (a.toks[k].key == "meeting" || a.toks[k].key == "talks" || a.toks[k].key == "conversation") {
					a.add(RelMet, a.entity(ci), a.entity(a.startAt[j+1]), a.sents[s], a.date, "")
				}
			}
		}
		n := cueAt(a.toks, i, end)
		if n == 0 {
			continue
		}
		clause := i
		for clause > first && a.toks[clause-1].key != ";" && a.toks[clause-1].key != ":" {
			clause--
		}
		if hypothetical(a.toks[clause:i]) {
			i += n - 1
			continue
		}
		subjects := a.subjectsBefore(clause, i, s)
		var objects []*cluster
		for j := i + n; j < end && a.toks[j].key != ";" && a.toks[j].key != ":"; j++ {
			if ci := a.startAt[j]; ci >= 0 && a.isPerson(ci) {
				if end := a.cands[ci].last; end < len(a.toks) && a.toks[end].key == "'s" {
					continue // "received Diem's adviser": the adviser is met, not Diem
				}
				objects = appendUnique(objects, a.entity(ci))
			}
		}
		for _, sub := range subjects {
			for _, obj := range objects {
				a.add(RelMet, sub, obj, a.sents[s], date, "")
			}
		}
		if len(objects) == 0 && len(subjects) > 1 && a.toks[i].key == "met" {
			for x := range subjects {
				for y := x + 1; y < len(subjects); y++ {
					a.add(RelMet, subjects[x], subjects[y], a.sents[s], date, "")
				}
			}
		}
		i += n - 1
	}
}

// cueAt returns the length of the meeting cue starting at toks[i], or 0.
func cueAt(toks []token, i, end int) int {
	for _, cue := range meetingCues {
		if i+len(cue) > end {
			continue
		}
		ok := true
		for k, w := range cue {
			if toks[i+k].key != w {
				ok = false
				break
			}
		}
		if ok {
			return len(cue)
		}
	}
	return 0
}

func hypothetical(toks []token) bool {
	for k, t := range toks {
		if irrealis[t.key] {
			return true
		}
		// "to meet", "to receive": an aim, not an event
		if t.key == "to" && k == len(toks)-1 {
			return true
		}
	}
	return false
}

// subjectsBefore returns who does the meeting: the nearest person before the
// cue in the clause (with one joined by "and": "Kosygin and Mao met"), or,
// when the clause has only "he"/"she", the first person of the nearest
// earlier sentence that names one.
func (a *analysis) subjectsBefore(clause, cue, s int) []*cluster {
	var subs []*cluster
	for j := cue - 1; j >= clause; j-- {
		ci := a.startAt[j]
		if ci < 0 || !a.isPerson(ci) {
			continue
		}
		if end := a.cands[ci].last; end < len(a.toks) && a.toks[end].key == "'s" {
			continue
		}
		if len(subs) == 0 {
			subs = append(subs, a.entity(ci))
			continue
		}
		if a.cands[ci].last < len(a.toks) && a.toks[a.cands[ci].last].key == "and" {
			subs = appendUnique(subs, a.entity(ci))
		}
		break
	}
	if len(subs) > 0 {
		return subs
	}
	pronoun := false
	for j := clause; j < cue; j++ {
		if k := a.toks[j].key; k == "he" || k == "she" {
			pronoun = true
		}
	}
	if !pronoun {
		return nil
	}
	for p := s - 1; p >= 0 && p >= s-3; p-- {
		for _, ci := range a.bySent[p] {
			if a.isPerson(ci) {
				return []*cluster{a.entity(ci)}
			}
		}
	}
	return nil
}

func appendUnique(list []*cluster, c *cluster) []*cluster {
	for _, x := range list {
		if x == c {
			return list
		}
	}
	return append(list, c)
}

// --- offices ----------------------------------------------------------------

// Words that head an office ("First Secretary", "Ambassador").
var officeHeads = setOf(`president premier chairman secretary minister ambassador chief director
head leader commander consul chargé counselor counsellor member deputy envoy representative
attaché governor king prince general marshal`)

// offices reads two appositions: "Ho Chi Minh, President of the DRV" and
// "USSR Ambassador in the DRV L. I. Sokolov". An office held in a party also
// makes its holder a member of it.
func (a *analysis) offices() {
	for ci, c := range a.cands {
		s := a.toks[c.first].sent
		if a.isPerson(ci) {
			// Person , [the] Office of|in|to [the] Entity
			j := c.last
			if j >= len(a.toks) || a.toks[j].key != "," {
				continue
			}
			rs, re := a.officeRun(j+1, s)
			if re == rs {
				continue
			}
			k := re
			if k < len(a.toks) && a.toks[k].sent == s && (a.toks[k].key == "of" || a.toks[k].key == "in" || a.toks[k].key == "to") {
				k++
				if k < len(a.toks) && a.toks[k].key == "the" {
					k++
				}
				if k < len(a.toks) && a.toks[k].sent == s && a.startAt[k] >= 0 && a.isActorOrOrg(a.startAt[k]) {
					a.office(a.entity(ci), a.entity(a.startAt[k]), a.roleText(rs, re), s)
				}
			}
			continue
		}
		if !a.isActorOrOrg(ci) {
			continue
		}
		// Entity Office [in|to [the] Entity] Person
		rs, re := a.officeRun(c.last, s)
		if re == rs || rs != c.last {
			continue
		}
		k := re
		if k < len(a.toks) && (a.toks[k].key == "in" || a.toks[k].key == "to") {
			k++
			if k < len(a.toks) && a.toks[k].key == "the" {
				k++
			}
			if k < len(a.toks) && a.startAt[k] >= 0 {
				k = a.cands[a.startAt[k]].last
			}
		}
		if k < len(a.toks) && a.toks[k].sent == s && a.startAt[k] >= 0 && a.isPerson(a.startAt[k]) {
			a.office(a.entity(a.startAt[k]), a.entity(ci), a.roleText(rs, re), s)
		}
	}
}

func (a *analysis) isActorOrOrg(ci int) bool {
	return a.isActor(ci) || a.entity(ci).typ == TypeOrganization
}

// officeRun returns the capitalised words of an office starting at i (after
// an optional "the"), or an empty range when none of them heads an office.
func (a *analysis) officeRun(i, s int) (int, int) {
	if i < len(a.toks) && a.toks[i].key == "the" {
		i++
	}
	j := i
	head := false
	for j < len(a.toks) && a.toks[j].sent == s && a.toks[j].word && a.toks[j].capital && a.startAt[j] < 0 {
		head = head || officeHeads[a.toks[j].key]
		j++
		if j+1 < len(a.toks) && a.toks[j].key == "-" && a.toks[j+1].word {
			j += 2 // "Secretary-General"
		}
	}
	if !head {
		return i, i
	}
	return i, j
}

func (a *analysis) roleText(rs, re int) string {
	return titleCase(a.content[a.toks[rs].start:a.toks[re-1].end])
}

func (a *analysis) office(person, org *cluster, role string, s int) {
	a.add(RelHoldsOffice, person, org, a.sents[s], a.date, role)
	if org.typ == TypeParty || org.typ == TypeOrganization {
		a.add(RelMemberOf, person, org, a.sents[s], a.date, "")
	}
}

// --- stances ----------------------------------------------------------------

// Cues of one state or party supporting or opposing another. They are few
// and literal on purpose: a wrong alliance misleads more than a missing one.
var stanceCues = []struct {
	words []string
	rel   string
}{
	{[]string{"aid", "to"}, RelSupports},
	{[]string{"assistance", "to"}, RelSupports},
	{[]string{"support", "to"}, RelSupports},
	{[]string{"support", "for"}, RelSupports},
	{[]string{"supports"}, RelSupports},
	{[]string{"supported"}, RelSupports},
	{[]string{"solidarity", "with"}, RelSupports},
	{[]string{"aggression", "against"}, RelOpposes},
	{[]string{"against"}, RelOpposes},
	{[]string{"condemned"}, RelOpposes},
	{[]string{"condemns"}, RelOpposes},
	{[]string{"attacked"}, RelOpposes},
	{[]string{"bombing", "of"}, RelOpposes},
}

// stances reads "the Soviet Union has been giving great aid to the DRV"
// (SUPPORTS) and "aggressive actions of American imperialism against the
// DRV" (OPPOSES): the nearest state or party before the cue acts on the
// first one after it. "supported by" turns the roles round. Negated and
// hypothetical statements are skipped.
func (a *analysis) stances() {
	for s := range a.sents {
		first := firstTokenOf(a.toks, s)
		if first < 0 {
			continue
		}
		end := first
		for end < len(a.toks) && a.toks[end].sent == s {
			end++
		}
		for i := first; i < end; i++ {
			for _, cue := range stanceCues {
				if !hasWords(a.toks, i, end, cue.words) {
					continue
				}
				after := i + len(cue.words)
				passive := after < end && a.toks[after].key == "by"
				if passive {
					after++
				}
				before := a.actorBefore(i, first)
				target := a.actorAfter(after, end)
				if before < 0 || target < 0 {
					break
				}
				if hypothetical(a.toks[a.cands[before].last:i]) {
					break
				}
				src, tgt := a.entity(before), a.entity(target)
				if passive {
					src, tgt = tgt, src
				}
				a.add(cue.rel, src, tgt, a.sents[s], a.date, "")
				break
			}
		}
	}
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

// actorBefore returns the nearest state or party ending within ten tokens
// before i, not across a comma or semicolon, or -1.
func (a *analysis) actorBefore(i, first int) int {
	for j := i - 1; j >= first && j >= i-10; j-- {
		if a.toks[j].key == ";" || a.toks[j].key == ":" || a.toks[j].key == "," {
			return -1
		}
		if ci := a.startAt[j]; ci >= 0 && a.cands[ci].last <= i {
			if a.isActor(ci) {
				return ci
			}
		}
	}
	return -1
}

// actorAfter returns the first state or party starting within four tokens
// from i, or -1.
func (a *analysis) actorAfter(i, end int) int {
	for j := i; j < end && j < i+4; j++ {
		if ci := a.startAt[j]; ci >= 0 {
			if a.isActor(ci) {
				return ci
			}
			return -1
		}
	}
	return -1
}
