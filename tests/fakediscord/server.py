"""The aiohttp application: REST under `/api/v10`, the gateway websocket, and HTTP plumbing.

The middleware records every REST call (method, path, query, JSON body, uploaded file names),
checks the bot token like Discord does, turns `ApiError` into Discord's JSON error shape, and
answers routes the fake does not know with a loud ERROR log and a 404, so a test notices at once
when the bot starts using an endpoint nobody taught the fake.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from .models import JSON, RecordedRequest
from .state import FakeState

log = logging.getLogger(__name__)

API_PREFIX = "/api/v10"
GATEWAY_PATH = "/gateway"
RESUME_GATEWAY_PATH = "/gateway-resume"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
NO_AUTH_PREFIXES = ("/webhooks/", "/interactions/")
BODY: web.RequestKey[Any] = web.RequestKey("fakediscord_body")
FILES: web.RequestKey[list[JSON]] = web.RequestKey("fakediscord_files")


class ApiError(Exception):
    """A Discord API error: rendered as `{"message", "code"}` with an HTTP status."""

    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def json_response(data: Any, status: int = 200) -> web.Response:
    # Exactly "application/json": discord.py only parses JSON for that header value, and
    # `web.json_response`/`text=` would append "; charset=utf-8".
    return web.Response(body=json.dumps(data).encode(), status=status, content_type="application/json")


def no_content() -> web.Response:
    return web.Response(status=204)


async def _read_body(request: web.Request) -> tuple[Any, list[JSON]]:
    """The JSON body (or multipart `payload_json`) and the uploaded files."""
    if request.content_type.startswith("multipart/"):
        body: Any = None
        files: list[JSON] = []
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, web.BodyPartReader):
                continue
            raw = await part.read()
            if part.name == "payload_json":
                body = json.loads(raw)
            else:
                files.append({"field": part.name, "filename": part.filename or "file", "size": len(raw)})
        return body, files
    raw_text = await request.text()
    return (json.loads(raw_text) if raw_text else None), []


def make_middleware(state: FakeState) -> Callable[[web.Request, Handler], Awaitable[web.StreamResponse]]:
    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if not request.path.startswith(API_PREFIX):
            return await handler(request)
        path = request.path[len(API_PREFIX) :]
        state.in_flight += 1
        try:
            body, files = await _read_body(request)
            request[BODY], request[FILES] = body, files
            files_names = tuple(f["filename"] for f in files)
            state.record_request(
                RecordedRequest(request.method, path, dict(request.query), body, files_names)
            )
            if (
                not path.startswith(NO_AUTH_PREFIXES)
                and request.headers.get("Authorization") != f"Bot {state.token}"
            ):
                response = json_response({"message": "401: Unauthorized", "code": 0}, status=401)
            elif fault := next((f for f in state.faults if f.take(request.method, path)), None):
                response = json_response({"message": fault.message, "code": fault.code}, status=fault.status)
            else:
                response = await _handle(request, handler, path)
            # Write the response before waiters may look at what the request changed.
            await response.prepare(request)
            await response.write_eof()
            return response
        finally:
            state.in_flight -= 1
            state.changed()

    return middleware


async def _handle(request: web.Request, handler: Handler, path: str) -> web.StreamResponse:
    try:
        return await handler(request)
    except ApiError as exc:
        return json_response({"message": exc.message, "code": exc.code}, status=exc.status)
    except Exception:
        log.exception("fake Discord crashed handling %s %s", request.method, path)
        # 400, not 500: discord.py retries 5xx with multi-second sleeps.
        return json_response({"message": "fake Discord crashed, see the log", "code": 0}, status=400)


def unknown_route(state: FakeState) -> Handler:
    async def handler(request: web.Request) -> web.StreamResponse:
        route = f"{request.method} {request.path}"
        state.unknown_routes.append(route)
        log.error(
            "fake Discord has no route for %s (body: %s); add it to tests/fakediscord",
            route,
            request.get(BODY),
        )
        return json_response(
            {"message": "404: Not Found (unknown route in fake Discord)", "code": 0}, status=404
        )

    return handler


def build_app(state: FakeState, routes: list[web.RouteDef], websocket: Handler) -> web.Application:
    app = web.Application(middlewares=[make_middleware(state)])
    app.add_routes(routes)
    app.router.add_get(GATEWAY_PATH, websocket)
    app.router.add_get(RESUME_GATEWAY_PATH, websocket)
    app.router.add_route("*", API_PREFIX + "/{tail:.*}", unknown_route(state))
    return app
