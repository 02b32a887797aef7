"""Waiting for a benchmarked server process to answer."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import httpx


def wait_until_ready(
    url: str, process: subprocess.Popen[bytes], log_path: Path, timeout: float = 30
) -> None:
    """Returns once `url`/healthz answers 200; raises with the server's log if it exits first
    or is not ready within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"server exited:\n{log_path.read_text()}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"server not ready in {timeout:.0f} s:\n{log_path.read_text()}")
        time.sleep(0.05)
