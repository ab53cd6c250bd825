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


MentionKind = Literal["name", "alias", "partial", "metonym", "demonym", "group", "designator"]


@dataclass(frozen=True)
class Mention:
    entity_id: str
    start: int
    end: int
    sentence: int
    kind: MentionKind
    text: str


Status = Literal["occurred", "ongoing", "planned", "expected", "possible", "denied", "unknown"]
STATUSES: tuple[str, ...] = (
    "occurred",
    "ongoing",
    "planned",
    "expected",
    "possible",
    "denied",
    "unknown",
)


@dataclass(frozen=True)
class TimeValue:
    """A time expression: the words, where they are, and the interval they resolve to.

    ``start``/``end`` stay None when the words cannot be resolved (a relative
    expression in a document without a publication date).
    """

    text: str
    start_char: int
    end_char: int
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def resolved(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(frozen=True)
class Participant:
    entity_id: str
    role: str


@dataclass(frozen=True)
class Event:
    """Something that happened, is planned, expected, possible or denied, with its evidence."""

    type: str
    subtype: str
    status: str
    start: int  # the trigger's span; evidence holds every supporting sentence
    end: int
    participants: tuple[Participant, ...] = ()
    evidence: tuple[tuple[int, int], ...] = ()
    attribution: str | None = None
    time: TimeValue | None = None
    place_id: str | None = None
    venue_id: str | None = None
    forum_id: str | None = None
    session: int | None = None
    platform_ids: tuple[str, ...] = ()
    quantity: float | None = None
    quantity_text: str | None = None
    money_amount: float | None = None
    money_currency: str | None = None
    confidence: float = 0.5
    topic: str | None = None
    source_id: str | None = None  # PLOVER's actor: who does it
    target_id: str | None = None  # PLOVER's recipient: to whom it is done


@dataclass(frozen=True)
class Claim:
    """A number the text asserts about something: "10 intergovernmental documents"."""

    subject_text: str
    attribute: str
    start: int
    end: int
    value_num: float | None = None
    value_text: str | None = None
    qualifier: str | None = None  # at_least, more_than, about, up_to, less_than
    unit: str | None = None
    subject_id: str | None = None
    as_of: dt.date | None = None
    status: str = "unknown"
    attribution: str | None = None
    aspect: str | None = None  # the act the number is about: delivered, ordered, ...


@dataclass(frozen=True)
class Quote:
    """Direct or reported speech with its speaker when the text lets us resolve one."""

    text: str
    kind: Literal["direct", "reported"]
    start: int
    end: int
    speaker_id: str | None = None
    speaker_text: str | None = None
    verb: str | None = None


@dataclass(frozen=True)
class TextRole:
    """A title the document gives a person ("Russian Defence Minister Andrei Belousov")."""

    person_id: str
    title: str
    start: int
    end: int
    of_id: str | None = None
    since: dt.date | None = None


@dataclass(frozen=True)
class Analysis:
    """What the analysis of one document produced; the store writes it in one transaction."""

    document: Document
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    entities: dict[str, Entity]
    tokens: int = 0
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    quotes: tuple[Quote, ...] = ()
    roles: tuple[TextRole, ...] = ()
