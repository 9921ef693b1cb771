// Live balance check on the report entry form: the rules come from the format definition
// (embedded as JSON by the server), so the browser checks exactly what the validator checks.
(function () {
  "use strict";
  var data = document.getElementById("rules-data");
  var form = document.getElementById("entry");
  if (!data || !form) return;
  var rules = JSON.parse(data.textContent);
  var NOT = { "=": "≠", "<=": ">", ">=": "<" };

  function value(key) {
    var input = form.querySelector('input[data-key="' + key + '"]');
    var raw = input ? input.value : (form.querySelector('span[data-key="' + key + '"]') || {}).textContent;
    raw = (raw || "").replace(/[\s,，]/g, "");
    var n = parseFloat(raw);
    return isNaN(n) ? 0 : n;
  }
  function fmt(n) { return String(Math.round(n * 10000) / 10000); }

  function check() {
    var failing = {};
    var messages = [];
    rules.forEach(function (r) {
      var l = r.left.reduce(function (s, t) { return s + value(t[0]); }, 0);
      var rv = r.right.reduce(function (s, t) { return s + value(t[0]); }, 0);
      var ok = r.op === "=" ? Math.abs(l - rv) < 1e-6 : r.op === "<=" ? l <= rv + 1e-6 : l >= rv - 1e-6;
      if (ok) return;
      var side = function (terms) {
        return terms.map(function (t) { return t[1]; }).join("+") + "（" +
          terms.map(function (t) { return fmt(value(t[0])); }).join("+") + "）";
      };
      var msg = "[" + r.rule + "] " + (r.scope ? r.scope + "：" : "") + side(r.left) + NOT[r.op] + " " +
        side(r.right) + "，差 " + fmt(Math.abs(l - rv));
      messages.push({ text: msg, severity: r.severity });
      r.left.concat(r.right).forEach(function (t) {
        failing[t[0]] = failing[t[0]] ? failing[t[0]] + "\n" + msg : msg;
      });
    });
    form.querySelectorAll("td[data-cell]").forEach(function (td) {
      var msg = failing[td.getAttribute("data-cell")];
      td.classList.toggle("rule-fail", !!msg);
      td.title = msg || "";
    });
    var list = document.getElementById("problems");
    if (list) {
      list.textContent = "";
      if (!messages.length) {
        var ok = document.createElement("li");
        ok.className = "ok";
        ok.textContent = "所有勾稽关系成立。";
        list.appendChild(ok);
      }
      messages.forEach(function (m) {
        var li = document.createElement("li");
        li.className = m.severity;
        li.textContent = m.text;
        list.appendChild(li);
      });
    }
  }
  form.addEventListener("input", check);
  check();
})();
