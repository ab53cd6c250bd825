"""Alembic environment: bilat passes the connection in ``config.attributes``.

``bilat.store.db.migrate`` opens the transaction (and takes the lock) before alembic
runs, so every step to head is applied in that one transaction, or none is.
"""

from alembic import context

from bilat.store.schema import metadata

attributes = context.config.attributes
context.configure(
    connection=attributes["connection"],
    target_metadata=metadata,
    render_as_batch=True,
    transaction_per_migration=False,
    on_version_apply=attributes.get("on_version_apply", ()),
)
with context.begin_transaction():
    context.run_migrations()
