"""Write one analysed document in one transaction; entities are shared and upserted."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, Table, select
from sqlalchemy.dialects import postgresql, sqlite

from bilat.models import Analysis, Entity
from bilat.store import schema as s


def insert_ignore(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT ... ON CONFLICT DO NOTHING on either engine."""
    if not rows:
        return
    dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    conn.execute(dialect_insert(table).on_conflict_do_nothing(), rows)


def has_document(conn: Connection, document_id: str) -> bool:
    query = select(s.documents.c.id).where(s.documents.c.id == document_id)
    return conn.execute(query).first() is not None


def _lexicon_roles(entity: Entity) -> list[dict[str, Any]]:
    return [
        {
            "person_id": entity.id,
            "title": r.title,
            "of_id": r.of,
            "since": r.since,
            "until": r.until,
            "origin": "lexicon",
        }
        for r in entity.roles
    ]


def _save_entities(conn: Connection, analysis: Analysis) -> None:
    wanted = analysis.entities
    present = set(conn.scalars(select(s.entities.c.id).where(s.entities.c.id.in_(wanted))))
    new = [e for e in wanted.values() if e.id not in present]
    insert_ignore(
        conn,
        s.entities,
        [
            {"id": e.id, "type": e.type, "name": e.name, "attrs": e.attrs, "origin": e.origin}
            for e in new
        ],
    )
    roles = [r for e in new for r in _lexicon_roles(e)]
    if roles:
        conn.execute(s.roles.insert(), roles)
    names = {(e.id, a) for e in new for a in (e.name, *e.aliases)}
    # only names that stand for the entity anywhere; "Singh" or "Moscow" (as Russia) do not
    names |= {(m.entity_id, m.text) for m in analysis.mentions if m.kind in ("name", "alias")}
    insert_ignore(conn, s.aliases, [{"entity_id": i, "alias": a} for i, a in sorted(names)])


def save_analysis(conn: Connection, analysis: Analysis) -> bool:
    """Store ``analysis``; False (and no write) when its document is stored already."""
    doc = analysis.document
    if has_document(conn, doc.id):
        return False
    conn.execute(
        s.documents.insert(),
        {
            "id": doc.id,
            "url": doc.url,
            "title": doc.title,
            "source": doc.source,
            "published": doc.published,
            "language": doc.language,
            "origin": doc.origin,
            "text": doc.text,
            "tokens": analysis.tokens,
            "ingested_at": dt.datetime.now(dt.UTC),
        },
    )
    conn.execute(
        s.sentences.insert(),
        [
            {
                "document_id": doc.id,
                "idx": x.index,
                "block": x.block,
                "section": x.section,
                "start_char": x.start,
                "end_char": x.end,
                "text": doc.text[x.start : x.end],
            }
            for x in analysis.sentences
        ],
    )
    _save_entities(conn, analysis)
    if analysis.mentions:
        conn.execute(
            s.mentions.insert(),
            [
                {
                    "entity_id": m.entity_id,
                    "document_id": doc.id,
                    "sentence_idx": m.sentence,
                    "start_char": m.start,
                    "end_char": m.end,
                    "text": m.text,
                    "kind": m.kind,
                }
                for m in analysis.mentions
            ],
        )
    return True
