// The side panel: what the analyst reads. Each view is a function that
// fetches what it needs and returns the elements to show; main.js decides
// which view is open and keeps the URL in step.

import { getJSON, idPath } from "./api.js";
import { h, plural } from "./dom.js";
import { segments } from "./offsets.js";
import { RELATION_STYLES, TYPE_COLORS, relationLabel } from "./styles.js";

function typeChip(type) {
  return h("span", { class: "chip" }, h("span", { class: "dot", style: { background: TYPE_COLORS[type] || "#555" } }), type);
}

function relationChip(rel) {
  const style = RELATION_STYLES[rel] || RELATION_STYLES.CO_MENTIONED;
  return h("span", { class: "chip", title: rel }, h("span", { class: "swatch", style: { background: style.color } }), style.label);
}

function dateText(date) {
  return date || "undated";
}

// evidenceItem shows one sentence with where it comes from; the title opens
// the document with the sentence highlighted.
function evidenceItem(app, ev) {
  return h(
    "blockquote",
    { class: "evidence" },
    h("q", {}, ev.sentence),
    h(
      "div",
      { class: "src" },
      dateText(ev.date),
      ev.role ? ` · as ${ev.role}` : "",
      " · ",
      h("button", { type: "button", class: "link", onclick: () => app.openDocument(ev.document_id, { start: ev.start, end: ev.end }) }, ev.title || ev.document_id),
    ),
  );
}

export async function entityView(app, id, signal) {
  const p = app.period();
  const [entity, neighbours] = await Promise.all([
    getJSON(`/entities/${idPath(id)}`, {}, { what: "this entity", signal }),
    getJSON(`/entities/${idPath(id)}/neighbors`, { ...p, limit: 40 }, { what: "its relations", signal }),
  ]);
  const parts = [
    h("h2", {}, entity.name),
    h("p", { class: "sub" }, typeChip(entity.type), " ", `${plural(entity.mention_count, "mention")} in ${plural(entity.document_count, "document")}`),
    entity.aliases.length ? h("p", { class: "sub" }, "Also: ", entity.aliases.join(", ")) : null,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", onclick: () => app.expand(id) }, "Expand neighbours"),
      entity.type === "Person" ? h("button", { type: "button", onclick: () => app.openMeetings(id) }, "Meetings") : null,
      h("button", { type: "button", onclick: () => app.centerOn(id) }, "Centre"),
    ),
    h("h3", {}, `Relations, ${app.periodLabel()}`),
  ];
  if (!neighbours.items.length) parts.push(h("p", { class: "hint" }, "No relation in this period."));
  const list = h("ul");
  for (const n of neighbours.items) {
    list.append(
      h(
        "li",
        { class: "relation" },
        h(
          "div",
          { class: "head" },
          relationChip(n.relation),
          h("button", { type: "button", class: "link", onclick: () => app.selectNode(n.entity.id) }, n.entity.name),
          h("span", { class: "weight" }, `${plural(n.weight, "time")}, ${plural(n.document_count, "document")}`),
        ),
        n.evidence.slice(0, 2).map((ev) => evidenceItem(app, ev)),
      ),
    );
  }
  parts.push(list);
  parts.push(h("h3", {}, "Documents"));
  const docs = h("ul");
  for (const d of entity.documents) {
    docs.append(
      h(
        "li",
        { class: "relation" },
        h("button", { type: "button", class: "link", onclick: () => app.openDocument(d.id) }, d.title || d.id),
        h("div", { class: "sub" }, `${dateText(d.date)} · ${plural(d.count, "mention")}`),
      ),
    );
  }
  parts.push(docs);
  return parts;
}

// edgeView explains one line of the canvas. Meetings come from /meetings,
// which lists every one; other relations from the source's neighbourhood,
// which carries the strongest few sentences.
export async function edgeView(app, edge, signal) {
  const { source, target, attributes: a } = edge;
  const p = app.period();
  const names = [app.nodeName(source), app.nodeName(target)];
  const parts = [
    h("h2", {}, `${names[0]} ${relationLabel(a.type)} ${names[1]}`),
    h(
      "p",
      { class: "sub" },
      relationChip(a.type),
      " ",
      `${plural(a.weight, "piece")} of evidence in ${plural(a.document_count, "document")}`,
      a.first_date ? `, ${a.first_date}${a.last_date && a.last_date !== a.first_date ? " to " + a.last_date : ""}` : "",
    ),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", onclick: () => app.selectNode(source) }, names[0]),
      h("button", { type: "button", onclick: () => app.selectNode(target) }, names[1]),
    ),
  ];
  if (a.type === "MET") {
    const res = await getJSON("/meetings", { person: source, with: target, ...p, limit: 200 }, { what: "these meetings", signal });
    parts.push(h("h3", {}, `Meetings, ${app.periodLabel()}`));
    const list = h("ul", { class: "timeline" });
    for (const m of res.items) {
      list.append(
        h(
          "li",
          {},
          h("div", { class: "date" }, dateText(m.date)),
          evidenceItem(app, { document_id: m.document.id, title: m.document.title, date: m.document.date, sentence: m.evidence, start: m.start, end: m.end }),
        ),
      );
    }
    parts.push(list);
    return parts;
  }
  const res = await getJSON(`/entities/${idPath(source)}/neighbors`, { rel: a.type, ...p, limit: 1000 }, { what: "the evidence", signal });
  const match = res.items.find((n) => n.entity.id === target);
  parts.push(h("h3", {}, "Evidence"));
  if (!match || !match.evidence.length) {
    parts.push(h("p", { class: "hint" }, "The server returned no sentence for this relation in this period."));
  } else {
    parts.push(...match.evidence.map((ev) => evidenceItem(app, ev)));
    if (match.weight > match.evidence.length) {
      parts.push(h("p", { class: "hint" }, `The ${plural(match.evidence.length, "earliest sentence")} of ${match.weight}; open a document for the rest.`));
    }
  }
  return parts;
}

// meetingsView is the timeline of one person's meetings, grouped by year,
// with a counterpart filter built from the meetings themselves.
export async function meetingsView(app, person, counterpart, signal) {
  const p = app.period();
  const res = await getJSON("/meetings", { person, ...p, limit: 1000 }, { what: "the meetings", signal });
  const who = res.items.length ? res.items[0].person.name : app.nodeName(person);
  const counts = new Map();
  for (const m of res.items) {
    const c = counts.get(m.with.id) || { name: m.with.name, n: 0 };
    c.n++;
    counts.set(m.with.id, c);
  }
  if (counterpart && !counts.has(counterpart)) {
    // The counterpart met nobody in this period: name it all the same.
    const other = await getJSON(`/entities/${idPath(counterpart)}`, {}, { what: "the counterpart", signal }).catch(() => ({ name: counterpart }));
    counts.set(counterpart, { name: other.name, n: 0 });
  }
  const select = h(
    "select",
    { id: "counterpart", onchange: (e) => app.openMeetings(person, e.target.value) },
    h("option", { value: "" }, `Everyone (${res.items.length})`),
    [...counts.entries()]
      .sort((x, y) => y[1].n - x[1].n || x[1].name.localeCompare(y[1].name))
      .map(([id, c]) => h("option", { value: id, selected: id === counterpart }, `${c.name} (${c.n})`)),
  );
  const shown = counterpart ? res.items.filter((m) => m.with.id === counterpart) : res.items;
  const parts = [
    h("h2", {}, `Meetings of ${who}`),
    h("p", { class: "sub" }, `${plural(shown.length, "meeting")}, ${app.periodLabel()}`),
    h("div", { class: "actions" }, h("label", { for: "counterpart" }, "With "), select, h("button", { type: "button", onclick: () => app.selectNode(person) }, "Back to relations")),
  ];
  if (!shown.length) {
    parts.push(h("p", { class: "hint" }, "No recorded meeting in this period."));
    return parts;
  }
  const list = h("ul", { class: "timeline", "aria-label": "Meetings, earliest first" });
  let year = "";
  for (const m of shown) {
    const y = (m.date || "").slice(0, 4) || "undated";
    if (y !== year) {
      year = y;
      list.append(h("li", { class: "year" }, y));
    }
    list.append(
      h(
        "li",
        { class: "meeting" },
        h("div", {}, h("span", { class: "date" }, dateText(m.date)), " · with ", h("button", { type: "button", class: "link", onclick: () => app.selectNode(m.with.id) }, m.with.name)),
        evidenceItem(app, { document_id: m.document.id, title: m.document.title, date: m.document.date, sentence: m.evidence, start: m.start, end: m.end }),
      ),
    );
  }
  parts.push(list);
  return parts;
}

// documentView shows a document's text with every recognised mention
// underlined in its type's colour, and the evidence sentence, if any, marked.
export async function documentView(app, id, highlight, signal) {
  const doc = await getJSON(`/documents/${idPath(id)}`, {}, { what: "the document", signal });
  const text = h("div", { class: "doc-text", lang: "en" });
  let first = null;
  for (const seg of segments(doc.text, doc.annotations, highlight)) {
    let node;
    if (seg.annotation) {
      const a = seg.annotation;
      node = h("mark", { title: `${a.name} (${a.type})`, style: { borderColor: TYPE_COLORS[a.type] || "#555" }, "data-entity": a.entity_id }, seg.text);
      node.addEventListener("click", () => app.selectNode(a.entity_id));
    } else {
      node = document.createTextNode(seg.text);
    }
    if (seg.highlighted) {
      node = h("span", { class: "said" }, node);
      if (!first) first = node;
    }
    text.append(node);
  }
  const meta = h("dl", { class: "meta-list" });
  for (const [label, value] of [
    ["Date", doc.date],
    ["Source", doc.source],
    ["Classification", doc.classification],
    ["Citation", doc.citation],
    ["Translator", doc.translator],
  ]) {
    if (value) meta.append(h("dt", {}, label), h("dd", {}, value));
  }
  const types = [...new Set(doc.annotations.map((a) => a.type))];
  const parts = [
    h("div", { class: "actions" }, h("button", { type: "button", onclick: () => app.back() }, "← Back")),
    h("h2", {}, doc.title || doc.id),
    meta,
    h("p", { class: "sub" }, `${plural(doc.annotations.length, "recognised mention")}: `, ...types.map((t) => [typeChip(t), " "])),
    text,
  ];
  app.afterRender(() => first && first.scrollIntoView({ block: "center" }));
  return parts;
}
