// Exports of the current view. They serialise the graphology graph the
// canvas draws, so a file holds exactly the nodes and edges on screen, in
// the same shapes as the server's subgraph exports (plus where each node is
// drawn and in which colour), so that Gephi, yEd, NetworkX and neo4j-admin
// read them alike.

const SYMMETRIC = new Set(["MET", "CO_MENTIONED"]);

function xml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]);
}

// xmlText also drops the control characters XML 1.0 forbids.
function xmlText(s) {
  // eslint-disable-next-line no-control-regex
  return xml(String(s).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, ""));
}

function round(n) {
  return Math.round(n * 1000) / 1000;
}

// look(node) gives {color} as drawn; the caller passes the canvas's own.
export function toGraphML(graph, look = () => ({})) {
  const out = [];
  out.push(`<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="n_label" for="node" attr.name="label" attr.type="string"/>
  <key id="n_name" for="node" attr.name="name" attr.type="string"/>
  <key id="n_type" for="node" attr.name="type" attr.type="string"/>
  <key id="n_aliases" for="node" attr.name="aliases" attr.type="string"/>
  <key id="n_mentions" for="node" attr.name="mention_count" attr.type="int"/>
  <key id="n_documents" for="node" attr.name="document_count" attr.type="int"/>
  <key id="n_x" for="node" attr.name="x" attr.type="double"/>
  <key id="n_y" for="node" attr.name="y" attr.type="double"/>
  <key id="n_color" for="node" attr.name="color" attr.type="string"/>
  <key id="e_type" for="edge" attr.name="type" attr.type="string"/>
  <key id="e_weight" for="edge" attr.name="weight" attr.type="int"/>
  <key id="e_documents" for="edge" attr.name="document_count" attr.type="int"/>
  <key id="e_first" for="edge" attr.name="first_date" attr.type="string"/>
  <key id="e_last" for="edge" attr.name="last_date" attr.type="string"/>
  <key id="e_symmetric" for="edge" attr.name="symmetric" attr.type="boolean"/>
  <graph id="archivegraph" edgedefault="directed">
`);
  const data = (key, value) => (value === undefined || value === null || value === "" ? "" : `<data key="${key}">${xmlText(value)}</data>`);
  graph.forEachNode((id, a) => {
    out.push(
      `    <node id="${xml(id)}">` +
        data("n_label", a.label || a.name) +
        data("n_name", a.name) +
        data("n_type", a.type) +
        data("n_aliases", (a.aliases || []).join("|")) +
        data("n_mentions", a.mention_count) +
        data("n_documents", a.document_count) +
        data("n_x", round(a.x)) +
        data("n_y", round(a.y)) +
        data("n_color", look(id).color) +
        `</node>\n`,
    );
  });
  graph.forEachEdge((key, a, source, target) => {
    out.push(
      `    <edge id="${xml(key)}" source="${xml(source)}" target="${xml(target)}">` +
        data("e_type", a.type) +
        data("e_weight", a.weight) +
        data("e_documents", a.document_count) +
        data("e_first", a.first_date) +
        data("e_last", a.last_date) +
        data("e_symmetric", String(SYMMETRIC.has(a.type))) +
        `</edge>\n`,
    );
  });
  out.push("  </graph>\n</graphml>\n");
  return out.join("");
}

function hexToRGB(hex) {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex || "");
  return m ? m.slice(1).map((h) => parseInt(h, 16)) : [85, 85, 85];
}

export function toGEXF(graph, look = () => ({})) {
  const out = [];
  out.push(`<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">
  <meta><creator>archivegraph explorer</creator><description>the view on screen</description></meta>
  <graph mode="static" defaultedgetype="directed">
    <attributes class="node" mode="static">
      <attribute id="type" title="type" type="string"/>
      <attribute id="aliases" title="aliases" type="liststring"/>
      <attribute id="mention_count" title="mention_count" type="integer"/>
      <attribute id="document_count" title="document_count" type="integer"/>
    </attributes>
    <attributes class="edge" mode="static">
      <attribute id="type" title="type" type="string"/>
      <attribute id="document_count" title="document_count" type="integer"/>
      <attribute id="first_date" title="first_date" type="string"/>
      <attribute id="last_date" title="last_date" type="string"/>
      <attribute id="symmetric" title="symmetric" type="boolean"/>
    </attributes>
    <nodes>
`);
  const value = (id, v) => (v === undefined || v === null || v === "" ? "" : `<attvalue for="${id}" value="${xml(v)}"/>`);
  graph.forEachNode((id, a) => {
    const l = look(id);
    const [r, g, b] = hexToRGB(l.color);
    out.push(
      `      <node id="${xml(id)}" label="${xml(a.label || a.name || id)}"><attvalues>` +
        value("type", a.type) +
        value("aliases", (a.aliases || []).join("|")) +
        value("mention_count", a.mention_count) +
        value("document_count", a.document_count) +
        `</attvalues><viz:position x="${round(a.x)}" y="${round(a.y)}" z="0"/>` +
        `<viz:color r="${r}" g="${g}" b="${b}"/>` +
        (l.size ? `<viz:size value="${round(l.size)}"/>` : "") +
        `</node>\n`,
    );
  });
  out.push("    </nodes>\n    <edges>\n");
  graph.forEachEdge((key, a, source, target) => {
    out.push(
      `      <edge id="${xml(key)}" source="${xml(source)}" target="${xml(target)}" label="${xml(a.type)}" weight="${a.weight || 1}"><attvalues>` +
        value("type", a.type) +
        value("document_count", a.document_count) +
        value("first_date", a.first_date) +
        value("last_date", a.last_date) +
        value("symmetric", String(SYMMETRIC.has(a.type))) +
        `</attvalues></edge>\n`,
    );
  });
  out.push("    </edges>\n  </graph>\n</gexf>\n");
  return out.join("");
}

function csvField(v) {
  const s = v === undefined || v === null ? "" : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// toCSV gives the two files of the server's csv export, in the header
// syntax of neo4j-admin database import.
export function toCSV(graph) {
  const nodes = ["id:ID,name,type,aliases:string[],mention_count:int,document_count:int,:LABEL"];
  graph.forEachNode((id, a) => {
    nodes.push([id, a.name, a.type, (a.aliases || []).join(";"), a.mention_count, a.document_count, `Entity;${a.type}`].map(csvField).join(","));
  });
  const rels = [":START_ID,:END_ID,:TYPE,weight:int,document_count:int,first_date,last_date"];
  graph.forEachEdge((_key, a, source, target) => {
    rels.push([source, target, a.type, a.weight, a.document_count, a.first_date, a.last_date].map(csvField).join(","));
  });
  return { "nodes.csv": nodes.join("\n") + "\n", "relationships.csv": rels.join("\n") + "\n" };
}

export function toJSON(graph) {
  return JSON.stringify(graph.export(), null, 1);
}

let crcTable = null;
function crc32(bytes) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// zip packs files uncompressed: the CSVs are small, and a stored ZIP needs
// no compression library in the page.
export function zip(files) {
  const enc = new TextEncoder();
  const parts = [];
  const central = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const nameBytes = enc.encode(name);
    const data = typeof content === "string" ? enc.encode(content) : content;
    const crc = crc32(data);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true); // version needed
    local.setUint16(6, 0x0800, true); // names are UTF-8
    local.setUint16(8, 0, true); // stored
    local.setUint16(10, 0, true); // time
    local.setUint16(12, 0x21, true); // date: 1980-01-01
    local.setUint32(14, crc, true);
    local.setUint32(18, data.length, true);
    local.setUint32(22, data.length, true);
    local.setUint16(26, nameBytes.length, true);
    local.setUint16(28, 0, true);
    parts.push(new Uint8Array(local.buffer), nameBytes, data);

    const dir = new DataView(new ArrayBuffer(46));
    dir.setUint32(0, 0x02014b50, true);
    dir.setUint16(4, 20, true);
    dir.setUint16(6, 20, true);
    dir.setUint16(8, 0x0800, true);
    dir.setUint16(10, 0, true);
    dir.setUint16(12, 0, true);
    dir.setUint16(14, 0x21, true);
    dir.setUint32(16, crc, true);
    dir.setUint32(20, data.length, true);
    dir.setUint32(24, data.length, true);
    dir.setUint16(28, nameBytes.length, true);
    dir.setUint32(42, offset, true);
    central.push(new Uint8Array(dir.buffer), nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const centralSize = central.reduce((n, p) => n + p.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, central.length / 2, true);
  end.setUint16(10, central.length / 2, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, offset, true);
  const all = [...parts, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// download hands a file to the browser's save mechanism.
export function download(name, content, type) {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
