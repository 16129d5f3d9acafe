// Command gencorpus writes a large synthetic corpus from the sample corpus,
// to measure the extractor and the graph on inputs of archive size.
//
// By size, for the extractor's memory and speed:
//
//	go run ./tools/gencorpus -mb 100 -out tmp/big
//
// writes tmp/big/corpus.jsonl (four fifths of the size, one document per
// line) and tmp/big/txt/*.txt (the rest, one document per file). Documents
// are the sample documents repeated, each with its own id.
//
// By number of documents, for the graph and the API under load:
//
//	go run ./tools/gencorpus -docs 10000 -out tmp/load
//
// writes tmp/load/corpus-NN.jsonl, documents that vary the sample ones the
// way a real archive varies: most of the people in each are replaced by
// invented ones drawn from a large population in which a few people recur
// often and most rarely (as in real records, where a handful of leaders meet
// everyone), and each document gets its own year and month. The result is a
// graph with thousands of people and documents rather than ten documents
// repeated. Generation is deterministic for a given -seed.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/archivegraph/archivegraph/extractor"
)

func main() {
	mb := flag.Int("mb", 100, "total size to write, in MB (when -docs is 0)")
	docs := flag.Int("docs", 0, "write this many varied documents instead of -mb of repeats")
	people := flag.Int("people", 0, "size of the invented population for -docs (default docs/2)")
	files := flag.Int("files", 20, "number of JSON-lines files to spread -docs over")
	seed := flag.Uint64("seed", 1, "seed of the variations for -docs")
	src := flag.String("src", "examples/corpus", "folder of .txt documents to repeat")
	out := flag.String("out", "tmp/big", "folder to write into")
	flag.Parse()
	var err error
	if *docs > 0 {
		if *people <= 0 {
			*people = max(*docs/2, 100)
		}
		err = generateVaried(*src, *out, *docs, *people, max(*files, 1), *seed)
	} else {
		err = generate(*src, *out, int64(*mb)<<20)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

func readTexts(src string) ([]string, []string, error) {
	names, err := filepath.Glob(filepath.Join(src, "*.txt"))
	if err != nil || len(names) == 0 {
		return nil, nil, fmt.Errorf("no .txt documents in %s", src)
	}
	sort.Strings(names)
	var texts []string
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			return nil, nil, err
		}
		texts = append(texts, string(b))
	}
	return names, texts, nil
}

func generate(src, out string, total int64) error {
	_, texts, err := readTexts(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(out, "txt"), 0o755); err != nil {
		return err
	}

	f, err := os.Create(filepath.Join(out, "corpus.jsonl"))
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	var written int64
	for i := 0; written < total*4/5; i++ {
		text := texts[i%len(texts)]
		line := map[string]string{"id": fmt.Sprintf("big-%07d", i), "text": text}
		if err := enc.Encode(line); err != nil {
			return err
		}
		written += int64(len(text)) + 32
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	for i := 0; written < total; i++ {
		text := texts[i%len(texts)]
		name := filepath.Join(out, "txt", fmt.Sprintf("doc-%06d.txt", i))
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			return err
		}
		written += int64(len(text))
	}
	return nil
}

// template is a sample document with the places where its people are named.
type template struct {
	text    string
	year    string // of the document's date, "1961"
	month   int    // 1-12, or 0 when the date has none
	day     int
	persons [][]extractor.Mention // per person, the mentions in the text
}

// replacedShare is the part of a template's people that a generated
// document replaces with invented ones; the rest keep the historical
// figures, who thereby become the hubs of the generated graph.
const replacedShare = 0.75

func generateVaried(src, out string, n, population, files int, seed uint64) error {
	names, texts, err := readTexts(src)
	if err != nil {
		return err
	}
	x, err := extractor.New(extractor.Options{})
	if err != nil {
		return err
	}
	var templates []template
	for i, text := range texts {
		docs, err := x.Extract(names[i], []byte(text))
		if err != nil || len(docs) != 1 {
			return fmt.Errorf("%s: want one document, got %d (%v)", names[i], len(docs), err)
		}
		t := template{text: text}
		if d := docs[0].Date; len(d) >= 4 {
			t.year = d[:4]
			if len(d) >= 7 {
				fmt.Sscanf(d[5:7], "%d", &t.month)
			}
			if len(d) == 10 {
				fmt.Sscanf(d[8:10], "%d", &t.day)
			}
		}
		for _, e := range docs[0].Entities {
			if e.Type == "Person" {
				t.persons = append(t.persons, e.Mentions)
			}
		}
		templates = append(templates, t)
	}

	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	pop := invent(rng, population)
	// Zipf: person k is drawn about 1/k as often as the first, so a few
	// recur in hundreds of documents and most in one or two.
	zipf := rand.NewZipf(rand.New(rand.NewPCG(seed+1, seed)), 1.1, 4, uint64(len(pop)-1))

	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	per := (n + files - 1) / files
	for fi := 0; fi*per < n; fi++ {
		f, err := os.Create(filepath.Join(out, fmt.Sprintf("corpus-%02d.jsonl", fi)))
		if err != nil {
			return err
		}
		w := bufio.NewWriter(f)
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for i := fi * per; i < min(n, (fi+1)*per); i++ {
			t := templates[i%len(templates)]
			text := vary(rng, t, pop, zipf, i)
			if err := enc.Encode(map[string]string{"id": fmt.Sprintf("gen-%07d", i), "text": text}); err != nil {
				return err
			}
		}
		if err := w.Flush(); err != nil {
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	return nil
}

// person is an invented name: initials and a surname of Slavic shape, which
// the recogniser takes for a person after a title or initials.
type person struct {
	initials string // "I. P."
	surname  string // "Sorokin"
}

func invent(rng *rand.Rand, n int) []person {
	stems := []string{"Sorok", "Belyak", "Vasil", "Grom", "Kozl", "Lebed", "Moroz", "Nikit", "Orl", "Pavl",
		"Rudak", "Semen", "Tarasenk", "Ustin", "Fedot", "Khar", "Tsvetk", "Chern", "Shub", "Yakovl",
		"Zhukov", "Bogdan", "Danil", "Yermol", "Zaitsev", "Ignat", "Kalin", "Larion", "Makar", "Nesterenk",
		"Osip", "Prokhor", "Rodion", "Savel", "Timof", "Ulyan", "Filipp", "Gavril", "Demid", "Yegor"}
	mids := []string{"", "an", "ach", "ol", "ar", "in", "uz", "et", "ov", "ish", "ev", "ansk"}
	ends := []string{"ov", "ev", "in", "sky", "enko", "yuk", "ovich", "ykh"}
	letters := "ABDFGIKLMNOPRSTVY"
	seen := map[string]bool{}
	var out []person
	for len(out) < n {
		s := stems[rng.IntN(len(stems))] + mids[rng.IntN(len(mids))] + ends[rng.IntN(len(ends))]
		in := fmt.Sprintf("%c. %c.", letters[rng.IntN(len(letters))], letters[rng.IntN(len(letters))])
		// Full names, not surnames, are what must be unique: two invented
		// Sorokovs with other initials are two people, as in the archives.
		if seen[in+s] {
			continue
		}
		seen[in+s] = true
		out = append(out, person{initials: in, surname: s})
	}
	return out
}

var monthNames = []string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// vary rewrites a template: some of its people become invented ones, its
// year and month change, and its record id is its own.
func vary(rng *rand.Rand, t template, pop []person, zipf *rand.Zipf, i int) string {
	type edit struct {
		start, end int
		text       string
	}
	var edits []edit
	used := map[int]bool{}
	for _, mentions := range t.persons {
		if rng.Float64() >= replacedShare {
			continue
		}
		k := int(zipf.Uint64())
		for used[k] { // two roles, two people
			k = (k + 1) % len(pop)
		}
		used[k] = true
		p := pop[k]
		for _, m := range mentions {
			edits = append(edits, edit{m.Start, m.End, rename(m.Text, p)})
		}
	}
	sort.Slice(edits, func(a, b int) bool { return edits[a].start > edits[b].start })
	text := t.text
	last := len(text) + 1
	for _, e := range edits {
		if e.end > last || e.start < 0 || e.end > len(text) {
			continue // overlapping mentions: keep the first
		}
		text = text[:e.start] + e.text + text[e.end:]
		last = e.start
	}
	if t.year != "" {
		text = strings.ReplaceAll(text, t.year, fmt.Sprint(1950+rng.IntN(26)))
	}
	// Only days every month has, so the new date stays a real one.
	if t.month > 0 && t.day <= 28 {
		from := monthNames[t.month-1]
		to := monthNames[rng.IntN(12)]
		text = strings.ReplaceAll(text, from, to)
		text = strings.ReplaceAll(text, strings.ToUpper(from), strings.ToUpper(to))
	}
	text = strings.ReplaceAll(text, "AG-SAMPLE-", fmt.Sprintf("AG-GEN-%07d-", i))
	return text
}

// rename gives a mention of a historical person the shape of the invented
// one: "N. S. Khrushchev" → "I. P. Sorokin", "Khrushchev" → "Sorokin",
// "Chairman Mao" → "Chairman Sorokin", capitals kept.
func rename(mention string, p person) string {
	words := strings.Fields(mention)
	var out string
	switch {
	case len(words) == 1:
		out = p.surname
	case isTitle(words[0]):
		out = words[0] + " " + p.surname
	default:
		out = p.initials + " " + p.surname
	}
	if upper(mention) {
		out = strings.ToUpper(out)
	}
	return out
}

func isTitle(w string) bool {
	switch w {
	case "Chairman", "President", "Premier", "Comrade", "Cde.", "Ambassador", "Marshal", "General", "Mr.":
		return true
	}
	return false
}

func upper(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return letters > 1
}
