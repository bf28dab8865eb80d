/* The disclosure page and the edit forms without full reloads (no library):
   - a row's name selects it: the source page beside the tables is fetched alone (?fragment=page)
     and the address changes to the row's, so reloading or sharing it shows the same;
   - the page links beside a record fetch that page the same way;
   - a click on the page image zooms it to its full size, another click restores it;
   - following a link to a finding inside a closed <details> opens it;
   - a row's 更正 opens its edit form in the side panel (the edit view's ?fragment=form), submitted
     with fetch: a save swaps in the tables and finding counts the disclosure page renders after it
     (?fragment=tables, by id) and returns focus to the row; errors and conflicts come back in the
     panel. Any other answer, or a failed request, falls back to the page itself. */
(function () {
  "use strict";

  function pageView() { return document.querySelector(".page-view[data-fragment]"); }

  function load(url, view) {
    var fragment = new URL(url, window.location.href);
    fragment.pathname = view.dataset.fragment;
    fragment.hash = "";
    fragment.searchParams.set("fragment", "page");
    return fetch(fragment, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.text();
    }).then(function (html) {
      view.innerHTML = html;
      var split = view.closest(".split");
      if (split) { split.classList.toggle("no-source", !view.querySelector("img")); }
    });
  }

  function select(link, view) {
    var line = link.dataset.line;
    document.querySelectorAll(".selected").forEach(function (el) { el.classList.remove("selected"); });
    var row = document.getElementById("line-" + line);
    if (row) { row.classList.add("selected"); }
    return load(link.href, view).then(function () {
      history.replaceState(null, "", link.href);
    });
  }

  function asPanel(href) {
    var url = new URL(href, window.location.href);
    url.hash = "";
    url.searchParams.set("fragment", "form");
    return url;
  }

  function rowLink(line) { return document.querySelector("#line-" + line + " a[data-line]"); }

  function showPanel(view, html) {
    view.innerHTML = html;
    var split = view.closest(".split");
    if (split) { split.classList.remove("no-source"); }
    var field = view.querySelector("form.edit .invalid input, form.edit .invalid textarea") ||
      view.querySelector("form.edit input:not([type=hidden]), form.edit textarea");
    if (field) { field.focus(); }
  }

  function answered(response, saved) {
    // A form with its errors (200), a stale or unsigned form (409, 400), a refusal (403): shown in the panel.
    if (!saved && (response.redirected || [200, 400, 403, 409].indexOf(response.status) < 0)) {
      throw new Error(response.status);
    }
    return response.text();
  }

  function openForm(link, view) {
    document.querySelectorAll(".selected").forEach(function (el) { el.classList.remove("selected"); });
    var row = link.closest("[id^=line-]");
    if (row) { row.classList.add("selected"); }
    return fetch(asPanel(link.href), { credentials: "same-origin" }).then(function (response) {
      return answered(response, false);
    }).then(function (html) { showPanel(view, html); });
  }

  function swap(html, line, view) {
    var parsed = document.createElement("template");
    parsed.innerHTML = html;
    var status = parsed.content.getElementById("inline-status");
    Array.prototype.slice.call(parsed.content.children).forEach(function (el) {
      var old = el.id && el !== status && document.getElementById(el.id);
      if (old) { old.replaceWith(el); }
    });
    var link = rowLink(line);
    if (!link) { window.location.reload(); return null; }
    return select(link, view).then(function () {
      if (status) { view.prepend(status); }
      link.focus();
    });
  }

  function submitForm(form, view) {
    var button = form.querySelector("button[type=submit]");
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (button) { button.disabled = true; }
    return fetch(asPanel(form.action), {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "" }
    }).then(function (response) {
      var saved = new URL(response.url).searchParams.get("fragment") === "tables";
      return answered(response, saved).then(function (html) {
        return saved ? swap(html, form.dataset.line, view) : showPanel(view, html);
      });
    });
  }

  function openTarget() {
    if (!window.location.hash) { return; }
    var target = document.getElementById(window.location.hash.slice(1));
    for (var el = target; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") { el.open = true; }
    }
    if (target) { target.scrollIntoView({ block: "center" }); }
  }

  document.addEventListener("click", function (event) {
    var view = pageView();
    var edit = event.target.closest(".budget-table a.edit-line");
    if (edit && view && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      event.preventDefault();
      openForm(edit, view).catch(function () { window.location.href = edit.href; });
      return;
    }
    var cancel = event.target.closest(".page-view form.edit a.secondary");
    var back = cancel && rowLink(cancel.closest("form").dataset.line);
    if (back && view) {
      event.preventDefault();
      select(back, view).then(function () { back.focus(); }).catch(function () { window.location.href = back.href; });
      return;
    }
    var link = event.target.closest("a[data-line], a[data-page]");
    if (link && view && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      event.preventDefault();
      (link.dataset.line ? select(link, view) : load(link.href, view)).catch(function () {
        window.location.href = link.href;  // the page as before, reloaded whole
      });
      return;
    }
    var frame = event.target.closest(".page-view .frame");
    if (frame) { frame.classList.toggle("zoomed"); }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var view = pageView();
    if (!view || !form.matches(".page-view form.edit")) { return; }
    event.preventDefault();
    submitForm(form, view).catch(function () { form.submit(); });  // saved without the panel, as before
  });
  window.addEventListener("hashchange", openTarget);
  document.addEventListener("DOMContentLoaded", openTarget);
})();
