// ForceAtlas2 run in short slices on the main thread until the picture stops
// moving. Slicing keeps the page responsive and lets sigma draw the layout as
// it forms; keeping FA2's own matrices between slices keeps its adaptive
// speeds, which a fresh forceAtlas2.assign() call per slice would reset.

import forceAtlas2 from "graphology-layout-forceatlas2";
import defaults from "graphology-layout-forceatlas2/defaults.js";
import helpers from "graphology-layout-forceatlas2/helpers.js";
import iterate from "graphology-layout-forceatlas2/iterate.js";

const PPN = 10; // values per node in FA2's node matrix: x and y come first

// A layout has settled when, over a few slices in a row, nodes move on
// average less than this fraction of the drawing's extent per iteration.
const SETTLED_RATIO = 0.0004;
const CALM_SLICES = 3;
const SLICE_MS = 24;

// Each position update makes sigma redraw everything; on a big graph a
// redraw costs far more than a slice (seconds without a GPU), so positions
// are published less often there: the layout runs at computing speed and
// the picture still moves now and then.
function publishEvery(order) {
  return order > 2000 ? 5000 : order > 500 ? 200 : 0;
}

// hash gives every id a stable pseudo-random number in [0, 1), so the same
// link draws the same picture.
export function hash(id) {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) / 4294967296;
}

// placeNodes gives positions to the nodes that have none: next to a placed
// neighbour if there is one (an expansion grows from the node expanded),
// else on a spiral.
export function placeNodes(graph, previous = new Map()) {
  const unplaced = [];
  graph.forEachNode((node) => {
    const p = previous.get(node);
    if (p) graph.mergeNodeAttributes(node, { x: p.x, y: p.y });
    else unplaced.push(node);
  });
  let spiral = previous.size;
  for (const node of unplaced) {
    const r = hash(node);
    const anchor = graph.neighbors(node).find((n) => previous.has(n));
    if (anchor) {
      const a = previous.get(anchor);
      const angle = r * 2 * Math.PI;
      graph.mergeNodeAttributes(node, { x: a.x + 12 * Math.cos(angle), y: a.y + 12 * Math.sin(angle) });
    } else {
      const angle = spiral * 2.4;
      const radius = 10 * Math.sqrt(spiral + 1);
      graph.mergeNodeAttributes(node, { x: radius * Math.cos(angle) + r, y: radius * Math.sin(angle) - r });
    }
    spiral++;
  }
}

// Heavy pairs would otherwise pull everything into a knot around the
// superpowers; the logarithm keeps weak ties visible.
function edgeWeight(_edge, attr) {
  return 1 + Math.log2(Math.max(1, attr.weight || 1));
}

// startLayout runs the layout and returns {done, stop}: done resolves with
// {iterations, ms, settled} once the drawing is still, or when maxIterations
// is reached, or when stop() is called.
export function startLayout(graph, { maxIterations = 2000, onSlice = () => {} } = {}) {
  let stopped = false;
  const stop = () => {
    stopped = true;
  };
  const done = new Promise((resolve) => {
    const t0 = performance.now();
    if (graph.order < 2) {
      resolve({ iterations: 0, ms: 0, computeMs: 0, settled: true });
      return;
    }
    // iterate() reads every setting, so the defaults must be filled in.
    const settings = { ...defaults, ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 400 };
    const matrices = helpers.graphToByteArrays(graph, edgeWeight);
    const nodes = matrices.nodes;
    const before = new Float32Array(nodes.length / PPN * 2);
    let iterations = 0;
    let perSlice = 1;
    let calm = 0;
    let published = 0;
    let computeMs = 0; // time in FA2 itself, the rest being drawing and waiting
    const every = publishEvery(graph.order);

    const slice = () => {
      if (stopped) {
        resolve({ iterations, ms: performance.now() - t0, computeMs, settled: false });
        return;
      }
      for (let i = 0, j = 0; i < nodes.length; i += PPN, j += 2) {
        before[j] = nodes[i];
        before[j + 1] = nodes[i + 1];
      }
      const s0 = performance.now();
      for (let k = 0; k < perSlice; k++) iterate(settings, nodes, matrices.edges);
      iterations += perSlice;
      const took = performance.now() - s0;
      computeMs += took;

      let moved = 0;
      let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
      for (let i = 0, j = 0; i < nodes.length; i += PPN, j += 2) {
        const x = nodes[i];
        const y = nodes[i + 1];
        moved += Math.hypot(x - before[j], y - before[j + 1]);
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
      const extent = Math.hypot(maxX - minX, maxY - minY) || 1;
      const ratio = moved / graph.order / perSlice / extent;
      calm = ratio < SETTLED_RATIO ? calm + 1 : 0;

      const finished = calm >= CALM_SLICES || iterations >= maxIterations;
      if (finished || performance.now() - published >= every) {
        let i = 0;
        graph.updateEachNodeAttributes(
          (_node, attr) => {
            attr.x = nodes[i];
            attr.y = nodes[i + 1];
            i += PPN;
            return attr;
          },
          { attributes: ["x", "y"] },
        );
        published = performance.now();
      }
      onSlice({ iterations, ratio });

      // Aim for slices of about SLICE_MS whatever the graph's size.
      perSlice = Math.max(1, Math.min(200, Math.round((perSlice * SLICE_MS) / Math.max(took, 0.1))));
      if (finished) {
        resolve({ iterations, ms: performance.now() - t0, computeMs, settled: calm >= CALM_SLICES });
        return;
      }
      setTimeout(slice, 0);
    };
    setTimeout(slice, 0);
  });
  return { done, stop };
}
