package extractor

import "sort"

// origin maps byte offsets of a text derived from a file (tags dropped,
// entity references decoded) back to the file's own bytes, so that the
// offsets of the extract contract point into the file as it is.
type origin struct {
	file   string  // the file's content
	pieces []piece // in text order, covering the text without gaps
}

// piece is a run of the derived text and the bytes of the file it came
// from. A copied piece has the same length in both and maps byte for byte;
// any other (a decoded "&amp;", a line break standing for a tag) maps as a
// whole.
type piece struct {
	text, file int // start offsets
	textLen    int
	fileLen    int
	copied     bool
}

// add appends a piece; adjacent copied pieces merge to keep the list short.
func (o *origin) add(textAt, fileAt, textLen, fileLen int, copied bool) {
	if textLen == 0 {
		return
	}
	if n := len(o.pieces); n > 0 && copied {
		last := &o.pieces[n-1]
		if last.copied && last.text+last.textLen == textAt && last.file+last.fileLen == fileAt {
			last.textLen += textLen
			last.fileLen += fileLen
			return
		}
	}
	o.pieces = append(o.pieces, piece{textAt, fileAt, textLen, fileLen, copied})
}

// find returns the piece holding text offset at.
func (o *origin) find(at int) piece {
	i := sort.Search(len(o.pieces), func(i int) bool { return o.pieces[i].text > at }) - 1
	if i < 0 {
		i = 0
	}
	return o.pieces[i]
}

// start maps the start of a range.
func (o *origin) start(at int) int {
	if len(o.pieces) == 0 {
		return 0
	}
	p := o.find(at)
	if p.copied {
		return p.file + min(at-p.text, p.fileLen)
	}
	return p.file
}

// end maps the (exclusive) end of a range.
func (o *origin) end(at int) int {
	if len(o.pieces) == 0 || at == 0 {
		return o.start(at)
	}
	p := o.find(at - 1)
	if p.copied {
		return p.file + min(at-p.text, p.fileLen)
	}
	return p.file + p.fileLen
}

// remap moves the offsets of doc from the derived text into the file and
// takes mention texts and evidence from the file, so that they are exactly
// what content[start:end] holds there. Names and aliases keep the decoded
// form.
func (o *origin) remap(doc *Document) {
	for i := range doc.Entities {
		ms := doc.Entities[i].Mentions
		for j := range ms {
			ms[j].Start, ms[j].End = o.start(ms[j].Start), o.end(ms[j].End)
			ms[j].Text = o.file[ms[j].Start:ms[j].End]
		}
	}
	for i := range doc.Relations {
		r := &doc.Relations[i]
		r.Start, r.End = o.start(r.Start), o.end(r.End)
		r.Evidence = o.file[r.Start:r.End]
	}
	doc.Text = o.file
}
