"""``bilat eval GOLD.yaml``: ingest what a gold file names into a fresh database and score it.

Scores entities (canonical entity + type), events (subtype and every field the gold
gives: participants, place, date, status, forum, session, platform, attribution,
evidence), claims (value, qualifier, what is counted, status, attribution) and quotes
(speaker and text). A field the gold leaves out is not scored; ``place: []`` and
``date: null`` say "must be absent". The format is described in the README.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from bilat import api
from bilat.analyze.gazetteer import gazetteer
from bilat.analyze.slug import slugify
from bilat.errors import BilatError, InputError, NotFoundError
from bilat.event_alignment import FieldTally, align, plover_type, tally_fields
from bilat.store import read
from bilat.store import schema as s
from bilat.store.db import Store
from bilat.store.findings import ClaimRow, EventRow, QuoteRow

KINDS = ("entities", "events", "claims", "quotes")
_PRIMARY = ("subtype", "value", "text")  # the field whose mismatch makes two items unrelated


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def figures(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Report:
    gold: str
    scores: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in KINDS})
    # per entity type and per event subtype: {"entities": {"person": Score}, "events": {...}}
    by_type: dict[str, dict[str, Score]] = field(
        default_factory=lambda: {"entities": {}, "events": {}}
    )
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)
    # events aligned by happening (event_alignment), per PLOVER type and "all"
    detected: dict[str, Score] = field(default_factory=dict)
    fields: dict[str, FieldTally] = field(default_factory=dict)

    def figures(self) -> dict[str, dict[str, float]]:
        out = {k: v.figures() for k, v in self.scores.items()}
        if "all" in self.detected:
            out["events_detected"] = self.detected["all"].figures()
            out["event_fields"] = self.fields["all"].accuracy()
        return out

    def plover_figures(self) -> dict[str, dict[str, float]]:
        """Per PLOVER type: detection precision, recall, F1 and each field's accuracy."""
        return {
            t: {**self.detected[t].figures(), **self.fields[t].accuracy()}
            for t in sorted(self.detected, key=lambda t: (t == "all", t))
        }

    def tally(self, kind: str, label: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        """Add to the per-type score of ``label`` (an entity type or an event subtype)."""
        sc = self.by_type[kind].setdefault(label, Score())
        sc.tp, sc.fp, sc.fn = sc.tp + tp, sc.fp + fp, sc.fn + fn

    def type_figures(self) -> dict[str, dict[str, dict[str, float]]]:
        return {
            kind: {label: v.figures() for label, v in sorted(scores.items())}
            for kind, scores in self.by_type.items()
        }


def _load(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(str(path), f"cannot read gold file: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise InputError(str(path), "a gold file needs a top-level 'documents' list")
    return data


def _split(path: str) -> tuple[str, int | None]:
    m = re.match(r"^(.*\.jsonl?):(\d+)$", path)
    return (m.group(1), int(m.group(2))) if m else (path, None)


class _Names:
    """Gold names to entity ids: the store's aliases first, then the lexicon."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.cache: dict[str, str] = {}

    def id(self, name: str | None) -> str | None:
        if name is None:
            return None
        if name in self.cache:
            return self.cache[name]
        with self.store.read() as conn:
            try:
                found = read.find_entity(conn, name)
            except NotFoundError:
                known = gazetteer().aliases.get(name.lower())
                if known is None:  # not met yet: a later document may bring it
                    return f"?{slugify(name)}"
                found = known
        self.cache[name] = found
        return found


def _interval(value: Any) -> tuple[dt.date, dt.date] | None:
    if isinstance(value, dt.date):
        return value, value
    text = str(value)
    if re.fullmatch(r"\d{4}", text):
        y = int(text)
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    m = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
    return dt.date.fromisoformat(text), dt.date.fromisoformat(text)


def _date_ok(gold: Any, e: EventRow) -> bool:
    if gold is None:
        return e.date_start is None and e.date_end is None
    lo, hi = _interval(gold)  # type: ignore[misc]
    if e.date_start is None or e.date_end is None:
        return False
    return lo <= e.date_start and e.date_end <= hi


def _norm(text: str) -> str:
    return (
        re.sub(r"\s+", " ", text.replace("’", "'").replace("“", '"').replace("”", '"'))
        .strip()
        .lower()
    )


def _event_diff(g: dict[str, Any], e: EventRow, names: _Names) -> list[str]:
    """Fields of gold event ``g`` that predicted event ``e`` gets wrong (empty: a match)."""
    wrong = []
    if g.get("subtype") and g["subtype"] != e.subtype:
        wrong.append("subtype")  # first: strict matching reads it as "another event"
    if g.get("type") and g["type"] != e.type:
        wrong.append("type")
    if "participants" in g:
        want = {names.id(n) for n in g["participants"]}
        if want != {p.entity for p in e.participants}:
            wrong.append("participants")
    if "place" in g:
        want = {names.id(n) for n in g["place"]}
        have = {
            x
            for x in (
                names.id(e.place) if e.place else None,
                names.id(e.venue) if e.venue else None,
            )
            if x
        }
        if want != have:
            wrong.append("place")
    if "date" in g and not _date_ok(g["date"], e):
        wrong.append("date")
    if "status" in g and g["status"] != e.status:
        wrong.append("status")
    if "forum" in g and names.id(g["forum"]) != (names.id(e.forum) if e.forum else None):
        wrong.append("forum")
    if "session" in g and g["session"] != e.session:
        wrong.append("session")
    if "platform" in g and names.id(g["platform"]) not in {names.id(p) for p in e.platforms}:
        wrong.append("platform")
    if "attribution" in g and _norm(str(g["attribution"])) not in _norm(e.attribution or ""):
        wrong.append("attribution")
    if "evidence" in g:
        texts = [_norm(x.text) for x in e.evidence] + [_norm(e.topic or "")]
        if not any(_norm(g["evidence"]) in t for t in texts):
            wrong.append("evidence")
    return wrong


def _event_text(e: EventRow) -> str:
    who = ", ".join(p.name for p in e.participants)
    text = e.evidence[0].text[:90] if e.evidence else ""
    return f"{e.subtype} [{who}] {e.date_start or ''} {e.status} :: {text}"


def _match(
    golds: list[dict[str, Any]], preds: list[Any], diff: Any
) -> tuple[list[tuple[dict[str, Any], list[str], Any]], list[Any]]:
    """Greedy one-to-one matching; returns (gold misses with the fields the nearest
    prediction gets wrong and that prediction, unmatched predictions)."""
    left = list(preds)
    misses = []
    for g in golds:
        found = next((p for p in left if not diff(g, p)), None)
        if found is not None:
            left.remove(found)
            continue
        diffs = [(diff(g, p), p) for p in left]
        # the nearest prediction of the same kind (subtype, value, text) when there is one
        same = [d for d in diffs if d[0][0] not in _PRIMARY]
        near, pred = min(same or diffs, key=lambda d: len(d[0]), default=(["no candidate"], None))
        misses.append((g, near, pred if same else None))
    return misses, left


def _claim_diff(g: dict[str, Any], c: ClaimRow, names: _Names) -> list[str]:
    wrong = []
    if c.value is None or abs(float(g["value"]) - c.value) > max(0.01, abs(c.value) * 1e-6):
        return ["value"]
    if "qualifier" in g and g["qualifier"] != c.qualifier:
        wrong.append("qualifier")
    if "unit" in g and str(g["unit"]).upper() != (c.unit or "").upper():
        wrong.append("unit")
    if "counts" in g:
        want = {w.rstrip("s") for w in _norm(str(g["counts"])).split()}
        have = {
            w.rstrip("s")
            for w in _norm(f"{c.subject_text} {c.unit or ''} {c.subject or ''}").split()
        }
        if not want & have:
            wrong.append("counts")
    if "status" in g and g["status"] != c.status:
        wrong.append("status")
    if "attribution" in g and _norm(str(g["attribution"])) not in _norm(c.attribution or ""):
        wrong.append("attribution")
    return wrong


def _quote_diff(g: dict[str, Any], q: QuoteRow, names: _Names) -> list[str]:
    wrong = []
    if _norm(g["text"]) not in _norm(q.text) and _norm(q.text) not in _norm(g["text"]):
        return ["text"]
    if "speaker" in g and names.id(g["speaker"]) != q.speaker_id:
        wrong.append("speaker")
    return wrong


def _ingest(store: Store, base: Path, entry: dict[str, Any]) -> str:
    file, line = _split(str(entry["path"]))
    path = (base / file).resolve()
    if not path.exists():
        raise InputError(str(path), "named in the gold file but not found")
    published = entry.get("published")
    report = api.ingest(store, [str(path)], published=str(published) if published else None)
    origin = f"{path}:{line}" if line else str(path)
    for outcome in report.outcomes:
        if outcome.origin == origin and outcome.document_id:
            return outcome.document_id
    with store.read() as conn:
        row = conn.execute(s.documents.select().where(s.documents.c.origin == origin)).first()
    if row is None:
        why = "; ".join(o.detail for o in report.outcomes if o.status == "failed" and o.detail)
        raise InputError(
            origin, f"gold document could not be ingested ({why or 'no reason given'})"
        )
    return str(row.id)


def _doc_entities(store: Store, doc_id: str) -> set[tuple[str, str]]:
    m, e, se = s.mentions.c, s.entities.c, s.sentences.c
    query = (
        select(e.id, e.type)
        .join(s.mentions, m.entity_id == e.id)
        .join(s.sentences, (se.document_id == m.document_id) & (se.idx == m.sentence_idx))
        .where(m.document_id == doc_id, se.section != "boilerplate")
        .distinct()
    )
    with store.read() as conn:
        return {(r.id, r.type) for r in conn.execute(query)}


def _score_doc(
    report: Report, store: Store, names: _Names, entry: dict[str, Any], doc_id: str
) -> None:
    label = str(entry["path"])
    if "entities" in entry:
        want = {(names.id(n), t) for n, t in entry["entities"]}
        have = _doc_entities(store, doc_id)
        sc = report.scores["entities"]
        sc.tp += len(want & have)
        sc.fn += len(want - have)
        sc.fp += len(have - want)
        for _, t in want & have:
            report.tally("entities", t, tp=1)
        for _, t in want - have:
            report.tally("entities", t, fn=1)
        for _, t in have - want:
            report.tally("entities", t, fp=1)
        report.misses += [
            {"kind": "entity", "doc": label, "gold": f"{i} ({t})"} for i, t in sorted(want - have)
        ]
        report.false_alarms += [
            {"kind": "entity", "doc": label, "found": f"{i} ({t})"} for i, t in sorted(have - want)
        ]
    kinds = (
        ("events", lambda: api.events(store, document=doc_id), _event_diff, _event_text),
        (
            "claims",
            lambda: api.claims(store, document=doc_id),
            _claim_diff,
            lambda c: f"{c.value:g} {c.subject_text} ({c.status})",
        ),
        (
            "quotes",
            lambda: api.quotes(store, document=doc_id),
            _quote_diff,
            lambda q: f"{q.speaker or q.speaker_text}: {q.text[:80]}",
        ),
    )
    for kind, fetch, diff, text in kinds:
        if kind not in entry:
            continue
        golds = entry[kind] or []
        preds = fetch()
        misses, extra = _match(golds, preds, lambda g, p, d=diff: d(g, p, names))
        sc = report.scores[kind]
        sc.fn += len(misses)
        sc.fp += len(extra)
        sc.tp += len(golds) - len(misses)
        if kind == "events":
            _score_detection(report, golds, preds, names)  # type: ignore[arg-type]
            missed = {id(g) for g, _, _ in misses}
            for g in golds:
                hit = id(g) not in missed
                report.tally("events", g["subtype"], tp=int(hit), fn=int(not hit))
            for p in extra:
                report.tally("events", p.subtype, fp=1)
        report.misses += [
            {
                "kind": kind[:-1],
                "doc": label,
                "gold": g,
                "nearest_wrong": near,
                **({"nearest": text(pred)} if pred is not None else {}),
            }
            for g, near, pred in misses
        ]
        report.false_alarms += [{"kind": kind[:-1], "doc": label, "found": text(p)} for p in extra]


def _score_detection(
    report: Report, golds: list[dict[str, Any]], preds: list[EventRow], names: _Names
) -> None:
    pairs, missed, extra = align(golds, preds, lambda g, p: _event_diff(g, p, names), names.id)
    for t, tp, fp, fn in [
        *((p.type, 1, 0, 0) for _, p, _ in pairs),
        *((p.type, 0, 1, 0) for p in extra),
        *((plover_type(g), 0, 0, 1) for g in missed),
    ]:
        for label in (t, "all"):
            sc = report.detected.setdefault(label, Score())
            sc.tp, sc.fp, sc.fn = sc.tp + tp, sc.fp + fp, sc.fn + fn
    for _, p, _ in pairs:
        report.fields.setdefault(p.type, FieldTally())
    report.fields.setdefault("all", FieldTally())
    for pair in pairs:
        tally_fields([report.fields[pair[1].type], report.fields["all"]], [pair])
    for t in report.detected:
        report.fields.setdefault(t, FieldTally())


def _cross_document(path: Path) -> bool:
    """A knowledge gold file (clusters and conflicts across documents), scored apart."""
    from bilat.knowledge_eval import is_knowledge_gold

    return is_knowledge_gold(path)


def gold_files(path: Path) -> list[Path]:
    """``path`` itself, or every gold file (``*.yaml``) under a folder, in name order."""
    if not path.is_dir():
        return [path]
    found = sorted(p for p in path.rglob("*.yaml") if p.is_file() and not _cross_document(p))
    if not found:
        raise InputError(str(path), "no gold files (*.yaml) in this folder")
    return found


def evaluate(gold: str | Path) -> Report:
    """Score bilat against a gold file, or every gold file under a folder, in one fresh
    temporary SQLite database."""
    path = Path(gold)
    files = [(f, _load(f)) for f in gold_files(path)]
    report = Report(str(path))
    with tempfile.TemporaryDirectory(prefix="bilat-eval-") as tmp:
        store = api.open(f"sqlite:///{tmp}/eval.db")
        try:
            names = _Names(store)
            for file, data in files:
                for entry in data["documents"]:
                    doc_id = _ingest(store, file.parent, entry)
                    _score_doc(report, store, names, entry, doc_id)
        finally:
            store.close()
    return report


def below_floors(report: Any, baseline_file: str | Path) -> list[str]:
    """Scores under the floors pinned for this gold file in the baseline (empty when all hold)."""
    try:
        floors = yaml.safe_load(Path(baseline_file).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise BilatError(f"{baseline_file}: cannot read baseline: {exc}") from None
    key = getattr(report, "key", Path(report.gold).name)
    mine = floors.get(key, {})
    figures = report.figures()
    out = []
    for kind, metrics in mine.items():
        for metric, floor in metrics.items():
            value = figures[kind][metric]
            if value < floor:
                out.append(f"{key}: {kind} {metric} {value:.3f} < floor {floor}")
    return out
