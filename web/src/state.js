// The view lives in the URL's query string, so that a copied link reopens
// the same seeds, filters, years and selection.

import { ENTITY_TYPES, RELATION_TYPES } from "./styles.js";

export const YEAR_MIN = 1940;
export const YEAR_MAX = 1995;

export function emptyState() {
  return {
    seed: "", // the entity the view was opened on
    expand: [], // entities expanded since, in order
    from: YEAR_MIN,
    to: YEAR_MAX,
    rel: [], // relation types shown; empty means all
    types: [], // entity types shown; empty means all
    blocs: false,
    sel: "", // selected entity
    view: "", // side panel: "", "meetings" or "doc"
    doc: "", // open document
    with: "", // counterpart filter of the meetings view
  };
}

function year(value, fallback) {
  const n = Number.parseInt(value, 10);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(YEAR_MAX, Math.max(YEAR_MIN, n));
}

function list(value, allowed) {
  if (!value) return [];
  const byUpper = new Map(allowed.map((a) => [a.toUpperCase(), a]));
  return value
    .split(",")
    .map((v) => byUpper.get(v.trim().toUpperCase()))
    .filter(Boolean);
}

// readState parses a query string; anything unknown or malformed falls back
// to the default rather than breaking the page.
export function readState(search) {
  const q = new URLSearchParams(search);
  const s = emptyState();
  s.seed = q.get("seed") || "";
  s.expand = q.getAll("x").filter((x) => x && x !== s.seed);
  s.from = year(q.get("from"), YEAR_MIN);
  s.to = year(q.get("to"), YEAR_MAX);
  if (s.from > s.to) [s.from, s.to] = [s.to, s.from];
  s.rel = list(q.get("rel"), RELATION_TYPES);
  s.types = list(q.get("type"), ENTITY_TYPES);
  s.blocs = q.get("blocs") === "1";
  s.sel = q.get("sel") || "";
  s.view = ["meetings", "doc"].includes(q.get("view")) ? q.get("view") : "";
  s.doc = q.get("doc") || "";
  s.with = q.get("with") || "";
  return s;
}

// writeState is readState's inverse; defaults are left out to keep links short.
export function writeState(s) {
  const q = new URLSearchParams();
  if (s.seed) q.set("seed", s.seed);
  for (const x of s.expand) q.append("x", x);
  if (s.from !== YEAR_MIN) q.set("from", String(s.from));
  if (s.to !== YEAR_MAX) q.set("to", String(s.to));
  if (s.rel.length && s.rel.length < RELATION_TYPES.length) q.set("rel", s.rel.join(","));
  if (s.types.length && s.types.length < ENTITY_TYPES.length) q.set("type", s.types.join(","));
  if (s.blocs) q.set("blocs", "1");
  if (s.sel) q.set("sel", s.sel);
  if (s.view) q.set("view", s.view);
  if (s.view === "doc" && s.doc) q.set("doc", s.doc);
  if (s.view === "meetings" && s.with) q.set("with", s.with);
  const text = q.toString();
  return text ? "?" + text : "";
}

// period turns the slider into the API's from/to; the full range means no
// bound at all, so that undated evidence is not silently dropped.
export function period(s) {
  return {
    from: s.from > YEAR_MIN ? String(s.from) : "",
    to: s.to < YEAR_MAX ? String(s.to) : "",
  };
}

export function periodLabel(s) {
  if (s.from === YEAR_MIN && s.to === YEAR_MAX) return "all years";
  if (s.from === YEAR_MIN) return `up to ${s.to}`;
  if (s.to === YEAR_MAX) return `from ${s.from}`;
  if (s.from === s.to) return String(s.from);
  return `${s.from}–${s.to}`;
}
