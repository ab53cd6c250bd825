"""Open a store: create the engine, apply migrations, set SQLite pragmas.

Migrations are atomic and serialised. Every process that opens a store checks its
revision; the ones that find it behind take a lock and check again, so only one of
several processes opening a new or old store at once migrates it, and the others find
the work done. The lock is a transaction-level advisory lock on PostgreSQL; on SQLite
an ``flock`` on a lock file next to the database (released by the kernel if the
process dies) and ``BEGIN EXCLUSIVE``. All the steps to head run in one transaction
(DDL is transactional on both engines), so a process killed mid-migration leaves the
store as it was and the next open migrates it.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import URL, Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)

from bilat.errors import DatabaseError

try:  # Linux and other POSIX systems; elsewhere BEGIN EXCLUSIVE alone serialises
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

MIGRATIONS = Path(__file__).parent / "migrations"
SUPPORTED = "supported: sqlite:///path/to/file.db, postgresql+psycopg://user@host/dbname"
# Test hook: seconds to pause after each migration step (and a line on stderr saying
# which), so a test can kill a process in the middle of a migration.
PAUSE_ENV = "BILAT_TEST_MIGRATION_PAUSE"
# pg_advisory_xact_lock(class, key): the class is bilat's ("bila"), the key the schema
_PG_LOCK = text(
    "SELECT pg_advisory_xact_lock(1651076193, hashtext(coalesce(current_schema(), '')))"
)
_SQLITE_LEFTOVERS = text(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '\\_alembic\\_tmp\\_%' "
    "ESCAPE '\\'"
)
_SQLITE_HAS_TABLE = text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=10000")
    # Switching a new file to WAL needs an exclusive lock and SQLite may answer "database
    # is locked" at once, without the busy handler, while another process creates the
    # schema: retry within the same ten seconds.
    deadline = time.monotonic() + 10
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _alembic_config(connection: Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def _migration_pause(*, step: Any, **_: Any) -> None:
    """``on_version_apply`` hook for tests (see PAUSE_ENV); the step is not committed yet."""
    print(f"bilat-migration-step {step.up_revision_id}", file=sys.stderr, flush=True)
    time.sleep(float(os.environ[PAUSE_ENV]))


def _revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def _upgrade(conn: Connection, target: str) -> None:
    """Bring ``conn``'s schema to ``target`` inside the transaction ``conn`` holds."""
    cfg = _alembic_config(conn)
    if os.environ.get(PAUSE_ENV):
        cfg.attributes["on_version_apply"] = (_migration_pause,)
    current = _revision(conn)
    if current == target:
        return  # another process did it while this one waited for the lock
    scripts = ScriptDirectory.from_config(cfg)
    if current is not None and scripts.get_revision(current) is None:
        raise DatabaseError(
            f"the database is at schema revision {current}, which this version of bilat "
            f"does not know (newest known: {scripts.get_current_head()}); upgrade bilat"
        )
    command.upgrade(cfg, target)


def _head() -> str:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    return head


def migrate(engine: Engine, target: str | None = None) -> None:
    """Bring the schema to ``target`` (default: the newest revision); a no-op when it is there.

    Safe to call from several processes at once, and atomic: either every step is
    committed or none is.
    """
    target = target or _head()
    with engine.connect() as conn:
        current = _revision(conn)
    if current == target:
        return
    if engine.dialect.name == "sqlite":
        _migrate_sqlite(engine, target)
    else:
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(_PG_LOCK)  # held until this transaction ends
            _upgrade(conn, target)


def _migrate_sqlite(engine: Engine, target: str) -> None:
    """Migrate under a lock file and in one exclusive transaction, DDL included.

    The pysqlite driver commits DDL on its own unless it is told to leave transactions
    alone (``isolation_level = None``) and is given an explicit BEGIN: SQLAlchemy's recipe.
    Foreign keys are off meanwhile, or a table copied by a batch migration would cascade
    its drop to the rows that point at it.
    """
    with _lock_file(engine.url), engine.connect() as conn:
        raw: Any = conn.connection.driver_connection
        saved = raw.isolation_level
        raw.isolation_level = None
        try:
            raw.execute("PRAGMA foreign_keys=OFF")
            conn.exec_driver_sql("BEGIN EXCLUSIVE")
            if _revision(conn) != target:
                _drop_leftovers(conn)
            _upgrade(conn, target)
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        finally:
            try:  # the connection goes back to the pool as the pragmas left it
                raw.execute("PRAGMA foreign_keys=ON")
                raw.isolation_level = saved
            except Exception:  # a broken connection: let the pool drop it
                conn.invalidate()


def _drop_leftovers(conn: Connection) -> None:
    """Drop the ``_alembic_tmp_<table>`` copies an interrupted batch migration left.

    Older versions ran SQLite DDL outside a transaction, so a kill during a batch step
    could leave the copy behind while ``<table>`` itself was untouched, and the next
    upgrade failed with "table _alembic_tmp_<table> already exists".
    """
    for name in list(conn.scalars(_SQLITE_LEFTOVERS)):
        table = name.removeprefix("_alembic_tmp_")
        if conn.execute(_SQLITE_HAS_TABLE, {"name": table}).first() is None:
            raise DatabaseError(
                f"an interrupted migration left table {table!r} only as {name!r}; "
                "restore the database from a backup"
            )
        conn.exec_driver_sql(f'DROP TABLE "{name}"')


def _sqlite_file(url: URL) -> Path | None:
    """The database file of a SQLite URL; None for in-memory and ``file:`` URI databases.

    (A ``file:`` URI database is migrated without the lock file: BEGIN EXCLUSIVE, with
    the busy timeout, still keeps two migrations apart.)
    """
    database = url.database
    if (
        not database
        or database == ":memory:"
        or url.query.get("uri")
        or database.startswith("file:")
    ):
        return None
    return Path(database).resolve()


@contextmanager
def _lock_file(url: URL) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``<database>.lock`` (removed again afterwards).

    When the file cannot be created (a read-only folder) this is a no-op and
    ``BEGIN EXCLUSIVE`` alone keeps migrations apart.
    """
    path = _sqlite_file(url)
    fd = _acquire(path.with_name(path.name + ".lock")) if path and fcntl else None
    try:
        yield
    finally:
        if fd is not None and path:
            with suppress(OSError):  # removed while locked: a waiter retries on a new file
                os.unlink(path.with_name(path.name + ".lock"))
            os.close(fd)


def _acquire(lock: Path) -> int | None:
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return None
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            on_disk = os.stat(lock)
        except FileNotFoundError:
            on_disk = None
        held = os.fstat(fd)
        if on_disk and (on_disk.st_dev, on_disk.st_ino) == (held.st_dev, held.st_ino):
            return fd
        os.close(fd)  # the holder removed the file as it finished: lock the new one


def _shown(url: URL, given: str | None = None) -> str:
    """``url`` for a message: as the user wrote it unless that shows a password."""
    if given is not None and url.password is None:
        return given
    return url.render_as_string(hide_password=True)


def _engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"not a database URL: {url!r} ({SUPPORTED})") from None
    backend = parsed.get_backend_name()
    if backend == "postgres" or parsed.drivername == "postgresql":  # bilat ships psycopg 3
        parsed = parsed.set(drivername="postgresql+psycopg")
        backend = "postgresql"
    if backend not in ("sqlite", "postgresql"):
        raise DatabaseError(
            f"unsupported database URL {_shown(parsed, url)!r}: bilat stores into SQLite or "
            f"PostgreSQL only ({SUPPORTED})"
        )
    try:
        if backend == "sqlite":
            folder_check = _sqlite_file(parsed)
            if folder_check and not folder_check.parent.is_dir():
                raise DatabaseError(f"{url}: folder {folder_check.parent} does not exist")
            engine = create_engine(parsed)
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        return create_engine(parsed, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError) as exc:
        raise DatabaseError(
            f"cannot use database URL {_shown(parsed, url)!r}: driver {parsed.drivername!r} "
            f"is not available ({exc.__class__.__name__}; {SUPPORTED})"
        ) from None


def _read_only(exc: DBAPIError) -> bool:
    """True when ``exc`` says the database refuses writes (file mode, ``mode=ro``, standby)."""
    if getattr(exc.orig, "sqlstate", None) == "25006":  # PostgreSQL read_only_sql_transaction
        return True
    return "readonly database" in str(exc.orig).lower()


def _first_line(exc: DBAPIError) -> str:
    return str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)


@dataclass
class Store:
    """A migrated database; ``read`` and ``write`` hand out connections."""

    engine: Engine
    url: str

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One transaction: committed when the block ends, rolled back if it raises.

        A database that refuses writes raises ``DatabaseError`` saying so, instead of the
        driver's error: no later write would succeed either.
        """
        try:
            with self.engine.begin() as conn:
                yield conn
        except DBAPIError as exc:
            if _read_only(exc):
                raise DatabaseError(
                    f"the database is read-only ({_first_line(exc)}): "
                    f"{_shown(self.engine.url, self.url)} was opened read-only, or its file "
                    "or folder is not writable"
                ) from None
            raise

    def close(self) -> None:
        self.engine.dispose()


def open_store(url: str) -> Store:
    """Open (and create or upgrade) the database at ``url``."""
    engine = _engine(url)
    shown = _shown(engine.url, url)
    try:
        migrate(engine)
    except DatabaseError:
        engine.dispose()
        raise
    except DBAPIError as exc:
        engine.dispose()
        if _read_only(exc):
            raise DatabaseError(
                f"cannot open {shown}: the database is read-only and needs an upgrade "
                f"({_first_line(exc)})"
            ) from None
        if isinstance(exc, OperationalError):
            raise DatabaseError(f"cannot open {shown}: {_first_line(exc)}") from None
        raise DatabaseError(f"cannot prepare {shown}: {_first_line(exc)}") from None
    except (SQLAlchemyError, CommandError) as exc:
        engine.dispose()
        raise DatabaseError(f"cannot prepare {shown}: {exc}") from None
    return Store(engine, url)
