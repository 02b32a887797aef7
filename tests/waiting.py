"""Waiting for something to become true: poll a condition with a deadline, never a bare sleep.

`await eventually(condition)` in async code and `eventually_blocking(condition)` outside an event
loop (a server process starting, a thread's server starting) call `condition` until its value
passes `until` (truthiness by default), return that value, and raise AssertionError on timeout,
naming what was awaited and the last value seen: so a condition that reads a state (a dict of
metrics, a count) and an `until` that judges it report what the state was when time ran out.
An exception raised by the condition is not retried: it propagates at once (a server that exited
will never become ready).
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


async def eventually(
    condition: Callable[[], Awaitable[T] | T],
    *,
    until: Callable[[T], object] = bool,
    # A deadline that fails with what was awaited, not asyncio.timeout's bare TimeoutError.
    timeout: float = 10.0,  # noqa: ASYNC109
    interval: float = 0.05,
    what: str | None = None,
) -> T:
    """Calls `condition` (sync or async) every `interval` seconds until `until(value)` holds,
    and returns that value."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if inspect.isawaitable(value):
            value = await value
        if until(value):
            return value
        if time.monotonic() >= deadline:
            raise _timed_out(condition, what, timeout, value)
        await asyncio.sleep(interval)


def eventually_blocking(
    condition: Callable[[], T],
    *,
    until: Callable[[T], object] = bool,
    timeout: float = 10.0,
    interval: float = 0.05,
    what: str | None = None,
) -> T:
    """`eventually` for code that is not running in an event loop: blocks the calling thread."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if until(value):
            return value
        if time.monotonic() >= deadline:
            raise _timed_out(condition, what, timeout, value)
        time.sleep(interval)


def _timed_out(
    condition: Callable[..., object], what: str | None, timeout: float, last: object
) -> AssertionError:
    return AssertionError(
        f"timed out after {timeout:g} s waiting for {what or _describe(condition)}; "
        f"last value: {last!r}"
    )


def _describe(condition: Callable[..., object]) -> str:
    """The condition's name, or for a lambda its source line (only read once a wait has failed)."""
    name = getattr(condition, "__qualname__", repr(condition))
    if "<lambda>" not in name:
        return name
    try:
        return " ".join(inspect.getsource(condition).split())
    except (OSError, TypeError):
        return name
