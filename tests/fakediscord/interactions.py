"""Interactions the fake starts (slash commands, autocomplete, clicks) and what the bot answered.

`FakeInteraction` is the handle a test gets back: the REST routes fill it in as the bot calls the
callback, the followup webhook and `@original`, and `wait_response()` waits until the answer is
settled (a deferred response counts only once it has been edited or followed up).  The payload
builders produce INTERACTION_CREATE bodies with every key discord.py reads.
"""

# The public waits take `timeout=` (the API tests are written against), not asyncio.timeout().
# ruff: noqa: ASYNC109

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from .models import JSON, FakeChannel, FakeMessage, FakeRole, FakeUser
from .state import FakeState, interaction_member_json

APPLICATION_COMMAND = 2
MESSAGE_COMPONENT = 3
AUTOCOMPLETE = 4
MODAL_SUBMIT = 5
SUBCOMMAND_TYPES = (1, 2)


@dataclass(frozen=True)
class InteractionResponse:
    """The settled answer to an interaction, as the user sees it."""

    type: int  # callback type: 4 message, 5 deferred, 6 deferred update, 7 update, 8 choices, 9 modal
    message: FakeMessage | None
    followups: tuple[FakeMessage, ...]
    choices: tuple[JSON, ...] = ()
    modal: JSON | None = None

    @property
    def content(self) -> str:
        return self.message.content if self.message else ""

    @property
    def embeds(self) -> list[JSON]:
        return self.message.embeds if self.message else []

    @property
    def components(self) -> list[JSON]:
        return self.message.components if self.message else []

    @property
    def ephemeral(self) -> bool:
        return bool(self.message and self.message.ephemeral)


@dataclass(eq=False)
class FakeInteraction:
    id: int
    token: str
    type: int
    payload: JSON
    user: FakeUser
    channel: FakeChannel
    state: FakeState
    callback_type: int | None = None
    callback_data: JSON | None = None
    original: FakeMessage | None = None  # the response message; for a click, the clicked message
    followups: list[FakeMessage] = field(default_factory=list)
    edits_after_callback: int = 0

    async def wait_callback(self, *, timeout: float = 5.0) -> int:
        """Wait until the bot called `/callback`; returns the callback type."""
        return await self.state.wait_for(lambda: self.callback_type, timeout=timeout, what=f"{self} callback")

    async def wait_response(self, *, timeout: float = 5.0) -> InteractionResponse:
        await self.state.wait_for(self._settled, timeout=timeout, what=f"{self} to be answered")
        assert self.callback_type is not None
        data = self.callback_data or {}
        message = self.original
        if self.callback_type == 6 and not self.edits_after_callback and self.followups:
            message = self.followups[0]
        if self.callback_type in (8, 9):
            message = None
        return InteractionResponse(
            type=self.callback_type,
            message=message,
            followups=tuple(self.followups),
            choices=tuple(data.get("choices", [])) if self.callback_type == 8 else (),
            modal=data if self.callback_type == 9 else None,
        )

    async def wait_followups(self, count: int = 1, *, timeout: float = 5.0) -> list[FakeMessage]:
        await self.state.wait_for(
            lambda: len(self.followups) >= count, timeout=timeout, what=f"{count} followup(s) of {self}"
        )
        return list(self.followups)

    def _settled(self) -> bool:
        if self.callback_type is None:
            return False
        if self.callback_type == 5:
            return self.original is not None and not self.original.loading
        if self.callback_type == 6:
            return bool(self.edits_after_callback or self.followups)
        return True

    def __str__(self) -> str:
        name = (self.payload.get("data") or {}).get("name") or (self.payload.get("data") or {}).get(
            "custom_id"
        )
        return f"interaction {self.id} ({name})"


def new_interaction(
    state: FakeState,
    *,
    kind: int,
    user: FakeUser,
    channel: FakeChannel,
    data: JSON,
    extra: JSON | None = None,
) -> FakeInteraction:
    """Build the INTERACTION_CREATE payload for `user` acting in `channel`."""
    interaction_id = state.ids.next()
    token = f"fake-interaction-token-{secrets.token_hex(16)}"
    guild = state.guild_of(channel)
    payload: JSON = {
        "id": str(interaction_id),
        "application_id": str(state.application_id),
        "type": kind,
        "token": token,
        "version": 1,
        "attachment_size_limit": 10 * 1024 * 1024,
        "data": data,
        "channel_id": str(channel.id),
        "channel": channel.to_json(),
        "locale": "en-US",
        "entitlements": [],
        "entitlement_sku_ids": [],
    }
    if guild is not None:
        bot_member = guild.member(state.bot_user)
        payload.update(
            guild_id=str(guild.id),
            guild={"id": str(guild.id), "locale": "en-US", "features": []},
            member=interaction_member_json(guild, user),
            app_permissions=str(guild.permissions_of(bot_member)),
            guild_locale="en-US",
            authorizing_integration_owners={"0": str(guild.id)},
            context=0,
        )
    else:
        payload.update(
            user=user.to_json(),
            app_permissions=str((1 << 53) - 1),
            authorizing_integration_owners={"0": str(user.id)},
            context=1,
        )
    payload.update(extra or {})
    return FakeInteraction(
        id=interaction_id, token=token, type=kind, payload=payload, user=user, channel=channel, state=state
    )


def command_data(
    state: FakeState, name: str, values: dict[str, Any], *, channel: FakeChannel, focused: str | None = None
) -> JSON:
    """The `data` of a slash command (or autocomplete) call, typed from the synced command."""
    parts = name.split()
    command = state.find_command(parts[0], channel.guild_id)
    schema: list[JSON] = command.get("options", [])
    chain: list[JSON] = []
    for part in parts[1:]:
        sub = _find_option(schema, part, command)
        if sub["type"] not in SUBCOMMAND_TYPES:
            raise ValueError(f"{part!r} is not a subcommand of /{command['name']}")
        chain.append(sub)
        schema = sub.get("options", [])
    resolved: dict[str, dict[str, JSON]] = {}
    options = _typed_options(
        state,
        schema,
        values,
        channel=channel,
        focused=focused,
        resolved=resolved,
        check_required=focused is None,
    )
    for sub in reversed(chain):
        options = [{"name": sub["name"], "type": sub["type"], "options": options}]
    data: JSON = {"id": command["id"], "name": command["name"], "type": 1, "options": options}
    if "guild_id" in command:
        data["guild_id"] = command["guild_id"]
    if resolved:
        data["resolved"] = resolved
    return data


def _find_option(schema: list[JSON], name: str, command: JSON) -> JSON:
    for option in schema:
        if option["name"] == name:
            return option
    raise ValueError(f"/{command['name']} has no option or subcommand {name!r}")


def _typed_options(
    state: FakeState,
    schema: list[JSON],
    values: dict[str, Any],
    *,
    channel: FakeChannel,
    focused: str | None,
    resolved: dict[str, dict[str, JSON]],
    check_required: bool,
) -> list[JSON]:
    by_name = {option["name"]: option for option in schema}
    if check_required:
        missing = [o["name"] for o in schema if o.get("required") and o["name"] not in values]
        if missing:
            raise ValueError(f"missing required option(s) {missing}")
    typed: list[JSON] = []
    for name, value in values.items():
        if name not in by_name:
            raise ValueError(f"unknown option {name!r}; the command has {sorted(by_name)}")
        option_type = by_name[name]["type"]
        option: JSON = {"name": name, "type": option_type}
        if name == focused:
            option.update(value=str(value), focused=True)
        else:
            option["value"] = _option_value(state, option_type, value, channel, resolved)
        typed.append(option)
    return typed


def _option_value(
    state: FakeState, option_type: int, value: Any, channel: FakeChannel, resolved: dict[str, dict[str, JSON]]
) -> Any:
    guild = state.guild_of(channel)
    if isinstance(value, FakeUser):
        resolved.setdefault("users", {})[str(value.id)] = value.to_json()
        if guild is not None and value.id in guild.members:
            member = interaction_member_json(guild, value)
            member.pop("user")
            resolved.setdefault("members", {})[str(value.id)] = member
        return str(value.id)
    if isinstance(value, FakeRole):
        resolved.setdefault("roles", {})[str(value.id)] = value.to_json()
        return str(value.id)
    if isinstance(value, FakeChannel):
        everyone = guild.everyone.permissions if guild else 0
        resolved.setdefault("channels", {})[str(value.id)] = {**value.to_json(), "permissions": str(everyone)}
        return str(value.id)
    if option_type == 4:
        return int(value)
    if option_type == 10:
        return float(value)
    if option_type == 5:
        return bool(value)
    return str(value)


def component_data(message: FakeMessage, custom_id: str, values: list[str] | None) -> JSON:
    component = message.find_component(custom_id)
    if component is None:
        raise ValueError(f"message {message.id} has no component {custom_id!r}; it has {message.custom_ids}")
    if component.get("disabled"):
        raise ValueError(f"component {custom_id!r} is disabled and cannot be used")
    data: JSON = {"custom_id": custom_id, "component_type": component["type"]}
    if values is not None or component["type"] != 2:
        data["values"] = list(values or [])
    return data
