"""``claimledger batch``: partitions → workers → Parquet shards → the store, on the local engine
and on a Dask LocalCluster; the ledger equals the one ``ingest`` makes of the same inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimledger.batch import engine as batch_engine
from claimledger.batch.engine import partitions, run_batch
from claimledger.errors import ConfigError
from claimledger.pipeline import ingest
from claimledger.report.ledger import build_ledger
from claimledger.settings import Settings
from claimledger.store import Store

from .conftest import REPO, SHARED
from .test_scale_concurrency import write_articles
from .test_scale_inputs import write_warc


def corpus(tmp: Path, n: int = 12) -> list[str]:
    """Manifests (seeds, examples), a folder of articles, a WARC crawl, a missing file."""
    write_articles(tmp / "folder", range(n))
    write_warc(tmp / "folder" / "crawl.warc.gz", gz=True)
    args = [str(REPO / "examples" / "manifest.jsonl"), str(tmp / "folder"), str(tmp / "missing.txt")]
    if SHARED.exists():
        args.insert(0, str(SHARED / "seeds" / "manifest.jsonl"))
    return args


def ledger_by(db: str, settings: Settings, run: object) -> tuple[dict[str, object], dict[str, object]]:
    with Store.open(db) as store:
        report = run(store, settings.replace(db=db))  # type: ignore[operator]
        return build_ledger(store, generated_at="-"), report.as_dict()


def by_ingest(args: list[str]) -> object:
    return lambda store, s: ingest(args, store=store, settings=s)


def test_partitions_cut_the_plan_in_order(tmp_path: Path) -> None:
    args = corpus(tmp_path)
    parts = list(partitions(args, settings=Settings(), size=5))
    names = [u.name for p in parts for u in p.units]
    assert len(parts) == -(-sum(len(p.units) + len(p.errors) for p in parts) // 5)
    assert names == sorted(names, key=names.index)  # plan order kept
    assert [f.input for p in parts for f in p.errors] == [args[-1]]
    assert len({p.digest for p in parts}) == len(parts)


@pytest.mark.parametrize("workers", [1, pytest.param(2, marks=pytest.mark.slow)])
def test_local_engine_makes_the_ingest_ledger(tmp_path: Path, workers: int) -> None:
    args = corpus(tmp_path, n=6)
    settings = Settings(extraction=False)
    ref, ref_report = ledger_by(str(tmp_path / "ref.db"), settings, by_ingest(args))
    got, report = ledger_by(str(tmp_path / "b.db"), settings, lambda store, s: run_batch(
        args, store=store, settings=s, engine="local", workers=workers, partition_units=4))
    assert got == ref
    assert report == ref_report  # same counts, failures and skipped pages
    assert report["failed"] == 1 and report["skipped"]


def test_shards_are_kept_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = corpus(tmp_path, n=6)
    shards = tmp_path / "shards"
    settings = Settings(extraction=False)
    first, _ = ledger_by(str(tmp_path / "a.db"), settings, lambda store, s: run_batch(
        args, store=store, settings=s, engine="local", shards=str(shards), partition_units=4))
    markers = sorted(shards.glob("part-*.json"))
    assert markers and sorted(shards.glob("claims-*.parquet"))
    assert sum(json.loads(m.read_text())["documents"] for m in markers) == len(first["documents"])  # type: ignore[arg-type]

    def no_work(*a: object, **k: object) -> None:
        raise AssertionError("a complete shard was recomputed")

    from claimledger.batch import shards as shard_io

    monkeypatch.setattr(shard_io, "ShardWriter", no_work)
    again, _ = ledger_by(str(tmp_path / "b.db"), settings, lambda store, s: run_batch(
        args, store=store, settings=s, engine="local", shards=str(shards), partition_units=4))
    assert again == first


def test_a_remote_scheduler_needs_a_shared_shards_folder(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "s.db")) as store, pytest.raises(ConfigError, match="--shards"):
        run_batch(["x"], store=store, settings=Settings(extraction=False), engine="dask",
                  scheduler="tcp://127.0.0.1:1")


def test_batch_command(tmp_path: Path) -> None:
    from claimledger.cli.batch import command

    write_articles(tmp_path / "folder", range(5))
    db = str(tmp_path / "cli.db")
    r = CliRunner().invoke(command, ["--db", db, "--engine", "local", "--workers", "1", str(tmp_path / "folder")],
                           env={"CLAIMLEDGER_EXTRACTION": "0"})
    assert r.exit_code == 0, r.output
    assert "5 new" in r.output
    with Store.open(db) as store:
        assert store.count_documents() == 5


@pytest.mark.slow
def test_dask_local_cluster_makes_the_ingest_ledger_without_extraction(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    args = corpus(tmp_path)
    settings = Settings(extraction=False)
    ref, ref_report = ledger_by(str(tmp_path / "ref.db"), settings, by_ingest(args))
    got, report = ledger_by(str(tmp_path / "d.db"), settings, lambda store, s: run_batch(
        args, store=store, settings=s, engine="dask", workers=2, partition_units=4))
    assert got == ref and report == ref_report


@pytest.mark.model
@pytest.mark.slow
def test_dask_local_cluster_of_two_workers_makes_the_ingest_ledger(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    args = corpus(tmp_path, n=6)
    settings = Settings()
    ref, ref_report = ledger_by(str(tmp_path / "ref.db"), settings, by_ingest(args))
    assert len(ref["claims"]) > 20  # type: ignore[arg-type]
    got, report = ledger_by(str(tmp_path / "d.db"), settings, lambda store, s: run_batch(
        args, store=store, settings=s, engine="dask", workers=2, partition_units=3))
    assert got == ref and report == ref_report


def test_engine_module_does_not_import_dask_or_pyarrow_until_used() -> None:
    import subprocess
    import sys

    code = ("import sys, claimledger.pipeline, claimledger.batch.engine, claimledger.cli.batch; "
            "print([m for m in ('dask', 'distributed', 'pyarrow', 'warcio') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    assert batch_engine.PARTITION_UNITS > 0
