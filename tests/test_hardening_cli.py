"""Issue 9: text from inputs never drives the terminal; small CLI options are checked.

Stores are built through the library (api.open / api.ingest of files written here), then
the command is run as a user would, through typer's CliRunner.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilat import api, cli
from bilat.cli import app
from bilat.safe_text import clean, markup, text
from bilat.store import schema
from conftest import write

runner = CliRunner()

LINK = "[link=https://evil.example/login]see statement[/link]"
TITLE = "Harbour visit \u001b[2J\u001b]8;;https://evil.example\u0007 and talks"
ESC_SHOWN = "\\x1b[2J\\x1b]8;;https://evil.example\\x07"  # what `show` prints instead

LINK_TEXT = (
    "The ministry in Moscow issued a note on the harbour visit. "
    f"Readers were told to {LINK} before the vote.\n"
)
ITALIC_TEXT = "Officials in New Delhi called the draft [/i] unfinished after the harbour visit.\n"
TITLED_TEXT = "The frigate called at Mumbai for a harbour visit lasting three days.\n"
FINDINGS_TEXT = (
    "Defence Minister Rajnath Singh met Russian Defence Minister Andrei Belousov in "
    "New Delhi on Thursday [/b] to review deliveries.\n\n"
    'Andrei Belousov said: "The remaining [/i] units will arrive [link=https://evil.example]'
    'soon[/link]."\n\n'
    "India ordered 12 [/u] patrol boats from the yard in Goa, officials said.\n"
)


def invoke(db_url: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", db_url, *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def build(db_url: str, folder: Path, files: dict[str, str]) -> list[str]:
    """Write ``files`` into ``folder`` and ingest them through the library; document ids."""
    paths = [str(write(folder / name, body)) for name, body in files.items()]
    store = api.open(db_url)
    try:
        report = api.ingest(store, [p for p in paths if not p.endswith(".json")])
    finally:
        store.close()
    assert report.failed == 0, report
    return [o.document_id for o in report.outcomes if o.document_id]


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tables wide enough that a sentence stays on one line, whatever the terminal."""
    for console in (cli.out, cli.err):
        monkeypatch.setattr(console, "_width", 400)
    yield


def no_terminal_controls(output: str) -> None:
    assert "\x1b]8;" not in output  # no OSC-8 hyperlink
    assert "\x1b[2J" not in output  # no screen clear
    assert "\x07" not in output and "\x9b" not in output and "\x7f" not in output


# --- 1, 2: markup in article text prints literally --------------------------------------


def test_link_markup_in_a_sentence_prints_literally(db_url: str, tmp_path: Path) -> None:
    build(db_url, tmp_path, {"link.txt": LINK_TEXT})
    code, output = invoke(db_url, "search", "readers", "vote")
    assert code == 0, output
    assert LINK in output
    no_terminal_controls(output)
    code, output = invoke(db_url, "search", "readers", "vote", "--json")
    assert code == 0 and LINK in json.loads(output)[0]["text"]


def test_closing_tag_in_a_sentence_does_not_crash_search(db_url: str, tmp_path: Path) -> None:
    build(db_url, tmp_path, {"italic.txt": ITALIC_TEXT})
    code, output = invoke(db_url, "search", "draft", "unfinished")
    assert code == 0, output
    assert "draft [/i] unfinished" in output
    code, output = invoke(db_url, "entity", "New Delhi")
    assert code == 0, output
    assert "draft [/i] unfinished" in output


# --- 3: control characters never reach the terminal -------------------------------------


def store_raw(db_url: str, doc_id: str, **values: str) -> None:
    """Put ``values`` into the document's row as they are: ingest may clean metadata,
    but printing must be safe whatever a store holds (an old store, another writer)."""
    store = api.open(db_url)
    try:
        with store.write() as conn:
            documents = schema.documents
            conn.execute(documents.update().where(documents.c.id == doc_id).values(**values))
    finally:
        store.close()


def test_control_characters_in_a_title_are_made_visible(db_url: str, tmp_path: Path) -> None:
    source = "Port\u009b31m Wire\u007f"
    meta = json.dumps({"title": TITLE, "source": source, "published": "2025-03-01"})
    (doc_id,) = build(db_url, tmp_path, {"visit.txt": TITLED_TEXT, "visit.json": meta})
    store_raw(db_url, doc_id, title=TITLE, source=source)

    code, output = invoke(db_url, "show", doc_id[:12])
    assert code == 0, output
    no_terminal_controls(output)
    assert f"Harbour visit {ESC_SHOWN} and talks" in output
    assert "Port\\x9b31m Wire\\x7f" in output

    for args in (("search", "frigate"), ("entity", "Mumbai")):
        code, output = invoke(db_url, *args)
        assert code == 0, output
        no_terminal_controls(output)
        assert "\\x1b" in output or "\\x9b" in output

    # JSON is exact data: the same strings come back, and no raw DEL/C1 byte is printed.
    code, output = invoke(db_url, "show", doc_id, "--json")
    assert code == 0
    assert "\x9b" not in output and "\x7f" not in output and "\x1b" not in output
    document = json.loads(output)["document"]
    assert (document["title"], document["source"]) == (TITLE, source)


# --- 4: markup in a user argument --------------------------------------------------------


def test_markup_in_an_entity_name_is_a_clean_not_found(db_url: str, tmp_path: Path) -> None:
    build(db_url, tmp_path, {"italic.txt": ITALIC_TEXT})
    code, output = invoke(db_url, "entity", "[/b]")
    assert code == 2
    assert output == "error: no entity named '[/b]'\n"
    code, unknown = invoke(db_url, "entity", "Nobody Known")
    assert code == 2 and unknown.startswith("error: no entity named")
    code, output = invoke(db_url, "entity", "\x1b[2Jx")
    assert code == 2 and "\x1b" not in output and output.count("\n") == 1


# --- 5: markup in a path -----------------------------------------------------------------


def test_markup_in_a_path_prints_literally_during_ingest(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "notes [" / "bold] [red]"  # the path reads ".../notes [/bold] [red]/"
    note = write(folder / "visit.txt", TITLED_TEXT)
    empty = write(folder / "[i]empty.txt", "")
    code, output = invoke(db_url, "ingest", str(note))
    assert code == 0, output
    assert "1 stored, 0 skipped, 0 failed" in output
    code, output = invoke(db_url, "ingest", str(folder))
    assert code == 1, output  # the empty file fails; nothing crashes
    assert f"skipped: {note}: already stored" in output
    assert f"failed: {empty}: empty" in output
    assert "notes [/bold] [red]" in output
    assert "0 stored, 1 skipped, 1 failed" in output


# --- every human table with markup and controls in its cells ----------------------------


def test_findings_tables_print_markup_literally(db_url: str, tmp_path: Path) -> None:
    meta = json.dumps({"title": "[bold]Talks\u001b[0m", "source": "[/red]Wire"})
    build(db_url, tmp_path, {"talks.txt": FINDINGS_TEXT, "talks.json": meta})
    for args in (
        ("events", "--evidence"),
        ("claims",),
        ("quotes",),
        ("entities",),
        ("entity", "Belousov"),
        ("search", "deliveries"),
    ):
        code, output = invoke(db_url, *args)
        assert code == 0, (args, output)
        no_terminal_controls(output)
    code, output = invoke(db_url, "events", "--evidence")
    assert "[/b]" in output
    code, output = invoke(db_url, "search", "units", "arrive")
    assert "[link=https://evil.example]soon[/link]" in output
    code, output = invoke(db_url, "entity", "Belousov")
    assert "[/red]Wire" in output


# --- 6: options ---------------------------------------------------------------------------


def test_limit_is_bounded(db_url: str, tmp_path: Path) -> None:
    build(db_url, tmp_path, {"italic.txt": ITALIC_TEXT})
    for command in (("search", "draft"), ("entity", "New Delhi")):
        code, output = invoke(db_url, *command, "--limit", "99999999999999999999")
        assert code == 2 and "--limit" in output, output
        code, output = invoke(db_url, *command, "--limit", "-1")
        assert code == 2 and "--limit" in output, output
        code, output = invoke(db_url, *command, "--limit", "1000000000")
        assert code == 0 and "draft [/i] unfinished" in output, output
    code, output = invoke(db_url, "search", "draft", "--limit", "0")
    assert code == 2 and "--limit" in output
    code, output = invoke(db_url, "entity", "New Delhi", "--limit", "0")
    assert code == 0 and "1 more (use --limit)" in output


def test_empty_db_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for value in ("", "  "):
        code, output = invoke(value, "entities")
        assert code == 2
        assert output.startswith("error: --db is empty") and output.count("\n") == 1
    assert list(tmp_path.iterdir()) == []  # no ./bilat.db appeared


def test_max_mb_must_be_positive(db_url: str, tmp_path: Path) -> None:
    note = write(tmp_path / "note.txt", TITLED_TEXT)
    for value in ("0", "-1", "nan", "inf", "1e9"):
        code, output = invoke(db_url, "ingest", str(note), "--max-mb", value)
        assert code == 2, (value, output)
        assert output.startswith("error: --max-mb wants a size in MB above 0")
        assert output.count("\n") == 1
    code, output = invoke(db_url, "ingest", str(note), "--max-mb", "0.5")
    assert code == 0 and "1 stored" in output
    code, output = invoke(db_url, "ingest", "--help")
    assert "must be more than 0" in " ".join(output.replace("│", " ").split())


def test_help_reads_well() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0 and "Commands" in result.output
    for command in ("ingest", "entities", "entity", "show", "search", "events", "claims"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output, result.output
    for command in ("quotes", "export", "eval", "demo"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output, result.output


# --- the helper itself --------------------------------------------------------------------


def test_clean_makes_controls_visible_and_keeps_text() -> None:
    assert clean("a\tb\nc") == "a\tb\nc"
    assert clean("a\r\nb\rc") == "a\nb\nc"
    assert clean("\x00\x1b[2J\x7f\x85\x9b") == "\\x00\\x1b[2J\\x7f\\x85\\x9b"
    assert clean("Ünïcödé — “quotes” ‹id›") == "Ünïcödé — “quotes” ‹id›"
    assert clean(42) == "42"


def test_markup_fills_fields_as_literal_text() -> None:
    line = markup("[red]failed:[/red] {}: [bold]{}[/bold] {n:>3} {!r}", "a\\", "[/i]", "x", n=7)
    assert line.plain == "failed: a\\: [/i]   7 'x'"
    styles = {(s.start, s.end, str(s.style)) for s in line.spans}
    assert (0, 7, "red") in styles and (12, 16, "bold") in styles
    assert markup("{}", ":smile: [link=x]y[/link]").plain == ":smile: [link=x]y[/link]"
    assert markup("plain [dim]ours[/dim]").plain == "plain ours"
    assert text("[b]\x1b", "bold").plain == "[b]\\x1b"
