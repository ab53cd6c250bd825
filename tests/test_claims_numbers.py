"""Numbers that are claims (issue 8): a count only when it quantifies a thing in the sentence,
with its subject entity, unit, as-of date and attribution; money shown as written.

Sentences are ours; each is read through the whole pipeline without a database, except the
display tests, which go through the store, the ``claims`` table and ``export``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from bilat.analyze.read import analyze
from bilat.ingest.document import build_document
from bilat.models import Claim, SourceText
from test_cli import bilat


def claims(text: str, published: str = "2025-03-14") -> list[Claim]:
    src = SourceText("test", text, published=dt.date.fromisoformat(published))
    return list(next(analyze([build_document(src)])).claims)


def by_value(found: list[Claim]) -> dict[float, Claim]:
    return {c.value_num: c for c in found if c.value_num is not None}


# --- numbers read out of words -------------------------------------------------------------


def test_a_bare_number_after_a_verb_is_not_money() -> None:
    """ "covers 22" once read as "rs 22" (Rs 22): a currency must start a word."""
    found = claims("The navy contract covers 22 single-seat jets and four two-seat trainers.")
    assert all(c.attribute == "count" and c.unit != "INR" for c in found)
    twenty_two = by_value(found)[22]
    assert twenty_two.unit == "jets" and twenty_two.subject_text == "single-seat jets"
    assert by_value(found)[4].unit == "trainers"


def test_a_hyphenated_modifier_is_not_a_count() -> None:
    found = claims(
        "Thailand ordered six 4-seat aircraft for a 10-year training programme "
        "after a two-day visit by its air chief."
    )
    assert {c.value_num for c in found} == {6}
    assert found[0].unit == "aircraft"


def test_the_sources_are_not_counted() -> None:
    found = claims(
        "The navy will buy 12 patrol boats, two officials said. "
        "According to three diplomats, the deal also covers 40 torpedoes."
    )
    assert {c.value_num for c in found} == {12, 40}
    assert by_value(found)[12].attribution == "two officials"
    assert by_value(found)[40].attribution == "three diplomats"


def test_durations_shares_and_the_pair_are_not_claims() -> None:
    found = claims(
        "Over the past three years the two countries raised defence spending to 2.5% of GDP, "
        "and our two nations will hold one exercise with 14 warships."
    )
    assert {c.value_num for c in found} == {14}


def test_number_ranges_and_names_are_not_counts() -> None:
    found = claims(
        'The "2+2" talks ran from 11 to 13 June 2025 in the 2024-25 budget cycle '
        "and covered 30 radars."
    )
    assert {c.value_num for c in found} == {30}


# --- money as written ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written", "value", "unit", "qualifier"),
    [
        (
            "India signed a Rs 64,000 crore deal for the jets.",
            "Rs 64,000 crore",
            6.4e11,
            "INR",
            None,
        ),
        ("The deal is worth about US$5.43 billion.", "US$5.43 billion", 5.43e9, "USD", "about"),
        (
            "Tokyo will pay roughly 254.1 billion yen for the missiles.",
            "254.1 billion yen",
            2.541e11,
            "JPY",
            "about",
        ),
        ("The frigate programme is worth A$10 billion.", "A$10 billion", 1e10, "AUD", None),
        (
            "The jets were bought in a deal estimated at seven billion euros.",
            "seven billion euros",
            7e9,
            "EUR",
            None,
        ),
        (
            "Trade between the two countries exceeded $240 billion.",
            "$240 billion",
            2.4e11,
            "USD",
            "more_than",
        ),
    ],
)
def test_money_keeps_its_words(
    text: str, written: str, value: float, unit: str, qualifier: str | None
) -> None:
    (amount,) = [c for c in claims(text) if c.attribute == "amount"]
    assert amount.value_text == written
    assert amount.value_num == pytest.approx(value)
    assert (amount.unit, amount.qualifier) == (unit, qualifier)


def test_claims_table_and_export_show_money_as_written(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # a wide table: no folded cells
    article = tmp_path / "rafale.txt"
    article.write_text(
        "India signs Rafale M deal\n\n"
        "India on Monday signed a deal worth Rs 64,000 crore for 26 Rafale M jets, "
        "officials said.\n"
    )
    code, out = bilat(db_url, "ingest", str(article), "--published", "2025-04-28")
    assert code == 0, out
    code, out = bilat(db_url, "claims")
    assert code == 0 and "Rs 64,000 crore" in out and "e+11" not in out
    code, out = bilat(db_url, "export", "--format", "csv", "--out", str(tmp_path / "csv"))
    assert code == 0, out
    with (tmp_path / "csv" / "claims.csv").open(newline="") as fh:
        rows = {r["value_text"]: r for r in csv.DictReader(fh)}
    assert "Rs 64,000 crore" in rows and float(rows["Rs 64,000 crore"]["value"]) == 6.4e11
    bilat(db_url, "export", "--out", str(tmp_path / "j"))
    lines = (tmp_path / "j" / "claims.jsonl").read_text().splitlines()
    assert "Rs 64,000 crore" in {json.loads(x)["value_text"] for x in lines}


# --- subjects, so disagreements can be found by entity ------------------------------------


def test_a_count_carries_its_platform() -> None:
    found = claims("Officials said three of the five S-400 squadrons have been delivered.")
    three = by_value(found)[3]
    assert three.subject_id == "s-400" and three.unit == "squadrons"
    assert three.attribution == "Officials"


def test_a_price_carries_the_platform_it_is_for() -> None:
    found = claims(
        "The navy signed the Rafale M contract, worth Rs 63,000 crore, on Monday. "
        "India also agreed a $2.5 billion deal for Scorpène submarines."
    )
    rafale, scorpene = sorted((c for c in found if c.attribute == "amount"), key=lambda c: c.start)
    assert rafale.subject_id == "rafale-m" and rafale.value_text == "Rs 63,000 crore"
    assert scorpene.subject_text == "deal" and scorpene.subject_id == "scorpene"


def test_an_amount_is_the_value_of_what_it_buys() -> None:
    found = claims(
        "Britain will provide £3 billion in military aid. "
        "Indian media put the value of the package at some 64,000 crore rupees."
    )
    aid, package = sorted(found, key=lambda c: c.start)
    assert aid.subject_text == "military aid"
    assert package.subject_text == "package" and package.qualifier == "about"
    assert package.attribution == "Indian media"


def test_a_bare_number_takes_what_it_counts() -> None:
    found = claims(
        "Poland ordered 180 tanks. Of the new tanks, 116 will be built in Korea, "
        "and the remaining 64 will be assembled in Gliwice. "
        "The deal brings the number of tanks Poland has ordered to 360."
    )
    assert {c.value_num: c.unit for c in found} == {
        180: "tanks",
        116: "tanks",
        64: "tanks",
        360: "tanks",
    }


def test_scaled_counts_and_a_dozen() -> None:
    found = claims(
        "The corridor carried more than 32 million tons of grain, and more than a dozen "
        "firms supplied the parts."
    )
    grain, firms = sorted(found, key=lambda c: c.start)
    assert (grain.value_num, grain.unit, grain.qualifier) == (32e6, "tons", "more_than")
    assert (firms.value_num, firms.unit, firms.qualifier) == (12, "firms", "more_than")


# --- as of ---------------------------------------------------------------------------------


def test_as_of_the_clause_date_or_publication() -> None:
    found = claims(
        "India ordered five S-400 squadrons in October 2018. "
        "The air force now operates 31 fighter squadrons.",
        published="2025-12-04",
    )
    assert by_value(found)[5].as_of == dt.date(2018, 10, 31)
    assert by_value(found)[31].as_of == dt.date(2025, 12, 4)
