"""Settings from the environment, overridable by CLI flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

DEFAULT_DATABASE_URL = "sqlite:///bilat.db"
DEFAULT_MAX_BYTES = 20_000_000  # 20 MB, the unit --max-mb and messages use


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw and raw.isdigit() else default


@dataclass(frozen=True)
class Settings:
    """Where the store lives, which spaCy pipeline reads, how large an input may be."""

    database_url: str = field(
        default_factory=lambda: os.environ.get("BILAT_DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    model: str | None = field(default_factory=lambda: os.environ.get("BILAT_MODEL") or None)
    max_bytes: int = field(default_factory=lambda: _env_int("BILAT_MAX_BYTES", DEFAULT_MAX_BYTES))
