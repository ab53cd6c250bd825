"""Event triggers found in a sentence: one-word patterns by dictionary lookup, longer ones
by spaCy's Matcher.

Most trigger patterns are one token with a lemma or a lower-case form, often with a part
of speech (``{LEMMA: {IN: [sign, ink]}, POS: VERB}``). spaCy's Matcher tests every pattern
at every token; a lookup by lemma and by form does the same work in one step, so the
trigger lexicon can grow to hundreds of words without slowing reading down. Words are
compared as the string hashes spaCy stores (``Doc.to_array``), so no Token objects are made;
the Matcher runs only on a sentence holding a word that can start one of its patterns.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import LEMMA, LOWER, ORTH, POS
from spacy.matcher import Matcher
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Span
from spacy.vocab import Vocab

_WORD_KEYS = {"LEMMA": "lemma", "LOWER": "lower", "ORTH": "orth"}
_ATTRS = ("lemma", "lower", "orth")  # the columns of ``_COLUMNS`` read, in this order
_COLUMNS = [LEMMA, LOWER, ORTH, POS]
_MAX_MATCHERS = 4096  # Matchers kept for sets of patterns a sentence may match

Word = tuple[int, int]  # (attribute index in _ATTRS, string hash)
Needs = tuple[frozenset[Word], ...]


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
    # ``words`` by (attribute index in _ATTRS, string hash), parts of speech as spaCy's ids
    _hashed: dict[Word, list[tuple[str, frozenset[int] | None]]] = field(default_factory=dict)
    # every longer pattern in the Matcher's order: its key, and the words it needs
    _needs: list[tuple[str, list[dict[str, Any]], Needs]] = field(default_factory=list)
    # a word of each pattern's first need -> those patterns; patterns that need no word
    _by_word: dict[Word, list[int]] = field(default_factory=dict)
    _always: list[int] = field(default_factory=list)
    _matchers: dict[tuple[int, tuple[int, ...]], Matcher] = field(default_factory=dict)
    _prepared: bool = False

    @classmethod
    def build(cls, patterns: dict[str, list[list[dict[str, Any]]]]) -> TriggerIndex:
        index = cls()
        for key, alternatives in patterns.items():
            for pattern in alternatives:
                if not index._add_word(key, pattern):
                    index.longer.setdefault(key, []).append(pattern)
        return index

    def _prepare(self) -> None:
        self._prepared = True
        for (attr, word), entries in self.words.items():
            if not isinstance(word, str):  # never equal to a token's text
                continue
            self._hashed.setdefault((_ATTRS.index(attr), hash_string(word)), []).extend(
                (key, None if pos is None else frozenset(POS_IDS[p] for p in pos if p in POS_IDS))
                for key, pos in entries
            )
        self._needs = [
            (key, pattern, _needs(pattern))
            for key, alternatives in self.longer.items()
            for pattern in alternatives
        ]
        for i, (_, _, needs) in enumerate(self._needs):
            if not needs:
                self._always.append(i)
            for needed in needs[0] if needs else ():
                self._by_word.setdefault(needed, []).append(i)

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

    def _matcher(self, vocab: Vocab, chosen: tuple[int, ...]) -> Matcher:
        """A Matcher of the ``chosen`` longer patterns, added in the order of ``longer``."""
        if (id(vocab), chosen) not in self._matchers:
            if len(self._matchers) >= _MAX_MATCHERS:
                self._matchers.clear()
            matcher = Matcher(vocab)
            for i in chosen:
                key, pattern, _ = self._needs[i]
                matcher.add(key, [pattern])
            self._matchers[(id(vocab), chosen)] = matcher
        return self._matchers[(id(vocab), chosen)]

    def find(self, span: Span) -> Iterator[tuple[str, int, int]]:
        """(pattern key, start, end) of every match, token offsets within ``span``."""
        if not self._prepared:
            self._prepare()
        rows = span.doc.to_array(_COLUMNS)[span.start : span.end].tolist()
        hashed = self._hashed
        for i, (*words, pos) in enumerate(rows):
            for attr, word in enumerate(words):
                for key, allowed in hashed.get((attr, word), ()):
                    if allowed is None or pos in allowed:
                        yield key, i, i + 1
        chosen = self._possible(rows)
        if chosen:
            vocab = span.doc.vocab
            for match_id, start, end in self._matcher(vocab, chosen)(span):
                yield vocab.strings[match_id], start, end

    def _possible(self, rows: list[list[int]]) -> tuple[int, ...]:
        """The longer patterns whose needed words all occur in ``rows``. A Matcher of only
        these finds what one of all would, in the same order: a pattern's matches do not
        depend on the others, and the Matcher keeps its patterns' order."""
        present = {(a, row[a]) for row in rows for a in range(len(_ATTRS))}
        candidates = set(self._always)
        for word in present:
            candidates.update(self._by_word.get(word, ()))
        return tuple(
            i
            for i in sorted(candidates)
            if all(not words.isdisjoint(present) for words in self._needs[i][2])
        )


def _needs(pattern: list[dict[str, Any]]) -> Needs:
    """For each token of ``pattern`` every match holds and that is given by words (lemma,
    lower case or text, one or ``IN`` a list), the (attribute index, hash) of those words."""
    out = []
    for spec in pattern:
        if spec.get("OP", "1") not in ("1", "+"):
            continue
        for name, value in spec.items():
            if name not in _WORD_KEYS:
                continue
            if isinstance(value, dict) and set(value) != {"IN"}:
                continue
            words = _values(value)
            if words and all(isinstance(w, str) for w in words):
                index = _ATTRS.index(_WORD_KEYS[name])
                out.append(frozenset((index, hash_string(w)) for w in words))
                break
    return tuple(out)
