"""Typed records that cross module boundaries.

Every span is a pair of character offsets into ``Document.text``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Section = Literal["headline", "heading", "body", "faq", "boilerplate"]
EntityType = Literal[
    "country", "person", "organization", "forum", "platform", "programme", "agreement", "place"
]
ENTITY_TYPES: tuple[str, ...] = (
    "country",
    "person",
    "organization",
    "forum",
    "platform",
    "programme",
    "agreement",
    "place",
)


@dataclass(frozen=True)
class SourceText:
    """Text as a loader found it, before normalisation, with what is known about it."""

    origin: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None
    language: str | None = None
    body_ends_before: str | None = None


@dataclass(frozen=True)
class Block:
    """A line of the document (paragraph, heading or list item) and the section it is in."""

    start: int
    end: int
    section: Section
    list_item: bool = False


@dataclass(frozen=True)
class Document:
    """A normalised article: ``id`` is the SHA-256 of ``text``."""

    id: str
    text: str
    origin: str
    blocks: tuple[Block, ...]
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None
    language: str = "en"


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    section: Section
    block: int


@dataclass(frozen=True)
class Role:
    """A title a person holds in a country or body, over a span of time."""

    title: str
    of: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None


@dataclass(frozen=True)
class Entity:
    """A canonical entity: ``id`` is a slug, stable across documents."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    attrs: dict[str, Any] = field(default_factory=dict)
    origin: Literal["lexicon", "text"] = "lexicon"
    roles: tuple[Role, ...] = ()


MentionKind = Literal["name", "alias", "partial", "metonym", "demonym"]


@dataclass(frozen=True)
class Mention:
    entity_id: str
    start: int
    end: int
    sentence: int
    kind: MentionKind
    text: str


@dataclass(frozen=True)
class Analysis:
    """What the analysis of one document produced; the store writes it in one transaction."""

    document: Document
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    entities: dict[str, Entity]
    tokens: int = 0
