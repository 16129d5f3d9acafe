package extractor

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// extractFixture extracts a file of testdata/, failing on any error unless
// the test expects some (wantErr).
func extractFixture(tb testing.TB, name string, wantErr bool) ([]Document, error) {
	tb.Helper()
	docs, err := mustExtractor(tb).ExtractFile(filepath.Join("testdata", name))
	if err != nil && !wantErr {
		tb.Fatalf("ExtractFile(%s): %v", name, err)
	}
	for _, d := range docs {
		checkOffsets(tb, d)
	}
	return docs, err
}

func TestReadHTML(t *testing.T) {
	docs, _ := extractFixture(t, "archive-page.html", false)
	if len(docs) != 1 {
		t.Fatalf("got %d documents, want 1", len(docs))
	}
	d := docs[0]
	file, err := os.ReadFile(filepath.Join("testdata", "archive-page.html"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Text != string(file) {
		t.Errorf("Text is not the file's content: offsets must point into the file")
	}
	for _, tt := range []struct{ field, got, want string }{
		{"id", d.ID, "archive-page"},
		{"title", d.Title, "Note on a Talk between Walter Ulbricht and Lê Duẩn"},
		{"date", d.Date, "1963-03-09"},
		{"classification", d.Classification, "SECRET"},
		{"translator", d.Translator, "Anna Muster"},
		{"record id", d.RecordID, "500123"},
	} {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.field, tt.got, tt.want)
		}
	}
	// Names are decoded; mention texts are the file's bytes, entity references included.
	le := entityByID(d, "person/le-duan")
	if le == nil || !slices.Contains(append([]string{le.Name}, le.Aliases...), "Lê Duẩn") || le.Mentions[0].Text != "L&ecirc; Du&#7849;n" {
		t.Errorf("Le Duan = %+v, want the decoded form among its names, with mentions as written in the file", le)
	}
	if !hasRelation(d, RelMet, "person/le-duan", "person/walter-ulbricht", "1963-03-09") {
		t.Errorf("no MET between Ulbricht and Le Duan across the <b> tag: %+v", d.Relations)
	}
	// Nothing from scripts, styles, navigation, header or footer.
	if e := entityByID(d, "person/nikita-khrushchev"); e != nil {
		t.Errorf("found Khrushchev, named only in a script: %+v", e)
	}
	if e := entityByID(d, "person/john-f-kennedy"); e != nil {
		t.Errorf("found Kennedy, named only in the navigation: %+v", e)
	}
}

func TestHTMLText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"inline tags vanish", "<p>Ho <b>Chi</b> Minh</p>", "\nHo Chi Minh\n"},
		{"blocks end lines", "<h1>T</h1><p>B</p>", "\nT\n\nB\n"},
		{"entities decode", "<p>A &amp; B&#8217;s</p>", "\nA & B’s\n"},
		{"source line breaks join", "<p>one\ntwo</p>", "\none two\n"},
		{"pre keeps lines", "<pre>one\ntwo</pre>", "\none\ntwo\n"},
		{"skipped elements", "<nav>menu</nav><script>x<y</script><p>kept</p><footer>f</footer>", "\nkept\n"},
		{"nested skip", "<nav><nav>a</nav>b</nav>c", "c"},
		{"bare ampersand", "<p>A & B</p>", "\nA & B\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, o, _ := htmlText(tt.in)
			if got != tt.want {
				t.Errorf("htmlText(%q) = %q, want %q", tt.in, got, tt.want)
			}
			checkOrigin(t, tt.in, got, o)
		})
	}
}

// checkOrigin checks that every word of the derived text maps to a range of
// the file that is in bounds and ordered.
func checkOrigin(tb testing.TB, file, text string, o *origin) {
	tb.Helper()
	for i := 0; i <= len(text); i++ {
		s, e := o.start(i), o.end(i)
		if s < 0 || e < 0 || s > len(file) || e > len(file) {
			tb.Fatalf("offset %d maps to %d/%d, outside the file (len %d)", i, s, e, len(file))
		}
	}
	for i := 0; i < len(text); i++ {
		if s, e := o.start(i), o.end(i+1); s > e {
			tb.Fatalf("byte %d maps to [%d,%d)", i, s, e)
		}
	}
}

func TestReadJSONL(t *testing.T) {
	docs, err := extractFixture(t, "documents.jsonl", true)
	var ids, dates []string
	for _, d := range docs {
		ids = append(ids, d.ID)
		dates = append(dates, d.Date)
	}
	if got, want := strings.Join(ids, ","), "note-1,note-3,documents-6"; got != want {
		t.Errorf("ids = %s, want %s (bad lines skipped, the rest kept in order)", got, want)
	}
	if got, want := strings.Join(dates, ","), "1957-07-17,1958-04-16,1958-04-05"; got != want {
		t.Errorf("dates = %s, want %s", got, want)
	}
	if docs[1].Classification != "SECRET" || docs[1].Citation != "Sample collection, item 3" || docs[1].Title != "Telegram to Moscow" {
		t.Errorf("note-3 metadata: %q %q %q", docs[1].Classification, docs[1].Citation, docs[1].Title)
	}
	var lines []int
	for _, e := range splitJoined(err) {
		var le *LineError
		if !errors.As(e, &le) {
			t.Fatalf("error %v is not a LineError", e)
		}
		if !strings.Contains(e.Error(), "documents.jsonl:") {
			t.Errorf("error %q does not name file:line", e)
		}
		lines = append(lines, le.Line)
	}
	if len(lines) != 2 || lines[0] != 2 || lines[1] != 5 {
		t.Errorf("failed lines = %v, want [2 5]", lines)
	}
}

func splitJoined(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	if err == nil {
		return nil
	}
	return []error{err}
}

func TestReadTEI(t *testing.T) {
	docs, _ := extractFixture(t, "volume.xml", false)
	tests := []struct{ id, title, date string }{
		{"frus-sample-d1", "Telegram From the Embassy in Vietnam to the Department of State", "1958-01-24"},
		{"frus-sample-d2", "Memorandum of Conversation Between Dulles and Ngo Dinh Diem", "1958-02-03"},
		{"frus-sample-d3", "Editorial Note", ""},
	}
	if len(docs) != len(tests) {
		t.Fatalf("got %d documents, want %d", len(docs), len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			d := docs[i]
			if d.ID != tt.id || d.Title != tt.title || d.Date != tt.date {
				t.Errorf("got %q %q %q, want %q %q %q", d.ID, d.Title, d.Date, tt.id, tt.title, tt.date)
			}
			if strings.Contains(d.Text, "footnote") || strings.Contains(d.Text, "Source:") {
				t.Errorf("note content in the text:\n%s", d.Text)
			}
		})
	}
	d1 := docs[0].Text
	for _, want := range []string{"1. Telegram From", "Ambassador Durbrow saw President Ngo Dinh Diem this morning. They", "aid to the villages", "MAAG"} {
		if !strings.Contains(d1, want) {
			t.Errorf("d1 text lacks %q:\n%s", want, d1)
		}
	}
	if !hasRelation(docs[1], RelMet, "person/john-foster-dulles", "person/ngo-dinh-diem", "1958-02-03") {
		t.Errorf("d2: no dated MET from its head: %+v", docs[1].Relations)
	}
}

func TestReadTEIErrors(t *testing.T) {
	x := mustExtractor(t)
	tests := []struct{ name, in, want string }{
		{"not TEI", `<root><p>hello</p></root>`, "no <div type=\"document\">"},
		{"cut short", "<TEI xml:id=\"v\">\n<div type=\"document\" xml:id=\"d1\"><p>Text", "vol.xml:2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := x.Extract("vol.xml", []byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestNormaliseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1958-01-24T18:00:00+07:00", "1958-01-24"},
		{"1958-04", "1958-04"},
		{"1958", "1958"},
		{"July 17, 1957", "1957-07-17"},
		{"17.07.1957", "1957-07-17"},
		{"1958-02-30", ""},
		{"soon", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := normaliseDate(tt.in); got != tt.want {
				t.Errorf("normaliseDate(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestDateLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"____ April 1958", "1958-04"},
		{"on 5 April 1958", "1958-04-05"},
		{"5.IV.1958", "1958-04-05"},
		{"Berlin, 17.07.1957", ""}, // a place first: not a dateline, but findDate sees the date
		{"Ulbricht arrived on 5 April 1958 and left the next day, tired.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got, _ := dateLine(tt.in); got != tt.want {
				t.Errorf("dateLine(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
