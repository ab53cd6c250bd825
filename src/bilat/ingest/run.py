"""Ingest orchestration: load, check, deduplicate, analyse, store; tally as it goes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from sqlalchemy.exc import SQLAlchemyError

from bilat.analyze.read import analyze
from bilat.errors import InputError
from bilat.ingest.document import build_document
from bilat.ingest.loaders import NOT_ARTICLE as _NOT_ARTICLE
from bilat.ingest.loaders import Loaded, Overrides, Skipped, input_file, load_paths
from bilat.models import Document
from bilat.store.db import Store
from bilat.store.write import has_document, save_analysis


@dataclass(frozen=True)
class Outcome:
    """What happened to one input: stored, skipped (with why) or failed (with why)."""

    origin: str
    status: str  # "stored" | "skipped" | "failed"
    detail: str = ""
    document_id: str | None = None


@dataclass
class IngestReport:
    outcomes: list[Outcome] = field(default_factory=list)
    tokens: int = 0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def files(self) -> int:
        """Files finished (a JSONL feed counts once), skipped non-article files excluded."""
        return len({input_file(o.origin) for o in self.outcomes if o.detail != _NOT_ARTICLE})

    @property
    def stored(self) -> int:
        return self.count("stored")

    @property
    def skipped(self) -> int:
        return self.count("skipped")

    @property
    def failed(self) -> int:
        return self.count("failed")


Listener = Callable[[Outcome, IngestReport], None]


@dataclass
class _Run:
    store: Store
    report: IngestReport
    listener: Listener | None
    seen: set[str] = field(default_factory=set)

    def done(self, outcome: Outcome) -> None:
        self.report.outcomes.append(outcome)
        if self.listener:
            self.listener(outcome, self.report)

    def documents(self, items: Iterable[Loaded]) -> Iterator[Document]:
        """New documents only; everything else is tallied here."""
        for item in items:
            if isinstance(item, Skipped):
                self.done(Outcome(item.origin, "skipped", item.reason))
            elif isinstance(item, InputError):
                self.done(Outcome(item.origin, "failed", item.reason))
            else:
                try:
                    doc = build_document(item)
                except InputError as exc:
                    self.done(Outcome(exc.origin, "failed", exc.reason))
                    continue
                if doc.id in self.seen or self._stored(doc.id):
                    self.done(Outcome(doc.origin, "skipped", "already stored", doc.id))
                    continue
                self.seen.add(doc.id)
                yield doc

    def _stored(self, document_id: str) -> bool:
        with self.store.read() as conn:
            return has_document(conn, document_id)


def ingest(
    store: Store,
    paths: list[str],
    overrides: Overrides | None = None,
    *,
    max_bytes: int,
    model: str | None = None,
    stdin: BinaryIO | None = None,
    listener: Listener | None = None,
) -> IngestReport:
    """Read ``paths`` into ``store``, one transaction per document."""
    run = _Run(store, IngestReport(), listener)
    items = load_paths(paths, max_bytes, overrides or Overrides(), stdin)
    for analysis in analyze(run.documents(items), model):
        doc = analysis.document
        try:
            with store.write() as conn:
                saved = save_analysis(conn, analysis)
        except SQLAlchemyError as exc:
            run.done(Outcome(doc.origin, "failed", f"database error: {exc.__class__.__name__}"))
            continue
        run.report.tokens += analysis.tokens
        status, detail = ("stored", "") if saved else ("skipped", "already stored")
        run.done(Outcome(doc.origin, status, detail, doc.id))
    return run.report
