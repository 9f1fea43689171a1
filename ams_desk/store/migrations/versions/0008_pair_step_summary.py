"""each pair keeps the moment of its latest step and how often it met, kept by triggers

The Pairs table shows both for every pair; working them out from the events
on each read cost most of a second at 80,000 pairs. Indexes on the pairs'
status and the sign-ups' status and day serve the attention list. Triggers on ``pair_event``
keep them right whatever writes the events (a step, an undo, an import, the
demo, an erasure), on SQLite and PostgreSQL alike.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 09:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# What counts as a meeting: the "met" step and every meeting recorded after it
# (ams_desk.core.meetings.is_meeting).
_LATEST_STEP = ("(SELECT max(e.at) FROM pair_event e WHERE e.pair_id = {id} "
                "AND e.status IS NOT NULL)")
_MEETINGS = ("(SELECT count(*) FROM pair_event e WHERE e.pair_id = {id} "
             "AND (e.kind = 'meeting' OR e.status = 'met'))")
_FUNCTION = "ams_desk_pair_steps"


def _summary(pair_id: str) -> str:
    """The SET list that works both figures out again from the events of ``pair_id``."""
    return (f"stepped_at = {_LATEST_STEP.format(id=pair_id)}, "
            f"meetings = {_MEETINGS.format(id=pair_id)}")


def _recount(pair_id: str) -> str:
    return f"UPDATE pair SET {_summary(pair_id)} WHERE id = {pair_id};"


def upgrade() -> None:
    op.add_column("pair", sa.Column("stepped_at", sa.DateTime(), nullable=True))
    op.add_column("pair", sa.Column("meetings", sa.Integer(), server_default="0",
                                    nullable=False))
    op.create_index("ix_pair_status", "pair", ["status"])
    # The attention list's open mentors, mentees waiting since before a day, and people
    # due for erasure (ended sign-ups older than a day).
    op.create_index("ix_signup_status_role_day", "signup", ["status", "role", "signed_up"])
    op.execute(f"UPDATE pair SET {_summary('pair.id')}")  # every pair, from its events
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""
            CREATE FUNCTION {_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP <> 'INSERT' THEN
                    {_recount("OLD.pair_id")}
                END IF;
                IF TG_OP <> 'DELETE' THEN
                    {_recount("NEW.pair_id")}
                END IF;
                RETURN NULL;
            END $$""")
        op.execute(f"CREATE TRIGGER {_FUNCTION} AFTER INSERT OR DELETE "
                   f"OR UPDATE OF pair_id, at, kind, status ON pair_event "
                   f"FOR EACH ROW EXECUTE FUNCTION {_FUNCTION}()")
        return
    # SQLite: an added step or meeting (nearly every write) only moves the pair's
    # figures forward, without reading its other events; the rare rest recounts.
    op.execute("""
        CREATE TRIGGER pair_event_added AFTER INSERT ON pair_event
        WHEN NEW.status IS NOT NULL OR NEW.kind = 'meeting'
        BEGIN
            UPDATE pair SET
                stepped_at = CASE WHEN NEW.status IS NOT NULL
                    AND (stepped_at IS NULL OR NEW.at > stepped_at)
                    THEN NEW.at ELSE stepped_at END,
                meetings = meetings + (NEW.kind = 'meeting' OR NEW.status IS 'met')
            WHERE id = NEW.pair_id;
        END""")
    op.execute(f"""
        CREATE TRIGGER pair_event_removed AFTER DELETE ON pair_event
        WHEN OLD.status IS NOT NULL OR OLD.kind = 'meeting'
        BEGIN
            {_recount("OLD.pair_id")}
        END""")
    op.execute(f"""
        CREATE TRIGGER pair_event_changed AFTER UPDATE OF pair_id, at, kind, status
        ON pair_event
        BEGIN
            {_recount("OLD.pair_id")}
            {_recount("NEW.pair_id")}
        END""")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {_FUNCTION} ON pair_event")
        op.execute(f"DROP FUNCTION IF EXISTS {_FUNCTION}()")
    else:
        for name in ("pair_event_added", "pair_event_removed", "pair_event_changed"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_signup_status_role_day", table_name="signup")
    op.drop_index("ix_pair_status", table_name="pair")
    with op.batch_alter_table("pair") as batch_op:
        batch_op.drop_column("meetings")
        batch_op.drop_column("stepped_at")
