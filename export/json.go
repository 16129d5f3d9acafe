package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/archivegraph/archivegraph/graph"
)

// The json format is graphology's serialisation, which Graph.import and
// Graph.from read as they are:
//
//	{"attributes": {...}, "options": {"type": "mixed", "multi": true, "allowSelfLoops": false},
//	 "nodes": [{"key": "person/ho-chi-minh", "attributes": {"label", "name", "type", "aliases",
//	            "mention_count", "document_count"}}],
//	 "edges": [{"key": "e0", "source", "target", "undirected": true,
//	            "attributes": {"type", "weight", "document_count", "first_date", "last_date"}}]}
//
// The graph is mixed (MET and CO_MENTIONED are undirected, the rest
// directed) and multi (two entities can be related in several ways). "label"
// repeats the name because sigma and Gephi Lite display that attribute.
//
// Cytoscape.js takes the same data after a one-line reshaping:
//
//	cytoscape({elements: {
//	  nodes: g.nodes.map(n => ({data: {id: n.key, ...n.attributes}})),
//	  edges: g.edges.map(e => ({data: {id: e.key, source: e.source, target: e.target, ...e.attributes}}))}})
//
// and Cytoscape desktop reads the graphml export directly.

type jsonWriter struct {
	w       *bufio.Writer
	enc     *json.Encoder
	order   order
	started bool // the header is out
	n, m    int  // nodes and edges written
}

type jsonNode struct {
	Key        string         `json:"key"`
	Attributes jsonNodeFields `json:"attributes"`
}

type jsonNodeFields struct {
	Label     string   `json:"label"`
	Name      string   `json:"name"`
	Type      string   `json:"type"`
	Aliases   []string `json:"aliases"`
	Mentions  int      `json:"mention_count"`
	Documents int      `json:"document_count"`
}

type jsonEdge struct {
	Key        string         `json:"key"`
	Source     string         `json:"source"`
	Target     string         `json:"target"`
	Undirected bool           `json:"undirected,omitempty"`
	Attributes jsonEdgeFields `json:"attributes"`
}

type jsonEdgeFields struct {
	Type      string `json:"type"`
	Weight    int    `json:"weight"`
	Documents int    `json:"document_count"`
	FirstDate string `json:"first_date,omitempty"`
	LastDate  string `json:"last_date,omitempty"`
}

const jsonHeader = `{"attributes":{"source":"archivegraph"},` +
	`"options":{"type":"mixed","multi":true,"allowSelfLoops":false},` + "\n" + `"nodes":[` + "\n"

func newJSON(w io.Writer) *jsonWriter {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &jsonWriter{w: bw, enc: enc}
}

func (j *jsonWriter) start() {
	if !j.started {
		j.started = true
		j.w.WriteString(jsonHeader)
	}
}

func (j *jsonWriter) Node(n graph.SubgraphNode) error {
	if err := j.order.node(n); err != nil {
		return err
	}
	j.start()
	if j.n > 0 {
		j.w.WriteByte(',')
	}
	aliases := n.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	j.n++
	return j.encode(jsonNode{Key: n.ID, Attributes: jsonNodeFields{
		Label: n.Name, Name: n.Name, Type: n.Type, Aliases: aliases,
		Mentions: n.Mentions, Documents: n.Documents,
	}})
}

func (j *jsonWriter) Edge(e graph.SubgraphEdge) error {
	j.start()
	first, err := j.order.edge(e)
	if err != nil {
		return err
	}
	if first {
		j.w.WriteString("],\n\"edges\":[\n")
	} else {
		j.w.WriteByte(',')
	}
	key := fmt.Sprintf("e%d", j.m)
	j.m++
	return j.encode(jsonEdge{
		Key: key, Source: e.Source, Target: e.Target, Undirected: symmetric(e.Type),
		Attributes: jsonEdgeFields{Type: e.Type, Weight: e.Weight, Documents: e.Documents,
			FirstDate: e.FirstDate, LastDate: e.LastDate},
	})
}

func (j *jsonWriter) encode(v any) error {
	if err := j.enc.Encode(v); err != nil {
		return fmt.Errorf("export: json: %w", err)
	}
	return nil
}

func (j *jsonWriter) Close() error {
	j.start()
	if !j.order.edges {
		j.w.WriteString("],\n\"edges\":[\n")
	}
	j.w.WriteString("]}\n")
	if err := j.w.Flush(); err != nil {
		return fmt.Errorf("export: json: %w", err)
	}
	return nil
}
