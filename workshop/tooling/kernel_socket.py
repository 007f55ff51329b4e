"""Kernel WebSockets that check a frame before decoding it.

A page talks to its kernel over a WebSocket in Jupyter's ``v1`` kernel protocol: each
binary frame starts with a count of offsets, then the offsets, then the message's parts.
Jupyter Server (2.21) and Voilà (0.5.13) read as many offsets as the first 8 bytes say
before any check, so one 24-byte frame claiming 10⁸ of them froze a server for 20 s and
a larger count grew it until the machine ran out of memory, for every learner on it (a
token holder's hostile page; found in the kit's own probe). The connection class here
refuses such a frame and closes that socket; the rest of the server goes on.

``GuardedChannelsConnection`` is set as the app's and the classroom hub's
``kernel_websocket_connection_class`` (and in the Zero to JupyterHub and TLJH settings
the README gives: :data:`SERVER_OPTION`).
"""

from __future__ import annotations

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

#: The kernel protocol the kit's pages speak (JupyterLab's and Voilà's front ends offer it).
V1_PROTOCOL = "v1.kernel.websocket.jupyter.org"
#: Offsets a v1 frame may carry: the channel, header, parent header, metadata, content and
#: the end make 6; each binary buffer adds one (the kit's widgets send a few at most).
MIN_OFFSETS, MAX_OFFSETS = 6, 64
#: WebSocket close code for a message the server cannot accept (RFC 6455, 1003: unsupported data).
CLOSE_UNSUPPORTED_DATA = 1003


def v1_frame_problem(frame) -> str | None:
    """What is wrong with ``frame`` as a v1 kernel message, or ``None`` if it can be decoded:
    a binary frame whose offset count is in range, whose offsets follow it in order and
    whose parts lie inside the frame."""
    if not isinstance(frame, bytes):
        return "a text frame (the v1 protocol sends binary frames)"
    if len(frame) < 8:
        return f"{len(frame)} bytes, shorter than its offset count"
    count = int.from_bytes(frame[:8], "little")
    if not MIN_OFFSETS <= count <= MAX_OFFSETS:
        return f"{count} offsets ({MIN_OFFSETS} to {MAX_OFFSETS} accepted)"
    head = 8 * (count + 1)
    if head > len(frame):
        return f"{count} offsets do not fit in {len(frame)} bytes"
    offsets = [int.from_bytes(frame[8 * (i + 1) : 8 * (i + 2)], "little") for i in range(count)]
    if offsets[0] != head:
        return "the first part does not start after the offsets"
    if any(later < earlier for earlier, later in zip(offsets[:-1], offsets[1:], strict=True)):
        return "offsets out of order"
    if offsets[-1] > len(frame):
        return f"parts run to byte {offsets[-1]} of a {len(frame)}-byte frame"
    return None


class GuardedChannelsConnection(ZMQChannelsWebsocketConnection):
    """Jupyter Server's kernel WebSocket connection, refusing a malformed v1 frame: the
    socket is closed (the page reconnects or shows its kernel lost), nothing is decoded."""

    def handle_incoming_message(self, incoming_msg) -> None:
        if self.subprotocol == V1_PROTOCOL:
            problem = v1_frame_problem(incoming_msg)
            if problem is not None:
                self.log.warning(
                    "Kernel %s: frame refused, socket closed: %s", self.kernel_id, problem
                )
                self.websocket_handler.close(CLOSE_UNSUPPORTED_DATA, "malformed kernel message")
                return
        super().handle_incoming_message(incoming_msg)


#: The Jupyter Server option that puts the guard on a learner's server.
SERVER_OPTION = (
    "--ServerApp.kernel_websocket_connection_class="
    f"{GuardedChannelsConnection.__module__}.{GuardedChannelsConnection.__qualname__}"
)
