"""The timeline chart and the source graph as inline SVG, drawn on the server: no script, no
fonts to fetch, and they print. Every text from the ledger is escaped here (``_t``); the result is
``Markup`` so that templates insert it as is."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict

from markupsafe import Markup, escape

from .fmt import date_label, plain
from .graph import OTHER_ORIGINS
from .model import DocumentRow, SourceGraph, TimelinePoint
from .timeline import EVENT_LANE

__all__ = ["KIND_STYLE", "source_graph_svg", "timeline_svg"]

WIDTH = 960
"""Drawing width in px: the content width of the HTML page; the SVG scales down to the printed page."""
LANE_H = 22
LABEL_W = 220
EARLIER_W = 64
TIMELINE_MAX_LANES = 14
"""Lanes drawn one by one (the busiest; the rest share "other sources"): 14 x 22 px keeps the chart
under half a printed page. On the seeds (fusion of 23 Nov) there are 36 speakers; the 14 busiest hold
69 of the 98 charted points."""
MAX_TIP = 6
"""Statements listed in one marker's tooltip."""
LABEL_CHARS = 30

KIND_STYLE: dict[str, tuple[str, str]] = {
    "asserts": ("#1f4e79", "says"),
    "denies": ("#b3261e", "denies"),
    "declines": ("#b86e00", "declines to confirm"),
    "event": ("#2e7d32", "reported event"),
}


def _t(text: object, limit: int | None = None) -> str:
    s = plain(text)
    if limit is not None and len(s) > limit:
        s = s[: limit - 1].rstrip() + "…"
    return str(escape(s))


def _word(kind: str) -> str:
    return KIND_STYLE[kind][1] if kind in KIND_STYLE else kind


def _marker(kind: str, x: float, y: float, r: float) -> str:
    color = KIND_STYLE.get(kind, KIND_STYLE["asserts"])[0]
    if kind == "denies":
        d = r * 0.9
        return (f'<path d="M{x - d:.1f},{y - d:.1f}L{x + d:.1f},{y + d:.1f}M{x - d:.1f},{y + d:.1f}L{x + d:.1f},'
                f'{y - d:.1f}" stroke="{color}" stroke-width="2.5" fill="none"/>')
    if kind == "declines":
        return (f'<path d="M{x:.1f},{y - r:.1f}L{x + r:.1f},{y:.1f}L{x:.1f},{y + r:.1f}L{x - r:.1f},{y:.1f}Z" '
                f'fill="#fff" stroke="{color}" stroke-width="2"/>')
    if kind == "event":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" fill="{color}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{color}" fill-opacity="0.85"/>'


def _lanes(points: list[TimelinePoint]) -> list[str]:
    count: dict[str, int] = defaultdict(int)
    first: dict[str, str] = {}
    for p in points:
        count[p.lane] += 1
        first.setdefault(p.lane, p.start)
    busiest = sorted(count, key=lambda k: (-count[k], k))[:TIMELINE_MAX_LANES]
    lanes = sorted((k for k in busiest if k != EVENT_LANE), key=lambda k: (first[k], k))
    if EVENT_LANE in count:
        lanes.insert(0, EVENT_LANE)
    return lanes


def _ticks(lo: dt.date, hi: dt.date) -> list[dt.date]:
    n = (hi - lo).days
    step = 1 if n <= 16 else 2 if n <= 32 else 7 if n <= 120 else 30
    return [lo + dt.timedelta(days=i) for i in range(0, n + 1, step)]


def timeline_svg(points: tuple[TimelinePoint, ...], documents: tuple[DocumentRow, ...]) -> Markup:
    """Who said what when: one lane per speaker, days across; publications along the top."""
    pts = [p for p in points if p.precision != "year"]
    days = [dt.date.fromisoformat(p.start) for p in pts if p.precision == "day"]
    days += [dt.date.fromisoformat(d.published[:10]) for d in documents if d.published]
    if not days:
        return Markup('<p class="empty">No dated statements to draw.</p>')
    lo, hi = min(days) - dt.timedelta(days=1), max(days) + dt.timedelta(days=1)
    pubs: dict[str, list[str]] = defaultdict(list)
    for doc in documents:
        if doc.published:
            pubs[doc.published[:10]].append(doc.outlet or "unknown outlet")
    lanes = _lanes(pts)
    other = any(p.lane not in lanes for p in pts)
    rows = [*lanes, "other sources"] if other else lanes
    earlier = any(dt.date.fromisoformat(p.end) < lo for p in pts)
    x0 = LABEL_W + (EARLIER_W if earlier else 8)
    x1 = WIDTH - 16
    top = 30 + 12 * max((len(v) for v in pubs.values()), default=1)
    height = top + LANE_H * len(rows) + 60

    def x(d: dt.date) -> float:
        return x0 + (x1 - x0) * (d - lo).days / max((hi - lo).days, 1)

    out = [f'<svg class="chart timeline" viewBox="0 0 {WIDTH} {height}" '
           f'width="{WIDTH}" height="{height}" role="img" aria-label="Timeline of statements">']
    for i, lane in enumerate(rows):
        y = top + i * LANE_H
        if i % 2 == 0:
            out.append(f'<rect x="0" y="{y}" width="{WIDTH}" height="{LANE_H}" class="band"/>')
        out.append(f'<text x="{LABEL_W - 8}" y="{y + 15}" text-anchor="end" class="lane"><title>{_t(lane)}</title>'
                   f'{_t(lane, LABEL_CHARS)}</text>')
    bottom = top + LANE_H * len(rows)
    for d in _ticks(lo, hi):
        out.append(f'<line x1="{x(d):.1f}" x2="{x(d):.1f}" y1="{top - 4}" y2="{bottom}" class="grid"/>')
        out.append(f'<text x="{x(d):.1f}" y="{bottom + 16}" text-anchor="middle" class="tick">'
                   f'{_t(date_label(d.isoformat(), year=False))}</text>')
    if earlier:
        out.append(f'<text x="{LABEL_W + 4}" y="{bottom + 16}" class="tick">earlier</text>')
    for day, outlets in sorted(pubs.items()):
        px = x(dt.date.fromisoformat(day))
        anchor = "end" if px > x1 - 90 else "start" if px < x0 + 90 else "middle"
        out.append(f'<path d="M{px - 5:.1f},{top - 14}L{px + 5:.1f},{top - 14}L{px:.1f},{top - 6}Z" class="pub">'
                   f'<title>{_t(date_label(day))}: {_t(", ".join(outlets))}</title></path>')
        for k, outlet in enumerate(reversed(outlets)):
            out.append(f'<text x="{px:.1f}" y="{top - 18 - 12 * k}" text-anchor="{anchor}" class="publabel">'
                       f'{_t(outlet, 26)}</text>')
    groups: dict[tuple[int, str, str, str], list[TimelinePoint]] = defaultdict(list)
    for p in pts:
        row = rows.index(p.lane) if p.lane in rows else len(rows) - 1
        groups[(row, p.start, p.end, p.kind)].append(p)
    for (row, start, end, kind), grp in sorted(groups.items()):
        cy = top + row * LANE_H + LANE_H / 2
        s, e = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        lines = [f"{date_label(p.date)} · {_word(p.kind)}: {p.summary}" for p in grp[:MAX_TIP]]
        lines += [f"… {len(grp) - MAX_TIP} more"] if len(grp) > MAX_TIP else []
        tip = "\n".join(_t(line, 200) for line in lines)
        r = 4 + 1.2 * min(len(grp) - 1, 4)
        out.append(f"<g><title>{tip}</title>")
        if e < lo:
            out.append(_marker(kind, LABEL_W + EARLIER_W / 2, cy, 4) +
                       f'<text x="{LABEL_W + 8}" y="{cy + 4:.1f}" class="tick">◂</text>')
        elif s != e:
            xa, xb = x(max(s, lo)), x(min(e, hi))
            color = KIND_STYLE.get(kind, KIND_STYLE["asserts"])[0]
            out.append(f'<rect x="{xa:.1f}" y="{cy - 3:.1f}" width="{max(xb - xa, 3):.1f}" height="6" rx="3" '
                       f'fill="{color}" fill-opacity="0.35" stroke="{color}"/>')
        else:
            out.append(_marker(kind, x(s), cy, r))
        if len(grp) > 1 and s == e and e >= lo:
            out.append(f'<text x="{x(s) + r + 2:.1f}" y="{cy - 4:.1f}" class="count">{len(grp)}</text>')
        out.append("</g>")
    lx = LABEL_W
    for kind, (_, word) in KIND_STYLE.items():
        out.append(_marker(kind, lx + 6, bottom + 38, 5) + f'<text x="{lx + 16}" y="{bottom + 42}" class="tick">'
                   f'{_t(word)}</text>')
        lx += 140
    out.append(f'<rect x="{lx}" y="{bottom + 35}" width="18" height="6" rx="3" class="bar"/><text x="{lx + 24}" '
               f'y="{bottom + 42}" class="tick">said in a week or month</text>')
    out.append("</svg>")
    return Markup("".join(out))


COL_X = (8, 368, 728)
NODE_W = 224
NODE_H = 22
NODE_GAP = 6
CURVE_SAMPLES = 24
"""Points checked along an edge when placing relays (one per ~20 px of a 500 px edge)."""


def _curve(xa: float, ya: float, xb: float, yb: float, t: float) -> tuple[float, float]:
    """The point at t of the edge curve from (xa, ya) to (xb, yb) (control points at mid-x)."""
    mid, u = (xa + xb) / 2, 1 - t
    x = xa * u**3 + 3 * mid * u * u * t + 3 * mid * u * t * t + xb * t**3
    return x, ya * (u**3 + 3 * u * u * t) + yb * (3 * u * t * t + t**3)


def _crossings(direct: list[tuple[float, float]], y: float) -> int:
    """How many origin -> outlet edges (their centre ys) would pass behind a relay box at y."""
    x0, x1 = COL_X[0] + NODE_W, COL_X[2]
    n = 0
    for ya, yb in direct:
        pts = (_curve(x0, ya, x1, yb, k / CURVE_SAMPLES) for k in range(CURVE_SAMPLES + 1))
        n += any(COL_X[1] - 4 <= px <= COL_X[1] + NODE_W + 4 and y - 3 <= py <= y + NODE_H + 3 for px, py in pts)
    return n


def _layout(graph: SourceGraph, top: float) -> tuple[dict[str, tuple[float, float]], float]:
    """Top-left corner of each node and the drawing's height. Origins are ordered by the outlets they
    reach, outlets are centred, and each relay takes the free slot that fewest direct edges cross."""
    node = {n.id: n for n in graph.nodes}
    step = NODE_H + NODE_GAP
    outlets = sorted((n.id for n in graph.nodes if n.role == "outlet"), key=lambda i: node[i].label.casefold())
    rank = {nid: i for i, nid in enumerate(outlets)}
    reach: dict[str, list[int]] = defaultdict(list)
    for e in graph.edges:
        if e.target in rank:
            reach[e.source].append(rank[e.target])
    for e in graph.edges:
        if e.target not in rank:
            reach[e.source] += reach.get(e.target, [])

    def bary(nid: str) -> float:
        r = reach.get(nid) or []
        return sum(r) / len(r) if r else math.inf

    origins = sorted((n.id for n in graph.nodes if n.role == "origin"),
                     key=lambda i: (i == OTHER_ORIGINS, bary(i), -node[i].claims, node[i].label.casefold()))
    relays = sorted((n.id for n in graph.nodes if n.role == "relay"), key=lambda i: (-node[i].claims, i))
    rows = max(len(origins), len(outlets), len(relays), 1)
    where = {nid: (float(COL_X[0]), top + i * step) for i, nid in enumerate(origins)}
    off = top + (rows - len(outlets)) * step / 2
    where.update({nid: (float(COL_X[2]), off + i * step) for i, nid in enumerate(outlets)})
    direct = [(where[e.source][1] + NODE_H / 2, where[e.target][1] + NODE_H / 2) for e in graph.edges
              if e.source in where and e.target in where]
    taken: list[float] = []
    for r in relays:
        near = [where[e.source][1] for e in graph.edges if e.target == r and e.source in where]
        near += [where[e.target][1] for e in graph.edges if e.source == r and e.target in where]
        want = sum(near) / len(near) if near else top
        slots = [top + k * step / 2 for k in range(2 * rows - 1)]
        free = [y for y in slots if all(abs(y - t) >= step for t in taken)] or [top + len(taken) * step]
        best = min(free, key=lambda y: (_crossings(direct, y), abs(y - want), y))
        taken.append(best)
        where[r] = (float(COL_X[1]), best)
    return where, top + rows * step + 10


def source_graph_svg(graph: SourceGraph) -> Markup:
    """Origins (left) -> relays (middle) -> outlets (right); edge width grows with the claims it carries."""
    if not graph.nodes:
        return Markup('<p class="empty">No sources.</p>')
    node = {n.id: n for n in graph.nodes}
    where, h = _layout(graph, top=34)
    height = round(h)
    out = [f'<svg class="chart graph" viewBox="0 0 {WIDTH} {height}" '
           f'width="{WIDTH}" height="{height}" role="img" aria-label="Source graph">']
    out.append('<defs><marker id="cl-arrow" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="5" markerHeight="5" '
               'markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0L10,5L0,10Z" class="arrow"/></marker></defs>')
    for c, head in enumerate(("origins", "relays (via)", "outlets")):
        out.append(f'<text x="{COL_X[c]}" y="18" class="colhead">{head}</text>')
    for e in graph.edges:
        if e.source not in where or e.target not in where:
            continue
        (xa, ya), (xb, yb) = where[e.source], where[e.target]
        xa, ya, yb = xa + NODE_W, ya + NODE_H / 2, yb + NODE_H / 2
        mid = (xa + xb) / 2
        w = 1 + 1.6 * math.log2(e.claims)
        out.append(f'<path d="M{xa:.1f},{ya:.1f}C{mid:.1f},{ya:.1f} {mid:.1f},{yb:.1f} {xb - 5:.1f},{yb:.1f}" '
                   f'class="edge" stroke-width="{w:.1f}" marker-end="url(#cl-arrow)"><title>'
                   f'{_t(node[e.source].label)} → {_t(node[e.target].label)}: {e.claims} claim(s)</title></path>')
    for nid, (nx, ny) in where.items():
        n = node[nid]
        badge = f" · {_t(n.reliability)}" if n.reliability else ""
        out.append(f'<g class="node {n.role}"><title>{_t(n.label)} ({_t(n.kind)}{badge}): {n.claims} claim(s)'
                   f'</title><rect x="{nx}" y="{ny:.1f}" width="{NODE_W}" height="{NODE_H}" rx="4"/>'
                   f'<text x="{nx + 6}" y="{ny + 15:.1f}">{_t(n.label, 28)}</text>'
                   f'<text x="{nx + NODE_W - 6}" y="{ny + 15:.1f}" text-anchor="end" class="n">{n.claims}{badge}'
                   f'</text></g>')
    out.append("</svg>")
    return Markup("".join(out))
