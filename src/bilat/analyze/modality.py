"""Status (occurred, planned, possible, denied, ...) and attribution of what a sentence reports.

Cues are in ``lexicon/modality.yaml`` and ``lexicon/speech.yaml``; this module walks
the parse from a trigger up to its main verb and reads them.
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise
from typing import Any

from spacy.tokens import Span, Token

from bilat.analyze.timex import CLOCK
from bilat.lexicon import load

NOUN_CLAUSE = ("acl", "relcl")
CUE_DEPS = ("aux", "auxpass", "neg", "advmod", "det", "acomp", "amod", "xcomp", "prt", "nsubj")
ORDER = ("possible", "expected", "planned", "ongoing", "occurred")


@cache
def _rules() -> dict[str, Any]:
    data = load("modality")
    lookup: dict[str, str] = {}
    for status in ORDER:
        for word in data["cues"][status]:
            lookup.setdefault(word, status)
    data["lookup"] = lookup
    data["noun_lookup"] = {
        word: status for status, words in data["noun_cues"].items() for word in words
    }
    data["negation"] = frozenset(data["negation"])
    return data


@cache
def object_control() -> frozenset[str]:
    """Verbs whose object is the subject of their infinitive ("invited Singh to co-chair")."""
    return frozenset(load("events")["object_control"])


@cache
def noun_control() -> frozenset[str]:
    """Nouns whose "to" object is the subject of their infinitive ("an invitation to
    Hegseth to visit India")."""
    return frozenset(load("events")["noun_control"])


@cache
def reporting_verbs() -> frozenset[str]:
    return frozenset(load("speech")["reporting_verbs"])


def _cue(token: Token) -> str | None:
    rules = _rules()
    lookup = rules["lookup"]
    found = lookup.get(token.lemma_.lower()) or lookup.get(token.lower_)
    if found is None and token.pos_ == "NOUN":
        found = rules["noun_lookup"].get(token.lemma_.lower())
    return found


def _negated(token: Token) -> bool:
    """ "not signed", "no contract", and "no contract was signed" (the negation on the
    subject or object of the word)."""
    neg = _rules()["negation"]
    if any(c.dep_ in ("neg", "det") and c.lower_ in neg for c in token.children):
        return True
    return any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj")
        and any(g.dep_ == "det" and g.lower_ in neg for g in c.children)
        for c in token.children
    )


def _tense(token: Token) -> str | None:
    rules = _rules()
    aux = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    marks = {c.lower_ for c in token.children if c.dep_ == "mark"}
    if (
        token.tag_ in ("VB", "VBN")
        and "to" in aux
        and "be" in aux
        and (token.dep_ in NOUN_CLAUSE or token.head.lemma_ == "be")
    ):
        return "planned"  # "the summit to be held", "the ships are to be built in Japan"
    if token.tag_ == "VBD":
        return "occurred"
    if token.tag_ == "VBG" and "been" in aux:
        return "ongoing"  # "have been negotiating for a year"
    if token.tag_ == "VBN" and aux & {"has", "have"} and _lasting(token):
        return "ongoing"  # "negotiations have run for more than a year", "has long sought"
    if token.tag_ == "VBN" and aux & {"has", "have", "had", "was", "were", "been"}:
        return "occurred"
    if token.tag_ == "VBN" and aux & {"is", "are", "am"} and _timestamped(token):
        return "occurred"  # a live blog's "09:50 IST: Putin is accorded a welcome"
    if token.tag_ == "VBG" and aux & {"is", "are", "am"}:
        return "ongoing"
    if token.tag_ in ("VBZ", "VBP"):
        if marks & set(rules["future_marks"]):
            return "planned"  # "days before Islamabad hosts a meeting"
        if _timestamped(token):
            return "occurred"  # a live blog's "10:25 IST: Putin lays a wreath"
        return "ongoing"
    return None


def _lasting(token: Token) -> bool:
    """A perfect that says how long: "for more than a year", "long"."""
    durations = _rules()["duration_words"]
    for c in token.children:
        if c.dep_ == "advmod" and c.lower_ in ("long", "still"):
            return True
        if c.dep_ == "prep" and c.lower_ == "for" and any(t.lemma_ in durations for t in c.subtree):
            return True
    return False


def _timestamped(token: Token) -> bool:
    return bool(CLOCK.match(token.sent.text) or CLOCK.match(token.doc.text))


def _path(start: Token) -> tuple[list[Token], Token | None]:
    """``start`` and its heads up to the root; a reporting verb ends the walk and is returned."""
    path = [start]
    token = start
    while token.head.i != token.i:
        token = token.head
        if token.lemma_ in reporting_verbs() and token.pos_ == "VERB":
            return path, token
        path.append(token)
    return path, None


def status(trigger: Token, whole_clause: bool = False, subtype: str | None = None) -> str:
    """The status of the event at ``trigger``.

    ``whole_clause`` reads a list intro from its main verb, where every word counts
    ("Putin's schedule includes:"); otherwise the trigger's own word counts only when
    it is a hedge ("Possibility of discussing").
    """
    rules = _rules()
    path, reporter = _path(trigger)
    # "officials denied (reports) that the deal had been cleared": what is denied is denied
    denied = (reporter is not None and reporter.lemma_ in rules["denial_verbs"]) or any(
        t.lemma_ in rules["denial_verbs"] for t in path[1:]
    )
    if trigger.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ in ("acl", "relcl") and _tense(c) == "planned" for c in trigger.children
    ):
        return "denied" if denied else "planned"  # "the summit to be held later this year"
    if trigger.tag_ == "VBN" and trigger.dep_ == "acl" and not _negated(trigger):
        # "a deal signed in 2018", "the agreement, signed in January"
        return "denied" if denied else "occurred"
    for n, (below, token) in enumerate(pairwise(path)):
        if token.lemma_ in rules["directive_verbs"] and below.dep_ in ("ccomp", "xcomp"):
            if any(t.dep_ in ("relcl", "acl") for t in path[:n]):
                break  # "demanded ... those behind the bombing, which killed two": it did
            return "denied" if denied or _negated(token) else "possible"  # what is demanded
    for token in path:
        if any(c.dep_ == "mark" and c.lower_ in rules["condition_marks"] for c in token.children):
            return "possible"  # "if the contract is not signed this year": a condition
        # a verb of denial denies what it governs, not itself ("rejected suggestions")
        if _negated(token) or (token.lemma_ in rules["denial_verbs"] and token.i != trigger.i):
            denied = True
        own = whole_clause or token.i != trigger.i
        cue = _cue(token) if own else _self_cue(token)
        if cue is None:
            cue = next((c for c in map(_cue, _cue_children(token)) if c), None)
        if cue is None:
            cue = _purpose(token, subtype)
        if cue is None and token.pos_ in ("VERB", "AUX"):
            cue = _tense(token)
        if cue == "expected" and _backshifted_will(token, reporter):
            cue = "planned"  # "the company said deliveries would begin next year"
        if cue is not None:
            return "denied" if denied else cue
    for token in [reporter, *reporter.ancestors] if reporter is not None else []:
        cue = _tense(token)  # "Singh highlighted regular engagements": as the speaker tells it
        if cue is not None:
            return "denied" if denied else cue
    return "denied" if denied else "unknown"


def _backshifted_will(token: Token, reporter: Token | None) -> bool:
    """ "would" reporting a past "will": under a reporting verb in the past tense."""
    would = token.lower_ == "would" or any(
        c.dep_ == "aux" and c.lower_ == "would" for c in token.children
    )
    return would and reporter is not None and reporter.tag_ == "VBD"


def _self_cue(trigger: Token) -> str | None:
    """A trigger's own word is a cue only when it says so ("possibility"), not "schedule";
    a verb or adjective that stands for an understood delivery says it too ("the remaining
    two are expected by 2026", "the last unit is due next year")."""
    cue = _cue(trigger)
    if trigger.lemma_ in _rules()["elided_event_cues"]:
        return cue
    return cue if cue in ("possible", "ongoing") else None


def _cue_children(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in CUE_DEPS]


def _purpose(token: Token, subtype: str | None) -> str | None:
    rules = _rules()
    prep = token.head
    if token.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lower_ in rules["purpose_preps"]:
        prep = prep.head  # "ahead of a meeting"
    if token.dep_ == "pobj" and prep.lower_ in rules["purpose_preps"] + ["on"]:
        verb = prep.head
        begun = verb.lemma_ in rules["begun_by"] and subtype in rules["begun_subtypes"]
        if begun and verb.lemma_ == "be":
            return _tense(verb)  # "was in Kyiv for his first visit": it happened
        if begun and _tense(verb) == "occurred":
            return "ongoing"  # "arrived in Moscow for a state visit": the visit is under way
        if prep.lower_ != "on" and subtype in rules["purpose_subtypes"]:
            return "planned"
    if (
        token.tag_ == "VB"
        and token.dep_ == "acl"
        and token.head.lemma_ in rules["future_nouns"]
        and any(c.lower_ == "to" for c in token.children)
        and not _negated(token.head)  # "no plans to buy": the walk goes on to the negation
    ):
        return "planned"  # "accepted an invitation to visit Seoul"
    if token.pos_ == "VERB" and token.tag_ == "VB" and token.dep_ in ("xcomp", "advcl"):
        head = token.head
        concluded = token.lemma_ in rules["concluded_complement"].get(head.lemma_, ())
        purpose = any(c.dep_ == "dobj" for c in head.children) and head.lemma_ not in (
            object_control()
        )
        if (
            any(c.lower_ == "to" for c in token.children)
            and (
                head.lemma_ in rules["future_complement"]
                or head.lower_ in rules["future_complement"]
            )
            and not concluded
            and not purpose
        ):
            return "planned"
    return None


def attributes(verb: Token, trigger: Token) -> bool:
    """Whether the reporting ``verb`` reports the event at ``trigger``: it sits in what is said."""
    said = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis", "xcomp")]
    if any(trigger.i in {t.i for t in c.subtree} for c in said):
        return True
    root = trigger.sent.root
    return (
        verb.head.i == root.i
        and verb.dep_ in ("parataxis", "ccomp", "advcl")
        and any(t.i == root.i for t in [trigger, *trigger.ancestors])
    )


def attribution(sent: Span) -> tuple[str | None, Token | None]:
    """Who the sentence says says so: ("Russian state media", None) or (subject text, verb)."""
    for token in sent:
        if (
            token.lower_ == "according"
            and token.i + 1 < sent.end
            and sent.doc[token.i + 1].lower_ == "to"
        ):
            to = sent.doc[token.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if objs:
                return _np_text(objs[0]), None
    for token in sent:
        if token.lemma_ in reporting_verbs() and token.pos_ == "VERB":
            subj = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and subj[0].pos_ != "PRON":
                return _np_text(subj[0]), token
            if subj:
                return None, token
    return None, None


def _np_text(head: Token) -> str:
    """A noun phrase without its relative clause: "a senior defence official"."""
    tokens = [t for t in head.subtree if t.i <= head.i or t.dep_ in ("compound", "flat")]
    left = min(t.i for t in tokens)
    return head.doc[left : head.i + 1].text
