"""One deadline per request, at the socket: connecting, sending, the status line, every
header and every byte of the body all share it.

httpx's timeouts bound each socket operation, not the request: a server that sends its
headers one byte a second never trips them. Here each socket operation gets at most what
is left of the request's deadline, and none starts once it has passed, so the request
ends within its deadline whatever the server sends. (A proxy from the environment goes
through httpx's own transport; there, the body's bytes are still timed by the caller.)
"""

from __future__ import annotations

import ssl
import time
import typing
from collections.abc import Callable, Iterable

import httpcore
import httpx

Left = Callable[[], float]  # seconds left before the current request's deadline


def _bounded(timeout: float | None, left: Left, error: type[Exception]) -> float:
    remaining = left()
    if remaining <= 0:
        raise error("deadline")
    return remaining if timeout is None else min(timeout, remaining)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, left: Left) -> None:
        self.inner = inner
        self.left = left

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, _bounded(timeout, self.left, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, _bounded(timeout, self.left, httpcore.WriteTimeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, self.left, httpcore.ConnectTimeout)
        return _Stream(self.inner.start_tls(ssl_context, server_hostname, bounded), self.left)

    def get_extra_info(self, info: str) -> typing.Any:
        return self.inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self, left: Left) -> None:
        self.inner = httpcore.SyncBackend()
        self.left = left

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, self.left, httpcore.ConnectTimeout)
        stream = self.inner.connect_tcp(host, port, bounded, local_address, socket_options)
        return _Stream(stream, self.left)

    def connect_unix_socket(  # pragma: no cover - relance connects over TCP only
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("no unix sockets")

    def sleep(self, seconds: float) -> None:  # pragma: no cover - httpcore's retries are off
        self.inner.sleep(seconds)


class Deadline:
    """The current request's deadline, on the real monotonic clock."""

    def __init__(self) -> None:
        self.ends = float("inf")

    def start(self, seconds: float) -> None:
        self.ends = time.monotonic() + seconds

    def left(self) -> float:
        return self.ends - time.monotonic()

    def passed(self) -> bool:
        return self.left() <= 0


def transport(deadline: Deadline) -> httpx.HTTPTransport:
    """httpx's own transport, whose connection pool opens its sockets through the deadline
    (httpx takes no network backend: its pool is rebuilt the way httpx builds it)."""
    made = httpx.HTTPTransport()
    made._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        max_connections=httpx.Limits().max_connections,
        network_backend=_Backend(deadline.left),
    )
    return made
