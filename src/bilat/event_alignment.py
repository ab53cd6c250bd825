"""Events scored field by field: which gold happenings bilat found at all, and how often
each field of a found one is right.

The strict event score (``evaluate``) counts a gold event only when every field it gives
matches. This one first aligns gold events with predictions by *happening*: the same
subtype or a kin one (``kin`` in lexicon/events.yaml: "talks" and "meeting" may name one
happening; the same subtype is preferred), the gold's evidence words if it gives them, and
agreement on what identifies it
(participants overlapping, the platform, the forum, the date, the place). Each gold event
goes to at most one prediction, best agreement first. Detection precision, recall and F1
count aligned pairs; each field the gold gives (subtype, participants, date, status,
place, attribution, platform, forum, session) is then right or wrong on every aligned pair.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from bilat.lexicon import load
from bilat.store.findings import EventRow

FIELDS = (
    "subtype",
    "participants",
    "date",
    "status",
    "place",
    "attribution",
    "platform",
    "forum",
    "session",
)


@cache
def _types() -> dict[str, str]:
    return {t["subtype"]: t["type"] for t in load("events")["triggers"]}


@cache
def _kin() -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for group in load("events").get("kin", []):
        for subtype in group:
            out[subtype] = frozenset(group)
    return out


def kin(a: str, b: str) -> bool:
    """Two subtypes that may name one happening ("talks" and "meeting")."""
    return a == b or b in _kin().get(a, frozenset())


def plover_type(gold: dict[str, Any]) -> str:
    """The PLOVER type of a gold event: its own ``type`` or its subtype's."""
    return str(gold.get("type") or _types().get(str(gold.get("subtype")), "?"))


@dataclass
class FieldTally:
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))

    def add(self, name: str, ok: bool) -> None:
        self.total[name] += 1
        self.right[name] += int(ok)

    def accuracy(self) -> dict[str, float]:
        return {f: round(self.right[f] / self.total[f], 3) for f in FIELDS if self.total[f]}


Diff = Callable[[dict[str, Any], EventRow], list[str]]
Ids = Callable[[str | None], str | None]


def _agreement(g: dict[str, Any], p: EventRow, wrong: list[str], ids: Ids) -> float | None:
    """How much ``p`` agrees with gold ``g`` on what identifies a happening; None when it
    cannot be the same happening."""
    if not kin(str(g.get("subtype") or p.subtype), p.subtype) or "evidence" in wrong:
        return None
    score = 1.0 if "evidence" in g else 0.0
    if g.get("participants"):
        want = {ids(n) for n in g["participants"]}
        have = {x.entity for x in p.participants}
        score += len(want & have) / len(want | have)
    for name in ("platform", "forum", "date", "place", "session"):
        if name in g and name not in wrong:
            score += 1.0 if name in ("platform", "forum") else 0.5
    identified = any(g.get(k) for k in ("participants", "platform", "forum", "evidence", "date"))
    if identified and score == 0.0:
        return None
    return score + (0.0 if "subtype" in wrong else 1.0)  # of two candidates, the same subtype first


def align(
    golds: list[dict[str, Any]], preds: list[EventRow], diff: Diff, ids: Ids
) -> tuple[list[tuple[dict[str, Any], EventRow, list[str]]], list[dict[str, Any]], list[EventRow]]:
    """(aligned pairs with the fields the prediction gets wrong, unaligned gold, unaligned
    predictions)."""
    candidates = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            wrong = diff(g, p)
            score = _agreement(g, p, wrong, ids)
            if score is not None:
                candidates.append((-score, len(wrong), gi, pi, wrong))
    candidates.sort(key=lambda c: c[:4])
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, gi, pi, wrong in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((golds[gi], preds[pi], wrong))
    missed = [g for i, g in enumerate(golds) if i not in used_g]
    extra = [p for i, p in enumerate(preds) if i not in used_p]
    return pairs, missed, extra


def tally_fields(
    tallies: list[FieldTally], pairs: list[tuple[dict[str, Any], EventRow, list[str]]]
) -> None:
    for g, _, wrong in pairs:
        for name in FIELDS:
            if name in g:
                for t in tallies:
                    t.add(name, name not in wrong)
