"""Point discord.py at a Discord-compatible server other than discord.com.

discord.py has no public setting for where it talks to: every REST call is built from the class
attribute `discord.http.Route.BASE`, and the gateway websocket starts from
`discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY` (a plain client never asks `GET /gateway`; it
only reconnects to the `resume_gateway_url` the server hands out in READY).  Overriding those two
attributes is enough to run the real, unmodified client against a fake server on 127.0.0.1 in
end-to-end tests, or against a self-hosted Discord-compatible server.  Both are process-wide, so
call this once, before the client logs in.
"""

from __future__ import annotations

import discord.gateway
import discord.http
import yarl

API_VERSION = 10


def use_discord_endpoints(api_base_url: str | None, gateway_url: str | None) -> None:
    """Send REST calls to `{api_base_url}/api/v10` and open the gateway at `gateway_url`.

    `None` leaves the corresponding Discord default untouched.
    """
    if api_base_url is not None:
        discord.http.Route.BASE = f"{api_base_url.rstrip('/')}/api/v{API_VERSION}"
    if gateway_url is not None:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
