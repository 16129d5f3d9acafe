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

func TestResolveWomenAndInitials(t *testing.T) {
	tests := []struct {
		name, text string
		want       map[string]int // person id → mentions
	}{
		{"Madame Nhu is not her husband", "Madame Nhu spoke. Ngo Dinh Nhu agreed. Nhu left.",
			map[string]int{"person/tran-le-xuan": 1, "person/ngo-dinh-nhu": 2}},
		{"Mme. with the full name", "Mme. Ngo Dinh Nhu spoke to Diem.",
			map[string]int{"person/tran-le-xuan": 1, "person/ngo-dinh-diem": 1}},
		{"Mrs. X is not Mr. X", "Mr. John Smithers came with Mrs. Smithers. Smithers said no.",
			map[string]int{"person/john-smithers": 2, "person/mrs-smithers": 1}},
		{"Mrs. with a known surname", "Mrs. Khrushchev visited a school while Khrushchev rested.",
			map[string]int{"person/mrs-khrushchev": 1, "person/nikita-khrushchev": 1}},
		{"surname joins the full name", "Walter S. Robertson arrived. Mr. Robertson said no.",
			map[string]int{"person/walter-robertson": 2}},
		{"namesakes of one document stay apart", "John A. Smithers met John B. Smithers.",
			map[string]int{"person/john-a-smithers": 1, "person/john-b-smithers": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := personMentions(extractText(t, tt.text))
			if !sameCounts(got, tt.want) {
				t.Errorf("persons of %q = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

// TestPersonIDAcrossDocuments: the same person named with and without a
// middle initial in two documents gets one id; the name keeps the initial.
func TestPersonIDAcrossDocuments(t *testing.T) {
	a := extractText(t, "Walter S. Robertson arrived.")
	b := extractText(t, "Walter Robertson arrived.")
	if len(a.Entities) != 1 || len(b.Entities) != 1 {
		t.Fatalf("entities = %v and %v, want one each", namesOf(a), namesOf(b))
	}
	if a.Entities[0].ID != b.Entities[0].ID || a.Entities[0].ID != "person/walter-robertson" {
		t.Errorf("ids = %q and %q, want both person/walter-robertson", a.Entities[0].ID, b.Entities[0].ID)
	}
	if a.Entities[0].Name != "Walter S. Robertson" {
		t.Errorf("name = %q, want Walter S. Robertson", a.Entities[0].Name)
	}
}

func TestWithoutMiddleInitials(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"Walter S. Robertson", "Walter Robertson"},
		{"Lyman L. Lemnitzer", "Lyman Lemnitzer"},
		{"J. Graham Parsons", "J. Graham Parsons"},
		{"L. I. Sokolov", "L. I. Sokolov"},
		{"Robert T. Wainwright", "Robert Wainwright"},
		{"Eric Kocher", "Eric Kocher"},
	} {
		if got := withoutMiddleInitials(tt.name); got != tt.want {
			t.Errorf("withoutMiddleInitials(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestAliasesInDisplayCase: headings in capitals give no second alias;
// mentions keep the text as written.
func TestAliasesInDisplayCase(t *testing.T) {
	d := extractText(t, "A. N. KOSYGIN\n\nA. N. Kosygin met the CPSU CC and the UNITED STATES.")
	for _, e := range d.Entities {
		for _, a := range e.Aliases {
			if a == "A. N. KOSYGIN" || a == "UNITED STATES" || strings.EqualFold(a, e.Name) {
				t.Errorf("%s has alias %q", e.ID, a)
			}
		}
		if e.ID == "person/alexei-kosygin" && (len(e.Mentions) != 2 || e.Mentions[0].Text != "A. N. KOSYGIN") {
			t.Errorf("mentions of Kosygin = %v, want the heading as written first", e.Mentions)
		}
	}
	for _, tt := range []struct{ typ, text, want string }{
		{TypePerson, "PHAM  VAN DONG", "Pham Van Dong"},
		{TypePerson, "N. S. KHRUSHCHEV", "N. S. Khrushchev"},
		{TypePerson, "Ngo Dinh Nhu", "Ngo Dinh Nhu"},
		{TypePerson, "C.D. WIGGIN", "C.D. Wiggin"},
		{TypeOrganization, "COUNCIL OF MINISTERS", "COUNCIL OF MINISTERS"}, // no entry to take the case from
	} {
		if got := displayAlias(nil, tt.typ, -1, tt.text); got != tt.want {
			t.Errorf("displayAlias(%s, %q) = %q, want %q", tt.typ, tt.text, got, tt.want)
		}
	}
}
