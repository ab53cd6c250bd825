"""Stable ids from names."""

from __future__ import annotations

import re
import unicodedata


def slugify(name: str) -> str:
    """ASCII, lowercase, words joined by hyphens: "Sébastien Lecornu" -> "sebastien-lecornu"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "x"
