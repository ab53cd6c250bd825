"""Issue 3 acceptance on the founding article: events, status, time, roles, quotes, claims."""

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bilat import api
from bilat.store.db import Store
from bilat.store.findings import EventRow
from conftest import SEED

SEED_TEXT = SEED / "india-russia-defence-ties.txt"
D4, D5 = dt.date(2025, 12, 4), dt.date(2025, 12, 5)


@pytest.fixture
def seeded(store: Store) -> Store:
    report = api.ingest(store, [str(SEED_TEXT)])
    assert report.stored == 1
    return store


def who(e: EventRow) -> dict[str, str]:
    return {p.name: p.role for p in e.participants}


def one(events: list[EventRow], **want: object) -> EventRow:
    found = [e for e in events if all(getattr(e, k) == v for k, v in want.items())]
    assert len(found) == 1, (want, [(e.subtype, e.topic, e.forum, e.session) for e in events])
    return found[0]


def test_commission_meeting_arrival_and_dinner(seeded: Store) -> None:
    events = api.events(seeded)
    irigc = (
        "India–Russia Inter-Governmental Commission on Military & Military Technical Cooperation"
    )
    meeting = one(events, subtype="meeting", forum=irigc, session=22)
    assert who(meeting) == {"Rajnath Singh": "chair", "Andrei Belousov": "chair"}
    assert (meeting.venue, meeting.place, meeting.date_start, meeting.status) == (
        "Manekshaw Centre",
        "New Delhi",
        D4,
        "occurred",
    )
    arrival = one(events, subtype="arrival")
    assert who(arrival) == {"Vladimir Putin": "guest", "Narendra Modi": "host"}
    assert (arrival.venue, arrival.place, arrival.date_start, arrival.status) == (
        "Palam Airport",
        "New Delhi",
        D4,
        "occurred",
    )
    assert "Thursday evening" in (arrival.date_text or "")
    dinner = one(events, subtype="dinner")
    assert set(who(dinner)) == {"Narendra Modi", "Vladimir Putin"}
    assert (dinner.venue, dinner.status) == ("7 Lok Kalyan Marg", "occurred")


def test_summit_and_the_day_two_schedule(seeded: Store) -> None:
    events = api.events(seeded)
    summit = one(events, subtype="summit")
    assert (summit.forum, summit.session, summit.venue, summit.date_start, summit.status) == (
        "India–Russia Annual Summit",
        23,
        "Hyderabad House",
        D5,
        "planned",
    )
    items = {
        e.topic: e for e in events if e.topic and e.date_start == D5 and e.subtype != "discussion"
    }
    for words, subtype, venue in (
        ("Ceremonial reception at Rashtrapati Bhavan", "ceremony", "Rashtrapati Bhavan"),
        ("Visit to Rajghat", "visit", "Rajghat"),
        ("Meeting with business leaders", "meeting", None),
        ("Interaction with President Droupadi Murmu", "meeting", None),
    ):
        e = items[words]
        assert (e.subtype, e.venue, e.status) == (subtype, venue, "planned")
        assert "Vladimir Putin" in who(e)
    assert "Droupadi Murmu" in who(items["Interaction with President Droupadi Murmu"])


def test_ceremonies_protocol_invitation_and_next_session(seeded: Store) -> None:
    events = api.events(seeded)
    wreath = one(events, subtype="ceremony", venue="National War Memorial")
    assert set(who(wreath)) == {"Rajnath Singh", "Andrei Belousov"} and wreath.status == "occurred"
    guard = [
        e for e in events if e.subtype == "ceremony" and "Guard of Honour" in e.evidence[0].text
    ]
    assert len(guard) == 1 and who(guard[0]) == {"Andrei Belousov": "participant"}
    assert guard[0].status == "occurred"
    protocol = one(events, subtype="sign", session=22)
    assert who(protocol) == {"Rajnath Singh": "signatory", "Andrei Belousov": "signatory"}
    assert (protocol.status, protocol.date_start) == ("occurred", D4)
    invite = one(events, subtype="invite")
    assert who(invite) == {"Andrei Belousov": "host", "Rajnath Singh": "guest"}
    session = one(events, subtype="meeting", session=23)
    assert (session.place, session.status, session.date_start, session.date_end) == (
        "Russia",
        "planned",
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
    )
    assert who(session) == {"Rajnath Singh": "chair"}


def test_trade_working_group_fta_and_agenda(seeded: Store) -> None:
    events = api.events(seeded)
    wg = one(events, subtype="meeting", session=26)
    assert (wg.place, wg.date_start, wg.date_end, wg.status) == (
        "Moscow",
        dt.date(2025, 11, 1),
        dt.date(2025, 11, 30),
        "occurred",
    )
    fta = one(events, subtype="negotiation")
    assert "Eurasian Economic Union" in who(fta) and fta.status == "ongoing"
    agenda = {e.platform: e for e in events if e.subtype == "discussion" and e.forum and e.platform}
    assert agenda["S-400"].status == "occurred"
    assert agenda["Su-57"].status == "possible"


def test_claims_quotes_and_roles(seeded: Store) -> None:
    claims = {c.value: c for c in api.claims(seeded)}
    assert claims[10].subject_text == "intergovernmental documents"
    assert claims[15].qualifier == "at_least" and "MoUs" in claims[15].subject_text
    for c in (claims[10], claims[15]):
        assert (c.status, c.attribution) == ("expected", "Russian state media")
    quotes = api.quotes(seeded, entity="Rajnath Singh")
    partner = [q for q in quotes if q.text.startswith("Russia is India’s strategic partner")]
    assert partner and partner[0].kind == "direct" and partner[0].speaker == "Rajnath Singh"
    page = api.entity(seeded, "Andrei Belousov")
    text_roles = [r for r in page.roles if r.origin == "text"]
    assert any(
        r.title == "Defence Minister" and r.of in ("russia", "Russia") and r.since == D4
        for r in text_roles
    )


def test_nothing_comes_from_the_faq_alone(seeded: Store) -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    faq = text.index("Frequently Asked Questions (FAQ)")
    for e in api.events(seeded):
        assert any(x.start < faq for x in e.evidence), e
    for c in api.claims(seeded):
        assert c.evidence.start < faq
    for q in api.quotes(seeded):
        assert q.evidence.start < faq


def test_without_a_publication_date_only_explicit_dates_remain(
    store: Store, tmp_path: Path
) -> None:
    bare = tmp_path / "article.txt"
    shutil.copy(SEED_TEXT, bare)  # no sidecar: no publication date
    api.ingest(store, [str(bare)])
    events = api.events(store)
    assert len(events) > 20
    dated = [e for e in events if e.date_start or e.date_end]
    assert dated, "explicit years still date events"
    for e in dated:
        assert e.date_text and any(ch.isdigit() for ch in e.date_text), (e.subtype, e.date_text)
        assert e.date_text not in ("Day 2",)
    for subtype in ("arrival", "dinner", "summit"):
        assert all(e.date_start is None for e in events if e.subtype == subtype)
