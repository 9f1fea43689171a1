"""mail: edited and custom templates, the outbox and its recipients

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 20:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mail_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("to_roles", sa.JSON(), nullable=False),
        sa.Column("cc_roles", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_template")),
        sa.UniqueConstraint("key", name=op.f("uq_mail_template_key")),
    )
    op.create_table(
        "outbox_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template_key", sa.String(length=80), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=True),
        sa.Column("signup_id", sa.Integer(), nullable=True),
        sa.Column("message_id", sa.String(length=250), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("sender", sa.String(length=320), nullable=False),
        sa.Column("to_addrs", sa.JSON(), nullable=False),
        sa.Column("cc_addrs", sa.JSON(), nullable=False),
        sa.Column("bcc_addrs", sa.JSON(), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("queued_at", sa.DateTime(), nullable=False),
        sa.Column("queued_by", sa.String(length=120), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "state IN ('queued', 'sending', 'sent', 'failed', 'unconfirmed', 'cancelled', "
            "'exported')",
            name=op.f("ck_outbox_message_state"),
        ),
        sa.ForeignKeyConstraint(
            ["pair_id"], ["pair.id"], name=op.f("fk_outbox_message_pair_id_pair"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["signup_id"], ["signup.id"], name=op.f("fk_outbox_message_signup_id_signup"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_message")),
        sa.UniqueConstraint("message_id", name=op.f("uq_outbox_message_message_id")),
    )
    op.create_index("ix_outbox_message_state", "outbox_message", ["state"])
    op.create_index(op.f("ix_outbox_message_pair_id"), "outbox_message", ["pair_id"])
    op.create_index(op.f("ix_outbox_message_signup_id"), "outbox_message", ["signup_id"])
    op.create_table(
        "outbox_person",
        sa.Column("outbox_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outbox_id"], ["outbox_message.id"],
            name=op.f("fk_outbox_person_outbox_id_outbox_message"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_outbox_person_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("outbox_id", "person_id", name=op.f("pk_outbox_person")),
    )
    op.create_index(op.f("ix_outbox_person_person_id"), "outbox_person", ["person_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_outbox_person_person_id"), table_name="outbox_person")
    op.drop_table("outbox_person")
    op.drop_index(op.f("ix_outbox_message_signup_id"), table_name="outbox_message")
    op.drop_index(op.f("ix_outbox_message_pair_id"), table_name="outbox_message")
    op.drop_index("ix_outbox_message_state", table_name="outbox_message")
    op.drop_table("outbox_message")
    op.drop_table("mail_template")
