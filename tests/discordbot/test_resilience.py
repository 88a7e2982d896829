"""The running bot keeps running: a refused command sync, a malformed gateway event, a stop signal."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path

import discord.gateway
import discord.http
import pytest

from bot.cli import main
from bot.discordbot.endpoints import use_discord_endpoints
from bot.discordbot.runner import Runner
from bot.settings import PROJECT_ROOT, Settings
from tests.conftest import ErrorLogs
from tests.discordbot.conftest import Talks, wait_until
from tests.fakediscord import FakeDiscord

QUESTION = "Who led the Russian delegation?"
COMMANDS = r"/applications/\d+/guilds/\d+/commands"


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


@pytest.fixture
def restore_endpoints():
    previous = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
    yield
    discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = previous


@pytest.fixture
def refused_sync(fake_discord: FakeDiscord) -> None:
    """Discord (or a compatible server) refuses the first two command syncs: 400, then 404."""
    fake_discord.fail_requests("PUT", COMMANDS, status=400, code=50035, message="Invalid Form Body")
    fake_discord.fail_requests("PUT", COMMANDS, status=404, code=10002, message="Unknown Application")


@pytest.mark.parametrize("overrides", [{"command_sync_retry": 0.05}])
async def test_a_refused_command_sync_keeps_the_bot_answering_and_is_retried(
    refused_sync: None, talks: Talks
) -> None:
    sent = await talks.say(talks.qa, QUESTION)
    assert (await talks.reply_to(sent)).embeds  # Q&A channels need no slash commands

    await wait_until(lambda: talks.guild.id in talks.fake.commands, what="the retried command sync")
    assert "ask" in {command["name"] for command in talks.fake.commands[talks.guild.id]}
    refused = talks.errors.take(r"could not sync the slash commands")
    assert [r.getMessage().split(";")[0] for r in refused] == [
        "could not sync the slash commands (HTTP 400: Invalid Form Body)",
        "could not sync the slash commands (HTTP 404: Unknown Application)",
    ]
    response = await talks.command("ask", {"question": QUESTION})
    assert response.embeds


@pytest.mark.usefixtures("restore_endpoints")
async def test_a_malformed_gateway_event_restarts_the_client_and_it_answers_again(
    fake_discord: FakeDiscord, fail_on_error_logs: ErrorLogs, tmp_path: Path
) -> None:
    fake = fake_discord
    guild = fake.add_guild("Peace talks fans")
    qa = fake.add_text_channel(guild, "questions")
    alice = fake.add_user("alice")
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        discord_token=fake.token,
        database_path=tmp_path / "db.sqlite3",
        heartbeat_path=tmp_path / "heartbeat",
        qa_channel_ids=[qa.id],
        guild_ids=[guild.id],
    )
    use_discord_endpoints(fake.api_base_url, fake.gateway_url)
    runner = Runner(settings, first_delay=0.01, bot_options={"guild_ready_timeout": 0.05})
    serving = asyncio.create_task(runner.serve(fake.token))
    try:
        await fake.wait_until_ready()
        # A member object that is not an object: discord.py's parsing raises a TypeError.
        await fake.dispatch(
            "MESSAGE_CREATE",
            {"id": "1", "channel_id": str(qa.id), "guild_id": str(guild.id), "member": 7},
            guild_id=guild.id,
        )
        await fail_on_error_logs.wait_for(r"the Discord client stopped on an unexpected error")
        await fake.state.wait_for(lambda: len(fake.identifies) == 2, timeout=5, what="a fresh IDENTIFY")
        await fake.wait_until_ready()
        await fake.post_user_message(qa, alice, QUESTION)
        reply = await fake.wait_for_bot_message(qa)
        assert reply.embeds and runner.restarts == 1
    finally:
        runner.stop()
        assert await asyncio.wait_for(serving, 10) == 0


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
async def test_a_stop_signal_closes_the_gateway_and_the_database_and_exits_0(
    fake_discord: FakeDiscord, tmp_path: Path, sig: signal.Signals
) -> None:
    fake = fake_discord
    guild = fake.add_guild("Peace talks fans")
    qa = fake.add_text_channel(guild, "questions")
    alice = fake.add_user("alice")
    database = tmp_path / "var" / "bot.sqlite3"
    env = {
        **os.environ,
        "DISCORD_TOKEN": fake.token,
        "DISCORD_API_BASE_URL": fake.api_base_url,
        "DISCORD_GATEWAY_URL": fake.gateway_url,
        "DATABASE_PATH": str(database),
        "QA_CHANNEL_IDS": str(qa.id),
        "GUILD_IDS": str(guild.id),
        "HEARTBEAT_PATH": str(database.parent / "heartbeat"),
        "HEARTBEAT_INTERVAL": "0.1",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=PROJECT_ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    try:
        await fake.wait_until_ready(timeout=30)
        await fake.post_user_message(qa, alice, "What is the population of Istanbul?")
        await fake.wait_for_bot_message(qa, timeout=10)
        await wait_until(lambda: Path(f"{database}-wal").exists(), what="the database in use")
        heartbeat = database.parent / "heartbeat"
        await wait_until(heartbeat.exists, what="the heartbeat")
        process.send_signal(sig)
        output, _ = await asyncio.wait_for(process.communicate(), 20)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    log = output.decode()
    assert process.returncode == 0, log
    assert f"stopping on {sig.name}: closing the gateway and the database" in log
    assert "stopped cleanly" in log and "Traceback" not in log
    # The database was closed (its WAL checkpointed away), and no heartbeat is left for `health` to
    # mistake for a running bot.
    assert files_in(database.parent) == ["bot.sqlite3"]


async def test_the_running_bot_keeps_a_heartbeat_that_health_reads(
    talks: Talks, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = talks.settings.heartbeat_path
    await wait_until(path.exists, what="the heartbeat file")
    assert json.loads(path.read_text())["pid"] == os.getpid()
    monkeypatch.setenv("HEARTBEAT_PATH", str(path))
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    assert main(["health"]) == 0
    assert capsys.readouterr().out.startswith("healthy: connected to Discord")
