package extractor

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Abbreviations after which a period does not end a sentence. Single
// letters (initials: "N. S. Khrushchev", "U.S.") are handled separately.
var abbreviations = map[string]bool{
	"cde": true, "cdes": true, "mr": true, "mrs": true, "ms": true, "messrs": true, "dr": true,
	"gen": true, "lt": true, "col": true, "capt": true, "maj": true, "adm": true, "brig": true,
	"sgt": true, "gov": true, "sen": true, "rep": true, "amb": true, "prof": true, "rev": true,
	"mme": true, "st": true, "no": true, "nos": true, "vs": true, "jr": true, "sr": true,
	"op": true, "ll": true, "pp": true, "vol": true, "fig": true, "ref": true, "cf": true,
	"approx": true, "dept": true, "sec": true, "secy": true, "messers": true, "ibid": true,
	"jan": true, "feb": true, "aug": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"etc": false, // "etc." usually ends a sentence when the next word is capitalised
}

// splitSentences cuts every region at line ends (a region is one line) and
// after '.', '!' or '?' when the next word starts like a sentence and the
// word before the period is not an abbreviation or an initial.
func splitSentences(content string, regions []span) []span {
	var out []span
	for _, r := range regions {
		start := r.start
		for i := r.start; i < r.end; {
			c := content[i]
			if c != '.' && c != '!' && c != '?' {
				i++
				continue
			}
			j := i + 1
			// closing quotes and brackets belong to the sentence they close
			for j < r.end && strings.IndexByte("\"')]", content[j]) >= 0 {
				j++
			}
			for _, q := range []string{"”", "’"} {
				if strings.HasPrefix(content[j:r.end], q) {
					j += len(q)
				}
			}
			if j >= r.end {
				break
			}
			if !isSpaceAt(content, j, r.end) || (c == '.' && !periodEnds(content, r.start, i)) {
				i = j
				continue
			}
			k := j
			for k < r.end {
				rr, size := utf8.DecodeRuneInString(content[k:r.end])
				if !unicode.IsSpace(rr) && !isBlank(rr) {
					break
				}
				k += size
			}
			if k < r.end && startsSentence(content[k:r.end]) {
				out = appendTrimmed(out, content, start, j)
				start = k
			}
			i = k
		}
		out = appendTrimmed(out, content, start, r.end)
	}
	return out
}

func appendTrimmed(out []span, content string, s, e int) []span {
	s, e = trimSpan(content, s, e)
	if s < e {
		out = append(out, span{s, e})
	}
	return out
}

func isSpaceAt(s string, i, end int) bool {
	if i >= end {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:end])
	return unicode.IsSpace(r) || isBlank(r)
}

// periodEnds reports whether the period at content[dot] can end a sentence:
// not after an abbreviation or a single capital letter.
func periodEnds(content string, regionStart, dot int) bool {
	w := dot
	for w > regionStart {
		r, size := utf8.DecodeLastRuneInString(content[regionStart:w])
		if !unicode.IsLetter(r) {
			break
		}
		w -= size
	}
	word := content[w:dot]
	if word == "" {
		// "3. Memorandum of a Conversation": a heading's number
		if strings.TrimLeft(content[regionStart:dot], "0123456789") == "" {
			return false
		}
		return true
	}
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return !unicode.IsUpper(r)
	}
	return !abbreviations[strings.ToLower(word)]
}

func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"“‘'([", r)
}
