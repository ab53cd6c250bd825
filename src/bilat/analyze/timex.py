"""Find time expressions in a sentence and resolve them to date intervals.

Rules are in ``lexicon/time.yaml``. Relative expressions ("last month", "Thursday
evening", "Day 2") resolve against the publication date and are kept unresolved,
never guessed, when the document has none. Explicit dates resolve on their own.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from bilat.lexicon import load
from bilat.models import TimeValue


@dataclass(frozen=True)
class Timex:
    """A time expression found in text, not yet resolved (resolution may need the tense)."""

    kind: str  # date, month, month_alone, year, weekday, relative, day_number
    text: str
    start: int
    end: int
    values: tuple[Any, ...] = ()


@dataclass(frozen=True)
class _Rules:
    relative: list[tuple[re.Pattern[str], dict[str, Any]]]
    day_number: re.Pattern[str]
    weekday: re.Pattern[str]
    weekdays: list[str]
    months: dict[str, int]
    full_date: re.Pattern[str]
    us_date: re.Pattern[str]
    month_year: re.Pattern[str]
    month_alone: re.Pattern[str]
    week_of: re.Pattern[str]
    year: re.Pattern[str]
    not_a_date: frozenset[str]
    name_exceptions: frozenset[str]
    deadline: frozenset[str]


@cache
def _rules() -> _Rules:
    data = load("time")
    months: dict[str, int] = data["months"]
    names = "|".join(sorted((m.capitalize() for m in months), key=len, reverse=True))
    month = rf"(?P<month>{names})\.?"
    weekdays = data["weekdays"]
    parts = "|".join(data["parts_of_day"])
    return _Rules(
        relative=[
            (re.compile(rf"\b(?:{r['pattern']})\b", re.IGNORECASE), r) for r in data["relative"]
        ],
        day_number=re.compile(data["day_number"]),
        weekday=re.compile(
            rf"\b(?P<wd>{'|'.join(w.capitalize() for w in weekdays)})"
            rf"(?:'s)?(?: (?:{parts}))?\b"
        ),
        weekdays=weekdays,
        months=months,
        full_date=re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)? {month},? (?P<year>\d{{4}})?"),
        us_date=re.compile(
            rf"\b{month} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? (?P<year>\d{{4}}))?"
        ),
        month_year=re.compile(rf"\b{month},? (?:of )?(?P<year>\d{{4}})\b"),
        month_alone=re.compile(
            rf"\b(?:(?:{'|'.join(data['month_preps'])}) |mid-){month}(?![\w-]|,? \d)",
            re.IGNORECASE,
        ),
        week_of=re.compile(
            rf"\b(?P<nth>first|second|third|fourth|last) week of {month}(?: (?P<year>\d{{4}}))?"
        ),
        year=re.compile(r"(?<![\w-])(?P<year>(?:19|20)\d{2})(?![\w-])"),
        not_a_date=frozenset(data["year_not_a_date"]),
        name_exceptions=frozenset(data["year_name_exceptions"]),
        deadline=frozenset(data["year_deadline"]),
    )


def _free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return not any(s < end and start < e for s, e in taken)


def _word_before(text: str, start: int) -> str:
    words = text[:start].split()
    return words[-1].lower() if words else ""


def _names_year(text: str, start: int, r: _Rules) -> bool:
    """Whether the year at ``start`` is part of a name: right after a capitalised word
    ("Programme 2030", "Horizon 2047") that is not a preposition, month or weekday."""
    head = text[:start]
    if not head.endswith(" "):
        return False
    words = head.split()
    word = words[-1] if words else ""
    low = word.lower()
    return (
        word[:1].isupper()
        and word.isalpha()
        and low not in r.name_exceptions
        and low not in r.months
        and low not in r.weekdays
    )


def find(text: str, offset: int = 0) -> list[Timex]:
    """Time expressions in ``text`` (a sentence starting at document offset ``offset``)."""
    r = _rules()
    found: list[Timex] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, m: re.Match[str], *values: Any) -> None:
        if _free(taken, m.start(), m.end()):
            taken.append((m.start(), m.end()))
            found.append(Timex(kind, m.group(0), offset + m.start(), offset + m.end(), values))

    for m in r.week_of.finditer(text):
        add("week_of", m, m["nth"], r.months[m["month"].lower()], m["year"])
    for pattern in (r.full_date, r.us_date):
        for m in pattern.finditer(text):
            add("date", m, int(m["day"]), r.months[m["month"].lower()], m["year"])
    for m in r.month_year.finditer(text):
        add("month", m, r.months[m["month"].lower()], int(m["year"]))
    for m in r.month_alone.finditer(text):
        if m["month"][0].isupper():  # "in May", not "in may"
            add("month_alone", m, r.months[m["month"].lower().rstrip(".")])
    for pattern, rule in r.relative:
        for m in pattern.finditer(text):
            add("relative", m, rule["unit"], rule["offset"], rule.get("part"))
    for m in r.day_number.finditer(text):
        add("day_number", m, int(m.group(1)))
    for m in r.weekday.finditer(text):
        add("weekday", m, r.weekdays.index(m["wd"].lower()))
    for m in r.year.finditer(text):
        before = _word_before(text, m.start())
        if before in r.not_a_date or _names_year(text, m.start(), r):
            continue
        add("year", m, int(m["year"]), before in r.deadline)
    return sorted(found, key=lambda t: t.start)


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(anchor: dt.date, offset: int) -> tuple[int, int]:
    index = anchor.year * 12 + anchor.month - 1 + offset
    return index // 12, index % 12 + 1


def _relative(anchor: dt.date, unit: str, offset: int, part: str | None) -> tuple[dt.date, dt.date]:
    if unit == "day":
        day = anchor + dt.timedelta(days=offset)
        return day, day
    if unit == "week":
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=offset)
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        return _month_span(*_shift_month(anchor, offset))
    year = anchor.year + offset
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if part == "before":
        return first, anchor
    if part == "after":
        return anchor, last
    if part == "early":
        return first, dt.date(year, 4, 30)
    return first, last


def _weekday(anchor: dt.date, weekday: int, future: bool) -> dt.date:
    if future:
        return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7)
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def _week_of(
    anchor: dt.date | None, nth: str, month: int, year: str | None
) -> tuple[dt.date, dt.date] | None:
    if year is None and anchor is None:
        return None
    y = int(year) if year else _nearest_year(anchor, month)  # type: ignore[arg-type]
    first, last = _month_span(y, month)
    if nth == "last":
        return last - dt.timedelta(days=6), last
    n = ("first", "second", "third", "fourth").index(nth)
    start = first + dt.timedelta(days=7 * n)
    return start, start + dt.timedelta(days=6)


def _nearest_year(anchor: dt.date, month: int) -> int:
    """A month named without a year: the one within six months of the anchor."""
    if month - anchor.month > 6:
        return anchor.year - 1
    if anchor.month - month > 6:
        return anchor.year + 1
    return anchor.year


def _month_year(anchor: dt.date, month: int, future: bool) -> int:
    """The year of a month named alone: the last such month up to the anchor's, or for a
    planned event the next one from it."""
    if future:
        return anchor.year if month >= anchor.month else anchor.year + 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def _interval(
    tx: Timex, anchor: dt.date | None, future: bool
) -> tuple[dt.date | None, dt.date | None]:
    v = tx.values
    if tx.kind == "year":
        return (
            (None, dt.date(v[0], 12, 31)) if v[1] else (dt.date(v[0], 1, 1), dt.date(v[0], 12, 31))
        )
    if tx.kind == "month":
        return _month_span(v[1], v[0])
    if tx.kind == "date":
        if v[2] is None and anchor is None:
            return None, None
        year = int(v[2]) if v[2] else _nearest_year(anchor, v[1])  # type: ignore[arg-type]
        try:
            day = dt.date(year, v[1], v[0])
        except ValueError:
            return None, None
        return day, day
    if tx.kind == "month_alone":
        if anchor is None:
            return None, None
        return _month_span(_month_year(anchor, v[0], future), v[0])
    if tx.kind == "week_of":
        span = _week_of(anchor, *v)
        return span if span else (None, None)
    if anchor is None:
        return None, None
    if tx.kind == "relative":
        return _relative(anchor, *v)
    if tx.kind == "day_number":
        day = anchor + dt.timedelta(days=v[0] - 1)
        return day, day
    day = _weekday(anchor, v[0], future)
    return day, day


CLOCK = re.compile(r"^\s*\d{1,2}[:.]\d{2}\b")  # a live blog entry's time stamp


@cache
def _narrative() -> re.Pattern[str]:
    return re.compile(rf"^(?:{load('time')['narrative_relative']})$", re.IGNORECASE)


def narrative(tx: Timex) -> bool:
    """Whether ``tx`` counts from the story's last day ("the next day"), not from today."""
    return tx.kind == "relative" and bool(_narrative().match(tx.text.strip()))


def told(tx: Timex) -> bool:
    """Whether ``tx`` points back at the time the story told last ("at the time")."""
    return tx.kind == "relative" and tx.values[:1] == ("told",)


def resolve(tx: Timex, anchor: dt.date | None, future: bool = False) -> TimeValue:
    """``tx`` as an interval; ``future`` picks the coming weekday rather than the last one."""
    start, end = _interval(tx, anchor, future)
    return TimeValue(tx.text, tx.start, tx.end, start, end)
