"""Burst load on the real bot: N users run /ask at once; how fast is each acknowledged, is any lost?

    python -m tests.load.run_load --n 1000 [--database sqlite|postgresql|URL]

The bot (its own factory, its real setup) runs in this process; the fake Discord runs in a child
process, so the fake's work does not steal the bot's CPU, as on real Discord.  Once both are ready
the child sends N INTERACTION_CREATE events back to back (N different users, a mix of answerable and
unanswerable questions) and measures, for each, the time from its dispatch to the bot's interaction
callback reaching the fake (Discord's 3-second rule), and whether an answer embed finally arrived.
An answer is lost if it never arrives, or arrives as an apology instead of an answer; an unanswered
question is lost if its count is missing from the database afterwards.  `--database postgresql`
starts a throw-away PostgreSQL server (tests/pgserver.py) for the run.

Not a pytest test (the file name does not match test_*.py): a tool to run by hand.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import multiprocessing
import shutil
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from aiohttp import web

log = logging.getLogger(__name__)

QUESTIONS = (
    "Who led the Russian delegation?",
    "When did the Russian delegation land in Istanbul?",
    "Who is Rustem Umerov?",
    "What did Erdogan offer Putin?",
    "What is the population of Istanbul?",  # abstains: exercises the gap store too
)
UNANSWERED = QUESTIONS[-1]


class ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def _recv(conn: Connection) -> Any:
    return await asyncio.get_running_loop().run_in_executor(None, conn.recv)


# -- the fake's side (child process) -----------------------------------------------------------------
def fake_side(conn: Connection, n: int, answer_timeout: float) -> None:
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(_fake_side(conn, n, answer_timeout))


async def _fake_side(conn: Connection, n: int, answer_timeout: float) -> None:
    from tests.fakediscord import FakeDiscord, FakeInteraction

    fake = FakeDiscord()
    guild = fake.add_guild("Load test")
    channel = fake.add_text_channel(guild, "general")
    users = [fake.add_user(f"user-{i}", guild=guild) for i in range(n)]
    arrived: dict[int, float] = {}
    _time_callbacks(fake, arrived)
    await fake.start()
    conn.send({"api": fake.api_base_url, "gateway": fake.gateway_url, "token": fake.token, "guild": guild.id})
    try:
        await _recv(conn)  # the bot is ready
        await fake.wait_until_ready(timeout=30)
        await fake.state.wait_for(lambda: fake.commands.get(guild.id), timeout=30, what="command sync")

        def answered(interaction: FakeInteraction) -> bool:
            message = interaction.original
            return bool(
                interaction.callback_type in (4, 5) and message and not message.loading and message.embeds
            )

        sent: dict[int, float] = {}
        interactions = []
        started = time.perf_counter()
        for i, user in enumerate(users):
            t0 = time.perf_counter()
            question = QUESTIONS[i % len(QUESTIONS)]
            interaction = await fake.run_slash_command(
                "ask", {"question": question}, user=user, channel=channel
            )
            sent[interaction.id] = t0
            interactions.append(interaction)
        burst = time.perf_counter() - started
        with contextlib.suppress(TimeoutError):  # what is still missing then is lost
            await fake.state.wait_for(
                lambda: all(map(answered, interactions)), timeout=answer_timeout, what="every answer"
            )
        all_in = time.perf_counter() - started
        acks = [arrived[i.id] - sent[i.id] for i in interactions if i.id in arrived]
        conn.send(
            {
                "n": n,
                "burst_s": burst,
                "acks": acks,
                "deferred": sum(1 for i in interactions if i.callback_type == 5),
                "lost": sum(1 for i in interactions if not answered(i)),
                "all_in_s": all_in,
            }
        )
        await _recv(conn)  # the bot has closed
    finally:
        await fake.stop()


def _time_callbacks(fake: Any, arrived: dict[int, float]) -> None:
    """Record when each interaction callback reaches the fake (wraps the route before start)."""
    api = fake._api  # the load tool, like a profiler, reaches into the fake
    original: Callable[[web.Request], Awaitable[web.StreamResponse]] = api.interaction_callback

    async def callback(request: web.Request) -> web.StreamResponse:
        arrived.setdefault(int(request.match_info["interaction_id"]), time.perf_counter())
        return await original(request)

    api.interaction_callback = callback


# -- the bot's side (this process) -------------------------------------------------------------------
@contextlib.contextmanager
def database_for(kind: str, folder: Path) -> Iterator[str]:
    """A fresh database of the kind asked for: a SQLite file, a throw-away PostgreSQL, or a URL."""
    if kind == "sqlite":
        yield str(folder / "bot.sqlite3")
    elif kind == "postgresql":
        from tests.pgserver import running_postgres

        with running_postgres() as server:
            yield server.create_database()
    else:
        yield kind


async def recorded_gaps(store: Any, expected: int) -> int:
    """The unanswered question's count once it reaches `expected` (writes follow the replies)."""
    from bot.storage import normalize_question

    count = 0
    for _ in range(200):
        gaps = {gap.question: gap.count for gap in await store.atop_gaps(50)}
        count = gaps.get(normalize_question(UNANSWERED), 0)
        if count >= expected:
            break
        await asyncio.sleep(0.05)
    return count


async def run(n: int, answer_timeout: float, database: str = "sqlite") -> dict[str, Any]:
    from bot.discordbot.client import create_bot
    from bot.discordbot.endpoints import use_discord_endpoints
    from bot.settings import PROJECT_ROOT, Settings

    context = multiprocessing.get_context("spawn")
    conn, child_conn = context.Pipe()
    child = context.Process(target=fake_side, args=(child_conn, n, answer_timeout), name="fake-discord")
    child.start()
    try:
        fake = await _recv(conn)
        with tempfile.TemporaryDirectory() as tmp, database_for(database, Path(tmp)) as url:
            knowledge = Path(tmp) / "knowledge"
            shutil.copytree(PROJECT_ROOT / "knowledge", knowledge)
            settings = Settings(
                _env_file=None,  # type: ignore[call-arg]
                discord_token=fake["token"],
                discord_api_base_url=fake["api"],
                discord_gateway_url=fake["gateway"],
                knowledge_dir=knowledge,
                database_url=url,
                guild_ids=[fake["guild"]],
                cooldown_rate=1000,
            )
            use_discord_endpoints(settings.discord_api_base_url, settings.discord_gateway_url)
            bot = create_bot(settings, guild_ready_timeout=0.05)
            task = asyncio.create_task(bot.start(fake["token"]))
            try:
                await asyncio.wait_for(bot.wait_until_ready(), 30)
                bot.knowledge.engine.answer(QUESTIONS[0])  # warm, as a bot that has been running is
                conn.send("ready")
                result = await _recv(conn)
                if task.done():
                    raise RuntimeError(f"the bot stopped during the load test: {task.exception()!r}")
                expected = sum(1 for i in range(n) if QUESTIONS[i % len(QUESTIONS)] == UNANSWERED)
                result["gaps_expected"] = expected
                result["gaps_recorded"] = await recorded_gaps(bot.feedback, expected)
                result["database"] = bot.database.shown
            finally:
                await bot.close()
                await asyncio.wait({task}, timeout=10)
                conn.send("closed")
    finally:
        child.join(timeout=20)
        if child.is_alive():
            child.terminate()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.load.run_load", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--n", type=int, default=1000, help="concurrent /ask interactions (default 1000)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for every answer")
    parser.add_argument(
        "--database", default="sqlite", help="sqlite (default), postgresql (a throw-away server) or a URL"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("discord.client").setLevel(logging.ERROR)  # "PyNaCl is not installed"
    errors = ErrorCounter()
    logging.getLogger().addHandler(errors)
    result = asyncio.run(run(args.n, args.timeout, args.database))
    acks: list[float] = result["acks"]
    ms = {name: 1000 * percentile(acks, q) for name, q in (("p50", 0.5), ("p99", 0.99), ("max", 1.0))}
    print(
        f"n={result['n']}  (burst dispatched in {result['burst_s']:.2f} s)\n"
        f"acknowledged {len(acks)}/{result['n']}: p50 {ms['p50']:.0f} ms, p99 {ms['p99']:.0f} ms, "
        f"max {ms['max']:.0f} ms; over 3 s: {sum(a > 3.0 for a in acks)}; deferred: {result['deferred']}\n"
        f"answers lost: {result['lost']}  (all answers in after {result['all_in_s']:.2f} s)\n"
        f"database {result['database']}: unanswered questions recorded "
        f"{result['gaps_recorded']}/{result['gaps_expected']}\n"
        f"ERROR log records in the bot: {len(errors.messages)}"
    )
    for message in errors.messages[:5]:
        print(f"  {message}")
    lost_gaps = result["gaps_recorded"] != result["gaps_expected"]
    return 1 if result["lost"] or lost_gaps or errors.messages else 0


if __name__ == "__main__":
    raise SystemExit(main())
