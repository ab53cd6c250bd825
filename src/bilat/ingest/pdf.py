"""PDF files: the text layer with pypdf, hard-wrapped lines joined into paragraphs."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from bilat.errors import InputError
from bilat.models import SourceText

_HYPHEN_BREAK = re.compile(r"(\w)-\n(\w)")
_SOFT_BREAK = re.compile(r"(?<![.!?:”\"])\n(?=[a-z(])")


def reflow(text: str) -> str:
    """Join lines a PDF wrapped inside a paragraph; keep real paragraph breaks."""
    return _SOFT_BREAK.sub(" ", _HYPHEN_BREAK.sub(r"\1\2", text))


def from_pdf(data: bytes, origin: str) -> SourceText:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(origin, "PDF is encrypted with a password")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise InputError(origin, f"unreadable PDF ({exc})") from None
    text = "\n\n".join(reflow(p) for p in pages)
    if not text.strip():
        raise InputError(origin, "PDF has no text layer (scanned images need OCR first)")
    title = reader.metadata.title if reader.metadata else None
    return SourceText(origin=origin, text=text, title=title or None)
