/* The reporter's secret for this tab only (sessionStorage, never sent anywhere but the
   forms of this report): typed once on the track page, it fills the secret field of the
   status page's actions, which the server needs to confirm the reporter. Without
   JavaScript the reporter types the secret in each form. */
(function () {
  "use strict";
  var PREFIX = "penata:complaint-secret:";

  function canonical(text) {
    var cleaned = (text || "").toUpperCase().replace(/[\s.\-]/g, "");
    if (cleaned.indexOf("LPR") === 0) cleaned = cleaned.slice(3);
    if (cleaned.length !== 8) return null;
    return "LPR-" + cleaned.slice(0, 4) + "-" + cleaned.slice(4);
  }

  function store() {
    try { return window.sessionStorage; } catch (error) { return null; }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var storage = store();
    if (!storage) return;

    document.querySelectorAll("form[data-remember-secret]").forEach(function (form) {
      form.addEventListener("submit", function () {
        var code = canonical((form.querySelector("[name=code]") || {}).value);
        var secret = ((form.querySelector("[name=secret]") || {}).value || "").trim();
        if (code && secret) storage.setItem(PREFIX + code, secret);
      });
    });

    // A page that shows a fresh secret (after filing) may hand it over the same way:
    // <span hidden data-remember-secret-code="LPR-..." data-remember-secret-value="..."></span>
    document.querySelectorAll("[data-remember-secret-code][data-remember-secret-value]").forEach(function (element) {
      var code = canonical(element.getAttribute("data-remember-secret-code"));
      var secret = element.getAttribute("data-remember-secret-value");
      if (code && secret) storage.setItem(PREFIX + code, secret);
    });

    document.querySelectorAll(".js-secret-wrap[data-code]").forEach(function (wrap) {
      var key = PREFIX + wrap.getAttribute("data-code");
      var input = wrap.querySelector("input[data-reporter-secret]");
      if (!input) return;
      if (wrap.querySelector(".invalid-feedback")) {
        // The server refused the stored secret: forget it and let the reporter type it.
        storage.removeItem(key);
        return;
      }
      var secret = storage.getItem(key);
      if (secret) {
        input.value = secret;
        wrap.hidden = true;
      }
    });
  });
})();
