/* Complaints inbox: selection for bulk actions, the bulk action's own fields, the
   response-template picker and the routing suggestions. Everything also works without
   this file (the server checks every choice); it only saves clicks. */
(function () {
  "use strict";

  function bulkForm() { return document.getElementById("bulk-form"); }

  function updateCount() {
    var form = bulkForm();
    if (!form) { return; }
    var items = document.querySelectorAll("[data-bulk-item]");
    var checked = document.querySelectorAll("[data-bulk-item]:checked").length;
    var max = parseInt(form.dataset.max || "100", 10);
    form.querySelectorAll("[data-bulk-count]").forEach(function (el) { el.textContent = checked; });
    form.classList.toggle("bulk-over", checked > max);
    var all = document.querySelector("[data-bulk-all]");
    if (all) {
      all.checked = items.length > 0 && checked === items.length;
      all.indeterminate = checked > 0 && checked < items.length;
    }
  }

  function showBulkFields() {
    var form = bulkForm();
    if (!form) { return; }
    var select = form.querySelector("select[name='bulk-action']");
    var action = select ? select.value : "";
    form.querySelectorAll("[data-bulk-for]").forEach(function (el) {
      el.hidden = el.dataset.bulkFor !== action;
    });
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches("[data-bulk-all]")) {
      document.querySelectorAll("[data-bulk-item]").forEach(function (box) { box.checked = target.checked; });
      updateCount();
    } else if (target.matches("[data-bulk-item]")) {
      updateCount();
    } else if (target.matches("select[name='bulk-action']")) {
      showBulkFields();
    } else if (target.matches("#id_answer-template")) {
      var data = document.getElementById("response-templates");
      var answer = document.getElementById("id_answer-answer");
      if (data && answer && target.value) {
        var bodies = JSON.parse(data.textContent);
        if (bodies[target.value] !== undefined) {
          answer.value = bodies[target.value];
          answer.dispatchEvent(new Event("input", { bubbles: true }));
        }
      }
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-pick-agency]");
    if (!button) { return; }
    var select = document.getElementById(button.dataset.target);
    if (select) {
      select.value = button.dataset.pickAgency;
      select.focus();
    }
    document.querySelectorAll("[data-pick-agency]").forEach(function (other) {
      other.classList.toggle("active", other === button);
    });
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.id !== "bulk-form") { return; }
    var checked = document.querySelectorAll("[data-bulk-item]:checked").length;
    var max = parseInt(form.dataset.max || "100", 10);
    if (checked === 0 || checked > max) {
      // The server refuses it too; say so before the round trip.
      event.preventDefault();
      form.classList.add("bulk-over");
      return;
    }
    // Back to the list as filtered now (htmx may have changed the filters since the page loaded).
    var next = form.querySelector("input[name='next']");
    if (next) { next.value = window.location.pathname + window.location.search; }
  });

  document.addEventListener("DOMContentLoaded", function () { showBulkFields(); updateCount(); });
  document.addEventListener("htmx:afterSwap", updateCount);
})();
