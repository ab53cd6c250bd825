"""The command line: call the command, then check the database through the library."""

import json
from pathlib import Path

from typer.testing import CliRunner

from bilat import api
from bilat.cli import app
from conftest import ARTICLE, write

runner = CliRunner()


def bilat(db_url: str, *args: str, stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", db_url, *args], input=stdin)
    return result.exit_code, result.output


def test_ingest_then_read_commands(db_url: str, corpus: Path) -> None:
    code, output = bilat(db_url, "ingest", str(corpus))
    assert code == 0, output
    assert "12 stored, 0 skipped, 0 failed" in output
    code, output = bilat(db_url, "ingest", str(corpus / "ir-02-irigc-held.txt"))
    assert code == 0 and "0 stored, 1 skipped" in output

    code, output = bilat(db_url, "entities", "--type", "platform", "--json")
    rows = json.loads(output)
    assert {"S-400", "Su-57", "Rafale M"} <= {r["name"] for r in rows}
    assert all(r["type"] == "platform" for r in rows)

    code, output = bilat(db_url, "entity", "Belousov", "--json")
    page = json.loads(output)
    assert page["entity"]["name"] == "Andrei Belousov"
    assert page["roles"][0]["title"] == "Defence Minister"
    assert all(m["sentence"] for m in page["mentions"])

    code, output = bilat(db_url, "search", "wreath", "--json")
    hits = json.loads(output)
    assert hits and "wreath" in hits[0]["text"]

    doc_id = hits[0]["document_id"]
    code, output = bilat(db_url, "show", doc_id[:8])
    assert code == 0 and "‹andrei-belousov›" in output
    code, output = bilat(db_url, "show", doc_id, "--json")
    shown = json.loads(output)
    text = shown["document"]["text"]
    assert all(text[m["start"] : m["end"]] for m in shown["mentions"])


def test_stdin_and_metadata_flags(db_url: str) -> None:
    code, output = bilat(
        db_url,
        "ingest",
        "-",
        "--published",
        "2025-12-04",
        "--source",
        "Wire",
        "--json",
        stdin=ARTICLE,
    )
    assert code == 0, output
    report = json.loads(output)
    doc_id = report["outcomes"][0]["document_id"]
    store = api.open(db_url)
    doc, _ = api.show(store, doc_id)
    store.close()
    assert (str(doc.published), doc.source, doc.origin) == ("2025-12-04", "Wire", "<stdin>")


def test_failures_set_the_exit_code_and_name_the_input(db_url: str, tmp_path: Path) -> None:
    empty = write(tmp_path / "empty.txt", "")
    good = write(tmp_path / "good.txt", ARTICLE)
    code, output = bilat(db_url, "ingest", str(empty), str(good))
    assert code == 1
    assert f"{empty}: empty: no text to read" in output
    assert "1 stored, 0 skipped, 1 failed" in output


def test_user_errors_are_one_line(db_url: str, tmp_path: Path) -> None:
    code, output = bilat(db_url, "entity", "Putn")
    assert code == 2 and "no entity named 'Putn'" in output
    code, output = bilat(db_url, "show", "zz")
    assert code == 2 and "is not a document id" in output
    code, output = bilat(f"sqlite:///{tmp_path}/missing/dir/x.db", "entities")
    assert code == 2 and "does not exist" in output
    code, output = bilat("postgresql+psycopg://nobody@127.0.0.1:1/none", "entities")
    assert code == 2 and output.count("\n") == 1 and "cannot open" in output
    code, output = bilat(db_url, "entities", "--type", "ship")
    assert code == 2 and "unknown type 'ship'" in output


def test_demo_runs_on_the_sample_corpus(db_url: str) -> None:
    code, output = bilat(db_url, "demo", "--json")
    assert code == 0, output
    result = json.loads(output)
    assert result["totals"]["documents"] == 12
    assert result["search"] and "S-400" in result["search"][0]["text"]
