"""The lexicon YAML files as canonical entities, an alias index and EntityRuler patterns."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from bilat.analyze.slug import slugify
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
        for alias in (entity.name, *entity.aliases):
            self.alias(alias, entity.id, label or entity.type.upper())

    def alias(self, text: str, entity_id: str, label: str) -> None:
        self.aliases.setdefault(text.lower(), entity_id)
        self.patterns.append({"label": label, "pattern": text, "id": entity_id})

    def lookup(self, text: str) -> Entity | None:
        entity_id = self.aliases.get(text.lower())
        return self.entities[entity_id] if entity_id else None


def _plural(demonym: str) -> str | None:
    if demonym.endswith(("s", "ese", "sh", "ch", "i")):
        return None
    return demonym + "s"


def _add_countries(gaz: Gazetteer) -> None:
    rows: list[dict[str, Any]] = load("countries")
    shared = Counter(r["demonym"] for r in rows)
    capitals: list[Entity] = []
    for row in rows:
        cid = slugify(row["name"])
        attrs = {"capital": row.get("capital"), "demonym": row["demonym"]}
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


def _role(row: dict[str, Any]) -> Role:
    return Role(row["title"], row.get("of"), row.get("since"), row.get("until"))


def _entity(row: dict[str, Any], etype: str) -> Entity:
    reserved = {"id", "name", "aliases", "patterns", "roles", "same_as"}
    attrs = {k: v for k, v in row.items() if k not in reserved}
    roles = tuple(_role(r) for r in row.get("roles", []))
    return Entity(
        row.get("id") or slugify(row["name"]),
        etype,
        row["name"],
        tuple(row.get("aliases", [])),
        attrs,
        roles=roles,
    )


def _add_file(gaz: Gazetteer, name: str, etype: str) -> None:
    for row in load(name):
        if row.get("same_as"):
            target = gaz.entities[row["same_as"]]
            label = CAPITAL if target.attrs.get("capital_of") else target.type.upper()
            gaz.alias(row["name"], target.id, label)
            continue
        entity = _entity(row, etype)
        gaz.add(entity)
        for tokens in row.get("patterns", []):
            gaz.patterns.append({"label": etype.upper(), "pattern": tokens, "id": entity.id})


@cache
def gazetteer() -> Gazetteer:
    """Every lexicon entity, built once per process."""
    gaz = Gazetteer()
    _add_countries(gaz)
    for name, etype in FILES.items():
        _add_file(gaz, name, etype)
    return gaz
