"""Numbers as claims: counts tied to what they count, and amounts of money.

"10 intergovernmental documents", "15+ agreements and MoUs" (at least 15), "three of
the five S-400 squadrons", "about USD 5.43 billion", "more than Rs 63,000 crore".
Each claim keeps the status and attribution of the clause it is in. Ordinals,
years, dates and numbers inside names (S-400, 7 Lok Kalyan Marg) are not claims.
Words and scales are in ``lexicon/numbers.yaml``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from spacy.tokens import Token

from bilat.analyze import modality
from bilat.analyze.context import DocView, SentenceView
from bilat.lexicon import load
from bilat.models import Claim

NUMBER = re.compile(r"^\d[\d,]*(?:\.\d+)?\+?$")
YEAR = re.compile(r"^(?:19|20)\d{2}$")


@cache
def _rules() -> dict[str, Any]:
    data = load("numbers")
    currencies = "|".join(re.escape(c) for c in sorted(data["currencies"], key=len, reverse=True))
    scales = "|".join(sorted(data["scales"], key=len, reverse=True))
    qualifiers = "|".join(sorted(data["qualifiers"], key=len, reverse=True))
    data["money"] = re.compile(
        rf"(?:\b(?P<q>{qualifiers})\s+)?(?P<cur>{currencies})\s?(?P<num>\d[\d,]*(?:\.\d+)?)"
        rf"(?:\s?(?P<scale>{scales})\b)?",
        re.IGNORECASE,
    )
    return data


def number(text: str) -> float | None:
    """ "15+" -> 15.0, "63,000" -> 63000.0, "five" -> 5.0; None when it is not a number."""
    words: dict[str, int] = _rules()["words"]
    clean = text.replace(",", "").rstrip("+")
    try:
        return float(clean)
    except ValueError:
        return float(words[text.lower()]) if text.lower() in words else None


def _qualifier(token: Token) -> str | None:
    if token.text.endswith("+") or (
        token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == "+"
    ):
        return "at_least"
    quals: dict[str, str] = _rules()["qualifiers"]
    left = token.doc[max(0, token.i - 2) : token.i].text.lower()
    for phrase, q in quals.items():
        if left.endswith(phrase):
            return q
    return None


def _counted(token: Token) -> tuple[Token | None, list[Token]]:
    """The noun a number counts and the words that name it ("S-400 squadrons")."""
    head = None
    if token.dep_ == "nummod" and token.head.pos_ in ("NOUN", "PROPN"):
        head = token.head
    else:
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        head = pobj
        if (
            head is None
            and token.head.pos_ in ("NOUN", "PROPN")
            and token.dep_ in ("nummod", "quantmod")
        ):
            head = token.head
    if head is None:
        return None, []
    words = [t for t in head.lefts if t.dep_ in ("compound", "amod", "nmod") and t.i > token.i] + [
        head
    ]
    for conj in head.conjuncts:
        if conj.i > head.i and conj.i - head.i <= 3:
            words += [head.doc[i] for i in range(head.i + 1, conj.i + 1)]
    return head, sorted(set(words), key=lambda t: t.i)


def _skip(view: DocView, sv: SentenceView, token: Token, taken: list[tuple[int, int]]) -> bool:
    pos = sv.start(token)
    if any(s <= pos < e for s, e in taken):
        return True
    mention = view.mention_at(sv, token)
    if mention is not None:
        return True
    if YEAR.match(token.text) and token.dep_ != "nummod":
        return True
    before = token.doc[token.i - 1].lower_ if token.i > token.sent.start else ""
    return before in ("the", "both")  # "the two nations" refers, it does not count


def read_claims(view: DocView) -> list[Claim]:
    out: list[Claim] = []
    for index, sv in view.extracted():
        context = view.intro(index) or sv
        attribution, _ = modality.attribution(sv.span)
        if attribution is None and context is not sv:
            attribution, _ = modality.attribution(context.span)
        taken = [(t.start, t.end) for t in sv.times]
        for claim in _money(view, sv, attribution):
            out.append(claim)
            taken.append((claim.start, claim.end))
        for token in sv.span:
            if (
                not (NUMBER.match(token.text) or token.lower_ in _rules()["words"])
                or token.pos_ != "NUM"
            ):
                continue
            if _skip(view, sv, token, taken):
                continue
            claim = _count(view, sv, context, token, attribution)
            if claim is not None:
                out.append(claim)
    return out


def _status(sv: SentenceView, context: SentenceView, token: Token) -> str:
    if context is not sv:
        own = modality.status(token)
        return own if own in ("possible", "denied") else modality.status(context.span.root, True)
    return modality.status(token)


def _count(
    view: DocView, sv: SentenceView, context: SentenceView, token: Token, attribution: str | None
) -> Claim | None:
    value = number(token.text)
    if value is None:
        return None
    head, words = _counted(token)
    subject_text = " ".join(w.text for w in words) if words else token.text
    subject_id = _platform(view, sv, head) if head is not None else None
    end = sv.end(words[-1]) if words else sv.end(token)
    return Claim(
        subject_text=subject_text,
        attribute="count",
        start=sv.start(token),
        end=max(end, sv.end(token)),
        value_num=value,
        value_text=token.text,
        qualifier=_qualifier(token),
        unit=head.text.lower() if head is not None else None,
        subject_id=subject_id,
        as_of=view.published,
        status=_status(sv, context, token),
        attribution=attribution,
    )


def _platform(view: DocView, sv: SentenceView, head: Token) -> str | None:
    for t in head.subtree:
        m = view.mention_at(sv, t)
        if m is not None and view.type_of(m) == "platform":
            return m.entity_id
    return None


def _money(view: DocView, sv: SentenceView, attribution: str | None) -> list[Claim]:
    rules = _rules()
    out = []
    for m in rules["money"].finditer(sv.span.text):
        amount = float(m["num"].replace(",", ""))
        scale = (m["scale"] or "").lower()
        amount *= rules["scales"].get(scale, 1)
        start, end = sv.sentence.start + m.start(), sv.sentence.start + m.end()
        token = sv.span.doc.char_span(
            m.start("num") + sv.span.start_char,
            m.end("num") + sv.span.start_char,
            alignment_mode="expand",
        )
        root = token.root if token is not None else None
        subject = _money_subject(root) if root is not None else None
        out.append(
            Claim(
                subject_text=subject or "",
                attribute="amount",
                start=start,
                end=end,
                value_num=amount,
                value_text=m.group(0).strip(),
                qualifier=rules["qualifiers"].get((m["q"] or "").lower()),
                unit=rules["currencies"][_currency_key(m["cur"])],
                as_of=view.published,
                status=modality.status(root) if root is not None else "unknown",
                attribution=attribution,
            )
        )
    return out


def _currency_key(text: str) -> str:
    for key in _rules()["currencies"]:
        if key.lower() == text.lower():
            return str(key)
    return text


def _money_subject(token: Token) -> str | None:
    """What an amount is the value of: "a contract worth ...", "trade stood at ..."."""
    node = token
    for _ in range(5):
        head = node.head
        if head.i == node.i:
            return None
        if head.lower_ in ("worth", "valued") and head.head.pos_ in ("NOUN", "PROPN"):
            return _noun_text(head.head)
        if head.pos_ in ("VERB", "AUX"):
            subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return _noun_text(subj) if subj is not None else None
        if head.pos_ in ("NOUN", "PROPN") and node.dep_ == "pobj":
            return _noun_text(head)
        node = head
    return None


def _noun_text(head: Token) -> str:
    words = [t for t in head.lefts if t.dep_ in ("compound", "amod")] + [head]
    return " ".join(t.text for t in words)
