"""How sure bilat is of an event, from how it was read.

An explicit verb trigger with both its actors read from the text is surer than a noun
with no actor, an item under a list intro, or parties inferred from the document's
pair of countries. The weights are data (``confidence`` in ``lexicon/events.yaml``);
``bilat events --min-confidence`` filters on the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from bilat.lexicon import load


@dataclass(frozen=True)
class Reading:
    """What is known about how an event was read."""

    verb_trigger: bool
    actors: int  # source and target read from the text: 0, 1 or 2
    mentions: int = 1  # sentences that report it
    list_item: bool = False
    hedged: bool = False
    inferred: bool = False  # parties taken from the document's pair


@cache
def _weights() -> dict[str, Any]:
    return dict(load("events")["confidence"])


def grade(r: Reading) -> float:
    w = _weights()
    score = float(w["base"])
    score += w["verb_trigger"] if r.verb_trigger else 0.0
    score += float(w["actors"][min(2, max(0, r.actors))])
    score += min(w["extra_mentions_max"], w["per_extra_mention"] * max(0, r.mentions - 1))
    score += w["list_item"] if r.list_item else 0.0
    score += w["hedged"] if r.hedged else 0.0
    if r.inferred:
        score = min(score, float(w["inferred"]))
    return round(min(float(w["ceiling"]), max(float(w["floor"]), score)), 2)
