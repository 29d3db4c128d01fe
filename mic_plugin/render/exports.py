"""Writers for the open data files: JSON exactly as ``json.dumps(..., indent=2, sort_keys=True)`` writes it, fast."""

from __future__ import annotations

import json
from typing import Any


def dumps_indented(obj: Any) -> str:
    """Exactly ``json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False)`` for JSON data
    (dicts with string keys, lists, strings, numbers, booleans, None), about twice as fast: the standard
    library's C encoder does not indent, and its Python one yields every piece through generators."""
    out: list[str] = []
    _indented(obj, out, "\n")
    return "".join(out)


def _indented(obj: Any, out: list[str], newline: str) -> None:
    if isinstance(obj, str):
        out.append(_encode_string(obj))
    elif isinstance(obj, dict):
        if not obj:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key in sorted(obj):
            if not isinstance(key, str):
                raise TypeError(f"keys must be strings here, not {type(key).__name__}")
            value = obj[key]
            kind = type(value)
            if kind is str:  # most values: written here rather than in a call of their own
                out.append(f"{separator}{_encode_string(key)}: {_encode_string(value)}")
            elif value is None:
                out.append(f"{separator}{_encode_string(key)}: null")
            elif kind is int:
                out.append(f"{separator}{_encode_string(key)}: {int.__repr__(value)}")
            else:
                out.append(f"{separator}{_encode_string(key)}: ")
                _indented(value, out, inner)
            separator = "," + inner
        out.append(newline + "}")
    elif isinstance(obj, (list, tuple)):
        if not obj:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for value in obj:
            out.append(separator)
            _indented(value, out, inner)
            separator = "," + inner
        out.append(newline + "]")
    elif obj is None:
        out.append("null")
    elif obj is True:
        out.append("true")
    elif obj is False:
        out.append("false")
    elif isinstance(obj, int):
        out.append(int.__repr__(obj))
    elif isinstance(obj, float):
        out.append(json.dumps(obj, allow_nan=False))  # NaN and infinities are refused, as json.dumps does
    else:
        raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")


_encode_string = json.encoder.encode_basestring  # what json.dumps uses with ensure_ascii=False
