// Repeated rows (competencies of a program, days of a schedule): "add a row" clones the
// empty row kept in a <template> and counts it in the formset's TOTAL_FORMS.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-formset-add]");
  if (!button) { return; }
  var prefix = button.getAttribute("data-formset-add");
  var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
  var template = document.getElementById(prefix + "-empty");
  var rows = document.getElementById(prefix + "-rows");
  if (!total || !template || !rows) { return; }
  var index = parseInt(total.value, 10);
  var html = template.innerHTML.replace(/__prefix__/g, String(index));
  rows.insertAdjacentHTML("beforeend", html);
  total.value = String(index + 1);
  var added = rows.lastElementChild && rows.lastElementChild.querySelector("input, select");
  if (added) { added.focus(); }
});

// The day rows of a schedule matter only when the schedule is "as listed below".
(function () {
  var mode = document.querySelector("[data-schedule-mode]");
  var rows = document.querySelector("[data-schedule-rows]");
  if (!mode || !rows) { return; }
  function sync() {
    var checked = mode.querySelector("input[type=radio]:checked");
    rows.hidden = !checked || checked.value !== "listed";
  }
  mode.addEventListener("change", sync);
  sync();
})();
