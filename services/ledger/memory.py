"""What the charger remembers between batches, in this process: the accounts it committed
last, and the parents it has seen. Both are bounded; the least recently used are dropped.

Kept accounts. A batch needs each tenant's account: subscription, plan feature, balance,
grants and event sequence, five statements and a few dozen ORM objects to read. Between two
batches of a busy tenant usually nothing but the charger itself changed them, and it knows
what it wrote. So a kept account is checked, not read again: one statement fetches what the
account was built from (the event sequence, which every charge and every change of plan,
period or grants bumps in whatever process; the subscription; the plan's credits feature,
which a plan edit changes alone; the balance row's version and amounts; the count and total
of spendable grants, so that even a hand edit in SQL is noticed) and compares it; time is
checked in memory (the period's end, the grants' expiry). Any difference and the account is
read as before. The check is a shortcut, not the guard: the guarded writes (balance version,
grant amounts, event sequence) still refuse to apply a batch decided on anything stale.

Known parents. A charged object must belong to a parent of its own tenant; checking that was
one statement, and one round trip while the tenant's lock is held, in every batch. A parent
never moves to another tenant, so once seen it need not be read again: only its deletion can
change the answer, and the database's foreign key refuses the insert of a child whose parent
has gone. The charger then forgets what it knew of that batch's parents and decides each
request alone, reading its parent again.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any
from uuid import UUID

from models.queries import AccountVersion, account_versions
from services.credit_types import CREDITS_FEATURE
from services.ledger.account import Account
from services.ledger.allowance import SPENDING_STATUSES
from services.ledger.requests import ChargeRequest, ParentRef
from services.recency import remember

MAX_ACCOUNTS = 4096
MAX_PARENTS = 65_536
SPENDING_STATUS_VALUES = frozenset(status.value for status in SPENDING_STATUSES)


class KeptAccounts:
    """The most recently committed accounts, as the database holds them after that commit."""

    def __init__(self, max_accounts: int = MAX_ACCOUNTS) -> None:
        self._accounts: OrderedDict[UUID, Account] = OrderedDict()
        self._max_accounts = max_accounts

    def candidates(self, tenant_ids: Sequence[UUID], now: datetime) -> dict[UUID, Account]:
        """Kept accounts of these tenants that time has not made stale."""
        found = {}
        for tenant_id in tenant_ids:
            account = self._accounts.get(tenant_id)
            if account is None:
                continue
            if account.current_at(now):
                found[tenant_id] = account
            else:
                del self._accounts[tenant_id]
        return found

    def keep(self, accounts: Iterable[Account]) -> None:
        remember(
            self._accounts,
            ((account.tenant_id, account) for account in accounts),
            self._max_accounts,
        )

    def forget(self, tenant_ids: Iterable[UUID]) -> None:
        for tenant_id in tenant_ids:
            self._accounts.pop(tenant_id, None)


async def still_current(
    tenant_ids: Sequence[UUID],
    candidates: dict[UUID, Account],
    now: datetime,
    connection: Any,
    *,
    lock: bool = False,
) -> dict[UUID, Account]:
    """The candidates nothing has changed since they were committed, checked in one statement
    over all of `tenant_ids`; with `lock`, the statement also locks their rows (PostgreSQL; see
    `account_versions` for why a wait for another writer cannot pass a stale account)."""
    versions = await account_versions(
        tenant_ids,
        {
            tenant_id: account.balance.id
            for tenant_id, account in candidates.items()
            if account.balance.id is not None
        },
        CREDITS_FEATURE,
        now,
        connection,
        lock=lock,
    )
    return {
        tenant_id: account
        for tenant_id, account in candidates.items()
        if (version := versions.get(tenant_id)) is not None and _built_from(account, version)
    }


def kept_version(account: Account) -> AccountVersion:
    """What `account_versions` reads for a kept account while nothing has changed it since it
    was committed. Its status is any spending one: left out (None) here, checked apart."""
    allowance = account.allowance
    balance = account.balance
    return AccountVersion(
        event_sequence=account.event_sequence,
        plan_id=allowance.plan_id,
        status=None,
        period_start=allowance.period_start,
        period_end=allowance.period_end,
        feature_type=allowance.feature_type.value if allowance.feature_type else None,
        feature_value=allowance.feature_value,
        balance_version=balance.version,
        balance_used=balance.used,
        balance_charged=balance.charged,
        grant_count=len(account.grants),
        grant_total=sum(grant.remaining for grant in account.grants),
    )


def _built_from(account: Account, version: AccountVersion) -> bool:
    return version.status in SPENDING_STATUS_VALUES and replace(
        version, status=None
    ) == kept_version(account)


class KnownParents:
    """Parents seen to exist, each with its tenant; the least recently used are dropped."""

    def __init__(self, max_parents: int = MAX_PARENTS) -> None:
        self._tenants: OrderedDict[ParentRef, UUID] = OrderedDict()
        self._max_parents = max_parents

    def tenant_of(self, parent: ParentRef) -> UUID | None:
        tenant_id = self._tenants.get(parent)
        if tenant_id is not None:
            self._tenants.move_to_end(parent)
        return tenant_id

    def learn(self, found: Iterable[tuple[ParentRef, UUID]]) -> None:
        remember(self._tenants, found, self._max_parents)

    def forget(self, requests: Iterable[ChargeRequest[Any]]) -> None:
        for request in requests:
            if request.parent is not None:
                self._tenants.pop(request.parent, None)

    def partition(
        self, requests: Sequence[ChargeRequest[Any]]
    ) -> tuple[set[ParentRef], set[tuple[ParentRef, UUID]]]:
        """The requests' parents known in their request's tenant, and the (parent, tenant)
        pairs still to be read."""
        found: set[ParentRef] = set()
        wanted: set[tuple[ParentRef, UUID]] = set()
        for request in requests:
            parent = request.parent
            if parent is None:
                continue
            if self.tenant_of(parent) == request.tenant_id:
                found.add(parent)
            else:
                wanted.add((parent, request.tenant_id))
        return found, wanted
