"""The briefing as Markdown. Every piece of article-derived text goes through :func:`fmt.md`
(HTML metacharacters as entities, Markdown punctuation escaped), so a title or a quote can neither
inject HTML nor turn into a link. Deterministic: only the "Generated" line depends on the clock."""

from __future__ import annotations

from .fmt import date_label, entry_who, md, safe_url, who_said
from .model import Briefing, Judgement, NumbersRow, SourceGraph

__all__ = ["render_markdown"]

STANCE_WORD = {"asserts": "says", "denies": "denies", "declines": "declines to confirm", "event": "event"}


def _rating(j: Judgement) -> str:
    return f"`{j.rating}`"


def _judgement(j: Judgement) -> list[str]:
    origins = ", ".join(md(o) for o in j.origins) or "unknown"
    head = f"{j.rank}. {_rating(j)} **{md(j.label)}**"
    if j.stance != "asserts":
        head += f" ({STANCE_WORD.get(j.stance, j.stance)})"
    if j.hedged:
        head += " (hedged)"
    lines = [head,
             f"   - {j.independent_origins} independent origin(s), {j.outlets} outlet(s); first reported "
             f"{date_label(j.first_reported)}; origins: {origins}",
             f"   - {md(j.reliability_text)}; {md(j.credibility_text)}." + (f" {md(j.reason)}" if j.reason else "")]
    for e in j.evidence:
        lines.append(f"   - {md(who_said(e))} in {md(e.outlet or 'unknown outlet')}, {date_label(e.said_on)}: "
                     f"“{md(e.text)}”")
    return lines


def _numbers(rows: tuple[NumbersRow, ...]) -> list[str]:
    if not rows:
        return ["No counted quantities were attributed to a source."]
    out = ["| counted thing | who says how many, when |", "|---|---|"]
    for r in rows:
        cells = " · ".join(
            f"**{md(e.display)}** ({md(entry_who(e))}{'; denies' if e.stance == 'denies' else ''}"
            f"{'; hedged' if e.hedged else ''})"
            for e in r.entries)
        out.append(f"| {md(r.thing)}{' (figures differ)' if r.differs else ''} | {cells} |")
    return out


def _contested(b: Briefing) -> list[str]:
    out: list[str] = []
    if b.contested:
        out += ["| one side | | the other side | why |", "|---|---|---|---|"]
        for p in b.contested:
            out.append(f"| {_rating(p.left)} {md(p.left.label)} ({md(', '.join(p.left.origins))}) | {p.kind} | "
                       f"{_rating(p.right)} {md(p.right.label)} ({md(', '.join(p.right.origins))}) | {md(p.reason)} |")
    if b.denials:
        out += ["", "Denied or declined, with no opposing proposition paired by fusion:", ""]
        for j in b.denials:
            e = j.evidence[0] if j.evidence else None
            where = f" ({md(e.outlet or 'unknown outlet')}, {date_label(e.said_on)})" if e else ""
            who = md(who_said(e)) if e else "unknown"
            out.append(f"- {_rating(j)} **{who}** {STANCE_WORD.get(j.stance, j.stance)}: “{md(j.label)}”{where}")
    return out or ["Nothing contested or denied was found."]


def _graph(g: SourceGraph) -> list[str]:
    labels = {n.id: n.label for n in g.nodes}
    out: list[str] = []
    for role in ("origin", "relay"):
        for n in (n for n in g.nodes if n.role == role):
            targets = [e for e in g.edges if e.source == n.id]
            if targets:
                to = ", ".join(f"{md(labels[e.target])} ({e.claims})" for e in targets)
                rel = f" `{n.reliability}`" if n.reliability else ""
                out.append(f"- {'relay ' if role == 'relay' else ''}**{md(n.label)}**{rel} → {to}")
    return out or ["No attributed claims."]


def render_markdown(b: Briefing) -> str:
    """The whole briefing as one Markdown document."""
    period = (f"{date_label(b.period_start)} – {date_label(b.period_end)}" if b.period_start else "undated")
    c = b.counts
    out = [f"# {md(b.title)}", "",
           f"{period} · {c.documents} documents · {c.claims} claims · {c.propositions} propositions · "
           f"{c.sources} sources" + (f" · story `{md(b.story_id)}`" if b.story_id else ""), "",
           f"Generated {md(b.generated_at or 'unknown')} from the claimledger ledger.", "",
           "## Key judgements", "",
           "Ranked by information credibility (1 best), then by independent origins. Rating = Admiralty "
           "source reliability (A–F) and information credibility (1–6).", ""]
    for j in b.key_judgements:
        out += _judgement(j)
    out += ["", "## Numbers", "", *_numbers(b.numbers)]
    out += ["", "## Contested and denied", "", *_contested(b)]
    out += ["", "## What changed", ""]
    out += [f"- {date_label(ch.earlier_date)} → {date_label(ch.later_date)}: {md(ch.earlier.label)} → "
            f"**{md(ch.later.label)}**" + (f" ({md(ch.reason)})" if ch.reason else "") for ch in b.changes] \
        or ["No later report was found revising an earlier one."]
    out += ["", "## Timeline", "", "| when | who | stance | what | outlets |", "|---|---|---|---|---|"]
    out += [f"| {date_label(p.date)} | {md(p.lane)} | {STANCE_WORD.get(p.kind, p.kind)} | {md(p.summary)} | "
            f"{md(', '.join(p.outlets))} |" for p in b.timeline]
    out += ["", "## Source graph", "", "Origins → relays (via) → outlets, with the number of claims on each "
            "edge." + (f" {b.graph.folded} smaller origins are folded into one." if b.graph.folded else ""), ""]
    out += _graph(b.graph)
    out += ["", "## Sources", "", "| source | kind | reliability | claims | relayed | outlets | said |",
            "|---|---|---|---|---|---|---|"]
    for s in b.sources:
        said = f"{date_label(s.first_said)} – {date_label(s.last_said)}" if s.first_said else ""
        name = md(s.name) + (f" ({md(s.affiliation)})" if s.affiliation else "")
        out.append(f"| {name} | {md(s.kind)} | `{md(s.reliability)}` {md(s.reliability_text)} | {s.claims} | "
                   f"{s.relayed} | {md(', '.join(s.outlets))} | {said} |")
    out += ["", "## All propositions", "", "| # | rating | origins | outlets | proposition |", "|---|---|---|---|---|"]
    out += [f"| {j.rank} | {_rating(j)} | {j.independent_origins} | {j.outlets} | {md(j.label)} |"
            for j in b.judgements]
    out += ["", "## Documents", "", "| published | outlet | title | claims | address |", "|---|---|---|---|---|"]
    for d in b.documents:
        url = safe_url(d.url)
        addr = f"<{url}>" if url else md(d.url or "")
        out.append(f"| {date_label(d.published)} | {md(d.outlet or 'unknown')} | {md(d.title or '')} | {d.claims} | "
                   f"{addr} |")
    return "\n".join(out) + "\n"
