"""The merged record: canonical events across reports, status history, conflicts and
updates, entity links, and incremental ingest equal to a rebuild (both engines)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from bilat import api
from bilat.knowledge import record
from bilat.knowledge.conflicts import conflicts
from bilat.knowledge.timeline import event_page, timeline
from bilat.store import schema as s
from bilat.store.db import Store
from conftest import SEED, write

DERIVED = (s.canonical_events, s.canonical_reports, s.canonical_actors, s.entity_links)


def _snapshot(store: Store) -> dict[str, list[str]]:
    with store.read() as conn:
        return {t.name: sorted(repr(tuple(r)) for r in conn.execute(select(t))) for t in DERIVED}


@pytest.fixture
def seeded(store: Store, corpus: Path) -> Store:
    report = api.ingest(store, [str(SEED), str(corpus)])
    assert report.failed == 0
    return store


def _summit(store: Store) -> str:
    with store.read() as conn:
        ce = s.canonical_events.c
        rows = conn.execute(
            select(ce.id).where(ce.forum_id == "india-russia-annual-summit", ce.session == 23)
        ).all()
    assert len(rows) == 1, rows  # one canonical event, whatever the number of reports
    return str(rows[0].id)


def test_annual_summit_is_one_event_planned_then_held(seeded: Store) -> None:
    with seeded.read() as conn:
        page = event_page(conn, _summit(seeded))
    assert page is not None
    assert page.event.status == "occurred"
    assert page.event.report_count >= 3 and page.event.source_count >= 3
    steps = [h.status for h in page.history]
    assert "planned" in steps and "occurred" in steps
    assert steps.index("planned") < steps.index("occurred")  # oldest report first
    assert all(r.evidence.text for r in page.reports)


def test_rebuild_gives_the_same_record_as_incremental_ingest(seeded: Store) -> None:
    before = _snapshot(seeded)
    assert before["canonical_events"]
    with seeded.write() as conn:
        placed = record.rebuild(conn)
    assert placed == len(before["canonical_reports"])
    assert _snapshot(seeded) == before


def test_sessions_and_days_keep_events_apart(store: Store, tmp_path: Path) -> None:
    first = write(
        tmp_path / "a.txt",
        "Defence Minister Rajnath Singh and Russian Defence Minister Andrei Belousov co-chaired "
        "the 21st session of the IRIGC-M&MTC in Moscow on 8 December 2023.",
    )
    second = write(
        tmp_path / "b.txt",
        "Defence Minister Rajnath Singh and Russian Defence Minister Andrei Belousov co-chaired "
        "the 22nd session of the IRIGC-M&MTC in New Delhi on 4 December 2025.",
    )
    api.ingest(store, [str(first)], published="2023-12-09")
    api.ingest(store, [str(second)], published="2025-12-05")
    with store.read() as conn:
        sessions = sorted(
            r.session
            for r in conn.execute(select(s.canonical_events.c.session))
            if r.session is not None
        )
    assert sessions == [21, 22]


def test_conflicts_list_both_values_with_sources(seeded: Store) -> None:
    with seeded.read() as conn:
        found = conflicts(conn)
    delivered = [
        c
        for c in found
        if c.kind == "claim" and c.subject == "S-400" and "delivered" in c.attribute
    ]
    assert delivered
    values = {v.value for c in delivered for v in c.values}
    assert {"3", "4"} <= values
    for c in delivered:
        for v in c.values:
            assert v.sources and all(src.text and src.document_id for src in v.sources)
    money = [c for c in found if c.subject == "Rafale M" and c.attribute.startswith("amount")]
    assert money and {"630000000000", "640000000000"} <= {v.value for v in money[0].values}


def test_a_later_value_is_an_update_not_a_conflict(store: Store, tmp_path: Path) -> None:
    early = write(
        tmp_path / "early.txt",
        "India and Russia signed a contract for five squadrons of the S-400 system in 2018. "
        "Two squadrons have been delivered so far, officials said.",
    )
    late = write(
        tmp_path / "late.txt",
        "India and Russia signed a contract for five squadrons of the S-400 system in 2018. "
        "Four squadrons have been delivered, officials said on Monday.",
    )
    api.ingest(store, [str(early)], published="2025-03-10")
    api.ingest(store, [str(late)], published="2025-09-10")
    with store.read() as conn:
        found = conflicts(conn, updates=True)
    kinds = {(c.kind, c.attribute) for c in found if c.subject == "S-400"}
    assert ("update", "squadrons delivered") in kinds
    assert ("claim", "squadrons delivered") not in kinds


def test_spelling_variants_link_across_documents(store: Store, tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", "Deputy Minister Dmitri Volkonsky visited Chennai on Monday.")
    b = write(
        tmp_path / "b.txt", "Deputy Minister Dmitry Volkonsky met Indian officials in Chennai."
    )
    api.ingest(store, [str(a)], published="2025-06-02")
    api.ingest(store, [str(b)], published="2025-06-03")
    with store.read() as conn:
        links = dict(
            conn.execute(select(s.entity_links.c.entity_id, s.entity_links.c.canonical_id)).all()
        )
    people = {k: v for k, v in links.items() if "volkonsky" in k}
    assert len(people) == 2 and len(set(people.values())) == 1, people


def test_timeline_of_a_pair_in_date_order(seeded: Store) -> None:
    with seeded.read() as conn:
        dated, undated = timeline(conn, pair=("india", "russia"))
    days = [i.date_start for i in dated]
    assert days == sorted(days)
    summits = [i for i in dated if i.forum and "Annual Summit" in i.forum and i.session == 23]
    assert len(summits) == 1 and summits[0].status == "occurred"
    assert all(i.evidence is None or i.evidence.text for i in dated + undated)


def test_the_price_of_one_deal_disagrees_and_of_two_deals_does_not(
    store: Store, tmp_path: Path
) -> None:
    first = write(
        tmp_path / "first.txt",
        "Poland signed a deal worth $6.5 billion on Friday to buy 180 K2 tanks from Hyundai "
        "Rotem. The country signed a framework agreement for 1,000 K2 tanks in 2022, worth "
        "about $3.4 billion for its first batch.",
    )
    second = write(
        tmp_path / "second.txt",
        "Poland signed a contract on Friday for 180 more K2 tanks, a deal worth $6.2 billion, "
        "officials in Warsaw said.",
    )
    api.ingest(store, [str(first)], published="2025-08-01")
    api.ingest(store, [str(second)], published="2025-08-02")
    with store.read() as conn:
        found = [
            c for c in conflicts(conn) if c.kind == "claim" and c.attribute.startswith("amount")
        ]
    assert len(found) == 1, found
    assert {v.value for v in found[0].values} == {"6500000000", "6200000000"}
