package graph_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/archivegraph/archivegraph/extractor"
	"github.com/archivegraph/archivegraph/graph"
	"github.com/archivegraph/archivegraph/internal/neo4jtest"
)

// Entities of the bloc fixtures, beside those of fixtures_test.go.
const (
	ccp     = "party/ccp"
	vwp     = "party/vwp"
	uk      = "state/uk"
	albania = "state/albania"
)

// friendship is a 1957 report of the Sino-Soviet alliance at its height.
func friendship(tb testing.TB) extractor.Document {
	tb.Helper()
	const (
		f1 = "The Soviet Union pledged fraternal aid to the People's Republic of China."
		f2 = "The People's Republic of China hailed the Soviet Union as its elder brother."
		f3 = "The Soviet Union and the People's Republic of China both backed the Democratic Republic of Vietnam."
		f4 = "The CPSU and the Chinese Communist Party reaffirmed their unbreakable unity."
		f5 = "The Soviet Union denounced the United States for its bases in Asia."
		f6 = "The United States reassured the United Kingdom of its commitment."
	)
	text := strings.Join([]string{"Report on the November celebrations, 1957.", f1, f2, f3, f4, f5, f6}, " ")
	return newDoc(tb, "report-1957-11", "1957-11-10", "Report on the November celebrations", text).
		entity(ussr, extractor.TypeState, "Soviet Union", nil, "Soviet Union").
		entity(prc, extractor.TypeState, "People's Republic of China", []string{"China"}, "People's Republic of China").
		entity(drv, extractor.TypeState, "Democratic Republic of Vietnam", nil, "Democratic Republic of Vietnam").
		entity(cpsu, extractor.TypeParty, "Communist Party of the Soviet Union", []string{"CPSU"}, "CPSU").
		entity(ccp, extractor.TypeParty, "Chinese Communist Party", nil, "Chinese Communist Party").
		entity(usa, extractor.TypeState, "United States", nil, "United States").
		entity(uk, extractor.TypeState, "United Kingdom", nil, "United Kingdom").
		rel(extractor.RelSupports, ussr, prc, f1).rel(extractor.RelCoMentioned, ussr, prc, f1).
		rel(extractor.RelSupports, prc, ussr, f2).rel(extractor.RelCoMentioned, ussr, prc, f2).
		rel(extractor.RelSupports, ussr, drv, f3).rel(extractor.RelSupports, prc, drv, f3).
		rel(extractor.RelCoMentioned, ussr, drv, f3).rel(extractor.RelCoMentioned, prc, drv, f3).
		rel(extractor.RelSupports, cpsu, ccp, f4).rel(extractor.RelSupports, ccp, cpsu, f4).
		rel(extractor.RelCoMentioned, cpsu, ccp, f4).
		rel(extractor.RelOpposes, ussr, usa, f5).rel(extractor.RelCoMentioned, ussr, usa, f5).
		rel(extractor.RelSupports, usa, uk, f6).rel(extractor.RelCoMentioned, usa, uk, f6).
		build()
}

// split is a 1965 telegram, dated by month only, from after the split.
func split(tb testing.TB) extractor.Document {
	tb.Helper()
	const (
		p1 = "The People's Republic of China accused the Soviet Union of revisionism."
		p2 = "The Chinese Communist Party condemned the CPSU leadership in an open letter."
		p3 = "The Soviet Union promised the Democratic Republic of Vietnam missiles and aircraft."
		p4 = "The CPSU welcomed the delegation of the Workers' Party of Vietnam."
		p5 = "The People's Republic of China pledged steadfast support to Albania."
		p6 = "The Chinese Communist Party praised the People's Republic of China and Albania."
		p7 = "Western papers named the Soviet Union and the People's Republic of China together again."
		p8 = "The Workers' Party of Vietnam thanked the Soviet Union."
		p9 = "The United States bombed the Democratic Republic of Vietnam while consulting the United Kingdom."
	)
	text := strings.Join([]string{"Telegram, March 1965.", p1, p2, p3, p4, p5, p6, p7, p8, p9}, " ")
	return newDoc(tb, "tel-1965-03", "1965-03", "Telegram on the polemic", text).
		entity(ussr, extractor.TypeState, "Soviet Union", nil, "Soviet Union").
		entity(prc, extractor.TypeState, "People's Republic of China", nil, "People's Republic of China").
		entity(drv, extractor.TypeState, "Democratic Republic of Vietnam", nil, "Democratic Republic of Vietnam").
		entity(albania, extractor.TypeState, "Albania", nil, "Albania").
		entity(cpsu, extractor.TypeParty, "Communist Party of the Soviet Union", []string{"CPSU"}, "CPSU").
		entity(ccp, extractor.TypeParty, "Chinese Communist Party", nil, "Chinese Communist Party").
		entity(vwp, extractor.TypeParty, "Workers' Party of Vietnam", nil, "Workers' Party of Vietnam").
		entity(usa, extractor.TypeState, "United States", nil, "United States").
		entity(uk, extractor.TypeState, "United Kingdom", nil, "United Kingdom").
		rel(extractor.RelOpposes, prc, ussr, p1).rel(extractor.RelCoMentioned, ussr, prc, p1).
		rel(extractor.RelOpposes, ccp, cpsu, p2).rel(extractor.RelCoMentioned, ccp, cpsu, p2).
		rel(extractor.RelSupports, ussr, drv, p3).rel(extractor.RelCoMentioned, ussr, drv, p3).
		rel(extractor.RelSupports, cpsu, vwp, p4).rel(extractor.RelCoMentioned, cpsu, vwp, p4).
		rel(extractor.RelSupports, prc, albania, p5).rel(extractor.RelCoMentioned, prc, albania, p5).
		rel(extractor.RelSupports, ccp, prc, p6).rel(extractor.RelSupports, ccp, albania, p6).
		rel(extractor.RelCoMentioned, ccp, prc, p6).rel(extractor.RelCoMentioned, ccp, albania, p6).
		rel(extractor.RelCoMentioned, prc, albania, p6).
		rel(extractor.RelCoMentioned, ussr, prc, p7).
		rel(extractor.RelSupports, vwp, ussr, p8).rel(extractor.RelCoMentioned, vwp, ussr, p8).
		rel(extractor.RelOpposes, usa, drv, p9).rel(extractor.RelSupports, usa, uk, p9).
		rel(extractor.RelCoMentioned, usa, drv, p9).rel(extractor.RelCoMentioned, usa, uk, p9).
		rel(extractor.RelCoMentioned, drv, uk, p9).
		build()
}

// blocOf maps each member to its bloc's position in the answer.
func blocOf(list []graph.Community) map[string]int {
	out := map[string]int{}
	for i, c := range list {
		for _, m := range c.Members {
			out[m.ID] = i
		}
	}
	return out
}

func TestCommunities(t *testing.T) {
	store := openStore(t)
	mustLoad(t, store, append(corpus(t), friendship(t), split(t))...)
	ctx := context.Background()

	// together and apart list pairs that must share a bloc, or not.
	tests := []struct {
		name     string
		q        graph.CommunityQuery
		together [][2]string
		apart    [][2]string
	}{
		{"1957: the alliance", graph.CommunityQuery{Period: graph.Period{From: "1957", To: "1957"}},
			[][2]string{{ussr, prc}, {ussr, drv}, {cpsu, ccp}, {usa, uk}},
			[][2]string{{ussr, usa}}},
		{"1965: the split", graph.CommunityQuery{Period: graph.Period{From: "1965", To: "1965"}},
			[][2]string{{ussr, drv}, {cpsu, vwp}, {prc, albania}, {ccp, prc}, {usa, uk}},
			[][2]string{{ussr, prc}, {cpsu, ccp}, {usa, drv}}},
		{"1965, states only", graph.CommunityQuery{Types: []string{extractor.TypeState}, Period: graph.Period{From: "1965-01", To: "1965-12-31"}},
			[][2]string{{prc, albania}, {usa, uk}},
			[][2]string{{ussr, prc}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := store.Communities(ctx, tt.q)
			if err != nil {
				t.Fatalf("Communities(%+v): %v", tt.q, err)
			}
			blocs := blocOf(got)
			for _, p := range tt.together {
				a, okA := blocs[p[0]]
				b, okB := blocs[p[1]]
				if !okA || !okB || a != b {
					t.Errorf("Communities(%+v): %s and %s not in one bloc: %s", tt.q, p[0], p[1], describeBlocs(got))
				}
			}
			for _, p := range tt.apart {
				if a, ok := blocs[p[0]]; ok && a == blocs[p[1]] {
					t.Errorf("Communities(%+v): %s and %s in one bloc: %s", tt.q, p[0], p[1], describeBlocs(got))
				}
			}
			for _, c := range got {
				if len(c.Members) < 2 {
					t.Errorf("bloc %d has %d members; singletons are not blocs", c.ID, len(c.Members))
				}
				for _, m := range c.Members {
					if !slices.Contains(tt.q.Types, m.Type) && len(tt.q.Types) > 0 {
						t.Errorf("bloc member %s of type %s, want one of %v", m.ID, m.Type, tt.q.Types)
					}
				}
				for i := 1; i < len(c.Members); i++ {
					if c.Members[i].Score > c.Members[i-1].Score {
						t.Errorf("bloc %d members not sorted by weight: %s", c.ID, describeBlocs(got))
					}
				}
			}
		})
	}

	t.Run("evidence inside the bloc and the period", func(t *testing.T) {
		got, err := store.Communities(ctx, graph.CommunityQuery{Period: graph.Period{From: "1965", To: "1965"}})
		if err != nil {
			t.Fatalf("Communities(1965): %v", err)
		}
		blocs := blocOf(got)
		c := got[blocs[prc]]
		if len(c.Evidence) == 0 || c.Cohesion <= 0 {
			t.Fatalf("PRC's bloc %s: %d evidence, cohesion %v; want some evidence and positive cohesion", describeBlocs(got), len(c.Evidence), c.Cohesion)
		}
		for _, e := range c.Evidence {
			if e.DocumentID != "tel-1965-03" || !strings.Contains(e.Sentence, "China") {
				t.Errorf("PRC's bloc evidence %+v, want a 1965 sentence about China", e)
			}
		}
	})

	t.Run("deterministic", func(t *testing.T) {
		q := graph.CommunityQuery{}
		first, err := store.Communities(ctx, q)
		if err != nil {
			t.Fatalf("Communities(): %v", err)
		}
		for i := 0; i < 5; i++ {
			again, err := store.Communities(ctx, q)
			if err != nil {
				t.Fatalf("Communities(), run %d: %v", i+2, err)
			}
			if !reflect.DeepEqual(again, first) {
				t.Fatalf("Communities() run %d = %s, first run %s", i+2, describeBlocs(again), describeBlocs(first))
			}
		}
	})

	t.Run("empty period", func(t *testing.T) {
		got, err := store.Communities(ctx, graph.CommunityQuery{Period: graph.Period{From: "1990"}})
		if err != nil || len(got) != 0 {
			t.Errorf("Communities(1990–) = %s, %v; want none", describeBlocs(got), err)
		}
	})

	t.Run("invalid", func(t *testing.T) {
		for _, q := range []graph.CommunityQuery{
			{Types: []string{"Thing"}}, {Period: graph.Period{From: "1965", To: "1957"}}, {Period: graph.Period{From: "soon"}},
		} {
			if _, err := store.Communities(ctx, q); !errors.Is(err, graph.ErrInvalid) {
				t.Errorf("Communities(%+v) error = %v, want ErrInvalid", q, err)
			}
		}
	})
}

func describeBlocs(list []graph.Community) string {
	var parts []string
	for _, c := range list {
		parts = append(parts, fmt.Sprintf("%v", ids(c.Members)))
	}
	return strings.Join(parts, " ")
}

func TestPaths(t *testing.T) {
	store := loadedCorpus(t)
	ctx := context.Background()

	// Each path as its entity ids joined by the relations of its steps.
	describe := func(paths []graph.Path) []string {
		out := []string{}
		for _, p := range paths {
			var b strings.Builder
			for i, n := range p.Nodes {
				if i > 0 {
					fmt.Fprintf(&b, " -%s- ", p.Steps[i-1].Relation)
				}
				b.WriteString(n.ID)
			}
			out = append(out, b.String())
		}
		return out
	}
	tests := []struct {
		name string
		q    graph.PathQuery
		want []string
	}{
		{"two hops", graph.PathQuery{From: mikoyan, To: mao},
			[]string{mikoyan + " -MET- " + ho + " -MET- " + mao}},
		{"only co-mentions", graph.PathQuery{From: mikoyan, To: mao, Relations: []string{extractor.RelCoMentioned}},
			[]string{mikoyan + " -CO_MENTIONED- " + ho + " -CO_MENTIONED- " + mao}},
		{"two shortest paths", graph.PathQuery{From: cpsu, To: mao},
			[]string{cpsu + " -CO_MENTIONED- " + ho + " -MET- " + mao, cpsu + " -CO_MENTIONED- " + drv + " -CO_MENTIONED- " + mao}},
		{"limit", graph.PathQuery{From: cpsu, To: mao, Limit: 1}, []string{cpsu + " -CO_MENTIONED- " + ho + " -MET- " + mao}},
		{"too few hops", graph.PathQuery{From: mikoyan, To: mao, MaxHops: 1}, []string{}},
		{"before the telegram", graph.PathQuery{From: mikoyan, To: mao, Period: graph.Period{To: "1959"}}, []string{}},
		{"period of the memo and the telegram", graph.PathQuery{From: mikoyan, To: mao, Period: graph.Period{From: "1958-04-30", To: "1960-05"}},
			[]string{mikoyan + " -MET- " + ho + " -MET- " + mao}},
		{"direct", graph.PathQuery{From: ho, To: drv, Relations: []string{extractor.RelHoldsOffice}},
			[]string{ho + " -HOLDS_OFFICE- " + drv}},
		{"same entity", graph.PathQuery{From: ho, To: ho}, []string{ho}},
		{"unconnected", graph.PathQuery{From: usa, To: mao, MaxHops: graph.MaxHops, Relations: []string{extractor.RelSupports}}, []string{}},
		{"longer", graph.PathQuery{From: usa, To: mao},
			[]string{usa + " -OPPOSES- " + ussr + " -SUPPORTS- " + drv + " -CO_MENTIONED- " + mao}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := store.Paths(ctx, tt.q)
			if err != nil {
				t.Fatalf("Paths(%+v): %v", tt.q, err)
			}
			if !reflect.DeepEqual(describe(got), tt.want) {
				t.Errorf("Paths(%+v) =\n  %q\nwant\n  %q", tt.q, describe(got), tt.want)
			}
		})
	}

	t.Run("steps carry evidence", func(t *testing.T) {
		got, err := store.Paths(ctx, graph.PathQuery{From: drv, To: ho, Relations: []string{extractor.RelHoldsOffice}})
		if err != nil || len(got) != 1 || len(got[0].Steps) != 1 {
			t.Fatalf("Paths(drv→ho) = %v, %v", got, err)
		}
		step := got[0].Steps[0]
		// HOLDS_OFFICE is directed: told as stored, whichever way the path runs.
		if step.Source != ho || step.Target != drv || step.Weight != 1 || len(step.Evidence) != 1 ||
			step.Evidence[0].Sentence != s4 || step.Evidence[0].Role != "President" || step.Evidence[0].Title == "" {
			t.Errorf("step = %+v, want Ho HOLDS_OFFICE DRV with the sentence and role", step)
		}
		got, err = store.Paths(ctx, graph.PathQuery{From: ho, To: khrushchev, Relations: []string{extractor.RelCoMentioned}})
		if err != nil || len(got) != 1 {
			t.Fatalf("Paths(ho→khrushchev) = %v, %v", got, err)
		}
		step = got[0].Steps[0]
		if step.Source != ho || step.Target != khrushchev || step.Weight != 3 || len(step.Evidence) != 3 {
			t.Errorf("step = %s→%s weight %d with %d evidence, want %s→%s 3 with 3", step.Source, step.Target, step.Weight, len(step.Evidence), ho, khrushchev)
		}
		if got[0].Nodes[0].Name != "Ho Chi Minh" {
			t.Errorf("path node = %+v, want Ho Chi Minh's summary", got[0].Nodes[0])
		}
	})

	t.Run("errors", func(t *testing.T) {
		for _, q := range []graph.PathQuery{{From: "person/nobody", To: ho}, {From: ho, To: "person/nobody"}} {
			if _, err := store.Paths(ctx, q); !errors.Is(err, graph.ErrNotFound) {
				t.Errorf("Paths(%+v) error = %v, want ErrNotFound", q, err)
			}
		}
		for _, q := range []graph.PathQuery{
			{From: ho, To: mao, MaxHops: graph.MaxHops + 1},
			{From: ho, To: mao, MaxHops: -1},
			{From: ho, To: mao, Limit: graph.MaxPaths + 1},
			{From: ho, To: mao, Relations: []string{"LIKES"}},
			{From: ho, To: mao, Period: graph.Period{From: "1960", To: "1950"}},
		} {
			if _, err := store.Paths(ctx, q); !errors.Is(err, graph.ErrInvalid) {
				t.Errorf("Paths(%+v) error = %v, want ErrInvalid", q, err)
			}
		}
	})
}

// recorder is a SubgraphSink that keeps what it is sent, and checks the
// order as it goes.
type recorder struct {
	nodes   []graph.SubgraphNode
	edges   []graph.SubgraphEdge
	sent    map[string]bool
	failAt  int // the Node call that fails, counting from 1; 0 never
	ordered []string
}

var errSinkFull = errors.New("sink full")

func (r *recorder) Node(n graph.SubgraphNode) error {
	if r.sent == nil {
		r.sent = map[string]bool{}
	}
	if len(r.edges) > 0 {
		r.ordered = append(r.ordered, "node "+n.ID+" after an edge")
	}
	if r.sent[n.ID] {
		r.ordered = append(r.ordered, "node "+n.ID+" twice")
	}
	r.sent[n.ID] = true
	r.nodes = append(r.nodes, n)
	if r.failAt > 0 && len(r.nodes) == r.failAt {
		return errSinkFull
	}
	return nil
}

func (r *recorder) Edge(e graph.SubgraphEdge) error {
	if !r.sent[e.Source] || !r.sent[e.Target] {
		r.ordered = append(r.ordered, "edge "+e.Source+"→"+e.Target+" to a node not sent")
	}
	r.edges = append(r.edges, e)
	return nil
}

func (r *recorder) nodeIDs() []string {
	out := []string{}
	for _, n := range r.nodes {
		out = append(out, n.ID)
	}
	return out
}

func (r *recorder) edgeList() []string {
	out := []string{}
	for _, e := range r.edges {
		out = append(out, fmt.Sprintf("%s %s %s %d", e.Source, e.Type, e.Target, e.Weight))
	}
	return out
}

func TestSubgraph(t *testing.T) {
	store := loadedCorpus(t)
	ctx := context.Background()

	tests := []struct {
		name      string
		q         graph.SubgraphQuery
		wantNodes []string
		wantEdges []string // nil: not checked
	}{
		{"one hop, strongest first", graph.SubgraphQuery{Seeds: []string{khrushchev}},
			[]string{khrushchev, ho, mikoyan, drv, ussr}, nil},
		{"limit keeps the seeds and the strongest", graph.SubgraphQuery{Seeds: []string{khrushchev}, Limit: 3},
			[]string{khrushchev, ho, mikoyan},
			[]string{
				mikoyan + " CO_MENTIONED " + ho + " 1", mikoyan + " CO_MENTIONED " + khrushchev + " 1",
				mikoyan + " MET " + ho + " 1", ho + " CO_MENTIONED " + khrushchev + " 3", ho + " MET " + khrushchev + " 2",
			}},
		{"seeds first, in order", graph.SubgraphQuery{Seeds: []string{mao, khrushchev}, Limit: 2},
			[]string{mao, khrushchev}, []string{}},
		{"types", graph.SubgraphQuery{Seeds: []string{khrushchev}, Types: []string{extractor.TypePerson}},
			[]string{khrushchev, ho, mikoyan}, nil},
		{"relations", graph.SubgraphQuery{Seeds: []string{ho}, Relations: []string{extractor.RelMet}},
			[]string{ho, khrushchev, mikoyan, mao},
			[]string{mikoyan + " MET " + ho + " 1", ho + " MET " + khrushchev + " 2", ho + " MET " + mao + " 1"}},
		{"period", graph.SubgraphQuery{Seeds: []string{khrushchev}, Period: graph.Period{To: "1957"}},
			[]string{khrushchev, ho, drv, ussr}, nil},
		{"min weight", graph.SubgraphQuery{Seeds: []string{khrushchev}, MinWeight: 2},
			[]string{khrushchev, ho}, []string{ho + " CO_MENTIONED " + khrushchev + " 3", ho + " MET " + khrushchev + " 2"}},
		{"two hops", graph.SubgraphQuery{Seeds: []string{mikoyan}, Depth: 2, Relations: []string{extractor.RelMet}},
			[]string{mikoyan, ho, khrushchev, mao}, nil},
		{"isolated seed", graph.SubgraphQuery{Seeds: []string{hanoi}, Depth: graph.MaxDepth}, []string{hanoi}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rec recorder
			if err := store.Subgraph(ctx, tt.q, &rec); err != nil {
				t.Fatalf("Subgraph(%+v): %v", tt.q, err)
			}
			if len(rec.ordered) > 0 {
				t.Errorf("Subgraph(%+v) stream out of order: %q", tt.q, rec.ordered)
			}
			if !reflect.DeepEqual(rec.nodeIDs(), tt.wantNodes) {
				t.Errorf("Subgraph(%+v) nodes = %q, want %q", tt.q, rec.nodeIDs(), tt.wantNodes)
			}
			if tt.wantEdges != nil {
				got := rec.edgeList()
				slices.Sort(got)
				want := slices.Clone(tt.wantEdges)
				slices.Sort(want)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("Subgraph(%+v) edges =\n  %q\nwant\n  %q", tt.q, got, want)
				}
			}
		})
	}

	t.Run("edge fields", func(t *testing.T) {
		var rec recorder
		if err := store.Subgraph(ctx, graph.SubgraphQuery{Seeds: []string{khrushchev}, Relations: []string{extractor.RelMet}}, &rec); err != nil {
			t.Fatalf("Subgraph: %v", err)
		}
		// Symmetric relations keep their stored orientation, smaller id first.
		want := graph.SubgraphEdge{Source: ho, Target: khrushchev, Type: extractor.RelMet, Weight: 2, Documents: 2, FirstDate: "1957-07-17", LastDate: "1958-04"}
		if len(rec.edges) != 1 || rec.edges[0] != want {
			t.Errorf("edges = %+v, want [%+v]", rec.edges, want)
		}
		if n := rec.nodes[0]; n.Name != "Nikita Khrushchev" || n.Type != extractor.TypePerson || n.Mentions != 5 || n.Documents != 3 || len(n.Aliases) != 2 {
			t.Errorf("seed node = %+v, want Khrushchev's summary", n)
		}
	})

	t.Run("sink error stops the stream", func(t *testing.T) {
		rec := recorder{failAt: 2}
		err := store.Subgraph(ctx, graph.SubgraphQuery{Seeds: []string{khrushchev}}, &rec)
		if !errors.Is(err, errSinkFull) || len(rec.nodes) != 2 || len(rec.edges) != 0 {
			t.Errorf("Subgraph with a failing sink: error %v after %d nodes and %d edges; want errSinkFull after 2 and 0", err, len(rec.nodes), len(rec.edges))
		}
	})

	t.Run("errors", func(t *testing.T) {
		var rec recorder
		if err := store.Subgraph(ctx, graph.SubgraphQuery{Seeds: []string{khrushchev, "person/nobody"}}, &rec); !errors.Is(err, graph.ErrNotFound) || len(rec.nodes) != 0 {
			t.Errorf("Subgraph(unknown seed) error = %v after %d nodes, want ErrNotFound before any", err, len(rec.nodes))
		}
		for _, q := range []graph.SubgraphQuery{
			{},
			{Seeds: []string{ho}, Depth: graph.MaxDepth + 1},
			{Seeds: []string{ho}, Depth: -1},
			{Seeds: []string{ho}, Limit: graph.MaxSubgraphNodes + 1},
			{Seeds: []string{ho, mao}, Limit: 1},
			{Seeds: []string{ho}, Relations: []string{"LIKES"}},
			{Seeds: []string{ho}, Types: []string{"Thing"}},
			{Seeds: []string{ho}, MinWeight: -1},
			{Seeds: []string{ho}, Period: graph.Period{From: "1957-02-30"}},
		} {
			if err := store.Subgraph(ctx, q, &rec); !errors.Is(err, graph.ErrInvalid) {
				t.Errorf("Subgraph(%+v) error = %v, want ErrInvalid", q, err)
			}
		}
	})
}

// star builds a fixture of 1 + hubs + hubs×leaves entities: the centre is
// mentioned with every hub, each hub with its own leaves, one document per
// hub.
func star(hubs, leaves int) []extractor.Document {
	docs := make([]extractor.Document, hubs)
	for h := range docs {
		var text strings.Builder
		var entities []extractor.Entity
		var relations []extractor.Relation
		add := func(id, typ, name string) {
			start := text.Len()
			fmt.Fprintf(&text, "%s was there. ", name)
			entities = append(entities, extractor.Entity{ID: id, Name: name, Type: typ,
				Mentions: []extractor.Mention{{Start: start, End: start + len(name), Text: name}}})
		}
		link := func(a, b string) {
			relations = append(relations, extractor.Relation{Type: extractor.RelCoMentioned, Source: a, Target: b,
				Date: "1961-06-03", Evidence: "They were there.", Start: 0, End: 10})
		}
		centre, hub := "state/centre", fmt.Sprintf("party/hub-%03d", h)
		add(centre, extractor.TypeState, "Centre")
		add(hub, extractor.TypeParty, fmt.Sprintf("Hub %03d", h))
		link(centre, hub)
		for l := range leaves {
			leaf := fmt.Sprintf("person/leaf-%03d-%04d", h, l)
			add(leaf, extractor.TypePerson, fmt.Sprintf("Leaf %03d %04d", h, l))
			link(hub, leaf)
		}
		docs[h] = extractor.Document{ID: fmt.Sprintf("star-%03d", h), Title: "Star", Date: "1961-06-03",
			Text: text.String(), Entities: entities, Relations: relations}
	}
	return docs
}

func TestSubgraphLarge(t *testing.T) {
	mustLoad(t, openStore(t), star(50, 100)...)
	// A subgraph this size is a heavy query for Neo4j on a busy machine:
	// this test checks what is sent, and make load measures how fast, so
	// the store waits longer than the tests' usual 30 s.
	patient := reopen(t, graph.Config{QueryTimeout: 5 * time.Minute})
	forEachReader(t, patient, func(t *testing.T, store *graph.Store) {
		testSubgraphLarge(t, store)
	})
}

func testSubgraphLarge(t *testing.T, store *graph.Store) {
	ctx := context.Background()
	tests := []struct {
		name         string
		limit        int
		nodes, edges int
	}{
		{"everything", graph.MaxSubgraphNodes, 5051, 5050},
		{"five thousand", 5000, 5000, 4999},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rec recorder
			q := graph.SubgraphQuery{Seeds: []string{"state/centre"}, Depth: 2, Limit: tt.limit}
			if err := store.Subgraph(ctx, q, &rec); err != nil {
				t.Fatalf("Subgraph(%+v): %v", q, err)
			}
			if len(rec.ordered) > 0 {
				t.Errorf("stream out of order: %q…", rec.ordered[:min(3, len(rec.ordered))])
			}
			if len(rec.nodes) != tt.nodes || len(rec.edges) != tt.edges {
				t.Errorf("Subgraph(limit %d) = %d nodes, %d edges; want %d, %d", tt.limit, len(rec.nodes), len(rec.edges), tt.nodes, tt.edges)
			}
			if rec.nodes[0].ID != "state/centre" || !strings.HasPrefix(rec.nodes[1].ID, "party/hub-") || !strings.HasPrefix(rec.nodes[50].ID, "party/hub-") {
				t.Errorf("first nodes %q, want the centre and then the hubs", rec.nodeIDs()[:3])
			}
		})
	}
}

// countingSink counts what it is sent, holding nothing.
type countingSink struct{ nodes, edges int }

func (c *countingSink) Node(graph.SubgraphNode) error { c.nodes++; return nil }
func (c *countingSink) Edge(graph.SubgraphEdge) error { c.edges++; return nil }

func TestDocuments(t *testing.T) {
	store := loadedCorpus(t)
	ctx := context.Background()
	docIDs := func(list []graph.DocumentSummary) []string {
		out := []string{}
		for _, d := range list {
			out = append(out, d.ID)
		}
		return out
	}
	const conv, memoID, tel = "conv-1957-07-17", "memo-1958-04", "tel-1960-05-02"
	tests := []struct {
		name string
		f    graph.DocumentFilter
		want []string
	}{
		{"all by date", graph.DocumentFilter{}, []string{conv, memoID, tel}},
		{"page", graph.DocumentFilter{Limit: 1, Offset: 1}, []string{memoID}},
		{"search text", graph.DocumentFilter{Query: "Mikoyan"}, []string{memoID}},
		{"search title", graph.DocumentFilter{Query: "telegram beijing"}, []string{tel}},
		{"search misspelt", graph.DocumentFilter{Query: "aggresion"}, []string{memoID}},
		{"search and period", graph.DocumentFilter{Query: "Khrushchev", Period: graph.Period{From: "1958"}}, []string{memoID, tel}},
		{"period by month", graph.DocumentFilter{Period: graph.Period{From: "1958-04-20", To: "1958-12"}}, []string{memoID}},
		{"period by year", graph.DocumentFilter{Period: graph.Period{From: "1957", To: "1957"}}, []string{conv}},
		{"nothing", graph.DocumentFilter{Query: "Zhukov"}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := store.Documents(ctx, tt.f)
			if err != nil {
				t.Fatalf("Documents(%+v): %v", tt.f, err)
			}
			ids := docIDs(got)
			if tt.f.Query != "" {
				slices.Sort(ids) // the order of equal scores is not the point
			}
			if !reflect.DeepEqual(ids, tt.want) {
				t.Errorf("Documents(%+v) = %q, want %q", tt.f, ids, tt.want)
			}
		})
	}

	t.Run("summary", func(t *testing.T) {
		got, err := store.Documents(ctx, graph.DocumentFilter{Limit: 1})
		if err != nil || len(got) != 1 {
			t.Fatalf("Documents(limit 1) = %v, %v", got, err)
		}
		if d := got[0]; d.Entities != 6 || d.Title == "" || d.Date != "1957-07-17" || d.Source != "conv-1957-07-17.txt" {
			t.Errorf("Documents()[0] = %+v, want the conversation with 6 entities", d)
		}
	})

	t.Run("detail with annotations", func(t *testing.T) {
		d, err := store.Document(ctx, conv)
		if err != nil {
			t.Fatalf("Document(%q): %v", conv, err)
		}
		if d.Text != conversationText || d.Entities != 6 {
			t.Fatalf("Document(%q) text or entity count wrong: %d entities", conv, d.Entities)
		}
		doc := conversation(t)
		want := 0
		for _, e := range doc.Entities {
			want += len(e.Mentions)
		}
		if len(d.Annotations) != want {
			t.Errorf("Document(%q) has %d annotations, want %d", conv, len(d.Annotations), want)
		}
		names := map[string][]string{}
		for _, e := range doc.Entities {
			for _, m := range e.Mentions {
				names[e.ID] = append(names[e.ID], m.Text)
			}
		}
		for i, a := range d.Annotations {
			if i > 0 && a.Start < d.Annotations[i-1].Start {
				t.Errorf("annotations not sorted by start at %d", i)
			}
			if !slices.Contains(names[a.EntityID], d.Text[a.Start:a.End]) || a.Name == "" || a.Type == "" {
				t.Errorf("annotation %+v points at %q", a, d.Text[a.Start:a.End])
			}
		}
	})

	t.Run("errors", func(t *testing.T) {
		if _, err := store.Document(ctx, "nothing"); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("Document(unknown) error = %v, want ErrNotFound", err)
		}
		for _, f := range []graph.DocumentFilter{{Limit: -1}, {Offset: -1}, {Period: graph.Period{To: "57"}}} {
			if _, err := store.Documents(ctx, f); !errors.Is(err, graph.ErrInvalid) {
				t.Errorf("Documents(%+v) error = %v, want ErrInvalid", f, err)
			}
		}
	})
}

func TestResolveEntity(t *testing.T) {
	forEachReader(t, loadedCorpus(t), func(t *testing.T, store *graph.Store) {
		ctx := context.Background()
		tests := []struct{ ref, want string }{
			{khrushchev, khrushchev},
			{"Ho Chi Minh", ho},
			{"ho chi minh", ho},
			{"  Mao Tse-tung ", mao}, // alias
			{"Peking", beijing},
			{"Soviet Union", ussr}, // exact, though the CPSU's name holds both words too
			{"USA", usa},
			{"Krushchev", khrushchev}, // misspelt: the best hit
		}
		for _, tt := range tests {
			t.Run(tt.ref, func(t *testing.T) {
				got, err := store.ResolveEntity(ctx, tt.ref)
				if err != nil || got.ID != tt.want {
					t.Errorf("ResolveEntity(%q) = %q, %v; want %q", tt.ref, got.ID, err, tt.want)
				}
			})
		}
		t.Run("errors", func(t *testing.T) {
			for _, ref := range []string{"Zhukov", "!!!"} {
				if _, err := store.ResolveEntity(ctx, ref); !errors.Is(err, graph.ErrNotFound) {
					t.Errorf("ResolveEntity(%q) error = %v, want ErrNotFound", ref, err)
				}
			}
			if _, err := store.ResolveEntity(ctx, " "); !errors.Is(err, graph.ErrInvalid) {
				t.Errorf("ResolveEntity(blank) error = %v, want ErrInvalid", err)
			}
		})
	})
}

func TestPeriodFilters(t *testing.T) {
	store := loadedCorpus(t)
	ctx := context.Background()

	neighbors := []struct {
		name string
		f    graph.NeighborFilter
		want []string // documents of Khrushchev's MET evidence
	}{
		{"month overlaps the day range", graph.NeighborFilter{Period: graph.Period{From: "1958-04-15", To: "1958-04-20"}}, []string{"memo-1958-04"}},
		{"after the month", graph.NeighborFilter{Period: graph.Period{From: "1958-05", To: "1959"}}, nil},
		{"to a year", graph.NeighborFilter{Period: graph.Period{To: "1957"}}, []string{"conv-1957-07-17"}},
		{"from the next day", graph.NeighborFilter{Period: graph.Period{From: "1957-07-18"}}, []string{"memo-1958-04"}},
		{"from the day", graph.NeighborFilter{Period: graph.Period{From: "1957-07-17"}}, []string{"conv-1957-07-17", "memo-1958-04"}},
		{"years and period both apply", graph.NeighborFilter{FromYear: 1958, Period: graph.Period{To: "1957"}}, nil},
	}
	for _, tt := range neighbors {
		t.Run("neighbors/"+tt.name, func(t *testing.T) {
			tt.f.Relation = extractor.RelMet
			got, err := store.Neighbors(ctx, khrushchev, tt.f)
			if err != nil {
				t.Fatalf("Neighbors(%+v): %v", tt.f, err)
			}
			var docs []string
			for _, n := range got {
				for _, e := range n.Evidence {
					docs = append(docs, e.DocumentID)
				}
			}
			if !reflect.DeepEqual(docs, tt.want) {
				t.Errorf("Neighbors(%+v) evidence from %q, want %q", tt.f, docs, tt.want)
			}
		})
	}

	t.Run("meetings", func(t *testing.T) {
		got, err := store.Meetings(ctx, graph.MeetingFilter{Person: ho, Period: graph.Period{From: "1958", To: "1959"}})
		if err != nil {
			t.Fatalf("Meetings: %v", err)
		}
		if len(got) != 2 || got[0].Document.ID != "memo-1958-04" || got[1].Document.ID != "memo-1958-04" {
			t.Errorf("Meetings(Ho, 1958–1959) = %+v, want the two of the memo", got)
		}
		if _, err := store.Meetings(ctx, graph.MeetingFilter{Period: graph.Period{From: "1959", To: "1958"}}); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("Meetings(reversed period) error = %v, want ErrInvalid", err)
		}
		if _, err := store.Neighbors(ctx, ho, graph.NeighborFilter{Period: graph.Period{From: "x"}}); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("Neighbors(bad period) error = %v, want ErrInvalid", err)
		}
	})
}

func TestObserveQuery(t *testing.T) {
	loadedCorpus(t)
	ctx := context.Background()
	var mu sync.Mutex
	seen := map[string]int{}
	store, err := graph.Open(ctx, graph.Config{URI: neo4jtest.URI(t), ObserveQuery: func(op string, d time.Duration, err error) {
		mu.Lock()
		defer mu.Unlock()
		if d <= 0 {
			t.Errorf("ObserveQuery(%s) duration %v", op, d)
		}
		if err != nil {
			op += " failed"
		}
		seen[op]++
	}})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer store.Close(ctx)
	calls := []struct {
		op   string
		call func() error
	}{
		{"search", func() error { _, err := store.SearchEntities(ctx, "Ho", "", 0, 0); return err }},
		{"neighbors", func() error { _, err := store.Neighbors(ctx, ho, graph.NeighborFilter{}); return err }},
		{"meetings", func() error { _, err := store.Meetings(ctx, graph.MeetingFilter{}); return err }},
		{"paths", func() error { _, err := store.Paths(ctx, graph.PathQuery{From: ho, To: mao}); return err }},
		{"subgraph", func() error { return store.Subgraph(ctx, graph.SubgraphQuery{Seeds: []string{ho}}, &countingSink{}) }},
		{"communities", func() error { _, err := store.Communities(ctx, graph.CommunityQuery{}); return err }},
		{"documents", func() error { _, err := store.Documents(ctx, graph.DocumentFilter{}); return err }},
		{"load", func() error { _, err := store.Load(ctx, []extractor.Document{memo(t)}); return err }},
		{"entity failed", func() error {
			_, err := store.Entity(ctx, "person/nobody")
			if errors.Is(err, graph.ErrNotFound) {
				return nil
			}
			return err
		}},
	}
	for _, c := range calls {
		if err := c.call(); err != nil {
			t.Fatalf("%s: %v", c.op, err)
		}
		mu.Lock()
		n := seen[c.op]
		mu.Unlock()
		if n == 0 {
			t.Errorf("after a %s call ObserveQuery saw %v, want %q", c.op, seen, c.op)
		}
	}
}
