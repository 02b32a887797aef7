"""The catalog state refund tests need: credit types made refundable.

The one place tests set which types are refundable (today the catalog is code; it reads the
database later, and only this module then changes). In a test's own process, `make_refundable`
patches `services.refunds.refundable_types`; for real server processes,
`python -m tests.refundable serve ...` is the real `credits-api` command with the types named
in `TEST_REFUNDABLE_TYPES` (comma-separated) made refundable. Importing this module patches
nothing.
"""

from __future__ import annotations

import os

import pytest

from services import refunds

TASK_CREATION = "credit-task-creation"
PROJECT_CREATION = "credit-project-creation"
SERVER_MODULE = "tests.refundable"
ENV = "TEST_REFUNDABLE_TYPES"


def make_refundable(monkeypatch: pytest.MonkeyPatch, *values: str) -> None:
    """From now on in this process, deleting what a charge of these types paid for refunds it."""
    chosen = frozenset(values)

    async def refundable_types() -> frozenset[str]:
        return chosen

    monkeypatch.setattr(refunds, "refundable_types", refundable_types)


if __name__ == "__main__":
    import cli

    chosen = frozenset(value for value in os.environ.get(ENV, "").split(",") if value)

    async def _refundable_types() -> frozenset[str]:
        return chosen

    refunds.refundable_types = _refundable_types  # type: ignore[assignment]
    cli.main()
