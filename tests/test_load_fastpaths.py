"""The loader's shortcuts for speed give exactly what the plain way gives (issue 14: `mic validate` speed).

* the table of Unicode format characters equals a scan of the running Python's Unicode database;
* reading a text as a reader does (``as_read``, ``without_invisible``) equals the plain ``str.translate``;
* the content loader's resolver gives every scalar the tag PyYAML's safe resolver gives.
"""

from __future__ import annotations

import sys
import unicodedata

import yaml
from hypothesis import example, given, settings
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


# --- the spec walk's quick paths (mic_plugin/load/spec.py) ------------------------------------------------------

import datetime as _dt  # noqa: E402

from mic_plugin.load import spec  # noqa: E402
from mic_plugin.load.formats import FEEDBACK, OUTCOME_ENTRY, PARTICIPATION  # noqa: E402
from mic_plugin.load.problems import Problems  # noqa: E402


def _plain_record_read(self, node, ctx, path):
    """Record.read as written before its loop took mapping_items in: the reference for the quick loop."""
    if spec.bad_tag(node, ctx, path):
        return spec.INVALID
    if not isinstance(node, yaml.MappingNode):
        ctx.error(node, path, f"must be a set of fields ('name: value' lines), not {spec.describe(node)}")
        return spec.INVALID
    out = spec.Rec(node.start_mark.line + 1)
    for key, key_node, value_node in spec.mapping_items(node, ctx, path):
        key_path = f"{path}.{key}" if path else key
        field = self.fields.get(key)
        if field is None:
            hint = spec.suggest(key, self.fields)
            if not hint and node.flow_style and " " in key.strip() and spec.is_null(value_node):
                hint = ("; is there a comma in a text inside { }? Put that text in quotes, e.g. "
                        "evidence: \"Draft strategy, to be agreed in May\"")
            ctx.error(key_node, key_path, f"unknown field{hint or ''}"
                      + ("" if hint else f"; expected one of: {', '.join(self.fields)}"))
            continue
        if spec.is_null(value_node):
            if field.required:
                ctx.error(value_node, key_path, "is required but empty")
                out[key] = spec.INVALID
            continue
        out[key] = field.type.read(value_node, ctx, key_path)
        out.lines[key] = value_node.start_mark.line + 1
    for key, field in self.fields.items():
        if field.required and key not in out:
            ctx.error(node, f"{path}.{key}" if path else key, "is required but missing")
            out[key] = spec.INVALID
    if self.check is not None:
        self.check(out, ctx, path)
    return out


def _shape(value):
    """A value with the lines it remembers, comparable with ==."""
    if isinstance(value, spec.Rec):
        return ("rec", value.line, [(k, _shape(v)) for k, v in value.items()], sorted(value.lines.items()))
    if isinstance(value, spec.Seq):
        return ("seq", value.line, [_shape(v) for v in value], list(value.lines))
    return ("invalid",) if value is spec.INVALID else (type(value).__name__, value)


KEYS = ["id", "said", "date", "count", "source", "themes", "response", "status", "did", "owner", "updates", "note",
        "sayd", "Said", "yes", "on", "No", "12", "~", "2024-01-01", "1.5", "!!str id", "!x said", "? [a]", "a b"]
VALUES = ["fb-1", "Ring 07700 900123", "2024-03-05", "'2024-03-05'", "2031-01-01", "3", "0", "012", "3.5", "yes", "",
          "~", "[a, b]", "[]", "[a; b, ~, 12]", "{status: done}", "{status: done, did: x}",
          "{status: considering, updates: [{date: 2024-01-01, status: considering}]}", "!!python/object x", "*a",
          "&a {said: anchored, date: 2024-01-02}", "\"tab\\there\"", "\"bell \\a\"", "'  '", "x@example.org",
          "{a b: ~}", "[x, [y]]"]
MERGES = ["<<: {source: merged, said: from merge}", "<<: [*a, {count: 2}]", "<<: 1", "<<: *a"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KEYS), st.sampled_from(VALUES)), max_size=12),
       st.sampled_from([""] + MERGES), st.booleans())
def test_record_read_gives_what_mapping_items_gives(pairs, merge, flow):
    """Record.read's own loop over keys (duplicates, merges, bool and number keys, unknown fields, empty and
    required values) gives the same record, lines, problems and kept texts as the loop over mapping_items."""
    lines = ["anchor: &a {said: anchored, date: 2024-01-02}"] if "*a" in merge or any("*a" in v for _, v in pairs) else []
    if flow:
        body = "{" + ", ".join(f"{k}: {v}" for k, v in pairs if "&a" not in v and "*a" not in v) + "}"
        text = "\n".join(lines + [f"item: {body}"]) + "\n"
    else:
        text = "\n".join(lines + ["item:"] + [f"  {k}: {v}" for k, v in pairs] + ([f"  {merge}"] if merge else [])) + "\n"
    try:
        root = yaml.compose(text, Loader=_ContentLoader)
    except yaml.YAMLError:
        return
    item = next(v for k, v in root.value if k.value == "item")
    for record in (FEEDBACK, OUTCOME_ENTRY, PARTICIPATION):
        results = []
        for read in (spec.Record.read, _plain_record_read):
            ctx = spec.Ctx("x.yml", Problems(), _dt.date(2026, 1, 1), source=text)
            original = spec.Record.read
            spec.Record.read = read
            try:
                value = record.read(item, ctx, "feedback[3]")
            finally:
                spec.Record.read = original
            results.append((_shape(value), ctx.problems.items, [(p, n.value, k) for p, n, k in ctx.texts]))
        assert results[0] == results[1]


def test_plain_tags_are_plain_kinds():
    """bad_tag's quick test accepts only nodes whose kind() is a plain kind."""
    tags = [f"tag:yaml.org,2002:{k}" for k in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq",
                                                "binary", "merge", "value", "python/object")] + ["!x", "map", "str", None]
    for tag in tags:
        for node in (yaml.ScalarNode(tag, "x"), yaml.MappingNode(tag, []), yaml.SequenceNode(tag, [])):
            if spec._plain_tag(node):
                assert spec.kind(node) in spec._PLAIN_KINDS, (node, tag)


NUMBERS = st.one_of(st.integers(min_value=-10, max_value=10 ** 20).map(str),
                    st.floats(allow_nan=False, allow_infinity=False, min_value=0, max_value=1e20).map(repr),
                    st.from_regex(r"[0-9]{1,25}(\.[0-9]{0,12})?", fullmatch=True))


@settings(max_examples=500, deadline=None)
@given(NUMBERS)
def test_number_quick_path_reads_as_yaml_does(text):
    """Numbers written plainly are read with int()/float(): the same value and type YAML 1.1 gives."""
    node = yaml.compose(f"n: {text}\n", Loader=_ContentLoader).value[0][1]
    if spec._DECIMAL_INT.fullmatch(text) and node.tag == spec._INT_TAG:
        expected = spec._constructor.construct_yaml_int(node)
        assert (type(int(text)), int(text)) == (type(expected), expected)
    if spec._DECIMAL_FLOAT.fullmatch(text) and node.tag == spec._FLOAT_TAG:
        expected = spec._constructor.construct_yaml_float(node)
        assert (type(float(text)), float(text)) == (type(expected), expected)
    for number in (spec.Number(), spec.Number(whole=True, minimum=1), spec.Number(above=0)):
        quick = spec.Ctx("x.yml", Problems(), _dt.date(2026, 1, 1))
        full = spec.Ctx("x.yml", Problems(), _dt.date(2026, 1, 1))
        value = number.read(node, quick, "n")
        reference = number._construct(node, full, "n", "a whole number" if number.whole else "a number")
        if reference is not spec.INVALID and not full.problems.items:
            assert value == reference or quick.problems.items


_CONTAINERS_AT_LINE_STARTS = __import__("re").compile(
    r"^(?:[ \t]*(?:>|[*+-]|\d{1,9}[.)])(?=[ \t>]|$)){%d,}" % 17, __import__("re").M)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["> " * 9, "> ", ">", "- ", "* ", "+ ", "1. ", "12) ", "\t", " ", "\n", "x", "-"]),
                max_size=40).map("".join))
@example("text\n" + "> " * 17 + "deep")
@example("- " * 18)
def test_deep_nesting_search_finds_what_a_line_start_search_finds(text):
    """markdown_limits searches after a line break instead of at every line start: the same line, the same
    nesting."""
    from mic_plugin.load import markdown_limits

    plain = _CONTAINERS_AT_LINE_STARTS.search(text)
    quick = markdown_limits._CONTAINERS.search("\n" + text)
    assert (plain is None) == (quick is None)
    if plain is not None:
        assert plain.start() == quick.start() and plain.group() == quick.group()[1:]
