package extractor

import (
	"strings"
	"testing"
)

func TestContextCues(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // Type:Name, sorted
	}{
		{"speech verb", "Yesterday Haldorsen said the harvest was poor.", []string{"Person:Haldorsen"}},
		{"sentence start with verb", "Brekke told me the harvest was poor.", []string{"Person:Brekke"}},
		{"adverb before verb", "Later Quimby then added a remark.", []string{"Person:Quimby"}},
		{"verb pair", "Reports say Tamberlane is thinking of leaving.", []string{"Person:Tamberlane"}},
		{"called on", "Ostrander called on me at noon.", []string{"Person:Ostrander"}},
		{"pronoun partner", "He wrote to me and Vellacott about it.", []string{"Person:Vellacott"}},
		{"pronoun after", "He warned Gundersen and myself again.", []string{"Person:Gundersen"}},
		{"kin possessive", "He met Pettigrew's assistant at the port.", []string{"Person:Pettigrew"}},
		{"list with a titled person", "He hopes to see Mr. Ablewhite, Corrigan, Dunmore and others.",
			[]string{"Person:Ablewhite", "Person:Corrigan", "Person:Dunmore"}},
		{"list before a person", "Letters went to Fairweather and Mr. Ablewhite.",
			[]string{"Person:Ablewhite", "Person:Fairweather"}},
		{"plural rank", "As he told Gens Harwood and Pellew, the road was cut.",
			[]string{"Person:Harwood", "Person:Pellew"}},
		{"office domain", "The Secretary of Defense Thornbury and the Chief of Staff Wickersham agreed.",
			[]string{"Person:Thornbury", "Person:Wickersham"}},
		{"service after rank", "Signed by Capt. USN at the dock.", nil},
		{"no cue", "The Riverside project is slow.", nil},
		{"capital city is not a person", "Plans for Rivermouth are ready.", nil},
		{"nickname takes the formal name", "We spoke with Mike Tennant about it.", []string{"Person:Michael Tennant"}},
		{"editors' completion", "Approved: R[obert] T. W[ainwright], 4/2/59", []string{"Person:Robert T. Wainwright"}},
		{"sent", "2. Ostrander sent the draft back.", []string{"Person:Ostrander"}},
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

func TestContextCuesRejects(t *testing.T) {
	tests := []struct{ name, text string }{
		{"office after comma", "Present: Mr. Ablewhite, Officer in Charge"},
		{"capitalised states", "He toured the former Mandated States briefly."},
		{"determiner", "It stays under the Governorate, Mr. Ablewhite explained."},
		{"participle", "Having warned him, the delegate left."},
		{"organisation word", "The Country Team insists on it."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := extractText(t, tt.text)
			for _, e := range d.Entities {
				if e.Type == TypePerson && e.Name != "Ablewhite" {
					t.Errorf("entities of %q include %s:%s", tt.text, e.Type, e.Name)
				}
			}
		})
	}
}

// FuzzRecognise checks that recognition and relations never panic and that
// every mention and every piece of evidence slices back to its own text.
func FuzzRecognise(f *testing.F) {
	f.Add("Cdes. Ablewhite, Corrigan and Mr. Dunmore said C[hristian] A. H[erter] met me and Vellacott.")
	f.Add("Secretary of Defense Thornbury called on Gens Harwood and Pellew yesterday.\n\nPARTICIPANTS\nMike Tennant, Officer")
	f.Add("X[ Y] Z[a]b, and , and 's Mr. [ ]")
	x := mustExtractor(f)
	f.Fuzz(func(t *testing.T, text string) {
		docs, err := x.Extract("fuzz.txt", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			checkOffsets(t, d)
		}
	})
}
