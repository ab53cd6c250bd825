"""SourceText to Document: normalise, check, split into sections, hash."""

from __future__ import annotations

import datetime as dt

from bilat.errors import InputError
from bilat.ingest.decode import document_id, normalise
from bilat.ingest.language import detect, language_name
from bilat.ingest.sections import split_blocks
from bilat.models import Document, SourceText

MIN_WORDS = 5
# The most characters one document may have after normalisation: spaCy's own default
# ``max_length``. A longer text is not one article; it fails alone and asks to be split.
MAX_CHARS = 1_000_000


def parse_date(value: object, origin: str) -> dt.date | None:
    """A publication date from an ISO string, a date, or nothing."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise InputError(origin, f"published date {value!r} is not YYYY-MM-DD") from None


def _check_size(text: str, origin: str) -> None:
    if len(text) > MAX_CHARS:
        raise InputError(
            origin,
            f"too long: {len(text):,} characters (limit {MAX_CHARS:,} per document; "
            "split it into separate articles)",
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = ord(text[exc.start])
        raise InputError(
            origin, f"text holds a lone surrogate \\u{bad:04x} at character {exc.start}"
        ) from None


def build_document(src: SourceText) -> Document:
    """Raise InputError for empty, over-long or non-English text; otherwise a Document."""
    text = normalise(src.text)
    if not text:
        raise InputError(src.origin, "empty: no text to read")
    _check_size(text, src.origin)
    if len(text.split()) < MIN_WORDS:
        raise InputError(src.origin, f"too short: fewer than {MIN_WORDS} words")
    language = (src.language or detect(text)).lower()[:2]
    if language != "en":
        raise InputError(
            src.origin,
            f"written in {language_name(language)} ({language}); bilat reads English only",
        )
    title = src.title.strip() if src.title else None
    blocks = split_blocks(text, title, src.body_ends_before)
    if title is None:
        title = next((text[b.start : b.end] for b in blocks if b.section == "headline"), None)
    return Document(
        id=document_id(text),
        text=text,
        origin=src.origin,
        blocks=blocks,
        title=title,
        url=src.url,
        source=src.source,
        published=src.published,
        language=language,
    )
