"""Summaries of py-spy's raw (collapsed-stack) profiles: where the server's CPU time goes.

`python -m bench.profile FILE.txt` prints the share of samples by library (self time: the
leaf frame's package) and the functions with the most inclusive and self time.
`python -m bench.profile --diff A.txt B.txt` compares two profiles of the same work (bench.ab
--profile writes one per side): the functions whose share of the samples moved most.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def recording(pid: int, raw: Path, seconds: float) -> Iterator[None]:
    """Samples the process with py-spy for `seconds` (200 Hz) into `raw`, appending: the
    collapsed stacks of several recordings add up."""
    raw.parent.mkdir(parents=True, exist_ok=True)
    part = raw.with_suffix(".part")
    recorder = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("py-spy")),
            "record",
            "--pid",
            str(pid),
            "--rate",
            "200",
            "--duration",
            str(max(int(seconds), 1)),
            "--format",
            "raw",
            "--nonblocking",
            "--output",
            str(part),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield
    finally:
        recorder.wait(60)
        if part.exists():
            with raw.open("a") as out:
                out.write(part.read_text())
            part.unlink()


# The project's top-level packages and modules: py-spy names a file relative to the sys.path
# entry it was imported from, so the project's own read `services/ledger/batch.py`.
PROJECT_TOP = frozenset(
    {"app.py", "cli.py", "settings.py", "models", "resolvers", "schema", "services", "bench"}
)


def package_of(file: str) -> str:
    parts = re.split(r"[/\\]", file)
    if (file.startswith(str(REPO)) and "/.venv/" not in file) or parts[0] in PROJECT_TOP:
        return PROJECT
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


def tally(path: Path) -> tuple[int, Counter[str], Counter[str], Counter[str]]:
    """(samples, inclusive samples of the project's functions, self samples by function,
    self samples by package)."""
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
    return total, inclusive, self_time, by_package


def summarize(path: Path, top: int = 15) -> str:
    total, inclusive, self_time, by_package = tally(path)
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


def diff(a: Path, b: Path, top: int = 25) -> str:
    """Where B's samples differ from A's, as shares of each side's samples: by package, then
    the functions (self time, any package) whose share moved most. Same work on both sides
    (bench.ab), so a share that grows is time B spends where A did not."""
    total_a, _, self_a, packages_a = tally(a)
    total_b, _, self_b, packages_b = tally(b)
    if not (total_a and total_b):
        return "  (no samples)"

    def moved(counter_a: Counter[str], counter_b: Counter[str]) -> list[tuple[float, str]]:
        names = set(counter_a) | set(counter_b)
        shares = [
            (100 * counter_b[name] / total_b - 100 * counter_a[name] / total_a, name)
            for name in names
        ]
        return sorted(shares, key=lambda item: -abs(item[0]))

    lines = [f"  samples: A {total_a:,}, B {total_b:,}", "  self time by package (A% -> B%):"]
    for delta, name in moved(packages_a, packages_b):
        share_a, share_b = 100 * packages_a[name] / total_a, 100 * packages_b[name] / total_b
        lines.append(f"    {share_a:5.1f}% -> {share_b:5.1f}%  ({delta:+5.1f})  {name}")
    lines.append("  functions whose self-time share moved most (A% -> B%):")
    for delta, name in moved(self_a, self_b)[:top]:
        share_a, share_b = 100 * self_a[name] / total_a, 100 * self_b[name] / total_b
        lines.append(f"    {share_a:5.1f}% -> {share_b:5.1f}%  ({delta:+5.1f})  {name}")
    return "\n".join(lines)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--diff"] and len(sys.argv) == 4:
        print(diff(Path(sys.argv[2]), Path(sys.argv[3])))
        raise SystemExit(0)
    for argument in sys.argv[1:]:
        print(f"{argument}:")
        print(summarize(Path(argument)))
