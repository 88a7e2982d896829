"""The buttons under answers and timelines — persistent: they still work after a restart.

Each button is a discord.py `DynamicItem`: what it does is written in its custom_id (the entry,
person or event it is about, whose question it answered, the timeline page it shows), and the bot
registers the button classes at start-up, so a click on a message sent by an earlier run of the bot
is understood like a fresh one.  Nothing lives in memory between the answer and the click; the views
are sent already stopped, so every click — before or after a restart — takes the same path.

Suggestion, vote and page buttons belong to the person whose question or command produced them
(their id is in the custom_id, in base 36): anyone else gets a short ephemeral refusal.  The "Follow
up" button is open to everyone in the channel: a follow-up is a new question, read in the context
of the answer it sits under.  A "Did you mean" click posts the answer to that question as a new
reply with the same visibility as the message clicked, so a channel conversation stays readable.

Custom ids are at most 100 characters: fact-base ids are at most 80, a user id is at most 13 base-36
digits, so the prefixes are terse — `s:` suggestion, `v:u:`/`v:d:` vote, `f:` follow up, `p:n:`/`p:p:`
page, then a kind letter (`e` entry, `p` person, `v` event): `v:u:e:<owner>:<target>` is 100 at
worst.  A timeline's filters (topic, from, to) ride in its page buttons; with a topic id longer than
about 50 characters they would not fit, and that timeline is shown without page buttons.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import discord

from bot.discordbot.ui import NO_MENTIONS
from bot.discordbot.ui.embeds import timeline_for, timeline_pages
from bot.discordbot.ui.limits import BUTTON_LABEL, one_line
from bot.discordbot.ui.respond import apologise
from bot.engine import Answer, Exchange
from bot.factbase.models import PartialDate

if TYPE_CHECKING:
    from bot.discordbot.client import TalksBot

log = logging.getLogger(__name__)

NOT_YOURS = "Only the person who asked can use these buttons."
GONE = "That answer is no longer in the fact base (it was edited since). Try asking again."
MAX_SUGGESTION_BUTTONS = 3
FOLLOW_UP_LABEL = "Follow up"
CUSTOM_ID = 100  # Discord's limit on a component's custom_id

KIND_CODES = {"entry": "e", "person": "p", "event": "v"}
CODE_KINDS = {code: kind for kind, code in KIND_CODES.items()}
_KIND = r"(?P<kind>[epv])"
_OWNER = r"(?P<owner>[0-9a-z]{1,13})"
_TARGET = r"(?P<target>[a-z0-9-]{1,80})"
_DATE = r"[0-9]{4}(?:-[0-9]{2}){0,2}"


def base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, digit = divmod(number, 36)
        text = digits[digit] + text
        if not number:
            return text


def talks_bot(interaction: discord.Interaction) -> TalksBot:
    return interaction.client  # type: ignore[return-value]


async def owner_only(interaction: discord.Interaction, owner: str) -> bool:
    if base36(interaction.user.id) == owner:
        return True
    await interaction.response.send_message(NOT_YOURS, ephemeral=True, allowed_mentions=NO_MENTIONS)
    return False


async def guarded(interaction: discord.Interaction, work: Callable[[], Awaitable[None]]) -> None:
    """Run a click's work; a failure is logged with its button and the user gets an apology."""
    try:
        await work()
    except Exception:
        custom_id = (interaction.data or {}).get("custom_id")
        log.exception("button %s failed for interaction %s", custom_id, interaction.id)
        await apologise(interaction)


def stopped(view: discord.ui.View) -> discord.ui.View:
    """A view that discord.py does not keep in memory: its clicks are dispatched as dynamic items."""
    view.stop()
    return view


# -- answers ----------------------------------------------------------------------------------------
class SuggestionButton(discord.ui.DynamicItem[discord.ui.Button], template=rf"s:{_KIND}:{_OWNER}:{_TARGET}"):
    """'Did you mean …?': answers that question directly."""

    def __init__(self, kind: str, target: str, owner: str, label: str, *, row: int | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=one_line(label, BUTTON_LABEL),
                style=discord.ButtonStyle.primary,
                custom_id=f"s:{KIND_CODES[kind]}:{owner}:{target}",
            ),
            row=row,
        )
        self.kind, self.target, self.owner = kind, target, owner

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> SuggestionButton:
        label = getattr(item, "label", None) or ""
        return cls(CODE_KINDS[match["kind"]], match["target"], match["owner"], label)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return await owner_only(interaction, self.owner)

    async def callback(self, interaction: discord.Interaction) -> None:
        await guarded(interaction, lambda: self._answer(interaction))

    async def _answer(self, interaction: discord.Interaction) -> None:
        from bot.discordbot.exts._asking import send_answer

        bot = talks_bot(interaction)
        engine = bot.knowledge.engine
        if not engine.has_target(self.kind, self.target):
            await interaction.response.send_message(GONE, ephemeral=True, allowed_mentions=NO_MENTIONS)
            return
        answer = engine.render(self.kind, self.target, question=self.item.label or None)  # type: ignore[arg-type]
        ephemeral = bool(interaction.message and interaction.message.flags.ephemeral)
        await send_answer(bot, interaction, answer, ephemeral=ephemeral)


class VoteButton(
    discord.ui.DynamicItem[discord.ui.Button], template=rf"v:(?P<up>[ud]):{_KIND}:{_OWNER}:{_TARGET}"
):
    """👍 / 👎 under a real answer: counted once, then both disabled and the choice shown."""

    def __init__(self, kind: str, target: str, owner: str, *, up: bool, row: int | None = None) -> None:
        direction = "u" if up else "d"
        super().__init__(
            discord.ui.Button(
                emoji="👍" if up else "👎",
                style=discord.ButtonStyle.secondary,
                custom_id=f"v:{direction}:{KIND_CODES[kind]}:{owner}:{target}",
            ),
            row=row,
        )
        self.kind, self.target, self.owner, self.up = kind, target, owner, up

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> VoteButton:
        return cls(CODE_KINDS[match["kind"]], match["target"], match["owner"], up=match["up"] == "u")

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return await owner_only(interaction, self.owner)

    async def callback(self, interaction: discord.Interaction) -> None:
        async with talks_bot(interaction).using_database():
            await guarded(interaction, lambda: self._vote(interaction))

    async def _vote(self, interaction: discord.Interaction) -> None:
        assert interaction.message is not None
        view = discord.ui.View.from_message(interaction.message, timeout=None)
        for child in view.children:
            if isinstance(child, discord.ui.Button) and (child.custom_id or "").startswith("v:"):
                child.disabled = True
                if child.custom_id == self.custom_id:
                    child.style = discord.ButtonStyle.success if self.up else discord.ButtonStyle.danger
                    child.label = "Thanks!"
        await interaction.response.edit_message(view=stopped(view), allowed_mentions=NO_MENTIONS)
        await talks_bot(interaction).feedback.arecord_vote(
            self.kind, self.target, interaction.guild_id, up=self.up
        )
        log.info("feedback %s on %s %s", "up" if self.up else "down", self.kind, self.target)


class FollowUpButton(discord.ui.DynamicItem[discord.ui.Button], template=rf"f:(?:{_KIND}:{_TARGET}|-)"):
    """Opens a one-box form; what is typed is answered in the context of the answer above it.

    The context comes from the database (the answer's question as read); the entry, person or event
    in the custom_id is the fallback when the database no longer has it.
    """

    def __init__(self, kind: str | None, target: str | None, *, row: int | None = None) -> None:
        code = f"{KIND_CODES[kind]}:{target}" if kind and target else "-"
        super().__init__(
            discord.ui.Button(
                label=FOLLOW_UP_LABEL,
                emoji="💬",
                style=discord.ButtonStyle.secondary,
                custom_id=f"f:{code}",
            ),
            row=row,
        )
        self.kind, self.target = kind, target

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> FollowUpButton:
        kind = CODE_KINDS[match["kind"]] if match["kind"] else None
        return cls(kind, match["target"])

    def fallback(self, bot: TalksBot) -> Exchange | None:
        """The context from the custom_id alone: the answer's own title stands for its question."""
        if not (self.kind and self.target):
            return None
        title = title_of(bot, self.kind, self.target)
        return Exchange(title, self.kind, self.target) if title else None

    async def callback(self, interaction: discord.Interaction) -> None:
        message_id = interaction.message.id if interaction.message else None
        await guarded(interaction, lambda: interaction.response.send_modal(FollowUpModal(message_id, self)))


class FollowUpModal(discord.ui.Modal, title="Follow up"):
    question: discord.ui.TextInput[FollowUpModal] = discord.ui.TextInput(
        label="Your follow-up question",
        placeholder="e.g. “and Ukraine's?”, “when was that?”, “who else was there?”",
        max_length=500,
        custom_id="followup:question",
    )

    def __init__(self, message_id: int | None, button: FollowUpButton) -> None:
        super().__init__(custom_id="followup:modal")
        self.message_id = message_id
        self.button = button

    async def on_submit(self, interaction: discord.Interaction) -> None:
        from bot.discordbot.exts._asking import answer_interaction

        bot = talks_bot(interaction)
        after = None
        async with bot.using_database():
            if self.message_id is not None:
                after = await bot.exchanges.aexchange(self.message_id, within=bot.settings.followup_window)
            if (
                after is None
                and self.message_id is not None
                and recent(self.message_id, bot.settings.followup_window)
            ):
                after = self.button.fallback(bot)
        ephemeral = bool(interaction.message and interaction.message.flags.ephemeral)
        await answer_interaction(bot, interaction, self.question.value, ephemeral=ephemeral, after=after)

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        log.error("follow-up form failed for interaction %s", interaction.id, exc_info=error)
        await apologise(interaction)


def recent(message_id: int, window: float) -> bool:
    """Was the message sent less than `window` seconds ago (its id says when)?"""
    age = discord.utils.utcnow() - discord.utils.snowflake_time(message_id)
    return age.total_seconds() < window


def title_of(bot: TalksBot, kind: str, target: str) -> str | None:
    engine = bot.knowledge.engine
    if not engine.has_target(kind, target):
        return None
    return engine.render(kind, target).title  # type: ignore[arg-type]


def exchange_in_components(bot: TalksBot, message: discord.Message) -> Exchange | None:
    """The context an answer message carries in its Follow up button (when the database has none)."""
    template = FollowUpButton.__discord_ui_compiled_template__
    for row in message.components:
        for component in getattr(row, "children", []):
            match = template.fullmatch(getattr(component, "custom_id", None) or "")
            if match and match["kind"]:
                kind, target = CODE_KINDS[match["kind"]], match["target"]
                title = title_of(bot, kind, target)
                return Exchange(title, kind, target) if title else None
    return None


def answer_view(answer: Answer, *, owner_id: int, follow_up: bool = True) -> discord.ui.View | None:
    """Buttons for an answer: suggestions, 👍 / 👎 on a real answer, and Follow up."""
    owner = base36(owner_id)
    view = discord.ui.View(timeout=None)
    for row, suggestion in enumerate(answer.suggestions[:MAX_SUGGESTION_BUTTONS]):
        if suggestion.kind in KIND_CODES:
            view.add_item(
                SuggestionButton(suggestion.kind, suggestion.target, owner, suggestion.question, row=row)
            )
    last_row = MAX_SUGGESTION_BUTTONS
    answered = answer.answered and answer.kind in KIND_CODES and answer.target is not None
    if answered:
        assert answer.kind is not None and answer.target is not None
        view.add_item(VoteButton(answer.kind, answer.target, owner, up=True, row=last_row))
        view.add_item(VoteButton(answer.kind, answer.target, owner, up=False, row=last_row))
    if follow_up:
        view.add_item(FollowUpButton(answer.kind if answered else None, answer.target, row=last_row))
    return stopped(view) if view.children else None


# -- timelines --------------------------------------------------------------------------------------
_FILTERS = rf"{_OWNER}:(?P<topic>[a-z0-9-]{{0,80}}):(?P<start>(?:{_DATE})?):(?P<end>(?:{_DATE})?)"


class PageButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=rf"p:(?P<to>[pn]):(?P<page>[0-9]{{1,4}}):{_FILTERS}",
):
    """◀ or ▶ of a timeline: the filters are in the custom_id, so the pages are rebuilt on a click."""

    def __init__(self, forward: bool, page: int, filters: TimelineFilters, *, disabled: bool = False) -> None:
        super().__init__(
            discord.ui.Button(
                emoji="▶" if forward else "◀",
                disabled=disabled,
                custom_id=f"p:{'n' if forward else 'p'}:{page}:{filters.encode()}",
            )
        )
        self.page, self.filters = page, filters

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> PageButton:
        filters = TimelineFilters(
            match["owner"], match["topic"] or None, match["start"] or None, match["end"] or None
        )
        return cls(match["to"] == "n", int(match["page"]), filters)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return await owner_only(interaction, self.filters.owner)

    async def callback(self, interaction: discord.Interaction) -> None:
        await guarded(interaction, lambda: self._show(interaction))

    async def _show(self, interaction: discord.Interaction) -> None:
        factbase = talks_bot(interaction).knowledge.factbase
        heading, events = timeline_for(factbase, *self.filters.parsed())
        pages = timeline_pages(events, factbase, heading=heading)
        page = max(0, min(self.page, len(pages) - 1))
        await interaction.response.edit_message(
            embed=pages[page],
            view=timeline_view(page, len(pages), self.filters),
            allowed_mentions=NO_MENTIONS,
        )


class TimelineFilters:
    """What a /timeline showed and for whom, as it travels in its page buttons' custom ids."""

    def __init__(self, owner: str, topic: str | None, start: str | None, end: str | None) -> None:
        self.owner, self.topic, self.start, self.end = owner, topic, start, end

    @classmethod
    def of(
        cls, owner_id: int, topic: str | None, start: PartialDate | None, end: PartialDate | None
    ) -> TimelineFilters:
        return cls(base36(owner_id), topic, start.iso if start else None, end.iso if end else None)

    def encode(self) -> str:
        return f"{self.owner}:{self.topic or ''}:{self.start or ''}:{self.end or ''}"

    def parsed(self) -> tuple[str | None, PartialDate | None, PartialDate | None]:
        start = PartialDate.parse(self.start) if self.start else None
        end = PartialDate.parse(self.end) if self.end else None
        return self.topic, start, end


def timeline_view(page: int, count: int, filters: TimelineFilters) -> discord.ui.View | None:
    """◀ page ▶ for a timeline of `count` pages showing `page` (none for a single page)."""
    if count <= 1:
        return None
    if len(f"p:n:{count}:{filters.encode()}") > CUSTOM_ID:
        log.warning(
            "timeline filters %r do not fit a custom_id; showing the first page only", filters.encode()
        )
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(PageButton(False, max(page - 1, 0), filters, disabled=page == 0))
    view.add_item(
        discord.ui.Button(label=f"{page + 1}/{count}", disabled=True, custom_id=f"p:at:{filters.encode()}")
    )
    view.add_item(PageButton(True, min(page + 1, count - 1), filters, disabled=page >= count - 1))
    return stopped(view)


PERSISTENT_ITEMS = (SuggestionButton, VoteButton, FollowUpButton, PageButton)
