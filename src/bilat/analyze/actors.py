"""Who an event's participants are, once its mentions are read.

- A person or body acting for a country stands for it: "Singh met Belousov" has the two
  ministers, not India and Russia as well; "the Russian defence industry is ready to
  assist India" has the industry and India. A country is dropped when another participant
  acting in the event (not only speaking of it) belongs to it: its country, or a role the
  lexicon gives it there. "Belousov said Russia is committed to India" keeps Russia.
- A media outlet reports an event; it does not take part ("RIYADH, May 13 (Reuters) -").
- A deal, delivery or negotiation whose sentence names no party ("the deal was signed in
  2018") takes the document's pair of countries when the article is about a pair: the
  parties are then inferred, and the event's confidence (``confidence``) says so.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import cache

from bilat.lexicon import load
from bilat.models import Entity, Event, Mention, Participant

ACTING = ("actor", "supplier")  # roles that do the thing to someone
UNDERGOING = {"counterpart", "recipient"}  # roles it is done to


@cache
def _pair_rules() -> tuple[frozenset[str], int]:
    data = load("events")["document_pair"]
    return frozenset(data["subtypes"]), int(data["min_mentions"])


def countries(mentions: list[Mention], entities: dict[str, Entity]) -> list[tuple[str, int]]:
    """The countries an article mentions, most mentioned first, with their counts."""
    counts = Counter(m.entity_id for m in mentions if entities[m.entity_id].type == "country")
    return counts.most_common()


def document_pair(ranked: list[tuple[str, int]]) -> tuple[str, ...]:
    """The two countries an article is about: the two most mentioned, each at least
    ``min_mentions`` times and clearly ahead of any third; empty when there is no such pair."""
    _, least = _pair_rules()
    top = ranked[:3]
    if len(top) < 2 or top[1][1] < least:
        return ()
    if len(top) == 3 and top[2][1] >= top[1][1]:
        return ()
    return (top[0][0], top[1][0])


def _directed(
    event: Event, ranked: list[tuple[str, int]], entities: dict[str, Entity]
) -> tuple[Participant, ...]:
    """The article's countries as an inferred event's parties. A delivery, order, offer or
    lease of a platform made in a country the article names is supplied by that country to
    the article's most mentioned other country; otherwise the article's pair, if any."""
    origins = _origins(event, entities)
    named = [c for c, _ in ranked]
    if event.subtype in load("events")["document_pair"]["directed"]:
        made = [c for c in named if c in origins]
        others = [c for c in named if c not in origins]
        if len(made) == 1 and others:
            return (Participant(made[0], "supplier"), Participant(others[0], "recipient"))
    return tuple(Participant(c, "participant") for c in document_pair(ranked))


def _hosts_as_places(event: Event, entities: dict[str, Entity]) -> Event:
    """A visit's host that is a country or a body is where the visitor went."""
    rule = load("events")["hosts_as_places"]
    if event.subtype not in rule["subtypes"]:
        return event
    moved = [
        p
        for p in event.participants
        if p.role in rule["roles"]
        and p.entity_id in entities
        and entities[p.entity_id].type in rule["types"]
    ]
    if not moved or len(moved) == len(event.participants):
        return event
    place = event.place_id
    if place is None and entities[moved[0].entity_id].type == "country":
        place = moved[0].entity_id
    kept = tuple(p for p in event.participants if p not in moved)
    return replace(event, participants=kept, place_id=place)


def _supplier_by_origin(event: Event, entities: dict[str, Entity]) -> Event:
    """In an order, delivery, offer or lease, the country the platform comes from supplies
    it ("India and France signed a deal for Rafale M jets": France supplies)."""
    if event.subtype not in load("events")["document_pair"]["directed"]:
        return event
    origins = _origins(event, entities)
    if not any(p.entity_id in origins and p.role != "supplier" for p in event.participants):
        return event
    if len(event.participants) < 2 or any(p.role == "supplier" for p in event.participants):
        return event
    parts = tuple(
        Participant(p.entity_id, "supplier" if p.entity_id in origins else p.role)
        for p in event.participants
    )
    return replace(event, participants=parts)


def country_of(entity: Entity) -> set[str]:
    """The countries a person or body belongs to: its own, and those its roles are of."""
    out = {str(entity.attrs["country"])} if entity.attrs.get("country") else set()
    return out | {r.of for r in entity.roles if r.of}


def _origins(event: Event, entities: dict[str, Entity]) -> set[str]:
    """The countries the event's platforms come from."""
    return {str(entities[p].attrs.get("origin")) for p in event.platform_ids if p in entities}


def settle(
    event: Event, entities: dict[str, Entity], ranked: list[tuple[str, int]] | None = None
) -> Event:
    """``event`` with countries represented by another participant and outlets dropped, and
    the article's countries as its parties when it names none and its subtype allows."""
    if not event.participants and ranked and event.subtype in _pair_rules()[0]:
        inferred = _directed(event, ranked, entities)
        return replace(event, participants=inferred) if inferred else event
    event = _supplier_by_origin(_hosts_as_places(event, entities), entities)
    kept = [
        p
        for p in event.participants
        if p.entity_id in entities and entities[p.entity_id].attrs.get("kind") != "media outlet"
    ]
    # a country stands beside one of its people or bodies on the same side of the event
    # ("Singh met Belousov": not India and Russia too); the Kremlin as the target of an
    # attack Russia blames on Ukraine does not represent Russia
    represented: dict[str, set[str]] = {}
    for p in kept:
        entity = entities[p.entity_id]
        if entity.type in ("person", "organization") and p.role != "speaker":
            for c in country_of(entity):
                represented.setdefault(c, set()).add(p.role)
    people: list[Participant] = [
        p
        for p in kept
        if not (
            entities[p.entity_id].type == "country"
            and p.entity_id in represented
            and not (p.role in ACTING and represented[p.entity_id] <= UNDERGOING)
        )
    ]
    if len(people) == len(event.participants):
        return event
    return replace(event, participants=tuple(people))
