package extractor

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// seedsDir holds the reference documents of the product. They are
// third-party text and stay outside the repository.
const seedsDir = "../../shared/corpus/seeds"

var seedFiles = []string{
	"000_61a991972850b4de.txt",
	"002_ae02a1a1adbe7863.txt",
	"004_6ab5ffbd7f1cf1c8.txt",
}

var (
	sharedOnce sync.Once
	shared     *Extractor
	sharedErr  error
)

// mustExtractor returns one Extractor for the whole test binary: loading the
// knowledge base once is what New promises callers too.
func mustExtractor(tb testing.TB) *Extractor {
	tb.Helper()
	sharedOnce.Do(func() { shared, sharedErr = New(Options{}) })
	if sharedErr != nil {
		tb.Fatalf("New: %v", sharedErr)
	}
	return shared
}

func seedPath(tb testing.TB, name string) string {
	tb.Helper()
	p := filepath.Join(seedsDir, name)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("seed documents not available: %v", err)
	}
	return p
}

func extractSeed(tb testing.TB, name string) Document {
	tb.Helper()
	docs, err := mustExtractor(tb).ExtractFile(seedPath(tb, name))
	if err != nil {
		tb.Fatalf("ExtractFile(%s): %v", name, err)
	}
	if len(docs) != 1 {
		tb.Fatalf("ExtractFile(%s) gave %d documents, want 1", name, len(docs))
	}
	return docs[0]
}

// extractText runs the extractor on a small hand-written document.
func extractText(tb testing.TB, text string) Document {
	tb.Helper()
	docs, err := mustExtractor(tb).Extract("test.txt", []byte(text))
	if err != nil {
		tb.Fatalf("Extract: %v", err)
	}
	return docs[0]
}

func entityByID(d Document, id string) *Entity {
	for i := range d.Entities {
		if d.Entities[i].ID == id {
			return &d.Entities[i]
		}
	}
	return nil
}

// hasRelation reports whether d has a relation of typ between a and b (in
// either direction for symmetric types), dated date unless date is "*".
func hasRelation(d Document, typ, a, b, date string) bool {
	for _, r := range d.Relations {
		if r.Type != typ || (date != "*" && r.Date != date) {
			continue
		}
		if r.Source == a && r.Target == b {
			return true
		}
		if (typ == RelMet || typ == RelCoMentioned) && r.Source == b && r.Target == a {
			return true
		}
	}
	return false
}

func personIDs(d Document) map[string]bool {
	out := map[string]bool{}
	for _, e := range d.Entities {
		if e.Type == TypePerson {
			out[e.ID] = true
		}
	}
	return out
}

func TestSeedConversationRecord(t *testing.T) {
	d := extractSeed(t, seedFiles[0])
	if d.Date != "1957-07-17" {
		t.Errorf("date = %q, want 1957-07-17", d.Date)
	}
	const (
		khrushchev = "person/nikita-khrushchev"
		ho         = "person/ho-chi-minh"
	)
	wantPersons := []string{
		khrushchev, ho, "person/vo-nguyen-giap", "person/zimyanin", "person/fadeyev",
		"person/otto-kuusinen", "person/pyotr-pospelov", "person/yuri-andropov", "person/edvard-kardelj",
		"person/aleksandar-rankovic", "person/josip-broz-tito", "person/wladyslaw-gomulka",
		"person/walter-ulbricht", "person/wilhelm-pieck", "person/otto-grotewohl", "person/hoang-van-hoan",
		"person/nguyen-van-kien", "person/ngo-dinh-diem",
	}
	for _, id := range wantPersons {
		e := entityByID(d, id)
		if e == nil {
			t.Errorf("missing person %s", id)
			continue
		}
		if e.Type != TypePerson {
			t.Errorf("%s has type %s, want Person", id, e.Type)
		}
	}
	// one node per person: no second entity ending in the same surname
	surnames := map[string]string{}
	for id := range personIDs(d) {
		parts := strings.Split(id, "-")
		last := parts[len(parts)-1]
		if other, dup := surnames[last]; dup {
			t.Errorf("persons %s and %s look like one person split in two", other, id)
		}
		surnames[last] = id
	}
	for _, id := range []string{
		"party/communist-party-of-the-soviet-union", "party/workers-party-of-vietnam",
		"state/democratic-republic-of-vietnam", "state/soviet-union", "state/peoples-republic-of-china",
		"state/india", "state/republic-of-vietnam", "state/yugoslavia", "state/poland",
		"state/german-democratic-republic", "state/united-states",
	} {
		if entityByID(d, id) == nil {
			t.Errorf("missing %s", id)
		}
	}
	for _, id := range []string{"person/sergey-radchenko", "person/gary-goldberg"} {
		if entityByID(d, id) != nil {
			t.Errorf("archivist %s extracted as a historical actor", id)
		}
	}
	if d.Translator != "Gary Goldberg" {
		t.Errorf("translator = %q, want Gary Goldberg", d.Translator)
	}

	mets := []struct{ a, b, date string }{
		{khrushchev, ho, "1957-07-17"},
		{"person/yuri-andropov", khrushchev, "1957-07-17"},
		{"person/yuri-andropov", ho, "*"},
		{"person/zimyanin", khrushchev, "1957-07-17"},
		{"person/zimyanin", ho, "1957-07-17"},
		{"person/hoang-van-hoan", khrushchev, "1957-07-17"},
		{"person/hoang-van-hoan", ho, "1957-07-17"},
		{"person/nguyen-van-kien", khrushchev, "1957-07-17"},
		{"person/nguyen-van-kien", ho, "1957-07-17"},
		{ho, "person/otto-kuusinen", "1957-07-16"},
		{ho, "person/pyotr-pospelov", "1957-07-16"},
		{ho, "person/yuri-andropov", "1957-07-16"},
	}
	for _, m := range mets {
		if !hasRelation(d, RelMet, m.a, m.b, m.date) {
			t.Errorf("missing MET %s – %s on %s", m.a, m.b, m.date)
		}
	}
	for _, other := range []string{"person/vo-nguyen-giap", "person/edvard-kardelj", "person/aleksandar-rankovic"} {
		if hasRelation(d, RelMet, khrushchev, other, "*") {
			t.Errorf("MET %s – %s, but that meeting is only planned", khrushchev, other)
		}
	}
	if !hasRelation(d, RelHoldsOffice, ho, "state/democratic-republic-of-vietnam", "*") {
		t.Errorf("missing HOLDS_OFFICE Ho Chi Minh → DRV")
	}
	if !hasRelation(d, RelSupports, "state/soviet-union", "state/democratic-republic-of-vietnam", "*") {
		t.Errorf("missing SUPPORTS USSR → DRV")
	}
}

func TestSeedInformation(t *testing.T) {
	d := extractSeed(t, seedFiles[1])
	if d.Date != "1965-02-24" {
		t.Errorf("date = %q, want 1965-02-24", d.Date)
	}
	for _, id := range []string{"person/zhou-enlai", "person/mao-zedong", "person/alexei-kosygin", "person/nikita-khrushchev"} {
		if entityByID(d, id) == nil {
			t.Errorf("missing %s", id)
		}
	}
	mao := entityByID(d, "person/mao-zedong")
	if mao != nil {
		found := false
		for _, m := range mao.Mentions {
			found = found || m.Text == "Mao"
		}
		if !found {
			t.Errorf("\"Cde. Mao\" not resolved to Mao Zedong; mentions %v", mao.Mentions)
		}
	}
	if entityByID(d, "person/lorenz-luthi") != nil {
		t.Errorf("translator extracted as a historical actor")
	}
	if d.Translator != "Lorenz Lüthi" {
		t.Errorf("translator = %q, want Lorenz Lüthi", d.Translator)
	}
	if !strings.HasPrefix(d.Title, "Information No. 098") {
		t.Errorf("title = %q", d.Title)
	}
}

func TestSeedTelegram(t *testing.T) {
	d := extractSeed(t, seedFiles[2])
	if d.Date != "1958-04-16" {
		t.Errorf("date = %q, want 1958-04-16 (the page's dateline)", d.Date)
	}
	if d.Classification != "Secret" {
		t.Errorf("classification = %q, want Secret", d.Classification)
	}
	sokolov := entityByID(d, "person/l-i-sokolov")
	if sokolov == nil {
		t.Fatalf("missing person/l-i-sokolov; persons %v", personIDs(d))
	}
	if sokolov.Name != "L. I. Sokolov" || len(sokolov.Mentions) != 2 {
		t.Errorf("Sokolov = %q with %d mentions, want \"L. I. Sokolov\" with 2", sokolov.Name, len(sokolov.Mentions))
	}
	if !hasRelation(d, RelHoldsOffice, "person/l-i-sokolov", "state/soviet-union", "*") {
		t.Errorf("missing HOLDS_OFFICE Sokolov → USSR")
	}
	gkes := entityByID(d, "organization/state-committee-on-foreign-economic-relations")
	if gkes == nil || len(gkes.Aliases) == 0 || gkes.Aliases[0] != "GKES" {
		t.Errorf("inline definition of GKES not read: %+v", gkes)
	}
	if entityByID(d, "person/daniel-rozas") != nil {
		t.Errorf("translator extracted as a historical actor")
	}
}

// TestMentionOffsets checks the contract that every mention and every
// piece of evidence points back into the file.
func TestMentionOffsets(t *testing.T) {
	for _, name := range seedFiles {
		t.Run(name, func(t *testing.T) {
			d := extractSeed(t, name)
			checkOffsets(t, d)
		})
	}
}

func checkOffsets(tb testing.TB, d Document) {
	tb.Helper()
	for _, e := range d.Entities {
		if len(e.Mentions) == 0 {
			tb.Errorf("entity %s has no mentions", e.ID)
		}
		for _, m := range e.Mentions {
			if m.Start < 0 || m.End > len(d.Text) || m.Start >= m.End {
				tb.Fatalf("mention %+v of %s out of range (len %d)", m, e.ID, len(d.Text))
			}
			if d.Text[m.Start:m.End] != m.Text {
				tb.Errorf("mention of %s: content[%d:%d] = %q, want %q", e.ID, m.Start, m.End, d.Text[m.Start:m.End], m.Text)
			}
		}
	}
	for _, r := range d.Relations {
		if r.Start < 0 || r.End > len(d.Text) || r.Start > r.End || d.Text[r.Start:r.End] != r.Evidence {
			tb.Errorf("relation %s %s→%s: evidence offsets %d:%d do not slice its evidence", r.Type, r.Source, r.Target, r.Start, r.End)
		}
	}
}

// sampleDir is the project's own sample corpus. Golden files are kept for it
// rather than for the seeds, whose third-party sentences stay out of the
// repository; the seeds are checked by the acceptance tests instead.
const sampleDir = "../examples/corpus"

// TestGolden compares the JSON output for the sample corpus with
// testdata/<file>.golden.jsonl; run with -update to accept a change.
func TestGolden(t *testing.T) {
	names, err := filepath.Glob(filepath.Join(sampleDir, "*.txt"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no sample documents in %s (%v)", sampleDir, err)
	}
	x := mustExtractor(t)
	for _, path := range names {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			docs, err := x.ExtractFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for i := range docs {
				docs[i].Source = name // the path differs between machines
			}
			var got bytes.Buffer
			enc := json.NewEncoder(&got)
			enc.SetEscapeHTML(false)
			for _, d := range docs {
				if err := enc.Encode(d); err != nil {
					t.Fatal(err)
				}
			}
			golden := filepath.Join("testdata", strings.TrimSuffix(name, filepath.Ext(name))+".golden.jsonl")
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("output differs from %s; run go test ./extractor -run TestGolden -update and review the diff", golden)
			}
		})
	}
}

func TestExtractErrors(t *testing.T) {
	x := mustExtractor(t)
	if _, err := x.Extract("scan.pdf", []byte("x")); !errors.Is(err, ErrUnsupportedFormat) || !strings.Contains(err.Error(), "scan.pdf") {
		t.Errorf("Extract(scan.pdf) error = %v, want ErrUnsupportedFormat naming the file", err)
	}
	missing := filepath.Join(t.TempDir(), "gone.txt")
	if _, err := x.ExtractFile(missing); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("ExtractFile(missing) error = %v, want one naming the file", err)
	}
}

func TestDocumentIdentity(t *testing.T) {
	x := mustExtractor(t)
	docs, err := x.Extract("some/dir/record_17.md", []byte("# Note\n\nNothing here.\n"))
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	if d.ID != "record_17" || d.Source != "some/dir/record_17.md" || len(d.SHA256) != 64 || d.Title != "Note" {
		t.Errorf("got id %q source %q sha %q title %q", d.ID, d.Source, d.SHA256, d.Title)
	}
	if d.Entities == nil || d.Relations == nil {
		t.Errorf("empty lists must encode as [], not null")
	}
}

func TestExpandPaths(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b.txt", "a.md", "sub/c.txt", "skip.pdf", ".hidden/d.txt", "README.md", "sub/LICENSE.txt"} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	missing := filepath.Join(dir, "nope")
	files, errs := ExpandPaths([]string{dir, missing})
	want := []string{filepath.Join(dir, "a.md"), filepath.Join(dir, "b.txt"), filepath.Join(dir, "sub", "c.txt")}
	if strings.Join(files, ",") != strings.Join(want, ",") {
		t.Errorf("files = %v, want %v", files, want)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), missing) {
		t.Errorf("errs = %v, want one naming %s", errs, missing)
	}
}

func TestUserKnowledgeBase(t *testing.T) {
	dir := t.TempDir()
	lines := filepath.Join(dir, "mine.kb")
	if err := os.WriteFile(lines, []byte("# mine\nPerson: Ivan Ivanovich Testov | Testov\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	js := filepath.Join(dir, "more.json")
	if err := os.WriteFile(js, []byte(`[{"id":"person/ho-chi-minh","name":"Ho Chi Minh","type":"Person","aliases":["Nguyen Ai Quoc"]}]`), 0o644); err != nil {
		t.Fatal(err)
	}
	x, err := New(Options{KBFiles: []string{lines, js}})
	if err != nil {
		t.Fatal(err)
	}
	docs, err := x.Extract("t.txt", []byte("Testov wrote to Nguyen Ai Quoc in Hanoi.\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"person/ivan-ivanovich-testov", "person/ho-chi-minh", "place/hanoi"} {
		if entityByID(docs[0], id) == nil {
			t.Errorf("missing %s in %+v", id, docs[0].Entities)
		}
	}
	if _, err := New(Options{KBFiles: []string{filepath.Join(dir, "absent.kb")}}); err == nil || !strings.Contains(err.Error(), "absent.kb") {
		t.Errorf("New with a missing file: error %v, want one naming it", err)
	}
}

func TestCoreKnowledgeBaseHasNoAmbiguousAliases(t *testing.T) {
	for alias, ids := range mustExtractor(t).kb.ambiguous {
		t.Errorf("alias %q claimed by %v", alias, ids)
	}
}

func TestConcurrentUse(t *testing.T) {
	x := mustExtractor(t)
	p := seedPath(t, seedFiles[0])
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := x.ExtractFile(p); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}

func BenchmarkExtract(b *testing.B) {
	x := mustExtractor(b)
	var contents [][]byte
	words := 0
	for _, name := range seedFiles {
		c, err := os.ReadFile(seedPath(b, name))
		if err != nil {
			b.Fatal(err)
		}
		contents = append(contents, c)
		words += len(strings.Fields(string(c)))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k, c := range contents {
			if _, err := x.Extract(seedFiles[k], c); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
}

func FuzzRead(f *testing.F) {
	f.Add([]byte("Skip to content\n\nJuly 17, 1957\n\nCde. L. I. SOKOLOV met Mr. Smith.\n"))
	f.Add([]byte("Cdes. A, B, and\n(Martynov)\nGKES [State Committee]\n"))
	f.Add([]byte("N. S.\u00a0Khrushchev’s \xff\xfe Ho Chi-"))
	x := mustExtractor(f)
	f.Fuzz(func(t *testing.T, content []byte) {
		docs, err := x.Extract("fuzz.txt", content)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			checkOffsets(t, d)
		}
	})
}
