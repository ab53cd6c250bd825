"""Country groups: "the Japanese government", "Indian PSUs", "senior U.S. defense officials",
"the government of Japan" name an organisation tied to a country.

The country is linked first (by name, demonym or metonym); a head word from
``groups.yaml`` after it (past a possessive and modifiers such as "senior" or "defence"),
or "government of" before it, becomes a mention of the group "<Demonym> <head>".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span

from bilat.analyze.slug import slugify
from bilat.lexicon import load
from bilat.models import Entity

_POSSESSIVE = {"'s", "’s", "'", "’"}


@dataclass(frozen=True)
class GroupRules:
    # first word -> [(words, canonical head)], longest first
    heads: dict[str, list[tuple[tuple[str, ...], str]]]
    modifiers: frozenset[str]
    before: dict[str, str]  # word before "of <country>" -> canonical head


@cache
def rules() -> GroupRules:
    data = load("groups")
    heads: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for head, forms in data["heads"].items():
        for words in forms:
            heads.setdefault(words[0], []).append((tuple(words), head))
    for bucket in heads.values():
        bucket.sort(key=lambda h: -len(h[0]))
    before = {w: head for head, words in data["before_country"].items() for w in words}
    return GroupRules(heads, frozenset(data["modifiers"]), before)


def _head_at(doc: Doc, i: int) -> tuple[int, str] | None:
    """The end token and canonical head of the longest head starting at token ``i``."""
    for words, head in rules().heads.get(doc[i].lower_, ()):
        end = i + len(words)
        if end <= len(doc) and tuple(t.lower_ for t in doc[i:end]) == words:
            if end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN"):
                return None  # a modifier itself: "military equipment", "government officials"
            return end, head
    return None


def after(doc: Doc, country: Span) -> tuple[Span, str] | None:
    """The head words after ``country`` ("[senior] [defense] officials"), if any."""
    r = rules()
    i = country.end
    if i < len(doc) and doc[i].text in _POSSESSIVE:
        i += 1
    start, found = i, None
    while i < len(doc):
        hit = _head_at(doc, i)
        if hit is not None:
            found = (doc[start : hit[0]], hit[1])
        if doc[i].lower_ not in r.modifiers and hit is None:
            break
        i += 1
    return found


def before(doc: Doc, country: Span) -> tuple[Span, str] | None:
    """ "government of" right before ``country``."""
    i = country.start
    if i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in rules().before:
        return doc[i - 2 : i], rules().before[doc[i - 2].lower_]
    return None


def group_entity(country: Entity, head: str) -> Entity:
    """The group ``head`` of ``country``: "Japanese government", id "japan-government"."""
    demonym = country.attrs.get("demonym") or country.name
    forms = [country.name, *(a for a in country.aliases if len(a.split()) <= 2)]
    aliases = [f"{form} {head}" for form in forms] + [f"{country.name}'s {head}"]
    if head in rules().before.values():
        aliases.append(f"{head} of {country.name}")
    return Entity(
        f"{country.id}-{slugify(head)}",
        "organization",
        f"{demonym} {head}",
        tuple(dict.fromkeys(aliases)),
        {"kind": "group", "country": country.id, "head": head},
        origin="text",
    )
