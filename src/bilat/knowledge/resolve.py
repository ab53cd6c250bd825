"""Cross-document entity resolution: which entity ids name the same real entity.

Documents mint their own ids ("andrey-belousov", "sukhoi-57"); this module decides which
are one entity and which id is canonical. Pure library code: records in, links out.

1. Fold names: casefold, strip accents, split words from digits, unify spellings and
   romanisation variants (data: ``lexicon/resolution.yaml``): "Raj Ghat" = "Rajghat",
   "Su 57" = "Sukhoi-57", "Sergey Shoygu" = "Sergei Shoigu".
2. Block: people by folded surname; other types by the de-spaced key of each name and
   alias and its consonant skeleton. Only records of one type sharing a block are compared.
3. Score a pair: ``None`` when they contradict (two lexicon entities, disjoint countries,
   given names that do not align word by word: equal, an initial or a close rapidfuzz
   ratio), else a similarity. Names with digits (designators) only match exactly.
4. Cluster: a record joins a cluster when it contradicts none of its members and resembles
   one; fitting several clusters that contradict each other (a bare "Singh" between two
   Singhs), it stays alone unless one fit is strictly better.
5. Canonical id: a lexicon record, then more mentions, then the longer name, then the
   smaller id; independent of insertion order.

``resolve`` sorts its input (lexicon, then fuller names first), so its links do not depend
on input order. ``Resolver.add`` decides each record on arrival, which depends on order in
two cases: a partial name joins the one namesake known then and stays when a second one
arrives; and where A fits B, B fits C and A contradicts C, the first of A and C keeps B.
Rebuilding with ``resolve`` gives the order-free result.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import combinations, product
from typing import Any

from rapidfuzz import fuzz

from bilat.lexicon import load

PERSON = "person"
LEXICON = "lexicon"
_WORD = re.compile(r"[^\W\d_]+|\d+")
_VOWELS = re.compile(r"(?<!^)[aeiouy]")
_DOUBLES = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class EntityRecord:
    """One entity id as the store knows it, with what resolution may compare."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()  # role titles held ("Defence Minister")
    affiliations: tuple[str, ...] = ()  # ids the roles are of (countries, organizations)
    origin: str = "text"  # "lexicon" records are curated: preferred as canonical
    mentions: int = 0  # how often mentioned (tie-breaker for the canonical choice)


@dataclass(frozen=True)
class _Folding:
    variants: dict[str, str]
    rules: tuple[tuple[re.Pattern[str], str], ...]
    prefixes: dict[str, str]
    connectors: frozenset[str]
    honorifics: frozenset[str]
    suffixes: frozenset[str]
    thresholds: dict[str, int]


def _spell(word: str, rules: Iterable[tuple[re.Pattern[str], str]]) -> str:
    for pattern, replacement in rules:
        word = pattern.sub(replacement, word)
    return word


@cache
def _folding() -> _Folding:
    data: dict[str, Any] = load("resolution")
    rules = tuple((re.compile(p), r) for p, r in data["spelling_rules"])
    variants: dict[
        str, str
    ] = {}  # every spelling, as written and as spelled by the rules -> folded form
    for group in data["word_variants"]:
        variants |= dict.fromkeys(
            [*group, *(_spell(w, rules) for w in group)], _spell(group[0], rules)
        )
    return _Folding(
        variants=variants,
        rules=rules,
        prefixes=dict(data["designator_prefixes"]),
        connectors=frozenset(data["connector_words"]),
        honorifics=frozenset(data["honorifics"]),
        suffixes=frozenset(data["name_suffixes"]),
        thresholds=dict(data["thresholds"]),
    )


@cache
def default_countries() -> frozenset[str]:
    """Ids of the countries of the lexicon (the slugs of their names)."""
    from bilat.analyze.slug import slugify

    rows = [*load("countries"), *load("world")["extra_countries"]]
    return frozenset(slugify(row["name"]) for row in rows)


def fold_word(word: str) -> str:
    """One casefolded, unaccented word with spelling variants unified ("andrey" -> "andrei")."""
    folding = _folding()
    if word.isdigit() or word in folding.variants:
        return folding.variants.get(word, word)
    word = _spell(word, folding.rules)
    return folding.variants.get(word, word)


def name_tokens(name: str, person: bool = False) -> tuple[str, ...]:
    """Folded words of a name: people lose honorifics and suffixes; other names lose
    connectors and have manufacturer prefixes shortened ("Sukhoi Su-57" -> ("su", "57"))."""
    text = unicodedata.normalize("NFKD", name.casefold())
    words = _WORD.findall("".join(c for c in text if not unicodedata.combining(c)))
    folding = _folding()
    if person:
        while len(words) > 1 and words[0] in folding.honorifics:
            words.pop(0)
        while len(words) > 1 and words[-1] in folding.suffixes:
            words.pop()
    else:
        kept = [w for w in words if w not in folding.connectors]
        words = [folding.prefixes.get(w, w) for w in kept or words]
    out: list[str] = []
    for word in map(fold_word, words):
        if person or not out or out[-1] != word:
            out.append(word)
    return tuple(out)


def _skeleton(key: str) -> str:
    return _DOUBLES.sub(r"\1", _VOWELS.sub("", key))


@dataclass(frozen=True)
class _Prepared:
    record: EntityRecord
    tokens: tuple[str, ...]  # folded words of the name
    forms: frozenset[tuple[str, ...]]  # folded words of the name and each alias
    keys: tuple[str, ...]  # de-spaced forms, the name's first
    countries: frozenset[str]

    def blocks(self) -> set[tuple[str, ...]]:
        kind = self.record.type
        if kind == PERSON:
            return {(kind, form[-1]) for form in self.forms}
        return {(kind, "k", k) for k in self.keys} | {(kind, "s", _skeleton(k)) for k in self.keys}


class _Matcher:
    """Pairwise scores; counts the fuzzy comparisons it makes."""

    def __init__(self, countries: Collection[str]) -> None:
        self.countries = frozenset(countries)
        self.limits = _folding().thresholds
        self.comparisons = 0

    def prepare(self, record: EntityRecord) -> _Prepared:
        person = record.type == PERSON
        forms = [f for f in (name_tokens(n, person) for n in (record.name, *record.aliases)) if f]
        keys = tuple(dict.fromkeys("".join(f) for f in forms))
        countries = self.countries.intersection(record.affiliations)
        return _Prepared(record, forms[0] if forms else (), frozenset(forms), keys, countries)

    def score(self, a: _Prepared, b: _Prepared) -> float | None:
        """``None`` when a and b cannot be one entity; else 0 (no evidence) to 100."""
        ra, rb = a.record, b.record
        if ra.type != rb.type or ra.origin == rb.origin == LEXICON or not a.tokens or not b.tokens:
            return None
        if a.countries and b.countries and not a.countries & b.countries:
            return None
        return self._person(a, b) if ra.type == PERSON else self._name(a, b)

    def _person(self, a: _Prepared, b: _Prepared) -> float | None:
        exact = bool(a.forms & b.forms)
        if len(a.tokens) == 1 or len(b.tokens) == 1:
            bare, full = (a, b) if len(a.tokens) == 1 else (b, a)
            if exact:
                return 100.0
            return 50.0 if bare.tokens[0] == full.tokens[-1] else None
        if a.tokens[-1] != b.tokens[-1]:
            return 100.0 if exact else None
        given = self._given(a.tokens[:-1], b.tokens[:-1])
        if given is None:
            return None
        return 100.0 if exact else given

    def _given(self, ga: tuple[str, ...], gb: tuple[str, ...]) -> float | None:
        """Each given name of the shorter list aligns, in order, with one of the longer."""
        short, long = (ga, gb) if len(ga) <= len(gb) else (gb, ga)
        scores, j = [], 0
        for word in short:
            while j < len(long):
                found = self._word(word, long[j])
                j += 1
                if found is not None:
                    scores.append(found)
                    break
            else:
                return None
        return min(scores, default=50.0)

    def _word(self, x: str, y: str) -> float | None:
        if x == y:
            return 100.0
        if x[0] != y[0]:
            return None
        if len(x) == 1 or len(y) == 1:
            return 70.0
        self.comparisons += 1
        ratio = float(fuzz.ratio(x, y))
        limit = self.limits["given_name_short" if min(len(x), len(y)) < 6 else "given_name"]
        return ratio if ratio >= limit else None

    def _name(self, a: _Prepared, b: _Prepared) -> float:
        """100 for a shared key; else the best close ratio of two letter keys (codes such
        as "mig29k" only match exactly) that are both names or share a skeleton."""
        if set(a.keys) & set(b.keys):
            return 100.0
        best, shortest = 0.0, self.limits["min_fuzzy_length"]
        for ka, kb in product(a.keys, b.keys):
            if not (ka.isalpha() and kb.isalpha() and min(len(ka), len(kb)) >= shortest):
                continue
            if (ka, kb) == (a.keys[0], b.keys[0]) or _skeleton(ka) == _skeleton(kb):
                self.comparisons += 1
                ratio = float(fuzz.ratio(ka, kb))
                best = max(best, ratio if ratio >= self.limits["name"] else 0.0)
        return best


def _rank(record: EntityRecord) -> tuple[bool, int, int, str]:
    return (record.origin != LEXICON, -record.mentions, -len(record.name), record.id)


class Resolver:
    """Incremental: add records one at a time (or many); each gets a canonical id.

    ``countries`` are the affiliation ids that are countries (default: the lexicon's);
    two records tied to disjoint sets of them never merge. ``comparisons`` counts the
    fuzzy comparisons made so far (blocking keeps it far below n²)."""

    def __init__(self, countries: Collection[str] | None = None) -> None:
        self._matcher = _Matcher(default_countries() if countries is None else countries)
        self._prepared: dict[str, _Prepared] = {}
        self._cluster: dict[str, str] = {}  # id -> cluster key
        self._members: dict[str, list[str]] = {}  # cluster key -> ids
        self._canonical: dict[str, str] = {}  # cluster key -> canonical id
        self._blocks: defaultdict[tuple[str, ...], list[str]] = defaultdict(list)

    @property
    def comparisons(self) -> int:
        return self._matcher.comparisons

    def add(self, record: EntityRecord) -> str:
        """Resolve one record; its canonical id. An id already known is not re-resolved."""
        if record.id in self._prepared:
            return self.canonical(record.id)
        prepared = self._matcher.prepare(record)
        fits = self._fits(prepared)
        target = self._choose(fits)
        self._prepared[record.id] = prepared
        for block in prepared.blocks():
            self._blocks[block].append(record.id)
        if target is None:
            target = record.id
            self._members[target] = []
        self._cluster[record.id] = target
        self._members[target].append(record.id)
        self._refresh(target)
        return self.canonical(record.id)

    def add_all(self, records: Iterable[EntityRecord]) -> None:
        for record in records:
            self.add(record)

    def canonical(self, entity_id: str) -> str:
        """The canonical id of ``entity_id``; the id itself when unresolved or unknown."""
        cluster = self._cluster.get(entity_id)
        return entity_id if cluster is None else self._canonical[cluster]

    def links(self) -> dict[str, str]:
        """Every id that maps to another id, with that id."""
        return {
            entity_id: self._canonical[cluster]
            for entity_id, cluster in sorted(self._cluster.items())
            if self._canonical[cluster] != entity_id
        }

    def _fits(self, prepared: _Prepared) -> dict[str, float]:
        """Clusters the record contradicts in no member and resembles in one, with the score."""
        seen = {i for block in prepared.blocks() for i in self._blocks.get(block, ())}
        fits: dict[str, float] = {}
        for cluster in sorted({self._cluster[i] for i in seen}):
            scores = [
                self._matcher.score(prepared, self._prepared[m]) for m in self._members[cluster]
            ]
            if None not in scores and (best := max(s for s in scores if s is not None)) > 0:
                fits[cluster] = best
        return fits

    def _choose(self, fits: dict[str, float]) -> str | None:
        """The cluster to join, merging fitting clusters that agree; None when ambiguous."""
        ranked = sorted(fits, key=lambda c: (-fits[c], c))
        if not ranked:
            return None
        if len(ranked) == 1 or self._agree(ranked):
            for other in ranked[1:]:
                self._merge(other, into=ranked[0])
            return ranked[0]
        return ranked[0] if fits[ranked[0]] > fits[ranked[1]] else None

    def _agree(self, clusters: Sequence[str]) -> bool:
        return all(
            self._matcher.score(self._prepared[a], self._prepared[b]) is not None
            for first, second in combinations(clusters, 2)
            for a, b in product(self._members[first], self._members[second])
        )

    def _merge(self, cluster: str, into: str) -> None:
        for member in self._members.pop(cluster):
            self._cluster[member] = into
            self._members[into].append(member)
        del self._canonical[cluster]
        self._refresh(into)

    def _refresh(self, cluster: str) -> None:
        best = min((self._prepared[m].record for m in self._members[cluster]), key=_rank)
        self._canonical[cluster] = best.id


def _batch_order(record: EntityRecord) -> tuple[Any, ...]:
    """Lexicon first, then fuller names, so partial names meet every namesake."""
    return (record.type, record.origin != LEXICON, -len(record.name.split()), *_rank(record))


def resolve(
    records: Iterable[EntityRecord], countries: Collection[str] | None = None
) -> dict[str, str]:
    """Batch resolution in a deterministic order; the links (id -> canonical id).
    Of several records with one id, the first in that order is kept."""
    resolver = Resolver(countries)
    resolver.add_all(sorted(records, key=lambda r: (*_batch_order(r), repr(r))))
    return resolver.links()


def resolve_mention(
    surname_or_partial: str, candidates: Sequence[EntityRecord], title: str | None = None
) -> str | None:
    """The id of the one person a partial name ("Singh", "R. Singh") can be, using a title
    seen near it ("Defence Secretary") to choose; None when no candidate or several fit."""
    matcher = _Matcher(())
    probe = matcher.prepare(EntityRecord(id="", type=PERSON, name=surname_or_partial))
    fitting = {
        c.id: c
        for c in candidates
        if c.type == PERSON and (matcher.score(probe, matcher.prepare(c)) or 0) > 0
    }
    found = list(fitting.values())
    if title and found:
        wanted = name_tokens(title)
        titled = [c for c in found if any(_title_fits(wanted, t) for t in c.titles)]
        found = titled or [c for c in found if not c.titles]
    return found[0].id if len(found) == 1 else None


def _title_fits(wanted: tuple[str, ...], held: str) -> bool:
    """Titles match when one is the other or ends it ("Secretary" in "Defence Secretary")."""
    tokens = name_tokens(held)
    n = min(len(wanted), len(tokens))
    return n > 0 and wanted[-n:] == tokens[-n:]
