// Type-ahead for long pick lists (select[data-filter]): a labelled search box before the list
// keeps only the options whose text contains what was typed. The list itself is what the
// server allows (e.g. the body's 规章 and 规范性文件), and the server checks the choice again.
(function () {
  function attach(select) {
    var box = document.createElement("input");
    box.type = "search";
    box.id = select.id + "_filter";
    box.className = "select-filter";
    box.setAttribute("autocomplete", "off");
    var label = document.createElement("label");
    label.htmlFor = box.id;
    label.textContent = select.getAttribute("data-filter");
    var wrap = document.createElement("div");
    wrap.className = "select-filter-wrap";
    wrap.appendChild(label);
    wrap.appendChild(box);
    select.parentNode.insertBefore(wrap, select);
    var options = Array.prototype.slice.call(select.options);
    box.addEventListener("input", function () {
      var q = box.value.trim();
      options.forEach(function (option) {
        // the empty choice and the current choice stay; nothing is chosen for the user
        option.hidden = !(!option.value || option.selected || option.text.indexOf(q) !== -1);
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[data-filter]").forEach(attach);
  });
})();
