"""Member limits: owners and admins cap what a member may spend of the tenant's credits; a
charge past the cap is InsufficientCredits with scope MEMBER; `Membership.creditsUsed` is the
member's net use in the current period."""

from __future__ import annotations

from typing import Any

from models import CreditUsage, Membership, Role, Tenant, User
from tests.api.test_api_keys import create_key, error_code
from tests.api.test_charge_credits import CHARGE
from tests.conftest import Api
from tests.factories import make_tenant, make_user, token_for

MEMBERSHIP = "creditLimit creditsUsed role tenant { slug } user { id }"
SET_LIMIT = f"""
mutation($input: SetMemberCreditLimitInput!) {{
  setMemberCreditLimit(input: $input) {{
    __typename
    ... on SetMemberCreditLimitSuccess {{ membership {{ {MEMBERSHIP} }} }}
    ... on ValidationFailed {{ field }}
    ... on Error {{ code message }}
  }}
}}"""
CHARGE_SCOPED = """
mutation($input: ChargeCreditsInput!) {
  chargeCredits(input: $input) {
    __typename
    ... on ChargeCreditsSuccess { usage { id amount } }
    ... on InsufficientCredits { code scope required remaining limit message }
  }
}"""
CHECK = """
query($quantity: Int!) {
  checkCredits(type: "credit-task-creation", quantity: $quantity) {
    allowed required remaining limit reason scope
  }
}"""
VIEWER = f"{{ viewer {{ memberships {{ {MEMBERSHIP} }} }} }}"
REFUND = """
mutation($id: ID!) {
  refundCredits(input: {usageId: $id}) { __typename }
}"""


class Team:
    """A tenant with an owner and a member, calling the API."""

    def __init__(self, api: Api, tenant: Tenant, owner: User, member: User) -> None:
        self.api = api
        self.tenant = tenant
        self.owner = owner
        self.member = member

    async def as_owner(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        return await self.api.gql(query, variables, token=token_for(self.owner), tenant=self.slug)

    async def as_member(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        return await self.api.gql(query, variables, token=token_for(self.member), tenant=self.slug)

    @property
    def slug(self) -> str:
        return self.tenant.slug

    async def set_limit(self, limit: int | None, user: User | None = None) -> Any:
        user_id = str((user or self.member).id)
        data = await self.as_owner(SET_LIMIT, {"input": {"userId": user_id, "limit": limit}})
        return data["setMemberCreditLimit"]

    async def charge(self, quantity: int = 1, *, by_owner: bool = False) -> Any:
        charge = {"type": "credit-task-creation", "quantity": quantity, "objectId": "/r/1"}
        call = self.as_owner if by_owner else self.as_member
        return (await call(CHARGE_SCOPED, {"input": charge}))["chargeCredits"]


async def make_team(api: Api, credits: int | None = 100) -> Team:
    tenant = await make_tenant(credits)
    owner = await make_user(tenant)
    return Team(api, tenant, owner, await make_user(tenant, role=Role.MEMBER))


async def test_a_member_past_their_limit_is_refused_with_scope_member_and_charged_nothing(
    api: Api,
) -> None:
    # given a tenant of 100 credits whose owner limits a member to 3
    team = await make_team(api)
    set_ = await team.set_limit(3)
    assert set_["__typename"] == "SetMemberCreditLimitSuccess"
    assert set_["membership"]["creditLimit"] == 3
    assert set_["membership"]["creditsUsed"] == 0
    assert set_["membership"]["user"]["id"] == str(team.member.id)

    # when the member charges 2, then 2 more
    first = await team.charge(2)
    refused = await team.charge(2)

    # then the first is charged and the second refused for the member's limit
    assert first["__typename"] == "ChargeCreditsSuccess"
    assert refused == {
        "__typename": "InsufficientCredits",
        "code": "INSUFFICIENT_CREDITS",
        "scope": "MEMBER",
        "required": 2,
        "remaining": 1,
        "limit": 3,
        "message": refused["message"],
    }
    # and nothing of it was charged; the owner, without a limit, still spends the pool
    assert await CreditUsage.filter(tenant_id=team.tenant.id).count() == 1
    assert (await team.charge(5, by_owner=True))["__typename"] == "ChargeCreditsSuccess"
    # and the member's last credit still fits
    assert (await team.charge(1))["__typename"] == "ChargeCreditsSuccess"


async def test_a_refusal_of_the_pool_is_scope_tenant_even_for_a_limited_member(api: Api) -> None:
    # given a tenant of 2 credits and a member limited to 10
    team = await make_team(api, credits=2)
    await team.set_limit(10)

    # when the member charges 3
    refused = await team.charge(3)

    # then the tenant's credits are what ran short
    assert (refused["scope"], refused["remaining"], refused["limit"]) == ("TENANT", 2, 2)


async def test_null_removes_the_limit(api: Api) -> None:
    # given a member at their limit of 1
    team = await make_team(api)
    await team.set_limit(1)
    assert (await team.charge(1))["__typename"] == "ChargeCreditsSuccess"
    assert (await team.charge(1))["__typename"] == "InsufficientCredits"

    # when the owner removes it
    removed = await team.set_limit(None)

    # then the membership has no limit, and the member charges again
    assert removed["membership"]["creditLimit"] is None
    assert removed["membership"]["creditsUsed"] == 1
    assert (await team.charge(5))["__typename"] == "ChargeCreditsSuccess"


async def test_a_limit_set_after_charges_applies_to_the_next_charge(api: Api) -> None:
    # given a member who spent 4 (the charger now keeps the tenant's account)
    team = await make_team(api)
    assert (await team.charge(4))["__typename"] == "ChargeCreditsSuccess"

    # when the owner limits them to 5
    await team.set_limit(5)

    # then what they spent before counts: 2 more is past the limit, 1 fits
    refused = await team.charge(2)
    assert (refused["scope"], refused["remaining"], refused["limit"]) == ("MEMBER", 1, 5)
    assert (await team.charge(1))["__typename"] == "ChargeCreditsSuccess"


async def test_a_refund_gives_the_member_back_their_credits(api: Api) -> None:
    # given a member at their limit of 3
    team = await make_team(api)
    await team.set_limit(3)
    charged = await team.charge(3)
    assert (await team.charge(1))["__typename"] == "InsufficientCredits"

    # when the owner refunds the charge
    refund = await team.as_owner(REFUND, {"id": charged["usage"]["id"]})
    assert refund["refundCredits"]["__typename"] == "RefundCreditsSuccess"

    # then the member's use is net of it, and they may spend again
    viewer = await team.as_member(VIEWER)
    assert viewer["viewer"]["memberships"][0]["creditsUsed"] == 0
    assert (await team.charge(3))["__typename"] == "ChargeCreditsSuccess"


async def test_an_admin_sets_limits_a_member_or_an_api_key_is_forbidden(api: Api) -> None:
    # given a tenant (with API access) with an admin, a member and an API key
    tenant = await make_tenant(100, api=True)
    owner = await make_user(tenant)
    admin = await make_user(tenant, role=Role.ADMIN)
    member = await make_user(tenant, role=Role.MEMBER)
    key = await create_key(api, token_for(owner), tenant)
    variables = {"input": {"userId": str(member.id), "limit": 0}}

    # when the member and the key try, then the admin
    by_member = await api.post(SET_LIMIT, variables, token=token_for(member), tenant=tenant.slug)
    by_key = await api.post(SET_LIMIT, variables, token=key["secret"], tenant=tenant.slug)
    unchanged = await Membership.get(tenant_id=tenant.id, user_id=member.id)
    by_admin = await api.gql(SET_LIMIT, variables, token=token_for(admin), tenant=tenant.slug)

    # then the member and the key are FORBIDDEN and changed nothing; the admin sets it
    assert error_code(by_member) == "FORBIDDEN"
    assert error_code(by_key) == "FORBIDDEN"
    assert unchanged.credit_limit is None
    assert by_admin["setMemberCreditLimit"]["membership"]["creditLimit"] == 0
    assert (await Membership.get(id=unchanged.id)).credit_limit == 0


async def test_a_user_of_another_tenant_is_not_found_and_nothing_changes(api: Api) -> None:
    # given two tenants, and a user who is a member of the other one only
    team = await make_team(api)
    other = await make_tenant(100)
    outsider = await make_user(other, role=Role.MEMBER)
    sequence = (await Tenant.get(id=team.tenant.id)).event_sequence

    # when the owner sets a limit for the outsider, and for a user id no one has
    found = await team.set_limit(7, user=outsider)
    nobody = await team.as_owner(
        SET_LIMIT, {"input": {"userId": "00000000-0000-4000-8000-000000000000", "limit": 7}}
    )

    # then both are NotFound, and neither tenant changed
    assert found["__typename"] == "NotFound"
    assert nobody["setMemberCreditLimit"]["__typename"] == "NotFound"
    assert (await Membership.get(user_id=outsider.id)).credit_limit is None
    assert (await Tenant.get(id=team.tenant.id)).event_sequence == sequence


async def test_a_negative_limit_is_refused_and_nothing_changes(api: Api) -> None:
    # given a member limited to 5
    team = await make_team(api)
    await team.set_limit(5)
    sequence = (await Tenant.get(id=team.tenant.id)).event_sequence

    # when the owner sets -1, and a malformed user id
    negative = await team.set_limit(-1)
    malformed = await team.as_owner(SET_LIMIT, {"input": {"userId": "nope", "limit": 1}})

    # then both are typed validation errors naming the field, and nothing changed
    assert (negative["__typename"], negative["field"]) == ("ValidationFailed", "limit")
    assert malformed["setMemberCreditLimit"]["field"] == "userId"
    assert (await Membership.get(user_id=team.member.id)).credit_limit == 5
    assert (await Tenant.get(id=team.tenant.id)).event_sequence == sequence


async def test_credits_used_is_each_members_net_use_in_each_tenants_period(api: Api) -> None:
    # given a user who is a limited member of one tenant and an unlimited owner of another
    team = await make_team(api)
    await team.set_limit(10)
    mine = await make_tenant(100)
    await Membership.create(tenant=mine, user=team.member, role=Role.OWNER)
    # and who spent 3 (one charge of 2 then refunded) in the first, 4 in the second
    await team.charge(3)
    refunded = await team.charge(2)
    await team.as_owner(REFUND, {"id": refunded["usage"]["id"]})
    charge = {"type": "credit-task-creation", "quantity": 4, "objectId": "/r/2"}
    await api.gql(CHARGE, {"input": charge}, token=token_for(team.member), tenant=mine.slug)
    # and the owner's own charges, which are not theirs
    await team.charge(6, by_owner=True)

    # when they read their memberships
    viewer = await team.as_member(VIEWER)

    # then each shows its limit and what they used there
    shown = {
        row["tenant"]["slug"]: (row["creditLimit"], row["creditsUsed"])
        for row in viewer["viewer"]["memberships"]
    }
    assert shown == {team.slug: (10, 3), mine.slug: (None, 4)}


async def test_check_credits_answers_what_the_members_charge_would(api: Api) -> None:
    # given a member with 2 left of a limit of 5, in a tenant of 100
    team = await make_team(api)
    await team.set_limit(5)
    await team.charge(3)

    # when they check 2 and 3
    fits = (await team.as_member(CHECK, {"quantity": 2}))["checkCredits"]
    too_much = (await team.as_member(CHECK, {"quantity": 3}))["checkCredits"]

    # then the dry run answers as the charge: their own remaining and limit, scope MEMBER
    assert fits == {
        "allowed": True,
        "required": 2,
        "remaining": 2,
        "limit": 5,
        "reason": None,
        "scope": None,
    }
    assert too_much == {
        "allowed": False,
        "required": 3,
        "remaining": 2,
        "limit": 5,
        "reason": "INSUFFICIENT_CREDITS",
        "scope": "MEMBER",
    }
    assert (await team.charge(3))["scope"] == "MEMBER"
    # and the owner, without a limit, sees the tenant's credits
    owner = (await team.as_owner(CHECK, {"quantity": 3}))["checkCredits"]
    assert (owner["allowed"], owner["remaining"], owner["limit"]) == (True, 97, 100)
