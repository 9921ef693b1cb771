// Screen pop: while an agent has the intake page open, ask every few seconds whether the
// telephony system reported a call just answered by this agent; if so, open the intake form
// for that caller (their earlier tickets are shown there). Only when the form is still empty,
// so a half-typed ticket is never thrown away.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.dataset.next;
  if (!url) return;
  function formIsEmpty() {
    var content = document.querySelector("textarea[name=content]");
    return !content || content.value.trim() === "";
  }
  function poll() {
    if (!formIsEmpty()) return;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { url: null }; })
      .then(function (data) { if (data.url && formIsEmpty()) window.location.assign(data.url); })
      .catch(function () {});
  }
  window.setInterval(poll, 4000);
})();
