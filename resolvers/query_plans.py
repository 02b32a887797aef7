"""Operations completed from a plan compiled once per document, instead of field by field.

graphql-core completes every field of a response through the same generic path: it builds a
`Path` and a `ResolveInfo`, looks the field up, collects its sub-selections again for every
object, and tests the return type's wrappers one by one. On a page of 50 projects with 10 tasks
each (about 1,650 fields) that path was most of the server's CPU. A plan does the type analysis
once per (cached) document: every selection set becomes a list of fields, each with its
completion already specialised to its type, so a plain field costs an attribute read and a call.

Exactness comes first: a plan only ever returns what graphql-core would return.
- Only what a plan can do exactly is planned: strawberry fields of object, union and interface
  types, `__typename`; no `__schema`/`__type`, no directives, no fragment variables, no
  subscriptions, no field middleware, no incremental delivery.
- Planning is deny-by-default: a field is planned when it reads an attribute, or when its
  resolver is declared a read (`schema.reads`), since a query the plan gives up on runs again.
  A field with a permission class or any other field extension is never planned: the whole
  operation (for a mutation, that root field's result) goes to graphql-core.
- A query runs entirely from its plan. A mutation's root fields run through graphql-core (once
  each, in order: they have side effects); the plan completes their results.
- At run time anything unusual (an exception, a null for a non-null field, a value of the wrong
  shape, a type check that fails) abandons the plan, and graphql-core produces the standard
  partial data and located errors: a query runs again from the start (queries have no side
  effects), a mutation's result is completed again from the value its resolver returned. Only
  the failing operations pay for it.
- Resolvers with code are called as strawberry's wrapper calls them (see `DirectCall`), with a
  real `ResolveInfo` (its `path` included) and the coerced arguments; through the wrapper
  itself where the schema has exception handlers.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from graphql import (
    DirectiveNode,
    FieldNode,
    GraphQLEnumType,
    GraphQLField,
    GraphQLID,
    GraphQLInterfaceType,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    GraphQLString,
    GraphQLUnionType,
    OperationDefinitionNode,
    OperationType,
    Visitor,
    specified_scalar_types,
    visit,
)
from graphql.execution.collect_fields import (
    FieldDetailsList,
    FragmentDetails,
    collect_fields,
    collect_subfields,
)
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path, Undefined, gather_with_cancel, is_iterable
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.arguments import convert_arguments

from schema import reads

CACHE_SIZE = 256


class Abandon(Exception):
    """The plan met something only graphql-core's generic path handles exactly."""


class Unplannable(Exception):
    """The operation uses something plans do not cover; graphql-core runs it."""


class Run:
    """One execution of a plan: the request's executor and its coerced arguments."""

    __slots__ = ("arguments", "converted", "executor", "is_awaitable")

    def __init__(self, executor: Any) -> None:
        self.executor = executor
        self.is_awaitable: Callable[[Any], bool] = executor.is_awaitable
        self.arguments: dict[int, dict[str, Any]] = {}
        self.converted: dict[int, dict[str, Any]] = {}

    def arguments_of(self, field: PlannedField) -> dict[str, Any]:
        # The same field node is resolved once per list item: coerce its arguments once.
        key = id(field)
        arguments = self.arguments.get(key)
        if arguments is None:
            arguments = self.argument_values(field.field_def, field.details)
            self.arguments[key] = arguments
        return arguments

    def argument_values(self, field_def: GraphQLField, details: FieldDetailsList) -> dict[str, Any]:
        """The field's arguments coerced as graphql-core coerces them for its resolver."""
        first = details[0]
        executor = self.executor
        return get_argument_values(
            field_def,
            first.node,
            executor.variable_values,
            first.fragment_variable_values,
            executor.hide_suggestions,
        )

    def converted_arguments(self, field: PlannedField, info: Any) -> dict[str, Any]:
        """The arguments as strawberry gives them to a resolver (a new dict each call)."""
        direct = field.direct
        assert isinstance(direct, DirectCall)
        if not field.has_arguments:
            return {}
        if not direct.immutable_arguments:
            return direct.convert(self.arguments_of(field), info)
        key = id(field)
        converted = self.converted.get(key)
        if converted is None:
            converted = direct.convert(self.arguments_of(field), info)
            self.converted[key] = converted
        return dict(converted)

    def info(self, site: Site, path: Path | None) -> Any:
        """The `ResolveInfo` graphql-core would give the type checks of `site`'s field."""
        return self.executor.build_resolve_info(site.field_def, site.nodes, site.parent, path)


# A completion takes the value a field resolved to, the field's path (None where nothing below
# needs one) and the run; it returns the response value or an awaitable of it.
Completion = Callable[[Any, Path | None, Run], Any]
# Called instead of strawberry's resolver wrapper: (source, the `ResolveInfo`, the run, the
# planned field) → the value, or an awaitable of it.
FieldCall = Callable[[Any, Any, Run, "PlannedField"], Any]
# Plans a root query field another way than field by field (see `page_plans`): given the root
# type, the field, its nodes, a collector of sub-selections and a coercer of arguments, a call
# that gives the field's complete response value, or None.
RootFieldPlanner = Callable[
    [
        GraphQLObjectType,
        GraphQLField,
        FieldDetailsList,
        Callable[[GraphQLObjectType, FieldDetailsList], dict[str, FieldDetailsList]],
        Callable[[Run, GraphQLField, FieldDetailsList], dict[str, Any]],
    ],
    FieldCall | None,
]


@dataclass(slots=True, frozen=True)
class Planning:
    """What a schema plans: every field it can (`field_by_field`), and root query fields that
    `root_fields` plans another way. With `field_by_field` off, only operations whose root
    fields `root_fields` all plans are planned."""

    field_by_field: bool = True
    root_fields: RootFieldPlanner | None = None


@dataclass(slots=True, frozen=True)
class Site:
    """The field a completion completes values of (for the `ResolveInfo` of type checks)."""

    field_def: GraphQLField
    nodes: list[FieldNode]
    parent: GraphQLObjectType


@dataclass(slots=True)
class PlannedField:
    key: str
    field_def: GraphQLField
    details: FieldDetailsList
    nodes: list[FieldNode]
    # Set for a strawberry field without code: the attribute it reads.
    attribute: str | None
    # Strawberry's resolver, for the other fields.
    resolve: Callable[..., Any]
    # Set when the plan calls something other than strawberry's wrapper (see `DirectCall`).
    direct: FieldCall | None
    complete: Completion
    # Whether completing this field calls a resolver (which is given its path).
    needs_path: bool
    has_arguments: bool


@dataclass(slots=True, frozen=True)
class TypeName:
    """`__typename`: the object type's name, whatever the value."""

    key: str
    name: str


@dataclass(slots=True)
class Plan:
    """A query's plan completes the whole operation from the root value (`root`). A mutation's
    root fields run through graphql-core, one after the other, as their side effects require;
    `fields` then completes each one's result, by response key, with the declared return type
    it was compiled for."""

    root: Completion | None = None
    fields: dict[str, tuple[GraphQLOutputType, Completion]] | None = None


class DirectCall:
    """Calls a strawberry resolver function the way strawberry's own wrapper does (an `Info`,
    converted arguments, the source as `self`/`root`/`parent`), minus what the wrapper does for
    every call although it cannot change within a request: converting arguments of scalar and
    enum types, and chaining field extensions (there are none on such fields)."""

    __slots__ = (
        "convert",
        "field",
        "immutable_arguments",
        "info_class",
        "info_parameter",
        "source_parameters",
        "takes_self",
    )

    def __init__(self, strawberry_schema: Any, field: Any, field_def: GraphQLField) -> None:
        resolver = field.base_resolver
        config = strawberry_schema.config
        registry = strawberry_schema.schema_converter.scalar_registry
        arguments = field.arguments
        self.field = field
        self.info_class = config.info_class
        self.takes_self = resolver.self_parameter is not None
        self.source_parameters = tuple(
            parameter.name
            for parameter in (resolver.parent_parameter, resolver.root_parameter)
            if parameter is not None
        )
        self.info_parameter = resolver.info_parameter.name if resolver.info_parameter else None
        # Built-in scalars and enums convert to immutable values, whatever the `Info`: they can
        # be converted once per request and shared by every call.
        self.immutable_arguments = all(
            _is_immutable_input(argument.type) for argument in field_def.args.values()
        )

        def convert(values: dict[str, Any], info: Any) -> dict[str, Any]:
            return convert_arguments(
                values, arguments, scalar_registry=registry, config=config, info=info
            )

        self.convert = convert

    def __call__(self, source: Any, info: Any, run: Run, planned: PlannedField) -> Any:
        field = self.field
        strawberry_info = self.info_class(_raw_info=info, _field=field)
        kwargs = run.converted_arguments(planned, strawberry_info)
        for name in self.source_parameters:
            kwargs[name] = source
        if self.info_parameter is not None:
            kwargs[self.info_parameter] = strawberry_info
        args = [source] if self.takes_self else []
        return field.get_result(source, info=strawberry_info, args=args, kwargs=kwargs)


_BUILT_IN_SCALARS = frozenset(specified_scalar_types.values())


def _is_immutable_input(input_type: Any) -> bool:
    if isinstance(input_type, GraphQLNonNull):
        input_type = input_type.of_type
    return input_type in _BUILT_IN_SCALARS or isinstance(input_type, GraphQLEnumType)


class _Compiler:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: dict[str, FragmentDetails],
        operation: OperationDefinitionNode,
        planning: Planning,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.operation = operation
        self.root_fields = planning.root_fields
        self.field_by_field = planning.field_by_field
        self.strawberry_schema = getattr(schema, "_strawberry_schema", None)

    def compile(self) -> Plan:
        root_type = self.schema.get_root_type(self.operation.operation)
        if root_type is None:
            raise Unplannable("no root type")
        grouped, defers, _forbidden = collect_fields(
            self.schema, self.fragments, _NO_VARIABLES, root_type, self.operation
        )
        if defers:
            raise Unplannable("@defer")
        if self.operation.operation is OperationType.MUTATION:
            if not self.field_by_field:
                raise Unplannable("a mutation's results are completed field by field")
            return Plan(fields=self.mutation_fields(root_type, grouped))
        fields = [
            self.root_field(root_type, key, details) or self.field(root_type, key, details)
            for key, details in grouped.items()
        ]
        return Plan(root=_object_completion(root_type, fields, nullable=False, root=True))

    def root_field(
        self, root_type: GraphQLObjectType, key: str, details: FieldDetailsList
    ) -> PlannedField | None:
        """The root query field planned by `root_fields`, if it plans it."""
        field_def = root_type.fields.get(details[0].node.name.value)
        if self.root_fields is None or field_def is None or field_def.resolve is None:
            return None
        call = self.root_fields(root_type, field_def, details, self.subfields, Run.argument_values)
        if call is None:
            return None
        return PlannedField(
            key=key,
            field_def=field_def,
            details=details,
            nodes=[detail.node for detail in details],
            attribute=None,
            resolve=field_def.resolve,
            direct=call,
            complete=_complete_as_is,
            needs_path=True,
            has_arguments=bool(field_def.args),
        )

    def subfields(
        self, object_type: GraphQLObjectType, details: FieldDetailsList
    ) -> dict[str, FieldDetailsList]:
        grouped, defers, _forbidden = collect_subfields(
            self.schema, self.fragments, _NO_VARIABLES, self.operation, object_type, details
        )
        if defers:
            raise Unplannable("@defer")
        return grouped

    def mutation_fields(
        self, root_type: GraphQLObjectType, grouped: dict[str, FieldDetailsList]
    ) -> dict[str, tuple[GraphQLOutputType, Completion]]:
        completions = {}
        for key, details in grouped.items():
            field_def = root_type.fields.get(details[0].node.name.value)
            if field_def is None or _strawberry_field(field_def).extensions:
                continue
            site = Site(field_def, [detail.node for detail in details], root_type)
            try:
                complete, _needs_path = self.completion(field_def.type, details, site)
            except Unplannable:
                continue
            completions[key] = (field_def.type, complete)
        return completions

    def field(
        self, parent: GraphQLObjectType, key: str, details: FieldDetailsList
    ) -> PlannedField | TypeName:
        node = details[0].node
        name = node.name.value
        nodes = [detail.node for detail in details]
        if name == "__typename":
            return TypeName(key, parent.name)
        if name.startswith("__"):
            raise Unplannable("introspection")
        if not self.field_by_field:
            raise Unplannable("only root fields planned another way")
        field_def = parent.fields.get(name)
        if field_def is None or field_def.resolve is None:
            raise Unplannable(f"{parent.name}.{name} has no strawberry resolver")
        strawberry_field = _strawberry_field(field_def)
        if strawberry_field.extensions:
            raise Unplannable(f"{parent.name}.{name} has field extensions (permissions)")
        basic = getattr(field_def.resolve, "_is_default", False)
        if basic and strawberry_field.default_resolver is not getattr:
            raise Unplannable("a custom default resolver")
        if not basic and reads.declared(strawberry_field.metadata) is None:
            raise Unplannable(f"{parent.name}.{name}'s resolver is not declared a read")
        complete, below_needs_path = self.completion(
            field_def.type, details, Site(field_def, nodes, parent)
        )
        return PlannedField(
            key=key,
            field_def=field_def,
            details=details,
            nodes=nodes,
            attribute=strawberry_field.python_name if basic else None,
            resolve=field_def.resolve,
            direct=None if basic else self.direct_call(strawberry_field, field_def),
            complete=complete,
            needs_path=below_needs_path or not basic,
            has_arguments=bool(field_def.args or node.arguments),
        )

    def direct_call(self, field: Any, field_def: GraphQLField) -> DirectCall | None:
        """A direct call where strawberry's wrapper would add nothing (planned fields have no
        field extensions): no exception handlers that could turn errors into results."""
        strawberry_schema = self.strawberry_schema
        if (
            strawberry_schema is None
            or field.base_resolver is None
            or strawberry_schema.exception_handlers
        ):
            return None
        return DirectCall(strawberry_schema, field, field_def)

    def completion(
        self, return_type: GraphQLOutputType, details: FieldDetailsList, site: Site
    ) -> tuple[Completion, bool]:
        """The completion for `return_type`, and whether it needs its path (it calls a resolver
        or checks a type below)."""
        nullable = not isinstance(return_type, GraphQLNonNull)
        if not nullable:
            return_type = return_type.of_type  # type: ignore[union-attr]
        if isinstance(return_type, GraphQLList):
            item, needs_path = self.completion(return_type.of_type, details, site)
            return _list(item, needs_path, nullable), needs_path
        if isinstance(return_type, GraphQLLeafType):
            return _leaf(return_type, nullable), False
        if isinstance(return_type, GraphQLObjectType):
            return self.object_completion(return_type, details, site, nullable)
        if isinstance(return_type, GraphQLUnionType | GraphQLInterfaceType):
            by_name = {
                object_type.name: self.object_completion(object_type, details, site, False)[0]
                for object_type in self.schema.get_possible_types(return_type)
            }
            return _abstract(return_type, by_name, site, nullable), True
        raise Unplannable(f"type {return_type}")

    def object_completion(
        self, object_type: GraphQLObjectType, details: FieldDetailsList, site: Site, nullable: bool
    ) -> tuple[Completion, bool]:
        grouped = self.subfields(object_type, details)
        fields = [self.field(object_type, key, sub) for key, sub in grouped.items()]
        checks_type = object_type.is_type_of is not None
        needs_path = checks_type or any(
            isinstance(field, PlannedField) and field.needs_path for field in fields
        )
        return _object_completion(object_type, fields, nullable, site=site), needs_path


_NO_VARIABLES: Any = None


def _strawberry_field(field_def: GraphQLField) -> Any:
    strawberry_field = (field_def.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if strawberry_field is None:
        raise Unplannable("not a strawberry field")
    return strawberry_field


def _complete_as_is(value: Any, path: Path | None, run: Run) -> Any:
    return value


def _null(nullable: bool) -> None:
    if not nullable:
        raise Abandon("null for a non-null field")


def _leaf(leaf_type: GraphQLLeafType, nullable: bool) -> Completion:
    coerce = leaf_type.coerce_output_value
    # graphql-core's String and ID coercions return a str as it is: skip the call.
    keeps_str = leaf_type is GraphQLString or leaf_type is GraphQLID

    def complete(value: Any, path: Path | None, run: Run) -> Any:
        if keeps_str and type(value) is str:
            return value
        if value is None:
            return _null(nullable)
        if isinstance(value, BaseException):
            raise Abandon("an exception as a value")
        coerced = coerce(value)
        if coerced is None or coerced is Undefined:
            raise Abandon("a leaf value that does not coerce")
        return coerced

    return complete


def _list(item: Completion, needs_path: bool, nullable: bool) -> Completion:
    def complete(value: Any, path: Path | None, run: Run) -> Any:
        if value is None:
            return _null(nullable)
        if not is_iterable(value) or run.is_awaitable(value):
            raise Abandon("not a plain iterable")
        if needs_path:
            items = [item(entry, Path(path, index, None), run) for index, entry in enumerate(value)]
        else:
            items = [item(entry, None, run) for entry in value]
        return _settle_list(items, run)

    return complete


def _settle_list(items: list[Any], run: Run) -> Any:
    is_awaitable = run.is_awaitable
    pending = [index for index, entry in enumerate(items) if is_awaitable(entry)]
    if not pending:
        return items

    async def settled() -> list[Any]:
        values = await gather_with_cancel(*(items[index] for index in pending))
        for index, completed in zip(pending, values, strict=True):
            items[index] = completed
        return items

    return settled()


def _abstract(
    abstract_type: GraphQLUnionType | GraphQLInterfaceType,
    by_name: dict[str, Completion],
    site: Site,
    nullable: bool,
) -> Completion:
    resolve_type = abstract_type.resolve_type

    def complete(value: Any, path: Path | None, run: Run) -> Any:
        if value is None:
            return _null(nullable)
        if isinstance(value, BaseException) or run.is_awaitable(value):
            raise Abandon("not a plain object")
        resolve = resolve_type or run.executor.type_resolver
        runtime_type = resolve(value, run.info(site, path), abstract_type)
        completion = by_name.get(runtime_type) if isinstance(runtime_type, str) else None
        if completion is None:
            if run.is_awaitable(runtime_type):
                _discard([runtime_type])
            raise Abandon("a runtime type only graphql-core reports on")
        return completion(value, path, run)

    return complete


def _object_completion(
    object_type: GraphQLObjectType,
    fields: list[PlannedField | TypeName],
    nullable: bool,
    *,
    site: Site | None = None,
    root: bool = False,
) -> Completion:
    type_name = object_type.name
    is_type_of = object_type.is_type_of
    keys = tuple(field.key for field in fields)
    # Attributes with nothing to resolve below them: their completion is never awaitable, and
    # an awaitable or exception where a value belongs is caught by the completion itself.
    plain = tuple(
        (field.key, field.attribute, field.complete)
        for field in fields
        if isinstance(field, PlannedField) and field.attribute is not None and not field.needs_path
    )
    names = tuple((field.key, field.name) for field in fields if isinstance(field, TypeName))
    others = tuple(
        field
        for field in fields
        if isinstance(field, PlannedField) and (field.attribute is None or field.needs_path)
    )

    def complete(source: Any, path: Path | None, run: Run) -> Any:
        # The root value is whatever the schema was given (None here), not a resolved value.
        if not root:
            if source is None:
                return _null(nullable)
            if isinstance(source, BaseException) or run.is_awaitable(source):
                raise Abandon("not a plain object")
            if is_type_of is not None:
                assert site is not None
                checked = is_type_of(source, run.info(site, path))
                if run.is_awaitable(checked):
                    _discard([checked])
                    raise Abandon("an asynchronous type check")
                if not checked:
                    raise Abandon("a value its type does not claim")
        if not others and not names:
            return {key: done(getattr(source, name), None, run) for key, name, done in plain}
        # Filled in the operation's field order, whatever the order of the loops below.
        result: dict[str, Any] = dict.fromkeys(keys)
        for key, name, done in plain:
            result[key] = done(getattr(source, name), None, run)
        for key, name in names:
            result[key] = name
        if not others:
            return result
        return _complete_others(object_type, type_name, others, source, path, run, result)

    return complete


def _complete_others(
    object_type: GraphQLObjectType,
    type_name: str,
    fields: tuple[PlannedField, ...],
    source: Any,
    path: Path | None,
    run: Run,
    result: dict[str, Any],
) -> Any:
    is_awaitable = run.is_awaitable
    pending: list[_Pending] = []
    try:
        for field in fields:
            key = field.key
            field_path = Path(path, key, type_name)
            if field.attribute is not None:
                value = getattr(source, field.attribute)
            else:
                info = run.executor.build_resolve_info(
                    field.field_def, field.nodes, object_type, field_path
                )
                direct = field.direct
                if direct is not None:
                    value = direct(source, info, run, field)
                else:
                    arguments = run.arguments_of(field) if field.has_arguments else {}
                    value = field.resolve(source, info, **arguments)
            if is_awaitable(value):
                pending.append((key, value, field.complete, field_path))
                continue
            completed = field.complete(value, field_path, run)
            result[key] = completed
            if is_awaitable(completed):
                pending.append((key, completed, None, field_path))
    except BaseException:
        _discard(awaitable for _key, awaitable, _complete, _path in pending)
        raise
    if not pending:
        return result
    return _settle_object(result, pending, run)


# A field still to settle: its key, what to await, the completion to apply to what that gives
# (None when it is already completed) and the field's path.
_Pending = tuple[str, Awaitable[Any], Completion | None, Path | None]


async def _complete_later(
    awaitable: Awaitable[Any], complete: Completion | None, path: Path | None, run: Run
) -> Any:
    value = await awaitable
    if complete is None:
        return value
    completed = complete(value, path, run)
    if run.is_awaitable(completed):
        return await completed
    return completed


async def _settle_object(
    result: dict[str, Any], pending: list[_Pending], run: Run
) -> dict[str, Any]:
    if len(pending) == 1:
        key, awaitable, complete, path = pending[0]
        result[key] = await _complete_later(awaitable, complete, path, run)
        return result
    values = await gather_with_cancel(
        *(
            _complete_later(awaitable, complete, path, run)
            for _, awaitable, complete, path in pending
        )
    )
    result.update(zip((entry[0] for entry in pending), values, strict=True))
    return result


def _discard(awaitables: Any) -> None:
    """Closes what the plan started but will not await (no "never awaited" warnings)."""
    for awaitable in awaitables:
        close = getattr(awaitable, "close", None) or getattr(awaitable, "cancel", None)
        if close is not None:
            close()


class _Directives(Visitor):
    found = False

    def enter_directive(self, node: DirectiveNode, *_args: Any) -> Any:
        self.found = True
        return self.BREAK


def _uses_directives_or_fragment_variables(
    operation: OperationDefinitionNode, fragments: dict[str, FragmentDetails]
) -> bool:
    if any(fragment.definition.variable_definitions for fragment in fragments.values()):
        return True
    visitor = _Directives()
    for definition in (operation, *(fragment.definition for fragment in fragments.values())):
        visit(definition, visitor)
        if visitor.found:
            return True
    return False


class PlanCache:
    """The most recently used plans, by schema and operation node. Parsed documents come from
    the parser cache, so the same query text brings the same node; the cache holds the node and
    the schema, so their ids cannot be reused meanwhile. A schema always plans the same way."""

    def __init__(self, maxsize: int = CACHE_SIZE) -> None:
        self._plans: OrderedDict[
            tuple[int, int], tuple[GraphQLSchema, OperationDefinitionNode, Plan | None]
        ] = OrderedDict()
        self._maxsize = maxsize

    def get(
        self,
        schema: GraphQLSchema,
        operation: OperationDefinitionNode,
        fragments: dict[str, FragmentDetails],
        planning: Planning,
    ) -> Plan | None:
        key = (id(schema), id(operation))
        cached = self._plans.get(key)
        if cached is not None and cached[0] is schema and cached[1] is operation:
            self._plans.move_to_end(key)
            return cached[2]
        plan = compile_plan(schema, operation, fragments, planning)
        self._plans[key] = (schema, operation, plan)
        while len(self._plans) > self._maxsize:
            self._plans.popitem(last=False)
        return plan


def compile_plan(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: dict[str, FragmentDetails],
    planning: Planning,
) -> Plan | None:
    """The plan for a query or mutation, or None when graphql-core must run it."""
    if operation.operation is OperationType.SUBSCRIPTION:
        return None
    if _uses_directives_or_fragment_variables(operation, fragments):
        return None
    try:
        return _Compiler(schema, fragments, operation, planning).compile()
    except (Unplannable, RecursionError):
        return None
