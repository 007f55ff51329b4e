"""A kernel running the kit's views refuses widgets the page asks it to create.

A real kernel (jupyter_client), a comm opened as a page would open one: the kernel closes
it and holds no new widget. Every kit widget is created by the kernel, so nothing else
changes (the browser tests show the explorer and the pacer working in JupyterLab and
in the app)."""

from __future__ import annotations

import time

import pytest
from jupyter_client.manager import start_new_kernel

TEXT_WIDGET = {
    "_model_name": "TextModel",
    "_model_module": "@jupyter-widgets/controls",
    "_model_module_version": "2.0.0",
    "_view_name": "TextView",
    "_view_module": "@jupyter-widgets/controls",
    "_view_module_version": "2.0.0",
    "value": "x" * 100_000,
}


@pytest.fixture
def kernel():
    manager, client = start_new_kernel(kernel_name="python3", startup_timeout=120)
    try:
        yield client
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def run(client, code: str) -> None:
    msg_id = client.execute(code)
    reply = client.get_shell_msg(timeout=120)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = client.get_shell_msg(timeout=120)
    assert reply["content"]["status"] == "ok", reply["content"]


def test_the_kernel_refuses_a_widget_the_page_opens(kernel):
    run(kernel, "import ipywidgets, workshop.views.chain; n0 = len(ipywidgets.Widget.widgets)")
    content = {
        "comm_id": "page-made",
        "target_name": "jupyter.widget",
        "data": {"state": TEXT_WIDGET, "buffer_paths": []},
    }
    kernel.shell_channel.send(
        kernel.session.msg("comm_open", content, metadata={"version": "2.1.0"})
    )
    deadline = time.monotonic() + 60
    closed = False
    while not closed and time.monotonic() < deadline:
        msg = kernel.get_iopub_msg(timeout=60)
        closed = msg["msg_type"] == "comm_close" and msg["content"]["comm_id"] == "page-made"
    assert closed, "the kernel did not close the page's widget comm"
    run(kernel, "assert len(ipywidgets.Widget.widgets) == n0, 'a widget was created'")
