package graph

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// directory is an in-memory name index over every entity of the graph. The
// entity list is small (thousands, at most a million entities), so search,
// name matching and name resolution are answered here in microseconds
// instead of by a full-text query that costs the database milliseconds of
// CPU each.
//
// Matching follows luceneQuery, which it replaces, so that results do not
// change in kind when the index moves out of the database:
//
//   - Names, aliases and queries are cut into words the same way (see
//     nameWords): lower case, letters and digits, with dots and
//     apostrophes kept inside a word, so "N.S." is the one word "n.s" on
//     both sides.
//   - A query word matches a word of a name or alias as the same word
//     (weight 4), as a prefix of it (weight 2) or, from five letters on,
//     within one edit (two from eight letters on), counting an adjacent
//     transposition as one edit like Lucene's FuzzyQuery (weight below 1,
//     falling with the distance as Lucene's fuzzy boost does).
//   - Words of three letters or digits or more are required, shorter ones
//     (initials, "Ho") only add to the score; a query of short words only
//     is a disjunction of them.
//   - As in the database's index, which held the name and the aliases of an
//     entity in one document, the words of a query may be found in
//     different names of one entity: "Mao Khrushchev" finds nobody, but
//     "Nikita N.S." finds Khrushchev through his name and an alias.
//
// An entity's score is the sum over the query's words of the best weight
// among its words, plus exactBonus when a whole name or alias is the query
// word for word, so Ho Chi Minh ranks above the more mentioned Ho Chi Minh
// City for "ho chi minh". Equal scores rank by mentions, then by id.
//
// Diacritics are not folded, as the database's analyzer did not fold them:
// "Gomulka" finds "Gomułka" only as a near misspelling. Text is put in
// Unicode composed form (NFC) on both sides, though, so a name typed with
// combining accents still equals the stored one.
//
// A directory is immutable once built and safe for concurrent use. The
// summaries it returns share their Aliases with it: callers must not
// modify them.
type directory struct {
	entities []EntitySummary
	ids      map[string]int32

	// listing orders every entity by mentions, then by id, for the blank
	// query; byType holds the same order per entity type.
	listing []int32
	byType  map[string][]int32

	// terms are the distinct words of all names and aliases, sorted, so a
	// prefix is a range found by binary search and the sorted list can be
	// walked as a trie for near misspellings. The entities whose names
	// contain terms[i] are postings[postingStart[i]:postingStart[i+1]], in
	// ascending order.
	terms        []string
	postingStart []int32
	postings     []int32
	// shared[i] is the number of runes terms[i] shares with terms[i-1],
	// at most 255: the trie walk of nearTerms reads the trie's shape from
	// it.
	shared []uint8

	// phrases maps the words of a name or alias, joined by spaces, to the
	// entities that have it, for the exact-name bonus of search.
	phrases map[string][]int32
	// names maps a name or alias, folded as by foldName, to the entities
	// that have it, for resolve.
	names map[string][]int32
}

// Weights of the ways a query word matches a word of a name, as luceneQuery
// boosts them: the same word, a prefix, a near misspelling.
const (
	exactWeight  = 4
	prefixWeight = 2
	fuzzyWeight  = 1
	// exactBonus rewards an entity one of whose names is the query word for
	// word. It only separates entities whose words all match exactly, as
	// no other entity can score as high.
	exactBonus = 1
)

// newDirectory indexes entities. It keeps the slice, which callers must no
// longer modify. Ids are unique in the graph; should one repeat, byID
// returns its first entity.
func newDirectory(entities []EntitySummary) *directory {
	d := &directory{
		entities: entities,
		ids:      make(map[string]int32, len(entities)),
		listing:  make([]int32, len(entities)),
		byType:   map[string][]int32{},
		phrases:  make(map[string][]int32, len(entities)),
		names:    make(map[string][]int32, len(entities)),
	}
	postings := map[string][]int32{}
	index := func(name string, idx int32) {
		words := nameWords(name)
		for _, w := range words {
			// Entities are indexed in order, so a word already listed for
			// this entity is the last posting.
			addOnce(postings, w, idx)
		}
		if len(words) > 0 {
			addOnce(d.phrases, strings.Join(words, " "), idx)
		}
		if folded := foldName(name); folded != "" {
			addOnce(d.names, folded, idx)
		}
	}
	for i := range entities {
		e := &entities[i]
		idx := int32(i)
		if _, dup := d.ids[e.ID]; !dup {
			d.ids[e.ID] = idx
		}
		d.listing[i] = idx
		index(e.Name, idx)
		for _, alias := range e.Aliases {
			index(alias, idx)
		}
	}
	slices.SortFunc(d.listing, d.byMentions)
	for _, idx := range d.listing {
		typ := entities[idx].Type
		d.byType[typ] = append(d.byType[typ], idx)
	}

	d.terms = make([]string, 0, len(postings))
	total := 0
	for w, p := range postings {
		d.terms = append(d.terms, w)
		total += len(p)
	}
	slices.Sort(d.terms)
	d.postingStart = make([]int32, len(d.terms)+1)
	d.postings = make([]int32, 0, total)
	d.shared = make([]uint8, len(d.terms))
	for i, w := range d.terms {
		d.postings = append(d.postings, postings[w]...)
		d.postingStart[i+1] = int32(len(d.postings))
		if i > 0 {
			d.shared[i] = uint8(min(sharedRunes(d.terms[i-1], w), 255))
		}
	}
	return d
}

// addOnce appends idx to m[key] unless it is already the last entity there.
func addOnce(m map[string][]int32, key string, idx int32) {
	if p := m[key]; len(p) == 0 || p[len(p)-1] != idx {
		m[key] = append(p, idx)
	}
}

// len returns the number of entities.
func (d *directory) len() int { return len(d.entities) }

// byID returns the entity with that id.
func (d *directory) byID(id string) (EntitySummary, bool) {
	idx, ok := d.ids[id]
	if !ok {
		return EntitySummary{}, false
	}
	return d.entities[idx], true
}

// search returns the entities whose name or an alias matches q, best first,
// each with its score; typ, if not empty, is the only type kept. A blank q
// lists the entities by mentions, then id, with no score. The caller has
// checked limit (at least 1) and offset (not negative).
func (d *directory) search(q, typ string, limit, offset int) []EntitySummary {
	if strings.TrimSpace(q) == "" {
		list := d.listing
		if typ != "" {
			list = d.byType[typ]
		}
		list = window(list, limit, offset)
		out := make([]EntitySummary, len(list))
		for i, idx := range list {
			out[i] = d.entities[idx]
		}
		return out
	}
	hits := window(d.rank(q, typ), limit, offset)
	out := make([]EntitySummary, len(hits))
	for i, h := range hits {
		out[i] = d.entities[h.entity]
		out[i].Score = h.score
	}
	return out
}

// window returns the page of list that limit and offset select.
func window[T any](list []T, limit, offset int) []T {
	if offset >= len(list) || limit <= 0 {
		return nil
	}
	list = list[max(offset, 0):]
	return list[:min(limit, len(list))]
}

// matching returns, sorted, the ids of the entities whose name or an alias
// contains ref, ignoring case, among the best search hits for ref of any
// type. The search keeps a fragment from inside a word ("hrush") from
// naming anyone; the containment keeps a misspelling from naming the
// person it was taken for, since a filter by person must not widen
// silently. An id given as ref is the caller's to recognise.
func (d *directory) matching(ref string) []string {
	ref = strings.TrimSpace(ref)
	out := []string{}
	if ref == "" {
		return out
	}
	needle := foldName(ref)
	for _, h := range window(d.rank(ref, ""), maxNameCandidates, 0) {
		e := &d.entities[h.entity]
		if strings.Contains(foldName(e.Name), needle) || slices.ContainsFunc(e.Aliases, func(a string) bool {
			return strings.Contains(foldName(a), needle)
		}) {
			out = append(out, e.ID)
		}
	}
	slices.Sort(out)
	return out
}

// resolve returns the entity ref names: the one whose name or an alias is
// ref, ignoring case (the most mentioned if several are, then the first
// by id), else the best search hit for ref. A name written out in full
// wins over a better-known entity that only resembles it. The score is the
// entity's search score for ref, zero if search does not find it.
func (d *directory) resolve(ref string) (EntitySummary, bool) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return EntitySummary{}, false
	}
	hits := d.rank(ref, "")
	if same := d.names[foldName(ref)]; len(same) > 0 {
		best := slices.MinFunc(same, d.byMentions)
		e := d.entities[best]
		if i := slices.IndexFunc(hits, func(h hit) bool { return h.entity == best }); i >= 0 {
			e.Score = hits[i].score
		}
		return e, true
	}
	if len(hits) == 0 {
		return EntitySummary{}, false
	}
	e := d.entities[hits[0].entity]
	e.Score = hits[0].score
	return e, true
}

// byMentions orders entities by mentions, most first, then by id.
func (d *directory) byMentions(a, b int32) int {
	ea, eb := &d.entities[a], &d.entities[b]
	if c := cmp.Compare(eb.Mentions, ea.Mentions); c != 0 {
		return c
	}
	return strings.Compare(ea.ID, eb.ID)
}

// hit is an entity found by a query, with its score.
type hit struct {
	entity int32
	score  float64
}

// queryWord is a distinct word of a query and how it may match.
type queryWord struct {
	text     string
	times    int  // occurrences in the query: each adds to the score, as repeated clauses did
	required bool // three letters or digits or more
	edits    int  // edits tolerated: 0, 1 or 2
	best     map[int32]float64
}

// rank returns every entity of type typ (any if empty) that matches q, best
// first, or nil if none does or q has no words.
func (d *directory) rank(q, typ string) []hit {
	words := queryWords(q)
	if len(words) == 0 {
		return nil
	}
	// Required words first: if one finds nothing, nothing is found and the
	// others need not be looked up.
	slices.SortStableFunc(words, func(a, b queryWord) int {
		switch {
		case a.required == b.required:
			return 0
		case a.required:
			return -1
		}
		return 1
	})
	var required []*queryWord
	for i := range words {
		w := &words[i]
		w.best = d.lookup(w.text, w.edits)
		if w.required {
			if len(w.best) == 0 {
				return nil
			}
			required = append(required, w)
		}
	}

	var candidates map[int32]float64 // iterated only, for its keys
	if len(required) > 0 {
		candidates = slices.MinFunc(required, func(a, b *queryWord) int { return cmp.Compare(len(a.best), len(b.best)) }).best
	} else {
		candidates = map[int32]float64{}
		for _, w := range words {
			for idx := range w.best {
				candidates[idx] = 0
			}
		}
	}
	exact := d.phrases[phraseOf(q)]
	hits := make([]hit, 0, len(candidates))
next:
	for idx := range candidates {
		if typ != "" && d.entities[idx].Type != typ {
			continue
		}
		score := 0.0
		for _, w := range words {
			weight, ok := w.best[idx]
			if !ok && w.required {
				continue next
			}
			score += float64(w.times) * weight
		}
		if slices.Contains(exact, idx) {
			score += exactBonus
		}
		hits = append(hits, hit{idx, score})
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return d.byMentions(a.entity, b.entity)
	})
	return hits
}

// lookup returns, for each entity with a word that word matches, the best
// weight among those words.
func (d *directory) lookup(word string, edits int) map[int32]float64 {
	best := map[int32]float64{}
	credit := func(term int, weight float64) {
		for _, idx := range d.postings[d.postingStart[term]:d.postingStart[term+1]] {
			if weight > best[idx] {
				best[idx] = weight
			}
		}
	}
	// The terms that start with word form a range, word itself first if
	// some name has it.
	for i := sort.SearchStrings(d.terms, word); i < len(d.terms) && strings.HasPrefix(d.terms[i], word); i++ {
		if d.terms[i] == word {
			credit(i, exactWeight)
		} else {
			credit(i, prefixWeight)
		}
	}
	if edits > 0 {
		runes := []rune(word)
		d.nearTerms(runes, edits, func(term, distance int) {
			if distance == 0 || strings.HasPrefix(d.terms[term], word) {
				return // credited above, higher
			}
			// Lucene's fuzzy boost: the share of the shorter word left
			// unedited.
			shorter := min(len(runes), utf8.RuneCountInString(d.terms[term]))
			if weight := fuzzyWeight * (1 - float64(distance)/float64(shorter)); weight > 0 {
				credit(term, weight)
			}
		})
	}
	return best
}

// nearTerms calls visit with each term within edits of word, in the
// optimal string alignment distance (Levenshtein with a swap of adjacent
// letters as one edit, as Lucene's FuzzyQuery counts).
//
// The sorted terms are walked as a trie: the rows of the distance table for
// the prefix a term shares with the previous one are kept, and once every
// cell of a row is over the budget no term with that prefix can come back
// within it, so the whole run of them is skipped (a scan of the shared
// prefix lengths, a byte per term). Only the diagonal band of width
// 2*edits+1 of each row can be within the budget, so only that band is
// computed. A search thus computes the rows of the prefixes near the word,
// not the distance to every term of a similar length.
func (d *directory) nearTerms(word []rune, edits int, visit func(term, distance int)) {
	n := len(word)
	width := 2*edits + 1
	over := edits + 1 // any distance past the budget
	maxDepth := n + edits
	// rows[depth*width+j] is the distance between the term's first depth
	// runes and the word's first depth-edits+j runes.
	rows := make([]int, (maxDepth+1)*width)
	path := make([]rune, maxDepth)  // the runes of the current prefix
	ends := make([]int, maxDepth+1) // byte offset in the term after each rune
	for j := range width {
		if i := j - edits; i >= 0 && i <= n {
			rows[j] = i
		} else {
			rows[j] = over
		}
	}

	// Rows 0..valid hold the first runes of the term walked last. The
	// terms skipped since then all shared more of it than the next one
	// does, so what the next one shares with it is its own shared count.
	valid := 0
	for t := 0; t < len(d.terms); {
		term := d.terms[t]
		depth := min(int(d.shared[t]), valid)
		pos, pruned := ends[depth], false
		for pos < len(term) {
			if depth == maxDepth {
				pruned = true // longer than the word by more than the budget
				break
			}
			r, size := utf8.DecodeRuneInString(term[pos:])
			path[depth] = r
			depth++
			pos += size
			ends[depth] = pos
			if d.bandRow(rows, path, word, depth, edits) > edits {
				pruned = true
				break
			}
		}
		valid = depth
		if pruned {
			for t++; t < len(d.terms) && int(d.shared[t]) >= depth; t++ {
			}
			continue
		}
		if j := n - depth + edits; j >= 0 && j < width {
			if distance := rows[depth*width+j]; distance <= edits {
				visit(t, distance)
			}
		}
		t++
	}
}

// bandRow fills the band of row depth of the distance table from the rows
// above it and returns the row's least distance.
func (d *directory) bandRow(rows []int, path, word []rune, depth, edits int) int {
	width := 2*edits + 1
	over := edits + 1
	cur := rows[depth*width : (depth+1)*width]
	up := rows[(depth-1)*width : depth*width]
	r := path[depth-1]
	least := over
	for j := range width {
		i := depth - edits + j // runes of the word
		switch {
		case i < 0 || i > len(word):
			cur[j] = over
			continue
		case i == 0:
			cur[j] = min(depth, over)
			least = min(least, cur[j])
			continue
		}
		v := up[j] // substitution or match
		if r != word[i-1] {
			v++
		}
		if j+1 < width {
			v = min(v, up[j+1]+1) // the term's rune inserted
		}
		if j > 0 {
			v = min(v, cur[j-1]+1) // the word's rune dropped
		}
		if depth > 1 && i > 1 && r == word[i-2] && path[depth-2] == word[i-1] {
			v = min(v, rows[(depth-2)*width+j]+1) // adjacent runes swapped
		}
		cur[j] = min(v, over)
		least = min(least, cur[j])
	}
	return least
}

// sharedRunes returns the number of runes at the start of a and b that are
// the same.
func sharedRunes(a, b string) int {
	n := 0
	for a != "" && b != "" {
		ra, size := utf8.DecodeRuneInString(a)
		rb, _ := utf8.DecodeRuneInString(b)
		if ra != rb || a[:size] != b[:size] {
			return n
		}
		n++
		a, b = a[size:], b[size:]
	}
	return n
}

// queryWords cuts q into its distinct words, each with how it may match.
func queryWords(q string) []queryWord {
	var words []queryWord
	for _, w := range nameWords(q) {
		if i := slices.IndexFunc(words, func(qw queryWord) bool { return qw.text == w }); i >= 0 {
			words[i].times++
			continue
		}
		n := alphanumerics(w)
		qw := queryWord{text: w, times: 1, required: n >= 3}
		switch {
		case n >= 8:
			qw.edits = 2
		case n >= 5:
			qw.edits = 1
		}
		words = append(words, qw)
	}
	return words
}

// phraseOf returns the words of s joined by spaces: a name and a query that
// give the same phrase differ only in case and punctuation.
func phraseOf(s string) string {
	return strings.Join(nameWords(s), " ")
}

// nameWords cuts a name or a query into lower-case words as luceneQuery
// does: letters and digits, with dots and apostrophes inside a word kept
// ("n.s", "o'brien") and at its ends dropped; a word with no letter or
// digit is no word. Combining marks stay in their word, as the database's
// analyzer kept them.
func nameWords(s string) []string {
	fields := strings.FieldsFunc(foldName(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) && r != '.' && r != '\''
	})
	words := fields[:0]
	for _, w := range fields {
		if w = strings.Trim(w, ".'"); alphanumerics(w) > 0 {
			words = append(words, w)
		}
	}
	return words
}

// alphanumerics counts the letters and digits of w: "n.s" is as short as
// "ns".
func alphanumerics(w string) int {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// foldName puts a name in the form names are compared in: composed
// Unicode, lower case, the typographic apostrophe as a plain one, no
// surrounding space.
func foldName(s string) string {
	s = strings.ToLower(norm.NFC.String(strings.TrimSpace(s)))
	return strings.ReplaceAll(s, "\u2019", "'")
}
