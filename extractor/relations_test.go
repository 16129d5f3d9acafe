package extractor

import "testing"

func TestRelations(t *testing.T) {
	const (
		k   = "person/nikita-khrushchev"
		ho  = "person/ho-chi-minh"
		mao = "person/mao-zedong"
	)
	tests := []struct {
		name, text    string
		typ, src, tgt string
		date          string
		want          bool
	}{
		{"title of a record", "Record of a Conversation between N.S. Khrushchev and Ho Chi Minh\nJuly 17, 1957\n\nText.",
			RelMet, k, ho, "1957-07-17", true},
		{"memorandum with possessive", "Memorandum of a Conversation Between the Chargé (Elting) and President Diem’s Adviser (Ladejinsky)\nMay 2, 1958\n\nText.",
			RelMet, "person/ngo-dinh-diem", "person/elting", "*", false},
		{"yesterday", "March 2, 1960\n\nHo Chi Minh spoke. Yesterday, he said, he had a conversation with Cde. Mao.",
			RelMet, ho, mao, "1960-03-01", true},
		{"planned", "March 2, 1960\n\nKhrushchev said that we plan to meet with Mao.", RelMet, k, mao, "*", false},
		{"glad to receive", "Khrushchev replied that we will be glad to receive Ho Chi Minh.", RelMet, k, ho, "*", false},
		{"can be received", "If Ho Chi Minh desires he can be received by Khrushchev there.", RelMet, k, ho, "*", false},
		{"received", "Khrushchev received Ho Chi Minh in the Kremlin.", RelMet, k, ho, "*", true},
		{"participants", "Memorandum of a Conversation\nMay 1, 1958\n\nPARTICIPANTS\n\nMr. Alan Brightwater\n\nNguyen Van Tam, Minister\n\nSUBJECT\n\nAid\n\nThey talked.",
			RelMet, "person/alan-brightwater", "person/nguyen-van-tam", "1958-05-01", true},
		{"office apposition", "Ho Chi Minh, President of the DRV, spoke.", RelHoldsOffice, ho, "state/democratic-republic-of-vietnam", "*", true},
		{"office before name", "Telegram to the USSR Ambassador in the DRV L. I. Sokolov", RelHoldsOffice, "person/l-i-sokolov", "state/soviet-union", "*", true},
		{"party office", "Khrushchev, First Secretary of the CPSU, said.", RelMemberOf, k, "party/communist-party-of-the-soviet-union", "*", true},
		{"aid", "The Soviet Union gave aid to the DRV.", RelSupports, "state/soviet-union", "state/democratic-republic-of-vietnam", "*", true},
		{"no aid", "The Soviet Union will not give aid to the DRV.", RelSupports, "state/soviet-union", "state/democratic-republic-of-vietnam", "*", false},
		{"aggression", "The aggressive actions of American imperialism against the DRV grew.", RelOpposes, "state/united-states", "state/democratic-republic-of-vietnam", "*", true},
		{"co-mention", "Mao and Khrushchev in Moscow.", RelCoMentioned, k, mao, "*", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := extractText(t, tt.text)
			if got := hasRelation(d, tt.typ, tt.src, tt.tgt, tt.date); got != tt.want {
				t.Errorf("%s %s→%s (%s) in %q: got %v, want %v\nrelations: %+v", tt.typ, tt.src, tt.tgt, tt.date, tt.text, got, tt.want, d.Relations)
			}
			checkOffsets(t, d)
		})
	}
}

func TestCoMentionedIsCanonical(t *testing.T) {
	d := extractText(t, "Tito, Mao and Khrushchev met in Moscow. Mao and Tito again.")
	for _, r := range d.Relations {
		if r.Type == RelCoMentioned && r.Source >= r.Target {
			t.Errorf("CO_MENTIONED %s→%s not ordered", r.Source, r.Target)
		}
	}
	n := 0
	for _, r := range d.Relations {
		if r.Type == RelCoMentioned && r.Source == "person/josip-broz-tito" || r.Type == RelCoMentioned && r.Target == "person/josip-broz-tito" && r.Source == "person/mao-zedong" {
			n++
		}
	}
	if n < 2 {
		t.Errorf("want one CO_MENTIONED per sentence, got %d for Mao–Tito", n)
	}
}
