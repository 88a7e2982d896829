"""The core knows nothing of Discord: importing every core package must not import `discord`."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import bot
from bot.settings import PROJECT_ROOT

FRONT_END = "bot.discordbot"


def core_modules() -> list[str]:
    """Every module of the `bot` package outside the Discord front end."""
    return sorted(
        info.name
        for info in pkgutil.walk_packages(bot.__path__, prefix="bot.")
        if info.name != "bot.__main__"  # runs the product when imported
        and not (info.name == FRONT_END or info.name.startswith(FRONT_END + "."))
    )


def test_core_modules_are_found() -> None:
    names = core_modules()
    for package in ("bot.engine", "bot.factbase", "bot.storage", "bot.cli", "bot.bench"):
        assert package in names


def test_core_never_imports_discord() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m == 'discord' or m.startswith('discord.'))\n"
        "print(','.join(leaked))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "", f"core modules imported discord: {done.stdout.strip()}"


def test_front_end_does_import_discord() -> None:
    """The check above can fail: the front end itself does pull `discord` in."""
    code = (
        f"import importlib, sys; importlib.import_module('{FRONT_END}.client'); "
        "print('discord' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "True"
