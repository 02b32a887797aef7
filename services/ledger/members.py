"""Member limits inside a tenant's pool, decided with the pool: pure, no I/O.

A member with a `credit_limit` may spend at most that much of the tenant's credits in the
allowance window. The account carries each limited member's limit and what they have used in
the window (`Account.members`, read with the account by `member_reads.limited_members`);
`decide()` asks `member_refusal` after the tenant's own check (a charge that does not fit the
pool is the TENANT's refusal) and `member_charged` once the charge is accepted. A member
without a limit is not in the account and costs nothing.

What counts against a limit is `used`: the member's charges in the window that are not
refunded. A refund bumps the tenant's event sequence, so a kept account is read again and the
refunded charge no longer counts. The member's live holds (reservations) count too, as they
count against the pool: `Account.holds` carries who holds what, so a hold and its commit are
never counted twice (a commit lifts its hold before it is charged).
"""

from __future__ import annotations

from dataclasses import replace
from uuid import UUID

from services.errors import CreditScope, InsufficientCredits
from services.ledger.account import Account, MemberSpend

__all__ = ["MemberSpend", "member_charged", "member_left", "member_refusal"]


def member_refusal(
    account: Account, user_id: UUID | None, credit_type: str, cost: int
) -> InsufficientCredits | None:
    """The refusal of a charge of `cost` by `user_id` that would take them past their own
    limit; None when it fits (or they have no limit)."""
    spend = _spend(account, user_id)
    if spend is None or spend.used + cost <= spend.limit:
        return None
    return InsufficientCredits(
        credit_type=credit_type,
        required=cost,
        remaining=spend.left,
        limit=spend.limit,
        scope=CreditScope.MEMBER,
    )


def member_charged(account: Account, user_id: UUID | None, cost: int) -> Account:
    """`account` once a charge of `cost` by `user_id` is accepted: it counts against their
    limit, if they have one."""
    if user_id is None or (spend := account.members.get(user_id)) is None:
        return account
    return replace(
        account, members={**account.members, user_id: spend._replace(used=spend.used + cost)}
    )


def member_left(account: Account, user_id: UUID | None) -> MemberSpend | None:
    """The member's spend when their own limit leaves them less than the tenant's pool does
    (what a dry run shows as `remaining` and `limit`); None otherwise."""
    spend = _spend(account, user_id)
    if spend is None:
        return None
    remaining = account.remaining
    return spend if remaining is None or spend.left < remaining else None


def _spend(account: Account, user_id: UUID | None) -> MemberSpend | None:
    """The member's spend with their live holds counted as used; None without a limit."""
    spend = account.members.get(user_id) if user_id is not None else None
    if spend is None or not account.holds:
        return spend
    held = sum(hold.amount for hold in account.holds if hold.user_id == user_id)
    return spend._replace(used=spend.used + held) if held else spend
