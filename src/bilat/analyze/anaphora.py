"""Who "he", "the minister", "both ministers" and "the two nations" are.

Deliberately small: a pronoun or a nominal points to the nearest person named in
subject position before it; a plural ("the two leaders") to the last two distinct
people of that kind; "the two sides" to the pair of countries the article is about.
When nothing fits, the answer is empty: unresolved, never guessed. Words are in
``lexicon/speech.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.tokens import Token

from bilat.analyze.actors import country_of
from bilat.analyze.context import DocView
from bilat.lexicon import load

ACTOR_TYPES = ("person", "country", "organization")
LOOKBACK = 12  # sentences


@cache
def _rules() -> dict[str, Any]:
    return load("speech")


@cache
def _words() -> frozenset[str]:
    rules = _rules()
    return frozenset(rules["pronouns"]) | frozenset(rules["plural"]) | frozenset(rules["nominals"])


def root_of(token: Token) -> Token:
    """Climb conjunctions, appositions and name parts to the token that carries the relation."""
    while token.dep_ in ("conj", "appos", "compound", "flat") and token.head.i != token.i:
        token = token.head
    return token


@dataclass
class Anaphora:
    view: DocView
    titles: dict[str, list[str]] = field(default_factory=dict)  # person id -> titles (lowercase)
    _subjects: dict[int, list[tuple[int, str, str]]] = field(default_factory=dict)

    def subjects(self, index: int) -> list[tuple[int, str, str]]:
        """(start, entity id, type) of actors in subject position in sentence ``index``."""
        if index not in self._subjects:
            sv = self.view.sentences[index]
            out = []
            for m in self.view.actors_in(sv.sentence.start, sv.sentence.end):
                etype = self.view.type_of(m)
                if etype not in ACTOR_TYPES:
                    continue
                # the mention's head: "China's Foreign Ministry said" is a subject, though
                # its first word "China's" is a possessive
                token = sv.root_of(m.start, m.end) or sv.token_at(m.start)
                if token is not None and root_of(token).dep_ in ("nsubj", "nsubjpass"):
                    out.append((m.start, m.entity_id, etype))
            self._subjects[index] = out
        return self._subjects[index]

    def _before(self, index: int, pos: int) -> list[tuple[int, str, str, bool]]:
        """Actors before ``pos``, nearest first: (start, id, type, in subject position)."""
        out: list[tuple[int, str, str, bool]] = []
        for i in range(index, max(-1, index - LOOKBACK), -1):
            sv = self.view.sentences[i]
            if sv.sentence.section not in ("body",):
                continue
            subj = {(s, e) for s, e, _ in self.subjects(i)}
            found = [
                (m.start, m.entity_id, self.view.type_of(m), (m.start, m.entity_id) in subj)
                for m in self.view.actors_in(sv.sentence.start, sv.sentence.end)
                if m.start < pos and self.view.type_of(m) in ACTOR_TYPES
            ]
            out.extend(sorted(found, reverse=True))
        return out

    def pronoun(self, index: int, token: Token) -> list[str]:
        kind = _rules()["pronouns"].get(token.lower_)
        pos = self.view.sentences[index].start(token)
        wanted = ("person",) if kind == "person" else ("country", "organization")
        candidates = [c for c in self._before(index, pos) if c[2] in wanted]
        sentence = self.view.sentences[index].sentence
        here = [c for c in candidates if c[0] >= sentence.start]
        if here and token.lower_ in ("his", "her", "its", "him"):
            return [here[0][1]]  # "Putin's visit, his first trip": the nearest name
        in_subject = [c for c in candidates if c[3]]
        pick = in_subject[0] if in_subject else (candidates[0] if candidates else None)
        return [pick[1]] if pick else []

    def nominal(self, index: int, token: Token) -> list[str]:
        """ "the minister" -> the nearest earlier person in subject position with such a title;
        "the Russian leader" -> only a person of that country."""
        word = token.lower_
        sv = self.view.sentences[index]
        pos = sv.start(token)
        people = [c for c in self._before(index, pos) if c[2] == "person" and c[3]]
        countries = {
            m.entity_id
            for c in token.children
            if c.dep_ in ("amod", "compound", "poss", "nmod")
            and (m := self.view.mention_at(sv, c)) is not None
            and self.view.type_of(m) == "country"
        }
        if countries:  # "the Russian leader" is a Russian, whoever was named last
            people = [c for c in people if self._country_of(c[1]) & countries]
        fitting = [c for c in people if any(word in t for t in self.titles.get(c[1], []))]
        pick = (fitting or people)[:1]
        return [pick[0][1]] if pick else []

    def _country_of(self, person_id: str) -> set[str]:
        entity = self.view.entities.get(person_id)
        return country_of(entity) if entity is not None else set()

    def plural(self, index: int, token: Token) -> list[str]:
        kind = _rules()["plural"][token.lower_]
        if kind == "pair":
            return list(self.view.pair) if len(self.view.pair) == 2 else []
        pos = self.view.sentences[index].start(token)
        seen: list[str] = []
        for _, entity_id, etype, _subj in self._before(index, pos):
            if etype != "person" or entity_id in seen:
                continue
            if kind and not any(kind in t for t in self.titles.get(entity_id, [])):
                continue
            seen.append(entity_id)
            if len(seen) == 2:
                return seen
        return []

    @staticmethod
    def words() -> frozenset[str]:
        """Every word ``resolve`` may resolve (a cheap test before it)."""
        return _words()

    def resolve(self, index: int, token: Token) -> list[str]:
        """Entity ids a pronoun, nominal or plural at ``token`` stands for (maybe none)."""
        rules = _rules()
        low = token.lower_
        if low in rules["pronouns"] and token.pos_ == "PRON":
            return self.pronoun(index, token)
        dets = {c.lower_ for c in token.children if c.dep_ in ("det", "nummod", "predet")}
        if low in rules["plural"] and dets & {"both", "two", "the"}:
            if token.pos_ == "NUM" and any(c.dep_ == "amod" for c in token.children):
                return []  # "the remaining two" are things, not "the two" who met
            return self.plural(index, token)
        if low in rules["nominals"] and "the" in dets:
            return self.nominal(index, token)
        return []
