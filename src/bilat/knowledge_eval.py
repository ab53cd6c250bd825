"""Score the merged record against cross-document gold: clusters, statuses, conflicts.

A knowledge gold file (``eval/gold/knowledge.yaml``, ``eval/dev/knowledge.yaml``) names
the per-document gold files whose documents are read together (``gold:``), the clusters
of their gold events that are one happening (``clusters:``, events as ``PATH#N``), the
conflicts between sources and the updates that are not conflicts. Each document's gold
events are aligned with bilat's events as in ``bilat eval`` (by happening); the record is
then scored on the aligned events:

- clusters: pairwise precision and recall over pairs of aligned gold events from
  different documents (together in gold vs. in one canonical event);
- status: the canonical event holding most of a gold cluster's reports shows its status;
- conflicts: a gold conflict is found when a reported conflict has its subject (or its
  cluster's canonical event) and, for claims, two of its values; precision counts the
  reported conflicts that match one; updates reported as conflicts are counted apart.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from bilat import api
from bilat.errors import InputError
from bilat.evaluate import Score, _event_diff, _ingest, _load, _Names
from bilat.event_alignment import align
from bilat.knowledge.conflicts import Conflict, conflicts
from bilat.store import schema as s


@dataclass
class KnowledgeReport:
    gold: str
    clusters: Score = field(default_factory=Score)
    conflicts: Score = field(default_factory=Score)
    status_right: int = 0
    status_total: int = 0
    updates_as_conflicts: int = 0
    aligned: int = 0
    cluster_reports: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)

    @property
    def key(self) -> str:
        """Its name in the baseline: knowledge-gold, knowledge-dev (by folder)."""
        return f"knowledge-{Path(self.gold).resolve().parent.name}"

    def figures(self) -> dict[str, dict[str, float]]:
        return {
            "clusters": self.clusters.figures(),
            "conflicts": self.conflicts.figures(),
            "status": {
                "accuracy": self.status_right / self.status_total if self.status_total else 0.0
            },
            "coverage": {
                "aligned": self.aligned / self.cluster_reports if self.cluster_reports else 0.0
            },
            "updates": {
                "as_conflicts": float(self.updates_as_conflicts),
                "kept_apart": 0.0 if self.updates_as_conflicts else 1.0,  # a floor can hold it
            },
        }


def is_knowledge_gold(path: Path) -> bool:
    if path.is_dir():
        return False
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return False
    return isinstance(data, dict) and "clusters" in data


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1.0)


def _numbers(c: Conflict) -> list[float]:
    out = []
    for v in c.values:
        try:
            out.append(float(v.value))
        except ValueError:
            continue
    return out


def evaluate_knowledge(
    gold: str | Path, keep: dict[str, int] | None = None, folder: Path | None = None
) -> KnowledgeReport:
    """Score a knowledge gold file; ``keep``, when given, receives PATH#N -> event id, and
    ``folder``, when given, keeps the evaluation database there (``eval.db``)."""
    path = Path(gold)
    if not is_knowledge_gold(path):
        raise InputError(str(path), "not a knowledge gold file (needs a top-level 'clusters' list)")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    report = KnowledgeReport(str(path))
    with tempfile.TemporaryDirectory(prefix="bilat-eval-") as scratch:
        tmp = str(folder) if folder is not None else scratch
        store = api.open(f"sqlite:///{tmp}/eval.db")
        try:
            names = _Names(store)
            system: dict[str, int] = {}  # PATH#N -> event id
            for name in data["gold"]:
                file = (path.parent / name).resolve()
                for entry in _load(file)["documents"]:
                    doc_id = _ingest(store, file.parent, entry)
                    golds = entry.get("events") or []
                    keyed = [dict(g, _key=f"{entry['path']}#{i}") for i, g in enumerate(golds)]
                    preds = api.events(store, document=doc_id)
                    pairs, _, _ = align(
                        keyed, preds, lambda g, p: _event_diff(g, p, names), names.id
                    )
                    system.update({g["_key"]: p.id for g, p, _ in pairs})
            with store.read() as conn:
                cr = s.canonical_reports.c
                canonical = dict(conn.execute(select(cr.event_id, cr.canonical_id)).all())
                statuses = dict(
                    conn.execute(select(s.canonical_events.c.id, s.canonical_events.c.status)).all()
                )
                found = conflicts(conn, updates=True)
                links = dict(
                    conn.execute(
                        select(s.entity_links.c.entity_id, s.entity_links.c.canonical_id)
                    ).all()
                )
            if keep is not None:
                keep.update(system)
            _score_clusters(report, data, system, canonical, statuses)
            _score_conflicts(report, data, system, canonical, found, names, links)
        finally:
            store.close()
    return report


def _score_clusters(
    report: KnowledgeReport,
    data: dict[str, Any],
    system: dict[str, int],
    canonical: dict[int, str],
    statuses: dict[str, str],
) -> None:
    gold_of: dict[str, int] = {}
    for i, cluster in enumerate(data.get("clusters") or []):
        for key in cluster["reports"]:
            gold_of[key] = i
            report.cluster_reports += 1
            report.aligned += key in system
        ids = [canonical[system[k]] for k in cluster["reports"] if system.get(k) in canonical]
        if ids:
            best = Counter(ids).most_common(1)[0][0]
            report.status_total += 1
            ok = statuses.get(best) == cluster.get("status")
            report.status_right += ok
            if not ok:
                report.misses.append(
                    {
                        "kind": "status",
                        "cluster": cluster["name"],
                        "gold": cluster.get("status"),
                        "found": statuses.get(best),
                    }
                )
    keys = sorted(system)
    for a, b in combinations(keys, 2):
        if a.split("#")[0] == b.split("#")[0]:
            continue
        together_gold = a in gold_of and gold_of.get(a) == gold_of.get(b)
        ca, cb = canonical.get(system[a]), canonical.get(system[b])
        together_sys = ca is not None and ca == cb
        if together_gold and together_sys:
            report.clusters.tp += 1
        elif together_sys:
            report.clusters.fp += 1
            report.false_alarms.append({"kind": "cluster pair", "found": [a, b]})
        elif together_gold:
            report.clusters.fn += 1
            report.misses.append(
                {
                    "kind": "cluster pair",
                    "cluster": data["clusters"][gold_of[a]]["name"],
                    "gold": [a, b],
                }
            )


def _score_conflicts(
    report: KnowledgeReport,
    data: dict[str, Any],
    system: dict[str, int],
    canonical: dict[int, str],
    found: list[Conflict],
    names: _Names,
    links: dict[str, str],
) -> None:
    clusters = {c["name"]: c for c in data.get("clusters") or []}

    def subject(name: str) -> str | None:
        entity = names.id(name)
        return links.get(entity, entity) if entity else None

    def matches(g: dict[str, Any], c: Conflict) -> bool:
        if g.get("kind", "claim") == "event":
            cluster = clusters.get(g.get("cluster", ""), {})
            ids = {canonical.get(system[k]) for k in cluster.get("reports", []) if k in system}
            return (
                c.kind == "event"
                and c.canonical_id in ids
                and c.attribute.startswith(str(g.get("field", "")))
            )
        if c.kind == "event" or c.subject_id != subject(str(g["subject"])):
            return False
        have = _numbers(c)
        return sum(any(_close(float(v), h) for h in have) for v in g["values"]) >= 2

    gold = [dict(g) for g in data.get("conflicts") or []]
    updates = [dict(g, kind="claim") for g in data.get("updates") or []]
    reported = [c for c in found if c.kind != "update"]
    hit = [False] * len(gold)
    for c in reported:
        which = [i for i, g in enumerate(gold) if matches(g, c)]
        if which:
            report.conflicts.tp += 0  # counted once per gold below
            for i in which:
                hit[i] = True
        else:
            report.conflicts.fp += 1
            report.false_alarms.append(
                {
                    "kind": "conflict",
                    "found": f"{c.subject}: {c.attribute} {[v.shown for v in c.values]}",
                }
            )
            if any(matches(u, c) for u in updates):
                report.updates_as_conflicts += 1
    report.conflicts.tp = sum(hit)
    report.conflicts.fn = len(gold) - sum(hit)
    for g, ok in zip(gold, hit, strict=True):
        if not ok:
            report.misses.append({"kind": "conflict", "gold": g})
