"""The kernel WebSocket frame check: what Jupyter Server writes passes, what it could not
decode (or would loop on) is refused, and a frame that passes decodes within bounds."""

from __future__ import annotations

from concurrent.futures import Future

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jupyter_server.services.kernels.connection.base import (
    deserialize_binary_message,
    deserialize_msg_from_ws_v1,
    serialize_binary_message,
    serialize_msg_to_ws_v1,
)

from workshop.tooling.kernel_socket import MAX_OFFSETS, legacy_frame_problem, v1_frame_problem


def frame(parts: list[bytes], channel: str = "shell") -> bytes:
    return serialize_msg_to_ws_v1(parts, channel)


def test_a_message_as_the_server_writes_it_passes():
    parts = [b'{"msg_type": "comm_msg"}', b"{}", b"{}", b'{"data": {}}', b"\x00\x01buffer"]
    assert v1_frame_problem(frame(parts)) is None
    channel, decoded = deserialize_msg_from_ws_v1(frame(parts))
    assert channel == "shell" and decoded == parts


@pytest.mark.parametrize(
    "bad",
    [
        (10**8).to_bytes(8, "little") + bytes(16),  # the probe's: 10⁸ offsets in 24 bytes
        (2**62).to_bytes(8, "little"),
        b"\x06",  # shorter than the count itself
        "a text frame",
        (6).to_bytes(8, "little") + bytes(40),  # offsets past the frame's end
        (MAX_OFFSETS + 1).to_bytes(8, "little") + bytes(8 * (MAX_OFFSETS + 1)),
    ],
)
def test_frames_that_cannot_be_decoded_are_refused_with_a_reason(bad):
    assert isinstance(v1_frame_problem(bad), str)


def test_offsets_out_of_order_are_refused():
    good = bytearray(frame([b"h", b"p", b"m", b"c"]))
    good[8 * 3 : 8 * 4], good[8 * 4 : 8 * 5] = good[8 * 4 : 8 * 5], good[8 * 3 : 8 * 4]
    assert v1_frame_problem(bytes(good)) == "offsets out of order"


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=600),
        st.lists(st.binary(max_size=40), min_size=4, max_size=8).map(frame),
        st.tuples(st.integers(0, 2**64 - 1), st.binary(max_size=200)).map(
            lambda t: t[0].to_bytes(8, "little") + t[1]
        ),
    )
)
def test_any_frame_that_passes_decodes_inside_its_bytes(data):
    if v1_frame_problem(data) is None:
        try:
            _, parts = deserialize_msg_from_ws_v1(data)
        except UnicodeDecodeError:  # a channel name that is not text: refused, not looped on
            return
        assert sum(len(p) for p in parts) <= len(data)


def legacy_frame(buffers: list[bytes]) -> bytes:
    msg = {"header": {"msg_type": "comm_msg"}, "parent_header": {}, "content": {}}
    return serialize_binary_message({**msg, "buffers": buffers})


def test_an_older_protocol_message_as_a_page_writes_it_passes():
    assert legacy_frame_problem('{"header": {}}') is None  # text frames are JSON
    data = legacy_frame([b"\x00\x01buffer", b"more"])
    assert legacy_frame_problem(data) is None
    assert deserialize_binary_message(data)["buffers"] == [b"\x00\x01buffer", b"more"]


@pytest.mark.parametrize(
    "bad",
    [
        (2**31 - 1).to_bytes(4, "big") + bytes(8),  # a 2 GB format string in Jupyter Server
        (-1).to_bytes(4, "big", signed=True) + bytes(8),
        (0).to_bytes(4, "big"),
        b"\x00\x01",
        (2).to_bytes(4, "big") + (12).to_bytes(4, "big") + (99).to_bytes(4, "big"),
        (MAX_OFFSETS + 1).to_bytes(4, "big") + bytes(4 * (MAX_OFFSETS + 1)),
    ],
)
def test_older_protocol_frames_that_cannot_be_decoded_are_refused(bad):
    assert isinstance(legacy_frame_problem(bad), str)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=600),
        st.lists(st.binary(max_size=40), max_size=6).map(legacy_frame),
        st.tuples(st.integers(-(2**31), 2**31 - 1), st.binary(max_size=200)).map(
            lambda t: t[0].to_bytes(4, "big", signed=True) + t[1]
        ),
    )
)
def test_any_older_protocol_frame_that_passes_is_read_inside_its_bytes(data):
    """Jupyter Server's own reader takes what passes without a struct error (a count or
    offsets past the frame) and builds nothing larger than the frame; JSON that is not a
    message is an ordinary error it logs."""
    if legacy_frame_problem(data) is None:
        try:
            msg = deserialize_binary_message(data)
        except (ValueError, KeyError, TypeError, AttributeError):
            return  # not JSON, or not a message: refused by Jupyter Server, logged
        assert sum(len(b) for b in msg["buffers"]) <= len(data)


class _Handler:
    """A WebSocket handler whose writes wait until the test lets them go out."""

    def __init__(self, returns_future: bool = True):
        self.futures, self.closed, self.returns_future = [], None, returns_future
        self.ws_connection = self

    def is_closing(self) -> bool:
        return self.closed is not None

    def write_message(self, message, binary=False):
        if not self.returns_future:
            return None
        # A plain Future: its done callbacks run at once, no event loop needed (another
        # test's loop may be running in this thread).
        future = Future()
        self.futures.append(future)
        return future

    def close(self, code, reason):
        self.closed = code


def _connection(handler, limit: int):
    """The guard's write path on a stand-in for the connection (its traits need a real
    server): the same methods, bound to a plain object."""
    import logging
    from functools import partial
    from types import SimpleNamespace

    from workshop.tooling.kernel_socket import GuardedChannelsConnection as G

    c = SimpleNamespace(websocket_handler=handler, max_unsent_bytes=limit, _unsent_bytes=0)
    c.log, c.kernel_id = logging.getLogger("test"), "k"
    c._sent = partial(G._sent, c)
    return c, partial(G._write_counted, c)


def test_unsent_bytes_are_counted_until_sent_and_too_many_close_the_socket():
    from workshop.tooling.kernel_socket import CLOSE_POLICY_VIOLATION

    handler = _Handler()
    conn, write = _connection(handler, limit=100)
    write(b"x" * 60)
    write(b"x" * 30)
    assert conn._unsent_bytes == 90 and handler.closed is None
    handler.futures[0].set_result(None)
    assert conn._unsent_bytes == 30  # the first went out
    write(b"x" * 60)
    assert conn._unsent_bytes == 90 and handler.closed is None
    assert write(b"x" * 20) is None and handler.closed == CLOSE_POLICY_VIOLATION
    assert write(b"x") is None and conn._unsent_bytes == 90  # closing: nothing more queued


def test_a_message_larger_than_the_limit_goes_when_nothing_waits_and_a_handler_without_futures_is_fine():
    handler = _Handler()
    conn, write = _connection(handler, limit=100)
    assert write(b"x" * 500) is not None and handler.closed is None
    quiet = _Handler(returns_future=False)  # Voila's handler sends some messages itself
    conn, write = _connection(quiet, limit=100)
    assert write(b"x" * 50) is None and conn._unsent_bytes == 0 and quiet.closed is None
