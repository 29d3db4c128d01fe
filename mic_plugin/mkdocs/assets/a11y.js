/*
 * Make It Count: accessibility fixes for Material for MkDocs 9.x that need script, added to every site.
 *
 * Scrollable table regions (WCAG 2.1.1 Keyboard, axe rule scrollable-region-focusable).
 * Material's script wraps every plain table in <div class="md-typeset__scrollwrap">, which scrolls
 * sideways when the table is wider than the page. A keyboard user cannot scroll it, because the wrapper
 * cannot take focus. While a wrapper actually scrolls, this script makes it a named, focusable region:
 *   tabindex="0", role="region", aria-label="<the table's caption, or the heading above it>".
 * When it stops scrolling (wider window) those attributes are removed again, so narrow tables add no
 * extra tab stop.
 *
 * Links to this site, for print. a11y.css writes the address after external links on paper. Material's
 * instant navigation turns every relative href into an absolute one, so CSS alone cannot tell an
 * internal link from an external one; links to this origin get data-mic-link="internal".
 *
 * Badge embed snippets (Make It Count's <pre class="mic-badge__snippet">). A reader who cannot use a mouse
 * cannot select text in a <pre>. Each snippet is made a read-only text field that Tab reaches, named after
 * its label ("Markdown snippet to copy"), whose whole text is selected when it takes focus, ready to copy.
 *
 * Drawer and search toggles. The plugin removes Material's autocomplete="off" from these checkboxes
 * (not allowed on a checkbox; see mic_plugin/core/htmlfix.py). It was there so Firefox would not
 * restore them ticked on reload or back/forward, which would open the drawer or search; on those
 * navigations they are unticked here instead.
 *
 * Works with Material's instant navigation (document$) and without it.
 */
(function () {
  "use strict";

  var MARK = "data-mic-scrollregion";
  var watched = typeof WeakSet === "function" ? new WeakSet() : null;
  var resizeObserver =
    typeof ResizeObserver === "function"
      ? new ResizeObserver(function (entries) {
          entries.forEach(function (entry) {
            var wrapper = entry.target.closest(".md-typeset__scrollwrap");
            if (wrapper) update(wrapper);
          });
        })
      : null;

  /* Visible text of an element without Material's "¶" permalink. */
  function text(element) {
    var copy = element.cloneNode(true);
    copy.querySelectorAll(".headerlink, .md-annotation").forEach(function (node) {
      node.remove();
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  /* The table's caption, else the nearest heading before the table, else the word "Table". */
  function labelFor(wrapper) {
    var caption = wrapper.querySelector("caption");
    if (caption && text(caption)) return text(caption);
    var node = wrapper;
    while (node && !node.classList.contains("md-typeset")) {
      var sibling = node.previousElementSibling;
      while (sibling) {
        if (/^H[1-6]$/.test(sibling.tagName) && text(sibling)) return text(sibling);
        sibling = sibling.previousElementSibling;
      }
      node = node.parentElement;
    }
    return "Table";
  }

  function update(wrapper) {
    var scrolls = wrapper.scrollWidth > wrapper.clientWidth + 1;
    if (scrolls && !wrapper.hasAttribute("tabindex")) {
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("aria-label", labelFor(wrapper));
      wrapper.setAttribute(MARK, "");
    } else if (!scrolls && wrapper.hasAttribute(MARK)) {
      ["tabindex", "role", "aria-label", MARK].forEach(function (name) {
        wrapper.removeAttribute(name);
      });
    }
  }

  function markInternalLinks() {
    document.querySelectorAll(".md-typeset a[href]").forEach(function (link) {
      if (link.origin === window.location.origin) link.setAttribute("data-mic-link", "internal");
    });
  }

  function selectAll(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function enhanceSnippets() {
    document.querySelectorAll(".mic-badge__snippet").forEach(function (snippet) {
      if (snippet.hasAttribute("tabindex")) return;
      var label = snippet.previousElementSibling;
      var name = label && label.classList.contains("mic-badge__label") ? text(label) : "Embed";
      snippet.setAttribute("tabindex", "0");
      snippet.setAttribute("role", "textbox");
      snippet.setAttribute("aria-readonly", "true");
      snippet.setAttribute("aria-multiline", "true");
      snippet.setAttribute("aria-label", name + " snippet to copy");
      snippet.addEventListener("focus", function () {
        selectAll(snippet);
      });
    });
  }

  function enhance() {
    markInternalLinks();
    enhanceSnippets();
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrapper) {
      update(wrapper);
      if (resizeObserver && watched && !watched.has(wrapper)) {
        watched.add(wrapper);
        resizeObserver.observe(wrapper);
        var table = wrapper.querySelector("table");
        if (table) resizeObserver.observe(table);
      }
    });
  }

  function resetRestoredToggles() {
    var navigation = window.performance && performance.getEntriesByType
      ? performance.getEntriesByType("navigation")[0]
      : null;
    if (!navigation || (navigation.type !== "reload" && navigation.type !== "back_forward")) return;
    ["__drawer", "__search"].forEach(function (id) {
      var toggle = document.getElementById(id);
      if (toggle && toggle.checked) {
        toggle.checked = false;
        toggle.dispatchEvent(new Event("change"));
      }
    });
  }

  resetRestoredToggles();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    /* Material emits document$ on first load and after every instant navigation. */
    window.document$.subscribe(function () {
      enhance();
      window.requestAnimationFrame(enhance);
    });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
  if (!resizeObserver) window.addEventListener("resize", enhance);
})();
