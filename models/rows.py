"""New rows for the charge batch, built without `Model.__init__`'s work per field.

`Model(**values)` checks and converts every value and routes each through tortoise's
`__setattr__`: 14 µs for a task, and a charge builds two models (its object and its ledger row).
The batch always has every column's value, already of its Python type, so `new_row` sets the
same instance state directly (1.5 µs). tests/test_model_rows.py proves it is the state
`Model(**values)` builds, so a tortoise upgrade that changes it fails there first.
"""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

from tortoise.models import Model

M = TypeVar("M", bound=Model)


@cache
def columns(model: type[Model]) -> frozenset[str]:
    """The names a new row of `model` needs: one per column (`tenant_id`, not `tenant`)."""
    return frozenset(model._meta.fields_db_projection)


def new_row(model: type[M], **values: Any) -> M:
    """An unsaved `model` instance holding `values`: one for every column, already typed (an
    aware datetime, an enum member, a UUID), as `Model(**values)` would hold them."""
    if values.keys() != columns(model):
        raise TypeError(f"new_row({model.__name__}) needs exactly its columns: {columns(model)}")
    row = model.__new__(model)
    state = row.__dict__
    state["_partial"] = False
    state["_saved_in_db"] = False
    state["_custom_generated_pk"] = False
    state["_await_when_save"] = {}
    state.update(values)
    return row
