package extractor

import (
	"os"
	"path/filepath"
	"testing"
)

// fuzzReader runs one reader on arbitrary input: whatever it returns, no
// panic and every offset inside the text it points into.
func fuzzReader(f *testing.F, source, fixture string, seeds ...string) {
	f.Helper()
	if b, err := os.ReadFile(filepath.Join("testdata", fixture)); err == nil {
		f.Add(b)
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	x := mustExtractor(f)
	f.Fuzz(func(t *testing.T, content []byte) {
		docs, _ := x.Extract(source, content) // malformed input may fail; it must not panic
		for _, d := range docs {
			checkOffsets(t, d)
		}
	})
}

func FuzzReadHTML(f *testing.F) {
	fuzzReader(f, "fuzz.html", "archive-page.html",
		"<p>L&ecirc; Du&#7849;n met <b>Ho Chi</b> Minh&amp</p>",
		"<nav><nav>x</nav><p>Cde. Mao&#x20;&#0;&#xFFFFFF;</p>",
		"<script>a</script><pre>July 17, 1957\nKhrushchev</pre><p>&",
		"<title>T | S</title><p>\xff\xfe Khrushchev</p",
	)
}

func FuzzReadJSONL(f *testing.F) {
	fuzzReader(f, "fuzz.jsonl", "documents.jsonl",
		`{"text":"Ho Chi Minh met Khrushchev.\u0000","date":"5.IV.1958"}`,
		"{\"text\":\"a\"}\n{\n\n{\"id\":1}",
		`{"text":"\ud800 Mao","title":7}`,
	)
}

func FuzzReadTEI(f *testing.F) {
	fuzzReader(f, "fuzz.xml", "volume.xml",
		`<TEI xml:id="v"><div type="document" xml:id="d1"><head>1. Note</head><p>Mao <note>x</note>met Ho Chi Minh.</p></div></TEI>`,
		`<div type="document"><dateline><date when="1958-13">x</date></dateline><lb/></div>`,
		`<TEI><div type="document" xml:id="d"><p>&amp;&nbsp;&bogus;</p>`,
	)
}
