"""The lock files hold what pyproject.toml asks for: a dependency added without `make lock` fails
here, on every machine, instead of only on a fresh clone that lacks it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).parent.parent
PINNED = re.compile(r"^([A-Za-z0-9._-]+)==(\S+)", re.MULTILINE)
# Each lock file and the extras it covers, besides the runtime dependencies.
LOCKS = {
    "requirements/dev.txt": ("dev", "otel"),
    "requirements/bench.txt": ("dev", "otel", "bench"),
}


def declared(extras: tuple[str, ...]) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lines = [*project["dependencies"]]
    for extra in extras:
        lines += project["optional-dependencies"][extra]
    return [Requirement(line) for line in lines]


def pins(lock: str) -> dict[str, Version]:
    text = (ROOT / lock).read_text()
    return {canonicalize_name(name): Version(version) for name, version in PINNED.findall(text)}


@pytest.mark.parametrize("lock", LOCKS)
def test_the_lock_pins_every_declared_dependency_within_its_range(lock: str) -> None:
    # given what pyproject.toml declares for this lock and what the lock pins
    requirements = declared(LOCKS[lock])
    pinned = pins(lock)

    # then each declared dependency (for this platform) is pinned, at a version it allows
    problems = []
    for requirement in requirements:
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue
        name = canonicalize_name(requirement.name)
        if name not in pinned:
            problems.append(f"{requirement} is not in {lock}")
        elif not requirement.specifier.contains(pinned[name], prereleases=True):
            problems.append(f"{requirement} does not allow the locked {pinned[name]}")
    assert not problems, "; ".join(problems) + ": run `make lock` and commit requirements/"
