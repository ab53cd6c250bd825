"""Bytes to clean text: reject binary data, decode strictly, normalise whitespace."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata

from bilat.errors import InputError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff]")
_BLANK_RUN = re.compile(r"\n{3,}")
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f]")


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first 8 KiB mean this is not text."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS[1:]):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > 0.05


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``data`` looks like UTF-16 text without a BOM:
    English text puts a NUL in every other byte, and never in the others."""
    head = data[:8192]
    if len(head) < 4 or len(data) % 2:
        return None
    pairs = len(head) // 2
    even = head[0::2].count(0) / pairs
    odd = head[1::2].count(0) / pairs
    codec = "utf-16-le" if odd > 0.3 and even < 0.02 else None
    if even > 0.3 and odd < 0.02:
        codec = "utf-16-be"
    if codec is None:
        return None
    sample = head.decode(codec, errors="replace")
    odd_chars = sum(1 for c in sample if (c < " " and c not in "\t\n\f\r") or c == "\ufffd")
    return codec if odd_chars / len(sample) <= 0.05 else None


def decode(data: bytes, origin: str, encoding: str | None = None) -> str:
    """Decode ``data`` as ``encoding``, or as UTF-8 (with or without BOM) by default;
    UTF-16 with or without a BOM is recognised."""
    if encoding:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            raise InputError(origin, f"cannot decode as {encoding}: {exc}") from None
    codec = next((c for bom, c in _BOMS if data.startswith(bom)), None)
    codec = codec or utf16_without_bom(data)
    if codec in (None, "utf-8-sig") and looks_binary(data):
        raise InputError(origin, "binary data, not text (is this an image or archive?)")
    if codec:
        try:
            return data.decode(codec, errors="strict")
        except UnicodeDecodeError as exc:
            name = codec.upper().removesuffix("-SIG")
            raise InputError(
                origin, f"not valid {name} ({exc.reason} at offset {exc.start})"
            ) from None
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


def _escape_surrogates(text: str) -> str:
    """``text`` with lone surrogates as backslash escapes: an undecodable byte of a file
    name (``surrogateescape``) as ``\\xff``, any other as ``\\ud800``."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def printable(text: str) -> str:
    """``text`` (a file name) safe to store and to print on one line: lone surrogates and
    control characters become backslash escapes."""
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", _escape_surrogates(text))


def clean_field(value: str | None) -> str | None:
    """A metadata string (title, source, ...): NFC, no control characters, lone surrogates
    escaped, trimmed; ``None`` when nothing is left."""
    if value is None:
        return None
    text = unicodedata.normalize("NFC", _escape_surrogates(value))
    return _CONTROL.sub("", text).strip() or None


def document_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
