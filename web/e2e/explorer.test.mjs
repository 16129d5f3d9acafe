// End-to-end tests of the explorer in headless Chromium against a running
// archivegraph server (ARCHIVEGRAPH_E2E_URL) whose database holds the sample
// corpus; e2e/run.sh sets that up. The steps share one page and run in
// order, as an analyst would use it; each leaves a screenshot in
// ARCHIVEGRAPH_E2E_SCREENSHOTS (default tmp/e2e-screenshots).

import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { launch } from "./browser.mjs";
import { all, parseXML } from "./xml.mjs";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const BASE = process.env.ARCHIVEGRAPH_E2E_URL;
const SHOTS = process.env.ARCHIVEGRAPH_E2E_SCREENSHOTS || join(repo, "tmp", "e2e-screenshots");
const KHRUSHCHEV = "person/nikita-khrushchev";
const HO = "person/ho-chi-minh";
const STEP = { timeout: 90_000 };

let browser;
let page;
const pageErrors = [];

async function shot(name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

// settled waits until the canvas shows a loaded, laid-out graph.
async function settled() {
  await page.waitForFunction(() => {
    const c = document.getElementById("canvas");
    return !c.dataset.loading && c.dataset.layout === "settled" && Number(c.dataset.nodes) > 0;
  });
}

async function counts() {
  return page.evaluate(() => {
    const d = document.getElementById("canvas").dataset;
    return { nodes: Number(d.nodes), edges: Number(d.edges) };
  });
}

async function panelView(kind) {
  await page.waitForFunction((k) => {
    const p = document.getElementById("panel");
    return p.dataset.view === k && !p.hasAttribute("aria-busy");
  }, kind);
}

// pointOf returns where a node, or a point along an edge, is drawn on
// the page.
async function pointOf(source, target = null, along = 0.5) {
  const p = await page.evaluate(
    ([s, t, f]) => {
      const { sigma, graph } = window.__explorer.view;
      const at = (n) => sigma.graphToViewport({ x: graph.getNodeAttribute(n, "x"), y: graph.getNodeAttribute(n, "y") });
      const a = at(s);
      if (!t) return a;
      const b = at(t);
      return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
    },
    [source, target, along],
  );
  const box = await page.locator("#canvas").boundingBox();
  return { x: box.x + p.x, y: box.y + p.y };
}

before(async () => {
  assert.ok(BASE, "ARCHIVEGRAPH_E2E_URL must name the server to test (e2e/run.sh sets it)");
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
  page = await browser.context.newPage();
  page.on("pageerror", (err) => pageErrors.push(err.message));
  page.setDefaultTimeout(30_000);
});

after(async () => {
  if (browser) await browser.close();
});

test("search suggests Khrushchev as you type and opens his neighbourhood", STEP, async () => {
  await page.goto(BASE);
  await page.waitForSelector("#stats:not(:empty)");
  // The keyboard way in: "/" focuses the search box.
  await page.locator("body").press("/");
  assert.equal(await page.evaluate(() => document.activeElement.id), "q");
  await page.keyboard.type("Khrushchev", { delay: 40 });
  const option = page.locator("#suggestions [role=option]", { hasText: "Nikita Khrushchev" });
  await option.waitFor();
  await shot("01-suggestions");
  await page.keyboard.press("Enter");
  await settled();
  await panelView("entity");
  assert.match(page.url(), /seed=person%2Fnikita-khrushchev/);
  assert.equal(await page.locator("#panel h2").textContent(), "Nikita Khrushchev");
  const { nodes, edges } = await counts();
  assert.ok(nodes > 10 && edges > nodes, `a neighbourhood of ${nodes} nodes and ${edges} edges`);
  await shot("02-neighbourhood");
});

test("Ho Chi Minh is on the canvas, connected to Khrushchev by a meeting", STEP, async () => {
  const rels = await page.evaluate(
    ([k, h]) => {
      const g = window.__explorer.view.graph;
      return g.hasNode(h) ? g.edges(k, h).concat(g.edges(h, k)).map((e) => g.getEdgeAttribute(e, "type")) : null;
    },
    [KHRUSHCHEV, HO],
  );
  assert.ok(rels, "Ho Chi Minh is not on the canvas");
  assert.ok(rels.includes("MET"), `relations between them: ${rels}`);
  const at = await pointOf(HO);
  await page.mouse.click(at.x, at.y);
  await panelView("entity");
  assert.equal(await page.locator("#panel h2").textContent(), "Ho Chi Minh");
  assert.match(page.url(), /sel=person%2Fho-chi-minh/);
  await shot("03-ho-chi-minh");
});

test("clicking the meeting's line shows its evidence, and the document opens highlighted", STEP, async () => {
  // A node may lie on the line; try a few points along it.
  let opened = false;
  for (const along of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
    const at = await pointOf(KHRUSHCHEV, HO, along);
    await page.mouse.click(at.x, at.y);
    // Two quick clicks would be a double-click, which zooms.
    await page.waitForTimeout(600);
    await page.waitForFunction(() => !document.getElementById("panel").hasAttribute("aria-busy"));
    const title = await page.locator("#panel h2").textContent();
    if (/Khrushchev met Ho Chi Minh|Ho Chi Minh met Nikita Khrushchev/.test(title)) {
      opened = true;
      break;
    }
  }
  assert.ok(opened, "no click on the line between Khrushchev and Ho Chi Minh opened the meeting");
  await panelView("edge");
  const panel = page.locator("#panel");
  await panel.locator(".timeline .date", { hasText: "1957-07-17" }).first().waitFor();
  const sentence = await panel.locator(".evidence q").first().textContent();
  assert.match(sentence, /Khrushchev/);
  await shot("04-meeting-evidence");

  await panel.locator(".evidence .link").first().click();
  await panelView("document");
  const marks = await panel.locator(".doc-text mark").count();
  assert.ok(marks > 5, `${marks} highlighted mentions`);
  const names = await panel.locator('.doc-text mark[data-entity="person/ho-chi-minh"]').count();
  assert.ok(names > 0, "Ho Chi Minh is not highlighted in the document");
  const said = await panel.locator(".doc-text .said").allTextContents();
  assert.equal(said.join(""), sentence, "the evidence sentence is not the highlighted one");
  await shot("05-document");
});

test("the meetings timeline lists Khrushchev's meetings and filters by counterpart", STEP, async () => {
  await page.locator("#panel button", { hasText: "Back" }).click();
  await panelView("edge");
  await page.locator("#panel .actions button", { hasText: "Nikita Khrushchev" }).click();
  await panelView("entity");
  await page.locator("#panel button", { hasText: "Meetings" }).click();
  await panelView("meetings");
  const everyone = await page.locator("#panel li.meeting").count();
  await page.locator("#counterpart").selectOption(HO);
  await panelView("meetings");
  const withHo = await page.locator("#panel li.meeting").allTextContents();
  assert.ok(withHo.length > 0 && withHo.length <= everyone, `${withHo.length} of ${everyone} meetings`);
  for (const text of withHo) assert.match(text, /with Ho Chi Minh/);
  assert.match(page.url(), /view=meetings/);
  await shot("06-meetings");
});

test("moving the year slider changes the graph", STEP, async () => {
  const before = await counts();
  await page.locator("#from").fill("1959");
  await page.locator("#to").fill("1959");
  await page.waitForFunction(() => document.getElementById("canvas").dataset.period === "1959");
  await settled();
  const during = await counts();
  assert.notDeepEqual(during, before, "the graph is the same in 1959 as in all years");
  assert.ok(during.nodes < before.nodes, `${during.nodes} nodes in 1959, ${before.nodes} in all years`);
  assert.match(page.url(), /from=1959&to=1959/);
  await shot("07-year-1959");

  // The slider is usable from the keyboard too.
  await page.locator("#to").focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => document.getElementById("canvas").dataset.period === "1959–1962");
  await settled();
});

test("blocs mode colours states and parties by the period's communities", STEP, async () => {
  await page.locator("#blocs").check();
  await page.locator("#legend h3", { hasText: "Blocs" }).waitFor();
  const coloured = await page.evaluate(() => window.__explorer.view.blocs.size);
  assert.ok(coloured > 1, `${coloured} entities in blocs`);
  assert.match(page.url(), /blocs=1/);
  await shot("08-blocs");
});

test("a copied link reopens the same view", STEP, async () => {
  const url = page.url();
  const shown = await counts();
  const other = await browser.context.newPage();
  try {
    await other.goto(url);
    await other.waitForFunction(() => {
      const c = document.getElementById("canvas");
      return !c.dataset.loading && c.dataset.layout === "settled" && Number(c.dataset.nodes) > 0;
    });
    const reopened = await other.evaluate(() => {
      const d = document.getElementById("canvas").dataset;
      return { nodes: Number(d.nodes), edges: Number(d.edges) };
    });
    assert.deepEqual(reopened, shown);
    assert.equal(await other.locator("#from").inputValue(), "1959");
    assert.equal(await other.locator("#to").inputValue(), "1962");
    assert.ok(await other.locator("#blocs").isChecked());
  } finally {
    await other.close();
  }
});

test("the GraphML export holds exactly the nodes and edges on the canvas", STEP, async () => {
  const shown = await page.evaluate(() => {
    const g = window.__explorer.view.graph;
    return { nodes: g.nodes().sort(), edges: g.size };
  });
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-export=graphml]").click()]);
  const file = join(SHOTS, download.suggestedFilename());
  await download.saveAs(file);
  const doc = parseXML(readFileSync(file, "utf8"));
  assert.equal(doc.name, "graphml");
  const nodes = all(doc, "node").map((n) => n.attributes.id).sort();
  const edges = all(doc, "edge");
  assert.deepEqual(nodes, shown.nodes);
  assert.equal(edges.length, shown.edges);
  const known = new Set(nodes);
  for (const e of edges) assert.ok(known.has(e.attributes.source) && known.has(e.attributes.target), `edge ${e.attributes.id} leaves the graph`);
  const canvasCounts = await counts();
  assert.deepEqual({ nodes: nodes.length, edges: edges.length }, canvasCounts);
});

test("the PNG export is a picture of the canvas", STEP, async () => {
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-export=png]").click()]);
  const file = join(SHOTS, download.suggestedFilename());
  await download.saveAs(file);
  const png = readFileSync(file);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = png.readUInt32BE(16);
  assert.ok(width >= 800, `PNG ${width} pixels wide`);
});

test("an API error is shown in plain words, not as a blank page", STEP, async () => {
  await page.goto(`${BASE}/?seed=person%2Fnobody-of-that-name`);
  const alert = page.locator("#alert");
  await alert.waitFor({ state: "visible" });
  const text = await alert.textContent();
  assert.match(text, /Nothing was found|no entity/i);
  assert.doesNotMatch(text, /undefined|\[object|TypeError/);
  await page.locator("#panel h2").waitFor();
  await shot("09-error");
});

test("the page raised no script error", () => {
  assert.deepEqual(pageErrors, []);
});
