"""The trust boundary between a widget's kernel side and its front end.

The browser is not trusted: a bug, an old page or a hand-made comm message can
send any JSON. ``TrustBoundary`` checks every state update from the front end
(``set_state``) in the kernel, key by key, with the widget's own checks
(``_frontend_checks``): valid keys are applied, the rest are refused with a
logged warning, and the kernel's state of every refused or corrected key is
sent back, so the page shows what the kernel holds. A front-end message never
raises in the kernel.

``trusted(widget)`` puts a standard ipywidgets control behind the same
boundary (the browser may set its value or selected index, nothing else);
``trust_tree(box)`` does that for a box and everything in it.

Python-side misuse is not the browser's business: widgets raise ``Refused`` /
``RefusedType`` there, which are ``ValueError`` / ``TypeError`` that traitlets
also rolls back inside ``hold_trait_notifications``.
"""

from __future__ import annotations

import logging
import math
import reprlib
from collections.abc import Callable
from functools import partial
from typing import Any

import ipywidgets as widgets
import traitlets
from ipywidgets.widgets.widget import JUPYTER_WIDGETS_ECHO, _put_buffers, _remove_buffers
from ipywidgets.widgets.widget_selection import _MultipleSelection, _Selection

from ...checks import Range

#: Where refusals are logged. Widgets reach it as ``widget.logger``: ``log`` is
#: traitlets' name for it, and the pacer uses ``log`` for its synced run log.
LOGGER = logging.getLogger(__name__)

#: Longest text the browser may put in a text box, characters.
MAX_TEXT_CHARS = 10_000
#: Largest whole number the browser may send for an unbounded integer (JavaScript's safe range).
MAX_SAFE_INT = 2**53 - 1

_short = reprlib.Repr()
_short.maxstring = _short.maxother = 80

Check = Callable[[Any], Any]

#: Widgets that only show things: the browser sets nothing on them.
DISPLAY_ONLY = (
    widgets.HTML,
    widgets.HTMLMath,
    widgets.Label,
    widgets.Image,
    widgets.Audio,
    widgets.Video,
    widgets.Valid,
    widgets.Box,
    widgets.Button,
)


class Refused(traitlets.TraitError, ValueError):
    """A value refused: a ``ValueError`` that ``hold_trait_notifications`` rolls back."""


class RefusedType(traitlets.TraitError, TypeError):
    """A value of the wrong type refused: a ``TypeError`` traitlets rolls back."""


def refusal(exc: Exception) -> traitlets.TraitError:
    """``exc`` (a ``TypeError`` or ``ValueError``) as the matching refusal."""
    return RefusedType(str(exc)) if isinstance(exc, TypeError) else Refused(str(exc))


def shown(value) -> str:
    """``repr`` cut short: a refused value can be megabytes long."""
    return _short.repr(value)


# Checks of single values --------------------------------------------------------------


def check_bool(value, name: str = "value") -> bool:
    """``True`` or ``False``, nothing that merely converts to one."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be true or false; got {shown(value)}")
    return value


def check_real(value, name: str = "value", low: float = -math.inf, high: float = math.inf):
    """A finite number in ``[low, high]`` (booleans are not numbers here): the kit's
    one check (``workshop.checks.Range``), finite even where the range is open-ended."""
    allowed = Range(low, high)
    x = allowed.check(name, value)
    if not math.isfinite(x):
        raise ValueError(f"{allowed.rule(name)} and be finite; got {shown(value)}")
    return x


def check_integer(value, name: str = "value", low: int = -MAX_SAFE_INT, high: int = MAX_SAFE_INT):
    """A whole number in ``[low, high]``; ``3.0`` counts (JavaScript has one number type)."""
    return Range(low, high).check_int(name, value, whole_floats=True)


def check_text(value, name: str = "value", max_chars: int = MAX_TEXT_CHARS) -> str:
    """Text of at most ``max_chars`` characters that can be written as UTF-8."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be text; got {shown(value)}")
    if len(value) > max_chars:
        raise ValueError(f"{name} must be at most {max_chars} characters; got {len(value)}")
    value.encode("utf-8")  # lone surrogates raise UnicodeEncodeError (a ValueError)
    return value


# Standard ipywidgets controls -----------------------------------------------------------


def _bounds(widget) -> tuple[float, float]:
    if isinstance(widget, widgets.FloatLogSlider):  # min and max are exponents there
        return widget.base**widget.min, widget.base**widget.max
    low, high = getattr(widget, "min", None), getattr(widget, "max", None)
    return (-math.inf if low is None else low), (math.inf if high is None else high)


def _check_value(widget, value):
    """A control's ``value`` as its own trait takes it, finite and within its bounds."""
    trait = widget.traits()["value"]
    if isinstance(trait, traitlets.Bool):
        return check_bool(value)
    if isinstance(trait, traitlets.Float):
        return check_real(value, "value", *_bounds(widget))
    if isinstance(trait, traitlets.Int):
        low, high = _bounds(widget)
        return check_integer(value, "value", max(low, -MAX_SAFE_INT), min(high, MAX_SAFE_INT))
    if isinstance(trait, traitlets.Unicode):
        return check_text(value)
    # Anything else (dates, ranges, ...): the trait's own validation decides.
    from_json = widget.trait_metadata("value", "from_json", widget._trait_from_json)
    return trait.validate(widget, from_json(value, widget))


def _check_index(widget, value):
    """The selected option's index: a whole number within the options."""
    return check_integer(value, "index", 0, len(widget.options) - 1)


def _check_indices(widget, value):
    """Selected indices: a list of distinct whole numbers within the options."""
    if not isinstance(value, list | tuple):
        raise TypeError(f"index must be a list of option numbers; got {shown(value)}")
    out = tuple(_check_index(widget, v) for v in value)
    if len(set(out)) != len(out):
        raise ValueError(f"index must not repeat an option; got {shown(value)}")
    return out


def control_checks(widget) -> dict[str, Check]:
    """What the browser may set on a standard ipywidgets widget: its value, or its
    selected index; nothing on display-only widgets, buttons, boxes, layouts, styles."""
    if isinstance(widget, DISPLAY_ONLY):
        return {}
    if isinstance(widget, _MultipleSelection):
        return {"index": partial(_check_indices, widget)}
    if isinstance(widget, _Selection):
        return {"index": partial(_check_index, widget)}
    if isinstance(widget, widgets.ValueWidget):
        return {"value": partial(_check_value, widget)}
    return {}


def _same(a, b) -> bool:
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001 - incomparable means not the same
        return False


# The boundary ---------------------------------------------------------------------------


class TrustBoundary:
    """Mixin for an ipywidgets widget: front-end state updates are checked in the kernel.

    Override ``_frontend_checks`` to name the keys the browser may set, each with
    a check that returns the value to keep or raises to refuse it.
    """

    logger = LOGGER

    def _frontend_checks(self) -> dict[str, Check]:
        return control_checks(self)

    def set_state(self, sync_data):
        """Apply a front-end update: valid keys in, the rest refused and sent back."""
        try:
            self._set_checked_state(sync_data)
        except Exception:  # noqa: BLE001 - a browser message must never raise in the kernel
            LOGGER.exception("%s: a front-end update failed", type(self).__name__)

    def _set_checked_state(self, sync_data) -> None:
        if not isinstance(sync_data, dict):
            LOGGER.warning(
                "%s refused a front-end update: %s", type(self).__name__, shown(sync_data)
            )
            return
        clean, refused = self._check_keys(sync_data)
        self._echo(refused)
        corrected = self._apply(clean, sync_data) if clean else []
        for key in dict.fromkeys(refused + corrected):
            self.send_state(key)

    def _check_keys(self, sync_data: dict) -> tuple[dict, list]:
        """The keys the widget's checks take (checked values) and the synced keys refused."""
        name, checks, synced = type(self).__name__, self._frontend_checks(), set(self.keys)
        clean, refused = {}, []
        for key, raw in sync_data.items():
            check = checks.get(key) if isinstance(key, str) else None
            if check is None:
                why = "the kernel sets it" if key in synced else "no such key"
                LOGGER.warning("%s refused %s from the front end: %s", name, shown(key), why)
                if key in synced:
                    refused.append(key)
                continue
            try:
                clean[key] = check(raw)
            except Exception as exc:  # noqa: BLE001 - any failure of a check refuses the key
                LOGGER.warning(
                    "%s refused %s=%s from the front end: %s", name, key, shown(raw), exc
                )
                refused.append(key)
        return clean, refused

    def _echo(self, refused: list) -> None:
        # The page waits for an echo of every key it sent (ipywidgets 8); ipywidgets
        # echoes only what it applies, so answer a refused key with the kernel's value.
        keys = [k for k in refused if self.trait_metadata(k, "echo_update", default=True)]
        if keys and JUPYTER_WIDGETS_ECHO:
            state, paths, buffers = _remove_buffers(self.get_state(keys))
            self._send({"method": "echo_update", "state": state, "buffer_paths": paths}, buffers)

    def _apply(self, clean: dict, sync_data: dict) -> list:
        """Set the checked keys (all, or none if the widget fails to take them); return
        the keys whose kernel value differs from what the page sent (clamped, snapped)."""
        before = {key: getattr(self, key) for key in clean}
        try:
            super().set_state(clean)
        except Exception:  # noqa: BLE001 - e.g. an observer that could not follow
            # An error, not a warning: the checks let through what the widget can't take.
            LOGGER.exception("%s could not apply %s; restored", type(self).__name__, sorted(clean))
            self._restore(before)
        state = self.get_state(list(clean))
        return [key for key in clean if not _same(state[key], sync_data[key])]

    def _restore(self, before: dict) -> None:
        for key, value in before.items():
            try:
                self.set_trait(key, value)
            except Exception:  # noqa: BLE001 - keep restoring the other keys
                LOGGER.exception("%s could not restore %s", type(self).__name__, key)

    def _handle_msg(self, msg):
        # Why not ipywidgets' handler: it reports failures through ``self.log``, which
        # a widget may use for a synced trait (the pacer's run log).
        try:
            data = msg["content"]["data"]
            method = data["method"]
            if method == "update" and "state" in data:
                state = data["state"]
                if "buffer_paths" in data:
                    _put_buffers(state, data["buffer_paths"], msg.get("buffers") or [])
                self.set_state(state)
            elif method == "request_state":
                self.send_state()
            elif method == "custom" and "content" in data:
                self._handle_custom_msg(data["content"], msg.get("buffers"))
            else:
                LOGGER.warning(
                    "%s ignored a front-end message %s", type(self).__name__, shown(data)
                )
        except Exception as exc:  # noqa: BLE001 - a browser message must never raise in the kernel
            LOGGER.warning("%s refused a malformed front-end message: %r", type(self).__name__, exc)


_TRUSTED: dict[type, type] = {}


def trusted(widget):
    """Put ``widget`` (any ipywidgets widget) behind the trust boundary; return it.

    Its class becomes a subclass with ``TrustBoundary`` mixed in, under the same
    name (as traitlets' own ``add_traits`` does); other state is untouched.
    """
    if isinstance(widget, TrustBoundary):
        return widget
    cls = type(widget)
    sub = _TRUSTED.get(cls)
    if sub is None:
        sub = type(cls.__name__, (TrustBoundary, cls), {"__module__": cls.__module__})
        sub.__qualname__ = cls.__qualname__
        _TRUSTED[cls] = sub
    widget.__class__ = sub
    if widget.comm is not None:
        # The comm holds the handler bound when it opened: hand it the checked one.
        widget.comm.on_msg(widget._handle_msg)
    return widget


def widget_tree(root) -> list:
    """``root`` and every widget under it: children, their layouts and styles."""
    found, stack, seen = [], [root], set()
    while stack:
        w = stack.pop()
        if not isinstance(w, widgets.Widget) or id(w) in seen:
            continue
        seen.add(id(w))
        found.append(w)
        stack.extend(getattr(w, "children", ()))
        stack.extend(getattr(w, attr, None) for attr in ("layout", "style"))
    return found


def trust_tree(root):
    """``trusted`` for ``root`` and every widget under it; return ``root``."""
    for w in widget_tree(root):
        trusted(w)
    return root


#: The comm target a page opens to create a widget in the kernel (ipywidgets registers it).
WIDGET_TARGET = "jupyter.widget"


def _refuse_page_widget(comm, msg) -> None:
    """A page asked the kernel to create a widget: refused, the comm closed. The kit's
    pages never do; a hostile one could fill the kernel's memory with widgets of any
    kind and size, outside every trust boundary (60 × 5 MB text widgets held 300 MB in
    the kit's probe)."""
    LOGGER.warning("Refused a widget the page asked the kernel to create (comm %s)", comm.comm_id)
    comm.close()


def refuse_page_widgets() -> None:
    """Have this kernel refuse widgets created by the page (every kit widget is created
    by the kernel; restoring a page's widgets uses another target and sends no open)."""
    from comm import get_comm_manager

    manager = get_comm_manager()
    if manager is not None:
        manager.register_target(WIDGET_TARGET, _refuse_page_widget)


# At import, after ipywidgets (imported above) has registered its own handler.
refuse_page_widgets()
