package graph

import "testing"

func TestLuceneQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Khrushchev", "+(khrushchev^4 OR khrushchev*^2 OR khrushchev~2)"},
		{"Mao", "+(mao^4 OR mao*^2)"},
		{"Ho Chi Minh", "+(chi^4 OR chi*^2) +(minh^4 OR minh*^2) (ho^4 OR ho*^2)"},
		{"N.S. Khrushchev", "+(khrushchev^4 OR khrushchev*^2 OR khrushchev~2) (n.s^4 OR n.s*^2)"},
		{"Mao Tse-tung", "+(mao^4 OR mao*^2) +(tse^4 OR tse*^2) +(tung^4 OR tung*^2)"},
		{`a:b (c) "d" ~e* AND`, "+(and^4 OR and*^2) (a^4 OR a*^2) (b^4 OR b*^2) (c^4 OR c*^2) (d^4 OR d*^2) (e^4 OR e*^2)"},
		{"!!! ..", ""},
		{"Lê Duẩn", "+(duẩn^4 OR duẩn*^2) (lê^4 OR lê*^2)"},
	}
	for _, tt := range tests {
		if got := luceneQuery(tt.in); got != tt.want {
			t.Errorf("luceneQuery(%q) =\n  %s\nwant\n  %s", tt.in, got, tt.want)
		}
	}
}

func TestEscapeLucene(t *testing.T) {
	if got, want := escapeLucene(`a+b-c&&d||e!(f){g}[h]^i"j~k*l?m:n\o/p`), `a\+b\-c\&\&d\|\|e\!\(f\)\{g\}\[h\]\^i\"j\~k\*l\?m\:n\\o\/p`; got != want {
		t.Errorf("escapeLucene = %s, want %s", got, want)
	}
}
