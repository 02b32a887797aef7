"""The committed schema.graphql is the schema the server serves: a drift fails the suite."""

from __future__ import annotations

import difflib
from pathlib import Path

from credits_api.resolvers.schema import schema

COMMITTED = Path(__file__).resolve().parent.parent / "schema.graphql"
FIX = "run `credits-api export-schema --output schema.graphql` and commit the result"


def test_committed_schema_matches_the_served_schema() -> None:
    # given the schema the code builds, printed the way `credits-api export-schema` prints it
    printed = schema.as_str() + "\n"

    # when it is compared with the committed file
    assert COMMITTED.exists(), f"schema.graphql is missing: {FIX}"
    committed = COMMITTED.read_text()

    # then they are identical
    if printed != committed:
        diff = "".join(
            difflib.unified_diff(
                committed.splitlines(keepends=True),
                printed.splitlines(keepends=True),
                "schema.graphql (committed)",
                "schema (printed from the code)",
                n=1,
            )
        )
        raise AssertionError(f"schema.graphql is out of date: {FIX}.\n{diff}")
