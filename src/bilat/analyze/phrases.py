"""The gazetteer's names as token sequences, matched in a parsed block.

spaCy's EntityRuler turns each of some 30,000 names into a Doc when the pipeline loads,
creating a lexeme for every new word: seconds on each start. Here each name is split by
the same tokenizer once, the result is kept in an on-disk cache beside the gazetteer
(``cache.py``), and a block is matched by looking its tokens up in a dict: longest name
first, spans that overlap keep the longer (as the ruler does).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

Phrase = tuple[tuple[str, ...], str, str]  # (token texts, label, entity id)


@dataclass
class PhraseIndex:
    """Names by their first token, each bucket longest first."""

    by_first: dict[str, list[Phrase]] = field(default_factory=dict)

    @classmethod
    def build(
        cls, patterns: Iterable[dict[str, Any]], tokenize: Callable[[str], list[str]]
    ) -> PhraseIndex:
        index = cls()
        seen: set[tuple[tuple[str, ...], str]] = set()
        for p in patterns:
            if not isinstance(p["pattern"], str):
                continue
            tokens = tuple(tokenize(p["pattern"]))
            if not tokens or (tokens, p["id"]) in seen:
                continue
            seen.add((tokens, p["id"]))
            index.by_first.setdefault(tokens[0], []).append((tokens, p["label"], p["id"]))
        for bucket in index.by_first.values():
            bucket.sort(key=lambda phrase: -len(phrase[0]))
        return index

    def find(self, doc: Doc) -> list[Span]:
        """The longest name starting at each token of ``doc``."""
        words = [t.text for t in doc]
        out = []
        for i, word in enumerate(words):
            for tokens, label, entity_id in self.by_first.get(word, ()):
                end = i + len(tokens)
                if tuple(words[i:end]) == tokens:
                    out.append(Span(doc, i, end, label=label, span_id=entity_id))
                    break
        return out


class PhraseMatcherComponent:
    """Sets ``doc.ents`` to the gazetteer's names (and any spans an earlier ruler set),
    longest first, before the statistical NER runs."""

    def __init__(self) -> None:
        self.index = PhraseIndex()

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = filter_spans([*doc.ents, *self.index.find(doc)])
        return doc


@Language.factory("bilat_phrases")
def make_phrases(nlp: Language, name: str) -> PhraseMatcherComponent:
    return PhraseMatcherComponent()
