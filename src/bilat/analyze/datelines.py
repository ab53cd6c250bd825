"""Datelines: "NEW DELHI, Dec 4 (Reuters) -", "MOSCOW, December 3. /TASS/.", "ISLAMABAD:".

The place of a dateline is where the story was filed: a place even when it is a capital
(which elsewhere may act as its state), written in capitals or not. The agency in its
brackets is a media outlet. Rules are data in ``datelines.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from bilat.lexicon import load


@dataclass(frozen=True)
class Dateline:
    place: tuple[int, int]  # character offsets in the block
    region: tuple[int, int] | None
    agency: tuple[int, int] | None
    agency_name: str | None  # the outlet a dateline-only short form stands for


@cache
def _pattern() -> re.Pattern[str]:
    months = "|".join(load("datelines")["months"])
    word = r"[A-Z][A-Za-z.'’-]*"
    return re.compile(
        rf"^(?P<place>{word}(?: {word}){{0,3}})"
        rf"(?:, (?P<region>{word}(?: {word}){{0,2}}))?"
        rf"(?:,? (?:{months})\.? \d{{1,2}}(?:, \d{{4}})?\.?)?"
        # an agency in brackets or slashes may end the dateline; without one, a dash or colon
        rf"(?:\s*(?:\((?P<agency>[A-Za-z][A-Za-z .-]*)\)|/(?P<slash>[A-Za-z]+)/\.?)"
        rf"(?:\s*(?:--|[-–—:]))?|\s*(?:--|[-–—:]))\s"
    )


def find(text: str) -> Dateline | None:
    """The dateline at the start of a block's ``text``, if it has one."""
    m = _pattern().match(text)
    if m is None:
        return None
    group = "agency" if m.group("agency") else "slash" if m.group("slash") else None
    agency = m.span(group) if group else None
    short = m.group(group) if group else None
    return Dateline(
        m.span("place"),
        m.span("region") if m.group("region") else None,
        agency,
        load("datelines")["agencies"].get(short) if short else None,
    )


def blocks(sections: list[str]) -> Iterator[int]:
    """Indexes of the blocks that may open with a dateline: the first few of the body."""
    body = [i for i, s in enumerate(sections) if s == "body"]
    yield from body[: int(load("datelines")["first_blocks"])]
