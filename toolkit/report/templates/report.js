(function () {
  "use strict";
  var table = document.getElementById("findings");
  if (!table) { return; }
  var bodies = Array.prototype.slice.call(table.querySelectorAll("tbody.finding"));
  var selects = Array.prototype.slice.call(document.querySelectorAll("[data-filter]"));
  var counter = document.getElementById("shown");

  function toggle(body, open) {
    var detail = body.querySelector("tr.detail");
    var show = open === undefined ? detail.classList.contains("hidden") : open;
    detail.classList.toggle("hidden", !show);
    body.classList.toggle("open", show);
    body.querySelector("tr.row").setAttribute("aria-expanded", show ? "true" : "false");
  }
  bodies.forEach(function (body) {
    var row = body.querySelector("tr.row");
    row.addEventListener("click", function (e) { if (e.target.tagName !== "A") { toggle(body); } });
    row.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(body); } });
  });

  function applyFilters() {
    var shown = 0;
    bodies.forEach(function (body) {
      var ok = selects.every(function (s) {
        var want = s.value;
        if (!want) { return true; }
        var have = body.getAttribute("data-" + s.getAttribute("data-filter")) || "";
        if (s.getAttribute("data-filter") === "outlets") { return have.split("\u001f").indexOf(want) >= 0; }
        if (s.getAttribute("data-filter") === "text") { return have.indexOf(want.toLowerCase()) >= 0; }
        return have === want;
      });
      body.classList.toggle("hidden", !ok);
      if (ok) { shown += 1; }
    });
    if (counter) { counter.textContent = String(shown); }
  }
  selects.forEach(function (s) { s.addEventListener("input", applyFilters); s.addEventListener("change", applyFilters); });

  var headers = Array.prototype.slice.call(table.querySelectorAll("th.sortable"));
  headers.forEach(function (th) {
    th.addEventListener("click", function () {
      var key = th.getAttribute("data-sort");
      var numeric = th.hasAttribute("data-numeric");
      var asc = !th.classList.contains("sorted-asc");
      headers.forEach(function (h) { h.classList.remove("sorted-asc", "sorted-desc"); });
      th.classList.add(asc ? "sorted-asc" : "sorted-desc");
      var sorted = bodies.slice().sort(function (a, b) {
        var x = a.getAttribute("data-sort-" + key) || "", y = b.getAttribute("data-sort-" + key) || "";
        var c = numeric ? (parseFloat(x || "-1") - parseFloat(y || "-1")) : x.localeCompare(y);
        if (c === 0) { c = parseInt(a.getAttribute("data-order"), 10) - parseInt(b.getAttribute("data-order"), 10); }
        return asc ? c : -c;
      });
      sorted.forEach(function (body) { table.appendChild(body); });
    });
  });

  function openFromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var body = id && document.getElementById(id);
    if (body && body.classList.contains("finding")) { toggle(body, true); body.scrollIntoView(); }
  }
  window.addEventListener("hashchange", openFromHash);
  openFromHash();
  applyFilters();
})();
