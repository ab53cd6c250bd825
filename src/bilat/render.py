"""Terminal rendering: Rich tables and marked-up text, and JSON for scripts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from bilat.store.read import DocumentMention, DocumentRow, EntityPage, EntityRow, Hit

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


def to_json(value: Any) -> str:
    return json.dumps(_plain(value), ensure_ascii=False, indent=2)


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
            Text(r.type, TYPE_STYLE.get(r.type, "")),
            r.name,
            r.id,
            str(r.mentions),
            str(r.documents),
            shown,
        )
    return table


def entity_page(console: Console, page: EntityPage, limit: int) -> None:
    e = page.entity
    console.print(Text(f"{e.name}", TYPE_STYLE.get(e.type, "bold")), f"({e.type}, id {e.id})")
    console.print(f"aliases: {', '.join(e.aliases) or '-'}")
    for key, value in page.attrs.items():
        console.print(f"{key}: {value}")
    for role in page.roles:
        span = f"{role.since or '?'} – {role.until or 'now'}"
        console.print(
            f"role: {role.title}{' of ' + role.of if role.of else ''} ({span}, {role.origin})"
        )
    console.print(f"{e.mentions} mentions in {e.documents} documents")
    table = Table(show_lines=False)
    for column in ("document", "published", "section", "sentence"):
        table.add_column(column, overflow="fold")
    for m in page.mentions[:limit]:
        sentence = Text(m.sentence)
        offset = m.sentence.find(m.text)
        if offset >= 0:
            sentence.stylize("bold underline", offset, offset + len(m.text))
        table.add_row(
            f"{m.document_id[:10]} {m.source or ''}".strip(),
            str(m.published or "-"),
            m.section,
            sentence,
        )
    console.print(table)
    if len(page.mentions) > limit:
        console.print(f"… {len(page.mentions) - limit} more (use --limit)")


def marked_text(doc: DocumentRow, mentions: list[DocumentMention]) -> Text:
    """The document with each mention styled by type and tagged with its entity id."""
    out = Text()
    pos = 0
    for m in mentions:
        out.append(doc.text[pos : m.start])
        out.append(doc.text[m.start : m.end], TYPE_STYLE.get(m.type, "bold"))
        out.append(f"‹{m.entity_id}›", "dim")
        pos = m.end
    out.append(doc.text[pos:])
    return out


def search_table(hits: list[Hit]) -> Table:
    table = Table(title=f"{len(hits)} sentences", title_justify="left")
    for column in ("score", "document", "published", "section", "sentence"):
        table.add_column(column, overflow="fold")
    for h in hits:
        table.add_row(
            f"{h.score:.2f}",
            f"{h.document_id[:10]} {h.title or ''}"[:60],
            str(h.published or "-"),
            h.section,
            h.text,
        )
    return table
