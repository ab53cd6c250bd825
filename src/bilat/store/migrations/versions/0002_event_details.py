"""Event venue and list-item topic; direct or reported quotes.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("venue_id", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("topic", sa.Text(), nullable=True))
        batch.create_foreign_key("fk_events_venue", "entities", ["venue_id"], ["id"])
    with op.batch_alter_table("quotes") as batch:
        batch.add_column(
            sa.Column("kind", sa.String(length=10), nullable=False, server_default="direct")
        )
    op.create_index("ix_claims_subject", "claims", ["subject_id"])
    op.create_index("ix_event_participants_entity", "event_participants", ["entity_id"])


def downgrade() -> None:
    op.drop_index("ix_event_participants_entity", table_name="event_participants")
    op.drop_index("ix_claims_subject", table_name="claims")
    with op.batch_alter_table("quotes") as batch:
        batch.drop_column("kind")
    with op.batch_alter_table("events") as batch:
        batch.drop_constraint("fk_events_venue", type_="foreignkey")
        batch.drop_column("topic")
        batch.drop_column("venue_id")
