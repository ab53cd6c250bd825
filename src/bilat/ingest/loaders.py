"""Paths to SourceTexts: files, folders, JSON Lines feeds and standard input.

Each loader yields ``SourceText`` or ``InputError`` so that one bad input never
stops the batch. ``Skipped`` marks files a folder walk passes over on purpose.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from bilat.errors import InputError
from bilat.ingest.decode import decode
from bilat.ingest.document import parse_date
from bilat.ingest.html import from_html
from bilat.ingest.pdf import from_pdf
from bilat.models import SourceText

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
PDF_SUFFIXES = {".pdf"}
KNOWN = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | PDF_SUFFIXES
META_FIELDS = ("title", "url", "source", "published", "language", "body_ends_before")


@dataclass(frozen=True)
class Skipped:
    origin: str
    reason: str


@dataclass(frozen=True)
class Overrides:
    """Metadata given on the command line; it wins over what the files say."""

    published: str | None = None
    source: str | None = None
    url: str | None = None
    encoding: str | None = None


Loaded = SourceText | InputError | Skipped
NOT_ARTICLE = "not an article format (.txt, .md, .html, .jsonl, .pdf)"


def _read(path: Path, max_bytes: int) -> bytes:
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                origin,
                f"too large: {size / 1e6:.1f} MB (limit {max_bytes / 1e6:.1f} MB; "
                "raise it with --max-mb or BILAT_MAX_BYTES)",
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(origin, "no such file or directory") from None
    except PermissionError:
        raise InputError(origin, "permission denied") from None
    except IsADirectoryError:
        raise InputError(origin, "is a directory") from None
    except OSError as exc:
        raise InputError(origin, f"cannot read ({exc.strerror or exc})") from None


def _with_meta(src: SourceText, meta: dict[str, object], ov: Overrides) -> SourceText:
    fields = {k: meta[k] for k in META_FIELDS if meta.get(k) not in (None, "")}
    for key in ("published", "source", "url"):
        if getattr(ov, key):
            fields[key] = getattr(ov, key)
    if "published" in fields:
        fields["published"] = parse_date(fields["published"], src.origin)
    clean = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
    return replace(src, **clean)  # type: ignore[arg-type]


def _sidecar(path: Path) -> dict[str, object]:
    meta_path = path.with_suffix(".json")
    if path.suffix == ".json" or not meta_path.is_file():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(meta_path), f"metadata file is not valid JSON ({exc})") from None
    if not isinstance(meta, dict):
        raise InputError(str(meta_path), "metadata file must hold a JSON object")
    return meta


def _jsonl(data: bytes, origin: str, ov: Overrides) -> Iterator[Loaded]:
    text = decode(data, origin, ov.encoding)
    for number, line in enumerate(text.splitlines(), start=1):
        where = f"{origin}:{number}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield InputError(where, 'each line must be a JSON object with a "text" string')
            continue
        try:
            yield _with_meta(SourceText(origin=where, text=record["text"]), record, ov)
        except InputError as exc:
            yield exc


def _one(data: bytes, origin: str, suffix: str, ov: Overrides) -> SourceText:
    if suffix in PDF_SUFFIXES or data.startswith(b"%PDF-"):
        return from_pdf(data, origin)
    text = decode(data, origin, ov.encoding)
    if suffix in HTML_SUFFIXES or text.lstrip()[:15].lower().startswith(
        ("<!doctype html", "<html")
    ):
        return from_html(text, origin)
    return SourceText(origin=origin, text=text)


def load_file(path: Path, max_bytes: int, ov: Overrides) -> Iterator[Loaded]:
    origin = str(path)
    try:
        data = _read(path, max_bytes)
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from _jsonl(data, origin, ov)
            return
        if suffix == ".json":
            raise InputError(origin, "a .json file must sit beside NAME.txt; feeds are .jsonl")
        yield _with_meta(_one(data, origin, suffix, ov), _sidecar(path), ov)
    except InputError as exc:
        yield exc


def load_stdin(stream: BinaryIO, max_bytes: int, ov: Overrides) -> Iterator[Loaded]:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield InputError("<stdin>", f"too large: over {max_bytes / 1e6:.1f} MB")
        return
    try:
        yield _with_meta(_one(data, "<stdin>", "", ov), {}, ov)
    except InputError as exc:
        yield exc


def _walk(folder: Path) -> Iterator[Path | Skipped]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        names = set(files)
        for name in sorted(files):
            path = Path(root) / name
            suffix = path.suffix.lower()
            if name.startswith("."):
                continue
            if suffix == ".json" and any(Path(name).stem + s in names for s in KNOWN if s):
                continue
            if suffix not in KNOWN:
                yield Skipped(str(path), NOT_ARTICLE)
                continue
            yield path


def input_file(origin: str) -> str:
    """The file an input came from: a JSONL line's origin is ``path:line``."""
    path, _, line = origin.rpartition(":")
    return path if line.isdigit() and Path(path).suffix.lower() in JSONL_SUFFIXES else origin


def count_files(paths: list[str]) -> int:
    """How many inputs ``load_paths`` will open (a folder counts its article files)."""
    total = 0
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            total += sum(1 for item in _walk(path) if not isinstance(item, Skipped))
        else:
            total += 1
    return total


def load_paths(
    paths: list[str], max_bytes: int, ov: Overrides, stdin: BinaryIO | None = None
) -> Iterator[Loaded]:
    """Everything under ``paths``, in order; ``-`` reads standard input."""
    for raw in paths:
        if raw == "-":
            if stdin is None:
                yield InputError("<stdin>", "no standard input available")
            else:
                yield from load_stdin(stdin, max_bytes, ov)
            continue
        path = Path(raw)
        if path.is_dir():
            for item in _walk(path):
                if isinstance(item, Skipped):
                    yield item
                else:
                    yield from load_file(item, max_bytes, ov)
            continue
        yield from load_file(path, max_bytes, ov)
