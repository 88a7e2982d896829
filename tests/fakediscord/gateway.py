"""The fake gateway websocket: sessions, sequence numbers, resumes and deliberate connection drops.

A session (one per IDENTIFY, i.e. per shard) keeps every dispatch it was sent, numbered with `s`.
Events dispatched while its client is disconnected are only appended to that history; when the
client RESUMEs with its last `seq`, the missed ones are replayed and RESUMED follows, which is the
behaviour a bot must survive on real Discord.  Frames are plain-text JSON: the client only
decompresses binary frames, so the `compress` query parameter is ignored.
"""

# The public waits take `timeout=` (the API tests are written against), not asyncio.timeout().
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from dataclasses import dataclass, field
from typing import Literal

from aiohttp import WSMsgType, web

from .models import JSON
from .state import FakeState

log = logging.getLogger(__name__)

HEARTBEAT_INTERVAL_MS = 41250
GUILD_MEMBERS = 1 << 1
GUILD_MESSAGES = 1 << 9
DIRECT_MESSAGES = 1 << 12
MESSAGE_CONTENT = 1 << 15
DropMode = Literal["close4000", "abort", "reconnect"]


@dataclass(eq=False)
class Connection:
    ws: web.WebSocketResponse
    request: web.Request
    heartbeat_waiters: list[asyncio.Future[None]] = field(default_factory=list)

    @property
    def path(self) -> str:
        return self.request.path


@dataclass(eq=False)
class Session:
    id: str
    shard: tuple[int, int] | None
    intents: int
    seq: int = 0
    history: list[JSON] = field(default_factory=list)
    conn: Connection | None = None
    invalid: bool = False
    guild_ids: list[int] = field(default_factory=list)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def covers(self, guild_id: int | None) -> bool:
        """Does this session receive events of `guild_id` (None: DMs, which go to shard 0)?"""
        if self.shard is None:
            return True
        shard_id, shard_count = self.shard
        return (0 if guild_id is None else (guild_id >> 22) % shard_count) == shard_id


@dataclass(frozen=True)
class IdentifyRecord:
    session_id: str
    shard: tuple[int, int] | None
    intents: int
    path: str


@dataclass(frozen=True)
class ResumeRecord:
    session_id: str
    seq: int | None
    replayed: tuple[str, ...]  # event names sent again, oldest first
    path: str


def visible_to(session: Session, event: str, data: JSON, bot_id: int) -> JSON | None:
    """What a session may see of a message event, by its intents (None: not sent at all)."""
    if event not in ("MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_DELETE"):
        return data
    in_guild = "guild_id" in data
    if not session.intents & (GUILD_MESSAGES if in_guild else DIRECT_MESSAGES):
        return None
    if event == "MESSAGE_DELETE" or not in_guild or session.intents & MESSAGE_CONTENT:
        return data
    mentioned = any(str(user.get("id")) == str(bot_id) for user in data.get("mentions", []))
    if data.get("author", {}).get("id") == str(bot_id) or mentioned:
        return data
    return {**data, "content": "", "embeds": [], "attachments": [], "components": []}


class Gateway:
    def __init__(self, state: FakeState) -> None:
        self.state = state
        self.sessions: dict[str, Session] = {}
        self.identifies: list[IdentifyRecord] = []
        self.resumes: list[ResumeRecord] = []
        self.invalid_sessions_sent = 0
        self.resume_url = ""
        self._connections: set[Connection] = set()

    # -- websocket endpoint -------------------------------------------------------------------

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        conn = Connection(ws, request)
        self._connections.add(conn)
        try:
            await self._send(
                conn, {"op": 10, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}, "s": None, "t": None}
            )
            async for msg in ws:
                if msg.type is WSMsgType.TEXT:
                    await self._on_frame(conn, json.loads(msg.data))
                else:
                    log.error("fake gateway: unexpected %s frame from the client", msg.type)
        except ConnectionError:
            pass
        finally:
            self._wake_heartbeat_waiters(conn)
            self._connections.discard(conn)
            for session in self.sessions.values():
                if session.conn is conn:
                    session.conn = None
            self.state.changed()
        return ws

    async def _on_frame(self, conn: Connection, frame: JSON) -> None:
        op, data = frame.get("op"), frame.get("d")
        if op == 1:
            self._wake_heartbeat_waiters(conn)
            await self._send(conn, {"op": 11, "d": None, "s": None, "t": None})
        elif op == 2:
            await self._identify(conn, data)
        elif op == 6:
            await self._resume(conn, data)
        elif op == 8:
            await self._request_members(conn, data)
        elif op in (3, 4):
            pass  # presence / voice state updates: accepted and ignored
        else:
            log.error("fake gateway: unsupported op %r: %s", op, frame)

    async def _identify(self, conn: Connection, data: JSON) -> None:
        if data.get("token") != self.state.token:
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return
        shard = (int(data["shard"][0]), int(data["shard"][1])) if data.get("shard") else None
        for old in self.sessions.values():
            if old.shard == shard:
                old.invalid = True
        session = Session(id=uuid.uuid4().hex, shard=shard, intents=int(data.get("intents", 0)))
        self.sessions[session.id] = session
        guilds = [guild for guild in self.state.guilds.values() if session.covers(guild.id)]
        bot = self.state.bot_user
        ready: JSON = {
            "v": 10,
            "user": {**bot.to_json(), "verified": True, "mfa_enabled": False, "email": None},
            "guilds": [{"id": str(guild.id), "unavailable": True} for guild in guilds],
            "session_id": session.id,
            "resume_gateway_url": self.resume_url,
            "session_type": "normal",
            "application": {"id": str(self.state.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "user_settings": {},
            "auth": {},
        }
        if shard is not None:
            ready["shard"] = list(shard)
        async with session.lock:
            session.conn = conn
            await self._emit(session, "READY", ready)
            for guild in guilds:
                all_members = session.intents & GUILD_MEMBERS
                members = [m for m in guild.members.values() if all_members or m.user is bot]
                await self._emit(session, "GUILD_CREATE", guild.to_json(members=members))
                session.guild_ids.append(guild.id)
        self.identifies.append(IdentifyRecord(session.id, shard, session.intents, conn.path))
        self.state.changed()

    async def _resume(self, conn: Connection, data: JSON) -> None:
        session = self.sessions.get(str(data.get("session_id")))
        if session is None or session.invalid or data.get("token") != self.state.token:
            self.invalid_sessions_sent += 1
            await self._send(conn, {"op": 9, "d": False, "s": None, "t": None})
            self.state.changed()
            return
        seq = data.get("seq")
        async with session.lock:
            previous, session.conn = session.conn, conn
            missed = [frame for frame in session.history if frame["s"] > (seq or 0)]
            for frame in missed:
                await self._deliver(session, frame)
            await self._emit(session, "RESUMED", {})
        if previous is not None and previous is not conn:
            await self._close(previous, 4000)
        self.resumes.append(ResumeRecord(session.id, seq, tuple(f["t"] for f in missed), conn.path))
        self.state.changed()

    async def _request_members(self, conn: Connection, data: JSON) -> None:
        guild = self.state.guilds.get(int(data["guild_id"]))
        session = next((s for s in self.sessions.values() if s.conn is conn), None)
        if guild is None or session is None:
            log.error("fake gateway: REQUEST_GUILD_MEMBERS for unknown guild/session: %s", data)
            return
        user_ids = {int(uid) for uid in data.get("user_ids") or []}
        query = str(data.get("query") or "").lower()
        if user_ids:
            members = [m for m in guild.members.values() if m.user.id in user_ids]
        else:
            members = [m for m in guild.members.values() if m.user.name.lower().startswith(query)]
        if data.get("limit"):
            members = members[: int(data["limit"])]
        chunk: JSON = {
            "guild_id": str(guild.id),
            "members": [m.to_json() for m in members],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if data.get("nonce") is not None:
            chunk["nonce"] = data["nonce"]
        async with session.lock:
            await self._emit(session, "GUILD_MEMBERS_CHUNK", chunk)

    # -- sending ------------------------------------------------------------------------------

    async def _emit(self, session: Session, event: str, data: JSON) -> None:
        """Number the event, keep it for replays, and send it if the client is connected."""
        session.seq += 1
        frame: JSON = {"op": 0, "t": event, "s": session.seq, "d": data}
        session.history.append(frame)
        await self._deliver(session, frame)

    async def _deliver(self, session: Session, frame: JSON) -> None:
        conn = session.conn
        if conn is None:
            return
        try:
            await self._send(conn, frame)
        except (ConnectionError, RuntimeError):
            session.conn = None  # kept in the history: a RESUME replays it

    @staticmethod
    async def _send(conn: Connection, frame: JSON) -> None:
        if conn.ws.closed:
            raise ConnectionResetError("websocket closed")
        await conn.ws.send_str(json.dumps(frame))

    async def dispatch(self, event: str, data: JSON, *, guild_id: int | None, strict: bool = True) -> None:
        """Send a DISPATCH to the session(s) in charge of `guild_id` (queued if disconnected).

        With `strict`, having no session at all is an error (the bot has not identified yet).
        """
        sessions = [s for s in self.sessions.values() if not s.invalid and s.covers(guild_id)]
        if not sessions and strict:
            raise RuntimeError("no gateway session for this event: await fake.wait_until_ready() first")
        for session in sessions:
            payload = visible_to(session, event, data, self.state.bot_user.id)
            if payload is not None:
                async with session.lock:
                    await self._emit(session, event, payload)

    # -- readiness, synchronisation, drops, shutdown ------------------------------------------

    @staticmethod
    def _wake_heartbeat_waiters(conn: Connection) -> None:
        for waiter in conn.heartbeat_waiters:
            if not waiter.done():
                waiter.set_result(None)
        conn.heartbeat_waiters.clear()

    async def round_trip(self, *, timeout: float) -> None:
        """Ask every connected client for a heartbeat (op 1) and wait for the answers.

        The client answers only after handling everything received before, so this is a barrier.
        It costs one client send, which discord.py rate-limits to 110 per minute per shard.
        """
        waiters: list[asyncio.Future[None]] = []
        for session in self.sessions.values():
            conn = session.conn
            if session.invalid or conn is None:
                continue
            waiter = asyncio.get_running_loop().create_future()
            conn.heartbeat_waiters.append(waiter)
            try:
                await self._send(conn, {"op": 1, "d": None, "s": None, "t": None})
            except (ConnectionError, RuntimeError):
                waiter.cancel()
                continue
            waiters.append(waiter)
        if waiters:
            await asyncio.wait_for(asyncio.gather(*waiters), timeout=timeout)

    def ready_sessions(self) -> list[Session] | None:
        """The live sessions once every shard has identified (None before that)."""
        live = [s for s in self.sessions.values() if not s.invalid]
        if not live:
            return None
        if any(s.shard is None for s in live):
            return live
        count = live[-1].shard[1] if live[-1].shard else 1
        shards = {s.shard[0] for s in live if s.shard and s.shard[1] == count}
        return live if shards >= set(range(count)) else None

    async def drop(self, mode: DropMode, *, invalidate: bool = False) -> None:
        """Disconnect every connected session the way Discord sometimes does."""
        targets = [s for s in self.sessions.values() if not s.invalid and s.conn is not None]
        if not targets:
            raise RuntimeError("no connected gateway session to drop")
        for session in targets:
            conn, session.conn = session.conn, None  # from now on events queue up for the RESUME
            session.invalid = invalidate
            assert conn is not None
            if mode == "close4000":
                await self._close(conn, 4000)
            elif mode == "abort":
                transport = conn.request.transport
                if transport is not None:
                    transport.abort()
            elif mode == "reconnect":
                await self._send(conn, {"op": 7, "d": None, "s": None, "t": None})
            else:
                raise ValueError(f"unknown drop mode {mode!r}")
        self.state.changed()

    @staticmethod
    async def _close(conn: Connection, code: int) -> None:
        try:
            await asyncio.wait_for(conn.ws.close(code=code), timeout=2)
        except (TimeoutError, ConnectionError):
            if conn.request.transport is not None:
                conn.request.transport.abort()

    async def close_all(self) -> None:
        for conn in list(self._connections):
            await self._close(conn, 1001)
