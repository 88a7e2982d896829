"""The REST v10 routes the fake answers, with Discord's validation where bots commonly get it wrong.

Bot-visible side effects go back through the gateway like on Discord: a message the bot sends is
echoed as MESSAGE_CREATE, an edit as MESSAGE_UPDATE, a delete as MESSAGE_DELETE (ephemeral
messages are never echoed).  Deferred responses follow Discord: the loading message is `@original`,
and the first followup after a defer replaces it instead of posting a new message.
"""

from __future__ import annotations

import re
from typing import Any

from aiohttp import web

from .gateway import Gateway
from .interactions import FakeInteraction
from .models import EPHEMERAL, JSON, LOADING, FakeChannel, FakeGuild, FakeMessage
from .server import API_PREFIX, BODY, FILES, ApiError, json_response, no_content
from .state import FakeState, message_for_gateway

COMMAND_NAME = re.compile(r"^[-_\w]{1,32}$")


def invalid(message: str) -> ApiError:
    return ApiError(400, 50035, f"Invalid Form Body: {message}")


def validate_message(body: JSON, *, partial: bool = False) -> None:
    content = body.get("content") or ""
    if len(content) > 2000:
        raise invalid(f"content: Must be 2000 or fewer in length (got {len(content)}).")
    embeds = body.get("embeds") or []
    if len(embeds) > 10:
        raise invalid("embeds: Must be 10 or fewer in length.")
    for embed in embeds:
        if len(embed.get("description") or "") > 4096:
            raise invalid("embeds.description: Must be 4096 or fewer in length.")
    has_body = any(
        body.get(key) for key in ("content", "embeds", "components", "attachments", "sticker_ids", "poll")
    )
    if not partial and not has_body:
        raise ApiError(400, 50006, "Cannot send an empty message")


def validate_commands(commands: list[JSON]) -> None:
    for command in commands:
        name = command.get("name", "")
        if command.get("type", 1) == 1:
            valid = bool(COMMAND_NAME.match(name)) and name == name.lower()
        else:  # user and message menus: any case, spaces allowed
            valid = 1 <= len(name) <= 32 and name.strip() == name
        if not valid:
            raise invalid(f"name: invalid command name {name!r}")
        if command.get("type", 1) == 1 and not 1 <= len(command.get("description", "")) <= 100:
            raise invalid(f"{name}.description: Must be between 1 and 100 in length.")
        options = command.get("options") or []
        if len(options) > 25:
            raise invalid(f"{name}.options: Must be 25 or fewer in length.")
        for option in options:
            if not 1 <= len(option.get("description", "")) <= 100:
                raise invalid(
                    f"{name}.{option.get('name')}.description: Must be between 1 and 100 in length."
                )
            if len(option.get("choices") or []) > 25:
                raise invalid(f"{name}.{option.get('name')}.choices: Must be 25 or fewer in length.")


class RestApi:
    def __init__(
        self, state: FakeState, gateway: Gateway, *, gateway_url: str, recommended_shards: int
    ) -> None:
        self.state = state
        self.gateway = gateway
        self.gateway_url = gateway_url
        self.recommended_shards = recommended_shards
        self.interactions: dict[int, FakeInteraction] = {}

    def routes(self) -> list[web.RouteDef]:
        p = API_PREFIX
        msg = p + "/channels/{channel_id}/messages/{message_id}"
        hook = p + "/webhooks/{app_id}/{token}"
        return [
            web.get(p + "/users/@me", self.get_me),
            web.post(p + "/users/@me/channels", self.create_dm),
            web.get(p + "/users/{user_id}", self.get_user),
            web.get(p + "/oauth2/applications/@me", self.get_application),
            web.get(p + "/gateway", self.get_gateway),
            web.get(p + "/gateway/bot", self.get_gateway_bot),
            web.get(p + "/applications/{app_id}/commands", self.get_commands),
            web.put(p + "/applications/{app_id}/commands", self.put_commands),
            web.get(p + "/applications/{app_id}/guilds/{guild_id}/commands", self.get_commands),
            web.put(p + "/applications/{app_id}/guilds/{guild_id}/commands", self.put_commands),
            web.post(p + "/interactions/{interaction_id}/{token}/callback", self.interaction_callback),
            web.post(hook, self.create_followup),
            web.get(hook + "/messages/{message_id}", self.get_webhook_message),
            web.patch(hook + "/messages/{message_id}", self.edit_webhook_message),
            web.delete(hook + "/messages/{message_id}", self.delete_webhook_message),
            web.get(p + "/channels/{channel_id}", self.get_channel),
            web.post(p + "/channels/{channel_id}/typing", self.typing),
            web.get(p + "/channels/{channel_id}/messages", self.list_messages),
            web.post(p + "/channels/{channel_id}/messages", self.create_message),
            web.get(msg, self.get_message),
            web.patch(msg, self.edit_message),
            web.delete(msg, self.delete_message),
            web.put(msg + "/reactions/{emoji}/@me", self.react),
            web.post(msg + "/threads", self.start_thread),
            web.delete(msg + "/reactions/{emoji}/@me", self.react),
            web.get(p + "/guilds/{guild_id}", self.get_guild),
            web.get(p + "/guilds/{guild_id}/channels", self.get_guild_channels),
            web.get(p + "/guilds/{guild_id}/roles", self.get_guild_roles),
            web.get(p + "/guilds/{guild_id}/members/{user_id}", self.get_member),
        ]

    # -- lookups ------------------------------------------------------------------------------

    def _channel(self, request: web.Request) -> FakeChannel:
        channel = self.state.channel(int(request.match_info["channel_id"]))
        if channel is None:
            raise ApiError(404, 10003, "Unknown Channel")
        return channel

    def _guild(self, request: web.Request) -> FakeGuild:
        guild = self.state.guilds.get(int(request.match_info["guild_id"]))
        if guild is None:
            raise ApiError(404, 10004, "Unknown Guild")
        return guild

    def _channel_message(self, request: web.Request) -> FakeMessage:
        channel = self._channel(request)
        message = self.state.messages.get(int(request.match_info["message_id"]))
        if message is None or message.deleted or message.channel_id != channel.id or message.ephemeral:
            raise ApiError(404, 10008, "Unknown Message")
        return message

    def _interaction(self, request: web.Request) -> FakeInteraction:
        token = request.match_info["token"]
        if int(request.match_info["app_id"]) == self.state.application_id:
            for interaction in self.interactions.values():
                if interaction.token == token and interaction.callback_type is not None:
                    return interaction
        raise ApiError(404, 10015, "Unknown Webhook")

    def _webhook_message(self, request: web.Request) -> tuple[FakeInteraction, FakeMessage]:
        interaction = self._interaction(request)
        message_id = request.match_info["message_id"]
        if message_id == "@original":
            candidates = [interaction.original]
        else:
            candidates = [
                m for m in (interaction.original, *interaction.followups) if m and str(m.id) == message_id
            ]
        for message in candidates:
            if message is not None and not message.deleted:
                return interaction, message
        raise ApiError(404, 10008, "Unknown Message")

    # -- gateway echo -------------------------------------------------------------------------

    async def _echo(self, event: str, message: FakeMessage) -> None:
        if message.ephemeral:
            return
        guild_id = int(message.data["guild_id"]) if "guild_id" in message.data else None
        if event == "MESSAGE_DELETE":
            data: JSON = {"id": str(message.id), "channel_id": str(message.channel_id)}
            if guild_id is not None:
                data["guild_id"] = str(guild_id)
        else:
            data = message_for_gateway(self.state, message)
        await self.gateway.dispatch(event, data, guild_id=guild_id, strict=False)

    # -- users, application, gateway ----------------------------------------------------------

    async def get_me(self, request: web.Request) -> web.Response:
        return json_response({**self.state.bot_user.to_json(), "verified": True, "mfa_enabled": False})

    async def get_user(self, request: web.Request) -> web.Response:
        user = self.state.users.get(int(request.match_info["user_id"]))
        if user is None:
            raise ApiError(404, 10013, "Unknown User")
        return json_response(user.to_json())

    async def create_dm(self, request: web.Request) -> web.Response:
        user = self.state.users.get(int(request[BODY]["recipient_id"]))
        if user is None:
            raise ApiError(404, 10013, "Unknown User")
        return json_response(self.state.dm_channel(user).to_json())

    async def get_application(self, request: web.Request) -> web.Response:
        state = self.state
        return json_response(
            {
                "id": str(state.application_id),
                "name": state.bot_user.name,
                "description": "",
                "icon": None,
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": state.owner.to_json(),
                "team": None,
                "verify_key": "0" * 64,
                "flags": 0,
                "bot": state.bot_user.to_json(),
                "summary": "",
                "rpc_origins": [],
                "redirect_uris": [],
                "interactions_endpoint_url": None,
                "approximate_guild_count": len(state.guilds),
                "integration_types_config": {"0": {}},
            }
        )

    async def get_gateway(self, request: web.Request) -> web.Response:
        return json_response({"url": self.gateway_url})

    async def get_gateway_bot(self, request: web.Request) -> web.Response:
        limit = {"total": 1000, "remaining": 999, "reset_after": 14_400_000, "max_concurrency": 1}
        return json_response(
            {"url": self.gateway_url, "shards": self.recommended_shards, "session_start_limit": limit}
        )

    # -- application commands -----------------------------------------------------------------

    def _scope(self, request: web.Request) -> int | None:
        if int(request.match_info["app_id"]) != self.state.application_id:
            raise ApiError(403, 50001, "Missing Access")
        return self._guild(request).id if "guild_id" in request.match_info else None

    async def get_commands(self, request: web.Request) -> web.Response:
        return json_response(self.state.commands.get(self._scope(request), []))

    async def put_commands(self, request: web.Request) -> web.Response:
        scope = self._scope(request)
        payload = request[BODY] or []
        validate_commands(payload)
        return json_response(self.state.sync_commands(scope, payload))

    # -- interactions -------------------------------------------------------------------------

    def _interaction_message(self, interaction: FakeInteraction, body: JSON, *, source: str) -> FakeMessage:
        state = self.state
        users, roles, everyone = state.bot_mentions(interaction.channel, body)
        metadata: JSON = {
            "id": str(interaction.id),
            "type": interaction.type,
            "user": interaction.user.to_json(),
            "authorizing_integration_owners": interaction.payload["authorizing_integration_owners"],
        }
        if interaction.type == 2:
            metadata["name"] = interaction.payload["data"]["name"]
        message = state.create_message(
            interaction.channel,
            state.bot_user,
            body,
            source=source,
            mentions=users,
            mention_roles=roles,
            mention_everyone=everyone,
            message_type=20 if interaction.type == 2 and source == "interaction" else 0,
            extra={
                "webhook_id": str(state.application_id),
                "application_id": str(state.application_id),
                "interaction_metadata": metadata,
            },
        )
        message.interaction_id = interaction.id
        return message

    async def interaction_callback(self, request: web.Request) -> web.Response:
        interaction = self.interactions.get(int(request.match_info["interaction_id"]))
        if interaction is None or interaction.token != request.match_info["token"]:
            raise ApiError(404, 10062, "Unknown interaction")
        if interaction.callback_type is not None:
            raise ApiError(400, 40060, "Interaction has already been acknowledged.")
        body: JSON = request[BODY] or {}
        kind, data = int(body.get("type", 0)), body.get("data") or {}
        summary: JSON = {"id": str(interaction.id), "type": interaction.type}
        resource: JSON | None = None
        echo: tuple[str, FakeMessage] | None = None
        if kind in (6, 7) and interaction.original is None:
            raise invalid(f"callback type {kind} needs an interaction on a message (a click)")
        if kind == 8 and interaction.type != 4:
            raise invalid("callback type 8 is only valid for autocomplete interactions")
        if kind == 9 and interaction.type not in (2, 3):
            raise invalid("a modal cannot answer an autocomplete or a modal submit")
        if kind == 4:
            validate_message(data)
            interaction.original = message = self._interaction_message(
                interaction, data, source="interaction"
            )
            resource, echo = {"type": 4, "message": message.data}, ("MESSAGE_CREATE", message)
        elif kind == 5:
            flags = LOADING | (int(data.get("flags") or 0) & EPHEMERAL)
            body_ = {"content": "", "flags": flags}
            interaction.original = message = self._interaction_message(
                interaction, body_, source="interaction"
            )
            resource, echo = {"type": 5}, ("MESSAGE_CREATE", message)
        elif kind == 7:
            validate_message(data, partial=True)
            assert interaction.original is not None
            message = self.state.edit_message(interaction.original, data)
            resource, echo = {"type": 7, "message": message.data}, ("MESSAGE_UPDATE", message)
        elif kind == 8:
            if len(data.get("choices") or []) > 25:
                raise invalid("data.choices: Must be 25 or fewer in length.")
        elif kind not in (6, 9):
            raise invalid(f"unsupported interaction callback type {kind}")
        if kind in (4, 5, 7) and interaction.original is not None:
            summary.update(
                response_message_id=str(interaction.original.id),
                response_message_loading=interaction.original.loading,
                response_message_ephemeral=interaction.original.ephemeral,
            )
        interaction.callback_type, interaction.callback_data = kind, data
        self.state.changed()
        if echo is not None:
            await self._echo(*echo)
        return json_response({"interaction": summary, **({"resource": resource} if resource else {})})

    async def create_followup(self, request: web.Request) -> web.Response:
        interaction = self._interaction(request)
        body: JSON = request[BODY] or {}
        validate_message(body)
        original = interaction.original
        if interaction.callback_type == 5 and original is not None and original.loading:
            # Discord turns the first followup after a defer into the deferred message itself.
            self._finish_loading(original)
            message = self.state.edit_message(original, {k: v for k, v in body.items() if k != "flags"})
            interaction.edits_after_callback += 1
            await self._echo("MESSAGE_UPDATE", message)
            return json_response(message.data)
        message = self._interaction_message(interaction, body, source="followup")
        interaction.followups.append(message)
        self.state.changed()
        await self._echo("MESSAGE_CREATE", message)
        return json_response(message.data)

    @staticmethod
    def _finish_loading(message: FakeMessage) -> None:
        message.data["flags"] = message.flags & ~LOADING

    async def get_webhook_message(self, request: web.Request) -> web.Response:
        return json_response(self._webhook_message(request)[1].data)

    async def edit_webhook_message(self, request: web.Request) -> web.Response:
        interaction, message = self._webhook_message(request)
        body: JSON = request[BODY] or {}
        validate_message(body, partial=True)
        self._finish_loading(message)
        self.state.edit_message(message, {k: v for k, v in body.items() if k != "flags"})
        interaction.edits_after_callback += 1
        self.state.changed()
        await self._echo("MESSAGE_UPDATE", message)
        return json_response(message.data)

    async def delete_webhook_message(self, request: web.Request) -> web.Response:
        _, message = self._webhook_message(request)
        self.state.delete_message(message)
        await self._echo("MESSAGE_DELETE", message)
        return no_content()

    # -- channels and messages ----------------------------------------------------------------

    async def get_channel(self, request: web.Request) -> web.Response:
        return json_response(self._channel(request).to_json())

    async def typing(self, request: web.Request) -> web.Response:
        self._channel(request)
        return no_content()

    async def list_messages(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        limit = int(request.query.get("limit", 50))
        before = int(request.query.get("before", 1 << 63))
        after = int(request.query.get("after", 0))
        messages = [
            m
            for m in reversed(self.state.messages.values())
            if m.channel_id == channel.id and not m.deleted and not m.ephemeral and after < m.id < before
        ]
        return json_response([m.data for m in messages[:limit]])

    async def create_message(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        body: JSON = dict(request[BODY] or {})
        body["attachments"] = self._attachments(request)
        validate_message(body)
        reference = body.get("message_reference")
        if reference and reference.get("fail_if_not_exists", True):
            referenced = self.state.messages.get(int(reference["message_id"]))
            if referenced is None or referenced.deleted:
                raise invalid("message_reference: Unknown message")
        users, roles, everyone = self.state.bot_mentions(channel, body)
        message = self.state.create_message(
            channel,
            self.state.bot_user,
            body,
            source="channel",
            mentions=users,
            mention_roles=roles,
            mention_everyone=everyone,
        )
        await self._echo("MESSAGE_CREATE", message)
        return json_response(message.data)

    async def start_thread(self, request: web.Request) -> web.Response:
        """A public thread on a message (the thread's id is the message's, as on Discord)."""
        message = self._channel_message(request)
        body: JSON = dict(request[BODY] or {})
        name = str(body.get("name", ""))
        if not 1 <= len(name) <= 100:
            raise invalid("name: Must be between 1 and 100 in length.")
        parent = self._channel(request)
        if any(c.id == message.id for c in self.state.channels.values()):
            raise ApiError(400, 160004, "A thread has already been created for this message")
        thread = self.state.add_thread(parent, message.id, name, owner=self.state.bot_user)
        await self.gateway.dispatch(
            "THREAD_CREATE",
            {**thread.to_json(), "newly_created": True},
            guild_id=parent.guild_id,
            strict=False,
        )
        return json_response(thread.to_json(), status=201)

    def _attachments(self, request: web.Request) -> list[JSON]:
        attachments: list[JSON] = []
        for file in request[FILES]:
            attachment_id = self.state.ids.next()
            url = f"{request.scheme}://{request.host}/attachments/{attachment_id}/{file['filename']}"
            attachments.append(
                {
                    "id": str(attachment_id),
                    "filename": file["filename"],
                    "size": file["size"],
                    "url": url,
                    "proxy_url": url,
                }
            )
        return attachments

    async def get_message(self, request: web.Request) -> web.Response:
        return json_response(self._channel_message(request).data)

    async def edit_message(self, request: web.Request) -> web.Response:
        message = self._channel_message(request)
        if message.author_id != self.state.bot_user.id:
            raise ApiError(403, 50005, "Cannot edit a message authored by another user")
        body: JSON = request[BODY] or {}
        validate_message(body, partial=True)
        self.state.edit_message(message, body)
        await self._echo("MESSAGE_UPDATE", message)
        return json_response(message.data)

    async def delete_message(self, request: web.Request) -> web.Response:
        message = self._channel_message(request)
        self.state.delete_message(message)
        await self._echo("MESSAGE_DELETE", message)
        return no_content()

    async def react(self, request: web.Request) -> web.Response:
        self._channel_message(request)
        return no_content()

    # -- guilds -------------------------------------------------------------------------------

    async def get_guild(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        data: dict[str, Any] = guild.to_json(members=[])
        for key in ("channels", "members", "threads", "presences", "voice_states", "joined_at", "large"):
            data.pop(key, None)
        return json_response(data)

    async def get_guild_channels(self, request: web.Request) -> web.Response:
        return json_response([channel.to_json() for channel in self._guild(request).channels.values()])

    async def get_guild_roles(self, request: web.Request) -> web.Response:
        return json_response([role.to_json() for role in self._guild(request).roles.values()])

    async def get_member(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        member = guild.members.get(int(request.match_info["user_id"]))
        if member is None:
            raise ApiError(404, 10007, "Unknown Member")
        return json_response(member.to_json())
