"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-27 19:16:10.300912
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("email_key", sa.String(length=320), nullable=False),
        sa.Column("position", sa.String(length=120), nullable=False),
        sa.Column("department", sa.String(length=200), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
        sa.UniqueConstraint("email_key", name=op.f("uq_person_email_key")),
    )
    op.create_table(
        "project",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project")),
        sa.UniqueConstraint("name_key", name=op.f("uq_project_name_key")),
    )
    op.create_table(
        "setting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_setting")),
        sa.UniqueConstraint("key", name=op.f("uq_setting_key")),
    )
    op.create_table(
        "person_project",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_person_project_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_person_project_project_id_project"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("person_id", "project_id", name=op.f("pk_person_project")),
    )
    op.create_table(
        "signup",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("signed_up", sa.Date(), nullable=False),
        sa.Column("program_year", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("meeting_format", sa.String(length=12), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("motivation", sa.Text(), nullable=False),
        sa.CheckConstraint("role IN ('mentor', 'mentee')", name=op.f("ck_signup_role")),
        sa.CheckConstraint(
            "status IN ('open', 'matched', 'withdrawn', 'closed')", name=op.f("ck_signup_status")
        ),
        sa.CheckConstraint("capacity >= 0", name=op.f("ck_signup_capacity")),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_signup_person_id_person"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signup")),
    )
    with op.batch_alter_table("signup", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_signup_person_id"), ["person_id"], unique=False)
        batch_op.create_index("ix_signup_role_year", ["role", "program_year"], unique=False)

    op.create_table(
        "pair",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentor_signup_id", sa.Integer(), nullable=False),
        sa.Column("mentee_signup_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("program_year", sa.Integer(), nullable=False),
        sa.Column("override_note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "mentor_signup_id <> mentee_signup_id", name=op.f("ck_pair_distinct_signups")
        ),
        sa.ForeignKeyConstraint(
            ["mentee_signup_id"],
            ["signup.id"],
            name=op.f("fk_pair_mentee_signup_id_signup"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["mentor_signup_id"],
            ["signup.id"],
            name=op.f("fk_pair_mentor_signup_id_signup"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pair")),
    )
    with op.batch_alter_table("pair", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pair_mentee_signup_id"), ["mentee_signup_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_pair_mentor_signup_id"), ["mentor_signup_id"], unique=False
        )

    op.create_table(
        "pair_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=True),
        sa.Column("by", sa.String(length=120), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pair_id"], ["pair.id"], name=op.f("fk_pair_event_pair_id_pair"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pair_event")),
    )
    with op.batch_alter_table("pair_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pair_event_pair_id"), ["pair_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("pair_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pair_event_pair_id"))

    op.drop_table("pair_event")
    with op.batch_alter_table("pair", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pair_mentor_signup_id"))
        batch_op.drop_index(batch_op.f("ix_pair_mentee_signup_id"))

    op.drop_table("pair")
    with op.batch_alter_table("signup", schema=None) as batch_op:
        batch_op.drop_index("ix_signup_role_year")
        batch_op.drop_index(batch_op.f("ix_signup_person_id"))

    op.drop_table("signup")
    op.drop_table("person_project")
    op.drop_table("setting")
    op.drop_table("project")
    op.drop_table("person")
