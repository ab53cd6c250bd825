"""Lexicons and rules as data files; ``load`` reads one, cached."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load(name: str) -> Any:
    """Parse ``bilat/lexicon/<name>.yaml`` once per process."""
    text = resources.files(__name__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)
