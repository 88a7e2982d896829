"""/config: a server's admins set the bot up for their server; each change applies at once.

The `talks` server starts on the environment's defaults (Q&A channel #questions, the maintainers'
role, alerts in #kb-alerts); max has Manage Server, alice does not.
"""

from __future__ import annotations

import asyncio
import logging

import discord
import pytest

from bot.discordbot.exts.config import NOT_AN_ADMIN
from bot.discordbot.exts.maintainers import NOT_A_MAINTAINER
from tests.discordbot.conftest import Talks, wait_until
from tests.discordbot.test_maintainers import BROKEN_ENTRY, take_reload_errors
from tests.discordbot.test_messages import QUESTION
from tests.fakediscord import FakeChannel

pytestmark = pytest.mark.usefixtures("fail_on_error_logs")


def fields(embed: dict) -> dict[str, str]:
    return {field["name"]: field["value"] for field in embed["fields"]}


def answer_title(talks: Talks) -> str:
    return talks.bot.knowledge.engine.answer(QUESTION).title


async def assert_no_new_posts(talks: Talks, before: int) -> None:
    await talks.fake.settle()
    await asyncio.sleep(0.1)
    await talks.fake.settle()
    assert len(talks.fake.requests_to("POST", r"/channels/\d+/messages")) == before


async def test_config_is_for_admins_only(talks: Talks) -> None:
    command = talks.fake.command("config", talks.guild)
    assert int(command["default_member_permissions"]) == discord.Permissions(manage_guild=True).value
    assert {option["name"] for option in command["options"]} == {
        "show", "qa-channels", "maintainer-role", "alerts-channel", "answers",
    }  # fmt: skip
    refused = await talks.command("config show", user=talks.alice)
    assert refused.ephemeral and refused.content == NOT_AN_ADMIN
    refused = await talks.command("config answers", {"mode": "thread"}, user=talks.maya)  # /kb, not /config
    assert refused.content == NOT_AN_ADMIN
    assert talks.rows("SELECT * FROM guild_settings") == []


async def test_show_starts_from_the_environment_defaults(talks: Talks) -> None:
    shown = await talks.command("config show", user=talks.max)
    assert shown.ephemeral
    assert fields(shown.embeds[0]) == {
        "Q&A channels (default)": talks.qa.mention,
        "Maintainer role (default)": talks.maintainer_role.mention,
        "Alerts channel (default)": talks.alerts.mention,
        "Answers (default)": "`reply`: reply in the channel",
    }


async def test_qa_channels_add_and_remove_apply_at_once(talks: Talks) -> None:
    added = await talks.command("config qa-channels add", {"channel": talks.general}, user=talks.max)
    assert added.ephemeral
    assert added.embeds[0]["description"] == f"Added {talks.general.mention} to the Q&A channels."
    # the first change starts from the default channel in this server, so #questions stays
    both = f"{talks.general.mention}, {talks.qa.mention}"
    assert fields(added.embeds[0])["Q&A channels (set here)"] == both
    assert talks.rows("SELECT channel_id FROM guild_qa_channels ORDER BY channel_id") == [
        (talks.general.id,),
        (talks.qa.id,),
    ]
    sent = await talks.say(talks.general, QUESTION)
    assert (await talks.reply_to(sent)).embeds[0]["title"] == answer_title(talks)

    removed = await talks.command("config qa-channels remove", {"channel": talks.qa}, user=talks.max)
    assert fields(removed.embeds[0])["Q&A channels (set here)"] == talks.general.mention
    posts = len(talks.fake.requests_to("POST", r"/channels/\d+/messages"))
    await talks.say(talks.qa, QUESTION)
    await assert_no_new_posts(talks, posts)


async def deny_the_bot(talks: Talks, channel: FakeChannel, permissions: discord.Permissions) -> None:
    """A channel override that takes `permissions` away from the bot's role; the bot is told."""
    [bot_role] = [role for role in talks.guild.roles.values() if role.managed]
    channel.overwrites = [{"id": str(bot_role.id), "type": 0, "allow": "0", "deny": str(permissions.value)}]
    await talks.fake.dispatch("CHANNEL_UPDATE", channel.to_json(), guild_id=talks.guild.id)
    await wait_until(
        lambda: talks.bot.get_channel(channel.id).overwrites,  # type: ignore[union-attr]
        what="the bot to see the channel's overrides",
    )


@pytest.mark.parametrize(
    ("command", "denied", "named"),
    [
        ("config qa-channels add", discord.Permissions(send_messages=True), "Send Messages"),
        ("config qa-channels add", discord.Permissions(embed_links=True), "Embed Links"),
        ("config alerts-channel set", discord.Permissions(view_channel=True), "View Channel"),
    ],
)
async def test_a_channel_the_bot_cannot_use_is_refused_naming_the_permission(
    talks: Talks, command: str, denied: discord.Permissions, named: str
) -> None:
    await deny_the_bot(talks, talks.general, denied)
    refused = await talks.command(command, {"channel": talks.general}, user=talks.max)
    assert refused.ephemeral
    assert f"I'm missing {named}" in refused.content and talks.general.mention in refused.content
    assert talks.rows("SELECT * FROM guild_settings") == []


async def test_maintainer_role_set_and_clear(talks: Talks) -> None:
    editors = talks.fake.add_role(talks.guild, "Editors")
    created = {"role": editors.to_json(), "guild_id": str(talks.guild.id)}
    await talks.fake.dispatch("GUILD_ROLE_CREATE", created, guild_id=talks.guild.id)
    erin = talks.fake.add_user("erin", roles=[editors])

    done = await talks.command("config maintainer-role set", {"role": editors}, user=talks.max)
    assert fields(done.embeds[0])["Maintainer role (set here)"] == editors.mention
    assert (await talks.command("kb gaps", user=talks.maya)).content == NOT_A_MAINTAINER
    assert (await talks.command("kb gaps", user=erin)).embeds

    cleared = await talks.command("config maintainer-role clear", user=talks.max)
    assert fields(cleared.embeds[0])["Maintainer role (set here)"].startswith(
        "none — members with Manage Server"
    )
    assert (await talks.command("kb gaps", user=talks.max)).embeds  # Manage Server suffices now
    assert (await talks.command("kb gaps", user=erin)).content == NOT_A_MAINTAINER


async def test_answers_in_threads(talks: Talks) -> None:
    done = await talks.command("config answers", {"mode": "thread"}, user=talks.max)
    assert fields(done.embeds[0])["Answers (set here)"].startswith("`thread`")
    sent = await talks.say(talks.qa, QUESTION)
    thread = await talks.fake.state.wait_for(
        lambda: talks.fake.state.channel(sent.id), timeout=5, what="a thread on the question"
    )
    assert thread.type == 11 and thread.parent_id == talks.qa.id and thread.name == QUESTION
    answer = await talks.fake.wait_for_bot_message(thread)
    assert answer.embeds[0]["title"] == answer_title(talks)
    assert answer.allowed_mentions["parse"] == []
    assert talks.fake.bot_messages(talks.qa) == []  # the channel itself stays quiet

    await talks.command("config answers", {"mode": "reply"}, user=talks.max)
    again = await talks.say(talks.qa, QUESTION)
    assert (await talks.reply_to(again)).channel_id == talks.qa.id


async def test_alerts_go_to_the_server_s_own_channel(talks: Talks) -> None:
    await talks.command("config alerts-channel set", {"channel": talks.general}, user=talks.max)
    talks.knowledge_edit("entries/zz-broken.yaml", BROKEN_ENTRY)
    alert = await talks.fake.wait_for_bot_message(talks.general)
    take_reload_errors(talks)
    assert "NOT reloaded" in alert.embeds[0]["title"]
    assert talks.fake.bot_messages(talks.alerts) == []  # the environment's channel is this server's no more


async def test_kb_gaps_shows_only_the_asking_server(talks: Talks) -> None:
    await talks.ask("What is the population of Istanbul?")
    await wait_until(lambda: talks.rows("SELECT * FROM gaps"), what="the gap to be recorded")
    await talks.bot.feedback.arecord_gap("What is the weather in Ankara?", talks.guild.id + 1)  # elsewhere
    shown = await talks.command("kb gaps", user=talks.maya)
    text = str(shown.embeds[0])
    assert "what is the population of istanbul" in text
    assert "ankara" not in text


@pytest.fixture
def info_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO)  # before `talks` starts the bot
    return caplog


async def test_the_invite_url_is_logged_at_start_up(
    info_logs: pytest.LogCaptureFixture, talks: Talks
) -> None:
    records = info_logs.get_records("setup")
    [line] = [r.getMessage() for r in records if "invite the bot" in r.getMessage()]
    needed = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 16) | (1 << 35) | (1 << 38)  # read, send, embed,
    # history, start a thread, write in it: nothing more (no Administrator, no Manage Messages)
    assert line.endswith(
        f"https://discord.com/oauth2/authorize?client_id={talks.fake.application_id}"
        f"&scope=bot+applications.commands&permissions={needed}"
    )
