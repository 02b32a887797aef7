"""JSON text that goes into a response as it is (a page PostgreSQL wrote, `page_plans`)."""

from __future__ import annotations


class JsonText:
    """Not an `orjson.Fragment` itself: a Fragment does not give its text back, and the stdlib
    encoder (fast path `orjson-responses` off) has to parse it to write it again."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text
