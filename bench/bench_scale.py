"""Cost of one document against its size: `bilat ingest` of documents of 10, 100, 1,000
and 10,000 short paragraphs, and of one 50,000-character sentence.

Each document is ingested by a fresh `bilat` process into a fresh SQLite file; the
figures are that whole process's wall seconds and peak memory (maximum resident set,
from the operating system). The paragraphs are written here, varied by number so that
no two are the same; they tell meetings, contracts, warnings and deliveries between
India and Russia, so every stage of reading (entities, events, merging) has work.
Growth is linear when seconds per paragraph stay flat as the document grows. Figures
are appended to bench/results.md.

    python bench/bench_scale.py [--sizes 10 100 1000 10000] [--sentence 50000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).with_name("results.md")
BILAT = [sys.executable, "-c", "from bilat.cli import app; app()"]
PEOPLE = [
    ("Rajnath Singh", "Andrei Belousov"),
    ("S Jaishankar", "Sergey Lavrov"),
    ("Narendra Modi", "Vladimir Putin"),
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def paragraph(i: int) -> str:
    a, b = PEOPLE[i % 3]
    day = DAYS[i % 5]
    return [
        f"{a} met {b} in New Delhi on {day} for round {i + 1} of talks on the S-400 deliveries.",
        f"India signed a contract with Russia for {i % 9 + 2} more Su-30MKI jets worth "
        f"{i + 10} million dollars, officials said.",
        f"The United States warned India on {day} of sanctions over purchase number {i}, "
        "a spokesperson said.",
        f"Russia delivered squadron number {i} of the S-400 to India in {2020 + i % 6}.",
        f"{b} said Moscow was ready to supply fuel to India for the next {i % 7 + 1} years "
        f"under plan {i}.",
    ][i % 5]


def document(paragraphs: int) -> str:
    return "India and Russia\n\n" + "\n\n".join(paragraph(i) for i in range(paragraphs)) + "\n"


def long_sentence(chars: int) -> str:
    """One sentence of about ``chars`` characters: clauses joined by commas, no full stop."""
    parts, size, i = [], 0, 0
    while size < chars:
        part = (
            f"{PEOPLE[i % 3][0]} discussed item {i} of the S-400 programme with {PEOPLE[i % 3][1]}"
        )
        parts.append(part)
        size += len(part) + 2
        i += 1
    return "India and Russia\n\n" + ", ".join(parts) + ".\n"


def run(text: str, folder: Path, name: str) -> tuple[float, float, str]:
    """Wall seconds, peak MB and the last output line of one `bilat ingest` process."""
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    db = folder / f"{name}.db"
    cmd = [*BILAT, "--db", f"sqlite:///{db}", "ingest", str(path), "--published", "2025-03-31"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    out = proc.stdout.read() if proc.stdout else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    last = out.strip().splitlines()[-1] if out.strip() else f"exit {proc.returncode}"
    return seconds, usage.ru_maxrss / 1024, last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 10000])
    parser.add_argument("--sentence", type=int, default=50000)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in args.sizes:
            text = document(n)
            seconds, mb, last = run(text, folder, f"p{n}")
            rows.append((f"{n:,} paragraphs", len(text), seconds, mb, seconds / n, last))
            print(rows[-1][:5], flush=True)
        if args.sentence:
            text = long_sentence(args.sentence)
            seconds, mb, last = run(text, folder, "sentence")
            rows.append(
                (f"one {args.sentence:,}-character sentence", len(text), seconds, mb, None, last)
            )
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    lines = [
        f"\n### {stamp} · scale · one process per document\n",
        "| document | characters | seconds | peak MB | seconds / paragraph | outcome |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for label, chars, seconds, mb, per, last in rows:
        per_text = f"{per:.4f}" if per is not None else "-"
        lines.append(f"| {label} | {chars:,} | {seconds:.1f} | {mb:.0f} | {per_text} | {last} |")
    report = "\n".join(lines) + "\n"
    print(report)
    with RESULTS.open("a", encoding="utf-8") as f:
        f.write(report)


if __name__ == "__main__":
    main()
