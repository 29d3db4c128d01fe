"""Hostile content and the checks that prove a built site publishes it safely (issue 8).

``hostile_content(label)`` gives the content of a site whose every text field carries the classic XSS
payloads after a field marker (``Qname``, ``Qsummary`` ...), and ``formula_content()`` an activity whose
CSV cells look like spreadsheet formulas. ``scan_site(site_dir)`` parses every output file with a real
parser and lists what could execute; tests compare that with a clean build of the same site.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml

# --- payloads --------------------------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
PAYLOADS: tuple[str, ...] = (
    SCRIPT,
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<iframe src="https://evil.example/frame"></iframe>',
    "[jslink](javascript:alert(1))",
    '<a href="javascript:alert(1)">ahref</a>',
    "[datalink](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[vblink](vbscript:msgbox(1))",
    "<object data=x></object><embed src=x>",
    "<style>body{display:none}</style>",
    '<b style="background:url(javascript:alert(1))">styled</b>',
    '"><script>alert(1)</script>',
    "'--><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
    "</textarea></noscript><script>alert(1)</script>",
    "{{ 7*7 }}",
    "{% raw %}",
    "${7*7}",
    "]]>",
    "<![CDATA[x]]>",
    "<!-- comment -->",
    "<base href=https://evil.example/>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    "[click](JaVaScRiPt&#58;alert(1))",
    "![img](javascript:alert(1))",
    "<math><mtext><mglyph><style><img src=x onerror=alert(1)>",
    "\u2028\u2029",
)

#: Words of the payloads a reader must see wherever the field is shown (raw HTML is shown, not run).
VISIBLE = ("alert(1)", "{{ 7*7 }}", "{% raw %}")


def hostile(label: str) -> str:
    """One line: a field marker, then every payload."""
    return f"Q{label} " + " ".join(PAYLOADS)


#: Markdown-only tricks, aimed at extensions a site may enable (attr_list, md_in_html, snippets, superfences...).
MARKDOWN_PAYLOADS: tuple[str, ...] = (
    "attr paragraph\n{: onclick=\"alert(1)\" style=\"color:red\" #attrid .md-header }",
    "[attr link](https://example.org/a){: onmouseover=\"alert(1)\" }",
    '<div markdown="1">**md in html** <script>alert(1)</script></div>',
    '--8<-- "/etc/passwd"',
    '!!! note "<script>alert(1)</script>"\n    admonition body <img src=x onerror=alert(1)>',
    '??? "details <svg onload=alert(1)>"\n    hidden body',
    "```html\n<script>alert(1)</script>\n```",
    "```mermaid\ngraph TD; A-->B; click A callback \"javascript:alert(1)\"\n```",
    "footnote[^1]\n\n[^1]: <script>alert(1)</script> note",
    "- [x] task <img src=x onerror=alert(1)>",
    "Term\n:   Definition <iframe src=x></iframe>",
    "| a | b |\n|:--|--:|\n| <script>alert(1)</script> | [t](javascript:alert(1)) |",
    "<https://example.org/autolink> and <javascript:alert(1)> and https://example.org/magic",
    "$$ \\href{javascript:alert(1)}{x} $$",
    "*[HTML]: <script>alert(1)</script>",
)


def hostile_md(label: str) -> str:
    """A Markdown field: a marker paragraph, then the payloads in paragraphs, a list and a link."""
    return (
        f"Q{label} *emphasis* and **strong**\n\n"
        + "\n\n".join(PAYLOADS + MARKDOWN_PAYLOADS)
        + "\n\n- [ok](https://example.org/ok) item\n- <script>alert(2)</script>\n"
    )


def hostile_url(label: str) -> str:
    """An http(s) address (the contract asks no more) that tries to break out of an attribute."""
    return f"https://example.org/Q{label}?a=1&b=\"><script>alert(1)</script>'onmouseover=alert(1)"


def _theme(text: str) -> str:
    """A payload as a theme: ';' separates themes in spreadsheets, so a theme may not hold one."""
    return text.replace(";", ",")


def hostile_content(clean: bool = False, plain=None, markdown=None, url=None) -> tuple[dict, dict[str, dict], list]:
    """(organisation, {file name: activity}, outcomes.yml list); ``clean`` swaps payloads for plain words.

    ``plain``, ``markdown`` and ``url`` (functions of a field label) replace the text put in each kind of field.
    """
    h = plain or ((lambda label: f"Q{label} plain words") if clean else hostile)
    m = markdown or ((lambda label: f"Q{label} *plain* words") if clean else hostile_md)
    u = url or ((lambda label: f"https://example.org/Q{label}") if clean else hostile_url)
    organisation = {
        "name": h("orgname"),
        "purpose": m("orgpurpose"),
        "why": ["right-to-a-say"],
        "power": m("orgpower"),
        "about": m("orgabout"),
        "contact": h("orgcontact"),
        "public_contacts": ["0300 123 4567"],
    }
    activity = {
        "title": h("title"),
        "summary": m("summary"),
        "approach": "co-producing",
        "status": "in-progress",
        "started": "2024-01-10",
        "themes": [_theme(h("theme")), "Transport"],
        "purpose": {
            "why": ["improves-services"],
            "aims": [h("aim")],
            "can_influence": [h("caninfluence")],
            "cannot_influence": [h("cannotinfluence")],
            "decision": h("decision"),
            "decision_date": "2024-12-01",
        },
        "participation": {
            "invited": 10, "volunteered": 4, "took_part": 9, "sessions": 3, "hours": 6,
            "compensation": h("compensation"),
            "accessibility": [h("accessibility")],
            "representation": m("representation"),
        },
        "checklist": {
            "organisation": {
                "planning": {
                    "strategy": {"answer": "partly", "evidence": m("evidence"), "url": u("evidenceurl")},
                    "purpose-written": {"answer": "not-applicable", "evidence": m("naevidence")},
                    "principles-agreed": "met",
                },
            },
        },
        "feedback": [
            {
                "id": "hostile-said", "said": m("said"), "date": "2024-02-01", "count": 3,
                "source": h("source"), "themes": [_theme(h("fbtheme")), "Transport"],
                "response": {
                    "status": "done", "did": m("did"), "owner": h("owner"), "due": "2024-04-01",
                    "communicated": "2024-05-01",
                    "updates": [
                        {"date": "2024-03-01", "status": "in-progress", "note": m("note")},
                        {"date": "2024-04-01", "status": "done"},
                    ],
                },
            },
            {
                "id": "hostile-not-doing", "said": m("said2"), "date": "2024-02-10",
                "response": {"status": "not-doing", "reason": m("reason"), "owner": h("owner2")},
            },
            {"id": "hostile-awaiting", "said": m("said3"), "date": "2024-06-01"},
        ],
        "outcomes": [
            {"id": "waiting", "measure": h("measure"), "type": "outcome", "value": 12, "unit": h("unit"),
             "date": "2024-03-01", "method": h("method"), "baseline": 20, "target": 5},
            {"id": "waiting", "value": 8, "date": "2024-06-01"},
        ],
        "updates": [{"date": "2024-05-15", "note": m("activitynote")}],
    }
    outcomes = [
        {"id": "org-measure", "measure": h("orgmeasure"), "type": "impact", "value": 3, "out_of": 4,
         "unit": h("orgunit"), "date": "2024-04-01", "method": h("orgmethod")},
    ]
    return organisation, {"2024-hostile.yml": activity}, outcomes


#: Fields that start with a formula character, and where each lands in feedback.csv.
FORMULAS = {
    "title": '=HYPERLINK("http://x.example","y")',
    "said": '=HYPERLINK("http://x.example","click")',
    "source": "+cmd|' /C calc'!A0",
    "owner": "-1+1",
    "theme": "@SUM(A1)",
    "did": "\tTab-led did",
    "reason": "\rCR-led reason",
}


def formula_activity() -> dict:
    """An activity whose CSV cells would be formulas (or tab/CR-led) if written as they are."""
    f = FORMULAS
    return {
        "title": f["title"], "summary": "Cells that look like formulas.", "approach": "consulting",
        "status": "open", "started": "2024-02-01",
        "feedback": [
            {"id": "formula-one", "said": f["said"], "date": "2024-02-02", "source": f["source"],
             "themes": [f["theme"]], "response": {"status": "done", "did": f["did"], "owner": f["owner"]}},
            {"id": "formula-two", "said": "-5", "date": "2024-02-03",
             "response": {"status": "not-doing", "reason": f["reason"]}},
        ],
    }


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


# --- scanning built output -------------------------------------------------------------------------------

DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset",
                  "ping", "codebase", "cite", "manifest"}
DANGEROUS_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "base", "form",
                  "link", "meta", "template", "foreignobject", "portal", "noscript"}
#: script types that are data, not code.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


def _scheme(value: str) -> str:
    """The lower-case scheme a browser would read from a URL attribute (ignoring control chars, spaces)."""
    cleaned = "".join(ch for ch in value if ch > " " and ch not in "\x7f").lower()
    return cleaned.split(":", 1)[0] + ":" if ":" in cleaned.split("/", 1)[0] else ""


@dataclass
class Scan:
    """What in one HTML document could run or restyle the page, in a comparable form."""

    features: Counter = field(default_factory=Counter)
    title_raw: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    data_scripts: list[str] = field(default_factory=list)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = Scan()
        self._script: list[str] | None = None
        self._script_key: tuple | None = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs)
        if tag in ("script", "title"):
            self.handle_endtag(tag)

    def _tag(self, tag, attrs):
        f = self.scan.features
        attrs = [(k.lower(), v or "") for k, v in attrs]
        if tag == "script":
            kind = dict(attrs).get("type", "").lower()
            self._script = []
            self._script_key = ("script", kind, dict(attrs).get("src", ""))
        elif tag == "meta":  # the theme's own: charset, viewport, generator, description (text differs)
            d = dict(attrs)
            f[("tag", tag, d.get("name", ""), d.get("http-equiv", ""), d.get("charset", ""))] += 1
        elif tag == "link":  # the theme's stylesheets, icons, the feed (whose title is user text)
            d = dict(attrs)
            rel = d.get("rel", "")
            href = d.get("href", "") if rel not in ("prev", "next", "canonical") else _scheme(d.get("href", ""))
            f[("tag", tag, rel, href, d.get("type", ""))] += 1
        elif tag in DANGEROUS_TAGS:
            f[("tag", tag, tuple(sorted(attrs)))] += 1
        if tag == "title":
            self._in_title = True
        for name, value in attrs:
            if name.startswith("on"):
                f[("on-attribute", tag, name, value)] += 1
            if name == "style":
                f[("style-attribute", tag, value)] += 1
            if name in URL_ATTRIBUTES or name.endswith(":href"):
                scheme = _scheme(value)
                if scheme in DANGEROUS_SCHEMES:
                    f[("url", tag, name, value)] += 1
            if name == "http-equiv" or (name == "srcdoc"):
                f[("attr", tag, name, value)] += 1

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            body = "".join(self._script)
            if self._script_key[1] in DATA_SCRIPT_TYPES:
                self.scan.data_scripts.append(body)
                self.scan.features[self._script_key + ("<data>",)] += 1
            else:
                self.scan.features[self._script_key + (body,)] += 1
            self._script = None
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
        else:
            self.scan.text.append(data)


_TITLE_RE = re.compile(r"<title>(.*?)</title>", re.DOTALL | re.IGNORECASE)


_SAFE_STYLE = re.compile(r"text-align: (left|right|center);")


def harmless(feature: tuple) -> bool:
    """The one style user Markdown may carry: a table column's alignment (``|:--|--:|``)."""
    return feature[0] == "style-attribute" and feature[1] in ("td", "th") and bool(_SAFE_STYLE.fullmatch(feature[2]))


def scan_html(html: str) -> Scan:
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    scanner.scan.title_raw = _TITLE_RE.findall(html)
    return scanner.scan


def scan_fragment_features(html: str) -> Counter:
    """Features of an HTML fragment (feed content, search index text): anything found is a leak."""
    return scan_html(html).features


def svg_features(path: Path) -> list:
    """Scripts, event handlers, foreign objects and javascript: links in an SVG file (parsed as XML)."""
    found = []
    root = ET.parse(path).getroot()
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1].lower()
        if tag in ("script", "foreignobject", "iframe", "style", "a", "use", "image", "animate", "set"):
            found.append(("tag", tag))
        for name, value in el.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                found.append(("on-attribute", local, value))
            if local in ("href", "src") and _scheme(value) in DANGEROUS_SCHEMES:
                found.append(("url", local, value))
    return found


def json_strings(value) -> list[str]:
    """Every string (keys and values) in parsed JSON."""
    out = []
    if isinstance(value, dict):
        for k, v in value.items():
            out.append(k)
            out.extend(json_strings(v))
    elif isinstance(value, list):
        for v in value:
            out.extend(json_strings(v))
    elif isinstance(value, str):
        out.append(value)
    return out


def read_csv(path: Path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("utf-8-sig")  # not read_text: it would turn a lone CR into LF
    return list(csv.DictReader(io.StringIO(text, newline="")))


def visible_text(html: str) -> str:
    """The page's text as a reader sees it (entities decoded, script bodies left out), whitespace collapsed."""
    return " ".join("".join(scan_html(html).text).split())


def text_fields(data, path: str = "") -> list[tuple[str, str]]:
    """``(field path as the loader names it, text)`` for every marked text (``Q...``) in content data."""
    out = []
    if isinstance(data, dict):
        for key, value in data.items():
            out.extend(text_fields(value, f"{path}.{key}" if path else str(key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out.extend(text_fields(value, f"{path}[{i}]"))
    elif isinstance(data, str) and ("Q" in data[:1] or data.startswith("https://example.org/Q")):
        out.append((path, data))
    return out
