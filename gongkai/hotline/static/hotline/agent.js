// The agent form: Ctrl+Enter submits; the caller's earlier tickets appear as the number is typed.
(function () {
  var form = document.getElementById("agent-form");
  var phone = document.getElementById("id_phone");
  var box = document.getElementById("earlier");
  // The earlier tickets belong right under the number they were found by.
  var field = phone.closest(".field");
  if (field) { field.after(box); }
  form.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); }
  });
  var timer = null;
  function show() {
    var centre = document.getElementById("id_centre").value;
    var url = form.dataset.callers + "?centre=" + encodeURIComponent(centre) + "&phone=" + encodeURIComponent(phone.value.trim());
    fetch(url, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (data) {
      box.textContent = "";
      if (!data.tickets.length) { return; }
      var h = document.createElement("h2"); h.textContent = "该来电人以往工单（" + data.tickets.length + "件）"; box.appendChild(h);
      var ul = document.createElement("ul");
      data.tickets.forEach(function (t) {
        var li = document.createElement("li"); var a = document.createElement("a");
        a.href = t.url; a.textContent = t.ticket_no; a.tabIndex = -1; li.appendChild(a);
        li.appendChild(document.createTextNode(" " + t.received_on + " " + t.type + " " + t.category + " " + t.status));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    });
  }
  phone.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(show, 250); });
  if (phone.value.trim().length >= 5) { show(); }  // opened by the screen pop with the number
})();
