"""One entity's dossier: who or what it is, what it did, what is claimed about it, what it
said, and who it is named with, every item tied back to its document and span.

The entity is its canonical id (``entity_links``): the dossier of "Andrey Belousov" is
the dossier of the person every spelling of him links to, read over all those ids.
Related entities are ranked by the sentences they share with it (co-occurrence).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, select, tuple_

from bilat.knowledge.timeline import Item, timeline
from bilat.store import read
from bilat.store import schema as s
from bilat.store.read import EntityRow, MentionRow

RELATED = 15  # related entities listed
RELATED_EVIDENCE = 3  # shared sentences shown for each
CHUNK = 500  # ids per IN (...) list


@dataclass(frozen=True)
class Provenance:
    """Where something is said: a document, a character span, the sentence around it."""

    document_id: str
    outlet: str | None
    published: dt.date | None
    start: int
    end: int
    text: str = ""


@dataclass(frozen=True)
class Role:
    title: str
    of: str | None
    of_name: str | None
    since: dt.date | None
    until: dt.date | None
    origin: str  # lexicon, text, or both ("lexicon, text")
    sources: list[Provenance] = field(default_factory=list)


@dataclass(frozen=True)
class Claim:
    id: int
    attribute: str
    value: float | None
    value_text: str | None
    qualifier: str | None
    unit: str | None
    aspect: str | None
    as_of: dt.date | None
    status: str
    attribution: str | None
    evidence: Provenance


@dataclass(frozen=True)
class Quote:
    id: int
    text: str
    verb: str | None
    kind: str
    evidence: Provenance


@dataclass(frozen=True)
class Related:
    id: str
    name: str
    type: str
    sentences: int  # sentences naming both
    evidence: list[Provenance] = field(default_factory=list)


@dataclass(frozen=True)
class Dossier:
    entity: EntityRow
    linked: list[str]  # other ids that are this entity (spellings, partial names)
    attrs: dict[str, Any]
    roles: list[Role]  # newest first
    events: list[Item]  # canonical events it is an actor of: dated in order, then undated
    claims: list[Claim]
    quotes: list[Quote]
    related: list[Related]
    mentions: list[MentionRow]


def canonical_entity(conn: Connection, entity_id: str) -> str:
    """The canonical id ``entity_id`` is linked to (itself when it has no link)."""
    links = s.entity_links.c
    found = conn.execute(select(links.canonical_id).where(links.entity_id == entity_id)).scalar()
    return str(found) if found else entity_id


def linked_ids(conn: Connection, canonical: str) -> list[str]:
    """Every id linked to ``canonical``, itself first."""
    links = s.entity_links.c
    query = select(links.entity_id).where(links.canonical_id == canonical)
    others = sorted(set(conn.execute(query).scalars()) - {canonical})
    return [canonical, *others]


def _chunks(values: list[Any]) -> list[list[Any]]:
    return [values[i : i + CHUNK] for i in range(0, len(values), CHUNK)]


def _names(conn: Connection, ids: set[str]) -> dict[str, tuple[str, str]]:
    """id -> (name, type)."""
    e = s.entities.c
    out: dict[str, tuple[str, str]] = {}
    for chunk in _chunks(sorted(ids)):
        for r in conn.execute(select(e.id, e.name, e.type).where(e.id.in_(chunk))):
            out[r.id] = (r.name, r.type)
    return out


def _sentence_of(start_col: Any, doc_col: Any) -> Any:
    """Join condition: the sentence a span starting at ``start_col`` lies in."""
    st = s.sentences.c
    return and_(st.document_id == doc_col, st.start_char <= start_col, st.end_char > start_col)


def _roles(conn: Connection, ids: list[str]) -> list[Role]:
    r, d, st = s.roles.c, s.documents.c, s.sentences.c
    query = (
        select(r.id, r.title, r.of_id, r.since, r.until, r.origin, r.document_id)
        .add_columns(r.start_char, r.end_char, d.source, d.published, st.text)
        .outerjoin(s.documents, d.id == r.document_id)
        .outerjoin(s.sentences, _sentence_of(r.start_char, r.document_id))
        .where(r.person_id.in_(ids))
        .order_by(r.id)
    )
    rows = conn.execute(query).all()
    groups: dict[tuple[str, str | None], list[Any]] = defaultdict(list)
    by_title: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row.of_id:
            by_title[row.title.lower()].add(row.of_id)
    for row in rows:
        places = by_title[row.title.lower()]
        of = row.of_id or (next(iter(places)) if len(places) == 1 else None)
        groups[(row.title.lower(), of)].append(row)
    names = _names(conn, {of for _, of in groups if of})
    out = [_role(group, of, names) for (_, of), group in groups.items()]
    newest_first = sorted(out, key=lambda x: (x.since or dt.date.min, x.title), reverse=True)
    return sorted(newest_first, key=lambda x: x.since is None)  # the current role leads


def _role(group: list[Any], of: str | None, names: dict[str, tuple[str, str]]) -> Role:
    """Rows of one title (and place) as one role: the earliest start, the latest end."""
    starts = [x.since for x in group if x.since]
    ends = [x.until for x in group]
    until = None if None in ends else max(ends)
    sources = [
        Provenance(x.document_id, x.source, x.published, x.start_char, x.end_char, x.text or "")
        for x in group
        if x.document_id and x.start_char is not None and x.end_char is not None
    ]
    origin = ", ".join(sorted({x.origin for x in group}))
    of_name = names[of][0] if of in names else None
    return Role(group[0].title, of, of_name, min(starts, default=None), until, origin, sources)


def _claims(conn: Connection, ids: list[str]) -> list[Claim]:
    c, d, st = s.claims.c, s.documents.c, s.sentences.c
    query = (
        select(s.claims, d.source, d.published, st.text.label("sentence"))
        .join(s.documents, d.id == c.document_id)
        .outerjoin(s.sentences, _sentence_of(c.start_char, c.document_id))
        .where(c.subject_id.in_(ids))
    )
    found = [
        Claim(
            r.id,
            r.attribute,
            r.value_num,
            r.value_text,
            r.qualifier,
            r.unit,
            r.aspect,
            r.as_of,
            r.status,
            r.attribution,
            Provenance(
                r.document_id, r.source, r.published, r.start_char, r.end_char, r.sentence or ""
            ),
        )
        for r in conn.execute(query)
    ]
    return sorted(found, key=lambda x: (_when(x.as_of), x.evidence.document_id, x.evidence.start))


def _when(day: dt.date | None) -> tuple[bool, dt.date]:
    """A sort key: dates in order, none last (the same on every engine)."""
    return day is None, day or dt.date.min


def _quotes(conn: Connection, ids: list[str]) -> list[Quote]:
    q, d = s.quotes.c, s.documents.c
    query = (
        select(s.quotes, d.source, d.published)
        .join(s.documents, d.id == q.document_id)
        .where(q.speaker_id.in_(ids))
    )
    found = [
        Quote(
            r.id,
            r.text,
            r.verb,
            r.kind,
            Provenance(r.document_id, r.source, r.published, r.start_char, r.end_char, r.text),
        )
        for r in conn.execute(query)
    ]
    return sorted(
        found, key=lambda x: (_when(x.evidence.published), x.evidence.document_id, x.evidence.start)
    )


def _shared_sentences(conn: Connection, ids: list[str]) -> dict[str, set[tuple[str, int]]]:
    """Other entities (by canonical id) -> the sentences (document, index) naming both."""
    m1, m2 = s.mentions.alias("m1"), s.mentions.alias("m2")
    query = (
        select(m2.c.entity_id, m2.c.document_id, m2.c.sentence_idx)
        .distinct()
        .join(
            m2, and_(m2.c.document_id == m1.c.document_id, m2.c.sentence_idx == m1.c.sentence_idx)
        )
        .where(m1.c.entity_id.in_(ids), m2.c.entity_id.not_in(ids))
    )
    rows = conn.execute(query).all()
    others = sorted({r.entity_id for r in rows})
    links = s.entity_links.c
    canon: dict[str, str] = {}
    for chunk in _chunks(others):
        q = select(links.entity_id, links.canonical_id).where(links.entity_id.in_(chunk))
        canon.update({r.entity_id: r.canonical_id for r in conn.execute(q)})
    shared: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for r in rows:
        shared[canon.get(r.entity_id, r.entity_id)].add((r.document_id, r.sentence_idx))
    for own in ids:
        shared.pop(own, None)
    return shared


def _related(conn: Connection, ids: list[str]) -> list[Related]:
    shared = _shared_sentences(conn, ids)
    names = _names(conn, set(shared))
    ranked = sorted(
        (k for k in shared if k in names), key=lambda k: (-len(shared[k]), names[k][0], k)
    )[:RELATED]
    wanted = {k: sorted(shared[k])[:RELATED_EVIDENCE] for k in ranked}
    sentences = _sentence_rows(conn, {x for keys in wanted.values() for x in keys})
    return [
        Related(
            k,
            names[k][0],
            names[k][1],
            len(shared[k]),
            [sentences[x] for x in wanted[k] if x in sentences],
        )
        for k in ranked
    ]


def _sentence_rows(
    conn: Connection, keys: set[tuple[str, int]]
) -> dict[tuple[str, int], Provenance]:
    st, d = s.sentences.c, s.documents.c
    out: dict[tuple[str, int], Provenance] = {}
    for chunk in _chunks(sorted(keys)):
        query = (
            select(
                st.document_id, st.idx, st.start_char, st.end_char, st.text, d.source, d.published
            )
            .join(s.documents, d.id == st.document_id)
            .where(tuple_(st.document_id, st.idx).in_(chunk))
        )
        for r in conn.execute(query):
            out[(r.document_id, r.idx)] = Provenance(
                r.document_id, r.source, r.published, r.start_char, r.end_char, r.text
            )
    return out


def _mentions(
    conn: Connection, ids: list[str]
) -> tuple[dict[str, Any], list[str], list[MentionRow]]:
    """(attributes, aliases, mentions) over every linked id; the canonical id's first."""
    attrs: dict[str, Any] = {}
    aliases: list[str] = []
    mentions: list[MentionRow] = []
    for entity_id in ids:
        page = read.entity_page(conn, entity_id)
        attrs = {**dict(page.attrs), **attrs}
        names = (
            [page.entity.name, *page.entity.aliases] if entity_id != ids[0] else page.entity.aliases
        )
        for alias in names:
            if alias not in aliases:
                aliases.append(alias)
        mentions += page.mentions
    mentions.sort(key=lambda m: (_when(m.published), m.document_id, m.start))
    return attrs, aliases, mentions


def dossier(conn: Connection, entity_id: str) -> Dossier:
    """The dossier of ``entity_id`` (any id linked to the entity; it must exist)."""
    canonical = canonical_entity(conn, entity_id)
    ids = linked_ids(conn, canonical)
    e = s.entities.c
    row = conn.execute(select(e.id, e.type, e.name).where(e.id == canonical)).one()
    attrs, aliases, mentions = _mentions(conn, ids)
    aliases = [a for a in aliases if a != row.name]
    documents = len({m.document_id for m in mentions})
    entity = EntityRow(row.id, row.type, row.name, len(mentions), documents, aliases)
    dated, undated = timeline(conn, entity=canonical)
    return Dossier(
        entity,
        ids[1:],
        attrs,
        _roles(conn, ids),
        dated + undated,
        _claims(conn, ids),
        _quotes(conn, ids),
        _related(conn, ids),
        mentions,
    )
