"""The Discord features, one extension per feature, each with `async def setup(bot)`.

Modules whose name starts with `_` are helpers shared by several extensions, not extensions.
"""

from __future__ import annotations

import pkgutil


def extension_names() -> list[str]:
    """Every extension in this package, as `load_extension` wants it: 'bot.discordbot.exts.ask', ..."""
    return sorted(
        f"{__name__}.{module.name}"
        for module in pkgutil.iter_modules(__path__)
        if not module.name.startswith("_")
    )
