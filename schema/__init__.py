"""Strawberry types, inputs, enums, errors and result unions. Pure: no I/O of its own."""
