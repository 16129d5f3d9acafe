// A small, strict XML reader for checking exports: it insists on
// well-formedness (every tag closed in order, attributes quoted) and returns
// the element tree. Enough for GraphML and GEXF; no DTDs, no namespaces
// resolution.

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function unescape(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    if (!(e in ENTITIES)) throw new Error(`xml: unknown entity ${m}`);
    return ENTITIES[e];
  });
}

export function parseXML(text) {
  const root = { name: "#document", attributes: {}, children: [], text: "" };
  const stack = [root];
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g;
  let at = 0;
  let m;
  while ((m = tag.exec(text))) {
    const between = text.slice(at, m.index);
    if (between.includes("<")) throw new Error(`xml: malformed markup near offset ${at}: ${between.slice(0, 60)}`);
    stack[stack.length - 1].text += unescape(between);
    at = tag.lastIndex;
    if (!m[2]) continue; // declaration or comment
    const [, closing, name, attrs, selfClosing] = m;
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`xml: </${name}> closes <${open && open.name}>`);
      continue;
    }
    const attributes = {};
    for (const a of attrs.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      if (a[1] in attributes) throw new Error(`xml: attribute ${a[1]} repeated on <${name}>`);
      attributes[a[1]] = unescape(a[2] ?? a[3]);
    }
    const el = { name, attributes, children: [], text: "" };
    stack[stack.length - 1].children.push(el);
    if (!selfClosing) stack.push(el);
  }
  if (text.slice(at).trim()) throw new Error("xml: text after the last tag");
  if (stack.length !== 1) throw new Error(`xml: <${stack[stack.length - 1].name}> is never closed`);
  if (root.children.length !== 1) throw new Error(`xml: ${root.children.length} root elements`);
  return root.children[0];
}

// all returns every descendant element with the given name.
export function all(el, name) {
  const out = [];
  for (const c of el.children) {
    if (c.name === name) out.push(c);
    out.push(...all(c, name));
  }
  return out;
}
