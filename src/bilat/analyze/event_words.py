"""Words around a trigger: what a phrase says about an event without the rest of the
document (a passive, a definite reference, what was signed, how many days apart, an
ordinal session, a count, a named place).
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Token

from bilat.analyze.claims import number
from bilat.analyze.event_rules import Draft, rules

ORDINAL = re.compile(r"^(\d{1,3})(?:st|nd|rd|th)$", re.IGNORECASE)
ORDINAL_WORDS = {
    w: n + 1
    for n, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
        ]
    )
}
VENUE_KINDS = ("venue", "airport", "memorial", "residence", "building", "base", "port")
PLACE_PREPS = ("in", "at", "to", "near", "inside", "outside")
PLACE_NOUNS = (
    "city",
    "town",
    "port",
    "capital",
    "village",
    "province",
    "region",
    "island",
    "state",
)


def governs(token: Token, d: Draft) -> bool:
    return any(
        t.i == d.trigger_i
        for t in token.children
        if t.dep_ in ("dobj", "nsubjpass", "nsubj", "acl")
    )


def days_apart(token: Token) -> int:
    """Days from the anchor to its owner: "a day after" 1, "two days before" -2, else 0."""
    near = list(token.children)
    if token.dep_ == "mark":  # "a day after they signed": "a day" hangs from the verb
        near += [c for c in token.head.children if c.i < token.i]
    if token.head.dep_ == "npadvmod":  # "a day after talks": "after" hangs from "day"
        near.append(token.head)
    for c in near:
        if c.dep_ == "npadvmod" and c.lemma_ == "day":
            n = next((number(x.text) for x in c.children if x.dep_ == "nummod"), None)
            count = int(n) if n else (1 if any(x.lower_ in ("a", "one") for x in c.children) else 0)
            return -count if token.lower_ in ("before", "ahead") else count
    return 0


def passive(tokens: list[Token]) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for t in tokens for c in t.children)


def subjects(verb: Token) -> list[Token]:
    """The subject of a verb, looking through control and coordination ("the first jets
    are expected to reach India", "the engine left and is expected to reach Bengaluru")
    and through a relative pronoun ("tanks, which reached Ukraine in March")."""
    holder = verb
    for _ in range(4):
        own = [c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")]
        if own:
            rel = holder.dep_ == "relcl" and own[0].lower_ in ("which", "that", "who")
            return [holder.head] if rel else own
        if holder.dep_ not in ("xcomp", "conj") or holder.head is holder:
            break
        holder = holder.head
    return []


def signed_noun(trigger: Token) -> Token | None:
    """What a signing signs: its object, passive subject, or the noun it modifies."""
    if trigger.dep_ in ("acl", "amod") and trigger.head.pos_ == "NOUN":
        return trigger.head  # "the contract, signed in August 2022"
    own = next((c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if own is None and trigger.dep_ == "relcl" and trigger.head.pos_ == "NOUN":
        return trigger.head  # "a framework agreement Poland signed in July 2022"
    return own


def signed_thing(trigger: Token) -> str:
    noun = signed_noun(trigger)
    return noun.lower_ if noun is not None else ""


def pact_scope(trigger: Token) -> frozenset[int]:
    """The tokens of a signed pact and what hangs from it ("a framework agreement Poland
    signed, which allows for the purchase of 1,000 tanks"); empty when no pact is signed."""
    noun = signed_noun(trigger)
    if noun is None:
        return frozenset()
    words = {noun.lower_, *(c.lower_ for c in noun.children if c.dep_ in ("compound", "amod"))}
    if not words & rules().pact_nouns:
        return frozenset()
    return frozenset(t.i for t in (*noun.subtree, *trigger.subtree))


def definite(trigger: Token) -> bool:
    """A trigger that refers back: "the meeting", "the next day's talks", "co-chairing the
    meeting"."""
    nouns = [trigger, *(c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass"))]
    if trigger.dep_ == "acl" and trigger.tag_ == "VBN" and trigger.head.pos_ == "NOUN":
        nouns.append(trigger.head)  # "the intergovernmental agreement, signed in New Delhi"
    if any(c.dep_ == "nsubjpass" and c.lower_ in ("it", "this", "that") for c in trigger.children):
        return True  # "It was signed in Gliwice"
    return any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
        for n in nouns
        for c in n.children
    )


def ordinal_value(token: Token) -> int | None:
    m = ORDINAL.match(token.text)
    if m:
        return int(m.group(1))
    return ORDINAL_WORDS.get(token.lower_)


def ordinal_before(span: Any) -> int | None:
    doc = span.doc
    for i in range(span.start - 1, max(span.sent.start, span.start - 4) - 1, -1):
        value = ordinal_value(doc[i])
        if value is not None:
            return value
    for token in span:
        value = ordinal_value(token)
        if value is not None:
            return value
    return None


def ordinal_in(trigger: Token) -> int | None:
    for token in trigger.lefts:
        for t in token.subtree:
            value = ordinal_value(t)
            if value is not None and t.i < trigger.i:
                return value
    return None


def named_place(root: Token) -> bool:
    """A name after "the ... city of", "the port of": the place a generic noun names."""
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "of":
        return False
    noun = prep.head
    return noun.lemma_ in PLACE_NOUNS and noun.dep_ == "pobj" and noun.head.lower_ in PLACE_PREPS


def countable(token: Token) -> bool:
    if ORDINAL.match(token.text) or re.fullmatch(r"(19|20)\d{2}", token.text):
        return False
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if nxt is not None and not token.whitespace_ and nxt.text in ("-", "–"):
        return False  # a hyphenated modifier: "a 4-seat aircraft"
    return token.dep_ in ("nummod", "dobj", "nsubj", "nsubjpass", "pobj", "appos")


def superseded(trigger: Token) -> bool:
    """A plan told in the past perfect ("had planned to buy", "had originally hoped to
    sign") is one that did not go ahead: no event."""
    head = trigger.head
    return (
        trigger.dep_ == "xcomp"
        and head.lemma_ in ("plan", "hope", "intend", "want", "expect", "aim")
        and any(c.dep_ == "aux" and c.lower_ == "had" for c in head.children)
    )


def asked_whether(trigger: Token) -> bool:
    """A trigger in an indirect question asserts nothing: "it remains unclear whether
    Beijing is ready to export the jet", "would not say whether allies might supply"."""
    token = trigger
    for _ in range(4):  # up to the verb of the clause the trigger is in
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in token.children):
            return True
        if token.head.i == token.i:
            break
        token = token.head
    return False


def arms_compound(noun: Token) -> bool:
    """ "an arms deal", "the executive contract", "a K2 tank contract": a compound that
    makes the deal an arms order (not "a hostage release deal")."""
    r = rules()
    words = r.arms_compounds | r.things | r.arms
    return any(c.dep_ in ("compound", "amod") and c.lower_ in words for c in noun.children)


def buys_arms(verb: Token) -> bool:
    """A verb of buying or selling whose object is arms ("buy 31 drones", "buying major
    Russian weapons systems"), not energy, oil or time."""
    r = rules()
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        if any(t.lower_ in r.things or t.lower_ in r.arms for t in obj.subtree):
            return True  # also "$3.4 billion of U.S. military equipment"
    return False


def elided_thing(subj: Token) -> bool:
    """ "the remaining two", "the last one": a number standing for things named before."""
    marks = {"remaining", "last", "first", "other", "final", "next"}
    return subj.pos_ == "NUM" and any(c.lower_ in marks for c in subj.children)
