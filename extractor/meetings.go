package extractor

import (
	"strconv"
	"strings"
	"time"
)

// Words that make a meeting planned, wished for, refused or hypothetical
// rather than reported: "we plan to meet", "will be glad to receive", "can be
// received", "refused to receive".
var irrealis = setOf(`will would shall should could can may might must plan plans planned
planning intend intends intended intending hope hopes hoped hoping wish wishes wished want wants
wanted glad ready willing propose proposed proposes proposing suggest suggested suggests if
unless whether expect expects expected expecting going 'll not never n't no nor neither request requests requested requesting agree agrees agreed refuse refuses refused
declined decline invite invites invited invitation arrange arranged arranging seek seeks sought
tried try desire desires desired eager prepared able unable forward`)

var askWords = setOf(`ask asks asked asking`)

// meetingNouns are what one "has" or "holds" with someone.
var meetingNouns = setOf(`conversation conversations talk talks meeting meetings discussion
discussions interview audience negotiations exchange`)

// headingWords open the title of a record: "Record of a Conversation
// between …", "42. Memorandum of a Conversation Between …". A sentence of
// the body that mentions "his conversation with Tito" names no principals.
var headingWords = setOf(`record memorandum memcon minutes conversation conversations telegram
cable notes note transcript summary report information letter excerpt excerpts from meeting
talks protocol despatch dispatch message`)

// personTitles may stand between a meeting verb and the person met:
// "received Cde. Kosygin", "called on the Soviet Ambassador, Yudin".
var personTitles = setOf(`the cde cdes comrade comrades mr mrs messrs dr president premier
chairman secretary minister ambassador general marshal prince king foreign prime deputy vice
first state acting chargé charge consul counselor counsellor`)

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
// Adviser") is not a principal, and a title naming offices only ("between
// the Secretary of State and the Ambassador") gives none.
func (a *analysis) principals() ([]*cluster, span) {
	var out []*cluster
	var ev span
	limit := len(a.sents)
	if limit > 12 {
		limit = 12
	}
	for s := 0; s < limit; s++ {
		first, end := a.sentenceTokens(s)
		if first == end || !a.isHeading(first, end) {
			continue
		}
		lower := strings.ToLower(a.content[a.sents[s].start:a.sents[s].end])
		if !strings.Contains(lower, "conversation between") && !strings.Contains(lower, "conversation with") &&
			!strings.Contains(lower, "meeting between") && !strings.Contains(lower, "talks between") &&
			!strings.Contains(lower, "conversation of") {
			continue
		}
		found := false
		after := false
		for i := first; i < end; i++ {
			k := a.toks[i].key
			if k == "between" || k == "with" || k == "of" {
				after = true
			}
			ci := a.startAt[i]
			if ci < 0 || !after || !a.isPerson(ci) || a.possessive(ci) {
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

// isHeading reports whether a sentence reads like the title of a record:
// its first word, after a document number, is one that opens titles.
func (a *analysis) isHeading(first, end int) bool {
	i := first
	for i < end && (!a.toks[i].word || isNumber(a.toks[i].key)) {
		i++
	}
	return i < end && a.toks[i].capital && headingWords[a.toks[i].key]
}

func isNumber(k string) bool {
	_, err := strconv.Atoi(k)
	return err == nil
}

// mentionsPresence: "were present", "was present", "also present",
// "present at", "[Present]", "present were" — not "at present" or "the
// present time".
func (a *analysis) mentionsPresence(s int) bool {
	first, end := a.sentenceTokens(s)
	for i := first; i < end; i++ {
		if a.toks[i].key != "present" {
			continue
		}
		prev, next := a.key(i-1, end), a.key(i+1, end)
		if i == first {
			prev = ""
		}
		if prev == "were" || prev == "was" || prev == "also" || prev == "[" || next == "at" || next == "were" || next == ":" {
			return true
		}
	}
	return false
}

// narrativeMeetings reads sentences such as "Yesterday, he added, he had a
// conversation with Cdes. Kuusinen, Pospelov, and Andropov", "Tito was
// received by Khrushchev", "talks between Kosygin and Pham Van Dong", and
// the "Mao-Kosygin meeting" of footnotes.
func (a *analysis) narrativeMeetings(s int) {
	first, end := a.sentenceTokens(s)
	if first == end {
		return
	}
	date := ""
	for i := first; i < end; i++ {
		// "the Mao-Kosygin meeting"
		if ci := a.startAt[i]; ci >= 0 && a.isPerson(ci) {
			j := a.cands[ci].last
			if j+2 < end && a.toks[j].key == "-" && a.startAt[j+1] >= 0 && a.isPerson(a.startAt[j+1]) {
				k := a.cands[a.startAt[j+1]].last
				if k < end && meetingNouns[a.toks[k].key] {
					if date == "" {
						date = a.sentenceDate(first, end)
					}
					a.add(RelMet, a.entity(ci), a.entity(a.startAt[j+1]), a.sents[s], date, "")
				}
			}
		}
		n, kind := a.meetingCueAt(i, end)
		if n == 0 {
			continue
		}
		clause := a.clauseStart(i, first)
		if hypothetical(a.toks[clause:i]) {
			i += n - 1
			continue
		}
		if date == "" {
			date = a.sentenceDate(first, end)
		}
		switch kind {
		case cueBetween:
			// "talks between Kosygin and Pham Van Dong took place"
			people := a.personList(i+n, end, 0)
			for x := range people {
				for y := x + 1; y < len(people); y++ {
					a.add(RelMet, people[x], people[y], a.sents[s], date, "")
				}
			}
		default:
			subjects := a.subjectsBefore(clause, i, s)
			if owner := a.possessorOf(i, first); owner != nil {
				subjects = []*cluster{owner} // "Mao's talks with Tito"
			}
			start := i + n
			if kind == cuePassive {
				start++ // "by"
			}
			strict := 0
			if kind == cueStrict || kind == cuePassive {
				strict = 3
			}
			objects := a.personList(start, end, strict)
			for _, sub := range subjects {
				for _, obj := range objects {
					a.add(RelMet, sub, obj, a.sents[s], date, "")
				}
			}
			if len(objects) == 0 && len(subjects) > 1 && kind == cueMet {
				for x := range subjects {
					for y := x + 1; y < len(subjects); y++ {
						a.add(RelMet, subjects[x], subjects[y], a.sents[s], date, "")
					}
				}
			}
		}
		i += n - 1
	}
}

// Kinds of meeting cue, which decide where the people met are read.
const (
	cueWith    = iota // "had a conversation with X": X is anyone listed after
	cueMet            // "met (with) X", or "A and B met"
	cueStrict         // "received X", "called on X": X must follow at once, so "received a letter from X" is no meeting
	cuePassive        // "was received by X"
	cueBetween        // "talks between A and B"
)

// meetingCueAt returns the length and kind of a meeting cue starting at
// token i, or 0.
func (a *analysis) meetingCueAt(i, end int) (int, int) {
	k := a.toks[i].key
	switch k {
	case "had", "held", "has", "have", "having", "holding":
		// had [a|an] [long|useful …] conversation with
		j := i + 1
		if d := a.key(j, end); d == "a" || d == "an" || d == "the" || d == "several" || d == "two" || d == "further" {
			j++
		}
		for n := 0; n < 2 && j < end && a.toks[j].word && !meetingNouns[a.toks[j].key] && !a.toks[j].capital; n++ {
			j++
		}
		if meetingNouns[a.key(j, end)] && a.key(j+1, end) == "with" {
			return j + 2 - i, cueWith
		}
	case "met":
		if a.key(i+1, end) == "with" {
			return 2, cueMet
		}
		return 1, cueMet
	case "received", "visited":
		if p := a.key(i-1, end); (p == "was" || p == "were" || p == "been") && a.key(i+1, end) == "by" {
			return 1, cuePassive
		}
		return 1, cueStrict
	case "called":
		if n := a.key(i+1, end); n == "on" || n == "upon" {
			return 2, cueStrict
		}
	case "conferred", "talked", "spoke", "negotiated":
		if a.key(i+1, end) == "with" {
			return 2, cueWith
		}
	case "came":
		if hasWords(a.toks, i, end, []string{"came", "to", "see"}) {
			return 3, cueStrict
		}
	default:
		if meetingNouns[k] && k != "exchange" && k != "audience" {
			switch a.key(i+1, end) {
			case "with":
				return 2, cueWith
			case "between":
				return 2, cueBetween
			}
		}
	}
	return 0, 0
}

// personList reads the people named from token i on: "Cdes. Kuusinen,
// Pospelov, and Andropov", "Mao Zedong, Chairman of the CC of the CCP, and
// Zhou Enlai". It stops at the first word that can belong to neither a name
// list nor an apposition ("in Beijing", "about Tito", "who …"). When strict
// is above zero, the first person must come within that many title words
// ("received Cde. Kosygin", not "received a letter from Kosygin").
func (a *analysis) personList(i, end, strict int) []*cluster {
	var out []*cluster
	skipped := 0
	for j := i; j < end; j++ {
		if ci := a.startAt[j]; ci >= 0 {
			if a.isPerson(ci) {
				if !a.possessive(ci) {
					out = appendUnique(out, a.entity(ci))
				}
			} else if strict > 0 && len(out) == 0 && a.entity(ci).typ != TypeState && a.entity(ci).typ != TypeParty {
				return nil
			}
			j = a.cands[ci].last - 1
			continue
		}
		t := a.toks[j]
		if len(out) == 0 && strict > 0 {
			if !personTitles[t.key] && t.key != "." && t.key != "," && !(t.word && t.capital) {
				return nil
			}
			skipped++
			if skipped > strict+2 {
				return nil
			}
			continue
		}
		switch {
		case t.key == "," || t.key == "and" || t.key == "." || t.key == "(" || t.key == ")" || t.key == "of" ||
			t.key == "the" || t.key == "as" || t.key == "well" || t.key == "also" || t.key == "'s":
		case personTitles[t.key] || t.word && t.capital:
		default:
			return out
		}
	}
	return out
}

// possessorOf returns the person whose meeting the noun at token i is:
// "Mao's talks with Tito", "Mao's long conversation with Tito".
func (a *analysis) possessorOf(i, first int) *cluster {
	if !meetingNouns[a.toks[i].key] {
		return nil
	}
	j := i - 1
	for n := 0; n < 2 && j > first && a.toks[j].word && !a.toks[j].capital; n++ {
		j--
	}
	if j <= first || a.toks[j].key != "'s" {
		return nil
	}
	for k := j - 1; k >= first && k >= j-6; k-- {
		if ci := a.startAt[k]; ci >= 0 && a.cands[ci].last == j {
			if a.isPerson(ci) {
				return a.entity(ci)
			}
			return nil
		}
	}
	return nil
}

func hypothetical(toks []token) bool {
	for k, t := range toks {
		if irrealis[t.key] {
			return true
		}
		// "asked to meet", "asked that he be received" — not "asked about"
		if askWords[t.key] && k+1 < len(toks) && (toks[k+1].key == "to" || toks[k+1].key == "that" || toks[k+1].key == "for" || toks[k+1].key == "whether") {
			return true
		}
		// "to meet", "to be received": an aim, not an event
		if t.key == "to" && (k == len(toks)-1 || k == len(toks)-2 && toks[k+1].key == "be") {
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
		if ci < 0 || !a.isPerson(ci) || a.possessive(ci) {
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
		if k := a.toks[j].key; k == "he" || k == "she" || k == "his" || k == "her" {
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

// sentenceDate dates what a sentence reports against the document's date:
// "yesterday", "the day before yesterday", "last evening", "today", "on 5
// April", "on April 5, 1965", "on the 12th". A day that would fall after the
// document is taken from the month or year before, since records report
// what has happened.
func (a *analysis) sentenceDate(first, end int) string {
	doc := a.date
	for i := first; i < end; i++ {
		switch a.toks[i].key {
		case "yesterday":
			if a.key(i-2, end) == "day" && a.key(i-1, end) == "before" {
				return addDays(doc, -2)
			}
			return addDays(doc, -1)
		case "today", "tonight":
			return doc
		case "last":
			if n := a.key(i+1, end); n == "evening" || n == "night" {
				return addDays(doc, -1)
			}
		case "this":
			if n := a.key(i+1, end); n == "morning" || n == "afternoon" || n == "evening" {
				return doc
			}
		case "on":
			if d, ok := a.dateAfterOn(i+1, end); ok {
				return d
			}
		}
	}
	return doc
}

// dateAfterOn reads "5 April [1965]", "April 5[, 1965]" or "the 12th" from
// token i and completes it from the document's date.
func (a *analysis) dateAfterOn(i, end int) (string, bool) {
	year, month, day := 0, 0, 0
	if len(a.date) >= 4 {
		year, _ = strconv.Atoi(a.date[:4])
	}
	docMonth, docDay := 0, 0
	if len(a.date) >= 7 {
		docMonth, _ = strconv.Atoi(a.date[5:7])
	}
	if len(a.date) >= 10 {
		docDay, _ = strconv.Atoi(a.date[8:10])
	}
	explicitYear := false
	readYear := func(j int) {
		if j < end && a.key(j, end) == "," {
			j++
		}
		if j < end {
			if y, err := strconv.Atoi(a.toks[j].key); err == nil && y >= 1900 && y <= 2100 && len(a.toks[j].key) == 4 {
				year, explicitYear = y, true
			}
		}
	}
	switch {
	case a.key(i, end) == "the":
		d := ordinalDay(a.key(i+1, end))
		if d == 0 || docMonth == 0 || monthNumbers[a.key(i+2, end)] != 0 || a.key(i+2, end) == "of" {
			return "", false
		}
		day, month = d, docMonth
		if docDay > 0 && day > docDay {
			month--
			if month == 0 {
				month, year = 12, year-1
			}
		}
	case dayNumber(a.key(i, end)) > 0 && monthNumbers[a.key(i+1, end)] > 0:
		day, month = dayNumber(a.key(i, end)), monthNumbers[a.key(i+1, end)]
		readYear(i + 2)
	case monthNumbers[a.key(i, end)] > 0 && dayNumber(a.key(i+1, end)) > 0:
		month, day = monthNumbers[a.key(i, end)], dayNumber(a.key(i+1, end))
		readYear(i + 2)
	default:
		return "", false
	}
	if year == 0 {
		return "", false
	}
	if !explicitYear && docMonth > 0 && (month > docMonth || month == docMonth && docDay > 0 && day > docDay) {
		year--
	}
	iso := strconv.Itoa(year) + "-" + twoDigits(month) + "-" + twoDigits(day)
	if _, err := time.Parse("2006-01-02", iso); err != nil {
		return "", false
	}
	return iso, true
}

func dayNumber(k string) int {
	if len(k) > 2 {
		return ordinalDay(k)
	}
	d, err := strconv.Atoi(k)
	if err != nil || d < 1 || d > 31 {
		return 0
	}
	return d
}

// ordinalDay reads "12th", "1st", "22nd", "3rd".
func ordinalDay(k string) int {
	if len(k) < 3 || len(k) > 4 || !ordinalSuffix[k[len(k)-2:]] {
		return 0
	}
	d, err := strconv.Atoi(k[:len(k)-2])
	if err != nil || d < 1 || d > 31 {
		return 0
	}
	return d
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
