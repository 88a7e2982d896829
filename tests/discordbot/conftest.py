"""The real bot, built by its own factory and running its real setup, against the fake Discord.

`talks` gives a started bot in a small world: one server with a general channel, a Q&A channel and a
maintainers' channel; alice and bob (ordinary members), maya (maintainer role) and max (Manage
Server but no maintainer role); and a private copy of knowledge/ that tests may edit.  A test
changes settings with `@pytest.mark.parametrize("overrides", [{...}])`.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord
import pytest

from bot.discordbot.client import TalksBot, create_bot
from bot.settings import PROJECT_ROOT, Settings
from tests.conftest import ErrorLogs
from tests.fakediscord import (
    FakeChannel,
    FakeDiscord,
    FakeGuild,
    FakeInteraction,
    FakeMessage,
    FakeRole,
    FakeUser,
    InteractionResponse,
    running_bot,
)


@dataclass
class Talks:
    fake: FakeDiscord
    bot: TalksBot
    task: asyncio.Task[None]
    errors: ErrorLogs
    settings: Settings
    knowledge: Path
    guild: FakeGuild
    general: FakeChannel
    qa: FakeChannel
    alerts: FakeChannel
    maintainer_role: FakeRole
    alice: FakeUser
    bob: FakeUser
    maya: FakeUser
    max: FakeUser

    async def ask(
        self, question: str, *, user: FakeUser | None = None
    ) -> tuple[FakeInteraction, InteractionResponse]:
        interaction = await self.fake.run_slash_command(
            "ask", {"question": question}, user=user or self.alice, channel=self.general
        )
        return interaction, await interaction.wait_response()

    async def command(
        self, name: str, options: dict[str, Any] | None = None, *, user: FakeUser | None = None
    ) -> InteractionResponse:
        interaction = await self.fake.run_slash_command(
            name, options, user=user or self.alice, channel=self.general
        )
        return await interaction.wait_response()

    async def say(self, channel: FakeChannel, content: str, *, user: FakeUser | None = None) -> FakeMessage:
        return await self.fake.post_user_message(channel, user or self.alice, content)

    async def reply_to(self, message: FakeMessage) -> FakeMessage:
        channel = self.fake.state.channel(message.channel_id)
        assert channel is not None
        return await self.fake.wait_for_bot_message(
            channel,
            predicate=lambda m: (m.reference or {}).get("message_id") == str(message.id),
        )

    async def click(
        self, message: FakeMessage, prefix: str, *, user: FakeUser | None = None
    ) -> InteractionResponse:
        interaction = await self.fake.click(message, custom_id(message, prefix), user=user or self.alice)
        return await interaction.wait_response()

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        """Rows of the bot's feedback database, [] while it or its tables do not exist yet."""
        path = Path(self.settings.database_url)
        if not path.exists():
            return []
        try:
            with closing(sqlite3.connect(path)) as conn:
                return conn.execute(sql).fetchall()
        except sqlite3.OperationalError:
            return []

    async def wait_rows(self, sql: str) -> list[tuple[Any, ...]]:
        """The rows once there are any (the bot records after it has replied)."""
        await wait_until(lambda: self.rows(sql), what=f"rows for {sql!r}")
        return self.rows(sql)

    def knowledge_edit(self, relative: str, text: str) -> Path:
        path = self.knowledge / relative
        path.write_text(text, encoding="utf-8")
        return path


def custom_id(message: FakeMessage, prefix: str) -> str:
    """The one component on `message` whose custom_id is `prefix` or starts with `prefix:` (e.g.
    'v:d'), or the n-th suggestion for 'suggest:n'."""
    nth = re.fullmatch(r"suggest:(\d)", prefix)
    if nth:
        suggestions = [cid for cid in message.custom_ids if cid.startswith("s:")]
        assert len(suggestions) > int(nth[1]), f"{prefix!r} in {message.custom_ids}"
        return suggestions[int(nth[1])]
    matching = [cid for cid in message.custom_ids if cid == prefix or cid.startswith(prefix + ":")]
    assert len(matching) == 1, f"{prefix!r} in {message.custom_ids}"
    return matching[0]


def component(message: FakeMessage, prefix: str) -> dict[str, Any]:
    found = message.find_component(custom_id(message, prefix))
    assert found is not None
    return found


async def wait_until(condition: Callable[[], object], *, what: str, within: float = 5.0) -> None:
    """Poll `condition` (files and the database have no event to wait on)."""
    try:
        async with asyncio.timeout(within):
            while not condition():  # noqa: ASYNC110 - nothing to await: polling the disk
                await asyncio.sleep(0.02)
    except TimeoutError:
        raise TimeoutError(f"timed out after {within}s waiting for {what}") from None


@pytest.fixture
def overrides() -> dict[str, Any]:
    return {}


@pytest.fixture
async def talks(
    fake_discord: FakeDiscord, fail_on_error_logs: ErrorLogs, tmp_path: Path, overrides: dict[str, Any]
) -> AsyncIterator[Talks]:
    fake = fake_discord
    guild = fake.add_guild("Peace talks fans")
    general = fake.add_text_channel(guild, "general")
    qa = fake.add_text_channel(guild, "questions")
    alerts = fake.add_text_channel(guild, "kb-alerts")
    maintainer_role = fake.add_role(guild, "Fact-base maintainers")
    alice = fake.add_user("alice")
    bob = fake.add_user("bob")
    maya = fake.add_user("maya", roles=[maintainer_role])
    max_ = fake.add_user("max", permissions=discord.Permissions(manage_guild=True, view_channel=True))
    knowledge = tmp_path / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge", knowledge)
    values: dict[str, Any] = {
        "discord_token": fake.token,
        "discord_api_base_url": fake.api_base_url,
        "discord_gateway_url": fake.gateway_url,
        "knowledge_dir": knowledge,
        "database_path": tmp_path / "var" / "bot.sqlite3",
        "heartbeat_path": tmp_path / "var" / "heartbeat",
        "guild_ids": [guild.id],
        "qa_channel_ids": [qa.id],
        "maintainer_role_ids": [maintainer_role.id],
        "maintainer_channel_id": alerts.id,
        "reload_interval": 0.2,
        "cooldown_rate": 50,
        "cooldown_per": 60.0,
    }
    settings = Settings(_env_file=None, **(values | overrides))  # type: ignore[call-arg]
    bot = create_bot(settings, guild_ready_timeout=0.05)
    async with running_bot(bot, fake) as task:
        yield Talks(
            fake, bot, task, fail_on_error_logs, settings, knowledge, guild, general, qa, alerts,
            maintainer_role, alice, bob, maya, max_,
        )  # fmt: skip
