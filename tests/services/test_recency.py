"""`remember` keeps the most recently stored entries, up to its limit."""

from __future__ import annotations

from collections import OrderedDict

from services.recency import remember


def test_storing_past_the_limit_drops_what_was_stored_longest_ago() -> None:
    # given a memory of three entries, a stored first
    entries: OrderedDict[str, int] = OrderedDict()
    remember(entries, [("a", 1), ("b", 2), ("c", 3)], limit=3)

    # when a is stored again, then d
    remember(entries, [("a", 10)], limit=3)
    remember(entries, [("d", 4)], limit=3)

    # then b, now the oldest, was dropped, and a holds its new value
    assert list(entries.items()) == [("c", 3), ("a", 10), ("d", 4)]
