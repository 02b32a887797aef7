"""chargeCredits: any action of the client's app, charged through the ledger like createTask."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest

from models import BillingOutbox, CreditTypeRow, CreditUsage, Project, Role, Task
from services.auth import TenantAccess
from tests.api.queries import SUMMARY
from tests.api.test_projects import Member
from tests.conftest import Api
from tests.factories import make_tenant, make_user, token_for

USAGE_FIELDS = "id type amount quantity objectId user { id email }"
CHARGE = f"""
mutation($input: ChargeCreditsInput!, $key: String) {{
  chargeCredits(input: $input, idempotencyKey: $key) {{
    __typename
    ... on ChargeCreditsSuccess {{ usage {{ {USAGE_FIELDS} }} }}
    ... on Error {{ code message }}
    ... on InsufficientCredits {{ creditType required remaining limit }}
    ... on ValidationFailed {{ field }}
  }}
}}"""
LEDGER = f"""
query($type: String) {{
  creditUsages(type: $type) {{ edges {{ node {{ {USAGE_FIELDS} }} }} }}
}}"""
CREATE_TYPE = """
mutation($input: CreateCreditTypeInput!) {
  createCreditType(input: $input) { __typename }
}"""
REPORT = "/app/acme/reports/42"


async def add_report_export(api: Api, amount: int = 5) -> None:
    admin = token_for(await make_user(admin=True))
    data = await api.gql(
        CREATE_TYPE,
        {"input": {"value": "report-export", "name": "Report export", "amount": amount}},
        token=admin,
    )
    assert data["createCreditType"]["__typename"] == "CreateCreditTypeSuccess"


async def charge(member: Member, key: str | None = None, **input: Any) -> dict[str, Any]:
    data = await member.gql(CHARGE, {"input": input, "key": key})
    result: dict[str, Any] = data["chargeCredits"]
    return result


async def used(member: Member) -> int:
    return int((await member.gql(SUMMARY))["usageSummary"]["used"])


async def test_an_admins_new_type_is_charged_amount_times_quantity_for_an_object_path(
    api: Api, member: Member
) -> None:
    # given a platform admin added `report-export` costing 5
    await add_report_export(api)
    # when a member charges it twice over for a report of their app
    result = await charge(member, type="report-export", quantity=2, objectId=REPORT)
    # then 10 credits are charged, to them, for that object
    assert result["__typename"] == "ChargeCreditsSuccess"
    usage = result["usage"]
    assert (usage["type"], usage["amount"], usage["quantity"], usage["objectId"]) == (
        "report-export",
        10,
        2,
        REPORT,
    )
    assert usage["user"]["email"] == member.user.email
    assert await used(member) == 10
    # and the ledger shows it, with that objectId and quantity
    ledger = (await member.gql(LEDGER, {"type": "report-export"}))["creditUsages"]["edges"]
    assert [edge["node"] for edge in ledger] == [usage]
    # and nothing was created in this service's own tables
    assert await Project.filter(tenant_id=member.tenant.id).count() == 0
    assert await Task.filter(tenant_id=member.tenant.id).count() == 0


async def test_quantity_defaults_to_one_and_a_uuid_object_id_is_kept_canonical(
    member: Member,
) -> None:
    object_id = uuid.uuid4()
    result = await charge(member, type="credit-task-creation", objectId=str(object_id).upper())
    assert result["usage"]["quantity"] == 1
    assert result["usage"]["amount"] == 1
    assert result["usage"]["objectId"] == str(object_id)


async def test_an_unknown_type_is_not_found_and_charges_nothing(member: Member) -> None:
    result = await charge(member, type="report-export", quantity=2, objectId=REPORT)
    assert (result["__typename"], result["code"]) == ("NotFound", "NOT_FOUND")
    assert await CreditUsage.filter(tenant_id=member.tenant.id).count() == 0
    assert await used(member) == 0


@pytest.mark.parametrize(
    ("input", "field"),
    [
        ({"quantity": 0}, "quantity"),
        ({"quantity": -3}, "quantity"),
        ({"quantity": 1_001}, "quantity"),
        ({"objectId": ""}, "objectId"),
        ({"objectId": "reports/42"}, "objectId"),
        ({"objectId": "/app/acme/my reports/42"}, "objectId"),
        ({"objectId": "/app/acme/\nreports"}, "objectId"),
        ({"objectId": "/app/\x00"}, "objectId"),
        ({"objectId": "/" + "r" * 512}, "objectId"),
        ({"objectId": "12345678-1234-1234-1234-12345678901z"}, "objectId"),
        ({"userId": "me"}, "userId"),
    ],
)
async def test_a_bad_input_is_named_and_charges_nothing(
    api: Api, member: Member, input: dict[str, Any], field: str
) -> None:
    await add_report_export(api)
    result = await charge(member, **{"type": "report-export", "objectId": REPORT, **input})
    assert (result["__typename"], result["field"]) == ("ValidationFailed", field)
    assert await CreditUsage.filter(tenant_id=member.tenant.id).count() == 0
    assert await used(member) == 0


async def test_the_longest_object_path_is_accepted(member: Member) -> None:
    path = "/" + "r" * 511
    result = await charge(member, type="credit-task-creation", objectId=path)
    assert result["usage"]["objectId"] == path


async def test_a_user_charges_only_themself(api: Api, member: Member) -> None:
    # when a user names their own id, it is the same as naming none
    mine = await charge(
        member, type="credit-task-creation", objectId=REPORT, userId=str(member.user.id)
    )
    assert mine["usage"]["user"]["id"] == str(member.user.id)
    # when they name another member of their tenant, it is refused, naming userId
    other = await make_user(member.tenant)
    theirs = await charge(
        member, type="credit-task-creation", objectId=REPORT, userId=str(other.id)
    )
    assert (theirs["__typename"], theirs["field"]) == ("ValidationFailed", "userId")
    assert await used(member) == 1


async def test_a_charge_beyond_the_balance_is_refused_whole(api: Api) -> None:
    # given a tenant with 5 credits and a type costing 2
    tenant = await make_tenant(5)
    member = Member(api, tenant, await make_user(tenant))
    await charge(member, type="credit-project-creation", objectId="/a", quantity=2)
    # when it charges 2 more units (4 credits) with 1 left
    refused = await charge(member, type="credit-project-creation", objectId="/b", quantity=2)
    # then it is refused whole, saying what it needed
    assert refused["__typename"] == "InsufficientCredits"
    assert (refused["creditType"], refused["required"], refused["remaining"], refused["limit"]) == (
        "credit-project-creation",
        4,
        1,
        5,
    )
    assert await used(member) == 4


async def test_a_replay_returns_the_first_charge_and_a_changed_input_conflicts(
    member: Member,
) -> None:
    # given a charge made with an idempotency key
    first = await charge(member, "k-1", type="credit-task-creation", quantity=3, objectId=REPORT)
    # when it is sent again, even after the price changed
    await CreditTypeRow.filter(value="credit-task-creation").update(amount=10)
    await member.api.runtime.catalog.changed()
    again = await charge(member, "k-1", type="credit-task-creation", quantity=3, objectId=REPORT)
    # then it answers the first charge and charges nothing more
    assert again == first
    assert await used(member) == 3
    # and the same key with another input is a conflict, charging nothing
    for changed in ({"quantity": 2, "objectId": REPORT}, {"quantity": 3, "objectId": "/other"}):
        conflict = await charge(member, "k-1", type="credit-task-creation", **changed)
        assert conflict["__typename"] == "Conflict"
    assert await used(member) == 3


async def test_concurrent_charges_with_one_key_charge_once(member: Member) -> None:
    results = await asyncio.gather(
        *(
            charge(member, "same", type="credit-task-creation", quantity=2, objectId=REPORT)
            for _ in range(10)
        )
    )
    assert {result["usage"]["id"] for result in results} == {results[0]["usage"]["id"]}
    assert await used(member) == 2


async def test_a_charge_is_reported_to_stripe_like_a_task(
    api: Api, member: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given billing is on
    monkeypatch.setattr(api.runtime.settings, "stripe_api_key", "sk_test_x")
    # when 3 units of the task type are charged for an object of the app
    await charge(member, type="credit-task-creation", quantity=3, objectId=REPORT)
    # then the outbox holds one meter event of 3 task credits, from the catalog's data
    rows = await BillingOutbox.filter(tenant_id=member.tenant.id)
    assert [(row.event_name, row.unit, row.value) for row in rows] == [
        ("task_credits", "task-credits", 3)
    ]


async def test_an_api_key_charges_a_member_it_names_or_no_one(
    api: Api, member: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The API-key side of `userId`, with the key's access faked: API keys themselves are
    another part of the work (services/auth.TenantAccess.api_key_id is their meeting point)."""
    key_id = uuid.uuid4()
    access = TenantAccess(
        member.tenant.id, member.tenant.slug, member.tenant.name, Role.OWNER, key_id
    )

    async def key_access(principal: Any, slug: str) -> TenantAccess:
        return access

    # The request context asks the authenticator for the caller's access to the tenant.
    monkeypatch.setattr(api.shared["authenticator"], "tenant_access", key_access)
    other = await make_user(member.tenant)
    outsider = await make_user(await make_tenant(10))
    # when the key names a member, that member is charged
    named = await charge(member, type="credit-task-creation", objectId=REPORT, userId=str(other.id))
    assert named["usage"]["user"]["id"] == str(other.id)
    # when it names no one, the charge has no user
    nobody = await charge(member, type="credit-task-creation", objectId=REPORT)
    assert nobody["usage"]["user"] is None
    # when it names someone outside its tenant, that user is not found, and nothing is charged
    stranger = await charge(
        member, type="credit-task-creation", objectId=REPORT, userId=str(outsider.id)
    )
    assert stranger["__typename"] == "NotFound"
    assert await used(member) == 2


CHECK = """
query($type: String!, $quantity: Int!) {
  checkCredits(type: $type, quantity: $quantity) {
    allowed type required remaining limit reason message
  }
}"""


async def check(member: Member, type: str, quantity: int) -> dict[str, Any]:
    result: dict[str, Any] = (await member.gql(CHECK, {"type": type, "quantity": quantity}))[
        "checkCredits"
    ]
    return result


async def test_check_credits_answers_as_a_charge_would_and_charges_nothing(api: Api) -> None:
    # given a tenant with 5 credits, 2 of them used
    tenant = await make_tenant(5)
    member = Member(api, tenant, await make_user(tenant))
    await charge(member, type="credit-project-creation", objectId="/a")
    # when it asks about charges that fit, that do not, of an unknown type, of a bad quantity
    fits = await check(member, "credit-task-creation", 3)
    too_many = await check(member, "credit-project-creation", 2)
    unknown = await check(member, "report-export", 1)
    bad = await check(member, "credit-task-creation", 0)
    huge = await check(member, "credit-project-creation", 2**31 - 1)
    # then each answer is what the charge would get
    assert fits == {
        "allowed": True,
        "type": "credit-task-creation",
        "required": 3,
        "remaining": 3,
        "limit": 5,
        "reason": None,
        "message": None,
    }
    assert (too_many["allowed"], too_many["reason"], too_many["required"]) == (
        False,
        "INSUFFICIENT_CREDITS",
        4,
    )
    assert (unknown["allowed"], unknown["reason"], unknown["required"]) == (False, "NOT_FOUND", 0)
    assert (bad["allowed"], bad["reason"]) == (False, "VALIDATION_FAILED")
    assert (huge["allowed"], huge["reason"], huge["required"]) == (False, "VALIDATION_FAILED", 0)
    # and nothing was charged by asking
    assert await used(member) == 2
    assert await CreditUsage.filter(tenant_id=tenant.id).count() == 1
