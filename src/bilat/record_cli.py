"""The merged record on the command line: ``timeline``, ``conflicts``, ``event`` and
``rebuild``, registered on :data:`bilat.cli.app` (imported at the end of ``cli.py``).

Thin like ``cli.py``: parse arguments, call :mod:`bilat.api`, print through
:mod:`bilat.render_record` (tables) or :func:`bilat.render.to_json` (``--json``).
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from bilat import api, render, render_record
from bilat.cli import (
    LIMIT_MAX,
    EntityOption,
    JsonFlag,
    _date_option,
    _fail,
    _store,
    app,
    err,
    out,
)
from bilat.models import STATUSES


@app.command()
def timeline(
    actors: Annotated[
        list[str] | None,
        typer.Argument(
            help="Two actors, e.g. India Russia: only events both take part in (a person "
            "counts for their country). Names, ids or aliases."
        ),
    ] = None,
    entity: EntityOption = None,
    since: Annotated[
        str | None, typer.Option(help="Events on or after this date (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Events on or before this date (YYYY-MM-DD).")
    ] = None,
    etype: Annotated[
        str | None,
        typer.Option("--type", help="PLOVER type (CONSULT, AGREE, ...) or subtype (summit, ...)."),
    ] = None,
    status: Annotated[
        str | None, typer.Option(help=f"Merged status, one of: {', '.join(STATUSES)}.")
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(min=1, max=LIMIT_MAX, help="Most events per list (dated, undated)."),
    ] = None,
    offset: Annotated[int, typer.Option(min=0, max=LIMIT_MAX, help="Events to skip first.")] = 0,
    as_json: JsonFlag = False,
) -> None:
    """Canonical events in date order: one per real happening, merged across sources.

    Undated events follow in their own list. Each row has its merged status, its sources
    and the sentence of its surest report."""
    if actors and len(actors) != 2:
        raise _fail("timeline wants two actors (e.g. India Russia) or none, not {}", len(actors))
    if status and status not in STATUSES:
        raise _fail("unknown status {!r}; one of {}", status, ", ".join(STATUSES))
    start, end = _date_option(since, "--since"), _date_option(until, "--until")
    pair = (actors[0], actors[1]) if actors else None
    with _store() as store:
        dated, undated = api.timeline(
            store,
            pair,
            entity=entity,
            since=start,
            until=end,
            etype=etype,
            status=status,
            limit=limit,
            offset=offset,
        )
    if as_json:
        print(render.to_json({"dated": dated, "undated": undated}))
        return
    label = f" · {' and '.join(pair)}" if pair else ""
    label += f" · {entity}" if entity else ""
    render_record.timeline(out, dated, undated, label)


@app.command()
def conflicts(
    entity: EntityOption = None,
    updates: Annotated[
        bool,
        typer.Option("--updates", help="Also list updates: a later value of a changing count."),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Where sources disagree: each value with its sources and sentences.

    Every source gives its outlet, date, document and sentence. A later as-of value of a
    changing count is an update, not a conflict (--updates lists them too)."""
    with _store() as store:
        rows = api.conflicts(store, entity=entity, updates=updates)
    if as_json:
        print(render.to_json(rows))
    else:
        out.print(render_record.conflicts_table(rows))


@app.command()
def event(
    event_id: Annotated[
        str, typer.Argument(help="A canonical event id (ce-…) or a unique prefix of it.")
    ],
    as_json: JsonFlag = False,
) -> None:
    """One canonical event with its status history and its reports side by side.

    Each report shows its source, status, date as written, attribution and sentence."""
    with _store() as store:
        page = api.event(store, event_id)
    if as_json:
        print(render.to_json(page))
    else:
        render_record.event_page(out, page)


@app.command()
def rebuild(as_json: JsonFlag = False) -> None:
    """Recompute the merged record (canonical events, entity links) from the extractions.

    Ingest keeps the record up to date; rebuild after a change of rules or lexicon."""
    progress = Progress(
        TextColumn("[bold]rebuild"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("documents"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=as_json,
    )
    with progress, _store() as store:
        task = progress.add_task("rebuild", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        placed, events = api.rebuild(store, advance)
    if as_json:
        print(render.to_json({"reports": placed, "canonical_events": events}))
    else:
        out.print(render_record.counts_line(placed, events))


def entity_dossier(name: str, limit: int, as_json: bool) -> None:
    """``bilat entity NAME``: the dossier (called by the ``entity`` command in cli.py)."""
    with _store() as store:
        found = api.dossier(store, name)
    if as_json:
        print(render.to_json(found))
    else:
        render_record.dossier_page(out, found, limit)
