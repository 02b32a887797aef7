"""How operations execute: what one request leaves behind for the garbage collector."""

from __future__ import annotations

import gc

from strawberry.dataloader import DataLoader
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from resolvers.context import Context
from resolvers.loaders import Loaders
from settings import FastPath, Settings
from tests.api.test_projects import Member
from tests.conftest import require_fast_paths


async def test_an_operation_leaves_no_reference_cycle_for_the_collector(
    member: Member, settings: Settings
) -> None:
    require_fast_paths(settings, FastPath.ACYCLIC_EXECUTION)
    # given a warm server and a project to add tasks to
    project = await member.create_project("Cycles")
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        # when a charged mutation and a read run
        created = await member.create_task(project["project"]["id"], "No cycle")
        await member.gql(
            "{ projects(first: 5) { edges { node { id tasks { edges { node { id } } } } } } }"
        )
        gc.collect()
        # then neither their executors, contexts nor loaders were left to the cycle collector:
        # reference counting freed them as soon as the response was sent
        leftovers = [
            type(obj).__name__
            for obj in gc.garbage
            if isinstance(
                obj, StrawberryGraphQLCoreExecutionContext | Context | Loaders | DataLoader
            )
        ]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert created["__typename"] == "CreateTaskSuccess"
    assert leftovers == []
