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

// Input events go to the page at a mouse's pace, one every EVENT_MS, each
// sent without waiting for the page to have handled the previous one: a
// real mouse does not wait either, and a page that is slow to take events
// must show it here rather than slow the gesture down.
const EVENT_MS = 16;

// interact runs one gesture for `ms` milliseconds, send(t) sending the event
// due t ms after the start, and returns the frames per second meanwhile:
// animation frames (requestAnimationFrame ticks) in which sigma drew the
// graph, a frame counted once however many times sigma drew in it.
async function interact(page, ms, send) {
  await page.evaluate(() => {
    const g = { frame: 0, drawn: new Set(), running: true };
    const tick = () => {
      g.frame++;
      if (g.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const count = () => g.drawn.add(g.frame);
    g.stop = () => {
      g.running = false;
      window.__explorer.view.sigma.off("afterRender", count);
    };
    window.__explorer.view.sigma.on("afterRender", count);
    g.start = performance.now();
    window.__gesture = g;
  });
  const sent = [];
  const t0 = Date.now();
  await new Promise((resolve) => {
    const next = () => {
      const t = Date.now() - t0;
      if (t >= ms) return resolve();
      sent.push(send(t));
      setTimeout(next, EVENT_MS);
    };
    next();
  });
  const { frames, elapsed } = await page.evaluate(() => {
    const g = window.__gesture;
    g.stop();
    return { frames: g.drawn.size, elapsed: performance.now() - g.start };
  });
  await Promise.all(sent);
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
    // Panning: the stage dragged around in loops.
    const pan = await interact(page, 4000, (t) => page.mouse.move(cx + 150 * Math.sin(t / 160), cy + 100 * Math.cos(t / 208)));
    await page.mouse.up();
    await page.waitForTimeout(1000); // let the last frame and the inertia pass
    // Zooming: the wheel turned one way then the other every third of a
    // second, over the centre.
    const zoom = await interact(page, 4000, (t) => page.mouse.wheel(0, Math.floor(t / 333) % 2 ? 120 : -120));
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
