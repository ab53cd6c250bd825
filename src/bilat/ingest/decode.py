"""Bytes to clean text: reject binary data, decode strictly, normalise whitespace."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from bilat.errors import InputError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff]")
_BLANK_RUN = re.compile(r"\n{3,}")
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first 8 KiB mean this is not text."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS[1:]):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > 0.05


def decode(data: bytes, origin: str, encoding: str | None = None) -> str:
    """Decode ``data`` as ``encoding``, or as UTF-8 (with or without BOM) by default."""
    if encoding:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            raise InputError(origin, f"cannot decode as {encoding}: {exc}") from None
    if looks_binary(data):
        raise InputError(origin, "binary data, not text (is this an image or archive?)")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            origin,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "if it is Latin-1 or Windows-1252, ingest it with --encoding cp1252",
        ) from None


def normalise(text: str) -> str:
    """The canonical form whose hash is the document id.

    NFC, Unix newlines, no control or zero-width characters, no trailing spaces,
    at most one blank line in a row, no leading or trailing blank lines.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text.replace("\u00a0", " "))
    lines = [line.rstrip() for line in text.split("\n")]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip()


def document_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
