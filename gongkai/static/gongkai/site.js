// Large-text switch for older readers; remembered on this device.
(function () {
  var KEY = "gongkai-large-text";
  var root = document.documentElement;
  if (localStorage.getItem(KEY) === "1") root.classList.add("large-text");
  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll("[data-toggle-large-text]");
    buttons.forEach(function (button) {
      var sync = function () {
        var on = root.classList.contains("large-text");
        button.setAttribute("aria-pressed", on ? "true" : "false");
        button.textContent = on ? "标准字号" : "大字版";
      };
      sync();
      button.addEventListener("click", function () {
        root.classList.toggle("large-text");
        localStorage.setItem(KEY, root.classList.contains("large-text") ? "1" : "0");
        sync();
      });
    });
  });
})();

// A select with data-filter-by="<id of another select>" shows only the options whose
// data-outcome matches the value chosen there (a reply's reasons for its outcome). The server
// checks the pair again; without script every option stays available.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("select[data-filter-by]").forEach(function (select) {
    var by = document.getElementById(select.getAttribute("data-filter-by"));
    if (!by) return;
    var sync = function () {
      Array.prototype.forEach.call(select.options, function (option) {
        var outcome = option.getAttribute("data-outcome");
        var show = !outcome || outcome === by.value;
        option.hidden = !show;
        option.disabled = !show;
        if (!show && option.selected) select.value = "";
      });
    };
    by.addEventListener("change", sync);
    sync();
  });
});

// After a refused submit the page comes back with an error summary (gk/error_summary.html):
// move the focus there, so the user starts at the list of what to fix and can follow its links
// to each field. A summary inside a closed <details> opens it first.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (!summary) return;
  var details = summary.closest("details");
  if (details) details.open = true;
  summary.focus();
});

// A page of work in progress (a report import) reloads itself every N seconds while its
// checkbox input[data-auto-refresh="N"] stays ticked. The visitor can untick it to read in peace
// (WCAG 2.2.1 — a <meta refresh> could not be stopped); the choice holds for this page and tab.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.querySelector("input[data-auto-refresh]");
  if (!box) return;
  var key = "gongkai-no-refresh:" + location.pathname;
  var seconds = parseInt(box.getAttribute("data-auto-refresh"), 10) || 5;
  try {
    if (sessionStorage.getItem(key) === "1") box.checked = false;
  } catch (e) {}
  box.addEventListener("change", function () {
    try {
      sessionStorage.setItem(key, box.checked ? "0" : "1");
    } catch (e) {}
  });
  setInterval(function () {
    if (box.checked) location.reload();
  }, seconds * 1000);
});
