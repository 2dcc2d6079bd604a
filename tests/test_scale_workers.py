"""``--workers N``: a spawn-context process pool fed picklable work items; results are stored in
submission order, so the ledger (ids included) is the one ``--workers 1`` makes."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from claimledger.batch.pool import InProcess, Pool, runner
from claimledger.batch.work import WorkItem
from claimledger.ingest.inputs import iter_documents
from claimledger.models import RawDocument
from claimledger.pipeline import document_id, ingest
from claimledger.report.ledger import build_ledger
from claimledger.settings import Settings
from claimledger.store import Store

from .conftest import REPO, SHARED
from .test_scale_concurrency import write_articles


def _items(folder: Path) -> list[WorkItem]:
    from claimledger import clean

    raws = [r for r in iter_documents([str(folder)], settings=Settings()) if isinstance(r, RawDocument)]
    return [WorkItem(doc_id=document_id(r.source_key, clean.content_hash(r.text)), raw=r) for r in raws]


def test_one_worker_or_no_extraction_runs_in_process() -> None:
    assert isinstance(runner(Settings(), 1), InProcess)
    assert isinstance(runner(Settings(extraction=False), 4), InProcess)


def test_a_pool_returns_what_the_process_computes_in_order(tmp_path: Path) -> None:
    write_articles(tmp_path / "c", range(20))
    items = _items(tmp_path / "c")
    settings = Settings(extraction=False)
    batches = [items[i:i + 3] for i in range(0, len(items), 3)]
    with InProcess(settings) as local:
        for b in batches:
            local.submit(b)
        expected = [r for rs in local.drain() for r in rs]
    with Pool(settings, 2) as pool:  # the pool itself, even without extraction
        got = []
        for b in batches:
            pool.submit(b)
            got += [r for rs in pool.ready() for r in rs]
        got += [r for rs in pool.drain() for r in rs]
    assert [r.item.doc_id for r in got] == [i.doc_id for i in items]
    assert got == expected
    assert pickle.loads(pickle.dumps(got[0])) == got[0]


@pytest.mark.model
@pytest.mark.slow
def test_two_workers_make_the_same_ledger_as_one(tmp_path: Path) -> None:
    write_articles(tmp_path / "c", range(16))
    args = [str(REPO / "examples" / "manifest.jsonl"), str(tmp_path / "c")]
    if SHARED.exists():
        args.insert(0, str(SHARED / "seeds" / "manifest.jsonl"))
    out = []
    for workers in (1, 2):
        db = str(tmp_path / f"w{workers}.db")
        with Store.open(db) as store:
            report = ingest(args, store=store, settings=Settings(db=db), workers=workers)
            assert report.ok, report.failures
            out.append((build_ledger(store, generated_at="-"), report.as_dict()))
    (one, r1), (two, r2) = out
    assert len(one["claims"]) > 30  # type: ignore[arg-type]
    assert two == one and r2 == r1
