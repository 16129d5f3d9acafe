package graph

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// testEntities is a small archive with the collisions the name index must
// sort out: two Dulleses, a person and a city sharing a name, an alias
// that spells a name with accents, names outside ASCII, and three Smiths
// to order by mentions and id.
func testEntities() []EntitySummary {
	return []EntitySummary{
		{ID: "person/nikita-khrushchev", Name: "Nikita Khrushchev", Type: "Person", Aliases: []string{"N.S. Khrushchev", "Khrushchev"}, Mentions: 500, Documents: 120},
		{ID: "person/ho-chi-minh", Name: "Ho Chi Minh", Type: "Person", Aliases: []string{"Nguyen Ai Quoc"}, Mentions: 300},
		{ID: "place/ho-chi-minh-city", Name: "Ho Chi Minh City", Type: "Place", Aliases: []string{"Saigon"}, Mentions: 400},
		{ID: "person/john-foster-dulles", Name: "John Foster Dulles", Type: "Person", Aliases: []string{"J.F. Dulles"}, Mentions: 200},
		{ID: "person/allen-dulles", Name: "Allen Dulles", Type: "Person", Mentions: 150},
		{ID: "person/wladyslaw-gomulka", Name: "Władysław Gomułka", Type: "Person", Mentions: 80},
		{ID: "person/anastas-mikoyan", Name: "Anastas Mikoyan", Type: "Person", Aliases: []string{"Anastás Mikoyán", "Микоян"}, Mentions: 90},
		{ID: "person/do-muoi", Name: "Đỗ Mười", Type: "Person", Mentions: 20},
		{ID: "person/le-duan", Name: "Lê Duẩn", Type: "Person", Mentions: 60},
		{ID: "state/soviet-union", Name: "Soviet Union", Type: "State", Aliases: []string{"USSR", "U.S.S.R."}, Mentions: 900},
		{ID: "party/cpsu", Name: "Communist Party of the Soviet Union", Type: "Party", Aliases: []string{"CPSU"}, Mentions: 250},
		{ID: "party/lcy", Name: "League of Communists of Yugoslavia", Type: "Party", Mentions: 600},
		{ID: "person/mao-zedong", Name: "Mao Zedong", Type: "Person", Aliases: []string{"Mao Tse-tung", "Chairman Mao"}, Mentions: 400},
		{ID: "person/adam-smith", Name: "Adam Smith", Type: "Person", Mentions: 10},
		{ID: "person/bob-smith", Name: "Bob Smith", Type: "Person", Mentions: 10},
		{ID: "person/carl-smith", Name: "Carl Smith", Type: "Person", Mentions: 30},
		{ID: "organization/smith-college", Name: "Smith College", Type: "Organization", Mentions: 5},
	}
}

// ids lists the ids of entities, in order.
func ids(entities []EntitySummary) []string {
	out := make([]string, len(entities))
	for i, e := range entities {
		out[i] = e.ID
	}
	return out
}

func TestDirectorySearch(t *testing.T) {
	d := newDirectory(testEntities())
	tests := []struct {
		name   string
		q, typ string
		limit  int
		offset int
		want   []string // ids, in order
	}{
		{"exact word", "Khrushchev", "", 10, 0, []string{"person/nikita-khrushchev"}},
		{"case and spaces", "  kHRUSHCHEV ", "", 10, 0, []string{"person/nikita-khrushchev"}},
		{"prefix", "Khrush", "", 10, 0, []string{"person/nikita-khrushchev"}},
		{"typo: letter missing", "Krushchev", "", 10, 0, []string{"person/nikita-khrushchev"}},
		{"typo: two letters missing", "Kruschev", "", 10, 0, []string{"person/nikita-khrushchev"}},
		{"typo: transposition", "Khruhscev", "", 10, 0, []string{"person/nikita-khrushchev"}},
		{"typo: one edit in a short word", "Mikoyam", "", 10, 0, []string{"person/anastas-mikoyan"}},
		{"too many edits for a short word", "Mikoyxm", "", 10, 0, []string{}},
		{"one edit from five letters", "Dulls", "", 10, 0, []string{"person/john-foster-dulles", "person/allen-dulles"}},
		{"pure transposition", "Mikoyna", "", 10, 0, []string{"person/anastas-mikoyan"}},
		{"four letters must be exact or a prefix", "Mau", "", 10, 0, []string{}},
		{"all words required", "Mao Khrushchev", "", 10, 0, []string{}},
		{"words may come from different names", "Nikita N.S. Khrushchev", "", 10, 0, []string{"person/nikita-khrushchev"}},
		{"short word alone is optional but enough", "Ho", "", 10, 0, []string{"place/ho-chi-minh-city", "person/ho-chi-minh"}},
		{"short words only: any of them", "Ho zq", "", 10, 0, []string{"place/ho-chi-minh-city", "person/ho-chi-minh"}},
		{"exact name ranks over a longer one with more mentions", "Ho Chi Minh", "", 10, 0, []string{"person/ho-chi-minh", "place/ho-chi-minh-city"}},
		{"longer name when asked for", "Ho Chi Minh City", "", 10, 0, []string{"place/ho-chi-minh-city"}},
		{"short optional word ranks", "J.F. Dulles", "", 10, 0, []string{"person/john-foster-dulles", "person/allen-dulles"}},
		{"initials with dots", "N.S.", "", 10, 0, []string{"person/nikita-khrushchev"}},
		{"dots inside kept", "U.S.S.R", "", 10, 0, []string{"state/soviet-union"}},
		{"alias", "Saigon", "", 10, 0, []string{"place/ho-chi-minh-city"}},
		{"alias with hyphen", "Mao Tse-tung", "", 10, 0, []string{"person/mao-zedong"}},
		{"alias with accents", "Mikoyán", "", 10, 0, []string{"person/anastas-mikoyan"}},
		{"cyrillic alias", "микоян", "", 10, 0, []string{"person/anastas-mikoyan"}},
		{"diacritics matched exactly", "Gomułka", "", 10, 0, []string{"person/wladyslaw-gomulka"}},
		{"diacritics missing: a near misspelling", "Gomulka", "", 10, 0, []string{"person/wladyslaw-gomulka"}},
		{"vietnamese", "Đỗ Mười", "", 10, 0, []string{"person/do-muoi"}},
		{"decomposed accents equal composed", "Le\u0302 Du\u00e2\u0309n", "", 10, 0, []string{"person/le-duan"}},
		{"type filter", "Soviet", "Party", 10, 0, []string{"party/cpsu"}},
		{"type filter excludes", "Khrushchev", "Place", 10, 0, []string{}},
		{"equal scores by mentions", "Soviet", "", 10, 0, []string{"state/soviet-union", "party/cpsu"}},
		{"exact beats prefix", "Communist", "", 10, 0, []string{"party/cpsu", "party/lcy"}},
		{"ties by mentions then id", "Smith", "", 10, 0, []string{"person/carl-smith", "person/adam-smith", "person/bob-smith", "organization/smith-college"}},
		{"first page", "Smith", "", 2, 0, []string{"person/carl-smith", "person/adam-smith"}},
		{"second page", "Smith", "", 2, 2, []string{"person/bob-smith", "organization/smith-college"}},
		{"past the end", "Smith", "", 2, 10, []string{}},
		{"blank lists by mentions", "  ", "", 4, 0, []string{"state/soviet-union", "party/lcy", "person/nikita-khrushchev", "person/mao-zedong"}},
		{"blank by type", "", "Person", 3, 1, []string{"person/mao-zedong", "person/ho-chi-minh", "person/john-foster-dulles"}},
		{"blank by unknown type", "", "Ship", 3, 0, []string{}},
		{"punctuation only", "!!! .. ''", "", 10, 0, []string{}},
		{"lucene syntax is text", `Khrushchev~ AND (Mao)`, "", 10, 0, []string{}},
		{"nothing", "Eisenhower", "", 10, 0, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := d.search(tt.q, tt.typ, tt.limit, tt.offset)
			if got == nil {
				t.Fatalf("search(%q, %q, %d, %d) = nil, want a non-nil slice", tt.q, tt.typ, tt.limit, tt.offset)
			}
			if !slices.Equal(ids(got), tt.want) {
				t.Errorf("search(%q, %q, %d, %d) = %q, want %q", tt.q, tt.typ, tt.limit, tt.offset, ids(got), tt.want)
			}
		})
	}
}

func TestDirectorySearchScores(t *testing.T) {
	d := newDirectory(testEntities())
	score := func(q string) float64 {
		t.Helper()
		got := d.search(q, "", 1, 0)
		if len(got) != 1 {
			t.Fatalf("search(%q) found nothing", q)
		}
		return got[0].Score
	}
	tests := []struct {
		name string
		q    string
		want float64
	}{
		{"exact word", "Dulles", exactWeight},
		{"exact name", "Allen Dulles", 2*exactWeight + exactBonus},
		{"prefix", "Khrush", prefixWeight},
		{"one edit in ten letters", "Krushchev", fuzzyWeight * (1 - 1.0/9)},
		{"two edits in ten letters", "Kruschev", fuzzyWeight * (1 - 2.0/8)},
		{"short word adds", "Ho Chi", 2 * exactWeight},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := score(tt.q); got != tt.want {
				t.Errorf("search(%q) score = %v, want %v", tt.q, got, tt.want)
			}
		})
	}
	t.Run("blank listing has no score", func(t *testing.T) {
		for _, e := range d.search("", "", 100, 0) {
			if e.Score != 0 {
				t.Errorf("search(\"\") gives %s score %v, want 0", e.ID, e.Score)
			}
		}
	})
	t.Run("summary carried", func(t *testing.T) {
		got := d.search("Khrushchev", "", 1, 0)[0]
		if got.Name != "Nikita Khrushchev" || got.Mentions != 500 || got.Documents != 120 || len(got.Aliases) != 2 {
			t.Errorf("search(\"Khrushchev\") = %+v, want the whole summary", got)
		}
	})
}

func TestDirectoryMatching(t *testing.T) {
	d := newDirectory(testEntities())
	tests := []struct {
		name, ref string
		want      []string
	}{
		{"surname", "Dulles", []string{"person/allen-dulles", "person/john-foster-dulles"}},
		{"lower case", "dulles", []string{"person/allen-dulles", "person/john-foster-dulles"}},
		{"trimmed", "  Dulles ", []string{"person/allen-dulles", "person/john-foster-dulles"}},
		{"full name", "Allen Dulles", []string{"person/allen-dulles"}},
		{"alias", "J.F. Dulles", []string{"person/john-foster-dulles"}},
		{"prefix is a substring", "Khrush", []string{"person/nikita-khrushchev"}},
		{"typo found by search is not a substring", "Krushchev", []string{}},
		{"fragment inside a word finds nobody", "hrush", []string{}},
		{"accents", "mikoyán", []string{"person/anastas-mikoyan"}},
		{"any type", "Ho Chi Minh", []string{"person/ho-chi-minh", "place/ho-chi-minh-city"}},
		{"blank", " ", []string{}},
		{"punctuation only", "...", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := d.matching(tt.ref)
			if got == nil || !slices.Equal(got, tt.want) {
				t.Errorf("matching(%q) = %#v, want %q", tt.ref, got, tt.want)
			}
		})
	}
}

func TestDirectoryResolve(t *testing.T) {
	d := newDirectory(append(testEntities(),
		EntitySummary{ID: "organization/kruschev", Name: "Kruschev", Type: "Organization", Mentions: 2},
		EntitySummary{ID: "person/mao-tse-tung", Name: "Mao Tse tung", Type: "Person", Mentions: 3},
		EntitySummary{ID: "place/smith", Name: "Smith", Type: "Place", Mentions: 1},
		EntitySummary{ID: "organization/smith", Name: "SMITH", Type: "Organization", Mentions: 1},
		EntitySummary{ID: "person/smith", Name: "Smith", Type: "Person", Mentions: 4},
		EntitySummary{ID: "party/tie-b", Name: "Twin", Type: "Party", Mentions: 7},
		EntitySummary{ID: "party/tie-a", Name: "twin", Type: "Party", Mentions: 7},
	))
	tests := []struct {
		name, ref string
		want      string // id, "" for not found
		scored    bool
	}{
		{"exact name over a better-known near miss", "Kruschev", "organization/kruschev", true},
		{"exact name over a better-known entity with the same words", "mao tse tung", "person/mao-tse-tung", true},
		{"exact name, most mentions", "smith", "person/smith", true},
		{"exact name, equal mentions: first id", "TWIN", "party/tie-a", true},
		{"prefix", "Khrush", "person/nikita-khrushchev", true},
		{"misspelling", "Krushchev", "person/nikita-khrushchev", true},
		{"best hit", "Dulles", "person/john-foster-dulles", true},
		{"best hit prefers the exact name", "ho chi minh", "person/ho-chi-minh", true},
		{"unicode", "  gomułka ", "person/wladyslaw-gomulka", true},
		{"nothing", "Eisenhower", "", false},
		{"blank", " ", "", false},
		{"punctuation only", "?!", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := d.resolve(tt.ref)
			if tt.want == "" {
				if ok {
					t.Errorf("resolve(%q) = %s, want not found", tt.ref, got.ID)
				}
				return
			}
			if !ok || got.ID != tt.want {
				t.Errorf("resolve(%q) = %q, %v; want %q", tt.ref, got.ID, ok, tt.want)
			}
			if tt.scored && got.Score <= 0 {
				t.Errorf("resolve(%q) score = %v, want the search score", tt.ref, got.Score)
			}
		})
	}
}

func TestDirectoryByID(t *testing.T) {
	d := newDirectory(testEntities())
	if got := d.len(); got != len(testEntities()) {
		t.Errorf("len() = %d, want %d", got, len(testEntities()))
	}
	if e, ok := d.byID("person/allen-dulles"); !ok || e.Name != "Allen Dulles" {
		t.Errorf("byID(person/allen-dulles) = %+v, %v", e, ok)
	}
	if _, ok := d.byID("Allen Dulles"); ok {
		t.Error("byID(Allen Dulles) found an entity by name, want ids only")
	}
	empty := newDirectory(nil)
	if got := empty.search("Dulles", "", 10, 0); got == nil || len(got) != 0 {
		t.Errorf("empty directory: search = %#v, want empty", got)
	}
	if got := empty.search("", "", 10, 0); got == nil || len(got) != 0 {
		t.Errorf("empty directory: blank search = %#v, want empty", got)
	}
	if _, ok := empty.resolve("Dulles"); ok {
		t.Error("empty directory: resolve found an entity")
	}
}

func TestNameWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"N.S. Khrushchev", []string{"n.s", "khrushchev"}},
		{"Mao Tse-tung", []string{"mao", "tse", "tung"}},
		{"O’Brien's", []string{"o'brien's"}},
		{"'quoted' ... --", []string{"quoted"}},
		{"Lê Duẩn", []string{"lê", "duẩn"}},
		{"Le\u0302 Du\u00e2\u0309n", []string{"lê", "duẩn"}},
		{"a:b (c)", []string{"a", "b", "c"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := nameWords(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("nameWords(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// osaDistance is the textbook optimal string alignment distance, the
// reference nearTerms is checked against.
func osaDistance(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// TestDirectoryNearTerms checks the trie walk, with its pruning and shared
// rows, against the distance of every term computed the plain way.
func TestDirectoryNearTerms(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const letters = "abcdeł" // a small alphabet makes near words common
	word := func(n int) string {
		r := []rune(letters)
		var b strings.Builder
		for range n {
			b.WriteRune(r[rng.IntN(len(r))])
		}
		return b.String()
	}
	var entities []EntitySummary
	for i := range 2000 {
		entities = append(entities, EntitySummary{ID: fmt.Sprint(i), Name: word(1 + rng.IntN(10))})
	}
	d := newDirectory(entities)
	for i := range 300 {
		q := []rune(word(1 + rng.IntN(10)))
		edits := 1 + i%2
		got := map[int]int{}
		d.nearTerms(q, edits, func(term, distance int) { got[term] = distance })
		for term, w := range d.terms {
			want := osaDistance(q, []rune(w))
			if distance, ok := got[term]; ok != (want <= edits) || ok && distance != want {
				t.Fatalf("nearTerms(%q, %d): term %q reported %v at %d, distance is %d", string(q), edits, w, ok, distance, want)
			}
		}
	}
}

func FuzzDirectorySearch(f *testing.F) {
	d := newDirectory(testEntities())
	for _, q := range []string{"Khrushchev", "Ho", "n.s.", "Đỗ", "Gomułka", "'.'", "\xff\xfe", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"} {
		f.Add(q, "Person", 5, 0)
	}
	f.Fuzz(func(t *testing.T, q, typ string, limit, offset int) {
		limit = 1 + int(uint(limit)%50)
		offset = int(uint(offset) % 50)
		if typ != "" && !slices.Contains([]string{"Person", "Party", "State", "Organization", "Place"}, typ) {
			typ = ""
		}
		got := d.search(q, typ, limit, offset)
		if got == nil || len(got) > limit {
			t.Fatalf("search(%q, %q, %d, %d) gave %d results, want 0 to %d in a non-nil slice", q, typ, limit, offset, len(got), limit)
		}
		for _, e := range got {
			if typ != "" && e.Type != typ {
				t.Fatalf("search(%q, %q) gave %s of type %s", q, typ, e.ID, e.Type)
			}
		}
		d.matching(q)
		d.resolve(q)
	})
}
