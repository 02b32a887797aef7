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
and no SQL is sent (`resolvers.document_checks` runs the check).

The walk over the document gives a `CostFormula`: the sum of products of page sizes, the
literal ones multiplied out, the variable ones (`first: $n`) left as factors. The formula is a
property of the document, worked out once per document; a request only puts its variables in.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
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

PAGE_ARGUMENT = "first"
NO_BOUNDS: Mapping[str, int] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class VariablePage:
    """A `first: $name` of a variable the operation defines: its page size is the request's
    value, the operation's default (an Int literal) when the request leaves it out, and the
    default page size otherwise (null, or a value of the wrong type: validation or coercion
    refuses it later); at least 0, at most the cap."""

    name: str
    default: int | None

    def size(self, variables: Mapping[str, Any], default_page_size: int, cap: int) -> int:
        if self.name in variables:
            given = variables[self.name]
            if not isinstance(given, int) or isinstance(given, bool):
                return min(default_page_size, cap)
        elif self.default is not None:
            given = self.default
        else:
            return min(default_page_size, cap)
        return min(max(given, 0), cap)


@dataclass(frozen=True, slots=True)
class CostFormula:
    """An operation's cost: for each distinct sequence of variable page sizes along a path,
    the sum of the literal page sizes' products that go with it."""

    terms: tuple[tuple[tuple[VariablePage, ...], int], ...]
    default_page_size: int
    max_page_size: int

    def cost(self, variables: Mapping[str, Any] | None) -> int:
        given = variables or {}
        total = 0
        for pages, objects in self.terms:
            for page in pages:
                objects *= page.size(given, self.default_page_size, self.max_page_size)
            total += objects
        return total


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
    """The cost of the operation `operation_name` selects (the only one when None)."""
    formula = cost_formula(
        schema,
        document,
        operation_name=operation_name,
        default_page_size=default_page_size,
        max_page_size=max_page_size,
        list_bounds=list_bounds,
    )
    return formula.cost(variables)


def cost_formula(
    schema: GraphQLSchema,
    document: DocumentNode,
    *,
    operation_name: str | None,
    default_page_size: int,
    max_page_size: int,
    list_bounds: Mapping[str, int] = NO_BOUNDS,
) -> CostFormula:
    """The cost formula of the operation `operation_name` selects (the only one when None).
    `list_bounds` maps "Type.field" of a list field without `first` to the most items it
    returns.

    Works on documents that are not validated yet: unknown fields, types and fragments count
    nothing, and a fragment that spreads itself is followed once (validation refuses both).
    """
    terms: dict[tuple[VariablePage, ...], int] = {}
    operation = next(
        (
            definition
            for definition in document.definitions
            if isinstance(definition, OperationDefinitionNode)
            and (
                operation_name is None
                or (definition.name and definition.name.value == operation_name)
            )
        ),
        None,
    )
    root = schema.get_root_type(operation.operation) if operation else None
    if operation is not None and root is not None:
        walk = _Walk(
            schema=schema,
            fragments={
                definition.name.value: definition
                for definition in document.definitions
                if isinstance(definition, FragmentDefinitionNode)
            },
            defaults=_variable_defaults(operation),
            default_page_size=default_page_size,
            max_page_size=max_page_size,
            list_bounds=list_bounds,
            terms=terms,
        )
        walk.add(root, operation.selection_set, (), 1, frozenset(), paged=False)
    return CostFormula(
        tuple((pages, objects) for pages, objects in terms.items() if objects),
        default_page_size,
        max_page_size,
    )


def _variable_defaults(operation: OperationDefinitionNode) -> dict[str, int | None]:
    """The variables the operation defines, with their Int literal default (None without)."""
    return {
        definition.variable.name.value: (
            int(definition.default_value.value)
            if isinstance(definition.default_value, IntValueNode)
            else None
        )
        for definition in operation.variable_definitions or ()
    }


class _Walk:
    def __init__(
        self,
        *,
        schema: GraphQLSchema,
        fragments: dict[str, FragmentDefinitionNode],
        defaults: dict[str, int | None],
        default_page_size: int,
        max_page_size: int,
        list_bounds: Mapping[str, int],
        terms: dict[tuple[VariablePage, ...], int],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.defaults = defaults
        self.default_page_size = default_page_size
        self.max_page_size = max_page_size
        self.list_bounds = list_bounds
        self.terms = terms

    def add(
        self,
        parent: Any,
        selection_set: SelectionSetNode | None,
        pages: tuple[VariablePage, ...],
        objects: int,
        spreading: frozenset[str],
        *,
        paged: bool,
    ) -> None:
        """Adds the paginated fields under `selection_set` to the terms; each object of
        `parent` stands for `objects` times the variable `pages` objects. `paged`: `parent`
        was reached through a field with `first` (a connection), so its lists are the page
        that field counted."""
        for field_type, node, spreading_here in self._fields(parent, selection_set, spreading):
            field = field_type.fields.get(node.name.value)
            if field is None:
                continue
            pages_here, objects_here = pages, objects
            pages_objects = PAGE_ARGUMENT in field.args
            if pages_objects:
                page = self._page(node)
                if isinstance(page, VariablePage):
                    pages_here = (*pages, page)
                else:
                    objects_here = objects * page
                self.terms[pages_here] = self.terms.get(pages_here, 0) + objects_here
            elif not paged and is_list_type(get_nullable_type(field.type)):
                bound = self.list_bounds.get(f"{field_type.name}.{node.name.value}")
                objects_here = objects * (self.max_page_size if bound is None else bound)
            if node.selection_set is not None:
                self.add(
                    get_named_type(field.type),
                    node.selection_set,
                    pages_here,
                    objects_here,
                    spreading_here,
                    paged=pages_objects,
                )

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

    def _page(self, node: FieldNode) -> int | VariablePage:
        """The field's page size, or the variable it comes from."""
        for argument in node.arguments or ():
            if argument.name.value != PAGE_ARGUMENT:
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                return min(max(int(value.value), 0), self.max_page_size)
            if isinstance(value, VariableNode) and value.name.value in self.defaults:
                return VariablePage(value.name.value, self.defaults[value.name.value])
            # null, a value of the wrong type or an undefined variable (validation or
            # coercion refuses it later)
            break
        return min(self.default_page_size, self.max_page_size)


def cost_error(cost: int, limit: int) -> GraphQLError:
    return GraphQLError(
        f"This operation may ask for {cost:,} objects, over the limit of {limit:,}: ask for "
        "smaller pages (`first`) or fewer nested lists. The cost is the product of `first` "
        "along each path of paginated fields, summed over the operation.",
        extensions={"code": "BAD_REQUEST", "cost": cost, "maxCost": limit},
    )
