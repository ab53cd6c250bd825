"""The knowledge layer: canonical events with their reports, entity links, claim aspects.

Revision ID: 0005
Revises: 0004

Derived tables only (``bilat rebuild`` recomputes them from the per-document
extractions); the per-document tables are unchanged except for ``claims.aspect``, the
act a count or amount is about ("delivered", "ordered"), which keys claim comparison.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("aspect", sa.String(length=32), nullable=True))
    op.create_index("ix_claims_key", "claims", ["subject_id", "attribute", "unit", "aspect"])
    op.create_table(
        "entity_links",
        sa.Column("entity_id", sa.String(200), sa.ForeignKey("entities.id"), primary_key=True),
        sa.Column("canonical_id", sa.String(200), sa.ForeignKey("entities.id"), nullable=False),
    )
    op.create_index("ix_entity_links_canonical", "entity_links", ["canonical_id"])
    op.create_table(
        "canonical_events",
        sa.Column("id", sa.String(24), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("family", sa.String(32), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("subtype", sa.String(32), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("anchor_start", sa.Date, nullable=False),
        sa.Column("anchor_end", sa.Date, nullable=False),
        sa.Column("place_id", sa.String(200)),
        sa.Column("forum_id", sa.String(200)),
        sa.Column("session", sa.Integer),
        sa.Column("platform_id", sa.String(200)),
        sa.Column("source_id", sa.String(200)),
        sa.Column("target_id", sa.String(200)),
        sa.Column("quantity", sa.Float),
        sa.Column("report_count", sa.Integer, nullable=False),
        sa.Column("source_count", sa.Integer, nullable=False),
        sa.Column("best_event_id", sa.Integer, nullable=False),
        sa.Column("disputed", sa.String(64)),
        sa.Column("summary", sa.JSON, nullable=False),
    )
    op.create_index("ix_canonical_block", "canonical_events", ["family", "anchor_start"])
    op.create_index("ix_canonical_date", "canonical_events", ["date_start"])
    op.create_table(
        "canonical_reports",
        sa.Column(
            "event_id",
            sa.Integer,
            sa.ForeignKey("events.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("canonical_id", sa.String(24), nullable=False),
        sa.Column("document_id", sa.String(64), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("published", sa.Date),
        sa.Column("seq", sa.Integer, nullable=False),
    )
    op.create_index(
        "ix_canonical_reports_canonical", "canonical_reports", ["canonical_id", "document_id"]
    )
    op.create_table(
        "canonical_actors",
        sa.Column("canonical_id", sa.String(24), primary_key=True),
        sa.Column("entity_id", sa.String(200), primary_key=True),
    )
    op.create_index("ix_canonical_actors_entity", "canonical_actors", ["entity_id"])


def downgrade() -> None:
    op.drop_table("canonical_actors")
    op.drop_table("canonical_reports")
    op.drop_table("canonical_events")
    op.drop_table("entity_links")
    op.drop_index("ix_claims_key", table_name="claims")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("aspect")
