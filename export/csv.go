package export

import (
	"archive/zip"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/archivegraph/archivegraph/graph"
)

// The csv format is a ZIP of two files in the header syntax of
// `neo4j-admin database import`:
//
//	nodes.csv          id:ID,name,type,aliases:string[],mention_count:int,document_count:int,:LABEL
//	relationships.csv  :START_ID,:END_ID,:TYPE,weight:int,document_count:int,first_date,last_date
//
// Labels are "Entity;<Type>" and aliases are joined with ";", which is
// neo4j-admin's default --array-delimiter, so
//
//	neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv neo4j
//
// needs no further options. An empty field (an unknown date) is unquoted and
// so becomes a missing property, not an empty string. The files also open
// in any spreadsheet.
//
// nodes.csv is a ZIP entry of its own that is complete before the first
// edge arrives; the entry for relationships.csv opens then. ZIP needs no
// sizes up front, so neither file is ever held in memory.

// CSV headers, exactly as neo4j-admin reads them.
var (
	NodesHeader         = []string{"id:ID", "name", "type", "aliases:string[]", "mention_count:int", "document_count:int", ":LABEL"}
	RelationshipsHeader = []string{":START_ID", ":END_ID", ":TYPE", "weight:int", "document_count:int", "first_date", "last_date"}
)

// ArrayDelimiter separates the elements of array fields: neo4j-admin's
// default, so the import command needs no --array-delimiter.
const ArrayDelimiter = ";"

// Names of the entries of the csv format's ZIP.
const (
	NodesFile         = "nodes.csv"
	RelationshipsFile = "relationships.csv"
)

type csvWriter struct {
	zip     *zip.Writer
	csv     *csv.Writer
	order   order
	started bool
	row     []string // reused for every row
}

func newCSV(w io.Writer) *csvWriter {
	return &csvWriter{zip: zip.NewWriter(w), row: make([]string, 0, 7)}
}

// open starts a ZIP entry with its header row; creating an entry finishes
// the one before.
func (c *csvWriter) open(name string, header []string) error {
	f, err := c.zip.Create(name)
	if err != nil {
		return fmt.Errorf("export: csv: %s: %w", name, err)
	}
	c.csv = csv.NewWriter(f)
	return c.write(header)
}

func (c *csvWriter) start() error {
	if c.started {
		return nil
	}
	c.started = true
	return c.open(NodesFile, NodesHeader)
}

func (c *csvWriter) write(row []string) error {
	if err := c.csv.Write(row); err != nil {
		return fmt.Errorf("export: csv: %w", err)
	}
	return nil
}

func (c *csvWriter) Node(n graph.SubgraphNode) error {
	if err := c.order.node(n); err != nil {
		return err
	}
	if err := c.start(); err != nil {
		return err
	}
	c.row = append(c.row[:0], n.ID, n.Name, n.Type, joinList(n.Aliases, ArrayDelimiter),
		itoa(n.Mentions), itoa(n.Documents), labels(n.Type))
	return c.write(c.row)
}

// finishNodes closes nodes.csv and opens relationships.csv.
func (c *csvWriter) finishNodes() error {
	c.csv.Flush()
	if err := c.csv.Error(); err != nil {
		return fmt.Errorf("export: csv: %s: %w", NodesFile, err)
	}
	return c.open(RelationshipsFile, RelationshipsHeader)
}

func (c *csvWriter) Edge(e graph.SubgraphEdge) error {
	if err := c.start(); err != nil {
		return err
	}
	first, err := c.order.edge(e)
	if err != nil {
		return err
	}
	if first {
		if err := c.finishNodes(); err != nil {
			return err
		}
	}
	c.row = append(c.row[:0], e.Source, e.Target, e.Type, itoa(e.Weight), itoa(e.Documents), e.FirstDate, e.LastDate)
	return c.write(c.row)
}

func (c *csvWriter) Close() error {
	if err := c.start(); err != nil {
		return err
	}
	if !c.order.edges {
		if err := c.finishNodes(); err != nil {
			return err
		}
	}
	c.csv.Flush()
	if err := c.csv.Error(); err != nil {
		return fmt.Errorf("export: csv: %s: %w", RelationshipsFile, err)
	}
	if err := c.zip.Close(); err != nil {
		return fmt.Errorf("export: csv: %w", err)
	}
	return nil
}

// labels is the :LABEL field of an entity of type typ.
func labels(typ string) string { return strings.Join([]string{"Entity", typ}, ArrayDelimiter) }
