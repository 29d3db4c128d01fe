"""Templates rendered on their own (kits.templatekit), without building a site: what they write from a context."""

from __future__ import annotations

import re
from types import SimpleNamespace

from kits.templatekit import render, render_string
from mic_plugin.mkdocs.theme import MATERIAL_CLASSES
from mic_plugin.model.translated import Fallback
from mic_plugin.site.changes import LogPage
from mic_plugin.site.feedback import FilterLinks

FILTERS = FilterLinks(statuses=[("done", "Done", 3)], themes=[("buses", "buses", 2)],
                      activities=[("2024-a", "Buses <& \"trains\">", 1250), ("2024-b", "Plain", 1)])
NO_FEEDS = SimpleNamespace(enabled=False, themes=[])


def _filter(**context) -> str:
    context.setdefault("filters", FILTERS)
    return render("mic/partials/feedback-filter.html", feeds=NO_FEEDS, json_url="you-said-we-did/items.json",
                  filter_words="{}", **context)


def test_the_filter_lists_each_activity_escaped_with_its_count_and_links_its_items():
    html = _filter()
    assert '<option value="2024-a">Buses &lt;&amp; &#34;trains&#34;&gt; (1,250)</option>\n' in html
    assert '<option value="2024-b">Plain (1)</option>\n</select>' in html
    assert ('<li><a href="../activities/2024-a/#mic_feedback">Buses &lt;&amp; &#34;trains&#34;&gt;</a> (1,250)</li>'
            '<li><a href="../activities/2024-b/#mic_feedback">Plain</a> (1)</li></ul>') in html
    assert "Browse by activity (2)" in html


def test_an_activity_title_shown_in_another_language_says_so_in_the_filter():
    filters = FilterLinks([], [], [("2024-a", Fallback("Bus passes", "en"), 2)])
    html = _filter(filters=filters, lang="cy")
    assert '<option value="2024-a" lang="en">Bus passes (2)</option>' in html
    assert '<a href="../activities/2024-a/#mic_feedback"><span lang="en">Bus passes</span></a> (2)' in html


def test_theme_class_names_come_from_the_adapter():
    own = _filter()
    material = _filter(theme_classes=MATERIAL_CLASSES)
    assert 'class="mic-button" data-mic-clear' in own and 'data-hidden-class="mic-visually-hidden"' in own
    assert 'class="md-button" data-mic-clear' in material and 'data-hidden-class="md-visually-hidden"' in material
    assert "md-" not in own


def test_change_log_pagination_links_first_last_and_neighbours_with_a_gap():
    pages = [LogPage(n, 9, [], 1, []) for n in range(1, 10)]
    html = render("mic/partials/changes-pagination.html", log_page=pages[5], log_pages=SimpleNamespace(pages=pages))
    links = re.findall(r'<li>(?:<a href="([^"]*)"[^>]*>([^<]*)</a>|…)</li>|<li aria-hidden="true">…</li>', html)
    words = [text or "…" for _, text in links]
    assert words == ["Newer changes", "Page 1", "…", "Page 4", "Page 5", "Page 6", "Page 7", "Page 8", "Page 9",
                     "Older changes"]
    assert 'href="../changes/page/6/" aria-current="page">Page 6' in html
    single = LogPage(1, 1, [], 1, [])
    assert "<nav" not in render("mic/partials/changes-pagination.html", log_page=single,
                                log_pages=SimpleNamespace(pages=[single]))


def test_people_in_templates_is_the_one_wording_in_each_language():
    macros = '{% import "mic/macros.html" as m %}'
    for lang, n, shown in (("en", 1, "1 person"), ("en", 1250, "1,250 people"), ("cy", 2, "2 o bobl")):
        assert render_string(macros + "{{ m.people(%d) }}" % n, lang) == shown

