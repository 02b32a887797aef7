"""Summaries of py-spy's raw (collapsed-stack) profiles: where the server's CPU time goes.

`python -m bench.profile FILE.txt` prints the share of samples by library (self time: the
leaf frame's package) and the functions with the most inclusive and self time.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

FRAME = re.compile(r"^(?P<function>.*?) \((?P<file>[^()]*?)(?::\d+)?\)$")
REPO = Path(__file__).resolve().parent.parent
# The project's own frames are reported as one package, named after it.
PROJECT = "credits-api"
PACKAGES = (
    "strawberry",
    "graphql",
    "tortoise",
    "pypika",
    "asyncpg",
    "redis",
    "uvicorn",
    "starlette",
    "structlog",
    "prometheus_client",
    "pydantic",
    "jwt",
    "json",
    "asyncio",
    "uvloop",
)


def package_of(file: str) -> str:
    if file.startswith(str(REPO)) and "/.venv/" not in file:
        return PROJECT
    parts = re.split(r"[/\\]", file)
    for part in parts:
        name = part.removesuffix(".py")
        if name in PACKAGES:
            return name
    return "python/other"


def frame_key(frame: str) -> tuple[str, str]:
    match = FRAME.match(frame)
    if not match:
        return frame, "python/other"
    file = match["file"]
    short = "/".join(re.split(r"[/\\]", file)[-2:])
    return f"{match['function']} ({short})", package_of(file)


def summarize(path: Path, top: int = 15) -> str:
    inclusive: Counter[str] = Counter()
    self_time: Counter[str] = Counter()
    by_package: Counter[str] = Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        total += count
        frames = [frame_key(frame) for frame in stack.split(";") if frame]
        if not frames:
            continue
        for name in {name for name, package in frames if package == PROJECT}:
            inclusive[name] += count
        leaf, package = frames[-1]
        self_time[leaf] += count
        by_package[package] += count
    if not total:
        return "  (no samples)"
    lines = [f"  {total:,} samples (active CPU only)", "  self time by package:"]
    lines.extend(
        f"    {100 * count / total:5.1f}%  {package}" for package, count in by_package.most_common()
    )
    lines.append("  inclusive time of the project's own functions (callees included):")
    # Frames on (nearly) every stack are the process's entry point, not a cost.
    costs = [(name, count) for name, count in inclusive.most_common() if count < 0.8 * total]
    lines.extend(f"    {100 * count / total:5.1f}%  {name}" for name, count in costs[:top])
    lines.append("  self time:")
    lines.extend(
        f"    {100 * count / total:5.1f}%  {name}" for name, count in self_time.most_common(top)
    )
    return "\n".join(lines)


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        print(f"{argument}:")
        print(summarize(Path(argument)))
