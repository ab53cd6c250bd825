"""Where an event happened when its own sentence does not say.

- "During the meeting, the two ministers signed ...": the place of the event it is part of.
- A wire story's dateline ("TOKYO, Jan. 18 (Kyodo) -- Japan signed ...") is where the
  lead sentence's happening took place, for the kinds of event that happen where the
  story is filed (meetings, signings, orders, statements: ``dateline_types`` in
  events.yaml, types or subtypes),
  and "here" anywhere in the story means the dateline's place.
"""

from __future__ import annotations

from functools import cache

from bilat.analyze import datelines
from bilat.analyze.context import DocView
from bilat.analyze.merge import Group
from bilat.lexicon import load


@cache
def _dateline_types() -> frozenset[str]:
    return frozenset(load("events")["dateline_types"])


def dateline(view: DocView) -> tuple[int, str] | None:
    """(index of the sentence the dateline opens, the dateline's place), if there is one."""
    doc = view.document
    for b in datelines.blocks([block.section for block in doc.blocks]):
        block = doc.blocks[b]
        found = datelines.find(doc.text[block.start : block.end])
        if found is None:
            continue
        start = block.start + found.place[0]
        place = next(
            (
                m.entity_id
                for m in view.mentions_in(start, block.start + found.place[1])
                if view.type_of(m) in ("place", "country")
            ),
            None,
        )
        lead = next(
            (i for i, sv in enumerate(view.sentences) if sv.sentence.start >= block.start), None
        )
        if place is not None and lead is not None:
            return lead, place
    return None


def _travel() -> set[str]:
    return set(load("events").get("travel_subtypes", []))


def settle(groups: list[Group], view: DocView) -> None:
    owner = {id(d): g for g in groups for d in g.drafts}
    for g in groups:
        if g.get("place_id") or g.get("venue_id"):
            continue
        for d in g.drafts:
            whole = owner.get(id(d.during)) if d.during is not None else None
            if whole is not None and whole is not g and whole.get("place_id"):
                g.first.place_id = str(whole.get("place_id"))
                venue = whole.get("venue_id")
                moves = g.first.subtype in _travel()  # lands in the city, not in the hall
                g.first.venue_id = str(venue) if venue and not moves else None
                break
    filed = dateline(view)
    if filed is None:
        return
    lead, place = filed
    for g in groups:
        if g.get("place_id") or g.get("venue_id") or g.status in ("denied", "planned"):
            continue
        here = any(
            t.lower_ == "here" and t.dep_ == "advmod"
            for d in g.drafts
            for t in view.sentences[d.sentence].span
        )
        kinds = {g.first.rule.type, g.first.subtype}
        leads = g.first.sentence == lead and bool(kinds & _dateline_types())
        if here or leads:
            g.first.place_id = place
