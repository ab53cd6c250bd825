"""Event rules as data, and drafts: what a trigger is, which rule it fires, and the record
of an event under construction.

Triggers and argument rules are data (``lexicon/events.yaml``): spaCy Matcher patterns
and a map from syntactic slot to participant role. ``triggers`` finds them in a sentence
(one-token patterns by dictionary lookup, the rest by a per-sentence Matcher).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.tokens import Token

from bilat.analyze import timex
from bilat.analyze.context import SentenceView
from bilat.analyze.triggers import TriggerIndex
from bilat.lexicon import load


@dataclass(frozen=True)
class Rule:
    subtype: str
    type: str
    roles: dict[str, str]
    verb_roles: dict[str, dict[str, str]] = field(default_factory=dict)
    requires: tuple[str, ...] = ()
    requires_for: dict[str, str] = field(default_factory=dict)
    mergeable: bool = False
    distributes: bool = False
    speaker: str | None = None
    becomes: dict[str, str] = field(default_factory=dict)
    chair_verbs: tuple[str, ...] = ()
    emit: bool = True
    present_is: str | None = None
    absorbed_by: tuple[str, ...] = ()  # subtypes that take this draft in when in its sentence
    part_of: tuple[
        str, ...
    ] = ()  # subtypes this one is part of in one sentence ("met and discussed")
    topic_objects: bool = (
        False  # an event noun as its object is its topic ("discussed the deliveries")
    )

    def roles_for(self, trigger: Token) -> dict[str, str]:
        return self.verb_roles.get(trigger.lemma_, self.roles)


@dataclass
class Draft:
    """An event under construction; ``merge`` turns drafts into ``Event`` records."""

    rule: Rule
    sentence: int
    start: int
    end: int
    subtype: str
    status: str = "unknown"
    attribution: str | None = None
    participants: dict[str, str] = field(default_factory=dict)
    timex: timex.Timex | None = None
    anchor: Draft | None = None
    during: Draft | None = None  # part of that event ("remarks during the meeting")
    anchor_days: int = 0  # days from the anchor's day to this one ("a day after": 1)
    agents: list[str] = field(default_factory=list)  # who does it, by grammar (source first)
    distributed: bool = False  # a list intro whose items are the events
    definite: bool = False  # "the meeting", "the next day's talks": refers back
    list_item: bool = False  # read from an item under a list intro
    pact_scope: frozenset[int] = frozenset()  # a signed pact: the tokens that say what it covers
    frame_is: set[int] = field(default_factory=set)
    place_id: str | None = None
    venue_id: str | None = None
    forum_id: str | None = None
    session: int | None = None
    platforms: list[str] = field(default_factory=list)
    quantity: float | None = None
    quantity_text: str | None = None
    topic: str | None = None
    block: int = 0
    trigger_i: int = -1  # token index in the block's Doc
    evidence: list[tuple[int, int]] = field(default_factory=list)

    def add(self, entity_id: str, role: str) -> None:
        current = self.participants.get(entity_id)
        if current is None or current == "participant":
            self.participants[entity_id] = role


@dataclass(frozen=True)
class Rules:
    by_key: dict[str, Rule]
    support_verbs: frozenset[str]
    forum_preps: frozenset[str]
    patterns: dict[str, list[list[dict[str, Any]]]]
    heads: dict[str, int]
    by_subtype: dict[str, Rule]
    things: frozenset[str]
    platform_lookback: int
    deal_nouns: frozenset[str]
    pact_nouns: frozenset[str]
    speech_acts: frozenset[str]
    sidelines: frozenset[str]
    arms: frozenset[str]
    arms_compounds: frozenset[str]
    event_heads: frozenset[str]


@cache
def rules() -> Rules:
    data = load("events")
    by_key: dict[str, Rule] = {}
    patterns: dict[str, list[list[dict[str, Any]]]] = {}
    heads: dict[str, int] = {}
    for entry in data["triggers"]:
        rule = Rule(
            subtype=entry["subtype"],
            type=entry["type"],
            roles=entry.get("roles", {}),
            verb_roles=entry.get("verb_roles", {}),
            requires=tuple(entry.get("requires", ())),
            requires_for=entry.get("requires_for", {}),
            mergeable=entry.get("mergeable", False),
            distributes=entry.get("distributes", False),
            speaker=entry.get("speaker"),
            becomes=entry.get("becomes", {}),
            chair_verbs=tuple(entry.get("chair_verbs", ())),
            emit=entry.get("emit", True),
            present_is=entry.get("present_is"),
            absorbed_by=tuple(entry.get("absorbed_by", ())),
            part_of=tuple(entry.get("part_of", ())),
            topic_objects=entry.get("topic_objects", False),
        )
        for n, pattern in enumerate(entry["patterns"]):
            key = f"{rule.subtype}#{n}"
            by_key[key] = rule
            # a token marked `HEAD: true` is the trigger; else `head_for_compound`, else the first
            marked = [i for i, tok in enumerate(pattern) if tok.get("HEAD")]
            patterns[key] = [[{k: v for k, v in tok.items() if k != "HEAD"} for tok in pattern]]
            compound = entry.get("head_for_compound")
            if marked:
                heads[key] = marked[0]
            else:
                heads[key] = compound if compound is not None and len(pattern) > 1 else 0
    return Rules(
        by_key,
        frozenset(data["support_verbs"]),
        frozenset(data["forum_preps"]),
        patterns,
        heads,
        {r.subtype: r for r in reversed(list(by_key.values()))},
        frozenset(data["things"]),
        int(data["platform_lookback"]),
        frozenset(data["deal_nouns"]),
        frozenset(data["pact_nouns"]),
        frozenset(data["speech_acts"]),
        frozenset(data["sidelines"]),
        frozenset(data["arms"]),
        frozenset(data["arms_compounds"]),
        frozenset(data["event_heads"]),
    )


def descriptive(token: Token, r: Rules) -> bool:
    """A trigger word that only describes something else: "the two visiting secretaries",
    "delivery schedules" (a compound on a noun that is no event)."""
    if token.tag_ == "VBG" and token.dep_ == "amod":
        return True
    if token.tag_ == "VBG" and token.dep_ == "acl" and _generic(token.head):
        return True  # "countries buying Russian weapons risk sanctions": any country
    if token.pos_ == "NOUN" and token.dep_ == "compound" and token.head.pos_ == "NOUN":
        return token.head.lemma_ not in r.deal_nouns | r.pact_nouns | r.event_heads
    return False


def _generic(noun: Token) -> bool:
    """A bare plural with no determiner, possessive or number: a kind, not someone."""
    return noun.tag_ == "NNS" and not any(
        c.dep_ in ("det", "poss", "nummod") for c in noun.children
    )


@cache
def trigger_index() -> TriggerIndex:
    return TriggerIndex.build(rules().patterns)


def triggers(sv: SentenceView, skip: list[tuple[int, int]]) -> list[tuple[Token, Rule]]:
    """Trigger tokens in a sentence, one rule each (the longest match wins)."""
    r = rules()
    found: dict[int, tuple[int, Token, Rule]] = {}
    span = sv.span
    for key, start, end in trigger_index().find(span):
        token = span[start + r.heads[key]]
        pos = sv.start(token)
        if any(s <= pos < e for s, e in skip):
            continue
        if descriptive(token, r):
            continue
        length = end - start
        if token.i not in found or found[token.i][0] < length:
            found[token.i] = (length, token, r.by_key[key])
    return [(t, rule) for _, t, rule in sorted(found.values(), key=lambda x: x[1].i)]
