"""The loader's shortcuts for speed give exactly what the plain way gives (issue 14: `mic validate` speed).

* the table of Unicode format characters equals a scan of the running Python's Unicode database;
* reading a text as a reader does (``as_read``, ``without_invisible``) equals the plain ``str.translate``;
* the content loader's resolver gives every scalar the tag PyYAML's safe resolver gives.
"""

from __future__ import annotations

import sys
import unicodedata

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mic_plugin.load import shown
from mic_plugin.load.yamlfile import _ContentLoader, _Loader


def test_format_character_table_matches_the_unicode_database():
    scanned = frozenset(cp for cp in range(sys.maxunicode + 1) if unicodedata.category(chr(cp)) == "Cf")
    assert shown.format_code_points() == scanned
    assert unicodedata.unidata_version in shown._FORMAT_RANGES, "add this Python's Unicode version to the table"


def _as_read_plainly(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text.translate(shown._REMOVE_INVISIBLE)).translate(shown._READER)
    return " ".join(text.split())


SPECIAL = "".join(chr(cp) for cp in sorted(shown.INVISIBLE)[:40]) + shown._DASHES + shown._DOTS + "\u2800\U000e0041"
TEXTS = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(SPECIAL + "a1@ -.")), max_size=40)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_as_read_is_the_plain_translation(text):
    assert shown.as_read(text) == _as_read_plainly(text)
    assert shown.without_invisible(text) == (text if text.isascii() else text.translate(shown._REMOVE_INVISIBLE))


SCALARS = ["", "~", "null", "Null", "NULL", "yes", "No", "on", "OFF", "y", "n", "true", "False", "12", "-3", "+4",
           "0x1F", "0o17", "017", "0b101", "1_000", "1:20", "1:20:30.5", "3.5", ".5", "-.inf", ".NaN", "1e3",
           "6.02e+23", "2024-03-05", "2024-3-5", "2024-03-05 10:00:00", "2024-03-05T10:00:00Z", "<<", "=",
           "text", "Yes please", "2024", "#x", "@x", "%x", "£20", "ŵyr", "nothing", "on time"]


def _tags(text: str, loader) -> list[tuple[str, str]]:
    out = []
    root = yaml.compose(text, Loader=loader)
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        out.append((node.tag, node.value if isinstance(node, yaml.ScalarNode) else ""))
        if isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return out


def test_content_loader_tags_every_scalar_as_the_safe_loader_does():
    lines = [f"k{i}: {s}" if s else f"k{i}:" for i, s in enumerate(SCALARS) if not s.startswith(("#", "@", "%"))]
    lines += [f"q{i}: '{s}'" for i, s in enumerate(SCALARS)]
    lines += ["list:"] + [f"  - {s}" for s in SCALARS if s and not s.startswith(("#", "@", "%"))]
    lines += ["flow: {a: [1, yes, 2024-01-01, ~], b: !!str 12, c: !!int '7'}", "block: |", "  12", "folded: >-",
              "  yes", "2024-01-01: date key", "yes: bool key", "12: int key", "anchor: &a {x: 1}", "alias: *a"]
    text = "\n".join(lines) + "\n"
    assert _tags(text, _ContentLoader) == _tags(text, _Loader)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12), max_size=8))
def test_content_loader_tags_generated_scalars_as_the_safe_loader_does(values):
    text = yaml.safe_dump({f"k{i}": v for i, v in enumerate(values)} | {"plain": values}, allow_unicode=True)
    plain = "\n".join(f"p{i}: {v}" for i, v in enumerate(values) if v.strip() and v == v.strip()
                      and not any(c in v for c in ":#{}[],&*!|>'\"%@`-?\\\n\r\x85\u2028\u2029"))
    for source in (text, plain + "\n"):
        try:
            expected = _tags(source, _Loader)
        except yaml.YAMLError:
            continue
        assert _tags(source, _ContentLoader) == expected
