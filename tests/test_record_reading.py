"""What the merged record needs from each document's reading: the act a number is
about, the deal an unnamed amount belongs to, figures a correction withdraws, the place
and platform of comings and goings and deliveries. Texts are our own, read through the
whole pipeline without a database."""

from __future__ import annotations

import datetime as dt

from bilat.analyze.read import analyze
from bilat.ingest.document import build_document
from bilat.models import Analysis, SourceText

PUBLISHED = dt.date(2025, 12, 5)


def read(text: str) -> Analysis:
    return next(analyze([build_document(SourceText("t.txt", text, published=PUBLISHED))]))


def claims(a: Analysis) -> dict[float, tuple[str | None, str | None, str]]:
    return {c.value_num: (c.subject_id, c.aspect, c.status) for c in a.claims if c.value_num}


def test_counts_carry_the_act_they_measure() -> None:
    a = read(
        "India signed a contract with Russia in 2018 for five squadrons of the S-400 system. "
        "Four of the five squadrons have been delivered, officials said, and Russian media "
        "put the number delivered at three."
    )
    found = [(c.value_num, c.aspect) for c in a.claims if c.unit == "squadrons"]
    assert (5.0, "ordered") in found  # the size of the order
    assert (4.0, "delivered") in found and (3.0, "delivered") in found
    assert (5.0, "total") in found  # "of the five": the whole, not a delivery


def test_a_deal_the_sentence_does_not_name_is_the_articles() -> None:
    a = read(
        "Japan will buy up to 400 Tomahawk cruise missiles from the United States. The "
        "Tomahawk order is the largest in years. The purchase, arranged under the Foreign "
        "Military Sales program, will cost about 254 billion yen."
    )
    subject, aspect, _ = claims(a)[254e9]
    assert subject == "tomahawk" and aspect == "cost"


def test_a_correction_withdraws_the_figures_it_quotes() -> None:
    a = read(
        "Correction: An earlier version of this story said the contract was worth $5.6 "
        "billion. The contract is worth about $6.5 billion."
    )
    assert claims(a)[5.6e9][2] == "denied"
    assert claims(a)[6.5e9][2] != "denied"


def test_an_arrival_told_beside_a_meeting_is_not_in_its_hall() -> None:
    a = read(
        "Defence Minister Rajnath Singh and Russian Defence Minister Andrei Belousov "
        "co-chaired the 22nd IRIGC-M&MTC meeting at the Manekshaw Centre in New Delhi on "
        "Thursday, hours before President Vladimir Putin landed in the capital."
    )
    arrival = next(e for e in a.events if e.subtype == "arrival")
    meeting = next(e for e in a.events if e.subtype == "meeting")
    assert meeting.venue_id == "manekshaw-centre"
    assert arrival.venue_id is None and arrival.place_id == "new-delhi"


def test_a_delivery_takes_the_deal_platform_not_a_ship_it_will_fly_from() -> None:
    a = read(
        "India and France signed an agreement for 26 Rafale M fighter jets for the Indian "
        "Navy. The jets will operate from the aircraft carrier INS Vikrant. Deliveries are "
        "expected to begin in 2028, officials said."
    )
    delivery = next(e for e in a.events if e.subtype == "delivery")
    assert delivery.platform_ids[:1] == ("rafale-m",)


def test_a_plan_does_not_take_the_day_of_what_happened_before_it() -> None:
    a = read(
        "On Thursday Singh and Belousov signed the protocol of the 22nd IRIGC-M&MTC in New "
        "Delhi. Belousov invited Singh to Moscow next year to co-chair the 23rd session."
    )
    planned = [e for e in a.events if e.subtype == "meeting" and e.status == "planned"]
    assert planned
    for e in planned:
        assert e.time is None or e.time.start is None or e.time.start > PUBLISHED


def test_a_bare_surname_goes_to_the_namesake_who_holds_its_title() -> None:
    def person(text: str) -> set[str]:
        a = read(text)
        return {m.entity_id for m in a.mentions if a.document.text[m.start : m.end] == "Singh"}

    assert person("Defence Secretary Singh said the fifth squadron would arrive by November.") == {
        "rajesh-kumar-singh"
    }
    assert person("Defence Minister Singh met Russian officials on Friday.") == {"rajnath-singh"}
    # no title: two namesakes fit, so it stays unresolved
    assert person("Singh said the talks went well.") <= {"singh"}


def test_a_time_in_a_conjunct_clause_with_its_own_subject_is_that_clauses() -> None:
    a = read(
        "Four of the five S-400 squadrons India ordered have now been received and the last "
        "one is expected in 2026."
    )
    received = [e for e in a.events if e.subtype == "delivery" and e.status == "occurred"]
    assert received
    for e in received:
        assert e.time is None or e.time.start is None or e.time.start.year != 2026


def test_a_seat_of_government_speaks_for_it_only_as_a_subject() -> None:
    said = read("The Elysee Palace announced that the president would address the armed forces.")
    assert any(e.source_id == "elysee-palace" for e in said.events if e.type == "STATEMENT")
    hosted = read(
        "Emmanuel Macron hosted Narendra Modi for a dinner at the Elysee Palace on Monday."
    )
    assert all(e.source_id != "elysee-palace" for e in hosted.events)
    assert any(e.venue_id == "elysee-palace" for e in hosted.events)
