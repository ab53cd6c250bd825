"""Which canonical event a report belongs to, and what the merged event says.

A canonical event keeps a small running summary of its reports (counts of each value
they give, the actors, the platforms, the span of precise dates, the newest report), so
that joining a report to it, and redrawing its merged view, costs the same whatever its
size.

A report joins the candidate it agrees with most, unless something tells them apart
(``_vetoed``): another forum, numbered session, venue or platform, a place in another
country, a denial against a report that it happened, or actors disjoint even through
their countries; or days too far apart (``_date_points``). Agreement is scored with the
points in ``lexicon/knowledge.yaml`` and needs ``min_score``: two undated "talks" with
nothing else in common stay apart.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from bilat.knowledge.reports import Report
from bilat.lexicon import load

HAPPENED = ("occurred", "ongoing")
FUTURE = ("planned", "expected")
STATUS_RANK = {"occurred": 6, "ongoing": 5, "planned": 4, "expected": 3, "possible": 2, "denied": 1}
FIELDS = (
    "subtype",
    "place",
    "place_country",
    "venue",
    "forum",
    "session",
    "platform",
    "source",
    "target",
    "quantity",
)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def date_key(r: Report) -> str | None:
    """A report's precise dates as one value ("2025-12-04" or "2025-12-04/2025-12-05")."""
    if r.precise is None:
        return None
    start, end = r.precise
    return start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"


def span_key(r: Report) -> str | None:
    """A report's dates, however wide, as one value ("2028-01-01/2028-12-31" for 2028)."""
    if r.date_start is None:
        return None
    end = r.date_end or r.date_start
    first, last = r.date_start.isoformat(), end.isoformat()
    return first if first == last else f"{first}/{last}"


def status_class(status: str) -> str:
    return "happened" if status in HAPPENED else "future" if status in FUTURE else status


@dataclass
class Summary:
    """What a canonical event's reports say, as counts (JSON in canonical_events.summary)."""

    counts: dict[str, dict[str, int]]  # field -> value -> reports
    dates: dict[str, dict[str, int]]  # status class -> date key -> reports
    actors: list[str]
    countries: list[str]
    outlets: list[str]
    precise: list[str] | None  # [first day, last day] over the reports that name days
    dated: list[str] | None  # the narrowest dates any report gives (a day, a month, a year)
    latest: list[Any]  # [published or "", event id, status] of the newest report
    best: list[Any]  # [confidence, event id] of the surest report
    topics: list[str]
    # the article pairs of reports naming fewer than two countries; every platform named
    context: list[str] = dataclasses.field(default_factory=list)
    platforms: list[str] = dataclasses.field(default_factory=list)
    spans: dict[str, dict[str, int]] = dataclasses.field(default_factory=dict)  # any dates

    @classmethod
    def load(cls, data: dict[str, Any]) -> Summary:
        return cls(**data)

    def dump(self) -> dict[str, Any]:
        return self.__dict__.copy()

    @classmethod
    def start(cls, r: Report) -> Summary:
        out = cls({}, {}, [], [], [], None, None, ["", 0, "unknown"], [-1.0, 0], [])
        out.add(r)
        return out

    def add(self, r: Report) -> None:
        for name in FIELDS:
            value = getattr(r, name)
            if value is not None:
                bucket = self.counts.setdefault(name, {})
                bucket[str(value)] = bucket.get(str(value), 0) + 1
        span = span_key(r)
        if span is not None:
            bucket = self.spans.setdefault(status_class(r.status), {})
            bucket[span] = bucket.get(span, 0) + 1
        key = date_key(r)
        if key is not None:
            bucket = self.dates.setdefault(status_class(r.status), {})
            bucket[key] = bucket.get(key, 0) + 1
            first, last = (day.isoformat() for day in r.precise)  # type: ignore[union-attr]
            if self.precise is None:
                self.precise = [first, last]
            else:
                self.precise = [min(self.precise[0], first), max(self.precise[1], last)]
        if r.date_start is not None:
            mine = [r.date_start.isoformat(), (r.date_end or r.date_start).isoformat()]
            if self.dated is None or _width(mine) < _width(self.dated):
                self.dated = mine
        self.actors = sorted(set(self.actors) | r.actors)
        self.countries = sorted(set(self.countries) | r.countries)
        self.platforms = sorted(set(self.platforms) | r.platforms)
        if len(r.countries) < 2:
            self.context = sorted(set(self.context) | r.context)
        outlet = r.outlet or f"document {r.document_id[:12]}"
        if outlet not in self.outlets:
            self.outlets = sorted([*self.outlets, outlet])
        if r.topic and r.topic not in self.topics and len(self.topics) < 8:
            self.topics.append(r.topic)
        if r.status != "unknown" and newer(r, self.latest):
            self.latest = [_iso(r.published) or "", r.event_id, r.status]
        if r.confidence > self.best[0]:
            self.best = [r.confidence, r.event_id]

    def value(self, name: str, besides: str | None = None) -> str | None:
        """The value most reports give (ties: the larger, so the choice is stable), other
        than ``besides`` (a target is never the source)."""
        bucket = {k: n for k, n in self.counts.get(name, {}).items() if k != besides}
        return max(bucket, key=lambda v: (bucket[v], v)) if bucket else None

    def date(self) -> tuple[dt.date | None, dt.date | None]:
        """Days the reports that say it happened agree on most; else the plans'; else none."""
        for cls_ in ("happened", "future"):
            bucket = self.dates.get(cls_)
            if bucket:
                key = max(bucket, key=lambda v: (bucket[v], v))
                first, _, last = key.partition("/")
                return _day(first), _day(last or first)
        return None, None

    def disputed(self) -> list[str]:
        """Fields two reports of one status give different values for: a conflict to check."""
        return [f"date:{c}" for c, bucket in sorted(self.spans.items()) if len(bucket) > 1]


def _width(span: list[str]) -> int:
    return (dt.date.fromisoformat(span[1]) - dt.date.fromisoformat(span[0])).days


def newer(r: Report, latest: list[Any]) -> bool:
    published = _iso(r.published) or ""
    if published != latest[0]:
        return published > str(latest[0])
    return STATUS_RANK.get(r.status, 0) > STATUS_RANK.get(str(latest[2]), 0)


def _gap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    """Days between two intervals; 0 when they overlap."""
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


def _planned(status: str) -> bool:
    return status in FUTURE or status == "possible"


def _polarity(status: str) -> str | None:
    """Whether a report says it happened (or will) or that it did not; None: no telling."""
    return None if status == "unknown" else "negative" if status == "denied" else "positive"


def _kin_platforms(a: Iterable[str], b: Iterable[str]) -> bool:
    return any(_kin_platform(x, y) for x in a for y in b)


def _kin_platform(a: str, b: str) -> bool:
    """One platform, or one a variant of the other by its name ("rafale", "rafale-m"; "k2",
    "k2pl"): the same system as far as one deal goes."""
    x, y = a.replace("-", ""), b.replace("-", "")
    if x == y or x.startswith(y) or y.startswith(x):
        return True
    head_a, head_b = a.split("-")[0], b.split("-")[0]  # "k2-black-panther", "k2pl"
    return any(ch.isdigit() for ch in head_a) and (
        head_b.startswith(head_a) or head_a.startswith(head_b)
    )


def _holds(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    return a[0] <= b[0] and b[1] <= a[1]


@cache
def settings() -> dict[str, Any]:
    found: dict[str, Any] = load("knowledge")
    return found


def _vetoed(r: Report, c: Summary) -> bool:
    """What makes two reports two happenings, whatever else they share."""
    forum, session = c.counts.get("forum", {}), c.counts.get("session", {})
    if r.forum and forum and r.forum not in forum:
        return True
    if r.session is not None and session and str(r.session) not in session:
        return True
    venues = c.counts.get("venue", {})
    if r.venue and venues and r.venue not in venues:
        return True  # Rajghat is not Rashtrapati Bhavan
    negative = r.status == "denied" and str(c.latest[2]) == "denied"
    if r.platforms and c.platforms and not _kin_platforms(r.platforms, c.platforms):
        # an S-400 order is not a Su-57 order; but "no deal for the S-400 or the Su-57"
        # and "no Su-57 deal" are one thing that did not happen
        return not negative
    places = c.counts.get("place_country", {})
    if r.place_country and places and r.place_country not in places:
        return True  # Tianjin is not India
    if _polarity(r.status) and c.latest[1] and _polarity(r.status) != _polarity(str(c.latest[2])):
        return True  # "no contract was signed" is not the signing
    actors, countries = set(c.actors), set(c.countries)
    return bool(r.actors and actors and not (r.actors & actors or r.countries & countries))


def score(r: Report, c: Summary) -> float | None:
    """How much a report agrees with a canonical event; None when it cannot be one."""
    if _vetoed(r, c):
        return None
    weight = settings()["points"]
    forum, session = c.counts.get("forum", {}), c.counts.get("session", {})
    identity = bool(
        r.forum and r.session is not None and r.forum in forum and str(r.session) in session
    )
    points = (
        weight["forum_and_session"] if identity else weight["forum"] if r.forum in forum else 0.0
    )
    points += weight["person"] * len((r.actors - r.countries) & set(c.actors))
    mine = r.countries if len(r.countries) >= 2 else r.countries | r.context
    theirs = set(c.countries) if len(c.countries) >= 2 else set(c.countries) | set(c.context)
    shared = len(mine & theirs)
    points += weight["pair"] if shared >= 2 else weight["one_country"] if shared == 1 else 0.0
    for name, value in (("venue", r.venue), ("place", r.place)):
        if value and value in c.counts.get(name, {}):
            points += weight[name]
    if r.platforms and _kin_platforms(r.platforms, c.platforms):
        points += weight["platform"]
    if r.status == "denied" and str(c.latest[2]) == "denied":
        points += weight["both_denied"]  # what did not happen, told at one time by one pair
    # a plan's date may slip: another date is a conflict to show, not another act
    plans = _planned(r.status) and _planned(str(c.latest[2])) and bool(r.platforms and c.platforms)
    dates = _date_points(r, c, identity or (plans and shared >= 2))
    if dates is None:
        return None
    points += dates
    if r.subtype not in c.counts.get("subtype", {}):
        points += weight["kin_subtype"]
    return points if points >= settings()["min_score"] else None


def _date_points(r: Report, c: Summary, identity: bool) -> float | None:
    """Agreement on time; None when the days are too far apart to be one happening."""
    weight, slack = settings()["points"], settings()["date_slack_days"]
    if r.precise is not None and c.precise is not None:
        span = (_day(c.precise[0]), _day(c.precise[1]))
        gap = _gap(r.precise, span)  # type: ignore[arg-type]
        if gap > slack and not identity:
            # the day of publication, given to a story's background, proves nothing
            return 0.0 if r.precise == (r.published, r.published) else None
        if r.precise == span:
            return float(weight["same_days"])
        if gap == 0:
            return float(weight["overlapping_days"])
        return 0.0 if r.subtype in settings()["multi_day"] else float(weight["other_days"])
    if r.date_start is not None and c.dated is not None:
        span = (_day(c.dated[0]), _day(c.dated[1]))
        mine = (r.date_start, r.date_end or r.date_start)
        if _gap(mine, span) > slack and not identity:  # type: ignore[arg-type]
            return 0.0 if mine == (r.published, r.published) else None
        wider = max((span[1] - span[0]).days, (mine[1] - mine[0]).days)  # type: ignore[operator]
        holds = _holds(mine, span) or _holds(span, mine)  # type: ignore[arg-type]
        if mine == span or (wider <= settings()["month_days"] and holds):
            return float(weight["same_dates"])
    return 0.0


def merged(c: Summary) -> dict[str, Any]:
    """The canonical event's columns from its summary."""
    start, end = c.date()
    quantity = c.value("quantity")
    session = c.value("session")
    subtype = c.value("subtype") or ""
    return {
        "subtype": subtype,
        "status": c.latest[2] if c.latest[1] else "unknown",
        "date_start": start,
        "date_end": end,
        "place_id": c.value("place"),
        "forum_id": c.value("forum"),
        "session": int(session) if session is not None else None,
        "platform_id": c.value("platform"),
        "source_id": c.value("source"),
        "target_id": c.value("target", besides=c.value("source")),
        "quantity": float(quantity) if quantity is not None else None,
        "report_count": sum(c.counts.get("subtype", {}).values()),
        "source_count": len(c.outlets),
        "best_event_id": c.best[1],
        "disputed": ",".join(c.disputed()) or None,
    }
