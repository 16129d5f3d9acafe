package extractor

import (
	"reflect"
	"testing"
)

func TestCanonicalRelations(t *testing.T) {
	doc := Document{Date: "1957-07-17", Relations: []Relation{
		{Type: RelMet, Source: "person/b", Target: "person/a", Start: 1, End: 9},
		{Type: RelMet, Source: "person/a", Target: "person/b", Start: 1, End: 9},                       // the same evidence written the other way
		{Type: RelMet, Source: "person/a", Target: "person/a", Start: 1, End: 9},                       // self
		{Type: RelSupports, Source: "state/z", Target: "state/y", Start: 3, End: 7},                    // directed: kept as written
		{Type: RelMet, Source: "person/a", Target: "person/c", Date: "1957-07-16", Start: 10, End: 20}, // own date
	}}
	want := []Relation{
		{Type: RelMet, Source: "person/a", Target: "person/b", Date: "1957-07-17", Start: 1, End: 9},
		{Type: RelSupports, Source: "state/z", Target: "state/y", Date: "1957-07-17", Start: 3, End: 7},
		{Type: RelMet, Source: "person/a", Target: "person/c", Date: "1957-07-16", Start: 10, End: 20},
	}
	if got := doc.CanonicalRelations(); !reflect.DeepEqual(got, want) {
		t.Errorf("CanonicalRelations() =\n%+v\nwant\n%+v", got, want)
	}
	if doc.Relations[0].Source != "person/b" {
		t.Error("CanonicalRelations changed the document's own relations")
	}
}
