"""Everything read from one parsed document beyond its entities: roles, quotes, events, claims."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc

from bilat.analyze import actors, confidence, merge, places, plover
from bilat.analyze.anaphora import Anaphora
from bilat.analyze.claims import read_claims
from bilat.analyze.context import DocView, build_view
from bilat.analyze.events import Reader
from bilat.analyze.gazetteer import gazetteer
from bilat.analyze.quotes import read_quotes
from bilat.analyze.roles import read_roles, titles_by_person
from bilat.analyze.slug import slugify
from bilat.lexicon import load
from bilat.models import Claim, Document, Entity, Event, Mention, Quote, Sentence, TextRole


@dataclass(frozen=True)
class Extracted:
    events: tuple[Event, ...]
    claims: tuple[Claim, ...]
    quotes: tuple[Quote, ...]
    roles: tuple[TextRole, ...]


@cache
def co_chairs() -> dict[str, list[str]]:
    """Forum id -> titles of the people who co-chair it (from the forums lexicon)."""
    out: dict[str, list[str]] = {}
    for entry in load("forums"):
        if entry.get("co_chairs"):
            out[entry.get("id") or slugify(entry["name"])] = [t.lower() for t in entry["co_chairs"]]
    return out


def extract(
    document: Document,
    sentences: tuple[Sentence, ...],
    docs: list[Doc],
    mentions: tuple[Mention, ...],
    entities: dict[str, Entity],
) -> Extracted:
    view = build_view(document, sentences, docs, mentions, entities)
    roles = read_roles(view)
    titles = titles_by_person(view, roles)
    anaphora = Anaphora(view, titles)
    quotes = read_quotes(view, anaphora)
    spans = [(q.start, q.end) for q in quotes if q.kind == "direct"]
    titled = {m.start: r.start for r in roles for m in view.mentions if m.end == r.end}
    drafts = Reader(view, anaphora, spans, titled).read()
    groups = merge.group(drafts, view)
    merge.share_venues(groups)
    merge.settle_times(groups, view)
    places.settle(groups, view)
    body = [m for m in mentions if sentences[m.sentence].section == "body"]
    ranked = actors.countries(body, entities)
    events = [_finish(g, view, entities, ranked, titles) for g in merge.emitted(groups)]
    _referenced(events, entities)
    _learned(roles, entities)
    return Extracted(tuple(events), tuple(read_claims(view)), tuple(quotes), tuple(roles))


def _finish(
    g: merge.Group,
    view: DocView,
    entities: dict[str, Entity],
    ranked: list[tuple[str, int]],
    titles: dict[str, list[str]],
) -> Event:
    """The event of one group of drafts: its actors settled and oriented (source, target),
    and its confidence from how it was read."""
    raw = merge.to_event(g, view, co_chairs(), titles)
    event = plover.oriented(actors.settle(raw, entities, ranked))
    reading = confidence.Reading(
        verb_trigger=any(
            view.sentences[d.sentence].span.doc[d.trigger_i].pos_ in ("VERB", "AUX")
            for d in g.drafts
            if d.trigger_i >= 0
        ),
        actors=sum(x is not None for x in (event.source_id, event.target_id)),
        mentions=len(g.drafts),
        list_item=all(d.list_item for d in g.drafts),
        hedged=event.status in ("possible", "expected"),
        inferred=not raw.participants and bool(event.participants),
    )
    return replace(event, confidence=confidence.grade(reading))


def _learned(roles: list[TextRole], entities: dict[str, Entity]) -> None:
    """A person the lexicon does not know keeps the first title the text gives them and that
    title's country ("Lithuanian Deputy Defence Minister Tomas Vaitkunas")."""
    for role in roles:
        person = entities.get(role.person_id)
        if person is None or person.origin != "text" or "title" in person.attrs:
            continue
        attrs = {**person.attrs, "title": role.title}
        of = entities.get(role.of_id) if role.of_id else None
        if of is not None and of.type == "country":
            attrs["country"] = of.id
        entities[role.person_id] = replace(person, attrs=attrs)


def _referenced(events: list[Event], entities: dict[str, Entity]) -> None:
    """Entities events point to without a mention (a venue's city) join the document's entities."""
    known = gazetteer().entities
    for e in events:
        for entity_id in (e.place_id, e.venue_id, e.forum_id, *e.platform_ids):
            if entity_id and entity_id not in entities and entity_id in known:
                entities[entity_id] = known[entity_id]
