"""The result table of `bench.run`: one line per scenario, medians over its runs, each run's
throughput as a ratio of the ceilings measured around it."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Row:
    name: str
    result: dict[str, Any]
    server_cpu: float
    machine_cpu: float
    # Server CPU time per response: the figure least disturbed by other load on the machine.
    cpu_ms_per_request: float
    # Which round of the bench (0: the closing ceiling, and the memory runs).
    round_number: int = 0
    # Server counters that moved during the scenario (see `server_counters`).
    counters: dict[str, float] = field(default_factory=dict)


def fmt(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}"


@dataclass
class Line:
    """One line of the table: a scenario's medians over the rounds, and its ratio in each."""

    name: str
    rows: list[Row]
    ratios: list[float]

    def median(self, value: Callable[[Row], float]) -> float:
        return statistics.median(value(row) for row in self.rows)


def table_lines(rows: list[Row]) -> list[Line]:
    """Scenario lines in the order first run, each ratio against the ceilings that bracket its
    round (the mean of the round's own ceiling and the next round's, or the closing one);
    memory runs (round 0) against the median ceiling."""
    ceilings = [row for row in rows if row.name.startswith("0 ")]
    by_round = {row.round_number: row for row in ceilings if row.round_number}
    closing = next((row for row in ceilings if row.round_number == 0), None)
    median_ceiling = statistics.median(row.result["throughput"] for row in ceilings)

    def bracket(number: int) -> float:
        after = by_round.get(number + 1, closing)
        pair = [by_round[number], after] if after is not None else [by_round[number]]
        return sum(row.result["throughput"] for row in pair) / len(pair)

    lines: dict[str, Line] = {}
    for row in rows:
        line = lines.setdefault(row.name, Line(row.name, [], []))
        line.rows.append(row)
        if row.name.startswith("0 "):
            line.ratios.append(row.result["throughput"] / median_ceiling)
        elif row.round_number:
            line.ratios.append(row.result["throughput"] / bracket(row.round_number))
        else:
            line.ratios.append(row.result["throughput"] / median_ceiling)
    return list(lines.values())


def print_table(lines: list[Line]) -> None:
    header = (
        f"{'scenario':<36}{'runs':>5}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'ratio':>7}{'failed':>8}{'cpu ms':>8}{'server':>8}{'client':>8}{'machine':>9}"
    )
    print(header)
    print("-" * len(header))
    for line in lines:
        requests = sum(row.result["measured"] for row in line.rows)
        failed = sum(row.result["failed"] for row in line.rows)
        print(
            f"{line.name:<36}{len(line.rows):>5}{requests:>10,}"
            f"{fmt(line.median(lambda r: r.result['throughput']), 0):>9}"
            f"{fmt(line.median(lambda r: r.result['p50_ms'])):>9}"
            f"{fmt(line.median(lambda r: r.result['p99_ms'])):>9}"
            f"{statistics.median(line.ratios):>7.3f}{failed:>8,}"
            f"{fmt(line.median(lambda r: r.cpu_ms_per_request), 2):>8}"
            f"{fmt(line.median(lambda r: r.server_cpu), 0) + '%':>8}"
            f"{fmt(line.median(lambda r: r.result['client_cpu_percent']), 0) + '%':>8}"
            f"{fmt(line.median(lambda r: r.machine_cpu), 0) + '%':>9}"
        )
    print(
        "Medians over the runs. ratio: req/s over the mean of the two ceiling runs that bracket\n"
        "the run (the ceiling line: over the median ceiling); cpu ms: server CPU time per\n"
        "response (warm-up included); server/client: CPU of the server process and of the load\n"
        "generator (100% = one core); machine: all CPUs busy (200% = both cores), others' work\n"
        "included."
    )
    print("\nEach run (req/s, p99 ms, ratio):")
    for line in lines:
        runs = "; ".join(
            f"{fmt(row.result['throughput'], 0)}, {fmt(row.result['p99_ms'])}, {ratio:.3f}"
            for row, ratio in zip(line.rows, line.ratios, strict=True)
        )
        print(f"  {line.name}: {runs}")
