/* The public map of reports: points from points.json for the filter in the form, drawn
   with PenataMap (map.js). Changing a filter reloads the points and the page address,
   so a filtered map can be shared. Reports cluster around towns, so points closer than
   CELL pixels are drawn as one numbered circle; a tap on it zooms in. */
(function () {
  "use strict";

  // The same colours as the status badges and the legend (public.css).
  var COLORS = { dispatched: "#0f6273", answered: "#3559a8", finished: "#1f7a4d" };
  var CELL = 36;

  document.addEventListener("DOMContentLoaded", function () {
    var element = document.getElementById("complaint-map");
    if (!element || !window.PenataMap) return;
    var form = document.querySelector("[data-testid=report-filter]");
    var count = document.getElementById("map-count");
    var labels = JSON.parse(document.getElementById("map-status-labels").textContent);
    var handle = window.PenataMap.create(element, {});
    var map = handle.map;
    var clusters = L.layerGroup().addTo(map);
    var points = [];
    var pending = null;

    function marker(point) {
      return {
        lat: point.lat,
        lon: point.lon,
        title: point.code,
        text: point.category + " \u00b7 " + (labels[point.status] || point.status),
        url: element.dataset.statusUrl.replace("CODE", encodeURIComponent(point.code)),
        color: COLORS[point.status],
      };
    }

    function draw() {
      var zoom = map.getZoom();
      var cells = {};
      points.forEach(function (point) {
        var pixel = map.project([point.lat, point.lon], zoom);
        var key = Math.floor(pixel.x / CELL) + ":" + Math.floor(pixel.y / CELL);
        (cells[key] = cells[key] || []).push(point);
      });
      var singles = [];
      clusters.clearLayers();
      Object.keys(cells).forEach(function (key) {
        var group = cells[key];
        if (group.length === 1 || zoom >= map.getMaxZoom()) {
          singles = singles.concat(group);
          return;
        }
        var lat = 0;
        var lon = 0;
        group.forEach(function (point) {
          lat += point.lat / group.length;
          lon += point.lon / group.length;
        });
        var size = group.length < 10 ? 30 : group.length < 100 ? 36 : 44;
        var icon = L.divIcon({
          className: "cp-cluster",
          html: "<span>" + group.length + "</span>",
          iconSize: [size, size],
        });
        L.marker([lat, lon], { icon: icon, keyboard: true, title: String(group.length) })
          .on("click", function () {
            map.setView([lat, lon], Math.min(zoom + 2, map.getMaxZoom()));
          })
          .addTo(clusters);
      });
      // Newest last, so drawn on top.
      handle.setMarkers(singles.slice().reverse().map(marker));
    }
    map.on("zoomend", draw);

    function query() {
      var params = new URLSearchParams(new FormData(form));
      Array.from(params.keys()).forEach(function (key) {
        if (!params.get(key)) params.delete(key);
      });
      return params.toString();
    }

    function show(data) {
      points = data.points;
      draw();
      var text = count.dataset.msgCount.replace("%(count)s", data.count.toLocaleString(document.documentElement.lang || undefined));
      if (data.capped) text += " " + count.dataset.msgCapped;
      count.textContent = text;
      count.classList.toggle("text-warning-emphasis", data.capped);
      element.setAttribute("data-points", String(data.count));
    }

    function load() {
      var qs = query();
      if (pending) pending.abort();
      pending = new AbortController();
      fetch(element.dataset.pointsUrl + (qs ? "?" + qs : ""), {
        credentials: "same-origin",
        signal: pending.signal,
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error("points " + response.status);
          return response.json();
        })
        .then(show)
        .catch(function (error) {
          if (error.name === "AbortError") return;
          count.textContent = count.dataset.msgFailed;
        });
      history.replaceState(null, "", window.location.pathname + (qs ? "?" + qs : ""));
    }

    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        load();
      });
      form.addEventListener("change", load);
    }
    load();
  });
})();
