"""Entity links across documents: each stored entity points to its canonical entity.

Every entity gets one row in ``entity_links`` when a document that mentions it is
stored (itself when nothing matches), so a later document only resolves the entities it
brings. The comparison is ``knowledge.resolve`` (spelling and transliteration variants,
titles and affiliations); candidates come from the store by a cheap key (same type and
the same last word, or the same first three letters) so the cost does not grow with the
store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import Connection, func, or_, select

from bilat.knowledge.resolve import EntityRecord, Resolver
from bilat.store import schema as s
from bilat.store.write import insert_ignore


def _records(conn: Connection, ids: Iterable[str]) -> list[EntityRecord]:
    ids = sorted(set(ids))
    if not ids:
        return []
    e, a, r, m = s.entities.c, s.aliases.c, s.roles.c, s.mentions.c
    aliases: dict[str, list[str]] = defaultdict(list)
    titles: dict[str, list[str]] = defaultdict(list)
    affiliations: dict[str, list[str]] = defaultdict(list)
    counts: dict[str, int] = {}
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        for alias in conn.execute(select(a.entity_id, a.alias).where(a.entity_id.in_(part))):
            aliases[alias.entity_id].append(alias.alias)
        for row in conn.execute(select(r.person_id, r.title, r.of_id).where(r.person_id.in_(part))):
            titles[row.person_id].append(row.title)
            if row.of_id:
                affiliations[row.person_id].append(row.of_id)
        mentions = (
            select(m.entity_id, func.count()).where(m.entity_id.in_(part)).group_by(m.entity_id)
        )
        counts.update({row[0]: row[1] for row in conn.execute(mentions)})
    rows = conn.execute(select(e.id, e.type, e.name, e.origin).where(e.id.in_(ids))).all()
    return [
        EntityRecord(
            row.id,
            row.type,
            row.name,
            tuple(sorted(set(aliases[row.id]))),
            tuple(sorted(set(titles[row.id]))),
            tuple(sorted(set(affiliations[row.id]))),
            row.origin,
            counts.get(row.id, 0),
        )
        for row in sorted(rows, key=lambda x: x.id)
    ]


def _document_entities(conn: Connection, document_ids: list[str]) -> set[str]:
    m, p, ev = s.mentions.c, s.event_participants.c, s.events.c
    found = set(conn.execute(select(m.entity_id).where(m.document_id.in_(document_ids))).scalars())
    found |= set(
        conn.execute(
            select(p.entity_id)
            .join(s.events, ev.id == p.event_id)
            .where(ev.document_id.in_(document_ids))
        ).scalars()
    )
    return found


def _candidates(conn: Connection, records: list[EntityRecord]) -> set[str]:
    """Linked entities that could be one of ``records``: same type, same last word or start."""
    e, links = s.entities.c, s.entity_links.c
    out: set[str] = set()
    for rec in records:
        words = rec.name.split()
        if not words:
            continue
        last = words[-1].lower()
        query = (
            select(e.id)
            .join(s.entity_links, links.entity_id == e.id)
            .where(
                e.type == rec.type,
                links.canonical_id == links.entity_id,
                or_(
                    func.lower(e.name).like(f"% {last}"),
                    func.lower(e.name).like(f"{rec.name[:2].lower()}%"),
                ),
            )
            .limit(200)
        )
        out.update(conn.execute(query).scalars())
    return out


def link_documents(conn: Connection, document_ids: list[str]) -> None:
    """Give every entity these documents bring (and no link has yet) its canonical id.

    Links already given never change, so canonical ids stay stable: a new entity that
    matches a linked one takes that one's canonical id, even when the resolver would
    prefer the newcomer's name.
    """
    mentioned = _document_entities(conn, document_ids)
    if not mentioned:
        return
    links = s.entity_links.c
    linked = set(
        conn.execute(
            select(links.entity_id).where(links.entity_id.in_(sorted(mentioned)))
        ).scalars()
    )
    new = _records(conn, mentioned - linked)
    if not new:
        return
    resolver = Resolver()
    old = _records(conn, _candidates(conn, new))
    for rec in old:
        resolver.add(rec)
    for rec in new:
        resolver.add(rec)
    by_canonical = {resolver.canonical(rec.id): rec.id for rec in old}
    rows = []
    for rec in new:
        target = resolver.canonical(rec.id)
        rows.append({"entity_id": rec.id, "canonical_id": by_canonical.get(target, target)})
    insert_ignore(conn, s.entity_links, rows)
