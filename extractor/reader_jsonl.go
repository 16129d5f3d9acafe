package extractor

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// maxJSONLine bounds one line of a JSON-lines file: a line longer than this
// is reported and skipped instead of being held in memory.
const maxJSONLine = 64 << 20

// jsonDocument is one line of a JSON-lines file. Only "text" is required.
type jsonDocument struct {
	ID             string  `json:"id"`
	Title          string  `json:"title"`
	Date           string  `json:"date"`
	Text           *string `json:"text"`
	Citation       string  `json:"citation"`
	Classification string  `json:"classification"`
	Translator     string  `json:"translator"`
	RecordID       string  `json:"record_id"`
}

// readJSONL reads one document per line of a .jsonl file, streaming. Offsets
// are into the value of the line's "text" field, as decoded. Metadata given
// on the line wins over what the reader finds in the text. A line that is
// not such an object is reported with its number and the file goes on.
func readJSONL(source string, r io.Reader, emit func(Raw) error) error {
	br := bufio.NewReaderSize(r, 1<<16)
	bad := lineErrors{path: source}
	for line := 1; ; line++ {
		b, tooLong, err := readLine(br)
		if err != nil && !errors.Is(err, io.EOF) {
			return errors.Join(bad.err(), fmt.Errorf("extract %s:%d: %w", source, line, err))
		}
		if tooLong {
			bad.add(line, fmt.Errorf("line longer than %d bytes", maxJSONLine))
		} else if len(trimJSONSpace(b)) > 0 {
			raw, perr := parseJSONDocument(source, line, b)
			if perr != nil {
				bad.add(line, perr)
			} else if eerr := emit(raw); eerr != nil {
				return eerr
			}
		}
		if err != nil { // io.EOF
			return bad.err()
		}
	}
}

func parseJSONDocument(source string, line int, b []byte) (Raw, error) {
	var d jsonDocument
	if err := json.Unmarshal(b, &d); err != nil {
		return Raw{}, err
	}
	if d.Text == nil {
		return Raw{}, errors.New(`no "text" field`)
	}
	text := *d.Text
	p := readPage(text)
	if d.Title != "" {
		p.title = d.Title
	}
	if d.Date != "" {
		p.date = normaliseDate(d.Date)
	}
	for _, f := range []struct {
		to   *string
		from string
	}{
		{&p.citation, d.Citation}, {&p.classification, d.Classification},
		{&p.translator, d.Translator}, {&p.recordID, d.RecordID},
	} {
		if f.from != "" {
			*f.to = f.from
		}
	}
	id := d.ID
	if id == "" {
		id = baseID(source) + "-" + strconv.Itoa(line)
	}
	return Raw{ID: id, Source: source, text: text, page: p, sha256: hexSHA256(string(b))}, nil
}

// readLine returns the next line without its end. A line over maxJSONLine is
// consumed and reported as too long rather than returned.
func readLine(br *bufio.Reader) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(line)+len(chunk) > maxJSONLine {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return line, tooLong, err
	}
}

func trimJSONSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r' || b[0] == '\n') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '\r' || b[len(b)-1] == '\n') {
		b = b[:len(b)-1]
	}
	return b
}
