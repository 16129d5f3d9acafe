// The graph canvas: one graphology graph drawn by sigma. The graph holds
// exactly what is shown, with the attributes of the API's export, so that the
// export buttons can serialise it as it is; colours, sizes and emphasis are
// computed in sigma's reducers and never stored.

import Sigma from "sigma";
import { EdgeArrowProgram, EdgeRectangleProgram, NodeCircleProgram } from "sigma/rendering";
import { newGraph } from "./graph.js";
import { placeNodes, startLayout } from "./layout.js";
import { DIMMED, OUTSIDE_BLOC, RELATION_STYLES, TYPE_COLORS, edgeSize, nodeSize } from "./styles.js";

const BIG_GRAPH = 2000; // nodes

export class GraphView {
  // handlers: onNode(id), onEdge(key), onExpand(id), onStage().
  constructor(container, handlers) {
    this.graph = newGraph();
    this.selected = "";
    this.selectedEdge = "";
    this.hovered = "";
    this.blocs = null; // Map entity id → bloc colour, when blocs mode is on
    this.layout = null;
    this.layoutInfo = { iterations: 0, ms: 0, settled: true };
    this.sigma = new Sigma(this.graph, container, {
      defaultNodeType: "circle",
      defaultEdgeType: "line",
      nodeProgramClasses: { circle: NodeCircleProgram },
      edgeProgramClasses: { line: EdgeRectangleProgram, arrow: EdgeArrowProgram },
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

  nodeLook(node, attr) {
    const look = {
      x: attr.x,
      y: attr.y,
      label: attr.label || attr.name,
      size: nodeSize(attr.mention_count),
      color: TYPE_COLORS[attr.type] || "#555",
      type: "circle",
      zIndex: 1,
    };
    if (this.blocs) {
      look.color = this.blocs.get(node) || OUTSIDE_BLOC;
    }
    const edge = this.edgeFocus();
    if (edge) {
      if (this.graph.hasExtremity(edge, node)) {
        look.forceLabel = true;
        look.zIndex = 3;
      } else {
        look.color = DIMMED;
        look.label = "";
        look.zIndex = 0;
      }
      return look;
    }
    const focus = this.focusNode();
    if (focus) {
      if (node === focus) {
        look.highlighted = true;
        look.forceLabel = true;
        look.zIndex = 3;
      } else if (this.graph.areNeighbors(node, focus)) {
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
      type: style.arrow ? "arrow" : "line",
      zIndex: style.z,
    };
    const selected = this.edgeFocus();
    if (selected) {
      if (edge === selected) {
        look.size += 2;
        look.zIndex = 10;
      } else {
        look.color = DIMMED;
        look.zIndex = -1;
      }
      return look;
    }
    const focus = this.focusNode();
    if (focus && !this.graph.hasExtremity(edge, focus)) {
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
    // Big graphs trade detail in motion for fluid motion: edges and labels
    // vanish while the camera moves, and edges are not clickable, which
    // spares a second drawing pass per frame.
    const big = next.order > BIG_GRAPH;
    this.sigma.setSetting("hideEdgesOnMove", big);
    this.sigma.setSetting("hideLabelsOnMove", big);
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
    const layout = startLayout(this.graph, options);
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
