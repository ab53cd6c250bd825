"""The whole data model of DESIGN §2 as SQLAlchemy Core tables.

Spans are ``start_char``/``end_char`` offsets into ``documents.text``. Full-text
search is engine-specific and lives in the migration: an FTS5 table on SQLite, a
generated ``tsvector`` column with a GIN index on PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    literal_column,
)

metadata = MetaData()


def _doc_fk() -> ForeignKey:
    return ForeignKey("documents.id", ondelete="CASCADE")


def _entity_fk() -> ForeignKey:
    return ForeignKey("entities.id")


documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("url", Text),
    Column("title", Text),
    Column("source", Text),
    Column("published", Date),
    Column("language", String(8), nullable=False),
    Column("origin", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("tokens", Integer, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

sentences = Table(
    "sentences",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(64), _doc_fk(), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("block", Integer, nullable=False),
    Column("section", String(16), nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text, nullable=False),
    UniqueConstraint("document_id", "idx", name="uq_sentences_document_idx"),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("type", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("attrs", JSON, nullable=False),
    Column("origin", String(8), nullable=False),
    Index("ix_entities_type", "type"),
)

aliases = Table(
    "aliases",
    metadata,
    Column("entity_id", String(200), _entity_fk(), primary_key=True),
    Column("alias", String(300), primary_key=True),
    Index("ix_aliases_alias", "alias"),
)

roles = Table(
    "roles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("person_id", String(200), _entity_fk(), nullable=False),
    Column("title", Text, nullable=False),
    Column("of_id", String(200)),  # an entity id; may name one no document mentions yet
    Column("since", Date),
    Column("until", Date),
    Column("document_id", String(64), _doc_fk()),
    Column("start_char", Integer),
    Column("end_char", Integer),
    Column("origin", String(8), nullable=False),
    Index("ix_roles_person", "person_id"),
)
_LEXICON = literal_column("origin") == literal_column("'lexicon'")
# one row per lexicon role (concurrent ingests of a new person would each add them);
# coalesce, because NULLs never collide in a unique index
Index(
    "uq_roles_lexicon",
    roles.c.person_id,
    roles.c.title,
    func.coalesce(roles.c.of_id, literal_column("''")),
    func.coalesce(roles.c.since, literal_column("'0001-01-01'")),
    unique=True,
    sqlite_where=_LEXICON,
    postgresql_where=_LEXICON,
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", String(200), _entity_fk(), nullable=False),
    Column("document_id", String(64), _doc_fk(), nullable=False),
    Column("sentence_idx", Integer, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(10), nullable=False),
    Index("ix_mentions_entity", "entity_id"),
    Index("ix_mentions_document", "document_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(64), _doc_fk(), nullable=False),
    Column("type", String(16), nullable=False),
    Column("subtype", String(32), nullable=False),
    Column("status", String(10), nullable=False),
    Column("attribution", Text),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_text", Text),
    Column("place_id", String(200), _entity_fk()),
    Column("venue_id", String(200), ForeignKey("entities.id", name="fk_events_venue")),
    Column("forum_id", String(200), _entity_fk()),
    Column("session", Integer),
    Column("platform_id", String(200), _entity_fk()),
    Column("quantity", Float),
    Column("quantity_text", Text),
    Column("money_amount", Float),
    Column("money_currency", String(8)),
    Column("confidence", Float, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("topic", Text),
    Column("source_id", String(200), ForeignKey("entities.id", name="fk_events_source")),
    Column("target_id", String(200), ForeignKey("entities.id", name="fk_events_target")),
    Index("ix_events_document", "document_id"),
    Index("ix_events_type", "type", "subtype"),
    Index("ix_events_confidence", "confidence"),
)

event_participants = Table(
    "event_participants",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", String(200), _entity_fk(), primary_key=True),
    Column("role", String(16), primary_key=True),
    Index("ix_event_participants_entity", "entity_id"),
)

event_evidence = Table(
    "event_evidence",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("document_id", String(64), _doc_fk(), nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Index("ix_event_evidence_event", "event_id"),
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(64), _doc_fk(), nullable=False),
    Column("subject_id", String(200), _entity_fk()),
    Column("subject_text", Text, nullable=False),
    Column("attribute", String(64), nullable=False),
    Column("value_num", Float),
    Column("value_text", Text),
    Column("qualifier", String(16)),
    Column("unit", String(32)),
    Column("as_of", Date),
    Column("status", String(10), nullable=False),
    Column("attribution", Text),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("aspect", String(32)),
    Index("ix_claims_document", "document_id"),
    Index("ix_claims_subject", "subject_id"),
    Index("ix_claims_key", "subject_id", "attribute", "unit", "aspect"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(64), _doc_fk(), nullable=False),
    Column("speaker_id", String(200), _entity_fk()),
    Column("speaker_text", Text),
    Column("text", Text, nullable=False),
    Column("verb", String(32)),
    Column("kind", String(10), nullable=False, server_default="direct"),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Index("ix_quotes_document", "document_id"),
)

# The knowledge layer (DESIGN §2, "Canonical event"): derived from the tables above,
# updated on ingest and recomputed by ``bilat rebuild``.

entity_links = Table(
    "entity_links",
    metadata,
    Column("entity_id", String(200), _entity_fk(), primary_key=True),
    Column("canonical_id", String(200), _entity_fk(), nullable=False),
    Index("ix_entity_links_canonical", "canonical_id"),
)

canonical_events = Table(
    "canonical_events",
    metadata,
    Column("id", String(24), primary_key=True),
    Column("seq", Integer, nullable=False),  # creation order: the earliest report's
    Column("family", String(32), nullable=False),  # kin group of the subtype: the block
    Column("type", String(16), nullable=False),
    Column("subtype", String(32), nullable=False),
    Column("status", String(10), nullable=False),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("anchor_start", Date, nullable=False),  # time window the reports span
    Column("anchor_end", Date, nullable=False),
    Column("place_id", String(200)),
    Column("forum_id", String(200)),
    Column("session", Integer),
    Column("platform_id", String(200)),
    Column("source_id", String(200)),
    Column("target_id", String(200)),
    Column("quantity", Float),
    Column("report_count", Integer, nullable=False),
    Column("source_count", Integer, nullable=False),
    Column("best_event_id", Integer, nullable=False),
    Column("disputed", String(64)),  # fields the reports disagree on, comma-separated
    Column("summary", JSON, nullable=False),
    Index("ix_canonical_block", "family", "anchor_start"),
    Index("ix_canonical_date", "date_start"),
)

canonical_reports = Table(
    "canonical_reports",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("canonical_id", String(24), nullable=False),
    Column("document_id", String(64), nullable=False),
    Column("status", String(10), nullable=False),
    Column("published", Date),
    Column("seq", Integer, nullable=False),
    Index("ix_canonical_reports_canonical", "canonical_id", "document_id"),
)

canonical_actors = Table(
    "canonical_actors",
    metadata,
    Column("canonical_id", String(24), primary_key=True),
    Column("entity_id", String(200), primary_key=True),
    Index("ix_canonical_actors_entity", "entity_id"),
)
