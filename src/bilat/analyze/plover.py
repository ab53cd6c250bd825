"""PLOVER fields of an event: source and target actors, mode, context.

Source is PLOVER's actor (who does it), target its recipient (to whom it is done); both
come from the participants' roles, in the orders ``lexicon/plover.yaml`` gives. Mode
and context are read from the event's status, subtype and type by the same file.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from bilat.lexicon import load
from bilat.models import Event, Participant


@dataclass(frozen=True)
class Tables:
    source_roles: tuple[str, ...]
    target_roles: tuple[str, ...]
    status_modes: dict[str, str]
    subtype_modes: dict[str, str]
    type_contexts: dict[str, str]
    subtype_contexts: dict[str, str]
    receiving_roles: frozenset[str]


@cache
def tables() -> Tables:
    data = load("plover")
    return Tables(
        tuple(data["source_roles"]),
        tuple(data["target_roles"]),
        dict(data["status_modes"]),
        dict(data["subtype_modes"]),
        dict(data["type_contexts"]),
        dict(data["subtype_contexts"]),
        frozenset(data["receiving_roles"]),
    )


def _first(parts: tuple[Participant, ...], order: tuple[str, ...], skip: str | None) -> str | None:
    rank = {role: i for i, role in enumerate(order)}
    ranked = sorted(
        (rank[p.role], n, p.entity_id)
        for n, p in enumerate(parts)
        if p.role in rank and p.entity_id != skip
    )
    return ranked[0][2] if ranked else None


def source_target(participants: tuple[Participant, ...]) -> tuple[str | None, str | None]:
    t = tables()
    source = _first(participants, t.source_roles, None)
    target = _first(participants, t.target_roles, source)
    if target is None and source is not None:  # "India and France agreed": the second
        role = next(p.role for p in participants if p.entity_id == source)
        target = next(
            (p.entity_id for p in participants if p.role == role and p.entity_id != source), None
        )
    return source, target


def oriented(event: Event) -> Event:
    """``event`` with its source and target set from its participants. A source the
    grammar gave (the active subject or a passive's agent, set by ``merge``) wins when it
    is still a participant: "Mohammed bin Salman received the Iranian minister" has the
    host as source, "Putin was received by Modi" too."""
    roles = {p.entity_id: p.role for p in event.participants}
    # a grammatical subject that receives ("India received the S-400", "Poland signed a
    # contract with Hyundai Rotem") is not the source: the supplier is
    if event.source_id in roles and roles[event.source_id] not in tables().receiving_roles:
        target = _first(event.participants, tables().target_roles, event.source_id)
        if target is None:
            target = next(
                (p.entity_id for p in event.participants if p.entity_id != event.source_id), None
            )
        return replace(event, target_id=target)
    source, target = source_target(event.participants)
    return replace(event, source_id=source, target_id=target)


def mode(subtype: str, status: str) -> str | None:
    t = tables()
    return t.status_modes.get(status) or t.subtype_modes.get(subtype)


def context(etype: str, subtype: str) -> str | None:
    t = tables()
    return t.subtype_contexts.get(subtype) or t.type_contexts.get(etype)
