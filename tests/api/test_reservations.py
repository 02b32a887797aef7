"""Reservations: credits held for work of unknown cost, then committed (at most what was held)
or released; held credits count as spent for every other charge; an expired hold frees itself."""

from __future__ import annotations

from typing import Any

import pytest

from models import CreditReservation, CreditUsage
from tests.api.test_charge_credits import CHARGE, add_report_export
from tests.api.test_projects import Member
from tests.conftest import Api
from tests.factories import make_tenant, make_user, token_for
from tests.waiting import eventually

TASK = "credit-task-creation"
RESERVATION_FIELDS = (
    "id type quantity amount status expiresAt createdAt objectId usage { id amount quantity }"
)
RESERVE = f"""
mutation($input: ReserveCreditsInput!, $key: String) {{
  reserveCredits(input: $input, idempotencyKey: $key) {{
    __typename
    ... on ReserveCreditsSuccess {{ reservation {{ {RESERVATION_FIELDS} }} }}
    ... on Error {{ code message }}
    ... on InsufficientCredits {{ required remaining limit }}
    ... on ValidationFailed {{ field }}
  }}
}}"""
COMMIT = f"""
mutation($input: CommitReservationInput!) {{
  commitReservation(input: $input) {{
    __typename
    ... on CommitReservationSuccess {{
      reservation {{ {RESERVATION_FIELDS} }}
      usage {{ id type amount quantity objectId kind user {{ email }} }}
    }}
    ... on Error {{ code message }}
    ... on ValidationFailed {{ field }}
  }}
}}"""
RELEASE = f"""
mutation($input: ReleaseReservationInput!) {{
  releaseReservation(input: $input) {{
    __typename
    ... on ReleaseReservationSuccess {{ reservation {{ {RESERVATION_FIELDS} }} }}
    ... on Error {{ code message }}
  }}
}}"""
LIST = """
query($status: ReservationStatus, $first: Int, $after: String) {
  reservations(status: $status, first: $first, after: $after) {
    edges { cursor node { id status amount } }
    pageInfo { hasNextPage endCursor }
  }
}"""
SUMMARY = "{ usageSummary { used limit remaining reserved } }"


async def reserve(member: Member, key: str | None = None, **input: Any) -> dict[str, Any]:
    input.setdefault("type", TASK)
    result: dict[str, Any] = (await member.gql(RESERVE, {"input": input, "key": key}))[
        "reserveCredits"
    ]
    return result


async def held(member: Member, quantity: int, **input: Any) -> dict[str, Any]:
    result = await reserve(member, quantity=quantity, **input)
    assert result["__typename"] == "ReserveCreditsSuccess", result
    reservation: dict[str, Any] = result["reservation"]
    return reservation


async def commit(member: Member, id_: str, quantity: int | None = None) -> dict[str, Any]:
    input: dict[str, Any] = {"id": id_}
    if quantity is not None:
        input["quantity"] = quantity
    result: dict[str, Any] = (await member.gql(COMMIT, {"input": input}))["commitReservation"]
    return result


async def release(member: Member, id_: str) -> dict[str, Any]:
    result: dict[str, Any] = (await member.gql(RELEASE, {"input": {"id": id_}}))[
        "releaseReservation"
    ]
    return result


async def summary(member: Member) -> dict[str, Any]:
    result: dict[str, Any] = (await member.gql(SUMMARY))["usageSummary"]
    return result


async def charge_tasks(member: Member, quantity: int) -> dict[str, Any]:
    input = {"type": TASK, "quantity": quantity, "objectId": "/app/jobs/1"}
    result: dict[str, Any] = (await member.gql(CHARGE, {"input": input}))["chargeCredits"]
    return result


async def test_a_hold_counts_as_spent_for_charges_but_is_not_charged(member: Member) -> None:
    # given a tenant with 100 credits
    # when a member holds 95 of them for a job
    reservation = await held(member, 95, objectId="/app/jobs/1", ttlSeconds=600)
    # then the reservation is held, for that object, at the type's price
    assert (reservation["status"], reservation["quantity"], reservation["amount"]) == (
        "HELD",
        95,
        95,
    )
    assert reservation["objectId"] == "/app/jobs/1"
    assert reservation["usage"] is None
    # and the summary shows them reserved, not used, and not remaining
    assert await summary(member) == {"used": 0, "limit": 100, "remaining": 5, "reserved": 95}
    # and the dry run says so
    check = await member.gql(
        '{ checkCredits(type: "credit-task-creation", quantity: 6) { allowed remaining limit } }'
    )
    assert check["checkCredits"] == {"allowed": False, "remaining": 5, "limit": 100}
    # and a charge of more than the 5 left is refused, one that fits is charged
    refused = await charge_tasks(member, 6)
    assert (refused["__typename"], refused["remaining"]) == ("InsufficientCredits", 5)
    assert (await charge_tasks(member, 5))["__typename"] == "ChargeCreditsSuccess"
    # and no more can be held either
    more = await reserve(member, quantity=1)
    assert (more["__typename"], more["required"], more["remaining"]) == (
        "InsufficientCredits",
        1,
        0,
    )
    assert await summary(member) == {"used": 5, "limit": 100, "remaining": 0, "reserved": 95}


async def test_a_hold_that_does_not_fit_is_refused_and_holds_nothing(member: Member) -> None:
    result = await reserve(member, quantity=101)
    assert (result["__typename"], result["required"], result["remaining"], result["limit"]) == (
        "InsufficientCredits",
        101,
        100,
        100,
    )
    assert await CreditReservation.filter(tenant_id=member.tenant.id).count() == 0
    assert await summary(member) == {"used": 0, "limit": 100, "remaining": 100, "reserved": 0}


async def test_committing_less_than_held_charges_it_and_frees_the_rest(member: Member) -> None:
    # given 10 credits held for a job
    reservation = await held(member, 10, objectId="/app/jobs/7")
    # when the job used 4
    result = await commit(member, reservation["id"], 4)
    # then 4 are charged, to the member, for the job, as a normal ledger row
    assert result["__typename"] == "CommitReservationSuccess", result
    usage = result["usage"]
    assert (usage["type"], usage["amount"], usage["quantity"], usage["objectId"]) == (
        TASK,
        4,
        4,
        "/app/jobs/7",
    )
    assert (usage["kind"], usage["user"]["email"]) == ("CHARGE", member.user.email)
    # and the reservation is committed with that usage
    committed = result["reservation"]
    assert committed["status"] == "COMMITTED"
    assert committed["usage"] == {"id": usage["id"], "amount": 4, "quantity": 4}
    # and the other 6 are free again
    assert await summary(member) == {"used": 4, "limit": 100, "remaining": 96, "reserved": 0}
    # when the commit is retried with the same quantity, it answers the same charge
    again = await commit(member, reservation["id"], 4)
    assert again["usage"]["id"] == usage["id"]
    # and another quantity (or all held, 10) is a conflict; nothing more is charged
    for other in (5, None):
        conflict = await commit(member, reservation["id"], other)
        assert conflict["__typename"] == "Conflict", conflict
    assert await CreditUsage.filter(tenant_id=member.tenant.id).count() == 1
    assert (await summary(member))["used"] == 4


async def test_committing_more_than_held_charges_what_was_held(member: Member) -> None:
    reservation = await held(member, 3)
    result = await commit(member, reservation["id"], 50)
    assert (result["usage"]["amount"], result["usage"]["quantity"]) == (3, 3)
    # and a retry with that quantity, or with none (all held), is the same commit
    assert (await commit(member, reservation["id"], 50))["usage"]["id"] == result["usage"]["id"]
    assert (await commit(member, reservation["id"]))["usage"]["id"] == result["usage"]["id"]
    assert await summary(member) == {"used": 3, "limit": 100, "remaining": 97, "reserved": 0}


async def test_a_commit_pays_the_price_fixed_at_reserve_time(api: Api, member: Member) -> None:
    # given `report-export` costs 5 when 2 units are reserved (10 credits held)
    await add_report_export(api, amount=5)
    reservation = await held(member, 2, type="report-export")
    assert reservation["amount"] == 10
    # when its price then rises to 7
    admin = token_for(await make_user(admin=True))
    await api.gql(
        'mutation { updateCreditType(input: {value: "report-export", amount: 7}) { __typename } }',
        token=admin,
    )
    # then committing everything charges the 10 held, at 5 a unit
    result = await commit(member, reservation["id"])
    assert (result["usage"]["amount"], result["usage"]["quantity"]) == (10, 2)


async def test_a_released_hold_frees_its_credits_and_cannot_be_committed(member: Member) -> None:
    reservation = await held(member, 60)
    result = await release(member, reservation["id"])
    assert result["__typename"] == "ReleaseReservationSuccess"
    assert result["reservation"]["status"] == "RELEASED"
    assert await summary(member) == {"used": 0, "limit": 100, "remaining": 100, "reserved": 0}
    # releasing again answers it again
    again = await release(member, reservation["id"])
    assert again["reservation"]["status"] == "RELEASED"
    # committing it is a conflict, and charges nothing
    refused = await commit(member, reservation["id"])
    assert (refused["__typename"], refused["code"]) == ("Conflict", "CONFLICT")
    assert await CreditUsage.filter(tenant_id=member.tenant.id).count() == 0
    # the freed credits can be charged
    assert (await charge_tasks(member, 100))["__typename"] == "ChargeCreditsSuccess"


async def test_a_committed_reservation_cannot_be_released(member: Member) -> None:
    reservation = await held(member, 5)
    await commit(member, reservation["id"], 2)
    result = await release(member, reservation["id"])
    assert (result["__typename"], result["code"]) == ("Conflict", "CONFLICT")
    assert await summary(member) == {"used": 2, "limit": 100, "remaining": 98, "reserved": 0}


async def test_an_expired_hold_frees_its_credits_by_itself(member: Member) -> None:
    # given all 100 credits held for one second, after a charge that kept the account
    assert (await charge_tasks(member, 1))["__typename"] == "ChargeCreditsSuccess"
    reservation = await held(member, 99, ttlSeconds=1)
    assert (await charge_tasks(member, 1))["__typename"] == "InsufficientCredits"

    # when it expires (no job runs), the summary no longer counts it
    await eventually(
        lambda: summary(member),
        until=lambda s: s["reserved"] == 0,
        what="the expired hold to drop out of the summary",
    )
    # then it reads EXPIRED, a charge can spend its credits, and committing it charges nothing
    listed = (await member.gql(LIST, {"status": "EXPIRED"}))["reservations"]["edges"]
    assert [edge["node"]["id"] for edge in listed] == [reservation["id"]]
    refused = await commit(member, reservation["id"])
    assert (refused["__typename"], refused["code"]) == ("Conflict", "CONFLICT")
    assert (await charge_tasks(member, 99))["__typename"] == "ChargeCreditsSuccess"
    assert await summary(member) == {"used": 100, "limit": 100, "remaining": 0, "reserved": 0}
    # and releasing it answers it as it is
    assert (await release(member, reservation["id"]))["reservation"]["status"] == "EXPIRED"


@pytest.mark.parametrize(
    ("input", "field"),
    [
        ({"quantity": 0}, "quantity"),
        ({"quantity": 1_001}, "quantity"),
        ({"ttlSeconds": 0}, "ttlSeconds"),
        ({"ttlSeconds": 86_401}, "ttlSeconds"),
        ({"objectId": "jobs/1"}, "objectId"),
    ],
)
async def test_bad_input_is_a_validation_error_and_holds_nothing(
    member: Member, input: dict[str, Any], field: str
) -> None:
    result = await reserve(member, **input)
    assert (result["__typename"], result["field"]) == ("ValidationFailed", field)
    assert await CreditReservation.filter(tenant_id=member.tenant.id).count() == 0


async def test_an_unknown_type_is_not_found(member: Member) -> None:
    result = await reserve(member, type="no-such-type")
    assert result["__typename"] == "NotFound"
    assert await CreditReservation.filter(tenant_id=member.tenant.id).count() == 0


async def test_bad_commit_input_is_a_validation_error(member: Member) -> None:
    reservation = await held(member, 2)
    assert (await commit(member, "not-a-uuid"))["field"] == "id"
    assert (await commit(member, reservation["id"], 0))["field"] == "quantity"
    assert (await summary(member))["reserved"] == 2


async def test_a_repeated_idempotency_key_answers_the_first_reservation(member: Member) -> None:
    first = await reserve(member, key="job-1", quantity=4)
    again = await reserve(member, key="job-1", quantity=4)
    assert again["reservation"]["id"] == first["reservation"]["id"]
    assert (await summary(member))["reserved"] == 4
    # the same key with another input is a conflict
    conflict = await reserve(member, key="job-1", quantity=5)
    assert conflict["__typename"] == "Conflict"
    assert await CreditReservation.filter(tenant_id=member.tenant.id).count() == 1


async def test_another_tenants_reservation_is_not_found(api: Api, member: Member) -> None:
    # given a reservation of another tenant
    other_tenant = await make_tenant(100)
    other = Member(api, other_tenant, await make_user(other_tenant))
    theirs = await held(other, 10)
    # then this member can neither commit, release nor list it
    assert (await commit(member, theirs["id"]))["__typename"] == "NotFound"
    assert (await release(member, theirs["id"]))["__typename"] == "NotFound"
    assert (await member.gql(LIST))["reservations"]["edges"] == []
    # and it is still held, charging nothing
    assert await summary(other) == {"used": 0, "limit": 100, "remaining": 90, "reserved": 10}
    assert await summary(member) == {"used": 0, "limit": 100, "remaining": 100, "reserved": 0}


async def test_reservations_are_listed_newest_first_by_status_and_page(member: Member) -> None:
    ids = [(await held(member, quantity))["id"] for quantity in (1, 2, 3)]
    await commit(member, ids[0])
    await release(member, ids[1])
    # a page of two, then the rest after its cursor
    first = (await member.gql(LIST, {"first": 2}))["reservations"]
    assert [edge["node"]["id"] for edge in first["edges"]] == [ids[2], ids[1]]
    assert first["pageInfo"]["hasNextPage"] is True
    rest = (await member.gql(LIST, {"first": 2, "after": first["pageInfo"]["endCursor"]}))[
        "reservations"
    ]
    assert [edge["node"]["id"] for edge in rest["edges"]] == [ids[0]]
    assert rest["pageInfo"]["hasNextPage"] is False
    # one status at a time
    for status, expected in (("HELD", ids[2]), ("RELEASED", ids[1]), ("COMMITTED", ids[0])):
        page = (await member.gql(LIST, {"status": status}))["reservations"]["edges"]
        assert [(edge["node"]["id"], edge["node"]["status"]) for edge in page] == [
            (expected, status)
        ]
    assert (await member.gql(LIST, {"status": "EXPIRED"}))["reservations"]["edges"] == []
