"""The tables, as SQLAlchemy Core objects: what the queries are written against.

The migrations under `migrations/versions/` create them; a test checks that the migrated database
and these objects agree, so the two cannot drift.  Nothing here identifies a member: questions are
stored normalised, with the server's id and times only.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    false,
)

metadata = MetaData()

gaps = Table(
    "gaps",
    metadata,
    Column("question", Text, primary_key=True),
    Column("guild_id", BigInteger, primary_key=True),  # 0 for direct messages
    Column("count", Integer, nullable=False),
    Column("first_seen", String(32), nullable=False),  # ISO 8601 UTC, sorts as text on both engines
    Column("last_seen", String(32), nullable=False),
)

votes = Table(
    "votes",
    metadata,
    Column("kind", String(32), primary_key=True),
    Column("target", Text, primary_key=True),
    Column("guild_id", BigInteger, primary_key=True),
    Column("up", Integer, nullable=False, server_default="0"),
    Column("down", Integer, nullable=False, server_default="0"),
    Column("first_vote", String(32), nullable=False),
    Column("last_vote", String(32), nullable=False),
)

# One row per server that has changed anything with /config.  NULL: not set here, the environment's
# default applies; 0 in an id column: explicitly cleared (no Discord id is 0).
guild_settings = Table(
    "guild_settings",
    metadata,
    Column("guild_id", BigInteger, primary_key=True),
    Column("qa_channels_set", Boolean, nullable=False, server_default=false()),
    Column("maintainer_role_id", BigInteger, nullable=True),
    Column("alerts_channel_id", BigInteger, nullable=True),
    Column("answer_mode", String(16), nullable=True),
    Column("updated_at", String(32), nullable=False),
)

guild_qa_channels = Table(
    "guild_qa_channels",
    metadata,
    Column("guild_id", BigInteger, primary_key=True),
    Column("channel_id", BigInteger, primary_key=True),
)

# What each recent answer message answered: the context a reply to it (or a message in its thread)
# is read in.  Kept only while a follow-up is accepted (FOLLOWUP_WINDOW), then pruned; no member id.
exchanges = Table(
    "exchanges",
    metadata,
    Column("message_id", BigInteger, primary_key=True, autoincrement=False),
    Column("channel_id", BigInteger, nullable=False),
    Column("question", Text, nullable=False),  # the question as it was read (resolved in context)
    Column("kind", String(32), nullable=True),  # what answered it; NULL when the bot did not know
    Column("target", Text, nullable=True),
    Column("created", Float, nullable=False),  # Unix time
    Index("exchanges_by_channel", "channel_id", "created"),
)
