// Unit tests of the layout: the loop shared by the worker and the page's
// thread, and startLayout's ways of running it (node has no Worker, so a
// worker is stood in for).
import assert from "node:assert/strict";
import { test } from "node:test";
import { CALM_SLICES, createRun } from "../src/layout-run.js";
import helpers from "graphology-layout-forceatlas2/helpers.js";
import { layoutSettings, startLayout } from "../src/layout.js";
import { syntheticGraph } from "../src/perf.js";

function positions(graph) {
  return graph.mapNodes((_n, a) => [a.x, a.y]);
}

test("the loop settles a small graph and says so", () => {
  const graph = syntheticGraph(200);
  const m = helpers.graphToByteArrays(graph, () => 1);
  const run = createRun(layoutSettings(graph), m.nodes, m.edges, 5000);
  let info;
  let slices = 0;
  do {
    info = run.slice();
    slices++;
  } while (!info.finished);
  assert.equal(info.settled, true);
  assert.ok(slices >= CALM_SLICES, `${slices} slices`);
  assert.ok(info.iterations < 5000);
  assert.equal(run.positions().length, graph.order * 2);
});

test("the loop stops at maxIterations, unsettled", () => {
  const graph = syntheticGraph(500);
  const m = helpers.graphToByteArrays(graph, () => 1);
  const run = createRun(layoutSettings(graph), m.nodes, m.edges, 3);
  let info;
  do info = run.slice();
  while (!info.finished);
  assert.equal(info.settled, false);
  assert.ok(info.iterations >= 3);
});

test("without a worker the layout runs on this thread and moves the nodes", async () => {
  const graph = syntheticGraph(150);
  const before = positions(graph);
  const info = await startLayout(graph).done;
  assert.equal(info.settled, true);
  assert.ok(info.iterations > 0 && info.ms >= info.computeMs);
  assert.notDeepEqual(positions(graph), before);
});

test("a worker that cannot start, or fails, leaves the layout to this thread", async (t) => {
  await t.test("spawn throws", async () => {
    const info = await startLayout(syntheticGraph(100), {
      spawnWorker: () => {
        throw new Error("no workers here");
      },
    }).done;
    assert.equal(info.settled, true);
  });
  await t.test("worker errors", async () => {
    const worker = {
      terminated: false,
      postMessage() {
        setTimeout(() => this.onerror({ preventDefault() {} }), 5);
      },
      terminate() {
        this.terminated = true;
      },
    };
    const info = await startLayout(syntheticGraph(100), { spawnWorker: () => worker }).done;
    assert.equal(info.settled, true);
    assert.equal(worker.terminated, true);
  });
});

test("the worker's final positions are drawn, and stop() ends a running layout", async (t) => {
  await t.test("done", async () => {
    const graph = syntheticGraph(50);
    const worker = {
      postMessage(data) {
        const nodes = new Float32Array(data.nodes);
        const positions = new Float32Array(nodes.length / 10 * 2).map((_, i) => i);
        setTimeout(() => this.onmessage({ data: { done: true, settled: true, iterations: 7, computeMs: 1, positions } }), 5);
      },
      terminate() {},
    };
    const info = await startLayout(graph, { spawnWorker: () => worker }).done;
    assert.deepEqual({ settled: info.settled, iterations: info.iterations }, { settled: true, iterations: 7 });
    assert.deepEqual(positions(graph)[1], [2, 3]);
  });
  await t.test("stop", async () => {
    let terminated = false;
    const layout = startLayout(syntheticGraph(50), { spawnWorker: () => ({ postMessage() {}, terminate: () => (terminated = true) }) });
    layout.stop();
    const info = await layout.done;
    assert.equal(info.settled, false);
    assert.equal(terminated, true);
  });
});
