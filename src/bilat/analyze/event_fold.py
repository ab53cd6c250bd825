"""Drafts of one sentence that are one event: two triggers of one subtype in one phrase
fold together; a draft whose rule names an absorbing subtype joins it ("signed a contract
to buy" is one order).
"""

from __future__ import annotations

from spacy.tokens import Token

from bilat.analyze import frames
from bilat.analyze.event_rules import Draft, Rule


def fold(drafts: list[Draft], found: list[tuple[Token, Rule]]) -> list[Draft]:
    """Two triggers of one subtype in one phrase ("committed to supporting") are one event."""
    out: list[Draft] = []
    for d in drafts:
        same = next(
            (
                o
                for o in out
                if o.subtype == d.subtype and o.sentence == d.sentence and near(o, d, found)
            ),
            None,
        )
        if same is None:
            out.append(d)
            continue
        absorb(same, d)
    return out


def absorb(same: Draft, d: Draft) -> None:
    """Everything ``d`` read goes into ``same``, which keeps what it has; a tense that says
    the thing happened (or did not) beats a present-tense default."""
    if same.status in ("ongoing", "unknown") and d.status in ("occurred", "denied"):
        same.status = d.status
    for entity_id, role in d.participants.items():
        same.add(entity_id, role)
    same.platforms += [p for p in d.platforms if p not in same.platforms]
    same.forum_id = same.forum_id or d.forum_id
    same.session = same.session or d.session
    same.place_id = same.place_id or d.place_id
    same.venue_id = same.venue_id or d.venue_id
    same.quantity = same.quantity if same.quantity is not None else d.quantity
    same.quantity_text = same.quantity_text or d.quantity_text
    same.definite = same.definite or d.definite
    same.frame_is |= d.frame_is
    same.anchor = same.anchor or d.anchor
    same.timex = same.timex or d.timex


def absorbed(drafts: list[Draft]) -> list[Draft]:
    """A draft whose rule names a subtype that absorbs it ("sign" -> "order") joins the
    first draft of that subtype in the same sentence: a contract signed to buy jets is one
    order, not a signing and an order."""
    out = []
    for d in drafts:
        into = next((o for o in drafts if o is not d and o.subtype in d.rule.absorbed_by), None)
        if into is None or d.subtype in into.rule.absorbed_by:
            out.append(d)
        else:
            absorb(into, d)
            into.status = d.status  # the signing says whether the order stands

    return out


def near(a: Draft, b: Draft, found: list[tuple[Token, Rule]]) -> bool:
    tokens = {t.i: t for t, _ in found}
    ta, tb = tokens.get(a.trigger_i), tokens.get(b.trigger_i)
    return ta is not None and tb is not None and frames.distance(ta, tb) <= 3
