"""Use-cases: each module owns its transactions, locks and side effects. Never imports strawberry."""
