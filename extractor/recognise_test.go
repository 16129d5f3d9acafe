package extractor

import (
	"sort"
	"strings"
	"testing"
)

// namesOf lists "Type:Name" of a document's entities, sorted.
func namesOf(d Document) []string {
	var out []string
	for _, e := range d.Entities {
		out = append(out, e.Type+":"+e.Name)
	}
	sort.Strings(out)
	return out
}

func TestRecogniserRules(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // Type:Name, sorted
	}{
		{"comrade list", "We trust Cdes. Ivanenko, Petrukhin, and Sidorchuk here.",
			[]string{"Person:Ivanenko", "Person:Petrukhin", "Person:Sidorchuk"}},
		{"list mixing known and new", "Cdes. Andropov and Zimyanin were there.",
			[]string{"Person:Yuri Andropov", "Person:Zimyanin"}},
		{"titles", "Ambassador Durbrow met Mr. Elting and Premier Chou En-lai.",
			[]string{"Person:Durbrow", "Person:Elting", "Person:Zhou Enlai"}},
		{"initials in capitals", "cde. L. I. SOKOLOV\n\nSokolov replied.",
			[]string{"Person:L. I. Sokolov"}},
		{"middle initial", "Walter S. Robertson spoke to J. Graham Parsons.",
			[]string{"Person:J. Graham Parsons", "Person:Walter S. Robertson"}},
		{"vietnamese name", "Present were Nguyen Van Kien and Tran Van Chuong.",
			[]string{"Person:Nguyen Van Kien", "Person:Tran Van Chuong"}},
		{"given name", "Eric Kocher wrote.", []string{"Person:Eric Kocher"}},
		{"inline definition", "Ask the GKES [State Committee on Foreign Economic Relations] and the GKES again.",
			[]string{"Organization:State Committee on Foreign Economic Relations"}},
		{"reverse definition", "The Mutual Aid Board (MAB) said no. MAB insisted.",
			[]string{"Organization:Mutual Aid Board"}},
		{"no title alone", "Mr. President, the Ambassador in Moscow agreed.",
			[]string{"Place:Moscow"}},
		{"lower-case adjective is not the state", "the supreme soviet of tea", nil},
		{"abbreviations are case-sensitive", "Tell us about the US.", []string{"State:United States"}},
		{"numbered paragraph", "A. Summary of the talks.", nil},
		{"signature", "1. Telegram From the Ambassador (Brownfield) to the Department\nMay 1, 1958\n\nText.\n\nBrownfield",
			[]string{"Person:Brownfield"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := extractText(t, tt.text)
			got := namesOf(d)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("entities of %q = %q, want %q", tt.text, got, tt.want)
			}
			checkOffsets(t, d)
		})
	}
}

func TestRecogniserNamesAndWords(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // Type:Name, sorted
	}{
		// 1. a sentence-opening common word is not a name by itself
		{"adverb opening a sentence", "The line is firm. Briefly stated, it holds.", nil},
		{"adverb before a speech verb", "We waited. Frankly said nothing new.", nil},
		{"word the document writes in lower case", "He spoke plainly. Plainly put, we agree.", nil},
		{"name in -ly still a name", "We waited. Connolly said nothing new.", []string{"Person:Connolly"}},
		// 2. a known person's name inside the name of a thing
		{"library", "Source: Kennedy Library, Papers of the President.", nil},
		{"doctrine and plan", "The Truman Doctrine and the Eisenhower Administration held.", nil},
		{"prize", "He won the Lenin Prize in 1960.", nil},
		{"person still a person", "Kennedy said the line held.", []string{"Person:John F. Kennedy"}},
		// 3. pronoun partner and bare surnames of the document before the cues
		{"pronoun he", "Re Ostrander—should he and Pennyfeather go?", []string{"Person:Pennyfeather"}},
		{"note-style regarding", "Re Fenwick Pennyfeather said no.", []string{"Person:Fenwick Pennyfeather"}},
		{"list ending a sentence", "We met Lionel C. Harkness there. I would include Tolliver and Harkness.",
			[]string{"Person:Lionel C. Harkness", "Person:Tolliver"}},
		// 4. ethnonyms and creeds never start a name
		{"ethnonym", "They condemned aggression against the Arab peoples.", nil},
		{"creeds", "The Buddhist and Catholic leaders met the Muslim elders.", nil},
		// 6. a one-word alias does not cut a Vietnamese name short
		{"vietnamese name ending in a known alias", "Colonel Nguyen Van Khanh met them.", []string{"Person:Nguyen Van Khanh"}},
		{"the alias alone", "Khanh met them.", []string{"Person:Nguyen Khanh"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := extractText(t, tt.text)
			var got []string
			for _, n := range namesOf(d) {
				if strings.HasPrefix(n, "Person:") {
					got = append(got, n)
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("persons of %q = %q, want %q", tt.text, got, tt.want)
			}
			checkOffsets(t, d)
		})
	}
}

// TestShortForms checks that a person of the knowledge base named in full
// is found again under the short form the document goes on to use.
func TestShortForms(t *testing.T) {
	tests := []struct {
		name, text string
		want       map[string]int // person id → mentions
	}{
		{"vietnamese personal name", "Premier Tran Van Huong spoke. Later Huong left.",
			map[string]int{"person/tran-van-huong": 2}},
		{"vietnamese, known full name", "Pham Van Dong arrived. Dong said little.",
			map[string]int{"person/pham-van-dong": 2}},
		{"korean family name", "Kim Il Sung arrived. Kim said little.",
			map[string]int{"person/kim-il-sung": 2}},
		{"western surname", "Lyndon B. Johnson arrived. Johnson said little.",
			map[string]int{"person/lyndon-b-johnson": 2}},
		{"ambiguous in the document", "Lyndon B. Johnson met U. Alexis Johnson. Johnson said little.",
			map[string]int{"person/lyndon-b-johnson": 1, "person/u-alexis-johnson": 2}},
		{"no full name, no short form", "Dong said little.", map[string]int{"person/dong": 1}},
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

func TestShortFormOf(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"Tran Van Huong", "huong"},
		{"Bui Diem", "diem"},
		{"Ho Chi Minh", ""}, // not the common shape: known as "Ho"
		{"Kim Il Sung", "kim"},
		{"Chou En-lai", "chou"},
		{"Walter Ulbricht", "ulbricht"},
		{"Sukarno", ""},
	} {
		if got := shortFormOf(nameWords(tt.name)); got != tt.want {
			t.Errorf("shortFormOf(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// personMentions maps the person ids of a document to their mention counts.
func personMentions(d Document) map[string]int {
	got := map[string]int{}
	for _, e := range d.Entities {
		if e.Type == TypePerson {
			got[e.ID] = len(e.Mentions)
		}
	}
	return got
}

func sameCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range b {
		if a[k] != v {
			return false
		}
	}
	return true
}
