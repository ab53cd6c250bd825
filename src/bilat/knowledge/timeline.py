"""Canonical events in date order, and one canonical event with its reports.

Filters: a pair of actors (both among the event's actors, a person counting for their
country), one entity, a date range (on the merged date), a PLOVER type or subtype, a
status. Each item carries its best evidence: the sentence of its surest report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Connection, Select, and_, func, or_, select

from bilat.knowledge.conflicts import Conflict, conflicts_of_event
from bilat.store import schema as s


@dataclass(frozen=True)
class Cited:
    """A sentence that supports a fact, with where it comes from."""

    document_id: str
    outlet: str | None
    published: dt.date | None
    title: str | None
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Item:
    id: str
    type: str
    subtype: str
    status: str
    date_start: dt.date | None
    date_end: dt.date | None
    source: str | None
    target: str | None
    place: str | None
    forum: str | None
    session: int | None
    platform: str | None
    quantity: float | None
    report_count: int
    source_count: int
    disputed: str | None
    evidence: Cited | None


@dataclass(frozen=True)
class Report:
    event_id: int
    status: str
    date_start: dt.date | None
    date_end: dt.date | None
    date_text: str | None
    attribution: str | None
    confidence: float
    evidence: Cited


@dataclass(frozen=True)
class StatusStep:
    status: str
    first_reported: dt.date | None
    documents: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class EventPage:
    event: Item
    history: list[StatusStep]
    reports: list[Report]
    conflicts: list[Conflict]
    actors: list[str]


def _filtered(
    query: Select,  # type: ignore[type-arg]
    pair: tuple[str, str] | None,
    entity: str | None,
    since: dt.date | None,
    until: dt.date | None,
    etype: str | None,
    status: str | None,
) -> Select:  # type: ignore[type-arg]
    ce, ca = s.canonical_events.c, s.canonical_actors.c
    for actor in [*(pair or ()), *([entity] if entity else [])]:
        query = query.where(ce.id.in_(select(ca.canonical_id).where(ca.entity_id == actor)))
    if since:
        query = query.where(
            or_(ce.date_end >= since, and_(ce.date_end.is_(None), ce.date_start >= since))
        )
    if until:
        query = query.where(ce.date_start <= until)
    if etype:
        query = query.where(or_(ce.type == etype.upper(), ce.subtype == etype.lower()))
    if status:
        query = query.where(ce.status == status)
    return query


def timeline(
    conn: Connection,
    pair: tuple[str, str] | None = None,
    entity: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    etype: str | None = None,
    status: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[list[Item], list[Item]]:
    """(dated events in date order, undated events), each list paged by limit/offset."""
    ce = s.canonical_events.c
    base = _filtered(select(s.canonical_events), pair, entity, since, until, etype, status)
    dated = base.where(ce.date_start.is_not(None)).order_by(ce.date_start, ce.date_end, ce.seq)
    undated = base.where(ce.date_start.is_(None)).order_by(ce.seq)
    if since or until:
        undated = undated.where(ce.id.is_(None))  # a date range admits only dated events
    out = []
    for query in (dated, undated):
        rows = list(conn.execute(query.offset(offset).limit(limit)).all())
        out.append(items(conn, rows))
    return out[0], out[1]


def items(conn: Connection, rows: list) -> list[Item]:  # type: ignore[type-arg]
    ids = {
        x
        for r in rows
        for x in (r.source_id, r.target_id, r.place_id, r.forum_id, r.platform_id)
        if x
    }
    names = _names(conn, ids)
    cited = evidence(conn, [r.best_event_id for r in rows])
    return [
        Item(
            r.id,
            r.type,
            r.subtype,
            r.status,
            r.date_start,
            r.date_end,
            names.get(r.source_id),
            names.get(r.target_id),
            names.get(r.place_id),
            names.get(r.forum_id),
            r.session,
            names.get(r.platform_id),
            r.quantity,
            r.report_count,
            r.source_count,
            r.disputed,
            cited.get(r.best_event_id),
        )
        for r in rows
    ]


def _names(conn: Connection, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    e = s.entities.c
    return {r.id: r.name for r in conn.execute(select(e.id, e.name).where(e.id.in_(sorted(ids))))}


def evidence(conn: Connection, event_ids: list[int]) -> dict[int, Cited]:
    """The first evidence sentence of each event, with its document's outlet and date."""
    if not event_ids:
        return {}
    ev, st, d = s.event_evidence.c, s.sentences.c, s.documents.c
    first = (
        select(ev.event_id, func.min(ev.id).label("eid"))
        .where(ev.event_id.in_(sorted(set(event_ids))))
        .group_by(ev.event_id)
        .subquery()
    )
    query = (
        select(
            ev.event_id,
            ev.document_id,
            ev.start_char,
            ev.end_char,
            st.text,
            d.source,
            d.published,
            d.title,
        )
        .join(first, first.c.eid == ev.id)
        .join(s.documents, d.id == ev.document_id)
        .join(
            s.sentences,
            and_(
                st.document_id == ev.document_id,
                st.start_char <= ev.start_char,
                st.end_char > ev.start_char,
            ),
        )
    )
    return {
        r.event_id: Cited(
            r.document_id, r.source, r.published, r.title, r.start_char, r.end_char, r.text
        )
        for r in conn.execute(query)
    }


def event_page(conn: Connection, canonical_id: str) -> EventPage | None:
    ce, cr, e = s.canonical_events.c, s.canonical_reports.c, s.events.c
    row = conn.execute(select(s.canonical_events).where(ce.id == canonical_id)).first()
    if row is None:
        return None
    reports = conn.execute(
        select(
            e.id,
            e.status,
            e.date_start,
            e.date_end,
            e.date_text,
            e.attribution,
            e.confidence,
            cr.published,
        )
        .join(s.canonical_reports, cr.event_id == e.id)
        .where(cr.canonical_id == canonical_id)
        .order_by(cr.published, cr.seq)
    ).all()
    cited = evidence(conn, [r.id for r in reports])
    shown = [
        Report(
            r.id,
            r.status,
            r.date_start,
            r.date_end,
            r.date_text,
            r.attribution,
            r.confidence,
            cited[r.id],
        )
        for r in reports
        if r.id in cited
    ]
    history: list[StatusStep] = []
    for r in shown:
        step = next((h for h in history if h.status == r.status), None)
        if step is None:
            history.append(StatusStep(r.status, r.evidence.published, [r.evidence.document_id]))
        elif r.evidence.document_id not in step.documents:
            step.documents.append(r.evidence.document_id)
    actors = conn.execute(
        select(s.entities.c.name)
        .join(s.canonical_actors, s.canonical_actors.c.entity_id == s.entities.c.id)
        .where(s.canonical_actors.c.canonical_id == canonical_id)
        .order_by(s.entities.c.name)
    ).scalars()
    return EventPage(
        items(conn, [row])[0], history, shown, conflicts_of_event(conn, canonical_id), list(actors)
    )
