"""The lexicon YAML files hold words, not YAML 1.1 booleans ("no", "on", "off", "yes")."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
import yaml

FILES = sorted(
    p.name for p in resources.files("bilat.lexicon").iterdir() if p.name.endswith(".yaml")
)
FLAGS = {
    "mergeable",
    "distributes",
    "emit",
    "stop_at_reporting",
    "topic_objects",
    "HEAD",
}  # keys whose values are booleans


def _flag(key: Any) -> bool:
    """A boolean flag, or a spaCy token attribute that takes one (IS_TITLE, IS_DIGIT)."""
    return key in FLAGS or (isinstance(key, str) and key.startswith("IS_"))


def _booleans(value: Any, path: str) -> list[str]:
    if isinstance(value, bool):
        return [path]
    if isinstance(value, dict):
        out = [f"{path}: key {k!r}" for k in value if isinstance(k, bool)]
        for k, v in value.items():
            if not _flag(k):
                out += _booleans(v, f"{path}.{k}")
        return out
    if isinstance(value, list):
        return [x for i, v in enumerate(value) for x in _booleans(v, f"{path}[{i}]")]
    return []


@pytest.mark.parametrize("name", FILES)
def test_no_word_is_read_as_a_boolean(name: str) -> None:
    text = resources.files("bilat.lexicon").joinpath(name).read_text(encoding="utf-8")
    assert _booleans(yaml.safe_load(text), name) == []
