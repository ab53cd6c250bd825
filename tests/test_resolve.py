"""Cross-document entity resolution: spelling variants merge, namesakes stay apart."""

from __future__ import annotations

import itertools
import random
from typing import Any

import pytest

from bilat.knowledge.resolve import (
    EntityRecord,
    Resolver,
    name_tokens,
    resolve,
    resolve_mention,
)


def person(id_: str, name: str, **kw: Any) -> EntityRecord:
    return EntityRecord(id=id_, type="person", name=name, **kw)


RAJNATH = person(
    "rajnath-singh",
    "Rajnath Singh",
    titles=("Defence Minister",),
    affiliations=("india",),
    origin="lexicon",
    mentions=40,
)
RAJESH = person(
    "rajesh-kumar-singh",
    "Rajesh Kumar Singh",
    titles=("Defence Secretary",),
    affiliations=("india",),
    mentions=6,
)

VARIANTS = [
    ("person", "Droupadi Murmu", "Draupadi Murmu"),
    ("person", "Andrei Belousov", "Andrey Belousov"),
    ("person", "Sergei Shoigu", "Sergey Shoygu"),
    ("person", "Mohammed Shami", "Mohammad Shami"),
    ("person", "Muhammad Shami", "Mohammed Shami"),
    ("person", "Dmitry Peskov", "Dmitriy Peskov"),
    ("person", "Yevgeny Ivanov", "Evgeny Ivanov"),
    ("person", "Aleksandr Fomin", "Alexander Fomin"),
    ("person", "Mikhail Mishustin", "Mihail Mishustin"),
    ("person", "Subrahmanyam Jaishankar", "S. Jaishankar"),
    ("person", "Vladimir Putin", "Vladimir Vladimirovich Putin"),
    ("place", "Rajghat", "Raj Ghat"),
    ("place", "Kudankulam", "Koodankulam"),
    ("platform", "Su-57", "Sukhoi-57"),
    ("platform", "Su-57", "Su 57"),
    ("platform", "Su-30MKI", "Sukhoi Su-30 MKI"),
    ("platform", "MiG-29", "Mikoyan MiG-29"),
    ("organization", "Hindustan Aeronautics Limited", "Hindustan Aeronautics Ltd"),
    ("organization", "Rosoboronexport", "Rosoboron Export"),
    ("organization", "Ministry of Defence", "Ministry of Defense"),
    (
        "organization",
        "Defence Research and Development Organisation",
        "Defense Research & Development Organization",
    ),
]


@pytest.mark.parametrize(("kind", "first", "second"), VARIANTS)
def test_spelling_variants_resolve_together(kind: str, first: str, second: str) -> None:
    a = EntityRecord(id="a", type=kind, name=first)
    b = EntityRecord(id="b", type=kind, name=second)
    assert resolve([a, b]) == {"b": "a"} or resolve([a, b]) == {"a": "b"}


def test_three_spellings_of_a_platform_share_the_lexicon_id() -> None:
    records = [
        EntityRecord(
            "su-57", "platform", "Su-57", aliases=("Su57", "Sukhoi Su-57"), origin="lexicon"
        ),
        EntityRecord("sukhoi-57", "platform", "Sukhoi-57", mentions=9),
        EntityRecord("su-57-2", "platform", "Su 57", mentions=1),
    ]
    assert resolve(records) == {"sukhoi-57": "su-57", "su-57-2": "su-57"}


DISTINCT = [
    ("person", "Rajnath Singh", "Rajesh Kumar Singh"),
    ("person", "Narendra Modi", "Nirav Modi"),
    ("person", "Rajesh Sharma", "Rakesh Sharma"),
    ("person", "Amit Shah", "Amita Shah"),
    ("platform", "Su-30", "Su-35"),
    ("platform", "MiG-29", "MiG-29K"),
    ("platform", "S-400", "S-500"),
    ("place", "Iran", "Iraq"),
]


@pytest.mark.parametrize(("kind", "first", "second"), DISTINCT)
def test_different_entities_stay_apart(kind: str, first: str, second: str) -> None:
    a = EntityRecord(id="a", type=kind, name=first)
    b = EntityRecord(id="b", type=kind, name=second)
    assert resolve([a, b]) == {}


def test_types_never_merge() -> None:
    place = EntityRecord("rajghat", "place", "Rajghat")
    org = EntityRecord("raj-ghat", "organization", "Raj Ghat")
    assert resolve([place, org]) == {}


def test_two_lexicon_entities_never_merge() -> None:
    a = person("andrei-belousov", "Andrei Belousov", origin="lexicon")
    b = person("andrey-belousov", "Andrey Belousov", origin="lexicon")
    c = person("a-belousov", "A. Belousov")
    links = resolve([a, b, c])
    assert "andrey-belousov" not in links and "andrei-belousov" not in links
    # the initial fits both curated people equally: it is left alone
    assert links == {}


def test_countries_of_roles_block_a_merge() -> None:
    russian = person("sergei-ivanov", "Sergei Ivanov", affiliations=("russia",))
    indian = person("sergey-ivanov", "Sergey Ivanov", affiliations=("india",))
    unknown = person("sergey-ivanov-2", "Sergey Ivanov")
    assert resolve([russian, indian]) == {}
    # an affiliation that is not a country (an organization) is no contradiction
    ministry = person("sergey-ivanov-3", "Sergey Ivanov", affiliations=("rosatom",))
    assert resolve([russian, ministry]) == {"sergey-ivanov-3": "sergei-ivanov"}
    # a record without affiliations fits both: ambiguous, so it joins neither
    assert resolve([russian, indian, unknown]) == {}


def test_bare_surname_among_namesakes_stays_alone() -> None:
    bare = person("singh", "Singh", mentions=50)
    assert resolve([RAJNATH, RAJESH, bare]) == {}
    assert resolve([RAJNATH, bare]) == {"singh": "rajnath-singh"}


def test_no_chain_through_a_partial_name() -> None:
    initial = person("r-singh", "R. Singh")
    rajesh = person("rajesh-singh", "Rajesh Singh")
    rajnath = person("rajnath-singh-2", "Rajnath Singh")
    for order in itertools.permutations([initial, rajesh, rajnath]):
        resolver = Resolver()
        for record in order:
            resolver.add(record)
        assert resolver.canonical("rajesh-singh") != resolver.canonical("rajnath-singh-2")
    assert resolve([initial, rajesh, rajnath]) == {}


def test_canonical_choice() -> None:
    text = person("andrey-belousov", "Andrey Belousov", mentions=90)
    curated = person("andrei-belousov", "Andrei Belousov", origin="lexicon", mentions=2)
    assert resolve([text, curated]) == {"andrey-belousov": "andrei-belousov"}
    many = person("andrei-belousov-2", "Andrei Belousov", mentions=5)
    fuller = person("andrei-removich-belousov", "Andrei Removich Belousov", mentions=5)
    # equal mentions: the fuller name wins; more mentions beat a fuller name
    assert resolve([many, fuller]) == {"andrei-belousov-2": "andrei-removich-belousov"}
    few = person("andrei-removich-belousov", "Andrei Removich Belousov", mentions=1)
    assert resolve([many, few]) == {"andrei-removich-belousov": "andrei-belousov-2"}
    # all else equal: the smaller id
    twin = person("b-belousov", "Andrey Belousov")
    other = person("a-belousov", "Andrei Belousov")
    assert resolve([twin, other]) == {"b-belousov": "a-belousov"}


def _corpus() -> list[EntityRecord]:
    records = [RAJNATH, RAJESH, person("singh", "Singh")]
    for index, (kind, first, second) in enumerate(VARIANTS + DISTINCT):
        origin = "lexicon" if index % 3 == 0 else "text"
        records.append(EntityRecord(f"{index}-a", kind, first, origin=origin, mentions=index))
        records.append(EntityRecord(f"{index}-b", kind, second, mentions=index % 4))
    return records


def test_batch_is_independent_of_input_order() -> None:
    records = _corpus()
    expected = resolve(records)
    assert expected  # the corpus does merge things
    for seed in range(20):
        shuffled = records[:]
        random.Random(seed).shuffle(shuffled)
        assert resolve(shuffled) == expected


def test_incremental_full_names_match_batch_in_any_order() -> None:
    records = [r for r in _corpus() if r.id != "singh"]
    expected = resolve(records)
    for seed in range(10):
        shuffled = records[:]
        random.Random(seed).shuffle(shuffled)
        resolver = Resolver()
        resolver.add_all(shuffled)
        assert resolver.links() == expected
        assert all(resolver.canonical(i) == c for i, c in expected.items())


def test_canonical_of_unknown_or_unresolved_is_itself() -> None:
    resolver = Resolver()
    assert resolver.add(RAJESH) == "rajesh-kumar-singh"
    assert resolver.canonical("rajesh-kumar-singh") == "rajesh-kumar-singh"
    assert resolver.canonical("nobody") == "nobody"
    assert resolver.links() == {}


def test_mention_with_title_chooses_the_namesake() -> None:
    candidates = [RAJNATH, RAJESH]
    assert resolve_mention("Singh", candidates, title="Defence Secretary") == RAJESH.id
    assert resolve_mention("Singh", candidates, title="Defence Minister") == RAJNATH.id
    assert resolve_mention("Singh", candidates, title="Defense Secretary") == RAJESH.id
    assert resolve_mention("Singh", candidates) is None
    assert resolve_mention("Singh", [RAJESH]) == RAJESH.id
    assert resolve_mention("Kumar Singh", candidates) == RAJESH.id
    assert resolve_mention("Rajnath", candidates) is None  # a given name is no surname
    assert resolve_mention("Singh", candidates, title="Minister") == RAJNATH.id
    assert resolve_mention("Singh", candidates, title="Foreign Secretary") is None
    assert resolve_mention("Modi", candidates) is None


def test_mention_skips_other_types_and_honours_folding() -> None:
    murmu = person("droupadi-murmu", "Droupadi Murmu", titles=("President",))
    place = EntityRecord("murmu", "place", "Murmu")
    assert resolve_mention("Murmu", [murmu, place], title="President") == murmu.id
    shoigu = person("sergei-shoigu", "Sergei Shoigu")
    assert resolve_mention("Shoygu", [shoigu]) == shoigu.id


def test_name_tokens_fold_spacing_and_prefixes() -> None:
    assert name_tokens("Raj Ghat") == ("raj", "ghat")
    assert "".join(name_tokens("Raj Ghat")) == "".join(name_tokens("Rajghat"))
    assert name_tokens("Sukhoi Su-57") == name_tokens("Su 57") == ("su", "57")
    assert name_tokens("Dr. Mohammed Shami Jr.", person=True) == name_tokens("Muhammad Shami")


def test_blocking_keeps_comparisons_near_linear() -> None:
    rng = random.Random(11)
    syllables = [
        "ka",
        "ro",
        "mi",
        "ta",
        "su",
        "ne",
        "vo",
        "li",
        "da",
        "pe",
        "zu",
        "ga",
        "bo",
        "ri",
        "he",
        "fa",
        "no",
        "sa",
        "tu",
        "ke",
    ]

    def word(n: int) -> str:
        return "".join(rng.choice(syllables) for _ in range(n)).capitalize()

    names: set[str] = set()  # 400 possible surnames: blocks of about ten namesakes each
    while len(names) < 4000:
        names.add(f"{word(3)} {word(2)}")
    places: set[str] = set()
    while len(places) < 1000:
        places.add(word(4))
    records = [person(f"p{i}", n) for i, n in enumerate(sorted(names))]
    records += [EntityRecord(f"l{i}", "place", n) for i, n in enumerate(sorted(places))]
    resolver = Resolver()
    resolver.add_all(records)
    n = len(records)
    assert n == 5000
    # all pairs would be n²/2 = 12.5 million; blocking leaves a few per record
    assert resolver.comparisons < 2 * n
