"""Titles the text gives people: "Russian Defence Minister Andrei Belousov" -> a role.

The title list is ``lexicon/titles.yaml``; the country or body is the demonym, country
or organisation written just before the title ("Russian", "Kremlin" through its
metonym). Roles are dated by the document's publication date.
"""

from __future__ import annotations

import re
from functools import cache

from bilat.analyze.context import DocView
from bilat.lexicon import load
from bilat.models import TextRole

OF_TYPES = ("country", "organization")


@cache
def _titles() -> re.Pattern[str]:
    titles = sorted(load("titles")["titles"], key=len, reverse=True)
    alternatives = "|".join(re.escape(t) for t in titles)
    return re.compile(rf"(?:^|(?<=\s))(?P<title>{alternatives})\s+$", re.IGNORECASE)


def title_before(text: str) -> str | None:
    """The title that ends ``text`` ("... said Defence Secretary "), if one does."""
    found = _titles().search(text[-60:])
    return found.group("title") if found else None


def read_roles(view: DocView) -> list[TextRole]:
    out: list[TextRole] = []
    text = view.document.text
    for m in view.mentions:
        if view.type_of(m) != "person" or m.kind not in ("name", "alias"):
            continue
        sentence = view.sentences[m.sentence].sentence
        before = text[sentence.start : m.start]
        found = _titles().search(before[-60:])
        if found is None:
            continue
        t_start = m.start - (len(before[-60:]) - found.start("title"))
        title = found.group("title")
        of_id = _of(view, sentence.start, t_start, m.start)
        out.append(TextRole(m.entity_id, _cap(title), t_start, m.end, of_id, view.published))
    return out


def _of(view: DocView, sentence_start: int, title_start: int, person_start: int) -> str | None:
    """A country or body named right before or inside the title ("Russian", "Kremlin")."""
    for m in reversed(view.mentions_in(sentence_start, person_start)):
        gap = view.text(m.end, title_start).strip() if m.end <= title_start else ""
        if gap in ("", "'s", "’s") and view.type_of(m) in OF_TYPES:
            return m.entity_id
        break
    return None


def _cap(title: str) -> str:
    return title[0].upper() + title[1:]


def titles_by_person(view: DocView, roles: list[TextRole]) -> dict[str, list[str]]:
    """Lower-cased titles for each person: the lexicon's and the ones this text gives."""
    out: dict[str, list[str]] = {}
    for entity in view.entities.values():
        if entity.type == "person":
            out[entity.id] = [r.title.lower() for r in entity.roles]
    for r in roles:
        out.setdefault(r.person_id, []).append(r.title.lower())
    return out
