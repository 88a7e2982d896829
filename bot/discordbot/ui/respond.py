"""Answering an interaction safely: on time, exactly once, and never pinging anyone.

Discord gives an interaction 3 seconds for its first response.  `Acknowledger.run` does the work in
a thread and defers only if it is not done within `defer_after`, so a fast answer costs one request
and a slow one (a huge fact base, a cold cache) still makes the deadline.  Under a burst (many
questions in flight at once) it defers first: acknowledging is cheap, so no user's acknowledgement
waits behind other users' answers.  `reply` then picks the right call: the first response, the edit
of a deferred one, or a followup.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import discord

from bot.discordbot.ui import NO_MENTIONS
from bot.discordbot.ui.limits import fit_content

log = logging.getLogger(__name__)

T = TypeVar("T")
APOLOGY = "Sorry — something went wrong on my side while handling that. The error has been logged."
_EDITED_DEFERRAL = "edited_deferral"


class Acknowledger:
    """Runs an interaction's work so that the interaction is acknowledged in time, whatever the load."""

    def __init__(self, *, defer_after: float = 1.0, busy_at: int = 16) -> None:
        self.defer_after = defer_after
        self.busy_at = busy_at
        self.in_flight = 0

    async def run(
        self, interaction: discord.Interaction, work: Callable[..., T], /, *args: Any, ephemeral: bool = False
    ) -> T:
        """`work(*args)` in a worker thread, deferring first when busy or when it turns out slow."""
        if self.in_flight >= self.busy_at:
            await self._defer(interaction, ephemeral=ephemeral)
        self.in_flight += 1
        try:
            task = asyncio.ensure_future(asyncio.to_thread(work, *args))
            try:
                return await asyncio.wait_for(asyncio.shield(task), self.defer_after)
            except TimeoutError:
                await self._defer(interaction, ephemeral=ephemeral)
                return await task
        finally:
            self.in_flight -= 1

    @staticmethod
    async def _defer(interaction: discord.Interaction, *, ephemeral: bool) -> None:
        if not interaction.response.is_done():
            await interaction.response.defer(thinking=True, ephemeral=ephemeral)


async def reply(
    interaction: discord.Interaction,
    *,
    content: str | None = None,
    embed: discord.Embed | None = None,
    view: discord.ui.View | None = None,
    ephemeral: bool = False,
) -> int | None:
    """Send the response, whether the interaction is fresh, deferred, or already answered.

    Returns the id of the message that shows it (None if Discord did not say).
    """
    fields: dict[str, Any] = {"allowed_mentions": NO_MENTIONS}
    if content is not None:
        fields["content"] = fit_content(content)
    if embed is not None:
        fields["embed"] = embed
    if view is not None:
        fields["view"] = view
    response = interaction.response
    if not response.is_done():
        sent = await response.send_message(ephemeral=ephemeral, **fields)
        return sent.message_id if sent is not None else None
    if (
        response.type is discord.InteractionResponseType.deferred_channel_message
        and not interaction.extras.get(_EDITED_DEFERRAL)
    ):
        interaction.extras[_EDITED_DEFERRAL] = True
        return (await interaction.edit_original_response(**fields)).id
    return (await interaction.followup.send(ephemeral=ephemeral, wait=True, **fields)).id


async def apologise(interaction: discord.Interaction, text: str = APOLOGY) -> None:
    """Tell the user something failed; a failure to say so is only worth a warning."""
    if interaction.type is discord.InteractionType.autocomplete:
        return
    try:
        await reply(interaction, content=text, ephemeral=True)
    except discord.HTTPException as exc:
        log.warning("could not send an apology for interaction %s: %s", interaction.id, exc)
