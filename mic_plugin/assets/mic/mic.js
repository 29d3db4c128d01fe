/* Make It Count: progressive enhancement. Every page is complete without this script.
 *
 * "You said, we did" pages: shows the filter form (native, labelled <select>s) and, when a reader changes
 * it, loads the compact index (you-said-we-did/items.json, once), combines the status, theme and activity
 * filters over every item of the site, and lists the matches 50 at a time with a "Show more" button (an
 * address with ?status=, ?theme= or ?activity= opens the list so filtered). The
 * number of matches is announced through a live region. Data is written with textContent, never as HTML.
 * Printing opens the update histories.
 */
(function () {
  "use strict";

  var STEP = 50;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];

  function humanDate(iso) {
    var p = iso.split("-");
    if (WORDS.dates) {
      return WORDS.dates[parseInt(p[1], 10) - 1].replace("{d}", String(parseInt(p[2], 10))).replace("{y}", p[0]);
    }
    return parseInt(p[2], 10) + " " + MONTHS[parseInt(p[1], 10) - 1] + " " + p[0];
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }


  // The page's own words (data-mic-words, written by the plugin in the page's language); English otherwise.
  var ENGLISH = {lang: "en-GB", read: "Read it in full, with the response", item: "(item {id})",
    again: "Showing this page's list again.", loading: "Loading…", none: "No items match these filters.",
    failed: "The filter could not load its data. The lists on this page still show every item.",
    people: {one: "{n} person", other: "{n} people"},
    matches: {one: "{n} item matches these filters", other: "{n} items match these filters"},
    more: {other: "Show {n} more"}, first: {other: "; showing the first {n}."}};
  var WORDS = ENGLISH;

  function say(forms, n) {
    var category = "other";
    try { category = new Intl.PluralRules(WORDS.lang).select(n); } catch (e) { /* an unknown tag */ }
    var text = forms[category] || forms.other;
    var shown;
    try { shown = n.toLocaleString(WORDS.lang); } catch (e) { shown = String(n); }
    return text.replace("{n}", shown);
  }

  function setupFilter(form) {
    if (form.getAttribute("data-mic-ready")) return;
    form.setAttribute("data-mic-ready", "1");
    try { WORDS = JSON.parse(form.getAttribute("data-mic-words")) || ENGLISH; } catch (e) { WORDS = ENGLISH; }
    var list = document.querySelector("[data-mic-list]");
    var out = document.querySelector("[data-mic-results]");
    var count = document.querySelector("[data-mic-count]");
    var selects = {status: form.elements.status, theme: form.elements.theme, activity: form.elements.activity};
    var initial = {status: selects.status.value, theme: selects.theme.value, activity: selects.activity.value};
    var loading = null;
    var index = null;
    var matches = [];
    var shown = 0;

    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    function load() {
      if (!loading) {
        loading = fetch(new URL(form.getAttribute("data-index"), window.location.href).href)
          .then(function (response) {
            if (!response.ok) throw new Error(response.status);
            return response.json();
          })
          .then(function (data) { index = data; return data; });
      }
      return loading;
    }

    function current() {
      return {status: selects.status.value, theme: selects.theme.value, activity: selects.activity.value};
    }

    function isInitial(f) {
      return f.status === initial.status && f.theme === initial.theme && f.activity === initial.activity;
    }

    function filter(f) {
      var status = -1, theme = -1, activity = -1, i;
      for (i = 0; i < index.statuses.length; i++) if (index.statuses[i][0] === f.status) status = i;
      for (i = 0; i < index.themes.length; i++) if (index.themes[i][0] === f.theme) theme = i;
      for (i = 0; i < index.activities.length; i++) if (index.activities[i][0] === f.activity) activity = i;
      return index.items.filter(function (item) {
        return (!f.status || item[2] === status) && (!f.theme || item[3].indexOf(theme) !== -1) &&
          (!f.activity || item[1] === activity);
      });
    }

    function row(item, root) {
      var activity = index.activities[item[1]];
      var status = index.statuses[item[2]];
      var li = el("li", "mic-row mic-item--" + status[0]);
      var meta = el("p", "mic-meta");
      meta.appendChild(el("span", "mic-status mic-status--" + status[0], status[1]));
      if (item[7]) {  // late: awaiting past the response-time promise
        meta.appendChild(document.createTextNode(" "));
        meta.appendChild(el("span", "mic-status mic-status--late", "Late"));
      }
      var time = el("time", "", humanDate(item[4]));
      time.setAttribute("datetime", item[4]);
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(time);
      meta.appendChild(document.createTextNode(" · " + say(WORDS.people, item[5]) + " · "));
      var page = new URL(activity[2], root).href;
      var activityLink = el("a", "", activity[1]);
      activityLink.href = page;
      meta.appendChild(activityLink);
      li.appendChild(meta);
      li.appendChild(el("p", "", item[6]));
      var more = el("p", "mic-row__more");
      var link = el("a", "", WORDS.read);
      link.href = page + "#" + item[0];
      link.appendChild(el("span", form.getAttribute("data-hidden-class"), " " + WORDS.item.replace("{id}", item[0])));
      more.appendChild(link);
      li.appendChild(more);
      return li;
    }

    function render(more) {
      var root = new URL(form.getAttribute("data-root"), window.location.href).href;
      var ol = out.querySelector("ol");
      if (!more) {
        out.textContent = "";
        shown = 0;
        ol = el("ol", "mic-rows");
        out.appendChild(ol);
      }
      var first = null;
      var end = Math.min(matches.length, shown + STEP);
      for (var i = shown; i < end; i++) {
        var li = row(matches[i], root);
        if (!first) first = li;
        ol.appendChild(li);
      }
      shown = end;
      var old = out.querySelector("button");
      if (old) old.parentNode.removeChild(old);
      if (shown < matches.length) {
        var button = el("button", form.querySelector("[data-mic-clear]").className,
          say(WORDS.more, Math.min(STEP, matches.length - shown)));
        button.type = "button";
        button.addEventListener("click", function () { render(true); });
        out.appendChild(button);
      }
      if (more && first) {
        var a = first.querySelector(".mic-row__more a");
        if (a) a.focus();
      }
    }

    function update() {
      var f = current();
      if (isInitial(f)) {
        out.hidden = true;
        out.textContent = "";
        list.hidden = false;
        count.textContent = WORDS.again;
        return;
      }
      count.textContent = WORDS.loading;
      load().then(function () {
        matches = filter(f);
        list.hidden = true;
        out.hidden = false;
        render(false);
        count.textContent = matches.length === 0 ? WORDS.none :
          say(WORDS.matches, matches.length) +
          (matches.length > STEP ? say(WORDS.first, Math.min(STEP, matches.length)) : ".");
      }).catch(function () {
        count.textContent = WORDS.failed;
      });
    }

    Object.keys(selects).forEach(function (name) { selects[name].addEventListener("change", update); });
    var clear = form.querySelector("[data-mic-clear]");
    if (clear) clear.addEventListener("click", function () {
      selects.status.value = ""; selects.theme.value = ""; selects.activity.value = "";
      update();
    });

    // A site with too many activities for every list page to carry their choices leaves the activity
    // filter empty (data-mic-fill): its choices, with counts, come from the compact index, which the
    // filter loads anyway, when the form is first used or the address asks for an activity.
    var fill = selects.activity.getAttribute("data-mic-fill") === "activities";
    var filled = null;
    function fillChoices() {
      if (!fill) return Promise.resolve();
      if (!filled) {
        filled = load().then(function () {
          var counts = {};
          index.items.forEach(function (item) { counts[item[1]] = (counts[item[1]] || 0) + 1; });
          index.activities.forEach(function (activity, i) {
            if (!counts[i]) return;
            var shown;
            try { shown = counts[i].toLocaleString(WORDS.lang); } catch (e) { shown = String(counts[i]); }
            var option = el("option", "", activity[1] + " (" + shown + ")");
            option.value = activity[0];
            selects.activity.appendChild(option);
          });
        });
      }
      return filled;
    }
    if (fill) {
      selects.activity.addEventListener("focus", function () { fillChoices(); });
      selects.activity.addEventListener("mousedown", function () { fillChoices(); });
    }

    // An address such as you-said-we-did/?theme=transport (an item's theme links there) opens the list
    // filtered; values that are not choices of the form are ignored.
    var params = new URLSearchParams(window.location.search);
    function presetFromAddress() {
      var preset = false;
      Object.keys(selects).forEach(function (name) {
        var value = params.get(name);
        if (value && Array.prototype.some.call(selects[name].options, function (o) { return o.value === value; })) {
          selects[name].value = value;
          preset = true;
        }
      });
      if (preset) update();
    }
    if (fill && params.get("activity")) fillChoices().then(presetFromAddress, presetFromAddress);
    else presetFromAddress();
  }

  /* An activity with many items keeps, for each item shown on a later page, an element with its id that
     links there: a permalink to it (activities/ID/#FEEDBACK-ID) goes on to the item itself. The outcomes
     index does the same for each measure (outcomes/#measure_SCOPE_ID goes on to its chart). */
  function followMoved() {
    if (!window.location.hash) return;
    var id;
    try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (e) { return; }
    var target = document.getElementById(id);
    var moved = target && target.getAttribute("data-mic-moved");
    if (moved === "") {  /* no value: the element's own link says where (the outcomes index) */
      var link = target.querySelector("a[href]");
      moved = link && link.getAttribute("href");
    }
    var group = !moved && target && target.parentNode && target.parentNode.getAttribute &&
      target.parentNode.getAttribute("data-mic-moved-page");
    if (group) moved = group + "#" + encodeURIComponent(id);
    if (moved) window.location.replace(new URL(moved, window.location.href).href);
    else if (!target) followMap(id);
  }

  /* An activity too large for its page to keep an anchor for every item publishes, beside it, which page
     holds each of the others (activities/ID/feedback/pages.json: a page number of the list); the outcomes
     index does the same for measures (outcomes/pages.json: an address relative to the file). Read it only
     for such a permalink. */
  function followMap(id) {
    var list = document.querySelector("ul[data-mic-map]");
    if (!list || !window.fetch) return;
    var map = new URL(list.getAttribute("data-mic-map"), window.location.href).href;
    fetch(map)
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        var where = data && data.items && Object.prototype.hasOwnProperty.call(data.items, id) && data.items[id];
        var target = null;
        if (typeof where === "string") {
          target = new URL(where, map).href;
        } else {
          var page = where && list.querySelector('li[data-mic-page="' + where + '"]');
          target = page && page.getAttribute("data-mic-moved-page");
        }
        if (target) window.location.replace(new URL(target + "#" + encodeURIComponent(id), window.location.href).href);
      })
      .catch(function () { /* the list of pages above still leads to every item */ });
  }

  function init() {
    followMoved();
    var forms = document.querySelectorAll("form[data-mic-filter]");
    for (var i = 0; i < forms.length; i++) setupFilter(forms[i]);
  }

  window.addEventListener("hashchange", followMoved);

  window.addEventListener("beforeprint", function () {
    var details = document.querySelectorAll("details.mic-history");
    for (var i = 0; i < details.length; i++) details[i].open = true;
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
