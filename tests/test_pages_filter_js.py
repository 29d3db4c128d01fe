"""The browser filter on "you said, we did" (mic.js), in headless Chromium: keyboard-usable, combines
filters over every item of the site (not only the page), announces the count; the page is complete without
JavaScript. Skipped when Chromium or Playwright is missing (unless MIC_REQUIRE_BROWSER=1)."""

from __future__ import annotations

import pytest

from kits.browserkit import serve_directory
from kits.sitekit import build, write_site
from test_pages_feedback import many_items_activity

ACTIVITIES = {
    "2023-big.yml": many_items_activity("Big survey", "big", 2023, [["Money"], ["money", "Housing"], []]),
    "2022-old.yml": many_items_activity("Old forum", "old", 2022, [["MONEY"], ["Gofal â Chymraeg"]]),
}


@pytest.fixture(scope="module")
def served(tmp_path_factory, chromium):
    root = tmp_path_factory.mktemp("js")
    out = build(write_site(root, activities=ACTIVITIES, plugin={"page_size": 4}))
    with serve_directory(out) as base:
        yield chromium, base


def test_filters_combine_over_all_items_with_keyboard_and_announce(served):
    browser, base = served
    page = browser.new_page()
    page.goto(base + "you-said-we-did/page/2/")
    form = page.locator("form[data-mic-filter]")
    assert form.is_visible()
    page.get_by_label("Status").focus()
    page.keyboard.press("Tab")  # keyboard reaches the next control
    assert page.evaluate("document.activeElement.id") == "mic-filter-theme"
    page.get_by_label("Theme").select_option("money")
    page.get_by_label("Status").select_option("done")
    status = page.locator("[data-mic-count]")
    status.filter(has_text="match").wait_for()
    # Money items with status done, across both activities (not only the 4 on this page):
    # big-0 (Money, done) and old-0 (MONEY, done).
    assert status.inner_text() == "2 items match these filters."
    links = page.locator("[data-mic-results] .mic-row__more a")
    hrefs = sorted(links.evaluate_all("els => els.map(e => new URL(e.href).pathname + new URL(e.href).hash)"))
    assert hrefs == ["/activities/2022-old/#old-0", "/activities/2023-big/#big-0"]
    assert page.locator("[data-mic-list]").is_hidden()
    page.get_by_label("Activity").select_option("2022-old")
    status.filter(has_text="1 item matches").wait_for()
    page.get_by_role("button", name="Clear filters").click()
    assert page.locator("[data-mic-list]").is_visible()
    page.close()


def test_show_more_and_text_is_never_markup(served):
    browser, base = served
    page = browser.new_page()
    page.goto(base + "you-said-we-did/")
    page.get_by_label("Activity").select_option("2023-big")
    page.locator("[data-mic-count]").filter(has_text="9 items match").wait_for()
    rows = page.locator("[data-mic-results] li.mic-row")
    assert rows.count() == 9
    # the said text contains "<b>too</b>" literally: shown as text, never as a <b> element
    assert page.locator("[data-mic-results] b").count() == 0
    assert "costs <b>too</b> much" in rows.first.inner_text()
    page.close()


def test_without_javascript_the_form_stays_hidden_and_lists_are_complete(served):
    browser, base = served
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "you-said-we-did/")
    assert page.locator("form[data-mic-filter]").is_hidden()
    assert page.locator("[data-mic-list] li.mic-row").count() == 4
    assert page.get_by_role("link", name="Next page").first.is_visible()
    page.get_by_text("Browse by activity").click()
    page.get_by_role("link", name="Old forum").click()
    assert page.url.endswith("/activities/2022-old/#mic_feedback")
    assert page.locator("article.mic-item").count() == 4  # page_size 4: the first four in full
    context.close()


def test_an_address_with_filters_opens_the_list_filtered(served):
    browser, base = served
    page = browser.new_page()
    page.goto(base + "you-said-we-did/?theme=money&status=done&activity=nonsense")
    status = page.locator("[data-mic-count]")
    status.filter(has_text="match").wait_for()
    assert status.inner_text() == "2 items match these filters."
    assert page.get_by_label("Theme").input_value() == "money"
    assert page.get_by_label("Activity").input_value() == ""  # not a choice: ignored
    page.close()


def test_permalink_to_an_item_on_a_later_page_goes_to_it(served):
    browser, base = served
    page = browser.new_page()
    page.goto(base + "activities/2023-big/#big-7")
    page.wait_for_url("**/activities/2023-big/feedback/page/2/#big-7")
    assert page.locator("#big-7").is_visible()
    assert "Did big 7." in page.locator("#big-7").inner_text()
    page.close()


# --- a site with too many activities for every list page to carry their choices ----------------------------------

@pytest.fixture(scope="module")
def served_filled(tmp_path_factory, chromium):
    from mic_plugin.site import feedback as site_feedback

    root = tmp_path_factory.mktemp("js-filled")
    budget = site_feedback.ACTIVITY_CHOICES_BYTES
    site_feedback.ACTIVITY_CHOICES_BYTES = 100  # two activities already pass it
    try:
        out = build(write_site(root, activities=ACTIVITIES, plugin={"page_size": 4}))
    finally:
        site_feedback.ACTIVITY_CHOICES_BYTES = budget
    with serve_directory(out) as base:
        yield chromium, base, out


def test_activity_choices_come_from_the_index_when_the_page_leaves_them_out(served_filled):
    browser, base, out = served_filled
    html = (out / "you-said-we-did" / "index.html").read_text(encoding="utf-8")
    assert 'data-mic-fill="activities"' in html and '<option value="2022-old"' not in html
    assert 'href="../activities/">Browse by activity: every activity, with its items (2)</a>' in html
    page = browser.new_page()
    page.goto(base + "you-said-we-did/")
    select = page.get_by_label("Activity")
    select.focus()  # the keyboard reaches the filter: its choices arrive, with counts, in the site's order
    page.locator("#mic-filter-activity option[value='2022-old']").wait_for(state="attached")
    labels = select.locator("option").all_inner_texts()
    assert labels[0] == "Any activity" and len(labels) == 3
    assert any(label.startswith("Old forum (") for label in labels)
    select.select_option("2022-old")
    status = page.locator("[data-mic-count]")
    status.filter(has_text="match").wait_for()
    hrefs = page.locator("[data-mic-results] .mic-row__more a").evaluate_all(
        "els => els.map(e => new URL(e.href).pathname)")
    assert hrefs and set(hrefs) == {"/activities/2022-old/"}
    # an address naming an activity opens the list filtered, once the choices have arrived
    page.goto(base + "you-said-we-did/?activity=2023-big")
    status.filter(has_text="match").wait_for()
    assert page.get_by_label("Activity").input_value() == "2023-big"
    hrefs = page.locator("[data-mic-results] .mic-row__more a").evaluate_all(
        "els => els.map(e => new URL(e.href).pathname)")
    assert hrefs and set(hrefs) == {"/activities/2023-big/"}
    page.close()
