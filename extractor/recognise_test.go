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
