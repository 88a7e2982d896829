"""Fixtures shared by the whole test suite.

* No test may reach the network: DNS lookups of anything but localhost and socket connections to
  anything but loopback raise `NetworkAccessBlocked`, and the test fails even if some library
  swallowed that error.  Tests talk to Discord only through the fake on 127.0.0.1.
* `fake_discord` starts a fresh fake Discord server per test.
* `fail_on_error_logs` fails a test that logged at ERROR level: discord.py only *logs* exceptions
  raised in app commands, views and event handlers, so without it a broken command passes.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator, Iterator

import pytest

from tests.fakediscord import ErrorLogs, FakeDiscord
from tests.fakediscord.netguard import GUARD
from tests.kbfixture import kb  # noqa: F401  (the `kb` fixture, for every folder)
from tests.pgserver import database_url, postgres  # noqa: F401  (a real PostgreSQL, and both backends)


@pytest.fixture(scope="session", autouse=True)
def _no_network() -> Iterator[None]:
    GUARD.install()
    yield
    GUARD.uninstall()


@pytest.fixture(autouse=True)
def _fail_on_network_attempts() -> Iterator[None]:
    start = len(GUARD.violations)
    yield
    if len(GUARD.violations) > start:
        pytest.fail("network access attempted: " + "; ".join(GUARD.violations[start:]), pytrace=False)


@pytest.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    """A started fake Discord on 127.0.0.1 (random port); stopped after the test."""
    fake = FakeDiscord()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
def fail_on_error_logs() -> Iterator[ErrorLogs]:
    """Fail the test if anything logged at ERROR or above that the test did not `take()`."""
    handler = ErrorLogs()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler
        gc.collect()  # surface "Unclosed client session" and the like while still listening
    finally:
        root.removeHandler(handler)
    if handler.records:
        formatter = logging.Formatter("%(name)s: %(message)s")
        lines = "\n".join(formatter.format(record) for record in handler.records)
        pytest.fail(f"ERROR-level log records during the test:\n{lines}", pytrace=False)
