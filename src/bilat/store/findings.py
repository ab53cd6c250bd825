"""Read events, claims and quotes back, with canonical names and evidence text."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Connection, Select, func, or_, select

from bilat.store import schema as s


@dataclass(frozen=True)
class Evidence:
    document_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ParticipantRow:
    entity: str
    name: str
    role: str


@dataclass(frozen=True)
class EventRow:
    id: int
    document_id: str
    type: str
    subtype: str
    status: str
    attribution: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    date_text: str | None
    place: str | None
    venue: str | None
    forum: str | None
    session: int | None
    platform: str | None
    platforms: list[str]
    quantity: float | None
    topic: str | None
    confidence: float
    source: str | None = None  # PLOVER actor's name
    target: str | None = None  # PLOVER recipient's name
    source_id: str | None = None
    target_id: str | None = None
    participants: list[ParticipantRow] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True)
class ClaimRow:
    id: int
    document_id: str
    subject: str | None
    subject_text: str
    attribute: str
    value: float | None
    value_text: str | None
    qualifier: str | None
    unit: str | None
    as_of: dt.date | None
    status: str
    attribution: str | None
    evidence: Evidence
    aspect: str | None = None


@dataclass(frozen=True)
class QuoteRow:
    id: int
    document_id: str
    speaker: str | None
    speaker_id: str | None
    speaker_text: str | None
    kind: str
    verb: str | None
    text: str
    evidence: Evidence


def _names(conn: Connection, ids: set[str]) -> dict[str, str]:
    ids.discard("")
    if not ids:
        return {}
    rows = conn.execute(select(s.entities.c.id, s.entities.c.name).where(s.entities.c.id.in_(ids)))
    return {r.id: r.name for r in rows}


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _snippet(column_start: object, column_end: object) -> object:
    """The document text between two offset columns, cut in SQL."""
    text = s.documents.c.text
    return func.substr(text, column_start + 1, column_end - column_start)  # type: ignore[operator]


def _event_query(
    etype: str | None,
    status: str | None,
    entity: str | None,
    since: dt.date | None,
    until: dt.date | None,
    document: str | None,
    min_confidence: float | None = None,
) -> Select[tuple[object, ...]]:
    e = s.events.c
    query = select(s.events).order_by(
        e.date_start.is_(None), e.date_start, e.document_id, e.start_char
    )
    if etype:
        query = query.where(
            or_(func.lower(e.type) == etype.lower(), func.lower(e.subtype) == etype.lower())
        )
    if status:
        query = query.where(e.status == status)
    if document:
        query = query.where(e.document_id == document)
    if min_confidence is not None:
        query = query.where(e.confidence >= min_confidence)
    if since:
        query = query.where(func.coalesce(e.date_end, e.date_start) >= since)
    if until:
        query = query.where(func.coalesce(e.date_start, e.date_end) <= until)
    if entity:
        part = select(s.event_participants.c.event_id).where(
            s.event_participants.c.entity_id == entity
        )
        query = query.where(
            or_(
                e.id.in_(part),
                e.place_id == entity,
                e.venue_id == entity,
                e.forum_id == entity,
                e.platform_id == entity,
            )
        )
    return query


def list_events(
    conn: Connection,
    etype: str | None = None,
    status: str | None = None,
    entity: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    document: str | None = None,
    min_confidence: float | None = None,
) -> list[EventRow]:
    query = _event_query(etype, status, entity, since, until, document, min_confidence)
    rows = conn.execute(query).all()
    ids = [r.id for r in rows]
    people: dict[int, list[tuple[str, str]]] = defaultdict(list)
    evidence: dict[int, list[Evidence]] = defaultdict(list)
    if ids:
        for p in conn.execute(
            select(s.event_participants).where(s.event_participants.c.event_id.in_(ids))
        ):
            people[p.event_id].append((p.entity_id, p.role))
        ev = s.event_evidence.c
        query = (
            select(
                ev.event_id,
                ev.document_id,
                ev.start_char,
                ev.end_char,
                _snippet(ev.start_char, ev.end_char),
            )
            .join(s.documents, s.documents.c.id == ev.document_id)
            .where(ev.event_id.in_(ids))
            .order_by(ev.id)
        )
        for event_id, doc_id, start, end, text in conn.execute(query):
            evidence[event_id].append(Evidence(doc_id, start, end, text))
    wanted = {
        x
        for r in rows
        for x in (r.place_id, r.venue_id, r.forum_id, r.platform_id, r.source_id, r.target_id)
        if x
    }
    wanted |= {p for v in people.values() for p, _ in v}
    names = _names(conn, wanted)
    out = []
    for r in rows:
        parts = [
            ParticipantRow(p, names.get(p, p), role)
            for p, role in people[r.id]
            if role != "platform"
        ]
        platforms = [names.get(p, p) for p, role in people[r.id] if role == "platform"]
        out.append(
            EventRow(
                id=r.id,
                document_id=r.document_id,
                type=r.type,
                subtype=r.subtype,
                status=r.status,
                attribution=r.attribution,
                date_start=_date(r.date_start),
                date_end=_date(r.date_end),
                date_text=r.date_text,
                place=names.get(r.place_id) if r.place_id else None,
                venue=names.get(r.venue_id) if r.venue_id else None,
                forum=names.get(r.forum_id) if r.forum_id else None,
                session=r.session,
                platform=names.get(r.platform_id) if r.platform_id else None,
                platforms=platforms,
                quantity=r.quantity,
                topic=r.topic,
                confidence=r.confidence,
                source=names.get(r.source_id) if r.source_id else None,
                target=names.get(r.target_id) if r.target_id else None,
                source_id=r.source_id,
                target_id=r.target_id,
                participants=parts,
                evidence=evidence[r.id],
            )
        )
    return out


def list_claims(
    conn: Connection, entity: str | None = None, document: str | None = None
) -> list[ClaimRow]:
    c = s.claims.c
    query = (
        select(s.claims, _snippet(c.start_char, c.end_char).label("snippet"))
        .join(s.documents, s.documents.c.id == c.document_id)
        .order_by(c.document_id, c.start_char)
    )
    if entity:
        query = query.where(c.subject_id == entity)
    if document:
        query = query.where(c.document_id == document)
    rows = conn.execute(query).all()
    names = _names(conn, {r.subject_id for r in rows if r.subject_id})
    return [
        ClaimRow(
            r.id,
            r.document_id,
            names.get(r.subject_id) if r.subject_id else None,
            r.subject_text,
            r.attribute,
            r.value_num,
            r.value_text,
            r.qualifier,
            r.unit,
            _date(r.as_of),
            r.status,
            r.attribution,
            Evidence(r.document_id, r.start_char, r.end_char, r.snippet),
            r.aspect,
        )
        for r in rows
    ]


def list_quotes(
    conn: Connection, entity: str | None = None, document: str | None = None
) -> list[QuoteRow]:
    q = s.quotes.c
    query = select(s.quotes).order_by(q.document_id, q.start_char)
    if entity:
        query = query.where(q.speaker_id == entity)
    if document:
        query = query.where(q.document_id == document)
    rows = conn.execute(query).all()
    names = _names(conn, {r.speaker_id for r in rows if r.speaker_id})
    return [
        QuoteRow(
            r.id,
            r.document_id,
            names.get(r.speaker_id) if r.speaker_id else None,
            r.speaker_id,
            r.speaker_text,
            r.kind,
            r.verb,
            r.text,
            Evidence(r.document_id, r.start_char, r.end_char, r.text),
        )
        for r in rows
    ]
