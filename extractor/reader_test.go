package extractor

import (
	"strings"
	"testing"
)

func TestFindDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"July 17, 1957", "1957-07-17"},
		{"17 July 1957", "1957-07-17"},
		{"1958-04-16", "1958-04-16"},
		{"____ April 1958", "1958-04"},
		{"January 24, 1958—11 a.m.", "1958-01-24"},
		{"November 17–18, 1958", "1958-11-17"},
		{"at 1100 17 July 1957", "1957-07-17"},
		{"Sept 3, 1960", "1960-09-03"},
		{"on 1 March of the current year", ""},
		{"no date here", ""},
		{"1958-13-40", ""},
		{"on 5 April 1958", "1958-04-05"},
		{"5.IV.1958", "1958-04-05"},
		{"12. XII. 1961", "1961-12-12"},
		{"17.07.1957", "1957-07-17"},
		{"July 17th, 1957", "1957-07-17"},
		{"17–18 November 1958", "1958-11-17"},
		{"November 17-18, 1958", "1958-11-17"},
		{"items 5 IV 1958", ""}, // Roman months only between dots
		{"17.13.1957", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, _, _, _ := findDate(tt.in)
			if got != tt.want {
				t.Errorf("findDate(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestAddDays(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"1957-07-17", "1957-07-16"}, {"1958-03-01", "1958-02-28"}, {"1958-04", "1958-04"}, {"", ""},
	} {
		if got := addDays(tt.in, -1); got != tt.want {
			t.Errorf("addDays(%q, -1) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestReadPage(t *testing.T) {
	const page = `Search in

Digital Archive International History Declassified

March 3, 1961

This document was made possible with support from Someone

  • Citation

    get citation

    A summary written by the archive.
    "Note from A to B," March 3, 1961, History and Public Policy Program Digital Archive, Translated from Polish by Jan Kowalski.
  • share document

English HTML

TOP SECRET

The body starts here.

to address
to file

Document Information

Source

Archive, f. 1. Contributed by Somebody Else.

Record ID

12345

Original Classification

Top Secret
`
	p := readPage(page)
	if p.date != "1961-03-03" || p.title != "Note from A to B" || p.classification != "TOP SECRET" ||
		p.translator != "Jan Kowalski" || p.recordID != "12345" || !strings.HasPrefix(p.citation, `"Note from A to B,"`) {
		t.Errorf("readPage: date %q title %q class %q translator %q record %q citation %q",
			p.date, p.title, p.classification, p.translator, p.recordID, p.citation)
	}
	var body []string
	for _, r := range p.regions {
		body = append(body, page[r.start:r.end])
	}
	want := []string{"Note from A to B", "The body starts here."}
	if strings.Join(body, "|") != strings.Join(want, "|") {
		t.Errorf("regions = %q, want %q", body, want)
	}
}

func TestTranslatorIn(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Contributed by Sergey Radchenko and translated by Gary Goldberg.", "Gary Goldberg"},
		{"Translated from German by Lorenz Lüthi.", "Lorenz Lüthi"},
		{"Archive, Translated for CWIHP by Daniel Rozas.", "Daniel Rozas"},
		{"Translated by J. Smith, 2001", "J. Smith"},
		{"Obtained by someone", ""},
	}
	for _, tt := range tests {
		if got := translatorIn(tt.in); got != tt.want {
			t.Errorf("translatorIn(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestClassificationOf(t *testing.T) {
	tests := []struct{ in, want string }{
		{"SECRET. Only copy", "SECRET"}, {"Secret. Copy # ___", "Secret"}, {"Top Secret", "Top Secret"},
		{"Secretary Dulles arrived.", ""}, {"CONFIDENTIAL", "CONFIDENTIAL"},
	}
	for _, tt := range tests {
		if got := classificationOf(tt.in); got != tt.want {
			t.Errorf("classificationOf(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitSentences(t *testing.T) {
	text := "Cde. Mao said so. N. S. Khrushchev agreed!\n3. Next item. The U.S. Government. End"
	got := []string{}
	for _, s := range splitSentences(text, []span{{0, strings.IndexByte(text, '\n')}, {strings.IndexByte(text, '\n') + 1, len(text)}}) {
		got = append(got, text[s.start:s.end])
	}
	want := []string{"Cde. Mao said so.", "N. S. Khrushchev agreed!", "3. Next item.", "The U.S. Government.", "End"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("splitSentences = %q\nwant %q", got, want)
	}
}

func TestTokenize(t *testing.T) {
	text := "Khrushchev’s N.S. Tse-tung O'Donnell"
	var got []string
	for _, tk := range tokenize(nil, text, 0, len(text), 0) {
		got = append(got, text[tk.start:tk.end])
	}
	want := []string{"Khrushchev", "’s", "N", ".", "S", ".", "Tse", "-", "tung", "O'Donnell"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("tokenize(%q) = %q, want %q", text, got, want)
	}
}

func TestSlug(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Lorenz Lüthi", "lorenz-luthi"}, {"N. S. Khrushchev", "n-s-khrushchev"},
		{"Workers' Party of Vietnam", "workers-party-of-vietnam"}, {"Đặng Văn Ngữ", "dang-van-ngu"},
	} {
		if got := slug(tt.in); got != tt.want {
			t.Errorf("slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
