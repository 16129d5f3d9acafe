package extractor

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// TEI elements that hold a paragraph of their own in the rendered text.
var teiBlocks = map[string]bool{
	"head": true, "p": true, "item": true, "opener": true, "closer": true,
	"dateline": true, "signed": true, "salute": true, "label": true, "ab": true,
	"row": true, "cell": true, "list": true, "quote": true, "postscript": true,
	"byline": true, "docAuthor": true, "address": true, "addrLine": true,
	"trailer": true, "table": true, "lg": true, "l": true,
}

// readTEI reads a FRUS TEI volume, streaming: each div[@type="document"] is
// one document, with id "<volume>-<xml:id>". Its text is rendered from the
// markup — the head as the first paragraph, then every block element as a
// paragraph separated by a blank line, <lb/> as a space, runs of white space
// as one space, <note> content left out — and offsets are into that
// rendering. The TEI's own <persName>, <gloss> and similar tags are dropped
// like any other inline markup: extraction works from the plain text.
func readTEI(source string, r io.Reader, emit func(Raw) error) error {
	dec := xml.NewDecoder(bufio.NewReaderSize(r, 1<<16))
	dec.Strict = false // FRUS uses few entities, but an unknown one should not stop a volume
	dec.Entity = xml.HTMLEntity
	volume := ""
	found := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, _ := dec.InputPos()
			return &LineError{Path: source, Line: line, Err: err}
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if volume == "" {
			volume = xmlID(se)
			if volume == "" {
				volume = baseID(source)
			}
		}
		if se.Name.Local != "div" || attr(se, "type") != "document" {
			continue
		}
		line, _ := dec.InputPos()
		raw, err := readTEIDocument(dec, se)
		if err != nil {
			return &LineError{Path: source, Line: line, Err: err}
		}
		found++
		raw.ID = volume + "-" + xmlID(se)
		raw.Source = source
		if err := emit(raw); err != nil {
			return err
		}
	}
	if found == 0 {
		return fmt.Errorf("extract %s: no <div type=\"document\"> found: not a FRUS TEI volume", source)
	}
	return nil
}

// teiRender accumulates the plain text of one TEI document.
type teiRender struct {
	sb       strings.Builder
	space    bool // a space is owed before the next word
	paraOpen bool // text has been written since the last paragraph break
}

func (t *teiRender) text(s string) {
	if s == "" {
		return
	}
	if isXMLSpace(rune(s[0])) {
		t.space = true
	}
	words := strings.FieldsFunc(s, isXMLSpace)
	for i, w := range words {
		if (i > 0 || t.space) && t.paraOpen {
			t.sb.WriteByte(' ')
		}
		t.sb.WriteString(w)
		t.paraOpen = true
	}
	if len(words) > 0 {
		t.space = isXMLSpace(rune(s[len(s)-1]))
	}
}

func (t *teiRender) para() {
	if t.paraOpen {
		t.sb.WriteString("\n\n")
	}
	t.space, t.paraOpen = false, false
}

func isXMLSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

// readTEIDocument renders the document div whose start tag was just read,
// consuming tokens up to its end tag.
func readTEIDocument(dec *xml.Decoder, div xml.StartElement) (Raw, error) {
	var (
		out             teiRender
		head, dateWords strings.Builder
		when            string
		depth           = 1
		noteDepth       int  // >0 inside a <note>
		inHead, inDate  int  // >0 inside the document's <head> / <dateline>
		headDone        bool // only the first head is the title
	)
	for depth > 0 {
		tok, err := dec.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return Raw{}, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			name := t.Name.Local
			if noteDepth > 0 || name == "note" {
				noteDepth++
				continue
			}
			switch {
			case name == "head" && !headDone:
				inHead++
			case name == "dateline":
				inDate++
			case name == "date" && inDate > 0 && when == "":
				when = attr(t, "when")
			case name == "lb":
				out.text(" ")
			}
			if teiBlocks[name] {
				out.para()
			}
		case xml.EndElement:
			depth--
			if noteDepth > 0 {
				noteDepth--
				continue
			}
			name := t.Name.Local
			switch {
			case name == "head" && inHead > 0:
				if inHead--; inHead == 0 {
					headDone = true
				}
			case name == "dateline" && inDate > 0:
				inDate--
			}
			if teiBlocks[name] {
				out.para()
			}
		case xml.CharData:
			if noteDepth > 0 {
				continue
			}
			s := string(t)
			out.text(s)
			if inHead > 0 {
				head.WriteString(s)
			}
			if inDate > 0 {
				dateWords.WriteString(s)
			}
		}
	}
	text := strings.TrimRight(out.sb.String(), "\n")
	p := readPage(text)
	if title := strings.Join(strings.Fields(head.String()), " "); title != "" {
		p.title = stripDocNumber(title)
	}
	switch {
	case when != "":
		p.date = normaliseDate(when)
	case attr(div, "doc-dateTime-min") != "":
		p.date = normaliseDate(attr(div, "doc-dateTime-min"))
	default:
		if iso, _, _, ok := findDate(dateWords.String()); ok {
			p.date = iso
		}
	}
	return Raw{text: text, page: p, sha256: hexSHA256(p.title, p.date, text)}, nil
}

// stripDocNumber drops the number FRUS prints before a document's title
// ("3. Memorandum of a Conversation" → "Memorandum of a Conversation").
func stripDocNumber(title string) string {
	i := 0
	for i < len(title) && title[i] >= '0' && title[i] <= '9' {
		i++
	}
	if i > 0 && strings.HasPrefix(title[i:], ". ") {
		return title[i+2:]
	}
	return title
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// xmlID is the element's xml:id.
func xmlID(se xml.StartElement) string {
	for _, a := range se.Attr {
		if a.Name.Local == "id" && (a.Name.Space == "xml" || a.Name.Space == "http://www.w3.org/XML/1998/namespace") {
			return a.Value
		}
	}
	return ""
}
