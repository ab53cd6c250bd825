"""PLOVER source and target actors of an event.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("source_id", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("target_id", sa.String(length=200), nullable=True))
        batch.create_foreign_key("fk_events_source", "entities", ["source_id"], ["id"])
        batch.create_foreign_key("fk_events_target", "entities", ["target_id"], ["id"])
    op.create_index("ix_events_confidence", "events", ["confidence"])


def downgrade() -> None:
    op.drop_index("ix_events_confidence", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_constraint("fk_events_target", type_="foreignkey")
        batch.drop_constraint("fk_events_source", type_="foreignkey")
        batch.drop_column("target_id")
        batch.drop_column("source_id")
