"""The buttons under answers and timelines.

Every view belongs to the person whose question or command produced it: anyone else clicking gets
a short ephemeral refusal.  Views time out; their buttons are then disabled on the message itself,
so nobody clicks a button that no longer answers.  A "Did you mean" click posts the answer to that
question as a new reply, with the same visibility as the message clicked (public under a public
answer, ephemeral under an ephemeral one), so a channel conversation stays readable.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from typing import Any

import discord

from bot.discordbot.ui import NO_MENTIONS
from bot.discordbot.ui.embeds import answer_embed
from bot.discordbot.ui.limits import BUTTON_LABEL, one_line
from bot.discordbot.ui.respond import apologise, reply
from bot.engine import Answer, Suggestion
from bot.engine.live import LiveKnowledge
from bot.storage import FeedbackStore

log = logging.getLogger(__name__)

NOT_YOURS = "Only the person who asked can use these buttons."
GONE = "That answer is no longer in the fact base (it was edited since). Try asking again."
MAX_SUGGESTION_BUTTONS = 3


class OwnedView(discord.ui.View):
    """A view only its owner may use, which disables its buttons on the message when it times out."""

    def __init__(self, owner_id: int, *, timeout: float) -> None:
        super().__init__(timeout=timeout)
        self.owner_id = owner_id
        self.nonce = secrets.token_hex(6)
        self._target: discord.Message | discord.Interaction | None = None

    def custom_id(self, action: str) -> str:
        """Unique per message, so two answers' buttons never collide: 'vote:up:1a2b3c4d5e6f'."""
        return f"{action}:{self.nonce}"

    def bind(self, target: discord.Message | discord.Interaction) -> None:
        """Remember where the view was sent, to disable its buttons there on timeout."""
        self._target = target

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(NOT_YOURS, ephemeral=True, allowed_mentions=NO_MENTIONS)
        return False

    def disable_all(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True

    async def on_timeout(self) -> None:
        self.disable_all()
        target = self._target
        try:
            if isinstance(target, discord.Interaction):
                await target.edit_original_response(view=self, allowed_mentions=NO_MENTIONS)
            elif isinstance(target, discord.Message):
                await target.edit(view=self, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException as exc:
            log.info("could not disable the buttons of a timed-out view: %s", exc)

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        log.error(
            "button %s failed for interaction %s",
            getattr(item, "custom_id", item),
            interaction.id,
            exc_info=error,
        )
        await apologise(interaction)


class AnswerView(OwnedView):
    """'Did you mean' buttons for the suggestions, and 👍 / 👎 under a real answer."""

    def __init__(
        self,
        answer: Answer,
        *,
        owner_id: int,
        knowledge: LiveKnowledge,
        store: FeedbackStore,
        guild_id: int | None,
        timeout: float,
    ) -> None:
        super().__init__(owner_id, timeout=timeout)
        self.answer = answer
        self.knowledge = knowledge
        self.store = store
        self.guild_id = guild_id
        self.view_timeout = timeout
        for index, suggestion in enumerate(answer.suggestions[:MAX_SUGGESTION_BUTTONS]):
            self.add_item(SuggestionButton(self, index, suggestion))
        self.votes: list[VoteButton] = []
        if answer.answered and answer.kind and answer.target:
            self.votes = [VoteButton(self, up=True), VoteButton(self, up=False)]
            for button in self.votes:
                self.add_item(button)

    @classmethod
    def wanted(cls, answer: Answer) -> bool:
        return bool(answer.suggestions) or (answer.answered and answer.target is not None)

    def follow_up(self, answer: Answer) -> AnswerView:
        return AnswerView(
            answer,
            owner_id=self.owner_id,
            knowledge=self.knowledge,
            store=self.store,
            guild_id=self.guild_id,
            timeout=self.view_timeout,
        )


class SuggestionButton(discord.ui.Button["AnswerView"]):
    def __init__(self, owner: AnswerView, index: int, suggestion: Suggestion) -> None:
        super().__init__(
            label=one_line(suggestion.question, BUTTON_LABEL),
            style=discord.ButtonStyle.primary,
            custom_id=owner.custom_id(f"suggest:{index}"),
            row=index,
        )
        self.suggestion = suggestion

    async def callback(self, interaction: discord.Interaction) -> None:
        view = self.view
        assert view is not None
        engine = view.knowledge.engine
        target = self.suggestion
        if not engine.has_target(target.kind, target.target):
            await reply(interaction, content=GONE, ephemeral=True)
            return
        answer = engine.render(target.kind, target.target, question=target.question)
        follow = view.follow_up(answer)
        ephemeral = bool(interaction.message and interaction.message.flags.ephemeral)
        await reply(
            interaction, embed=answer_embed(answer, engine.factbase.version), view=follow, ephemeral=ephemeral
        )
        follow.bind(interaction)


class VoteButton(discord.ui.Button["AnswerView"]):
    def __init__(self, owner: AnswerView, *, up: bool) -> None:
        super().__init__(
            emoji="👍" if up else "👎",
            style=discord.ButtonStyle.secondary,
            custom_id=owner.custom_id("vote:up" if up else "vote:down"),
            row=MAX_SUGGESTION_BUTTONS,
        )
        self.up = up

    async def callback(self, interaction: discord.Interaction) -> None:
        view = self.view
        assert view is not None
        answer = view.answer
        for button in view.votes:
            button.disabled = True
        self.style = discord.ButtonStyle.success if self.up else discord.ButtonStyle.danger
        self.label = "Thanks!"
        await interaction.response.edit_message(view=view, allowed_mentions=NO_MENTIONS)
        assert answer.kind is not None and answer.target is not None
        await view.store.arecord_vote(answer.kind, answer.target, view.guild_id, up=self.up)
        log.info("feedback %s on %s %s", "up" if self.up else "down", answer.kind, answer.target)


class TimelineView(OwnedView):
    """◀ ▶ through the pages of a timeline, with the page number between them."""

    def __init__(self, pages: Sequence[discord.Embed], *, owner_id: int, timeout: float) -> None:
        super().__init__(owner_id, timeout=timeout)
        self.pages = list(pages)
        self.page = 0
        self.previous = discord.ui.Button(emoji="◀", custom_id=self.custom_id("page:previous"))
        self.position = discord.ui.Button(label="", disabled=True, custom_id=self.custom_id("page:position"))
        self.next = discord.ui.Button(emoji="▶", custom_id=self.custom_id("page:next"))
        self.previous.callback = self._previous
        self.next.callback = self._next
        for button in (self.previous, self.position, self.next):
            self.add_item(button)
        self._sync()

    def _sync(self) -> None:
        self.previous.disabled = self.page == 0
        self.next.disabled = self.page >= len(self.pages) - 1
        self.position.label = f"{self.page + 1}/{len(self.pages)}"

    async def _previous(self, interaction: discord.Interaction) -> None:
        await self._show(interaction, self.page - 1)

    async def _next(self, interaction: discord.Interaction) -> None:
        await self._show(interaction, self.page + 1)

    async def _show(self, interaction: discord.Interaction, page: int) -> None:
        self.page = max(0, min(page, len(self.pages) - 1))
        self._sync()
        await interaction.response.edit_message(
            embed=self.pages[self.page], view=self, allowed_mentions=NO_MENTIONS
        )
