"""The store: migrations match the schema, re-ingest is a no-op, a failed write rolls back."""

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.exc import IntegrityError

from bilat import api
from bilat.analyze.read import analyze
from bilat.ingest.document import build_document
from bilat.models import Mention, SourceText
from bilat.store.db import Store
from bilat.store.schema import metadata
from bilat.store.write import save_analysis
from conftest import ARTICLE, fingerprint


def test_migrated_database_matches_the_schema(store: Store) -> None:
    with store.read() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    ignored = {
        "sentences_fts",
        "sentences_fts_data",
        "sentences_fts_idx",
        "sentences_fts_docsize",
        "sentences_fts_config",
        "alembic_version",
    }
    diff = [d for d in diff if not (d[0] == "remove_table" and d[1].name in ignored)]
    diff = [d for d in diff if not (d[0] == "remove_column" and d[3].name == "tsv")]
    diff = [d for d in diff if not (d[0] == "remove_index" and d[1].name == "ix_sentences_tsv")]
    assert diff == []


def test_reopening_is_idempotent(db_url: str) -> None:
    api.open(db_url).close()
    api.open(db_url).close()


def test_reingesting_changes_nothing(store: Store, corpus: Path) -> None:
    first = api.ingest(store, [str(corpus)])
    assert first.stored == 12 and first.failed == 0
    before = fingerprint(store)
    again = api.ingest(store, [str(corpus)])
    assert again.stored == 0 and again.skipped >= 12
    assert {o.detail for o in again.outcomes} == {"already stored"}
    assert fingerprint(store) == before


def test_a_failed_write_leaves_the_store_as_it_was(store: Store, corpus: Path) -> None:
    api.ingest(store, [str(corpus / "ir-01-irigc-preview.txt")])
    before = fingerprint(store)
    analysis = next(analyze([build_document(SourceText("x", ARTICLE))]))
    broken = type(analysis)(
        analysis.document,
        analysis.sentences,
        (*analysis.mentions, Mention("no-such-entity", 0, 5, 0, "name", "x")),
        analysis.entities,
        analysis.tokens,
    )
    with pytest.raises(IntegrityError), store.write() as conn:
        save_analysis(conn, broken)
    assert fingerprint(store) == before


def test_search_ranks_sentences(store: Store, corpus: Path) -> None:
    api.ingest(store, [str(corpus)])
    hits = api.search(store, "S-400 squadrons delivered")
    assert hits and all("S-400" in h.text for h in hits[:2])
    assert hits[0].score >= hits[-1].score
    hostile = api.search(store, 'squadrons" ( * -')  # FTS syntax characters are ignored
    assert hostile and all("squadrons" in h.text for h in hostile)
