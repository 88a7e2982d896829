"""`python -m bot run`: connect the bot to Discord and keep it running until stopped.

Logging is configured once by the CLI, so discord.py is told not to add a second handler.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import aiohttp
import discord

from bot.discordbot.client import create_bot
from bot.discordbot.endpoints import use_discord_endpoints
from bot.settings import Settings
from bot.storage import StoreError, check_database

log = logging.getLogger(__name__)


def run_bot(settings: Settings, knowledge_dir: Path) -> int:
    """Run until interrupted; the exit code says whether Discord let the bot in."""
    token = settings.discord_token.get_secret_value().strip() if settings.discord_token else ""
    if not token:
        log.error("DISCORD_TOKEN is not set; `python -m bot chat` runs the console instead")
        return 2
    try:
        log.info("database %s is ready", asyncio.run(check_database(settings.database_url)))
    except StoreError as exc:
        log.error("%s", exc)
        return 1
    use_discord_endpoints(settings.discord_api_base_url, settings.discord_gateway_url)
    bot = create_bot(settings, knowledge_dir)
    try:
        bot.run(token, log_handler=None)
    except StoreError as exc:
        log.error("%s", exc)
        return 1
    except discord.LoginFailure:
        log.error("Discord refused the token; check DISCORD_TOKEN")
        return 1
    except discord.PrivilegedIntentsRequired:
        log.error(
            "Discord refused the Message Content intent: enable it for this application in the developer "
            "portal (Bot → Privileged Gateway Intents → Message Content Intent)"
        )
        return 1
    except (aiohttp.ClientError, OSError) as exc:
        log.error("cannot reach Discord at start-up: %s", exc)
        return 1
    return 0
