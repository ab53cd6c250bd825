"""Direct quotes and reported speech, with the speaker resolved when the text allows.

A direct quote is text in quotation marks of at least ``min_quote_words`` words; its
speaker is the subject of a reporting verb in the same sentence, or at the start of
the next line when the quote stands alone ("... developments,” / Singh stated").
Reported speech is a reporting verb with a clause ("Belousov said Russia was ready
...") whose speaker is a named person or body, or one a pronoun or "the minister"
points to; what unnamed officials say is attribution, not a quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from bilat.analyze.anaphora import Anaphora
from bilat.analyze.context import DocView, SentenceView
from bilat.analyze.modality import reporting_verbs
from bilat.lexicon import load
from bilat.models import Quote

QUOTE = re.compile(r"“([^”]{2,}?)”|\"([^\"]{2,}?)\"")
SPEAKER_TYPES = ("person", "organization", "country")


@cache
def _min_words() -> int:
    return int(load("speech")["min_quote_words"])


@dataclass
class _Speaker:
    entity_id: str | None
    text: str | None
    verb: str | None


def _speaker_of(view: DocView, ana: Anaphora, index: int, verb: Token) -> _Speaker:
    sv = view.sentences[index]
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return _Speaker(None, None, verb.lemma_)
    span = sv.span.doc[subj.left_edge.i : subj.i + 1]
    for m in view.mentions_in(sv.start(span[0]), sv.end(span[-1])):
        if view.type_of(m) in SPEAKER_TYPES and sv.root_of(m.start, m.end) is not None:
            root = sv.root_of(m.start, m.end)
            if root is not None and (
                root.i == subj.i or (root.head.i == subj.i and root.dep_ in ("compound", "appos"))
            ):
                # an unnamed group ("Indian officials") is no resolved speaker
                group = view.entities[m.entity_id].attrs.get("kind") == "group"
                return _Speaker(None if group else m.entity_id, span.text, verb.lemma_)
    ids = ana.resolve(index, subj)
    return _Speaker(ids[0] if len(ids) == 1 else None, span.text, verb.lemma_)


def _verbs(sv: SentenceView, outside: tuple[int, int] | None = None) -> list[Token]:
    out = []
    for token in sv.span:
        if token.lemma_ in reporting_verbs() and token.pos_ == "VERB":
            if outside and outside[0] <= sv.start(token) < outside[1]:
                continue
            out.append(token)
    return out


def _direct(view: DocView, ana: Anaphora) -> list[Quote]:
    text = view.document.text
    body = [(i, sv) for i, sv in view.extracted()]
    out: list[Quote] = []
    for match in QUOTE.finditer(text):
        start, end = match.span()
        inner = match.group(1) or match.group(2) or ""
        if len(inner.split()) < _min_words():
            continue
        here = [
            (i, sv) for i, sv in body if sv.sentence.start <= end - 1 and start < sv.sentence.end
        ]
        if not here:
            continue
        speaker = _Speaker(None, None, None)
        candidates = here + [
            (i + 1, view.sentences[i + 1]) for i, _ in here[-1:] if i + 1 < len(view.sentences)
        ]
        for i, sv in candidates:
            verbs = _verbs(sv, (start, end))
            if verbs:
                speaker = _speaker_of(view, ana, i, verbs[0])
                break
        out.append(
            Quote(
                inner.strip(), "direct", start, end, speaker.entity_id, speaker.text, speaker.verb
            )
        )
    return out


def _reported(view: DocView, ana: Anaphora, direct: list[Quote]) -> list[Quote]:
    out: list[Quote] = []
    for index, sv in view.extracted():
        for verb in _verbs(sv):
            clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
            if clause is None:
                continue
            tokens = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head.i == clause.i)]
            start, end = sv.start(tokens[0]), sv.end(tokens[-1])
            if any(q.start < end and start < q.end for q in direct):
                continue
            speaker = _speaker_of(view, ana, index, verb)
            if speaker.entity_id is None:
                continue
            out.append(
                Quote(
                    view.text(start, end),
                    "reported",
                    start,
                    end,
                    speaker.entity_id,
                    speaker.text,
                    speaker.verb,
                )
            )
    return out


def read_quotes(view: DocView, ana: Anaphora) -> list[Quote]:
    direct = _direct(view, ana)
    return sorted(direct + _reported(view, ana, direct), key=lambda q: q.start)
