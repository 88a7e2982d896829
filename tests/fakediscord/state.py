"""Everything the fake Discord knows, in one place: the world, the messages and what the client did.

The REST routes, the gateway and the test-facing API all read and write this object, and every
write calls `changed()`, which wakes the `wait_for` waiters: tests wait on conditions over this
state (with timeouts) instead of sleeping.
"""

# The public waits take `timeout=` (the API tests are written against), not asyncio.timeout().
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from .models import (
    DEFAULT_EVERYONE_PERMISSIONS,
    JSON,
    FakeChannel,
    FakeGuild,
    FakeMember,
    FakeMessage,
    FakeRole,
    FakeUser,
    RecordedRequest,
    Snowflakes,
    now_iso,
)

T = TypeVar("T")

USER_MENTION = re.compile(r"<@!?(\d+)>")
ROLE_MENTION = re.compile(r"<@&(\d+)>")
# Everything a bot role gets in the fake: @everyone's defaults plus MANAGE_MESSAGES.
BOT_ROLE_PERMISSIONS = DEFAULT_EVERYONE_PERMISSIONS | (1 << 13)


@dataclass
class Fault:
    """A REST route answering with an error, as a real (or independent) server sometimes does."""

    method: str
    path_pattern: str
    status: int
    code: int
    message: str
    times: int

    def take(self, method: str, path: str) -> bool:
        if self.times <= 0 or method != self.method or not re.fullmatch(self.path_pattern, path):
            return False
        self.times -= 1
        return True


@dataclass
class FakeState:
    bot_name: str
    token: str
    ids: Snowflakes = field(default_factory=Snowflakes)
    guilds: dict[int, FakeGuild] = field(default_factory=dict)
    channels: dict[int, FakeChannel] = field(default_factory=dict)
    users: dict[int, FakeUser] = field(default_factory=dict)
    messages: dict[int, FakeMessage] = field(default_factory=dict)
    commands: dict[int | None, list[JSON]] = field(default_factory=dict)
    command_syncs: list[tuple[int | None, list[JSON]]] = field(default_factory=list)
    requests: list[RecordedRequest] = field(default_factory=list)
    unknown_routes: list[str] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)

    in_flight: int = 0  # REST requests whose response is not written yet

    def __post_init__(self) -> None:
        self.application_id = self.ids.next()
        self.bot_user = self.new_user(self.bot_name, bot=True, user_id=self.application_id)
        self.owner = self.new_user("guild-owner")
        self._changed = asyncio.Event()

    # -- waiting ------------------------------------------------------------------------------

    def changed(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_for(self, check: Callable[[], T | None], *, timeout: float, what: str) -> T:
        """Return the first truthy `check()`, re-checked after every state change.

        Checks run only while no REST response is being written: the bot acts on a response (for
        instance registers a view for the message it just sent) as soon as it reads it, so a test
        must not see the effect, and click that view, before the response is on the wire.
        """
        try:
            async with asyncio.timeout(timeout):
                while True:
                    if self.in_flight == 0:
                        result = check()
                        if result:
                            return result
                    await self._changed.wait()
        except TimeoutError:
            raise TimeoutError(f"fake Discord: timed out after {timeout}s waiting for {what}") from None

    # -- world building -----------------------------------------------------------------------

    def new_user(self, name: str, *, bot: bool = False, user_id: int | None = None) -> FakeUser:
        user = FakeUser(id=user_id or self.ids.next(), name=name, bot=bot)
        self.users[user.id] = user
        return user

    def add_guild(self, name: str, *, shard: tuple[int, int] | None = None) -> FakeGuild:
        guild_id = self.ids.next_on_shard(*shard) if shard else self.ids.next()
        guild = FakeGuild(id=guild_id, name=name, owner_id=self.owner.id)
        guild.roles[guild.id] = FakeRole(
            id=guild.id, guild_id=guild.id, name="@everyone", permissions=DEFAULT_EVERYONE_PERMISSIONS
        )
        bot_role = self.add_role(guild, self.bot_name, permissions=BOT_ROLE_PERMISSIONS)
        bot_role.managed = True
        self.guilds[guild.id] = guild
        self.add_member(guild, self.bot_user, roles=[bot_role])
        self.add_member(guild, self.owner)
        return guild

    def add_role(
        self, guild: FakeGuild, name: str, *, permissions: int = 0, mentionable: bool = False
    ) -> FakeRole:
        role = FakeRole(
            id=self.ids.next(),
            guild_id=guild.id,
            name=name,
            permissions=permissions,
            position=len(guild.roles),
            mentionable=mentionable,
        )
        guild.roles[role.id] = role
        return role

    def add_text_channel(self, guild: FakeGuild, name: str, *, topic: str | None = None) -> FakeChannel:
        channel = FakeChannel(
            id=self.ids.next(), name=name, guild_id=guild.id, position=len(guild.channels), topic=topic
        )
        guild.channels[channel.id] = channel
        self.channels[channel.id] = channel
        return channel

    def add_thread(self, parent: FakeChannel, thread_id: int, name: str, *, owner: FakeUser) -> FakeChannel:
        thread = FakeChannel(
            id=thread_id, name=name, guild_id=parent.guild_id, type=11, parent_id=parent.id, owner_id=owner.id
        )
        guild = self.guild_of(parent)
        if guild is not None:
            guild.channels[thread.id] = thread
        self.channels[thread.id] = thread
        return thread

    def add_member(
        self,
        guild: FakeGuild,
        user: FakeUser,
        *,
        roles: list[FakeRole] | None = None,
        permissions: int | None = None,
        nick: str | None = None,
    ) -> FakeMember:
        for role in roles or []:
            if role.guild_id != guild.id:
                raise ValueError(f"role {role.name!r} belongs to another guild")
        member = FakeMember(
            user=user, guild_id=guild.id, roles=list(roles or []), nick=nick, permissions_override=permissions
        )
        guild.members[user.id] = member
        return member

    def dm_channel(self, user: FakeUser) -> FakeChannel:
        for channel in self.channels.values():
            if channel.guild_id is None and channel.recipients == [user]:
                return channel
        channel = FakeChannel(id=self.ids.next(), name="", type=1, recipients=[user])
        self.channels[channel.id] = channel
        return channel

    # -- lookups ------------------------------------------------------------------------------

    def channel(self, channel_id: int) -> FakeChannel | None:
        return self.channels.get(channel_id)

    def guild_of(self, channel: FakeChannel) -> FakeGuild | None:
        return self.guilds.get(channel.guild_id) if channel.guild_id is not None else None

    def member_json(self, guild: FakeGuild | None, user: FakeUser) -> JSON | None:
        if guild is None or user.id not in guild.members:
            return None
        return guild.members[user.id].to_json(with_user=False)

    # -- messages -----------------------------------------------------------------------------

    def create_message(
        self,
        channel: FakeChannel,
        author: FakeUser,
        body: JSON,
        *,
        source: str,
        mentions: list[FakeUser] | None = None,
        mention_roles: list[int] | None = None,
        mention_everyone: bool = False,
        message_type: int = 0,
        extra: JSON | None = None,
    ) -> FakeMessage:
        """Store a message built from a message-create body (content, embeds, components, ...)."""
        data: JSON = {
            "id": str(self.ids.next()),
            "channel_id": str(channel.id),
            "author": author.to_json(),
            "content": body.get("content") or "",
            "timestamp": now_iso(),
            "edited_timestamp": None,
            "tts": bool(body.get("tts", False)),
            "mention_everyone": mention_everyone,
            "mentions": [user.to_json() for user in mentions or []],
            "mention_roles": [str(role_id) for role_id in mention_roles or []],
            "attachments": list(body.get("attachments") or []),
            "embeds": list(body.get("embeds") or []),
            "components": list(body.get("components") or []),
            "pinned": False,
            "type": message_type,
            "flags": int(body.get("flags") or 0),
        }
        if channel.guild_id is not None:
            data["guild_id"] = str(channel.guild_id)
        if body.get("nonce") is not None:
            data["nonce"] = body["nonce"]
        reference = body.get("message_reference")
        if reference:
            referenced = self.messages.get(int(reference["message_id"]))
            data["message_reference"] = {
                "type": reference.get("type", 0),
                "message_id": str(reference["message_id"]),
                "channel_id": str(reference.get("channel_id") or channel.id),
                **({"guild_id": str(channel.guild_id)} if channel.guild_id else {}),
            }
            data["referenced_message"] = dict(referenced.data) if referenced else None
            data["type"] = 19 if message_type == 0 else message_type
        data.update(extra or {})
        message = FakeMessage(data=data, source=source, allowed_mentions=body.get("allowed_mentions"))
        self.messages[message.id] = message
        self.changed()
        return message

    def edit_message(self, message: FakeMessage, body: JSON) -> FakeMessage:
        for key in ("content", "embeds", "components", "attachments", "flags"):
            if key in body and body[key] is not None:
                message.data[key] = body[key]
        if "allowed_mentions" in body:
            message.allowed_mentions = body["allowed_mentions"]
        message.data["edited_timestamp"] = now_iso()
        message.edits += 1
        self.changed()
        return message

    def delete_message(self, message: FakeMessage) -> None:
        message.deleted = True
        self.changed()

    def bot_mentions(self, channel: FakeChannel, body: JSON) -> tuple[list[FakeUser], list[int], bool]:
        """Who a bot-sent message pings: mentions in `content`, filtered by `allowed_mentions`."""
        content = body.get("content") or ""
        allowed = body.get("allowed_mentions")
        parse = set(allowed.get("parse", [])) if allowed is not None else {"users", "roles", "everyone"}
        allowed_users = {int(uid) for uid in (allowed or {}).get("users", [])}
        allowed_roles = {int(rid) for rid in (allowed or {}).get("roles", [])}
        users = [
            self.users[uid]
            for uid in dict.fromkeys(int(m) for m in USER_MENTION.findall(content))
            if uid in self.users and ("users" in parse or uid in allowed_users)
        ]
        roles = [int(r) for r in ROLE_MENTION.findall(content) if "roles" in parse or int(r) in allowed_roles]
        reference = body.get("message_reference")
        replied_user = (allowed or {}).get("replied_user", allowed is None)
        if reference and replied_user:
            referenced = self.messages.get(int(reference["message_id"]))
            author = self.users.get(referenced.author_id) if referenced else None
            if author is not None and author not in users:
                users.append(author)
        everyone = "everyone" in parse and ("@everyone" in content or "@here" in content)
        return users, roles, everyone

    def record_request(self, request: RecordedRequest) -> None:
        self.requests.append(request)
        self.changed()

    def sync_commands(self, scope: int | None, payload: list[JSON]) -> list[JSON]:
        existing = {command["name"]: command for command in self.commands.get(scope, [])}
        stored: list[JSON] = []
        for command in payload:
            previous = existing.get(command["name"])
            entry: JSON = {"type": 1, "description": "", "options": [], "nsfw": False, **command}
            # Discord answers with permissions as a string, whatever the client sent.
            entry["default_member_permissions"] = _as_str(command.get("default_member_permissions"))
            entry["id"] = previous["id"] if previous else str(self.ids.next())
            entry["application_id"] = str(self.application_id)
            entry["version"] = str(self.ids.next())
            if scope is not None:
                entry["guild_id"] = str(scope)
            stored.append(entry)
        self.commands[scope] = stored
        self.command_syncs.append((scope, payload))
        self.changed()
        return stored

    def find_command(self, name: str, guild_id: int | None, *, kind: int = 1) -> JSON:
        """A synced command of type `kind` (1 slash, 2 user menu, 3 message menu) by name."""
        for scope in (guild_id, None):
            for command in self.commands.get(scope, []):
                if command["name"] == name and command.get("type", 1) == kind:
                    return command
        synced = {scope: [c["name"] for c in cmds] for scope, cmds in self.commands.items()}
        what = "slash command" if kind == 1 else f"type-{kind} command"
        raise ValueError(f"no {what} {name!r} was synced for this guild or globally; synced: {synced}")


def _as_str(value: object) -> str | None:
    return None if value is None else str(value)


def interaction_member_json(guild: FakeGuild, user: FakeUser) -> JSON:
    """The `member` of an INTERACTION_CREATE: with the user and the resolved guild permissions."""
    member = guild.member(user)
    return {**member.to_json(), "permissions": str(guild.permissions_of(member))}


def mention_json(state: FakeState, guild: FakeGuild | None, user: FakeUser) -> JSON:
    data = user.to_json()
    member = state.member_json(guild, user)
    if member is not None:
        data["member"] = member
    return data


def message_for_gateway(state: FakeState, message: FakeMessage) -> JSON:
    """MESSAGE_CREATE/UPDATE payload: the REST shape plus the author's `member` in guilds."""
    data = dict(message.data)
    channel = state.channel(message.channel_id)
    guild = state.guild_of(channel) if channel else None
    author = state.users.get(message.author_id)
    if guild is not None and author is not None and "webhook_id" not in data:
        member = state.member_json(guild, author)
        if member is not None:
            data["member"] = member
    data["mentions"] = [
        mention_json(state, guild, state.users[int(u["id"])]) if int(u["id"]) in state.users else u
        for u in data.get("mentions", [])
    ]
    return data
