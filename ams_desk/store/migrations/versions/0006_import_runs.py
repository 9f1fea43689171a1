"""imports are recorded (people and sign-ups created or updated, before and after) for undo

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 21:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "import_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file", sa.String(length=260), nullable=False),
        sa.Column("sheet", sa.String(length=260), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_run")),
    )
    op.create_table(
        "import_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("targets", sa.JSON(), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('person_created', 'person_updated', 'signup_created', 'signup_updated')",
            name=op.f("ck_import_change_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["import_run.id"], name=op.f("fk_import_change_run_id_import_run"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_change")),
    )
    op.create_index(op.f("ix_import_change_run_id"), "import_change", ["run_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_import_change_run_id"), table_name="import_change")
    op.drop_table("import_change")
    op.drop_table("import_run")
