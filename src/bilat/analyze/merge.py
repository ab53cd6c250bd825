"""Join the drafts that mention one event in one document, then settle dates and status.

"The 22nd IRIGC meeting held in New Delhi", "the IRIGC meeting saw deliberations",
"co-chairing the meeting" and "before the meeting" are one meeting. Drafts merge
when their subtype is mergeable and nothing disagrees: forum, session, place, date,
or tense (a planned meeting is not the one that was held). A draft without a forum
joins one with a forum only when it refers back ("the meeting", "the next day's
talks") or names a bilateral summit.

Dates, in order: the event's own time expression; the event it is tied to ("before
the meeting", "hours before Putin arrived": the same day); the last dated event of
the same paragraph; a time in the section heading ("Day 2 Agenda").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bilat.analyze import timex
from bilat.analyze.context import DocView
from bilat.analyze.event_rules import Draft
from bilat.models import Event, Participant, TimeValue

PRECEDENCE = ("occurred", "ongoing", "planned", "expected", "possible", "unknown", "denied")
FUTURE = ("planned", "expected", "possible")
CANDIDATES = 64  # the latest groups of a family a draft is compared with
SAME_EVENT = {
    frozenset({"talks", "summit"}),
    frozenset({"talks", "meeting"}),
    frozenset({"sign", "order"}),  # "It was signed in Gliwice": the contract of the story
}


def _tense(status: str) -> str:
    if status == "occurred":
        return "past"
    if status in FUTURE:
        return "future"
    return status  # ongoing, denied, unknown


def _tenses_agree(a: str, b: str) -> bool:
    ta, tb = _tense(a), _tense(b)
    return ta == tb or "unknown" in (ta, tb) or "ongoing" in (ta, tb)


@dataclass
class _Summary:
    """What ``_compatible`` asks of a group, kept up to date as drafts join it while
    drafts are grouped (afterwards the drafts may change, and the group reads them)."""

    people: set[str] = field(default_factory=set)
    subtypes: set[str] = field(default_factory=set)
    platforms: set[str] = field(default_factory=set)
    values: dict[str, object] = field(default_factory=dict)
    best: int | None = None  # the most certain status but denied, as an index in PRECEDENCE
    topics: bool = False  # a list item is in the group
    min_end: dt.date | None = None  # of the dated drafts
    max_start: dt.date | None = None
    roles: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (subtype, entity)

    def add(self, d: Draft, view: DocView) -> None:
        start, end = _interval(d, view)
        if end is not None:
            self.min_end = end if self.min_end is None else min(self.min_end, end)
        if start is not None:
            self.max_start = start if self.max_start is None else max(self.max_start, start)
        for entity_id, role in d.participants.items():
            self.roles.setdefault((d.subtype, entity_id), set()).add(role)
        self.topics = self.topics or d.topic is not None
        self.people.update(d.participants)
        self.subtypes.add(d.subtype)
        self.platforms.update(d.platforms)
        for name in SUMMARY_FIELDS:
            value = getattr(d, name)
            if value is not None:
                self.values.setdefault(name, value)
        if d.status != "denied":
            rank = PRECEDENCE.index(d.status)
            self.best = rank if self.best is None else min(self.best, rank)


SUMMARY_FIELDS = ("forum_id", "session", "venue_id", "place_id")


@dataclass
class Group:
    drafts: list[Draft] = field(default_factory=list)
    time: TimeValue | None = None
    _summary: _Summary | None = field(default=None, repr=False)

    @property
    def first(self) -> Draft:
        return self.drafts[0]

    def get(self, name: str) -> object:
        if self._summary is not None and name in SUMMARY_FIELDS:
            return self._summary.values.get(name)
        return next((getattr(d, name) for d in self.drafts if getattr(d, name) is not None), None)

    @property
    def subtypes(self) -> set[str]:
        if self._summary is not None:
            return self._summary.subtypes
        return {d.subtype for d in self.drafts}

    @property
    def status(self) -> str:
        if self._summary is not None:
            best = self._summary.best
            return "denied" if best is None else PRECEDENCE[best]
        statuses = [d.status for d in self.drafts]
        if all(s == "denied" for s in statuses):
            return "denied"
        return min((s for s in statuses if s != "denied"), key=PRECEDENCE.index)

    def people(self) -> set[str]:
        if self._summary is not None:
            return self._summary.people
        return {e for d in self.drafts for e in d.participants}

    @property
    def summary(self) -> _Summary:
        """The running summary; only while drafts are grouped (``group``)."""
        assert self._summary is not None, "a group is summarised only while drafts are grouped"
        return self._summary


def _compatible(g: Group, d: Draft, view: DocView) -> bool:
    """Whether ``d`` reports the happening of ``g``; asked only while drafts are grouped."""
    if not (g.first.rule.mergeable and d.rule.mergeable):
        return False
    if d.topic is not None and g.summary.topics:
        return False  # two items of one list are two events
    if g.first.topic is not None and d.topic is None:
        return False  # a list item joins the event it names, it does not collect others
    if not _dates_agree(g, d, view):
        return False
    if d.pact_scope and d.subtype not in g.subtypes:
        return False  # a protocol or a memorandum signed is not the order of the story
    if _reversed(g, d):
        return False
    if d.subtype not in g.subtypes and not any(
        frozenset({d.subtype, s}) in SAME_EVENT for s in g.subtypes
    ):
        return False
    forum, session = g.get("forum_id"), g.get("session")
    if forum and d.forum_id and forum != d.forum_id:
        return False
    if session and d.session and session != d.session:
        return False
    if d.subtype != g.first.subtype and not d.definite and not _part(g, d):
        return False
    if not (_tenses_agree(g.status, d.status) or _reference(g, d) or _part(g, d) or _pending(g, d)):
        return False
    for name in ("venue_id", "place_id"):
        mine, theirs = g.get(name), getattr(d, name)
        if mine and theirs and mine != theirs:
            return False
    if bool(forum) != bool(d.forum_id):
        has_forum = forum or d.forum_id
        bilateral = bool(
            view.entities.get(str(has_forum))
            and view.entities[str(has_forum)].attrs.get("countries")
        )
        plain = d if forum else g.first
        # "The talks were held at the 22nd meeting": a definite report names the forum
        named = d.definite and d.subtype in g.subtypes
        return plain.definite or named or (plain.subtype == "summit" and bilateral) or _part(g, d)
    if not forum:
        return (
            bool(g.people() & set(d.participants))
            or (d.definite and not d.participants)
            or _pending(g, d)
        )
    return True


def _part(g: Group, d: Draft) -> bool:
    """``d`` tells a stage of the summit or meeting the paragraph has just named, with no
    one and no date of its own: "The 23rd Annual Summit is now under way. The two leaders
    are holding restricted talks first"."""
    last = g.drafts[-1]
    return (
        g.first.subtype in ("summit", "meeting")
        and d.block == last.block
        and 0 <= d.sentence - last.sentence <= 1
        and d.timex is None
        and set(d.participants) <= g.people()
    )


SYMMETRIC = {"participant", "signatory", "partner", "chair"}


def _reversed(g: Group, d: Draft) -> bool:
    """Someone who hosts in one report and is the guest in the other: "at the invitation
    of Modi, Scholz visited" and "Scholz invited Modi to hold the next round" are two
    invitations, not one."""
    flips = {
        (theirs, role)
        for e, role in d.participants.items()
        if role not in SYMMETRIC
        for theirs in g.summary.roles.get((d.subtype, e), ())
        if theirs != role and theirs not in SYMMETRIC
    }
    return any((b, a) in flips for a, b in flips)  # two parties swap roles


def _pending(g: Group, d: Draft) -> bool:
    """ "No contract has been signed yet" beside "hopes to sign binding contracts early in
    2026": the contract not yet signed is the one planned, one happening, still to come."""
    platforms = g.summary.platforms
    future = {d.status, g.status} & set(FUTURE)
    people, theirs = g.people(), set(d.participants)
    same = bool(platforms & set(d.platforms)) or (
        not platforms and not d.platforms and (bool(people & theirs) or not people or not theirs)
    )
    return "denied" in (d.status, g.status) and bool(future) and same


def _reference(g: Group, d: Draft) -> bool:
    """``d`` names an event the story already tells, by its platform: "its purchase of the
    S-400" in "asked Biden to waive sanctions over its purchase of the S-400" is the order
    told elsewhere, whatever the tense of the clause around it."""
    return d.definite and d.timex is None and bool(g.summary.platforms & set(d.platforms))


def _interval(d: Draft, view: DocView) -> tuple[dt.date | None, dt.date | None]:
    if d.timex is None:
        return None, None
    tv = timex.resolve(d.timex, view.published, future=d.status in FUTURE)
    return tv.start, tv.end


def _dates_agree(g: Group, d: Draft, view: DocView) -> bool:
    s2, e2 = _interval(d, view)
    if s2 is None and e2 is None:
        return True
    # no report of the group ends before ``d`` starts or starts after it ends: the
    # earliest end and the latest start of the group's dates settle it
    ends, starts = g.summary.min_end, g.summary.max_start
    return not ((ends and s2 and ends < s2) or (e2 and starts and e2 < starts))


def _family(subtype: str) -> str:
    """Subtypes that may share a group (joined through ``SAME_EVENT``), named by the least."""
    family = {subtype}
    grown = True
    while grown:
        joined = {s for pair in SAME_EVENT if pair & family for s in pair}
        grown = not joined <= family
        family |= joined
    return min(family)


def group(drafts: list[Draft], view: DocView) -> list[Group]:
    """Drafts that report one happening, grouped. A draft is compared only with the groups
    of its family of subtypes (those are the only ones it may join), and with the latest
    ``CANDIDATES`` of them, so that a document of thousands of paragraphs costs time in
    proportion to its length, not to its square."""
    groups: list[Group] = []
    by_family: dict[str, list[Group]] = {}
    for d in sorted(drafts, key=lambda x: x.start):
        candidates = by_family.setdefault(_family(d.subtype), [])
        recent = candidates[-CANDIDATES:]
        target = next((g for g in recent if _compatible(g, d, view)), None)
        if target is None:
            target = Group([d], _summary=_Summary())
            groups.append(target)
            candidates.append(target)
        else:
            target.drafts.append(d)
        target.summary.add(d, view)
    for g in groups:
        g._summary = None  # the drafts may change from here on: read them again
    return groups


def _owner(groups: list[Group]) -> dict[int, Group]:
    return {id(d): g for g in groups for d in g.drafts}


def share_venues(groups: list[Group]) -> None:
    """Remarks made at a venue during a meeting place the meeting there, if it has no venue."""
    owner = _owner(groups)
    for g in groups:
        venue = g.get("venue_id")
        if venue is None:
            continue
        for d in g.drafts:
            whole = owner.get(id(d.during)) if d.during is not None else None
            if whole is None or whole is g or whole.get("venue_id") is not None:
                continue
            city = g.get("place_id")
            if whole.get("place_id") not in (None, city):
                continue
            whole.first.venue_id = str(venue)
            whole.first.place_id = whole.first.place_id or (str(city) if city else None)


def emitted(groups: list[Group]) -> list[Group]:
    """Groups that are events of their own: not a speech used only for linking, not a list
    intro, not a meeting named only as "the talks" with no one, no forum and no date (a
    reference to one the text tells elsewhere, or to none)."""
    return [
        g
        for g in groups
        if g.first.rule.emit and not all(d.distributed for d in g.drafts) and not _bare_reference(g)
    ]


def _bare_reference(g: Group) -> bool:
    return (
        g.first.rule.type == "CONSULT"
        and all(d.definite and not d.participants for d in g.drafts)
        and g.get("forum_id") is None
        and all(d.timex is None for d in g.drafts)
    )


def settle_times(groups: list[Group], view: DocView) -> None:
    published = view.published
    last_day: dt.date | None = None
    last_told: TimeValue | None = None
    for g in sorted(groups, key=lambda x: x.first.start):
        found = [d.timex for d in g.drafts if d.timex is not None]
        if not found:
            continue
        resolved = [
            _told(tx, last_told)
            if timex.told(tx)
            else timex.resolve(
                tx, last_day if last_day and timex.narrative(tx) else published, g.status in FUTURE
            )
            for tx in found
        ]
        # several reports of one event: the most precise date wins ("in March" < "on March 29")
        g.time = min(resolved, key=_span_days)
        if g.time.start is not None and g.time.start == g.time.end:
            last_day = g.time.start
        if g.time.resolved and not any(timex.told(tx) for tx in found):
            last_told = g.time
    owner = _owner(groups)
    for _ in range(3):  # anchors may chain: guard of honour -> wreath -> meeting
        for g in groups:
            for d in g.drafts:
                target = owner.get(id(d.anchor)) if d.anchor is not None else None
                if target is None or target is g:
                    continue
                if _undated(g) and not _undated(target):
                    g.time = _shifted(target.time, d.anchor_days)  # type: ignore[arg-type]
                    break
                during = d.during is not None and d.during is d.anchor
                if _undated(target) and not _undated(g) and (d.anchor_days or during):
                    # "signed in June 2023, during Modi's visit": the visit was then too
                    # "warned on Friday, a day after they signed": the signing was Thursday
                    target.time = _shifted(g.time, -d.anchor_days)  # type: ignore[arg-type]
    _same_session(groups)
    _paragraph_focus(groups)
    _heading_focus(groups, view)
    _story_focus(groups)
    _lead_perfect(groups, view)


def _told(tx: timex.Timex, last: TimeValue | None) -> TimeValue:
    """ "at the time", "warned then": the time the story told last, or unresolved."""
    if last is None:
        return TimeValue(tx.text, tx.start, tx.end, None, None)
    return TimeValue(tx.text, tx.start, tx.end, last.start, last.end)


def _same_session(groups: list[Group]) -> None:
    """ "signed the Protocol of the 22nd IRIGC-M&MTC": at that session, on its day."""
    meetings = {
        (g.get("forum_id"), g.get("session")): g.time
        for g in groups
        if g.subtypes & {"meeting", "summit"} and g.get("session") and g.time and g.time.resolved
    }
    for g in groups:
        if _undated(g):
            key = (g.get("forum_id"), g.get("session"))
            if key[1] is not None and key in meetings:
                g.time = meetings[key]


def _span_days(tv: TimeValue) -> int:
    if tv.start is None or tv.end is None:
        return 100_000  # unresolved or open-ended: the least precise
    return (tv.end - tv.start).days


def _undated(g: Group) -> bool:
    return g.time is None or not g.time.resolved


def _shifted(anchor: TimeValue, days: int) -> TimeValue:
    """The anchor's day moved by ``days`` (only a single day moves; a span stays)."""
    if days == 0 or anchor.start is None or anchor.start != anchor.end:
        return _same_day(anchor)
    day = anchor.start + dt.timedelta(days=days)
    return TimeValue(anchor.text, anchor.start_char, anchor.end_char, day, day)


def _same_day(anchor: TimeValue) -> TimeValue:
    return TimeValue(anchor.text, anchor.start_char, anchor.end_char, anchor.start, anchor.end)


def _paragraph_focus(groups: list[Group]) -> None:
    """An undated event takes the day of the nearest dated event before it in its paragraph."""
    by_block: dict[int, list[tuple[int, Group]]] = {}  # paragraph -> its dated reports
    for g in groups:
        if g.time is not None and g.time.resolved and g.time.start == g.time.end:
            for d in g.drafts:
                by_block.setdefault(d.block, []).append((d.start, g))
    for g in groups:
        if not _undated(g):
            continue
        first = g.first
        before = [  # a plan does not take the day of what already happened, nor the reverse
            (start, other)
            for start, other in by_block.get(first.block, ())
            if start < first.start and other is not g and _future(other) == _future(g)
        ]
        if before:
            g.time = _same_day(max(before, key=lambda x: x[0])[1].time)  # type: ignore[arg-type]


def _future(g: Group) -> bool:
    return g.status in FUTURE


def _lead_perfect(groups: list[Group], view: DocView) -> None:
    """A present perfect in a story's first sentence is its news, of the day it is
    published: "Two senior U.S. senators have asked President Joe Biden to ..."."""
    if view.published is None:
        return
    body = [i for i, sv in enumerate(view.sentences) if sv.sentence.section == "body"]
    if not body:
        return
    for g in groups:
        if not _undated(g) or g.status != "occurred" or g.first.sentence != body[0]:
            continue
        d = g.first
        token = view.sentences[d.sentence].span.doc[d.trigger_i] if d.trigger_i >= 0 else None
        if token is not None and any(
            c.dep_ == "aux" and c.lower_ in ("has", "have") for c in token.children
        ):
            g.time = TimeValue("", d.start, d.start, view.published, view.published)


def _story_focus(groups: list[Group]) -> None:
    """News leads with its dated happening and then tells what else was done: an undated
    event after it that happened took place that day ("Singh held talks on Thursday ... The
    two ministers agreed ..."). Background carries its own date ("signed in 2018") and
    keeps it."""
    dated = [
        g
        for g in groups
        if g.time is not None
        and g.time.resolved
        and g.time.start == g.time.end
        and g.status == "occurred"
    ]
    if not dated:
        return
    lead = min(dated, key=lambda g: g.first.start)
    for g in groups:
        if not _undated(g):
            continue
        if g.first.start > lead.first.start and g.status == "occurred":
            g.time = _same_day(lead.time)  # type: ignore[arg-type]


def _heading_focus(groups: list[Group], view: DocView) -> None:
    for g in groups:
        if not _undated(g):
            continue
        heading = view.heading_before(g.first.sentence)
        if heading is None:
            continue
        found = heading.times
        if found:
            g.time = timex.resolve(found[0], view.published, future=g.status in FUTURE)
    _entry_focus(groups, view)


def _entry_focus(groups: list[Group], view: DocView) -> None:
    """A live blog's entry ("19:20 BST — ...", "09:50 IST: ...") tells what happened on
    the day the page is published."""
    if view.published is None:
        return
    day = view.published
    for g in groups:
        if not _undated(g) or g.status not in ("occurred", "ongoing"):
            continue
        sv = view.sentences[g.first.sentence]
        block = view.document.blocks[sv.sentence.block]
        heading = view.heading_before(g.first.sentence)
        lines = [view.text(block.start, block.end)]
        if heading is not None:
            lines.append(heading.span.text)
        if any(timex.CLOCK.match(line) for line in lines):
            g.time = TimeValue("", sv.sentence.start, sv.sentence.start, day, day)


def _status(g: Group, published: dt.date | None) -> str:
    status = g.status
    if status != "unknown" or published is None or g.time is None or not g.time.resolved:
        return status
    if g.time.end is not None and g.time.end < published:
        return "occurred"
    if g.time.start is not None and g.time.start > published:
        return "planned"
    return status


def _participants(
    g: Group, co_chairs: dict[str, list[str]], titles: dict[str, list[str]]
) -> tuple[Participant, ...]:
    roles: dict[str, str] = {}
    for d in g.drafts:
        for entity_id, role in d.participants.items():
            if roles.get(entity_id) in (None, "participant"):
                roles[entity_id] = role
    forum = g.get("forum_id")
    chair_titles = co_chairs.get(str(forum), []) if forum and "meeting" in g.subtypes else []
    for entity_id in roles:
        if any(c in t for c in chair_titles for t in titles.get(entity_id, [])):
            roles[entity_id] = "chair"
    return tuple(Participant(e, r) for e, r in roles.items())


def to_event(
    g: Group, view: DocView, co_chairs: dict[str, list[str]], titles: dict[str, list[str]]
) -> Event:
    first = g.first
    evidence = tuple(dict.fromkeys(span for d in g.drafts for span in d.evidence))
    platforms = tuple(dict.fromkeys(p for d in g.drafts for p in d.platforms))
    subtype = first.subtype
    if {"talks", "summit"} <= g.subtypes:
        subtype = "summit"
    return Event(
        type=first.rule.type,
        subtype=subtype,
        status=_status(g, view.published),
        start=first.start,
        end=first.end,
        participants=_participants(g, co_chairs, titles),
        evidence=evidence,
        attribution=g.get("attribution"),  # type: ignore[arg-type]
        time=g.time,
        place_id=g.get("place_id"),  # type: ignore[arg-type]
        venue_id=g.get("venue_id"),  # type: ignore[arg-type]
        forum_id=g.get("forum_id"),  # type: ignore[arg-type]
        session=g.get("session"),  # type: ignore[arg-type]
        platform_ids=platforms,
        quantity=g.get("quantity"),  # type: ignore[arg-type]
        quantity_text=g.get("quantity_text"),  # type: ignore[arg-type]
        topic=g.get("topic"),  # type: ignore[arg-type]
        source_id=next((a for d in g.drafts for a in d.agents), None),
    )
