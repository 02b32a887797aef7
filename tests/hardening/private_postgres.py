"""A private PostgreSQL 15 cluster on a free port, which a test may stop and restart.

Never the machine's shared PostgreSQL on 5432: the cluster lives in a temporary folder owned by
the `postgres` user (the server refuses to run as root) and is removed when the test ends.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests import backends
from tests.servers import free_port

BIN = Path(os.environ.get("TEST_POSTGRES_BIN", "/usr/lib/postgresql/15/bin"))
OS_USER = "postgres"


def missing_requirement() -> str | None:
    """Why a private cluster cannot run here, or None when it can."""
    for tool in ("initdb", "pg_ctl", "postgres"):
        if not (BIN / tool).is_file():
            return f"{BIN / tool} not found (PostgreSQL 15 server binaries)"
    try:
        pwd.getpwnam(OS_USER)
    except KeyError:
        return f"no `{OS_USER}` OS user to run a private PostgreSQL cluster as"
    if os.geteuid() != 0 and pwd.getpwuid(os.geteuid()).pw_name != OS_USER:
        return f"running as neither root nor `{OS_USER}`: cannot start a cluster as `{OS_USER}`"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "runuser not found (needed to start PostgreSQL as `postgres` from root)"
    return None


def require_private_postgres() -> None:
    """Skips (locally) or fails (CI) when a private cluster cannot be started."""
    reason = missing_requirement()
    if reason is not None:
        if backends.IN_CI:
            pytest.fail(reason + " (CI=true: a missing service is a failure)")
        pytest.skip(reason)


class PrivateCluster:
    """initdb + pg_ctl on a temporary data directory; `stop()` and `start()` may repeat."""

    def __init__(self, root: Path) -> None:
        self.data = root / "data"
        self.port = free_port()
        self.log = root / "postgres.log"

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str, timeout: float = 60) -> None:
        command = [str(BIN / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", OS_USER, "--", *command]
        completed = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        if completed.returncode != 0:
            output = (completed.stdout + completed.stderr).decode(errors="replace")
            raise RuntimeError(f"{' '.join(args[:1])} failed ({completed.returncode}):\n{output}")

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c max_connections=100"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")

    def stop(self) -> None:
        """Fast shutdown: open sessions are terminated, as in a real restart."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()


@contextmanager
def private_cluster() -> Iterator[PrivateCluster]:
    """A started private cluster; stopped and its folder removed afterwards, whatever happens."""
    root = Path(tempfile.mkdtemp(prefix="credits-pg-"))
    try:
        if os.geteuid() == 0:
            user = pwd.getpwnam(OS_USER)
            os.chown(root, user.pw_uid, user.pw_gid)
        cluster = PrivateCluster(root)
        cluster.init()
        cluster.start()
        try:
            yield cluster
        finally:
            if cluster.running():
                try:
                    cluster.stop()
                except (RuntimeError, subprocess.TimeoutExpired):
                    cluster._run("pg_ctl", "-D", str(cluster.data), "-m", "immediate", "stop")
    finally:
        shutil.rmtree(root, ignore_errors=True)
