"""Refunds through the API: automatic on deletes of refundable objects, by hand with
refundCredits, at most once, back to the period or grant they came from, net everywhere."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from models import CreditGrant, CreditUsage, CreditUsageKind, GrantSource, Role, Tenant
from services.clock import utcnow
from tests.api.queries import FEATURE, LEDGER, SUMMARY
from tests.api.test_projects import Member
from tests.conftest import Api
from tests.factories import make_tenant, make_user, token_for
from tests.refundable import PROJECT_CREATION, TASK_CREATION, make_refundable

USAGE_FIELDS = (
    "id type amount objectId kind reason refunded refundedBy { email }"
    " reverses { id kind amount refunded refundedBy { email } }"
)

DELETE_TASK = f"""
mutation($input: DeleteTaskInput!) {{
  deleteTask(input: $input) {{
    __typename
    ... on DeleteTaskSuccess {{ deletedId refund {{ {USAGE_FIELDS} }} }}
    ... on Error {{ code message }}
  }}
}}
"""

DELETE_PROJECT = f"""
mutation($input: DeleteProjectInput!) {{
  deleteProject(input: $input) {{
    __typename
    ... on DeleteProjectSuccess {{
      deletedId refund {{ {USAGE_FIELDS} }} taskRefunds {{ {USAGE_FIELDS} }}
    }}
    ... on Error {{ code message }}
  }}
}}
"""

REFUND = f"""
mutation($input: RefundCreditsInput!) {{
  refundCredits(input: $input) {{
    __typename
    ... on RefundCreditsSuccess {{ refund {{ {USAGE_FIELDS} }} }}
    ... on Error {{ code message }}
    ... on ValidationFailed {{ field }}
  }}
}}
"""

KINDS = """
{ creditUsages(first: 100) { edges { node { id type amount kind refunded reverses { id } } } } }
"""


@pytest.fixture
async def member(api: Api) -> Member:
    """An owner of a tenant with 10 credits, calling the API."""
    tenant = await make_tenant(10)
    return Member(api, tenant, await make_user(tenant))


@pytest.fixture
async def refundable_tasks(api: Api) -> None:
    await make_refundable(TASK_CREATION, runtime=api.runtime)


async def _summary(member: Member) -> dict[str, Any]:
    result: dict[str, Any] = (await member.gql(SUMMARY))["usageSummary"]
    return result


async def _new_task(member: Member) -> tuple[str, dict[str, Any]]:
    """A project (2 credits) and a task in it (1 credit): the task's id and its charge."""
    project = (await member.create_project())["project"]
    created = await member.create_task(project["id"])
    assert created["__typename"] == "CreateTaskSuccess", created
    return created["task"]["id"], created["usage"]


async def _refund(member: Member, usage_id: str, reason: str | None = None) -> dict[str, Any]:
    variables = {"input": {"usageId": usage_id, "reason": reason}}
    result: dict[str, Any] = (await member.gql(REFUND, variables))["refundCredits"]
    return result


async def test_deleting_a_refundable_task_gives_its_credit_back_once(
    member: Member, refundable_tasks: None
) -> None:
    # given a task that cost 1 credit of 10 (and its project 2)
    task_id, charge = await _new_task(member)
    assert (await _summary(member))["used"] == 3

    # when the task is deleted
    deleted = (await member.gql(DELETE_TASK, {"input": {"id": task_id}}))["deleteTask"]

    # then the answer holds its refund: the charge negated, linked to the charge
    assert deleted["__typename"] == "DeleteTaskSuccess"
    refund = deleted["refund"]
    assert refund["kind"] == "REFUND"
    assert (refund["type"], refund["amount"], refund["objectId"]) == (TASK_CREATION, -1, task_id)
    assert refund["reverses"] == {
        "id": charge["id"],
        "kind": "CHARGE",
        "amount": 1,
        "refunded": True,
        "refundedBy": None,
    }
    assert (refund["refunded"], refund["reason"]) == (False, None)
    # given back by the member who deleted the task
    assert refund["refundedBy"] == {"email": member.user.email}
    # and the summary, byType and featureUsage are net of it
    summary = await _summary(member)
    assert (summary["used"], summary["remaining"], summary["limit"]) == (2, 8, 10)
    assert summary["byType"] == [
        {"type": PROJECT_CREATION, "used": 2, "count": 1},
        {"type": TASK_CREATION, "used": 0, "count": 0},
    ]
    feature = (await member.gql(FEATURE, {"name": "credits"}))["featureUsage"]
    assert (feature["used"], feature["remaining"]) == (2, 8)
    # and the ledger lists the refund with its kind, the charge marked refunded
    rows = {
        edge["node"]["id"]: edge["node"]
        for edge in (await member.gql(KINDS))["creditUsages"]["edges"]
    }
    assert rows[charge["id"]]["refunded"] is True
    assert rows[refund["id"]] == {
        "id": refund["id"],
        "type": TASK_CREATION,
        "amount": -1,
        "kind": "REFUND",
        "refunded": False,
        "reverses": {"id": charge["id"]},
    }
    assert sum(row["amount"] for row in rows.values()) == summary["used"]

    # when it is deleted again, and its charge refunded by hand
    again = (await member.gql(DELETE_TASK, {"input": {"id": task_id}}))["deleteTask"]
    by_hand = await _refund(member, charge["id"])

    # then nothing more is refunded: NotFound, then Conflict
    assert again["__typename"] == "NotFound"
    assert (by_hand["__typename"], by_hand["code"]) == ("Conflict", "CONFLICT")
    assert await CreditUsage.filter(tenant_id=member.tenant.id).count() == 3
    assert (await _summary(member))["used"] == 2


async def test_deleting_a_task_of_a_type_not_refundable_refunds_nothing(member: Member) -> None:
    # given a task whose type is not refundable (the kit's types are not)
    task_id, charge = await _new_task(member)

    # when it is deleted
    deleted = (await member.gql(DELETE_TASK, {"input": {"id": task_id}}))["deleteTask"]

    # then it is gone, without a refund, and the charge stays
    assert deleted == {"__typename": "DeleteTaskSuccess", "deletedId": task_id, "refund": None}
    assert (await _summary(member))["used"] == 3
    row = await CreditUsage.get(id=charge["id"])
    assert row.kind is CreditUsageKind.CHARGE


async def test_deleting_a_project_refunds_its_charge_and_its_tasks(
    member: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given both kinds refundable, a project (2) with two tasks (1 each), and another project
    await make_refundable(TASK_CREATION, PROJECT_CREATION, runtime=member.api.runtime)
    project = await member.create_project("Doomed")
    tasks = [await member.create_task(project["project"]["id"], f"T{n}") for n in range(2)]
    await member.create_project("Kept")
    assert (await _summary(member))["used"] == 6

    # when the project is deleted
    variables = {"input": {"id": project["project"]["id"]}}
    deleted = (await member.gql(DELETE_PROJECT, variables))["deleteProject"]

    # then its charge and both of its tasks' charges are refunded, the other project's is not
    assert deleted["__typename"] == "DeleteProjectSuccess"
    assert deleted["refund"]["reverses"]["id"] == project["usage"]["id"]
    assert deleted["refund"]["amount"] == -2
    assert {refund["reverses"]["id"] for refund in deleted["taskRefunds"]} == {
        task["usage"]["id"] for task in tasks
    }
    summary = await _summary(member)
    assert (summary["used"], summary["remaining"]) == (2, 8)
    assert {row["type"]: row["count"] for row in summary["byType"]} == {
        PROJECT_CREATION: 1,
        TASK_CREATION: 0,
    }

    # when it is deleted again, then nothing is refunded
    again = (await member.gql(DELETE_PROJECT, variables))["deleteProject"]
    assert again["__typename"] == "NotFound"
    refunds = CreditUsage.filter(tenant_id=member.tenant.id, kind=CreditUsageKind.REFUND)
    assert await refunds.count() == 3


async def test_deleting_a_project_refunds_only_its_tasks_when_only_tasks_are_refundable(
    member: Member, refundable_tasks: None
) -> None:
    # given a project (not refundable) with a task (refundable)
    project = await member.create_project()
    await member.create_task(project["project"]["id"])

    # when the project is deleted
    variables = {"input": {"id": project["project"]["id"]}}
    deleted = (await member.gql(DELETE_PROJECT, variables))["deleteProject"]

    # then only the task's charge comes back
    assert deleted["refund"] is None
    assert [refund["amount"] for refund in deleted["taskRefunds"]] == [-1]
    assert (await _summary(member))["used"] == 2


async def test_an_owner_refunds_any_charge_by_hand_once_with_a_reason(member: Member) -> None:
    # given a project charge of a type that is not refundable
    project = await member.create_project()

    # when an owner refunds it with a reason
    refunded = await _refund(member, project["usage"]["id"], "  Created by mistake ")

    # then it is refunded (a manual refund ignores `refundable`), the project stays
    assert refunded["__typename"] == "RefundCreditsSuccess"
    refund = refunded["refund"]
    assert (refund["amount"], refund["kind"], refund["reason"]) == (
        -2,
        "REFUND",
        "Created by mistake",
    )
    assert refund["reverses"]["id"] == project["usage"]["id"]
    assert refund["refundedBy"] == {"email": member.user.email}
    assert (await _summary(member))["used"] == 0

    # when it is refunded again, or the refund itself is refunded
    twice = await _refund(member, project["usage"]["id"])
    of_refund = await _refund(member, refund["id"])

    # then Conflict, then NotFound, and nothing more was written
    assert twice["__typename"] == "Conflict"
    assert of_refund["__typename"] == "NotFound"
    assert await CreditUsage.filter(tenant_id=member.tenant.id).count() == 2
    assert (await _summary(member))["used"] == 0


async def test_a_refund_of_an_unknown_or_another_tenants_charge_is_not_found(
    member: Member, api: Api
) -> None:
    # given another tenant's charge
    other = await make_tenant(10)
    stranger = Member(api, other, await make_user(other))
    theirs = (await stranger.create_project())["usage"]["id"]

    # when a member of the first tenant refunds it, an unknown id, or a malformed one
    foreign = await _refund(member, theirs)
    unknown = await _refund(member, "5b0a3f36-52a9-4d6b-9d2e-7f1c3ad0c0de")
    malformed = await _refund(member, "not-a-uuid")
    too_long = await _refund(member, theirs, "x" * 501)

    # then NotFound, NotFound, ValidationFailed, and the other tenant's charge stands
    assert foreign["__typename"] == unknown["__typename"] == "NotFound"
    assert (malformed["__typename"], malformed["field"]) == ("ValidationFailed", "usageId")
    assert too_long["__typename"] == "ValidationFailed"
    assert await CreditUsage.filter(kind=CreditUsageKind.REFUND).count() == 0
    assert (await _summary(stranger))["used"] == 2


async def test_a_member_may_not_refund_but_a_platform_admin_may_without_a_tenant(
    member: Member, api: Api
) -> None:
    # given a charge, a MEMBER of its tenant and a platform admin of no tenant
    usage_id = (await member.create_project())["usage"]["id"]
    plain = Member(api, member.tenant, await make_user(member.tenant, role=Role.MEMBER))
    admin = await make_user(admin=True)

    # when the MEMBER refunds it
    errors = await plain.errors(REFUND, {"input": {"usageId": usage_id}})

    # then it is FORBIDDEN and nothing was refunded
    assert [error["extensions"]["code"] for error in errors] == ["FORBIDDEN"]
    assert (await _summary(member))["used"] == 2

    # when the platform admin refunds it, without an X-Tenant header
    data = await api.gql(REFUND, {"input": {"usageId": usage_id}}, token=token_for(admin))

    # then it is refunded, and the refund says by whom
    assert data["refundCredits"]["__typename"] == "RefundCreditsSuccess"
    assert data["refundCredits"]["refund"]["refundedBy"] == {"email": admin.email}
    assert (await _summary(member))["used"] == 0


async def _grant(tenant: Tenant, amount: int, **extra: Any) -> CreditGrant:
    return await CreditGrant.create(
        tenant=tenant, amount=amount, remaining=amount, source=GrantSource.PROMOTIONAL, **extra
    )


async def test_a_refund_gives_a_grant_back_what_it_paid(api: Api, refundable_tasks: None) -> None:
    # given a tenant with 1 credit of allowance and a grant of 5, a project (allowance 1 +
    # grant 1) and a task paid by the grant
    tenant = await make_tenant(1)
    member = Member(api, tenant, await make_user(tenant))
    grant = await _grant(tenant, 5)
    project = await member.create_project()
    task = await member.create_task(project["project"]["id"])
    assert (await CreditGrant.get(id=grant.id)).remaining == 3

    # when the task is deleted (refundable) and the project's charge refunded by hand
    deleted = (await member.gql(DELETE_TASK, {"input": {"id": task["task"]["id"]}}))["deleteTask"]
    assert deleted["refund"]["amount"] == -1
    assert (await CreditGrant.get(id=grant.id)).remaining == 4
    await _refund(member, project["usage"]["id"])

    # then the grant has all 5 back and the allowance its 1: nothing is used
    assert (await CreditGrant.get(id=grant.id)).remaining == 5
    summary = await _summary(member)
    assert (summary["used"], summary["remaining"], summary["limit"]) == (0, 6, 6)
    # and the credits can be spent again, all 6 of them (three projects), and no more
    results = [(await member.create_project(f"again {n}"))["__typename"] for n in range(4)]
    assert results == ["CreateProjectSuccess"] * 3 + ["InsufficientCredits"]


async def test_a_refund_does_not_revive_an_expired_grant(api: Api, refundable_tasks: None) -> None:
    # given a task paid by a grant that has expired since
    tenant = await make_tenant(0)
    member = Member(api, tenant, await make_user(tenant))
    grant = await _grant(tenant, 5)
    project = await member.create_project()
    task = await member.create_task(project["project"]["id"])
    await CreditGrant.filter(id=grant.id).update(expires_at=utcnow() - timedelta(seconds=1))

    # when the task is deleted
    deleted = (await member.gql(DELETE_TASK, {"input": {"id": task["task"]["id"]}}))["deleteTask"]

    # then its charge is refunded in the ledger and the summary, but the grant stays spent
    assert deleted["refund"]["amount"] == -1
    assert (await CreditGrant.get(id=grant.id)).remaining == 2
    summary = await _summary(member)
    assert (summary["used"], summary["remaining"]) == (2, 0)


async def test_the_ledger_type_filter_lists_refunds_too(
    member: Member, refundable_tasks: None
) -> None:
    # given a refunded task
    task_id, _ = await _new_task(member)
    await member.gql(DELETE_TASK, {"input": {"id": task_id}})

    # when the ledger is read for the task type
    edges = (await member.gql(LEDGER, {"type": TASK_CREATION}))["creditUsages"]["edges"]

    # then it holds the charge and its refund, newest first
    assert [edge["node"]["amount"] for edge in edges] == [-1, 1]
