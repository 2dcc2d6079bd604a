"""Server time of the web app's pages on the seeds story: p50/p95 over N requests per page.

usage: PYTHONPATH=src python bench/webapp_latency.py [--requests 200] [--db PATH]

Without ``--db`` it ingests ../shared/seeds/manifest.jsonl into a temporary store first (the spaCy
model, ~20 s). Server time is measured inside the process by an ASGI wrapper around the app, from
the moment the request reaches the app to the last byte of its body (everything the server does:
security middleware, the revision check, the snapshot cache, rendering), not the client's time.
Requests go through FastAPI's TestClient, one at a time. The first request of the run builds the
snapshot (ledger + briefing); it is reported as ``cold`` and not counted in the percentiles, which
are over the ``--requests`` that follow for each page. Proposition, document and source pages rotate
over every proposition, document and source of the story.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
BUDGET_MS = 200.0
"""The issue's budget: p95 server time of a page on the seeds story."""

Scope = MutableMapping[str, Any]
ASGI = Callable[[Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]], Awaitable[None]]


class Timed:
    """Records the server time of each request (ms) in ``last``."""

    def __init__(self, app: ASGI) -> None:
        self.app = app
        self.last = 0.0

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        t0 = time.perf_counter()

        async def timed_send(msg: Any) -> None:
            await send(msg)
            if msg["type"] == "http.response.body" and not msg.get("more_body"):
                self.last = (time.perf_counter() - t0) * 1000

        await self.app(scope, receive, timed_send)


def _seed_store(folder: Path) -> Path:
    from claimledger.pipeline import ingest
    from claimledger.settings import Settings
    from claimledger.store import Store

    manifest = SHARED / "seeds" / "manifest.jsonl"
    if not manifest.exists():
        sys.exit(f"{manifest} not found: give --db")
    db = folder / "seeds.db"
    settings = Settings(db=str(db))
    with Store.open(settings.db) as store:
        ingest([str(manifest)], store=store, settings=settings)
    return db


def _pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--db", default=None, help="a store holding the seeds (default: ingest them now)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)

    from fastapi.testclient import TestClient

    from claimledger.serve import create_app
    from claimledger.settings import Settings

    tmp = Path(tempfile.mkdtemp(prefix="claimledger-bench-"))
    try:
        db = Path(args.db) if args.db else _seed_store(tmp)
        app = create_app(Settings(db=str(db)))
        timed = Timed(app)
        client = TestClient(timed, base_url="http://127.0.0.1")  # type: ignore[arg-type]
        cold_t = time.perf_counter()
        stories = client.get("/api/stories").json()
        cold = (time.perf_counter() - cold_t) * 1000
        story = stories[0]["id"]
        led = client.get(f"/api/ledger?story={story}").json()
        pages: dict[str, list[str]] = {
            "stories (/)": ["/"],
            "story": [f"/stories/{story}"],
            "proposition": [f"/propositions/{p['id']}" for p in led["propositions"]],
            "document": [f"/documents/{d['id']}" for d in led["documents"]],
            "source": [f"/sources/{s['id']}" for s in led["sources"]],
            "search": ["/search?q=north+korean", "/search?q=kremlin", "/search?q=troops"],
            "api ledger": [f"/api/ledger?story={story}"],
        }
        rows = {}
        for name, urls in pages.items():
            client.get(urls[0])  # render each template once (Jinja compiles it on first use)
            times = []
            for i in range(args.requests):
                r = client.get(urls[i % len(urls)])
                assert r.status_code == 200, (urls[i % len(urls)], r.status_code)
                times.append(timed.last)
            rows[name] = {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(_pct(times, 95), 1),
                          "max_ms": round(max(times), 1), "requests": len(times), "urls": len(urls)}
        app.state.claimledger.store.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    result = {"cold_first_request_ms": round(cold, 1), "budget_p95_ms": BUDGET_MS, "pages": rows}
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print(f"cold first request (builds the ledger snapshot): {cold:.0f} ms")
        print(f"{'page':<14} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  requests (urls)")
        for name, r in rows.items():
            print(f"{name:<14} {r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} {r['max_ms']:>8.1f}  "
                  f"{r['requests']} ({r['urls']})")
    worst = max(r["p95_ms"] for r in rows.values())
    print(f"worst p95: {worst:.1f} ms (budget {BUDGET_MS:.0f} ms): {'ok' if worst < BUDGET_MS else 'OVER'}",
          file=sys.stderr)
    return 0 if worst < BUDGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
