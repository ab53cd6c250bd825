"""Amounts of money: where they are, what they are worth, and what they are the value of.

"Rs 64,000 crore", "US$5.43 bln", "about 254.1 billion yen", "seven billion euros".
The amount keeps the words as written (``text``) for display and a number (``value``)
for sorting and comparison. A currency written before the number must start a word
("covers 22" holds no rupees); one written after it needs a scale ("billion yen").
Words are in ``lexicon/numbers.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Span, Token

from bilat.lexicon import load

NOUNS = ("NOUN", "PROPN")


@dataclass(frozen=True)
class Amount:
    start: int  # offsets into the sentence text, qualifier excluded
    end: int
    text: str  # as written: "Rs 64,000 crore"
    value: float
    unit: str  # ISO 4217 code
    qualifier: str | None


def _alternatives(words: Any) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def rules() -> dict[str, Any]:
    data: dict[str, Any] = load("numbers")
    scales = _alternatives(data["scales"])
    quals = _alternatives(data["qualifiers"])
    num = r"\d[\d,]*(?:\.\d+)?(?![\d,]*\d)"
    words = _alternatives(data["words"])
    data["before"] = re.compile(
        rf"(?:\b(?P<q>{quals})\s+)?(?<![\w$.])(?P<text>(?P<cur>{_alternatives(data['currencies'])})"
        rf"\s?(?P<num>{num})(?:\s?(?P<scale>{scales})\b)?)",
        re.IGNORECASE,
    )
    data["after"] = re.compile(
        rf"(?:\b(?P<q>{quals})\s+)?(?<![\w$.,])(?P<text>(?P<num>{num}|\b(?:{words}))"
        rf"\s?(?P<scale>{scales})\s+(?P<cur>{_alternatives(data['currencies_after'])})\b)",
        re.IGNORECASE,
    )
    return data


def _lookup(table: dict[str, str], text: str) -> str:
    folded = {k.lower(): v for k, v in table.items()}
    return folded.get(text.lower(), text.upper())


def amounts(text: str) -> list[Amount]:
    """The amounts of money in ``text``, in order; a currency before the number wins."""
    r = rules()
    out: list[Amount] = []
    for pattern, table in ((r["before"], r["currencies"]), (r["after"], r["currencies_after"])):
        for m in pattern.finditer(text):
            if any(a.start < m.end("text") and m.start("text") < a.end for a in out):
                continue
            raw = m["num"].replace(",", "")
            value = float(r["words"][raw.lower()]) if raw.lower() in r["words"] else float(raw)
            value *= r["scales"].get((m["scale"] or "").lower(), 1)
            out.append(
                Amount(
                    m.start("text"),
                    m.end("text"),
                    m["text"],
                    value,
                    _lookup(table, m["cur"]),
                    r["qualifiers"].get((m["q"] or "").lower()),
                )
            )
    return sorted(out, key=lambda a: a.start)


def verb_qualifier(root: Token) -> str | None:
    """ "trade exceeded $240 billion": more than the amount."""
    verbs: dict[str, str] = rules()["qualifier_verbs"]
    node = root
    for _ in range(3):
        if node.head.i == node.i:
            return None
        if node.head.pos_ in ("VERB", "AUX"):
            return verbs.get(node.head.lemma_.lower()) if node.dep_ == "dobj" else None
        node = node.head
    return None


def _pobj(prep: Token) -> Token | None:
    """The common noun a preposition governs ("in military aid"), not a date or a number."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or obj.pos_ != "NOUN" or obj.lower_ in rules()["not_counted"]:
        return None
    return obj


def _pp(token: Token, preps: list[str], depth: int = 2) -> Token | None:
    """ "in military aid"; through a measure of time ("over ten years in the programme")."""
    for child in token.children:
        if child.dep_ != "prep":
            continue
        obj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        if child.lower_ in preps and _pobj(child) is not None:
            return obj
        if depth and obj.lower_ in rules()["not_counted"]:
            found = _pp(obj, preps, depth - 1)
            if found is not None:
                return found
    return None


def _of(noun: Token) -> Token:
    """ "the value of the package" is the package's; "a target of $100 billion" stays."""
    if noun.lemma_.lower() in rules()["value_nouns"]:
        obj = next(
            (g for c in noun.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"),
            None,
        )
        if obj is not None and obj.pos_ in NOUNS:
            return obj
    return noun


def subject(root: Token, sources: set[int]) -> Token | None:
    """The noun an amount is the value of: "$3.4 billion of equipment", "a deal worth ...",
    "a $2.5 billion deal", "the order was valued at ...", "trade reached ...".
    ``sources`` are the tokens of the sentence's source ("officials said"): never the subject."""
    r = rules()
    own = _pp(root, r["amount_preps"])
    if own is not None:
        return own
    node = root
    for _ in range(6):
        head = node.head
        if head.i == node.i:
            return None
        if head.lower_ in r["worth_words"] and head.head.pos_ in NOUNS and head.head.i < head.i:
            comma = head.i > 0 and head.doc[head.i - 1].text == ","
            verb = next((t for t in head.ancestors if t.pos_ in ("VERB", "AUX")), None)
            if not comma or verb is None:
                return head.head
            return _clause_subject(verb, head, sources)  # "..., worth $X": the clause's
        modifies = node.dep_ in ("compound", "nmod", "amod", "nummod", "quantmod", "prep")
        owner = head.pos_ in NOUNS and head.lower_ not in r["amount_words"]
        if modifies and owner and head.i not in sources:
            return _of(head)
        if head.pos_ in ("VERB", "AUX"):
            return _clause_subject(head, node, sources)
        node = head
    return None


def _clause_subject(verb: Token, node: Token, sources: set[int]) -> Token | None:
    r = rules()
    if node.dep_ == "dobj":
        spent = _pp(verb, r["amount_preps"])  # "investing $10 billion in the programme"
        if spent is not None:
            return spent
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i != node.i), None)
    if obj is not None and obj.pos_ in NOUNS and obj.i not in sources:
        return _of(obj)  # "valued the order at ...", "put the value of the package at ..."
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in NOUNS:
        return verb.head  # "a deal reported at about $5 billion"
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and verb.dep_ in ("xcomp", "ccomp", "conj"):
        subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ not in NOUNS or subj.i in sources:
        return None
    return _of(subj)


def noun_text(head: Token) -> str:
    """ "the second executive contract" -> "second executive contract"."""
    words = [
        t
        for t in head.lefts
        if t.dep_ in ("compound", "amod", "nmod") and not any(w.like_num for w in t.subtree)
    ]
    left = min([head.i, *(min(t.i for t in w.subtree) for w in words)])
    return head.doc[left : head.i + 1].text


def root_of(sent: Span, start: int, end: int) -> Token | None:
    span = sent.doc.char_span(
        sent.start_char + start, sent.start_char + end, alignment_mode="expand"
    )
    return span.root if span is not None and len(span) else None
