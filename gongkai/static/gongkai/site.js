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
