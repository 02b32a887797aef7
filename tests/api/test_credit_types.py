"""The credit catalog is data: seeded with the kit's two types, managed by platform admins, read
by every charge from the process's copy."""

from __future__ import annotations

from typing import Any

import pytest

from models import CreditTypeRow, CreditUsage
from tests.api.queries import CREATE_TASK
from tests.api.test_projects import Member
from tests.conftest import Api
from tests.factories import make_project, make_user, token_for

ERROR_FIELDS = "... on Error { code message } ... on ValidationFailed { field }"
TYPE_FIELDS = "value name description amount refundable usageUnit meterEventName"
CREDIT_TYPES = f"{{ creditTypes {{ {TYPE_FIELDS} }} }}"
CREATE = f"""
mutation($input: CreateCreditTypeInput!) {{
  createCreditType(input: $input) {{
    __typename ... on CreateCreditTypeSuccess {{ creditType {{ {TYPE_FIELDS} }} }} {ERROR_FIELDS}
  }}
}}"""
UPDATE = f"""
mutation($input: UpdateCreditTypeInput!) {{
  updateCreditType(input: $input) {{
    __typename ... on UpdateCreditTypeSuccess {{ creditType {{ {TYPE_FIELDS} }} }} {ERROR_FIELDS}
  }}
}}"""
REPORT_EXPORT = {"value": "report-export", "name": "Report export", "amount": 5}


@pytest.fixture
async def admin_token(api: Api) -> str:
    return token_for(await make_user(admin=True))


async def run(api: Api, token: str, document: str, input: dict[str, Any]) -> dict[str, Any]:
    data = await api.gql(document, {"input": input}, token=token)
    (result,) = data.values()
    assert isinstance(result, dict)
    return result


async def test_a_migrated_database_has_the_kit_types_with_their_billing_data(api: Api) -> None:
    # when anyone lists the catalog of a freshly migrated database
    types = (await api.gql(CREDIT_TYPES))["creditTypes"]
    # then it holds the kit's two types, as they were declared in code before
    assert types == [
        {
            "value": "credit-project-creation",
            "name": "Project creation",
            "description": "Charged when a project is created.",
            "amount": 2,
            "refundable": False,
            "usageUnit": "project-credits",
            "meterEventName": "project_credits",
        },
        {
            "value": "credit-task-creation",
            "name": "Task creation",
            "description": "Charged when a task is created.",
            "amount": 1,
            "refundable": False,
            "usageUnit": "task-credits",
            "meterEventName": "task_credits",
        },
    ]


async def test_an_admin_adds_a_type_and_everyone_sees_it(api: Api, admin_token: str) -> None:
    # when a platform admin adds `report-export` costing 5
    created = await run(
        api, admin_token, CREATE, {**REPORT_EXPORT, "description": "A PDF of a report."}
    )
    # then it is in the catalog, not refundable by default
    assert created == {
        "__typename": "CreateCreditTypeSuccess",
        "creditType": {
            "value": "report-export",
            "name": "Report export",
            "description": "A PDF of a report.",
            "amount": 5,
            "refundable": False,
            "usageUnit": None,
            "meterEventName": None,
        },
    }
    values = [t["value"] for t in (await api.gql(CREDIT_TYPES))["creditTypes"]]
    assert "report-export" in values
    assert await CreditTypeRow.filter(value="report-export").count() == 1


async def test_a_taken_value_is_a_conflict_and_changes_nothing(api: Api, admin_token: str) -> None:
    # given report-export exists
    await run(api, admin_token, CREATE, REPORT_EXPORT)
    # when it is added again, costing something else
    again = await run(api, admin_token, CREATE, {**REPORT_EXPORT, "amount": 9})
    # then it is a conflict, and the first one stands
    assert again["__typename"] == "Conflict"
    assert (await CreditTypeRow.get(value="report-export")).amount == 5


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"value": "Report"}, "value"),
        ({"value": "-report"}, "value"),
        ({"value": "r" * 65}, "value"),
        ({"value": "report export"}, "value"),
        ({"value": ""}, "value"),
        ({"name": "  "}, "name"),
        ({"amount": 0}, "amount"),
        ({"amount": -1}, "amount"),
        ({"amount": 1_000_001}, "amount"),
        ({"description": "x" * 5_001}, "description"),
        ({"usageUnit": "Report Units"}, "usageUnit"),
        ({"meterEventName": "report export"}, "meterEventName"),
    ],
)
async def test_a_bad_field_is_named_and_nothing_is_added(
    api: Api, admin_token: str, change: dict[str, Any], field: str
) -> None:
    # when an admin adds a type with one bad field
    result = await run(api, admin_token, CREATE, {**REPORT_EXPORT, **change})
    # then the failure names it, and the catalog is unchanged
    assert (result["__typename"], result["field"]) == ("ValidationFailed", field)
    assert await CreditTypeRow.all().count() == 2


async def test_an_update_changes_later_charges_only(
    api: Api, admin_token: str, member: Member
) -> None:
    # given a task charged at the kit's price of 1
    project = await make_project(member.tenant, by=member.user)
    first = (
        await member.gql(CREATE_TASK, {"input": {"projectId": str(project.id), "title": "a"}})
    )["createTask"]
    assert first["usage"]["amount"] == 1
    # when an admin makes a task cost 3, refundable
    updated = await run(
        api, admin_token, UPDATE, {"value": "credit-task-creation", "amount": 3, "refundable": True}
    )
    assert updated["creditType"]["amount"] == 3
    assert updated["creditType"]["refundable"] is True
    assert updated["creditType"]["name"] == "Task creation"  # omitted: kept
    # then the next task costs 3, and the first one's ledger row still says 1
    second = (
        await member.gql(CREATE_TASK, {"input": {"projectId": str(project.id), "title": "b"}})
    )["createTask"]
    assert second["usage"]["amount"] == 3
    amounts = await CreditUsage.filter(tenant_id=member.tenant.id).order_by("created_at")
    assert [row.amount for row in amounts] == [1, 3]


async def test_an_update_of_an_unknown_type_is_not_found(api: Api, admin_token: str) -> None:
    result = await run(api, admin_token, UPDATE, {"value": "no-such-type", "amount": 3})
    assert result["__typename"] == "NotFound"


async def test_a_bad_update_is_named_and_changes_nothing(api: Api, admin_token: str) -> None:
    result = await run(api, admin_token, UPDATE, {"value": "credit-task-creation", "amount": 0})
    assert (result["__typename"], result["field"]) == ("ValidationFailed", "amount")
    assert (await CreditTypeRow.get(value="credit-task-creation")).amount == 1


@pytest.mark.parametrize(
    ("document", "input"),
    [(CREATE, REPORT_EXPORT), (UPDATE, {"value": "credit-task-creation", "amount": 7})],
    ids=["create", "update"],
)
async def test_only_platform_admins_manage_the_catalog(
    api: Api, member: Member, document: str, input: dict[str, Any]
) -> None:
    # when a tenant's owner (not a platform admin) tries
    response = await api.post(document, {"input": input}, token=member.token)
    # then it is FORBIDDEN at the top level, and nothing changed
    assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await CreditTypeRow.all().count() == 2
    assert (await CreditTypeRow.get(value="credit-task-creation")).amount == 1
