package graph

import (
	"fmt"
	"strconv"
)

// How a period selects evidence.
//
// Evidence keeps the date its document or sentence gave, as precise as that
// was: "1957-07-17", "1965-02" or "1958". A partial date stands for the whole
// month or year it names, and a piece of evidence belongs to a period when
// that span overlaps the period at all: "1958" is inside the period
// 1958-06..1959 and inside 1957-12-20..1958-01-05, "1965-02" is inside
// "1965-02-10" but not inside 1965-03..1965-12. Counting a vague date in
// every period it might belong to keeps evidence visible rather than
// silently dropping it because the archive was imprecise; the price is that
// a year-dated piece shows up in each month of that year.
//
// Comparison stays on the stored strings, so the graph needs no extra
// properties and databases loaded before periods existed answer the same.
// ISO dates sort like the days they name, and a prefix sorts before every
// longer date it starts; so, with the period padded to full dates (From
// "1957" → 1957-01-01, To "1957" → 1957-12-31):
//
//   - the evidence starts no later than the period ends  ⇔  date <= to;
//   - the evidence ends no earlier than the period starts  ⇔  date >= from,
//     or date is a prefix of from (the year or the month the period starts in).
//
// Evidence without a date is outside every bounded period.

// periodBounds is a validated period as query parameters.
type periodBounds struct {
	from       string   // first day, or "" for unbounded
	fromPrefix []string // the year and month of from, which overlap it
	to         string   // last day (days past the month's end are harmless), or ""
}

// bounds checks the period and pads it to full dates.
func (p Period) bounds() (periodBounds, error) {
	var b periodBounds
	if p.From != "" {
		y, m, d, err := parseDate(p.From)
		if err != nil {
			return b, fmt.Errorf("%w: period start %q: %v", ErrInvalid, p.From, err)
		}
		if m == 0 {
			m, d = 1, 1
		} else if d == 0 {
			d = 1
		}
		b.from = fmt.Sprintf("%04d-%02d-%02d", y, m, d)
		b.fromPrefix = []string{b.from[:4], b.from[:7]}
	}
	if p.To != "" {
		y, m, d, err := parseDate(p.To)
		if err != nil {
			return b, fmt.Errorf("%w: period end %q: %v", ErrInvalid, p.To, err)
		}
		if m == 0 {
			m = 12
		}
		if d == 0 {
			d = 31
		}
		b.to = fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	}
	if b.from != "" && b.to != "" && b.from > b.to {
		return b, fmt.Errorf("%w: period %s–%s is empty", ErrInvalid, p.From, p.To)
	}
	if b.fromPrefix == nil {
		b.fromPrefix = []string{}
	}
	return b, nil
}

// params adds the period's parameters, read by periodPredicate.
func (b periodBounds) params(m map[string]any) map[string]any {
	m["periodFrom"] = b.from
	m["periodFromPrefix"] = b.fromPrefix
	m["periodTo"] = b.to
	return m
}

// periodPredicate is the Cypher condition that the date property of v (a
// relationship or document variable named by this package, never by
// input) lies in the period given by periodBounds.params.
func periodPredicate(v string) string {
	return "(($periodFrom = '' OR " + v + ".date >= $periodFrom OR " + v + ".date IN $periodFromPrefix)" +
		" AND ($periodTo = '' OR " + v + ".date <= $periodTo))"
}

// parseDate reads "YYYY", "YYYY-MM" or "YYYY-MM-DD"; missing parts are 0.
func parseDate(s string) (year, month, day int, err error) {
	num := func(part string, lo, hi int, what string) (int, error) {
		n, err := strconv.Atoi(part)
		if err != nil || part[0] == '+' || part[0] == '-' || n < lo || n > hi {
			return 0, fmt.Errorf("%s %q out of range", what, part)
		}
		return n, nil
	}
	switch len(s) {
	case 4, 7, 10:
	default:
		return 0, 0, 0, fmt.Errorf("want YYYY, YYYY-MM or YYYY-MM-DD")
	}
	if year, err = num(s[:4], 1, 9999, "year"); err != nil {
		return 0, 0, 0, err
	}
	if len(s) >= 7 {
		if s[4] != '-' {
			return 0, 0, 0, fmt.Errorf("want YYYY-MM")
		}
		if month, err = num(s[5:7], 1, 12, "month"); err != nil {
			return 0, 0, 0, err
		}
	}
	if len(s) == 10 {
		if s[7] != '-' {
			return 0, 0, 0, fmt.Errorf("want YYYY-MM-DD")
		}
		if day, err = num(s[8:10], 1, daysIn(year, month), "day"); err != nil {
			return 0, 0, 0, err
		}
	}
	return year, month, day, nil
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// yearPredicate is the older filter by the year of the evidence ($fromYear,
// $toYear; 0 = open), kept beside the period while callers move over: both
// apply.
func yearPredicate(v string) string {
	return "(($fromYear = 0 OR " + v + ".year >= $fromYear) AND ($toYear = 0 OR " + v + ".year <= $toYear))"
}
