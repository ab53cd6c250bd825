"""Fixtures: a fresh store per test on SQLite and, when configured, on PostgreSQL.

PostgreSQL tests run when BILAT_TEST_DATABASE_URL is set (CI sets it); each test gets
its own schema through ``search_path`` and drops it afterwards.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from bilat import api
from bilat.store import schema
from bilat.store.db import Store

PG_URL = os.environ.get("BILAT_TEST_DATABASE_URL")
SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed"
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(
            not PG_URL, reason="PostgreSQL tests need BILAT_TEST_DATABASE_URL"
        ),
    ),
]


def _pg_url(schema_name: str) -> str:
    assert PG_URL
    joiner = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{joiner}options=-csearch_path%3D{schema_name}"


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL for an empty store on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'bilat.db'}"
        return
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)  # type: ignore[arg-type]
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {name}"))
    try:
        yield _pg_url(name)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {name} CASCADE"))
        admin.dispose()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = api.open(db_url)
    yield s
    s.close()


def fingerprint(store: Store) -> str:
    """A hash of every row of every table: equal before and after means untouched."""
    digest = hashlib.sha256()
    with store.read() as conn:
        for table in schema.metadata.sorted_tables:
            rows = conn.execute(select(table)).all()
            for row in sorted(repr(tuple(r)) for r in rows):
                digest.update(row.encode())
    return digest.hexdigest()


@pytest.fixture
def corpus() -> Path:
    return api.sample_corpus()


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


ARTICLE = (
    "Defence Minister Rajnath Singh met Russian Defence Minister Andrei Belousov in New Delhi "
    "on Thursday. The two ministers reviewed deliveries of the S-400 air defence system and "
    "discussed joint production of spare parts for equipment of Russian origin."
)


NOBODY = 65534  # the uid and gid of "nobody"


def run_as_nobody(home: Path, code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -c code args`` run as nobody (``setpriv``), for what file modes cannot
    show to root; the test is skipped unless it runs as root with ``setpriv`` at hand."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv to run as another user")
    return subprocess.run(
        [
            "setpriv",
            f"--reuid={NOBODY}",
            f"--regid={NOBODY}",
            "--clear-groups",
            sys.executable,
            "-c",
            code,
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "HOME": str(home)},
    )
