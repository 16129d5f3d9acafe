package graph

import (
	"errors"
	"testing"
)

func TestPeriodBounds(t *testing.T) {
	tests := []struct {
		name     string
		p        Period
		from, to string
		prefix   []string
		invalid  bool
	}{
		{name: "open", p: Period{}, prefix: []string{}},
		{name: "year", p: Period{From: "1957", To: "1957"}, from: "1957-01-01", to: "1957-12-31", prefix: []string{"1957", "1957-01"}},
		{name: "month", p: Period{From: "1965-02", To: "1965-02"}, from: "1965-02-01", to: "1965-02-31", prefix: []string{"1965", "1965-02"}},
		{name: "day", p: Period{From: "1958-04-16", To: "1960-05-02"}, from: "1958-04-16", to: "1960-05-02", prefix: []string{"1958", "1958-04"}},
		{name: "leap day", p: Period{From: "1960-02-29"}, from: "1960-02-29", prefix: []string{"1960", "1960-02"}},
		{name: "no leap day", p: Period{From: "1961-02-29"}, invalid: true},
		{name: "reversed", p: Period{From: "1965", To: "1957"}, invalid: true},
		{name: "same month, reversed days", p: Period{From: "1965-02-10", To: "1965-02-09"}, invalid: true},
		{name: "month 13", p: Period{To: "1965-13"}, invalid: true},
		{name: "words", p: Period{From: "July 1957"}, invalid: true},
		{name: "signed", p: Period{From: "+957"}, invalid: true},
		{name: "slashes", p: Period{From: "1957/07"}, invalid: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.p.bounds()
			if tt.invalid {
				if !errors.Is(err, ErrInvalid) {
					t.Errorf("%+v.bounds() error = %v, want ErrInvalid", tt.p, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("%+v.bounds(): %v", tt.p, err)
			}
			if b.from != tt.from || b.to != tt.to || len(b.fromPrefix) != len(tt.prefix) {
				t.Fatalf("%+v.bounds() = %+v, want from %q to %q prefixes %q", tt.p, b, tt.from, tt.to, tt.prefix)
			}
			for i := range tt.prefix {
				if b.fromPrefix[i] != tt.prefix[i] {
					t.Errorf("%+v.bounds() prefixes = %q, want %q", tt.p, b.fromPrefix, tt.prefix)
				}
			}
		})
	}
}

// TestPeriodOverlap checks, in Go, the comparison periodPredicate makes in
// Cypher: a partial date is inside a period when its span overlaps it.
func TestPeriodOverlap(t *testing.T) {
	inside := func(date string, b periodBounds) bool {
		if date == "" {
			return b.from == "" && b.to == ""
		}
		afterStart := b.from == "" || date >= b.from
		for _, p := range b.fromPrefix {
			afterStart = afterStart || date == p
		}
		return afterStart && (b.to == "" || date <= b.to)
	}
	tests := []struct {
		date string
		p    Period
		want bool
	}{
		{"1958", Period{From: "1958-06", To: "1959"}, true},
		{"1958", Period{From: "1957-12-20", To: "1958-01-05"}, true},
		{"1958", Period{From: "1959"}, false},
		{"1958", Period{To: "1957-12-31"}, false},
		{"1965-02", Period{From: "1965-02-10", To: "1965-02-10"}, true},
		{"1965-02", Period{From: "1965-03", To: "1965-12"}, false},
		{"1965-02", Period{From: "1964", To: "1965-01-31"}, false},
		{"1957-07-17", Period{From: "1957", To: "1957"}, true},
		{"1957-07-17", Period{From: "1957-07-18"}, false},
		{"1957-12-31", Period{To: "1957"}, true},
		{"", Period{From: "1957"}, false},
		{"", Period{}, true},
	}
	for _, tt := range tests {
		b, err := tt.p.bounds()
		if err != nil {
			t.Fatalf("%+v.bounds(): %v", tt.p, err)
		}
		if got := inside(tt.date, b); got != tt.want {
			t.Errorf("%q inside %+v = %v, want %v", tt.date, tt.p, got, tt.want)
		}
	}
}
