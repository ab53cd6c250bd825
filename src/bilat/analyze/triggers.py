"""Event triggers found in a sentence: one-word patterns by dictionary lookup, longer ones
by spaCy's Matcher.

Most trigger patterns are one token with a lemma or a lower-case form, often with a part
of speech (``{LEMMA: {IN: [sign, ink]}, POS: VERB}``). spaCy's Matcher tests every pattern
at every token; a lookup by lemma and by form does the same work in one step, so the
trigger lexicon can grow to hundreds of words without slowing reading down.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Span
from spacy.vocab import Vocab

_WORD_KEYS = {"LEMMA": "lemma", "LOWER": "lower", "ORTH": "orth"}


def _values(value: Any) -> list[str]:
    return list(value["IN"]) if isinstance(value, dict) else [value]


@dataclass
class TriggerIndex:
    """Trigger patterns by the word that starts them."""

    # ("lemma" | "lower" | "orth", word) -> [(pattern key, allowed parts of speech or None)]
    words: dict[tuple[str, str], list[tuple[str, frozenset[str] | None]]] = field(
        default_factory=dict
    )
    longer: dict[str, list[list[dict[str, Any]]]] = field(default_factory=dict)
    _matchers: dict[int, Matcher] = field(default_factory=dict)

    @classmethod
    def build(cls, patterns: dict[str, list[list[dict[str, Any]]]]) -> TriggerIndex:
        index = cls()
        for key, alternatives in patterns.items():
            for pattern in alternatives:
                if not index._add_word(key, pattern):
                    index.longer.setdefault(key, []).append(pattern)
        return index

    def _add_word(self, key: str, pattern: list[dict[str, Any]]) -> bool:
        """Index a one-token pattern of words and part of speech; False for any other."""
        if len(pattern) != 1 or set(pattern[0]) - {*_WORD_KEYS, "POS"}:
            return False
        spec = pattern[0]
        attrs = [k for k in spec if k in _WORD_KEYS]
        if len(attrs) != 1:
            return False
        pos = frozenset(_values(spec["POS"])) if "POS" in spec else None
        for word in _values(spec[attrs[0]]):
            self.words.setdefault((_WORD_KEYS[attrs[0]], word), []).append((key, pos))
        return True

    def _matcher(self, vocab: Vocab) -> Matcher:
        if id(vocab) not in self._matchers:
            matcher = Matcher(vocab)
            for key, alternatives in self.longer.items():
                matcher.add(key, alternatives)
            self._matchers[id(vocab)] = matcher
        return self._matchers[id(vocab)]

    def find(self, span: Span) -> Iterator[tuple[str, int, int]]:
        """(pattern key, start, end) of every match, token offsets within ``span``."""
        for i, token in enumerate(span):
            for attr, word in (
                ("lemma", token.lemma_),
                ("lower", token.lower_),
                ("orth", token.text),
            ):
                for key, pos in self.words.get((attr, word), ()):
                    if pos is None or token.pos_ in pos:
                        yield key, i, i + 1
        if self.longer:
            vocab = span.doc.vocab
            for match_id, start, end in self._matcher(vocab)(span):
                yield vocab.strings[match_id], start, end
