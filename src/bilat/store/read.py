"""Queries the CLI, the API and the web pages share. Each returns typed rows."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rapidfuzz import process
from sqlalchemy import Connection, Table, func, select, text

from bilat.errors import NotFoundError
from bilat.store import schema as s


@dataclass(frozen=True)
class EntityRow:
    id: str
    type: str
    name: str
    mentions: int
    documents: int
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class MentionRow:
    document_id: str
    title: str | None
    source: str | None
    published: dt.date | None
    start: int
    end: int
    text: str
    kind: str
    section: str
    sentence: str


@dataclass(frozen=True)
class RoleRow:
    title: str
    of: str | None
    since: dt.date | None
    until: dt.date | None
    origin: str


@dataclass(frozen=True)
class EntityPage:
    entity: EntityRow
    attrs: dict[str, object]
    roles: list[RoleRow]
    mentions: list[MentionRow]


@dataclass(frozen=True)
class DocumentRow:
    id: str
    title: str | None
    url: str | None
    source: str | None
    published: dt.date | None
    origin: str
    text: str
    sentences: int
    mentions: int


@dataclass(frozen=True)
class DocumentMention:
    entity_id: str
    name: str
    type: str
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Hit:
    document_id: str
    title: str | None
    published: dt.date | None
    section: str
    start: int
    end: int
    text: str
    score: float


def _aliases(conn: Connection, ids: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {i: [] for i in ids}
    query = select(s.aliases.c.entity_id, s.aliases.c.alias).where(s.aliases.c.entity_id.in_(ids))
    for entity_id, alias in conn.execute(query.order_by(s.aliases.c.alias)):
        out[entity_id].append(alias)
    return out


def list_entities(conn: Connection, etype: str | None = None) -> list[EntityRow]:
    """Entities with at least one mention, most mentioned first."""
    m = s.mentions
    query = (
        select(
            s.entities.c.id,
            s.entities.c.type,
            s.entities.c.name,
            func.count(m.c.id),
            func.count(func.distinct(m.c.document_id)),
        )
        .join(m, m.c.entity_id == s.entities.c.id)
        .group_by(s.entities.c.id, s.entities.c.type, s.entities.c.name)
        .order_by(s.entities.c.type, func.count(m.c.id).desc(), s.entities.c.name)
    )
    if etype:
        query = query.where(s.entities.c.type == etype)
    rows = conn.execute(query).all()
    aliases = _aliases(conn, [r[0] for r in rows])
    return [EntityRow(r[0], r[1], r[2], r[3], r[4], aliases[r[0]]) for r in rows]


def find_entity(conn: Connection, name: str) -> str:
    """The id of the entity called ``name`` (id, name or alias, any case)."""
    key = name.strip().lower()
    e, a = s.entities, s.aliases
    for query in (
        select(e.c.id).where(func.lower(e.c.id) == key),
        select(e.c.id).where(func.lower(e.c.name) == key),
        select(a.c.entity_id).where(func.lower(a.c.alias) == key),
    ):
        found = conn.scalars(query.limit(1)).first()
        if found:
            return str(found)
    names = list(conn.scalars(select(e.c.name)))
    guesses = [g for g, score, _ in process.extract(name, names, limit=3) if score >= 60]
    hint = f"; did you mean {' or '.join(guesses)}?" if guesses else ""
    raise NotFoundError(f"no entity named {name!r}{hint}")


def entity_page(conn: Connection, entity_id: str) -> EntityPage:
    e, m, d, st = s.entities, s.mentions, s.documents, s.sentences
    row = conn.execute(select(e).where(e.c.id == entity_id)).mappings().one()
    query = (
        select(
            m.c.document_id,
            d.c.title,
            d.c.source,
            d.c.published,
            m.c.start_char,
            m.c.end_char,
            m.c.text,
            m.c.kind,
            st.c.section,
            st.c.text,
        )
        .join(d, d.c.id == m.c.document_id)
        .join(st, (st.c.document_id == m.c.document_id) & (st.c.idx == m.c.sentence_idx))
        .where(m.c.entity_id == entity_id)
        .order_by(d.c.published, m.c.document_id, m.c.start_char)
    )
    mentions = [MentionRow(*tuple(r)) for r in conn.execute(query)]
    roles = [
        RoleRow(r.title, r.of_id, r.since, r.until, r.origin)
        for r in conn.execute(select(s.roles).where(s.roles.c.person_id == entity_id))
    ]
    docs = len({x.document_id for x in mentions})
    aliases = _aliases(conn, [entity_id])[entity_id]
    entity = EntityRow(row["id"], row["type"], row["name"], len(mentions), docs, aliases)
    return EntityPage(entity, dict(row["attrs"] or {}), roles, mentions)


def resolve_document(conn: Connection, prefix: str) -> str:
    """A full document id from a unique prefix of at least 4 characters."""
    key = prefix.strip().lower()
    if len(key) < 4 or not re.fullmatch(r"[0-9a-f]+", key):
        raise NotFoundError(f"{prefix!r} is not a document id (give at least 4 hex characters)")
    ids = list(
        conn.scalars(select(s.documents.c.id).where(s.documents.c.id.like(key + "%")).limit(2))
    )
    if not ids:
        raise NotFoundError(f"no document with id {prefix!r}")
    if len(ids) > 1:
        raise NotFoundError(f"{prefix!r} matches several documents; give more characters")
    return str(ids[0])


def _count_rows(conn: Connection, table: Table, document_id: str) -> int:
    query = select(func.count()).select_from(table).where(table.c.document_id == document_id)
    return int(conn.scalar(query) or 0)


def document(conn: Connection, document_id: str) -> tuple[DocumentRow, list[DocumentMention]]:
    d, m, e = s.documents, s.mentions, s.entities
    row = conn.execute(select(d).where(d.c.id == document_id)).mappings().one()
    doc = DocumentRow(
        row["id"],
        row["title"],
        row["url"],
        row["source"],
        row["published"],
        row["origin"],
        row["text"],
        _count_rows(conn, s.sentences, document_id),
        _count_rows(conn, m, document_id),
    )
    query = (
        select(m.c.entity_id, e.c.name, e.c.type, m.c.start_char, m.c.end_char, m.c.kind)
        .join(e, e.c.id == m.c.entity_id)
        .where(m.c.document_id == document_id)
        .order_by(m.c.start_char)
    )
    return doc, [DocumentMention(*r) for r in conn.execute(query)]


def _fts_query(words: str) -> str:
    terms = re.findall(r"[\w][\w\-]*", words)
    return " ".join('"' + t.replace('"', "") + '"' for t in terms)


def search(conn: Connection, words: str, limit: int = 20) -> list[Hit]:
    """Sentences matching all ``words``, best first (BM25 on SQLite, ts_rank on PostgreSQL)."""
    match = _fts_query(words)
    if not match:
        return []
    if conn.dialect.name == "sqlite":
        sql = text(
            "SELECT st.document_id, d.title, d.published, st.section, st.start_char, st.end_char, "
            "st.text, -bm25(sentences_fts) AS score FROM sentences_fts "
            "JOIN sentences st ON st.id = sentences_fts.rowid "
            "JOIN documents d ON d.id = st.document_id "
            "WHERE sentences_fts MATCH :q ORDER BY score DESC, st.id LIMIT :n"
        )
        params: dict[str, object] = {"q": match, "n": limit}
    else:
        sql = text(
            "SELECT st.document_id, d.title, d.published, st.section, st.start_char, st.end_char, "
            "st.text, ts_rank(st.tsv, q) AS score FROM sentences st "
            "JOIN documents d ON d.id = st.document_id, plainto_tsquery('english', :q) q "
            "WHERE st.tsv @@ q ORDER BY score DESC, st.id LIMIT :n"
        )
        params = {"q": words, "n": limit}
    rows = conn.execute(sql, params).all()
    return [Hit(r[0], r[1], _as_date(r[2]), r[3], r[4], r[5], r[6], float(r[7])) for r in rows]


def _as_date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def totals(conn: Connection) -> dict[str, int]:
    """Row counts of the main tables."""
    tables = {
        "documents": s.documents,
        "sentences": s.sentences,
        "entities": s.entities,
        "mentions": s.mentions,
        "events": s.events,
        "claims": s.claims,
        "quotes": s.quotes,
    }
    return {
        name: int(conn.scalar(select(func.count()).select_from(t)) or 0)
        for name, t in tables.items()
    }
