"""One row per lexicon role: duplicates (from concurrent ingests) removed, then forbidden.

Revision ID: 0004
Revises: 0003

A role the lexicon gives is the same role when person, title, organisation and start
date agree. ``of_id`` and ``since`` may be NULL, and NULLs never collide in a unique
index, so the index is on ``coalesce`` expressions; it covers lexicon roles only (roles a
text states are stored once per document with their document).
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"

KEY = "person_id, title, coalesce(of_id, ''), coalesce(since, '0001-01-01')"


def upgrade() -> None:
    op.execute(
        "DELETE FROM roles WHERE origin = 'lexicon' AND id NOT IN ("
        f"SELECT min(id) FROM roles WHERE origin = 'lexicon' GROUP BY {KEY})"
    )
    op.create_index(
        "uq_roles_lexicon",
        "roles",
        [
            sa.text("person_id"),
            sa.text("title"),
            sa.text("coalesce(of_id, '')"),
            sa.text("coalesce(since, '0001-01-01')"),
        ],
        unique=True,
        sqlite_where=sa.text("origin = 'lexicon'"),
        postgresql_where=sa.text("origin = 'lexicon'"),
    )


def downgrade() -> None:
    op.drop_index("uq_roles_lexicon", table_name="roles")
