"""Guess an article's language well enough to refuse what bilat cannot read."""

from __future__ import annotations

import re
from functools import cache

from bilat.lexicon import load

_WORD = re.compile(r"[^\W\d_]+")


@cache
def _script_patterns() -> dict[str, re.Pattern[str]]:
    scripts: dict[str, list[str]] = load("languages")["scripts"]
    return {code: re.compile("[" + "".join(ranges) + "]") for code, ranges in scripts.items()}


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    stopwords: dict[str, list[str]] = load("languages")["stopwords"]
    return {code: frozenset(words) for code, words in stopwords.items()}


def language_name(code: str) -> str:
    names: dict[str, str] = load("languages")["names"]
    return names.get(code, code)


def detect(text: str) -> str:
    """An ISO 639-1 code: the script if it is not Latin, else the best stopword match.

    Short or ambiguous texts count as English, the language bilat reads.
    """
    sample = text[:20000]
    letters = sum(1 for c in sample if c.isalpha())
    if not letters:
        return "en"
    for code, pattern in _script_patterns().items():
        if len(pattern.findall(sample)) / letters > 0.3:
            return code
    words = [w.lower() for w in _WORD.findall(sample)[:3000]]
    if len(words) < 20:
        return "en"
    scores = {code: sum(1 for w in words if w in sw) for code, sw in _stopwords().items()}
    best = max(scores, key=lambda c: scores[c])
    # a few shared short words ("a", "no", "de") prove nothing in a short English text
    clear = scores[best] >= 5 and scores[best] > scores["en"] * 1.2 + 2
    return best if best != "en" and clear else "en"
