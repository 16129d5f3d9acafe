// Unit tests of the pure modules of the explorer, run by node's test runner.
import assert from "node:assert/strict";
import { test } from "node:test";
import { byteToIndex, segments } from "../src/offsets.js";

test("byteToIndex maps UTF-8 byte offsets to string indices", async (t) => {
  const cases = [
    { name: "ascii", text: "Mao met Ho", bytes: [0, 4, 10], want: [0, 4, 10] },
    { name: "two-byte letters", text: "Titó met Đồng", bytes: [0, 6, 10, 17], want: [0, 5, 9, 13] },
    { name: "astral symbols", text: "a😀b", bytes: [0, 1, 5, 6], want: [0, 1, 3, 4] },
    { name: "past the end", text: "ab", bytes: [99], want: [2] },
  ];
  for (const c of cases) {
    await t.test(c.name, () => {
      const toIndex = byteToIndex(c.text);
      assert.deepEqual(c.bytes.map(toIndex), c.want);
    });
  }
});

test("segments marks mentions and the highlighted span", async (t) => {
  const text = "Khrushchev met Hồ Chí Minh in Moscow.";
  const enc = new TextEncoder();
  const at = (s) => enc.encode(text.slice(0, text.indexOf(s))).length;
  const len = (s) => enc.encode(s).length;
  const ho = { start: at("Hồ"), end: at("Hồ") + len("Hồ Chí Minh"), entity_id: "person/ho-chi-minh", name: "Ho Chi Minh", type: "Person" };
  const kh = { start: 0, end: 10, entity_id: "person/nikita-khrushchev", name: "Nikita Khrushchev", type: "Person" };
  const overlapping = { start: at("Chí"), end: at("Chí") + len("Chí"), entity_id: "x", name: "x", type: "Place" };

  await t.test("mentions become marked runs", () => {
    const segs = segments(text, [ho, kh, overlapping]);
    const marked = segs.filter((s) => s.annotation).map((s) => s.text);
    assert.deepEqual(marked, ["Khrushchev", "Hồ Chí Minh"]);
    assert.equal(segs.map((s) => s.text).join(""), text);
  });
  await t.test("the highlighted span cuts runs without losing text", () => {
    const segs = segments(text, [ho], { start: at("met"), end: at(" in") });
    assert.equal(segs.filter((s) => s.highlighted).map((s) => s.text).join(""), "met Hồ Chí Minh");
    assert.equal(segs.map((s) => s.text).join(""), text);
  });
});
