"""Terminal rendering of the merged record: timeline, conflicts, one canonical event, an
entity's dossier. Like :mod:`bilat.render`, every value from an input reaches Rich through
:mod:`bilat.safe_text` (``text`` for a cell, ``markup`` for a line with values in it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from bilat.knowledge.conflicts import Conflict
from bilat.knowledge.dossier import Dossier, Provenance
from bilat.knowledge.timeline import Cited, EventPage, Item
from bilat.render import STATUS_STYLE, TYPE_STYLE, _ordinal
from bilat.safe_text import clean, markup, text


def days(start: dt.date | None, end: dt.date | None) -> str:
    if start is None and end is None:
        return "undated"
    if start == end or end is None:
        return str(start)
    return f"{start or '…'} – {end}"


def what(e: Item) -> str:
    """ "summit · 23rd India–Russia Annual Summit · S-400 · × 2"."""
    bits = [e.subtype]
    if e.forum:
        bits.append(f"{_ordinal(e.session) + ' ' if e.session else ''}{e.forum}")
    if e.platform:
        bits.append(e.platform)
    if e.quantity is not None:
        bits.append(f"× {e.quantity:g}")
    return " · ".join(bits)


def _who(e: Item) -> str:
    return f"{e.source or '?'} → {e.target or '?'}" if e.source or e.target else "-"


def _source(outlet: str | None, published: dt.date | None, document_id: str) -> Text:
    """ "Eurasia Wire 2025-12-02 68db7506" """
    return text(" ".join(x for x in (outlet or "", str(published or ""), document_id[:8]) if x))


def _cited(c: Cited | Provenance | None) -> Text:
    if c is None:
        return text("-")
    return markup("{} [dim]({})[/dim]", c.text, _source(c.outlet, c.published, c.document_id).plain)


def _status(status: str) -> Text:
    return text(status, STATUS_STYLE.get(status, ""))


def _more(console: Console, shown: int, total: int) -> None:
    if total > shown:
        console.print(markup("… {} more (use --limit)", total - shown))


def timeline_table(rows: Sequence[Item], title: str) -> Table:
    table = Table(title=text(title), title_justify="left")
    for col in ("date", "what", "source → target", "where", "status", "sources", "id", "evidence"):
        table.add_column(col, overflow="fold")
    for e in rows:
        sources = f"{e.source_count} ({e.report_count} reports)"
        if e.disputed:
            sources += f" disputed: {e.disputed}"
        table.add_row(
            text(days(e.date_start, e.date_end)),
            text(what(e)),
            text(_who(e)),
            text(e.place or "-"),
            _status(e.status),
            text(sources, "yellow" if e.disputed else ""),
            text(e.id),
            _cited(e.evidence),
        )
    return table


def timeline(console: Console, dated: Sequence[Item], undated: Sequence[Item], label: str) -> None:
    console.print(timeline_table(dated, f"{len(dated)} canonical events{label}"))
    if undated:
        console.print(timeline_table(undated, f"{len(undated)} undated canonical events{label}"))


def _as_of(c: Conflict) -> str:
    return f" as of {c.as_of}" if c.as_of else ""


def _value(shown: str, value: str) -> str:
    """As written, with the number compared when the words do not show it ("three (3)")."""
    return shown if any(ch.isdigit() for ch in shown) else f"{shown} ({value})"


def conflicts_table(rows: Sequence[Conflict], title: str | None = None) -> Table:
    disagreements = sum(c.kind != "update" for c in rows)
    heading = title or f"{disagreements} conflicts, {len(rows) - disagreements} updates"
    table = Table(title=text(heading), title_justify="left", show_lines=False)
    for col in (
        "disagreement",
        "value",
        "outlet · who says so",
        "published",
        "document",
        "sentence",
    ):
        table.add_column(col, overflow="fold")
    for c in rows:
        style = "cyan" if c.kind == "update" else "red"
        label = text(c.kind, style) + markup(
            ": {} · {}{} [dim]{}[/dim]", c.subject, c.attribute, _as_of(c), c.id
        )
        first = True
        for v in c.values:
            for src in v.sources:
                table.add_row(
                    label if first else Text(""),
                    text(_value(v.shown, v.value), "bold"),
                    text(" · ".join(x for x in (src.outlet, src.attribution) if x) or "-"),
                    text(src.published or "-"),
                    text(f"{src.document_id[:12]} {src.start}-{src.end}"),
                    text(src.text or "-"),
                )
                first = False
        table.add_section()
    return table


def event_page(console: Console, page: EventPage) -> None:
    e = page.event
    console.print(markup("[bold]{}[/bold]  {}  {}", what(e), days(e.date_start, e.date_end), e.id))
    line = markup("{} · {} · ", e.type, _who(e)) + _status(e.status)
    line += markup(
        " · where {} · {} sources, {} reports", e.place or "-", e.source_count, e.report_count
    )
    console.print(line)
    console.print(markup("actors: {}", ", ".join(page.actors) or "-"), soft_wrap=True)
    if e.disputed:
        console.print(markup("[yellow]disputed:[/yellow] {}", e.disputed))
    history = Table(title="status history", title_justify="left")
    for col in ("status", "first reported", "documents"):
        history.add_column(col, overflow="fold")
    for step in page.history:
        docs = ", ".join(d[:12] for d in step.documents)
        history.add_row(_status(step.status), text(step.first_reported or "-"), text(docs))
    console.print(history)
    reports = Table(title=f"{len(page.reports)} reports", title_justify="left")
    for col in (
        "event",
        "source",
        "status",
        "date (as written)",
        "according to",
        "conf",
        "sentence",
    ):
        reports.add_column(col, overflow="fold")
    for r in page.reports:
        when = days(r.date_start, r.date_end) + (f" ({r.date_text})" if r.date_text else "")
        reports.add_row(
            text(r.event_id),
            _source(r.evidence.outlet, r.evidence.published, r.evidence.document_id),
            _status(r.status),
            text(when),
            text(r.attribution or "-"),
            f"{r.confidence:.2f}",
            markup("{} [dim]{}-{}[/dim]", r.evidence.text, r.evidence.start, r.evidence.end),
        )
    console.print(reports)
    if page.conflicts:
        console.print(conflicts_table(page.conflicts, f"{len(page.conflicts)} conflicts"))


def _header(console: Console, d: Dossier) -> None:
    e = d.entity
    console.print(text(e.name, TYPE_STYLE.get(e.type, "bold")), markup("({}, id {})", e.type, e.id))
    console.print(markup("aliases: {}", ", ".join(e.aliases) or "-"), soft_wrap=True)
    if d.linked:
        console.print(markup("linked ids: {}", ", ".join(d.linked)), soft_wrap=True)
    for key, value in d.attrs.items():
        console.print(markup("{}: {}", key, value))
    for role in d.roles:
        of = f" of {role.of_name or role.of}" if role.of else ""
        span = f"{role.since or '?'} – {role.until or 'now'}"
        docs = f", {len(role.sources)} documents" if role.sources else ""
        console.print(markup("role: {}{} ({}, {}{})", role.title, of, span, role.origin, docs))


def _claims(console: Console, d: Dossier, limit: int) -> None:
    table = Table(title=f"{len(d.claims)} claims about it", title_justify="left")
    for col in ("value", "measure", "as of", "status", "according to", "source", "sentence"):
        table.add_column(col, overflow="fold")
    for c in d.claims[:limit]:
        value = c.value_text or (f"{c.value:g}" if c.value is not None else "-")
        measure = " ".join(x for x in (c.unit or c.attribute, c.aspect) if x)
        table.add_row(
            text(value, "bold"),
            text(measure),
            text(c.as_of or "-"),
            _status(c.status),
            text(c.attribution or "-"),
            _source(c.evidence.outlet, c.evidence.published, c.evidence.document_id),
            text(c.evidence.text or "-"),
        )
    console.print(table)
    _more(console, min(limit, len(d.claims)), len(d.claims))


def _quotes(console: Console, d: Dossier, limit: int) -> None:
    table = Table(title=f"{len(d.quotes)} quotes", title_justify="left")
    for col in ("verb", "kind", "source", "text"):
        table.add_column(col, overflow="fold")
    for q in d.quotes[:limit]:
        ev = q.evidence
        table.add_row(
            text(q.verb or "-"),
            text(q.kind),
            _source(ev.outlet, ev.published, ev.document_id),
            text(q.text),
        )
    console.print(table)
    _more(console, min(limit, len(d.quotes)), len(d.quotes))


def _related(console: Console, d: Dossier) -> None:
    table = Table(title="named with it (shared sentences)", title_justify="left")
    for col in ("entity", "type", "sentences", "for example"):
        table.add_column(col, overflow="fold")
    for r in d.related:
        table.add_row(
            text(r.name, TYPE_STYLE.get(r.type, "")),
            text(r.type),
            str(r.sentences),
            _cited(r.evidence[0] if r.evidence else None),
        )
    console.print(table)


def _mentions(console: Console, d: Dossier, limit: int) -> None:
    console.print(markup("{} mentions in {} documents", d.entity.mentions, d.entity.documents))
    table = Table(show_lines=False)
    for column in ("document", "published", "section", "sentence"):
        table.add_column(column, overflow="fold")
    for m in d.mentions[:limit]:
        sentence = text(m.sentence)
        mention = clean(m.text)
        offset = sentence.plain.find(mention)
        if offset >= 0:
            sentence.stylize("bold underline", offset, offset + len(mention))
        table.add_row(
            text(f"{m.document_id[:10]} {m.source or ''}".strip()),
            text(m.published or "-"),
            text(m.section),
            sentence,
        )
    console.print(table)
    _more(console, min(limit, len(d.mentions)), len(d.mentions))


def dossier_page(console: Console, d: Dossier, limit: int) -> None:
    """Header and roles, then events, claims, quotes, related entities and mentions, each
    list cut at ``limit`` rows."""
    _header(console, d)
    console.print(timeline_table(d.events[:limit], f"{len(d.events)} canonical events"))
    _more(console, min(limit, len(d.events)), len(d.events))
    if d.claims:
        _claims(console, d, limit)
    if d.quotes:
        _quotes(console, d, limit)
    if d.related:
        _related(console, d)
    _mentions(console, d, limit)


def counts_line(placed: int, events: int) -> Text:
    return markup("{} reports placed in {} canonical events", placed, events)
