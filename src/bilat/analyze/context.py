"""One document as the extractors see it: parsed sentences, mentions by token, list structure.

The extractors (events, quotes, claims, roles) read a ``DocView`` and never the raw
spaCy docs, so offsets are handled in one place: every span they return is a pair
of offsets into ``Document.text``.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from bilat.analyze import timex
from bilat.models import Document, Entity, Mention, Sentence

EXTRACTED_SECTIONS = ("body",)  # events, claims and quotes: not headings, FAQ or boilerplate


@dataclass
class SentenceView:
    sentence: Sentence
    span: Span  # the parsed sentence inside its block's Doc
    offset: int  # block start: token.idx + offset is a document offset
    list_item: bool

    def start(self, token: Token) -> int:
        return token.idx + self.offset

    def end(self, token: Token) -> int:
        return token.idx + len(token.text) + self.offset

    def chars(self, first: Token, last: Token) -> tuple[int, int]:
        return self.start(first), self.end(last)

    def span_of(self, start: int, end: int) -> Span | None:
        doc = self.span.doc
        return doc.char_span(start - self.offset, end - self.offset, alignment_mode="expand")

    @cached_property
    def times(self) -> list[timex.Timex]:
        """Time expressions in this sentence (found once; events, claims and headings read them)."""
        span = self.span
        return timex.find(span.doc.text[span.start_char : span.end_char], self.sentence.start)

    def token_at(self, pos: int) -> Token | None:
        span = self.span_of(pos, pos + 1)
        return span[0] if span is not None and len(span) else None

    def root_of(self, start: int, end: int) -> Token | None:
        span = self.span_of(start, end)
        return span.root if span is not None and len(span) else None


@dataclass
class DocView:
    document: Document
    sentences: list[SentenceView]
    mentions: list[Mention]
    entities: dict[str, Entity]
    _by_start: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.mentions = sorted(self.mentions, key=lambda m: m.start)
        self._by_start = [m.start for m in self.mentions]

    @property
    def published(self):  # type: ignore[no-untyped-def]
        return self.document.published

    def text(self, start: int, end: int) -> str:
        return self.document.text[start:end]

    def mention_at(self, sv: SentenceView, token: Token) -> Mention | None:
        """The mention covering ``token``, if any."""
        pos = sv.start(token)
        i = bisect.bisect_right(self._by_start, pos) - 1
        if i >= 0 and self.mentions[i].start <= pos < self.mentions[i].end:
            return self.mentions[i]
        return None

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        lo = bisect.bisect_left(self._by_start, start)
        hi = bisect.bisect_left(self._by_start, end)
        return [m for m in self.mentions[lo:hi] if m.end <= end]

    def actors_in(self, start: int, end: int) -> list[Mention]:
        """Mentions in the span that are not inside another mention (the "Russian" of
        "Russian Defence Ministry" is a mention of Russia, but the ministry is the actor)."""
        found = self.mentions_in(start, end)
        return [
            m
            for m in found
            if not any(o is not m and o.start <= m.start and m.end <= o.end for o in found)
        ]

    def type_of(self, mention: Mention) -> str:
        return self.entities[mention.entity_id].type

    def intro(self, index: int) -> SentenceView | None:
        """For a list item, the sentence ending in ':' that introduces the list."""
        sv = self.sentences[index]
        if not sv.list_item:
            return None
        for prev in reversed(self.sentences[:index]):
            if not prev.list_item:
                text = prev.span.text.rstrip()
                return prev if text.endswith(":") else None
        return None

    def heading_before(self, index: int) -> SentenceView | None:
        for prev in reversed(self.sentences[:index]):
            if prev.sentence.section in ("heading", "headline"):
                return prev
        return None

    def extracted(self) -> list[tuple[int, SentenceView]]:
        return [
            (i, sv)
            for i, sv in enumerate(self.sentences)
            if sv.sentence.section in EXTRACTED_SECTIONS
        ]

    @cached_property
    def pair(self) -> list[str]:
        """The two countries the body is about: its two most mentioned countries."""
        counts = Counter(
            m.entity_id
            for m in self.mentions
            if self.type_of(m) == "country"
            and self.sentences[m.sentence].sentence.section in EXTRACTED_SECTIONS
        )
        return [c for c, _ in counts.most_common(2)]


def build_view(
    document: Document,
    sentences: tuple[Sentence, ...],
    docs: list[Doc],
    mentions: tuple[Mention, ...],
    entities: dict[str, Entity],
) -> DocView:
    views: list[SentenceView] = []
    for s in sentences:
        block = document.blocks[s.block]
        doc = docs[s.block]
        span = doc.char_span(s.start - block.start, s.end - block.start, alignment_mode="expand")
        if span is None:  # pragma: no cover - expand always aligns inside a block
            continue
        views.append(SentenceView(s, span, block.start, block.list_item))
    return DocView(document, views, list(mentions), entities)
