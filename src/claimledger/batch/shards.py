"""Parquet shards: what one partition of a batch run produced, written by the worker that ran it
and read back by the process that owns the store.

Each partition ``N`` writes three files under the shards folder — ``documents-N.parquet`` (one
row per input item, in order: a processed document, a failure or a skipped page),
``claims-N.parquet`` (the claims' rows and their singleton propositions) and
``sources-N.parquet`` — then ``part-N.json`` last, naming the partition's plan digest: a shard
without it is incomplete and is recomputed.  The files are plain tables (any Parquet reader can
query the claims of a run).  pyarrow is imported here only.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..ingest.warc import Skipped
from ..models import CleanDocument, IngestFailure, RawDocument, Removal, Segment
from ..store.claims import ExtractionRows
from .work import WorkItem, WorkResult

__all__ = ["ShardWriter", "is_complete", "read_shard"]

_S, _I, _B = pa.string(), pa.int64(), pa.bool_()

DOCUMENTS = pa.schema([
    ("kind", _S), ("input", _S), ("stage", _S), ("reason", _S),
    ("doc_id", _S), ("replace", _B), ("source_key", _S), ("input_name", _S), ("outlet", _S), ("published", _S),
    ("published_inferred", _B), ("title", _S), ("url", _S), ("format", _S), ("encoding", _S), ("raw_text", _S),
    ("dropped", pa.list_(_S)), ("text", _S), ("removed", _S), ("segments", _S), ("content_hash", _S),
    ("minhash", pa.binary()), ("bands", pa.list_(_S)), ("extracted", _B), ("document_extra", _S),
])
CLAIMS = pa.schema([
    ("doc_row", _I), ("document_id", _S), ("id", _S), ("start", _I), ("end", _I), ("source_id", _S), ("stance", _S),
    ("hedged", _B), ("proposition_id", _S), ("method", _S), ("payload", _S),
    ("proposition_label", _S), ("proposition_payload", _S),
])
SOURCES = pa.schema([
    ("doc_row", _I), ("id", _S), ("name", _S), ("kind", _S), ("affiliation", _S), ("country", _S),
    ("aliases", _S), ("reliability", _S),
])
_TABLES = {"documents": DOCUMENTS, "claims": CLAIMS, "sources": SOURCES}


def _path(folder: Path, table: str, index: int) -> Path:
    return folder / f"{table}-{index:05d}.parquet"


def _marker(folder: Path, index: int) -> Path:
    return folder / f"part-{index:05d}.json"


def is_complete(folder: str | Path, index: int, digest: str) -> bool:
    """True when partition ``index`` was written whole for the plan ``digest`` (resume)."""
    m = _marker(Path(folder), index)
    try:
        return bool(json.loads(m.read_text(encoding="utf-8")).get("plan") == digest)
    except (OSError, ValueError):
        return False


def _empty_doc_row(kind: str) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(DOCUMENTS.names)
    row.update(kind=kind, replace=False, published_inferred=False, extracted=False, dropped=[], bands=[])
    return row


class ShardWriter:
    """Writes one partition's shards, a row group per :meth:`flush`; :meth:`close` completes it."""

    def __init__(self, folder: str | Path, index: int, digest: str) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.index = index
        self.digest = digest
        self._rows: dict[str, list[dict[str, Any]]] = {name: [] for name in _TABLES}
        self._writers = {name: pq.ParquetWriter(self._tmp(name), schema) for name, schema in _TABLES.items()}
        self.counts = {"documents": 0, "failures": 0, "skipped": 0, "claims": 0}
        self._row = 0
        """Row number of the next documents row: claims and sources name the row they belong to."""

    def _tmp(self, table: str) -> str:
        return str(_path(self.folder, table, self.index)) + f".tmp{os.getpid()}"

    def failure(self, f: IngestFailure) -> None:
        row = _empty_doc_row("failure")
        row.update(input=f.input, stage=f.stage, reason=f.reason)
        self._add(row)
        self.counts["failures"] += 1

    def skipped(self, s: Skipped) -> None:
        row = _empty_doc_row("skipped")
        row.update(input=s.input, reason=s.reason)
        self._add(row)
        self.counts["skipped"] += 1

    def _add(self, row: dict[str, Any]) -> int:
        self._rows["documents"].append(row)
        self._row += 1
        return self._row - 1

    def result(self, r: WorkResult) -> None:
        if r.failure is not None or r.cleaned is None:
            self.failure(r.failure or IngestFailure(input=r.item.raw.input_name, stage="clean", reason="no result"))
            return
        raw, c = r.item.raw, r.cleaned
        row = _empty_doc_row("document")
        row.update(
            doc_id=r.item.doc_id, replace=r.item.replace, source_key=raw.source_key, input_name=raw.input_name,
            outlet=raw.outlet, published=raw.published, published_inferred=raw.published_inferred, title=raw.title,
            url=raw.url, format=raw.format, encoding=raw.encoding, raw_text=raw.text, dropped=list(raw.dropped),
            text=c.text, content_hash=c.content_hash, minhash=r.minhash, bands=list(r.bands),
            removed=json.dumps([[x.kind, x.rule, x.text, x.raw_start] for x in c.removed], ensure_ascii=False),
            segments=json.dumps([[s.clean_start, s.raw_start, s.length] for s in c.segments]),
            extracted=r.rows is not None, document_extra=r.rows.document_extra if r.rows else None)
        n = self._add(row)
        self.counts["documents"] += 1
        if r.rows is None:
            return
        for cl, prop in zip(r.rows.claims, r.rows.propositions, strict=True):
            self._rows["claims"].append({**cl, "doc_row": n, "proposition_label": prop["label"],
                                         "proposition_payload": prop["payload"]})
        self.counts["claims"] += len(r.rows.claims)
        self._rows["sources"].extend({**s, "doc_row": n} for s in r.rows.sources)

    def flush(self) -> None:
        for name, rows in self._rows.items():
            if rows:
                self._writers[name].write_table(pa.Table.from_pylist(rows, schema=_TABLES[name]))
                rows.clear()

    def close(self) -> dict[str, int]:
        """Finish the files, move them in place, then write the completion marker."""
        self.flush()
        for name, w in self._writers.items():
            w.close()
            os.replace(self._tmp(name), _path(self.folder, name, self.index))
        _marker(self.folder, self.index).write_text(json.dumps({"plan": self.digest, **self.counts}),
                                                    encoding="utf-8")
        return dict(self.counts)

    def abort(self) -> None:
        for name, w in self._writers.items():
            w.close()
            Path(self._tmp(name)).unlink(missing_ok=True)


def _by_row(folder: Path, table: str, index: int) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    for row in pq.read_table(_path(folder, table, index)).to_pylist():
        out.setdefault(row.pop("doc_row"), []).append(row)
    return out


def _result(row: dict[str, Any], claims: list[dict[str, Any]], sources: list[dict[str, Any]]) -> WorkResult:
    raw = RawDocument(source_key=row["source_key"], text=row["raw_text"], input_name=row["input_name"] or "",
                      outlet=row["outlet"], published=row["published"], published_inferred=row["published_inferred"],
                      title=row["title"], url=row["url"], format=row["format"], encoding=row["encoding"],
                      dropped=tuple(row["dropped"] or ()))
    cleaned = CleanDocument(raw=raw, text=row["text"], content_hash=row["content_hash"],
                            removed=tuple(Removal(kind=k, rule=r, text=t, raw_start=s)
                                          for k, r, t, s in json.loads(row["removed"])),
                            segments=tuple(Segment(clean_start=a, raw_start=b, length=n)
                                           for a, b, n in json.loads(row["segments"])))
    rows = None
    if row["extracted"]:
        props = [{"id": c["proposition_id"], "story_id": None, "label": c.pop("proposition_label"),
                  "credibility": 6, "payload": c.pop("proposition_payload")} for c in claims]
        rows = ExtractionRows(claims=tuple(claims), propositions=tuple(props), sources=tuple(sources),
                              document_extra=row["document_extra"])
    return WorkResult(item=WorkItem(doc_id=row["doc_id"], raw=raw, replace=row["replace"]), cleaned=cleaned,
                      minhash=row["minhash"] or b"", bands=tuple(row["bands"] or ()), rows=rows)


def read_shard(folder: str | Path, index: int) -> Iterator[WorkResult | IngestFailure | Skipped]:
    """Partition ``index``'s items back, in the order they were written."""
    folder = Path(folder)
    claims = _by_row(folder, "claims", index)
    sources = _by_row(folder, "sources", index)
    pf = pq.ParquetFile(_path(folder, "documents", index))
    n = -1
    for batch in pf.iter_batches(batch_size=64):
        for row in batch.to_pylist():
            n += 1
            if row["kind"] == "failure":
                yield IngestFailure(input=row["input"], stage=row["stage"], reason=row["reason"])
            elif row["kind"] == "skipped":
                yield Skipped(input=row["input"], reason=row["reason"])
            else:
                yield _result(row, claims.pop(n, []), sources.pop(n, []))
