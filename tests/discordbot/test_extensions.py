"""Meta-tests: every extension loads and has `setup`; every command obeys Discord's naming rules."""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from discord import app_commands

from bot.discordbot import exts
from bot.discordbot.client import TalksBot, create_bot
from bot.discordbot.exts import extension_names
from bot.settings import Settings

NAME = re.compile(r"^[-_\w]{1,32}$")  # \w: Unicode letters and digits (and _), as Discord's \p{L}\p{N}


def test_every_extension_imports_and_has_async_setup() -> None:
    names = extension_names()
    # Every public module in the folder is an extension: discovered from the files, not a list here.
    folder = Path(exts.__file__).parent
    modules = {p.stem for p in folder.glob("*.py") if not p.name.startswith("_")}
    assert modules and {n.rsplit(".", 1)[1] for n in names} == modules
    for name in names:
        module = importlib.import_module(name)
        assert inspect.iscoroutinefunction(getattr(module, "setup", None)), f"{name} has no async setup(bot)"


def test_helper_modules_are_not_extensions() -> None:
    assert "bot.discordbot.exts._asking" not in extension_names()


@pytest.fixture
async def loaded_bot(tmp_path: Path) -> AsyncIterator[TalksBot]:
    bot = create_bot(Settings(_env_file=None, database_path=tmp_path / "db.sqlite3"))
    for name in extension_names():
        await bot.load_extension(name)
    yield bot
    await bot.close()


def payloads(bot: TalksBot) -> list[dict[str, Any]]:
    return [command.to_dict(bot.tree) for command in bot.tree.get_commands()]


def check_options(options: list[dict[str, Any]], where: str) -> None:
    assert len(options) <= 25, where
    names = [option["name"] for option in options]
    assert len(names) == len(set(names)), f"duplicate option names in {where}"
    required_seen_optional = False
    for option in options:
        assert NAME.match(option["name"]) and option["name"] == option["name"].lower(), option["name"]
        assert 1 <= len(option["description"]) <= 100, f"{where} {option['name']}"
        if option["type"] in (1, 2):
            check_options(option.get("options", []), f"{where} {option['name']}")
            continue
        if option.get("required"):
            assert not required_seen_optional, f"{where}: required option after an optional one"
        else:
            required_seen_optional = True


async def test_command_names_are_unique_and_valid(loaded_bot: TalksBot) -> None:
    commands = payloads(loaded_bot)
    keys = [(c["type"], c["name"]) for c in commands]
    assert len(keys) == len(set(keys))
    # What the cogs define is what reaches Discord: no command lost, none registered outside a cog.
    defined = {
        command.name
        for cog in loaded_bot.cogs.values()
        for command in ([cog.app_command] if cog.app_command else cog.get_app_commands())
    }
    menus = [c for c in commands if c["type"] == 3]
    slash = {c["name"]: c for c in commands if c["type"] == 1}
    assert defined and set(slash) == defined
    for name, command in slash.items():
        assert NAME.match(name) and name == name.lower()
        assert 1 <= len(command["description"]) <= 100
        check_options(command.get("options", []), f"/{name}")
    assert menus
    for menu in menus:
        assert 1 <= len(menu["name"]) <= 32


async def test_ask_is_capped_at_the_configured_length(tmp_path: Path) -> None:
    bot = create_bot(Settings(_env_file=None, database_path=tmp_path / "db.sqlite3", max_question_chars=120))
    await bot.load_extension("bot.discordbot.exts.ask")
    [question] = bot.tree.get_command("ask").to_dict(bot.tree)["options"]
    assert question["max_length"] == 120
    await bot.close()


async def test_kb_is_hidden_from_non_managers(loaded_bot: TalksBot) -> None:
    kb = loaded_bot.tree.get_command("kb")
    assert isinstance(kb, app_commands.Group)
    payload = kb.to_dict(loaded_bot.tree)
    assert int(payload["default_member_permissions"]) == 1 << 5  # Manage Server
    assert payload["dm_permission"] is False
    subcommands = [sub for sub in payload["options"] if sub["type"] == 1]
    assert subcommands and len(subcommands) == len(payload["options"]) == len(kb.commands)
