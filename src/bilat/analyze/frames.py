"""Argument structure around an event trigger: its frame, and the slot each word fills.

A *frame* is the trigger plus the words that carry its arguments: the light verb of
a noun ("held the meeting", "the meeting held in"), the copula of an adjective
("is ready to assist") and infinitives hanging off it ("committed to supporting").
A *slot* is how an argument attaches to the frame: subject, object, poss, compound,
or the preposition that introduces it ("with", "to", "by").
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from bilat.analyze.anaphora import root_of
from bilat.analyze.modality import noun_control, object_control
from bilat.lexicon import load

MAX_PATH = 4


NOUN_TO_VERB = ("dobj", "nsubjpass", "nsubj", "attr", "pobj")


def frame(trigger: Token, support_verbs: frozenset[str]) -> list[Token]:
    tokens = [trigger]
    head = trigger.head
    if trigger.pos_ in ("NOUN", "PROPN"):
        if trigger.dep_ in NOUN_TO_VERB[:4] and head.lemma_ in support_verbs:
            tokens.append(head)
        elif (
            trigger.dep_ == "pobj"
            and head.dep_ == "prep"
            and head.head.pos_ in ("VERB", "AUX")
            and head.lower_ in ("during", "at", "by", "on", "for")
        ):
            tokens.append(head.head)
        tokens += [
            c for c in trigger.children if c.dep_ in ("acl", "relcl") and c.lemma_ in support_verbs
        ]
    elif trigger.dep_ == "acomp" or (
        trigger.pos_ == "ADJ" and trigger.dep_ in ("amod", "xcomp", "advcl")
    ):
        tokens.append(head)  # "is ready to assist", "are committed to"
    for token in list(tokens):
        for child in token.children:
            if child.dep_ == "xcomp" and child.pos_ == "VERB":
                tokens.append(child)
            if child.dep_ == "prep" and child.lower_ == "to":
                tokens += [g for g in child.children if g.dep_ == "pcomp"]
    return list(dict.fromkeys(tokens))


def slot(arg: Token, tokens: list[Token]) -> str | None:
    """How ``arg`` attaches to the frame, or None when it belongs elsewhere."""
    token = root_of(arg)
    prep: str | None = None
    first_dep = token.dep_
    if first_dep in ("amod", "compound", "nmod") and token.head.pos_ == "PROPN":
        if not any(c.dep_ == "cc" for c in token.children):
            return None  # "Russian" in "Russian President Vladimir Putin" modifies a name
        # "Prime Minister Fumio Kishida and President Yoon Suk Yeol held": a coordination the
        # parser hung on the second name; the first name stands where the second does
        token = root_of(token.head)
    for _ in range(MAX_PATH):
        head = token.head
        if head.i == token.i:
            return None
        if token.dep_ == "pobj" and prep is None:
            prep = head.lower_
            if prep == "of" and head.head.lower_ in _bodies():
                prep = None  # "ships of the German Navy made a port call": the navy did
        if token.dep_ == "agent":
            prep = "by"
        if head in tokens:
            return prep or _dep_slot(token.dep_)
        if (
            token.dep_ == "nsubj"
            and prep is None
            and head.dep_ in ("ccomp", "xcomp")
            and head.head in tokens
        ):
            return "clause_subject"  # "demanded that Russia pull back": who is asked
        misread_name = head.pos_ == "VERB" and head.text[:1].isupper() and head.i != head.sent.start
        if head.pos_ in ("VERB", "AUX") and head not in tokens and not misread_name:
            return None
        token = head
    return None


@cache
def _bodies() -> frozenset[str]:
    """Nouns through which an actor acts: its ships, jets, troops, delegation."""
    data = load("events")
    return frozenset(data["things"]) | frozenset(data["arms"]) | frozenset(data["bodies"])


def _dep_slot(dep: str) -> str | None:
    return {
        "nsubj": "subject",
        "nsubjpass": "object",
        "dobj": "object",
        "dative": "dative",
        "poss": "poss",
        "compound": "compound",
        "amod": "compound",
        "nmod": "compound",
        "npadvmod": "compound",
        "appos": "compound",
    }.get(dep)


def inherited_subject(tokens: list[Token]) -> list[Token]:
    """Subjects a frame verb takes from elsewhere: a non-finite verb from its head
    ("invited Singh to co-chair"), a relative clause from the noun it describes."""
    for token in tokens:
        if token.pos_ != "VERB":
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if token.dep_ == "relcl" and subjects and subjects[0].tag_ in ("WP", "WDT"):
            return [token.head]  # "Pompeo, who arrived on Tuesday": Pompeo arrived
        if subjects:
            continue
        head = token.head
        if token.dep_ == "pcomp" and head.head.i != head.i:
            head = head.head  # "before driving": the subject of the verb "before" hangs from
        if token.dep_ == "xcomp" and head.lemma_ in object_control():
            objs = [c for c in head.children if c.dep_ == "dobj"]
            if objs:
                return objs
        if token.dep_ == "acl" and head.lemma_ in noun_control():
            invitees = [
                g
                for c in head.children
                if c.dep_ == "prep" and c.lower_ == "to"
                for g in c.children
                if g.dep_ == "pobj"
            ]
            if invitees:
                return invitees  # "an invitation to Mr Hegseth to visit India": Hegseth visits
        if token.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acl"):
            if token.dep_ == "acl" and head.pos_ == "NOUN" and head.dep_ in ("dobj", "attr"):
                # "the US has no plans to send troops": the planner acts
                owner = [c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
                if owner:
                    return owner
            if token.dep_ == "acl" and head.pos_ in ("PROPN", "NOUN"):
                return [head]
            subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                return subj
    return []


CLAUSES = ("advcl", "ccomp", "relcl", "conj", "parataxis", "csubj", "nsubj", "mark", "punct", "cc")


def scope(tokens: list[Token]) -> set[int]:
    """Token indexes under the frame: the trigger's phrase and its verbs' non-clausal arguments."""
    out = _unclaused(tokens[0])
    for token in tokens[1:]:
        out.add(token.i)
        for child in token.children:
            if child.dep_ not in CLAUSES and child not in tokens:
                out |= _unclaused(child)
    return out


def _unclaused(top: Token) -> set[int]:
    """``top`` and what hangs from it, without the finite clauses nested below it (the
    tokens on no path through a relative, adverbial or complement clause)."""
    out = {top.i}
    stack = list(top.children)
    while stack:
        token = stack.pop()
        if token.dep_ in ("relcl", "advcl", "ccomp", "parataxis") and token.pos_ in ("VERB", "AUX"):
            continue
        out.add(token.i)
        stack.extend(token.children)
    return out


ARGUMENT_DEPS = ("dobj", "nsubj", "nsubjpass", "attr", "pobj", "npadvmod")


# A clause opened by one of these is another happening whose time only bounds or explains
# the event's ("since Lee took office in June"); "when" shares its time and is not here.
BOUNDING_MARKS = frozenset(
    {
        "since",
        "after",
        "before",
        "until",
        "till",
        "because",
        "although",
        "though",
        "while",
        "once",
        "whereas",
        "unless",
        "if",
    }
)


def owned_elsewhere(root: Token, trigger: Token, frame_is: set[int], own: set[int]) -> bool:
    """Whether the phrase at ``root`` (a time expression) modifies a noun on its way up to
    ``trigger``'s clause that is neither in the frame nor one of the frame's arguments:
    "the four delivered so far ..., with the last one in 2026" dates "the last one", not
    the delivery; "signed a contract in 2018" dates the signing through its object."""
    above = {t.i for t in [trigger, *trigger.ancestors]}
    token = root
    while token.head.i != token.i and token.i not in above:
        token = token.head
        if token.i in above or token.i in own or token.i in frame_is:
            return False
        # names ("in Moscow last Thursday") often carry a time the parse hangs on them
        nominal = token.pos_ in ("NOUN", "PRON") or (
            token.pos_ == "NUM" and token.dep_ in ARGUMENT_DEPS  # "the last one in 2026"
        )
        if nominal and not _frame_argument(token, frame_is):
            return True
        if token.pos_ == "VERB" and token.dep_ in ("acl", "relcl"):
            return True  # "soldiers killed in the clash in June": that clause's date
        if (
            token.pos_ in ("VERB", "AUX")
            and token.dep_ == "conj"
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
        ):
            return True  # "four have been received and the last one is expected in 2026"
        if (
            token.pos_ in ("VERB", "AUX")
            and token.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ in BOUNDING_MARKS for c in token.children)
        ):
            return True  # "the first deal since Lee took office in June": when he took office
    return False


def _frame_argument(token: Token, frame_is: set[int]) -> bool:
    """``token`` is an argument of a frame word, directly or through a preposition."""
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return token.dep_ in ARGUMENT_DEPS and head.i in frame_is


def distance(a: Token, b: Token) -> int:
    """Length of the dependency path between two tokens of one sentence."""
    up_a = [a, *a.ancestors]
    depth = {t.i: n for n, t in enumerate(up_a)}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in depth:
            return n + depth[t.i]
    return 99
