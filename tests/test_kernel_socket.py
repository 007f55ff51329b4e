"""The kernel WebSocket frame check: what Jupyter Server writes passes, what it could not
decode (or would loop on) is refused, and a frame that passes decodes within bounds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jupyter_server.services.kernels.connection.base import (
    deserialize_msg_from_ws_v1,
    serialize_msg_to_ws_v1,
)

from workshop.tooling.kernel_socket import MAX_OFFSETS, v1_frame_problem


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
