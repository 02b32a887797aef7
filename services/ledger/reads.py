"""The ledger's reads: accounts, event sequences, idempotency keys already used, parents."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q
from tortoise.models import Model

from models import CreditBalance, CreditGrant, CreditUsage, Tenant
from models.tenant_controls import tenant_controls
from services.errors import NoActiveSubscription, NotFound
from services.ledger.account import Account, Allowance, Balance, Grant, consumption_order
from services.ledger.alert_rows import read_alert_marks
from services.ledger.alerts import stored_thresholds
from services.ledger.allowance import current_allowances
from services.ledger.member_reads import limited_members
from services.ledger.requests import Charged, ChargeRequest, M, ParentRef, Replayed
from services.ledger.reservations import live_holds


async def load_accounts(
    tenant_ids: Sequence[UUID],
    now: datetime,
    connection: BaseDBAsyncClient | None,
    *,
    for_charge: bool,
) -> dict[UUID, Account | NoActiveSubscription]:
    """Every tenant's account in a handful of statements, whatever the number of tenants.
    `for_charge` (under the tenant lock): a renewed period and a new balance row are written,
    and the usage alerts are read (without it the account carries no thresholds or alerts: a
    reader's summary or dry run changes none)."""
    # The tenant rows first: they tell which spending controls there are anything to read of.
    controls = await tenant_controls(tenant_ids, connection)
    allowances = await current_allowances(
        tenant_ids, now, connection=connection, persist_rollover=for_charge
    )
    active = {
        tenant_id: allowance
        for tenant_id, allowance in allowances.items()
        if isinstance(allowance, Allowance)
    }
    balances = await _balances(active, connection, create=for_charge)
    grants = await _grants(list(active), now, connection)
    members = await limited_members(
        {tenant_id: a for tenant_id, a in active.items() if controls[tenant_id].member_limits},
        connection,
    )
    holds = await live_holds([t for t in active if controls[t].held], now, connection)
    # Alerts matter only to what may change them (a reader's summary does not show them).
    alerts = (
        await read_alert_marks(
            {
                tenant_id: allowance.balance_start
                for tenant_id, allowance in active.items()
                if controls[tenant_id].alerts
            },
            connection,
        )
        if for_charge
        else {}
    )
    accounts: dict[UUID, Account | NoActiveSubscription] = {}
    for tenant_id, allowance in allowances.items():
        if isinstance(allowance, NoActiveSubscription):
            accounts[tenant_id] = allowance
            continue
        accounts[tenant_id] = Account(
            tenant_id=tenant_id,
            allowance=allowance,
            balance=balances[tenant_id],
            grants=_with_rollover(grants.get(tenant_id, ()), allowance.rollover),
            event_sequence=controls[tenant_id].event_sequence,
            members=members.get(tenant_id, {}),
            auto_top_up_below=controls[tenant_id].top_up_below,
            holds=holds.get(tenant_id, ()),
            alert_thresholds=(
                stored_thresholds(controls[tenant_id].alert_thresholds) if for_charge else ()
            ),
            alerts=alerts.get(tenant_id, ()),
        )
    return accounts


def _with_rollover(grants: tuple[Grant, ...], rollover: Grant | None) -> tuple[Grant, ...]:
    """A reader that found the period over shows the rollover grant the charger will write."""
    if rollover is None or any(grant.id == rollover.id for grant in grants):
        return grants
    return consumption_order((*grants, rollover))


async def load_account(
    tenant_id: UUID, now: datetime, connection: BaseDBAsyncClient | None, *, for_charge: bool
) -> Account:
    account = (await load_accounts([tenant_id], now, connection, for_charge=for_charge))[tenant_id]
    if isinstance(account, NoActiveSubscription):
        raise account
    return account


def _balance(row: CreditBalance) -> Balance:
    return Balance(
        id=row.id,
        tenant_id=row.tenant_id,
        version=row.version,
        used=row.used,
        charged=row.charged,
        by_type={
            key: (int(used), int(count)) for key, (used, count) in (row.by_type or {}).items()
        },
    )


async def _balances(
    allowances: dict[UUID, Allowance], connection: BaseDBAsyncClient | None, *, create: bool
) -> dict[UUID, Balance]:
    async def read() -> dict[UUID, Balance]:
        if not allowances:
            return {}
        rows = await CreditBalance.filter(
            tenant_id__in=list(allowances),
            period_start__in=list({allowance.balance_start for allowance in allowances.values()}),
        ).using_db(connection)
        return {
            row.tenant_id: _balance(row)
            for row in rows
            if row.period_start == allowances[row.tenant_id].balance_start
        }

    balances = await read()
    missing = [tenant_id for tenant_id in allowances if tenant_id not in balances]
    if missing and create:
        # A new period's row; a concurrent creator (an expired lock) is harmless.
        await CreditBalance.bulk_create(
            [
                CreditBalance(
                    tenant_id=tenant_id,
                    period_start=allowances[tenant_id].balance_start,
                    period_end=allowances[tenant_id].balance_end,
                    used=0,
                    charged=0,
                    by_type={},
                    version=0,
                )
                for tenant_id in missing
            ],
            ignore_conflicts=True,
            using_db=connection,
        )
        balances = await read()
    for tenant_id in missing:
        balances.setdefault(
            tenant_id,
            Balance(id=None, tenant_id=tenant_id, version=0, used=0, charged=0, by_type={}),
        )
    return balances


async def _grants(
    tenant_ids: list[UUID], now: datetime, connection: BaseDBAsyncClient | None
) -> dict[UUID, tuple[Grant, ...]]:
    """Each tenant's grants that can pay now, in `consumption_order`."""
    if not tenant_ids:
        return {}
    rows = await CreditGrant.filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now),
        tenant_id__in=tenant_ids,
        remaining__gt=0,
        voided_at__isnull=True,
    ).using_db(connection)
    grouped: dict[UUID, list[Grant]] = defaultdict(list)
    for row in rows:
        grouped[row.tenant_id].append(
            Grant(row.id, row.remaining, row.expires_at, row.priority, row.created_at)
        )
    return {tenant_id: consumption_order(grants) for tenant_id, grants in grouped.items()}


async def event_sequences(
    tenant_ids: Sequence[UUID], connection: BaseDBAsyncClient | None = None
) -> dict[UUID, int]:
    rows = await (
        Tenant.filter(id__in=list(tenant_ids))
        .using_db(connection)
        .values_list("id", "event_sequence")
    )
    return {UUID(str(id_)): int(sequence) for id_, sequence in rows}


async def event_sequence(tenant_id: UUID, connection: BaseDBAsyncClient | None = None) -> int:
    return (await event_sequences([tenant_id], connection))[tenant_id]


async def prior_usages(
    requests: Sequence[ChargeRequest[Any]], connection: BaseDBAsyncClient
) -> dict[tuple[UUID, str], CreditUsage]:
    """The ledger rows already charged under the requests' idempotency keys."""
    keys = {request.idempotency_key for request in requests if request.idempotency_key}
    if not keys:
        return {}
    rows = await CreditUsage.filter(
        tenant_id__in=list({request.tenant_id for request in requests}),
        idempotency_key__in=list(keys),
    ).using_db(connection)
    return {(row.tenant_id, row.idempotency_key): row for row in rows if row.idempotency_key}


async def parents_in_tenants(
    wanted: Iterable[tuple[ParentRef, UUID]], connection: BaseDBAsyncClient
) -> list[tuple[ParentRef, UUID]]:
    """Which of the (parent, tenant) pairs exist: one statement per model."""
    by_model: dict[type[Model], set[tuple[UUID, UUID]]] = defaultdict(set)
    for parent, tenant_id in wanted:
        by_model[parent.model].add((parent.id, tenant_id))
    found = []
    for model, pairs in by_model.items():
        rows = await (
            model.filter(
                id__in=list({id_ for id_, _ in pairs}),
                tenant_id__in=list({tenant for _, tenant in pairs}),
            )
            .using_db(connection)
            .values_list("id", "tenant_id")
        )
        for id_, tenant_id in rows:
            pair = (UUID(str(id_)), UUID(str(tenant_id)))
            if pair in pairs:
                found.append((ParentRef(model, pair[0]), pair[1]))
    return found


async def charged_object(outcome: Charged[M] | Replayed, model: type[M], tenant_id: UUID) -> M:
    """The object a charge paid for: inserted with it, or, for a replay, by the earlier
    request with the same idempotency key (read now: it may have been deleted since)."""
    if isinstance(outcome, Charged) and outcome.obj is not None:
        return outcome.obj
    replayed = await model.get_or_none(id=outcome.usage.object_id, tenant_id=tenant_id)
    if replayed is None:
        raise NotFound(
            f"The {model.__name__.lower()} created with this idempotency key (since deleted)"
        )
    return replayed
