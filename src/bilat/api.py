"""The Python API: the CLI's verbs as functions over a store.

>>> from bilat import api
>>> store = api.open("sqlite:///bilat.db")
>>> report = api.ingest(store, ["articles/"])
>>> [e.name for e in api.entities(store, "person")]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import Connection, func, select

from bilat.analyze.names import without_title
from bilat.config import Settings
from bilat.errors import NotFoundError
from bilat.ingest.loaders import Overrides
from bilat.ingest.run import IngestReport, Listener
from bilat.ingest.run import ingest as _ingest
from bilat.knowledge import conflicts as _conflicts
from bilat.knowledge import dossier as _dossier
from bilat.knowledge import record as _record
from bilat.knowledge import timeline as _timeline
from bilat.knowledge.conflicts import Conflict
from bilat.knowledge.dossier import Dossier
from bilat.knowledge.timeline import EventPage, Item
from bilat.store import findings, read
from bilat.store import schema as _schema
from bilat.store.db import Store, open_store
from bilat.store.read import DocumentMention, DocumentRow, EntityPage, EntityRow, Hit


def open(url: str | None = None) -> Store:
    """Open (creating or upgrading) the store at ``url`` or ``BILAT_DATABASE_URL``."""
    return open_store(url or Settings().database_url)


def ingest(
    store: Store,
    paths: list[str],
    *,
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
    encoding: str | None = None,
    max_bytes: int | None = None,
    stdin: BinaryIO | None = None,
    listener: Listener | None = None,
) -> IngestReport:
    """Ingest files, folders, JSONL feeds, PDFs, HTML or ``-`` (stdin).

    Never raises for a bad input: each one becomes its own ``failed`` outcome in the report
    and the rest of the batch is stored."""
    settings = Settings()
    return _ingest(
        store,
        paths,
        Overrides(published, source, url, encoding),
        max_bytes=max_bytes or settings.max_bytes,
        model=settings.model,
        stdin=stdin,
        listener=listener,
    )


def entities(store: Store, etype: str | None = None) -> list[EntityRow]:
    with store.read() as conn:
        return read.list_entities(conn, etype)


def entity(store: Store, name: str) -> EntityPage:
    """One entity by id, name or alias, with its roles and every mention in context."""
    with store.read() as conn:
        return read.entity_page(conn, _find(conn, name))


def show(store: Store, document_id: str) -> tuple[DocumentRow, list[DocumentMention]]:
    """A document (by id or unique prefix) and its mentions."""
    with store.read() as conn:
        return read.document(conn, read.resolve_document(conn, document_id))


def search(store: Store, words: str, limit: int = 20) -> list[Hit]:
    with store.read() as conn:
        return read.search(conn, words, limit)


def totals(store: Store) -> dict[str, int]:
    with store.read() as conn:
        return read.totals(conn)


def _find(conn: Connection, name: str) -> str:
    """An entity id from an id, name or alias; "PM Modi" falls back to "Modi"."""
    try:
        return read.find_entity(conn, name)
    except NotFoundError:
        bare = without_title(name)
        if bare == name:
            raise
        return read.find_entity(conn, bare)


def events(
    store: Store,
    *,
    etype: str | None = None,
    status: str | None = None,
    entity: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    document: str | None = None,
    min_confidence: float | None = None,
) -> list[findings.EventRow]:
    """Events, oldest first (undated last), filtered by type or subtype, status, entity,
    dates and the least confidence wanted."""
    with store.read() as conn:
        doc = read.resolve_document(conn, document) if document else None
        found = _find(conn, entity) if entity else None
        return findings.list_events(conn, etype, status, found, since, until, doc, min_confidence)


def claims(
    store: Store, *, entity: str | None = None, document: str | None = None
) -> list[findings.ClaimRow]:
    """Numbers the articles assert, with what they count, status and attribution."""
    with store.read() as conn:
        doc = read.resolve_document(conn, document) if document else None
        return findings.list_claims(conn, (_find(conn, entity) if entity else None), doc)


def quotes(
    store: Store, *, entity: str | None = None, document: str | None = None
) -> list[findings.QuoteRow]:
    """Direct quotes and reported speech, with speakers."""
    with store.read() as conn:
        doc = read.resolve_document(conn, document) if document else None
        return findings.list_quotes(conn, (_find(conn, entity) if entity else None), doc)


def sample_corpus() -> Path:
    """The folder of sample articles shipped with bilat."""
    return Path(str(resources.files("bilat").joinpath("corpus")))


# --- the merged record (knowledge layer) ----------------------------------------------


def _canonical(conn: Connection, name: str) -> str:
    """The canonical entity id of an id, name or alias (its link across documents)."""
    return _dossier.canonical_entity(conn, _find(conn, name))


def timeline(
    store: Store,
    pair: tuple[str, str] | None = None,
    *,
    entity: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    etype: str | None = None,
    status: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[list[Item], list[Item]]:
    """Canonical events in date order, then the undated ones, each list paged by
    ``limit``/``offset``; ``pair`` is two actor names ("India", "Russia"), ``entity`` one.
    """
    with store.read() as conn:
        actors = (_canonical(conn, pair[0]), _canonical(conn, pair[1])) if pair else None
        found = _canonical(conn, entity) if entity else None
        return _timeline.timeline(conn, actors, found, since, until, etype, status, limit, offset)


def conflicts(store: Store, *, entity: str | None = None, updates: bool = False) -> list[Conflict]:
    """Where sources disagree (claims, canonical events), each value with its sources;
    with ``updates``, later values of a changing quantity too."""
    with store.read() as conn:
        return _conflicts.conflicts(conn, _canonical(conn, entity) if entity else None, updates)


def event(store: Store, canonical_id: str) -> EventPage:
    """One canonical event (id or unique prefix) with its status history and reports."""
    with store.read() as conn:
        page = _timeline.event_page(conn, _event_id(conn, canonical_id))
    if page is None:  # pragma: no cover - _event_id found it
        raise NotFoundError(f"no canonical event {canonical_id!r}")
    return page


def _event_id(conn: Connection, ref: str) -> str:
    key = ref.strip().lower()
    ce = _schema.canonical_events.c
    if not key.startswith("ce-"):
        key = "ce-" + key
    if len(key) < 7 or not all(ch in "0123456789abcdef" for ch in key[3:]):
        raise NotFoundError(f"no canonical event {ref!r} (ids look like ce-3f2a9c0d1e2f3a4b)")
    ids = list(conn.scalars(select(ce.id).where(ce.id.like(key + "%")).limit(2)))
    if not ids:
        raise NotFoundError(f"no canonical event {ref!r}")
    if len(ids) > 1:
        raise NotFoundError(f"{ref!r} matches several canonical events; give more characters")
    return str(ids[0])


def rebuild(store: Store, progress: Callable[[int, int], None] | None = None) -> tuple[int, int]:
    """Recompute the merged record from the stored extractions in one transaction;
    (reports placed, canonical events). ``progress(done, total)`` after each document."""
    with store.write() as conn:
        placed = _record.rebuild(conn, progress)
        events = conn.scalar(select(func.count()).select_from(_schema.canonical_events))
    return placed, int(events or 0)


def dossier(store: Store, name: str) -> Dossier:
    """An entity's dossier: roles over time, canonical events, claims about it, its quotes,
    the entities named with it, its mentions; every item with its document and span."""
    with store.read() as conn:
        return _dossier.dossier(conn, _find(conn, name))
