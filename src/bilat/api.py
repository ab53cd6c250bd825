"""The Python API: the CLI's verbs as functions over a store.

>>> from bilat import api
>>> store = api.open("sqlite:///bilat.db")
>>> report = api.ingest(store, ["articles/"])
>>> [e.name for e in api.entities(store, "person")]
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import Connection

from bilat.analyze.names import without_title
from bilat.config import Settings
from bilat.errors import NotFoundError
from bilat.ingest.loaders import Overrides
from bilat.ingest.run import IngestReport, Listener
from bilat.ingest.run import ingest as _ingest
from bilat.store import findings, read
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
