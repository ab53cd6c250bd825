"""Paths to SourceTexts: files, folders, JSON Lines feeds and standard input.

Each loader yields ``SourceText`` or ``InputError`` so that one bad input never
stops the batch. ``Skipped`` marks files a folder walk passes over on purpose.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from bilat.errors import InputError, describe
from bilat.ingest.decode import clean_field, decode, printable
from bilat.ingest.document import parse_date
from bilat.ingest.html import from_html
from bilat.ingest.pdf import from_pdf
from bilat.ingest.schema import Meta, Record, check
from bilat.models import SourceText

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
PDF_SUFFIXES = {".pdf"}
KNOWN = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | PDF_SUFFIXES
_LINE_BREAK = re.compile(r"\r\n?|\n")
TEXT_FIELDS = ("title", "url", "source", "language", "body_ends_before")


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


def origin_of(path: Path | str) -> str:
    """How a file is named in reports and in the store (undecodable bytes escaped)."""
    return printable(str(path))


def is_dir(path: Path) -> bool:
    """``path.is_dir()``, False where it cannot be told (the file's own read says why)."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return f"cannot read ({exc.strerror or exc})"


def _read(path: Path, max_bytes: int) -> bytes:
    origin = origin_of(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                origin,
                f"too large: {size / 1e6:.1f} MB (limit {max_bytes / 1e6:.1f} MB; "
                "raise it with --max-mb or BILAT_MAX_BYTES)",
            )
        return path.read_bytes()
    except OSError as exc:
        raise InputError(origin, _os_reason(exc)) from None


def _with_meta(src: SourceText, meta: Meta, ov: Overrides) -> SourceText:
    fields: dict[str, object] = {
        k: v for k, v in meta.model_dump(exclude={"text"}).items() if v not in (None, "")
    }
    for key in ("published", "source", "url"):
        if getattr(ov, key):
            fields[key] = getattr(ov, key)
    if "published" in fields:
        fields["published"] = parse_date(fields["published"], src.origin)
    merged = replace(src, **fields)  # type: ignore[arg-type]
    cleaned: dict[str, object] = {k: clean_field(getattr(merged, k)) for k in TEXT_FIELDS}
    return replace(merged, **cleaned)  # type: ignore[arg-type]


def _sidecar(path: Path) -> Meta:
    """The metadata in NAME.json beside NAME.txt, type-checked; nothing if there is none."""
    meta_path = path.with_suffix(".json")
    origin = origin_of(meta_path)
    try:
        if path.suffix == ".json" or not meta_path.is_file():
            return Meta()
        raw = meta_path.read_bytes()
    except OSError as exc:
        raise InputError(origin, f"cannot read metadata file ({_os_reason(exc)})") from None
    try:
        meta = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise InputError(origin, f"metadata file is not valid JSON ({_json_reason(exc)})") from None
    if not isinstance(meta, dict):
        raise InputError(origin, "metadata file must hold a JSON object")
    return check(Meta, meta, origin)


def _json_reason(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at column {exc.colno}"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 at byte {exc.start}"
    return describe(exc)


def _record(line: str, where: str, ov: Overrides) -> SourceText:
    try:
        data = json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise InputError(where, f"not valid JSON ({_json_reason(exc)})") from None
    if not isinstance(data, dict) or "text" not in data:
        raise InputError(where, 'each line must be a JSON object with a "text" string')
    record = check(Record, data, where)
    return _with_meta(SourceText(origin=where, text=record.text), record, ov)


def _jsonl(data: bytes, origin: str, ov: Overrides) -> Iterator[Loaded]:
    """One SourceText or InputError per non-blank line; a bad line costs only itself."""
    text = decode(data, origin, ov.encoding)
    # JSON strings hold no raw CR or LF, but may hold U+2028 or U+0085: split on CR/LF only
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        where = f"{origin}:{number}"
        if not line.strip():
            continue
        try:
            yield _record(line, where, ov)
        except InputError as exc:
            yield exc
        except Exception as exc:
            yield InputError(where, f"cannot read this line ({describe(exc)})")


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
    """The file's SourceTexts; whatever goes wrong becomes an InputError naming it."""
    origin = origin_of(path)
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
    except Exception as exc:
        yield InputError(origin, f"cannot read ({describe(exc)})")


def load_stdin(stream: BinaryIO, max_bytes: int, ov: Overrides) -> Iterator[Loaded]:
    try:
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError("<stdin>", f"too large: over {max_bytes / 1e6:.1f} MB")
        yield _with_meta(_one(data, "<stdin>", "", ov), Meta(), ov)
    except InputError as exc:
        yield exc
    except Exception as exc:
        yield InputError("<stdin>", f"cannot read ({describe(exc)})")


def _walk(folder: Path) -> Iterator[Path | Skipped | InputError]:
    """Article files under ``folder``, sorted; a folder that cannot be listed is an error."""
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        yield from _folder_errors(errors, folder)
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
                yield Skipped(origin_of(path), NOT_ARTICLE)
                continue
            yield path
    yield from _folder_errors(errors, folder)


def _folder_errors(errors: list[OSError], folder: Path) -> Iterator[InputError]:
    while errors:
        exc = errors.pop(0)
        where = origin_of(exc.filename if exc.filename is not None else folder)
        yield InputError(where, f"cannot list folder: {_os_reason(exc)}")


def input_file(origin: str) -> str:
    """The file an input came from: a JSONL line's origin is ``path:line``."""
    path, _, line = origin.rpartition(":")
    return path if line.isdigit() and Path(path).suffix.lower() in JSONL_SUFFIXES else origin


def count_files(paths: list[str]) -> int:
    """How many inputs ``load_paths`` will open (a folder counts its article files)."""
    total = 0
    for raw in paths:
        path = Path(raw)
        if raw != "-" and is_dir(path):
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
        if is_dir(path):
            yield from _folder(path, max_bytes, ov)
            continue
        yield from load_file(path, max_bytes, ov)


def _folder(folder: Path, max_bytes: int, ov: Overrides) -> Iterator[Loaded]:
    try:
        for item in _walk(folder):
            if isinstance(item, Path):
                yield from load_file(item, max_bytes, ov)
            else:
                yield item
    except Exception as exc:  # the walk itself broke: the rest of the folder is lost
        yield InputError(origin_of(folder), f"cannot list folder ({describe(exc)})")
