"""The times of a sentence's events: each time expression to the nearest trigger that
has none, times shared by tied events, anchors ("a day after the talks", "when they met
in October"), and one event per dated item of a list ("signed A in 2002, B in 2016").

A mixin of ``events.Reader``: it reads the reader's document view and the drafts it
has made so far (``by_trigger``).
"""

from __future__ import annotations

from spacy.tokens import Token

from bilat.analyze import frames, modality
from bilat.analyze.context import DocView, SentenceView
from bilat.analyze.event_rules import Draft, Rule
from bilat.analyze.event_words import days_apart, governs


class TimesMixin:
    view: DocView
    by_trigger: dict[tuple[int, int], Draft]

    def dated_items(self, sv: SentenceView, drafts: list[Draft]) -> list[Draft]:
        """ "India had signed GSOMIA in 2002, LEMOA in 2016 and COMCASA in 2018": one
        signing per dated item, when the last trigger of the sentence is followed by a list
        of names each with its own "in <year or date>"."""
        if not drafts:
            return []
        last = max(drafts, key=lambda x: x.start)
        if last.timex is None or last.trigger_i < 0:
            return []
        doc = sv.span.doc
        after = [tx for tx in sv.times if tx.start > last.start and tx.kind == last.timex.kind]
        if len(after) < 2 or len({tx.values for tx in after}) < len(after):
            return []
        for tx in after:
            words = self.view.text(sv.sentence.start, tx.start).split()
            if len(words) < 2 or words[-1].lower() != "in" or not words[-2][:1].isupper():
                return []  # not "<Name> in <date>"
        if doc[last.trigger_i].pos_ != "VERB":
            return []
        last.timex = after[0]
        out = []
        for tx in after[1:]:
            d = Draft(
                last.rule,
                last.sentence,
                last.start,
                last.end,
                last.subtype,
                block=last.block,
                trigger_i=last.trigger_i,
            )
            d.participants = dict(last.participants)
            d.agents = list(last.agents)
            d.status, d.attribution, d.timex = last.status, last.attribution, tx
            d.evidence = list(last.evidence)
            d.frame_is = set(last.frame_is)
            out.append(d)
        return out

    def times(self, sv: SentenceView, drafts: list[Draft], found: list[tuple[Token, Rule]]) -> None:
        """Each time expression goes to the nearest trigger in the parse that has none yet,
        unless it modifies another noun on the way ("with the last one in 2026")."""
        if not drafts:
            return
        by_start = {d.start: d for d in drafts}
        trig = [(t, by_start[sv.start(t)]) for t, _ in found if sv.start(t) in by_start]
        pairs = []
        for tx in sv.times:
            near = self.view.mentions_in(tx.start - 1, tx.end + 1)
            if any(self.view.type_of(x) != "place" and x.start <= tx.start < x.end for x in near):
                continue
            span = sv.span.doc.char_span(
                tx.start - sv.offset, tx.end - sv.offset, alignment_mode="expand"
            )
            if span is None:
                continue
            root = span.root
            own = root.head.i in {t.i for t, _ in trig}  # "Russia warned then": the warning's
            reporting = root.head.lemma_ in modality.reporting_verbs()
            if reporting and root.head.pos_ == "VERB" and not own:
                continue
            pairs += [
                (frames.distance(root, t), tx.start, tx, d)
                for t, d in trig
                if not frames.owned_elsewhere(root, t, d.frame_is, {x.i for x in span})
            ]
        used: set[int] = set()
        for _, start, tx, d in sorted(pairs, key=lambda p: (p[0], p[1])):
            if d.timex is None and start not in used:
                d.timex = tx
                used.add(start)
        self.shared_times(sv, trig)

    def shared_times(self, sv: SentenceView, trig: list[tuple[Token, Draft]]) -> None:
        """One time for two tied events: "travel to Tianjin later this year for the SCO
        summit" (the summit too); "received its first jets in March 2022, when Imran Khan
        attended a ceremony" (the ceremony too)."""
        tokens = {d.trigger_i: (t, d) for t, d in trig}
        for t, d in trig:
            if d.timex is not None:
                continue
            tied: Token | None = None
            purpose = [
                g
                for c in t.children
                if c.dep_ == "prep" and c.lower_ == "for"
                for g in c.children
                if g.dep_ == "pobj" and g.i in tokens
            ]
            if t.dep_ == "pobj" and t.head.lower_ == "for":
                tied = t.head.head  # the event it is the purpose of
            elif purpose:
                tied = purpose[0]  # "travel to Russia for the next summit in 2026"
            else:
                clause = t if t.pos_ in ("VERB", "AUX") else t.head  # "attended a ceremony"
                if any(c.lower_ == "when" and c.dep_ == "advmod" for c in clause.children):
                    tied = clause.head  # the clause a "when" clause hangs on
            if tied is None:
                continue
            other = tokens.get(tied.i)
            if other is not None and other[1].timex is not None:
                d.timex = other[1].timex
                continue
            for tx in sv.times:  # "dates from February, when they met": the word's own time
                span = sv.span.doc.char_span(
                    tx.start - sv.offset, tx.end - sv.offset, alignment_mode="expand"
                )
                if span is not None and (span.root.i == tied.i or span.root.head.i == tied.i):
                    d.timex = tx
                    break

    def anchors(self, index: int, sv: SentenceView, drafts: list[Draft]) -> None:
        """ "Before the meeting", "hours before Putin arrived": same day as that event;
        "when Kihara met Austin in October, the two agreed": at the time of that event."""
        for token in sv.span:
            when = token.lower_ == "when" and token.dep_ == "advmod" and token.head.dep_ == "advcl"
            if token.lower_ not in ("before", "after", "during", "ahead") and not when:
                continue
            # the event named after the word ("during a visit") first, else the one it hangs on
            target = next(
                (
                    self.by_trigger[(index, c.i)]
                    for c in [*token.children, token.head]
                    if (index, c.i) in self.by_trigger
                ),
                None,
            )
            if target is None:
                continue
            if (
                token.dep_ == "mark"
                or when
                or (token.head.lemma_ in ("day", "week", "hour") and token.head.dep_ == "npadvmod")
            ):
                owner_token = token.head.head  # "visited on Wednesday, a day after talks"
            else:
                owner_token = token.head
            days = days_apart(token)
            for d in drafts:
                if d is target:
                    continue
                # "criticised the purchase during a visit": the phrase may hang on the object
                owns = owner_token.head.i == d.trigger_i and owner_token.dep_ in ("dobj", "pobj")
                if owner_token.i in d.frame_is or governs(owner_token, d) or owns:
                    if token.lower_ == "during":
                        d.during = d.during or target
                    if d.anchor is None:
                        d.anchor, d.anchor_days = target, days
