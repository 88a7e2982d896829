"""The fake Discord works with the real discord.py client, end to end.

A minimal bot defined here (slash commands with autocomplete, a deferred answer with a followup,
buttons on interaction responses and on channel messages, an `on_message` reply) runs against
`FakeDiscord` through `bot.discordbot.endpoints.use_discord_endpoints`; the tests act as users and check
both what the bot did and that discord.py understood every payload the fake sent.
"""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass

import discord
import pytest
from discord import app_commands
from discord.ext import commands

from tests.fakediscord import (
    ErrorLogs,
    FakeChannel,
    FakeDiscord,
    FakeGuild,
    FakeMessage,
    FakeRole,
    FakeUser,
    assert_alive,
    running_bot,
)
from tests.fakediscord.netguard import GUARD, NetworkAccessBlocked

pytestmark = pytest.mark.usefixtures("fail_on_error_logs")

NAMES = ["Zelda", "Zeno", "Mina", "Oskar"]


class VoteView(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=60)

    @discord.ui.button(label="Helpful", custom_id="vote:yes", style=discord.ButtonStyle.success)
    async def yes(self, interaction: discord.Interaction, button: discord.ui.Button[VoteView]) -> None:
        await interaction.response.edit_message(content="Thanks for the feedback!", view=None)

    @discord.ui.button(label="Not helpful", custom_id="vote:no", style=discord.ButtonStyle.danger)
    async def no(self, interaction: discord.Interaction, button: discord.ui.Button[VoteView]) -> None:
        await interaction.response.send_message("Sorry! Noted.", ephemeral=True)


class SourcesView(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=60)

    @discord.ui.button(label="Sources", custom_id="sources")
    async def sources(self, interaction: discord.Interaction, button: discord.ui.Button[SourcesView]) -> None:
        await interaction.response.defer()
        await interaction.followup.send("Sources: the minutes of the meeting.", ephemeral=True)


class FeedbackModal(discord.ui.Modal, title="Feedback"):
    comment: discord.ui.TextInput[FeedbackModal] = discord.ui.TextInput(label="Comment", custom_id="comment")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message("Thanks!", ephemeral=True)


def make_bot(
    *,
    shard_count: int | None = None,
    sharded: bool = False,
    sync_guild: int | None = None,
    message_content: bool = True,
) -> commands.Bot:
    intents = discord.Intents.default()
    intents.message_content = message_content
    if sharded:
        bot: commands.Bot = commands.AutoShardedBot(
            command_prefix=commands.when_mentioned,
            intents=intents,
            guild_ready_timeout=0.05,
            shard_count=shard_count,
        )
    else:
        bot = commands.Bot(command_prefix=commands.when_mentioned, intents=intents, guild_ready_timeout=0.05)

    @bot.tree.command(name="ask", description="Ask the bot a question")
    @app_commands.describe(question="What you want to know")
    async def ask(interaction: discord.Interaction, question: str) -> None:
        await interaction.response.defer(thinking=True)
        await interaction.followup.send(f"You asked: {question}", view=VoteView())

    @bot.tree.command(name="who", description="Look up a person")
    @app_commands.describe(name="The person to look up")
    @app_commands.default_permissions(manage_messages=True)
    async def who(interaction: discord.Interaction, name: str) -> None:
        await interaction.response.send_message(f"Looking up {name}.", ephemeral=True)

    @who.autocomplete("name")
    async def who_names(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=n, value=n) for n in NAMES if current.lower() in n.lower()]

    @bot.tree.command(name="vote", description="Ask whether the last answer helped")
    async def vote(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("Was this helpful?", view=VoteView())

    @bot.tree.command(name="progress", description="Answer, edit the answer, then follow up")
    async def progress(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("Working…")
        await interaction.edit_original_response(content="Done.")
        original = await interaction.original_response()
        await interaction.followup.send(f"Details for message {original.id}.", ephemeral=True)

    @bot.tree.command(name="feedback", description="Leave feedback")
    async def feedback(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(FeedbackModal())

    @bot.tree.command(name="boom", description="Always fails")
    async def boom(interaction: discord.Interaction) -> None:
        raise RuntimeError("boom")

    @bot.event
    async def on_message(message: discord.Message) -> None:
        if message.author.bot or bot.user not in message.mentions:
            return
        text = message.content.replace(bot.user.mention, "").strip()
        await message.reply(
            f"Hello {message.author.display_name}, you said: {text}", view=SourcesView(), mention_author=False
        )

    async def setup_hook() -> None:
        if sync_guild is None:
            await bot.tree.sync()
        else:
            bot.tree.copy_global_to(guild=discord.Object(sync_guild))
            await bot.tree.sync(guild=discord.Object(sync_guild))

    bot.setup_hook = setup_hook  # type: ignore[method-assign]
    return bot


@dataclass
class World:
    fake: FakeDiscord
    guild: FakeGuild
    general: FakeChannel
    maintainers: FakeRole
    alice: FakeUser
    mod: FakeUser


@pytest.fixture
def world(fake_discord: FakeDiscord) -> World:
    fake = fake_discord
    guild = fake.add_guild("Test server")
    general = fake.add_text_channel(guild, "general", topic="talk here")
    fake.add_text_channel(guild, "random")
    maintainers = fake.add_role(guild, "Maintainers", permissions=discord.Permissions(manage_messages=True))
    alice = fake.add_user("alice")
    mod = fake.add_user("mod", roles=[maintainers])
    return World(fake, guild, general, maintainers, alice, mod)


async def mention(world: World, text: str) -> tuple[FakeMessage, FakeMessage]:
    """alice mentions the bot; returns her message and the bot's reply to it."""
    fake = world.fake
    sent = await fake.post_user_message(world.general, world.alice, f"{fake.bot_user.mention} {text}")
    reply = await fake.wait_for_bot_message(
        world.general, predicate=lambda m: (m.reference or {}).get("message_id") == str(sent.id)
    )
    return sent, reply


async def test_login_sync_and_guild_state(world: World) -> None:
    fake = world.fake
    bot = make_bot()
    async with running_bot(bot, fake):
        assert bot.user is not None and bot.user.id == fake.bot_user.id
        assert bot.application_id == fake.application_id
        calls = [(r.method, r.path) for r in fake.requests]
        assert calls[:3] == [
            ("GET", "/users/@me"),
            ("GET", "/oauth2/applications/@me"),
            ("PUT", f"/applications/{fake.application_id}/commands"),
        ]
        assert not fake.requests_to("GET", "/gateway.*")  # a plain client goes straight to the gateway

        assert sorted(c["name"] for c in fake.commands[None]) == [
            "ask",
            "boom",
            "feedback",
            "progress",
            "vote",
            "who",
        ]
        who = fake.command("who")
        assert who["description"] == "Look up a person"
        assert who["default_member_permissions"] == str(discord.Permissions(manage_messages=True).value)
        [name_option] = who["options"]
        assert (name_option["name"], name_option["type"], name_option["required"]) == ("name", 3, True)
        assert name_option["autocomplete"] is True
        assert fake.command("ask")["options"][0]["description"] == "What you want to know"
        assert fake.command("ask")["default_member_permissions"] is None

        guild = bot.get_guild(world.guild.id)
        assert guild is not None and guild.name == "Test server"
        channel = guild.get_channel(world.general.id)
        assert isinstance(channel, discord.TextChannel) and channel.topic == "talk here"
        assert sorted(c.name for c in guild.text_channels) == ["general", "random"]
        assert guild.get_role(world.maintainers.id).permissions.manage_messages
        assert guild.me.id == fake.bot_user.id and guild.me.guild_permissions.manage_messages
        # Without the members intent Discord sends only the bot's own member, and so does the fake.
        assert guild.get_member(world.alice.id) is None

        [identify] = fake.identifies
        assert identify.shard is None
        assert identify.intents == bot.intents.value


async def test_mention_gets_a_reply_without_pinging(world: World) -> None:
    fake = world.fake
    async with running_bot(make_bot(), fake):
        await fake.post_user_message(world.general, world.alice, "nobody is talking to the bot here")
        sent, reply = await mention(world, "who was there?")
        assert reply.content == "Hello alice, you said: who was there?"
        assert reply.source == "channel"
        assert reply.reference == {
            "type": 0,
            "message_id": str(sent.id),
            "channel_id": str(world.general.id),
            "guild_id": str(world.guild.id),
        }
        assert reply.allowed_mentions is not None and reply.allowed_mentions["replied_user"] is False
        assert reply.mention_ids == []
        assert reply.custom_ids == ["sources"]
        assert [m.id for m in fake.bot_messages(world.general)] == [reply.id]


async def test_direct_message_and_message_content_intent(world: World) -> None:
    fake = world.fake
    bot = make_bot(message_content=False)
    async with running_bot(bot, fake):
        seen = asyncio.ensure_future(bot.wait_for("message"))
        await fake.post_user_message(world.general, world.alice, "not for the bot")
        message = await asyncio.wait_for(seen, timeout=5)
        assert message.content == ""  # no MESSAGE_CONTENT intent, no mention: Discord hides it

        _, reply = await mention(world, "but this one mentions you")
        assert reply.content == "Hello alice, you said: but this one mentions you"

        dm = fake.dm_channel(world.alice)
        sent = await fake.post_user_message(dm, world.alice, f"{fake.bot_user.mention} in private")
        private = await fake.wait_for_bot_message(dm)
        assert private.content == "Hello alice, you said: in private"
        assert private.reference is not None and private.reference["message_id"] == str(sent.id)
        assert "guild_id" not in private.data


async def test_slash_command_defers_then_follows_up(world: World) -> None:
    fake = world.fake
    async with running_bot(make_bot(), fake):
        ask = await fake.run_slash_command(
            "ask", {"question": "Who attended?"}, user=world.alice, channel=world.general
        )
        response = await ask.wait_response()
        assert response.type == 5
        assert response.content == "You asked: Who attended?"
        assert not response.ephemeral
        assert response.followups == ()  # the first followup after a defer replaces the loading message
        assert response.message is not None and response.message.custom_ids == ["vote:yes", "vote:no"]
        [callback] = fake.requests_to("POST", rf"/interactions/{ask.id}/.+/callback")
        assert callback.query == {"with_response": "1"}
        assert callback.json["type"] == 5
        assert fake.requests_to("POST", rf"/webhooks/{fake.application_id}/{ask.token}")

        click = await fake.click(response.message, "vote:yes", user=world.alice)
        clicked = await click.wait_response()
        assert clicked.type == 7
        assert clicked.message is response.message
        assert clicked.content == "Thanks for the feedback!"
        assert clicked.components == []


async def test_autocomplete_and_ephemeral_answer(world: World) -> None:
    fake = world.fake
    async with running_bot(make_bot(), fake):
        choices = await fake.autocomplete(
            "who", {"name": "ze"}, focused="name", user=world.mod, channel=world.general
        )
        assert choices == [{"name": "Zelda", "value": "Zelda"}, {"name": "Zeno", "value": "Zeno"}]

        who = await fake.run_slash_command("who", {"name": "Zelda"}, user=world.mod, channel=world.general)
        response = await who.wait_response()
        assert (response.type, response.content, response.ephemeral) == (4, "Looking up Zelda.", True)
        # The interaction carried the member's permissions, computed from the Maintainers role.
        permissions = discord.Permissions(int(who.payload["member"]["permissions"]))
        assert permissions.manage_messages


async def test_edit_original_followup_and_modal(world: World) -> None:
    fake = world.fake
    async with running_bot(make_bot(), fake):
        progress = await fake.run_slash_command("progress", user=world.alice, channel=world.general)
        [details] = await progress.wait_followups(1)
        response = await progress.wait_response()
        assert response.message is not None
        assert (response.content, response.ephemeral) == ("Done.", False)
        assert (details.content, details.ephemeral) == (f"Details for message {response.message.id}.", True)
        original = rf"/webhooks/{fake.application_id}/{progress.token}/messages/@original"
        assert [r.json["content"] for r in fake.requests_to("PATCH", original)] == ["Done."]
        assert fake.requests_to("GET", original)

        feedback = await fake.run_slash_command("feedback", user=world.alice, channel=world.general)
        modal = await feedback.wait_response()
        assert modal.type == 9 and modal.message is None
        assert modal.modal is not None and modal.modal["title"] == "Feedback"
        assert "comment" in str(modal.modal["components"])


async def test_buttons_on_interaction_response_and_channel_message(world: World) -> None:
    fake = world.fake
    async with running_bot(make_bot(), fake):
        vote = await fake.run_slash_command("vote", user=world.alice, channel=world.general)
        voted = await vote.wait_response()
        assert (voted.type, voted.content, voted.ephemeral) == (4, "Was this helpful?", False)
        assert voted.message is not None
        no = await (await fake.click(voted.message, "vote:no", user=world.alice)).wait_response()
        assert (no.type, no.content, no.ephemeral) == (4, "Sorry! Noted.", True)

        _, reply = await mention(world, "sources?")
        sources = await (await fake.click(reply, "sources", user=world.alice)).wait_response()
        assert sources.type == 6
        assert sources.message is not None and sources.message.source == "followup"
        assert (sources.content, sources.ephemeral) == ("Sources: the minutes of the meeting.", True)

        with pytest.raises(ValueError, match="no component"):
            await fake.click(reply, "vote:yes", user=world.alice)


async def test_failing_command_is_logged_and_the_client_survives(
    world: World, fail_on_error_logs: ErrorLogs
) -> None:
    fake = world.fake
    async with running_bot(make_bot(), fake) as task:
        boom = await fake.run_slash_command("boom", user=world.alice, channel=world.general)
        await fail_on_error_logs.wait_for(r"Ignoring exception in command 'boom'")
        assert boom.callback_type is None
        assert_alive(task)
        _, reply = await mention(world, "still alive?")
        assert reply.content.endswith("still alive?")


@pytest.mark.parametrize("mode", ["close4000", "abort", "reconnect"])
async def test_gateway_drop_is_resumed_and_missed_events_replayed(world: World, mode: str) -> None:
    fake = world.fake
    async with running_bot(make_bot(), fake):
        await mention(world, "first question")
        await fake.drop_gateway(mode)  # type: ignore[arg-type]
        _, reply = await mention(world, "asked while you were away")
        assert reply.content == "Hello alice, you said: asked while you were away"

        resume = await fake.wait_for_resume()
        assert resume.path == "/gateway-resume"  # the client used READY's resume_gateway_url
        assert "MESSAGE_CREATE" in resume.replayed
        assert resume.replayed[-1] != "RESUMED"
        assert len(fake.identifies) == 1  # resumed, not re-identified


async def test_invalid_session_makes_the_client_identify_again(world: World) -> None:
    fake = world.fake
    bot = make_bot()
    async with running_bot(bot, fake):
        await mention(world, "hello")
        await fake.drop_gateway("close4000", invalidate_session=True)
        await fake.state.wait_for(lambda: len(fake.identifies) == 2, timeout=5, what="a second IDENTIFY")
        assert fake.invalid_sessions_sent == 1
        assert fake.resumes == []
        _, reply = await mention(world, "hello again")
        assert reply.content == "Hello alice, you said: hello again"
        assert bot.get_guild(world.guild.id) is not None


async def test_autosharded_bot_gets_each_guild_on_its_shard(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    guilds = [fake.add_guild("Shard zero", shard=(0, 2)), fake.add_guild("Shard one", shard=(1, 2))]
    channels = [fake.add_text_channel(guild, "general") for guild in guilds]
    alice = fake.add_user("alice")
    bot = make_bot(sharded=True, shard_count=2, sync_guild=guilds[1].id)
    async with running_bot(bot, fake):
        assert sorted(i.shard for i in fake.identifies if i.shard) == [(0, 2), (1, 2)]
        assert fake.guilds_sent_to_shard(0) == [guilds[0].id]
        assert fake.guilds_sent_to_shard(1) == [guilds[1].id]
        assert not fake.requests_to("GET", "/gateway/bot")  # shard_count given: no need to ask
        assert [bot.get_guild(g.id).shard_id for g in guilds] == [0, 1]  # type: ignore[union-attr]
        assert list(fake.commands) == [guilds[1].id]

        for channel in channels:
            sent = await fake.post_user_message(channel, alice, f"{fake.bot_user.mention} hi")
            reply = await fake.wait_for_bot_message(channel)
            assert reply.reference is not None and reply.reference["message_id"] == str(sent.id)

        who = await fake.run_slash_command("who", {"name": "Mina"}, user=alice, channel=channels[1])
        assert (await who.wait_response()).content == "Looking up Mina."
        with pytest.raises(ValueError, match="no slash command 'who'"):
            await fake.run_slash_command("who", {"name": "Mina"}, user=alice, channel=channels[0])


async def test_autosharded_bot_asks_the_gateway_how_many_shards() -> None:
    async with FakeDiscord(recommended_shards=2) as fake:
        fake.add_guild("A", shard=(0, 2))
        fake.add_guild("B", shard=(1, 2))
        bot = make_bot(sharded=True)
        async with running_bot(bot, fake):
            [gateway_bot] = fake.requests_to("GET", "/gateway/bot")
            assert gateway_bot.method == "GET"
            assert sorted(i.shard for i in fake.identifies if i.shard) == [(0, 2), (1, 2)]
            assert bot.shard_count == 2


async def test_malformed_gateway_payload_kills_the_client(world: World) -> None:
    fake = world.fake
    with pytest.raises(AssertionError, match="client task has stopped"):
        async with running_bot(make_bot(), fake) as task:
            await fake.dispatch("MESSAGE_CREATE", {"id": "1"}, guild_id=world.guild.id)  # no channel_id
            await asyncio.wait({task}, timeout=5)


async def test_unknown_routes_answer_404_json_and_log_an_error(
    world: World, fail_on_error_logs: ErrorLogs
) -> None:
    fake = world.fake
    bot = make_bot()
    async with running_bot(bot, fake):
        route = discord.http.Route("GET", "/guilds/{guild_id}/audit-logs", guild_id=world.guild.id)
        with pytest.raises(discord.NotFound, match="unknown route"):
            await bot.http.request(route)
        assert fake.unknown_routes == [f"GET /api/v10/guilds/{world.guild.id}/audit-logs"]
        assert fail_on_error_logs.take("has no route for GET")


def test_network_guard_allows_only_loopback() -> None:
    with GUARD.expecting_violations():
        with pytest.raises(NetworkAccessBlocked):
            socket.getaddrinfo("discord.com", 443)
        with socket.socket() as sock, pytest.raises(NetworkAccessBlocked):
            sock.connect(("192.0.2.1", 443))
        assert len(GUARD.violations) == 2
    assert socket.getaddrinfo("localhost", 80)
