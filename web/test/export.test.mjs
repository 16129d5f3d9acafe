import assert from "node:assert/strict";
import { test } from "node:test";
import Graph from "graphology";
import { toCSV, toGEXF, toGraphML, zip } from "../src/export.js";
import { all, parseXML } from "../e2e/xml.mjs";

function sample() {
  const g = new Graph({ type: "mixed", multi: true });
  g.addNode("person/ho-chi-minh", { label: "Ho Chi Minh", name: "Ho Chi Minh", type: "Person", aliases: ["President Ho"], mention_count: 27, document_count: 3, x: 1, y: 2 });
  g.addNode("party/a&b", { label: 'The "A" <&> B', name: 'The "A" <&> B', type: "Party", aliases: [], mention_count: 1, document_count: 1, x: 0, y: 0 });
  g.addUndirectedEdgeWithKey("e0", "party/a&b", "person/ho-chi-minh", { type: "MET", weight: 2, document_count: 1, first_date: "1957-07-17", last_date: "1957-07-17" });
  g.addDirectedEdgeWithKey("e1", "person/ho-chi-minh", "party/a&b", { type: "SUPPORTS", weight: 1, document_count: 1 });
  return g;
}

test("XML exports are well formed and hold the graph", async (t) => {
  const formats = [
    { name: "graphml", write: toGraphML, node: "node", edge: "edge" },
    { name: "gexf", write: toGEXF, node: "node", edge: "edge" },
  ];
  for (const f of formats) {
    await t.test(f.name, () => {
      const doc = parseXML(f.write(sample(), () => ({ color: "#0072B2", size: 5 })));
      assert.deepEqual(all(doc, f.node).map((n) => n.attributes.id).sort(), ["party/a&b", "person/ho-chi-minh"]);
      assert.equal(all(doc, f.edge).length, 2);
    });
  }
});

test("the CSV export zips the neo4j-admin files", () => {
  const files = toCSV(sample());
  assert.match(files["nodes.csv"], /^id:ID,name,type,aliases:string\[\],mention_count:int,document_count:int,:LABEL\n/);
  assert.match(files["nodes.csv"], /"The ""A"" <&> B"/);
  const archive = Buffer.from(zip(files));
  // Walk the local headers: stored entries whose CRC and size must match.
  const names = [];
  let at = 0;
  while (archive.readUInt32LE(at) === 0x04034b50) {
    const size = archive.readUInt32LE(at + 18);
    const nameLen = archive.readUInt16LE(at + 26);
    const name = archive.subarray(at + 30, at + 30 + nameLen).toString();
    const data = archive.subarray(at + 30 + nameLen, at + 30 + nameLen + size).toString();
    assert.equal(data, files[name]);
    names.push(name);
    at += 30 + nameLen + size;
  }
  assert.deepEqual(names, ["nodes.csv", "relationships.csv"]);
  assert.equal(archive.readUInt32LE(archive.length - 22), 0x06054b50);
});
