"""The permissions the bot needs, in one place: for the invite URL and for checking a channel.

Read, send and embed wherever it answers; reply (Read Message History) to the question; and, for the
`thread` answer mode, start a thread on the question and write in it.
"""

from __future__ import annotations

import discord

SCOPES = ("bot", "applications.commands")

# Per channel, by what the bot does there.  Names as Discord's client shows them.
NEEDED_IN: dict[str, dict[str, str]] = {
    "qa": {
        "view_channel": "View Channel",
        "send_messages": "Send Messages",
        "embed_links": "Embed Links",
        "read_message_history": "Read Message History",
    },
    "alerts": {
        "view_channel": "View Channel",
        "send_messages": "Send Messages",
        "embed_links": "Embed Links",
    },
    "threads": {
        "create_public_threads": "Create Public Threads",
        "send_messages_in_threads": "Send Messages in Threads",
    },
}


def invite_permissions() -> discord.Permissions:
    """Exactly what the bot needs, nothing more (no Administrator, no Manage Messages)."""
    names = {name for needed in NEEDED_IN.values() for name in needed}
    return discord.Permissions(**dict.fromkeys(names, True))


def invite_url(application_id: int) -> str:
    return discord.utils.oauth_url(application_id, permissions=invite_permissions(), scopes=SCOPES)


def missing_permissions(permissions: discord.Permissions, use: str) -> list[str]:
    """The permissions (display names) `use` needs that `permissions` lacks, in a stable order."""
    return [label for name, label in NEEDED_IN[use].items() if not getattr(permissions, name)]
