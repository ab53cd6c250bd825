"""Keep the merged record: place each new report into a canonical event, or rebuild all.

``update`` runs in the transaction that stores a document, so the record is never behind
the extractions. ``rebuild`` clears the derived tables and replays every report in
arrival order (event id) through the same ``place``: the two give the same record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, and_, delete, insert, or_, select
from sqlalchemy import update as sql_update

from bilat.knowledge import entities
from bilat.knowledge.cluster import Summary, merged, score, settings
from bilat.knowledge.reports import Report, read_reports
from bilat.store import schema as s
from bilat.store.write import insert_ignore

CANDIDATES = 64  # newest canonical events of a block compared with a report
DERIVED = (s.canonical_actors, s.canonical_reports, s.canonical_events, s.entity_links)


def canonical_id(r: Report) -> str:
    """Content-derived: the same first report gives the same id in every database."""
    key = f"{r.document_id}:{r.ordinal}"
    return "ce-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def _shift(day: dt.date, delta: dt.timedelta) -> dt.date:
    try:
        return day + delta
    except OverflowError:
        return day


@dataclass
class _Candidate:
    id: str
    seq: int
    anchor_start: dt.date
    anchor_end: dt.date
    summary: Summary


def candidates(conn: Connection, r: Report) -> list[tuple[float, _Candidate]]:
    """Canonical events of ``r``'s block that it could be, with its score for each; none
    that already holds a report of ``r``'s document."""
    ce, cr = s.canonical_events.c, s.canonical_reports.c
    lo, hi = r.anchor
    slack = dt.timedelta(days=settings()["date_slack_days"])
    near = and_(ce.anchor_start <= _shift(hi, slack), ce.anchor_end >= _shift(lo, -slack))
    if r.forum and r.session is not None:  # one numbered session, however far its dates
        near = or_(near, and_(ce.forum_id == r.forum, ce.session == r.session))
    rows = conn.execute(
        select(ce.id, ce.summary, ce.seq, ce.anchor_start, ce.anchor_end)
        .where(ce.family == r.family, near)
        .order_by(ce.seq.desc())
        .limit(CANDIDATES)
    ).all()
    if not rows:
        return []
    taken = set(
        conn.execute(
            select(cr.canonical_id).where(
                cr.document_id == r.document_id, cr.canonical_id.in_([x.id for x in rows])
            )
        ).scalars()
    )
    out = []
    for row in rows:
        if row.id in taken:
            continue
        summary = Summary.load(row.summary)
        points = score(r, summary)
        if points is not None:
            out.append(
                (points, _Candidate(row.id, row.seq, row.anchor_start, row.anchor_end, summary))
            )
    return out


def place(conn: Connection, r: Report, into: _Candidate | None) -> str:
    """Join ``r`` to a canonical event, or start one when ``into`` is None; its id."""
    ce = s.canonical_events.c
    lo, hi = r.anchor
    if into is None:
        cid = canonical_id(r)
        summary = Summary.start(r)
        conn.execute(
            insert(s.canonical_events).values(
                id=cid,
                seq=r.event_id,
                family=r.family,
                type=r.type,
                anchor_start=lo,
                anchor_end=hi,
                summary=summary.dump(),
                **merged(summary),
            )
        )
    else:
        cid = into.id
        into.summary.add(r)
        values = merged(into.summary)
        if r.date_start or r.published:  # a report with no time at all widens nothing
            values["anchor_start"] = min(into.anchor_start, lo)
            values["anchor_end"] = max(into.anchor_end, hi)
        conn.execute(
            sql_update(s.canonical_events)
            .where(ce.id == cid)
            .values(summary=into.summary.dump(), **values)
        )
    conn.execute(
        insert(s.canonical_reports).values(
            event_id=r.event_id,
            canonical_id=cid,
            document_id=r.document_id,
            status=r.status,
            published=r.published,
            seq=r.event_id,
        )
    )
    actors = r.actors | r.countries | r.platforms | {x for x in (r.forum, r.place) if x}
    insert_ignore(
        conn, s.canonical_actors, [{"canonical_id": cid, "entity_id": a} for a in sorted(actors)]
    )
    return cid


def place_document(conn: Connection, reports: list[Report]) -> None:
    """Place one document's reports. A document tells of each happening once, so its
    reports and the canonical events are matched one to one, surest pair first (a
    report's own best candidate may fit another of the document's reports better); the
    rest start canonical events of their own, in their order."""
    options = [
        (-points, -c.seq, i, c) for i, r in enumerate(reports) for points, c in candidates(conn, r)
    ]
    options.sort(key=lambda o: o[:3])
    chosen: dict[int, _Candidate] = {}
    used: set[str] = set()
    for _, _, i, c in options:
        if i in chosen or c.id in used:
            continue
        chosen[i] = c
        used.add(c.id)
    for i, r in enumerate(reports):
        place(conn, r, chosen.get(i))


def update(conn: Connection, document_ids: Iterable[str]) -> int:
    """Bring the record up to date with these newly stored documents; reports placed."""
    ids = list(document_ids)
    entities.link_documents(conn, ids)
    reports = read_reports(conn, ids)
    by_document: dict[str, list[Report]] = {}
    for r in reports:
        by_document.setdefault(r.document_id, []).append(r)
    for group in by_document.values():
        place_document(conn, group)
    return len(reports)


def rebuild(conn: Connection, progress: Callable[[int, int], None] | None = None) -> int:
    """Recompute the whole record from the stored extractions: every document replayed
    through ``update`` in the order it was stored. Returns the reports placed."""
    for table in DERIVED:
        conn.execute(delete(table))
    doc = s.documents.c
    order = list(conn.execute(select(doc.id).order_by(doc.ingested_at, doc.id)).scalars())
    placed = 0
    for done, document_id in enumerate(order, 1):
        placed += update(conn, [document_id])
        if progress is not None:
            progress(done, len(order))
    return placed
