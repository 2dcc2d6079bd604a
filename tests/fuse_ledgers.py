"""Small hand-built ledgers for the fusion tests (no model, no store)."""

from __future__ import annotations

from typing import Any

from claimledger.fuse import FusionSettings, run
from claimledger.fuse.records import FuseClaim, FuseDocument, FuseSource, Fusion, Proposition
from claimledger.settings import Settings

HUR = FuseSource(id="s_hur", name="Defence Intelligence of Ukraine", kind="organization", affiliation=None,
                 country="UA", aliases=("HUR", "Ukrainian military intelligence"), reliability="F")
UA_OFFICIAL = FuseSource(id="s_uaoff", name="a Ukrainian military intelligence official", kind="anonymous",
                         affiliation="Defence Intelligence of Ukraine", country="UA", aliases=(), reliability="F")
US_GOV = FuseSource(id="s_usgov", name="U.S. government", kind="organization", affiliation=None, country="US",
                    aliases=("U.S.", "United States"), reliability="F")
KIRBY = FuseSource(id="s_kirby", name="John Kirby", kind="person", affiliation="U.S. National Security Council",
                   country="US", aliases=(), reliability="F")
RU_GOV = FuseSource(id="s_rugov", name="Russian government", kind="organization", affiliation=None, country="RU",
                    aliases=("Kremlin", "Moscow"), reliability="F")
PESKOV = FuseSource(id="s_peskov", name="Dmitry Peskov", kind="person", affiliation="Kremlin", country="RU",
                    aliases=(), reliability="F")
ZELENSKY = FuseSource(id="s_zel", name="Volodymyr Zelensky", kind="person",
                      affiliation="Office of the President of Ukraine", country="UA", aliases=(), reliability="F")
SOURCES = (HUR, UA_OFFICIAL, US_GOV, KIRBY, RU_GOV, PESKOV, ZELENSKY)


def doc(i: str, outlet: str, published: str) -> FuseDocument:
    return FuseDocument(id=f"d_{i}", outlet=outlet, published=published, title=None, text="", duplicate_of=None,
                        entities=())


def qty(text: str, value: float, low: float | None, high: float | None, qualifier: str, unit: str | None,
        at: int = 0) -> dict[str, Any]:
    return {"text": text, "span": [at, at + len(text)], "value": value, "low": low, "high": high,
            "qualifier": qualifier, "unit": unit}


def claim(cid: str, document: FuseDocument, text: str, source: FuseSource | None, *, stance: str = "asserts",
          start: int = 0, hedged: bool = False, quantities: tuple[dict[str, Any], ...] = (),
          times: tuple[dict[str, Any], ...] = ()) -> FuseClaim:
    return FuseClaim(id=f"c_{cid}", document_id=document.id, start=start, end=start + len(text), text=text,
                     source_id=source.id if source else None, via=(), stance=stance, hedged=hedged, hedges=(),
                     said_on=document.published,
                     record={"quantities": list(quantities), "times": list(times), "entities": []})


def one_story(*docs: FuseDocument) -> dict[str, str]:
    """The documents as one story: fusion runs story by story, and these hand-built documents have no
    text for story grouping to go on."""
    return {d.id: "st_test" for d in docs}


def fuse_one_story(docs: tuple[FuseDocument, ...], claims: list[FuseClaim]) -> Fusion:
    """``claims`` fused as one story of ``docs`` with the model-free embedder."""
    return run(docs, SOURCES, claims, settings=Settings(), fusion=FusionSettings(embedder="hashing"),
               stories=one_story(*docs))


def holding(f: Fusion, cid: str) -> Proposition:
    """The proposition holding claim ``c_<cid>``."""
    return next(p for p in f.propositions if f"c_{cid}" in p.claim_ids)
