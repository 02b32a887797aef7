"""The query cost limit: how many objects an operation may ask for, refused before it runs.

Depth, alias and token limits let `projects(first: 100) { … tasks(first: 100) { … project {
tasks(first: 100) … } } }` through: a million tasks in one request. The cost of an operation is
the number of objects its paginated fields may return: each field that takes `first` returns up
to `first` objects (the default page size where it is omitted) for every object of the field
above it, so its cost is the product of `first` along its path; the operation's cost is the sum
over all such fields, fragments and aliases included. A list without `first` multiplies what is
below it by the most items it may return (`list_bounds`, e.g. a tenant's at most 16 webhook
endpoints), or by the page-size cap where it declares none; a connection's `edges` are the page
its field already counted.

It is checked in the validation step, which every operation passes through (HTTP and websockets,
queries, mutations and subscriptions), with the request's variables, so `first: $n` counts
what `$n` is. A `first` over the page-size cap counts as the cap: such a page is refused on its
own, with an error naming the argument. A refused operation never executes: no resolver runs
and no SQL is sent.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_list_type,
)
from graphql.language import DocumentNode
from strawberry.extensions import SchemaExtension

PAGE_ARGUMENT = "first"
NO_BOUNDS: Mapping[str, int] = MappingProxyType({})


def query_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    *,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
    default_page_size: int,
    max_page_size: int,
    list_bounds: Mapping[str, int] = NO_BOUNDS,
) -> int:
    """The cost of the operation `operation_name` selects (the only one when None).

    `list_bounds` maps "Type.field" of a list field without `first` to the most items it
    returns. Works on documents that are not validated yet: unknown fields, types and fragments count
    nothing, and a fragment that spreads itself is followed once (validation refuses both).
    """
    operations = [
        definition
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
        and (
            operation_name is None or (definition.name and definition.name.value == operation_name)
        )
    ]
    if not operations:
        return 0
    operation = operations[0]
    root = schema.get_root_type(operation.operation)
    if root is None:
        return 0
    walk = _Walk(
        schema=schema,
        fragments={
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        },
        variables=_variables_with_defaults(operation, variables or {}),
        default_page_size=default_page_size,
        max_page_size=max_page_size,
        list_bounds=list_bounds,
    )
    return walk.cost(
        root, operation.selection_set, multiplier=1, spreading=frozenset(), paged=False
    )


def _variables_with_defaults(
    operation: OperationDefinitionNode, variables: Mapping[str, Any]
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for definition in operation.variable_definitions or ():
        name = definition.variable.name.value
        if name in variables:
            values[name] = variables[name]
        elif isinstance(definition.default_value, IntValueNode):
            values[name] = int(definition.default_value.value)
    return values


class _Walk:
    def __init__(
        self,
        *,
        schema: GraphQLSchema,
        fragments: dict[str, FragmentDefinitionNode],
        variables: dict[str, Any],
        default_page_size: int,
        max_page_size: int,
        list_bounds: Mapping[str, int],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.default_page_size = default_page_size
        self.max_page_size = max_page_size
        self.list_bounds = list_bounds

    def cost(
        self,
        parent: Any,
        selection_set: SelectionSetNode | None,
        *,
        multiplier: int,
        spreading: frozenset[str],
        paged: bool,
    ) -> int:
        """`paged`: `parent` was reached through a field with `first` (a connection), so its
        lists are the page that field counted."""
        total = 0
        for field_type, node, spreading_here in self._fields(parent, selection_set, spreading):
            field = field_type.fields.get(node.name.value)
            if field is None:
                continue
            objects = multiplier
            pages = PAGE_ARGUMENT in field.args
            if pages:
                objects = multiplier * min(self._page_size(node), self.max_page_size)
                total += objects
            elif not paged and is_list_type(get_nullable_type(field.type)):
                bound = self.list_bounds.get(f"{field_type.name}.{node.name.value}")
                objects = multiplier * (self.max_page_size if bound is None else bound)
            child = get_named_type(field.type)
            if node.selection_set is not None:
                total += self.cost(
                    child,
                    node.selection_set,
                    multiplier=objects,
                    spreading=spreading_here,
                    paged=pages,
                )
        return total

    def _fields(
        self, parent: Any, selection_set: SelectionSetNode | None, spreading: frozenset[str]
    ) -> Iterator[tuple[Any, FieldNode, frozenset[str]]]:
        """The fields a selection set asks for, with the type that declares them; fragments
        are inlined (on an abstract type, each fragment's own type condition decides)."""
        if selection_set is None:
            return
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                # Unions declare no fields (only __typename, which costs nothing).
                if hasattr(parent, "fields"):
                    yield parent, selection, spreading
            elif isinstance(selection, InlineFragmentNode):
                on = self._type_condition(selection.type_condition, parent)
                yield from self._fields(on, selection.selection_set, spreading)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in spreading:
                    continue
                on = self._type_condition(fragment.type_condition, parent)
                yield from self._fields(on, fragment.selection_set, spreading | {name})

    def _type_condition(self, condition: Any, parent: Any) -> Any:
        if condition is None:
            return parent
        return self.schema.get_type(condition.name.value)

    def _page_size(self, node: FieldNode) -> int:
        for argument in node.arguments or ():
            if argument.name.value != PAGE_ARGUMENT:
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                return max(int(value.value), 0)
            if isinstance(value, VariableNode):
                given = self.variables.get(value.name.value)
                if isinstance(given, int) and not isinstance(given, bool):
                    return max(given, 0)
            # null, or a value of the wrong type (validation or coercion refuses it later)
            return self.default_page_size
        return self.default_page_size


def cost_error(cost: int, limit: int) -> GraphQLError:
    return GraphQLError(
        f"This operation may ask for {cost:,} objects, over the limit of {limit:,}: ask for "
        "smaller pages (`first`) or fewer nested lists. The cost is the product of `first` "
        "along each path of paginated fields, summed over the operation.",
        extensions={"code": "BAD_REQUEST", "cost": cost, "maxCost": limit},
    )


class QueryCostLimiter(SchemaExtension):
    """Use as `lambda: QueryCostLimiter(max_cost=…, default_page_size=…, max_page_size=…,
    list_bounds=…)`, after any extension that validates in `on_validate` (the check is skipped
    when validation already failed)."""

    def __init__(
        self,
        *,
        max_cost: int,
        default_page_size: int,
        max_page_size: int,
        list_bounds: Mapping[str, int] = NO_BOUNDS,
    ) -> None:
        super().__init__()
        self.max_cost = max_cost
        self.default_page_size = default_page_size
        self.max_page_size = max_page_size
        self.list_bounds = list_bounds

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and not context.pre_execution_errors:
            cost = query_cost(
                context.schema._schema,
                document,
                operation_name=context.operation_name,
                variables=context.variables,
                default_page_size=self.default_page_size,
                max_page_size=self.max_page_size,
                list_bounds=self.list_bounds,
            )
            if cost > self.max_cost:
                # Set before validation runs: strawberry then skips validating a document
                # that is refused anyway, and answers with this error alone.
                context.pre_execution_errors = [cost_error(cost, self.max_cost)]
        yield
