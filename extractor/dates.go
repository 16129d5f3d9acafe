package extractor

import (
	"fmt"
	"strings"
	"time"
)

var monthNumbers = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

// dateWord is a word of a date expression: a number or a run of letters.
type dateWord struct {
	text       string
	start, end int
	num        int // value when the word is all digits, else -1
}

func dateWords(s string) []dateWord {
	var out []dateWord
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			j := i
			n := 0
			for j < len(s) && s[j] >= '0' && s[j] <= '9' && j-i < 9 {
				n = n*10 + int(s[j]-'0')
				j++
			}
			out = append(out, dateWord{s[i:j], i, j, n})
			i = j
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
			j := i
			for j < len(s) && (s[j] >= 'A' && s[j] <= 'Z' || s[j] >= 'a' && s[j] <= 'z') {
				j++
			}
			// the ordinal ending of "July 17th" belongs to its number
			if n := len(out); n > 0 && out[n-1].num >= 0 && out[n-1].end == i && ordinalSuffix[strings.ToLower(s[i:j])] {
				out[n-1].end = j
			} else {
				out = append(out, dateWord{s[i:j], i, j, -1})
			}
			i = j
		default:
			i++
		}
	}
	return out
}

var ordinalSuffix = map[string]bool{"st": true, "nd": true, "rd": true, "th": true}

// romanMonths are the months as Central European archives write them in
// dates: "5.IV.1958".
var romanMonths = map[string]int{
	"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6,
	"VII": 7, "VIII": 8, "IX": 9, "X": 10, "XI": 11, "XII": 12,
}

func isYear(w dateWord) bool { return w.num >= 1800 && w.num <= 2100 && len(w.text) == 4 }
func isDay(w dateWord) bool  { return w.num >= 1 && w.num <= 31 && len(w.text) <= 2 }

// gapIs reports whether the text between two words is made only of the
// bytes of allowed and holds at least one byte of need.
func gapIs(s string, a, b dateWord, allowed, need string) bool {
	gap := s[a.end:b.start]
	return gap != "" && strings.Trim(gap, allowed) == "" && strings.ContainsAny(gap, need)
}

// numericMonth is the month of "17.07.1957" or "5.IV.1958": a number or a
// Roman numeral between dots.
func numericMonth(s string, day, mon, year dateWord) int {
	if !gapIs(s, day, mon, ". ", ".") || !gapIs(s, mon, year, ". ", ".") {
		return 0
	}
	if mon.num >= 1 && mon.num <= 12 && len(mon.text) <= 2 {
		return mon.num
	}
	return romanMonths[mon.text]
}

func month(w dateWord) int {
	if w.num >= 0 {
		return 0
	}
	return monthNumbers[strings.ToLower(w.text)]
}

// findDate returns the first date expression in s as ISO 8601, as precise as
// written ("1958-04-16", "1958-04"), with its byte range in s. A day without
// a year ("1 March of the current year") is not a date here: without the
// year it cannot be placed.
func findDate(s string) (iso string, start, end int, ok bool) {
	// a calendar-impossible date ("February 30, 1958") is a misprint, not a date
	for off := 0; off < len(s); {
		iso, start, end, ok := firstDate(s[off:])
		if !ok {
			break
		}
		if _, err := time.Parse("2006-01-02", iso); err == nil || len(iso) < len("2006-01-02") {
			return iso, start + off, end + off, true
		}
		off += end
	}
	return "", 0, 0, false
}

// firstDate is findDate without the calendar check.
func firstDate(s string) (iso string, start, end int, ok bool) {
	ws := dateWords(s)
	for i, w := range ws {
		// 1958-04-16
		if isYear(w) && i+2 < len(ws) && w.end < len(s) && s[w.end] == '-' {
			m, d := ws[i+1], ws[i+2]
			if len(m.text) == 2 && m.num >= 1 && m.num <= 12 && len(d.text) == 2 && isDay(d) &&
				m.start == w.end+1 && d.start == m.end+1 && s[m.end] == '-' {
				return fmt.Sprintf("%04d-%02d-%02d", w.num, m.num, d.num), w.start, d.end, true
			}
		}
		// 17 July 1957
		if isDay(w) && i+2 < len(ws) && month(ws[i+1]) > 0 && isYear(ws[i+2]) {
			return fmt.Sprintf("%04d-%02d-%02d", ws[i+2].num, month(ws[i+1]), w.num), w.start, ws[i+2].end, true
		}
		// 17–18 November 1958: a range stands for its first day
		if isDay(w) && i+3 < len(ws) && isDay(ws[i+1]) && gapIs(s, w, ws[i+1], " -–—", "-–—") &&
			month(ws[i+2]) > 0 && isYear(ws[i+3]) {
			return fmt.Sprintf("%04d-%02d-%02d", ws[i+3].num, month(ws[i+2]), w.num), w.start, ws[i+3].end, true
		}
		// 17.07.1957 and 5.IV.1958, day first as in European archives
		if isDay(w) && i+2 < len(ws) && isYear(ws[i+2]) {
			if mo := numericMonth(s, w, ws[i+1], ws[i+2]); mo > 0 {
				return fmt.Sprintf("%04d-%02d-%02d", ws[i+2].num, mo, w.num), w.start, ws[i+2].end, true
			}
		}
		if mo := month(w); mo > 0 && i+1 < len(ws) {
			// July 17, 1957 and the ranges of FRUS datelines: November 17–18, 1958
			if isDay(ws[i+1]) {
				j := i + 2
				if j < len(ws) && isDay(ws[j]) {
					j++
				}
				if j < len(ws) && isYear(ws[j]) {
					return fmt.Sprintf("%04d-%02d-%02d", ws[j].num, mo, ws[i+1].num), w.start, ws[j].end, true
				}
			}
			// ____ April 1958
			if isYear(ws[i+1]) {
				return fmt.Sprintf("%04d-%02d", ws[i+1].num, mo), w.start, ws[i+1].end, true
			}
		}
	}
	return "", 0, 0, false
}

// dateLine reports whether a line is a dateline: it opens with a date and
// says little else ("July 17, 1957", "January 24, 1958—11 a.m.", "____ April 1958").
func dateLine(line string) (string, bool) {
	t := strings.TrimLeft(line, "_ \t")
	for _, lead := range []string{"on ", "On ", "dated ", "Dated "} {
		t = strings.TrimPrefix(t, lead)
	}
	if len(t) > 40 {
		return "", false
	}
	iso, start, _, ok := findDate(t)
	if !ok || start != 0 {
		return "", false
	}
	return iso, true
}

// addDays shifts a full ISO date; partial dates cannot be shifted and are
// returned unchanged, which keeps "yesterday" in a month-dated document at
// the month.
func addDays(iso string, days int) string {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	return t.AddDate(0, 0, days).Format("2006-01-02")
}

// normaliseDate turns a date given as metadata (a JSON field, a TEI
// attribute such as "1958-01-24T18:00:00-05:00") into ISO 8601 as precise as
// it is given, or "" when it holds no date.
func normaliseDate(s string) string {
	s = strings.TrimSpace(s)
	if iso := isoPrefix(s); iso != "" {
		return iso
	}
	if iso, _, _, ok := findDate(s); ok {
		return iso
	}
	return ""
}

// isoPrefix returns the "YYYY", "YYYY-MM" or "YYYY-MM-DD" that s consists of
// or opens a timestamp with, if the parts are valid.
func isoPrefix(s string) string {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(s) < len(layout) {
			continue
		}
		if rest := s[len(layout):]; rest != "" && (layout != "2006-01-02" || rest[0] != 'T') {
			continue
		}
		if _, err := time.Parse(layout, s[:len(layout)]); err == nil {
			return s[:len(layout)]
		}
	}
	return ""
}
