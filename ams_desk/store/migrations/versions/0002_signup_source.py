"""sign-ups remember the file and row they were imported from

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 19:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("signup") as batch_op:
        batch_op.add_column(sa.Column("source_file", sa.String(length=260), nullable=True))
        batch_op.add_column(sa.Column("source_row", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("signup") as batch_op:
        batch_op.drop_column("source_row")
        batch_op.drop_column("source_file")
