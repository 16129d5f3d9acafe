package web

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// sourceRoots must match SOURCE_ROOTS in build.mjs.
var sourceRoots = []string{"src", "build.mjs", "package.json", "package-lock.json"}

type manifest struct {
	SourceSHA256 string   `json:"source_sha256"`
	Sources      []string `json:"sources"`
	Assets       []string `json:"assets"`
}

func readManifest(t *testing.T) manifest {
	t.Helper()
	data, err := fs.ReadFile(Assets(), "manifest.json")
	if err != nil {
		t.Fatalf("the embedded bundle has no manifest.json (run make web): %v", err)
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("manifest.json: %v", err)
	}
	return m
}

// sourceHash recomputes build.mjs's hash from the source tree: SHA-256 over
// "path\nsha256(content)\n" for every source file, paths in byte order.
func sourceHash(t *testing.T) (string, []string) {
	t.Helper()
	var files []string
	for _, root := range sourceRoots {
		err := fs.WalkDir(os.DirFS("."), root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("reading the sources: %v", err)
		}
	}
	slices.Sort(files)
	all := sha256.New()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(all, "%s\n%s\n", f, hex.EncodeToString(sum[:]))
	}
	return hex.EncodeToString(all.Sum(nil)), files
}

func TestBundleMatchesSources(t *testing.T) {
	m := readManifest(t)
	got, files := sourceHash(t)
	if got != m.SourceSHA256 {
		var added, removed []string
		for _, f := range files {
			if !slices.Contains(m.Sources, f) {
				added = append(added, f)
			}
		}
		for _, f := range m.Sources {
			if !slices.Contains(files, f) {
				removed = append(removed, f)
			}
		}
		t.Errorf("the embedded explorer was built from other sources (hash %.12s, sources now %.12s; new files %v, gone %v): run make web",
			m.SourceSHA256, got, added, removed)
	}
}

func TestBundleIsComplete(t *testing.T) {
	m := readManifest(t)
	assets := Assets()
	var present []string
	err := fs.WalkDir(assets, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			present = append(present, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(present)
	if !slices.Equal(present, m.Assets) {
		t.Errorf("embedded files = %v, manifest lists %v", present, m.Assets)
	}

	index, err := fs.ReadFile(assets, "index.html")
	if err != nil {
		t.Fatalf("no index.html: %v", err)
	}
	refs := regexp.MustCompile(`(?:src|href)="(assets/[^"]+)"`).FindAllStringSubmatch(string(index), -1)
	tests := []struct {
		name string
		ext  string
	}{
		{"script", ".js"},
		{"stylesheet", ".css"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var found []string
			for _, r := range refs {
				if path.Ext(r[1]) == tc.ext {
					found = append(found, r[1])
				}
			}
			if len(found) != 1 {
				t.Fatalf("index.html references %d %s files (%v), want 1", len(found), tc.ext, found)
			}
			if _, err := fs.Stat(assets, found[0]); err != nil {
				t.Errorf("index.html references %s, which is not embedded", found[0])
			}
		})
	}
	if strings.Contains(string(index), "{{") {
		t.Errorf("index.html still holds a template placeholder")
	}
}
