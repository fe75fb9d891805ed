/*
 * PenataMap: offline Leaflet maps for the complaint pages (report form, public map).
 *
 * The intranet has no tile server, so the base layer is the province's coast drawn from
 * a GeoJSON file shipped with the static files (maluku-utara.geojson, © OpenStreetMap
 * contributors, ODbL). Tiles are added on top only when a tile URL is configured
 * (settings PENATA_MAP_TILE_URL / PENATA_MAP_TILE_ATTRIBUTION).
 *
 * Needs Leaflet 1.9 (static/vendor/leaflet/leaflet.js and leaflet.css) loaded first.
 *
 *   var handle = window.PenataMap.create(element, options);
 *
 * element: the container, a <div> with a height (CSS). Options left out are read from
 * its data attributes:
 *   data-outline-url          URL of the outline GeoJSON (required)
 *   data-tile-url             tile URL template ("https://.../{z}/{x}/{y}.png"); "" = none
 *   data-tile-attribution     attribution text of the tiles
 *   data-bounds               JSON {"lat_min": .., "lat_max": .., "lon_min": .., "lon_max": ..}:
 *                             the province box; the initial view and the pan limit
 *   data-outline-attribution  attribution of the outline (default "© OpenStreetMap contributors")
 *
 * options (all optional):
 *   pick      true: a click on the map or dragging the pin places the pin (default false)
 *   zoomOnPick  on a pick map, a click at a lower zoom than this zooms in around the pin,
 *             so the reporter can drag it to the exact place (default 11; 0 = never)
 *   pin       [lat, lon]: the initial pin
 *   onPick    function (lat, lon): called after the user placed the pin (click, drag or
 *             locate()); lat/lon are numbers rounded to 6 decimals
 *   markers   [{lat, lon, title, text, url, color}]: read-only circle markers; the popup
 *             shows title (bold), text and a link to url, all as plain text (never HTML)
 *   bounds    [[latMin, lonMin], [latMax, lonMax]]: the view to fit instead of the box
 *   outlineUrl, tileUrl, tileAttribution, outlineAttribution: override the data attributes
 *   linkLabel text of the popup link (default: the element's data-link-label or "Open")
 *
 * handle:
 *   map                  the Leaflet map
 *   ready                a Promise resolved once the outline is drawn (or failed to load)
 *   setPin(lat, lon)     place the pin (does not call onPick) and show it
 *   clearPin()           remove the pin
 *   getPin()             [lat, lon] or null
 *   setMarkers(markers)  replace the read-only markers
 *   contains(lat, lon)   whether a point lies in the province box
 *   locate({found, outside, failed, unavailable})  the device's position (navigator.geolocation):
 *                        inside the box, the pin moves there (pick maps) and onPick runs,
 *                        then found(lat, lon); otherwise one of the other callbacks
 */
(function () {
  "use strict";

  var outlines = {};

  function round6(value) {
    return Math.round(value * 1e6) / 1e6;
  }

  function loadOutline(url) {
    if (!outlines[url]) {
      outlines[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) {
          throw new Error("outline " + response.status);
        }
        return response.json();
      });
    }
    return outlines[url];
  }

  function readBounds(element, options) {
    if (options.bounds) {
      return L.latLngBounds(options.bounds);
    }
    var raw = element.dataset.bounds;
    var box = raw ? JSON.parse(raw) : { lat_min: -2.6, lat_max: 3.0, lon_min: 124.0, lon_max: 129.9 };
    return L.latLngBounds([box.lat_min, box.lon_min], [box.lat_max, box.lon_max]);
  }

  function popupContent(marker, linkLabel) {
    var box = document.createElement("div");
    if (marker.title) {
      var title = document.createElement("strong");
      title.textContent = marker.title;
      box.appendChild(title);
    }
    if (marker.text) {
      var text = document.createElement("div");
      text.textContent = marker.text;
      box.appendChild(text);
    }
    if (marker.url) {
      var link = document.createElement("a");
      link.href = marker.url;
      link.textContent = linkLabel;
      box.appendChild(link);
    }
    return box;
  }

  function create(element, options) {
    options = options || {};
    var data = element.dataset;
    var outlineUrl = options.outlineUrl || data.outlineUrl;
    var tileUrl = options.tileUrl !== undefined ? options.tileUrl : data.tileUrl || "";
    var tileAttribution =
      options.tileAttribution !== undefined ? options.tileAttribution : data.tileAttribution || "";
    var outlineAttribution =
      options.outlineAttribution || data.outlineAttribution || "\u00a9 OpenStreetMap contributors";
    var linkLabel = options.linkLabel || data.linkLabel || "Open";
    var box = readBounds(element, {});
    var view = readBounds(element, options);

    var map = L.map(element, {
      preferCanvas: true,
      zoomSnap: 0.5,
      maxBounds: box.pad(0.25),
      maxBoundsViscosity: 0.8,
      maxZoom: tileUrl ? 19 : 16,
    });
    map.fitBounds(view);
    map.setMinZoom(Math.max(0, map.getBoundsZoom(box) - 1));
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(outlineAttribution);

    // The land; the sea is the container's background (complaints CSS).
    map.createPane("penata-land");
    map.getPane("penata-land").style.zIndex = 250;
    var ready = outlineUrl
      ? loadOutline(outlineUrl)
          .then(function (geojson) {
            L.geoJSON(geojson, {
              pane: "penata-land",
              interactive: false,
              style: { color: "#6f8b5e", weight: 1, fillColor: "#eef3e6", fillOpacity: 1 },
            }).addTo(map);
            element.classList.add("penata-map-ready");
          })
          .catch(function () {
            element.classList.add("penata-map-ready", "penata-map-no-outline");
          })
      : Promise.resolve();
    if (tileUrl) {
      L.tileLayer(tileUrl, { attribution: tileAttribution, maxZoom: 19 }).addTo(map);
    }

    var pin = null;
    var markerLayer = L.layerGroup().addTo(map);

    function contains(lat, lon) {
      return box.contains(L.latLng(lat, lon));
    }

    function setPin(lat, lon) {
      var position = L.latLng(lat, lon);
      if (pin) {
        pin.setLatLng(position);
      } else {
        pin = L.marker(position, { draggable: !!options.pick, keyboard: true, autoPan: true }).addTo(map);
        if (options.pick) {
          pin.on("dragend", function () {
            var moved = pin.getLatLng();
            picked(moved.lat, moved.lng);
          });
        }
      }
      return pin;
    }

    function clearPin() {
      if (pin) {
        map.removeLayer(pin);
        pin = null;
      }
    }

    function getPin() {
      if (!pin) {
        return null;
      }
      var position = pin.getLatLng();
      return [round6(position.lat), round6(position.lng)];
    }

    var zoomOnPick = options.zoomOnPick === undefined ? 11 : options.zoomOnPick;

    function picked(lat, lon) {
      lat = round6(lat);
      lon = round6(lon);
      setPin(lat, lon);
      if (zoomOnPick && map.getZoom() < zoomOnPick) {
        map.setView([lat, lon], zoomOnPick);
      }
      if (typeof options.onPick === "function") {
        options.onPick(lat, lon);
      }
    }

    function setMarkers(markers) {
      markerLayer.clearLayers();
      (markers || []).forEach(function (marker) {
        if (marker.lat === null || marker.lat === undefined || marker.lon === null || marker.lon === undefined) {
          return;
        }
        var color = marker.color || "#0f4c5c";
        L.circleMarker([marker.lat, marker.lon], {
          radius: 7,
          weight: 2,
          color: "#fff",
          fillColor: color,
          fillOpacity: 0.9,
        })
          .bindPopup(popupContent(marker, linkLabel))
          .addTo(markerLayer);
      });
    }

    function locate(callbacks) {
      callbacks = callbacks || {};
      if (!("geolocation" in navigator)) {
        if (callbacks.unavailable) callbacks.unavailable();
        return;
      }
      navigator.geolocation.getCurrentPosition(
        function (position) {
          var lat = position.coords.latitude;
          var lon = position.coords.longitude;
          if (!contains(lat, lon)) {
            if (callbacks.outside) callbacks.outside(lat, lon);
            return;
          }
          if (options.pick) {
            picked(lat, lon);
          }
          map.setView([lat, lon], Math.max(map.getZoom(), 14));
          if (callbacks.found) callbacks.found(round6(lat), round6(lon));
        },
        function (error) {
          if (callbacks.failed) callbacks.failed(error);
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 0 }
      );
    }

    if (options.pick) {
      map.on("click", function (event) {
        if (contains(event.latlng.lat, event.latlng.lng)) {
          picked(event.latlng.lat, event.latlng.lng);
        }
      });
    }
    if (options.pin && options.pin.length === 2) {
      setPin(options.pin[0], options.pin[1]);
      map.setView(options.pin, Math.max(map.getZoom(), 12));
    }
    if (options.markers) {
      setMarkers(options.markers);
    }

    return {
      map: map,
      ready: ready,
      setPin: function (lat, lon) {
        var marker = setPin(lat, lon);
        map.panTo(marker.getLatLng());
        return marker;
      },
      clearPin: clearPin,
      getPin: getPin,
      setMarkers: setMarkers,
      contains: contains,
      locate: locate,
    };
  }

  window.PenataMap = { create: create };
})();
