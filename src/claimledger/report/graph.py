"""The source graph: how claims travel from their origins through relays (via) to the outlets
that publish them. Each claim walks origin -> via[0] -> via[1]... -> outlet; an edge's weight is
the number of claims that travel it. Outlet-voice claims have no origin node (the outlet speaks)."""

from __future__ import annotations

import itertools
from collections import Counter

from .model import GraphEdge, GraphNode, SourceGraph
from .view import LedgerView

__all__ = ["GRAPH_MAX_ORIGINS", "OTHER_ORIGINS", "build_graph"]

GRAPH_MAX_ORIGINS = 20
"""Origins drawn one by one; the rest fold into one node. 20 rows of 26 px keep the chart on one
printed page (A4 at 96 dpi leaves ~1,000 px of height); the seeds have 29 origins, 9 of them cited once."""

OTHER_ORIGINS = "origin:*"


def build_graph(view: LedgerView) -> SourceGraph:
    chains: list[list[str]] = []
    weight: Counter[str] = Counter()
    for c in view.claims:
        sid = c.get("source_id")
        if not sid:
            continue
        chain = [f"origin:{sid}"] + [f"relay:{v}" for v in c.get("via") or [] if v != sid]
        chain.append(f"outlet:{view.outlet_of(c)}")
        chains.append(chain)
        weight.update(set(chain))
    origins = sorted((n for n in weight if n.startswith("origin:")), key=lambda n: (-weight[n], n))
    kept = set(origins[:GRAPH_MAX_ORIGINS])
    folded = len(origins) - len(kept)
    edges: Counter[tuple[str, str]] = Counter()
    if folded:
        for chain in chains:
            if chain[0] not in kept:
                weight[OTHER_ORIGINS] += 1
                chain[0] = OTHER_ORIGINS
    for chain in chains:
        for a, b in itertools.pairwise(chain):
            if a != b:
                edges[(a, b)] += 1
    names = {n for e in edges for n in e} | {f"outlet:{d.get('outlet') or 'unknown outlet'}" for d in view.documents}
    nodes = sorted((_node(view, n, weight[n], folded) for n in names), key=lambda n: (n.role, n.id))
    return SourceGraph(nodes=tuple(nodes),
                       edges=tuple(GraphEdge(source=a, target=b, claims=k) for (a, b), k in sorted(edges.items())),
                       folded=folded)


def _node(view: LedgerView, node_id: str, claims: int, folded: int) -> GraphNode:
    role, _, ref = node_id.partition(":")
    if node_id == OTHER_ORIGINS:
        return GraphNode(id=node_id, label=f"{folded} other sources", role="origin", kind="unknown",
                         reliability=None, claims=claims)
    if role == "outlet":
        return GraphNode(id=node_id, label=ref, role="outlet", kind="outlet", reliability=None, claims=claims)
    src = view.sources.get(ref) or {}
    return GraphNode(id=node_id, label=str(src.get("name") or ref), role="relay" if role == "relay" else "origin",
                     kind=str(src.get("kind") or "unknown"), reliability=src.get("reliability"), claims=claims)
