"""Which failures mean the database is away: `services.outages`, named here for the ledger's
modules (the webhook sender imports it from there, so that the ledger may emit webhooks)."""

from services.outages import database_unreachable

__all__ = ["database_unreachable"]
