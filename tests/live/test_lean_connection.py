"""The lighter stand-ins for uvicorn's per-connection queue and event (resolvers.lean_connection):
they must behave as the asyncio primitives they replace, for the calls uvicorn makes. The live
tests (real uvicorn processes) run every connection through them."""

from __future__ import annotations

import asyncio

import pytest

from resolvers.lean_connection import Gate, Inbox
from tests.waiting import eventually


async def test_an_inbox_hands_out_its_messages_in_order_and_keeps_what_a_queue_held() -> None:
    # given a queue already holding a message, and an inbox taking over from it
    queue: asyncio.Queue[dict[str, str]] = asyncio.Queue()
    queue.put_nowait({"type": "websocket.connect"})
    inbox = Inbox(queue)
    # when two more arrive
    inbox.put_nowait({"type": "websocket.receive", "text": "1"})
    inbox.put_nowait({"type": "websocket.receive", "text": "2"})
    # then they are read in order, and it is empty afterwards
    assert queue.empty()
    assert not inbox.empty() and inbox.qsize() == 3
    assert [await inbox.get() for _ in range(3)] == [
        {"type": "websocket.connect"},
        {"type": "websocket.receive", "text": "1"},
        {"type": "websocket.receive", "text": "2"},
    ]
    assert inbox.empty() and inbox.qsize() == 0
    with pytest.raises(asyncio.QueueEmpty):
        inbox.get_nowait()


async def test_a_reader_waiting_on_an_empty_inbox_gets_the_next_message() -> None:
    # given a reader waiting on an empty inbox
    inbox = Inbox()
    reader = asyncio.create_task(inbox.get())
    await asyncio.sleep(0)
    assert not reader.done()
    # when a message arrives
    inbox.put_nowait("hello")
    # then the reader gets it
    assert await asyncio.wait_for(reader, 5) == "hello"
    assert inbox.empty()


async def test_a_cancelled_reader_loses_no_message() -> None:
    # given two readers waiting
    inbox = Inbox()
    first = asyncio.create_task(inbox.get())
    second = asyncio.create_task(inbox.get())
    await asyncio.sleep(0)
    # when a message arrives and the reader it woke is cancelled before it runs
    inbox.put_nowait("only")
    first.cancel()
    # then the other reader gets the message
    assert await asyncio.wait_for(second, 5) == "only"
    with pytest.raises(asyncio.CancelledError):
        await first
    # and a reader cancelled while nothing came leaves the inbox usable
    third = asyncio.create_task(inbox.get())
    await asyncio.sleep(0)
    third.cancel()
    with pytest.raises(asyncio.CancelledError):
        await third
    inbox.put_nowait("later")
    assert await asyncio.wait_for(inbox.get(), 5) == "later"


async def test_a_gate_lets_through_while_open_and_holds_writers_while_closed() -> None:
    # given an open gate
    gate = Gate()
    assert gate.is_set()
    assert await asyncio.wait_for(gate.wait(), 5) is True
    # when it closes (the transport paused), writers wait
    gate.clear()
    writers = [asyncio.create_task(gate.wait()) for _ in range(2)]
    await asyncio.sleep(0)
    assert not gate.is_set()
    assert not any(writer.done() for writer in writers)
    # then opening it again lets every one of them through
    gate.set()
    await eventually(lambda: all(writer.done() for writer in writers))
    assert [writer.result() for writer in writers] == [True, True]
    # and a writer cancelled while it waited leaves the gate usable
    gate.clear()
    cancelled = asyncio.create_task(gate.wait())
    await asyncio.sleep(0)
    cancelled.cancel()
    with pytest.raises(asyncio.CancelledError):
        await cancelled
    gate.set()
    assert await asyncio.wait_for(gate.wait(), 5) is True
