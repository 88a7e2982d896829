"""Per-user cooldowns."""

from __future__ import annotations

import pytest

from bot.discordbot.cooldowns import UserCooldowns


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_cooldown_allows_rate_per_window_and_warns_once() -> None:
    clock = Clock()
    cooldowns = UserCooldowns(2, 10.0, clock=clock)
    assert cooldowns.retry_after(1) == 0.0
    clock.now += 1
    assert cooldowns.retry_after(1) == 0.0
    assert cooldowns.retry_after(1) == pytest.approx(9.0)
    assert cooldowns.retry_after(2) == 0.0  # another user is not affected
    assert cooldowns.warn_once(1) and not cooldowns.warn_once(1)
    clock.now += 9.01
    assert cooldowns.retry_after(1) == 0.0
