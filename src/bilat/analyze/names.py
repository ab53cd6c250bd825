"""Clean the spans the model proposes: titles, articles, possessives, bad types."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span

from bilat.lexicon import load

_POSSESSIVE = {"'s", "’s", "'", "’"}


@dataclass(frozen=True)
class Rules:
    label_types: dict[str, str]
    new_entity_sections: frozenset[str]
    type_by_last_word: dict[str, str]
    not_entities: frozenset[str]
    drop_first_words: frozenset[str]
    strip_first_words: frozenset[str]
    max_tokens: int
    titles: tuple[tuple[str, ...], ...]
    currency_words: frozenset[str]
    trailing_words: frozenset[str]
    type_by_first_word: dict[str, str]


@cache
def rules() -> Rules:
    data = load("corrections")
    by_word = {w: t for t, words in data["type_by_last_word"].items() for w in words}
    titles = sorted((tuple(t.split()) for t in load("titles")["titles"]), key=len, reverse=True)
    return Rules(
        label_types=dict(data["label_types"]),
        new_entity_sections=frozenset(data["new_entity_sections"]),
        type_by_last_word=by_word,
        not_entities=frozenset(w.lower() for w in data["not_entities"]),
        drop_first_words=frozenset(data["drop_first_words"]),
        strip_first_words=frozenset(data["strip_first_words"]),
        max_tokens=int(data["max_tokens"]),
        titles=tuple(titles),
        currency_words=frozenset(data["currency_words"]),
        trailing_words=frozenset(data["trailing_words"]),
        type_by_first_word={w: t for t, words in data["type_by_first_word"].items() for w in words},
    )


def _title_length(words: list[str]) -> int:
    for title in rules().titles:
        if tuple(words[: len(title)]) == title and len(words) > len(title):
            return len(title)
    return 0


def without_title(name: str) -> str:
    """ "PM Modi" -> "Modi"; a name with no leading title is returned as it is."""
    words = name.split()
    return " ".join(words[_title_length(words) :])


def clean_span(span: Span) -> Span | None:
    """The name inside ``span``: without a leading article or title, or a trailing 's."""
    r = rules()
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].text in r.strip_first_words):
        start += 1
    words = [t.text for t in doc[start:end]]
    if "(" in words:  # "Generalized System of Preferences (GSP)"
        end = start + words.index("(")
    while end > start and (
        doc[end - 1].is_punct
        or doc[end - 1].text in _POSSESSIVE
        or doc[end - 1].lower_ in r.trailing_words  # "Framework for the"
    ):
        end -= 1
    if span.label_ == "PERSON":
        start += _title_length([t.text for t in doc[start:end]])
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label_)


def acceptable(span: Span) -> bool:
    """Whether a cleaned span the lexicon does not know can name an entity."""
    r = rules()
    text = span.text
    if span.label_ not in r.label_types or len(span) > r.max_tokens:
        return False
    if text.lower() in r.not_entities or span[0].lower_ in r.drop_first_words:
        return False
    if not any(c.isupper() for c in text) or text[0].isdigit() or "\n" in text:
        return False
    return not (span.label_ == "PERSON" and any(c.isdigit() for c in text))


def is_currency(span: Span) -> bool:
    """A country named as its money: "U.S. dollars", "Chinese yuan"."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ in rules().currency_words


def entity_type(span: Span) -> str:
    """The type a new entity gets: from its last word if telling, else from the label."""
    r = rules()
    return (
        r.type_by_first_word.get(span[0].text)
        or r.type_by_last_word.get(span[-1].text)
        or r.label_types[span.label_]
    )
