"""Kernel WebSockets that check a frame before decoding it.

A page talks to its kernel over a WebSocket in Jupyter's ``v1`` kernel protocol: each
binary frame starts with a count of offsets, then the offsets, then the message's parts.
Jupyter Server (2.21) and Voilà (0.5.13) read as many offsets as the first 8 bytes say
before any check, so one 24-byte frame claiming 10⁸ of them froze a server for 20 s and
a larger count grew it until the machine ran out of memory, for every learner on it (a
token holder's hostile page; found in the kit's own probe). The connection class here
refuses such a frame and closes that socket; the rest of the server goes on. The older
protocol (no subprotocol, which the classroom hub's servers still offer) had the same
flaw with a 4-byte count, and frames arriving while a socket closes were decoded as the
older protocol whatever was negotiated: both are refused too.

A page that sends requests but does not read the replies made the server hold every
reply in memory (3000 explorer commits: +440 MB, in the same probe). The connection
keeps count of the bytes it has handed to a socket that are not yet sent; past
``max_unsent_bytes`` (32 MiB by default) it closes that socket.

``GuardedChannelsConnection`` is set as the app's and the classroom hub's
``kernel_websocket_connection_class`` (and in the Zero to JupyterHub and TLJH settings
the README gives: :data:`SERVER_OPTION`).
"""

from __future__ import annotations

from functools import partial

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from traitlets import Integer

#: The kernel protocol the kit's pages speak (JupyterLab's and Voilà's front ends offer it).
V1_PROTOCOL = "v1.kernel.websocket.jupyter.org"
#: Offsets a v1 frame may carry: the channel, header, parent header, metadata, content and
#: the end make 6; each binary buffer adds one (the kit's widgets send a few at most).
MIN_OFFSETS, MAX_OFFSETS = 6, 64
#: WebSocket close code for a message the server cannot accept (RFC 6455, 1003: unsupported data).
CLOSE_UNSUPPORTED_DATA = 1003
#: WebSocket close code for a page that leaves too much unread (RFC 6455, 1008: policy violation).
CLOSE_POLICY_VIOLATION = 1008
#: Bytes a page may leave unread before its socket is closed: far above anything the kit's
#: pages receive at once (a figure is about 100 kB), small beside a server's memory.
MAX_UNSENT_BYTES = 32 * 2**20


def _table_problem(frame: bytes, width: int, order: str, signed: bool, lowest: int) -> str | None:
    """What is wrong with the table that starts ``frame``: a count of ``width`` bytes
    (``order``, ``signed``) between ``lowest`` and ``MAX_OFFSETS``, then as many offsets of
    that width, the first just after the table, in order, none past the frame's end."""
    if len(frame) < width:
        return f"{len(frame)} bytes, shorter than its count"
    count = int.from_bytes(frame[:width], order, signed=signed)
    if not lowest <= count <= MAX_OFFSETS:
        return f"{count} offsets ({lowest} to {MAX_OFFSETS} accepted)"
    head = width * (count + 1)
    if head > len(frame):
        return f"{count} offsets do not fit in {len(frame)} bytes"
    offsets = [
        int.from_bytes(frame[width * (i + 1) : width * (i + 2)], order) for i in range(count)
    ]
    if offsets[0] != head:
        return "the first part does not start after the offsets"
    if any(later < earlier for earlier, later in zip(offsets[:-1], offsets[1:], strict=True)):
        return "offsets out of order"
    if offsets[-1] > len(frame):
        return f"parts run to byte {offsets[-1]} of a {len(frame)}-byte frame"
    return None


def v1_frame_problem(frame) -> str | None:
    """What is wrong with ``frame`` as a v1 kernel message, or ``None`` if it can be decoded:
    a binary frame whose offset count (8 bytes, little-endian) is in range, whose offsets
    follow it in order and whose parts lie inside the frame."""
    if not isinstance(frame, bytes):
        return "a text frame (the v1 protocol sends binary frames)"
    return _table_problem(frame, 8, "little", False, MIN_OFFSETS)


def legacy_frame_problem(frame) -> str | None:
    """What is wrong with ``frame`` as a message of the older kernel protocol (no
    subprotocol: JSON text, or a binary frame of a 4-byte big-endian part count, 4-byte
    offsets and the parts), or ``None`` if it can be decoded. Jupyter Server builds a
    format string as long as the count before any check (up to 2³¹ characters)."""
    if isinstance(frame, str):
        return None
    return _table_problem(frame, 4, "big", True, 1)


class GuardedChannelsConnection(ZMQChannelsWebsocketConnection):
    """Jupyter Server's kernel WebSocket connection, refusing a malformed v1 frame and a
    page that does not read its replies: the socket is closed (the page reconnects or
    shows its kernel lost), nothing more is decoded or queued for it."""

    max_unsent_bytes = Integer(
        MAX_UNSENT_BYTES,
        min=0,
        config=True,
        help="Bytes handed to a kernel WebSocket and not yet sent, beyond which it is closed.",
    )
    _unsent_bytes = 0

    @property
    def write_message(self):
        """Where replies go (Jupyter Server calls this): the guarded write."""
        return self._write_counted

    def _write_counted(self, message, binary=False):
        """Hand ``message`` to the socket unless, with it, more than ``max_unsent_bytes``
        would wait unsent, in which case the socket is closed instead. A message larger
        than the limit still goes when nothing else is waiting (the next one closes the
        socket if it has not gone out by then)."""
        handler = self.websocket_handler
        if handler.ws_connection is None or handler.ws_connection.is_closing():
            return None  # closed or closing: nobody to send to
        size = len(message)
        if self._unsent_bytes and self._unsent_bytes + size > self.max_unsent_bytes:
            self.log.warning(
                "Kernel %s: page left %d bytes unread, socket closed",
                self.kernel_id,
                self._unsent_bytes,
            )
            handler.close(CLOSE_POLICY_VIOLATION, "replies not read")
            return None
        future = handler.write_message(message, binary=binary)
        if future is None:  # Voila's handler sends some messages itself, returning nothing
            return None
        self._unsent_bytes += size
        future.add_done_callback(partial(self._sent, size))
        return future

    def _sent(self, size: int, future) -> None:
        self._unsent_bytes -= size
        if not future.cancelled():
            future.exception()  # a closed socket's error is expected here, not news

    def handle_incoming_message(self, incoming_msg) -> None:
        if self.websocket_handler.ws_connection is None:
            # Closing: frames still arrive, but the negotiated protocol reads as None now,
            # and Jupyter Server would decode them as the older protocol, unchecked.
            return
        if self.subprotocol == V1_PROTOCOL:
            problem = v1_frame_problem(incoming_msg)
        else:
            problem = legacy_frame_problem(incoming_msg)
        if problem is not None:
            self.log.warning("Kernel %s: frame refused, socket closed: %s", self.kernel_id, problem)
            self.websocket_handler.close(CLOSE_UNSUPPORTED_DATA, "malformed kernel message")
            return
        super().handle_incoming_message(incoming_msg)


#: The Jupyter Server option that puts the guard on a learner's server.
SERVER_OPTION = (
    "--ServerApp.kernel_websocket_connection_class="
    f"{GuardedChannelsConnection.__module__}.{GuardedChannelsConnection.__qualname__}"
)
