"""Terminal rendering: Rich tables and marked-up text, and JSON for scripts.

Every value from an input reaches Rich through :mod:`bilat.safe_text` (``text`` for a
cell, ``markup`` for a line of our own markup with values in it): never as markup, never
with control characters.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from bilat.safe_text import markup, text
from bilat.store.findings import ClaimRow, EventRow, QuoteRow
from bilat.store.read import DocumentMention, DocumentRow, EntityRow, Hit

TYPE_STYLE = {
    "country": "bold cyan",
    "person": "bold green",
    "organization": "bold magenta",
    "forum": "bold yellow",
    "platform": "bold red",
    "programme": "bold blue",
    "agreement": "bold white",
    "place": "cyan",
}


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# json.dumps escapes C0 controls itself; DEL and C1 it leaves raw (ensure_ascii=False).
_JSON_CONTROL = re.compile("[\x7f-\x9f]")


def to_json(value: Any) -> str:
    """Exact data as JSON; no raw control characters (they are written as \\u escapes)."""
    body = json.dumps(_plain(value), ensure_ascii=False, indent=2)
    return _JSON_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", body)


def entities_table(rows: list[EntityRow]) -> Table:
    table = Table(title=f"{len(rows)} entities", title_justify="left")
    table.add_column("type", no_wrap=True)
    table.add_column("name", ratio=3)
    table.add_column("id", ratio=2, overflow="fold")
    table.add_column("mentions", justify="right")
    table.add_column("docs", justify="right")
    table.add_column("aliases", ratio=2)
    for r in rows:
        others = sorted((a for a in r.aliases if a != r.name), key=len)
        shown = ", ".join(others[:3]) + (f" +{len(others) - 3}" if len(others) > 3 else "")
        table.add_row(
            text(r.type, TYPE_STYLE.get(r.type, "")),
            text(r.name),
            text(r.id),
            str(r.mentions),
            str(r.documents),
            text(shown),
        )
    return table


def marked_text(doc: DocumentRow, mentions: list[DocumentMention]) -> Text:
    """The document with each mention styled by type and tagged with its entity id."""
    out = Text()
    pos = 0
    for m in mentions:
        out.append_text(text(doc.text[pos : m.start]))
        out.append_text(text(doc.text[m.start : m.end], TYPE_STYLE.get(m.type, "bold")))
        out.append_text(text(f"‹{m.entity_id}›", "dim"))
        pos = m.end
    out.append_text(text(doc.text[pos:]))
    return out


def search_table(hits: list[Hit]) -> Table:
    table = Table(title=f"{len(hits)} sentences", title_justify="left")
    for column in ("score", "document", "published", "section", "sentence"):
        table.add_column(column, overflow="fold")
    for h in hits:
        table.add_row(
            f"{h.score:.2f}",
            text(f"{h.document_id[:10]} {h.title or ''}"[:60]),
            text(h.published or "-"),
            text(h.section),
            text(h.text),
        )
    return table


STATUS_STYLE = {
    "occurred": "green",
    "ongoing": "cyan",
    "planned": "yellow",
    "expected": "yellow",
    "possible": "magenta",
    "denied": "red",
    "unknown": "dim",
}


def when(e: EventRow) -> str:
    if e.date_start is None and e.date_end is None:
        return f"({e.date_text})" if e.date_text else "-"
    if e.date_start == e.date_end:
        return str(e.date_start)
    return f"{e.date_start or '…'} – {e.date_end or '…'}"


def _what(e: EventRow) -> str:
    bits = [e.subtype]
    if e.forum:
        bits.append(f"{_ordinal(e.session) + ' ' if e.session else ''}{e.forum}")
    if e.platforms or e.platform:
        bits.append(", ".join(e.platforms or [e.platform or ""]))
    if e.quantity is not None:
        bits.append(f"× {e.quantity:g}")
    if e.topic:
        bits.append(f"“{e.topic}”")
    return " · ".join(bits)


def _ordinal(n: int | None) -> str:
    if n is None:
        return ""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def events_table(rows: list[EventRow]) -> Table:
    table = Table(title=f"{len(rows)} events", show_lines=False)
    cols = ("id", "date", "what", "source → target", "who (role)", "where", "status")
    for col in (*cols, "according to", "conf", "doc"):
        table.add_column(col, overflow="fold")
    for e in rows:
        where = ", ".join(x for x in (e.venue, e.place) if x) or "-"
        who = "; ".join(f"{p.name} ({p.role})" for p in e.participants) or "-"
        status = text(e.status, STATUS_STYLE.get(e.status, ""))
        table.add_row(
            text(e.id),
            text(when(e)),
            text(_what(e)),
            text(f"{e.source or '?'} → {e.target or '?'}" if e.source or e.target else "-"),
            text(who),
            text(where),
            status,
            text(e.attribution or "-"),
            f"{e.confidence:.2f}",
            text(e.document_id[:8]),
        )
    return table


def claim_value(c: ClaimRow) -> str:
    """The number as the text writes it, with its hedge: "about Rs 64,000 crore", "15+"
    (digits only for a claim stored without its words)."""
    if c.value_text:
        shown = c.value_text
    elif c.value is None:
        shown = "-"
    else:
        shown = f"{c.value:,.15g} {c.unit if c.attribute == 'amount' else ''}".strip()
    qualifier = (c.qualifier or "").replace("_", " ")
    if qualifier and not shown.endswith("+") and not shown.lower().startswith(qualifier):
        shown = f"{qualifier} {shown}"
    return shown


def claims_table(rows: list[ClaimRow]) -> Table:
    table = Table(title=f"{len(rows)} claims")
    for col in ("value", "counts / of", "subject", "status", "according to", "evidence", "doc"):
        table.add_column(col, overflow="fold")
    for c in rows:
        table.add_row(
            text(claim_value(c)),
            text(c.subject_text),
            text(c.subject or "-"),
            text(c.status),
            text(c.attribution or "-"),
            text(c.evidence.text),
            text(c.document_id[:8]),
        )
    return table


def quotes_table(rows: list[QuoteRow]) -> Table:
    table = Table(title=f"{len(rows)} quotes")
    for col in ("speaker", "verb", "kind", "text", "doc"):
        table.add_column(col, overflow="fold")
    for q in rows:
        speaker = q.speaker or (f"({q.speaker_text})" if q.speaker_text else "unresolved")
        table.add_row(
            text(speaker), text(q.verb or "-"), text(q.kind), text(q.text), text(q.document_id[:8])
        )
    return table


def _score_table(title: str, first: str, rows: dict[str, dict[str, float]]) -> Table:
    table = Table(title=text(title))
    for col in (first, "precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(col, justify="right" if col != first else "left")
    for label, f in rows.items():
        table.add_row(
            text(label),
            f"{f['precision']:.3f}",
            f"{f['recall']:.3f}",
            f"{f['f1']:.3f}",
            str(f["tp"]),
            str(f["fp"]),
            str(f["fn"]),
        )
    return table


def _plover_table(rows: dict[str, dict[str, float]]) -> Table:
    table = Table(title="events found by happening (P, R, F1), then field accuracy, by PLOVER type")
    fields = ("subtype", "participants", "date", "status", "place")
    for col in (
        "type",
        "P",
        "R",
        "F1",
        "tp",
        "fp",
        "fn",
        "subtype",
        "who",
        "date",
        "status",
        "place",
    ):
        table.add_column(col, justify="left" if col == "type" else "right")
    for label, f in rows.items():
        table.add_row(
            text(label),
            *(f"{f[k]:.3f}" for k in ("precision", "recall", "f1")),
            *(str(f[k]) for k in ("tp", "fp", "fn")),
            *(f"{f[k]:.3f}" if k in f else "-" for k in fields),
        )
    return table


def eval_report(console: Console, report: Any, errors: int) -> None:
    scores = {k: v for k, v in report.figures().items() if "precision" in v}
    console.print(_score_table(f"bilat eval · {report.gold}", "kind", scores))
    by_type = report.type_figures()
    for kind, first in (("entities", "entity type"), ("events", "event subtype")):
        if by_type[kind]:
            console.print(_score_table(f"{kind} by type", first, by_type[kind]))
    if report.detected:
        console.print(_plover_table(report.plover_figures()))
        accuracy = report.figures()["event_fields"]
        console.print(
            markup(
                "event fields (accuracy over found events): {}",
                ", ".join(f"{k} {v:.3f}" for k, v in accuracy.items()),
            ),
            soft_wrap=True,
        )
    if errors <= 0:
        return
    for m in report.misses[:errors]:
        near = (
            f"  (nearest prediction wrong on: {', '.join(m['nearest_wrong'])}"
            + (f": {m['nearest']}" if m.get("nearest") else "")
            + ")"
            if "nearest_wrong" in m
            else ""
        )
        console.print(
            markup("[yellow]miss[/yellow] {} {}: {}{}", m["kind"], m["doc"], m["gold"], near),
            soft_wrap=True,
        )
    for f in report.false_alarms[:errors]:
        console.print(
            markup("[red]false alarm[/red] {} {}: {}", f["kind"], f["doc"], f["found"]),
            soft_wrap=True,
        )


def sentence_report(console: Console, report: Any, errors: int) -> None:
    table = Table(title=text(f"bilat eval · {report.gold} (coded sentences: accuracy)"))
    for col in ("PLOVER type", "sentences", "type", "source", "target", "mode"):
        table.add_column(col, justify="right" if col != "PLOVER type" else "left")
    rows = [(k, v.accuracy()) for k, v in sorted(report.by_type.items())]
    for label, f in [*rows, ("all", report.overall.accuracy())]:
        table.add_row(
            text(label),
            str(f["sentences"]),
            *(f"{f[m]:.3f}" for m in ("type", "source", "target", "mode")),
        )
    console.print(table)
    for m in report.misses[: max(errors, 0)]:
        console.print(
            markup(
                "[yellow]miss[/yellow] {}: {}  (read: {})",
                ", ".join(m["wrong"]),
                m["gold"]["text"],
                ", ".join(m["found"]) or "no event",
            ),
            soft_wrap=True,
        )


def knowledge_report(console: Console, report: Any, errors: int) -> None:
    """Scores of the merged record against cross-document gold, then misses and alarms."""
    table = Table(title=f"knowledge: {report.gold}")
    for name in ("", "precision", "recall", "f1", "accuracy"):
        table.add_column(name, justify="right" if name else "left")
    for kind, metrics in report.figures().items():
        if kind == "updates":
            continue
        table.add_row(
            kind,
            *(f"{metrics[m]:.3f}" if m in metrics else "-" for m in ("precision", "recall", "f1")),
            f"{metrics['accuracy']:.3f}"
            if "accuracy" in metrics
            else (f"{metrics['aligned']:.3f} aligned" if "aligned" in metrics else "-"),
        )
    console.print(table)
    console.print(markup("updates reported as conflicts: {}", report.updates_as_conflicts))
    for item in report.misses[:errors]:
        console.print(markup("[yellow]miss[/yellow] {}", item), soft_wrap=True)
    for item in report.false_alarms[:errors]:
        console.print(markup("[red]false alarm[/red] {}", item), soft_wrap=True)
