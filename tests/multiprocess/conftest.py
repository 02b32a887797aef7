"""Multi-process tests: real servers on PostgreSQL + Redis (skipped locally when missing)."""

from __future__ import annotations

import pytest

from tests import backends


@pytest.fixture(autouse=True)
def _services() -> None:
    if backends.is_postgres():
        backends.require_services()
