package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/archivegraph/archivegraph/internal/neo4jtest"
)

// seedsDir is the reference corpus, kept beside the repository.
const seedsDir = "../../../shared/corpus/seeds"

func envFrom(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestConfigFromEnv(t *testing.T) {
	t.Run("defaults", func(t *testing.T) {
		cfg, err := configFromEnv(envFrom(nil))
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Neo4j.URI != "neo4j://127.0.0.1:7687" || cfg.Neo4j.Database != "neo4j" || cfg.Addr != "127.0.0.1:8080" || !cfg.ReadIndex {
			t.Errorf("defaults = %+v", cfg)
		}
	})
	t.Run("read index off", func(t *testing.T) {
		cfg, err := configFromEnv(envFrom(map[string]string{"ARCHIVEGRAPH_READ_INDEX": "off"}))
		if err != nil || cfg.ReadIndex {
			t.Errorf("ARCHIVEGRAPH_READ_INDEX=off: read index %v, error %v", cfg.ReadIndex, err)
		}
	})
	bad := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"uri without scheme", map[string]string{"NEO4J_URI": "localhost:7687"}, "NEO4J_URI"},
		{"timeout", map[string]string{"ARCHIVEGRAPH_QUERY_TIMEOUT": "soon"}, "ARCHIVEGRAPH_QUERY_TIMEOUT"},
		{"token on reads without token", map[string]string{"ARCHIVEGRAPH_TOKEN_ON_READS": "true"}, "ARCHIVEGRAPH_TOKEN"},
		{"token on reads not boolean", map[string]string{"ARCHIVEGRAPH_TOKEN": "x", "ARCHIVEGRAPH_TOKEN_ON_READS": "maybe"}, "ARCHIVEGRAPH_TOKEN_ON_READS"},
		{"read index not boolean", map[string]string{"ARCHIVEGRAPH_READ_INDEX": "sometimes"}, "ARCHIVEGRAPH_READ_INDEX"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := configFromEnv(envFrom(tc.env))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("configFromEnv(%v) error = %v, want one naming %s", tc.env, err, tc.want)
			}
		})
	}
}

func TestRunUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"frobnicate"}, {"extract"}, {"extract", "--format", "xml", "x.txt"}} {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), args, envFrom(nil), &stdout, &stderr)
		var usage usageError
		if !errors.As(err, &usage) {
			t.Errorf("run(%q) = %v, want a usage error", args, err)
		}
	}
}

func TestExtractCommand(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "talk.txt")
	text := "July 17, 1957\n\nRecord of a Conversation between N.S. Khrushchev and Ho Chi Minh\n\nKhrushchev greeted Ho Chi Minh in Moscow.\n"
	if err := os.WriteFile(good, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	unsupported := filepath.Join(dir, "scan.pdf")
	if err := os.WriteFile(unsupported, []byte("%PDF-1.4"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.txt")

	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"extract", good, unsupported, missing}, envFrom(nil), &stdout, &stderr)
	if err == nil {
		t.Fatal("extract with a bad input returned no error; want a non-zero exit after the run")
	}
	var doc struct {
		DocID    string `json:"doc_id"`
		Source   string `json:"source"`
		Date     string `json:"date"`
		Entities []struct {
			ID   string `json:"id"`
			Type string `json:"type"`
		} `json:"entities"`
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) != 1 {
		t.Fatalf("extract printed %d lines, want 1 (the good file):\n%s", len(lines), stdout.String())
	}
	if err := json.Unmarshal([]byte(lines[0]), &doc); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, lines[0])
	}
	if doc.Source != good || doc.Date != "1957-07-17" {
		t.Errorf("source, date = %q, %q; want %q, 1957-07-17", doc.Source, doc.Date, good)
	}
	persons := map[string]bool{}
	for _, e := range doc.Entities {
		if e.Type == "Person" {
			persons[e.ID] = true
		}
	}
	if len(persons) != 2 {
		t.Errorf("persons = %v, want Khrushchev and Ho Chi Minh", persons)
	}
	for _, name := range []string{"scan.pdf", "missing.txt"} {
		if !strings.Contains(stderr.String(), name) {
			t.Errorf("stderr does not name the bad input %s:\n%s", name, stderr.String())
		}
	}
}

// TestIngestAndServeSeeds is the skeleton's acceptance test: ingest the seeds
// twice into a real Neo4j, serve, and ask who Khrushchev met.
func TestIngestAndServeSeeds(t *testing.T) {
	uri := neo4jtest.URI(t)
	neo4jtest.Wipe(t)
	if _, err := os.Stat(seedsDir); err != nil {
		t.Fatalf("seed corpus missing (%v): the shared folder must sit beside the repository", err)
	}
	env := envFrom(map[string]string{"NEO4J_URI": uri})
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	ingest := func() string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if err := run(ctx, []string{"ingest", seedsDir}, env, &stdout, &stderr); err != nil {
			t.Fatalf("ingest: %v\n%s", err, stderr.String())
		}
		return stdout.String()
	}
	first := ingest()
	if !strings.Contains(first, "ingested 3 documents") {
		t.Errorf("first ingest summary = %q, want 3 documents (the folder's README is not one)", first)
	}

	base := startServer(t, ctx, env)
	statsBefore := getJSON(t, base+"/api/v1/stats")

	second := ingest()
	if !strings.Contains(second, "3 unchanged") {
		t.Errorf("second ingest summary = %q, want 3 unchanged", second)
	}
	if statsAfter := getJSON(t, base+"/api/v1/stats"); !reflect.DeepEqual(statsBefore, statsAfter) {
		t.Errorf("stats changed after ingesting the same files again:\nbefore %v\nafter  %v", statsBefore, statsAfter)
	}

	checkMeeting := func(answeredBy string) {
		t.Helper()
		body := getJSON(t, base+"/api/v1/meetings?person=Khrushchev")
		raw, _ := json.Marshal(body)
		found := false
		for _, m := range body["items"].([]any) {
			m := m.(map[string]any)
			with := m["with"].(map[string]any)["name"]
			doc := m["document"].(map[string]any)["id"]
			if with == "Ho Chi Minh" && m["date"] == "1957-07-17" && doc == "000_61a991972850b4de" && m["evidence"] != "" {
				found = true
			}
		}
		if !found {
			t.Errorf("meetings?person=Khrushchev (%s) lacks the 1957-07-17 meeting with Ho Chi Minh in 000_61a991972850b4de:\n%s", answeredBy, raw)
		}
	}
	checkMeeting("whichever answers first")

	// The server builds its read index in the background; once it is
	// current, the same question is answered from it, with the same answer.
	deadline := time.Now().Add(time.Minute)
	for metric(t, base, "archivegraph_read_index_current") != 1 {
		if time.Now().After(deadline) {
			t.Fatal("the read index was not current a minute after the server started")
		}
		time.Sleep(100 * time.Millisecond)
	}
	answered := metric(t, base, "archivegraph_read_index_answered_total")
	checkMeeting("read index")
	if got := metric(t, base, "archivegraph_read_index_answered_total"); got != answered+1 {
		t.Errorf("read index answered %v questions after one more meetings request, want %v", got, answered+1)
	}
}

// metric reads one unlabelled sample from the server's /metrics.
func metric(t *testing.T, base, name string) float64 {
	t.Helper()
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatalf("GET /metrics: %v", err)
	}
	defer resp.Body.Close()
	scanner := bufio.NewScanner(resp.Body)
	for scanner.Scan() {
		if value, ok := strings.CutPrefix(scanner.Text(), name+" "); ok {
			v, err := strconv.ParseFloat(value, 64)
			if err != nil {
				t.Fatalf("/metrics: %s %q: %v", name, value, err)
			}
			return v
		}
	}
	t.Fatalf("/metrics has no %s", name)
	return 0
}

// startServer runs `archivegraph serve` on a free port until the test ends
// and returns its base URL.
func startServer(t *testing.T, ctx context.Context, env func(string) string) string {
	t.Helper()
	return startCommand(t, ctx, env, "serve", "--addr", "127.0.0.1:0")
}

// startCommand runs a command that ends up serving until the test ends, and
// returns the base URL it announces.
func startCommand(t *testing.T, ctx context.Context, env func(string) string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(ctx)
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, args, env, pw, io.Discard)
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	out := bufio.NewReader(pr)
	var printed strings.Builder
	for {
		line, err := out.ReadString('\n')
		printed.WriteString(line)
		if err != nil {
			t.Fatalf("%s printed no address: %v\n%s", args[0], err, printed.String())
		}
		if start := strings.Index(line, "serving on http://"); start >= 0 {
			go io.Copy(io.Discard, pr)
			return strings.TrimSuffix(strings.Fields(line[start+len("serving on "):])[0], "/")
		}
	}
}

// TestDemo runs the one-command start against the test database (NEO4J_URI
// set, so no local Neo4j is started) and checks that the sample corpus is
// served.
func TestDemo(t *testing.T) {
	uri := neo4jtest.URI(t)
	neo4jtest.Wipe(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	corpus := filepath.Join("..", "..", "examples", "corpus")
	base := startCommand(t, ctx, envFrom(map[string]string{"NEO4J_URI": uri}), "demo", "--addr", "127.0.0.1:0", "--corpus", corpus)
	stats := getJSON(t, base+"/api/v1/stats")
	files, err := filepath.Glob(filepath.Join(corpus, "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("sample corpus: %v, %d files", err, len(files))
	}
	if got := int(stats["documents"].(float64)); got != len(files) {
		t.Errorf("demo serves %d documents, want the %d files of %s", got, len(files), corpus)
	}
	if resp, err := http.Get(base + "/"); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("GET / (the explorer): %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
}

func TestDemoOutsideTheRepository(t *testing.T) {
	var stderr bytes.Buffer
	err := run(context.Background(), []string{"demo", "--corpus", filepath.Join(t.TempDir(), "missing")}, envFrom(nil), io.Discard, &stderr)
	if err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("demo with a missing corpus: %v, want an error naming it", err)
	}
}

func getJSON(t *testing.T, url string) map[string]any {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("GET %s: decode: %v", url, err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s %v", url, resp.Status, body)
	}
	return body
}

// TestExtractFolderWithBrokenInputs checks that unreadable inputs — a whole
// file, a line of a JSON-lines file — are reported at the end with a non-zero
// exit while every readable document is still printed, in input order.
func TestExtractFolderWithBrokenInputs(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.txt":       "July 17, 1957\n\nKhrushchev greeted Ho Chi Minh in Moscow.\n",
		"b.jsonl":     "{\"id\":\"b1\",\"text\":\"Mao Zedong spoke.\"}\n{not json\n{\"id\":\"b3\",\"text\":\"Zhou Enlai spoke.\"}\n",
		"c.xml":       "<TEI><div type=\"document\" xml:id=\"d1\"><p>cut short",
		"d.html":      "<html><body><p>Ulbricht met Le Duan.</p></body></html>",
		"e/nested.md": "# Note\n\nNothing.\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"extract", dir}, envFrom(nil), &stdout, &stderr)
	if err == nil {
		t.Error("extract returned no error; want a non-zero exit for the broken inputs")
	}
	var ids []string
	for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		var doc struct {
			DocID string `json:"doc_id"`
		}
		if err := json.Unmarshal([]byte(line), &doc); err != nil {
			t.Fatalf("output is not JSON: %v\n%s", err, line)
		}
		ids = append(ids, doc.DocID)
	}
	if got, want := strings.Join(ids, ","), "a,b1,b3,d,nested"; got != want {
		t.Errorf("documents = %s, want %s", got, want)
	}
	for _, want := range []string{"b.jsonl:2", "c.xml"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr does not name %s:\n%s", want, stderr.String())
		}
	}
}
