package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/archivegraph/archivegraph/export"
	"github.com/archivegraph/archivegraph/internal/neo4jtest"
)

// exampleCorpus is the sample corpus shipped with the repository.
const exampleCorpus = "../../examples/corpus"

// TestExportCommand ingests the example corpus into the real test database
// and exports the neighbourhood of Ho Chi Minh in every format.
func TestExportCommand(t *testing.T) {
	uri := neo4jtest.URI(t)
	neo4jtest.Wipe(t)
	env := envFrom(map[string]string{"NEO4J_URI": uri})
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	if err := run(ctx, []string{"ingest", exampleCorpus}, env, &stdout, &stderr); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr.String())
	}

	t.Run("json to stdout", func(t *testing.T) {
		var stdout, stderr bytes.Buffer
		err := run(ctx, []string{"export", "--seed", "Ho Chi Minh", "--depth", "2", "--format", "json"}, env, &stdout, &stderr)
		if err != nil {
			t.Fatalf("export: %v\n%s", err, stderr.String())
		}
		var g struct {
			Nodes []struct {
				Key        string         `json:"key"`
				Attributes map[string]any `json:"attributes"`
			} `json:"nodes"`
			Edges []struct{ Source, Target string } `json:"edges"`
		}
		if err := json.Unmarshal(stdout.Bytes(), &g); err != nil {
			t.Fatalf("export is not JSON: %v\n%s", err, stdout.String())
		}
		if len(g.Nodes) < 2 || len(g.Edges) == 0 || g.Nodes[0].Attributes["name"] != "Ho Chi Minh" {
			t.Fatalf("export of Ho Chi Minh's neighbourhood has %d nodes (first %+v) and %d edges", len(g.Nodes), g.Nodes, len(g.Edges))
		}
		ids := map[string]bool{}
		for _, n := range g.Nodes {
			ids[n.Key] = true
		}
		for _, e := range g.Edges {
			if !ids[e.Source] || !ids[e.Target] {
				t.Errorf("edge %s→%s leaves the exported nodes", e.Source, e.Target)
			}
		}
	})

	for _, format := range export.Formats {
		t.Run(format+" to a file", func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "hcm")
			var stdout, stderr bytes.Buffer
			err := run(ctx, []string{"export", "--seed", "Ho Chi Minh", "--seed", "Khrushchev", "--depth", "2",
				"--rel", "MET,CO_MENTIONED", "--type", "Person,State", "--from", "1950", "--to", "1970",
				"--format", format, "--out", out}, env, &stdout, &stderr)
			if err != nil {
				t.Fatalf("export: %v\n%s", err, stderr.String())
			}
			data, err := os.ReadFile(out)
			if err != nil || stdout.Len() != 0 {
				t.Fatalf("read %s: %v (stdout %q)", out, err, stdout.String())
			}
			if !strings.Contains(string(data), "person/ho-chi-minh") && format != "csv" {
				t.Errorf("%s export does not name Ho Chi Minh:\n%s", format, data)
			}
			if format == "csv" {
				if _, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err != nil {
					t.Errorf("csv export is not a ZIP: %v", err)
				}
			}
		})
	}

	bad := []struct {
		name  string
		args  []string
		usage bool
	}{
		{"unknown seed", []string{"export", "--seed", "Zzyzx Qwerty", "--format", "json"}, false},
		{"no seed", []string{"export", "--format", "json"}, true},
		{"unknown format", []string{"export", "--seed", "Ho Chi Minh", "--format", "xlsx"}, true},
		{"depth too large", []string{"export", "--seed", "Ho Chi Minh", "--depth", "9"}, true},
		{"unknown relation", []string{"export", "--seed", "Ho Chi Minh", "--rel", "LOVES"}, true},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(ctx, tc.args, env, &stdout, &stderr)
			var usage usageError
			if err == nil || errors.As(err, &usage) != tc.usage {
				t.Errorf("run(%q) = %v, want an error (usage error: %v)", tc.args, err, tc.usage)
			}
		})
	}
}

// TestExportImportCSVCommand writes the import files for the example
// corpus and checks them against what `extract` says of the same files.
func TestExportImportCSVCommand(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if err := run(ctx, []string{"export-import-csv", "--out", dir, exampleCorpus}, envFrom(nil), &stdout, &stderr); err != nil {
		t.Fatalf("export-import-csv: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "neo4j-admin database import full") ||
		!strings.Contains(stdout.String(), "--nodes="+filepath.Join(dir, "entities.csv")) {
		t.Errorf("output does not give the neo4j-admin command:\n%s", stdout.String())
	}

	// What the files should hold, counted from the extraction itself.
	var extracted bytes.Buffer
	if err := run(ctx, []string{"extract", exampleCorpus}, envFrom(nil), &extracted, &stderr); err != nil {
		t.Fatalf("extract: %v", err)
	}
	docs, mentions := 0, 0
	entities := map[string]bool{}
	scanner := bufio.NewScanner(&extracted)
	scanner.Buffer(nil, 1<<24)
	for scanner.Scan() {
		var doc struct {
			Entities []struct{ ID string } `json:"entities"`
		}
		if err := json.Unmarshal(scanner.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		docs++
		inDoc := map[string]bool{}
		for _, e := range doc.Entities {
			entities[e.ID] = true
			inDoc[e.ID] = true
		}
		mentions += len(inDoc)
	}

	cases := []struct {
		file   string
		header string
		rows   int // -1: at least one
	}{
		{"documents.csv", "id:ID(Document),title,date,year:int,source,sha256,classification,citation,translator,record_id,text,:LABEL", docs},
		{"entities.csv", "id:ID(Entity),name,type,aliases:string[],:LABEL", len(entities)},
		{"mentions.csv", ":START_ID(Entity),:END_ID(Document),:TYPE,count:int,starts:int[],ends:int[],name,aliases:string[]", mentions},
		{"relations.csv", ":START_ID(Entity),:END_ID(Entity),:TYPE,doc,date,year:int,evidence,start:int,end:int,role", -1},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join(dir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, err := csv.NewReader(f).ReadAll()
			if err != nil {
				t.Fatalf("%s: %v", tc.file, err)
			}
			if got := strings.Join(rows[0], ","); got != tc.header {
				t.Errorf("header = %s, want %s", got, tc.header)
			}
			if n := len(rows) - 1; (tc.rows >= 0 && n != tc.rows) || n == 0 {
				t.Errorf("%d rows, want %d", n, tc.rows)
			}
			for i, row := range rows[1:] {
				if len(row) != len(rows[0]) {
					t.Errorf("row %d has %d fields, want %d", i+1, len(row), len(rows[0]))
				}
			}
		})
	}
}

// TestAfterImportScript checks the script printed for after an import: run
// on a database that ingest built, it must leave every entity's counters,
// name and aliases as ingest computed them.
func TestAfterImportScript(t *testing.T) {
	uri := neo4jtest.URI(t)
	neo4jtest.Wipe(t)
	ctx := context.Background()
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if err := run(ctx, []string{"ingest", exampleCorpus}, envFrom(map[string]string{"NEO4J_URI": uri}), &stdout, &stderr); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr.String())
	}
	if err := run(ctx, []string{"export-import-csv", "--out", dir, exampleCorpus}, envFrom(nil), &stdout, &stderr); err != nil {
		t.Fatalf("export-import-csv: %v\n%s", err, stderr.String())
	}
	const snapshot = "MATCH (e:Entity) RETURN e.id AS id, e.name AS name, e.aliases AS aliases, e.mentions AS mentions, e.documents AS documents ORDER BY id"
	before := neo4jtest.Query(t, snapshot, nil)
	script, err := os.ReadFile(filepath.Join(dir, export.AfterImportFile))
	if err != nil {
		t.Fatal(err)
	}
	// Scramble what the script must recompute, as an import leaves it.
	neo4jtest.Query(t, "MATCH (e:Entity) SET e.mentions = null, e.documents = null, e.aliases = [], e.name = e.id", nil)
	runAutoCommit(t, uri, string(script))
	after := neo4jtest.Query(t, snapshot, nil)
	if len(before) == 0 || !reflect.DeepEqual(before, after) {
		t.Errorf("after-import script changed the entities:\nbefore %v\n after %v", before, after)
	}
}

// runAutoCommit runs a statement the way cypher-shell does, outside an
// explicit transaction, which CALL … IN TRANSACTIONS requires.
func runAutoCommit(tb testing.TB, uri, stmt string) {
	tb.Helper()
	ctx := context.Background()
	driver, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		tb.Fatal(err)
	}
	defer driver.Close(ctx)
	session := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: neo4jtest.Database})
	defer session.Close(ctx)
	res, err := session.Run(ctx, stmt, nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		tb.Fatalf("%s: %v", stmt, err)
	}
}
