"""Platforms nobody listed: a designator next to a category noun ("40 J-35 stealth fighters",
"the F414-INS6 engine", "a Type 055 destroyer") names a platform. Rules are data in
``designators.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span

from bilat.analyze.slug import slugify
from bilat.lexicon import load
from bilat.models import Entity


@dataclass(frozen=True)
class DesignatorRules:
    pattern: re.Pattern[str]
    window: int
    nouns: dict[str, str]
    stop: frozenset[str]


@cache
def rules() -> DesignatorRules:
    data = load("designators")
    alternatives = "|".join(f"(?:{p})" for p in data["designators"])
    pattern = re.compile(rf"(?<![\w-])({alternatives})(?=s?(?![\w-]))")
    return DesignatorRules(
        pattern,
        int(data["window"]),
        {k.lower(): v for k, v in data["nouns"].items()},
        frozenset(data["not_platforms"]),
    )


def _noun(token: object) -> str | None:
    r = rules()
    lemma, lower = token.lemma_.lower(), token.lower_  # type: ignore[attr-defined]
    return r.nouns.get(lemma) or r.nouns.get(lower.removesuffix("s"))


def _category(doc: Doc, span: Span) -> str | None:
    """The category of the first category noun in the window after the designator (before a
    verb, preposition or punctuation ends the phrase), or of the word right before it."""
    for token in doc[span.end : span.end + rules().window]:
        if token.pos_ in ("NOUN", "PROPN") and _noun(token):
            return _noun(token)
        if token.is_punct or token.pos_ in ("VERB", "AUX", "ADP", "CCONJ"):
            break
    if span.start > 0 and doc[span.start - 1].pos_ in ("NOUN", "PROPN"):
        return _noun(doc[span.start - 1])
    return None


def find(doc: Doc) -> Iterator[tuple[Span, Entity]]:
    """Designator spans in ``doc`` with the platform entity each names."""
    r = rules()
    text = doc.text
    if not any(c.isdigit() for c in text):  # every designator has a number
        return
    for match in r.pattern.finditer(text):
        name = match.group(1)
        if name in r.stop or not any(c.isdigit() for c in name):
            continue
        span = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        if span is None:
            continue
        category = _category(doc, span)
        if category is None:
            continue
        entity = Entity(slugify(name), "platform", name, (), {"category": category}, origin="text")
        yield span, entity
