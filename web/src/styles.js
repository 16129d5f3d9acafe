// Colours, sizes and wording shared by the canvas, the legend and the panels,
// so that a type or a relation looks the same wherever it appears.

export const ENTITY_TYPES = ["Person", "Party", "State", "Organization", "Place"];
export const RELATION_TYPES = ["MET", "CO_MENTIONED", "SUPPORTS", "OPPOSES", "MEMBER_OF", "HOLDS_OFFICE"];

// Okabe–Ito colours: told apart by readers with the common colour-vision
// deficiencies, and dark enough to read as text on white.
export const TYPE_COLORS = {
  Person: "#0072B2",
  Party: "#D55E00",
  State: "#009E73",
  Organization: "#B0488F",
  Place: "#8A6D00",
};

// Meetings are what analysts look for, so they are dark and thick; the
// ubiquitous co-mentions stay faint underneath. Directed relations get arrows.
export const RELATION_STYLES = {
  MET: { color: "#1d3f8f", size: 1.8, arrow: false, label: "met", z: 3 },
  CO_MENTIONED: { color: "#c9ced6", size: 0.8, arrow: false, label: "mentioned together", z: 0 },
  SUPPORTS: { color: "#1e8449", size: 2, arrow: true, label: "supports", z: 2 },
  OPPOSES: { color: "#c0392b", size: 2, arrow: true, label: "opposes", z: 2 },
  MEMBER_OF: { color: "#7d3c98", size: 1.4, arrow: true, label: "member of", z: 1 },
  HOLDS_OFFICE: { color: "#b9770e", size: 1.4, arrow: true, label: "holds office in", z: 1 },
};

// Blocs get their own palette, distinct from the type colours, so that
// switching modes visibly changes the picture.
export const BLOC_COLORS = ["#E69F00", "#56B4E9", "#CC3311", "#117733", "#882255", "#44AA99", "#332288", "#999933", "#AA4499", "#6699CC"];
export const OUTSIDE_BLOC = "#d5d8dc";
export const DIMMED = "#e5e7eb";

// nodeSize grows with the logarithm of mentions: a superpower mentioned a
// thousand times must not hide the delegate mentioned twice.
export function nodeSize(mentions) {
  return 3 + 2.2 * Math.log2(1 + Math.max(0, mentions || 0));
}

export function edgeSize(relation, weight) {
  const base = (RELATION_STYLES[relation] || RELATION_STYLES.CO_MENTIONED).size;
  return base * (1 + Math.log2(Math.max(1, weight || 1)) / 4);
}

export function relationLabel(relation) {
  return (RELATION_STYLES[relation] || { label: relation }).label;
}
