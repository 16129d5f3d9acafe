package extractor

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html"
)

// HTML elements whose content is never document text: code, styling, and
// the furniture of web pages (menus, page headers and footers, forms).
var htmlSkipped = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "head": true,
	"nav": true, "header": true, "footer": true, "aside": true, "form": true,
	"button": true, "select": true, "iframe": true, "svg": true, "object": true,
}

// HTML elements that sit inside a line of text. Every other tag ends a line,
// which is what readPage needs to tell a title or a dateline from the body.
var htmlInline = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true,
	"code": true, "data": true, "del": true, "dfn": true, "em": true, "font": true,
	"i": true, "ins": true, "kbd": true, "mark": true, "q": true, "s": true,
	"samp": true, "small": true, "span": true, "strong": true, "sub": true,
	"sup": true, "time": true, "u": true, "var": true, "wbr": true,
}

// readHTML reads an .html page as one document. The text analysed has tags
// dropped and entity references decoded; offsets are mapped back to the
// file, so that mention texts and evidence are the file's own bytes (an
// "&amp;" in a name stays "&amp;" there, while the entity's name is decoded).
func readHTML(source string, r io.Reader, emit func(Raw) error) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("extract %s: %w", source, err)
	}
	file := string(b)
	text, o, title := htmlText(file)
	p := readPage(text)
	if p.title == "" {
		p.title = title
		if p.date == "" {
			if iso, _, _, ok := findDate(title); ok {
				p.date = iso
			}
		}
	}
	return emit(Raw{
		ID: baseID(source), Source: source,
		text: text, page: p, sha256: hexSHA256(file), origin: o,
	})
}

// htmlText derives the readable text of an HTML page, with the map back to
// the page's bytes, and the text of its <title> element (with any " | site
// name" tail removed).
func htmlText(file string) (string, *origin, string) {
	z := html.NewTokenizer(strings.NewReader(file))
	var (
		sb              strings.Builder
		o               = &origin{file: file}
		title           strings.Builder
		at              int
		skipping        string // the skipped element we are inside, or ""
		depth, pre      int
		inTitle, broken bool
	)
	for !broken {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		start := at
		at += len(z.Raw())
		if at > len(file) { // cannot happen with a well-behaved tokenizer; never slice past the file
			broken = true
			at = len(file)
		}
		switch tt {
		case html.TextToken:
			if inTitle {
				title.WriteString(html.UnescapeString(file[start:at]))
				continue
			}
			if skipping == "" {
				decodeHTMLText(&sb, o, file[start:at], start, pre > 0)
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if tag == "title" {
				inTitle = tt == html.StartTagToken
			}
			if skipping != "" {
				if tag == skipping && tt == html.StartTagToken {
					depth++
				} else if tag == skipping && tt == html.EndTagToken {
					if depth--; depth == 0 {
						skipping = ""
					}
				}
				continue
			}
			if htmlSkipped[tag] && tt == html.StartTagToken {
				skipping, depth = tag, 1
				continue
			}
			if tag == "pre" && tt == html.StartTagToken {
				pre++
			} else if tag == "pre" && tt == html.EndTagToken && pre > 0 {
				pre--
			}
			if !htmlInline[tag] {
				o.add(sb.Len(), start, 1, at-start, false)
				sb.WriteByte('\n')
			}
		}
	}
	t := strings.Join(strings.Fields(title.String()), " ")
	if i := strings.Index(t, " | "); i > 0 {
		t = t[:i]
	}
	return sb.String(), o, t
}

// decodeHTMLText appends the text s, found at fileAt in the file, decoding
// entity references. Outside <pre>, line breaks become spaces: source lines
// of HTML are not lines of the document.
func decodeHTMLText(sb *strings.Builder, o *origin, s string, fileAt int, keepLines bool) {
	copyRun := func(from, to int) {
		if from == to {
			return
		}
		o.add(sb.Len(), fileAt+from, to-from, to-from, true)
		run := s[from:to]
		if !keepLines {
			run = strings.NewReplacer("\n", " ", "\r", " ").Replace(run)
		}
		sb.WriteString(run)
	}
	runStart := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '&' {
			continue
		}
		n := entityLen(s[i:])
		if n == 0 {
			continue
		}
		dec := html.UnescapeString(s[i : i+n])
		if dec == s[i:i+n] {
			continue
		}
		if !keepLines {
			dec = strings.NewReplacer("\n", " ", "\r", " ").Replace(dec)
		}
		copyRun(runStart, i)
		o.add(sb.Len(), fileAt+i, len(dec), n, false)
		sb.WriteString(dec)
		i += n - 1
		runStart = i + 1
	}
	copyRun(runStart, len(s))
}

// entityLen returns the length of the character reference s starts with
// ("&amp;", "&#8217;", a legacy "&amp" without its semicolon), or 0.
func entityLen(s string) int {
	i := 1
	for i < len(s) && i < 40 {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '#' {
			i++
			continue
		}
		if c == ';' {
			return i + 1
		}
		break
	}
	if i == 1 {
		return 0
	}
	return i
}
