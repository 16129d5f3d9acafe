package graph

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// benchDirectory builds a directory the size of a 10,000-document archive:
// 10,000 entities of two or three words, half of them with an alias of one
// to three words, drawn from made-up words of three to twelve letters, of
// which about 20,000 are used.
// Words built from syllables share prefixes as real names do, which is
// what the prefix and misspelling lookups have to wade through. It returns
// the directory and one word of eight letters or more from it.
func benchDirectory(tb testing.TB) (*directory, string) {
	tb.Helper()
	rng := rand.New(rand.NewPCG(7, 11))
	consonants := []string{"b", "ch", "d", "f", "g", "h", "k", "kh", "l", "m", "n", "p", "r", "s", "sh", "t", "v", "z", "zh"}
	vowels := []string{"a", "e", "i", "o", "u", "y", "ai", "ov", "in", "ev"}
	seen := map[string]bool{}
	var vocabulary []string
	for len(vocabulary) < 27000 {
		var b strings.Builder
		for b.Len() < 3+rng.IntN(10) {
			b.WriteString(consonants[rng.IntN(len(consonants))])
			b.WriteString(vowels[rng.IntN(len(vowels))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			vocabulary = append(vocabulary, w)
		}
	}
	name := func(words int) string {
		parts := make([]string, words)
		for i := range parts {
			w := vocabulary[rng.IntN(len(vocabulary))]
			parts[i] = strings.ToUpper(w[:1]) + w[1:]
		}
		return strings.Join(parts, " ")
	}
	types := []string{"Person", "Party", "State", "Organization", "Place"}
	entities := make([]EntitySummary, 10000)
	for i := range entities {
		entities[i] = EntitySummary{
			ID:       fmt.Sprintf("e/%d", i),
			Name:     name(2 + rng.IntN(2)),
			Type:     types[rng.IntN(len(types))],
			Mentions: rng.IntN(1000),
		}
		if i%2 == 0 {
			entities[i].Aliases = []string{name(1 + rng.IntN(3))}
		}
	}
	d := newDirectory(entities)
	for _, w := range d.terms {
		if len(w) == 9 {
			return d, w
		}
	}
	tb.Fatal("no word of nine letters among the terms")
	return nil, ""
}

func BenchmarkDirectorySearch(b *testing.B) {
	d, word := benchDirectory(b)
	// A misspelling of the word: two letters swapped and one dropped.
	typo := word[:2] + word[3:4] + word[2:3] + word[5:]
	b.Logf("%d entities, %d distinct words; %q misspelt %q", d.len(), len(d.terms), word, typo)
	if got := d.search(typo, "", 1, 0); len(got) == 0 || !slices.Contains(nameWords(got[0].Name+" "+strings.Join(got[0].Aliases, " ")), word) {
		b.Fatalf("search(%q) does not find %q first", typo, word)
	}
	tests := []struct{ name, q string }{
		{"exact", word},
		{"prefix", word[:4]},
		{"typo", typo},
		{"two words", word + " " + d.terms[len(d.terms)/2]},
		{"short word", word[:2]},
		{"blank", ""},
	}
	for _, tt := range tests {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				d.search(tt.q, "", DefaultSearchLimit, 0)
			}
		})
	}
	b.Run("resolve typo", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			d.resolve(typo)
		}
	})
	b.Run("matching", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			d.matching(word)
		}
	})
}

func BenchmarkNewDirectory(b *testing.B) {
	d, _ := benchDirectory(b)
	b.ReportAllocs()
	for b.Loop() {
		newDirectory(d.entities)
	}
}
