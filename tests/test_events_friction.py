"""Events beyond cooperation, negation and denial, one event per contract, bare months.

Sentences are ours, in the shapes real coverage uses; each is read through the whole
pipeline without a database.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bilat.analyze.read import analyze
from bilat.ingest.document import build_document
from bilat.models import Event, SourceText


def events(text: str, published: str = "2025-01-10") -> list[Event]:
    src = SourceText("test", text, published=dt.date.fromisoformat(published))
    return list(next(analyze([build_document(src)])).events)


def one(found: list[Event], subtype: str) -> Event:
    hits = [e for e in found if e.subtype == subtype]
    assert len(hits) == 1, [(e.subtype, e.status) for e in found]
    return hits[0]


def parties(e: Event) -> dict[str, str]:
    return {p.entity_id: p.role for p in e.participants}


@pytest.mark.parametrize(
    ("text", "subtype", "plover", "actor", "counterpart"),
    [
        (
            "The United States warned India of CAATSA sanctions over its S-400 purchase.",
            "warn",
            "THREATEN",
            "united-states",
            "india",
        ),
        (
            "China lodged solemn representations with Japan over the planned deployment.",
            "protest",
            "PROTEST",
            "china",
            "japan",
        ),
        (
            "The US imposed sanctions on Turkey's defence procurement agency in December 2020.",
            "sanction",
            "SANCTION",
            "united-states",
            "turkiye",
        ),
        (
            "Russia threatened Britain with retaliation over the Storm Shadow missiles.",
            "threaten",
            "THREATEN",
            "russia",
            "united-kingdom",
        ),
    ],
)
def test_friction_is_coded_with_source_and_target(
    text: str, subtype: str, plover: str, actor: str, counterpart: str
) -> None:
    e = one(events(text), subtype)
    assert e.type == plover and e.status == "occurred"
    assert parties(e) == {actor: "actor", counterpart: "counterpart"}


def test_a_negated_announcement_is_denied_not_occurred() -> None:
    e = one(
        events(
            "No new contract for the S-400 or the Su-57 was announced at the 23rd "
            "India-Russia Annual Summit on Friday."
        ),
        "order",
    )
    assert e.status == "denied"


def test_negation_on_the_subject_denies_the_contract() -> None:
    # a contract signed is an order; one that was not signed is an order denied
    e = one(events("Officials said no contract has been signed yet for the new frigates."), "order")
    assert e.status == "denied"


def test_what_officials_deny_is_denied() -> None:
    e = one(
        events("Officials denied reports that the submarine deal had been cleared by the cabinet."),
        "order",
    )
    assert e.status == "denied"


def test_a_contract_signed_to_buy_is_one_order() -> None:
    found = events(
        "NEW DELHI, Oct 15 (Reuters) - India signed a contract on Tuesday to buy 31 MQ-9B "
        "armed drones from the United States.",
        "2024-10-15",
    )
    assert [e.subtype for e in found] == ["order"]
    e = found[0]
    assert parties(e) == {"india": "recipient", "united-states": "supplier"}
    assert "mq-9b" in e.platform_ids
    assert e.time is not None and e.time.start == dt.date(2024, 10, 15)


def test_a_month_named_alone_dates_the_event() -> None:
    e = one(
        events(
            "Kihara met U.S. Defense Secretary Lloyd Austin in Washington in October.", "2024-01-18"
        ),
        "meeting",
    )
    assert e.time is not None
    assert (e.time.start, e.time.end) == (dt.date(2023, 10, 1), dt.date(2023, 10, 31))


def test_a_person_stands_for_the_country_but_a_speaker_does_not() -> None:
    met = one(
        events("Ukraine's Defence Minister Rustem Umerov met John Healey in London on Monday."),
        "meeting",
    )
    assert "ukraine" not in parties(met)
    said = one(
        events("Belousov said Russia is fully committed to supporting India's modernisation."),
        "support",
    )
    assert "russia" in parties(said)


def test_outlets_are_not_parties() -> None:
    found = events(
        "RIYADH, May 13 (Reuters) - The United States agreed to sell Saudi Arabia weapons "
        "worth nearly $142 billion on Tuesday."
    )
    assert all("reuters" not in parties(e) for e in found)


def test_follow_on_events_of_a_story_take_the_day_of_its_lead() -> None:
    found = events(
        "New Delhi, Dec 4 (PTI) Defence Minister Rajnath Singh held talks with his Russian "
        "counterpart Andrei Belousov on Thursday. Singh and Belousov also agreed to expand "
        "cooperation in the production of spare parts.",
        "2025-12-04",
    )
    agreed = one(found, "agree")
    assert agreed.time is not None and agreed.time.start == dt.date(2025, 12, 4)


def test_a_participle_reports_what_happened_and_a_rejection_is_not_denied() -> None:
    signed = one(
        events("The missiles come under a deal signed in January for up to 400 Tomahawks."),
        "order",
    )
    assert signed.status == "occurred"
    rejected = one(
        events("The Turkish government has rejected suggestions that it ship the systems back."),
        "reject",
    )
    assert rejected.status == "occurred"


def test_a_formal_statement_is_an_event() -> None:
    e = one(
        events("The Japanese Foreign Ministry issued its annual diplomatic bluebook on Friday."),
        "statement",
    )
    assert e.type == "STATEMENT"
    assert parties(e) == {"ministry-of-foreign-affairs-of-japan": "actor"}
