"""Issue 9: the store under concurrency and interruption, and its errors.

Schema creation and upgrades are atomic and serialised (several processes opening a new
store at once all succeed; a process killed mid-migration leaves a store the next open
finishes); concurrent ingests of the same documents report them as already stored, never
failed; lexicon roles are stored once; a wrong URL scheme and a read-only database say so.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import IntegrityError
from typer.testing import CliRunner

from bilat import api
from bilat.analyze.read import analyze
from bilat.cli import app
from bilat.errors import DatabaseError
from bilat.ingest.document import build_document
from bilat.models import SourceText
from bilat.store import schema as s
from bilat.store.db import PAUSE_ENV, Store, _engine, _head, migrate
from bilat.store.write import insert_ignore, save_analysis
from conftest import ARTICLE, NOBODY, run_as_nobody, write

FORK = multiprocessing.get_context("fork")
HEAD = _head()
LEXICON_KEY = "person_id, title, coalesce(of_id, ''), coalesce(since, '0001-01-01')"  # as in 0004


def _revision(url: str) -> str | None:
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


@pytest.fixture
def engine_at(db_url: str) -> Iterator[Any]:
    """A function giving an engine on ``db_url`` migrated to a given (old) revision."""
    engines: list[Engine] = []

    def at(revision: str) -> Engine:
        engine = _engine(db_url)
        engines.append(engine)
        migrate(engine, revision)
        return engine

    yield at
    for engine in engines:
        engine.dispose()


def _count(store: Store, sql: str) -> int:
    with store.read() as conn:
        return int(conn.execute(text(sql)).scalar_one())


# --- concurrent first opens -------------------------------------------------------------


def _open_when_released(url: str, barrier: Any, results: Any) -> None:
    try:
        barrier.wait(10)
        api.open(url).close()
        results.put("ok")
    except BaseException as exc:
        results.put(f"{exc.__class__.__name__}: {exc}")


def _all_at_once(target: Any, args: list[tuple[Any, ...]]) -> list[Any]:
    """Run ``target(*arg, barrier, results)`` in one process per ``arg``, released together."""
    barrier = FORK.Barrier(len(args))
    results = FORK.Queue()
    procs = [FORK.Process(target=target, args=(*a, barrier, results)) for a in args]
    for p in procs:
        p.start()
    out = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(30)
        assert p.exitcode == 0
    return out


def test_simultaneous_first_opens_all_succeed(db_url: str, tmp_path: Path) -> None:
    urls = [db_url]
    if db_url.startswith("sqlite"):  # the race is cheap to retry on fresh files
        urls += [f"sqlite:///{tmp_path / f'again-{i}.db'}" for i in range(2)]
    for url in urls:
        assert _all_at_once(_open_when_released, [(url,)] * 4) == ["ok"] * 4
        assert _revision(url) == HEAD
        store = api.open(url)
        try:
            assert _count(store, "SELECT count(*) FROM documents") == 0
        finally:
            store.close()
    if db_url.startswith("sqlite"):
        assert not list(tmp_path.glob("*.lock"))  # the lock file is removed after use


# --- kill -9 during a migration ---------------------------------------------------------

CHILD = "import sys\nfrom bilat import api\napi.open(sys.argv[1])\nprint('finished')\n"


def _kill_during(url: str, revision: str) -> None:
    """Open ``url`` in a process and SIGKILL it once ``revision`` is applied, uncommitted."""
    env = {**os.environ, PAUSE_ENV: "60"}
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, url], env=env, stderr=subprocess.PIPE, text=True
    )
    seen: list[str] = []
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            seen.append(line)
            if line.strip() == f"bilat-migration-step {revision}":
                break
        else:
            pytest.fail(f"the child ended before step {revision}: {''.join(seen)}")
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL


def _ingest_article(store: Store, tmp_path: Path) -> None:
    report = api.ingest(store, [str(write(tmp_path / "article.txt", ARTICLE))])
    assert (report.stored, report.failed) == (1, 0)


def test_killed_while_creating_the_schema(db_url: str, tmp_path: Path) -> None:
    _kill_during(db_url, "0001")  # the tables made, not committed
    assert _revision(db_url) is None  # nothing of it was kept
    store = api.open(db_url)
    try:
        _ingest_article(store, tmp_path)
    finally:
        store.close()
    assert _revision(db_url) == HEAD


def test_killed_while_upgrading(db_url: str, engine_at: Any, tmp_path: Path) -> None:
    with engine_at("0001").begin() as conn:
        conn.execute(
            text(
                "INSERT INTO documents (id, language, origin, text, tokens, ingested_at) "
                "VALUES ('old', 'en', 'old.txt', 'Old text.', 2, '2024-01-01')"
            )
        )
    _kill_during(db_url, "0002")
    assert _revision(db_url) == "0001"
    store = api.open(db_url)
    try:
        assert _revision(db_url) == HEAD
        assert _count(store, "SELECT count(*) FROM documents WHERE id = 'old'") == 1
        _ingest_article(store, tmp_path)
    finally:
        store.close()


def test_a_leftover_batch_table_does_not_block_the_upgrade(
    db_url: str, engine_at: Any, tmp_path: Path
) -> None:
    """What a kill during an older bilat's SQLite upgrade left: ``_alembic_tmp_events``."""
    if not db_url.startswith("sqlite"):
        pytest.skip("batch copies of tables are a SQLite thing")
    with engine_at("0001").begin() as conn:
        conn.execute(text("CREATE TABLE _alembic_tmp_events (id INTEGER PRIMARY KEY)"))
    store = api.open(db_url)
    try:
        assert (
            _count(store, "SELECT count(*) FROM sqlite_master WHERE name LIKE '%alembic_tmp%'") == 0
        )
        _ingest_article(store, tmp_path)
    finally:
        store.close()


def test_an_upgrade_keeps_the_rows_that_point_at_a_copied_table(
    db_url: str, engine_at: Any
) -> None:
    """SQLite batch upgrades copy ``events``; with foreign keys on, the drop cascaded."""
    with engine_at("0001").begin() as conn:
        for sql in (
            "INSERT INTO documents (id, language, origin, text, tokens, ingested_at) "
            "VALUES ('d', 'en', 'd.txt', 'Text.', 1, '2024-01-01')",
            "INSERT INTO entities VALUES ('e', 'person', 'E', '{}', 'lexicon')",
            "INSERT INTO events (id, document_id, type, subtype, status, confidence, "
            "start_char, end_char) VALUES (1, 'd', 'MEET', 'meet', 'asserted', 1, 0, 1)",
            "INSERT INTO event_participants VALUES (1, 'e', 'actor')",
            "INSERT INTO event_evidence (event_id, document_id, start_char, end_char) "
            "VALUES (1, 'd', 0, 1)",
        ):
            conn.execute(text(sql))
    store = api.open(db_url)
    try:
        for table in ("events", "event_participants", "event_evidence"):
            assert _count(store, f"SELECT count(*) FROM {table}") == 1, table
    finally:
        store.close()


# --- concurrent ingest ------------------------------------------------------------------


def _ingest_when_released(url: str, paths: list[str], barrier: Any, results: Any) -> None:
    try:
        store = api.open(url)
        barrier.wait(30)
        report = api.ingest(store, paths)
        store.close()
        results.put([(o.status, o.detail, o.document_id) for o in report.outcomes])
    except BaseException as exc:
        results.put(f"{exc.__class__.__name__}: {exc}")


def test_concurrent_ingests_of_the_same_files(db_url: str, corpus: Path) -> None:
    paths = [str(corpus / f) for f in ("ir-03-putin-arrives.txt", "ir-04-summit-held.txt")]
    outcomes = _all_at_once(_ingest_when_released, [(db_url, paths)] * 2)
    assert all(isinstance(o, list) for o in outcomes), outcomes
    flat = [o for report in outcomes for o in report]
    assert [o for o in flat if o[0] == "failed"] == []
    stored = [o[2] for o in flat if o[0] == "stored"]
    assert sorted(stored) == sorted(set(stored)) and len(stored) == 2
    assert {o[1] for o in flat if o[0] == "skipped"} <= {"already stored"}
    store = api.open(db_url)
    try:
        assert _count(store, "SELECT count(*) FROM documents") == 2
        assert _duplicate_lexicon_roles(store) == 0
    finally:
        store.close()


def _duplicate_lexicon_roles(store: Store) -> int:
    return _count(
        store,
        "SELECT count(*) FROM (SELECT count(*) AS n FROM roles WHERE origin = 'lexicon' "
        f"GROUP BY {LEXICON_KEY}) AS g WHERE n > 1",
    )


def _analysis(body: str) -> Any:
    return next(analyze([build_document(SourceText(f"{hash(body)}.txt", body))]))


def _save_while_open(store: Store, first: Any, second: Any) -> bool | str:
    """Save ``second`` in another thread while ``first``'s transaction is still open."""
    result: dict[str, Any] = {}

    def other() -> None:
        try:
            with store.write() as conn:
                result["saved"] = save_analysis(conn, second)
        except Exception as exc:
            result["saved"] = f"{exc.__class__.__name__}: {exc}"

    with store.write() as conn:
        assert save_analysis(conn, first)
        thread = threading.Thread(target=other)
        thread.start()
        time.sleep(0.5)  # the other transaction runs until it waits for this one
    thread.join(30)
    assert not thread.is_alive()
    return result["saved"]


def test_a_document_stored_meanwhile_is_already_stored(store: Store) -> None:
    analysis = _analysis(ARTICLE)
    assert _save_while_open(store, analysis, analysis) is False
    assert _count(store, "SELECT count(*) FROM documents") == 1


PUTIN = "President Vladimir Putin arrived in New Delhi on Thursday for talks with {}."


def test_a_person_added_meanwhile_keeps_one_set_of_lexicon_roles(store: Store) -> None:
    first, second = _analysis(PUTIN.format("Modi")), _analysis(PUTIN.format("officials"))
    assert first.entities["vladimir-putin"].roles and "vladimir-putin" in second.entities
    assert _save_while_open(store, first, second) is True
    lexicon = "SELECT count(*) FROM roles WHERE origin = 'lexicon' AND person_id = '{}'"
    for person in ("vladimir-putin", "narendra-modi"):
        assert _count(store, lexicon.format(person)) == len(first.entities[person].roles)
    assert _duplicate_lexicon_roles(store) == 0


def test_the_upgrade_removes_duplicate_lexicon_roles(db_url: str, engine_at: Any) -> None:
    role = (
        "INSERT INTO roles (person_id, title, of_id, since, document_id, origin) "
        "VALUES ('p', :title, :of, :since, :doc, :origin)"
    )
    with engine_at("0003").begin() as conn:
        conn.execute(
            text(
                "INSERT INTO documents (id, language, origin, text, tokens, ingested_at) "
                "VALUES ('d', 'en', 'd.txt', 'Text.', 1, '2024-01-01')"
            )
        )
        conn.execute(text("INSERT INTO entities VALUES ('p', 'person', 'P', '{}', 'lexicon')"))
        rows = [
            ("President", "russia", "2012-05-07", None, "lexicon"),
            ("President", "russia", "2012-05-07", None, "lexicon"),
            ("President", "russia", "2000-05-07", None, "lexicon"),  # an earlier term
            ("Chairman", None, None, None, "lexicon"),
            ("Chairman", None, None, None, "lexicon"),
            ("President", "russia", None, "d", "text"),
            ("President", "russia", None, "d", "text"),
        ]
        for title, of, since, doc, origin in rows:
            conn.execute(
                text(role),
                {"title": title, "of": of, "since": since, "doc": doc, "origin": origin},
            )
    store = api.open(db_url)
    try:
        assert _count(store, "SELECT count(*) FROM roles WHERE origin = 'lexicon'") == 3
        assert _count(store, "SELECT count(*) FROM roles WHERE origin = 'text'") == 2
        with pytest.raises(IntegrityError), store.write() as conn:  # now forbidden
            conn.execute(
                s.roles.insert(), {"person_id": "p", "title": "Chairman", "origin": "lexicon"}
            )
        with store.write() as conn:  # and ignored by the insert bilat uses
            insert_ignore(
                conn, s.roles, [{"person_id": "p", "title": "Chairman", "origin": "lexicon"}]
            )
        with store.read() as conn:
            assert conn.execute(select(func.count()).select_from(s.roles)).scalar_one() == 5
    finally:
        store.close()


# --- errors -----------------------------------------------------------------------------

runner = CliRunner()


@pytest.mark.parametrize("url", ["mysql://user:secret@db.example/news", "foo://bar"])
def test_an_unsupported_url_scheme_is_one_clear_line(url: str) -> None:
    with pytest.raises(DatabaseError) as caught:
        api.open(url)
    message = str(caught.value)
    assert "\n" not in message and "unsupported database URL" in message
    assert url.split(":")[0] in message and "sqlite" in message and "postgresql" in message
    assert "secret" not in message
    result = runner.invoke(app, ["--db", url, "entities"])
    assert result.exit_code == 2
    assert "unsupported database URL" in result.output and "Traceback" not in result.output


def _refused(store: Store, article: str) -> None:
    """Ingest into a read-only ``store``: the error says why (raised or in the report)."""
    try:
        report = api.ingest(store, [article])
    except DatabaseError as exc:
        assert "read-only" in str(exc)
    else:
        assert report.failed == 1 and "read-only" in report.outcomes[0].detail


def _cli_refused(url: str, article: str) -> None:
    result = runner.invoke(app, ["--db", url, "ingest", article])
    assert result.exit_code != 0
    output = " ".join(result.output.split())
    assert "database is read-only" in output and "Traceback" not in output


def _read_only_url(db_url: str, tmp_path: Path) -> str:
    if db_url.startswith("sqlite"):
        return f"sqlite:///file:{tmp_path / 'bilat.db'}?mode=ro&uri=true"
    return db_url + "%20-cdefault_transaction_read_only%3Don"  # conftest's options=…


def test_a_read_only_database_says_so(db_url: str, tmp_path: Path) -> None:
    api.open(db_url).close()
    article = str(write(tmp_path / "article.txt", ARTICLE))
    url = _read_only_url(db_url, tmp_path)
    store = api.open(url)  # reading works
    try:
        assert api.entities(store) == []
        _refused(store, article)
    finally:
        store.close()
    _cli_refused(url, article)


def test_a_read_only_database_that_needs_an_upgrade_says_so(
    db_url: str, engine_at: Any, tmp_path: Path
) -> None:
    engine_at("0003")
    with pytest.raises(DatabaseError, match="read-only") as caught:
        api.open(_read_only_url(db_url, tmp_path))
    assert "\n" not in str(caught.value)
    assert _revision(db_url) == "0003"


NOT_ROOT = """
import os, sys
from typer.testing import CliRunner
from bilat import api
from bilat.cli import app
folder = sys.argv[1]
db, article = os.path.join(folder, "bilat.db"), os.path.join(folder, "article.txt")
api.open(f"sqlite:///{db}").close()
with open(article, "w") as f:
    f.write(sys.argv[2])
os.chmod(db, 0o444)
assert not os.access(db, os.W_OK)
result = CliRunner().invoke(app, ["--db", f"sqlite:///{db}", "ingest", article])
print(result.exit_code, " ".join(result.output.split()))
"""


def test_a_database_file_without_write_permission_says_so(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        path = tmp_path / "bilat.db"
        api.open(f"sqlite:///{path}").close()
        article = str(write(tmp_path / "article.txt", ARTICLE))
        path.chmod(0o444)
        try:
            _cli_refused(f"sqlite:///{path}", article)
        finally:
            path.chmod(0o644)
        return
    # root writes whatever the file mode says: run the check as nobody
    folder = Path(tempfile.mkdtemp(prefix="bilat-ro-"))
    try:
        os.chown(folder, NOBODY, NOBODY)
        done = run_as_nobody(folder, NOT_ROOT, str(folder), ARTICLE)
        if done.returncode and "Permission denied" in done.stderr:
            pytest.skip(f"nobody cannot run this Python: {done.stderr.strip()[-200:]}")
        assert done.returncode == 0, done.stderr
        code, output = done.stdout.strip().split(" ", 1)
        assert code != "0" and "database is read-only" in output, output
        assert "Traceback" not in output
    finally:
        shutil.rmtree(folder, ignore_errors=True)
