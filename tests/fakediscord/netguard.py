"""Keep tests off the network: only loopback names and addresses may be resolved or connected to.

Installed for the whole session by `tests/conftest.py`.  A blocked call raises
`NetworkAccessBlocked`, which is not an `OSError`, so retry loops (discord.py reconnects on
`OSError`) do not swallow it; every attempt is also recorded in `violations`, and the conftest
fails the test that made one even if some library caught the exception.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


class NetworkAccessBlocked(RuntimeError):
    """A test tried to resolve or connect to something other than loopback."""


def is_loopback(host: Any) -> bool:
    if host is None:
        return True  # getaddrinfo(None, port): the local wildcard, used for binding
    if isinstance(host, bytes):
        host = host.decode()
    host = str(host).strip("[]").split("%")[0]
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class NetworkGuard:
    def __init__(self) -> None:
        self.violations: list[str] = []
        self._originals: tuple[Any, Any, Any] | None = None

    def _block(self, what: str) -> NoReturn:
        self.violations.append(what)
        raise NetworkAccessBlocked(f"tests may not use the network: {what}")

    def install(self) -> None:
        if self._originals is not None:
            return
        real_getaddrinfo, real_connect, real_connect_ex = originals = (
            socket.getaddrinfo,
            socket.socket.connect,
            socket.socket.connect_ex,
        )
        self._originals = originals
        guard = self

        def check(sock: socket.socket, address: Any) -> None:
            if sock.family in (socket.AF_INET, socket.AF_INET6) and not is_loopback(address[0]):
                guard._block(f"connect to {address!r}")

        def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
            if not is_loopback(host):
                guard._block(f"DNS lookup of {host!r}")
            return real_getaddrinfo(host, *args, **kwargs)

        def connect(self: socket.socket, address: Any) -> None:
            check(self, address)
            return real_connect(self, address)

        def connect_ex(self: socket.socket, address: Any) -> int:
            check(self, address)
            return real_connect_ex(self, address)

        socket.getaddrinfo = getaddrinfo
        socket.socket.connect = connect  # type: ignore[method-assign]
        socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]

    def uninstall(self) -> None:
        if self._originals is not None:
            socket.getaddrinfo, socket.socket.connect, socket.socket.connect_ex = self._originals
            self._originals = None

    @contextmanager
    def expecting_violations(self) -> Iterator[None]:
        """For tests of the guard itself: attempts made inside do not fail the test."""
        start = len(self.violations)
        try:
            yield
        finally:
            del self.violations[start:]


GUARD = NetworkGuard()
