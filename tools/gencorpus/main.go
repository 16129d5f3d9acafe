// Command gencorpus writes a large synthetic corpus from the sample corpus,
// to measure the extractor's memory and speed on inputs of archive size.
//
//	go run ./tools/gencorpus -mb 100 -out tmp/big
//
// writes tmp/big/corpus.jsonl (four fifths of the size, one document per
// line) and tmp/big/txt/*.txt (the rest, one document per file). Documents
// are the sample documents repeated, each with its own id.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

func main() {
	mb := flag.Int("mb", 100, "total size to write, in MB")
	src := flag.String("src", "examples/corpus", "folder of .txt documents to repeat")
	out := flag.String("out", "tmp/big", "folder to write into")
	flag.Parse()
	if err := generate(*src, *out, int64(*mb)<<20); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

func generate(src, out string, total int64) error {
	names, err := filepath.Glob(filepath.Join(src, "*.txt"))
	if err != nil || len(names) == 0 {
		return fmt.Errorf("no .txt documents in %s", src)
	}
	sort.Strings(names)
	var texts []string
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			return err
		}
		texts = append(texts, string(b))
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
