"""The gazetteer's names as token sequences, matched in a parsed block.

spaCy's EntityRuler turns each of some 30,000 names into a Doc when the pipeline loads,
creating a lexeme for every new word: seconds on each start. Here each name is split by
the same tokenizer once, the result is kept in an on-disk cache beside the gazetteer
(``cache.py``), and a block is matched by looking its tokens up in a dict: longest name
first, spans that overlap keep the longer (as the ruler does). Tokens are compared by the
string hashes spaCy stores (``Doc.to_array``), and a sorted array of the first tokens' hashes
picks in one step the few tokens of a block that can start a name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

Phrase = tuple[tuple[str, ...], str, str]  # (token texts, label, entity id)
# names of one length by their token hashes: (length, {hashes: (label, entity id)})
ByLength = tuple[int, dict[tuple[int, ...], tuple[str, str]]]


@dataclass
class PhraseIndex:
    """Names by the hash of their first token (spaCy's ORTH), longest first, and those
    hashes sorted."""

    by_hash: dict[int, list[ByLength]] = field(default_factory=dict)
    firsts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))

    @classmethod
    def build(
        cls, patterns: Iterable[dict[str, Any]], tokenize: Callable[[str], list[str]]
    ) -> PhraseIndex:
        by_first: dict[str, list[Phrase]] = {}
        seen: set[tuple[tuple[str, ...], str]] = set()
        for p in patterns:
            if not isinstance(p["pattern"], str):
                continue
            tokens = tuple(tokenize(p["pattern"]))
            if not tokens or (tokens, p["id"]) in seen:
                continue
            seen.add((tokens, p["id"]))
            by_first.setdefault(tokens[0], []).append((tokens, p["label"], p["id"]))
        for bucket in by_first.values():
            bucket.sort(key=lambda phrase: -len(phrase[0]))
        return cls.hashed(by_first)

    @classmethod
    def hashed(cls, by_first: dict[str, list[Phrase]]) -> PhraseIndex:
        """The index of names bucketed by first token, each bucket longest first; of names
        with the same tokens the first in its bucket is kept, as a scan of it would."""
        index = cls()
        for first, bucket in by_first.items():
            lengths: dict[int, dict[tuple[int, ...], tuple[str, str]]] = {}
            for tokens, label, entity_id in bucket:
                hashes = tuple(hash_string(t) for t in tokens)
                lengths.setdefault(len(tokens), {}).setdefault(hashes, (label, entity_id))
            index.by_hash[hash_string(first)] = list(lengths.items())
        index.firsts = np.array(sorted(index.by_hash), dtype=np.uint64)
        return index

    def find(self, doc: Doc) -> list[Span]:
        """The longest name starting at each token of ``doc``."""
        orths = doc.to_array(ORTH)
        if not len(orths) or not len(self.firsts):
            return []
        at = np.searchsorted(self.firsts, orths).clip(max=len(self.firsts) - 1)
        starts = np.flatnonzero(self.firsts[at] == orths).tolist()
        if not starts:
            return []
        words = orths.tolist()
        out = []
        for i in starts:
            for length, names in self.by_hash[words[i]]:
                found = names.get(tuple(words[i : i + length]))
                if found is not None:
                    out.append(Span(doc, i, i + length, label=found[0], span_id=found[1]))
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
