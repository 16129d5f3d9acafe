// The shape of every graph the explorer holds: mixed, because meetings and
// co-mentions are symmetric while support and membership point somewhere,
// and multi, because two entities can be related in several ways at once.
// It is the shape of the API's json export, which imports into it as is.

import Graph from "graphology";

export function newGraph() {
  return new Graph({ type: "mixed", multi: true, allowSelfLoops: false });
}
