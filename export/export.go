// Package export writes subgraphs in the formats analysis tools read.
//
// Every writer is a graph.SubgraphSink that writes to an io.Writer as nodes
// and edges arrive, so an export of any size needs only a small, constant
// amount of memory: nothing is collected before it is written. Close ends
// the document (closing tags, the ZIP directory) and flushes; it does not
// close the underlying writer.
//
// The formats, and the tools each is meant for:
//
//	json     graphology's serialisation (sigma, Gephi Lite, the web explorer)
//	graphml  GraphML 1.0 (Gephi, yEd, Cytoscape, NetworkX)
//	gexf     GEXF 1.2 (Gephi, NetworkX)
//	csv      a ZIP of nodes.csv and relationships.csv for neo4j-admin import
//	cypher   a Cypher script that recreates the subgraph in an empty database
//
// Direction. SUPPORTS, OPPOSES, MEMBER_OF and HOLDS_OFFICE point from the
// actor to what it acts on. MET and CO_MENTIONED are symmetric; the graph
// stores them with source < target and every format keeps that single edge.
// GraphML and GEXF declare all edges directed, because NetworkX refuses
// files that mix directed and undirected edges; a boolean "symmetric" edge
// attribute tells the symmetric ones apart. The json format, whose graphology
// graphs are mixed, marks them "undirected" instead.
package export

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/archivegraph/archivegraph/extractor"
	"github.com/archivegraph/archivegraph/graph"
)

// Sink receives a subgraph and writes it out. Node and Edge follow the
// contract of graph.SubgraphSink (every node before any edge); Close must be
// called once after the last edge to complete the output.
type Sink interface {
	graph.SubgraphSink
	Close() error
}

// Formats lists the names Writer accepts, in the order they are documented.
var Formats = []string{"json", "graphml", "gexf", "csv", "cypher"}

// Errors of the package.
var (
	ErrUnknownFormat = errors.New("export: unknown format")
	// ErrOrder reports a stream that broke the sink contract: a node after
	// an edge, or a type outside the allow-lists of the extractor.
	ErrOrder = errors.New("export: stream out of order")
)

// Writer returns the sink that writes format to w, with the media type and
// the file extension (with its dot) that go with it.
func Writer(format string, w io.Writer) (sink Sink, contentType, fileExt string, err error) {
	switch format {
	case "json":
		return newJSON(w), "application/json", ".json", nil
	case "graphml":
		return newGraphML(w), "application/graphml+xml", ".graphml", nil
	case "gexf":
		return newGEXF(w), "application/gexf+xml", ".gexf", nil
	case "csv":
		return newCSV(w), "application/zip", ".zip", nil
	case "cypher":
		return newCypher(w), "text/plain; charset=utf-8", ".cypher", nil
	}
	return nil, "", "", fmt.Errorf("%w %q: want one of %s", ErrUnknownFormat, format, strings.Join(Formats, ", "))
}

// symmetric relation types have no direction of their own.
var symmetric = extractor.Symmetric

// order enforces the sink contract that every writer relies on: a format
// whose nodes and edges live in separate sections cannot go back.
type order struct {
	edges bool // an edge has been written
}

func (o *order) node(n graph.SubgraphNode) error {
	if o.edges {
		return fmt.Errorf("%w: node %q after the first edge", ErrOrder, n.ID)
	}
	if !knownType(n.Type) {
		return fmt.Errorf("%w: node %q has unknown type %q", ErrOrder, n.ID, n.Type)
	}
	return nil
}

// edge reports whether this is the first edge, so that writers can close
// the node section.
func (o *order) edge(e graph.SubgraphEdge) (first bool, err error) {
	if !knownRelation(e.Type) {
		return false, fmt.Errorf("%w: edge %q→%q has unknown type %q", ErrOrder, e.Source, e.Target, e.Type)
	}
	first = !o.edges
	o.edges = true
	return first, nil
}

func knownType(t string) bool {
	for _, k := range extractor.EntityTypes {
		if t == k {
			return true
		}
	}
	return false
}

func knownRelation(t string) bool {
	for _, k := range extractor.RelationTypes {
		if t == k {
			return true
		}
	}
	return false
}

// joinList joins a list attribute for formats without lists, dropping the
// separator from inside elements, where no reader could tell it apart.
func joinList(items []string, sep string) string {
	var b strings.Builder
	for i, s := range items {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(strings.ReplaceAll(s, sep, " "))
	}
	return b.String()
}
