"""Scale-out, end to end: two bot processes, one shard each of two, sharing one real PostgreSQL.

Each process is the real `python -m bot run`, connected to the fake Discord with its own SHARD_IDS.
Questions are asked in a server of each shard and answered by the process holding it; every
unanswered question lands in the one database; a /config change made through the second process is
applied by the first; and only the process holding shard 0 syncs the commands and posts reload alerts.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT
from bot.storage import Database, FeedbackStore
from tests.discordbot.test_maintainers import BROKEN_ENTRY
from tests.fakediscord import FakeChannel, FakeDiscord, FakeGuild, FakeUser
from tests.pgserver import PostgresServer

UNKNOWN = "What is the population of Istanbul?"
ANSWERED = "Who led the Russian delegation?"
START_TIMEOUT = 60.0  # two interpreters importing discord.py and SQLAlchemy on a busy 2-core machine


@pytest.fixture
async def two_processes(
    fake_discord: FakeDiscord, postgres: PostgresServer, tmp_path: Path
) -> AsyncIterator[tuple[FakeDiscord, str, list[asyncio.subprocess.Process], Path]]:
    fake = fake_discord
    guilds = [fake.add_guild("Shard zero", shard=(0, 2)), fake.add_guild("Shard one", shard=(1, 2))]
    qa = [fake.add_text_channel(guild, "questions") for guild in guilds]
    for guild in guilds:
        fake.add_text_channel(guild, "kb-alerts")
    knowledge = tmp_path / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge", knowledge)
    url = postgres.create_database()
    processes = []
    for shard in (0, 1):
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": os.environ.get("HOME", "/root"),
            "DISCORD_TOKEN": fake.token,
            "DISCORD_API_BASE_URL": fake.api_base_url,
            "DISCORD_GATEWAY_URL": fake.gateway_url,
            "DATABASE_URL": url,
            "SHARD_COUNT": "2",
            "SHARD_IDS": str(shard),
            "KNOWLEDGE_DIR": str(knowledge),
            "QA_CHANNEL_IDS": ",".join(str(c.id) for c in qa),
            "RELOAD_INTERVAL": "0.2",
            "GUILD_CONFIG_TTL": "0.2",
        }
        with (tmp_path / f"shard{shard}.log").open("wb") as log:
            processes.append(
                await asyncio.create_subprocess_exec(
                    sys.executable, "-m", "bot", "run", cwd=PROJECT_ROOT, env=env, stdout=log, stderr=log
                )
            )
    try:
        await fake.wait_until_ready(timeout=START_TIMEOUT)
        await fake.state.wait_for(lambda: fake.commands.get(None), timeout=START_TIMEOUT, what="command sync")
        yield fake, url, processes, tmp_path
    finally:
        for process in processes:
            if process.returncode is None:
                process.terminate()
        for process in processes:
            try:
                await asyncio.wait_for(process.wait(), 10)
            except TimeoutError:
                process.kill()
                await process.wait()
        for shard in (0, 1):
            print(f"--- shard {shard} log ---\n{(tmp_path / f'shard{shard}.log').read_text()[-4000:]}")


def channel_named(guild: FakeGuild, name: str) -> FakeChannel:
    return next(channel for channel in guild.channels.values() if channel.name == name)


async def test_two_processes_on_one_postgresql(
    two_processes: tuple[FakeDiscord, str, list[asyncio.subprocess.Process], Path],
) -> None:
    fake, url, processes, _ = two_processes
    assert sorted(i.shard for i in fake.identifies if i.shard) == [(0, 2), (1, 2)]
    assert [fake.guilds_sent_to_shard(0), fake.guilds_sent_to_shard(1)] == [[g.id] for g in fake.guilds]
    assert len(fake.requests_to("PUT", r"/applications/\d+/commands$")) == 1  # only shard 0's process
    alice = fake.add_user("alice")
    for guild in fake.guilds:
        fake.add_member(guild, alice)
    zero, one = fake.guilds
    qa = {
        guild.id: next(c for c in guild.channels.values() if c.name == "questions") for guild in fake.guilds
    }
    alerts = {
        guild.id: next(c for c in guild.channels.values() if c.name == "kb-alerts") for guild in fake.guilds
    }

    # questions in servers of both shards: each answered by the process holding that shard
    for guild in (zero, one):
        for question in (ANSWERED, UNKNOWN):
            sent = await fake.post_user_message(qa[guild.id], alice, question)
            await fake.wait_for_bot_message(
                qa[guild.id], predicate=lambda m, s=sent: (m.reference or {}).get("message_id") == str(s.id)
            )

    # every unanswered question is in the one database, under its own server
    database = Database(url)
    await database.start()
    store = FeedbackStore(database)
    for _ in range(100):
        if len(await store.aguilds()) == 2:
            break
        await asyncio.sleep(0.05)
    assert await store.aguilds() == sorted(g.id for g in fake.guilds)
    [gap] = await store.atop_gaps()
    assert (gap.question, gap.count, gap.guilds) == ("what is the population of istanbul", 2, 2)
    await database.close()

    # /config through the second process (shard one's server) ...
    owner: FakeUser = fake.owner
    interaction = await fake.run_slash_command(
        "config alerts-channel set", {"channel": alerts[one.id]}, user=owner, channel=qa[one.id]
    )
    confirmed = await interaction.wait_response(timeout=10)
    assert confirmed.ephemeral and alerts[one.id].mention in confirmed.embeds[0]["description"]

    # ... is applied by the first, which alone posts reload alerts, into that server's channel
    (two_processes[3] / "knowledge" / "entries" / "zz-broken.yaml").write_text(BROKEN_ENTRY)
    alert = await fake.wait_for_bot_message(alerts[one.id], timeout=20)
    assert "NOT reloaded" in alert.embeds[0]["title"]
    await asyncio.sleep(1.0)  # five more watcher rounds in each process: still one alert, not two
    assert len(fake.bot_messages(alerts[one.id])) == 1
    assert fake.bot_messages(alerts[zero.id]) == []  # no alerts channel set there
    assert all(process.returncode is None for process in processes)
