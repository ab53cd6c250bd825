"""Drafts of one sentence that are one event: two triggers of one subtype in one phrase
fold together; a draft whose rule names an absorbing subtype joins it ("signed a contract
to buy" is one order).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from bilat.analyze import frames
from bilat.analyze.event_rules import Draft, Rule

DIRECTIVES = ("request", "demand")
THREATS = ("warn", "threaten")


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


def absorbed(drafts: list[Draft], doc: Doc) -> list[Draft]:
    """A draft whose rule names a subtype that absorbs it ("sign" -> "order") joins the
    first draft of that subtype in the same sentence: a contract signed to buy jets is one
    order, not a signing and an order. A signed pact turns it round: the purchase a
    framework agreement allows is what the pact covers, not an order of its own. A draft
    whose rule says it is ``part_of`` another subtype in the sentence joins it and leaves
    its status alone: "held talks, with the two sides discussing trade" is the talks; so
    does an event noun that is the topic of a rule with ``topic_objects`` ("discussed the
    S-400 deliveries" is a discussion of the S-400)."""
    out = []
    for d in drafts:
        pact = next(
            (
                o
                for o in drafts
                if o is not d and d.trigger_i in o.pact_scope and d.subtype in o.rule.absorbed_by
            ),
            None,
        )
        whole = (
            pact
            or next((o for o in drafts if o.subtype in d.rule.part_of and _inside(d, o, doc)), None)
            or next((o for o in drafts if o.rule.topic_objects and _topic(d, o, doc)), None)
        )
        if whole is not None:
            status = whole.status
            absorb(whole, d)
            whole.status = status
            continue
        into = next((o for o in drafts if o is not d and o.subtype in d.rule.absorbed_by), None)
        if into is None or d.subtype in into.rule.absorbed_by or d.pact_scope:
            out.append(d)
        else:
            absorb(into, d)
            into.status = d.status  # the signing says whether the order stands
    return out


def _topic(d: Draft, act: Draft, doc: Doc) -> bool:
    """``d`` is an event noun in what ``act`` is about: "discussed the S-400 deliveries",
    "a visit to Washington had been called off"."""
    if d is act or d.trigger_i < 0 or act.trigger_i < 0 or doc[d.trigger_i].pos_ != "NOUN":
        return False
    objects = [c for c in doc[act.trigger_i].children if c.dep_ in ("dobj", "nsubjpass")]
    return any(d.trigger_i in {t.i for t in o.subtree} for o in objects)


def _inside(part: Draft, whole: Draft, doc: Doc) -> bool:
    """``part``'s trigger sits in the clause of ``whole``'s frame and not the other way
    round: "held talks, with the two sides discussing trade", but not "discussed the deal
    during a visit for a summit"."""
    if part is whole or part.trigger_i < 0 or whole.trigger_i < 0 or not whole.frame_is:
        return False
    frame = [doc[i] for i in whole.frame_is]
    head = next(t for t in frame if not any(a.i in whole.frame_is for a in t.ancestors))
    own = {t.i for t in doc[part.trigger_i].subtree}
    return part.trigger_i in {t.i for t in head.subtree} and whole.trigger_i not in own


def near(a: Draft, b: Draft, found: list[tuple[Token, Rule]]) -> bool:
    tokens = {t.i: t for t, _ in found}
    ta, tb = tokens.get(a.trigger_i), tokens.get(b.trigger_i)
    if ta is None or tb is None or frames.distance(ta, tb) > 3:
        return False
    # two clauses with subjects of their own and different statuses are two events:
    # "three have been delivered, while the remaining two are expected by 2026"
    sa, sb = _own_subject(ta), _own_subject(tb)
    return sa is None or sb is None or sa.i == sb.i or a.status == b.status


def _own_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def contents(drafts: list[Draft], doc: Doc, speech_acts: frozenset[str]) -> list[Draft]:
    """Drop what a speech act is about: "asked Biden to waive sanctions", "demanded that
    Russia withdraw", "warned it would impose sanctions" are a request, a demand and a
    warning; the waiver, the withdrawal and the sanctions have not happened and are not
    events of their own (unless they name a platform: "warned against buying the S-400")."""
    acts = [d for d in drafts if d.subtype in speech_acts and d.trigger_i >= 0]
    out = []
    for d in drafts:
        inside = d.trigger_i >= 0 and any(
            o is not d and _in_content(doc[d.trigger_i], doc[o.trigger_i], o.subtype in DIRECTIVES)
            for o in acts
        )
        if inside and not d.platforms:
            continue
        threatened = d.trigger_i >= 0 and any(
            o is not d and o.subtype in THREATS and _threatened(d, doc[o.trigger_i], doc)
            for o in acts
        )
        if threatened:
            continue
        out.append(d)
    return out


def _threatened(d: Draft, act: Token, doc: Doc) -> bool:
    """``d`` is what a warning says will happen if something else does: "warned that he
    would stop supplying offensive weapons if Israel launched an operation". The warning
    is the event; the threatened act is its content, not an event of its own."""
    if d.status not in ("possible", "planned", "expected"):
        return False
    token = doc[d.trigger_i]
    for child in act.children:
        if child.dep_ == "ccomp" and child.i > act.i and token.i in {t.i for t in child.subtree}:
            return any(t.dep_ == "mark" and t.lower_ in ("if", "unless") for t in child.subtree)
    return False


def _in_content(token: Token, act: Token, directive: bool) -> bool:
    """``token`` sits in what ``act`` asks or threatens: its infinitive ("asked Biden to
    waive", "threatened to impose"), or for a directive the clause after it ("demanded
    that Russia withdraw"). A warning's "that" clause is reported news and stays."""
    deps = ("ccomp", "xcomp") if directive else ("xcomp",)
    for child in act.children:
        if child.dep_ in deps and child.i > act.i and token.i in {t.i for t in child.subtree}:
            return True
    return False
