package extractor

import (
	"strings"
	"testing"
)

func TestResolve(t *testing.T) {
	tests := []struct {
		name, text string
		want       map[string]int // entity id → mentions
	}{
		{"forms of a known name",
			"N.S. Khrushchev and N. S. Khrushchev. KHRUSHCHEV said. Khrushchev’s view.",
			map[string]int{"person/nikita-khrushchev": 4}},
		{"transliterations", "Mao Tse-tung and Mao Zedong. Cde. Mao agreed.",
			map[string]int{"person/mao-zedong": 3}},
		{"surname joins the full name of the document", "Ambassador Petr Ivanovich Rodionov arrived. Rodionov said.",
			map[string]int{"person/petr-ivanovich-rodionov": 2}},
		{"different given names stay apart", "Mr. John Smithers met Mr. Paul Smithers.",
			map[string]int{"person/john-smithers": 1, "person/paul-smithers": 1}},
		{"ambiguous surname goes to the nearest", "Mr. John Smithers spoke. Mr. Paul Smithers came. Then Smithers left.",
			map[string]int{"person/john-smithers": 1, "person/paul-smithers": 2}},
		{"full name known to the knowledge base", "Walter Ulbricht and W. Ulbricht.",
			map[string]int{"person/walter-ulbricht": 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := extractText(t, tt.text)
			got := map[string]int{}
			for _, e := range d.Entities {
				if e.Type == TypePerson {
					got[e.ID] = len(e.Mentions)
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("persons of %q = %v, want %v", tt.text, got, tt.want)
			}
			for id, n := range tt.want {
				if got[id] != n {
					t.Errorf("%s has %d mentions in %q, want %d (all: %v)", id, got[id], tt.text, n, got)
				}
			}
		})
	}
}

func TestGivenCompatible(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"N. S. Khrushchev", "Nikita Sergeyevich Khrushchev", true},
		{"Khrushchev", "Nikita Khrushchev", true},
		{"John Smith", "Paul Smith", false},
		{"U. Alexis Johnson", "Lyndon B. Johnson", false},
	} {
		if got := givenCompatible(nameWords(tt.a), nameWords(tt.b)); got != tt.want {
			t.Errorf("givenCompatible(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	if !strings.HasPrefix(entityID(TypePerson, "Ho Chi Minh"), "person/") {
		t.Errorf("entityID prefix")
	}
}
