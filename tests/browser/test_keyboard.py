"""Every control on the generated pages works from the keyboard: Tab reaches it, it shows a visible focus
indicator that is not hidden under the sticky header, Enter or Space works it, and Tab never gets stuck.

Controls covered: the "you said, we did" filter (three selects and "Clear filters"), its "Show N more"
button, list and feedback pagination links, badge embed snippets, details/summary (item histories,
"Browse by theme"), the checklist's scrolling tables, and every link, on the demo and the messy site.
"""

from __future__ import annotations

import pytest

from kits.browserkit import contrast_ratio
from test_generated_pages import screen, settle, site_url  # noqa: F401 - fixtures shared with that module

#: Describe the focused element: what it is, how its focus is drawn, and whether it can be seen (in the
#: viewport, not under something else such as the sticky header). Called after each Tab press.
FOCUSED = """async (settle) => {
  if (settle) await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50))));
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  window.__micIds = window.__micIds || new WeakMap();
  if (!window.__micIds.has(el)) window.__micIds.set(el, (window.__micNext = (window.__micNext || 0) + 1));
  const opaque = (node) => {
    for (let n = node; n; n = n.parentElement) {
      const c = getComputedStyle(n).backgroundColor;
      if (c && c !== 'transparent' && !/rgba\\(.*,\\s*0\\)$/.test(c)) return c;
    }
    return getComputedStyle(document.body).backgroundColor;
  };
  // Material's palette switch: visually hidden radio buttons; the focus shows on the visible label.
  const shown = el.matches('input.md-option') ? el.closest('form').querySelector('label:not([hidden])') : el;
  const s = getComputedStyle(shown);
  // The first line box: a link that wraps over two lines has a bounding box wider than either line.
  const boxes = [...shown.getClientRects()].filter(b => b.width > 0 && b.height > 0);
  const r = boxes[0] || shown.getBoundingClientRect();
  // Not entirely hidden (WCAG 2.4.11): some point of its visible part shows the element itself.
  const left = Math.max(r.left, 0), right = Math.min(r.right, innerWidth - 1);
  const high = Math.max(r.top, 0), low = Math.min(r.bottom, innerHeight - 1);
  let top = null, uncovered = false;
  for (const fx of [0.1, 0.5, 0.9]) for (const fy of [0.1, 0.5, 0.9]) {
    const hit = document.elementFromPoint(left + (right - left) * fx, high + (low - high) * fy);
    if (hit && (shown === hit || shown.contains(hit) || hit.contains(shown))) uncovered = true;
    else if (!top) top = hit;
  }
  return {
    uid: window.__micIds.get(el),
    key: el.getAttribute('data-mic-kb'),
    what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' +
          (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 60) +
          (uncovered || !top ? '' : ' [under ' + top.tagName.toLowerCase() + '.' + top.getAttribute('class') + ']'),
    outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0,
    outlineColor: s.outlineColor, boxShadow: s.boxShadow, background: opaque(shown.parentElement || shown),
    inView: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth && r.width > 0,
    uncovered,
  };
}"""

#: Mark every control in the article that a keyboard user must be able to reach; return how many.
CANDIDATES = """() => {
  const selector = 'a[href], button:not([disabled]), select, input:not([type=hidden]), textarea, summary, [tabindex]';
  let i = 0;
  for (const el of document.querySelector('article').querySelectorAll(selector)) {
    if (el.tabIndex < 0 || !el.checkVisibility({visibilityProperty: true})) continue;
    el.setAttribute('data-mic-kb', String(i++));
  }
  return i;
}"""


def tab_through(page, limit: int = 600) -> list[dict]:
    """Press Tab from the top of the page until focus has gone round once (back to the first control it
    reached); return what had focus after each press. Fails if focus stops moving (a keyboard trap)."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    # Transitions off: each focus is measured in its final state (e.g. an overlay fading out is gone).
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }"
                       " html { scroll-behavior: auto !important; }")
    log: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        entry = page.evaluate(FOCUSED, False)
        if entry is not None and focus_problems([entry]):  # measure again once the page has reacted
            entry = page.evaluate(FOCUSED, True)  # (Material opens its search when the field takes focus)
        if entry is None:  # focus left the page after the last control: the next Tab starts again
            if log and log[-1] is None:
                pytest.fail("Tab does not bring focus back into the page")
            log.append(None)
            continue
        first = next((e for e in log if e), None)
        if first is not None and first["uid"] == entry["uid"]:  # round once
            return [e for e in log if e]
        if len(log) >= 10 and all(e and e["uid"] == entry["uid"] for e in log[-10:]):
            pytest.fail(f"keyboard trap: Tab stays on {entry['what']}")
        log.append(entry)
    pytest.fail(f"focus did not go round the page in {limit} presses")


def focus_problems(log: list[dict]) -> list[str]:
    """Focus must be drawn (outline of 2px or more, or a box shadow) with 3:1 contrast against what is
    behind it, and the focused control must be in view and not covered (WCAG 2.4.7, 2.4.11, 1.4.11)."""
    problems = []
    for entry in log:
        outline = entry["outlineStyle"] not in ("none", "hidden") and entry["outlineWidth"] >= 2
        if not outline and entry["boxShadow"] in ("none", ""):
            problems.append(f"{entry['what']}: no visible focus indicator")
        elif outline and contrast_ratio(entry["outlineColor"], entry["background"]) < 3:
            problems.append(f"{entry['what']}: focus outline {entry['outlineColor']} on {entry['background']} "
                            f"is {contrast_ratio(entry['outlineColor'], entry['background']):.2f}:1")
        if not entry["inView"] or not entry["uncovered"]:
            problems.append(f"{entry['what']}: focused but {'covered' if entry['inView'] else 'out of view'}")
    return problems


WALKS = [
    ("messy", "you-said-we-did/", "1280", "light"),
    ("messy", "activities/2025-llais/", "1280", "dark"),
    ("messy", "activities/2024-survey/feedback/page/3/", "360", "light"),
    ("demo-browser", "activities/2024-carers-forum/", "1280", "light"),
    ("demo-browser", "quality/", "360", "dark"),
    ("demo-browser", "you-said-we-did/page/2/", "360", "light"),
    ("demo-browser", "", "1280", "light"),
    ("demo-browser", "reports/2024-25/", "360", "light"),
]


@pytest.mark.parametrize(("site", "path", "viewport", "scheme"), WALKS,
                         ids=[f"{s}:{p or 'home'}:{v}:{c}" for s, p, v, c in WALKS])
def test_tab_reaches_every_control_with_visible_focus_and_no_trap(site_url, screen, site, path, viewport, scheme):
    page = screen(viewport, scheme)
    settle(page, site_url(site) + path)
    candidates = page.evaluate(CANDIDATES)
    assert candidates >= 5
    log = tab_through(page)
    reached = {entry["key"] for entry in log if entry["key"] is not None}
    missing = page.evaluate(
        "keys => [...document.querySelectorAll('[data-mic-kb]')].filter(e => !keys.includes(e.getAttribute('data-mic-kb')))"
        ".map(e => e.tagName.toLowerCase() + ' ' + (e.textContent || '').trim().slice(0, 60))",
        sorted(reached),
    )
    assert missing == [], f"Tab never reached: {missing}"
    assert focus_problems(log) == []


def test_filter_is_worked_from_the_keyboard_and_show_more_moves_focus(site_url, screen):
    page = screen("1280", "light")
    settle(page, site_url("messy") + "you-said-we-did/")
    status = page.get_by_label("Status")
    assert status.is_visible()
    page.locator("#mic_filter").scroll_into_view_if_needed()
    page.locator("body").focus()
    presses = 0
    while not page.evaluate("() => document.activeElement.id === 'mic-filter-status'") and presses < 120:
        page.keyboard.press("Tab")
        presses += 1
    assert presses < 120, "Tab never reached the Status filter"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "mic-filter-activity"
    # choose the activity with 130 items from the keyboard: type the start of its name
    activity = page.locator("#mic-filter-activity")
    options = activity.locator("option").all_inner_texts()
    target = next(i for i, text in enumerate(options) if text.startswith("Carers' survey 2024"))
    for _ in range(target):
        page.keyboard.press("ArrowDown")
    page.wait_for_function("() => /130 items match/.test(document.querySelector('[data-mic-count]').textContent)")
    assert page.locator("[data-mic-results] li").count() == 50
    more = page.get_by_role("button", name="Show 50 more")
    page.keyboard.press("Tab")  # Clear filters
    assert page.evaluate("() => document.activeElement.textContent") == "Clear filters"
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('[data-mic-results] li').length === 100")
    focused = page.evaluate("() => [document.activeElement.closest('li') === "
                            "document.querySelectorAll('[data-mic-results] li')[50], document.activeElement.tagName]")
    assert focused == [True, "A"], "after Show more, focus goes to the first new item"
    page.get_by_role("button", name="Show 30 more").focus()
    page.keyboard.press("Space")
    page.wait_for_function("() => document.querySelectorAll('[data-mic-results] li').length === 130")
    assert page.get_by_role("button", name="Show").count() == 0
    page.get_by_role("button", name="Clear filters").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.querySelector('[data-mic-list]').hidden")
    assert focus_problems([page.evaluate(FOCUSED, True)]) == []


def test_pagination_links_are_followed_with_enter(site_url, screen):
    page = screen("1280", "light")
    base = site_url("messy")
    settle(page, base + "you-said-we-did/")
    page.locator(".mic-pager").first.get_by_role("link", name="Next page").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(base + "you-said-we-did/page/2/")
    settle(page, page.url)
    page.locator(".mic-pager").first.get_by_role("link", name="Previous page").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(base + "you-said-we-did/")
    settle(page, base + "activities/2024-survey/")
    pager = page.get_by_role("navigation", name="Pages of feedback")
    pager.get_by_role("link", name="Page 2").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(base + "activities/2024-survey/feedback/page/2/")


def test_details_open_and_close_with_enter_and_space(site_url, screen):
    page = screen("1280", "light")
    settle(page, site_url("messy") + "activities/2025-llais/")
    history = page.locator("#llais-last-bus details.mic-history")
    summary = history.locator("summary")
    assert history.evaluate("d => d.open") is False
    summary.focus()
    page.keyboard.press("Enter")
    assert history.evaluate("d => d.open") is True
    assert history.locator("li").first.is_visible()
    page.keyboard.press("Space")
    assert history.evaluate("d => d.open") is False
    style = summary.evaluate("s => [getComputedStyle(s).outlineStyle, parseFloat(getComputedStyle(s).outlineWidth)]")
    assert style[0] == "solid" and style[1] >= 2


@pytest.mark.parametrize(("site", "path"), [("messy", "activities/2025-llais/"), ("demo-browser", "quality/")])
def test_embed_snippets_are_reached_with_tab_and_selected_for_copying(site_url, screen, site, path):
    page = screen("1280", "light")
    settle(page, site_url(site) + path)
    snippets = page.locator(".mic-badge__snippet")
    assert snippets.count() == 2
    page.locator(".mic-badge").first.scroll_into_view_if_needed()
    page.locator(".mic-badge p").first.click()  # start just before the snippets, as a reader who read the text
    page.keyboard.press("Tab")
    for index, name in enumerate(["Markdown snippet to copy", "HTML snippet to copy"]):
        while page.evaluate("() => !document.activeElement.classList.contains('mic-badge__snippet')"):
            page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == name
        assert page.get_by_role("textbox", name=name).count() == 1
        selected = page.evaluate("() => window.getSelection().toString()")
        assert selected.strip() == snippets.nth(index).inner_text().strip() and selected.strip()
        style = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
        assert style == "solid"
        page.keyboard.press("Tab")
