"""Fast path `live-frames`: a fan-out frame written to the connection's transport as websocket
bytes made once per render, not through uvicorn's ASGI `send` and the websockets protocol's
framing per socket (a fifth of the fan-out's CPU went there besides the send syscall).

Only for uvicorn's websockets-sansio protocol (pinned exactly; tests/test_private_names.py) on
a connection without extensions (no permessage-deflate: a frame is then the same bytes for
every such socket), and only while the connection is open and its transport takes data;
otherwise the frame goes through the ASGI send as without the fast path. A server-to-client
frame changes none of the websockets protocol's state, and uvicorn writes out whatever the
protocol produced at each of its own sends, so nothing of the protocol's waits behind it.
"""

from __future__ import annotations

import struct
from typing import Any

from starlette.websockets import WebSocket
from websockets.protocol import State

from resolvers.live_sockets import RAW_SEND

# FIN + text opcode (RFC 6455 5.2); a server's frames are not masked.
_FIN_TEXT = 0x81


def text_frame(text: str) -> bytes:
    """A final, unmasked text frame carrying `text`."""
    payload = text.encode()
    length = len(payload)
    if length < 126:
        header = struct.pack("!BB", _FIN_TEXT, length)
    elif length < 65536:
        header = struct.pack("!BBH", _FIN_TEXT, 126, length)
    else:
        header = struct.pack("!BBQ", _FIN_TEXT, 127, length)
    return header + payload


class DirectWire:
    """Writes ready-made frames to one connection's transport while that is safe."""

    __slots__ = ("_protocol",)

    def __init__(self, protocol: Any) -> None:
        self._protocol = protocol

    @classmethod
    def of(cls, socket: WebSocket) -> DirectWire | None:
        """The connection's direct wire; None when it is not a plain websockets-sansio one."""
        protocol: Any = getattr(socket.scope.get(RAW_SEND), "__self__", None)
        if type(protocol).__name__ != "WebSocketsSansIOProtocol":
            return None
        conn = getattr(protocol, "conn", None)
        if (
            getattr(conn, "extensions", None) != []
            or getattr(conn, "state", None) is not State.OPEN
        ):
            return None
        if not all(
            hasattr(protocol, name)
            for name in ("close_sent", "disconnected", "writable", "transport")
        ):
            return None
        return cls(protocol)

    def write(self, frame: bytes) -> bool:
        """Writes `frame` unless the connection is closing, closed or paused (False: the
        caller sends it the usual way)."""
        protocol = self._protocol
        if (
            protocol.close_sent
            or protocol.disconnected
            or not protocol.writable.is_set()
            or protocol.conn.state is not State.OPEN
            or protocol.transport.is_closing()
        ):
            return False
        protocol.transport.write(frame)
        return True
