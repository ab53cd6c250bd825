"""Names derived from a lexicon entry: the forms news gives a country's ministry.

A ministry entry names its ``short`` form ("Ministry of Defense") and its ``country``;
from them come "Japan's Ministry of Defense", "the Japanese Defense Ministry",
"Japan's defence ministry" and the other spellings, so the lexicon need not list them.
"""

from __future__ import annotations

import re

from bilat.models import Entity

_SPELLINGS = (("Defence", "Defense"), ("Defense", "Defence"))
_OFFICE = re.compile(r"^(Ministry|Department) of (?:the )?(.+)$")


def _spellings(text: str) -> list[str]:
    out = [text]
    for a, b in _SPELLINGS:
        if a in text:
            out.append(text.replace(a, b))
    return out


def _topics(topic: str) -> list[str]:
    """ "Foreign Affairs" -> also "Foreign"; each in both spellings of defence."""
    forms = [topic]
    if topic.endswith(" Affairs"):
        forms.append(topic.removesuffix(" Affairs"))
    return [s for t in forms for s in _spellings(t)]


def country_forms(country: Entity) -> list[str]:
    """The country's name and its short aliases ("US", "U.S.", "Britain")."""
    return [country.name, *(a for a in country.aliases if len(a.split()) <= 2)]


def office_aliases(short: str, country: Entity) -> list[str]:
    """Every form of ``short`` ("Ministry of Defence") tied to ``country``."""
    demonym = str(country.attrs.get("demonym") or country.name)
    names = country_forms(country)
    out: list[str] = []
    for form in _spellings(short):
        out += [f"{n}'s {form}" for n in names] + [f"{demonym} {form}", f"{form} of {country.name}"]
    match = _OFFICE.match(short)
    if match:
        office = match.group(1)
        for topic in _topics(match.group(2)):
            for t, o in ((topic, office), (topic.lower(), office.lower())):
                out += [f"{demonym} {t} {o}"] + [f"{n}'s {t} {o}" for n in names]
    return list(dict.fromkeys(out))


_CLASS = re.compile(r"^(?P<base>.+?)[- ]class(?: (?P<noun>[a-z ]+?))?$")
# the noun news puts after "X-class" for each platform category
_CLASS_NOUNS = {
    "aircraft carrier": "aircraft carrier",
    "destroyer": "destroyer",
    "frigate": "frigate",
    "corvette": "corvette",
    "submarine": "submarine",
    "patrol vessel": "patrol vessel",
    "landing ship": "landing ship",
}


def class_aliases(name: str, category: str | None) -> list[str]:
    """ "Mogami class" (a frigate) -> "Mogami-class", "Mogami class frigate",
    "Mogami-class frigates", ..."""
    match = _CLASS.match(name)
    if match is None:
        return []
    base = match.group("base")
    noun = match.group("noun") or _CLASS_NOUNS.get(category or "")
    out = [f"{base} class", f"{base}-class"]
    if noun:
        out += [f"{form} {n}" for form in out[:2] for n in (noun, noun + "s")]
    return [a for a in out if a != name]
