package extractor

import (
	"sort"
	"strings"
	"unicode"
)

// cluster is one entity of a document while mentions are being merged.
type cluster struct {
	id, name, typ string
	kb            int // knowledge-base entry, or -1
	words         []string
	female        bool  // named by a woman's title: kept apart from men of her surname
	mentions      []int // candidate indices
}

// resolution maps the candidates of one document to its entities.
type resolution struct {
	clusters []*cluster
	of       []int // candidate → cluster index
}

// resolve merges candidates into entities: knowledge-base mentions by entry;
// rule-found people by name, so that "L. I. Sokolov", "SOKOLOV" and
// "Sokolov" become one person. A bare surname joins the one person of the
// document who bears it; when several do, it joins the one mentioned last
// before it rather than an arbitrary one.
func resolve(kb *knowledgeBase, cands []candidate) resolution {
	res := resolution{of: make([]int, len(cands))}
	byID := map[string]int{}
	get := func(id, name, typ string, kbEntry int) int {
		if k, ok := byID[id]; ok {
			return k
		}
		byID[id] = len(res.clusters)
		res.clusters = append(res.clusters, &cluster{id: id, name: name, typ: typ, kb: kbEntry, words: nameWords(name)})
		return len(res.clusters) - 1
	}
	assign := func(ci, k int) {
		res.of[ci] = k
		res.clusters[k].mentions = append(res.clusters[k].mentions, ci)
	}

	// First pass: everything but bare surnames of rule-found people.
	var bare []int
	for ci, c := range cands {
		switch {
		case c.kb >= 0:
			e := kb.entries[c.kb]
			assign(ci, get(e.ID, e.Name, e.Type, c.kb))
		case c.typ != TypePerson:
			assign(ci, get(entityID(c.typ, c.name), c.name, c.typ, -1))
		case len(nameWords(c.name)) == 1 && !c.female:
			bare = append(bare, ci)
		default:
			res.of[ci] = -1
		}
	}
	// Full names: the same person as a known one when surname and given
	// names agree ("N. Khrushchev" and "Nikita Khrushchev").
	for ci, c := range cands {
		if c.kb >= 0 || c.typ != TypePerson || len(nameWords(c.name)) == 1 {
			continue
		}
		words := nameWords(c.name)
		if c.female {
			k := get(entityID(TypePerson, c.name), c.name, TypePerson, -1)
			res.clusters[k].female = true
			assign(ci, k)
			continue
		}
		k := -1
		for j, cl := range res.clusters {
			if cl.typ == TypePerson && !cl.female && sameSurname(cl.words, words) && givenCompatible(cl.words, words) {
				k = j
				break
			}
		}
		if k < 0 {
			if e, ok := kb.personBySurname(words); ok {
				k = get(kb.entries[e].ID, kb.entries[e].Name, TypePerson, e)
			} else {
				name := formalName(c.name)
				k = get(entityID(TypePerson, name), name, TypePerson, -1)
			}
		}
		cl := res.clusters[k]
		if cl.kb < 0 && len(words) > len(cl.words) {
			// keep the fullest form as the name ("Walter S. Robertson")
			cl.name, cl.words = formalName(c.name), words
		}
		assign(ci, k)
	}
	// Bare surnames.
	for _, ci := range bare {
		key := strings.ToLower(cands[ci].name)
		var matches, women []int
		for j, cl := range res.clusters {
			if cl.typ != TypePerson || len(cl.words) == 0 {
				continue
			}
			if cl.words[len(cl.words)-1] == key || shortFormOf(cl.words) == key || kb.hasShortAlias(cl.kb, key) {
				if cl.female {
					women = append(women, j)
				} else {
					matches = append(matches, j)
				}
			}
		}
		if len(matches) == 0 {
			// "Smithers" after "Mrs. Smithers" alone is most likely her
			matches = women
		}
		k := -1
		switch len(matches) {
		case 0:
			k = get(entityID(TypePerson, cands[ci].name), cands[ci].name, TypePerson, -1)
		case 1:
			k = matches[0]
		default:
			k = nearestBefore(res, cands, matches, ci)
		}
		assign(ci, k)
	}
	assignPersonIDs(res.clusters)
	mergeSameID(&res)
	return res
}

// assignPersonIDs gives rule-found people the ids of their final names, without
// middle initials: "Walter S. Robertson" of one document and "Walter
// Robertson" of another are person/walter-robertson, while the name keeps
// the initial. Two people of one document whose given names disagree
// ("John A. Smith" and "John B. Smith") keep the initials in their ids;
// across documents such namesakes do share an id, the price of linking
// the same person named with and without the initial, which is far more
// common in the sources.
func assignPersonIDs(clusters []*cluster) {
	byID := map[string][]*cluster{}
	for _, cl := range clusters {
		if cl.kb < 0 && cl.typ == TypePerson {
			cl.id = entityID(TypePerson, withoutMiddleInitials(cl.name))
			byID[cl.id] = append(byID[cl.id], cl)
		}
	}
	for _, group := range byID {
		for a := 0; a < len(group); a++ {
			for b := a + 1; b < len(group); b++ {
				if group[a].female != group[b].female || !givenCompatible(group[a].words, group[b].words) {
					for _, cl := range group {
						cl.id = entityID(TypePerson, cl.name)
					}
				}
			}
		}
	}
}

// withoutMiddleInitials drops the initials after a written-out first name:
// "Walter S. Robertson" → "Walter Robertson". A name of initials ("L. I.
// Sokolov", "J. Graham Parsons") keeps them, as they are all there is of
// its given names.
func withoutMiddleInitials(name string) string {
	f := strings.Fields(name)
	if len(f) < 3 || len(strings.TrimSuffix(f[0], ".")) < 2 {
		return name
	}
	out := f[:1]
	for i, w := range f[1:] {
		if i+2 < len(f) && len(strings.TrimSuffix(w, ".")) == 1 {
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// displayAlias is the form of a mention listed among an entity's aliases:
// space runs collapsed, a heading's capitals in the case of running text
// ("A. N. KOSYGIN" → "A. N. Kosygin"); for a state, party or organisation
// of the knowledge base, its alias as the knowledge base spells it, so that
// abbreviations keep their capitals. The mention itself keeps the text.
func displayAlias(kb *knowledgeBase, typ string, entry int, text string) string {
	text = strings.Join(strings.Fields(text), " ")
	if !strings.ContainsFunc(text, unicode.IsUpper) || !hasCapitalWord(text) {
		return text
	}
	if typ == TypePerson {
		f := strings.Fields(text)
		for i, w := range f {
			// initials run together keep their capitals: "C.D."
			parts := strings.Split(w, ".")
			for k, p := range parts {
				parts[k] = titleCase(p)
			}
			f[i] = strings.Join(parts, ".")
		}
		return strings.Join(f, " ")
	}
	if entry < 0 {
		return text
	}
	key := foldedAlias(text)
	e := kb.entries[entry]
	for _, a := range append([]string{e.Name}, e.Aliases...) {
		if foldedAlias(a) == key {
			return a
		}
	}
	return text
}

// hasCapitalWord reports whether text has a word of two or more letters
// in capitals.
func hasCapitalWord(text string) bool {
	for _, w := range strings.Fields(text) {
		if isAllCaps(w) {
			return true
		}
	}
	return false
}

// foldedAlias folds a surface form the way the knowledge base matches it:
// case, spacing and apostrophes do not count.
func foldedAlias(s string) string {
	toks := tokenize(nil, s, 0, len(s), 0)
	keys := make([]string, len(toks))
	for i, t := range toks {
		keys[i] = t.key
	}
	return strings.Join(keys, " ")
}

// nearestBefore picks, among clusters, the one with the latest mention
// before candidate ci (or the first one when none precedes it).
func nearestBefore(res resolution, cands []candidate, clusters []int, ci int) int {
	best, bestAt := clusters[0], -1
	for _, k := range clusters {
		for _, m := range res.clusters[k].mentions {
			if cands[m].first < cands[ci].first && cands[m].first > bestAt {
				best, bestAt = k, cands[m].first
			}
		}
	}
	return best
}

// mergeSameID joins clusters that ended with the same id (two spellings
// that normalise alike).
func mergeSameID(res *resolution) {
	first := map[string]int{}
	remap := make([]int, len(res.clusters))
	var kept []*cluster
	for k, cl := range res.clusters {
		if j, ok := first[cl.id]; ok {
			kept[j].mentions = append(kept[j].mentions, cl.mentions...)
			remap[k] = j
			continue
		}
		first[cl.id] = len(kept)
		remap[k] = len(kept)
		kept = append(kept, cl)
	}
	for ci, k := range res.of {
		if k >= 0 {
			res.of[ci] = remap[k]
		}
	}
	for _, cl := range kept {
		sort.Ints(cl.mentions)
	}
	res.clusters = kept
}

// nameWords splits a person's name into lower-case words without periods:
// "N. S. Khrushchev" → [n s khrushchev].
func nameWords(name string) []string {
	f := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return r == ' ' || r == '.' || r == ',' })
	out := f[:0]
	for i, w := range f {
		if formal, ok := nicknames[w]; ok && i < len(f)-1 {
			w = formal
		}
		if w != "jr" && w != "sr" && w != "ii" && w != "iii" {
			out = append(out, w)
		}
	}
	return out
}

// nicknames maps the familiar forms of English given names to the formal
// ones, so that "Mike X" and "Michael J. X" agree.
var nicknames = map[string]string{
	"mike": "michael", "bob": "robert", "rob": "robert", "bill": "william", "jim": "james",
	"joe": "joseph", "ted": "edward", "ed": "edward", "tom": "thomas", "dick": "richard",
	"fred": "frederick", "chuck": "charles", "hal": "harold", "jeff": "jeffrey", "ken": "kenneth",
	"larry": "lawrence", "ron": "ronald", "dan": "daniel", "steve": "stephen", "tony": "anthony",
	"andy": "andrew", "sam": "samuel", "pete": "peter", "ike": "dwight", "jack": "john",
}

// formalName spells a rule-found person's name with the formal given name
// ("Mike Mansfield" → "Michael Mansfield"), the form other documents use.
func formalName(name string) string {
	f := strings.Fields(name)
	if len(f) < 2 {
		return name
	}
	if formal, ok := nicknames[strings.ToLower(f[0])]; ok {
		f[0] = strings.ToUpper(formal[:1]) + formal[1:]
		return strings.Join(f, " ")
	}
	return name
}

// vietnameseShape: a family name of Vietnam and no initials.
func vietnameseShape(words []string) bool {
	if len(words) < 2 || !vietnameseSurnames[words[0]] {
		return false
	}
	for _, w := range words {
		if len(w) == 1 {
			return false
		}
	}
	return true
}

func sameSurname(a, b []string) bool {
	return len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1]
}

// givenCompatible: the given names of two names with the same surname agree
// when each of the shorter list's names is the same as, or an initial of,
// the matching name of the longer list, in order.
//
// Vietnamese names are compared whole: "Nguyen Van Khanh" is not "Nguyen
// Khanh", as the middle name is part of the name, not an extra.
func givenCompatible(a, b []string) bool {
	if len(a) != len(b) && vietnameseShape(a) && vietnameseShape(b) {
		return false
	}
	ga, gb := a[:len(a)-1], b[:len(b)-1]
	if len(ga) == 0 || len(gb) == 0 {
		return true
	}
	if len(ga) > len(gb) {
		ga, gb = gb, ga
	}
	j := 0
	for _, g := range ga {
		for j < len(gb) && !strings.HasPrefix(gb[j], g) && !strings.HasPrefix(g, gb[j]) {
			j++
		}
		if j == len(gb) {
			return false
		}
		j++
	}
	return true
}
