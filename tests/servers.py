"""Real `credits-api serve` processes, for the tests whose behaviour crosses the network and for
the benchmarks (bench/ starts its servers through this module too, so both wait for readiness
and shut down the same way)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.waiting import eventually_blocking

REPO = Path(__file__).resolve().parent.parent
# Development mode (readable logs, GraphiQL) and no rate limits unless the caller's env says so.
DEFAULTS = {"CREDITS_ENV": "development", "RATE_LIMITS": "off"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    log_path: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def graphql_url(self) -> str:
        return f"{self.url}/graphql"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/graphql"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def healthy(self) -> bool:
        """Whether /healthz answers 200; raises if the process has exited (it never will)."""
        if self.process.poll() is not None:
            raise RuntimeError(f"server exited with {self.process.returncode}:\n{self.log()}")
        try:
            return httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        return self.process.returncode


def start_server(
    env: dict[str, str],
    log_dir: Path,
    *,
    port: int | None = None,
    ready_timeout: float = 30,
    tree: Path = REPO,
    log_name: str | None = None,
    serve_args: Sequence[str] = (),
    module: str | None = None,
) -> Server:
    """Starts `credits-api serve` from the checkout `tree` (its own packages first on the path)
    with this environment plus `env`, and returns once /healthz answers. `serve_args` are added
    to the command (`["--workers", "2"]`); `module` replaces the CLI module by a test's own
    entry point that wraps it."""
    port = port or free_port()
    log_path = log_dir / (log_name or f"server-{port}.log")
    command = [sys.executable, "-m", module or _cli_module(tree), "serve"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [*command, "--host", "127.0.0.1", "--port", str(port), *serve_args],
            cwd=tree,
            env={**os.environ, **DEFAULTS, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = Server(process, port, log_path)
    try:
        eventually_blocking(
            server.healthy, timeout=ready_timeout, what=f"{server.url}/healthz to answer 200"
        )
    except AssertionError as not_ready:
        server.stop(signal.SIGKILL)
        raise AssertionError(f"{not_ready}\nserver log:\n{server.log()}") from None
    except BaseException:
        server.stop(signal.SIGKILL)
        raise
    return server


@contextmanager
def running_server(
    env: dict[str, str], log_dir: Path, *, tree: Path = REPO, log_name: str | None = None
) -> Iterator[Server]:
    """A started server (see `start_server`), stopped afterwards."""
    server = start_server(env, log_dir, tree=tree, log_name=log_name)
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def running_servers(
    envs: list[dict[str, str]], log_dir: Path, *, module: str | None = None
) -> Iterator[list[Server]]:
    """One started server per env, started side by side; all stopped afterwards, whatever
    happens (a failed start included). `module`: as for `start_server`."""
    with ThreadPoolExecutor(max_workers=max(len(envs), 1)) as pool:
        starts = [pool.submit(start_server, env, log_dir, module=module) for env in envs]
    started = [start.result() for start in starts if start.exception() is None]
    try:
        for start in starts:
            start.result()
        yield started
    finally:
        with ThreadPoolExecutor(max_workers=max(len(started), 1)) as pool:
            list(pool.map(Server.stop, started))


def _cli_module(tree: Path) -> str:
    # Revisions before the top-level layout (bench.ab may serve one) kept it in `credits_api`.
    return "credits_api.cli" if (tree / "credits_api" / "cli.py").exists() else "cli"
