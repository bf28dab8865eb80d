/* The disclosure page and the edit forms without full reloads (no library):
   - a row's name selects it: the source page beside the tables is fetched alone (?fragment=page)
     and the address changes to the row's, so reloading or sharing it shows the same;
   - the page links beside a record fetch that page the same way;
   - a click on the page image zooms it to its full size, another click restores it;
   - following a link to a finding inside a closed <details> opens it. */
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
  window.addEventListener("hashchange", openTarget);
  document.addEventListener("DOMContentLoaded", openTarget);
})();
