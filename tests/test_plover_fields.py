"""PLOVER fields: source and target stored with each event, the export checked against
the README's field table, confidence and ``--min-confidence``."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from bilat.analyze.read import analyze
from bilat.ingest.document import build_document
from bilat.models import SourceText
from test_cli import bilat

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "src" / "bilat" / "corpus"
PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    "STATEMENT",
}  # fmt: skip
TYPES = {
    "string": (str,),
    "string or null": (str, type(None)),
    "date or null": (str, type(None)),
    "number": (int, float),
    "list": (list,),
}


def readme_fields() -> dict[str, str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    table = text.split("<!-- plover-fields -->")[1].split("<!-- /plover-fields -->")[0]
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+?) \|", table, flags=re.MULTILINE)
    return {name: kind for name, kind in rows}


def events_of(text: str, published: dt.date | None = dt.date(2025, 6, 1)) -> list:
    doc = build_document(SourceText("t.txt", text, published=published))
    return list(next(analyze([doc])).events)


def test_source_and_target_follow_who_does_it_to_whom() -> None:
    warned = events_of("The United States warned India of CAATSA sanctions over the S-400.")
    warn = next(e for e in warned if e.subtype == "warn")
    assert (warn.source_id, warn.target_id) == ("united-states", "india")
    visited = events_of("Narendra Modi visited Moscow in July.")
    visit = next(e for e in visited if e.type == "CONSULT")
    assert visit.source_id == "narendra-modi"
    delivered = events_of("Russia delivered the third S-400 squadron to India last month.")
    delivery = next(e for e in delivered if e.subtype == "delivery")
    assert (delivery.source_id, delivery.target_id) == ("russia", "india")


def test_confidence_says_how_the_event_was_read() -> None:
    explicit = events_of("India signed a contract with France for 26 Rafale M jets on Monday.")
    bare = events_of(
        "India and France have been close partners for decades, and India values France "
        "as a supplier. The deal for 36 Rafale jets was signed in 2018."
    )
    strong = max(e.confidence for e in explicit)
    inferred = [e for e in bare if e.subtype in ("order", "sign")]
    assert inferred and all(e.confidence < strong for e in inferred)
    assert all(0.0 < e.confidence <= 1.0 for e in explicit + bare)


def test_plover_export_validates_against_the_readme(db_url: str, tmp_path: Path) -> None:
    fields = readme_fields()
    assert {"event_type", "mode", "context", "actor", "recipient", "event_date"} <= set(fields)
    assert bilat(db_url, "ingest", str(CORPUS))[0] == 0
    code, out = bilat(db_url, "export", "--format", "plover", "--out", str(tmp_path / "p"))
    assert code == 0, out
    lines = (tmp_path / "p" / "events.plover.jsonl").read_text().splitlines()
    records = [json.loads(x) for x in lines]
    assert len(records) > 20
    for rec in records:
        assert set(rec) == set(fields), set(rec) ^ set(fields)
        for name, kind in fields.items():
            assert isinstance(rec[name], TYPES[kind]), (name, rec[name])
        assert rec["event_type"] in PLOVER_TYPES
        assert rec["context"] in ("military", "diplomatic", "economic")
        for d in (rec["event_date"], rec["event_date_end"]):
            assert d is None or dt.date.fromisoformat(d)
        assert rec["source"] and all(s["end"] > s["start"] for s in rec["source"])
    assert sum(r["actor"] is not None for r in records) > len(records) / 2
    assert any(r["recipient"] for r in records)
    assert {r["mode"] for r in records} & {"future", "negated", "visit"}


def test_min_confidence_filters_events(db_url: str) -> None:
    assert bilat(db_url, "ingest", str(CORPUS))[0] == 0
    _, out = bilat(db_url, "events", "--json")
    every = json.loads(out)
    cut = sorted(e["confidence"] for e in every)[len(every) // 2]
    _, out = bilat(db_url, "events", "--min-confidence", str(cut), "--json")
    sure = json.loads(out)
    assert 0 < len(sure) < len(every)
    assert all(e["confidence"] >= cut for e in sure)
    assert all("source" in e and "target" in e for e in sure)
    code, out = bilat(db_url, "events", "--min-confidence", "1.5")
    assert code == 2
