"""Auto top-up: when a charge leaves a tenant's credits below its threshold, one off-session
Stripe payment buys the configured credit pack, granted once Stripe confirms it.

- `config`: `setAutoTopUp` (validated, through `change_account`: the threshold lives in the
  ledger's accounts) and what `Tenant.autoTopUp` shows;
- the trigger is the ledger's (`services/ledger/low_balance.py`): a batch that leaves an account
  below its threshold hands the tenant to this process's worker, in memory;
- `attempts`: an attempt row is created under the tenant lock after re-checking the balance,
  the month's count and that none is PENDING (a unique column guarantees one PENDING per
  tenant in the database); its outcome (confirmed, declined) is applied once;
- `payments.TopUpWorker`: makes each attempt's PaymentIntent after commit, idempotently, and
  looks up a payment whose webhook did not come.

Decisions where the contract is silent: `maxPerMonth` caps purchases, so a declined payment
does not count toward it (`purchasesThisMonth` counts confirmed ones; a PENDING one counts
toward the cap while in flight); but a decline pauses auto top-up until `setAutoTopUp` is
called again (after fixing the card), so a bad card is not retried on every charge.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from services.billing.client import billing_enabled
from settings import Settings

if TYPE_CHECKING:
    from services.billing.top_up.payments import TopUpWorker
    from services.runtime import Runtime


def start_top_ups(settings: Settings, runtime: Runtime) -> TopUpWorker | None:
    """Starts this process's top-up worker when Stripe is configured, and points the ledger's
    low-balance trigger at it."""
    if not billing_enabled(settings):
        return None
    from services.billing.top_up.payments import TopUpWorker

    worker = TopUpWorker(settings, runtime)
    runtime.charger.batches.on_low_balance = worker.notice
    worker.start()
    return worker
