package export

import (
	"bufio"
	"fmt"
	"io"

	"github.com/archivegraph/archivegraph/graph"
)

// GraphML: nodes carry label and name (the same text: Gephi shows "label"),
// type, aliases joined with "|", mention_count and document_count; edges
// carry type, weight, document_count, first_date, last_date and symmetric.
// The graph is directed (see the package comment). Empty values are left
// out rather than written as empty data, which some readers turn into the
// string "None".

const graphmlHeader = `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="n_label" for="node" attr.name="label" attr.type="string"/>
  <key id="n_name" for="node" attr.name="name" attr.type="string"/>
  <key id="n_type" for="node" attr.name="type" attr.type="string"/>
  <key id="n_aliases" for="node" attr.name="aliases" attr.type="string"/>
  <key id="n_mentions" for="node" attr.name="mention_count" attr.type="int"/>
  <key id="n_documents" for="node" attr.name="document_count" attr.type="int"/>
  <key id="e_type" for="edge" attr.name="type" attr.type="string"/>
  <key id="e_weight" for="edge" attr.name="weight" attr.type="int"/>
  <key id="e_documents" for="edge" attr.name="document_count" attr.type="int"/>
  <key id="e_first" for="edge" attr.name="first_date" attr.type="string"/>
  <key id="e_last" for="edge" attr.name="last_date" attr.type="string"/>
  <key id="e_symmetric" for="edge" attr.name="symmetric" attr.type="boolean"/>
  <graph id="archivegraph" edgedefault="directed">
`

// ListSeparator joins list values (aliases) in GraphML and GEXF; GEXF's
// liststring type uses it too.
const ListSeparator = "|"

type graphMLWriter struct {
	x       xmlOut
	order   order
	started bool
	m       int // edges written
}

func newGraphML(w io.Writer) *graphMLWriter {
	return &graphMLWriter{x: xmlOut{bufio.NewWriter(w)}}
}

func (g *graphMLWriter) start() {
	if !g.started {
		g.started = true
		g.x.raw(graphmlHeader)
	}
}

func (g *graphMLWriter) data(key, value string) {
	if value == "" {
		return
	}
	g.x.raw(`<data key="` + key + `">`)
	g.x.escape(value)
	g.x.raw("</data>")
}

func (g *graphMLWriter) Node(n graph.SubgraphNode) error {
	if err := g.order.node(n); err != nil {
		return err
	}
	g.start()
	g.x.raw("    <node")
	g.x.attr("id", n.ID)
	g.x.raw(">")
	g.data("n_label", n.Name)
	g.data("n_name", n.Name)
	g.data("n_type", n.Type)
	g.data("n_aliases", joinList(n.Aliases, ListSeparator))
	g.data("n_mentions", itoa(n.Mentions))
	g.data("n_documents", itoa(n.Documents))
	g.x.raw("</node>\n")
	return g.x.err("graphml")
}

func (g *graphMLWriter) Edge(e graph.SubgraphEdge) error {
	g.start()
	if _, err := g.order.edge(e); err != nil {
		return err
	}
	g.x.raw("    <edge")
	g.x.attr("id", fmt.Sprintf("e%d", g.m))
	g.x.attr("source", e.Source)
	g.x.attr("target", e.Target)
	g.x.raw(">")
	g.m++
	g.data("e_type", e.Type)
	g.data("e_weight", itoa(e.Weight))
	g.data("e_documents", itoa(e.Documents))
	g.data("e_first", e.FirstDate)
	g.data("e_last", e.LastDate)
	g.data("e_symmetric", fmt.Sprint(symmetric(e.Type)))
	g.x.raw("</edge>\n")
	return g.x.err("graphml")
}

func (g *graphMLWriter) Close() error {
	g.start()
	g.x.raw("  </graph>\n</graphml>\n")
	return g.x.flush("graphml")
}
