// The explorer's controller: it owns the view state (mirrored in the URL),
// loads the subgraph the state describes onto the canvas, and opens the side
// panel's views. Everything the page shows comes from the /api/v1 endpoints.

import "./style.css";
import { getJSON } from "./api.js";
import { GraphView } from "./canvas.js";
import { h, plural } from "./dom.js";
import { download, toCSV, toGEXF, toGraphML, toJSON, zip } from "./export.js";
import { documentView, edgeView, entityView, meetingsView } from "./panel.js";
import { setupSearch } from "./search.js";
import { YEAR_MAX, YEAR_MIN, period, periodLabel, readState, writeState } from "./state.js";
import { BLOC_COLORS, ENTITY_TYPES, RELATION_STYLES, RELATION_TYPES, TYPE_COLORS, nodeSize } from "./styles.js";

const NODE_LIMIT = 500; // enough for a readable picture; the API allows more
const $ = (id) => document.getElementById(id);

let state = readState(location.search);
let view = null; // the GraphView; null when WebGL is unavailable
let graphRequest = null;
let panelRequest = null;
let blocRequest = null;
let blocs = []; // the communities of the period, when blocs mode is on
let panelHistory = []; // panel views to go back to from a document
let currentPanel = null;
let afterRender = [];

// --- errors --------------------------------------------------------------

function showError(err) {
  const text = err && err.message ? err.message : String(err);
  $("alert-text").textContent = text;
  $("alert").hidden = false;
}

function clearError() {
  $("alert").hidden = true;
}

window.addEventListener("error", (e) => showError(`Something went wrong in the page: ${e.message}. Reloading it usually helps.`));
window.addEventListener("unhandledrejection", (e) => {
  if (e.reason && e.reason.name === "AbortError") return;
  showError(e.reason && e.reason.name === "ApiError" ? e.reason : `Something went wrong in the page: ${e.reason}. Reloading it usually helps.`);
});

// --- URL -------------------------------------------------------------------

function saveState(push = false) {
  const url = location.pathname + writeState(state);
  if (url === location.pathname + location.search) return;
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}

window.addEventListener("popstate", () => {
  state = readState(location.search);
  syncControls();
  loadGraph();
  openPanelFromState();
});

// --- the canvas ------------------------------------------------------------

function seeds() {
  return state.seed ? [state.seed, ...state.expand] : [];
}

function setBusy(el, busy) {
  el.classList.toggle("busy", busy);
}

// The canvas's placeholder greets a first visit, and explains an empty or
// failed view instead of leaving a blank area.
const welcome = { title: $("empty-title").textContent, text: $("empty-text").textContent };
function canvasMessage(title, text) {
  $("empty-title").textContent = title || welcome.title;
  $("empty-text").textContent = text || welcome.text;
  $("empty").hidden = false;
}

async function loadGraph() {
  if (graphRequest) graphRequest.abort();
  if (!view) return;
  if (state.seed) $("empty").hidden = true;
  else canvasMessage();
  if (!state.seed) {
    view.show({ nodes: [], edges: [] });
    updateStatus();
    renderLegend();
    return;
  }
  graphRequest = new AbortController();
  const signal = graphRequest.signal;
  setBusy($("status"), true);
  $("canvas").dataset.loading = "1";
  try {
    const p = period(state);
    const data = await getJSON(
      "/subgraph",
      { seed: seeds(), depth: 1, rel: state.rel.join(","), type: state.types.join(","), ...p, limit: NODE_LIMIT, format: "json" },
      { what: "the graph", signal },
    );
    view.show(data);
    if (!view.graph.order) canvasMessage("Nothing to show", `No entity matches these filters, ${periodLabel(state)}. Widen the years or tick more relation types.`);
    if (state.sel) view.select(state.sel);
    updateStatus();
    renderLegend();
    view.layoutDone.then(() => updateStatus());
    if (currentPanel && currentPanel.kind === "overview") openPanel(currentPanel);
    if (state.blocs) await loadBlocs(signal);
  } catch (err) {
    if (err.name !== "AbortError") {
      showError(err);
      view.show({ nodes: [], edges: [] });
      updateStatus();
      renderLegend();
      canvasMessage("The graph could not be loaded", err.message);
    }
  } finally {
    if (!signal.aborted) {
      setBusy($("status"), false);
      delete $("canvas").dataset.loading;
    }
  }
}

async function loadBlocs(signal) {
  if (!view) return;
  if (blocRequest) blocRequest.abort();
  if (!state.blocs) {
    blocs = [];
    view.setBlocs(null);
    renderLegend();
    return;
  }
  blocRequest = new AbortController();
  const own = blocRequest.signal;
  if (signal) signal.addEventListener("abort", () => blocRequest && blocRequest.abort());
  try {
    const res = await getJSON("/communities", period(state), { what: "the blocs of this period", signal: own });
    blocs = res.items.map((c, i) => ({ ...c, color: BLOC_COLORS[i % BLOC_COLORS.length] }));
    const colours = new Map();
    for (const b of blocs) for (const m of b.members) colours.set(m.id, b.color);
    view.setBlocs(colours);
    renderLegend();
  } catch (err) {
    if (err.name !== "AbortError") showError(err);
  }
}

function updateStatus() {
  const canvas = $("canvas");
  if (!view) return;
  const g = view.graph;
  const settled = view.layoutInfo.settled || !view.layout;
  canvas.dataset.nodes = String(g.order);
  canvas.dataset.edges = String(g.size);
  canvas.dataset.layout = settled ? "settled" : "running";
  canvas.dataset.period = periodLabel(state);
  $("status").textContent = state.seed ? `${plural(g.order, "entity", "entities")} · ${plural(g.size, "relation")} · ${periodLabel(state)}${settled ? "" : " · laying out"}` : "";
}

function renderLegend() {
  const legend = $("legend");
  legend.replaceChildren();
  if (!view || !view.graph.order) return;
  const present = { types: new Set(), rels: new Set() };
  view.graph.forEachNode((_n, a) => present.types.add(a.type));
  view.graph.forEachEdge((_e, a) => present.rels.add(a.type));
  if (state.blocs) {
    legend.append(h("h3", {}, `Blocs, ${periodLabel(state)}`));
    const shown = blocs.filter((b) => b.members.some((m) => view.graph.hasNode(m.id)));
    if (!shown.length) legend.append(h("span", { class: "item" }, "No state or party of this view is in a bloc."));
    for (const b of shown) {
      const names = b.members.map((m) => m.name);
      legend.append(
        h("span", { class: "item", title: names.join(", ") }, h("span", { class: "dot", style: { background: b.color } }), names.slice(0, 3).join(", ") + (names.length > 3 ? ` +${names.length - 3}` : "")),
      );
    }
  } else {
    for (const t of ENTITY_TYPES) {
      if (present.types.has(t)) legend.append(h("span", { class: "item" }, h("span", { class: "dot", style: { background: TYPE_COLORS[t] } }), t));
    }
  }
  for (const r of RELATION_TYPES) {
    if (present.rels.has(r)) {
      const s = RELATION_STYLES[r];
      legend.append(h("span", { class: "item" }, h("span", { class: "swatch", style: { background: s.color, height: `${Math.max(2, s.size + 1)}px` } }), s.label + (s.arrow ? " →" : "")));
    }
  }
}

// --- the side panel --------------------------------------------------------

const app = {
  period: () => period(state),
  periodLabel: () => periodLabel(state),
  hasNode: (id) => !!view && view.graph.hasNode(id),
  nodeName: (id) => (view && view.graph.hasNode(id) ? view.graph.getNodeAttribute(id, "name") : id),
  afterRender: (fn) => afterRender.push(fn),
  selectNode,
  expand,
  centerOn: (id) => view && view.centerOn(id),
  openMeetings: (person, counterpart = "") => {
    state.sel = person;
    state.view = "meetings";
    state.with = counterpart;
    saveState();
    openPanel({ kind: "meetings", person, counterpart });
  },
  openDocument: (id, highlight) => {
    if (currentPanel && currentPanel.kind !== "document") panelHistory.push(currentPanel);
    state.view = "doc";
    state.doc = id;
    saveState();
    openPanel({ kind: "document", id, highlight });
  },
  back: () => {
    const previous = panelHistory.pop();
    state.view = previous && previous.kind === "meetings" ? "meetings" : "";
    saveState();
    openPanel(previous || { kind: "overview" });
  },
};

async function openPanel(request) {
  if (panelRequest) panelRequest.abort();
  panelRequest = new AbortController();
  const signal = panelRequest.signal;
  currentPanel = request;
  const panel = $("panel");
  panel.setAttribute("aria-busy", "true");
  afterRender = [];
  try {
    let parts;
    switch (request.kind) {
      case "entity":
        parts = await entityView(app, request.id, signal);
        break;
      case "edge":
        parts = await edgeView(app, request.edge, signal);
        break;
      case "meetings":
        parts = await meetingsView(app, request.person, request.counterpart, signal);
        break;
      case "document":
        parts = await documentView(app, request.id, request.highlight, signal);
        break;
      default:
        parts = overview();
    }
    if (signal.aborted) return;
    panel.replaceChildren(...parts.filter(Boolean));
    panel.scrollTop = 0;
    panel.dataset.view = request.kind;
    for (const fn of afterRender) fn();
  } catch (err) {
    if (err.name === "AbortError") return;
    panel.replaceChildren(h("h2", {}, "Nothing to show"), h("p", { class: "hint" }, err.message));
    panel.dataset.view = "error";
    showError(err);
  } finally {
    if (!signal.aborted) panel.removeAttribute("aria-busy");
  }
}

// overview lists the entities on the canvas, biggest first: the keyboard's
// way to every node.
function overview() {
  const parts = [h("h2", {}, "This view")];
  if (!state.seed || !view || !view.graph.order) {
    parts.push(
      h("p", { class: "hint" }, "Search for a name to begin. Click a node or a line on the graph for its evidence; double-click a node to add its neighbours."),
      h("p", { class: "hint" }, "Keys: / focuses the search; on the graph, arrows pan, + and − zoom and 0 fits everything."),
    );
    return parts;
  }
  const nodes = [];
  view.graph.forEachNode((id, a) => nodes.push({ id, ...a }));
  nodes.sort((x, y) => (y.mention_count || 0) - (x.mention_count || 0) || x.name.localeCompare(y.name));
  parts.push(h("p", { class: "sub" }, `${plural(view.graph.order, "entity", "entities")} and ${plural(view.graph.size, "relation")}, ${periodLabel(state)}.`));
  const list = h("ul");
  for (const n of nodes.slice(0, 200)) {
    list.append(
      h(
        "li",
        { class: "relation" },
        h("div", { class: "head" }, h("span", { class: "dot", style: { background: TYPE_COLORS[n.type] } }), h("button", { type: "button", class: "link", onclick: () => selectNode(n.id) }, n.name), h("span", { class: "weight" }, plural(n.mention_count || 0, "mention"))),
      ),
    );
  }
  parts.push(list);
  return parts;
}

function openPanelFromState() {
  panelHistory = [];
  if (state.view === "doc" && state.doc) {
    if (state.sel) panelHistory.push({ kind: "entity", id: state.sel });
    openPanel({ kind: "document", id: state.doc });
  } else if (state.view === "meetings" && state.sel) openPanel({ kind: "meetings", person: state.sel, counterpart: state.with });
  else if (state.sel) openPanel({ kind: "entity", id: state.sel });
  else openPanel({ kind: "overview" });
}

// selectNode opens an entity in the panel. The camera moves to it only when
// it was picked from a list: a node clicked on the canvas is already in view.
function selectNode(id, { fromCanvas = false } = {}) {
  clearError();
  state.sel = id;
  state.view = "";
  saveState();
  if (view) {
    view.select(id);
    if (!fromCanvas && view.graph.hasNode(id)) view.centerOn(id);
  }
  panelHistory = [];
  openPanel({ kind: "entity", id });
}

function selectEdge(key) {
  if (!view) return;
  clearError();
  view.selectEdge(key);
  state.sel = "";
  state.view = "";
  saveState();
  panelHistory = [];
  const g = view.graph;
  openPanel({ kind: "edge", edge: { key, source: g.source(key), target: g.target(key), attributes: g.getEdgeAttributes(key) } });
}

// openEntity starts a new view on an entity, as a search does.
function openEntity(id) {
  clearError();
  state.seed = id;
  state.expand = [];
  state.sel = id;
  state.view = "";
  saveState(true);
  loadGraph();
  panelHistory = [];
  openPanel({ kind: "entity", id });
}

// expand adds an entity's neighbours to the view: it becomes one more seed
// of the subgraph, so the expansion survives filter changes and links.
function expand(id) {
  if (!state.seed) return openEntity(id);
  if (id !== state.seed && !state.expand.includes(id)) state.expand.push(id);
  state.sel = id;
  state.view = "";
  saveState(true);
  loadGraph();
  panelHistory = [];
  openPanel({ kind: "entity", id });
}

// --- controls --------------------------------------------------------------

function buildControls() {
  for (const id of ["from", "to"]) {
    const input = $(id);
    input.min = String(YEAR_MIN);
    input.max = String(YEAR_MAX);
  }
  const rels = $("rels");
  for (const r of RELATION_TYPES) {
    const s = RELATION_STYLES[r];
    rels.append(h("label", {}, h("input", { type: "checkbox", name: "rel", value: r }), h("span", { class: "swatch", style: { background: s.color } }), s.label));
  }
  const types = $("types");
  for (const t of ENTITY_TYPES) {
    types.append(h("label", {}, h("input", { type: "checkbox", name: "type", value: t }), h("span", { class: "dot", style: { background: TYPE_COLORS[t] } }), t));
  }
}

function syncControls() {
  $("from").value = String(state.from);
  $("to").value = String(state.to);
  $("period").textContent = periodLabel(state);
  for (const box of document.querySelectorAll('input[name="rel"]')) box.checked = !state.rel.length || state.rel.includes(box.value);
  for (const box of document.querySelectorAll('input[name="type"]')) box.checked = !state.types.length || state.types.includes(box.value);
  $("blocs").checked = state.blocs;
}

let yearTimer = 0;
function onYears(changed) {
  let from = Number($("from").value);
  let to = Number($("to").value);
  // The thumbs push each other rather than cross.
  if (from > to) {
    if (changed === "from") to = from;
    else from = to;
  }
  state.from = from;
  state.to = to;
  $("from").value = String(from);
  $("to").value = String(to);
  $("period").textContent = periodLabel(state);
  saveState();
  // Wait for the thumb to rest: every stop would otherwise be a query.
  clearTimeout(yearTimer);
  yearTimer = setTimeout(() => {
    clearError();
    loadGraph();
    if (currentPanel && ["entity", "meetings"].includes(currentPanel.kind)) openPanel(currentPanel);
  }, 250);
}

function checked(name) {
  const boxes = [...document.querySelectorAll(`input[name="${name}"]`)];
  const on = boxes.filter((b) => b.checked).map((b) => b.value);
  return on.length === boxes.length ? [] : on;
}

function wireControls() {
  $("from").addEventListener("input", () => onYears("from"));
  $("to").addEventListener("input", () => onYears("to"));
  $("rels").addEventListener("change", () => {
    state.rel = checked("rel");
    if (!document.querySelectorAll('input[name="rel"]:checked').length) {
      showError("Choose at least one relation type to show.");
      return;
    }
    saveState();
    loadGraph();
  });
  $("types").addEventListener("change", () => {
    state.types = checked("type");
    if (!document.querySelectorAll('input[name="type"]:checked').length) {
      showError("Choose at least one entity type to show.");
      return;
    }
    saveState();
    loadGraph();
  });
  $("blocs").addEventListener("change", () => {
    state.blocs = $("blocs").checked;
    saveState();
    loadBlocs();
  });
  $("alert-close").addEventListener("click", clearError);
  for (const button of document.querySelectorAll("[data-export]")) {
    button.addEventListener("click", () => exportView(button.dataset.export));
  }
  $("zoom-in").addEventListener("click", () => view && view.zoom(1.5));
  $("zoom-out").addEventListener("click", () => view && view.zoom(1 / 1.5));
  $("zoom-fit").addEventListener("click", () => view && view.resetCamera());
  $("canvas").addEventListener("keydown", (e) => {
    if (!view) return;
    const step = 60;
    const keys = {
      ArrowLeft: () => view.pan(-step, 0),
      ArrowRight: () => view.pan(step, 0),
      ArrowUp: () => view.pan(0, step),
      ArrowDown: () => view.pan(0, -step),
      "+": () => view.zoom(1.5),
      "=": () => view.zoom(1.5),
      "-": () => view.zoom(1 / 1.5),
      0: () => view.resetCamera(),
    };
    if (keys[e.key]) {
      e.preventDefault();
      keys[e.key]();
    }
  });
  document.addEventListener("keydown", (e) => {
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName);
    if (e.key === "/" && !typing) {
      e.preventDefault();
      $("q").focus();
    }
  });
  // Menus close when focus or a click leaves them.
  document.addEventListener("click", (e) => {
    for (const menu of document.querySelectorAll("details.menu[open]")) if (!menu.contains(e.target)) menu.open = false;
  });
}

// --- export ----------------------------------------------------------------

function fileStem() {
  const seed = (state.seed || "view").replace(/^[a-z]+\//, "").replace(/[^A-Za-z0-9-]+/g, "-");
  const years = state.from === YEAR_MIN && state.to === YEAR_MAX ? "" : `-${state.from}-${state.to}`;
  return `archivegraph-${seed}${years}`;
}

async function exportView(format) {
  if (!view) {
    showError("There is no graph to export: this browser could not draw one.");
    return;
  }
  if (!view.graph.order) {
    showError("The graph is empty: search for a name first, then export.");
    return;
  }
  const g = view.graph;
  const look = (id) => {
    const d = view.sigma.getNodeDisplayData(id);
    return { color: view.blocs ? view.blocs.get(id) || "#d5d8dc" : TYPE_COLORS[g.getNodeAttribute(id, "type")], size: d ? d.size : nodeSize(g.getNodeAttribute(id, "mention_count")) };
  };
  const stem = fileStem();
  switch (format) {
    case "graphml":
      return download(`${stem}.graphml`, toGraphML(g, look), "application/graphml+xml");
    case "gexf":
      return download(`${stem}.gexf`, toGEXF(g, look), "application/gexf+xml");
    case "csv":
      return download(`${stem}.csv.zip`, zip(toCSV(g)), "application/zip");
    case "json":
      return download(`${stem}.json`, toJSON(g), "application/json");
    case "png":
      return download(`${stem}.png`, await view.png(), "image/png");
  }
}

// --- start -----------------------------------------------------------------

async function showStats() {
  try {
    const s = await getJSON("/stats", {}, { what: "the archive's statistics" });
    $("stats").textContent = `${plural(s.documents, "document")} · ${plural(s.entities, "entity", "entities")} · ${plural(s.relations, "relation")}`;
  } catch (err) {
    showError(err);
  }
}

function start() {
  buildControls();
  syncControls();
  wireControls();
  try {
    view = new GraphView($("canvas"), {
      onNode: (id) => selectNode(id, { fromCanvas: true }),
      onEdge: selectEdge,
      onExpand: expand,
      onStage: () => {
        if (view) view.select("");
        state.sel = "";
        state.view = "";
        saveState();
        openPanel({ kind: "overview" });
      },
    });
  } catch (err) {
    showError(`This browser cannot draw the graph (${err.message}). Search, meetings and documents still work in the side panel.`);
    canvasMessage("The graph cannot be drawn here", "This browser offers no WebGL, which the graph needs. Search, meetings and documents still work in the side panel.");
  }
  window.__explorer = { get view() { return view; }, get state() { return state; } };

  const perf = Number(new URLSearchParams(location.search).get("perf"));
  if (perf > 0) {
    import("./perf.js").then((m) => m.runPerf(view, perf, { status: $("status"), empty: $("empty") }));
    return;
  }
  setupSearch({ input: $("q"), button: $("go"), list: $("suggestions"), onPick: (item) => openEntity(item.id), onError: showError });
  showStats();
  loadGraph();
  openPanelFromState();
}

start();
