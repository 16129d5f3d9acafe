// The 10,000-node measurement: ?perf=N builds a synthetic graph of N
// entities in the page (no server involved), lays it out as real views are
// (ForceAtlas2 in its worker), then reports in window.__perf the time
// to a settled layout. perf/perf.mjs drives the camera and counts frames.

import { newGraph } from "./graph.js";
import { hash, placeNodes } from "./layout.js";
import { ENTITY_TYPES, RELATION_TYPES } from "./styles.js";

// syntheticGraph makes clusters of entities (about 50 each, like the
// delegations and governments of a corpus) with dense ties inside and a few
// across, and a heavy-tailed number of mentions.
export function syntheticGraph(n) {
  const g = newGraph();
  const clusters = Math.max(1, Math.round(n / 50));
  for (let i = 0; i < n; i++) {
    const r = hash("n" + i);
    const mentions = Math.max(1, Math.round(1 / (0.02 + r * r) ));
    g.addNode(`synthetic/${i}`, {
      label: `Entity ${i}`,
      name: `Entity ${i}`,
      type: ENTITY_TYPES[i % ENTITY_TYPES.length],
      aliases: [],
      mention_count: mentions,
      document_count: Math.max(1, Math.round(mentions / 3)),
    });
  }
  let e = 0;
  for (let i = 0; i < n; i++) {
    const cluster = i % clusters;
    for (let k = 0; k < 2; k++) {
      const r = hash(`e${i}-${k}`);
      // Mostly within the cluster, sometimes anywhere.
      const j = r < 0.9 ? (cluster + clusters * Math.floor(hash(`t${i}-${k}`) * (n / clusters))) % n : Math.floor(hash(`u${i}-${k}`) * n);
      if (j === i) continue;
      const rel = RELATION_TYPES[Math.floor(hash(`r${i}-${k}`) * RELATION_TYPES.length)];
      const source = `synthetic/${i}`;
      const target = `synthetic/${j}`;
      g.addEdgeWithKey(`e${e++}`, source, target, { type: rel, weight: 1 + Math.floor(r * 8), document_count: 1 });
    }
  }
  placeNodes(g);
  return g;
}

export async function runPerf(view, n, { status, empty }) {
  empty.hidden = true;
  const t0 = performance.now();
  const g = syntheticGraph(n);
  const built = performance.now() - t0;
  window.__perf = { nodes: g.order, edges: g.size, buildMs: built, settled: false };
  status.textContent = `${g.order} synthetic entities · ${g.size} relations · laying out`;
  let renders = 0;
  view.sigma.on("afterRender", () => renders++);
  const r0 = performance.now();
  view.replace(g);
  const firstRender = performance.now() - r0;
  const info = await view.layoutDone;
  Object.assign(window.__perf, {
    firstRenderMs: firstRender,
    layoutMs: info.ms,
    layoutComputeMs: info.computeMs,
    layoutIterations: info.iterations,
    layoutRenders: renders,
    settled: info.settled,
    done: true,
  });
  view.resetCamera();
  status.textContent = `${g.order} synthetic entities · ${g.size} relations · layout ${info.settled ? "settled" : "stopped"} after ${info.iterations} iterations in ${(info.ms / 1000).toFixed(1)} s`;
}
