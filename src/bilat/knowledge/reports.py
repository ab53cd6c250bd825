"""Per-document events read back as *reports* for clustering: one row each, with the
actors resolved across documents and a time window to block on.

A report's time is its own date when the text gives one. An undated report is placed
around its publication date (``UNDATED_DAYS`` either side): an outlet reports what
happened recently or what is coming soon; such a window blocks candidates but never
counts as agreement on the date.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Connection, func, select

from bilat.lexicon import load
from bilat.store import schema as s

UNDATED_DAYS = 60
PRECISE_DAYS = 7  # an interval this short names the day(s) of a happening
EARLIEST, LATEST = dt.date(1, 1, 1), dt.date(9999, 12, 31)


@cache
def _families() -> dict[str, str]:
    """Subtype -> its kin group's name (the first subtype of the group), else itself."""
    out: dict[str, str] = {}
    for group in load("events").get("kin", []):
        for subtype in group:
            out[subtype] = group[0]
    return out


def family(subtype: str) -> str:
    return _families().get(subtype, subtype)


@dataclass(frozen=True)
class Report:
    event_id: int
    document_id: str
    start_char: int
    end_char: int
    published: dt.date | None
    outlet: str | None
    type: str
    subtype: str
    status: str
    date_start: dt.date | None
    date_end: dt.date | None
    forum: str | None
    session: int | None
    platform: str | None
    place: str | None
    source: str | None
    target: str | None
    quantity: float | None
    topic: str | None
    confidence: float
    actors: frozenset[str]  # canonical ids: source, target, participants
    countries: frozenset[str]  # the actors' countries (a person's from their roles)
    ordinal: int = 0  # place among its document's events, the same in every database
    place_country: str | None = None  # the country its place is in
    venue: str | None = None  # the building or site ("Rajghat", "Rashtrapati Bhavan")
    context: frozenset[str] = frozenset()  # the document's two most-named countries
    platforms: frozenset[str] = frozenset()  # its platform and every platform taking part

    @property
    def family(self) -> str:
        return family(self.subtype)

    @property
    def precise(self) -> tuple[dt.date, dt.date] | None:
        """The report's own dates when they name days, not a month or a year."""
        if self.date_start is None:
            return None
        end = self.date_end or self.date_start
        return (self.date_start, end) if (end - self.date_start).days < PRECISE_DAYS else None

    @property
    def anchor(self) -> tuple[dt.date, dt.date]:
        if self.date_start is not None:
            return self.date_start, self.date_end or self.date_start
        if self.published is None:
            return EARLIEST, LATEST
        pad = dt.timedelta(days=UNDATED_DAYS)
        return self.published - pad, self.published + pad


def links(conn: Connection) -> dict[str, str]:
    rows = conn.execute(select(s.entity_links.c.entity_id, s.entity_links.c.canonical_id))
    return {r.entity_id: r.canonical_id for r in rows}


ACTOR_TYPES = ("person", "organization", "country")


def _kinds(conn: Connection, ids: set[str]) -> dict[str, tuple[str, dict[str, object]]]:
    e = s.entities.c
    out: dict[str, tuple[str, dict[str, object]]] = {}
    ordered = sorted(ids)
    for chunk in range(0, len(ordered), 500):
        query = select(e.id, e.type, e.attrs).where(e.id.in_(ordered[chunk : chunk + 500]))
        out.update({r.id: (r.type, r.attrs or {}) for r in conn.execute(query)})
    return out


def place_country(kind: tuple[str, dict[str, object]] | None, place: str | None) -> str | None:
    """The country a place is in (a country is its own), from the gazetteer's attributes."""
    if kind is None or place is None:
        return None
    if kind[0] == "country":
        return place
    found = kind[1].get("country") or kind[1].get("capital_of")
    return str(found) if found else None


def _countries(
    conn: Connection, kinds: dict[str, tuple[str, dict[str, object]]]
) -> dict[str, set[str]]:
    """Each actor's countries: a country is its own, an organisation's is the one the
    gazetteer gives (Hyundai Rotem: South Korea), a person's those of their roles."""
    out: dict[str, set[str]] = defaultdict(set)
    if not kinds:
        return out
    for entity_id, (kind, attrs) in kinds.items():
        if kind == "country":
            out[entity_id].add(entity_id)
        elif kind == "organization" and attrs.get("country"):
            out[entity_id].add(str(attrs["country"]))
    people = [i for i, (k, _) in kinds.items() if k == "person"]
    if people:
        r = s.roles.c
        query = (
            select(r.person_id, r.of_id)
            .join(s.entities, s.entities.c.id == r.of_id)
            .where(r.person_id.in_(people), s.entities.c.type == "country")
        )
        for row in conn.execute(query):
            out[row.person_id].add(row.of_id)
    return out


def _pairs(conn: Connection, documents: set[str]) -> dict[str, frozenset[str]]:
    """Each document's two most-named countries: the pair an article is about, the actors
    of a report that names fewer ("the summit", "no contract was signed"). A place counts
    for its country ("Putin arrives in New Delhi" names India)."""
    m, e = s.mentions.c, s.entities.c
    query = (
        select(m.document_id, m.entity_id, func.count().label("n"))
        .join(s.entities, e.id == m.entity_id)
        .where(m.document_id.in_(sorted(documents)), e.type.in_(("country", "place")))
        .group_by(m.document_id, m.entity_id)
    )
    rows = conn.execute(query).all()
    kinds = _kinds(conn, {r.entity_id for r in rows})  # (JSON cannot be grouped on PostgreSQL)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        country = place_country(kinds.get(row.entity_id), row.entity_id)
        if country:
            counts[row.document_id][country] += row.n
    return {
        doc: frozenset(x for x, _ in sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[:2])
        for doc, found in counts.items()
    }


def _first_ids(conn: Connection, documents: set[str]) -> dict[str, int]:
    """Each document's first event id: events of one document are stored in one statement,
    so an event's id less this is its place in the document."""
    ev = s.events.c
    query = select(ev.document_id, func.min(ev.id)).where(ev.document_id.in_(sorted(documents)))
    return dict(conn.execute(query.group_by(ev.document_id)).all())


def read_reports(conn: Connection, document_ids: Iterable[str] | None = None) -> list[Report]:
    """Reports of these documents (all when None), in arrival order (event id)."""
    ev, doc = s.events.c, s.documents.c
    query = (
        select(
            ev.id,
            ev.document_id,
            ev.start_char,
            ev.end_char,
            ev.type,
            ev.subtype,
            ev.status,
            ev.date_start,
            ev.date_end,
            ev.forum_id,
            ev.session,
            ev.platform_id,
            ev.place_id,
            ev.source_id,
            ev.target_id,
            ev.quantity,
            ev.topic,
            ev.confidence,
            ev.venue_id,
            doc.published,
            doc.source.label("outlet"),
        )
        .join(s.documents, s.documents.c.id == ev.document_id)
        .order_by(ev.id)
    )
    if document_ids is not None:
        query = query.where(ev.document_id.in_(list(document_ids)))
    rows = conn.execute(query).all()
    if not rows:
        return []
    parts: dict[int, set[str]] = defaultdict(set)
    p = s.event_participants.c
    ids = [r.id for r in rows]
    for chunk in range(0, len(ids), 500):
        for row in conn.execute(
            select(p.event_id, p.entity_id).where(p.event_id.in_(ids[chunk : chunk + 500]))
        ):
            parts[row.event_id].add(row.entity_id)
    canon = links(conn)
    context = _pairs(conn, {r.document_id for r in rows})
    ordinal: dict[int, int] = {}
    first = _first_ids(conn, {r.document_id for r in rows})
    for r in rows:
        ordinal[r.id] = r.id - first[r.document_id]

    def c(entity: str | None) -> str | None:
        return canon.get(entity, entity) if entity else None

    def cc(entity: str) -> str:
        return canon.get(entity, entity)

    named: dict[int, set[str]] = {
        r.id: {cc(x) for x in ({r.source_id, r.target_id} | parts[r.id]) if x} for r in rows
    }
    kinds = _kinds(
        conn, set().union(*named.values()) | {cc(r.place_id) for r in rows if r.place_id}
    )
    # actors are who acts: people, organisations, countries (not the platform or the place)
    actors = {
        i: {a for a in group if a in kinds and kinds[a][0] in ACTOR_TYPES}
        for i, group in named.items()
    }
    for group in actors.values():  # "the Trump administration" acts for Trump too
        group |= {str(kinds[a][1]["leader"]) for a in list(group) if kinds[a][1].get("leader")}
    countries = _countries(
        conn, {a: kinds[a] for group in actors.values() for a in group if a in kinds}
    )
    return [
        Report(
            r.id,
            r.document_id,
            r.start_char,
            r.end_char,
            r.published,
            r.outlet,
            r.type,
            r.subtype,
            r.status,
            r.date_start,
            r.date_end,
            c(r.forum_id),
            r.session,
            c(r.platform_id),
            c(r.place_id),
            c(r.source_id),
            c(r.target_id),
            r.quantity,
            r.topic,
            r.confidence,
            frozenset(a for a in actors[r.id] if a),
            frozenset().union(*(countries.get(a, set()) for a in actors[r.id] if a)),
            ordinal[r.id],
            place_country(kinds.get(c(r.place_id) or ""), c(r.place_id)),
            c(r.venue_id),
            context.get(r.document_id, frozenset()),
            frozenset(
                {x for x in named[r.id] if x in kinds and kinds[x][0] == "platform"}
                | ({cc(r.platform_id)} if r.platform_id else set())
            ),
        )
        for r in rows
    ]
