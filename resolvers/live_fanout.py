"""Fast path `live-fanout`: a usageUpdated event is executed once per (tenant, document,
variables) and the same frame written to every socket that asked for it.

Each subscriber starts as strawberry runs any subscription: validated, its first message (or its
replay) executed for it alone. Once it has caught up, its resolver JOINS the group of its tenant,
document and variables (`afterSequence` aside: it only says where a subscriber starts), and from
then on the group renders each event: ONE strawberry subscription per group, run on a copy of the
first subscriber's context, whose results are serialized once; each member's frame is that text
spliced after its own operation id (graphql-transport-ws `next` or legacy graphql-ws `data`),
offered to the socket's bounded writer without waiting. A member skips what it already sent
(its own `after`).

Why the join loses nothing: the group listens on the bus before the member does, and the member
joins, synchronously, only when its own listener holds nothing unsent; every event delivered
before that moment has a sequence the member already sent, and every later one reaches the group.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
from collections.abc import AsyncIterator, Callable
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Any
from uuid import UUID

import structlog
from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLError,
    VariableDefinitionNode,
    VariableNode,
    Visitor,
    parse,
    visit,
)
from strawberry import Schema
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError

from resolvers.context import Context
from resolvers.live_sockets import TOO_SLOW, SocketWriter, close_connection
from resolvers.loaders import Loaders
from resolvers.wire_frames import text_frame
from services import metrics
from services.events import EventBus, ListenerOverflowed
from services.events import UsageEvent as BusEvent
from services.live import LiveFeed, snapshot

log = structlog.get_logger(__name__)

TRANSPORT_WS = "graphql-transport-ws"


@dataclass(slots=True)
class LiveOperation:
    """A subscription a socket started, as its handler saw it (a contextvar hands it to the
    resolver, which runs inside the operation's task)."""

    hub: LiveHub
    writer: SocketWriter
    id: str
    protocol: str
    query: str
    variables: dict[str, Any] | None
    operation_name: str | None
    # Set by a handler that keeps joined operations itself: the resolver hands it the
    # membership and ends the operation (its task and generator), keeping nothing per member
    # but the Member. The handler then sends no `complete` for it, and detaches the member
    # when the client completes or stops the id, or the connection ends.
    joined: Callable[[Group, Member], None] | None = None
    # Set once handed over: the subscriber stays counted (metrics.LIVE_SUBSCRIPTIONS) until
    # its handler detaches it.
    handed: bool = False

    def frame_prefix(self, encode: Callable[[object], str]) -> str:
        # The same text the handlers' own encoder writes for the whole message.
        if self.protocol == TRANSPORT_WS:
            return f'{{"id":{encode(self.id)},"type":"next","payload":'
        return f'{{"type":"data","id":{encode(self.id)},"payload":'


CURRENT: ContextVar[LiveOperation | None] = ContextVar("live_operation", default=None)


@dataclass(eq=False, slots=True)
class Member:
    writer: SocketWriter
    prefix: str
    # The last sequence this member sent before it joined.
    after: int


@dataclass(eq=False)
class Group:
    hub: LiveHub
    key: tuple[Any, ...]
    tenant_id: UUID
    operation: LiveOperation
    context: Context
    members: set[Member] = field(default_factory=set)
    refs: int = 0
    # Set once the group listens on the bus (or failed to).
    listening: asyncio.Event = field(default_factory=asyncio.Event)
    failed: bool = False
    task: asyncio.Task[None] | None = None
    # The sequence of the event being rendered.
    rendering: int = -1

    def start(self) -> None:
        self.task = asyncio.create_task(self._run(), name="live-fanout-group")

    def join(self, operation: LiveOperation, after: int) -> Member:
        member = Member(operation.writer, operation.frame_prefix(self.hub.encode), after)
        self.members.add(member)
        return member

    async def events(self, bus: EventBus) -> AsyncIterator[BusEvent]:
        """The tenant's events, gap-free, for the group's own subscription (its resolver)."""
        async with bus.listen(self.tenant_id) as listener:
            feed = LiveFeed(self.tenant_id, listener)
            feed.sequence = (await snapshot(tenant_id=self.tenant_id)).sequence
            self.listening.set()
            async for event in feed.follow():
                self.rendering = event.sequence
                self.context.loaders = Loaders(self.tenant_id)
                yield event

    async def _run(self) -> None:
        operation = self.operation
        try:
            stream = await self.hub.schema.subscribe(
                operation.query,
                variable_values=operation.variables,
                context_value=self.context,
                operation_name=operation.operation_name,
            )
            if isinstance(stream, ExecutionResult):
                raise RuntimeError("the group's subscription did not start")
            async for result in stream:
                if isinstance(result, PreExecutionError):
                    raise RuntimeError("the group's subscription was refused")
                self._send(result)
        except ListenerOverflowed:
            log.warning("live fan-out group fell behind", tenant_id=str(self.tenant_id))
        except asyncio.CancelledError:
            pass
        except Exception:
            log.exception("live fan-out group failed", tenant_id=str(self.tenant_id))
        finally:
            self.failed = True
            self.listening.set()
            self.hub.forget(self)
            # Whoever is still here would wait forever: they resume with afterSequence.
            for member in self.members:
                member.writer.closed = True
                close_connection(member.writer.socket, TOO_SLOW, "Subscriber too slow")
            self.members.clear()

    def _send(self, result: ExecutionResult) -> None:
        payload: dict[str, Any] = {"data": result.data}
        if result.errors:
            payload["errors"] = [error.formatted for error in result.errors]
        if result.extensions:
            payload["extensions"] = result.extensions
        text = self.hub.encode(payload) + "}"
        metrics.LIVE_RENDERS.inc()
        sequence = self.rendering
        if not self.hub.direct_frames:
            for member in self.members:
                if sequence > member.after:
                    member.writer.offer(member.prefix + text)
            return
        # Fast path live-frames: each distinct frame (members differ by operation id alone)
        # made once, with its websocket bytes.
        made: dict[str, tuple[str, bytes]] = {}
        for member in self.members:
            if sequence > member.after:
                frame = made.get(member.prefix)
                if frame is None:
                    text_of = member.prefix + text
                    frame = made[member.prefix] = (text_of, text_frame(text_of))
                member.writer.offer_made(*frame)


class LiveHub:
    """The process's live groups (one hub per endpoint)."""

    def __init__(
        self, schema: Schema, encode: Callable[[object], str], *, direct_frames: bool = False
    ) -> None:
        self.schema = schema
        self.encode = encode
        # Fast path live-frames (resolvers.wire_frames).
        self.direct_frames = direct_frames
        self.groups: dict[tuple[Any, ...], Group] = {}

    async def attach(
        self, operation: LiveOperation, context: Context, tenant_id: UUID
    ) -> Group | None:
        """The group this operation will join, listening already; None if it cannot run
        (the subscriber then runs on its own, as without the fast path)."""
        key = (tenant_id, *_group_key(operation))
        group = self.groups.get(key)
        if group is None:
            # A copy of the first member's context: the same tenant, its own loaders, and
            # the mark that tells the resolver to read the group's events.
            group_context = replace(context, loaders=Loaders(tenant_id), extra={GROUP: None})
            group = Group(self, key, tenant_id, operation, group_context)
            group_context.extra[GROUP] = group
            self.groups[key] = group
            group.start()
        group.refs += 1
        await group.listening.wait()
        if group.failed:
            group.refs -= 1
            return None
        return group

    def detach(self, group: Group, member: Member | None) -> None:
        if member is not None:
            group.members.discard(member)
        group.refs -= 1
        if group.refs <= 0 and group.task is not None:
            group.task.cancel()
            self.forget(group)

    def forget(self, group: Group) -> None:
        if self.groups.get(group.key) is group:
            del self.groups[group.key]


# The key of `Context.extra` that marks a group's own subscription.
GROUP = "live_fanout_group"


def group_of(context: Context) -> Group | None:
    group = context.extra.get(GROUP)
    return group if isinstance(group, Group) else None


def _group_key(operation: LiveOperation) -> tuple[Any, ...]:
    """Document and variables, without the variables that only say where to start."""
    variables = dict(operation.variables or {})
    for name in _start_variables(operation.query):
        variables.pop(name, None)
    return (
        operation.query,
        operation.operation_name,
        json.dumps(variables, sort_keys=True, default=str),
    )


@functools.lru_cache(maxsize=256)
def _start_variables(query: str) -> frozenset[str]:
    """Variables used only as usageUpdated's afterSequence (safe to leave out of the key)."""
    with contextlib.suppress(GraphQLError):
        return _StartVariables.of(parse(query))
    return frozenset()


class _StartVariables(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.uses: dict[str, int] = {}
        self.starts: set[str] = set()

    @classmethod
    def of(cls, document: DocumentNode) -> frozenset[str]:
        visitor = cls()
        visit(document, visitor)
        return frozenset(name for name in visitor.starts if visitor.uses.get(name) == 1)

    def enter_variable_definition(self, node: VariableDefinitionNode, *_: Any) -> Any:
        return self.SKIP  # a declaration is not a use

    def enter_variable(self, node: VariableNode, *_: Any) -> None:
        self.uses[node.name.value] = self.uses.get(node.name.value, 0) + 1

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        if node.name.value != "usageUpdated":
            return
        for argument in node.arguments or ():
            if argument.name.value == "afterSequence" and isinstance(argument.value, VariableNode):
                self.starts.add(argument.value.name.value)
