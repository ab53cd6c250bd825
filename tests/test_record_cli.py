"""The merged record from the command line: timeline, conflicts, event, entity dossier,
rebuild and export, on the seed and the sample corpus, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from bilat import api, cli
from bilat.cli import app
from conftest import BACKENDS, PG_URL, SEED, _pg_url

runner = CliRunner()
SUMMIT = "India–Russia Annual Summit"


def run(db_url: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", db_url, *args])
    return result.exit_code, result.stdout, result.stderr


def data(db_url: str, *args: str) -> Any:
    code, out, err = run(db_url, *args, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture(scope="module", params=BACKENDS)
def record(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """One store per engine with the seed and the sample corpus ingested (shared by the
    module's tests: ingesting takes a few seconds)."""
    schema = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('record') / 'bilat.db'}"
    else:
        schema = f"t_{uuid.uuid4().hex[:12]}"
        with create_engine(PG_URL).begin() as conn:  # type: ignore[arg-type]
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        url = _pg_url(schema)
    try:
        code, out, err = run(url, "ingest", str(SEED), str(api.sample_corpus()))
        assert code == 0, out + err
        yield url
    finally:
        if schema:
            admin = create_engine(PG_URL)  # type: ignore[arg-type]
            with admin.begin() as conn:
                conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            admin.dispose()


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables wide enough that a cell stays on one line."""
    for console in (cli.out, cli.err):
        monkeypatch.setattr(console, "_width", 400)


def summits(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [i for i in items if i["forum"] == SUMMIT and i["session"] == 23]


def summit_id(db_url: str) -> str:
    (summit,) = summits(data(db_url, "timeline", "India", "Russia")["dated"])
    return str(summit["id"])


def test_timeline_of_a_pair_lists_the_summit_once(record: str, wide: None) -> None:
    found = data(record, "timeline", "India", "Russia")
    (summit,) = summits(found["dated"] + found["undated"])
    assert summit["status"] == "occurred" and summit["source_count"] >= 2
    assert summit["date_start"] == "2025-12-05"
    assert summit["evidence"]["text"] and summit["evidence"]["document_id"]
    days = [i["date_start"] for i in found["dated"]]
    assert days == sorted(days) and all(i["date_start"] is None for i in found["undated"])
    code, out, _ = run(record, "timeline", "India", "Russia")
    assert code == 0 and f"23rd {SUMMIT}" in out and summit["id"] in out
    # aliases resolve to the same actors
    moscow = data(record, "timeline", "india", "Moscow")
    assert moscow["dated"] + moscow["undated"]


def test_timeline_filters_and_pages(record: str) -> None:
    every = data(record, "timeline")
    assert len(every["dated"]) > len(data(record, "timeline", "India", "Russia")["dated"])
    only = data(record, "timeline", "--type", "summit", "--status", "occurred")["dated"]
    assert only and all(i["subtype"] == "summit" and i["status"] == "occurred" for i in only)
    consult = data(record, "timeline", "--type", "CONSULT")["dated"]
    assert {i["type"] for i in consult} == {"CONSULT"}
    window = data(record, "timeline", "--since", "2025-12-05", "--until", "2025-12-05")
    assert window["undated"] == [] and window["dated"]
    assert all(i["date_start"] <= "2025-12-05" for i in window["dated"])
    first = data(record, "timeline", "--limit", "2")["dated"]
    second = data(record, "timeline", "--limit", "2", "--offset", "2")["dated"]
    assert [i["id"] for i in first + second] == [i["id"] for i in every["dated"][:4]]
    mine = data(record, "timeline", "--entity", "Rajnath Singh")["dated"]
    assert mine and len(mine) < len(every["dated"])
    code, _, err = run(record, "timeline", "India")
    assert code == 2 and err.startswith("error: timeline wants two actors")
    code, _, err = run(record, "timeline", "--since", "soon")
    assert code == 2 and "--since" in err


def test_conflicts_show_both_values_with_their_sources(record: str, wide: None) -> None:
    found = data(record, "conflicts")
    s400 = [c for c in found if c["subject"] == "S-400" and "delivered" in c["attribute"]]
    assert s400 and all(c["kind"] == "claim" for c in s400)
    assert any({v["value"] for v in c["values"]} == {"3", "4"} for c in s400)
    for c in s400:
        for value in c["values"]:
            for src in value["sources"]:
                assert src["document_id"] and src["outlet"] and src["text"]
                assert src["start"] < src["end"]
    assert {c["id"] for c in data(record, "conflicts", "--entity", "S-400")} >= {
        c["id"] for c in s400
    }
    with_updates = data(record, "conflicts", "--updates")
    assert {c["id"] for c in with_updates} >= {c["id"] for c in found}
    assert {c["kind"] for c in with_updates} <= {"claim", "event", "update"}
    code, out, _ = run(record, "conflicts")
    assert code == 0 and "S-400" in out and "squadrons delivered" in out


def test_event_shows_status_history_and_reports(record: str, wide: None) -> None:
    cid = summit_id(record)
    page = data(record, "event", cid)
    assert page["event"]["id"] == cid and page["event"]["status"] == "occurred"
    statuses = [step["status"] for step in page["history"]]
    assert "planned" in statuses and "occurred" in statuses
    assert statuses.index("planned") < statuses.index("occurred")
    assert len({r["evidence"]["document_id"] for r in page["reports"]}) >= 2
    assert all(r["evidence"]["text"] for r in page["reports"])
    assert {"India", "Russia"} <= set(page["actors"])
    assert data(record, "event", cid[:10])["event"]["id"] == cid  # a unique prefix
    code, out, _ = run(record, "event", cid)
    assert code == 0 and "status history" in out and "planned" in out and "occurred" in out


def document_text(db_url: str, document_id: str) -> str:
    return str(data(db_url, "show", document_id)["document"]["text"])


def test_entity_dossier(record: str, wide: None) -> None:
    d = data(record, "entity", "Rajnath Singh")
    assert d["entity"]["id"] == "rajnath-singh" and d["entity"]["type"] == "person"
    (minister,) = [r for r in d["roles"] if r["title"] == "Defence Minister"]
    assert minister["of"] == "india" and minister["since"]
    assert minister["sources"], "a role read from text carries its document and span"
    src = minister["sources"][0]
    body = document_text(record, src["document_id"])
    assert body[src["start"] : src["end"]] in src["text"]
    assert d["events"] and all(e["id"].startswith("ce-") for e in d["events"])
    assert any(e["forum"] and "Commission" in e["forum"] for e in d["events"])
    names = [r["name"] for r in d["related"]]
    assert "Andrei Belousov" in names and len(names) <= 15
    counts = [r["sentences"] for r in d["related"]]
    assert counts == sorted(counts, reverse=True)
    for r in d["related"]:
        for ev in r["evidence"]:
            assert document_text(record, ev["document_id"])[ev["start"] : ev["end"]] == ev["text"]
            break
    assert d["quotes"] and all(q["evidence"]["document_id"] for q in d["quotes"])
    assert d["mentions"] and all(m["sentence"] for m in d["mentions"])
    s400 = data(record, "entity", "S-400")
    assert {c["value"] for c in s400["claims"]} >= {3, 4}
    assert all(c["evidence"]["text"] for c in s400["claims"])
    code, out, _ = run(record, "entity", "Rajnath Singh", "--limit", "2")
    assert code == 0
    assert "role: Defence Minister of India" in out and "named with it" in out
    assert "Andrei Belousov" in out and "more (use --limit)" in out


def test_export_writes_the_record_and_a_graph(record: str, tmp_path: Path) -> None:
    code, _, err = run(record, "export", "--out", str(tmp_path / "j"))
    assert code == 0, err
    lines = (tmp_path / "j" / "canonical_events.jsonl").read_text(encoding="utf-8").splitlines()
    events = [json.loads(x) for x in lines]
    (summit,) = summits(events)
    assert [s["status"] for s in summit["history"]][-1] == "occurred"
    assert {"planned", "occurred"} <= {s["status"] for s in summit["history"]}
    for report in summit["reports"]:
        assert {"event_id", "document_id", "status", "published", "evidence"} <= set(report)
        span = report["evidence"]
        assert (
            document_text(record, span["document_id"])[span["start"] : span["end"]] == span["text"]
        )
    lines = (tmp_path / "j" / "conflicts.jsonl").read_text(encoding="utf-8").splitlines()
    conflicts = [json.loads(x) for x in lines]
    assert any(c["subject"] == "S-400" for c in conflicts)
    code, _, err = run(record, "export", "--format", "graphml", "--out", str(tmp_path / "g"))
    assert code == 0, err
    written = {p.name for p in (tmp_path / "g").iterdir()}
    assert written == {"actors.graphml", "canonical_events.jsonl", "conflicts.jsonl"}
    graph = nx.read_graphml(tmp_path / "g" / "actors.graphml")
    assert graph.number_of_nodes() > 2 and graph.number_of_edges() > 0
    assert graph.nodes["india"]["name"] == "India" and graph.nodes["india"]["type"] == "country"
    weight = sum(data["weight"] for _, _, data in graph.edges(data=True))
    with_pair = [
        e for e in events if e["source_id"] and e["target_id"] and e["source_id"] != e["target_id"]
    ]
    assert weight == len(with_pair)
    assert all(data["types"] for _, _, data in graph.edges(data=True))
    assert not any(graph.nodes[n]["type"] == "place" for n in graph if graph.degree(n) == 0)
    code, _, _ = run(record, "export", "--format", "csv", "--out", str(tmp_path / "c"))
    assert code == 0 and (tmp_path / "c" / "canonical_events.jsonl").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("timeline", "Atlantis", "Russia"),
        ("timeline", "--entity", "Nobody Known"),
        ("conflicts", "--entity", "Nobody Known"),
        ("entity", "Nobody Known"),
        ("event", "ce-ffffffffffffffff"),
        ("event", "not an id"),
        ("timeline", "--status", "rumoured"),
    ],
)
def test_unknown_names_are_one_line_errors(record: str, args: tuple[str, ...]) -> None:
    code, out, err = run(record, *args, "--json")
    assert code != 0 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1


def test_rebuild_gives_the_record_ingest_kept(record: str) -> None:
    before = data(record, "timeline")
    result = data(record, "rebuild")
    assert result["reports"] > result["canonical_events"] > 0
    assert result["canonical_events"] == len(before["dated"]) + len(before["undated"])
    assert data(record, "timeline") == before
    code, out, _ = run(record, "rebuild")
    assert code == 0 and f"in {result['canonical_events']} canonical events" in out


def test_a_dossier_gathers_every_spelling_of_its_entity(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Indian envoy Vikram Doraiswamy met Russian Deputy Foreign Minister Andrei Rudenko in "
        "Moscow on Monday.\n\nVikram Doraiswamy said the talks covered trade and energy.\n"
    )
    (tmp_path / "b.txt").write_text(
        "Indian envoy Vikram Doraiswami held talks with Russian Deputy Foreign Minister Andrei "
        "Rudenko in Moscow on Tuesday.\n\nDoraiswami said the two sides discussed connectivity.\n"
    )
    for name, day in (("a.txt", "2025-11-03"), ("b.txt", "2025-11-05")):
        code, out, err = run(db_url, "ingest", str(tmp_path / name), "--published", day)
        assert code == 0, out + err
    one = data(db_url, "entity", "Vikram Doraiswami")
    other = data(db_url, "entity", "Vikram Doraiswamy")
    assert one == other  # either spelling gives the canonical entity's dossier
    assert one["entity"]["documents"] == 2 and len(one["linked"]) == 1
    assert {one["entity"]["name"], *one["entity"]["aliases"]} >= {
        "Vikram Doraiswamy",
        "Vikram Doraiswami",
    }
    assert len(one["entity"]["aliases"]) == len(set(one["entity"]["aliases"]))
    assert "Andrei Rudenko" in [r["name"] for r in one["related"]]
    assert len({q["evidence"]["document_id"] for q in one["quotes"]}) == 2
