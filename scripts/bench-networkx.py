#!/usr/bin/env python3
"""Distances with networkx, for the Kontor network benchmark to compare against.

Usage: bench-networkx.py EDGES PAIRS

EDGES holds one contact per line (`a b`), PAIRS one pair per line (`a b`). For each pair
it prints `a b distance microseconds`, where distance is `none` when the two are not
within four steps. networkx's bidirectional search has no depth limit, so the limit is
applied to its answer: pairs further apart cost it a longer search than a bounded one.
"""

import sys
import time

import networkx as nx

MAX_DEPTH = 4


def main() -> None:
    edges, pairs = sys.argv[1], sys.argv[2]
    graph = nx.read_edgelist(edges, nodetype=int)
    out = []
    with open(pairs) as lines:
        for line in lines:
            a, b = (int(x) for x in line.split())
            started = time.perf_counter()
            try:
                distance = len(nx.bidirectional_shortest_path(graph, a, b)) - 1
            except (nx.NetworkXNoPath, nx.NodeNotFound):
                distance = None
            micros = (time.perf_counter() - started) * 1e6
            shown = distance if distance is not None and distance <= MAX_DEPTH else "none"
            out.append(f"{a} {b} {shown} {micros:.1f}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
