"""The heartbeat goes quiet when the gateway is lost, so `health` (and Docker) can tell."""

from __future__ import annotations

import json
from pathlib import Path

from bot.discordbot.heartbeat import Heartbeat
from tests.discordbot.conftest import Talks, wait_until


def beat_time(path: Path) -> float:
    return json.loads(path.read_text())["at"]


def test_only_a_connected_bot_beats(tmp_path: Path) -> None:
    heartbeat = Heartbeat(tmp_path / "sub" / "heartbeat", 15.0)
    assert not heartbeat.beat() and not heartbeat.path.exists()
    heartbeat.set_connected(True)
    first = beat_time(heartbeat.path)
    heartbeat.set_connected(False)
    assert not heartbeat.beat() and beat_time(heartbeat.path) == first
    heartbeat.remove()
    assert not heartbeat.path.exists()


async def test_a_bot_that_lost_the_gateway_stops_beating(talks: Talks) -> None:
    heartbeat = talks.bot.heartbeat
    await wait_until(heartbeat.path.exists, what="the first heartbeat")
    assert heartbeat.connected
    await talks.fake.stop()  # Discord is gone for good: every reconnect fails
    await wait_until(lambda: not heartbeat.connected, what="the bot to notice")
    assert not heartbeat.beat()
    await talks.errors.wait_for(r"Attempting a reconnect")  # discord.py logs its retry at ERROR
