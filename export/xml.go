package export

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"strconv"
)

// xmlOut writes XML by hand, one element at a time: encoding/xml's Encoder
// would have to hold the open root element's state anyway, and writing the
// few element shapes of GraphML and GEXF directly keeps every node and edge
// free of reflection. Every value goes through escape.
type xmlOut struct {
	w *bufio.Writer
}

func (x xmlOut) raw(s string) { x.w.WriteString(s) }

// escape writes s as XML character data or attribute value. encoding/xml
// escapes quotes, ampersands, angle brackets and the line breaks an
// attribute would otherwise fold, and replaces characters XML 1.0 cannot
// carry with U+FFFD.
func (x xmlOut) escape(s string) { _ = xml.EscapeText(x.w, []byte(s)) }

// attr writes ` name="value"`.
func (x xmlOut) attr(name, value string) {
	x.w.WriteByte(' ')
	x.w.WriteString(name)
	x.w.WriteString(`="`)
	x.escape(value)
	x.w.WriteByte('"')
}

func itoa(n int) string { return strconv.Itoa(n) }

// err is the first write error so far: bufio.Writer keeps it and returns it
// from any later Write, so a stream to a client that went away stops at the
// next node instead of running to the end.
func (x xmlOut) err(format string) error {
	if _, err := x.w.Write(nil); err != nil {
		return fmt.Errorf("export: %s: %w", format, err)
	}
	return nil
}

func (x xmlOut) flush(format string) error {
	if err := x.w.Flush(); err != nil {
		return fmt.Errorf("export: %s: %w", format, err)
	}
	return nil
}
