// The API gives mention and evidence offsets in bytes of the UTF-8 text;
// JavaScript strings count UTF-16 code units. A single map from one to the
// other, built once per document, converts every offset in constant time.

// byteToIndex returns a function that maps a byte offset of text's UTF-8
// encoding to the index of the character holding that byte. An offset past
// the end maps to text.length.
export function byteToIndex(text) {
  const size = new TextEncoder().encode(text).length;
  const map = new Uint32Array(size + 1);
  let b = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i);
    const bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < bytes; k++) map[b + k] = i;
    b += bytes;
    i += cp > 0xffff ? 2 : 1;
  }
  map[size] = text.length;
  return (offset) => (offset >= size ? text.length : offset <= 0 ? 0 : map[offset]);
}

// segments cuts text into runs for rendering: each run knows the entity
// mention covering it (or null) and whether it lies in the highlighted span.
// Mentions that overlap an earlier one are dropped: one word, one colour.
export function segments(text, annotations, highlight) {
  const toIndex = byteToIndex(text);
  const marks = [];
  let lastEnd = 0;
  for (const a of [...annotations].sort((x, y) => x.start - y.start || y.end - x.end)) {
    const start = toIndex(a.start);
    const end = toIndex(a.end);
    if (end <= start || start < lastEnd) continue;
    marks.push({ start, end, annotation: a });
    lastEnd = end;
  }
  const span = highlight ? { start: toIndex(highlight.start), end: toIndex(highlight.end) } : null;
  const cuts = new Set([0, text.length]);
  for (const m of marks) cuts.add(m.start).add(m.end);
  if (span && span.end > span.start) cuts.add(span.start).add(span.end);
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  let mi = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    while (mi < marks.length && marks[mi].end <= start) mi++;
    const mark = mi < marks.length && marks[mi].start <= start ? marks[mi].annotation : null;
    const inSpan = !!span && start >= span.start && end <= span.end && span.end > span.start;
    out.push({ text: text.slice(start, end), annotation: mark, highlighted: inSpan });
  }
  return out;
}
