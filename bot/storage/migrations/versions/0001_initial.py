"""Gaps and votes (adopting a database made before Alembic), and per-server settings.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    if "gaps" not in existing:  # a SQLite file from the version before Alembic already has these two
        op.create_table(
            "gaps",
            sa.Column("question", sa.Text, primary_key=True),
            sa.Column("guild_id", sa.BigInteger, primary_key=True),
            sa.Column("count", sa.Integer, nullable=False),
            sa.Column("first_seen", sa.String(32), nullable=False),
            sa.Column("last_seen", sa.String(32), nullable=False),
        )
    if "votes" not in existing:
        op.create_table(
            "votes",
            sa.Column("kind", sa.String(32), primary_key=True),
            sa.Column("target", sa.Text, primary_key=True),
            sa.Column("guild_id", sa.BigInteger, primary_key=True),
            sa.Column("up", sa.Integer, nullable=False, server_default="0"),
            sa.Column("down", sa.Integer, nullable=False, server_default="0"),
            sa.Column("first_vote", sa.String(32), nullable=False),
            sa.Column("last_vote", sa.String(32), nullable=False),
        )
    op.create_table(
        "guild_settings",
        sa.Column("guild_id", sa.BigInteger, primary_key=True),
        sa.Column("qa_channels_set", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("maintainer_role_id", sa.BigInteger, nullable=True),
        sa.Column("alerts_channel_id", sa.BigInteger, nullable=True),
        sa.Column("answer_mode", sa.String(16), nullable=True),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "guild_qa_channels",
        sa.Column("guild_id", sa.BigInteger, primary_key=True),
        sa.Column("channel_id", sa.BigInteger, primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("guild_qa_channels")
    op.drop_table("guild_settings")
    op.drop_table("votes")
    op.drop_table("gaps")
