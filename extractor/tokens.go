package extractor

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word or punctuation mark of a sentence, located by byte
// offsets into the document's content. Every later stage (dictionary
// matching, rules, relations) works on tokens, so the text is scanned once.
type token struct {
	start, end int
	sent       int    // index of the sentence holding the token
	key        string // lower-cased text with typographic apostrophes folded, for lookups
	word       bool   // letters or digits, as opposed to a punctuation mark
	capital    bool   // first rune is an upper-case letter
	allCaps    bool   // every letter is upper case (and there is at least one)
	spaceAfter bool   // whitespace follows; "En-lai" is three tokens without spaces between them
}

// tokenize appends the tokens of content[start:end] to toks.
//
// A word is a run of letters, digits and marks; an apostrophe between
// letters stays inside it ("O'Donnell", "Ch'en") except the possessive "'s",
// which becomes a token of its own so that "Khrushchev's" still matches
// "Khrushchev". Every other non-space rune is a one-rune punctuation token.
func tokenize(toks []token, content string, start, end, sent int) []token {
	i := start
	for i < end {
		r, size := utf8.DecodeRuneInString(content[i:end])
		if unicode.IsSpace(r) {
			if n := len(toks); n > 0 {
				toks[n-1].spaceAfter = true
			}
			i += size
			continue
		}
		if isWordRune(r) {
			j := i + size
			for j < end {
				r2, s2 := utf8.DecodeRuneInString(content[j:end])
				if isWordRune(r2) {
					j += s2
					continue
				}
				if isApostrophe(r2) && j+s2 < end {
					r3, s3 := utf8.DecodeRuneInString(content[j+s2 : end])
					if !unicode.IsLetter(r3) {
						break
					}
					if (r3 == 's' || r3 == 'S') && !isWordRuneAt(content, j+s2+s3, end) {
						break // possessive: split it off below
					}
					j += s2
					continue
				}
				break
			}
			toks = append(toks, wordToken(content, i, j, sent))
			i = j
			continue
		}
		if isApostrophe(r) && len(toks) > 0 && toks[len(toks)-1].end == i && toks[len(toks)-1].word {
			// possessive "'s" right after a word
			if i+size < end {
				r3, s3 := utf8.DecodeRuneInString(content[i+size : end])
				if (r3 == 's' || r3 == 'S') && !isWordRuneAt(content, i+size+s3, end) {
					toks = append(toks, token{start: i, end: i + size + s3, sent: sent, key: "'s", word: false})
					i += size + s3
					continue
				}
			}
		}
		key := content[i : i+size]
		if isApostrophe(r) {
			key = "'"
		}
		toks = append(toks, token{start: i, end: i + size, sent: sent, key: key})
		i += size
	}
	return toks
}

func wordToken(content string, start, end, sent int) token {
	text := content[start:end]
	t := token{start: start, end: end, sent: sent, word: true}
	first, _ := utf8.DecodeRuneInString(text)
	t.capital = unicode.IsUpper(first)
	t.allCaps = t.capital
	for _, r := range text {
		if unicode.IsLower(r) {
			t.allCaps = false
			break
		}
	}
	t.key = foldKey(text)
	return t
}

// foldKey lower-cases s and replaces typographic apostrophes with ASCII ones,
// the form under which the knowledge base indexes its aliases.
func foldKey(s string) string {
	if strings.ContainsAny(s, "’‘ʼ`") {
		s = strings.NewReplacer("’", "'", "‘", "'", "ʼ", "'", "`", "'").Replace(s)
	}
	return strings.ToLower(s)
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isWordRuneAt(s string, i, end int) bool {
	if i >= end {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:end])
	return isWordRune(r)
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʼ' || r == '‘'
}

// titleCase turns an all-capitals word from a heading ("SOKOLOV") into the
// form used in running text ("Sokolov"); other words are returned unchanged.
func titleCase(w string) string {
	if !isAllCaps(w) {
		return w
	}
	var b strings.Builder
	upperNext := true
	for _, r := range w {
		if upperNext {
			b.WriteRune(r)
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		upperNext = r == '-' || isApostrophe(r)
	}
	return b.String()
}

func isAllCaps(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 1
}
