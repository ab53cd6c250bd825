"""Numbers as claims: counts tied to what they count, and amounts of money.

"10 intergovernmental documents", "15+ agreements and MoUs" (at least 15), "three of
the five S-400 squadrons", "about USD 5.43 billion", "more than Rs 63,000 crore".
A count is a claim only when it quantifies a thing in the sentence: not a hyphenated
modifier ("a 4-seat aircraft", "a two-day visit"), not a duration or a share ("three
years", "3.5%"), not the sources ("two officials said") or the pair the story is about
("our two nations"), and not years, dates, ordinals or numbers inside names (S-400).
A bare number takes what it counts from the clause ("61 of those", "the number of K2s
... to 360") or from the count before it ("the remaining two").

Each claim has a subject: the noun it counts or the amount is the value of, and the
entity (platform, agreement, programme) that noun names, else the sentence's only
platform. It keeps the status and attribution of its clause, and is as of the clause's
date when the clause tells what happened, else as of publication. Money keeps its words
as written for display (analyze/money.py). Words and scales are in ``lexicon/numbers.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Span, Token

from bilat.analyze import modality, money, timex
from bilat.analyze.context import DocView, SentenceView
from bilat.models import Claim

NUMBER = re.compile(r"^\d[\d,]*(?:\.\d+)?\+?$")
YEAR = re.compile(r"^(?:19|20)\d{2}$")
ENTITY_TYPES = ("platform", "agreement", "programme")
JOINERS = ("-", "–", "+", "/")


def _rules() -> dict[str, Any]:
    return money.rules()


def number(text: str) -> float | None:
    """ "15+" -> 15.0, "63,000" -> 63000.0, "five" -> 5.0; None when it is not a number."""
    words: dict[str, int] = _rules()["words"]
    clean = text.replace(",", "").rstrip("+")
    try:
        return float(clean)
    except ValueError:
        return float(words[text.lower()]) if text.lower() in words else None


@dataclass(frozen=True)
class _Counted:
    """What a count counts, kept so that a later bare number can take it ("the other 64")."""

    text: str
    unit: str
    subject_id: str | None
    sentence: int


@dataclass
class _Sentence:
    view: DocView
    index: int
    sv: SentenceView
    context: SentenceView
    attribution: str | None
    sources: set[int]


def read_claims(view: DocView) -> list[Claim]:
    out: list[Claim] = []
    last: _Counted | None = None
    subjects: dict[str, str] = {}  # counted noun -> the entity it last counted
    for index, sv in view.extracted():
        context = view.intro(index) or sv
        attribution = _attribution(sv.span)
        if attribution is None and context is not sv:
            attribution = _attribution(context.span)
        s = _Sentence(view, index, sv, context, attribution, _sources(sv.span))
        taken = [(t.start, t.end) for t in sv.times]
        for claim in _money(s):
            out.append(claim)
            taken.append((claim.start, claim.end))
        for token in sv.span:
            if not (NUMBER.match(token.text) or token.lower_ in _rules()["words"]):
                continue
            nominal = token.lower_ in _rules()["number_words_nouns"]  # "a dozen firms"
            if (token.pos_ != "NUM" and not nominal) or _skip(view, sv, token, taken):
                continue
            antecedent = last if last is not None and index - last.sentence <= 2 else None
            found = _count(s, token, antecedent)
            if found is not None:
                claim, last = found
                if claim.unit and claim.subject_id:
                    subjects[claim.unit] = claim.subject_id
                elif claim.unit in subjects:  # "five squadrons of the S-400 ... Three squadrons"
                    claim = replace(claim, subject_id=subjects[claim.unit])
                out.append(claim)
                taken.append((claim.start, sv.end(token)))
    return out


def _skip(view: DocView, sv: SentenceView, token: Token, taken: list[tuple[int, int]]) -> bool:
    pos = sv.start(token)
    if any(s <= pos < e for s, e in taken) or view.mention_at(sv, token) is not None:
        return True
    if YEAR.match(token.text) and token.dep_ != "nummod":
        return True
    doc = token.doc
    before = doc[token.i - 1] if token.i > token.sent.start else None
    if before is not None and before.lower_ in ("the", "both") and number(token.text) == 2:
        return True  # "the two nations" refers, it does not count
    # "2+2", "2024-25", "October 15-16": a number joined to another is a name or a range
    after = doc[token.i + 1 : token.i + 3]
    joined = len(after) == 2 and not token.whitespace_ and not after[0].whitespace_
    if joined and after[0].text in JOINERS and NUMBER.match(after[1].text):
        return True
    if before is not None and before.text in JOINERS and not before.whitespace_:
        return token.i - 2 >= token.sent.start and bool(NUMBER.match(doc[token.i - 2].text))
    return False


def _count(
    s: _Sentence, token: Token, antecedent: _Counted | None
) -> tuple[Claim, _Counted] | None:
    rules = _rules()
    value = number(token.text)
    if value is None:
        return None
    doc, last = token.doc, token
    # "Twenty-six": one number
    if token.lower_ in rules["tens"] and doc[token.i + 1 : token.i + 3].text.startswith("-"):
        unit = doc[token.i + 2] if token.i + 2 < len(doc) else None
        if unit is not None and 0 < rules["words"].get(unit.lower_, 0) < 10:
            value, last = value + rules["words"][unit.lower_], unit
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None and not last.whitespace_ and nxt.text in ("-", "–"):
        return None  # a hyphenated modifier: "a 4-seat aircraft", "a two-day visit"
    anchor = last
    if nxt is not None and nxt.lower_ in rules["scales"]:
        value, anchor = value * rules["scales"][nxt.lower_], nxt  # "32 million tons"
    elif value < rules["min_count"]:
        return None
    head, words = _counted(anchor)
    if head is None or head.lower_ in ("those", "them", "these"):
        head, words = _elliptical(anchor)
    sv = s.sv
    if head is None:
        if antecedent is None or token.dep_ in ("nummod", "compound", "amod"):
            return None
        text, unit, subject_id = antecedent.text, antecedent.unit, antecedent.subject_id
    else:
        if _not_counted(head, value) or head.i in s.sources or token.i in s.sources:
            return None
        text = doc[words[0].i : words[-1].i + 1].text if words else head.text
        unit = head.text.lower()
        subject_id = _entity(s, head) or _named_before(s, head) or _sentence_platform(s)
    end = max(sv.end(anchor), sv.end(words[-1]) if words and head is not None else 0)
    status = _status(sv, s.context, token)
    claim = Claim(
        subject_text=text,
        attribute="count",
        start=sv.start(token),
        end=end,
        value_num=value,
        value_text=doc[token.i : anchor.i + 1].text,
        qualifier=_qualifier(token),
        unit=unit,
        subject_id=subject_id,
        as_of=_as_of(s, token, status),
        status=status,
        attribution=_valuer(token) or s.attribution,
        aspect=aspect(token),
    )
    return claim, _Counted(text, unit, subject_id, s.index)


def _not_counted(head: Token, value: float) -> bool:
    rules = _rules()
    lemma = head.lemma_.lower()
    if head.lower_ in rules["not_counted"] or lemma in rules["not_counted"]:
        return True
    return value == 2 and lemma in rules["parties"]


def _qualifier(token: Token) -> str | None:
    if token.text.endswith("+") or (
        token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == "+"
    ):
        return "at_least"
    quals: dict[str, str] = _rules()["qualifiers"]
    end = token.i - 1 if token.i and token.doc[token.i - 1].lower_ == "a" else token.i
    left = token.doc[max(0, end - 2) : end].text.lower()  # "more than (a) dozen"
    for phrase, q in sorted(quals.items(), key=lambda kv: -len(kv[0])):
        if left == phrase or left.endswith(" " + phrase):
            return q
    return None


def _counted(token: Token) -> tuple[Token | None, list[Token]]:
    """The noun a number counts and the words that name it ("S-400 squadrons")."""
    head = None
    node = token
    # "three AH-64E Apache helicopters", "48 FA-50 light fighters": through a numbered name
    while node.dep_ in ("nummod", "compound") and node.head.pos_ == "NUM" and node.head.i > node.i:
        node = node.head
    if node.dep_ in ("nummod", "quantmod", "compound") and node.head.pos_ in money.NOUNS:
        head = node.head if node.head.i > token.i else None
    if head is None:
        head = _of(token)
        if head is not None:
            return head, _words(head, None)
    if head is None:
        return None, []
    return head, _words(head, token)


def _of(token: Token) -> Token | None:
    """ "three of the five squadrons", "116 of the tanks"."""
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of else None


def _words(head: Token, number_token: Token | None) -> list[Token]:
    if number_token is not None:
        # everything between the number and its noun: "22 single-seat jets"
        inside = {t.i for t in head.subtree}
        words = [head.doc[i] for i in range(number_token.i + 1, head.i) if i in inside]
    else:
        left = [t for t in head.lefts if t.dep_ in ("compound", "amod", "nmod")]
        words = [t for w in left for t in w.subtree if t.pos_ != "NUM"]
    words.append(head)
    for conj in head.conjuncts:
        if conj.i > head.i and conj.i - head.i <= 3:
            words += [head.doc[i] for i in range(head.i + 1, conj.i + 1)]
    return sorted(set(words), key=lambda t: t.i)


def _elliptical(token: Token) -> tuple[Token | None, list[Token]]:
    """A number standing for a noun: "Of the new tanks, 116 will be built", "brings the
    number of K2s to 360"; (None, []) when only an earlier count can say."""
    rules = _rules()
    verbs = [t for t in token.ancestors if t.pos_ in ("VERB", "AUX")][:1]
    if verbs and verbs[0].dep_ == "conj":
        verbs.append(verbs[0].head)  # "brings the number of K2s Poland has ordered to 360"
    to = token.dep_ == "pobj" and token.head.lower_ in ("to", "from")
    for verb in verbs:
        fronted = _of(verb)
        if fronted is not None and fronted.pos_ in money.NOUNS:
            return fronted, _words(fronted, None)
        for child in verb.children:
            counted = _of(child) if child.lemma_.lower() in rules["number_nouns"] else None
            if counted is not None:
                return counted, _words(counted, None)
            if to and child.dep_ == "dobj" and child.pos_ == "NOUN":
                return child, _words(child, None)  # "bring its fleet to 75"
    return None, []


def _entity(s: _Sentence, noun: Token) -> str | None:
    """The platform, agreement or programme the noun phrase names ("five S-400 squadrons",
    "the Rafale M contract")."""
    found: dict[str, str] = {}
    clauses = {
        x.i for c in noun.children if c.dep_ in ("relcl", "acl") for x in c.subtree
    }  # "the purchase, arranged under the FMS program": not what is bought
    tokens = [t for t in noun.subtree if t.i not in clauses] or [noun]
    start, end = s.sv.start(min(tokens, key=lambda t: t.i)), s.sv.end(noun)
    for mention in s.view.mentions_in(start, max(end, s.sv.end(tokens[-1]))):
        token = s.sv.token_at(mention.start)
        if token is not None and token.i in clauses:
            continue
        found.setdefault(s.view.type_of(mention), mention.entity_id)
    return next((found[t] for t in ENTITY_TYPES if t in found), None)


def _named_before(s: _Sentence, noun: Token) -> str | None:
    """ "five S-400 squadrons ... The four squadrons delivered": the platform that last
    named the same noun, in this sentence or the two before it."""
    found = None
    for sv in s.view.sentences[max(0, s.index - 2) : s.index + 1]:
        sent = sv.sentence
        for m in s.view.mentions_in(sent.start, sent.end):
            token = sv.token_at(m.start)
            if (
                s.view.type_of(m) != "platform"
                or token is None
                or sv.start(token) >= s.sv.start(noun)
            ):
                continue
            while token.dep_ in ("compound", "nmod", "amod", "nummod") and token.head.i > token.i:
                token = token.head
            if token.lemma_.lower() == noun.lemma_.lower():
                found = m.entity_id
    return found


def _sentence_platform(s: _Sentence) -> str | None:
    """The deal's platform: the only platform the sentence names."""
    sent = s.sv.sentence
    ids = {
        m.entity_id
        for m in s.view.mentions_in(sent.start, sent.end)
        if s.view.type_of(m) == "platform"
    }
    return ids.pop() if len(ids) == 1 else None


def _status(sv: SentenceView, context: SentenceView, token: Token) -> str:
    if _retracted(sv):
        return "denied"  # "an earlier version of this story said ... $5.6 billion"
    verb = next((t for t in token.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is not None and verb.tag_ == "VBN" and verb.dep_ == "acl":
        return modality.status(verb)  # "a deal signed in January for up to 400 Tomahawks"
    if context is not sv:
        own = modality.status(token)
        return own if own in ("possible", "denied") else modality.status(context.span.root, True)
    return modality.status(token)


def _as_of(s: _Sentence, token: Token, status: str) -> dt.date | None:
    """The date of the clause when it tells what happened ("trade reached $240 billion in
    2024"), else the publication date."""
    published = s.view.published
    if status != "occurred":
        return published
    verb = next((t for t in [token, *token.ancestors] if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return published
    clause = _own_clause(verb, token)
    for tx in s.sv.times:
        first = s.sv.token_at(tx.start)
        if first is None or first.i not in clause:
            continue
        value = timex.resolve(tx, published)
        if value.end is not None:
            return min(value.end, published) if published else value.end
    return published


CLAUSES = ("relcl", "acl", "advcl", "ccomp", "conj", "parataxis")


def _own_clause(verb: Token, token: Token) -> set[int]:
    """The verb's clause without the clauses nested in it ("three of the squadrons it
    ordered in 2018", "..., while the rest are due by 2026"), unless the number is there."""
    inside = {t.i for t in verb.subtree}
    for t in verb.subtree:
        if t.dep_ in CLAUSES and t.i != verb.i and not t.is_ancestor(token) and t.i != token.i:
            inside -= {n.i for n in t.subtree}
    return inside


def aspect(token: Token) -> str | None:
    """The act a number is about, from the nearest verb that names one (``aspects`` in
    numbers.yaml): "Four of the five squadrons have been delivered" → delivered, "a
    contract ... for five squadrons" → ordered; a participle on the counted noun counts
    too ("put the number delivered at four"). Claims are compared per aspect, so the
    size of an order never disputes the number delivered."""
    words: dict[str, str] = _rules()["aspects"]
    noun = token.head if token.dep_ == "nummod" else token
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NUM":
        # the whole of a partitive ("four of the five squadrons"): the set's own act, if any
        own = next(
            (_participle(c, words) for c in noun.children if c.dep_ in ("relcl", "acl")), None
        )
        return own or "total"
    for node in [token, *token.ancestors]:
        found = words.get(node.lemma_.lower())
        if (found is None and node.pos_ in ("VERB", "AUX")) or node.pos_ in money.NOUNS:
            for child in node.children:  # "the number delivered", "squadrons ordered"
                if (
                    child.dep_ in ("acl", "amod", "dobj", "nsubjpass", "attr")
                    and child.i != token.i
                ):
                    found = found or _participle(child, words)
        if found:
            return found
        if node.dep_ in ("ROOT", "ccomp", "advcl", "relcl") and node.pos_ in ("VERB", "AUX"):
            break  # the clause ends here
    return None


def _participle(node: Token, words: dict[str, str]) -> str | None:
    if node.tag_ in ("VBN", "VBD", "VBG") and node.lemma_.lower() in words:
        return words[node.lemma_.lower()]
    acl = next((c for c in node.children if c.dep_ == "acl" and c.tag_ == "VBN"), None)
    return words.get(acl.lemma_.lower()) if acl is not None else None


def _retracted(sv: SentenceView) -> bool:
    """A correction telling what an earlier version wrongly said (``retractions``)."""
    text = sv.span.text.lower()
    return any(words in text for words in _rules()["retractions"])


def _valuer(token: Token) -> str | None:
    """Who puts the figure: "Indian media put the value at ...", "a deal put at $2.6 billion
    by some Turkish media reports", "Reports put the initial order at 25 aircraft"."""
    verbs = [t for t in token.ancestors if t.pos_ in ("VERB", "AUX")][:2]
    verb = next((v for v in verbs if v.lemma_.lower() in _rules()["valuation_verbs"]), None)
    if verb is None:  # "put the number delivered at four": past the participle
        return None
    for child in verb.children:
        if child.dep_ == "agent":
            child = next((c for c in child.children if c.dep_ == "pobj"), child)
        elif child.dep_ != "nsubj":
            continue
        if child.pos_ in money.NOUNS and child.lower_ not in ("which", "that"):
            return _np(child)
    return None


def _np(head: Token) -> str:
    """ "the Ministry of Defence" without "in New Delhi" or a relative clause."""
    keep = [head]
    for child in head.children:
        if child.i < head.i or child.dep_ in ("compound", "flat") or child.lower_ == "of":
            keep += list(child.subtree)
    keep.sort(key=lambda t: t.i)
    return head.doc[keep[0].i : keep[-1].i + 1].text


def _attribution(sent: Span) -> str | None:
    """Who says so; "one of the officials" rather than "one"."""
    text, verb = modality.attribution(sent)
    if verb is not None and text is not None:
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and (subj.pos_ == "NUM" or subj.lower_ in ("some", "each", "many")):
            tokens = [t for t in subj.subtree if t.dep_ not in ("relcl", "acl", "punct")]
            return sent.doc[tokens[0].i : tokens[-1].i + 1].text
    return text


def _sources(sent: Span) -> set[int]:
    """Tokens naming who says so: "two Indian officials said", "according to two sources"."""
    out: set[int] = set()
    verbs = modality.reporting_verbs()
    for token in sent:
        heads: list[Token] = []
        if token.lower_ == "according" and token.i + 1 < sent.end:
            heads = [c for c in sent.doc[token.i + 1].children if c.dep_ == "pobj"]
        elif token.lemma_ in verbs and token.pos_ == "VERB":
            heads = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        for head in heads:
            out |= {t.i for t in head.subtree}
    return out


def _money(s: _Sentence) -> list[Claim]:
    sv, out = s.sv, []
    for amount in money.amounts(sv.span.text):
        root = money.root_of(sv.span, amount.start, amount.end)
        noun = money.subject(root, s.sources) if root is not None else None
        subject_id = (
            (_entity(s, noun) if noun is not None else None)
            or _sentence_platform(s)
            or _deal_platform(s, noun)
        )
        status = _status(sv, s.context, root) if root is not None else "unknown"
        found = aspect(root) if root is not None else None
        if found in (None, "ordered") and _deal_noun(noun):
            found = "cost"  # the value of a deal, a package, a purchase
        verb_q = money.verb_qualifier(root) if root is not None else None
        out.append(
            Claim(
                subject_text=money.noun_text(noun) if noun is not None else "",
                attribute="amount",
                start=sv.sentence.start + amount.start,
                end=sv.sentence.start + amount.end,
                value_num=amount.value,
                value_text=amount.text,
                qualifier=amount.qualifier or verb_q,
                unit=amount.unit,
                subject_id=subject_id,
                as_of=_as_of(s, root, status) if root is not None else s.view.published,
                status=status,
                attribution=(_valuer(root) if root is not None else None) or s.attribution,
                aspect=found,
            )
        )
    return out


def _deal_noun(noun: Token | None) -> bool:
    return noun is not None and noun.lemma_.lower() in _rules()["deal_nouns"]


def _deal_platform(s: _Sentence, noun: Token | None) -> str | None:
    """ "The deal is worth about $3.5 billion": a deal the sentence does not name is the
    one the article is about, its most-named platform so far (none when two tie)."""
    if not _deal_noun(noun):
        return None
    counts: dict[str, int] = {}
    for m in s.view.mentions_in(0, s.sv.sentence.end):
        if s.view.type_of(m) == "platform":
            counts[m.entity_id] = counts.get(m.entity_id, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]
