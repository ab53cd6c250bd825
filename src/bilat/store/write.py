"""Write one analysed document in one transaction; entities are shared and upserted.

The statements are built once (below and in ``_insert_ignore``): SQLAlchemy then finds each
one's compiled form by a cache key it has already worked out.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from sqlalchemy import Connection, Insert, Table, bindparam, select
from sqlalchemy.dialects import postgresql, sqlite

from bilat.models import Analysis, Entity, Event
from bilat.store import schema as s

_HAS_DOCUMENT = select(s.documents.c.id).where(s.documents.c.id == bindparam("document_id"))
_PRESENT_ENTITIES = select(s.entities.c.id).where(
    s.entities.c.id.in_(bindparam("ids", expanding=True))
)
_INSERT = {
    t.name: t.insert()
    for t in (
        s.sentences,
        s.mentions,
        s.roles,
        s.claims,
        s.quotes,
        s.event_participants,
        s.event_evidence,
    )
}
_INSERT_EVENTS = s.events.insert().returning(s.events.c.id, sort_by_parameter_order=True)


@cache
def _insert_ignore(dialect: str, table: Table) -> Insert:
    dialect_insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return dialect_insert(table).on_conflict_do_nothing()


@cache
def _insert_document(dialect: str) -> Insert:
    """The document row, or nothing when it is there: RETURNING tells which."""
    return _insert_ignore(dialect, s.documents).returning(s.documents.c.id)


def insert_ignore(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT ... ON CONFLICT DO NOTHING on either engine."""
    if not rows:
        return
    conn.execute(_insert_ignore(conn.dialect.name, table), rows)


def has_document(conn: Connection, document_id: str) -> bool:
    return conn.execute(_HAS_DOCUMENT, {"document_id": document_id}).first() is not None


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
    present = set(conn.scalars(_PRESENT_ENTITIES, {"ids": list(wanted)})) if wanted else set()
    # in id order, like the aliases below: concurrent writers then wait for each other's
    # new rows in one order, not crosswise (a deadlock on PostgreSQL)
    new = sorted((e for e in wanted.values() if e.id not in present), key=lambda e: e.id)
    insert_ignore(
        conn,
        s.entities,
        [
            {"id": e.id, "type": e.type, "name": e.name, "attrs": e.attrs, "origin": e.origin}
            for e in new
        ],
    )
    # another process may have added the same person (and its roles) meanwhile
    insert_ignore(conn, s.roles, [r for e in new for r in _lexicon_roles(e)])
    names = {(e.id, a) for e in new for a in (e.name, *e.aliases)}
    # only names that stand for the entity anywhere; "Singh" or "Moscow" (as Russia) do not
    names |= {(m.entity_id, m.text) for m in analysis.mentions if m.kind in ("name", "alias")}
    insert_ignore(conn, s.aliases, [{"entity_id": i, "alias": a} for i, a in sorted(names)])


def save_analysis(conn: Connection, analysis: Analysis) -> bool:
    """Store ``analysis``; False (and no write) when its document is stored already.

    The document row goes first, with ON CONFLICT DO NOTHING: when another process stored
    the same document meanwhile (or is storing it: the insert waits for that transaction),
    no row is inserted and the document counts as already stored, not as a failure.
    """
    doc = analysis.document
    if has_document(conn, doc.id):
        return False
    inserted = conn.execute(
        _insert_document(conn.dialect.name),
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
    if inserted.first() is None:  # (rowcount is not reliable: -1 with psycopg)
        return False
    conn.execute(
        _INSERT["sentences"],
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
    _save_findings(conn, analysis)
    if analysis.mentions:
        conn.execute(
            _INSERT["mentions"],
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


def _save_findings(conn: Connection, analysis: Analysis) -> None:
    """Events (with participants and evidence), claims, quotes and roles the text gives."""
    doc_id = analysis.document.id
    known = set(analysis.entities)
    rows = [_event_row(doc_id, e, known) for e in analysis.events]
    if rows:  # one round trip for the events, ids back in their order
        ids = [r[0] for r in conn.execute(_INSERT_EVENTS, rows)]
        people = [
            {"event_id": i, "entity_id": p.entity_id, "role": p.role}
            for i, e in zip(ids, analysis.events, strict=True)
            for p in e.participants
            if p.entity_id in known
        ]
        people += [
            {"event_id": i, "entity_id": p, "role": "platform"}
            for i, e in zip(ids, analysis.events, strict=True)
            for p in e.platform_ids
            if p in known
        ]
        if people:
            conn.execute(_INSERT["event_participants"], people)
        evidence = [
            {"event_id": i, "document_id": doc_id, "start_char": a, "end_char": b}
            for i, e in zip(ids, analysis.events, strict=True)
            for a, b in e.evidence
        ]
        if evidence:
            conn.execute(_INSERT["event_evidence"], evidence)
    _save_rows(conn, analysis, known)


def _event_row(doc_id: str, e: Event, known: set[str]) -> dict[str, Any]:
    t = e.time
    return {
        "document_id": doc_id,
        "type": e.type,
        "subtype": e.subtype,
        "status": e.status,
        "attribution": e.attribution,
        "date_start": t.start if t else None,
        "date_end": t.end if t else None,
        "date_text": t.text if t else None,
        "place_id": e.place_id if e.place_id in known else None,
        "venue_id": e.venue_id if e.venue_id in known else None,
        "forum_id": e.forum_id if e.forum_id in known else None,
        "session": e.session,
        "platform_id": e.platform_ids[0] if e.platform_ids else None,
        "quantity": e.quantity,
        "quantity_text": e.quantity_text,
        "money_amount": e.money_amount,
        "money_currency": e.money_currency,
        "confidence": e.confidence,
        "start_char": e.start,
        "end_char": e.end,
        "topic": e.topic,
        "source_id": e.source_id if e.source_id in known else None,
        "target_id": e.target_id if e.target_id in known else None,
    }


def _save_rows(conn: Connection, analysis: Analysis, known: set[str]) -> None:
    doc_id = analysis.document.id
    if analysis.claims:
        conn.execute(
            _INSERT["claims"],
            [
                {
                    "document_id": doc_id,
                    "subject_id": c.subject_id if c.subject_id in known else None,
                    "subject_text": c.subject_text,
                    "attribute": c.attribute,
                    "value_num": c.value_num,
                    "value_text": c.value_text,
                    "qualifier": c.qualifier,
                    "unit": c.unit,
                    "as_of": c.as_of,
                    "aspect": c.aspect,
                    "status": c.status,
                    "attribution": c.attribution,
                    "start_char": c.start,
                    "end_char": c.end,
                }
                for c in analysis.claims
            ],
        )
    if analysis.quotes:
        conn.execute(
            _INSERT["quotes"],
            [
                {
                    "document_id": doc_id,
                    "speaker_id": q.speaker_id if q.speaker_id in known else None,
                    "speaker_text": q.speaker_text,
                    "text": q.text,
                    "verb": q.verb,
                    "kind": q.kind,
                    "start_char": q.start,
                    "end_char": q.end,
                }
                for q in analysis.quotes
            ],
        )
    roles = {(r.person_id, r.title, r.of_id): r for r in analysis.roles if r.person_id in known}
    if roles:
        conn.execute(
            _INSERT["roles"],
            [
                {
                    "person_id": r.person_id,
                    "title": r.title,
                    "of_id": r.of_id,
                    "since": r.since,
                    "document_id": doc_id,
                    "start_char": r.start,
                    "end_char": r.end,
                    "origin": "text",
                }
                for r in roles.values()
            ],
        )
