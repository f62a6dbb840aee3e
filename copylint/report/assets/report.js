"use strict";
// The review report's behaviour: the finding under the pointer or the keyboard
// focus shown in a tooltip, and the filters by severity and rule.  It copies
// existing DOM nodes only (no HTML from strings), so no article text can turn
// into markup here.
(function () {
  var tip = document.getElementById("tip");
  var active = [];

  function detailOf(mark) {
    var item = document.getElementById("f-" + mark.getAttribute("data-f"));
    return item ? item.querySelector(".detail") : null;
  }
  function marksOf(number) {
    return document.querySelectorAll('mark.hl[data-f="' + number + '"]');
  }
  function setActive(numbers) {
    active.forEach(function (m) { m.classList.remove("active"); });
    active = [];
    numbers.forEach(function (n) {
      marksOf(n).forEach(function (m) { m.classList.add("active"); active.push(m); });
    });
  }
  function show(marks, anchor) {
    var shown = marks.filter(function (m) { return !m.classList.contains("off"); });
    if (!shown.length) { hide(); return; }
    tip.replaceChildren();
    shown.forEach(function (m) {
      var detail = detailOf(m);
      if (!detail) { return; }
      var copy = detail.cloneNode(true);  // ids stay unique: the copy has none
      copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
      tip.appendChild(copy);
    });
    tip.hidden = false;
    var r = anchor.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var left = Math.max(4, Math.min(r.left, width - tip.offsetWidth - 4));
    tip.style.left = (window.scrollX + left) + "px";
    tip.style.top = (window.scrollY + r.bottom + 6) + "px";
    setActive(shown.map(function (m) { return m.getAttribute("data-f"); }));
  }
  function hide() {
    tip.hidden = true;
    tip.replaceChildren();
    setActive([]);
  }
  function enclosing(el) {
    var out = [];
    var m = el && el.closest ? el.closest("mark.hl") : null;
    while (m) {
      out.push(m);
      m = m.parentElement ? m.parentElement.closest("mark.hl") : null;
    }
    return out;
  }
  document.addEventListener("mouseover", function (e) {
    if (tip.contains(e.target)) { return; }
    var marks = enclosing(e.target);
    if (marks.length) { show(marks, marks[0]); }
    else if (!enclosing(document.activeElement).length) { hide(); }
  });
  document.addEventListener("focusin", function (e) {
    if (e.target.matches && e.target.matches("mark.hl")) { show([e.target], e.target); }
  });
  document.addEventListener("focusout", function (e) {
    if (e.target.matches && e.target.matches("mark.hl")) { hide(); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { hide(); }
  });

  // Going to a file or a finding opens its (possibly collapsed) file section.
  function reveal(id) {
    var el = id ? document.getElementById(id) : null;
    if (!el) { return; }
    var details = el.closest("details");
    if (details) { details.open = true; }
    if (el.matches("mark.hl")) { el.focus(); }
    el.scrollIntoView({ block: "center" });
  }
  document.addEventListener("click", function (e) {
    var link = e.target.closest ? e.target.closest('a[href^="#"]') : null;
    if (link) {
      e.preventDefault();
      var id = link.getAttribute("href").slice(1);
      history.replaceState(null, "", "#" + id);
      reveal(id);
    }
  });
  if (location.hash) { reveal(decodeURIComponent(location.hash.slice(1))); }

  // Filters: a finding shows when its severity and its rule are both ticked.
  var form = document.getElementById("filters");
  var counter = document.getElementById("shown-count");
  function applyFilters() {
    var sev = {}, rule = {};
    form.querySelectorAll("input[data-sev]").forEach(function (i) { sev[i.getAttribute("data-sev")] = i.checked; });
    form.querySelectorAll("input[data-rule]").forEach(function (i) { rule[i.getAttribute("data-rule")] = i.checked; });
    var visible = 0;
    document.querySelectorAll("li.finding").forEach(function (li) {
      var on = sev[li.getAttribute("data-sev")] !== false && rule[li.getAttribute("data-code")] !== false;
      li.hidden = !on;
      if (on) { visible += 1; }
    });
    document.querySelectorAll("mark.hl").forEach(function (m) {
      var on = sev[m.getAttribute("data-sev")] !== false && rule[m.getAttribute("data-code")] !== false;
      m.classList.toggle("off", !on);
      if (on) { m.setAttribute("tabindex", m.hasAttribute("data-first") ? "0" : "-1"); }
      else { m.setAttribute("tabindex", "-1"); }
    });
    if (counter) { counter.textContent = String(visible); }
    hide();
  }
  if (form) {
    form.addEventListener("change", applyFilters);
    form.querySelectorAll("button[data-all]").forEach(function (b) {
      b.addEventListener("click", function () {
        var on = b.getAttribute("data-all") === "on";
        form.querySelectorAll("input[data-rule]").forEach(function (i) { i.checked = on; });
        applyFilters();
      });
    });
  }
})();
