"""Entities on the seed article and the linking rules behind them."""

from pathlib import Path

import pytest

from bilat import api
from bilat.store.db import Store
from conftest import SEED, write

EXPECTED = {
    "country": {"India", "Russia", "China", "Ukraine"},
    "person": {
        "Rajnath Singh",
        "Andrei Belousov",
        "Vladimir Putin",
        "Narendra Modi",
        "Droupadi Murmu",
    },
    "forum": {
        "India–Russia Inter-Governmental Commission on Military & Military Technical Cooperation",
        "India–Russia Annual Summit",
        "India–Russia Working Group on Trade and Economic Cooperation",
        "SCO Summit",
    },
    "organization": {"Eurasian Economic Union"},
    "platform": {"S-400", "S-500", "Su-57", "Su-30"},
    "programme": {"Aatmanirbhar Bharat"},
    "place": {
        "New Delhi",
        "Moscow",
        "Manekshaw Centre",
        "Palam Airport",
        "7 Lok Kalyan Marg",
        "Rashtrapati Bhavan",
        "Rajghat",
        "Hyderabad House",
        "National War Memorial",
    },
}
needs_seed = pytest.mark.skipif(not SEED.is_dir(), reason=f"{SEED} is not present")


@needs_seed
def test_seed_entities_have_the_right_types_and_no_duplicates(store: Store) -> None:
    report = api.ingest(store, [str(SEED)])
    assert report.stored == 1 and report.failed == 0
    rows = api.entities(store)
    by_type: dict[str, set[str]] = {}
    for row in rows:
        by_type.setdefault(row.type, set()).add(row.name)
    for etype, names in EXPECTED.items():
        assert names <= by_type.get(etype, set()), (etype, names - by_type.get(etype, set()))
    names = [r.name for r in rows]
    assert len(names) == len(set(names)), "duplicate entity names"
    irigc = api.entity(store, "IRIGC-M&MTC")
    assert irigc.entity.type == "forum" and "IRIGC-M&MTC" in irigc.entity.aliases
    # the model's wrong types on the seed are gone
    wrong = {
        "Singh",
        "Lok Kalyan Marg",
        "Putin Arrives",
        "Pipeline",
        "FTA",
        "Google",
        "Trust, Technology &",
        "Joint Production & Technology Transfer",
        "Tri-Service Guard",
    }
    assert not wrong & set(names)
    assert all(n not in by_type.get("organization", set()) for n in EXPECTED["platform"])


@needs_seed
def test_seed_mentions_resolve_surnames_and_metonymy(store: Store) -> None:
    api.ingest(store, [str(SEED)])
    singh = api.entity(store, "Rajnath Singh")
    assert sum(1 for m in singh.mentions if m.text == "Singh") >= 3
    russia = api.entity(store, "Russia")
    assert any(m.text == "Moscow" and m.kind == "metonym" for m in russia.mentions)
    moscow = api.entity(store, "Moscow")
    assert any("last month in Moscow" in m.sentence for m in moscow.mentions)
    india = api.entity(store, "India")
    assert any(m.text == "New Delhi" and m.kind == "metonym" for m in india.mentions)
    modi = api.entity(store, "PM Modi")
    assert modi.entity.id == "narendra-modi"
    assert {m.section for m in modi.mentions} >= {"body", "heading", "faq"}


def test_two_people_sharing_a_surname(store: Store, tmp_path: Path) -> None:
    text = (
        "Defence Secretary Rajesh Kumar Singh received the delegation in New Delhi. "
        "Later, Defence Minister Rajnath Singh met the Russian minister. "
        "Singh said the talks were productive."
    )
    api.ingest(store, [str(write(tmp_path / "two.txt", text))])
    rajnath = api.entity(store, "Rajnath Singh")
    rajesh = api.entity(store, "Rajesh Kumar Singh")
    assert rajesh.entity.type == "person"
    assert any(m.text == "Singh" for m in rajnath.mentions)  # nearest preceding Singh
    assert not any(m.text == "Singh" for m in rajesh.mentions)


def test_unknown_names_become_entities_of_the_model_type(store: Store, tmp_path: Path) -> None:
    text = (
        "Admiral Tomasz Wisniewski of the Polish Navy visited the Mazagon Dock shipyard in "
        "Mumbai on Monday. Wisniewski toured the Scorpène production line."
    )
    api.ingest(store, [str(write(tmp_path / "pl.txt", text))])
    person = api.entity(store, "Tomasz Wisniewski")
    assert person.entity.type == "person"
    assert {m.text for m in person.mentions} == {"Tomasz Wisniewski", "Wisniewski"}
    assert api.entity(store, "Scorpene").entity.id == "scorpene"
