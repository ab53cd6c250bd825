"""The ``bilat`` command. Thin: parse arguments, call :mod:`bilat.api`, print.

Anything printed for people that came from an input (article text, titles, names, paths,
arguments, error messages quoting them) goes through :func:`bilat.safe_text.markup` or
:func:`bilat.safe_text.text`: printed literally, control characters made visible.
``--json`` output is exact data.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

from bilat import api, render
from bilat.errors import BilatError
from bilat.ingest.loaders import count_files
from bilat.ingest.run import IngestReport, Outcome
from bilat.models import ENTITY_TYPES, STATUSES
from bilat.safe_text import markup
from bilat.store.db import Store

app = typer.Typer(
    help="Turn defence and diplomacy news into a sourced, queryable record of a relationship "
    "between two countries.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# emoji=False: ":flag_in:" in our own strings stays as written too.
out = Console(emoji=False)
err = Console(stderr=True, emoji=False)
_state: dict[str, Any] = {}

LIMIT_MAX = 1_000_000_000  # --limit is bounded: the database wants a 64-bit integer
MAX_MB_MAX = 1_000_000.0  # --max-mb: a terabyte is plenty

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


def _fail(template: str, *values: Any, code: int = 2) -> typer.Exit:
    """Print a one-line ``error:`` (values filled in as literal text); the Exit to raise."""
    err.print(markup("[red]error:[/red] " + template, *values), soft_wrap=True)
    return typer.Exit(code)


@app.callback()
def main(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="BILAT_DATABASE_URL",
            help="Database URL: sqlite:///bilat.db (default) or postgresql+psycopg://…",
        ),
    ] = None,
) -> None:
    if db is not None and not db.strip():
        raise _fail("--db is empty; give a database URL or leave the option out")
    _state["db"] = db


@contextmanager
def _store() -> Iterator[Store]:
    """The store, with bilat's own errors turned into one line and exit code 2."""
    store: Store | None = None
    try:
        store = api.open(_state.get("db"))
        yield store
    except BilatError as exc:
        raise _fail("{}", exc) from None
    finally:
        if store is not None:
            store.close()


def _emit(as_json: bool, value: Any, table: Callable[[], Any]) -> None:
    if as_json:
        print(render.to_json(value))
    else:
        out.print(table())


def _progress_listener(progress: Progress, task: Any) -> Callable[[Outcome, IngestReport], None]:
    def listener(outcome: Outcome, report: IngestReport) -> None:
        if outcome.status == "failed":
            progress.console.print(
                markup("[red]failed:[/red] {}: {}", outcome.origin, outcome.detail),
                soft_wrap=True,
            )
        elif outcome.status == "skipped":
            progress.console.print(
                markup("[yellow]skipped:[/yellow] {}: {}", outcome.origin, outcome.detail),
                soft_wrap=True,
            )
        progress.update(
            task,
            completed=report.files,
            stored=report.stored,
            skipped=report.skipped,
            failed=report.failed,
        )

    return listener


def _run_ingest(
    store: Store, paths: list[str], quiet: bool = False, **options: Any
) -> IngestReport:
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingest"),
        BarColumn(pulse_style="cyan"),
        TextColumn(
            "{task.completed}/{task.total} files · [green]{task.fields[stored]} stored[/green] · "
            "[yellow]{task.fields[skipped]} skipped[/yellow] · "
            "[red]{task.fields[failed]} failed[/red]"
        ),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=quiet,
    )
    with progress:
        total = count_files(paths)
        task = progress.add_task("ingest", total=total, stored=0, skipped=0, failed=0)
        return api.ingest(
            store,
            paths,
            stdin=sys.stdin.buffer,
            listener=_progress_listener(progress, task),
            **options,
        )


@app.command()
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files or folders (recursive): .txt/.md, .html, .jsonl, .pdf; '-' reads stdin. "
            "A NAME.json beside NAME.txt supplies title, published, source, url."
        ),
    ],
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD for all inputs.")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Outlet name for all inputs.")] = None,
    url: Annotated[str | None, typer.Option(help="Source URL (for a single input).")] = None,
    encoding: Annotated[
        str | None, typer.Option(help="Text encoding if not UTF-8, e.g. cp1252.")
    ] = None,
    max_mb: Annotated[
        float | None,
        typer.Option(
            help="Refuse inputs larger than this many MB; must be more than 0. "
            "Default 20 (or BILAT_MAX_BYTES, in bytes).",
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Read articles into the store. Re-ingesting the same text changes nothing."""
    if max_mb is not None and not (math.isfinite(max_mb) and 0 < max_mb <= MAX_MB_MAX):
        raise _fail(
            "--max-mb wants a size in MB above 0 and at most {:.0f}, not {:g}",
            MAX_MB_MAX,
            max_mb,
        )
    max_bytes = max(1, int(max_mb * 1e6)) if max_mb is not None else None
    with _store() as store:
        report = _run_ingest(
            store,
            paths,
            quiet=as_json,
            published=published,
            source=source,
            url=url,
            encoding=encoding,
            max_bytes=max_bytes,
        )
    if as_json:
        print(render.to_json(report))
    else:
        out.print(_summary(report))
    if report.failed:
        raise typer.Exit(1)


@app.command()
def entities(
    etype: Annotated[
        str | None, typer.Option("--type", help=f"One of: {', '.join(ENTITY_TYPES)}.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """List entities with their type, mention and document counts, and aliases."""
    if etype and etype not in ENTITY_TYPES:
        raise _fail("unknown type {!r}; one of {}", etype, ", ".join(ENTITY_TYPES))
    with _store() as store:
        rows = api.entities(store, etype)
    _emit(as_json, rows, lambda: render.entities_table(rows))


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="Id, name or alias, e.g. 'PM Modi' or s-400.")],
    limit: Annotated[
        int,
        typer.Option(
            min=0,
            max=LIMIT_MAX,
            help="Rows of each list to show: events, claims, quotes, mentions (0 for none).",
        ),
    ] = 20,
    as_json: JsonFlag = False,
) -> None:
    """One entity's dossier: roles, events, claims, quotes, related entities, mentions.

    Also its aliases and linked ids; roles over time; the canonical events it takes part
    in; the entities named in the same sentences; every item with its source."""
    from bilat.record_cli import entity_dossier

    entity_dossier(name, limit, as_json)


@app.command()
def show(
    document_id: Annotated[str, typer.Argument(help="Document id or a unique prefix of it.")],
    as_json: JsonFlag = False,
) -> None:
    """A stored document with its entity mentions marked."""
    with _store() as store:
        doc, mentions = api.show(store, document_id)
    if as_json:
        print(render.to_json({"document": doc, "mentions": mentions}))
        return
    out.print(markup("[bold]{}[/bold]  {}", doc.title or "(untitled)", doc.id))
    out.print(
        markup(
            "published {} · source {} · {}",
            doc.published or "unknown",
            doc.source or "-",
            doc.origin,
        )
    )
    out.print(render.marked_text(doc, mentions))


@app.command()
def search(
    words: Annotated[list[str], typer.Argument(help="Words to find in sentences.")],
    limit: Annotated[int, typer.Option(min=1, max=LIMIT_MAX, help="Most sentences to show.")] = 20,
    as_json: JsonFlag = False,
) -> None:
    """Full-text search over stored sentences, best match first."""
    with _store() as store:
        hits = api.search(store, " ".join(words), limit)
    _emit(as_json, hits, lambda: render.search_table(hits))


def _summary(report: IngestReport) -> Text:
    return markup("{} stored, {} skipped, {} failed", report.stored, report.skipped, report.failed)


def _date_option(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail("{} wants a date like 2025-12-04, not {!r}", name, value) from None


EntityOption = Annotated[
    str | None, typer.Option("--entity", help="Only items about this entity (id, name or alias).")
]
DocOption = Annotated[str | None, typer.Option("--doc", help="Only this document (id or prefix).")]


@app.command()
def events(
    etype: Annotated[
        str | None,
        typer.Option(
            "--type", help="PLOVER type (CONSULT, AGREE, AID, ...) or subtype (meeting, sign, ...)."
        ),
    ] = None,
    status: Annotated[str | None, typer.Option(help=f"One of: {', '.join(STATUSES)}.")] = None,
    entity: EntityOption = None,
    since: Annotated[
        str | None, typer.Option(help="Events on or after this date (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Events on or before this date (YYYY-MM-DD).")
    ] = None,
    doc: DocOption = None,
    min_confidence: Annotated[
        float | None,
        typer.Option(
            "--min-confidence",
            min=0.0,
            max=1.0,
            help="Only events read at least this surely (0-1): an explicit verb with both"
            " actors scores high; a noun alone, a list item or parties inferred from the"
            " article's pair of countries score low.",
        ),
    ] = None,
    evidence: Annotated[
        bool, typer.Option(help="Print the supporting sentences under the table.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Events: who did what to whom (source, target), when, where, status, how sure."""
    if status and status not in STATUSES:
        raise _fail("unknown status {!r}; one of {}", status, ", ".join(STATUSES))
    start, end = _date_option(since, "--since"), _date_option(until, "--until")
    with _store() as store:
        rows = api.events(
            store,
            etype=etype,
            status=status,
            entity=entity,
            since=start,
            until=end,
            document=doc,
            min_confidence=min_confidence,
        )
    _emit(as_json, rows, lambda: render.events_table(rows))
    if evidence and not as_json:
        for e in rows:
            for ev in e.evidence:
                out.print(
                    markup(
                        "[dim]{} {}:{}-{}[/dim] {}",
                        e.id,
                        ev.document_id[:8],
                        ev.start,
                        ev.end,
                        ev.text,
                    )
                )


@app.command()
def claims(entity: EntityOption = None, doc: DocOption = None, as_json: JsonFlag = False) -> None:
    """Numbers as claims: counts and amounts, what they count, status and who says so."""
    with _store() as store:
        rows = api.claims(store, entity=entity, document=doc)
    _emit(as_json, rows, lambda: render.claims_table(rows))


@app.command()
def quotes(
    entity: Annotated[str | None, typer.Option("--entity", help="Only this speaker.")] = None,
    doc: DocOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Direct quotes and reported speech with their speakers."""
    with _store() as store:
        rows = api.quotes(store, entity=entity, document=doc)
    _emit(as_json, rows, lambda: render.quotes_table(rows))


@app.command()
def export(
    fmt: Annotated[
        str, typer.Option("--format", help="jsonl, csv, plover or graphml (see README, Export).")
    ] = "jsonl",
    out_dir: Annotated[
        str, typer.Option("--out", help="Folder to write into (created if missing).")
    ] = "export",
    as_json: JsonFlag = False,
) -> None:
    """Write documents, entities, mentions, events, claims, quotes, and the merged record
    (canonical events with their reports, conflicts) to files; graphml: the actor network."""
    from pathlib import Path

    from bilat.export import export as run_export

    with _store() as store:
        written = run_export(store, fmt, Path(out_dir))
    if as_json:
        print(render.to_json(written))
    else:
        for name, n in written.items():
            out.print(markup("{:>6} rows  {}", n, Path(out_dir) / name))


@app.command("eval")
def eval_(
    gold: Annotated[
        str,
        typer.Argument(
            help="Gold YAML file (format in the README, 'Evaluation'), or a folder: every "
            "*.yaml under it is scored in one run (eval/dev/)."
        ),
    ],
    baseline: Annotated[
        str | None,
        typer.Option(help="Baseline YAML of floors; exit 1 if any score falls below one."),
    ] = None,
    errors: Annotated[int, typer.Option(help="Misses and false alarms to list (0 for none).")] = 40,
    as_json: JsonFlag = False,
) -> None:
    """Score bilat against hand-written gold: precision, recall and F1 for entities, events,
    claims, quotes."""
    from bilat.evaluate import below_floors, evaluate
    from bilat.knowledge_eval import KnowledgeReport, evaluate_knowledge, is_knowledge_gold
    from bilat.sentence_eval import SentenceReport, evaluate_sentences, is_sentence_set

    report: Any
    try:
        sentences = is_sentence_set(Path(gold))
        with err.status("reading the gold documents into a fresh database…"):
            if is_knowledge_gold(Path(gold)):
                report = evaluate_knowledge(gold)
            else:
                report = evaluate_sentences(gold) if sentences else evaluate(gold)
        failures = below_floors(report, baseline) if baseline else []
    except BilatError as exc:
        raise _fail("{}", exc) from None
    if isinstance(report, KnowledgeReport):
        summary: dict[str, Any] = {
            "gold": report.gold,
            "scores": report.figures(),
            "misses": report.misses[:errors],
            "false_alarms": report.false_alarms[:errors],
            "below_floors": failures,
        }
        if as_json:
            print(render.to_json(summary))
        else:
            render.knowledge_report(out, report, errors)
            for line in failures:
                err.print(markup("[red]below floor:[/red] {}", line), soft_wrap=True)
        if failures:
            raise typer.Exit(1)
        return
    if as_json:
        body: dict[str, Any] = {"gold": report.gold, "scores": report.figures()}
        if isinstance(report, SentenceReport):
            body["by_type"] = {k: v.accuracy() for k, v in sorted(report.by_type.items())}
            body["misses"] = report.misses
        else:
            body |= {
                "by_type": report.type_figures(),
                "misses": report.misses,
                "false_alarms": report.false_alarms,
            }
        print(render.to_json({**body, "below_floors": failures}))
    elif isinstance(report, SentenceReport):
        render.sentence_report(out, report, errors)
    else:
        render.eval_report(out, report, errors)
    if not as_json:
        for line in failures:
            err.print(markup("[red]below floor:[/red] {}", line), soft_wrap=True)
    if failures:
        raise typer.Exit(1)


@app.command()
def demo(as_json: JsonFlag = False) -> None:
    """Ingest the bundled sample corpus and show what bilat found in it."""
    with _store() as store:
        report = _run_ingest(store, [str(api.sample_corpus())], quiet=as_json)
        totals = api.totals(store)
        rows = api.entities(store)
        hits = api.search(store, "S-400", limit=5)
    if as_json:
        print(
            render.to_json({"ingest": report, "totals": totals, "entities": rows, "search": hits})
        )
        return
    out.print(_summary(report))
    out.print(markup("{}", ", ".join(f"{v} {k}" for k, v in totals.items())))
    out.print(render.entities_table(rows))
    out.print("[bold]search: S-400[/bold]")
    out.print(render.search_table(hits))
    out.print("Next: bilat entity 'Rajnath Singh' · bilat search summit · bilat show <doc id>")
    if report.failed:
        raise typer.Exit(1)


# The merged record's commands (timeline, conflicts, event, rebuild) register on ``app``.
from bilat import record_cli  # noqa: E402,F401
