"""Where sources disagree: claims compared by subject, measure and as-of time, and the
reports of one canonical event compared field by field.

Claims are keyed by (canonical subject, attribute, unit, aspect). For the size or price
of a one-time act (``fixed_aspects`` in numbers.yaml: ordered, cost, ...) any two
values disagree; for a state (delivered, deployed, traded) only values as of the same
day do, and a value as of a later day is an *update*, listed as such, not a conflict.
Values equal at the precision of the rounder one agree ("5.4 billion" and "5.43
billion"). Only what the text says happened is compared: plans and hopes are not facts.

A canonical event is in conflict when reports that say it happened give dates of which
neither holds the other, or plans told within ``SAME_TIME_DAYS`` of each other give such
dates (a later plan is a new plan). Quantities are compared as claims, not here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any

from sqlalchemy import Connection, select

from bilat.analyze.money import rules as number_rules
from bilat.knowledge.cluster import settings, span_key, status_class
from bilat.knowledge.reports import links, read_reports
from bilat.store import schema as s

FACTS = ("occurred", "ongoing")
CLAIM_FACTS = ("occurred", "unknown")  # said as fact, or with no modality at all
SAME_TIME_DAYS = 7  # reports a few days apart describe the same state


@dataclass(frozen=True)
class Source:
    document_id: str
    outlet: str | None
    published: dt.date | None
    start: int
    end: int
    text: str
    attribution: str | None = None


@dataclass(frozen=True)
class Value:
    value: str  # as compared: a number, a day, a range of days
    shown: str  # as written in the first source
    sources: list[Source] = field(default_factory=list)


@dataclass(frozen=True)
class Conflict:
    id: str
    kind: str  # claim | event | update
    subject_id: str | None
    subject: str
    attribute: str  # what is measured, in words
    as_of: dt.date | None
    values: list[Value]
    canonical_id: str | None = None


def _id(*parts: object) -> str:
    return "cf-" + hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


def _significant(text: str) -> int:
    digits = "".join(ch for ch in text if ch.isdigit()).strip("0")
    return max(1, len(digits))


def same_value(a: float, b: float, a_text: str, b_text: str) -> bool:
    """Equal at the precision of the rounder value: 5.4e9 ("5.4 billion") = 5.43e9."""
    if a == b:
        return True
    rough, fine = (a, b) if _significant(a_text) <= _significant(b_text) else (b, a)
    digits = _significant(a_text if rough == a else b_text)
    if rough == 0:
        return False
    scale = 10 ** (math.floor(math.log10(abs(rough))) - digits + 1)
    return bool(round(fine / scale) * scale == rough)


def _group(values: list[tuple[float, str, Source]]) -> list[Value]:
    out: list[tuple[float, str, list[Source]]] = []
    for number, text, source in values:
        match = next((g for g in out if same_value(g[0], number, g[1], text)), None)
        if match is None:
            out.append((number, text, [source]))
        else:
            match[2].append(source)
    return [Value(_number(n), t, src) for n, t, src in out]


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def claim_conflicts(conn: Connection, entity: str | None = None) -> list[Conflict]:
    c, d = s.claims.c, s.documents.c
    query = (
        select(
            c.id,
            c.document_id,
            c.subject_id,
            c.subject_text,
            c.attribute,
            c.unit,
            c.aspect,
            c.value_num,
            c.value_text,
            c.as_of,
            c.status,
            c.attribution,
            c.start_char,
            c.end_char,
            d.source,
            d.published,
        )
        .join(s.documents, d.id == c.document_id)
        .where(
            c.subject_id.is_not(None),
            c.value_num.is_not(None),
            c.aspect.is_not(None),  # a number whose act is unknown is not compared
            c.status.not_in(("denied", "possible")),
        )
        .order_by(c.id)
    )
    canon = links(conn)
    fixed = set(number_rules().get("fixed_aspects", []))
    keys: dict[tuple[str, str, str, str], list[Any]] = defaultdict(list)
    for row in conn.execute(query):
        subject = canon.get(row.subject_id, row.subject_id)
        if entity and subject != entity:
            continue
        aspect = row.aspect or ""
        if row.attribute == "amount" and aspect == "ordered":
            aspect = "cost"  # the money of an order is its cost
        if aspect not in fixed and row.status not in CLAIM_FACTS:
            continue  # a state is compared only as told as fact; an act's size or price
            # is known once it is agreed, even while its deliveries lie ahead
        keys[(subject, row.attribute, row.unit or "", aspect)].append(row)
    names = _names(conn, {k[0] for k in keys})
    acts = _acts(conn, [r for rows in keys.values() for r in rows])
    out: list[Conflict] = []
    for (subject, attribute, unit, aspect), rows in keys.items():
        what = _what(attribute, unit, aspect)
        groups: dict[object, list] = defaultdict(list)  # type: ignore[type-arg]
        loose = []
        for row in rows:
            if aspect in fixed:  # the size or price of one act: keyed by the act's year
                year = acts.get(row.id)
                groups[f"act of {year}" if year else _unnamed_act(row)].append(row)
            else:
                loose.append(row)
        if "act" in groups and len(groups) == 2:  # the act the other reports name
            unnamed = groups.pop("act")
            next(iter(groups.values())).extend(unnamed)
        for when, group in _windows(loose):
            groups[when].extend(group)
        found: list[tuple[object, list[Value]]] = []
        for when, group in groups.items():
            values = _group([(r.value_num, r.value_text or "", _source(r)) for r in group])
            if len(values) > 1:
                as_of = max((r.as_of for r in group if r.as_of), default=None)
                key = _id("claim", subject, attribute, unit, aspect, when)
                out.append(
                    Conflict(
                        key, "claim", subject, names.get(subject, subject), what, as_of, values
                    )
                )
            found.append((when, values))
        dated = sorted((w, v) for w, v in found if isinstance(w, dt.date) and len(v) == 1)
        for (earlier, a), (later, b) in pairwise(dated):
            if a[0].value != b[0].value:
                key = _id("update", subject, attribute, unit, aspect, earlier, later)
                out.append(
                    Conflict(
                        key, "update", subject, names.get(subject, subject), what, later, [*a, *b]
                    )
                )
    return out


def _unnamed_act(row) -> str:  # type: ignore[no-untyped-def]
    """A claim about an act its sentence does not tell: the article's act ("act"), unless
    the clause dates it to another year ("bought under a 2016 agreement worth ...")."""
    if row.as_of and row.published and row.as_of.year != row.published.year:
        return f"act of {row.as_of.year}"
    return "act"


def _windows(rows: list) -> list[tuple[object, list]]:  # type: ignore[type-arg]
    """Claims grouped by time: as-of days no more than ``SAME_TIME_DAYS`` apart (chained)
    are one time, keyed by the group's last day; undated ones stay with their document."""
    out: list[tuple[object, list]] = []  # type: ignore[type-arg]
    dated = sorted((r for r in rows if r.as_of), key=lambda r: r.as_of)
    for r in dated:
        if out and (r.as_of - out[-1][1][-1].as_of).days <= SAME_TIME_DAYS:
            out[-1][1].append(r)
            out[-1] = (r.as_of, out[-1][1])
        else:
            out.append((r.as_of, [r]))
    undated: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
    for r in rows:
        if not r.as_of:
            undated[f"doc:{r.document_id}"].append(r)
    return out + list(undated.items())


def _acts(conn: Connection, rows: list) -> dict[int, int]:  # type: ignore[type-arg]
    """Claim id -> the year of the deal its sentence tells (an order, a signing, a lease,
    an offer; about the claim's subject when several are), dated by its canonical event:
    "a $2.5 billion deal signed with Moscow in 2017" and "agreed in 2017 ... a deal put at
    $2.6 billion" are one act; a 2016 agreement and a 2025 contract are two."""
    if not rows:
        return {}
    ev, cr, st = s.event_evidence.c, s.canonical_reports.c, s.sentences.c
    e, ce = s.events.c, s.canonical_events.c
    deals = settings()["deal_subtypes"]
    out: dict[int, int] = {}
    for row in rows:
        sentence = conn.execute(
            select(st.start_char, st.end_char).where(
                st.document_id == row.document_id,
                st.start_char <= row.start_char,
                st.end_char > row.start_char,
            )
        ).first()
        if sentence is None:
            continue
        found = conn.execute(
            select(e.platform_id, e.date_start, ce.date_start.label("merged"))
            .join(s.events, e.id == ev.event_id)
            .join(s.canonical_reports, cr.event_id == ev.event_id)
            .join(s.canonical_events, ce.id == cr.canonical_id)
            .where(
                ev.document_id == row.document_id,
                ev.start_char >= sentence.start_char,
                ev.start_char < sentence.end_char,
                e.subtype.in_(deals),
                e.status.not_in(("denied", "possible")),
            )
            .order_by(ev.event_id)
        ).all()
        dated = [f for f in found if f.merged or f.date_start]
        pick = next((f for f in dated if f.platform_id == row.subject_id), None) or (
            dated[0] if dated else None
        )
        if pick is not None:
            out[row.id] = (pick.merged or pick.date_start).year
    return out


def _what(attribute: str, unit: str, aspect: str) -> str:
    if attribute == "amount":
        return f"amount ({unit}{', ' + aspect if aspect else ''})"
    return " ".join(x for x in (unit or "count", aspect) if x)


def _source(row) -> Source:  # type: ignore[no-untyped-def]
    return Source(
        row.document_id,
        row.source,
        row.published,
        row.start_char,
        row.end_char,
        "",
        row.attribution,
    )


def with_sentences(conn: Connection, found: list[Conflict]) -> list[Conflict]:
    """Each source with the sentence its span lies in (read only for what is shown)."""
    st = s.sentences.c
    out = []
    for conflict in found:
        values = []
        for v in conflict.values:
            sources = []
            for src in v.sources:
                text = conn.execute(
                    select(st.text).where(
                        st.document_id == src.document_id,
                        st.start_char <= src.start,
                        st.end_char > src.start,
                    )
                ).scalar()
                sources.append(replace(src, text=text or ""))
            values.append(replace(v, sources=sources))
        out.append(replace(conflict, values=values))
    return out


def _names(conn: Connection, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    e = s.entities.c
    return {r.id: r.name for r in conn.execute(select(e.id, e.name).where(e.id.in_(sorted(ids))))}


def conflicts_of_event(conn: Connection, canonical_id: str) -> list[Conflict]:
    return with_sentences(conn, event_conflicts(conn, only=canonical_id))


def event_conflicts(
    conn: Connection, entity: str | None = None, only: str | None = None
) -> list[Conflict]:
    ce, cr = s.canonical_events.c, s.canonical_reports.c
    query = select(ce.id, ce.subtype, ce.forum_id, ce.session, ce.platform_id).where(
        ce.disputed.is_not(None)
    )
    if only:
        query = query.where(ce.id == only)
    if entity:
        query = query.join(s.canonical_actors, s.canonical_actors.c.canonical_id == ce.id).where(
            s.canonical_actors.c.entity_id == entity
        )
    out: list[Conflict] = []
    for event in conn.execute(query.order_by(ce.seq)).all():
        docs = list(
            conn.execute(select(cr.document_id).where(cr.canonical_id == event.id)).scalars()
        )
        ids = set(conn.execute(select(cr.event_id).where(cr.canonical_id == event.id)).scalars())
        reports = [r for r in read_reports(conn, docs) if r.event_id in ids]
        label = _label(conn, event)
        out.extend(_event_field(event.id, label, reports))
    return out


def _label(conn: Connection, event) -> str:  # type: ignore[no-untyped-def]
    names = _names(conn, {x for x in (event.forum_id, event.platform_id) if x})
    parts = [event.subtype]
    if event.forum_id:
        parts.append(
            f"{_ordinal(event.session)} {names.get(event.forum_id, event.forum_id)}".strip()
        )
    if event.platform_id:
        parts.append(names.get(event.platform_id, event.platform_id))
    return " · ".join(parts)


def _ordinal(n: int | None) -> str:
    if n is None:
        return ""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _event_field(cid: str, label: str, reports: list) -> list[Conflict]:  # type: ignore[type-arg]
    out: list[Conflict] = []
    for cls in ("happened", "future"):
        group = [r for r in reports if status_class(r.status) == cls and span_key(r)]
        values: dict[str, list[Any]] = defaultdict(list)
        for r in group:
            values[span_key(r)].append(r)  # type: ignore[index]
        days = list(values)
        if reports and reports[0].subtype in settings()["multi_day"]:
            days = [k for k in days if "/" in k]  # single days of a visit are its parts
        if len(days) < 2 or not _disjoint(days):
            continue
        if cls == "future" and not _same_day(values):
            continue
        shown = [Value(k, k, [_report_source(r) for r in rs]) for k, rs in sorted(values.items())]
        out.append(
            Conflict(
                _id("event", cid, "date", cls),
                "event",
                None,
                label,
                f"date ({cls})",
                None,
                shown,
                cid,
            )
        )
    return out


def _same_day(values: dict[str, list]) -> bool:  # type: ignore[type-arg]
    """Plans or running totals disagree only when given at the same time (published at
    most ``SAME_TIME_DAYS`` apart); a later one is a new plan or a new total."""
    days = {k: {r.published for r in rs if r.published} for k, rs in values.items()}
    keys = list(days)
    return any(
        abs((x - y).days) <= SAME_TIME_DAYS
        for i, a in enumerate(keys)
        for b in keys[i + 1 :]
        for x in days[a]
        for y in days[b]
    )


def _disjoint(keys: list[str]) -> bool:
    """Some two values of which neither contains the other ("2025-04-28" lies in "this
    week"; "4-5 December" and "5-6 December" disagree)."""
    spans = [(k.partition("/")[0], k.partition("/")[2] or k.partition("/")[0]) for k in keys]

    def inside(a: tuple[str, str], b: tuple[str, str]) -> bool:
        return b[0] <= a[0] and a[1] <= b[1]

    return any(
        not inside(a, b) and not inside(b, a) for i, a in enumerate(spans) for b in spans[i + 1 :]
    )


def _report_source(r) -> Source:  # type: ignore[no-untyped-def]
    return Source(r.document_id, r.outlet, r.published, r.start_char, r.end_char, "")


def conflicts(conn: Connection, entity: str | None = None, updates: bool = False) -> list[Conflict]:
    """Every disagreement in the record (and, with ``updates``, the updates too)."""
    found = claim_conflicts(conn, entity) + event_conflicts(conn, entity)
    return with_sentences(conn, [c for c in found if updates or c.kind != "update"])
