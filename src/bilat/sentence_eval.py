"""``bilat eval`` on a coded sentence set: each sentence with its PLOVER type, source,
target and mode, scored without a database.

A sentence counts for *type* when bilat reads an event of that PLOVER type in it; for
*source* and *target* when that event's source (actor) and target (counterpart) are the
entities the gold names; for *mode* when the event's status maps to the gold's PLOVER mode
(occurred/ongoing: none; planned/expected: future; possible: hypothetical; denied:
negated). The format is in the README ("Evaluation").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bilat.analyze import plover
from bilat.analyze.gazetteer import gazetteer
from bilat.analyze.read import analyze
from bilat.analyze.slug import slugify
from bilat.errors import InputError
from bilat.ingest.document import build_document
from bilat.models import Analysis, SourceText

MEASURES = ("type", "source", "target", "mode")


@dataclass
class Tally:
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MEASURES, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MEASURES, 0))

    def add(self, measure: str, ok: bool) -> None:
        self.total[measure] += 1
        self.right[measure] += int(ok)

    def accuracy(self) -> dict[str, float | int]:
        out: dict[str, float | int] = {"sentences": self.total["type"]}
        for m in MEASURES:
            out[m] = round(self.right[m] / self.total[m], 3) if self.total[m] else 1.0
        return out


@dataclass
class SentenceReport:
    gold: str
    overall: Tally = field(default_factory=Tally)
    by_type: dict[str, Tally] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)

    def figures(self) -> dict[str, dict[str, float | int]]:
        return {"sentences": self.overall.accuracy()}


def is_sentence_set(path: Path) -> bool:
    files = sorted(path.rglob("*.yaml")) if path.is_dir() else [path]
    return bool(files) and all("sentences" in (_read(f) or {}) for f in files)


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(str(path), f"cannot read gold file: {exc}") from None
    return data if isinstance(data, dict) else None


def _entity_id(name: str | None, analysis: Analysis, text: str = "") -> str | None:
    """The entity the gold's words name: a mention with those words, else the one entity
    mentioned inside them ("Houthi forces", "Russia's navy", "Pakistani troops" name the
    Houthis, Russia, Pakistan), else the gazetteer's reading of them."""
    if name is None:
        return None
    for m in analysis.mentions:
        if m.text == name or analysis.entities[m.entity_id].name == name:
            return m.entity_id
    at = text.find(name)
    if at >= 0:
        inside = {
            m.entity_id for m in analysis.mentions if at <= m.start and m.end <= at + len(name)
        }
        if len(inside) == 1:
            return inside.pop()
    known = gazetteer().lookup(name)
    return known.id if known else f"?{slugify(name)}"


def _score(report: SentenceReport, gold: dict[str, Any]) -> None:
    text, want = str(gold["text"]), str(gold["type"])
    analysis = next(analyze([build_document(SourceText("sentence", text))]))
    events = sorted((e for e in analysis.events if e.type == want), key=lambda e: -e.confidence)
    tallies = (report.overall, report.by_type.setdefault(want, Tally()))
    best = events[0] if events else None
    source = best.source_id if best else None
    target = best.target_id if best else None
    mode = plover.tables().status_modes.get(best.status) if best else "none"
    results = {
        "type": bool(events),
        "source": bool(events) and source == _entity_id(gold.get("source"), analysis, text),
        "target": bool(events) and target == _entity_id(gold.get("target"), analysis, text),
        "mode": bool(events) and mode == gold.get("mode"),
    }
    for tally in tallies:
        for measure, ok in results.items():
            tally.add(measure, ok)
    if not all(results.values()):
        found = [f"{e.type}/{e.subtype}" for e in analysis.events]
        wrong = [m for m, ok in results.items() if not ok]
        report.misses.append({"kind": "sentence", "gold": gold, "wrong": wrong, "found": found})


def evaluate_sentences(gold: str | Path) -> SentenceReport:
    path = Path(gold)
    files = sorted(path.rglob("*.yaml")) if path.is_dir() else [path]
    report = SentenceReport(str(path))
    for file in files:
        data = _read(file) or {}
        sentences = data.get("sentences")
        if not isinstance(sentences, list):
            raise InputError(str(file), "a sentence set needs a top-level 'sentences' list")
        for gold_sentence in sentences:
            _score(report, gold_sentence)
    return report
