// Type-ahead for inputs with data-suggest-url: fills their <datalist> with matching body
// names as the visitor types (native datalist: keyboard and screen-reader support come free).
(function () {
  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var url = input.getAttribute("data-suggest-url");
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        if (!q || q === last) return;
        last = q;
        fetch(url + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { items: [] }; })
          .then(function (data) {
            list.textContent = "";
            data.items.forEach(function (item) {
              var option = document.createElement("option");
              option.value = item.name;
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are a convenience; the form still works */ });
      }, 150);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-suggest-url][list]").forEach(attach);
  });
})();
