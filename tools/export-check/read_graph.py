#!/usr/bin/env python3
"""Read a GraphML or GEXF export with NetworkX and print what it understood.

Usage: read_graph.py FILE graphml|gexf

Prints one JSON object: {"networkx": version, "directed": bool,
"multigraph": bool, "attrs": graph attributes, "nodes": {id: attributes},
"edges": [{"source", "target", "key", "attrs"}]}. The Go tests of the export
package compare it with the subgraph they wrote, so that the files are
checked by a real reader rather than by string comparison.
"""

import json
import sys

import networkx as nx


def main():
    if len(sys.argv) != 3 or sys.argv[2] not in ("graphml", "gexf"):
        sys.exit("usage: read_graph.py FILE graphml|gexf")
    path, fmt = sys.argv[1], sys.argv[2]
    if fmt == "graphml":
        g = nx.read_graphml(path)
    else:
        g = nx.read_gexf(path)
    edges = []
    if g.is_multigraph():
        for source, target, key, attrs in g.edges(keys=True, data=True):
            edges.append({"source": source, "target": target, "key": str(key), "attrs": attrs})
    else:
        for source, target, attrs in g.edges(data=True):
            edges.append({"source": source, "target": target, "key": "", "attrs": attrs})
    json.dump(
        {
            "networkx": nx.__version__,
            "directed": g.is_directed(),
            "multigraph": g.is_multigraph(),
            "attrs": {k: v for k, v in g.graph.items() if isinstance(v, (str, int, float, bool))},
            "nodes": {str(n): attrs for n, attrs in g.nodes(data=True)},
            "edges": edges,
        },
        sys.stdout,
        ensure_ascii=False,
    )


if __name__ == "__main__":
    main()
