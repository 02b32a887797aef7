"""The credit ledger: checks and consumes credits atomically, per tenant, across processes.

One concept per module, from the data up:
- `requests`: what a service asks for (`ChargeRequest`: data, no callbacks) and gets back
  (`Charged`, `Replayed`, or a raised `DomainError`);
- `account`: a tenant's period, allowance, balance and grants, as frozen data;
- `decide`: the decisions, pure: an account and the waiting charges in, results and the new
  account out;
- `members`: member limits within the tenant's pool, pure, asked by `decide`; `member_reads`
  reads them with the account;
- `allowance`, `reads`: what is read; `writes` (and `statement`, PostgreSQL's one-statement
  batch): what is written, every write guarded;
- `memory`: what a process keeps between batches (committed accounts, known parents);
- `alerts`: usage alerts, pure: which thresholds an account reached, what changes (decide
  calls it); `alert_rows`: their rows and webhook events, read and written with the account;
- `records`: the rows and events a batch's decisions become;
- `batch`: one batch committed (read or check, decide, write, retry);
- `charger`: the queue, the locks and the scheduling of batches;
- `accounts`: changes to what a tenant may spend (plan, period, grants);

The Redis lock keeps processes from contending. It can expire while its holder still works,
so every writer of an account also locks the tenants' rows first (`writes.lock_tenant_rows`;
a charge batch with the statement that checks its kept accounts): a writer whose Redis lock
expired waits for the other's commit instead of racing it. The guards refuse whatever was
decided on a stale read all the same (a hand edit in SQL takes no lock).
"""

from services.ledger.account import no_subscription_summary
from services.outages import database_unreachable

# Named here for callers outside the services layer that only need these two.
__all__ = ["database_unreachable", "no_subscription_summary"]
