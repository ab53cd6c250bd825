"""``bilat export``: the whole store as JSON Lines, CSV, PLOVER-style event records, or
a GraphML network of the actors of canonical events.

Formats are documented in the README ("Export"). Every record that comes from text
carries its evidence: document id and character offsets into the document text. Every
format also writes the merged record: ``canonical_events.jsonl`` and ``conflicts.jsonl``.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx  # type: ignore[import-untyped]
from sqlalchemy import Connection, select

from bilat.analyze import plover
from bilat.errors import BilatError
from bilat.knowledge.conflicts import conflicts
from bilat.knowledge.timeline import Cited, evidence
from bilat.render import _plain
from bilat.store import findings
from bilat.store import schema as s
from bilat.store.db import Store

FORMATS = ("jsonl", "csv", "plover", "graphml")


def _documents(store: Store) -> Iterator[dict[str, Any]]:
    d = s.documents.c
    with store.read() as conn:
        for r in conn.execute(
            select(d.id, d.url, d.title, d.source, d.published, d.text).order_by(d.id)
        ):
            yield {
                "id": r.id,
                "url": r.url,
                "title": r.title,
                "source": r.source,
                "published": _plain(r.published),
                "text": r.text,
            }


def _entities(store: Store) -> Iterator[dict[str, Any]]:
    e, a, r = s.entities.c, s.aliases.c, s.roles.c
    with store.read() as conn:
        aliases: dict[str, list[str]] = {}
        for row in conn.execute(select(a.entity_id, a.alias).order_by(a.entity_id, a.alias)):
            aliases.setdefault(row.entity_id, []).append(row.alias)
        roles: dict[str, list[dict[str, Any]]] = {}
        for row in conn.execute(select(s.roles).order_by(r.person_id, r.id)):
            roles.setdefault(row.person_id, []).append(
                {
                    "title": row.title,
                    "of": row.of_id,
                    "since": _plain(row.since),
                    "until": _plain(row.until),
                    "origin": row.origin,
                    "document_id": row.document_id,
                    "start": row.start_char,
                    "end": row.end_char,
                }
            )
        for row in conn.execute(select(e.id, e.name, e.type).order_by(e.id)):
            yield {
                "id": row.id,
                "name": row.name,
                "type": row.type,
                "aliases": [x for x in aliases.get(row.id, []) if x != row.name],
                "roles": roles.get(row.id, []),
            }


def _mentions(store: Store) -> Iterator[dict[str, Any]]:
    m = s.mentions.c
    with store.read() as conn:
        for r in conn.execute(
            select(m.entity_id, m.document_id, m.start_char, m.end_char).order_by(m.id)
        ):
            yield {
                "entity": r.entity_id,
                "document_id": r.document_id,
                "start": r.start_char,
                "end": r.end_char,
            }


def event_record(e: findings.EventRow) -> dict[str, Any]:
    return {
        "id": e.id,
        "type": e.type,
        "subtype": e.subtype,
        "status": e.status,
        "attribution": e.attribution,
        "date_start": _plain(e.date_start),
        "date_end": _plain(e.date_end),
        "date_text": e.date_text,
        "place": e.venue or e.place,
        "venue": e.venue,
        "city": e.place,
        "forum": e.forum,
        "session": e.session,
        "platform": e.platform,
        "platforms": e.platforms,
        "quantity": e.quantity,
        "topic": e.topic,
        "source": e.source,
        "target": e.target,
        "confidence": e.confidence,
        "participants": [
            {"entity": p.entity, "name": p.name, "role": p.role} for p in e.participants
        ],
        "evidence": [
            {"document_id": x.document_id, "start": x.start, "end": x.end, "text": x.text}
            for x in e.evidence
        ],
    }


def plover_record(e: findings.EventRow) -> dict[str, Any]:
    """A PLOVER record: event_type, mode, context, actor (source), recipient (target), date,
    location, with bilat's own fields and the evidence. Field list: README ("Export")."""
    return {
        "id": f"bilat-{e.id}",
        "event_type": e.type,
        "mode": plover.mode(e.subtype, e.status),
        "context": plover.context(e.type, e.subtype),
        "actor": e.source,
        "actor_id": e.source_id,
        "recipient": e.target,
        "recipient_id": e.target_id,
        "event_date": _plain(e.date_start),
        "event_date_end": _plain(e.date_end),
        "location": e.venue or e.place,
        "bilat_subtype": e.subtype,
        "bilat_status": e.status,
        "confidence": e.confidence,
        "participants": [{"name": p.name, "id": p.entity, "role": p.role} for p in e.participants],
        "source_text": " ".join(x.text for x in e.evidence),
        "source": [
            {"document_id": x.document_id, "start": x.start, "end": x.end} for x in e.evidence
        ],
    }


def _claims(store: Store) -> Iterator[dict[str, Any]]:
    for c in _read(store, findings.list_claims):
        yield {
            "id": c.id,
            "subject": c.subject,
            "subject_text": c.subject_text,
            "attribute": c.attribute,
            "value": c.value,
            "value_text": c.value_text,
            "qualifier": c.qualifier,
            "unit": c.unit,
            "as_of": _plain(c.as_of),
            "status": c.status,
            "attribution": c.attribution,
            "evidence": [_plain(c.evidence)],
        }


def _quotes(store: Store) -> Iterator[dict[str, Any]]:
    for q in _read(store, findings.list_quotes):
        yield {
            "id": q.id,
            "speaker": q.speaker,
            "speaker_id": q.speaker_id,
            "speaker_text": q.speaker_text,
            "kind": q.kind,
            "verb": q.verb,
            "text": q.text,
            "evidence": [_plain(q.evidence)],
        }


CHUNK = 500  # ids per IN (...) list
NOT_ACTORS = ("place", "platform", "forum")  # named by events, but they do not act
CANONICAL_FIELDS = ("id", "type", "subtype", "status", "date_start", "date_end")


def _entity_names(conn: Connection) -> dict[str, tuple[str, str]]:
    e = s.entities.c
    return {r.id: (r.name, r.type) for r in conn.execute(select(e.id, e.name, e.type))}


def _canonical_reports(conn: Connection) -> dict[str, list[dict[str, Any]]]:
    """Each canonical event's reports, oldest first (undated last), with evidence spans."""
    cr, e, d = s.canonical_reports.c, s.events.c, s.documents.c
    query = (
        select(cr.canonical_id, cr.event_id, cr.document_id, cr.status, cr.published, cr.seq)
        .add_columns(e.date_start, e.date_end, e.date_text, e.attribution, e.confidence, d.source)
        .join(s.events, e.id == cr.event_id)
        .join(s.documents, d.id == cr.document_id)
    )
    rows = conn.execute(query).all()
    ids = [r.event_id for r in rows]
    cited: dict[int, Cited] = {}
    for i in range(0, len(ids), CHUNK):
        cited.update(evidence(conn, ids[i : i + CHUNK]))
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in sorted(rows, key=lambda r: (r.published is None, str(r.published), r.seq)):
        ev = cited.get(r.event_id)
        span = {k: getattr(ev, k) for k in ("document_id", "start", "end", "text")} if ev else None
        out[r.canonical_id].append(
            {
                "event_id": r.event_id,
                "document_id": r.document_id,
                "outlet": r.source,
                "status": r.status,
                "published": _plain(r.published),
                "date_start": _plain(r.date_start),
                "date_end": _plain(r.date_end),
                "date_text": r.date_text,
                "attribution": r.attribution,
                "confidence": r.confidence,
                "evidence": span,
            }
        )
    return out


def _history(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The statuses in the order the reports first gave them, with their documents."""
    steps: dict[str, dict[str, Any]] = {}
    for r in reports:
        step = steps.setdefault(
            r["status"], {"status": r["status"], "first_reported": r["published"], "documents": []}
        )
        if r["document_id"] not in step["documents"]:
            step["documents"].append(r["document_id"])
    return list(steps.values())


def canonical_event_records(store: Store) -> Iterator[dict[str, Any]]:
    """Each canonical event: merged fields (ids and names), actors, status history, reports."""
    ce, ca = s.canonical_events.c, s.canonical_actors.c
    with store.read() as conn:
        names = _entity_names(conn)
        actors: dict[str, list[str]] = defaultdict(list)
        for r in conn.execute(select(ca.canonical_id, ca.entity_id).order_by(ca.entity_id)):
            actors[r.canonical_id].append(r.entity_id)
        reports = _canonical_reports(conn)
        rows = conn.execute(select(s.canonical_events).order_by(ce.seq, ce.id)).all()

    def name(entity_id: str | None) -> str | None:
        return names.get(entity_id, (entity_id, ""))[0] if entity_id else None

    for r in rows:
        record: dict[str, Any] = {k: _plain(getattr(r, k)) for k in CANONICAL_FIELDS}
        for field in ("source", "target", "place", "forum", "platform"):
            record[field] = name(getattr(r, f"{field}_id"))
            record[f"{field}_id"] = getattr(r, f"{field}_id")
        record |= {
            "session": r.session,
            "quantity": r.quantity,
            "report_count": r.report_count,
            "source_count": r.source_count,
            "disputed": r.disputed.split(",") if r.disputed else [],
            "actors": actors.get(r.id, []),
            "history": _history(reports.get(r.id, [])),
            "reports": reports.get(r.id, []),
        }
        yield record


def conflict_records(store: Store) -> Iterator[dict[str, Any]]:
    """Every disagreement and update, each value with its sources and their sentences."""
    with store.read() as conn:
        found = conflicts(conn, updates=True)
    for c in found:
        yield _plain(c)


def actor_graph(store: Store) -> nx.DiGraph:
    """Actors of canonical events (not places, platforms, forums) as nodes; an edge from
    source to target per pair, weighted by canonical events, with the PLOVER types seen."""
    ce, ca = s.canonical_events.c, s.canonical_actors.c
    with store.read() as conn:
        names = _entity_names(conn)
        counts = Counter(conn.execute(select(ca.entity_id)).scalars())
        rows = conn.execute(
            select(ce.source_id, ce.target_id, ce.type, ce.subtype)
            .where(ce.source_id.is_not(None), ce.target_id.is_not(None))
            .where(ce.source_id != ce.target_id)
        ).all()
    weights = Counter((r.source_id, r.target_id) for r in rows)
    kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
    subtypes: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in rows:
        kinds[r.source_id, r.target_id].add(r.type)
        subtypes[r.source_id, r.target_id].add(r.subtype)
    ends = {x for pair in weights for x in pair}
    graph = nx.DiGraph()
    for entity_id in sorted(set(counts) | ends):
        name, kind = names.get(entity_id, (entity_id, ""))
        if kind not in NOT_ACTORS or entity_id in ends:
            graph.add_node(entity_id, name=name, type=kind, events=counts[entity_id])
    for (source, target), weight in sorted(weights.items()):
        types, subs = (
            ",".join(sorted(kinds[source, target])),
            ",".join(sorted(subtypes[source, target])),
        )
        graph.add_edge(source, target, weight=weight, types=types, subtypes=subs)
    return graph


def write_graphml(store: Store, path: Path) -> int:
    """``actors.graphml`` (loads back with ``networkx.read_graphml``); nodes written."""
    graph = actor_graph(store)
    nx.write_graphml(graph, path)
    return int(graph.number_of_nodes())


def _read(store: Store, fn: Any) -> list[Any]:
    with store.read() as conn:
        return list(fn(conn))


def _write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def _flat(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_flat(v) for v in value)
    if isinstance(value, dict):
        if "name" in value and "role" in value:
            return f"{value['name']} ({value['role']})"
        if "document_id" in value:
            return f"{value['document_id']}:{value['start']}-{value['end']}"
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _write_csv(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    rows = list(rows)
    with path.open("w", encoding="utf-8", newline="") as fh:
        if not rows:
            return 0
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _flat(v) for k, v in row.items()})
    return len(rows)


def export(store: Store, fmt: str, out: Path) -> dict[str, int]:
    """Write the store to ``out`` as ``fmt``; returns rows written per file."""
    if fmt not in FORMATS:
        raise BilatError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BilatError(f"{out}: cannot create the output folder: {exc.strerror}") from None
    written = {
        "canonical_events.jsonl": _write_jsonl(
            out / "canonical_events.jsonl", canonical_event_records(store)
        ),
        "conflicts.jsonl": _write_jsonl(out / "conflicts.jsonl", conflict_records(store)),
    }
    if fmt == "graphml":
        return {"actors.graphml": write_graphml(store, out / "actors.graphml"), **written}
    events = _read(store, findings.list_events)
    if fmt == "plover":
        return {
            "events.plover.jsonl": _write_jsonl(
                out / "events.plover.jsonl", map(plover_record, events)
            ),
            **written,
        }
    tables = {
        "documents": _documents(store),
        "entities": _entities(store),
        "mentions": _mentions(store),
        "events": map(event_record, events),
        "claims": _claims(store),
        "quotes": _quotes(store),
    }
    write = _write_jsonl if fmt == "jsonl" else _write_csv
    tables_written = {
        f"{name}.{fmt}": write(out / f"{name}.{fmt}", rows) for name, rows in tables.items()
    }
    return {**tables_written, **written}
