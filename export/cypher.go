package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/archivegraph/archivegraph/extractor"
	"github.com/archivegraph/archivegraph/graph"
)

// The cypher format is a script that recreates the subgraph in an empty
// database, for `cypher-shell -f FILE` or any driver that runs statements
// one by one: each statement ends with ";" and a line break, and no line
// break occurs inside one's string literals, so splitting on ";\n" is safe.
//
// It starts with the uniqueness constraint on :Entity(id), then merges the
// nodes in UNWIND batches of one entity type each, then the relationships
// in batches of one relation type each. Labels and relationship types come
// from the extractor's allow-lists; every value is a literal quoted by
// cypherString, so a name cannot end its string. The result holds one
// relationship per exported edge, with its aggregate properties (weight,
// document_count, first_date, last_date), rather than archivegraph's own
// one-relationship-per-evidence store, and nodes carry id, name, type,
// aliases, mention_count and document_count. MERGE makes running the script
// twice harmless.

// CypherBatch is the number of rows in one UNWIND statement of the script.
const CypherBatch = 500

const cypherHeader = `// archivegraph subgraph export: run it in an empty database, for example
// with cypher-shell -f FILE
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;
`

// pending is a batch of rendered UNWIND rows of one label or type. Only
// this many rows of each type wait in memory, however big the export.
type pending struct {
	rows strings.Builder
	n    int
}

type cypherWriter struct {
	w       *bufio.Writer
	order   order
	started bool
	nodes   map[string]*pending // by entity type
	edges   map[string]*pending // by relation type
	row     strings.Builder
	batch   int // rows per statement
}

func newCypher(w io.Writer) *cypherWriter { return newCypherBatch(w, CypherBatch) }

func newCypherBatch(w io.Writer, batch int) *cypherWriter {
	c := &cypherWriter{w: bufio.NewWriter(w), batch: batch, nodes: map[string]*pending{}, edges: map[string]*pending{}}
	for _, t := range extractor.EntityTypes {
		c.nodes[t] = &pending{}
	}
	for _, t := range extractor.RelationTypes {
		c.edges[t] = &pending{}
	}
	return c
}

func (c *cypherWriter) start() {
	if !c.started {
		c.started = true
		c.w.WriteString(cypherHeader)
	}
}

func (c *cypherWriter) Node(n graph.SubgraphNode) error {
	if err := c.order.node(n); err != nil {
		return err
	}
	c.start()
	r := &c.row
	r.Reset()
	r.WriteString("{id: ")
	writeCypherString(r, n.ID)
	r.WriteString(", name: ")
	writeCypherString(r, n.Name)
	r.WriteString(", type: ")
	writeCypherString(r, n.Type)
	r.WriteString(", aliases: [")
	for i, a := range n.Aliases {
		if i > 0 {
			r.WriteString(", ")
		}
		writeCypherString(r, a)
	}
	fmt.Fprintf(r, "], mention_count: %d, document_count: %d}", n.Mentions, n.Documents)
	return c.add(c.nodes[n.Type], n.Type, c.flushNodes)
}

func (c *cypherWriter) Edge(e graph.SubgraphEdge) error {
	c.start()
	first, err := c.order.edge(e)
	if err != nil {
		return err
	}
	if first {
		if err := c.flushAll(c.nodes, c.flushNodes); err != nil {
			return err
		}
	}
	r := &c.row
	r.Reset()
	r.WriteString("{source: ")
	writeCypherString(r, e.Source)
	r.WriteString(", target: ")
	writeCypherString(r, e.Target)
	fmt.Fprintf(r, ", weight: %d, document_count: %d, first_date: ", e.Weight, e.Documents)
	writeCypherStringOrNull(r, e.FirstDate)
	r.WriteString(", last_date: ")
	writeCypherStringOrNull(r, e.LastDate)
	r.WriteString("}")
	return c.add(c.edges[e.Type], e.Type, c.flushEdges)
}

// add appends the row in c.row to p, writing the batch out when it is full.
func (c *cypherWriter) add(p *pending, typ string, flush func(typ string, p *pending) error) error {
	if p.n > 0 {
		p.rows.WriteString(",\n  ")
	}
	p.rows.WriteString(c.row.String())
	p.n++
	if p.n < c.batch {
		return nil
	}
	return flush(typ, p)
}

func (c *cypherWriter) flushNodes(label string, p *pending) error {
	// label is one of extractor.EntityTypes: order.node checked it.
	return c.statement(p, `
MERGE (n:Entity {id: row.id})
SET n:`+label+`, n.name = row.name, n.type = row.type, n.aliases = row.aliases,
    n.mention_count = row.mention_count, n.document_count = row.document_count;
`)
}

func (c *cypherWriter) flushEdges(rel string, p *pending) error {
	// rel is one of extractor.RelationTypes: order.edge checked it.
	return c.statement(p, `
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
MERGE (a)-[r:`+rel+`]->(b)
SET r.weight = row.weight, r.document_count = row.document_count,
    r.first_date = row.first_date, r.last_date = row.last_date;
`)
}

func (c *cypherWriter) statement(p *pending, body string) error {
	if p.n == 0 {
		return nil
	}
	c.w.WriteString("UNWIND [\n  ")
	c.w.WriteString(p.rows.String())
	c.w.WriteString("\n] AS row")
	c.w.WriteString(body)
	p.rows.Reset()
	p.n = 0
	if _, err := c.w.Write(nil); err != nil {
		return fmt.Errorf("export: cypher: %w", err)
	}
	return nil
}

// flushAll writes every pending batch in the allow-list's order, so that the
// script does not depend on map order.
func (c *cypherWriter) flushAll(batches map[string]*pending, flush func(string, *pending) error) error {
	for _, t := range append(append([]string{}, extractor.EntityTypes...), extractor.RelationTypes...) {
		if p, ok := batches[t]; ok {
			if err := flush(t, p); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *cypherWriter) Close() error {
	c.start()
	if !c.order.edges {
		if err := c.flushAll(c.nodes, c.flushNodes); err != nil {
			return err
		}
	}
	if err := c.flushAll(c.edges, c.flushEdges); err != nil {
		return err
	}
	if err := c.w.Flush(); err != nil {
		return fmt.Errorf("export: cypher: %w", err)
	}
	return nil
}

func writeCypherStringOrNull(b *strings.Builder, s string) {
	if s == "" {
		b.WriteString("null")
		return
	}
	writeCypherString(b, s)
}

// writeCypherString writes s as a single-quoted Cypher string literal.
// Backslashes and both quotes are escaped, line breaks and other control or
// invisible format characters become \uXXXX (or their short escapes), and
// invalid UTF-8 becomes U+FFFD. Other characters, any script, stay as they
// are: the script is UTF-8 like every Cypher source.
func writeCypherString(b *strings.Builder, s string) {
	b.WriteByte('\'')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\'':
			b.WriteString(`\'`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\uFFFD`)
		case r < 0x20 || r == 0x7f || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) ||
			r == '\u2028' || r == '\u2029':
			if r > 0xFFFF {
				// Format characters beyond the BMP (tags): keep them as
				// they are; none of them can end a literal.
				b.WriteRune(r)
			} else {
				fmt.Fprintf(b, `\u%04X`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('\'')
}
