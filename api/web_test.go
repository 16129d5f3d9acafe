package api_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/archivegraph/archivegraph/api"
)

// explorerAssets returns the asset paths index.html links to.
func explorerAssets(t *testing.T) []string {
	t.Helper()
	rec := get(t, &fakeGraph{}, api.Config{}, "/")
	wantStatus(t, rec, http.StatusOK)
	var paths []string
	for _, m := range regexp.MustCompile(`(?:src|href)="(assets/[^"]+)"`).FindAllStringSubmatch(rec.Body.String(), -1) {
		paths = append(paths, "/"+m[1])
	}
	if len(paths) < 2 {
		t.Fatalf("index.html links to %v, want a script and a stylesheet", paths)
	}
	return paths
}

func TestExplorerPage(t *testing.T) {
	rec := get(t, &fakeGraph{}, api.Config{}, "/")
	wantStatus(t, rec, http.StatusOK)
	if ct := rec.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type = %q, want text/html; charset=utf-8", ct)
	}
	if cc := rec.Header().Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("Cache-Control = %q, want no-cache", cc)
	}
	if !strings.Contains(rec.Body.String(), `<script type="module" src="assets/`) {
		t.Errorf("GET / is not the explorer:\n%.400s", rec.Body)
	}
	etag := rec.Header().Get("ETag")
	if etag == "" {
		t.Fatal("GET / has no ETag")
	}
	again := get(t, &fakeGraph{}, api.Config{}, "/", "If-None-Match", etag)
	wantStatus(t, again, http.StatusNotModified)
}

func TestExplorerAssets(t *testing.T) {
	for _, p := range explorerAssets(t) {
		t.Run(p, func(t *testing.T) {
			rec := get(t, &fakeGraph{}, api.Config{}, p)
			wantStatus(t, rec, http.StatusOK)
			want := map[bool]string{true: "text/javascript", false: "text/css"}[strings.HasSuffix(p, ".js")]
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, want) {
				t.Errorf("Content-Type = %q, want %s", ct, want)
			}
			if cc := rec.Header().Get("Cache-Control"); !strings.Contains(cc, "immutable") {
				t.Errorf("Cache-Control = %q, want an immutable asset", cc)
			}
			if rec.Body.Len() == 0 {
				t.Error("empty body")
			}
		})
	}
}

func TestExplorerMissingFiles(t *testing.T) {
	tests := []struct {
		name, target string
	}{
		{"unknown asset", "/assets/app-00000000.js"},
		{"directory", "/assets/"},
		{"escape from assets", "/assets/..%2fmanifest.json"},
		{"file outside assets", "/manifest.json"},
		{"index under assets", "/assets/../index.html"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := get(t, &fakeGraph{}, api.Config{}, tc.target)
			wantError(t, rec, http.StatusNotFound, "not_found")
		})
	}
}

func TestExplorerNeedsNoToken(t *testing.T) {
	// The page itself holds no data; the API calls it makes carry the
	// protection.
	cfg := api.Config{Token: "secret", RequireTokenForReads: true}
	wantStatus(t, get(t, &fakeGraph{}, cfg, "/"), http.StatusOK)
	wantStatus(t, get(t, &fakeGraph{}, cfg, explorerAssets(t)[0]), http.StatusOK)
}
