"""Names inside names.

- A body named with its country ("Russian Defence Ministry", "US military", "India's
  Ministry of External Affairs") is also a mention of that country.
- A leader's surname before "administration" or "government" ("the Biden
  administration") names that leader's government, not the person.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from bilat.analyze.gazetteer import Gazetteer
from bilat.analyze.slug import slugify
from bilat.lexicon import load
from bilat.models import Entity

_POSSESSIVE = ("'s", "’s", "'", "’")


def leading_country(gaz: Gazetteer, span: Span, country_id: str) -> Span | None:
    """The first words of ``span`` when they name ``country_id`` (its name, an alias or its
    demonym), without a possessive."""
    for n in (3, 2, 1):
        if n >= len(span):
            continue
        part = span[:n]
        if part[-1].text in _POSSESSIVE:
            continue
        if gaz.aliases.get(part.text.lower()) == country_id:
            return part
    return None


def administration(
    doc: Doc, person: Span, entity: Entity, gaz: Gazetteer
) -> tuple[Span, Entity] | None:
    """ "the Biden administration" -> the span and the organisation "Biden administration"."""
    heads = load("groups")["leader_heads"]
    if person.end >= len(doc) or doc[person.end].lower_ not in heads:
        return None
    surname = entity.name.split()[-1]
    head = doc[person.end].lower_
    country = gaz.entities.get(str(entity.attrs.get("country")))
    org = Entity(
        slugify(f"{surname} {head}"),
        "organization",
        f"{surname} {head}",
        (),
        {"kind": "government", "country": country.id if country else None, "leader": entity.id},
        origin="text",
    )
    return doc[person.start : person.end + 1], org
