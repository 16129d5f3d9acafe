// The layout's web worker: it receives FA2's matrices and settings, runs
// the loop of layout-run.js until the picture is still, and posts the
// positions back now and then ({positions}) and once at the end ({done}).
// The page stops it by terminating it. build.mjs bundles this file into a
// string that the page starts from a blob URL.

import { createRun } from "./layout-run.js";

self.onmessage = (event) => {
  const { settings, nodes, edges, maxIterations, publishMs } = event.data;
  const run = createRun(settings, new Float32Array(nodes), new Float32Array(edges), maxIterations);
  let published = performance.now();
  for (;;) {
    const info = run.slice();
    if (info.finished) {
      const positions = run.positions();
      self.postMessage({ done: true, positions, ...info }, [positions.buffer]);
      return;
    }
    if (performance.now() - published >= publishMs) {
      const positions = run.positions();
      self.postMessage({ done: false, positions, ...info }, [positions.buffer]);
      published = performance.now();
    }
  }
};
