"""``bilat export``: the whole store as JSON Lines, CSV, or PLOVER-style event records.

Formats are documented in the README ("Export"). Every record that comes from text
carries its evidence: document id and character offsets into the document text.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bilat.analyze import plover
from bilat.errors import BilatError
from bilat.render import _plain
from bilat.store import findings
from bilat.store import schema as s
from bilat.store.db import Store

FORMATS = ("jsonl", "csv", "plover")


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
    events = _read(store, findings.list_events)
    if fmt == "plover":
        return {
            "events.plover.jsonl": _write_jsonl(
                out / "events.plover.jsonl", map(plover_record, events)
            )
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
    return {f"{name}.{fmt}": write(out / f"{name}.{fmt}", rows) for name, rows in tables.items()}
