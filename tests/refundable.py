"""The catalog state refund tests need: credit types made refundable.

The one place tests choose which types are refundable. `make_refundable` sets the catalog's
`refundable` flag in the test's database and drops the process's copy of the catalog, so the
test's own runtime and any server started afterwards (which reads the catalog fresh) refund
those types. Importing this module changes nothing.
"""

from __future__ import annotations

import pytest

from models import CreditTypeRow
from services.runtime import Runtime

TASK_CREATION = "credit-task-creation"
PROJECT_CREATION = "credit-project-creation"


async def make_refundable(*values: str, runtime: Runtime | None = None) -> None:
    """From now on, deleting what a charge of these types paid for refunds it."""
    updated = await CreditTypeRow.filter(value__in=list(values)).update(refundable=True)
    if updated != len(set(values)):
        pytest.fail(f"unknown credit types among {values}")
    if runtime is not None:
        runtime.catalog.forget()
