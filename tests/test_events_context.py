"""Event fields read from the story around a sentence: narrative days, datelines, places,
the article's platform, and status cues that are general English (our own sentences)."""

from __future__ import annotations

import datetime as dt

from bilat.analyze.read import analyze
from bilat.ingest.document import build_document
from bilat.models import Analysis, Event, SourceText

PUBLISHED = dt.date(2025, 6, 25)


def read(text: str, published: dt.date | None = PUBLISHED) -> Analysis:
    return next(analyze([build_document(SourceText("t.txt", text, published=published))]))


def of(a: Analysis, subtype: str) -> list[Event]:
    return [e for e in a.events if e.subtype == subtype]


def test_the_next_day_counts_from_the_story_not_from_today() -> None:
    a = read(
        "On March 29 the defence secretary joined Prime Minister Shigeru Ishiba at a "
        "ceremony on Iwo Jima. The next day in Tokyo, Pete Hegseth and Gen Nakatani met."
    )
    meeting = of(a, "meeting")[0]
    assert meeting.time is not None and meeting.time.start == dt.date(2025, 3, 30)


def test_a_wire_storys_lead_happens_at_its_dateline() -> None:
    a = read("TOKYO, Jan. 18 (Kyodo) -- Japan signed a contract with the United States on "
             "Thursday to buy 400 Tomahawk cruise missiles.", dt.date(2024, 1, 18))  # fmt: skip
    order = of(a, "order")[0]
    assert order.place_id == "tokyo"
    assert (order.source_id, order.target_id) == ("united-states", "japan")


def test_the_resort_city_of_sochi_is_sochi() -> None:
    a = read(
        "Recep Tayyip Erdogan met Vladimir Putin on Monday in the Black Sea resort city of Sochi."
    )
    assert of(a, "meeting")[0].place_id == "sochi"


def test_a_delivery_naming_no_platform_is_of_the_articles_platform() -> None:
    a = read(
        "India signed a contract for 31 MQ-9B drones on Tuesday. The MQ-9B will be built by "
        "General Atomics. Officials praised the price. The Navy wants more. Analysts agreed. "
        "Deliveries are expected to start in 2029."
    )
    deliveries = of(a, "delivery")
    assert deliveries and deliveries[0].platform_ids == ("mq-9b",)
    assert deliveries[0].status == "expected"


def test_a_visits_host_country_is_its_place() -> None:
    a = read("Prime Minister Narendra Modi visited France in February.")
    visit = of(a, "visit")[0]
    assert [p.entity_id for p in visit.participants] == ["narendra-modi"]
    assert visit.place_id == "france"


def test_a_passive_agent_acts() -> None:
    a = read("Israel was accused by South Africa of committing genocide.")
    e = of(a, "accuse")[0]
    assert (e.source_id, e.target_id) == ("south-africa", "israel")


def test_what_is_demanded_has_not_happened() -> None:
    a = read("Ukraine demanded that Russia withdraw its troops from the plant.")
    assert of(a, "demand")[0].status == "occurred"
    assert all(e.status == "possible" for e in of(a, "withdraw"))


def test_status_cues_of_plain_english() -> None:
    to_be_held = read(
        "Xi invited Putin to attend the summit to be held in Tianjin later this year."
    )
    assert of(to_be_held, "summit")[0].status == "planned"
    before = read("The attack came days before Islamabad hosts a meeting of SCO leaders.")
    assert of(before, "meeting")[0].status == "planned"
    running = read("India and the United States have been negotiating the deal for a year.")
    assert of(running, "negotiation")[0].status == "ongoing"
    live = read("10:25 IST: Putin lays a wreath at Rajghat.")
    assert of(live, "ceremony")[0].status == "occurred"


def test_a_day_after_moves_the_anchor_back_a_day() -> None:
    a = read(
        "Russia on Friday warned Britain against setting up bases in Ukraine, a day after "
        "Keir Starmer and Volodymyr Zelensky signed a partnership treaty."
    )
    signing = of(a, "sign")[0]
    assert signing.time is not None and signing.time.start == dt.date(2025, 6, 19)


def test_last_evening_and_mid_month() -> None:
    arrival = of(read("Putin arrived in New Delhi last evening."), "arrival")[0]
    assert arrival.time is not None and arrival.time.start == dt.date(2025, 6, 24)
    talks = of(read("Modi held talks with Macron in mid-February."), "talks")[0]
    assert talks.time is not None and talks.time.start == dt.date(2025, 2, 1)


def test_a_live_blog_entry_happened_on_the_day_of_the_page() -> None:
    a = read(
        "Live: Russia Warns Britain Over Missiles\n"
        "19:20 BST — Embassy warns of consequences\n"
        "The Russian embassy in London warned Britain in a statement on its website that the "
        "decision to send the missiles would have consequences.\n"
    )
    warned = of(a, "warn")
    assert warned and warned[0].time is not None and warned[0].time.start == PUBLISHED


def test_conditions_reported_plans_and_is_to_be() -> None:
    cond = read(
        "If the Scorpène contract is not signed this year, the shipyard may lose its workforce."
    )
    assert [e.status for e in of(cond, "order")] == ["possible"]
    said = read("Hyundai Rotem said deliveries of the K2 tanks would begin next year.")
    assert of(said, "delivery")[0].status == "planned"
    to_be = read("The first three frigates are to be handed over to Australia in 2029.")
    assert all(e.status == "planned" for e in of(to_be, "delivery"))


def test_references_and_descriptions_are_not_new_events() -> None:
    a = read(
        "Mike Pompeo and Mark Esper met Rajnath Singh in New Delhi on Tuesday. "
        "The two visiting secretaries also called on Narendra Modi. "
        "An official involved in the talks said the mood was good."
    )
    assert not of(a, "visit")
    assert not of(a, "talks")


def test_how_long_and_what_is_invited() -> None:
    running = read(
        "Negotiations between the agency and Hyundai Rotem have run for more than a year."
    )
    assert of(running, "negotiation")[0].status == "ongoing"
    invited = read(
        "Kosiniak-Kamysz accepted an invitation from Ahn to visit Seoul later this year."
    )
    assert of(invited, "visit")[0].status == "planned"
    none = read("Japan has no plans to buy additional Tomahawk missiles from the United States.")
    assert all(e.status == "denied" for e in of(none, "order"))
    was = read(
        "Starmer, who was in Kyiv for his first visit since taking office, spoke on Thursday."
    )
    assert of(was, "visit")[0].status == "occurred"


def test_a_framework_signed_is_no_order_but_an_agreement_for_jets_is() -> None:
    framework = read("Poland signed a framework agreement with Hyundai Rotem in July 2022 "
                     "covering up to 1,000 K2 tanks.")  # fmt: skip
    assert of(framework, "sign") and not of(framework, "order")
    jets = read("India and France signed an agreement for 26 Rafale M jets on Monday.")
    order = of(jets, "order")[0]
    assert (order.source_id, order.target_id) == ("france", "india")


def test_a_contract_to_buy_is_signed_not_planned() -> None:
    a = read("India on Monday signed a contract to buy 26 Rafale M jets from France.")
    assert [e.status for e in of(a, "order")] == ["occurred"]
    b = read("Poland has signed follow-on contracts for 152 more K9 howitzers in December 2023.")
    assert all(e.status == "occurred" for e in of(b, "order"))


def test_what_a_speech_act_asks_for_is_not_an_event_of_its_own() -> None:
    asked = read("Two senators asked President Joe Biden to waive sanctions on India.")
    assert of(asked, "request") and not of(asked, "waive")
    threatened = read("Russia threatened to impose sanctions on British companies.")
    assert of(threatened, "threaten") and not of(threatened, "sanction")
    warned = read("The Pentagon warned that China could fire missiles at US bases on Guam.")
    assert of(warned, "warn") and of(warned, "attack")  # a warning's news stays


def test_a_day_after_talks_dates_the_talks_a_day_earlier() -> None:
    a = read(
        "Boris Pistorius visited Mazagon Dock Shipbuilders in Mumbai on Wednesday, a day after "
        "talks with Rajnath Singh in New Delhi."
    )
    talks = of(a, "talks")[0]
    assert talks.time is not None and talks.time.start == dt.date(2025, 6, 24)


def test_what_a_country_hopes_to_do_is_planned() -> None:
    a = read("Australia hopes to sign binding contracts for the Mogami frigates early in 2026.")
    assert [e.status for e in of(a, "order")] == ["planned"]


def test_a_plan_told_in_the_past_perfect_did_not_go_ahead() -> None:
    a = read("Turkey had planned to buy more than 100 F-35 jets before it was removed.")
    assert not of(a, "order")
    b = read("Turkey plans to buy 40 F-16 jets.")
    assert [e.status for e in of(b, "order")] == ["planned"]


def test_one_time_for_tied_events() -> None:
    a = read("Putin is expected to travel to Tianjin later this year for the SCO summit.")
    summit = of(a, "summit")[0]
    assert summit.time is not None and summit.time.end == dt.date(2025, 12, 31)
    b = read("Pakistan received its first J-10C fighters in March 2022, when Imran Khan attended "
             "an induction ceremony.")  # fmt: skip
    ceremony = of(b, "ceremony")[0]
    assert ceremony.time is not None and ceremony.time.start == dt.date(2022, 3, 1)


def test_during_ties_the_two_events_either_way() -> None:
    a = read("Wendy Sherman criticised the S-400 purchase during a visit to New Delhi earlier "
             "this month.")  # fmt: skip
    criticism = of(a, "criticize")[0]
    assert criticism.time is not None and criticism.time.start == dt.date(2025, 6, 1)
    b = read("HAL and GE Aerospace signed a memorandum of understanding in June 2023, during "
             "Prime Minister Narendra Modi's state visit to the United States.")  # fmt: skip
    visit = of(b, "visit")[0]
    assert visit.time is not None and visit.time.start == dt.date(2023, 6, 1)


def test_a_trip_for_a_dated_summit_and_a_perfect_in_the_lead() -> None:
    a = read(
        "Prime Minister Narendra Modi is expected to travel to Russia for the next summit in 2026."
    )
    visit = of(a, "visit")[0]
    assert visit.time is not None and visit.time.start == dt.date(2026, 1, 1)
    b = read("Two senior U.S. senators have asked President Joe Biden to waive sanctions on India. "
             "The letter followed months of debate.")  # fmt: skip
    asked = of(b, "request")[0]
    assert asked.time is not None and asked.time.start == PUBLISHED


def test_a_trigger_word_as_a_modifier_is_no_event() -> None:
    a = read("The delivery schedules for the new tanks slipped again, officials said.")
    assert not of(a, "delivery")
    b = read("India and France signed an arms deal for 26 Rafale M jets on Monday.")
    assert of(b, "order")


def test_an_indirect_question_asserts_no_event() -> None:
    a = read("It remains unclear whether Beijing is ready to export the J-35 to Pakistan.")
    assert not a.events
    b = read("The spokesperson would not say whether other allies might supply fighter jets.")
    assert not of(b, "delivery")
