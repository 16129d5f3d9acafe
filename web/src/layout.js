// ForceAtlas2 until the picture stops moving, preferably in a web worker:
// the page's thread then only draws, so the canvas stays responsive while a
// big graph lays out. Without a worker the same loop (layout-run.js) runs in
// short slices on the page's thread. Either way FA2's own matrices are kept
// between slices, which keeps its adaptive speeds.

import forceAtlas2 from "graphology-layout-forceatlas2";
import defaults from "graphology-layout-forceatlas2/defaults.js";
import helpers from "graphology-layout-forceatlas2/helpers.js";
import { createRun } from "./layout-run.js";

// Each position update makes sigma process and redraw the whole graph, so
// positions are published at most once per animation frame, and less often
// on bigger graphs, where a redraw costs far more than an iteration (tenths
// of a second without a GPU): the layout runs at computing speed and the
// picture still moves now and then.
export function publishEvery(order) {
  return order > 2000 ? 1000 : order > 500 ? 100 : 0;
}

// layoutSettings are FA2's settings for a graph. Barnes-Hut approximates the
// repulsion of distant nodes by their centre of mass; theta 1.2 is what
// ForceAtlas2's authors use by default (graphology's 0.5 is three times
// slower per iteration on 10,000 nodes, for a picture not visibly better,
// and it settles after as many iterations).
export function layoutSettings(graph) {
  // iterate() reads every setting, so the defaults must be filled in.
  return { ...defaults, ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 400, barnesHutTheta: 1.2 };
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
// {iterations, ms, computeMs, settled} once the drawing is still (and drawn
// so), or when maxIterations is reached, or when stop() is called.
// spawnWorker, when given, starts a worker running layout-worker.js; if it
// fails, or the worker does, the layout runs on this thread instead.
export function startLayout(graph, { maxIterations = 2000, spawnWorker = null } = {}) {
  let stopped = false;
  let stopWorker = () => {};
  const stop = () => {
    stopped = true;
    stopWorker();
  };
  const done = new Promise((resolve) => {
    const t0 = performance.now();
    if (graph.order < 2) {
      resolve({ iterations: 0, ms: 0, computeMs: 0, settled: true });
      return;
    }
    const settings = layoutSettings(graph);
    const matrices = helpers.graphToByteArrays(graph, edgeWeight);
    const every = publishEvery(graph.order);
    const publish = (positions) => {
      let i = 0;
      graph.updateEachNodeAttributes(
        (_node, attr) => {
          attr.x = positions[i];
          attr.y = positions[i + 1];
          i += 2;
          return attr;
        },
        { attributes: ["x", "y"] },
      );
    };
    const finish = (info) => resolve({ iterations: info.iterations, ms: performance.now() - t0, computeMs: info.computeMs, settled: !!info.settled });
    let last = { iterations: 0, computeMs: 0, settled: false };

    const inThread = () => {
      const run = createRun(settings, matrices.nodes, matrices.edges, maxIterations);
      let published = performance.now();
      const slice = () => {
        if (stopped) return finish({ ...last, settled: false });
        last = run.slice();
        if (last.finished || performance.now() - published >= every) {
          publish(run.positions());
          published = performance.now();
        }
        if (last.finished) return finish(last);
        setTimeout(slice, 0);
      };
      setTimeout(slice, 0);
    };

    let worker = null;
    try {
      worker = spawnWorker ? spawnWorker() : null;
    } catch {
      worker = null;
    }
    if (!worker) return inThread();

    // Positions from the worker are drawn at most once per frame: only the
    // latest counts.
    let pending = null;
    let frame = 0;
    const drawPending = () => {
      frame = 0;
      if (pending && !stopped) publish(pending);
      pending = null;
    };
    stopWorker = () => {
      worker.terminate();
      if (frame) cancelAnimationFrame(frame);
      finish({ ...last, settled: false });
    };
    worker.onmessage = (e) => {
      if (stopped) return;
      last = e.data;
      if (last.done) {
        worker.terminate();
        if (frame) cancelAnimationFrame(frame);
        publish(last.positions);
        finish(last);
        return;
      }
      pending = last.positions;
      if (!frame) frame = requestAnimationFrame(drawPending);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      if (frame) cancelAnimationFrame(frame);
      stopWorker = () => {};
      if (!stopped) inThread(); // from the start: the matrices were copied
    };
    const nodes = matrices.nodes.slice();
    const edges = matrices.edges.slice();
    worker.postMessage({ settings, nodes: nodes.buffer, edges: edges.buffer, maxIterations, publishMs: every }, [nodes.buffer, edges.buffer]);
  });
  return { done, stop };
}
