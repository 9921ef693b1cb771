// Kiosk: a back button that never leaves the kiosk, and a return to the kiosk home after a
// while without a touch, so the next visitor starts at the beginning.
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    var body = document.body;
    var home = body.getAttribute("data-kiosk-home");
    var idle = parseInt(body.getAttribute("data-idle-seconds"), 10) || 90;
    var note = document.querySelector("[data-kiosk-idle-note]");
    var back = document.querySelector("[data-kiosk-back]");
    if (back) {
      back.addEventListener("click", function () {
        // History may lead outside the kiosk (or be empty): then go to the kiosk home.
        var ref = document.referrer;
        var inside = ref && new URL(ref).origin === location.origin && new URL(ref).pathname.indexOf(home) === 0;
        if (inside && history.length > 1) history.back(); else location.href = home;
      });
    }
    var warnTimer = null;
    var homeTimer = null;
    function reset() {
      clearTimeout(warnTimer);
      clearTimeout(homeTimer);
      if (note) note.hidden = true;
      var atHome = location.pathname === home && !document.querySelector("details[open]") && window.scrollY === 0;
      if (atHome) return;
      warnTimer = setTimeout(function () { if (note) note.hidden = false; }, Math.max(idle - 10, 1) * 1000);
      homeTimer = setTimeout(function () { location.href = home; }, idle * 1000);
    }
    ["pointerdown", "keydown", "touchstart", "scroll", "toggle"].forEach(function (type) {
      document.addEventListener(type, reset, { passive: true, capture: true });
    });
    // Links inside published bodies would lead out of the kiosk; they are not followed.
    document.querySelectorAll(".kiosk-body a").forEach(function (a) { a.removeAttribute("href"); });
    reset();
  });
})();
