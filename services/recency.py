"""Bounded in-process memories (kept accounts, known parents) that drop what was used longest ago."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


def remember(entries: OrderedDict[K, V], new: Iterable[tuple[K, V]], limit: int) -> None:
    """Stores `new` as the most recently used entries, then drops the least recently used until
    at most `limit` remain."""
    for key, value in new:
        entries[key] = value
        entries.move_to_end(key)
    while len(entries) > limit:
        entries.popitem(last=False)
