"""Ingest orchestration: load, check, deduplicate, analyse, store; tally as it goes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from sqlalchemy.exc import SQLAlchemyError

from bilat.analyze.read import Failure, analyze_each
from bilat.errors import InputError, describe
from bilat.ingest.document import build_document
from bilat.ingest.loaders import Loaded, Overrides, Skipped, input_file, load_paths
from bilat.knowledge import record
from bilat.models import Analysis, Document
from bilat.store.db import Store
from bilat.store.write import has_document, save_analysis

STATUSES = ("stored", "skipped", "failed")


@dataclass(frozen=True)
class Outcome:
    """What happened to one input: stored, skipped (with why) or failed (with why)."""

    origin: str
    status: str  # one of STATUSES
    detail: str = ""
    document_id: str | None = None


@dataclass
class IngestReport:
    """Every outcome in order, with running tallies (the progress bar reads them per document)."""

    outcomes: list[Outcome] = field(default_factory=list)
    tokens: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))

    def __post_init__(self) -> None:
        self._files: set[str] = set()  # not a field: kept out of the JSON report

    def add(self, outcome: Outcome, is_file: bool = True) -> None:
        """Record ``outcome``; ``is_file`` is False for files a folder walk passed over."""
        self.outcomes.append(outcome)
        self.counts[outcome.status] += 1
        if is_file:
            self._files.add(input_file(outcome.origin))

    @property
    def files(self) -> int:
        """Files finished (a JSONL feed counts once), skipped non-article files excluded."""
        return len(self._files)

    @property
    def stored(self) -> int:
        return self.counts["stored"]

    @property
    def skipped(self) -> int:
        return self.counts["skipped"]

    @property
    def failed(self) -> int:
        return self.counts["failed"]


Listener = Callable[[Outcome, IngestReport], None]


@dataclass
class _Run:
    store: Store
    report: IngestReport
    listener: Listener | None
    seen: set[str] = field(default_factory=set)

    def done(self, outcome: Outcome, is_file: bool = True) -> None:
        self.report.add(outcome, is_file)
        if self.listener:
            self.listener(outcome, self.report)

    def documents(self, items: Iterable[Loaded]) -> Iterator[Document]:
        """New documents only; everything else is tallied here."""
        for item in items:
            if isinstance(item, Skipped):
                self.done(Outcome(item.origin, "skipped", item.reason), is_file=False)
            elif isinstance(item, InputError):
                self.done(Outcome(item.origin, "failed", item.reason))
            else:
                try:
                    doc = build_document(item)
                    known = doc.id in self.seen or self._stored(doc.id)
                except InputError as exc:
                    self.done(Outcome(exc.origin, "failed", exc.reason))
                    continue
                except SQLAlchemyError as exc:
                    self.done(Outcome(item.origin, "failed", _db_error(exc)))
                    continue
                except Exception as exc:
                    self.done(Outcome(item.origin, "failed", f"cannot read ({describe(exc)})"))
                    continue
                if known:
                    self.done(Outcome(doc.origin, "skipped", "already stored", doc.id))
                    continue
                self.seen.add(doc.id)
                yield doc

    def _stored(self, document_id: str) -> bool:
        with self.store.read() as conn:
            return has_document(conn, document_id)

    def save(self, analysis: Analysis) -> None:
        """One document in one transaction; an error fails this document only."""
        doc = analysis.document
        try:
            with self.store.write() as conn:
                saved = save_analysis(conn, analysis)
                if saved:  # the merged record moves in the same transaction
                    record.update(conn, [doc.id])
        except SQLAlchemyError as exc:
            self.done(Outcome(doc.origin, "failed", _db_error(exc)))
            return
        except Exception as exc:
            self.done(Outcome(doc.origin, "failed", f"cannot store ({describe(exc)})"))
            return
        self.report.tokens += analysis.tokens
        status, detail = ("stored", "") if saved else ("skipped", "already stored")
        self.done(Outcome(doc.origin, status, detail, doc.id))


def _db_error(exc: SQLAlchemyError) -> str:
    return f"database error: {exc.__class__.__name__}"


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
    for result in analyze_each(run.documents(items), model):
        if isinstance(result, Failure):
            reason = f"analysis failed ({describe(result.error)})"
            run.done(Outcome(result.document.origin, "failed", reason))
        else:
            run.save(result)
    return run.report
