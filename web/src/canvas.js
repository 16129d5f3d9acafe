// The graph canvas: one graphology graph drawn by sigma. The graph holds
// exactly what is shown, with the attributes of the API's export, so that the
// export buttons can serialise it as it is; colours, sizes and emphasis are
// computed in sigma's reducers and never stored.

import Sigma from "sigma";
import { EdgeArrowProgram, EdgeLineProgram, EdgeRectangleProgram, NodeCircleProgram, NodePointProgram } from "sigma/rendering";
import { newGraph } from "./graph.js";
import { placeNodes, startLayout } from "./layout.js";
import layoutWorkerSource from "./layout-worker.js?worker";
import { DIMMED, OUTSIDE_BLOC, RELATION_STYLES, TYPE_COLORS, edgeSize, nodeSize } from "./styles.js";

// Above these many nodes the canvas draws for speed rather than detail: see
// replace().
const LIGHT_MOTION = 250;
const BIG_GRAPH = 2000;

// Sigma looks for the node (and edge) under the pointer at every mouse move,
// by reading a pixel back from the GPU, which waits for the frame being drawn
// to be finished. While the stage is dragged that lookup is useless and, with
// mouse events coming faster than frames, it stalls drawing at every event
// (down to one frame a second in software WebGL on 10,000 nodes); so during
// a drag the hovered items are kept as they are. These two methods are
// sigma's internal ones (3.0, pinned in package.json).
class Canvas extends Sigma {
  dragging() {
    const captor = this.getMouseCaptor();
    return captor.isMouseDown && captor.draggedEvents > 0;
  }

  // inMotion tells, as sigma's render() does, whether the camera moves, when
  // sigma hides edges (hideEdgesOnMove) and is sure to draw again once the
  // camera stops.
  inMotion() {
    if (!this.getSetting("hideEdgesOnMove")) return false;
    const captor = this.getMouseCaptor();
    return !!(this.getCamera().isAnimated() || captor.isMoving || captor.draggedEvents || captor.currentWheelDirection);
  }

  getNodeAtPosition(position) {
    return this.dragging() ? this.hoveredNode : super.getNodeAtPosition(position);
  }

  getEdgeAtPoint(x, y) {
    return this.dragging() ? this.hoveredEdge : super.getEdgeAtPoint(x, y);
  }
}

// lightInMotion makes a node program skip, while the camera moves, the
// hidden layer in which each node is drawn in a colour that identifies it,
// for finding the node under the pointer. A drag looks nothing up (see
// Canvas), a lookup during a camera animation finds no node, and the frame
// after the motion draws that layer again.
function lightInMotion(Program) {
  return class extends Program {
    render(params) {
      if (!this.renderer.inMotion()) return super.render(params);
      const pick = this.pickProgram;
      this.pickProgram = null;
      try {
        super.render(params);
      } finally {
        this.pickProgram = pick;
      }
    }
  };
}

// spawnLayoutWorker starts the layout's worker from the source that build.mjs
// bundled into the page (a blob URL needs no file of its own).
let workerURL = "";
function spawnLayoutWorker() {
  if (typeof Worker === "undefined" || typeof Blob === "undefined") return null;
  if (!workerURL) workerURL = URL.createObjectURL(new Blob([layoutWorkerSource], { type: "text/javascript" }));
  return new Worker(workerURL);
}

export class GraphView {
  // handlers: onNode(id), onEdge(key), onExpand(id), onStage().
  constructor(container, handlers) {
    this.graph = newGraph();
    this.selected = "";
    this.selectedEdge = "";
    this.hovered = "";
    this.blocs = null; // Map entity id → bloc colour, when blocs mode is on
    this.layout = null;
    this.big = false;
    this.layoutInfo = { iterations: 0, ms: 0, settled: true };
    this.sigma = new Canvas(this.graph, container, {
      defaultNodeType: "circle",
      defaultEdgeType: "line",
      nodeProgramClasses: { circle: lightInMotion(NodeCircleProgram), point: lightInMotion(NodePointProgram) },
      edgeProgramClasses: { line: EdgeRectangleProgram, arrow: EdgeArrowProgram, thin: EdgeLineProgram },
      enableEdgeEvents: true,
      zIndex: true,
      labelFont: "system-ui, sans-serif",
      labelSize: 13,
      labelWeight: "500",
      labelColor: { color: "#1f2328" },
      labelRenderedSizeThreshold: 7,
      minEdgeThickness: 0.8,
      nodeReducer: (node, attr) => this.nodeLook(node, attr),
      edgeReducer: (edge, attr) => this.edgeLook(edge, attr),
    });
    const s = this.sigma;
    s.on("clickNode", ({ node }) => handlers.onNode(node));
    s.on("doubleClickNode", (e) => {
      // Sigma would zoom on a double-click; here it means "expand".
      e.preventSigmaDefault();
      handlers.onExpand(e.node);
    });
    s.on("clickEdge", ({ edge }) => handlers.onEdge(edge));
    s.on("clickStage", () => handlers.onStage());
    s.on("enterNode", ({ node }) => {
      this.hovered = node;
      container.style.cursor = "pointer";
      s.refresh({ skipIndexation: true });
    });
    s.on("leaveNode", () => {
      this.hovered = "";
      container.style.cursor = "";
      s.refresh({ skipIndexation: true });
    });
    s.on("enterEdge", () => (container.style.cursor = "pointer"));
    s.on("leaveEdge", () => (container.style.cursor = ""));
  }

  // focus is the node whose neighbourhood is emphasised: the hovered one,
  // else the selected one.
  focusNode() {
    const f = this.hovered || this.selected;
    return f && this.graph.hasNode(f) ? f : "";
  }

  // edgeFocus is the selected edge, unless a hovered node takes over.
  edgeFocus() {
    return !this.hovered && this.selectedEdge && this.graph.hasEdge(this.selectedEdge) ? this.selectedEdge : "";
  }

  // emphasis is what the reducers need to know of the focus, worked out once
  // per change of graph, hover or selection rather than once per node and
  // edge: {edge} when an edge is selected, with its two ends in {nodes};
  // else {node}, with its neighbours in {nodes} and its edges in {edges}.
  emphasis() {
    const e = this.emphasisCache;
    if (e && e.graph === this.graph && e.hovered === this.hovered && e.selected === this.selected && e.selectedEdge === this.selectedEdge) return e;
    const next = { graph: this.graph, hovered: this.hovered, selected: this.selected, selectedEdge: this.selectedEdge, edge: "", node: "", nodes: new Set(), edges: new Set() };
    const edge = this.edgeFocus();
    const node = edge ? "" : this.focusNode();
    if (edge) {
      next.edge = edge;
      next.nodes.add(this.graph.source(edge)).add(this.graph.target(edge));
    } else if (node) {
      next.node = node;
      this.graph.forEachNeighbor(node, (n) => next.nodes.add(n));
      this.graph.forEachEdge(node, (k) => next.edges.add(k));
    }
    this.emphasisCache = next;
    return next;
  }

  nodeLook(node, attr) {
    const look = {
      x: attr.x,
      y: attr.y,
      label: attr.label || attr.name,
      size: nodeSize(attr.mention_count),
      color: this.blocs ? this.blocs.get(node) || OUTSIDE_BLOC : TYPE_COLORS[attr.type] || "#555",
      type: this.big ? "point" : "circle",
      zIndex: 1,
    };
    const focus = this.emphasis();
    if (focus.edge) {
      if (focus.nodes.has(node)) {
        look.forceLabel = true;
        look.zIndex = 3;
      } else {
        look.color = DIMMED;
        look.label = "";
        look.zIndex = 0;
      }
    } else if (focus.node) {
      if (node === focus.node) {
        look.highlighted = true;
        look.forceLabel = true;
        look.zIndex = 3;
      } else if (focus.nodes.has(node)) {
        look.zIndex = 2;
      } else {
        look.color = DIMMED;
        look.label = "";
        look.zIndex = 0;
      }
    }
    return look;
  }

  edgeLook(edge, attr) {
    const style = RELATION_STYLES[attr.type] || RELATION_STYLES.CO_MENTIONED;
    const look = {
      color: style.color,
      size: edgeSize(attr.type, attr.weight),
      type: this.big ? "thin" : style.arrow ? "arrow" : "line",
      zIndex: style.z,
    };
    const focus = this.emphasis();
    if (focus.edge) {
      if (edge === focus.edge) {
        look.size += 2;
        look.zIndex = 10;
      } else {
        look.color = DIMMED;
        look.zIndex = -1;
      }
    } else if (focus.node && !focus.edges.has(edge)) {
      look.color = DIMMED;
      look.zIndex = -1;
    }
    return look;
  }

  // show replaces the graph with the serialised one (the API's json export
  // format), keeping the positions of nodes that stay, and lays it out.
  show(serialised) {
    const previous = new Map();
    this.graph.forEachNode((n, a) => previous.set(n, { x: a.x, y: a.y }));
    const next = newGraph();
    next.import(serialised);
    placeNodes(next, previous);
    this.replace(next);
  }

  replace(next) {
    if (this.layout) this.layout.stop();
    // Without a GPU (software WebGL), a frame of a few hundred nodes and
    // their edges with arrowheads takes tens of milliseconds, of 10,000
    // nodes over a second. So beyond LIGHT_MOTION nodes, edges and labels
    // vanish while the camera moves (and the picking layer is not drawn, see
    // lightInMotion); beyond BIG_GRAPH nodes, nodes are drawn as points and
    // relations as one-pixel lines without arrowheads, about ten times
    // cheaper, and edges are not clickable, which spares their picking
    // layer.
    const big = next.order > BIG_GRAPH;
    const light = next.order > LIGHT_MOTION;
    this.big = big;
    this.sigma.setSetting("hideEdgesOnMove", light);
    this.sigma.setSetting("hideLabelsOnMove", light);
    this.sigma.setSetting("enableEdgeEvents", !big);
    this.graph = next;
    if (!next.hasNode(this.selected)) this.selected = "";
    if (!next.hasEdge(this.selectedEdge)) this.selectedEdge = "";
    this.sigma.setGraph(next);
    this.relayout();
  }

  relayout(options) {
    if (this.layout) this.layout.stop();
    this.layoutInfo = { iterations: 0, ms: 0, settled: false };
    const layout = startLayout(this.graph, { spawnWorker: spawnLayoutWorker, ...options });
    this.layout = layout;
    this.layoutDone = layout.done.then((info) => {
      if (this.layout === layout) this.layoutInfo = info;
      return info;
    });
    return this.layoutDone;
  }

  select(node) {
    this.selected = node && this.graph.hasNode(node) ? node : "";
    this.selectedEdge = "";
    this.sigma.refresh({ skipIndexation: true });
  }

  selectEdge(edge) {
    this.selectedEdge = edge && this.graph.hasEdge(edge) ? edge : "";
    this.selected = "";
    this.sigma.refresh({ skipIndexation: true });
  }

  setBlocs(colours) {
    this.blocs = colours;
    this.sigma.refresh({ skipIndexation: true });
  }

  // centerOn moves the camera to a node without changing the zoom.
  centerOn(node) {
    if (!this.graph.hasNode(node)) return;
    const pos = this.sigma.getNodeDisplayData(node);
    if (pos) this.sigma.getCamera().animate({ x: pos.x, y: pos.y }, { duration: 300 });
  }

  resetCamera() {
    this.sigma.getCamera().animatedReset({ duration: 300 });
  }

  // pan and zoom serve the keyboard: the canvas has no other way in.
  pan(dx, dy) {
    const cam = this.sigma.getCamera();
    const st = cam.getState();
    cam.animate({ x: st.x + dx * st.ratio, y: st.y + dy * st.ratio }, { duration: 120 });
  }

  zoom(factor) {
    const cam = this.sigma.getCamera();
    cam.animate({ ratio: cam.getState().ratio / factor }, { duration: 150 });
  }

  // png draws sigma's stacked canvases onto one, on white. Sigma's WebGL
  // layers do not keep their drawing buffer, so they are redrawn right here,
  // in the same task, before being copied.
  png() {
    this.sigma.refresh();
    const canvases = this.sigma.getCanvases();
    const first = Object.values(canvases)[0];
    const out = document.createElement("canvas");
    out.width = first.width;
    out.height = first.height;
    const ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    for (const name of ["edges", "edgeLabels", "nodes", "labels", "hovers", "hoverNodes"]) {
      const c = canvases[name];
      if (c) ctx.drawImage(c, 0, 0, out.width, out.height);
    }
    return new Promise((resolve) => out.toBlob(resolve, "image/png"));
  }
}
