package export

import (
	"bufio"
	"fmt"
	"io"

	"github.com/archivegraph/archivegraph/graph"
)

// GEXF 1.2 (the 1.2draft namespace, which Gephi and NetworkX read). A node's
// name is its label; type, aliases (liststring, "|"-separated),
// mention_count and document_count are attributes. An edge's relation type
// is its label and its "type" attribute, the weight is GEXF's own edge
// weight, and document_count, first_date, last_date and symmetric are
// attributes. Dates stay plain strings rather than spells: they are as
// precise as the documents ("1957", "1957-07"), which GEXF's date type
// cannot express.

const gexfHeader = `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">
  <meta><creator>archivegraph</creator><description>subgraph export</description></meta>
  <graph mode="static" defaultedgetype="directed">
    <attributes class="node" mode="static">
      <attribute id="type" title="type" type="string"/>
      <attribute id="aliases" title="aliases" type="liststring"/>
      <attribute id="mention_count" title="mention_count" type="integer"/>
      <attribute id="document_count" title="document_count" type="integer"/>
    </attributes>
    <attributes class="edge" mode="static">
      <attribute id="type" title="type" type="string"/>
      <attribute id="document_count" title="document_count" type="integer"/>
      <attribute id="first_date" title="first_date" type="string"/>
      <attribute id="last_date" title="last_date" type="string"/>
      <attribute id="symmetric" title="symmetric" type="boolean"/>
    </attributes>
    <nodes>
`

type gexfWriter struct {
	x       xmlOut
	order   order
	started bool
	m       int
}

func newGEXF(w io.Writer) *gexfWriter {
	return &gexfWriter{x: xmlOut{bufio.NewWriter(w)}}
}

func (g *gexfWriter) start() {
	if !g.started {
		g.started = true
		g.x.raw(gexfHeader)
	}
}

func (g *gexfWriter) value(id, value string) {
	if value == "" {
		return
	}
	g.x.raw(`<attvalue for="` + id + `"`)
	g.x.attr("value", value)
	g.x.raw("/>")
}

func (g *gexfWriter) Node(n graph.SubgraphNode) error {
	if err := g.order.node(n); err != nil {
		return err
	}
	g.start()
	g.x.raw("      <node")
	g.x.attr("id", n.ID)
	g.x.attr("label", n.Name)
	g.x.raw("><attvalues>")
	g.value("type", n.Type)
	g.value("aliases", joinList(n.Aliases, ListSeparator))
	g.value("mention_count", itoa(n.Mentions))
	g.value("document_count", itoa(n.Documents))
	g.x.raw("</attvalues></node>\n")
	return g.x.err("gexf")
}

func (g *gexfWriter) Edge(e graph.SubgraphEdge) error {
	g.start()
	first, err := g.order.edge(e)
	if err != nil {
		return err
	}
	if first {
		g.x.raw("    </nodes>\n    <edges>\n")
	}
	g.x.raw("      <edge")
	g.x.attr("id", fmt.Sprintf("e%d", g.m))
	g.x.attr("source", e.Source)
	g.x.attr("target", e.Target)
	g.x.attr("label", e.Type)
	g.x.attr("weight", itoa(e.Weight))
	g.x.raw("><attvalues>")
	g.m++
	g.value("type", e.Type)
	g.value("document_count", itoa(e.Documents))
	g.value("first_date", e.FirstDate)
	g.value("last_date", e.LastDate)
	g.value("symmetric", fmt.Sprint(symmetric(e.Type)))
	g.x.raw("</attvalues></edge>\n")
	return g.x.err("gexf")
}

func (g *gexfWriter) Close() error {
	g.start()
	if !g.order.edges {
		g.x.raw("    </nodes>\n    <edges>\n")
	}
	g.x.raw("    </edges>\n  </graph>\n</gexf>\n")
	return g.x.flush("gexf")
}
