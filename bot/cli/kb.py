"""`kb check` and `kb stats`: what maintainers run after editing knowledge/."""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from bot.factbase import check_factbase
from bot.factbase.yamlfile import plural


def run_check(directory: Path, sources: Path | None) -> int:
    started = time.perf_counter()
    factbase, problems = check_factbase(directory, sources)
    for problem in problems:
        print(problem)
    if problems or factbase is None:
        print(f"{plural(len(problems), 'problem')} found; the fact base would be refused.")
        return 1
    counts = ", ".join(f"{n} {kind}" for kind, n in factbase.counts().items())
    quotes = " and every quote found verbatim in its article" if sources else ""
    print(f"OK: {counts}{quotes} (version {factbase.version}, {time.perf_counter() - started:.2f}s).")
    fitted = factbase.calibration.fitted_on.get("factbase") if factbase.calibration else None
    if fitted != factbase.version:
        print(
            f"note: the answer/abstain decision was fitted on fact base {fitted or 'none'}; run "
            "`python -m bot calibrate` to refit it on this version."
        )
    return 0


def run_stats(directory: Path) -> int:
    factbase, problems = check_factbase(directory)
    if factbase is None:
        print(f"The fact base has {plural(len(problems), 'problem')}; run `kb check` first.")
        return 1
    print(f"Fact base version {factbase.version} ({len(factbase.files)} files)")
    for kind, n in factbase.counts().items():
        print(f"  {kind:<10} {n}")
    print("Evidence quotes per source:")
    for source_id, n in sorted(factbase.evidence_per_source().items()):
        print(f"  {source_id:<32} {n}")
    print("Entries per topic:")
    for topic, n in factbase.entries_per_topic().most_common():
        print(f"  {topic:<20} {n}")
    return 0


def run_gaps(database_url: str, limit: int, guild_id: int | None = None) -> int:
    """The maintainers' to-do list from the bot's database: all servers, or the one given."""
    from sqlalchemy.exc import SQLAlchemyError

    from bot.storage import StoreError, place_name
    from bot.storage.database import parse_url, reason

    try:
        url = parse_url(database_url)
        path = Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None
        missing = path is not None and url.database != ":memory:" and not path.exists()
        if missing and not any(parent.is_file() for parent in path.parents):  # else: the usual error
            # Reading creates nothing: a mistyped path must not become an empty database.
            print(
                f"No database at {path} yet: nothing has been recorded there (the bot and the console "
                "create it when they first record a question)."
            )
            return 0
        gaps, disliked, guilds, shown = asyncio.run(_read_gaps(database_url, limit, guild_id))
    except StoreError as exc:
        print(exc, file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:  # broken after it opened: the driver's words, not a traceback
        print(f"cannot read the database {database_url}: {reason(exc)}", file=sys.stderr)
        return 1
    scope = f"server {place_name(guild_id)}" if guild_id is not None else f"all servers ({len(guilds)})"
    print(f"Most-asked unanswered questions ({shown}, {scope}):")
    for gap in gaps:
        servers = f", {gap.guilds} servers" if gap.guilds > 1 else ""
        print(f"  {gap.count:>5}×  {gap.question}  (last asked {gap.last_seen}{servers})")
    if not gaps:
        print("  none recorded yet")
    print("Answers with the most 👎:")
    for item in disliked:
        print(f"  {item.down:>5} 👎 {item.up:>4} 👍  {item.kind} {item.target}  (last vote {item.last_vote})")
    if not disliked:
        print("  none recorded yet")
    if guild_id is None and len(guilds) > 1:
        print("Servers with records (filter with --guild ID): " + ", ".join(map(place_name, guilds)))
    return 0


async def _read_gaps(database_url: str, limit: int, guild_id: int | None) -> tuple:
    from bot.storage import Database, FeedbackStore

    database = Database(database_url)
    try:
        await database.start()
        store = FeedbackStore(database)
        return (
            await store.atop_gaps(limit, guild_id=guild_id),
            await store.amost_disliked(limit, guild_id=guild_id),
            await store.aguilds(),
            database.shown,
        )
    finally:
        await database.close()
