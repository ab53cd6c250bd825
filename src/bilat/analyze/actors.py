"""Who an event's participants are, once its mentions are read.

- A person or body acting for a country stands for it: "Singh met Belousov" has the two
  ministers, not India and Russia as well; "the Russian defence industry is ready to
  assist India" has the industry and India. A country is dropped when another participant
  acting in the event (not only speaking of it) belongs to it: its country, or a role the
  lexicon gives it there. "Belousov said Russia is committed to India" keeps Russia.
- A media outlet reports an event; it does not take part ("RIYADH, May 13 (Reuters) -").
"""

from __future__ import annotations

from dataclasses import replace

from bilat.models import Entity, Event, Participant


def _country_of(entity: Entity) -> set[str]:
    out = {str(entity.attrs["country"])} if entity.attrs.get("country") else set()
    return out | {r.of for r in entity.roles if r.of}


def settle(event: Event, entities: dict[str, Entity]) -> Event:
    """``event`` with countries represented by another participant and outlets dropped."""
    kept = [
        p
        for p in event.participants
        if p.entity_id in entities and entities[p.entity_id].attrs.get("kind") != "media outlet"
    ]
    represented: set[str] = set()
    for p in kept:
        entity = entities[p.entity_id]
        if entity.type in ("person", "organization") and p.role != "speaker":
            represented |= _country_of(entity)
    people: list[Participant] = [
        p
        for p in kept
        if not (entities[p.entity_id].type == "country" and p.entity_id in represented)
    ]
    if len(people) == len(event.participants):
        return event
    return replace(event, participants=tuple(people))
