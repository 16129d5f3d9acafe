// Measures the explorer on a generated graph in headless Chromium: time to a
// settled ForceAtlas2 layout, and frames per second while panning and
// zooming. The page builds the graph itself (?perf=N), so no server or
// database is needed: this script serves dist/ on a spare local port.
//
//   node perf/perf.mjs [nodes...]       default: 10000
//
// Without a GPU, Chromium draws WebGL with its software renderer
// (SwiftShader); the renderer is printed with the figures, which a machine
// with a GPU will beat.

import { createReadStream, existsSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "../e2e/browser.mjs";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json" };
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
if (!sizes.length) sizes.push(10000);

function serve() {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(dist, path === "/" ? "index.html" : path);
    if (!file.startsWith(dist) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] || "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// interact runs one gesture for about `ms` milliseconds and returns how many
// frames sigma drew per second meanwhile.
async function interact(page, ms, gesture) {
  await page.evaluate(() => {
    window.__frames = 0;
    window.__explorer.view.sigma.on("afterRender", () => window.__frames++);
  });
  const t0 = Date.now();
  const start = await page.evaluate(() => performance.now());
  let i = 0;
  while (Date.now() - t0 < ms) await gesture(i++);
  const { frames, elapsed } = await page.evaluate((s) => ({ frames: window.__frames, elapsed: performance.now() - s }), start);
  return (frames * 1000) / elapsed;
}

const server = await serve();
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launch();
const results = [];
try {
  for (const n of sizes) {
    const page = await browser.context.newPage();
    await page.goto(`${base}?perf=${n}`);
    await page.waitForFunction(() => window.__perf && window.__perf.done, null, { timeout: 600_000, polling: 500 });
    const perf = await page.evaluate(() => window.__perf);
    const renderer = await page.evaluate(() => {
      const gl = document.createElement("canvas").getContext("webgl2");
      const info = gl && gl.getExtension("WEBGL_debug_renderer_info");
      return info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : "unknown";
    });
    await page.waitForTimeout(500); // let the camera reset finish
    const box = await page.locator("#canvas").boundingBox();
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    const pan = await interact(page, 4000, async (i) => {
      await page.mouse.move(cx + 150 * Math.sin(i / 10), cy + 100 * Math.cos(i / 13));
      await page.waitForTimeout(16);
    });
    await page.mouse.up();
    const zoom = await interact(page, 4000, async (i) => {
      await page.mouse.wheel(0, Math.floor(i / 20) % 2 ? 120 : -120);
      await page.waitForTimeout(16);
    });
    results.push({
      nodes: perf.nodes,
      edges: perf.edges,
      "first render ms": Math.round(perf.firstRenderMs),
      "layout ms": Math.round(perf.layoutMs),
      "layout compute ms": Math.round(perf.layoutComputeMs),
      "layout iterations": perf.layoutIterations,
      "renders during layout": perf.layoutRenders,
      settled: perf.settled,
      "fps panning": Math.round(pan * 10) / 10,
      "fps zooming": Math.round(zoom * 10) / 10,
      renderer,
    });
    await page.screenshot({ path: fileURLToPath(new URL(`../../tmp/perf-${n}.png`, import.meta.url)) }).catch(() => {});
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.table(results);
console.log(JSON.stringify(results));
