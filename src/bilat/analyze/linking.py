"""Link a document's spans to canonical entities.

Order matters and is fixed: gazetteer matches first (with metonymy for capitals),
then names the model found that the lexicon knows, then full names it does not
know (new entities), then short names resolved against the people and bodies
already met in the same document ("Singh" -> Rajnath Singh).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cache, cached_property

from spacy.attrs import ORTH, POS
from spacy.parts_of_speech import PROPN
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc, Span

from bilat.analyze import compounds, datelines, designators, groups
from bilat.analyze.gazetteer import CAPITAL, DEMONYM, Gazetteer, gazetteer
from bilat.analyze.names import acceptable, clean_span, entity_type, is_currency, rules
from bilat.analyze.roles import title_before
from bilat.analyze.slug import slugify
from bilat.lexicon import load
from bilat.models import Block, Entity, Mention, MentionKind


@dataclass
class _Linker:
    blocks: tuple[Block, ...]
    sentence_starts: list[int]
    gaz: Gazetteer = field(default_factory=gazetteer)
    mentions: dict[tuple[int, int], Mention] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    pending: list[tuple[int, Span]] = field(default_factory=list)
    _spans: list[tuple[int, int]] = field(default_factory=list)  # mentions' spans, sorted
    _longest: int = 0

    @cached_property
    def block_starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    def remove(self, offsets: tuple[int, int]) -> None:
        del self.mentions[offsets]
        self._spans.remove(offsets)

    def _overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a mention made: only mentions that start less than
        the longest mention's length before ``start`` can (a sorted list, not every one)."""
        i = bisect.bisect_left(self._spans, (end, -1))
        while i > 0:
            i -= 1
            s, e = self._spans[i]
            if s < start - self._longest:
                return False
            if s < end and start < e:
                return True
        return False

    def offsets(self, block: int, span: Span) -> tuple[int, int]:
        base = self.blocks[block].start
        return base + span.start_char, base + span.end_char

    def add(
        self, block: int, span: Span, entity: Entity, kind: MentionKind, nested: bool = False
    ) -> None:
        """Record a mention unless it overlaps one already made (a ``nested`` one may sit
        inside another: the country in "Russian Defence Ministry")."""
        start, end = self.offsets(block, span)
        if (start, end) in self.mentions:
            return
        if not nested and self._overlaps(start, end):
            return
        bisect.insort(self._spans, (start, end))
        self._longest = max(self._longest, end - start)
        sentence = max(0, bisect.bisect_right(self.sentence_starts, start) - 1)
        self.mentions[(start, end)] = Mention(entity.id, start, end, sentence, kind, span.text)
        self.entities.setdefault(entity.id, entity)


@cache
def _metonymy() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in load("metonymy").items()}


def governmental(span: Span) -> bool:
    """A capital acting as its government: subject, possessor, or partner ("with Moscow")."""
    rules_ = _metonymy()
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    if root.dep_ in rules_["government_deps"]:
        return True
    if root.dep_ == "pobj":
        return root.head.lower_ in rules_["government_preps"]
    return False


def _known_kind(span: Span, entity: Entity) -> MentionKind:
    return "name" if span.text == entity.name else "alias"


def _link_ruler(linker: _Linker, block: int, span: Span) -> None:
    entity = linker.gaz.entities[span.ent_id_]
    if entity.type == "country" and is_currency(span):
        return
    if entity.type == "person":
        found = compounds.administration(span.doc, span, entity, linker.gaz)
        if found is not None:
            linker.add(block, found[0], found[1], "group")
            return
    if span.label_ == DEMONYM:
        linker.add(block, span, entity, "demonym")
    elif span.label_ == CAPITAL and governmental(span):
        linker.add(block, span, linker.gaz.entities[entity.attrs["capital_of"]], "metonym")
    else:
        linker.add(block, span, entity, _known_kind(span, entity))


def _datelines(linker: _Linker, docs: list[Doc]) -> None:
    """The place and agency of a dateline ("NEW DELHI, Dec 4 (Reuters) -"): a place, even
    when it is a capital, and a media outlet."""
    for block in datelines.blocks([b.section for b in linker.blocks]):
        doc = docs[block]
        found = datelines.find(doc.text)
        if found is None:
            continue
        parts = (
            (found.place, None, ("place", "country")),
            (found.region, None, ("place", "country")),
            (found.agency, found.agency_name, ("organization",)),
        )
        for offsets, name, types in parts:
            if offsets is None:
                continue
            span = doc.char_span(*offsets, alignment_mode="expand")
            entity = linker.gaz.lookup(name or doc.text[offsets[0] : offsets[1]])
            if span is not None and entity is not None and entity.type in types:
                linker.add(block, span, entity, "alias")


def _first_pass(linker: _Linker, docs: list[Doc]) -> None:
    for block, doc in enumerate(docs):
        for ent in doc.ents:
            if ent.ent_id_:
                _link_ruler(linker, block, ent)
                continue
            span = clean_span(ent)
            if span is None or span.label_ not in rules().label_types:
                continue
            entity = linker.gaz.lookup(span.text)
            if entity is not None:
                linker.add(block, span, entity, "alias")
            elif acceptable(span):
                linker.pending.append((block, span))


def _groups(linker: _Linker, docs: list[Doc]) -> None:
    """Country groups next to each country mention ("the Japanese government")."""
    countries = [
        m for m in linker.mentions.values() if linker.entities[m.entity_id].type == "country"
    ]
    for mention in countries:
        block, span = _span_of(linker, docs, mention)
        if span is None:
            continue
        found = groups.after(docs[block], span) or groups.before(docs[block], span)
        if found is not None:
            head_span, head = found
            group = groups.group_entity(linker.entities[mention.entity_id], head)
            known = linker.gaz.lookup(group.name)  # "US military": the armed forces' entry
            linker.add(block, head_span, known or group, "group")


def _designators(linker: _Linker, docs: list[Doc]) -> None:
    """Platforms the lexicon does not hold, named by a designator next to a category noun."""
    for block, doc in enumerate(docs):
        if linker.blocks[block].section == "boilerplate":
            continue
        for span, entity in designators.find(doc):
            known = linker.gaz.lookup(entity.name) or linker.entities.get(entity.id)
            linker.add(block, span, known or entity, "designator")


def _nested_countries(linker: _Linker, docs: list[Doc]) -> None:
    """The country inside a body's name ("Russian Defence Ministry", "US military")."""
    for mention in list(linker.mentions.values()):
        entity = linker.entities[mention.entity_id]
        country = entity.attrs.get("country")
        if entity.type == "country" or not isinstance(country, str):
            continue
        block, span = _span_of(linker, docs, mention)
        part = compounds.leading_country(linker.gaz, span, country) if span is not None else None
        if part is not None:
            linker.add(block, part, linker.gaz.entities[country], "demonym", nested=True)


def _span_of(linker: _Linker, docs: list[Doc], mention: Mention) -> tuple[int, Span | None]:
    """The block a mention is in and its tokens there."""
    block = max(0, bisect.bisect_right(linker.block_starts, mention.start) - 1)
    base = linker.blocks[block].start
    return block, docs[block].char_span(mention.start - base, mention.end - base)


def _words(text: str) -> list[str]:
    return text.replace("–", " ").replace("-", " ").split()


def _contains(name: str, part: list[str]) -> bool:
    words = _words(name)
    n = len(part)
    return any(words[i : i + n] == part for i in range(len(words) - n + 1))


def _partial(linker: _Linker, block: int, span: Span) -> Entity | None:
    """The one entity met in this document whose name holds ``span``'s words."""
    part = _words(span.text)
    found = [
        e
        for e in linker.entities.values()
        if e.type in ("person", "organization", "forum", "place", "programme", "agreement")
        and any(_contains(n, part) for n in (e.name, *e.aliases))
        and (len(part) > 1 or e.type == "person")
    ]
    if len(found) <= 1:
        return found[0] if found else None
    start, _ = linker.offsets(block, span)
    before = [(m.start, m.entity_id) for m in linker.mentions.values() if m.start < start]
    for _, entity_id in sorted(before, reverse=True):
        match = [e for e in found if e.id == entity_id]
        if match:
            return match[0]
    return None


def _titled_surname(linker: _Linker, span: Span) -> Entity | None:
    """ "Defence Secretary Singh": the one person in the lexicon with that surname who
    holds that title (Rajesh Kumar Singh, not Rajnath Singh); none when no title is given
    or several fit."""
    words = _words(span.text)
    if len(words) != 1:  # (the model may tag it a place: the title says it is a person)
        return None
    found = title_before(span.doc.text[: span.start_char])
    if found is None:
        return None
    title = found.lower()
    fits = [
        e
        for e in linker.gaz.entities.values()
        if e.type == "person"
        and _words(e.name)[-1] == words[0]
        and any(r.title.lower().endswith(title) or title.endswith(r.title.lower()) for r in e.roles)
    ]
    return fits[0] if len(fits) == 1 else None


def _new_entity(linker: _Linker, span: Span) -> Entity:
    etype = entity_type(span)
    name = span.text
    entity_id = slugify(name)
    if entity_id in linker.gaz.entities:
        entity_id = f"{entity_id}-{etype}"
    existing = linker.entities.get(entity_id)
    return existing or Entity(entity_id, etype, name, (), {}, origin="text")


def _resolve_pending(linker: _Linker) -> None:
    allowed = rules().new_entity_sections
    for block, span in sorted(linker.pending, key=lambda p: -len(p[1])):
        entity = _partial(linker, block, span) or _titled_surname(linker, span)
        if entity is not None:
            linker.add(block, span, entity, "partial")
        elif linker.blocks[block].section in allowed:
            linker.add(block, span, _new_entity(linker, span), "name")


def _surnames(linker: _Linker, docs: list[Doc]) -> None:
    """Surnames the model did not tag, for people already named in full in this document."""
    people: dict[str, list[Entity]] = {}
    for e in linker.entities.values():
        if e.type == "person" and len(_words(e.name)) > 1:
            people.setdefault(_words(e.name)[-1], []).append(e)
    if not people:
        return
    by_hash = {hash_string(word): owners for word, owners in people.items()}
    for block, doc in enumerate(docs):  # by the hashes spaCy stores: no Token made per word
        for i, (orth, pos) in enumerate(doc.to_array([ORTH, POS]).tolist()):
            owners = by_hash.get(orth)
            if owners and len(owners) == 1 and pos == PROPN:
                span = doc[i : i + 1]
                _drop_city(linker, linker.offsets(block, span))
                linker.add(block, span, owners[0], "partial")


def _drop_city(linker: _Linker, offsets: tuple[int, int]) -> None:
    """A city named like a person met in the document ("Austin" after "Lloyd Austin") is
    that person: forget the city mention there."""
    mention = linker.mentions.get(offsets)
    if mention is not None and linker.entities[mention.entity_id].attrs.get("population"):
        linker.remove(offsets)


def link(
    blocks: tuple[Block, ...], sentence_starts: list[int], docs: list[Doc]
) -> tuple[list[Mention], dict[str, Entity]]:
    """Mentions sorted by position, and the entities they point to."""
    linker = _Linker(blocks, sentence_starts)
    _datelines(linker, docs)
    _first_pass(linker, docs)
    _groups(linker, docs)
    _designators(linker, docs)
    _resolve_pending(linker)
    _surnames(linker, docs)
    _nested_countries(linker, docs)
    mentions = sorted(linker.mentions.values(), key=lambda m: m.start)
    return mentions, linker.entities
