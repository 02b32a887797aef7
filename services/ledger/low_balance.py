"""Auto top-up's trigger, in the ledger: which committed accounts fell below their threshold.

An account carries its tenant's auto top-up threshold (`Account.auto_top_up_below`, read with
the account's tenant row, `models.tenant_controls`; `setAutoTopUp` changes it through `change_account`, which makes every kept account
stale). After a batch commits, the accounts it changed are checked in memory — an attribute
test per changed account, no query — and the tenants below their threshold are handed to
`on_low_balance` (the top-up worker of the process), which decides under the tenant lock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from uuid import UUID

import structlog

from services.ledger.account import Account

log = structlog.get_logger(__name__)

LowBalance = Callable[[list[UUID]], None]


def is_low(account: Account) -> bool:
    below = account.auto_top_up_below
    if below is None:
        return False
    remaining = account.remaining
    return remaining is not None and remaining < below


def notify(on_low_balance: LowBalance | None, accounts: Iterable[Account]) -> None:
    """Hands the tenants whose account is below its threshold to `on_low_balance`."""
    if on_low_balance is None:
        return
    low = [account.tenant_id for account in accounts if is_low(account)]
    if low:
        try:
            on_low_balance(low)
        except Exception:  # a top-up is not worth failing a committed batch for
            log.exception("low balance callback failed")
