"""Events from body sentences and list items: trigger, arguments, status, attribution, time.

The rules are data (``event_rules``, ``lexicon/events.yaml``). ``Reader`` finds the
triggers of each sentence, fills each event's slots from the parse (``frames``), reads
status and attribution (``modality``), places, platforms, forum and session, and hands
drafts to ``merge``, which joins mentions of one event and settles dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Token

from bilat.analyze import frames, modality
from bilat.analyze.anaphora import ACTOR_TYPES, Anaphora
from bilat.analyze.claims import number
from bilat.analyze.context import DocView, SentenceView
from bilat.analyze.event_fold import absorbed, contents, fold
from bilat.analyze.event_rules import Draft, Rule, rules, triggers
from bilat.analyze.event_times import TimesMixin
from bilat.analyze.event_words import (
    PLACE_PREPS,
    VENUE_KINDS,
    arms_compound,
    asked_whether,
    buys_arms,
    countable,
    definite,
    elided_thing,
    named_place,
    ordinal_before,
    ordinal_in,
    pact_scope,
    passive,
    signed_thing,
    subjects,
    superseded,
)
from bilat.analyze.money import amounts
from bilat.lexicon import load
from bilat.models import Mention


@dataclass
class Reader(TimesMixin):
    """Reads the events of one document into drafts."""

    view: DocView
    anaphora: Anaphora
    quotes: list[tuple[int, int]]
    titled: dict[int, int] = field(default_factory=dict)  # mention start -> its title's start
    drafts: list[Draft] = field(default_factory=list)
    by_trigger: dict[tuple[int, int], Draft] = field(default_factory=dict)
    intro_drafts: dict[int, list[Draft]] = field(default_factory=dict)
    _actors: dict[int, list[tuple[Token, list[str]]]] = field(default_factory=dict)
    _attributions: dict[int, tuple[str | None, Token | None]] = field(default_factory=dict)

    # -- arguments -------------------------------------------------------------------
    def actors(self, index: int, sv: SentenceView) -> list[tuple[Token, list[str]]]:
        """Tokens that name actors (people, countries, bodies) with the entities they stand
        for; read once per sentence, since every draft of the sentence asks."""
        if index not in self._actors:
            self._actors[index] = self._read_actors(index, sv)
        return self._actors[index]

    def _read_actors(self, index: int, sv: SentenceView) -> list[tuple[Token, list[str]]]:
        out: list[tuple[Token, list[str]]] = []
        covered: set[int] = set()
        for m in self.view.actors_in(sv.sentence.start, sv.sentence.end):
            root = sv.root_of(m.start, m.end)
            if self.view.type_of(m) not in ACTOR_TYPES and not self._seat(m, root):
                continue
            if root is not None:
                out.append((root, [m.entity_id]))
            title = sv.span_of(self.titled[m.start], m.start) if m.start in self.titled else None
            if title is not None and len(title) and title.root.dep_ in ("pobj", "nsubj", "dobj"):
                out.append((title.root, [m.entity_id]))  # "by PM Modi" when the parse splits them
                covered |= {t.i for t in sv.span_of(m.start, m.end) or []}
        words = self.anaphora.words()
        for token in sv.span:
            if token.i in covered or token.lower_ not in words:
                continue
            ids = self.anaphora.resolve(index, token)
            if ids:
                out.append((token, ids))
        return out

    def _seat(self, m: Mention, root: Token | None) -> bool:
        """A seat of government as the subject of a verb speaks for it ("the Élysée
        announced"); as anywhere else it is a place ("a dinner at the Élysée")."""
        seat = self.view.entities[m.entity_id].attrs.get("seat_of")
        return bool(seat) and root is not None and root.dep_ in ("nsubj", "nsubjpass")

    def mentions(self, sv: SentenceView, types: tuple[str, ...]) -> list[Mention]:
        return [
            m
            for m in self.view.mentions_in(sv.sentence.start, sv.sentence.end)
            if self.view.type_of(m) in types
        ]

    def fill(
        self, d: Draft, index: int, sv: SentenceView, trigger: Token, tokens: list[Token]
    ) -> None:
        roles = d.rule.roles_for(trigger)
        has_subject = False
        is_passive = passive(tokens)
        for arg, ids in self.actors(index, sv):
            if arg.i == trigger.i:
                continue
            where = frames.slot(arg, tokens)
            # who does it: the active subject, or a passive's agent ("accused by South Africa")
            agent = (where == "subject" and not is_passive) or (where == "by" and is_passive)
            if where == "by" and "by" not in roles and is_passive:
                where = "subject"
            role = roles.get(where) if where else None
            if role and where in ("compound", "poss") and self.hosts_forum(d, ids):
                continue  # "the SCO defence ministers' meeting": the SCO is where, not who
            if role:
                has_subject = has_subject or where == "subject"
                for entity_id in ids:
                    d.add(entity_id, role)
                if agent and trigger.pos_ in ("VERB", "AUX"):
                    d.agents += [i for i in ids if i not in d.agents]
        if "subject" in roles and not has_subject:
            for subj in frames.inherited_subject(tokens):
                heads = {subj.i, *(c.i for c in subj.conjuncts)}
                for arg, ids in self.actors(index, sv):
                    if arg.i in heads or (arg.head.i in heads and arg.dep_ == "poss"):
                        for entity_id in ids:
                            d.add(entity_id, roles["subject"])
        chair_words = set(d.rule.chair_verbs)
        if any(t.lemma_ in chair_words or t.lower_ in chair_words for t in tokens):
            chair_subject = next((r for s, r in roles.items() if s == "subject"), None)
            for entity_id, role in list(d.participants.items()):
                if role == chair_subject:
                    d.participants[entity_id] = "chair"
        self.places(d, sv, tokens)
        self.things(d, sv, trigger, tokens)

    def places(self, d: Draft, sv: SentenceView, tokens: list[Token]) -> None:
        heads = list(tokens)
        top = tokens[-1] if tokens[-1].pos_ == "VERB" else tokens[0]
        bounded = any(c.dep_ == "mark" and c.lower_ in frames.BOUNDING_MARKS for c in top.children)
        if top.dep_ in ("xcomp", "advcl") and top.head.pos_ == "VERB" and not bounded:
            heads.append(top.head)  # "invited Singh to Russia ... to co-chair"
            # (not "... at the Manekshaw Centre, hours before Putin landed": another place)
        placed: list[Mention] = []
        mentions = self.mentions(sv, ("place", "country"))
        if tokens[0].pos_ in ("NOUN", "PROPN"):
            # "arrived in Moscow for a state visit to Russia": the visit's own place wins
            own = [m for m in mentions if self.place_slots(sv, m, tokens[:1]) & set(PLACE_PREPS)]
            mentions = own or mentions
        for m in mentions:
            span = sv.span_of(m.start, m.end)
            if span is None or not len(span):
                continue
            # any word of the name may carry the preposition when the parse splits it
            slots = self.place_slots(sv, m, heads)
            relcl = any(c.dep_ == "relcl" and c in tokens for c in span.root.children)
            if named_place(span.root):  # "in the Black Sea resort city of Sochi": Sochi
                d.place_id = None if d.place_id in {x.entity_id for x in placed} else d.place_id
                self.set_place(d, m.entity_id)
                continue
            if not slots & set(PLACE_PREPS) and not relcl:
                continue
            placed.append(m)
            self.set_place(d, m.entity_id)
        if d.place_id is None and d.venue_id is None:
            self.the_capital(d, sv, heads, mentions)
        if d.venue_id is None and d.rule.subtype in ("dinner", "ceremony", "meeting"):
            self.only_venue(d, sv)

    def the_capital(
        self, d: Draft, sv: SentenceView, heads: list[Token], mentions: list[Mention]
    ) -> None:
        """ "landed in the capital": the capital city the sentence names, if just one."""
        said = [
            t
            for t in sv.span
            if t.lower_ == "capital" and t.dep_ == "pobj" and frames.slot(t, heads) in PLACE_PREPS
        ]
        capitals = {
            m.entity_id for m in mentions if self.view.entities[m.entity_id].attrs.get("capital_of")
        }
        if said and len(capitals) == 1:
            self.set_place(d, capitals.pop())

    def place_slots(self, sv: SentenceView, m: Mention, heads: list[Token]) -> set[str | None]:
        span = sv.span_of(m.start, m.end)
        if span is None:
            return set()
        return {frames.slot(t, heads) for t in span if t.dep_ == "pobj" or t.i == span.root.i}

    def only_venue(self, d: Draft, sv: SentenceView) -> None:
        """ "drove to 7 Lok Kalyan Marg for a private dinner": the one venue the sentence
        goes to."""
        venues = [
            m
            for m in self.mentions(sv, ("place",))
            if self.view.entities[m.entity_id].attrs.get("kind") in VENUE_KINDS
        ]
        if len(venues) != 1:
            return
        before = self.view.text(sv.sentence.start, venues[0].start).split()
        if before and before[-1].lower() in ("to", "at"):
            self.set_place(d, venues[0].entity_id)

    def set_place(self, d: Draft, entity_id: str) -> None:
        entity = self.view.entities[entity_id]
        kind = entity.attrs.get("kind")
        if entity.type == "place" and kind in VENUE_KINDS:
            d.venue_id = d.venue_id or entity_id
            city = entity.attrs.get("city")
            if city and d.place_id is None:
                d.place_id = city
        elif d.place_id is None or self.view.entities.get(d.place_id, entity).type == "country":
            d.place_id = entity_id

    def things(self, d: Draft, sv: SentenceView, trigger: Token, tokens: list[Token]) -> None:
        inside = frames.scope(tokens)
        for m in self.mentions(sv, ("forum",)):
            span = sv.span_of(m.start, m.end)
            if span is None:
                continue
            own = trigger.i in {t.i for t in span} or span.root.i in inside
            if own and not self.claimed_elsewhere(span.root, trigger):
                d.forum_id = d.forum_id or m.entity_id
                d.session = d.session or ordinal_before(span) or ordinal_in(trigger)
        if d.session is None and d.forum_id is None:
            d.session = ordinal_in(trigger)
        if d.forum_id is None and d.session is not None:
            d.forum_id = self.forum_by_word(sv, trigger)
        for m in self.mentions(sv, ("platform",)):
            root = sv.root_of(m.start, m.end)
            if root is not None and root.i in inside and m.entity_id not in d.platforms:
                d.platforms.append(m.entity_id)
        if d.rule.type == "AID" or d.subtype == "sign":
            money = [
                (sv.sentence.start + a.start, sv.sentence.start + a.end)
                for a in amounts(sv.span.text)
            ]
            for t in sorted(inside):
                token = sv.span.doc[t]
                pos = sv.start(token)
                if any(a <= pos < b for a, b in money):
                    continue  # "Rs 64,000 crore" is a price, not how many
                if token.like_num and not self.view.mention_at(sv, token) and countable(token):
                    d.quantity = number(token.text)
                    d.quantity_text = token.text
                    break

    def forum_of_another(
        self, sv: SentenceView, trigger: Token, found: list[tuple[Token, Rule]]
    ) -> bool:
        """ "interactions at the 2025 SCO Summit": the summit is where, not a second event;
        so is any summit "on the sidelines of" which something else happened."""
        if (
            trigger.dep_ == "pobj"
            and trigger.head.lower_ == "of"
            and trigger.head.head.lemma_ in rules().sidelines
        ):
            return True
        m = self.view.mention_at(sv, trigger)
        if m is None or self.view.type_of(m) != "forum":
            return False
        root = sv.root_of(m.start, m.end)
        if root is None or root.dep_ != "pobj" or root.head.lower_ not in rules().forum_preps:
            return False
        others = {t.i for t, _ in found if t.i != trigger.i}
        return root.head.head.i in others

    def claimed_elsewhere(self, forum_root: Token, trigger: Token) -> bool:
        """A forum named as the purpose of a trigger ("arrived for the summit") is not its forum."""
        token = forum_root
        for _ in range(3):
            if token.dep_ == "pobj" and token.head.lower_ == "for":
                return trigger.i not in {t.i for t in token.subtree}
            if token.head.i == token.i:
                break
            token = token.head
        return False

    def forum_by_word(self, sv: SentenceView, trigger: Token) -> str | None:
        """ "the 23rd session of the commission": the last forum with that word in its name."""
        words = {t.lower_ for t in trigger.subtree} & {
            "commission",
            "group",
            "dialogue",
            "committee",
            "summit",
        }
        if not words:
            return None
        for m in reversed(self.view.mentions_in(0, sv.sentence.start)):
            entity = self.view.entities[m.entity_id]
            if entity.type == "forum" and any(w in entity.name.lower() for w in words):
                return m.entity_id
        return None

    # -- one sentence ----------------------------------------------------------------
    def draft(self, index: int, sv: SentenceView, trigger: Token, rule: Rule) -> Draft | None:
        tokens = frames.frame(trigger, rules().support_verbs)
        start, end = sv.start(trigger), sv.end(trigger)
        d = Draft(
            rule, index, start, end, rule.subtype, block=sv.sentence.block, trigger_i=trigger.i
        )
        d.frame_is = {t.i for t in tokens}
        d.definite = definite(trigger)
        d.evidence.append((sv.sentence.start, sv.sentence.end))
        self.fill(d, index, sv, trigger, tokens)
        new = None
        signed = signed_thing(trigger)
        if "platform" in rule.becomes:
            d.pact_scope = pact_scope(trigger)
        if d.platforms and "platform" in rule.becomes and not d.pact_scope:
            new = rule.becomes["platform"]  # not "signed a framework agreement on the K2"
        elif "thing_subject" in rule.becomes and self.thing_subject(trigger, sv):
            new = rule.becomes["thing_subject"]
        elif "deal_object" in rule.becomes and signed in rules().deal_nouns and self.arms_story:
            new = rule.becomes["deal_object"]  # a contract in a story of weapons is an order
        if new is not None and new in rules().by_subtype:
            # read again as what it is: a contract signed is an order, with an order's roles
            d.rule = rules().by_subtype[new]
            d.subtype = new
            d.participants, d.agents = {}, []
            self.fill(d, index, sv, trigger, tokens)
        elif new is not None:
            d.subtype = new
        if not self.satisfied(d, trigger, sv, tokens):
            return None
        if d.forum_id is None:
            d.session = None
        if superseded(trigger) or asked_whether(trigger):
            return (
                None  # "had planned to buy": it did not; "whether Beijing will export": a question
            )
        d.status = modality.status(trigger, subtype=rule.subtype)
        if rule.present_is and d.status == "ongoing":
            d.status = rule.present_is
        return d

    def hosts_forum(self, d: Draft, ids: list[str]) -> bool:
        """An intergovernmental body naming a meeting or summit is its forum."""
        if d.rule.type != "CONSULT" or len(ids) != 1:
            return False
        entity = self.view.entities.get(ids[0])
        if entity is None or entity.attrs.get("kind") != "intergovernmental":
            return False
        d.forum_id = d.forum_id or ids[0]
        return True

    def thing_subject(self, trigger: Token, sv: SentenceView) -> bool:
        """The trigger's subject is a thing, not an actor: "the fifth squadron will arrive"."""
        things = rules().things
        own = {t.i for t in trigger.subtree}
        for subj in subjects(trigger):
            found = [
                m
                for t in subj.subtree
                if t.i not in own and (m := self.view.mention_at(sv, t)) is not None
            ]
            kinds = {self.view.type_of(m) for m in found}
            if kinds & set(ACTOR_TYPES):
                return False
            if subj.lower_ in things or "platform" in kinds or elided_thing(subj):
                return True
        return False

    def satisfied(self, d: Draft, trigger: Token, sv: SentenceView, tokens: list[Token]) -> bool:
        needs = list(d.rule.requires)
        if trigger.lemma_ in d.rule.requires_for:
            needs.append(d.rule.requires_for[trigger.lemma_])
        for need in needs:
            if need == "platform" and not d.platforms:
                return False
            if need == "platform_or_compound" and signed_thing(trigger) in rules().deal_nouns:
                continue  # "the contract signed with France": a contract is an order
            if (
                need == "platform_or_compound"
                and not d.platforms
                and not arms_compound(trigger)
                and trigger.i == tokens[0].i
                and not (trigger.pos_ == "VERB" and buys_arms(trigger))
            ):
                return False
            if need == "person_object":
                person = [
                    e for e, r in d.participants.items() if self.view.entities[e].type == "person"
                ]
                objects = [r for r in d.participants.values() if r == "guest"]
                if not person or not objects:
                    return False
            if need in ("guest", "host") and need not in d.participants.values():
                return False
            if need == "participant" and not d.participants:
                return False
            if need == "thing_subject" and not self.thing_subject(trigger, sv):
                return False
            if (
                need == "platform_or_thing"
                and not d.platforms
                and not self.thing_subject(trigger, sv)
            ):
                return False
        return True

    def speaker(self, d: Draft, index: int, sv: SentenceView, trigger: Token) -> None:
        if index not in self._attributions:
            self._attributions[index] = modality.attribution(sv.span)
        attribution, verb = self._attributions[index]
        if verb is not None and not modality.attributes(verb, trigger):
            return
        d.attribution = d.attribution or attribution
        if d.rule.speaker and verb is not None:
            for arg, ids in self.actors(index, sv):
                if arg.head.i == verb.i and arg.dep_ in ("nsubj",):
                    for entity_id in ids:
                        d.add(entity_id, d.rule.speaker)
        if verb is not None:
            subj = [c for c in verb.children if c.dep_ == "nsubj"]
            ids = self.anaphora.resolve(index, subj[0]) if subj else []
            if ids:
                d.attribution = ", ".join(self.view.entities[i].name for i in ids)
        if attribution and d.attribution == attribution:
            m = next(
                (
                    m
                    for m in self.view.mentions_in(sv.sentence.start, sv.sentence.end)
                    if self.view.text(m.start, m.end) == attribution
                ),
                None,
            )
            if m is not None:
                d.attribution = self.view.entities[m.entity_id].name

    def sentence(self, index: int, sv: SentenceView) -> None:
        found = triggers(sv, self.quotes)
        found = [(t, r) for t, r in found if not self.forum_of_another(sv, t, found)]
        drafts: list[Draft] = []
        for token, rule in found:
            d = self.draft(index, sv, token, rule)
            if d is None:
                continue
            self.speaker(d, index, sv, token)
            drafts.append(d)
            self.by_trigger[(index, token.i)] = d
        drafts = contents(
            absorbed(fold(drafts, found), sv.span.doc), sv.span.doc, rules().speech_acts
        )
        self.times(sv, drafts, found)
        drafts += self.dated_items(sv, drafts)
        self.anchors(index, sv, drafts)
        if sv.span.text.rstrip().endswith(":"):
            self.intro_drafts[index] = drafts
        self.drafts.extend(drafts)

    # -- lists -----------------------------------------------------------------------
    def list_item(self, index: int, sv: SentenceView, intro: SentenceView) -> None:
        intro_index = self.view.sentences.index(intro)
        parents = self.intro_drafts.get(intro_index, [])
        distributing = [p for p in parents if p.rule.distributes]
        subject = _intro_subject(self, intro_index, intro)
        intro_status = (
            distributing[0].status if distributing else modality.status(intro.span.root, True)
        )
        attribution, _ = modality.attribution(intro.span)
        if distributing:
            parent = distributing[0]
            d = Draft(
                parent.rule,
                index,
                sv.sentence.start,
                sv.sentence.end,
                parent.subtype,
                block=sv.sentence.block,
            )
            d.evidence.append((sv.sentence.start, sv.sentence.end))
            d.list_item = True
            parent.distributed = True
            d.participants = dict(parent.participants)
            whole = self.intro_event(intro_index, parent)
            d.forum_id, d.session = parent.forum_id, parent.session
            if whole is not None and d.forum_id is None:
                d.forum_id, d.session = whole.forum_id, whole.session
            d.anchor = parent.anchor or whole
            d.attribution = parent.attribution
            d.topic = sv.span.text
            d.platforms = [m.entity_id for m in self.mentions(sv, ("platform",))]
            cue = modality.status(sv.span.root, True)
            d.status = cue if cue in ("possible", "denied") else parent.status
            d.timex = next(iter(sv.times), None) or parent.timex
            self.drafts.append(d)
            return
        self.sentence(index, sv)
        for d in [x for x in self.drafts if x.sentence == index]:
            d.list_item = True
            for entity_id in subject:
                d.add(entity_id, d.rule.roles.get("subject", "participant"))
            own = modality.status(sv.span.root, True)
            d.status = own if own in ("possible", "denied", "planned", "expected") else intro_status
            d.attribution = d.attribution or attribution
            d.topic = sv.span.text

    def intro_event(self, intro_index: int, parent: Draft) -> Draft | None:
        """ "The IRIGC meeting saw deliberations on:": the items are part of that meeting."""
        for d in self.intro_drafts.get(intro_index, []):
            if d is not parent and d.rule.mergeable:
                return d
        return None

    def read(self) -> list[Draft]:
        for index, sv in self.view.extracted():
            intro = self.view.intro(index)
            if intro is not None:
                self.list_item(index, sv, intro)
            else:
                self.sentence(index, sv)
                self.after_list(index, sv)
        self.platforms_from_context()
        return self.drafts

    def platforms_from_context(self) -> None:
        """A deal, delivery, negotiation or co-production (``platform_subtypes``) naming no
        platform is of the one the nearest earlier body sentence names ("The fifth squadron
        will arrive" after the S-400), else of the article's platform, else of the first
        order the article tells."""
        r = rules()
        wanted = set(load("events")["platform_subtypes"])
        places = set(load("events")["platform_places"])
        story = self.story_platform()
        deal = next(
            (
                x.platforms[0]
                for x in self.drafts
                if x.subtype in ("order", "lease") and x.platforms
            ),
            None,
        )
        for d in self.drafts:
            if d.platforms or d.subtype not in wanted:
                continue
            for back in range(d.sentence - 1, max(-1, d.sentence - 1 - r.platform_lookback), -1):
                sv = self.view.sentences[back]
                if sv.sentence.section != "body":
                    continue
                found = [
                    m.entity_id
                    for m in self.mentions(sv, ("platform",))
                    if not self._where(sv, m, places)
                ]
                if found:
                    d.platforms = [found[-1]]
                    break
            if not d.platforms and story is not None:
                d.platforms = [story]  # "Deliveries are expected to start in 2029"
            if not d.platforms and deal is not None:
                d.platforms = [deal]  # the deliveries of the deal the article told first

    @staticmethod
    def _where(sv: SentenceView, m: Mention, places: set[str]) -> bool:
        """A platform named as a place ("will operate from the carrier INS Vikrant")."""
        token = sv.token_at(m.start)
        while token is not None and token.dep_ in ("compound", "flat", "appos", "amod"):
            token = token.head
        return token is not None and token.head.lower_ in places and token.dep_ == "pobj"

    @cached_property
    def arms_story(self) -> bool:
        """The article names a weapon, or weapons: a contract there is an arms order, while
        a contract on a gas pipeline in a story with no weapons is a signing."""
        if any(e.type == "platform" for e in self.view.entities.values()):
            return True
        words = rules().things | rules().arms
        return any(t.lower_ in words for _, sv in self.view.extracted() for t in sv.span)

    def story_platform(self) -> str | None:
        """The platform an article is about: named in at least ``story_platform_share`` of
        the body's platform mentions and at least twice."""
        share = float(load("events")["story_platform_share"])
        counts: dict[str, int] = {}
        for m in self.view.mentions:
            if (
                self.view.type_of(m) == "platform"
                and self.view.sentences[m.sentence].sentence.section == "body"
            ):
                counts[m.entity_id] = counts.get(m.entity_id, 0) + 1
        if not counts:
            return None
        top, n = max(counts.items(), key=lambda kv: kv[1])
        return top if n >= 2 and n >= share * sum(counts.values()) else None

    def after_list(self, index: int, sv: SentenceView) -> None:
        """ "These are expected to be finalized ...": the sentence after a list continues it."""
        if index == 0 or not self.view.sentences[index - 1].list_item:
            return
        first = sv.span[0].lower_ if len(sv.span) else ""
        if first not in ("these", "they", "those", "all"):
            return
        intro = self.view.intro(index - 1)
        if intro is None:
            return
        intro_index = self.view.sentences.index(intro)
        attribution, _ = modality.attribution(intro.span)
        subject = _intro_subject(self, intro_index, intro)
        for d in [x for x in self.drafts if x.sentence == index]:
            if sv.span.doc[d.trigger_i].pos_ != "VERB":
                continue
            d.attribution = d.attribution or attribution
            for entity_id in subject:
                d.add(entity_id, d.rule.roles.get("subject", "participant"))


def _intro_subject(reader: Reader, index: int, intro: SentenceView) -> list[str]:
    """Who the list intro is about: its subject, or the subject's possessor ("Putin's schedule")."""
    root = intro.span.root
    if root.lemma_ in modality.reporting_verbs():
        return []  # "RK Singh announced that:": the speaker says so (attribution), not a party
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    out: list[str] = []
    for arg, ids in reader.actors(index, intro):
        for subj in subjects:
            if arg.i == subj.i or (arg.head.i == subj.i and arg.dep_ == "poss"):
                out += ids
    return out
