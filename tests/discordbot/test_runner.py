"""`python -m bot run`: the exit code says why the bot could not start."""

from __future__ import annotations

import asyncio
from pathlib import Path

import discord.gateway
import discord.http
import pytest

from bot.discordbot.runner import run_bot
from bot.settings import PROJECT_ROOT, Settings
from tests.conftest import ErrorLogs
from tests.fakediscord import FakeDiscord


@pytest.fixture
def restore_endpoints():
    previous = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
    yield
    discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = previous


@pytest.mark.parametrize("token", [None, "", "   "])
def test_no_token_is_a_usage_error(tmp_path: Path, token: str | None) -> None:
    settings = Settings(_env_file=None, discord_token=token, database_path=tmp_path / "db.sqlite3")  # type: ignore[call-arg]
    assert run_bot(settings, PROJECT_ROOT / "knowledge") == 2


@pytest.mark.usefixtures("restore_endpoints")
async def test_a_refused_token_exits_1_with_a_clear_log_line(
    fake_discord: FakeDiscord, fail_on_error_logs: ErrorLogs, tmp_path: Path
) -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        discord_token="not-the-token",
        discord_api_base_url=fake_discord.api_base_url,
        discord_gateway_url=fake_discord.gateway_url,
        database_path=tmp_path / "db.sqlite3",
    )
    # run_bot owns its event loop (discord.py's bot.run), so it runs in a thread here.
    assert await asyncio.to_thread(run_bot, settings, PROJECT_ROOT / "knowledge") == 1
    assert fail_on_error_logs.take("Discord refused the token")
