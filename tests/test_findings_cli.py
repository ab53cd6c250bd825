"""events / claims / quotes / export / eval from the command line, checked through files
and the library."""

import datetime as dt
import json
from pathlib import Path

from bilat.analyze import timex
from bilat.evaluate import below_floors, evaluate
from conftest import SEED
from test_cli import bilat

REPO = Path(__file__).resolve().parents[1]


def test_events_filters_and_errors(db_url: str) -> None:
    code, _ = bilat(db_url, "ingest", str(SEED))
    assert code == 0
    code, out = bilat(db_url, "events", "--type", "AGREE", "--json")
    rows = json.loads(out)
    assert rows and {r["type"] for r in rows} == {"AGREE"}
    code, out = bilat(
        db_url,
        "events",
        "--status",
        "planned",
        "--entity",
        "Putin",
        "--since",
        "2025-12-05",
        "--json",
    )
    rows = json.loads(out)
    assert rows and all(r["status"] == "planned" and r["date_start"] >= "2025-12-05" for r in rows)
    assert all(any(p["name"] == "Vladimir Putin" for p in r["participants"]) for r in rows)
    code, out = bilat(db_url, "events", "--status", "rumoured")
    assert code == 2 and "unknown status" in out
    code, out = bilat(db_url, "events", "--since", "yesterday")
    assert code == 2 and "--since" in out
    code, out = bilat(db_url, "claims", "--json")
    assert {c["value"] for c in json.loads(out)} == {10, 15}
    code, out = bilat(db_url, "quotes", "--entity", "Belousov", "--json")
    assert {q["speaker"] for q in json.loads(out)} == {"Andrei Belousov"}


def test_export_formats(db_url: str, tmp_path: Path) -> None:
    bilat(db_url, "ingest", str(SEED))
    code, out = bilat(db_url, "export", "--out", str(tmp_path / "j"))
    assert code == 0, out
    names = {p.name for p in (tmp_path / "j").iterdir()}
    tables = ("documents", "entities", "mentions", "events", "claims", "quotes")
    merged = ("canonical_events", "conflicts")  # the record across documents
    assert names == {f"{n}.jsonl" for n in tables + merged}
    doc = json.loads((tmp_path / "j" / "documents.jsonl").read_text().splitlines()[0])
    events = [json.loads(x) for x in (tmp_path / "j" / "events.jsonl").read_text().splitlines()]
    for e in events:
        assert {
            "id",
            "type",
            "subtype",
            "status",
            "attribution",
            "date_start",
            "date_end",
            "date_text",
            "place",
            "forum",
            "session",
            "platform",
            "quantity",
            "participants",
            "evidence",
        } <= set(e)
        for ev in e["evidence"]:
            assert doc["text"][ev["start"] : ev["end"]] == ev["text"]
    code, _ = bilat(db_url, "export", "--format", "csv", "--out", str(tmp_path / "c"))
    assert code == 0 and (tmp_path / "c" / "events.csv").read_text().startswith("id,type,subtype")
    code, _ = bilat(db_url, "export", "--format", "plover", "--out", str(tmp_path / "p"))
    rec = json.loads((tmp_path / "p" / "events.plover.jsonl").read_text().splitlines()[0])
    assert {"event_type", "mode", "context", "actor", "event_date", "location"} <= set(rec)
    code, out = bilat(db_url, "export", "--format", "xml", "--out", str(tmp_path / "x"))
    assert code == 2 and "unknown export format" in out


def test_eval_scores_and_floors(tmp_path: Path) -> None:
    report = evaluate(REPO / "eval" / "gold" / "seed.yaml")
    figures = report.figures()
    assert figures["events"]["f1"] >= 0.85 and figures["entities"]["f1"] >= 0.95
    floors = tmp_path / "floors.yaml"
    floors.write_text("seed.yaml:\n  events: {f1: 1.01}\n")
    assert below_floors(report, floors) == [
        f"seed.yaml: events f1 {figures['events']['f1']:.3f} < floor 1.01"
    ]
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(
        f"documents:\n  - path: {SEED / 'india-russia-defence-ties.txt'}\n"
        "    events:\n      - {subtype: summit, status: occurred}\n"
    )
    bad = evaluate(wrong)
    assert bad.scores["events"].tp == 0 and bad.scores["events"].fn == 1 and bad.misses


def test_eval_rejects_a_bad_gold_file(db_url: str, tmp_path: Path) -> None:
    gold = tmp_path / "gold.yaml"
    gold.write_text("not: a gold file\n")
    code, out = bilat(db_url, "eval", str(gold))
    assert code == 2 and "documents" in out


def test_relative_times_resolve_only_with_an_anchor() -> None:
    base = dt.date(2025, 12, 4)  # a Thursday
    found = {
        t.text: t
        for t in timex.find("He met him last month, on Monday, on Day 2 and next year in 2026.")
    }
    assert timex.resolve(found["last month"], base).start == dt.date(2025, 11, 1)
    assert timex.resolve(found["Monday"], base).start == dt.date(2025, 12, 1)
    assert timex.resolve(found["Monday"], base, future=True).start == dt.date(2025, 12, 8)
    assert timex.resolve(found["Day 2"], base).start == dt.date(2025, 12, 5)
    assert timex.resolve(found["next year"], base).end == dt.date(2026, 12, 31)
    assert not timex.resolve(found["last month"], None).resolved
    assert timex.resolve(found["2026"], None).start == dt.date(2026, 1, 1)
    assert not [t for t in timex.find("his first trip since 2021")]
