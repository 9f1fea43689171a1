"""Alembic environment: migrations always run on a connection handed in by the app."""

from alembic import context

from ams_desk.store.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through ams_desk.store.migrate.upgrade()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite can roll back DDL once SQLAlchemy emits BEGIN itself (database.py);
    # Alembic assumes it cannot unless told.
    transactional_ddl=True,
    transaction_per_migration=False,
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
