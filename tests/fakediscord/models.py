"""The objects of the fake Discord world and their JSON shapes.

Tests hold these objects (a `FakeGuild`, a `FakeUser`, a `FakeMessage`...) and pass them back to the
fake; the fake turns them into the exact JSON payloads discord.py parses.  Keeping the payload
shapes here, next to the objects, means a field discord.py starts to require is added in one place.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]

DISCORD_EPOCH_MS = 1420070400000
ALL_PERMISSIONS = (1 << 53) - 1
ADMINISTRATOR = 1 << 3
# VIEW_CHANNEL, SEND_MESSAGES, EMBED_LINKS, ATTACH_FILES, READ_MESSAGE_HISTORY, ADD_REACTIONS,
# USE_EXTERNAL_EMOJIS, USE_APPLICATION_COMMANDS, CREATE_PUBLIC_THREADS, SEND_MESSAGES_IN_THREADS:
# what @everyone has in a freshly created server.
DEFAULT_EVERYONE_PERMISSIONS = (
    (1 << 10)
    | (1 << 11)
    | (1 << 14)
    | (1 << 15)
    | (1 << 16)
    | (1 << 6)
    | (1 << 18)
    | (1 << 31)
    | (1 << 35)
    | (1 << 38)
)
EPHEMERAL = 1 << 6
LOADING = 1 << 7


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


class Snowflakes:
    """Realistic, strictly increasing snowflake ids (timestamp << 22 | worker << 17 | increment)."""

    def __init__(self) -> None:
        self._last_ms = 0
        self._increment = 0

    def next(self) -> int:
        # Each id moves the timestamp part forward by at least 1 ms, so consecutive ids land on
        # different shards ((id >> 22) % shard_count) and ids stay unique without a lock.
        ms = max(int(time.time() * 1000) - DISCORD_EPOCH_MS, self._last_ms + 1)
        self._last_ms = ms
        self._increment = (self._increment + 1) % 4096
        return (ms << 22) | (1 << 17) | self._increment

    def next_on_shard(self, shard_id: int, shard_count: int) -> int:
        while True:
            candidate = self.next()
            if (candidate >> 22) % shard_count == shard_id:
                return candidate


def permission_value(permissions: Any) -> int:
    """Accept an int or anything with `.value` (e.g. `discord.Permissions`)."""
    return int(getattr(permissions, "value", permissions))


@dataclass(eq=False)
class FakeUser:
    id: int
    name: str
    bot: bool = False
    global_name: str | None = None

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"

    def to_json(self) -> JSON:
        return {
            "id": str(self.id),
            "username": self.name,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "bot": self.bot,
            "public_flags": 0,
            "flags": 0,
        }


@dataclass(eq=False)
class FakeRole:
    id: int
    guild_id: int
    name: str
    permissions: int = 0
    position: int = 0
    managed: bool = False
    mentionable: bool = False

    @property
    def mention(self) -> str:
        return f"<@&{self.id}>"

    def to_json(self) -> JSON:
        return {
            "id": str(self.id),
            "name": self.name,
            "permissions": str(self.permissions),
            "position": self.position,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "managed": self.managed,
            "mentionable": self.mentionable,
            "icon": None,
            "unicode_emoji": None,
            "flags": 0,
        }


@dataclass(eq=False)
class FakeChannel:
    """A guild text channel (type 0), a public thread (type 11, with `parent_id`) or a DM channel
    (type 1, `guild_id` None).  `overwrites` are Discord's permission_overwrites objects."""

    id: int
    name: str
    guild_id: int | None = None
    type: int = 0
    position: int = 0
    topic: str | None = None
    recipients: list[FakeUser] = field(default_factory=list)
    parent_id: int | None = None
    owner_id: int | None = None
    overwrites: list[JSON] = field(default_factory=list)

    @property
    def mention(self) -> str:
        return f"<#{self.id}>"

    def to_json(self) -> JSON:
        if self.guild_id is None:
            return {
                "id": str(self.id),
                "type": self.type,
                "recipients": [user.to_json() for user in self.recipients],
                "last_message_id": None,
                "flags": 0,
            }
        data: JSON = {
            "id": str(self.id),
            "type": self.type,
            "guild_id": str(self.guild_id),
            "name": self.name,
            "position": self.position,
            "permission_overwrites": list(self.overwrites),
            "nsfw": False,
            "topic": self.topic,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "parent_id": str(self.parent_id) if self.parent_id else None,
            "flags": 0,
        }
        if self.type == 11:
            data.update(
                owner_id=str(self.owner_id),
                message_count=0,
                member_count=1,
                thread_metadata={
                    "archived": False,
                    "auto_archive_duration": 1440,
                    "archive_timestamp": now_iso(),
                    "locked": False,
                },
            )
        return data


@dataclass(eq=False)
class FakeMember:
    user: FakeUser
    guild_id: int
    roles: list[FakeRole] = field(default_factory=list)
    nick: str | None = None
    permissions_override: int | None = None
    joined_at: str = field(default_factory=now_iso)

    def to_json(self, *, with_user: bool = True) -> JSON:
        data: JSON = {
            "roles": [str(role.id) for role in self.roles],
            "nick": self.nick,
            "avatar": None,
            "joined_at": self.joined_at,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "pending": False,
            "flags": 0,
            "communication_disabled_until": None,
        }
        if with_user:
            data["user"] = self.user.to_json()
        return data


@dataclass(eq=False)
class FakeGuild:
    id: int
    name: str
    owner_id: int
    roles: dict[int, FakeRole] = field(default_factory=dict)
    channels: dict[int, FakeChannel] = field(default_factory=dict)
    members: dict[int, FakeMember] = field(default_factory=dict)

    @property
    def everyone(self) -> FakeRole:
        return self.roles[self.id]

    def member(self, user: FakeUser) -> FakeMember:
        try:
            return self.members[user.id]
        except KeyError:
            raise ValueError(f"{user.name!r} is not a member of guild {self.name!r}") from None

    def permissions_of(self, member: FakeMember) -> int:
        """Guild-level permissions: the override, else @everyone | the member's roles."""
        if member.permissions_override is not None:
            return member.permissions_override
        if member.user.id == self.owner_id:
            return ALL_PERMISSIONS
        value = self.everyone.permissions
        for role in member.roles:
            value |= role.permissions
        return ALL_PERMISSIONS if value & ADMINISTRATOR else value

    def shard_id(self, shard_count: int) -> int:
        return (self.id >> 22) % shard_count

    def to_json(self, *, members: list[FakeMember]) -> JSON:
        """The full GUILD_CREATE payload."""
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(self.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "premium_progress_bar_enabled": False,
            "preferred_locale": "en-US",
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "application_id": None,
            "vanity_url_code": None,
            "features": [],
            "joined_at": now_iso(),
            "large": False,
            "unavailable": False,
            "member_count": len(self.members),
            "roles": [role.to_json() for role in self.roles.values()],
            "channels": [channel.to_json() for channel in self.channels.values() if channel.type != 11],
            "members": [member.to_json() for member in members],
            "threads": [channel.to_json() for channel in self.channels.values() if channel.type == 11],
            "presences": [],
            "voice_states": [],
            "emojis": [],
            "stickers": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }


@dataclass(eq=False)
class FakeMessage:
    """A stored message.  `data` is exactly what the REST API returns for it (kept up to date on edits)."""

    data: JSON
    source: str  # "user", "channel", "interaction" or "followup": the route that created it
    allowed_mentions: JSON | None = None
    interaction_id: int | None = None
    deleted: bool = False
    edits: int = 0

    @property
    def id(self) -> int:
        return int(self.data["id"])

    @property
    def channel_id(self) -> int:
        return int(self.data["channel_id"])

    @property
    def author_id(self) -> int:
        return int(self.data["author"]["id"])

    @property
    def content(self) -> str:
        return str(self.data.get("content", ""))

    @property
    def embeds(self) -> list[JSON]:
        return list(self.data.get("embeds", []))

    @property
    def components(self) -> list[JSON]:
        return list(self.data.get("components", []))

    @property
    def flags(self) -> int:
        return int(self.data.get("flags", 0))

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)

    @property
    def loading(self) -> bool:
        return bool(self.flags & LOADING)

    @property
    def reference(self) -> JSON | None:
        return self.data.get("message_reference")

    @property
    def mention_ids(self) -> list[int]:
        return [int(user["id"]) for user in self.data.get("mentions", [])]

    def find_component(self, custom_id: str) -> JSON | None:
        return next((c for c in iter_components(self.components) if c.get("custom_id") == custom_id), None)

    @property
    def custom_ids(self) -> list[str]:
        return [c["custom_id"] for c in iter_components(self.components) if "custom_id" in c]


def iter_components(components: list[JSON]) -> list[JSON]:
    """Flatten action rows / containers into their leaf components, in display order."""
    flat: list[JSON] = []
    for component in components:
        flat.append(component)
        flat.extend(iter_components(component.get("components", [])))
        if isinstance(component.get("accessory"), dict):
            flat.append(component["accessory"])
    return flat


@dataclass(frozen=True)
class RecordedRequest:
    """One REST call the client made: the path is relative to `/api/v10`."""

    method: str
    path: str
    query: dict[str, str]
    json: Any
    files: tuple[str, ...] = ()
