"""`FakeDiscord`: the test-facing API of the fake server.

Tests build a small world (guilds, channels, roles, users), start the server, point the real
discord.py at it, then act as Discord users would (post messages, run slash commands, type into
autocomplete, click buttons) and assert on what the bot did.  Every wait is an event with a timeout.
"""

# The public waits take `timeout=` (the API tests are written against), not asyncio.timeout().
# ruff: noqa: ASYNC109

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from aiohttp import web

from .gateway import DropMode, Gateway, IdentifyRecord, ResumeRecord
from .interactions import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    MESSAGE_COMPONENT,
    MODAL_SUBMIT,
    FakeInteraction,
    command_data,
    component_data,
    new_interaction,
)
from .models import (
    JSON,
    FakeChannel,
    FakeGuild,
    FakeMember,
    FakeMessage,
    FakeRole,
    FakeUser,
    RecordedRequest,
    permission_value,
)
from .rest import RestApi
from .server import GATEWAY_PATH, RESUME_GATEWAY_PATH, build_app
from .state import ROLE_MENTION, USER_MENTION, FakeState, Fault, message_for_gateway


class FakeDiscord:
    """A Discord REST + gateway server on 127.0.0.1 for end-to-end tests of a discord.py bot."""

    def __init__(
        self, *, bot_name: str = "FakeBot", token: str = "fake-token", recommended_shards: int = 1
    ) -> None:
        self.state = FakeState(bot_name=bot_name, token=token)
        self.gateway = Gateway(self.state)
        self._api = RestApi(self.state, self.gateway, gateway_url="", recommended_shards=recommended_shards)
        self._runner: web.AppRunner | None = None
        self._port = 0
        self._returned_bot_messages: set[int] = set()
        self._returned_resumes = 0

    # -- lifecycle ----------------------------------------------------------------------------

    async def start(self) -> None:
        app = build_app(self.state, self._api.routes(), self.gateway.handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self._port = int(self._runner.addresses[0][1])
        self._api.gateway_url = self.gateway_url
        self.gateway.resume_url = f"ws://127.0.0.1:{self._port}{RESUME_GATEWAY_PATH}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self.gateway.close_all()
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def api_base_url(self) -> str:
        """Pass to `use_discord_endpoints`; REST lives under `{api_base_url}/api/v10`."""
        return f"http://127.0.0.1:{self._port}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self._port}{GATEWAY_PATH}"

    @property
    def resume_gateway_url(self) -> str:
        return self.gateway.resume_url

    # -- what the fake knows and what the client did ------------------------------------------

    @property
    def token(self) -> str:
        return self.state.token

    @property
    def bot_user(self) -> FakeUser:
        return self.state.bot_user

    @property
    def application_id(self) -> int:
        return self.state.application_id

    @property
    def owner(self) -> FakeUser:
        """The user owning every fake guild (Discord needs one; the owner has all permissions)."""
        return self.state.owner

    @property
    def guilds(self) -> list[FakeGuild]:
        return list(self.state.guilds.values())

    @property
    def commands(self) -> dict[int | None, list[JSON]]:
        """Synced application commands per scope (None: global, else a guild id), as stored."""
        return self.state.commands

    def command(self, name: str, guild: FakeGuild | None = None) -> JSON:
        """The synced payload of command `name` in `guild`'s scope (global if None)."""
        for command in self.state.commands.get(guild.id if guild else None, []):
            if command["name"] == name:
                return command
        raise KeyError(f"command {name!r} was not synced in that scope; scopes: {list(self.state.commands)}")

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every REST request, oldest first; paths are relative to /api/v10."""
        return self.state.requests

    def requests_to(self, method: str, path_pattern: str) -> list[RecordedRequest]:
        """Recorded requests whose method matches and whose path fully matches the regex."""
        return [r for r in self.state.requests if r.method == method and re.fullmatch(path_pattern, r.path)]

    @property
    def unknown_routes(self) -> list[str]:
        return self.state.unknown_routes

    @property
    def identifies(self) -> list[IdentifyRecord]:
        return self.gateway.identifies

    @property
    def resumes(self) -> list[ResumeRecord]:
        return self.gateway.resumes

    @property
    def invalid_sessions_sent(self) -> int:
        return self.gateway.invalid_sessions_sent

    def guilds_sent_to_shard(self, shard_id: int) -> list[int]:
        """Ids of the guilds the live session of `shard_id` received in GUILD_CREATE."""
        return [
            gid
            for s in self.gateway.sessions.values()
            if not s.invalid and s.shard is not None and s.shard[0] == shard_id
            for gid in s.guild_ids
        ]

    # -- building the world (do it before the bot connects) -----------------------------------

    def add_guild(self, name: str, *, shard: tuple[int, int] | None = None) -> FakeGuild:
        """A guild with @everyone, a managed role for the bot, the bot and the owner as members.

        `shard=(shard_id, shard_count)` picks an id that lands on that shard.
        """
        return self.state.add_guild(name, shard=shard)

    def add_text_channel(self, guild: FakeGuild, name: str, *, topic: str | None = None) -> FakeChannel:
        return self.state.add_text_channel(guild, name, topic=topic)

    def add_role(
        self, guild: FakeGuild, name: str, *, permissions: Any = 0, mentionable: bool = False
    ) -> FakeRole:
        """`permissions`: an int or a `discord.Permissions`."""
        return self.state.add_role(
            guild, name, permissions=permission_value(permissions), mentionable=mentionable
        )

    def add_user(
        self,
        name: str,
        *,
        guild: FakeGuild | None = None,
        roles: Iterable[FakeRole] = (),
        permissions: Any = None,
        nick: str | None = None,
        bot: bool = False,
    ) -> FakeUser:
        """A user who joins `guild` (default: every guild), with the roles that belong to each guild.

        `permissions` (int or `discord.Permissions`) overrides the permissions computed from roles.
        """
        user = self.state.new_user(name, bot=bot)
        roles = list(roles)
        for target in [guild] if guild else list(self.state.guilds.values()):
            own_roles = [role for role in roles if role.guild_id == target.id]
            self.add_member(target, user, roles=own_roles, permissions=permissions, nick=nick)
        return user

    def add_member(
        self,
        guild: FakeGuild,
        user: FakeUser,
        *,
        roles: Iterable[FakeRole] = (),
        permissions: Any = None,
        nick: str | None = None,
    ) -> FakeMember:
        value = None if permissions is None else permission_value(permissions)
        return self.state.add_member(guild, user, roles=list(roles), permissions=value, nick=nick)

    def dm_channel(self, user: FakeUser) -> FakeChannel:
        return self.state.dm_channel(user)

    # -- acting as Discord users --------------------------------------------------------------

    async def wait_until_ready(self, *, timeout: float = 5.0) -> None:
        """Wait until every shard has IDENTIFYed and been sent READY and its GUILD_CREATEs."""
        await self.state.wait_for(self.gateway.ready_sessions, timeout=timeout, what="the bot to IDENTIFY")

    async def dispatch(self, event: str, data: JSON, *, guild_id: int | None = None) -> None:
        """Send any gateway event as-is (raw escape hatch)."""
        await self.gateway.dispatch(event, data, guild_id=guild_id)

    async def post_user_message(
        self,
        channel: FakeChannel,
        user: FakeUser,
        content: str = "",
        *,
        mentions: Iterable[FakeUser] = (),
        mention_roles: Iterable[FakeRole] = (),
        mention_everyone: bool = False,
        reply_to: FakeMessage | None = None,
        embeds: list[JSON] | None = None,
    ) -> FakeMessage:
        """`user` posts in `channel` (MESSAGE_CREATE).  Mentions written in `content` count too."""
        guild = self.state.guild_of(channel)
        if guild is not None:
            guild.member(user)
        written = [self.state.users.get(int(uid)) for uid in USER_MENTION.findall(content)]
        users = list(mentions) + [u for u in written if u is not None]
        role_ids = [role.id for role in mention_roles] + [int(rid) for rid in ROLE_MENTION.findall(content)]
        body: JSON = {"content": content, "embeds": embeds or []}
        if reply_to is not None:
            body["message_reference"] = {"message_id": reply_to.id, "channel_id": reply_to.channel_id}
        message = self.state.create_message(
            channel,
            user,
            body,
            source="user",
            mentions=list(dict.fromkeys(users)),
            mention_roles=list(dict.fromkeys(role_ids)),
            mention_everyone=mention_everyone,
        )
        await self.gateway.dispatch(
            "MESSAGE_CREATE", message_for_gateway(self.state, message), guild_id=channel.guild_id
        )
        return message

    async def wait_for_bot_message(
        self,
        channel: FakeChannel,
        *,
        timeout: float = 5.0,
        predicate: Callable[[FakeMessage], bool] | None = None,
    ) -> FakeMessage:
        """The oldest visible bot message in `channel` not returned by an earlier call (any route)."""

        def check() -> FakeMessage | None:
            for message in self.state.messages.values():
                if (
                    message.channel_id == channel.id
                    and message.author_id == self.bot_user.id
                    and message.id not in self._returned_bot_messages
                    and not (message.deleted or message.ephemeral or message.loading)
                    and (predicate is None or predicate(message))
                ):
                    return message
            return None

        message = await self.state.wait_for(check, timeout=timeout, what=f"a bot message in #{channel.name}")
        self._returned_bot_messages.add(message.id)
        return message

    def bot_messages(self, channel: FakeChannel) -> list[FakeMessage]:
        """Every visible, undeleted bot message in `channel`, oldest first."""
        return [
            m
            for m in self.state.messages.values()
            if m.channel_id == channel.id
            and m.author_id == self.bot_user.id
            and not (m.deleted or m.ephemeral)
        ]

    async def run_slash_command(
        self, name: str, options: dict[str, Any] | None = None, *, user: FakeUser, channel: FakeChannel
    ) -> FakeInteraction:
        """`user` runs `/name` (subcommands: "group sub") with option values typed per the synced schema.

        Values may be FakeUser / FakeRole / FakeChannel for such options (they are also `resolved`).
        """
        data = command_data(self.state, name, options or {}, channel=channel)
        return await self._start(
            new_interaction(self.state, kind=APPLICATION_COMMAND, user=user, channel=channel, data=data)
        )

    async def run_message_command(
        self, name: str, message: FakeMessage, *, user: FakeUser, channel: FakeChannel
    ) -> FakeInteraction:
        """`user` picks the message context-menu command `name` (Apps → name) on `message`."""
        command = self.state.find_command(name, channel.guild_id, kind=3)
        data: JSON = {
            "id": command["id"],
            "name": command["name"],
            "type": 3,
            "target_id": str(message.id),
            "resolved": {"messages": {str(message.id): message_for_gateway(self.state, message)}},
        }
        if "guild_id" in command:
            data["guild_id"] = command["guild_id"]
        return await self._start(
            new_interaction(self.state, kind=APPLICATION_COMMAND, user=user, channel=channel, data=data)
        )

    async def autocomplete(
        self,
        name: str,
        options: dict[str, Any],
        *,
        focused: str,
        user: FakeUser,
        channel: FakeChannel,
        timeout: float = 5.0,
    ) -> list[JSON]:
        """`user` types into option `focused`; returns the choices the bot offered."""
        if focused not in options:
            raise ValueError(f"focused option {focused!r} needs a (partial) value in options")
        data = command_data(self.state, name, options, channel=channel, focused=focused)
        interaction = await self._start(
            new_interaction(self.state, kind=AUTOCOMPLETE, user=user, channel=channel, data=data)
        )
        response = await interaction.wait_response(timeout=timeout)
        if response.type != 8:
            raise AssertionError(f"autocomplete answered with callback type {response.type}, not 8")
        return list(response.choices)

    async def click(
        self, message: FakeMessage, custom_id: str, *, user: FakeUser, values: list[str] | None = None
    ) -> FakeInteraction:
        """`user` clicks the button (or picks `values` in the select) `custom_id` on a bot message.

        Waits first until the bot has handled the response that created the message (a person
        cannot click faster than the bot registers its view; a test can).
        """
        await self.settle()
        channel = self.state.channel(message.channel_id)
        if channel is None or message.deleted:
            raise ValueError(f"message {message.id} is gone")
        data = component_data(message, custom_id, values)
        interaction = new_interaction(
            self.state,
            kind=MESSAGE_COMPONENT,
            user=user,
            channel=channel,
            data=data,
            extra={"message": dict(message.data)},
        )
        interaction.original = message
        return await self._start(interaction)

    async def start_thread(
        self, channel: FakeChannel, user: FakeUser, name: str, *, starter: FakeMessage | None = None
    ) -> FakeChannel:
        """`user` starts a public thread in `channel` (on `starter`, if given): THREAD_CREATE."""
        thread_id = starter.id if starter is not None else self.state.ids.next()
        thread = self.state.add_thread(channel, thread_id, name, owner=user)
        await self.gateway.dispatch(
            "THREAD_CREATE", {**thread.to_json(), "newly_created": True}, guild_id=channel.guild_id
        )
        await self.settle()
        return thread

    async def submit_modal(
        self, opened: FakeInteraction, values: dict[str, str], *, user: FakeUser | None = None
    ) -> FakeInteraction:
        """Submit the modal the bot answered `opened` with, its text inputs filled with `values`.

        Each key of `values` must be the custom_id of a text input of that modal.  A modal opened
        from a button carries the button's message, as on Discord.
        """
        response = await opened.wait_response()
        if response.modal is None:
            raise AssertionError(f"{opened} was answered with callback type {response.type}, not a modal")
        inputs = [
            component
            for row in response.modal.get("components", [])
            for component in ([row] if row.get("type") == 18 else row.get("components", []))
        ]
        inputs = [c.get("component", c) for c in inputs]
        known = {c.get("custom_id") for c in inputs}
        if set(values) - known:
            raise ValueError(
                f"the modal has no text input {sorted(set(values) - known)}; it has {sorted(known)}"
            )
        rows = [
            {"type": 1, "components": [{"type": 4, "custom_id": cid, "value": values.get(cid, "")}]}
            for cid in (c.get("custom_id") for c in inputs)
        ]
        data: JSON = {"custom_id": response.modal["custom_id"], "components": rows}
        extra: JSON = {}
        if opened.original is not None and opened.type == MESSAGE_COMPONENT:
            extra["message"] = dict(opened.original.data)
        interaction = new_interaction(
            self.state,
            kind=MODAL_SUBMIT,
            user=user or opened.user,
            channel=opened.channel,
            data=data,
            extra=extra,
        )
        interaction.original = opened.original if opened.type == MESSAGE_COMPONENT else None
        return await self._start(interaction)

    async def settle(self, *, timeout: float = 5.0) -> None:
        """Wait until no REST response is pending and every connected client has handled all it
        was sent (a heartbeat round trip): afterwards the bot's state reflects everything so far."""
        await self.state.wait_for(lambda: True, timeout=timeout, what="pending REST responses")
        await self.gateway.round_trip(timeout=timeout)

    async def _start(self, interaction: FakeInteraction) -> FakeInteraction:
        self._api.interactions[interaction.id] = interaction
        await self.gateway.dispatch(
            "INTERACTION_CREATE", interaction.payload, guild_id=interaction.channel.guild_id
        )
        return interaction

    # -- REST trouble -------------------------------------------------------------------------

    def fail_requests(
        self,
        method: str,
        path_pattern: str,
        *,
        status: int,
        code: int = 0,
        message: str = "Fault injected by the test",
        times: int = 1,
    ) -> None:
        """The next `times` requests matching `method` and the `path_pattern` regex (relative to
        /api/v10) get an error response instead of being handled."""
        self.state.faults.append(Fault(method, path_pattern, status, code, message, times))

    # -- gateway trouble ----------------------------------------------------------------------

    async def drop_gateway(self, mode: DropMode, *, invalidate_session: bool = False) -> None:
        """Disconnect the bot: "close4000" (close frame 4000), "abort" (TCP reset, no close frame)
        or "reconnect" (op 7).  Events dispatched until the RESUME are replayed then.  With
        `invalidate_session`, the RESUME is refused with op 9 and the bot must IDENTIFY again."""
        await self.gateway.drop(mode, invalidate=invalidate_session)

    async def wait_for_resume(self, *, timeout: float = 5.0) -> ResumeRecord:
        """The next successful RESUME not returned by an earlier call."""
        index = self._returned_resumes
        await self.state.wait_for(lambda: len(self.gateway.resumes) > index, timeout=timeout, what="a RESUME")
        self._returned_resumes += 1
        return self.gateway.resumes[index]
