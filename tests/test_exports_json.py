"""report.json's writer: byte for byte what json.dumps(indent=2, sort_keys=True, ensure_ascii=False) writes."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mic_plugin.render.exports import dumps_indented

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),  # any text: quotes, backslashes, control characters, Welsh, emoji, lone surrogates
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5),
    max_leaves=40,
)


@settings(max_examples=500, deadline=None)
@given(JSON)
def test_same_bytes_as_the_standard_library(obj):
    assert dumps_indented(obj) == json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False)


def test_tuples_empty_containers_and_refusals():
    obj = {"b": (1, 2), "a": [], "c": {}, "d": [{}], "e": "Tŷ “quoted” \u2028 \x00"}
    assert dumps_indented(obj) == json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False)
    for bad in (math.nan, {"x": [math.inf]}):
        with pytest.raises(ValueError):
            dumps_indented(bad)
    with pytest.raises(TypeError):
        dumps_indented({"when": object()})
