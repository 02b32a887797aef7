"""Fast path live-frames: the bytes it writes are the websockets library's own text frame."""

from __future__ import annotations

import pytest
from websockets.frames import Frame, Opcode

from resolvers.wire_frames import text_frame


@pytest.mark.parametrize("length", [0, 1, 125, 126, 65535, 65536, 70000])
def test_a_made_frame_is_the_text_frame_websockets_writes(length: int) -> None:
    # given a text of that many bytes (some of them multi-byte characters)
    text = ("é" * (length // 2) + "x" * (length % 2))[:length]
    assert len(text.encode()) == length
    # then the frame made from it is what a websockets server would send
    expected = Frame(Opcode.TEXT, text.encode()).serialize(mask=False, extensions=[])
    assert text_frame(text) == expected
