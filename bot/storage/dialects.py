"""The one statement the two engines spell differently: INSERT … ON CONFLICT DO UPDATE.

Both SQLite (≥ 3.24) and PostgreSQL have it, but SQLAlchemy builds it from each dialect's own
`insert`; this table picks the right one so the stores are written once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite

from bot.storage.database import Database

INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def upsert(
    database: Database,
    table: Table,
    values: Mapping[str, Any],
    *,
    keys: list[str],
    update: Callable[[Any], Mapping[str, Any]] | None = None,
) -> Any:
    """Insert `values`; on a key conflict apply `update(excluded)` to the existing row, or do nothing."""
    statement = INSERTS[database.backend](table).values(**values)
    if update is None:
        return statement.on_conflict_do_nothing(index_elements=keys)
    return statement.on_conflict_do_update(index_elements=keys, set_=update(statement.excluded))
