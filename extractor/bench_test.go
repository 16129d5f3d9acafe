package extractor

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"
)

// benchCorpus builds at least minBytes of documents from the project's own
// sample corpus: each copy gets other years and other surnames, so that the
// knowledge base does not recognise every person and the rules and the
// fallback to the tagger see unknown names.
func benchCorpus(tb testing.TB, minBytes int) []string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("..", "examples", "corpus", "*.txt"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no sample corpus: %v", err)
	}
	var originals []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		originals = append(originals, string(b))
	}
	var docs []string
	size := 0
	for k := 0; size < minBytes; k++ {
		r := strings.NewReplacer(
			"Kosygin", syntheticSurname(k, "in"),
			"Ulbricht", syntheticSurname(k+1, "er"),
			"Kennedy", syntheticSurname(k+2, "son"),
			"Brezhnev", syntheticSurname(k+3, "ov"),
			"Pham Van Dong", "Pham Van "+syntheticSurname(k+4, "")[:4],
			"1957", fmt.Sprint(1950+k%20), "1961", fmt.Sprint(1945+k%25),
			"June", [...]string{"June", "July", "March", "October"}[k%4],
		)
		for _, o := range originals {
			d := r.Replace(o)
			docs = append(docs, d)
			size += len(d)
		}
	}
	return docs
}

// syntheticSurname makes a pronounceable surname from k.
func syntheticSurname(k int, ending string) string {
	syll := []string{"ba", "lo", "ren", "ska", "mi", "tor", "vel", "du", "kar", "zo", "pin", "ga"}
	s := syll[k%len(syll)] + syll[(k/len(syll))%len(syll)] + syll[(k/7)%len(syll)] + ending
	return strings.ToUpper(s[:1]) + s[1:]
}

func wordCount(docs []string) int {
	n := 0
	for _, d := range docs {
		n += len(strings.Fields(d))
	}
	return n
}

// BenchmarkExtractCorpus measures the whole extraction (reading, tokens,
// sentences, recognition, resolution, relations) on one goroutine, and
// prose's full pipeline on a slice of the same corpus, both in
// whitespace-separated tokens per second so the two compare directly.
func BenchmarkExtractCorpus(b *testing.B) {
	docs := benchCorpus(b, 10<<20)
	x := mustExtractor(b)

	b.Run("archivegraph", func(b *testing.B) {
		tokens := wordCount(docs)
		b.SetBytes(int64(totalBytes(docs)))
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			for k, d := range docs {
				if _, err := x.Extract(fmt.Sprintf("bench-%d.txt", k), []byte(d)); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	})

	b.Run("prose", func(b *testing.B) {
		slice := docs[:40]
		tokens := wordCount(slice)
		model := proseModel()
		b.SetBytes(int64(totalBytes(slice)))
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			for _, d := range slice {
				if _, err := prose.NewDocument(d, prose.UsingModel(model)); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	})
}

func totalBytes(docs []string) int {
	n := 0
	for _, d := range docs {
		n += len(d)
	}
	return n
}
