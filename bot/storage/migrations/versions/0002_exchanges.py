"""Exchanges: what each recent answer message answered, for follow-ups (replies, threads, the form).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exchanges",
        sa.Column("message_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("channel_id", sa.BigInteger, nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("kind", sa.String(32), nullable=True),
        sa.Column("target", sa.Text, nullable=True),
        sa.Column("created", sa.Float, nullable=False),
    )
    op.create_index("exchanges_by_channel", "exchanges", ["channel_id", "created"])


def downgrade() -> None:
    op.drop_index("exchanges_by_channel", table_name="exchanges")
    op.drop_table("exchanges")
