"""edited rows carry a version and who changed them last; PostgreSQL announces every change

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 07:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERSIONED = ("person", "signup", "pair", "setting")
CHANNEL = "ams_desk_changed"
FUNCTION = "ams_desk_notify_change"


def upgrade() -> None:
    for table in VERSIONED:
        op.add_column(table, sa.Column("version", sa.Integer(), server_default="1",
                                       nullable=False))
        op.add_column(table, sa.Column("modified_by", sa.String(length=120), server_default="",
                                       nullable=False))
        op.add_column(table, sa.Column("modified_at", sa.DateTime(), nullable=True))
    op.add_column("mail_template", sa.Column("version", sa.Integer(), server_default="1",
                                             nullable=False))
    if op.get_bind().dialect.name == "postgresql":
        # Every committed change is announced to the other coordinators' windows
        # (LISTEN ams_desk_changed); the notification carries the writer's backend id.
        op.execute(f"""
            CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME);
                RETURN NULL;
            END $$""")
        for table in _tables():
            op.execute(f'CREATE TRIGGER {FUNCTION} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE '
                       f'ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()')


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in _tables():
            op.execute(f'DROP TRIGGER IF EXISTS {FUNCTION} ON "{table}"')
        op.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
    op.drop_column("mail_template", "version")
    for table in VERSIONED:
        op.drop_column(table, "modified_at")
        op.drop_column(table, "modified_by")
        op.drop_column(table, "version")


def _tables() -> list[str]:
    names = sa.inspect(op.get_bind()).get_table_names()
    return sorted(name for name in names if name != "alembic_version")
