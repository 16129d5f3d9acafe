// The ForceAtlas2 loop itself, free of the DOM and of graphology so that the
// same code runs in the layout's web worker and, where no worker can be
// started, on the page's own thread: iterations in short slices, until the
// picture stops moving.

import iterate from "graphology-layout-forceatlas2/iterate.js";

export const PPN = 10; // values per node in FA2's node matrix: x and y come first

// A layout has settled when, over a few slices in a row, nodes move on
// average less than this fraction of the drawing's extent per iteration.
export const SETTLED_RATIO = 0.0004;
export const CALM_SLICES = 3;
export const SLICE_MS = 24;

// createRun returns {slice, positions}: each slice() runs about SLICE_MS of
// iterations and returns {iterations, computeMs, ratio, finished, settled};
// positions() copies the x and y of every node, in the matrix's order.
export function createRun(settings, nodes, edges, maxIterations) {
  const count = nodes.length / PPN;
  const before = new Float32Array(count * 2);
  let iterations = 0;
  let perSlice = 1;
  let calm = 0;
  let computeMs = 0;

  const slice = () => {
    for (let i = 0, j = 0; i < nodes.length; i += PPN, j += 2) {
      before[j] = nodes[i];
      before[j + 1] = nodes[i + 1];
    }
    const s0 = performance.now();
    for (let k = 0; k < perSlice; k++) iterate(settings, nodes, edges);
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
    const ratio = moved / count / perSlice / extent;
    calm = ratio < SETTLED_RATIO ? calm + 1 : 0;
    const settled = calm >= CALM_SLICES;

    // Aim for slices of about SLICE_MS whatever the graph's size.
    perSlice = Math.max(1, Math.min(200, Math.round((perSlice * SLICE_MS) / Math.max(took, 0.1))));
    return { iterations, computeMs, ratio, settled, finished: settled || iterations >= maxIterations };
  };

  const positions = () => {
    const out = new Float32Array(count * 2);
    for (let i = 0, j = 0; i < nodes.length; i += PPN, j += 2) {
      out[j] = nodes[i];
      out[j + 1] = nodes[i + 1];
    }
    return out;
  };

  return { slice, positions };
}
