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
    # libyaml's loader when it is there: the same safe subset, several times faster
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
