"""The knowledge layer at scale: per-document ingest time stays flat as the record grows,
and `record.rebuild` of a large database finishes (issue 10).

Documents are our own articles (the sample corpus and eval/dev/articles) recombined:
the paragraphs of one article with one or two of another, every date written in the
text (years, month names, ordinals such as "23rd") shifted by the offset of one of
many "worlds", and the publication date with it. Articles about one happening that
land in the same world report it together; other worlds keep their events apart.

Part 1 ingests --docs such documents one `api.ingest` call each into a fresh store and
compares the median seconds per document of the first and last hundred, with the time
spent in `record.update` alone. Part 2 analyses a few hundred documents once, stores
--rebuild-docs copies (new ids, dates moved on by 52 weeks and sessions by one per
round), each by `save_analysis` + `record.update` in one transaction, then times
`record.rebuild` and checks that the derived tables come out the same. Both run on
SQLite and on PostgreSQL (a database created and dropped here). Figures are appended to
bench/results.md.

    python bench/bench_knowledge.py [--docs 1000] [--rebuild-docs 10000]
        [--engines sqlite,postgresql] [--pg-url URL] [--profile] [--no-save]
"""

from __future__ import annotations

import argparse
import calendar
import cProfile
import datetime as dt
import hashlib
import json
import platform
import pstats
import random
import re
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, create_engine, func, select, text
from sqlalchemy.engine import make_url

from bilat import api
from bilat.analyze.pipeline import nlp
from bilat.analyze.read import analyze
from bilat.ingest import run
from bilat.ingest.document import build_document
from bilat.ingest.loaders import Overrides, load_paths
from bilat.knowledge import record
from bilat.models import Analysis, SourceText
from bilat.store import schema as s
from bilat.store.db import Store
from bilat.store.write import save_analysis

RESULTS = Path(__file__).with_name("results.md")
DEV = Path(__file__).resolve().parents[1] / "eval" / "dev" / "articles"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PG_DB = "bilat_bench_knowledge"
BASES = 300  # documents analysed for part 2
ROUND_DAYS = 364  # part 2: each round of copies moves 52 weeks (and one session) later
EARLIEST = -12  # years: the earliest world; ordinals (sessions) move on by years - EARLIEST

FULL = list(calendar.month_name)[1:]
ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9}
ABBR |= {"Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
WORDS = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh".split()  # noqa: SIM905
MONTH = "|".join([*FULL, *(rf"{a}\b\.?" for a in ABBR)])
DATES = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}}) )?(?P<mon>{MONTH})(?: (?P<d2>\d{{1,2}})\b)?"
    rf"(?:(?P<sep>,? )(?P<y>(?:19|20)\d\d)\b)?"
    r"|\b(?P<year>(?:19|20)\d\d)\b|\b(?P<ord>\d{1,3})(?:st|nd|rd|th)\b"
    rf"|\b(?P<word>(?i:{'|'.join(WORDS)}))(?= (?:[A-Z0-9]|edition|session|round|summit))"
)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(frozen=True)
class World:
    """An offset for every date: whole years and months, then days."""

    years: int
    months: int
    days: int

    def date(self, day: dt.date, days: bool = True) -> dt.date:
        index = day.year * 12 + day.month - 1 + self.years * 12 + self.months
        year, month = divmod(index, 12)
        last = calendar.monthrange(year, month + 1)[1]
        moved = dt.date(year, month + 1, min(day.day, last))
        return moved + dt.timedelta(days=self.days if days else 0)

    def text(self, body: str, year: int) -> str:
        def sub(m: re.Match[str]) -> str:
            if m["year"]:
                return str(int(m["year"]) + self.years)
            if m["ord"]:
                return ordinal(int(m["ord"]) + self.years - EARLIEST)
            if m["word"]:
                n = WORDS.index(m["word"].lower()) + 1 + self.years - EARLIEST
                word = WORDS[n - 1] if n <= len(WORDS) else ordinal(n)
                return word.capitalize() if m["word"][0].isupper() else word
            mon = m["mon"]
            number = FULL.index(mon) + 1 if mon in FULL else ABBR[mon.rstrip(".")]
            day = m["d1"] or m["d2"]
            try:
                old = dt.date(int(m["y"] or year), number, int(day or 1))
            except ValueError:
                return m[0]
            new = self.date(old, days=bool(day))
            name = FULL[new.month - 1]
            if mon not in FULL:  # "Oct." or "Oct"
                name = calendar.month_abbr[new.month] + ("." if mon.endswith(".") else "")
            out = f"{new.day} {name}" if m["d1"] else f"{name} {new.day}" if day else name
            return out + f"{m['sep']}{new.year}" if m["y"] else out

        return DATES.sub(sub, body)


@dataclass(frozen=True)
class Article:
    title: str
    paragraphs: list[str]
    published: dt.date
    source: str


def articles() -> list[Article]:
    out = []
    for folder in (api.sample_corpus(), DEV):
        for path in sorted(folder.glob("*.txt")):
            side = path.with_suffix(".json")
            meta = json.loads(side.read_text(encoding="utf-8")) if side.is_file() else {}
            paras = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n")]
            paras = [p for p in paras if p]
            title = meta.get("title") or paras[0]
            if paras[0] == title:
                paras = paras[1:]
            published = dt.date.fromisoformat(meta.get("published") or "2025-06-01")
            out.append(Article(title, paras, published, meta.get("source") or "Bench Wire"))
    return out


def documents(count: int, seed: int) -> list[dict[str, str]]:
    """``count`` unique documents: text and sidecar metadata."""
    rng = random.Random(seed)
    arts = articles()
    worlds = [
        World(rng.randint(EARLIEST, 3), rng.randrange(12), rng.randint(-10, 10))
        for _ in range(max(1, count // 8))
    ]
    seen: set[str] = set()
    out: list[dict[str, str]] = []
    while len(out) < count:
        world = rng.choice(worlds)
        main, other = rng.sample(arts, 2)
        keep = main.paragraphs[:1] + [p for p in main.paragraphs[1:] if rng.random() < 0.8]
        extra = rng.sample(other.paragraphs, min(len(other.paragraphs), rng.randint(1, 2)))
        at = rng.randint(1, len(keep))
        body = "\n\n".join([main.title, *keep[:at], *extra, *keep[at:]])
        body = world.text(body, main.published.year)
        if body in seen:
            continue
        seen.add(body)
        title = body.split("\n", 1)[0]
        published = world.date(main.published).isoformat()
        out.append({"text": body, "title": title, "published": published, "source": main.source})
    return out


def write_documents(docs: list[dict[str, str]], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, doc in enumerate(docs):
        path = folder / f"{i:05d}.txt"
        path.write_text(doc["text"] + "\n", encoding="utf-8")
        meta = {k: doc[k] for k in ("title", "published", "source")}
        path.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
        paths.append(path)
    return paths


@contextmanager
def database(engine: str, tmp: Path, name: str, pg_url: str) -> Iterator[str]:
    """A URL for an empty database: a new SQLite file, or a PostgreSQL database."""
    if engine == "sqlite":
        yield f"sqlite:///{tmp / name}.db"
        return
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {PG_DB}"))
    try:
        yield make_url(pg_url).set(database=PG_DB).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)"))
        admin.dispose()


def counts(store: Store) -> tuple[int, int, int]:
    """Documents, reports (events) and canonical events."""
    with store.read() as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (s.documents, s.events, s.canonical_events)
        )


@contextmanager
def timing(module: Any, name: str, into: list[float]) -> Iterator[None]:
    """Append the seconds of every call of ``module.name`` to ``into`` meanwhile."""
    original = getattr(module, name)

    def timed(*args: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(*args)
        finally:
            into.append(time.perf_counter() - start)

    setattr(module, name, timed)
    try:
        yield
    finally:
        setattr(module, name, original)


def bench_ingest(url: str, paths: list[Path]) -> dict[str, Any]:
    """Seconds of each one-document `api.ingest` call, of its `save_analysis` and of its
    `record.update`."""
    store = api.open(url)
    per: list[float] = []
    out: dict[str, Any] = {"per": per, "save": [], "update": []}
    with timing(run, "save_analysis", out["save"]), timing(record, "update", out["update"]):
        for i, path in enumerate(paths, 1):
            start = time.perf_counter()
            report = api.ingest(store, [str(path)])
            per.append(time.perf_counter() - start)
            assert report.stored == 1, report.outcomes
            if i % 100 == 0:
                print(f"  {i} docs, last {statistics.median(per[-100:]):.3f} s/doc", flush=True)
    _, out["reports"], out["canonical"] = counts(store)
    store.close()
    return out


def base_analyses(count: int, seed: int, folder: Path) -> list[Analysis]:
    paths = write_documents(documents(count, seed), folder)
    sources = load_paths([str(p) for p in paths], 10**8, Overrides())
    return list(analyze(build_document(x) for x in sources if isinstance(x, SourceText)))


def copy(a: Analysis, k: int, round_: int) -> Analysis:
    """Copy ``k`` of ``a``: a new id, every date moved on by ``round_`` rounds."""
    delta = dt.timedelta(days=ROUND_DAYS * round_)

    def on(day: dt.date | None) -> dt.date | None:
        return day + delta if day else day

    doc = a.document
    new_id = hashlib.sha256(f"{doc.id}:{k}".encode()).hexdigest()
    events = tuple(
        replace(
            e,
            time=replace(e.time, start=on(e.time.start), end=on(e.time.end)) if e.time else None,
            session=e.session + round_ if e.session is not None else None,
        )
        for e in a.events
    )
    return replace(
        a,
        document=replace(doc, id=new_id, published=on(doc.published), origin=f"copy-{k}"),
        events=events,
        claims=tuple(replace(c, as_of=on(c.as_of)) for c in a.claims),
        roles=tuple(replace(r, since=on(r.since)) for r in a.roles),
    )


def snapshot(conn: Connection) -> dict[str, list[str]]:
    return {
        t.name: sorted(repr(tuple(row)) for row in conn.execute(select(t))) for t in record.DERIVED
    }


def bench_rebuild(url: str, bases: list[Analysis], total: int, profile: bool) -> dict[str, Any]:
    store = api.open(url)
    start = time.perf_counter()
    for k in range(total):
        a = copy(bases[k % len(bases)], k, k // len(bases))
        with store.write() as conn:
            if save_analysis(conn, a):
                record.update(conn, [a.document.id])
        if (k + 1) % 1000 == 0:
            print(f"  built {k + 1} docs, {time.perf_counter() - start:.0f} s", flush=True)
    build = time.perf_counter() - start
    with store.read() as conn:
        before = snapshot(conn)
    profiler = cProfile.Profile() if profile else None
    start = time.perf_counter()
    with store.write() as conn:
        if profiler:
            profiler.enable()
        placed = record.rebuild(conn)
        if profiler:
            profiler.disable()
    seconds = time.perf_counter() - start
    with store.read() as conn:
        after = snapshot(conn)
    docs, reports, canonical = counts(store)
    store.close()
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    same = [name for name in before if before[name] == after[name]]
    return {
        "docs": docs, "reports": reports, "placed": placed, "canonical": canonical,
        "build": build, "seconds": seconds, "same": len(same) == len(before),
        "differ": [name for name in before if name not in same],
    }  # fmt: skip


def ingest_row(engine: str, r: dict[str, Any], window: int) -> str:
    def ends(key: str) -> tuple[float, float]:
        return statistics.median(r[key][:window]), statistics.median(r[key][-window:])

    (first, last), save, update = ends("per"), ends("save"), ends("update")
    return (
        f"| {engine} | {len(r['per']):,} | {first:.3f} | {last:.3f} | **{last / first:.2f}** | "
        f"{save[0] * 1000:.0f} / {save[1] * 1000:.0f} | "
        f"{update[0] * 1000:.0f} / {update[1] * 1000:.0f} | "
        f"{sum(r['per']):.0f} | {r['reports']:,} | {r['canonical']:,} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--rebuild-docs", type=int, default=10000)
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--pg-url", default=PG_URL)
    parser.add_argument("--profile", action="store_true", help="profile each rebuild")
    parser.add_argument("--no-save", action="store_true", help="do not append to results.md")
    args = parser.parse_args()
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    nlp()  # load the pipeline and gazetteer before any clock starts
    ingest_rows, rebuild_rows = [], []
    window = max(1, min(100, args.docs // 2))
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        paths = write_documents(documents(args.docs, seed=1), tmp / "part1") if args.docs else []
        bases: list[Analysis] = []
        if args.rebuild_docs:
            print(f"analysing {min(BASES, args.rebuild_docs)} documents for part 2", flush=True)
            bases = base_analyses(min(BASES, args.rebuild_docs), 2, tmp / "part2")
        for engine in engines:
            if paths:
                print(f"{engine}: ingesting {len(paths)} documents one at a time", flush=True)
                with database(engine, tmp, "ingest", args.pg_url) as url:
                    r = bench_ingest(url, paths)
                ingest_rows.append(ingest_row(engine, r, window))
                print(ingest_rows[-1], flush=True)
            if bases:
                print(f"{engine}: building {args.rebuild_docs} documents", flush=True)
                with database(engine, tmp, "rebuild", args.pg_url) as url:
                    r = bench_rebuild(url, bases, args.rebuild_docs, args.profile)
                same = "yes" if r["same"] else "**no** (" + ", ".join(r["differ"]) + ")"
                rebuild_rows.append(
                    f"| {engine} | {r['docs']:,} | {r['reports']:,} | {r['canonical']:,} | "
                    f"{r['build']:.0f} | **{r['seconds']:.1f}** | "
                    f"{r['placed'] / r['seconds']:,.0f} | {same} |"
                )
                print(rebuild_rows[-1], flush=True)
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    lines = [f"\n### {stamp} · knowledge · {platform.node()}\n"]
    if ingest_rows:
        lines += [
            f"Ingest one document per `api.ingest` call; medians of the first and last "
            f"{window} documents; `save_analysis` and `record.update` alone in ms, "
            "first / last.\n",
            f"| engine | docs | s/doc first {window} | s/doc last {window} | last / first | "
            "save ms | update ms | total s | reports | canonical events |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            *ingest_rows,
            "",
        ]
    if rebuild_rows:
        lines += [
            f"`record.rebuild` after storing copies of {len(bases)} analysed documents "
            "(build: `save_analysis` + `record.update` per document).\n",
            "| engine | documents | reports | canonical events | build s | rebuild s | "
            "reports/s | record unchanged |",
            "|---|---:|---:|---:|---:|---:|---:|---|",
            *rebuild_rows,
            "",
        ]
    report = "\n".join(lines)
    print(report)
    if args.no_save:
        return
    with RESULTS.open("a", encoding="utf-8") as f:
        f.write(report)


if __name__ == "__main__":
    main()
