"""One background worker skeleton for the process's loops (outbox relay, webhook sender, API
metering, auto top-up payments).

A worker runs `run_pass()` in a loop. The pass returns how many seconds to wait before the next
one (0: at once, more work may be waiting); `wake()` ends a wait early (a commit in this process
that left work for the worker). A pass that raises is handed to `pass_failed()`, which logs and
returns the wait before the next try. `stop()` lets the current pass finish, bounded by
`stop_grace_seconds`, and only then cancels it: cancelling a task inside a database call can wedge
SQLite's single connection.

What a pass does, and how several processes share the work (conditional-update claims with a
lease, unique rows), is each worker's own business.
"""

from __future__ import annotations

import asyncio
import contextlib
from abc import ABC, abstractmethod

import structlog

log = structlog.get_logger(__name__)


class BackgroundWorker(ABC):
    #: The asyncio task's name (logs, debugging).
    name = "background-worker"

    def __init__(self, *, stop_grace_seconds: float, first_wait_seconds: float = 0.0) -> None:
        """`first_wait_seconds`: how long the loop waits before its first pass."""
        self._stop_grace_seconds = stop_grace_seconds
        self._first_wait_seconds = first_wait_seconds
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False

    @abstractmethod
    async def run_pass(self) -> float:
        """One pass of the loop; returns the seconds to wait before the next one."""

    def pass_failed(self, error: Exception) -> float:
        """A pass raised `error` (called inside the `except`): logs it with its traceback;
        returns the seconds to wait before the next pass."""
        log.exception(f"{self.name} pass failed")
        return self.retry_seconds

    #: The wait after a failed pass.
    retry_seconds = 1.0

    @property
    def running(self) -> bool:
        return self._task is not None

    @property
    def stopping(self) -> bool:
        return self._stopping

    def wake(self) -> None:
        """Ends the current wait: the next pass starts at once."""
        self._wake.set()

    def start(self) -> None:
        if self._task is None:
            self._stopping = False
            self._task = asyncio.create_task(self._run(), name=self.name)

    async def stop(self) -> None:
        """Lets the current pass finish (bounded), then ends the loop."""
        self._stopping = True
        self._wake.set()
        task, self._task = self._task, None
        if task is None:
            return
        done, _ = await asyncio.wait({task}, timeout=self._stop_grace_seconds)
        if not done:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        wait = self._first_wait_seconds
        while True:
            if wait > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), wait)
            if self._stopping:
                return
            self._wake.clear()
            try:
                wait = await self.run_pass()
            except Exception as error:
                wait = self.pass_failed(error)
