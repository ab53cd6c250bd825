"""The trigger lexicon (lexicon/events.yaml): one sentence per PLOVER type, written for
this test, read for its type, subtype, source and target."""

from __future__ import annotations

import pytest

from bilat.analyze.read import analyze
from bilat.ingest.document import build_document
from bilat.models import SourceText

# text, PLOVER type, subtype, source name or None (any), target name or None (any)
CASES = [
    (
        "Rajnath Singh sat down with Andrei Belousov in Moscow on Tuesday.",
        "CONSULT",
        "meeting",
        "Rajnath Singh",
        "Andrei Belousov",
    ),
    ("Rajnath Singh travelled to Moscow on Tuesday.", "CONSULT", "visit", "Rajnath Singh", None),
    # the one who invites acts (PLOVER source); the invited is the target
    (
        "Modi extended an invitation to Putin to attend the summit.",
        "AGREE",
        "invite",
        "Narendra Modi",
        "Vladimir Putin",
    ),
    (
        "India and Japan signed a defence cooperation agreement in Tokyo.",
        "AGREE",
        "sign",
        "India",
        "Japan",
    ),
    (
        "Poland signed a $6 billion contract with Hyundai Rotem on Friday.",
        "AID",
        "order",
        "Hyundai Rotem",
        "Poland",
    ),
    (
        "Russia handed over the second S-400 squadron to India in April.",
        "AID",
        "delivery",
        "Russia",
        "India",
    ),
    (
        "The United States pledged $500 million in military aid to Ukraine.",
        "AID",
        "aid",
        "United States",
        "Ukraine",
    ),
    (
        "India and France will jointly develop a jet engine.",
        "COOPERATE",
        "co-production",
        None,
        None,
    ),
    ("Germany stands with India against terrorism.", "SUPPORT", "support", "Germany", "India"),
    (
        "Modi welcomed Germany's decision to ease export rules.",
        "SUPPORT",
        "support",
        "Narendra Modi",
        "Germany",
    ),
    (
        "India pressed Russia to speed up the remaining shipments.",
        "REQUEST",
        "request",
        "India",
        "Russia",
    ),
    (
        "Washington called off the joint exercise with Seoul.",
        "REJECT",
        "cancel",
        "United States",
        None,
    ),
    ("Pakistan accused India of violating the ceasefire.", "ACCUSE", "accuse", "Pakistan", "India"),
    (
        "China criticised the Philippines over the patrol.",
        "ACCUSE",
        "criticize",
        "China",
        "Philippines",
    ),
    (
        "North Korea threatened South Korea with a nuclear strike.",
        "THREATEN",
        "threaten",
        "North Korea",
        "South Korea",
    ),
    ("Beijing summoned the Japanese ambassador on Monday.", "PROTEST", "protest", "China", "Japan"),
    ("Washington blacklisted six Chinese firms.", "SANCTION", "sanction", "United States", "China"),
    (
        "The United States eased export controls on India.",
        "CONCEDE",
        "ease",
        "United States",
        "India",
    ),
    ("China sent warships to the Taiwan Strait.", "MOBILIZE", "deploy", "China", None),
    (
        "Pakistan shelled Indian posts along the Line of Control.",
        "ASSAULT",
        "attack",
        "Pakistan",
        "India",
    ),
    ("North Korea detained a US soldier.", "COERCE", "seize", "North Korea", "United States"),
    ("Israel withdrew its forces from southern Lebanon.", "RETREAT", "withdraw", "Israel", None),
    ("NATO leaders issued a joint communique on Ukraine.", "STATEMENT", "statement", "NATO", None),
]


def _events(text: str) -> tuple[list, dict[str, str]]:
    analysis = next(analyze([build_document(SourceText("t.txt", text))]))
    names = {k: v.name for k, v in analysis.entities.items()}
    return list(analysis.events), names


@pytest.mark.parametrize(("text", "type_", "subtype", "source", "target"), CASES)
def test_trigger_reads_type_subtype_and_actors(
    text: str, type_: str, subtype: str, source: str | None, target: str | None
) -> None:
    events, names = _events(text)
    found = [e for e in events if e.type == type_ and e.subtype == subtype]
    assert found, f"{type_}/{subtype} not read in {text!r}: {[(e.type, e.subtype) for e in events]}"
    event = found[0]
    if source is not None:
        assert names.get(event.source_id) == source
    if target is not None:
        assert names.get(event.target_id) == target


def test_every_plover_type_is_covered() -> None:
    assert {c[1] for c in CASES} >= {
        "AGREE",
        "CONSULT",
        "COOPERATE",
        "AID",
        "SUPPORT",
        "REQUEST",
        "REJECT",
        "ACCUSE",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "CONCEDE",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
        "RETREAT",
        "STATEMENT",
    }


@pytest.mark.parametrize(
    "text",
    [
        "The new frigate offers a long operating range and a large payload.",  # not an offer
        "The design was judged best able to deliver the capability the navy needs.",
        "The ship made a port call in Goa last week.",
        "Asked about the delays, the spokesman declined to comment.",
    ],
)
def test_phrases_that_only_look_like_triggers(text: str) -> None:
    events, _ = _events(text)
    assert not [
        e for e in events if e.subtype in ("offer", "delivery", "call", "request", "reject")
    ]


def test_receive_reads_a_visitor_or_a_delivery() -> None:
    visitor, _ = _events("Modi received Putin at the airport.")
    assert [e.subtype for e in visitor] == ["arrival"]
    weapons, names = _events("India received its first S-400 squadron from Russia in December.")
    delivery = next(e for e in weapons if e.subtype == "delivery")
    assert names.get(delivery.source_id) == "Russia"
    assert names.get(delivery.target_id) == "India"


def test_invitation_noun_reads_host_and_guest() -> None:
    events, names = _events("Vladimir Putin visited India at the invitation of Narendra Modi.")
    invite = next(e for e in events if e.subtype == "invite")
    roles = {names[p.entity_id]: p.role for p in invite.participants}
    assert roles == {"Narendra Modi": "host", "Vladimir Putin": "guest"}


def test_welcome_with_a_person_is_an_arrival() -> None:
    events, _ = _events("Narendra Modi welcomed Vladimir Putin at Palam airport.")
    assert "arrival" in {e.subtype for e in events}
    assert "support" not in {e.subtype for e in events}


# Verbs, phrasal verbs and nouns added for the weaker PLOVER types; written for this test.
MORE_CASES = [
    (
        "Hungary withdrew from the International Criminal Court.",
        "RETREAT",
        "withdraw",
        "Hungary",
        None,
    ),
    (
        "Russia suspended its participation in the Open Skies Treaty.",
        "RETREAT",
        "withdraw",
        "Russia",
        None,
    ),
    ("Turkey handed the detained sailors back to Greece.", "CONCEDE", "ease", "Türkiye", "Greece"),
    ("China scrapped its tariffs on Australian barley.", "CONCEDE", "ease", "China", "Australia"),
    (
        "Washington granted India a waiver from the sanctions.",
        "CONCEDE",
        "waive",
        "United States",
        "India",
    ),
    ("Israel called up 50,000 reservists on Sunday.", "MOBILIZE", "deploy", "Israel", None),
    ("Pakistan placed its navy on high alert.", "MOBILIZE", "deploy", "Pakistan", None),
    ("Israel carried out air strikes on Hezbollah targets.", "ASSAULT", "attack", "Israel", None),
    ("Iran fired dozens of ballistic missiles at Israel.", "ASSAULT", "attack", "Iran", "Israel"),
    ("The Houthis hijacked a cargo ship in the Red Sea.", "COERCE", "seize", "Houthis", None),
    (
        "Japan published its annual defence white paper on Tuesday.",
        "STATEMENT",
        "statement",
        "Japan",
        None,
    ),
    (
        "India declared a Canadian diplomat persona non grata.",
        "SANCTION",
        "sanction",
        "India",
        None,
    ),
    ("Poland closed its airspace to Belarusian airlines.", "SANCTION", "sanction", "Poland", None),
    (
        "India and France took part in the Varuna exercise.",
        "COOPERATE",
        "exercise",
        "India",
        "France",
    ),
    (
        "Austria denied Poland's request to transit the tanks.",
        "REJECT",
        "reject",
        "Austria",
        "Poland",
    ),
]


@pytest.mark.parametrize(("text", "type_", "subtype", "source", "target"), MORE_CASES)
def test_added_triggers_read_type_and_actors(
    text: str, type_: str, subtype: str, source: str | None, target: str | None
) -> None:
    test_trigger_reads_type_subtype_and_actors(text, type_, subtype, source, target)


def test_a_killing_alone_is_no_attack() -> None:
    events, _ = _events("Two Chinese engineers were killed when a bomber rammed their vehicle.")
    assert not [e for e in events if e.subtype == "attack"]


def test_said_in_a_statement_before_a_quote_is_no_statement() -> None:
    text = '"We will respond," Lecornu said in a statement.'
    events, _ = _events(text)
    assert not [e for e in events if e.subtype == "statement"]
