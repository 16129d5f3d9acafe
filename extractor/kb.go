package extractor

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The knowledge base shipped with the program. Its line format is described
// at the top of the file; users add their own files in the same format (or
// as JSON, see Options.KBFiles).
//
//go:embed kb/core.kb
var coreKB string

// kbEntry is one real-world entity the knowledge base knows by name.
type kbEntry struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Type    string   `json:"type"`
	Aliases []string `json:"aliases"`
}

// kbAlias is one surface form of an entry, tokenized for matching.
type kbAlias struct {
	keys  []string
	text  []string // the alias's own tokens, compared exactly when exact is set
	entry int
	// exact marks short all-capital abbreviations ("US", "CC", "MID"), which
	// match only as written: "us" is a pronoun, "US" a state.
	exact bool
}

// knowledgeBase indexes aliases by their first token; candidates for one
// first token are sorted longest first, so the first one that matches is the
// leftmost-longest match.
type knowledgeBase struct {
	entries []kbEntry
	byFirst map[string][]kbAlias
	// ambiguous holds alias keys claimed by two different entries; they are
	// left out of the index rather than resolved by chance.
	ambiguous map[string][]string
	// surnames indexes people by the last word of their canonical name and
	// by their one-word aliases.
	surnames map[string][]int
}

var kbTypes = map[string]string{
	"person": TypePerson, "party": TypeParty, "state": TypeState,
	"organization": TypeOrganization, "organisation": TypeOrganization, "place": TypePlace,
}

// parseKB reads the line format: "Type: Canonical Name | alias | alias".
// Blank lines and lines starting with '#' are ignored.
func parseKB(name, text string) ([]kbEntry, error) {
	var out []kbEntry
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for ln := 1; sc.Scan(); ln++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		colon := strings.IndexByte(line, ':')
		if colon < 0 {
			return nil, fmt.Errorf("%s:%d: want \"Type: Name | alias …\"", name, ln)
		}
		typ, ok := kbTypes[strings.ToLower(strings.TrimSpace(line[:colon]))]
		if !ok {
			return nil, fmt.Errorf("%s:%d: unknown entity type %q", name, ln, strings.TrimSpace(line[:colon]))
		}
		parts := strings.Split(line[colon+1:], "|")
		e := kbEntry{Type: typ, Name: strings.TrimSpace(parts[0])}
		if e.Name == "" {
			return nil, fmt.Errorf("%s:%d: empty name", name, ln)
		}
		for _, a := range parts[1:] {
			if a = strings.TrimSpace(a); a != "" {
				e.Aliases = append(e.Aliases, a)
			}
		}
		e.ID = entityID(typ, e.Name)
		out = append(out, e)
	}
	return out, sc.Err()
}

// loadKBFile reads a user's knowledge-base file: JSON (an array of
// {id, name, type, aliases}) when it ends in .json, else the line format.
func loadKBFile(path string) ([]kbEntry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("knowledge base %s: %w", path, err)
	}
	if !strings.EqualFold(filepath.Ext(path), ".json") {
		return parseKB(path, string(data))
	}
	var entries []kbEntry
	if err := json.Unmarshal(data, &entries); err != nil {
		return nil, fmt.Errorf("knowledge base %s: %w", path, err)
	}
	for i := range entries {
		e := &entries[i]
		typ, ok := kbTypes[strings.ToLower(e.Type)]
		if !ok || strings.TrimSpace(e.Name) == "" {
			return nil, fmt.Errorf("knowledge base %s: entry %d: need a name and one of the types %v", path, i+1, EntityTypes)
		}
		e.Type = typ
		if e.ID == "" {
			e.ID = entityID(typ, e.Name)
		}
	}
	return entries, nil
}

// buildKB merges entry lists in order: an entry whose id is already known
// renames it and adds aliases; a new id adds an entity.
func buildKB(lists ...[]kbEntry) *knowledgeBase {
	kb := &knowledgeBase{byFirst: map[string][]kbAlias{}, ambiguous: map[string][]string{}}
	index := map[string]int{}
	for _, list := range lists {
		for _, e := range list {
			if i, ok := index[e.ID]; ok {
				kb.entries[i].Name = e.Name
				kb.entries[i].Aliases = append(kb.entries[i].Aliases, e.Aliases...)
				continue
			}
			index[e.ID] = len(kb.entries)
			kb.entries = append(kb.entries, kbEntry{ID: e.ID, Name: e.Name, Type: e.Type, Aliases: append([]string(nil), e.Aliases...)})
		}
	}

	kb.surnames = map[string][]int{}
	for i, e := range kb.entries {
		if e.Type != TypePerson {
			continue
		}
		seen := map[string]bool{}
		if w := nameWords(e.Name); len(w) > 1 {
			seen[w[len(w)-1]] = true
		}
		for _, a := range e.Aliases {
			if w := nameWords(a); len(w) == 1 {
				seen[w[0]] = true
			}
		}
		for k := range seen {
			kb.surnames[k] = append(kb.surnames[k], i)
		}
	}

	owner := map[string]int{} // joined alias keys → entry
	for i, e := range kb.entries {
		for _, a := range append([]string{e.Name}, e.Aliases...) {
			toks := tokenize(nil, a, 0, len(a), 0)
			if len(toks) == 0 {
				continue
			}
			al := kbAlias{entry: i, exact: isAbbreviation(a)}
			for _, t := range toks {
				al.keys = append(al.keys, t.key)
				al.text = append(al.text, a[t.start:t.end])
			}
			joined := strings.Join(al.keys, " ")
			if al.exact {
				joined = strings.Join(al.text, " ")
			}
			if prev, ok := owner[joined]; ok {
				if prev != i {
					kb.ambiguous[joined] = append(kb.ambiguous[joined], kb.entries[prev].ID, e.ID)
				}
				continue
			}
			owner[joined] = i
			kb.byFirst[al.keys[0]] = append(kb.byFirst[al.keys[0]], al)
		}
	}
	for first, list := range kb.byFirst {
		kept := list[:0]
		for _, al := range list {
			joined := strings.Join(al.keys, " ")
			if al.exact {
				joined = strings.Join(al.text, " ")
			}
			if _, bad := kb.ambiguous[joined]; !bad {
				kept = append(kept, al)
			}
		}
		sort.SliceStable(kept, func(a, b int) bool { return len(kept[a].keys) > len(kept[b].keys) })
		kb.byFirst[first] = kept
	}
	return kb
}

// isAbbreviation reports whether an alias is a short all-capital
// abbreviation ("US", "U.S.", "CPSU CC"), matched case-sensitively.
func isAbbreviation(a string) bool {
	letters := 0
	for _, r := range a {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0 && letters <= 7
}

// match returns the longest alias that starts at toks[i], or ok=false.
// Matches stay inside one sentence.
func (kb *knowledgeBase) match(content string, toks []token, i int) (al kbAlias, n int, ok bool) {
	t := toks[i]
	if !t.word {
		return kbAlias{}, 0, false
	}
	for _, cand := range kb.byFirst[t.key] {
		n := len(cand.keys)
		if i+n > len(toks) || toks[i+n-1].sent != t.sent {
			continue
		}
		good := true
		for k := 0; k < n && good; k++ {
			tk := toks[i+k]
			if cand.exact {
				good = content[tk.start:tk.end] == cand.text[k]
			} else {
				good = tk.key == cand.keys[k]
			}
			// "N.S." and "N. S." are the same alias, but "Ho Chi-Minh" glued
			// differently from the alias is still accepted: spacing is not
			// compared at all.
		}
		if !good {
			continue
		}
		// A name starts with a capital (or is written as in the alias):
		// "soviet" in lower case is an adjective, not the state.
		if !cand.exact && !t.capital && content[t.start:t.end] != cand.text[0] {
			continue
		}
		return cand, n, true
	}
	return kbAlias{}, 0, false
}

// entityID builds the stable id "<type>/<slug>" of an entity.
func entityID(typ, name string) string {
	return strings.ToLower(typ) + "/" + slug(name)
}

// slug folds a name to lower-case ASCII words joined by hyphens:
// "Lorenz Lüthi" → "lorenz-luthi", "N. S. Khrushchev" → "n-s-khrushchev".
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case r == 'ł' || r == 'Ł':
			r = 'l'
		case r == 'ø' || r == 'Ø':
			r = 'o'
		case r == 'ß':
			b.WriteString("ss")
			dash = false
			continue
		case isApostrophe(r):
			continue // "Worker's" → "workers"
		}
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(unicode.ToLower(r))
			dash = false
		} else if b.Len() > 0 && !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// personBySurname finds the one person of the knowledge base whose surname
// and given names agree with a full name found by the rules
// ("Nikita S. Khrushchev"). A bare surname is not enough here: the
// knowledge base's aliases say which surnames stand alone.
func (kb *knowledgeBase) personBySurname(words []string) (int, bool) {
	if len(words) < 2 {
		return 0, false
	}
	found := -1
	for _, e := range kb.surnames[words[len(words)-1]] {
		w := nameWords(kb.entries[e].Name)
		if len(w) < 2 || w[len(w)-1] != words[len(words)-1] || !givenCompatible(w, words) {
			continue
		}
		if found >= 0 {
			return 0, false // two candidates: do not guess
		}
		found = e
	}
	return found, found >= 0
}

// hasShortAlias reports whether entry e is known by the one word key
// ("Mao" for Mao Zedong).
func (kb *knowledgeBase) hasShortAlias(e int, key string) bool {
	if e < 0 {
		return false
	}
	for _, k := range kb.surnames[key] {
		if k == e {
			return true
		}
	}
	return false
}

// hasOneWordAlias reports whether person e has a one-word alias ("Diem",
// "Mao"), which the knowledge base then matches by itself.
func (kb *knowledgeBase) hasOneWordAlias(e int) bool {
	for _, a := range kb.entries[e].Aliases {
		if len(nameWords(a)) == 1 {
			return true
		}
	}
	return false
}
