/*
 * The public report form (complaints/intake/new.html): map pin, character counter,
 * category help, public-service search, similar reports, privacy and contact details.
 * Every message shown here comes from the page (data-msg-* attributes), so it is
 * translated with the page. The server validates everything again.
 */
(function () {
  "use strict";

  function byId(id) {
    return document.getElementById(id);
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (match, name) {
      return values[name] !== undefined ? values[name] : match;
    });
  }

  function fileSize(bytes) {
    if (bytes >= 1024 * 1024) return (bytes / (1024 * 1024)).toFixed(1) + " MB";
    if (bytes >= 1024) return Math.round(bytes / 1024) + " KB";
    return bytes + " B";
  }

  function refreshSimilar() {
    var panel = byId("similar");
    if (panel && window.htmx) {
      window.htmx.trigger(panel, "refresh");
    }
  }

  function setupCounter() {
    var area = byId("id_description");
    var count = byId("description-count");
    if (!area || !count) return;
    var max = parseInt(area.getAttribute("maxlength"), 10) || 5000;
    var box = count.closest(".char-counter");
    function update() {
      var length = area.value.length;
      count.textContent = length.toLocaleString(document.documentElement.lang || undefined);
      if (box) box.classList.toggle("text-danger", length >= max);
    }
    area.addEventListener("input", update);
    update();
  }

  function setupCategory() {
    var select = byId("id_category");
    var help = byId("category-help");
    if (!select) return;
    function update() {
      var option = select.options[select.selectedIndex];
      if (help) help.textContent = (option && option.dataset.description) || "";
    }
    select.addEventListener("change", function () {
      update();
      refreshSimilar();
    });
    update();
  }

  function setupServiceSearch() {
    var hidden = byId("id_public_service");
    var chosen = byId("service-chosen");
    var chosenName = byId("service-chosen-name");
    var search = byId("service-search");
    var results = byId("service-results");
    if (!hidden || !chosen || !search || !results) return;
    function show(id, name) {
      hidden.value = id || "";
      chosenName.textContent = name || "";
      chosen.hidden = !id;
      search.closest(".service-search").hidden = !!id;
      results.innerHTML = "";
      if (!id) search.focus();
    }
    results.addEventListener("click", function (event) {
      var button = event.target.closest("[data-service-id]");
      if (!button) return;
      event.preventDefault();
      show(button.dataset.serviceId, button.dataset.serviceName);
      search.value = "";
    });
    byId("service-clear").addEventListener("click", function () {
      show("", "");
    });
    // Enter in the search box must not send the whole report.
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
  }

  function setupLateHint() {
    var input = byId("id_service_date");
    var hint = byId("late-hint");
    if (!input || !hint) return;
    var days = parseInt(hint.dataset.days, 10) || 30;
    function update() {
      var late = false;
      if (input.value) {
        var chosen = new Date(input.value + "T00:00:00");
        var limit = new Date();
        limit.setHours(0, 0, 0, 0);
        limit.setDate(limit.getDate() - days);
        late = chosen < limit;
      }
      hint.hidden = !late;
    }
    input.addEventListener("change", update);
    update();
  }

  function setupAttachments() {
    var input = byId("id_attachments");
    var list = byId("attachments-list");
    var warning = byId("attachments-warning");
    if (!input || !list || !warning) return;
    var maxFiles = parseInt(input.dataset.maxFiles, 10) || 5;
    var maxBytes = parseInt(input.dataset.maxBytes, 10) || 10 * 1024 * 1024;
    input.addEventListener("change", function () {
      list.innerHTML = "";
      var problems = [];
      Array.prototype.forEach.call(input.files, function (file) {
        var item = document.createElement("li");
        item.textContent = file.name + " (" + fileSize(file.size) + ")";
        if (file.size > maxBytes) {
          item.className = "text-danger";
          problems.push(format(warning.dataset.msgTooLarge, { name: file.name }));
        }
        list.appendChild(item);
      });
      if (input.files.length > maxFiles) {
        problems.unshift(warning.dataset.msgTooMany);
      }
      warning.textContent = problems.join(" ");
      warning.hidden = problems.length === 0;
    });
  }

  function setupPrivacy() {
    var radios = document.querySelectorAll("input[name=privacy]");
    var section = byId("contact-section");
    var note = byId("anonymous-note");
    if (!radios.length || !section) return;
    function update() {
      var checked = document.querySelector("input[name=privacy]:checked");
      var anonymous = checked && checked.value === "anonymous";
      section.hidden = anonymous;
      if (note) note.hidden = !anonymous;
      // Disabled fields are not sent: an anonymous report carries no identity.
      section.querySelectorAll("input").forEach(function (field) {
        field.disabled = anonymous;
      });
    }
    radios.forEach(function (radio) {
      radio.addEventListener("change", update);
    });
    update();
  }

  function setupMap() {
    var element = byId("complaint-map");
    var lat = byId("id_latitude");
    var lon = byId("id_longitude");
    if (!element || !lat || !lon || !window.PenataMap || !window.L) return;
    var status = byId("pin-status");
    var clear = byId("pin-clear");
    var locate = byId("pin-locate");
    var data = element.dataset;

    function showStatus(text, isError) {
      status.textContent = text;
      status.classList.toggle("text-danger", !!isError);
    }
    function pinned(latValue, lonValue) {
      lat.value = latValue.toFixed(6);
      lon.value = lonValue.toFixed(6);
      clear.hidden = false;
      showStatus(format(data.msgPinned, { lat: latValue.toFixed(5), lon: lonValue.toFixed(5) }), false);
      refreshSimilar();
    }

    var initial = lat.value && lon.value ? [parseFloat(lat.value), parseFloat(lon.value)] : null;
    if (initial && (isNaN(initial[0]) || isNaN(initial[1]))) initial = null;
    var handle = window.PenataMap.create(element, { pick: true, pin: initial, onPick: pinned });
    element._penataMap = handle;
    if (initial) {
      clear.hidden = false;
      showStatus(format(data.msgPinned, { lat: initial[0].toFixed(5), lon: initial[1].toFixed(5) }), false);
    }

    clear.addEventListener("click", function () {
      handle.clearPin();
      lat.value = "";
      lon.value = "";
      clear.hidden = true;
      showStatus(data.msgNone, false);
      refreshSimilar();
    });
    if (!("geolocation" in navigator)) {
      locate.hidden = true;
    }
    locate.addEventListener("click", function () {
      locate.disabled = true;
      showStatus(data.msgLocating, false);
      handle.locate({
        found: function () {
          locate.disabled = false;
        },
        outside: function () {
          locate.disabled = false;
          showStatus(data.msgOutside, true);
        },
        failed: function () {
          locate.disabled = false;
          showStatus(data.msgFailed, true);
        },
        unavailable: function () {
          locate.disabled = false;
          showStatus(data.msgFailed, true);
        },
      });
    });
    // A map drawn while its container was hidden or resized needs to measure again.
    window.addEventListener("resize", function () {
      handle.map.invalidateSize();
    });
  }

  function setupKecamatan() {
    var input = byId("id_kecamatan");
    if (!input) return;
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refreshSimilar, 500);
    });
  }

  function setupSubmit() {
    var form = byId("complaint-form");
    var button = byId("complaint-submit");
    if (!form || !button) return;
    form.addEventListener("submit", function () {
      // One click, one report: a second tap while uploading would file it twice.
      window.setTimeout(function () {
        button.disabled = true;
        button.classList.add("is-sending");
      }, 0);
    });
    // Back from the confirmation page (bfcache): the button works again.
    window.addEventListener("pageshow", function () {
      button.disabled = false;
      button.classList.remove("is-sending");
    });
  }

  function start() {
    setupCounter();
    setupCategory();
    setupServiceSearch();
    setupLateHint();
    setupAttachments();
    setupPrivacy();
    setupMap();
    setupKecamatan();
    setupSubmit();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
