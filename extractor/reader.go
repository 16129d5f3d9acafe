package extractor

import (
	"strings"
	"unicode/utf8"
)

// span is a byte range [start, end) of a document's content.
type span struct{ start, end int }

// page is what the reader learns about a plain-text document before any
// entity is looked for: its metadata and the regions that hold the
// document's own text. Regions exclude the archive's web furniture, so that
// no donor, translator or navigation link becomes a historical actor.
type page struct {
	title, date, classification, citation, translator, recordID string

	regions []span // body lines (and the title), in content order
	// titleRegion is the region holding the title, or -1. Conversation
	// records name their principals there.
	titleRegion int
}

// boilerplate lines of archive web pages, compared after trimming.
var boilerplateLines = map[string]bool{
	"skip to content": true,
	"search in":       true,
	"digital archive international history declassified": true,
	"get citation":   true,
	"share document": true,
	"english html":   true,
	"citation":       true,
	"to address":     true,
	"to file":        true,
	"english pdf":    true,
	"original scan":  true,
	"download":       true,
	// buttons of archive pages that survive when a page is saved as text or
	// its HTML keeps them outside <nav> and <button>
	"print":             true,
	"email":             true,
	"copy citation":     true,
	"back to top":       true,
	"download pdf":      true,
	"related documents": true,
}

var boilerplatePrefixes = []string{
	"this document was made possible with support from",
	"this document was made possible by",
	"made possible with support from",
}

// Keys of the "Document Information" trailer of archive pages.
var trailerKeys = map[string]bool{
	"source": true, "rights": true, "original uploaded date": true, "language": true,
	"record id": true, "original classification": true, "donors": true,
	"original language": true, "subjects discussed": true, "associated people & organizations": true,
	"associated places": true, "keywords": true, "document type": true, "people": true,
}

var classificationWords = []string{
	"top secret", "strictly secret", "strictly confidential", "secret", "confidential", "restricted",
}

// readPage splits a plain-text or Markdown document into metadata and body.
func readPage(content string) page {
	p := page{titleRegion: -1}
	var (
		inTrailer, inCitation bool
		trailerKey            string
		trailerClass          string
		citationTitle         span
		firstBody             = -1
	)
	for start := 0; start < len(content); {
		end := strings.IndexByte(content[start:], '\n')
		if end < 0 {
			end = len(content)
		} else {
			end += start
		}
		ls, le := trimSpan(content, start, end)
		start = end + 1
		if ls == le {
			continue
		}
		line := content[ls:le]
		lower := strings.ToLower(strings.TrimLeft(line, "•*-–# \t"))

		if inTrailer {
			if trailerKeys[lower] {
				trailerKey = lower
				continue
			}
			switch trailerKey {
			case "source":
				if p.citation == "" {
					p.citation = line
				}
			case "record id":
				if p.recordID == "" {
					p.recordID = line
				}
			case "original classification":
				if trailerClass == "" {
					trailerClass = line
				}
			}
			trailerKey = ""
			continue
		}
		if lower == "document information" {
			inTrailer = true
			continue
		}
		if lower == "get citation" {
			inCitation = true
			continue
		}
		if lower == "share document" {
			inCitation = false
			continue
		}
		if inCitation {
			// The citation block holds the archive's summary and then the
			// citation proper, which starts with the quoted title.
			if q := quotedTitle(content, ls, le); q.end > q.start {
				p.citation = line
				citationTitle = q
			}
			continue
		}
		if isBoilerplate(lower) {
			continue
		}
		if p.date == "" {
			if iso, ok := dateLine(line); ok {
				p.date = iso
				continue
			}
		} else if _, ok := dateLine(line); ok {
			continue // a second dateline ("____ April 1958") is not text either
		}
		if c := classificationOf(line); c != "" {
			if p.classification == "" {
				p.classification = c
			}
			continue
		}
		if strings.HasPrefix(lower, "translated ") && strings.Contains(lower, " by ") && len(line) < 200 {
			p.translator = translatorIn(line)
			continue
		}
		if firstBody < 0 {
			firstBody = len(p.regions)
		}
		p.regions = append(p.regions, span{ls, le})
	}

	if p.classification == "" {
		p.classification = trailerClass
	}
	if p.translator == "" {
		p.translator = translatorIn(p.citation)
	}
	switch {
	case citationTitle.end > citationTitle.start:
		p.title = content[citationTitle.start:citationTitle.end]
		// The title is the one place that names the addressee of a
		// telegram, so it is read like body text, ahead of the body.
		p.regions = append([]span{citationTitle}, p.regions...)
		p.titleRegion = 0
	case firstBody >= 0:
		r := p.regions[firstBody]
		if r.end-r.start <= 300 {
			p.title = strings.TrimSpace(strings.TrimLeft(content[r.start:r.end], "# "))
			p.titleRegion = firstBody
		}
	}
	if p.date == "" {
		if iso, _, _, ok := findDate(p.title); ok {
			p.date = iso
		}
	}
	return p
}

func trimSpan(s string, start, end int) (int, int) {
	for start < end {
		r, size := utf8.DecodeRuneInString(s[start:end])
		if !isBlank(r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(s[start:end])
		if !isBlank(r) {
			break
		}
		end -= size
	}
	return start, end
}

func isBlank(r rune) bool {
	return r == ' ' || r == '\t' || r == '\r' || r == '\u00a0' || r == '\ufeff' || r == '\u200b'
}

func isBoilerplate(lower string) bool {
	if boilerplateLines[lower] {
		return true
	}
	for _, p := range boilerplatePrefixes {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	return false
}

// quotedTitle finds the title at the head of an archive citation:
// `"Telegram to the USSR Ambassador …," April 16, 1958, …`.
func quotedTitle(content string, ls, le int) span {
	line := content[ls:le]
	if !strings.Contains(line, "Digital Archive") && !strings.Contains(line, "History and Public Policy Program") {
		return span{}
	}
	open := ""
	for _, q := range []string{"\"", "“"} {
		if strings.HasPrefix(line, q) {
			open = q
		}
	}
	if open == "" {
		return span{}
	}
	rest := line[len(open):]
	closeAt := strings.IndexAny(rest, "\"”")
	if closeAt <= 0 {
		return span{}
	}
	t := strings.TrimRight(rest[:closeAt], ", ")
	s := ls + len(open)
	return span{s, s + len(t)}
}

// classificationOf returns the security classification a line opens with
// ("SECRET. Only copy" → "SECRET"), or "".
func classificationOf(line string) string {
	if len(line) > 60 {
		return ""
	}
	lower := strings.ToLower(line)
	for _, w := range classificationWords {
		if !strings.HasPrefix(lower, w) {
			continue
		}
		rest := line[len(w):]
		if rest == "" || strings.IndexAny(rest[:1], ".,;:/ ") == 0 {
			return line[:len(w)]
		}
	}
	return ""
}

// translatorIn finds "translated by X", "Translated from German by X" or
// "Translated for CWIHP by X" in a citation.
func translatorIn(s string) string {
	lower := strings.ToLower(s)
	i := strings.Index(lower, "translated")
	if i < 0 {
		return ""
	}
	j := strings.Index(lower[i:], " by ")
	if j < 0 || j > 60 {
		return ""
	}
	name := s[i+j+len(" by "):]
	if k := strings.IndexAny(name, ".,;()[]"); k >= 0 {
		// keep initials such as "J. Smith": a period after one letter is not the end
		for k >= 0 && k < len(name) && name[k] == '.' && k >= 1 && (k == 1 || name[k-2] == ' ') {
			next := strings.IndexAny(name[k+1:], ".,;()[]")
			if next < 0 {
				k = len(name)
				break
			}
			k += 1 + next
		}
		if k < len(name) {
			name = name[:k]
		}
	}
	return strings.TrimSpace(name)
}
