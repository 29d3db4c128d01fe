"""A small HTML tree for the quality tests (the standard library has no DOM for HTML): ``from kits.htmltree import ...``."""

from __future__ import annotations

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: "Node | None" = None):
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list["Node | str"] = []

    # --- searching ---------------------------------------------------------------------------------------
    def iter(self, tag: str | None = None):
        for child in self.children:
            if isinstance(child, Node):
                if tag is None or child.tag == tag:
                    yield child
                yield from child.iter(tag)

    def find_all(self, tag: str | None = None, **attrs) -> list["Node"]:
        out = []
        for node in self.iter(tag):
            if all(_matches(node, k.rstrip("_"), v) for k, v in attrs.items()):
                out.append(node)
        return out

    def find(self, tag: str | None = None, **attrs) -> "Node":
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag}> with {attrs}"
        return found[0]

    def by_id(self, ident: str) -> "Node":
        return self.find(None, id=ident)

    def kids(self, tag: str) -> list["Node"]:
        return [c for c in self.children if isinstance(c, Node) and c.tag == tag]

    # --- text --------------------------------------------------------------------------------------------
    def text(self, *, skip_hidden: bool = False) -> str:
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif not (skip_hidden and child.attrs.get("aria-hidden") == "true"):
                parts.append(child.text(skip_hidden=skip_hidden))
        return "".join(parts)

    def words(self, *, skip_hidden: bool = False) -> str:
        """Text with white space collapsed, as a screen reader would read it with skip_hidden."""
        return " ".join(self.text(skip_hidden=skip_hidden).split())

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"


def _matches(node: Node, key: str, value) -> bool:
    if key == "class":
        return value in (node.attrs.get("class") or "").split()
    return node.attrs.get(key) == value


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def section(root: Node, heading_id: str) -> Node:
    """The nodes after the heading with ``heading_id`` up to the next heading of the same level, as one node."""
    heading = root.by_id(heading_id)
    siblings = heading.parent.children
    out = Node("#section", {})
    started = False
    for child in siblings:
        if child is heading:
            started = True
            continue
        if started:
            if isinstance(child, Node) and child.tag == heading.tag:
                break
            out.children.append(child)
    return out


def table_rows(table: Node) -> list[list[Node]]:
    """Rows of a table (thead, tbody, tfoot in document order), each a list of its th/td cells."""
    rows = []
    for tr in table.iter("tr"):
        rows.append([c for c in tr.children if isinstance(c, Node) and c.tag in ("th", "td")])
    return rows


def checklist_tables(node: Node) -> list[Node]:
    """The per-stage marker tables of an activity's checklist, in order."""
    return [div.find("table") for div in node.find_all("div", class_="mic-checklist")]


# --- the helpers' own checks (the tests below rely on them reading HTML as a browser would) --------------


def test_parse_keeps_structure_and_unescapes_attributes():
    root = parse('<h2 id="a">A</h2><p>one <b aria-hidden="true">✓</b> two</p><img src="x.svg" alt="q: 1 &amp; 2">'
                 '<h2 id="b">B</h2><p>three</p>')
    assert section(root, "a").words() == "one ✓ two"
    assert section(root, "a").words(skip_hidden=True) == "one two"
    assert section(root, "b").words() == "three"
    assert root.find("img").attrs["alt"] == "q: 1 & 2"


def test_table_rows_reads_head_body_and_foot():
    root = parse("<table><thead><tr><th>h</th></tr></thead><tbody><tr><th>r</th><td>1</td></tr></tbody>"
                 "<tfoot><tr><th>t</th><td>2</td></tr></tfoot></table>")
    assert [[c.words() for c in row] for row in table_rows(root.find("table"))] == [["h"], ["r", "1"], ["t", "2"]]
